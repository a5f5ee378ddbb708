//! `peer` mode: checks a live node of any implementation over the wire
//! (`docs/PROTOCOL.md` "Gossip", "Catch-up sync", "Transport",
//! "Conformance").
//!
//! Two probes stay connected to the node: the *publisher* publishes and
//! fetches by hash over `/vetnet/sync/1`, the *observer* only listens to
//! gossip. Each Accept case (after its `given` records) is published and must
//! come back: fetched by hash, or forwarded to the observer. Each Reject case
//! is published by a probe with a fresh identity, which then publishes a
//! marker record on the same connection; once the observer has the marker,
//! the case must not have reached the observer and a fetch by hash must
//! return nothing. Every wait is on an event with a deadline.

mod codec;
pub mod probe;

use std::collections::HashSet;
use std::time::Duration;

use libp2p::Multiaddr;
use sha2::{Digest, Sha256};

use crate::case::{Case, Input, Verdict};
use crate::cases;
use crate::keys::TestKey;
use probe::{Hash, Probe, ProbeError};

/// What `peer` mode checks.
#[derive(Debug, Clone)]
pub struct PeerConfig {
    /// The node's address, best with `/p2p/<peer id>`.
    pub addr: Multiaddr,
    /// The node's network.
    pub network: String,
    /// How long any one wait may take.
    pub timeout: Duration,
}

/// The per-case report.
#[derive(Debug, Default)]
pub struct PeerReport {
    /// One line per case.
    pub lines: Vec<String>,
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Cases `peer` mode does not run (not gossip records, or an Ignore).
    pub skipped: usize,
    /// Cases that failed but are listed in
    /// [`AWAITING_MERGE`](crate::reference::AWAITING_MERGE): the reference
    /// node gets them right only once those changes are merged.
    pub awaiting: usize,
}

impl PeerReport {
    /// Whether no case failed.
    pub fn passed(&self) -> bool {
        self.failed == 0
    }

    /// The total line.
    pub fn total(&self) -> String {
        format!(
            "total: {} passed, {} awaiting a merge, {} failed, {} skipped",
            self.passed, self.awaiting, self.failed, self.skipped
        )
    }

    fn pass(&mut self, id: &str, how: &str) {
        self.passed += 1;
        self.lines.push(format!("ok       {id:<40} {how}"));
    }

    fn fail(&mut self, id: &str, why: &str) {
        if crate::reference::AWAITING_MERGE.contains(&id) {
            self.awaiting += 1;
            self.lines.push(format!("awaiting {id:<40} {why}"));
        } else {
            self.failed += 1;
            self.lines.push(format!("FAIL     {id:<40} {why}"));
        }
    }

    fn skip(&mut self, id: &str, why: &str) {
        self.skipped += 1;
        self.lines.push(format!("skipped  {id:<40} {why}"));
    }
}

fn hash(bytes: &[u8]) -> Hash {
    Sha256::digest(bytes).into()
}

/// The two probes that stay for the whole check, and what the observer saw.
struct Session<'a> {
    config: &'a PeerConfig,
    publisher: Probe,
    observer: Probe,
    seen: HashSet<Hash>,
    nonce: String,
    markers: u64,
}

/// How a wait for a record ended.
enum Back {
    BySync,
    ByGossip,
}

