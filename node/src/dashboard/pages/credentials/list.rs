//! Issued credentials: the list with its filters (achievement, status,
//! month, learner), one credential with every fact, its downloads (Open
//! Badges 3.0 JSON, VC-JWT) and its revocation with the reason as a choice.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::IgnoredAny;
use vetnet_views::{CredentialDetail, CredentialSummary, ExportView, RevocationReason, RevokeCredentialInput};

use super::super::records::api_failure;
use super::super::view::percent;
use super::keyword_choices;
use crate::dashboard::form::Choice;
use crate::dashboard::i18n::Tr;
use crate::dashboard::{ApiRefusal, Chrome, Ctx, Posted, notice, render, render_with, see_other};

const STATUSES: &[&str] = &["valid", "revoked"];
const REASONS: &[&str] = &["issued-in-error", "superseded", "misconduct", "withdrawn"];

pub struct CredentialRow {
    pub id: String,
    pub link: String,
    pub learner: String,
    pub achievement: String,
    pub awarded: String,
    pub status: String,
    pub revoked: bool,
}

fn row(t: &Tr, c: &CredentialSummary) -> CredentialRow {
    CredentialRow {
        id: c.id.clone(),
        link: format!("/credentials/{}", percent(&c.id)),
        learner: c.learner_name.clone(),
        achievement: c.achievement_name.clone(),
        awarded: t.date(&c.awarded),
        status: status_of(t, c),
        revoked: c.revoked.is_some(),
    }
}

fn status_of(t: &Tr, c: &CredentialSummary) -> String {
    match &c.revoked {
        Some(r) => t.msg2(
            "cred-revoked-on",
            ("date", t.timestamp(r.ts)),
            ("reason", t.msg(&format!("cred-reason-{}", r.reason))),
        ),
        None => t.msg("cred-status-valid"),
    }
}

#[derive(serde::Deserialize, Default)]
pub struct ListParams {
    #[serde(default)]
    achievement: String,
    #[serde(default)]
    status: String,
    /// `YYYY-MM`: credentials awarded that month.
    #[serde(default)]
    month: String,
    #[serde(default)]
    learner: String,
    /// How many credentials a class upload just issued.
    #[serde(default)]
    issued: Option<usize>,
}

impl ListParams {
    fn keeps(&self, c: &CredentialSummary) -> bool {
        let learner = self.learner.trim().to_lowercase();
        (self.achievement.is_empty() || c.achievement == self.achievement)
            && match self.status.as_str() {
                "valid" => c.revoked.is_none(),
                "revoked" => c.revoked.is_some(),
                _ => true,
            }
            && (self.month.is_empty() || c.awarded.starts_with(self.month.trim()))
            && (learner.is_empty() || c.learner_name.to_lowercase().contains(&learner))
    }

    fn is_filtered(&self) -> bool {
        !(self.achievement.is_empty() && self.status.is_empty() && self.month.is_empty() && self.learner.is_empty())
    }
}

#[derive(Template)]
#[template(path = "credentials/list.html")]
struct ListPage {
    t: Tr,
    chrome: Chrome,
    rows: Vec<CredentialRow>,
    /// How many are shown of how many.
    shown: String,
    filtered: bool,
    achievements: Vec<Choice>,
    statuses: Vec<Choice>,
    month: String,
    learner: String,
    done: Option<String>,
}

