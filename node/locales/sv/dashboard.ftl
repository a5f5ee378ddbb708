# vetnets instrumentpanel på svenska. Samma meddelanden som den engelska filen.

## Datum och tal
date = { $day } { $month } { $year }
month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
number-group-separator = {"\u00A0"}
weeks = { NUMBER($n) ->
    [one] { $n } vecka
   *[other] { $n } veckor
}
minutes = { $n } min

## Ram
skip-to-content = Hoppa till innehållet
language = Språk
action-change-language = Byt
action-sign-out = Logga ut
footer = vetnets instrumentpanel: visas av er egen nod på den här datorn. Inget här skickas till någon central server.
nav-label = Huvudmeny
nav-home = Start
nav-profile = Profil
nav-offers = Våra erbjudanden
nav-needs = Våra behov
nav-search = Sök
nav-matches = Matchningar
nav-mobility = Mobilitet
nav-trust = Förtroende
nav-peers = Noder
nav-settings = Inställningar
no-profile-name = (ingen profil ännu)

## Inloggning och avslag
signed-out-title = Du är utloggad
signed-out-body = Kör det här kommandot på datorn där noden körs för att öppna instrumentpanelen. Det skriver ut en inloggningslänk som fungerar en gång.
signed-out-by-you = Du har loggat ut. Kör det här kommandot på datorn där noden körs för att logga in igen.
link-used-title = Inloggningslänken fungerar inte längre
link-used-body = En inloggningslänk fungerar en gång, i fem minuter. Hämta en ny genom att köra det här kommandot på datorn där noden körs.
refused-title = Begäran avvisades
refused-origin = Begäran kom från en annan webbplats. Bara den här nodens egna sidor får skicka formulär till den.
refused-too-large = Formuläret är för stort.
refused-form = Formuläret gick inte att läsa.
refused-csrf = Formulärets säkerhetskod saknas eller är fel. Öppna sidan igen och skicka formuläret därifrån.
refused-internal = Något gick fel i noden; dess logg berättar vad.
refused-api = Noden kunde inte göra detta. Dess logg berättar varför; kommandoraden visar samma fel.
not-found-title = Sidan finns inte
not-found-body = Det finns ingen sida på den här adressen. Använd menyn för att hitta det du söker, eller logga in igen:

## Formulär
required = obligatoriskt
error-prefix = Fel:
choose-none = (inget)
language-n = Språk { $n }
level-n = Nivå { $n }
form-refused = Noden godtog inte formuläret.
form-fix-fields = Rätta fälten som är markerade nedan:
field-text-lang = Texternas språk
hint-text-lang = Språket som rubriken och beskrivningen nedan är skrivna på. Andra översättningar behålls.
action-save = Spara
action-publish = Publicera
action-cancel = Avbryt
action-edit = Redigera
action-duplicate = Kopiera
action-withdraw = Dra tillbaka
actions = Åtgärder
yes = Ja
no = Nej

