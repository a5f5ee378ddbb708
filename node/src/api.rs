//! The admin API: HTTP/JSON on loopback, every call behind the bearer token
//! in the data directory. The CLI is its client. This is the only module that
//! knows JSON: it turns requests into typed calls and records into views.
//!
//! Errors are `{"error": {"code", "message", "field"?, "rule"?}}` with a 4xx
//! status for the caller's mistakes and 5xx for the node's.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Map, Value, json};
use tokio::sync::watch;
use vetnet_protocol::achievement::{AchievementBody, Participation};
use vetnet_protocol::offer::OfferBody;
use vetnet_protocol::profile::{InstitutionKind, ProfileBody};
use vetnet_protocol::{Content, InstitutionId, RecordKind, VerifiedRecord};

use crate::info::NodeInfo;
use crate::ingest::IngestStats;
use crate::network::NetworkClient;
use crate::publish::{GossipState, PublishError, PublishMode, Published, Publisher};
use crate::search::{self, AchievementQuery, InstitutionQuery, OfferQuery};
use crate::store::{RecordStore, StoreError};
use crate::trust::TrustGraphs;

mod credentials;
mod matching;
mod mobility;
mod needs;
mod trust;

/// The largest request body; a record is at most 48 KiB encoded.
const MAX_REQUEST_BYTES: usize = 256 * 1024;

#[derive(Clone)]
pub struct ApiState {
    pub info: Arc<NodeInfo>,
    pub store: RecordStore,
    pub network: NetworkClient,
    pub publisher: Publisher,
    pub stats: Arc<IngestStats>,
    pub sync: crate::sync::SyncService,
    pub issuer: crate::credentials::CredentialIssuer,
    pub mobility: crate::mobility::Mobility,
    pub token: Arc<str>,
}

/// Serves the API on `listener` until `shutdown` changes.
pub async fn serve(listener: tokio::net::TcpListener, state: ApiState, mut shutdown: watch::Receiver<bool>) {
    let app = router(state);
    let stop = async move {
        let _ = shutdown.changed().await;
    };
    if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(stop).await {
        tracing::error!(error = %e, "admin API stopped");
    }
}

pub fn router(state: ApiState) -> Router {
    Router::new()
        .route("/v1/status", get(status))
        .route("/v1/peers", get(peers))
        .route("/v1/profile", get(get_profile).put(put_profile))
        .route("/v1/offers", get(list_offers).post(create_offer))
        .route("/v1/offers/{id}", get(get_offer).put(update_offer).delete(withdraw_offer))
        .route("/v1/search/offers", get(search_offers))
        .route("/v1/search/institutions", get(search_institutions))
        .route("/v1/achievements", get(list_achievements).post(create_achievement))
        .route("/v1/achievements/{id}", get(get_achievement).put(update_achievement).delete(withdraw_achievement))
        .route("/v1/search/achievements", get(search_achievements))
        .merge(credentials::routes())
        .merge(needs::routes())
        .merge(matching::routes())
        .merge(trust::routes())
        .merge(mobility::routes())
        .route("/v1/sync", get(sync_state).post(sync_now))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such API endpoint") })
        .layer(middleware::from_fn_with_state(state.clone(), require_token))
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .with_state(state)
}

/// An error response.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<String>,
    rule: Option<String>,
    /// Per-row errors of a batch.
    rows: Option<Box<Value>>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), field: None, rule: None, rows: None }
    }

    fn invalid(field: impl Into<String>, rule: impl Into<String>) -> Self {
        let (field, rule) = (field.into(), rule.into());
        Self {
            status: StatusCode::BAD_REQUEST,
            code: "invalid",
            message: format!("{field}: {rule}"),
            field: Some(field),
            rule: Some(rule),
            rows: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = json!({ "code": self.code, "message": self.message });
        if let Some(field) = self.field {
            error["field"] = json!(field);
        }
        if let Some(rule) = self.rule {
            error["rule"] = json!(rule);
        }
        if let Some(rows) = self.rows {
            error["rows"] = *rows;
        }
        (self.status, Json(json!({ "error": error }))).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "store error in the admin API");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "store", e.to_string())
    }
}

