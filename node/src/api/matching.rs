//! `GET /v1/match`: the institution's own offers and needs, each with the
//! other institutions' needs and offers that fit it, ranked and explained.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use vetnet_protocol::RecordKind;
use vetnet_views as views;

use super::convert::{FromContent, ToView};
use super::params::{Params, limit_param, trusted_param};
use super::{ApiError, ApiResult, ApiState, ViewBuilder, ok};
use crate::matching::{Candidate, MatchError, MatchQuery, match_own};

pub fn routes() -> Router<ApiState> {
    Router::new().route("/v1/match", get(matches))
}

fn bool_param(name: &str, value: &str) -> Result<bool, ApiError> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(ApiError::invalid(name, format!("must be true or false (got {other:?})"))),
    }
}

/// Own offers and needs with what fits each.
#[utoipa::path(
    get,
    path = "/v1/match",
    tag = "matching",
    operation_id = "find_matches",
    description = "Each of this institution's live offers with the network's needs that fit it, and each live need with \
        the offers that fit it, ranked by score and explained (fits, misfits, notes). Candidates with a hard blocker \
        are left out unless `all`. An unknown parameter is refused (400) with its name as `field`.",
    params(
        ("offer" = Option<String>, Query, description = "Only this own offer (its record id)."),
        ("need" = Option<String>, Query, description = "Only this own need (its record id)."),
        ("limit" = Option<usize>, Query, description = "At most this many candidates per own record, a whole number."),
        ("all" = Option<bool>, Query, description = "`true`: blocked candidates too. `true` or `false`."),
        ("trusted" = Option<bool>, Query, description = "`true`: only candidates of institutions this node trusts. `true` or `false`."),
    ),
    responses(
        (status = 200, description = "Own records with their candidates, tagged by the own record's `kind`.", body = Vec<views::MatchItem>),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No own offer or need with the id given (`not_found`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn matches(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let mut query = MatchQuery::default();
    for (name, value) in &params {
        match name.as_str() {
            "offer" => query.offer = Some(value.clone()),
            "need" => query.need = Some(value.clone()),
            "limit" => query.limit = Some(limit_param(value)?),
            "all" => query.all = bool_param("all", value)?,
            "trusted" => query.authors_in = trusted_param(&state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a parameter of matching (offer, need, limit, all, trusted)",
                ));
            }
        }
    }
    ok(&find_matches(&state, query).await?)
}

/// The institution's own offers and needs with what fits each, ranked.
pub async fn find_matches(state: &ApiState, query: MatchQuery) -> Result<Vec<views::MatchItem>, ApiError> {
    let store = state.store.clone();
    let me = state.publisher.institution();
    let results = tokio::task::spawn_blocking(move || match_own(&store, &me, &query))
        .await
        .map_err(ApiError::internal)?
        .map_err(|e| match e {
            MatchError::NotFound { .. } => ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string()),
            MatchError::Store(e) => e.into(),
        })?;
    let mut builder = ViewBuilder::new(&state.store, state.today());
    let items = results
        .iter()
        .map(|item| {
            if item.own.payload.kind == RecordKind::Offer.as_str() {
                views::MatchItem::Offer {
                    own: builder.record(&item.own),
                    matches: item.candidates.iter().map(|c| candidate(&mut builder, c)).collect(),
                }
            } else {
                views::MatchItem::Need {
                    own: builder.record(&item.own),
                    matches: item.candidates.iter().map(|c| candidate(&mut builder, c)).collect(),
                }
            }
        })
        .collect();
    Ok(items)
}

fn candidate<B: FromContent>(builder: &mut ViewBuilder<'_>, c: &Candidate) -> views::MatchCandidate<B> {
    views::MatchCandidate {
        score: c.report.score,
        blocking: c.report.blocking,
        fits: c.report.fits.iter().map(ToView::to_view).collect(),
        misfits: c.report.misfits.iter().map(ToView::to_view).collect(),
        notes: c.report.notes.iter().map(ToView::to_view).collect(),
        record: builder.record(&c.record),
    }
}
