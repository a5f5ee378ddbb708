# vetnetin hallintanäkymä suomeksi. Samat viestit kuin englanninkielisessä tiedostossa.

## Päivämäärät ja luvut
# Kuukausien nimet ovat partitiivissa, koska niitä käytetään vain päivämäärissä.
date = { $day }. { $month } { $year }
month-1 = tammikuuta
month-2 = helmikuuta
month-3 = maaliskuuta
month-4 = huhtikuuta
month-5 = toukokuuta
month-6 = kesäkuuta
month-7 = heinäkuuta
month-8 = elokuuta
month-9 = syyskuuta
month-10 = lokakuuta
month-11 = marraskuuta
month-12 = joulukuuta
number-group-separator = {"\u00A0"}
weeks = { NUMBER($n) ->
    [one] { $n } viikko
   *[other] { $n } viikkoa
}
minutes = { $n } min

## Kehys
skip-to-content = Siirry sisältöön
language = Kieli
action-change-language = Vaihda
action-sign-out = Kirjaudu ulos
footer = vetnetin hallintanäkymä: sen tarjoaa oma solmunne tällä tietokoneella. Mitään täältä ei lähetetä keskitetylle palvelimelle.
nav-label = Päävalikko
nav-home = Etusivu
nav-profile = Profiili
nav-offers = Tarjouksemme
nav-needs = Tarpeemme
nav-search = Haku
nav-matches = Osumat
nav-mobility = Liikkuvuus
nav-trust = Luottamus
nav-peers = Solmut
nav-settings = Asetukset
no-profile-name = (ei vielä profiilia)

## Kirjautuminen ja hylätyt pyynnöt
signed-out-title = Olet kirjautunut ulos
signed-out-body = Avaa hallintanäkymä suorittamalla tämä komento tietokoneella, jossa solmu toimii. Komento tulostaa kertakäyttöisen kirjautumislinkin.
signed-out-by-you = Olet kirjautunut ulos. Kirjaudu uudelleen suorittamalla tämä komento tietokoneella, jossa solmu toimii.
link-used-title = Tämä kirjautumislinkki ei enää toimi
link-used-body = Kirjautumislinkki toimii kerran ja viiden minuutin ajan. Saat uuden suorittamalla tämän komennon tietokoneella, jossa solmu toimii.
refused-title = Pyyntö hylättiin
refused-origin = Pyyntö tuli toiselta verkkosivustolta. Vain tämän solmun omat sivut saavat lähettää sille lomakkeita.
refused-too-large = Lomake on liian suuri.
refused-form = Lomaketta ei voitu lukea.
refused-csrf = Lomakkeen suojaustunniste puuttuu tai on väärä. Avaa sivu uudelleen ja lähetä lomake sieltä.
refused-internal = Solmussa tapahtui virhe; sen loki kertoo, mikä.
refused-api = Solmu ei pystynyt tekemään tätä. Sen loki kertoo syyn; komentorivi näyttää saman virheen.
not-found-title = Sivua ei löydy
not-found-body = Tässä osoitteessa ei ole sivua. Etsi tarvitsemasi valikosta tai kirjaudu uudelleen:

## Lomakkeet
required = pakollinen
error-prefix = Virhe:
choose-none = (ei mitään)
language-n = Kieli { $n }
level-n = Taso { $n }
form-refused = Solmu ei hyväksynyt lomaketta.
form-fix-fields = Korjaa alla merkityt kentät:
field-text-lang = Tekstien kieli
hint-text-lang = Kieli, jolla alla oleva otsikko ja kuvaus on kirjoitettu. Muut käännökset säilyvät.
action-save = Tallenna
action-publish = Julkaise
action-cancel = Peruuta
action-edit = Muokkaa
action-duplicate = Kopioi
action-withdraw = Vedä takaisin
actions = Toiminnot
yes = Kyllä
no = Ei

