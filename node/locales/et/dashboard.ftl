# vetneti juhtpaneel eesti keeles. Samad sõnumid mis ingliskeelses failis.

## Kuupäevad ja arvud
date = { $day }. { $month } { $year }
month-1 = jaanuar
month-2 = veebruar
month-3 = märts
month-4 = aprill
month-5 = mai
month-6 = juuni
month-7 = juuli
month-8 = august
month-9 = september
month-10 = oktoober
month-11 = november
month-12 = detsember
number-group-separator = {"\u00A0"}
weeks = { NUMBER($n) ->
    [one] { $n } nädal
   *[other] { $n } nädalat
}
minutes = { $n } min

## Raam
skip-to-content = Liigu sisu juurde
language = Keel
action-change-language = Vaheta
action-sign-out = Logi välja
footer = vetneti juhtpaneel: seda pakub teie oma sõlm selles arvutis. Siit ei saadeta midagi kesksesse serverisse.
nav-label = Peamenüü
nav-home = Avaleht
nav-profile = Profiil
nav-offers = Meie pakkumised
nav-needs = Meie vajadused
nav-search = Otsing
nav-matches = Sobivused
nav-mobility = Õpiränne
nav-trust = Usaldus
nav-peers = Sõlmed
nav-settings = Seaded
no-profile-name = (profiili veel pole)

## Sisselogimine ja tagasilükkamised
signed-out-title = Olete välja logitud
signed-out-body = Juhtpaneeli avamiseks käivitage see käsk arvutis, kus sõlm töötab. See väljastab ühekordse sisselogimislingi.
signed-out-by-you = Olete välja loginud. Uuesti sisselogimiseks käivitage see käsk arvutis, kus sõlm töötab.
link-used-title = See sisselogimislink enam ei tööta
link-used-body = Sisselogimislink töötab üks kord ja viis minutit. Uue saamiseks käivitage see käsk arvutis, kus sõlm töötab.
refused-title = Päring lükati tagasi
refused-origin = Päring tuli teiselt veebisaidilt. Sellele sõlmele tohivad vorme saata ainult selle sõlme enda lehed.
refused-too-large = Vorm on liiga suur.
refused-form = Vormi ei õnnestunud lugeda.
refused-csrf = Vormi turvaluba puudub või on vale. Avage leht uuesti ja saatke vorm sealt.
refused-internal = Sõlmes läks midagi valesti; selle logist näeb, mis.
refused-api = Sõlm ei saanud seda teha. Selle logist näeb põhjust; käsureal kuvatakse sama viga.
not-found-title = Lehte ei leitud
not-found-body = Sellel aadressil lehte ei ole. Leidke otsitav menüüst või logige uuesti sisse:

## Vormid
required = kohustuslik
error-prefix = Viga:
choose-none = (puudub)
language-n = Keel { $n }
level-n = Tase { $n }
form-refused = Sõlm ei võtnud seda vormi vastu.
form-fix-fields = Palun parandage allpool märgitud väljad:
field-text-lang = Tekstide keel
hint-text-lang = Keel, milles allolev pealkiri ja kirjeldus on kirjutatud. Teised tõlked jäävad alles.
action-save = Salvesta
action-publish = Avalda
action-cancel = Loobu
action-edit = Muuda
action-duplicate = Tee koopia
action-withdraw = Võta tagasi
actions = Toimingud
yes = Jah
no = Ei

