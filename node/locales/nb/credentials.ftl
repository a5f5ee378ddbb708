# The dashboard's credentials pages (nb).

nav-achievements = Prestasjoner
nav-credentials = Kompetansebevis
nav-verify = Kontroller

## The achievement catalogue
achievements-title = Prestasjoner
achievements-intro = Det denne institusjonen utsteder kompetansebevis for, med alle elementene i et mikrokompetansebevis som rådsanbefalingen krever. Partnere ser dem i nettverket.
achievements-new = Ny prestasjon
achievements-none = Ingen prestasjoner ennå.
achievements-new-title = Ny prestasjon
achievements-edit-title = Rediger prestasjonen
achievements-elements = Elementene i mikrokompetansebeviset
achievements-workload = Arbeidsmengde
achievements-withdraw-warning = Å trekke tilbake fjerner prestasjonen fra nettverket. Kompetansebevis som allerede er utstedt, forblir gyldige; nye kan ikke utstedes.
cred-ects-credits = { $n } studiepoeng (ECTS)
cred-hours-n = { $n } timer
cred-field-nqf = Nivå i nasjonalt kvalifikasjonsrammeverk
cred-hint-nqf = Slik landet ditt skriver det, for eksempel «NKR 4».
cred-field-ects = ECTS-studiepoeng
cred-hint-ects = Beregnet arbeidsmengde i ECTS-studiepoeng, for eksempel 5 eller 7,5.
cred-field-assessment = Vurdering
cred-hint-assessment = Hvordan læringsutbyttet vurderes.
cred-field-supervision = Tilsyn og identitetskontroll
cred-field-quality-assurance = Kvalitetssikring
cred-hint-quality-assurance = Hvem som sikrer kvaliteten på læringen og vurderingen, og hvordan.
cred-field-prerequisites = Forkunnskapskrav
cred-field-stackability = Kombinerbarhet
cred-field-esco-skills = ESCO-ferdigheter
cred-hint-esco-skills = Én ESCO-ferdighetsadresse per linje.
cred-field-further-information = Mer informasjon
cred-hint-country = Stå tomt: landet i profilen deres.
cred-hint-languages = Språkene for læringen og vurderingen; stå tomt: språkene i profilen deres.
cred-enum-unsupervised = Uten tilsyn og identitetskontroll
cred-enum-supervised-online = Tilsyn på nett, med identitetskontroll
cred-enum-on-site-identity-check = Tilsyn på stedet, med identitetskontroll
cred-enum-standalone = Frittstående
cred-enum-stackable = Kan kombineres til et større kompetansebevis

## Issuing
cred-issue-title = Utsted til én elev
cred-issue-intro = Kompetansebeviset signeres straks med institusjonens nøkkel. For en hel klasse laster du i stedet opp en fil:
cred-issue-no-achievements = Det finnes ennå ingen prestasjon å utstede.
cred-field-achievement = Prestasjon
cred-field-learner-name = Elevens navn
cred-field-learner-email = Elevens e-post
cred-hint-learner-email = Valgfritt. Kompetansebeviset bærer den bare som saltet hash, slik at eleven kan vise at beviset er elevens.
cred-field-grade = Karakter
cred-field-date = Tildelt
cred-hint-date = Dagen eleven oppnådde det; stå tomt: i dag.
cred-field-valid-until = Gyldig til
cred-hint-valid-until = Stå tomt: kompetansebeviset utløper ikke.
cred-action-issue = Utsted kompetansebeviset
cred-delegated-achievement = { $achievement } (delegert av { $from })

