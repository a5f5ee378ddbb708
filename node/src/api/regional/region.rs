//! `GET /v1/region/{nuts}` (one region as a whole) and
//! `GET /v1/match/skills-need/{author}/{id}` (the schools that teach what a
//! skills need asks for).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use vetnet_protocol::skills_need::SkillsNeedBody;
use vetnet_protocol::{Content, InstitutionId, RecordKey, RecordKind};
use vetnet_views as views;

use super::skills_needs::nuts_param;
use crate::api::convert::{FromContent, ToView};
use crate::api::params::{Params, author_param, limit_param};
use crate::api::{ApiError, ApiResult, ApiState, ViewBuilder, ok};
use crate::regional::picture::{Placed, RegionPicture, region_picture};
use crate::regional::skills_match::{DEFAULT_SCHOOLS, match_schools};
use crate::search::{EventQuery, EventRegion, NetworkQuery};

pub fn routes() -> Router<ApiState> {
    Router::new()
        .route("/v1/region/{nuts}", get(region))
        .route("/v1/match/skills-need/{author}/{id}", get(match_skills_need))
}

/// The picture of the region `code` (a NUTS 2024 code at any level).
pub async fn region_view(state: &ApiState, code: &str) -> Result<views::RegionView, ApiError> {
    let code = nuts_param("nuts", code)?;
    let region = vetnet_protocol::nuts::region(&code)
        .ok_or_else(|| ApiError::invalid("nuts", format!("{code:?} is not in the NUTS 2024 list")))?;
    let store = state.store.clone();
    let today = state.today();
    let picture = tokio::task::spawn_blocking(move || region_picture(&store, region, &today))
        .await
        .map_err(ApiError::internal)??;
    let mut view = picture_view(state, &picture);
    view.networks = state.networks.search(&NetworkQuery { region: Some(code.clone()), ..Default::default() })?;
    let region = EventRegion {
        country: view.country.clone(),
        networks: view.networks.iter().filter_map(|n| n.network.parse().ok()).collect(),
    };
    let query = EventQuery {
        region: Some(region),
        from: Some(state.today()),
        limit: Some(MAX_REGION_EVENTS),
        ..Default::default()
    };
    let events = crate::api::events::search::search_events(state, query).await?;
    view.events = events;
    Ok(view)
}

/// Meetings a region's picture lists at most.
const MAX_REGION_EVENTS: usize = 20;

fn placed<B: FromContent>(builder: &mut ViewBuilder<'_>, items: &[Placed]) -> Vec<views::InRegion<B>> {
    items
        .iter()
        .map(|item| views::InRegion { record: builder.record(&item.record), author_region: item.author_region.clone() })
        .collect()
}

fn picture_view(state: &ApiState, picture: &RegionPicture) -> views::RegionView {
    let mut builder = ViewBuilder::new(&state.store, state.today());
    let issued: Vec<views::IssuedInRegion> = picture
        .issued
        .iter()
        .map(|item| views::IssuedInRegion {
            quarter: item.quarter.clone(),
            institution: builder.institution(item.institution),
            achievement: item.achievement.clone(),
            title: item.title.clone(),
            count: item.count,
        })
        .collect();
    views::RegionView {
        code: picture.region.code.to_owned(),
        level: picture.region.level,
        name: picture.region.name.to_owned(),
        country: vetnet_protocol::nuts::country(picture.region.code).to_owned(),
        institutions: placed(&mut builder, &picture.institutions),
        offers: placed(&mut builder, &picture.offers),
        needs: placed(&mut builder, &picture.needs),
        skills_needs: picture
            .skills_needs
            .iter()
            .map(|group| views::OccupationNeeds {
                occupation: group.occupation.clone(),
                people: group.people,
                needs: builder.records(&group.needs),
            })
            .collect(),
        issued_total: issued.iter().map(|item| u64::from(item.count)).sum(),
        issued,
        networks: Vec::new(),
        events: Vec::new(),
    }
}

