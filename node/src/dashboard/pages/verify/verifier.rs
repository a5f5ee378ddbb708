//! `GET/POST /verify`: the employer's view. A credential pasted (JSON, a
//! VC-JWT, or the text of a scanned QR code) or uploaded as a file is
//! verified by this node (`POST /v1/credentials/verify`) and the verdict is
//! told in words: valid or not and why, each check, the issuer with its
//! trust level and path, a revocation with its date, a delegation.
//!
//! Verifying changes nothing on the node, so the verdict is the answer to
//! the POST itself: there is nothing to redirect to.
//!
//! A QR code's reference text (`vetnet-credential:<id>#sha256=<hex>`) is not
//! a credential: the page says what it is and asks for the file, and with
//! both it checks that the file's SHA-256 is the one the code names before
//! it verifies the file.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use vetnet_views::{CheckStatus, Verdict, VerificationView};

use super::qr::{self, Payload};
use super::revocation_reason;
use crate::dashboard::codes::{CodeList, label};
use crate::dashboard::i18n::Tr;
use crate::dashboard::pages::view::{TrustBadge, trust, unknown_trust};
use crate::dashboard::{Chrome, Ctx, Posted, render_with};

/// The checks the node runs, in order; each has a message `verify-check-<name>`.
const CHECKS: &[&str] = &["format", "proof", "issuer", "key", "delegation", "revocation", "validity"];

pub struct CheckRow {
    pub name: String,
    /// `pass`, `skip` or `fail`, for styling.
    pub status: &'static str,
    pub status_label: String,
    pub detail: String,
}

/// The verdict as the page tells it.
pub struct VerdictShown {
    pub valid: bool,
    pub keyword: &'static str,
    pub headline: String,
    pub explanation: String,
    pub checks: Vec<CheckRow>,
    /// Label and value: learner, achievement, dates.
    pub facts: Vec<(String, String)>,
    pub issuer: Option<String>,
    pub issuer_did: Option<String>,
    pub trust: Option<TrustBadge>,
    pub revoked: Option<String>,
    pub delegated_by: Option<String>,
}

#[derive(Template)]
#[template(path = "verify/verify.html")]
struct VerifyPage {
    t: Tr,
    chrome: Chrome,
    pasted: String,
    pasted_error: Option<String>,
    file_error: Option<String>,
    /// The credential a pasted QR reference names, when one was pasted.
    reference: Option<String>,
    /// The SHA-256 the uploaded file matched.
    matched: Option<String>,
    verdict: Option<VerdictShown>,
}

impl VerifyPage {
    fn new(ctx: &Ctx) -> Self {
        VerifyPage {
            t: ctx.t.clone(),
            chrome: ctx.chrome("verify"),
            pasted: String::new(),
            pasted_error: None,
            file_error: None,
            reference: None,
            matched: None,
            verdict: None,
        }
    }
}

pub async fn show(ctx: Ctx) -> Response {
    render_with(StatusCode::OK, &VerifyPage::new(&ctx))
}

fn check_row(t: &Tr, check: &vetnet_views::CheckView) -> CheckRow {
    let name = if CHECKS.contains(&check.name.as_str()) {
        t.msg(&format!("verify-check-{}", check.name))
    } else {
        check.name.clone()
    };
    let status = check.status.as_str();
    let detail = finding_in_words(t, check).unwrap_or_else(|| check.detail.clone());
    CheckRow { name, status, status_label: t.msg(&format!("verify-status-{status}")), detail }
}

/// A check's finding in the page's language (`verify-detail-<code>`), its
/// dates, reason, kind and country worded for the reader. `None` for a
/// code this dashboard has no message for: the node's English sentence is
/// shown then.
fn finding_in_words(t: &Tr, check: &vetnet_views::CheckView) -> Option<String> {
    let args = check.args.iter().map(|(name, value)| {
        let worded = match name.as_str() {
            // An open end: the messages choose their "until further notice".
            "until" if value.is_empty() => "none".to_owned(),
            "day" | "from" | "until" => t.date(value.get(..10).unwrap_or(value)),
            "reason" => t.msg(&format!("verify-reason-{value}")),
            "kind" => t.msg(&format!("enum-{value}")),
            "country" => label(CodeList::Country, value, t),
            _ => value.clone(),
        };
        (name.as_str(), worded)
    });
    t.msg_named(&format!("verify-detail-{}", check.code), args)
}

