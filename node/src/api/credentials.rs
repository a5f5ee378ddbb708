//! The credential endpoints: issuing, listing, exporting, revoking,
//! statistics, delegations and verification.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;
use vetnet_protocol::{Content, InstitutionId, RecordKind};
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
        .route("/v1/delegations/received", get(received_delegations))
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
#[utoipa::path(
    post,
    path = "/v1/credentials",
    tag = "credentials",
    operation_id = "issue_credentials",
    description = "Signs an Open Badges 3.0 credential for every row, or for none. `achievement` is one of this institution's achievement ids or `did:key:…/id` of one delegated to it; `learner_name` is required; `date` (default today) and `valid_until` are days `YYYY-MM-DD`; `learner_email` is kept hashed in the credential.",
    request_body = views::IssueInput,
    responses(
        (status = 201, description = "The credentials issued, in the order of the rows.", body = Vec<views::CredentialSummary>),
        (status = 400, description = "A row breaks a rule; nothing was issued. One row error answers `invalid` with its `field` and `rule`, several `invalid_rows` with `rows` (each `row` counted from 1).", body = views::ErrorBody, example = json!({"error": {"code": "invalid_rows", "message": "1 row(s) cannot be issued (row 2: learner_name: is required); nothing was issued", "rows": [{"row": 2, "field": "learner_name", "rule": "is required"}]}})),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
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

/// Every credential this node issued.
#[utoipa::path(
    get,
    path = "/v1/credentials",
    tag = "credentials",
    operation_id = "list_credentials",
    responses(
        (status = 200, description = "Every credential this node issued, with its revocation if any.", body = Vec<views::CredentialSummary>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn list(State(state): State<ApiState>) -> ApiResult {
    ok(&list_credentials(&state)?)
}

/// One issued credential.
#[utoipa::path(
    get,
    path = "/v1/credentials/{id}",
    tag = "credentials",
    operation_id = "get_credential",
    params(
        ("id" = String, Path, description = "The credential's id, `urn:uuid:<uuid>`."),
    ),
    responses(
        (status = 200, description = "The credential's summary and its signed document.", body = views::CredentialDetail),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node issued no credential with that id (`not_found`).", body = views::ErrorBody),
    )
)]
async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&get_credential(&state, &id)?)
}

#[derive(serde::Deserialize)]
struct ExportParams {
    format: Option<String>,
}

/// Exports an issued credential.
#[utoipa::path(
    get,
    path = "/v1/credentials/{id}/export",
    tag = "credentials",
    operation_id = "export_credential",
    params(
        ("id" = String, Path, description = "The credential's id, `urn:uuid:<uuid>`."),
        ("format" = Option<String>, Query, description = "`json` (the default, with its Data Integrity proof; `ldp` is the same) or `jwt` (a VC-JWT)."),
    ),
    responses(
        (status = 200, description = "The credential as a file's content.", body = views::ExportView),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node issued no credential with that id (`not_found`).", body = views::ErrorBody),
    )
)]
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

/// Revokes an issued credential.
#[utoipa::path(
    post,
    path = "/v1/credentials/{id}/revoke",
    tag = "credentials",
    operation_id = "revoke_credential",
    description = "Publishes the revocation of a credential this node issued. `reason` is `issued-in-error`, `superseded`, `misconduct` or `withdrawn`.",
    params(
        ("id" = String, Path, description = "The credential's id, `urn:uuid:<uuid>`."),
    ),
    request_body = views::RevokeCredentialInput,
    responses(
        (status = 200, description = "The revocation record as published.", body = views::PublishedView<views::Revocation>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node issued no credential with that id (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "The credential is revoked already (`revoked`), or was issued under a key this institution rotated away from (`old_key`).", body = views::ErrorBody),
    )
)]
async fn revoke(State(state): State<ApiState>, Path(id): Path<String>, Json(body): Json<Value>) -> ApiResult {
    let body: views::RevokeCredentialInput = parse_json(body)?;
    let published = state.issuer.revoke(&id, body.reason.into_protocol()).await?;
    ok(&published_view::<views::Revocation>(&state.store, state.today(), &published))
}

