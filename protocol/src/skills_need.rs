//! The `skills-need` record: what competences a region needs, published by a
//! chamber, an agency, a company, a school or a network. It names a region
//! (NUTS 2024, level 2 or 3), what the need is about (an occupation, a field of
//! education, skills), how large it is and for how long, and where the figure
//! comes from. It says nothing about persons.

use serde::{Deserialize, Serialize};

use crate::LangText;
use crate::codes;
use crate::keyword::keyword_enum;
use crate::limits::*;
use crate::validate::{self, Checked, Rule, fail};

/// The body of a `skills-need` record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillsNeedBody {
    /// What is needed, in one or more languages: required, each entry
    /// single-line and at most [`MAX_TITLE_CHARS`] characters.
    pub title: LangText,
    /// The region, a NUTS 2024 code at level 2 or 3 of the bundled list
    /// ([`crate::nuts`]), such as `SE33` or `SE332`.
    pub region: String,
    /// The occupation as an ESCO occupation URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// The occupation as an ISCO-08 code (1 to 4 digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isco: Option<String>,
    /// The field of education (ISCED-F 2013). At least one of `occupation`,
    /// `isco` and `isced` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isced: Option<String>,
    /// The skills needed, as ESCO skill URIs with a label: at most
    /// [`MAX_SKILLS`], each URI once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<SkillRef>,
    /// How many people are needed: 1 to [`MAX_PEOPLE`]. Exactly one of
    /// `people` and `level` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<u32>,
    /// The balance of supply and demand, when no number is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<BalanceLevel>,
    /// How many years ahead the need is seen: 1 to [`MAX_HORIZON_YEARS`].
    pub horizon: u8,
    /// Where the figure comes from (a survey, a forecast, a labour-market
    /// report), in words: multi-line, at most [`MAX_SOURCE_CHARS`] characters.
    pub source: String,
    /// Where to read the evidence: an `https://` address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The last day the need stands, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
}

/// One skill of a need: an ESCO skill URI and, optionally, its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillRef {
    /// `http://data.europa.eu/esco/skill/<uuid>`.
    pub uri: String,
    /// The skill's preferred label, in the language of the record's title:
    /// single-line, at most [`MAX_TITLE_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

keyword_enum! {
    /// The balance of supply and demand for an occupation in a region.
    pub enum BalanceLevel {
        /// Fewer people than needed.
        Shortage = "shortage",
        /// About as many as needed.
        Balance = "balance",
        /// More people than needed.
        Surplus = "surplus",
    }
}

/// The rule an ESCO skill URI breaks.
fn esco_skill(field: &str, uri: &str) -> Rule {
    if codes::is_esco_skill(uri) {
        Ok(())
    } else {
        fail(field, format!("must be an ESCO skill URI http://data.europa.eu/esco/skill/<uuid> (got {uri:?})"))
    }
}

impl Checked for SkillsNeedBody {
    fn check(&self, p: &str) -> Rule {
        validate::lang_text(&format!("{p}.title"), &self.title, MAX_TITLE_CHARS, true, true)?;
        validate::nuts(&format!("{p}.region"), &self.region, 2..=3)?;
        if let Some(occupation) = &self.occupation
            && !codes::is_esco_occupation(occupation)
        {
            return fail(
                format!("{p}.occupation"),
                format!(
                    "must be an ESCO occupation URI http://data.europa.eu/esco/occupation/<uuid> (got {occupation:?})"
                ),
            );
        }
        if let Some(isco) = &self.isco
            && !codes::is_isco(isco)
        {
            return fail(
                format!("{p}.isco"),
                format!("must be an ISCO-08 code of 1 to 4 digits, like 7212 (got {isco:?})"),
            );
        }
        if let Some(isced) = &self.isced {
            validate::isced(&format!("{p}.isced"), isced)?;
        }
        if self.occupation.is_none() && self.isco.is_none() && self.isced.is_none() {
            return fail(
                format!("{p}.occupation"),
                "say what the need is about: give an occupation, an isco code, an isced field, or more than one",
            );
        }
        validate::max_items(&format!("{p}.skills"), &self.skills, MAX_SKILLS)?;
        for (i, skill) in self.skills.iter().enumerate() {
            esco_skill(&format!("{p}.skills[{i}].uri"), &skill.uri)?;
            validate::opt_text(&format!("{p}.skills[{i}].label"), &skill.label, MAX_TITLE_CHARS)?;
            if self.skills[..i].iter().any(|other| other.uri == skill.uri) {
                return fail(format!("{p}.skills[{i}].uri"), format!("lists {:?} twice", skill.uri));
            }
        }
        match (self.people, self.level) {
            (Some(_), Some(_)) => {
                return fail(
                    format!("{p}.level"),
                    "give either people (a number) or level (shortage, balance or surplus), not both",
                );
            }
            (None, None) => {
                return fail(
                    format!("{p}.people"),
                    "the size is required: give people (a number) or level (shortage, balance or surplus)",
                );
            }
            (Some(people), None) if people == 0 || people > MAX_PEOPLE => {
                return fail(format!("{p}.people"), format!("must be between 1 and {MAX_PEOPLE} (got {people})"));
            }
            _ => {}
        }
        if self.horizon == 0 || self.horizon > MAX_HORIZON_YEARS {
            return fail(
                format!("{p}.horizon"),
                format!("must be between 1 and {MAX_HORIZON_YEARS} years (got {})", self.horizon),
            );
        }
        validate::text(&format!("{p}.source"), &self.source, MAX_SOURCE_CHARS, false)?;
        if let Some(link) = &self.link {
            validate::https_url(&format!("{p}.link"), link)?;
        }
        if let Some(until) = &self.valid_until {
            validate::date(&format!("{p}.valid_until"), until)?;
        }
        Ok(())
    }
}

impl SkillsNeedBody {
    /// The day the need stops standing, if it has one.
    pub fn valid_until_date(&self) -> Option<chrono::NaiveDate> {
        self.valid_until.as_deref().and_then(|d| validate::date("valid_until", d).ok())
    }
}
