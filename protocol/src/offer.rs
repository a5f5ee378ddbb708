//! The `offer` record: a placement for foreign VET learners at the author.

use serde::{Deserialize, Serialize};

use crate::LangText;
use crate::codes;
use crate::keyword::keyword_enum;
use crate::limits::*;
use crate::validate::{self, Checked, Rule, fail};

/// The body of an `offer` record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferBody {
    /// What the placement is, in one or more languages: required, each entry
    /// single-line and at most [`MAX_TITLE_CHARS`] characters.
    pub title: LangText,
    /// More about the placement, multi-line, each entry at most
    /// [`MAX_OFFER_DESCRIPTION_CHARS`] characters; absent when empty.
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    /// Field of education (ISCED-F 2013).
    pub isced: String,
    /// The host's economic sector (NACE Rev. 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nace: Option<String>,
    /// ESCO occupation URI or ISCO-08 unit group code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// Where the placement is (ISO 3166-1 alpha-2).
    pub country: String,
    /// The town of the placement: single-line, at most
    /// [`MAX_SHORT_TEXT_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The lowest EQF level (1-8) the placement suits.
    pub eqf_min: u8,
    /// The highest EQF level (1-8) the placement suits: not below `eqf_min`,
    /// equal for a single level.
    pub eqf_max: u8,
    /// How many learners can be placed: 1 to [`MAX_PLACES`].
    pub places: u32,
    /// First possible start day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day of an open start window, `YYYY-MM-DD`: not before `start`, and
    /// the window (both days counted) is at least `weeks_min` weeks long.
    /// Absent for a fixed start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Shortest duration in weeks: 1 to [`MAX_WEEKS`].
    pub weeks_min: u32,
    /// Longest duration in weeks: 1 to [`MAX_WEEKS`], not below `weeks_min`,
    /// equal for a fixed duration.
    pub weeks_max: u32,
    /// Last day to apply, `YYYY-MM-DD`: not after `end` if given, else not
    /// after `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// Working languages and the minimum CEFR level in each: at most
    /// [`MAX_LANGUAGES`], each language once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageRequirement>,
    /// Expected learning outcomes, as text: at most [`MAX_OUTCOMES`], each
    /// multi-line and at most [`MAX_OUTCOME_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
    /// Expected learning outcomes as ESCO skill URIs: at most [`MAX_SKILLS`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco_skills: Vec<String>,
    /// The practical conditions; absent means all defaults (nothing stated,
    /// no minors, no mentor).
    #[serde(default)]
    pub conditions: Conditions,
    /// Who to ask about the placement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// A working language of a placement (or a language of a group of learners)
/// and a CEFR level in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageRequirement {
    /// A BCP 47 language tag in canonical case (`sv`, `en-GB`).
    pub lang: String,
    /// Minimum CEFR level (A1..C2); absent when no level is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cefr: Option<String>,
}

impl std::str::FromStr for LanguageRequirement {
    type Err = String;

    /// `sv` or `en:B1`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (lang, cefr) = match s.split_once(':') {
            Some((lang, level)) => (lang, Some(level.to_ascii_uppercase())),
            None => (s, None),
        };
        codes::language_tag::check(lang).map_err(|error| format!("the language {error}"))?;
        if let Some(level) = &cefr
            && !codes::is_cefr(level)
        {
            return Err(format!("{level:?} is not a CEFR level (A1, A2, B1, B2, C1 or C2)"));
        }
        Ok(Self { lang: lang.to_owned(), cefr })
    }
}

/// The practical conditions that decide whether a placement happens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conditions {
    /// Whether the host provides accommodation, helps find it, or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accommodation: Option<Provision>,
    /// Whether the host provides meals, helps with them, or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meals: Option<Provision>,
    /// A stipend the learner is paid per month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stipend: Option<Stipend>,
    /// Who covers liability and accident insurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance: Option<InsuranceCover>,
    /// Whether learners under 18 are accepted; `false` when absent.
    #[serde(default)]
    pub minors: bool,
    /// Whether a named workplace mentor supervises the learner; `false` when
    /// absent.
    #[serde(default)]
    pub mentor: bool,
}

