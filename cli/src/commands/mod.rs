//! One module per command area. Each turns parsed arguments into calls on the
//! node (directly for `init` and `node run`, else through the admin API) and
//! prints the result.

mod achievement;
mod credential;
mod init;
mod matching;
mod mobility;
mod need;
mod node;
mod offer;
mod open;
mod own;
mod profile;
mod search;
mod status;
mod sync;
pub(crate) mod trust;

use vetnet_node::DataDir;

use crate::args::{Cli, Command};
use crate::client::ApiClient;
use crate::printer::Printer;

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let printer = Printer { json: cli.json };
    let data_dir = DataDir::resolve(cli.data_dir)?;
    match cli.command {
        Command::Init(args) => init::run(&data_dir, args, printer),
        Command::Node(crate::args::NodeCommand::Run(args)) => node::run(data_dir, args, printer).await,
        Command::Status => status::status(&ApiClient::connect(&data_dir)?, printer).await,
        Command::Peers => status::peers(&ApiClient::connect(&data_dir)?, printer).await,
        Command::Profile(command) => profile::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Offer(command) => offer::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Need(command) => need::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Achievement(command) => achievement::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Delegation(command) => {
            achievement::run_delegation(&ApiClient::connect(&data_dir)?, command, printer).await
        }
        Command::Credential(command) => credential::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Match(args) => matching::run(&ApiClient::connect(&data_dir)?, args, printer).await,
        Command::Search(command) => search::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Trust(command) => trust::run_trust(&data_dir, command, printer).await,
        Command::Endorsement(command) => {
            trust::run_endorsement(&ApiClient::connect(&data_dir)?, command, printer).await
        }
        Command::Key(command) => trust::run_key(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Mobility(command) => mobility::run(&data_dir, command, printer).await,
        Command::Open(args) => open::run(&ApiClient::connect(&data_dir)?, args, printer).await,
        Command::Sync { peer } => sync::run(&ApiClient::connect(&data_dir)?, peer, printer).await,
    }
}

/// Text from a JSON value, or "" (for table cells).
pub(crate) fn text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The best text of a language-tagged map (English first, else any).
pub(crate) fn lang_text(value: &serde_json::Value) -> String {
    value.get("en").or_else(|| value.as_object().and_then(|m| m.values().next())).map(text).unwrap_or_default()
}

/// A did:key shortened for tables: `did:key:z6Mk…abcd`.
pub(crate) fn short_did(did: &str) -> String {
    if did.len() > 24 { format!("{}…{}", &did[..16], &did[did.len() - 4..]) } else { did.to_owned() }
}
