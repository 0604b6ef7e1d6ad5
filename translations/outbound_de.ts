<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Database</name>
    <message>
        <location filename="../src/core/common/Database.cpp" line="53" />
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="61" />
        <source>Cannot create the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="73" />
        <source>Cannot open the database %1</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="131" />
        <source>The database was written by a newer Outbound (%1 schema %2); this version knows up to %3.</source>
        <translation>Die Datenbank stammt von einer neueren Outbound-Version (%1, Schema %2); diese Version kennt höchstens %3.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="163" />
        <source>%1: database error: %2</source>
        <translation>%1: Datenbankfehler: %2</translation>
    </message>
</context>
<context>
    <name>GuiText</name>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="41" />
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="43" />
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="45" />
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="47" />
        <source>Deferred</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="49" />
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="51" />
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="53" />
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="62" />
        <source>Waiting to be sent.</source>
        <translation>Wartet auf den Versand.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="64" />
        <source>Being sent right now.</source>
        <translation>Wird gerade gesendet.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="66" />
        <source>The server accepted the message.</source>
        <translation>Der Server hat die Nachricht angenommen.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="68" />
        <source>A temporary failure; it is retried automatically.</source>
        <translation>Ein vorübergehender Fehler; der Versand wird automatisch wiederholt.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="70" />
        <source>A permanent failure or no attempts left; retry it after fixing the cause.</source>
        <translation>Ein dauerhafter Fehler oder keine Versuche mehr übrig; beheben Sie die Ursache und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="73" />
        <source>Stopped by an operator; it will not be sent.</source>
        <translation>Von Hand angehalten; die Nachricht wird nicht gesendet.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="75" />
        <source>Sending was cut off; the server may have it. Retry it or mark it as sent.</source>
        <translation>Der Versand wurde unterbrochen; der Server hat die Nachricht vielleicht schon. Erneut senden oder als gesendet markieren.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="127" />
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="129" />
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="131" />
        <source>Quote</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="133" />
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="135" />
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="144" />
        <source>None (plain text)</source>
        <translation>Keine (Klartext)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="146" />
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="148" />
        <source>TLS (SSL)</source>
        <translation>TLS (SSL)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="157" />
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="159" />
        <source>PLAIN</source>
        <translation>PLAIN</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="161" />
        <source>LOGIN</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="163" />
        <source>XOAUTH2 (access token)</source>
        <translation>XOAUTH2 (Zugriffstoken)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="165" />
        <source>No sign-in</source>
        <translation>Keine Anmeldung</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="174" />
        <source>Look up the server</source>
        <translation>Server nachschlagen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="176" />
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="178" />
        <source>TLS handshake</source>
        <translation>TLS-Aushandlung</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="180" />
        <source>Server greeting</source>
        <translation>Begrüßung des Servers</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="182" />
        <source>Introduce (EHLO)</source>
        <translation>Vorstellen (EHLO)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="184" />
        <source>Switch to TLS (STARTTLS)</source>
        <translation>Auf TLS umschalten (STARTTLS)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="186" />
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="188" />
        <source>Sender (MAIL FROM)</source>
        <translation>Absender (MAIL FROM)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="190" />
        <source>Recipient (RCPT TO)</source>
        <translation>Empfänger (RCPT TO)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="192" />
        <source>Message data</source>
        <translation>Nachrichtendaten</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="194" />
        <source>Close (QUIT)</source>
        <translation>Beenden (QUIT)</translation>
    </message>
</context>
<context>
    <name>MailQueueModel</name>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="67" />
        <source>The mail queue is not available in this build.</source>
        <translation>Die Warteschlange ist in diesem Build nicht verfügbar.</translation>
    </message>
</context>
<context>
    <name>MailQueuePage</name>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="6" />
        <source>Mail Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="32" />
        <source>Start sending</source>
        <translation>Versand starten</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="47" />
        <source>Start or pause the queue worker.</source>
        <translation>Den Versand aus der Warteschlange starten oder anhalten.</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="54" />
        <source>Not sending</source>
        <translation>Kein Versand</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="87" />
        <source>S&amp;how:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="107" />
        <source>Search sender, recipient or subject</source>
        <translation>Absender, Empfänger oder Betreff suchen</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="130" />
        <source>&amp;Retry</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="142" />
        <source>Send the selected messages again.</source>
        <translation>Die ausgewählten Nachrichten erneut senden.</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="149" />
        <source>Retry all &amp;failed</source>
        <translation>Alle &amp;fehlgeschlagenen erneut senden</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="161" />
        <source>Queue every failed message again.</source>
        <translation>Alle fehlgeschlagenen Nachrichten wieder in die Warteschlange stellen.</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="168" />
        <source>&amp;Mark sent</source>
        <translation>Als gesendet &amp;markieren</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="180" />
        <source>Record interrupted messages as delivered without sending them again.</source>
        <translation>Unterbrochene Nachrichten als zugestellt vermerken, ohne sie erneut zu senden.</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="187" />
        <source>&amp;Cancel</source>
        <translation>A&amp;bbrechen</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="199" />
        <source>Stop the selected messages from being sent.</source>
        <translation>Den Versand der ausgewählten Nachrichten verhindern.</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="206" />
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="218" />
        <source>Remove the selected messages from the queue.</source>
        <translation>Die ausgewählten Nachrichten aus der Warteschlange entfernen.</translation>
    </message>
