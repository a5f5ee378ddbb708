//! Searching the network's records: offers, needs, institutions and
//! achievements, each hit with its author's trust.

use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use vetnet_protocol::VerifiedRecord;
use vetnet_protocol::achievement::Participation;
use vetnet_protocol::profile::InstitutionKind;
use vetnet_views as views;

use super::convert::FromContent;
use super::params::*;
use super::{ApiError, ApiResult, ApiState, ViewBuilder, ok};
use crate::search::{self, AchievementQuery, InstitutionQuery, NeedQuery, OfferQuery};
use crate::store::{RecordStore, StoreError};

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/search/offers", get(offers))
        .route("/v1/search/needs", get(needs))
        .route("/v1/search/institutions", get(institutions))
        .route("/v1/search/achievements", get(achievements))
}

/// Runs a search off the async threads and answers with the record views.
async fn run<B: FromContent>(
    state: &ApiState,
    search: impl FnOnce(&RecordStore) -> Result<Vec<VerifiedRecord>, StoreError> + Send + 'static,
) -> Result<Vec<views::RecordView<B>>, ApiError> {
    let store = state.store.clone();
    let results = tokio::task::spawn_blocking(move || search(&store)).await.map_err(ApiError::internal)??;
    Ok(ViewBuilder::new(&state.store, state.today()).records(&results))
}

/// Offers of the network that pass `query`.
pub async fn search_offers(state: &ApiState, query: OfferQuery) -> Result<Vec<views::OfferView>, ApiError> {
    run(state, move |store| search::search_offers(store, &query)).await
}

/// Needs of the network that pass `query`.
pub async fn search_needs(state: &ApiState, query: NeedQuery) -> Result<Vec<views::NeedView>, ApiError> {
    run(state, move |store| search::search_needs(store, &query)).await
}

/// Institution profiles that pass `query`.
pub async fn search_institutions(
    state: &ApiState,
    query: InstitutionQuery,
) -> Result<Vec<views::ProfileView>, ApiError> {
    run(state, move |store| search::search_institutions(store, &query)).await
}

/// Achievements of the network that pass `query`.
pub async fn search_achievements(
    state: &ApiState,
    query: AchievementQuery,
) -> Result<Vec<views::AchievementView>, ApiError> {
    run(state, move |store| search::search_achievements(store, &query)).await
}

/// The offer query of `/v1/search/offers`' parameters.
pub fn offer_query(state: &ApiState, params: &[(String, String)]) -> Result<OfferQuery, ApiError> {
    let mut query = OfferQuery::default();
    for (name, value) in params {
        match name.as_str() {
            "country" => countries_param(value, &mut query.countries)?,
            "sector" => query.sector = Some(sector_param(value)?),
            "eqf" => query.eqf = Some(eqf_param(value)?),
            "lang" => query.lang = Some(lang_param(value)?),
            "text" => query.text = Some(value.clone()),
            "author" => query.author = Some(author_param(value)?),
            "limit" => query.limit = Some(limit_param(value)?),
            "trusted" => query.authors_in = trusted_param(state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a filter of offer search (country, sector, eqf, lang, text, author, trusted, limit)",
                ));
            }
        }
    }
    Ok(query)
}

/// The need query of `/v1/search/needs`' parameters.
pub fn need_query(state: &ApiState, params: &[(String, String)]) -> Result<NeedQuery, ApiError> {
    let mut query = NeedQuery::default();
    for (name, value) in params {
        match name.as_str() {
            "country" => countries_param(value, &mut query.countries)?,
            "sector" | "isced" => query.sector = Some(sector_param(value)?),
            "eqf" => query.eqf = Some(eqf_param(value)?),
            "lang" => query.lang = Some(lang_param(value)?),
            "text" => query.text = Some(value.clone()),
            "author" => query.author = Some(author_param(value)?),
            "limit" => query.limit = Some(limit_param(value)?),
            "trusted" => query.authors_in = trusted_param(state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a filter of need search (country, sector, eqf, lang, text, author, trusted, limit)",
                ));
            }
        }
    }
    Ok(query)
}

