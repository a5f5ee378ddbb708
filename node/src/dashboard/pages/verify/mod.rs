//! The printable certificate of an issued credential
//! (`/credentials/{id}/certificate`, A4, with a QR code) and the verifier's
//! page (`/verify`): a credential pasted or uploaded, its verdict in words.

use axum::Router;

use crate::dashboard::Dashboard;

pub fn routes() -> Router<Dashboard> {
    Router::new()
}
