# vetnets kontrollpanel på norsk bokmål. De samme meldingene som i den engelske filen.

## Datoer og tall
date = { $day }. { $month } { $year }
month-1 = januar
month-2 = februar
month-3 = mars
month-4 = april
month-5 = mai
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = desember
number-group-separator = {"\u00A0"}
weeks = { NUMBER($n) ->
    [one] { $n } uke
   *[other] { $n } uker
}
minutes = { $n } min

## Ramme
skip-to-content = Gå til innholdet
language = Språk
action-change-language = Bytt
action-sign-out = Logg ut
footer = vetnets kontrollpanel: vises av deres egen node på denne datamaskinen. Ingenting herfra sendes til en sentral server.
nav-label = Hovedmeny
nav-home = Forside
nav-profile = Profil
nav-offers = Våre tilbud
nav-needs = Våre behov
nav-search = Søk
nav-matches = Treff
nav-mobility = Mobilitet
nav-trust = Tillit
nav-peers = Noder
nav-settings = Innstillinger
no-profile-name = (ingen profil ennå)

## Innlogging og avvisninger
signed-out-title = Du er logget ut
signed-out-body = Kjør denne kommandoen på datamaskinen der noden kjører, for å åpne kontrollpanelet. Den skriver ut en innloggingslenke som virker én gang.
signed-out-by-you = Du har logget ut. Kjør denne kommandoen på datamaskinen der noden kjører, for å logge inn igjen.
link-used-title = Denne innloggingslenken virker ikke lenger
link-used-body = En innloggingslenke virker én gang, i fem minutter. Få en ny ved å kjøre denne kommandoen på datamaskinen der noden kjører.
refused-title = Forespørselen ble avvist
refused-origin = Forespørselen kom fra et annet nettsted. Bare denne nodens egne sider kan sende skjemaer til den.
refused-too-large = Skjemaet er for stort.
refused-form = Skjemaet kunne ikke leses.
refused-csrf = Skjemaets sikkerhetstoken mangler eller er feil. Åpne siden på nytt og send skjemaet derfra.
refused-internal = Noe gikk galt i noden; loggen dens forteller hva.
refused-api = Noden kunne ikke gjøre dette. Loggen dens forteller hvorfor; kommandolinjen viser den samme feilen.
not-found-title = Fant ikke siden
not-found-body = Det finnes ingen side på denne adressen. Bruk menyen for å finne det du leter etter, eller logg inn på nytt:

## Skjemaer
required = må fylles ut
error-prefix = Feil:
choose-none = (ingen)
language-n = Språk { $n }
level-n = Nivå { $n }
form-refused = Noden godtok ikke dette skjemaet.
form-fix-fields = Rett opp feltene som er merket nedenfor:
field-text-lang = Tekstenes språk
hint-text-lang = Språket tittelen og beskrivelsen nedenfor er skrevet på. Andre oversettelser beholdes.
action-save = Lagre
action-publish = Publiser
action-cancel = Avbryt
action-edit = Rediger
action-duplicate = Kopier
action-withdraw = Trekk tilbake
actions = Handlinger
yes = Ja
no = Nei

