# The dashboard's credentials pages (sv).

nav-achievements = Prestationer
nav-credentials = Intyg
nav-verify = Kontrollera

## The achievement catalogue
achievements-title = Prestationer
achievements-intro = Det som institutionen utfärdar intyg för, med alla delar av en mikromerit som rådets rekommendation kräver. Partner ser dem i nätverket.
achievements-new = Ny prestation
achievements-none = Inga prestationer ännu.
achievements-new-title = Ny prestation
achievements-edit-title = Redigera prestationen
achievements-elements = Mikromeritens delar
achievements-workload = Arbetsbelastning
achievements-withdraw-warning = Att dra tillbaka tar bort prestationen från nätverket. Intyg som redan utfärdats för den förblir giltiga; inga nya kan utfärdas.
cred-ects-credits = { $n } ECTS
cred-hours-n = { $n } timmar
cred-field-nqf = Nivå i nationell referensram
cred-hint-nqf = Som ditt land skriver den, till exempel ”SeQF 4”.
cred-field-ects = ECTS-poäng
cred-hint-ects = Beräknad arbetsbelastning i ECTS-poäng, till exempel 5 eller 7,5.
cred-field-assessment = Bedömning
cred-hint-assessment = Hur lärandemålen bedöms.
cred-field-supervision = Övervakning och identitetskontroll
cred-field-quality-assurance = Kvalitetssäkring
cred-hint-quality-assurance = Vem som säkrar kvaliteten på lärandet och bedömningen, och hur.
cred-field-prerequisites = Förkunskapskrav
cred-field-stackability = Kombinerbarhet
cred-field-esco-skills = ESCO-färdigheter
cred-hint-esco-skills = En ESCO-färdighetsadress per rad.
cred-field-further-information = Mer information
cred-hint-country = Lämnas tomt: landet i er profil.
cred-hint-languages = Språken för lärandet och bedömningen; lämnas tomt: språken i er profil.
cred-enum-unsupervised = Utan övervakning och identitetskontroll
cred-enum-supervised-online = Övervakad på nätet, med identitetskontroll
cred-enum-on-site-identity-check = Övervakad på plats, med identitetskontroll
cred-enum-standalone = Fristående
cred-enum-stackable = Kan kombineras till ett större intyg

## Issuing
cred-issue-title = Utfärda till en deltagare
cred-issue-intro = Intyget signeras genast med institutionens nyckel. För en hel klass laddar du i stället upp en fil:
cred-issue-no-achievements = Det finns ännu ingen prestation att utfärda.
cred-field-achievement = Prestation
cred-field-learner-name = Deltagarens namn
cred-field-learner-email = Deltagarens e-post
cred-hint-learner-email = Frivilligt. Intyget bär den bara som saltad hash, så att deltagaren kan visa att intyget är hens.
cred-field-grade = Betyg
cred-field-date = Tilldelat den
cred-hint-date = Dagen deltagaren uppnådde det; lämnas tomt: i dag.
cred-field-valid-until = Giltigt till
cred-hint-valid-until = Lämnas tomt: intyget upphör inte att gälla.
cred-action-issue = Utfärda intyget
cred-delegated-achievement = { $achievement } (delegerad av { $from })