## Kirjete väljad
field-id = Lühinimi (ID)
hint-id = Tähed, numbrid, „-“, „_“ või „.“; muutmisel jääb samaks. Kui väli jääb tühjaks, tehakse see pealkirjast.
field-title = Pealkiri
field-description = Kirjeldus
field-isced = Õppevaldkond (ISCED-F)
hint-isced = Sisestage kood või osa nimest, näiteks 0715 või welding.
field-nace = Tegevusala (NACE)
hint-nace = Vastuvõtva organisatsiooni tegevusala.
field-country = Riik
field-city = Linn
field-eqf-min = Madalaim EKR tase
hint-eqf-min = Euroopa kvalifikatsiooniraamistiku (EKR) tase, 1 kuni 8.
field-eqf-max = Kõrgeim EKR tase
field-places = Kohtade arv
field-start = Algus
hint-start = Varaseim võimalik alguspäev.
field-end = Lõpp
field-weeks-min = Lühim kestus (nädalates)
field-weeks-max = Pikim kestus (nädalates)
field-deadline = Taotluste tähtaeg
field-languages = Keeled
hint-languages = Töökeeled ja iga keele puhul nõutav madalaim keeleoskustase (CEFR).
field-outcomes = Õpiväljundid
hint-outcomes = Üks õpiväljund rea kohta.
field-conditions-accommodation = Majutus
field-conditions-meals = Toitlustus
field-conditions-insurance = Kindlustus
field-conditions-minors = Alla 18-aastased õppijad on oodatud
field-conditions-mentor = Õppijat juhendab määratud ettevõttepoolne juhendaja
field-contact-email = Kontakt-e-post
field-learners = Õppijate arv
field-qualification = Kvalifikatsioon
field-eqf = EKR tase
field-countries = Eelistatud sihtriigid
hint-countries = Jätke tühjaks, kui sobib iga riik. Mitme valimiseks hoidke all Ctrl (või Cmd).
field-age = Rühma vanus
field-support = Vajalik tugi
field-support-note = Lisateave vajaliku toe kohta
field-funding = Rahastus
field-name = Organisatsiooni nimi
field-institution = Organisatsiooni liik
field-vet = Pakutav kutseharidus
field-region = Piirkond
field-website = Veebisait
field-email = E-post
field-registration = Registrikood või KMKR number
field-hours = Tunnid
field-participation = Osalemisviis
field-text = Otsingusõnad
hint-text = Sõnad pealkirjadest ja kirjeldustest.
field-sector = Valdkond või tegevusala
field-lang = Keel
field-author = Organisatsioon (did:key)
field-trusted = Ainult organisatsioonid, mida see sõlm usaldab
field-kind = Organisatsiooni liik
field-skill = ESCO oskus (URI)
field-subject = Soovitatav organisatsioon (did:key)
hint-subject = Organisatsiooni otsingutulemuses kuvatav did:key:z6Mk….
field-role = Roll
field-network-name = Võrgustiku nimi
field-until = Kehtib kuni
field-did = Organisatsioon (did:key)
hint-did = Kleepige ükskõik millise organisatsiooni did:key:z6Mk….
fact-eqf = EKR
fact-weeks = Kestus
any-country = iga riik
withdrawn = tagasi võetud
record-id = ID
record-updated = Viimati avaldatud
record-version = versioon { $n }

## Koodiloendid
eqf-level = EKR tase { $level }
cefr-A1 = A1 (algaja)
cefr-A2 = A2 (algtase)
cefr-B1 = B1 (kesktase)
cefr-B2 = B2 (kõrgem kesktase)
cefr-C1 = C1 (kõrgtase)
cefr-C2 = C2 (väga kõrge tase)
enum-provided = Vastuvõtja tagab
enum-assisted = Vastuvõtja aitab leida
enum-none = Ei tagata
enum-host = Vastuvõttev organisatsioon
enum-sending-school = Saatev kool
enum-learner = Õppija
enum-shared = Jagatud
enum-under-18 = Kõik alla 18-aastased
enum-adults = Kõik vähemalt 18-aastased
enum-mixed = Osa alla 18-aastased
enum-accessibility = Ligipääsetavus
enum-accompanying-teacher = Saatev õpetaja
enum-special-diet = Eritoitumine
enum-learning-support = Õpitugi
enum-erasmus-ka1-vet = Erasmus+ KA1 kutseharidus
enum-nordplus = Nordplus
enum-national = Riiklik programm
enum-own = Omavahendid
enum-other = Muu
enum-vet-provider = Kutseõppeasutus
enum-company = Ettevõte
enum-chamber = Koda
enum-public-agency = Avaliku sektori asutus
enum-network = Võrgustik
enum-ivet = Kutsealane esmaõpe
enum-cvet = Kutsealane täiendõpe
enum-online = Veebis
enum-on-site = Kohapeal
enum-blended = Põimõpe
enum-workplace = Töökohal
enum-member = Võrgustiku liige
enum-partner = Partner
enum-accreditor = Akrediteerija
enum-school = Saatev kool

## Usaldus
trust-anchor = Usaldusankur
trust-endorsed-by-anchor = Ankru soovitatud
trust-endorsed-via-chain = Soovitatud ahela kaudu
trust-unverified = Kontrollimata
trust-revoked = Võti tühistatud
trust-unknown = Teadmata
trust-why = Miks see usaldustase?
trust-why-anchor = See sõlm usaldab seda organisatsiooni otse: see on üks sõlme usaldusankrutest.
trust-why-endorsed-by-anchor = Usaldusankur soovitab seda organisatsiooni.
trust-why-endorsed-via-chain = Seda organisatsiooni soovitavad organisatsioonid, keda soovitab ankur.
trust-why-unverified = Ükski soovituste ahel ei vii selle sõlme usaldusankrutest selle organisatsioonini.
trust-why-revoked = Selle organisatsiooni võti on tühistatud; selle kirjeid ei usaldata.
trust-why-unknown = Usaldustaset ei õnnestunud kindlaks teha.
trust-step = { $endorser } soovitab: { $subject }
role-member = liige
role-partner = partner
role-accreditor = akrediteerija

