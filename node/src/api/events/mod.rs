//! Events (meetings): the institution's own (`/v1/events`, published,
//! updated, withdrawn like offers), any event as iCalendar
//! (`/v1/events/{author}/{id}/ics`), and the network's events searched, as
//! JSON or as an iCalendar feed (`search`).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use serde_json::{Map, Value, json};
use vetnet_protocol::{Content, RecordKey, RecordKind, VerifiedRecord};
use vetnet_views as views;

use super::convert::IntoProtocol;
use super::own::{OwnRecords, publish_status, split_body};
use super::params::{ListParams, author_param};
use super::{ApiError, ApiResult, ApiState, ViewBuilder, answer, ok, parse_json};
use crate::calendar::{self, CalendarEvent};
use crate::publish::PublishMode;

pub mod convert;
pub mod search;

const EVENTS: OwnRecords = OwnRecords { kind: RecordKind::Event, noun: "event" };

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/events", get(list).post(create))
        .route("/v1/events/{id}", get(show).put(update).delete(withdraw))
        .route("/v1/events/{author}/{id}", get(show_held))
        .route("/v1/events/{author}/{id}/ics", get(ics))
        .merge(search::routes())
}

/// This institution's events; withdrawn ones too with `all`.
pub fn list_events(state: &ApiState, all: bool) -> Result<Vec<views::EventView>, ApiError> {
    EVENTS.list(state, all)
}

/// One of this institution's events.
pub fn get_event(state: &ApiState, id: &str) -> Result<views::EventView, ApiError> {
    EVENTS.show(state, id)
}

/// Publishes (or updates) an event from its JSON fields; left-out `langs`
/// are the profile's working languages.
pub async fn publish_event(
    state: &ApiState,
    id: &str,
    mut fields: Map<String, Value>,
    mode: PublishMode,
) -> Result<views::PublishedView<views::Event>, ApiError> {
    if let (false, Some(profile)) = (fields.contains_key("langs"), state.publisher.profile()?)
        && !profile.languages.is_empty()
    {
        fields.insert("langs".into(), json!(profile.languages));
    }
    let event: views::Event = parse_json(Value::Object(fields))?;
    EVENTS.publish(state, id, &event.into_protocol(), mode).await
}

/// Withdraws one of this institution's events.
pub async fn withdraw_event(state: &ApiState, id: &str) -> Result<views::PublishedView<views::Event>, ApiError> {
    EVENTS.withdraw(state, id).await
}

/// The event `id` of `author` (any institution's, this one's too) as an
/// iCalendar file.
pub fn event_calendar(state: &ApiState, author: &str, id: &str) -> Result<String, ApiError> {
    let record = held_event(state, author, id)?;
    if record.is_withdrawn() {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("the event {id:?} of {} was withdrawn", record.author.to_did()),
        ));
    }
    Ok(calendar_of(state, &[record], None))
}

/// Any event this node holds, by its organiser and id, withdrawn or not.
fn held_event(state: &ApiState, author: &str, id: &str) -> Result<VerifiedRecord, ApiError> {
    let author = author_param(author)?;
    let key = RecordKey { author, kind: RecordKind::Event.as_str().to_owned(), id: id.to_owned() };
    state.store.get(&key)?.ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("this node holds no event {id:?} of {}", author.to_did()),
        )
    })
}

/// The event records among `records` as one calendar, with their
/// organisers' names.
pub(crate) fn calendar_of(state: &ApiState, records: &[VerifiedRecord], name: Option<&str>) -> String {
    let mut views = ViewBuilder::new(&state.store, state.today());
    let names: Vec<Option<String>> = records.iter().map(|record| views.name(record.author)).collect();
    let events: Vec<CalendarEvent<'_>> = records
        .iter()
        .zip(&names)
        .filter_map(|(record, name)| match &record.content {
            Content::Event(body) => Some(CalendarEvent {
                author: &record.author,
                author_name: name.as_deref(),
                id: &record.payload.id,
                seq: record.payload.seq,
                ts: record.payload.ts,
                body,
            }),
            _ => None,
        })
        .collect();
    calendar::write_calendar(&events, name)
}

/// A calendar as the answer, as a file named `file_name`.
pub(crate) fn calendar_answer(text: String, file_name: &str) -> axum::response::Response {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    ([(header::CONTENT_TYPE, calendar::CONTENT_TYPE.to_owned()), (header::CONTENT_DISPOSITION, disposition)], text)
        .into_response()
}

/// This institution's events.
#[utoipa::path(
    get,
    path = "/v1/events",
    tag = "events",
    operation_id = "list_events",
    params(("all" = Option<bool>, Query, description = "`true`: withdrawn events too (their body is erased). Default `false`.")),
    responses(
        (status = 200, description = "This institution's events, live ones only unless `all`.", body = [views::RecordView<views::Event>]),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn list(State(state): State<ApiState>, Query(params): Query<ListParams>) -> ApiResult {
    ok(&list_events(&state, params.all)?)
}

/// One event.
#[utoipa::path(
    get,
    path = "/v1/events/{id}",
    tag = "events",
    operation_id = "get_event",
    params(("id" = String, Path, description = "The event's record id.")),
    responses(
        (status = 200, description = "The event, withdrawn or not.", body = views::RecordView<views::Event>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This institution publishes no event with that id (`not_found`).", body = views::ErrorBody),
    )
)]
async fn show(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&get_event(&state, &id)?)
}

