//! `vetnet init`: create the data directory offline, before the first run.

use serde_json::Value;
use vetnet_node::{Config, DataDir};
use vetnet_protocol::profile::ProfileBody;

use crate::args::InitArgs;
use crate::commands::profile::apply_profile_fields;
use crate::failure::Failure;
use crate::printer::Printer;

pub fn run(data_dir: &DataDir, args: InitArgs, printer: Printer) -> anyhow::Result<()> {
    let config = settings(data_dir, args.network)?;
    let mut fields = serde_json::Map::new();
    let profile = &args.profile;
    apply_profile_fields(
        &mut fields,
        Some(&profile.name),
        Some(&profile.country),
        Some(&profile.kind),
        &profile.optional,
    )?;
    let profile: ProfileBody =
        serde_json::from_value(Value::Object(fields)).map_err(|e| Failure::user(format!("invalid profile: {e}")))?;
    let institution = vetnet_node::initialize(data_dir, &config, &profile)?;
    if printer.json {
        printer.value(&serde_json::json!({
            "data_dir": data_dir.root().display().to_string(),
            "institution": institution.to_did(),
            "network": config.network,
        }));
    } else {
        printer.line(format!("Initialised {}", data_dir.root().display()));
        printer.line(format!("Institution  {institution}"));
        printer.line(format!("Network      {}", config.network));
        if data_dir.settings_are_external() {
            printer.line(format!("Settings     {} (unchanged)", data_dir.config_path().display()));
            printer.line("Start the service with: systemctl enable --now vetnet");
        } else {
            printer.line("Start the node with: vetnet node run");
        }
    }
    Ok(())
}

/// The settings `init` writes: the defaults with `network`. An external
/// settings file (the packaged service's `/etc/vetnet/config.toml`) is the
/// operator's: it is read, never written, and must name the same network.
fn settings(data_dir: &DataDir, network: Option<String>) -> anyhow::Result<Config> {
    if !data_dir.settings_are_external() {
        let network = network.unwrap_or_else(|| vetnet_protocol::DEFAULT_NETWORK.to_owned());
        return Ok(Config::for_network(&network));
    }
    let config = Config::load(data_dir)?;
    match network {
        Some(network) if network != config.network => Err(Failure::user(format!(
            "--network {network}: the settings file {} names the network {:?}; set `network = {network:?}` there as root first, or leave out --network",
            data_dir.config_path().display(),
            config.network
        ))),
        _ => Ok(config),
    }
}
