# The dashboard's credentials pages (de).

nav-achievements = Leistungen
nav-credentials = Nachweise
nav-verify = Prüfen

## The achievement catalogue
achievements-title = Leistungen
achievements-intro = Wofür diese Einrichtung Nachweise ausstellt, mit allen Elementen eines Microcredentials, die die Empfehlung des Rates verlangt. Partner sehen sie im Netzwerk.
achievements-new = Neue Leistung
achievements-none = Noch keine Leistungen.
achievements-new-title = Neue Leistung
achievements-edit-title = Leistung bearbeiten
achievements-elements = Elemente des Microcredentials
achievements-workload = Arbeitsaufwand
achievements-withdraw-warning = Das Zurückziehen entfernt die Leistung aus dem Netzwerk. Bereits ausgestellte Nachweise bleiben gültig; neue können nicht mehr ausgestellt werden.
cred-ects-credits = { $n } ECTS
cred-hours-n = { $n } Stunden
cred-field-nqf = Niveau im nationalen Qualifikationsrahmen
cred-hint-nqf = So, wie Ihr Land es schreibt, zum Beispiel „DQR 4“.
cred-field-ects = ECTS-Punkte
cred-hint-ects = Veranschlagter Arbeitsaufwand in ECTS-Punkten, zum Beispiel 5 oder 7,5.
cred-field-assessment = Prüfung
cred-hint-assessment = Wie die Lernergebnisse geprüft werden.
cred-field-supervision = Aufsicht und Identitätsprüfung
cred-field-quality-assurance = Qualitätssicherung
cred-hint-quality-assurance = Wer die Qualität des Lernens und der Prüfung sichert, und wie.
cred-field-prerequisites = Voraussetzungen
cred-field-stackability = Kombinierbarkeit
cred-field-esco-skills = ESCO-Kompetenzen
cred-hint-esco-skills = Eine ESCO-Kompetenzadresse pro Zeile.
cred-field-further-information = Weitere Informationen
cred-hint-country = Leer gelassen: das Land Ihres Profils.
cred-hint-languages = Die Sprachen des Lernens und der Prüfung; leer gelassen: die Ihres Profils.
cred-enum-unsupervised = Ohne Aufsicht und Identitätsprüfung
cred-enum-supervised-online = Online beaufsichtigt, mit Identitätsprüfung
cred-enum-on-site-identity-check = Vor Ort beaufsichtigt, mit Identitätsprüfung
cred-enum-standalone = Eigenständig
cred-enum-stackable = Zu einem größeren Nachweis kombinierbar

## Issuing
cred-issue-title = An eine Person ausstellen
cred-issue-intro = Der Nachweis wird sofort mit dem Schlüssel dieser Einrichtung signiert. Für eine ganze Klasse laden Sie stattdessen eine Datei hoch:
cred-issue-no-achievements = Es gibt noch keine Leistung, für die ausgestellt werden kann.
cred-field-achievement = Leistung
cred-field-learner-name = Name der lernenden Person
cred-field-learner-email = E-Mail der lernenden Person
cred-hint-learner-email = Freiwillig. Der Nachweis enthält sie nur als gesalzenen Hash, damit die Person zeigen kann, dass er ihr gehört.
cred-field-grade = Note
cred-field-date = Verliehen am
cred-hint-date = Der Tag, an dem die Person die Leistung erbracht hat; leer gelassen: heute.
cred-field-valid-until = Gültig bis
cred-hint-valid-until = Leer gelassen: Der Nachweis läuft nicht ab.
cred-action-issue = Nachweis ausstellen
cred-delegated-achievement = { $achievement } (übertragen von { $from })

## Issuing to a class
class-title = An eine Klasse ausstellen
class-intro = Laden Sie eine CSV-Datei mit einer lernenden Person pro Zeile hoch. Alle Zeilen werden ausgestellt oder keine: Ist eine Zeile fehlerhaft, wird nichts ausgestellt, und jedes Problem wird nach Zeile aufgeführt.
cred-field-class-file = Klassendatei (CSV)
cred-hint-class-file = UTF-8-Text, durch Kommas getrennt, mit einer Kopfzeile, die die Spalten unten nennt. Zellen mit Kommas stehen in doppelten Anführungszeichen.
cred-hint-class-achievement = Für jede Zeile ohne eigene Spalte achievement.
cred-action-issue-class = An die Klasse ausstellen
class-template = Vorlage herunterladen
class-columns = Spalten
class-columns-intro = Nur learner_name ist Pflicht; die anderen Spalten können fehlen oder leer bleiben.
class-column = Spalte
class-meaning = Bedeutung
class-column-learner-name = Der Name der Person, wie er auf dem Nachweis steht (Pflicht).
class-column-learner-email = Die E-Mail der Person, nur als gesalzener Hash gespeichert.
class-column-grade = Die Note, wie Ihre Schule sie schreibt.
class-column-date = Der Tag, an dem die Person die Leistung erbracht hat, JJJJ-MM-TT; leer: heute.
class-column-valid-until = Der letzte Gültigkeitstag, JJJJ-MM-TT; leer: läuft nicht ab.
class-column-achievement = Die Kennung der Leistung, wenn es nicht die oben gewählte ist.
class-refused = Es wurde nichts ausgestellt. Probleme in der Datei zu beheben: { $n }.
class-problems = Probleme nach Zeile
class-row = Zeile
class-line = Zeile in der Datei
class-rule = Was falsch ist
class-unreadable = Die Datei ist nicht als CSV lesbar: { $error }
class-unknown-column = Unbekannte Spalte „{ $column }“. Die Spalten sind { $columns }.
class-no-name-column = Die Kopfzeile braucht eine Spalte learner_name.
class-no-achievement = keine Leistung: wählen Sie oben eine oder füllen Sie die Spalte aus
class-no-rows = Die Datei hat eine Kopfzeile, aber keine Personen.

