# vetnet vadības panelis latviešu valodā. Tie paši ziņojumi, kas angļu valodas failā.

## Datumi un skaitļi
date = { $year }. gada { $day }. { $month }
month-1 = janvāris
month-2 = februāris
month-3 = marts
month-4 = aprīlis
month-5 = maijs
month-6 = jūnijs
month-7 = jūlijs
month-8 = augusts
month-9 = septembris
month-10 = oktobris
month-11 = novembris
month-12 = decembris
number-group-separator = {"\u00A0"}
# Kategorijai zero (0, 10–20, 30 …) šeit ir tā pati forma kā other.
weeks = { NUMBER($n) ->
    [zero] { $n } nedēļas
    [one] { $n } nedēļa
   *[other] { $n } nedēļas
}
minutes = { $n } min.

## Ietvars
skip-to-content = Pāriet uz saturu
language = Valoda
action-change-language = Mainīt
action-sign-out = Izrakstīties
footer = vetnet vadības panelis: to nodrošina jūsu pašu mezgls šajā datorā. Nekas no šejienes netiek sūtīts uz centrālu serveri.
nav-label = Galvenā izvēlne
nav-home = Sākums
nav-profile = Profils
nav-offers = Mūsu piedāvājumi
nav-needs = Mūsu vajadzības
nav-search = Meklēšana
nav-matches = Atbilstības
nav-mobility = Mobilitāte
nav-trust = Uzticība
nav-peers = Mezgli
nav-settings = Iestatījumi
no-profile-name = (profila vēl nav)

## Pierakstīšanās un atteikumi
signed-out-title = Jūs esat izrakstījušies
signed-out-body = Lai atvērtu vadības paneli, palaidiet šo komandu datorā, kurā darbojas mezgls. Tā izdrukā vienreizēju pierakstīšanās saiti.
signed-out-by-you = Jūs izrakstījāties. Lai pierakstītos vēlreiz, palaidiet šo komandu datorā, kurā darbojas mezgls.
link-used-title = Šī pierakstīšanās saite vairs nedarbojas
link-used-body = Pierakstīšanās saite darbojas vienu reizi, piecas minūtes. Jaunu saiti varat iegūt, palaižot šo komandu datorā, kurā darbojas mezgls.
refused-title = Pieprasījums tika noraidīts
refused-origin = Pieprasījums nāca no citas tīmekļa vietnes. Veidlapas šim mezglam drīkst sūtīt tikai paša mezgla lapas.
refused-too-large = Veidlapa ir pārāk liela.
refused-form = Veidlapu neizdevās nolasīt.
refused-csrf = Veidlapas drošības pilnvaras trūkst vai tā ir nepareiza. Atveriet lapu vēlreiz un nosūtiet veidlapu no turienes.
refused-internal = Mezglā radās kļūda; tās iemesls redzams mezgla žurnālā.
refused-api = Mezgls to nevarēja izdarīt. Iemesls redzams tā žurnālā; komandrinda rāda to pašu kļūdu.
not-found-title = Lapa nav atrasta
not-found-body = Šajā adresē nav lapas. Meklējiet vajadzīgo izvēlnē vai pierakstieties vēlreiz:

## Veidlapas
required = obligāts
error-prefix = Kļūda:
choose-none = (nav)
language-n = Valoda { $n }
level-n = Līmenis { $n }
form-refused = Mezgls nepieņēma šo veidlapu.
form-fix-fields = Lūdzu, izlabojiet tālāk atzīmētos laukus:
field-text-lang = Tekstu valoda
hint-text-lang = Valoda, kurā ir rakstīts tālāk redzamais nosaukums un apraksts. Citi tulkojumi tiek saglabāti.
action-save = Saglabāt
action-publish = Publicēt
action-cancel = Atcelt
action-edit = Rediģēt
action-duplicate = Dublēt
action-withdraw = Atsaukt
actions = Darbības
yes = Jā
no = Nē

