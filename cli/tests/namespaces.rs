//! Real `vetnet` processes on hosts that this test builds out of Linux
//! network namespaces (veth pairs, a bridge, nftables), so that what crosses
//! a network is tested for real: sites behind NAT that meet through a relay
//! and punch through to a direct connection, and a network split in two
//! halves that heals. No traffic leaves the namespaces the test creates.
//!
//! It needs root, `ip` (iproute2) and `nft` (nftables); CI runs as root and
//! `.ci/netns-deps` installs both. Elsewhere each test prints why it is
//! skipped and passes.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A set of namespaces made by one test, deleted (with the processes in
/// them) when dropped. Names carry the process id and a counter, so that
/// parallel tests and runs never share one.
struct Lab {
    prefix: String,
    namespaces: Vec<String>,
    nodes: Vec<NodeProcess>,
    dir: tempfile::TempDir,
}

static LABS: AtomicU32 = AtomicU32::new(0);

/// Why this machine cannot run the namespace tests, if it cannot.
fn unavailable() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let root = status.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"));
    if !root {
        return Some("not root".to_owned());
    }
    for tool in ["ip", "nft"] {
        if Command::new(tool).arg("-V").output().is_err() {
            return Some(format!("`{tool}` is not installed (.ci/netns-deps installs it)"));
        }
    }
    let probe = format!("vnprobe{}-{}", std::process::id(), LABS.fetch_add(1, Ordering::Relaxed));
    let made = Command::new("ip").args(["netns", "add", &probe]).output();
    let _ = Command::new("ip").args(["netns", "del", &probe]).output();
    match made {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(format!("cannot create a network namespace: {}", String::from_utf8_lossy(&out.stderr).trim())),
        Err(e) => Some(format!("cannot run ip: {e}")),
    }
}

