//! The dashboard's languages: Project Fluent message files compiled into the
//! binary (`node/locales/<lang>/*.ftl`), the choice of language from
//! the `vetnet_lang` cookie or else the browser's `Accept-Language`, and the
//! locale's way of writing dates and numbers.

use std::sync::{Arc, LazyLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language's messages: its files, one per area of the dashboard, joined
/// (`dashboard.ftl` for the frame and records, `mobility.ftl`,
/// `credentials.ftl`, `verify.ftl` for the certificate and the verifier's
/// page, `network.ftl` for networks, meetings and the region). A message id defined in two files is a load error.
macro_rules! messages {
    ($lang:literal) => {
        concat!(
            include_str!(concat!("../../locales/", $lang, "/dashboard.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/mobility.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/credentials.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/verify.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/network.ftl")),
        )
    };
}

/// The languages the dashboard speaks: tag, the language's own name, and its
/// message file. English comes first: it is the fallback for any message a
/// file lacks, and the reference every other file is checked against.
pub const LANGUAGES: &[(&str, &str, &str)] = &[
    ("en", "English", messages!("en")),
    ("sv", "Svenska", messages!("sv")),
    ("de", "Deutsch", messages!("de")),
    ("fi", "Suomi", messages!("fi")),
    ("et", "Eesti", messages!("et")),
    ("lv", "Latviešu", messages!("lv")),
    ("lt", "Lietuvių", messages!("lt")),
    ("pl", "Polski", messages!("pl")),
    ("da", "Dansk", messages!("da")),
    ("nb", "Norsk bokmål", messages!("nb")),
];

/// The cookie that keeps the language a reader picked with the switcher.
pub const LANG_COOKIE: &str = "vetnet_lang";

/// Every language's bundle, built once per process.
pub struct Locales {
    bundles: Vec<FluentBundle<FluentResource>>,
}

/// Why a message file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LocaleError {
    #[error("{lang} is not a language tag")]
    Tag {
        lang: &'static str,
        #[source]
        source: unic_langid::LanguageIdentifierError,
    },
    #[error("the {lang} messages do not parse: {errors:?}")]
    Parse { lang: &'static str, errors: Vec<fluent_bundle::FluentError> },
}

impl Locales {
    /// Parses every message file. A file that does not parse is an error
    /// here (and a failing unit test), never a half-translated page.
    pub fn load() -> Result<Self, LocaleError> {
        let mut bundles = Vec::with_capacity(LANGUAGES.len());
        for (tag, _, source) in LANGUAGES {
            let id: LanguageIdentifier = tag.parse().map_err(|source| LocaleError::Tag { lang: tag, source })?;
            let resource = FluentResource::try_new((*source).to_owned()).map_err(|(_, errors)| LocaleError::Parse {
                lang: tag,
                errors: errors.into_iter().map(Into::into).collect(),
            })?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Pages are HTML in one direction; the isolation marks would show.
            bundle.set_use_isolating(false);
            bundle
                .add_function("NUMBER", plural_operand)
                .map_err(|e| LocaleError::Parse { lang: tag, errors: vec![e] })?;
            bundle.add_resource(resource).map_err(|errors| LocaleError::Parse { lang: tag, errors })?;
            bundles.push(bundle);
        }
        Ok(Self { bundles })
    }

    /// The process's locales, loaded on first use. The files are compiled in
    /// and checked by the unit tests, so a failure here is a build defect;
    /// it is logged and the dashboard falls back to message ids.
    pub fn shared() -> Arc<Locales> {
        static SHARED: LazyLock<Arc<Locales>> = LazyLock::new(|| match Locales::load() {
            Ok(locales) => Arc::new(locales),
            Err(e) => {
                tracing::error!(error = %e, "dashboard message files do not load");
                Arc::new(Locales { bundles: Vec::new() })
            }
        });
        SHARED.clone()
    }

    /// The index of the language to use: the cookie's choice if it names a
    /// language we have, else the best match for `Accept-Language`, else English.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> usize {
        if let Some(index) = cookie.and_then(language_index) {
            return index;
        }
        let requested = fluent_langneg::accepted_languages::parse(accept_language.unwrap_or(""));
        let available: Vec<LanguageIdentifier> = LANGUAGES.iter().filter_map(|(tag, _, _)| tag.parse().ok()).collect();
        let default = LanguageIdentifier::default();
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        chosen.first().and_then(|id| language_index(&id.to_string())).unwrap_or(0)
    }
}