## Ierakstu lauki
field-id = Īsais nosaukums (ID)
hint-id = Burti, cipari, „-“, „_“ vai „.“; rediģējot nemainās. Ja lauku atstāj tukšu, to izveido no nosaukuma.
field-title = Nosaukums
field-description = Apraksts
field-isced = Izglītības joma (ISCED-F)
hint-isced = Ierakstiet kodu vai daļu no nosaukuma, piemēram, 0715 vai welding.
field-nace = Nozare (NACE)
hint-nace = Uzņēmējas organizācijas nozare.
field-country = Valsts
field-city = Pilsēta
field-eqf-min = Zemākais EKI līmenis
hint-eqf-min = Eiropas kvalifikāciju ietvarstruktūras (EKI) līmenis no 1 līdz 8.
field-eqf-max = Augstākais EKI līmenis
field-places = Vietu skaits
field-start = Sākums
hint-start = Agrākā iespējamā sākuma diena.
field-end = Beigas
field-weeks-min = Īsākais ilgums (nedēļās)
field-weeks-max = Garākais ilgums (nedēļās)
field-deadline = Pieteikšanās termiņš
field-languages = Valodas
hint-languages = Darba valodas un katrā no tām nepieciešamais zemākais valodas prasmes līmenis pēc Eiropas kopīgajām pamatnostādnēm (CEFR).
field-outcomes = Mācīšanās rezultāti
hint-outcomes = Viens mācīšanās rezultāts katrā rindā.
field-conditions-accommodation = Izmitināšana
field-conditions-meals = Ēdināšana
field-conditions-insurance = Apdrošināšana
field-conditions-minors = Izglītojamie, kas jaunāki par 18 gadiem, ir laipni gaidīti
field-conditions-mentor = Izglītojamo uzrauga norīkots darba vidē balstītas mācīšanās vadītājs
field-contact-email = Kontaktu e-pasts
field-learners = Izglītojamo skaits
field-qualification = Kvalifikācija
field-eqf = EKI līmenis
field-countries = Vēlamās uzņēmējvalstis
hint-countries = Atstājiet tukšu, ja der jebkura valsts. Lai izvēlētos vairākas, turiet nospiestu Ctrl (vai Cmd).
field-age = Grupas vecums
field-support = Nepieciešamais atbalsts
field-support-note = Vairāk par nepieciešamo atbalstu
field-funding = Finansējums
field-name = Organizācijas nosaukums
field-institution = Organizācijas veids
field-vet = Piedāvātā profesionālā izglītība
field-region = Reģions
field-website = Tīmekļa vietne
field-email = E-pasts
field-registration = Reģistrācijas vai PVN numurs
field-hours = Stundas
field-participation = Dalības veids
field-text = Meklējamie vārdi
hint-text = Vārdi no nosaukumiem un aprakstiem.
field-sector = Joma vai nozare
field-lang = Valoda
field-author = Organizācija (did:key)
field-trusted = Tikai organizācijas, kurām šis mezgls uzticas
field-kind = Organizācijas veids
field-skill = ESCO prasme (URI)
field-subject = Apliecināmā organizācija (did:key)
hint-subject = Organizācijas meklēšanas rezultātā redzamais did:key:z6Mk….
field-role = Loma
field-network-name = Tīkla nosaukums
field-until = Derīgs līdz
field-did = Organizācija (did:key)
hint-did = Ielīmējiet jebkuras organizācijas did:key:z6Mk….
fact-eqf = EKI
fact-weeks = Ilgums
any-country = jebkura valsts
withdrawn = atsaukts
record-id = ID
record-updated = Pēdējoreiz publicēts
record-version = versija { $n }

