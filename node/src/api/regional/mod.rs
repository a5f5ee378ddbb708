//! The regional picture's part of the admin API: skills needs and the
//! toolbox's resources (own records and search), issuance statistics, one
//! region as a whole, and skills-need matching. `convert.rs` turns the
//! regional kinds' protocol types into views and back.

use axum::Router;

use super::ApiState;

pub mod convert;
pub mod region;
pub mod resources;
pub mod skills_needs;
pub mod stats;

pub fn routes() -> Router<ApiState> {
    Router::new()
        .merge(skills_needs::routes())
        .merge(resources::routes())
        .merge(stats::routes())
        .merge(region::routes())
}