impl From<PublishError> for ApiError {
    fn from(e: PublishError) -> Self {
        match e {
            PublishError::Invalid(rule) => ApiError::invalid(rule.field, rule.rule),
            PublishError::NotFound { .. } | PublishError::Withdrawn { .. } => {
                ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string())
            }
            PublishError::AlreadyExists { .. } => ApiError::new(StatusCode::CONFLICT, "exists", e.to_string()),
            PublishError::KeyRetired(_) => ApiError::new(StatusCode::CONFLICT, "key_retired", e.to_string()),
            PublishError::NotAllowed(_) => ApiError::new(StatusCode::FORBIDDEN, "not_allowed", e.to_string()),
            PublishError::Store(e) => e.into(),
            other => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", other.to_string()),
        }
    }
}

type ApiResult = Result<Response, ApiError>;

async fn require_token(State(state): State<ApiState>, headers: HeaderMap, request: Request, next: Next) -> Response {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if constant_time_eq(given.as_bytes(), state.token.as_bytes()) {
        next.run(request).await
    } else {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing or wrong API token; send `Authorization: Bearer <token>` with the token from api.token in the data directory",
        )
        .into_response()
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Parses a JSON body, naming the field that is wrong.
fn parse_json<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "body".to_owned() } else { format!("body.{path}") };
        ApiError::invalid(field, e.inner().to_string())
    })
}

fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::invalid("body", "must be a JSON object")),
        Err(e) => Err(ApiError::invalid("body", format!("is not valid JSON: {e}"))),
    }
}

/// Record views: the envelope facts, then the body fields at top level under
/// the names of `docs/PROTOCOL.md`.
/// Every view of a record carries its author's trust (`trust`), from a
/// trust graph built once per response, when first needed.
struct Views<'a> {
    store: &'a RecordStore,
    names: HashMap<InstitutionId, Option<String>>,
    graph: Option<Arc<crate::trust::TrustGraph>>,
}

impl<'a> Views<'a> {
    fn new(store: &'a RecordStore) -> Self {
        Self { store, names: HashMap::new(), graph: None }
    }

    fn name(&mut self, institution: InstitutionId) -> Option<String> {
        self.author_name(institution)
    }

    /// `{level, depth, path}` of the institution signing with `key`.
    fn trust(&mut self, key: InstitutionId) -> Value {
        let graph = match &self.graph {
            Some(graph) => graph.clone(),
            None => match self.store.trust_graph(&crate::trust::today()) {
                Ok(graph) => self.graph.insert(graph).clone(),
                Err(e) => return json!({ "level": "unknown", "error": e.to_string() }),
            },
        };
        trust::trust_view(&graph, self, key)
    }

    /// An institution: its key, name and trust.
    fn institution(&mut self, key: InstitutionId) -> Value {
        json!({ "institution": key.to_did(), "name": self.name(key), "trust": self.trust(key) })
    }

    fn author_name(&mut self, author: InstitutionId) -> Option<String> {
        let store = self.store;
        self.names
            .entry(author)
            .or_insert_with(|| {
                let key = vetnet_protocol::RecordKey {
                    author,
                    kind: "profile".into(),
                    id: vetnet_protocol::profile::PROFILE_ID.into(),
                };
                match store.get(&key) {
                    Ok(Some(VerifiedRecord { content: Content::Profile(p), .. })) => {
                        p.name.best(&[]).map(str::to_owned)
                    }
                    _ => None,
                }
            })
            .clone()
    }

    fn record(&mut self, record: &VerifiedRecord) -> Value {
        let mut view = Map::new();
        view.insert("id".into(), json!(record.payload.id));
        view.insert("author".into(), json!(record.author.to_did()));
        if let Some(name) = self.author_name(record.author) {
            view.insert("author_name".into(), json!(name));
        }
        view.insert("trust".into(), self.trust(record.author));
        view.insert("kind".into(), json!(record.payload.kind));
        view.insert("seq".into(), json!(record.payload.seq));
        view.insert("ts".into(), json!(record.payload.ts));
        view.insert("hash".into(), json!(record.hash.to_hex()));
        view.insert("withdrawn".into(), json!(record.is_withdrawn()));
        let body = match &record.content {
            Content::Profile(profile) => serde_json::to_value(profile).ok(),
            Content::Offer(offer) => serde_json::to_value(offer).ok(),
            Content::Need(need) => serde_json::to_value(need).ok(),
            Content::Achievement(achievement) => serde_json::to_value(achievement).ok(),
            Content::Revocation(revocation) => serde_json::to_value(revocation).ok(),
            Content::Delegation(delegation) => serde_json::to_value(delegation).ok(),
            Content::Endorsement(endorsement) => serde_json::to_value(endorsement).ok(),
            Content::KeyRotation(rotation) => Some(json!({ "next": rotation.next })),
            Content::KeyRevocation(revocation) => serde_json::to_value(revocation).ok(),
            Content::Withdrawn | Content::Uninterpreted => None,
        };
        if let Some(Value::Object(fields)) = body {
            for (name, value) in fields {
                view.entry(name).or_insert(value);
            }
        }
        Value::Object(view)
    }

