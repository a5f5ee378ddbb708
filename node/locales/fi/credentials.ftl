# The dashboard's credentials pages (fi).

nav-achievements = Osaamiset
nav-credentials = Todistukset
nav-verify = Tarkista

## The achievement catalogue
achievements-title = Osaamiset
achievements-intro = Osaamiset, joista tämä oppilaitos myöntää todistuksia, kaikkine mikrotutkinnon osineen, joita neuvoston suositus edellyttää. Kumppanit näkevät ne verkossa.
achievements-new = Uusi osaaminen
achievements-none = Ei vielä osaamisia.
achievements-new-title = Uusi osaaminen
achievements-edit-title = Muokkaa osaamista
achievements-elements = Mikrotutkinnon osat
achievements-workload = Työmäärä
achievements-withdraw-warning = Peruminen poistaa osaamisen verkosta. Jo myönnetyt todistukset pysyvät voimassa; uusia ei voi enää myöntää.
cred-ects-credits = { $n } op (ECTS)
cred-hours-n = { $n } tuntia
cred-field-nqf = Kansallisen tutkintojen viitekehyksen taso
cred-hint-nqf = Niin kuin maasi sen kirjoittaa, esimerkiksi ”NQF 4”.
cred-field-ects = ECTS-opintopisteet
cred-hint-ects = Arvioitu työmäärä ECTS-opintopisteinä, esimerkiksi 5 tai 7,5.
cred-field-assessment = Arviointi
cred-hint-assessment = Miten oppimistulokset arvioidaan.
cred-field-supervision = Valvonta ja henkilöllisyyden tarkistus
cred-field-quality-assurance = Laadunvarmistus
cred-hint-quality-assurance = Kuka varmistaa oppimisen ja arvioinnin laadun, ja miten.
cred-field-prerequisites = Edeltävät vaatimukset
cred-field-stackability = Yhdisteltävyys
cred-field-esco-skills = ESCO-taidot
cred-hint-esco-skills = Yksi ESCO-taidon osoite riviä kohden.
cred-field-further-information = Lisätietoja
cred-hint-country = Tyhjänä: profiilisi maa.
cred-hint-languages = Oppimisen ja arvioinnin kielet; tyhjänä: profiilisi kielet.
cred-enum-unsupervised = Ilman valvontaa ja henkilöllisyyden tarkistusta
cred-enum-supervised-online = Valvottu verkossa, henkilöllisyys tarkistetaan
cred-enum-on-site-identity-check = Valvottu paikan päällä, henkilöllisyys tarkistetaan
cred-enum-standalone = Itsenäinen
cred-enum-stackable = Yhdistettävissä laajempaan todistukseen

## Issuing
cred-issue-title = Myönnä yhdelle opiskelijalle
cred-issue-intro = Todistus allekirjoitetaan heti oppilaitoksen avaimella. Koko ryhmälle lataa sen sijaan tiedosto:
cred-issue-no-achievements = Myönnettävää osaamista ei vielä ole.
cred-field-achievement = Osaaminen
cred-field-learner-name = Opiskelijan nimi
cred-field-learner-email = Opiskelijan sähköposti
cred-hint-learner-email = Vapaaehtoinen. Todistuksessa se on vain suolattuna tiivisteenä, jotta opiskelija voi osoittaa todistuksen omakseen.
cred-field-grade = Arvosana
cred-field-date = Myönnetty
cred-hint-date = Päivä, jona opiskelija saavutti osaamisen; tyhjänä: tänään.
cred-field-valid-until = Voimassa asti
cred-hint-valid-until = Tyhjänä: todistus ei vanhene.
cred-action-issue = Myönnä todistus
cred-delegated-achievement = { $achievement } (valtuuttaja { $from })

## Issuing to a class
class-title = Myönnä ryhmälle
class-intro = Lataa CSV-tiedosto, jossa on yksi opiskelija riviä kohden. Kaikki rivit myönnetään tai ei yhtäkään: jos jokin rivi on virheellinen, mitään ei myönnetä ja jokainen ongelma luetellaan riveittäin.
cred-field-class-file = Ryhmätiedosto (CSV)
cred-hint-class-file = UTF-8-tekstiä pilkuin eroteltuna, otsikkorivillä alla olevien sarakkeiden nimet. Pilkkuja sisältävät solut lainausmerkkeihin.
cred-hint-class-achievement = Jokaiselle riville, jolla ei ole omaa achievement-saraketta.
cred-action-issue-class = Myönnä ryhmälle
class-template = Lataa pohja
class-columns = Sarakkeet
class-columns-intro = Vain learner_name on pakollinen; muut sarakkeet voi jättää pois tai tyhjiksi.
class-column = Sarake
class-meaning = Merkitys
class-column-learner-name = Opiskelijan nimi niin kuin se näkyy todistuksessa (pakollinen).
class-column-learner-email = Opiskelijan sähköposti, tallennetaan vain suolattuna tiivisteenä.
class-column-grade = Arvosana oppilaitoksesi tapaan kirjoitettuna.
class-column-date = Päivä, jona opiskelija saavutti osaamisen, VVVV-KK-PP; tyhjä: tänään.
class-column-valid-until = Viimeinen voimassaolopäivä, VVVV-KK-PP; tyhjä: ei vanhene.
class-column-achievement = Osaamisen tunniste, kun se ei ole yllä valittu.
class-refused = Mitään ei myönnetty. Korjattavia ongelmia tiedostossa: { $n }.
class-problems = Ongelmat riveittäin
class-row = Rivi
class-line = Tiedoston rivi
class-rule = Mikä on vialla
class-unreadable = Tiedostoa ei voi lukea CSV:nä: { $error }
class-unknown-column = Tuntematon sarake ”{ $column }”. Sarakkeet ovat { $columns }.
class-no-name-column = Otsikkorivillä pitää olla sarake learner_name.
class-no-achievement = ei osaamista: valitse se yllä tai täytä sarake
class-no-rows = Tiedostossa on otsikkorivi mutta ei opiskelijoita.

