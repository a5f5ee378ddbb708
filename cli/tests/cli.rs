//! Black-box tests of the `vetnet` binary: every node and every command is a
//! separate process with its own temporary data directory, and the tests read
//! the `--json` output back into values. Nodes listen on loopback port 0 and
//! tell their addresses on stdout; waits poll a condition until a deadline.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use serde_json::Value;

use crate::util::{Home, wait_until};

mod util {
    //! Running the binary: one [`Home`] (data directory) per institution, a
    //! [`RunningNode`] guard that kills its node when dropped, and commands
    //! that fail the test rather than hang.

    use std::fs::File;
    use std::io::{BufRead, BufReader, Read};
    use std::path::PathBuf;
    use std::process::{Child, Command, ExitStatus, Stdio};
    use std::sync::mpsc;
    use std::thread;
    use std::time::{Duration, Instant};

    use serde_json::Value;
    use tempfile::TempDir;

    /// How long a node may take to start, and the network to carry a record.
    pub const DEADLINE: Duration = Duration::from_secs(20);
    /// How long a one-shot command may take (the client itself gives up after 60 s).
    const COMMAND_DEADLINE: Duration = Duration::from_secs(30);
    /// How often a wait looks again.
    const POLL: Duration = Duration::from_millis(100);

    /// The finished run of one command.
    #[derive(Debug)]
    pub struct Outcome {
        pub command: String,
        pub status: ExitStatus,
        pub stdout: String,
        pub stderr: String,
        pub elapsed: Duration,
    }

    impl Outcome {
        pub fn code(&self) -> Option<i32> {
            self.status.code()
        }

        /// The stdout as JSON, after checking the command succeeded.
        pub fn json(&self) -> Value {
            assert!(self.status.success(), "`{}` failed:\n{self}", self.command);
            serde_json::from_str(&self.stdout)
                .unwrap_or_else(|e| panic!("`{}` printed no JSON ({e}):\n{self}", self.command))
        }

        /// Checks the command failed with `code` and its stderr names every one of `words`.
        pub fn assert_success(&self) {
            assert_eq!(self.code(), Some(0), "`{}` should succeed:\n{self}", self.command);
        }

        pub fn assert_failure(&self, code: i32, words: &[&str]) {
            assert_eq!(self.code(), Some(code), "`{}` should exit with {code}:\n{self}", self.command);
            for word in words {
                assert!(self.stderr.contains(word), "`{}` should mention {word:?} on stderr:\n{self}", self.command);
            }
        }
    }

