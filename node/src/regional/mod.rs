//! The regional picture: one NUTS region as a whole (`picture`) and the
//! schools that teach what a skills need asks for (`skills_match`). Both read
//! the store through the search index; the scoring is
//! `vetnet_protocol::skills_matching` (pure, explained reason by reason).
//!
//! An institution is placed in a region by its profile's `nuts`; an
//! institution whose profile has none is placed by its country only: it shows
//! in the offers and needs of its country's regions (flagged as unplaced) and
//! ranks after placed schools in a match, never among a region's
//! institutions.

pub mod picture;
pub mod skills_match;

use std::collections::HashMap;

use vetnet_protocol::profile::ProfileBody;
use vetnet_protocol::{Content, InstitutionId};

use crate::search::{InstitutionQuery, MAX_LIMIT, search_institutions};
use crate::store::{RecordStore, StoreError};

/// The profiles of one country, by author (at most [`MAX_LIMIT`]).
pub(crate) fn country_profiles(
    store: &RecordStore,
    country: &str,
) -> Result<HashMap<InstitutionId, ProfileBody>, StoreError> {
    let query = InstitutionQuery { countries: vec![country.to_owned()], limit: Some(MAX_LIMIT), ..Default::default() };
    Ok(search_institutions(store, &query)?
        .into_iter()
        .filter_map(|record| match record.content {
            Content::Profile(profile) => Some((record.author, *profile)),
            _ => None,
        })
        .collect())
}