## Meie pakkumised ja vajadused
offers-title = Meie pakkumised
offers-new = Uus pakkumine
offers-none = See organisatsioon pole veel ühtki pakkumist avaldanud.
offers-new-title = Uus praktikapakkumine
offers-edit-title = Muuda praktikapakkumist
needs-title = Meie vajadused
needs-new = Uus vajadus
needs-none = See organisatsioon pole veel ühtki õpirände vajadust avaldanud.
needs-new-title = Uus õpirände vajadus
needs-edit-title = Muuda õpirände vajadust
show-live = Näita ainult kehtivaid kirjeid
show-withdrawn = Näita ka tagasi võetud kirjeid
done-published = Avaldatud. Teised sõlmed saavad selle mõne sekundiga.
done-updated = Salvestatud. Uus versioon on teel teiste sõlmedeni.
done-withdrawn = Tagasi võetud. Teised sõlmed seda enam ei näita.
withdraw-title = Kas võtta „{ $title }“ tagasi?
withdraw-warning = Tagasivõtmine teatab igale võrgu sõlmele, et see kirje enam ei kehti. Seda ei saa tagasi pöörata; selle asemel saate avaldada uue kirje.

## Profiil
profile-title = Profiil
profile-published = Nii näevad seda teised
profile-edit = Muuda profiili
done-profile = Profiil on salvestatud ja avaldatud.

## Avaleht
home-title = Avaleht
home-who = Kes me oleme
home-trust = Usaldustase siin
home-did = Meie did:key
home-edit-profile = Muuda profiili
home-no-profile = Sellel organisatsioonil pole veel profiili.
home-health = Sõlme seisund
health-peers = Ühendatud sõlmed
health-reachability = Internetist kättesaadav
health-last-sync = Viimane järelsünkroonimine
health-outbox = Saatmist ootavad kirjed
health-records = Talletatud kirjed
health-network = Võrk
reachability-public = Jah
reachability-private = Ei (NAT-i taga; kasutatakse releed)
reachability-unknown = Veel teadmata
never = mitte kunagi
home-attention = Vajab tähelepanu
home-nothing = Praegu ei vaja miski tähelepanu.
attention-thread = { $partner }: ootab, et me { $step }
attention-deadline = „{ $title }“: taotluste tähtaeg on { $date }
attention-matches = „{ $title }“: { NUMBER($count) ->
    [one] { $count } sobiv kirje
   *[other] { $count } sobivat kirjet
}
attention-unsigned = { $partner }: õppelepingult puudub veel { NUMBER($count) ->
    [one] üks allkiri
   *[other] { $count } allkirja
}
move-nominate = nimetaksime õppija
move-agree = pakuksime välja õppelepingu
move-recognise = registreeriksime tunnustamise
move-accept = võtaksime nimetatud õppija vastu või keelduksime
move-complete = kinnitaksime praktika lõpetamise
move-sign = allkirjastaksime õppelepingu

## Otsing
search-title = Otsi võrgustikust
search-kinds = Mida otsida
search-offers = Pakkumised
search-institutions = Organisatsioonid
search-needs = Vajadused
search-achievements = Kursused ja moodulid
action-search = Otsi
action-clear = Tühjenda
search-results = Tulemused
search-none = Midagi ei leitud. Proovige vähemate filtritega.
search-page = Lehekülg { $n }
pages = Leheküljed
page-previous = Eelmine lehekülg
page-next = Järgmine lehekülg

## Sobivused
matches-title = Sobivused
matches-intro = Meie iga pakkumise ja vajaduse jaoks teiste organisatsioonide kõige paremini sobivad vajadused ja pakkumised: mis sobib (✓), mis ei sobi (✗) ja mida on hea teada (·).
matches-show-blocked = Näita ka paare, mis ei saa toimida
matches-hide-blocked = Peida paarid, mis ei saa toimida
matches-nothing-own = Sobivuste nägemiseks avaldage pakkumine või vajadus.
matches-for-offer = Meie pakkumisele
matches-for-need = Meie vajadusele
matches-none = Sobivaid kirjeid veel pole.
match-score = { NUMBER($score) ->
    [one] { $score } punkt
   *[other] { $score } punkti
} 100-st
match-blocked = ei saa toimida
reason-fit = Sobib
reason-misfit = Ei sobi
reason-note = Märkus
action-interest = Anna huvist teada (alusta õpirännet)

## Õpiränne
mobility-title = Õpiränne
mobility-intro = Käimasolevad praktikad teiste organisatsioonidega, igaüks kahe sõlme vaheliste allkirjastatud sammude lõimena.
mobility-none = Õpirände lõimi veel pole. Alustage sobivuse juurest.
done-interest = Huvi on edastatud. Vastuvõtja sõlm vastab allolevas lõimes.
thread-partner = Partner
thread-role = Meie roll
thread-status = Olek
thread-offer = Pakkumine
thread-updated = Uuendatud
status-interested = Huvi avaldatud
status-nominated = Õppija nimetatud
status-accepted = Vastu võetud
status-refused = Tagasi lükatud
status-agreeing = Ootab allkirju
status-agreed = Kokku lepitud
status-completed = Lõpetatud
status-recognised = Tunnustatud
status-cancelled = Tühistatud
status-unknown = Teadmata

