# vetnet valdymo skydelis lietuvių kalba. Tie patys pranešimai kaip angliškame faile.

## Datos ir skaičiai
# Mėnesių pavadinimai yra kilmininko linksnio, nes vartojami tik datose.
date = { $year } m. { $month } { $day } d.
month-1 = sausio
month-2 = vasario
month-3 = kovo
month-4 = balandžio
month-5 = gegužės
month-6 = birželio
month-7 = liepos
month-8 = rugpjūčio
month-9 = rugsėjo
month-10 = spalio
month-11 = lapkričio
month-12 = gruodžio
number-group-separator = {"\u00A0"}
weeks = { NUMBER($n) ->
    [one] { $n } savaitė
    [few] { $n } savaitės
    [many] { $n } savaitės
   *[other] { $n } savaičių
}
minutes = { $n } min.

## Rėmas
skip-to-content = Pereiti prie turinio
language = Kalba
action-change-language = Keisti
action-sign-out = Atsijungti
footer = vetnet valdymo skydelis: jį teikia jūsų pačių mazgas šiame kompiuteryje. Niekas iš čia nesiunčiama į centrinį serverį.
nav-label = Pagrindinis meniu
nav-home = Pradžia
nav-profile = Profilis
nav-offers = Mūsų pasiūlymai
nav-needs = Mūsų poreikiai
nav-search = Paieška
nav-matches = Atitikmenys
nav-mobility = Mobilumas
nav-trust = Pasitikėjimas
nav-peers = Mazgai
nav-settings = Nustatymai
no-profile-name = (profilio dar nėra)

## Prisijungimas ir atmetimai
signed-out-title = Jūs atsijungėte
signed-out-body = Norėdami atverti valdymo skydelį, paleiskite šią komandą kompiuteryje, kuriame veikia mazgas. Ji išspausdina vienkartinę prisijungimo nuorodą.
signed-out-by-you = Jūs atsijungėte. Norėdami vėl prisijungti, paleiskite šią komandą kompiuteryje, kuriame veikia mazgas.
link-used-title = Ši prisijungimo nuoroda nebegalioja
link-used-body = Prisijungimo nuoroda veikia vieną kartą ir penkias minutes. Naują gausite paleidę šią komandą kompiuteryje, kuriame veikia mazgas.
refused-title = Užklausa atmesta
refused-origin = Užklausa atėjo iš kitos svetainės. Formas šiam mazgui gali siųsti tik paties mazgo puslapiai.
refused-too-large = Forma per didelė.
refused-form = Formos nepavyko perskaityti.
refused-csrf = Formos saugos žetono nėra arba jis neteisingas. Atverkite puslapį iš naujo ir pateikite formą iš ten.
refused-internal = Mazge įvyko klaida; jos priežastis nurodyta mazgo žurnale.
refused-api = Mazgas negalėjo to atlikti. Priežastis nurodyta jo žurnale; komandinė eilutė rodo tą pačią klaidą.
not-found-title = Puslapis nerastas
not-found-body = Šiuo adresu puslapio nėra. Ieškokite to, ko reikia, meniu arba prisijunkite iš naujo:

## Formos
required = privaloma
error-prefix = Klaida:
choose-none = (nėra)
language-n = Kalba { $n }
level-n = Lygis { $n }
form-refused = Mazgas nepriėmė šios formos.
form-fix-fields = Pataisykite toliau pažymėtus laukus:
field-text-lang = Tekstų kalba
hint-text-lang = Kalba, kuria parašyti toliau esantys pavadinimas ir aprašymas. Kiti vertimai išsaugomi.
action-save = Išsaugoti
action-publish = Skelbti
action-cancel = Atšaukti
action-edit = Redaguoti
action-duplicate = Kopijuoti
action-withdraw = Atšaukti skelbimą
actions = Veiksmai
yes = Taip
no = Ne