</context>
<context>
    <name>MailSettingsPage</name>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="6" />
        <source>Settings › Mail</source>
        <translation>Einstellungen › E-Mail</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="59" />
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="71" />
        <source>&amp;Provider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="84" />
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="94" />
        <source>smtp.example.com</source>
        <translation>smtp.example.com</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="101" />
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="132" />
        <source>Usually 587 with STARTTLS or 465 with TLS.</source>
        <translation>Meist 587 mit STARTTLS oder 465 mit TLS.</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="144" />
        <source>&amp;Encryption:</source>
        <translation>&amp;Verschlüsselung:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="176" />
        <source>Sign-in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="188" />
        <source>Sign-in &amp;method:</source>
        <translation>Anmelde&amp;verfahren:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="201" />
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="211" />
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="218" />
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="248" />
        <source>Senders</source>
        <translation>Absender</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="263" />
        <source>Invoices, quotes and ticket replies use the default sender unless you give them their own. Empty fields inherit the default shown in grey.</source>
        <translation>Rechnungen, Angebote und Ticket-Antworten verwenden den Standardabsender, solange Sie ihnen keinen eigenen geben. Leere Felder übernehmen den grau angezeigten Standard.</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="270" />
        <source>Default &amp;address:</source>
        <translation>Standard&amp;adresse:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="285" />
        <source>billing@example.com</source>
        <translation>rechnung@example.com</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="292" />
        <source>Use SMTP user name</source>
        <translation>SMTP-Benutzernamen verwenden</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="295" />
        <source>Copy the SMTP user name into the default address.</source>
        <translation>Den SMTP-Benutzernamen als Standardadresse übernehmen.</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="304" />
        <source>Default na&amp;me:</source>
        <translation>Standard&amp;name:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="314" />
        <source>Example IT Services</source>
        <translation>Beispiel IT-Service GmbH</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="321" />
        <source>&amp;Invoices:</source>
        <translation>&amp;Rechnungen:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="344" />
        <source>&amp;Quotes:</source>
        <translation>A&amp;ngebote:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="367" />
        <source>&amp;Tickets:</source>
        <translation>&amp;Tickets:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="413" />
        <source>Setup guidance</source>
        <translation>Einrichtungshinweise</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="441" />
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="453" />
        <source>&amp;Attempts:</source>
        <translation>&amp;Versuche:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="476" />
        <source>&amp;First retry after:</source>
        <translation>&amp;Erste Wiederholung nach:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="492" />
        <location filename="../ui/MailSettingsPage.ui" line="518" />
        <location filename="../ui/MailSettingsPage.ui" line="663" />
        <location filename="../ui/MailSettingsPage.ui" line="689" />
        <location filename="../ui/MailSettingsPage.ui" line="715" />
        <location filename="../ui/MailSettingsPage.ui" line="741" />
        <location filename="../ui/MailSettingsPage.ui" line="767" />
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="502" />
        <source>&amp;Longest retry delay:</source>
        <translation>&amp;Längste Wartezeit:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="528" />
        <source>&amp;Connections:</source>
        <translation>Verbin&amp;dungen:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="551" />
        <source>Messages per &amp;minute:</source>
        <translation>Nachrichten pro &amp;Minute:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="567" />
        <location filename="../ui/MailSettingsPage.ui" line="596" />
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="577" />
        <source>Messages per &amp;day:</source>
        <translation>Nachrichten pro &amp;Tag:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="606" />
        <source>&amp;Keep sent messages:</source>
        <translation>Gesendete Nachrichten &amp;behalten:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="622" />
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="635" />
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="647" />
        <source>Connect timeout:</source>
        <translation>Zeitlimit Verbindung:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="673" />
        <source>Greeting timeout:</source>
        <translation>Zeitlimit Begrüßung:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="699" />
        <source>Command timeout:</source>
        <translation>Zeitlimit Befehle:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="725" />
        <source>Data timeout:</source>
        <translation>Zeitlimit Daten:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="751" />
        <source>Final reply timeout:</source>
        <translation>Zeitlimit Abschlussantwort:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="777" />
        <source>CA &amp;file:</source>
        <translation>CA-&amp;Datei:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="792" />
        <source>Only for a private relay</source>
        <translation>Nur für ein privates Relay</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="799" />
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="802" />
        <source>Choose a PEM file with the certificate authority to trust.</source>
        <translation>Eine PEM-Datei mit der vertrauenswürdigen Zertifizierungsstelle wählen.</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="811" />
        <source>Pinned &amp;certificate:</source>
        <translation>Festes &amp;Zertifikat:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="821" />
        <source>SHA-256 fingerprint (64 hex digits)</source>
        <translation>SHA-256-Fingerabdruck (64 Hexadezimalziffern)</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="828" />
        <source>EH&amp;LO name:</source>
        <translation>EH&amp;LO-Name:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="841" />
        <source>Allow sign-in over an unencrypted connection</source>
        <translation>Anmeldung über eine unverschlüsselte Verbindung erlauben</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="896" />
        <source>Send test email…</source>
        <translation>Test-E-Mail senden…</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="926" />
        <source>&amp;Revert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="933" />
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.ui" line="6" />
        <source>Outbound</source>
        <translation>Outbound</translation>
    </message>
</context>
<context>
    <name>MessageDetailPane</name>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="64" />
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="81" />
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="101" />
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="121" />
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="141" />
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="164" />
        <source>Message-ID:</source>
        <translation>Message-ID:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="197" />
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="211" />
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="221" />
        <source>Transcript</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="243" />
        <source>Source</source>
        <translation>Quelltext</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="99" />
        <source>Stored in the system keychain.</source>
        <translation>Im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="101" />
        <source>No system keychain answered: stored in Outbound's database, readable only by you.</source>
        <translation>Kein Schlüsselbund des Systems hat geantwortet: in der Datenbank von Outbound gespeichert, nur für Sie lesbar.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="116" />
        <source>The system keychain did not return the password: %1</source>
        <translation>Der Schlüsselbund des Systems hat das Passwort nicht geliefert: %1</translation>
    </message>
</context>
<context>
    <name>SmtpError</name>
    <message numerus="yes">
        <location filename="../src/core/smtp/SmtpTypes.cpp" line="141" />
        <source>no answer within %n second(s)</source>
        <translation><numerusform>keine Antwort innerhalb von %n Sekunde</numerusform><numerusform>keine Antwort innerhalb von %n Sekunden</numerusform></translation>
    </message>
