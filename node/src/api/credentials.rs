//! The credential endpoints: issuing, listing, exporting, revoking,
//! statistics, delegations and verification.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use vetnet_protocol::InstitutionId;
use vetnet_protocol::revocation::RevocationReason;

use super::{ApiError, ApiResult, ApiState, Views, parse_json, published_view};
use crate::credentials::{self, CredentialError, ExportFormat, IssueRequest, IssuedCredential, Verification};

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/credentials", get(list).post(issue))
        .route("/v1/credentials/stats", get(stats))
        .route("/v1/credentials/verify", post(verify))
        .route("/v1/credentials/{id}", get(show))
        .route("/v1/credentials/{id}/export", get(export))
        .route("/v1/credentials/{id}/revoke", post(revoke))
        .route("/v1/delegations", get(list_delegations).post(delegate))
        .route("/v1/delegations/end", post(end_delegation))
}

impl From<CredentialError> for ApiError {
    fn from(e: CredentialError) -> Self {
        match e {
            CredentialError::Invalid(rows) => {
                let mut error = match rows.as_slice() {
                    [only] if only.row == 0 => ApiError::invalid(only.field.clone(), only.rule.clone()),
                    _ => ApiError::new(StatusCode::BAD_REQUEST, "invalid_rows", rows_message(&rows)),
                };
                error.rows = Some(Box::new(json!(rows)));
                error
            }
            CredentialError::NotFound(_) => ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string()),
            CredentialError::AlreadyRevoked(_) => ApiError::new(StatusCode::CONFLICT, "revoked", e.to_string()),
            CredentialError::IssuedUnderOldKey(_) => ApiError::new(StatusCode::CONFLICT, "old_key", e.to_string()),
            CredentialError::Publish(e) => e.into(),
            CredentialError::Store(e) => e.into(),
            other => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", other.to_string()),
        }
    }
}

fn rows_message(rows: &[credentials::RowError]) -> String {
    let rows_named: std::collections::BTreeSet<usize> = rows.iter().map(|r| r.row).collect();
    format!(
        "{} row(s) cannot be issued ({}); nothing was issued",
        rows_named.len(),
        rows.iter().map(|r| format!("row {}: {}: {}", r.row, r.field, r.rule)).collect::<Vec<_>>().join("; ")
    )
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
}