## Įrašų laukai
field-id = Trumpasis pavadinimas (ID)
hint-id = Raidės, skaitmenys, „-“, „_“ arba „.“; redaguojant nesikeičia. Palikus tuščią, sudaromas iš pavadinimo.
field-title = Pavadinimas
field-description = Aprašymas
field-isced = Švietimo sritis (ISCED-F)
hint-isced = Įveskite kodą arba pavadinimo dalį, pavyzdžiui, 0715 arba welding.
field-nace = Ekonominės veiklos sritis (NACE)
hint-nace = Priimančiosios organizacijos veiklos sritis.
field-country = Šalis
field-city = Miestas
field-eqf-min = Žemiausias EKS lygis
hint-eqf-min = Europos kvalifikacijų sandaros (EKS) lygis, nuo 1 iki 8.
field-eqf-max = Aukščiausias EKS lygis
field-places = Vietų skaičius
field-start = Pradžia
hint-start = Anksčiausia galima pradžios diena.
field-end = Pabaiga
field-weeks-min = Trumpiausia trukmė (savaitėmis)
field-weeks-max = Ilgiausia trukmė (savaitėmis)
field-deadline = Paraiškų pateikimo terminas
field-languages = Kalbos
hint-languages = Darbo kalbos ir kiekvienai jų reikalingas žemiausias kalbos mokėjimo lygis pagal Bendruosius Europos kalbų metmenis (CEFR).
field-outcomes = Mokymosi rezultatai
hint-outcomes = Vienas mokymosi rezultatas eilutėje.
field-conditions-accommodation = Apgyvendinimas
field-conditions-meals = Maitinimas
field-conditions-insurance = Draudimas
field-conditions-minors = Laukiami ir jaunesni nei 18 metų mokiniai
field-conditions-mentor = Mokinį prižiūri paskirtas praktikos vadovas darbo vietoje
field-contact-email = Kontaktinis el. paštas
field-learners = Mokinių skaičius
field-qualification = Kvalifikacija
field-eqf = EKS lygis
field-countries = Pageidaujamos priimančiosios šalys
hint-countries = Palikite tuščią, jei tinka bet kuri šalis. Norėdami pasirinkti kelias, laikykite nuspaudę Ctrl (arba Cmd).
field-age = Grupės amžius
field-support = Reikalinga pagalba
field-support-note = Daugiau apie reikalingą pagalbą
field-funding = Finansavimas
field-name = Organizacijos pavadinimas
field-institution = Organizacijos tipas
field-vet = Siūlomas profesinis mokymas
field-region = Regionas
field-website = Svetainė
field-email = El. paštas
field-registration = Įmonės kodas arba PVM mokėtojo kodas
field-hours = Valandos
field-participation = Dalyvavimo forma
field-text = Paieškos žodžiai
hint-text = Žodžiai iš pavadinimų ir aprašymų.
field-sector = Sritis arba sektorius
field-lang = Kalba
field-author = Organizacija (did:key)
field-trusted = Tik organizacijos, kuriomis šis mazgas pasitiki
field-kind = Organizacijos tipas
field-skill = ESCO įgūdis (URI)
field-subject = Rekomenduojama organizacija (did:key)
hint-subject = Organizacijos paieškos rezultate rodomas did:key:z6Mk….
field-role = Vaidmuo
field-network-name = Tinklo pavadinimas
field-until = Galioja iki
field-did = Organizacija (did:key)
hint-did = Įklijuokite bet kurios organizacijos did:key:z6Mk….
fact-eqf = EKS
fact-weeks = Trukmė
any-country = bet kuri šalis
withdrawn = atšauktas
record-id = ID
record-updated = Paskutinį kartą paskelbta
record-version = { $n } versija