</context>
<context>
    <name>SmtpReplyParser</name>
    <message>
        <location filename="../src/core/smtp/SmtpReply.cpp" line="123" />
        <location filename="../src/core/smtp/SmtpReply.cpp" line="135" />
        <source>the server sent a line longer than %1 bytes</source>
        <translation>der Server hat eine Zeile mit mehr als %1 Bytes gesendet</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpReply.cpp" line="144" />
        <source>the server sent something that is not an SMTP reply: "%1"</source>
        <translation>der Server hat etwas gesendet, das keine SMTP-Antwort ist: „%1“</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpReply.cpp" line="151" />
        <source>the server changed the reply code within one reply (%1 then %2)</source>
        <translation>der Server hat den Antwortcode innerhalb einer Antwort gewechselt (%1, dann %2)</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpReply.cpp" line="162" />
        <source>the server sent a reply of more than %1 lines</source>
        <translation>der Server hat eine Antwort mit mehr als %1 Zeilen gesendet</translation>
    </message>
</context>
<context>
    <name>TestSendDialog</name>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="6" />
        <source>Send test email</source>
        <translation>Test-E-Mail senden</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="29" />
        <source>&amp;Recipient:</source>
        <translation>&amp;Empfänger:</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="39" />
        <source>you@example.com</source>
        <translation>sie@example.com</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="46" />
        <source>Send &amp;as:</source>
        <translation>Senden &amp;als:</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="59" />
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="86" />
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="133" />
        <source>Transcript</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="145" />
        <source>The conversation with the server appears here.</source>
        <translation>Hier erscheint das Gespräch mit dem Server.</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="215" />
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="228" />
        <source>&amp;Cancel sending</source>
        <translation>Senden a&amp;bbrechen</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="248" />
        <source>C&amp;lose</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>TestSendJob</name>
    <message>
        <location filename="../src/core/smtp/TestSendJob.cpp" line="60" />
        <source>the session ended without a result</source>
        <translation>die Sitzung endete ohne Ergebnis</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/TestSendJob.cpp" line="85" />
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>outbound</name>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="58" />
        <source>the address is empty</source>
        <translation>die Adresse ist leer</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="60" />
        <source>the address contains a line break</source>
        <translation>die Adresse enthält einen Zeilenumbruch</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="63" />
        <source>"%1" has no @</source>
        <translation>„%1“ enthält kein @</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="67" />
        <source>"%1" has nothing before the @</source>
        <translation>„%1“ hat nichts vor dem @</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="69" />
        <source>"%1" has no domain after the @</source>
        <translation>„%1“ hat keine Domain nach dem @</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="71" />
        <source>the part before the @ is longer than 64 characters</source>
        <translation>der Teil vor dem @ ist länger als 64 Zeichen</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="73" />
        <source>"%1" has a misplaced dot before the @</source>
        <translation>„%1“ hat einen falsch gesetzten Punkt vor dem @</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="76" />
        <source>"%1" contains the character "%2", which is not allowed in an address</source>
        <translation>„%1“ enthält das Zeichen „%2“, das in einer Adresse nicht erlaubt ist</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="77" />
        <source>space</source>
        <translation>Leerzeichen</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="83" />
        <location filename="../src/core/mime/MailAddress.cpp" line="86" />
        <location filename="../src/core/mime/MailAddress.cpp" line="89" />
        <source>"%1" is not a valid domain</source>
        <translation>„%1“ ist keine gültige Domain</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="98" />
        <source>The address "%1" contains a line break, which is not allowed (it could inject headers).</source>
        <translation>Die Adresse „%1“ enthält einen Zeilenumbruch; das ist nicht erlaubt (damit ließen sich Kopfzeilen einschleusen).</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="106" />
        <source>The address "%1" has a "&lt;" without a closing "&gt;".</source>
        <translation>Die Adresse „%1“ hat ein „&lt;“ ohne schließendes „&gt;“.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="120" />
        <source>Invalid address: %1.</source>
        <translation>Ungültige Adresse: %1.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="166" />
        <source>No address given.</source>
        <translation>Keine Adresse angegeben.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="207" />
        <source>The %1 contains a line break (CR or LF), which could add hidden headers; the message was not built.</source>
        <translation>%1 enthält einen Zeilenumbruch (CR oder LF), mit dem sich versteckte Kopfzeilen einfügen ließen; die Nachricht wurde nicht erstellt.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="212" />
        <source>The %1 contains a NUL character; the message was not built.</source>
        <translation>%1 enthält ein NUL-Zeichen; die Nachricht wurde nicht erstellt.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="218" />
        <source>display name in %1</source>
        <translation>Anzeigename in %1</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="220" />
        <source>%1 address</source>
        <translation>%1-Adresse</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="224" />
        <source>The %1 address "%2" is not valid: %3.</source>
        <translation>Die %1-Adresse „%2“ ist ungültig: %3.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="243" />
        <source>Message-ID</source>
        <translation>Message-ID</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="250" />
        <source>The Message-ID "%1" is not of the form &lt;unique-part@domain&gt;.</source>
        <translation>Die Message-ID „%1“ hat nicht die Form &lt;eindeutiger-Teil@domain&gt;.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="291" />
        <source>The message has no sender (From).</source>
        <translation>Die Nachricht hat keinen Absender (From).</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="293" />
        <source>The message has no recipients (To, Cc or Bcc).</source>
        <translation>Die Nachricht hat keine Empfänger (An, Cc oder Bcc).</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="308" />
        <source>subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="312" />
        <source>attachment name "%1"</source>
        <translation>Anhangsname „%1“</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="316" />
        <source>The attachment name "%1…" is longer than %2 characters.</source>
        <translation>Der Anhangsname „%1…“ ist länger als %2 Zeichen.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="322" />
        <source>content type of the attachment "%1"</source>
        <translation>Inhaltstyp des Anhangs „%1“</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="328" />
        <source>The content type "%1" of the attachment "%2" is not a valid MIME type.</source>
        <translation>Der Inhaltstyp „%1“ des Anhangs „%2“ ist kein gültiger MIME-Typ.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="333" />
        <source>iCalendar method</source>
        <translation>iCalendar-Methode</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="339" />
        <source>The iCalendar method "%1" is not valid (expected a word such as REQUEST).</source>
        <translation>Die iCalendar-Methode „%1“ ist ungültig (erwartet wird ein Wort wie REQUEST).</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="337" />
        <source>The host name cannot contain spaces, "/", "@" or ":"; enter only the server name, such as smtp.example.com (the port has its own field).</source>
        <translation>Der Hostname darf keine Leerzeichen, „/“, „@“ oder „:“ enthalten; geben Sie nur den Servernamen ein, etwa smtp.example.com (der Port hat ein eigenes Feld).</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="345" />
        <source>"%1" is not a valid host name.</source>
        <translation>„%1“ ist kein gültiger Hostname.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="349" />
        <source>The host name is longer than 253 characters.</source>
        <translation>Der Hostname ist länger als 253 Zeichen.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="355" />
        <source>"%1" is not a valid host name: each part between dots must be 1 to 63 letters, digits or hyphens.</source>
        <translation>„%1“ ist kein gültiger Hostname: Jeder Teil zwischen den Punkten muss aus 1 bis 63 Buchstaben, Ziffern oder Bindestrichen bestehen.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="367" />
        <source>%1 must be between %2 and %3.</source>
        <translation>%1 muss zwischen %2 und %3 liegen.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="375" />
        <source>Enter the %1 address (or an SMTP user name that is an email address).</source>
        <translation>Geben Sie die Adresse für %1 ein (oder einen SMTP-Benutzernamen, der eine E-Mail-Adresse ist).</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="380" />
        <source>The %1 address is not valid: %2</source>
        <translation>Die Adresse für %1 ist ungültig: %2</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="382" />
        <source>The %1 name cannot contain line breaks.</source>
        <translation>Der Name für %1 darf keine Zeilenumbrüche enthalten.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="393" />
        <source>Enter the SMTP server's host name, for example smtp.office365.com.</source>
        <translation>Geben Sie den Hostnamen des SMTP-Servers ein, zum Beispiel smtp.office365.com.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="400" />
        <source>The port</source>
        <translation>Der Port</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="403" />
        <source>Enter the user name to sign in with, or set sign-in to "none".</source>
        <translation>Geben Sie den Benutzernamen für die Anmeldung ein oder stellen Sie die Anmeldung auf „keine“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="405" />
        <source>The user name cannot contain line breaks.</source>
        <translation>Der Benutzername darf keine Zeilenumbrüche enthalten.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="409" />
        <source>The CA file %1 does not exist or cannot be read.</source>
        <translation>Die CA-Datei %1 existiert nicht oder ist nicht lesbar.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="415" />
        <source>The pinned certificate must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed.</source>
        <translation>Das feste Zertifikat muss ein SHA-256-Fingerabdruck sein: 64 Hexadezimalziffern, Doppelpunkte erlaubt.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="423" />
        <source>The EHLO name: %1</source>
        <translation>Der EHLO-Name: %1</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="427" />
        <source>The connect timeout</source>
        <translation>Das Zeitlimit für den Verbindungsaufbau</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="429" />
        <source>The greeting timeout</source>
        <translation>Das Zeitlimit für die Begrüßung</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="431" />
        <source>The command timeout</source>
        <translation>Das Zeitlimit für Befehle</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="433" />
        <source>The data timeout</source>
        <translation>Das Zeitlimit für Daten</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="435" />
        <source>The final reply timeout</source>
        <translation>Das Zeitlimit für die Abschlussantwort</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="438" />
        <source>default sender</source>
        <translation>den Standardabsender</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="441" />
        <source>invoice sender</source>
        <translation>den Rechnungsabsender</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="443" />
        <source>quote sender</source>
        <translation>den Angebotsabsender</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="445" />
        <source>ticket sender</source>
        <translation>den Ticket-Absender</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="447" />
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="449" />
        <source>The first retry delay</source>
        <translation>Die erste Wartezeit</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="452" />
        <source>The longest retry delay cannot be shorter than the first one (%1 s).</source>
        <translation>Die längste Wartezeit darf nicht kürzer sein als die erste (%1 s).</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="454" />
        <source>The longest retry delay</source>
        <translation>Die längste Wartezeit</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="456" />
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="458" />
        <source>The rate limit (0 for none)</source>
        <translation>Die Rate (0 für keine Grenze)</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="460" />
        <source>The daily cap (0 for none)</source>
        <translation>Das Tageslimit (0 für keine Grenze)</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="462" />
        <source>Keep sent messages</source>
        <translation>Gesendete Nachrichten behalten</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="465" />
        <source>The message size limit must be between 1 KB and 1 GB.</source>
        <translation>Die Größengrenze für Nachrichten muss zwischen 1 KB und 1 GB liegen.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="488" />
        <source>Microsoft 365</source>
        <translation>Microsoft 365</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="494" />
        <source>&lt;p&gt;Sign in with the full mailbox address as user name.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;An administrator must allow &lt;b&gt;Authenticated SMTP&lt;/b&gt; for this mailbox: Microsoft 365 admin center → Users → Active users → the user → Mail → Manage email apps.&lt;/li&gt;&lt;li&gt;If the account uses multi-factor sign-in, create an &lt;b&gt;app password&lt;/b&gt; and enter it here instead of the normal password.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Microsoft allows about 30 messages a minute and 10,000 recipients a day; the queue limits are set to match. If sending fails with &lt;b&gt;535 5.7.139&lt;/b&gt;, SMTP sign-in is still switched off for the mailbox or by security defaults.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Melden Sie sich mit der vollständigen Postfachadresse als Benutzernamen an.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Ein Administrator muss &lt;b&gt;Authentifiziertes SMTP&lt;/b&gt; für dieses Postfach erlauben: Microsoft 365 Admin Center → Benutzer → Aktive Benutzer → der Benutzer → E-Mail → E-Mail-Apps verwalten.&lt;/li&gt;&lt;li&gt;Nutzt das Konto eine Mehrfaktor-Anmeldung, erstellen Sie ein &lt;b&gt;App-Kennwort&lt;/b&gt; und geben es hier statt des normalen Passworts ein.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Microsoft erlaubt etwa 30 Nachrichten pro Minute und 10.000 Empfänger pro Tag; die Grenzen der Warteschlange werden passend gesetzt. Schlägt der Versand mit &lt;b&gt;535 5.7.139&lt;/b&gt; fehl, ist die SMTP-Anmeldung für das Postfach oder durch die Sicherheitsstandards noch abgeschaltet.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="505" />
        <source>Google Workspace</source>
        <translation>Google Workspace</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="511" />
        <source>&lt;p&gt;Sign in with the full Google address as user name.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Accounts with 2-Step Verification need an &lt;b&gt;app password&lt;/b&gt;: Google Account → Security → App passwords. Enter its 16 characters here.&lt;/li&gt;&lt;li&gt;Google accepts at most 100 recipients per message over SMTP.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Google allows about 2,000 messages a day; the daily cap is set to match. &lt;b&gt;534 5.7.9&lt;/b&gt; means an app password is required.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Melden Sie sich mit der vollständigen Google-Adresse als Benutzernamen an.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Konten mit Bestätigung in zwei Schritten brauchen ein &lt;b&gt;App-Passwort&lt;/b&gt;: Google-Konto → Sicherheit → App-Passwörter. Geben Sie dessen 16 Zeichen hier ein.&lt;/li&gt;&lt;li&gt;Google nimmt über SMTP höchstens 100 Empfänger pro Nachricht an.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Google erlaubt etwa 2.000 Nachrichten pro Tag; das Tageslimit wird passend gesetzt. &lt;b&gt;534 5.7.9&lt;/b&gt; bedeutet, dass ein App-Passwort nötig ist.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="519" />
        <source>Custom server</source>
        <translation>Eigener Server</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="525" />
        <source>&lt;p&gt;Enter your provider's SMTP server. Port 587 with STARTTLS or port 465 with TLS is usual; use &lt;b&gt;Detect&lt;/b&gt; to find what the server supports.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Geben Sie den SMTP-Server Ihres Anbieters ein. Üblich sind Port 587 mit STARTTLS oder Port 465 mit TLS; mit &lt;b&gt;Erkennen&lt;/b&gt; finden Sie heraus, was der Server unterstützt.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>outbound::MailSettings</name>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="226" />
        <source>%1 must be a whole number, not "%2".</source>
        <translation>%1 muss eine ganze Zahl sein, nicht „%2“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="239" />
        <source>smtp.encryption must be none, starttls or tls, not "%1".</source>
        <translation>smtp.encryption muss none, starttls oder tls sein, nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="246" />
        <source>smtp.auth must be auto, plain, login, xoauth2 or none, not "%1".</source>
        <translation>smtp.auth muss auto, plain, login, xoauth2 oder none sein, nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="270" />
        <source>%1 must be true or false, not "%2".</source>
        <translation>%1 muss true oder false sein, nicht „%2“.</translation>
    </message>