/// Fluent's `NUMBER()`, which messages use to choose a plural form
/// (`{ NUMBER($n) -> [one] … *[other] … }`). The dashboard hands numbers to
/// messages already written the locale's way (`1 234`, `4–8`), as text, and
/// a text never matches a plural category; this reads the number back. Of a
/// range it takes the last number, the one the noun agrees with (`2–5 tygodni`).
fn plural_operand<'a>(positional: &[FluentValue<'a>], _named: &FluentArgs) -> FluentValue<'a> {
    match positional.first() {
        Some(FluentValue::Number(n)) => FluentValue::Number(n.clone()),
        Some(FluentValue::String(text)) => {
            let last = text.rsplit(['–', '-']).next().unwrap_or_default();
            let digits: String = last.chars().filter(char::is_ascii_digit).collect();
            digits.parse::<u64>().map(FluentValue::from).unwrap_or(FluentValue::Error)
        }
        _ => FluentValue::Error,
    }
}

/// The index of a language tag among [`LANGUAGES`].
pub fn language_index(tag: &str) -> Option<usize> {
    LANGUAGES.iter().position(|(t, _, _)| *t == tag)
}

/// The translator a page is rendered with: one language, with English as
/// the fallback for a message its file lacks.
#[derive(Clone)]
pub struct Tr {
    locales: Arc<Locales>,
    lang: usize,
}

impl Tr {
    pub fn new(locales: Arc<Locales>, lang: usize) -> Self {
        Self { locales, lang: lang.min(LANGUAGES.len() - 1) }
    }

    /// The BCP 47 tag of the page's language (`<html lang>`).
    pub fn lang(&self) -> &'static str {
        LANGUAGES[self.lang].0
    }

    /// A message without arguments.
    pub fn msg(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// A message with one argument.
    pub fn msg1(&self, id: &str, name: &str, value: impl ToString) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(value.to_string()));
        self.format(id, Some(&args))
    }

    /// A message with two arguments.
    pub fn msg2(&self, id: &str, first: (&str, String), second: (&str, String)) -> String {
        let mut args = FluentArgs::new();
        args.set(first.0.to_owned(), FluentValue::from(first.1));
        args.set(second.0.to_owned(), FluentValue::from(second.1));
        self.format(id, Some(&args))
    }

    /// A message with named arguments, or `None` when the English messages
    /// (which every language falls back to) have no message `id`.
    pub fn msg_named<'a>(&self, id: &str, args: impl IntoIterator<Item = (&'a str, String)>) -> Option<String> {
        let english = self.locales.bundles.first()?;
        if !english.has_message(id) {
            return None;
        }
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(name.to_owned(), FluentValue::from(value));
        }
        Some(self.format(id, Some(&fluent)))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        for index in [self.lang, 0] {
            let Some(bundle) = self.locales.bundles.get(index) else { continue };
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(message = id, ?errors, "a dashboard message did not format cleanly");
                }
                return text.into_owned();
            }
        }
        id.to_owned()
    }

    /// A `YYYY-MM-DD` day as the locale writes it (`1 March 2027`,
    /// `1 mars 2027`); anything else is shown as given.
    pub fn date(&self, iso: &str) -> String {
        let mut parts = iso.splitn(3, '-');
        let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
            return iso.to_owned();
        };
        let (Ok(month), Ok(day)) = (month.parse::<u8>(), day.parse::<u8>()) else { return iso.to_owned() };
        if !(1..=12).contains(&month) || year.len() != 4 {
            return iso.to_owned();
        }
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::from(day.to_string()));
        args.set("month", FluentValue::from(self.msg(&format!("month-{month}"))));
        args.set("year", FluentValue::from(year.to_owned()));
        self.format("date", Some(&args))
    }

    /// An optional day: the date, or a dash.
    pub fn date_opt(&self, iso: &Option<String>) -> String {
        iso.as_deref().map(|d| self.date(d)).unwrap_or_else(|| "–".to_owned())
    }

    /// Unix seconds as the locale's day and a 24-hour UTC time.
    pub fn timestamp(&self, secs: u64) -> String {
        match chrono::DateTime::from_timestamp(secs as i64, 0) {
            Some(t) => format!("{} {}", self.date(&t.format("%Y-%m-%d").to_string()), t.format("%H:%M UTC")),
            None => secs.to_string(),
        }
    }

    /// A whole number with the locale's digit grouping (`12,345`, `12 345`).
    pub fn number(&self, n: u64) -> String {
        let digits = n.to_string();
        let separator = self.msg("number-group-separator");
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(&separator);
            }
            out.push(c);
        }
        out
    }
}

