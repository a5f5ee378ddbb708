//! `GET /health` on a real node's admin address, over real TCP: answered
//! without the token, with live and ready and nothing else; 503 while the
//! data directory refuses the write probe, 200 again once it takes it; and
//! behind the same Host check as everything the admin address serves.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use vetnet_tests::{TestNode, spawn};

/// How long the node may take to change its verdict (it keeps one for a second).
const DEADLINE: Duration = Duration::from_secs(10);

/// `GET /health` with no token, with `host` as the Host header when given.
async fn health(node: &TestNode, host: Option<&str>) -> (u16, String) {
    let url = format!("http://{}/health", node.node.info().api_addr);
    let mut request = reqwest::Client::new().get(url);
    if let Some(host) = host {
        request = request.header(reqwest::header::HOST, host);
    }
    let response = request.send().await.expect("the admin address answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a body"))
}

/// Polls `/health` until it answers `status`, or fails the test at the deadline.
async fn wait_for_health(node: &TestNode, status: u16) -> Value {
    let start = Instant::now();
    loop {
        let (got, body) = health(node, None).await;
        if got == status {
            return serde_json::from_str(&body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"));
        }
        assert!(start.elapsed() < DEADLINE, "/health still answers {got} {body} after {DEADLINE:?}, not {status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_says_live_and_ready_without_the_token_and_nothing_else() {
    let node = spawn("Health", "SE", &[]).await;
    let (status, body) = health(&node, None).await;
    assert_eq!(status, 200, "{body}");
    // Exactly these two fields: no version, peer id or counts.
    assert_eq!(serde_json::from_str::<Value>(&body).expect("JSON"), json!({ "live": true, "ready": true }));

    // The Host check still holds (DNS rebinding): only the node's own names.
    let (status, body) = health(&node, Some("evil.example")).await;
    assert_eq!(status, 421, "{body}");
    let port = node.node.info().api_addr.port();
    let (status, _) = health(&node, Some(&format!("localhost:{port}"))).await;
    assert_eq!(status, 200);

    // Only GET: the path offers nothing to change.
    let url = format!("http://{}/health", node.node.info().api_addr);
    let post = reqwest::Client::new().post(url).send().await.expect("the admin address answers");
    assert_eq!(post.status().as_u16(), 405);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_is_503_while_the_data_directory_refuses_writes() {
    let node = spawn("Health", "SE", &[]).await;
    wait_for_health(&node, 200).await;
    // A directory where the probe file goes: its write fails, as on a full
    // or read-only disk (root, which runs CI, is not stopped by modes).
    // (`health.probe` in the data directory: `admin::health::PROBE_FILE`.)
    let probe = node.dir.path().join("health.probe");
    std::fs::create_dir(&probe).expect("block the probe");
    let body = wait_for_health(&node, 503).await;
    assert_eq!(body, json!({ "live": true, "ready": false }));
    std::fs::remove_dir(&probe).expect("unblock the probe");
    assert_eq!(wait_for_health(&node, 200).await, json!({ "live": true, "ready": true }));
}
