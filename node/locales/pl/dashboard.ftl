# Panel vetnet po polsku. Te same komunikaty co w pliku angielskim.

## Daty i liczby
# Nazwy miesięcy są w dopełniaczu, bo występują tylko w datach.
date = { $day } { $month } { $year }
month-1 = stycznia
month-2 = lutego
month-3 = marca
month-4 = kwietnia
month-5 = maja
month-6 = czerwca
month-7 = lipca
month-8 = sierpnia
month-9 = września
month-10 = października
month-11 = listopada
month-12 = grudnia
number-group-separator = {"\u00A0"}
weeks = { NUMBER($n) ->
    [one] { $n } tydzień
    [few] { $n } tygodnie
    [other] { $n } tygodnia
   *[many] { $n } tygodni
}
minutes = { $n } min

## Ramka
skip-to-content = Przejdź do treści
language = Język
action-change-language = Zmień
action-sign-out = Wyloguj się
footer = Panel vetnet: udostępniany przez Wasz własny węzeł na tym komputerze. Nic stąd nie trafia na centralny serwer.
nav-label = Menu główne
nav-home = Start
nav-profile = Profil
nav-offers = Nasze oferty
nav-needs = Nasze potrzeby
nav-search = Szukaj
nav-matches = Dopasowania
nav-mobility = Mobilność
nav-trust = Zaufanie
nav-peers = Węzły
nav-settings = Ustawienia
no-profile-name = (jeszcze bez profilu)

## Logowanie i odmowy
signed-out-title = Nastąpiło wylogowanie
signed-out-body = Aby otworzyć panel, uruchom to polecenie na komputerze, na którym działa węzeł. Wyświetli ono jednorazowy link do logowania.
signed-out-by-you = Wylogowano. Aby zalogować się ponownie, uruchom to polecenie na komputerze, na którym działa węzeł.
link-used-title = Ten link do logowania już nie działa
link-used-body = Link do logowania działa jeden raz, przez pięć minut. Nowy otrzymasz, uruchamiając to polecenie na komputerze, na którym działa węzeł.
refused-title = Żądanie zostało odrzucone
refused-origin = Żądanie pochodziło z innej witryny. Formularze do tego węzła mogą wysyłać tylko jego własne strony.
refused-too-large = Formularz jest za duży.
refused-form = Nie udało się odczytać formularza.
refused-csrf = Brak tokenu bezpieczeństwa formularza lub token jest nieprawidłowy. Otwórz stronę ponownie i wyślij formularz z niej.
refused-internal = W węźle wystąpił błąd; jego przyczynę podaje dziennik węzła.
refused-api = Węzeł nie mógł tego wykonać. Przyczynę podaje jego dziennik; wiersz poleceń pokazuje ten sam błąd.
not-found-title = Nie znaleziono strony
not-found-body = Pod tym adresem nie ma strony. Znajdź to, czego szukasz, w menu albo zaloguj się ponownie:

## Formularze
required = wymagane
error-prefix = Błąd:
choose-none = (brak)
language-n = Język { $n }
level-n = Poziom { $n }
form-refused = Węzeł nie przyjął tego formularza.
form-fix-fields = Popraw pola oznaczone poniżej:
field-text-lang = Język tekstów
hint-text-lang = Język, w którym napisano poniższy tytuł i opis. Inne tłumaczenia zostają zachowane.
action-save = Zapisz
action-publish = Opublikuj
action-cancel = Anuluj
action-edit = Edytuj
action-duplicate = Powiel
action-withdraw = Wycofaj
actions = Działania
yes = Tak
no = Nie

