//! `GET /v1/match`: own offers and needs with the records that fit them.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::content::{Need, Offer};
use crate::record::RecordView;
use crate::word_enum;

/// One own record and its candidates, tagged by the own record's kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum MatchItem {
    /// An own offer and the needs that fit it.
    Offer { own: RecordView<Offer>, matches: Vec<MatchCandidate<Need>> },
    /// An own need and the offers that fit it.
    Need { own: RecordView<Need>, matches: Vec<MatchCandidate<Offer>> },
}

/// A record that fits, with its score and the reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MatchCandidate<B> {
    /// 0-100.
    pub score: u8,
    /// A hard blocker (no date overlap, minors not accepted, no common field).
    pub blocking: bool,
    pub fits: Vec<Reason>,
    pub misfits: Vec<Reason>,
    /// Worth knowing, scored nowhere.
    pub notes: Vec<Reason>,
    pub record: RecordView<B>,
}

/// One criterion's verdict, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Reason {
    pub code: Criterion,
    pub text: String,
}

word_enum! {
    /// What a match reason is about.
    pub enum Criterion {
        Field = "field",
        Occupation = "occupation",
        Eqf = "eqf",
        Dates = "dates",
        Duration = "duration",
        Country = "country",
        Sector = "sector",
        Language = "language",
        Minors = "minors",
        Places = "places",
        Funding = "funding",
        Support = "support",
    }
}
