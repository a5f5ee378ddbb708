//! kill -9 during a stream of publishes: after a restart, every offer the CLI
//! reported as published is still there, and the database opens cleanly.

use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;
use common::{start_node, vetnet};

fn publish(dir: &Path, id: &str) -> bool {
    vetnet(dir)
        .args(["--json", "offer", "publish", "--id", id, "--title", "Durable offer", "--sector", "0715"])
        .args(["--eqf", "4", "--places", "1", "--start", "2027-03-01", "--weeks", "4"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn held_offer_ids(dir: &Path) -> Vec<String> {
    let output = vetnet(dir).args(["--json", "offer", "list"]).output().expect("offer list runs");
    assert!(output.status.success(), "offer list failed: {}", String::from_utf8_lossy(&output.stderr));
    let offers: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    offers.as_array().expect("array").iter().map(|o| o["id"].as_str().expect("id").to_owned()).collect()
}

#[test]
fn kill_9_during_publishes_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let init = vetnet(dir.path())
        .args(["init", "--name", "Durable School", "--country", "SE", "--kind", "vet-provider"])
        .output()
        .unwrap();
    assert!(init.status.success());

    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    for cycle in 0..3 {
        let node = start_node(dir.path());
        let stop = Arc::new(AtomicBool::new(false));
        let publisher = {
            let (dir, acknowledged, stop) = (dir.path().to_owned(), acknowledged.clone(), stop.clone());
            std::thread::spawn(move || {
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let id = format!("c{cycle}-{i}");
                    if publish(&dir, &id) {
                        acknowledged.lock().unwrap().push(id);
                    }
                }
            })
        };
        // Let a stream of publishes run, then kill the node in the middle of it.
        let target = (cycle + 1) * 15;
        let deadline = Instant::now() + Duration::from_secs(60);
        while acknowledged.lock().unwrap().len() < target {
            assert!(Instant::now() < deadline, "publishing stalled");
            std::thread::sleep(Duration::from_millis(5));
        }
        drop(node); // SIGKILL, while the publisher keeps going
        stop.store(true, Ordering::Relaxed);
        publisher.join().unwrap();

        let _node = start_node(dir.path());
        let held = held_offer_ids(dir.path());
        let acknowledged = acknowledged.lock().unwrap();
        let lost: Vec<&String> = acknowledged.iter().filter(|id| !held.contains(id)).collect();
        assert!(lost.is_empty(), "cycle {cycle}: acknowledged but lost after kill -9: {lost:?}");
        assert!(acknowledged.len() >= target);
    }
}
