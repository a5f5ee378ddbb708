//! The achievement catalogue: our achievements with every element of the
//! Council Recommendation on micro-credentials (learning outcomes, EQF and
//! NQF level, workload, assessment, supervision, participation, quality
//! assurance, prerequisites, stackability), created and edited with the
//! record form machinery of `dashboard::form`, withdrawn after a
//! confirmation.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use serde::de::IgnoredAny;
use serde_json::Value;
use vetnet_views::{Achievement, AchievementView};

use super::super::records::{self, FormPage, FormTarget, id_from_title};
use super::super::records::{ConfirmPage, api_failure, body_of};
use super::super::view::{percent, text};
use super::relabel;
use crate::dashboard::codes::{CodeList, label};
use crate::dashboard::form::{FieldErrors, FieldSpec, FormData, Widget, from_json, to_json};
use crate::dashboard::i18n::Tr;
use crate::dashboard::{ApiRefusal, Chrome, Ctx, Posted, notice, render, render_with, see_other};

const PARTICIPATION: &[&str] = &["on-site", "workplace", "blended", "online"];
const SUPERVISION: &[&str] = &["unsupervised", "supervised-online", "on-site-identity-check"];
const STACKABILITY: &[&str] = &["standalone", "stackable"];

const fn field(name: &'static str, widget: Widget, required: bool) -> FieldSpec {
    FieldSpec { name, widget, required }
}

/// The achievement form's fields, named as the API's body (`AchievementInput`).
pub const ACHIEVEMENT_FIELDS: &[FieldSpec] = &[
    field("title", Widget::LangText, true),
    field("description", Widget::LangTextarea, false),
    field("outcomes", Widget::Lines, true),
    field("eqf", Widget::Code(CodeList::Eqf), false),
    field("nqf", Widget::Text, false),
    field("isced", Widget::Code(CodeList::Isced), false),
    field("ects", Widget::Text, false),
    field("hours", Widget::Number, false),
    field("languages", Widget::Codes(CodeList::Language), false),
    field("participation", Widget::Keyword(PARTICIPATION), true),
    field("assessment", Widget::Textarea, true),
    field("supervision", Widget::Keyword(SUPERVISION), false),
    field("quality_assurance", Widget::Textarea, true),
    field("prerequisites", Widget::Textarea, false),
    field("stackability", Widget::Keyword(STACKABILITY), false),
    field("esco_skills", Widget::Lines, false),
    field("country", Widget::Code(CodeList::Country), false),
    field("further_information", Widget::Textarea, false),
];

const ID_FIELD: FieldSpec = field("id", Widget::Text, false);

pub struct AchievementRow {
    pub id: String,
    pub link: String,
    pub title: String,
    pub eqf: String,
    pub workload: String,
    pub participation: String,
}

/// The workload in words: `5 ECTS, 135 hours`.
fn workload(t: &Tr, a: &Achievement) -> String {
    let mut parts = Vec::new();
    if let Some(ects) = a.ects {
        parts.push(t.msg1("cred-ects-credits", "n", ects));
    }
    if let Some(hours) = a.hours {
        parts.push(t.msg1("cred-hours-n", "n", t.number(u64::from(hours))));
    }
    if parts.is_empty() { "–".to_owned() } else { parts.join(", ") }
}

fn eqf_label(t: &Tr, a: &Achievement) -> String {
    a.eqf.map(|level| label(CodeList::Eqf, &level.to_string(), t)).unwrap_or_else(|| "–".to_owned())
}

