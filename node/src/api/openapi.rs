//! The admin API described as an OpenAPI 3.1 document, generated from the
//! `#[utoipa::path]` annotation of every route and the `ToSchema` views of
//! `vetnet-views`, and served at `GET /v1/openapi.json`.
//!
//! The same document is committed as `docs/openapi.json`; the test
//! `node/tests/openapi.rs` fails when the two differ, and
//! `VETNET_WRITE_OPENAPI=1 cargo test -p vetnet-node --test openapi`
//! rewrites the file.

use axum::Router;
use axum::routing::get;
use serde_json::{Map, Value, json};
use utoipa::OpenApi;
use utoipa::openapi::schema::{AnyOfBuilder, Object, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

use super::regional::{region, resources, skills_needs, stats};
use super::{ApiError, ApiResult, ApiState, ok};
use super::{
    achievements, backup, bootstrap, credentials, events, matching, metrics, mobility, needs, networks, offers,
    profile, search, status, sync, trust,
};

/// The name of the bearer-token security scheme every operation requires
/// (spelled out again in `security(...)`, which takes a literal).
pub const SECURITY_SCHEME: &str = "api_token";

const DESCRIPTION: &str = "The admin API of a vetnet node: HTTP/JSON, served on loopback only \
(at the loopback address `api` in config.toml) for the `vetnet` command line \
and the dashboard of the institution that runs the node. Every call needs the header \
`Authorization: Bearer <token>` with the token in the file `api.token` of the node's data \
directory; anyone who can read that file administers the institution. The one exception is \
`GET /health`, which says whether the node is live and ready and nothing else.\n\n\
Request bodies are JSON objects (`Content-Type: application/json`) unless an operation says \
otherwise; a body that is not JSON at all is refused by the HTTP layer before the API sees it. \
Errors answer with `{\"error\": {\"code\", \"message\", \"field\"?, \"rule\"?, \"rows\"?}}`: \
a 4xx status for the caller's mistakes, where `field` names the field or query parameter that \
is wrong (`body.eqf_min`, `country`) and `rule` the rule it breaks; a 5xx status for the node's.";

/// The whole admin API.
#[derive(OpenApi)]
#[openapi(
    info(title = "vetnet admin API", version = env!("CARGO_PKG_VERSION"), description = DESCRIPTION),
    paths(
        status::status,
        status::peers,
        metrics::metrics,
        bootstrap::list,
        bootstrap::add,
        bootstrap::remove,
        serve_document,
        profile::show,
        profile::set,
        offers::list,
        offers::create,
        offers::show,
        offers::update,
        offers::withdraw,
        needs::list,
        needs::create,
        needs::show,
        needs::update,
        needs::withdraw,
        achievements::list,
        achievements::create,
        achievements::show,
        achievements::update,
        achievements::withdraw,
        search::offers,
        search::needs,
        search::institutions,
        search::achievements,
        events::list,
        events::create,
        events::show,
        events::update,
        events::withdraw,
        events::show_held,
        events::ics,
        events::search::events,
        events::search::events_ics,
        matching::matches,
        trust::list_anchors,
        trust::add_anchor,
        trust::remove_anchor,
        trust::trust_of,
        trust::list_endorsements,
        trust::endorse,
        trust::withdraw_endorsements,
        trust::keys,
        trust::rotate,
        trust::revoke,
        credentials::list,
        credentials::issue,
        credentials::stats,
        credentials::verify,
        credentials::show,
        credentials::export,
        credentials::revoke,
        credentials::list_delegations,
        credentials::received_delegations,
        credentials::delegate,
        credentials::end_delegation,
        mobility::list,
        mobility::interest,
        mobility::show,
        mobility::nominate,
        mobility::accept,
        mobility::refuse,
        mobility::agree,
        mobility::sign,
        mobility::complete,
        mobility::recognise,
        mobility::cancel,
        mobility::erase,
        mobility::export,
        mobility::verify,
        networks::publish_profile,
        networks::search,
        networks::show,
        networks::members,
        networks::memberships,
        networks::apply,
        networks::applications,
        networks::accept,
        networks::refuse,
        networks::leave,
        networks::end,
        networks::register,
        networks::registrations,
        sync::state_of,
        sync::now,
        backup::create,
        skills_needs::list,
        skills_needs::create,
        skills_needs::show,
        skills_needs::update,
        skills_needs::withdraw,
        skills_needs::search_route,
        resources::list,
        resources::create,
        resources::show,
        resources::update,
        resources::withdraw,
        resources::search_route,
        stats::publish,
        region::region,
        region::match_skills_need,
        new_sign_in_link,
        health,
    ),
    components(
        schemas(vetnet_views::ErrorBody),
        responses(
            Unauthorized,
            InvalidBody,
            InvalidParameter,
            Unavailable,
            Internal,
            MethodNotAllowed,
            BodyTimeout,
            BodyTooLarge,
            NotJson
        )
    ),
    modifiers(&BearerToken, &WithdrawnRecords, &LayerErrors),
    security(("api_token" = [])),
    tags(
        (name = "status", description = "The node's state: network, records, gossip, sync, peers, and this document."),
        (name = "profile", description = "The institution's own profile."),
        (name = "offers", description = "The institution's own mobility offers."),
        (name = "needs", description = "The institution's own mobility needs."),
        (name = "achievements", description = "The institution's own learning achievements."),
        (name = "events", description = "The institution's own events (meetings), and any event as iCalendar."),
        (name = "search", description = "Searching the network's records, each hit with its author's trust."),
        (name = "matching", description = "Own offers and needs with the network's records that fit them."),
        (name = "trust", description = "Trust anchors, trust levels, endorsements and the institution key."),
        (name = "credentials", description = "Issuing, listing, exporting, revoking and verifying credentials, and delegations."),
        (name = "mobility", description = "Mobility threads between a sending school and a host, step by step."),
        (name = "networks", description = "Networks of institutions: their profiles, members and applications to join."),
        (name = "sync", description = "Sync sessions with peers."),
        (name = "backup", description = "An encrypted archive of the running node, for `vetnet restore`."),
        (name = "regional", description = "Skills needs, the toolbox's resources, issuance statistics and the regional picture."),
        (name = "dashboard", description = "Signing in to the node's web dashboard."),
    )
)]
pub struct ApiDoc;