</context>
<context>
    <name>outbound::SmtpProtocol</name>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="267" />
        <source>the server refused every recipient (%1)</source>
        <translation>der Server hat alle Empfänger abgelehnt (%1)</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="295" />
        <source>the server answered with TLS instead of an SMTP greeting; this port expects implicit TLS (encryption "tls")</source>
        <translation>der Server hat mit TLS statt mit einer SMTP-Begrüßung geantwortet; dieser Port erwartet implizites TLS (Verschlüsselung „tls“)</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="327" />
        <source>the server is closing the connection; try again later</source>
        <translation>der Server schließt die Verbindung; versuchen Sie es später erneut</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="360" />
        <source>the server did not accept the connection</source>
        <translation>der Server hat die Verbindung nicht angenommen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="374" />
        <source>the server refused the EHLO greeting</source>
        <translation>der Server hat die EHLO-Begrüßung abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="383" />
        <source>the server refused both EHLO and HELO</source>
        <translation>der Server hat sowohl EHLO als auch HELO abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="391" />
        <source>the server sent extra data right after agreeing to STARTTLS</source>
        <translation>der Server hat direkt nach der Zusage zu STARTTLS weitere Daten gesendet</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="397" />
        <source>the server refused to start TLS</source>
        <translation>der Server hat den Start von TLS abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="414" />
        <source>the server refused the user name or password</source>
        <translation>der Server hat Benutzername oder Passwort abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="415" />
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="423" />
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="433" />
        <source>the server refused the sign-in</source>
        <translation>der Server hat die Anmeldung abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="432" />
        <source>the server refused the user name</source>
        <translation>der Server hat den Benutzernamen abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="452" />
        <source>the server refused the OAuth2 access token</source>
        <translation>der Server hat das OAuth2-Zugriffstoken abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="460" />
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="691" />
        <source>the server sent a reply (%1) nobody asked for</source>
        <translation>der Server hat eine Antwort (%1) gesendet, nach der niemand gefragt hat</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="471" />
        <source>encryption is set to STARTTLS but the server does not offer it; nothing was sent in clear</source>
        <translation>als Verschlüsselung ist STARTTLS eingestellt, aber der Server bietet es nicht an; es wurde nichts im Klartext gesendet</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="493" />
        <source>sign-in is configured but the server offers no sign-in (AUTH)</source>
        <translation>eine Anmeldung ist eingestellt, aber der Server bietet keine Anmeldung (AUTH) an</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="494" />
        <source>sign-in is configured but the server offers no sign-in (AUTH) on this unencrypted connection</source>
        <translation>eine Anmeldung ist eingestellt, aber der Server bietet auf dieser unverschlüsselten Verbindung keine Anmeldung (AUTH) an</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="497" />
        <source>the server offers sign-in with %1 only, not with %2</source>
        <translation>der Server bietet die Anmeldung nur mit %1 an, nicht mit %2</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="505" />
        <source>the connection is not encrypted, so the password was not sent; use STARTTLS or TLS, or allow sign-in without encryption for this account</source>
        <translation>die Verbindung ist nicht verschlüsselt, deshalb wurde das Passwort nicht gesendet; verwenden Sie STARTTLS oder TLS oder erlauben Sie für dieses Konto die Anmeldung ohne Verschlüsselung</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="558" />
        <source>the connection was already closed</source>
        <translation>die Verbindung war bereits geschlossen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="612" />
        <source>the message has no recipients</source>
        <translation>die Nachricht hat keine Empfänger</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="615" />
        <source>an envelope address contains a line break or angle bracket</source>
        <translation>eine Umschlagadresse enthält einen Zeilenumbruch oder eine spitze Klammer</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="618" />
        <source>the message is %1 bytes but the server accepts at most %2 bytes</source>
        <translation>die Nachricht ist %1 Bytes groß, der Server nimmt aber höchstens %2 Bytes an</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="623" />
        <source>the message has a non-ASCII address, which needs SMTPUTF8, and the server does not offer it</source>
        <translation>die Nachricht hat eine Adresse mit Nicht-ASCII-Zeichen, die SMTPUTF8 braucht, und der Server bietet es nicht an</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="704" />
        <source>the server refused the sender address &lt;%1&gt;</source>
        <translation>der Server hat die Absenderadresse &lt;%1&gt; abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="752" />
        <source>the server refused to take the message</source>
        <translation>der Server hat die Annahme der Nachricht verweigert</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="763" />
        <source>the server did not accept the message</source>
        <translation>der Server hat die Nachricht nicht angenommen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="787" />
        <source>&lt;message %1 bytes&gt;</source>
        <translation>&lt;Nachricht, %1 Bytes&gt;</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="835" />
        <source>the server closed the connection</source>
        <translation>der Server hat die Verbindung geschlossen</translation>
    </message>