## Postens fält
field-id = Kortnamn (id)
hint-id = Bokstäver, siffror, ”-”, ”_” eller ”.”; ändras inte när du redigerar. Lämnas det tomt skapas det av rubriken.
field-title = Rubrik
field-description = Beskrivning
field-isced = Utbildningsområde (ISCED-F)
hint-isced = Skriv en kod eller en del av ett namn, till exempel 0715 eller welding.
field-nace = Bransch (NACE)
hint-nace = Värdens bransch.
field-country = Land
field-city = Ort
field-eqf-min = Lägsta EQF-nivå
hint-eqf-min = Nivå i den europeiska referensramen för kvalifikationer, 1 till 8.
field-eqf-max = Högsta EQF-nivå
field-places = Platser
field-start = Start
hint-start = Första möjliga startdag.
field-end = Slut
field-weeks-min = Kortaste vistelse (veckor)
field-weeks-max = Längsta vistelse (veckor)
field-deadline = Sista ansökningsdag
field-languages = Språk
hint-languages = Arbetsspråk och den lägsta GERS-nivå (CEFR) som behövs i vart och ett.
field-outcomes = Läranderesultat
hint-outcomes = Ett läranderesultat per rad.
field-conditions-accommodation = Boende
field-conditions-meals = Måltider
field-conditions-insurance = Försäkring
field-conditions-minors = Elever under 18 år är välkomna
field-conditions-mentor = En utsedd handledare på arbetsplatsen handleder eleven
field-contact-email = Kontaktadress (e-post)
field-learners = Elever
field-qualification = Examen
field-eqf = EQF-nivå
field-countries = Önskade värdländer
hint-countries = Lämna tomt för vilket land som helst. Håll ned Ctrl (eller Cmd) för att välja flera.
field-age = Gruppens ålder
field-support = Stöd som behövs
field-support-note = Mer om stödet som behövs
field-funding = Finansiering
field-name = Organisationens namn
field-institution = Typ av organisation
field-vet = Yrkesutbildning som erbjuds
field-region = Region
field-website = Webbplats
field-email = E-post
field-registration = Organisations- eller momsnummer
field-hours = Timmar
field-participation = Deltagande
field-text = Ord
hint-text = Ord ur rubriker och beskrivningar.
field-sector = Område eller bransch
field-lang = Språk
field-author = Organisation (did:key)
field-trusted = Bara organisationer som den här noden litar på
field-kind = Typ av organisation
field-skill = ESCO-färdighet (URI)
field-subject = Organisation att gå i god för (did:key)
hint-subject = Den did:key:z6Mk… som visas i organisationens sökträff.
field-role = Roll
field-network-name = Nätverkets namn
field-until = Giltig till
field-did = Organisation (did:key)
hint-did = Klistra in did:key:z6Mk… för valfri organisation.
fact-eqf = EQF
fact-weeks = Längd
any-country = vilket land som helst
withdrawn = tillbakadragen
record-id = Id
record-updated = Senast publicerad
record-version = version { $n }

## Kodlistor
eqf-level = EQF-nivå { $level }
cefr-A1 = A1 (nybörjare)
cefr-A2 = A2 (grundläggande)
cefr-B1 = B1 (medelnivå)
cefr-B2 = B2 (övre medelnivå)
cefr-C1 = C1 (avancerad)
cefr-C2 = C2 (mycket avancerad)
enum-provided = Ordnas av värden
enum-assisted = Värden hjälper till att hitta
enum-none = Ingår inte
enum-host = Värden
enum-sending-school = Den sändande skolan
enum-learner = Eleven
enum-shared = Delas
enum-under-18 = Alla under 18 år
enum-adults = Alla 18 år eller äldre
enum-mixed = Några under 18 år
enum-accessibility = Tillgänglighet
enum-accompanying-teacher = En medföljande lärare
enum-special-diet = Specialkost
enum-learning-support = Stöd i lärandet
enum-erasmus-ka1-vet = Erasmus+ KA1 yrkesutbildning
enum-nordplus = Nordplus
enum-national = Nationellt program
enum-own = Egna medel
enum-other = Annat
enum-vet-provider = Yrkesutbildare
enum-company = Företag
enum-chamber = Handelskammare
enum-public-agency = Myndighet
enum-network = Nätverk
enum-ivet = Grundläggande yrkesutbildning
enum-cvet = Yrkesinriktad vuxenutbildning
enum-online = På distans
enum-on-site = På plats
enum-blended = Blandat
enum-workplace = På en arbetsplats
enum-member = Medlem i ett nätverk
enum-partner = Partner
enum-accreditor = Ackrediterande organ
enum-school = Sändande skola

## Förtroende
trust-anchor = Förtroendeankare
trust-endorsed-by-anchor = Betrodd av ett ankare
trust-endorsed-via-chain = Betrodd genom en kedja
trust-unverified = Ej verifierad
trust-revoked = Nyckeln återkallad
trust-unknown = Okänd
trust-why = Varför den här förtroendenivån?
trust-why-anchor = Den här noden litar direkt på organisationen: den är ett av nodens förtroendeankare.
trust-why-endorsed-by-anchor = Ett förtroendeankare går i god för organisationen.
trust-why-endorsed-via-chain = Organisationer som ett ankare går i god för går i god för den här organisationen.
trust-why-unverified = Ingen kedja av rekommendationer leder från nodens förtroendeankare till organisationen.
trust-why-revoked = Organisationens nyckel har återkallats; dess poster är inte betrodda.
trust-why-unknown = Förtroendenivån kunde inte räknas ut.
trust-step = { $endorser } går i god för { $subject }
role-member = medlem
role-partner = partner
role-accreditor = ackrediterande organ