pub async fn list(ctx: Ctx, Query(params): Query<ListParams>) -> Response {
    let all = match ctx.dash.get::<Vec<CredentialSummary>>("/v1/credentials").await {
        Ok(all) => all,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let t = &ctx.t;
    let mut achievements: Vec<(String, String)> =
        all.iter().map(|c| (c.achievement.clone(), format!("{} ({})", c.achievement_name, c.achievement))).collect();
    achievements.sort();
    achievements.dedup();
    let rows: Vec<CredentialRow> = all.iter().filter(|c| params.keeps(c)).map(|c| row(t, c)).collect();
    render(&ListPage {
        shown: t.msg2(
            "credentials-shown",
            ("shown", t.number(rows.len() as u64)),
            ("total", t.number(all.len() as u64)),
        ),
        rows,
        filtered: params.is_filtered(),
        achievements: super::choices_of(&achievements, Some(params.achievement.as_str())),
        statuses: STATUSES
            .iter()
            .map(|s| Choice {
                value: (*s).to_owned(),
                label: t.msg(&format!("cred-status-{s}")),
                selected: params.status == *s,
            })
            .collect(),
        month: params.month.clone(),
        learner: params.learner.clone(),
        done: params.issued.map(|n| t.msg1("cred-done-class-issued", "n", t.number(n as u64))),
        chrome: ctx.chrome("credentials"),
        t: t.clone(),
    })
}

#[derive(Template)]
#[template(path = "credentials/show.html")]
struct ShowPage {
    t: Tr,
    chrome: Chrome,
    row: CredentialRow,
    /// Label and value of every fact.
    facts: Vec<(String, String)>,
    /// The credential's id in addresses.
    path_id: String,
    done: Option<String>,
}

fn facts(t: &Tr, c: &CredentialSummary) -> Vec<(String, String)> {
    let yes_no = |b: bool| t.msg(if b { "yes" } else { "no" });
    vec![
        (t.msg("cred-field-learner-name"), c.learner_name.clone()),
        (t.msg("cred-field-achievement"), format!("{} ({})", c.achievement_name, c.achievement)),
        (t.msg("cred-awarded"), t.date(&c.awarded)),
        (
            t.msg("cred-field-valid-until"),
            c.valid_until.as_deref().map(|d| t.date(d)).unwrap_or_else(|| t.msg("no-end")),
        ),
        (t.msg("cred-field-grade"), c.grade.clone().unwrap_or_else(|| "–".to_owned())),
        (t.msg("cred-email"), yes_no(c.learner_email)),
        (t.msg("cred-issued-at"), t.timestamp(c.issued_at)),
        (t.msg("cred-status"), status_of(t, c)),
        (t.msg("cred-achievement-author"), c.achievement_author.clone()),
    ]
}

#[derive(serde::Deserialize)]
pub struct ShowParams {
    #[serde(default)]
    done: Option<String>,
}

async fn fetch(ctx: &Ctx, id: &str) -> Result<CredentialDetail, ApiRefusal> {
    ctx.dash.get::<CredentialDetail>(&format!("/v1/credentials/{}", percent(id))).await
}

pub async fn show(ctx: Ctx, Path(id): Path<String>, Query(params): Query<ShowParams>) -> Response {
    let detail = match fetch(&ctx, &id).await {
        Ok(detail) => detail,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let t = &ctx.t;
    let c = &detail.summary;
    render(&ShowPage {
        row: row(t, c),
        facts: facts(t, c),
        path_id: percent(&c.id),
        done: params
            .done
            .filter(|d| matches!(d.as_str(), "issued" | "revoked"))
            .map(|d| t.msg(&format!("cred-done-{d}"))),
        chrome: ctx.chrome("credentials"),
        t: t.clone(),
    })
}

/// A file name from a credential id: `urn:uuid:1b4…` → `1b4….json`.
fn file_name(id: &str, extension: &str) -> String {
    let bare = id.strip_prefix("urn:uuid:").unwrap_or(id);
    let safe: String = bare.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    format!("credential-{safe}.{extension}")
}

/// `GET /credentials/{id}/download/json` (Open Badges 3.0 with its Data
/// Integrity proof) or `…/jwt` (VC-JWT), as an attachment.
pub async fn download(ctx: Ctx, Path((id, format)): Path<(String, String)>) -> Response {
    let (content_type, extension) = match format.as_str() {
        "json" => ("application/vc+ld+json", "json"),
        "jwt" => ("application/jwt", "jwt"),
        _ => return notice(StatusCode::NOT_FOUND, &ctx.t, "not-found-title", "not-found-body"),
    };
    let path = format!("/v1/credentials/{}/export?format={format}", percent(&id));
    match ctx.dash.get::<ExportView>(&path).await {
        Ok(export) => (
            [
                (header::CONTENT_TYPE, content_type.to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", file_name(&id, extension))),
            ],
            export.content,
        )
            .into_response(),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

#[derive(Template)]
#[template(path = "credentials/revoke.html")]
struct RevokePage {
    t: Tr,
    chrome: Chrome,
    row: CredentialRow,
    path_id: String,
    reasons: Vec<Choice>,
    error: Option<String>,
}

async fn revoke_page(ctx: &Ctx, id: &str, reason: Option<&str>, error: Option<String>) -> Response {
    let detail = match fetch(ctx, id).await {
        Ok(detail) => detail,
        Err(refusal) => return api_failure(ctx, &refusal),
    };
    let status = if error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    render_with(
        status,
        &RevokePage {
            row: row(&ctx.t, &detail.summary),
            path_id: percent(&detail.summary.id),
            reasons: keyword_choices(&ctx.t, "cred-reason-", REASONS, reason),
            error,
            chrome: ctx.chrome("credentials"),
            t: ctx.t.clone(),
        },
    )
}

pub async fn confirm_revoke(ctx: Ctx, Path(id): Path<String>) -> Response {
    revoke_page(&ctx, &id, None, None).await
}

pub async fn revoke(Path(id): Path<String>, posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let Some(reason) = form.value("reason").and_then(|r| r.parse::<RevocationReason>().ok()) else {
        return revoke_page(&ctx, &id, None, Some(ctx.t.msg("cred-revoke-choose-reason"))).await;
    };
    let path = format!("/v1/credentials/{}/revoke", percent(&id));
    match ctx.dash.post::<_, IgnoredAny>(&path, &RevokeCredentialInput { reason }).await {
        Ok(_) => see_other(&format!("/credentials/{}?done=revoked", percent(&id))),
        Err(refusal) if refusal.status.is_client_error() && refusal.status != StatusCode::NOT_FOUND => {
            revoke_page(&ctx, &id, Some(reason.as_str()), Some(refusal.message().to_owned())).await
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_id() {
        assert_eq!(file_name("urn:uuid:12ab-34", "jwt"), "credential-12ab-34.jwt");
        assert_eq!(file_name("urn:uuid:\"x/y", "json"), "credential-xy.json");
    }
}
