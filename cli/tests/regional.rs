//! The `vetnet` binary on the regional picture: a chamber in Norrbottens län
//! and a school in Västerbottens län (both in the NUTS 2 region SE33), each a
//! `vetnet node run` process with its own data directory. The chamber's skills
//! need is refused with the field named when its region is unknown or its size
//! given twice; once published, `vetnet match --skills-need` ranks the school
//! with its reasons and `vetnet region SE33` shows the need and the school.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long a node may take to start, a command to finish, a record to travel.
const DEADLINE: Duration = Duration::from_secs(30);

const MIG_WELDING: &str = "http://data.europa.eu/esco/skill/0e2b5a5d-1d4c-4b0e-8e8c-8a0e0f0f0f0f";

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Outcome {
    fn json(&self) -> Value {
        assert_eq!(self.code, Some(0), "stdout: {}\nstderr: {}", self.stdout, self.stderr);
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("no JSON ({e}): {}", self.stdout))
    }

    fn assert_failure(&self, code: i32, words: &[&str]) {
        assert_eq!(self.code, Some(code), "stdout: {}\nstderr: {}", self.stdout, self.stderr);
        for word in words {
            assert!(self.stderr.contains(word), "stderr should name {word:?}: {}", self.stderr);
        }
    }
}

fn command(home: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vetnet"));
    command.arg("--data-dir").arg(home).args(args).env_remove("VETNET_HOME").env("NO_COLOR", "1");
    command
}

fn read_all(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    })
}

/// Runs a command to the end, or fails the test after [`DEADLINE`].
fn run(home: &Path, args: &[&str]) -> Outcome {
    let mut child =
        command(home, args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("runs");
    let stdout = read_all(child.stdout.take().expect("piped"));
    let stderr = read_all(child.stderr.take().expect("piped"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll the command") {
            break status;
        }
        assert!(started.elapsed() < DEADLINE, "`vetnet {}` did not finish within {DEADLINE:?}", args.join(" "));
        thread::sleep(Duration::from_millis(5));
    };
    Outcome { code: status.code(), stdout: stdout.join().expect("stdout"), stderr: stderr.join().expect("stderr") }
}

/// A running `vetnet node run`, killed when dropped, with what it printed once up.
struct RunningNode {
    child: Child,
    info: Value,
}

impl Drop for RunningNode {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_node(home: &Path, bootstrap: Option<&str>) -> RunningNode {
    let mut args = vec!["--json", "node", "run", "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"];
    if let Some(addr) = bootstrap {
        args.extend(["--bootstrap", addr]);
    }
    let mut child =
        command(home, &args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().expect("starts");
    let stdout = child.stdout.take().expect("piped");
    let (sender, receiver) = mpsc::sync_channel::<Value>(1);
    thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let (mut text, mut line) = (String::new(), String::new());
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
            text.push_str(&line);
            line.clear();
            if let Ok(info) = serde_json::from_str::<Value>(&text)
                && info.is_object()
            {
                let _ = sender.send(info);
                break;
            }
        }
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    });
    let info = receiver.recv_timeout(DEADLINE).expect("the node prints its JSON once it is up");
    RunningNode { child, info }
}

fn home(tmp: &tempfile::TempDir, name: &str, args: &[&str]) -> PathBuf {
    let home = tmp.path().join(name);
    std::fs::create_dir(&home).expect("the data directory");
    let mut init = vec!["init"];
    init.extend(args);
    let outcome = run(&home, &init);
    assert_eq!(outcome.code, Some(0), "init: {}", outcome.stderr);
    home
}

/// Polls `check` until it gives a value, or fails after [`DEADLINE`].
fn wait_until<T>(what: &str, mut check: impl FnMut() -> Result<T, String>) -> T {
    let started = Instant::now();
    loop {
        match check() {
            Ok(value) => return value,
            Err(last) => assert!(started.elapsed() < DEADLINE, "timed out waiting until {what}; last: {last}"),
        }
        thread::sleep(Duration::from_millis(100));
    }
}

/// `vetnet skills-need publish` on `home` with a valid need's flags, `changes` applied.
fn publish_need(home: &Path, changes: &[(&str, &str)]) -> Outcome {
    let mut flags = vec![
        ("--id", "welders-2027"),
        ("--title", "Welders for the mining industry"),
        ("--region", "SE332"),
        ("--isco", "7212"),
        ("--isced", "0715"),
        ("--people", "40"),
        ("--horizon", "5"),
        ("--source", "Skills-supply survey 2026"),
    ];
    for (flag, value) in changes {
        match flags.iter_mut().find(|(name, _)| name == flag) {
            Some(pair) => pair.1 = value,
            None => flags.push((flag, value)),
        }
    }
    let mut args = vec!["--json", "skills-need", "publish"];
    args.extend(flags.into_iter().flat_map(|(name, value)| [name, value]));
    run(home, &args)
}