#[derive(Template)]
#[template(path = "achievements/list.html")]
struct ListPage {
    t: Tr,
    chrome: Chrome,
    rows: Vec<AchievementRow>,
    done: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct DoneParams {
    #[serde(default)]
    done: Option<String>,
}

fn done_message(t: &Tr, done: Option<String>) -> Option<String> {
    done.filter(|d| matches!(d.as_str(), "published" | "updated" | "withdrawn")).map(|d| t.msg(&format!("done-{d}")))
}

pub async fn list(ctx: Ctx, Query(params): Query<DoneParams>) -> Response {
    let achievements = match ctx.dash.get::<Vec<AchievementView>>("/v1/achievements").await {
        Ok(list) => list,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let t = &ctx.t;
    let rows = achievements
        .iter()
        .filter_map(|view| {
            let a = view.body.as_ref()?;
            Some(AchievementRow {
                id: view.id.clone(),
                link: format!("/achievements/{}", percent(&view.id)),
                title: text(t, &a.title),
                eqf: eqf_label(t, a),
                workload: workload(t, a),
                participation: t.msg(&format!("enum-{}", a.participation)),
            })
        })
        .collect();
    render(&ListPage { rows, done: done_message(t, params.done), chrome: ctx.chrome("achievements"), t: ctx.t.clone() })
}

#[derive(Template)]
#[template(path = "achievements/show.html")]
struct ShowPage {
    t: Tr,
    chrome: Chrome,
    id: String,
    link: String,
    issue_link: String,
    title: String,
    description: String,
    outcomes: Vec<String>,
    /// Label and value of every other element, in the Recommendation's order.
    facts: Vec<(String, String)>,
    esco_skills: Vec<String>,
    updated: String,
    seq: u64,
    done: Option<String>,
}

fn facts(t: &Tr, a: &Achievement) -> Vec<(String, String)> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "–".to_owned());
    let keyword = |k: Option<&str>| k.map(|k| t.msg(&format!("cred-enum-{k}"))).unwrap_or_else(|| "–".to_owned());
    let languages = a.languages.iter().map(|l| label(CodeList::Language, l, t)).collect::<Vec<_>>().join(", ");
    vec![
        (t.msg("field-eqf"), eqf_label(t, a)),
        (t.msg("cred-field-nqf"), opt(&a.nqf)),
        (t.msg("field-isced"), a.isced.as_deref().map(|c| label(CodeList::Isced, c, t)).unwrap_or_else(|| "–".into())),
        (t.msg("achievements-workload"), workload(t, a)),
        (t.msg("field-languages"), if languages.is_empty() { "–".to_owned() } else { languages }),
        (t.msg("field-participation"), t.msg(&format!("enum-{}", a.participation))),
        (t.msg("cred-field-assessment"), a.assessment.clone()),
        (t.msg("cred-field-supervision"), keyword(a.supervision.as_ref().map(|s| s.as_str()))),
        (t.msg("cred-field-quality-assurance"), a.quality_assurance.clone()),
        (t.msg("cred-field-prerequisites"), opt(&a.prerequisites)),
        (t.msg("cred-field-stackability"), keyword(a.stackability.as_ref().map(|s| s.as_str()))),
        (t.msg("field-country"), label(CodeList::Country, &a.country, t)),
        (t.msg("cred-field-further-information"), opt(&a.further_information)),
    ]
}

async fn fetch(ctx: &Ctx, id: &str) -> Result<AchievementView, ApiRefusal> {
    ctx.dash.get::<AchievementView>(&format!("/v1/achievements/{}", percent(id))).await
}

