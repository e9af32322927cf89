<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="kk_KZ">
<context>
    <name>Actions</name>
    <message>
        <location filename="../curator/gui/actions.py" line="28" />
        <source>&amp;New Story</source>
        <translation>&amp;Жаңа материал</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="28" />
        <source>Start a new story</source>
        <translation>Жаңа материал бастау</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="32" />
        <source>&amp;Save</source>
        <translation>&amp;Сақтау</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="34" />
        <source>Save the story as a new revision</source>
        <translation>Материалды жаңа нұсқа ретінде сақтау</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="38" />
        <source>Re&amp;vert to Saved…</source>
        <translation>Сақталғанға &amp;қайтару…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="40" />
        <source>Drop the unsaved changes of this story</source>
        <translation>Сақталмаған өзгерістерден бас тарту</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="44" />
        <source>&amp;Import Files…</source>
        <translation>Файлдарды &amp;импорттау…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="46" />
        <source>Import text and Markdown files as stories</source>
        <translation>Мәтін және Markdown файлдарын импорттау</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="50" />
        <source>Import &amp;Folder…</source>
        <translation>&amp;Буманы импорттау…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="52" />
        <source>Import every story file in a folder</source>
        <translation>Бумадағы барлық материалды импорттау</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="56" />
        <source>&amp;Export Story as HTML…</source>
        <translation>Материалды HTML-ге &amp;экспорттау…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="58" />
        <source>Write this story to one HTML file</source>
        <translation>Материалды бір HTML файлына жазу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="62" />
        <source>Export S&amp;tories…</source>
        <translation>&amp;Материалдарды экспорттау…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="64" />
        <source>Export a static site or a Markdown folder</source>
        <translation>Сайт немесе Markdown бумасын экспорттау</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="68" />
        <source>Re&amp;publish Site</source>
        <translation>Сайтты &amp;жаңарту</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="70" />
        <source>Export the last site again (only changed pages)</source>
        <translation>Соңғы сайтты қайта экспорттау (тек өзгерген беттер)</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="74" />
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="76" />
        <source>Quit Curator</source>
        <translation>Curator-дан шығу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="79" />
        <source>&amp;Undo</source>
        <translation>&amp;Болдырмау</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="80" />
        <source>&amp;Redo</source>
        <translation>&amp;Қайталау</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="82" />
        <source>&amp;Find…</source>
        <translation>&amp;Табу…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="82" />
        <source>Find in the story</source>
        <translation>Материалдан табу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="84" />
        <source>Find &amp;Next</source>
        <translation>&amp;Келесісін табу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="85" />
        <source>Find Pre&amp;vious</source>
        <translation>&amp;Алдыңғысын табу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="88" />
        <source>&amp;Replace…</source>
        <translation>&amp;Ауыстыру…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="90" />
        <source>Find and replace in the story</source>
        <translation>Материалда табу және ауыстыру</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="94" />
        <source>&amp;Bold</source>
        <translation>&amp;Жуан</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="96" />
        <source>Wrap the selection in ** **</source>
        <translation>Белгіленгенді ** ** ішіне алу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="100" />
        <source>&amp;Italic</source>
        <translation>&amp;Көлбеу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="102" />
        <source>Wrap the selection in * *</source>
        <translation>Белгіленгенді * * ішіне алу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="106" />
        <source>&amp;Search Library</source>
        <translation>Кітапханадан &amp;іздеу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="108" />
        <source>Search every story</source>
        <translation>Барлық материалдан іздеу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="113" />
        <source>&amp;Duplicate</source>
        <translation>&amp;Көшірме жасау</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="115" />
        <source>Copy this story into a new draft</source>
        <translation>Материалды жаңа жобаға көшіру</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="119" />
        <source>Move to &amp;Trash</source>
        <translation>&amp;Себетке</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="121" />
        <source>Move the selected stories to the trash</source>
        <translation>Таңдалған материалдарды себетке жіберу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="125" />
        <source>R&amp;estore from Trash</source>
        <translation>Себеттен &amp;қалпына келтіру</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="127" />
        <source>Bring the selected stories back</source>
        <translation>Таңдалған материалдарды қайтару</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="131" />
        <source>Delete for &amp;Good…</source>
        <translation>Біржола &amp;жою…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="133" />
        <source>Delete the selected stories and their history</source>
        <translation>Таңдалған материалдарды тарихымен бірге жою</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="135" />
        <source>Empty Tras&amp;h…</source>
        <translation>Себетті &amp;тазалау…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="138" />
        <source>&amp;History…</source>
        <translation>&amp;Тарих…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="140" />
        <source>Earlier revisions of this story</source>
        <translation>Материалдың бұрынғы нұсқалары</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="143" />
        <source>Go to &amp;List</source>
        <translation>&amp;Тізімге</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="144" />
        <source>Go to &amp;Editor</source>
        <translation>&amp;Редакторға</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="145" />
        <source>Go to &amp;Preview</source>
        <translation>&amp;Алдын ала көруге</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="146" />
        <source>Show P&amp;review</source>
        <translation>Алдын ала &amp;көрсету</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="147" />
        <source>Show Story &amp;Details</source>
        <translation>Материал &amp;деректерін көрсету</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="148" />
        <source>&amp;About Curator</source>
        <translation>Curator &amp;туралы</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="151" />
        <source>Curator &amp;User Guide</source>
        <translation>Curator &amp;нұсқаулығы</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="153" />
        <source>The manual: drafting, checking, linking, exporting, searching</source>
        <translation>Нұсқаулық: дайындау, тексеру, сілтемелер, экспорт, іздеу</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="157" />
        <source>Pre&amp;ferences…</source>
        <translation>&amp;Баптаулар…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="159" />
        <source>Profile, newsroom, editor, verdict scale, export defaults</source>
        <translation>Профиль, редакция, редактор, үкім шкаласы, экспорт</translation>
    </message>
