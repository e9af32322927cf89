<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../curator/gui/dialogs/transfer.py" line="192" />
        <source>The %n selected stories</source>
        <translation><numerusform>The selected story</numerusform><numerusform>The %n selected stories</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../curator/gui/main_window.py" line="594" />
        <source>… and %n more</source>
        <translation><numerusform>… and %n more</numerusform><numerusform>… and %n more</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/main_window.py" line="595" />
        <source>These stories have unsaved changes:</source>
        <translation><numerusform>This story has unsaved changes:</numerusform><numerusform>These stories have unsaved changes:</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/main_window.py" line="596" />
        <source>Save them before closing?</source>
        <translation><numerusform>Save it before closing?</numerusform><numerusform>Save them before closing?</numerusform></translation>
    </message>
</context>
<context>
    <name>SearchStatus</name>
    <message numerus="yes">
        <location filename="../curator/gui/widgets/search_field.py" line="79" />
        <source>%Ln stories match</source>
        <translation><numerusform>%Ln story matches</numerusform><numerusform>%Ln stories match</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../curator/gui/widgets/search_field.py" line="79" />
        <source>%Ln stories</source>
        <translation><numerusform>%Ln story</numerusform><numerusform>%Ln stories</numerusform></translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message numerus="yes">
        <location filename="../curator/gui/dialogs/transfer.py" line="110" />
        <source>%n problem(s):</source>
        <translation><numerusform>%n problem:</numerusform><numerusform>%n problems:</numerusform></translation>
    </message>
</context>
</TS>