pub async fn show(ctx: Ctx, Path(id): Path<String>, Query(params): Query<DoneParams>) -> Response {
    let view = match fetch(&ctx, &id).await {
        Ok(view) => view,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let Some(a) = &view.body else {
        return notice(StatusCode::NOT_FOUND, &ctx.t, "not-found-title", "not-found-body");
    };
    let t = &ctx.t;
    render(&ShowPage {
        link: format!("/achievements/{}", percent(&view.id)),
        issue_link: format!("/credentials/issue?achievement={}", percent(&view.id)),
        id: view.id.clone(),
        title: text(t, &a.title),
        description: text(t, &a.description),
        outcomes: a.outcomes.clone(),
        facts: facts(t, a),
        esco_skills: a.esco_skills.clone(),
        updated: t.timestamp(view.ts),
        seq: view.seq,
        done: done_message(t, params.done),
        chrome: ctx.chrome("achievements"),
        t: ctx.t.clone(),
    })
}

/// Where the form goes: a new achievement, or one being edited.
enum Target {
    Create,
    Edit(String),
}

fn specs(target: &Target) -> Vec<FieldSpec> {
    match target {
        Target::Create => std::iter::once(ID_FIELD).chain(ACHIEVEMENT_FIELDS.iter().copied()).collect(),
        Target::Edit(_) => ACHIEVEMENT_FIELDS.to_vec(),
    }
}

fn form_page(ctx: &Ctx, target: &Target, values: &FormData, errors: &FieldErrors) -> FormPage {
    let (page, editing) = match target {
        Target::Create => ("/achievements".to_owned(), None),
        Target::Edit(id) => (format!("/achievements/{}", percent(id)), Some(id.clone())),
    };
    let target = FormTarget { action: page.clone(), cancel: page, fields: specs(target), editing };
    let mut form = records::form_page(ctx, "achievements", target, values, errors);
    relabel(&ctx.t, &mut form.fields);
    form
}

pub async fn new_form(ctx: Ctx) -> Response {
    let mut values = FormData::default();
    values.push("participation", "on-site");
    render(&form_page(&ctx, &Target::Create, &values, &FieldErrors::default()))
}

pub async fn edit_form(ctx: Ctx, Path(id): Path<String>) -> Response {
    match fetch(&ctx, &id).await {
        Ok(view) => {
            let values = from_json(ACHIEVEMENT_FIELDS, &body_of(&view), ctx.t.lang());
            render(&form_page(&ctx, &Target::Edit(id), &values, &FieldErrors::default()))
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

/// The posted form as the API's body: ECTS credits as a number when they
/// are one (`7.5`), or else as typed, so the API names the field.
fn body_of_form(form: &FormData, base: Option<&Value>) -> Value {
    let mut body = to_json(ACHIEVEMENT_FIELDS, form, base);
    if let Value::Object(fields) = &mut body
        && let Some(Value::String(ects)) = fields.remove("ects")
    {
        let value = ects.replace(',', ".").parse::<f64>().ok().and_then(serde_json::Number::from_f64);
        fields.insert("ects".to_owned(), value.map(Value::Number).unwrap_or(Value::String(ects)));
    }
    body
}

pub async fn create(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let mut body = body_of_form(&form, None);
    let id = form.value("id").map(str::to_owned).unwrap_or_else(|| id_from_title(form.value("title").unwrap_or("")));
    if let Value::Object(fields) = &mut body {
        fields.insert("id".to_owned(), Value::from(id.as_str()));
    }
    match ctx.dash.post::<_, IgnoredAny>("/v1/achievements", &body).await {
        Ok(_) => see_other(&format!("/achievements/{}?done=published", percent(&id))),
        Err(refusal) => refused_form(&ctx, &Target::Create, &form, &refusal),
    }
}

pub async fn update(Path(id): Path<String>, posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let base = match fetch(&ctx, &id).await {
        Ok(view) => body_of(&view),
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let body = body_of_form(&form, Some(&base));
    match ctx.dash.put::<_, IgnoredAny>(&format!("/v1/achievements/{}", percent(&id)), &body).await {
        Ok(_) => see_other(&format!("/achievements/{}?done=updated", percent(&id))),
        Err(refusal) => refused_form(&ctx, &Target::Edit(id), &form, &refusal),
    }
}

fn refused_form(ctx: &Ctx, target: &Target, form: &FormData, refusal: &ApiRefusal) -> Response {
    if refusal.status.is_server_error() {
        return api_failure(ctx, refusal);
    }
    let errors = FieldErrors::from_api(&specs(target), &refusal.body);
    let status = if refusal.status.is_client_error() { refusal.status } else { StatusCode::BAD_REQUEST };
    render_with(status, &form_page(ctx, target, form, &errors))
}

pub async fn confirm_withdraw(ctx: Ctx, Path(id): Path<String>) -> Response {
    let view = match fetch(&ctx, &id).await {
        Ok(view) => view,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let title = view.body.as_ref().map(|a| text(&ctx.t, &a.title)).unwrap_or_else(|| id.clone());
    let page = format!("/achievements/{}", percent(&id));
    render(&ConfirmPage {
        heading: ctx.t.msg1("withdraw-title", "title", title),
        warning: ctx.t.msg("achievements-withdraw-warning"),
        action: format!("{page}/withdraw"),
        confirm: ctx.t.msg("action-withdraw"),
        cancel: page,
        chrome: ctx.chrome("achievements"),
        t: ctx.t,
    })
}

pub async fn withdraw(Path(id): Path<String>, posted: Posted) -> Response {
    let ctx = posted.ctx;
    match ctx.dash.delete::<IgnoredAny>(&format!("/v1/achievements/{}", percent(&id))).await {
        Ok(_) => see_other("/achievements?done=withdrawn"),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}