</context>
<context>
    <name>DeskBanner</name>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="79" />
        <source>Who else is editing this story</source>
        <translation>Бұл материалды тағы кім түзетіп жатыр</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="82" />
        <source>Merge now</source>
        <translation>Біріктіру</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="83" />
        <source>Merge the version saved elsewhere into your text</source>
        <translation>Басқа жерде сақталған нұсқаны мәтініңізге біріктіру</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="96" />
        <source>{name} is editing since {time}</source>
        <translation>{name} {time} бастап түзетіп жатыр</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="97" />
        <source>Someone</source>
        <translation>Біреу</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="164" />
        <source>{name} saved this story at {time}; your edits are not saved yet.</source>
        <translation>{name} материалды {time} сақтады; сіздің түзетулеріңіз әлі сақталмаған.</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="165" />
        <location filename="../curator/gui/desk_controller.py" line="195" />
        <source>Someone</source>
        <translation>Біреу</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="195" />
        <source>{name} is editing since {time}</source>
        <translation>{name} {time} бастап түзетіп жатыр</translation>
    </message>
</context>
<context>
    <name>EditingController</name>
    <message>
        <location filename="../curator/gui/editing.py" line="145" />
        <source>Untitled story</source>
        <translation>Тақырыпсыз материал</translation>
    </message>
    <message>
        <location filename="../curator/gui/editing.py" line="158" />
        <source>Saving…</source>
        <translation>Сақталуда…</translation>
    </message>
    <message>
        <location filename="../curator/gui/editing.py" line="161" />
        <source>Recovered text, not saved</source>
        <translation>Қалпына келтірілген мәтін, сақталмаған</translation>
    </message>
    <message>
        <location filename="../curator/gui/editing.py" line="162" />
        <source>Unsaved changes</source>
        <translation>Сақталмаған өзгерістер</translation>
    </message>
    <message>
        <location filename="../curator/gui/editing.py" line="164" />
        <source>Saved %1</source>
        <translation>Сақталды %1</translation>
    </message>
