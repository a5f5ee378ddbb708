//! Explainable matching of a skills need against a school: which schools
//! teach what a region needs. A school's evidence is what it publishes (its
//! achievements' ESCO skills and fields, its offers' skills, fields and
//! occupations, the fields of its profile); the score out of 100 is made of
//! fixed weights, and every criterion says in a sentence why it fits or not.
//! Where the school is (its profile's NUTS code against the need's region)
//! does not change the score: it orders the schools, nearest first. No I/O,
//! no clock; `docs/MATCHING.md` lists the weights and the reasons.

use crate::achievement::AchievementBody;
use crate::codes;
use crate::nuts;
use crate::offer::OfferBody;
use crate::profile::ProfileBody;
use crate::skills_need::SkillsNeedBody;

/// Points per criterion, of the criteria the need states; a need that
/// states only some is scored out of those (the sum scaled to 100).
pub mod weights {
    /// ESCO skills: all the need's skills taught (shared out by the share
    /// taught).
    pub const SKILLS: u32 = 50;
    /// Field of education: the school teaches the need's field (its code or
    /// a field within it).
    pub const FIELD: u32 = 30;
    /// Field of education: only the narrow field (3 digits) shared.
    pub const FIELD_NARROW: u32 = 20;
    /// Field of education: only the broad field (2 digits) shared.
    pub const FIELD_BROAD: u32 = 10;
    /// Occupation: an offer of the school names the need's occupation (the
    /// same ESCO URI, or an ISCO-08 code within the need's).
    pub const OCCUPATION: u32 = 20;
}

/// What a reason of a skills-need match is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkillsCriterion {
    /// The need's ESCO skills against the school's.
    Skills,
    /// The field of education (ISCED-F).
    Field,
    /// The occupation (ESCO or ISCO-08).
    Occupation,
    /// Where the school is against the need's region.
    Region,
}

/// One criterion's verdict, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillsReason {
    /// The criterion.
    pub code: SkillsCriterion,
    /// The sentence.
    pub text: String,
}

/// How near a school is to the need's region; schools are ranked by it
/// first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Proximity {
    /// The school's NUTS code lies in the need's region.
    SameRegion,
    /// The school is in the need's NUTS 2 region.
    SameNuts2,
    /// Elsewhere in the country, or its region is unknown.
    SameCountry,
}

/// What one school publishes, by record id.
#[derive(Debug, Clone, Copy)]
pub struct SchoolEvidence<'a> {
    /// The school's profile.
    pub profile: &'a ProfileBody,
    /// Its live achievements.
    pub achievements: &'a [(String, AchievementBody)],
    /// Its live offers.
    pub offers: &'a [(String, OfferBody)],
}

/// The verdict on one school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillsMatchReport {
    /// 0-100.
    pub score: u8,
    /// Where the school is against the need's region.
    pub proximity: Proximity,
    /// Reasons that fit.
    pub fits: Vec<SkillsReason>,
    /// Reasons that do not, or only in part.
    pub misfits: Vec<SkillsReason>,
    /// Worth knowing, without points.
    pub notes: Vec<SkillsReason>,
    /// Ids of the achievements that gave evidence, in the order given.
    pub achievements: Vec<String>,
    /// Ids of the offers that gave evidence, in the order given.
    pub offers: Vec<String>,
}

struct Tally {
    earned: u32,
    possible: u32,
    report: SkillsMatchReport,
}

impl Tally {
    fn reason(code: SkillsCriterion, text: String) -> SkillsReason {
        SkillsReason { code, text }
    }
    fn fit(&mut self, code: SkillsCriterion, text: String) {
        self.report.fits.push(Self::reason(code, text));
    }
    fn misfit(&mut self, code: SkillsCriterion, text: String) {
        self.report.misfits.push(Self::reason(code, text));
    }
    fn note(&mut self, code: SkillsCriterion, text: String) {
        self.report.notes.push(Self::reason(code, text));
    }
    fn evidence(&mut self, achievements: &[&str], offers: &[&str]) {
        for id in achievements {
            if !self.report.achievements.iter().any(|known| known == id) {
                self.report.achievements.push((*id).to_owned());
            }
        }
        for id in offers {
            if !self.report.offers.iter().any(|known| known == id) {
                self.report.offers.push((*id).to_owned());
            }
        }
    }
}

