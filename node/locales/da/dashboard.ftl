# vetnets kontrolpanel på dansk. De samme beskeder som i den engelske fil.

## Datoer og tal
date = { $day }. { $month } { $year }
month-1 = januar
month-2 = februar
month-3 = marts
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
number-group-separator = .
weeks = { NUMBER($n) ->
    [one] { $n } uge
   *[other] { $n } uger
}
minutes = { $n } min.

## Ramme
skip-to-content = Gå til indholdet
language = Sprog
action-change-language = Skift
action-sign-out = Log ud
footer = vetnets kontrolpanel: vises af jeres egen node på denne computer. Intet herfra sendes til en central server.
nav-label = Hovedmenu
nav-home = Forside
nav-profile = Profil
nav-offers = Vores tilbud
nav-needs = Vores behov
nav-search = Søg
nav-matches = Match
nav-mobility = Mobilitet
nav-trust = Tillid
nav-peers = Noder
nav-settings = Indstillinger
no-profile-name = (ingen profil endnu)

## Log ind og afvisninger
signed-out-title = Du er logget ud
signed-out-body = Kør denne kommando på den computer, hvor noden kører, for at åbne kontrolpanelet. Den udskriver et login-link, der virker én gang.
signed-out-by-you = Du har logget ud. Kør denne kommando på den computer, hvor noden kører, for at logge ind igen.
link-used-title = Dette login-link virker ikke længere
link-used-body = Et login-link virker én gang og i fem minutter. Få et nyt ved at køre denne kommando på den computer, hvor noden kører.
refused-title = Anmodningen blev afvist
refused-origin = Anmodningen kom fra et andet websted. Kun denne nodes egne sider må sende formularer til den.
refused-too-large = Formularen er for stor.
refused-form = Formularen kunne ikke læses.
refused-csrf = Formularens sikkerhedstoken mangler eller er forkert. Åbn siden igen, og send formularen derfra.
refused-internal = Der gik noget galt i noden; dens log fortæller hvad.
refused-api = Noden kunne ikke gøre dette. Dens log fortæller hvorfor; kommandolinjen viser den samme fejl.
not-found-title = Siden blev ikke fundet
not-found-body = Der er ingen side på denne adresse. Brug menuen til at finde det, du leder efter, eller log ind igen:

## Formularer
required = skal udfyldes
error-prefix = Fejl:
choose-none = (ingen)
language-n = Sprog { $n }
level-n = Niveau { $n }
form-refused = Noden godtog ikke denne formular.
form-fix-fields = Ret de felter, der er markeret nedenfor:
field-text-lang = Teksternes sprog
hint-text-lang = Det sprog, titlen og beskrivelsen nedenfor er skrevet på. Andre oversættelser bevares.
action-save = Gem
action-publish = Offentliggør
action-cancel = Annuller
action-edit = Rediger
action-duplicate = Kopiér
action-withdraw = Træk tilbage
actions = Handlinger
yes = Ja
no = Nej

