# The dashboard's credentials pages (da).

nav-achievements = Præstationer
nav-credentials = Beviser
nav-verify = Kontrollér

## The achievement catalogue
achievements-title = Præstationer
achievements-intro = Det, som denne institution udsteder beviser for, med alle de elementer af et mikrobevis, som Rådets henstilling kræver. Partnere ser dem i netværket.
achievements-new = Ny præstation
achievements-none = Ingen præstationer endnu.
achievements-new-title = Ny præstation
achievements-edit-title = Redigér præstationen
achievements-elements = Mikrobevisets elementer
achievements-workload = Arbejdsbelastning
achievements-withdraw-warning = Tilbagetrækning fjerner præstationen fra netværket. Beviser, der allerede er udstedt, forbliver gyldige; der kan ikke udstedes nye.
cred-ects-credits = { $n } ECTS
cred-hours-n = { $n } timer
cred-field-nqf = Niveau i den nationale kvalifikationsramme
cred-hint-nqf = Som dit land skriver det, for eksempel “NQF 4”.
cred-field-ects = ECTS-point
cred-hint-ects = Forventet arbejdsbelastning i ECTS-point, for eksempel 5 eller 7,5.
cred-field-assessment = Bedømmelse
cred-hint-assessment = Hvordan læringsudbyttet bedømmes.
cred-field-supervision = Tilsyn og identitetskontrol
cred-field-quality-assurance = Kvalitetssikring
cred-hint-quality-assurance = Hvem der sikrer kvaliteten af læringen og bedømmelsen, og hvordan.
cred-field-prerequisites = Forudsætninger
cred-field-stackability = Kombinerbarhed
cred-field-esco-skills = ESCO-færdigheder
cred-hint-esco-skills = Én ESCO-færdighedsadresse pr. linje.
cred-field-further-information = Yderligere oplysninger
cred-hint-country = Efterlades tom: landet i jeres profil.
cred-hint-languages = Sprogene for læringen og bedømmelsen; efterlades tom: sprogene i jeres profil.
cred-enum-unsupervised = Uden tilsyn og identitetskontrol
cred-enum-supervised-online = Tilsyn online, med identitetskontrol
cred-enum-on-site-identity-check = Tilsyn på stedet, med identitetskontrol
cred-enum-standalone = Selvstændig
cred-enum-stackable = Kan kombineres til et større bevis

## Issuing
cred-issue-title = Udsted til én elev
cred-issue-intro = Beviset signeres straks med institutionens nøgle. For et helt hold uploader du i stedet en fil:
cred-issue-no-achievements = Der er endnu ingen præstation at udstede.
cred-field-achievement = Præstation
cred-field-learner-name = Elevens navn
cred-field-learner-email = Elevens e-mail
cred-hint-learner-email = Valgfrit. Beviset indeholder den kun som saltet hash, så eleven kan vise, at beviset er elevens.
cred-field-grade = Karakter
cred-field-date = Tildelt den
cred-hint-date = Dagen, eleven opnåede det; efterlades tom: i dag.
cred-field-valid-until = Gyldigt til
cred-hint-valid-until = Efterlades tom: beviset udløber ikke.
cred-action-issue = Udsted beviset
cred-delegated-achievement = { $achievement } (delegeret af { $from })

