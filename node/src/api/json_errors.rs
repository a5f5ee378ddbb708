//! Every error under `/v1/` is JSON, whatever layer made it. The routes
//! answer `ApiError`s, but some answers come from below them: axum's
//! extractors (a path that is not valid percent-encoding, a bad query
//! string, a missing `Content-Type`), its router (`405`), the Host check
//! (`421`) and the admin address's body limits (`413`, `408`). Those are
//! plain text; this layer, outermost on the admin address, rewrites any
//! error answer under `/v1/` that is not JSON into the usual
//! `{"error": {"code", "message", "field"?}}`, keeping its status, its
//! other headers (`Allow` of a `405`) and its text as the message.
//! `/metrics`, the API's one path outside `/v1/`, is treated the same.
//! Dashboard pages outside `/v1/` keep their HTML.

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::ApiError;

/// The most of a plain-text error body kept as the message.
const MAX_MESSAGE_BYTES: usize = 4 * 1024;

/// Rewrites non-JSON error answers under `/v1/` as JSON errors.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_api = path == "/v1" || path.starts_with("/v1/") || path == "/metrics";
    let response = next.run(request).await;
    let status = response.status();
    if !is_api || !(status.is_client_error() || status.is_server_error()) || is_json(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MAX_MESSAGE_BYTES).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let text = text.trim();
    let message =
        if text.is_empty() { status.canonical_reason().unwrap_or("error").to_owned() } else { text.to_owned() };
    let mut error = ApiError::new(status, code_of(status), message);
    error.field = field_of(&error.message).map(str::to_owned);
    let mut answer = error.into_response();
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    for (name, value) in &parts.headers {
        answer.headers_mut().entry(name).or_insert_with(|| value.clone());
    }
    answer
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// The error code of a status no route chose.
fn code_of(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "invalid",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::REQUEST_TIMEOUT => "timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::MISDIRECTED_REQUEST => "misdirected",
        s if s.is_server_error() => "internal",
        _ => "refused",
    }
}

/// The part of the request an extractor's message is about, by the words
/// axum opens it with.
fn field_of(message: &str) -> Option<&'static str> {
    if message.starts_with("Invalid URL") || message.contains("path parameter") {
        Some("path")
    } else if message.contains("query string") {
        Some("query")
    } else if message.contains("Content-Type") {
        Some("content-type")
    } else if message.contains("request body") {
        Some("body")
    } else {
        None
    }
}