/// `POST /v1/dashboard/sign-in-links` (API token): a one-time sign-in link.
///
/// Served by the dashboard beside the API (`crate::dashboard`) and described
/// here, so that the document has every `/v1/` operation while the API does
/// not depend on the dashboard.
#[utoipa::path(
    post,
    path = "/v1/dashboard/sign-in-links",
    tag = "dashboard",
    operation_id = "new_sign_in_link",
    description = "A one-time link that opens a dashboard session in a browser (what `vetnet open` prints). The link works once, within `expires_in_secs`; opening it sets an HttpOnly, SameSite=Strict session cookie named after the admin port (`vetnet_session_<port>`).",
    responses(
        (status = 201, description = "The sign-in link.", body = vetnet_views::SignInLinkView),
        (status = 401, response = Unauthorized),
        (status = 500, response = Internal),
    )
)]
#[allow(dead_code)]
fn new_sign_in_link() {}

/// `GET /health` (no token): live and ready.
///
/// Served by the admin address beside the API (`crate::admin::health`) and
/// described here, like the sign-in links, so the API does not depend on
/// the admin address.
#[utoipa::path(
    get,
    path = "/health",
    tag = "status",
    operation_id = "health",
    security(()),
    description = "Whether the node is live (the process answers) and ready (the record store takes writes and the network's event loop answers within 2 s). Needs no token, and says nothing else: no version, no peer id, no counts. Like every path of the admin address, it answers only to the node's own `Host` names (421 otherwise).",
    responses(
        (status = 200, description = "Live and ready.", body = vetnet_views::HealthView),
        (status = 503, description = "Live, not ready (`ready: false`); the node's log says why.", body = vetnet_views::HealthView),
        (status = 421, description = "The `Host` header names another host than the node's own (a plain-text answer)."),
    )
)]
#[allow(dead_code)]
fn health() {}

