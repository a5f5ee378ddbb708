# The dashboard's credentials pages (lt).

nav-achievements = Pasiekimai
nav-credentials = Pažymėjimai
nav-verify = Tikrinti

## The achievement catalogue
achievements-title = Pasiekimai
achievements-intro = Už ką ši institucija išduoda pažymėjimus, su visais mikrokredencialo elementais, kurių reikalauja Tarybos rekomendacija. Partneriai juos mato tinkle.
achievements-new = Naujas pasiekimas
achievements-none = Pasiekimų dar nėra.
achievements-new-title = Naujas pasiekimas
achievements-edit-title = Redaguoti pasiekimą
achievements-elements = Mikrokredencialo elementai
achievements-workload = Darbo krūvis
achievements-withdraw-warning = Atšaukus pasiekimas pašalinamas iš tinklo. Jau išduoti pažymėjimai lieka galioti; naujų išduoti nebegalima.
cred-ects-credits = { $n } ECTS
cred-hours-n = { $n } val.
cred-field-nqf = Nacionalinės kvalifikacijų sandaros lygis
cred-hint-nqf = Taip, kaip jį rašo jūsų šalis, pavyzdžiui, „LTKS IV“.
cred-field-ects = ECTS kreditai
cred-hint-ects = Numatomas darbo krūvis ECTS kreditais, pavyzdžiui, 5 arba 7,5.
cred-field-assessment = Vertinimas
cred-hint-assessment = Kaip vertinami mokymosi rezultatai.
cred-field-supervision = Priežiūra ir tapatybės patikra
cred-field-quality-assurance = Kokybės užtikrinimas
cred-hint-quality-assurance = Kas ir kaip užtikrina mokymosi ir vertinimo kokybę.
cred-field-prerequisites = Būtinos sąlygos
cred-field-stackability = Jungiamumas
cred-field-esco-skills = ESCO įgūdžiai
cred-hint-esco-skills = Po vieną ESCO įgūdžio adresą eilutėje.
cred-field-further-information = Papildoma informacija
cred-hint-country = Palikus tuščią – jūsų profilio šalis.
cred-hint-languages = Mokymosi ir vertinimo kalbos; palikus tuščią – jūsų profilio kalbos.
cred-enum-unsupervised = Be priežiūros ir tapatybės patikros
cred-enum-supervised-online = Prižiūrima nuotoliu, tikrinant tapatybę
cred-enum-on-site-identity-check = Prižiūrima vietoje, tikrinant tapatybę
cred-enum-standalone = Savarankiškas
cred-enum-stackable = Jungiamas į didesnį pažymėjimą

## Issuing
cred-issue-title = Išduoti vienam besimokančiajam
cred-issue-intro = Pažymėjimas iškart pasirašomas šios institucijos raktu. Visai grupei įkelkite failą:
cred-issue-no-achievements = Dar nėra pasiekimo, kurį būtų galima išduoti.
cred-field-achievement = Pasiekimas
cred-field-learner-name = Besimokančiojo vardas ir pavardė
cred-field-learner-email = Besimokančiojo el. paštas
cred-hint-learner-email = Neprivaloma. Pažymėjime jis saugomas tik kaip sūdyta maiša, kad besimokantysis galėtų įrodyti, jog pažymėjimas jo.
cred-field-grade = Įvertinimas
cred-field-date = Suteikta
cred-hint-date = Diena, kai besimokantysis jį pelnė; palikus tuščią – šiandien.
cred-field-valid-until = Galioja iki
cred-hint-valid-until = Palikus tuščią, pažymėjimo galiojimas nesibaigia.
cred-action-issue = Išduoti pažymėjimą
cred-delegated-achievement = { $achievement } (delegavo { $from })

## Issuing to a class
class-title = Išduoti grupei
class-intro = Įkelkite CSV failą, kuriame kiekvienoje eilutėje – vienas besimokantysis. Išduodamos visos eilutės arba nė viena: jei kuri nors eilutė klaidinga, nieko neišduodama, o kiekviena problema nurodoma pagal eilutę.
cred-field-class-file = Grupės failas (CSV)
cred-hint-class-file = UTF-8 tekstas, atskirtas kableliais, su antraštės eilute, kurioje nurodyti toliau pateikti stulpeliai. Langeliai su kableliais rašomi kabutėse.
cred-hint-class-achievement = Kiekvienai eilutei, kurioje nėra savo stulpelio achievement.
cred-action-issue-class = Išduoti grupei
class-template = Atsisiųsti šabloną
class-columns = Stulpeliai
class-columns-intro = Privalomas tik learner_name; kitus stulpelius galima praleisti arba palikti tuščius.
class-column = Stulpelis
class-meaning = Reikšmė
class-column-learner-name = Besimokančiojo vardas ir pavardė, kaip jie rašomi pažymėjime (privaloma).
class-column-learner-email = Besimokančiojo el. paštas, saugomas tik kaip sūdyta maiša.
class-column-grade = Įvertinimas, kaip jį rašo jūsų mokykla.
class-column-date = Diena, kai besimokantysis jį pelnė, MMMM-MM-DD; tuščia – šiandien.
class-column-valid-until = Paskutinė galiojimo diena, MMMM-MM-DD; tuščia – galiojimas nesibaigia.
class-column-achievement = Pasiekimo identifikatorius, kai tai ne aukščiau pasirinktas pasiekimas.
class-refused = Nieko neišduota. Faile taisytinų problemų: { $n }.
class-problems = Problemos pagal eilutes
class-row = Eilutė
class-line = Eilutė faile
class-rule = Kas negerai
class-unreadable = Failo negalima perskaityti kaip CSV: { $error }
class-unknown-column = Nežinomas stulpelis „{ $column }“. Stulpeliai: { $columns }.
class-no-name-column = Antraštės eilutėje reikia stulpelio learner_name.
class-no-achievement = nėra pasiekimo: pasirinkite jį aukščiau arba užpildykite stulpelį
class-no-rows = Faile yra antraštės eilutė, bet nėra besimokančiųjų.

