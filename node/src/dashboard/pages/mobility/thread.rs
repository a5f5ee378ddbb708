//! A thread's page (`/mobility/{thread}`): who the learner is, the timeline
//! of steps with their delivery in words, the learning agreement as a
//! document with its signatures and changes, the credential and the
//! recognition, and links to exactly the steps this institution may take.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::Response;
use vetnet_views::{Delivery, Party, SignerRole, StepContent, StepKind, StepView, ThreadDetail};

use super::agreement::{AgreementDoc, current};
use super::{load, name_of, partner, thread_page, verb_of};
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Chrome, Ctx, render};

/// One step on the timeline.
pub struct StepRow {
    pub kind: String,
    pub who: String,
    pub when: String,
    pub delivery: String,
    /// `pending`, `delivered`, `received`, `refused`, `superseded`: the CSS class.
    pub state: &'static str,
    pub summary: String,
}

/// A step this institution may take now, and where its form is.
pub struct NextStep {
    pub href: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "mobility_thread.html")]
struct ThreadPage {
    t: Tr,
    chrome: Chrome,
    thread: String,
    base: String,
    heading: String,
    status: String,
    role: String,
    learner: Option<(String, String, String)>,
    steps: Vec<StepRow>,
    agreement: Option<AgreementDoc>,
    credential: Option<(String, String)>,
    recognition: Option<(String, String)>,
    next: Vec<NextStep>,
    erased: Option<String>,
    done: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct DoneParam {
    #[serde(default)]
    pub done: Option<String>,
}

pub async fn show(ctx: Ctx, Path(thread): Path<String>, Query(params): Query<DoneParam>) -> Response {
    let detail = match load(&ctx, &thread).await {
        Ok(detail) => detail,
        Err(page) => return page,
    };
    let t = &ctx.t;
    let base = thread_page(&detail.thread);
    let done = params.done.filter(|d| d.chars().all(|c| c.is_ascii_lowercase())).map(|d| t.msg(&format!("mdone-{d}")));
    let page = ThreadPage {
        heading: t.msg1("thread-title", "partner", name_of(&partner(detail.role, &detail.school, &detail.host))),
        status: t.msg(&format!("status-{}", detail.status)),
        role: t.msg(&format!("enum-{}", detail.role)),
        learner: detail
            .facts
            .learner
            .as_ref()
            .map(|l| (l.name.clone(), t.date(&l.birth_date), t.msg(&format!("custody-{}", l.key_custody)))),
        steps: detail.steps.iter().map(|s| step_row(t, &detail, s)).collect(),
        agreement: current(t, &detail),
        credential: detail.facts.credential.as_ref().map(|c| (c.id.clone(), c.achievement.clone())),
        recognition: detail
            .facts
            .recognition
            .as_ref()
            .map(|r| (t.msg(&format!("decision-{}", r.decision)), r.note.clone().unwrap_or_default())),
        next: next_steps(t, &detail, &base),
        erased: detail.erased_at.map(|at| t.timestamp(at)),
        thread: detail.thread.clone(),
        chrome: ctx.chrome("mobility"),
        t: ctx.t.clone(),
        base,
        done,
    };
    render(&page)
}

/// The forms this institution may open now: exactly its next steps (the
/// learner's screen when the learner's signature is the one left to give
/// on the school's side).
pub fn next_steps(t: &Tr, detail: &ThreadDetail, base: &str) -> Vec<NextStep> {
    let mut next = Vec::new();
    for kind in &detail.next_steps {
        let Some(verb) = verb_of(*kind) else { continue };
        if *kind == StepKind::Signature {
            if !own_signature_missing(detail) && !learner_signature_missing(detail) {
                continue;
            }
            if own_signature_missing(detail) {
                next.push(NextStep { href: format!("{base}/sign"), label: t.msg("step-signature") });
            }
            if learner_signature_missing(detail) {
                next.push(NextStep { href: format!("{base}/learner"), label: t.msg("step-learner-signature") });
            }
            continue;
        }
        next.push(NextStep { href: format!("{base}/{verb}"), label: t.msg(&format!("step-{kind}")) });
    }
    next
}

/// Whether this institution's own signature of the current agreement is
/// still to give.
pub fn own_signature_missing(detail: &ThreadDetail) -> bool {
    let own = if detail.role == Party::School { SignerRole::School } else { SignerRole::Host };
    detail.next_steps.contains(&StepKind::Signature)
        && detail.facts.agreement.as_ref().is_some_and(|a| a.missing.contains(&own))
}

/// Whether the learner's signature is still to give, on the school's side.
pub fn learner_signature_missing(detail: &ThreadDetail) -> bool {
    detail.role == Party::School
        && detail.next_steps.contains(&StepKind::Signature)
        && detail.facts.agreement.as_ref().is_some_and(|a| a.missing.contains(&SignerRole::Learner))
}

fn step_row(t: &Tr, detail: &ThreadDetail, step: &StepView) -> StepRow {
    // `from` is the party that took the step, as its word (`school`, `host`).
    let party = match step.from.parse::<Party>() {
        Ok(Party::School) => Some((t.msg("signer-school"), name_of(&detail.school))),
        Ok(Party::Host) => Some((t.msg("signer-host"), name_of(&detail.host))),
        Err(_) => None,
    };
    let who = match (&step.content, party) {
        (StepContent::Signature(Some(s)), _) if s.role == SignerRole::Learner => {
            let name = detail.facts.learner.as_ref().map(|l| l.name.clone()).unwrap_or_default();
            format!("{}: {name}", t.msg("signer-learner"))
        }
        (_, Some((role, name))) => format!("{role}: {name}"),
        (_, None) => step.from.clone(),
    };
    let (state, delivery) = match &step.delivery {
        Delivery::Pending { attempts, last_error } => {
            let mut words = t.msg1("delivery-pending", "tries", t.number(u64::from(*attempts)));
            if let Some(error) = last_error {
                words.push_str(&format!(" — {}", t.msg1("delivery-last-error", "error", error)));
            }
            ("pending", words)
        }
        Delivery::Delivered { at } => ("delivered", t.msg1("delivery-delivered", "at", t.timestamp(*at))),
        Delivery::Received { at } => ("received", t.msg1("delivery-received", "at", t.timestamp(*at))),
        Delivery::Refused { field, reason } => {
            ("refused", t.msg2("delivery-refused", ("field", field.clone()), ("reason", reason.clone())))
        }
        Delivery::Superseded { at } => ("superseded", t.msg1("delivery-superseded", "at", t.timestamp(*at))),
    };
    StepRow {
        kind: t.msg(&format!("kind-{}", step.content.kind())),
        who,
        when: t.timestamp(step.ts),
        delivery,
        state,
        summary: summary(t, &step.content),
    }
}

/// A line saying what a step said.
fn summary(t: &Tr, content: &StepContent) -> String {
    match content {
        StepContent::Interest(Some(b)) => t.msg1("summary-interest", "learners", t.number(u64::from(b.learners))),
        StepContent::Nomination(Some(b)) => {
            format!("{} {} ({} – {})", b.learner.given_name, b.learner.family_name, t.date(&b.start), t.date(&b.end))
        }
        StepContent::Acceptance(Some(b)) => b.message.clone().unwrap_or_default(),
        StepContent::Refusal(Some(b)) => t.msg(&format!("reason-{}", b.reason)),
        StepContent::Agreement(Some(b)) => format!("{} – {}", t.date(&b.start), t.date(&b.end)),
        StepContent::Signature(Some(b)) => t.msg(&format!("signer-{}", b.role)),
        StepContent::Completion(Some(b)) => match &b.credential {
            Some(c) => t.msg1("summary-completion-credential", "achievement", &c.achievement),
            None => format!("{} – {}", t.date(&b.start), t.date(&b.end)),
        },
        StepContent::Recognition(Some(b)) => t.msg(&format!("decision-{}", b.decision)),
        StepContent::Cancellation(Some(b)) => b.reason.clone(),
        StepContent::Erasure(Some(b)) => b.reason.clone().unwrap_or_default(),
        _ => t.msg("summary-erased"),
    }
}
