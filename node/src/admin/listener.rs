//! The admin listener: hyper's HTTP/1 server in an accept loop, with the
//! limits `axum::serve` has no knobs for.
//!
//! - At most [`AdminLimits::max_connections`] connections are served at
//!   once. When all are taken the loop stops accepting: further clients
//!   wait in the kernel's listen backlog (their connect succeeds, their
//!   request waits) and are served, in order, as soon as a connection
//!   closes. Nobody is refused; a flood only delays.
//! - A connection must send a request's whole header within
//!   [`AdminLimits::header_timeout`], counted from the moment the server
//!   starts to wait for it (a new connection, or the next request of a
//!   kept-alive one). So an idle or slowloris connection holds its slot for
//!   at most that long, and a flood of them delays a real request by at
//!   most about that long.
//! - The body has its deadline in `request_limits`.
//!
//! On shutdown the loop stops accepting, every connection finishes the
//! request it is serving (idle ones close at once), and connections still
//! open after [`SHUTDOWN_GRACE`] are dropped.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;

/// How long shutdown waits for open connections to finish their requests.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// How long the loop rests after a failed `accept` (out of file
/// descriptors, say) before it tries again, so it does not spin.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// The limits of the admin address.
#[derive(Debug, Clone)]
pub struct AdminLimits {
    /// Connections served at once. The admin address has one admin, the
    /// CLI and a browser (which opens about six): 64 leaves ample room and
    /// bounds the memory a local attacker can make the node hold.
    pub max_connections: usize,
    /// Time to send a request's whole header (the slowloris defence).
    pub header_timeout: Duration,
    /// Time to send a request's whole body, once the header is in.
    pub body_timeout: Duration,
}

impl Default for AdminLimits {
    fn default() -> Self {
        Self { max_connections: 64, header_timeout: Duration::from_secs(10), body_timeout: Duration::from_secs(10) }
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown` changes
/// (or its sender is dropped).
pub async fn serve_router(
    listener: TcpListener,
    router: Router,
    limits: AdminLimits,
    mut shutdown: watch::Receiver<bool>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (closing_tx, closing) = watch::channel(false);
    let mut connections = JoinSet::new();
    loop {
        // A free slot first, then accept: over the cap, clients wait in the backlog.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            _ = shutdown.changed() => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(e) => {
                    tracing::warn!(error = %e, "the admin address cannot accept a connection");
                    tokio::time::sleep(ACCEPT_RETRY).await;
                    continue;
                }
            },
            _ = shutdown.changed() => break,
        };
        connections.spawn(serve_connection(stream, router.clone(), limits.header_timeout, closing.clone(), slot));
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = closing_tx.send(true);
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async { while connections.join_next().await.is_some() {} });
    if drained.await.is_err() {
        tracing::warn!(open = connections.len(), "admin connections still open at shutdown are dropped");
        connections.abort_all();
    }
}

/// Serves one connection, holding its `slot` until it closes.
async fn serve_connection(
    stream: TcpStream,
    router: Router,
    header_timeout: Duration,
    mut closing: watch::Receiver<bool>,
    slot: OwnedSemaphorePermit,
) {
    let service = TowerToHyperService::new(router);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(header_timeout);
    let connection = http.serve_connection(TokioIo::new(stream), service);
    let mut connection = std::pin::pin!(connection);
    let result = tokio::select! {
        result = connection.as_mut() => result,
        _ = closing.changed() => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(e) = result {
        // A client that went away or timed out: not the node's problem.
        tracing::debug!(error = %e, "admin connection closed");
    }
    drop(slot);
}
