//! Gossip on the records topic: records out ([`EventLoop::publish`]),
//! messages in (the per-peer rate is checked before a message reaches the
//! ingest queue), and the node's verdict on each message back to gossipsub.

use std::time::Instant;

use libp2p::PeerId;
use libp2p::gossipsub::{self, MessageAcceptance, MessageId, PublishError};
use tokio::sync::mpsc;

use super::event_loop::EventLoop;
use super::{NetworkError, NetworkEvent, PublishOutcome, Verdict};
use crate::metrics::RateLimit;

impl EventLoop {
    /// Gossips record bytes the node has validated and stored.
    pub(super) fn publish(&mut self, bytes: Vec<u8>) -> Result<PublishOutcome, NetworkError> {
        match self.swarm.behaviour_mut().gossipsub.publish(self.topic.clone(), bytes) {
            Ok(_) => Ok(PublishOutcome::Sent),
            Err(PublishError::Duplicate) => Ok(PublishOutcome::AlreadySent),
            Err(PublishError::NoPeersSubscribedToTopic | PublishError::AllQueuesFull(_)) => Ok(PublishOutcome::NoPeers),
            Err(e) => Err(NetworkError::Publish(e.to_string())),
        }
    }

    /// Tells gossipsub whether to forward a message; a rejected one may take
    /// its sender below the graylist threshold, and so to a ban.
    pub(super) fn report_validation(&mut self, message_id: &MessageId, source: PeerId, verdict: Verdict) {
        let acceptance = match verdict {
            Verdict::Accept => MessageAcceptance::Accept,
            Verdict::Ignore => MessageAcceptance::Ignore,
            Verdict::Reject => MessageAcceptance::Reject,
        };
        let gossipsub = &mut self.swarm.behaviour_mut().gossipsub;
        if !gossipsub.report_message_validation_result(message_id, &source, acceptance) {
            tracing::debug!(%message_id, "validated too late; the message left the cache");
        }
        if verdict == Verdict::Reject {
            self.ban_if_graylisted(source);
        }
    }

    pub(super) fn on_gossip_event(&mut self, event: gossipsub::Event) {
        match event {
            gossipsub::Event::Message { propagation_source, message_id, message } => {
                if !self.message_limit.allow(propagation_source, Instant::now()) {
                    self.drop_over_rate(propagation_source, &message_id);
                    return;
                }
                let event = NetworkEvent::Record {
                    message_id: message_id.clone(),
                    source: propagation_source,
                    bytes: message.data,
                };
                if let Err(mpsc::error::TrySendError::Full(_)) = self.events.try_send(event) {
                    tracing::warn!("validation queue full; ignoring a gossip message (sync will fetch it later)");
                    self.metrics.count_rate_limited(RateLimit::ValidationQueue);
                    self.swarm.behaviour_mut().gossipsub.report_message_validation_result(
                        &message_id,
                        &propagation_source,
                        MessageAcceptance::Ignore,
                    );
                }
            }
            gossipsub::Event::Subscribed { peer_id, topic } if topic == self.topic.hash() => {
                let _ = self.events.try_send(NetworkEvent::PeerSubscribed { peer: peer_id });
            }
            gossipsub::Event::GossipsubNotSupported { peer_id } => {
                tracing::debug!(%peer_id, "peer does not speak gossipsub");
            }
            _ => {}
        }
    }

    /// A gossip message over its sender's rate: not forwarded, and ignored
    /// rather than rejected, because gossipsub penalises every peer that
    /// delivered a rejected message and honest peers may have forwarded the
    /// same (valid) record. The sender alone pays, through its application
    /// score. The record is not lost: sync fetches it later.
    fn drop_over_rate(&mut self, peer: PeerId, message_id: &MessageId) {
        let now = Instant::now();
        let penalty = self.message_limit.penalty(&peer, now);
        self.metrics.count_rate_limited(RateLimit::PeerGossip);
        let gossipsub = &mut self.swarm.behaviour_mut().gossipsub;
        gossipsub.report_message_validation_result(message_id, &peer, MessageAcceptance::Ignore);
        gossipsub.set_application_score(&peer, -penalty);
        tracing::debug!(%peer, penalty, "a gossip message over the peer's rate was dropped");
        self.ban_if_graylisted(peer);
    }
}
