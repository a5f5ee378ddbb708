//! The credential endpoints: issuing, listing, exporting, revoking,
//! statistics, delegations and verification.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;
use vetnet_protocol::InstitutionId;
use vetnet_views as views;

use super::convert::{IntoProtocol, ToView};
use super::views::published_view;
use super::{ApiError, ApiResult, ApiState, ViewBuilder, answer, ok, parse_json};
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
                error.rows = Some(
                    rows.iter()
                        .map(|r| views::RowError { row: r.row, field: r.field.clone(), rule: r.rule.clone() })
                        .collect(),
                );
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
    ApiError::internal(e)
}

/// The summary of an issued credential (its signed document is in `show`).
pub fn summary(state: &ApiState, credential: &IssuedCredential) -> Result<views::CredentialSummary, ApiError> {
    let revocation = state.issuer.revocation(&credential.id)?;
    Ok(views::CredentialSummary {
        id: credential.id.clone(),
        achievement: credential.achievement_id.clone(),
        achievement_author: credential.achievement_author.clone(),
        achievement_name: credential.achievement_name.clone(),
        learner_name: credential.learner_name.clone(),
        learner_email: credential.learner_email,
        awarded: credential.awarded.clone(),
        valid_until: credential.valid_until.clone(),
        grade: credential.grade.clone(),
        issued_at: credential.issued_at,
        revoked: revocation.as_ref().map(revoked_view),
    })
}

fn revoked_view((revocation, ts): &(vetnet_protocol::revocation::RevocationBody, u64)) -> views::RevokedView {
    views::RevokedView { reason: revocation.reason.to_view(), ts: *ts }
}

/// The issue body as the API reads it: each row on its own, so that every
/// row's errors are named.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IssueBody {
    credentials: Vec<Value>,
}

fn issue_request(row: views::IssueRow) -> IssueRequest {
    IssueRequest {
        achievement: row.achievement,
        learner_name: row.learner_name,
        learner_email: row.learner_email,
        grade: row.grade,
        date: row.date,
        valid_until: row.valid_until,
    }
}

/// Issues every credential of the body, or none (`invalid_rows` lists each
/// row's errors).
async fn issue(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: IssueBody = parse_json(body)?;
    let mut requests = Vec::with_capacity(body.credentials.len());
    let mut errors = Vec::new();
    for (i, row) in body.credentials.into_iter().enumerate() {
        match serde_path_to_error::deserialize::<_, views::IssueRow>(row) {
            Ok(request) => requests.push(issue_request(request)),
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
    Ok(answer(StatusCode::CREATED, &views))
}

/// Every credential this node issued.
pub fn list_credentials(state: &ApiState) -> Result<Vec<views::CredentialSummary>, ApiError> {
    state.issuer.list()?.iter().map(|c| summary(state, c)).collect()
}

/// One issued credential with its signed document.
pub fn get_credential(state: &ApiState, id: &str) -> Result<views::CredentialDetail, ApiError> {
    let credential = state.issuer.get(id)?;
    Ok(views::CredentialDetail {
        summary: summary(state, &credential)?,
        document: serde_json::from_str(&credential.document).map_err(internal)?,
    })
}

async fn list(State(state): State<ApiState>) -> ApiResult {
    ok(&list_credentials(&state)?)
}

async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&get_credential(&state, &id)?)
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
    ok(&views::ExportView { format: name.to_owned(), content })
}

async fn revoke(State(state): State<ApiState>, Path(id): Path<String>, Json(body): Json<Value>) -> ApiResult {
    let body: views::RevokeCredentialInput = parse_json(body)?;
    let published = state.issuer.revoke(&id, body.reason.into_protocol()).await?;
    ok(&published_view::<views::Revocation>(&state.store, &published))
}

async fn stats(State(state): State<ApiState>) -> ApiResult {
    let rows: Vec<views::CredentialStatsRow> = state
        .issuer
        .stats()?
        .into_iter()
        .map(|((achievement, month), s)| views::CredentialStatsRow {
            achievement,
            month,
            issued: s.issued,
            revoked: s.revoked,
        })
        .collect();
    ok(&rows)
}

