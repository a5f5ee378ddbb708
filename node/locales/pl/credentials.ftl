# The dashboard's credentials pages (pl).

nav-achievements = Osiągnięcia
nav-credentials = Poświadczenia
nav-verify = Weryfikuj

## The achievement catalogue
achievements-title = Osiągnięcia
achievements-intro = To, za co ta instytucja wydaje poświadczenia, ze wszystkimi elementami mikropoświadczenia wymaganymi przez zalecenie Rady. Partnerzy widzą je w sieci.
achievements-new = Nowe osiągnięcie
achievements-none = Nie ma jeszcze osiągnięć.
achievements-new-title = Nowe osiągnięcie
achievements-edit-title = Edytuj osiągnięcie
achievements-elements = Elementy mikropoświadczenia
achievements-workload = Nakład pracy
achievements-withdraw-warning = Wycofanie usuwa osiągnięcie z sieci. Wydane już poświadczenia pozostają ważne; nowych nie można już wydać.
cred-ects-credits = { $n } ECTS
cred-hours-n = { $n } godz.
cred-field-nqf = Poziom krajowej ramy kwalifikacji
cred-hint-nqf = Tak, jak zapisuje go Twój kraj, na przykład „PRK 4”.
cred-field-ects = Punkty ECTS
cred-hint-ects = Szacowany nakład pracy w punktach ECTS, na przykład 5 lub 7,5.
cred-field-assessment = Ocena
cred-hint-assessment = Jak oceniane są efekty uczenia się.
cred-field-supervision = Nadzór i weryfikacja tożsamości
cred-field-quality-assurance = Zapewnianie jakości
cred-hint-quality-assurance = Kto i jak zapewnia jakość uczenia się i oceny.
cred-field-prerequisites = Wymagania wstępne
cred-field-stackability = Łączenie
cred-field-esco-skills = Umiejętności ESCO
cred-hint-esco-skills = Jeden adres umiejętności ESCO w wierszu.
cred-field-further-information = Dodatkowe informacje
cred-hint-country = Puste: kraj z Twojego profilu.
cred-hint-languages = Języki nauki i oceny; puste: języki z Twojego profilu.
cred-enum-unsupervised = Bez nadzoru i weryfikacji tożsamości
cred-enum-supervised-online = Nadzór online, z weryfikacją tożsamości
cred-enum-on-site-identity-check = Nadzór na miejscu, z weryfikacją tożsamości
cred-enum-standalone = Samodzielne
cred-enum-stackable = Można łączyć w większe poświadczenie

## Issuing
cred-issue-title = Wydaj jednemu uczniowi
cred-issue-intro = Poświadczenie jest od razu podpisywane kluczem tej instytucji. Dla całej klasy prześlij zamiast tego plik:
cred-issue-no-achievements = Nie ma jeszcze osiągnięcia do wydania.
cred-field-achievement = Osiągnięcie
cred-field-learner-name = Imię i nazwisko ucznia
cred-field-learner-email = E-mail ucznia
cred-hint-learner-email = Opcjonalnie. Poświadczenie zawiera go tylko jako solony skrót, aby uczeń mógł wykazać, że poświadczenie należy do niego.
cred-field-grade = Ocena końcowa
cred-field-date = Przyznano
cred-hint-date = Dzień, w którym uczeń je zdobył; puste: dziś.
cred-field-valid-until = Ważne do
cred-hint-valid-until = Puste: poświadczenie nie wygasa.
cred-action-issue = Wydaj poświadczenie
cred-delegated-achievement = { $achievement } (przekazane przez: { $from })

## Issuing to a class
class-title = Wydaj klasie
class-intro = Prześlij plik CSV z jednym uczniem w wierszu. Wydawane są wszystkie wiersze albo żaden: jeśli któryś wiersz jest błędny, nic nie jest wydawane, a każdy problem jest wymieniony według wiersza.
cred-field-class-file = Plik klasy (CSV)
cred-hint-class-file = Tekst UTF-8 rozdzielany przecinkami, z wierszem nagłówka zawierającym nazwy kolumn podanych niżej. Komórki z przecinkami ujmij w cudzysłów.
cred-hint-class-achievement = Dla każdego wiersza bez własnej kolumny achievement.
cred-action-issue-class = Wydaj klasie
class-template = Pobierz szablon
class-columns = Kolumny
class-columns-intro = Wymagana jest tylko learner_name; pozostałe kolumny można pominąć lub zostawić puste.
class-column = Kolumna
class-meaning = Znaczenie
class-column-learner-name = Imię i nazwisko ucznia, tak jak na poświadczeniu (wymagane).
class-column-learner-email = E-mail ucznia, przechowywany tylko jako solony skrót.
class-column-grade = Ocena, tak jak zapisuje ją Twoja szkoła.
class-column-date = Dzień, w którym uczeń je zdobył, RRRR-MM-DD; puste: dziś.
class-column-valid-until = Ostatni dzień ważności, RRRR-MM-DD; puste: nie wygasa.
class-column-achievement = Identyfikator osiągnięcia, gdy nie jest to osiągnięcie wybrane wyżej.
class-refused = Nic nie zostało wydane. Problemy do poprawienia w pliku: { $n }.
class-problems = Problemy według wierszy
class-row = Wiersz
class-line = Wiersz w pliku
class-rule = Co jest nie tak
class-unreadable = Pliku nie można odczytać jako CSV: { $error }
class-unknown-column = Nieznana kolumna „{ $column }”. Kolumny to { $columns }.
class-no-name-column = Wiersz nagłówka musi zawierać kolumnę learner_name.
class-no-achievement = brak osiągnięcia: wybierz je wyżej lub wypełnij kolumnę
class-no-rows = Plik ma wiersz nagłówka, ale nie ma uczniów.

