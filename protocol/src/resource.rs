//! The `resource` record: an entry of a shared toolbox (a manual, a
//! template, country information, a good practice) that a network or an
//! institution points to. Only the link travels, with the SHA-256 of the
//! document, so a reader can check the copy they fetched; no file is carried
//! on the network.

use serde::{Deserialize, Serialize};

use crate::keyword::keyword_enum;
use crate::limits::*;
use crate::validate::{self, Checked, Rule, fail};

/// The body of a `resource` record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceBody {
    /// The document's title, in the language `lang`: single-line, at most
    /// [`MAX_TITLE_CHARS`] characters.
    pub title: String,
    /// The document's language, a BCP 47 tag.
    pub lang: String,
    /// What kind of document it is. (Named `category`, not `kind`: a
    /// record's `kind` is `resource`, and views show both side by side.)
    pub category: ResourceCategory,
    /// What it holds, in words: multi-line, at most [`MAX_SOURCE_CHARS`]
    /// characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Where to fetch it: an `https://` address.
    pub url: String,
    /// SHA-256 of the document's bytes: 64 lower-case hex digits.
    pub sha256: String,
}

keyword_enum! {
    /// What kind of document a resource is.
    pub enum ResourceCategory {
        /// A guide or manual (the HansaVET manuals).
        Manual = "manual",
        /// A template to fill in (a learning agreement, a placement plan).
        Template = "template",
        /// Information about a country's VET system.
        CountryInformation = "country-information",
        /// A good practice others can learn from.
        GoodPractice = "good-practice",
    }
}

/// Is `s` a SHA-256 digest written as 64 lower-case hex digits?
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Checked for ResourceBody {
    fn check(&self, p: &str) -> Rule {
        validate::text(&format!("{p}.title"), &self.title, MAX_TITLE_CHARS, true)?;
        validate::language(&format!("{p}.lang"), &self.lang)?;
        if let Some(summary) = &self.summary {
            validate::text(&format!("{p}.summary"), summary, MAX_SOURCE_CHARS, false)?;
        }
        validate::https_url(&format!("{p}.url"), &self.url)?;
        if !is_sha256_hex(&self.sha256) {
            return fail(
                format!("{p}.sha256"),
                format!("must be the document's SHA-256 as 64 lower-case hex digits (got {:?})", self.sha256),
            );
        }
        Ok(())
    }
}
