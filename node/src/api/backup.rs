//! `POST /v1/backup`: a consistent, encrypted archive of the running node
//! (`crate::backup`), answered as the age file itself.

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::post;
use vetnet_views as views;

use super::{ApiError, ApiResult, ApiState, parse_json, parse_object};
use crate::backup::{self, BackupError, Passphrase, SnapshotSources};

pub fn routes() -> Router<ApiState> {
    Router::new().route("/v1/backup", post(create))
}

impl From<BackupError> for ApiError {
    fn from(e: BackupError) -> Self {
        match e {
            BackupError::PassphraseTooShort { .. } => ApiError::invalid("body.passphrase", e.to_string()),
            BackupError::Store(e) => e.into(),
            other => ApiError::internal(other),
        }
    }
}

/// Takes a snapshot of the running node and seals it with `passphrase`.
pub async fn backup_archive(state: &ApiState, passphrase: Passphrase) -> Result<Vec<u8>, ApiError> {
    let sources = SnapshotSources {
        info: &state.info,
        store: &state.store,
        mobility: &state.mobility,
        networks: &state.networks,
    };
    let archive = backup::take_snapshot(sources, state.publisher.clock().now_unix()).await?;
    let sealed = tokio::task::spawn_blocking(move || backup::seal_archive(&archive, &passphrase))
        .await
        .map_err(ApiError::internal)??;
    Ok(sealed)
}

/// Writes a backup archive.
#[utoipa::path(
    post,
    path = "/v1/backup",
    tag = "backup",
    operation_id = "backup",
    description = "Takes a consistent snapshot of the running node (the key files, config.toml, the institution's own records with their outbox state, the address book and the private trees: mobility threads and their outboxes, issued credentials, letters) and answers with it as an age file encrypted with `passphrase` (scrypt, work factor 18). The network's records of other institutions are not in it: sync fetches them again after a restore. Writes wait for the milliseconds the snapshot takes; searches do not. The passphrase is not stored or logged. `docs/BACKUP-FORMAT.md` describes the archive; `vetnet restore` reads it.",
    request_body = views::BackupRequest,
    responses(
        (status = 200, description = "The archive, an age-encrypted file.", body = Vec<u8>, content_type = "application/octet-stream"),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn create(State(state): State<ApiState>, body: axum::body::Bytes) -> ApiResult {
    let request: views::BackupRequest = parse_json(serde_json::Value::Object(parse_object(&body)?))?;
    let passphrase = Passphrase::new(request.passphrase)?;
    let sealed = backup_archive(&state, passphrase).await?;
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, "application/octet-stream")], sealed).into_response())
}
