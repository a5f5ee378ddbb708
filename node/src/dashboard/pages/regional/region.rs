//! The regional picture (`vetnet region CODE`): one NUTS region's
//! institutions, open offers and mobility needs, skills needs by
//! occupation, networks and coming meetings, and the micro-credentials its
//! institutions issued; and the schools that teach what a skills need asks
//! for (`vetnet match --skills-need`).

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use vetnet_views::{RegionView, SchoolMatch, SkillsNeedMatchView};

use super::meetings::{MeetingRow, meeting_row};
use super::networks::{NetworkRow, network_row};
use super::own::{demand, region_name};
use crate::dashboard::form::{FieldErrors, FieldSpec, FieldView, FormData, Widget, field_views};
use crate::dashboard::i18n::Tr;
use crate::dashboard::pages::records::api_failure;
use crate::dashboard::pages::view::{RecordRow, TrustBadge, percent, record_row, text, trust};
use crate::dashboard::{Chrome, Ctx, render_with};

const FIELDS: &[FieldSpec] = &[FieldSpec { name: "code", widget: Widget::Text, required: true }];

/// One occupation's skills needs.
pub struct OccupationRow {
    pub occupation: String,
    pub people: Option<String>,
    pub needs: Vec<SkillsNeedRow>,
}

pub struct SkillsNeedRow {
    pub title: String,
    pub region: String,
    pub demand: String,
    pub horizon: String,
    pub author: String,
    pub source: String,
    pub link: String,
}

pub struct IssuedRow {
    pub quarter: String,
    pub institution: String,
    pub achievement: String,
    pub count: String,
}

/// The picture's numbers and lists, ready to show.
pub struct Picture {
    pub name: String,
    pub country: String,
    pub institutions: Vec<RecordRow>,
    pub offers: Vec<RecordRow>,
    pub needs: Vec<RecordRow>,
    pub occupations: Vec<OccupationRow>,
    pub networks: Vec<NetworkRow>,
    pub meetings: Vec<MeetingRow>,
    pub issued: Vec<IssuedRow>,
    pub issued_total: String,
}

#[derive(Template)]
#[template(path = "regional/region.html")]
struct RegionPage {
    t: Tr,
    chrome: Chrome,
    fields: Vec<FieldView>,
    picture: Option<Picture>,
}

#[derive(serde::Deserialize, Default)]
pub struct RegionParams {
    #[serde(default)]
    code: Option<String>,
}

/// `GET /region?code=SE33`; without a code, the region of our own profile.
pub async fn show(ctx: Ctx, Query(params): Query<RegionParams>) -> Response {
    let t = &ctx.t;
    let own = ctx.dash.state.publisher.profile().ok().flatten().and_then(|p| p.nuts.clone());
    let code = params.code.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).or(own);
    let mut form = FormData::default();
    let mut errors = FieldErrors::default();
    let mut picture = None;
    if let Some(code) = code {
        form.push("code", code.as_str());
        match ctx.dash.get::<RegionView>(&format!("/v1/region/{}", percent(&code))).await {
            Ok(view) => picture = Some(picture_of(t, &view)),
            Err(refusal) if refusal.status == StatusCode::BAD_REQUEST => {
                let error = refusal.body.error;
                errors.fields.push(("code".to_owned(), error.rule.unwrap_or(error.message)));
            }
            Err(refusal) => return api_failure(&ctx, &refusal),
        }
    }
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    render_with(
        status,
        &RegionPage {
            fields: field_views(FIELDS, &form, &errors, t),
            picture,
            chrome: ctx.chrome("region"),
            t: t.clone(),
        },
    )
}

