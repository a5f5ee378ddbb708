//! Networks: the networks this institution belongs to, its applications
//! (sent, and received when it is a network), a search by region, country
//! and topic, one network's page with its members and meetings, and the
//! forms to apply, leave, answer an application, end a membership and
//! publish the network profile.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use serde::de::IgnoredAny;
use vetnet_views::{ApplicationView, ApplyInput, EventView, MemberView, NetworkProfileInput, NetworkView, ReasonInput};

use super::form_errors;
use super::meetings::{MeetingRow, meeting_row};
use super::own::region_name;
use crate::dashboard::codes::{CodeList, label};
use crate::dashboard::form::{FieldErrors, FieldSpec, FieldView, FormData, Widget, field_views, relabelled};
use crate::dashboard::i18n::Tr;
use crate::dashboard::pages::records::api_failure;
use crate::dashboard::pages::view::percent;
use crate::dashboard::{ApiRefusal, Chrome, Ctx, Posted, render_with, see_other};

const fn field(name: &'static str, widget: Widget, required: bool) -> FieldSpec {
    FieldSpec { name, widget, required }
}

const FILTERS: &[FieldSpec] = &[
    field("region", Widget::Text, false),
    field("country", Widget::Code(CodeList::Country), false),
    field("topic", Widget::Text, false),
];
const APPLY_FIELDS: &[FieldSpec] = &[field("motivation", Widget::Textarea, true)];
const REASON_FIELDS: &[FieldSpec] = &[field("reason", Widget::Textarea, false)];
const REFUSE_FIELDS: &[FieldSpec] = &[field("reason", Widget::Textarea, true)];
const JOINING: &[&str] = &["open", "application"];
const PROFILE_FIELDS: &[FieldSpec] = &[
    field("countries", Widget::Codes(CodeList::Country), true),
    field("regions", Widget::Lines, false),
    field("coordinator_name", Widget::Text, true),
    field("coordinator_email", Widget::Email, true),
    field("topics", Widget::Lines, false),
    field("languages", Widget::Codes(CodeList::Language), true),
    field("joining", Widget::Keyword(JOINING), true),
];

/// A network as a list shows it.
pub struct NetworkRow {
    pub link: String,
    pub name: String,
    pub scope: String,
    pub topics: String,
    pub joining: String,
    pub members: String,
}

pub fn network_row(t: &Tr, n: &NetworkView) -> NetworkRow {
    let countries: Vec<String> = n.countries.iter().map(|c| label(CodeList::Country, c, t)).collect();
    let regions: Vec<String> = n.regions.iter().map(|r| region_name(r)).collect();
    let scope = if regions.is_empty() { countries.join(", ") } else { regions.join(", ") };
    NetworkRow {
        link: format!("/networks/{}", percent(&n.network)),
        name: n.name.clone(),
        scope,
        topics: n.topics.join(", "),
        joining: t.msg(&format!("joining-{}", n.joining)),
        members: t.msg1("network-members-count", "n", t.number(n.members as u64)),
    }
}

/// An application as the lists show it.
pub struct ApplicationRow {
    pub id: String,
    pub other: String,
    pub other_link: String,
    pub motivation: String,
    pub signed: String,
    pub status: String,
    pub pending: bool,
    pub reason: Option<String>,
    /// For a sent one: whether the network's node has it.
    pub delivered: bool,
    pub delivery_error: Option<String>,
}

fn application_row(t: &Tr, a: &ApplicationView) -> ApplicationRow {
    let (did, name) = match a.direction.as_str() {
        "received" => (&a.applicant, &a.applicant_name),
        _ => (&a.network, &a.network_name),
    };
    let delivery = a.delivery.as_ref();
    ApplicationRow {
        id: a.id.clone(),
        other: name.clone().unwrap_or_else(|| did.clone()),
        other_link: if a.direction == "received" {
            format!("/trust?did={}", percent(did))
        } else {
            format!("/networks/{}", percent(did))
        },
        motivation: a.motivation.clone(),
        signed: t.timestamp(a.ts),
        status: t.msg(&format!("application-{}", a.status)),
        pending: a.status == "pending",
        reason: a.reason.clone(),
        delivered: delivery.is_none_or(|d| d.delivered),
        delivery_error: delivery.and_then(|d| d.last_error.clone()),
    }
}

