//! What every dashboard browser test needs: a node's dashboard address, a
//! one-time sign-in link (as `vetnet open` gets it), the name of its session
//! cookie, and the screenshots written to `docs/screenshots/` on request.

use std::path::Path;

use serde_json::json;

use crate::browser::Browser;
use crate::{ApiClient, TestNode};

/// The dashboard of `node`, at `http://127.0.0.1:<admin port>`.
pub fn url(node: &TestNode) -> String {
    format!("http://127.0.0.1:{}", node.node.info().api_addr.port())
}

/// A one-time sign-in link from the API, as `vetnet open` gets it.
pub async fn sign_in_link(node: &TestNode) -> String {
    let (status, link) = ApiClient::new(node).post("/v1/dashboard/sign-in-links", &json!({})).await;
    assert_eq!(status, 201, "{link}");
    link["url"].as_str().expect("the link's url").to_owned()
}

/// The name of `node`'s session cookie: one per admin port, since browsers
/// keep cookies per host and not per port.
pub fn session_cookie_name(node: &TestNode) -> String {
    format!("vetnet_session_{}", node.node.info().api_addr.port())
}

/// With `VETNET_WRITE_SCREENSHOTS` set, writes PNGs of the open page at
/// desktop and phone width: `docs/screenshots/<name>-1280.png` and `-390.png`.
pub async fn save_screenshots(browser: &Browser, name: &str) {
    if std::env::var_os("VETNET_WRITE_SCREENSHOTS").is_none() {
        return;
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    std::fs::create_dir_all(&out).expect("docs/screenshots");
    for width in [1280, 390] {
        let png = browser.screenshot(width).await;
        std::fs::write(out.join(format!("{name}-{width}.png")), png).expect("screenshot written");
    }
}

/// A path segment or query value, percent-encoded (everything but the
/// unreserved characters of RFC 3986).
pub fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
