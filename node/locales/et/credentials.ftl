# The dashboard's credentials pages (et).

nav-achievements = Saavutused
nav-credentials = Tõendid
nav-verify = Kontrolli

## The achievement catalogue
achievements-title = Saavutused
achievements-intro = See, mille eest see asutus tõendeid väljastab, koos kõigi mikrokvalifikatsiooni osadega, mida nõukogu soovitus nõuab. Partnerid näevad neid võrgus.
achievements-new = Uus saavutus
achievements-none = Saavutusi veel pole.
achievements-new-title = Uus saavutus
achievements-edit-title = Muuda saavutust
achievements-elements = Mikrokvalifikatsiooni osad
achievements-workload = Töömaht
achievements-withdraw-warning = Tagasivõtmine eemaldab saavutuse võrgust. Juba väljastatud tõendid jäävad kehtima; uusi enam väljastada ei saa.
cred-ects-credits = { $n } EAP (ECTS)
cred-hours-n = { $n } tundi
cred-field-nqf = Riikliku kvalifikatsiooniraamistiku tase
cred-hint-nqf = Nii, nagu teie riik selle kirjutab, näiteks „EKR 4”.
cred-field-ects = ECTS-ainepunktid
cred-hint-ects = Eeldatav töömaht ECTS-ainepunktides, näiteks 5 või 7,5.
cred-field-assessment = Hindamine
cred-hint-assessment = Kuidas õpiväljundeid hinnatakse.
cred-field-supervision = Järelevalve ja isikusamasuse kontroll
cred-field-quality-assurance = Kvaliteedi tagamine
cred-hint-quality-assurance = Kes tagab õppe ja hindamise kvaliteedi ning kuidas.
cred-field-prerequisites = Eeldused
cred-field-stackability = Kombineeritavus
cred-field-esco-skills = ESCO oskused
cred-hint-esco-skills = Üks ESCO oskuse aadress rea kohta.
cred-field-further-information = Lisateave
cred-hint-country = Tühjaks jättes teie profiili riik.
cred-hint-languages = Õppe ja hindamise keeled; tühjaks jättes teie profiili keeled.
cred-enum-unsupervised = Järelevalveta, isikut ei kontrollita
cred-enum-supervised-online = Järelevalve veebis, isikut kontrollitakse
cred-enum-on-site-identity-check = Järelevalve kohapeal, isikut kontrollitakse
cred-enum-standalone = Iseseisev
cred-enum-stackable = Kombineeritav suuremaks tõendiks

## Issuing
cred-issue-title = Väljasta ühele õppijale
cred-issue-intro = Tõend allkirjastatakse kohe asutuse võtmega. Terve rühma jaoks laadige selle asemel üles fail:
cred-issue-no-achievements = Väljastatavat saavutust veel pole.
cred-field-achievement = Saavutus
cred-field-learner-name = Õppija nimi
cred-field-learner-email = Õppija e-post
cred-hint-learner-email = Vabatahtlik. Tõend sisaldab seda ainult soolatud räsina, et õppija saaks tõestada, et tõend on tema oma.
cred-field-grade = Hinne
cred-field-date = Omistatud
cred-hint-date = Päev, mil õppija saavutuse omandas; tühjaks jättes täna.
cred-field-valid-until = Kehtib kuni
cred-hint-valid-until = Tühjaks jättes tõend ei aegu.
cred-action-issue = Väljasta tõend
cred-delegated-achievement = { $achievement } (volitaja { $from })

