//! A probe: a libp2p swarm of its own (TCP, Noise, yamux, gossipsub with the
//! spec's topic and message id, identify, ping, and the sync client)
//! connected to the node under test, run in one task. Commands carry
//! oneshot reply senders; gossip messages the probe receives come out as
//! their record hashes.

use std::collections::HashMap;
use std::time::Duration;

use futures::StreamExt;
use libp2p::gossipsub::{self, IdentTopic, MessageId, PublishError};
use libp2p::request_response::{self, OutboundRequestId, ProtocolSupport};
use libp2p::swarm::{NetworkBehaviour, SwarmEvent};
use libp2p::{Multiaddr, PeerId, StreamProtocol, Swarm, identify, noise, ping, tcp, yamux};
use sha2::{Digest, Sha256};
use tokio::sync::{mpsc, oneshot};
use vetnet_protocol::sync::{SYNC_PROTOCOL, SyncRequest, SyncResponse};

use super::codec::SyncClientCodec;

/// A record hash.
pub type Hash = [u8; 32];

/// The behaviours of a probe.
#[derive(NetworkBehaviour)]
struct ProbeBehaviour {
    gossipsub: gossipsub::Behaviour,
    identify: identify::Behaviour,
    ping: ping::Behaviour,
    sync: request_response::Behaviour<SyncClientCodec>,
}

/// Why a probe could not do what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    /// The swarm could not be built.
    #[error("the probe's swarm cannot be built: {0}")]
    Build(String),
    /// The node was not reached, or did not subscribe to the topic, in time.
    #[error("{0}")]
    Connect(String),
    /// The probe's task ended.
    #[error("the probe stopped")]
    Stopped,
    /// Gossipsub would not publish.
    #[error("gossipsub refused to publish: {0}")]
    Publish(String),
    /// A sync request failed or was refused.
    #[error("sync: {0}")]
    Sync(String),
}

/// Where the answer to a fetch goes.
type FetchReply = oneshot::Sender<Result<Vec<Vec<u8>>, ProbeError>>;

enum Command {
    Publish(Vec<u8>, oneshot::Sender<Result<(), ProbeError>>),
    Fetch(Vec<Hash>, FetchReply),
}

