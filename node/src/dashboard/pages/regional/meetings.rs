//! Meetings: the network's coming events, searched like the CLI's
//! `vetnet search events`; one event's page with its calendar file, the
//! registration form, and (for our own events) the attendee list.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::IgnoredAny;
use vetnet_views::{Event, EventView, RegisterInput, RegistrationView};

use super::own::{AUDIENCES, EVENT_KINDS, place, seats, when};
use crate::dashboard::codes::CodeList;
use crate::dashboard::form::{FieldErrors, FieldSpec, FieldView, FormData, Widget, field_views, relabelled};
use crate::dashboard::i18n::Tr;
use crate::dashboard::pages::records::api_failure;
use crate::dashboard::pages::view::{TrustBadge, percent, text, trust};
use crate::dashboard::{Chrome, Ctx, Posted, notice, render_with, see_other};

const fn filter(name: &'static str, widget: Widget) -> FieldSpec {
    FieldSpec { name, widget, required: false }
}

/// The search's filters, named as the API's parameters.
const FILTERS: &[FieldSpec] = &[
    filter("text", Widget::Text),
    filter("region", Widget::Text),
    filter("country", Widget::Code(CodeList::Country)),
    filter("kind", Widget::Keyword(EVENT_KINDS)),
    filter("audience", Widget::Keyword(AUDIENCES)),
    filter("lang", Widget::Code(CodeList::Language)),
    filter("from", Widget::Date),
];

/// The registration form, named as the API's body.
const REGISTER_FIELDS: &[FieldSpec] = &[
    FieldSpec { name: "name", widget: Widget::Text, required: true },
    FieldSpec { name: "email", widget: Widget::Email, required: true },
];

/// Meetings on one page of results.
const LIMIT: usize = 50;

/// A meeting in a list.
pub struct MeetingRow {
    pub link: String,
    pub title: String,
    pub kind: String,
    pub when: String,
    pub place: String,
    pub organiser: String,
    pub trust: TrustBadge,
    pub seats: Option<String>,
}

pub fn meeting_row(t: &Tr, view: &EventView) -> Option<MeetingRow> {
    let event = view.body.as_ref()?;
    Some(MeetingRow {
        link: format!("/meetings/{}/{}", percent(&view.author), percent(&view.id)),
        title: text(t, &event.title),
        kind: t.msg(&format!("enum-{}", event.kind.as_str())),
        when: when(t, event),
        place: place(t, event),
        organiser: view.author_name.clone().unwrap_or_else(|| "?".to_owned()),
        trust: trust(t, &view.trust),
        seats: seats(t, event),
    })
}

#[derive(Template)]
#[template(path = "regional/meetings.html")]
struct MeetingsPage {
    t: Tr,
    chrome: Chrome,
    fields: Vec<FieldView>,
    general_error: Option<String>,
    rows: Vec<MeetingRow>,
    /// Registrations this node sent, newest first.
    registrations: Vec<RegistrationRow>,
}

pub struct RegistrationRow {
    pub name: String,
    pub email: String,
    pub event: String,
    pub link: String,
    pub organiser: String,
    pub signed: String,
    pub delivered: bool,
    pub delivery_error: Option<String>,
}

fn registration_row(t: &Tr, r: &RegistrationView) -> RegistrationRow {
    let delivery = r.delivery.as_ref();
    RegistrationRow {
        name: r.name.clone(),
        email: r.email.clone(),
        event: r.event.clone(),
        link: format!("/meetings/{}/{}", percent(&r.organiser), percent(&r.event)),
        organiser: r.organiser_name.clone().unwrap_or_else(|| r.organiser.clone()),
        signed: t.timestamp(r.ts),
        delivered: delivery.is_none_or(|d| d.delivered),
        delivery_error: delivery.and_then(|d| d.last_error.clone()),
    }
}

