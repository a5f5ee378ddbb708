//! `vetnet trust`, `vetnet endorsement` and `vetnet key`.

use reqwest::Method;
use serde_json::{Value, json};
use vetnet_node::DataDir;
use vetnet_node::config::Config;
use vetnet_protocol::InstitutionId;

use crate::args::{EndorsementCommand, KeyCommand, TrustCommand};
use crate::client::ApiClient;
use crate::commands::{short_did, text};
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
                let body = json!({ "institution": anchor.to_did() });
                ApiClient::connect(dir)?.send(Method::POST, "/v1/trust/anchors", Some(&body)).await?;
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
                ApiClient::connect(dir)?.send(Method::DELETE, &path, None).await?;
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
            let anchors = if running {
                ApiClient::connect(dir)?.get("/v1/trust/anchors", &[]).await?
            } else {
                let config = Config::load(dir)?;
                Value::Array(config.trust_anchors.iter().map(|did| json!({ "institution": did })).collect())
            };
            if printer.json {
                printer.value(&anchors);
                return Ok(());
            }
            let list = anchors.as_array().cloned().unwrap_or_default();
            if list.is_empty() {
                printer.line(
                    "No trust anchors: every institution shows as unverified. Add one with `vetnet trust add DID`.",
                );
                return Ok(());
            }
            let rows: Vec<Vec<String>> = list.iter().map(|a| vec![text(&a["name"]), text(&a["institution"])]).collect();
            printer.table(&["NAME", "DID"], &rows);
        }
        TrustCommand::Show { did } => {
            let key = institution(&did)?;
            let path = format!("/v1/trust/institutions/{}", key.to_did());
            let view = ApiClient::connect(dir)?.get(&path, &[]).await?;
            if printer.json {
                printer.value(&view);
                return Ok(());
            }
            let name = view["name"].as_str().unwrap_or("(no profile held)");
            printer.line(format!("{name}  {}", view["institution"].as_str().unwrap_or_default()));
            print_trust(&view["trust"], printer);
        }
    }
    Ok(())
}

fn change_config(dir: &DataDir, change: impl FnOnce(&mut Vec<String>) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let mut config = Config::load(dir)?;
    change(&mut config.trust_anchors)?;
    config.check().map_err(Failure::user)?;
    config.save(dir)?;
    Ok(())
}

/// The trust of an institution in words, with its path.
pub fn print_trust(trust: &Value, printer: Printer) {
    let level = trust["level"].as_str().unwrap_or("unknown");
    let meaning = match level {
        "anchor" => "trusted outright by this node (a trust anchor)",
        "endorsed-by-anchor" => "endorsed by a trust anchor of this node",
        "endorsed-via-chain" => "endorsed through institutions endorsed by a trust anchor",
        "revoked" => "its key was revoked: do not rely on what it signs",
        _ => "unverified: no endorsement path from this node's trust anchors",
    };
    printer.line(format!("Trust       {level}: {meaning}"));
    if let Some(current) = trust["current_key"].as_str() {
        printer.line(format!("            the institution now signs with {current}"));
    }
    for step in trust["path"].as_array().into_iter().flatten() {
        let who = |name: &Value, did: &Value| match name.as_str() {
            Some(name) => name.to_owned(),
            None => short_did(&text(did)),
        };
        let network = step["network_name"].as_str().map(|n| format!(" {n}")).unwrap_or_default();
        printer.line(format!(
            "            {} endorses {} as {}{network}",
            who(&step["endorser_name"], &step["endorser"]),
            who(&step["subject_name"], &step["subject"]),
            text(&step["role"]),
        ));
    }
}