## Felter i posterne
field-id = Kort navn (id)
hint-id = Bogstaver, tal, »-«, »_« eller ».«; ændres ikke, når du redigerer. Står feltet tomt, dannes det ud fra titlen.
field-title = Titel
field-description = Beskrivelse
field-isced = Uddannelsesområde (ISCED-F)
hint-isced = Skriv en kode eller en del af et navn, for eksempel 0715 eller welding.
field-nace = Branche (NACE)
hint-nace = Værtens branche.
field-country = Land
field-city = By
field-eqf-min = Laveste EQF-niveau
hint-eqf-min = Niveau i den europæiske kvalifikationsramme (EQF), 1 til 8.
field-eqf-max = Højeste EQF-niveau
field-places = Pladser
field-start = Start
hint-start = Den første mulige startdag.
field-end = Slut
field-weeks-min = Korteste ophold (uger)
field-weeks-max = Længste ophold (uger)
field-deadline = Ansøgningsfrist
field-languages = Sprog
hint-languages = Arbejdssprog og det laveste niveau efter den fælles europæiske referenceramme (CEFR), der kræves i hvert af dem.
field-outcomes = Læringsudbytte
hint-outcomes = Ét læringsudbytte pr. linje.
field-conditions-accommodation = Bolig
field-conditions-meals = Måltider
field-conditions-insurance = Forsikring
field-conditions-minors = Elever under 18 år er velkomne
field-conditions-mentor = En udpeget vejleder på arbejdspladsen vejleder eleven
field-contact-email = Kontakt-e-mail
field-learners = Elever
field-qualification = Uddannelse
field-eqf = EQF-niveau
field-countries = Foretrukne værtslande
hint-countries = Lad feltet stå tomt for et hvilket som helst land. Hold Ctrl (eller Cmd) nede for at vælge flere.
field-age = Gruppens alder
field-support = Behov for støtte
field-support-note = Mere om behovet for støtte
field-funding = Finansiering
field-name = Organisationens navn
field-institution = Type organisation
field-vet = Erhvervsuddannelse, der udbydes
field-region = Region
field-website = Websted
field-email = E-mail
field-registration = CVR- eller momsnummer
field-hours = Timer
field-participation = Deltagelsesform
field-text = Ord
hint-text = Ord fra titler og beskrivelser.
field-sector = Område eller branche
field-lang = Sprog
field-author = Organisation (did:key)
field-trusted = Kun organisationer, som denne node har tillid til
field-kind = Type organisation
field-skill = ESCO-færdighed (URI)
field-subject = Organisation, der skal anbefales (did:key)
hint-subject = Den did:key:z6Mk…, der vises i organisationens søgeresultat.
field-role = Rolle
field-network-name = Netværkets navn
field-until = Gyldig til
field-did = Organisation (did:key)
hint-did = Indsæt did:key:z6Mk… for en hvilken som helst organisation.
fact-eqf = EQF
fact-weeks = Varighed
any-country = ethvert land
withdrawn = trukket tilbage
record-id = Id
record-updated = Senest offentliggjort
record-version = version { $n }

## Kodelister
eqf-level = EQF-niveau { $level }
cefr-A1 = A1 (begynder)
cefr-A2 = A2 (grundlæggende)
cefr-B1 = B1 (mellemniveau)
cefr-B2 = B2 (øvre mellemniveau)
cefr-C1 = C1 (avanceret)
cefr-C2 = C2 (meget avanceret)
enum-provided = Stilles til rådighed af værten
enum-assisted = Værten hjælper med at finde det
enum-none = Stilles ikke til rådighed
enum-host = Værten
enum-sending-school = Den udsendende skole
enum-learner = Eleven
enum-shared = Deles
enum-under-18 = Alle under 18 år
enum-adults = Alle 18 år eller ældre
enum-mixed = Nogle under 18 år
enum-accessibility = Tilgængelighed
enum-accompanying-teacher = En ledsagende lærer
enum-special-diet = Særlig kost
enum-learning-support = Læringsstøtte
enum-erasmus-ka1-vet = Erasmus+ KA1 erhvervsuddannelse
enum-nordplus = Nordplus
enum-national = Nationalt program
enum-own = Egne midler
enum-other = Andet
enum-vet-provider = Erhvervsskole
enum-company = Virksomhed
enum-chamber = Erhvervsorganisation
enum-public-agency = Offentlig myndighed
enum-network = Netværk
enum-ivet = Erhvervsuddannelse (grunduddannelse)
enum-cvet = Efter- og videreuddannelse
enum-online = Online
enum-on-site = Fremmøde
enum-blended = Kombineret
enum-workplace = På en arbejdsplads
enum-member = Medlem af et netværk
enum-partner = Partner
enum-accreditor = Akkrediteringsorgan
enum-school = Udsendende skole

## Tillid
trust-anchor = Tillidsanker
trust-endorsed-by-anchor = Anbefalet af et anker
trust-endorsed-via-chain = Anbefalet gennem en kæde
trust-unverified = Ikke verificeret
trust-revoked = Nøglen tilbagekaldt
trust-unknown = Ukendt
trust-why = Hvorfor dette tillidsniveau?
trust-why-anchor = Denne node har direkte tillid til organisationen: den er et af nodens tillidsankre.
trust-why-endorsed-by-anchor = Et tillidsanker anbefaler organisationen.
trust-why-endorsed-via-chain = Organisationer, som et anker anbefaler, anbefaler denne organisation.
trust-why-unverified = Ingen kæde af anbefalinger fører fra nodens tillidsankre til organisationen.
trust-why-revoked = Organisationens nøgle er tilbagekaldt; der er ikke tillid til dens poster.
trust-why-unknown = Tillidsniveauet kunne ikke beregnes.
trust-step = { $endorser } anbefaler { $subject }
role-member = medlem
role-partner = partner
role-accreditor = akkrediteringsorgan