fn picture_of(t: &Tr, view: &RegionView) -> Picture {
    let occupations = view
        .skills_needs
        .iter()
        .map(|group| OccupationRow {
            occupation: group.occupation.clone(),
            people: (group.people > 0).then(|| t.msg1("skills-people", "n", t.number(group.people))),
            needs: group
                .needs
                .iter()
                .filter_map(|v| {
                    let need = v.body.as_ref()?;
                    Some(SkillsNeedRow {
                        title: text(t, &need.title),
                        region: region_name(&need.region),
                        demand: demand(t, need).unwrap_or_default(),
                        horizon: t.msg1("skills-years", "n", need.horizon),
                        author: v.author_name.clone().unwrap_or_else(|| "?".to_owned()),
                        source: need.source.clone(),
                        link: format!("/skills-needs/match/{}/{}", percent(&v.author), percent(&v.id)),
                    })
                })
                .collect(),
        })
        .collect();
    Picture {
        name: region_name(&view.code),
        country: crate::dashboard::codes::label(crate::dashboard::codes::CodeList::Country, &view.country, t),
        institutions: view.institutions.iter().map(|i| record_row(t, &i.record, None)).collect(),
        offers: view.offers.iter().map(|i| record_row(t, &i.record, None)).collect(),
        needs: view.needs.iter().map(|i| record_row(t, &i.record, None)).collect(),
        occupations,
        networks: view.networks.iter().map(|n| network_row(t, n)).collect(),
        meetings: view.events.iter().filter_map(|e| meeting_row(t, e)).collect(),
        issued: view
            .issued
            .iter()
            .map(|i| IssuedRow {
                quarter: i.quarter.clone(),
                institution: i.institution.name.clone().unwrap_or_else(|| i.institution.institution.clone()),
                achievement: i.title.clone().unwrap_or_else(|| i.achievement.clone()),
                count: t.number(i.count.into()),
            })
            .collect(),
        issued_total: t.number(view.issued_total),
    }
}

/// A school that fits a skills need, with the reasons.
pub struct SchoolRow {
    pub name: String,
    pub did: String,
    pub trust: TrustBadge,
    pub region: String,
    pub proximity: String,
    pub score: u8,
    pub fits: Vec<String>,
    pub misfits: Vec<String>,
    pub notes: Vec<String>,
}

fn school_row(t: &Tr, school: &SchoolMatch) -> SchoolRow {
    let texts = |reasons: &[vetnet_views::SkillsReason]| reasons.iter().map(|r| r.text.clone()).collect();
    SchoolRow {
        name: school.institution.name.clone().unwrap_or_else(|| "?".to_owned()),
        did: school.institution.institution.clone(),
        trust: trust(t, &school.institution.trust),
        region: school.region.as_deref().map(region_name).unwrap_or_default(),
        proximity: t.msg(&format!("proximity-{}", school.proximity.as_str())),
        score: school.score,
        fits: texts(&school.fits),
        misfits: texts(&school.misfits),
        notes: texts(&school.notes),
    }
}

#[derive(Template)]
#[template(path = "regional/skills_match.html")]
struct MatchPage {
    t: Tr,
    chrome: Chrome,
    row: RecordRow,
    region_link: String,
    schools: Vec<SchoolRow>,
}

/// `GET /skills-needs/match/{author}/{id}`: which schools teach what the
/// need asks for, nearest first, then best.
pub async fn schools(ctx: Ctx, Path((author, id)): Path<(String, String)>) -> Response {
    let path = format!("/v1/match/skills-need/{}/{}", percent(&author), percent(&id));
    let view = match ctx.dash.get::<SkillsNeedMatchView>(&path).await {
        Ok(view) => view,
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let region = view.need.body.as_ref().map(|n| n.region.clone()).unwrap_or_default();
    render_with(
        StatusCode::OK,
        &MatchPage {
            row: record_row(&ctx.t, &view.need, None),
            region_link: format!("/region?code={}", percent(&region)),
            schools: view.schools.iter().map(|s| school_row(&ctx.t, s)).collect(),
            chrome: ctx.chrome("region"),
            t: ctx.t.clone(),
        },
    )
}