/// The view of a verification: the verdict, each check, and what the
/// credential says.
fn verification_view(v: &Verification) -> views::VerificationView {
    let credential = v.facts.as_ref().map(|f| views::CredentialFactsView {
        id: f.id.clone(),
        name: f.name.clone(),
        issuer: f.issuer.to_did(),
        issuer_name: f.issuer_name.clone(),
        learner_name: f.learner_name.clone(),
        achievement: f.achievement_uri.clone(),
        achievement_name: f.achievement_name.clone(),
        awarded: f.awarded_day.clone(),
        valid_from: f.valid_from.clone(),
        valid_until: f.valid_until.clone(),
    });
    let issuer = v.issuer.as_ref().map(|(i, p)| views::IssuerView {
        id: i.id.to_did(),
        name: i.name.clone(),
        institution: p.institution.to_view(),
        country: i.country.clone(),
        city: i.city.clone(),
        website: i.website.clone(),
    });
    views::VerificationView {
        verdict: verdict_view(v.verdict),
        valid: v.verdict == credentials::Verdict::Valid,
        summary: v.verdict.describe().to_owned(),
        format: v.format.map(str::to_owned),
        checks: v.checks.iter().map(check_view).collect(),
        credential,
        issuer,
        delegated_by: v.delegated_by.as_ref().map(|i| views::DelegatorView { id: i.id.to_did(), name: i.name.clone() }),
        revocation: v.revocation.as_ref().map(revoked_view),
        trust: None,
    }
}

fn verdict_view(verdict: credentials::Verdict) -> views::Verdict {
    use credentials::Verdict as V;
    match verdict {
        V::Valid => views::Verdict::Valid,
        V::Malformed => views::Verdict::Malformed,
        V::Tampered => views::Verdict::Tampered,
        V::UnknownIssuer => views::Verdict::UnknownIssuer,
        V::NotDelegated => views::Verdict::NotDelegated,
        V::KeyRetired => views::Verdict::KeyRetired,
        V::Revoked => views::Verdict::Revoked,
        V::Expired => views::Verdict::Expired,
        V::NotYetValid => views::Verdict::NotYetValid,
    }
}

fn check_view(check: &credentials::Check) -> views::CheckView {
    let status = match check.status {
        "pass" => views::CheckStatus::Pass,
        "skip" => views::CheckStatus::Skip,
        _ => views::CheckStatus::Fail,
    };
    views::CheckView { name: check.name.to_owned(), status, detail: check.detail.clone() }
}

/// Verifies a credential file's text. An invalid credential is an answer,
/// not an error: `verdict` says why.
pub async fn verify_credential(state: &ApiState, text: String) -> Result<views::VerificationView, ApiError> {
    let store = state.store.clone();
    let verification = tokio::task::spawn_blocking(move || credentials::verify(&store, &text, chrono::Utc::now()))
        .await
        .map_err(internal)??;
    let mut view = verification_view(&verification);
    if let Some(facts) = &verification.facts {
        view.trust = Some(ViewBuilder::new(&state.store).trust(facts.issuer));
    }
    Ok(view)
}

/// Verifies the credential in the body (the file's text); the status is 200
/// whatever the verdict.
async fn verify(State(state): State<ApiState>, body: String) -> ApiResult {
    ok(&verify_credential(&state, body).await?)
}

fn institution_param(field: &str, value: &str) -> Result<InstitutionId, ApiError> {
    value.parse().map_err(|e| ApiError::invalid(field, format!("must be an institution's did:key:z6Mk… ({e})")))
}

async fn delegate(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: views::DelegateInput = parse_json(body)?;
    let delegate = institution_param("delegate", &body.delegate)?;
    let published = state.issuer.delegate(&body.achievement, delegate, body.from, body.until).await?;
    Ok(answer(StatusCode::CREATED, &published_view::<views::Delegation>(&state.store, &published)))
}

async fn end_delegation(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: views::EndDelegationInput = parse_json(body)?;
    let delegate = institution_param("delegate", &body.delegate)?;
    let published = state.issuer.end_delegation(&body.achievement, delegate).await?;
    ok(&published_view::<views::Delegation>(&state.store, &published))
}

async fn list_delegations(State(state): State<ApiState>) -> ApiResult {
    let records = state.issuer.delegations()?;
    ok(&ViewBuilder::new(&state.store).records::<views::Delegation>(&records))
}