## Tietueiden kentät
field-id = Lyhyt nimi (tunniste)
hint-id = Kirjaimia, numeroita, ”-”, ”_” tai ”.”; ei muutu muokattaessa. Jos kenttä jätetään tyhjäksi, nimi muodostetaan otsikosta.
field-title = Otsikko
field-description = Kuvaus
field-isced = Koulutusala (ISCED-F)
hint-isced = Kirjoita koodi tai osa nimestä, esimerkiksi 0715 tai welding.
field-nace = Toimiala (NACE)
hint-nace = Vastaanottavan organisaation toimiala.
field-country = Maa
field-city = Paikkakunta
field-eqf-min = Alin EQF-taso
hint-eqf-min = Eurooppalaisen tutkintojen viitekehyksen (EQF) taso, 1–8.
field-eqf-max = Ylin EQF-taso
field-places = Paikkojen määrä
field-start = Alkaa
hint-start = Ensimmäinen mahdollinen aloituspäivä.
field-end = Päättyy
field-weeks-min = Lyhin kesto (viikkoa)
field-weeks-max = Pisin kesto (viikkoa)
field-deadline = Hakuaika päättyy
field-languages = Kielet
hint-languages = Työkielet ja kussakin vaadittava vähimmäistaso eurooppalaisen viitekehyksen (CEFR) asteikolla.
field-outcomes = Oppimistulokset
hint-outcomes = Yksi oppimistulos riviä kohden.
field-conditions-accommodation = Majoitus
field-conditions-meals = Ateriat
field-conditions-insurance = Vakuutus
field-conditions-minors = Alle 18-vuotiaat opiskelijat ovat tervetulleita
field-conditions-mentor = Nimetty työpaikkaohjaaja ohjaa opiskelijaa
field-contact-email = Yhteyssähköposti
field-learners = Opiskelijoiden määrä
field-qualification = Tutkinto
field-eqf = EQF-taso
field-countries = Toivotut kohdemaat
hint-countries = Jätä tyhjäksi, jos maa on vapaa. Valitse useita pitämällä Ctrl (tai Cmd) painettuna.
field-age = Ryhmän ikä
field-support = Tarvittava tuki
field-support-note = Lisätietoja tarvittavasta tuesta
field-funding = Rahoitus
field-name = Organisaation nimi
field-institution = Organisaation tyyppi
field-vet = Tarjottu ammatillinen koulutus
field-region = Alue
field-website = Verkkosivusto
field-email = Sähköposti
field-registration = Y-tunnus tai ALV-numero
field-hours = Tunnit
field-participation = Osallistumistapa
field-text = Hakusanat
hint-text = Sanoja otsikoista ja kuvauksista.
field-sector = Ala tai toimiala
field-lang = Kieli
field-author = Organisaatio (did:key)
field-trusted = Vain organisaatiot, joihin tämä solmu luottaa
field-kind = Organisaation tyyppi
field-skill = ESCO-taito (URI)
field-subject = Suositeltava organisaatio (did:key)
hint-subject = Organisaation hakutuloksessa näkyvä did:key:z6Mk….
field-role = Rooli
field-network-name = Verkoston nimi
field-until = Voimassa saakka
field-did = Organisaatio (did:key)
hint-did = Liitä minkä tahansa organisaation did:key:z6Mk….
fact-eqf = EQF
fact-weeks = Kesto
any-country = mikä tahansa maa
withdrawn = vedetty takaisin
record-id = Tunniste
record-updated = Julkaistu viimeksi
record-version = versio { $n }

