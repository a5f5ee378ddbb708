//! `vetnet init`: create the data directory offline, before the first run.

use serde_json::Value;
use vetnet_node::{Config, DataDir};
use vetnet_protocol::profile::ProfileBody;

use crate::args::InitArgs;
use crate::commands::profile::apply_profile_fields;
use crate::failure::Failure;
use crate::printer::Printer;

pub fn run(data_dir: &DataDir, args: InitArgs, printer: Printer) -> anyhow::Result<()> {
    let config = Config::for_network(&args.network);
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
        printer.line("Start the node with: vetnet node run");
    }
    Ok(())
}
