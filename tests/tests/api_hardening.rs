//! The admin address against a careless or hostile local client (issue 16,
//! F5-F9), over real TCP sockets to a real node:
//!
//! - F5: a record over the size limit is a 400 naming the field that made
//!   it too big, never a 500.
//! - F6: a slowloris connection is closed within the header timeout; a
//!   request announcing a 10 GB body gets an immediate 413; a body that
//!   stops coming gets a 408; connections over the cap wait (in the listen
//!   backlog) and are served as soon as one frees.
//! - F7: an unknown field is refused with the nearest known one; records
//!   from the network still carry unknown fields unharmed.
//! - F8/F9: every error under `/v1/`, whatever layer makes it, is JSON.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use vetnet_node::DataDir;
use vetnet_protocol::{InstitutionKey, Payload, RecordKind};
use vetnet_tests::{ApiClient, TestNode, ingest_all, spawn};

/// The admin address's header and body timeouts (`AdminLimits::default`).
const TIMEOUT: Duration = Duration::from_secs(10);
/// The admin address's connection cap (`AdminLimits::default`).
const MAX_CONNECTIONS: usize = 64;

fn api_addr(node: &TestNode) -> SocketAddr {
    node.node.info().api_addr
}

fn token(node: &TestNode) -> String {
    DataDir::new(node.dir.path()).api_token().expect("the node has an API token")
}

/// An answer read off a raw socket: the status, the headers (lower-case
/// names) and the body.
struct RawAnswer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl RawAnswer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }
}

/// Reads one HTTP/1.1 answer (with a `Content-Length`) from `stream`.
async fn read_answer(stream: &mut TcpStream) -> RawAnswer {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
            let mut lines = head.split("\r\n");
            let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status");
            let headers: Vec<(String, String)> = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
                .collect();
            let length: usize = headers
                .iter()
                .find(|(n, _)| n == "content-length")
                .and_then(|(_, v)| v.parse().ok())
                .expect("a content-length");
            if buffer.len() >= end + 4 + length {
                let body = buffer[end + 4..end + 4 + length].to_vec();
                return RawAnswer { status, headers, body };
            }
        }
        let n = stream.read(&mut chunk).await.expect("the answer can be read");
        assert!(n > 0, "the connection closed before a whole answer: {:?}", String::from_utf8_lossy(&buffer));
        buffer.extend_from_slice(&chunk[..n]);
    }
}

