//! Matches: for each of our offers and needs, the other institutions' needs
//! and offers that fit, ranked, with the ✓ ✗ · reasons; for a need, a button
//! that opens a mobility thread with the offer's host (the interest step).

use askama::Template;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};

use super::records::api_failure;
use super::view::{RecordRow, record_row, text};
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Chrome, Ctx, Posted, notice, render, see_other};

/// Candidates shown per own offer or need.
const MATCHES_PER_ITEM: usize = 10;

pub struct MatchView {
    pub score: u64,
    pub blocking: bool,
    pub fits: Vec<String>,
    pub misfits: Vec<String>,
    pub notes: Vec<String>,
    pub row: RecordRow,
    /// For one of our needs and another's offer: the learners to propose.
    pub interest: Option<u64>,
}

pub struct OwnItem {
    /// `offer-ID` or `need-ID`: the anchor the home page links to.
    pub anchor: String,
    pub kind: String,
    pub heading: String,
    pub id: String,
    pub title: String,
    pub matches: Vec<MatchView>,
}

#[derive(Template)]
#[template(path = "matches.html")]
struct MatchesPage {
    t: Tr,
    chrome: Chrome,
    items: Vec<OwnItem>,
    all: bool,
}

fn reasons(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|items| items.iter().filter_map(|r| r["text"].as_str().or(r.as_str()).map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// `/v1/match` as the page shows it.
fn own_items(t: &Tr, matched: &Value) -> Vec<OwnItem> {
    let Some(items) = matched.as_array() else { return Vec::new() };
    items
        .iter()
        .map(|item| {
            let kind = item["kind"].as_str().unwrap_or_default().to_owned();
            let own = &item["own"];
            let id = own["id"].as_str().unwrap_or_default().to_owned();
            let matches = item["matches"]
                .as_array()
                .map(|candidates| {
                    candidates
                        .iter()
                        .map(|c| MatchView {
                            score: c["score"].as_u64().unwrap_or(0),
                            blocking: c["blocking"].as_bool().unwrap_or(false),
                            fits: reasons(&c["fits"]),
                            misfits: reasons(&c["misfits"]),
                            notes: reasons(&c["notes"]),
                            row: record_row(t, &c["record"], None),
                            interest: (kind == "need").then(|| own["learners"].as_u64().unwrap_or(1)),
                        })
                        .collect()
                })
                .unwrap_or_default();
            OwnItem {
                anchor: format!("{kind}-{id}"),
                heading: t.msg(&format!("matches-for-{kind}")),
                title: text(t, &own["title"]),
                kind,
                id,
                matches,
            }
        })
        .collect()
}

#[derive(serde::Deserialize)]
pub struct MatchParams {
    /// Blocked pairs too.
    #[serde(default)]
    all: bool,
}

pub async fn matches(ctx: Ctx, axum::extract::Query(params): axum::extract::Query<MatchParams>) -> Response {
    let path = format!("/v1/match?limit={MATCHES_PER_ITEM}{}", if params.all { "&all=true" } else { "" });
    match ctx.dash.api_get(&path).await {
        Ok(matched) => render(&MatchesPage {
            items: own_items(&ctx.t, &matched),
            chrome: ctx.chrome("matches"),
            t: ctx.t,
            all: params.all,
        }),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

/// `POST /matches/interest`: the interest step of a new mobility thread.
pub async fn interest(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let (Some(host), Some(offer)) = (form.get("host"), form.get("offer")) else {
        return notice(StatusCode::BAD_REQUEST, &ctx.t, "refused-title", "refused-form");
    };
    let mut body = json!({ "host": host, "offer": offer });
    if let Some(need) = form.get("need") {
        body["need"] = json!(need);
    }
    if let Some(learners) = form.get("learners").and_then(|l| l.parse::<u32>().ok()) {
        body["learners"] = json!(learners);
    }
    if let Some(message) = form.get("message") {
        body["message"] = json!(message);
    }
    match ctx.dash.api(Method::POST, "/v1/mobility", Some(&body)).await {
        Ok(_) => see_other("/mobility?done=true"),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}