## Pola wpisów
field-id = Krótka nazwa (identyfikator)
hint-id = Litery, cyfry, „-”, „_” lub „.”; nie zmienia się przy edycji. Jeśli pole pozostanie puste, nazwa powstanie z tytułu.
field-title = Tytuł
field-description = Opis
field-isced = Dziedzina kształcenia (ISCED-F)
hint-isced = Wpisz kod lub część nazwy, na przykład 0715 albo welding.
field-nace = Sektor gospodarki (NACE)
hint-nace = Sektor organizacji przyjmującej.
field-country = Kraj
field-city = Miejscowość
field-eqf-min = Najniższy poziom ERK
hint-eqf-min = Poziom Europejskiej Ramy Kwalifikacji (ERK), od 1 do 8.
field-eqf-max = Najwyższy poziom ERK
field-places = Liczba miejsc
field-start = Początek
hint-start = Najwcześniejszy możliwy dzień rozpoczęcia.
field-end = Koniec
field-weeks-min = Najkrótszy pobyt (tygodnie)
field-weeks-max = Najdłuższy pobyt (tygodnie)
field-deadline = Termin zgłoszeń
field-languages = Języki
hint-languages = Języki pracy i minimalny wymagany w każdym z nich poziom według Europejskiego systemu opisu kształcenia językowego (CEFR).
field-outcomes = Efekty uczenia się
hint-outcomes = Jeden efekt uczenia się w wierszu.
field-conditions-accommodation = Zakwaterowanie
field-conditions-meals = Wyżywienie
field-conditions-insurance = Ubezpieczenie
field-conditions-minors = Przyjmujemy uczniów poniżej 18 lat
field-conditions-mentor = Ucznia nadzoruje wyznaczony opiekun w miejscu pracy
field-contact-email = E-mail kontaktowy
field-learners = Liczba uczniów
field-qualification = Kwalifikacja
field-eqf = Poziom ERK
field-countries = Preferowane kraje przyjmujące
hint-countries = Pozostaw puste, jeśli odpowiada każdy kraj. Aby wybrać kilka, przytrzymaj Ctrl (lub Cmd).
field-age = Wiek grupy
field-support = Potrzebne wsparcie
field-support-note = Więcej o potrzebnym wsparciu
field-funding = Finansowanie
field-name = Nazwa organizacji
field-institution = Rodzaj organizacji
field-vet = Oferowane kształcenie zawodowe
field-region = Region
field-website = Strona internetowa
field-email = E-mail
field-registration = Numer rejestrowy lub NIP
field-hours = Godziny
field-participation = Forma udziału
field-text = Słowa
hint-text = Słowa z tytułów i opisów.
field-sector = Dziedzina lub sektor
field-lang = Język
field-author = Organizacja (did:key)
field-trusted = Tylko organizacje, którym ufa ten węzeł
field-kind = Rodzaj organizacji
field-skill = Umiejętność ESCO (URI)
field-subject = Organizacja do zarekomendowania (did:key)
hint-subject = did:key:z6Mk… widoczny w wyniku wyszukiwania organizacji.
field-role = Rola
field-network-name = Nazwa sieci
field-until = Ważne do
field-did = Organizacja (did:key)
hint-did = Wklej did:key:z6Mk… dowolnej organizacji.
fact-eqf = ERK
fact-weeks = Czas trwania
any-country = dowolny kraj
withdrawn = wycofany
record-id = Identyfikator
record-updated = Ostatnia publikacja
record-version = wersja { $n }