/// Adds the bearer-token scheme that `security` names.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.description = Some(
            "The token in the file `api.token` of the node's data directory, created when the node is initialised."
                .to_owned(),
        );
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(SECURITY_SCHEME, SecurityScheme::Http(scheme));
    }
}

/// Lets a record view's body be absent when the record is withdrawn.
///
/// A record view flattens its `Option` body, which the generator writes as
/// an `allOf` of the body's fields and the envelope's, so that a withdrawn
/// record (no body) would not match. This turns the body's part into
/// "the body, or `withdrawn: true`", naming the body's own component.
struct WithdrawnRecords;

impl utoipa::Modify for WithdrawnRecords {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let Some(components) = openapi.components.as_mut() else { return };
        let names: Vec<String> = components.schemas.keys().cloned().collect();
        for (name, schema) in components.schemas.iter_mut() {
            let (Some(body), RefOr::T(Schema::AllOf(all_of))) = (name.strip_prefix("RecordView_"), schema) else {
                continue;
            };
            for item in &mut all_of.items {
                let is_envelope = matches!(item, RefOr::T(Schema::Object(o)) if o.properties.contains_key("hash"));
                if !is_envelope {
                    let fields = if names.iter().any(|n| n == body) {
                        RefOr::Ref(Ref::from_schema_name(body))
                    } else {
                        item.clone()
                    };
                    *item = body_or_withdrawn(fields);
                }
            }
        }
    }
}

/// `fields`, or an object whose `withdrawn` is `true`.
fn body_or_withdrawn(fields: RefOr<Schema>) -> RefOr<Schema> {
    let withdrawn = ObjectBuilder::new()
        .property("withdrawn", ObjectBuilder::new().schema_type(Type::Boolean).enum_values(Some([true])))
        .required("withdrawn")
        .description(Some("A withdrawn record: its body was erased."));
    AnyOfBuilder::new().item(fields).item(withdrawn).into()
}

/// The operations whose route reads its body as bytes or text and parses it
/// itself, so it answers no `415` whatever the `Content-Type`; every other
/// operation with a JSON body is refused `415` without
/// `Content-Type: application/json` (axum's `Json`). `tests/tests/openapi.rs`
/// sends every body operation a body without a `Content-Type` and checks
/// this list against the answers.
pub const RAW_BODY_OPERATIONS: [&str; 16] = [
    "backup",
    "publish_stats",
    "set_profile",
    "publish_event",
    "update_event",
    "publish_resource",
    "update_resource",
    "publish_skills_need",
    "update_skills_need",
    "publish_offer",
    "update_offer",
    "publish_need",
    "update_need",
    "publish_achievement",
    "update_achievement",
    "verify_credential",
];

/// Documents the answers that come from below the routes (see
/// `api::json_errors`) on every operation where they can happen: a `405`
/// on every path (for the methods it does not take), a `408` and a `413` on
/// every operation that takes a body (the admin address's body limits), and
/// a `415` on those that take JSON through axum's extractor.
struct LayerErrors;

impl utoipa::Modify for LayerErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        // Paths outside `/v1/` (`/health`) answer the layers' errors
        // without the JSON body (`json_errors` covers `/v1/` only).
        for item in openapi.paths.paths.iter_mut().filter(|(path, _)| path.starts_with("/v1/")).map(|(_, item)| item) {
            let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
            for operation in operations.into_iter().flatten() {
                let responses = &mut operation.responses.responses;
                let mut add = |status: &str, name: &str| {
                    responses.insert(status.to_owned(), RefOr::Ref(Ref::from_response_name(name)));
                };
                add("405", "MethodNotAllowed");
                if operation.request_body.is_none() {
                    continue;
                }
                add("408", "BodyTimeout");
                add("413", "BodyTooLarge");
                let id = operation.operation_id.as_deref().unwrap_or_default();
                if !RAW_BODY_OPERATIONS.contains(&id) {
                    add("415", "NotJson");
                }
            }
        }
    }
}

