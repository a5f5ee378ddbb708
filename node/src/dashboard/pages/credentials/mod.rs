//! The credential pages: the achievement catalogue (`/achievements`),
//! issued credentials (`/credentials`), issuing to one learner or to a
//! class from a CSV file, revocation, downloads, statistics and
//! delegations. The printable certificate and the verifier's page are in
//! `pages/verify`.
//!
//! - `achievements`: the catalogue, its form and withdrawal.
//! - `issue`: issuing to one learner.
//! - `class`: issuing to a class from a CSV upload, all rows or none.
//! - `list`: the credentials, filtered; one credential; downloads; revoking.
//! - `stats`: credentials issued and revoked per achievement and month.
//! - `delegations`: delegations given and received; giving and ending one.

use axum::Router;
use axum::routing::{get, post};
use vetnet_views::{AchievementView, DelegationView, ErrorBody};

use super::view::text;
use crate::dashboard::form::{Choice, FieldErrors, FieldSpec, FieldView};
use crate::dashboard::i18n::Tr;
use crate::dashboard::{ApiRefusal, Ctx, Dashboard};

mod achievements;
mod class;
mod delegations;
mod issue;
mod list;
mod stats;

pub fn routes() -> Router<Dashboard> {
    Router::new()
        .route("/achievements", get(achievements::list).post(achievements::create))
        .route("/achievements/new", get(achievements::new_form))
        .route("/achievements/{id}", get(achievements::show).post(achievements::update))
        .route("/achievements/{id}/edit", get(achievements::edit_form))
        .route("/achievements/{id}/withdraw", get(achievements::confirm_withdraw).post(achievements::withdraw))
        .route("/credentials", get(list::list))
        .route("/credentials/issue", get(issue::form).post(issue::issue))
        .route("/credentials/class", get(class::form).post(class::issue))
        .route("/credentials/class/template.csv", get(class::template))
        .route("/credentials/stats", get(stats::stats))
        .route("/credentials/delegations", get(delegations::page).post(delegations::give))
        .route("/credentials/delegations/end", post(delegations::end))
        .route("/credentials/{id}", get(list::show))
        .route("/credentials/{id}/download/{format}", get(list::download))
        .route("/credentials/{id}/revoke", get(list::confirm_revoke).post(list::revoke))
}

/// The achievements a credential may be issued for: our own live ones
/// (by id), then those delegated to us (`did:key:…/id`), each with its
/// name.
pub async fn issuable(ctx: &Ctx) -> Result<Vec<(String, String)>, ApiRefusal> {
    let own = ctx.dash.get::<Vec<AchievementView>>("/v1/achievements").await?;
    let received = ctx.dash.get::<Vec<DelegationView>>("/v1/delegations/received").await?;
    let mut choices: Vec<(String, String)> = own
        .iter()
        .filter_map(|a| a.body.as_ref().map(|body| (a.id.clone(), format!("{} ({})", text(&ctx.t, &body.title), a.id))))
        .collect();
    for d in received.iter().filter(|d| !d.withdrawn) {
        let Some(body) = &d.body else { continue };
        let from = d.author_name.clone().unwrap_or_else(|| d.author.clone());
        let value = format!("{}/{}", d.author, body.achievement);
        let label = ctx.t.msg2("cred-delegated-achievement", ("achievement", body.achievement.clone()), ("from", from));
        choices.push((value, label));
    }
    Ok(choices)
}

/// `(value, label)` pairs as a picker's options.
pub fn choices_of(options: &[(String, String)], selected: Option<&str>) -> Vec<Choice> {
    options
        .iter()
        .map(|(value, label)| Choice {
            value: value.clone(),
            label: label.clone(),
            selected: selected == Some(value.as_str()),
        })
        .collect()
}

/// Keywords as a picker's options, labelled by the messages `{prefix}{keyword}`.
pub fn keyword_choices(t: &Tr, prefix: &str, keywords: &[&str], selected: Option<&str>) -> Vec<Choice> {
    keywords
        .iter()
        .map(|k| Choice {
            value: (*k).to_owned(),
            label: t.msg(&format!("{prefix}{k}")),
            selected: selected == Some(*k),
        })
        .collect()
}

/// A message of this area, if it has one (`Tr::msg` answers a missing
/// message with its id).
fn own_message(t: &Tr, id: &str) -> Option<String> {
    let text = t.msg(id);
    (text != id).then_some(text)
}

/// Gives this area's forms their own labels, hints and choice labels where
/// `credentials.ftl` has them (`cred-field-…`, `cred-hint-…`,
/// `cred-enum-…`), so they never clash with another area's messages.
pub fn relabel(t: &Tr, fields: &mut [FieldView]) {
    for f in fields {
        let message = f.name.replace(['.', '_'], "-");
        if let Some(label) = own_message(t, &format!("cred-field-{message}")) {
            f.label = label;
        }
        if let Some(hint) = own_message(t, &format!("cred-hint-{message}")) {
            f.hint = hint;
        }
        for choice in &mut f.choices {
            if let Some(label) = own_message(t, &format!("cred-enum-{}", choice.value)) {
                choice.label = label;
            }
        }
        let mut described = Vec::new();
        if f.error.is_some() {
            described.push(format!("{}-error", f.id));
        }
        if !f.hint.is_empty() {
            described.push(format!("{}-hint", f.id));
        }
        f.described = described.join(" ");
    }
}

/// The API's refusal of a form, with every row error of an issue placed
/// beside the field it names (`learner_name`, `date`, …).
pub fn field_errors(specs: &[FieldSpec], body: &ErrorBody) -> FieldErrors {
    let Some(rows) = &body.error.rows else { return FieldErrors::from_api(specs, body) };
    let mut errors = FieldErrors::default();
    for row in rows {
        match field_named(specs, &row.field) {
            Some(name) => errors.fields.push((name.to_owned(), row.rule.clone())),
            None => errors.general = Some(format!("{}: {}", row.field, row.rule)),
        }
    }
    errors
}

/// The form field a row error names: `learner_name`, `credentials[0].date`.
fn field_named(specs: &[FieldSpec], field: &str) -> Option<&'static str> {
    let name = field.rsplit('.').next().unwrap_or(field);
    specs.iter().find(|s| s.name == name).map(|s| s.name)
}
