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

async fn list(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    ok(&list_needs(&state, params.all)?)
}

async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&get_need(&state, &id)?)
}

async fn create(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, None)?;
    let view = publish_need(&state, &id, fields, PublishMode::Create).await?;
    Ok(answer(publish_status(PublishMode::Create), &view))
}

async fn update(State(state): State<ApiState>, Path(id): Path<String>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, Some(id))?;
    let view = publish_need(&state, &id, fields, PublishMode::Update).await?;
    Ok(answer(publish_status(PublishMode::Update), &view))
}

async fn withdraw(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&withdraw_need(&state, &id).await?)
}