## The list and one credential
credentials-title = Pažymėjimai
credentials-filter = Filtruoti pažymėjimus
credentials-none = Pažymėjimų dar neišduota.
credentials-none-match = Filtrus atitinkančių pažymėjimų nėra.
credentials-shown = Rodoma: { $shown } iš { $total }.
cred-filter-any = Bet kuris
cred-filter-month = Suteikimo mėnuo
cred-hint-filter-month = MMMM-MM, pavyzdžiui, 2027-05.
cred-action-filter = Filtruoti
cred-status = Būsena
cred-status-valid = Galioja
cred-status-revoked = Atšauktas
cred-revoked-on = Atšauktas { $date }: { $reason }
cred-awarded = Suteikta
cred-email = Turi besimokančiojo el. paštą (maišos pavidalu)
cred-issued-at = Pasirašyta
cred-achievement-author = Pasiekimo skelbėjas
cred-id = Pažymėjimo identifikatorius
cred-downloads = Atsisiųsti ir dalintis
cred-downloads-intro = Failą pasilieka besimokantysis; bet kas gali jį patikrinti, neklausdamas šio mazgo.
cred-download-json = Open Badges 3.0 (JSON)
cred-download-jwt = VC-JWT
cred-certificate = Spausdinamas pažymėjimas
cred-verify = Patikrinti pažymėjimą
cred-done-issued = Pažymėjimas išduotas.
cred-done-revoked = Pažymėjimas atšauktas.
cred-done-class-issued = Išduota pažymėjimų: { $n }.
cred-action-revoke = Atšaukti
cred-revoke-title = Atšaukti pažymėjimą
cred-revoke-warning = Atšaukimas skelbiamas visame tinkle ir jo negalima atšaukti. Po to pažymėjimas neišlaiko nė vienos patikros.
cred-field-reason = Priežastis
cred-revoke-choose-reason = pasirinkite priežastį
cred-reason-issued-in-error = Išduotas per klaidą
cred-reason-superseded = Pakeistas kitu pažymėjimu
cred-reason-misconduct = Nesąžiningas elgesys
cred-reason-withdrawn = Atšauktas

## Statistics
stats-title = Statistika
stats-intro = Išduoti ir atšaukti pažymėjimai pagal pasiekimą ir suteikimo mėnesį.
stats-month = Mėnuo
stats-issued = Išduota
stats-revoked = Atšaukta
stats-total = Iš viso
cred-month-year = { $year } m. { $month ->
    [m1] sausis
    [m2] vasaris
    [m3] kovas
    [m4] balandis
    [m5] gegužė
    [m6] birželis
    [m7] liepa
    [m8] rugpjūtis
    [m9] rugsėjis
    [m10] spalis
    [m11] lapkritis
   *[m12] gruodis
}

## Delegations
delegations-title = Delegavimai
delegations-intro = Delegavimas leidžia kitai institucijai išduoti pažymėjimus už vieną iš jūsų pasiekimų jūsų vardu ir savo raktu.
delegations-given = Suteikti
delegations-none-given = Jūs nedelegavote nė vieno pasiekimo.
delegations-received = Gauti
delegations-none-received = Nė viena institucija jums nedelegavo pasiekimo.
delegations-from = Delegavo
delegations-ended = baigėsi
delegations-give = Suteikti delegavimą
delegations-give-intro = Pasirinkite vieną iš savo pasiekimų ir instituciją, kuri gali jį išduoti.
cred-field-delegate = Įgaliota institucija
cred-hint-delegate = Jos did:key, kaip jį rodo jos pradžios puslapis (did:key:z6Mk…).
cred-field-from = Nuo
cred-hint-from = Palikus tuščią – šiandien.
cred-hint-until = Palikus tuščią – kol jį nutrauksite.
cred-action-delegate = Deleguoti
cred-action-end-delegation = Nutraukti
cred-done-delegation-given = Delegavimas paskelbtas.
cred-done-delegation-ended = Delegavimas nutrauktas.
