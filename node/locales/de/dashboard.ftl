# Das vetnet-Dashboard auf Deutsch. Dieselben Nachrichten wie die englische Datei.

## Datum und Zahlen
date = { $day }. { $month } { $year }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
number-group-separator = .
weeks = { NUMBER($n) ->
    [one] { $n } Woche
   *[other] { $n } Wochen
}
minutes = { $n } Min.

## Rahmen
skip-to-content = Zum Inhalt springen
language = Sprache
action-change-language = Wechseln
action-sign-out = Abmelden
footer = vetnet-Dashboard: bereitgestellt von Ihrem eigenen Knoten auf diesem Computer. Nichts davon geht an einen zentralen Server.
nav-label = Hauptmenü
nav-home = Start
nav-profile = Profil
nav-offers = Unsere Angebote
nav-needs = Unser Bedarf
nav-search = Suche
nav-matches = Treffer
nav-mobility = Mobilität
nav-trust = Vertrauen
nav-peers = Knoten
nav-settings = Einstellungen
no-profile-name = (noch kein Profil)

## Anmeldung und Ablehnungen
signed-out-title = Sie sind abgemeldet
signed-out-body = Um das Dashboard zu öffnen, führen Sie diesen Befehl auf dem Computer aus, auf dem der Knoten läuft. Er gibt einen einmaligen Anmeldelink aus.
signed-out-by-you = Sie haben sich abgemeldet. Um sich wieder anzumelden, führen Sie diesen Befehl auf dem Computer aus, auf dem der Knoten läuft.
link-used-title = Dieser Anmeldelink ist nicht mehr gültig
link-used-body = Ein Anmeldelink gilt einmal und fünf Minuten lang. Einen neuen erhalten Sie, indem Sie diesen Befehl auf dem Computer ausführen, auf dem der Knoten läuft.
refused-title = Die Anfrage wurde abgelehnt
refused-origin = Die Anfrage kam von einer anderen Website. Nur Seiten dieses Knotens dürfen Formulare an ihn senden.
refused-too-large = Das Formular ist zu groß.
refused-form = Das Formular konnte nicht gelesen werden.
refused-csrf = Das Sicherheitstoken des Formulars fehlt oder ist falsch. Öffnen Sie die Seite erneut und senden Sie das Formular von dort ab.
refused-internal = Im Knoten ist ein Fehler aufgetreten; sein Protokoll nennt die Ursache.
refused-api = Der Knoten konnte dies nicht ausführen. Sein Protokoll nennt den Grund; die Kommandozeile zeigt denselben Fehler.
not-found-title = Seite nicht gefunden
not-found-body = Unter dieser Adresse gibt es keine Seite. Finden Sie über das Menü, was Sie suchen, oder melden Sie sich erneut an:

## Formulare
required = Pflichtfeld
error-prefix = Fehler:
choose-none = (keine Angabe)
language-n = Sprache { $n }
level-n = Niveau { $n }
form-refused = Der Knoten hat dieses Formular nicht angenommen.
form-fix-fields = Bitte korrigieren Sie die unten markierten Felder:
field-text-lang = Sprache der Texte
hint-text-lang = Die Sprache, in der Titel und Beschreibung unten verfasst sind. Andere Übersetzungen bleiben erhalten.
action-save = Speichern
action-publish = Veröffentlichen
action-cancel = Abbrechen
action-edit = Bearbeiten
action-duplicate = Duplizieren
action-withdraw = Zurückziehen
actions = Aktionen
yes = Ja
no = Nein

