//! The data directory is private whatever the operator's umask or the
//! directory's prior mode (issue 16, F4): the real `vetnet` binary, run
//! under `umask 000` on a directory made 0755, leaves every directory 0700
//! and every file 0600, and a start tightens (and names) what became too open.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long the node may take to start.
const START_DEADLINE: Duration = Duration::from_secs(20);

/// `vetnet --data-dir DIR ARGS` run through `sh` with `umask 000`.
fn vetnet_with_umask_000(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("umask 000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_vetnet"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("VETNET_HOME")
        .env("NO_COLOR", "1");
    command
}

fn succeed(mut command: Command) -> Output {
    let output = command.output().expect("run vetnet");
    assert!(output.status.success(), "vetnet failed: {}", String::from_utf8_lossy(&output.stderr));
    output
}

/// Every path under `root` (itself included) with its permission bits.
fn modes(root: &Path) -> Vec<(PathBuf, bool, u32)> {
    let mut found = Vec::new();
    let mut todo = vec![root.to_owned()];
    while let Some(path) = todo.pop() {
        let meta = std::fs::symlink_metadata(&path).expect("stat");
        if meta.is_dir() {
            for entry in std::fs::read_dir(&path).expect("list") {
                todo.push(entry.expect("entry").path());
            }
        }
        found.push((path, meta.is_dir(), meta.permissions().mode() & 0o7777));
    }
    found
}

/// Asserts every directory under `root` is 0700 and every file 0600.
fn assert_private(root: &Path, when: &str) {
    let all = modes(root);
    assert!(all.iter().any(|(path, _, _)| path.ends_with("db")), "{when}: the store exists");
    for (path, is_dir, mode) in all {
        let want = if is_dir { 0o700 } else { 0o600 };
        assert_eq!(mode, want, "{when}: {} is {mode:04o}, not {want:04o}", path.display());
    }
}

/// Starts `vetnet node run` (umask 000, loopback, port 0) logging to `log`,
/// and waits until it wrote its runtime file.
fn start_node(dir: &Path, log: &Path) -> Child {
    let mut command =
        vetnet_with_umask_000(dir, &["node", "run", "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"]);
    let log = std::fs::File::create(log).expect("create the log");
    let mut child = command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(log).spawn().expect("start the node");
    let started = Instant::now();
    while !dir.join("node.toml").exists() {
        if let Some(status) = child.try_wait().expect("poll the node") {
            panic!("the node exited before it was up: {status}");
        }
        assert!(started.elapsed() < START_DEADLINE, "the node did not start within {START_DEADLINE:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn an_open_directory_and_umask_000_still_give_private_files() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    set_mode(&home, 0o755);
    succeed(vetnet_with_umask_000(
        &home,
        &["init", "--name", "Private School", "--country", "SE", "--kind", "vet-provider"],
    ));
    assert_private(&home, "after init");

    // A start fixes modes that became too open, and names each one.
    set_mode(&home, 0o755);
    set_mode(&home.join("db"), 0o777);
    set_mode(&home.join("node.key"), 0o644);
    set_mode(&home.join("db").join("conf"), 0o666);
    let log_path = tmp.path().join("node.log");
    let mut node = start_node(&home, &log_path);
    assert_private(&home, "while the node runs");
    let _ = node.kill();
    let _ = node.wait();
    let log = std::fs::read_to_string(&log_path).unwrap();
    for (file, old) in [("node.key", "0644"), ("conf", "0666"), ("db", "0777")] {
        assert!(
            log.lines().any(|line| line.contains(file) && line.contains(old) && line.contains("WARN")),
            "the log names {file} and its old mode {old}:\n{log}"
        );
    }
    assert_private(&home, "after the node stopped");
}
