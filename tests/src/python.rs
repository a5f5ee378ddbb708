//! Independent readers written in Python: a script run by the system's
//! `/usr/bin/python3` (where the `.ci/*-deps` scripts install Debian's
//! Python packages), fed on stdin, answering JSON on stdout.

use std::io::Write as _;
use std::process::{Command, Stdio};

/// A Python package a reader needs, and how CI installs it.
pub struct Needs {
    /// The module name Python reports missing (`icalendar`).
    pub module: &'static str,
    /// What to run to get it (`.ci/ics-deps (apt-get install python3-icalendar)`).
    pub install: &'static str,
}

/// Runs `script` on `input` and parses what it prints as JSON. Panics, naming
/// what to install, when Python or the module is missing, and with Python's
/// message and `input` when the script fails (the reader refused the input).
pub fn read_json(script: &str, input: &[u8], needs: &Needs) -> serde_json::Value {
    let python = "/usr/bin/python3";
    let child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = child.unwrap_or_else(|e| panic!("{python} is needed to read the output independently: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).expect("the input goes to python");
    }
    let output = child.wait_with_output().expect("python ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains(&format!("No module named '{}'", needs.module)) {
        panic!("Python's {} package is missing: run {}", needs.module, needs.install);
    }
    assert!(
        output.status.success(),
        "{} refused the input: {stderr}\n{}",
        needs.module,
        String::from_utf8_lossy(input)
    );
    serde_json::from_slice(&output.stdout).expect("the reader prints JSON")
}
