//! The home page: who we are (profile, did:key, trust level), the node's
//! health (peers, reachability, last sync, outbox), and what needs attention
//! (mobility steps waiting for us, missing signatures, offers near their
//! deadline, matches for our offers and needs).

use askama::Template;
use axum::response::Response;
use vetnet_views::{
    MatchItem, OfferView, Party, ProfileView, StatusView, StepKind, ThreadDetail, ThreadStatus, ThreadSummary,
};

use super::view::{TrustBadge, percent, text, trust, unknown_trust};
use crate::dashboard::codes::{CodeList, label};
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Chrome, Ctx, render};

/// Offers whose deadline is this close are worth a look.
const DEADLINE_SOON_DAYS: i64 = 30;

/// Something the reader should do or know, with where to do it.
pub struct Attention {
    pub text: String,
    pub link: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    t: Tr,
    chrome: Chrome,
    name: String,
    did: String,
    country: String,
    trust: TrustBadge,
    has_profile: bool,
    /// Label and value pairs.
    health: Vec<(String, String)>,
    attention: Vec<Attention>,
}

pub async fn home(ctx: Ctx) -> Response {
    let status = ctx.dash.get::<StatusView>("/v1/status").await.ok();
    let profile = ctx.dash.get::<ProfileView>("/v1/profile").await.ok();
    let attention = attention(&ctx).await;
    let t = &ctx.t;
    let body = profile.as_ref().and_then(|p| p.body.as_ref());
    let (name, country, trust_view) = match (&profile, body) {
        (Some(p), Some(body)) => (text(t, &body.name), label(CodeList::Country, &body.country, t), trust(t, &p.trust)),
        _ => (t.msg("no-profile-name"), String::new(), unknown_trust(t)),
    };
    render(&HomePage {
        chrome: ctx.chrome("home"),
        did: status.as_ref().map(|s| s.institution.clone()).unwrap_or_default(),
        health: status.as_ref().map(|s| health(t, s)).unwrap_or_default(),
        has_profile: body.is_some(),
        name,
        country,
        trust: trust_view,
        attention,
        t: ctx.t.clone(),
    })
}

/// The node's health from `/v1/status`.
fn health(t: &Tr, status: &StatusView) -> Vec<(String, String)> {
    let last_sync = status
        .sync
        .iter()
        .filter_map(|p| p.last_finished)
        .max()
        .map(|secs| t.timestamp(secs))
        .unwrap_or_else(|| t.msg("never"));
    let records: u64 = status.records.values().sum();
    vec![
        (t.msg("health-peers"), t.number(status.peers as u64)),
        (t.msg("health-reachability"), t.msg(&format!("reachability-{}", status.reachability.status))),
        (t.msg("health-last-sync"), last_sync),
        (t.msg("health-outbox"), t.number(status.outbox as u64)),
        (t.msg("health-records"), t.number(records)),
        (t.msg("health-network"), status.network.clone()),
    ]
}

/// The step a thread waits for from us, by our role and its status (the
/// signatures of an agreement are read from the whole thread instead).
fn our_move(role: Party, status: ThreadStatus) -> Option<&'static str> {
    match (role, status) {
        (Party::School, ThreadStatus::Interested) => Some("move-nominate"),
        (Party::School, ThreadStatus::Accepted) => Some("move-agree"),
        (Party::School, ThreadStatus::Completed) => Some("move-recognise"),
        (Party::Host, ThreadStatus::Nominated) => Some("move-accept"),
        (Party::Host, ThreadStatus::Agreed) => Some("move-complete"),
        _ => None,
    }
}

/// Threads waiting for a step of ours, and agreements still missing a
/// signature (ours, the learner's that we hold, or the other party's).
async fn thread_items(ctx: &Ctx, items: &mut Vec<Attention>) {
    let t = &ctx.t;
    let Ok(threads) = ctx.dash.get::<Vec<ThreadSummary>>("/v1/mobility").await else { return };
    for thread in threads.iter().filter(|th| !th.erased) {
        let partner = if thread.role == Party::School { &thread.host } else { &thread.school };
        let partner = partner.name.clone().unwrap_or_else(|| "?".to_owned());
        let link = format!("/mobility/{}", percent(&thread.thread));
        let step = if thread.status == ThreadStatus::Agreeing {
            let Ok(detail) = ctx.dash.get::<ThreadDetail>(&format!("/v1/mobility/{}", percent(&thread.thread))).await
            else {
                continue;
            };
            let missing = detail.facts.agreement.as_ref().map_or(0, |a| a.missing.len());
            if detail.next_steps.contains(&StepKind::Signature) {
                Some("move-sign")
            } else {
                if missing > 0 {
                    items.push(Attention {
                        text: t.msg2("attention-unsigned", ("partner", partner), ("count", t.number(missing as u64))),
                        link,
                    });
                }
                continue;
            }
        } else {
            our_move(thread.role, thread.status)
        };
        if let Some(step) = step {
            items.push(Attention {
                text: t.msg2("attention-thread", ("step", t.msg(step)), ("partner", partner)),
                link,
            });
        }
    }
}

async fn attention(ctx: &Ctx) -> Vec<Attention> {
    let t = &ctx.t;
    let mut items = Vec::new();
    thread_items(ctx, &mut items).await;
    let today = ctx.dash.today();
    if let Ok(offers) = ctx.dash.get::<Vec<OfferView>>("/v1/offers").await {
        for offer in &offers {
            let Some(body) = &offer.body else { continue };
            let Some(deadline) = body.deadline.as_deref() else { continue };
            let Ok(day) = chrono::NaiveDate::parse_from_str(deadline, "%Y-%m-%d") else { continue };
            let left = (day - today).num_days();
            if (0..=DEADLINE_SOON_DAYS).contains(&left) {
                items.push(Attention {
                    text: t.msg2("attention-deadline", ("title", text(t, &body.title)), ("date", t.date(deadline))),
                    link: format!("/offers/{}", percent(&offer.id)),
                });
            }
        }
    }
    if let Ok(matched) = ctx.dash.get::<Vec<MatchItem>>("/v1/match?limit=5").await {
        for item in &matched {
            let (kind, id, title, fitting) = match item {
                MatchItem::Offer { own, matches } => (
                    "offer",
                    &own.id,
                    own.body.as_ref().map(|b| &b.title),
                    matches.iter().filter(|c| !c.blocking).count(),
                ),
                MatchItem::Need { own, matches } => (
                    "need",
                    &own.id,
                    own.body.as_ref().map(|b| &b.title),
                    matches.iter().filter(|c| !c.blocking).count(),
                ),
            };
            if fitting > 0 {
                items.push(Attention {
                    text: t.msg2(
                        "attention-matches",
                        ("title", title.map(|title| text(t, title)).unwrap_or_else(|| id.clone())),
                        ("count", t.number(fitting as u64)),
                    ),
                    link: format!("/matches#{kind}-{id}"),
                });
            }
        }
    }
    items
}
