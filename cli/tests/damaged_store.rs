//! A damaged record database: bytes overwritten in `db/db`, or the snapshot
//! removed and the log truncated. The node must refuse to start with exit
//! code 6 and a message in words that says what to do, and must never start
//! silently with fewer acknowledged records than it held.

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long a node may take to start or to stop.
const DEADLINE: Duration = Duration::from_secs(20);
/// Offers published before the database is damaged.
const OFFERS: usize = 400;

fn vetnet(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vetnet"));
    command.arg("--data-dir").arg(dir).env("RUST_LOG", "warn");
    command
}

/// A running node with what it printed when ready; killed with SIGKILL
/// when dropped unless it was stopped.
struct NodeProcess(Child, serde_json::Value);

impl NodeProcess {
    /// Stops the node with SIGTERM (a clean shutdown) and waits for it.
    fn stop(mut self) {
        let status = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status().unwrap();
        assert!(status.success(), "kill -TERM failed");
        let deadline = Instant::now() + DEADLINE;
        while self.0.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "the node did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for NodeProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What starting a node came to: running, or exited with its output.
enum Start {
    Running(NodeProcess),
    Exited(Output),
}

/// Starts `vetnet node run`: waits for its JSON "ready" line, or for it to exit.
fn start_node(dir: &Path) -> Start {
    start_node_with(dir, &[])
}

/// [`start_node`] with more `node run` arguments.
fn start_node_with(dir: &Path, extra: &[&str]) -> Start {
    let mut node = NodeProcess(
        vetnet(dir)
            .args(["--json", "node", "run", "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
        serde_json::Value::Null,
    );
    let mut reader = BufReader::new(node.0.stdout.take().unwrap());
    let mut text = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            let status = wait_for_exit(&mut node.0);
            let mut stderr = Vec::new();
            node.0.stderr.take().unwrap().read_to_end(&mut stderr).unwrap();
            return Start::Exited(Output { status, stdout: text.into_bytes(), stderr });
        }
        text.push_str(&line);
        if let Ok(info) = serde_json::from_str::<serde_json::Value>(&text) {
            node.1 = info;
            return Start::Running(node);
        }
    }
}

fn wait_for_exit(child: &mut Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "the node neither started nor exited");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn running(start: Start) -> NodeProcess {
    match start {
        Start::Running(node) => node,
        Start::Exited(output) => panic!("the node exited: {}", String::from_utf8_lossy(&output.stderr)),
    }
}

/// A data directory with an initialised institution that published [`OFFERS`] offers.
fn published_home() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let init = vetnet(dir.path())
        .args(["init", "--name", "Damaged School", "--country", "SE", "--kind", "vet-provider"])
        .output()
        .unwrap();
    assert!(init.status.success(), "init failed: {}", String::from_utf8_lossy(&init.stderr));
    let node = running(start_node(dir.path()));
    let mut ids = Vec::new();
    for i in 0..OFFERS {
        let id = format!("offer-{i}");
        let title = format!("Welding apprenticeship number {i} at the harbour workshop");
        let output = vetnet(dir.path())
            .args(["--json", "offer", "publish", "--id", &id, "--title", &title, "--sector", "0715"])
            .args(["--eqf", "4", "--places", "1", "--start", "2027-03-01", "--weeks", "4"])
            .output()
            .unwrap();
        assert!(output.status.success(), "publish failed: {}", String::from_utf8_lossy(&output.stderr));
        ids.push(id);
    }
    node.stop();
    (dir, ids)
}

fn db_file(dir: &Path) -> PathBuf {
    dir.join("db").join("db")
}

fn held_offer_ids(dir: &Path) -> Vec<String> {
    let output = vetnet(dir).args(["--json", "offer", "list"]).output().unwrap();
    assert!(output.status.success(), "offer list failed: {}", String::from_utf8_lossy(&output.stderr));
    let offers: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    offers.as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap().to_owned()).collect()
}

/// Checks a refused start: exit code 6, the damage and the way out in words,
/// and no Rust debug text.
fn assert_refused_as_damaged(output: &Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("the refused start said:\n{stderr}");
    assert_eq!(output.status.code(), Some(6), "a damaged database exits with 6:\n{stderr}");
    for words in ["damaged", "backup", "db", "sync", "keys"] {
        assert!(stderr.contains(words), "the message should mention {words:?}:\n{stderr}");
    }
    for debug in ["Some(", "Inline(", "backtrace", "Corruption {"] {
        assert!(!stderr.contains(debug), "the message should hold no debug text {debug:?}:\n{stderr}");
    }
}

