//! Search: offers, institutions, needs and achievements, with every filter
//! the CLI has plus free text, in the query string (GET forms, so the back
//! button and bookmarks work), paged, each result with its institution's
//! trust level and, on request, the path behind it.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;

use serde::de::DeserializeOwned;
use vetnet_views::{Achievement, Need, Offer, Profile, RecordView};

use super::records::api_failure;
use super::view::{RecordRow, Shown, record_rows};
use crate::dashboard::codes::CodeList;
use crate::dashboard::form::{FieldErrors, FieldSpec, FieldView, FormData, Widget, field_views};
use crate::dashboard::i18n::Tr;
use crate::dashboard::{ApiRefusal, Chrome, Ctx, render_with};

/// Results on one page.
pub const PAGE_SIZE: usize = 20;
/// The deepest page: search answers the newest results, so a page deep in
/// the list costs what all pages before it cost.
const MAX_PAGE: usize = 50;

const fn filter(name: &'static str, widget: Widget) -> FieldSpec {
    FieldSpec { name, widget, required: false }
}

const PARTICIPATION: &[&str] = &["online", "on-site", "blended", "workplace"];
const INSTITUTION: &[&str] = &["vet-provider", "company", "chamber", "public-agency", "network"];

/// One kind of search: its address, the API's, and its filters (the CLI's).
pub struct SearchKind {
    pub name: &'static str,
    pub api: &'static str,
    pub filters: &'static [FieldSpec],
}

pub const KINDS: &[SearchKind] = &[
    SearchKind {
        name: "offers",
        api: "/v1/search/offers",
        filters: &[
            filter("text", Widget::Text),
            filter("country", Widget::Code(CodeList::Country)),
            filter("sector", Widget::Code(CodeList::Isced)),
            filter("eqf", Widget::Code(CodeList::Eqf)),
            filter("lang", Widget::Code(CodeList::Language)),
            filter("author", Widget::Text),
            filter("trusted", Widget::Checkbox),
        ],
    },
    SearchKind {
        name: "institutions",
        api: "/v1/search/institutions",
        filters: &[
            filter("text", Widget::Text),
            filter("country", Widget::Code(CodeList::Country)),
            filter("kind", Widget::Keyword(INSTITUTION)),
            filter("sector", Widget::Code(CodeList::Isced)),
            filter("lang", Widget::Code(CodeList::Language)),
            filter("trusted", Widget::Checkbox),
        ],
    },
    SearchKind {
        name: "needs",
        api: "/v1/search/needs",
        filters: &[
            filter("text", Widget::Text),
            filter("country", Widget::Code(CodeList::Country)),
            filter("sector", Widget::Code(CodeList::Isced)),
            filter("eqf", Widget::Code(CodeList::Eqf)),
            filter("lang", Widget::Code(CodeList::Language)),
            filter("author", Widget::Text),
            filter("trusted", Widget::Checkbox),
        ],
    },
    SearchKind {
        name: "achievements",
        api: "/v1/search/achievements",
        filters: &[
            filter("text", Widget::Text),
            filter("country", Widget::Code(CodeList::Country)),
            filter("sector", Widget::Code(CodeList::Isced)),
            filter("eqf", Widget::Code(CodeList::Eqf)),
            filter("lang", Widget::Code(CodeList::Language)),
            filter("skill", Widget::Text),
            filter("participation", Widget::Keyword(PARTICIPATION)),
            filter("author", Widget::Text),
            filter("trusted", Widget::Checkbox),
        ],
    },
];

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    t: Tr,
    chrome: Chrome,
    kind: &'static str,
    title: String,
    kinds: Vec<(&'static str, String)>,
    fields: Vec<FieldView>,
    general_error: Option<String>,
    rows: Vec<RecordRow>,
    page: usize,
    previous: Option<String>,
    next: Option<String>,
}