/// Runs a command and fails the test with its output if it fails.
fn must(command: &mut Command) -> Output {
    let output = command.output().unwrap_or_else(|e| panic!("{command:?} does not run: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn ip(args: &[&str]) {
    must(Command::new("ip").args(args));
}

impl Lab {
    /// A new lab, or `None` (with the reason printed) on a machine that
    /// cannot make namespaces.
    fn new(test: &str) -> Option<Lab> {
        if let Some(reason) = unavailable() {
            eprintln!("skipped {test}: {reason}");
            return None;
        }
        let n = LABS.fetch_add(1, Ordering::Relaxed);
        let prefix = format!("v{}{}", std::process::id() % 100_000, n);
        Some(Lab { prefix, namespaces: Vec::new(), nodes: Vec::new(), dir: tempfile::tempdir().unwrap() })
    }

    /// The full name of the lab's namespace or interface `short`.
    fn name(&self, short: &str) -> String {
        let name = format!("{}{short}", self.prefix);
        assert!(name.len() <= 15, "interface name {name} is too long");
        name
    }

    /// A new namespace (a host) with its loopback up.
    fn host(&mut self, short: &str) -> String {
        let ns = self.name(short);
        ip(&["netns", "add", &ns]);
        self.namespaces.push(ns.clone());
        ip(&["-n", &ns, "link", "set", "lo", "up"]);
        ns
    }

    /// A cable between two hosts: a veth pair, an address at each end.
    fn cable(&self, (ns1, if1, addr1): (&str, &str, &str), (ns2, if2, addr2): (&str, &str, &str)) {
        let (if1, if2) = (self.name(if1), self.name(if2));
        ip(&["link", "add", &if1, "type", "veth", "peer", "name", &if2]);
        ip(&["link", "set", &if1, "netns", ns1]);
        ip(&["link", "set", &if2, "netns", ns2]);
        for (ns, dev, addr) in [(ns1, &if1, addr1), (ns2, &if2, addr2)] {
            if !addr.is_empty() {
                ip(&["-n", ns, "addr", "add", addr, "dev", dev]);
            }
            ip(&["-n", ns, "link", "set", dev, "up"]);
        }
    }

    fn route_default(&self, ns: &str, via: &str) {
        ip(&["-n", ns, "route", "add", "default", "via", via]);
    }

    fn forward(&self, ns: &str) {
        must(Command::new("ip").args(["netns", "exec", ns, "sysctl", "-qw", "net.ipv4.ip_forward=1"]));
    }

    /// Loads an nftables ruleset into a host.
    fn nft(&self, ns: &str, rules: &str) {
        let mut child = Command::new("ip")
            .args(["netns", "exec", ns, "nft", "-f", "-"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("nft runs");
        std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), rules.as_bytes()).expect("rules written");
        let output = child.wait_with_output().expect("nft ends");
        assert!(output.status.success(), "nft refused:\n{rules}\n{}", String::from_utf8_lossy(&output.stderr));
    }

    /// A home router: masquerades what leaves by `wan`, and drops what
    /// arrives there unasked (as routers do; a reset instead would stop
    /// the simultaneous open that hole punching relies on). `random` maps
    /// each connection to a random port, which defeats hole punching.
    fn nat(&self, ns: &str, wan: &str, random: bool) {
        let wan = self.name(wan);
        let masquerade = if random { "masquerade random" } else { "masquerade" };
        self.forward(ns);
        self.nft(
            ns,
            &format!(
                "table ip nat {{\n chain postrouting {{\n  type nat hook postrouting priority srcnat;\n  oifname \"{wan}\" {masquerade}\n }}\n}}\n\
                 table inet filter {{\n chain input {{\n  type filter hook input priority filter;\n  iifname \"{wan}\" ct state new drop\n }}\n\
                  chain forward {{\n  type filter hook forward priority filter;\n  iifname \"{wan}\" ct state new drop\n }}\n}}\n"
            ),
        );
    }

    /// A new node's data directory, initialised.
    fn init(&self, name: &str) -> PathBuf {
        let dir = self.dir.path().join(name);
        let out = vetnet(None, &dir)
            .args(["init", "--name", &format!("{name} school"), "--country", "SE", "--kind", "vet-provider"])
            .output()
            .expect("vetnet init runs");
        assert!(out.status.success(), "init failed: {}", String::from_utf8_lossy(&out.stderr));
        dir
    }

    /// Starts `vetnet node run` in `ns` and waits for it to be ready.
    fn start(&mut self, ns: &str, dir: &Path, extra: &[&str]) -> Ready {
        let mut command = vetnet(Some(ns), dir);
        command.args(["--json", "node", "run", "--listen", "/ip4/0.0.0.0/tcp/4001", "--api", "127.0.0.1:7001"]);
        command.args(extra);
        let (process, ready) = NodeProcess::start(command, dir);
        self.nodes.push(process);
        ready
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        self.nodes.clear();
        for ns in &self.namespaces {
            let _ = Command::new("ip").args(["netns", "del", ns]).output();
        }
    }
}

/// `vetnet --data-dir dir`, inside namespace `ns` when given.
fn vetnet(ns: Option<&str>, dir: &Path) -> Command {
    let mut command = match ns {
        Some(ns) => {
            let mut c = Command::new("ip");
            c.args(["netns", "exec", ns, env!("CARGO_BIN_EXE_vetnet")]);
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_vetnet")),
    };
    command.arg("--data-dir").arg(dir).env("RUST_LOG", "info");
    command
}

/// What a node said when it was ready.
struct Ready {
    peer_id: String,
}

/// A running node, killed when dropped; its log is `node.log` in its data
/// directory (printed by a failing test).
struct NodeProcess(Child);

impl NodeProcess {
    fn start(mut command: Command, dir: &Path) -> (Self, Ready) {
        let log = std::fs::File::create(dir.join("node.log")).expect("log file");
        let mut child = command.stdout(Stdio::piped()).stderr(log).spawn().expect("vetnet starts");
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        let process = NodeProcess(child);
        let mut text = String::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        let ready: Value = loop {
            assert!(Instant::now() < deadline, "the node did not report ready: {text}");
            let mut line = String::new();
            if reader.read_line(&mut line).expect("read stdout") == 0 {
                panic!("the node exited before it was ready: {text}\n{}", log_of(dir));
            }
            text.push_str(&line);
            if let Ok(value) = serde_json::from_str::<Value>(&text) {
                break value;
            }
        };
        let peer_id = ready["peer_id"].as_str().expect("peer_id").to_owned();
        (process, Ready { peer_id })
    }
}

impl Drop for NodeProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn log_of(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("node.log")).unwrap_or_default()
}

/// `vetnet --json ARGS` against the node of `dir` in `ns`, as JSON.
fn cli(ns: &str, dir: &Path, args: &[&str]) -> Value {
    let output = vetnet(Some(ns), dir).arg("--json").args(args).output().expect("vetnet runs");
    assert!(output.status.success(), "vetnet {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON answer")
}

fn publish(ns: &str, dir: &Path, id: &str) {
    let offer = cli(
        ns,
        dir,
        &[
            "offer",
            "publish",
            "--id",
            id,
            "--title",
            "Welding placement",
            "--sector",
            "0715",
            "--eqf",
            "4",
            "--places",
            "1",
            "--start",
            "2027-03-01",
            "--weeks",
            "4",
        ],
    );
    assert_eq!(offer["id"], id, "the published offer");
}

/// The offer ids the node of `dir` holds from the whole network.
fn offer_ids(ns: &str, dir: &Path) -> BTreeSet<String> {
    let hits = cli(ns, dir, &["search", "offers", "--limit", "1000"]);
    hits.as_array().expect("a list").iter().filter_map(|h| h["id"].as_str().map(str::to_owned)).collect()
}

/// The addresses of this node's connections to `peer`.
fn connection_addrs(ns: &str, dir: &Path, peer: &str) -> Vec<String> {
    let peers = cli(ns, dir, &["peers"]);
    peers
        .as_array()
        .expect("a list")
        .iter()
        .filter(|p| p["peer_id"] == peer)
        .flat_map(|p| p["addrs"].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a.as_str().map(str::to_owned))
        .collect()
}

/// Polls `done` every 250 ms until it holds, or fails with `what` (and the
/// logs of `dirs`) at the deadline.
fn wait_until(deadline: Duration, what: &str, dirs: &[&Path], mut done: impl FnMut() -> bool) {
    let end = Instant::now() + deadline;
    while !done() {
        if Instant::now() > end {
            let logs: Vec<String> = dirs.iter().map(|d| format!("--- {}\n{}", d.display(), log_of(d))).collect();
            panic!("{what} did not happen within {deadline:?}\n{}", logs.join("\n"));
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// Two sites, each a host behind its own home router, and a relay on the
/// "internet" between the routers:
///
/// ```text
///  site a 192.168.1.2 ── nat a [7.7.1.2] ── 7.7.1.1 relay 7.7.2.1 ── [7.7.2.2] nat b ── 192.168.2.2 site b
/// ```
///
/// The public-looking addresses exist only inside these namespaces.
struct NatSites {
    lab: Lab,
    a: (String, PathBuf, String),
    b: (String, PathBuf, String),
}

fn nat_sites(test: &str, random_ports: bool) -> Option<NatSites> {
    let mut lab = Lab::new(test)?;
    let relay = lab.host("r");
    let (nat_a, nat_b) = (lab.host("na"), lab.host("nb"));
    let (site_a, site_b) = (lab.host("a"), lab.host("b"));
    lab.cable((&relay, "ra", "7.7.1.1/24"), (&nat_a, "aw", "7.7.1.2/24"));
    lab.cable((&relay, "rb", "7.7.2.1/24"), (&nat_b, "bw", "7.7.2.2/24"));
    lab.cable((&nat_a, "al", "192.168.1.1/24"), (&site_a, "ah", "192.168.1.2/24"));
    lab.cable((&nat_b, "bl", "192.168.2.1/24"), (&site_b, "bh", "192.168.2.2/24"));
    lab.forward(&relay);
    lab.route_default(&nat_a, "7.7.1.1");
    lab.route_default(&nat_b, "7.7.2.1");
    lab.route_default(&site_a, "192.168.1.1");
    lab.route_default(&site_b, "192.168.2.1");
    lab.nat(&nat_a, "aw", random_ports);
    lab.nat(&nat_b, "bw", random_ports);

    let relay_dir = lab.init("relay");
    let external = ["--external", "/ip4/7.7.1.1/tcp/4001", "--external", "/ip4/7.7.2.1/tcp/4001"];
    let relay_ready = lab.start(&relay, &relay_dir, &[&["--relay-server"][..], &external[..]].concat());
    let r = relay_ready.peer_id;
    let (dir_a, dir_b) = (lab.init("a"), lab.init("b"));
    let a = lab.start(&site_a, &dir_a, &["--bootstrap", &format!("/ip4/7.7.1.1/tcp/4001/p2p/{r}")]).peer_id;
    let b = lab.start(&site_b, &dir_b, &["--bootstrap", &format!("/ip4/7.7.2.1/tcp/4001/p2p/{r}")]).peer_id;
    Some(NatSites { lab, a: (site_a, dir_a, a), b: (site_b, dir_b, b) })
}

/// How long AutoNAT, the relay reservation and the lookup that finds the
/// other site may take (AutoNAT's first probe alone waits 15 s).
const MEET: Duration = Duration::from_secs(90);

#[test]
fn sites_behind_nat_meet_through_a_relay_and_punch_through() {
    let Some(sites) = nat_sites("sites_behind_nat_meet_through_a_relay_and_punch_through", false) else { return };
    let (ns_a, dir_a, _) = &sites.a;
    let (ns_b, dir_b, peer_b) = &sites.b;
    publish(ns_a, dir_a, "behind-nat-a");
    publish(ns_b, dir_b, "behind-nat-b");
    wait_until(MEET, "a direct connection from site a to site b", &[dir_a, dir_b], || {
        connection_addrs(ns_a, dir_a, peer_b).iter().any(|a| a.starts_with("/ip4/7.7.2.2/"))
    });
    wait_until(MEET, "both sites holding both offers", &[dir_a, dir_b], || {
        let both: BTreeSet<String> = ["behind-nat-a".to_owned(), "behind-nat-b".to_owned()].into();
        offer_ids(ns_a, dir_a) == both && offer_ids(ns_b, dir_b) == both
    });
    assert!(
        log_of(dir_a).contains("direct connection by hole punching")
            || log_of(dir_b).contains("direct connection by hole punching")
    );
    drop(sites.lab);
}

#[test]
fn sites_behind_port_randomising_nat_stay_relayed_and_still_exchange_records() {
    let test = "sites_behind_port_randomising_nat_stay_relayed_and_still_exchange_records";
    let Some(sites) = nat_sites(test, true) else { return };
    let (ns_a, dir_a, _) = &sites.a;
    let (ns_b, dir_b, peer_b) = &sites.b;
    wait_until(MEET, "a relayed connection from site a to site b", &[dir_a, dir_b], || {
        !connection_addrs(ns_a, dir_a, peer_b).is_empty()
    });
    publish(ns_a, dir_a, "relayed-a");
    wait_until(MEET, "site b holding site a's offer", &[dir_a, dir_b], || offer_ids(ns_b, dir_b).contains("relayed-a"));
    let addrs = connection_addrs(ns_a, dir_a, peer_b);
    assert!(
        addrs.iter().all(|a| !a.starts_with("/ip4/7.7.2.2/")),
        "a router that randomises ports cannot be punched through, yet: {addrs:?}"
    );
    drop(sites.lab);
}

/// Six hosts on one switch (a bridge in its own namespace), 10.77.0.1–6;
/// every node bootstraps from the first node of each half (hosts 0 and 3).
/// The switch splits the halves {0,1,2} and {3,4,5} for a minute while both
/// sides publish; once it heals, every node holds the same set of records.
#[test]
fn a_network_split_in_two_for_a_minute_heals_to_identical_sets() {
    let Some(mut lab) = Lab::new("a_network_split_in_two_for_a_minute_heals_to_identical_sets") else { return };
    let switch = lab.host("sw");
    ip(&["-n", &switch, "link", "add", "name", "br0", "type", "bridge"]);
    ip(&["-n", &switch, "link", "set", "br0", "up"]);
    let mut hosts = Vec::new();
    for i in 0..6 {
        let host = lab.host(&format!("h{i}"));
        lab.cable((&switch, &format!("p{i}"), ""), (&host, &format!("e{i}"), &format!("10.77.0.{}/24", i + 1)));
        ip(&["-n", &switch, "link", "set", &lab.name(&format!("p{i}")), "master", "br0"]);
        hosts.push(host);
    }
    let dirs: Vec<PathBuf> = (0..6).map(|i| lab.init(&format!("h{i}"))).collect();
    let first = lab.start(&hosts[0], &dirs[0], &[]).peer_id;
    let fourth = lab.start(&hosts[3], &dirs[3], &["--bootstrap", &format!("/ip4/10.77.0.1/tcp/4001/p2p/{first}")]);
    let seeds =
        [format!("/ip4/10.77.0.1/tcp/4001/p2p/{first}"), format!("/ip4/10.77.0.4/tcp/4001/p2p/{}", fourth.peer_id)];
    for i in [1, 2, 4, 5] {
        lab.start(&hosts[i], &dirs[i], &["--bootstrap", &seeds[0], "--bootstrap", &seeds[1]]);
    }
    let all: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    let holds = |i: usize, ids: &[&str]| {
        let held = offer_ids(&hosts[i], &dirs[i]);
        ids.iter().all(|id| held.contains(*id))
    };

    publish(&hosts[1], &dirs[1], "before-split");
    wait_until(Duration::from_secs(60), "every node holding the first offer", &all, || {
        (0..6).all(|i| holds(i, &["before-split"]))
    });

    let split = || {
        let ports = |range: std::ops::Range<usize>| {
            range.map(|i| format!("\"{}\"", lab.name(&format!("p{i}")))).collect::<Vec<_>>().join(", ")
        };
        let (left, right) = (ports(0..3), ports(3..6));
        format!(
            "table bridge split {{\n chain forward {{\n  type filter hook forward priority filter;\n  \
             iifname {{ {left} }} oifname {{ {right} }} drop\n  iifname {{ {right} }} oifname {{ {left} }} drop\n }}\n}}\n"
        )
    };
    lab.nft(&switch, &split());
    let split_at = Instant::now();
    publish(&hosts[1], &dirs[1], "left-1");
    publish(&hosts[2], &dirs[2], "left-2");
    publish(&hosts[4], &dirs[4], "right-4");
    publish(&hosts[5], &dirs[5], "right-5");
    wait_until(Duration::from_secs(50), "each half holding its own side's offers", &all, || {
        (0..3).all(|i| holds(i, &["left-1", "left-2"])) && (3..6).all(|i| holds(i, &["right-4", "right-5"]))
    });
    assert!((0..3).all(|i| !holds(i, &["right-4"])) && (3..6).all(|i| !holds(i, &["left-1"])), "the split leaks");
    // The split lasts a minute: long enough for every connection across it
    // to time out, so that healing needs new dials, not retransmissions.
    std::thread::sleep(Duration::from_secs(60).saturating_sub(split_at.elapsed()));
    must(Command::new("ip").args(["netns", "exec", &switch, "nft", "delete", "table", "bridge", "split"]));

    let healed_at = Instant::now();
    let every = ["before-split", "left-1", "left-2", "right-4", "right-5"];
    wait_until(Duration::from_secs(240), "identical sets on all six nodes after healing", &all, || {
        (0..6).all(|i| holds(i, &every))
    });
    let sets: Vec<BTreeSet<String>> = (0..6).map(|i| offer_ids(&hosts[i], &dirs[i])).collect();
    assert!(sets.windows(2).all(|w| w[0] == w[1]), "the sets differ: {sets:?}");
    eprintln!(
        "healed: all six nodes hold the same {} offers {:?} after the split ended",
        sets[0].len(),
        healed_at.elapsed()
    );
}
