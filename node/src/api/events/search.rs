//! Searching the network's events: `/v1/search/events` (JSON, each hit
//! with its organiser's trust) and `/v1/search/events.ics` (the same search
//! as an iCalendar feed).

use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use vetnet_protocol::event::{Audience, EventKind};
use vetnet_views as views;

use super::{calendar_answer, calendar_of};
use crate::api::params::*;
use crate::api::{ApiError, ApiResult, ApiState, ViewBuilder, ok};
use crate::search::{self, EventQuery, EventRegion, NetworkQuery};

pub fn routes() -> Router<ApiState> {
    Router::new().route("/v1/search/events", get(events)).route("/v1/search/events.ics", get(events_ics))
}

/// Events of the network that pass `query`, soonest first.
pub async fn search_events(state: &ApiState, query: EventQuery) -> Result<Vec<views::EventView>, ApiError> {
    let records = find(state, query).await?;
    Ok(ViewBuilder::new(&state.store, state.today()).records(&records))
}

/// The same search as an iCalendar feed.
pub async fn events_calendar(state: &ApiState, query: EventQuery) -> Result<String, ApiError> {
    let records = find(state, query).await?;
    Ok(calendar_of(state, &records, Some("vetnet events")))
}

async fn find(state: &ApiState, query: EventQuery) -> Result<Vec<vetnet_protocol::VerifiedRecord>, ApiError> {
    let store = state.store.clone();
    Ok(tokio::task::spawn_blocking(move || search::search_events(&store, &query))
        .await
        .map_err(ApiError::internal)??)
}

/// The event query of `/v1/search/events`' parameters.
pub fn event_query(state: &ApiState, params: &[(String, String)]) -> Result<EventQuery, ApiError> {
    let mut query = EventQuery::default();
    for (name, value) in params {
        match name.as_str() {
            "country" => countries_param(value, &mut query.countries)?,
            "network" => {
                query.network = Some(value.parse().map_err(|e| ApiError::invalid("network", format!("{e}")))?);
            }
            "region" => query.region = Some(event_region(state, value)?),
            "from" => {
                let day = vetnet_protocol::validate::date("from", value.trim())
                    .map_err(|e| ApiError::invalid(e.field, e.rule))?;
                query.from = Some(day.format("%Y-%m-%d").to_string());
            }
            "kind" => query.kind = Some(value.parse::<EventKind>().map_err(|e| ApiError::invalid("kind", e))?),
            "audience" => {
                query.audience = Some(value.parse::<Audience>().map_err(|e| ApiError::invalid("audience", e))?);
            }
            "lang" => query.lang = Some(lang_param(value)?),
            "text" => query.text = Some(value.clone()),
            "author" => query.author = Some(author_param(value)?),
            "limit" => query.limit = Some(limit_param(value)?),
            "trusted" => query.authors_in = trusted_param(state, value)?,
            other => {
                return Err(ApiError::invalid(
                    other,
                    "is not a filter of event search (country, network, region, from, kind, audience, lang, text, author, trusted, limit)",
                ));
            }
        }
    }
    Ok(query)
}

/// The events of the NUTS region `code`: held in its country, or of the
/// networks working in it.
pub fn event_region(state: &ApiState, code: &str) -> Result<EventRegion, ApiError> {
    let code = crate::api::regional::skills_needs::nuts_param("region", code)?;
    let networks = state.networks.search(&NetworkQuery { region: Some(code.clone()), ..Default::default() })?;
    Ok(EventRegion {
        country: vetnet_protocol::nuts::country(&code).to_owned(),
        networks: networks.iter().filter_map(|n| n.network.parse().ok()).collect(),
    })
}

/// Searches the network's events.
#[utoipa::path(
    get,
    path = "/v1/search/events",
    tag = "search",
    operation_id = "search_events",
    description = "Searches the network's events, soonest first. Every filter is checked; an unknown parameter is refused (400) with its name as `field`.",
    params(
        ("country" = Option<String>, Query, description = "ISO 3166-1 alpha-2 codes (`SE`, `DE`), comma-separated or repeated; any of them matches. Online-only events have no country."),
        ("network" = Option<String>, Query, description = "A network's `did:key:z6Mk…`: the events that name it as their network, and those it organises."),
        ("region" = Option<String>, Query, description = "A NUTS 2024 code (`SE33`): the events held in its country, and those of the networks working in it."),
        ("from" = Option<String>, Query, description = "A day `YYYY-MM-DD`: only events starting on that (local) day or later."),
        ("kind" = Option<views::EventKind>, Query, description = "The kind of meeting."),
        ("audience" = Option<views::Audience>, Query, description = "A group the event is for."),
        ("lang" = Option<String>, Query, description = "A registered BCP 47 language tag (`sv`, `en`) the event is held in."),
        ("text" = Option<String>, Query, description = "Words to find in the titles, agendas, cities and topics."),
        ("author" = Option<String>, Query, description = "Only events this institution organises, `did:key:z6Mk…`."),
        ("trusted" = Option<bool>, Query, description = "`true`: only institutions this node trusts (an anchor, or endorsed by one, directly or via a chain). `true` or `false`."),
        ("limit" = Option<usize>, Query, description = "At most this many results, a whole number."),
    ),
    responses(
        (status = 200, description = "The events that pass every filter, each with its organiser's trust.", body = [views::RecordView<views::Event>]),
        (status = 400, response = crate::api::openapi::InvalidParameter),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 500, response = crate::api::openapi::Internal),
    )
)]
async fn events(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let query = event_query(&state, &params)?;
    ok(&search_events(&state, query).await?)
}

/// The network's events as an iCalendar feed.
#[utoipa::path(
    get,
    path = "/v1/search/events.ics",
    tag = "search",
    operation_id = "search_events_ics",
    description = "The same search as `/v1/search/events`, with the same parameters, as one iCalendar (RFC 5545) calendar with a VEVENT per event: for a calendar program to subscribe to, by country or network.",
    params(
        ("country" = Option<String>, Query, description = "ISO 3166-1 alpha-2 codes, comma-separated or repeated."),
        ("network" = Option<String>, Query, description = "A network's `did:key:z6Mk…`."),
        ("region" = Option<String>, Query, description = "A NUTS 2024 code (`SE33`): the events held in its country, and those of the networks working in it."),
        ("from" = Option<String>, Query, description = "A day `YYYY-MM-DD`: only events starting on that day or later."),
        ("kind" = Option<views::EventKind>, Query, description = "The kind of meeting."),
        ("audience" = Option<views::Audience>, Query, description = "A group the event is for."),
        ("lang" = Option<String>, Query, description = "A BCP 47 language tag the event is held in."),
        ("text" = Option<String>, Query, description = "Words to find in the titles, agendas, cities and topics."),
        ("author" = Option<String>, Query, description = "Only events this institution organises."),
        ("trusted" = Option<bool>, Query, description = "`true`: only institutions this node trusts."),
        ("limit" = Option<usize>, Query, description = "At most this many events, a whole number."),
    ),
    responses(
        (status = 200, description = "The events as an iCalendar feed.", body = String, content_type = "text/calendar"),
        (status = 400, response = crate::api::openapi::InvalidParameter),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 500, response = crate::api::openapi::Internal),
    )
)]
async fn events_ics(State(state): State<ApiState>, Query(params): Params) -> ApiResult {
    let query = event_query(&state, &params)?;
    Ok(calendar_answer(events_calendar(&state, query).await?, "events.ics"))
}
