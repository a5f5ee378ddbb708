//! `POST /v1/stats/publish`: the institution's issuance statistics for one
//! quarter, counted from the credentials it issued (kept in its private
//! tree), published as an `issuance-stats` record. Counts under 5 are left
//! out of the record and named in the answer as suppressed.

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use vetnet_protocol::RecordKind;
use vetnet_protocol::issuance_stats::{AchievementCount, IssuanceStatsBody, Quarter};
use vetnet_protocol::limits::MIN_REPORTED_COUNT;
use vetnet_views as views;

use crate::api::{ApiError, ApiResult, ApiState, ViewBuilder, ok, parse_json, parse_object};
use crate::publish::PublishMode;

pub fn routes() -> Router<ApiState> {
    Router::new().route("/v1/stats/publish", post(publish))
}

/// The quarter asked for, or the last whole quarter before today.
fn quarter_of(state: &ApiState, input: &views::StatsPublishInput) -> Result<Quarter, ApiError> {
    let today = state.publisher.clock().now_utc().date_naive();
    let quarter = match &input.quarter {
        None => Quarter::of(today).previous(),
        Some(text) => Quarter::parse(text).ok_or_else(|| {
            ApiError::invalid(
                "body.quarter",
                format!("must be a calendar quarter written YYYY-Qn, like 2027-Q1 (got {text:?})"),
            )
        })?,
    };
    if quarter.first_day() > today {
        return Err(ApiError::invalid("body.quarter", format!("must have begun by today {today} (got {quarter})")));
    }
    Ok(quarter)
}

/// Counts, suppresses and publishes the statistics of one quarter.
pub async fn publish_stats(
    state: &ApiState,
    input: views::StatsPublishInput,
) -> Result<views::StatsPublishedView, ApiError> {
    let quarter = quarter_of(state, &input)?;
    let counts = state.issuer.quarter_counts(quarter).map_err(ApiError::from)?;
    let (reported, suppressed): (Vec<_>, Vec<_>) = counts.into_iter().partition(|(_, n)| *n >= MIN_REPORTED_COUNT);
    let body = IssuanceStatsBody {
        quarter: quarter.to_string(),
        counts: reported.into_iter().map(|(achievement, count)| AchievementCount { achievement, count }).collect(),
    };
    let published =
        state.publisher.publish(RecordKind::IssuanceStats, &body.quarter, &body, PublishMode::Upsert).await?;
    Ok(views::StatsPublishedView {
        published: ViewBuilder::new(&state.store, state.today()).published(&published),
        suppressed: suppressed.into_iter().map(|(achievement, _)| achievement).collect(),
    })
}

/// Publishes the issuance statistics of a quarter.
#[utoipa::path(
    post,
    path = "/v1/stats/publish",
    tag = "regional",
    operation_id = "publish_stats",
    description = "Counts the credentials this institution issued for each of its own achievements in `quarter` (by the award day; default the last whole quarter), and publishes them as the `issuance-stats` record with the quarter as its id (a new version if one exists). No personal data: counts only, and every count under 5 is left out (`suppressed` names those achievements, for the admin only).",
    request_body = views::StatsPublishInput,
    responses(
        (status = 200, description = "The record as published, and the suppressed achievements.", body = views::StatsPublishedView),
        (status = 400, response = crate::api::openapi::InvalidBody),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
pub(crate) async fn publish(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let input: views::StatsPublishInput =
        if body.is_empty() { Default::default() } else { parse_json(serde_json::Value::Object(parse_object(&body)?))? };
    ok(&publish_stats(&state, input).await?)
}
