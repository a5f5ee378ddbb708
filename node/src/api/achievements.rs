//! The institution's own achievements: `/v1/achievements`.

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

const ACHIEVEMENTS: OwnRecords = OwnRecords { kind: RecordKind::Achievement, noun: "achievement" };

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/achievements", get(list).post(create))
        .route("/v1/achievements/{id}", get(show).put(update).delete(withdraw))
}

/// This institution's achievements; withdrawn ones too with `all`.
pub fn list_achievements(state: &ApiState, all: bool) -> Result<Vec<views::AchievementView>, ApiError> {
    ACHIEVEMENTS.list(state, all)
}

/// One of this institution's achievements.
pub fn get_achievement(state: &ApiState, id: &str) -> Result<views::AchievementView, ApiError> {
    ACHIEVEMENTS.show(state, id)
}

/// Publishes (or updates) an achievement from its JSON fields, filling
/// left-out fields from the profile.
pub async fn publish_achievement(
    state: &ApiState,
    id: &str,
    fields: Map<String, Value>,
    mode: PublishMode,
) -> Result<views::PublishedView<views::Achievement>, ApiError> {
    let achievement = achievement_with_defaults(state, fields)?.into_protocol();
    ACHIEVEMENTS.publish(state, id, &achievement, mode).await
}

/// Withdraws one of this institution's achievements.
pub async fn withdraw_achievement(
    state: &ApiState,
    id: &str,
) -> Result<views::PublishedView<views::Achievement>, ApiError> {
    ACHIEVEMENTS.withdraw(state, id).await
}

/// Fills the awarding body's country and languages from the profile.
fn achievement_with_defaults(state: &ApiState, mut fields: Map<String, Value>) -> Result<views::Achievement, ApiError> {
    if let Some(profile) = state.publisher.profile()? {
        fields.entry("country").or_insert_with(|| json!(profile.country));
        if !fields.contains_key("languages") && !profile.languages.is_empty() {
            fields.insert("languages".into(), json!(profile.languages));
        }
    } else if !fields.contains_key("country") {
        return Err(ApiError::invalid(
            "body.country",
            "is required: this institution has no profile to take it from (set one with `vetnet profile set`)",
        ));
    }
    parse_json(Value::Object(fields))
}

async fn list(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    ok(&list_achievements(&state, params.all)?)
}

async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&get_achievement(&state, &id)?)
}

async fn create(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, None)?;
    let view = publish_achievement(&state, &id, fields, PublishMode::Create).await?;
    Ok(answer(publish_status(PublishMode::Create), &view))
}

async fn update(State(state): State<ApiState>, Path(id): Path<String>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, Some(id))?;
    let view = publish_achievement(&state, &id, fields, PublishMode::Update).await?;
    Ok(answer(publish_status(PublishMode::Update), &view))
}

async fn withdraw(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&withdraw_achievement(&state, &id).await?)
}
