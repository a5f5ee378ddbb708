//! Our own offers and needs: list, show, create, edit, duplicate and
//! withdraw (after a confirmation). One set of handlers serves both kinds,
//! through [`OwnKind`].

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;
use vetnet_views::{Need, Offer, RecordView};

use super::view::{RecordRow, Shown, percent, record_row, record_rows, text};
use crate::dashboard::form::{
    FieldErrors, FieldSpec, FieldView, FormData, NEED_FIELDS, OFFER_FIELDS, TEXT_LANG, Widget, field_views, from_json,
    relabel, to_json,
};
use crate::dashboard::i18n::{LANGUAGES, Tr};
use crate::dashboard::{
    ApiRefusal, Chrome, Ctx, Dashboard, Posted, notice, notice_with, render, render_with, see_other,
};

/// One kind of our own records, as the pages and the API name it.
pub struct OwnKind {
    /// The navigation section and message prefix: `offers`, `needs`.
    pub section: &'static str,
    /// The pages' address: `/offers`.
    pub base: &'static str,
    /// The API's address: `/v1/offers`.
    pub api: &'static str,
    pub fields: &'static [FieldSpec],
    /// The page every node shows for one of these records, as
    /// `<public>/<author>/<id>`, when there is one (a meeting's page with
    /// its registrations, a skills need's matching schools).
    pub public: Option<&'static str>,
}

pub trait Own: Send + Sync + 'static {
    const KIND: OwnKind;
    /// The record body the API answers with.
    type Body: Shown + Serialize + DeserializeOwned + Send + Sync;
}

pub struct Offers;
pub struct Needs;

impl Own for Offers {
    const KIND: OwnKind =
        OwnKind { section: "offers", base: "/offers", api: "/v1/offers", fields: OFFER_FIELDS, public: None };
    type Body = Offer;
}

impl Own for Needs {
    const KIND: OwnKind =
        OwnKind { section: "needs", base: "/needs", api: "/v1/needs", fields: NEED_FIELDS, public: None };
    type Body = Need;
}

pub fn routes<K: Own>() -> Router<Dashboard> {
    let base = K::KIND.base;
    Router::new()
        .route(base, get(list::<K>).post(create::<K>))
        .route(&format!("{base}/new"), get(new_form::<K>))
        .route(&format!("{base}/{{id}}"), get(show::<K>).post(update::<K>))
        .route(&format!("{base}/{{id}}/edit"), get(edit_form::<K>))
        .route(&format!("{base}/{{id}}/withdraw"), get(confirm_withdraw::<K>).post(withdraw::<K>))
}

/// The fields of a new record: its id first.
const ID_FIELD: FieldSpec = FieldSpec { name: "id", widget: Widget::Text, required: false };

fn create_fields(kind: &OwnKind) -> Vec<FieldSpec> {
    std::iter::once(ID_FIELD).chain(kind.fields.iter().copied()).collect()
}

/// The body fields of a record view as JSON, as the forms fill and post
/// them (`null` for a withdrawn record).
pub fn body_of<B: Serialize>(view: &RecordView<B>) -> Value {
    serde_json::to_value(&view.body).unwrap_or(Value::Null)
}

#[derive(Template)]
#[template(path = "records.html")]
struct ListPage {
    t: Tr,
    chrome: Chrome,
    title: String,
    new_label: String,
    none_label: String,
    base: &'static str,
    rows: Vec<RecordRow>,
    all: bool,
    done: Option<String>,
}

#[derive(serde::Deserialize)]
struct ListParams {
    #[serde(default)]
    all: bool,
    #[serde(default)]
    done: Option<String>,
}

