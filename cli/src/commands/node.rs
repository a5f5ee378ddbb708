//! `vetnet node run`: the node in the foreground until Ctrl-C or SIGTERM.

use tokio::signal::unix::{Signal, SignalKind, signal};
use vetnet_node::{Config, DataDir, NetworkTiming, Node, NodeOptions};

use crate::args::RunArgs;
use crate::failure::Failure;
use crate::printer::Printer;

pub async fn run(data_dir: DataDir, args: RunArgs, printer: Printer) -> anyhow::Result<()> {
    // Catch the stop signals before the node starts and says it is ready: a
    // SIGTERM just after startup must stop it cleanly, not kill it with its
    // runtime file left behind.
    let stop = StopSignals::install()?;
    let mut config = Config::load(&data_dir)?;
    if !args.listen.is_empty() {
        config.listen = args.listen;
    }
    if let Some(api) = args.api {
        config.api = api;
    }
    config.bootstrap.extend(args.bootstrap);
    config.external.extend(args.external);
    config.mdns |= args.mdns;
    config.relay_server |= args.relay_server;
    let node = Node::start(NodeOptions { data_dir, config, timing: NetworkTiming::default() }).await?;
    let info = node.info().clone();
    let has_profile = node.publisher().profile()?.is_some();
    if printer.json {
        printer.value(&serde_json::json!({
            "peer_id": info.peer_id.to_string(),
            "listen_addrs": info.listen_addrs.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "api": info.api_addr.to_string(),
            "institution": info.institution.to_did(),
            "network": info.network,
        }));
    } else {
        printer.line(format!("vetnet node running (network {}). Press Ctrl-C to stop.", info.network));
        printer.line(format!("Institution  {}", info.institution));
        printer.line(format!("Peer id      {}", info.peer_id));
        for addr in &info.listen_addrs {
            printer.line(format!("Listening    {addr}"));
        }
        printer.line(format!("Admin API    http://{}", info.api_addr));
        if !has_profile {
            printer.line(
                "This institution has no profile yet, so others cannot see who you are. Set one with:\n  vetnet profile set --name NAME --country CC --kind vet-provider",
            );
        }
    }
    stop.wait().await;
    node.shutdown().await;
    Ok(())
}

/// Ctrl-C (SIGINT) and SIGTERM, caught from the moment they are installed.
struct StopSignals {
    interrupt: Signal,
    terminate: Signal,
}

impl StopSignals {
    fn install() -> anyhow::Result<Self> {
        let listen = |kind| signal(kind).map_err(|e| Failure::internal(format!("cannot listen for stop signals: {e}")));
        Ok(Self { interrupt: listen(SignalKind::interrupt())?, terminate: listen(SignalKind::terminate())? })
    }

    async fn wait(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
        tracing::info!("stopping");
    }
}
