//! The institution's own profile: `/v1/profile`.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use serde_json::{Map, Value, json};
use vetnet_protocol::RecordKind;
use vetnet_views as views;

use super::convert::IntoProtocol;
use super::{ApiError, ApiResult, ApiState, ViewBuilder, ok, parse_json, parse_object};

pub fn routes() -> Router<ApiState> {
    Router::new().route("/v1/profile", get(show).put(set))
}

/// This institution's profile record.
pub fn get_profile(state: &ApiState) -> Result<views::ProfileView, ApiError> {
    match state.publisher.own(&RecordKind::Profile, vetnet_protocol::profile::PROFILE_ID)? {
        Some(record) => Ok(ViewBuilder::new(&state.store, state.today()).record(&record)),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no_profile",
            "this institution has no profile yet; set one with `vetnet profile set --name NAME --country CC --kind KIND`",
        )),
    }
}

/// Publishes the profile from its JSON fields, with this node's address
/// first in `nodes`.
pub async fn set_profile(
    state: &ApiState,
    mut fields: Map<String, Value>,
) -> Result<views::PublishedView<views::Profile>, ApiError> {
    let node = crate::info::node_address(&state.info);
    let mut nodes: Vec<Value> = match fields.remove("nodes") {
        Some(Value::Array(nodes)) => nodes,
        _ => Vec::new(),
    };
    nodes.retain(|n| n.get("peer_id").and_then(Value::as_str) != Some(node.peer_id.as_str()));
    nodes.insert(0, json!({ "peer_id": node.peer_id, "addrs": node.addrs }));
    fields.insert("nodes".into(), Value::Array(nodes));
    let profile: views::Profile = parse_json(Value::Object(fields))?;
    let published = state.publisher.publish_profile(&profile.into_protocol()).await?;
    Ok(ViewBuilder::new(&state.store, state.today()).published(&published))
}

/// This institution's profile.
#[utoipa::path(
    get,
    path = "/v1/profile",
    tag = "profile",
    operation_id = "get_profile",
    responses(
        (status = 200, description = "The profile record.", body = views::RecordView<views::Profile>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This institution has no profile yet (`no_profile`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn show(State(state): State<ApiState>) -> ApiResult {
    ok(&get_profile(&state)?)
}

/// Publishes the profile.
#[utoipa::path(
    put,
    path = "/v1/profile",
    tag = "profile",
    operation_id = "set_profile",
    description = "Publishes this institution's profile, replacing the one before. This node's own address \
        (peer id and listen addresses) is put first in `nodes` whatever the body says. Every field is checked \
        as the protocol says: `country` an ISO 3166-1 alpha-2 code, `isced` ISCED-F codes, `nace` NACE codes, \
        `languages` BCP 47 tags, `name` in at least one language.",
    request_body = views::ProfileInput,
    responses(
        (status = 200, description = "The profile as published.", body = views::PublishedView<views::Profile>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn set(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let fields = parse_object(&body)?;
    ok(&set_profile(&state, fields).await?)
}
