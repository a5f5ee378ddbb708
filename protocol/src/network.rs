//! The `network-profile` record: what a network of institutions (a profile
//! of kind `network`) says about itself beyond its profile: where it works,
//! who coordinates it, its topics and working languages, and how to join.
//! One per author, with the id [`NETWORK_PROFILE_ID`]. Its members are its
//! `member` endorsements; its toolbox is the resources it publishes.
//!
//! A node shows a network profile only when its author's profile is of kind
//! `network`: the record alone cannot know its author's kind.

use serde::{Deserialize, Serialize};

use crate::keyword::keyword_enum;
use crate::validate::{self, Checked, Rule, fail};

/// The record id of every network profile.
pub const NETWORK_PROFILE_ID: &str = "network";
/// At most this many countries, regions, topics and languages each.
pub const MAX_SCOPE_COUNTRIES: usize = 30;
/// At most this many regions in the scope.
pub const MAX_SCOPE_REGIONS: usize = 60;
/// At most this many topics.
pub const MAX_TOPICS: usize = 20;
/// The longest topic, in characters.
pub const MAX_TOPIC_CHARS: usize = 100;
/// At most this many working languages.
pub const MAX_WORKING_LANGUAGES: usize = 12;
/// The longest coordinator name, in characters.
pub const MAX_COORDINATOR_CHARS: usize = 200;

keyword_enum! {
    /// How an institution becomes a member.
    pub enum Joining {
        /// Every application is accepted.
        Open = "open",
        /// The coordinator decides on each application.
        Application = "application",
    }
}

/// The network's coordinator, as the network publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coordinator {
    /// A person or an office: single-line, at most [`MAX_COORDINATOR_CHARS`].
    pub name: String,
    /// Where applicants and members write.
    pub email: String,
}

/// The body of a `network-profile` record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkProfileBody {
    /// The countries the network works in (ISO 3166-1 alpha-2): 1 to
    /// [`MAX_SCOPE_COUNTRIES`], no duplicates.
    pub countries: Vec<String>,
    /// The regions it works in, as NUTS codes (`SE33`, `SE332`): at most
    /// [`MAX_SCOPE_REGIONS`], no duplicates, each in one of `countries`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Who answers for the network.
    pub coordinator: Coordinator,
    /// What the network works on (`welding`, `apprenticeships`): at most
    /// [`MAX_TOPICS`], single-line, each at most [`MAX_TOPIC_CHARS`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Its working languages (BCP 47): 1 to [`MAX_WORKING_LANGUAGES`].
    pub languages: Vec<String>,
    /// How to join.
    pub joining: Joining,
}

/// A NUTS code's shape: the country's two letters (`EL` for Greece), then
/// one to three capital letters or digits for levels 1 to 3.
pub fn is_nuts_shaped(code: &str) -> bool {
    (3..=5).contains(&code.len())
        && code.bytes().take(2).all(|b| b.is_ascii_uppercase())
        && code.bytes().skip(2).all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

impl Checked for NetworkProfileBody {
    fn check(&self, p: &str) -> Rule {
        if self.countries.is_empty() {
            return fail(format!("{p}.countries"), "must name at least one country the network works in");
        }
        validate::max_items(&format!("{p}.countries"), &self.countries, MAX_SCOPE_COUNTRIES)?;
        validate::no_duplicates(&format!("{p}.countries"), &self.countries)?;
        for (i, code) in self.countries.iter().enumerate() {
            validate::country(&format!("{p}.countries[{i}]"), code)?;
        }
        validate::max_items(&format!("{p}.regions"), &self.regions, MAX_SCOPE_REGIONS)?;
        validate::no_duplicates(&format!("{p}.regions"), &self.regions)?;
        for (i, code) in self.regions.iter().enumerate() {
            let field = format!("{p}.regions[{i}]");
            if !is_nuts_shaped(code) {
                return fail(field, format!("must be a NUTS code such as SE33 or SE332 (got {code:?})"));
            }
            let country = if code.starts_with("EL") { "GR" } else { &code[..2] };
            if !self.countries.iter().any(|c| c == country) {
                return fail(field, format!("must lie in one of the network's countries (got {code:?})"));
            }
        }
        validate::text(&format!("{p}.coordinator.name"), &self.coordinator.name, MAX_COORDINATOR_CHARS, true)?;
        validate::email(&format!("{p}.coordinator.email"), &self.coordinator.email)?;
        validate::max_items(&format!("{p}.topics"), &self.topics, MAX_TOPICS)?;
        validate::no_duplicates(&format!("{p}.topics"), &self.topics)?;
        for (i, topic) in self.topics.iter().enumerate() {
            validate::text(&format!("{p}.topics[{i}]"), topic, MAX_TOPIC_CHARS, true)?;
        }
        if self.languages.is_empty() {
            return fail(format!("{p}.languages"), "must name at least one working language");
        }
        validate::max_items(&format!("{p}.languages"), &self.languages, MAX_WORKING_LANGUAGES)?;
        validate::no_duplicates(&format!("{p}.languages"), &self.languages)?;
        for (i, tag) in self.languages.iter().enumerate() {
            validate::language(&format!("{p}.languages[{i}]"), tag)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> NetworkProfileBody {
        NetworkProfileBody {
            countries: vec!["SE".into(), "FI".into()],
            regions: vec!["SE33".into(), "FI1D".into()],
            coordinator: Coordinator { name: "Network office".into(), email: "office@north.example".into() },
            topics: vec!["welding".into()],
            languages: vec!["sv".into(), "fi".into()],
            joining: Joining::Application,
        }
    }

    #[test]
    fn a_network_profile_checks_its_scope() {
        assert_eq!(body().check("body"), Ok(()));
        let mut outside = body();
        outside.regions.push("DE11".into());
        let error = outside.check("body").unwrap_err();
        assert_eq!(error.field, "body.regions[2]");
        assert!(error.rule.contains("network's countries"), "{error}");
        let mut no_country = body();
        no_country.countries.clear();
        assert_eq!(no_country.check("body").unwrap_err().field, "body.countries");
        let mut bad = body();
        bad.regions[0] = "se33".into();
        assert!(bad.check("body").unwrap_err().rule.contains("NUTS code"));
    }
}
