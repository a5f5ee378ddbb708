//! The credential pages: the achievement catalogue (`/achievements`), issued
//! credentials (`/credentials`), the printable certificate and the
//! verifier's page (`/verify`).

use axum::Router;

use crate::dashboard::Dashboard;

pub fn routes() -> Router<Dashboard> {
    Router::new()
}
