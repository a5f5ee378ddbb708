//! The `vetnet` binary against input mistakes in `--file` (issue 16, F5 and
//! F7): a misspelt field and an offer too large to sign are refused with the
//! field named and the input-error exit code `1` of the README, never an
//! internal error (`4`). A real `vetnet node run` in its own temporary data
//! directory serves the commands.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long the node may take to start, and a command to finish.
const DEADLINE: Duration = Duration::from_secs(30);

/// One finished command.
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn command(home: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vetnet"));
    command.arg("--data-dir").arg(home).args(args).env_remove("VETNET_HOME").env("NO_COLOR", "1");
    command
}

/// Runs a command to the end, or fails the test after [`DEADLINE`].
fn run(home: &Path, args: &[&str]) -> Outcome {
    let mut child = command(home, args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vetnet starts");
    let stdout = read_all(child.stdout.take().expect("piped"));
    let stderr = read_all(child.stderr.take().expect("piped"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll the command") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("`vetnet {}` did not finish within {DEADLINE:?}", args.join(" "));
        }
        thread::sleep(Duration::from_millis(5));
    };
    Outcome { code: status.code(), stdout: stdout.join().expect("stdout"), stderr: stderr.join().expect("stderr") }
}

fn read_all(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    })
}

/// A running `vetnet node run`, killed when dropped.
struct RunningNode(Child);

impl Drop for RunningNode {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the node on loopback port 0 and waits for the JSON it prints once up.
fn start_node(home: &Path) -> RunningNode {
    let mut child =
        command(home, &["--json", "node", "run", "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the node starts");
    let stdout = child.stdout.take().expect("piped");
    let node = RunningNode(child);
    let (sender, receiver) = mpsc::sync_channel::<()>(1);
    thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let (mut text, mut line) = (String::new(), String::new());
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
            text.push_str(&line);
            line.clear();
            if serde_json::from_str::<Value>(&text).is_ok_and(|v| v.is_object()) {
                let _ = sender.send(());
                break;
            }
        }
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    });
    receiver.recv_timeout(DEADLINE).expect("the node prints its JSON once it is up");
    node
}

fn home() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).expect("the data directory");
    let init = run(&home, &["init", "--name", "Input Errors VET", "--country", "FI", "--kind", "vet-provider"]);
    assert_eq!(init.code, Some(0), "init: {}", init.stderr);
    (tmp, home)
}

const OFFER: &str = "id = \"welding\"\ntitle = { en = \"Welding\" }\nisced = \"0715\"\neqf_min = 3\neqf_max = 4\n\
                     places = 2\nstart = \"2027-03-01\"\nweeks_min = 4\nweeks_max = 6\n";

#[test]
fn offer_files_with_a_misspelt_field_or_too_much_text_are_input_errors() {
    let (tmp, home) = home();
    let _node = start_node(&home);

    let typo = tmp.path().join("typo.toml");
    std::fs::write(&typo, format!("{OFFER}deadlnie = \"2027-01-01\"\n")).expect("write the file");
    let refused = run(&home, &["offer", "publish", "--file", typo.to_str().expect("a UTF-8 path")]);
    assert_eq!(refused.code, Some(1), "stdout: {}\nstderr: {}", refused.stdout, refused.stderr);
    assert!(refused.stderr.contains("body.deadlnie"), "{}", refused.stderr);
    assert!(refused.stderr.contains("unknown field deadlnie; did you mean deadline?"), "{}", refused.stderr);

    let long = tmp.path().join("long.toml");
    let title = "x".repeat(200_000);
    std::fs::write(&long, OFFER.replace("\"Welding\"", &format!("\"{title}\""))).expect("write the file");
    let refused = run(&home, &["offer", "publish", "--file", long.to_str().expect("a UTF-8 path")]);
    assert_eq!(refused.code, Some(1), "stdout: {}\nstderr: {}", refused.stdout, refused.stderr);
    assert!(refused.stderr.contains("body.title"), "{}", refused.stderr);
    assert!(!refused.stderr.contains("cannot sign"), "{}", refused.stderr);

    let listed = run(&home, &["--json", "offer", "list", "--all"]);
    assert_eq!(listed.code, Some(0), "{}", listed.stderr);
    assert_eq!(serde_json::from_str::<Value>(&listed.stdout).expect("JSON"), serde_json::json!([]));
}
