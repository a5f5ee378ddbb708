## Tinklai, susitikimai, įgūdžių poreikiai ir regiono vaizdas.

nav-networks = Tinklai
nav-events = Susitikimai
nav-region = Regionas

## Tinklai

networks-title = Tinklai
networks-intro = Regioniniai ir nacionaliniai profesinio mokymo tinklai: kas kur dirba, kuo užsiima ir kas juos sudaro.
networks-own = Jūsų tinklas
networks-own-page = Jūsų tinklo puslapis ir nariai
networks-memberships = Tinklai, kuriems priklausote
networks-no-memberships = Jūsų organizacija dar nepriklauso jokiam tinklui. Raskite tinklą toliau ir pateikite paraišką.
networks-find = Rasti tinklą
networks-none = Neatitinka nė vienas tinklas.
networks-field-region = Regionas (NUTS kodas)
networks-hint-region = NUTS 2024 kodas, pavyzdžiui, SE33 (Övre Norrland) arba FI1D: tinklai, veikiantys ten arba teritorijoje, kuri jį apima.
field-topic = Tema
hint-topic = Tinklo temų žodžių pradžios, pavyzdžiui, „pameistrystė“.
network-scope = Veiklos teritorija
network-members = Nariai
network-members-count = { NUMBER($n) ->
    [one] { $n } narys
    [few] { $n } nariai
    [many] { $n } nario
   *[other] { $n } narių
}
network-no-members = Narių dar nėra.
network-coordinator = Koordinatorius
network-meetings = Artimiausi tinklo susitikimai
member-since = Narys nuo
field-topics = Temos
field-joining = Kaip prisijungti
joining-open = Atviras: priimama kiekviena paraiška
joining-application = Pagal paraišką: sprendžia koordinatorius
network-apply = Pateikti paraišką prisijungti
network-apply-intro = Jūsų paraiška keliauja tiesiai į tinklo mazgą, o ne į visą tinklą. Koordinatorius ją priima arba atmeta ir nurodo priežastį.
field-motivation = Kodėl norite prisijungti
hint-motivation = Keli sakiniai, kuriuos skaitys koordinatorius: kas esate ir ką galite pasiūlyti.
action-apply = Siųsti paraišką
network-pending = Jūsų paraiška laukia koordinatoriaus atsakymo.
network-leave = Išstoti iš tinklo
network-leave-intro = Tinklo mazgui pranešama, ir jis atšaukia jūsų narystę.
field-reason = Priežastis
hint-reason = Neprivaloma: ją perskaitys kita pusė.
action-leave = Išstoti iš tinklo
network-done-applied = Jūsų paraiška keliauja į tinklą.
network-done-accepted = Paraiška priimta: nario rekomendacija paskelbta.
network-done-refused = Paraiška atmesta; pareiškėjui nurodoma priežastis.
network-done-left = Jūs išstojote iš tinklo.
network-done-ended = Narystė nutraukta; nariui pranešta.
network-done-profile = Jūsų tinklo profilis paskelbtas.
applications-received = Paraiškos į jūsų tinklą
applications-none-received = Paraiškų negauta.
applications-sent = Jūsų paraiškos
application-applicant = Pareiškėjas
application-network = Tinklas
application-sent-on = Išsiųsta
application-status = Būsena
application-pending = laukiama atsakymo
application-accepted = priimta
application-refused = atmesta
action-accept = Priimti
action-refuse = Atmesti
application-refuse-title = Atmesti pareiškėjo { $name } paraišką
application-refuse-intro = Pareiškėjas perskaitys jūsų priežastį, todėl nurodykite, ką jis galėtų padaryti, kad būtų priimtas.
member-end-title = Nutraukti nario { $name } narystę
member-end-intro = Nario rekomendacija atšaukiama, o nariui pranešama nurodant jūsų priežastį.
action-end-membership = Nutraukti narystę
letter-delivered = pristatyta
letter-waiting = laukiama kito mazgo
network-profile-title = Tinklo profilis
network-profile-intro = Tinklo profilį turi tik organizacija, kurios tipas yra „tinklas“. Jame nurodoma, kur tinklas veikia, kas jį koordinuoja, jo temos, darbo kalbos ir kaip prisijungti.
network-profile-field-countries = Šalys, kuriose jis veikia
field-regions = Regionai (NUTS kodai)
hint-regions = Po vieną NUTS 2024 kodą eilutėje, pavyzdžiui, SE33; palikite tuščią, jei tinklas veikia visoje savo šalių teritorijoje.
field-coordinator-name = Koordinatoriaus vardas ir pavardė
field-coordinator-email = Koordinatoriaus el. paštas
network-profile-field-languages = Darbo kalbos
network-profile-hint-topics = Po vieną temą eilutėje.