    impl std::fmt::Display for Outcome {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "status: {}\nstdout:\n{}\nstderr:\n{}", self.status, self.stdout, self.stderr)
        }
    }

    /// One institution's data directory (`TMP/home`), with the node's log
    /// beside it (`TMP/node.log`), all removed on drop.
    pub struct Home {
        tmp: TempDir,
    }

    impl Home {
        /// An empty data directory.
        pub fn new() -> Self {
            let tmp = tempfile::tempdir().expect("create a temporary directory");
            std::fs::create_dir(tmp.path().join("home")).expect("create the data directory");
            Self { tmp }
        }

        pub fn path(&self) -> PathBuf {
            self.tmp.path().join("home")
        }

        /// Does the data directory hold `file`?
        pub fn has(&self, file: &str) -> bool {
            self.path().join(file).exists()
        }

        fn log_path(&self) -> PathBuf {
            self.tmp.path().join("node.log")
        }

        /// `vetnet --data-dir HOME ARGS...`, not yet run.
        pub fn command(&self, args: &[&str]) -> Command {
            let mut command = Command::new(env!("CARGO_BIN_EXE_vetnet"));
            command.arg("--data-dir").arg(self.path()).args(args).env_remove("VETNET_HOME").env("NO_COLOR", "1");
            command
        }

        /// Runs `vetnet --data-dir HOME ARGS...` to the end.
        pub fn run(&self, args: &[&str]) -> Outcome {
            run(self.command(args), &args.join(" "))
        }

        /// Runs `vetnet --data-dir HOME --json ARGS...` and returns its JSON; fails the test if it fails.
        pub fn json(&self, args: &[&str]) -> Value {
            let mut with_json = vec!["--json"];
            with_json.extend_from_slice(args);
            self.run(&with_json).json()
        }

        /// `vetnet init` with `args` (name, country, kind...); returns the institution's did.
        pub fn init(&self, args: &[&str]) -> String {
            let mut init = vec!["init"];
            init.extend_from_slice(args);
            let out = self.json(&init);
            out["institution"].as_str().expect("init prints the institution").to_owned()
        }

        /// Starts `vetnet node run --json` on loopback port 0, plus `extra`
        /// flags, and waits for the JSON it prints once it is up.
        pub fn start_node(&self, extra: &[&str]) -> RunningNode<'_> {
            let log = File::create(self.log_path()).expect("create the node log");
            let mut command = self.command(&["--json", "node", "run", "--listen", "/ip4/127.0.0.1/tcp/0"]);
            command.args(["--api", "127.0.0.1:0"]).args(extra);
            command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(log);
            let mut child = command.spawn().expect("start vetnet node run");
            let stdout = child.stdout.take().expect("stdout is piped");
            let mut node = RunningNode { home: self, child, info: Value::Null };
            node.info = node.read_startup_json(stdout);
            node
        }
    }

    /// A running `vetnet node run`; dropping it kills the node and waits for it.
    pub struct RunningNode<'a> {
        home: &'a Home,
        child: Child,
        /// What the node printed at startup: peer_id, listen_addrs, api, institution, network.
        pub info: Value,
    }

    impl RunningNode<'_> {
        /// The first address peers can dial, with `/p2p/`.
        pub fn addr(&self) -> String {
            self.info["listen_addrs"][0].as_str().expect("the node prints a listen address").to_owned()
        }

        pub fn pid(&self) -> u32 {
            self.child.id()
        }

        /// Waits for the node to exit by itself.
        pub fn wait_for_exit(&mut self, deadline: Duration) -> ExitStatus {
            let start = Instant::now();
            loop {
                if let Some(status) = self.child.try_wait().expect("poll the node") {
                    return status;
                }
                if start.elapsed() > deadline {
                    panic!("the node did not exit within {deadline:?}\nlog:\n{}", self.log());
                }
                thread::sleep(Duration::from_millis(20));
            }
        }

        pub fn log(&self) -> String {
            std::fs::read_to_string(self.home.log_path()).unwrap_or_default()
        }

        /// Reads stdout until it holds one whole JSON object (printed over
        /// several lines), on a thread so a silent node cannot hang the test.
        /// The thread then drains stdout until the node exits.
        fn read_startup_json(&mut self, stdout: std::process::ChildStdout) -> Value {
            let (sender, receiver) = mpsc::sync_channel::<Result<Value, String>>(1);
            thread::spawn(move || {
                let mut reader = BufReader::new(stdout);
                let mut text = String::new();
                let mut line = String::new();
                loop {
                    line.clear();
                    match reader.read_line(&mut line) {
                        Ok(0) | Err(_) => {
                            let _ = sender.send(Err(text));
                            return;
                        }
                        Ok(_) => text.push_str(&line),
                    }
                    if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(&text) {
                        let _ = sender.send(Ok(value));
                        break;
                    }
                }
                let _ = std::io::copy(&mut reader, &mut std::io::sink());
            });
            match receiver.recv_timeout(DEADLINE) {
                Ok(Ok(info)) => info,
                Ok(Err(stdout)) => {
                    let status = self.wait_for_exit(Duration::from_secs(5));
                    panic!(
                        "the node exited ({status}) before it printed its JSON\nstdout:\n{stdout}\nlog:\n{}",
                        self.log()
                    )
                }
                Err(_) => panic!("the node printed no JSON within {DEADLINE:?}\nlog:\n{}", self.log()),
            }
        }
    }

    impl Drop for RunningNode<'_> {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
            if thread::panicking() {
                eprintln!("log of the node on {}:\n{}", self.home.path().display(), self.log());
            }
        }
    }

    /// Runs `command` to the end, reading its output on threads; kills it and
    /// fails the test if it takes longer than [`COMMAND_DEADLINE`].
    fn run(mut command: Command, description: &str) -> Outcome {
        let start = Instant::now();
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().unwrap_or_else(|e| panic!("cannot start `vetnet {description}`: {e}"));
        let stdout = read_all(child.stdout.take().expect("stdout is piped"));
        let stderr = read_all(child.stderr.take().expect("stderr is piped"));
        let status = loop {
            if let Some(status) = child.try_wait().expect("poll the command") {
                break status;
            }
            if start.elapsed() > COMMAND_DEADLINE {
                let _ = child.kill();
                let _ = child.wait();
                panic!("`vetnet {description}` did not finish within {COMMAND_DEADLINE:?}");
            }
            thread::sleep(Duration::from_millis(5));
        };
        Outcome {
            command: format!("vetnet {description}"),
            status,
            stdout: stdout.join().expect("read stdout"),
            stderr: stderr.join().expect("read stderr"),
            elapsed: start.elapsed(),
        }
    }

    fn read_all(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    }

    /// Polls `check` every [`POLL`] until it returns `Ok`, or fails the test
    /// after [`DEADLINE`] showing the last thing it saw.
    pub fn wait_until<T>(what: &str, mut check: impl FnMut() -> Result<T, String>) -> T {
        let start = Instant::now();
        loop {
            match check() {
                Ok(value) => return value,
                Err(seen) if start.elapsed() > DEADLINE => {
                    panic!("timed out after {DEADLINE:?} waiting until {what}; last seen:\n{seen}")
                }
                Err(_) => thread::sleep(POLL),
            }
        }
    }
}

/// The offer with the id `id` in a search result.
fn offer_with_id<'a>(results: &'a Value, id: &str) -> Option<&'a Value> {
    results.as_array().expect("search prints an array").iter().find(|o| o["id"] == id)
}

/// Waits until the node on `home` has at least one peer on the records topic.
fn wait_for_topic_peer(home: &Home, name: &str) {
    wait_until(&format!("{name} has a peer on the records topic"), || {
        let status = home.json(&["status"]);
        if status["topic_peers"].as_u64().unwrap_or(0) >= 1 { Ok(()) } else { Err(status.to_string()) }
    });
}