## The list and one credential
credentials-title = Nachweise
credentials-filter = Nachweise filtern
credentials-none = Noch keine Nachweise ausgestellt.
credentials-none-match = Kein Nachweis passt zu diesen Filtern.
credentials-shown = Angezeigt: { $shown } von { $total }.
cred-filter-any = Alle
cred-filter-month = Monat der Verleihung
cred-hint-filter-month = JJJJ-MM, zum Beispiel 2027-05.
cred-action-filter = Filtern
cred-status = Status
cred-status-valid = Gültig
cred-status-revoked = Widerrufen
cred-revoked-on = Widerrufen am { $date }: { $reason }
cred-awarded = Verliehen am
cred-email = Enthält die E-Mail der Person (gehasht)
cred-issued-at = Signiert am
cred-achievement-author = Urheber der Leistung
cred-id = Kennung des Nachweises
cred-downloads = Herunterladen und teilen
cred-downloads-intro = Die Person behält die Datei; jede und jeder kann sie prüfen, ohne diesen Knoten zu fragen.
cred-download-json = Open Badges 3.0 (JSON)
cred-download-jwt = VC-JWT
cred-certificate = Druckbares Zertifikat
cred-verify = Einen Nachweis prüfen
cred-done-issued = Nachweis ausgestellt.
cred-done-revoked = Nachweis widerrufen.
cred-done-class-issued = Ausgestellte Nachweise: { $n }.
cred-action-revoke = Widerrufen
cred-revoke-title = Nachweis widerrufen
cred-revoke-warning = Ein Widerruf wird im ganzen Netzwerk veröffentlicht und kann nicht rückgängig gemacht werden. Der Nachweis besteht danach keine Prüfung mehr.
cred-field-reason = Grund
cred-revoke-choose-reason = wählen Sie einen Grund
cred-reason-issued-in-error = Irrtümlich ausgestellt
cred-reason-superseded = Durch einen anderen Nachweis ersetzt
cred-reason-misconduct = Fehlverhalten
cred-reason-withdrawn = Zurückgezogen

## Statistics
stats-title = Statistik
stats-intro = Ausgestellte und widerrufene Nachweise nach Leistung und Monat der Verleihung.
stats-month = Monat
stats-issued = Ausgestellt
stats-revoked = Widerrufen
stats-total = Gesamt
cred-month-year = { $month ->
    [m1] { month-1 }
    [m2] { month-2 }
    [m3] { month-3 }
    [m4] { month-4 }
    [m5] { month-5 }
    [m6] { month-6 }
    [m7] { month-7 }
    [m8] { month-8 }
    [m9] { month-9 }
    [m10] { month-10 }
    [m11] { month-11 }
   *[m12] { month-12 }
} { $year }

## Delegations
delegations-title = Übertragungen
delegations-intro = Eine Übertragung erlaubt einer anderen Einrichtung, Nachweise für eine Ihrer Leistungen auszustellen, in Ihrem Namen und mit ihrem eigenen Schlüssel.
delegations-given = Erteilt
delegations-none-given = Sie haben keine Leistung übertragen.
delegations-received = Erhalten
delegations-none-received = Keine Einrichtung hat Ihnen eine Leistung übertragen.
delegations-from = Übertragen von
delegations-ended = beendet
delegations-give = Übertragung erteilen
delegations-give-intro = Wählen Sie eine Ihrer Leistungen und die Einrichtung, die sie ausstellen darf.
cred-field-delegate = Beauftragte Einrichtung
cred-hint-delegate = Ihr did:key, wie ihre Startseite ihn zeigt (did:key:z6Mk…).
cred-field-from = Ab
cred-hint-from = Leer gelassen: heute.
cred-hint-until = Leer gelassen: bis Sie sie beenden.
cred-action-delegate = Übertragen
cred-action-end-delegation = Beenden
cred-done-delegation-given = Übertragung veröffentlicht.
cred-done-delegation-ended = Übertragung beendet.