## Kodų sąrašai
eqf-level = EKS { $level } lygis
cefr-A1 = A1 (pradedančiojo lygis)
cefr-A2 = A2 (pradinis lygis)
cefr-B1 = B1 (vidutinis lygis)
cefr-B2 = B2 (aukštesnysis vidutinis lygis)
cefr-C1 = C1 (aukštasis lygis)
cefr-C2 = C2 (meistriškumo lygis)
enum-provided = Suteikia priimančioji organizacija
enum-assisted = Priimančioji organizacija padeda rasti
enum-none = Nesuteikiama
enum-host = Priimančioji organizacija
enum-sending-school = Siunčiančioji mokykla
enum-learner = Mokinys
enum-shared = Dalijamasi
enum-under-18 = Visi jaunesni nei 18 metų
enum-adults = Visi 18 metų ar vyresni
enum-mixed = Kai kurie jaunesni nei 18 metų
enum-accessibility = Prieinamumas
enum-accompanying-teacher = Lydintis mokytojas
enum-special-diet = Speciali mityba
enum-learning-support = Mokymosi pagalba
enum-erasmus-ka1-vet = Erasmus+ KA1 profesinis mokymas
enum-nordplus = Nordplus
enum-national = Nacionalinė programa
enum-own = Nuosavos lėšos
enum-other = Kita
enum-vet-provider = Profesinio mokymo įstaiga
enum-company = Įmonė
enum-chamber = Prekybos, pramonės ir amatų rūmai
enum-public-agency = Valstybės institucija
enum-network = Tinklas
enum-ivet = Pirminis profesinis mokymas
enum-cvet = Tęstinis profesinis mokymas
enum-online = Nuotoliniu būdu
enum-on-site = Vietoje
enum-blended = Mišriuoju būdu
enum-workplace = Darbo vietoje
enum-member = Tinklo narys
enum-partner = Partneris
enum-accreditor = Akredituojanti institucija
enum-school = Siunčiančioji mokykla

## Pasitikėjimas
trust-anchor = Pasitikėjimo inkaras
trust-endorsed-by-anchor = Rekomenduota inkaro
trust-endorsed-via-chain = Rekomenduota per grandinę
trust-unverified = Nepatikrinta
trust-revoked = Raktas atšauktas
trust-unknown = Nežinoma
trust-why = Kodėl toks pasitikėjimo lygis?
trust-why-anchor = Šis mazgas tiesiogiai pasitiki šia organizacija: ji yra vienas iš mazgo pasitikėjimo inkarų.
trust-why-endorsed-by-anchor = Šią organizaciją rekomenduoja pasitikėjimo inkaras.
trust-why-endorsed-via-chain = Šią organizaciją rekomenduoja organizacijos, kurias rekomenduoja inkaras.
trust-why-unverified = Jokia rekomendacijų grandinė neveda nuo šio mazgo pasitikėjimo inkarų iki šios organizacijos.
trust-why-revoked = Šios organizacijos raktas atšauktas; jos įrašais nepasitikima.
trust-why-unknown = Pasitikėjimo lygio nustatyti nepavyko.
trust-step = { $endorser } rekomenduoja: { $subject }
role-member = narys
role-partner = partneris
role-accreditor = akredituojanti institucija

## Mūsų pasiūlymai ir poreikiai
offers-title = Mūsų pasiūlymai
offers-new = Naujas pasiūlymas
offers-none = Ši organizacija dar nepaskelbė jokių pasiūlymų.
offers-new-title = Naujas praktikos pasiūlymas
offers-edit-title = Redaguoti praktikos pasiūlymą
needs-title = Mūsų poreikiai
needs-new = Naujas poreikis
needs-none = Ši organizacija dar nepaskelbė jokių mobilumo poreikių.
needs-new-title = Naujas mobilumo poreikis
needs-edit-title = Redaguoti mobilumo poreikį
show-live = Rodyti tik galiojančius įrašus
show-withdrawn = Rodyti ir atšauktus įrašus
done-published = Paskelbta. Kiti mazgai tai gaus per kelias sekundes.
done-updated = Išsaugota. Nauja versija siunčiama kitiems mazgams.
done-withdrawn = Atšaukta. Kiti mazgai to nebe rodys.
withdraw-title = Atšaukti „{ $title }“?
withdraw-warning = Atšaukimas praneša kiekvienam tinklo mazgui, kad šis įrašas nebegalioja. To negalima anuliuoti; vietoj to galite paskelbti naują įrašą.

## Profilis
profile-title = Profilis
profile-published = Kaip jį mato kiti
profile-edit = Redaguoti profilį
done-profile = Profilis išsaugotas ir paskelbtas.