    fn records(&mut self, records: &[VerifiedRecord]) -> Value {
        Value::Array(records.iter().map(|r| self.record(r)).collect())
    }
}

fn published_view(store: &RecordStore, published: &Published) -> Value {
    let mut view = Views::new(store).record(&published.record);
    view["gossip"] = json!(match published.gossip {
        GossipState::Sent => "sent",
        GossipState::Queued => "queued",
    });
    view
}

async fn status(State(state): State<ApiState>) -> ApiResult {
    let network = state
        .network
        .status()
        .await
        .map_err(|e| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "stopping", e.to_string()))?;
    let (accepted, ignored, rejected) = state.stats.snapshot();
    let profile_name = state.publisher.profile()?.and_then(|p| p.name.best(&[]).map(str::to_owned));
    let outbox = state.store.outbox()?.len();
    Ok(Json(json!({
        "peer_id": network.peer_id.to_string(),
        "listen_addrs": network.listen_addrs.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "institution": state.publisher.institution().to_did(),
        "institution_name": profile_name,
        "network": state.info.network,
        "peers": network.connected_peers,
        "topic_peers": network.topic_peers,
        "mesh_peers": network.mesh_peers,
        "banned_peers": network.banned_peers,
        "records": state.store.counts()?,
        "gossip": { "accepted": accepted, "ignored": ignored, "rejected": rejected },
        "outbox": outbox,
        "sync": sync_states_view(&state),
        "reachability": {
            "status": network.reachability,
            "external_addrs": network.external_addrs.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "relayed_addrs": network.relayed_addrs.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "relay_server": network.relay_server,
        },
        "routing_table_peers": network.routing_table_peers,
        "api": state.info.api_addr.to_string(),
        "data_dir": state.info.data_dir.display().to_string(),
        "version": env!("CARGO_PKG_VERSION"),
    }))
    .into_response())
}

fn sync_report_view(report: &crate::sync::SyncReport) -> Value {
    json!({
        "rounds": report.rounds,
        "fetches": report.fetches,
        "bytes_sent": report.bytes_sent,
        "bytes_received": report.bytes_received,
        "needed": report.needed,
        "have": report.have,
        "stored": report.stored,
        "stale": report.stale,
    })
}

/// Per-peer sync state, newest first.
fn sync_states_view(state: &ApiState) -> Value {
    let mut peers: Vec<_> = state.sync.states().into_iter().collect();
    peers.sort_by_key(|(_, s)| std::cmp::Reverse(s.last_finished));
    Value::Array(
        peers
            .into_iter()
            .map(|(peer, s)| {
                json!({
                    "peer_id": peer.to_string(),
                    "running": s.running,
                    "fetched": s.fetched,
                    "needed": s.needed,
                    "last_finished": s.last_finished,
                    "last_report": s.last_report.as_ref().map(sync_report_view),
                    "last_error": s.last_error,
                })
            })
            .collect(),
    )
}

async fn sync_state(State(state): State<ApiState>) -> ApiResult {
    Ok(Json(json!({ "peers": sync_states_view(&state) })).into_response())
}

#[derive(serde::Deserialize)]
struct SyncParams {
    peer: Option<String>,
}

/// Runs a sync session now with one peer, or with every connected peer.
async fn sync_now(State(state): State<ApiState>, Query(params): Query<SyncParams>) -> ApiResult {
    let unavailable =
        |e: crate::network::NetworkError| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "stopping", e.to_string());
    let peers: Vec<libp2p::PeerId> = match params.peer {
        Some(peer) => {
            vec![peer.parse().map_err(|_| ApiError::invalid("peer", format!("{peer:?} is not a libp2p peer id")))?]
        }
        None => state.network.peers().await.map_err(unavailable)?.into_iter().map(|p| p.peer_id).collect(),
    };
    if peers.is_empty() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "no_peers",
            "no peer is connected, so there is nobody to sync with",
        ));
    }
    let mut results = Vec::new();
    for peer in peers {
        let result = match state.sync.sync_with(peer).await {
            Ok(report) => json!({ "peer_id": peer.to_string(), "ok": true, "report": sync_report_view(&report) }),
            Err(e) => json!({ "peer_id": peer.to_string(), "ok": false, "error": e.to_string() }),
        };
        results.push(result);
    }
    Ok(Json(Value::Array(results)).into_response())
}