#[test]
fn overwritten_bytes_in_the_database_refuse_the_start() {
    let (dir, _) = published_home();
    let path = db_file(dir.path());
    let len = std::fs::metadata(&path).unwrap().len();
    let mut file = OpenOptions::new().write(true).open(&path).unwrap();
    file.seek(SeekFrom::Start(len / 2)).unwrap();
    file.write_all(b"vetnet").unwrap();
    file.sync_all().unwrap();
    drop(file);

    match start_node(dir.path()) {
        Start::Exited(output) => assert_refused_as_damaged(&output),
        Start::Running(node) => {
            drop(node);
            panic!("the node started on a database with 6 bytes overwritten at offset {}", len / 2);
        }
    }

    // The repair keeps what sled can still read, and the node starts.
    let repair = vetnet(dir.path()).args(["--json", "repair"]).output().unwrap();
    assert!(repair.status.success(), "the repair failed: {}", String::from_utf8_lossy(&repair.stderr));
    let report: serde_json::Value = serde_json::from_slice(&repair.stdout).unwrap();
    eprintln!("the repair reported:\n{report:#}");
    let (held, kept, lost) = (&report["held_before"], &report["kept_total"], &report["lost_total"]);
    assert_eq!(held, &serde_json::json!(OFFERS + 1), "{report}");
    assert_eq!(kept.as_u64().unwrap() + lost.as_u64().unwrap(), OFFERS as u64 + 1, "{report}");
    let node = running(start_node(dir.path()));
    let held = held_offer_ids(dir.path());
    assert_eq!(held.len() as u64 + 1, kept.as_u64().unwrap(), "the node holds what the repair kept");
    node.stop();
}

