## Sieci, spotkania, zapotrzebowanie na umiejętności i obraz regionu.

nav-networks = Sieci
nav-events = Spotkania
nav-region = Region

## Sieci

networks-title = Sieci
networks-intro = Regionalne i krajowe sieci kształcenia zawodowego: kto działa gdzie, nad czym i kto do nich należy.
networks-own = Wasza sieć
networks-own-page = Strona i członkowie Waszej sieci
networks-memberships = Sieci, do których należycie
networks-no-memberships = Wasza organizacja nie należy jeszcze do żadnej sieci. Znajdź sieć poniżej i złóż wniosek.
networks-find = Znajdź sieć
networks-none = Żadna sieć nie pasuje.
networks-field-region = Region (kod NUTS)
networks-hint-region = Kod NUTS 2024, na przykład SE33 (Övre Norrland) lub FI1D: sieci działające tam lub na obszarze, który go obejmuje.
field-topic = Temat
hint-topic = Początki słów z tematów sieci, na przykład „praktyki”.
network-scope = Obszar działania
network-members = Członkowie
network-members-count = { NUMBER($n) ->
    [one] { $n } członek
    [few] { $n } członków
    [many] { $n } członków
   *[other] { $n } członka
}
network-no-members = Nie ma jeszcze członków.
network-coordinator = Koordynator
network-meetings = Najbliższe spotkania sieci
member-since = Członek od
field-topics = Tematy
field-joining = Jak dołączyć
joining-open = Otwarty dostęp: każdy wniosek jest przyjmowany
joining-application = Na wniosek: decyduje koordynator
network-apply = Złóż wniosek o przyjęcie
network-apply-intro = Wasz wniosek trafia bezpośrednio do węzła sieci, a nie do całej sieci. Koordynator go przyjmuje albo odrzuca i podaje powód.
field-motivation = Dlaczego chcecie dołączyć
hint-motivation = Kilka zdań dla koordynatora: kim jesteście i co wnosicie.
action-apply = Wyślij wniosek
network-pending = Wasz wniosek czeka na odpowiedź koordynatora.
network-leave = Opuść sieć
network-leave-intro = Węzeł sieci zostanie powiadomiony i wycofa Wasze członkostwo.
field-reason = Powód
hint-reason = Opcjonalnie: przeczyta go druga strona.
action-leave = Opuść sieć
network-done-applied = Wasz wniosek jest w drodze do sieci.
network-done-accepted = Wniosek został przyjęty: rekomendacja członkowska jest opublikowana.
network-done-refused = Wniosek został odrzucony; wnioskodawca pozna powód.
network-done-left = Opuściliście sieć.
network-done-ended = Członkostwo zostało zakończone; członek został powiadomiony.
network-done-profile = Profil Waszej sieci jest opublikowany.
applications-received = Wnioski do Waszej sieci
applications-none-received = Nie wpłynął żaden wniosek.
applications-sent = Wasze wnioski
application-applicant = Wnioskodawca
application-network = Sieć
application-sent-on = Wysłano
application-status = Status
application-pending = czeka na odpowiedź
application-accepted = przyjęty
application-refused = odrzucony
action-accept = Przyjmij
action-refuse = Odrzuć
application-refuse-title = Odrzuć wniosek: { $name }
application-refuse-intro = Wnioskodawca przeczyta Wasz powód, więc napisz, co mógłby zrobić, aby zostać przyjęty.
member-end-title = Zakończ członkostwo: { $name }
member-end-intro = Rekomendacja członkowska zostanie wycofana, a członek zostanie powiadomiony wraz z Waszym powodem.
action-end-membership = Zakończ członkostwo
letter-delivered = dostarczono
letter-waiting = czeka na drugi węzeł
network-profile-title = Profil sieci
network-profile-intro = Profil sieci ma tylko organizacja rodzaju „sieć”. Pokazuje, gdzie sieć działa, kto ją koordynuje, jej tematy, języki pracy i jak do niej dołączyć.
network-profile-field-countries = Kraje, w których działa
field-regions = Regiony (kody NUTS)
hint-regions = Jeden kod NUTS 2024 w wierszu, na przykład SE33; pozostaw puste, gdy sieć działa na całym terytorium swoich krajów.
field-coordinator-name = Imię i nazwisko koordynatora
field-coordinator-email = E-mail koordynatora
network-profile-field-languages = Języki pracy
network-profile-hint-topics = Jeden temat w wierszu.

