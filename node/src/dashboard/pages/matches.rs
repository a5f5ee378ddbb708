//! Matches: for each of our offers and needs, the other institutions' needs
//! and offers that fit, ranked, with the ✓ ✗ · reasons; for a need, a button
//! that opens a mobility thread with the offer's host (the interest step).

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use vetnet_views::{InterestInput, MatchCandidate, MatchItem, Reason, ThreadDetail};

use super::records::api_failure;
use super::view::{RecordRow, Shown, record_row, text};
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Chrome, Ctx, Posted, notice, render, see_other};

/// Candidates shown per own offer or need.
const MATCHES_PER_ITEM: usize = 10;

pub struct MatchView {
    pub score: u8,
    pub blocking: bool,
    pub fits: Vec<String>,
    pub misfits: Vec<String>,
    pub notes: Vec<String>,
    pub row: RecordRow,
    /// For one of our needs and another's offer: the learners to propose.
    pub interest: Option<u32>,
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

fn reasons(list: &[Reason]) -> Vec<String> {
    list.iter().map(|r| r.text.clone()).collect()
}

fn match_view<B: Shown>(t: &Tr, c: &MatchCandidate<B>, interest: Option<u32>) -> MatchView {
    MatchView {
        score: c.score,
        blocking: c.blocking,
        fits: reasons(&c.fits),
        misfits: reasons(&c.misfits),
        notes: reasons(&c.notes),
        row: record_row(t, &c.record, None),
        interest,
    }
}

/// `/v1/match` as the page shows it.
fn own_items(t: &Tr, matched: &[MatchItem]) -> Vec<OwnItem> {
    matched
        .iter()
        .map(|item| {
            let (kind, id, title, matches) = match item {
                MatchItem::Offer { own, matches } => (
                    "offer",
                    &own.id,
                    own.body.as_ref().map(|b| &b.title),
                    matches.iter().map(|c| match_view(t, c, None)).collect(),
                ),
                MatchItem::Need { own, matches } => {
                    let learners = own.body.as_ref().map_or(1, |b| b.learners);
                    let views = matches.iter().map(|c| match_view(t, c, Some(learners))).collect();
                    ("need", &own.id, own.body.as_ref().map(|b| &b.title), views)
                }
            };
            OwnItem {
                anchor: format!("{kind}-{id}"),
                heading: t.msg(&format!("matches-for-{kind}")),
                title: title.map(|title| text(t, title)).unwrap_or_else(|| id.clone()),
                kind: kind.to_owned(),
                id: id.clone(),
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
    match ctx.dash.get::<Vec<MatchItem>>(&path).await {
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
    let (Some(host), Some(offer)) = (form.value("host"), form.value("offer")) else {
        return notice(StatusCode::BAD_REQUEST, &ctx.t, "refused-title", "refused-form");
    };
    let body = InterestInput {
        host: host.to_owned(),
        offer: offer.to_owned(),
        need: form.value("need").map(str::to_owned),
        learners: form.value("learners").and_then(|l| l.parse::<u32>().ok()).unwrap_or(1),
        message: form.value("message").map(str::to_owned),
    };
    match ctx.dash.post::<_, ThreadDetail>("/v1/mobility", &body).await {
        Ok(_) => see_other("/mobility?done=true"),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}
