//! Explainable matching of a placement offer against a mobility need: a
//! score out of 100 made of fixed weights per criterion, and for every
//! criterion a short sentence saying why it fits or not. No I/O, no clock.
//!
//! `docs/MATCHING.md` lists every criterion, its weight, the blocking rules
//! and examples of the reasons; the weights below are the same numbers.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::codes;
use crate::keyword::keyword_enum;
use crate::need::{Funding, NeedBody, SupportNeed};
use crate::offer::{OfferBody, Provision};

/// Points per criterion; they add up to 100.
pub mod weights {
    /// Field of education (ISCED-F): the same code.
    pub const FIELD: u32 = 25;
    /// Field of education: the same narrow field (3 digits shared).
    pub const FIELD_NARROW: u32 = 18;
    /// Field of education: only the broad field (2 digits) shared, a misfit.
    pub const FIELD_BROAD: u32 = 10;
    /// A field code is `99…` (unknown): half, not compared.
    pub const FIELD_UNKNOWN: u32 = 12;
    /// Occupation: both given and equal.
    pub const OCCUPATION: u32 = 5;
    /// Occupation not stated on both sides.
    pub const OCCUPATION_UNKNOWN: u32 = 2;
    /// EQF level: the learners' level within the offer's range.
    pub const EQF: u32 = 15;
    /// The learners' level is one off the offer's range.
    pub const EQF_ONE_OFF: u32 = 7;
    /// Dates: a whole placement fits both windows.
    pub const DATES: u32 = 20;
    /// At most this for dates that overlap but do not fit a whole placement.
    pub const DATES_PARTIAL: u32 = 15;
    /// Duration: the offer's and the group's week ranges intersect.
    pub const DURATION: u32 = 5;
    /// Country: the group has no preference, or prefers the offer's country.
    pub const COUNTRY: u32 = 5;
    /// Sector (NACE): no preference, or the offer's code and a preferred one
    /// contain each other.
    pub const SECTOR: u32 = 5;
    /// The offer names no sector, or only the section is shared.
    pub const SECTOR_PARTIAL: u32 = 2;
    /// Language and CEFR: every working language of the offer met (shared
    /// out by the share of languages met).
    pub const LANGUAGE: u32 = 10;
    /// Minors: the group is adult, or the offer accepts minors.
    pub const MINORS: u32 = 5;
    /// Places: at least as many places as learners (shared out otherwise).
    pub const PLACES: u32 = 5;
}

keyword_enum! {
    /// The criterion a reason is about: its machine code.
    pub enum Criterion {
        /// Field of education (ISCED-F).
        Field = "field",
        /// Occupation (ESCO or ISCO-08).
        Occupation = "occupation",
        /// EQF level.
        Eqf = "eqf",
        /// The start windows and periods.
        Dates = "dates",
        /// The duration in weeks.
        Duration = "duration",
        /// The offer's country against the preferred countries.
        Country = "country",
        /// The host's sector (NACE) against the preferred sectors.
        Sector = "sector",
        /// Working languages and CEFR levels.
        Language = "language",
        /// Whether the offer accepts the group's minors.
        Minors = "minors",
        /// Places against learners.
        Places = "places",
        /// How the mobility is funded (a note).
        Funding = "funding",
        /// The support the group needs (a note).
        Support = "support",
    }
}

/// Why a pair fits or does not, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// The criterion it is about: its machine code.
    pub code: Criterion,
    /// The reason in plain English words.
    pub text: String,
}

/// How well an offer and a need fit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchReport {
    /// 0-100: the sum of the criteria's points.
    pub score: u8,
    /// What fits.
    pub fits: Vec<Reason>,
    /// What does not fit, or only partly.
    pub misfits: Vec<Reason>,
    /// Worth knowing, scored nowhere (funding, support).
    pub notes: Vec<Reason>,
    /// A hard blocker: the dates do not overlap at all, the offer does not
    /// accept minors and the group has some, or there is no common field.
    pub blocking: bool,
}

struct Scoring {
    points: u32,
    report: MatchReport,
}

impl Scoring {
    fn fit(&mut self, code: Criterion, points: u32, text: String) {
        self.points += points;
        self.report.fits.push(Reason { code, text });
    }

    fn misfit(&mut self, code: Criterion, points: u32, text: String) {
        self.points += points;
        self.report.misfits.push(Reason { code, text });
    }

    fn block(&mut self, code: Criterion, text: String) {
        self.report.blocking = true;
        self.report.misfits.push(Reason { code, text });
    }

    fn note(&mut self, code: Criterion, points: u32, text: String) {
        self.points += points;
        self.report.notes.push(Reason { code, text });
    }
}

