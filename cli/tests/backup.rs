//! `vetnet backup` and `vetnet restore` as an operator runs them: real
//! `vetnet` processes, a passphrase file, the archive written 0600, a restore
//! drill into a new directory (same did:key and peer id, the offers back),
//! and the refusals in plain words with a non-zero exit.

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};

use serde_json::Value;

mod common;
use common::{start_node, vetnet};

fn run(command: &mut Command) -> Output {
    command.output().expect("vetnet runs")
}

fn json(output: &Output) -> Value {
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_backup_of_a_running_node_restores_into_a_new_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let (home, restored) = (tmp.path().join("home"), tmp.path().join("restored"));
    let init = ["init", "--name", "Backup School", "--country", "SE", "--kind", "vet-provider"];
    assert!(run(vetnet(&home).args(init)).status.success());
    let passphrase = tmp.path().join("passphrase");
    std::fs::write(&passphrase, "a long passphrase for tests\n").unwrap();
    let short = tmp.path().join("short");
    std::fs::write(&short, "short\n").unwrap();
    let archive = tmp.path().join("school.vetnet-backup");

    let node = start_node(&home);
    let publish = ["--json", "offer", "publish", "--id", "welding", "--title", "Welding", "--sector", "0715"];
    let output = run(vetnet(&home)
        .args(publish)
        .args(["--eqf", "4", "--places", "1", "--start", "2027-03-01"])
        .args(["--weeks", "4"]));
    json(&output);
    let status = json(&run(vetnet(&home).args(["--json", "status"])));

    // No terminal and no passphrase file: refused, never asked on the command line.
    let output = run(vetnet(&home).arg("backup").arg(&archive));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--passphrase-file"), "{}", stderr(&output));
    let output = run(vetnet(&home).arg("backup").arg(&archive).arg("--passphrase-file").arg(&short));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("at least 12 characters"), "{}", stderr(&output));
    assert!(!archive.exists());

    let output = run(vetnet(&home).args(["--json", "backup"]).arg(&archive).arg("--passphrase-file").arg(&passphrase));
    let view = json(&output);
    assert_eq!(view["contents"]["institution"], status["institution"]);
    assert_eq!(view["contents"]["own_records"]["offer"], 1);
    let mode = std::fs::metadata(&archive).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the archive holds the keys: it is private");
    drop(node);

    // A wrong passphrase, and a restore over the institution's own directory.
    let wrong = tmp.path().join("wrong");
    std::fs::write(&wrong, "this is not the passphrase\n").unwrap();
    let output = run(vetnet(&restored).arg("restore").arg(&archive).arg("--passphrase-file").arg(&wrong));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the passphrase does not open this backup archive"), "{}", stderr(&output));
    let output = run(vetnet(&home).arg("restore").arg(&archive).arg("--passphrase-file").arg(&passphrase));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("already holds this institution"), "{}", stderr(&output));

    // The drill: restore into a new directory and run it.
    let output =
        run(vetnet(&restored).args(["--json", "restore"]).arg(&archive).arg("--passphrase-file").arg(&passphrase));
    let report = json(&output);
    assert_eq!(report["records_restored"], 2, "the profile and the offer: {report}");
    let _node = start_node(&restored);
    let again = json(&run(vetnet(&restored).args(["--json", "status"])));
    assert_eq!(again["institution"], status["institution"], "the same did:key");
    assert_eq!(again["peer_id"], status["peer_id"], "the same peer id");
    let offers = json(&run(vetnet(&restored).args(["--json", "offer", "list"])));
    assert_eq!(offers.as_array().map(Vec::len), Some(1), "{offers}");
    for key in ["institution.key", "node.key", "config.toml"] {
        let mode = std::fs::metadata(restored.join(key)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{key}");
    }
}