## Våra erbjudanden och behov
offers-title = Våra erbjudanden
offers-new = Nytt erbjudande
offers-none = Organisationen har inte publicerat några erbjudanden ännu.
offers-new-title = Nytt praktikerbjudande
offers-edit-title = Redigera praktikerbjudande
needs-title = Våra behov
needs-new = Nytt behov
needs-none = Organisationen har inte publicerat några mobilitetsbehov ännu.
needs-new-title = Nytt mobilitetsbehov
needs-edit-title = Redigera mobilitetsbehov
show-live = Visa bara aktuella poster
show-withdrawn = Visa även tillbakadragna poster
done-published = Publicerat. Andra noder får det inom några sekunder.
done-updated = Sparat. Den nya versionen är på väg till andra noder.
done-withdrawn = Tillbakadraget. Andra noder visar det inte längre.
withdraw-title = Dra tillbaka ”{ $title }”?
withdraw-warning = Att dra tillbaka meddelar alla noder i nätverket att posten inte längre gäller. Det går inte att ångra; du kan publicera en ny post i stället.

## Profil
profile-title = Profil
profile-published = Så ser andra den
profile-edit = Redigera profilen
done-profile = Profilen är sparad och publicerad.

## Start
home-title = Start
home-who = Vilka vi är
home-trust = Förtroendenivå här
home-did = Vår did:key
home-edit-profile = Redigera profilen
home-no-profile = Organisationen har ingen profil ännu.
home-health = Nodens hälsa
health-peers = Anslutna noder
health-reachability = Nåbar från internet
health-last-sync = Senaste synkronisering
health-outbox = Poster som väntar på att skickas
health-records = Lagrade poster
health-network = Nätverk
reachability-public = Ja
reachability-private = Nej (bakom NAT; trafiken går via en relänod)
reachability-unknown = Inte känt ännu
never = aldrig
home-attention = Det här behöver uppmärksamhet
home-nothing = Inget behöver uppmärksamhet just nu.
attention-thread = { $partner }: väntar på att vi ska { $step }
attention-deadline = Ansökan till ”{ $title }” stänger { $date }
attention-matches = ”{ $title }”: { NUMBER($count) ->
    [one] { $count } matchande post
   *[other] { $count } matchande poster
}
attention-unsigned = { $partner }: lärandeavtalet saknar fortfarande { NUMBER($count) ->
    [one] en underskrift
   *[other] { $count } underskrifter
}
move-nominate = nominera en elev
move-agree = föreslå lärandeavtalet
move-recognise = registrera erkännandet
move-accept = godta eller avböja nomineringen
move-complete = bekräfta att praktiken är genomförd
move-sign = skriva under lärandeavtalet

## Sök
search-title = Sök i nätverket
search-kinds = Vad du söker
search-offers = Erbjudanden
search-institutions = Organisationer
search-needs = Behov
search-achievements = Kurser och moduler
action-search = Sök
action-clear = Rensa
search-results = Träffar
search-none = Inget hittades. Prova med färre filter.
search-page = Sida { $n }
pages = Sidor
page-previous = Föregående sida
page-next = Nästa sida

## Matchningar
matches-title = Matchningar
matches-intro = För vart och ett av våra erbjudanden och behov: de andra organisationernas behov och erbjudanden som passar bäst, med vad som passar (✓), vad som inte passar (✗) och vad som är bra att veta (·).
matches-show-blocked = Visa även par som inte kan fungera
matches-hide-blocked = Dölj par som inte kan fungera
matches-nothing-own = Publicera ett erbjudande eller ett behov för att se matchningar.
matches-for-offer = För vårt erbjudande
matches-for-need = För vårt behov
matches-none = Inga matchande poster ännu.
match-score = Poäng { $score } av 100
match-blocked = kan inte fungera
reason-fit = Passar
reason-misfit = Passar inte
reason-note = Bra att veta
action-interest = Visa intresse (starta en mobilitet)