/// Scores `offer` against `need`. Both are expected to have passed their
/// rules; a date that does not parse counts as no overlap.
pub fn match_offer_need(offer: &OfferBody, need: &NeedBody) -> MatchReport {
    let mut s = Scoring {
        points: 0,
        report: MatchReport { score: 0, fits: vec![], misfits: vec![], notes: vec![], blocking: false },
    };
    field(&mut s, offer, need);
    occupation(&mut s, offer, need);
    eqf(&mut s, offer, need);
    dates(&mut s, offer, need);
    country(&mut s, offer, need);
    sector(&mut s, offer, need);
    languages(&mut s, offer, need);
    minors(&mut s, offer, need);
    places(&mut s, offer, need);
    notes(&mut s, offer, need);
    s.report.score = s.points.min(100) as u8;
    s.report
}

/// Whether a hard blocker holds, without building the reasons: the same
/// answer as `match_offer_need(offer, need).blocking`, for ranking many pairs
/// cheaply when blocked pairs are not wanted.
pub fn is_blocked(offer: &OfferBody, need: &NeedBody) -> bool {
    let unknown = offer.isced.starts_with("99") || need.isced.starts_with("99");
    if !unknown && offer.isced.get(..2) != need.isced.get(..2) {
        return true;
    }
    if need.age.involves_minors() && !offer.conditions.minors {
        return true;
    }
    let periods = || -> Option<bool> {
        let o_start = date(&offer.start)?;
        let o_last_start = match &offer.end {
            Some(end) => date(end)?,
            None => o_start,
        };
        let o_end = o_last_start.checked_add_days(Days::new(u64::from(offer.weeks_max) * 7 - 1))?;
        let (n_start, n_end) = need.window()?;
        Some(o_end.min(n_end) < o_start.max(n_start))
    };
    periods().unwrap_or(true)
}

fn field_name(code: &str) -> String {
    match codes::isced_f_name(code) {
        Some(name) => format!("{code} {}", name.to_lowercase()),
        None => code.to_owned(),
    }
}

fn field(s: &mut Scoring, offer: &OfferBody, need: &NeedBody) {
    let (o, n) = (offer.isced.as_str(), need.isced.as_str());
    if o.starts_with("99") || n.starts_with("99") {
        let text = format!("field of education unknown (offer {o}, learners {n}); not compared");
        return s.misfit(Criterion::Field, weights::FIELD_UNKNOWN, text);
    }
    let shared = o.bytes().zip(n.bytes()).take_while(|(a, b)| a == b).count();
    if o == n {
        s.fit(Criterion::Field, weights::FIELD, format!("field of education matches ({})", field_name(n)));
    } else if shared >= 3 {
        let text = format!("same narrow field of education {}: offer {o}, learners {n}", &n[..shared]);
        s.fit(Criterion::Field, weights::FIELD_NARROW, text);
    } else if shared >= 2 {
        let text = format!("only the broad field of education {} is shared: offer {o}, learners {n}", &n[..shared]);
        s.misfit(Criterion::Field, weights::FIELD_BROAD, text);
    } else {
        s.block(
            Criterion::Field,
            format!("no common field of education: offer {}, learners {}", field_name(o), field_name(n)),
        );
    }
}

fn occupation(s: &mut Scoring, offer: &OfferBody, need: &NeedBody) {
    match (&offer.occupation, &need.occupation) {
        (Some(o), Some(n)) if o == n => {
            s.fit(Criterion::Occupation, weights::OCCUPATION, format!("same occupation ({n})"))
        }
        (Some(o), Some(n)) => {
            s.misfit(Criterion::Occupation, 0, format!("different occupations: offer {o}, learners {n}"))
        }
        _ => s.note(
            Criterion::Occupation,
            weights::OCCUPATION_UNKNOWN,
            "occupation not stated on both sides; not compared".into(),
        ),
    }
}

fn eqf(s: &mut Scoring, offer: &OfferBody, need: &NeedBody) {
    let (low, high, level) = (offer.eqf_min, offer.eqf_max, need.eqf);
    let range = if low == high { format!("level {low}") } else { format!("{low}-{high}") };
    if (low..=high).contains(&level) {
        s.fit(Criterion::Eqf, weights::EQF, format!("EQF {level} within the offer's {range}"));
    } else if level + 1 == low {
        s.misfit(Criterion::Eqf, weights::EQF_ONE_OFF, format!("EQF {level} is one level below the offer's {range}"));
    } else if level == high + 1 {
        s.misfit(Criterion::Eqf, weights::EQF_ONE_OFF, format!("EQF {level} is one level above the offer's {range}"));
    } else {
        s.misfit(Criterion::Eqf, 0, format!("EQF {level} is outside the offer's {range}"));
    }
}