pub async fn run_endorsement(client: &ApiClient, command: EndorsementCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        EndorsementCommand::Add { did, role, network_name, expires } => {
            let body = json!({ "subject": did, "role": role, "network_name": network_name, "until": expires });
            let published = client.send(Method::POST, "/v1/endorsements", Some(&body)).await?;
            if printer.json {
                printer.value(&published);
                return Ok(());
            }
            printer.line(format!("Endorsed {did} as {role} (record {}).", text(&published["id"])));
        }
        EndorsementCommand::Withdraw { did, role } => {
            let body = json!({ "subject": did, "role": role });
            let withdrawn = client.send(Method::POST, "/v1/endorsements/withdraw", Some(&body)).await?;
            if printer.json {
                printer.value(&withdrawn);
                return Ok(());
            }
            let count = withdrawn.as_array().map_or(0, Vec::len);
            printer.line(format!("Withdrew {count} endorsement(s) of {did}."));
        }
        EndorsementCommand::List { did } => {
            let query: Vec<(&str, String)> = did.into_iter().map(|d| ("institution", d)).collect();
            let list = client.get("/v1/endorsements", &query).await?;
            if printer.json {
                printer.value(&list);
                return Ok(());
            }
            let rows: Vec<Vec<String>> = ["given", "received"]
                .iter()
                .flat_map(|direction| list[direction].as_array().cloned().unwrap_or_default())
                .map(|e| {
                    let who = |name: &str, did: &str| {
                        e[name].as_str().map_or_else(|| short_did(&text(&e[did])), str::to_owned)
                    };
                    vec![
                        text(&e["direction"]),
                        who("endorser_name", "endorser"),
                        text(&e["role"]),
                        who("subject_name", "subject"),
                        text(&e["network_name"]),
                        match (e["until"].as_str(), e["expired"].as_bool()) {
                            (Some(until), Some(true)) => format!("{until} (expired)"),
                            (Some(until), _) => until.to_owned(),
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

/// Unix seconds as `2026-11-01 12:00 UTC`.
fn unix_time(value: &Value) -> String {
    value
        .as_i64()
        .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
        .map_or_else(|| text(value), |t| t.format("%Y-%m-%d %H:%M UTC").to_string())
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
            let keys = client.get("/v1/keys", &[]).await?;
            if printer.json {
                printer.value(&keys);
                return Ok(());
            }
            printer.line(format!("Current key  {}", text(&keys["current"])));
            if !keys["revoked"].is_null() {
                printer.line(format!(
                    "REVOKED from {} by {}",
                    text(&keys["revoked"]["since"]),
                    text(&keys["revoked"]["by"])
                ));
            }
            for old in keys["previous"].as_array().into_iter().flatten() {
                printer.line(format!("Rotated from {} at {}", text(&old["key"]), unix_time(&old["rotated_at"])));
            }
        }
        KeyCommand::Rotate => {
            let rotated = client.send(Method::POST, "/v1/keys/rotate", None).await?;
            if printer.json {
                printer.value(&rotated);
                return Ok(());
            }
            printer.line(format!("The institution now signs with {}.", text(&rotated["new"])));
            printer.line(format!(
                "{} record(s) were signed again with it; the old key {} is kept in retired-keys/ so it can still be revoked.",
                text(&rotated["carried"]),
                text(&rotated["old"])
            ));
        }
        KeyCommand::Revoke { did, reason, since, yes } => {
            let own = client.get("/v1/keys", &[]).await?;
            let current = text(&own["current"]);
            if did.as_deref().is_none_or(|d| d == current) && !yes {
                return Err(Failure::user(
                    "this revokes the key the institution signs with now: nothing it publishes afterwards is \
                     accepted, and this cannot be undone. To replace a key, use `vetnet key rotate` (and then \
                     revoke the old key if it leaked). Add --yes to revoke the current key anyway.",
                ));
            }
            let since = since.as_deref().map(since_param).transpose()?;
            let body = json!({ "key": did, "reason": reason, "since": since });
            let published = client.send(Method::POST, "/v1/keys/revoke", Some(&body)).await?;
            if printer.json {
                printer.value(&published);
                return Ok(());
            }
            printer.line(format!(
                "Revoked {}: records it signed from {} on are refused by every node.",
                text(&published["key"]),
                unix_time(&published["since"])
            ));
        }
    }
    Ok(())
}
