//! Mobility needs: the institution's own (`/v1/needs`); the network's are
//! searched in `search`.

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

const NEEDS: OwnRecords = OwnRecords { kind: RecordKind::Need, noun: "need" };

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/needs", get(list).post(create))
        .route("/v1/needs/{id}", get(show).put(update).delete(withdraw))
}

/// This institution's needs; withdrawn ones too with `all`.
pub fn list_needs(state: &ApiState, all: bool) -> Result<Vec<views::NeedView>, ApiError> {
    NEEDS.list(state, all)
}

/// One of this institution's needs.
pub fn get_need(state: &ApiState, id: &str) -> Result<views::NeedView, ApiError> {
    NEEDS.show(state, id)
}

/// Publishes (or updates) a need from its JSON fields.
pub async fn publish_need(
    state: &ApiState,
    id: &str,
    fields: Map<String, Value>,
    mode: PublishMode,
) -> Result<views::PublishedView<views::Need>, ApiError> {
    let need = need_with_defaults(state, fields)?.into_protocol();
    NEEDS.publish(state, id, &need, mode).await
}

/// Withdraws one of this institution's needs.
pub async fn withdraw_need(state: &ApiState, id: &str) -> Result<views::PublishedView<views::Need>, ApiError> {
    NEEDS.withdraw(state, id).await
}

/// Fills the contact the admin left out from the profile's email. Nothing
/// else is taken from the profile: its languages are the staff's, not the
/// learners'.
fn need_with_defaults(state: &ApiState, mut fields: Map<String, Value>) -> Result<views::Need, ApiError> {
    if let (false, Some(profile)) = (fields.contains_key("contact"), state.publisher.profile()?)
        && let Some(email) = &profile.email
    {
        fields.insert("contact".into(), json!({ "email": email }));
    }
    parse_json(Value::Object(fields))
}

/// This institution's needs.
#[utoipa::path(
    get,
    path = "/v1/needs",
    tag = "needs",
    operation_id = "list_needs",
    params(("all" = Option<bool>, Query, description = "`true`: withdrawn needs too (their body is erased). Default `false`.")),
    responses(
        (status = 200, description = "This institution's needs, live ones only unless `all`.", body = [views::RecordView<views::Need>]),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn list(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    ok(&list_needs(&state, params.all)?)
}

/// One need.
#[utoipa::path(
    get,
    path = "/v1/needs/{id}",
    tag = "needs",
    operation_id = "get_need",
    params(("id" = String, Path, description = "The need's record id.")),
    responses(
        (status = 200, description = "The need, withdrawn or not.", body = views::RecordView<views::Need>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This institution publishes no need with that id (`not_found`).", body = views::ErrorBody),
    )
)]
async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&get_need(&state, &id)?)
}

/// Publishes a new need.
#[utoipa::path(
    post,
    path = "/v1/needs",
    tag = "needs",
    operation_id = "publish_need",
    description = "Signs and publishes a new need, and gossips it (or queues it for the first peer). `id` is 1-64 letters, digits, '-', '_' or '.', unique among this institution's needs. A left-out `contact` is the profile's email. `isced` is an ISCED-F field code, `nace` NACE codes, `eqf` an EQF level 1-8, `countries` ISO 3166-1 alpha-2 codes, `start`/`end` days `YYYY-MM-DD`, `weeks_min` <= `weeks_max`, `learners` at least 1.",
    request_body = views::NeedInput,
    responses(
        (status = 201, description = "The need as published.", body = views::PublishedView<views::Need>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "A need with this id exists already (`exists`), or this institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn create(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, None)?;
    let view = publish_need(&state, &id, fields, PublishMode::Create).await?;
    Ok(answer(publish_status(PublishMode::Create), &view))
}

/// Updates a need.
#[utoipa::path(
    put,
    path = "/v1/needs/{id}",
    tag = "needs",
    operation_id = "update_need",
    description = "Publishes a new version of a need (its `seq` grows) from a whole new body; the id is the path's, \
        an `id` in the body is ignored. The same rules and defaults as publishing apply.",
    params(("id" = String, Path, description = "The need's record id.")),
    request_body = super::openapi::NeedUpdate,
    responses(
        (status = 200, description = "The need as published.", body = views::PublishedView<views::Need>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No need with that id, or it is withdrawn (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn update(State(state): State<ApiState>, Path(id): Path<String>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, Some(id))?;
    let view = publish_need(&state, &id, fields, PublishMode::Update).await?;
    Ok(answer(publish_status(PublishMode::Update), &view))
}

/// Withdraws a need.
#[utoipa::path(
    delete,
    path = "/v1/needs/{id}",
    tag = "needs",
    operation_id = "withdraw_need",
    description = "Publishes the withdrawal of a need: a new version without a body, which every node keeps in place of the need.",
    params(("id" = String, Path, description = "The need's record id.")),
    responses(
        (status = 200, description = "The withdrawal as published.", body = views::PublishedView<views::Need>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No need with that id, or it is withdrawn already (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn withdraw(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&withdraw_need(&state, &id).await?)
}
