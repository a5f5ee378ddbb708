//! Networks: the own network profile, networks and their members, and the
//! applications to join them.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::Value;
use vetnet_protocol::InstitutionId;
use vetnet_protocol::letter::Decision;
use vetnet_protocol::network::{Coordinator, Joining, NetworkProfileBody};
use vetnet_views as views;

use super::{ApiError, ApiResult, ApiState, answer, ok, parse_json};
use crate::networks::NetworksError;
use crate::search::NetworkQuery;

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/network-profile", put(publish_profile))
        .route("/v1/networks", get(search))
        .route("/v1/networks/{did}", get(show))
        .route("/v1/networks/{did}/members", get(members))
        .route("/v1/networks/{did}/applications", post(apply))
        .route("/v1/networks/{did}/leave", post(leave))
        .route("/v1/institutions/{did}/memberships", get(memberships))
        .route("/v1/applications", get(applications))
        .route("/v1/applications/{id}/accept", post(accept))
        .route("/v1/applications/{id}/refuse", post(refuse))
        .route("/v1/members/{did}/end", post(end))
        .route("/v1/events/{author}/{id}/registrations", post(register))
        .route("/v1/registrations", get(registrations))
}

impl From<NetworksError> for ApiError {
    fn from(e: NetworksError) -> Self {
        match e {
            NetworksError::Refused(rule) => ApiError::invalid(rule.field, rule.rule),
            NetworksError::Record(vetnet_protocol::RecordError::Rule(rule)) => ApiError::invalid(rule.field, rule.rule),
            NetworksError::UnknownApplication(_) => ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string()),
            NetworksError::Full => ApiError::new(StatusCode::INSUFFICIENT_STORAGE, "full", e.to_string()),
            NetworksError::Publish(e) => e.into(),
            NetworksError::Store(e) => e.into(),
            other => {
                tracing::error!(error = %other, "networks error in the admin API");
                ApiError::internal(other)
            }
        }
    }
}

fn did(field: &str, value: &str) -> Result<InstitutionId, ApiError> {
    value
        .parse()
        .map_err(|_| ApiError::invalid(field, format!("must be an institution's did:key:z6Mk… (got {value:?})")))
}

/// `me` is this institution.
fn institution_or_me(state: &ApiState, value: &str) -> Result<InstitutionId, ApiError> {
    if value == "me" { Ok(state.publisher.institution()) } else { did("did", value) }
}

/// Publishes (or replaces) this network's network profile.
#[utoipa::path(
    put,
    path = "/v1/network-profile",
    tag = "networks",
    operation_id = "publish_network_profile",
    description = "Only an institution of kind `network` has a network profile: where it works (countries and NUTS regions), its coordinator, topics, working languages, and how to join (`open`: every application is accepted; `application`: the coordinator decides).",
    request_body = views::NetworkProfileInput,
    responses(
        (status = 200, description = "The network as published.", body = views::NetworkView),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn publish_profile(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let input: views::NetworkProfileInput = parse_json(body)?;
    let joining: Joining = input
        .joining
        .parse()
        .map_err(|_| ApiError::invalid("joining", format!("must be open or application (got {:?})", input.joining)))?;
    let body = NetworkProfileBody {
        countries: input.countries,
        regions: input.regions,
        coordinator: Coordinator { name: input.coordinator_name, email: input.coordinator_email },
        topics: input.topics,
        languages: input.languages,
        joining,
    };
    state.networks.publish_profile(&body).await?;
    ok(&state.networks.network(state.publisher.institution())?)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct NetworkParams {
    /// A NUTS region: networks working in it or in an area that holds it.
    region: Option<String>,
    /// An ISO 3166-1 country code.
    country: Option<String>,
    /// Words that start words of a topic.
    topic: Option<String>,
    limit: Option<usize>,
}

/// Searches networks by region, country and topic.
#[utoipa::path(
    get,
    path = "/v1/networks",
    tag = "networks",
    operation_id = "search_networks",
    params(NetworkParams),
    responses(
        (status = 200, description = "Networks, newest profile first.", body = Vec<views::NetworkView>),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn search(State(state): State<ApiState>, Query(params): Query<NetworkParams>) -> ApiResult {
    let query = NetworkQuery {
        region: params.region.map(|r| r.to_uppercase()),
        countries: params.country.map(|c| c.to_uppercase()).into_iter().collect(),
        topic: params.topic,
        limit: params.limit,
    };
    ok(&state.networks.search(&query)?)
}

/// One network (`me`: this institution).
#[utoipa::path(
    get,
    path = "/v1/networks/{did}",
    tag = "networks",
    operation_id = "show_network",
    params(("did" = String, Path, description = "The network's did:key, or `me`.")),
    responses(
        (status = 200, description = "The network.", body = views::NetworkView),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No network profile of it is held here.", body = views::ErrorBody),
    )
)]
async fn show(State(state): State<ApiState>, Path(network): Path<String>) -> ApiResult {
    let id = institution_or_me(&state, &network)?;
    match state.networks.network(id)? {
        Some(view) => ok(&view),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{} is not a network this node knows: it holds no network profile of it", id.to_did()),
        )),
    }
}