## Listy kodów
eqf-level = Poziom ERK { $level }
cefr-A1 = A1 (początkujący)
cefr-A2 = A2 (podstawowy)
cefr-B1 = B1 (średnio zaawansowany)
cefr-B2 = B2 (wyższy średnio zaawansowany)
cefr-C1 = C1 (zaawansowany)
cefr-C2 = C2 (biegły)
enum-provided = Zapewnia organizacja przyjmująca
enum-assisted = Organizacja przyjmująca pomaga znaleźć
enum-none = Niezapewnione
enum-host = Organizacja przyjmująca
enum-sending-school = Szkoła wysyłająca
enum-learner = Uczeń
enum-shared = Wspólnie
enum-under-18 = Wszyscy poniżej 18 lat
enum-adults = Wszyscy w wieku 18 lat lub starsi
enum-mixed = Niektórzy poniżej 18 lat
enum-accessibility = Dostępność
enum-accompanying-teacher = Nauczyciel towarzyszący
enum-special-diet = Specjalna dieta
enum-learning-support = Wsparcie w nauce
enum-erasmus-ka1-vet = Erasmus+ KA1 kształcenie i szkolenia zawodowe
enum-nordplus = Nordplus
enum-national = Program krajowy
enum-own = Środki własne
enum-other = Inne
enum-vet-provider = Placówka kształcenia zawodowego
enum-company = Przedsiębiorstwo
enum-chamber = Izba gospodarcza
enum-public-agency = Instytucja publiczna
enum-network = Sieć
enum-ivet = Wstępne kształcenie zawodowe
enum-cvet = Ustawiczne kształcenie zawodowe
enum-online = Online
enum-on-site = Stacjonarnie
enum-blended = Hybrydowo
enum-workplace = W miejscu pracy
enum-member = Członek sieci
enum-partner = Partner
enum-accreditor = Instytucja akredytująca
enum-school = Szkoła wysyłająca

## Zaufanie
trust-anchor = Kotwica zaufania
trust-endorsed-by-anchor = Rekomendowana przez kotwicę
trust-endorsed-via-chain = Rekomendowana przez łańcuch
trust-unverified = Niezweryfikowana
trust-revoked = Klucz unieważniony
trust-unknown = Poziom nieznany
trust-why = Dlaczego taki poziom zaufania?
trust-why-anchor = Ten węzeł ufa tej organizacji bezpośrednio: jest ona jedną z jego kotwic zaufania.
trust-why-endorsed-by-anchor = Tę organizację rekomenduje kotwica zaufania.
trust-why-endorsed-via-chain = Tę organizację rekomendują organizacje rekomendowane przez kotwicę.
trust-why-unverified = Żaden łańcuch rekomendacji nie prowadzi od kotwic zaufania tego węzła do tej organizacji.
trust-why-revoked = Klucz tej organizacji został unieważniony; jej wpisy nie są zaufane.
trust-why-unknown = Nie udało się ustalić poziomu zaufania.
trust-step = { $endorser } rekomenduje: { $subject }
role-member = członek
role-partner = partner
role-accreditor = instytucja akredytująca

## Nasze oferty i potrzeby
offers-title = Nasze oferty
offers-new = Nowa oferta
offers-none = Ta organizacja nie opublikowała jeszcze żadnych ofert.
offers-new-title = Nowa oferta stażu
offers-edit-title = Edytuj ofertę stażu
needs-title = Nasze potrzeby
needs-new = Nowa potrzeba
needs-none = Ta organizacja nie opublikowała jeszcze żadnych potrzeb w zakresie mobilności.
needs-new-title = Nowa potrzeba mobilności
needs-edit-title = Edytuj potrzebę mobilności
show-live = Pokaż tylko aktualne wpisy
show-withdrawn = Pokaż też wycofane wpisy
done-published = Opublikowano. Inne węzły otrzymają wpis w ciągu kilku sekund.
done-updated = Zapisano. Nowa wersja jest w drodze do innych węzłów.
done-withdrawn = Wycofano. Inne węzły przestaną go wyświetlać.
withdraw-title = Wycofać „{ $title }”?
withdraw-warning = Wycofanie informuje każdy węzeł w sieci, że ten wpis przestał obowiązywać. Nie można tego cofnąć; zamiast tego możesz opublikować nowy wpis.

## Profil
profile-title = Profil
profile-published = Tak widzą go inni
profile-edit = Edytuj profil
done-profile = Profil został zapisany i opublikowany.

