<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>Actions</name>
    <message>
        <location filename="../curator/gui/actions.py" line="28" />
        <source>&amp;New Story</source>
        <translation>&amp;Новый материал</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="28" />
        <source>Start a new story</source>
        <translation>Начать новый материал</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="32" />
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="34" />
        <source>Save the story as a new revision</source>
        <translation>Сохранить материал как новую редакцию</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="38" />
        <source>Re&amp;vert to Saved…</source>
        <translation>&amp;Вернуть сохранённое…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="40" />
        <source>Drop the unsaved changes of this story</source>
        <translation>Отменить несохранённые правки</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="44" />
        <source>&amp;Import Files…</source>
        <translation>&amp;Импорт файлов…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="46" />
        <source>Import text and Markdown files as stories</source>
        <translation>Импортировать текстовые и Markdown-файлы</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="50" />
        <source>Import &amp;Folder…</source>
        <translation>Импорт &amp;папки…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="52" />
        <source>Import every story file in a folder</source>
        <translation>Импортировать все материалы из папки</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="56" />
        <source>&amp;Export Story as HTML…</source>
        <translation>&amp;Экспорт материала в HTML…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="58" />
        <source>Write this story to one HTML file</source>
        <translation>Записать материал в один HTML-файл</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="62" />
        <source>Export S&amp;tories…</source>
        <translation>Экспорт &amp;материалов…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="64" />
        <source>Export a static site or a Markdown folder</source>
        <translation>Экспортировать сайт или папку Markdown</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="68" />
        <source>Re&amp;publish Site</source>
        <translation>&amp;Обновить сайт</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="70" />
        <source>Export the last site again (only changed pages)</source>
        <translation>Экспортировать последний сайт заново (только изменённые страницы)</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="74" />
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="76" />
        <source>Quit Curator</source>
        <translation>Выйти из Curator</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="79" />
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="80" />
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="82" />
        <source>&amp;Find…</source>
        <translation>&amp;Найти…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="82" />
        <source>Find in the story</source>
        <translation>Найти в материале</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="84" />
        <source>Find &amp;Next</source>
        <translation>Найти &amp;далее</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="85" />
        <source>Find Pre&amp;vious</source>
        <translation>Найти &amp;предыдущее</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="88" />
        <source>&amp;Replace…</source>
        <translation>&amp;Заменить…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="90" />
        <source>Find and replace in the story</source>
        <translation>Найти и заменить в материале</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="94" />
        <source>&amp;Bold</source>
        <translation>&amp;Жирный</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="96" />
        <source>Wrap the selection in ** **</source>
        <translation>Обернуть выделение в ** **</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="100" />
        <source>&amp;Italic</source>
        <translation>&amp;Курсив</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="102" />
        <source>Wrap the selection in * *</source>
        <translation>Обернуть выделение в * *</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="106" />
        <source>&amp;Search Library</source>
        <translation>&amp;Поиск по библиотеке</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="108" />
        <source>Search every story</source>
        <translation>Искать во всех материалах</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="113" />
        <source>&amp;Duplicate</source>
        <translation>&amp;Дублировать</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="115" />
        <source>Copy this story into a new draft</source>
        <translation>Скопировать материал в новый черновик</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="119" />
        <source>Move to &amp;Trash</source>
        <translation>В &amp;корзину</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="121" />
        <source>Move the selected stories to the trash</source>
        <translation>Переместить выбранные материалы в корзину</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="125" />
        <source>R&amp;estore from Trash</source>
        <translation>&amp;Восстановить из корзины</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="127" />
        <source>Bring the selected stories back</source>
        <translation>Вернуть выбранные материалы</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="131" />
        <source>Delete for &amp;Good…</source>
        <translation>&amp;Удалить навсегда…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="133" />
        <source>Delete the selected stories and their history</source>
        <translation>Удалить выбранные материалы вместе с историей</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="135" />
        <source>Empty Tras&amp;h…</source>
        <translation>О&amp;чистить корзину…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="138" />
        <source>&amp;History…</source>
        <translation>&amp;История…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="140" />
        <source>Earlier revisions of this story</source>
        <translation>Прежние редакции материала</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="143" />
        <source>Go to &amp;List</source>
        <translation>К &amp;списку</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="144" />
        <source>Go to &amp;Editor</source>
        <translation>К &amp;редактору</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="145" />
        <source>Go to &amp;Preview</source>
        <translation>К &amp;просмотру</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="146" />
        <source>Show P&amp;review</source>
        <translation>Показывать п&amp;росмотр</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="147" />
        <source>Show Story &amp;Details</source>
        <translation>Показывать &amp;реквизиты</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="148" />
        <source>&amp;About Curator</source>
        <translation>&amp;О программе Curator</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="151" />
        <source>Curator &amp;User Guide</source>
        <translation>&amp;Руководство Curator</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="153" />
        <source>The manual: drafting, checking, linking, exporting, searching</source>
        <translation>Руководство: подготовка, проверка, ссылки, экспорт, поиск</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="157" />
        <source>Pre&amp;ferences…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="159" />
        <source>Profile, newsroom, editor, verdict scale, export defaults</source>
        <translation>Профиль, редакция, редактор, шкала вердиктов, экспорт</translation>
    </message>
