//! The dashboard: the node's web interface, served on the admin address
//! beside the API (see `admin`), for the people who run vetnet without a
//! terminal.
//!
//! - [`session`]: one-time sign-in links (`vetnet open`), sessions in memory,
//!   CSRF tokens.
//! - [`guard`]: the Host check that closes DNS rebinding.
//! - [`i18n`]: Fluent message files, language negotiation, dates and numbers.
//! - [`codes`]: code lists shown by their labels.
//! - [`form`]: record forms, their JSON, and field errors beside fields.
//! - `pages`: one module per area; each page gathers its data in one small
//!   function and renders an askama template from `node/templates/`.
//!
//! Pages read and write through the admin API's own handlers, called in
//! process with the API token ([`Dashboard::get`], [`Dashboard::post`], …),
//! and read every answer as the typed view of `vetnet-views` that the CLI
//! reads too: the dashboard shows exactly the views the CLI prints and
//! refuses exactly what it refuses, with the same field names and rules.

use std::sync::Arc;

use askama::Template;
use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tower::ServiceExt;
use vetnet_views::{ErrorBody, ErrorView};

use crate::api::{ApiError, ApiState};

pub mod codes;
pub mod form;
pub mod guard;
pub mod i18n;
mod pages;
pub mod session;

use form::FormData;
use guard::AllowedHosts;
use i18n::{LANG_COOKIE, LANGUAGES, Locales, Tr};
use session::{Session, Sessions};

/// The largest form a page posts.
const MAX_FORM_BYTES: usize = 256 * 1024;
/// The largest API answer a page reads.
const MAX_API_BYTES: usize = 16 * 1024 * 1024;

/// The stylesheet: the frame's, then one per area of pages.
const STYLE: &str = concat!(
    include_str!("../../assets/style.css"),
    include_str!("../../assets/mobility.css"),
    include_str!("../../assets/credentials.css"),
    include_str!("../../assets/verify.css"),
    include_str!("../../assets/regional.css"),
);

/// What every page handler gets: the node's API state, the API router to
/// call in process, the sessions and the languages.
#[derive(Clone)]
pub struct Dashboard {
    pub state: ApiState,
    api: Router,
    sessions: Arc<Sessions>,
    locales: Arc<Locales>,
    hosts: AllowedHosts,
}

/// An API call that did not succeed: its status and its error body, the
/// same [`ErrorBody`] the CLI reads.
#[derive(Debug)]
pub struct ApiRefusal {
    pub status: StatusCode,
    /// Boxed: results that carry a refusal stay small.
    pub body: Box<ErrorBody>,
}

impl ApiRefusal {
    /// A refusal of the dashboard's own making (the call could not be made
    /// or its answer not read).
    fn internal(message: String) -> Self {
        let error = ErrorView { code: "internal".to_owned(), message, field: None, rule: None, rows: None };
        Self { status: StatusCode::INTERNAL_SERVER_ERROR, body: Box::new(ErrorBody { error }) }
    }

    /// The API's message for it.
    pub fn message(&self) -> &str {
        &self.body.error.message
    }
}

impl Dashboard {
    pub fn new(state: ApiState, api: Router) -> Self {
        let hosts = AllowedHosts::for_addr(state.info.api_addr);
        let sessions = Arc::new(Sessions::for_port(state.info.api_addr.port()));
        Self { state, api, sessions, locales: Locales::shared(), hosts }
    }

    pub fn hosts(&self) -> AllowedHosts {
        self.hosts.clone()
    }

    /// The node's clock: what "today" is for every page.
    pub fn today(&self) -> chrono::NaiveDate {
        self.state.publisher.clock().now_utc().date_naive()
    }

    /// Calls the admin API in process, as the CLI would over HTTP, and reads
    /// the answer as the typed view `T` (an error as [`ErrorBody`]).
    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<T, ApiRefusal> {
        let bytes = self.call_bytes(method, path, body).await?;
        let bytes = if bytes.is_empty() { &b"null"[..] } else { &bytes[..] };
        serde_json::from_slice(bytes).map_err(|e| {
            tracing::error!(path, error = %e, "the dashboard cannot read an API answer");
            ApiRefusal::internal(format!("the answer of {path} is not what the dashboard reads: {e}"))
        })
    }

