//! `footprint`: the real `vetnet` binary holding N records: startup time,
//! resident memory after a full search scan, disk bytes per record. Needs
//! `cargo build --release -p vetnet` beside the bench binary.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use vetnet_protocol::{DEFAULT_NETWORK, VerifiedRecord};
use vetnet_tests::signed_offers;

use crate::figure::{Figure, Target};

/// Records signed per chunk while building the data directory.
const CHUNK: usize = 50_000;

/// The `vetnet` binary built beside this one.
pub fn vetnet_binary() -> anyhow::Result<PathBuf> {
    let path = std::env::current_exe()?.with_file_name("vetnet");
    anyhow::ensure!(path.exists(), "{} is missing: run `cargo build --release -p vetnet` first", path.display());
    Ok(path)
}

/// Resident memory of process `pid`, in KiB.
pub(crate) fn resident_kib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).context("no VmRSS")?;
    Ok(line.split_whitespace().nth(1).context("VmRSS value")?.parse()?)
}

/// Bytes of every file under `path`.
pub(crate) fn dir_bytes(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Kills the node when dropped, also when the run fails half-way.
pub(crate) struct RunningNode(pub(crate) Child);

impl Drop for RunningNode {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Builds a data directory holding `n` records, then runs the real node on it.
pub async fn run(n: usize) -> anyhow::Result<Vec<Figure>> {
    anyhow::ensure!(n > 0, "footprint needs at least one record");
    let binary = vetnet_binary()?;
    let dir = tempfile::tempdir()?;
    let data_dir = vetnet_node::DataDir::new(dir.path());
    let config = vetnet_tests::test_config(&[]);
    vetnet_node::initialize(
        &data_dir,
        &config,
        &vetnet_tests::profile("Footprint", "SE", vetnet_protocol::profile::InstitutionKind::VetProvider),
    )?;
    eprintln!("footprint: writing {n} records...");
    {
        let store =
            vetnet_node::store::RecordStore::open(&data_dir.db_path(), DEFAULT_NETWORK, config.cache_mb * 1024 * 1024)?;
        for start in (0..n).step_by(CHUNK) {
            let count = CHUNK.min(n - start);
            let seed = (start / CHUNK) as u8;
            let records = signed_offers(seed.wrapping_add(100), 1_000, count, 1)
                .iter()
                .map(|bytes| VerifiedRecord::from_trusted_bytes(bytes, DEFAULT_NETWORK))
                .collect::<Result<Vec<_>, _>>()?;
            for batch in records.chunks(1_024) {
                store.insert_batch(batch)?;
            }
        }
        // What a node's clean shutdown leaves: the search index saved, so
        // the startup below loads it rather than rebuilding it.
        store.save_search_index()?;
    }
    let mut figures = open_times(&data_dir, n, config.cache_mb * 1024 * 1024)?;
    let disk = dir_bytes(&data_dir.db_path()) as f64;
    figures.push(Figure::new("footprint", format!("N={n}: disk bytes per record"), disk / n as f64, "bytes"));

    let (node, took) = start_node(&binary, dir.path())?;
    let mut startup =
        Figure::new("footprint", format!("N={n}: startup until the API answers"), took.as_secs_f64() * 1000.0, "ms");
    if n >= 1_000_000 {
        startup = startup.with_target(Target::at_most(2_000.0, "startup < 2 s at 1M"));
    }
    figures.push(startup);

    // A free-text search that matches nothing touches the whole text index.
    let (scan, _) = cli_search(&binary, dir.path(), &["--text", "no-such-word", "--limit", "1"])?;
    figures.push(Figure::new(
        "footprint",
        format!("N={n}: free-text search through the CLI"),
        scan.as_secs_f64() * 1000.0,
        "ms",
    ));
    let mut rss = Figure::new(
        "footprint",
        format!("N={n}: resident memory after the search"),
        resident_kib(node.0.id())? as f64 / 1024.0,
        "MB",
    );
    if n >= 1_000_000 {
        rss = rss.with_target(Target::at_most(150.0, "RSS < 150 MB at 1M"));
    }
    figures.push(rss);
    figures.push(background_check(&binary, dir.path(), n)?);
    stop_cleanly(node)?;
    figures.push(repair(&binary, dir.path(), n)?);
    Ok(figures)
}

/// Starts `vetnet node run` on the data directory `dir` (loopback, ports
/// picked by the system) and returns it once it printed its JSON status,
/// that is once its API answers, with the time that took.
pub(crate) fn start_node(binary: &Path, dir: &Path) -> anyhow::Result<(RunningNode, Duration)> {
    let started = Instant::now();
    let mut node = RunningNode(
        Command::new(binary)
            .arg("--data-dir")
            .arg(dir)
            .args(["--json", "node", "run", "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?,
    );
    let stdout = node.0.stdout.take().context("stdout")?;
    let mut reader = std::io::BufReader::new(stdout);
    let mut text = String::new();
    while serde_json::from_str::<serde_json::Value>(&text).is_err() {
        let mut line = String::new();
        anyhow::ensure!(reader.read_line(&mut line)? > 0, "the node exited before it was ready");
        text.push_str(&line);
    }
    Ok((node, started.elapsed()))
}

/// `vetnet search offers` with `filters` through the CLI (so through the
/// running node's API); returns how long the command took and how many
/// offers it printed.
pub(crate) fn cli_search(binary: &Path, dir: &Path, filters: &[&str]) -> anyhow::Result<(Duration, usize)> {
    let started = Instant::now();
    let scan =
        Command::new(binary).arg("--data-dir").arg(dir).args(["--json", "search", "offers"]).args(filters).output()?;
    let took = started.elapsed();
    anyhow::ensure!(scan.status.success(), "search failed: {}", String::from_utf8_lossy(&scan.stderr));
    let offers: Vec<serde_json::Value> = serde_json::from_slice(&scan.stdout).context("the search's JSON output")?;
    Ok((took, offers.len()))
}

/// Stops the node as an admin's `systemctl stop` does (SIGTERM), and waits
/// until it has exited (its search index saved).
pub(crate) fn stop_cleanly(mut node: RunningNode) -> anyhow::Result<()> {
    let stopped = Command::new("kill").args(["-TERM", &node.0.id().to_string()]).status()?;
    anyhow::ensure!(stopped.success(), "cannot stop the node");
    node.0.wait()?;
    Ok(())
}

/// `vetnet repair` of the whole database, made to look damaged by a count
/// of the last flush one higher than what it holds: every record is read,
/// opened (signature checked) and written into a new database.
fn repair(binary: &Path, dir: &Path, n: usize) -> anyhow::Result<Figure> {
    let count = dir.join("db").join(vetnet_node::store::EXPECTED_COUNT_FILE);
    let held: u64 = std::fs::read_to_string(&count)?.trim().parse()?;
    std::fs::write(&count, (held + 1).to_string())?;
    let started = Instant::now();
    let repaired = Command::new(binary).arg("--data-dir").arg(dir).args(["--json", "repair"]).output()?;
    let took = started.elapsed();
    anyhow::ensure!(repaired.status.success(), "repair failed: {}", String::from_utf8_lossy(&repaired.stderr));
    let view: vetnet_views::RepairView = serde_json::from_slice(&repaired.stdout)?;
    anyhow::ensure!(view.kept_total == held, "the repair kept {} of {held} records", view.kept_total);
    Ok(Figure::new("footprint", format!("N={n}: vetnet repair of every record"), took.as_secs_f64() * 1000.0, "ms"))
}

/// The store opened in process, with the whole check before it answers (as
/// `vetnet repair` and the tests open it) and with the quick part only (as
/// a node opens it), each after a clean shutdown (the index snapshot saved
/// again after each open).
fn open_times(data_dir: &vetnet_node::DataDir, n: usize, cache_bytes: u64) -> anyhow::Result<Vec<Figure>> {
    use vetnet_node::store::RecordStore;
    let mut figures = Vec::new();
    type Open = fn(&Path, &str, u64) -> Result<RecordStore, vetnet_node::store::StoreError>;
    let opens: [(&str, Open); 2] = [
        ("open with the full check (hash and decode every record)", RecordStore::open),
        ("open with the quick check (what a node waits for)", RecordStore::open_checking_later),
    ];
    for (what, open) in opens {
        let started = Instant::now();
        let store = open(&data_dir.db_path(), DEFAULT_NETWORK, cache_bytes)?;
        let took = started.elapsed();
        store.save_search_index()?;
        drop(store);
        figures.push(Figure::new("footprint", format!("N={n}: {what}"), took.as_secs_f64() * 1000.0, "ms"));
    }
    Ok(figures)
}

/// How long the running node's full check of its database took in the
/// background, as `vetnet status` reports it once it passed.
pub(crate) fn background_check(binary: &Path, dir: &Path, n: usize) -> anyhow::Result<Figure> {
    let deadline = Instant::now() + std::time::Duration::from_secs(900);
    loop {
        let status = Command::new(binary).arg("--data-dir").arg(dir).args(["--json", "status"]).output()?;
        anyhow::ensure!(status.status.success(), "status failed: {}", String::from_utf8_lossy(&status.stderr));
        let status: vetnet_views::StatusView = serde_json::from_slice(&status.stdout)?;
        match (status.database.check.as_str(), status.database.check_ms) {
            ("passed", Some(ms)) => {
                return Ok(Figure::new("footprint", format!("N={n}: full check in the background"), ms as f64, "ms"));
            }
            ("running", _) => {}
            (other, _) => anyhow::bail!("the background check ended {other}: {:?}", status.database.damage),
        }
        anyhow::ensure!(Instant::now() < deadline, "the background check did not finish");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