## Koodistot
eqf-level = EQF-taso { $level }
cefr-A1 = A1 (alkeistaso)
cefr-A2 = A2 (perustaso)
cefr-B1 = B1 (keskitaso)
cefr-B2 = B2 (hyvä keskitaso)
cefr-C1 = C1 (edistynyt taso)
cefr-C2 = C2 (taitava taso)
enum-provided = Vastaanottaja järjestää
enum-assisted = Vastaanottaja auttaa löytämään
enum-none = Ei järjestetä
enum-host = Vastaanottava organisaatio
enum-sending-school = Lähettävä oppilaitos
enum-learner = Opiskelija
enum-shared = Jaetaan
enum-under-18 = Kaikki alle 18-vuotiaita
enum-adults = Kaikki vähintään 18-vuotiaita
enum-mixed = Osa alle 18-vuotiaita
enum-accessibility = Esteettömyys
enum-accompanying-teacher = Mukana matkustava opettaja
enum-special-diet = Erityisruokavalio
enum-learning-support = Oppimisen tuki
enum-erasmus-ka1-vet = Erasmus+ KA1 ammatillinen koulutus
enum-nordplus = Nordplus
enum-national = Kansallinen ohjelma
enum-own = Omat varat
enum-other = Muu
enum-vet-provider = Ammatillisen koulutuksen järjestäjä
enum-company = Yritys
enum-chamber = Kauppakamari
enum-public-agency = Viranomainen
enum-network = Verkosto
enum-ivet = Ammatillinen perustutkintokoulutus
enum-cvet = Ammatillinen täydennyskoulutus
enum-online = Verkossa
enum-on-site = Paikan päällä
enum-blended = Monimuoto
enum-workplace = Työpaikalla
enum-member = Verkoston jäsen
enum-partner = Kumppani
enum-accreditor = Akkreditoija
enum-school = Lähettävä oppilaitos

## Luottamus
trust-anchor = Luottamusankkuri
trust-endorsed-by-anchor = Ankkurin suosittelema
trust-endorsed-via-chain = Suositusketjun kautta
trust-unverified = Vahvistamaton
trust-revoked = Avain mitätöity
trust-unknown = Tuntematon
trust-why = Miksi tämä luottamustaso?
trust-why-anchor = Tämä solmu luottaa organisaatioon suoraan: se on yksi solmun luottamusankkureista.
trust-why-endorsed-by-anchor = Luottamusankkuri suosittelee tätä organisaatiota.
trust-why-endorsed-via-chain = Ankkurin suosittelemat organisaatiot suosittelevat tätä organisaatiota.
trust-why-unverified = Mikään suositusketju ei johda tämän solmun luottamusankkureista tähän organisaatioon.
trust-why-revoked = Organisaation avain on mitätöity; sen tietueisiin ei luoteta.
trust-why-unknown = Luottamustasoa ei voitu selvittää.
trust-step = { $endorser } suosittelee: { $subject }
role-member = jäsen
role-partner = kumppani
role-accreditor = akkreditoija

## Tarjouksemme ja tarpeemme
offers-title = Tarjouksemme
offers-new = Uusi tarjous
offers-none = Organisaatio ei ole vielä julkaissut tarjouksia.
offers-new-title = Uusi työssäoppimispaikka
offers-edit-title = Muokkaa työssäoppimispaikkaa
needs-title = Tarpeemme
needs-new = Uusi tarve
needs-none = Organisaatio ei ole vielä julkaissut liikkuvuustarpeita.
needs-new-title = Uusi liikkuvuustarve
needs-edit-title = Muokkaa liikkuvuustarvetta
show-live = Näytä vain voimassa olevat tietueet
show-withdrawn = Näytä myös takaisin vedetyt tietueet
done-published = Julkaistu. Muut solmut saavat sen muutamassa sekunnissa.
done-updated = Tallennettu. Uusi versio on matkalla muihin solmuihin.
done-withdrawn = Vedetty takaisin. Muut solmut eivät enää näytä sitä.
withdraw-title = Vedetäänkö ”{ $title }” takaisin?
withdraw-warning = Takaisinveto ilmoittaa verkoston kaikille solmuille, että tietue ei ole enää voimassa. Sitä ei voi perua; voit sen sijaan julkaista uuden tietueen.

## Profiili
profile-title = Profiili
profile-published = Näin muut näkevät sen
profile-edit = Muokkaa profiilia
done-profile = Profiili on tallennettu ja julkaistu.