/// The summary of an issued credential (its signed document is in `show`).
fn summary(state: &ApiState, credential: &IssuedCredential) -> Result<Value, ApiError> {
    let revocation = state.issuer.revocation(&credential.id)?;
    Ok(json!({
        "id": credential.id,
        "achievement": credential.achievement_id,
        "achievement_author": credential.achievement_author,
        "achievement_name": credential.achievement_name,
        "learner_name": credential.learner_name,
        "learner_email": credential.learner_email,
        "awarded": credential.awarded,
        "valid_until": credential.valid_until,
        "grade": credential.grade,
        "issued_at": credential.issued_at,
        "revoked": revocation.as_ref().map(|(r, ts)| json!({ "reason": r.reason, "ts": ts })),
    }))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IssueBody {
    credentials: Vec<Value>,
}

/// Issues every credential of the body, or none (`invalid_rows` lists each
/// row's errors).
async fn issue(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: IssueBody = parse_json(body)?;
    let mut requests = Vec::with_capacity(body.credentials.len());
    let mut errors = Vec::new();
    for (i, row) in body.credentials.into_iter().enumerate() {
        match serde_path_to_error::deserialize::<_, IssueRequest>(row) {
            Ok(request) => requests.push(request),
            Err(e) => errors.push(credentials::RowError {
                row: i + 1,
                field: e.path().to_string(),
                rule: e.inner().to_string(),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(CredentialError::Invalid(errors).into());
    }
    let issuer = state.issuer.clone();
    let issued = tokio::task::spawn_blocking(move || issuer.issue(requests)).await.map_err(internal)??;
    let views = issued.iter().map(|c| summary(&state, c)).collect::<Result<Vec<_>, _>>()?;
    Ok((StatusCode::CREATED, Json(Value::Array(views))).into_response())
}

async fn list(State(state): State<ApiState>) -> ApiResult {
    let all = state.issuer.list()?;
    let views = all.iter().map(|c| summary(&state, c)).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(Value::Array(views)).into_response())
}

async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    let credential = state.issuer.get(&id)?;
    let mut view = summary(&state, &credential)?;
    view["document"] = serde_json::from_str(&credential.document).map_err(internal)?;
    Ok(Json(view).into_response())
}

#[derive(serde::Deserialize)]
struct ExportParams {
    format: Option<String>,
}

async fn export(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    Query(params): Query<ExportParams>,
) -> ApiResult {
    let format = match params.format.as_deref() {
        None | Some("json") | Some("ldp") => ExportFormat::DataIntegrity,
        Some("jwt") => ExportFormat::Jwt,
        Some(other) => {
            return Err(ApiError::invalid("format", format!("must be json or jwt (got {other:?})")));
        }
    };
    let issuer = state.issuer.clone();
    let content = tokio::task::spawn_blocking(move || issuer.export(&id, format)).await.map_err(internal)??;
    let name = if format == ExportFormat::Jwt { "jwt" } else { "json" };
    Ok(Json(json!({ "format": name, "content": content })).into_response())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RevokeBody {
    reason: RevocationReason,
}

async fn revoke(State(state): State<ApiState>, Path(id): Path<String>, Json(body): Json<Value>) -> ApiResult {
    let body: RevokeBody = parse_json(body)?;
    let published = state.issuer.revoke(&id, body.reason).await?;
    Ok(Json(published_view(&state.store, &published)).into_response())
}

async fn stats(State(state): State<ApiState>) -> ApiResult {
    let rows: Vec<Value> = state
        .issuer
        .stats()?
        .into_iter()
        .map(|((achievement, month), s)| {
            json!({ "achievement": achievement, "month": month, "issued": s.issued, "revoked": s.revoked })
        })
        .collect();
    Ok(Json(Value::Array(rows)).into_response())
}

/// The view of a verification: the verdict, each check, and what the
/// credential says.
fn verification_view(v: &Verification) -> Value {
    let facts = v.facts.as_ref().map(|f| {
        json!({
            "id": f.id,
            "name": f.name,
            "issuer": f.issuer.to_did(),
            "issuer_name": f.issuer_name,
            "learner_name": f.learner_name,
            "achievement": f.achievement_uri,
            "achievement_name": f.achievement_name,
            "awarded": f.awarded_day,
            "valid_from": f.valid_from,
            "valid_until": f.valid_until,
        })
    });
    let issuer = v.issuer.as_ref().map(|(i, p)| {
        json!({
            "id": i.id.to_did(),
            "name": i.name,
            "institution": p.institution.as_str(),
            "country": i.country,
            "city": i.city,
            "website": i.website,
        })
    });
    json!({
        "verdict": v.verdict,
        "valid": v.verdict == credentials::Verdict::Valid,
        "summary": v.verdict.describe(),
        "format": v.format,
        "checks": v.checks,
        "credential": facts,
        "issuer": issuer,
        "delegated_by": v.delegated_by.as_ref().map(|i| json!({ "id": i.id.to_did(), "name": i.name })),
        "revocation": v.revocation.as_ref().map(|(r, ts)| json!({ "reason": r.reason, "ts": ts })),
    })
}

/// Verifies the credential in the body (the file's text). An invalid
/// credential is an answer, not an error: the status is 200 and `verdict`
/// says why.
async fn verify(State(state): State<ApiState>, body: String) -> ApiResult {
    let store = state.store.clone();
    let verification = tokio::task::spawn_blocking(move || credentials::verify(&store, &body, chrono::Utc::now()))
        .await
        .map_err(internal)??;
    let mut view = verification_view(&verification);
    if let Some(facts) = &verification.facts {
        view["trust"] = Views::new(&state.store).trust(facts.issuer);
    }
    Ok(Json(view).into_response())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DelegateBody {
    achievement: String,
    delegate: String,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    until: Option<String>,
}

fn institution_param(field: &str, value: &str) -> Result<InstitutionId, ApiError> {
    value.parse().map_err(|e| ApiError::invalid(field, format!("must be an institution's did:key:z6Mk… ({e})")))
}

async fn delegate(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: DelegateBody = parse_json(body)?;
    let delegate = institution_param("delegate", &body.delegate)?;
    let published = state.issuer.delegate(&body.achievement, delegate, body.from, body.until).await?;
    Ok((StatusCode::CREATED, Json(published_view(&state.store, &published))).into_response())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EndDelegationBody {
    achievement: String,
    delegate: String,
}

async fn end_delegation(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: EndDelegationBody = parse_json(body)?;
    let delegate = institution_param("delegate", &body.delegate)?;
    let published = state.issuer.end_delegation(&body.achievement, delegate).await?;
    Ok(Json(published_view(&state.store, &published)).into_response())
}

async fn list_delegations(State(state): State<ApiState>) -> ApiResult {
    let records = state.issuer.delegations()?;
    Ok(Json(Views::new(&state.store).records(&records)).into_response())
}
