//! Erasure at the learner's request (`/mobility/{thread}/erase`), behind a
//! confirmation that says exactly what goes on both nodes and what
//! anonymised trace stays (what `Mobility::erase` and the partner's
//! `receive_erasure` do).

use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use serde_json::{Map, Value};
use vetnet_views::ThreadDetail;

use super::{load, name_of, partner, thread_page};
use crate::dashboard::i18n::Tr;
use crate::dashboard::pages::records::api_failure;
use crate::dashboard::pages::view::percent;
use crate::dashboard::{Chrome, Ctx, Posted, notice, render, see_other};

#[derive(Template)]
#[template(path = "mobility_erase.html")]
struct ErasePage {
    t: Tr,
    chrome: Chrome,
    heading: String,
    partner: String,
    steps: usize,
    credential: bool,
    action: String,
    cancel: String,
}

fn erased_already(ctx: &Ctx, detail: &ThreadDetail) -> Option<Response> {
    detail.erased.then(|| notice(axum::http::StatusCode::GONE, &ctx.t, "erase-done-title", "erase-done-body"))
}

pub async fn confirm(ctx: Ctx, Path(thread): Path<String>) -> Response {
    let detail = match load(&ctx, &thread).await {
        Ok(detail) => detail,
        Err(page) => return page,
    };
    if let Some(page) = erased_already(&ctx, &detail) {
        return page;
    }
    let base = thread_page(&detail.thread);
    let learner =
        detail.facts.learner.as_ref().map(|l| l.name.clone()).unwrap_or_else(|| ctx.t.msg("erase-no-learner"));
    render(&ErasePage {
        heading: ctx.t.msg1("erase-title", "learner", &learner),
        partner: name_of(&partner(detail.role, &detail.school, &detail.host)),
        steps: detail.steps.len(),
        credential: detail.facts.credential.is_some(),
        action: format!("{base}/erase"),
        cancel: base,
        chrome: ctx.chrome("mobility"),
        t: ctx.t.clone(),
    })
}

pub async fn erase(Path(thread): Path<String>, posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let detail = match load(&ctx, &thread).await {
        Ok(detail) => detail,
        Err(page) => return page,
    };
    if let Some(page) = erased_already(&ctx, &detail) {
        return page;
    }
    let mut body = Map::new();
    if let Some(reason) = form.value("reason") {
        body.insert("reason".into(), Value::from(reason));
    }
    let path = format!("/v1/mobility/{}/erase", percent(&detail.thread));
    match ctx.dash.post::<_, serde::de::IgnoredAny>(&path, &Value::Object(body)).await {
        Ok(_) => see_other(&format!("{}?done=erase", thread_page(&detail.thread))),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}
