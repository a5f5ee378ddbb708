//! Skills needs: the institution's own (`/v1/skills-needs`) and the
//! network's (`/v1/search/skills-needs`).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use serde_json::{Map, Value};
use vetnet_protocol::RecordKind;
use vetnet_views as views;

use crate::api::convert::IntoProtocol;
use crate::api::own::{OwnRecords, publish_status, split_body};
use crate::api::params::*;
use crate::api::{ApiError, ApiResult, ApiState, ViewBuilder, answer, ok, parse_json};
use crate::publish::PublishMode;
use crate::search::{self, SkillsNeedQuery};

const SKILLS_NEEDS: OwnRecords = OwnRecords { kind: RecordKind::SkillsNeed, noun: "skills need" };

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/skills-needs", get(list).post(create))
        .route("/v1/skills-needs/{id}", get(show).put(update).delete(withdraw))
        .route("/v1/search/skills-needs", get(search_route))
}

/// This institution's skills needs; withdrawn ones too with `all`.
pub fn list_skills_needs(state: &ApiState, all: bool) -> Result<Vec<views::SkillsNeedView>, ApiError> {
    SKILLS_NEEDS.list(state, all)
}

/// One of this institution's skills needs.
pub fn get_skills_need(state: &ApiState, id: &str) -> Result<views::SkillsNeedView, ApiError> {
    SKILLS_NEEDS.show(state, id)
}

/// Publishes (or updates) a skills need from its JSON fields.
pub async fn publish_skills_need(
    state: &ApiState,
    id: &str,
    fields: Map<String, Value>,
    mode: PublishMode,
) -> Result<views::PublishedView<views::SkillsNeed>, ApiError> {
    let need = parse_json::<views::SkillsNeed>(Value::Object(fields))?.into_protocol();
    SKILLS_NEEDS.publish(state, id, &need, mode).await
}

/// Withdraws one of this institution's skills needs.
pub async fn withdraw_skills_need(
    state: &ApiState,
    id: &str,
) -> Result<views::PublishedView<views::SkillsNeed>, ApiError> {
    SKILLS_NEEDS.withdraw(state, id).await
}

/// The network's skills needs that pass `query`.
pub async fn search_skills_needs(
    state: &ApiState,
    query: SkillsNeedQuery,
) -> Result<Vec<views::SkillsNeedView>, ApiError> {
    let store = state.store.clone();
    let results = tokio::task::spawn_blocking(move || search::search_skills_needs(&store, &query))
        .await
        .map_err(ApiError::internal)??;
    Ok(ViewBuilder::new(&state.store, state.today()).records(&results))
}

/// A NUTS 2024 code of the bundled list, at any level, as a parameter.
pub fn nuts_param(name: &str, value: &str) -> Result<String, ApiError> {
    let code = value.trim().to_ascii_uppercase();
    if vetnet_protocol::nuts::is_nuts(&code) {
        Ok(code)
    } else {
        Err(ApiError::invalid(
            name,
            format!(
                "must be a NUTS 2024 code of the Baltic Sea countries, like SE, SE3, SE33 or SE332 (got {value:?}, which is not in the list)"
            ),
        ))
    }
}

/// The skills-need query of `/v1/search/skills-needs`' parameters.
pub fn skills_need_query(state: &ApiState, params: &[(String, String)]) -> Result<SkillsNeedQuery, ApiError> {
    let mut query = SkillsNeedQuery::default();
    for (name, value) in params {
        match name.as_str() {
            "region" => query.region = Some(nuts_param("region", value)?),
            "isco" => {
                if !vetnet_protocol::codes::is_isco(value) {
                    return Err(ApiError::invalid(
                        "isco",
                        format!("must be an ISCO-08 code of 1 to 4 digits, like 72 or 7212 (got {value:?})"),
                    ));
                }
                query.isco = Some(value.clone());
            }
            "occupation" => {
                if !vetnet_protocol::codes::is_esco_occupation(value) {
                    return Err(ApiError::invalid(
                        "occupation",
                        format!(
                            "must be an ESCO occupation URI http://data.europa.eu/esco/occupation/<uuid> (got {value:?})"
                        ),
                    ));
                }
                query.occupation = Some(value.clone());
            }
            "isced" | "sector" => {
                if !vetnet_protocol::codes::is_isced_f(value) {
                    return Err(ApiError::invalid(
                        name.as_str(),
                        format!("{value:?} is not an ISCED-F field code at any level (like 07, 071 or 0715)"),
                    ));
                }
                query.sector = Some(value.clone());
            }
            "skill" => {
                if !vetnet_protocol::codes::is_esco_skill(value) {
                    return Err(ApiError::invalid(
                        "skill",
                        format!("must be an ESCO skill URI http://data.europa.eu/esco/skill/<uuid> (got {value:?})"),
                    ));
                }
                query.skill = Some(value.clone());
            }
            "text" => query.text = Some(value.clone()),
            "author" => query.author = Some(author_param(value)?),
            "limit" => query.limit = Some(limit_param(value)?),
            "trusted" => query.authors_in = trusted_param(state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a filter of skills-need search (region, isco, occupation, isced, skill, text, author, trusted, limit)",
                ));
            }
        }
    }
    Ok(query)
}

