//! The `vetnet` binary as a service manager runs it: the log on stderr as
//! one JSON object per line (`--log-format json`, or `log_format` in the
//! settings), and the settings read from a file outside the data directory
//! (`--config`, as the packaged service's `/etc/vetnet/config.toml`), which
//! vetnet reads and never writes. Real processes, real files, stopped with
//! SIGTERM as systemd stops them.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long a node may take to start and to stop.
const DEADLINE: Duration = Duration::from_secs(20);

/// A data directory `TMP/home`, with a settings file and the node's log beside it.
struct Service {
    tmp: tempfile::TempDir,
}

impl Service {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("a temporary directory");
        std::fs::create_dir(tmp.path().join("home")).expect("the data directory");
        Self { tmp }
    }

    fn home(&self) -> PathBuf {
        self.tmp.path().join("home")
    }

    fn settings(&self) -> PathBuf {
        self.tmp.path().join("config.toml")
    }

    fn log_path(&self) -> PathBuf {
        self.tmp.path().join("node.log")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vetnet"));
        command
            .arg("--data-dir")
            .arg(self.home())
            .args(args)
            .env_remove("VETNET_HOME")
            .env_remove("VETNET_CONFIG")
            .env_remove("RUST_LOG")
            .env("NO_COLOR", "1");
        command
    }

    /// Starts `vetnet --json node run ARGS`, waits for the JSON it prints
    /// once it is up, stops it with SIGTERM, and returns what it printed
    /// then, its exit status and its whole log (stderr).
    fn run_node_and_stop(&self, args: &[&str]) -> (Value, ExitStatus, String) {
        let mut command = self.command(&["--json", "node", "run"]);
        command.args(args);
        let log = File::create(self.log_path()).expect("the log file");
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(log);
        let mut child = command.spawn().expect("start vetnet node run");
        let started = read_startup_json(&mut child)
            .unwrap_or_else(|stdout| panic!("the node did not start\nstdout:\n{stdout}\nlog:\n{}", self.log()));
        // SAFETY: kill(2) on the pid of our own child, which has not been waited for.
        let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        assert_eq!(sent, 0, "SIGTERM could not be sent");
        let status = wait_for_exit(&mut child).unwrap_or_else(|| panic!("no exit after SIGTERM\nlog:\n{}", self.log()));
        (started, status, self.log())
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }
}

/// Reads stdout until it holds one whole JSON object (printed over several
/// lines), on a thread so that a silent node cannot hang the test; the
/// thread then drains stdout. `Err` holds what was printed.
fn read_startup_json(child: &mut Child) -> Result<Value, String> {
    let stdout = child.stdout.take().expect("stdout is piped");
    let (sender, receiver) = mpsc::sync_channel(1);
    thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let (mut text, mut line) = (String::new(), String::new());
        loop {
            line.clear();
            if matches!(reader.read_line(&mut line), Ok(0) | Err(_)) {
                let _ = sender.send(Err(text));
                return;
            }
            text.push_str(&line);
            if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(&text) {
                let _ = sender.send(Ok(value));
                break;
            }
        }
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    });
    receiver.recv_timeout(DEADLINE).unwrap_or_else(|_| {
        let _ = child.kill();
        Err(format!("(nothing within {DEADLINE:?})"))
    })
}

fn wait_for_exit(child: &mut Child) -> Option<ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if let Some(status) = child.try_wait().expect("poll the node") {
            return Some(status);
        }
        thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// Every line of `log` as a JSON object with a `level` and a `message`;
/// fails the test on the first line that is not.
fn json_lines(log: &str) -> Vec<Value> {
    let lines: Vec<Value> = log
        .lines()
        .enumerate()
        .map(|(number, line)| {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("log line {} is not JSON ({e}): {line}\nlog:\n{log}", number + 1));
            assert!(value["level"].is_string(), "log line {} has no level: {line}", number + 1);
            assert!(value["message"].is_string(), "log line {} has no message: {line}", number + 1);
            assert!(value["timestamp"].is_string(), "log line {} has no timestamp: {line}", number + 1);
            value
        })
        .collect();
    assert!(!lines.is_empty(), "the node logged nothing");
    lines
}

