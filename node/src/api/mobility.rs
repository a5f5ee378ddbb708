//! Mobility threads: a learner's placement with another institution, step
//! by step (interest, nomination, acceptance or refusal, learning agreement
//! and its signatures, completion, recognition), and erasure.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use ed25519_dalek::SigningKey;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use vetnet_protocol::InstitutionId;
use vetnet_protocol::mobility::steps::*;
use vetnet_protocol::mobility::thread::Thread;
use vetnet_protocol::mobility::{StepBody, StepKind};
use vetnet_protocol::offer::LanguageRequirement;

use super::{ApiError, ApiResult, ApiState, Views, parse_json};
use crate::mobility::{CompletionCredential, MobilityError, SignAs, ThreadLog, ThreadView, check_thread_id};

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

fn hex_of(bytes: &[u8]) -> Value {
    json!(hex::encode(bytes))
}

/// A step body as JSON, with hashes and signatures in hex.
fn body_json(body: &StepBody) -> Value {
    let mut value = match body {
        StepBody::Interest(b) => serde_json::to_value(b),
        StepBody::Nomination(b) => serde_json::to_value(b),
        StepBody::Acceptance(b) => serde_json::to_value(b),
        StepBody::Refusal(b) => serde_json::to_value(b),
        StepBody::Agreement(b) => serde_json::to_value(b),
        StepBody::Completion(b) => serde_json::to_value(b),
        StepBody::Recognition(b) => serde_json::to_value(b),
        StepBody::Cancellation(b) => serde_json::to_value(b),
        StepBody::Signature(b) => serde_json::to_value(b),
        StepBody::Erasure(b) => serde_json::to_value(b),
    }
    .unwrap_or(Value::Null);
    match body {
        StepBody::Signature(b) => {
            value["agreement"] = hex_of(&b.agreement);
            value["signature"] = hex_of(&b.signature);
        }
        StepBody::Completion(b) => {
            value["signatures"] = Value::Array(b.signatures.iter().map(|h| hex_of(h)).collect());
        }
        _ => {}
    }
    value
}

fn summary(views: &mut Views<'_>, log: &ThreadLog, me: InstitutionId) -> Value {
    let (school, host) = (log.school(), log.host());
    let pending =
        log.entries.iter().filter(|e| matches!(e.delivery, crate::mobility::Delivery::Pending { .. })).count();
    json!({
        "thread": log.thread,
        "role": if school == me { "school" } else { "host" },
        "status": log.status,
        "school": views.institution(school),
        "host": views.institution(host),
        "offer": log.offer,
        "created": log.created,
        "updated": log.updated,
        "erased": log.erased.is_some(),
        "erased_at": log.erased,
        "steps": log.entries.len(),
        "pending": pending,
    })
}

fn thread_json(state: &ApiState, view: &ThreadView) -> Value {
    let mut views = Views::new(&state.store);
    let me = state.publisher.key().id();
    let mut out = summary(&mut views, &view.log, me);
    let steps: Vec<Value> = view
        .log
        .entries
        .iter()
        .map(|entry| {
            let hash: [u8; 32] = entry.hash.as_slice().try_into().unwrap_or([0; 32]);
            let hash = vetnet_protocol::RecordHash(hash);
            json!({
                "kind": entry.kind.as_str(),
                "from": entry.from,
                "ts": entry.ts,
                "hash": hash.to_hex(),
                "delivery": serde_json::to_value(&entry.delivery).unwrap_or(Value::Null),
                "body": view.bodies.get(&hash).map(body_json),
            })
        })
        .collect();
    out["steps"] = Value::Array(steps);
    out["next_steps"] = json!(view.next_steps.iter().map(|k| k.as_str()).collect::<Vec<_>>());
    let Some(thread) = &view.thread else { return out };
    add_thread_facts(&mut out, thread);
    if let Some(Value::Object(learner)) = out.get_mut("learner") {
        learner
            .insert("key_held_here".into(), json!(state.mobility.holds_learner_key(&view.log.thread).unwrap_or(false)));
    }
    out
}