## Feltene i oppføringene
field-id = Kortnavn (id)
hint-id = Bokstaver, sifre, «-», «_» eller «.»; endres ikke når du redigerer. Står feltet tomt, lages det av tittelen.
field-title = Tittel
field-description = Beskrivelse
field-isced = Utdanningsfelt (ISCED-F)
hint-isced = Skriv en kode eller en del av et navn, for eksempel 0715 eller welding.
field-nace = Næring (NACE)
hint-nace = Vertens næring.
field-country = Land
field-city = Sted
field-eqf-min = Laveste EQF-nivå
hint-eqf-min = Nivå i det europeiske kvalifikasjonsrammeverket (EQF), 1 til 8.
field-eqf-max = Høyeste EQF-nivå
field-places = Plasser
field-start = Start
hint-start = Første mulige startdag.
field-end = Slutt
field-weeks-min = Korteste opphold (uker)
field-weeks-max = Lengste opphold (uker)
field-deadline = Søknadsfrist
field-languages = Språk
hint-languages = Arbeidsspråk og det laveste nivået etter Det felles europeiske rammeverket for språk (CEFR) som trengs i hvert av dem.
field-outcomes = Læringsutbytte
hint-outcomes = Ett læringsutbytte per linje.
field-conditions-accommodation = Bolig
field-conditions-meals = Måltider
field-conditions-insurance = Forsikring
field-conditions-minors = Elever under 18 år er velkomne
field-conditions-mentor = En navngitt veileder på arbeidsplassen følger opp eleven
field-contact-email = Kontakt-e-post
field-learners = Elever
field-qualification = Kvalifikasjon
field-eqf = EQF-nivå
field-countries = Foretrukne vertsland
hint-countries = La feltet stå tomt for alle land. Hold nede Ctrl (eller Cmd) for å velge flere.
field-age = Gruppens alder
field-support = Behov for støtte
field-support-note = Mer om støttebehovet
field-funding = Finansiering
field-name = Organisasjonens navn
field-institution = Type organisasjon
field-vet = Yrkesopplæring som tilbys
field-region = Region
field-website = Nettsted
field-email = E-post
field-registration = Organisasjons- eller mva-nummer
field-hours = Timer
field-participation = Deltakelsesform
field-text = Ord
hint-text = Ord fra titler og beskrivelser.
field-sector = Fagområde eller næring
field-lang = Språk
field-author = Organisasjon (did:key)
field-trusted = Bare organisasjoner som denne noden har tillit til
field-kind = Type organisasjon
field-skill = ESCO-ferdighet (URI)
field-subject = Organisasjon som skal anbefales (did:key)
hint-subject = Den did:key:z6Mk… som vises i organisasjonens søketreff.
field-role = Rolle
field-network-name = Nettverkets navn
field-until = Gyldig til
field-did = Organisasjon (did:key)
hint-did = Lim inn did:key:z6Mk… for en hvilken som helst organisasjon.
fact-eqf = EQF
fact-weeks = Varighet
any-country = alle land
withdrawn = trukket tilbake
record-id = Id
record-updated = Sist publisert
record-version = versjon { $n }

## Kodelister
eqf-level = EQF-nivå { $level }
cefr-A1 = A1 (nybegynner)
cefr-A2 = A2 (grunnleggende)
cefr-B1 = B1 (middels)
cefr-B2 = B2 (øvre middels)
cefr-C1 = C1 (avansert)
cefr-C2 = C2 (svært avansert)
enum-provided = Ordnes av verten
enum-assisted = Verten hjelper med å finne
enum-none = Inngår ikke
enum-host = Verten
enum-sending-school = Den sendende skolen
enum-learner = Eleven
enum-shared = Deles
enum-under-18 = Alle under 18 år
enum-adults = Alle 18 år eller eldre
enum-mixed = Noen under 18 år
enum-accessibility = Tilgjengelighet
enum-accompanying-teacher = En lærer som reiser med
enum-special-diet = Spesialkost
enum-learning-support = Støtte i læringen
enum-erasmus-ka1-vet = Erasmus+ KA1 yrkesfag
enum-nordplus = Nordplus
enum-national = Nasjonalt program
enum-own = Egne midler
enum-other = Annet
enum-vet-provider = Tilbyder av yrkesopplæring
enum-company = Bedrift
enum-chamber = Handelskammer
enum-public-agency = Offentlig etat
enum-network = Nettverk
enum-ivet = Grunnleggende yrkesopplæring
enum-cvet = Etter- og videreutdanning
enum-online = Nettbasert
enum-on-site = Fysisk oppmøte
enum-blended = Kombinert
enum-workplace = På en arbeidsplass
enum-member = Medlem av et nettverk
enum-partner = Partner
enum-accreditor = Akkrediteringsorgan
enum-school = Sendende skole

## Tillit
trust-anchor = Tillitsanker
trust-endorsed-by-anchor = Anbefalt av et anker
trust-endorsed-via-chain = Anbefalt gjennom en kjede
trust-unverified = Ikke verifisert
trust-revoked = Nøkkelen er tilbakekalt
trust-unknown = Ukjent
trust-why = Hvorfor dette tillitsnivået?
trust-why-anchor = Denne noden har direkte tillit til organisasjonen: den er et av nodens tillitsankere.
trust-why-endorsed-by-anchor = Et tillitsanker anbefaler organisasjonen.
trust-why-endorsed-via-chain = Organisasjoner som et anker anbefaler, anbefaler denne organisasjonen.
trust-why-unverified = Ingen kjede av anbefalinger fører fra nodens tillitsankere til organisasjonen.
trust-why-revoked = Organisasjonens nøkkel er tilbakekalt; det er ikke tillit til oppføringene dens.
trust-why-unknown = Tillitsnivået kunne ikke beregnes.
trust-step = { $endorser } anbefaler { $subject }
role-member = medlem
role-partner = partner
role-accreditor = akkrediteringsorgan