/// `GET /meetings`: coming meetings (from today, unless the reader picks
/// another day), with the reader's filters.
pub async fn list(ctx: Ctx, Query(pairs): Query<Vec<(String, String)>>) -> Response {
    let form = FormData(pairs);
    let mut query: Vec<(&str, String)> =
        FILTERS.iter().filter_map(|spec| form.value(spec.name).map(|value| (spec.name, value.to_owned()))).collect();
    if form.value("from").is_none() {
        query.push(("from", ctx.dash.today().format("%Y-%m-%d").to_string()));
    }
    query.push(("limit", LIMIT.to_string()));
    let path = format!("/v1/search/events?{}", serde_urlencoded::to_string(&query).unwrap_or_default());
    let (rows, errors) = match ctx.dash.get::<Vec<EventView>>(&path).await {
        Ok(list) => (list.iter().filter_map(|v| meeting_row(&ctx.t, v)).collect(), FieldErrors::default()),
        Err(refusal) if refusal.status == StatusCode::BAD_REQUEST => {
            (Vec::new(), FieldErrors::from_api(FILTERS, &refusal.body))
        }
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let registrations = match ctx.dash.get::<Vec<RegistrationView>>("/v1/registrations").await {
        Ok(list) => list.iter().filter(|r| r.direction == "sent").map(|r| registration_row(&ctx.t, r)).collect(),
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    render_with(
        status,
        &MeetingsPage {
            fields: relabelled(field_views(FILTERS, &form, &errors, &ctx.t), "meetings", &ctx.t),
            general_error: errors.general.clone(),
            rows,
            registrations,
            chrome: ctx.chrome("events"),
            t: ctx.t,
        },
    )
}

#[derive(Template)]
#[template(path = "regional/meeting.html")]
struct MeetingPage {
    t: Tr,
    chrome: Chrome,
    row: MeetingRow,
    event: Event,
    /// The event's address under `/meetings/`.
    path: String,
    /// Our own page for the event, to edit it.
    edit_link: String,
    own: bool,
    withdrawn: bool,
    languages: String,
    audience: String,
    agenda: String,
    summary: String,
    deadline: Option<String>,
    /// Registration is closed: its deadline passed or every seat is taken.
    closed: Option<String>,
    fields: Vec<FieldView>,
    general_error: Option<String>,
    /// For our own event: who registered.
    attendees: Vec<RegistrationRow>,
    done: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct MeetingParams {
    #[serde(default)]
    done: Option<String>,
}

pub async fn show(
    ctx: Ctx,
    Path((author, id)): Path<(String, String)>,
    Query(params): Query<MeetingParams>,
) -> Response {
    let done = params.done.as_deref() == Some("registered");
    page(&ctx, &author, &id, (&FormData::default(), &FieldErrors::default()), done).await
}

async fn page(ctx: &Ctx, author: &str, id: &str, form: (&FormData, &FieldErrors), done: bool) -> Response {
    let t = &ctx.t;
    let view = match ctx.dash.get::<EventView>(&format!("/v1/events/{}/{}", percent(author), percent(id))).await {
        Ok(view) => view,
        Err(refusal) => return api_failure(ctx, &refusal),
    };
    let (Some(row), Some(event)) = (meeting_row(t, &view), view.body.clone()) else {
        return notice(StatusCode::NOT_FOUND, t, "event-withdrawn-title", "event-withdrawn-body");
    };
    let own = ctx.dash.state.info.institution.to_did() == view.author;
    let attendees = if own {
        match ctx.dash.get::<Vec<RegistrationView>>("/v1/registrations").await {
            Ok(list) => list
                .iter()
                .filter(|r| r.direction == "received" && r.event == view.id)
                .map(|r| registration_row(t, r))
                .collect(),
            Err(refusal) => return api_failure(ctx, &refusal),
        }
    } else {
        Vec::new()
    };
    let today = ctx.dash.today().format("%Y-%m-%d").to_string();
    let closed = match (&event.deadline, event.registered, event.capacity) {
        (Some(deadline), _, _) if deadline.as_str() < today.as_str() => {
            Some(t.msg1("event-closed-deadline", "day", t.date(deadline)))
        }
        (_, Some(n), Some(of)) if n >= of => Some(t.msg("event-closed-full")),
        _ => None,
    };
    let audience: Vec<String> = event.audience.iter().map(|a| t.msg(&format!("enum-{}", a.as_str()))).collect();
    let status = if form.1.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    render_with(
        status,
        &MeetingPage {
            path: format!("/meetings/{}/{}", percent(&view.author), percent(&view.id)),
            edit_link: format!("/events/{}", percent(&view.id)),
            own,
            withdrawn: view.withdrawn,
            languages: super::super::view::codes(t, CodeList::Language, &event.langs).unwrap_or_default(),
            audience: audience.join(", "),
            agenda: text(t, &event.agenda),
            summary: text(t, &event.summary),
            deadline: event.deadline.as_deref().map(|d| t.date(d)),
            closed,
            fields: relabelled(field_views(REGISTER_FIELDS, form.0, form.1, t), "registration", t),
            general_error: form.1.general.clone(),
            attendees,
            done,
            row,
            event,
            chrome: ctx.chrome("events"),
            t: t.clone(),
        },
    )
}

/// `POST /meetings/{author}/{id}/register`: the registration goes to the
/// organiser's node by a direct letter.
pub async fn register(Path((author, id)): Path<(String, String)>, posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let body = RegisterInput {
        name: form.value("name").unwrap_or("").to_owned(),
        email: form.value("email").unwrap_or("").to_owned(),
    };
    let path = format!("/v1/events/{}/{}/registrations", percent(&author), percent(&id));
    match ctx.dash.post::<_, IgnoredAny>(&path, &body).await {
        Ok(_) => see_other(&format!("/meetings/{}/{}?done=registered", percent(&author), percent(&id))),
        Err(refusal) if refusal.status.is_client_error() && refusal.status != StatusCode::NOT_FOUND => {
            let errors = super::form_errors(REGISTER_FIELDS, &refusal);
            page(&ctx, &author, &id, (&form, &errors), false).await
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

/// `GET /meetings/{author}/{id}/calendar.ics`: the event for a calendar
/// program (RFC 5545).
pub async fn calendar(ctx: Ctx, Path((author, id)): Path<(String, String)>) -> Response {
    let path = format!("/v1/events/{}/{}/ics", percent(&author), percent(&id));
    match ctx.dash.get_text(&path).await {
        Ok(ics) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}.ics\"", calendar_file_name(&id))),
            ],
            ics,
        )
            .into_response(),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

/// An event id as a file name: letters, digits, `-` and `_` only.
fn calendar_file_name(id: &str) -> String {
    let name: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).take(64).collect();
    if name.is_empty() { "event".to_owned() } else { name }
}
