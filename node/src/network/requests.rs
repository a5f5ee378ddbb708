//! Request-response: catch-up sync (`/vetnet/sync/1`) and direct messages
//! between two nodes (`/vetnet/<net>/direct/1`, a mobility step as request
//! and its receipt as response). Requests from peers go to the node as
//! [`NetworkEvent`]s; answers to this node's requests go back to the
//! waiting client through their oneshot.

use std::time::Instant;

use libp2p::PeerId;
use libp2p::request_response;
use vetnet_protocol::sync::{SyncRequest, SyncResponse};

use super::event_loop::EventLoop;
use super::{NetworkError, NetworkEvent};

/// The direct-message penalty that bans a peer: ten malformed or forged
/// steps, or about fifty over the rate (each halves within a minute).
const DIRECT_BAN_PENALTY: f64 = 50.0;
/// What one malformed or forged direct message adds to the penalty.
const DIRECT_GARBAGE_PENALTY: f64 = 5.0;

impl EventLoop {
    /// `peer` sent a direct message no honest node sends: it counts towards a ban.
    pub(super) fn punish_direct(&mut self, peer: PeerId) {
        let penalty = self.direct_limit.punish(peer, DIRECT_GARBAGE_PENALTY, Instant::now());
        tracing::info!(%peer, penalty, "peer sent a malformed or forged direct message");
        if penalty >= DIRECT_BAN_PENALTY {
            self.ban(peer, -penalty);
        }
    }

    pub(super) fn on_sync_event(&mut self, event: request_response::Event<SyncRequest, SyncResponse>) {
        match event {
            request_response::Event::Message { peer, message, .. } => match message {
                request_response::Message::Request { request, channel, .. } => {
                    let event = NetworkEvent::SyncRequest { peer, request, channel };
                    if self.events.try_send(event).is_err() {
                        // Dropping the channel tells the peer the request failed; it retries later.
                        tracing::warn!(%peer, "node busy; a sync request was dropped");
                    }
                }
                request_response::Message::Response { request_id, response } => {
                    if let Some(reply) = self.pending_sync.remove(&request_id) {
                        let _ = reply.send(Ok(response));
                    }
                }
            },
            request_response::Event::OutboundFailure { request_id, error, peer, .. } => {
                if let Some(reply) = self.pending_sync.remove(&request_id) {
                    let error = match error {
                        request_response::OutboundFailure::UnsupportedProtocols => NetworkError::UnsupportedProtocol,
                        other => NetworkError::Sync(other.to_string()),
                    };
                    let _ = reply.send(Err(error));
                }
                tracing::debug!(%peer, "sync request failed");
            }
            request_response::Event::InboundFailure { peer, error, .. } => {
                // Undecodable or oversized requests are garbage: drop the peer.
                if let request_response::InboundFailure::Io(e) = &error
                    && e.kind() == std::io::ErrorKind::InvalidData
                {
                    tracing::warn!(%peer, error = %e, "peer sent an invalid sync request; disconnecting");
                    let _ = self.swarm.disconnect_peer_id(peer);
                } else {
                    tracing::debug!(%peer, %error, "inbound sync request failed");
                }
            }
            request_response::Event::ResponseSent { .. } => {}
        }
    }

    pub(super) fn on_direct_event(&mut self, event: request_response::Event<Vec<u8>, Vec<u8>>) {
        match event {
            request_response::Event::Message { peer, message, .. } => match message {
                request_response::Message::Request { request, channel, .. } => {
                    let now = Instant::now();
                    if !self.direct_limit.allow(peer, now) {
                        // Dropping the channel fails the request; the sender's outbox retries later.
                        let penalty = self.direct_limit.penalty(&peer, now);
                        tracing::debug!(%peer, penalty, "a direct message over the peer's rate was dropped");
                        self.metrics.count_rate_limited(crate::metrics::RateLimit::PeerDirect);
                        if penalty >= DIRECT_BAN_PENALTY {
                            self.ban(peer, -penalty);
                        }
                        return;
                    }
                    let event = NetworkEvent::DirectMessage { peer, bytes: request, channel };
                    if self.events.try_send(event).is_err() {
                        // Dropping the channel fails the request; the sender's outbox retries.
                        tracing::warn!(%peer, "node busy; a direct message was dropped");
                    }
                }
                request_response::Message::Response { request_id, response } => {
                    if let Some(reply) = self.pending_direct.remove(&request_id) {
                        let _ = reply.send(Ok(response));
                    }
                }
            },
            request_response::Event::OutboundFailure { request_id, error, peer, .. } => {
                if let Some(reply) = self.pending_direct.remove(&request_id) {
                    let _ = reply.send(Err(NetworkError::Direct(error.to_string())));
                }
                tracing::debug!(%peer, %error, "direct message failed");
            }
            request_response::Event::InboundFailure { peer, error, .. } => {
                if let request_response::InboundFailure::Io(e) = &error
                    && e.kind() == std::io::ErrorKind::InvalidData
                {
                    tracing::warn!(%peer, error = %e, "peer sent an oversized direct message; disconnecting");
                    let _ = self.swarm.disconnect_peer_id(peer);
                } else {
                    tracing::debug!(%peer, %error, "inbound direct message failed");
                }
            }
            request_response::Event::ResponseSent { .. } => {}
        }
    }
}
