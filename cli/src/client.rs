//! The admin API client: finds the running node through its data directory
//! and never waits long for an answer.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use vetnet_node::DataDir;

use crate::failure::Failure;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

enum Body<'a> {
    None,
    Json(&'a Value),
    Text(String),
}

pub struct ApiClient {
    http: reqwest::Client,
    base: String,
    token: String,
}

fn not_running(dir: &DataDir) -> anyhow::Error {
    Failure::node_not_running(format!(
        "the vetnet node is not running (data directory {}).\nStart it with `vetnet node run` in another terminal, or as a service.",
        dir.root().display()
    ))
}

impl ApiClient {
    /// Connects to the node running on `dir`; fails at once if none is.
    pub fn connect(dir: &DataDir) -> anyhow::Result<Self> {
        if !dir.node_is_running() {
            return Err(not_running(dir));
        }
        let runtime = dir.read_runtime()?.ok_or_else(|| not_running(dir))?;
        let token = std::fs::read_to_string(dir.token_path())
            .map_err(|e| Failure::user(format!("cannot read the API token {}: {e}", dir.token_path().display())))?;
        let http = reqwest::Client::builder().connect_timeout(CONNECT_TIMEOUT).no_proxy().build()?;
        Ok(Self { http, base: format!("http://{}", runtime.api), token: token.trim().to_owned() })
    }

    pub async fn get(&self, path: &str, query: &[(&str, String)]) -> anyhow::Result<Value> {
        self.call(Method::GET, path, query, None, REQUEST_TIMEOUT).await
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<&Value>) -> anyhow::Result<Value> {
        self.call(method, path, &[], body, REQUEST_TIMEOUT).await
    }

    /// Sends `text` as a plain-text body.
    pub async fn send_text(&self, method: Method, path: &str, text: String) -> anyhow::Result<Value> {
        self.call_with(method, path, &[], Body::Text(text), REQUEST_TIMEOUT).await
    }

    /// Like [`ApiClient::send`] for calls that take as long as they must
    /// (a catch-up sync of a large network), up to `timeout`.
    pub async fn send_slow(&self, method: Method, path: &str, timeout: Duration) -> anyhow::Result<Value> {
        self.call(method, path, &[], None, timeout).await
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
        timeout: Duration,
    ) -> anyhow::Result<Value> {
        let body = body.map_or(Body::None, Body::Json);
        self.call_with(method, path, query, body, timeout).await
    }

    async fn call_with(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Body<'_>,
        timeout: Duration,
    ) -> anyhow::Result<Value> {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .query(query)
            .timeout(timeout);
        match body {
            Body::None => {}
            Body::Json(body) => request = request.json(body),
            Body::Text(text) => {
                request = request.header(reqwest::header::CONTENT_TYPE, "text/plain; charset=utf-8").body(text);
            }
        }
        let response = request.send().await.map_err(|e| {
            if e.is_connect() {
                Failure::node_not_running(format!(
                    "cannot reach the vetnet node's API at {}: is the node still running? ({e})",
                    self.base
                ))
            } else if e.is_timeout() {
                Failure::internal(format!("the node did not answer within {} s", timeout.as_secs()))
            } else {
                Failure::internal(format!("request to the node failed: {e}"))
            }
        })?;
        let status = response.status();
        let value: Value = response.json().await.unwrap_or(Value::Null);
        if status.is_success() {
            return Ok(value);
        }
        let message =
            value["error"]["message"].as_str().map_or_else(|| format!("the node answered {status}"), str::to_owned);
        Err(match status {
            StatusCode::UNAUTHORIZED => Failure::user(format!("the node refused the API token: {message}")),
            s if s.is_client_error() => Failure::user(message),
            _ => Failure::internal(format!("the node failed: {message}")),
        })
    }
}
