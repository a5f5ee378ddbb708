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

/// This institution's achievements.
#[utoipa::path(
    get,
    path = "/v1/achievements",
    tag = "achievements",
    operation_id = "list_achievements",
    params(("all" = Option<bool>, Query, description = "`true`: withdrawn achievements too (their body is erased). Default `false`.")),
    responses(
        (status = 200, description = "This institution's achievements, live ones only unless `all`.", body = [views::RecordView<views::Achievement>]),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn list(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    ok(&list_achievements(&state, params.all)?)
}

/// One achievement.
#[utoipa::path(
    get,
    path = "/v1/achievements/{id}",
    tag = "achievements",
    operation_id = "get_achievement",
    params(("id" = String, Path, description = "The achievement's record id.")),
    responses(
        (status = 200, description = "The achievement, withdrawn or not.", body = views::RecordView<views::Achievement>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This institution publishes no achievement with that id (`not_found`).", body = views::ErrorBody),
    )
)]
async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&get_achievement(&state, &id)?)
}

/// Publishes a new achievement.
#[utoipa::path(
    post,
    path = "/v1/achievements",
    tag = "achievements",
    operation_id = "publish_achievement",
    description = "Signs and publishes a new achievement, and gossips it (or queues it for the first peer). `id` is 1-64 letters, digits, '-', '_' or '.', unique among this institution's achievements. Left out, `country` and `languages` are the profile's; without a profile `country` is required. `outcomes` lists at least one learning outcome, `esco_skills` ESCO skill URIs, `eqf` an EQF level 1-8, `isced` an ISCED-F field code.",
    request_body = views::AchievementInput,
    responses(
        (status = 201, description = "The achievement as published.", body = views::PublishedView<views::Achievement>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "An achievement with this id exists already (`exists`), or this institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn create(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, None)?;
    let view = publish_achievement(&state, &id, fields, PublishMode::Create).await?;
    Ok(answer(publish_status(PublishMode::Create), &view))
}

/// Updates an achievement.
#[utoipa::path(
    put,
    path = "/v1/achievements/{id}",
    tag = "achievements",
    operation_id = "update_achievement",
    description = "Publishes a new version of an achievement (its `seq` grows) from a whole new body; the id is the path's, \
        an `id` in the body is ignored. The same rules and defaults as publishing apply.",
    params(("id" = String, Path, description = "The achievement's record id.")),
    request_body = super::openapi::AchievementUpdate,
    responses(
        (status = 200, description = "The achievement as published.", body = views::PublishedView<views::Achievement>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No achievement with that id, or it is withdrawn (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn update(State(state): State<ApiState>, Path(id): Path<String>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, Some(id))?;
    let view = publish_achievement(&state, &id, fields, PublishMode::Update).await?;
    Ok(answer(publish_status(PublishMode::Update), &view))
}

/// Withdraws an achievement.
#[utoipa::path(
    delete,
    path = "/v1/achievements/{id}",
    tag = "achievements",
    operation_id = "withdraw_achievement",
    description = "Publishes the withdrawal of an achievement: a new version without a body, which every node keeps in place of the achievement.",
    params(("id" = String, Path, description = "The achievement's record id.")),
    responses(
        (status = 200, description = "The withdrawal as published.", body = views::PublishedView<views::Achievement>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No achievement with that id, or it is withdrawn already (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn withdraw(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&withdraw_achievement(&state, &id).await?)
}