## Pradžia
home-title = Pradžia
home-who = Kas mes esame
home-trust = Pasitikėjimo lygis čia
home-did = Mūsų did:key
home-edit-profile = Redaguoti profilį
home-no-profile = Ši organizacija dar neturi profilio.
home-health = Mazgo būklė
health-peers = Prisijungę mazgai
health-reachability = Pasiekiamas iš interneto
health-last-sync = Paskutinis sinchronizavimas
health-outbox = Išsiųsti laukiantys įrašai
health-records = Saugomi įrašai
health-network = Tinklas
reachability-public = Taip
reachability-private = Ne (už NAT; naudojama retransliacija)
reachability-unknown = Dar nežinoma
never = niekada
home-attention = Į ką atkreipti dėmesį
home-nothing = Šiuo metu nieko nereikia atkreipti dėmesio.
attention-thread = { $partner }: laukia, kol { $step }
attention-deadline = „{ $title }“: paraiškų pateikimo terminas { $date }
attention-matches = „{ $title }“: { NUMBER($count) ->
    [one] { $count } atitinkantis įrašas
    [few] { $count } atitinkantys įrašai
    [many] { $count } atitinkančio įrašo
   *[other] { $count } atitinkančių įrašų
}
attention-unsigned = { $partner }: mokymosi sutarčiai dar trūksta { NUMBER($count) ->
    [one] { $count } parašo
   *[other] { $count } parašų
}
move-nominate = pasiūlysime mokinį
move-agree = pasiūlysime mokymosi sutartį
move-recognise = užregistruosime pripažinimą
move-accept = priimsime arba atmesime pasiūlytą mokinį
move-complete = patvirtinsime praktikos užbaigimą
move-sign = pasirašysime mokymosi sutartį

## Paieška
search-title = Paieška tinkle
search-kinds = Ko ieškoti
search-offers = Pasiūlymai
search-institutions = Organizacijos
search-needs = Poreikiai
search-achievements = Kursai ir moduliai
action-search = Ieškoti
action-clear = Išvalyti
search-results = Rezultatai
search-none = Nieko nerasta. Pabandykite su mažiau filtrų.
search-page = { $n } puslapis
pages = Puslapiai
page-previous = Ankstesnis puslapis
page-next = Kitas puslapis

## Atitikmenys
matches-title = Atitikmenys
matches-intro = Kiekvienam mūsų pasiūlymui ir poreikiui – geriausiai tinkantys kitų organizacijų poreikiai ir pasiūlymai: kas tinka (✓), kas netinka (✗) ir ką verta žinoti (·).
matches-show-blocked = Rodyti ir poras, kurios negali būti įgyvendintos
matches-hide-blocked = Slėpti poras, kurios negali būti įgyvendintos
matches-nothing-own = Paskelbkite pasiūlymą arba poreikį, kad matytumėte atitikmenis.
matches-for-offer = Mūsų pasiūlymui
matches-for-need = Mūsų poreikiui
matches-none = Atitinkančių įrašų dar nėra.
match-score = { NUMBER($score) ->
    [one] { $score } balas
    [few] { $score } balai
   *[other] { $score } balų
} iš 100
match-blocked = negali būti įgyvendinta
reason-fit = Tinka
reason-misfit = Netinka
reason-note = Pastaba
action-interest = Pareikšti susidomėjimą (pradėti mobilumą)

## Mobilumas
mobility-title = Mobilumas
mobility-intro = Vykstančios praktikos su kitomis organizacijomis; kiekviena – tai pasirašytų žingsnių gija tarp dviejų mazgų.
mobility-none = Mobilumo gijų dar nėra. Pradėkite ją nuo atitikmens.
done-interest = Susidomėjimas išsiųstas. Priimančiosios organizacijos mazgas atsakys toliau esančioje gijoje.
thread-partner = Partneris
thread-role = Mūsų vaidmuo
thread-status = Būsena
thread-offer = Pasiūlymas
thread-updated = Atnaujinta
status-interested = Pareikštas susidomėjimas
status-nominated = Pasiūlytas mokinys
status-accepted = Priimta
status-refused = Atmesta
status-agreeing = Laukiama parašų
status-agreed = Suderinta
status-completed = Užbaigta
status-recognised = Pripažinta
status-cancelled = Atšaukta
status-unknown = Nežinoma

