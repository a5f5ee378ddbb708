//! Mobility threads: a learner's placement with another institution, step
//! by step (interest, nomination, acceptance or refusal, learning agreement
//! and its signatures, completion, recognition), and erasure.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use ed25519_dalek::SigningKey;
use serde_json::Value;
use vetnet_protocol::InstitutionId;
use vetnet_protocol::mobility::steps::*;
use vetnet_protocol::mobility::thread::Thread;
use vetnet_protocol::mobility::{StepBody, StepKind};
use vetnet_protocol::offer::LanguageRequirement;
use vetnet_views as views;

use super::convert::{IntoProtocol, ToView, empty_step};
use super::{ApiError, ApiResult, ApiState, ViewBuilder, answer, ok, parse_json};
use crate::mobility::{CompletionCredential, Delivery, MobilityError, SignAs, ThreadLog, ThreadView, check_thread_id};

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/mobility", get(list).post(interest))
        .route("/v1/mobility/{thread}", get(show))
        .route("/v1/mobility/{thread}/nominate", post(nominate))
        .route("/v1/mobility/{thread}/accept", post(accept))
        .route("/v1/mobility/{thread}/refuse", post(refuse))
        .route("/v1/mobility/{thread}/agree", post(agree))
        .route("/v1/mobility/{thread}/sign", post(sign))
        .route("/v1/mobility/{thread}/complete", post(complete))
        .route("/v1/mobility/{thread}/recognise", post(recognise))
        .route("/v1/mobility/{thread}/cancel", post(cancel))
        .route("/v1/mobility/{thread}/erase", post(erase))
        .route("/v1/mobility/{thread}/export", get(export))
        .route("/v1/mobility/verify", post(verify))
}

impl From<MobilityError> for ApiError {
    fn from(e: MobilityError) -> Self {
        match e {
            MobilityError::UnknownThread(_) => ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string()),
            MobilityError::Refused(rule) if rule.field == "step" => {
                let mut error = ApiError::new(StatusCode::CONFLICT, "not_allowed", rule.to_string());
                error.field = Some(rule.field);
                error.rule = Some(rule.rule);
                error
            }
            MobilityError::Refused(rule) => ApiError::invalid(rule.field, rule.rule),
            MobilityError::Conflict => ApiError::new(StatusCode::CONFLICT, "conflict", e.to_string()),
            MobilityError::Erased(_) => ApiError::new(StatusCode::GONE, "erased", e.to_string()),
            MobilityError::Credential(e) => e.into(),
            MobilityError::Record(vetnet_protocol::RecordError::Rule(rule)) => ApiError::invalid(rule.field, rule.rule),
            MobilityError::Record(vetnet_protocol::RecordError::TooLarge { size, max }) => ApiError::invalid(
                "body",
                format!("makes a step of {size} bytes; a step may be at most {max} bytes (shorten the texts)"),
            ),
            MobilityError::Store(e) => e.into(),
            other => {
                tracing::error!(error = %other, "mobility error in the admin API");
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", other.to_string())
            }
        }
    }
}

fn delivery_view(delivery: &Delivery) -> views::Delivery {
    match delivery {
        Delivery::Pending { attempts, last_error } => {
            views::Delivery::Pending { attempts: *attempts, last_error: last_error.clone() }
        }
        Delivery::Delivered { at } => views::Delivery::Delivered { at: *at },
        Delivery::Received { at } => views::Delivery::Received { at: *at },
        Delivery::Refused { field, reason } => {
            views::Delivery::Refused { field: field.clone(), reason: reason.clone() }
        }
        Delivery::Superseded { at } => views::Delivery::Superseded { at: *at },
    }
}

/// A stored thread status word as the typed status.
fn status_view(status: &str) -> Result<views::ThreadStatus, ApiError> {
    status.parse().map_err(|e: String| ApiError::internal(format!("a stored thread status is unreadable: {e}")))
}

fn party(log: &ThreadLog, me: InstitutionId) -> views::Party {
    if log.school() == me { views::Party::School } else { views::Party::Host }
}

