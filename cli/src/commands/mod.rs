//! One module per command area. Each turns parsed arguments into calls on the
//! node (directly for `init` and `node run`, else through the admin API) and
//! prints the result.

mod achievement;
mod backup;
mod credential;
mod event;
mod init;
mod matching;
mod mobility;
mod need;
mod networks;
mod node;
mod offer;
mod open;
mod own;
mod peers;
mod profile;
mod region;
mod repair;
mod resource;
mod search;
mod skills_need;
mod status;
mod sync;
pub(crate) mod trust;

use vetnet_node::DataDir;
use vetnet_views::LangText;

use crate::args::{Cli, Command};
use crate::client::ApiClient;
use crate::printer::Printer;

/// Runs the command on `data_dir` (found by `layout::resolve`).
pub async fn run(cli: Cli, data_dir: DataDir) -> anyhow::Result<()> {
    let printer = Printer { json: cli.json };
    match cli.command {
        Command::Init(args) => init::run(&data_dir, args, printer),
        Command::Node(crate::args::NodeCommand::Run(args)) => node::run(data_dir, args, printer).await,
        Command::Status => status::status(&ApiClient::connect(&data_dir)?, printer).await,
        Command::Peers { command: None } => status::peers(&ApiClient::connect(&data_dir)?, printer).await,
        Command::Peers { command: Some(command) } => peers::run(&data_dir, command, printer).await,
        Command::Profile(command) => profile::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Offer(command) => offer::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Need(command) => need::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Achievement(command) => achievement::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Delegation(command) => {
            achievement::run_delegation(&ApiClient::connect(&data_dir)?, command, printer).await
        }
        Command::Event(command) => event::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Credential(command) => credential::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Match(args) => matching::run(&ApiClient::connect(&data_dir)?, args, printer).await,
        Command::SkillsNeed(command) => skills_need::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Resource(command) => resource::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Stats(command) => region::run_stats(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Region(args) => region::run_region(&ApiClient::connect(&data_dir)?, args, printer).await,
        Command::Search(command) => search::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Trust(command) => trust::run_trust(&data_dir, command, printer).await,
        Command::Endorsement(command) => {
            trust::run_endorsement(&ApiClient::connect(&data_dir)?, command, printer).await
        }
        Command::Key(command) => trust::run_key(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Mobility(command) => mobility::run(&data_dir, command, printer).await,
        Command::Network(command) => networks::run(&ApiClient::connect(&data_dir)?, command, printer).await,
        Command::Open(args) => open::run(&ApiClient::connect(&data_dir)?, args, printer).await,
        Command::Repair => repair::run(data_dir, printer).await,
        Command::Backup(args) => backup::backup(&data_dir, args, printer).await,
        Command::Restore(args) => backup::restore(data_dir, args, printer).await,
        Command::Sync { peer } => sync::run(&ApiClient::connect(&data_dir)?, peer, printer).await,
    }
}

/// The best text of a language-tagged text (English first, else any).
pub(crate) fn lang_text(text: &LangText) -> String {
    text.best(&[]).unwrap_or_default().to_owned()
}

/// An optional text, or "" (for table cells and detail lines).
pub(crate) fn opt<T: std::fmt::Display>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// A list joined with `separator`.
pub(crate) fn join<T: std::fmt::Display>(items: &[T], separator: &str) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(separator)
}

/// An institution's name, or its shortened did:key when this node knows no name.
pub(crate) fn name_or_did(name: &Option<String>, did: &str) -> String {
    name.clone().unwrap_or_else(|| short_did(did))
}

/// A did:key shortened for tables: `did:key:z6Mk…abcd`.
pub(crate) fn short_did(did: &str) -> String {
    if did.len() > 24 { format!("{}…{}", &did[..16], &did[did.len() - 4..]) } else { did.to_owned() }
}