## Start
home-title = Start
home-who = Kim jesteśmy
home-trust = Poziom zaufania tutaj
home-did = Nasz did:key
home-edit-profile = Edytuj profil
home-no-profile = Ta organizacja nie ma jeszcze profilu.
home-health = Stan węzła
health-peers = Połączone węzły
health-reachability = Dostępny z internetu
health-last-sync = Ostatnia synchronizacja
health-outbox = Wpisy czekające na wysłanie
health-records = Przechowywane wpisy
health-network = Sieć
reachability-public = Tak
reachability-private = Nie (za NAT; używany jest przekaźnik)
reachability-unknown = Jeszcze nieznane
never = nigdy
home-attention = Co wymaga uwagi
home-nothing = Obecnie nic nie wymaga uwagi.
attention-thread = { $partner }: czeka, aż { $step }
attention-deadline = Termin zgłoszeń na „{ $title }” mija { $date }
attention-matches = „{ $title }”: { NUMBER($count) ->
    [one] { $count } pasujący wpis
    [few] { $count } pasujące wpisy
    [other] { $count } pasującego wpisu
   *[many] { $count } pasujących wpisów
}
attention-unsigned = { $partner }: w porozumieniu o programie zajęć brakuje jeszcze { NUMBER($count) ->
    [one] jednego podpisu
   *[other] { $count } podpisów
}
move-nominate = zgłosimy ucznia
move-agree = zaproponujemy porozumienie o programie zajęć
move-recognise = odnotujemy uznanie efektów uczenia się
move-accept = przyjmiemy lub odrzucimy zgłoszenie ucznia
move-complete = potwierdzimy ukończenie stażu
move-sign = podpiszemy porozumienie o programie zajęć

## Wyszukiwanie
search-title = Szukaj w sieci
search-kinds = Czego szukać
search-offers = Oferty
search-institutions = Organizacje
search-needs = Potrzeby
search-achievements = Kursy i moduły
action-search = Szukaj
action-clear = Wyczyść
search-results = Wyniki
search-none = Nic nie znaleziono. Spróbuj z mniejszą liczbą filtrów.
search-page = Strona { $n }
pages = Strony
page-previous = Poprzednia strona
page-next = Następna strona

## Dopasowania
matches-title = Dopasowania
matches-intro = Dla każdej naszej oferty i potrzeby najlepiej pasujące potrzeby i oferty innych organizacji: co pasuje (✓), co nie pasuje (✗) i co warto wiedzieć (·).
matches-show-blocked = Pokaż też pary, które nie mogą się udać
matches-hide-blocked = Ukryj pary, które nie mogą się udać
matches-nothing-own = Opublikuj ofertę lub potrzebę, aby zobaczyć dopasowania.
matches-for-offer = Do naszej oferty
matches-for-need = Do naszej potrzeby
matches-none = Brak pasujących wpisów.
match-score = Wynik: { $score } na 100
match-blocked = nie może się udać
reason-fit = Pasuje
reason-misfit = Nie pasuje
reason-note = Uwaga
action-interest = Zgłoś zainteresowanie (rozpocznij mobilność)

## Mobilność
mobility-title = Mobilność
mobility-intro = Trwające staże z innymi organizacjami, każdy jako wątek podpisanych kroków między dwoma węzłami.
mobility-none = Brak wątków mobilności. Rozpocznij wątek od dopasowania.
done-interest = Wysłano zgłoszenie zainteresowania. Węzeł organizacji przyjmującej odpowie w wątku poniżej.
thread-partner = Partner
thread-role = Nasza rola
thread-status = Status
thread-offer = Oferta
thread-updated = Zaktualizowano
status-interested = Zgłoszono zainteresowanie
status-nominated = Zgłoszono ucznia
status-accepted = Przyjęto
status-refused = Odrzucono
status-agreeing = Czeka na podpisy
status-agreed = Uzgodniono
status-completed = Ukończono
status-recognised = Uznano
status-cancelled = Anulowano
status-unknown = Nieznany