</context>
<context>
    <name>DeskBanner</name>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="79" />
        <source>Who else is editing this story</source>
        <translation>Кто ещё правит этот материал</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="82" />
        <source>Merge now</source>
        <translation>Объединить</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="83" />
        <source>Merge the version saved elsewhere into your text</source>
        <translation>Влить в ваш текст версию, сохранённую другим</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="96" />
        <source>{name} is editing since {time}</source>
        <translation>{name} правит с {time}</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="97" />
        <source>Someone</source>
        <translation>Кто-то</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="164" />
        <source>{name} saved this story at {time}; your edits are not saved yet.</source>
        <translation>{name} сохранил(а) материал в {time}; ваши правки ещё не сохранены.</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="165" />
        <location filename="../curator/gui/desk_controller.py" line="195" />
        <source>Someone</source>
        <translation>Кто-то</translation>
    </message>
    <message>
        <location filename="../curator/gui/desk_controller.py" line="195" />
        <source>{name} is editing since {time}</source>
        <translation>{name} правит с {time}</translation>
    </message>
</context>
<context>
    <name>EditingController</name>
    <message>
        <location filename="../curator/gui/editing.py" line="145" />
        <source>Untitled story</source>
        <translation>Материал без заголовка</translation>
    </message>
    <message>
        <location filename="../curator/gui/editing.py" line="158" />
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location filename="../curator/gui/editing.py" line="161" />
        <source>Recovered text, not saved</source>
        <translation>Восстановленный текст, не сохранён</translation>
    </message>
    <message>
        <location filename="../curator/gui/editing.py" line="162" />
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../curator/gui/editing.py" line="164" />
        <source>Saved %1</source>
        <translation>Сохранено %1</translation>
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
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="143" />
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="144" />
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="148" />
        <source>How often unsaved text is kept for recovery after a crash</source>
        <translation>Как часто несохранённый текст сберегается на случай сбоя</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="152" />
        <source>The language of the menus and dialogs (takes effect on the next start)</source>
        <translation>Язык меню и диалогов (со следующего запуска)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="154" />
        <source>&amp;Font</source>
        <translation>&amp;Шрифт</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="155" />
        <source>Font &amp;size</source>
        <translation>&amp;Размер шрифта</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="156" />
        <source>&amp;Theme</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="157" />
        <source>Keep unsaved text &amp;every</source>
        <translation>Сберегать текст &amp;каждые</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="158" />
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="171" />
        <source>Export Stories</source>
        <translation>Экспорт материалов</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="174" />
        <source>&amp;Website (HTML pages, index, tags, feed)</source>
        <translation>&amp;Сайт (HTML-страницы, оглавление, теги, лента)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="175" />
        <source>Folder of &amp;Markdown files (with front matter)</source>
        <translation>Папка файлов &amp;Markdown (с метаданными)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="181" />
        <source>The site's name, e.g. Steppe Herald</source>
        <translation>Название сайта, например «Степной вестник»</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="185" />
        <source>Where the site will be published (optional): makes the feed's links whole</source>
        <translation>Где будет опубликован сайт (необязательно): для полных ссылок в ленте</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="188" />
        <source>YAML front matter (Hugo, Jekyll, Curator)</source>
        <translation>Метаданные YAML (Hugo, Jekyll, Curator)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="189" />
        <source>Pelican metadata lines</source>
        <translation>Строки метаданных Pelican</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/dialogs/transfer.py" line="192" />
        <source>The %n selected stories</source>
        <translation><numerusform>Выбранный материал (%n)</numerusform><numerusform>Выбранные материалы (%n)</numerusform><numerusform>Выбранные материалы (%n)</numerusform></translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="194" />
        <source>Stories matching</source>
        <translation>Материалы по запросу</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="197" />
        <source>a search, e.g. tag:diplomacy after:2026-01 (empty: all)</source>
        <translation>запрос, например tag:diplomacy after:2026-01 (пусто — все)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="198" />
        <source>The whole library</source>
        <translation>Вся библиотека</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="202" />
        <source>Only &amp;published stories</source>
        <translation>Только &amp;опубликованные</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="207" />
        <source>Choose an output folder</source>
        <translation>Выберите папку для экспорта</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="208" />
        <source>C&amp;hoose…</source>
        <translation>&amp;Выбрать…</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="224" />
        <source>Export as</source>
        <translation>Формат</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="226" />
        <source>Site &amp;title</source>
        <translation>&amp;Название сайта</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="228" />
        <source>Site &amp;address</source>
        <translation>&amp;Адрес сайта</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="230" />
        <source>Front &amp;matter</source>
        <translation>&amp;Метаданные</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="235" />
        <source>Stories</source>
        <translation>Материалы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="238" />
        <source>Include</source>
        <translation>Включить</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="239" />
        <source>&amp;Into folder</source>
        <translation>В &amp;папку</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="242" />
        <source>An earlier export in that folder is replaced only when the new one is complete.</source>
        <translation>Прежний экспорт в этой папке заменяется, только когда новый готов целиком.</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="246" />
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="274" />
        <source>Export into</source>
        <translation>Экспортировать в</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="287" />
        <source>The site address must start with http:// or https://</source>
        <translation>Адрес сайта должен начинаться с http:// или https://</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="288" />
        <source>The site address</source>
        <translation>Адрес сайта</translation>
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
        <translation>Название сайта</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="272" />
        <source>YAML front matter (Hugo, Jekyll, Curator)</source>
        <translation>Метаданные YAML (Hugo, Jekyll, Curator)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="273" />
        <source>Pelican metadata lines</source>
        <translation>Строки метаданных Pelican</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="275" />
        <source>Site &amp;title</source>
        <translation>&amp;Название сайта</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="276" />
        <source>Site &amp;address</source>
        <translation>&amp;Адрес сайта</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="277" />
        <source>&amp;Markdown for</source>
        <translation>&amp;Markdown для</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="288" />
        <source>Export: the site address must start with http:// or https://</source>
        <translation>Экспорт: адрес сайта должен начинаться с http:// или https://</translation>
    </message>