/// The API query for a page of results: the filters as given, `trusted`
/// as the API spells it, and a limit that reaches one past the page.
fn api_query(kind: &SearchKind, form: &FormData, page: usize) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    for spec in kind.filters {
        match (spec.widget, form.value(spec.name)) {
            (Widget::Checkbox, Some(_)) => pairs.push((spec.name, "true".to_owned())),
            (Widget::Checkbox, None) | (_, None) => {}
            (_, Some(value)) => pairs.push((spec.name, value.to_owned())),
        }
    }
    pairs.push(("limit", ((page + 1) * PAGE_SIZE + 1).to_string()));
    serde_urlencoded::to_string(&pairs).unwrap_or_default()
}

/// This page's address with another page number.
fn page_link(kind: &str, form: &FormData, page: usize) -> String {
    let mut pairs: Vec<(&str, &str)> =
        form.0.iter().filter(|(n, _)| n != "page").map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let page = page.to_string();
    pairs.push(("page", &page));
    format!("/search/{kind}?{}", serde_urlencoded::to_string(&pairs).unwrap_or_default())
}

pub async fn search(
    ctx: Ctx,
    axum::extract::Path(kind): axum::extract::Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let Some(kind) = KINDS.iter().find(|k| k.name == kind) else {
        return crate::dashboard::notice(StatusCode::NOT_FOUND, &ctx.t, "not-found-title", "not-found-body");
    };
    let form = FormData(pairs);
    let page = form.value("page").and_then(|p| p.parse::<usize>().ok()).unwrap_or(0).min(MAX_PAGE);
    let path = format!("{}?{}", kind.api, api_query(kind, &form, page));
    let results = match kind.name {
        "offers" => rows_of::<Offer>(&ctx, &path).await,
        "needs" => rows_of::<Need>(&ctx, &path).await,
        "institutions" => rows_of::<Profile>(&ctx, &path).await,
        _ => rows_of::<Achievement>(&ctx, &path).await,
    };
    let (rows, errors, more) = match results {
        Ok(mut rows) => {
            let more = rows.len() > (page + 1) * PAGE_SIZE;
            rows = rows.into_iter().skip(page * PAGE_SIZE).take(PAGE_SIZE).collect();
            (rows, FieldErrors::default(), more)
        }
        Err(refusal) if refusal.status == StatusCode::BAD_REQUEST => {
            (Vec::new(), FieldErrors::from_api(kind.filters, &refusal.body), false)
        }
        Err(refusal) => return api_failure(&ctx, &refusal),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    render_with(
        status,
        &SearchPage {
            kind: kind.name,
            title: ctx.t.msg(&format!("search-{}", kind.name)),
            kinds: KINDS.iter().map(|k| (k.name, ctx.t.msg(&format!("search-{}", k.name)))).collect(),
            fields: field_views(kind.filters, &form, &errors, &ctx.t),
            general_error: errors.general.clone(),
            rows,
            page,
            previous: (page > 0).then(|| page_link(kind.name, &form, page - 1)),
            next: (more && page < MAX_PAGE).then(|| page_link(kind.name, &form, page + 1)),
            chrome: ctx.chrome("search"),
            t: ctx.t,
        },
    )
}

/// One kind's results, read as the views of its record body.
async fn rows_of<B: Shown + DeserializeOwned>(ctx: &Ctx, path: &str) -> Result<Vec<RecordRow>, ApiRefusal> {
    let results = ctx.dash.get::<Vec<RecordView<B>>>(path).await?;
    Ok(record_rows(&ctx.t, &results, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_the_apis_query() {
        let form = FormData(vec![
            ("country".into(), "DE".into()),
            ("eqf".into(), "4".into()),
            ("text".into(), "".into()),
            ("trusted".into(), "on".into()),
            ("page".into(), "2".into()),
        ]);
        assert_eq!(api_query(&KINDS[0], &form, 2), "country=DE&eqf=4&trusted=true&limit=61");
        assert_eq!(page_link("offers", &form, 3), "/search/offers?country=DE&eqf=4&text=&trusted=on&page=3");
    }
}