#[test]
fn a_truncated_database_never_starts_with_fewer_records_silently() {
    let (dir, ids) = published_home();
    for entry in std::fs::read_dir(dir.path().join("db")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name().to_string_lossy().starts_with("snap.") {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    let path = db_file(dir.path());
    let len = std::fs::metadata(&path).unwrap().len();
    OpenOptions::new().write(true).open(&path).unwrap().set_len(len / 2).unwrap();

    match start_node(dir.path()) {
        Start::Exited(output) => assert_refused_as_damaged(&output),
        Start::Running(node) => {
            let held = held_offer_ids(dir.path());
            drop(node);
            let lost: Vec<&String> = ids.iter().filter(|id| !held.contains(id)).collect();
            assert!(lost.is_empty(), "the node started silently without {} acknowledged offers", lost.len());
        }
    }
}

/// Offers each of the two institutions of the repair test publishes.
const REPAIR_OFFERS: usize = 30;
/// How long nodes may take to catch up with each other.
const CATCH_UP: Duration = Duration::from_secs(60);

/// Runs a `vetnet` command with `--json` and parses what it prints.
fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let output = vetnet(dir).arg("--json").args(args).output().unwrap();
    assert!(output.status.success(), "`{}` failed: {}", args.join(" "), String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn init(dir: &Path, name: &str, country: &str, kind: &str) -> String {
    let out = json(dir, &["init", "--name", name, "--country", country, "--kind", kind]);
    out["institution"].as_str().unwrap().to_owned()
}

fn offer_title(who: &str, i: usize) -> String {
    format!("{who} placement number {i} in the harbour workshop")
}

fn publish_offers(dir: &Path, who: &str) {
    for i in 0..REPAIR_OFFERS {
        let (id, title) = (format!("offer-{i}"), offer_title(who, i));
        let when = ["--places", "1", "--start", "2027-03-01", "--weeks", "4"];
        let what = ["offer", "publish", "--id", &id, "--title", &title, "--sector", "0715", "--eqf", "4"];
        json(dir, &[&what[..], &when[..]].concat());
    }
}

/// What a node holds: every offer and profile as (kind, author, id, hash),
/// from its searches, and its per-kind counts.
type HeldSet = (std::collections::BTreeSet<(String, String, String, String)>, serde_json::Value);

fn held_set(dir: &Path) -> HeldSet {
    let mut set = std::collections::BTreeSet::new();
    for search in ["offers", "institutions"] {
        for record in json(dir, &["search", search, "--limit", "1000"]).as_array().unwrap() {
            let field = |name: &str| record[name].as_str().unwrap_or_default().to_owned();
            set.insert((field("kind"), field("author"), field("id"), field("hash")));
        }
    }
    (set, json(dir, &["status"])["records"].clone())
}

/// Waits until the nodes of `a` and `b` hold the same records, `expected` of them.
fn wait_for_same_records(a: &Path, b: &Path, expected: usize, what: &str) {
    let deadline = Instant::now() + CATCH_UP;
    loop {
        let (held_by_a, held_by_b) = (held_set(a), held_set(b));
        if held_by_a == held_by_b && held_by_a.0.len() == expected {
            return;
        }
        assert!(Instant::now() < deadline, "{what}:\n{held_by_a:?}\n{held_by_b:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn own_offer_ids(dir: &Path) -> Vec<String> {
    let offers = json(dir, &["offer", "list"]);
    offers.as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap().to_owned()).collect()
}

/// The offset of the first copy of `needle` in `file`: where it was first written.
fn first_offset(file: &Path, needle: &[u8]) -> u64 {
    let bytes = std::fs::read(file).unwrap();
    let at = bytes.windows(needle.len()).position(|window| window == needle);
    at.unwrap_or_else(|| panic!("{} holds no {:?}", file.display(), String::from_utf8_lossy(needle))) as u64
}

/// Two nodes hold the same records; A's log loses every write from its
/// first own offer on (snapshots removed, `db/db` truncated there). A is
/// refused, repaired, and gets its own offers back from B by sync.
#[test]
fn repair_keeps_what_is_intact_and_sync_brings_back_the_rest() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a_did = init(a.path(), "Repair School", "SE", "vet-provider");
    init(b.path(), "Partner Workshop", "DE", "company");
    let b_node = running(start_node(b.path()));
    let b_addr = b_node.1["listen_addrs"][0].as_str().unwrap().to_owned();
    let a_node = running(start_node_with(a.path(), &["--bootstrap", &b_addr]));
    let a_peer_id = a_node.1["peer_id"].clone();
    publish_offers(b.path(), "Workshop");
    wait_for_same_records(a.path(), b.path(), REPAIR_OFFERS + 2, "A did not receive B's offers");
    publish_offers(a.path(), "School");
    let all = 2 * REPAIR_OFFERS + 2;
    wait_for_same_records(a.path(), b.path(), all, "B did not receive A's offers");

    let refused = vetnet(a.path()).arg("repair").output().unwrap();
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "repair on a running node: {stderr}");
    assert!(stderr.contains("stop it first"), "{stderr}");
    a_node.stop();

    let key_file = a.path().join("institution.key");
    let key_before = std::fs::read(&key_file).unwrap();
    for entry in std::fs::read_dir(a.path().join("db")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name().to_string_lossy().starts_with("snap.") {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    let path = db_file(a.path());
    let cut = first_offset(&path, offer_title("School", 0).as_bytes());
    OpenOptions::new().write(true).open(&path).unwrap().set_len(cut).unwrap();
    match start_node(a.path()) {
        Start::Exited(output) => {
            assert_refused_as_damaged(&output);
            assert!(String::from_utf8_lossy(&output.stderr).contains("vetnet repair"), "the refusal names the repair");
        }
        Start::Running(node) => {
            drop(node);
            panic!("the node started on a database cut at its first own offer (offset {cut})");
        }
    }

    let started = Instant::now();
    let report = json(a.path(), &["repair"]);
    eprintln!("the repair took {:?} and reported:\n{report:#}", started.elapsed());
    assert_eq!(report["already_intact"], false);
    assert_eq!(report["readable"], true);
    assert_eq!(report["institution"], a_did.as_str());
    assert_eq!(report["held_before"], all as u64, "{report}");
    assert_eq!(report["kept_total"], REPAIR_OFFERS as u64 + 2, "B's offers and both profiles: {report}");
    assert_eq!(report["kept"]["offer"], REPAIR_OFFERS as u64, "{report}");
    assert_eq!(report["lost_total"], REPAIR_OFFERS as u64, "{report}");
    assert_eq!(report["own_kept"], 1, "the own profile, none of the own offers: {report}");
    let copy = Path::new(report["damaged_copy"].as_str().unwrap());
    assert!(copy.starts_with(a.path()) && copy.join("db").is_file(), "the damaged database is kept: {report}");
    assert_eq!(std::fs::read(&key_file).unwrap(), key_before, "the repair leaves the institution key alone");
    let again = vetnet(a.path()).arg("repair").output().unwrap();
    assert!(
        again.status.success() && String::from_utf8_lossy(&again.stdout).contains("intact"),
        "a second repair has nothing to do"
    );

    let a_node = running(start_node_with(a.path(), &["--bootstrap", &b_addr]));
    assert_eq!(a_node.1["institution"], a_did.as_str());
    assert_eq!(a_node.1["peer_id"], a_peer_id, "the node key is kept");
    wait_for_same_records(a.path(), b.path(), all, "after the repair, sync did not bring back every record");
    assert_eq!(own_offer_ids(a.path()).len(), REPAIR_OFFERS, "every own offer came back from B");
    a_node.stop();
    b_node.stop();
}
