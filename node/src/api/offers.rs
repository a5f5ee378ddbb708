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

/// This institution's offers.
#[utoipa::path(
    get,
    path = "/v1/offers",
    tag = "offers",
    operation_id = "list_offers",
    params(("all" = Option<bool>, Query, description = "`true`: withdrawn offers too (their body is erased). Default `false`.")),
    responses(
        (status = 200, description = "This institution's offers, live ones only unless `all`.", body = [views::RecordView<views::Offer>]),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn list(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    ok(&list_offers(&state, params.all)?)
}

/// One offer.
#[utoipa::path(
    get,
    path = "/v1/offers/{id}",
    tag = "offers",
    operation_id = "get_offer",
    params(("id" = String, Path, description = "The offer's record id.")),
    responses(
        (status = 200, description = "The offer, withdrawn or not.", body = views::RecordView<views::Offer>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This institution publishes no offer with that id (`not_found`).", body = views::ErrorBody),
    )
)]
async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&get_offer(&state, &id)?)
}

/// Publishes a new offer.
#[utoipa::path(
    post,
    path = "/v1/offers",
    tag = "offers",
    operation_id = "publish_offer",
    description = "Signs and publishes a new offer, and gossips it (or queues it for the first peer). `id` is 1-64 letters, digits, '-', '_' or '.', unique among this institution's offers. Left out, `country` and `city`, `contact` (the profile's email) and `languages` are the profile's; without a profile `country` is required. `isced` is an ISCED-F field code, `nace` a NACE code, `eqf_min` <= `eqf_max` EQF levels 1-8, `start`/`end`/`deadline` days `YYYY-MM-DD`, `weeks_min` <= `weeks_max`, `languages` BCP 47 tags with CEFR levels A1-C2, `esco_skills` ESCO skill URIs.",
    request_body = views::OfferInput,
    responses(
        (status = 201, description = "The offer as published.", body = views::PublishedView<views::Offer>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "An offer with this id exists already (`exists`), or this institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn create(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, None)?;
    let view = publish_offer(&state, &id, fields, PublishMode::Create).await?;
    Ok(answer(publish_status(PublishMode::Create), &view))
}

/// Updates an offer.
#[utoipa::path(
    put,
    path = "/v1/offers/{id}",
    tag = "offers",
    operation_id = "update_offer",
    description = "Publishes a new version of an offer (its `seq` grows) from a whole new body; the id is the path's, \
        an `id` in the body is ignored. The same rules and defaults as publishing apply.",
    params(("id" = String, Path, description = "The offer's record id.")),
    request_body = super::openapi::OfferUpdate,
    responses(
        (status = 200, description = "The offer as published.", body = views::PublishedView<views::Offer>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No offer with that id, or it is withdrawn (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn update(State(state): State<ApiState>, Path(id): Path<String>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, Some(id))?;
    let view = publish_offer(&state, &id, fields, PublishMode::Update).await?;
    Ok(answer(publish_status(PublishMode::Update), &view))
}

/// Withdraws an offer.
#[utoipa::path(
    delete,
    path = "/v1/offers/{id}",
    tag = "offers",
    operation_id = "withdraw_offer",
    description = "Publishes the withdrawal of an offer: a new version without a body, which every node keeps in place of the offer.",
    params(("id" = String, Path, description = "The offer's record id.")),
    responses(
        (status = 200, description = "The withdrawal as published.", body = views::PublishedView<views::Offer>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No offer with that id, or it is withdrawn already (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn withdraw(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&withdraw_offer(&state, &id).await?)
}