/// This institution's skills needs.
#[utoipa::path(
    get,
    path = "/v1/skills-needs",
    tag = "regional",
    operation_id = "list_skills_needs",
    params(("all" = Option<bool>, Query, description = "`true`: withdrawn skills needs too (their body is erased). Default `false`.")),
    responses(
        (status = 200, description = "This institution's skills needs, live ones only unless `all`.", body = [views::RecordView<views::SkillsNeed>]),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 500, response = crate::api::openapi::Internal),
    )
)]
pub(crate) async fn list(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    ok(&list_skills_needs(&state, params.all)?)
}

/// One skills need.
#[utoipa::path(
    get,
    path = "/v1/skills-needs/{id}",
    tag = "regional",
    operation_id = "get_skills_need",
    params(("id" = String, Path, description = "The skills need's record id.")),
    responses(
        (status = 200, description = "The skills need, withdrawn or not.", body = views::RecordView<views::SkillsNeed>),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 404, description = "This institution publishes no skills need with that id (`not_found`).", body = views::ErrorBody),
    )
)]
pub(crate) async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&get_skills_need(&state, &id)?)
}

/// Publishes a new skills need.
#[utoipa::path(
    post,
    path = "/v1/skills-needs",
    tag = "regional",
    operation_id = "publish_skills_need",
    description = "Signs and publishes a new skills need, and gossips it (or queues it for the first peer). `region` is a NUTS 2024 code at level 2 or 3 of the bundled list (SE33, SE332); at least one of `occupation` (ESCO occupation URI), `isco` (ISCO-08, 1-4 digits) and `isced` (ISCED-F); `skills` ESCO skill URIs with optional labels; exactly one of `people` (1 or more) and `level` (shortage, balance, surplus); `horizon` 1-20 years; `source` text; `link` an https address; `valid_until` a day `YYYY-MM-DD`.",
    request_body = views::SkillsNeedInput,
    responses(
        (status = 201, description = "The skills need as published.", body = views::PublishedView<views::SkillsNeed>),
        (status = 400, response = crate::api::openapi::InvalidBody),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 409, description = "A skills need with this id exists already (`exists`), or this institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
pub(crate) async fn create(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, None)?;
    let view = publish_skills_need(&state, &id, fields, PublishMode::Create).await?;
    Ok(answer(publish_status(PublishMode::Create), &view))
}

/// Updates a skills need.
#[utoipa::path(
    put,
    path = "/v1/skills-needs/{id}",
    tag = "regional",
    operation_id = "update_skills_need",
    description = "Publishes a new version of a skills need (its `seq` grows) from a whole new body; the id is the path's, an `id` in the body is ignored. The same rules as publishing apply.",
    params(("id" = String, Path, description = "The skills need's record id.")),
    request_body = crate::api::openapi::SkillsNeedUpdate,
    responses(
        (status = 200, description = "The skills need as published.", body = views::PublishedView<views::SkillsNeed>),
        (status = 400, response = crate::api::openapi::InvalidBody),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 404, description = "No skills need with that id, or it is withdrawn (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
pub(crate) async fn update(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult {
    let (id, fields) = split_body(&body, Some(id))?;
    let view = publish_skills_need(&state, &id, fields, PublishMode::Update).await?;
    Ok(answer(publish_status(PublishMode::Update), &view))
}

/// Withdraws a skills need.
#[utoipa::path(
    delete,
    path = "/v1/skills-needs/{id}",
    tag = "regional",
    operation_id = "withdraw_skills_need",
    description = "Publishes the withdrawal of a skills need: a new version without a body, which every node keeps in place of the need.",
    params(("id" = String, Path, description = "The skills need's record id.")),
    responses(
        (status = 200, description = "The withdrawal as published.", body = views::PublishedView<views::SkillsNeed>),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 404, description = "No skills need with that id, or it is withdrawn already (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
pub(crate) async fn withdraw(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&withdraw_skills_need(&state, &id).await?)
}

/// Searches the network's skills needs.
#[utoipa::path(
    get,
    path = "/v1/search/skills-needs",
    tag = "search",
    operation_id = "search_skills_needs",
    description = "Searches the network's skills needs. Every filter is checked; an unknown parameter is refused (400) with its name as `field`.",
    params(
        ("region" = Option<String>, Query, description = "A NUTS 2024 code at any level (`SE33`): needs for it or for a region in it (`SE332`)."),
        ("isco" = Option<String>, Query, description = "An ISCO-08 code of 1 to 4 digits: needs whose code lies in it."),
        ("occupation" = Option<String>, Query, description = "An ESCO occupation URI."),
        ("isced" = Option<String>, Query, description = "An ISCED-F field code at any level (like `07`, `071` or `0715`)."),
        ("skill" = Option<String>, Query, description = "An ESCO skill URI the need asks for."),
        ("text" = Option<String>, Query, description = "Words to find in the title and the skills' labels."),
        ("author" = Option<String>, Query, description = "Only records of this institution, `did:key:z6Mk…`."),
        ("trusted" = Option<bool>, Query, description = "`true`: only institutions this node trusts. `true` or `false`."),
        ("limit" = Option<usize>, Query, description = "At most this many results, a whole number."),
    ),
    responses(
        (status = 200, description = "The records that pass every filter, each with its author's trust.", body = [views::RecordView<views::SkillsNeed>]),
        (status = 400, response = crate::api::openapi::InvalidParameter),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 500, response = crate::api::openapi::Internal),
    )
)]
pub(crate) async fn search_route(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let query = skills_need_query(&state, &params)?;
    ok(&search_skills_needs(&state, query).await?)
}
