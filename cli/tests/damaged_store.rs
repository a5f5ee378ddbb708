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

/// A running node; killed with SIGKILL when dropped unless it was stopped.
struct NodeProcess(Child);

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
    let mut node = NodeProcess(
        vetnet(dir)
            .args(["--json", "node", "run", "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
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
        if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
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
