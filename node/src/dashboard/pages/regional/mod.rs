//! The network life of the field: networks and their members, meetings,
//! skills needs and the regional picture.
//!
//! - `networks`: search, one network's page, applying, answering, leaving
//!   and ending, the network profile.
//! - `meetings`: the coming meetings, one meeting's page with registration
//!   and its calendar file.
//! - `own`: our own meetings and skills needs, through the record pages of
//!   `records` (`/events`, `/skills-needs`).
//! - `region`: one region as a whole, and the schools for a skills need.

use axum::Router;
use axum::routing::{get, post};

use super::records;
use crate::dashboard::form::{FieldErrors, FieldSpec};
use crate::dashboard::{ApiRefusal, Dashboard};

mod meetings;
mod networks;
mod own;
mod region;

pub fn routes() -> Router<Dashboard> {
    Router::new()
        .route("/networks", get(networks::list))
        .route("/networks/profile", get(networks::profile_form).post(networks::save_profile))
        .route("/networks/applications/{id}/accept", post(networks::accept))
        .route("/networks/applications/{id}/refuse", get(networks::confirm_refuse).post(networks::refuse))
        .route("/networks/members/{did}/end", get(networks::confirm_end).post(networks::end))
        .route("/networks/{did}", get(networks::show))
        .route("/networks/{did}/apply", post(networks::apply))
        .route("/networks/{did}/leave", post(networks::leave))
        .route("/meetings", get(meetings::list))
        .route("/meetings/{author}/{id}", get(meetings::show))
        .route("/meetings/{author}/{id}/register", post(meetings::register))
        .route("/meetings/{author}/{id}/calendar.ics", get(meetings::calendar))
        .merge(records::routes::<own::Events>())
        .merge(records::routes::<own::SkillsNeeds>())
        .route("/skills-needs/match/{author}/{id}", get(region::schools))
        .route("/region", get(region::show))
}

/// A refusal of a form: beside its field when it names one of the form's,
/// else above the form; a server error is a page of its own.
fn form_errors(specs: &[FieldSpec], refusal: &ApiRefusal) -> FieldErrors {
    let mut errors = FieldErrors::from_api(specs, &refusal.body);
    if errors.is_empty() {
        errors.general = Some(refusal.message().to_owned());
    }
    errors
}