## Felder der Einträge
field-id = Kurzname (ID)
hint-id = Buchstaben, Ziffern, „-“, „_“ oder „.“; bleibt beim Bearbeiten gleich. Bleibt das Feld leer, wird er aus dem Titel gebildet.
field-title = Titel
field-description = Beschreibung
field-isced = Bildungsbereich (ISCED-F)
hint-isced = Geben Sie einen Code oder einen Teil eines Namens ein, zum Beispiel 0715 oder welding.
field-nace = Wirtschaftszweig (NACE)
hint-nace = Der Wirtschaftszweig der aufnehmenden Einrichtung.
field-country = Land
field-city = Ort
field-eqf-min = Niedrigstes EQR-Niveau
hint-eqf-min = Niveau des Europäischen Qualifikationsrahmens, 1 bis 8.
field-eqf-max = Höchstes EQR-Niveau
field-places = Plätze
field-start = Beginn
hint-start = Der frühestmögliche Anfangstag.
field-end = Ende
field-weeks-min = Kürzeste Dauer (Wochen)
field-weeks-max = Längste Dauer (Wochen)
field-deadline = Bewerbungsschluss
field-languages = Sprachen
hint-languages = Arbeitssprachen und das jeweils mindestens nötige Niveau nach dem Gemeinsamen europäischen Referenzrahmen (GER).
field-outcomes = Lernergebnisse
hint-outcomes = Ein Lernergebnis pro Zeile.
field-conditions-accommodation = Unterkunft
field-conditions-meals = Verpflegung
field-conditions-insurance = Versicherung
field-conditions-minors = Lernende unter 18 Jahren sind willkommen
field-conditions-mentor = Eine benannte betriebliche Betreuungsperson begleitet die Lernenden
field-contact-email = Kontakt-E-Mail
field-learners = Lernende
field-qualification = Qualifikation
field-eqf = EQR-Niveau
field-countries = Bevorzugte Zielländer
hint-countries = Leer lassen für jedes Land. Halten Sie Strg (oder Cmd) gedrückt, um mehrere auszuwählen.
field-age = Alter der Gruppe
field-support = Benötigte Unterstützung
field-support-note = Mehr zur benötigten Unterstützung
field-funding = Förderung
field-name = Name der Einrichtung
field-institution = Art der Einrichtung
field-vet = Angebotene Berufsbildung
field-region = Region
field-website = Website
field-email = E-Mail
field-registration = Registernummer oder USt-IdNr.
field-hours = Stunden
field-participation = Teilnahmeform
field-text = Suchbegriffe
hint-text = Wörter aus Titeln und Beschreibungen.
field-sector = Bereich oder Branche
field-lang = Sprache
field-author = Einrichtung (did:key)
field-trusted = Nur Einrichtungen, denen dieser Knoten vertraut
field-kind = Art der Einrichtung
field-skill = ESCO-Kompetenz (URI)
field-subject = Zu bestätigende Einrichtung (did:key)
hint-subject = Der did:key:z6Mk…, der im Suchergebnis der Einrichtung angezeigt wird.
field-role = Rolle
field-network-name = Name des Netzwerks
field-until = Gültig bis
field-did = Einrichtung (did:key)
hint-did = Fügen Sie den did:key:z6Mk… einer beliebigen Einrichtung ein.
fact-eqf = EQR
fact-weeks = Dauer
any-country = jedes Land
withdrawn = zurückgezogen
record-id = ID
record-updated = Zuletzt veröffentlicht
record-version = Version { $n }

## Codelisten
eqf-level = EQR-Niveau { $level }
cefr-A1 = A1 (Einstieg)
cefr-A2 = A2 (Grundkenntnisse)
cefr-B1 = B1 (Mittelstufe)
cefr-B2 = B2 (gute Mittelstufe)
cefr-C1 = C1 (fortgeschritten)
cefr-C2 = C2 (annähernd muttersprachlich)
enum-provided = Von der aufnehmenden Einrichtung gestellt
enum-assisted = Die aufnehmende Einrichtung hilft bei der Suche
enum-none = Nicht gestellt
enum-host = Die aufnehmende Einrichtung
enum-sending-school = Die entsendende Schule
enum-learner = Die lernende Person
enum-shared = Gemeinsam
enum-under-18 = Alle unter 18
enum-adults = Alle 18 oder älter
enum-mixed = Einige unter 18
enum-accessibility = Barrierefreiheit
enum-accompanying-teacher = Eine Begleitlehrkraft
enum-special-diet = Besondere Ernährung
enum-learning-support = Lernunterstützung
enum-erasmus-ka1-vet = Erasmus+ KA1 Berufsbildung
enum-nordplus = Nordplus
enum-national = Nationales Programm
enum-own = Eigenmittel
enum-other = Sonstiges
enum-vet-provider = Berufsbildungseinrichtung
enum-company = Unternehmen
enum-chamber = Kammer
enum-public-agency = Behörde
enum-network = Netzwerk
enum-ivet = Berufliche Erstausbildung
enum-cvet = Berufliche Weiterbildung
enum-online = Online
enum-on-site = Vor Ort
enum-blended = Kombiniert (Blended Learning)
enum-workplace = Am Arbeitsplatz
enum-member = Mitglied eines Netzwerks
enum-partner = Partner
enum-accreditor = Akkreditierungsstelle
enum-school = Entsendende Schule