## Vores tilbud og behov
offers-title = Vores tilbud
offers-new = Nyt tilbud
offers-none = Organisationen har ikke offentliggjort nogen tilbud endnu.
offers-new-title = Nyt praktiktilbud
offers-edit-title = Rediger praktiktilbud
needs-title = Vores behov
needs-new = Nyt behov
needs-none = Organisationen har ikke offentliggjort nogen mobilitetsbehov endnu.
needs-new-title = Nyt mobilitetsbehov
needs-edit-title = Rediger mobilitetsbehov
show-live = Vis kun aktuelle poster
show-withdrawn = Vis også poster, der er trukket tilbage
done-published = Offentliggjort. Andre noder modtager det inden for få sekunder.
done-updated = Gemt. Den nye version er på vej til andre noder.
done-withdrawn = Trukket tilbage. Andre noder viser det ikke længere.
withdraw-title = Træk »{ $title }« tilbage?
withdraw-warning = Når du trækker en post tilbage, får alle noder i netværket besked om, at den ikke længere gælder. Det kan ikke fortrydes; du kan i stedet offentliggøre en ny post.

## Profil
profile-title = Profil
profile-published = Sådan ser andre den
profile-edit = Rediger profilen
done-profile = Profilen er gemt og offentliggjort.

## Forside
home-title = Forside
home-who = Hvem vi er
home-trust = Tillidsniveau her
home-did = Vores did:key
home-edit-profile = Rediger profilen
home-no-profile = Organisationen har ingen profil endnu.
home-health = Nodens tilstand
health-peers = Forbundne noder
health-reachability = Kan nås fra internettet
health-last-sync = Seneste synkronisering
health-outbox = Poster, der venter på at blive sendt
health-records = Lagrede poster
health-network = Netværk
reachability-public = Ja
reachability-private = Nej (bag NAT; der bruges et relæ)
reachability-unknown = Endnu ikke kendt
never = aldrig
home-attention = Det kræver opmærksomhed
home-nothing = Intet kræver opmærksomhed lige nu.
attention-thread = { $partner }: venter på, at vi { $step }
attention-deadline = Ansøgningsfristen for »{ $title }« udløber { $date }
attention-matches = »{ $title }«: { NUMBER($count) ->
    [one] { $count } matchende post
   *[other] { $count } matchende poster
}
attention-unsigned = { $partner }: læringsaftalen mangler stadig { NUMBER($count) ->
    [one] én underskrift
   *[other] { $count } underskrifter
}
move-nominate = indstiller en elev
move-agree = foreslår læringsaftalen
move-recognise = registrerer anerkendelsen
move-accept = godkender eller afviser indstillingen
move-complete = bekræfter, at opholdet er gennemført
move-sign = underskriver læringsaftalen

## Søg
search-title = Søg i netværket
search-kinds = Hvad der søges i
search-offers = Tilbud
search-institutions = Organisationer
search-needs = Behov
search-achievements = Kurser og moduler
action-search = Søg
action-clear = Ryd
search-results = Resultater
search-none = Intet fundet. Prøv med færre filtre.
search-page = Side { $n }
pages = Sider
page-previous = Forrige side
page-next = Næste side

## Match
matches-title = Match
matches-intro = For hvert af vores tilbud og behov: de andre organisationers behov og tilbud, der passer bedst, med hvad der passer (✓), hvad der ikke passer (✗), og hvad der er godt at vide (·).
matches-show-blocked = Vis også par, der ikke kan fungere
matches-hide-blocked = Skjul par, der ikke kan fungere
matches-nothing-own = Offentliggør et tilbud eller et behov for at se match.
matches-for-offer = Til vores tilbud
matches-for-need = Til vores behov
matches-none = Ingen matchende poster endnu.
match-score = { $score } af 100 point
match-blocked = kan ikke fungere
reason-fit = Passer
reason-misfit = Passer ikke
reason-note = Godt at vide
action-interest = Vis interesse (start en mobilitet)