## Kodu saraksti
eqf-level = EKI { $level }. līmenis
cefr-A1 = A1 (iesācēja līmenis)
cefr-A2 = A2 (pamatlīmenis)
cefr-B1 = B1 (vidējais līmenis)
cefr-B2 = B2 (augstākais vidējais līmenis)
cefr-C1 = C1 (augstais līmenis)
cefr-C2 = C2 (ļoti augsts līmenis)
enum-provided = Nodrošina uzņēmēja organizācija
enum-assisted = Uzņēmēja organizācija palīdz atrast
enum-none = Netiek nodrošināts
enum-host = Uzņēmēja organizācija
enum-sending-school = Nosūtītāja skola
enum-learner = Izglītojamais
enum-shared = Kopīgi
enum-under-18 = Visi jaunāki par 18 gadiem
enum-adults = Visi vismaz 18 gadus veci
enum-mixed = Daži jaunāki par 18 gadiem
enum-accessibility = Piekļūstamība
enum-accompanying-teacher = Pavadošais skolotājs
enum-special-diet = Īpaša diēta
enum-learning-support = Mācību atbalsts
enum-erasmus-ka1-vet = Erasmus+ KA1 profesionālā izglītība
enum-nordplus = Nordplus
enum-national = Valsts programma
enum-own = Pašu līdzekļi
enum-other = Cits
enum-vet-provider = Profesionālās izglītības iestāde
enum-company = Uzņēmums
enum-chamber = Kamera
enum-public-agency = Valsts iestāde
enum-network = Tīkls
enum-ivet = Sākotnējā profesionālā izglītība
enum-cvet = Profesionālā tālākizglītība
enum-online = Tiešsaistē
enum-on-site = Klātienē
enum-blended = Jauktā formā
enum-workplace = Darba vietā
enum-member = Tīkla dalībnieks
enum-partner = Partneris
enum-accreditor = Akreditētājs
enum-school = Nosūtītāja skola

## Uzticība
trust-anchor = Uzticības enkurs
trust-endorsed-by-anchor = Enkura apliecināts
trust-endorsed-via-chain = Apliecināts ar ķēdes starpniecību
trust-unverified = Nepārbaudīts
trust-revoked = Atslēga atsaukta
trust-unknown = Nezināms
trust-why = Kāpēc šāds uzticības līmenis?
trust-why-anchor = Šis mezgls uzticas šai organizācijai tieši: tā ir viens no mezgla uzticības enkuriem.
trust-why-endorsed-by-anchor = Šo organizāciju apliecina uzticības enkurs.
trust-why-endorsed-via-chain = Šo organizāciju apliecina organizācijas, kuras apliecinājis enkurs.
trust-why-unverified = Neviena apliecinājumu ķēde neved no šī mezgla uzticības enkuriem līdz šai organizācijai.
trust-why-revoked = Šīs organizācijas atslēga ir atsaukta; tās ierakstiem neuzticas.
trust-why-unknown = Uzticības līmeni neizdevās noteikt.
trust-step = { $endorser } apliecina: { $subject }
role-member = dalībnieks
role-partner = partneris
role-accreditor = akreditētājs

## Mūsu piedāvājumi un vajadzības
offers-title = Mūsu piedāvājumi
offers-new = Jauns piedāvājums
offers-none = Šī organizācija vēl nav publicējusi nevienu piedāvājumu.
offers-new-title = Jauns prakses piedāvājums
offers-edit-title = Rediģēt prakses piedāvājumu
needs-title = Mūsu vajadzības
needs-new = Jauna vajadzība
needs-none = Šī organizācija vēl nav publicējusi nevienu mobilitātes vajadzību.
needs-new-title = Jauna mobilitātes vajadzība
needs-edit-title = Rediģēt mobilitātes vajadzību
show-live = Rādīt tikai spēkā esošos ierakstus
show-withdrawn = Rādīt arī atsauktos ierakstus
done-published = Publicēts. Citi mezgli to saņems dažu sekunžu laikā.
done-updated = Saglabāts. Jaunā versija ir ceļā uz citiem mezgliem.
done-withdrawn = Atsaukts. Citi mezgli to vairs nerādīs.
withdraw-title = Vai atsaukt „{ $title }“?
withdraw-warning = Atsaukšana paziņo katram tīkla mezglam, ka šis ieraksts vairs nav spēkā. To nevar atcelt; tā vietā varat publicēt jaunu ierakstu.

## Profils
profile-title = Profils
profile-published = Kā to redz citi
profile-edit = Rediģēt profilu
done-profile = Profils ir saglabāts un publicēts.