/// A network's members (`me`: this network).
#[utoipa::path(
    get,
    path = "/v1/networks/{did}/members",
    tag = "networks",
    operation_id = "network_members",
    params(("did" = String, Path, description = "The network's did:key, or `me`.")),
    responses(
        (status = 200, description = "The members, from the network's live member endorsements.", body = Vec<views::MemberView>),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn members(State(state): State<ApiState>, Path(network): Path<String>) -> ApiResult {
    ok(&state.networks.members(institution_or_me(&state, &network)?)?)
}

/// The networks an institution belongs to (`me`: this one).
#[utoipa::path(
    get,
    path = "/v1/institutions/{did}/memberships",
    tag = "networks",
    operation_id = "memberships",
    params(("did" = String, Path, description = "The institution's did:key, or `me`.")),
    responses(
        (status = 200, description = "The networks whose live member endorsement names it.", body = Vec<views::NetworkView>),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn memberships(State(state): State<ApiState>, Path(institution): Path<String>) -> ApiResult {
    ok(&state.networks.memberships(institution_or_me(&state, &institution)?)?)
}

/// Applies to join a network.
#[utoipa::path(
    post,
    path = "/v1/networks/{did}/applications",
    tag = "networks",
    operation_id = "apply_to_network",
    description = "Sends a `network-application` letter with the motivation to the network's node, directly (never onto the network); while that node is unreachable the letter waits and is sent again.",
    params(("did" = String, Path, description = "The network's did:key.")),
    request_body = views::ApplyInput,
    responses(
        (status = 201, description = "The application, as sent.", body = views::ApplicationView),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn apply(State(state): State<ApiState>, Path(network): Path<String>, Json(body): Json<Value>) -> ApiResult {
    let input: views::ApplyInput = parse_json(body)?;
    let network = did("did", &network)?;
    let id = state.networks.apply(network, &input.motivation).await?;
    let view = state.networks.applications()?.into_iter().find(|a| a.id == id);
    Ok(answer(StatusCode::CREATED, &view))
}

/// The applications this node sent and received.
#[utoipa::path(
    get,
    path = "/v1/applications",
    tag = "networks",
    operation_id = "list_applications",
    responses(
        (status = 200, description = "Applications, newest first: `sent` by this institution, `received` by it as a network.", body = Vec<views::ApplicationView>),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn applications(State(state): State<ApiState>) -> ApiResult {
    ok(&state.networks.applications()?)
}

/// The application `id`, or the newest pending one from the did:key `id`.
fn application_id(state: &ApiState, id: &str) -> Result<String, ApiError> {
    if id.starts_with("did:") {
        let applicant = did("id", id)?;
        return state.networks.pending_application_from(applicant)?.ok_or_else(|| {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("no application from {id} waits for an answer"))
        });
    }
    Ok(id.to_owned())
}

async fn decide(state: &ApiState, id: &str, decision: Decision, reason: Option<String>) -> ApiResult {
    let id = application_id(state, id)?;
    state.networks.answer(&id, decision, reason).await?;
    let view = state.networks.applications()?.into_iter().find(|a| a.id == id && a.direction == "received");
    ok(&view)
}

/// Accepts an application: publishes the member endorsement and answers.
#[utoipa::path(
    post,
    path = "/v1/applications/{id}/accept",
    tag = "networks",
    operation_id = "accept_application",
    params(("id" = String, Path, description = "The application's id (`l-…`), or the applicant's did:key.")),
    responses(
        (status = 200, description = "The application, accepted.", body = views::ApplicationView),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No such application.", body = views::ErrorBody),
    )
)]
async fn accept(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    decide(&state, &id, Decision::Accepted, None).await
}

/// Refuses an application, saying why.
#[utoipa::path(
    post,
    path = "/v1/applications/{id}/refuse",
    tag = "networks",
    operation_id = "refuse_application",
    params(("id" = String, Path, description = "The application's id (`l-…`), or the applicant's did:key.")),
    request_body = views::ReasonInput,
    responses(
        (status = 200, description = "The application, refused.", body = views::ApplicationView),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No such application.", body = views::ErrorBody),
    )
)]
async fn refuse(State(state): State<ApiState>, Path(id): Path<String>, Json(body): Json<Value>) -> ApiResult {
    let input: views::ReasonInput = parse_json(body)?;
    decide(&state, &id, Decision::Refused, input.reason).await
}

