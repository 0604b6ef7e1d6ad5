<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Database</name>
    <message>
        <location filename="../src/core/common/Database.cpp" line="154"/>
        <source>%1 is not a database file (it is a folder, a device or a pipe).</source>
        <translation>%1 ist keine Datenbankdatei (sondern ein Ordner, ein Gerät oder eine Pipe).</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="162"/>
        <source>warning: the database %1 can be read by other users (mode %2); `chmod 600 %1` makes it private.</source>
        <translation>Warnung: Die Datenbank %1 ist für andere Benutzer lesbar (Modus %2); `chmod 600 %1` macht sie privat.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="169"/>
        <source>warning: the database %1 has %2 hard links; use it under one name only (its log files go by name).</source>
        <translation>Warnung: Die Datenbank %1 hat %2 harte Links; verwenden Sie sie nur unter einem Namen (ihre Protokolldateien hängen am Namen).</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="175"/>
        <source>Cannot open the database %1: %2</source>
        <translation>Die Datenbank %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="179"/>
        <source>no such database: %1</source>
        <translation>keine solche Datenbank: %1</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="196"/>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="204"/>
        <source>Cannot create the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="110"/>
        <location filename="../src/core/common/Database.cpp" line="219"/>
        <source>Cannot open the database %1</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="74"/>
        <source>Cannot switch the database to WAL mode</source>
        <translation>Die Datenbank lässt sich nicht in den WAL-Modus schalten</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="105"/>
        <source>%1 is not a database file; Outbound leaves it as it is.</source>
        <translation>%1 ist keine Datenbankdatei; Outbound lässt sie unverändert.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="118"/>
        <source>%1 is another program&apos;s database (it has no Outbound tables); Outbound leaves it as it is.</source>
        <translation>%1 ist die Datenbank eines anderen Programms (ohne Tabellen von Outbound); Outbound lässt sie unverändert.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="124"/>
        <source>%1 is empty, not an Outbound database yet; a command that writes (settings set, enqueue) sets it up.</source>
        <translation>%1 ist leer und noch keine Outbound-Datenbank; ein schreibender Befehl (settings set, enqueue) richtet sie ein.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="228"/>
        <location filename="../src/core/common/Database.cpp" line="292"/>
        <source>Cannot create the schema version table</source>
        <translation>Die Tabelle für die Schemaversion lässt sich nicht anlegen</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="259"/>
        <source>Cannot connect to the database %1</source>
        <translation>Keine Verbindung zur Datenbank %1</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="283"/>
        <source>The database %1 is not set up for Outbound yet: run `outbound-cli db init --db %1` as a role that may create tables.</source>
        <translation>Die Datenbank %1 ist noch nicht für Outbound eingerichtet: `outbound-cli db init --db %1` mit einer Rolle ausführen, die Tabellen anlegen darf.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="332"/>
        <source>The database is not open.</source>
        <translation>Die Datenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="338"/>
        <source>Cannot open the database %1 to lock it: %2</source>
        <translation>Die Datenbank %1 lässt sich zum Sperren nicht öffnen: %2</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="346"/>
        <source>Cannot lock the database %1: %2</source>
        <translation>Die Datenbank %1 lässt sich nicht sperren: %2</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="498"/>
        <source>Cannot read the schema version of %1</source>
        <translation>Die Schemaversion von %1 lässt sich nicht lesen</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="505"/>
        <source>The database was written by a newer Outbound (%1 schema %2); this version knows up to %3.</source>
        <translation>Die Datenbank stammt von einer neueren Outbound-Version (%1, Schema %2); diese Version kennt höchstens %3.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="517"/>
        <source>%1 is kept in SQLite only.</source>
        <translation>%1 gibt es nur in SQLite.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="533"/>
        <source>Cannot read the schema versions</source>
        <translation>Die Schemaversionen lassen sich nicht lesen</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="577"/>
        <source>The database %1 has no %2 tables yet: run `outbound-cli db init --db %1`.</source>
        <translation>Die Datenbank %1 hat noch keine Tabellen für %2: `outbound-cli db init --db %1` ausführen.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="580"/>
        <source>The database %1 holds %2 schema %3; this Outbound needs %4: run `outbound-cli db migrate --db %1`.</source>
        <translation>Die Datenbank %1 hat %2-Schema %3; diese Outbound-Version braucht %4: `outbound-cli db migrate --db %1` ausführen.</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="601"/>
        <source>Cannot lock the database to set up %1</source>
        <translation>Die Datenbank lässt sich nicht sperren, um %1 einzurichten</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="638"/>
        <source>Cannot set up %1 (schema step %2 of %3)</source>
        <translation>%1 lässt sich nicht einrichten (Schemaschritt %2 von %3)</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="650"/>
        <location filename="../src/core/common/Database.cpp" line="659"/>
        <source>Cannot record the schema version of %1</source>
        <translation>Die Schemaversion von %1 lässt sich nicht speichern</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="667"/>
        <source>Cannot save the set-up of %1</source>
        <translation>Die Einrichtung von %1 lässt sich nicht speichern</translation>
    </message>
    <message>
        <location filename="../src/core/common/Database.cpp" line="778"/>
        <source>%1: database error: %2</source>
        <translation>%1: Datenbankfehler: %2</translation>
    </message>
</context>
<context>
    <name>DatabaseOpener</name>
    <message>
        <location filename="../src/gui/DatabaseOpener.cpp" line="53"/>
        <source>Opening the database
%1</source>
        <translation>Datenbank wird geöffnet
