//! The `achievement` record: the public definition of a micro-credential an
//! institution awards, with every element the EU Council Recommendation on
//! micro-credentials (16 June 2022, Annex I) requires of it. Issued
//! credentials refer to it; the learner's data is never in it.

use serde::{Deserialize, Serialize};

use crate::LangText;
use crate::codes;
use crate::keyword::keyword_enum;
use crate::limits::*;
use crate::validate::{self, Checked, Rule, fail};

/// The body of an `achievement` record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AchievementBody {
    /// Title of the micro-credential: required, each entry single-line and at
    /// most [`MAX_TITLE_CHARS`] characters.
    pub title: LangText,
    /// More about it, multi-line, each entry at most
    /// [`MAX_OFFER_DESCRIPTION_CHARS`] characters.
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    /// Country of the awarding body (ISO 3166-1 alpha-2).
    pub country: String,
    /// Learning outcomes, as text: what the learner knows and can do. 1 to
    /// [`MAX_OUTCOMES`], each multi-line and at most [`MAX_OUTCOME_CHARS`]
    /// characters.
    pub outcomes: Vec<String>,
    /// The same outcomes as ESCO skill URIs, where known: at most
    /// [`MAX_SKILLS`], no duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco_skills: Vec<String>,
    /// Notional workload in ECTS credits: more than 0, at most [`MAX_ECTS`],
    /// at most one decimal (7.5). At least one of `ects` and `hours` is
    /// required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ects: Option<f64>,
    /// Notional workload in hours: 1 to [`MAX_HOURS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
    /// EQF level (1-8), where applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eqf: Option<u8>,
    /// National qualifications framework level, as text ("SeQF 4"):
    /// single-line, at most [`MAX_SHORT_TEXT_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nqf: Option<String>,
    /// Field of education (ISCED-F 2013).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isced: Option<String>,
    /// Languages of teaching and assessment (BCP 47 tags): at most
    /// [`MAX_LANGUAGES`], no duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Type of assessment ("practical test at the workplace, assessed by the
    /// mentor"): multi-line, at most [`MAX_OUTCOME_CHARS`] characters.
    pub assessment: String,
    /// Form of participation in the learning activity.
    pub participation: Participation,
    /// Type of quality assurance ("internal QA of the school, audited by the
    /// national agency"): multi-line, at most [`MAX_OUTCOME_CHARS`]
    /// characters.
    pub quality_assurance: String,
    /// What a learner needs before taking part: multi-line, at most
    /// [`MAX_OUTCOME_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prerequisites: Option<String>,
    /// Supervision and identity verification during assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervision: Option<Supervision>,
    /// Whether the credential stands alone or stacks into a larger one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stackability: Option<Stackability>,
    /// Where to read more (a web address, `https://` or `http://`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub further_information: Option<String>,
}

keyword_enum! {
    /// Form of participation in the learning activity.
    pub enum Participation {
        /// Online only.
        Online = "online",
        /// On site only.
        OnSite = "on-site",
        /// Online and on site.
        Blended = "blended",
        /// Work-based learning at a workplace.
        Workplace = "workplace",
    }
}

keyword_enum! {
    /// Supervision and identity verification during assessment.
    pub enum Supervision {
        /// No supervision and no identity check.
        Unsupervised = "unsupervised",
        /// Supervised online.
        SupervisedOnline = "supervised-online",
        /// On site, with the learner's identity checked.
        OnSiteIdentityCheck = "on-site-identity-check",
    }
}

keyword_enum! {
    /// Integration: whether the credential stands alone or stacks into a
    /// larger one.
    pub enum Stackability {
        /// The credential stands alone.
        Standalone = "standalone",
        /// The credential can be combined into a larger one.
        Stackable = "stackable",
    }
}

impl Participation {
    /// The words a credential prints for it.
    pub fn describe(self) -> &'static str {
        match self {
            Participation::Online => "online",
            Participation::OnSite => "on site",
            Participation::Blended => "blended (online and on site)",
            Participation::Workplace => "work-based, at a workplace",
        }
    }
}