#[test]
fn init_run_publish_and_search_across_two_processes() {
    let a = Home::new();
    let a_did = a.init(&["--name", "Luleå Tekniska", "--country", "SE", "--kind", "vet-provider", "--lang", "sv"]);
    let a_node = a.start_node(&[]);
    assert_eq!(a_node.info["institution"], a_did.as_str());
    assert_eq!(a_node.info["network"], "bsr");
    assert!(a_node.info["peer_id"].as_str().is_some_and(|p| p.starts_with("12D3KooW")), "{}", a_node.info);

    let b = Home::new();
    let b_did = b.init(&["--name", "Kieler Metallbau", "--country", "DE", "--kind", "company", "--lang", "de"]);
    assert_ne!(a_did, b_did);
    let b_node = b.start_node(&["--bootstrap", &a_node.addr()]);
    assert_eq!(b_node.info["institution"], b_did.as_str());

    wait_for_topic_peer(&a, "A");
    wait_for_topic_peer(&b, "B");
    for (home, did, node) in [(&a, &a_did, &a_node), (&b, &b_did, &b_node)] {
        let status = home.json(&["status"]);
        assert!(status["peers"].as_u64().unwrap() >= 1, "{status}");
        assert_eq!(status["institution"], did.as_str());
        assert_eq!(status["network"], "bsr");
        assert_eq!(status["peer_id"], node.info["peer_id"]);
        assert_eq!(status["api"], node.info["api"]);
        let addrs = status["listen_addrs"].as_array().expect("listen_addrs is an array");
        assert!(!addrs.is_empty(), "{status}");
        assert!(addrs.iter().all(|addr| addr.as_str().is_some_and(|a| a.contains("/p2p/"))), "{status}");
    }

    let published = a.json(&[
        "offer",
        "publish",
        "--title",
        "Welding in Luleå",
        "--sector",
        "0715",
        "--eqf",
        "3-4",
        "--places",
        "2",
        "--start",
        "2027-03-01",
        "--weeks",
        "4",
        "--lang",
        "sv:A2",
        "--lang",
        "en:B1",
        "--city",
        "Luleå",
        "--deadline",
        "2027-01-15",
    ]);
    let id = published["id"].as_str().expect("the offer has an id").to_owned();
    assert!(id.starts_with("welding-in-lule"), "the id is made from the title: {id}");
    assert_eq!(published["seq"], 1);
    assert_eq!(published["kind"], "offer");
    assert_eq!(published["author"], a_did.as_str());
    assert_eq!(published["eqf_min"], 3);
    assert_eq!(published["eqf_max"], 4);
    assert_eq!(published["places"], 2);
    assert_eq!(published["country"], "SE", "the country comes from the profile");
    assert_eq!(published["city"], "Luleå");
    assert_eq!(published["deadline"], "2027-01-15");
    assert_eq!(published["withdrawn"], false);
    assert_eq!(published["gossip"], "sent", "A has a peer on the topic, so the offer goes out at once");
    assert_eq!(
        published["languages"],
        serde_json::json!([{ "lang": "sv", "cefr": "A2" }, { "lang": "en", "cefr": "B1" }])
    );

    let search_b = || b.json(&["search", "offers", "--country", "SE"]);
    let found = wait_until("B finds the offer published on A", || {
        let results = search_b();
        offer_with_id(&results, &id).cloned().ok_or_else(|| results.to_string())
    });
    assert_eq!(found["author"], a_did.as_str());
    assert_eq!(found["author_name"], "Luleå Tekniska");
    assert_eq!(found["kind"], "offer");
    assert_eq!(found["seq"], 1);
    assert_eq!(found["title"]["en"], "Welding in Luleå");
    assert_eq!(found["hash"], published["hash"], "B holds the record A signed");

    let updated = a.json(&["offer", "update", &id, "--places", "5"]);
    assert_eq!(updated["id"], id.as_str());
    assert_eq!(updated["seq"], 2);
    assert_eq!(updated["places"], 5);
    assert_eq!(updated["title"], published["title"], "unset flags keep their value");
    assert_eq!(updated["languages"], published["languages"]);
    wait_until("B holds version 2 of the offer", || {
        let results = search_b();
        match offer_with_id(&results, &id) {
            Some(offer) if offer["seq"] == 2 && offer["places"] == 5 => Ok(()),
            _ => Err(results.to_string()),
        }
    });
    assert_eq!(search_b().as_array().unwrap().len(), 1, "the update replaces the offer");

    let withdrawn = a.json(&["offer", "withdraw", &id]);
    assert_eq!(withdrawn["seq"], 3);
    assert_eq!(withdrawn["withdrawn"], true);
    wait_until("the withdrawn offer is gone from B's search", || {
        let results = search_b();
        if results.as_array().is_some_and(Vec::is_empty) { Ok(()) } else { Err(results.to_string()) }
    });
    assert_eq!(a.json(&["offer", "list"]), serde_json::json!([]), "A lists no live offers");
    let all = a.json(&["offer", "list", "--all"]);
    assert_eq!(all.as_array().map(Vec::len), Some(1), "{all}");
    assert_eq!(all[0]["withdrawn"], true);

    let company = wait_until("A finds B's profile", || {
        let results = a.json(&["search", "institutions", "--country", "DE"]);
        results
            .as_array()
            .and_then(|list| list.iter().find(|p| p["author"] == b_did.as_str()).cloned())
            .ok_or_else(|| results.to_string())
    });
    assert_eq!(company["institution"], "company");
    assert_eq!(company["country"], "DE");
    assert_eq!(company["kind"], "profile");
    assert_eq!(company["name"]["en"], "Kieler Metallbau");
}