fn date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

fn weeks_text(low: u32, high: u32) -> String {
    if low == high { format!("{low}") } else { format!("{low}-{high}") }
}

/// Date window overlap and duration fit. The offer's placements start
/// between `start` and `end` (or on `start`) and run `weeks_min`-`weeks_max`
/// weeks; the need's mobility lies between `start` and `end` (or starts on
/// `start` and runs `weeks_max` weeks).
fn dates(s: &mut Scoring, offer: &OfferBody, need: &NeedBody) {
    let (dmin, dmax) = (offer.weeks_min.max(need.weeks_min), offer.weeks_max.min(need.weeks_max));
    let duration_fits = dmin <= dmax;
    let durations = format!(
        "the offer takes {} weeks, the group {}",
        weeks_text(offer.weeks_min, offer.weeks_max),
        weeks_text(need.weeks_min, need.weeks_max)
    );
    if duration_fits {
        s.fit(Criterion::Duration, weights::DURATION, format!("duration fits: {durations}"));
    } else {
        s.misfit(Criterion::Duration, 0, format!("duration does not fit: {durations}"));
    }
    let window = || -> Option<(NaiveDate, NaiveDate, NaiveDate, NaiveDate, NaiveDate)> {
        let o_start = date(&offer.start)?;
        let o_last_start = match &offer.end {
            Some(end) => date(end)?,
            None => o_start,
        };
        let o_end = o_last_start.checked_add_days(Days::new(u64::from(offer.weeks_max) * 7 - 1))?;
        let (n_start, n_end) = need.window()?;
        Some((o_start, o_last_start, o_end, n_start, n_end))
    };
    let Some((o_start, o_last_start, o_end, n_start, n_end)) = window() else {
        return s.block(Criterion::Dates, "a date does not parse".into());
    };
    let overlap_days = (o_end.min(n_end) - o_start.max(n_start)).num_days() + 1;
    let periods = format!("the offer runs {o_start} to {o_end}, the group {n_start} to {n_end}");
    if overlap_days <= 0 {
        return s.block(Criterion::Dates, format!("dates do not overlap: {periods}"));
    }
    let weeks = if duration_fits { dmin } else { need.weeks_min };
    let earliest = o_start.max(n_start);
    let n_last_start = match &need.end {
        Some(_) => n_end.checked_sub_days(Days::new(u64::from(weeks) * 7 - 1)),
        None => Some(n_start),
    };
    match n_last_start.map(|last| last.min(o_last_start)) {
        Some(latest) if earliest <= latest => {
            let when =
                if earliest == latest { format!("on {earliest}") } else { format!("between {earliest} and {latest}") };
            s.fit(Criterion::Dates, weights::DATES, format!("dates fit: a {weeks}-week placement can start {when}"));
        }
        _ => {
            let overlap_weeks = (overlap_days / 7) as u32;
            let points = weights::DATES_PARTIAL * overlap_weeks.min(weeks) / weeks.max(1);
            let text = if overlap_weeks >= weeks {
                format!("dates overlap {overlap_weeks} weeks, but no start day suits both: {periods}")
            } else {
                format!("dates overlap {overlap_weeks} of {weeks} weeks: {periods}")
            };
            s.misfit(Criterion::Dates, points, text);
        }
    }
}

fn country(s: &mut Scoring, offer: &OfferBody, need: &NeedBody) {
    if need.countries.is_empty() {
        s.fit(Criterion::Country, weights::COUNTRY, "the group has no country preference".into());
    } else if need.countries.contains(&offer.country) {
        s.fit(Criterion::Country, weights::COUNTRY, format!("{} is a preferred country", offer.country));
    } else {
        let text = format!("the offer is in {}; the group prefers {}", offer.country, need.countries.join(", "));
        s.misfit(Criterion::Country, 0, text);
    }
}

fn sector(s: &mut Scoring, offer: &OfferBody, need: &NeedBody) {
    if need.nace.is_empty() {
        return s.fit(Criterion::Sector, weights::SECTOR, "the group has no sector preference".into());
    }
    let preferred = need.nace.join(", ");
    let Some(o) = &offer.nace else {
        let text = format!("the offer names no sector; the group prefers {preferred}");
        return s.note(Criterion::Sector, weights::SECTOR_PARTIAL, text);
    };
    if let Some(p) = need.nace.iter().find(|p| o.starts_with(p.as_str()) || p.starts_with(o.as_str())) {
        s.fit(Criterion::Sector, weights::SECTOR, format!("sector {o} matches the preferred {p}"));
    } else if need.nace.iter().any(|p| p.get(..1) == o.get(..1)) {
        let section = o.get(..1).unwrap_or_default();
        let text = format!("same NACE section {section} but another division: offer {o}, preferred {preferred}");
        s.misfit(Criterion::Sector, weights::SECTOR_PARTIAL, text);
    } else {
        s.misfit(Criterion::Sector, 0, format!("sector {o} is not among the preferred {preferred}"));
    }
}