</context>
<context>
    <name>EditorSection</name>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="137" />
        <source>Editor</source>
        <translation>Редактор</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="142" />
        <source>As the system</source>
        <translation>Жүйедегідей</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="143" />
        <source>Light</source>
        <translation>Ашық</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="144" />
        <source>Dark</source>
        <translation>Қараңғы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="148" />
        <source>How often unsaved text is kept for recovery after a crash</source>
        <translation>Ақаудан кейін қалпына келтіру үшін мәтін қаншалықты жиі сақталады</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="152" />
        <source>The language of the menus and dialogs (takes effect on the next start)</source>
        <translation>Мәзір мен терезелер тілі (келесі іске қосудан бастап)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="154" />
        <source>&amp;Font</source>
        <translation>&amp;Қаріп</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="155" />
        <source>Font &amp;size</source>
        <translation>Қаріп &amp;өлшемі</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="156" />
        <source>&amp;Theme</source>
        <translation>&amp;Тақырып</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="157" />
        <source>Keep unsaved text &amp;every</source>
        <translation>Мәтінді &amp;сайын сақтау</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="158" />
        <source>&amp;Language</source>
        <translation>&amp;Тіл</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="171" />
        <source>Export Stories</source>
        <translation>Материалдарды экспорттау</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="174" />
        <source>&amp;Website (HTML pages, index, tags, feed)</source>
        <translation>&amp;Сайт (HTML беттер, мазмұн, тегтер, арна)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="175" />
        <source>Folder of &amp;Markdown files (with front matter)</source>
        <translation>&amp;Markdown файлдарының бумасы (метадеректерімен)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="181" />
        <source>The site's name, e.g. Steppe Herald</source>
        <translation>Сайт атауы, мысалы «Дала хабаршысы»</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="185" />
        <source>Where the site will be published (optional): makes the feed's links whole</source>
        <translation>Сайт қайда жарияланады (міндетті емес): арнадағы толық сілтемелер үшін</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="188" />
        <source>YAML front matter (Hugo, Jekyll, Curator)</source>
        <translation>YAML метадеректері (Hugo, Jekyll, Curator)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="189" />
        <source>Pelican metadata lines</source>
        <translation>Pelican метадерек жолдары</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/dialogs/transfer.py" line="192" />
        <source>The %n selected stories</source>
        <translation><numerusform>Таңдалған %n материал</numerusform><numerusform>Таңдалған %n материал</numerusform></translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="194" />
        <source>Stories matching</source>
        <translation>Сұрауға сай материалдар</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="197" />
        <source>a search, e.g. tag:diplomacy after:2026-01 (empty: all)</source>
        <translation>сұрау, мысалы tag:diplomacy after:2026-01 (бос — бәрі)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="198" />
        <source>The whole library</source>
        <translation>Бүкіл кітапхана</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="202" />
        <source>Only &amp;published stories</source>
        <translation>Тек &amp;жарияланғандар</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="207" />
        <source>Choose an output folder</source>
        <translation>Экспорт бумасын таңдаңыз</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="208" />
        <source>C&amp;hoose…</source>
        <translation>&amp;Таңдау…</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="224" />
        <source>Export as</source>
        <translation>Пішім</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="226" />
        <source>Site &amp;title</source>
        <translation>Сайт &amp;атауы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="228" />
        <source>Site &amp;address</source>
        <translation>Сайт &amp;мекенжайы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="230" />
        <source>Front &amp;matter</source>
        <translation>&amp;Метадеректер</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="235" />
        <source>Stories</source>
        <translation>Материалдар</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="238" />
        <source>Include</source>
        <translation>Қосу</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="239" />
        <source>&amp;Into folder</source>
        <translation>&amp;Бумаға</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="242" />
        <source>An earlier export in that folder is replaced only when the new one is complete.</source>
        <translation>Бумадағы бұрынғы экспорт жаңасы толық дайын болғанда ғана ауыстырылады.</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="246" />
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="274" />
        <source>Export into</source>
        <translation>Экспорттау орны</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="287" />
        <source>The site address must start with http:// or https://</source>
        <translation>Сайт мекенжайы http:// немесе https:// басталуы керек</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="288" />
        <source>The site address</source>
        <translation>Сайт мекенжайы</translation>
    </message>
</context>
<context>
    <name>ExportSection</name>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="268" />
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="269" />
        <source>The site's name</source>
        <translation>Сайт атауы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="272" />
        <source>YAML front matter (Hugo, Jekyll, Curator)</source>
        <translation>YAML метадеректері (Hugo, Jekyll, Curator)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="273" />
        <source>Pelican metadata lines</source>
        <translation>Pelican метадерек жолдары</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="275" />
        <source>Site &amp;title</source>
        <translation>Сайт &amp;атауы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="276" />
        <source>Site &amp;address</source>
        <translation>Сайт &amp;мекенжайы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="277" />
        <source>&amp;Markdown for</source>
        <translation>&amp;Markdown үшін</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="288" />
        <source>Export: the site address must start with http:// or https://</source>
        <translation>Экспорт: сайт мекенжайы http:// немесе https:// басталуы керек</translation>
    </message>
