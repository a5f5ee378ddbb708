//! Trust: this node's anchors, the endorsements we gave and received, the
//! trust path of any institution, and adding or withdrawing an endorsement.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use serde::de::IgnoredAny;
use vetnet_views::{EndorseInput, EndorsementsView, InstitutionView, WithdrawEndorsementsInput};

use super::view::{TrustBadge, percent, trust};
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
    pub trust: TrustBadge,
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

fn institution_row(t: &Tr, v: &InstitutionView) -> InstitutionRow {
    InstitutionRow {
        did: v.institution.clone(),
        name: v.name.clone().unwrap_or_else(|| "?".to_owned()),
        trust: trust(t, &v.trust),
    }
}

/// Which side of an endorsement the table shows: the subject of those we
/// gave, the endorser of those we received.
#[derive(Clone, Copy)]
enum Other {
    Subject,
    Endorser,
}

fn endorsement_rows(t: &Tr, rows: &[vetnet_views::EndorsementRow], other: Other) -> Vec<EndorsementRow> {
    rows.iter()
        .map(|row| {
            let (did, name) = match other {
                Other::Subject => (&row.subject, &row.subject_name),
                Other::Endorser => (&row.endorser, &row.endorser_name),
            };
            EndorsementRow {
                other: did.clone(),
                other_name: name.clone().unwrap_or_else(|| "?".to_owned()),
                role: t.msg(&format!("role-{}", row.role)),
                role_keyword: row.role.as_str().to_owned(),
                until: row.until.as_deref().map(|d| t.date(d)).unwrap_or_else(|| t.msg("no-end")),
                expired: row.expired,
            }
        })
        .collect()
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
    let anchors = match ctx.dash.get::<Vec<InstitutionView>>("/v1/trust/anchors").await {
        Ok(list) => list.iter().map(|a| institution_row(t, a)).collect(),
        Err(_) => Vec::new(),
    };
    let endorsements = ctx.dash.get::<EndorsementsView>("/v1/endorsements").await.ok();
    let mut lookup = FormData::default();
    let mut lookup_errors = FieldErrors::default();
    let mut looked_up = None;
    if let Some(did) = params.did.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        lookup.push("did", did);
        match ctx.dash.get::<InstitutionView>(&format!("/v1/trust/institutions/{}", percent(did))).await {
            Ok(view) => looked_up = Some(institution_row(t, &view)),
            Err(refusal) => {
                let error = refusal.body.error;
                lookup_errors = FieldErrors::default();
                lookup_errors.fields.push(("did".to_owned(), error.rule.unwrap_or(error.message)));
            }
        }
    }
    TrustPage {
        t: t.clone(),
        chrome: ctx.chrome("trust"),
        anchors,
        given: endorsements.as_ref().map(|e| endorsement_rows(t, &e.given, Other::Subject)).unwrap_or_default(),
        received: endorsements.as_ref().map(|e| endorsement_rows(t, &e.received, Other::Endorser)).unwrap_or_default(),
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
    let body = EndorseInput {
        subject: form.value("subject").unwrap_or("").to_owned(),
        role: form.value("role").unwrap_or("").to_owned(),
        network_name: form.value("network_name").map(str::to_owned),
        until: form.value("until").map(str::to_owned),
    };
    match ctx.dash.post::<_, IgnoredAny>("/v1/endorsements", &body).await {
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
    let body = WithdrawEndorsementsInput {
        subject: form.value("subject").unwrap_or("").to_owned(),
        role: form.value("role").map(str::to_owned),
    };
    match ctx.dash.post::<_, IgnoredAny>("/v1/endorsements/withdraw", &body).await {
        Ok(_) => see_other("/trust?done=unendorsed"),
        Err(refusal) => super::records::api_failure(&ctx, &refusal),
    }
}