## Etusivu
home-title = Etusivu
home-who = Keitä olemme
home-trust = Luottamustaso täällä
home-did = did:key-tunnisteemme
home-edit-profile = Muokkaa profiilia
home-no-profile = Organisaatiolla ei ole vielä profiilia.
home-health = Solmun tila
health-peers = Yhdistetyt solmut
health-reachability = Tavoitettavissa internetistä
health-last-sync = Viimeisin täydentävä synkronointi
health-outbox = Lähetystä odottavat tietueet
health-records = Tallennetut tietueet
health-network = Verkosto
reachability-public = Kyllä
reachability-private = Ei (NATin takana; käytetään välityssolmua)
reachability-unknown = Ei vielä tiedossa
never = ei koskaan
home-attention = Vaatii huomiota
home-nothing = Mikään ei vaadi huomiota juuri nyt.
attention-thread = { $partner }: odottaa, että { $step }
attention-deadline = Hakuaika kohteeseen ”{ $title }” päättyy { $date }
attention-matches = ”{ $title }”: { NUMBER($count) ->
    [one] { $count } sopiva tietue
   *[other] { $count } sopivaa tietuetta
}
attention-unsigned = { $partner }: oppimissopimuksesta puuttuu vielä { NUMBER($count) ->
    [one] yksi allekirjoitus
   *[other] { $count } allekirjoitusta
}
move-nominate = nimeämme opiskelijan
move-agree = ehdotamme oppimissopimusta
move-recognise = kirjaamme osaamisen tunnustamisen
move-accept = hyväksymme tai hylkäämme nimetyn opiskelijan
move-complete = vahvistamme jakson suorittamisen
move-sign = allekirjoitamme oppimissopimuksen

## Haku
search-title = Hae verkostosta
search-kinds = Mitä haetaan
search-offers = Tarjoukset
search-institutions = Organisaatiot
search-needs = Tarpeet
search-achievements = Kurssit ja moduulit
action-search = Hae
action-clear = Tyhjennä
search-results = Tulokset
search-none = Mitään ei löytynyt. Kokeile vähemmillä suodattimilla.
search-page = Sivu { $n }
pages = Sivut
page-previous = Edellinen sivu
page-next = Seuraava sivu

## Osumat
matches-title = Osumat
matches-intro = Jokaiselle tarjoukselle ja tarpeellemme parhaiten sopivat muiden organisaatioiden tarpeet ja tarjoukset: mikä sopii (✓), mikä ei sovi (✗) ja mikä on hyvä tietää (·).
matches-show-blocked = Näytä myös parit, jotka eivät voi toimia
matches-hide-blocked = Piilota parit, jotka eivät voi toimia
matches-nothing-own = Julkaise tarjous tai tarve nähdäksesi osumat.
matches-for-offer = Tarjoukseemme
matches-for-need = Tarpeeseemme
matches-none = Ei vielä sopivia tietueita.
match-score = { $score }/100 pistettä
match-blocked = ei voi toimia
reason-fit = Sopii
reason-misfit = Ei sovi
reason-note = Huomio
action-interest = Ilmaise kiinnostus (aloita liikkuvuusjakso)

## Liikkuvuus
mobility-title = Liikkuvuus
mobility-intro = Käynnissä olevat työssäoppimisjaksot muiden organisaatioiden kanssa, kukin allekirjoitettujen vaiheiden ketjuna kahden solmun välillä.
mobility-none = Ei vielä liikkuvuusketjuja. Aloita sellainen osumasta.
done-interest = Kiinnostus lähetetty. Vastaanottajan solmu vastaa alla olevassa ketjussa.
thread-partner = Kumppani
thread-role = Roolimme
thread-status = Tila
thread-offer = Tarjous
thread-updated = Päivitetty
status-interested = Kiinnostus ilmaistu
status-nominated = Opiskelija nimetty
status-accepted = Hyväksytty
status-refused = Hylätty
status-agreeing = Odottaa allekirjoituksia
status-agreed = Sovittu
status-completed = Suoritettu
status-recognised = Tunnustettu
status-cancelled = Peruttu
status-unknown = Tuntematon

