//! The mobility pages: the inbox of threads (`/mobility`, [`inbox`]), a
//! thread as a timeline and a document ([`thread`], [`agreement`]), the
//! forms of its steps ([`steps`], their fields in [`fields`]), the
//! learner's signing screen ([`learner`]), erasure behind a confirmation
//! ([`erase`]), and the signed export with its verifier ([`export`]).

use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use vetnet_views::{InstitutionView, Party, StepKind, ThreadDetail};

use super::records::api_failure;
use super::view::percent;
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Ctx, Dashboard, notice_with};

mod agreement;
mod erase;
mod export;
mod fields;
mod inbox;
mod learner;
mod step_forms;
mod steps;
mod thread;

pub fn routes() -> Router<Dashboard> {
    Router::new()
        .route("/mobility", get(inbox::inbox))
        .route("/mobility/verify", get(export::verify_form).post(export::verify))
        .route("/mobility/{thread}", get(thread::show))
        .route("/mobility/{thread}/learner", get(learner::show).post(learner::sign))
        .route("/mobility/{thread}/erase", get(erase::confirm).post(erase::erase))
        .route("/mobility/{thread}/export", get(export::download))
        .route("/mobility/{thread}/{step}", get(steps::form).post(steps::take))
}

/// A thread's page address.
pub fn thread_page(thread: &str) -> String {
    format!("/mobility/{}", percent(thread))
}

/// The thread as the API shows it, or the page that says why not.
async fn load(ctx: &Ctx, thread: &str) -> Result<ThreadDetail, Response> {
    ctx.dash.get::<ThreadDetail>(&format!("/v1/mobility/{}", percent(thread))).await.map_err(|r| api_failure(ctx, &r))
}

/// The other party of a thread.
fn partner(detail_role: Party, school: &InstitutionView, host: &InstitutionView) -> InstitutionView {
    if detail_role == Party::School { host.clone() } else { school.clone() }
}

/// An institution's name, or its `did:key` when it has published none.
fn name_of(institution: &InstitutionView) -> String {
    institution.name.clone().unwrap_or_else(|| institution.institution.clone())
}

/// The step a page address names, and the API's verb for it.
pub const STEP_VERBS: &[(&str, StepKind)] = &[
    ("nominate", StepKind::Nomination),
    ("accept", StepKind::Acceptance),
    ("refuse", StepKind::Refusal),
    ("agree", StepKind::Agreement),
    ("sign", StepKind::Signature),
    ("complete", StepKind::Completion),
    ("recognise", StepKind::Recognition),
    ("cancel", StepKind::Cancellation),
];

fn verb_of(kind: StepKind) -> Option<&'static str> {
    STEP_VERBS.iter().find(|(_, k)| *k == kind).map(|(verb, _)| *verb)
}

/// The page for a step this institution may not take now: 409, with what
/// it may do instead. The API's step call is never made.
fn step_not_allowed(t: &Tr, detail: &ThreadDetail, step: &str) -> Response {
    let allowed: Vec<String> =
        detail.next_steps.iter().filter(|k| verb_of(**k).is_some()).map(|k| t.msg(&format!("step-{k}"))).collect();
    let allowed = if allowed.is_empty() { t.msg("step-none-now") } else { allowed.join(", ") };
    let why = t.msg2(
        "step-not-allowed-body",
        ("step", t.msg(&format!("verb-{step}"))),
        ("status", t.msg(&format!("status-{}", detail.status))),
    );
    notice_with(
        StatusCode::CONFLICT,
        t,
        "step-not-allowed-title",
        "step-not-allowed-hint",
        Some(format!("{why} {}", t.msg1("step-allowed-now", "steps", allowed))),
    )
}
