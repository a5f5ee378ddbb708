//! Query parameters shared by the search and list endpoints, each checked
//! with an error that names the parameter.

use axum::extract::Query;
use vetnet_protocol::InstitutionId;

use super::{ApiError, ApiState};
use crate::trust::TrustGraphs;

/// Query parameters as pairs, so a filter can be repeated (`country=SE&country=DE`).
pub type Params = Query<Vec<(String, String)>>;

/// `?all=true`: withdrawn records too.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ListParams {
    #[serde(default)]
    pub all: bool,
}

pub fn limit_param(value: &str) -> Result<usize, ApiError> {
    value.parse().map_err(|_| ApiError::invalid("limit", format!("must be a whole number (got {value:?})")))
}

pub fn countries_param(value: &str, into: &mut Vec<String>) -> Result<(), ApiError> {
    for code in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        let code = code.to_ascii_uppercase();
        if !vetnet_protocol::codes::is_country(&code) {
            return Err(ApiError::invalid(
                "country",
                format!("{code:?} is not an ISO 3166-1 alpha-2 country code (like SE, DE)"),
            ));
        }
        into.push(code);
    }
    Ok(())
}

pub fn sector_param(value: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if vetnet_protocol::codes::is_isced_f(value) || vetnet_protocol::codes::is_nace(value) {
        Ok(value.to_owned())
    } else {
        Err(ApiError::invalid(
            "sector",
            format!("{value:?} is neither an ISCED-F field (like 0715) nor a NACE code (like F41)"),
        ))
    }
}

pub fn eqf_param(value: &str) -> Result<u8, ApiError> {
    let level = value.parse::<u8>().ok().filter(|l| (1..=8).contains(l));
    level.ok_or_else(|| ApiError::invalid("eqf", format!("must be an EQF level 1-8 (got {value:?})")))
}

pub fn lang_param(value: &str) -> Result<String, ApiError> {
    match vetnet_protocol::codes::language_tag::check(value) {
        Ok(()) => Ok(value.to_owned()),
        Err(error) => Err(ApiError::invalid("lang", error.to_string())),
    }
}

pub fn author_param(value: &str) -> Result<InstitutionId, ApiError> {
    value.parse().map_err(|e| ApiError::invalid("author", format!("{e}")))
}

/// `trusted=true`: only institutions this node trusts (see `trust`).
pub fn trusted_param(state: &ApiState, value: &str) -> Result<Option<Vec<InstitutionId>>, ApiError> {
    match value {
        "true" => Ok(Some(state.store.trust_graph(&state.today())?.trusted_keys())),
        "false" => Ok(None),
        other => Err(ApiError::invalid("trusted", format!("must be true or false (got {other:?})"))),
    }
}