## Våre tilbud og behov
offers-title = Våre tilbud
offers-new = Nytt tilbud
offers-none = Organisasjonen har ikke publisert noen tilbud ennå.
offers-new-title = Nytt tilbud om praksisplass
offers-edit-title = Rediger tilbud om praksisplass
needs-title = Våre behov
needs-new = Nytt behov
needs-none = Organisasjonen har ikke publisert noen mobilitetsbehov ennå.
needs-new-title = Nytt mobilitetsbehov
needs-edit-title = Rediger mobilitetsbehov
show-live = Vis bare gjeldende oppføringer
show-withdrawn = Vis også oppføringer som er trukket tilbake
done-published = Publisert. Andre noder får den i løpet av sekunder.
done-updated = Lagret. Den nye versjonen er på vei til andre noder.
done-withdrawn = Trukket tilbake. Andre noder viser den ikke lenger.
withdraw-title = Trekke tilbake «{ $title }»?
withdraw-warning = Når du trekker tilbake, får alle noder i nettverket beskjed om at oppføringen ikke lenger gjelder. Det kan ikke angres; du kan publisere en ny oppføring i stedet.

## Profil
profile-title = Profil
profile-published = Slik ser andre den
profile-edit = Rediger profilen
done-profile = Profilen er lagret og publisert.

## Forside
home-title = Forside
home-who = Hvem vi er
home-trust = Tillitsnivå her
home-did = Vår did:key
home-edit-profile = Rediger profilen
home-no-profile = Organisasjonen har ingen profil ennå.
home-health = Nodens tilstand
health-peers = Tilkoblede noder
health-reachability = Kan nås fra internett
health-last-sync = Siste synkronisering
health-outbox = Oppføringer som venter på å bli sendt
health-records = Lagrede oppføringer
health-network = Nettverk
reachability-public = Ja
reachability-private = Nei (bak NAT; et relé brukes)
reachability-unknown = Ikke kjent ennå
never = aldri
home-attention = Dette trenger oppmerksomhet
home-nothing = Ingenting trenger oppmerksomhet akkurat nå.
attention-thread = { $partner }: venter på at vi skal { $step }
attention-deadline = Søknadsfristen for «{ $title }» går ut { $date }
attention-matches = «{ $title }»: { NUMBER($count) ->
    [one] { $count } oppføring som passer
   *[other] { $count } oppføringer som passer
}
attention-unsigned = { $partner }: læringsavtalen mangler fortsatt { NUMBER($count) ->
    [one] én signatur
   *[other] { $count } signaturer
}
move-nominate = nominere en elev
move-agree = foreslå læringsavtalen
move-recognise = registrere godkjenningen
move-accept = godta eller avslå nominasjonen
move-complete = bekrefte at oppholdet er gjennomført
move-sign = signere læringsavtalen

## Søk
search-title = Søk i nettverket
search-kinds = Hva du søker i
search-offers = Tilbud
search-institutions = Organisasjoner
search-needs = Behov
search-achievements = Kurs og moduler
action-search = Søk
action-clear = Tøm
search-results = Treff
search-none = Fant ingenting. Prøv med færre filtre.
search-page = Side { $n }
pages = Sider
page-previous = Forrige side
page-next = Neste side

## Treff
matches-title = Treff
matches-intro = For hvert av våre tilbud og behov: de andre organisasjonenes behov og tilbud som passer best, med hva som passer (✓), hva som ikke passer (✗), og hva som er verdt å vite (·).
matches-show-blocked = Vis også par som ikke kan fungere
matches-hide-blocked = Skjul par som ikke kan fungere
matches-nothing-own = Publiser et tilbud eller et behov for å se treff.
matches-for-offer = For vårt tilbud
matches-for-need = For vårt behov
matches-none = Ingen oppføringer som passer ennå.
match-score = { $score } av 100 poeng
match-blocked = kan ikke fungere
reason-fit = Passer
reason-misfit = Passer ikke
reason-note = Verdt å vite
action-interest = Vis interesse (start en mobilitet)