## Strona zaufania
trust-title = Zaufanie
trust-intro = Poziomy zaufania wychodzą od organizacji, którym ten węzeł ufa bezwarunkowo (jego kotwic), i podążają za rekomendacjami, najwyżej trzy kroki.
trust-anchors = Nasze kotwice zaufania
trust-no-anchors = Ten węzeł nie ma kotwic zaufania, więc wszystkie inne organizacje są niezweryfikowane.
trust-anchors-how = Kotwice ustawia się w pliku config.toml lub poleceniem „vetnet trust add”.
trust-lookup = Ścieżka zaufania organizacji
action-look-up = Pokaż ścieżkę zaufania
trust-given = Udzielone przez nas rekomendacje
trust-none-given = Nie zarekomendowaliśmy żadnej organizacji.
trust-received = Otrzymane rekomendacje
trust-none-received = Żadna organizacja nas nie zarekomendowała.
trust-institution = Organizacja
trust-endorse = Zarekomenduj organizację
trust-endorse-intro = Rekomendacja to podpisany publiczny wpis: inne węzły, które nam ufają, zaufają wtedy także tej organizacji.
action-endorse = Zarekomenduj
no-end = bez daty końcowej
expired = wygasła
done-endorsed = Rekomendacja opublikowana.
done-unendorsed = Rekomendacja wycofana.

## Ustawienia
settings-title = Ustawienia
settings-intro = To są wartości z pliku { $path }. Zmień je w tym pliku i uruchom węzeł ponownie.
settings-node = Węzeł
settings-limits = Limity chroniące przed przeciążeniem
settings-keys = Klucz organizacji
setting = Ustawienie
value = Wartość
meaning = Znaczenie
setting-network = Nazwa sieci: wpisy z innych sieci są odrzucane.
setting-api = Adres administracyjny tego panelu i API; tylko lokalnie (loopback).
setting-listen = Gdzie węzeł przyjmuje połączenia od innych węzłów.
setting-external = Adresy, pod którymi inni mogą połączyć się z tym węzłem, jeśli różnią się od adresów nasłuchu.
setting-bootstrap = Węzły, przez które następuje dołączenie do sieci.
setting-target-peers = Węzeł szuka kolejnych węzłów, dopóki ma mniej połączeń niż ta liczba.
setting-mdns = Wyszukuj inne węzły w sieci lokalnej.
setting-relay-server = Przekazuj połączenia węzłów za NAT (tylko na serwerze dostępnym publicznie).
setting-cache-mb = Pamięć podręczna magazynu wpisów, w megabajtach.
setting-trust-anchors = Organizacje, którym ten węzeł ufa bezwarunkowo; od nich wychodzą poziomy zaufania.
setting-records-per-author-per-day = Nowe wpisy, które węzeł przechowuje od jednej organizacji dziennie; prawdziwe organizacje publikują od kilkudziesięciu do kilkuset.
setting-messages-per-peer-per-minute = Wiadomości gossip, które jeden węzeł może stale wysyłać na minutę.
setting-message-burst-per-peer = Wiadomości gossip, które jeden węzeł może wysłać naraz, zanim zacznie obowiązywać limit na minutę.
setting-peer-ban-minutes = Na jak długo węzeł naruszający zasady jest rozłączany i odrzucany, w minutach.
setting-direct-messages-per-peer-per-minute = Kroki mobilności, które jeden partner może stale wysyłać na minutę.
setting-direct-message-burst-per-peer = Kroki mobilności, które jeden partner może wysłać naraz.
key-current = Obecny klucz
key-previous = Wcześniejszy klucz
action-rotate = Wymień klucz
rotate-title = Wymienić klucz organizacji?
rotate-warning = Nowy klucz zastępuje obecny. Każdy wpis zostaje ponownie podpisany nowym kluczem, a inne węzły uwzględniają zmianę, ale Wasz did:key się zmienia: poinformujcie o tym organizacje, które Was rekomendują, i wszystkich, którzy go zapisali. Zróbcie to, gdy klucz mógł poznać ktoś inny, albo zgodnie z harmonogramem. Tego nie można cofnąć.
done-rotated = Klucz został wymieniony. Od teraz podpisuje nowy klucz.

## Węzły
peers-title = Węzły
peers-none = Brak połączonych węzłów.
peer-id = Węzeł
peer-addrs = Adresy
peer-agent = Oprogramowanie
peer-on-topic = Rozsyła wpisy
peer-connected = Czas połączenia