#[test]
fn a_skills_need_is_matched_to_a_school_and_shown_in_its_region() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let chamber = home(
        &tmp,
        "chamber",
        &["--name", "Norrbotten Chamber", "--country", "SE", "--kind", "chamber", "--nuts", "SE332"],
    );
    let school = home(
        &tmp,
        "school",
        &[
            "--name",
            "Skellefteå Yrkesgymnasium",
            "--country",
            "SE",
            "--kind",
            "vet-provider",
            "--nuts",
            "SE331",
            "--sector",
            "0715",
        ],
    );
    let chamber_node = start_node(&chamber, None);
    let chamber_addr = chamber_node.info["listen_addrs"][0].as_str().expect("a listen address").to_owned();
    let _school_node = start_node(&school, Some(&chamber_addr));

    let published = run(
        &school,
        &[
            "--json",
            "achievement",
            "publish",
            "--id",
            "mig-welding",
            "--title",
            "MIG welding of steel plates",
            "--outcome",
            "Welds fillet joints in positions PA and PB",
            "--esco-skill",
            MIG_WELDING,
            "--sector",
            "0715",
            "--hours",
            "60",
            "--assessment",
            "Practical test",
            "--participation",
            "workplace",
            "--quality-assurance",
            "Internal quality assurance of the school",
        ],
    )
    .json();
    assert_eq!(published["esco_skills"][0], MIG_WELDING, "{published}");

    publish_need(&chamber, &[("--region", "SE334")]).assert_failure(1, &["body.region", "NUTS 2024", "\"SE334\""]);
    publish_need(&chamber, &[("--level", "shortage")]).assert_failure(2, &["--level"]);
    publish_need(&chamber, &[("--horizon", "30")]).assert_failure(1, &["body.horizon", "between 1 and 20"]);
    let skill = format!("{MIG_WELDING}=MIG welding");
    let published = publish_need(&chamber, &[("--skill", skill.as_str())]).json();
    assert_eq!(published["skills"][0]["label"], "MIG welding", "{published}");

    let matched = wait_until("the school's records reach the chamber's node", || {
        let matched = run(&chamber, &["--json", "match", "--skills-need", "welders-2027"]).json();
        if matched["schools"].as_array().is_some_and(|s| s.len() == 1) { Ok(matched) } else { Err(matched.to_string()) }
    });
    let school_match = &matched["schools"][0];
    assert_eq!(school_match["institution"]["name"], "Skellefteå Yrkesgymnasium");
    assert_eq!(
        (school_match["region"].as_str(), school_match["proximity"].as_str()),
        (Some("SE331"), Some("same-nuts2"))
    );
    let explained = run(&chamber, &["match", "--skills-need", "welders-2027"]);
    assert_eq!(explained.code, Some(0), "{}", explained.stderr);
    for words in [
        "Skills need welders-2027 (SE332)",
        "✓ teaches 1 of 1 skills the need asks for: MIG welding (achievement mig-welding)",
        "✓ in SE331 Västerbottens län",
    ] {
        assert!(
            explained.stdout.contains(words),
            "`vetnet match --skills-need` should print {words:?}:\n{}",
            explained.stdout
        );
    }

    let region = wait_until("the chamber's need reaches the school's node", || {
        let region = run(&school, &["--json", "region", "SE33"]).json();
        if region["skills_needs"].as_array().is_some_and(|g| !g.is_empty()) {
            Ok(region)
        } else {
            Err(region.to_string())
        }
    });
    assert_eq!(region["skills_needs"][0]["needs"][0]["id"], "welders-2027");
    assert_eq!(region["institutions"].as_array().map(Vec::len), Some(2), "{region}");
    let shown = run(&school, &["region", "se33"]);
    assert_eq!(shown.code, Some(0), "{}", shown.stderr);
    for words in [
        "SE33 Övre Norrland (NUTS 2, SE)",
        "Skellefteå Yrkesgymnasium",
        "Norrbotten Chamber",
        "welders-2027 SE332 (40 people, 7212",
    ] {
        assert!(shown.stdout.contains(words), "`vetnet region` should print {words:?}:\n{}", shown.stdout);
    }
    run(&school, &["region", "SE9"]).assert_failure(1, &["nuts", "not in the list"]);
}

#[test]
fn a_toolbox_resource_and_issuance_statistics_through_the_cli() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let network = home(
        &tmp,
        "network",
        &["--name", "Baltic VET Network", "--country", "DE", "--kind", "network", "--nuts", "DEF0"],
    );
    let _node = start_node(&network, None);
    let sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    let publish = |url: &str, sha256: &str, kind: &str| {
        run(
            &network,
            &[
                "--json",
                "resource",
                "publish",
                "--id",
                "mentor-manual",
                "--title",
                "Manual for workplace mentors",
                "--kind",
                kind,
                "--lang",
                "en",
                "--url",
                url,
                "--sha256",
                sha256,
                "--summary",
                "Step by step.",
            ],
        )
    };
    publish("https://network.example.org/manual.pdf", &sha[1..], "manual")
        .assert_failure(1, &["body.sha256", "64 lower-case hex"]);
    publish("http://network.example.org/manual.pdf", sha, "manual").assert_failure(1, &["body.url", "https://"]);
    publish("https://network.example.org/manual.pdf", sha, "handbook")
        .assert_failure(1, &["--kind", "country-information"]);
    let published = publish("https://network.example.org/manual.pdf", sha, "manual").json();
    assert_eq!(published["kind"], "resource", "{published}");
    assert_eq!((published["category"].as_str(), published["sha256"].as_str()), (Some("manual"), Some(sha)));
    let found = run(&network, &["--json", "search", "resources", "--kind", "manual", "--text", "mentor"]).json();
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
    assert_eq!(run(&network, &["--json", "search", "resources", "--lang", "sv"]).json(), serde_json::json!([]));
    let withdrawn = run(&network, &["--json", "resource", "withdraw", "mentor-manual"]).json();
    assert_eq!(withdrawn["withdrawn"], true);

    // Nothing issued yet: the record carries no counts, nothing is suppressed.
    let stats = run(&network, &["--json", "stats", "publish"]).json();
    assert_eq!(stats["kind"], "issuance-stats");
    assert_eq!((stats.get("counts"), stats["suppressed"].as_array().map(Vec::len)), (None, Some(0)), "{stats}");
    run(&network, &["stats", "publish", "--quarter", "2027Q1"]).assert_failure(1, &["body.quarter", "YYYY-Qn"]);
}
