//! A running node: opens the data directory, the store and the network, and
//! runs the gossip ingest and the admin API until shut down. The binary and
//! the tests start nodes through this same code.

use std::net::SocketAddr;
use std::sync::Arc;

use libp2p::{Multiaddr, PeerId};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use vetnet_protocol::limits::MAX_NODES;
use vetnet_protocol::profile::{NodeAddress, ProfileBody};
use vetnet_protocol::{InstitutionId, ValidationContext};

use crate::api::ApiState;
use crate::clock::Clock;
use crate::config::{self, Config, ConfigError};
use crate::credentials::CredentialIssuer;
use crate::data_dir::{DataDir, DataDirError, NodeLock, RuntimeInfo};
use crate::info::{NodeInfo, node_address};
use crate::ingest::{self, IngestStats};
use crate::keys;
use crate::metrics::{NetworkMetrics, NodeMetrics};
use crate::mobility::{DirectCourier, Mobility};
use crate::network::{self, NetworkClient, NetworkConfig, NetworkError, NetworkTiming};
use crate::networks::Networks;
use crate::publish::{PublishError, Publisher};
use crate::rate_limit::AuthorRecordLimit;
use crate::store::{RecordStore, StoreError};
use crate::sync::{SyncService, SyncTiming};

#[derive(Debug, thiserror::Error)]
pub enum NodeError {
    #[error(transparent)]
    DataDir(#[from] DataDirError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("invalid setting: {0}")]
    Setting(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Network(#[from] NetworkError),
    #[error(transparent)]
    Publish(#[from] PublishError),
    #[error(transparent)]
    Mobility(#[from] crate::mobility::MobilityError),
    #[error(transparent)]
    Networks(#[from] crate::networks::NetworksError),
    #[error(transparent)]
    Upgrade(#[from] crate::upgrade::UpgradeError),
    #[error(
        "cannot listen for the admin API on {addr}: {source} (is another node using it? pass --api 127.0.0.1:0 to pick a free port)"
    )]
    ApiBind { addr: SocketAddr, source: std::io::Error },
    #[error("the data directory {0} is already initialised; change the profile with `vetnet profile set`")]
    AlreadyInitialized(std::path::PathBuf),
}

impl NodeError {
    /// Whether the record database was found damaged (the CLI gives this its
    /// own exit code).
    pub fn is_damaged_store(&self) -> bool {
        matches!(self, NodeError::Store(StoreError::Damaged { .. }))
    }
}

/// Everything needed to start a node.
pub struct NodeOptions {
    pub data_dir: DataDir,
    /// Settings after merging the config file and command-line flags.
    pub config: Config,
    pub timing: NetworkTiming,
}

pub struct Node {
    info: Arc<NodeInfo>,
    data_dir: DataDir,
    store: RecordStore,
    network: NetworkClient,
    publisher: Publisher,
    issuer: CredentialIssuer,
    mobility: Mobility,
    networks: Networks,
    /// Tasks answering direct messages (they hold the store).
    direct_tasks: tokio_util::task::TaskTracker,
    stats: Arc<IngestStats>,
    sync: SyncService,
    authors: Arc<AuthorRecordLimit>,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
    _lock: NodeLock,
}

fn parse_multiaddrs(setting: &str, values: &[String]) -> Result<Vec<Multiaddr>, NodeError> {
    values
        .iter()
        .map(|v| {
            v.parse::<Multiaddr>().map_err(|e| {
                NodeError::Setting(format!(
                    "{setting}: {v:?} is not a multiaddr ({e}); write it like /ip4/192.0.2.1/tcp/7301/p2p/12D3KooW..."
                ))
            })
        })
        .collect()
}

impl Node {
    /// Starts a node on `options.data_dir`, creating keys and token on first
    /// use. Returns once the node listens and its API answers. The rules
    /// read the system clock.
    pub async fn start(options: NodeOptions) -> Result<Node, NodeError> {
        Self::start_with_clock(options, Clock::system()).await
    }

    /// [`Node::start`] with the clock the node's rules read (tests pass a
    /// manual one); the node hands it to every service that reads the time.
    pub async fn start_with_clock(options: NodeOptions, clock: Clock) -> Result<Node, NodeError> {
        let NodeOptions { data_dir, config, timing } = options;
        let sync_timing = SyncTiming { interval: timing.sync_interval };
        config.check().map_err(NodeError::Setting)?;
        let lock = data_dir.lock()?;
        // The defaults are written down on first start; an external settings
        // file is the operator's and never written.
        if !data_dir.settings_are_external() && !data_dir.config_path().exists() {
            config.save(&data_dir)?;
        }
        let institution_key = keys::institution_key(&data_dir)?;
        let node_key = keys::node_key(&data_dir)?;
        let token = data_dir.api_token()?;
        let format = crate::upgrade::check_format(&data_dir)?;
        // The full check (reading and hashing every record) runs in the
        // background once the node started; damage it finds stops writes.
        let store =
            RecordStore::open_checking_later(&data_dir.db_path(), &config.network, config.cache_mb * 1024 * 1024)?;
        store.set_disk_reserve(config.disk_reserve_mb * 1024 * 1024);
        crate::upgrade::migrate(&data_dir, &store, format)?;
        let rotated_to = store.key_ledger().rotation(&institution_key.id()).map(|r| r.next);
        let institution_key = keys::finish_interrupted_rotation(&data_dir, institution_key, rotated_to)?;
        store.set_anchors(config.anchors().map_err(NodeError::Setting)?)?;
        let api_addr = config::api_addr(&config.api).map_err(NodeError::Setting)?;

        let known_peers = known_peers(&store)?;
        let (network, events, event_loop, metrics) = start_network(&config, node_key, known_peers, timing).await?;
        let listener = tokio::net::TcpListener::bind(api_addr)
            .await
            .map_err(|source| NodeError::ApiBind { addr: api_addr, source })?;
        let api_addr = listener.local_addr().map_err(|source| NodeError::ApiBind { addr: api_addr, source })?;

        let info = Arc::new(NodeInfo {
            peer_id: event_loop.local_peer_id(),
            institution: institution_key.id(),
            network: config.network.clone(),
            api_addr,
            listen_addrs: event_loop.listen_addrs(),
            data_dir: data_dir.root().to_owned(),
            settings_file: data_dir.external_settings().map(ToOwned::to_owned),
        });
        let (shutdown, shutdown_rx) = watch::channel(false);
        let publisher =
            Publisher::new(institution_key, store.clone(), network.clone(), config.network.clone(), clock.clone());
        let stats = Arc::new(IngestStats::default());
        let authors = Arc::new(AuthorRecordLimit::new(&config.limits));
        let sync = SyncService::new(
            store.clone(),
            network.clone(),
            config.network.clone(),
            authors.clone(),
            clock.clone(),
            metrics.clone(),
            stats.clone(),
        );
        let issuer = CredentialIssuer::open(publisher.clone(), store.clone())?;
        let courier = Arc::new(DirectCourier::new(store.clone(), network.clone()));
        let networks = Networks::open(store.clone(), publisher.clone(), courier.clone(), timing, clock.clone())?;
        let mobility =
            Mobility::open(store.clone(), publisher.clone(), issuer.clone(), courier, timing, clock.clone())?;
        let direct_tasks = tokio_util::task::TaskTracker::new();
        let mut tasks = vec![tokio::spawn(event_loop.run(shutdown_rx.clone()))];
        tasks.push(check_in_background(store.clone(), shutdown_rx.clone()));
        tasks.push(tokio::spawn(mobility.clone().run_outbox(shutdown_rx.clone())));
        tasks.push(tokio::spawn(networks.clone().run_outbox(shutdown_rx.clone())));
        tasks.push(tokio::spawn(handle_events(
            events,
            EventHandlers {
                store: store.clone(),
                network: network.clone(),
                publisher: publisher.clone(),
                sync: sync.clone(),
                network_name: config.network.clone(),
                stats: stats.clone(),
                authors: authors.clone(),
                mobility: mobility.clone(),
                networks: networks.clone(),
                clock: clock.clone(),
                metrics: metrics.clone(),
                inbound: Arc::new(tokio::sync::Semaphore::new(INBOUND_DIRECT_MESSAGES)),
                direct_tasks: direct_tasks.clone(),
            },
        )));
        tasks.push(tokio::spawn(sync.clone().run_periodic(sync_timing)));
        let state = ApiState {
            info: info.clone(),
            store: store.clone(),
            network: network.clone(),
            publisher: publisher.clone(),
            stats: stats.clone(),
            sync: sync.clone(),
            issuer: issuer.clone(),
            mobility: mobility.clone(),
            networks: networks.clone(),
            metrics,
            token: token.into(),
        };
        tasks.push(tokio::spawn(crate::admin::serve(listener, state, shutdown_rx)));

        let node = Node {
            info,
            data_dir,
            store,
            network,
            publisher,
            issuer,
            mobility,
            networks,
            direct_tasks,
            stats,
            sync,
            authors,
            shutdown,
            tasks,
            _lock: lock,
        };
        // Before the profile's addresses: that may publish a new profile too.
        match node.publisher.renew_older_encodings().await {
            Ok(0) => {}
            Ok(renewed) => tracing::info!(renewed, "own records in an older encoding were signed again"),
            Err(e) => tracing::warn!(error = %e, "cannot sign own records in an older encoding again"),
        }
        node.refresh_profile_addresses().await?;
        node.announce_started()?;
        Ok(node)
    }

    /// Writes the runtime file the CLI finds the node by, and logs the start.
    fn announce_started(&self) -> Result<(), NodeError> {
        let listen: Vec<String> = self.info.listen_addrs.iter().map(Multiaddr::to_string).collect();
        self.data_dir.write_runtime(&RuntimeInfo {
            pid: std::process::id(),
            api: self.info.api_addr.to_string(),
            peer_id: self.info.peer_id.to_string(),
            listen_addrs: listen.clone(),
        })?;
        tracing::info!(
            peer_id = %self.info.peer_id,
            institution = %self.info.institution,
            network = %self.info.network,
            api = %self.info.api_addr,
            ?listen,
            "vetnet node started"
        );
        Ok(())
    }

    /// Keeps the profile's `nodes` entry (peer id and addresses) current, so
    /// others can find this node from the institution's profile.
    async fn refresh_profile_addresses(&self) -> Result<(), NodeError> {
        let Some(mut profile) = self.publisher.profile()? else { return Ok(()) };
        let wanted = self.node_address();
        if profile.nodes.first() == Some(&wanted) {
            return Ok(());
        }
        profile.nodes.retain(|n| n.peer_id != wanted.peer_id);
        profile.nodes.insert(0, wanted);
        profile.nodes.truncate(MAX_NODES);
        match self.publisher.publish_profile(&profile).await {
            // A revoked institution's node still starts: it syncs, searches
            // and verifies; it only cannot sign anything more.
            Err(PublishError::KeyRetired(reason)) => {
                tracing::warn!(%reason, "the profile's node addresses are not updated: the institution key is retired");
                Ok(())
            }
            // A node on a full disk still starts and serves searches; the
            // addresses are published at the next start with room.
            Err(PublishError::Store(e)) if e.is_disk_full() => {
                tracing::warn!(error = %e, "the profile's node addresses are not updated: the disk is full");
                Ok(())
            }
            other => other.map(drop).map_err(NodeError::from),
        }
    }

    /// This node as a profile lists it: its public addresses, or its loopback
    /// ones when it has nothing else.
    pub fn node_address(&self) -> NodeAddress {
        node_address(&self.info)
    }

    pub fn info(&self) -> &NodeInfo {
        &self.info
    }
    pub fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }
    pub fn store(&self) -> &RecordStore {
        &self.store
    }
    pub fn network(&self) -> &NetworkClient {
        &self.network
    }
    pub fn publisher(&self) -> &Publisher {
        &self.publisher
    }

    /// The institution's credentials: issue, revoke, delegate.
    pub fn credentials(&self) -> &CredentialIssuer {
        &self.issuer
    }
    /// Learners' mobility threads with other institutions.
    pub fn mobility(&self) -> &Mobility {
        &self.mobility
    }
    /// Networks, memberships and applications.
    pub fn networks(&self) -> &Networks {
        &self.networks
    }
    pub fn stats(&self) -> &IngestStats {
        &self.stats
    }
    pub fn sync(&self) -> &SyncService {
        &self.sync
    }
    /// New records stored per author per day (the `limits.records_per_author_per_day` count).
    pub fn author_limit(&self) -> &AuthorRecordLimit {
        &self.authors
    }

    /// Stops every task, flushes the store and removes the runtime file.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        // Sync starts no new task from here on; the event loop, the event
        // handler and the API end; then sync's own tasks, blocking work
        // included, are waited for: after that nothing holds the store.
        self.sync.stop();
        for task in self.tasks {
            let _ = task.await;
        }
        // The event handler has ended, so no new one starts.
        self.direct_tasks.close();
        self.direct_tasks.wait().await;
        self.sync.wait().await;
        let store = self.store.clone();
        // Saving the search index also flushes; without it the next start
        // rebuilds the index from the records (slower, never wrong).
        if let Ok(Err(e)) = tokio::task::spawn_blocking(move || store.save_search_index()).await {
            tracing::error!(error = %e, "cannot save the search index and flush the store at shutdown");
        }
        self.data_dir.remove_runtime();
        tracing::info!("vetnet node stopped");
    }
}

/// Starts the network with the settings of `config`, and the node's metrics
/// around it: one registry, the network's families first (the swarm is built
/// with them), then the rest ([`NodeMetrics::new`]).
async fn start_network(
    config: &Config,
    keypair: libp2p::identity::Keypair,
    known_peers: Vec<(PeerId, Vec<Multiaddr>)>,
    timing: NetworkTiming,
) -> Result<(NetworkClient, NetworkEvents, network::EventLoop, NodeMetrics), NodeError> {
    let mut registry = prometheus_client::registry::Registry::default();
    let network_metrics = NetworkMetrics::register(&mut registry);
    let rate_limits = network_metrics.rate_limits();
    let settings = NetworkConfig {
        keypair,
        network: config.network.clone(),
        listen: parse_multiaddrs("listen", &config.listen)?,
        bootstrap: parse_multiaddrs("bootstrap", &config.bootstrap)?,
        external: parse_multiaddrs("external", &config.external)?,
        known_peers,
        mdns: config.mdns,
        relay_server: config.relay_server,
        target_peers: config.target_peers,
        limits: config.limits.clone(),
        connections: config.connections.clone(),
        nameservers: config.dns.servers().map_err(NodeError::Setting)?,
        timing,
        metrics: network_metrics,
    };
    let (network, events, event_loop) = network::start(settings, &mut registry).await?;
    Ok((network, events, event_loop, NodeMetrics::new(registry, rate_limits)))
}

/// What the network reports, for [`handle_events`].
type NetworkEvents = tokio::sync::mpsc::Receiver<network::NetworkEvent>;

/// Runs the store's full check on a blocking thread; it gives up when the
/// node shuts down.
fn check_in_background(store: RecordStore, shutdown: watch::Receiver<bool>) -> JoinHandle<()> {
    let check = tokio::task::spawn_blocking(move || {
        store.run_check(&|| *shutdown.borrow());
    });
    tokio::spawn(async move {
        if let Err(e) = check.await {
            tracing::error!(error = %e, "the record store check failed to run");
        }
    })
}

/// What the event dispatcher needs.
struct EventHandlers {
    store: RecordStore,
    network: NetworkClient,
    publisher: Publisher,
    sync: SyncService,
    network_name: String,
    stats: Arc<IngestStats>,
    authors: Arc<AuthorRecordLimit>,
    mobility: Mobility,
    networks: Networks,
    /// What gossip records are judged against and the address book dates by.
    clock: Clock,
    /// Counts the verdicts.
    metrics: NodeMetrics,
    /// Direct messages handled at once; more wait (the network's event
    /// queue is bounded, so a flood backs up there and is dropped).
    inbound: Arc<tokio::sync::Semaphore>,
    /// The tasks answering direct messages, waited for at shutdown.
    direct_tasks: tokio_util::task::TaskTracker,
}

/// Direct messages (mobility steps) handled at the same time.
const INBOUND_DIRECT_MESSAGES: usize = 8;

/// Handles network events until the network stops: gossip records get their
/// verdict from [`ingest::ingest_at`]; new peers and sync requests go to the
/// [`SyncService`]; a peer joining the topic gets the outbox; identified
/// peers go into the address book.
async fn handle_events(mut events: tokio::sync::mpsc::Receiver<network::NetworkEvent>, h: EventHandlers) {
    use network::NetworkEvent;
    while let Some(event) = events.recv().await {
        match event {
            NetworkEvent::Record { message_id, source, bytes } => {
                let judged = ingest::ingest_at(&h.store, &h.network_name, &h.authors, &bytes, h.clock.now_unix());
                let verdict = judged.0;
                // Report first, count second: whoever sees the count knows the
                // verdict is already queued for the swarm.
                if h.network.report_validation(message_id, source, verdict).await.is_err() {
                    break;
                }
                h.stats.count(verdict);
                h.stats.note_ignored(&judged, ingest::Arrival::Gossip);
                let (verdict_label, reason) = ingest::verdict_labels(&judged);
                h.metrics.count_gossip(verdict_label, reason);
                if matches!(judged.1, Err(ingest::IngestError::AuthorRateLimited { .. })) {
                    h.metrics.count_rate_limited(crate::metrics::RateLimit::AuthorDaily);
                }
                match judged.1 {
                    Err(ingest::IngestError::Store(e)) if e.is_disk_full() => {
                        tracing::warn!(error = %e, "a record from gossip is not stored: the disk is full")
                    }
                    Err(ingest::IngestError::Store(e)) => {
                        tracing::error!(error = %e, "cannot store a record from gossip")
                    }
                    Err(e) if verdict == network::Verdict::Reject => {
                        tracing::info!(peer = %source, error = %e, "rejected a record from gossip");
                    }
                    // Ignored or accepted: an ignore was logged with its reason by `note_ignored`.
                    _ => {}
                }
            }
            NetworkEvent::PeerConnected { peer } => {
                h.sync.start(peer);
                h.mobility.retry_now();
                h.networks.retry_now();
            }
            NetworkEvent::DirectMessage { peer, bytes, channel } => {
                // Never wait here: gossip and sync share this loop. A step
                // dropped when busy is sent again by the sender's outbox.
                let Ok(permit) = h.inbound.clone().try_acquire_owned() else {
                    tracing::debug!(%peer, "busy; a direct message was dropped");
                    continue;
                };
                let (mobility, networks, network) = (h.mobility.clone(), h.networks.clone(), h.network.clone());
                h.direct_tasks.spawn(async move {
                    // Letters (networks) and steps (mobility) share the
                    // protocol; the content type tells them apart.
                    let (receipt, misbehaved) = if vetnet_protocol::letter::is_letter(&bytes) {
                        networks.receive(&bytes).await
                    } else {
                        mobility.receive(&bytes).await
                    };
                    if misbehaved {
                        let _ = network.punish_direct(peer).await;
                    }
                    if network.respond_direct(channel, receipt).await.is_err() {
                        tracing::debug!(%peer, "cannot answer a direct message: the network stopped");
                    }
                    drop(permit);
                });
            }
            NetworkEvent::SyncRequest { peer, request, channel } => h.sync.answer(peer, request, channel),
            NetworkEvent::PeerSubscribed { peer } => match h.publisher.flush_outbox().await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(%peer, sent, "sent queued records to a new peer"),
                Err(e) => tracing::warn!(error = %e, "cannot read the outbox"),
            },
            // The network already logged it; the peer's records that honest
            // peers hold still arrive from them.
            NetworkEvent::PeerBanned { peer, score, ban } => {
                tracing::debug!(%peer, score, ban_secs = ban.as_secs(), "peer banned");
            }
            NetworkEvent::PeerAddresses { peer, addrs } => {
                let addrs: Vec<String> = addrs.iter().map(Multiaddr::to_string).collect();
                if let Err(e) = h.store.remember_peer(&peer.to_bytes(), &addrs, h.clock.now_unix()) {
                    tracing::warn!(error = %e, "cannot update the address book");
                }
            }
        }
    }
}

/// Creates a data directory for an institution: config, both keys, the API
/// token, and the first signed profile in the store (sent to the network when
/// the node first runs). Refuses a directory that is already initialised.
pub fn initialize(data_dir: &DataDir, config: &Config, profile: &ProfileBody) -> Result<InstitutionId, NodeError> {
    config.check().map_err(NodeError::Setting)?;
    let _lock = data_dir.lock()?;
    if data_dir.is_initialized() {
        return Err(NodeError::AlreadyInitialized(data_dir.root().to_owned()));
    }
    let key = keys::institution_key(data_dir)?;
    let now = Clock::system().now_unix();
    let payload = vetnet_protocol::Payload::with_body(
        &config.network,
        vetnet_protocol::RecordKind::Profile,
        vetnet_protocol::profile::PROFILE_ID,
        1,
        now,
        profile,
    )
    .map_err(PublishError::Body)?;
    let record =
        key.sign_checked(&payload, &ValidationContext { network: &config.network, now }).map_err(PublishError::from)?;
    keys::node_key(data_dir)?;
    data_dir.api_token()?;
    let store = RecordStore::open(&data_dir.db_path(), &config.network, config.cache_mb * 1024 * 1024)?;
    store.insert_with_outbox(&record, true)?;
    store.save_search_index()?;
    if !data_dir.settings_are_external() {
        config.save(data_dir)?;
    }
    crate::upgrade::write_format(data_dir)?;
    Ok(key.id())
}

/// The peers this node met before, with their last known addresses (from
/// the store's address book), to dial again at start.
fn known_peers(store: &RecordStore) -> Result<Vec<(PeerId, Vec<Multiaddr>)>, NodeError> {
    Ok(store
        .known_peers()?
        .into_iter()
        .filter_map(|(peer, addrs)| {
            let peer = PeerId::from_bytes(&peer).ok()?;
            let addrs: Vec<Multiaddr> = addrs.iter().filter_map(|a| a.parse().ok()).collect();
            (!addrs.is_empty()).then_some((peer, addrs))
        })
        .collect())
}
