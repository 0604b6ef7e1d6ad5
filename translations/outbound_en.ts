<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>outbound::cli</name>
    <message numerus="yes">
        <source>queued %n message(s)</source>
        <translation>
            <numerusform>queued %n message</numerusform>
            <numerusform>queued %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) were not changed: they do not exist or are not %1</source>
        <translation>
            <numerusform>%n message was not changed: it does not exist or is not %1</numerusform>
            <numerusform>%n messages were not changed: they do not exist or are not %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MailStore</name>
    <message numerus="yes">
        <source>%n recipient(s) refused temporarily: %1</source>
        <translation>
            <numerusform>%n recipient refused temporarily: %1</numerusform>
            <numerusform>%n recipients refused temporarily: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outbound::gui::MailQueuePage</name>
    <message numerus="yes">
        <source>%n message(s) exported.</source>
        <translation>
            <numerusform>%n message exported.</numerusform>
            <numerusform>%n messages exported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n message(s)</source>
        <translation>
            <numerusform>Delete %n message</numerusform>
            <numerusform>Delete %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stop sending %n message(s)? They stay in the queue as cancelled.</source>
        <translation>
            <numerusform>Stop sending %n message? It stays in the queue as cancelled.</numerusform>
            <numerusform>Stop sending %n messages? They stay in the queue as cancelled.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n message(s)</source>
        <translation>
            <numerusform>Cancel %n message</numerusform>
            <numerusform>Cancel %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n message(s) as sent</source>
        <translation>
            <numerusform>Mark %n message as sent</numerusform>
            <numerusform>Mark %n messages as sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queue all %n failed message(s) again? They are sent with the saved settings.</source>
        <translation>
            <numerusform>Queue the %n failed message again? It is sent with the saved settings.</numerusform>
            <numerusform>Queue all %n failed messages again? They are sent with the saved settings.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retry %n message(s)</source>
        <translation>
            <numerusform>Retry %n message</numerusform>
            <numerusform>Retry %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed message(s) queued again.</source>
        <translation>
            <numerusform>%n failed message queued again.</numerusform>
            <numerusform>%n failed messages queued again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n message(s) from the queue? This cannot be undone.</source>
        <translation>
            <numerusform>Delete %n message from the queue? This cannot be undone.</numerusform>
            <numerusform>Delete %n messages from the queue? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n message(s)? They will not be sent.</source>
        <translation>
            <numerusform>Cancel %n message? They will not be sent.</numerusform>
            <numerusform>Cancel %n messages? They will not be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Record %n message(s) as sent without sending them again? Do this only when the recipients got them.</source>
        <translation>
            <numerusform>Record %n message as sent without sending them again? Do this only when the recipients got them.</numerusform>
            <numerusform>Record %n messages as sent without sending them again? Do this only when the recipients got them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued again.</source>
        <translation>
            <numerusform>%n message queued again.</numerusform>
            <numerusform>%n messages queued again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) cancelled.</source>
        <translation>
            <numerusform>%n message cancelled.</numerusform>
            <numerusform>%n messages cancelled.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) deleted.</source>
        <translation>
            <numerusform>%n message deleted.</numerusform>
            <numerusform>%n messages deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) marked as sent.</source>
        <translation>
            <numerusform>%n message marked as sent.</numerusform>
            <numerusform>%n messages marked as sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed in this run</source>
        <translation>
            <numerusform>%n failed in this run</numerusform>
            <numerusform>%n failed in this run</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outbound::gui::MailSettingsPage</name>
    <message numerus="yes">
        <source>It expires in %n day(s): upload a new certificate to the app registration.</source>
        <translation>
            <numerusform>It expires in %n day: upload a new certificate to the app registration.</numerusform>
            <numerusform>It expires in %n days: upload a new certificate to the app registration.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) need attention: %1</source>
        <translation>
            <numerusform>%n setting needs attention: %1</numerusform>
            <numerusform>%n settings need attention: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) need attention</source>
        <translation>
            <numerusform>%n setting needs attention</numerusform>
            <numerusform>%n settings need attention</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outbound::gui::MessageDetailPane</name>
    <message numerus="yes">
        <source>%n attempt(s) recorded</source>
        <translation>
            <numerusform>%n attempt recorded</numerusform>
            <numerusform>%n attempts recorded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n messages selected.</source>
        <translation>
            <numerusform>%n message selected.</numerusform>
            <numerusform>%n messages selected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n attempt(s)</source>
        <translation>
            <numerusform> · %n attempt</numerusform>
            <numerusform> · %n attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outbound::gui::MainWindow</name>
    <message numerus="yes">
        <source>%n more message(s) failed; %1 in total need attention in the Mail Queue.</source>
        <translation>
            <numerusform>%n more message failed; %1 in total need attention in the Mail Queue.</numerusform>
            <numerusform>%n more messages failed; %1 in total need attention in the Mail Queue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SmtpProtocol</name>
    <message numerus="yes">
        <source>the server takes no more recipients in one transaction; %n more follow in another</source>
        <translation>
            <numerusform>the server takes no more recipients in one transaction; %n more follows in another</numerusform>
            <numerusform>the server takes no more recipients in one transaction; %n more follow in another</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outbound::RetryPolicy</name>
    <message numerus="yes">
        <source>%1 of %n recipient(s) refused: %2</source>
        <translation>
            <numerusform>%1 of %n recipient refused: %2</numerusform>
            <numerusform>%1 of %n recipients refused: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outbound::gui::WorkersModel</name>
    <message numerus="yes">
        <source>Last sign of life %n second(s) ago</source>
        <translation>
            <numerusform>Last sign of life %n second ago</numerusform>
            <numerusform>Last sign of life %n seconds ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No heartbeat for longer than its lease (%n second(s)): the process ended, hangs or lost the database. Other workers take over the messages it had claimed.</source>
        <translation>
            <numerusform>No heartbeat for longer than its lease (%n second): the process ended, hangs or lost the database. Other workers take over the messages it had claimed.</numerusform>
            <numerusform>No heartbeat for longer than its lease (%n seconds): the process ended, hangs or lost the database. Other workers take over the messages it had claimed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outbound::gui::WorkersPage</name>
    <message numerus="yes">
        <source>Updated at %1; refreshed every %n second(s).</source>
        <translation>
            <numerusform>Updated at %1; refreshed every second.</numerusform>
            <numerusform>Updated at %1; refreshed every %n seconds.</numerusform>
        </translation>
    </message>
</context>
</TS>
