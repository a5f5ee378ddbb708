//! The `vetnet` binary against input mistakes in `--file` (issue 16, F5 and
//! F7): a misspelt field and an offer too large to sign are refused with the
//! field named and the input-error exit code `1` of the README, never an
//! internal error (`4`); so are an event's unknown time zone, an end before
//! its start and an unknown kind, while a good event prints as iCalendar. A
//! real `vetnet node run` in its own temporary data directory serves the
//! commands.

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

/// The flags of a valid event, `vetnet event publish` after them.
const EVENT: &[&str] = &[
    "event",
    "publish",
    "--id",
    "spring-meeting",
    "--title",
    "Regional VET network, spring meeting",
    "--kind",
    "network-meeting",
    "--start",
    "2027-05-12T09:00",
    "--end",
    "2027-05-12T16:00",
    "--tz",
    "Europe/Stockholm",
    "--city",
    "Luleå",
    "--country",
    "se",
    "--lang",
    "sv",
    "--audience",
    "teachers",
    "--topic",
    "Skills needs",
    "--capacity",
    "120",
    "--deadline",
    "2027-04-30",
];

/// The event's flags with `flag`'s value replaced.
fn event_with(flag: &str, value: &str) -> Vec<String> {
    let mut args: Vec<String> = EVENT.iter().map(|a| (*a).to_owned()).collect();
    let at = args.iter().position(|a| a == flag).expect("the flag is in EVENT");
    args[at + 1] = value.to_owned();
    args
}

#[test]
fn event_times_zones_and_kinds_are_checked_and_a_good_event_prints_as_icalendar() {
    let (_tmp, home) = home();
    let _node = start_node(&home);

    for (flag, value, named) in [
        ("--tz", "Europe/Paris", "body.tz"),
        ("--tz", "CET", "body.tz"),
        ("--end", "2027-05-12T08:30", "body.end"),
        ("--start", "2027-05-12 09:00", "body.start"),
        ("--kind", "party", "--kind"),
        ("--audience", "everyone", "--audience"),
    ] {
        let args = event_with(flag, value);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let refused = run(&home, &args);
        assert_eq!(refused.code, Some(1), "{flag} {value}: stdout: {}\nstderr: {}", refused.stdout, refused.stderr);
        assert!(refused.stderr.contains(named), "{flag} {value}: {}", refused.stderr);
    }
    let refused = run(&home, &["event", "publish", "--title", "No times", "--kind", "webinar"]);
    assert_eq!(refused.code, Some(1), "{}", refused.stderr);
    assert!(refused.stderr.contains("--start is required"), "{}", refused.stderr);

    let published = run(&home, EVENT);
    assert_eq!(published.code, Some(0), "{}", published.stderr);
    let listed = run(&home, &["--json", "event", "list"]);
    assert_eq!(listed.code, Some(0), "{}", listed.stderr);
    let listed: Value = serde_json::from_str(&listed.stdout).expect("JSON");
    assert_eq!(listed[0]["id"], "spring-meeting");
    assert_eq!((listed[0]["country"].as_str(), listed[0]["tz"].as_str()), (Some("SE"), Some("Europe/Stockholm")));

    let updated = run(&home, &["event", "update", "spring-meeting", "--registered", "40"]);
    assert_eq!(updated.code, Some(0), "{}", updated.stderr);
    let ics = run(&home, &["event", "ics", "spring-meeting"]);
    assert_eq!(ics.code, Some(0), "{}", ics.stderr);
    assert!(ics.stdout.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "{}", ics.stdout);
    assert!(ics.stdout.contains("\r\nDTSTART:20270512T070000Z\r\n"), "{}", ics.stdout);
    assert!(ics.stdout.contains("\r\nSEQUENCE:2\r\n"), "{}", ics.stdout);
    let json = run(&home, &["--json", "event", "ics", "spring-meeting"]);
    let json: Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(json["calendar"].as_str(), Some(ics.stdout.as_str()));

    let found = run(&home, &["--json", "search", "events", "--country", "SE", "--from", "2027-05-01"]);
    assert_eq!(found.code, Some(0), "{}", found.stderr);
    assert_eq!(serde_json::from_str::<Value>(&found.stdout).expect("JSON")[0]["registered"], 40);
    let later = run(&home, &["--json", "search", "events", "--from", "2027-06-01"]);
    assert_eq!(serde_json::from_str::<Value>(&later.stdout).expect("JSON"), serde_json::json!([]));
    let feed = run(&home, &["search", "events", "--ics"]);
    assert_eq!(feed.stdout.matches("BEGIN:VEVENT").count(), 1, "{}", feed.stdout);
    let bad = run(&home, &["search", "events", "--from", "May"]);
    assert_eq!(bad.code, Some(1), "{}", bad.stderr);
    assert!(bad.stderr.contains("from"), "{}", bad.stderr);

    let withdrawn = run(&home, &["event", "withdraw", "spring-meeting"]);
    assert_eq!(withdrawn.code, Some(0), "{}", withdrawn.stderr);
    let gone = run(&home, &["event", "ics", "spring-meeting"]);
    assert_eq!(gone.code, Some(1), "{}", gone.stderr);
    assert!(gone.stderr.contains("withdrawn"), "{}", gone.stderr);
}