async fn peers(State(state): State<ApiState>) -> ApiResult {
    let peers = state
        .network
        .peers()
        .await
        .map_err(|e| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "stopping", e.to_string()))?;
    let peers: Vec<Value> = peers
        .into_iter()
        .map(|p| {
            json!({
                "peer_id": p.peer_id.to_string(),
                "addrs": p.addrs.iter().map(ToString::to_string).collect::<Vec<_>>(),
                "agent": p.agent,
                "score": p.score,
                "on_topic": p.on_topic,
                "connected_secs": p.connected_secs,
            })
        })
        .collect();
    Ok(Json(peers).into_response())
}

async fn get_profile(State(state): State<ApiState>) -> ApiResult {
    match state.publisher.own(&RecordKind::Profile, vetnet_protocol::profile::PROFILE_ID)? {
        Some(record) => Ok(Json(Views::new(&state.store).record(&record)).into_response()),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no_profile",
            "this institution has no profile yet; set one with `vetnet profile set --name NAME --country CC --kind KIND`",
        )),
    }
}

async fn put_profile(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let mut fields = parse_object(&body)?;
    let node = crate::info::node_address(&state.info);
    let mut nodes: Vec<Value> = match fields.remove("nodes") {
        Some(Value::Array(nodes)) => nodes,
        _ => Vec::new(),
    };
    nodes.retain(|n| n.get("peer_id").and_then(Value::as_str) != Some(node.peer_id.as_str()));
    nodes.insert(0, json!({ "peer_id": node.peer_id, "addrs": node.addrs }));
    fields.insert("nodes".into(), Value::Array(nodes));
    let profile: ProfileBody = parse_json(Value::Object(fields))?;
    let published = state.publisher.publish_profile(&profile).await?;
    Ok(Json(published_view(&state.store, &published)).into_response())
}

#[derive(serde::Deserialize)]
struct ListParams {
    #[serde(default)]
    all: bool,
}

/// The institution's own records of one kind, answered by the list, show,
/// publish, update and withdraw endpoints of offers and achievements alike.
struct OwnRecords {
    kind: RecordKind,
    /// "offer", "achievement": for messages.
    noun: &'static str,
}

const OFFERS: OwnRecords = OwnRecords { kind: RecordKind::Offer, noun: "offer" };
const ACHIEVEMENTS: OwnRecords = OwnRecords { kind: RecordKind::Achievement, noun: "achievement" };

impl OwnRecords {
    fn list(&self, state: &ApiState, all: bool) -> ApiResult {
        let mut records = state.store.by_author(&state.publisher.institution(), &self.kind)?;
        if !all {
            records.retain(|r| !r.is_withdrawn());
        }
        Ok(Json(Views::new(&state.store).records(&records)).into_response())
    }

    fn show(&self, state: &ApiState, id: &str) -> ApiResult {
        match state.publisher.own(&self.kind, id)? {
            Some(record) => Ok(Json(Views::new(&state.store).record(&record)).into_response()),
            None => Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("no {} with id {id:?} is published by this institution", self.noun),
            )),
        }
    }

    async fn publish<B: serde::Serialize>(&self, state: &ApiState, id: &str, body: &B, mode: PublishMode) -> ApiResult {
        let published = state.publisher.publish(self.kind.clone(), id, body, mode).await?;
        let status = if mode == PublishMode::Create { StatusCode::CREATED } else { StatusCode::OK };
        Ok((status, Json(published_view(&state.store, &published))).into_response())
    }

    async fn withdraw(&self, state: &ApiState, id: &str) -> ApiResult {
        let published = state.publisher.withdraw(self.kind.clone(), id).await?;
        Ok(Json(published_view(&state.store, &published)).into_response())
    }
}

/// The `id` of a new record's JSON, removed from its fields.
fn take_id(fields: &mut Map<String, Value>) -> Result<String, ApiError> {
    match fields.remove("id") {
        Some(Value::String(id)) => Ok(id),
        Some(_) => Err(ApiError::invalid("id", "must be a string")),
        None => Err(ApiError::invalid("id", "is required")),
    }
}