## Pasitikėjimo puslapis
trust-title = Pasitikėjimas
trust-intro = Pasitikėjimo lygiai skaičiuojami nuo organizacijų, kuriomis šis mazgas besąlygiškai pasitiki (jo inkarų), ir seka rekomendacijas ne daugiau kaip tris žingsnius.
trust-anchors = Mūsų pasitikėjimo inkarai
trust-no-anchors = Šis mazgas neturi pasitikėjimo inkarų, todėl visos kitos organizacijos yra nepatikrintos.
trust-anchors-how = Inkarai nustatomi faile config.toml arba komanda „vetnet trust add“.
trust-lookup = Organizacijos pasitikėjimo kelias
action-look-up = Rodyti pasitikėjimo kelią
trust-given = Mūsų suteiktos rekomendacijos
trust-none-given = Nesame rekomendavę jokios organizacijos.
trust-received = Mūsų gautos rekomendacijos
trust-none-received = Jokia organizacija mūsų nerekomendavo.
trust-institution = Organizacija
trust-endorse = Rekomenduoti organizaciją
trust-endorse-intro = Rekomendacija yra pasirašytas viešas įrašas: kiti mazgai, kurie pasitiki mumis, tada pasitikės ir šia organizacija.
action-endorse = Rekomenduoti
no-end = be pabaigos datos
expired = nebegalioja
done-endorsed = Rekomendacija paskelbta.
done-unendorsed = Rekomendacija atšaukta.

## Nustatymai
settings-title = Nustatymai
settings-intro = Tai failo { $path } reikšmės. Pakeiskite jas tame faile ir iš naujo paleiskite mazgą.
settings-node = Mazgas
settings-limits = Apribojimai nuo perkrovos
settings-keys = Organizacijos raktas
setting = Nustatymas
value = Reikšmė
meaning = Ką jis daro
setting-network = Tinklo pavadinimas: kitų tinklų įrašai atmetami.
setting-api = Šio valdymo skydelio ir API administravimo adresas; tik vietinis (loopback).
setting-listen = Kur mazgas priima kitų mazgų ryšius.
setting-external = Adresai, kuriais kiti gali pasiekti šį mazgą, jei jie skiriasi nuo klausymosi adresų.
setting-bootstrap = Mazgai, per kuriuos jungiamasi prie tinklo.
setting-target-peers = Mazgas ieško daugiau mazgų, kol turi mažiau ryšių nei šis skaičius.
setting-mdns = Ieškoti kitų mazgų vietiniame tinkle.
setting-relay-server = Retransliuoti ryšius mazgams už NAT (tik viešai pasiekiamame serveryje).
setting-cache-mb = Įrašų saugyklos podėlio atmintis, megabaitais.
setting-trust-anchors = Organizacijos, kuriomis šis mazgas besąlygiškai pasitiki; nuo jų skaičiuojami pasitikėjimo lygiai.
setting-records-per-author-per-day = Nauji įrašai, kuriuos mazgas išsaugo iš vienos organizacijos per dieną; tikros organizacijos skelbia nuo dešimčių iki šimtų.
setting-messages-per-peer-per-minute = Gossip pranešimai, kuriuos vienas mazgas nuolat gali siųsti per minutę.
setting-message-burst-per-peer = Gossip pranešimai, kuriuos vienas mazgas gali išsiųsti iš karto, kol pradeda galioti minutės riba.
setting-peer-ban-minutes = Kiek laiko netinkamai besielgiantis mazgas atjungiamas ir atmetamas, minutėmis.
setting-direct-messages-per-peer-per-minute = Mobilumo žingsniai, kuriuos vienas partneris nuolat gali siųsti per minutę.
setting-direct-message-burst-per-peer = Mobilumo žingsniai, kuriuos vienas partneris gali išsiųsti iš karto.
key-current = Dabartinis raktas
key-previous = Ankstesnis raktas
action-rotate = Pakeisti raktą
rotate-title = Pakeisti organizacijos raktą?
rotate-warning = Naujas raktas pakeičia dabartinį. Kiekvienas įrašas iš naujo pasirašomas nauju raktu, o kiti mazgai seka pakeitimą, tačiau jūsų did:key pasikeičia: praneškite apie tai organizacijoms, kurios jus rekomenduoja, ir visiems, kurie jį užsirašė. Darykite tai, jei raktą gali žinoti kas nors kitas, arba pagal grafiką. To negalima anuliuoti.
done-rotated = Raktas pakeistas. Nuo šiol pasirašo naujas raktas.

## Mazgai
peers-title = Mazgai
peers-none = Nėra prisijungusių mazgų.
peer-id = Mazgas
peer-addrs = Adresai
peer-agent = Programinė įranga
peer-on-topic = Platina įrašus
peer-connected = Ryšio trukmė