/// Whether the server gives up on `stream` within `within`: it closes it
/// (EOF or reset) or answers before the request is whole.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut byte = [0u8; 1];
    tokio::time::timeout(within, stream.read(&mut byte)).await.is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversize_record_is_a_400_naming_the_field() {
    let node = spawn("Oversize", "SE", &[]).await;
    let api = ApiClient::new(&node);

    let mut offer = vetnet_tests::offer_json("long-title");
    offer["title"] = json!({ "en": "x".repeat(200_000) });
    let (status, error) = api.post("/v1/offers", &offer).await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(error["error"]["code"], "invalid");
    assert_eq!(error["error"]["field"], "body.title", "{error}");
    assert!(error["error"]["rule"].as_str().is_some_and(|r| r.contains("49152 bytes")), "{error}");

    let mut offer = vetnet_tests::offer_json("many-languages");
    offer["languages"] = (0..8_000).map(|_| json!({ "lang": "sv", "cefr": "B1" })).collect();
    let (status, error) = api.post("/v1/offers", &offer).await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(error["error"]["field"], "body.languages", "{error}");

    let (status, published) = api.post("/v1/offers", &vetnet_tests::offer_json("ordinary")).await;
    assert_eq!(status, 201, "an offer within the limit still publishes: {published}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_fields_are_refused_with_the_nearest_known_one() {
    let node = spawn("Unknown Fields", "SE", &[]).await;
    let api = ApiClient::new(&node);

    let mut offer = vetnet_tests::offer_json("typo");
    offer["deadlnie"] = json!("2027-01-01");
    let (status, error) = api.post("/v1/offers", &offer).await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(error["error"]["field"], "body.deadlnie");
    assert_eq!(error["error"]["rule"], "unknown field deadlnie; did you mean deadline?");

    let mut offer = vetnet_tests::offer_json("nested-typo");
    offer["conditions"] = json!({ "mentr": true });
    let (status, error) = api.post("/v1/offers", &offer).await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(error["error"]["field"], "body.conditions.mentr");
    assert_eq!(error["error"]["rule"], "unknown field mentr; did you mean mentor?");

    let (status, error) = api.put("/v1/profile", &json!({ "nmae": { "en": "X" } })).await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(error["error"]["field"], "body.nmae", "{error}");

    let (status, offers) = api.get("/v1/offers").await;
    assert_eq!((status, offers), (200, json!([])), "nothing was published");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_from_the_network_keep_ignoring_unknown_fields() {
    let node = spawn("Network Unknown", "SE", &[]).await;
    let key = InstitutionKey::from_secret_bytes(&[42; 32]);
    let offer = vetnet_tests::offer("Welding", "DE", "0715", 3);
    let mut body = serde_json::to_value(&offer).expect("the fixture encodes");
    body["a_field_of_a_later_version"] = json!("kept, not refused");
    let network = node.node.info().network.clone();
    let now = vetnet_node::publish::unix_now();
    let payload = Payload::with_body(&network, RecordKind::Offer, "later", 1, now, &body).expect("the payload encodes");
    let record = key.sign(&payload).expect("signs");
    assert_eq!(ingest_all(&node, &[record]), 1, "a record with an unknown field is accepted from the network");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slowloris_connection_is_closed_within_the_header_timeout() {
    let node = spawn("Slowloris", "SE", &[]).await;
    let mut stream = TcpStream::connect(api_addr(&node)).await.expect("connects");
    let started = Instant::now();
    let header = format!("GET /v1/status HTTP/1.1\r\nHost: {}\r\nX-Slow: {}", api_addr(&node), "a".repeat(100));
    let mut closed = false;
    for byte in header.bytes() {
        if stream.write_all(&[byte]).await.is_err() || closed_within(&mut stream, Duration::from_millis(250)).await {
            closed = true;
            break;
        }
        if started.elapsed() > TIMEOUT + Duration::from_secs(5) {
            break;
        }
    }
    assert!(closed, "a header sent a byte at a time is still open after {:?}", started.elapsed());
    assert!(started.elapsed() >= TIMEOUT - Duration::from_secs(1), "closed too early: {:?}", started.elapsed());

    let (status, _) = ApiClient::new(&node).get("/v1/status").await;
    assert_eq!(status, 200, "the node still answers");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_announced_body_is_an_immediate_json_413() {
    let node = spawn("Huge Body", "SE", &[]).await;
    let mut stream = TcpStream::connect(api_addr(&node)).await.expect("connects");
    let request = format!(
        "POST /v1/offers HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\n\
         Content-Length: 10000000000\r\n\r\n{{\"id\":",
        api_addr(&node),
        token(&node)
    );
    stream.write_all(request.as_bytes()).await.expect("sends the header");
    let answer = tokio::time::timeout(Duration::from_secs(2), read_answer(&mut stream))
        .await
        .expect("the 413 comes before any body is read");
    assert_eq!(answer.status, 413);
    assert_eq!(answer.json()["error"]["code"], "too_large", "{}", answer.json());

    // Just over the limit of 256 KiB: the same.
    let mut stream = TcpStream::connect(api_addr(&node)).await.expect("connects");
    let request = format!(
        "PUT /v1/profile HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        api_addr(&node),
        token(&node),
        256 * 1024 + 1
    );
    stream.write_all(request.as_bytes()).await.expect("sends the header");
    let answer = tokio::time::timeout(Duration::from_secs(2), read_answer(&mut stream)).await.expect("answered");
    assert_eq!(answer.status, 413);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(answer.json()["error"]["code"], "too_large");

    // A body that stops coming: a 408 once the body timeout is over.
    let mut stream = TcpStream::connect(api_addr(&node)).await.expect("connects");
    let request = format!(
        "POST /v1/offers HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\n\
         Content-Length: 100\r\n\r\n{{\"id\":",
        api_addr(&node),
        token(&node)
    );
    stream.write_all(request.as_bytes()).await.expect("sends the header");
    let started = Instant::now();
    let answer = tokio::time::timeout(TIMEOUT + Duration::from_secs(5), read_answer(&mut stream))
        .await
        .expect("a stalled body is answered within the body timeout");
    assert_eq!(answer.status, 408);
    assert_eq!(answer.json()["error"]["code"], "timeout");
    assert!(started.elapsed() >= TIMEOUT - Duration::from_secs(1), "answered too early: {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_wait_until_one_frees() {
    let node = spawn("Connection Cap", "SE", &[]).await;
    let mut idle = Vec::new();
    for _ in 0..MAX_CONNECTIONS + 8 {
        idle.push(TcpStream::connect(api_addr(&node)).await.expect("connects (the backlog takes it)"));
    }
    let api = ApiClient::new(&node);
    let probe = tokio::spawn(async move { (api.try_get("/v1/status").await, Instant::now()) });
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(!probe.is_finished(), "with every slot held, a new request waits");

    let freed = Instant::now();
    idle.drain(..16);
    let (answer, answered) =
        tokio::time::timeout(Duration::from_secs(5), probe).await.expect("answered once slots free").expect("probe");
    let (status, _) = answer.expect("the API answers");
    assert_eq!(status, 200);
    assert!(answered - freed < Duration::from_secs(3), "answered {:?} after slots freed", answered - freed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_error_is_json_whatever_the_layer() {
    let node = spawn("Json Errors", "SE", &[]).await;
    let api = ApiClient::new(&node);
    let is_error =
        |answer: &Value, code: &str| answer["error"]["code"] == code && answer["error"]["message"].is_string();

    let (status, answer) = api.get("/v1/offers/%ff").await;
    assert_eq!(status, 400);
    assert!(is_error(&answer, "invalid"), "bad percent-encoding in the path: {answer}");
    assert_eq!(answer["error"]["field"], "path");

    let (status, answer) = api.get("/v1/offers?all=maybe").await;
    assert_eq!(status, 400);
    assert!(is_error(&answer, "invalid"), "a bad query string: {answer}");
    assert_eq!(answer["error"]["field"], "query");

    let (status, answer) = api.delete("/v1/status").await;
    assert_eq!(status, 405);
    assert!(is_error(&answer, "method_not_allowed"), "a wrong method: {answer}");

    // A connection per request: an error answer may close its connection.
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().expect("a client");
    let base = format!("http://{}", api_addr(&node));
    let response = client
        .post(format!("{base}/v1/trust/anchors"))
        .bearer_auth(token(&node))
        .body(r#"{"did":"x"}"#)
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 415);
    let answer: Value = response.json().await.expect("a missing content-type is answered in JSON");
    assert!(is_error(&answer, "unsupported_media_type"), "{answer}");

    let response = client
        .get(format!("{base}/v1/status"))
        .header("host", "evil.example")
        .bearer_auth(token(&node))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 421);
    let answer: Value = response.json().await.expect("a foreign Host under /v1/ is answered in JSON");
    assert!(is_error(&answer, "misdirected"), "{answer}");

    let response = client.get(format!("{base}/no-such-page")).send().await.expect("answers");
    let html = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert!(html.starts_with("text/html"), "dashboard pages stay HTML: {html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_405_keeps_its_allow_header() {
    let node = spawn("Allow Header", "SE", &[]).await;
    let mut stream = TcpStream::connect(api_addr(&node)).await.expect("connects");
    let request = format!(
        "DELETE /v1/status HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        api_addr(&node),
        token(&node)
    );
    stream.write_all(request.as_bytes()).await.expect("sends");
    let answer = read_answer(&mut stream).await;
    assert_eq!(answer.status, 405);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert!(answer.header("allow").is_some_and(|a| a.contains("GET")), "{:?}", answer.headers);
}