## Spotkania

meetings-title = Spotkania
meetings-intro = Spotkania sieci, konferencje, warsztaty, webinaria i wizyty studyjne od dziś, chyba że wybierzesz inny dzień.
meetings-coming = Spotkania
meetings-none = Nie zaplanowano żadnego spotkania.
meetings-field-kind = Rodzaj spotkania
meetings-field-region = Region (kod NUTS)
meetings-hint-region = Kod NUTS 2024, na przykład SE33: spotkania w jego kraju i spotkania sieci, które tam działają.
field-audience = Dla kogo
field-from = Od
hint-from = Spotkania, które zaczynają się tego dnia lub później.
events-title = Wasze spotkania
events-none = Nie opublikowaliście żadnego spotkania.
events-new = Opublikuj spotkanie
events-new-title = Opublikuj spotkanie
events-edit-title = Edytuj spotkanie
events-public-page = Strona spotkania wraz ze zgłoszeniami
field-event-kind = Rodzaj spotkania
events-field-start = Początek
events-hint-start = Lokalna data i godzina w miejscu spotkania.
events-field-end = Koniec
events-hint-end = Lokalna data i godzina; po początku.
events-field-deadline = Ostatni dzień zgłoszeń
events-field-country = Kraj
events-field-outcomes = Wyniki
events-hint-outcomes = Po spotkaniu: co postanowiono lub wypracowano, jedno w wierszu.
events-field-minutes = Protokoły
events-hint-minutes = Po spotkaniu: adresy internetowe (https://) protokołów, jeden w wierszu.
events-hint-topics = Jeden temat w wierszu.
events-field-title = Tytuł
field-tz = Strefa czasowa
hint-tz = Strefa czasowa początku i końca.
field-online = Link online
hint-online = Gdzie dołączyć online (https://). Podaj link, miejscowość i kraj albo jedno i drugie.
field-langs = Języki
hint-langs = Języki, w których się odbywa; jeśli nic nie wybierzesz, obowiązują języki z Waszego profilu.
field-network = Sieć
hint-network = did:key sieci, do której należy, jeśli taka jest.
field-agenda = Program
field-capacity = Miejsca
hint-capacity = Ile osób może się zgłosić; puste oznacza brak limitu.
field-summary = Podsumowanie
hint-summary = Po spotkaniu: co się wydarzyło.
event-when = Kiedy
event-where = Gdzie
event-seats = Miejsca
event-place-and-online = { $place } oraz online
event-online-only = Online
event-registered-of = zajęte { $n } z { $of }
event-registered = zapisanych: { $n }
event-capacity = łącznie { $n }
event-calendar = Dodaj do kalendarza (.ics)
event-after = Po spotkaniu
event-attendees = Zgłoszeni uczestnicy
event-attendees-private = Lista pozostaje w Waszym węźle: mają ją tylko własne węzły uczestników i Wasz.
event-no-attendees = Nikt się jeszcze nie zgłosił.
event-edit-own = Edytuj spotkanie albo dodaj podsumowanie i protokoły
event-register = Zgłoszenie
event-register-intro = Zgłoszenie trafia bezpośrednio do węzła organizatora, a nie do całej sieci.
event-closed-deadline = Zgłoszenia zamknięto { $day }.
event-closed-full = Wszystkie miejsca są zajęte.
event-withdrawn-title = Spotkanie zostało wycofane
event-withdrawn-body = Organizator je wycofał.
registration-field-name = Imię i nazwisko uczestnika
registration-field-email = E-mail uczestnika
action-register = Zgłoś
registration-done = Zgłoszenie jest w drodze do organizatora.
registrations-sent = Wasze zgłoszenia
registrations-none-sent = Nie zgłosiliście nikogo na żadne spotkanie.
registration-attendee = Uczestnik
registration-event = Spotkanie
registration-sent = Wysłano
registration-received = Odebrano
enum-network-meeting = Spotkanie sieci
enum-conference = Konferencja
enum-workshop = Warsztaty
enum-webinar = Webinarium
enum-study-visit = Wizyta studyjna
enum-school-organisers = Organy prowadzące szkoły
enum-education-providers = Podmioty kształcące
enum-guidance-counsellors = Doradcy zawodowi
enum-wbl-coordinators = Koordynatorzy kształcenia w miejscu pracy
enum-head-teachers = Dyrektorzy szkół
enum-teachers = Nauczyciele
enum-social-partners = Partnerzy społeczni
enum-companies = Przedsiębiorstwa
enum-learners = Uczniowie

## Zapotrzebowanie na umiejętności i region

region-title = Region
region-intro = Jeden region jako całość: jego organizacje, otwarte oferty, potrzeby w zakresie mobilności, potrzebne umiejętności, sieci i spotkania oraz wydane tam mikropoświadczenia.
field-code = Region (kod NUTS)
hint-code = Kod NUTS 2024 dowolnego poziomu, na przykład SE33 (Övre Norrland) lub DE60 (Hamburg).
action-show = Pokaż
region-choose = Podaj kod regionu. Dodaj kod NUTS do Waszego profilu, a ta strona otworzy się na Waszym regionie.
region-institutions = Organizacje
region-offers = Otwarte oferty
region-needs = Potrzeby w zakresie mobilności
region-issued = Wydane mikropoświadczenia
region-issued-how = Ze statystyk wydawania publikowanych przez organizacje: liczby według osiągnięcia i kwartału, nigdy liczba mniejsza niż 5.
region-none-issued = Dla regionu nie opublikowano statystyk wydawania.
region-quarter = Kwartał
region-achievement = Osiągnięcie
region-count = Wydane
region-skills-needs = Potrzebne umiejętności według zawodu
region-no-skills-needs = Dla regionu nie opublikowano zapotrzebowania na umiejętności.
region-networks = Sieci działające tutaj
region-meetings = Najbliższe spotkania
region-none = Brak.
skills-needs-title = Wasze zapotrzebowanie na umiejętności
skills-needs-none = Nie opublikowaliście zapotrzebowania na umiejętności.
skills-needs-new = Opublikuj zapotrzebowanie na umiejętności
skills-needs-new-title = Opublikuj zapotrzebowanie na umiejętności
skills-needs-edit-title = Edytuj zapotrzebowanie na umiejętności
skills-needs-public-page = Szkoły, które uczą tego, czego wymaga zapotrzebowanie
skills-needs-field-region = Region (kod NUTS)
skills-needs-hint-region = Kod NUTS 2024 poziomu 2 lub 3, na przykład SE33 lub SE332.
field-occupation = Zawód (ESCO)
hint-occupation = URI zawodu ESCO, na przykład http://data.europa.eu/esco/occupation/…
field-isco = Zawód (ISCO-08)
hint-isco = Kod ISCO-08 od 1 do 4 cyfr, na przykład 7212.
field-skills = Umiejętności (ESCO)
hint-skills = URI umiejętności ESCO, jeden w wierszu, opcjonalnie z nazwą: http://data.europa.eu/esco/skill/… spawanie MIG
field-people = Liczba potrzebnych osób
hint-people = Podaj liczbę osób albo poniżej sytuację na rynku pracy, nie jedno i drugie.
field-level = Sytuacja na rynku pracy
enum-shortage = Niedobór
enum-balance = Równowaga
enum-surplus = Nadwyżka
field-horizon = Liczba lat naprzód
hint-horizon = Od 1 do 20.
field-source = Źródło
hint-source = Kto ustalił zapotrzebowanie: badanie ankietowe, prognoza, sektorowa rada ds. kompetencji.
field-link = Link
field-valid-until = Ważne do
skills-demand = Potrzebne
skills-people = { NUMBER($n) ->
    [one] { $n } osoba
    [few] { $n } osoby
    [many] { $n } osób
   *[other] { $n } osoby
}
skills-years = { NUMBER($n) ->
    [one] { $n } rok
    [few] { $n } lata
    [many] { $n } lat
   *[other] { $n } roku
}
skills-match-title = Szkoły dla „{ $title }”
skills-match-schools = Szkoły, które tego uczą
skills-match-how = Szkoły w regionie i w jego pobliżu, najpierw najbliższe, potem najlepiej dopasowane: umiejętności i dziedziny ich osiągnięć oraz ich oferty w porównaniu z tym, czego wymaga zapotrzebowanie.
skills-match-none = Żadna szkoła z regionu ani z jego kraju jeszcze tego nie uczy.
skills-match-score = Dopasowanie
skills-match-proximity = Gdzie
proximity-same-region = W regionie
proximity-same-nuts2 = W tym samym regionie NUTS 2
proximity-same-country = W tym samym kraju
field-nuts = Region NUTS
hint-nuts = Wasz kod NUTS 2024 (poziom 1–3, na przykład SE332) do obrazu regionu.
