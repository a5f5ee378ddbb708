//! What the process tests of the CLI share: `vetnet --data-dir DIR`, and a
//! running `vetnet node run` that is killed when dropped. A test file takes it
//! with `mod common;`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `vetnet --data-dir dir`, logging warnings only, with no terminal input.
pub fn vetnet(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vetnet"));
    command.arg("--data-dir").arg(dir).env("RUST_LOG", "warn").stdin(Stdio::null());
    command
}

/// A running node; killed with SIGKILL when dropped.
pub struct NodeProcess(pub Child);

impl Drop for NodeProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `vetnet node run` on loopback ports of its own choosing and waits
/// (at most 20 s) for its JSON "ready" document.
pub fn start_node(dir: &Path) -> NodeProcess {
    // Owned by a NodeProcess at once: a failed wait below kills it.
    let mut node = NodeProcess(
        vetnet(dir)
            .args(["--json", "node", "run", "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("vetnet starts"),
    );
    let mut reader = BufReader::new(node.0.stdout.take().expect("stdout"));
    let mut text = String::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        assert!(Instant::now() < deadline, "the node did not report ready");
        let mut line = String::new();
        assert!(reader.read_line(&mut line).expect("read stdout") > 0, "the node exited before it was ready: {text}");
        text.push_str(&line);
        if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
            return node;
        }
    }
}
