//! The invariants of ARCHITECTURE.md that a test can check, read off the
//! sources and manifests of the workspace. Each failure names the file and
//! the rule it breaks.

use std::fs;
use std::path::{Path, PathBuf};

/// The workspace root (this crate lives in `node/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("node/ has a parent").to_owned()
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
                found.push((path, text));
            }
        }
    }
    found.sort();
    found
}

/// The lines of a file that are not comments, numbered from 1: a rule may
/// name a forbidden thing in a comment that explains why it is absent.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")).map(|(i, l)| (i + 1, l))
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// The `[dependencies]` table of a crate's manifest, as names.
fn dependencies(manifest: &Path) -> Vec<String> {
    let text = fs::read_to_string(manifest).expect("manifest readable");
    let value: toml::Table = text.parse().expect("manifest is TOML");
    value.get("dependencies").and_then(|d| d.as_table()).map(|t| t.keys().cloned().collect()).unwrap_or_default()
}

/// Breaks found by `check`, one line each.
fn forbid(dir: &str, what: &[&str], why: &str) -> Vec<String> {
    let mut breaks = Vec::new();
    for (path, text) in sources(&root().join(dir)) {
        for (line, code) in code_lines(&text) {
            for word in what {
                if code.contains(word) {
                    breaks.push(format!("{}:{line}: `{word}`: {why}", relative(&path)));
                }
            }
        }
    }
    breaks
}

fn assert_none(breaks: Vec<String>) {
    assert!(breaks.is_empty(), "ARCHITECTURE.md invariants broken:\n{}", breaks.join("\n"));
}

#[test]
fn protocol_does_no_io() {
    let deps = dependencies(&root().join("protocol/Cargo.toml"));
    let io_crates = ["tokio", "sled", "libp2p", "axum", "reqwest", "hyper", "getrandom", "rand"];
    let mut breaks: Vec<String> = deps
        .iter()
        .filter(|d| io_crates.contains(&d.as_str()))
        .map(|d| format!("protocol/Cargo.toml: depends on {d}: the protocol crate does no I/O"))
        .collect();
    breaks.extend(forbid(
        "protocol/src",
        &["std::fs", "std::net", "std::process", "SystemTime::now", "Utc::now", "Local::now"],
        "the protocol crate does no I/O and reads the clock only through ValidationContext::now",
    ));
    assert_none(breaks);
}

#[test]
fn credential_does_no_io_clock_or_randomness() {
    let deps = dependencies(&root().join("credential/Cargo.toml"));
    let forbidden = ["tokio", "sled", "libp2p", "reqwest", "getrandom", "rand"];
    let mut breaks: Vec<String> = deps
        .iter()
        .filter(|d| forbidden.contains(&d.as_str()))
        .map(|d| format!("credential/Cargo.toml: depends on {d}: the credential crate does no I/O"))
        .collect();
    breaks.extend(forbid(
        "credential/src",
        &["std::fs", "std::net", "SystemTime::now", "Utc::now", "Local::now", "getrandom"],
        "the credential crate does no I/O, reads no clock and draws no randomness (callers pass them)",
    ));
    assert_none(breaks);
}

#[test]
fn only_the_network_module_touches_the_swarm() {
    let network = root().join("node/src/network");
    let mut breaks = Vec::new();
    for (path, text) in sources(&root().join("node/src")) {
        if path.starts_with(&network) || path == root().join("node/src/network.rs") {
            continue;
        }
        for (line, code) in code_lines(&text) {
            if code.contains("Swarm") || code.contains("swarm::") {
                breaks.push(format!("{}:{line}: only node/src/network touches the libp2p Swarm", relative(&path)));
            }
        }
    }
    assert_none(breaks);
}

#[test]
fn channels_are_bounded() {
    // clippy.toml bans the unbounded constructors; this keeps that ban in place.
    let clippy = fs::read_to_string(root().join("clippy.toml")).expect("clippy.toml");
    for banned in
        ["tokio::sync::mpsc::unbounded_channel", "futures::channel::mpsc::unbounded", "std::sync::mpsc::channel"]
    {
        assert!(clippy.contains(banned), "clippy.toml must ban {banned}");
    }
}

#[test]
fn no_node_source_file_is_over_700_lines() {
    let breaks: Vec<String> = sources(&root().join("node/src"))
        .into_iter()
        .filter(|(_, text)| text.lines().count() > 700)
        .map(|(path, text)| {
            format!("{}: {} lines; split it by concern (at most 700)", relative(&path), text.lines().count())
        })
        .collect();
    assert_none(breaks);
}
