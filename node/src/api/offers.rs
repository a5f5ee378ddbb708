//! The institution's own offers: `/v1/offers`.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use serde_json::{Map, Value, json};
use vetnet_protocol::RecordKind;
use vetnet_views as views;

use super::convert::IntoProtocol;
use super::own::{OwnRecords, publish_status, split_body};
use super::params::ListParams;
use super::{ApiError, ApiResult, ApiState, answer, ok, parse_json};
use crate::publish::PublishMode;

const OFFERS: OwnRecords = OwnRecords { kind: RecordKind::Offer, noun: "offer" };

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/offers", get(list).post(create))
        .route("/v1/offers/{id}", get(show).put(update).delete(withdraw))
}

/// This institution's offers; withdrawn ones too with `all`.
pub fn list_offers(state: &ApiState, all: bool) -> Result<Vec<views::OfferView>, ApiError> {
    OFFERS.list(state, all)
}

/// One of this institution's offers.
pub fn get_offer(state: &ApiState, id: &str) -> Result<views::OfferView, ApiError> {
    OFFERS.show(state, id)
}

/// Publishes (or updates) an offer from its JSON fields, filling left-out
/// fields from the profile.
pub async fn publish_offer(
    state: &ApiState,
    id: &str,
    fields: Map<String, Value>,
    mode: PublishMode,
) -> Result<views::PublishedView<views::Offer>, ApiError> {
    let offer = offer_with_defaults(state, fields)?.into_protocol();
    OFFERS.publish(state, id, &offer, mode).await
}

/// Withdraws one of this institution's offers.
pub async fn withdraw_offer(state: &ApiState, id: &str) -> Result<views::PublishedView<views::Offer>, ApiError> {
    OFFERS.withdraw(state, id).await
}

/// Fills fields the admin left out from the institution's profile: country
/// and city, contact email, working languages.
fn offer_with_defaults(state: &ApiState, mut fields: Map<String, Value>) -> Result<views::Offer, ApiError> {
    if let Some(profile) = state.publisher.profile()? {
        if !fields.contains_key("country") {
            fields.insert("country".into(), json!(profile.country));
            if let (false, Some(city)) = (fields.contains_key("city"), &profile.city) {
                fields.insert("city".into(), json!(city));
            }
        }
        if let (false, Some(email)) = (fields.contains_key("contact"), &profile.email) {
            fields.insert("contact".into(), json!({ "email": email }));
        }
        if !fields.contains_key("languages") && !profile.languages.is_empty() {
            let langs: Vec<Value> = profile.languages.iter().map(|l| json!({ "lang": l })).collect();
            fields.insert("languages".into(), Value::Array(langs));
        }
    } else if !fields.contains_key("country") {
        return Err(ApiError::invalid(
            "body.country",
            "is required: this institution has no profile to take it from (set one with `vetnet profile set`, or pass --country)",
        ));
    }
    parse_json(Value::Object(fields))
}

async fn list(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    ok(&list_offers(&state, params.all)?)
}

async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&get_offer(&state, &id)?)
}

async fn create(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, None)?;
    let view = publish_offer(&state, &id, fields, PublishMode::Create).await?;
    Ok(answer(publish_status(PublishMode::Create), &view))
}

async fn update(State(state): State<ApiState>, Path(id): Path<String>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, Some(id))?;
    let view = publish_offer(&state, &id, fields, PublishMode::Update).await?;
    Ok(answer(publish_status(PublishMode::Update), &view))
}

async fn withdraw(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&withdraw_offer(&state, &id).await?)
}
