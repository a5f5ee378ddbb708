//! The dashboard's pages, one module per area. Each handler gathers its data
//! through the admin API (in process) and renders one template.

use axum::Router;
use axum::routing::{get, post};

use super::Dashboard;

mod credentials;
mod home;
mod matches;
mod mobility;
mod profile;
pub mod records;
mod regional;
mod search;
mod settings;
mod trust;
mod verify;
pub mod view;

pub fn routes() -> Router<Dashboard> {
    Router::new()
        .route("/", get(home::home))
        .route("/profile", get(profile::show).post(profile::save))
        .merge(records::routes::<records::Offers>())
        .merge(records::routes::<records::Needs>())
        .route("/search/{kind}", get(search::search))
        .route("/matches", get(matches::matches))
        .route("/matches/interest", post(matches::interest))
        .merge(mobility::routes())
        .merge(credentials::routes())
        .merge(verify::routes())
        .merge(regional::routes())
        .route("/trust", get(trust::show))
        .route("/trust/endorse", post(trust::endorse))
        .route("/trust/withdraw", post(trust::withdraw))
        .route("/peers", get(settings::peers))
        .route("/settings", get(settings::settings))
        .route("/settings/rotate-key", get(settings::confirm_rotation).post(settings::rotate))
}