fn cefr_rank(level: &str) -> Option<usize> {
    codes::CEFR_LEVELS.iter().position(|l| *l == level)
}

fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// Per working language of the offer: do the learners speak it, at the
/// required level? Points are the share of requirements met (a stated
/// language without a stated level counts half when a level is required).
fn languages(s: &mut Scoring, offer: &OfferBody, need: &NeedBody) {
    if offer.languages.is_empty() {
        return s.fit(Criterion::Language, weights::LANGUAGE, "the offer names no working language".into());
    }
    let mut halves = 0u32;
    let mut fits = Vec::new();
    let mut misfits = Vec::new();
    for req in &offer.languages {
        let learners = need.languages.iter().find(|l| primary(&l.lang) == primary(&req.lang));
        let lang = &req.lang;
        match (&req.cefr, learners) {
            (None, Some(_)) => {
                halves += 2;
                fits.push(format!("the learners speak {lang} (no level required)"));
            }
            (None, None) => misfits.push(format!("the offer works in {lang}; the learners do not list {lang}")),
            (Some(required), None) => {
                misfits.push(format!("CEFR {required} required in {lang}; the learners do not list {lang}"))
            }
            (Some(required), Some(learners)) => match &learners.cefr {
                None => {
                    halves += 1;
                    misfits.push(format!("CEFR {required} required in {lang}; the learners' level is not stated"));
                }
                Some(level) if cefr_rank(level) >= cefr_rank(required) => {
                    halves += 2;
                    fits.push(format!("CEFR {required} required in {lang}, learners have {level}"));
                }
                Some(level) => misfits.push(format!("CEFR {required} required in {lang}, learners have {level}")),
            },
        }
    }
    let total = 2 * offer.languages.len() as u32;
    let mut points = weights::LANGUAGE * halves / total;
    for text in fits {
        s.fit(Criterion::Language, std::mem::take(&mut points), text);
    }
    for text in misfits {
        s.misfit(Criterion::Language, std::mem::take(&mut points), text);
    }
}

fn minors(s: &mut Scoring, offer: &OfferBody, need: &NeedBody) {
    let group = match need.age {
        crate::need::AgeBand::Under18 => "the group is under 18",
        crate::need::AgeBand::Mixed => "the group includes learners under 18",
        crate::need::AgeBand::Adults => {
            return s.fit(Criterion::Minors, weights::MINORS, "the group is adults".into());
        }
    };
    if offer.conditions.minors {
        s.fit(Criterion::Minors, weights::MINORS, format!("the offer accepts minors; {group}"));
    } else {
        s.block(Criterion::Minors, format!("the offer does not accept minors; {group}"));
    }
}

fn places(s: &mut Scoring, offer: &OfferBody, need: &NeedBody) {
    let text = format!("{} places for {} learners", offer.places, need.learners);
    if offer.places >= need.learners {
        s.fit(Criterion::Places, weights::PLACES, text);
    } else {
        s.misfit(Criterion::Places, weights::PLACES * offer.places / need.learners.max(1), text);
    }
}

/// Funding and support: informative, no points.
fn notes(s: &mut Scoring, offer: &OfferBody, need: &NeedBody) {
    if let Some(funding) = need.funding {
        let scheme = match funding {
            Funding::ErasmusKa1Vet => "Erasmus+ KA1 VET",
            Funding::Nordplus => "Nordplus",
            Funding::National => "a national programme",
            Funding::Own => "the school's own budget",
            Funding::Other => "other funding",
        };
        s.note(Criterion::Funding, 0, format!("the mobility is funded by {scheme}"));
    }
    for support in &need.support {
        let text = match support {
            SupportNeed::Accessibility => {
                "the group needs accessibility adaptations; the offer does not say, ask the host".to_owned()
            }
            SupportNeed::AccompanyingTeacher => "a teacher travels with the group".to_owned(),
            SupportNeed::SpecialDiet => match offer.conditions.meals {
                Some(Provision::Provided) => "the host provides meals; the group needs special diets".to_owned(),
                _ => "the group needs special diets".to_owned(),
            },
            SupportNeed::LearningSupport => {
                if offer.conditions.mentor {
                    "the group needs learning support; a workplace mentor supervises the learners".to_owned()
                } else {
                    "the group needs learning support; the offer names no workplace mentor".to_owned()
                }
            }
        };
        s.note(Criterion::Support, 0, text);
    }
}