/// Scores `school` against `need`. A school whose score is 0 teaches
/// nothing the need asks for.
pub fn match_skills_need(need: &SkillsNeedBody, school: &SchoolEvidence) -> SkillsMatchReport {
    let report = SkillsMatchReport {
        score: 0,
        proximity: proximity(&need.region, school.profile.nuts.as_deref()),
        fits: Vec::new(),
        misfits: Vec::new(),
        notes: Vec::new(),
        achievements: Vec::new(),
        offers: Vec::new(),
    };
    let mut tally = Tally { earned: 0, possible: 0, report };
    skills(need, school, &mut tally);
    field(need, school, &mut tally);
    occupation(need, school, &mut tally);
    region(need, school, &mut tally);
    let score = (tally.earned * 100).checked_div(tally.possible).unwrap_or(0);
    tally.report.score = score.min(100) as u8;
    tally.report
}

/// Where a school with NUTS code `school` is, against the need's `region`.
pub fn proximity(region: &str, school: Option<&str>) -> Proximity {
    match school {
        Some(code) if nuts::lies_in(code, region) => Proximity::SameRegion,
        Some(code) if code.len() >= 4 && region.len() >= 4 && code[..4] == region[..4] => Proximity::SameNuts2,
        _ => Proximity::SameCountry,
    }
}

fn skills(need: &SkillsNeedBody, school: &SchoolEvidence, tally: &mut Tally) {
    if need.skills.is_empty() {
        return;
    }
    tally.possible += weights::SKILLS;
    let mut taught = Vec::new();
    let mut missing = Vec::new();
    for skill in &need.skills {
        let name = skill.label.clone().unwrap_or_else(|| skill.uri.clone());
        let by_achievement: Vec<&str> = school
            .achievements
            .iter()
            .filter(|(_, a)| a.esco_skills.contains(&skill.uri))
            .map(|(id, _)| id.as_str())
            .collect();
        let by_offer: Vec<&str> = school
            .offers
            .iter()
            .filter(|(_, o)| o.esco_skills.contains(&skill.uri))
            .map(|(id, _)| id.as_str())
            .collect();
        if by_achievement.is_empty() && by_offer.is_empty() {
            missing.push(name);
            continue;
        }
        let mut sources: Vec<String> = by_achievement.iter().map(|id| format!("achievement {id}")).collect();
        sources.extend(by_offer.iter().map(|id| format!("offer {id}")));
        taught.push(format!("{name} ({})", sources.join(", ")));
        tally.evidence(&by_achievement, &by_offer);
    }
    let total = need.skills.len() as u32;
    tally.earned += weights::SKILLS * taught.len() as u32 / total;
    if !taught.is_empty() {
        tally.fit(
            SkillsCriterion::Skills,
            format!("teaches {} of {total} skills the need asks for: {}", taught.len(), taught.join("; ")),
        );
    }
    if !missing.is_empty() {
        tally.misfit(
            SkillsCriterion::Skills,
            format!("does not show {} of {total} skills: {}", missing.len(), missing.join("; ")),
        );
    }
}

/// How much of `wanted` (an ISCED-F code at any level) the field `taught`
/// covers: 3 when `taught` lies in it, 2 for a shared narrow field, 1 for a
/// shared broad field, else 0.
fn field_overlap(wanted: &str, taught: &str) -> u8 {
    if taught.starts_with(wanted) {
        3
    } else if wanted.len() >= 3 && taught.len() >= 3 && wanted[..3] == taught[..3] {
        2
    } else if wanted.len() >= 2 && taught.len() >= 2 && wanted[..2] == taught[..2] {
        1
    } else {
        0
    }
}

