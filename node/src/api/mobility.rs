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
    let mut builder = ViewBuilder::new(&state.store);
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
    let mut builder = ViewBuilder::new(&state.store);
    logs.iter().map(|log| summary(&mut builder, log, me)).collect()
}

/// One thread, whole.
pub fn get_thread(state: &ApiState, thread: &str) -> Result<views::ThreadDetail, ApiError> {
    thread_param(thread)?;
    thread_detail(state, &state.mobility.show(thread)?)
}

async fn list(State(state): State<ApiState>) -> ApiResult {
    ok(&list_threads(&state)?)
}

async fn show(State(state): State<ApiState>, Path(thread): Path<String>) -> ApiResult {
    ok(&get_thread(&state, &thread)?)
}

/// The answer of a step: the thread after it.
fn thread_answer(state: &ApiState, view: &ThreadView) -> ApiResult {
    ok(&thread_detail(state, view)?)
}

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

async fn accept(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: views::MessageInput = parse_json(body)?;
    let view = state.mobility.accept(&thread, AcceptanceBody { message: request.message }).await?;
    thread_answer(&state, &view)
}

async fn refuse(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body = parse_json::<views::RefusalStep>(body)?.into_protocol();
    let view = state.mobility.refuse(&thread, body).await?;
    thread_answer(&state, &view)
}

async fn agree(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body = parse_json::<views::AgreementStep>(body)?.into_protocol();
    let view = state.mobility.agree(&thread, body).await?;
    thread_answer(&state, &view)
}

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

async fn recognise(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body = parse_json::<views::RecognitionStep>(body)?.into_protocol();
    let view = state.mobility.recognise(&thread, body).await?;
    thread_answer(&state, &view)
}

async fn cancel(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body = CancellationBody { reason: parse_json::<views::CancellationStep>(body)?.reason };
    let view = state.mobility.cancel(&thread, body).await?;
    thread_answer(&state, &view)
}

async fn erase(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: views::EraseInput = parse_json(body)?;
    let view = state.mobility.erase(&thread, request.reason).await?;
    thread_answer(&state, &view)
}

/// The format name of an exported thread.
const EXPORT_FORMAT: &str = "vetnet-mobility-thread/1";

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
    let answer = match crate::mobility::verify_document(&document.network, &steps, crate::publish::unix_now()) {
        Ok(thread) => {
            let mut builder = ViewBuilder::new(&state.store);
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