/// `405`, with the `Allow` header.
pub struct MethodNotAllowed;

impl<'r> utoipa::ToResponse<'r> for MethodNotAllowed {
    fn response() -> (&'r str, RefOr<Response>) {
        let example = json!({ "error": { "code": "method_not_allowed", "message": "Method Not Allowed" }});
        let content =
            ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).example(Some(example)).build();
        let allow = utoipa::openapi::header::HeaderBuilder::new()
            .schema(ObjectBuilder::new().schema_type(Type::String))
            .description(Some("The methods this path takes, such as `GET,HEAD`."))
            .build();
        let response = ResponseBuilder::new()
            .description(
                "This path does not take the request's method (the path exists: an unknown path is a `404`); \
                 `Allow` names the methods it takes.",
            )
            .header("Allow", allow)
            .content("application/json", content)
            .build();
        ("MethodNotAllowed", response.into())
    }
}

// The `413` description and example name the limit.
const _: () = assert!(super::MAX_REQUEST_BYTES == 262_144);

/// A response whose body is the error body, with one example.
fn error_response(description: &str, example: Value) -> RefOr<Response> {
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).example(Some(example)).build();
    ResponseBuilder::new().description(description).content("application/json", content).build().into()
}

/// Declares a reusable error response (`components/responses/NAME`).
macro_rules! error_responses {
    ($($(#[$meta:meta])* $name:ident => $description:literal, $example:expr;)+) => {
        $(
            $(#[$meta])*
            pub struct $name;

            impl<'r> utoipa::ToResponse<'r> for $name {
                fn response() -> (&'r str, RefOr<Response>) {
                    (stringify!($name), error_response($description, $example))
                }
            }
        )+
    };
}

error_responses! {
    /// `401`: the token check of every route.
    Unauthorized => "No `Authorization: Bearer <token>` header, or not the token in `api.token`.",
        json!({ "error": {
            "code": "unauthorized",
            "message": "missing or wrong API token; send `Authorization: Bearer <token>` with the token from api.token in the data directory",
        }});
    /// `400` for a request body that breaks a rule.
    InvalidBody => "The body breaks a rule: `field` names the field (`body.eqf_min`, `id`), `rule` the rule it breaks.",
        json!({ "error": {
            "code": "invalid",
            "message": "body.eqf_min: must be an EQF level between 1 and 8 (got 9)",
            "field": "body.eqf_min",
            "rule": "must be an EQF level between 1 and 8 (got 9)",
        }});
    /// `400` for a path or query parameter that breaks a rule.
    InvalidParameter => "A path or query parameter breaks its rule, or is not a parameter of this operation: `field` names it.",
        json!({ "error": {
            "code": "invalid",
            "message": "eqf: must be an EQF level 1-8 (got \"9\")",
            "field": "eqf",
            "rule": "must be an EQF level 1-8 (got \"9\")",
        }});
    /// `408`: the admin address's body deadline (`request_limits`).
    BodyTimeout => "The request body did not arrive whole within the body timeout (10 s); `field` is `body`.",
        json!({ "error": {
            "code": "timeout",
            "message": "the request body did not arrive within 10 s",
            "field": "body",
        }});
    /// `413`: the admin address's body limit, checked on the announced length before reading.
    BodyTooLarge => "The request body is over the limit of 262144 bytes (refused on its announced `Content-Length` before a byte is read); `field` is `body`.",
        json!({ "error": {
            "code": "too_large",
            "message": "the request body is 10000000000 bytes; the limit is 262144 bytes",
            "field": "body",
        }});
    /// `415`: a JSON body without `Content-Type: application/json`.
    NotJson => "The body is not sent as `Content-Type: application/json`; `field` is `content-type`.",
        json!({ "error": {
            "code": "unsupported_media_type",
            "message": "Expected request with `Content-Type: application/json`",
            "field": "content-type",
        }});
    /// `503`.
    Unavailable => "The node is stopping; its network no longer answers.",
        json!({ "error": { "code": "stopping", "message": "the network task has stopped" }});
    /// `500`.
    Internal => "The node failed (its store, a task); the message says how.",
        json!({ "error": { "code": "store", "message": "sled: I/O error" }});
}

/// Declares the body of a `PUT /v1/KIND/{id}`: the create body's schema
/// without `id`, which the path gives.
macro_rules! update_bodies {
    ($($(#[$meta:meta])* $name:ident = $input:ty, $kind:literal;)+) => {
        $(
            $(#[$meta])*
            pub struct $name;

            impl utoipa::PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    let description = concat!(
                        "The body of `POST /v1/", $kind, "` without `id` (the path gives it; an `id` here is ignored)."
                    );
                    without_id(<$input as utoipa::PartialSchema>::schema(), description)
                }
            }

            impl utoipa::ToSchema for $name {
                fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
                    <$input as utoipa::ToSchema>::schemas(schemas);
                }
            }
        )+
    };
}

update_bodies! {
    /// The body of `PUT /v1/offers/{id}`.
    OfferUpdate = vetnet_views::OfferInput, "offers";
    /// The body of `PUT /v1/needs/{id}`.
    NeedUpdate = vetnet_views::NeedInput, "needs";
    /// The body of `PUT /v1/achievements/{id}`.
    AchievementUpdate = vetnet_views::AchievementInput, "achievements";
    /// The body of `PUT /v1/skills-needs/{id}`.
    SkillsNeedUpdate = vetnet_views::SkillsNeedInput, "skills-needs";
    /// The body of `PUT /v1/resources/{id}`.
    ResourceUpdate = vetnet_views::ResourceInput, "resources";
}

/// `schema` without its `id` property, in an object or in the inline
/// objects of an `allOf` (a flattened body), described as `description`.
fn without_id(schema: RefOr<Schema>, description: &str) -> RefOr<Schema> {
    fn strip(object: &mut Object) {
        object.properties.remove("id");
        object.required.retain(|name| name != "id");
    }
    match schema {
        RefOr::T(Schema::Object(mut object)) => {
            strip(&mut object);
            object.description = Some(description.to_owned());
            RefOr::T(Schema::Object(object))
        }
        RefOr::T(Schema::AllOf(mut all_of)) => {
            for item in &mut all_of.items {
                if let RefOr::T(Schema::Object(object)) = item {
                    strip(object);
                }
            }
            all_of.description = Some(description.to_owned());
            RefOr::T(Schema::AllOf(all_of))
        }
        other => other,
    }
}

/// The document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The document as a JSON value with every object's keys sorted, so that it
/// reads the same whatever order the generator keeps.
pub fn document_value() -> Result<Value, serde_json::Error> {
    Ok(sorted(serde_json::to_value(document())?))
}

/// The document pretty-printed with sorted keys and a final newline, as
/// committed in `docs/openapi.json`.
pub fn document_json() -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(&document_value()?)?;
    text.push('\n');
    Ok(text)
}

/// `value` with the keys of every object in sorted order.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect::<Map<_, _>>())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

pub fn routes() -> Router<ApiState> {
    Router::new().route("/v1/openapi.json", get(serve_document))
}

/// This document.
#[utoipa::path(
    get,
    path = "/v1/openapi.json",
    tag = "status",
    operation_id = "openapi_document",
    responses(
        (status = 200, description = "This OpenAPI 3.1 document.", body = Object, content_type = "application/json"),
        (status = 401, response = Unauthorized),
    )
)]
async fn serve_document() -> ApiResult {
    ok(&document_value().map_err(ApiError::internal)?)
}
