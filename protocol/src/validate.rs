//! The field rules. The record kinds use all of them; the text, email and
//! date rules are public so a node checks its own input (a learner's name
//! and email, an award day) the same way. Every error names the field (as a path into the payload,
//! e.g. `body.eqf_min`) and the rule it breaks, in words an admin can act on.

use std::fmt;

use crate::LangText;
use crate::codes;
use crate::limits::MAX_TRANSLATIONS;

/// What validation needs to know that is not in the record.
#[derive(Debug, Clone, Copy)]
pub struct ValidationContext<'a> {
    /// The network this node belongs to; records of other networks are refused.
    pub network: &'a str,
    /// Unix seconds now, to refuse records from the future.
    pub now: u64,
}

/// A field that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ValidationError {
    /// Path of the field in the payload, such as `body.languages[1].cefr`.
    pub field: String,
    /// The rule, as a sentence fragment: "must be between 1 and 8 (got 9)".
    pub rule: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.rule)
    }
}

impl ValidationError {
    /// The error for `field` (a path such as `body.eqf_min`) and the `rule`
    /// it breaks.
    pub fn new(field: impl Into<String>, rule: impl Into<String>) -> Self {
        Self { field: field.into(), rule: rule.into() }
    }
}

/// A record body that can check its own field rules.
pub trait Checked {
    /// Checks every field; `prefix` is the path of the body (`body`).
    fn check(&self, prefix: &str) -> Result<(), ValidationError>;
}

/// The outcome of checking one field.
pub type Rule = Result<(), ValidationError>;

pub(crate) fn fail(field: impl Into<String>, rule: impl Into<String>) -> Rule {
    Err(ValidationError::new(field, rule))
}

/// Text of at most `max` characters (Unicode scalar values), not only white
/// space (Unicode White_Space, which `str::trim` removes: U+00A0 is white
/// space, U+200B is not); `single_line` forbids line breaks. Control
/// characters (general category Cc) other than line breaks and tabs are never
/// allowed.
pub fn text(field: &str, value: &str, max: usize, single_line: bool) -> Rule {
    if value.is_empty() {
        return fail(field, "must not be empty");
    }
    if value.trim().is_empty() {
        return fail(field, "must not be only white space");
    }
    let chars = value.chars().count();
    if chars > max {
        return fail(field, format!("must be at most {max} characters (got {chars})"));
    }
    let bad_control = |c: char| c.is_control() && (single_line || !matches!(c, '\n' | '\t' | '\r'));
    if value.chars().any(bad_control) {
        let what = if single_line { "line breaks or control characters" } else { "control characters" };
        return fail(field, format!("must not contain {what}"));
    }
    Ok(())
}

pub(crate) fn opt_text(field: &str, value: &Option<String>, max: usize) -> Rule {
    value.as_deref().map_or(Ok(()), |v| text(field, v, max, true))
}

/// Language-tagged text: keys must be registered BCP 47 tags.
pub(crate) fn lang_text(field: &str, value: &LangText, max: usize, required: bool, single_line: bool) -> Rule {
    if required && value.is_empty() {
        return fail(field, "must be given in at least one language");
    }
    if value.0.len() > MAX_TRANSLATIONS {
        return fail(field, format!("must have at most {MAX_TRANSLATIONS} translations (got {})", value.0.len()));
    }
    for (lang, t) in &value.0 {
        let path = format!("{field}.{lang}");
        language(&path, lang)?;
        text(&path, t, max, single_line)?;
    }
    Ok(())
}

pub(crate) fn country(field: &str, code: &str) -> Rule {
    if codes::is_country(code) {
        Ok(())
    } else {
        fail(field, format!("must be an ISO 3166-1 alpha-2 country code in capitals, like SE or DE (got {code:?})"))
    }
}

/// A language tag by the rule of [`codes::language_tag`]: well-formed,
/// registered, in canonical case; the error says which of them fails.
pub(crate) fn language(field: &str, tag: &str) -> Rule {
    codes::language_tag::check(tag).map_err(|error| ValidationError::new(field, error.to_string()))
}