</context>
<context>
    <name>FactCheckController</name>
    <message>
        <location filename="../curator/gui/factcheck_controller.py" line="83" />
        <source>Fact &amp;Check</source>
        <translation>&amp;Тексеру</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../curator/gui/dialogs/guide.py" line="23" />
        <source>Curator User Guide</source>
        <translation>Curator нұсқаулығы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/guide.py" line="27" />
        <source>User guide</source>
        <translation>Нұсқаулық</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../curator/gui/main_window.py" line="590" />
        <source>Unsaved changes</source>
        <translation>Сақталмаған өзгерістер</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/main_window.py" line="594" />
        <source>… and %n more</source>
        <translation><numerusform>… тағы %n</numerusform><numerusform>… тағы %n</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/main_window.py" line="595" />
        <source>These stories have unsaved changes:</source>
        <translation><numerusform>Бұл материалдарда сақталмаған өзгерістер бар:</numerusform><numerusform>Бұл материалдарда сақталмаған өзгерістер бар:</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/main_window.py" line="596" />
        <source>Save them before closing?</source>
        <translation><numerusform>Жабу алдында сақтау керек пе?</numerusform><numerusform>Жабу алдында сақтау керек пе?</numerusform></translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../curator/gui/actions.py" line="226" />
        <source>&amp;Status</source>
        <translation>&amp;Мәртебе</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="228" />
        <source>&amp;Theme</source>
        <translation>&amp;Тақырып</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="231" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="246" />
        <source>&amp;Edit</source>
        <translation>&amp;Түзету</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="263" />
        <source>&amp;Story</source>
        <translation>&amp;Материал</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="275" />
        <source>&amp;View</source>
        <translation>&amp;Көрініс</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="285" />
        <source>&amp;Help</source>
        <translation>&amp;Анықтама</translation>
    </message>
</context>
<context>
    <name>NewsroomSection</name>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="106" />
        <source>Newsroom</source>
        <translation>Редакция</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="107" />
        <source>e.g. Steppe Herald</source>
        <translation>мысалы, «Дала хабаршысы»</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="109" />
        <source>An image file or address</source>
        <translation>Сурет файлы немесе мекенжайы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="111" />
        <source>&amp;Name</source>
        <translation>&amp;Аты</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="112" />
        <source>&amp;Web address</source>
        <translation>&amp;Сайт мекенжайы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="113" />
        <source>&amp;Logo</source>
        <translation>&amp;Логотип</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="124" />
        <source>Newsroom: the web address must start with http:// or https://</source>
        <translation>Редакция: мекенжай http:// немесе https:// басталуы керек</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="322" />
        <source>Preferences</source>
        <translation>Баптаулар</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="328" />
        <source>Preference sections</source>
        <translation>Баптау бөлімдері</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="340" />
        <source>Saved in %1, which the command line reads too.</source>
        <translation>%1 ішінде сақталады; пәрмен жолы да осы файлды оқиды.</translation>
    </message>
</context>
<context>
    <name>ProfileSection</name>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="75" />
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="76" />
        <source>Your name, as bylines show it</source>
        <translation>Қолтаңбадағыдай атыңыз</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="79" />
        <source>(not set)</source>
        <translation>(берілмеген)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="79" />
        <source>Writer</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="79" />
        <source>Editor</source>
        <translation>Редактор</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="81" />
        <source>Fact-checker</source>
        <translation>Фактчекер</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="83" />
        <source>&amp;Name</source>
        <translation>&amp;Аты</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="84" />
        <source>&amp;Initials</source>
        <translation>&amp;Инициалдар</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="85" />
        <source>&amp;Role</source>
        <translation>&amp;Рөлі</translation>
    </message>
</context>
<context>
    <name>SearchStatus</name>
    <message>
        <location filename="../curator/gui/widgets/search_field.py" line="69" />
        <source>Search results</source>
        <translation>Іздеу нәтижелері</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/search_field.py" line="76" />
        <source>No stories match this search</source>
        <translation>Сұрау бойынша ештеңе табылмады</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/search_field.py" line="76" />
        <source>No stories here</source>
        <translation>Мұнда материал жоқ</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/widgets/search_field.py" line="79" />
        <source>%Ln stories match</source>
        <translation><numerusform>%Ln материал табылды</numerusform><numerusform>%Ln материал табылды</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/widgets/search_field.py" line="79" />
        <source>%Ln stories</source>
        <translation><numerusform>%Ln материал</numerusform><numerusform>%Ln материал</numerusform></translation>
    </message>