</context>
<context>
    <name>FactCheckController</name>
    <message>
        <location filename="../curator/gui/factcheck_controller.py" line="83" />
        <source>Fact &amp;Check</source>
        <translation>&amp;Проверка</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../curator/gui/dialogs/guide.py" line="23" />
        <source>Curator User Guide</source>
        <translation>Руководство Curator</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/guide.py" line="27" />
        <source>User guide</source>
        <translation>Руководство</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../curator/gui/main_window.py" line="590" />
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/main_window.py" line="594" />
        <source>… and %n more</source>
        <translation><numerusform>… и ещё %n</numerusform><numerusform>… и ещё %n</numerusform><numerusform>… и ещё %n</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/main_window.py" line="595" />
        <source>These stories have unsaved changes:</source>
        <translation><numerusform>В этом материале есть несохранённые изменения:</numerusform><numerusform>В этих материалах есть несохранённые изменения:</numerusform><numerusform>В этих материалах есть несохранённые изменения:</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/main_window.py" line="596" />
        <source>Save them before closing?</source>
        <translation><numerusform>Сохранить его перед закрытием?</numerusform><numerusform>Сохранить их перед закрытием?</numerusform><numerusform>Сохранить их перед закрытием?</numerusform></translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../curator/gui/actions.py" line="226" />
        <source>&amp;Status</source>
        <translation>&amp;Статус</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="228" />
        <source>&amp;Theme</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="231" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="246" />
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="263" />
        <source>&amp;Story</source>
        <translation>&amp;Материал</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="275" />
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../curator/gui/actions.py" line="285" />
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
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
        <translation>например, «Степной вестник»</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="109" />
        <source>An image file or address</source>
        <translation>Файл или адрес изображения</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="111" />
        <source>&amp;Name</source>
        <translation>&amp;Имя</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="112" />
        <source>&amp;Web address</source>
        <translation>&amp;Адрес сайта</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="113" />
        <source>&amp;Logo</source>
        <translation>&amp;Логотип</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="124" />
        <source>Newsroom: the web address must start with http:// or https://</source>
        <translation>Редакция: адрес должен начинаться с http:// или https://</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="322" />
        <source>Preferences</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="328" />
        <source>Preference sections</source>
        <translation>Разделы настроек</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="340" />
        <source>Saved in %1, which the command line reads too.</source>
        <translation>Сохраняется в %1; командная строка читает тот же файл.</translation>
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
        <translation>Ваше имя, как в подписи</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="79" />
        <source>(not set)</source>
        <translation>(не задана)</translation>
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
        <translation>&amp;Имя</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="84" />
        <source>&amp;Initials</source>
        <translation>&amp;Инициалы</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="85" />
        <source>&amp;Role</source>
        <translation>&amp;Роль</translation>
    </message>