/// The messages a file defines, for the completeness test.
#[cfg(test)]
fn message_ids(source: &str) -> Result<Vec<String>, String> {
    let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, e)| format!("{e:?}"))?;
    Ok(resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect())
}

/// What a file's messages take and give, by message, for the completeness
/// test: the variables they use (`$n`) and their attributes (`.title`).
#[cfg(test)]
fn message_parts(source: &str) -> Result<Vec<(String, std::collections::BTreeSet<String>)>, String> {
    let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, e)| format!("{e:?}"))?;
    Ok(resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => {
                let mut parts: std::collections::BTreeSet<String> =
                    m.attributes.iter().map(|a| format!(".{}", a.id.name)).collect();
                for pattern in m.value.iter().chain(m.attributes.iter().map(|a| &a.value)) {
                    pattern_variables(pattern, &mut parts);
                }
                Some((m.id.name.to_owned(), parts))
            }
            _ => None,
        })
        .collect())
}

#[cfg(test)]
fn pattern_variables(pattern: &fluent_syntax::ast::Pattern<&str>, names: &mut std::collections::BTreeSet<String>) {
    for element in &pattern.elements {
        if let fluent_syntax::ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, names);
        }
    }
}

#[cfg(test)]
fn expression_variables(
    expression: &fluent_syntax::ast::Expression<&str>,
    names: &mut std::collections::BTreeSet<String>,
) {
    match expression {
        fluent_syntax::ast::Expression::Select { selector, variants } => {
            inline_variables(selector, names);
            for variant in variants {
                pattern_variables(&variant.value, names);
            }
        }
        fluent_syntax::ast::Expression::Inline(inline) => inline_variables(inline, names),
    }
}