#[test]
fn bad_input_is_refused_with_the_field_named() {
    let home = Home::new();
    home.init(&["--name", "Tampere VET", "--country", "FI", "--kind", "vet-provider"]);
    let _node = home.start_node(&[]);
    // `offer publish` with a valid offer's flags, one of them changed (or left out with `None`).
    let publish = |flag: &str, value: Option<&str>| {
        let mut flags = vec![
            ("--title", Some("Welding")),
            ("--sector", Some("0715")),
            ("--eqf", Some("3")),
            ("--places", Some("2")),
            ("--start", Some("2027-03-01")),
            ("--weeks", Some("4")),
        ];
        match flags.iter_mut().find(|(name, _)| *name == flag) {
            Some(pair) => pair.1 = value,
            None => flags.push((flag, value)),
        }
        let mut args = vec!["offer", "publish"];
        args.extend(flags.into_iter().filter_map(|(name, value)| Some([name, value?])).flatten());
        home.run(&args)
    };

    publish("--eqf", Some("9")).assert_failure(1, &["eqf", "between 1 and 8"]);
    publish("--country", Some("XX")).assert_failure(1, &["country", "\"XX\""]);
    publish("--lang", Some("xx:B1")).assert_failure(1, &["--lang", "\"xx\""]);
    publish("--end", Some("2027-02-01")).assert_failure(1, &["end", "before start"]);
    publish("--title", None).assert_failure(1, &["--title is required"]);

    assert_eq!(home.json(&["offer", "list", "--all"]), serde_json::json!([]), "nothing was stored");
    let records = home.json(&["status"])["records"].clone();
    assert_eq!(records.get("offer"), None, "no offer record exists: {records}");
}

#[test]
fn commands_without_a_node_say_how_to_start_it() {
    let home = Home::new();
    home.init(&["--name", "Tallinn Chamber", "--country", "EE", "--kind", "chamber"]);

    let status = home.run(&["status"]);
    status.assert_failure(3, &["not running", "vetnet node run"]);
    assert!(status.elapsed < Duration::from_secs(5), "status took {:?} to say the node is not running", status.elapsed);
    home.run(&["--json", "search", "offers"]).assert_failure(3, &["vetnet node run"]);

    let node = home.start_node(&[]);
    let second = home.run(&["node", "run", "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"]);
    assert!(!second.status.success(), "a second node on the same data directory must not start:\n{second}");
    assert!(second.stderr.contains("another vetnet node is already running"), "{second}");
    let status = home.json(&["status"]);
    assert_eq!(status["peer_id"], node.info["peer_id"], "the first node still runs and is still the one found");
}

#[test]
fn node_run_on_a_fresh_data_dir_initialises_it() {
    let home = Home::new();
    let node = home.start_node(&[]);
    let did = node.info["institution"].as_str().expect("the node prints its institution").to_owned();
    assert!(did.starts_with("did:key:z6Mk"), "{did}");
    for secret in ["institution.key", "node.key", "api.token"] {
        let meta = std::fs::metadata(home.path().join(secret)).unwrap_or_else(|e| panic!("{secret}: {e}"));
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{secret} must be readable by its owner only");
    }
    assert!(home.has("config.toml"));

    home.run(&["profile", "show"]).assert_failure(1, &["no profile", "vetnet profile set"]);

    let set = home.json(&["profile", "set", "--name", "Helsinki Chamber", "--country", "FI", "--kind", "chamber"]);
    assert_eq!(set["seq"], 1);
    let profile = home.json(&["profile", "show"]);
    assert_eq!(profile["country"], "FI");
    assert_eq!(profile["institution"], "chamber");
    assert_eq!(profile["name"]["en"], "Helsinki Chamber");
    assert_eq!(profile["author"], did.as_str());
    assert_eq!(profile["nodes"][0]["peer_id"], node.info["peer_id"], "the profile lists this node");
    assert_eq!(home.json(&["status"])["institution_name"], "Helsinki Chamber");
}

#[test]
fn sigterm_shuts_down_cleanly() {
    let home = Home::new();
    home.init(&["--name", "Riga Technical School", "--country", "LV", "--kind", "vet-provider"]);
    let mut node = home.start_node(&[]);
    assert!(home.has("node.toml"), "the running node writes its runtime file");

    let kill = std::process::Command::new("kill").args(["-TERM", &node.pid().to_string()]).status();
    assert!(kill.as_ref().is_ok_and(|s| s.success()), "kill -TERM failed: {kill:?}");
    let status = node.wait_for_exit(Duration::from_secs(10));
    assert!(status.success(), "the node exits successfully on SIGTERM: {status}\nlog:\n{}", node.log());
    assert!(node.log().contains("vetnet node stopped"), "log:\n{}", node.log());
    assert!(!home.has("node.toml"), "the runtime file is removed at shutdown");

    home.run(&["status"]).assert_failure(3, &["vetnet node run"]);
}