pub(crate) fn isced(field: &str, code: &str) -> Rule {
    if codes::is_isced_f(code) {
        Ok(())
    } else {
        fail(field, format!("must be an ISCED-F 2013 field code, like 0715 or 0732 (got {code:?})"))
    }
}

pub(crate) fn nace(field: &str, code: &str) -> Rule {
    if codes::is_nace(code) {
        Ok(())
    } else {
        fail(field, format!("must be a NACE Rev. 2 code with its section letter, like F41 or C25.1 (got {code:?})"))
    }
}

/// A NUTS 2024 code of the bundled list ([`crate::nuts`]) at one of `levels`.
pub(crate) fn nuts(field: &str, code: &str, levels: std::ops::RangeInclusive<u8>) -> Rule {
    let (low, high) = (levels.start(), levels.end());
    let wanted = if low == high { format!("level {low}") } else { format!("level {low} to {high}") };
    match crate::nuts::region(code) {
        Some(region) if levels.contains(&region.level) => Ok(()),
        Some(region) => fail(
            field,
            format!("must be a NUTS 2024 region at {wanted} (got {code:?}, a level {} region)", region.level),
        ),
        None => fail(
            field,
            format!(
                "must be a NUTS 2024 code at {wanted} of the Baltic Sea countries, like SE33 or SE332 (got {code:?}, which is not in the list)"
            ),
        ),
    }
}

/// A web address that starts with `https://`.
pub(crate) fn https_url(field: &str, value: &str) -> Rule {
    url(field, value)?;
    if value.starts_with("https://") {
        Ok(())
    } else {
        fail(field, format!("must be a web address starting with https:// (got {value:?})"))
    }
}

/// An email address: single-line text of at most
/// [`MAX_EMAIL_CHARS`](crate::limits::MAX_EMAIL_CHARS) characters with exactly
/// one `@` and something before it, a domain that contains a `.` and does not
/// start or end with one, and no white space.
pub fn email(field: &str, value: &str) -> Rule {
    text(field, value, crate::limits::MAX_EMAIL_CHARS, true)?;
    let ok = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.contains(char::is_whitespace)
        }
        None => false,
    };
    if ok { Ok(()) } else { fail(field, format!("must be an email address like name@example.org (got {value:?})")) }
}

pub(crate) fn url(field: &str, value: &str) -> Rule {
    text(field, value, crate::limits::MAX_URL_CHARS, true)?;
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !value.contains(char::is_whitespace) => Ok(()),
        _ => fail(field, format!("must be a web address starting with https:// (got {value:?})")),
    }
}

/// A calendar date written `YYYY-MM-DD` (four-digit year from 0001 to 9999,
/// two-digit month and day) that exists; the date it names.
pub fn date(field: &str, value: &str) -> Result<chrono::NaiveDate, ValidationError> {
    // chrono's `%Y` also reads and writes a sign and more than four digits
    // (`-0001-01-01`, `+12345-01-01`), so the shape is checked first.
    let shaped = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let parsed = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .filter(|d| shaped && d.format("%Y-%m-%d").to_string() == value);
    match parsed {
        // chrono counts a year 0 (1 BC); the calendar of the rule starts at 1.
        Some(_) if value.starts_with("0000") => {
            Err(ValidationError::new(field, format!("must be a date with a year from 0001 to 9999 (got {value:?})")))
        }
        Some(date) => Ok(date),
        None => Err(ValidationError::new(field, format!("must be a date written YYYY-MM-DD (got {value:?})"))),
    }
}

pub(crate) fn max_items<T>(field: &str, items: &[T], max: usize) -> Rule {
    if items.len() > max {
        return fail(field, format!("must list at most {max} items (got {})", items.len()));
    }
    Ok(())
}

pub(crate) fn no_duplicates(field: &str, items: &[String]) -> Rule {
    let mut seen = std::collections::BTreeSet::new();
    for item in items {
        if !seen.insert(item) {
            return fail(field, format!("lists {item:?} twice"));
        }
    }
    Ok(())
}

/// A derived record id: `prefix` and the first 12 bytes, in lower-case hex,
/// of SHA-256 over `parts` (the caller puts its separators in them).
pub(crate) fn derived_id(prefix: &str, parts: &[&[u8]]) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part);
    }
    let digest = hash.finalize();
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}{hex}")
}