/// What a thread's steps say: the learner, the current agreement and its
/// signatures, the credential and the recognition.
fn add_thread_facts(out: &mut Value, thread: &Thread) {
    if let Some(StepBody::Nomination(nomination)) = thread.nomination().map(|n| &n.body) {
        out["learner"] = json!({
            "name": format!("{} {}", nomination.learner.given_name, nomination.learner.family_name),
            "birth_date": nomination.learner.birth_date,
            "key": nomination.learner_key,
            "key_custody": nomination.key_custody.as_str(),
        });
    }
    if let Some(agreement) = thread.current_agreement() {
        let signed = thread.signatures_of(&agreement.hash);
        let version = thread.links().iter().filter(|l| l.kind() == StepKind::Agreement).count();
        let mut signatures = Map::new();
        for (role, step) in [("learner", signed.learner), ("school", signed.school), ("host", signed.host)] {
            let entry = match step.map(|s| (&s.body, s)) {
                Some((StepBody::Signature(b), s)) => {
                    json!({ "signed": true, "signer": b.signer, "ts": s.payload.ts, "step": s.hash.to_hex() })
                }
                _ => json!({ "signed": false }),
            };
            signatures.insert(role.into(), entry);
        }
        out["agreement"] = json!({
            "hash": agreement.hash.to_hex(),
            "version": version,
            "signatures": signatures,
            "missing": signed.missing().iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            "complete": signed.is_complete(),
        });
    }
    if let Some(StepBody::Completion(completion)) = thread.completion().map(|c| &c.body)
        && let Some(credential) = &completion.credential
    {
        out["credential"] =
            json!({ "id": credential.id, "achievement": credential.achievement, "document": credential.document });
    }
    if let Some(StepBody::Recognition(recognition)) = thread.links().last().map(|l| &l.body) {
        out["recognition"] = body_json(&StepBody::Recognition(recognition.clone()));
    }
}

fn thread_param(thread: &str) -> Result<(), ApiError> {
    check_thread_id(thread).map_err(ApiError::from)
}

async fn list(State(state): State<ApiState>) -> ApiResult {
    let logs = state.mobility.list()?;
    let me = state.publisher.key().id();
    let mut views = Views::new(&state.store);
    Ok(Json(Value::Array(logs.iter().map(|log| summary(&mut views, log, me)).collect())).into_response())
}