%1</translation>
    </message>
    <message>
        <location filename="../src/gui/DatabaseOpener.cpp" line="58"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../src/gui/DatabaseOpener.cpp" line="79"/>
        <source>Opening the database was cancelled.</source>
        <translation>Das Öffnen der Datenbank wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>Diagnosis</name>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="92"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="96"/>
        <source>The server&apos;s TLS certificate has expired (or is not valid yet), so the connection was refused.</source>
        <translation>Das TLS-Zertifikat des Servers ist abgelaufen (oder noch nicht gültig), deshalb wurde die Verbindung abgelehnt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="100"/>
        <source>Ask the server&apos;s administrator to renew the certificate, and check that this computer&apos;s clock is right.</source>
        <translation>Bitten Sie den Administrator des Servers, das Zertifikat zu erneuern, und prüfen Sie, ob die Uhr dieses Computers stimmt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="107"/>
        <source>The server&apos;s certificate is issued for %1, not for the host name %2.</source>
        <translation>Das Zertifikat des Servers ist für %1 ausgestellt, nicht für den Hostnamen %2.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="110"/>
        <source>Set smtp.host to one of the names on the certificate (%1).</source>
        <translation>Setzen Sie smtp.host auf einen der Namen im Zertifikat (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="120"/>
        <source>The server&apos;s certificate is self-signed or from an authority this computer does not trust (SHA-256 %1).</source>
        <translation>Das Zertifikat des Servers ist selbst signiert oder stammt von einer Stelle, der dieser Computer nicht vertraut (SHA-256 %1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="125"/>
        <source>If you trust this server, pin that certificate by setting smtp.pinned_sha256 to %1, or give the issuing CA in smtp.ca_file.</source>
        <translation>Wenn Sie diesem Server vertrauen, legen Sie das Zertifikat fest, indem Sie smtp.pinned_sha256 auf %1 setzen, oder geben Sie die ausstellende CA in smtp.ca_file an.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="134"/>
        <source>The server&apos;s certificate could not be verified (%1).</source>
        <translation>Das Zertifikat des Servers konnte nicht geprüft werden (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="135"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="136"/>
        <source>Give the issuing CA&apos;s certificate in smtp.ca_file, or pin the server&apos;s certificate in smtp.pinned_sha256.</source>
        <translation>Geben Sie das Zertifikat der ausstellenden CA in smtp.ca_file an oder legen Sie das Serverzertifikat in smtp.pinned_sha256 fest.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="148"/>
        <source>Port %1 sent no greeting within %2 s while encryption is %3; a port that expects TLS from the first byte (implicit TLS, often called SSL, as on 465) stays silent like this.</source>
        <translation>Port %1 hat innerhalb von %2 s keine Begrüßung gesendet, während die Verschlüsselung %3 ist; ein Port, der TLS ab dem ersten Byte erwartet (implizites TLS, oft SSL genannt, wie auf 465), schweigt genau so.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="156"/>
        <source>Port %1 expects TLS from the first byte (implicit TLS, often called SSL), but encryption is set to %2.</source>
        <translation>Port %1 erwartet TLS ab dem ersten Byte (implizites TLS, oft SSL genannt), die Verschlüsselung steht aber auf %2.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="162"/>
        <source>Set smtp.encryption to tls for port %1, or use port 587 with starttls.</source>
        <translation>Setzen Sie smtp.encryption für Port %1 auf tls oder verwenden Sie Port 587 mit starttls.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="173"/>
        <source>Port %1 speaks plain SMTP and does not offer STARTTLS, so neither TLS nor STARTTLS can work on it.</source>
        <translation>Port %1 spricht nur einfaches SMTP und bietet kein STARTTLS an; weder TLS noch STARTTLS können dort funktionieren.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="177"/>
        <source>To use this port, set smtp.encryption to none; messages (and the password, if one is sent) then cross the network unencrypted, so do this only on a network you trust. Otherwise ask the provider for a port with encryption.</source>
        <translation>Um diesen Port zu nutzen, setzen Sie smtp.encryption auf none; Nachrichten (und ein gesendetes Passwort) gehen dann unverschlüsselt durchs Netz, tun Sie das also nur in einem Netz, dem Sie vertrauen. Andernfalls fragen Sie den Anbieter nach einem Port mit Verschlüsselung.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="193"/>
        <source>Port %1 did not answer the TLS handshake within %2 s; ports other than 465 usually expect plain SMTP first and upgrade with STARTTLS.</source>
        <translation>Port %1 hat die TLS-Aushandlung nicht innerhalb von %2 s beantwortet; andere Ports als 465 erwarten meist zuerst einfaches SMTP und schalten mit STARTTLS um.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="201"/>
        <source>Port %1 answers in plain SMTP and upgrades with STARTTLS, but encryption is set to tls (TLS from the first byte).</source>
        <translation>Port %1 antwortet mit einfachem SMTP und schaltet mit STARTTLS um, die Verschlüsselung steht aber auf tls (TLS ab dem ersten Byte).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="205"/>
        <source>Port %1 answers in plain SMTP, not with TLS from the first byte as encryption tls expects.</source>
        <translation>Port %1 antwortet mit einfachem SMTP und nicht, wie es die Verschlüsselung tls erwartet, vom ersten Byte an mit TLS.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="212"/>
        <source>Set smtp.encryption to starttls for port %1, or use port 465 with tls; if that times out too, the server is not answering.</source>
        <translation>Setzen Sie smtp.encryption für Port %1 auf starttls oder verwenden Sie Port 465 mit tls; läuft auch das in ein Zeitlimit, antwortet der Server nicht.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="218"/>
        <source>Set smtp.encryption to starttls for port %1.</source>
        <translation>Setzen Sie smtp.encryption für Port %1 auf starttls.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="221"/>
        <source>Set smtp.encryption to starttls if the server offers it on port %1, otherwise to none (unencrypted); Detect finds out which.</source>
        <translation>Setzen Sie smtp.encryption auf starttls, wenn der Server es auf Port %1 anbietet, sonst auf none (unverschlüsselt); „Erkennen“ findet heraus, was zutrifft.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="234"/>
        <source>No connection to %1 on port 25 within %2 s; many internet providers and clouds block outgoing port 25.</source>
        <translation>Keine Verbindung zu %1 auf Port 25 innerhalb von %2 s; viele Internetanbieter und Clouds sperren ausgehenden Port 25.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="240"/>
        <source>Use the submission port: set smtp.port to 587 with starttls (or 465 with tls).</source>
        <translation>Verwenden Sie den Submission-Port: smtp.port auf 587 mit starttls (oder 465 mit tls).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="248"/>
        <source>No connection to %1 on port %2 within %3 s; a firewall is probably dropping the traffic or the port is wrong.</source>
        <translation>Keine Verbindung zu %1 auf Port %2 innerhalb von %3 s; vermutlich verwirft eine Firewall den Verkehr oder der Port ist falsch.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="254"/>
        <source>Check the firewall for outgoing port 587, or try port 465 with encryption tls.</source>
        <translation>Prüfen Sie die Firewall für ausgehenden Port 587 oder versuchen Sie Port 465 mit Verschlüsselung tls.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="257"/>
        <source>Check the firewall for outgoing port %1, or try port 587 with encryption starttls.</source>
        <translation>Prüfen Sie die Firewall für ausgehenden Port %1 oder versuchen Sie Port 587 mit Verschlüsselung starttls.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="271"/>
        <source>The server refused this computer right at the greeting (%1): its address is probably blocked or listed as a spam source.</source>
        <translation>Der Server hat diesen Computer schon bei der Begrüßung abgewiesen (%1): Seine Adresse ist vermutlich gesperrt oder als Spamquelle gelistet.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="275"/>
        <source>Send through your provider&apos;s submission server (port 587 with sign-in) or ask the server&apos;s administrator to allow this address.</source>
        <translation>Senden Sie über den Submission-Server Ihres Anbieters (Port 587 mit Anmeldung) oder bitten Sie den Administrator des Servers, diese Adresse zuzulassen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="337"/>
        <source>Microsoft 365 refused the sign-in because SMTP AUTH is turned off for this mailbox or for the whole tenant by security defaults.</source>
        <translation>Microsoft 365 hat die Anmeldung abgelehnt, weil SMTP AUTH für dieses Postfach oder durch die Sicherheitsstandards für den ganzen Mandanten abgeschaltet ist.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="341"/>
        <source>In the Microsoft 365 admin center, turn on Authenticated SMTP in the mailbox&apos;s mail settings (and turn off security defaults or exempt the account), then try again.</source>
        <translation>Schalten Sie im Microsoft 365 Admin Center in den E-Mail-Einstellungen des Postfachs „Authentifiziertes SMTP“ ein (und deaktivieren Sie die Sicherheitsstandards oder nehmen Sie das Konto aus), dann versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="349"/>
        <source>Google refused the account password because the account uses 2-Step Verification and needs an app password for SMTP.</source>
        <translation>Google hat das Kontopasswort abgelehnt, weil das Konto die Bestätigung in zwei Schritten nutzt und für SMTP ein App-Passwort braucht.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="353"/>
        <source>Create a 16-character app password in the Google account&apos;s security settings and store it with `outbound-cli settings set-password`.</source>
        <translation>Erstellen Sie in den Sicherheitseinstellungen des Google-Kontos ein App-Passwort mit 16 Zeichen und speichern Sie es mit `outbound-cli settings set-password`.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="364"/>
        <source>The server does not let the account %1 send as the %2 sender address.</source>
        <translation>Der Server lässt das Konto %1 nicht mit der Absenderadresse für %2 senden.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="326"/>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="366"/>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="467"/>
        <source>(no user name)</source>
        <translation>(kein Benutzername)</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="369"/>
        <source>Set %1 to an address this mailbox may send as (its own address, or one it has Send As rights for).</source>
        <translation>Setzen Sie %1 auf eine Adresse, mit der dieses Postfach senden darf (seine eigene oder eine mit „Senden als“-Recht).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="380"/>
        <source>The server only accepts a sign-in over an encrypted connection.</source>
        <translation>Der Server nimmt eine Anmeldung nur über eine verschlüsselte Verbindung an.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="382"/>
        <source>Set smtp.encryption to starttls (port 587) or tls (port 465).</source>
        <translation>Setzen Sie smtp.encryption auf starttls (Port 587) oder tls (Port 465).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="406"/>
        <source>The server refused the user name or password%1.</source>
        <translation>Der Server hat Benutzername oder Passwort abgelehnt%1.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="408"/>
        <source>Check smtp.username (the full Gmail or Workspace address) and store a 16-character app password with `outbound-cli settings set-password`; the account password does not work with 2-Step Verification.</source>
        <translation>Prüfen Sie smtp.username (die vollständige Gmail- oder Workspace-Adresse) und speichern Sie ein App-Passwort mit 16 Zeichen mit `outbound-cli settings set-password`; das Kontopasswort funktioniert bei Bestätigung in zwei Schritten nicht.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="415"/>
        <source>Check smtp.username (the full mailbox address) and the password (an app password when MFA is on), and that Authenticated SMTP is turned on for the mailbox.</source>
        <translation>Prüfen Sie smtp.username (die vollständige Postfachadresse) und das Passwort (ein App-Kennwort bei aktivierter MFA) und ob „Authentifiziertes SMTP“ für das Postfach eingeschaltet ist.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="419"/>
        <source>Check smtp.username (often the full email address) and store the right password with `outbound-cli settings set-password`.</source>
        <translation>Prüfen Sie smtp.username (oft die vollständige E-Mail-Adresse) und speichern Sie das richtige Passwort mit `outbound-cli settings set-password`.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="432"/>
        <source>The server wants the connection encrypted with STARTTLS before anything else.</source>
        <translation>Der Server will die Verbindung vor allem anderen mit STARTTLS verschlüsseln.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="435"/>
        <source>Set smtp.encryption to starttls (or use port 465 with tls).</source>
        <translation>Setzen Sie smtp.encryption auf starttls (oder verwenden Sie Port 465 mit tls).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="441"/>
        <source>The server only accepts mail from signed-in users, and no sign-in was done.</source>
        <translation>Der Server nimmt nur Mail von angemeldeten Benutzern an, und es fand keine Anmeldung statt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="443"/>
        <source>Set smtp.auth to auto and fill in smtp.username and the password.</source>
        <translation>Setzen Sie smtp.auth auf auto und tragen Sie smtp.username und das Passwort ein.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="450"/>
        <source>The server refused the message because it is larger than the server accepts.</source>
        <translation>Der Server hat die Nachricht abgelehnt, weil sie größer ist, als er annimmt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="452"/>
        <source>Send smaller attachments (or links), and lower queue.max_message_bytes to the server&apos;s limit so this is caught before sending.</source>
        <translation>Senden Sie kleinere Anhänge (oder Links) und senken Sie queue.max_message_bytes auf die Grenze des Servers, damit das vor dem Senden auffällt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="462"/>
        <source>The server refused the %1 sender address for this account.</source>
        <translation>Der Server hat die Absenderadresse für %1 bei diesem Konto abgelehnt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="465"/>
        <source>Set %1 to an address the account %2 may send from.</source>
        <translation>Setzen Sie %1 auf eine Adresse, von der das Konto %2 senden darf.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="473"/>
        <source>The server refuses to relay mail for this computer because it did not sign in.</source>
        <translation>Der Server leitet für diesen Computer keine Mail weiter, weil er sich nicht angemeldet hat.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="476"/>
        <source>Set smtp.auth to auto with smtp.username and a password, or ask the server&apos;s administrator to allow relaying from this address.</source>
        <translation>Setzen Sie smtp.auth auf auto mit smtp.username und Passwort oder bitten Sie den Administrator des Servers, die Weiterleitung von dieser Adresse zu erlauben.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="483"/>
        <source>The server refused to relay this message for the signed-in account %1.</source>
        <translation>Der Server hat die Weiterleitung dieser Nachricht für das angemeldete Konto %1 abgelehnt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="486"/>
        <source>Check that the sender address belongs to that account and that the account may send to outside domains.</source>
        <translation>Prüfen Sie, ob die Absenderadresse zu diesem Konto gehört und ob das Konto an fremde Domains senden darf.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="495"/>
        <source>The server is greylisting: it defers mail from a new sender for a few minutes.</source>
        <translation>Der Server nutzt Greylisting: Er stellt Mail von einem neuen Absender für einige Minuten zurück.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="498"/>
        <source>Nothing to change; the queue retries automatically and the next attempt will usually pass.</source>
        <translation>Nichts zu ändern; die Warteschlange wiederholt automatisch, und der nächste Versuch gelingt meist.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="507"/>
        <source>The server is limiting how fast or how much this account may send (%1).</source>
        <translation>Der Server begrenzt, wie schnell oder wie viel dieses Konto senden darf (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="510"/>
        <source>Lower queue.rate_per_minute (for example to %1) and queue.connections to 1; waiting messages are retried later.</source>
        <translation>Senken Sie queue.rate_per_minute (zum Beispiel auf %1) und queue.connections auf 1; wartende Nachrichten werden später erneut versucht.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="519"/>
        <source>The server had a temporary problem (%1) during %2.</source>
        <translation>Der Server hatte bei %2 ein vorübergehendes Problem (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="521"/>
        <source>Nothing to change yet; the queue retries later, and if it keeps happening ask the server&apos;s administrator about the reply text.</source>
        <translation>Vorerst nichts zu ändern; die Warteschlange versucht es später erneut. Wiederholt es sich, fragen Sie den Administrator des Servers nach dem Antworttext.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="528"/>
        <source>The server refused the recipient address (%1).</source>
        <translation>Der Server hat die Empfängeradresse abgelehnt (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="530"/>
        <source>Check the recipient&apos;s address for typos; the server says it cannot deliver there.</source>
        <translation>Prüfen Sie die Empfängeradresse auf Tippfehler; der Server sagt, er kann dorthin nicht zustellen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="547"/>
        <source>Could not connect to %1 on port %2 (%3).</source>
        <translation>Keine Verbindung zu %1 auf Port %2 (%3).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="549"/>
        <source>Check smtp.host and smtp.port, and that this computer can reach the internet.</source>
        <translation>Prüfen Sie smtp.host und smtp.port und ob dieser Computer das Internet erreicht.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="556"/>
        <source>The encrypted connection could not be set up (%1).</source>
        <translation>Die verschlüsselte Verbindung konnte nicht aufgebaut werden (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="558"/>
        <source>Check smtp.encryption (tls for 465, starttls for 587) and that the server supports TLS 1.2 or newer.</source>
        <translation>Prüfen Sie smtp.encryption (tls für 465, starttls für 587) und ob der Server TLS 1.2 oder neuer unterstützt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="566"/>
        <source>The server did not start the SMTP conversation properly (%1).</source>
        <translation>Der Server hat das SMTP-Gespräch nicht richtig begonnen (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="569"/>
        <source>Check that %1 port %2 is an SMTP server and that smtp.encryption matches the port.</source>
        <translation>Prüfen Sie, ob %1 Port %2 ein SMTP-Server ist und ob smtp.encryption zum Port passt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="576"/>
        <source>Signing in failed (%1).</source>
        <translation>Die Anmeldung ist fehlgeschlagen (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="577"/>
        <source>Check smtp.auth, smtp.username and the password.</source>
        <translation>Prüfen Sie smtp.auth, smtp.username und das Passwort.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="582"/>
        <source>The server refused the sender (%1).</source>
        <translation>Der Server hat den Absender abgelehnt (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="583"/>
        <source>Check the sender address in the from.* settings.</source>
        <translation>Prüfen Sie die Absenderadresse in den from.*-Einstellungen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="588"/>
        <source>The server refused a recipient (%1).</source>
        <translation>Der Server hat einen Empfänger abgelehnt (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="589"/>
        <source>Check the recipient address.</source>
        <translation>Prüfen Sie die Empfängeradresse.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="592"/>
        <source>The server refused the message content (%1).</source>
        <translation>Der Server hat den Inhalt der Nachricht abgelehnt (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="594"/>
        <source>Read the server&apos;s reply; it may be a content filter, a size limit or a policy.</source>
        <translation>Lesen Sie die Antwort des Servers; es kann ein Inhaltsfilter, eine Größengrenze oder eine Richtlinie sein.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="600"/>
        <source>The connection ended badly after the work was done (%1).</source>
        <translation>Die Verbindung endete nach getaner Arbeit unsauber (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="603"/>
        <source>Usually harmless; check whether the message arrived before sending again.</source>
        <translation>Meist harmlos; prüfen Sie, ob die Nachricht angekommen ist, bevor Sie erneut senden.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="607"/>
        <source>Check the settings and the server&apos;s reply.</source>
        <translation>Prüfen Sie die Einstellungen und die Antwort des Servers.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="859"/>
        <source>The host name %1 could not be found in DNS.</source>
        <translation>Der Hostname %1 wurde im DNS nicht gefunden.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="860"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="861"/>
        <source>Check smtp.host for typos (for example smtp.office365.com or smtp.gmail.com).</source>
        <translation>Prüfen Sie smtp.host auf Tippfehler (zum Beispiel smtp.office365.com oder smtp.gmail.com).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="868"/>
        <source>%1 refused the connection on port %2: no mail service listens there.</source>
        <translation>%1 hat die Verbindung auf Port %2 abgelehnt: Dort lauscht kein Maildienst.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="872"/>
        <source>Check smtp.port; try 465 with encryption tls if the provider uses it.</source>
        <translation>Prüfen Sie smtp.port; versuchen Sie 465 mit Verschlüsselung tls, wenn der Anbieter das nutzt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="874"/>
        <source>Check smtp.port; most providers accept 587 with encryption starttls.</source>
        <translation>Prüfen Sie smtp.port; die meisten Anbieter nehmen 587 mit Verschlüsselung starttls an.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="890"/>
        <source>The server on port %1 accepted the connection but sent no greeting within %2 s.</source>
        <translation>Der Server auf Port %1 hat die Verbindung angenommen, aber innerhalb von %2 s keine Begrüßung gesendet.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="895"/>
        <source>If this port expects TLS at once, set smtp.encryption to tls; otherwise raise timeout.greeting or ask the administrator why the server is slow.</source>
        <translation>Erwartet dieser Port sofort TLS, setzen Sie smtp.encryption auf tls; sonst erhöhen Sie timeout.greeting oder fragen den Administrator, warum der Server langsam ist.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="903"/>
        <source>The server on port %1 accepted the TLS connection but sent no greeting within %2 s.</source>
        <translation>Der Server auf Port %1 hat die TLS-Verbindung angenommen, aber innerhalb von %2 s keine Begrüßung gesendet.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="908"/>
        <source>Raise timeout.greeting, or check that this port really runs an SMTP server.</source>
        <translation>Erhöhen Sie timeout.greeting oder prüfen Sie, ob auf diesem Port wirklich ein SMTP-Server läuft.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="916"/>
        <source>The TLS handshake with port %1 did not finish within %2 s.</source>
        <translation>Die TLS-Aushandlung mit Port %1 wurde nicht innerhalb von %2 s fertig.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="920"/>
        <source>Check that port %1 expects TLS (465 does; 587 uses starttls).</source>
        <translation>Prüfen Sie, ob Port %1 TLS erwartet (465 ja; 587 nutzt starttls).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="927"/>
        <source>The server stopped answering during %1 (no reply within %2 s).</source>
        <translation>Der Server hat während %1 aufgehört zu antworten (keine Antwort innerhalb von %2 s).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="932"/>
        <source>Raise timeout.data_idle / timeout.final_dot if large messages are slow to accept; otherwise try again later.</source>
        <translation>Erhöhen Sie timeout.data_idle / timeout.final_dot, wenn große Nachrichten langsam angenommen werden; sonst versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="936"/>
        <source>Raise timeout.command if the server is known to be slow; otherwise try again later.</source>
        <translation>Erhöhen Sie timeout.command, wenn der Server bekanntermaßen langsam ist; sonst versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="954"/>
        <source>The server offers sign-in only on an encrypted connection, and encryption is set to none.</source>
        <translation>Der Server bietet die Anmeldung nur über eine verschlüsselte Verbindung an, und die Verschlüsselung steht auf none.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="958"/>
        <source>Set smtp.encryption to starttls (or tls on port 465).</source>
        <translation>Setzen Sie smtp.encryption auf starttls (oder tls auf Port 465).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="966"/>
        <source>The server offers no sign-in on port 25, which is meant for server-to-server mail.</source>
        <translation>Der Server bietet auf Port 25 keine Anmeldung an; dieser Port ist für Mail zwischen Servern gedacht.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="969"/>
        <source>Set smtp.port to 587 (the submission port), or set smtp.auth to none if this relay accepts mail from your address without sign-in.</source>
        <translation>Setzen Sie smtp.port auf 587 (den Submission-Port) oder smtp.auth auf none, wenn dieses Relay Mail von Ihrer Adresse ohne Anmeldung annimmt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="977"/>
        <source>The server on port %1 offers no sign-in method Outbound can use.</source>
        <translation>Der Server auf Port %1 bietet kein Anmeldeverfahren an, das Outbound nutzen kann.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="980"/>
        <source>Set smtp.auth to none if this relay accepts mail without sign-in; otherwise ask for the right port.</source>
        <translation>Setzen Sie smtp.auth auf none, wenn dieses Relay Mail ohne Anmeldung annimmt; sonst fragen Sie nach dem richtigen Port.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="988"/>
        <source>Outbound did not send the password because the connection is not encrypted.</source>
        <translation>Outbound hat das Passwort nicht gesendet, weil die Verbindung nicht verschlüsselt ist.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="990"/>
        <source>Set smtp.encryption to starttls (or tls on port 465); allow sign-in without TLS only on a network you trust.</source>
        <translation>Setzen Sie smtp.encryption auf starttls (oder tls auf Port 465); erlauben Sie die Anmeldung ohne TLS nur in einem Netz, dem Sie vertrauen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="998"/>
        <source>The message is larger than the server&apos;s announced size limit, so it was not sent.</source>
        <translation>Die Nachricht ist größer als die angekündigte Größengrenze des Servers und wurde daher nicht gesendet.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1001"/>
        <source>Send smaller attachments (or links), and lower queue.max_message_bytes to the server&apos;s limit.</source>
        <translation>Senden Sie kleinere Anhänge (oder Links) und senken Sie queue.max_message_bytes auf die Grenze des Servers.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1008"/>
        <source>The operation was cancelled.</source>
        <translation>Der Vorgang wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1009"/>
        <source>Start it again when ready.</source>
        <translation>Starten Sie ihn erneut, wenn Sie so weit sind.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1012"/>
        <source>The settings or the message are not valid.</source>
        <translation>Die Einstellungen oder die Nachricht sind ungültig.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1015"/>
        <source>Correct the value named above and try again.</source>
        <translation>Korrigieren Sie den oben genannten Wert und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1025"/>
        <source>The server closed the connection during %1 without saying why.</source>
        <translation>Der Server hat die Verbindung während %1 ohne Begründung geschlossen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1029"/>
        <source>Check that smtp.encryption matches port %1 (tls for 465, starttls for 587), and that this computer&apos;s address is not blocked.</source>
        <translation>Prüfen Sie, ob smtp.encryption zu Port %1 passt (tls für 465, starttls für 587) und ob die Adresse dieses Computers nicht gesperrt ist.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1034"/>
        <source>Try again; if it repeats, the server may be limiting connections: lower queue.connections.</source>
        <translation>Versuchen Sie es erneut; wiederholt es sich, begrenzt der Server vielleicht die Verbindungen: senken Sie queue.connections.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="285"/>
        <source>The server offers STARTTLS but refused to start it (%1); its TLS setup is broken (often a missing or unreadable certificate).</source>
        <translation>Der Server bietet STARTTLS an, hat den Start aber abgelehnt (%1); seine TLS-Einrichtung ist defekt (oft fehlt ein Zertifikat oder es ist nicht lesbar).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="290"/>
        <source>Ask the server&apos;s administrator to repair TLS, or use port 465 with tls if the server offers it; do not switch encryption off.</source>
        <translation>Bitten Sie die Administration des Servers, TLS zu reparieren, oder verwenden Sie Port 465 mit tls, falls der Server das anbietet; schalten Sie die Verschlüsselung nicht ab.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="298"/>
        <source>Microsoft 365 no longer accepts a password for SMTP on this tenant (Basic authentication is turned off).</source>
        <translation>Microsoft 365 nimmt für SMTP in diesem Mandanten kein Passwort mehr an (die Standardauthentifizierung ist abgeschaltet).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="301"/>
        <source>Switch sign-in to OAuth 2.0: set smtp.auth to oauth2, oauth.provider to microsoft and oauth.client_id, then run `outbound-cli oauth login`.</source>
        <translation>Stellen Sie die Anmeldung auf OAuth 2.0 um: smtp.auth auf oauth2, oauth.provider auf microsoft und oauth.client_id setzen, dann `outbound-cli oauth login` ausführen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="310"/>
        <source>Microsoft 365 refused the sign-in because SMTP AUTH is turned off for this mailbox or for the tenant (or security defaults block it); this blocks OAuth sign-in too.</source>
        <translation>Microsoft 365 hat die Anmeldung abgelehnt, weil SMTP AUTH für dieses Postfach oder den Mandanten abgeschaltet ist (oder die Sicherheitsstandards es blockieren); das blockiert auch die OAuth-Anmeldung.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="314"/>
        <source>Turn on Authenticated SMTP for the mailbox (Microsoft 365 admin center: Users, Active users, the user, Mail, Manage email apps) or for the tenant with Set-TransportConfig -SmtpClientAuthenticationDisabled $false, then try again.</source>
        <translation>Schalten Sie „Authentifiziertes SMTP“ für das Postfach ein (Microsoft 365 Admin Center: Benutzer, Aktive Benutzer, der Benutzer, E-Mail, E-Mail-Apps verwalten) oder für den Mandanten mit Set-TransportConfig -SmtpClientAuthenticationDisabled $false, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="323"/>
        <source>The server refused a freshly issued access token for %1: the token belongs to another mailbox, or the app lacks consent for SMTP.</source>
        <translation>Der Server hat ein gerade ausgestelltes Zugriffstoken für %1 abgelehnt: Das Token gehört zu einem anderen Postfach, oder der App fehlt die Zustimmung für SMTP.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="328"/>
        <source>Make smtp.username the mailbox you signed in with (or that the app may send as), check that the SMTP permission is granted, and sign in again with `outbound-cli oauth login`.</source>
        <translation>Tragen Sie in smtp.username das Postfach ein, mit dem Sie sich angemeldet haben (oder als das die App senden darf), prüfen Sie die SMTP-Berechtigung und melden Sie sich mit `outbound-cli oauth login` erneut an.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="393"/>
        <source>The server refused the sign-in after %1 s; servers slow their answers like this after failed sign-ins.</source>
        <translation>Der Server hat die Anmeldung erst nach %1 s abgelehnt; so verzögern Server ihre Antworten nach fehlgeschlagenen Anmeldungen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="397"/>
        <source>Check smtp.username and the password, then wait a minute before the next try: each failure makes the server&apos;s delay longer.</source>
        <translation>Prüfen Sie smtp.username und das Passwort und warten Sie vor dem nächsten Versuch eine Minute: Jeder Fehlschlag verlängert die Verzögerung des Servers.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="824"/>
        <source>The whole message reached the server, but no final answer came back, so nobody knows whether the server accepted it.</source>
        <translation>Die ganze Nachricht hat den Server erreicht, aber es kam keine abschließende Antwort zurück; ob der Server sie angenommen hat, weiß daher niemand.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="827"/>
        <source>Ask a recipient or check the server&apos;s log: if it arrived, use Mark sent; if not, use Retry. Outbound never sends it again on its own, to avoid a duplicate.</source>
        <translation>Fragen Sie einen Empfänger oder sehen Sie im Protokoll des Servers nach: Ist sie angekommen, wählen Sie „Als gesendet“, sonst „Erneut senden“. Outbound sendet sie nie von selbst noch einmal, damit kein Duplikat entsteht.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="837"/>
        <source>The server&apos;s certificate is not the pinned one (it presented SHA-256 %1).</source>
        <translation>Das Zertifikat des Servers ist nicht das festgelegte (er zeigte SHA-256 %1).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="841"/>
        <source>If the server&apos;s certificate was renewed, confirm the new fingerprint out of band (with the provider or on the server itself) before changing smtp.pinned_sha256; otherwise someone may be intercepting the connection.</source>
        <translation>Wurde das Zertifikat des Servers erneuert, bestätigen Sie den neuen Fingerabdruck auf einem anderen Weg (beim Anbieter oder direkt auf dem Server), bevor Sie smtp.pinned_sha256 ändern; andernfalls fängt womöglich jemand die Verbindung ab.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1068"/>
        <source>Microsoft expects a client secret because the app registration&apos;s redirect is of the Web type.</source>
        <translation>Microsoft verlangt einen geheimen Clientschlüssel, weil die Umleitung der App-Registrierung vom Typ „Web“ ist.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1072"/>
        <source>In Microsoft Entra, App registrations, the app, Authentication: add the platform &quot;Mobile and desktop applications&quot; with the redirect http://localhost and turn on &quot;Allow public client flows&quot;.</source>
        <translation>In Microsoft Entra unter App-Registrierungen, der App, Authentifizierung: die Plattform „Mobile und Desktopanwendungen“ mit der Umleitung http://localhost hinzufügen und „Öffentliche Clientflows zulassen“ einschalten.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1080"/>
        <source>Microsoft does not know this application (client) ID in the tenant you signed in to.</source>
        <translation>Microsoft kennt diese Anwendungs-ID (Client-ID) im angemeldeten Mandanten nicht.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1083"/>
        <source>Check oauth.client_id and oauth.tenant, or have an administrator of this tenant add the app (consent) first.</source>
        <translation>Prüfen Sie oauth.client_id und oauth.tenant, oder lassen Sie zuerst eine Administratorin oder einen Administrator des Mandanten der App zustimmen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1093"/>
        <source>The app has not been given consent to send mail for this account; the tenant requires an administrator to approve it.</source>
        <translation>Die App hat keine Zustimmung, für dieses Konto Mail zu senden; im Mandanten muss eine Administratorin oder ein Administrator zustimmen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1097"/>
        <source>Ask an administrator to grant admin consent for the app&apos;s SMTP.Send permission (Entra: Enterprise applications, the app, Permissions), then sign in again.</source>
        <translation>Bitten Sie die Administration, der SMTP.Send-Berechtigung der App mandantenweit zuzustimmen (Entra: Unternehmensanwendungen, die App, Berechtigungen), und melden Sie sich dann erneut an.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1105"/>
        <source>The tenant requires multi-factor sign-in (or registration for it) for this account.</source>
        <translation>Der Mandant verlangt für dieses Konto eine mehrstufige Anmeldung (oder die Registrierung dafür).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1108"/>
        <source>Sign in interactively with %1 and complete the second factor; a saved sign-in cannot do it.</source>
        <translation>Melden Sie sich interaktiv mit %1 an und bestätigen Sie den zweiten Faktor; eine gespeicherte Anmeldung kann das nicht.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1115"/>
        <source>The saved sign-in has expired because it was not used for too long.</source>
        <translation>Die gespeicherte Anmeldung ist abgelaufen, weil sie zu lange nicht benutzt wurde.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1117"/>
        <source>Sign in again with %1 (or Sign in again in the window).</source>
        <translation>Melden Sie sich mit %1 erneut an (oder mit „Erneut anmelden“ im Fenster).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1123"/>
        <source>Microsoft refused the client secret: it is wrong or has expired.</source>
        <translation>Microsoft hat den geheimen Clientschlüssel abgelehnt: Er ist falsch oder abgelaufen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1125"/>
        <source>Create a new client secret for the app in Microsoft Entra and store it with `outbound-cli settings set-secret oauth.client_secret`, or use a certificate.</source>
        <translation>Erstellen Sie in Microsoft Entra einen neuen geheimen Clientschlüssel für die App und speichern Sie ihn mit `outbound-cli settings set-secret oauth.client_secret`, oder verwenden Sie ein Zertifikat.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1132"/>
        <source>A Conditional Access policy of the tenant blocked this sign-in.</source>
        <translation>Eine Richtlinie für bedingten Zugriff des Mandanten hat diese Anmeldung blockiert.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1134"/>
        <source>Ask an administrator to check the Entra sign-in log for this attempt and to allow the app or this location in the policy.</source>
        <translation>Bitten Sie die Administration, diesen Versuch im Entra-Anmeldeprotokoll zu prüfen und die App oder diesen Standort in der Richtlinie zuzulassen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1146"/>
        <source>Google ended the saved sign-in after about 7 days: apps whose OAuth consent screen is in Testing get refresh tokens that expire after a week.</source>
        <translation>Google hat die gespeicherte Anmeldung nach etwa 7 Tagen beendet: Apps, deren OAuth-Zustimmungsbildschirm im Status „Test“ ist, erhalten Aktualisierungstokens, die nach einer Woche ablaufen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1150"/>
        <source>Set the app&apos;s publishing status to In production in the Google Cloud console (an internal Workspace app needs no review), then sign in again with %1.</source>
        <translation>Stellen Sie den Veröffentlichungsstatus der App in der Google Cloud Console auf „In Produktion“ (eine interne Workspace-App braucht keine Prüfung) und melden Sie sich dann mit %1 erneut an.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1157"/>
        <source>The provider no longer accepts the saved sign-in (it expired, was revoked, or the password changed).</source>
        <translation>Der Anbieter akzeptiert die gespeicherte Anmeldung nicht mehr (abgelaufen, widerrufen oder Passwort geändert).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1161"/>
        <source>Sign in again with %1 (or Sign in again in the window); queued messages wait until then.</source>
        <translation>Melden Sie sich mit %1 erneut an (oder mit „Erneut anmelden“ im Fenster); wartende Nachrichten bleiben bis dahin in der Warteschlange.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1168"/>
        <source>The provider does not accept the app&apos;s client ID or secret.</source>
        <translation>Der Anbieter akzeptiert die Client-ID oder den geheimen Schlüssel der App nicht.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1171"/>
        <source>Use the client ID and secret of an OAuth client of type Desktop app from the Google Cloud console; store the secret with `outbound-cli settings set-secret oauth.client_secret`.</source>
        <translation>Verwenden Sie Client-ID und geheimen Schlüssel eines OAuth-Clients vom Typ „Desktop-App“ aus der Google Cloud Console; speichern Sie den Schlüssel mit `outbound-cli settings set-secret oauth.client_secret`.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1176"/>
        <source>Check oauth.client_id and the stored client secret or certificate.</source>
        <translation>Prüfen Sie oauth.client_id und den gespeicherten geheimen Schlüssel oder das Zertifikat.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1182"/>
        <source>The sign-in was declined, by the person signing in or by the account&apos;s administrator.</source>
        <translation>Die Anmeldung wurde abgelehnt, von der anmeldenden Person oder von der Administration des Kontos.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1185"/>
        <source>Sign in again and accept the requested permission; if an administrator blocks it, ask them to allow the app.</source>
        <translation>Melden Sie sich erneut an und stimmen Sie der angefragten Berechtigung zu; blockiert die Administration sie, bitten Sie um Freigabe der App.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1192"/>
        <source>The provider&apos;s token service did not answer.</source>
        <translation>Der Token-Dienst des Anbieters hat nicht geantwortet.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1193"/>
        <source>Check the network connection and oauth.token_url; Outbound tries again later.</source>
        <translation>Prüfen Sie die Netzwerkverbindung und oauth.token_url; Outbound versucht es später erneut.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1202"/>
        <source>Google blocked the app for this account: the Workspace administrator does not allow it, or the app is limited to another organisation.</source>
        <translation>Google hat die App für dieses Konto gesperrt: Die Workspace-Administration lässt sie nicht zu, oder die App ist auf eine andere Organisation beschränkt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1206"/>
        <source>Ask the Workspace administrator to trust the app (Admin console: Security, API controls, App access control), or use an OAuth client from your own Google Cloud project.</source>
        <translation>Bitten Sie die Workspace-Administration, der App zu vertrauen (Admin-Konsole: Sicherheit, API-Steuerung, App-Zugriffssteuerung), oder verwenden Sie einen OAuth-Client aus Ihrem eigenen Google-Cloud-Projekt.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/Diagnosis.cpp" line="1212"/>
        <source>Check the OAuth settings (oauth.*) and sign in again.</source>
        <translation>Prüfen Sie die OAuth-Einstellungen (oauth.*) und melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>GuiText</name>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="44"/>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="46"/>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="48"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="50"/>
        <source>Deferred</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="52"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="54"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="56"/>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="65"/>
        <source>Waiting to be sent.</source>
        <translation>Wartet auf den Versand.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="67"/>
        <source>Being sent right now.</source>
        <translation>Wird gerade gesendet.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="69"/>
        <source>The server accepted the message.</source>
        <translation>Der Server hat die Nachricht angenommen.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="71"/>
        <source>A temporary failure; it is retried automatically.</source>
        <translation>Ein vorübergehender Fehler; der Versand wird automatisch wiederholt.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="73"/>
        <source>A permanent failure or no attempts left; retry it after fixing the cause.</source>
        <translation>Ein dauerhafter Fehler oder keine Versuche mehr übrig; beheben Sie die Ursache und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="76"/>
        <source>Stopped by an operator; it will not be sent.</source>
        <translation>Von Hand angehalten; die Nachricht wird nicht gesendet.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="78"/>
        <source>Sending was cut off; the server may have it. Retry it or mark it as sent.</source>
        <translation>Der Versand wurde unterbrochen; der Server hat die Nachricht vielleicht schon. Erneut senden oder als gesendet markieren.</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="210"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="213"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="216"/>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="219"/>
        <source>Sign-in method</source>
        <translation>Anmeldeverfahren</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="222"/>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="225"/>
        <source>CA file</source>
        <translation>CA-Datei</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="228"/>
        <source>Pinned certificate</source>
        <translation>Festes Zertifikat</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="231"/>
        <source>EHLO name</source>
        <translation>EHLO-Name</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="234"/>
        <source>Allow sign-in over an unencrypted connection</source>
        <translation>Anmeldung über unverschlüsselte Verbindung erlauben</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="240"/>
        <source>Connect timeout</source>
        <translation>Zeitlimit Verbindung</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="243"/>
        <source>Greeting timeout</source>
        <translation>Zeitlimit Begrüßung</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="246"/>
        <source>Command timeout</source>
        <translation>Zeitlimit Befehle</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="249"/>
        <source>Data timeout</source>
        <translation>Zeitlimit Daten</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="252"/>
        <source>Final reply timeout</source>
        <translation>Zeitlimit Abschlussantwort</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="255"/>
        <source>Default sender</source>
        <translation>Standardabsender</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="258"/>
        <source>Default sender name</source>
        <translation>Name des Standardabsenders</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="261"/>
        <source>Invoices address</source>
        <translation>Adresse für Rechnungen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="264"/>
        <source>Invoices name</source>
        <translation>Name für Rechnungen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="267"/>
        <source>Quotes address</source>
        <translation>Adresse für Angebote</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="270"/>
        <source>Quotes name</source>
        <translation>Name für Angebote</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="273"/>
        <source>Tickets address</source>
        <translation>Adresse für Tickets</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="276"/>
        <source>Tickets name</source>
        <translation>Name für Tickets</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="279"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="282"/>
        <source>First retry after</source>
        <translation>Erste Wiederholung nach</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="285"/>
        <source>Longest retry delay</source>
        <translation>Längste Wartezeit</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="288"/>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="291"/>
        <source>Messages per minute</source>
        <translation>Nachrichten pro Minute</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="294"/>
        <source>Messages per day</source>
        <translation>Nachrichten pro Tag</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="297"/>
        <source>Keep sent messages</source>
        <translation>Gesendete Nachrichten behalten</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="300"/>
        <source>Largest message</source>
        <translation>Größte Nachricht</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="361"/>
        <source>Senders</source>
        <translation>Absender</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="369"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="371"/>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="373"/>
        <source>Quote</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="375"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="377"/>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="386"/>
        <source>None (plain text)</source>
        <translation>Keine (Klartext)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="388"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="390"/>
        <source>TLS (SSL)</source>
        <translation>TLS (SSL)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="399"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="401"/>
        <source>PLAIN</source>
        <translation>PLAIN</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="403"/>
        <source>LOGIN</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="405"/>
        <source>XOAUTH2 (access token)</source>
        <translation>XOAUTH2 (Zugriffstoken)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="407"/>
        <source>No sign-in</source>
        <translation>Keine Anmeldung</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="420"/>
        <source>Look up the server</source>
        <translation>Server nachschlagen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="422"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="424"/>
        <source>TLS handshake</source>
        <translation>TLS-Aushandlung</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="426"/>
        <source>Server greeting</source>
        <translation>Begrüßung des Servers</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="428"/>
        <source>Introduce (EHLO)</source>
        <translation>Vorstellen (EHLO)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="430"/>
        <source>Switch to TLS (STARTTLS)</source>
        <translation>Auf TLS umschalten (STARTTLS)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="432"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="434"/>
        <source>Sender (MAIL FROM)</source>
        <translation>Absender (MAIL FROM)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="436"/>
        <source>Recipient (RCPT TO)</source>
        <translation>Empfänger (RCPT TO)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="438"/>
        <source>Message data</source>
        <translation>Nachrichtendaten</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="440"/>
        <source>Close (QUIT)</source>
        <translation>Beenden (QUIT)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="448"/>
        <source>sending was cut off before the server confirmed the message; it may have been delivered, so it is not sent again automatically</source>
        <translation>das Senden brach ab, bevor der Server die Nachricht bestätigt hat; sie ist vielleicht zugestellt worden und wird deshalb nicht automatisch erneut gesendet</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="453"/>
        <source>the server&apos;s host name was not found</source>
        <translation>der Hostname des Servers wurde nicht gefunden</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="455"/>
        <source>nothing accepts connections on the server&apos;s port</source>
        <translation>am Port des Servers nimmt nichts Verbindungen an</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="457"/>
        <source>no answer within %1 s</source>
        <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="459"/>
        <source>the server closed the connection</source>
        <translation>der Server hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="461"/>
        <source>the network connection to the server failed</source>
        <translation>die Netzwerkverbindung zum Server ist fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="464"/>
        <source>the TLS handshake failed because the server answered in plain text</source>
        <translation>die TLS-Aushandlung ist fehlgeschlagen, weil der Server im Klartext geantwortet hat</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="466"/>
        <source>the TLS handshake failed</source>
        <translation>die TLS-Aushandlung ist fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="476"/>
        <source>the server&apos;s certificate was not accepted</source>
        <translation>das Zertifikat des Servers wurde nicht akzeptiert</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="477"/>
        <source>the server&apos;s certificate was not accepted: %1</source>
        <translation>das Zertifikat des Servers wurde nicht akzeptiert: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="481"/>
        <source>the server does not offer STARTTLS</source>
        <translation>der Server bietet kein STARTTLS an</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="483"/>
        <source>the server offers no sign-in method that can be used here</source>
        <translation>der Server bietet keine Anmeldemethode an, die hier verwendet werden kann</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="486"/>
        <source>the password would travel unencrypted, which is not allowed for this account</source>
        <translation>das Passwort würde unverschlüsselt übertragen, was für dieses Konto nicht erlaubt ist</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="489"/>
        <source>the server refused the command</source>
        <translation>der Server hat den Befehl abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="492"/>
        <source>the server answered with TLS instead of an SMTP greeting</source>
        <translation>der Server hat mit TLS statt mit einer SMTP-Begrüßung geantwortet</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="494"/>
        <source>the server&apos;s reply could not be understood</source>
        <translation>die Antwort des Servers war nicht verständlich</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="496"/>
        <source>the message is larger than the server accepts</source>
        <translation>die Nachricht ist größer, als der Server annimmt</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="498"/>
        <source>the server refused every recipient</source>
        <translation>der Server hat alle Empfänger abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="500"/>
        <source>sending was cancelled</source>
        <translation>das Senden wurde abgebrochen</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="502"/>
        <source>the server&apos;s certificate is not the pinned one</source>
        <translation>das Zertifikat des Servers ist nicht das festgelegte</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="504"/>
        <source>the server refused some of the recipients</source>
        <translation>der Server hat einige der Empfänger abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="526"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="530"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="237"/>
        <source>Pipeline across messages</source>
        <translation>Pipelining über Nachrichten hinweg</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="303"/>
        <source>OAuth provider</source>
        <translation>OAuth-Anbieter</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="306"/>
        <source>OAuth flow</source>
        <translation>OAuth-Ablauf</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="309"/>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="312"/>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="315"/>
        <source>Authorization address</source>
        <translation>Autorisierungsadresse</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="318"/>
        <source>Token address</source>
        <translation>Token-Adresse</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="321"/>
        <source>Device authorization address</source>
        <translation>Geräteautorisierungsadresse</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="324"/>
        <source>OAuth scope</source>
        <translation>OAuth-Bereich</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="327"/>
        <source>OAuth mechanism</source>
        <translation>OAuth-Mechanismus</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="330"/>
        <source>Client certificate</source>
        <translation>Client-Zertifikat</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="409"/>
        <source>OAuth 2.0 (sign in with the provider)</source>
        <translation>OAuth 2.0 (Anmeldung beim Anbieter)</translation>
    </message>
    <message>
        <location filename="../src/gui/GuiText.cpp" line="411"/>
        <source>OAUTHBEARER (access token)</source>
        <translation>OAUTHBEARER (Zugriffstoken)</translation>
    </message>
</context>
<context>
    <name>Itflow</name>
    <message>
        <location filename="../src/core/itflow/ItflowSettings.cpp" line="61"/>
        <source>ITFlow&apos;s mail settings</source>
        <translation>die Mail-Einstellungen von ITFlow</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="189"/>
        <source>If this server also runs ITFlow&apos;s mail worker from a crontab line of its own, remove that line: `crontab -l -u www-data | grep -v &apos;cron/mail_queue.php&apos; | crontab -u www-data -` (use the user ITFlow&apos;s cron runs as; check with `crontab -l -u USER`).</source>
        <translation>Falls dieser Server den Mail-Versand von ITFlow zusätzlich über eine eigene Crontab-Zeile startet, entfernen Sie diese Zeile: `crontab -l -u www-data | grep -v &apos;cron/mail_queue.php&apos; | crontab -u www-data -` (mit dem Benutzer, unter dem der Cron von ITFlow läuft; prüfen mit `crontab -l -u BENUTZER`).</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="183"/>
        <source>Cannot enable ITFlow&apos;s mail queue job</source>
        <translation>Der Warteschlangen-Job von ITFlow kann nicht eingeschaltet werden</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="65"/>
        <source>Cannot read ITFlow&apos;s settings</source>
        <translation>ITFlows Einstellungen können nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="169"/>
        <source>Cannot disable ITFlow&apos;s mail queue job</source>
        <translation>Der Warteschlangen-Job von ITFlow kann nicht abgeschaltet werden</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="150"/>
        <source>entries ITFlow&apos;s mail job wrote to its log since the takeover: %1</source>
        <translation>Protokolleinträge des Mail-Jobs von ITFlow seit der Übernahme: %1</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="143"/>
        <source>messages sent since the takeover by something other than Outbound: %1</source>
        <translation>seit der Übernahme nicht von Outbound gesendete Nachrichten: %1</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="104"/>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="118"/>
        <source>Cannot read ITFlow&apos;s cron jobs</source>
        <translation>Die Cron-Jobs von ITFlow können nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="55"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="52"/>
        <source>%1 holds ITFlow schema version %2, which this Outbound does not know; it supports ITFlow schema versions %3.</source>
        <translation>%1 hat die ITFlow-Schemaversion %2, die dieses Outbound nicht kennt; es unterstützt die ITFlow-Schemaversionen %3.</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="43"/>
        <source>%1 has no ITFlow settings row (company_id 1); finish ITFlow&apos;s setup first. Outbound supports ITFlow schema versions %2.</source>
        <translation>%1 hat keine ITFlow-Einstellungszeile (company_id 1); schließen Sie zuerst die Einrichtung von ITFlow ab. Outbound unterstützt die ITFlow-Schemaversionen %2.</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowDatabase.cpp" line="35"/>
        <source>%1 does not look like an ITFlow database (no settings row readable: %2); Outbound supports ITFlow schema versions %3.</source>
        <translation>%1 sieht nicht nach einer ITFlow-Datenbank aus (keine Einstellungszeile lesbar: %2); Outbound unterstützt die ITFlow-Schemaversionen %3.</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="1444"/>
        <source>An Outbound worker still drains this queue (%1, process %2); stop it first.</source>
        <translation>Ein Outbound-Versanddienst arbeitet diese Warteschlange noch ab (%1, Prozess %2); beenden Sie ihn zuerst.</translation>
    </message>
</context>
<context>
    <name>ItflowMessage</name>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="46"/>
        <source>Email #%1: its list of attachments cannot be read (%2), so it is not sent without them.</source>
        <translation>E-Mail #%1: Die Liste ihrer Anhänge ist nicht lesbar (%2), deshalb wird sie nicht ohne sie gesendet.</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="57"/>
        <source>not a list</source>
        <translation>keine Liste</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="65"/>
        <source>entry %1 lacks a path or a name</source>
        <translation>Eintrag %1 fehlt ein Pfad oder ein Name</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="78"/>
        <source>Email #%1: the attachment &quot;%2&quot; (%3) cannot be read (%4); the message is not sent without it.</source>
        <translation>E-Mail #%1: Der Anhang „%2“ (%3) ist nicht lesbar (%4); die Nachricht wird nicht ohne ihn gesendet.</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="81"/>
        <source>Email #%1: the attachment &quot;%2&quot; (%3) makes the message larger than the limit (queue.max_message_bytes); the message is not sent without it.</source>
        <translation>E-Mail #%1: Mit dem Anhang „%2“ (%3) wäre die Nachricht größer als erlaubt (queue.max_message_bytes); die Nachricht wird nicht ohne ihn gesendet.</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="99"/>
        <source>Email #%1: the attachment &quot;%2&quot; (%3) is missing from %4; the message is not sent without it.</source>
        <translation>E-Mail #%1: Der Anhang „%2“ (%3) fehlt in %4; die Nachricht wird nicht ohne ihn gesendet.</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="103"/>
        <source>Email #%1: the attachment &quot;%2&quot; (%3) lies outside the uploads folder %4; the message is not sent without it.</source>
        <translation>E-Mail #%1: Der Anhang „%2“ (%3) liegt außerhalb des Upload-Ordners %4; die Nachricht wird nicht ohne ihn gesendet.</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="115"/>
        <source>Email #%1: the attachment &quot;%2&quot; (%3) is not a regular file; the message is not sent without it.</source>
        <translation>E-Mail #%1: Der Anhang „%2“ (%3) ist keine gewöhnliche Datei; die Nachricht wird nicht ohne ihn gesendet.</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="151"/>
        <source>Email #%1: the sender %2 is not a valid address: %3</source>
        <translation>E-Mail #%1: Der Absender %2 ist keine gültige Adresse: %3</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="157"/>
        <source>Email #%1: the recipient %2 is not a valid address: %3</source>
        <translation>E-Mail #%1: Der Empfänger %2 ist keine gültige Adresse: %3</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="176"/>
        <source>Email #%1 has attachments, but the ITFlow folder (itflow.root) is not set, so they cannot be found.</source>
        <translation>E-Mail #%1 hat Anhänge, aber der ITFlow-Ordner (itflow.root) ist nicht festgelegt, daher sind sie nicht auffindbar.</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="186"/>
        <source>Email #%1 has attachments, but %2 is not an ITFlow folder with an uploads folder in it (itflow.root).</source>
        <translation>E-Mail #%1 hat Anhänge, aber %2 ist kein ITFlow-Ordner mit einem Upload-Ordner darin (itflow.root).</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowMessage.cpp" line="208"/>
        <source>Email #%1 is %2 bytes when built, more than the limit of %3 bytes (queue.max_message_bytes).</source>
        <translation>E-Mail #%1 ist fertig erstellt %2 Bytes groß, mehr als die Grenze von %3 Bytes (queue.max_message_bytes).</translation>
    </message>
</context>
<context>
    <name>JsonlReader</name>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="24"/>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="26"/>
        <location filename="../src/core/queue/JsonlReader.cpp" line="51"/>
        <source>a string</source>
        <translation>ein Text</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="28"/>
        <source>a list</source>
        <translation>eine Liste</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="30"/>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="34"/>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="39"/>
        <source>&quot;%1&quot; must be %2, not %3</source>
        <translation>„%1“ muss %2 sein, nicht %3</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="68"/>
        <location filename="../src/core/queue/JsonlReader.cpp" line="72"/>
        <source>a string or a list of strings</source>
        <translation>ein Text oder eine Liste von Texten</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="96"/>
        <source>a list of {&quot;path&quot;: ..., &quot;name&quot;: ...} objects</source>
        <translation>eine Liste von {&quot;path&quot;: ..., &quot;name&quot;: ...}-Objekten</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="102"/>
        <source>an object with &quot;path&quot;</source>
        <translation>ein Objekt mit „path“</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="107"/>
        <source>unknown key &quot;%1&quot; in %2 (known: path, name, type)</source>
        <translation>unbekannter Schlüssel „%1“ in %2 (bekannt: path, name, type)</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="125"/>
        <source>%1 has no &quot;path&quot;</source>
        <translation>%1 hat kein „path“</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="149"/>
        <source>not valid JSON (%1 at offset %2)</source>
        <translation>kein gültiges JSON (%1 an Position %2)</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="153"/>
        <source>each line must be a JSON object</source>
        <translation>jede Zeile muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="158"/>
        <source>unknown key &quot;%1&quot; (known: %2)</source>
        <translation>unbekannter Schlüssel „%1“ (bekannt: %2)</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="173"/>
        <source>unknown category &quot;%1&quot; (system, invoice, quote, ticket, test)</source>
        <translation>unbekannte Kategorie „%1“ (system, invoice, quote, ticket, test)</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="197"/>
        <source>&quot;to&quot; is missing</source>
        <translation>„to“ fehlt</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="212"/>
        <source>&quot;%1&quot;: %2</source>
        <translation>„%1“: %2</translation>
    </message>
    <message>
        <location filename="../src/core/queue/JsonlReader.cpp" line="231"/>
        <source>&quot;%1&quot; is not an ISO 8601 date and time (e.g. 2026-05-01T08:00:00Z)</source>
        <translation>„%1“ ist kein Datum mit Uhrzeit nach ISO 8601 (z. B. 2026-05-01T08:00:00Z)</translation>
    </message>
</context>
<context>
    <name>MailAddress</name>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="76"/>
        <source>the address is empty</source>
        <translation>die Adresse ist leer</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="78"/>
        <source>the address contains a line break</source>
        <translation>die Adresse enthält einen Zeilenumbruch</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="81"/>
        <source>&quot;%1&quot; has no @</source>
        <translation>„%1“ enthält kein @</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="85"/>
        <source>&quot;%1&quot; has nothing before the @</source>
        <translation>„%1“ hat nichts vor dem @</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="88"/>
        <source>&quot;%1&quot; has no domain after the @</source>
        <translation>„%1“ hat keine Domain nach dem @</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="91"/>
        <source>the part before the @ is longer than 64 characters</source>
        <translation>der Teil vor dem @ ist länger als 64 Zeichen</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="94"/>
        <source>&quot;%1&quot; has a misplaced dot before the @</source>
        <translation>„%1“ hat einen falsch gesetzten Punkt vor dem @</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="98"/>
        <source>&quot;%1&quot; contains the character &quot;%2&quot;, which is not allowed in an address</source>
        <translation>„%1“ enthält das Zeichen „%2“, das in einer Adresse nicht erlaubt ist</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="101"/>
        <source>space</source>
        <translation>Leerzeichen</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="108"/>
        <source>&quot;%1&quot; is not a valid address literal ([192.0.2.1] or [IPv6:2001:db8::1])</source>
        <translation>„%1“ ist kein gültiges Adressliteral ([192.0.2.1] oder [IPv6:2001:db8::1])</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="116"/>
        <location filename="../src/core/mime/MailAddress.cpp" line="120"/>
        <location filename="../src/core/mime/MailAddress.cpp" line="124"/>
        <source>&quot;%1&quot; is not a valid domain</source>
        <translation>„%1“ ist keine gültige Domain</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="133"/>
        <source>The address &quot;%1&quot; contains a line break, which is not allowed (it could inject headers).</source>
        <translation>Die Adresse „%1“ enthält einen Zeilenumbruch; das ist nicht erlaubt (damit ließen sich Kopfzeilen einschleusen).</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="143"/>
        <source>The address &quot;%1&quot; has a &quot;&lt;&quot; without a closing &quot;&gt;&quot;.</source>
        <translation>Die Adresse „%1“ hat ein „&lt;“ ohne schließendes „&gt;“.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="159"/>
        <source>Invalid address: %1.</source>
        <translation>Ungültige Adresse: %1.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MailAddress.cpp" line="205"/>
        <source>No address given.</source>
        <translation>Keine Adresse angegeben.</translation>
    </message>
</context>
<context>
    <name>MailQueueModel</name>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="146"/>
        <location filename="../src/gui/WorkersPage.cpp" line="313"/>
        <source>The mail queue could not be opened.</source>
        <translation>Die Warteschlange konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>MailQueuePage</name>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="6"/>
        <source>Mail Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="32"/>
        <source>Start sending</source>
        <translation>Versand starten</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="47"/>
        <source>Start or pause the queue worker.</source>
        <translation>Den Versand aus der Warteschlange starten oder anhalten.</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="54"/>
        <source>Not sending</source>
        <translation>Kein Versand</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="121"/>
        <source>Search sender, recipient or subject</source>
        <translation>Absender, Empfänger oder Betreff suchen</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="144"/>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="156"/>
        <source>Send the selected messages again.</source>
        <translation>Die ausgewählten Nachrichten erneut senden.</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="101"/>
        <source>&amp;Show:</source>
        <translation>A&amp;nzeigen:</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="163"/>
        <source>Retry all fai&amp;led</source>
        <translation>&amp;Fehlgeschlagene erneut senden</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="175"/>
        <source>Queue every failed message again.</source>
        <translation>Alle fehlgeschlagenen Nachrichten wieder in die Warteschlange stellen.</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="182"/>
        <source>&amp;Mark sent</source>
        <translation>Als &amp;gesendet</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="194"/>
        <source>Record interrupted messages as delivered without sending them again.</source>
        <translation>Unterbrochene Nachrichten als zugestellt vermerken, ohne sie erneut zu senden.</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="201"/>
        <source>&amp;Cancel</source>
        <translation>Abb&amp;rechen</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="213"/>
        <source>Stop the selected messages from being sent.</source>
        <translation>Den Versand der ausgewählten Nachrichten verhindern.</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="220"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location filename="../ui/MailQueuePage.ui" line="232"/>
        <source>Remove the selected messages from the queue.</source>
        <translation>Die ausgewählten Nachrichten aus der Warteschlange entfernen.</translation>
    </message>
</context>
<context>
    <name>MailSettings</name>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="404"/>
        <source>%1 must be a whole number, not &quot;%2&quot;.</source>
        <translation>%1 muss eine ganze Zahl sein, nicht „%2“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="411"/>
        <source>%1: %2 is out of range.</source>
        <translation>%1: %2 liegt außerhalb des erlaubten Bereichs.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="425"/>
        <source>smtp.encryption must be none, starttls or tls, not &quot;%1&quot;.</source>
        <translation>smtp.encryption muss none, starttls oder tls sein, nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="435"/>
        <source>smtp.auth must be auto, plain, login, xoauth2, oauth2 or none, not &quot;%1&quot;.</source>
        <translation>smtp.auth muss auto, plain, login, xoauth2, oauth2 oder none sein, nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="467"/>
        <source>%1 must be true or false, not &quot;%2&quot;.</source>
        <translation>%1 muss true oder false sein, nicht „%2“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="526"/>
        <source>oauth.provider must be microsoft, google or custom, not &quot;%1&quot;.</source>
        <translation>oauth.provider muss microsoft, google oder custom sein, nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="536"/>
        <source>oauth.flow must be browser, device or app, not &quot;%1&quot;.</source>
        <translation>oauth.flow muss browser, device oder app sein, nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="547"/>
        <source>oauth.mechanism must be auto, xoauth2 or oauthbearer, not &quot;%1&quot;.</source>
        <translation>oauth.mechanism muss auto, xoauth2 oder oauthbearer sein, nicht „%1“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="587"/>
        <source>The host name contains a control character; enter only the server name, such as smtp.example.com.</source>
        <translation>Der Hostname enthält ein Steuerzeichen; geben Sie nur den Servernamen ein, etwa smtp.example.com.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="599"/>
        <source>The host name cannot contain spaces, &quot;/&quot;, &quot;@&quot; or &quot;:&quot;; enter only the server name, such as smtp.example.com (the port has its own field).</source>
        <translation>Der Hostname darf keine Leerzeichen, „/“, „@“ oder „:“ enthalten; geben Sie nur den Servernamen ein, etwa smtp.example.com (der Port hat ein eigenes Feld).</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="609"/>
        <source>&quot;%1&quot; is not a valid host name.</source>
        <translation>„%1“ ist kein gültiger Hostname.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="613"/>
        <source>The host name is longer than 253 characters.</source>
        <translation>Der Hostname ist länger als 253 Zeichen.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="619"/>
        <source>&quot;%1&quot; is not a valid host name: each part between dots must be 1 to 63 letters, digits or hyphens.</source>
        <translation>„%1“ ist kein gültiger Hostname: Jeder Teil zwischen den Punkten muss aus 1 bis 63 Buchstaben, Ziffern oder Bindestrichen bestehen.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="633"/>
        <source>%1 must be between %2 and %3.</source>
        <translation>%1 muss zwischen %2 und %3 liegen.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="644"/>
        <source>Enter the %1 address (or an SMTP user name that is an email address).</source>
        <translation>Geben Sie die Adresse für %1 ein (oder einen SMTP-Benutzernamen, der eine E-Mail-Adresse ist).</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="652"/>
        <source>The %1 address is not valid: %2</source>
        <translation>Die Adresse für %1 ist ungültig: %2</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="671"/>
        <source>The %1 name cannot contain line breaks or control characters.</source>
        <translation>Der Name für %1 darf keine Zeilenumbrüche oder Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="675"/>
        <source>The %1 name is longer than 200 characters.</source>
        <translation>Der Name für %1 ist länger als 200 Zeichen.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="693"/>
        <source>Enter the SMTP server&apos;s host name, for example smtp.office365.com.</source>
        <translation>Geben Sie den Hostnamen des SMTP-Servers ein, zum Beispiel smtp.office365.com.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="701"/>
        <source>The port</source>
        <translation>Der Port</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="704"/>
        <source>Enter the user name to sign in with, or set sign-in to &quot;none&quot;.</source>
        <translation>Geben Sie den Benutzernamen für die Anmeldung ein oder stellen Sie die Anmeldung auf „keine“.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="707"/>
        <source>The user name cannot contain line breaks or control characters.</source>
        <translation>Der Benutzername darf keine Zeilenumbrüche oder Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="712"/>
        <source>The CA file %1 does not exist or cannot be read.</source>
        <translation>Die CA-Datei %1 existiert nicht oder ist nicht lesbar.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="720"/>
        <source>The pinned certificate must be a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed.</source>
        <translation>Das feste Zertifikat muss ein SHA-256-Fingerabdruck sein: 64 Hexadezimalziffern, Doppelpunkte erlaubt.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="730"/>
        <source>The EHLO name must be a plain host name such as mail.example.com, with no spaces or control characters.</source>
        <translation>Der EHLO-Name muss ein einfacher Hostname wie mail.example.com sein, ohne Leerzeichen oder Steuerzeichen.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="738"/>
        <source>The connect timeout</source>
        <translation>Das Zeitlimit für den Verbindungsaufbau</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="741"/>
        <source>The greeting timeout</source>
        <translation>Das Zeitlimit für die Begrüßung</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="744"/>
        <source>The command timeout</source>
        <translation>Das Zeitlimit für Befehle</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="747"/>
        <source>The data timeout</source>
        <translation>Das Zeitlimit für Daten</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="750"/>
        <source>The final reply timeout</source>
        <translation>Das Zeitlimit für die Abschlussantwort</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="754"/>
        <location filename="../src/core/settings/MailSettings.cpp" line="766"/>
        <source>default sender</source>
        <translation>den Standardabsender</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="758"/>
        <location filename="../src/core/settings/MailSettings.cpp" line="769"/>
        <source>invoice sender</source>
        <translation>den Rechnungsabsender</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="760"/>
        <location filename="../src/core/settings/MailSettings.cpp" line="771"/>
        <source>quote sender</source>
        <translation>den Angebotsabsender</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="763"/>
        <location filename="../src/core/settings/MailSettings.cpp" line="773"/>
        <source>ticket sender</source>
        <translation>den Ticket-Absender</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="776"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="779"/>
        <source>The first retry delay</source>
        <translation>Die erste Wartezeit</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="782"/>
        <source>The longest retry delay cannot be shorter than the first one (%1 s).</source>
        <translation>Die längste Wartezeit darf nicht kürzer sein als die erste (%1 s).</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="786"/>
        <source>The longest retry delay</source>
        <translation>Die längste Wartezeit</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="789"/>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="792"/>
        <source>The rate limit (0 for none)</source>
        <translation>Die Rate (0 für keine Grenze)</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="795"/>
        <source>The daily cap (0 for none)</source>
        <translation>Das Tageslimit (0 für keine Grenze)</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="798"/>
        <source>Keep sent messages</source>
        <translation>Gesendete Nachrichten behalten</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="801"/>
        <source>The message size limit must be between 1 KB and 1 GB.</source>
        <translation>Die Größengrenze für Nachrichten muss zwischen 1 KB und 1 GB liegen.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="806"/>
        <source>Enter the application (client) ID of the app registered for Outbound.</source>
        <translation>Geben Sie die Anwendungs-ID (Client-ID) der für Outbound registrierten App ein.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="812"/>
        <source>Google has no app sign-in for SMTP; use the browser or device flow.</source>
        <translation>Google bietet für SMTP keine App-Anmeldung; verwenden Sie den Browser- oder Geräteablauf.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="817"/>
        <source>Enter the token address of the custom provider.</source>
        <translation>Geben Sie die Token-Adresse des eigenen Anbieters ein.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="820"/>
        <source>The token address must be an http or https URL.</source>
        <translation>Die Token-Adresse muss eine http- oder https-URL sein.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="826"/>
        <source>Enter the authorization address of the custom provider.</source>
        <translation>Geben Sie die Autorisierungsadresse des eigenen Anbieters ein.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="829"/>
        <source>The authorization address must be an http or https URL.</source>
        <translation>Die Autorisierungsadresse muss eine http- oder https-URL sein.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="835"/>
        <source>Enter the device authorization address of the custom provider.</source>
        <translation>Geben Sie die Geräteautorisierungsadresse des eigenen Anbieters ein.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="838"/>
        <source>The device authorization address must be an http or https URL.</source>
        <translation>Die Geräteautorisierungsadresse muss eine http- oder https-URL sein.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="843"/>
        <source>Enter the scope the custom provider grants for SMTP.</source>
        <translation>Geben Sie den Bereich (Scope) ein, den der Anbieter für SMTP vergibt.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="849"/>
        <source>The certificate file %1 does not exist or cannot be read.</source>
        <translation>Die Zertifikatsdatei %1 existiert nicht oder ist nicht lesbar.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="874"/>
        <source>Microsoft 365</source>
        <translation>Microsoft 365</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="880"/>
        <source>&lt;p&gt;Sign-in uses &lt;b&gt;OAuth 2.0&lt;/b&gt;: Microsoft turns off passwords for SMTP at the end of December 2026.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;In Microsoft Entra, register an app for Outbound: platform &lt;b&gt;Mobile and desktop applications&lt;/b&gt;, redirect &lt;b&gt;http://localhost&lt;/b&gt;, &quot;Allow public client flows&quot; on (for the device code). Add the delegated permission &lt;b&gt;SMTP.Send&lt;/b&gt; (Office 365 Exchange Online) and enter the app&apos;s client ID here.&lt;/li&gt;&lt;li&gt;For an unattended worker use the &lt;b&gt;app&lt;/b&gt; flow instead: the application permission &lt;b&gt;SMTP.SendAsApp&lt;/b&gt; with admin consent, the app&apos;s service principal registered in Exchange Online, and mailbox permission for each sender address (or RBAC for Applications limited to those mailboxes); sign in with a certificate or a client secret.&lt;/li&gt;&lt;li&gt;An administrator must allow &lt;b&gt;Authenticated SMTP&lt;/b&gt; for the mailbox; &lt;b&gt;535 5.7.139&lt;/b&gt; means it is still off (this blocks OAuth too).&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Microsoft allows about 30 messages a minute and 10,000 recipients a day. The preset sets the queue to 30 messages a minute and at most 10,000 messages a day; a message to several people counts once here but once per recipient at Microsoft, so lower the daily cap if much of your mail has several recipients. &lt;b&gt;550 5.7.30&lt;/b&gt; means the tenant no longer accepts passwords.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die Anmeldung nutzt &lt;b&gt;OAuth 2.0&lt;/b&gt;: Microsoft schaltet Passwörter für SMTP Ende Dezember 2026 ab.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Registrieren Sie in Microsoft Entra eine App für Outbound: Plattform &lt;b&gt;Mobile und Desktopanwendungen&lt;/b&gt;, Umleitung &lt;b&gt;http://localhost&lt;/b&gt;, „Öffentliche Clientflows zulassen“ an (für den Gerätecode). Fügen Sie die delegierte Berechtigung &lt;b&gt;SMTP.Send&lt;/b&gt; (Office 365 Exchange Online) hinzu und tragen Sie hier die Client-ID der App ein.&lt;/li&gt;&lt;li&gt;Für einen unbeaufsichtigten Versand nehmen Sie stattdessen den &lt;b&gt;App&lt;/b&gt;-Ablauf: Anwendungsberechtigung &lt;b&gt;SMTP.SendAsApp&lt;/b&gt; mit Administratorzustimmung, den Dienstprinzipal der App in Exchange Online registrieren und Postfachberechtigung für jede Absenderadresse (oder RBAC für Anwendungen, auf diese Postfächer beschränkt); Anmeldung mit Zertifikat oder geheimem Schlüssel.&lt;/li&gt;&lt;li&gt;Die Administration muss &lt;b&gt;Authentifiziertes SMTP&lt;/b&gt; für das Postfach erlauben; &lt;b&gt;535 5.7.139&lt;/b&gt; heißt, es ist noch aus (das blockiert auch OAuth).&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Microsoft erlaubt etwa 30 Nachrichten pro Minute und 10.000 Empfänger pro Tag. Die Vorlage stellt die Warteschlange auf 30 Nachrichten pro Minute und höchstens 10.000 Nachrichten pro Tag ein; eine Nachricht an mehrere Personen zählt hier einmal, bei Microsoft aber je Empfänger. Senken Sie die Tagesgrenze, wenn viele Ihrer Nachrichten mehrere Empfänger haben. &lt;b&gt;550 5.7.30&lt;/b&gt; heißt, der Mandant nimmt keine Passwörter mehr an.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="908"/>
        <source>&lt;p&gt;Sign-in uses &lt;b&gt;OAuth 2.0&lt;/b&gt; with the full Google address as user name.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;In the Google Cloud console, create an OAuth client of type &lt;b&gt;Desktop app&lt;/b&gt; (or &lt;b&gt;TVs and limited input devices&lt;/b&gt; for the device code) and enter its client ID here; store its secret with &lt;code&gt;outbound-cli settings set-secret oauth.client_secret&lt;/code&gt;. The scope is https://mail.google.com/.&lt;/li&gt;&lt;li&gt;Set the consent screen to &lt;b&gt;In production&lt;/b&gt; (or Internal for Workspace): apps left in Testing lose their sign-in after 7 days.&lt;/li&gt;&lt;li&gt;A password still works as an &lt;b&gt;app password&lt;/b&gt; (2-Step Verification, 16 characters) if the Workspace administrator allows it; &lt;b&gt;534 5.7.9&lt;/b&gt; means an app password is required.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Google allows about 2,000 messages a day and 100 recipients per message; the daily cap is set to match.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die Anmeldung nutzt &lt;b&gt;OAuth 2.0&lt;/b&gt; mit der vollständigen Google-Adresse als Benutzernamen.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Legen Sie in der Google Cloud Console einen OAuth-Client vom Typ &lt;b&gt;Desktop-App&lt;/b&gt; an (oder &lt;b&gt;Fernseher und Geräte mit begrenzter Eingabe&lt;/b&gt; für den Gerätecode) und tragen Sie hier seine Client-ID ein; speichern Sie den geheimen Schlüssel mit &lt;code&gt;outbound-cli settings set-secret oauth.client_secret&lt;/code&gt;. Der Bereich ist https://mail.google.com/.&lt;/li&gt;&lt;li&gt;Stellen Sie den Zustimmungsbildschirm auf &lt;b&gt;In Produktion&lt;/b&gt; (oder Intern für Workspace): Apps im Status „Test“ verlieren ihre Anmeldung nach 7 Tagen.&lt;/li&gt;&lt;li&gt;Ein Passwort funktioniert weiterhin als &lt;b&gt;App-Passwort&lt;/b&gt; (Bestätigung in zwei Schritten, 16 Zeichen), wenn die Workspace-Administration es erlaubt; &lt;b&gt;534 5.7.9&lt;/b&gt; heißt, ein App-Passwort ist nötig.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Google erlaubt etwa 2.000 Nachrichten pro Tag und 100 Empfänger pro Nachricht; das Tageslimit ist darauf eingestellt.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="975"/>
        <source>Microsoft turns off password sign-in (Basic authentication) for SMTP at the end of December 2026; after that the server answers 550 5.7.30. Switch sign-in to OAuth 2.0.</source>
        <translation>Microsoft schaltet die Passwort-Anmeldung (Standardauthentifizierung) für SMTP Ende Dezember 2026 ab; danach antwortet der Server mit 550 5.7.30. Stellen Sie die Anmeldung auf OAuth 2.0 um.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="902"/>
        <source>Google Workspace</source>
        <translation>Google Workspace</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="924"/>
        <source>Custom server</source>
        <translation>Eigener Server</translation>
    </message>
    <message>
        <location filename="../src/core/settings/MailSettings.cpp" line="930"/>
        <source>&lt;p&gt;Enter your provider&apos;s SMTP server. Port 587 with STARTTLS or port 465 with TLS is usual; use &lt;b&gt;Detect&lt;/b&gt; to find what the server supports.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Geben Sie den SMTP-Server Ihres Anbieters ein. Üblich sind Port 587 mit STARTTLS oder Port 465 mit TLS; mit &lt;b&gt;Erkennen&lt;/b&gt; finden Sie heraus, was der Server unterstützt.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MailSettingsPage</name>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="6"/>
        <source>Settings › Mail</source>
        <translation>Einstellungen › E-Mail</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="85"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="97"/>
        <location filename="../ui/MailSettingsPage.ui" line="376"/>
        <source>&amp;Provider:</source>
        <translation>A&amp;nbieter:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="120"/>
        <source>smtp.example.com</source>
        <translation>smtp.example.com</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="127"/>
        <source>P&amp;ort:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="158"/>
        <source>Detect</source>
        <translation>Erkennen</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="168"/>
        <source>Usually 587 with STARTTLS or 465 with TLS.</source>
        <translation>Meist 587 mit STARTTLS oder 465 mit TLS.</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="260"/>
        <source>Sign-in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="272"/>
        <source>Sign-in &amp;method:</source>
        <translation>An&amp;meldeverfahren:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="110"/>
        <source>Hos&amp;t:</source>
        <translation>H&amp;ost:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="177"/>
        <source>Encr&amp;yption:</source>
        <translation>&amp;Verschlüsselung:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="285"/>
        <source>User &amp;name:</source>
        <translation>B&amp;enutzername:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="295"/>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="302"/>
        <source>Pass&amp;word:</source>
        <translation>Passwo&amp;rt:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="554"/>
        <source>Senders</source>
        <translation>Absender</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="569"/>
        <source>Invoices, quotes and ticket replies use the default sender unless you give them their own. Empty fields inherit the default shown in grey.</source>
        <translation>Rechnungen, Angebote und Ticket-Antworten verwenden den Standardabsender, solange Sie ihnen keinen eigenen geben. Leere Felder übernehmen den grau angezeigten Standard.</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="591"/>
        <source>billing@example.com</source>
        <translation>rechnung@example.com</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="598"/>
        <source>Use SMTP user name</source>
        <translation>SMTP-Benutzernamen verwenden</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="650"/>
        <source>Q&amp;uotes:</source>
        <translation>An&amp;gebote:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="673"/>
        <source>Tic&amp;kets:</source>
        <translation>T&amp;ickets:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="759"/>
        <source>Attempts:</source>
        <translation>Versuche:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="782"/>
        <source>First retry after:</source>
        <translation>Erste Wiederholung nach:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="857"/>
        <source>Messa&amp;ges per minute:</source>
        <translation>Nachrichten pro Minute:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="883"/>
        <source>Messages per day:</source>
        <translation>Nachrichten pro Tag:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="912"/>
        <source>Keep sent messages:</source>
        <translation>Gesendete Nachrichten behalten:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1083"/>
        <source>CA file:</source>
        <translation>CA-Datei:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1117"/>
        <source>Pinned certificate:</source>
        <translation>Festes Zertifikat:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1134"/>
        <source>EHLO name:</source>
        <translation>EHLO-Name:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="620"/>
        <source>Example IT Services</source>
        <translation>Beispiel IT-Service GmbH</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="576"/>
        <source>Def&amp;ault sender:</source>
        <translation>S&amp;tandardabsender:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="601"/>
        <source>Copy the SMTP user name into the default sender.</source>
        <translation>Den SMTP-Benutzernamen als Standardabsender übernehmen.</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="610"/>
        <source>&amp;Default sender name:</source>
        <translation>Name des Standardabsenders:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="627"/>
        <source>&amp;Invoices:</source>
        <translation>Re&amp;chnungen:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="719"/>
        <source>Setup guidance</source>
        <translation>Einrichtungshinweise</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="747"/>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="798"/>
        <location filename="../ui/MailSettingsPage.ui" line="824"/>
        <location filename="../ui/MailSettingsPage.ui" line="969"/>
        <location filename="../ui/MailSettingsPage.ui" line="995"/>
        <location filename="../ui/MailSettingsPage.ui" line="1021"/>
        <location filename="../ui/MailSettingsPage.ui" line="1047"/>
        <location filename="../ui/MailSettingsPage.ui" line="1073"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="808"/>
        <source>&amp;Longest retry delay:</source>
        <translation>&amp;Längste Wartezeit:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="834"/>
        <source>&amp;Connections:</source>
        <translation>Verbind&amp;ungen:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="873"/>
        <location filename="../ui/MailSettingsPage.ui" line="902"/>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="928"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="941"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="953"/>
        <source>Connect timeout:</source>
        <translation>Zeitlimit Verbindung:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="979"/>
        <source>Greeting timeout:</source>
        <translation>Zeitlimit Begrüßung:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1005"/>
        <source>Command timeout:</source>
        <translation>Zeitlimit Befehle:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1031"/>
        <source>Data timeout:</source>
        <translation>Zeitlimit Daten:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1057"/>
        <source>Final reply timeout:</source>
        <translation>Zeitlimit Abschlussantwort:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1098"/>
        <source>Only for a private relay</source>
        <translation>Nur für ein privates Relay</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1105"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1108"/>
        <source>Choose a PEM file with the certificate authority to trust.</source>
        <translation>Eine PEM-Datei mit der vertrauenswürdigen Zertifizierungsstelle wählen.</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1127"/>
        <source>SHA-256 fingerprint (64 hex digits)</source>
        <translation>SHA-256-Fingerabdruck (64 Hexadezimalziffern)</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1147"/>
        <source>Allow sign-in over an unencrypted connection</source>
        <translation>Anmeldung über eine unverschlüsselte Verbindung erlauben</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1202"/>
        <source>Send test email…</source>
        <translation>Test-E-Mail senden…</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1232"/>
        <source>&amp;Revert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="1239"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="345"/>
        <source>Use &amp;OAuth</source>
        <translation>&amp;OAuth verwenden</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="389"/>
        <source>&amp;Flow:</source>
        <translation>&amp;Ablauf:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="402"/>
        <source>&amp;Client ID:</source>
        <translation>&amp;Client-ID:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="412"/>
        <source>00000000-0000-0000-0000-000000000000</source>
        <translation>00000000-0000-0000-0000-000000000000</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="419"/>
        <source>&amp;Tenant:</source>
        <translation>&amp;Mandant:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="429"/>
        <source>organizations</source>
        <translation>organizations</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="436"/>
        <source>C&amp;ertificate:</source>
        <translation>&amp;Zertifikat:</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="446"/>
        <source>/etc/outbound/app.pem</source>
        <translation>/etc/outbound/app.pem</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="477"/>
        <source>Sign &amp;in…</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="484"/>
        <source>Cancel sign-in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="491"/>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="519"/>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="161"/>
        <source>Ask the server which ports and encryption it supports, then offer the best to fill in. Nothing is sent and no password is used.</source>
        <translation>Den Server fragen, welche Ports und welche Verschlüsselung er unterstützt, und die beste Wahl zum Eintragen anbieten. Es wird nichts gesendet und kein Passwort verwendet.</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="207"/>
        <source>Set Port and Encryption to what Detect found. Nothing is saved until you click Save.</source>
        <translation>Port und Verschlüsselung auf das setzen, was die Erkennung gefunden hat. Gespeichert wird erst mit „Speichern“.</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="214"/>
        <source>Dismiss</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../ui/MailSettingsPage.ui" line="217"/>
        <source>Close the results and leave the form as it is.</source>
        <translation>Die Ergebnisse schließen und das Formular unverändert lassen.</translation>
    </message>
</context>
<context>
    <name>MailStore</name>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="534"/>
        <source>retry messages</source>
        <translation>Nachrichten erneut versuchen</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="503"/>
        <source>marked sent by an operator</source>
        <translation>von einer Person als gesendet markiert</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="452"/>
        <source>change messages</source>
        <translation>Nachrichten ändern</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="366"/>
        <source>No message %1 in ITFlow&apos;s queue.</source>
        <translation>Keine Nachricht %1 in der Warteschlange von ITFlow.</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="280"/>
        <source>ITFlow&apos;s queue is filled by ITFlow itself; Outbound sends what ITFlow queues and does not add messages to it.</source>
        <translation>Die Warteschlange von ITFlow füllt ITFlow selbst; Outbound versendet, was ITFlow einreiht, und fügt keine Nachrichten hinzu.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/core/queue/StoreCodec.cpp" line="155"/>
        <source>%n recipient(s) refused temporarily: %1</source>
        <translation>
            <numerusform>%n Empfänger vorübergehend abgewiesen: %1</numerusform>
            <numerusform>%n Empfänger vorübergehend abgewiesen: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="669"/>
        <source>No sender address for category &quot;%1&quot;: set from.default.email first.</source>
        <translation>Keine Absenderadresse für die Kategorie „%1“: setzen Sie zuerst from.default.email.</translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="679"/>
        <source>The sender %1 is not a valid address: %2</source>
        <translation>Der Absender %1 ist keine gültige Adresse: %2</translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="683"/>
        <source>The message has no recipient.</source>
        <translation>Die Nachricht hat keinen Empfänger.</translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="686"/>
        <source>The message has no body and no attachment.</source>
        <translation>Die Nachricht hat weder Text noch Anhang.</translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="698"/>
        <source>The message is %1 bytes, more than queue.max_message_bytes (%2).</source>
        <translation>Die Nachricht ist %1 Bytes groß, mehr als queue.max_message_bytes (%2).</translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="723"/>
        <source>enqueue</source>
        <translation>einreihen</translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="840"/>
        <source>Message %1 of the batch: %2</source>
        <translation>Nachricht %1 des Stapels: %2</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="326"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="898"/>
        <source>list messages</source>
        <translation>Nachrichten auflisten</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="348"/>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="405"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="998"/>
        <source>count messages</source>
        <translation>Nachrichten zählen</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="364"/>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="1303"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1018"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1046"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1999"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="2037"/>
        <source>read message</source>
        <translation>Nachricht lesen</translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1021"/>
        <source>There is no message %1 in the queue.</source>
        <translation>Die Nachricht %1 gibt es in der Warteschlange nicht.</translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1066"/>
        <source>queue statistics</source>
        <translation>Statistik der Warteschlange</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="424"/>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="436"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1085"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1089"/>
        <source>read changes</source>
        <translation>Änderungen lesen</translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1135"/>
        <source>update messages</source>
        <translation>Nachrichten ändern</translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1171"/>
        <source>retry failed messages</source>
        <translation>fehlgeschlagene Nachrichten erneut versuchen</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="453"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1213"/>
        <source>delete messages</source>
        <translation>Nachrichten löschen</translation>
    </message>
    <message>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1247"/>
        <source>purge sent messages</source>
        <translation>gesendete Nachrichten aufräumen</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="727"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1287"/>
        <source>recover interrupted messages</source>
        <translation>unterbrochene Nachrichten wiederherstellen</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="778"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1364"/>
        <source>accepted by the server; recorded after its worker stopped</source>
        <translation>vom Server angenommen; erst nach dem Ende seines Workers erfasst</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="788"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1375"/>
        <source>the worker stopped while this message was being sent; it may or may not have been delivered</source>
        <translation>der Versand stoppte, während diese Nachricht gesendet wurde; sie wurde vielleicht zugestellt, vielleicht nicht</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="581"/>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="829"/>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="1096"/>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="1150"/>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="1239"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1402"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1472"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1576"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1748"/>
        <source>record send results</source>
        <translation>Versandergebnisse speichern</translation>
    </message>
    <message>
        <location filename="../src/core/queue/WorkerRegistry.cpp" line="59"/>
        <location filename="../src/core/queue/WorkerRegistry.cpp" line="122"/>
        <source>register the worker</source>
        <translation>Worker anmelden</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="1210"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="1534"/>
        <location filename="../src/core/queue/WorkerRegistry.cpp" line="104"/>
        <source>renew the worker&apos;s claims</source>
        <translation>Reservierungen des Workers verlängern</translation>
    </message>
    <message>
        <location filename="../src/core/queue/WorkerRegistry.cpp" line="142"/>
        <source>list workers</source>
        <translation>Worker auflisten</translation>
    </message>
    <message>
        <location filename="../src/core/queue/WorkerRegistry.cpp" line="170"/>
        <source>count sends against the rate limit</source>
        <translation>Sendungen auf das Ratenlimit anrechnen</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="1341"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="2054"/>
        <source>count sent messages</source>
        <translation>gesendete Nachrichten zählen</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="1362"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="2066"/>
        <source>count due messages</source>
        <translation>fällige Nachrichten zählen</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="1390"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="2076"/>
        <source>next due message</source>
        <translation>nächste fällige Nachricht</translation>
    </message>
    <message>
        <location filename="../src/core/itflow/ItflowQueueStore.cpp" line="1406"/>
        <location filename="../src/core/queue/SqlMailStore.cpp" line="2086"/>
        <source>release waiting messages</source>
        <translation>wartende Nachrichten freigeben</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.ui" line="6"/>
        <source>Outbound</source>
        <translation>Outbound</translation>
    </message>
</context>
<context>
    <name>MessageDetailPane</name>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="64"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="81"/>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="101"/>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="121"/>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="141"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="164"/>
        <source>Message-ID:</source>
        <translation>Message-ID:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="197"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="211"/>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="222"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="225"/>
        <source>Open the selected attachment with the program the desktop uses for its type.</source>
        <translation>Den ausgewählten Anhang mit dem Programm öffnen, das die Arbeitsumgebung für diesen Typ verwendet.</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="232"/>
        <source>Save As…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="249"/>
        <source>Transcript</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="257"/>
        <source>Attempt:</source>
        <translation>Versuch:</translation>
    </message>
    <message>
        <location filename="../ui/MessageDetailPane.ui" line="299"/>
        <source>Source</source>
        <translation>Quelltext</translation>
    </message>
</context>
<context>
    <name>MessageStatus</name>
    <message>
        <location filename="../src/core/queue/QueueTypes.cpp" line="44"/>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueTypes.cpp" line="46"/>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueTypes.cpp" line="48"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueTypes.cpp" line="50"/>
        <source>Deferred</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueTypes.cpp" line="52"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueTypes.cpp" line="54"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueTypes.cpp" line="56"/>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
</context>
<context>
    <name>MimeBuilder</name>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="202"/>
        <source>The %1 contains a line break (CR or LF), which could add hidden headers; the message was not built.</source>
        <translation>%1 enthält einen Zeilenumbruch (CR oder LF), mit dem sich versteckte Kopfzeilen einfügen ließen; die Nachricht wurde nicht erstellt.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="209"/>
        <source>The %1 contains a NUL character; the message was not built.</source>
        <translation>%1 enthält ein NUL-Zeichen; die Nachricht wurde nicht erstellt.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="219"/>
        <source>display name in %1</source>
        <translation>Anzeigename in %1</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="222"/>
        <source>%1 address</source>
        <translation>%1-Adresse</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="226"/>
        <source>The %1 address &quot;%2&quot; is not valid: %3.</source>
        <translation>Die %1-Adresse „%2“ ist ungültig: %3.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="247"/>
        <source>Message-ID</source>
        <translation>Message-ID</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="255"/>
        <source>The Message-ID &quot;%1&quot; is not of the form &lt;unique-part@domain&gt;.</source>
        <translation>Die Message-ID „%1“ hat nicht die Form &lt;eindeutiger-Teil@domain&gt;.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="298"/>
        <source>The message has no sender (From).</source>
        <translation>Die Nachricht hat keinen Absender (From).</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="302"/>
        <source>The message has no recipients (To, Cc or Bcc).</source>
        <translation>Die Nachricht hat keine Empfänger (An, Cc oder Bcc).</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="318"/>
        <source>subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="324"/>
        <source>attachment name &quot;%1&quot;</source>
        <translation>Anhangsname „%1“</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="329"/>
        <source>The attachment name &quot;%1…&quot; is longer than %2 characters.</source>
        <translation>Der Anhangsname „%1…“ ist länger als %2 Zeichen.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="337"/>
        <source>content type of the attachment &quot;%1&quot;</source>
        <translation>Inhaltstyp des Anhangs „%1“</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="344"/>
        <source>The content type &quot;%1&quot; of the attachment &quot;%2&quot; is not a valid MIME type.</source>
        <translation>Der Inhaltstyp „%1“ des Anhangs „%2“ ist kein gültiger MIME-Typ.</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="351"/>
        <source>iCalendar method</source>
        <translation>iCalendar-Methode</translation>
    </message>
    <message>
        <location filename="../src/core/mime/MimeBuilder.cpp" line="359"/>
        <source>The iCalendar method &quot;%1&quot; is not valid (expected a word such as REQUEST).</source>
        <translation>Die iCalendar-Methode „%1“ ist ungültig (erwartet wird ein Wort wie REQUEST).</translation>
    </message>
</context>
<context>
    <name>OAuth</name>
    <message>
        <location filename="../src/core/oauth/LoopbackReceiver.cpp" line="56"/>
        <source>Outbound</source>
        <translation>Outbound</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/LoopbackReceiver.cpp" line="58"/>
        <source>Outbound received the sign-in. You can close this tab and return to Outbound.</source>
        <translation>Outbound hat die Anmeldung erhalten. Sie können diesen Tab schließen und zu Outbound zurückkehren.</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/LoopbackReceiver.cpp" line="60"/>
        <source>The sign-in did not go through. Return to Outbound to see why; you can close this tab.</source>
        <translation>Die Anmeldung ist nicht durchgegangen. In Outbound sehen Sie den Grund; diesen Tab können Sie schließen.</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/ClientAssertion.cpp" line="67"/>
        <source>Cannot read the certificate file %1: %2</source>
        <translation>Die Zertifikatsdatei %1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/ClientAssertion.cpp" line="73"/>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/ClientAssertion.cpp" line="81"/>
        <source>%1 holds no private key; put the certificate and its key in one PEM file.</source>
        <translation>%1 enthält keinen privaten Schlüssel; legen Sie Zertifikat und Schlüssel in eine PEM-Datei.</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/ClientAssertion.cpp" line="90"/>
        <source>The private key in %1 cannot be read (a key with a pass phrase is not supported).</source>
        <translation>Der private Schlüssel in %1 ist nicht lesbar (Schlüssel mit Passphrase werden nicht unterstützt).</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/ClientAssertion.cpp" line="103"/>
        <source>The client certificate&apos;s key must be an RSA key (RS256).</source>
        <translation>Der Schlüssel des Client-Zertifikats muss ein RSA-Schlüssel sein (RS256).</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/ClientAssertion.cpp" line="125"/>
        <location filename="../src/core/oauth/ClientAssertion.cpp" line="130"/>
        <source>Signing the client assertion failed.</source>
        <translation>Das Signieren der Client-Assertion ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/OAuthTypes.cpp" line="60"/>
        <source>the token endpoint answered HTTP %1 without an OAuth error</source>
        <translation>der Token-Endpunkt antwortete mit HTTP %1 ohne OAuth-Fehler</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/OAuthTypes.cpp" line="133"/>
        <source>the token endpoint answered without an access token</source>
        <translation>der Token-Endpunkt antwortete ohne Zugriffstoken</translation>
    </message>
</context>
<context>
    <name>OpenDatabaseDialog</name>
    <message>
        <location filename="../ui/OpenDatabaseDialog.ui" line="6"/>
        <source>Open Database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <location filename="../ui/OpenDatabaseDialog.ui" line="21"/>
        <source>The database opens in a new Outbound window; this window stays with its own database.</source>
        <translation>Die Datenbank öffnet sich in einem neuen Outbound-Fenster; dieses Fenster bleibt bei seiner eigenen Datenbank.</translation>
    </message>
    <message>
        <location filename="../ui/OpenDatabaseDialog.ui" line="31"/>
        <source>A database &amp;file on this computer</source>
        <translation>Eine Datenbank&amp;datei auf diesem Computer</translation>
    </message>
    <message>
        <location filename="../ui/OpenDatabaseDialog.ui" line="49"/>
        <source>&amp;Browse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/OpenDatabaseDialog.ui" line="58"/>
        <source>A shared database on a &amp;server</source>
        <translation>Eine gemeinsame Datenbank auf einem &amp;Server</translation>
    </message>
    <message>
        <location filename="../ui/OpenDatabaseDialog.ui" line="70"/>
        <source>postgresql://outbound@db.example.net:5432/outbound</source>
        <translation>postgresql://outbound@db.example.net:5432/outbound</translation>
    </message>
    <message>
        <location filename="../ui/OpenDatabaseDialog.ui" line="77"/>
        <source>postgresql://, mariadb:// (also mysql://) or itflow+mariadb://, with the user name and no password. When the server asks for a password, the new window asks for it; it is never saved.</source>
        <translation>postgresql://, mariadb:// (auch mysql://) oder itflow+mariadb://, mit Benutzername und ohne Passwort. Verlangt der Server ein Passwort, fragt das neue Fenster danach; es wird nie gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/OpenDatabaseDialog.ui" line="102"/>
        <source>&amp;Recently opened:</source>
        <translation>&amp;Zuletzt geöffnet:</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="324"/>
        <source>Stored in plain text in ITFlow&apos;s settings row (%1), because ITFlow&apos;s own pages and worker read it there; anyone who can read ITFlow&apos;s database can read it.</source>
        <translation>Im Klartext in der Einstellungszeile von ITFlow gespeichert (%1), weil die Seiten und der Versanddienst von ITFlow es dort lesen; wer die Datenbank von ITFlow lesen kann, kann es lesen.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="120"/>
        <source>the system keychain did not answer within %1 s</source>
        <translation>der System-Schlüsselbund hat nicht innerhalb von %1 s geantwortet</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="295"/>
        <source>No system keychain is available; put the password in a password file instead.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar; das Passwort stattdessen in eine Passwortdatei schreiben.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="301"/>
        <source>The system keychain did not answer.</source>
        <translation>Der Schlüsselbund des Systems hat nicht geantwortet.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="304"/>
        <source>The system keychain refused the password: %1</source>
        <translation>Der Schlüsselbund des Systems hat das Passwort abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="321"/>
        <source>Stored in the system keychain.</source>
        <translation>Im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="330"/>
        <source>Stored in the shared database&apos;s secrets table, readable by the roles granted access to it (not by a machine&apos;s keychain).</source>
        <translation>In der Geheimnis-Tabelle der gemeinsamen Datenbank gespeichert, lesbar für die Rollen mit Zugriff darauf (nicht im Schlüsselbund eines Rechners).</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="334"/>
        <source>Stored in Outbound&apos;s database, readable only by you (keychain not used).</source>
        <translation>In der Datenbank von Outbound gespeichert, nur für Sie lesbar (Schlüsselbund nicht verwendet).</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="336"/>
        <source>No system keychain answered: stored in Outbound&apos;s database, readable only by you.</source>
        <translation>Kein Schlüsselbund des Systems hat geantwortet: in der Datenbank von Outbound gespeichert, nur für Sie lesbar.</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="351"/>
        <source>The system keychain did not return the password: %1</source>
        <translation>Der Schlüsselbund des Systems hat das Passwort nicht geliefert: %1</translation>
    </message>
    <message>
        <location filename="../src/core/settings/SecretStore.cpp" line="429"/>
        <source>The system keychain did not return %1: %2</source>
        <translation>Der Systemschlüsselbund hat %1 nicht geliefert: %2</translation>
    </message>
</context>
<context>
    <name>SenderCheck</name>
    <message>
        <location filename="../src/core/diagnosis/SenderCheck.cpp" line="112"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SenderCheck.cpp" line="227"/>
        <source>Outbound sender check: %1</source>
        <translation>Outbound-Absenderprüfung: %1</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SenderCheck.cpp" line="230"/>
        <source>This message checks that the mail server accepts %1 as the sender for: %2.
It was sent by Outbound&apos;s sender check; no reply is needed.
</source>
        <translation>Diese Nachricht prüft, ob der Mailserver %1 als Absender annimmt für: %2.
Sie wurde von der Absenderprüfung von Outbound gesendet; eine Antwort ist nicht nötig.
</translation>
    </message>
</context>
<context>
    <name>SettingsProbe</name>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="72"/>
        <source>no answer within %1 s at %2</source>
        <translation>keine Antwort innerhalb von %1 s bei %2</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="248"/>
        <source>connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="252"/>
        <source>host name not found</source>
        <translation>Hostname nicht gefunden</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="255"/>
        <source>the server closed the connection at %1</source>
        <translation>der Server hat die Verbindung bei %1 geschlossen</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="379"/>
        <source>the port speaks plain SMTP first (use starttls here)</source>
        <translation>der Port spricht zuerst einfaches SMTP (hier starttls verwenden)</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="381"/>
        <source>the port speaks plain SMTP first (use starttls or none here)</source>
        <translation>der Port spricht zuerst einfaches SMTP (hier starttls oder none verwenden)</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="398"/>
        <source>self-signed: the certificate was issued by itself, no authority vouches for it</source>
        <translation>selbst signiert: Das Zertifikat hat sich selbst ausgestellt, keine Zertifizierungsstelle bürgt dafür</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="404"/>
        <source>issued by &quot;%1&quot;, a certificate authority this computer does not trust</source>
        <translation>ausgestellt von „%1“, einer Zertifizierungsstelle, der dieser Computer nicht vertraut</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="444"/>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="445"/>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="459"/>
        <source>untrusted</source>
        <translation>nicht vertrauenswürdig</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="447"/>
        <source>self-signed</source>
        <translation>selbst signiert</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="449"/>
        <source>untrusted CA</source>
        <translation>unbekannte Zertifizierungsstelle</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="451"/>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="453"/>
        <source>not yet valid</source>
        <translation>noch nicht gültig</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="455"/>
        <source>name mismatch</source>
        <translation>Name passt nicht</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="465"/>
        <source>host not found</source>
        <translation>Host nicht gefunden</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="467"/>
        <source>refused (nothing listens)</source>
        <translation>abgelehnt (nichts lauscht)</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="469"/>
        <source>no connection (filtered or timed out)</source>
        <translation>keine Verbindung (gefiltert oder Zeitlimit)</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="471"/>
        <source>silent (no greeting, no TLS)</source>
        <translation>stumm (keine Begrüßung, kein TLS)</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="474"/>
        <source>implicit TLS works</source>
        <translation>implizites TLS funktioniert</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="476"/>
        <source>STARTTLS works</source>
        <translation>STARTTLS funktioniert</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="480"/>
        <source>STARTTLS offered but refused (%1)</source>
        <translation>STARTTLS angeboten, aber abgelehnt (%1)</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="484"/>
        <source>STARTTLS tampered with (data injected)</source>
        <translation>STARTTLS manipuliert (Daten eingeschleust)</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="487"/>
        <source>STARTTLS handshake failed</source>
        <translation>STARTTLS-Aushandlung fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="491"/>
        <source>STARTTLS offered but failed</source>
        <translation>STARTTLS angeboten, aber fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="496"/>
        <source>plain only (no STARTTLS)</source>
        <translation>nur unverschlüsselt (kein STARTTLS)</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="498"/>
        <source>connected, but no usable SMTP</source>
        <translation>verbunden, aber kein brauchbares SMTP</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="624"/>
        <source>the overall time bound was reached</source>
        <translation>die Gesamtzeitgrenze wurde erreicht</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="699"/>
        <source>the port expects TLS from the first byte</source>
        <translation>der Port erwartet TLS ab dem ersten Byte</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="669"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="828"/>
        <source>port %1: data was injected right after STARTTLS was accepted</source>
        <translation>Port %1: Direkt nach dem angenommenen STARTTLS wurden Daten eingeschleust</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="832"/>
        <source>port %1: %2</source>
        <translation>Port %1: %2</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="844"/>
        <source>The server offers STARTTLS but the upgrade to TLS failed (%1): its TLS is broken, or something between this computer and the server is interfering with it. Do not switch encryption off; have the server&apos;s TLS repaired, or check the network path.</source>
        <translation>Der Server bietet STARTTLS an, aber der Wechsel zu TLS ist fehlgeschlagen (%1): Sein TLS ist defekt, oder etwas zwischen diesem Computer und dem Server stört es. Schalten Sie die Verschlüsselung nicht ab; lassen Sie das TLS des Servers reparieren oder prüfen Sie den Netzwerkweg.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="857"/>
        <source>The host name could not be found; check its spelling.</source>
        <translation>Der Hostname wurde nicht gefunden; prüfen Sie die Schreibweise.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="859"/>
        <source>No port answered with a usable SMTP service.</source>
        <translation>Kein Port hat mit einem brauchbaren SMTP-Dienst geantwortet.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="873"/>
        <source>Port %1 accepts TLS from the first byte (implicit TLS).</source>
        <translation>Port %1 nimmt TLS ab dem ersten Byte an (implizites TLS).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="878"/>
        <source>Port %1 upgrades to TLS with STARTTLS.</source>
        <translation>Port %1 schaltet mit STARTTLS auf TLS um.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="882"/>
        <source>Only plain SMTP works: port %1 answers without any encryption.</source>
        <translation>Nur einfaches SMTP funktioniert: Port %1 antwortet ohne jede Verschlüsselung.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="885"/>
        <source>Without encryption the password and every message cross the network readable; use this only inside a network you trust.</source>
        <translation>Ohne Verschlüsselung gehen das Passwort und jede Nachricht lesbar durchs Netz; nutzen Sie das nur in einem Netz, dem Sie vertrauen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="894"/>
        <source>The certificate was issued by &quot;%1&quot;, an authority this computer does not trust. If that is your organisation&apos;s own CA, save its certificate as a PEM file and set smtp.ca_file to it (diagnose --ca-file checks it first).</source>
        <translation>Das Zertifikat wurde von „%1“ ausgestellt, einer Stelle, der dieser Computer nicht vertraut. Ist das die eigene Zertifizierungsstelle Ihrer Organisation, speichern Sie deren Zertifikat als PEM-Datei und setzen Sie smtp.ca_file darauf (diagnose --ca-file prüft das vorher).</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="902"/>
        <source>The certificate is self-signed (no authority vouches for it); pin it only if you have confirmed its fingerprint with the server&apos;s operator.</source>
        <translation>Das Zertifikat ist selbst signiert (keine Stelle bürgt dafür); hinterlegen Sie es nur, wenn Sie seinen Fingerabdruck mit dem Betreiber des Servers abgeglichen haben.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="908"/>
        <source>The certificate did not verify (%1); pin it only if you trust this server.</source>
        <translation>Das Zertifikat ließ sich nicht prüfen (%1); legen Sie es nur fest, wenn Sie diesem Server vertrauen.</translation>
    </message>
    <message>
        <location filename="../src/core/diagnosis/SettingsProbe.cpp" line="917"/>
        <source>The server offers no sign-in there, so it must relay by address (smtp.auth none).</source>
        <translation>Der Server bietet dort keine Anmeldung an, er muss also nach Adresse weiterleiten (smtp.auth none).</translation>
    </message>
</context>
<context>
    <name>SmtpError</name>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="188"/>
        <location filename="../src/core/smtp/SmtpTypes.cpp" line="159"/>
        <source>no answer within %1 s</source>
        <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="185"/>
        <source>the server took no message data for %1 s</source>
        <translation>der Server hat %1 s lang keine Nachrichtendaten angenommen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpTypes.cpp" line="144"/>
        <source>outcome unknown: </source>
        <translation>Ergebnis unbekannt: </translation>
    </message>
</context>
<context>
    <name>SmtpProtocol</name>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="318"/>
        <source>the server refused every recipient (%1)</source>
        <translation>der Server hat alle Empfänger abgelehnt (%1)</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="347"/>
        <source>the server answered with TLS instead of an SMTP greeting; this port expects implicit TLS (encryption &quot;tls&quot;)</source>
        <translation>der Server hat mit TLS statt mit einer SMTP-Begrüßung geantwortet; dieser Port erwartet implizites TLS (Verschlüsselung „tls“)</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="389"/>
        <source>the server is closing the connection; try again later</source>
        <translation>der Server schließt die Verbindung; versuchen Sie es später erneut</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="425"/>
        <source>the server did not accept the connection</source>
        <translation>der Server hat die Verbindung nicht angenommen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="443"/>
        <source>the server refused the EHLO greeting</source>
        <translation>der Server hat die EHLO-Begrüßung abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="454"/>
        <source>the server refused both EHLO and HELO</source>
        <translation>der Server hat sowohl EHLO als auch HELO abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="463"/>
        <source>the server sent extra data right after agreeing to STARTTLS</source>
        <translation>der Server hat direkt nach der Zusage zu STARTTLS weitere Daten gesendet</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="471"/>
        <source>the server refused to start TLS</source>
        <translation>der Server hat den Start von TLS abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="489"/>
        <source>the server refused the user name or password</source>
        <translation>der Server hat Benutzername oder Passwort abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="492"/>
        <source>the server answered the sign-in with %1 instead of 235 (signed in): it does not follow the protocol here</source>
        <translation>der Server beantwortete die Anmeldung mit %1 statt mit 235 (angemeldet): Er hält sich hier nicht an das Protokoll</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="496"/>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="505"/>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="517"/>
        <source>the server refused the sign-in</source>
        <translation>der Server hat die Anmeldung abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="516"/>
        <source>the server refused the user name</source>
        <translation>der Server hat den Benutzernamen abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="545"/>
        <source>the server refused the OAuth2 access token</source>
        <translation>der Server hat das OAuth2-Zugriffstoken abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="560"/>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="921"/>
        <source>the server sent a reply (%1) nobody asked for</source>
        <translation>der Server hat eine Antwort (%1) gesendet, nach der niemand gefragt hat</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="581"/>
        <source>encryption is set to STARTTLS but the server does not offer it; nothing was sent in clear</source>
        <translation>als Verschlüsselung ist STARTTLS eingestellt, aber der Server bietet es nicht an; es wurde nichts im Klartext gesendet</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="608"/>
        <source>sign-in is configured but the server offers no sign-in (AUTH)</source>
        <translation>eine Anmeldung ist eingestellt, aber der Server bietet keine Anmeldung (AUTH) an</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="610"/>
        <source>sign-in is configured but the server offers no sign-in (AUTH) on this unencrypted connection</source>
        <translation>eine Anmeldung ist eingestellt, aber der Server bietet auf dieser unverschlüsselten Verbindung keine Anmeldung (AUTH) an</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="614"/>
        <source>the server offers sign-in with %1 only, not with %2</source>
        <translation>der Server bietet die Anmeldung nur mit %1 an, nicht mit %2</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="623"/>
        <source>the connection is not encrypted, so the password was not sent; use STARTTLS or TLS, or allow sign-in without encryption for this account</source>
        <translation>die Verbindung ist nicht verschlüsselt, deshalb wurde das Passwort nicht gesendet; verwenden Sie STARTTLS oder TLS oder erlauben Sie für dieses Konto die Anmeldung ohne Verschlüsselung</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="690"/>
        <source>the connection was already closing</source>
        <translation>die Verbindung wurde bereits geschlossen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="691"/>
        <source>the connection was already closed</source>
        <translation>die Verbindung war bereits geschlossen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="805"/>
        <source>the message has no recipients</source>
        <translation>die Nachricht hat keine Empfänger</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="808"/>
        <source>an envelope address contains a line break or angle bracket</source>
        <translation>eine Umschlagadresse enthält einen Zeilenumbruch oder eine spitze Klammer</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="812"/>
        <source>the message is %1 bytes but the server accepts at most %2 bytes</source>
        <translation>die Nachricht ist %1 Bytes groß, der Server nimmt aber höchstens %2 Bytes an</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="818"/>
        <source>the message has a non-ASCII address, which needs SMTPUTF8, and the server does not offer it</source>
        <translation>die Nachricht hat eine Adresse mit Nicht-ASCII-Zeichen, die SMTPUTF8 braucht, und der Server bietet es nicht an</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="935"/>
        <source>the server refused the sender address &lt;%1&gt;</source>
        <translation>der Server hat die Absenderadresse &lt;%1&gt; abgelehnt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="1000"/>
        <source>the server refused to take the message</source>
        <translation>der Server hat die Annahme der Nachricht verweigert</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="387"/>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="1022"/>
        <source>the server did not accept the message</source>
        <translation>der Server hat die Nachricht nicht angenommen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="264"/>
        <source>no final reply came within %1 s</source>
        <translation>innerhalb von %1 s kam keine abschließende Antwort</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="268"/>
        <source>the connection closed before the final reply</source>
        <translation>die Verbindung endete vor der abschließenden Antwort</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="271"/>
        <source>sending was cancelled before the final reply</source>
        <translation>das Senden wurde vor der abschließenden Antwort abgebrochen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="275"/>
        <source>the final reply never came</source>
        <translation>die abschließende Antwort kam nie</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="279"/>
        <source>the whole message was sent, but %1; the server may have accepted it, so it is not sent again automatically</source>
        <translation>die ganze Nachricht wurde gesendet, aber %1; der Server hat sie womöglich angenommen, daher wird sie nicht automatisch erneut gesendet</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="1047"/>
        <source>&lt;message %1 bytes&gt;</source>
        <translation>&lt;Nachricht, %1 Bytes&gt;</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="1117"/>
        <source>the server takes no more recipients in one transaction; %n more follow in another</source>
        <translation>
            <numerusform>der Server nimmt in einer Sitzung keine weiteren Empfänger an; %n weiterer folgt in einer weiteren</numerusform>
            <numerusform>der Server nimmt in einer Sitzung keine weiteren Empfänger an; %n weitere folgen in einer weiteren</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpProtocol.cpp" line="1140"/>
        <source>the server closed the connection</source>
        <translation>der Server hat die Verbindung geschlossen</translation>
    </message>
</context>
<context>
    <name>SmtpReplyParser</name>
    <message>
        <location filename="../src/core/smtp/SmtpReply.cpp" line="177"/>
        <source>the server sent something that is not an SMTP reply: &quot;%1&quot;</source>
        <translation>der Server hat etwas gesendet, das keine SMTP-Antwort ist: „%1“</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpReply.cpp" line="184"/>
        <source>the server changed the reply code within one reply (%1 then %2)</source>
        <translation>der Server hat den Antwortcode innerhalb einer Antwort gewechselt (%1, dann %2)</translation>
    </message>
</context>
<context>
    <name>SmtpSession</name>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="262"/>
        <source>connected to %1 port %2</source>
        <translation>verbunden mit %1, Port %2</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="291"/>
        <source>TLS established (%1, %2)</source>
        <translation>TLS aufgebaut (%1, %2)</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="317"/>
        <source>the server&apos;s certificate (SHA-256 %1) is not the pinned one</source>
        <translation>das Zertifikat des Servers (SHA-256 %1) ist nicht das festgelegte</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="333"/>
        <source>the server&apos;s certificate was not accepted: %1</source>
        <translation>das Zertifikat des Servers wurde nicht akzeptiert: %1</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="346"/>
        <source>certificate not verifiable, accepted because it matches the pinned SHA-256</source>
        <translation>Zertifikat nicht überprüfbar, aber akzeptiert, weil es zum hinterlegten SHA-256 passt</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="369"/>
        <source>the certificate expired on %1</source>
        <translation>das Zertifikat ist am %1 abgelaufen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="372"/>
        <source>the certificate is not valid before %1</source>
        <translation>das Zertifikat ist erst ab %1 gültig</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="375"/>
        <source>the certificate is for %1, not for %2</source>
        <translation>das Zertifikat gilt für %1, nicht für %2</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="376"/>
        <source>no name</source>
        <translation>keinen Namen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="380"/>
        <source>the certificate is self-signed (SHA-256 %1)</source>
        <translation>das Zertifikat ist selbst signiert (SHA-256 %1)</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="387"/>
        <source>the certificate is untrusted: it is self-signed or its issuer is not a trusted authority (SHA-256 %1)</source>
        <translation>dem Zertifikat wird nicht vertraut: Es ist selbst signiert oder von keiner vertrauenswürdigen Stelle ausgestellt (SHA-256 %1)</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="394"/>
        <source>the certificate was revoked</source>
        <translation>das Zertifikat wurde widerrufen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="442"/>
        <source>the host name %1 was not found</source>
        <translation>der Hostname %1 wurde nicht gefunden</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="447"/>
        <source>nothing accepts connections on %1 port %2</source>
        <translation>auf %1 Port %2 nimmt nichts Verbindungen an</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="455"/>
        <source>the server closed the connection during the TLS handshake</source>
        <translation>der Server hat die Verbindung während der TLS-Aushandlung geschlossen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="465"/>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="520"/>
        <source>the server closed the connection</source>
        <translation>der Server hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="482"/>
        <source>the TLS handshake failed because the server answered in plain text; this port expects STARTTLS or no encryption</source>
        <translation>die TLS-Aushandlung ist fehlgeschlagen, weil der Server im Klartext geantwortet hat; dieser Port erwartet STARTTLS oder keine Verschlüsselung</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="486"/>
        <source>the TLS handshake failed because the server answered in plain text</source>
        <translation>die TLS-Aushandlung ist fehlgeschlagen, weil der Server im Klartext geantwortet hat</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="490"/>
        <source>the TLS handshake failed: %1</source>
        <translation>die TLS-Aushandlung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="499"/>
        <source>TLS failed: %1</source>
        <translation>TLS fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="504"/>
        <source>network error: %1</source>
        <translation>Netzwerkfehler: %1</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="545"/>
        <source>starting TLS</source>
        <translation>TLS wird gestartet</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="701"/>
        <source>no server host name is set</source>
        <translation>kein Server-Hostname eingetragen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="702"/>
        <source>&quot;%1&quot; is not a valid host name</source>
        <translation>„%1“ ist kein gültiger Hostname</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="707"/>
        <source>the port must be between 1 and 65535</source>
        <translation>der Port muss zwischen 1 und 65535 liegen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="720"/>
        <source>no certificate could be read from the CA file %1</source>
        <translation>aus der CA-Datei %1 ließ sich kein Zertifikat lesen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="752"/>
        <source>connecting to %1 port %2 (%3)</source>
        <translation>Verbindung zu %1, Port %2 (%3)</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="776"/>
        <source>the connection was already closed</source>
        <translation>die Verbindung war bereits geschlossen</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/SmtpSession.cpp" line="821"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>TestSendDialog</name>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="6"/>
        <source>Send test email</source>
        <translation>Test-E-Mail senden</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="29"/>
        <source>&amp;Recipient:</source>
        <translation>&amp;Empfänger:</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="39"/>
        <source>you@example.com</source>
        <translation>sie@example.com</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="46"/>
        <source>Send &amp;as:</source>
        <translation>Senden &amp;als:</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="59"/>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="83"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="130"/>
        <source>Transcript</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="142"/>
        <source>The conversation with the server appears here.</source>
        <translation>Hier erscheint das Gespräch mit dem Server.</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="212"/>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="225"/>
        <source>Check all se&amp;nders</source>
        <translation>Alle Absender &amp;prüfen</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="228"/>
        <source>Sends one test message from each configured sender address over one connection and shows which the server refuses.</source>
        <translation>Sendet über eine Verbindung je eine Testnachricht von jeder eingestellten Absenderadresse und zeigt, welche der Server ablehnt.</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="235"/>
        <source>&amp;Cancel sending</source>
        <translation>Senden a&amp;bbrechen</translation>
    </message>
    <message>
        <location filename="../ui/TestSendDialog.ui" line="255"/>
        <source>C&amp;lose</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>TestSendJob</name>
    <message>
        <location filename="../src/core/smtp/TestSendJob.cpp" line="79"/>
        <source>the session ended without a result</source>
        <translation>die Sitzung endete ohne Ergebnis</translation>
    </message>
    <message>
        <location filename="../src/core/smtp/TestSendJob.cpp" line="20"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../src/gui/DatabaseOpener.cpp" line="100"/>
        <source>The database server asks for the password of %1 on %2.</source>
        <translation>Der Datenbankserver verlangt das Passwort von %1 für %2.</translation>
    </message>
    <message>
        <location filename="../src/gui/DatabaseOpener.cpp" line="103"/>
        <source>The server did not accept that password.</source>
        <translation>Der Server hat dieses Passwort nicht angenommen.</translation>
    </message>
    <message>
        <location filename="../src/gui/DatabaseOpener.cpp" line="107"/>
        <source>Database password</source>
        <translation>Datenbank-Passwort</translation>
    </message>
    <message>
        <location filename="../src/app/main.cpp" line="60"/>
        <source>Outbound email settings and mail queue.</source>
        <translation>Einstellungen für ausgehende E-Mail und die Mail-Warteschlange.</translation>
    </message>
    <message>
        <location filename="../src/app/main.cpp" line="65"/>
        <source>Database: a file, or a postgresql://, mariadb:// or itflow+mariadb:// address (also $OUTBOUND_DB).</source>
        <translation>Datenbank: eine Datei oder eine Adresse postgresql://, mariadb:// oder itflow+mariadb:// (auch $OUTBOUND_DB).</translation>
    </message>
    <message>
        <location filename="../src/app/main.cpp" line="70"/>
        <source>Save screenshots of each page into DIR, then quit.</source>
        <translation>Bildschirmfotos jeder Seite in DIR speichern, dann beenden.</translation>
    </message>
    <message>
        <location filename="../src/app/main.cpp" line="74"/>
        <source>Save screenshots of each OAuth sign-in state into DIR, then quit.</source>
        <translation>Bildschirmfotos jedes OAuth-Anmeldezustands in DIR speichern, dann beenden.</translation>
    </message>
</context>
<context>
    <name>outbound::DatabasePassword</name>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="322"/>
        <source>No database password on standard input (expected it on the first line).</source>
        <translation>Kein Datenbankpasswort auf der Standardeingabe (erwartet in der ersten Zeile).</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="334"/>
        <source>The password file %1 is not a regular file.</source>
        <translation>Die Passwortdatei %1 ist keine normale Datei.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="338"/>
        <source>The password file %1 can be read or changed by other users, so it is not used; make it private with: chmod 600 %1</source>
        <translation>Die Passwortdatei %1 kann von anderen Benutzern gelesen oder geändert werden und wird deshalb nicht verwendet; machen Sie sie privat mit: chmod 600 %1</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="344"/>
        <source>Cannot read the password file %1: %2</source>
        <translation>Die Passwortdatei %1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="380"/>
        <source>Give the password for %1 with --db-password-stdin, or add the line &quot;%2:%3:%4:%5:PASSWORD&quot; to %6 (chmod 600).</source>
        <translation>Geben Sie das Passwort für %1 mit --db-password-stdin an oder tragen Sie die Zeile „%2:%3:%4:%5:PASSWORT“ in %6 ein (chmod 600).</translation>
    </message>
</context>
<context>
    <name>outbound::DatabaseUrl</name>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="91"/>
        <source>No database given: give a file path or a postgresql:// or mariadb:// address.</source>
        <translation>Keine Datenbank angegeben: Geben Sie einen Dateipfad oder eine postgresql://- oder mariadb://-Adresse an.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="106"/>
        <source>Unknown database type &quot;%1://&quot;: use a file path (SQLite), postgresql://, mariadb:// (also mysql://) or itflow+mariadb://.</source>
        <translation>Unbekannter Datenbanktyp „%1://“: Verwenden Sie einen Dateipfad (SQLite), postgresql://, mariadb:// (auch mysql://) oder itflow+mariadb://.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="125"/>
        <source>The database address contains a password. Addresses are saved and shown (settings, service files, shell history), so a password is never accepted there: remove it and put it in %1 (chmod 600), or pass it with --db-password-stdin.</source>
        <translation>Die Datenbankadresse enthält ein Passwort. Adressen werden gespeichert und angezeigt (Einstellungen, Dienstdateien, Shell-Verlauf), deshalb wird dort nie ein Passwort angenommen: Entfernen Sie es und legen Sie es in %1 ab (chmod 600) oder übergeben Sie es mit --db-password-stdin.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="133"/>
        <source>The %1 address is not a valid URL; expected %1://user@host:port/database.</source>
        <translation>Die %1-Adresse ist keine gültige URL; erwartet wird %1://benutzer@host:port/datenbank.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="139"/>
        <source>The %1 address has no user name; expected %1://user@host:port/database.</source>
        <translation>Die %1-Adresse enthält keinen Benutzernamen; erwartet wird %1://benutzer@host:port/datenbank.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="144"/>
        <source>The %1 address has no host; expected %1://user@host:port/database.</source>
        <translation>Die %1-Adresse enthält keinen Host; erwartet wird %1://benutzer@host:port/datenbank.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="149"/>
        <source>The port in the database address must be between 1 and 65535.</source>
        <translation>Der Port in der Datenbankadresse muss zwischen 1 und 65535 liegen.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="158"/>
        <source>The %1 address must name one database after the host: %1://user@host:port/database.</source>
        <translation>Die %1-Adresse muss nach dem Host genau eine Datenbank nennen: %1://benutzer@host:port/datenbank.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="163"/>
        <source>The database address must not contain a &apos;#&apos; part.</source>
        <translation>Die Datenbankadresse darf keinen „#“-Teil enthalten.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="172"/>
        <source>Unknown option &quot;%1&quot; in the %2 address; known options: %3.</source>
        <translation>Unbekannte Option „%1“ in der %2-Adresse; bekannte Optionen: %3.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="177"/>
        <source>sslmode must be one of %1.</source>
        <translation>sslmode muss einer dieser Werte sein: %1.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="182"/>
        <source>sslrootcert needs the path of a CA certificate file.</source>
        <translation>sslrootcert braucht den Pfad einer CA-Zertifikatsdatei.</translation>
    </message>
    <message>
        <location filename="../src/core/common/DatabaseUrl.cpp" line="189"/>
        <source>connect_timeout must be a number of seconds between 1 and 3600.</source>
        <translation>connect_timeout muss eine Anzahl Sekunden zwischen 1 und 3600 sein.</translation>
    </message>
</context>
<context>
    <name>outbound::OAuthLogin</name>
    <message>
        <location filename="../src/core/oauth/OAuthLogin.cpp" line="80"/>
        <source>the app flow needs a client certificate (oauth.client_certificate) or a client secret (settings set-secret oauth.client_secret)</source>
        <translation>der App-Ablauf braucht ein Client-Zertifikat (oauth.client_certificate) oder einen geheimen Schlüssel (settings set-secret oauth.client_secret)</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/OAuthLogin.cpp" line="85"/>
        <source>oauth.client_id is not set</source>
        <translation>oauth.client_id ist nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/OAuthLogin.cpp" line="109"/>
        <source>the sign-in was cancelled</source>
        <translation>die Anmeldung wurde abgebrochen</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/OAuthLogin.cpp" line="133"/>
        <source>cannot listen on 127.0.0.1 for the browser&apos;s answer</source>
        <translation>auf 127.0.0.1 kann nicht auf die Antwort des Browsers gewartet werden</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/OAuthLogin.cpp" line="142"/>
        <source>no answer came from the browser within 5 minutes</source>
        <translation>innerhalb von 5 Minuten kam keine Antwort vom Browser</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/OAuthLogin.cpp" line="150"/>
        <source>the browser&apos;s answer did not carry the state Outbound sent; it was ignored</source>
        <translation>die Antwort des Browsers trug nicht den von Outbound gesendeten State; sie wurde verworfen</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/OAuthLogin.cpp" line="165"/>
        <source>the browser&apos;s answer carried no authorization code</source>
        <translation>die Antwort des Browsers enthielt keinen Autorisierungscode</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/OAuthLogin.cpp" line="218"/>
        <source>the device authorization answer is incomplete</source>
        <translation>die Antwort der Geräteautorisierung ist unvollständig</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/OAuthLogin.cpp" line="233"/>
        <source>the code expired before the sign-in was approved</source>
        <translation>der Code ist abgelaufen, bevor die Anmeldung bestätigt wurde</translation>
    </message>
</context>
<context>
    <name>outbound::QueueWorker</name>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="274"/>
        <source>Cannot open the queue database %1.</source>
        <translation>Die Datenbank der Warteschlange %1 kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="231"/>
        <source>The mail settings are not complete: %1</source>
        <translation>Die E-Mail-Einstellungen sind unvollständig: %1</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="253"/>
        <source>Cannot read the SMTP password: %1</source>
        <translation>Das SMTP-Passwort kann nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/core/queue/QueueWorker.cpp" line="513"/>
        <source>Cannot write to the queue database: %1 (%n message(s) without a recorded outcome; the next start marks those that may have been sent as interrupted)</source>
        <translation>
            <numerusform>In die Warteschlangen-Datenbank lässt sich nicht schreiben: %1 (%n Nachricht ohne festgehaltenes Ergebnis; beim nächsten Start werden die, die gesendet sein könnten, als unterbrochen markiert)</numerusform>
            <numerusform>In die Warteschlangen-Datenbank lässt sich nicht schreiben: %1 (%n Nachrichten ohne festgehaltenes Ergebnis; beim nächsten Start werden die, die gesendet sein könnten, als unterbrochen markiert)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="1185"/>
        <source>The worker is already running.</source>
        <translation>Der Versand läuft bereits.</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="1188"/>
        <source>The database is not open.</source>
        <translation>Die Datenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="1202"/>
        <source>Another worker (process %1 on %2) is already sending from this queue.</source>
        <translation>Ein anderer Versandprozess (Prozess %1 auf %2) sendet bereits aus dieser Warteschlange.</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="1205"/>
        <source>Cannot create the worker lock %1.</source>
        <translation>Die Sperrdatei %1 für den Versand kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="1213"/>
        <source>Another worker is already sending from this queue (the same database file, maybe under another name or through a link).</source>
        <translation>Ein anderer Worker sendet bereits aus dieser Warteschlange (dieselbe Datenbankdatei, vielleicht unter anderem Namen oder über einen Link).</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="239"/>
        <source>Cannot read the OAuth sign-in: %1</source>
        <translation>Die OAuth-Anmeldung ist nicht lesbar: %1</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="245"/>
        <location filename="../src/core/queue/QueueWorker.cpp" line="984"/>
        <source>Sign-in needed: the provider refused the saved sign-in (%1).</source>
        <translation>Anmeldung nötig: Der Anbieter hat die gespeicherte Anmeldung abgelehnt (%1).</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="247"/>
        <source>Sign-in needed: no account is signed in for OAuth.</source>
        <translation>Anmeldung nötig: Für OAuth ist kein Konto angemeldet.</translation>
    </message>
    <message>
        <location filename="../src/core/queue/QueueWorker.cpp" line="995"/>
        <source>could not renew the OAuth access token: %1</source>
        <translation>das OAuth-Zugriffstoken konnte nicht erneuert werden: %1</translation>
    </message>
</context>
<context>
    <name>outbound::RetryPolicy</name>
    <message numerus="yes">
        <location filename="../src/core/queue/RetryPolicy.cpp" line="114"/>
        <source>%1 of %n recipient(s) refused: %2</source>
        <translation>
            <numerusform>%1 von %n Empfänger abgelehnt: %2</numerusform>
            <numerusform>%1 von %n Empfängern abgelehnt: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>outbound::StoreLane</name>
    <message>
        <location filename="../src/core/queue/StoreLane.cpp" line="48"/>
        <source>Cannot open a second connection to the queue database %1.</source>
        <translation>Eine zweite Verbindung zur Datenbank der Warteschlange %1 kann nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>outbound::TokenClient</name>
    <message>
        <location filename="../src/core/oauth/TokenClient.cpp" line="119"/>
        <source>the OAuth endpoint address &quot;%1&quot; is not an http(s) URL</source>
        <translation>die OAuth-Adresse „%1“ ist keine http(s)-URL</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/TokenClient.cpp" line="139"/>
        <source>no answer from %1: %2</source>
        <translation>keine Antwort von %1: %2</translation>
    </message>
</context>
<context>
    <name>outbound::TokenProvider</name>
    <message>
        <location filename="../src/core/oauth/TokenProvider.cpp" line="152"/>
        <source>another Outbound process kept the token refresh lock for too long</source>
        <translation>ein anderer Outbound-Prozess hielt die Sperre für die Token-Erneuerung zu lange</translation>
    </message>
    <message>
        <location filename="../src/core/oauth/TokenProvider.cpp" line="174"/>
        <source>not signed in</source>
        <translation>nicht angemeldet</translation>
    </message>
</context>
<context>
    <name>outbound::gui::MailQueueModel</name>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="279"/>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="262"/>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="314"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="316"/>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="318"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="320"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="322"/>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="324"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="326"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="328"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="330"/>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueueModel.cpp" line="332"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>outbound::gui::MailQueuePage</name>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="89"/>
        <source>Go back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="97"/>
        <location filename="../src/gui/MailQueuePage.cpp" line="214"/>
        <source>Export messages</source>
        <translation>Nachrichten exportieren</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="99"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="102"/>
        <source>All messages</source>
        <translation>Alle Nachrichten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="104"/>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="209"/>
        <source>Queue unavailable: %1</source>
        <translation>Warteschlange nicht verfügbar: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="215"/>
        <source>The file could not be written: %1</source>
        <translation>Die Datei konnte nicht geschrieben werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="218"/>
        <source>%n message(s) exported.</source>
        <translation>
            <numerusform>%n Nachricht exportiert.</numerusform>
            <numerusform>%n Nachrichten exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="231"/>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="231"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="233"/>
        <source>Retry all fai&amp;led</source>
        <translation>&amp;Fehlgeschlagene erneut senden</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="234"/>
        <source>&amp;Mark sent</source>
        <translation>Als &amp;gesendet markieren</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="235"/>
        <source>Ca&amp;ncel sending</source>
        <translation>Senden a&amp;bbrechen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="237"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="238"/>
        <source>&amp;Sending</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="240"/>
        <source>&amp;Export to CSV…</source>
        <translation>Als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="242"/>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="697"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="700"/>
        <source>%1 of %2 messages shown</source>
        <translation>%1 von %2 Nachrichten angezeigt</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="702"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="713"/>
        <source>No messages match the filter or search.</source>
        <translation>Keine Nachricht passt zu Filter oder Suche.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="718"/>
        <source>The queue is empty.
Messages appear here when a program hands them to Outbound, for example with &quot;outbound-cli enqueue&quot;. Use &quot;Send test email…&quot; under Settings › Mail to check the account first.</source>
        <translation>Die Warteschlange ist leer.
Nachrichten erscheinen hier, sobald ein Programm sie an Outbound übergibt, zum Beispiel mit &quot;outbound-cli enqueue&quot;. Prüfen Sie das Konto vorher mit &quot;Test-E-Mail senden…&quot; unter Einstellungen › E-Mail.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="728"/>
        <source>All messages (%1)</source>
        <translation>Alle Nachrichten (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="731"/>
        <source>Needs attention (%1)</source>
        <translation>Braucht Aufmerksamkeit (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="735"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="743"/>
        <source>%1 · %2 queued · %3 deferred · %4 failed · %5 interrupted · %6 sent</source>
        <translation>%1 · %2 wartend · %3 zurückgestellt · %4 fehlgeschlagen · %5 unterbrochen · %6 gesendet</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="770"/>
        <source>Delete %n message(s)</source>
        <translation>
            <numerusform>%n Nachricht löschen</numerusform>
            <numerusform>%n Nachrichten löschen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="773"/>
        <source>Cancel sending</source>
        <translation>Senden abbrechen</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="774"/>
        <source>Stop sending %n message(s)? They stay in the queue as cancelled.</source>
        <translation>
            <numerusform>Senden von %n Nachricht abbrechen? Sie bleibt als abgebrochen in der Warteschlange.</numerusform>
            <numerusform>Senden von %n Nachrichten abbrechen? Sie bleiben als abgebrochen in der Warteschlange.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="775"/>
        <source>Cancel %n message(s)</source>
        <translation>
            <numerusform>%n Nachricht abbrechen</numerusform>
            <numerusform>%n Nachrichten abbrechen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="858"/>
        <location filename="../src/gui/MailQueuePage.cpp" line="904"/>
        <source>Open Settings › Mail</source>
        <translation>Einstellungen › E-Mail öffnen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="768"/>
        <source>Delete messages</source>
        <translation>Nachrichten löschen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="300"/>
        <location filename="../src/gui/MailQueuePage.cpp" line="419"/>
        <source>Checking who sends this queue…</source>
        <translation>Es wird geprüft, wer diese Warteschlange versendet…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="367"/>
        <source>Who sends this queue could not be read: %1</source>
        <translation>Wer diese Warteschlange versendet, konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="374"/>
        <source>ITFlow&apos;s own cron job sends this queue again: it was switched back on after Outbound took over (%1).</source>
        <translation>ITFlows eigener Cron-Job versendet diese Warteschlange wieder: Er wurde nach der Übernahme durch Outbound (%1) wieder eingeschaltet.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="378"/>
        <source>ITFlow&apos;s own cron job sends this queue.</source>
        <translation>ITFlows eigener Cron-Job versendet diese Warteschlange.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="380"/>
        <source>Outbound sends this queue (since %1).</source>
        <translation>Outbound versendet diese Warteschlange (seit %1).</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="382"/>
        <source>ITFlow&apos;s cron job for this queue is switched off, but no takeover is recorded: run outbound-cli itflow takeover.</source>
        <translation>ITFlows Cron-Job für diese Warteschlange ist ausgeschaltet, aber keine Übernahme ist vermerkt: Führen Sie outbound-cli itflow takeover aus.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="387"/>
        <source>ITFlow&apos;s mail worker may still run from a crontab line of its own (%1).</source>
        <translation>ITFlows Mail-Worker läuft womöglich noch über eine eigene Crontab-Zeile (%1).</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="417"/>
        <source>ITFlow&apos;s own cron job sends this queue. Outbound sends it only after an administrator has run outbound-cli itflow takeover, which switches that job off.</source>
        <translation>ITFlows eigener Cron-Job versendet diese Warteschlange. Outbound versendet sie erst, nachdem eine Administratorin oder ein Administrator outbound-cli itflow takeover ausgeführt hat; das schaltet diesen Job aus.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="715"/>
        <source>ITFlow&apos;s mail queue is empty.
Messages appear here when ITFlow queues them (invoices, quotes, ticket replies). Use &quot;Send test email…&quot; under Settings › Mail to check the account first.</source>
        <translation>ITFlows Mail-Warteschlange ist leer.
Nachrichten erscheinen hier, wenn ITFlow sie einreiht (Rechnungen, Angebote, Ticket-Antworten). Prüfen Sie das Konto zuerst mit &quot;Test-E-Mail senden…&quot; unter Einstellungen › E-Mail.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="769"/>
        <source>Delete %n message(s) from the queue? This cannot be undone.</source>
        <translation>
            <numerusform>%n Nachricht aus der Warteschlange löschen? Das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>%n Nachrichten aus der Warteschlange löschen? Das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="779"/>
        <source>Mark as sent</source>
        <translation>Als gesendet markieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="780"/>
        <source>Record %n message(s) as sent without sending them again? Do this only when the recipients got them.</source>
        <translation>
            <numerusform>%n Nachricht als gesendet vermerken, ohne sie erneut zu senden? Tun Sie das nur, wenn die Empfänger sie erhalten haben.</numerusform>
            <numerusform>%n Nachrichten als gesendet vermerken, ohne sie erneut zu senden? Tun Sie das nur, wenn die Empfänger sie erhalten haben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="783"/>
        <source>Mark %n message(s) as sent</source>
        <translation>
            <numerusform>%n Nachricht als gesendet markieren</numerusform>
            <numerusform>%n Nachrichten als gesendet markieren</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="787"/>
        <source>Retry all failed</source>
        <translation>Alle fehlgeschlagenen erneut senden</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="788"/>
        <source>Queue all %n failed message(s) again? They are sent with the saved settings.</source>
        <translation>
            <numerusform>Die %n fehlgeschlagene Nachricht erneut einreihen? Sie wird mit den gespeicherten Einstellungen gesendet.</numerusform>
            <numerusform>Alle %n fehlgeschlagenen Nachrichten erneut einreihen? Sie werden mit den gespeicherten Einstellungen gesendet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="790"/>
        <source>Retry %n message(s)</source>
        <translation>
            <numerusform>%n Nachricht erneut senden</numerusform>
            <numerusform>%n Nachrichten erneut senden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="793"/>
        <source>Working…</source>
        <translation>Wird ausgeführt…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="801"/>
        <location filename="../src/gui/MailQueuePage.cpp" line="857"/>
        <location filename="../src/gui/MailQueuePage.cpp" line="894"/>
        <location filename="../src/gui/MailQueuePage.cpp" line="898"/>
        <location filename="../src/gui/MailQueuePage.cpp" line="915"/>
        <source>Mail Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="807"/>
        <source>%n message(s) queued again.</source>
        <translation>
            <numerusform>%n Nachricht wieder eingereiht.</numerusform>
            <numerusform>%n Nachrichten wieder eingereiht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="810"/>
        <source>%n failed message(s) queued again.</source>
        <translation>
            <numerusform>%n fehlgeschlagene Nachricht wieder eingereiht.</numerusform>
            <numerusform>%n fehlgeschlagene Nachrichten wieder eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="811"/>
        <source>No failed messages to retry.</source>
        <translation>Es gibt keine fehlgeschlagenen Nachrichten.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="814"/>
        <source>%n message(s) cancelled.</source>
        <translation>
            <numerusform>%n Nachricht abgebrochen.</numerusform>
            <numerusform>%n Nachrichten abgebrochen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="817"/>
        <source>%n message(s) deleted.</source>
        <translation>
            <numerusform>%n Nachricht gelöscht.</numerusform>
            <numerusform>%n Nachrichten gelöscht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="820"/>
        <source>%n message(s) marked as sent.</source>
        <translation>
            <numerusform>%n Nachricht als gesendet markiert.</numerusform>
            <numerusform>%n Nachrichten als gesendet markiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="894"/>
        <source>Sending stopped: %1</source>
        <translation>Der Versand wurde gestoppt: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="899"/>
        <source>Sending stopped because the saved mail settings are not complete.</source>
        <translation>Das Senden wurde angehalten, weil die gespeicherten E-Mail-Einstellungen unvollständig sind.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="902"/>
        <source>Open Settings › Mail: the fields that need attention are marked.</source>
        <translation>Öffnen Sie Einstellungen › E-Mail: Die betroffenen Felder sind markiert.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="916"/>
        <source>Sending could not start: %1</source>
        <translation>Der Versand konnte nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="948"/>
        <source>Pause &amp;sending</source>
        <translation>&amp;Versand anhalten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="948"/>
        <source>Start &amp;sending</source>
        <translation>&amp;Versand starten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="949"/>
        <source>Pause sending</source>
        <translation>Versand anhalten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="949"/>
        <source>Start sending</source>
        <translation>Versand starten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="954"/>
        <source>Sending</source>
        <translation>Sendet</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="958"/>
        <source>Sending, paced by the rate limit</source>
        <translation>Sendet, gebremst durch das Ratenlimit</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="959"/>
        <source>Idle, waiting for due messages</source>
        <translation>Bereit, wartet auf fällige Nachrichten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="962"/>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="965"/>
        <source>Not sending</source>
        <translation>Kein Versand</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="986"/>
        <source>%1 of %2 sent</source>
        <translation>%1 von %2 gesendet</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailQueuePage.cpp" line="990"/>
        <source>%n failed in this run</source>
        <translation>
            <numerusform>%n in diesem Lauf fehlgeschlagen</numerusform>
            <numerusform>%n in diesem Lauf fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="1011"/>
        <source>Sign in again…</source>
        <translation>Erneut anmelden …</translation>
    </message>
    <message>
        <location filename="../src/gui/MailQueuePage.cpp" line="1022"/>
        <source>&lt;b&gt;Sign-in needed.&lt;/b&gt; %1 Messages stay queued and no attempt is counted until you sign in again.</source>
        <translation>&lt;b&gt;Anmeldung nötig.&lt;/b&gt; %1 Die Nachrichten bleiben in der Warteschlange, und es wird kein Versuch gezählt, bis Sie sich erneut anmelden.</translation>
    </message>
</context>
<context>
    <name>outbound::gui::MailSettingsPage</name>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="98"/>
        <source>%1 (this computer)</source>
        <translation>%1 (dieser Computer)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="120"/>
        <location filename="../src/gui/MailSettingsPage.cpp" line="121"/>
        <location filename="../src/gui/MailSettingsPage.cpp" line="890"/>
        <source>Show the password</source>
        <translation>Passwort anzeigen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="330"/>
        <location filename="../src/gui/MailSettingsPage.cpp" line="792"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="331"/>
        <source>The settings could not be read: %1</source>
        <translation>Die Einstellungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="322"/>
        <source>Reading the stored password…</source>
        <translation>Gespeichertes Passwort wird gelesen…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="323"/>
        <source>Asking the password store…</source>
        <translation>Passwortspeicher wird abgefragt…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="595"/>
        <source>Setup guidance: %1</source>
        <translation>Einrichtungshinweise: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="595"/>
        <source>Setup guidance</source>
        <translation>Einrichtungshinweise</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="603"/>
        <source>same as the default sender</source>
        <translation>wie der Standardabsender</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="605"/>
        <source>same as the default sender name</source>
        <translation>wie der Name des Standardabsenders</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="612"/>
        <source>billing@example.com</source>
        <translation>rechnung@example.com</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="656"/>
        <source>&lt;b&gt;Encryption is off.&lt;/b&gt; Outbound will refuse to send the password over a plain connection. Choose STARTTLS or TLS, or allow sign-in without TLS under Advanced (not recommended).</source>
        <translation>&lt;b&gt;Die Verschlüsselung ist aus.&lt;/b&gt; Outbound sendet das Passwort nicht über eine unverschlüsselte Verbindung. Wählen Sie STARTTLS oder TLS oder erlauben Sie unter „Erweitert“ die Anmeldung ohne TLS (nicht empfohlen).</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="660"/>
        <source>&lt;b&gt;Encryption is off.&lt;/b&gt; The password and every message cross the network as plain text that anyone on the way can read.</source>
        <translation>&lt;b&gt;Die Verschlüsselung ist aus.&lt;/b&gt; Das Passwort und jede Nachricht gehen als Klartext durchs Netz; jeder auf dem Weg kann sie lesen.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="663"/>
        <source>&lt;b&gt;Encryption is off.&lt;/b&gt; Messages cross the network unencrypted.</source>
        <translation>&lt;b&gt;Die Verschlüsselung ist aus.&lt;/b&gt; Nachrichten gehen unverschlüsselt durchs Netz.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="679"/>
        <source>Send a message with the values shown, saved or not.</source>
        <translation>Eine Nachricht mit den angezeigten Werten senden, ob gespeichert oder nicht.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="680"/>
        <source>Fix the settings first: %1</source>
        <translation>Korrigieren Sie zuerst die Einstellungen: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailSettingsPage.cpp" line="702"/>
        <source>%n setting(s) need attention: %1</source>
        <translation>
            <numerusform>%n Einstellung braucht Aufmerksamkeit: %1</numerusform>
            <numerusform>%n Einstellungen brauchen Aufmerksamkeit: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="706"/>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="708"/>
        <location filename="../src/gui/MailSettingsPage.cpp" line="864"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="793"/>
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="760"/>
        <source>Storing the password…</source>
        <translation>Passwort wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="452"/>
        <source>Settings were changed elsewhere; your edits are kept</source>
        <translation>Die Einstellungen wurden anderswo geändert; Ihre Änderungen bleiben erhalten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="453"/>
        <source>Loaded settings saved elsewhere</source>
        <translation>Anderswo gespeicherte Einstellungen geladen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="461"/>
        <source>Settings changed elsewhere</source>
        <translation>Einstellungen anderswo geändert</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="462"/>
        <source>The mail settings were saved somewhere else (another window or the command line) while you were editing them here.</source>
        <translation>Die Mail-Einstellungen wurden an anderer Stelle gespeichert (in einem anderen Fenster oder über die Kommandozeile), während Sie sie hier bearbeitet haben.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="465"/>
        <source>Load the saved settings and drop your edits, or keep your edits on top of them? Fields you did not edit show the saved values either way.</source>
        <translation>Gespeicherte Einstellungen laden und Ihre Änderungen verwerfen, oder Ihre Änderungen darüber behalten? Felder, die Sie nicht geändert haben, zeigen in beiden Fällen die gespeicherten Werte.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="467"/>
        <source>Load Saved Settings</source>
        <translation>Gespeicherte laden</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="468"/>
        <source>Keep My Edits</source>
        <translation>Meine behalten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="711"/>
        <location filename="../src/gui/MailSettingsPage.cpp" line="761"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="826"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="827"/>
        <source>The password could not be stored: %1</source>
        <translation>Das Passwort konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="865"/>
        <source>The mail settings have changes that are not saved yet.</source>
        <translation>Die E-Mail-Einstellungen enthalten Änderungen, die noch nicht gespeichert sind.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="867"/>
        <source>Save them now?</source>
        <translation>Jetzt speichern?</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="868"/>
        <source>Some values are not valid, so they cannot be saved as they are.</source>
        <translation>Einige Werte sind ungültig und können so nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="890"/>
        <source>Hide the password</source>
        <translation>Passwort verbergen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="899"/>
        <source>Choose a CA certificate</source>
        <translation>CA-Zertifikat wählen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="900"/>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="982"/>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="984"/>
        <source>Asking %1 on ports %2…</source>
        <translation>%1 wird auf den Ports %2 gefragt…</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="996"/>
        <source>Detect</source>
        <translation>Erkennen</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1000"/>
        <source>Detection stopped.</source>
        <translation>Erkennung angehalten.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1072"/>
        <source>&lt;b&gt;Filled in port %1 with %2.&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;Port %1 mit %2 eingetragen.&lt;/b&gt; %3</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1014"/>
        <source>&lt;b&gt;Nothing usable found.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Nichts Brauchbares gefunden.&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1021"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1021"/>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1021"/>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1021"/>
        <source>Sign-in offered</source>
        <translation>Angebotene Anmeldung</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1034"/>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1035"/>
        <source>not trusted: %1</source>
        <translation>nicht vertrauenswürdig: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1037"/>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1039"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="692"/>
        <location filename="../src/gui/MailSettingsPage.cpp" line="717"/>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1048"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="374"/>
        <source>unknown version</source>
        <translation>unbekannte Version</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="375"/>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="377"/>
        <source>&lt;b&gt;These are ITFlow&apos;s own mail settings&lt;/b&gt; (ITFlow database, schema %1). What you save here ITFlow&apos;s pages show too. The SMTP password and the OAuth tokens stay in ITFlow&apos;s settings in plain text, because ITFlow reads them there: anyone who can read ITFlow&apos;s database can read them.</source>
        <translation>&lt;b&gt;Dies sind ITFlows eigene Mail-Einstellungen&lt;/b&gt; (ITFlow-Datenbank, Schema %1). Was Sie hier speichern, zeigen auch ITFlows Seiten. Das SMTP-Passwort und die OAuth-Tokens bleiben im Klartext in ITFlows Einstellungen, weil ITFlow sie dort liest: Wer ITFlows Datenbank lesen kann, kann sie lesen.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="383"/>
        <source>&lt;b&gt;ITFlow&apos;s own sending is switched off:&lt;/b&gt; no mail provider is chosen in ITFlow&apos;s settings. Outbound sends with the settings below all the same. ITFlow&apos;s sending comes back once a provider is chosen, on ITFlow&apos;s mail settings page or by changing the sign-in method here.</source>
        <translation>&lt;b&gt;ITFlows eigener Versand ist ausgeschaltet:&lt;/b&gt; In ITFlows Einstellungen ist kein Mail-Anbieter gewählt. Outbound versendet trotzdem mit den Einstellungen unten. ITFlows Versand kommt zurück, sobald ein Anbieter gewählt ist, auf ITFlows Mail-Einstellungsseite oder indem Sie hier die Anmeldemethode ändern.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="929"/>
        <source>Send test email</source>
        <translation>Test-E-Mail senden</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="930"/>
        <source>Sign in first: %1</source>
        <translation>Melden Sie sich zuerst an: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1094"/>
        <source>Microsoft 365</source>
        <translation>Microsoft 365</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1095"/>
        <source>Google</source>
        <translation>Google</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1096"/>
        <source>Other provider</source>
        <translation>Anderer Anbieter</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1097"/>
        <source>Browser on this computer</source>
        <translation>Browser auf diesem Computer</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1098"/>
        <source>Code on another device</source>
        <translation>Code auf einem anderen Gerät</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1099"/>
        <source>App (unattended, certificate or secret)</source>
        <translation>App (unbeaufsichtigt, Zertifikat oder geheimer Schlüssel)</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1134"/>
        <source>Waiting for the sign-in in your browser (up to 5 minutes). The browser was opened with the provider&apos;s sign-in page.</source>
        <translation>Warte auf die Anmeldung im Browser (bis zu 5 Minuten). Der Browser wurde mit der Anmeldeseite des Anbieters geöffnet.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1143"/>
        <source>On any device, open &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt; and enter this code within %2 minutes.</source>
        <translation>Öffnen Sie auf einem beliebigen Gerät &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt; und geben Sie diesen Code innerhalb von %2 Minuten ein.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1161"/>
        <source>The sign-in did not succeed: %1</source>
        <translation>Die Anmeldung ist nicht gelungen: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1179"/>
        <source>Not used: OAuth signs in with the provider</source>
        <translation>Nicht verwendet: Mit OAuth meldet der Anbieter an</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1214"/>
        <source>Certificate: %1 · valid until %2</source>
        <translation>Zertifikat: %1 · gültig bis %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1218"/>
        <source>It has expired: Microsoft will refuse the sign-in.</source>
        <translation>Es ist abgelaufen: Microsoft wird die Anmeldung ablehnen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MailSettingsPage.cpp" line="1222"/>
        <source>It expires in %n day(s): upload a new certificate to the app registration.</source>
        <translation>
            <numerusform>Es läuft in %n Tag ab: Laden Sie ein neues Zertifikat in die App-Registrierung hoch.</numerusform>
            <numerusform>Es läuft in %n Tagen ab: Laden Sie ein neues Zertifikat in die App-Registrierung hoch.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1242"/>
        <source>Sign &amp;in…</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1247"/>
        <source>Sign in &amp;again…</source>
        <translation>&amp;Erneut anmelden …</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1249"/>
        <source>Sign-in needed: the provider no longer accepts the saved sign-in. Sending waits until you sign in again.</source>
        <translation>Anmeldung nötig: Der Anbieter akzeptiert die gespeicherte Anmeldung nicht mehr. Der Versand wartet, bis Sie sich erneut anmelden.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1254"/>
        <source>Not signed in.</source>
        <translation>Nicht angemeldet.</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1259"/>
        <source>Signed in as %1 · renews automatically · last renewed %2</source>
        <translation>Angemeldet als %1 · erneuert sich automatisch · zuletzt erneuert %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1273"/>
        <source>Starting the sign-in…</source>
        <translation>Anmeldung wird gestartet …</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1283"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1006"/>
        <source>&lt;b&gt;Port %1 with %2 looks best.&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;Port %1 mit %2 scheint am besten.&lt;/b&gt; %3</translation>
    </message>
    <message>
        <location filename="../src/gui/MailSettingsPage.cpp" line="1012"/>
        <source>Use port %1 with %2</source>
        <translation>Port %1 mit %2 verwenden</translation>
    </message>
</context>
<context>
    <name>outbound::gui::MainWindow</name>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="58"/>
        <location filename="../src/gui/MainWindow.cpp" line="485"/>
        <source>Settings › Mail</source>
        <translation>Einstellungen › E-Mail</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="59"/>
        <source>The SMTP account, senders and queue limits</source>
        <translation>Das SMTP-Konto, die Absender und die Grenzen der Warteschlange</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="60"/>
        <location filename="../src/gui/MainWindow.cpp" line="483"/>
        <source>Mail Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="62"/>
        <source>Every message, its status and the sending switch</source>
        <translation>Alle Nachrichten, ihr Status und der Schalter für den Versand</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="63"/>
        <location filename="../src/gui/MainWindow.cpp" line="484"/>
        <source>Workers</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="65"/>
        <source>Every worker sending from this queue, here and on other machines</source>
        <translation>Jeder Worker, der aus dieser Warteschlange sendet, hier und auf anderen Rechnern</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="88"/>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="102"/>
        <source>Outbound: %1</source>
        <translation>Outbound: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="124"/>
        <source>Sending needs complete mail settings. Fill in and save: %1.</source>
        <translation>Zum Senden müssen die E-Mail-Einstellungen vollständig sein. Bitte ausfüllen und speichern: %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="135"/>
        <source>Settings saved. Sending picks them up for its next connection.</source>
        <translation>Einstellungen gespeichert. Der Versand verwendet sie ab seiner nächsten Verbindung.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="136"/>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="150"/>
        <source>The mail settings were changed elsewhere and have been loaded.</source>
        <translation>Die Mail-Einstellungen wurden anderswo geändert und neu geladen.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="155"/>
        <source>Saved settings applied to sending at %1</source>
        <translation>Gespeicherte Einstellungen für den Versand übernommen um %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="159"/>
        <source>Saved settings not used for sending yet: %1</source>
        <translation>Gespeicherte Einstellungen noch nicht für den Versand verwendet: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="217"/>
        <source>That database is the one open in this window.</source>
        <translation>Diese Datenbank ist bereits in diesem Fenster geöffnet.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="225"/>
        <source>Open Database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="226"/>
        <source>A new Outbound window could not be started for %1.</source>
        <translation>Für %1 konnte kein neues Outbound-Fenster gestartet werden.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="230"/>
        <source>Opening %1 in a new window…</source>
        <translation>%1 wird in einem neuen Fenster geöffnet…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="248"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="251"/>
        <source>&amp;Open Database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="255"/>
        <source>Send &amp;test email…</source>
        <translation>&amp;Test-E-Mail senden…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="264"/>
        <source>&amp;Close window</source>
        <translation>Fenster &amp;schließen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="264"/>
        <source>Ctrl+W</source>
        <translation>Ctrl+W</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="266"/>
        <location filename="../src/gui/MainWindow.cpp" line="339"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="266"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="270"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="272"/>
        <source>&amp;Save settings</source>
        <translation>Einstellungen &amp;speichern</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="277"/>
        <source>&amp;Revert settings</source>
        <translation>Einstellungen &amp;zurücksetzen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="280"/>
        <source>&amp;Find messages</source>
        <translation>Nachrichten &amp;suchen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="287"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="289"/>
        <source>&amp;Settings › Mail</source>
        <translation>&amp;Einstellungen › E-Mail</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="290"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="291"/>
        <source>Mail &amp;Queue</source>
        <translation>&amp;Warteschlange</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="292"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="293"/>
        <source>&amp;Workers</source>
        <translation>&amp;Worker</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="294"/>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="298"/>
        <source>&amp;Queue</source>
        <translation>&amp;Warteschlange</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="308"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="311"/>
        <source>Outbound &amp;Help</source>
        <translation>Outbound-&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="314"/>
        <source>&amp;About Outbound</source>
        <translation>&amp;Über Outbound</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="317"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="327"/>
        <source>Outbound</source>
        <translation>Outbound</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="330"/>
        <source>Show Outbound</source>
        <translation>Outbound anzeigen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="363"/>
        <source>Messages failed</source>
        <translation>Nachrichten fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MainWindow.cpp" line="358"/>
        <source>%n more message(s) failed; %1 in total need attention in the Mail Queue.</source>
        <translation>
            <numerusform>%n weitere Nachricht fehlgeschlagen; insgesamt %1 brauchen Aufmerksamkeit in der Warteschlange.</numerusform>
            <numerusform>%n weitere Nachrichten fehlgeschlagen; insgesamt %1 brauchen Aufmerksamkeit in der Warteschlange.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="375"/>
        <source>The database answers again.</source>
        <translation>Die Datenbank antwortet wieder.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="380"/>
        <source>&lt;b&gt;The database %1 cannot be reached.&lt;/b&gt; The window shows what it last read and tries again every second. %2</source>
        <translation>&lt;b&gt;Die Datenbank %1 ist nicht erreichbar.&lt;/b&gt; Das Fenster zeigt den zuletzt gelesenen Stand und versucht es jede Sekunde erneut. %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="389"/>
        <source>About Outbound</source>
        <translation>Über Outbound</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="390"/>
        <source>&lt;h3&gt;Outbound %1&lt;/h3&gt;&lt;p&gt;Outgoing mail for a small IT business: the SMTP account, a test send that never freezes, and the mail queue with retry.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3).&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later. It comes with no warranty.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Outbound %1&lt;/h3&gt;&lt;p&gt;Ausgehende E-Mail für kleine IT-Dienstleister: das SMTP-Konto, ein Testversand, der nie hängt, und die Warteschlange mit Wiederholung.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2 (läuft mit Qt %3).&lt;/p&gt;&lt;p&gt;Lizenz: GNU General Public License, Version 3 oder später. Ohne jede Gewährleistung.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="400"/>
        <source>&lt;h2&gt;Outbound help&lt;/h2&gt;&lt;h3&gt;Set up the account&lt;/h3&gt;&lt;p&gt;Open &lt;b&gt;Settings › Mail&lt;/b&gt;. Pick your provider or &lt;i&gt;Custom server&lt;/i&gt;, enter the host, then use &lt;b&gt;Detect&lt;/b&gt; to ask the server which port and encryption work. Enter the user name and password (an app password for Microsoft 365 or Google accounts with two-step sign-in), and the default sender. &lt;b&gt;Send test email…&lt;/b&gt; tries the values in the form before you save them. Save with Ctrl+S.&lt;/p&gt;&lt;h3&gt;Run the queue&lt;/h3&gt;&lt;p&gt;Programs hand messages to Outbound, for example with &lt;tt&gt;outbound-cli enqueue&lt;/tt&gt;. Open &lt;b&gt;Mail Queue&lt;/b&gt; and use &lt;b&gt;Start sending&lt;/b&gt;. Temporary failures are retried by themselves; failed messages wait for you: fix the cause, then &lt;b&gt;Retry&lt;/b&gt; (Ctrl+R).&lt;/p&gt;&lt;h3&gt;Statuses&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Deferred&lt;/b&gt;: a temporary problem, retried automatically. &lt;b&gt;Failed&lt;/b&gt;: the server refused, or no attempts are left. &lt;b&gt;Interrupted&lt;/b&gt;: the connection broke after the message was handed over, so the server may have it; check with a recipient, then use &lt;b&gt;Mark sent&lt;/b&gt; or &lt;b&gt;Retry&lt;/b&gt;.&lt;/p&gt;&lt;h3&gt;Keyboard&lt;/h3&gt;&lt;p&gt;Ctrl+F search, F5 refresh, Delete removes the selected messages, Ctrl+1 and Ctrl+2 switch pages, Ctrl+W closes the window, Ctrl+Q quits.&lt;/p&gt;&lt;p&gt;The README that comes with Outbound has the command-line guide.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Outbound-Hilfe&lt;/h2&gt;&lt;h3&gt;Konto einrichten&lt;/h3&gt;&lt;p&gt;Öffnen Sie &lt;b&gt;Einstellungen › E-Mail&lt;/b&gt;. Wählen Sie Ihren Anbieter oder &lt;i&gt;Eigener Server&lt;/i&gt;, tragen Sie den Host ein und lassen Sie mit &lt;b&gt;Erkennen&lt;/b&gt; den Server fragen, welcher Port und welche Verschlüsselung funktionieren. Tragen Sie Benutzername und Passwort ein (bei Microsoft 365 oder Google mit Zwei-Faktor-Anmeldung ein App-Passwort) sowie den Standardabsender. &lt;b&gt;Test-E-Mail senden…&lt;/b&gt; probiert die Werte im Formular aus, bevor Sie sie speichern. Speichern mit Strg+S.&lt;/p&gt;&lt;h3&gt;Warteschlange betreiben&lt;/h3&gt;&lt;p&gt;Programme übergeben Nachrichten an Outbound, zum Beispiel mit &lt;tt&gt;outbound-cli enqueue&lt;/tt&gt;. Öffnen Sie &lt;b&gt;Warteschlange&lt;/b&gt; und wählen Sie &lt;b&gt;Versand starten&lt;/b&gt;. Vorübergehende Fehler werden von selbst wiederholt; fehlgeschlagene Nachrichten warten auf Sie: Ursache beheben, dann &lt;b&gt;Erneut senden&lt;/b&gt; (Strg+R).&lt;/p&gt;&lt;h3&gt;Status&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Zurückgestellt&lt;/b&gt;: ein vorübergehendes Problem, wird automatisch wiederholt. &lt;b&gt;Fehlgeschlagen&lt;/b&gt;: der Server hat abgelehnt, oder es sind keine Versuche mehr übrig. &lt;b&gt;Unterbrochen&lt;/b&gt;: die Verbindung brach ab, nachdem die Nachricht übergeben war; der Server hat sie vielleicht. Fragen Sie einen Empfänger und wählen Sie dann &lt;b&gt;Als gesendet&lt;/b&gt; oder &lt;b&gt;Erneut senden&lt;/b&gt;.&lt;/p&gt;&lt;h3&gt;Tastatur&lt;/h3&gt;&lt;p&gt;Strg+F sucht, F5 aktualisiert, Entf löscht die ausgewählten Nachrichten, Strg+1 und Strg+2 wechseln die Seite, Strg+W schließt das Fenster, Strg+Q beendet.&lt;/p&gt;&lt;p&gt;Die mitgelieferte README enthält die Anleitung für die Kommandozeile.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="429"/>
        <source>Outbound Help</source>
        <translation>Outbound-Hilfe</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="489"/>
        <source>%1[*] — %2 — Outbound</source>
        <translation>%1[*] — %2 — Outbound</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="491"/>
        <source>%1[*] — Outbound</source>
        <translation>%1[*] — Outbound</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="504"/>
        <source>Saving the settings, then closing…</source>
        <translation>Einstellungen werden gespeichert, danach wird geschlossen…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="515"/>
        <source>Finishing the message in progress, then closing… Close again to quit now.</source>
        <translation>Die laufende Nachricht wird noch fertig gesendet, dann schließt das Fenster… Erneut schließen beendet sofort.</translation>
    </message>
</context>
<context>
    <name>outbound::gui::MessageDetailPane</name>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="58"/>
        <location filename="../src/gui/MessageDetailPane.cpp" line="116"/>
        <source>Save attachment</source>
        <translation>Anhang speichern</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="74"/>
        <source>No transcript recorded for this attempt.</source>
        <translation>Für diesen Versuch ist kein Protokoll gespeichert.</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="106"/>
        <source>The attachment was not found in the stored message.</source>
        <translation>Der Anhang wurde in der gespeicherten Nachricht nicht gefunden.</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="117"/>
        <source>The attachment could not be saved: %1</source>
        <translation>Der Anhang konnte nicht gespeichert werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MessageDetailPane.cpp" line="154"/>
        <source>%n messages selected.</source>
        <translation>
            <numerusform>%n Nachricht ausgewählt.</numerusform>
            <numerusform>%n Nachrichten ausgewählt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="155"/>
        <source>Select a message to see its content, last error and transcript.</source>
        <translation>Wählen Sie eine Nachricht, um Inhalt, letzten Fehler und Protokoll zu sehen.</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="163"/>
        <source>Loading message %1…</source>
        <translation>Nachricht %1 wird geladen…</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="181"/>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MessageDetailPane.cpp" line="190"/>
        <source> · %n attempt(s)</source>
        <translation>
            <numerusform> · %n Versuch</numerusform>
            <numerusform> · %n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="193"/>
        <source> · sent %1</source>
        <translation> · gesendet %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="196"/>
        <source> · next attempt %1</source>
        <translation> · nächster Versuch %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="211"/>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="217"/>
        <source>Attachments (%1)</source>
        <translation>Anhänge (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="217"/>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="222"/>
        <source>Sending was cut off.</source>
        <translation>Das Senden wurde unterbrochen.</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="223"/>
        <source>The server may have taken this message. Ask a recipient or look in the server&apos;s log: if it arrived, use Mark sent; if not, use Retry.</source>
        <translation>Der Server hat diese Nachricht vielleicht angenommen. Fragen Sie einen Empfänger oder sehen Sie im Protokoll des Servers nach: Ist sie angekommen, wählen Sie „Als gesendet“; sonst „Erneut senden“.</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="227"/>
        <source>The server accepted the message:</source>
        <translation>Der Server hat die Nachricht angenommen:</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="236"/>
        <source>Phase: %1</source>
        <translation>Phase: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="238"/>
        <source>Reply: %1 %2</source>
        <translation>Antwort: %1 %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="242"/>
        <source>Temporary: retried automatically</source>
        <translation>Vorübergehend: wird automatisch wiederholt</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="242"/>
        <source>Permanent: needs a person</source>
        <translation>Dauerhaft: braucht einen Menschen</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="246"/>
        <source>The server said:</source>
        <translation>Der Server sagte:</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="250"/>
        <source>Likely cause:</source>
        <translation>Wahrscheinliche Ursache:</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="250"/>
        <source>What to do:</source>
        <translation>Was zu tun ist:</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="257"/>
        <source>Refused recipient %1: %2 %3 %4</source>
        <translation>Abgelehnter Empfänger %1: %2 %3 %4</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="262"/>
        <source>No error recorded.</source>
        <translation>Kein Fehler vermerkt.</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="273"/>
        <source>%1 — %2: %3</source>
        <translation>%1 — %2: %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/MessageDetailPane.cpp" line="279"/>
        <source>%n attempt(s) recorded</source>
        <translation>
            <numerusform>%n Versuch gespeichert</numerusform>
            <numerusform>%n Versuche gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="284"/>
        <source>No attempt recorded yet.</source>
        <translation>Noch kein Versuch vermerkt.</translation>
    </message>
    <message>
        <location filename="../src/gui/MessageDetailPane.cpp" line="240"/>
        <source>Outcome unknown: never retried automatically; mark it sent or retry it</source>
        <translation>Ergebnis unbekannt: wird nie automatisch wiederholt; als gesendet markieren oder erneut senden</translation>
    </message>
</context>
<context>
    <name>outbound::gui::OpenDatabaseDialog</name>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="46"/>
        <source>&amp;Open in New Window</source>
        <translation>In neuem Fenster ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="49"/>
        <source>Open Database File</source>
        <translation>Datenbankdatei öffnen</translation>
    </message>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="50"/>
        <source>Outbound databases (*.sqlite *.db);;All files (*)</source>
        <translation>Outbound-Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="56"/>
        <source>%1 (this window)</source>
        <translation>%1 (dieses Fenster)</translation>
    </message>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="134"/>
        <source>Choose a database file, or type its path.</source>
        <translation>Wählen Sie eine Datenbankdatei oder geben Sie ihren Pfad ein.</translation>
    </message>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="136"/>
        <source>That is a server address: choose “A shared database on a server” for it.</source>
        <translation>Das ist eine Serveradresse: Wählen Sie dafür „Eine gemeinsame Datenbank auf einem Server“.</translation>
    </message>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="140"/>
        <source>%1 is not a regular file (a folder or a device); choose a database file.</source>
        <translation>%1 ist keine normale Datei (ein Ordner oder ein Gerät); wählen Sie eine Datenbankdatei.</translation>
    </message>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="143"/>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="147"/>
        <source>There is no database there yet: a new, empty one will be made.</source>
        <translation>Dort gibt es noch keine Datenbank: Es wird eine neue, leere angelegt.</translation>
    </message>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="153"/>
        <source>Type the server&apos;s address, e.g. postgresql://outbound@db.example.net/outbound.</source>
        <translation>Geben Sie die Adresse des Servers ein, z. B. postgresql://outbound@db.example.net/outbound.</translation>
    </message>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="156"/>
        <source>A server address starts with postgresql://, mariadb://, mysql:// or itflow+mariadb://.</source>
        <translation>Eine Serveradresse beginnt mit postgresql://, mariadb://, mysql:// oder itflow+mariadb://.</translation>
    </message>
    <message>
        <location filename="../src/gui/OpenDatabaseDialog.cpp" line="165"/>
        <source>This window has that database open already.</source>
        <translation>Dieses Fenster hat diese Datenbank bereits geöffnet.</translation>
    </message>
</context>
<context>
    <name>outbound::gui::TestSendDialog</name>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="48"/>
        <source>no sender address</source>
        <translation>keine Absenderadresse</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="49"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="55"/>
        <source>%1 port %2, %3</source>
        <translation>%1, Port %2, %3</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="57"/>
        <source>, signing in as %1</source>
        <translation>, Anmeldung als %1</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="177"/>
        <source>&lt;b&gt;The settings are not complete.&lt;/b&gt;&lt;br/&gt;%1</source>
        <translation>&lt;b&gt;Die Einstellungen sind unvollständig.&lt;/b&gt;&lt;br/&gt;%1</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="184"/>
        <source>&lt;b&gt;The recipient is not valid.&lt;/b&gt;&lt;br/&gt;%1</source>
        <translation>&lt;b&gt;Der Empfänger ist ungültig.&lt;/b&gt;&lt;br/&gt;%1</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="203"/>
        <source>Outbound test message</source>
        <translation>Testnachricht von Outbound</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="205"/>
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
        <location filename="../src/gui/TestSendDialog.cpp" line="214"/>
        <source>&lt;b&gt;The test message could not be built.&lt;/b&gt;&lt;br/&gt;%1</source>
        <translation>&lt;b&gt;Die Testnachricht konnte nicht erstellt werden.&lt;/b&gt;&lt;br/&gt;%1</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="246"/>
        <location filename="../src/gui/TestSendDialog.cpp" line="262"/>
        <source>*  Cancelled by you.</source>
        <translation>*  Von Ihnen abgebrochen.</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="247"/>
        <location filename="../src/gui/TestSendDialog.cpp" line="263"/>
        <source>&lt;b&gt;Cancelled.&lt;/b&gt; Nothing more is sent; the connection is closed.</source>
        <translation>&lt;b&gt;Abgebrochen.&lt;/b&gt; Es wird nichts mehr gesendet; die Verbindung ist geschlossen.</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="308"/>
        <source>&lt;b&gt;The server accepted the test message.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Der Server hat die Testnachricht angenommen.&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="312"/>
        <source>Encrypted with %1.</source>
        <translation>Verschlüsselt mit %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="330"/>
        <location filename="../src/gui/TestSendDialog.cpp" line="401"/>
        <source>&lt;b&gt;Likely cause:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Wahrscheinliche Ursache:&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="332"/>
        <location filename="../src/gui/TestSendDialog.cpp" line="403"/>
        <source>&lt;b&gt;What to do:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Was zu tun ist:&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="343"/>
        <source>Checking what port %1 offers…</source>
        <translation>Prüfe, was Port %1 anbietet…</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="372"/>
        <source>*  Checking each configured sender over one connection…</source>
        <translation>*  Jeder eingestellte Absender wird über eine Verbindung geprüft …</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="373"/>
        <source>&lt;b&gt;Checking every configured sender…&lt;/b&gt;</source>
        <translation>&lt;b&gt;Alle eingestellten Absender werden geprüft …&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="390"/>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="427"/>
        <source>&lt;b&gt;No sender address is configured.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Es ist keine Absenderadresse eingestellt.&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="429"/>
        <source>&lt;b&gt;The server accepted every sender.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Der Server hat jeden Absender angenommen.&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="431"/>
        <source>&lt;b&gt;The server refused at least one sender.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Der Server hat mindestens einen Absender abgelehnt.&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="435"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="438"/>
        <source>%1: accepted.</source>
        <translation>%1: angenommen.</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="440"/>
        <source>%1: not checked.</source>
        <translation>%1: nicht geprüft.</translation>
    </message>
    <message>
        <location filename="../src/gui/TestSendDialog.cpp" line="442"/>
        <source>%1: refused.</source>
        <translation>%1: abgelehnt.</translation>
    </message>
</context>
<context>
    <name>outbound::gui::WorkersModel</name>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="61"/>
        <source>Stopped</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="63"/>
        <source>Not responding</source>
        <translation>Antwortet nicht</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="65"/>
        <source>Sending</source>
        <translation>Sendet</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="67"/>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="69"/>
        <source>Stopping</source>
        <translation>Wird beendet</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="71"/>
        <source>Idle</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="86"/>
        <source>%1 (this window)</source>
        <translation>%1 (dieses Fenster)</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="109"/>
        <source>Stopped at %1</source>
        <translation>Beendet um %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/WorkersPage.cpp" line="111"/>
        <source>Last sign of life %n second(s) ago</source>
        <translation>
            <numerusform>Letztes Lebenszeichen vor %n Sekunde</numerusform>
            <numerusform>Letztes Lebenszeichen vor %n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/WorkersPage.cpp" line="115"/>
        <source>No heartbeat for longer than its lease (%n second(s)): the process ended, hangs or lost the database. Other workers take over the messages it had claimed.</source>
        <translation>
            <numerusform>Kein Lebenszeichen länger als seine Reservierungsdauer (%n Sekunde): Der Prozess ist beendet, hängt oder hat die Datenbank verloren. Andere Worker übernehmen die Nachrichten, die er reserviert hatte.</numerusform>
            <numerusform>Kein Lebenszeichen länger als seine Reservierungsdauer (%n Sekunden): Der Prozess ist beendet, hängt oder hat die Datenbank verloren. Andere Worker übernehmen die Nachrichten, die er reserviert hatte.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="121"/>
        <source>Process ID on %1</source>
        <translation>Prozessnummer auf %1</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="160"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="162"/>
        <source>Process</source>
        <translation>PID</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="164"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="166"/>
        <source>Last heartbeat</source>
        <translation>Lebenszeichen</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="168"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="170"/>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="172"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="174"/>
        <source>Failed</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>outbound::gui::WorkersPage</name>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="268"/>
        <source>Workers</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="269"/>
        <source>Every worker that sends from this queue: the one in this window (Start sending) and each &lt;tt&gt;outbound-cli worker&lt;/tt&gt;, on this machine or others sharing the database. Workers stopped in the last day stay listed.</source>
        <translation>Jeder Worker, der aus dieser Warteschlange sendet: der dieses Fensters (Versand starten) und jeder &lt;tt&gt;outbound-cli worker&lt;/tt&gt;, auf diesem Rechner oder auf anderen mit derselben Datenbank. Worker, die am letzten Tag beendet wurden, bleiben aufgeführt.</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="273"/>
        <source>The workers could not be read: %1</source>
        <translation>Die Worker konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="275"/>
        <source>No worker has sent from this queue in the last day.</source>
        <translation>Am letzten Tag hat kein Worker aus dieser Warteschlange gesendet.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/WorkersPage.cpp" line="278"/>
        <source>Updated at %1; refreshed every %n second(s).</source>
        <translation>
            <numerusform>Stand %1; wird jede Sekunde aktualisiert.</numerusform>
            <numerusform>Stand %1; wird alle %n Sekunden aktualisiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/gui/WorkersPage.cpp" line="281"/>
        <source>Reading the workers…</source>
        <translation>Worker werden gelesen…</translation>
    </message>
</context>
</TS>
