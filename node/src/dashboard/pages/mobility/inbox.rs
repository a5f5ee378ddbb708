//! The inbox (`/mobility`): every thread, filtered by status and by
//! partner, each saying what it waits for and from whom.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use vetnet_views::{Party, SignerRole, ThreadDetail, ThreadStatus, ThreadSummary};

use super::{name_of, partner, thread_page};
use crate::dashboard::form::Choice;
use crate::dashboard::i18n::Tr;
use crate::dashboard::pages::records::api_failure;
use crate::dashboard::pages::view::percent;
use crate::dashboard::{Chrome, Ctx, render};

pub struct ThreadRow {
    pub thread: String,
    pub href: String,
    pub role: String,
    pub status: String,
    pub partner: String,
    pub offer: String,
    pub updated: String,
    pub waits: String,
    /// Whether it waits for us.
    pub ours: bool,
}

#[derive(Template)]
#[template(path = "mobility.html")]
struct MobilityPage {
    t: Tr,
    chrome: Chrome,
    threads: Vec<ThreadRow>,
    statuses: Vec<Choice>,
    partners: Vec<Choice>,
    filtered: bool,
    total: usize,
    done: bool,
}

#[derive(serde::Deserialize)]
pub struct InboxParams {
    #[serde(default)]
    done: bool,
    #[serde(default)]
    status: String,
    #[serde(default)]
    partner: String,
}

pub async fn inbox(ctx: Ctx, Query(params): Query<InboxParams>) -> Response {
    let threads = match ctx.dash.get::<Vec<ThreadSummary>>("/v1/mobility").await {
        Ok(threads) => threads,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let t = &ctx.t;
    let mut partners: Vec<Choice> = Vec::new();
    for th in &threads {
        let p = partner(th.role, &th.school, &th.host);
        if !partners.iter().any(|c| c.value == p.institution) {
            partners.push(Choice {
                selected: params.partner == p.institution,
                label: name_of(&p),
                value: p.institution,
            });
        }
    }
    partners.sort_by(|a, b| a.label.cmp(&b.label));
    let statuses = ThreadStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.to_string(),
            label: t.msg(&format!("status-{s}")),
            selected: params.status == s.to_string(),
        })
        .collect();
    let mut rows = Vec::new();
    for th in &threads {
        let p = partner(th.role, &th.school, &th.host);
        if (!params.status.is_empty() && th.status.to_string() != params.status)
            || (!params.partner.is_empty() && p.institution != params.partner)
        {
            continue;
        }
        let (waits, ours) = waits_for(&ctx, th, &name_of(&p)).await;
        rows.push(ThreadRow {
            thread: th.thread.clone(),
            href: thread_page(&th.thread),
            role: t.msg(&format!("enum-{}", th.role)),
            status: t.msg(&format!("status-{}", th.status)),
            partner: name_of(&p),
            offer: th.offer.clone(),
            updated: t.timestamp(th.updated),
            waits,
            ours,
        });
    }
    render(&MobilityPage {
        filtered: !params.status.is_empty() || !params.partner.is_empty(),
        total: threads.len(),
        threads: rows,
        statuses,
        partners,
        chrome: ctx.chrome("mobility"),
        t: ctx.t.clone(),
        done: params.done,
    })
}

/// What a thread waits for, and from whom (`true`: from us).
async fn waits_for(ctx: &Ctx, th: &ThreadSummary, partner: &str) -> (String, bool) {
    use Party::{Host, School};
    use ThreadStatus as S;
    let t = &ctx.t;
    let us = |step: &str| (t.msg1("waits-us", "step", t.msg(step)), true);
    let them = |step: &str| (t.msg2("waits-partner", ("partner", partner.to_owned()), ("step", t.msg(step))), false);
    if th.erased {
        return (t.msg("waits-erased"), false);
    }
    match (th.role, th.status) {
        (School, S::Interested) => us("move-nominate"),
        (Host, S::Interested) => them("move-nominate"),
        (Host, S::Nominated) => us("move-accept"),
        (School, S::Nominated) => them("move-accept"),
        (School, S::Accepted) => us("move-agree"),
        (Host, S::Accepted) => them("move-agree"),
        (Host, S::Agreed) => us("move-complete"),
        (School, S::Agreed) => them("move-complete"),
        (School, S::Completed) => us("move-recognise"),
        (Host, S::Completed) => them("move-recognise"),
        (_, S::Agreeing) => {
            let path = format!("/v1/mobility/{}", percent(&th.thread));
            let Ok(detail) = ctx.dash.get::<ThreadDetail>(&path).await else { return (String::new(), false) };
            let missing = detail.facts.agreement.map(|a| a.missing).unwrap_or_default();
            let names: Vec<String> = missing.iter().map(|r| t.msg(&format!("signer-{r}"))).collect();
            let ours = missing.iter().any(|r| match r {
                SignerRole::Learner | SignerRole::School => th.role == School,
                SignerRole::Host => th.role == Host,
            });
            (t.msg1("waits-signatures", "who", names.join(", ")), ours)
        }
        _ => (t.msg("waits-nothing"), false),
    }
}
