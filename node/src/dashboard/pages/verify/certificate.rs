//! `GET /credentials/{id}/certificate`: an issued credential as a printable
//! A4 certificate. The learner's name and the achievement's own text are
//! shown as issued; the labels, dates and numbers are in the dashboard's
//! language. Its QR code carries the credential or a reference to its file
//! (see [`super::qr`]).

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use vetnet_views::{Achievement, AchievementView, CredentialDetail, ExportView, InstitutionView};

use super::qr::{self, Payload};
use super::revocation_reason;
use crate::dashboard::codes::{CodeList, label};
use crate::dashboard::i18n::Tr;
use crate::dashboard::pages::view::{TrustBadge, percent, trust, unknown_trust};
use crate::dashboard::{Chrome, Ctx, notice_with, render};

/// The parts of the signed document the certificate shows as issued.
#[derive(Deserialize)]
struct Document {
    issuer: Party,
    #[serde(rename = "credentialSubject")]
    subject: Subject,
}

#[derive(Deserialize)]
struct Party {
    id: String,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct Subject {
    achievement: IssuedAchievement,
}

#[derive(Deserialize)]
struct IssuedAchievement {
    name: String,
    #[serde(default)]
    description: String,
    creator: Option<Party>,
}

/// The QR code as the page draws it.
pub struct QrShown {
    pub svg: String,
    /// Whether it carries the credential itself (else a reference).
    pub carries_credential: bool,
    /// The reference text, printed under a reference code.
    pub reference: Option<String>,
    pub version: i16,
    /// The error correction level, `M` or `L`.
    pub level: char,
    /// Modules across, quiet zone included.
    pub modules: usize,
    /// Its printed width in millimetres (0.5 mm a module).
    pub print_mm: String,
}

#[derive(Template)]
#[template(path = "verify/certificate.html")]
struct CertificatePage {
    t: Tr,
    chrome: Chrome,
    id: String,
    id_path: String,
    learner: String,
    title: String,
    /// The achievement's own description as issued, when the record is gone.
    issued_description: Option<String>,
    description: String,
    outcomes: Vec<String>,
    skills: Vec<String>,
    /// The Council Recommendation elements: label and value.
    elements: Vec<(String, String)>,
    grade: Option<String>,
    issuer_name: String,
    issuer_did: String,
    issuer_trust: TrustBadge,
    /// The achievement's owner, when it delegated issuing to the issuer.
    delegated_by: Option<String>,
    awarded: String,
    valid_until: String,
    issued_at: String,
    revoked: Option<String>,
    qr: Option<QrShown>,
}

/// Label and value of each element the achievement has.
fn elements(t: &Tr, a: &Achievement) -> Vec<(String, String)> {
    let languages = (!a.languages.is_empty())
        .then(|| a.languages.iter().map(|l| label(CodeList::Language, l, t)).collect::<Vec<_>>().join(", "));
    let workload = match (a.ects, a.hours) {
        (None, None) => None,
        (ects, hours) => Some(
            [
                ects.map(|e| t.msg1("cert-ects", "n", format_ects(t, e))),
                hours.map(|h| t.msg1("cert-hours", "n", t.number(h.into()))),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
        ),
    };
    let rows: Vec<(&str, Option<String>)> = vec![
        ("cert-workload", workload),
        ("cert-eqf", a.eqf.map(|l| l.to_string())),
        ("cert-nqf", a.nqf.clone()),
        ("cert-field", a.isced.as_deref().map(|c| label(CodeList::Isced, c, t))),
        ("cert-country", Some(label(CodeList::Country, &a.country, t))),
        ("cert-languages", languages),
        ("cert-assessment", Some(a.assessment.clone())),
        ("cert-participation", Some(t.msg(&format!("enum-{}", a.participation)))),
        ("cert-supervision", a.supervision.map(|s| t.msg(&format!("cert-supervision-{s}")))),
        ("cert-quality", Some(a.quality_assurance.clone())),
        ("cert-prerequisites", a.prerequisites.clone()),
        ("cert-stackability", a.stackability.map(|s| t.msg(&format!("cert-stackability-{s}")))),
        ("cert-further", a.further_information.clone()),
    ];
    rows.into_iter().filter_map(|(id, value)| Some((t.msg(id), value?))).collect()
}

/// ECTS credits with the locale's decimal sign (`7.5`, `7,5`).
fn format_ects(t: &Tr, ects: f64) -> String {
    let text = format!("{ects}");
    match text.split_once('.') {
        Some((whole, fraction)) => format!("{whole}{}{fraction}", t.msg("cert-decimal-sign")),
        None => text,
    }
}

/// The achievement record the credential was issued for, if this node holds it.
async fn achievement(ctx: &Ctx, author: &str, id: &str) -> Option<Achievement> {
    let path = format!("/v1/search/achievements?author={}&limit=1000", percent(author));
    let found = ctx.dash.get::<Vec<AchievementView>>(&path).await.ok()?;
    found.into_iter().find(|a| a.id == id && !a.withdrawn).and_then(|a| a.body)
}

/// The QR code for the credential `id`: its JWT, or a reference to its JSON file.
async fn qr_code(ctx: &Ctx, id_path: &str, id: &str) -> Option<QrShown> {
    let jwt = ctx.dash.get::<ExportView>(&format!("/v1/credentials/{id_path}/export?format=jwt")).await.ok()?;
    let json = ctx.dash.get::<ExportView>(&format!("/v1/credentials/{id_path}/export?format=json")).await.ok()?;
    let payload = Payload::for_credential(id, &jwt.content, &json.content);
    let drawn = qr::draw(&payload.text(), "qr-label")?;
    let mm = drawn.modules as f64 * 0.5;
    Some(QrShown {
        svg: drawn.svg,
        carries_credential: matches!(payload, Payload::Jwt(_)),
        reference: matches!(payload, Payload::Reference { .. }).then(|| payload.text()),
        version: drawn.version,
        modules: drawn.modules,
        level: drawn.level,
        print_mm: format!("{mm:.1}"),
    })
}

pub async fn show(ctx: Ctx, Path(id): Path<String>) -> Response {
    let id_path = percent(&id);
    let detail = match ctx.dash.get::<CredentialDetail>(&format!("/v1/credentials/{id_path}")).await {
        Ok(detail) => detail,
        Err(refusal) => {
            let status = refusal.status;
            return notice_with(
                status,
                &ctx.t,
                "cert-not-found-title",
                "cert-not-found-body",
                Some(refusal.message().to_owned()),
            );
        }
    };
    let document: Document = match serde_json::from_value(detail.document.clone()) {
        Ok(document) => document,
        Err(e) => {
            let status = StatusCode::INTERNAL_SERVER_ERROR;
            return notice_with(status, &ctx.t, "cert-not-found-title", "cert-unreadable", Some(e.to_string()));
        }
    };
    let t = &ctx.t;
    let summary = &detail.summary;
    let issuer_trust = match ctx
        .dash
        .get::<InstitutionView>(&format!("/v1/trust/institutions/{}", percent(&document.issuer.id)))
        .await
    {
        Ok(view) => trust(t, &view.trust),
        Err(_) => unknown_trust(t),
    };
    let record = achievement(&ctx, &summary.achievement_author, &summary.achievement).await;
    let issued = &document.subject.achievement;
    let delegated_by = issued
        .creator
        .as_ref()
        .filter(|creator| creator.id != document.issuer.id)
        .map(|creator| if creator.name.is_empty() { creator.id.clone() } else { creator.name.clone() });
    let page = CertificatePage {
        t: t.clone(),
        chrome: ctx.chrome("credentials"),
        learner: summary.learner_name.clone(),
        title: issued.name.clone(),
        issued_description: record.is_none().then(|| issued.description.clone()),
        description: record.as_ref().and_then(|a| a.description.best(&[]).map(str::to_owned)).unwrap_or_default(),
        outcomes: record.as_ref().map(|a| a.outcomes.clone()).unwrap_or_default(),
        skills: record.as_ref().map(|a| a.esco_skills.clone()).unwrap_or_default(),
        elements: record.as_ref().map(|a| elements(t, a)).unwrap_or_default(),
        grade: summary.grade.clone(),
        issuer_name: document.issuer.name.clone(),
        issuer_did: document.issuer.id.clone(),
        issuer_trust,
        delegated_by,
        awarded: t.date(&summary.awarded),
        valid_until: summary.valid_until.as_deref().map(|d| t.date(d)).unwrap_or_else(|| t.msg("cert-no-expiry")),
        issued_at: t.timestamp(summary.issued_at),
        revoked: summary
            .revoked
            .as_ref()
            .map(|r| t.msg2("cert-revoked", ("date", t.timestamp(r.ts)), ("reason", revocation_reason(t, r.reason)))),
        qr: qr_code(&ctx, &id_path, &summary.id).await,
        id: summary.id.clone(),
        id_path,
    };
    render(&page)
}