async fn list_offers(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    OFFERS.list(&state, params.all)
}

async fn get_offer(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    OFFERS.show(&state, &id)
}

/// Fills fields the admin left out from the institution's profile: country
/// and city, contact email, working languages.
fn offer_with_defaults(state: &ApiState, mut fields: Map<String, Value>) -> Result<OfferBody, ApiError> {
    if let Some(profile) = state.publisher.profile()? {
        if !fields.contains_key("country") {
            fields.insert("country".into(), json!(profile.country));
            if let (false, Some(city)) = (fields.contains_key("city"), &profile.city) {
                fields.insert("city".into(), json!(city));
            }
        }
        if let (false, Some(email)) = (fields.contains_key("contact"), &profile.email) {
            fields.insert("contact".into(), json!({ "email": email }));
        }
        if !fields.contains_key("languages") && !profile.languages.is_empty() {
            let langs: Vec<Value> = profile.languages.iter().map(|l| json!({ "lang": l })).collect();
            fields.insert("languages".into(), Value::Array(langs));
        }
    } else if !fields.contains_key("country") {
        return Err(ApiError::invalid(
            "body.country",
            "is required: this institution has no profile to take it from (set one with `vetnet profile set`, or pass --country)",
        ));
    }
    parse_json(Value::Object(fields))
}

async fn create_offer(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let mut fields = parse_object(&body)?;
    let id = take_id(&mut fields)?;
    let offer = offer_with_defaults(&state, fields)?;
    OFFERS.publish(&state, &id, &offer, PublishMode::Create).await
}

async fn update_offer(State(state): State<ApiState>, Path(id): Path<String>, body: axum::body::Bytes) -> ApiResult {
    let mut fields = parse_object(&body)?;
    fields.remove("id");
    let offer = offer_with_defaults(&state, fields)?;
    OFFERS.publish(&state, &id, &offer, PublishMode::Update).await
}

async fn withdraw_offer(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    OFFERS.withdraw(&state, &id).await
}

async fn list_achievements(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    ACHIEVEMENTS.list(&state, params.all)
}

async fn get_achievement(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ACHIEVEMENTS.show(&state, &id)
}

/// Fills the awarding body's country and languages from the profile.
fn achievement_with_defaults(state: &ApiState, mut fields: Map<String, Value>) -> Result<AchievementBody, ApiError> {
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

async fn create_achievement(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let mut fields = parse_object(&body)?;
    let id = take_id(&mut fields)?;
    let achievement = achievement_with_defaults(&state, fields)?;
    ACHIEVEMENTS.publish(&state, &id, &achievement, PublishMode::Create).await
}

async fn update_achievement(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> ApiResult {
    let mut fields = parse_object(&body)?;
    fields.remove("id");
    let achievement = achievement_with_defaults(&state, fields)?;
    ACHIEVEMENTS.publish(&state, &id, &achievement, PublishMode::Update).await
}

async fn withdraw_achievement(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ACHIEVEMENTS.withdraw(&state, &id).await
}

/// Query parameters as pairs, so a filter can be repeated (`country=SE&country=DE`).
type Params = Query<Vec<(String, String)>>;

fn limit_param(value: &str) -> Result<usize, ApiError> {
    value.parse().map_err(|_| ApiError::invalid("limit", format!("must be a whole number (got {value:?})")))
}

fn countries_param(value: &str, into: &mut Vec<String>) -> Result<(), ApiError> {
    for code in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        let code = code.to_ascii_uppercase();
        if !vetnet_protocol::codes::is_country(&code) {
            return Err(ApiError::invalid(
                "country",
                format!("{code:?} is not an ISO 3166-1 alpha-2 country code (like SE, DE)"),
            ));
        }
        into.push(code);
    }
    Ok(())
}

fn sector_param(value: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if vetnet_protocol::codes::is_isced_f(value) || vetnet_protocol::codes::is_nace(value) {
        Ok(value.to_owned())
    } else {
        Err(ApiError::invalid(
            "sector",
            format!("{value:?} is neither an ISCED-F field (like 0715) nor a NACE code (like F41)"),
        ))
    }
}

fn eqf_param(value: &str) -> Result<u8, ApiError> {
    let level = value.parse::<u8>().ok().filter(|l| (1..=8).contains(l));
    level.ok_or_else(|| ApiError::invalid("eqf", format!("must be an EQF level 1-8 (got {value:?})")))
}

fn lang_param(value: &str) -> Result<String, ApiError> {
    if vetnet_protocol::codes::is_language(value) {
        Ok(value.to_owned())
    } else {
        Err(ApiError::invalid("lang", format!("{value:?} is not a registered BCP 47 language tag (like sv, en)")))
    }
}

async fn search_offers(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let mut query = OfferQuery::default();
    for (name, value) in &params {
        match name.as_str() {
            "country" => countries_param(value, &mut query.countries)?,
            "sector" => query.sector = Some(sector_param(value)?),
            "eqf" => query.eqf = Some(eqf_param(value)?),
            "lang" => query.lang = Some(lang_param(value)?),
            "text" => query.text = Some(value.clone()),
            "author" => {
                query.author = Some(value.parse().map_err(|e| ApiError::invalid("author", format!("{e}")))?);
            }
            "limit" => query.limit = Some(limit_param(value)?),
            "trusted" => query.authors_in = trusted_param(&state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a filter of offer search (country, sector, eqf, lang, text, author, trusted, limit)",
                ));
            }
        }
    }
    search_response(&state, move |store| search::search_offers(store, &query)).await
}