#[derive(Template)]
#[template(path = "regional/networks.html")]
struct NetworksPage {
    t: Tr,
    chrome: Chrome,
    /// This institution is a network (its profile's kind).
    is_network: bool,
    memberships: Vec<NetworkRow>,
    received: Vec<ApplicationRow>,
    sent: Vec<ApplicationRow>,
    fields: Vec<FieldView>,
    general_error: Option<String>,
    rows: Vec<NetworkRow>,
    done: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct DoneParams {
    #[serde(default)]
    done: Option<String>,
}

/// The words for a `?done=` of these pages.
fn done_words(t: &Tr, done: Option<String>) -> Option<String> {
    done.filter(|d| matches!(d.as_str(), "applied" | "accepted" | "refused" | "left" | "ended" | "profile"))
        .map(|d| t.msg(&format!("network-done-{d}")))
}

fn is_network(ctx: &Ctx) -> bool {
    ctx.dash.state.publisher.profile().ok().flatten().is_some_and(|p| p.institution.as_str() == "network")
}

/// `GET /networks`.
pub async fn list(ctx: Ctx, Query(pairs): Query<Vec<(String, String)>>) -> Response {
    let t = &ctx.t;
    let form = FormData(pairs);
    let query: Vec<(&str, &str)> =
        FILTERS.iter().filter_map(|spec| form.value(spec.name).map(|value| (spec.name, value))).collect();
    let path = format!("/v1/networks?{}", serde_urlencoded::to_string(&query).unwrap_or_default());
    let (rows, errors) = match ctx.dash.get::<Vec<NetworkView>>(&path).await {
        Ok(list) => (list.iter().map(|n| network_row(t, n)).collect(), FieldErrors::default()),
        Err(refusal) if refusal.status == StatusCode::BAD_REQUEST => {
            (Vec::new(), FieldErrors::from_api(FILTERS, &refusal.body))
        }
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let memberships = match ctx.dash.get::<Vec<NetworkView>>("/v1/institutions/me/memberships").await {
        Ok(list) => list.iter().map(|n| network_row(t, n)).collect(),
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let applications = match ctx.dash.get::<Vec<ApplicationView>>("/v1/applications").await {
        Ok(list) => list,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let of = |direction: &str| -> Vec<ApplicationRow> {
        applications.iter().filter(|a| a.direction == direction).map(|a| application_row(t, a)).collect()
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    render_with(
        status,
        &NetworksPage {
            is_network: is_network(&ctx),
            memberships,
            received: of("received"),
            sent: of("sent"),
            fields: relabelled(field_views(FILTERS, &form, &errors, t), "networks", t),
            general_error: errors.general.clone(),
            rows,
            done: done_words(t, form.value("done").map(str::to_owned)),
            chrome: ctx.chrome("networks"),
            t: t.clone(),
        },
    )
}

/// A member as the network's page lists it.
pub struct MemberRow {
    pub did: String,
    pub name: String,
    pub country: String,
    pub kind: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "regional/network.html")]
struct NetworkPage {
    t: Tr,
    chrome: Chrome,
    row: NetworkRow,
    network: NetworkView,
    languages: String,
    /// The page is this institution's own network.
    own: bool,
    /// This institution is one of its members.
    member: bool,
    /// An application of ours waits for its answer.
    pending: bool,
    members: Vec<MemberRow>,
    meetings: Vec<MeetingRow>,
    apply_fields: Vec<FieldView>,
    leave_fields: Vec<FieldView>,
    general_error: Option<String>,
    done: Option<String>,
}

/// `GET /networks/{did}`.
pub async fn show(ctx: Ctx, Path(did): Path<String>, Query(params): Query<DoneParams>) -> Response {
    let done = done_words(&ctx.t, params.done);
    network_page(&ctx, &did, (&FormData::default(), &FieldErrors::default()), done).await
}

async fn network_page(ctx: &Ctx, did: &str, apply: (&FormData, &FieldErrors), done: Option<String>) -> Response {
    let t = &ctx.t;
    let me = ctx.dash.state.info.institution.to_did();
    let network = match ctx.dash.get::<NetworkView>(&format!("/v1/networks/{}", percent(did))).await {
        Ok(network) => network,
        Err(refusal) => return api_failure(ctx, &refusal),
    };
    let members: Vec<MemberView> =
        match ctx.dash.get(&format!("/v1/networks/{}/members", percent(&network.network))).await {
            Ok(list) => list,
            Err(refusal) => return api_failure(ctx, &refusal),
        };
    let today = ctx.dash.today().format("%Y-%m-%d");
    let events = format!("/v1/search/events?network={}&from={today}&limit=20", percent(&network.network));
    let meetings = match ctx.dash.get::<Vec<EventView>>(&events).await {
        Ok(list) => list.iter().filter_map(|v| meeting_row(t, v)).collect(),
        Err(refusal) => return api_failure(ctx, &refusal),
    };
    let pending = match ctx.dash.get::<Vec<ApplicationView>>("/v1/applications").await {
        Ok(list) => list.iter().any(|a| a.direction == "sent" && a.network == network.network && a.status == "pending"),
        Err(refusal) => return api_failure(ctx, &refusal),
    };
    let status = if apply.1.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    render_with(
        status,
        &NetworkPage {
            row: network_row(t, &network),
            languages: crate::dashboard::pages::view::codes(t, CodeList::Language, &network.languages)
                .unwrap_or_default(),
            own: network.network == me,
            member: members.iter().any(|m| m.institution == me),
            pending,
            members: members.iter().map(|m| member_row(t, m)).collect(),
            meetings,
            apply_fields: field_views(APPLY_FIELDS, apply.0, apply.1, t),
            leave_fields: field_views(REASON_FIELDS, &FormData::default(), &FieldErrors::default(), t),
            general_error: apply.1.general.clone(),
            done,
            network,
            chrome: ctx.chrome("networks"),
            t: t.clone(),
        },
    )
}

fn member_row(t: &Tr, m: &MemberView) -> MemberRow {
    MemberRow {
        did: m.institution.clone(),
        name: m.name.clone().unwrap_or_else(|| "?".to_owned()),
        country: m.country.as_deref().map(|c| label(CodeList::Country, c, t)).unwrap_or_default(),
        kind: m.kind.as_deref().map(|k| t.msg(&format!("enum-{k}"))).unwrap_or_default(),
        since: t.timestamp(m.since),
    }
}

/// `POST /networks/{did}/apply`.
pub async fn apply(Path(did): Path<String>, posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let body = ApplyInput { motivation: form.value("motivation").unwrap_or("").to_owned() };
    match ctx.dash.post::<_, IgnoredAny>(&format!("/v1/networks/{}/applications", percent(&did)), &body).await {
        Ok(_) => see_other(&format!("/networks/{}?done=applied", percent(&did))),
        Err(refusal) if refusal.status.is_client_error() && refusal.status != StatusCode::NOT_FOUND => {
            network_page(&ctx, &did, (&form, &form_errors(APPLY_FIELDS, &refusal)), None).await
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

fn reason_of(form: &FormData) -> ReasonInput {
    ReasonInput { reason: form.value("reason").map(str::to_owned) }
}

/// `POST /networks/{did}/leave`.
pub async fn leave(Path(did): Path<String>, posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    match ctx.dash.post::<_, IgnoredAny>(&format!("/v1/networks/{}/leave", percent(&did)), &reason_of(&form)).await {
        Ok(_) => see_other("/networks?done=left"),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

/// `POST /networks/applications/{id}/accept`.
pub async fn accept(Path(id): Path<String>, posted: Posted) -> Response {
    let ctx = posted.ctx;
    match ctx.dash.post_empty::<IgnoredAny>(&format!("/v1/applications/{}/accept", percent(&id))).await {
        Ok(_) => see_other("/networks?done=accepted"),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

/// The page with one reason field: refusing an application, or ending a
/// membership.
#[derive(Template)]
#[template(path = "regional/reason.html")]
struct ReasonPage {
    t: Tr,
    chrome: Chrome,
    heading: String,
    intro: String,
    action: String,
    fields: Vec<FieldView>,
    general_error: Option<String>,
    confirm: String,
}

fn reason_page(ctx: &Ctx, what: ReasonPageKind, form: &FormData, errors: &FieldErrors) -> Response {
    let (heading, intro, action, confirm, specs) = match &what {
        ReasonPageKind::Refuse { id, applicant } => (
            ctx.t.msg1("application-refuse-title", "name", applicant),
            ctx.t.msg("application-refuse-intro"),
            format!("/networks/applications/{}/refuse", percent(id)),
            ctx.t.msg("action-refuse"),
            REFUSE_FIELDS,
        ),
        ReasonPageKind::End { did, name } => (
            ctx.t.msg1("member-end-title", "name", name),
            ctx.t.msg("member-end-intro"),
            format!("/networks/members/{}/end", percent(did)),
            ctx.t.msg("action-end-membership"),
            REASON_FIELDS,
        ),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    render_with(
        status,
        &ReasonPage {
            heading,
            intro,
            action,
            fields: field_views(specs, form, errors, &ctx.t),
            general_error: errors.general.clone(),
            confirm,
            chrome: ctx.chrome("networks"),
            t: ctx.t.clone(),
        },
    )
}

enum ReasonPageKind {
    Refuse { id: String, applicant: String },
    End { did: String, name: String },
}

async fn received_application(ctx: &Ctx, id: &str) -> Result<ApplicationView, ApiRefusal> {
    let list = ctx.dash.get::<Vec<ApplicationView>>("/v1/applications").await?;
    list.into_iter().find(|a| a.direction == "received" && a.id == id).ok_or_else(|| ApiRefusal {
        status: StatusCode::NOT_FOUND,
        body: Box::new(vetnet_views::ErrorBody {
            error: vetnet_views::ErrorView {
                code: "not_found".to_owned(),
                message: format!("no application {id:?} to this network"),
                field: None,
                rule: None,
                rows: None,
            },
        }),
    })
}

/// `GET /networks/applications/{id}/refuse`: asks why.
pub async fn confirm_refuse(ctx: Ctx, Path(id): Path<String>) -> Response {
    match received_application(&ctx, &id).await {
        Ok(a) => {
            let applicant = a.applicant_name.unwrap_or(a.applicant);
            reason_page(&ctx, ReasonPageKind::Refuse { id, applicant }, &FormData::default(), &FieldErrors::default())
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

/// `POST /networks/applications/{id}/refuse`.
pub async fn refuse(Path(id): Path<String>, posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let path = format!("/v1/applications/{}/refuse", percent(&id));
    match ctx.dash.post::<_, IgnoredAny>(&path, &reason_of(&form)).await {
        Ok(_) => see_other("/networks?done=refused"),
        Err(refusal) if refusal.status == StatusCode::BAD_REQUEST => {
            let applicant = match received_application(&ctx, &id).await {
                Ok(a) => a.applicant_name.unwrap_or(a.applicant),
                Err(refusal) => return api_failure(&ctx, &refusal),
            };
            let errors = form_errors(REFUSE_FIELDS, &refusal);
            reason_page(&ctx, ReasonPageKind::Refuse { id, applicant }, &form, &errors)
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

/// `GET /networks/members/{did}/end`: asks why (optional).
pub async fn confirm_end(ctx: Ctx, Path(did): Path<String>) -> Response {
    let members: Vec<MemberView> = match ctx.dash.get("/v1/networks/me/members").await {
        Ok(list) => list,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let name =
        members.iter().find(|m| m.institution == did).and_then(|m| m.name.clone()).unwrap_or_else(|| did.clone());
    reason_page(&ctx, ReasonPageKind::End { did, name }, &FormData::default(), &FieldErrors::default())
}

/// `POST /networks/members/{did}/end`.
pub async fn end(Path(did): Path<String>, posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let path = format!("/v1/members/{}/end", percent(&did));
    match ctx.dash.post::<_, IgnoredAny>(&path, &reason_of(&form)).await {
        Ok(_) => see_other("/networks/me?done=ended"),
        Err(refusal) if refusal.status == StatusCode::BAD_REQUEST => {
            let errors = form_errors(REASON_FIELDS, &refusal);
            reason_page(&ctx, ReasonPageKind::End { name: did.clone(), did }, &form, &errors)
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

#[derive(Template)]
#[template(path = "regional/network_profile.html")]
struct ProfilePage {
    t: Tr,
    chrome: Chrome,
    fields: Vec<FieldView>,
    general_error: Option<String>,
}

fn profile_page(ctx: &Ctx, form: &FormData, errors: &FieldErrors) -> Response {
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    render_with(
        status,
        &ProfilePage {
            fields: relabelled(field_views(PROFILE_FIELDS, form, errors, &ctx.t), "network-profile", &ctx.t),
            general_error: errors.general.clone(),
            chrome: ctx.chrome("networks"),
            t: ctx.t.clone(),
        },
    )
}

/// `GET /networks/profile`: the network profile's form, filled with the
/// published one.
pub async fn profile_form(ctx: Ctx) -> Response {
    let mut form = FormData::default();
    match ctx.dash.get::<NetworkView>("/v1/networks/me").await {
        Ok(n) => {
            n.countries.iter().for_each(|c| form.push("countries", c.as_str()));
            form.push("regions", n.regions.join("\n"));
            form.push("coordinator_name", n.coordinator.name);
            form.push("coordinator_email", n.coordinator.email);
            form.push("topics", n.topics.join("\n"));
            n.languages.iter().for_each(|l| form.push("languages", l.as_str()));
            form.push("joining", n.joining);
        }
        Err(refusal) if refusal.status == StatusCode::NOT_FOUND => {}
        Err(refusal) => return api_failure(&ctx, &refusal),
    }
    profile_page(&ctx, &form, &FieldErrors::default())
}

/// `POST /networks/profile`.
pub async fn save_profile(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let lines = |name: &str| -> Vec<String> {
        form.value(name).unwrap_or("").lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
    };
    let all = |name: &str| -> Vec<String> {
        form.all(name).into_iter().filter(|v| !v.is_empty()).map(str::to_owned).collect()
    };
    let body = NetworkProfileInput {
        countries: all("countries"),
        regions: lines("regions"),
        coordinator_name: form.value("coordinator_name").unwrap_or("").to_owned(),
        coordinator_email: form.value("coordinator_email").unwrap_or("").to_owned(),
        topics: lines("topics"),
        languages: all("languages"),
        joining: form.value("joining").unwrap_or("").to_owned(),
    };
    match ctx.dash.put::<_, IgnoredAny>("/v1/network-profile", &body).await {
        Ok(_) => see_other("/networks/me?done=profile"),
        Err(mut refusal) if refusal.status == StatusCode::BAD_REQUEST => {
            // The record's names for the coordinator's fields are nested.
            if let Some(field) = refusal.body.error.field.as_mut() {
                *field = field
                    .replace("coordinator.name", "coordinator_name")
                    .replace("coordinator.email", "coordinator_email");
            }
            profile_page(&ctx, &form, &form_errors(PROFILE_FIELDS, &refusal))
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}