## The list and one credential
credentials-title = Todistukset
credentials-filter = Suodata todistuksia
credentials-none = Todistuksia ei ole vielä myönnetty.
credentials-none-match = Mikään todistus ei vastaa suodattimia.
credentials-shown = Näytetään: { $shown }/{ $total }.
cred-filter-any = Kaikki
cred-filter-month = Myöntökuukausi
cred-hint-filter-month = VVVV-KK, esimerkiksi 2027-05.
cred-action-filter = Suodata
cred-status = Tila
cred-status-valid = Voimassa
cred-status-revoked = Peruttu
cred-revoked-on = Peruttu { $date }: { $reason }
cred-awarded = Myönnetty
cred-email = Sisältää opiskelijan sähköpostin (tiivisteenä)
cred-issued-at = Allekirjoitettu
cred-achievement-author = Osaamisen julkaisija
cred-id = Todistuksen tunniste
cred-downloads = Lataa ja jaa
cred-downloads-intro = Opiskelija säilyttää tiedoston; kuka tahansa voi tarkistaa sen kysymättä tältä solmulta.
cred-download-json = Open Badges 3.0 (JSON)
cred-download-jwt = VC-JWT
cred-certificate = Tulostettava todistus
cred-verify = Tarkista todistus
cred-done-issued = Todistus myönnetty.
cred-done-revoked = Todistus peruttu.
cred-done-class-issued = Myönnettyjä todistuksia: { $n }.
cred-action-revoke = Peru
cred-revoke-title = Peru todistus
cred-revoke-warning = Peruminen julkaistaan koko verkossa, eikä sitä voi perua. Todistus ei sen jälkeen läpäise yhtään tarkistusta.
cred-field-reason = Syy
cred-revoke-choose-reason = valitse syy
cred-reason-issued-in-error = Myönnetty virheellisesti
cred-reason-superseded = Korvattu toisella todistuksella
cred-reason-misconduct = Vilppi tai väärinkäytös
cred-reason-withdrawn = Peruttu

## Statistics
stats-title = Tilastot
stats-intro = Myönnetyt ja perutut todistukset osaamisittain ja myöntökuukausittain.
stats-month = Kuukausi
stats-issued = Myönnetty
stats-revoked = Peruttu
stats-total = Yhteensä
cred-month-year = { $month ->
    [m1] tammikuu
    [m2] helmikuu
    [m3] maaliskuu
    [m4] huhtikuu
    [m5] toukokuu
    [m6] kesäkuu
    [m7] heinäkuu
    [m8] elokuu
    [m9] syyskuu
    [m10] lokakuu
    [m11] marraskuu
   *[m12] joulukuu
} { $year }

## Delegations
delegations-title = Valtuutukset
delegations-intro = Valtuutus antaa toiselle oppilaitokselle oikeuden myöntää todistuksia yhdestä osaamisestanne, teidän nimissänne ja omalla avaimellaan.
delegations-given = Annetut
delegations-none-given = Ette ole valtuuttaneet yhtään osaamista.
delegations-received = Saadut
delegations-none-received = Mikään oppilaitos ei ole valtuuttanut teille osaamista.
delegations-from = Valtuuttaja
delegations-ended = päättynyt
delegations-give = Anna valtuutus
delegations-give-intro = Valitse yksi osaamisistanne ja oppilaitos, joka saa myöntää sitä.
cred-field-delegate = Valtuutettu oppilaitos
cred-hint-delegate = Sen did:key niin kuin sen etusivu sen näyttää (did:key:z6Mk…).
cred-field-from = Alkaen
cred-hint-from = Tyhjänä: tänään.
cred-hint-until = Tyhjänä: kunnes päätätte sen.
cred-action-delegate = Valtuuta
cred-action-end-delegation = Päätä
cred-done-delegation-given = Valtuutus julkaistu.
cred-done-delegation-ended = Valtuutus päätetty.
