//! `vetnet trust`, `vetnet endorsement` and `vetnet key`.

use serde::Serialize;
use vetnet_node::DataDir;
use vetnet_node::config::Config;
use vetnet_protocol::InstitutionId;
use vetnet_views::{
    AnchorInput, Direction, EndorseInput, Endorsement, EndorsementsView, InstitutionView, KeyRevocation, KeysView,
    PublishedView, RevokeKeyInput, RotationView, TrustLevel, TrustView, WithdrawEndorsementsInput,
};

use crate::args::{EndorsementCommand, KeyCommand, TrustCommand};
use crate::client::ApiClient;
use crate::commands::{name_or_did, opt};
use crate::failure::Failure;
use crate::printer::Printer;

fn institution(did: &str) -> anyhow::Result<InstitutionId> {
    did.parse().map_err(|e| Failure::user(format!("{did:?} is not an institution's did:key:z6Mk… identifier ({e})")))
}

/// Anchors are settings: with the node running they change through its API
/// (which saves `config.toml` and applies them at once); without it, in
/// `config.toml` directly, for the next start.
pub async fn run_trust(dir: &DataDir, command: TrustCommand, printer: Printer) -> anyhow::Result<()> {
    let running = dir.node_is_running();
    match command {
        TrustCommand::Add { did } => {
            let anchor = institution(&did)?;
            if running {
                let body = AnchorInput { institution: anchor.to_did() };
                ApiClient::connect(dir)?.post::<_, ()>("/v1/trust/anchors", &body).await?;
            } else {
                change_config(dir, |anchors| {
                    if !anchors.contains(&anchor.to_did()) {
                        anchors.push(anchor.to_did());
                    }
                    Ok(())
                })?;
            }
            printer.line(format!("{anchor} is now a trust anchor of this node."));
        }
        TrustCommand::Remove { did } => {
            let anchor = institution(&did)?;
            if running {
                let path = format!("/v1/trust/anchors/{}", anchor.to_did());
                ApiClient::connect(dir)?.delete::<()>(&path).await?;
            } else {
                change_config(dir, |anchors| {
                    let before = anchors.len();
                    anchors.retain(|a| a.parse::<InstitutionId>().ok() != Some(anchor));
                    if anchors.len() == before {
                        return Err(Failure::user(format!("{anchor} is not a trust anchor of this node")));
                    }
                    Ok(())
                })?;
            }
            printer.line(format!("{anchor} is no longer a trust anchor of this node."));
        }
        TrustCommand::List => {
            // (name, did) per anchor.
            let rows: Vec<(Option<String>, String)> = if running {
                let anchors: Vec<InstitutionView> = ApiClient::connect(dir)?.get("/v1/trust/anchors", &[]).await?;
                if printer.json {
                    printer.value(&anchors);
                    return Ok(());
                }
                anchors.into_iter().map(|a| (a.name, a.institution)).collect()
            } else {
                let config = Config::load(dir)?;
                let anchors: Vec<ConfiguredAnchor> =
                    config.trust_anchors.iter().map(|did| ConfiguredAnchor { institution: did.clone() }).collect();
                if printer.json {
                    printer.value(&anchors);
                    return Ok(());
                }
                anchors.into_iter().map(|a| (None, a.institution)).collect()
            };
            if rows.is_empty() {
                printer.line(
                    "No trust anchors: every institution shows as unverified. Add one with `vetnet trust add DID`.",
                );
                return Ok(());
            }
            let rows: Vec<Vec<String>> = rows.into_iter().map(|(name, did)| vec![opt(&name), did]).collect();
            printer.table(&["NAME", "DID"], &rows);
        }
        TrustCommand::Show { did } => {
            let key = institution(&did)?;
            let path = format!("/v1/trust/institutions/{}", key.to_did());
            let view: InstitutionView = ApiClient::connect(dir)?.get(&path, &[]).await?;
            if printer.json {
                printer.value(&view);
                return Ok(());
            }
            let name = view.name.as_deref().unwrap_or("(no profile held)");
            printer.line(format!("{name}  {}", view.institution));
            print_trust(&view.trust, printer);
        }
    }
    Ok(())
}

/// A trust anchor as `config.toml` names it, for `trust list` while the
/// node is not running (so no name or trust is known).
#[derive(Serialize)]
struct ConfiguredAnchor {
    institution: String,
}

fn change_config(dir: &DataDir, change: impl FnOnce(&mut Vec<String>) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let mut config = Config::load(dir)?;
    change(&mut config.trust_anchors)?;
    config.check().map_err(Failure::user)?;
    config.save(dir)?;
    Ok(())
}

/// The trust of an institution in words, with its path.
pub fn print_trust(trust: &TrustView, printer: Printer) {
    let meaning = match trust.level {
        TrustLevel::Anchor => "trusted outright by this node (a trust anchor)",
        TrustLevel::EndorsedByAnchor => "endorsed by a trust anchor of this node",
        TrustLevel::EndorsedViaChain => "endorsed through institutions endorsed by a trust anchor",
        TrustLevel::Revoked => "its key was revoked: do not rely on what it signs",
        TrustLevel::Unverified | TrustLevel::Unknown => {
            "unverified: no endorsement path from this node's trust anchors"
        }
    };
    printer.line(format!("Trust       {}: {meaning}", trust.level));
    if let Some(current) = &trust.current_key {
        printer.line(format!("            the institution now signs with {current}"));
    }
    for step in trust.path.iter().flatten() {
        let network = step.network_name.as_ref().map(|n| format!(" {n}")).unwrap_or_default();
        printer.line(format!(
            "            {} endorses {} as {}{network}",
            name_or_did(&step.endorser_name, &step.endorser),
            name_or_did(&step.subject_name, &step.subject),
            step.role,
        ));
    }
}