/// `trusted=true`: only institutions this node trusts (see `trust`).
fn trusted_param(state: &ApiState, value: &str) -> Result<Option<Vec<InstitutionId>>, ApiError> {
    match value {
        "true" => Ok(Some(state.store.trust_graph(&crate::trust::today())?.trusted_keys())),
        "false" => Ok(None),
        other => Err(ApiError::invalid("trusted", format!("must be true or false (got {other:?})"))),
    }
}

/// Runs a search off the async threads and answers with the record views.
async fn search_response(
    state: &ApiState,
    search: impl FnOnce(&RecordStore) -> Result<Vec<VerifiedRecord>, StoreError> + Send + 'static,
) -> ApiResult {
    let store = state.store.clone();
    let results = tokio::task::spawn_blocking(move || search(&store))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))??;
    Ok(Json(Views::new(&state.store).records(&results)).into_response())
}

async fn search_institutions(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let mut query = InstitutionQuery::default();
    for (name, value) in &params {
        match name.as_str() {
            "country" => countries_param(value, &mut query.countries)?,
            "kind" => query.kind = Some(value.parse::<InstitutionKind>().map_err(|e| ApiError::invalid("kind", e))?),
            "sector" => query.sector = Some(sector_param(value)?),
            "lang" => query.lang = Some(lang_param(value)?),
            "text" => query.text = Some(value.clone()),
            "limit" => query.limit = Some(limit_param(value)?),
            "trusted" => query.authors_in = trusted_param(&state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a filter of institution search (country, kind, sector, lang, text, trusted, limit)",
                ));
            }
        }
    }
    search_response(&state, move |store| search::search_institutions(store, &query)).await
}

async fn search_achievements(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let mut query = AchievementQuery::default();
    for (name, value) in &params {
        match name.as_str() {
            "country" => countries_param(value, &mut query.countries)?,
            "sector" => {
                let value = value.trim();
                if !vetnet_protocol::codes::is_isced_f(value) {
                    return Err(ApiError::invalid(
                        "sector",
                        format!("{value:?} is not an ISCED-F field code at any level (like 07, 071 or 0715)"),
                    ));
                }
                query.sector = Some(value.to_owned());
            }
            "eqf" => query.eqf = Some(eqf_param(value)?),
            "lang" => query.lang = Some(lang_param(value)?),
            "skill" => {
                if !vetnet_protocol::codes::is_esco_skill(value) {
                    return Err(ApiError::invalid(
                        "skill",
                        format!("must be an ESCO skill URI http://data.europa.eu/esco/skill/<uuid> (got {value:?})"),
                    ));
                }
                query.skill = Some(value.clone());
            }
            "participation" => {
                query.participation =
                    Some(value.parse::<Participation>().map_err(|e| ApiError::invalid("participation", e))?);
            }
            "text" => query.text = Some(value.clone()),
            "author" => {
                query.author = Some(value.parse().map_err(|e| ApiError::invalid("author", format!("{e}")))?);
            }
            "limit" => query.limit = Some(limit_param(value)?),
            "trusted" => query.authors_in = trusted_param(&state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a filter of achievement search (country, sector, eqf, lang, skill, participation, text, author, trusted, limit)",
                ));
            }
        }
    }
    search_response(&state, move |store| search::search_achievements(store, &query)).await
}