/// Credentials issued and revoked.
#[utoipa::path(
    get,
    path = "/v1/credentials/stats",
    tag = "credentials",
    operation_id = "credential_stats",
    responses(
        (status = 200, description = "Per achievement and month, how many credentials were issued and revoked.", body = Vec<views::CredentialStatsRow>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
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
    views::CheckView {
        name: check.name.to_owned(),
        status,
        detail: check.detail.clone(),
        code: check.code.to_owned(),
        args: check.args.iter().map(|(name, value)| ((*name).to_owned(), value.clone())).collect(),
    }
}

/// Verifies a credential file's text. An invalid credential is an answer,
/// not an error: `verdict` says why.
pub async fn verify_credential(state: &ApiState, text: String) -> Result<views::VerificationView, ApiError> {
    let store = state.store.clone();
    let now = state.publisher.clock().now_utc();
    let verification =
        tokio::task::spawn_blocking(move || credentials::verify(&store, &text, now)).await.map_err(internal)??;
    let mut view = verification_view(&verification);
    if let Some(facts) = &verification.facts {
        view.trust = Some(ViewBuilder::new(&state.store, state.today()).trust(facts.issuer));
    }
    Ok(view)
}

/// Verifies the credential in the body (the file's text); the status is 200
/// whatever the verdict.
#[utoipa::path(
    post,
    path = "/v1/credentials/verify",
    tag = "credentials",
    operation_id = "verify_credential",
    description = "Verifies a credential offline against this node's records: its proof, its issuer's key and delegation, its revocation and its dates. The body is the credential file's text as it is (JSON with a Data Integrity proof, or a VC-JWT), of any content type.",
    request_body(content = String, description = "The credential file's text.", content_type = "text/plain"),
    responses(
        (status = 200, description = "The verdict, each check, what the credential says and its issuer's trust. `valid` is false for any verdict but `valid`.", body = views::VerificationView),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn verify(State(state): State<ApiState>, body: String) -> ApiResult {
    ok(&verify_credential(&state, body).await?)
}

fn institution_param(field: &str, value: &str) -> Result<InstitutionId, ApiError> {
    value.parse().map_err(|e| ApiError::invalid(field, format!("must be an institution's did:key:z6Mk… ({e})")))
}

/// Delegates issuing an achievement.
#[utoipa::path(
    post,
    path = "/v1/delegations",
    tag = "credentials",
    operation_id = "delegate",
    description = "Lets another institution issue credentials for one of this institution's achievements (or changes the dates of that delegation). `achievement` is the id of an achievement this institution publishes; `delegate` must be an institution's `did:key:z6Mk…`; `from` (default today) and `until` are days `YYYY-MM-DD`.",
    request_body = views::DelegateInput,
    responses(
        (status = 201, description = "The delegation as published.", body = views::PublishedView<views::Delegation>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn delegate(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: views::DelegateInput = parse_json(body)?;
    let delegate = institution_param("delegate", &body.delegate)?;
    let published = state.issuer.delegate(&body.achievement, delegate, body.from, body.until).await?;
    Ok(answer(StatusCode::CREATED, &published_view::<views::Delegation>(&state.store, state.today(), &published)))
}

/// Ends a delegation.
#[utoipa::path(
    post,
    path = "/v1/delegations/end",
    tag = "credentials",
    operation_id = "end_delegation",
    description = "Ends a delegation today: credentials issued under it so far stay valid, later ones are refused. This institution must have delegated `achievement` to `delegate`, which must be an institution's `did:key:z6Mk…`.",
    request_body = views::EndDelegationInput,
    responses(
        (status = 200, description = "The delegation as published, with `until` today.", body = views::PublishedView<views::Delegation>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn end_delegation(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: views::EndDelegationInput = parse_json(body)?;
    let delegate = institution_param("delegate", &body.delegate)?;
    let published = state.issuer.end_delegation(&body.achievement, delegate).await?;
    ok(&published_view::<views::Delegation>(&state.store, state.today(), &published))
}

/// This institution's delegations.
#[utoipa::path(
    get,
    path = "/v1/delegations",
    tag = "credentials",
    operation_id = "list_delegations",
    responses(
        (status = 200, description = "The live delegations this institution published.", body = [views::RecordView<views::Delegation>]),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn list_delegations(State(state): State<ApiState>) -> ApiResult {
    let records = state.issuer.delegations()?;
    ok(&ViewBuilder::new(&state.store, state.today()).records::<views::Delegation>(&records))
}

/// The live delegations other institutions gave this one, newest first.
pub fn delegations_received(state: &ApiState) -> Result<Vec<views::DelegationView>, ApiError> {
    let me = state.publisher.institution().to_did();
    let hashes: Vec<_> = {
        let index = state.store.search_index();
        index.entries(&index.all(RecordKind::Delegation.as_str())).into_iter().map(|entry| entry.hash).collect()
    };
    let mut records = state.store.get_many(&hashes)?;
    records.retain(|r| matches!(&r.content, Content::Delegation(d) if d.delegate == me));
    records.sort_by(|a, b| b.payload.ts.cmp(&a.payload.ts).then_with(|| a.hash.0.cmp(&b.hash.0)));
    Ok(ViewBuilder::new(&state.store, state.today()).records::<views::Delegation>(&records))
}

/// The delegations this institution received.
#[utoipa::path(
    get,
    path = "/v1/delegations/received",
    tag = "credentials",
    operation_id = "list_received_delegations",
    responses(
        (status = 200, description = "The live delegations other institutions published naming this institution as `delegate`, newest first (ended ones included until withdrawn: `until` says when they end).", body = [views::RecordView<views::Delegation>]),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn received_delegations(State(state): State<ApiState>) -> ApiResult {
    ok(&delegations_received(&state)?)
}