keyword_enum! {
    /// Provided by the host, assisted (the host helps find it), or none.
    pub enum Provision {
        /// The host provides it.
        Provided = "provided",
        /// The host helps the learner find it.
        Assisted = "assisted",
        /// Neither: the learner or the sending school arranges it.
        None = "none",
    }
}

keyword_enum! {
    /// Who covers liability and accident insurance.
    pub enum InsuranceCover {
        /// The host institution.
        Host = "host",
        /// The sending school.
        SendingSchool = "sending-school",
        /// The learner.
        Learner = "learner",
        /// Shared between the parties.
        Shared = "shared",
    }
}

/// A stipend paid to the learner: a whole amount in a currency, per month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stipend {
    /// The amount per month, in whole units of the currency.
    pub amount: u32,
    /// The currency: three upper-case letters in the form of ISO 4217, such as
    /// EUR or SEK.
    pub currency: String,
}

/// A contact for an offer or a need: a person or a role, such as a placement
/// office (never a learner).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// The name: single-line, at most [`MAX_SHORT_TEXT_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// An email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A telephone number, as text: single-line, at most
    /// [`MAX_SHORT_TEXT_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Checked for OfferBody {
    fn check(&self, p: &str) -> Rule {
        validate::lang_text(&format!("{p}.title"), &self.title, MAX_TITLE_CHARS, true, true)?;
        validate::lang_text(&format!("{p}.description"), &self.description, MAX_OFFER_DESCRIPTION_CHARS, false, false)?;
        validate::isced(&format!("{p}.isced"), &self.isced)?;
        if let Some(nace) = &self.nace {
            validate::nace(&format!("{p}.nace"), nace)?;
        }
        if let Some(occupation) = &self.occupation
            && !codes::is_occupation(occupation)
        {
            return fail(
                format!("{p}.occupation"),
                format!("must be an ESCO occupation URI or a 4-digit ISCO-08 code (got {occupation:?})"),
            );
        }
        validate::country(&format!("{p}.country"), &self.country)?;
        validate::opt_text(&format!("{p}.city"), &self.city, MAX_SHORT_TEXT_CHARS)?;
        for (field, level) in [("eqf_min", self.eqf_min), ("eqf_max", self.eqf_max)] {
            if !codes::is_eqf(level) {
                return fail(format!("{p}.{field}"), format!("must be an EQF level between 1 and 8 (got {level})"));
            }
        }
        if self.eqf_min > self.eqf_max {
            return fail(
                format!("{p}.eqf_max"),
                format!("must not be below eqf_min ({} < {})", self.eqf_max, self.eqf_min),
            );
        }
        if self.places == 0 || self.places > MAX_PLACES {
            return fail(format!("{p}.places"), format!("must be between 1 and {MAX_PLACES} (got {})", self.places));
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
        let last_start_day = match &self.end {
            Some(end) => {
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
                end
            }
            None => start,
        };
        if let Some(deadline) = &self.deadline {
            let deadline = validate::date(&format!("{p}.deadline"), deadline)?;
            if deadline > last_start_day {
                return fail(
                    format!("{p}.deadline"),
                    format!("must not be after the placement starts ({deadline} > {last_start_day})"),
                );
            }
        }
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
        validate::max_items(&format!("{p}.outcomes"), &self.outcomes, MAX_OUTCOMES)?;
        for (i, outcome) in self.outcomes.iter().enumerate() {
            validate::text(&format!("{p}.outcomes[{i}]"), outcome, MAX_OUTCOME_CHARS, false)?;
        }
        validate::max_items(&format!("{p}.esco_skills"), &self.esco_skills, MAX_SKILLS)?;
        for (i, skill) in self.esco_skills.iter().enumerate() {
            if !codes::is_esco_skill(skill) {
                return fail(
                    format!("{p}.esco_skills[{i}]"),
                    format!("must be an ESCO skill URI http://data.europa.eu/esco/skill/<uuid> (got {skill:?})"),
                );
            }
        }
        if let Some(stipend) = &self.conditions.stipend
            && !codes::is_currency(&stipend.currency)
        {
            return fail(
                format!("{p}.conditions.stipend.currency"),
                format!("must be an ISO 4217 currency code like EUR or SEK (got {:?})", stipend.currency),
            );
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