/// A thread in a list.
fn summary(
    builder: &mut ViewBuilder<'_>,
    log: &ThreadLog,
    me: InstitutionId,
) -> Result<views::ThreadSummary, ApiError> {
    let pending = log.entries.iter().filter(|e| matches!(e.delivery, Delivery::Pending { .. })).count();
    Ok(views::ThreadSummary {
        thread: log.thread.clone(),
        role: party(log, me),
        status: status_view(log.status.0.as_str())?,
        school: builder.institution(log.school()),
        host: builder.institution(log.host()),
        offer: log.offer.clone(),
        created: log.created,
        updated: log.updated,
        erased: log.erased.is_some(),
        erased_at: log.erased,
        steps: log.entries.len(),
        pending,
    })
}

/// A whole thread: its steps, what they say, and what may come next.
pub fn thread_detail(state: &ApiState, view: &ThreadView) -> Result<views::ThreadDetail, ApiError> {
    let mut builder = ViewBuilder::new(&state.store, state.today());
    let me = state.publisher.key().id();
    let log = &view.log;
    let summary = summary(&mut builder, log, me)?;
    let steps = log
        .entries
        .iter()
        .map(|entry| {
            let hash = vetnet_protocol::RecordHash(entry.hash);
            views::StepView {
                from: entry.from.clone(),
                ts: entry.ts,
                hash: hash.to_hex(),
                delivery: delivery_view(&entry.delivery),
                content: view.bodies.get(&hash).map_or_else(|| empty_step(entry.kind), ToView::to_view),
            }
        })
        .collect();
    let mut facts = view.thread.as_ref().map(thread_facts).unwrap_or_default();
    if let Some(learner) = &mut facts.learner {
        learner.key_held_here = Some(state.mobility.holds_learner_key(&log.thread).unwrap_or(false));
    }
    Ok(views::ThreadDetail {
        thread: summary.thread,
        role: summary.role,
        status: summary.status,
        school: summary.school,
        host: summary.host,
        offer: summary.offer,
        created: summary.created,
        updated: summary.updated,
        erased: summary.erased,
        erased_at: summary.erased_at,
        pending: summary.pending,
        steps,
        next_steps: view.next_steps.iter().map(ToView::to_view).collect(),
        facts,
    })
}

/// What a thread's steps say: the learner, the current agreement and its
/// signatures, the credential and the recognition.
fn thread_facts(thread: &Thread) -> views::ThreadFacts {
    let mut facts = views::ThreadFacts::default();
    if let Some(StepBody::Nomination(nomination)) = thread.nomination().map(|n| &n.body) {
        facts.learner = Some(views::LearnerFacts {
            name: format!("{} {}", nomination.learner.given_name, nomination.learner.family_name),
            birth_date: nomination.learner.birth_date.clone(),
            key: nomination.learner_key.clone(),
            key_custody: nomination.key_custody.to_view(),
            key_held_here: None,
        });
    }
    if let Some(agreement) = thread.current_agreement() {
        let signed = thread.signatures_of(&agreement.hash);
        let version = thread.links().iter().filter(|l| l.kind() == StepKind::Agreement).count();
        let state_of = |step: Option<&vetnet_protocol::mobility::VerifiedStep>| match step.map(|s| (&s.body, s)) {
            Some((StepBody::Signature(b), s)) => views::SignatureState {
                signed: true,
                signer: Some(b.signer.clone()),
                ts: Some(s.payload.ts),
                step: Some(s.hash.to_hex()),
            },
            _ => views::SignatureState { signed: false, signer: None, ts: None, step: None },
        };
        facts.agreement = Some(views::AgreementFacts {
            hash: agreement.hash.to_hex(),
            version,
            signatures: views::AgreementSignatures {
                learner: state_of(signed.learner),
                school: state_of(signed.school),
                host: state_of(signed.host),
            },
            missing: signed.missing().iter().map(ToView::to_view).collect(),
            complete: signed.is_complete(),
        });
    }
    if let Some(StepBody::Completion(completion)) = thread.completion().map(|c| &c.body)
        && let Some(credential) = &completion.credential
    {
        facts.credential = Some(views::ThreadCredential {
            id: credential.id.clone(),
            achievement: credential.achievement.clone(),
            document: credential.document.clone(),
        });
    }
    if let Some(StepBody::Recognition(recognition)) = thread.links().last().map(|l| &l.body) {
        facts.recognition = Some(recognition.to_view());
    }
    facts
}

fn thread_param(thread: &str) -> Result<(), ApiError> {
    check_thread_id(thread).map_err(ApiError::from)
}

