//! `vetnet match --skills-need ID`: which schools teach what a skills need
//! asks for. Candidates are the VET providers of the need's country (their
//! profiles, at most [`crate::search::MAX_LIMIT`]); each is scored with
//! `vetnet_protocol::skills_matching` on its live achievements and offers,
//! and those that teach nothing asked for are left out. Ranked nearest first
//! (in the need's region, in its NUTS 2 region, elsewhere in the country),
//! then by score, then by institution.

use vetnet_protocol::achievement::AchievementBody;
use vetnet_protocol::nuts;
use vetnet_protocol::offer::OfferBody;
use vetnet_protocol::profile::{InstitutionKind, ProfileBody};
use vetnet_protocol::skills_matching::{SchoolEvidence, SkillsMatchReport, match_skills_need};
use vetnet_protocol::skills_need::SkillsNeedBody;
use vetnet_protocol::{Content, InstitutionId, RecordKind};

use super::country_profiles;
use crate::store::{RecordStore, StoreError};

/// Default and largest number of schools in an answer.
pub const DEFAULT_SCHOOLS: usize = 20;
pub const MAX_SCHOOLS: usize = 100;

/// One school and how it fits.
#[derive(Debug, Clone)]
pub struct SchoolCandidate {
    pub institution: InstitutionId,
    pub profile: ProfileBody,
    pub report: SkillsMatchReport,
}

/// The schools that fit `need`, ranked, at most `limit`; `author` (the need's)
/// is never a candidate of its own need.
pub fn match_schools(
    store: &RecordStore,
    need: &SkillsNeedBody,
    author: &InstitutionId,
    limit: usize,
) -> Result<Vec<SchoolCandidate>, StoreError> {
    let country = nuts::country(&need.region).to_owned();
    let mut schools = Vec::new();
    for (institution, profile) in country_profiles(store, &country)? {
        if profile.institution != InstitutionKind::VetProvider || institution == *author {
            continue;
        }
        let achievements = live_bodies(store, &institution, RecordKind::Achievement, |c| match c {
            Content::Achievement(a) => Some(AchievementBody::clone(a)),
            _ => None,
        })?;
        let offers = live_bodies(store, &institution, RecordKind::Offer, |c| match c {
            Content::Offer(o) => Some(OfferBody::clone(o)),
            _ => None,
        })?;
        let evidence = SchoolEvidence { profile: &profile, achievements: &achievements, offers: &offers };
        let report = match_skills_need(need, &evidence);
        if report.score > 0 {
            schools.push(SchoolCandidate { institution, profile, report });
        }
    }
    schools.sort_by(|a, b| {
        a.report
            .proximity
            .cmp(&b.report.proximity)
            .then(b.report.score.cmp(&a.report.score))
            .then(a.institution.cmp(&b.institution))
    });
    schools.truncate(limit.clamp(1, MAX_SCHOOLS));
    Ok(schools)
}

/// The live records of `kind` by `author`, as `(id, body)`.
fn live_bodies<B>(
    store: &RecordStore,
    author: &InstitutionId,
    kind: RecordKind,
    body: impl Fn(&Content) -> Option<B>,
) -> Result<Vec<(String, B)>, StoreError> {
    Ok(store
        .by_author(author, &kind)?
        .into_iter()
        .filter_map(|record| body(&record.content).map(|b| (record.payload.id.clone(), b)))
        .collect())
}