## Vertrauen
trust-anchor = Vertrauensanker
trust-endorsed-by-anchor = Von einem Anker bestätigt
trust-endorsed-via-chain = Über eine Kette bestätigt
trust-unverified = Nicht überprüft
trust-revoked = Schlüssel widerrufen
trust-unknown = Unbekannt
trust-why = Warum diese Vertrauensstufe?
trust-why-anchor = Dieser Knoten vertraut dieser Einrichtung direkt: Sie ist einer seiner Vertrauensanker.
trust-why-endorsed-by-anchor = Ein Vertrauensanker bestätigt diese Einrichtung.
trust-why-endorsed-via-chain = Einrichtungen, die ein Anker bestätigt, bestätigen diese Einrichtung.
trust-why-unverified = Keine Kette von Bestätigungen führt von den Vertrauensankern dieses Knotens zu dieser Einrichtung.
trust-why-revoked = Der Schlüssel dieser Einrichtung wurde widerrufen; ihren Einträgen wird nicht vertraut.
trust-why-unknown = Die Vertrauensstufe konnte nicht ermittelt werden.
trust-step = { $endorser } bestätigt { $subject }
role-member = Mitglied
role-partner = Partner
role-accreditor = Akkreditierungsstelle

## Unsere Angebote und unser Bedarf
offers-title = Unsere Angebote
offers-new = Neues Angebot
offers-none = Diese Einrichtung hat noch keine Angebote veröffentlicht.
offers-new-title = Neues Praktikumsangebot
offers-edit-title = Praktikumsangebot bearbeiten
needs-title = Unser Bedarf
needs-new = Neuer Bedarf
needs-none = Diese Einrichtung hat noch keinen Mobilitätsbedarf veröffentlicht.
needs-new-title = Neuer Mobilitätsbedarf
needs-edit-title = Mobilitätsbedarf bearbeiten
show-live = Nur aktuelle Einträge anzeigen
show-withdrawn = Auch zurückgezogene Einträge anzeigen
done-published = Veröffentlicht. Andere Knoten erhalten den Eintrag innerhalb von Sekunden.
done-updated = Gespeichert. Die neue Version ist auf dem Weg zu den anderen Knoten.
done-withdrawn = Zurückgezogen. Andere Knoten zeigen den Eintrag nicht mehr an.
withdraw-title = „{ $title }“ zurückziehen?
withdraw-warning = Das Zurückziehen teilt jedem Knoten im Netzwerk mit, dass dieser Eintrag nicht mehr gilt. Es kann nicht rückgängig gemacht werden; Sie können stattdessen einen neuen Eintrag veröffentlichen.

## Profil
profile-title = Profil
profile-published = So sehen andere es
profile-edit = Profil bearbeiten
done-profile = Das Profil ist gespeichert und veröffentlicht.

