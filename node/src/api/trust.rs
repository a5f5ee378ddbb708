//! Trust anchors, trust levels, endorsements and the institution key's
//! lifecycle (rotation, revocation).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use vetnet_protocol::InstitutionId;
use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole};
use vetnet_protocol::key_lifecycle::KeyRevocationReason;

use super::{ApiError, ApiResult, ApiState, Params, Views, parse_json, published_view};
use crate::config::Config;
use crate::data_dir::DataDir;
use crate::publish::unix_now;
use crate::trust::{self, TrustGraph};

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/trust/anchors", get(list_anchors).post(add_anchor))
        .route("/v1/trust/anchors/{did}", delete(remove_anchor))
        .route("/v1/trust/institutions/{did}", get(trust_of))
        .route("/v1/endorsements", get(list_endorsements).post(endorse))
        .route("/v1/endorsements/withdraw", post(withdraw_endorsements))
        .route("/v1/keys", get(keys))
        .route("/v1/keys/rotate", post(rotate))
        .route("/v1/keys/revoke", post(revoke))
}

fn institution(field: &str, value: &str) -> Result<InstitutionId, ApiError> {
    value
        .parse()
        .map_err(|_| ApiError::invalid(field, format!("must be an institution's did:key:z6Mk… (got {value:?})")))
}

fn data_dir(state: &ApiState) -> DataDir {
    DataDir::new(state.info.data_dir.clone())
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
}

async fn list_anchors(State(state): State<ApiState>) -> ApiResult {
    let anchors: Vec<InstitutionId> = state.store.key_ledger().anchors().iter().copied().collect();
    let mut views = Views::new(&state.store);
    let mut rows: Vec<Value> = anchors.iter().map(|anchor| views.institution(*anchor)).collect();
    rows.sort_by(|a, b| a["institution"].as_str().cmp(&b["institution"].as_str()));
    Ok(Json(Value::Array(rows)).into_response())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AnchorBody {
    institution: String,
}

/// Changes the anchors in `config.toml` and in the running store together.
fn change_anchors(state: &ApiState, change: impl FnOnce(&mut Vec<String>) -> Result<(), ApiError>) -> ApiResult {
    let dir = data_dir(state);
    let mut config = Config::load(&dir).map_err(internal)?;
    change(&mut config.trust_anchors)?;
    let anchors = config.anchors().map_err(|rule| ApiError::invalid("institution", rule))?;
    config.save(&dir).map_err(internal)?;
    state.store.set_anchors(anchors)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn add_anchor(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: AnchorBody = parse_json(body)?;
    let anchor = institution("institution", &body.institution)?;
    change_anchors(&state, |anchors| {
        if !anchors.iter().any(|a| a.parse::<InstitutionId>().ok() == Some(anchor)) {
            anchors.push(anchor.to_did());
        }
        Ok(())
    })
}

async fn remove_anchor(State(state): State<ApiState>, Path(did): Path<String>) -> ApiResult {
    let anchor = institution("institution", &did)?;
    change_anchors(&state, |anchors| {
        let before = anchors.len();
        anchors.retain(|a| a.parse::<InstitutionId>().ok() != Some(anchor));
        if anchors.len() == before {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("{anchor} is not a trust anchor here"),
            ));
        }
        Ok(())
    })
}

async fn trust_of(State(state): State<ApiState>, Path(did): Path<String>) -> ApiResult {
    let key = institution("institution", &did)?;
    Ok(Json(Views::new(&state.store).institution(key)).into_response())
}

