//! The regional picture: skills needs, the toolbox's resources, issuance
//! statistics, one region as a whole (`GET /v1/region/{nuts}`) and the
//! schools that fit a skills need (`GET /v1/match/skills-need/{author}/{id}`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::content::{LangText, Need, Offer, Profile};
use crate::record::{PublishedView, RecordView};
use crate::trust::InstitutionView;
use crate::word_enum;

/// What competences a region needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SkillsNeed {
    pub title: LangText,
    /// NUTS 2024 code at level 2 or 3.
    pub region: String,
    /// ESCO occupation URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// ISCO-08 code, 1 to 4 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isco: Option<String>,
    /// ISCED-F field code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isced: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<SkillRef>,
    /// People needed; exactly one of `people` and `level`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<BalanceLevel>,
    /// Years ahead, 1 to 20.
    pub horizon: u8,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
}

/// An ESCO skill with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillRef {
    pub uri: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

word_enum! {
    /// Supply against demand.
    pub enum BalanceLevel {
        Shortage = "shortage",
        Balance = "balance",
        Surplus = "surplus",
    }
}

/// The body of `POST /v1/skills-needs`: a [`SkillsNeed`] with its `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SkillsNeedInput {
    pub id: String,
    #[serde(flatten)]
    pub need: SkillsNeed,
}

/// A document of a shared toolbox, by link and hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Resource {
    pub title: String,
    /// BCP 47 tag of the document's language.
    pub lang: String,
    /// What kind of document (`category`: the record view's `kind` is `resource`).
    pub category: ResourceCategory,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// `https://` address of the document.
    pub url: String,
    /// SHA-256 of the document, 64 lower-case hex digits.
    pub sha256: String,
}

word_enum! {
    /// What kind of document a resource is.
    pub enum ResourceCategory {
        Manual = "manual",
        Template = "template",
        CountryInformation = "country-information",
        GoodPractice = "good-practice",
    }
}

/// The body of `POST /v1/resources`: a [`Resource`] with its `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ResourceInput {
    pub id: String,
    #[serde(flatten)]
    pub resource: Resource,
}

/// Credentials issued per achievement in one quarter; no count under 5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct IssuanceStats {
    /// `YYYY-Qn`.
    pub quarter: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts: Vec<AchievementCount>,
}

/// One achievement's count in a quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AchievementCount {
    /// The author's achievement id.
    pub achievement: String,
    pub count: u32,
}

/// The body of `POST /v1/stats/publish`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatsPublishInput {
    /// The quarter to count, `YYYY-Qn`; default the last whole quarter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarter: Option<String>,
}

/// The answer to `POST /v1/stats/publish`: the record as published, and the
/// achievements left out because fewer than 5 credentials were issued.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StatsPublishedView {
    #[serde(flatten)]
    pub published: PublishedView<IssuanceStats>,
    /// Own achievements with 1 to 4 credentials in the quarter: suppressed.
    pub suppressed: Vec<String>,
}

/// A skills need record.
pub type SkillsNeedView = RecordView<SkillsNeed>;
/// A resource record.
pub type ResourceView = RecordView<Resource>;
/// An issuance statistics record.
pub type IssuanceStatsView = RecordView<IssuanceStats>;

/// A record shown in a region, with its author's NUTS region when the
/// author's profile gives one (absent: placed by country only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct InRegion<B> {
    #[serde(flatten)]
    pub record: RecordView<B>,
    /// The author's NUTS code, from its profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_region: Option<String>,
}

/// The skills needs of one occupation (or field) in a region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OccupationNeeds {
    /// What the needs are about: the ESCO occupation URI, else the ISCO-08
    /// code, else `isced:<code>`.
    pub occupation: String,
    /// People needed in total over the needs that give a number.
    pub people: u64,
    pub needs: Vec<SkillsNeedView>,
}

/// Credentials one institution of the region issued for one achievement in
/// one quarter, from its issuance statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IssuedInRegion {
    pub quarter: String,
    pub institution: InstitutionView,
    pub achievement: String,
    /// The achievement's title, when this node holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub count: u32,
}

/// One region as a whole: `GET /v1/region/{nuts}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RegionView {
    /// The NUTS 2024 code asked for.
    pub code: String,
    pub level: u8,
    /// The region's name (empty where the bundled list has none).
    pub name: String,
    pub country: String,
    /// Institutions whose profile places them in the region.
    pub institutions: Vec<InRegion<Profile>>,
    /// Open offers (deadline and last day not passed) in the region's
    /// country, by institutions in the region or of unknown region.
    pub offers: Vec<InRegion<Offer>>,
    /// Mobility needs of the country's institutions in the region or of
    /// unknown region.
    pub needs: Vec<InRegion<Need>>,
    /// Standing skills needs for the region, a region in it, or the region
    /// it lies in, grouped by occupation.
    pub skills_needs: Vec<OccupationNeeds>,
    /// Credentials issued by the region's institutions, per quarter and
    /// achievement, newest quarter first.
    pub issued: Vec<IssuedInRegion>,
    /// The sum of `issued`.
    pub issued_total: u64,
    /// Networks working in the region, or in an area that holds it.
    #[serde(default)]
    pub networks: Vec<crate::NetworkView>,
    /// Meetings from today on in the region's country, and those of the
    /// networks working in the region, soonest first (at most 20).
    #[serde(default)]
    pub events: Vec<crate::EventView>,
}

word_enum! {
    /// What a reason of a skills-need match is about.
    pub enum SkillsCriterion {
        Skills = "skills",
        Field = "field",
        Occupation = "occupation",
        Region = "region",
    }
}

/// One criterion's verdict, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SkillsReason {
    pub code: SkillsCriterion,
    pub text: String,
}

word_enum! {
    /// How near a school is to the need's region.
    pub enum Proximity {
        /// In the need's region (or a region within it).
        SameRegion = "same-region",
        /// In the same NUTS 2 region.
        SameNuts2 = "same-nuts2",
        /// In the same country, elsewhere or of unknown region.
        SameCountry = "same-country",
    }
}

/// A school that teaches what a skills need asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SchoolMatch {
    pub institution: InstitutionView,
    /// The school's NUTS code, from its profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub proximity: Proximity,
    /// 0-100.
    pub score: u8,
    pub fits: Vec<SkillsReason>,
    pub misfits: Vec<SkillsReason>,
    pub notes: Vec<SkillsReason>,
    /// Ids of the school's achievements that gave evidence.
    pub achievements: Vec<String>,
    /// Ids of the school's offers that gave evidence.
    pub offers: Vec<String>,
}

/// `GET /v1/match/skills-need/{author}/{id}`: the need and the schools,
/// nearest first, then best.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SkillsNeedMatchView {
    pub need: SkillsNeedView,
    pub schools: Vec<SchoolMatch>,
}