/// The schools that fit the skills need `author`/`id`, ranked.
pub async fn skills_need_matches(
    state: &ApiState,
    author: InstitutionId,
    id: &str,
    limit: usize,
) -> Result<views::SkillsNeedMatchView, ApiError> {
    let key = RecordKey { author, kind: RecordKind::SkillsNeed.as_str().to_owned(), id: id.to_owned() };
    let found = state.store.get(&key)?.and_then(|record| {
        let need = match &record.content {
            Content::SkillsNeed(need) => SkillsNeedBody::clone(need),
            _ => return None,
        };
        Some((record, need))
    });
    let Some((record, need)) = found else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("this node holds no live skills need {id:?} of {}", author.to_did()),
        ));
    };
    let store = state.store.clone();
    let schools = tokio::task::spawn_blocking(move || match_schools(&store, &need, &author, limit))
        .await
        .map_err(ApiError::internal)??;
    let mut builder = ViewBuilder::new(&state.store, state.today());
    Ok(views::SkillsNeedMatchView {
        need: builder.record(&record),
        schools: schools
            .iter()
            .map(|school| views::SchoolMatch {
                institution: builder.institution(school.institution),
                region: school.profile.nuts.clone(),
                proximity: school.report.proximity.to_view(),
                score: school.report.score,
                fits: school.report.fits.iter().map(ToView::to_view).collect(),
                misfits: school.report.misfits.iter().map(ToView::to_view).collect(),
                notes: school.report.notes.iter().map(ToView::to_view).collect(),
                achievements: school.report.achievements.clone(),
                offers: school.report.offers.clone(),
            })
            .collect(),
    })
}

/// One region as a whole.
#[utoipa::path(
    get,
    path = "/v1/region/{nuts}",
    tag = "regional",
    operation_id = "region_picture",
    description = "One NUTS 2024 region: the institutions whose profile places them in it, the open offers and the mobility needs of its country's institutions in it or of unknown region (`author_region` absent), the standing skills needs for it, a region in it or the NUTS 2 region it lies in (by occupation), and the credentials its institutions issued, from their issuance statistics.",
    params(("nuts" = String, Path, description = "A NUTS 2024 code of the bundled list at any level, like `SE33` or `SE332`.")),
    responses(
        (status = 200, description = "The region.", body = views::RegionView),
        (status = 400, response = crate::api::openapi::InvalidParameter),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 500, response = crate::api::openapi::Internal),
    )
)]
pub(crate) async fn region(State(state): State<ApiState>, Path(code): Path<String>) -> ApiResult {
    ok(&region_view(&state, &code).await?)
}

/// The schools that teach what a skills need asks for.
#[utoipa::path(
    get,
    path = "/v1/match/skills-need/{author}/{id}",
    tag = "matching",
    operation_id = "match_skills_need",
    description = "Ranks the VET providers of the need's country by what they publish (their achievements' ESCO skills and fields, their offers' skills, fields and occupations, their profile's fields) against the skills need, nearest first (in the need's region, in its NUTS 2 region, elsewhere in the country or of unknown region), then by score; each with the reasons. Schools that teach nothing asked for are left out.",
    params(
        ("author" = String, Path, description = "The need's author, `did:key:z6Mk…`."),
        ("id" = String, Path, description = "The skills need's record id."),
        ("limit" = Option<usize>, Query, description = "At most this many schools (default 20, at most 100)."),
    ),
    responses(
        (status = 200, description = "The need and the schools, ranked and explained.", body = views::SkillsNeedMatchView),
        (status = 400, response = crate::api::openapi::InvalidParameter),
        (status = 401, response = crate::api::openapi::Unauthorized),
        (status = 404, description = "This node holds no live skills need with that author and id (`not_found`).", body = views::ErrorBody),
        (status = 500, response = crate::api::openapi::Internal),
    )
)]
pub(crate) async fn match_skills_need(
    State(state): State<ApiState>,
    Path((author, id)): Path<(String, String)>,
    Query(params): Params,
) -> ApiResult {
    let author = author_param(&author)?;
    let mut limit = DEFAULT_SCHOOLS;
    for (name, value) in &params {
        match name.as_str() {
            "limit" => limit = limit_param(value)?,
            other => return Err(ApiError::invalid(other, "is not a parameter of skills-need matching (limit)")),
        }
    }
    ok(&skills_need_matches(&state, author, &id, limit).await?)
}
