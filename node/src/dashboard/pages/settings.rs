//! Settings (the values of `config.toml`, each explained; read-only), the
//! peers list, and key rotation behind a warning and
//! a confirmation.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use vetnet_views::{KeysView, PeerView, RotationView};

use super::records::{ConfirmPage, api_failure};
use crate::config::Config;
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Chrome, Ctx, Posted, notice, render};

/// A setting: its name in `config.toml`, its value, and what it does.
pub struct SettingRow {
    pub name: String,
    pub value: String,
    pub explained: String,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    t: Tr,
    chrome: Chrome,
    config_path: String,
    settings: Vec<SettingRow>,
    limits: Vec<SettingRow>,
    current_key: String,
    previous_keys: Vec<String>,
    done: bool,
}

fn list(values: &[String]) -> String {
    if values.is_empty() { "–".to_owned() } else { values.join(", ") }
}

/// The settings and limits of `config`, in the reader's language.
fn setting_rows(t: &Tr, config: &Config) -> (Vec<SettingRow>, Vec<SettingRow>) {
    let row = |name: &str, value: String| SettingRow {
        explained: t.msg(&format!("setting-{}", name.replace('_', "-"))),
        name: name.to_owned(),
        value,
    };
    let yes_no = |on: bool| t.msg(if on { "yes" } else { "no" });
    let settings = vec![
        row("network", config.network.clone()),
        row("api", config.api.clone()),
        row("listen", list(&config.listen)),
        row("external", list(&config.external)),
        row("bootstrap", list(&config.bootstrap)),
        row("target_peers", t.number(config.target_peers as u64)),
        row("mdns", yes_no(config.mdns)),
        row("relay_server", yes_no(config.relay_server)),
        row("cache_mb", t.number(config.cache_mb)),
        row("trust_anchors", list(&config.trust_anchors)),
    ];
    let l = &config.limits;
    let limits = vec![
        row("records_per_author_per_day", t.number(l.records_per_author_per_day.into())),
        row("messages_per_peer_per_minute", t.number(l.messages_per_peer_per_minute.into())),
        row("message_burst_per_peer", t.number(l.message_burst_per_peer.into())),
        row("peer_ban_minutes", t.number(l.peer_ban_minutes.into())),
        row("direct_messages_per_peer_per_minute", t.number(l.direct_messages_per_peer_per_minute.into())),
        row("direct_message_burst_per_peer", t.number(l.direct_message_burst_per_peer.into())),
    ];
    (settings, limits)
}

#[derive(serde::Deserialize)]
pub struct DoneParams {
    #[serde(default)]
    pub done: bool,
}

pub async fn settings(ctx: Ctx, axum::extract::Query(params): axum::extract::Query<DoneParams>) -> Response {
    let dir = ctx.dash.state.info.dir();
    let config = match Config::load(&dir) {
        Ok(config) => config,
        Err(e) => {
            tracing::error!(error = %e, "the dashboard cannot read config.toml");
            return notice(StatusCode::INTERNAL_SERVER_ERROR, &ctx.t, "refused-title", "refused-internal");
        }
    };
    let keys = ctx.dash.get::<KeysView>("/v1/keys").await.ok();
    let (settings, limits) = setting_rows(&ctx.t, &config);
    render(&SettingsPage {
        config_path: dir.config_path().display().to_string(),
        settings,
        limits,
        current_key: keys.as_ref().map(|k| k.current.clone()).unwrap_or_default(),
        previous_keys: keys.iter().flat_map(|k| &k.previous).map(|p| p.key.clone()).collect(),
        chrome: ctx.chrome("settings"),
        t: ctx.t,
        done: params.done,
    })
}

/// `GET /settings/rotate-key`: what rotating means, and a confirmation.
pub async fn confirm_rotation(ctx: Ctx) -> Response {
    render(&ConfirmPage {
        heading: ctx.t.msg("rotate-title"),
        warning: ctx.t.msg("rotate-warning"),
        action: "/settings/rotate-key".to_owned(),
        confirm: ctx.t.msg("action-rotate"),
        cancel: "/settings".to_owned(),
        chrome: ctx.chrome("settings"),
        t: ctx.t,
    })
}

pub async fn rotate(posted: Posted) -> Response {
    let ctx = posted.ctx;
    match ctx.dash.post_empty::<RotationView>("/v1/keys/rotate").await {
        Ok(_) => crate::dashboard::see_other("/settings?done=true"),
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

pub struct PeerRow {
    pub peer_id: String,
    pub addrs: String,
    pub agent: String,
    pub on_topic: bool,
    pub connected: String,
}

#[derive(Template)]
#[template(path = "peers.html")]
struct PeersPage {
    t: Tr,
    chrome: Chrome,
    peers: Vec<PeerRow>,
}

pub async fn peers(ctx: Ctx) -> Response {
    let peers = match ctx.dash.get::<Vec<PeerView>>("/v1/peers").await {
        Ok(peers) => peers,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let t = &ctx.t;
    let rows = peers
        .iter()
        .map(|p| PeerRow {
            peer_id: p.peer_id.clone(),
            addrs: p.addrs.join(", "),
            agent: p.agent.clone().unwrap_or_else(|| "–".to_owned()),
            on_topic: p.on_topic,
            connected: t.msg1("minutes", "n", t.number(p.connected_secs / 60)),
        })
        .collect();
    render(&PeersPage { peers: rows, chrome: ctx.chrome("peers"), t: ctx.t.clone() })
}