fn verdict_shown(t: &Tr, v: &VerificationView) -> VerdictShown {
    let keyword = v.verdict.as_str();
    let mut facts = Vec::new();
    if let Some(c) = &v.credential {
        if let Some(learner) = &c.learner_name {
            facts.push((t.msg("verify-learner"), learner.clone()));
        }
        facts.push((t.msg("verify-achievement"), c.achievement_name.clone()));
        facts.push((t.msg("verify-awarded"), t.date(&c.awarded)));
        let until = c.valid_until.as_deref().and_then(|u| u.get(..10)).map(|d| t.date(d));
        facts.push((t.msg("verify-valid-until"), until.unwrap_or_else(|| t.msg("cert-no-expiry"))));
        facts.push((t.msg("verify-credential-id"), c.id.clone()));
    }
    let issuer = v.issuer.as_ref().map(|i| {
        let place = match &i.city {
            Some(city) => format!("{city}, {}", label(CodeList::Country, &i.country, t)),
            None => label(CodeList::Country, &i.country, t),
        };
        format!("{} ({}, {place})", i.name, t.msg(&format!("enum-{}", i.institution)))
    });
    let issuer = issuer.or_else(|| v.credential.as_ref().and_then(|c| c.issuer_name.clone()));
    VerdictShown {
        valid: v.valid,
        keyword,
        headline: t.msg(if v.valid { "verify-headline-valid" } else { "verify-headline-invalid" }),
        explanation: t.msg(&format!("verify-verdict-{keyword}")),
        checks: v.checks.iter().map(|c| check_row(t, c)).collect(),
        facts,
        issuer,
        issuer_did: v.credential.as_ref().map(|c| c.issuer.clone()),
        trust: v.trust.as_ref().map(|tv| trust(t, tv)).or_else(|| v.credential.as_ref().map(|_| unknown_trust(t))),
        revoked: v.revocation.as_ref().map(|r| {
            t.msg2("verify-revoked-on", ("date", t.timestamp(r.ts)), ("reason", revocation_reason(t, r.reason)))
        }),
        delegated_by: v.delegated_by.as_ref().map(|d| t.msg1("verify-delegated-by", "name", &d.name)),
    }
}

/// Where the credential to verify came from.
enum Source {
    Pasted,
    File,
}

/// `POST /verify` (a form with a file input: `multipart/form-data`).
pub async fn verify(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let t = ctx.t.clone();
    let mut page = VerifyPage::new(&ctx);
    let pasted = form.value("credential").unwrap_or("").trim().to_owned();
    let file = form.value("file").unwrap_or("").to_owned();
    page.pasted = pasted.clone();
    let has_file = !file.trim().is_empty();
    let (text, source) = if let Some(reference) = Payload::parse_reference(&pasted) {
        let Payload::Reference { id, sha256 } = &reference else { unreachable!("a reference was parsed") };
        page.reference = Some(id.clone());
        if !has_file {
            page.file_error = Some(t.msg("verify-need-file"));
            return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
        if !reference.matches_file(file.as_bytes()) {
            let got = qr::sha256_hex(file.as_bytes());
            page.file_error = Some(t.msg2("verify-hash-mismatch", ("wanted", sha256.clone()), ("got", got)));
            return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
        page.matched = Some(sha256.clone());
        (file, Source::File)
    } else {
        match (pasted.is_empty(), has_file) {
            (true, false) => {
                page.pasted_error = Some(t.msg("verify-empty"));
                return render_with(StatusCode::BAD_REQUEST, &page);
            }
            (false, true) => {
                page.pasted_error = Some(t.msg("verify-both"));
                return render_with(StatusCode::BAD_REQUEST, &page);
            }
            (false, false) => (pasted, Source::Pasted),
            (true, true) => (file, Source::File),
        }
    };
    let view = match ctx.dash.post_text::<VerificationView>("/v1/credentials/verify", &text).await {
        Ok(view) => view,
        Err(refusal) => return crate::dashboard::pages::records::api_failure(&ctx, &refusal),
    };
    if view.verdict == Verdict::Malformed {
        let why = view.checks.iter().find(|c| c.status == CheckStatus::Fail).map(|c| c.detail.clone());
        let message = match why {
            Some(why) => t.msg1("verify-not-credential-because", "why", why),
            None => t.msg("verify-not-credential"),
        };
        match source {
            Source::Pasted => page.pasted_error = Some(message),
            Source::File => page.file_error = Some(message),
        }
        return render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    page.verdict = Some(verdict_shown(&t, &view));
    render_with(StatusCode::OK, &page)
}
