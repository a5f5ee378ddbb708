//! The mobility pages: the inbox of threads (`/mobility`).

use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use vetnet_views::{Party, ThreadSummary};

use super::records::api_failure;
use super::settings::DoneParams;
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Chrome, Ctx, Dashboard, render};

pub fn routes() -> Router<Dashboard> {
    Router::new().route("/mobility", get(inbox))
}

pub struct ThreadRow {
    pub thread: String,
    pub role: String,
    pub status: String,
    pub partner: String,
    pub offer: String,
    pub updated: String,
}

#[derive(Template)]
#[template(path = "mobility.html")]
struct MobilityPage {
    t: Tr,
    chrome: Chrome,
    threads: Vec<ThreadRow>,
    done: bool,
}

async fn inbox(ctx: Ctx, axum::extract::Query(params): axum::extract::Query<DoneParams>) -> Response {
    let threads = match ctx.dash.get::<Vec<ThreadSummary>>("/v1/mobility").await {
        Ok(threads) => threads,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let t = &ctx.t;
    let rows = threads
        .iter()
        .map(|th| {
            let partner = if th.role == Party::School { &th.host } else { &th.school };
            ThreadRow {
                thread: th.thread.clone(),
                role: t.msg(&format!("enum-{}", th.role)),
                status: t.msg(&format!("status-{}", th.status)),
                partner: partner.name.clone().unwrap_or_else(|| "?".to_owned()),
                offer: th.offer.clone(),
                updated: t.timestamp(th.updated),
            }
        })
        .collect();
    render(&MobilityPage { threads: rows, chrome: ctx.chrome("mobility"), t: ctx.t.clone(), done: params.done })
}
