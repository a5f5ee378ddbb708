//! The admin API client: finds the running node through its data directory,
//! never waits long for an answer, and reads every answer into the typed
//! view it is (`vetnet-views`), every error into [`ErrorBody`].

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use vetnet_node::DataDir;
use vetnet_views::ErrorBody;

use crate::failure::{Failure, FailureKind};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// What a request carries.
enum Body {
    None,
    /// A JSON document, already serialised.
    Json(Vec<u8>),
    Text(String),
}

impl Body {
    fn json<I: Serialize + ?Sized>(body: &I) -> anyhow::Result<Self> {
        Ok(Body::Json(serde_json::to_vec(body)?))
    }
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

/// A data directory that exists but that this user may not read (the
/// packaged service's, 0700 `vetnet`) is named, with what to do, instead
/// of looking like a stopped node.
fn refuse_unreadable(dir: &DataDir) -> anyhow::Result<()> {
    match std::fs::read_dir(dir.root()) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Err(Failure::user(format!(
            "cannot read the data directory {}: {e}. It belongs to another user (the packaged service's is private to the `vetnet` user): run the command as root, e.g. `sudo vetnet status`, or pass --data-dir for a node of your own",
            dir.root().display()
        ))),
        _ => Ok(()),
    }
}

impl ApiClient {
    /// Connects to the node running on `dir`; fails at once if none is.
    pub fn connect(dir: &DataDir) -> anyhow::Result<Self> {
        refuse_unreadable(dir)?;
        if !dir.node_is_running() {
            return Err(not_running(dir));
        }
        let runtime = dir.read_runtime()?.ok_or_else(|| not_running(dir))?;
        let token = std::fs::read_to_string(dir.token_path())
            .map_err(|e| Failure::user(format!("cannot read the API token {}: {e}", dir.token_path().display())))?;
        let http = reqwest::Client::builder().connect_timeout(CONNECT_TIMEOUT).no_proxy().build()?;
        Ok(Self { http, base: format!("http://{}", runtime.api), token: token.trim().to_owned() })
    }

    /// `GET path?query`, read as a `T`.
    pub async fn get<T: DeserializeOwned>(&self, path: &str, query: &[(&str, String)]) -> anyhow::Result<T> {
        self.call(Method::GET, path, query, Body::None, REQUEST_TIMEOUT).await
    }

    /// `GET path?query`, an answer that is text, not JSON (an iCalendar file).
    pub async fn get_text(&self, path: &str, query: &[(&str, String)]) -> anyhow::Result<String> {
        let bytes = self.call_bytes(Method::GET, path, query, Body::None, REQUEST_TIMEOUT).await?;
        String::from_utf8(bytes)
            .map_err(|_| Failure::internal(format!("the node's answer to {path} is not UTF-8 text")))
    }

    /// `POST path` with the JSON `body`, read as a `T`.
    pub async fn post<I: Serialize + ?Sized, T: DeserializeOwned>(&self, path: &str, body: &I) -> anyhow::Result<T> {
        self.call(Method::POST, path, &[], Body::json(body)?, REQUEST_TIMEOUT).await
    }

    /// `POST path` with the JSON `body`, answered with bytes (a backup
    /// archive), waiting up to `timeout`.
    pub async fn post_for_bytes<I: Serialize + ?Sized>(
        &self,
        path: &str,
        body: &I,
        timeout: Duration,
    ) -> anyhow::Result<Vec<u8>> {
        self.call_bytes(Method::POST, path, &[], Body::json(body)?, timeout).await
    }

    /// `POST path` without a body, read as a `T`.
    pub async fn post_empty<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        self.call(Method::POST, path, &[], Body::None, REQUEST_TIMEOUT).await
    }

    /// `POST path` with `text` as a plain-text body, read as a `T`.
    pub async fn post_text<T: DeserializeOwned>(&self, path: &str, text: String) -> anyhow::Result<T> {
        self.call(Method::POST, path, &[], Body::Text(text), REQUEST_TIMEOUT).await
    }

    /// Like [`ApiClient::post_empty`] for calls that take as long as they
    /// must (a catch-up sync of a large network), up to `timeout`.
    pub async fn post_slow<T: DeserializeOwned>(&self, path: &str, timeout: Duration) -> anyhow::Result<T> {
        self.call(Method::POST, path, &[], Body::None, timeout).await
    }

    /// `PUT path` with the JSON `body`, read as a `T`.
    pub async fn put<I: Serialize + ?Sized, T: DeserializeOwned>(&self, path: &str, body: &I) -> anyhow::Result<T> {
        self.call(Method::PUT, path, &[], Body::json(body)?, REQUEST_TIMEOUT).await
    }

    /// `DELETE path`, read as a `T` (`()` for a `204 No Content`).
    pub async fn delete<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        self.call(Method::DELETE, path, &[], Body::None, REQUEST_TIMEOUT).await
    }

    /// `DELETE path?query`.
    pub async fn delete_with_query<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> anyhow::Result<T> {
        self.call(Method::DELETE, path, query, Body::None, REQUEST_TIMEOUT).await
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Body,
        timeout: Duration,
    ) -> anyhow::Result<T> {
        let bytes = self.call_bytes(method, path, query, body, timeout).await?;
        read_answer(path, &bytes)
    }

    /// The body of a successful answer, or the error the answer says.
    async fn call_bytes(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Body,
        timeout: Duration,
    ) -> anyhow::Result<Vec<u8>> {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .query(query)
            .timeout(timeout);
        match body {
            Body::None => {}
            Body::Json(bytes) => {
                request = request.header(reqwest::header::CONTENT_TYPE, "application/json").body(bytes);
            }
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
        // A body that cannot be read is an empty one: the status still says what happened.
        let bytes = response.bytes().await.unwrap_or_default();
        if status.is_success() {
            return Ok(bytes.to_vec());
        }
        let message = serde_json::from_slice::<ErrorBody>(&bytes)
            .map_or_else(|_| format!("the node answered {status}"), |body| body.error.message);
        Err(match status {
            StatusCode::UNAUTHORIZED => Failure::user(format!("the node refused the API token: {message}")),
            s if s.is_client_error() => Failure::user(message),
            _ => Failure::internal(format!("the node failed: {message}")),
        })
    }
}

/// Reads a successful answer as a `T`; an empty body (`204 No Content`)
/// reads as JSON `null`, which is what `()` and `Option` expect.
fn read_answer<T: DeserializeOwned>(path: &str, bytes: &[u8]) -> anyhow::Result<T> {
    let bytes = if bytes.is_empty() { b"null".as_slice() } else { bytes };
    serde_json::from_slice(bytes).map_err(|e| {
        anyhow::Error::new(e).context(Failure {
            kind: FailureKind::Internal,
            message: format!(
                "the node's answer to {path} is not what this vetnet CLI reads (are both the same version?)"
            ),
        })
    })
}
