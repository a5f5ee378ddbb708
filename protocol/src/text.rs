//! Language-tagged text: the same text in several languages, keyed by BCP 47
//! tag, as a CBOR map `{ "en": "...", "sv": "..." }`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LangText(pub BTreeMap<String, String>);

impl LangText {
    /// Text in one language.
    pub fn new(lang: &str, text: &str) -> Self {
        Self(BTreeMap::from([(lang.to_owned(), text.to_owned())]))
    }

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