## Luottamussivu
trust-title = Luottamus
trust-intro = Luottamustasot lähtevät organisaatioista, joihin tämä solmu luottaa ehdoitta (sen ankkureista), ja seuraavat suosituksia enintään kolme askelta.
trust-anchors = Luottamusankkurimme
trust-no-anchors = Tällä solmulla ei ole luottamusankkureita, joten kaikki muut organisaatiot ovat vahvistamattomia.
trust-anchors-how = Ankkurit määritetään tiedostossa config.toml tai komennolla ”vetnet trust add”.
trust-lookup = Organisaation luottamuspolku
action-look-up = Näytä luottamuspolku
trust-given = Antamamme suositukset
trust-none-given = Emme ole suositelleet yhtään organisaatiota.
trust-received = Saamamme suositukset
trust-none-received = Mikään organisaatio ei ole suositellut meitä.
trust-institution = Organisaatio
trust-endorse = Suosittele organisaatiota
trust-endorse-intro = Suositus on allekirjoitettu julkinen tietue: muut meihin luottavat solmut luottavat silloin myös suositeltuun organisaatioon.
action-endorse = Suosittele
no-end = ei päättymispäivää
expired = vanhentunut
done-endorsed = Suositus julkaistu.
done-unendorsed = Suositus vedetty takaisin.

## Asetukset
settings-title = Asetukset
settings-intro = Nämä ovat tiedoston { $path } arvot. Muuta niitä tiedostossa ja käynnistä solmu uudelleen.
settings-node = Solmu
settings-limits = Rajat ylikuormitusta vastaan
settings-keys = Organisaation avain
setting = Asetus
value = Arvo
meaning = Merkitys
setting-network = Verkoston nimi: muiden verkostojen tietueet hylätään.
setting-api = Tämän hallintanäkymän ja API:n hallintaosoite; vain paikallinen (loopback).
setting-listen = Missä solmu ottaa vastaan muiden solmujen yhteyksiä.
setting-external = Osoitteet, joista muut tavoittavat tämän solmun, jos ne poikkeavat kuunteluosoitteista.
setting-bootstrap = Solmut, joiden kautta liitytään verkostoon.
setting-target-peers = Solmu etsii lisää solmuja niin kauan kuin sillä on tätä vähemmän yhteyksiä.
setting-mdns = Etsi muita solmuja lähiverkosta.
setting-relay-server = Välitä yhteyksiä NATin takana oleville solmuille (vain julkisesti tavoitettavalla palvelimella).
setting-cache-mb = Tietuevaraston välimuistin muisti megatavuina.
setting-trust-anchors = Organisaatiot, joihin tämä solmu luottaa ehdoitta; luottamustasot lähtevät niistä.
setting-records-per-author-per-day = Uudet tietueet, jotka solmu tallentaa organisaatiota kohden päivässä; todelliset organisaatiot julkaisevat kymmeniä tai satoja.
setting-messages-per-peer-per-minute = Gossip-viestit, jotka yksi solmu saa lähettää minuutissa pitkällä aikavälillä.
setting-message-burst-per-peer = Gossip-viestit, jotka yksi solmu saa lähettää kerralla ennen kuin minuuttikohtainen raja tulee voimaan.
setting-peer-ban-minutes = Kuinka kauan väärin toimiva solmu katkaistaan ja torjutaan, minuutteina.
setting-direct-messages-per-peer-per-minute = Liikkuvuusvaiheet, jotka yksi kumppani saa lähettää minuutissa pitkällä aikavälillä.
setting-direct-message-burst-per-peer = Liikkuvuusvaiheet, jotka yksi kumppani saa lähettää kerralla.
key-current = Nykyinen avain
key-previous = Aiempi avain
action-rotate = Vaihda avain
rotate-title = Vaihdetaanko organisaation avain?
rotate-warning = Uusi avain korvaa nykyisen. Jokainen tietue allekirjoitetaan uudelleen uudella avaimella ja muut solmut seuraavat vaihtoa, mutta did:key-tunnisteenne muuttuu: kertokaa siitä teitä suositteleville organisaatioille ja kaikille, jotka ovat kirjanneet sen muistiin. Tee vaihto, jos joku muu saattaa tuntea avaimen, tai säännöllisen aikataulun mukaan. Vaihtoa ei voi perua.
done-rotated = Avain vaihdettiin. Uusi avain allekirjoittaa tästä lähtien.

## Solmut
peers-title = Solmut
peers-none = Yhtään solmua ei ole yhdistetty.
peer-id = Solmu
peer-addrs = Osoitteet
peer-agent = Ohjelmisto
peer-on-topic = Levittää tietueita
peer-connected = Yhteys kestänyt