#[cfg(test)]
fn inline_variables(
    inline: &fluent_syntax::ast::InlineExpression<&str>,
    names: &mut std::collections::BTreeSet<String>,
) {
    use fluent_syntax::ast::InlineExpression;
    match inline {
        InlineExpression::VariableReference { id } => {
            names.insert(format!("${}", id.name));
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in arguments.positional.iter().chain(arguments.named.iter().map(|n| &n.value)) {
                inline_variables(argument, names);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, names),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_translation_keeps_the_english_variables_and_attributes() {
        let english: std::collections::BTreeMap<_, _> = message_parts(LANGUAGES[0].2).unwrap().into_iter().collect();
        for (tag, _, source) in &LANGUAGES[1..] {
            for (id, parts) in message_parts(source).unwrap() {
                assert_eq!(Some(&parts), english.get(&id), "{tag} messages: {id}");
            }
        }
    }

    #[test]
    fn every_locale_parses_and_has_every_english_message() {
        Locales::load().unwrap();
        let english = message_ids(LANGUAGES[0].2).unwrap();
        for (tag, _, source) in LANGUAGES {
            let ids = message_ids(source).unwrap_or_else(|e| panic!("the {tag} messages do not parse: {e}"));
            let missing: Vec<&String> = english.iter().filter(|id| !ids.contains(id)).collect();
            assert!(missing.is_empty(), "the {tag} messages lack {missing:?}");
            let extra: Vec<&String> = ids.iter().filter(|id| !english.contains(id)).collect();
            assert!(extra.is_empty(), "the {tag} messages have some English lacks: {extra:?}");
        }
    }

    #[test]
    fn dates_and_numbers_follow_the_locale() {
        let locales = Arc::new(Locales::load().unwrap());
        let en = Tr::new(locales.clone(), 0);
        let sv = Tr::new(locales, language_index("sv").unwrap());
        assert_eq!(en.date("2027-03-01"), "1 March 2027");
        assert_eq!(sv.date("2027-03-01"), "1 mars 2027");
        assert_eq!(en.date("soon"), "soon");
        assert_eq!(en.number(1234567), "1,234,567");
        assert_eq!(sv.number(1234567), "1\u{a0}234\u{a0}567");
        assert_eq!(en.number(999), "999");
    }

    #[test]
    fn every_locale_writes_long_dates_and_groups_digits_its_own_way() {
        let locales = Arc::new(Locales::load().unwrap());
        let cases = [
            ("de", "1. März 2027", "1.234.567"),
            ("fi", "1. maaliskuuta 2027", "1\u{a0}234\u{a0}567"),
            ("et", "1. märts 2027", "1\u{a0}234\u{a0}567"),
            ("lv", "2027. gada 1. marts", "1\u{a0}234\u{a0}567"),
            ("lt", "2027 m. kovo 1 d.", "1\u{a0}234\u{a0}567"),
            ("pl", "1 marca 2027", "1\u{a0}234\u{a0}567"),
            ("da", "1. marts 2027", "1.234.567"),
            ("nb", "1. mars 2027", "1\u{a0}234\u{a0}567"),
        ];
        for (tag, date, number) in cases {
            let t = Tr::new(locales.clone(), language_index(tag).unwrap());
            assert_eq!(t.date("2027-03-01"), date, "{tag}");
            assert_eq!(t.number(1234567), number, "{tag}");
        }
    }

    #[test]
    fn plural_forms_follow_the_locale() {
        let locales = Arc::new(Locales::load().unwrap());
        let weeks = |tag: &str, n: &str| Tr::new(locales.clone(), language_index(tag).unwrap()).msg1("weeks", "n", n);
        assert_eq!(weeks("de", "1"), "1 Woche");
        assert_eq!(weeks("de", "4–8"), "4–8 Wochen");
        assert_eq!(weeks("pl", "1"), "1 tydzień");
        assert_eq!(weeks("pl", "3"), "3 tygodnie");
        assert_eq!(weeks("pl", "12"), "12 tygodni");
        assert_eq!(weeks("pl", "22"), "22 tygodnie");
        assert_eq!(weeks("pl", "2–4"), "2–4 tygodnie");
        assert_eq!(weeks("pl", "4–8"), "4–8 tygodni");
        assert_eq!(weeks("lt", "21"), "21 savaitė");
        assert_eq!(weeks("lt", "3"), "3 savaitės");
        assert_eq!(weeks("lt", "10"), "10 savaičių");
        assert_eq!(weeks("lv", "21"), "21 nedēļa");
        assert_eq!(weeks("lv", "3"), "3 nedēļas");
        assert_eq!(weeks("fi", "1"), "1 viikko");
        assert_eq!(weeks("fi", "6"), "6 viikkoa");
        let pl = Tr::new(locales.clone(), language_index("pl").unwrap());
        let matches =
            |count: u64| pl.msg2("attention-matches", ("title", "Spawanie".to_owned()), ("count", pl.number(count)));
        assert_eq!(matches(1), "„Spawanie”: 1 pasujący wpis");
        assert_eq!(matches(2), "„Spawanie”: 2 pasujące wpisy");
        assert_eq!(matches(1005), "„Spawanie”: 1\u{a0}005 pasujących wpisów");
        // Text that is no number falls back to the default form.
        assert_eq!(weeks("pl", "kilka"), "kilka tygodni");
    }

    #[test]
    fn the_cookie_wins_over_accept_language() {
        assert_eq!(Locales::negotiate(None, Some("sv-SE,sv;q=0.9,en;q=0.8")), 1);
        assert_eq!(Locales::negotiate(Some("en"), Some("sv-SE,sv;q=0.9")), 0);
        assert_eq!(Locales::negotiate(None, Some("fr-FR")), 0);
        assert_eq!(Locales::negotiate(Some("xx"), None), 0);
    }
}