fn has_message(lines: &[Value], level: &str, words: &str) -> bool {
    lines.iter().any(|l| l["level"] == level && l["message"].as_str().is_some_and(|m| m.contains(words)))
}

#[test]
fn log_format_json_writes_one_object_per_line_from_start_to_stop() {
    let service = Service::new();
    let (started, status, log) = service.run_node_and_stop(&[
        "--log-format",
        "json",
        "--listen",
        "/ip4/127.0.0.1/tcp/0",
        "--api",
        "127.0.0.1:0",
    ]);
    assert!(status.success(), "the node exits 0 on SIGTERM ({status})\nlog:\n{log}");
    assert!(started["peer_id"].is_string(), "{started}");
    let lines = json_lines(&log);
    // The whole run is in it: the stop the signal caused is the last word.
    assert!(has_message(&lines, "INFO", "stopping"), "no INFO \"stopping\" line:\n{log}");
    assert!(lines.len() >= 2, "only {} lines:\n{log}", lines.len());
}

#[test]
fn an_external_settings_file_is_read_never_written_and_can_ask_for_json_logs() {
    let service = Service::new();
    let settings = "# the operator's file\nnetwork = \"bsr\"\nlisten = [\"/ip4/127.0.0.1/tcp/0\"]\napi = \"127.0.0.1:0\"\nlog_format = \"json\"\n";
    std::fs::write(service.settings(), settings).expect("write the settings");
    let config = service.settings().display().to_string();

    let init = service
        .command(&[
            "--config",
            &config,
            "--json",
            "init",
            "--name",
            "Packaged School",
            "--country",
            "SE",
            "--kind",
            "vet-provider",
        ])
        .output()
        .expect("run vetnet init");
    assert!(init.status.success(), "init failed: {}", String::from_utf8_lossy(&init.stderr));
    assert_unchanged(&service.settings(), settings);
    assert!(!service.home().join("config.toml").exists(), "init wrote settings into the data directory");
    assert!(service.home().join("institution.key").exists(), "init made no institution key");

    // Another network than the file's is refused, naming the file.
    let other = service
        .command(&[
            "--config",
            &config,
            "init",
            "--name",
            "X",
            "--country",
            "SE",
            "--kind",
            "company",
            "--network",
            "other",
        ])
        .output()
        .expect("run vetnet init");
    assert_eq!(other.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&other.stderr);
    assert!(stderr.contains(&config) && stderr.contains("--network other"), "{stderr}");

    // The settings come from the file: loopback port 0 and JSON logs, with
    // no flag on the command line.
    let (started, status, log) = service.run_node_and_stop(&["--config", &config]);
    assert!(status.success(), "the node exits 0 on SIGTERM ({status})\nlog:\n{log}");
    assert!(started["api"].as_str().is_some_and(|a| a.starts_with("127.0.0.1:") && a != "127.0.0.1:7300"), "{started}");
    json_lines(&log);
    assert_unchanged(&service.settings(), settings);
    assert!(!service.home().join("config.toml").exists(), "the node wrote settings into the data directory");

    // Changing a setting through vetnet is refused with the file named.
    let trust = service
        .command(&["--config", &config, "trust", "add", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"])
        .output()
        .expect("run vetnet trust add");
    assert_eq!(trust.status.code(), Some(1), "{}", String::from_utf8_lossy(&trust.stderr));
    let stderr = String::from_utf8_lossy(&trust.stderr);
    assert!(stderr.contains(&config) && stderr.contains("only reads"), "{stderr}");
    assert_unchanged(&service.settings(), settings);
}

fn assert_unchanged(path: &Path, expected: &str) {
    let now = std::fs::read_to_string(path).expect("the settings file is there");
    assert_eq!(now, expected, "vetnet changed the settings file {}", path.display());
}
