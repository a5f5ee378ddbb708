//! Statistics: credentials issued and revoked per achievement and month.

use std::collections::BTreeMap;

use askama::Template;
use axum::response::Response;
use vetnet_views::{AchievementView, CredentialStatsRow};

use super::super::records::api_failure;
use super::super::view::text;
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Chrome, Ctx, render};

pub struct StatsRow {
    pub achievement: String,
    pub month: String,
    pub issued: String,
    pub revoked: String,
}

#[derive(Template)]
#[template(path = "credentials/stats.html")]
struct StatsPage {
    t: Tr,
    chrome: Chrome,
    rows: Vec<StatsRow>,
    total_issued: String,
    total_revoked: String,
}

/// `2027-05` as the locale writes a month on its own: `May 2027`,
/// `toukokuu 2027` (the month is passed as `m5` for the message to pick its
/// name in the nominative, which some languages' dates do not use).
fn month(t: &Tr, ym: &str) -> String {
    match ym.split_once('-').map(|(y, m)| (y, m.parse::<u8>())) {
        Some((year, Ok(m))) if (1..=12).contains(&m) => {
            t.msg2("cred-month-year", ("month", format!("m{m}")), ("year", year.to_owned()))
        }
        _ => ym.to_owned(),
    }
}

pub async fn stats(ctx: Ctx) -> Response {
    let rows = match ctx.dash.get::<Vec<CredentialStatsRow>>("/v1/credentials/stats").await {
        Ok(rows) => rows,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let names: BTreeMap<String, String> = match ctx.dash.get::<Vec<AchievementView>>("/v1/achievements?all=true").await
    {
        Ok(list) => {
            list.into_iter().filter_map(|a| a.body.as_ref().map(|b| (a.id.clone(), text(&ctx.t, &b.title)))).collect()
        }
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let t = &ctx.t;
    let (issued, revoked) = rows.iter().fold((0, 0), |(i, r), row| (i + row.issued, r + row.revoked));
    let shown = rows
        .iter()
        .map(|row| StatsRow {
            achievement: match names.get(&row.achievement) {
                Some(name) => format!("{name} ({})", row.achievement),
                None => row.achievement.clone(),
            },
            month: month(t, &row.month),
            issued: t.number(row.issued),
            revoked: t.number(row.revoked),
        })
        .collect();
    render(&StatsPage {
        rows: shown,
        total_issued: t.number(issued),
        total_revoked: t.number(revoked),
        chrome: ctx.chrome("credentials"),
        t: t.clone(),
    })
}