## Issuing to a class
class-title = Utfärda till en klass
class-intro = Ladda upp en CSV-fil med en deltagare per rad. Alla rader utfärdas, eller ingen: är någon rad fel utfärdas ingenting och varje problem listas per rad.
cred-field-class-file = Klassfil (CSV)
cred-hint-class-file = UTF-8-text, kommaseparerad, med en rubrikrad som namnger kolumnerna nedan. Celler med kommatecken skrivs inom dubbla citattecken.
cred-hint-class-achievement = För varje rad som saknar en egen kolumn achievement.
cred-action-issue-class = Utfärda till klassen
class-template = Ladda ner en mall
class-columns = Kolumner
class-columns-intro = Bara learner_name krävs; de andra kolumnerna kan utelämnas eller lämnas tomma.
class-column = Kolumn
class-meaning = Betydelse
class-column-learner-name = Deltagarens namn som det står på intyget (krävs).
class-column-learner-email = Deltagarens e-post, som bara sparas som saltad hash.
class-column-grade = Betyget, så som er skola skriver det.
class-column-date = Dagen deltagaren uppnådde det, ÅÅÅÅ-MM-DD; tomt: i dag.
class-column-valid-until = Sista giltighetsdag, ÅÅÅÅ-MM-DD; tomt: upphör inte att gälla.
class-column-achievement = Prestationens id, när det inte är den som valts ovan.
class-refused = Ingenting utfärdades. Problem att rätta i filen: { $n }.
class-problems = Problem per rad
class-row = Rad
class-line = Radnummer i filen
class-rule = Vad som är fel
class-unreadable = Filen kan inte läsas som CSV: { $error }
class-unknown-column = Okänd kolumn ”{ $column }”. Kolumnerna är { $columns }.
class-no-name-column = Rubrikraden behöver en kolumn learner_name.
class-no-achievement = ingen prestation: välj en ovan eller fyll i kolumnen
class-no-rows = Filen har en rubrikrad men inga deltagare.

## The list and one credential
credentials-title = Intyg
credentials-filter = Filtrera intygen
credentials-none = Inga intyg utfärdade ännu.
credentials-none-match = Inget intyg matchar filtren.
credentials-shown = Visas: { $shown } av { $total }.
cred-filter-any = Alla
cred-filter-month = Månad för tilldelning
cred-hint-filter-month = ÅÅÅÅ-MM, till exempel 2027-05.
cred-action-filter = Filtrera
cred-status = Status
cred-status-valid = Giltigt
cred-status-revoked = Återkallat
cred-revoked-on = Återkallat { $date }: { $reason }
cred-awarded = Tilldelat den
cred-email = Bär deltagarens e-post (hashad)
cred-issued-at = Signerat
cred-achievement-author = Prestationens utgivare
cred-id = Intygets id
cred-downloads = Ladda ner och dela
cred-downloads-intro = Deltagaren behåller filen; vem som helst kan kontrollera den utan att fråga den här noden.
cred-download-json = Open Badges 3.0 (JSON)
cred-download-jwt = VC-JWT
cred-certificate = Utskrivbart intyg
cred-verify = Kontrollera ett intyg
cred-done-issued = Intyget utfärdat.
cred-done-revoked = Intyget återkallat.
cred-done-class-issued = Utfärdade intyg: { $n }.
cred-action-revoke = Återkalla
cred-revoke-title = Återkalla intyget
cred-revoke-warning = En återkallelse publiceras i hela nätverket och kan inte ångras. Intyget underkänns sedan vid varje kontroll.
cred-field-reason = Skäl
cred-revoke-choose-reason = välj ett skäl
cred-reason-issued-in-error = Utfärdat av misstag
cred-reason-superseded = Ersatt av ett annat intyg
cred-reason-misconduct = Oegentlighet
cred-reason-withdrawn = Tillbakadraget

## Statistics
stats-title = Statistik
stats-intro = Utfärdade och återkallade intyg per prestation och tilldelningsmånad.
stats-month = Månad
stats-issued = Utfärdade
stats-revoked = Återkallade
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
delegations-title = Delegeringar
delegations-intro = En delegering låter en annan institution utfärda intyg för en av era prestationer, i ert namn och med sin egen nyckel.
delegations-given = Givna
delegations-none-given = Ni har inte delegerat någon prestation.
delegations-received = Mottagna
delegations-none-received = Ingen institution har delegerat en prestation till er.
delegations-from = Delegerad av
delegations-ended = avslutad
delegations-give = Ge en delegering
delegations-give-intro = Välj en av era prestationer och den institution som får utfärda den.
cred-field-delegate = Delegerad institution
cred-hint-delegate = Dess did:key, som dess startsida visar den (did:key:z6Mk…).
cred-field-from = Från
cred-hint-from = Lämnas tomt: i dag.
cred-hint-until = Lämnas tomt: tills ni avslutar den.
cred-action-delegate = Delegera
cred-action-end-delegation = Avsluta
cred-done-delegation-given = Delegeringen publicerad.
cred-done-delegation-ended = Delegeringen avslutad.