#[test]
fn a_class_is_issued_all_or_nothing_exported_and_verified_by_file() {
    let home = Home::new();
    home.init(&["--name", "Riga Technical School", "--country", "LV", "--kind", "vet-provider", "--lang", "lv"]);
    let _node = home.start_node(&[]);
    let published = home.json(&[
        "achievement",
        "publish",
        "--id",
        "cnc-basics",
        "--title",
        "CNC milling basics",
        "--outcome",
        "Sets up and runs a 3-axis CNC mill from a given program",
        "--ects",
        "3",
        "--eqf",
        "4",
        "--assessment",
        "Practical test",
        "--participation",
        "on-site",
        "--quality-assurance",
        "Accredited by the State Education Quality Service",
    ]);
    assert_eq!(published["id"], "cnc-basics");
    assert_eq!(published["country"], "LV", "the country comes from the profile");

    // 30 learners, one with a broken email: the whole class is refused, the row named.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("class.csv");
    let mut rows = String::from("learner_name,learner_email,grade\n");
    for n in 1..=30 {
        let email = if n == 17 { "nobody-at-example".to_owned() } else { format!("learner{n}@example.lv") };
        rows.push_str(&format!("\"Learner {n}, Jr\",{email},{}\n", if n % 2 == 0 { "Pass" } else { "Merit" }));
    }
    std::fs::write(&csv, &rows).unwrap();
    let csv_arg = csv.to_str().unwrap();
    home.run(&["credential", "issue-batch", csv_arg, "--achievement", "cnc-basics"])
        .assert_failure(1, &["row 17", "learner_email", "nothing was issued"]);
    assert_eq!(home.json(&["credential", "list"]), serde_json::json!([]), "nothing was issued");

    std::fs::write(&csv, rows.replace("nobody-at-example", "learner17@example.lv")).unwrap();
    let issued = home.json(&["credential", "issue-batch", csv_arg, "--achievement", "cnc-basics"]);
    assert_eq!(issued.as_array().map(Vec::len), Some(30));
    assert_eq!(issued[0]["learner_name"], "Learner 1, Jr");
    let id = issued[0]["id"].as_str().unwrap().to_owned();

    let file = dir.path().join("learner1.json");
    home.run(&["credential", "export", &id, "--out", file.to_str().unwrap()]).assert_success();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("learner1@example.lv"), "the email is only in the file as a salted hash");
    let verdict = home.json(&["credential", "verify", file.to_str().unwrap()]);
    assert_eq!(verdict["verdict"], "valid", "{verdict}");

    let tampered = dir.path().join("tampered.json");
    std::fs::write(&tampered, text.replace("\"Learner 1, Jr\"", "\"Learner 2, Jr\"")).unwrap();
    let outcome = home.run(&["credential", "verify", tampered.to_str().unwrap()]);
    outcome.assert_failure(5, &["tampered"]);

    home.run(&["credential", "revoke", &id, "--reason", "issued-in-error"]).assert_success();
    home.run(&["credential", "verify", file.to_str().unwrap()]).assert_failure(5, &["revoked"]);
    let stats = home.json(&["credential", "stats"]);
    assert_eq!(stats[0]["issued"], 30);
    assert_eq!(stats[0]["revoked"], 1);
}

#[test]
fn trust_anchors_endorsements_and_a_key_rotation_through_the_cli() {
    let agency = Home::new();
    let agency_did = agency.init(&["--name", "Skolverket", "--country", "SE", "--kind", "public-agency"]);
    let school = Home::new();
    let school_did = school.init(&["--name", "Riga VET", "--country", "LV", "--kind", "vet-provider"]);
    // Anchors can be set before the node first runs: they go into config.toml.
    school.run(&["trust", "add", &agency_did]).assert_success();
    school.run(&["trust", "add", "did:key:nonsense"]).assert_failure(1, &["did:key"]);
    assert_eq!(school.json(&["trust", "list"])[0]["institution"], agency_did.as_str());

    let agency_node = agency.start_node(&[]);
    let _school_node = school.start_node(&["--bootstrap", &agency_node.addr()]);
    wait_for_topic_peer(&agency, "the agency");
    wait_for_topic_peer(&school, "the school");
    agency.run(&["trust", "add", &agency_did]).assert_success();

    // Nothing vouches for the school yet.
    assert_eq!(school.json(&["trust", "show", &school_did])["trust"]["level"], "unverified");
    agency.run(&["endorsement", "add", &school_did, "--role", "member"]).assert_failure(1, &["network_name", "member"]);
    agency.run(&["endorsement", "add", &agency_did, "--role", "partner"]).assert_failure(1, &["itself"]);
    agency
        .run(&["endorsement", "add", &school_did, "--role", "accreditor", "--expires", "2099-12-31"])
        .assert_success();
    let trust = wait_until("the school sees the agency's endorsement", || {
        let view = school.json(&["trust", "show", &school_did]);
        if view["trust"]["level"] == "endorsed-by-anchor" { Ok(view) } else { Err(view.to_string()) }
    });
    assert_eq!(trust["trust"]["path"][0]["endorser"], agency_did.as_str());
    assert_eq!(trust["trust"]["path"][0]["role"], "accreditor");
    let trusted = school.json(&["search", "institutions", "--trusted"]);
    assert_eq!(trusted.as_array().map(Vec::len), Some(2), "{trusted}");

    // The school rotates its key: the agency sees the profile under the new
    // key, still endorsed through the old one.
    let rotated = school.json(&["key", "rotate"]);
    assert_eq!(rotated["old"], school_did.as_str());
    let new_did = rotated["new"].as_str().unwrap().to_owned();
    assert!(school.has(&format!("retired-keys/{}.key", school_did.trim_start_matches("did:key:"))));
    assert_eq!(school.json(&["status"])["institution"], new_did.as_str());
    wait_until("the agency sees the school's new key, endorsed", || {
        let found = agency.json(&["search", "institutions", "--trusted", "--country", "LV"]);
        match found.as_array().and_then(|list| list.first()) {
            Some(profile) if profile["author"] == new_did.as_str() => Ok(()),
            _ => Err(found.to_string()),
        }
    });
    // Revoking the current key needs --yes; an unknown reason is refused.
    school.run(&["key", "revoke", "--reason", "compromised"]).assert_failure(1, &["--yes"]);
    school.run(&["key", "revoke", &school_did, "--reason", "leaked"]).assert_failure(1, &["reason"]);
    school.run(&["key", "revoke", &school_did, "--reason", "retired"]).assert_success();
    agency.run(&["endorsement", "withdraw", &school_did]).assert_success();
    wait_until("the withdrawal lowers the school's trust", || {
        let view = school.json(&["trust", "show", &new_did]);
        if view["trust"]["level"] == "unverified" { Ok(()) } else { Err(view.to_string()) }
    });
}

