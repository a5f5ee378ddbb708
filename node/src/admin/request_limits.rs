//! The request body limits of the admin address, in front of every route:
//! a body announced (`Content-Length`) over the limit is refused before a
//! byte of it is read, and a body must arrive whole within its deadline,
//! or the request is refused (`413`, `408`). The body is read here, into
//! memory, at most [`BodyLimits::max_bytes`] of it, so the routes behind
//! (which read whole bodies anyway) never wait on a slow client.
//!
//! These answers are plain text; under `/v1/` `api::json_errors` turns them
//! into the API's JSON errors.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;

/// The largest body and the time to send it.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimits {
    pub max_bytes: usize,
    pub timeout: Duration,
}

/// Why a body was not read.
enum BodyRefusal {
    TooLarge,
    Broken(axum::Error),
}

/// Refuses a body that is announced or turns out too large, or that does
/// not arrive within the deadline; passes the request on with its body read.
pub async fn limit_body(State(limits): State<BodyLimits>, request: Request, next: Next) -> Response {
    let announced = content_length(request.headers());
    if let Some(length) = announced
        && length > limits.max_bytes as u64
    {
        return too_large(&limits, Some(length));
    }
    if announced == Some(0) || (announced.is_none() && !request.headers().contains_key(header::TRANSFER_ENCODING)) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    match tokio::time::timeout(limits.timeout, read_body(body, limits.max_bytes)).await {
        Ok(Ok(bytes)) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Ok(Err(BodyRefusal::TooLarge)) => too_large(&limits, None),
        Err(_) => (
            StatusCode::REQUEST_TIMEOUT,
            format!("the request body did not arrive within {} s", limits.timeout.as_secs()),
        )
            .into_response(),
        Ok(Err(BodyRefusal::Broken(e))) => {
            (StatusCode::BAD_REQUEST, format!("cannot read the request body: {e}")).into_response()
        }
    }
}

/// The announced body length; `None` when there is none (or it is not a
/// number, which hyper refuses before this runs).
fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

async fn read_body(body: Body, max_bytes: usize) -> Result<Vec<u8>, BodyRefusal> {
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(BodyRefusal::Broken)?;
        if bytes.len() + chunk.len() > max_bytes {
            return Err(BodyRefusal::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

fn too_large(limits: &BodyLimits, announced: Option<u64>) -> Response {
    let message = match announced {
        Some(length) => format!("the request body is {length} bytes; the limit is {} bytes", limits.max_bytes),
        None => format!("the request body is over the limit of {} bytes", limits.max_bytes),
    };
    (StatusCode::PAYLOAD_TOO_LARGE, message).into_response()
}