/// A connected probe. Dropping it stops its task and closes its connection.
pub struct Probe {
    commands: mpsc::Sender<Command>,
    /// Hashes of the gossip messages this probe received, in order.
    pub messages: mpsc::Receiver<Hash>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Probe {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn build_swarm(topic: &IdentTopic) -> Result<Swarm<ProbeBehaviour>, ProbeError> {
    let err = |e: &dyn std::fmt::Display| ProbeError::Build(e.to_string());
    let gossip_config = gossipsub::ConfigBuilder::default()
        .validation_mode(gossipsub::ValidationMode::Anonymous)
        .message_id_fn(|m: &gossipsub::Message| MessageId::from(Sha256::digest(&m.data).to_vec()))
        .max_transmit_size(vetnet_protocol::limits::MAX_GOSSIP_MESSAGE_BYTES)
        .heartbeat_initial_delay(Duration::from_millis(100))
        .flood_publish(true)
        .build()
        .map_err(|e| err(&e))?;
    let mut swarm = libp2p::SwarmBuilder::with_new_identity()
        .with_tokio()
        .with_tcp(tcp::Config::default().nodelay(true), noise::Config::new, yamux::Config::default)
        .map_err(|e| err(&e))?
        .with_behaviour(|key| {
            let gossipsub = gossipsub::Behaviour::new(gossipsub::MessageAuthenticity::Anonymous, gossip_config)?;
            Ok(ProbeBehaviour {
                gossipsub,
                identify: identify::Behaviour::new(
                    identify::Config::new("/vetnet/1.0.0".into(), key.public())
                        .with_agent_version(format!("vetnet-conformance/{}", env!("CARGO_PKG_VERSION"))),
                ),
                ping: ping::Behaviour::default(),
                // Outbound only: the probe asks, and serves nothing, so the
                // node cannot fetch the cases from it.
                sync: request_response::Behaviour::with_codec(
                    SyncClientCodec,
                    [(StreamProtocol::new(SYNC_PROTOCOL), ProtocolSupport::Outbound)],
                    request_response::Config::default().with_request_timeout(Duration::from_secs(20)),
                ),
            })
        })
        .map_err(|e| err(&e))?
        .with_swarm_config(|c| c.with_idle_connection_timeout(Duration::from_secs(300)))
        .build();
    swarm.behaviour_mut().gossipsub.subscribe(topic).map_err(|e| err(&e))?;
    Ok(swarm)
}

impl Probe {
    /// A probe with a fresh identity, connected to the node at `addr`; ready
    /// once the node is subscribed to the records topic of `network`.
    pub async fn connect(addr: &Multiaddr, network: &str, timeout: Duration) -> Result<Self, ProbeError> {
        let topic = IdentTopic::new(vetnet_protocol::records_topic(network));
        let mut swarm = build_swarm(&topic)?;
        swarm.dial(addr.clone()).map_err(|e| ProbeError::Connect(format!("cannot dial {addr}: {e}")))?;
        let node = tokio::time::timeout(timeout, wait_subscribed(&mut swarm, &topic)).await.map_err(|_| {
            ProbeError::Connect(format!("{addr} did not connect and subscribe to {} within {timeout:?}", topic.hash()))
        })??;
        let (commands, command_rx) = mpsc::channel(16);
        let (message_tx, messages) = mpsc::channel(1024);
        let task = tokio::spawn(run(swarm, node, topic, command_rx, message_tx));
        Ok(Self { commands, messages, task })
    }

    /// Publishes record bytes on the topic (an already-sent message counts
    /// as published).
    pub async fn publish(&self, bytes: Vec<u8>) -> Result<(), ProbeError> {
        let (reply, answer) = oneshot::channel();
        self.commands.send(Command::Publish(bytes, reply)).await.map_err(|_| ProbeError::Stopped)?;
        answer.await.map_err(|_| ProbeError::Stopped)?
    }

    /// Fetches records by hash over `/vetnet/sync/1`.
    pub async fn fetch(&self, ids: Vec<Hash>) -> Result<Vec<Vec<u8>>, ProbeError> {
        let (reply, answer) = oneshot::channel();
        self.commands.send(Command::Fetch(ids, reply)).await.map_err(|_| ProbeError::Stopped)?;
        answer.await.map_err(|_| ProbeError::Stopped)?
    }
}

/// Drives the swarm until a peer is connected and subscribed to `topic`.
async fn wait_subscribed(swarm: &mut Swarm<ProbeBehaviour>, topic: &IdentTopic) -> Result<PeerId, ProbeError> {
    loop {
        match swarm.select_next_some().await {
            SwarmEvent::Behaviour(ProbeBehaviourEvent::Gossipsub(gossipsub::Event::Subscribed {
                peer_id,
                topic: t,
            })) if t == topic.hash() => {
                return Ok(peer_id);
            }
            SwarmEvent::OutgoingConnectionError { error, .. } => {
                return Err(ProbeError::Connect(format!("the connection failed: {error}")));
            }
            _ => {}
        }
    }
}

async fn run(
    mut swarm: Swarm<ProbeBehaviour>,
    node: PeerId,
    topic: IdentTopic,
    mut commands: mpsc::Receiver<Command>,
    messages: mpsc::Sender<Hash>,
) {
    let mut pending: HashMap<OutboundRequestId, FetchReply> = HashMap::new();
    loop {
        tokio::select! {
            command = commands.recv() => match command {
                None => return,
                Some(Command::Publish(bytes, reply)) => {
                    let result = match swarm.behaviour_mut().gossipsub.publish(topic.clone(), bytes) {
                        Ok(_) | Err(PublishError::Duplicate) => Ok(()),
                        Err(e) => Err(ProbeError::Publish(e.to_string())),
                    };
                    let _ = reply.send(result);
                }
                Some(Command::Fetch(ids, reply)) => {
                    let ids = ids.into_iter().map(|id| serde_bytes::ByteBuf::from(id.to_vec())).collect();
                    let id = swarm.behaviour_mut().sync.send_request(&node, SyncRequest::Fetch { ids });
                    pending.insert(id, reply);
                }
            },
            event = swarm.select_next_some() => match event {
                SwarmEvent::Behaviour(ProbeBehaviourEvent::Gossipsub(gossipsub::Event::Message { message, .. })) => {
                    // The session drains the channel while it waits; it
                    // holds more hashes than one check sends (a case and a
                    // marker), so it is never full while a check runs.
                    let _ = messages.try_send(Sha256::digest(&message.data).into());
                }
                SwarmEvent::Behaviour(ProbeBehaviourEvent::Sync(request_response::Event::Message {
                    message: request_response::Message::Response { request_id, response },
                    ..
                })) => {
                    if let Some(reply) = pending.remove(&request_id) {
                        let _ = reply.send(match response {
                            SyncResponse::Records { records } => Ok(records.into_iter().map(|r| r.into_vec()).collect()),
                            SyncResponse::Refused { reason } => Err(ProbeError::Sync(format!("refused: {reason}"))),
                            SyncResponse::Reconcile { .. } => Err(ProbeError::Sync("a reconcile answer to a fetch".into())),
                        });
                    }
                }
                SwarmEvent::Behaviour(ProbeBehaviourEvent::Sync(request_response::Event::OutboundFailure {
                    request_id, error, ..
                })) => {
                    if let Some(reply) = pending.remove(&request_id) {
                        let _ = reply.send(Err(ProbeError::Sync(error.to_string())));
                    }
                }
                _ => {}
            },
        }
    }
}