## Start
home-title = Start
home-who = Wer wir sind
home-trust = Vertrauensstufe hier
home-did = Unser did:key
home-edit-profile = Profil bearbeiten
home-no-profile = Diese Einrichtung hat noch kein Profil.
home-health = Zustand des Knotens
health-peers = Verbundene Knoten
health-reachability = Aus dem Internet erreichbar
health-last-sync = Letzter Abgleich
health-outbox = Einträge, die auf den Versand warten
health-records = Gespeicherte Einträge
health-network = Netzwerk
reachability-public = Ja
reachability-private = Nein (hinter NAT; ein Relay wird genutzt)
reachability-unknown = Noch nicht bekannt
never = nie
home-attention = Was Aufmerksamkeit braucht
home-nothing = Derzeit braucht nichts Ihre Aufmerksamkeit.
attention-thread = { $partner }: wartet darauf, dass wir { $step }
attention-deadline = Die Bewerbungsfrist für „{ $title }“ endet am { $date }
attention-matches = „{ $title }“: { NUMBER($count) ->
    [one] { $count } passender Eintrag
   *[other] { $count } passende Einträge
}
attention-unsigned = { $partner }: Der Lernvereinbarung { NUMBER($count) ->
    [one] fehlt noch eine Unterschrift
   *[other] fehlen noch { $count } Unterschriften
}
move-nominate = eine lernende Person nominieren
move-agree = die Lernvereinbarung vorschlagen
move-recognise = die Anerkennung erfassen
move-accept = die Nominierung annehmen oder ablehnen
move-complete = den Abschluss bestätigen
move-sign = die Lernvereinbarung unterzeichnen

## Suche
search-title = Im Netzwerk suchen
search-kinds = Was gesucht wird
search-offers = Angebote
search-institutions = Einrichtungen
search-needs = Bedarf
search-achievements = Kurse und Module
action-search = Suchen
action-clear = Zurücksetzen
search-results = Ergebnisse
search-none = Nichts gefunden. Versuchen Sie es mit weniger Filtern.
search-page = Seite { $n }
pages = Seiten
page-previous = Vorherige Seite
page-next = Nächste Seite

## Treffer
matches-title = Treffer
matches-intro = Zu jedem unserer Angebote und jedem Bedarf die am besten passenden Bedarfe und Angebote anderer Einrichtungen: was passt (✓), was nicht passt (✗) und was gut zu wissen ist (·).
matches-show-blocked = Auch Paare anzeigen, die nicht zusammenpassen können
matches-hide-blocked = Paare ausblenden, die nicht zusammenpassen können
matches-nothing-own = Veröffentlichen Sie ein Angebot oder einen Bedarf, um Treffer zu sehen.
matches-for-offer = Zu unserem Angebot
matches-for-need = Zu unserem Bedarf
matches-none = Noch keine passenden Einträge.
match-score = { $score } von 100 Punkten
match-blocked = passt nicht
reason-fit = Passt
reason-misfit = Passt nicht
reason-note = Hinweis
action-interest = Interesse bekunden (Mobilität beginnen)

## Mobilität
mobility-title = Mobilität
mobility-intro = Laufende Auslandsaufenthalte mit anderen Einrichtungen, jeweils als Verlauf signierter Schritte zwischen den beiden Knoten.
mobility-none = Noch keine Mobilitätsverläufe. Beginnen Sie einen über einen Treffer.
done-interest = Interesse gesendet. Der Knoten der aufnehmenden Einrichtung antwortet im Verlauf unten.
thread-partner = Partner
thread-role = Unsere Rolle
thread-status = Status
thread-offer = Angebot
thread-updated = Aktualisiert
status-interested = Interesse bekundet
status-nominated = Lernende Person nominiert
status-accepted = Angenommen
status-refused = Abgelehnt
status-agreeing = Wartet auf Unterschriften
status-agreed = Vereinbart
status-completed = Abgeschlossen
status-recognised = Anerkannt
status-cancelled = Abgebrochen
status-unknown = Unbekannt

