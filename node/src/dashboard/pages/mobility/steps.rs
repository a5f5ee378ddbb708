//! The form of each step (`/mobility/{thread}/{step}`: nominate, accept,
//! refuse, agree, sign, complete, recognise, cancel). A step this
//! institution may not take now is refused with a page (409) on GET and on
//! POST alike, before any call to the API's step; a step the API refuses
//! shows the form again, the reader's values kept and the rule beside its
//! field.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde::de::IgnoredAny;
use vetnet_views::{AchievementView, StepKind, ThreadDetail};

use super::agreement::{AgreementDoc, current};
use super::fields::{Group, Inputs, Refusal, names};
use super::step_forms::{body_of, defaults, groups_of};
use super::thread::own_signature_missing;
use super::{STEP_VERBS, load, name_of, partner, step_not_allowed, thread_page};
use crate::dashboard::form::FormData;
use crate::dashboard::i18n::Tr;
use crate::dashboard::pages::records::api_failure;
use crate::dashboard::pages::view::percent;
use crate::dashboard::{Chrome, Ctx, Posted, notice, render_with, see_other};

#[derive(Template)]
#[template(path = "mobility_step.html")]
pub struct StepPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub heading: String,
    pub intro: String,
    pub thread_heading: String,
    pub action: String,
    pub cancel: String,
    pub groups: Vec<Group>,
    pub has_field_errors: bool,
    pub general_error: Option<String>,
    pub submit: String,
    pub danger: bool,
    pub multipart: bool,
    /// The agreement the step is about (to sign it), shown above the form.
    pub agreement: Option<AgreementDoc>,
    /// The credential the completion brought (to recognise it).
    pub credential: Option<(String, String)>,
}

/// The step a page address names, if it is one.
fn step_of(verb: &str) -> Option<StepKind> {
    STEP_VERBS.iter().find(|(v, _)| *v == verb).map(|(_, k)| *k)
}

/// Whether this institution may take `kind` now (for a signature: its own,
/// the learner's being given on the learner's screen).
fn allowed(detail: &ThreadDetail, kind: StepKind) -> bool {
    match kind {
        StepKind::Signature => own_signature_missing(detail),
        other => detail.next_steps.contains(&other),
    }
}

/// The thread and the step, when this institution may take it; otherwise
/// the page that says why not.
async fn checked(ctx: &Ctx, thread: &str, verb: &str) -> Result<(ThreadDetail, StepKind), Response> {
    let Some(kind) = step_of(verb) else {
        return Err(notice(StatusCode::NOT_FOUND, &ctx.t, "not-found-title", "not-found-body"));
    };
    let detail = load(ctx, thread).await?;
    if !allowed(&detail, kind) {
        return Err(step_not_allowed(&ctx.t, &detail, verb));
    }
    Ok((detail, kind))
}

/// The host's own achievements, for the credential of a completion.
async fn achievements(ctx: &Ctx, kind: StepKind) -> Result<Vec<AchievementView>, Response> {
    if kind != StepKind::Completion {
        return Ok(Vec::new());
    }
    ctx.dash.get::<Vec<AchievementView>>("/v1/achievements").await.map_err(|r| api_failure(ctx, &r))
}

pub async fn form(ctx: Ctx, Path((thread, verb)): Path<(String, String)>) -> Response {
    let (detail, kind) = match checked(&ctx, &thread, &verb).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let achievements = match achievements(&ctx, kind).await {
        Ok(list) => list,
        Err(page) => return page,
    };
    let values = defaults(kind, &detail, &achievements);
    let page = step_page(&ctx, kind, &verb, &detail, &achievements, &values, &Refusal::default());
    render_with(StatusCode::OK, &page)
}

pub async fn take(Path((thread, verb)): Path<(String, String)>, posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let (detail, kind) = match checked(&ctx, &thread, &verb).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let body = body_of(kind, &form, &detail);
    let path = format!("/v1/mobility/{}/{verb}", percent(&detail.thread));
    match ctx.dash.post::<_, IgnoredAny>(&path, &body).await {
        Ok(_) => see_other(&format!("{}?done={verb}", thread_page(&detail.thread))),
        Err(refusal) if refusal.status.is_client_error() && refusal.status != StatusCode::NOT_FOUND => {
            let achievements = match achievements(&ctx, kind).await {
                Ok(list) => list,
                Err(page) => return page,
            };
            let mut page = step_page(&ctx, kind, &verb, &detail, &achievements, &form, &Refusal::default());
            let refusal = Refusal::from_api(&names(&page.groups), &refusal.body);
            page = step_page(&ctx, kind, &verb, &detail, &achievements, &form, &refusal);
            let status = if page.has_field_errors { StatusCode::BAD_REQUEST } else { StatusCode::CONFLICT };
            render_with(status, &page)
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

fn step_page(
    ctx: &Ctx,
    kind: StepKind,
    verb: &str,
    detail: &ThreadDetail,
    achievements: &[AchievementView],
    values: &FormData,
    refusal: &Refusal,
) -> StepPage {
    let t = &ctx.t;
    let inputs = Inputs { t, values, refusal };
    let groups = groups_of(kind, &inputs, detail, achievements);
    let base = thread_page(&detail.thread);
    let intro = t.msg(&format!("step-intro-{verb}"));
    StepPage {
        heading: t.msg(&format!("step-{kind}")),
        intro: if intro == format!("step-intro-{verb}") { String::new() } else { intro },
        thread_heading: t.msg1("thread-title", "partner", name_of(&partner(detail.role, &detail.school, &detail.host))),
        action: format!("{base}/{verb}"),
        cancel: base,
        has_field_errors: groups.iter().any(|g| g.inputs.iter().any(|i| i.error.is_some())),
        groups,
        general_error: refusal.general.clone(),
        submit: t.msg(&format!("submit-{verb}")),
        danger: matches!(kind, StepKind::Refusal | StepKind::Cancellation),
        multipart: false,
        agreement: matches!(kind, StepKind::Signature).then(|| current(t, detail)).flatten(),
        credential: matches!(kind, StepKind::Recognition)
            .then(|| detail.facts.credential.as_ref().map(|c| (c.id.clone(), c.achievement.clone())))
            .flatten(),
        chrome: ctx.chrome("mobility"),
        t: t.clone(),
    }
}
