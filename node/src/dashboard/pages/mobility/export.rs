//! A thread's signed document: downloaded (`/mobility/{thread}/export`, an
//! attachment), and checked on the verifier page (`/mobility/verify`),
//! pasted or uploaded, with the verdict in words.

use askama::Template;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use vetnet_views::{ExportedThread, ThreadVerification};

use super::fields::{Input, Inputs, Refusal};
use super::name_of;
use crate::dashboard::form::FormData;
use crate::dashboard::i18n::Tr;
use crate::dashboard::pages::records::api_failure;
use crate::dashboard::pages::view::percent;
use crate::dashboard::{Chrome, Ctx, Posted, render_with};

pub async fn download(ctx: Ctx, Path(thread): Path<String>) -> Response {
    let document = match ctx.dash.get::<ExportedThread>(&format!("/v1/mobility/{}/export", percent(&thread))).await {
        Ok(document) => document,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let Ok(json) = serde_json::to_string_pretty(&document) else {
        return api_failure(&ctx, &crate::dashboard::ApiRefusal::internal("the export did not serialise".into()));
    };
    let name: String = document.thread.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.vetnet-thread.json\"")),
        ],
        json,
    )
        .into_response()
}

/// The verdict, in words.
pub struct Verdict {
    pub valid: bool,
    pub headline: String,
    pub lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "mobility_verify.html")]
struct VerifyPage {
    t: Tr,
    chrome: Chrome,
    inputs: Vec<Input>,
    general_error: Option<String>,
    verdict: Option<Verdict>,
}

fn page(ctx: &Ctx, values: &FormData, refusal: &Refusal, verdict: Option<Verdict>) -> VerifyPage {
    let inputs = Inputs { t: &ctx.t, values, refusal };
    VerifyPage {
        inputs: vec![
            inputs.input("file", "file", "thread-file", false),
            inputs.input("document", "textarea", "thread-text", false),
        ],
        general_error: refusal.general.clone(),
        verdict,
        chrome: ctx.chrome("mobility"),
        t: ctx.t.clone(),
    }
}

pub async fn verify_form(ctx: Ctx) -> Response {
    render_with(StatusCode::OK, &page(&ctx, &FormData::default(), &Refusal::default(), None))
}

pub async fn verify(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let t = &ctx.t;
    let text = form.value("file").or_else(|| form.value("document")).unwrap_or("");
    let field = if form.value("file").is_some() { "file" } else { "document" };
    let refused = |rule: String| {
        let refusal = Refusal { field: Some((field.to_owned(), rule)), general: None };
        render_with(StatusCode::BAD_REQUEST, &page(&ctx, &form, &refusal, None))
    };
    if text.is_empty() {
        return refused(t.msg("thread-verify-empty"));
    }
    let document: ExportedThread = match serde_json::from_str(text) {
        Ok(document) => document,
        Err(e) => return refused(t.msg1("verify-unreadable", "error", e.to_string())),
    };
    match ctx.dash.post::<_, ThreadVerification>("/v1/mobility/verify", &document).await {
        Ok(answer) => render_with(
            StatusCode::OK,
            &page(&ctx, &FormData::default(), &Refusal::default(), Some(verdict(t, &answer))),
        ),
        Err(refusal) if refusal.status.is_client_error() => refused(refusal.message().to_owned()),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

fn verdict(t: &Tr, answer: &ThreadVerification) -> Verdict {
    if !answer.valid {
        let field = answer.field.clone().unwrap_or_default();
        let reason = answer.reason.clone().unwrap_or_default();
        return Verdict {
            valid: false,
            headline: t.msg("verdict-invalid"),
            lines: vec![t.msg2("verdict-invalid-why", ("field", field), ("reason", reason))],
        };
    }
    let mut lines = Vec::new();
    if let Some(steps) = answer.steps {
        lines.push(t.msg1("verdict-steps", "count", t.number(steps as u64)));
    }
    if let (Some(school), Some(host)) = (&answer.school, &answer.host) {
        lines.push(t.msg2("verdict-parties", ("school", name_of(school)), ("host", name_of(host))));
    }
    if let Some(status) = answer.status {
        lines.push(t.msg1("verdict-status", "status", t.msg(&format!("status-{status}"))));
    }
    if let Some(learner) = &answer.facts.learner {
        lines.push(t.msg1("verdict-learner", "name", &learner.name));
    }
    if let Some(agreement) = &answer.facts.agreement {
        let key = if agreement.complete { "verdict-agreement-signed" } else { "verdict-agreement-unsigned" };
        lines.push(t.msg1(key, "version", agreement.version));
    }
    if let Some(credential) = &answer.facts.credential {
        lines.push(t.msg1("verdict-credential", "achievement", &credential.achievement));
    }
    if let Some(recognition) = &answer.facts.recognition {
        lines.push(t.msg1("verdict-recognition", "decision", t.msg(&format!("decision-{}", recognition.decision))));
    }
    Verdict { valid: true, headline: t.msg("verdict-valid"), lines }
}
