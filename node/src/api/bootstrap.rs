//! The bootstrap list: `GET`, `POST` and `DELETE /v1/peers/bootstrap`.
//! A change is saved in `config.toml` (so it holds after a restart) and
//! applied to the running network at once: an added address is dialled and
//! kept connected, a removed one no longer re-dialled.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use libp2p::Multiaddr;
use serde_json::Value;
use vetnet_views as views;

use super::params::Params;
use super::{ApiError, ApiResult, ApiState, ok, parse_json};
use crate::config::Config;
use crate::data_dir::DataDir;

pub fn routes() -> Router<ApiState> {
    Router::new().route("/v1/peers/bootstrap", get(list).post(add).delete(remove))
}

/// A multiaddr the node can dial; the error names the field and the form.
fn bootstrap_address(field: &str, text: &str) -> Result<Multiaddr, ApiError> {
    text.trim().parse::<Multiaddr>().map_err(|e| {
        ApiError::invalid(
            field,
            format!(
                "{text:?} is not a multiaddr ({e}); write it like /dnsaddr/bootstrap.example.org or /ip4/192.0.2.1/tcp/7301/p2p/12D3KooW…"
            ),
        )
    })
}

fn config_of(state: &ApiState) -> Result<(DataDir, Config), ApiError> {
    let dir = DataDir::new(state.info.data_dir.clone());
    let config = Config::load(&dir).map_err(ApiError::internal)?;
    Ok((dir, config))
}

fn list_view(config: &Config) -> views::BootstrapListView {
    views::BootstrapListView { addresses: config.bootstrap.clone() }
}

fn stopping(e: crate::network::NetworkError) -> ApiError {
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "stopping", e.to_string())
}

/// The bootstrap list in `config.toml`.
#[utoipa::path(
    get,
    path = "/v1/peers/bootstrap",
    tag = "status",
    operation_id = "list_bootstrap",
    responses(
        (status = 200, description = "The bootstrap list, as `bootstrap` in config.toml.", body = views::BootstrapListView),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn list(State(state): State<ApiState>) -> ApiResult {
    let (_, config) = config_of(&state)?;
    ok(&list_view(&config))
}

/// Adds to the bootstrap list.
#[utoipa::path(
    post,
    path = "/v1/peers/bootstrap",
    tag = "status",
    operation_id = "add_bootstrap",
    description = "Adds a multiaddr to the bootstrap list in `config.toml`, and dials it at once (the node keeps it connected, re-dialling with backoff). Already being on the list is no error.",
    request_body = views::BootstrapInput,
    responses(
        (status = 200, description = "The bootstrap list now.", body = views::BootstrapListView),
        (status = 400, response = super::openapi::InvalidBody),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 503, response = super::openapi::Unavailable),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn add(State(state): State<ApiState>, Json(body): Json<Value>) -> ApiResult {
    let body: views::BootstrapInput = parse_json(body)?;
    let addr = bootstrap_address("address", &body.address)?;
    let (dir, mut config) = config_of(&state)?;
    if !config.bootstrap.iter().any(|a| a.parse::<Multiaddr>().ok().as_ref() == Some(&addr)) {
        config.bootstrap.push(addr.to_string());
        config.check().map_err(|rule| ApiError::invalid("address", rule))?;
        config.save(&dir).map_err(ApiError::internal)?;
    }
    state.network.add_bootstrap(addr).await.map_err(stopping)?;
    ok(&list_view(&config))
}

/// Removes from the bootstrap list.
#[utoipa::path(
    delete,
    path = "/v1/peers/bootstrap",
    tag = "status",
    operation_id = "remove_bootstrap",
    params(
        ("address" = String, Query, description = "The multiaddr to remove, as the list holds it."),
    ),
    responses(
        (status = 200, description = "The bootstrap list now.", body = views::BootstrapListView),
        (status = 400, response = super::openapi::InvalidParameter),
        (status = 401, response = super::openapi::Unauthorized),
        (status = 404, description = "The address is not on the list (`not_found`).", body = views::ErrorBody),
        (status = 503, response = super::openapi::Unavailable),
        (status = 500, response = super::openapi::Internal),
    )
)]
async fn remove(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let mut address = None;
    for (name, value) in params {
        match name.as_str() {
            "address" => address = Some(value),
            other => return Err(ApiError::invalid(other, "is not a parameter of this operation; use address")),
        }
    }
    let text = address.ok_or_else(|| ApiError::invalid("address", "is required: the multiaddr to remove"))?;
    let addr = bootstrap_address("address", &text)?;
    let (dir, mut config) = config_of(&state)?;
    let before = config.bootstrap.len();
    config.bootstrap.retain(|a| a.parse::<Multiaddr>().ok().as_ref() != Some(&addr));
    if config.bootstrap.len() == before {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{addr} is not on the bootstrap list; `vetnet peers list` shows it"),
        ));
    }
    config.save(&dir).map_err(ApiError::internal)?;
    state.network.remove_bootstrap(addr).await.map_err(stopping)?;
    ok(&list_view(&config))
}