#[test]
#[expect(clippy::too_many_lines, reason = "one scenario, read top to bottom")]
fn a_mobility_through_the_cli_with_three_signatures() {
    let host = Home::new();
    let host_did = host.init(&["--name", "Kieler Metallbau", "--country", "DE", "--kind", "company"]);
    let school = Home::new();
    school.init(&["--name", "Luleå Yrkesgymnasium", "--country", "SE", "--kind", "vet-provider"]);
    let host_node = host.start_node(&[]);
    let _school_node = school.start_node(&["--bootstrap", &host_node.addr()]);
    wait_for_topic_peer(&school, "the school");
    let offer = host.json(&[
        "offer",
        "publish",
        "--title",
        "Welding in Kiel",
        "--sector",
        "0715",
        "--eqf",
        "4",
        "--places",
        "2",
        "--start",
        "2027-03-01",
        "--weeks",
        "4",
    ]);
    let offer_id = offer["id"].as_str().unwrap().to_owned();
    wait_until("the offer reaches the school", || {
        let found = school.json(&["search", "offers", "--country", "DE"]);
        offer_with_id(&found, &offer_id).map(|_| ()).ok_or_else(|| found.to_string())
    });

    let opened = school.json(&["mobility", "interest", &host_did, "--offer", &offer_id, "--learners", "2"]);
    let thread = opened["thread"].as_str().unwrap().to_owned();
    wait_until("the interest reaches the host", || {
        let list = host.json(&["mobility", "list"]);
        if list[0]["thread"] == thread.as_str() { Ok(()) } else { Err(list.to_string()) }
    });
    // Only the school nominates: the host is refused, with the rule in words.
    host.run(&[
        "mobility",
        "nominate",
        &thread,
        "--given-name",
        "Elsa",
        "--family-name",
        "Lindqvist",
        "--birth-date",
        "2009-05-14",
        "--start",
        "2026-10-05",
        "--end",
        "2026-10-30",
    ])
    .assert_failure(1, &["step", "the host may not take a nomination step"]);
    school.run(&["mobility", "nominate", &thread, "--given-name", "Elsa"]).assert_failure(2, &["--family-name"]);
    let nominated = school.json(&[
        "mobility",
        "nominate",
        &thread,
        "--given-name",
        "Elsa",
        "--family-name",
        "Lindqvist",
        "--birth-date",
        "2009-05-14",
        "--lang",
        "en:B1",
        "--start",
        "2026-10-05",
        "--end",
        "2026-10-30",
    ]);
    assert_eq!(nominated["status"], "nominated");
    assert_eq!(nominated["learner"]["key_custody"], "school");
    wait_until("the nomination reaches the host", || {
        let view = host.json(&["mobility", "show", &thread]);
        if view["status"] == "nominated" { Ok(()) } else { Err(view.to_string()) }
    });
    host.json(&["mobility", "accept", &thread, "--message", "Welcome"]);
    wait_until("the acceptance reaches the school", || {
        let view = school.json(&["mobility", "show", &thread]);
        if view["status"] == "accepted" { Ok(()) } else { Err(view.to_string()) }
    });
    school.json(&[
        "mobility",
        "agree",
        &thread,
        "--start",
        "2026-10-05",
        "--end",
        "2026-10-30",
        "--unit",
        "MIG welding: Welds fillet joints; Works safely",
        "--task",
        "Welds brackets",
        "--mentor",
        "Jens Petersen",
        "--assessment",
        "Practical test in week 4",
        "--recognition",
        "Credited as the workplace part of the course",
    ]);
    school.json(&["mobility", "sign", &thread, "--as", "learner"]);
    school.json(&["mobility", "sign", &thread]);
    // `mobility show` says who has signed and who has not.
    let shown = school.run(&["mobility", "show", &thread]);
    shown.assert_success();
    assert!(shown.stdout.contains("✓ learner") && shown.stdout.contains("✗ host"), "{shown}");
    wait_until("both school signatures reach the host", || {
        let view = host.json(&["mobility", "show", &thread]);
        if view["agreement"]["missing"] == serde_json::json!(["host"]) { Ok(()) } else { Err(view.to_string()) }
    });
    let signed = host.json(&["mobility", "sign", &thread]);
    assert_eq!(signed["status"], "agreed");
    assert_eq!(signed["agreement"]["complete"], true);
    wait_until("the host's signature reaches the school", || {
        let view = school.json(&["mobility", "show", &thread]);
        if view["status"] == "agreed" { Ok(()) } else { Err(view.to_string()) }
    });
    // The signed thread as a stand-alone document, checked without either
    // node's data; one changed byte breaks it.
    let file = school.path().join("thread.json");
    school.run(&["mobility", "export", &thread, "--out", file.to_str().unwrap()]).assert_success();
    let verified = host.json(&["mobility", "verify", file.to_str().unwrap()]);
    assert_eq!(verified["valid"], true, "{verified}");
    assert_eq!(verified["status"], "agreed");
    assert_eq!(verified["agreement"]["complete"], true);
    let mut document: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let step = document["steps"][1].as_str().unwrap().to_owned();
    let flipped = if step.ends_with('0') { "1" } else { "0" };
    document["steps"][1] = Value::String(format!("{}{flipped}", &step[..step.len() - 1]));
    std::fs::write(&file, document.to_string()).unwrap();
    host.run(&["mobility", "verify", file.to_str().unwrap()]).assert_failure(5, &["does not verify"]);
    school.run(&["mobility", "erase", &thread]).assert_failure(1, &["--yes"]);
    let erased = school.json(&["mobility", "erase", &thread, "--yes", "--reason", "the learner asked"]);
    assert_eq!(erased["erased"], true);
    assert!(erased.get("learner").is_none(), "{erased}");
}

