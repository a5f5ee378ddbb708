//! Mobility needs: the institution's own (`/v1/needs`) and the network's
//! (`/v1/search/needs`).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use serde_json::{Map, Value, json};
use vetnet_protocol::RecordKind;
use vetnet_protocol::need::NeedBody;

use super::{
    ApiError, ApiResult, ApiState, ListParams, OwnRecords, Params, countries_param, eqf_param, lang_param, limit_param,
    parse_json, parse_object, search_response, sector_param, take_id, trusted_param,
};
use crate::publish::PublishMode;
use crate::search::{self, NeedQuery};

const NEEDS: OwnRecords = OwnRecords { kind: RecordKind::Need, noun: "need" };

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/needs", get(list_needs).post(create_need))
        .route("/v1/needs/{id}", get(get_need).put(update_need).delete(withdraw_need))
        .route("/v1/search/needs", get(search_needs))
}

async fn list_needs(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    NEEDS.list(&state, params.all)
}

async fn get_need(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    NEEDS.show(&state, &id)
}

/// Fills the contact the admin left out from the profile's email. Nothing
/// else is taken from the profile: its languages are the staff's, not the
/// learners'.
fn need_with_defaults(state: &ApiState, mut fields: Map<String, Value>) -> Result<NeedBody, ApiError> {
    if let (false, Some(profile)) = (fields.contains_key("contact"), state.publisher.profile()?)
        && let Some(email) = &profile.email
    {
        fields.insert("contact".into(), json!({ "email": email }));
    }
    parse_json(Value::Object(fields))
}

async fn create_need(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let mut fields = parse_object(&body)?;
    let id = take_id(&mut fields)?;
    let need = need_with_defaults(&state, fields)?;
    NEEDS.publish(&state, &id, &need, PublishMode::Create).await
}

async fn update_need(State(state): State<ApiState>, Path(id): Path<String>, body: axum::body::Bytes) -> ApiResult {
    let mut fields = parse_object(&body)?;
    fields.remove("id");
    let need = need_with_defaults(&state, fields)?;
    NEEDS.publish(&state, &id, &need, PublishMode::Update).await
}

async fn withdraw_need(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    NEEDS.withdraw(&state, &id).await
}

async fn search_needs(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let mut query = NeedQuery::default();
    for (name, value) in &params {
        match name.as_str() {
            "country" => countries_param(value, &mut query.countries)?,
            "sector" | "isced" => query.sector = Some(sector_param(value)?),
            "eqf" => query.eqf = Some(eqf_param(value)?),
            "lang" => query.lang = Some(lang_param(value)?),
            "text" => query.text = Some(value.clone()),
            "author" => {
                query.author = Some(value.parse().map_err(|e| ApiError::invalid("author", format!("{e}")))?);
            }
            "limit" => query.limit = Some(limit_param(value)?),
            "trusted" => query.authors_in = trusted_param(&state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a filter of need search (country, sector, eqf, lang, text, author, trusted, limit)",
                ));
            }
        }
    }
    search_response(&state, move |store| search::search_needs(store, &query)).await
}
