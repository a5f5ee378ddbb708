//! The home page: who we are (profile, did:key, trust level), the node's
//! health (peers, reachability, last sync, outbox), and what needs attention
//! (mobility steps waiting for us, missing signatures, offers near their
//! deadline, matches for our offers and needs).

use askama::Template;
use axum::response::Response;
use serde_json::Value;

use super::view::{TrustView, percent, text, trust};
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
    trust: TrustView,
    has_profile: bool,
    /// Label and value pairs.
    health: Vec<(String, String)>,
    attention: Vec<Attention>,
}

pub async fn home(ctx: Ctx) -> Response {
    let status = ctx.dash.api_get("/v1/status").await.unwrap_or(Value::Null);
    let profile = ctx.dash.api_get("/v1/profile").await.ok();
    let attention = attention(&ctx).await;
    let t = &ctx.t;
    let (name, country, trust_view) = match &profile {
        Some(p) => (
            text(t, &p["name"]),
            p["country"].as_str().map(|c| label(CodeList::Country, c, t)).unwrap_or_default(),
            trust(t, &p["trust"]),
        ),
        None => (t.msg("no-profile-name"), String::new(), TrustView::default()),
    };
    render(&HomePage {
        chrome: ctx.chrome("home"),
        did: status["institution"].as_str().unwrap_or_default().to_owned(),
        health: health(t, &status),
        has_profile: profile.is_some(),
        name,
        country,
        trust: trust_view,
        attention,
        t: ctx.t.clone(),
    })
}

/// The node's health from `/v1/status`.
fn health(t: &Tr, status: &Value) -> Vec<(String, String)> {
    let count = |v: &Value| t.number(v.as_u64().unwrap_or_default());
    let last_sync = status["sync"]
        .as_array()
        .and_then(|peers| peers.iter().filter_map(|p| p["last_finished"].as_u64()).max())
        .map(|secs| t.timestamp(secs))
        .unwrap_or_else(|| t.msg("never"));
    let reachability = status["reachability"]["status"].as_str().unwrap_or("unknown");
    let records: u64 = status["records"].as_object().map(|c| c.values().filter_map(Value::as_u64).sum()).unwrap_or(0);
    vec![
        (t.msg("health-peers"), count(&status["peers"])),
        (t.msg("health-reachability"), t.msg(&format!("reachability-{reachability}"))),
        (t.msg("health-last-sync"), last_sync),
        (t.msg("health-outbox"), count(&status["outbox"])),
        (t.msg("health-records"), t.number(records)),
        (t.msg("health-network"), status["network"].as_str().unwrap_or_default().to_owned()),
    ]
}

/// The step a thread waits for from us, by our role and its status.
fn our_move(role: &str, status: &str) -> Option<&'static str> {
    match (role, status) {
        ("school", "interested") => Some("move-nominate"),
        ("school", "accepted") => Some("move-agree"),
        ("school", "completed") => Some("move-recognise"),
        ("host", "nominated") => Some("move-accept"),
        ("host", "agreed") => Some("move-complete"),
        (_, "agreeing") => Some("move-sign"),
        _ => None,
    }
}

async fn attention(ctx: &Ctx) -> Vec<Attention> {
    let t = &ctx.t;
    let mut items = Vec::new();
    if let Ok(Value::Array(threads)) = ctx.dash.api_get("/v1/mobility").await {
        for thread in threads.iter().filter(|th| !th["erased"].as_bool().unwrap_or(false)) {
            let (role, status) = (thread["role"].as_str().unwrap_or(""), thread["status"].as_str().unwrap_or(""));
            if let Some(step) = our_move(role, status) {
                let partner = if role == "school" { &thread["host"] } else { &thread["school"] };
                let partner = partner["name"].as_str().unwrap_or("?").to_owned();
                items.push(Attention {
                    text: t.msg2("attention-thread", ("step", t.msg(step)), ("partner", partner)),
                    link: "/mobility".to_owned(),
                });
            }
        }
    }
    let today = chrono::Utc::now().date_naive();
    if let Ok(Value::Array(offers)) = ctx.dash.api_get("/v1/offers").await {
        for offer in &offers {
            let Some(deadline) = offer["deadline"].as_str() else { continue };
            let Ok(day) = chrono::NaiveDate::parse_from_str(deadline, "%Y-%m-%d") else { continue };
            let left = (day - today).num_days();
            if (0..=DEADLINE_SOON_DAYS).contains(&left) {
                items.push(Attention {
                    text: t.msg2("attention-deadline", ("title", text(t, &offer["title"])), ("date", t.date(deadline))),
                    link: format!("/offers/{}", percent(offer["id"].as_str().unwrap_or(""))),
                });
            }
        }
    }
    if let Ok(Value::Array(matched)) = ctx.dash.api_get("/v1/match?limit=5").await {
        for item in &matched {
            let fitting = item["matches"]
                .as_array()
                .map(|m| m.iter().filter(|c| !c["blocking"].as_bool().unwrap_or(true)).count());
            if let Some(n @ 1..) = fitting {
                items.push(Attention {
                    text: t.msg2(
                        "attention-matches",
                        ("title", text(t, &item["own"]["title"])),
                        ("count", t.number(n as u64)),
                    ),
                    link: format!(
                        "/matches#{}-{}",
                        item["kind"].as_str().unwrap_or(""),
                        item["own"]["id"].as_str().unwrap_or("")
                    ),
                });
            }
        }
    }
    items
}