## Susitikimai

meetings-title = Susitikimai
meetings-intro = Tinklų susitikimai, konferencijos, dirbtuvės, internetiniai seminarai ir mokomieji vizitai nuo šiandien, nebent pasirinksite kitą dieną.
meetings-coming = Susitikimai
meetings-none = Susitikimų nesuplanuota.
meetings-field-kind = Susitikimo tipas
meetings-field-region = Regionas (NUTS kodas)
meetings-hint-region = NUTS 2024 kodas, pavyzdžiui, SE33: susitikimai, vykstantys jo šalyje, ir ten veikiančių tinklų susitikimai.
field-audience = Tikslinė grupė
field-from = Nuo
hint-from = Susitikimai, prasidedantys šią dieną arba vėliau.
events-title = Jūsų susitikimai
events-none = Nepaskelbėte nė vieno susitikimo.
events-new = Skelbti susitikimą
events-new-title = Skelbti susitikimą
events-edit-title = Redaguoti susitikimą
events-public-page = Susitikimo puslapis su registracijomis
field-event-kind = Susitikimo tipas
events-field-start = Pradžia
events-hint-start = Vietos data ir laikas ten, kur jis vyksta.
events-field-end = Pabaiga
events-hint-end = Vietos data ir laikas; po pradžios.
events-field-deadline = Paskutinė registracijos diena
events-field-country = Šalis
events-field-outcomes = Rezultatai
events-hint-outcomes = Po susitikimo: kas nuspręsta ar parengta, po vieną eilutėje.
events-field-minutes = Protokolai
events-hint-minutes = Po susitikimo: protokolų žiniatinklio adresai (https://), po vieną eilutėje.
events-hint-topics = Po vieną temą eilutėje.
events-field-title = Pavadinimas
field-tz = Laiko juosta
hint-tz = Pradžios ir pabaigos laiko juosta.
field-online = Nuoroda prisijungti nuotoliniu būdu
hint-online = Kur prisijungti nuotoliniu būdu (https://). Nurodykite ją, miestą ir šalį arba abu.
field-langs = Kalbos
hint-langs = Kalbos, kuriomis jis vyksta; nieko nepasirinkus, naudojamos jūsų profilio kalbos.
field-network = Tinklas
hint-network = Tinklo, kuriam jis priklauso, did:key, jei toks yra.
field-agenda = Darbotvarkė
field-capacity = Vietos
hint-capacity = Kiek dalyvių gali užsiregistruoti; palikite tuščią, jei apribojimo nėra.
field-summary = Santrauka
hint-summary = Po susitikimo: kas įvyko.
event-when = Kada
event-where = Kur
event-seats = Vietos
event-place-and-online = { $place } ir nuotoliniu būdu
event-online-only = Nuotoliniu būdu
event-registered-of = užimta { $n } iš { $of }
event-registered = užsiregistravo: { $n }
event-capacity = iš viso { $n }
event-calendar = Pridėti prie kalendoriaus (.ics)
event-after = Po susitikimo
event-attendees = Užsiregistravę dalyviai
event-attendees-private = Sąrašas lieka jūsų mazge: jį turi tik pačių dalyvių mazgai ir jūsų mazgas.
event-no-attendees = Dar niekas neužsiregistravo.
event-edit-own = Redaguoti susitikimą arba pridėti jo santrauką ir protokolus
event-register = Registracija
event-register-intro = Registracija keliauja tiesiai į organizatoriaus mazgą, o ne į visą tinklą.
event-closed-deadline = Registracija baigėsi { $day }.
event-closed-full = Visos vietos užimtos.
event-withdrawn-title = Susitikimas atšauktas
event-withdrawn-body = Jį atšaukė organizatorius.
registration-field-name = Dalyvio vardas ir pavardė
registration-field-email = Dalyvio el. paštas
action-register = Registruoti
registration-done = Registracija keliauja pas organizatorių.
registrations-sent = Jūsų registracijos
registrations-none-sent = Neužregistravote nė vieno dalyvio į susitikimą.
registration-attendee = Dalyvis
registration-event = Susitikimas
registration-sent = Išsiųsta
registration-received = Gauta
enum-network-meeting = Tinklo susitikimas
enum-conference = Konferencija
enum-workshop = Dirbtuvės
enum-webinar = Internetinis seminaras
enum-study-visit = Mokomasis vizitas
enum-school-organisers = Mokyklų steigėjai
enum-education-providers = Švietimo teikėjai
enum-guidance-counsellors = Karjeros konsultantai
enum-wbl-coordinators = Mokymosi darbo vietoje koordinatoriai
enum-head-teachers = Mokyklų vadovai
enum-teachers = Mokytojai
enum-social-partners = Socialiniai partneriai
enum-companies = Įmonės
enum-learners = Mokiniai

## Įgūdžių poreikiai ir regionas

region-title = Regionas
region-intro = Vienas regionas kaip visuma: jo organizacijos, atviri pasiūlymai, mobilumo poreikiai, reikalingi įgūdžiai, tinklai ir susitikimai bei ten išduoti mikrokredencialai.
field-code = Regionas (NUTS kodas)
hint-code = Bet kurio lygio NUTS 2024 kodas, pavyzdžiui, SE33 (Övre Norrland) arba DE60 (Hamburg).
action-show = Rodyti
region-choose = Nurodykite regiono kodą. Įrašius NUTS kodą į profilį, šis puslapis atsivers su jūsų regionu.
region-institutions = Organizacijos
region-offers = Atviri pasiūlymai
region-needs = Mobilumo poreikiai
region-issued = Išduoti mikrokredencialai
region-issued-how = Iš organizacijų skelbiamos išdavimo statistikos: skaičiai pagal pasiekimą ir ketvirtį, niekada mažesni nei 5.
region-none-issued = Šiam regionui išdavimo statistika nepaskelbta.
region-quarter = Ketvirtis
region-achievement = Pasiekimas
region-count = Išduota
region-skills-needs = Reikalingi įgūdžiai pagal profesiją
region-no-skills-needs = Šiam regionui nepaskelbta jokių įgūdžių poreikių.
region-networks = Čia veikiantys tinklai
region-meetings = Artimiausi susitikimai
region-none = Nėra.
skills-needs-title = Jūsų įgūdžių poreikiai
skills-needs-none = Nepaskelbėte nė vieno įgūdžių poreikio.
skills-needs-new = Skelbti įgūdžių poreikį
skills-needs-new-title = Skelbti įgūdžių poreikį
skills-needs-edit-title = Redaguoti įgūdžių poreikį
skills-needs-public-page = Mokyklos, kurios moko to, ko reikia pagal poreikį
skills-needs-field-region = Regionas (NUTS kodas)
skills-needs-hint-region = 2 arba 3 lygio NUTS 2024 kodas, pavyzdžiui, SE33 arba SE332.
field-occupation = Profesija (ESCO)
hint-occupation = ESCO profesijos URI, pavyzdžiui, http://data.europa.eu/esco/occupation/…
field-isco = Profesija (ISCO-08)
hint-isco = 1–4 skaitmenų ISCO-08 kodas, pavyzdžiui, 7212.
field-skills = Įgūdžiai (ESCO)
hint-skills = ESCO įgūdžių URI, po vieną eilutėje, jei norite – su pavadinimu: http://data.europa.eu/esco/skill/… MIG suvirinimas
field-people = Reikalingų žmonių skaičius
hint-people = Nurodykite žmonių skaičių arba toliau darbo rinkos padėtį, bet ne abu.
field-level = Darbo rinkos padėtis
enum-shortage = Trūkumas
enum-balance = Pusiausvyra
enum-surplus = Perteklius
field-horizon = Kiek metų į priekį
hint-horizon = Nuo 1 iki 20.
field-source = Šaltinis
hint-source = Kas nustatė poreikį: apklausa, prognozė, sektoriaus taryba.
field-link = Nuoroda
field-valid-until = Galioja iki
skills-demand = Reikia
skills-people = { NUMBER($n) ->
    [one] { $n } asmuo
    [few] { $n } asmenys
    [many] { $n } asmens
   *[other] { $n } asmenų
}
skills-years = { NUMBER($n) ->
    [one] { $n } metai
    [few] { $n } metai
    [many] { $n } metų
   *[other] { $n } metų
}
skills-match-title = Mokyklos poreikiui „{ $title }“
skills-match-schools = Mokyklos, kurios to moko
skills-match-how = Mokyklos regione ir šalia jo, pirmiausia artimiausios, paskui tinkamiausios: jų pasiekimų įgūdžiai ir sritys bei jų pasiūlymai, palyginti su tuo, ko reikia pagal poreikį.
skills-match-none = Nė viena regiono ar jo šalies mokykla dar to nemoko.
skills-match-score = Atitiktis
skills-match-proximity = Kur
proximity-same-region = Regione
proximity-same-nuts2 = Tame pačiame NUTS 2 regione
proximity-same-country = Toje pačioje šalyje
field-nuts = NUTS regionas
hint-nuts = Jūsų NUTS 2024 kodas (1–3 lygio, pavyzdžiui, SE332) regiono vaizdui.
