# The dashboard's credentials pages (lv).

nav-achievements = Sasniegumi
nav-credentials = Apliecinājumi
nav-verify = Pārbaudīt

## The achievement catalogue
achievements-title = Sasniegumi
achievements-intro = Tas, par ko šī iestāde izsniedz apliecinājumus, ar visiem mikrokvalifikācijas elementiem, ko prasa Padomes ieteikums. Partneri tos redz tīklā.
achievements-new = Jauns sasniegums
achievements-none = Sasniegumu vēl nav.
achievements-new-title = Jauns sasniegums
achievements-edit-title = Rediģēt sasniegumu
achievements-elements = Mikrokvalifikācijas elementi
achievements-workload = Slodze
achievements-withdraw-warning = Atsaukšana izņem sasniegumu no tīkla. Jau izsniegtie apliecinājumi paliek derīgi; jaunus vairs nevar izsniegt.
cred-ects-credits = { $n } ECTS
cred-hours-n = { $n } stundas
cred-field-nqf = Nacionālā kvalifikāciju ietvarstruktūras līmenis
cred-hint-nqf = Tā, kā to raksta jūsu valsts, piemēram, “LKI 4”.
cred-field-ects = ECTS kredītpunkti
cred-hint-ects = Paredzētā slodze ECTS kredītpunktos, piemēram, 5 vai 7,5.
cred-field-assessment = Vērtēšana
cred-hint-assessment = Kā tiek vērtēti mācīšanās rezultāti.
cred-field-supervision = Uzraudzība un identitātes pārbaude
cred-field-quality-assurance = Kvalitātes nodrošināšana
cred-hint-quality-assurance = Kas un kā nodrošina mācību un vērtēšanas kvalitāti.
cred-field-prerequisites = Priekšnosacījumi
cred-field-stackability = Apvienojamība
cred-field-esco-skills = ESCO prasmes
cred-hint-esco-skills = Viena ESCO prasmes adrese katrā rindā.
cred-field-further-information = Papildu informācija
cred-hint-country = Ja atstāj tukšu, jūsu profila valsts.
cred-hint-languages = Mācību un vērtēšanas valodas; ja atstāj tukšu, jūsu profila valodas.
cred-enum-unsupervised = Bez uzraudzības un identitātes pārbaudes
cred-enum-supervised-online = Uzraudzīts tiešsaistē, ar identitātes pārbaudi
cred-enum-on-site-identity-check = Uzraudzīts klātienē, ar identitātes pārbaudi
cred-enum-standalone = Patstāvīgs
cred-enum-stackable = Apvienojams lielākā apliecinājumā

## Issuing
cred-issue-title = Izsniegt vienam izglītojamajam
cred-issue-intro = Apliecinājumu uzreiz paraksta ar šīs iestādes atslēgu. Visai grupai augšupielādējiet failu:
cred-issue-no-achievements = Vēl nav neviena sasnieguma, ko izsniegt.
cred-field-achievement = Sasniegums
cred-field-learner-name = Izglītojamā vārds
cred-field-learner-email = Izglītojamā e-pasts
cred-hint-learner-email = Nav obligāts. Apliecinājumā tas ir tikai kā sālīts jaucējkods, lai izglītojamais varētu pierādīt, ka apliecinājums ir viņa.
cred-field-grade = Vērtējums
cred-field-date = Piešķirts
cred-hint-date = Diena, kad izglītojamais to ieguva; ja atstāj tukšu, šodiena.
cred-field-valid-until = Derīgs līdz
cred-hint-valid-until = Ja atstāj tukšu, apliecinājuma derīgums nebeidzas.
cred-action-issue = Izsniegt apliecinājumu
cred-delegated-achievement = { $achievement } (deleģējis { $from })