## Issuing to a class
class-title = Utsted til en klasse
class-intro = Last opp en CSV-fil med én elev per rad. Alle radene utstedes, eller ingen: er en rad feil, utstedes ingenting, og hvert problem vises per rad.
cred-field-class-file = Klassefil (CSV)
cred-hint-class-file = UTF-8-tekst, kommaseparert, med en overskriftsrad som navngir kolonnene nedenfor. Celler med komma skrives i doble anførselstegn.
cred-hint-class-achievement = For hver rad uten egen kolonne achievement.
cred-action-issue-class = Utsted til klassen
class-template = Last ned en mal
class-columns = Kolonner
class-columns-intro = Bare learner_name er påkrevd; de andre kolonnene kan utelates eller stå tomme.
class-column = Kolonne
class-meaning = Betydning
class-column-learner-name = Elevens navn slik det står på kompetansebeviset (påkrevd).
class-column-learner-email = Elevens e-post, lagret bare som saltet hash.
class-column-grade = Karakteren, slik skolen deres skriver den.
class-column-date = Dagen eleven oppnådde det, ÅÅÅÅ-MM-DD; tomt: i dag.
class-column-valid-until = Siste gyldighetsdag, ÅÅÅÅ-MM-DD; tomt: utløper ikke.
class-column-achievement = Prestasjonens id, når det ikke er den som er valgt ovenfor.
class-refused = Ingenting ble utstedt. Problemer å rette i filen: { $n }.
class-problems = Problemer per rad
class-row = Rad
class-line = Linje i filen
class-rule = Hva som er feil
class-unreadable = Filen kan ikke leses som CSV: { $error }
class-unknown-column = Ukjent kolonne «{ $column }». Kolonnene er { $columns }.
class-no-name-column = Overskriftsraden må ha en kolonne learner_name.
class-no-achievement = ingen prestasjon: velg en ovenfor eller fyll ut kolonnen
class-no-rows = Filen har en overskriftsrad, men ingen elever.

## The list and one credential
credentials-title = Kompetansebevis
credentials-filter = Filtrer kompetansebevisene
credentials-none = Ingen kompetansebevis utstedt ennå.
credentials-none-match = Ingen kompetansebevis passer til filtrene.
credentials-shown = Vist: { $shown } av { $total }.
cred-filter-any = Alle
cred-filter-month = Måned for tildeling
cred-hint-filter-month = ÅÅÅÅ-MM, for eksempel 2027-05.
cred-action-filter = Filtrer
cred-status = Status
cred-status-valid = Gyldig
cred-status-revoked = Tilbakekalt
cred-revoked-on = Tilbakekalt { $date }: { $reason }
cred-awarded = Tildelt
cred-email = Bærer elevens e-post (som hash)
cred-issued-at = Signert
cred-achievement-author = Prestasjonens utgiver
cred-id = Kompetansebevisets id
cred-downloads = Last ned og del
cred-downloads-intro = Eleven beholder filen; hvem som helst kan kontrollere den uten å spørre denne noden.
cred-download-json = Open Badges 3.0 (JSON)
cred-download-jwt = VC-JWT
cred-certificate = Utskriftsvennlig bevis
cred-verify = Kontroller et kompetansebevis
cred-done-issued = Kompetansebeviset er utstedt.
cred-done-revoked = Kompetansebeviset er tilbakekalt.
cred-done-class-issued = Utstedte kompetansebevis: { $n }.
cred-action-revoke = Tilbakekall
cred-revoke-title = Tilbakekall kompetansebeviset
cred-revoke-warning = En tilbakekalling publiseres i hele nettverket og kan ikke angres. Kompetansebeviset avvises deretter ved enhver kontroll.
cred-field-reason = Grunn
cred-revoke-choose-reason = velg en grunn
cred-reason-issued-in-error = Utstedt ved en feil
cred-reason-superseded = Erstattet av et annet kompetansebevis
cred-reason-misconduct = Uredelighet
cred-reason-withdrawn = Trukket tilbake

## Statistics
stats-title = Statistikk
stats-intro = Utstedte og tilbakekalte kompetansebevis per prestasjon og tildelingsmåned.
stats-month = Måned
stats-issued = Utstedt
stats-revoked = Tilbakekalt
stats-total = Totalt
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
delegations-title = Delegeringer
delegations-intro = En delegering lar en annen institusjon utstede kompetansebevis for en av prestasjonene deres, i deres navn og med sin egen nøkkel.
delegations-given = Gitt
delegations-none-given = Dere har ikke delegert noen prestasjon.
delegations-received = Mottatt
delegations-none-received = Ingen institusjon har delegert en prestasjon til dere.
delegations-from = Delegert av
delegations-ended = avsluttet
delegations-give = Gi en delegering
delegations-give-intro = Velg en av prestasjonene deres og institusjonen som får utstede den.
cred-field-delegate = Delegert institusjon
cred-hint-delegate = Dens did:key, slik forsiden dens viser den (did:key:z6Mk…).
cred-field-from = Fra
cred-hint-from = Stå tomt: i dag.
cred-hint-until = Stå tomt: til dere avslutter den.
cred-action-delegate = Deleger
cred-action-end-delegation = Avslutt
cred-done-delegation-given = Delegeringen er publisert.
cred-done-delegation-ended = Delegeringen er avsluttet.
