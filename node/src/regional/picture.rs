//! `GET /v1/region/{nuts}` and `vetnet region CODE`: a region's institutions,
//! open offers and mobility needs, its skills needs by occupation, and the
//! micro-credentials its institutions issued, from their issuance statistics.

use std::collections::{BTreeMap, HashMap};

use vetnet_protocol::issuance_stats::Quarter;
use vetnet_protocol::nuts::{self, NutsRegion};
use vetnet_protocol::profile::ProfileBody;
use vetnet_protocol::{Content, InstitutionId, RecordKind, VerifiedRecord};

use super::country_profiles;
use crate::search::{
    MAX_LIMIT, NeedQuery, OfferQuery, SkillsNeedQuery, profiles_in_region, search_needs, search_offers,
    search_skills_needs,
};
use crate::store::{RecordStore, StoreError};

/// A record of the region, with its author's NUTS code when known.
#[derive(Debug, Clone)]
pub struct Placed {
    pub record: VerifiedRecord,
    pub author_region: Option<String>,
}

/// The skills needs of one occupation.
#[derive(Debug, Clone)]
pub struct OccupationGroup {
    /// ESCO URI, else ISCO-08 code, else `isced:<code>`.
    pub occupation: String,
    pub people: u64,
    pub needs: Vec<VerifiedRecord>,
}

/// One count of an issuance statistics record of the region.
#[derive(Debug, Clone)]
pub struct IssuedCount {
    pub quarter: String,
    pub institution: InstitutionId,
    pub achievement: String,
    pub title: Option<String>,
    pub count: u32,
}

/// One region as a whole.
#[derive(Debug, Clone)]
pub struct RegionPicture {
    pub region: NutsRegion,
    pub institutions: Vec<Placed>,
    pub offers: Vec<Placed>,
    pub needs: Vec<Placed>,
    pub skills_needs: Vec<OccupationGroup>,
    pub issued: Vec<IssuedCount>,
}

/// Where the country's institutions are: in the region, of unknown region,
/// or elsewhere (left out).
struct Placement {
    profiles: HashMap<InstitutionId, ProfileBody>,
    code: String,
}

impl Placement {
    /// `Some(author's NUTS code or None)` when the author belongs in the
    /// region's offers and needs; `None` when it is placed elsewhere.
    fn of(&self, author: &InstitutionId) -> Option<Option<String>> {
        match self.profiles.get(author).map(|p| p.nuts.as_deref()) {
            Some(Some(code)) if nuts::lies_in(code, &self.code) => Some(Some(code.to_owned())),
            Some(Some(_)) => None,
            // A profile without a region, or no profile held: by country.
            _ => Some(None),
        }
    }

    fn in_region(&self) -> impl Iterator<Item = (&InstitutionId, &ProfileBody)> {
        self.profiles.iter().filter(|(_, p)| p.nuts.as_deref().is_some_and(|code| nuts::lies_in(code, &self.code)))
    }
}

/// The picture of `region` on `today` (`YYYY-MM-DD`).
pub fn region_picture(store: &RecordStore, region: NutsRegion, today: &str) -> Result<RegionPicture, StoreError> {
    let country = nuts::country(region.code).to_owned();
    // The country's profiles tell who is placed elsewhere; the region's own
    // come from the index's `region` terms, so none is missed in a country
    // with more profiles than one search returns.
    let mut profiles = country_profiles(store, &country)?;
    for record in profiles_in_region(store, region.code, MAX_LIMIT)? {
        if let Content::Profile(profile) = record.content {
            profiles.insert(record.author, *profile);
        }
    }
    let placement = Placement { profiles, code: region.code.to_owned() };

    let mut institutions = Vec::new();
    for (author, _) in placement.in_region() {
        let key = vetnet_protocol::RecordKey {
            author: *author,
            kind: RecordKind::Profile.as_str().to_owned(),
            id: vetnet_protocol::profile::PROFILE_ID.to_owned(),
        };
        if let Some(record) = store.get(&key)? {
            let author_region = placement.profiles.get(author).and_then(|p| p.nuts.clone());
            institutions.push(Placed { record, author_region });
        }
    }
    institutions.sort_by(|a, b| a.author_region.cmp(&b.author_region).then(a.record.author.cmp(&b.record.author)));

    let offer_query = OfferQuery { countries: vec![country.clone()], limit: Some(MAX_LIMIT), ..Default::default() };
    let offers = search_offers(store, &offer_query)?
        .into_iter()
        .filter(|record| matches!(&record.content, Content::Offer(offer) if offer_is_open(offer, today)))
        .filter_map(|record| placement.of(&record.author).map(|author_region| Placed { record, author_region }))
        .collect();

    let authors: Vec<InstitutionId> = placement.profiles.keys().copied().collect();
    let need_query = NeedQuery { authors_in: Some(authors), limit: Some(MAX_LIMIT), ..Default::default() };
    let needs = search_needs(store, &need_query)?
        .into_iter()
        .filter_map(|record| placement.of(&record.author).map(|author_region| Placed { record, author_region }))
        .collect();

    Ok(RegionPicture {
        skills_needs: skills_needs_by_occupation(store, region.code, today)?,
        issued: issued_in_region(store, &placement)?,
        institutions,
        offers,
        needs,
        region,
    })
}