/// The institution query of `/v1/search/institutions`' parameters.
pub fn institution_query(state: &ApiState, params: &[(String, String)]) -> Result<InstitutionQuery, ApiError> {
    let mut query = InstitutionQuery::default();
    for (name, value) in params {
        match name.as_str() {
            "country" => countries_param(value, &mut query.countries)?,
            "kind" => query.kind = Some(value.parse::<InstitutionKind>().map_err(|e| ApiError::invalid("kind", e))?),
            "sector" => query.sector = Some(sector_param(value)?),
            "lang" => query.lang = Some(lang_param(value)?),
            "text" => query.text = Some(value.clone()),
            "limit" => query.limit = Some(limit_param(value)?),
            "trusted" => query.authors_in = trusted_param(state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a filter of institution search (country, kind, sector, lang, text, trusted, limit)",
                ));
            }
        }
    }
    Ok(query)
}

/// The achievement query of `/v1/search/achievements`' parameters.
pub fn achievement_query(state: &ApiState, params: &[(String, String)]) -> Result<AchievementQuery, ApiError> {
    let mut query = AchievementQuery::default();
    for (name, value) in params {
        match name.as_str() {
            "country" => countries_param(value, &mut query.countries)?,
            "sector" => {
                let value = value.trim();
                if !vetnet_protocol::codes::is_isced_f(value) {
                    return Err(ApiError::invalid(
                        "sector",
                        format!("{value:?} is not an ISCED-F field code at any level (like 07, 071 or 0715)"),
                    ));
                }
                query.sector = Some(value.to_owned());
            }
            "eqf" => query.eqf = Some(eqf_param(value)?),
            "lang" => query.lang = Some(lang_param(value)?),
            "skill" => {
                if !vetnet_protocol::codes::is_esco_skill(value) {
                    return Err(ApiError::invalid(
                        "skill",
                        format!("must be an ESCO skill URI http://data.europa.eu/esco/skill/<uuid> (got {value:?})"),
                    ));
                }
                query.skill = Some(value.clone());
            }
            "participation" => {
                query.participation =
                    Some(value.parse::<Participation>().map_err(|e| ApiError::invalid("participation", e))?);
            }
            "text" => query.text = Some(value.clone()),
            "author" => query.author = Some(author_param(value)?),
            "limit" => query.limit = Some(limit_param(value)?),
            "trusted" => query.authors_in = trusted_param(state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a filter of achievement search (country, sector, eqf, lang, skill, participation, text, author, trusted, limit)",
                ));
            }
        }
    }
    Ok(query)
}