/// Every thread this institution is a party of.
pub fn list_threads(state: &ApiState) -> Result<Vec<views::ThreadSummary>, ApiError> {
    let logs = state.mobility.list()?;
    let me = state.publisher.key().id();
    let mut builder = ViewBuilder::new(&state.store, state.today());
    logs.iter().map(|log| summary(&mut builder, log, me)).collect()
}

/// One thread, whole.
pub fn get_thread(state: &ApiState, thread: &str) -> Result<views::ThreadDetail, ApiError> {
    thread_param(thread)?;
    thread_detail(state, &state.mobility.show(thread)?)
}

/// Every thread this institution is a party of.
#[utoipa::path(
    get,
    path = "/v1/mobility",
    tag = "mobility",
    operation_id = "list_threads",
    responses(
        (status = 200, description = "Every thread this institution is a party of, as school or host.", body = Vec<views::ThreadSummary>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn list(State(state): State<ApiState>) -> ApiResult {
    ok(&list_threads(&state)?)
}

/// One thread, whole.
#[utoipa::path(
    get,
    path = "/v1/mobility/{thread}",
    tag = "mobility",
    operation_id = "get_thread",
    params(
        ("thread" = String, Path, description = "The thread id, `m-` and 24 hex digits (like `m-0123456789abcdef01234567`)."),
    ),
    responses(
        (status = 200, description = "The thread: its steps, what they say, and what may come next.", body = views::ThreadDetail),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node is party to no thread with that id (`not_found`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn show(State(state): State<ApiState>, Path(thread): Path<String>) -> ApiResult {
    ok(&get_thread(&state, &thread)?)
}

/// The answer of a step: the thread after it.
fn thread_answer(state: &ApiState, view: &ThreadView) -> ApiResult {
    ok(&thread_detail(state, view)?)
}

/// Opens a thread with an interest.
#[utoipa::path(
    post,
    path = "/v1/mobility",
    tag = "mobility",
    operation_id = "express_interest",
    description = "This institution, as the sending school, tells a host that it is interested in one of the host's offers, and so opens a thread. `host` must be the host's `did:key:z6Mk…` and `offer` the id of one of its live offers; `learners` (default 1) how many learners; `need` an own need's id. The step is delivered to the host's node now or, while it is unreachable, later.",
    request_body = views::InterestInput,
    responses(
        (status = 201, description = "The new thread, with the interest as its first step.", body = views::ThreadDetail),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "The interest is not allowed now (`not_allowed`, `field` is `step`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn interest(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let request: views::InterestInput = parse_json(body)?;
    let host: InstitutionId = request
        .host
        .parse()
        .map_err(|_| ApiError::invalid("host", format!("must be the host's did:key:z6Mk… (got {:?})", request.host)))?;
    let body =
        InterestBody { offer: request.offer, need: request.need, learners: request.learners, message: request.message };
    let view = state.mobility.express_interest(host, body).await?;
    Ok(answer(StatusCode::CREATED, &thread_detail(&state, &view)?))
}

/// Nominates the learner.
#[utoipa::path(
    post,
    path = "/v1/mobility/{thread}/nominate",
    tag = "mobility",
    operation_id = "nominate",
    description = "The school names the learner. `key_custody` is `school` (the default: the school holds the learner's key) or `learner` (then `learner_key`, the learner's `did:key:z6Mk…`, is required); `learner.languages` are BCP 47 tags with CEFR levels (`en:B1`); `start`/`end` days `YYYY-MM-DD`.",
    params(
        ("thread" = String, Path, description = "The thread id, `m-` and 24 hex digits (like `m-0123456789abcdef01234567`)."),
    ),
    request_body = views::NominationInput,
    responses(
        (status = 200, description = "The thread after the step, with what may come next.", body = views::ThreadDetail),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node is party to no thread with that id (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "The step is not allowed now, or not by this party (`not_allowed`, `field` is `step`); or another step came first (`conflict`).", body = views::ErrorBody),
        (status = 410, description = "The thread was erased (`erased`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn nominate(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: views::NominationInput = parse_json(body)?;
    let key_custody = match request.key_custody.as_deref() {
        None => KeyCustody::School,
        Some(word) => word.parse().map_err(|rule: String| ApiError::invalid("key_custody", rule))?,
    };
    if key_custody == KeyCustody::Learner && request.learner_key.is_none() {
        return Err(ApiError::invalid(
            "learner_key",
            "is required when the learner holds their own key: the learner's did:key:z6Mk…",
        ));
    }
    let languages = request
        .learner
        .languages
        .iter()
        .enumerate()
        .map(|(i, l)| {
            l.parse::<LanguageRequirement>().map_err(|rule| ApiError::invalid(format!("learner.languages[{i}]"), rule))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let body = NominationBody {
        learner: Learner {
            given_name: request.learner.given_name,
            family_name: request.learner.family_name,
            birth_date: request.learner.birth_date,
            email: request.learner.email,
            languages,
            qualification: request.learner.qualification,
            eqf: request.learner.eqf,
        },
        learner_key: request.learner_key.unwrap_or_default(),
        key_custody,
        start: request.start,
        end: request.end,
        message: request.message,
    };
    let view = state.mobility.nominate(&thread, body).await?;
    thread_answer(&state, &view)
}

/// Accepts the nomination.
#[utoipa::path(
    post,
    path = "/v1/mobility/{thread}/accept",
    tag = "mobility",
    operation_id = "accept",
    description = "The host accepts the nominated learner, with an optional message.",
    params(
        ("thread" = String, Path, description = "The thread id, `m-` and 24 hex digits (like `m-0123456789abcdef01234567`)."),
    ),
    request_body = views::MessageInput,
    responses(
        (status = 200, description = "The thread after the step, with what may come next.", body = views::ThreadDetail),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node is party to no thread with that id (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "The step is not allowed now, or not by this party (`not_allowed`, `field` is `step`); or another step came first (`conflict`).", body = views::ErrorBody),
        (status = 410, description = "The thread was erased (`erased`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn accept(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: views::MessageInput = parse_json(body)?;
    let view = state.mobility.accept(&thread, AcceptanceBody { message: request.message }).await?;
    thread_answer(&state, &view)
}

/// Refuses the nomination.
#[utoipa::path(
    post,
    path = "/v1/mobility/{thread}/refuse",
    tag = "mobility",
    operation_id = "refuse",
    description = "The host refuses the nominated learner, with a reason and an optional message.",
    params(
        ("thread" = String, Path, description = "The thread id, `m-` and 24 hex digits (like `m-0123456789abcdef01234567`)."),
    ),
    request_body = views::RefusalStep,
    responses(
        (status = 200, description = "The thread after the step, with what may come next.", body = views::ThreadDetail),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node is party to no thread with that id (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "The step is not allowed now, or not by this party (`not_allowed`, `field` is `step`); or another step came first (`conflict`).", body = views::ErrorBody),
        (status = 410, description = "The thread was erased (`erased`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn refuse(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body = parse_json::<views::RefusalStep>(body)?.into_protocol();
    let view = state.mobility.refuse(&thread, body).await?;
    thread_answer(&state, &view)
}

/// Proposes a learning agreement.
#[utoipa::path(
    post,
    path = "/v1/mobility/{thread}/agree",
    tag = "mobility",
    operation_id = "agree",
    description = "Either party proposes the learning agreement (a new version replaces the one before, and its signatures).",
    params(
        ("thread" = String, Path, description = "The thread id, `m-` and 24 hex digits (like `m-0123456789abcdef01234567`)."),
    ),
    request_body = views::AgreementStep,
    responses(
        (status = 200, description = "The thread after the step, with what may come next.", body = views::ThreadDetail),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node is party to no thread with that id (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "The step is not allowed now, or not by this party (`not_allowed`, `field` is `step`); or another step came first (`conflict`).", body = views::ErrorBody),
        (status = 410, description = "The thread was erased (`erased`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn agree(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body = parse_json::<views::AgreementStep>(body)?.into_protocol();
    let view = state.mobility.agree(&thread, body).await?;
    thread_answer(&state, &view)
}

/// Signs the current learning agreement.
#[utoipa::path(
    post,
    path = "/v1/mobility/{thread}/sign",
    tag = "mobility",
    operation_id = "sign",
    description = "Signs the current agreement as this institution (`as`: `institution`, or `school`/`host` for the same) or as the learner (`as`: `learner`), with the key the school holds or with `learner_key`, the learner's secret key as 64 hex digits.",
    params(
        ("thread" = String, Path, description = "The thread id, `m-` and 24 hex digits (like `m-0123456789abcdef01234567`)."),
    ),
    request_body = views::SignInput,
    responses(
        (status = 200, description = "The thread after the step, with what may come next.", body = views::ThreadDetail),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node is party to no thread with that id (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "The step is not allowed now, or not by this party (`not_allowed`, `field` is `step`); or another step came first (`conflict`).", body = views::ErrorBody),
        (status = 410, description = "The thread was erased (`erased`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn sign(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: views::SignInput = parse_json(body)?;
    let sign_as = match (request.signer.as_str(), request.learner_key) {
        ("institution" | "school" | "host", None) => SignAs::Institution,
        ("learner", None) => SignAs::LearnerHeldKey,
        ("learner", Some(secret)) => {
            let bytes: [u8; 32] = hex::decode(secret.trim())
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| ApiError::invalid("learner_key", "must be the learner's secret key: 64 hex digits"))?;
            SignAs::LearnerOwnKey(Box::new(SigningKey::from_bytes(&bytes)))
        }
        (_, Some(_)) => return Err(ApiError::invalid("learner_key", "is only for signing as the learner")),
        (other, None) => {
            return Err(ApiError::invalid("as", format!("must be institution or learner (got {other:?})")));
        }
    };
    let view = state.mobility.sign(&thread, sign_as).await?;
    thread_answer(&state, &view)
}

/// Records the completion.
#[utoipa::path(
    post,
    path = "/v1/mobility/{thread}/complete",
    tag = "mobility",
    operation_id = "complete",
    description = "The host records the placement as done, with the units' results; with `credential`, it issues a credential for one of its achievements to the learner at the same time.",
    params(
        ("thread" = String, Path, description = "The thread id, `m-` and 24 hex digits (like `m-0123456789abcdef01234567`)."),
    ),
    request_body = views::CompletionInput,
    responses(
        (status = 200, description = "The thread after the step, with what may come next.", body = views::ThreadDetail),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node is party to no thread with that id (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "The step is not allowed now, or not by this party (`not_allowed`, `field` is `step`); or another step came first (`conflict`).", body = views::ErrorBody),
        (status = 410, description = "The thread was erased (`erased`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn complete(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: views::CompletionInput = parse_json(body)?;
    let body = CompletionBody {
        start: request.start,
        end: request.end,
        units: request.units.into_iter().map(IntoProtocol::into_protocol).collect(),
        assessment: request.assessment,
        hours: request.hours,
        signatures: Vec::new(),
        credential: None,
    };
    let credential = request.credential.map(|c| CompletionCredential { achievement: c.achievement, grade: c.grade });
    let view = state.mobility.complete(&thread, body, credential).await?;
    thread_answer(&state, &view)
}

/// Records the recognition.
#[utoipa::path(
    post,
    path = "/v1/mobility/{thread}/recognise",
    tag = "mobility",
    operation_id = "recognise",
    description = "The school records how it recognises the learner's results.",
    params(
        ("thread" = String, Path, description = "The thread id, `m-` and 24 hex digits (like `m-0123456789abcdef01234567`)."),
    ),
    request_body = views::RecognitionStep,
    responses(
        (status = 200, description = "The thread after the step, with what may come next.", body = views::ThreadDetail),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node is party to no thread with that id (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "The step is not allowed now, or not by this party (`not_allowed`, `field` is `step`); or another step came first (`conflict`).", body = views::ErrorBody),
        (status = 410, description = "The thread was erased (`erased`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn recognise(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body = parse_json::<views::RecognitionStep>(body)?.into_protocol();
    let view = state.mobility.recognise(&thread, body).await?;
    thread_answer(&state, &view)
}

/// Cancels the thread.
#[utoipa::path(
    post,
    path = "/v1/mobility/{thread}/cancel",
    tag = "mobility",
    operation_id = "cancel",
    description = "Either party cancels the thread, with a reason.",
    params(
        ("thread" = String, Path, description = "The thread id, `m-` and 24 hex digits (like `m-0123456789abcdef01234567`)."),
    ),
    request_body = views::CancellationStep,
    responses(
        (status = 200, description = "The thread after the step, with what may come next.", body = views::ThreadDetail),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node is party to no thread with that id (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "The step is not allowed now, or not by this party (`not_allowed`, `field` is `step`); or another step came first (`conflict`).", body = views::ErrorBody),
        (status = 410, description = "The thread was erased (`erased`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn cancel(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body = CancellationBody { reason: parse_json::<views::CancellationStep>(body)?.reason };
    let view = state.mobility.cancel(&thread, body).await?;
    thread_answer(&state, &view)
}

/// Erases the learner's data.
#[utoipa::path(
    post,
    path = "/v1/mobility/{thread}/erase",
    tag = "mobility",
    operation_id = "erase",
    description = "Erases the thread's personal data here and asks the partner to do the same; the thread stays as a stub.",
    params(
        ("thread" = String, Path, description = "The thread id, `m-` and 24 hex digits (like `m-0123456789abcdef01234567`)."),
    ),
    request_body = views::EraseInput,
    responses(
        (status = 200, description = "The thread after the step, with what may come next.", body = views::ThreadDetail),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node is party to no thread with that id (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "The step is not allowed now, or not by this party (`not_allowed`, `field` is `step`); or another step came first (`conflict`).", body = views::ErrorBody),
        (status = 410, description = "The thread was erased (`erased`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn erase(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: views::EraseInput = parse_json(body)?;
    let view = state.mobility.erase(&thread, request.reason).await?;
    thread_answer(&state, &view)
}

/// The format name of an exported thread.
const EXPORT_FORMAT: &str = "vetnet-mobility-thread/1";

#[utoipa::path(
    get,
    path = "/v1/mobility/{thread}/export",
    tag = "mobility",
    operation_id = "export_thread",
    params(
        ("thread" = String, Path, description = "The thread id, `m-` and 24 hex digits (like `m-0123456789abcdef01234567`)."),
    ),
    responses(
        (status = 200, description = "The thread's signed steps, hex, for checking offline.", body = views::ExportedThread),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node is party to no thread with that id (`not_found`).", body = views::ErrorBody),
        (status = 410, description = "The thread was erased (`erased`).", body = views::ErrorBody),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn export(State(state): State<ApiState>, Path(thread): Path<String>) -> ApiResult {
    thread_param(&thread)?;
    let steps = state.mobility.export(&thread)?;
    ok(&views::ExportedThread {
        format: EXPORT_FORMAT.to_owned(),
        network: state.info.network.clone(),
        thread,
        steps: steps.iter().map(hex::encode).collect(),
    })
}

/// Checks an exported thread offline: every signature and every rule, in
/// order. `valid: false` names the step and the rule that fails.
#[utoipa::path(
    post,
    path = "/v1/mobility/verify",
    tag = "mobility",
    operation_id = "verify_thread",
    description = "Checks an exported thread offline: every signature and every rule, in order. `format` must be `vetnet-mobility-thread/1` and every step hex.",
    request_body = views::ExportedThread,
    responses(
        (status = 200, description = "Whether the thread holds; if not, the step and the rule that fail (`field`, `reason`). An invalid thread is an answer, not an error.", body = views::ThreadVerification),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn verify(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let document: views::ExportedThread = parse_json(body)?;
    if document.format != EXPORT_FORMAT {
        return Err(ApiError::invalid("format", format!("must be {EXPORT_FORMAT:?} (got {:?})", document.format)));
    }
    let steps = document
        .steps
        .iter()
        .enumerate()
        .map(|(i, h)| hex::decode(h).map_err(|_| ApiError::invalid(format!("steps[{i}]"), "must be hex")))
        .collect::<Result<Vec<_>, _>>()?;
    let answer = match crate::mobility::verify_document(&document.network, &steps, state.publisher.clock().now_unix()) {
        Ok(thread) => {
            let mut builder = ViewBuilder::new(&state.store, state.today());
            views::ThreadVerification {
                valid: true,
                thread: Some(thread.id.clone()),
                status: Some(thread.status().to_view()),
                school: Some(builder.institution(thread.school)),
                host: Some(builder.institution(thread.host)),
                steps: Some(thread.links().len() + thread.signatures().len()),
                facts: thread_facts(&thread),
                field: None,
                reason: None,
            }
        }
        Err(MobilityError::Refused(rule)) => views::ThreadVerification {
            valid: false,
            thread: None,
            status: None,
            school: None,
            host: None,
            steps: None,
            facts: views::ThreadFacts::default(),
            field: Some(rule.field),
            reason: Some(rule.rule),
        },
        Err(other) => return Err(other.into()),
    };
    ok(&answer)
}
