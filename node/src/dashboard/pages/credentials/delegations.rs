//! Delegations: the achievements we let other institutions issue (given)
//! and those others let us issue (received); giving one and ending one.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use serde::de::IgnoredAny;
use vetnet_views::{AchievementView, DelegateInput, DelegationView, EndDelegationInput};

use super::super::records::api_failure;
use super::super::view::text;
use super::choices_of;
use crate::dashboard::form::{FieldErrors, FieldSpec, FieldView, FormData, Widget, field_views};
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Chrome, Ctx, Posted, render_with, see_other};

/// The form's fields, named as the API's `DelegateInput`.
const DELEGATE_FIELDS: &[FieldSpec] = &[
    FieldSpec { name: "achievement", widget: Widget::Text, required: true },
    FieldSpec { name: "delegate", widget: Widget::Text, required: true },
    FieldSpec { name: "from", widget: Widget::Date, required: false },
    FieldSpec { name: "until", widget: Widget::Date, required: false },
];

pub struct DelegationRow {
    pub achievement: String,
    pub achievement_id: String,
    /// The other institution: the delegate of one given, the author of one received.
    pub other: String,
    pub other_name: String,
    pub from: String,
    pub until: String,
    pub ended: bool,
}

#[derive(Template)]
#[template(path = "credentials/delegations.html")]
struct DelegationsPage {
    t: Tr,
    chrome: Chrome,
    given: Vec<DelegationRow>,
    received: Vec<DelegationRow>,
    fields: Vec<FieldView>,
    general_error: Option<String>,
    done: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct DoneParams {
    #[serde(default)]
    done: Option<String>,
}

async fn render_page(ctx: &Ctx, values: &FormData, errors: &FieldErrors, done: Option<String>) -> Response {
    let fetched = async {
        let own = ctx.dash.get::<Vec<AchievementView>>("/v1/achievements").await?;
        let given = ctx.dash.get::<Vec<DelegationView>>("/v1/delegations").await?;
        let received = ctx.dash.get::<Vec<DelegationView>>("/v1/delegations/received").await?;
        Ok::<_, crate::dashboard::ApiRefusal>((own, given, received))
    };
    let (own, given, received) = match fetched.await {
        Ok(all) => all,
        Err(refusal) => return api_failure(ctx, &refusal),
    };
    let t = &ctx.t;
    let today = ctx.dash.today().format("%Y-%m-%d").to_string();
    let names: Vec<(String, String)> = own
        .iter()
        .filter_map(|a| a.body.as_ref().map(|b| (a.id.clone(), format!("{} ({})", text(t, &b.title), a.id))))
        .collect();
    let rows = |list: &[DelegationView], given: bool| -> Vec<DelegationRow> {
        list.iter()
            .filter_map(|d| {
                let body = d.body.as_ref()?;
                let (other, other_name) = if given {
                    (body.delegate.clone(), String::new())
                } else {
                    (d.author.clone(), d.author_name.clone().unwrap_or_default())
                };
                let achievement = names.iter().find(|(id, _)| *id == body.achievement).map(|(_, n)| n.clone());
                Some(DelegationRow {
                    achievement: achievement.unwrap_or_else(|| body.achievement.clone()),
                    achievement_id: body.achievement.clone(),
                    other,
                    other_name,
                    from: t.date(&body.from),
                    until: body.until.as_deref().map(|u| t.date(u)).unwrap_or_else(|| t.msg("no-end")),
                    ended: body.until.as_deref().is_some_and(|u| u < today.as_str()),
                })
            })
            .collect()
    };
    let mut fields = field_views(DELEGATE_FIELDS, values, errors, t);
    super::relabel(t, &mut fields);
    for f in fields.iter_mut().filter(|f| f.name == "achievement") {
        f.kind = "select";
        f.choices = choices_of(&names, values.value("achievement"));
    }
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    render_with(
        status,
        &DelegationsPage {
            given: rows(&given, true),
            received: rows(&received, false),
            fields,
            general_error: errors.general.clone(),
            done,
            chrome: ctx.chrome("credentials"),
            t: t.clone(),
        },
    )
}

pub async fn page(ctx: Ctx, Query(params): Query<DoneParams>) -> Response {
    let done = params
        .done
        .filter(|d| matches!(d.as_str(), "given" | "ended"))
        .map(|d| ctx.t.msg(&format!("cred-done-delegation-{d}")));
    render_page(&ctx, &FormData::default(), &FieldErrors::default(), done).await
}

fn owned(form: &FormData, name: &str) -> Option<String> {
    form.value(name).map(str::to_owned)
}

pub async fn give(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let input = DelegateInput {
        achievement: form.value("achievement").unwrap_or("").to_owned(),
        delegate: form.value("delegate").unwrap_or("").to_owned(),
        from: owned(&form, "from"),
        until: owned(&form, "until"),
    };
    match ctx.dash.post::<_, IgnoredAny>("/v1/delegations", &input).await {
        Ok(_) => see_other("/credentials/delegations?done=given"),
        Err(refusal) if refusal.status.is_client_error() => {
            let errors = super::field_errors(DELEGATE_FIELDS, &refusal.body);
            render_page(&ctx, &form, &errors, None).await
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

pub async fn end(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let input = EndDelegationInput {
        achievement: form.value("achievement").unwrap_or("").to_owned(),
        delegate: form.value("delegate").unwrap_or("").to_owned(),
    };
    match ctx.dash.post::<_, IgnoredAny>("/v1/delegations/end", &input).await {
        Ok(_) => see_other("/credentials/delegations?done=ended"),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}
