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
    let mut builder = ViewBuilder::new(&state.store);
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