</context>
<context>
    <name>SearchStatus</name>
    <message>
        <location filename="../curator/gui/widgets/search_field.py" line="69" />
        <source>Search results</source>
        <translation>Результаты поиска</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/search_field.py" line="76" />
        <source>No stories match this search</source>
        <translation>По запросу ничего не найдено</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/search_field.py" line="76" />
        <source>No stories here</source>
        <translation>Здесь нет материалов</translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/widgets/search_field.py" line="79" />
        <source>%Ln stories match</source>
        <translation><numerusform>Найден %Ln материал</numerusform><numerusform>Найдено %Ln материала</numerusform><numerusform>Найдено %Ln материалов</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/widgets/search_field.py" line="79" />
        <source>%Ln stories</source>
        <translation><numerusform>%Ln материал</numerusform><numerusform>%Ln материала</numerusform><numerusform>%Ln материалов</numerusform></translation>
    </message>
</context>
<context>
    <name>StatusChoiceGuard</name>
    <message>
        <location filename="../curator/gui/status_choice.py" line="82" />
        <source>Not moved: the status is as it was</source>
        <translation>Статус не изменён</translation>
    </message>
</context>
<context>
    <name>StoryFieldsForm</name>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="170" />
        <source>&amp;Byline</source>
        <translation>&amp;Подпись</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="171" />
        <source>Orig. &amp;author</source>
        <translation>&amp;Автор ориг.</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="172" />
        <source>Stat&amp;us</source>
        <translation>Стат&amp;ус</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="173" />
        <source>&amp;Tags</source>
        <translation>&amp;Теги</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="174" />
        <source>&amp;Outlet</source>
        <translation>&amp;Издание</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="175" />
        <source>Outlet U&amp;RL</source>
        <translation>Адрес и&amp;здания</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="176" />
        <source>&amp;Photo</source>
        <translation>&amp;Фото</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="177" />
        <source>Cre&amp;dit</source>
        <translation>Ав&amp;тор фото</translation>
    </message>
    <message>
        <location filename="../curator/gui/widgets/fields.py" line="178" />
        <source>Captio&amp;n</source>
        <translation>Подпи&amp;сь к фото</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message numerus="yes">
        <location filename="../curator/gui/dialogs/transfer.py" line="110" />
        <source>%n problem(s):</source>
        <translation><numerusform>%n проблема:</numerusform><numerusform>%n проблемы:</numerusform><numerusform>%n проблем:</numerusform></translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/transfer.py" line="114" />
        <source>Problems</source>
        <translation>Проблемы</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <location filename="../curator/gui/transfers.py" line="138" />
        <source>Open Story</source>
        <translation>Открыть материал</translation>
    </message>
    <message>
        <location filename="../curator/gui/transfers.py" line="138" />
        <source>Open the First Story</source>
        <translation>Открыть первый материал</translation>
    </message>
    <message>
        <location filename="../curator/gui/transfers.py" line="166" />
        <location filename="../curator/gui/transfers.py" line="314" />
        <source>Open in Browser</source>
        <translation>Открыть в браузере</translation>
    </message>
    <message>
        <location filename="../curator/gui/transfers.py" line="167" />
        <location filename="../curator/gui/transfers.py" line="310" />
        <source>Open Folder</source>
        <translation>Открыть папку</translation>
    </message>
</context>
<context>
    <name>VerdictSection</name>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="182" />
        <source>Verdicts</source>
        <translation>Вердикты</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="184" />
        <source>Verdict</source>
        <translation>Вердикт</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="184" />
        <source>Rating (1–5, optional)</source>
        <translation>Оценка (1–5, необязательно)</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="187" />
        <source>Verdict scale</source>
        <translation>Шкала вердиктов</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="188" />
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="189" />
        <source>&amp;Remove</source>
        <translation>&amp;Убрать</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="190" />
        <source>Move &amp;Up</source>
        <translation>&amp;Выше</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="191" />
        <source>Move &amp;Down</source>
        <translation>&amp;Ниже</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="196" />
        <source>Unverified &amp;quotations count as open items</source>
        <translation>Непроверенные &amp;цитаты считаются открытыми</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="202" />
        <source>Best first. Claims keep the verdicts they were given.</source>
        <translation>Лучший — первым. У утверждений остаются выставленные вердикты.</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="245" />
        <source>Verdicts: row %1 needs a label</source>
        <translation>Вердикты: в строке %1 нет названия</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="247" />
        <source>Verdicts: the rating of “%1” must be a whole number</source>
        <translation>Вердикты: оценка «%1» должна быть целым числом</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="250" />
        <source>Verdicts: the scale needs at least one verdict</source>
        <translation>Вердикты: в шкале нужен хотя бы один вердикт</translation>
    </message>
    <message>
        <location filename="../curator/gui/dialogs/preferences.py" line="260" />
        <source>Verdicts: %1</source>
        <translation>Вердикты: %1</translation>
    </message>
</context>
</TS>