impl Session<'_> {
    /// A marker record: a kind no version interprets, unique to this run,
    /// signed now so that no clock rule refuses it.
    fn marker(&mut self) -> Vec<u8> {
        self.markers += 1;
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let id = format!("m-{}-{}", self.nonce, self.markers);
        let body = ciborium::Value::Map(vec![]);
        let mut payload = cases::payload("conformance-marker", &id, 1, now, Some(body));
        crate::cbor::set(&mut payload, "net", crate::cbor::text(&self.config.network));
        cases::signed(TestKey::Test1, &payload)
    }

    /// Waits until one of `wanted` is fetchable from the node or reaches the
    /// observer by gossip; asks again every 200 ms (the spec's budget is 600
    /// requests a minute) until the deadline.
    async fn wait_back(&mut self, wanted: &[Hash]) -> Option<Back> {
        let deadline = tokio::time::Instant::now() + self.config.timeout;
        let mut ask = tokio::time::interval(Duration::from_millis(200));
        loop {
            if wanted.iter().any(|h| self.seen.contains(h)) {
                return Some(Back::ByGossip);
            }
            tokio::select! {
                message = self.observer.messages.recv() => match message {
                    Some(h) => { self.seen.insert(h); }
                    None => return None,
                },
                _ = ask.tick() => {
                    if let Ok(records) = self.publisher.fetch(wanted.to_vec()).await
                        && records.iter().any(|r| wanted.contains(&hash(r)))
                    {
                        return Some(Back::BySync);
                    }
                }
                () = tokio::time::sleep_until(deadline) => return None,
            }
        }
    }

    /// Waits until the observer has `marker` by gossip.
    async fn wait_gossip(&mut self, marker: Hash) -> bool {
        let deadline = tokio::time::Instant::now() + self.config.timeout;
        while !self.seen.contains(&marker) {
            tokio::select! {
                message = self.observer.messages.recv() => match message {
                    Some(h) => { self.seen.insert(h); }
                    None => return false,
                },
                () = tokio::time::sleep_until(deadline) => return false,
            }
        }
        true
    }

    /// Publishes the `given` records of a case, each once the one before is
    /// stored (or superseded by a later one of the case).
    async fn apply_given(&mut self, case: &Case) -> Result<(), String> {
        let given = case.given_bytes().map_err(|e| e.to_string())?;
        let case_hash = hash(&case.bytes().map_err(|e| e.to_string())?);
        for (i, record) in given.iter().enumerate() {
            self.publisher.publish(record.clone()).await.map_err(|e| e.to_string())?;
            let mut wanted: Vec<Hash> = given[i..].iter().map(|r| hash(r)).collect();
            wanted.push(case_hash);
            if self.wait_back(&wanted).await.is_none() {
                return Err(format!("given record {i} did not come back within {:?}", self.config.timeout));
            }
        }
        Ok(())
    }

    async fn check_accept(&mut self, case: &Case, report: &mut PeerReport) -> Result<(), String> {
        self.apply_given(case).await?;
        let bytes = case.bytes().map_err(|e| e.to_string())?;
        self.publisher.publish(bytes.clone()).await.map_err(|e| e.to_string())?;
        match self.wait_back(&[hash(&bytes)]).await {
            Some(Back::BySync) => report.pass(&case.id, "accept: stored (fetched by hash)"),
            Some(Back::ByGossip) => report.pass(&case.id, "accept: forwarded on gossip"),
            None => report.fail(
                &case.id,
                &format!("accept expected: not back by sync or gossip within {:?}", self.config.timeout),
            ),
        }
        Ok(())
    }

    async fn check_reject(&mut self, case: &Case, report: &mut PeerReport) -> Result<(), String> {
        self.apply_given(case).await?;
        let bytes = case.bytes().map_err(|e| e.to_string())?;
        let case_hash = hash(&bytes);
        let sender = Probe::connect(&self.config.addr, &self.config.network, self.config.timeout)
            .await
            .map_err(|e| e.to_string())?;
        sender.publish(bytes).await.map_err(|e| e.to_string())?;
        let marker = self.marker();
        let marker_hash = hash(&marker);
        sender.publish(marker).await.map_err(|e| e.to_string())?;
        if !self.wait_gossip(marker_hash).await {
            report.fail(
                &case.id,
                &format!("the marker sent after the case did not reach the observer within {:?}", self.config.timeout),
            );
            return Ok(());
        }
        drop(sender);
        if self.seen.contains(&case_hash) {
            report.fail(&case.id, "reject expected: the node forwarded it");
            return Ok(());
        }
        match self.publisher.fetch(vec![case_hash]).await {
            Ok(records) if records.iter().any(|r| hash(r) == case_hash) => {
                report.fail(&case.id, "reject expected: the node stored it (a fetch by hash returns it)");
            }
            Ok(_) => report.pass(&case.id, "reject: neither stored nor forwarded"),
            Err(e) => report.fail(&case.id, &format!("the fetch by hash failed: {e}")),
        }
        Ok(())
    }
}

/// Runs every record case that travels on gossip against the node at
/// `config.addr`.
pub async fn check(config: &PeerConfig, cases: &[Case]) -> Result<PeerReport, ProbeError> {
    let publisher = Probe::connect(&config.addr, &config.network, config.timeout).await?;
    let observer = Probe::connect(&config.addr, &config.network, config.timeout).await?;
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).map_err(|e| ProbeError::Build(e.to_string()))?;
    let mut session =
        Session { config, publisher, observer, seen: HashSet::new(), nonce: hex::encode(nonce), markers: 0 };
    let mut report = PeerReport::default();
    // First, a marker from the publisher: gossip reaches the observer at all.
    let marker = session.marker();
    session.publisher.publish(marker.clone()).await?;
    if !session.wait_gossip(hash(&marker)).await {
        report.fail("gossip-forwarding", "a valid record published by one probe never reached the other");
        return Ok(report);
    }
    report.pass("gossip-forwarding", "a valid record is forwarded to a second peer");
    for case in cases {
        let result = match (case.input, case.verdict) {
            (Input::Record, _) if case.network != config.network => {
                report.skip(&case.id, "a case of another network");
                Ok(())
            }
            (Input::Record, Verdict::Accept) => session.check_accept(case, &mut report).await,
            (Input::Record, Verdict::Reject) => session.check_reject(case, &mut report).await,
            (Input::Record, Verdict::Ignore) => {
                report.skip(&case.id, "ignore: depends on the receiver's clock or state");
                Ok(())
            }
            _ => {
                report.skip(&case.id, "not a gossip record");
                Ok(())
            }
        };
        if let Err(why) = result {
            report.fail(&case.id, &why);
        }
    }
    Ok(report)
}