/// Publishes a new event.
#[utoipa::path(
    post,
    path = "/v1/events",
    tag = "events",
    operation_id = "publish_event",
    description = "Signs and publishes a new event (a meeting this institution organises), and gossips it (or queues it for the first peer). `id` is 1-64 letters, digits, '-', '_' or '.', unique among this institution's events. `event_kind` is network-meeting, conference, workshop, webinar or study-visit; `start` and `end` are local times `YYYY-MM-DDTHH:MM` in the IANA zone `tz` (one of the zones of the Baltic Sea states or UTC, see docs/PROTOCOL.md), `end` after `start`; the place is `city` with `country` (ISO 3166-1), an `online` https:// link, or both; `langs` are BCP 47 tags (left out: the profile's languages); `deadline` a day `YYYY-MM-DD` not after the start; `capacity` 1-100000, `registered` 0-100000. After the meeting an update carries `summary`, `outcomes` and `minutes`.",
    request_body = views::EventInput,
    responses(
        (status = 201, description = "The event as published.", body = views::PublishedView<views::Event>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 409, description = "An event with this id exists already (`exists`), or this institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn create(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, None)?;
    let view = publish_event(&state, &id, fields, PublishMode::Create).await?;
    Ok(answer(publish_status(PublishMode::Create), &view))
}

/// Updates an event.
#[utoipa::path(
    put,
    path = "/v1/events/{id}",
    tag = "events",
    operation_id = "update_event",
    description = "Publishes a new version of an event (its `seq` grows) from a whole new body: a new registered count, or after the meeting its summary, outcomes and minutes. The id is the path's, an `id` in the body is ignored. The same rules and defaults as publishing apply.",
    params(("id" = String, Path, description = "The event's record id.")),
    request_body = views::Event,
    responses(
        (status = 200, description = "The event as published.", body = views::PublishedView<views::Event>),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No event with that id, or it is withdrawn (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn update(State(state): State<ApiState>, Path(id): Path<String>, body: axum::body::Bytes) -> ApiResult {
    let (id, fields) = split_body(&body, Some(id))?;
    let view = publish_event(&state, &id, fields, PublishMode::Update).await?;
    Ok(answer(publish_status(PublishMode::Update), &view))
}

/// Withdraws an event.
#[utoipa::path(
    delete,
    path = "/v1/events/{id}",
    tag = "events",
    operation_id = "withdraw_event",
    description = "Publishes the withdrawal of an event: a new version without a body, which every node keeps in place of the event.",
    params(("id" = String, Path, description = "The event's record id.")),
    responses(
        (status = 200, description = "The withdrawal as published.", body = views::PublishedView<views::Event>),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "No event with that id, or it is withdrawn already (`not_found`).", body = views::ErrorBody),
        (status = 409, description = "This institution's key is retired (`key_retired`).", body = views::ErrorBody),
    )
)]
async fn withdraw(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult {
    ok(&withdraw_event(&state, &id).await?)
}

/// Any event this node holds.
#[utoipa::path(
    get,
    path = "/v1/events/{author}/{id}",
    tag = "events",
    operation_id = "show_held_event",
    description = "Any event this node holds, this institution's or another's, withdrawn or not, with its organiser's trust.",
    params(
        ("author" = String, Path, description = "The organiser, `did:key:z6Mk…`."),
        ("id" = String, Path, description = "The event's record id."),
    ),
    responses(
        (status = 200, description = "The event.", body = views::RecordView<views::Event>),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node holds no such event (`not_found`).", body = views::ErrorBody),
    )
)]
async fn show_held(State(state): State<ApiState>, Path((author, id)): Path<(String, String)>) -> ApiResult {
    let record = held_event(&state, &author, &id)?;
    let view: views::EventView = ViewBuilder::new(&state.store, state.today()).record(&record);
    ok(&view)
}

/// One event as iCalendar.
#[utoipa::path(
    get,
    path = "/v1/events/{author}/{id}/ics",
    tag = "events",
    operation_id = "event_ics",
    description = "Any event this node holds, this institution's or another's, as an iCalendar (RFC 5545) file with one VEVENT: times in UTC, the event's time zone in `X-VETNET-TZID`, a stable UID made of the organiser's did:key and the id.",
    params(
        ("author" = String, Path, description = "The organiser, `did:key:z6Mk…`."),
        ("id" = String, Path, description = "The event's record id."),
    ),
    responses(
        (status = 200, description = "The event as an iCalendar file.", body = String, content_type = "text/calendar"),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "This node holds no such event, or it was withdrawn (`not_found`).", body = views::ErrorBody),
    )
)]
async fn ics(State(state): State<ApiState>, Path((author, id)): Path<(String, String)>) -> ApiResult {
    let text = event_calendar(&state, &author, &id)?;
    Ok(calendar_answer(text, &format!("{id}.ics")))
}
