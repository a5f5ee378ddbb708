//! `vetnet peers add|remove|list`: the bootstrap list. It is a setting:
//! with the node running it changes through the node's API (which saves
//! `config.toml` and dials an added address at once); without it, in
//! `config.toml` directly, for the next start.

use vetnet_node::DataDir;
use vetnet_node::config::{Config, bootstrap_address};
use vetnet_views::{BootstrapInput, BootstrapListView};

use crate::args::PeersCommand;
use crate::client::ApiClient;
use crate::failure::Failure;
use crate::printer::Printer;

fn multiaddr(text: &str) -> anyhow::Result<String> {
    bootstrap_address(text).map_err(|rule| Failure::user(format!("address: {rule}")))
}

/// Whether `held` (an entry of the list) is `addr` (canonical).
fn same(held: &str, addr: &str) -> bool {
    bootstrap_address(held).is_ok_and(|held| held == addr)
}

pub async fn run(dir: &DataDir, command: PeersCommand, printer: Printer) -> anyhow::Result<()> {
    let running = dir.node_is_running();
    let list = match command {
        PeersCommand::Add { address } => {
            let addr = multiaddr(&address)?;
            let list = if running {
                let body = BootstrapInput { address: addr.clone() };
                ApiClient::connect(dir)?.post("/v1/peers/bootstrap", &body).await?
            } else {
                change_config(dir, |list| {
                    if !list.iter().any(|a| same(a, &addr)) {
                        list.push(addr.clone());
                    }
                    Ok(())
                })?
            };
            let when = if running { "dialled now and kept connected" } else { "dialled when the node starts" };
            printer.line(format!("{addr} is on the bootstrap list ({when})."));
            list
        }
        PeersCommand::Remove { address } => {
            let addr = multiaddr(&address)?;
            let list = if running {
                let query = [("address", addr.clone())];
                ApiClient::connect(dir)?.delete_with_query("/v1/peers/bootstrap", &query).await?
            } else {
                change_config(dir, |list| {
                    let before = list.len();
                    list.retain(|a| !same(a, &addr));
                    if list.len() == before {
                        return Err(Failure::user(format!(
                            "{addr} is not on the bootstrap list; `vetnet peers list` shows it"
                        )));
                    }
                    Ok(())
                })?
            };
            printer.line(format!("{addr} is no longer on the bootstrap list."));
            list
        }
        PeersCommand::List => {
            if running {
                ApiClient::connect(dir)?.get("/v1/peers/bootstrap", &[]).await?
            } else {
                BootstrapListView { addresses: Config::load(dir)?.bootstrap }
            }
        }
    };
    print_list(&list, printer);
    Ok(())
}

fn print_list(list: &BootstrapListView, printer: Printer) {
    if printer.json {
        printer.value(list);
    } else if list.addresses.is_empty() {
        printer.line("The bootstrap list is empty. Add a network's address with `vetnet peers add MULTIADDR`.");
    } else {
        let rows: Vec<Vec<String>> = list.addresses.iter().map(|a| vec![a.clone()]).collect();
        printer.table(&["BOOTSTRAP ADDRESS"], &rows);
    }
}

fn change_config(
    dir: &DataDir,
    change: impl FnOnce(&mut Vec<String>) -> anyhow::Result<()>,
) -> anyhow::Result<BootstrapListView> {
    let mut config = Config::load(dir)?;
    change(&mut config.bootstrap)?;
    config.check().map_err(Failure::user)?;
    config.save(dir)?;
    Ok(BootstrapListView { addresses: config.bootstrap })
}