async fn show(State(state): State<ApiState>, Path(thread): Path<String>) -> ApiResult {
    thread_param(&thread)?;
    let view = state.mobility.show(&thread)?;
    Ok(Json(thread_json(&state, &view)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InterestRequest {
    host: String,
    offer: String,
    #[serde(default)]
    need: Option<String>,
    #[serde(default = "one")]
    learners: u32,
    #[serde(default)]
    message: Option<String>,
}

fn one() -> u32 {
    1
}

async fn interest(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let request: InterestRequest = parse_json(body)?;
    let host: InstitutionId = request
        .host
        .parse()
        .map_err(|_| ApiError::invalid("host", format!("must be the host's did:key:z6Mk… (got {:?})", request.host)))?;
    let body =
        InterestBody { offer: request.offer, need: request.need, learners: request.learners, message: request.message };
    let view = state.mobility.express_interest(host, body).await?;
    Ok((StatusCode::CREATED, Json(thread_json(&state, &view))).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NominationRequest {
    learner: LearnerRequest,
    #[serde(default)]
    key_custody: Option<String>,
    #[serde(default)]
    learner_key: Option<String>,
    start: String,
    end: String,
    #[serde(default)]
    message: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LearnerRequest {
    given_name: String,
    family_name: String,
    birth_date: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    qualification: Option<String>,
    #[serde(default)]
    eqf: Option<u8>,
}

async fn nominate(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: NominationRequest = parse_json(body)?;
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
    Ok(Json(thread_json(&state, &view)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MessageRequest {
    #[serde(default)]
    message: Option<String>,
}

async fn accept(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: MessageRequest = parse_json(body)?;
    let view = state.mobility.accept(&thread, AcceptanceBody { message: request.message }).await?;
    Ok(Json(thread_json(&state, &view)).into_response())
}

async fn refuse(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body: RefusalBody = parse_json(body)?;
    let view = state.mobility.refuse(&thread, body).await?;
    Ok(Json(thread_json(&state, &view)).into_response())
}

async fn agree(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body: AgreementBody = parse_json(body)?;
    let view = state.mobility.agree(&thread, body).await?;
    Ok(Json(thread_json(&state, &view)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignRequest {
    /// `institution` (this institution's own signature) or `learner`.
    #[serde(rename = "as")]
    signer: String,
    /// The learner's own key (64 hex digits), when the learner holds it.
    #[serde(default)]
    learner_key: Option<String>,
}

async fn sign(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: SignRequest = parse_json(body)?;
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
    Ok(Json(thread_json(&state, &view)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CompletionRequest {
    start: String,
    end: String,
    units: Vec<UnitAssessment>,
    assessment: String,
    #[serde(default)]
    hours: Option<u32>,
    #[serde(default)]
    credential: Option<CredentialRequest>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialRequest {
    achievement: String,
    #[serde(default)]
    grade: Option<String>,
}

async fn complete(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: CompletionRequest = parse_json(body)?;
    let body = CompletionBody {
        start: request.start,
        end: request.end,
        units: request.units,
        assessment: request.assessment,
        hours: request.hours,
        signatures: Vec::new(),
        credential: None,
    };
    let credential = request.credential.map(|c| CompletionCredential { achievement: c.achievement, grade: c.grade });
    let view = state.mobility.complete(&thread, body, credential).await?;
    Ok(Json(thread_json(&state, &view)).into_response())
}

async fn recognise(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body: RecognitionBody = parse_json(body)?;
    let view = state.mobility.recognise(&thread, body).await?;
    Ok(Json(thread_json(&state, &view)).into_response())
}

async fn cancel(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let body: CancellationBody = parse_json(body)?;
    let view = state.mobility.cancel(&thread, body).await?;
    Ok(Json(thread_json(&state, &view)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct EraseRequest {
    #[serde(default)]
    reason: Option<String>,
}

async fn erase(State(state): State<ApiState>, Path(thread): Path<String>, Json(body): Json<Value>) -> ApiResult {
    thread_param(&thread)?;
    let request: EraseRequest = parse_json(body)?;
    let view = state.mobility.erase(&thread, request.reason).await?;
    Ok(Json(thread_json(&state, &view)).into_response())
}

/// The format name of an exported thread.
const EXPORT_FORMAT: &str = "vetnet-mobility-thread/1";

async fn export(State(state): State<ApiState>, Path(thread): Path<String>) -> ApiResult {
    thread_param(&thread)?;
    let steps = state.mobility.export(&thread)?;
    Ok(Json(json!({
        "format": EXPORT_FORMAT,
        "network": state.info.network,
        "thread": thread,
        "steps": steps.iter().map(hex::encode).collect::<Vec<_>>(),
    }))
    .into_response())
}

#[derive(Deserialize)]
struct ExportedThread {
    format: String,
    network: String,
    steps: Vec<String>,
}

/// Checks an exported thread offline: every signature and every rule, in
/// order. `valid: false` names the step and the rule that fails.
async fn verify(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let document: ExportedThread = parse_json(body)?;
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
            let mut views = Views::new(&state.store);
            let mut out = json!({
                "valid": true,
                "thread": thread.id,
                "status": thread.status().as_str(),
                "school": views.institution(thread.school),
                "host": views.institution(thread.host),
                "steps": thread.links().len() + thread.signatures().len(),
            });
            add_thread_facts(&mut out, &thread);
            out
        }
        Err(MobilityError::Refused(rule)) => json!({ "valid": false, "field": rule.field, "reason": rule.rule }),
        Err(other) => return Err(other.into()),
    };
    Ok(Json(answer).into_response())
}
