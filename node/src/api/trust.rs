//! Trust anchors, trust levels, endorsements and the institution key's
//! lifecycle (rotation, revocation).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::Value;
use vetnet_protocol::InstitutionId;
use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole};
use vetnet_protocol::key_lifecycle::KeyRevocationReason;
use vetnet_views as views;

use super::convert::ToView;
use super::params::Params;
use super::views::published_view;
use super::{ApiError, ApiResult, ApiState, ViewBuilder, answer, ok, parse_json};
use crate::config::{Config, ConfigError};
use crate::data_dir::DataDir;
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
    state.info.dir()
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::internal(e)
}

/// The trust anchors, by key.
pub fn anchors(state: &ApiState) -> Vec<views::InstitutionView> {
    let anchors: Vec<InstitutionId> = state.store.key_ledger().anchors().iter().copied().collect();
    let mut builder = ViewBuilder::new(&state.store, state.today());
    let mut rows: Vec<views::InstitutionView> = anchors.iter().map(|anchor| builder.institution(*anchor)).collect();
    rows.sort_by(|a, b| a.institution.cmp(&b.institution));
    rows
}

/// The trust anchors.
#[utoipa::path(
    get,
    path = "/v1/trust/anchors",
    tag = "trust",
    operation_id = "list_anchors",
    responses(
        (status = 200, description = "The trust anchors, by key, each with its name and trust.", body = Vec<views::InstitutionView>),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn list_anchors(State(state): State<ApiState>) -> ApiResult {
    ok(&anchors(&state))
}

/// Changes the anchors in `config.toml` and in the running store together.
fn change_anchors(state: &ApiState, change: impl FnOnce(&mut Vec<String>) -> Result<(), ApiError>) -> ApiResult {
    let dir = data_dir(state);
    let mut config = Config::load(&dir).map_err(internal)?;
    change(&mut config.trust_anchors)?;
    let anchors = config.anchors().map_err(|rule| ApiError::invalid("institution", rule))?;
    config.save(&dir).map_err(|e| match e {
        ConfigError::ReadOnly { .. } => ApiError::new(StatusCode::CONFLICT, "settings_read_only", e.to_string()),
        e => internal(e),
    })?;
    state.store.set_anchors(anchors)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Adds a trust anchor.
#[utoipa::path(
    post,
    path = "/v1/trust/anchors",
    tag = "trust",
    operation_id = "add_anchor",
    description = "Adds an institution to the trust anchors, in `config.toml` and in the running node. `institution` must be an institution's `did:key:z6Mk…`.",
    request_body = views::AnchorInput,
    responses(
        (status = 204, description = "The anchor is in `config.toml` and trusted from now on (already being one is no error)."),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "The settings are the operator's file outside the data directory (the packaged service's `/etc/vetnet/config.toml`), which vetnet only reads: edit it there (`settings_read_only`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn add_anchor(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: views::AnchorInput = parse_json(body)?;
    let anchor = institution("institution", &body.institution)?;
    change_anchors(&state, |anchors| {
        if !anchors.iter().any(|a| a.parse::<InstitutionId>().ok() == Some(anchor)) {
            anchors.push(anchor.to_did());
        }
        Ok(())
    })
}

/// Removes a trust anchor.
#[utoipa::path(
    delete,
    path = "/v1/trust/anchors/{did}",
    tag = "trust",
    operation_id = "remove_anchor",
    params(
        ("did" = String, Path, description = "The anchor, `did:key:z6Mk…`."),
    ),
    responses(
        (status = 204, description = "The institution is no longer a trust anchor."),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "The institution is not a trust anchor here (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "The settings are the operator's file outside the data directory (the packaged service's `/etc/vetnet/config.toml`), which vetnet only reads: edit it there (`settings_read_only`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
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

/// How far this node trusts an institution.
#[utoipa::path(
    get,
    path = "/v1/trust/institutions/{did}",
    tag = "trust",
    operation_id = "trust_of",
    params(
        ("did" = String, Path, description = "The institution, `did:key:z6Mk…`."),
    ),
    responses(
        (status = 200, description = "The institution, its name and its trust with the endorsement path from an anchor.", body = views::InstitutionView),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn trust_of(State(state): State<ApiState>, Path(did): Path<String>) -> ApiResult {
    let key = institution("institution", &did)?;
    ok(&ViewBuilder::new(&state.store, state.today()).institution(key))
}

/// Endorsements given and received.
#[utoipa::path(
    get,
    path = "/v1/endorsements",
    tag = "trust",
    operation_id = "list_endorsements",
    params(
        ("institution" = Option<String>, Query, description = "The institution, `did:key:z6Mk…`; this one if absent. No other parameter is taken."),
    ),
    responses(
        (status = 200, description = "The live endorsements the institution gives and receives.", body = views::EndorsementsView),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn list_endorsements(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let mut of = None;
    for (name, value) in &params {
        match name.as_str() {
            "institution" => of = Some(institution("institution", value)?),
            other => return Err(ApiError::invalid(other, "is not a filter of endorsements (institution)")),
        }
    }
    let of = of.unwrap_or_else(|| state.publisher.institution());
    ok(&endorsements(&state, of)?)
}

/// The live endorsements `of` gives and receives.
pub fn endorsements(state: &ApiState, of: InstitutionId) -> Result<views::EndorsementsView, ApiError> {
    let today = state.today();
    let mut builder = ViewBuilder::new(&state.store, state.today());
    let (mut given, mut received) = (Vec::new(), Vec::new());
    for (author, endorsement) in trust::live_endorsements(&state.store)? {
        let subject = endorsement.subject_id();
        if author != of && subject != Some(of) {
            continue;
        }
        let direction = if author == of { views::Direction::Given } else { views::Direction::Received };
        let row = views::EndorsementRow {
            endorser: author.to_did(),
            endorser_name: builder.name(author),
            subject: endorsement.subject.clone(),
            subject_name: subject.and_then(|s| builder.name(s)),
            role: endorsement.role.to_view(),
            network_name: endorsement.network_name.clone(),
            until: endorsement.until.clone(),
            expired: !endorsement.holds_on(&today),
            direction,
        };
        match direction {
            views::Direction::Given => given.push(row),
            views::Direction::Received => received.push(row),
        }
    }
    Ok(views::EndorsementsView { institution: of.to_did(), given, received })
}

/// Endorses an institution.
#[utoipa::path(
    post,
    path = "/v1/endorsements",
    tag = "trust",
    operation_id = "endorse",
    description = "Publishes an endorsement of another institution. `subject` must be an institution's `did:key:z6Mk…` and not this institution's own; `role` is `member`, `partner` or `accreditor`; `until` a last day `YYYY-MM-DD`.",
    request_body = views::EndorseInput,
    responses(
        (status = 201, description = "The endorsement as published.", body = views::PublishedView<views::Endorsement>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn endorse(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: views::EndorseInput = parse_json(body)?;
    let subject = institution("subject", &body.subject)?;
    if subject == state.publisher.institution() {
        return Err(ApiError::invalid("subject", "is this institution; an institution cannot endorse itself"));
    }
    let role: EndorsementRole = body.role.parse().map_err(|e| ApiError::invalid("role", e))?;
    let endorsement =
        EndorsementBody { subject: subject.to_did(), role, network_name: body.network_name, until: body.until };
    let published = state.publisher.endorse(&endorsement).await?;
    Ok(answer(StatusCode::CREATED, &published_view::<views::Endorsement>(&state.store, state.today(), &published)))
}

/// Withdraws endorsements.
#[utoipa::path(
    post,
    path = "/v1/endorsements/withdraw",
    tag = "trust",
    operation_id = "withdraw_endorsements",
    description = "Withdraws this institution's endorsements of `subject` (must be an institution's `did:key:z6Mk…`), those of `role` only if given.",
    request_body = views::WithdrawEndorsementsInput,
    responses(
        (status = 200, description = "The withdrawals as published, one per endorsement withdrawn.", body = [views::PublishedView<views::Endorsement>]),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This institution endorses the subject in no such role (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn withdraw_endorsements(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: views::WithdrawEndorsementsInput = parse_json(body)?;
    let subject = institution("subject", &body.subject)?;
    let role = body.role.map(|r| r.parse::<EndorsementRole>().map_err(|e| ApiError::invalid("role", e))).transpose()?;
    let withdrawn = state.publisher.withdraw_endorsements(&subject, role).await?;
    let mut builder = ViewBuilder::new(&state.store, state.today());
    let views: Vec<views::PublishedView<views::Endorsement>> = withdrawn.iter().map(|p| builder.published(p)).collect();
    ok(&views)
}

/// This institution's keys: the current one, the ones it rotated from, and
/// any revocation of them.
#[utoipa::path(
    get,
    path = "/v1/keys",
    tag = "trust",
    operation_id = "list_keys",
    responses(
        (status = 200, description = "The current key, the keys rotated from, and any revocation.", body = views::KeysView),
        (status = 401, response = super::openapi::Unauthorized),
    )
)]
async fn keys(State(state): State<ApiState>) -> ApiResult {
    ok(&key_view(&state))
}

/// This institution's keys: the current one, the ones it rotated from, and
/// any revocation of them.
pub fn key_view(state: &ApiState) -> views::KeysView {
    let current = state.publisher.institution();
    let dir = data_dir(state);
    // Read before the ledger is held: the store takes the index, then the
    // ledger, and that order must never be reversed.
    let revocation = state.store.key_refusal(&current, u64::MAX).and_then(|refusal| match refusal {
        crate::store::key_ledger::KeyRefusal::Revoked { by, since } => {
            Some(views::KeyRevokedView { by: by.to_did(), since })
        }
        crate::store::key_ledger::KeyRefusal::Rotated { .. } => None,
    });
    let ledger = state.store.key_ledger();
    let previous: Vec<views::PreviousKey> = ledger
        .predecessors(&current)
        .iter()
        .map(|old| {
            let rotation = ledger.rotation(old);
            views::PreviousKey {
                key: old.to_did(),
                rotated_to: rotation.map(|r| r.next.to_did()),
                rotated_at: rotation.map(|r| r.at),
                held_here: crate::keys::retired_key_path(&dir, old).exists(),
            }
        })
        .collect();
    drop(ledger);
    views::KeysView { current: current.to_did(), revoked: revocation, previous }
}

/// Rotates the institution key.
#[utoipa::path(
    post,
    path = "/v1/keys/rotate",
    tag = "trust",
    operation_id = "rotate_key",
    description = "Makes a new institution key, publishes the rotation signed by both keys, and re-signs every live record with the new key. The old secret is kept in the data directory.",
    responses(
        (status = 200, description = "The old and new key, how many records were re-signed, and the rotation record.", body = views::RotationView),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "The current key is retired or revoked (`key_retired`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn rotate(State(state): State<ApiState>) -> ApiResult {
    let rotated = state.publisher.rotate_key(&data_dir(&state)).await?;
    ok(&views::RotationView {
        old: rotated.old.to_did(),
        new: rotated.new.to_did(),
        carried: rotated.carried,
        rotation: published_view(&state.store, state.today(), &rotated.rotation),
    })
}

/// Revokes an institution key.
#[utoipa::path(
    post,
    path = "/v1/keys/revoke",
    tag = "trust",
    operation_id = "revoke_key",
    description = "Publishes the revocation of a key: this institution's current key if `key` is absent, an older one of its own, or (for a trust anchor) a key it endorses. `key` must be an institution's `did:key:z6Mk…`; `reason` is `compromised`, `lost` or `retired`; `since` Unix seconds not in the future, now if absent.",
    request_body = views::RevokeKeyInput,
    responses(
        (status = 201, description = "The revocation as published.", body = views::PublishedView<views::KeyRevocation>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 403, description = "The key is neither this institution's nor one it endorses as a trust anchor (`not_allowed`).", body = views::ErrorBody),
        (status = 409, description = "The key is revoked already, or this institution's key is retired (`exists`, `key_retired`).", body = views::ErrorBody),
    )
)]
async fn revoke(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: views::RevokeKeyInput = parse_json(body)?;
    let key = match &body.key {
        Some(key) => institution("key", key)?,
        None => state.publisher.institution(),
    };
    let reason: KeyRevocationReason = body.reason.parse().map_err(|e| ApiError::invalid("reason", e))?;
    let now = state.publisher.clock().now_unix();
    let since = body.since.unwrap_or(now);
    if since > now {
        return Err(ApiError::invalid("since", "must not be in the future"));
    }
    let published = state.publisher.revoke_key(&data_dir(&state), &key, since, reason).await?;
    Ok(answer(StatusCode::CREATED, &published_view::<views::KeyRevocation>(&state.store, state.today(), &published)))
}

/// The trust of one institution: `{level, depth, path, current_key?}`.
pub(super) fn trust_view(graph: &TrustGraph, builder: &mut ViewBuilder<'_>, key: InstitutionId) -> views::TrustView {
    let trust = graph.trust_of(&key, &builder.store().key_ledger());
    let path: Vec<views::TrustStep> = trust
        .path
        .iter()
        .map(|step| views::TrustStep {
            endorser: step.endorser.to_did(),
            endorser_name: builder.name(step.endorser),
            subject: step.subject.to_did(),
            subject_name: builder.name(step.subject),
            role: step.role.to_view(),
            network_name: step.network_name.clone(),
            until: step.until.clone(),
        })
        .collect();
    views::TrustView {
        level: trust_level(trust.level),
        depth: Some(path.len()),
        path: Some(path),
        current_key: (trust.current_key != key).then(|| trust.current_key.to_did()),
        error: None,
    }
}

fn trust_level(level: trust::TrustLevel) -> views::TrustLevel {
    match level {
        trust::TrustLevel::Anchor => views::TrustLevel::Anchor,
        trust::TrustLevel::EndorsedByAnchor => views::TrustLevel::EndorsedByAnchor,
        trust::TrustLevel::EndorsedViaChain => views::TrustLevel::EndorsedViaChain,
        trust::TrustLevel::Unverified => views::TrustLevel::Unverified,
        trust::TrustLevel::Revoked => views::TrustLevel::Revoked,
    }
}