## Mobilitet
mobility-title = Mobilitet
mobility-intro = Igangværende praktikophold med andre organisationer, hver i en tråd af signerede trin mellem de to noder.
mobility-none = Ingen mobilitetstråde endnu. Start en fra et match.
done-interest = Interessen er sendt. Værtens node svarer i tråden nedenfor.
thread-partner = Partner
thread-role = Vores rolle
thread-status = Status
thread-offer = Tilbud
thread-updated = Opdateret
status-interested = Interesse vist
status-nominated = Elev indstillet
status-accepted = Godkendt
status-refused = Afvist
status-agreeing = Venter på underskrifter
status-agreed = Aftalt
status-completed = Gennemført
status-recognised = Anerkendt
status-cancelled = Annulleret
status-unknown = Ukendt

## Tillidssiden
trust-title = Tillid
trust-intro = Tillidsniveauer udgår fra de organisationer, som denne node har fuld tillid til (dens ankre), og følger anbefalinger i højst tre trin.
trust-anchors = Vores tillidsankre
trust-no-anchors = Noden har ingen tillidsankre, så alle andre organisationer er ikke verificerede.
trust-anchors-how = Ankre angives i config.toml eller med »vetnet trust add«.
trust-lookup = En organisations tillidssti
action-look-up = Vis tillidsstien
trust-given = Anbefalinger, vi har givet
trust-none-given = Vi har ikke anbefalet nogen organisation.
trust-received = Anbefalinger, vi har fået
trust-none-received = Ingen organisation har anbefalet os.
trust-institution = Organisation
trust-endorse = Anbefal en organisation
trust-endorse-intro = En anbefaling er en signeret offentlig post: andre noder, der har tillid til os, får så også tillid til organisationen.
action-endorse = Anbefal
no-end = ingen slutdato
expired = udløbet
done-endorsed = Anbefalingen er offentliggjort.
done-unendorsed = Anbefalingen er trukket tilbage.

## Indstillinger
settings-title = Indstillinger
settings-intro = Dette er værdierne i { $path }. Ret dem i den fil, og genstart noden.
settings-node = Noden
settings-limits = Grænser mod overbelastning
settings-keys = Organisationens nøgle
setting = Indstilling
value = Værdi
meaning = Hvad den gør
setting-network = Netværkets navn: poster fra andre netværk afvises.
setting-api = Administrationsadressen for dette kontrolpanel og API'et; kun lokalt (loopback).
setting-listen = Hvor noden tager imod forbindelser fra andre noder.
setting-external = Adresser, hvor andre kan nå denne node, hvis de afviger fra lytteadresserne.
setting-bootstrap = Noder, som netværket tilgås igennem.
setting-target-peers = Noden leder efter flere noder, så længe den har færre forbindelser end dette.
setting-mdns = Find andre noder på det lokale netværk.
setting-relay-server = Videresend forbindelser for noder bag NAT (kun på en server, der kan nås offentligt).
setting-cache-mb = Hukommelse til postlagerets cache, i megabyte.
setting-trust-anchors = Organisationer, som denne node har fuld tillid til; tillidsniveauerne udgår fra dem.
setting-records-per-author-per-day = Nye poster, som noden gemmer pr. organisation pr. dag; rigtige organisationer offentliggør fra ti til flere hundrede.
setting-messages-per-peer-per-minute = Gossip-beskeder, som én node må sende pr. minut over tid.
setting-message-burst-per-peer = Gossip-beskeder, som én node må sende på én gang, før grænsen pr. minut gælder.
setting-peer-ban-minutes = Hvor længe en node, der opfører sig forkert, afbrydes og afvises, i minutter.
setting-direct-messages-per-peer-per-minute = Mobilitetstrin, som én partner må sende pr. minut over tid.
setting-direct-message-burst-per-peer = Mobilitetstrin, som én partner må sende på én gang.
key-current = Nuværende nøgle
key-previous = Tidligere nøgle
action-rotate = Skift nøglen
rotate-title = Skift organisationens nøgle?
rotate-warning = En ny nøgle erstatter den nuværende. Alle poster signeres igen med den nye nøgle, og andre noder følger skiftet, men jeres did:key ændres: fortæl det til de organisationer, der anbefaler jer, og til alle, der har den skrevet ned. Gør det, når nøglen kan være kendt af andre, eller efter en fast plan. Det kan ikke fortrydes.
done-rotated = Nøglen er skiftet. Den nye nøgle signerer fra nu af.

## Noder
peers-title = Noder
peers-none = Ingen node er forbundet.
peer-id = Node
peer-addrs = Adresser
peer-agent = Software
peer-on-topic = Videresender poster
peer-connected = Forbundet i