/// Open: the application deadline and the last day have not passed.
fn offer_is_open(offer: &vetnet_protocol::offer::OfferBody, today: &str) -> bool {
    let last_day = offer.end.as_deref().unwrap_or(&offer.start);
    offer.deadline.as_deref().is_none_or(|deadline| deadline >= today) && last_day >= today
}

/// The standing skills needs for `code`, for the regions in it, and for the
/// NUTS 2 region it lies in, grouped by occupation (most people first).
fn skills_needs_by_occupation(
    store: &RecordStore,
    code: &str,
    today: &str,
) -> Result<Vec<OccupationGroup>, StoreError> {
    let within = SkillsNeedQuery { region: Some(code.to_owned()), limit: Some(MAX_LIMIT), ..Default::default() };
    let mut records = search_skills_needs(store, &within)?;
    let parents: Vec<String> =
        nuts::with_parents(code).filter(|parent| parent.len() >= 4 && *parent != code).map(str::to_owned).collect();
    if !parents.is_empty() {
        let around = SkillsNeedQuery { areas: parents, limit: Some(MAX_LIMIT), ..Default::default() };
        records.extend(search_skills_needs(store, &around)?);
    }
    let mut groups: BTreeMap<String, OccupationGroup> = BTreeMap::new();
    for record in records {
        let Content::SkillsNeed(need) = &record.content else { continue };
        if need.valid_until.as_deref().is_some_and(|until| until < today) {
            continue;
        }
        let occupation = need
            .occupation
            .clone()
            .or_else(|| need.isco.clone())
            .or_else(|| need.isced.as_ref().map(|code| format!("isced:{code}")))
            .unwrap_or_default();
        let group = groups.entry(occupation.clone()).or_insert_with(|| OccupationGroup {
            occupation,
            people: 0,
            needs: Vec::new(),
        });
        group.people += u64::from(need.people.unwrap_or(0));
        group.needs.push(record);
    }
    let mut groups: Vec<OccupationGroup> = groups.into_values().collect();
    groups.sort_by(|a, b| b.people.cmp(&a.people).then_with(|| a.occupation.cmp(&b.occupation)));
    Ok(groups)
}

/// Every count of the issuance statistics of the region's institutions,
/// newest quarter first, then by institution and achievement.
fn issued_in_region(store: &RecordStore, placement: &Placement) -> Result<Vec<IssuedCount>, StoreError> {
    let mut issued = Vec::new();
    for (author, _) in placement.in_region() {
        for record in store.by_author(author, &RecordKind::IssuanceStats)? {
            let Content::IssuanceStats(stats) = &record.content else { continue };
            for item in &stats.counts {
                issued.push(IssuedCount {
                    quarter: stats.quarter.clone(),
                    institution: *author,
                    achievement: item.achievement.clone(),
                    title: achievement_title(store, author, &item.achievement)?,
                    count: item.count,
                });
            }
        }
    }
    issued.sort_by(|a, b| {
        let quarter = |q: &str| Quarter::parse(q);
        quarter(&b.quarter)
            .cmp(&quarter(&a.quarter))
            .then(a.institution.cmp(&b.institution))
            .then_with(|| a.achievement.cmp(&b.achievement))
    });
    Ok(issued)
}

fn achievement_title(store: &RecordStore, author: &InstitutionId, id: &str) -> Result<Option<String>, StoreError> {
    let key = vetnet_protocol::RecordKey {
        author: *author,
        kind: RecordKind::Achievement.as_str().to_owned(),
        id: id.to_owned(),
    };
    Ok(match store.get(&key)? {
        Some(VerifiedRecord { content: Content::Achievement(a), .. }) => a.title.best(&[]).map(str::to_owned),
        _ => None,
    })
}
