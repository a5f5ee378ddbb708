//! The `need` record: a sending school's mobility need, the mirror of an
//! offer. It describes a group of learners, never a person: there is no field
//! for a name, a birth date or any other personal data, and none may be put in
//! the free texts. Personal data travels only later, in a nomination, to the
//! one host that needs it.

use serde::{Deserialize, Serialize};

use crate::LangText;
use crate::codes;
use crate::keyword::keyword_enum;
use crate::limits::*;
use crate::offer::{Contact, LanguageRequirement};
use crate::validate::{self, Checked, Rule, fail};

/// The body of a `need` record. Every free text describes the group, never
/// a named learner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedBody {
    /// What the group looks for, in one or more languages: required, each
    /// entry single-line and at most [`MAX_TITLE_CHARS`] characters.
    pub title: LangText,
    /// More about the group, multi-line, each entry at most
    /// [`MAX_NEED_DESCRIPTION_CHARS`] characters.
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    /// How many learners are to be placed: 1 to [`MAX_PLACES`].
    pub learners: u32,
    /// Field of education (ISCED-F 2013).
    pub isced: String,
    /// ESCO occupation URI or ISCO-08 unit group code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// The qualification the learners study for, in words: single-line, at
    /// most [`MAX_TITLE_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<String>,
    /// The learners' EQF level, 1-8.
    pub eqf: u8,
    /// First day the mobility may start, `YYYY-MM-DD`.
    pub start: String,
    /// Last day the mobility may end (the learners are back); absent when the
    /// mobility starts on `start` exactly. Not before `start`, and the window
    /// (both days counted) is at least `weeks_min` weeks long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Shortest duration in weeks: 1 to [`MAX_WEEKS`].
    pub weeks_min: u32,
    /// Longest duration in weeks: 1 to [`MAX_WEEKS`], not below `weeks_min`,
    /// equal for a fixed duration.
    pub weeks_max: u32,
    /// Preferred host countries (ISO 3166-1 alpha-2): at most
    /// [`MAX_PREFERRED_COUNTRIES`], no duplicates; empty means any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Preferred host sectors (NACE Rev. 2): at most [`MAX_SECTORS`], no
    /// duplicates; empty means any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nace: Vec<String>,
    /// The learners' languages and their CEFR level in each (absent: not
    /// stated): at most [`MAX_LANGUAGES`], each language once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageRequirement>,
    /// The group's age band: whether minors are involved (a host must then
    /// accept minors).
    pub age: AgeBand,
    /// Support the group needs, each kind once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub support: Vec<SupportNeed>,
    /// More about the support needs, in words (never about a named learner):
    /// multi-line, at most [`MAX_NOTE_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_note: Option<String>,
    /// How the mobility is funded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Funding>,
    /// The school's placement contact: a role, not a learner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

keyword_enum! {
    /// The age band of a group of learners.
    pub enum AgeBand {
        /// Every learner is under 18.
        Under18 = "under-18",
        /// Every learner is 18 or older.
        Adults = "adults",
        /// Some learners are under 18, some are not.
        Mixed = "mixed",
    }
}

impl AgeBand {
    /// Whether learners under 18 are in the group (a host must accept minors).
    pub fn involves_minors(self) -> bool {
        matches!(self, AgeBand::Under18 | AgeBand::Mixed)
    }
}

keyword_enum! {
    /// Support a group needs from the host.
    pub enum SupportNeed {
        /// Step-free access or other accessibility adaptations.
        Accessibility = "accessibility",
        /// A teacher from the sending school travels with the group.
        AccompanyingTeacher = "accompanying-teacher",
        /// Special diets (allergies, religious, medical).
        SpecialDiet = "special-diet",
        /// Extra learning support at the workplace.
        LearningSupport = "learning-support",
    }
}

keyword_enum! {
    /// How a mobility is funded.
    pub enum Funding {
        /// Erasmus+ Key Action 1, mobility of VET learners.
        ErasmusKa1Vet = "erasmus-ka1-vet",
        /// The Nordplus programme of the Nordic Council of Ministers.
        Nordplus = "nordplus",
        /// A national programme.
        National = "national",
        /// The school's own funds.
        Own = "own",
        /// Any other source.
        Other = "other",
    }
}

impl NeedBody {
    /// The first day the mobility may start, and the last day it may end:
    /// `end`, or `start` plus `weeks_max` weeks for a fixed start. `None`
    /// when a date does not parse (never for a checked body).
    pub fn window(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let start = validate::date("start", &self.start).ok()?;
        let end = match &self.end {
            Some(end) => validate::date("end", end).ok()?,
            None => start + chrono::Days::new(u64::from(self.weeks_max) * 7 - 1),
        };
        Some((start, end))
    }
}

