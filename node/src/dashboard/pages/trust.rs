//! Trust: this node's anchors, the endorsements we gave and received, the
//! trust path of any institution, and adding or withdrawing an endorsement.

use askama::Template;
use axum::extract::Query;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};

use super::view::{TrustView, percent, trust};
use crate::dashboard::form::{FieldErrors, FieldSpec, FieldView, FormData, Widget, field_views};
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Chrome, Ctx, Posted, render_with, see_other};

const ROLES: &[&str] = &["member", "partner", "accreditor"];

/// The endorsement form's fields, named as the API's body.
const ENDORSE_FIELDS: &[FieldSpec] = &[
    FieldSpec { name: "subject", widget: Widget::Text, required: true },
    FieldSpec { name: "role", widget: Widget::Keyword(ROLES), required: true },
    FieldSpec { name: "network_name", widget: Widget::Text, required: false },
    FieldSpec { name: "until", widget: Widget::Date, required: false },
];

/// The trust-path lookup's one field.
const LOOKUP_FIELDS: &[FieldSpec] = &[FieldSpec { name: "did", widget: Widget::Text, required: false }];

pub struct InstitutionRow {
    pub did: String,
    pub name: String,
    pub trust: TrustView,
}

pub struct EndorsementRow {
    pub other: String,
    pub other_name: String,
    pub role: String,
    pub role_keyword: String,
    pub until: String,
    pub expired: bool,
}

#[derive(Template)]
#[template(path = "trust.html")]
struct TrustPage {
    t: Tr,
    chrome: Chrome,
    anchors: Vec<InstitutionRow>,
    given: Vec<EndorsementRow>,
    received: Vec<EndorsementRow>,
    lookup_fields: Vec<FieldView>,
    looked_up: Option<InstitutionRow>,
    endorse_fields: Vec<FieldView>,
    general_error: Option<String>,
    done: Option<String>,
}

fn institution_row(t: &Tr, v: &Value) -> InstitutionRow {
    InstitutionRow {
        did: v["institution"].as_str().unwrap_or_default().to_owned(),
        name: v["name"].as_str().unwrap_or("?").to_owned(),
        trust: trust(t, &v["trust"]),
    }
}

fn endorsement_rows(t: &Tr, list: &Value, other: &str) -> Vec<EndorsementRow> {
    list.as_array()
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    let role = row["role"].as_str().unwrap_or_default();
                    EndorsementRow {
                        other: row[other].as_str().unwrap_or_default().to_owned(),
                        other_name: row[format!("{other}_name").as_str()].as_str().unwrap_or("?").to_owned(),
                        role: t.msg(&format!("role-{role}")),
                        role_keyword: role.to_owned(),
                        until: row["until"].as_str().map(|d| t.date(d)).unwrap_or_else(|| t.msg("no-end")),
                        expired: row["expired"].as_bool().unwrap_or(false),
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

#[derive(serde::Deserialize, Default)]
pub struct TrustParams {
    /// The institution whose trust path to show.
    #[serde(default)]
    did: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

async fn page(ctx: &Ctx, params: TrustParams, endorse: (&FormData, &FieldErrors)) -> TrustPage {
    let t = &ctx.t;
    let anchors = match ctx.dash.api_get("/v1/trust/anchors").await {
        Ok(Value::Array(list)) => list.iter().map(|a| institution_row(t, a)).collect(),
        _ => Vec::new(),
    };
    let endorsements = ctx.dash.api_get("/v1/endorsements").await.unwrap_or(Value::Null);
    let mut lookup = FormData::default();
    let mut lookup_errors = FieldErrors::default();
    let mut looked_up = None;
    if let Some(did) = params.did.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        lookup.push("did", did);
        match ctx.dash.api_get(&format!("/v1/trust/institutions/{}", percent(did))).await {
            Ok(view) => looked_up = Some(institution_row(t, &view)),
            Err(refusal) => {
                lookup_errors = FieldErrors::default();
                lookup_errors.fields.push((
                    "did".to_owned(),
                    refusal.body["error"]["rule"].as_str().map(str::to_owned).unwrap_or_else(|| refusal.message()),
                ));
            }
        }
    }
    TrustPage {
        t: t.clone(),
        chrome: ctx.chrome("trust"),
        anchors,
        given: endorsement_rows(t, &endorsements["given"], "subject"),
        received: endorsement_rows(t, &endorsements["received"], "endorser"),
        lookup_fields: field_views(LOOKUP_FIELDS, &lookup, &lookup_errors, t),
        looked_up,
        endorse_fields: field_views(ENDORSE_FIELDS, endorse.0, endorse.1, t),
        general_error: endorse.1.general.clone(),
        done: params
            .done
            .filter(|d| matches!(d.as_str(), "endorsed" | "unendorsed"))
            .map(|d| t.msg(&format!("done-{d}"))),
    }
}

pub async fn show(ctx: Ctx, Query(params): Query<TrustParams>) -> Response {
    let page = page(&ctx, params, (&FormData::default(), &FieldErrors::default())).await;
    render_with(StatusCode::OK, &page)
}

/// `POST /trust/endorse`.
pub async fn endorse(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let mut body = json!({});
    for spec in ENDORSE_FIELDS {
        if let Some(value) = form.get(spec.name) {
            body[spec.name] = json!(value);
        }
    }
    if body.get("subject").is_none() {
        body["subject"] = json!("");
    }
    if body.get("role").is_none() {
        body["role"] = json!("");
    }
    match ctx.dash.api(Method::POST, "/v1/endorsements", Some(&body)).await {
        Ok(_) => see_other("/trust?done=endorsed"),
        Err(refusal) => {
            let errors = FieldErrors::from_api(ENDORSE_FIELDS, &refusal.body);
            let page = page(&ctx, TrustParams::default(), (&form, &errors)).await;
            render_with(StatusCode::BAD_REQUEST, &page)
        }
    }
}

/// `POST /trust/withdraw`: withdraws our endorsements of one institution
/// (in one role, when the form names it).
pub async fn withdraw(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let mut body = json!({ "subject": form.get("subject").unwrap_or("") });
    if let Some(role) = form.get("role") {
        body["role"] = json!(role);
    }
    match ctx.dash.api(Method::POST, "/v1/endorsements/withdraw", Some(&body)).await {
        Ok(_) => see_other("/trust?done=unendorsed"),
        Err(refusal) => super::records::api_failure(&ctx, &refusal),
    }
}