## Sākums
home-title = Sākums
home-who = Kas mēs esam
home-trust = Uzticības līmenis šeit
home-did = Mūsu did:key
home-edit-profile = Rediģēt profilu
home-no-profile = Šai organizācijai vēl nav profila.
home-health = Mezgla stāvoklis
health-peers = Pievienotie mezgli
health-reachability = Sasniedzams no interneta
health-last-sync = Pēdējā sinhronizācija
health-outbox = Ieraksti, kas gaida nosūtīšanu
health-records = Glabātie ieraksti
health-network = Tīkls
reachability-public = Jā
reachability-private = Nē (aiz NAT; tiek izmantots retranslators)
reachability-unknown = Vēl nav zināms
never = nekad
home-attention = Kam jāpievērš uzmanība
home-nothing = Pašlaik nekam nav jāpievērš uzmanība.
attention-thread = { $partner }: gaida, kad mēs { $step }
attention-deadline = „{ $title }“: pieteikšanās termiņš { $date }
attention-matches = „{ $title }“: { NUMBER($count) ->
    [zero] { $count } atbilstoši ieraksti
    [one] { $count } atbilstošs ieraksts
   *[other] { $count } atbilstoši ieraksti
}
attention-unsigned = { $partner }: mācību līgumam vēl trūkst { NUMBER($count) ->
    [one] { $count } paraksta
   *[other] { $count } parakstu
}
move-nominate = izvirzīsim izglītojamo
move-agree = ierosināsim mācību līgumu
move-recognise = reģistrēsim atzīšanu
move-accept = pieņemsim vai noraidīsim izvirzīto izglītojamo
move-complete = apstiprināsim prakses pabeigšanu
move-sign = parakstīsim mācību līgumu

## Meklēšana
search-title = Meklēt tīklā
search-kinds = Ko meklēt
search-offers = Piedāvājumi
search-institutions = Organizācijas
search-needs = Vajadzības
search-achievements = Kursi un moduļi
action-search = Meklēt
action-clear = Notīrīt
search-results = Rezultāti
search-none = Nekas netika atrasts. Mēģiniet ar mazāk filtriem.
search-page = { $n }. lapa
pages = Lapas
page-previous = Iepriekšējā lapa
page-next = Nākamā lapa

## Atbilstības
matches-title = Atbilstības
matches-intro = Katram mūsu piedāvājumam un vajadzībai vislabāk atbilstošās citu organizāciju vajadzības un piedāvājumi: kas atbilst (✓), kas neatbilst (✗) un ko der zināt (·).
matches-show-blocked = Rādīt arī pārus, kas nevar darboties
matches-hide-blocked = Slēpt pārus, kas nevar darboties
matches-nothing-own = Publicējiet piedāvājumu vai vajadzību, lai redzētu atbilstības.
matches-for-offer = Mūsu piedāvājumam
matches-for-need = Mūsu vajadzībai
matches-none = Atbilstošu ierakstu vēl nav.
match-score = { NUMBER($score) ->
    [zero] { $score } punkti
    [one] { $score } punkts
   *[other] { $score } punkti
} no 100
match-blocked = nevar darboties
reason-fit = Atbilst
reason-misfit = Neatbilst
reason-note = Piezīme
action-interest = Paust interesi (sākt mobilitāti)

## Mobilitāte
mobility-title = Mobilitāte
mobility-intro = Notiekošās prakses ar citām organizācijām, katra kā parakstītu soļu pavediens starp abiem mezgliem.
mobility-none = Mobilitātes pavedienu vēl nav. Sāciet kādu no atbilstības.
done-interest = Interese nosūtīta. Uzņēmējas organizācijas mezgls atbildēs pavedienā zemāk.
thread-partner = Partneris
thread-role = Mūsu loma
thread-status = Statuss
thread-offer = Piedāvājums
thread-updated = Atjaunināts
status-interested = Interese pausta
status-nominated = Izglītojamais izvirzīts
status-accepted = Pieņemts
status-refused = Noraidīts
status-agreeing = Gaida parakstus
status-agreed = Saskaņots
status-completed = Pabeigts
status-recognised = Atzīts
status-cancelled = Atcelts
status-unknown = Nezināms

