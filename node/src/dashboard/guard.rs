//! The Host check in front of everything the admin address serves (pages,
//! assets and the API). A page on another site can make the browser send
//! requests to loopback under a name it controls (DNS rebinding); those
//! requests carry that name in `Host`, so only the node's own names pass.

use std::net::SocketAddr;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The host names the admin listener answers to.
#[derive(Clone, Debug)]
pub struct AllowedHosts {
    hosts: Vec<String>,
}

impl AllowedHosts {
    /// `127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT` and the configured
    /// address itself.
    pub fn for_addr(addr: SocketAddr) -> Self {
        let port = addr.port();
        let mut hosts = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")];
        let own = addr.to_string();
        if !hosts.contains(&own) {
            hosts.push(own);
        }
        Self { hosts }
    }

    /// Whether a `Host` value names this node (host names are case-insensitive).
    pub fn allows(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
    }

    /// Whether an `Origin` header, when present, is this node's own origin.
    pub fn allows_origin(&self, headers: &HeaderMap) -> bool {
        match headers.get(header::ORIGIN).map(|v| v.to_str()) {
            None => true,
            Some(Ok(origin)) => origin.strip_prefix("http://").is_some_and(|host| self.allows(host)),
            Some(Err(_)) => false,
        }
    }
}

/// Refuses any request whose `Host` is not one of [`AllowedHosts`].
pub async fn check_host(State(allowed): State<AllowedHosts>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|v| v.to_str().ok());
    match host {
        Some(host) if allowed.allows(host) => next.run(request).await,
        _ => (
            StatusCode::MISDIRECTED_REQUEST,
            "This vetnet node answers only to its own address (127.0.0.1, localhost or [::1] with its port). \
             To reach a remote node, open an SSH tunnel and use http://127.0.0.1:PORT.\n",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_the_nodes_own_names_pass() {
        let allowed = AllowedHosts::for_addr("127.0.0.1:7420".parse().unwrap());
        assert!(allowed.allows("127.0.0.1:7420"));
        assert!(allowed.allows("LOCALHOST:7420"));
        assert!(allowed.allows("[::1]:7420"));
        assert!(!allowed.allows("127.0.0.1:7421"));
        assert!(!allowed.allows("evil.example:7420"));
        assert!(!allowed.allows("127.0.0.1"));
        let mut headers = HeaderMap::new();
        assert!(allowed.allows_origin(&headers));
        headers.insert(header::ORIGIN, HeaderValue::from_static("http://localhost:7420"));
        assert!(allowed.allows_origin(&headers));
        headers.insert(header::ORIGIN, HeaderValue::from_static("http://evil.example"));
        assert!(!allowed.allows_origin(&headers));
        headers.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(!allowed.allows_origin(&headers));
    }
}