</context>
<context>
    <name>outbound::TestSendJob</name>
    <message>
        <location filename="../src/core/smtp/TestSendJob.cpp" line="185" />
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>outbound::gui::MailQueueModel</name>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="141" />
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="153" />
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="200" />
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="202" />
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="204" />
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="206" />
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="208" />
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="210" />
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="212" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="214" />
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="216" />
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="218" />
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>outbound::gui::MailQueuePage</name>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="49" />
        <source>All messages</source>
        <translation>Alle Nachrichten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="51" />
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="114" />
        <source>Queue unavailable: %1</source>
        <translation>Warteschlange nicht verfügbar: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="211" />
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="214" />
        <source>%1 of %2 messages shown</source>
        <translation>%1 von %2 Nachrichten angezeigt</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="216" />
        <source>%n message(s)</source>
        <translation><numerusform>%n Nachricht</numerusform><numerusform>%n Nachrichten</numerusform></translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="222" />
        <source>All messages (%1)</source>
        <translation>Alle Nachrichten (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="225" />
        <source>Needs attention (%1)</source>
        <translation>Braucht Aufmerksamkeit (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="229" />
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="237" />
        <source>%1 · %2 queued · %3 deferred · %4 failed · %5 sent</source>
        <translation>%1 · %2 wartend · %3 zurückgestellt · %4 fehlgeschlagen · %5 gesendet</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="260" />
        <source>Delete messages</source>
        <translation>Nachrichten löschen</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="261" />
        <source>Delete %n message(s) from the queue? This cannot be undone.</source>
        <translation><numerusform>%n Nachricht aus der Warteschlange löschen? Das lässt sich nicht rückgängig machen.</numerusform><numerusform>%n Nachrichten aus der Warteschlange löschen? Das lässt sich nicht rückgängig machen.</numerusform></translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="264" />
        <source>Cancel messages</source>
        <translation>Nachrichten abbrechen</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="264" />
        <source>Cancel %n message(s)? They will not be sent.</source>
        <translation><numerusform>%n Nachricht abbrechen? Sie wird nicht gesendet.</numerusform><numerusform>%n Nachrichten abbrechen? Sie werden nicht gesendet.</numerusform></translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="268" />
        <source>Mark as sent</source>
        <translation>Als gesendet markieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="269" />
        <source>Record %n message(s) as sent without sending them again? Do this only when the recipients got them.</source>
        <translation><numerusform>%n Nachricht als gesendet vermerken, ohne sie erneut zu senden? Tun Sie das nur, wenn die Empfänger sie erhalten haben.</numerusform><numerusform>%n Nachrichten als gesendet vermerken, ohne sie erneut zu senden? Tun Sie das nur, wenn die Empfänger sie erhalten haben.</numerusform></translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="273" />
        <source>Working…</source>
        <translation>Wird ausgeführt…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="281" />
        <location filename="../src/gui/MailQueuePage.cpp" line="330" />
        <location filename="../src/gui/MailQueuePage.cpp" line="346" />
        <source>Mail Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="288" />
        <source>%n message(s) queued again.</source>
        <translation><numerusform>%n Nachricht wieder eingereiht.</numerusform><numerusform>%n Nachrichten wieder eingereiht.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="291" />
        <source>%n message(s) cancelled.</source>
        <translation><numerusform>%n Nachricht abgebrochen.</numerusform><numerusform>%n Nachrichten abgebrochen.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="294" />
        <source>%n message(s) deleted.</source>
        <translation><numerusform>%n Nachricht gelöscht.</numerusform><numerusform>%n Nachrichten gelöscht.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="297" />
        <source>%n message(s) marked as sent.</source>
        <translation><numerusform>%n Nachricht als gesendet markiert.</numerusform><numerusform>%n Nachrichten als gesendet markiert.</numerusform></translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="331" />
        <source>Sending could not start: %1</source>
        <translation>Der Versand konnte nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="346" />
        <source>This build cannot send from the queue yet.</source>
        <translation>Dieser Build kann noch nicht aus der Warteschlange senden.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="368" />
        <source>Pause sending</source>
        <translation>Versand anhalten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="368" />
        <source>Start sending</source>
        <translation>Versand starten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="373" />
        <source>Sending</source>
        <translation>Sendet</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="376" />
        <source>Idle, waiting for due messages</source>
        <translation>Bereit, wartet auf fällige Nachrichten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="379" />
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="382" />
        <source>Not sending</source>
        <translation>Kein Versand</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="399" />
        <source>%1 of %2 sent</source>
        <translation>%1 von %2 gesendet</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="403" />
        <source>%n failed in this run</source>
        <translation><numerusform>%n in diesem Lauf fehlgeschlagen</numerusform><numerusform>%n in diesem Lauf fehlgeschlagen</numerusform></translation>
    </message>
</context>
<context>
    <name>outbound::gui::MailSettingsPage</name>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="81" />
        <source>%1 (this computer)</source>
        <translation>%1 (dieser Computer)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="92" />
        <location filename="../src/gui/MailSettingsPage.cpp" line="542" />
        <source>Show the password</source>
        <translation>Passwort anzeigen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="217" />
        <location filename="../src/gui/MailSettingsPage.cpp" line="462" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="218" />
        <source>The settings could not be read: %1</source>
        <translation>Die Einstellungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="232" />
        <source>Reading the stored password…</source>
        <translation>Gespeichertes Passwort wird gelesen…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="233" />
        <source>Asking the password store…</source>
        <translation>Passwortspeicher wird abgefragt…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="360" />
        <source>Setup guidance: %1</source>
        <translation>Einrichtungshinweise: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="360" />
        <source>Setup guidance</source>
        <translation>Einrichtungshinweise</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="368" />
        <source>same as the default address</source>
        <translation>wie die Standardadresse</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="370" />
        <source>same as the default name</source>
        <translation>wie der Standardname</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="377" />
        <source>billing@example.com</source>
        <translation>rechnung@example.com</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="412" />
        <source>&lt;b&gt;Encryption is off.&lt;/b&gt; Outbound will refuse to send the password over a plain connection. Choose STARTTLS or TLS, or allow sign-in without TLS under Advanced (not recommended).</source>
        <translation>&lt;b&gt;Die Verschlüsselung ist aus.&lt;/b&gt; Outbound sendet das Passwort nicht über eine unverschlüsselte Verbindung. Wählen Sie STARTTLS oder TLS oder erlauben Sie unter „Erweitert“ die Anmeldung ohne TLS (nicht empfohlen).</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="416" />
        <source>&lt;b&gt;Encryption is off.&lt;/b&gt; The password and every message cross the network as plain text that anyone on the way can read.</source>
        <translation>&lt;b&gt;Die Verschlüsselung ist aus.&lt;/b&gt; Das Passwort und jede Nachricht gehen als Klartext durchs Netz; jeder auf dem Weg kann sie lesen.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="419" />
        <source>&lt;b&gt;Encryption is off.&lt;/b&gt; Messages cross the network unencrypted.</source>
        <translation>&lt;b&gt;Die Verschlüsselung ist aus.&lt;/b&gt; Nachrichten gehen unverschlüsselt durchs Netz.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="436" />
        <source>Send a message with the values shown, saved or not.</source>
        <translation>Eine Nachricht mit den angezeigten Werten senden, ob gespeichert oder nicht.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="437" />
        <source>Fix the settings first: %1</source>
        <translation>Korrigieren Sie zuerst die Einstellungen: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailSettingsPage.cpp" line="439" />
        <source>%n setting(s) need attention</source>
        <translation><numerusform>%n Einstellung braucht Aufmerksamkeit</numerusform><numerusform>%n Einstellungen brauchen Aufmerksamkeit</numerusform></translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="441" />
        <location filename="../src/gui/MailSettingsPage.cpp" line="515" />
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="463" />
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="471" />
        <source>Storing the password…</source>
        <translation>Passwort wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="490" />
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="491" />
        <source>The password could not be stored: %1</source>
        <translation>Das Passwort konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="516" />
        <source>The mail settings have changes that are not saved yet.</source>
        <translation>Die E-Mail-Einstellungen enthalten Änderungen, die noch nicht gespeichert sind.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="518" />
        <source>Save them now?</source>
        <translation>Jetzt speichern?</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="519" />
        <source>Some values are not valid, so they cannot be saved as they are.</source>
        <translation>Einige Werte sind ungültig und können so nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="542" />
        <source>Hide the password</source>
        <translation>Passwort verbergen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="549" />
        <source>Choose a CA certificate</source>
        <translation>CA-Zertifikat wählen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="550" />
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="569" />
        <source>Send test email</source>
        <translation>Test-E-Mail senden</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="569" />
        <source>This build has no SMTP engine yet.</source>
        <translation>Dieser Build hat noch keinen SMTP-Versand.</translation>
    </message>
</context>
<context>
    <name>outbound::gui::MainWindow</name>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="32" />
        <location filename="../src/gui/MainWindow.cpp" line="94" />
        <source>Settings › Mail</source>
        <translation>Einstellungen › E-Mail</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="33" />
        <source>The SMTP account, senders and queue limits</source>
        <translation>Das SMTP-Konto, die Absender und die Grenzen der Warteschlange</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="34" />
        <location filename="../src/gui/MainWindow.cpp" line="94" />
        <source>Mail Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="36" />
        <source>Every message, its status and the sending switch</source>
        <translation>Alle Nachrichten, ihr Status und der Schalter für den Versand</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="49" />
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="95" />
        <source>%1[*] — Outbound</source>
        <translation>%1[*] — Outbound</translation>
    </message>
</context>
<context>
    <name>outbound::gui::MessageDetailPane</name>
    <message numerus="yes">
        <location filename="../src/gui/MessageDetailPane.cpp" line="49" />
        <source>%n messages selected.</source>
        <translation><numerusform>%n Nachricht ausgewählt.</numerusform><numerusform>%n Nachrichten ausgewählt.</numerusform></translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="50" />
        <source>Select a message to see its content, last error and transcript.</source>
        <translation>Wählen Sie eine Nachricht, um Inhalt, letzten Fehler und Protokoll zu sehen.</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="58" />
        <source>Loading message %1…</source>
        <translation>Nachricht %1 wird geladen…</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="74" />
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MessageDetailPane.cpp" line="81" />
        <source> · %n attempt(s)</source>
        <translation><numerusform> · %n Versuch</numerusform><numerusform> · %n Versuche</numerusform></translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="84" />
        <source> · sent %1</source>
        <translation> · gesendet %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="87" />
        <source> · next attempt %1</source>
        <translation> · nächster Versuch %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="100" />
        <location filename="../src/gui/MessageDetailPane.cpp" line="107" />
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="111" />
        <source>Attachments (%1)</source>
        <translation>Anhänge (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="111" />
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="116" />
        <source>The server accepted the message:</source>
        <translation>Der Server hat die Nachricht angenommen:</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="123" />
        <source>Phase: %1</source>
        <translation>Phase: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="125" />
        <source>Reply: %1 %2</source>
        <translation>Antwort: %1 %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="126" />
        <source>Temporary: retried automatically</source>
        <translation>Vorübergehend: wird automatisch wiederholt</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="126" />
        <source>Permanent: needs a person</source>
        <translation>Dauerhaft: braucht einen Menschen</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="130" />
        <source>The server said:</source>
        <translation>Der Server sagte:</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="135" />
        <source>Likely cause:</source>
        <translation>Wahrscheinliche Ursache:</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="135" />
        <source>What to do:</source>
        <translation>Was zu tun ist:</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="143" />
        <source>Refused recipient %1: %2 %3 %4</source>
        <translation>Abgelehnter Empfänger %1: %2 %3 %4</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="148" />
        <source>No error recorded.</source>
        <translation>Kein Fehler vermerkt.</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="150" />
        <source>No attempt recorded yet.</source>
        <translation>Noch kein Versuch vermerkt.</translation>
    </message>
</context>
<context>
    <name>outbound::gui::TestSendDialog</name>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="41" />
        <source>no sender address</source>
        <translation>keine Absenderadresse</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="42" />
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="48" />
        <source>%1 port %2, %3</source>
        <translation>%1, Port %2, %3</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="50" />
        <source>, signing in as %1</source>
        <translation>, Anmeldung als %1</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="153" />
        <source>&lt;b&gt;The settings are not complete.&lt;/b&gt;&lt;br/&gt;%1</source>
        <translation>&lt;b&gt;Die Einstellungen sind unvollständig.&lt;/b&gt;&lt;br/&gt;%1</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="160" />
        <source>&lt;b&gt;The recipient is not valid.&lt;/b&gt;&lt;br/&gt;%1</source>
        <translation>&lt;b&gt;Der Empfänger ist ungültig.&lt;/b&gt;&lt;br/&gt;%1</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="171" />
        <source>Outbound test message</source>
        <translation>Testnachricht von Outbound</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="173" />
        <source>This is a test message from Outbound.

If you can read it, the mail settings work: the server %1 (port %2) accepted it from %3.

Sent %4 from %5.
</source>
        <translation>Dies ist eine Testnachricht von Outbound.

Wenn Sie sie lesen können, funktionieren die E-Mail-Einstellungen: Der Server %1 (Port %2) hat sie von %3 angenommen.

Gesendet am %4 von %5.
</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="183" />
        <source>&lt;b&gt;The test message could not be built.&lt;/b&gt;&lt;br/&gt;%1</source>
        <translation>&lt;b&gt;Die Testnachricht konnte nicht erstellt werden.&lt;/b&gt;&lt;br/&gt;%1</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="203" />
        <source>This build has no SMTP engine.</source>
        <translation>Dieser Build hat keinen SMTP-Versand.</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="221" />
        <source>*  Cancelled by you.</source>
        <translation>*  Von Ihnen abgebrochen.</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="222" />
        <source>&lt;b&gt;Cancelled.&lt;/b&gt; Nothing more is sent; the connection is closed.</source>
        <translation>&lt;b&gt;Abgebrochen.&lt;/b&gt; Es wird nichts mehr gesendet; die Verbindung ist geschlossen.</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="239" />
        <source>&lt;b&gt;The server accepted the test message.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Der Server hat die Testnachricht angenommen.&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="243" />
        <source>Encrypted with %1.</source>
        <translation>Verschlüsselt mit %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="260" />
        <source>&lt;b&gt;Likely cause:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Wahrscheinliche Ursache:&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="262" />
        <source>&lt;b&gt;What to do:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Was zu tun ist:&lt;/b&gt;</translation>
    </message>
</context>
</TS>