## Uzticības lapa
trust-title = Uzticība
trust-intro = Uzticības līmeņi sākas no organizācijām, kurām šis mezgls uzticas bez nosacījumiem (tā enkuriem), un seko apliecinājumiem ne vairāk kā trīs soļos.
trust-anchors = Mūsu uzticības enkuri
trust-no-anchors = Šim mezglam nav uzticības enkuru, tāpēc visas pārējās organizācijas ir nepārbaudītas.
trust-anchors-how = Enkurus iestata failā config.toml vai ar komandu „vetnet trust add“.
trust-lookup = Organizācijas uzticības ceļš
action-look-up = Rādīt uzticības ceļu
trust-given = Mūsu sniegtie apliecinājumi
trust-none-given = Mēs neesam apliecinājuši nevienu organizāciju.
trust-received = Mūsu saņemtie apliecinājumi
trust-none-received = Neviena organizācija mūs nav apliecinājusi.
trust-institution = Organizācija
trust-endorse = Apliecināt organizāciju
trust-endorse-intro = Apliecinājums ir parakstīts publisks ieraksts: citi mezgli, kas uzticas mums, tad uzticēsies arī šai organizācijai.
action-endorse = Apliecināt
no-end = bez beigu datuma
expired = beidzies
done-endorsed = Apliecinājums publicēts.
done-unendorsed = Apliecinājums atsaukts.

## Iestatījumi
settings-title = Iestatījumi
settings-intro = Šīs ir faila { $path } vērtības. Mainiet tās šajā failā un restartējiet mezglu.
settings-node = Mezgls
settings-limits = Ierobežojumi pret pārslodzi
settings-keys = Organizācijas atslēga
setting = Iestatījums
value = Vērtība
meaning = Ko tas dara
setting-network = Tīkla nosaukums: citu tīklu ieraksti tiek noraidīti.
setting-api = Šī vadības paneļa un API pārvaldības adrese; tikai lokāli (loopback).
setting-listen = Kur mezgls pieņem citu mezglu savienojumus.
setting-external = Adreses, kurās citi var sasniegt šo mezglu, ja tās atšķiras no klausīšanās adresēm.
setting-bootstrap = Mezgli, caur kuriem pievienoties tīklam.
setting-target-peers = Mezgls meklē vēl mezglus, kamēr tam ir mazāk savienojumu par šo skaitu.
setting-mdns = Atrast citus mezglus lokālajā tīklā.
setting-relay-server = Pārsūtīt savienojumus mezgliem aiz NAT (tikai publiski sasniedzamā serverī).
setting-cache-mb = Atmiņa ierakstu krātuves kešatmiņai, megabaitos.
setting-trust-anchors = Organizācijas, kurām šis mezgls uzticas bez nosacījumiem; uzticības līmeņi sākas no tām.
setting-records-per-author-per-day = Jauni ieraksti, ko mezgls saglabā no vienas organizācijas dienā; īstas organizācijas publicē desmitiem līdz simtiem.
setting-messages-per-peer-per-minute = Gossip ziņojumi, ko viens mezgls ilgstoši drīkst sūtīt minūtē.
setting-message-burst-per-peer = Gossip ziņojumi, ko viens mezgls drīkst nosūtīt uzreiz, pirms sāk darboties minūtes ierobežojums.
setting-peer-ban-minutes = Cik ilgi nepareizi uzvedies mezgls tiek atvienots un atraidīts, minūtēs.
setting-direct-messages-per-peer-per-minute = Mobilitātes soļi, ko viens partneris ilgstoši drīkst sūtīt minūtē.
setting-direct-message-burst-per-peer = Mobilitātes soļi, ko viens partneris drīkst nosūtīt uzreiz.
key-current = Pašreizējā atslēga
key-previous = Iepriekšējā atslēga
action-rotate = Nomainīt atslēgu
rotate-title = Vai nomainīt organizācijas atslēgu?
rotate-warning = Jauna atslēga aizstāj pašreizējo. Katrs ieraksts tiek parakstīts no jauna ar jauno atslēgu, un citi mezgli seko izmaiņai, taču jūsu did:key mainās: paziņojiet to organizācijām, kas jūs apliecina, un visiem, kam tas ir pierakstīts. Dariet to, ja atslēgu var zināt kāds cits, vai pēc noteikta grafika. To nevar atcelt.
done-rotated = Atslēga nomainīta. No šī brīža paraksta jaunā atslēga.

## Mezgli
peers-title = Mezgli
peers-none = Neviens mezgls nav pievienots.
peer-id = Mezgls
peer-addrs = Adreses
peer-agent = Programmatūra
peer-on-topic = Izplata ierakstus
peer-connected = Savienojuma ilgums