pub async fn run_endorsement(client: &ApiClient, command: EndorsementCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        EndorsementCommand::Add { did, role, network_name, expires } => {
            let body = EndorseInput { subject: did.clone(), role: role.clone(), network_name, until: expires };
            let published: PublishedView<Endorsement> = client.post("/v1/endorsements", &body).await?;
            if printer.json {
                printer.value(&published);
                return Ok(());
            }
            printer.line(format!("Endorsed {did} as {role} (record {}).", published.record.id));
        }
        EndorsementCommand::Withdraw { did, role } => {
            let body = WithdrawEndorsementsInput { subject: did.clone(), role };
            let withdrawn: Vec<PublishedView<Endorsement>> = client.post("/v1/endorsements/withdraw", &body).await?;
            if printer.json {
                printer.value(&withdrawn);
                return Ok(());
            }
            printer.line(format!("Withdrew {} endorsement(s) of {did}.", withdrawn.len()));
        }
        EndorsementCommand::List { did } => {
            let query: Vec<(&str, String)> = did.into_iter().map(|d| ("institution", d)).collect();
            let list: EndorsementsView = client.get("/v1/endorsements", &query).await?;
            if printer.json {
                printer.value(&list);
                return Ok(());
            }
            let rows: Vec<Vec<String>> = list
                .given
                .iter()
                .chain(&list.received)
                .map(|e| {
                    let direction = match e.direction {
                        Direction::Given => "given",
                        Direction::Received => "received",
                    };
                    vec![
                        direction.to_owned(),
                        name_or_did(&e.endorser_name, &e.endorser),
                        e.role.to_string(),
                        name_or_did(&e.subject_name, &e.subject),
                        opt(&e.network_name),
                        match (&e.until, e.expired) {
                            (Some(until), true) => format!("{until} (expired)"),
                            (Some(until), false) => until.clone(),
                            (None, _) => "until withdrawn".to_owned(),
                        },
                    ]
                })
                .collect();
            if rows.is_empty() {
                printer.line("No endorsements given or received.");
            } else {
                printer.table(&["", "ENDORSER", "ROLE", "SUBJECT", "NETWORK", "UNTIL"], &rows);
            }
        }
    }
    Ok(())
}

/// Unix seconds as `2026-11-01 12:00 UTC` ("" when unknown).
fn unix_time(seconds: Option<u64>) -> String {
    let Some(seconds) = seconds else {
        return String::new();
    };
    i64::try_from(seconds)
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map_or_else(|| seconds.to_string(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string())
}

/// `--since 2026-11-01` as unix seconds (midnight UTC).
fn since_param(date: &str) -> anyhow::Result<u64> {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| Failure::user(format!("since: {date:?} is not a date like 2026-11-01")))?;
    let seconds = day.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp());
    u64::try_from(seconds).map_err(|_| Failure::user("since: must be after 1970"))
}

pub async fn run_key(client: &ApiClient, command: KeyCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        KeyCommand::Show => {
            let keys: KeysView = client.get("/v1/keys", &[]).await?;
            if printer.json {
                printer.value(&keys);
                return Ok(());
            }
            printer.line(format!("Current key  {}", keys.current));
            if let Some(revoked) = &keys.revoked {
                printer.line(format!("REVOKED from {} by {}", revoked.since, revoked.by));
            }
            for old in &keys.previous {
                printer.line(format!("Rotated from {} at {}", old.key, unix_time(old.rotated_at)));
            }
        }
        KeyCommand::Rotate => {
            let rotated: RotationView = client.post_empty("/v1/keys/rotate").await?;
            if printer.json {
                printer.value(&rotated);
                return Ok(());
            }
            printer.line(format!("The institution now signs with {}.", rotated.new));
            printer.line(format!(
                "{} record(s) were signed again with it; the old key {} is kept in retired-keys/ so it can still be revoked.",
                rotated.carried, rotated.old
            ));
        }
        KeyCommand::Revoke { did, reason, since, yes } => {
            let own: KeysView = client.get("/v1/keys", &[]).await?;
            if did.as_deref().is_none_or(|d| d == own.current) && !yes {
                return Err(Failure::user(
                    "this revokes the key the institution signs with now: nothing it publishes afterwards is \
                     accepted, and this cannot be undone. To replace a key, use `vetnet key rotate` (and then \
                     revoke the old key if it leaked). Add --yes to revoke the current key anyway.",
                ));
            }
            let since = since.as_deref().map(since_param).transpose()?;
            let body = RevokeKeyInput { key: did, since, reason };
            let published: PublishedView<KeyRevocation> = client.post("/v1/keys/revoke", &body).await?;
            if printer.json {
                printer.value(&published);
                return Ok(());
            }
            let revocation = published.record.body.as_ref();
            printer.line(format!(
                "Revoked {}: records it signed from {} on are refused by every node.",
                revocation.map(|r| r.key.as_str()).unwrap_or_default(),
                unix_time(revocation.map(|r| r.since))
            ));
        }
    }
    Ok(())
}