async fn list_endorsements(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let mut of = None;
    for (name, value) in &params {
        match name.as_str() {
            "institution" => of = Some(institution("institution", value)?),
            other => return Err(ApiError::invalid(other, "is not a filter of endorsements (institution)")),
        }
    }
    let of = of.unwrap_or_else(|| state.publisher.institution());
    let today = trust::today();
    let mut views = Views::new(&state.store);
    let (mut given, mut received) = (Vec::new(), Vec::new());
    for (author, endorsement) in trust::live_endorsements(&state.store)? {
        let subject = endorsement.subject_id();
        if author != of && subject != Some(of) {
            continue;
        }
        let mut row = json!({
            "endorser": author.to_did(),
            "endorser_name": views.name(author),
            "subject": endorsement.subject,
            "subject_name": subject.and_then(|s| views.name(s)),
            "role": endorsement.role.as_str(),
            "network_name": endorsement.network_name,
            "until": endorsement.until,
            "expired": !endorsement.holds_on(&today),
        });
        if author == of {
            row["direction"] = json!("given");
            given.push(row);
        } else {
            row["direction"] = json!("received");
            received.push(row);
        }
    }
    Ok(Json(json!({ "institution": of.to_did(), "given": given, "received": received })).into_response())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EndorseBody {
    subject: String,
    role: String,
    #[serde(default)]
    network_name: Option<String>,
    #[serde(default)]
    until: Option<String>,
}

async fn endorse(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: EndorseBody = parse_json(body)?;
    let subject = institution("subject", &body.subject)?;
    if subject == state.publisher.institution() {
        return Err(ApiError::invalid("subject", "is this institution; an institution cannot endorse itself"));
    }
    let role: EndorsementRole = body.role.parse().map_err(|e| ApiError::invalid("role", e))?;
    let endorsement =
        EndorsementBody { subject: subject.to_did(), role, network_name: body.network_name, until: body.until };
    let published = state.publisher.endorse(&endorsement).await?;
    Ok((StatusCode::CREATED, Json(published_view(&state.store, &published))).into_response())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WithdrawBody {
    subject: String,
    #[serde(default)]
    role: Option<String>,
}

async fn withdraw_endorsements(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: WithdrawBody = parse_json(body)?;
    let subject = institution("subject", &body.subject)?;
    let role = body.role.map(|r| r.parse::<EndorsementRole>().map_err(|e| ApiError::invalid("role", e))).transpose()?;
    let withdrawn = state.publisher.withdraw_endorsements(&subject, role).await?;
    let views: Vec<Value> = withdrawn.iter().map(|p| published_view(&state.store, p)).collect();
    Ok(Json(Value::Array(views)).into_response())
}

/// This institution's keys: the current one, the ones it rotated from, and
/// any revocation of them.
async fn keys(State(state): State<ApiState>) -> ApiResult {
    let current = state.publisher.institution();
    let dir = data_dir(&state);
    // Read before the ledger is held: the store takes the index, then the
    // ledger, and that order must never be reversed.
    let revocation = state.store.key_refusal(&current, u64::MAX).and_then(|refusal| match refusal {
        crate::store::key_ledger::KeyRefusal::Revoked { by, since } => {
            Some(json!({ "by": by.to_did(), "since": since }))
        }
        crate::store::key_ledger::KeyRefusal::Rotated { .. } => None,
    });
    let ledger = state.store.key_ledger();
    let previous: Vec<Value> = ledger
        .predecessors(&current)
        .iter()
        .map(|old| {
            let rotation = ledger.rotation(old);
            json!({
                "key": old.to_did(),
                "rotated_to": rotation.map(|r| r.next.to_did()),
                "rotated_at": rotation.map(|r| r.at),
                "held_here": crate::keys::retired_key_path(&dir, old).exists(),
            })
        })
        .collect();
    drop(ledger);
    Ok(Json(json!({ "current": current.to_did(), "revoked": revocation, "previous": previous })).into_response())
}

async fn rotate(State(state): State<ApiState>) -> ApiResult {
    let rotated = state.publisher.rotate_key(&data_dir(&state)).await?;
    Ok(Json(json!({
        "old": rotated.old.to_did(),
        "new": rotated.new.to_did(),
        "carried": rotated.carried,
        "rotation": published_view(&state.store, &rotated.rotation),
    }))
    .into_response())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RevokeBody {
    /// The key to revoke; this institution's current key if absent.
    #[serde(default)]
    key: Option<String>,
    /// Unix seconds from which the key's records are invalid; now if absent.
    #[serde(default)]
    since: Option<u64>,
    reason: String,
}

async fn revoke(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: RevokeBody = parse_json(body)?;
    let key = match &body.key {
        Some(key) => institution("key", key)?,
        None => state.publisher.institution(),
    };
    let reason: KeyRevocationReason = body.reason.parse().map_err(|e| ApiError::invalid("reason", e))?;
    let now = unix_now();
    let since = body.since.unwrap_or(now);
    if since > now {
        return Err(ApiError::invalid("since", "must not be in the future"));
    }
    let published = state.publisher.revoke_key(&data_dir(&state), &key, since, reason).await?;
    Ok((StatusCode::CREATED, Json(published_view(&state.store, &published))).into_response())
}

/// The trust of one institution as JSON: `{level, path, current_key?}`.
pub(super) fn trust_view(graph: &TrustGraph, views: &mut Views<'_>, key: InstitutionId) -> Value {
    let trust = graph.trust_of(&key, &views.store.key_ledger());
    let path: Vec<Value> = trust
        .path
        .iter()
        .map(|step| {
            json!({
                "endorser": step.endorser.to_did(),
                "endorser_name": views.name(step.endorser),
                "subject": step.subject.to_did(),
                "subject_name": views.name(step.subject),
                "role": step.role.as_str(),
                "network_name": step.network_name,
                "until": step.until,
            })
        })
        .collect();
    let mut view = json!({ "level": trust.level.as_str(), "depth": path.len(), "path": path });
    if trust.current_key != key {
        view["current_key"] = json!(trust.current_key.to_did());
    }
    view
}