/// Searches the network's offers.
#[utoipa::path(
    get,
    path = "/v1/search/offers",
    tag = "search",
    operation_id = "search_offers",
    description = "Searches the network's offers. Every filter is checked; an unknown parameter is refused (400) with its name as `field`.",
    params(
        ("country" = Option<String>, Query, description = "ISO 3166-1 alpha-2 codes (`SE`, `DE`), comma-separated or repeated; any of them matches."),
        ("sector" = Option<String>, Query, description = "An ISCED-F field (like `0715`) or a NACE code (like `F41`)."),
        ("eqf" = Option<u8>, Query, description = "An EQF level 1-8 the record must cover."),
        ("lang" = Option<String>, Query, description = "A registered BCP 47 language tag (`sv`, `en`) the record must use."),
        ("text" = Option<String>, Query, description = "Words to find in the titles and descriptions."),
        ("author" = Option<String>, Query, description = "Only records of this institution, `did:key:z6Mk…`."),
        ("trusted" = Option<bool>, Query, description = "`true`: only institutions this node trusts (an anchor, or endorsed by one, directly or via a chain). `true` or `false`."),
        ("limit" = Option<usize>, Query, description = "At most this many results, a whole number."),
    ),
    responses(
        (status = 200, description = "The records that pass every filter, each with its author's trust.", body = [views::RecordView<views::Offer>]),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn offers(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let query = offer_query(&state, &params)?;
    ok(&search_offers(&state, query).await?)
}

/// Searches the network's needs.
#[utoipa::path(
    get,
    path = "/v1/search/needs",
    tag = "search",
    operation_id = "search_needs",
    description = "Searches the network's needs. Every filter is checked; an unknown parameter is refused (400) with its name as `field`.",
    params(
        ("country" = Option<String>, Query, description = "ISO 3166-1 alpha-2 codes (`SE`, `DE`), comma-separated or repeated; any of them matches."),
        ("sector" = Option<String>, Query, description = "An ISCED-F field (like `0715`) or a NACE code (like `F41`)."),
        ("isced" = Option<String>, Query, description = "The same as `sector`."),
        ("eqf" = Option<u8>, Query, description = "An EQF level 1-8 the record must cover."),
        ("lang" = Option<String>, Query, description = "A registered BCP 47 language tag (`sv`, `en`) the record must use."),
        ("text" = Option<String>, Query, description = "Words to find in the titles and descriptions."),
        ("author" = Option<String>, Query, description = "Only records of this institution, `did:key:z6Mk…`."),
        ("trusted" = Option<bool>, Query, description = "`true`: only institutions this node trusts (an anchor, or endorsed by one, directly or via a chain). `true` or `false`."),
        ("limit" = Option<usize>, Query, description = "At most this many results, a whole number."),
    ),
    responses(
        (status = 200, description = "The records that pass every filter, each with its author's trust.", body = [views::RecordView<views::Need>]),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn needs(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let query = need_query(&state, &params)?;
    ok(&search_needs(&state, query).await?)
}

/// Searches the network's institution profiles.
#[utoipa::path(
    get,
    path = "/v1/search/institutions",
    tag = "search",
    operation_id = "search_institutions",
    description = "Searches the network's institution profiles. Every filter is checked; an unknown parameter is refused (400) with its name as `field`.",
    params(
        ("country" = Option<String>, Query, description = "ISO 3166-1 alpha-2 codes (`SE`, `DE`), comma-separated or repeated; any of them matches."),
        ("kind" = Option<views::InstitutionKind>, Query, description = "The kind of institution."),
        ("sector" = Option<String>, Query, description = "An ISCED-F field (like `0715`) or a NACE code (like `F41`)."),
        ("lang" = Option<String>, Query, description = "A registered BCP 47 language tag (`sv`, `en`) the institution works in."),
        ("text" = Option<String>, Query, description = "Words to find in the titles and descriptions."),
        ("trusted" = Option<bool>, Query, description = "`true`: only institutions this node trusts (an anchor, or endorsed by one, directly or via a chain). `true` or `false`."),
        ("limit" = Option<usize>, Query, description = "At most this many results, a whole number."),
    ),
    responses(
        (status = 200, description = "The records that pass every filter, each with its author's trust.", body = [views::RecordView<views::Profile>]),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn institutions(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let query = institution_query(&state, &params)?;
    ok(&search_institutions(&state, query).await?)
}

/// Searches the network's achievements.
#[utoipa::path(
    get,
    path = "/v1/search/achievements",
    tag = "search",
    operation_id = "search_achievements",
    description = "Searches the network's achievements. Every filter is checked; an unknown parameter is refused (400) with its name as `field`.",
    params(
        ("country" = Option<String>, Query, description = "ISO 3166-1 alpha-2 codes (`SE`, `DE`), comma-separated or repeated; any of them matches."),
        ("sector" = Option<String>, Query, description = "An ISCED-F field code at any level (like `07`, `071` or `0715`)."),
        ("eqf" = Option<u8>, Query, description = "An EQF level 1-8 the record must cover."),
        ("lang" = Option<String>, Query, description = "A registered BCP 47 language tag (`sv`, `en`) the record must use."),
        ("skill" = Option<String>, Query, description = "An ESCO skill URI, `http://data.europa.eu/esco/skill/<uuid>`."),
        ("participation" = Option<views::Participation>, Query, description = "Where the learning happens."),
        ("text" = Option<String>, Query, description = "Words to find in the titles and descriptions."),
        ("author" = Option<String>, Query, description = "Only records of this institution, `did:key:z6Mk…`."),
        ("trusted" = Option<bool>, Query, description = "`true`: only institutions this node trusts (an anchor, or endorsed by one, directly or via a chain). `true` or `false`."),
        ("limit" = Option<usize>, Query, description = "At most this many results, a whole number."),
    ),
    responses(
        (status = 200, description = "The records that pass every filter, each with its author's trust.", body = [views::RecordView<views::Achievement>]),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn achievements(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let query = achievement_query(&state, &params)?;
    ok(&search_achievements(&state, query).await?)
}
