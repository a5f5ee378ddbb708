//! The toolbox: the institution's own resources (`/v1/resources`) and the
//! network's (`/v1/search/resources`).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use serde_json::{Map, Value};
use vetnet_protocol::RecordKind;
use vetnet_protocol::resource::ResourceCategory;
use vetnet_views as views;

use crate::api::convert::IntoProtocol;
use crate::api::own::{OwnRecords, publish_status, split_body};
use crate::api::params::*;
use crate::api::{ApiError, ApiResult, ApiState, ViewBuilder, answer, ok, parse_json};
use crate::publish::PublishMode;
use crate::search::{self, ResourceQuery};

const RESOURCES: OwnRecords = OwnRecords { kind: RecordKind::Resource, noun: "resource" };

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/resources", get(list).post(create))
        .route("/v1/resources/{id}", get(show).put(update).delete(withdraw))
        .route("/v1/search/resources", get(search_route))
}

/// This institution's resources; withdrawn ones too with `all`.
pub fn list_resources(state: &ApiState, all: bool) -> Result<Vec<views::ResourceView>, ApiError> {
    RESOURCES.list(state, all)
}

/// Publishes (or updates) a resource from its JSON fields.
pub async fn publish_resource(
    state: &ApiState,
    id: &str,
    fields: Map<String, Value>,
    mode: PublishMode,
) -> Result<views::PublishedView<views::Resource>, ApiError> {
    let resource = parse_json::<views::Resource>(Value::Object(fields))?.into_protocol();
    RESOURCES.publish(state, id, &resource, mode).await
}

/// The network's resources that pass `query`.
pub async fn search_resources(state: &ApiState, query: ResourceQuery) -> Result<Vec<views::ResourceView>, ApiError> {
    let store = state.store.clone();
    let results = tokio::task::spawn_blocking(move || search::search_resources(&store, &query))
        .await
        .map_err(ApiError::internal)??;
    Ok(ViewBuilder::new(&state.store, state.today()).records(&results))
}

/// The resource query of `/v1/search/resources`' parameters.
pub fn resource_query(state: &ApiState, params: &[(String, String)]) -> Result<ResourceQuery, ApiError> {
    let mut query = ResourceQuery::default();
    for (name, value) in params {
        match name.as_str() {
            "category" => {
                query.category = Some(value.parse::<ResourceCategory>().map_err(|e| ApiError::invalid("category", e))?);
            }
            "lang" => query.lang = Some(lang_param(value)?),
            "text" => query.text = Some(value.clone()),
            "author" => query.author = Some(author_param(value)?),
            "limit" => query.limit = Some(limit_param(value)?),
            "trusted" => query.authors_in = trusted_param(state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a filter of resource search (category, lang, text, author, trusted, limit)",
                ));
            }
        }
    }
    Ok(query)
}

/// This institution's resources.
#[utoipa::path(
    get,
    path = "/v1/resources",
    tag = "regional",
    operation_id = "list_resources",
    params(("all" = Option<bool>, Query, description = "`true`: withdrawn resources too (their body is erased). Default `false`.")),
    responses(
        (status = 200, description = "This institution's resources, live ones only unless `all`.", body = [views::RecordView<views::Resource>]),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 500, response = crate::api::openapi::Internal),
    )
)]
pub(crate) async fn list(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    ok(&list_resources(&state, params.all)?)
}

/// One resource.
#[utoipa::path(
    get,
    path = "/v1/resources/{id}",
    tag = "regional",
    operation_id = "get_resource",
    params(("id" = String, Path, description = "The resource's record id.")),
    responses(
        (status = 200, description = "The resource, withdrawn or not.", body = views::RecordView<views::Resource>),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 404, description = "This institution publishes no resource with that id (`not_found`).", body = views::ErrorBody),
    )
)]
pub(crate) async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&RESOURCES.show::<views::Resource>(&state, &id)?)
}

/// Publishes a new resource.
#[utoipa::path(
    post,
    path = "/v1/resources",
    tag = "regional",
    operation_id = "publish_resource",
    description = "Signs and publishes a resource of the toolbox: a link (`url`, https) to a document and its SHA-256 (`sha256`, 64 lower-case hex digits), with `title`, `lang` (BCP 47), `category` (manual, template, country-information, good-practice) and an optional `summary`. No file travels.",
    request_body = views::ResourceInput,
    responses(
        (status = 201, description = "The resource as published.", body = views::PublishedView<views::Resource>),
        (status = 400, response = crate::api::openapi::InvalidBody),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 409, description = "A resource with this id exists already (`exists`), or this institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
pub(crate) async fn create(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, None)?;
    let view = publish_resource(&state, &id, fields, PublishMode::Create).await?;
    Ok(answer(publish_status(PublishMode::Create), &view))
}

/// Updates a resource.
#[utoipa::path(
    put,
    path = "/v1/resources/{id}",
    tag = "regional",
    operation_id = "update_resource",
    description = "Publishes a new version of a resource from a whole new body; the id is the path's.",
    params(("id" = String, Path, description = "The resource's record id.")),
    request_body = crate::api::openapi::ResourceUpdate,
    responses(
        (status = 200, description = "The resource as published.", body = views::PublishedView<views::Resource>),
        (status = 400, response = crate::api::openapi::InvalidBody),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 404, description = "No resource with that id, or it is withdrawn (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
pub(crate) async fn update(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult {
    let (id, fields) = split_body(&body, Some(id))?;
    let view = publish_resource(&state, &id, fields, PublishMode::Update).await?;
    Ok(answer(publish_status(PublishMode::Update), &view))
}

/// Withdraws a resource.
#[utoipa::path(
    delete,
    path = "/v1/resources/{id}",
    tag = "regional",
    operation_id = "withdraw_resource",
    params(("id" = String, Path, description = "The resource's record id.")),
    responses(
        (status = 200, description = "The withdrawal as published.", body = views::PublishedView<views::Resource>),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 404, description = "No resource with that id, or it is withdrawn already (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
pub(crate) async fn withdraw(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&RESOURCES.withdraw::<views::Resource>(&state, &id).await?)
}

/// Searches the network's resources.
#[utoipa::path(
    get,
    path = "/v1/search/resources",
    tag = "search",
    operation_id = "search_resources",
    description = "Searches the toolbox's resources. Every filter is checked; an unknown parameter is refused (400) with its name as `field`.",
    params(
        ("category" = Option<views::ResourceCategory>, Query, description = "The kind of document."),
        ("lang" = Option<String>, Query, description = "A registered BCP 47 language tag (`sv`, `en`): the document's language."),
        ("text" = Option<String>, Query, description = "Words to find in the title and summary."),
        ("author" = Option<String>, Query, description = "Only records of this institution, `did:key:z6Mk…`."),
        ("trusted" = Option<bool>, Query, description = "`true`: only institutions this node trusts. `true` or `false`."),
        ("limit" = Option<usize>, Query, description = "At most this many results, a whole number."),
    ),
    responses(
        (status = 200, description = "The records that pass every filter, each with its author's trust.", body = [views::RecordView<views::Resource>]),
        (status = 400, response = crate::api::openapi::InvalidParameter),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 500, response = crate::api::openapi::Internal),
    )
)]
pub(crate) async fn search_route(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let query = resource_query(&state, &params)?;
    ok(&search_resources(&state, query).await?)
}