async fn list<K: Own>(ctx: Ctx, Query(params): Query<ListParams>) -> Response {
    let kind = K::KIND;
    let path = if params.all { format!("{}?all=true", kind.api) } else { kind.api.to_owned() };
    match ctx.dash.get::<Vec<RecordView<K::Body>>>(&path).await {
        Ok(list) => render(&ListPage {
            rows: record_rows(&ctx.t, &list, Some(kind.base)),
            chrome: ctx.chrome(kind.section),
            title: ctx.t.msg(&format!("{}-title", kind.section)),
            new_label: ctx.t.msg(&format!("{}-new", kind.section)),
            none_label: ctx.t.msg(&format!("{}-none", kind.section)),
            base: kind.base,
            all: params.all,
            done: params.done.filter(|d| d == "withdrawn").map(|_| ctx.t.msg("done-withdrawn")),
            t: ctx.t,
        }),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

/// A page for an API call that failed for a reason no form field explains:
/// the API's refusal in its words (a server error only points to the log).
pub fn api_failure(ctx: &Ctx, refusal: &ApiRefusal) -> Response {
    let status = refusal.status;
    tracing::debug!(status = %status, message = refusal.message(), "the API refused a dashboard request");
    if status == StatusCode::NOT_FOUND {
        return notice(status, &ctx.t, "not-found-title", "not-found-body");
    }
    let detail = (!status.is_server_error()).then(|| refusal.message().to_owned());
    notice_with(status, &ctx.t, "refused-title", "refused-api", detail)
}

#[derive(Template)]
#[template(path = "record.html")]
struct ShowPage {
    t: Tr,
    chrome: Chrome,
    list_title: String,
    base: &'static str,
    row: RecordRow,
    description: String,
    outcomes: Vec<String>,
    updated: String,
    seq: u64,
    done: Option<String>,
    /// `(address, words)` of the record's page for every node.
    public: Option<(String, String)>,
}

#[derive(serde::Deserialize)]
struct ShowParams {
    #[serde(default)]
    done: Option<String>,
}

async fn show<K: Own>(ctx: Ctx, Path(id): Path<String>, Query(params): Query<ShowParams>) -> Response {
    let kind = K::KIND;
    let view = match ctx.dash.get::<RecordView<K::Body>>(&format!("{}/{}", kind.api, percent(&id))).await {
        Ok(view) => view,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let done = params
        .done
        .filter(|d| matches!(d.as_str(), "published" | "updated" | "withdrawn"))
        .map(|d| ctx.t.msg(&format!("done-{d}")));
    render(&ShowPage {
        row: record_row(&ctx.t, &view, Some(kind.base)),
        description: view.body.as_ref().map(|b| text(&ctx.t, b.description())).unwrap_or_default(),
        outcomes: view.body.as_ref().map(|b| b.outcomes().to_vec()).unwrap_or_default(),
        updated: ctx.t.timestamp(view.ts),
        seq: view.seq,
        public: kind.public.filter(|_| !view.withdrawn).map(|public| {
            let address = format!("{public}/{}/{}", percent(&view.author), percent(&view.id));
            (address, ctx.t.msg(&format!("{}-public-page", kind.section)))
        }),
        chrome: ctx.chrome(kind.section),
        list_title: ctx.t.msg(&format!("{}-title", kind.section)),
        t: ctx.t,
        base: kind.base,
        done,
    })
}

/// The page of a record form (`record_form.html`): offers, needs and
/// achievements.
#[derive(Template)]
#[template(path = "record_form.html")]
pub struct FormPage {
    t: Tr,
    chrome: Chrome,
    heading: String,
    action: String,
    pub fields: Vec<FieldView>,
    has_field_errors: bool,
    general_error: Option<String>,
    /// `(tag, label, selected)` for the language the texts are written in.
    text_langs: Vec<(&'static str, &'static str, bool)>,
    submit: String,
    cancel: String,
}

/// The form page of `section` (its messages `<section>-new-title` and
/// `<section>-edit-title`) for `target`, with `values` and `errors` in place.
pub fn form_page(
    ctx: &Ctx,
    section: &'static str,
    target: FormTarget,
    values: &FormData,
    errors: &FieldErrors,
) -> FormPage {
    let text_lang = values.value(TEXT_LANG).unwrap_or(ctx.t.lang()).to_owned();
    let (heading, submit) = match &target.editing {
        Some(_) => (format!("{section}-edit-title"), "action-save"),
        None => (format!("{section}-new-title"), "action-publish"),
    };
    let mut fields = field_views(&target.fields, values, errors, &ctx.t);
    relabel(&mut fields, section, &ctx.t);
    FormPage {
        t: ctx.t.clone(),
        chrome: ctx.chrome(section),
        heading: ctx.t.msg(&heading),
        action: target.action,
        has_field_errors: fields.iter().any(|f| f.error.is_some()),
        fields,
        general_error: errors.general.clone(),
        text_langs: LANGUAGES.iter().map(|(tag, name, _)| (*tag, *name, *tag == text_lang)).collect(),
        submit: ctx.t.msg(submit),
        cancel: target.cancel,
    }
}

/// Where a form goes and which fields it has.
pub struct FormTarget {
    pub action: String,
    pub cancel: String,
    pub fields: Vec<FieldSpec>,
    /// The id of the record being edited; `None` for a new one.
    pub editing: Option<String>,
}

impl FormTarget {
    fn create(kind: &OwnKind) -> Self {
        Self { action: kind.base.to_owned(), cancel: kind.base.to_owned(), fields: create_fields(kind), editing: None }
    }

    fn edit(kind: &OwnKind, id: &str) -> Self {
        let page = format!("{}/{}", kind.base, percent(id));
        Self { action: page.clone(), cancel: page, fields: kind.fields.to_vec(), editing: Some(id.to_owned()) }
    }
}

#[derive(serde::Deserialize)]
struct NewParams {
    /// Duplicate this record: the form starts with its values.
    #[serde(default)]
    from: Option<String>,
}

async fn new_form<K: Own>(ctx: Ctx, Query(params): Query<NewParams>) -> Response {
    let kind = K::KIND;
    let mut values = FormData::default();
    if let Some(from) = params.from {
        match ctx.dash.get::<RecordView<K::Body>>(&format!("{}/{}", kind.api, percent(&from))).await {
            Ok(view) => values = from_json(kind.fields, &body_of(&view), ctx.t.lang()),
            Err(refusal) => return api_failure(&ctx, &refusal),
        }
    }
    render(&form_page(&ctx, kind.section, FormTarget::create(&kind), &values, &FieldErrors::default()))
}

async fn edit_form<K: Own>(ctx: Ctx, Path(id): Path<String>) -> Response {
    let kind = K::KIND;
    match ctx.dash.get::<RecordView<K::Body>>(&format!("{}/{}", kind.api, percent(&id))).await {
        Ok(view) => {
            let values = from_json(kind.fields, &body_of(&view), ctx.t.lang());
            render(&form_page(&ctx, kind.section, FormTarget::edit(&kind, &id), &values, &FieldErrors::default()))
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

/// An id from a title when the form left it empty: `welding-in-tampere`.
pub fn id_from_title(title: &str) -> String {
    let mut id = String::new();
    let plain = |c: char| match c {
        'å' | 'ä' | 'à' | 'á' | 'â' | 'ā' | 'ą' => 'a',
        'ö' | 'ø' | 'ó' | 'ô' | 'õ' | 'ō' => 'o',
        'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ė' | 'ē' => 'e',
        'ü' | 'ú' | 'ū' | 'ų' => 'u',
        'í' | 'ī' | 'į' => 'i',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'č' | 'ć' => 'c',
        'ł' => 'l',
        'ń' | 'ņ' => 'n',
        other => other,
    };
    for c in title.chars().flat_map(char::to_lowercase).map(plain) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
        if id.len() >= 48 {
            break;
        }
    }
    id.trim_end_matches('-').to_owned()
}

async fn create<K: Own>(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let kind = K::KIND;
    let target = FormTarget::create(&kind);
    let mut body = to_json(kind.fields, &form, None);
    let id = form.value("id").map(str::to_owned).unwrap_or_else(|| id_from_title(form.value("title").unwrap_or("")));
    if let Value::Object(fields) = &mut body {
        fields.insert("id".to_owned(), Value::from(id.as_str()));
    }
    match ctx.dash.post::<_, IgnoredAny>(kind.api, &body).await {
        Ok(_) => see_other(&format!("{}/{}?done=published", kind.base, percent(&id))),
        Err(refusal) => refused_form(&ctx, kind.section, target, &form, &refusal),
    }
}

async fn update<K: Own>(Path(id): Path<String>, posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let kind = K::KIND;
    let path = format!("{}/{}", kind.api, percent(&id));
    let base = match ctx.dash.get::<RecordView<K::Body>>(&path).await {
        Ok(view) => body_of(&view),
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let body = to_json(kind.fields, &form, Some(&base));
    match ctx.dash.put::<_, IgnoredAny>(&path, &body).await {
        Ok(_) => see_other(&format!("{}/{}?done=updated", kind.base, percent(&id))),
        Err(refusal) => refused_form(&ctx, kind.section, FormTarget::edit(&kind, &id), &form, &refusal),
    }
}

/// The form again, as the reader filled it, with the API's rule beside the
/// field it refused.
fn refused_form(
    ctx: &Ctx,
    section: &'static str,
    target: FormTarget,
    form: &FormData,
    refusal: &ApiRefusal,
) -> Response {
    if refusal.status.is_server_error() {
        return api_failure(ctx, refusal);
    }
    let errors = FieldErrors::from_api(&target.fields, &refusal.body);
    render_with(StatusCode::BAD_REQUEST, &form_page(ctx, section, target, form, &errors))
}

#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub heading: String,
    pub warning: String,
    pub action: String,
    pub confirm: String,
    pub cancel: String,
}

async fn confirm_withdraw<K: Own>(ctx: Ctx, Path(id): Path<String>) -> Response {
    let kind = K::KIND;
    let view = match ctx.dash.get::<RecordView<K::Body>>(&format!("{}/{}", kind.api, percent(&id))).await {
        Ok(view) => view,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let page = format!("{}/{}", kind.base, percent(&id));
    let title = record_row(&ctx.t, &view, None).title;
    render(&ConfirmPage {
        heading: ctx.t.msg1("withdraw-title", "title", title),
        warning: ctx.t.msg("withdraw-warning"),
        action: format!("{page}/withdraw"),
        confirm: ctx.t.msg("action-withdraw"),
        cancel: page,
        chrome: ctx.chrome(kind.section),
        t: ctx.t,
    })
}

async fn withdraw<K: Own>(Path(id): Path<String>, posted: Posted) -> Response {
    let ctx = posted.ctx;
    let kind = K::KIND;
    match ctx.dash.delete::<IgnoredAny>(&format!("{}/{}", kind.api, percent(&id))).await {
        Ok(_) => see_other(&format!("{}?done=withdrawn", kind.base)),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_titles() {
        assert_eq!(id_from_title("Welding in Tampere!"), "welding-in-tampere");
        assert_eq!(id_from_title("  Kök & Café  "), "kok-cafe");
        assert_eq!(id_from_title(""), "");
    }
}
