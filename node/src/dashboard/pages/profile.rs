//! The institution's profile: shown and edited on one page (`/profile`).

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use serde::de::IgnoredAny;
use vetnet_views::ProfileView;

use super::records::{api_failure, body_of};
use super::view::{RecordRow, record_row};
use crate::dashboard::form::{
    FieldErrors, FieldView, FormData, PROFILE_FIELDS, TEXT_LANG, field_views, from_json, to_json,
};
use crate::dashboard::i18n::{LANGUAGES, Tr};
use crate::dashboard::{Chrome, Ctx, Posted, render_with, see_other};

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    t: Tr,
    chrome: Chrome,
    row: Option<RecordRow>,
    fields: Vec<FieldView>,
    general_error: Option<String>,
    text_langs: Vec<(&'static str, &'static str, bool)>,
    done: bool,
}

fn page(ctx: &Ctx, view: Option<&ProfileView>, values: &FormData, errors: &FieldErrors, done: bool) -> ProfilePage {
    let text_lang = values.value(TEXT_LANG).unwrap_or(ctx.t.lang()).to_owned();
    ProfilePage {
        t: ctx.t.clone(),
        chrome: ctx.chrome("profile"),
        row: view.filter(|v| v.body.is_some()).map(|v| record_row(&ctx.t, v, None)),
        fields: field_views(PROFILE_FIELDS, values, errors, &ctx.t),
        general_error: errors.general.clone(),
        text_langs: LANGUAGES.iter().map(|(tag, name, _)| (*tag, *name, *tag == text_lang)).collect(),
        done,
    }
}

#[derive(serde::Deserialize)]
pub struct ProfileParams {
    #[serde(default)]
    done: bool,
}

pub async fn show(ctx: Ctx, axum::extract::Query(params): axum::extract::Query<ProfileParams>) -> Response {
    let view = ctx.dash.get::<ProfileView>("/v1/profile").await.ok();
    let values = view.as_ref().map(|v| from_json(PROFILE_FIELDS, &body_of(v), ctx.t.lang())).unwrap_or_default();
    render_with(StatusCode::OK, &page(&ctx, view.as_ref(), &values, &FieldErrors::default(), params.done))
}

pub async fn save(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let view = ctx.dash.get::<ProfileView>("/v1/profile").await.ok();
    let base = view.as_ref().map(body_of);
    let body = to_json(PROFILE_FIELDS, &form, base.as_ref());
    match ctx.dash.put::<_, IgnoredAny>("/v1/profile", &body).await {
        Ok(_) => see_other("/profile?done=true"),
        Err(refusal) if refusal.status.is_server_error() => api_failure(&ctx, &refusal),
        Err(refusal) => {
            let errors = FieldErrors::from_api(PROFILE_FIELDS, &refusal.body);
            render_with(StatusCode::BAD_REQUEST, &page(&ctx, view.as_ref(), &form, &errors, false))
        }
    }
}