## Mobilitet
mobility-title = Mobilitet
mobility-intro = Pågående praktikperioder med andra organisationer, var och en i en tråd av signerade steg mellan de två noderna.
mobility-none = Inga mobilitetstrådar ännu. Starta en från en matchning.
done-interest = Intresset är skickat. Värdens nod svarar i tråden nedan.
thread-partner = Partner
thread-role = Vår roll
thread-status = Läge
thread-offer = Erbjudande
thread-updated = Uppdaterad
status-interested = Intresse visat
status-nominated = Elev nominerad
status-accepted = Godtagen
status-refused = Avböjd
status-agreeing = Väntar på underskrifter
status-agreed = Överenskommen
status-completed = Genomförd
status-recognised = Erkänd
status-cancelled = Avbruten
status-unknown = Okänt

## Förtroendesidan
trust-title = Förtroende
trust-intro = Förtroendenivåer utgår från de organisationer som den här noden litar på direkt (dess ankare) och följer rekommendationer i högst tre steg.
trust-anchors = Våra förtroendeankare
trust-no-anchors = Noden har inga förtroendeankare, så alla andra organisationer är ej verifierade.
trust-anchors-how = Ankare anges i config.toml eller med ”vetnet trust add”.
trust-lookup = En organisations förtroendekedja
action-look-up = Visa förtroendekedjan
trust-given = Rekommendationer vi har gett
trust-none-given = Vi har inte gått i god för någon organisation.
trust-received = Rekommendationer vi har fått
trust-none-received = Ingen organisation har gått i god för oss.
trust-institution = Organisation
trust-endorse = Gå i god för en organisation
trust-endorse-intro = En rekommendation är en signerad offentlig post: andra noder som litar på oss litar då även på organisationen.
action-endorse = Gå i god
no-end = inget slutdatum
expired = har gått ut
done-endorsed = Rekommendationen är publicerad.
done-unendorsed = Rekommendationen är tillbakadragen.

## Inställningar
settings-title = Inställningar
settings-intro = Det här är värdena i { $path }. Ändra dem i filen och starta om noden.
settings-node = Noden
settings-limits = Gränser mot överbelastning
settings-keys = Organisationens nyckel
setting = Inställning
value = Värde
meaning = Vad den gör
setting-network = Nätverkets namn: poster från andra nätverk avvisas.
setting-api = Adressen till den här instrumentpanelen och API:t; bara lokalt (loopback).
setting-listen = Var noden tar emot anslutningar från andra noder.
setting-external = Adresser där andra kan nå noden, om de skiljer sig från de lyssnande adresserna.
setting-bootstrap = Noder att ansluta till nätverket genom.
setting-target-peers = Noden letar efter fler noder så länge den har färre anslutningar än så här.
setting-mdns = Hitta andra noder i det lokala nätverket.
setting-relay-server = Förmedla anslutningar åt noder bakom NAT (bara på en server som kan nås från internet).
setting-cache-mb = Minne för postlagrets cache, i megabyte.
setting-trust-anchors = Organisationer som noden litar på direkt; förtroendenivåerna utgår från dem.
setting-records-per-author-per-day = Nya poster som noden lagrar per organisation och dag; verkliga organisationer publicerar tiotals till hundratals.
setting-messages-per-peer-per-minute = Gossip-meddelanden som en nod får skicka per minut, i längden.
setting-message-burst-per-peer = Gossip-meddelanden som en nod får skicka på en gång innan minutgränsen gäller.
setting-peer-ban-minutes = Hur länge en nod som missköter sig kopplas bort och avvisas, i minuter.
setting-direct-messages-per-peer-per-minute = Mobilitetssteg som en partner får skicka per minut, i längden.
setting-direct-message-burst-per-peer = Mobilitetssteg som en partner får skicka på en gång.
key-current = Nuvarande nyckel
key-previous = Tidigare nyckel
action-rotate = Byt nyckel
rotate-title = Byta organisationens nyckel?
rotate-warning = En ny nyckel ersätter den nuvarande. Alla poster signeras på nytt med den nya nyckeln och andra noder följer bytet, men er did:key ändras: berätta det för organisationerna som går i god för er och för alla som har den antecknad. Gör det när någon annan kan känna till nyckeln, eller enligt ett schema. Det går inte att ångra.
done-rotated = Nyckeln är bytt. Den nya nyckeln signerar från och med nu.

## Noder
peers-title = Noder
peers-none = Ingen nod är ansluten.
peer-id = Nod
peer-addrs = Adresser
peer-agent = Programvara
peer-on-topic = Sprider poster
peer-connected = Ansluten i