    /// Calls the admin API in process and gives the successful answer's
    /// bytes as they are (an error read as [`ErrorBody`]).
    async fn call_bytes(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<axum::body::Bytes, ApiRefusal> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {}", self.state.token));
        let body = match body {
            Some(bytes) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(bytes)
            }
            None => Body::empty(),
        };
        let request = request.body(body).map_err(|e| ApiRefusal::internal(e.to_string()))?;
        let response = match self.api.clone().oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), MAX_API_BYTES)
            .await
            .map_err(|e| ApiRefusal::internal(e.to_string()))?;
        if !status.is_success() {
            let body = serde_json::from_slice::<ErrorBody>(&bytes).unwrap_or_else(|_| ErrorBody {
                error: ErrorView {
                    code: "internal".to_owned(),
                    message: status.to_string(),
                    field: None,
                    rule: None,
                    rows: None,
                },
            });
            return Err(ApiRefusal { status, body: Box::new(body) });
        }
        Ok(bytes)
    }

    /// `GET path`, a text answer (an iCalendar file) as it is.
    pub async fn get_text(&self, path: &str) -> Result<String, ApiRefusal> {
        let bytes = self.call_bytes(Method::GET, path, None).await?;
        String::from_utf8(bytes.to_vec())
            .map_err(|e| ApiRefusal::internal(format!("the answer of {path} is not text: {e}")))
    }

    /// `GET path`, read as a `T`.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiRefusal> {
        self.call(Method::GET, path, None).await
    }

    /// `POST path` with the JSON `body`, read as a `T`.
    pub async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiRefusal> {
        self.call(Method::POST, path, Some(to_json_bytes(body)?)).await
    }

    /// `PUT path` with the JSON `body`, read as a `T`.
    pub async fn put<B: Serialize + ?Sized, T: DeserializeOwned>(&self, path: &str, body: &B) -> Result<T, ApiRefusal> {
        self.call(Method::PUT, path, Some(to_json_bytes(body)?)).await
    }

    /// `POST path` with `text` as the body as it is (not as a JSON string),
    /// read as a `T`: for the endpoints that take a file's text.
    pub async fn post_text<T: DeserializeOwned>(&self, path: &str, text: &str) -> Result<T, ApiRefusal> {
        self.call(Method::POST, path, Some(text.as_bytes().to_vec())).await
    }

    /// `POST path` without a body, read as a `T`.
    pub async fn post_empty<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiRefusal> {
        self.call(Method::POST, path, None).await
    }

    /// `DELETE path`, read as a `T`.
    pub async fn delete<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiRefusal> {
        self.call(Method::DELETE, path, None).await
    }
}

fn to_json_bytes<B: Serialize + ?Sized>(body: &B) -> Result<Vec<u8>, ApiRefusal> {
    serde_json::to_vec(body).map_err(|e| ApiRefusal::internal(e.to_string()))
}

/// The request of a signed-in reader: the language to answer in, the
/// session, and where they are (for the switcher and for "back" links).
pub struct Ctx {
    pub t: Tr,
    pub session: Session,
    /// Path and query of this request.
    pub here: String,
    pub dash: Dashboard,
}

/// The language of a request, session or not.
fn language_of(dash: &Dashboard, headers: &axum::http::HeaderMap) -> Tr {
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Tr::new(dash.locales.clone(), Locales::negotiate(session::cookie(headers, LANG_COOKIE), accept))
}

impl FromRequestParts<Dashboard> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, dash: &Dashboard) -> Result<Self, Self::Rejection> {
        let t = language_of(dash, &parts.headers);
        let Some(session) = dash.sessions.find(&parts.headers) else {
            return Err(notice(StatusCode::UNAUTHORIZED, &t, "signed-out-title", "signed-out-body"));
        };
        let here = parts.uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/".to_owned());
        Ok(Ctx { t, session, here, dash: dash.clone() })
    }
}

/// A posted form of a signed-in reader, its CSRF token checked (and its
/// `Origin`, when the browser sends one). Both encodings are read: a plain
/// form, and `multipart/form-data` (a form with a file input: the file's
/// text is the value of its field).
pub struct Posted {
    pub ctx: Ctx,
    pub form: FormData,
}

impl FromRequest<Dashboard> for Posted {
    type Rejection = Response;

    async fn from_request(request: Request, dash: &Dashboard) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let ctx = Ctx::from_request_parts(&mut parts, dash).await?;
        if !dash.hosts.allows_origin(&parts.headers) {
            return Err(notice(StatusCode::FORBIDDEN, &ctx.t, "refused-title", "refused-origin"));
        }
        let too_large = || notice(StatusCode::PAYLOAD_TOO_LARGE, &ctx.t, "refused-title", "refused-too-large");
        let bad_form = || notice(StatusCode::BAD_REQUEST, &ctx.t, "refused-title", "refused-form");
        let form = if is_multipart(&parts.headers) {
            let request = Request::from_parts(parts, body);
            let multipart = axum::extract::Multipart::from_request(request, &()).await.map_err(|_| bad_form())?;
            read_multipart(multipart).await.map_err(|e| match e {
                UploadError::TooLarge => too_large(),
                UploadError::Unreadable => bad_form(),
            })?
        } else {
            let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES).await.map_err(|_| too_large())?;
            FormData::parse(&bytes).map_err(|_| bad_form())?
        };
        let given = form.value("csrf").unwrap_or("");
        if !session::constant_time_eq(given.as_bytes(), ctx.session.csrf.as_bytes()) {
            return Err(notice(StatusCode::FORBIDDEN, &ctx.t, "refused-title", "refused-csrf"));
        }
        Ok(Posted { ctx, form })
    }
}