## Issuing to a class
class-title = Izsniegt grupai
class-intro = Augšupielādējiet CSV failu ar vienu izglītojamo katrā rindā. Tiek izsniegtas visas rindas vai neviena: ja kāda rinda ir kļūdaina, nekas netiek izsniegts, un katra problēma ir uzskaitīta pa rindām.
cred-field-class-file = Grupas fails (CSV)
cred-hint-class-file = UTF-8 teksts, atdalīts ar komatiem, ar virsrakstu rindu, kurā nosauktas tālāk minētās kolonnas. Šūnas ar komatiem liek pēdiņās.
cred-hint-class-achievement = Katrai rindai, kurai nav savas kolonnas achievement.
cred-action-issue-class = Izsniegt grupai
class-template = Lejupielādēt veidni
class-columns = Kolonnas
class-columns-intro = Obligāta ir tikai learner_name; citas kolonnas var izlaist vai atstāt tukšas.
class-column = Kolonna
class-meaning = Nozīme
class-column-learner-name = Izglītojamā vārds, kā tas redzams apliecinājumā (obligāts).
class-column-learner-email = Izglītojamā e-pasts, glabāts tikai kā sālīts jaucējkods.
class-column-grade = Vērtējums, kā to raksta jūsu skola.
class-column-date = Diena, kad izglītojamais to ieguva, GGGG-MM-DD; tukšs: šodiena.
class-column-valid-until = Pēdējā derīguma diena, GGGG-MM-DD; tukšs: derīgums nebeidzas.
class-column-achievement = Sasnieguma identifikators, ja tas nav augstāk izvēlētais.
class-refused = Nekas netika izsniegts. Failā labojamas problēmas: { $n }.
class-problems = Problēmas pa rindām
class-row = Rinda
class-line = Rinda failā
class-rule = Kas ir nepareizi
class-unreadable = Failu nevar nolasīt kā CSV: { $error }
class-unknown-column = Nezināma kolonna “{ $column }”. Kolonnas ir { $columns }.
class-no-name-column = Virsrakstu rindā vajadzīga kolonna learner_name.
class-no-achievement = nav sasnieguma: izvēlieties to augstāk vai aizpildiet kolonnu
class-no-rows = Failā ir virsrakstu rinda, bet nav izglītojamo.

## The list and one credential
credentials-title = Apliecinājumi
credentials-filter = Filtrēt apliecinājumus
credentials-none = Apliecinājumi vēl nav izsniegti.
credentials-none-match = Neviens apliecinājums neatbilst filtriem.
credentials-shown = Parādīti: { $shown } no { $total }.
cred-filter-any = Jebkurš
cred-filter-month = Piešķiršanas mēnesis
cred-hint-filter-month = GGGG-MM, piemēram, 2027-05.
cred-action-filter = Filtrēt
cred-status = Statuss
cred-status-valid = Derīgs
cred-status-revoked = Atsaukts
cred-revoked-on = Atsaukts { $date }: { $reason }
cred-awarded = Piešķirts
cred-email = Satur izglītojamā e-pastu (jaucējkodā)
cred-issued-at = Parakstīts
cred-achievement-author = Sasnieguma publicētājs
cred-id = Apliecinājuma identifikators
cred-downloads = Lejupielādēt un kopīgot
cred-downloads-intro = Izglītojamais patur failu; ikviens to var pārbaudīt, nejautājot šim mezglam.
cred-download-json = Open Badges 3.0 (JSON)
cred-download-jwt = VC-JWT
cred-certificate = Drukājams sertifikāts
cred-verify = Pārbaudīt apliecinājumu
cred-done-issued = Apliecinājums izsniegts.
cred-done-revoked = Apliecinājums atsaukts.
cred-done-class-issued = Izsniegti apliecinājumi: { $n }.
cred-action-revoke = Atsaukt
cred-revoke-title = Atsaukt apliecinājumu
cred-revoke-warning = Atsaukums tiek publicēts visā tīklā, un to nevar atcelt. Pēc tam apliecinājums neiztur nevienu pārbaudi.
cred-field-reason = Iemesls
cred-revoke-choose-reason = izvēlieties iemeslu
cred-reason-issued-in-error = Izsniegts kļūdas pēc
cred-reason-superseded = Aizstāts ar citu apliecinājumu
cred-reason-misconduct = Pārkāpums
cred-reason-withdrawn = Atsaukts

## Statistics
stats-title = Statistika
stats-intro = Izsniegtie un atsauktie apliecinājumi pa sasniegumiem un piešķiršanas mēnešiem.
stats-month = Mēnesis
stats-issued = Izsniegti
stats-revoked = Atsaukti
stats-total = Kopā
cred-month-year = { $year }. gada { $month ->
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
}

## Delegations
delegations-title = Deleģējumi
delegations-intro = Deleģējums ļauj citai iestādei izsniegt apliecinājumus par kādu no jūsu sasniegumiem jūsu vārdā un ar savu atslēgu.
delegations-given = Piešķirtie
delegations-none-given = Jūs neesat deleģējuši nevienu sasniegumu.
delegations-received = Saņemtie
delegations-none-received = Neviena iestāde jums nav deleģējusi sasniegumu.
delegations-from = Deleģējis
delegations-ended = beidzies
delegations-give = Piešķirt deleģējumu
delegations-give-intro = Izvēlieties vienu no saviem sasniegumiem un iestādi, kas to drīkst izsniegt.
cred-field-delegate = Deleģētā iestāde
cred-hint-delegate = Tās did:key, kā to rāda tās sākumlapa (did:key:z6Mk…).
cred-field-from = No
cred-hint-from = Ja atstāj tukšu, šodiena.
cred-hint-until = Ja atstāj tukšu, līdz jūs to izbeidzat.
cred-action-delegate = Deleģēt
cred-action-end-delegation = Izbeigt
cred-done-delegation-given = Deleģējums publicēts.
cred-done-delegation-ended = Deleģējums izbeigts.