## Issuing to a class
class-title = Väljasta rühmale
class-intro = Laadige üles CSV-fail, kus igal real on üks õppija. Väljastatakse kõik read või mitte ühtegi: kui mõni rida on vale, ei väljastata midagi ja iga probleem loetletakse rea kaupa.
cred-field-class-file = Rühma fail (CSV)
cred-hint-class-file = UTF-8 tekst, komadega eraldatud, päiserida nimetab allolevad veerud. Komasid sisaldavad lahtrid käivad jutumärkidesse.
cred-hint-class-achievement = Igale reale, millel pole oma veergu achievement.
cred-action-issue-class = Väljasta rühmale
class-template = Laadi alla mall
class-columns = Veerud
class-columns-intro = Kohustuslik on ainult learner_name; teised veerud võib ära jätta või tühjaks jätta.
class-column = Veerg
class-meaning = Tähendus
class-column-learner-name = Õppija nimi nii, nagu see tõendil on (kohustuslik).
class-column-learner-email = Õppija e-post, hoitakse ainult soolatud räsina.
class-column-grade = Hinne nii, nagu teie kool selle kirjutab.
class-column-date = Päev, mil õppija saavutuse omandas, AAAA-KK-PP; tühi: täna.
class-column-valid-until = Viimane kehtivuspäev, AAAA-KK-PP; tühi: ei aegu.
class-column-achievement = Saavutuse tunnus, kui see pole ülal valitud saavutus.
class-refused = Midagi ei väljastatud. Failis parandamist vajavaid probleeme: { $n }.
class-problems = Probleemid rea kaupa
class-row = Rida
class-line = Rida failis
class-rule = Mis on valesti
class-unreadable = Faili ei saa CSV-na lugeda: { $error }
class-unknown-column = Tundmatu veerg „{ $column }”. Veerud on { $columns }.
class-no-name-column = Päisereal peab olema veerg learner_name.
class-no-achievement = saavutus puudub: valige see ülal või täitke veerg
class-no-rows = Failis on päiserida, kuid pole ühtegi õppijat.

## The list and one credential
credentials-title = Tõendid
credentials-filter = Filtreeri tõendeid
credentials-none = Tõendeid pole veel väljastatud.
credentials-none-match = Ükski tõend ei vasta filtritele.
credentials-shown = Näidatud: { $shown } / { $total }.
cred-filter-any = Kõik
cred-filter-month = Omistamise kuu
cred-hint-filter-month = AAAA-KK, näiteks 2027-05.
cred-action-filter = Filtreeri
cred-status = Olek
cred-status-valid = Kehtiv
cred-status-revoked = Tühistatud
cred-revoked-on = Tühistatud { $date }: { $reason }
cred-awarded = Omistatud
cred-email = Sisaldab õppija e-posti (räsina)
cred-issued-at = Allkirjastatud
cred-achievement-author = Saavutuse avaldaja
cred-id = Tõendi tunnus
cred-downloads = Laadi alla ja jaga
cred-downloads-intro = Õppija hoiab faili endale; igaüks saab seda kontrollida ilma selle sõlme poole pöördumata.
cred-download-json = Open Badges 3.0 (JSON)
cred-download-jwt = VC-JWT
cred-certificate = Prinditav tunnistus
cred-verify = Kontrolli tõendit
cred-done-issued = Tõend väljastatud.
cred-done-revoked = Tõend tühistatud.
cred-done-class-issued = Väljastatud tõendeid: { $n }.
cred-action-revoke = Tühista
cred-revoke-title = Tühista tõend
cred-revoke-warning = Tühistamine avaldatakse kogu võrgus ja seda ei saa tagasi võtta. Seejärel ei läbi tõend ühtegi kontrolli.
cred-field-reason = Põhjus
cred-revoke-choose-reason = valige põhjus
cred-reason-issued-in-error = Väljastatud ekslikult
cred-reason-superseded = Asendatud teise tõendiga
cred-reason-misconduct = Rikkumine
cred-reason-withdrawn = Tagasi võetud

## Statistics
stats-title = Statistika
stats-intro = Väljastatud ja tühistatud tõendid saavutuste ja omistamise kuude kaupa.
stats-month = Kuu
stats-issued = Väljastatud
stats-revoked = Tühistatud
stats-total = Kokku
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
delegations-title = Volitused
delegations-intro = Volitus lubab teisel asutusel väljastada tõendeid ühe teie saavutuse eest, teie nimel ja oma võtmega.
delegations-given = Antud
delegations-none-given = Te pole ühtegi saavutust volitanud.
delegations-received = Saadud
delegations-none-received = Ükski asutus pole teile saavutust volitanud.
delegations-from = Volitaja
delegations-ended = lõppenud
delegations-give = Anna volitus
delegations-give-intro = Valige üks oma saavutustest ja asutus, kes võib seda väljastada.
cred-field-delegate = Volitatud asutus
cred-hint-delegate = Selle did:key nii, nagu selle avaleht seda näitab (did:key:z6Mk…).
cred-field-from = Alates
cred-hint-from = Tühjaks jättes täna.
cred-hint-until = Tühjaks jättes kuni te selle lõpetate.
cred-action-delegate = Volita
cred-action-end-delegation = Lõpeta
cred-done-delegation-given = Volitus avaldatud.
cred-done-delegation-ended = Volitus lõpetatud.
