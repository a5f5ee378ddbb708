//! The learner's signing screen (`/mobility/{thread}/learner`): the
//! coordinator hands it over; the learner reads the agreement in a plain
//! layout, confirms, and signs, with the key the school holds for them or
//! with their own key file (multipart: the file's text is `learner_key`).

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value};
use vetnet_views::{KeyCustody, ThreadDetail};

use super::agreement::{AgreementDoc, current};
use super::fields::{Input, Inputs, Refusal};
use super::thread::learner_signature_missing;
use super::{load, step_not_allowed, thread_page};
use crate::dashboard::form::FormData;
use crate::dashboard::i18n::Tr;
use crate::dashboard::pages::records::api_failure;
use crate::dashboard::pages::view::percent;
use crate::dashboard::{Chrome, Ctx, Posted, render_with, see_other};

#[derive(Template)]
#[template(path = "mobility_learner.html")]
struct LearnerPage {
    t: Tr,
    chrome: Chrome,
    learner: String,
    agreement: Option<AgreementDoc>,
    action: String,
    cancel: String,
    confirm: Vec<Input>,
    key_file: Vec<Input>,
    key_error: bool,
    own_key: bool,
    general_error: Option<String>,
}

async fn checked(ctx: &Ctx, thread: &str) -> Result<ThreadDetail, Response> {
    let detail = load(ctx, thread).await?;
    if !learner_signature_missing(&detail) {
        return Err(step_not_allowed(&ctx.t, &detail, "learner"));
    }
    Ok(detail)
}

fn page(ctx: &Ctx, detail: &ThreadDetail, values: &FormData, refusal: &Refusal) -> LearnerPage {
    let t = &ctx.t;
    let inputs = Inputs { t, values, refusal };
    let learner = detail.facts.learner.as_ref();
    let own_key = learner.is_some_and(|l| l.key_custody == KeyCustody::Learner || l.key_held_here == Some(false));
    let base = thread_page(&detail.thread);
    let mut key_file = inputs.input("learner_key", "file", "learner-key-file", own_key);
    key_file.value = String::new();
    LearnerPage {
        learner: learner.map(|l| l.name.clone()).unwrap_or_default(),
        agreement: current(t, detail),
        action: format!("{base}/learner"),
        cancel: base,
        confirm: vec![inputs.input("confirm", "checkbox", "learner-confirm", true)],
        key_error: key_file.error.is_some(),
        key_file: vec![key_file],
        own_key,
        general_error: refusal.general.clone(),
        chrome: ctx.chrome("mobility"),
        t: t.clone(),
    }
}

pub async fn show(ctx: Ctx, Path(thread): Path<String>) -> Response {
    match checked(&ctx, &thread).await {
        Ok(detail) => render_with(StatusCode::OK, &page(&ctx, &detail, &FormData::default(), &Refusal::default())),
        Err(page) => page,
    }
}

pub async fn sign(Path(thread): Path<String>, posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let detail = match checked(&ctx, &thread).await {
        Ok(detail) => detail,
        Err(page) => return page,
    };
    if form.value("confirm").is_none() {
        let refusal = Refusal { field: Some(("confirm".into(), ctx.t.msg("learner-confirm-missing"))), general: None };
        return render_with(StatusCode::BAD_REQUEST, &page(&ctx, &detail, &form, &refusal));
    }
    let mut body = Map::new();
    body.insert("as".into(), Value::from("learner"));
    if let Some(key) = form.value("learner_key") {
        body.insert("learner_key".into(), Value::from(key));
    }
    let path = format!("/v1/mobility/{}/sign", percent(&detail.thread));
    match ctx.dash.post::<_, serde::de::IgnoredAny>(&path, &Value::Object(body)).await {
        Ok(_) => see_other(&format!("{}?done=learner", thread_page(&detail.thread))),
        Err(refusal) if refusal.status.is_client_error() && refusal.status != StatusCode::NOT_FOUND => {
            let refusal = Refusal::from_api(&["learner_key".to_owned(), "as".to_owned()], &refusal.body);
            render_with(StatusCode::BAD_REQUEST, &page(&ctx, &detail, &form, &refusal))
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}