## Usalduse leht
trust-title = Usaldus
trust-intro = Usaldustasemed lähtuvad organisatsioonidest, keda see sõlm tingimusteta usaldab (selle ankrutest), ja järgivad soovitusi kõige rohkem kolm sammu.
trust-anchors = Meie usaldusankrud
trust-no-anchors = Sellel sõlmel pole usaldusankruid, seega on kõik teised organisatsioonid kontrollimata.
trust-anchors-how = Ankrud määratakse failis config.toml või käsuga „vetnet trust add“.
trust-lookup = Organisatsiooni usaldustee
action-look-up = Näita usaldusteed
trust-given = Meie antud soovitused
trust-none-given = Me pole ühtki organisatsiooni soovitanud.
trust-received = Meile antud soovitused
trust-none-received = Ükski organisatsioon pole meid soovitanud.
trust-institution = Organisatsioon
trust-endorse = Soovita organisatsiooni
trust-endorse-intro = Soovitus on allkirjastatud avalik kirje: teised sõlmed, kes meid usaldavad, usaldavad siis ka seda organisatsiooni.
action-endorse = Soovita
no-end = lõppkuupäevata
expired = aegunud
done-endorsed = Soovitus on avaldatud.
done-unendorsed = Soovitus on tagasi võetud.

## Seaded
settings-title = Seaded
settings-intro = Need on faili { $path } väärtused. Muutke neid selles failis ja taaskäivitage sõlm.
settings-node = Sõlm
settings-limits = Piirangud ülekoormuse vastu
settings-keys = Organisatsiooni võti
setting = Seade
value = Väärtus
meaning = Mida see teeb
setting-network = Võrgu nimi: teiste võrkude kirjed lükatakse tagasi.
setting-api = Selle juhtpaneeli ja API haldusaadress; ainult kohalik (loopback).
setting-listen = Kus sõlm võtab vastu teiste sõlmede ühendusi.
setting-external = Aadressid, millelt teised selle sõlmeni jõuavad, kui need erinevad kuulamisaadressidest.
setting-bootstrap = Sõlmed, mille kaudu võrguga liitutakse.
setting-target-peers = Sõlm otsib lisasõlmi seni, kuni tal on vähem ühendusi kui see arv.
setting-mdns = Leia teisi sõlmi kohtvõrgust.
setting-relay-server = Vahenda ühendusi NAT-i taga olevatele sõlmedele (ainult avalikult kättesaadavas serveris).
setting-cache-mb = Kirjehoidla vahemälu maht megabaitides.
setting-trust-anchors = Organisatsioonid, keda see sõlm tingimusteta usaldab; usaldustasemed lähtuvad neist.
setting-records-per-author-per-day = Uued kirjed, mida sõlm talletab organisatsiooni kohta päevas; päris organisatsioonid avaldavad kümneid kuni sadu.
setting-messages-per-peer-per-minute = Gossip-sõnumid, mida üks sõlm võib püsivalt minutis saata.
setting-message-burst-per-peer = Gossip-sõnumid, mida üks sõlm võib korraga saata, enne kui minutipiirang kehtima hakkab.
setting-peer-ban-minutes = Kui kauaks valesti käituv sõlm lahti ühendatakse ja tõrjutakse, minutites.
setting-direct-messages-per-peer-per-minute = Õpirände sammud, mida üks partner võib püsivalt minutis saata.
setting-direct-message-burst-per-peer = Õpirände sammud, mida üks partner võib korraga saata.
key-current = Praegune võti
key-previous = Varasem võti
action-rotate = Vaheta võti
rotate-title = Kas vahetada organisatsiooni võti?
rotate-warning = Uus võti asendab praeguse. Iga kirje allkirjastatakse uue võtmega uuesti ja teised sõlmed järgivad muudatust, kuid teie did:key muutub: teavitage organisatsioone, kes teid soovitavad, ja kõiki, kes on selle üles märkinud. Tehke seda siis, kui võti võib olla teada kellelegi teisele, või kindla ajakava järgi. Seda ei saa tagasi pöörata.
done-rotated = Võti on vahetatud. Nüüdsest allkirjastab uus võti.

## Sõlmed
peers-title = Sõlmed
peers-none = Ükski sõlm pole ühendatud.
peer-id = Sõlm
peer-addrs = Aadressid
peer-agent = Tarkvara
peer-on-topic = Levitab kirjeid
peer-connected = Ühenduse kestus
