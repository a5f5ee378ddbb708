//! Language-tagged text: the same text in several languages, keyed by BCP 47
//! tag, as a CBOR map `{ "en": "...", "sv": "..." }`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Text in one or more languages: BCP 47 tag to text, at most
/// [`MAX_TRANSLATIONS`](crate::limits::MAX_TRANSLATIONS) entries. Each field
/// that holds one sets its own text rule (length, single- or multi-line).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LangText(pub BTreeMap<String, String>);

impl LangText {
    /// Text in one language.
    pub fn new(lang: &str, text: &str) -> Self {
        Self(BTreeMap::from([(lang.to_owned(), text.to_owned())]))
    }

    /// Whether there is no text in any language (an optional text left out).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text in the first of `preferred` languages that is present, or else
    /// in English, or else in any language.
    pub fn best(&self, preferred: &[&str]) -> Option<&str> {
        preferred
            .iter()
            .chain(&["en"])
            .find_map(|lang| self.0.get(*lang))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
    }

    /// Every translation, for free-text search.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.0.values().map(String::as_str)
    }
}
