//! The credential pages: the achievement catalogue (`/achievements`), issued
//! credentials (`/credentials`), issuing to a class, revocation, statistics
//! and delegations.

use axum::Router;

use crate::dashboard::Dashboard;

pub fn routes() -> Router<Dashboard> {
    Router::new()
}