#[test]
fn a_need_is_published_found_by_a_host_and_matched_with_reasons() {
    let school = Home::new();
    school.init(&["--name", "Karlskrona Yrkesgymnasium", "--country", "SE", "--kind", "vet-provider"]);
    let school_node = school.start_node(&[]);
    let company = Home::new();
    company.init(&["--name", "Kiel Bau", "--country", "DE", "--kind", "company", "--lang", "de"]);
    let _company_node = company.start_node(&["--bootstrap", &school_node.addr()]);
    wait_for_topic_peer(&school, "the school");
    wait_for_topic_peer(&company, "the company");

    // `need publish` with a valid need's flags, one of them changed.
    let need_flags = |flag: &str, value: &str| {
        let mut flags = vec![
            ("--title", "Three bricklayers"),
            ("--sector", "0732"),
            ("--eqf", "4"),
            ("--learners", "3"),
            ("--start", "2027-03-01"),
            ("--end", "2027-05-31"),
            ("--weeks", "4-6"),
            ("--country", "DE"),
            ("--lang", "en:B1"),
            ("--age", "under-18"),
            ("--support", "accompanying-teacher"),
            ("--funding", "erasmus-ka1-vet"),
        ];
        match flags.iter_mut().find(|(name, _)| *name == flag) {
            Some(pair) => pair.1 = value,
            None => flags.push((flag, value)),
        }
        let mut args = vec!["need", "publish"];
        args.extend(flags.into_iter().flat_map(|(name, value)| [name, value]));
        args.into_iter().map(str::to_owned).collect::<Vec<String>>()
    };
    let run = |home: &Home, args: Vec<String>| home.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    run(&school, need_flags("--eqf", "9")).assert_failure(1, &["body.eqf", "between 1 and 8"]);
    run(&school, need_flags("--learners", "0")).assert_failure(1, &["body.learners", "between 1 and 1000"]);
    run(&school, need_flags("--country", "XX")).assert_failure(1, &["body.countries[0]", "\"XX\""]);
    run(&school, need_flags("--age", "teenagers")).assert_failure(1, &["--age", "under-18, adults, mixed"]);
    assert_eq!(school.json(&["need", "list", "--all"]), serde_json::json!([]), "nothing was stored");

    let mut publish = vec!["--json".to_owned()];
    publish.extend(need_flags("--id", "bricklayers"));
    let published = run(&school, publish).json();
    assert_eq!(published["kind"], "need");
    assert_eq!(published["id"], "bricklayers");
    assert_eq!(published["countries"], serde_json::json!(["DE"]));
    assert_eq!((published["weeks_min"].as_u64(), published["weeks_max"].as_u64()), (Some(4), Some(6)));
    assert_eq!(published["age"], "under-18");
    assert_eq!(school.json(&["need", "list"]).as_array().map(Vec::len), Some(1));
    let shown = school.run(&["need", "show", "bricklayers"]);
    shown.assert_success();
    assert!(shown.stdout.contains("under-18") && shown.stdout.contains("erasmus-ka1-vet"), "{shown}");

    company
        .run(&[
            "offer",
            "publish",
            "--id",
            "bricklaying",
            "--title",
            "Bricklaying in Kiel",
            "--sector",
            "0732",
            "--eqf",
            "3-5",
            "--places",
            "4",
            "--start",
            "2027-03-01",
            "--end",
            "2027-04-30",
            "--weeks",
            "4-8",
            "--lang",
            "en:B1",
            "--minors",
        ])
        .assert_success();

    let found = wait_until("the company finds the school's need", || {
        let results = company.json(&["search", "needs", "--country", "DE", "--isced", "0732", "--eqf", "4"]);
        match results.as_array() {
            Some(list) if list.len() == 1 => Ok(results),
            _ => Err(results.to_string()),
        }
    });
    assert_eq!(found[0]["id"], "bricklayers");
    assert_eq!(found[0]["author_name"], "Karlskrona Yrkesgymnasium");
    let table = company.run(&["search", "needs", "--text", "brick"]);
    assert!(table.stdout.contains("bricklayers") && table.stdout.contains("Karlskrona"), "{table}");
    assert_eq!(company.json(&["search", "needs", "--country", "FI"]), serde_json::json!([]));

    let matched = company.json(&["match", "--offer", "bricklaying"]);
    let best = &matched[0]["matches"][0];
    assert_eq!(best["record"]["id"], "bricklayers", "{matched}");
    assert_eq!(best["blocking"], false);
    let explained = company.run(&["match"]);
    explained.assert_success();
    for words in
        ["Offer bricklaying", "✓ field of education matches (0732", "✓ EQF 4 within the offer's 3-5", "bricklayers"]
    {
        assert!(explained.stdout.contains(words), "`vetnet match` should print {words:?}:\n{explained}");
    }
    company.run(&["match", "--offer", "no-such-offer"]).assert_failure(1, &["no-such-offer"]);

    wait_until("the school sees the company's offer", || {
        let results = school.json(&["search", "offers", "--country", "DE"]);
        if results.as_array().is_some_and(|l| l.len() == 1) { Ok(()) } else { Err(results.to_string()) }
    });
    let explained = school.run(&["match", "--need", "bricklayers"]);
    assert!(explained.stdout.contains("Need bricklayers") && explained.stdout.contains("bricklaying"), "{explained}");
    assert!(explained.stdout.contains("· the mobility is funded by Erasmus+ KA1 VET"), "{explained}");

    let updated = school.json(&["need", "update", "bricklayers", "--learners", "4"]);
    assert_eq!((updated["seq"].as_u64(), updated["learners"].as_u64()), (Some(2), Some(4)));
    assert_eq!(updated["countries"], published["countries"], "unset flags keep their value");
    school.run(&["need", "update", "bricklayers", "--weeks", "6-4"]).assert_failure(1, &["body.weeks_max"]);

    let withdrawn = school.json(&["need", "withdraw", "bricklayers"]);
    assert_eq!(withdrawn["withdrawn"], true);
}