## Vertrauensseite
trust-title = Vertrauen
trust-intro = Vertrauensstufen gehen von den Einrichtungen aus, denen dieser Knoten uneingeschränkt vertraut (seinen Ankern), und folgen Bestätigungen über höchstens drei Schritte.
trust-anchors = Unsere Vertrauensanker
trust-no-anchors = Dieser Knoten hat keine Vertrauensanker, daher sind alle anderen Einrichtungen nicht überprüft.
trust-anchors-how = Anker werden in config.toml oder mit „vetnet trust add“ festgelegt.
trust-lookup = Vertrauenspfad einer Einrichtung
action-look-up = Vertrauenspfad anzeigen
trust-given = Von uns erteilte Bestätigungen
trust-none-given = Wir haben noch keine Einrichtung bestätigt.
trust-received = Von uns erhaltene Bestätigungen
trust-none-received = Noch keine Einrichtung hat uns bestätigt.
trust-institution = Einrichtung
trust-endorse = Eine Einrichtung bestätigen
trust-endorse-intro = Eine Bestätigung ist ein signierter öffentlicher Eintrag: Andere Knoten, die uns vertrauen, vertrauen dann auch der Einrichtung.
action-endorse = Bestätigen
no-end = kein Enddatum
expired = abgelaufen
done-endorsed = Bestätigung veröffentlicht.
done-unendorsed = Bestätigung zurückgezogen.

## Einstellungen
settings-title = Einstellungen
settings-intro = Dies sind die Werte aus { $path }. Ändern Sie sie in dieser Datei und starten Sie den Knoten neu.
settings-node = Der Knoten
settings-limits = Grenzen gegen Überlastung
settings-keys = Der Schlüssel der Einrichtung
setting = Einstellung
value = Wert
meaning = Bedeutung
setting-network = Der Name des Netzwerks: Einträge anderer Netzwerke werden abgelehnt.
setting-api = Die Verwaltungsadresse dieses Dashboards und der API; nur lokal (Loopback).
setting-listen = Wo der Knoten Verbindungen anderer Knoten annimmt.
setting-external = Adressen, unter denen andere diesen Knoten erreichen, wenn sie von den Empfangsadressen abweichen.
setting-bootstrap = Knoten, über die der Knoten dem Netzwerk beitritt.
setting-target-peers = Der Knoten sucht weitere Knoten, solange er weniger Verbindungen als diese hat.
setting-mdns = Andere Knoten im lokalen Netzwerk finden.
setting-relay-server = Verbindungen für Knoten hinter NAT weiterleiten (nur auf einem öffentlich erreichbaren Server).
setting-cache-mb = Speicher für den Cache der Eintragsdatenbank, in Megabyte.
setting-trust-anchors = Einrichtungen, denen dieser Knoten uneingeschränkt vertraut; von ihnen gehen die Vertrauensstufen aus.
setting-records-per-author-per-day = Neue Einträge, die dieser Knoten je Einrichtung und Tag speichert; echte Einrichtungen veröffentlichen Dutzende bis Hunderte.
setting-messages-per-peer-per-minute = Gossip-Nachrichten, die ein Knoten dauerhaft pro Minute senden darf.
setting-message-burst-per-peer = Gossip-Nachrichten, die ein Knoten auf einmal senden darf, bevor die Rate pro Minute greift.
setting-peer-ban-minutes = Wie lange ein Knoten, der sich fehlverhält, getrennt und abgewiesen wird, in Minuten.
setting-direct-messages-per-peer-per-minute = Mobilitätsschritte, die ein Partner dauerhaft pro Minute senden darf.
setting-direct-message-burst-per-peer = Mobilitätsschritte, die ein Partner auf einmal senden darf.
key-current = Aktueller Schlüssel
key-previous = Früherer Schlüssel
action-rotate = Schlüssel wechseln
rotate-title = Den Schlüssel der Einrichtung wechseln?
rotate-warning = Ein neuer Schlüssel ersetzt den aktuellen. Jeder Eintrag wird mit dem neuen Schlüssel neu signiert und andere Knoten übernehmen den Wechsel, aber Ihr did:key ändert sich: Informieren Sie die Einrichtungen, die Sie bestätigen, und alle, die ihn notiert haben. Tun Sie dies, wenn jemand anderes den Schlüssel kennen könnte, oder nach einem festen Zeitplan. Der Wechsel kann nicht rückgängig gemacht werden.
done-rotated = Der Schlüssel wurde gewechselt. Ab jetzt signiert der neue Schlüssel.

## Knoten
peers-title = Knoten
peers-none = Kein Knoten ist verbunden.
peer-id = Knoten
peer-addrs = Adressen
peer-agent = Software
peer-on-topic = Verbreitet Einträge
peer-connected = Verbunden seit