impl Supervision {
    /// The words a credential prints for it.
    pub fn describe(self) -> &'static str {
        match self {
            Supervision::Unsupervised => "none",
            Supervision::SupervisedOnline => "supervised online",
            Supervision::OnSiteIdentityCheck => "on site, with identity check",
        }
    }
}

/// Is `ects` a workload in ECTS credits this format accepts: more than 0, at
/// most [`MAX_ECTS`], with at most one decimal?
pub fn is_ects(ects: f64) -> bool {
    ects.is_finite() && ects > 0.0 && ects <= MAX_ECTS && ((ects * 10.0).round() - ects * 10.0).abs() < 1e-9
}

impl Checked for AchievementBody {
    fn check(&self, p: &str) -> Rule {
        validate::lang_text(&format!("{p}.title"), &self.title, MAX_TITLE_CHARS, true, true)?;
        validate::lang_text(&format!("{p}.description"), &self.description, MAX_OFFER_DESCRIPTION_CHARS, false, false)?;
        validate::country(&format!("{p}.country"), &self.country)?;
        if self.outcomes.is_empty() {
            return fail(format!("{p}.outcomes"), "must list at least one learning outcome");
        }
        validate::max_items(&format!("{p}.outcomes"), &self.outcomes, MAX_OUTCOMES)?;
        for (i, outcome) in self.outcomes.iter().enumerate() {
            validate::text(&format!("{p}.outcomes[{i}]"), outcome, MAX_OUTCOME_CHARS, false)?;
        }
        validate::max_items(&format!("{p}.esco_skills"), &self.esco_skills, MAX_SKILLS)?;
        validate::no_duplicates(&format!("{p}.esco_skills"), &self.esco_skills)?;
        for (i, skill) in self.esco_skills.iter().enumerate() {
            if !codes::is_esco_skill(skill) {
                return fail(
                    format!("{p}.esco_skills[{i}]"),
                    format!("must be an ESCO skill URI http://data.europa.eu/esco/skill/<uuid> (got {skill:?})"),
                );
            }
        }
        match (self.ects, self.hours) {
            (None, None) => {
                return fail(format!("{p}.ects"), "a notional workload is required: give ECTS credits, hours or both");
            }
            (Some(ects), _) if !is_ects(ects) => {
                return fail(
                    format!("{p}.ects"),
                    format!(
                        "must be more than 0 and at most {MAX_ECTS} ECTS credits, with at most one decimal (got {ects})"
                    ),
                );
            }
            (_, Some(hours)) if hours == 0 || hours > MAX_HOURS => {
                return fail(format!("{p}.hours"), format!("must be between 1 and {MAX_HOURS} hours (got {hours})"));
            }
            _ => {}
        }
        if let Some(level) = self.eqf
            && !codes::is_eqf(level)
        {
            return fail(format!("{p}.eqf"), format!("must be an EQF level between 1 and 8 (got {level})"));
        }
        validate::opt_text(&format!("{p}.nqf"), &self.nqf, MAX_SHORT_TEXT_CHARS)?;
        if let Some(isced) = &self.isced {
            validate::isced(&format!("{p}.isced"), isced)?;
        }
        validate::max_items(&format!("{p}.languages"), &self.languages, MAX_LANGUAGES)?;
        validate::no_duplicates(&format!("{p}.languages"), &self.languages)?;
        for (i, tag) in self.languages.iter().enumerate() {
            validate::language(&format!("{p}.languages[{i}]"), tag)?;
        }
        validate::text(&format!("{p}.assessment"), &self.assessment, MAX_OUTCOME_CHARS, false)?;
        validate::text(&format!("{p}.quality_assurance"), &self.quality_assurance, MAX_OUTCOME_CHARS, false)?;
        if let Some(prerequisites) = &self.prerequisites {
            validate::text(&format!("{p}.prerequisites"), prerequisites, MAX_OUTCOME_CHARS, false)?;
        }
        if let Some(url) = &self.further_information {
            validate::url(&format!("{p}.further_information"), url)?;
        }
        Ok(())
    }
}
