//! `GET /v1/match`: the institution's own offers and needs, each with the
//! other institutions' needs and offers that fit it, ranked and explained.

use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use serde_json::{Value, json};

use super::{ApiError, ApiResult, ApiState, Params, Views, limit_param, trusted_param};
use crate::matching::{MatchError, MatchQuery, match_own};

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
    let store = state.store.clone();
    let me = state.publisher.institution();
    let results = tokio::task::spawn_blocking(move || match_own(&store, &me, &query))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?
        .map_err(|e| match e {
            MatchError::NotFound { .. } => ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string()),
            MatchError::Store(e) => e.into(),
        })?;
    let mut views = Views::new(&state.store);
    let items: Vec<Value> = results
        .iter()
        .map(|item| {
            let matches: Vec<Value> = item
                .candidates
                .iter()
                .map(|c| {
                    json!({
                        "score": c.report.score,
                        "blocking": c.report.blocking,
                        "fits": c.report.fits,
                        "misfits": c.report.misfits,
                        "notes": c.report.notes,
                        "record": views.record(&c.record),
                    })
                })
                .collect();
            json!({ "kind": item.own.payload.kind, "own": views.record(&item.own), "matches": matches })
        })
        .collect();
    Ok(Json(Value::Array(items)).into_response())
}