/// Leaves a network.
#[utoipa::path(
    post,
    path = "/v1/networks/{did}/leave",
    tag = "networks",
    operation_id = "leave_network",
    params(("did" = String, Path, description = "The network's did:key.")),
    request_body = views::ReasonInput,
    responses(
        (status = 200, description = "The letter that tells the network; its node withdraws the member endorsement.", body = views::MembershipEndedView),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn leave(State(state): State<ApiState>, Path(network): Path<String>, Json(body): Json<Value>) -> ApiResult {
    let input: views::ReasonInput = parse_json(body)?;
    let network = did("did", &network)?;
    let letter = state.networks.leave(network, input.reason).await?;
    let me = state.publisher.institution().to_did();
    ok(&views::MembershipEndedView { network: network.to_did(), member: me, letter })
}

/// Ends a member's membership of this network.
#[utoipa::path(
    post,
    path = "/v1/members/{did}/end",
    tag = "networks",
    operation_id = "end_membership",
    params(("did" = String, Path, description = "The member's did:key.")),
    request_body = views::ReasonInput,
    responses(
        (status = 200, description = "The endorsement is withdrawn; the letter tells the member.", body = views::MembershipEndedView),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn end(State(state): State<ApiState>, Path(member): Path<String>, Json(body): Json<Value>) -> ApiResult {
    let input: views::ReasonInput = parse_json(body)?;
    let member = did("did", &member)?;
    let letter = state.networks.end(member, input.reason).await?;
    let me = state.publisher.institution().to_did();
    ok(&views::MembershipEndedView { network: me, member: member.to_did(), letter })
}

/// Registers a person for another institution's event.
#[utoipa::path(
    post,
    path = "/v1/events/{author}/{id}/registrations",
    tag = "networks",
    operation_id = "register_for_event",
    description = "Sends an `event-registration` letter with the attendee's name and email to the organiser's node, directly (never onto the network); its node keeps the attendee list and publishes the count as the event's `registered`.",
    params(
        ("author" = String, Path, description = "The organiser's did:key."),
        ("id" = String, Path, description = "The event's record id."),
    ),
    request_body = views::RegisterInput,
    responses(
        (status = 201, description = "The registration, as sent.", body = views::RegistrationView),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn register(
    State(state): State<ApiState>,
    Path((author, id)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult {
    let input: views::RegisterInput = parse_json(body)?;
    let organiser = did("author", &author)?;
    let letter = state.networks.register(organiser, &id, &input.name, &input.email).await?;
    let view = state.networks.registrations()?.into_iter().find(|r| r.id == letter);
    Ok(answer(StatusCode::CREATED, &view))
}

/// Registrations this node sent, and those its own events received.
#[utoipa::path(
    get,
    path = "/v1/registrations",
    tag = "networks",
    operation_id = "list_registrations",
    responses(
        (status = 200, description = "Registrations, newest first: `sent` by this node, `received` for its own events (the attendee list).", body = Vec<views::RegistrationView>),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn registrations(State(state): State<ApiState>) -> ApiResult {
    ok(&state.networks.registrations()?)
}