## The list and one credential
credentials-title = Poświadczenia
credentials-filter = Filtruj poświadczenia
credentials-none = Nie wydano jeszcze poświadczeń.
credentials-none-match = Żadne poświadczenie nie pasuje do filtrów.
credentials-shown = Pokazano: { $shown } z { $total }.
cred-filter-any = Dowolne
cred-filter-month = Miesiąc przyznania
cred-hint-filter-month = RRRR-MM, na przykład 2027-05.
cred-action-filter = Filtruj
cred-status = Stan
cred-status-valid = Ważne
cred-status-revoked = Unieważnione
cred-revoked-on = Unieważnione { $date }: { $reason }
cred-awarded = Przyznano
cred-email = Zawiera e-mail ucznia (jako skrót)
cred-issued-at = Podpisano
cred-achievement-author = Autor osiągnięcia
cred-id = Identyfikator poświadczenia
cred-downloads = Pobierz i udostępnij
cred-downloads-intro = Uczeń zachowuje plik; każdy może go zweryfikować bez pytania tego węzła.
cred-download-json = Open Badges 3.0 (JSON)
cred-download-jwt = VC-JWT
cred-certificate = Certyfikat do druku
cred-verify = Zweryfikuj poświadczenie
cred-done-issued = Poświadczenie wydane.
cred-done-revoked = Poświadczenie unieważnione.
cred-done-class-issued = Wydane poświadczenia: { $n }.
cred-action-revoke = Unieważnij
cred-revoke-title = Unieważnij poświadczenie
cred-revoke-warning = Unieważnienie jest publikowane w całej sieci i nie można go cofnąć. Potem poświadczenie nie przechodzi żadnej weryfikacji.
cred-field-reason = Powód
cred-revoke-choose-reason = wybierz powód
cred-reason-issued-in-error = Wydane przez pomyłkę
cred-reason-superseded = Zastąpione innym poświadczeniem
cred-reason-misconduct = Nieuczciwość
cred-reason-withdrawn = Wycofane

## Statistics
stats-title = Statystyki
stats-intro = Wydane i unieważnione poświadczenia według osiągnięcia i miesiąca przyznania.
stats-month = Miesiąc
stats-issued = Wydane
stats-revoked = Unieważnione
stats-total = Razem
cred-month-year = { $month ->
    [m1] styczeń
    [m2] luty
    [m3] marzec
    [m4] kwiecień
    [m5] maj
    [m6] czerwiec
    [m7] lipiec
    [m8] sierpień
    [m9] wrzesień
    [m10] październik
    [m11] listopad
   *[m12] grudzień
} { $year }

## Delegations
delegations-title = Upoważnienia
delegations-intro = Upoważnienie pozwala innej instytucji wydawać poświadczenia za jedno z Waszych osiągnięć, w Waszym imieniu i jej własnym kluczem.
delegations-given = Udzielone
delegations-none-given = Nie udzieliliście upoważnienia do żadnego osiągnięcia.
delegations-received = Otrzymane
delegations-none-received = Żadna instytucja nie udzieliła Wam upoważnienia.
delegations-from = Udzielone przez
delegations-ended = zakończone
delegations-give = Udziel upoważnienia
delegations-give-intro = Wybierz jedno z Waszych osiągnięć i instytucję, która może je wydawać.
cred-field-delegate = Upoważniona instytucja
cred-hint-delegate = Jej did:key, tak jak pokazuje go jej strona główna (did:key:z6Mk…).
cred-field-from = Od
cred-hint-from = Puste: dziś.
cred-hint-until = Puste: do czasu, gdy je zakończycie.
cred-action-delegate = Upoważnij
cred-action-end-delegation = Zakończ
cred-done-delegation-given = Upoważnienie opublikowane.
cred-done-delegation-ended = Upoważnienie zakończone.