fn field(need: &SkillsNeedBody, school: &SchoolEvidence, tally: &mut Tally) {
    let Some(wanted) = &need.isced else { return };
    tally.possible += weights::FIELD;
    // Every field the school shows, with where it shows it.
    let mut shown: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
    for (id, achievement) in school.achievements {
        shown.extend(achievement.isced.as_deref().map(|code| (code, Some(id.as_str()), None)));
    }
    for (id, offer) in school.offers {
        shown.push((offer.isced.as_str(), None, Some(id.as_str())));
    }
    shown.extend(school.profile.isced.iter().map(|code| (code.as_str(), None, None)));
    let best = shown.iter().map(|(code, _, _)| field_overlap(wanted, code)).max().unwrap_or(0);
    let name = |code: &str| {
        codes::isced_f_name(code).map(|n| format!("{code} {}", n.to_lowercase())).unwrap_or(code.to_owned())
    };
    let at_best: Vec<_> = shown.iter().filter(|(code, _, _)| field_overlap(wanted, code) == best).collect();
    let achievements: Vec<&str> = at_best.iter().filter_map(|(_, a, _)| *a).collect();
    let offers: Vec<&str> = at_best.iter().filter_map(|(_, _, o)| *o).collect();
    let codes: Vec<&str> = {
        let mut codes: Vec<&str> = at_best.iter().map(|(code, _, _)| *code).collect();
        codes.dedup();
        codes
    };
    match best {
        3 => {
            tally.earned += weights::FIELD;
            tally.fit(SkillsCriterion::Field, format!("teaches the field {} ({})", name(wanted), codes.join(", ")));
        }
        2 => {
            tally.earned += weights::FIELD_NARROW;
            tally.misfit(
                SkillsCriterion::Field,
                format!(
                    "same narrow field {}: the school teaches {}, the need asks for {wanted}",
                    &wanted[..3],
                    codes.join(", ")
                ),
            );
        }
        1 => {
            tally.earned += weights::FIELD_BROAD;
            tally.misfit(
                SkillsCriterion::Field,
                format!(
                    "only the broad field {} is shared: the school teaches {}, the need asks for {wanted}",
                    &wanted[..2],
                    codes.join(", ")
                ),
            );
        }
        _ => {
            tally.misfit(SkillsCriterion::Field, format!("does not teach the field {}", name(wanted)));
            return;
        }
    }
    tally.evidence(&achievements, &offers);
}

fn occupation(need: &SkillsNeedBody, school: &SchoolEvidence, tally: &mut Tally) {
    let wanted: Vec<&str> = need.occupation.iter().chain(&need.isco).map(String::as_str).collect();
    if wanted.is_empty() {
        return;
    }
    tally.possible += weights::OCCUPATION;
    let fits = |given: &str| {
        wanted
            .iter()
            .any(|w| if codes::is_isco(w) { codes::is_isco(given) && given.starts_with(w) } else { given == *w })
    };
    let offers: Vec<&str> = school
        .offers
        .iter()
        .filter(|(_, o)| o.occupation.as_deref().is_some_and(fits))
        .map(|(id, _)| id.as_str())
        .collect();
    if offers.is_empty() {
        tally.note(
            SkillsCriterion::Occupation,
            format!("no offer of the school names the occupation {}", wanted.join(" / ")),
        );
    } else {
        tally.earned += weights::OCCUPATION;
        tally.fit(
            SkillsCriterion::Occupation,
            format!("offers placements in the occupation {} (offer {})", wanted.join(" / "), offers.join(", ")),
        );
        tally.evidence(&[], &offers);
    }
}

fn region(need: &SkillsNeedBody, school: &SchoolEvidence, tally: &mut Tally) {
    let named = |code: &str| match nuts::region(code) {
        Some(region) if !region.name.is_empty() => format!("{code} {}", region.name),
        _ => code.to_owned(),
    };
    let country = nuts::country(&need.region).to_owned();
    match (school.profile.nuts.as_deref(), tally.report.proximity) {
        (Some(code), Proximity::SameRegion) if code == need.region => {
            tally.fit(SkillsCriterion::Region, format!("in {}, the need's region", named(code)))
        }
        (Some(code), Proximity::SameRegion) => tally.fit(
            SkillsCriterion::Region,
            format!("in {}, within the need's region {}", named(code), named(&need.region)),
        ),
        (Some(code), Proximity::SameNuts2) => tally.fit(
            SkillsCriterion::Region,
            format!(
                "in {}, in the need's NUTS 2 region {}",
                named(code),
                named(need.region.get(..4).unwrap_or(&need.region))
            ),
        ),
        (Some(code), _) => tally.misfit(
            SkillsCriterion::Region,
            format!("in {}, elsewhere in {country} than the need's region {}", named(code), named(&need.region)),
        ),
        (None, _) => tally.note(
            SkillsCriterion::Region,
            format!("its profile gives no NUTS region; it is in {country}, the need's country"),
        ),
    }
}