</context>
<context>
    <name>StatusChoiceGuard</name>
    <message>
        <location filename="../curator/gui/status_choice.py" line="82" />
        <source>Not moved: the status is as it was</source>
        <translation>Мәртебе өзгермеді</translation>
    </message>
</context>
<context>
    <name>StoryFieldsForm</name>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="170" />
        <source>&amp;Byline</source>
        <translation>&amp;Қолтаңба</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="171" />
        <source>Orig. &amp;author</source>
        <translation>Түпн. &amp;авторы</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="172" />
        <source>Stat&amp;us</source>
        <translation>&amp;Мәртебе</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="173" />
        <source>&amp;Tags</source>
        <translation>&amp;Тегтер</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="174" />
        <source>&amp;Outlet</source>
        <translation>&amp;Басылым</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="175" />
        <source>Outlet U&amp;RL</source>
        <translation>Басылым &amp;мекенжайы</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="176" />
        <source>&amp;Photo</source>
        <translation>&amp;Фото</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="177" />
        <source>Cre&amp;dit</source>
        <translation>Фото а&amp;вторы</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="178" />
        <source>Captio&amp;n</source>
        <translation>Фото &amp;жазуы</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message numerus="yes">
        <location filename="../curator/gui/dialogs/transfer.py" line="110" />
        <source>%n problem(s):</source>
        <translation><numerusform>%n мәселе:</numerusform><numerusform>%n мәселе:</numerusform></translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="114" />
        <source>Problems</source>
        <translation>Мәселелер</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <location filename="../curator/gui/transfers.py" line="138" />
        <source>Open Story</source>
        <translation>Материалды ашу</translation>
    </message>
    <message>
        <location filename="../curator/gui/transfers.py" line="138" />
        <source>Open the First Story</source>
        <translation>Бірінші материалды ашу</translation>
    </message>
    <message>
        <location filename="../curator/gui/transfers.py" line="166" />
        <location filename="../curator/gui/transfers.py" line="314" />
        <source>Open in Browser</source>
        <translation>Браузерде ашу</translation>
    </message>
    <message>
        <location filename="../curator/gui/transfers.py" line="167" />
        <location filename="../curator/gui/transfers.py" line="310" />
        <source>Open Folder</source>
        <translation>Буманы ашу</translation>
    </message>
</context>
<context>
    <name>VerdictSection</name>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="182" />
        <source>Verdicts</source>
        <translation>Үкімдер</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="184" />
        <source>Verdict</source>
        <translation>Үкім</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="184" />
        <source>Rating (1–5, optional)</source>
        <translation>Баға (1–5, міндетті емес)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="187" />
        <source>Verdict scale</source>
        <translation>Үкім шкаласы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="188" />
        <source>&amp;Add</source>
        <translation>&amp;Қосу</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="189" />
        <source>&amp;Remove</source>
        <translation>&amp;Алып тастау</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="190" />
        <source>Move &amp;Up</source>
        <translation>&amp;Жоғары</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="191" />
        <source>Move &amp;Down</source>
        <translation>&amp;Төмен</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="196" />
        <source>Unverified &amp;quotations count as open items</source>
        <translation>Тексерілмеген &amp;дәйексөздер ашық саналады</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="202" />
        <source>Best first. Claims keep the verdicts they were given.</source>
        <translation>Ең жақсысы — бірінші. Тұжырымдарда берілген үкімдер сақталады.</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="245" />
        <source>Verdicts: row %1 needs a label</source>
        <translation>Үкімдер: %1-жолда атау жоқ</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="247" />
        <source>Verdicts: the rating of “%1” must be a whole number</source>
        <translation>Үкімдер: «%1» бағасы бүтін сан болуы керек</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="250" />
        <source>Verdicts: the scale needs at least one verdict</source>
        <translation>Үкімдер: шкалада кемінде бір үкім болуы керек</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="260" />
        <source>Verdicts: %1</source>
        <translation>Үкімдер: %1</translation>
    </message>
</context>
</TS>