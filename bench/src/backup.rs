//! `backup`: `vetnet backup` and `vetnet restore` of a node holding `own`
//! records of its own institution and as many of others (which the archive
//! leaves out): the backup over the admin API (snapshot and encryption),
//! reading the archive back, and the restore into a fresh directory.

use std::time::Instant;

use serde_json::json;
use vetnet_node::DataDir;
use vetnet_node::backup::{self, Passphrase};
use vetnet_protocol::{Payload, RecordKind, ValidationContext, VerifiedRecord};
use vetnet_tests::{ApiClient, TestNode, offer, signed_offers};

use crate::figure::Figure;

const PASSPHRASE: &str = "a passphrase for the benchmark";

/// Measures a backup and a restore of a node with `own` own records.
pub async fn run(own: usize) -> anyhow::Result<Vec<Figure>> {
    anyhow::ensure!(own > 0, "backup needs at least one record");
    let node = vetnet_tests::spawn("Backup Bench School", "SE", &[]).await;
    eprintln!("backup: storing {own} own records and {own} of others...");
    store_own(&node, own)?;
    let others = signed_offers(21, (own / 10).max(1), own, 1);
    vetnet_tests::ingest_all(&node, &others);

    let started = Instant::now();
    let (status, sealed) =
        ApiClient::new(&node).post_for_bytes("/v1/backup", &json!({ "passphrase": PASSPHRASE })).await;
    let backup_ms = started.elapsed().as_secs_f64() * 1000.0;
    anyhow::ensure!(status == 200, "the backup failed: {}", String::from_utf8_lossy(&sealed));
    let archive_mb = sealed.len() as f64 / (1024.0 * 1024.0);
    node.node.shutdown().await;

    let passphrase = Passphrase::new(PASSPHRASE.to_owned())?;
    let target = tempfile::tempdir()?;
    let data_dir = DataDir::new(target.path());
    let (open_ms, restore_ms, restored) = tokio::task::spawn_blocking(move || -> anyhow::Result<(f64, f64, u64)> {
        let started = Instant::now();
        let archive = backup::open_archive(&sealed, &passphrase)?;
        let open_ms = started.elapsed().as_secs_f64() * 1000.0;
        let started = Instant::now();
        let report = backup::restore(&data_dir, &archive, false, vetnet_node::clock::unix_now())?;
        Ok((open_ms, started.elapsed().as_secs_f64() * 1000.0, report.records_restored))
    })
    .await??;
    anyhow::ensure!(restored as usize > own, "the restore stored {restored} of {own} own records (and the profile)");
    let scenario = "backup";
    Ok(vec![
        Figure::new(scenario, format!("N={own} own (+{own} others'): vetnet backup over the API"), backup_ms, "ms"),
        Figure::new(scenario, format!("N={own}: archive size"), archive_mb, "MiB"),
        Figure::new(scenario, format!("N={own}: archive read back (scrypt + decrypt + decode)"), open_ms, "ms"),
        Figure::new(scenario, format!("N={own}: vetnet restore into a fresh directory"), restore_ms, "ms"),
    ])
}

/// Signs `n` offers with the node's own key and stores them as published.
fn store_own(node: &TestNode, n: usize) -> anyhow::Result<()> {
    let network = node.node.info().network.clone();
    let now = vetnet_node::clock::unix_now();
    let ctx = ValidationContext { network: &network, now };
    let key = node.node.publisher().key();
    let mut batch = Vec::with_capacity(1_024);
    for i in 0..n {
        let body = offer(&format!("Own offer {i}"), "SE", "0715", 4);
        let payload =
            Payload::with_body(&network, RecordKind::Offer, &format!("own-{i}"), 1, now - (n - i) as u64, &body)?;
        batch.push(VerifiedRecord::open(&key.sign(&payload)?, &ctx)?);
        if batch.len() == 1_024 || i + 1 == n {
            node.node.store().insert_batch(&std::mem::take(&mut batch))?;
        }
    }
    Ok(())
}