fn is_multipart(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"))
}

enum UploadError {
    TooLarge,
    Unreadable,
}

/// A `multipart/form-data` form (one with a file input) as name/value pairs:
/// a file's value is its text, which must be UTF-8 (every file the dashboard
/// takes is text: CSV, JSON, a JWT, a key). The whole form is bounded by
/// [`MAX_FORM_BYTES`], counted as it arrives.
async fn read_multipart(mut multipart: axum::extract::Multipart) -> Result<FormData, UploadError> {
    let mut form = FormData::default();
    let mut total = 0usize;
    while let Some(mut field) = multipart.next_field().await.map_err(|_| UploadError::Unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| UploadError::Unreadable)? {
            total += chunk.len();
            if total > MAX_FORM_BYTES {
                return Err(UploadError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        let value = String::from_utf8(bytes).map_err(|_| UploadError::Unreadable)?;
        form.push(&name, value);
    }
    Ok(form)
}

/// The frame of every signed-in page: who we are, where we are, the CSRF
/// token for its forms, and the language switcher.
pub struct Chrome {
    pub csrf: String,
    pub institution: String,
    /// The navigation entry of this page (`home`, `offers`, …).
    pub section: &'static str,
    pub here: String,
    /// `(tag, own name, selected)` for the switcher.
    pub languages: Vec<(&'static str, &'static str, bool)>,
    pub nav: &'static [(&'static str, &'static str, &'static str)],
}

/// The navigation: section, address, message.
pub const NAV: &[(&str, &str, &str)] = &[
    ("home", "/", "nav-home"),
    ("profile", "/profile", "nav-profile"),
    ("offers", "/offers", "nav-offers"),
    ("needs", "/needs", "nav-needs"),
    ("search", "/search/offers", "nav-search"),
    ("matches", "/matches", "nav-matches"),
    ("mobility", "/mobility", "nav-mobility"),
    ("achievements", "/achievements", "nav-achievements"),
    ("credentials", "/credentials", "nav-credentials"),
    ("verify", "/verify", "nav-verify"),
    ("networks", "/networks", "nav-networks"),
    ("events", "/meetings", "nav-events"),
    ("region", "/region", "nav-region"),
    ("trust", "/trust", "nav-trust"),
    ("peers", "/peers", "nav-peers"),
    ("settings", "/settings", "nav-settings"),
];

impl Ctx {
    pub fn chrome(&self, section: &'static str) -> Chrome {
        let institution = self
            .dash
            .state
            .publisher
            .profile()
            .ok()
            .flatten()
            .and_then(|p| p.name.best(&[self.t.lang()]).map(str::to_owned))
            .unwrap_or_else(|| self.t.msg("no-profile-name"));
        let lang = self.t.lang();
        Chrome {
            csrf: self.session.csrf.clone(),
            institution,
            section,
            here: self.here.clone(),
            languages: LANGUAGES.iter().map(|(tag, name, _)| (*tag, *name, *tag == lang)).collect(),
            nav: NAV,
        }
    }
}

/// Renders a template, or a plain error page if it cannot be.
pub fn render(template: &impl Template) -> Response {
    render_with(StatusCode::OK, template)
}

pub fn render_with(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a dashboard page did not render");
            (StatusCode::INTERNAL_SERVER_ERROR, "This page could not be shown; the node's log says why.\n")
                .into_response()
        }
    }
}

/// A page with one message, for readers with or without a session (the
/// stylesheet is inline: assets need a session).
#[derive(Template)]
#[template(path = "notice.html")]
pub struct Notice<'a> {
    pub t: &'a Tr,
    pub title: String,
    pub body: String,
    /// What the node said, in its words (an API refusal).
    pub detail: Option<String>,
    /// Whether to show the command that signs in again.
    pub sign_in: bool,
    pub style: &'static str,
}

pub fn notice(status: StatusCode, t: &Tr, title: &str, body: &str) -> Response {
    notice_with(status, t, title, body, None)
}