## Issuing to a class
class-title = Udsted til et hold
class-intro = Upload en CSV-fil med én elev pr. række. Alle rækker udstedes, eller ingen: er en række forkert, udstedes intet, og hvert problem vises pr. række.
cred-field-class-file = Holdfil (CSV)
cred-hint-class-file = UTF-8-tekst, kommasepareret, med en overskriftsrække, der navngiver kolonnerne nedenfor. Celler med kommaer skrives i dobbelte anførselstegn.
cred-hint-class-achievement = For hver række uden sin egen kolonne achievement.
cred-action-issue-class = Udsted til holdet
class-template = Hent en skabelon
class-columns = Kolonner
class-columns-intro = Kun learner_name er påkrævet; de andre kolonner kan udelades eller efterlades tomme.
class-column = Kolonne
class-meaning = Betydning
class-column-learner-name = Elevens navn, som det står på beviset (påkrævet).
class-column-learner-email = Elevens e-mail, gemt kun som saltet hash.
class-column-grade = Karakteren, som jeres skole skriver den.
class-column-date = Dagen, eleven opnåede det, ÅÅÅÅ-MM-DD; tom: i dag.
class-column-valid-until = Sidste gyldighedsdag, ÅÅÅÅ-MM-DD; tom: udløber ikke.
class-column-achievement = Præstationens id, når det ikke er den, der er valgt ovenfor.
class-refused = Intet blev udstedt. Problemer at rette i filen: { $n }.
class-problems = Problemer pr. række
class-row = Række
class-line = Linje i filen
class-rule = Hvad der er galt
class-unreadable = Filen kan ikke læses som CSV: { $error }
class-unknown-column = Ukendt kolonne “{ $column }”. Kolonnerne er { $columns }.
class-no-name-column = Overskriftsrækken skal have en kolonne learner_name.
class-no-achievement = ingen præstation: vælg en ovenfor, eller udfyld kolonnen
class-no-rows = Filen har en overskriftsrække, men ingen elever.

## The list and one credential
credentials-title = Beviser
credentials-filter = Filtrér beviserne
credentials-none = Ingen beviser udstedt endnu.
credentials-none-match = Intet bevis passer til filtrene.
credentials-shown = Vist: { $shown } af { $total }.
cred-filter-any = Alle
cred-filter-month = Måned for tildeling
cred-hint-filter-month = ÅÅÅÅ-MM, for eksempel 2027-05.
cred-action-filter = Filtrér
cred-status = Status
cred-status-valid = Gyldigt
cred-status-revoked = Tilbagekaldt
cred-revoked-on = Tilbagekaldt { $date }: { $reason }
cred-awarded = Tildelt den
cred-email = Indeholder elevens e-mail (som hash)
cred-issued-at = Signeret
cred-achievement-author = Præstationens udgiver
cred-id = Bevisets id
cred-downloads = Hent og del
cred-downloads-intro = Eleven beholder filen; alle kan kontrollere den uden at spørge denne node.
cred-download-json = Open Badges 3.0 (JSON)
cred-download-jwt = VC-JWT
cred-certificate = Bevis til udskrift
cred-verify = Kontrollér et bevis
cred-done-issued = Beviset er udstedt.
cred-done-revoked = Beviset er tilbagekaldt.
cred-done-class-issued = Udstedte beviser: { $n }.
cred-action-revoke = Tilbagekald
cred-revoke-title = Tilbagekald beviset
cred-revoke-warning = En tilbagekaldelse offentliggøres i hele netværket og kan ikke fortrydes. Beviset afvises derefter ved enhver kontrol.
cred-field-reason = Årsag
cred-revoke-choose-reason = vælg en årsag
cred-reason-issued-in-error = Udstedt ved en fejl
cred-reason-superseded = Erstattet af et andet bevis
cred-reason-misconduct = Uredelighed
cred-reason-withdrawn = Trukket tilbage

## Statistics
stats-title = Statistik
stats-intro = Udstedte og tilbagekaldte beviser pr. præstation og tildelingsmåned.
stats-month = Måned
stats-issued = Udstedt
stats-revoked = Tilbagekaldt
stats-total = I alt
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
delegations-intro = En delegering lader en anden institution udstede beviser for en af jeres præstationer, i jeres navn og med sin egen nøgle.
delegations-given = Givet
delegations-none-given = I har ikke delegeret nogen præstation.
delegations-received = Modtaget
delegations-none-received = Ingen institution har delegeret en præstation til jer.
delegations-from = Delegeret af
delegations-ended = afsluttet
delegations-give = Giv en delegering
delegations-give-intro = Vælg en af jeres præstationer og den institution, der må udstede den.
cred-field-delegate = Delegeret institution
cred-hint-delegate = Dens did:key, som dens forside viser den (did:key:z6Mk…).
cred-field-from = Fra
cred-hint-from = Efterlades tom: i dag.
cred-hint-until = Efterlades tom: indtil I afslutter den.
cred-action-delegate = Delegér
cred-action-end-delegation = Afslut
cred-done-delegation-given = Delegeringen er offentliggjort.
cred-done-delegation-ended = Delegeringen er afsluttet.
