//! Issuing a credential to one learner: an achievement of ours (or one
//! delegated to us), the learner's name, optionally their email (kept
//! hashed in the credential), the grade and the dates.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use vetnet_views::{CredentialSummary, IssueInput, IssueRow};

use super::super::records::api_failure;
use super::super::view::percent;
use super::{choices_of, field_errors, issuable};
use crate::dashboard::form::{FieldErrors, FieldSpec, FieldView, FormData, Widget, field_views};
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Chrome, Ctx, Posted, render_with, see_other};

/// The form's fields, named as the API's `IssueRow`.
const ISSUE_FIELDS: &[FieldSpec] = &[
    FieldSpec { name: "achievement", widget: Widget::Text, required: true },
    FieldSpec { name: "learner_name", widget: Widget::Text, required: true },
    FieldSpec { name: "learner_email", widget: Widget::Email, required: false },
    FieldSpec { name: "grade", widget: Widget::Text, required: false },
    FieldSpec { name: "date", widget: Widget::Date, required: false },
    FieldSpec { name: "valid_until", widget: Widget::Date, required: false },
];

#[derive(Template)]
#[template(path = "credentials/issue.html")]
struct IssuePage {
    t: Tr,
    chrome: Chrome,
    fields: Vec<FieldView>,
    has_field_errors: bool,
    general_error: Option<String>,
    /// Whether there is any achievement to issue.
    can_issue: bool,
}

/// The fields filled with `values`, the achievement as a picker of those
/// we may issue.
pub fn issue_fields(t: &Tr, options: &[(String, String)], values: &FormData, errors: &FieldErrors) -> Vec<FieldView> {
    let mut fields = field_views(ISSUE_FIELDS, values, errors, t);
    super::relabel(t, &mut fields);
    for f in fields.iter_mut().filter(|f| f.name == "achievement") {
        f.kind = "select";
        f.choices = choices_of(options, values.value("achievement"));
    }
    fields
}

async fn page(ctx: &Ctx, values: &FormData, errors: &FieldErrors, status: StatusCode) -> Response {
    let options = match issuable(ctx).await {
        Ok(options) => options,
        Err(refusal) => return api_failure(ctx, &refusal),
    };
    let fields = issue_fields(&ctx.t, &options, values, errors);
    render_with(
        status,
        &IssuePage {
            has_field_errors: fields.iter().any(|f| f.error.is_some()),
            fields,
            general_error: errors.general.clone(),
            can_issue: !options.is_empty(),
            chrome: ctx.chrome("credentials"),
            t: ctx.t.clone(),
        },
    )
}

#[derive(serde::Deserialize)]
pub struct IssueParams {
    #[serde(default)]
    achievement: Option<String>,
}

pub async fn form(ctx: Ctx, Query(params): Query<IssueParams>) -> Response {
    let mut values = FormData::default();
    if let Some(achievement) = params.achievement {
        values.push("achievement", achievement);
    }
    page(&ctx, &values, &FieldErrors::default(), StatusCode::OK).await
}

fn owned(form: &FormData, name: &str) -> Option<String> {
    form.value(name).map(str::to_owned)
}

pub async fn issue(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let row = IssueRow {
        achievement: form.value("achievement").unwrap_or("").to_owned(),
        learner_name: form.value("learner_name").unwrap_or("").to_owned(),
        learner_email: owned(&form, "learner_email"),
        grade: owned(&form, "grade"),
        date: owned(&form, "date"),
        valid_until: owned(&form, "valid_until"),
    };
    let input = IssueInput { credentials: vec![row] };
    match ctx.dash.post::<_, Vec<CredentialSummary>>("/v1/credentials", &input).await {
        Ok(issued) => match issued.first() {
            Some(credential) => see_other(&format!("/credentials/{}?done=issued", percent(&credential.id))),
            None => see_other("/credentials"),
        },
        Err(refusal) if refusal.status.is_client_error() => {
            let errors = field_errors(ISSUE_FIELDS, &refusal.body);
            page(&ctx, &form, &errors, StatusCode::BAD_REQUEST).await
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}