## Mobilitet
mobility-title = Mobilitet
mobility-intro = Pågående praksisopphold med andre organisasjoner, hvert i en tråd av signerte trinn mellom de to nodene.
mobility-none = Ingen mobilitetstråder ennå. Start en fra et treff.
done-interest = Interessen er sendt. Vertens node svarer i tråden nedenfor.
thread-partner = Partner
thread-role = Vår rolle
thread-status = Status
thread-offer = Tilbud
thread-updated = Oppdatert
status-interested = Interesse vist
status-nominated = Elev nominert
status-accepted = Godtatt
status-refused = Avslått
status-agreeing = Venter på signaturer
status-agreed = Avtalt
status-completed = Gjennomført
status-recognised = Godkjent
status-cancelled = Avbrutt
status-unknown = Ukjent

## Tillitssiden
trust-title = Tillit
trust-intro = Tillitsnivåene tar utgangspunkt i organisasjonene denne noden har full tillit til (ankrene), og følger anbefalinger i høyst tre trinn.
trust-anchors = Våre tillitsankere
trust-no-anchors = Noden har ingen tillitsankere, så alle andre organisasjoner er ikke verifisert.
trust-anchors-how = Ankere angis i config.toml eller med «vetnet trust add».
trust-lookup = En organisasjons tillitskjede
action-look-up = Vis tillitskjeden
trust-given = Anbefalinger vi har gitt
trust-none-given = Vi har ikke anbefalt noen organisasjon.
trust-received = Anbefalinger vi har fått
trust-none-received = Ingen organisasjon har anbefalt oss.
trust-institution = Organisasjon
trust-endorse = Anbefal en organisasjon
trust-endorse-intro = En anbefaling er en signert offentlig oppføring: andre noder som har tillit til oss, får da også tillit til organisasjonen.
action-endorse = Anbefal
no-end = ingen sluttdato
expired = utløpt
done-endorsed = Anbefalingen er publisert.
done-unendorsed = Anbefalingen er trukket tilbake.

## Innstillinger
settings-title = Innstillinger
settings-intro = Dette er verdiene i { $path }. Endre dem i den filen og start noden på nytt.
settings-node = Noden
settings-limits = Grenser mot overbelastning
settings-keys = Organisasjonens nøkkel
setting = Innstilling
value = Verdi
meaning = Hva den gjør
setting-network = Nettverkets navn: oppføringer fra andre nettverk avvises.
setting-api = Administrasjonsadressen til dette kontrollpanelet og API-et; bare lokalt (loopback).
setting-listen = Hvor noden tar imot tilkoblinger fra andre noder.
setting-external = Adresser der andre kan nå denne noden, når de er forskjellige fra lytteadressene.
setting-bootstrap = Noder som nettverket nås gjennom.
setting-target-peers = Noden ser etter flere noder så lenge den har færre tilkoblinger enn dette.
setting-mdns = Finn andre noder i det lokale nettverket.
setting-relay-server = Videreformidle tilkoblinger for noder bak NAT (bare på en server som kan nås fra internett).
setting-cache-mb = Minne til hurtigbufferen for oppføringslageret, i megabyte.
setting-trust-anchors = Organisasjoner denne noden har full tillit til; tillitsnivåene tar utgangspunkt i dem.
setting-records-per-author-per-day = Nye oppføringer noden lagrer per organisasjon per dag; virkelige organisasjoner publiserer titalls til hundrevis.
setting-messages-per-peer-per-minute = Gossip-meldinger én node kan sende per minutt over tid.
setting-message-burst-per-peer = Gossip-meldinger én node kan sende på én gang før grensen per minutt gjelder.
setting-peer-ban-minutes = Hvor lenge en node som oppfører seg feil, kobles fra og avvises, i minutter.
setting-direct-messages-per-peer-per-minute = Mobilitetstrinn én partner kan sende per minutt over tid.
setting-direct-message-burst-per-peer = Mobilitetstrinn én partner kan sende på én gang.
key-current = Nåværende nøkkel
key-previous = Tidligere nøkkel
action-rotate = Bytt nøkkel
rotate-title = Bytte organisasjonens nøkkel?
rotate-warning = En ny nøkkel erstatter den nåværende. Alle oppføringer signeres på nytt med den nye nøkkelen, og andre noder følger byttet, men deres did:key endres: si fra til organisasjonene som anbefaler dere, og til alle som har den skrevet ned. Gjør dette når noen andre kan kjenne nøkkelen, eller etter en fast plan. Det kan ikke angres.
done-rotated = Nøkkelen er byttet. Den nye nøkkelen signerer fra nå av.

## Noder
peers-title = Noder
peers-none = Ingen node er tilkoblet.
peer-id = Node
peer-addrs = Adresser
peer-agent = Programvare
peer-on-topic = Sprer oppføringer
peer-connected = Tilkoblet i