/// A notice that also quotes what the node said.
pub fn notice_with(status: StatusCode, t: &Tr, title: &str, body: &str, detail: Option<String>) -> Response {
    let sign_in = matches!(title, "signed-out-title" | "link-used-title");
    render_with(status, &Notice { t, title: t.msg(title), body: t.msg(body), detail, sign_in, style: STYLE })
}

/// A `303 See Other` to a page of this node.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The dashboard's routes. Paths under `/v1/` go to the API (which checks
/// its token); any other unknown path is a "not found" page.
pub fn router(dash: Dashboard) -> Router {
    Router::new()
        .route("/v1/dashboard/sign-in-links", post(new_sign_in_link))
        .route("/sign-in", get(sign_in))
        .route("/sign-out", post(sign_out))
        .route("/language", get(choose_language))
        .route("/assets/style.css", get(style))
        .merge(pages::routes())
        .fallback(fallback)
        .with_state(dash)
}

async fn fallback(State(dash): State<Dashboard>, request: Request) -> Response {
    let path = request.uri().path();
    if path == "/v1" || path.starts_with("/v1/") {
        return match dash.api.clone().oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
    }
    let t = language_of(&dash, request.headers());
    if dash.sessions.find(request.headers()).is_none() {
        return notice(StatusCode::UNAUTHORIZED, &t, "signed-out-title", "signed-out-body");
    }
    notice(StatusCode::NOT_FOUND, &t, "not-found-title", "not-found-body")
}

/// `POST /v1/dashboard/sign-in-links` (API token): a one-time sign-in link.
///
/// Documented in the API's OpenAPI document (`api::openapi`), which cannot
/// name this handler without the API depending on the dashboard.
async fn new_sign_in_link(State(dash): State<Dashboard>, headers: axum::http::HeaderMap) -> Response {
    if !session::has_api_token(&headers, &dash.state.token) {
        return ApiError::unauthorized().into_response();
    }
    match dash.sessions.new_link() {
        Ok(token) => {
            let view = vetnet_views::SignInLinkView {
                url: format!("http://127.0.0.1:{}/sign-in?token={token}", dash.state.info.api_addr.port()),
                expires_in_secs: session::LINK_LIFETIME.as_secs(),
            };
            (StatusCode::CREATED, Json(view)).into_response()
        }
        Err(e) => ApiError::internal(e).into_response(),
    }
}

#[derive(serde::Deserialize)]
struct SignInParams {
    #[serde(default)]
    token: String,
}

/// `GET /sign-in?token=`: uses up the link, opens a session, goes home.
async fn sign_in(
    State(dash): State<Dashboard>,
    headers: axum::http::HeaderMap,
    axum::extract::Query(params): axum::extract::Query<SignInParams>,
) -> Response {
    let t = language_of(&dash, &headers);
    match dash.sessions.sign_in(&params.token) {
        Ok(Some(session)) => {
            let mut response = see_other("/");
            if let Ok(cookie) = HeaderValue::from_str(&dash.sessions.session_cookie(&session)) {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            response
        }
        Ok(None) => notice(StatusCode::UNAUTHORIZED, &t, "link-used-title", "link-used-body"),
        Err(e) => {
            tracing::error!(error = %e, "no dashboard session");
            notice(StatusCode::INTERNAL_SERVER_ERROR, &t, "refused-title", "refused-internal")
        }
    }
}

/// `POST /sign-out`: closes the session.
async fn sign_out(posted: Posted) -> Response {
    posted.ctx.dash.sessions.sign_out(&posted.ctx.session.id);
    let mut response = notice(StatusCode::OK, &posted.ctx.t, "signed-out-title", "signed-out-by-you");
    if let Ok(cookie) = HeaderValue::from_str(&posted.ctx.dash.sessions.expired_session_cookie()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

#[derive(serde::Deserialize)]
struct LanguageParams {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
}

/// `GET /language?lang=sv&next=/offers`: keeps the choice in a cookie and
/// goes back (only to a page of this node).
async fn choose_language(axum::extract::Query(params): axum::extract::Query<LanguageParams>) -> Response {
    let next = match params.next.parse::<Uri>() {
        Ok(uri) if params.next.starts_with('/') && !params.next.starts_with("//") && uri.host().is_none() => {
            params.next.clone()
        }
        _ => "/".to_owned(),
    };
    let mut response = see_other(&next);
    if i18n::language_index(&params.lang).is_some()
        && let Ok(cookie) =
            HeaderValue::from_str(&format!("{LANG_COOKIE}={}; SameSite=Strict; Path=/; Max-Age=31536000", params.lang))
    {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

async fn style(_ctx: Ctx) -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], STYLE).into_response()
}