#[test]
fn a_network_takes_a_member_through_the_cli() {
    let network = Home::new();
    let network_did = network.init(&["--name", "Norrbotten VET Network", "--country", "SE", "--kind", "network"]);
    let school = Home::new();
    let school_did = school.init(&["--name", "Luleå Yrkesgymnasium", "--country", "SE", "--kind", "vet-provider"]);
    let network_node = network.start_node(&[]);
    let _school_node = school.start_node(&["--bootstrap", &network_node.addr()]);
    wait_for_topic_peer(&network, "the network");
    wait_for_topic_peer(&school, "the school");

    let profile = [
        "network",
        "profile",
        "--country",
        "SE",
        "--region",
        "SE33",
        "--coordinator-name",
        "Network office",
        "--coordinator-email",
        "office@norrbotten-vet.example",
        "--topic",
        "welding",
        "--lang",
        "sv",
    ];
    school.run(&profile).assert_failure(1, &["institution", "kind network"]);
    network.run(&[&profile[..], &["--joining", "sometimes"]].concat()).assert_failure(1, &["joining"]);
    network.run(&profile).assert_success();
    let found = wait_until("the school finds the network", || {
        let found = school.json(&["search", "networks", "--region", "SE332"]);
        if found.as_array().is_some_and(|l| l.len() == 1) { Ok(found) } else { Err(found.to_string()) }
    });
    assert_eq!(found[0]["network"], network_did.as_str());
    school.run(&["network", "apply", &network_did, "--message", "We place 40 welders a year."]).assert_success();
    wait_until("the application reaches the network", || {
        let list = network.json(&["network", "applications"]);
        if list[0]["applicant"] == school_did.as_str() { Ok(()) } else { Err(list.to_string()) }
    });
    network.run(&["network", "refuse", &school_did]).assert_failure(1, &["--reason"]);
    network.run(&["network", "accept", &school_did]).assert_success();
    wait_until("the school sees its membership", || {
        let networks = school.json(&["network", "memberships"]);
        if networks[0]["network"] == network_did.as_str() { Ok(()) } else { Err(networks.to_string()) }
    });
    assert_eq!(network.json(&["network", "members"])[0]["institution"], school_did.as_str());
    assert_eq!(school.json(&["network", "show", &network_did])["members"], 1);
}

#[test]
fn the_bootstrap_list_through_the_cli_with_the_node_stopped_and_running() {
    let member = Home::new();
    member.init(&["--name", "Bootstrap member", "--country", "SE", "--kind", "vet-provider"]);
    let member_node = member.start_node(&[]);

    // A new data directory starts with its network's default list.
    let school = Home::new();
    school.init(&["--name", "Joining school", "--country", "FI", "--kind", "vet-provider"]);
    let listed = school.json(&["peers", "list"]);
    assert_eq!(listed["addresses"], serde_json::json!(["/dnsaddr/bootstrap.bsr.vetnet.example"]));
    // Stopped: the settings change, for the next start.
    let empty = school.json(&["peers", "remove", "/dnsaddr/bootstrap.bsr.vetnet.example"]);
    assert_eq!(empty["addresses"], serde_json::json!([]));
    school.run(&["peers", "add", "bootstrap.example.org"]).assert_failure(1, &["address", "multiaddr"]);
    school.run(&["peers", "remove", "/dnsaddr/gone.example"]).assert_failure(1, &["not on the bootstrap list"]);

    // Running, with an empty list: `peers add` dials at once and saves it.
    let _school_node = school.start_node(&[]);
    let added = school.json(&["peers", "add", &member_node.addr()]);
    assert_eq!(added["addresses"], serde_json::json!([member_node.addr()]));
    wait_for_topic_peer(&school, "the school");
    let settings = std::fs::read_to_string(school.path().join("config.toml")).expect("config.toml");
    assert!(settings.contains(&member_node.addr()), "{settings}");
    assert_eq!(school.json(&["peers", "list"])["addresses"], serde_json::json!([member_node.addr()]));
    let removed = school.json(&["peers", "remove", &member_node.addr()]);
    assert_eq!(removed["addresses"], serde_json::json!([]));
    school.run(&["peers", "remove", &member_node.addr()]).assert_failure(1, &["not on the bootstrap list"]);
}