impl Checked for NeedBody {
    fn check(&self, p: &str) -> Rule {
        validate::lang_text(&format!("{p}.title"), &self.title, MAX_TITLE_CHARS, true, true)?;
        validate::lang_text(&format!("{p}.description"), &self.description, MAX_NEED_DESCRIPTION_CHARS, false, false)?;
        if self.learners == 0 || self.learners > MAX_PLACES {
            return fail(
                format!("{p}.learners"),
                format!("must be between 1 and {MAX_PLACES} (got {})", self.learners),
            );
        }
        validate::isced(&format!("{p}.isced"), &self.isced)?;
        if let Some(occupation) = &self.occupation
            && !codes::is_occupation(occupation)
        {
            return fail(
                format!("{p}.occupation"),
                format!("must be an ESCO occupation URI or a 4-digit ISCO-08 code (got {occupation:?})"),
            );
        }
        validate::opt_text(&format!("{p}.qualification"), &self.qualification, MAX_TITLE_CHARS)?;
        if !codes::is_eqf(self.eqf) {
            return fail(format!("{p}.eqf"), format!("must be an EQF level between 1 and 8 (got {})", self.eqf));
        }
        for (field, weeks) in [("weeks_min", self.weeks_min), ("weeks_max", self.weeks_max)] {
            if weeks == 0 || weeks > MAX_WEEKS {
                return fail(format!("{p}.{field}"), format!("must be between 1 and {MAX_WEEKS} weeks (got {weeks})"));
            }
        }
        if self.weeks_min > self.weeks_max {
            return fail(
                format!("{p}.weeks_max"),
                format!("must not be below weeks_min ({} < {})", self.weeks_max, self.weeks_min),
            );
        }
        let start = validate::date(&format!("{p}.start"), &self.start)?;
        if let Some(end) = &self.end {
            let end = validate::date(&format!("{p}.end"), end)?;
            if end < start {
                return fail(format!("{p}.end"), format!("must not be before start ({end} < {start})"));
            }
            let window_days = (end - start).num_days() + 1;
            if window_days < i64::from(self.weeks_min) * 7 {
                return fail(
                    format!("{p}.end"),
                    format!(
                        "the window {start} to {end} is {window_days} days, shorter than weeks_min ({} weeks)",
                        self.weeks_min
                    ),
                );
            }
        }
        validate::max_items(&format!("{p}.countries"), &self.countries, MAX_PREFERRED_COUNTRIES)?;
        for (i, country) in self.countries.iter().enumerate() {
            validate::country(&format!("{p}.countries[{i}]"), country)?;
        }
        validate::no_duplicates(&format!("{p}.countries"), &self.countries)?;
        validate::max_items(&format!("{p}.nace"), &self.nace, MAX_SECTORS)?;
        for (i, nace) in self.nace.iter().enumerate() {
            validate::nace(&format!("{p}.nace[{i}]"), nace)?;
        }
        validate::no_duplicates(&format!("{p}.nace"), &self.nace)?;
        validate::max_items(&format!("{p}.languages"), &self.languages, MAX_LANGUAGES)?;
        for (i, req) in self.languages.iter().enumerate() {
            validate::language(&format!("{p}.languages[{i}].lang"), &req.lang)?;
            if let Some(level) = &req.cefr
                && !codes::is_cefr(level)
            {
                return fail(
                    format!("{p}.languages[{i}].cefr"),
                    format!("must be a CEFR level A1..C2 (got {level:?})"),
                );
            }
            if self.languages[..i].iter().any(|other| other.lang == req.lang) {
                return fail(format!("{p}.languages[{i}].lang"), format!("lists {:?} twice", req.lang));
            }
        }
        for (i, need) in self.support.iter().enumerate() {
            if self.support[..i].contains(need) {
                return fail(format!("{p}.support[{i}]"), format!("lists {:?} twice", need.as_str()));
            }
        }
        if let Some(note) = &self.support_note {
            validate::text(&format!("{p}.support_note"), note, MAX_NOTE_CHARS, false)?;
        }
        if let Some(contact) = &self.contact {
            validate::opt_text(&format!("{p}.contact.name"), &contact.name, MAX_SHORT_TEXT_CHARS)?;
            if let Some(email) = &contact.email {
                validate::email(&format!("{p}.contact.email"), email)?;
            }
            validate::opt_text(&format!("{p}.contact.phone"), &contact.phone, MAX_SHORT_TEXT_CHARS)?;
        }
        Ok(())
    }
}
