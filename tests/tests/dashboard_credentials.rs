//! The credential pages in a real headless Chromium over two real nodes:
//! create an achievement through its form (the EQF rule shown beside its
//! field first), issue a credential to one learner, download it as Open
//! Badges 3.0 JSON and as a VC-JWT (and verify the JWT with the API), upload
//! a class file with one bad row (nothing issued, the row named) and then a
//! good one (every row issued), revoke a credential with a reason and find it
//! among the revoked, read the statistics, and give a delegation that shows
//! as given on one node and as received on the other. axe-core checks every
//! page visited.
//!
//! With `VETNET_WRITE_SCREENSHOTS=1` it also writes the pages' PNGs (1280
//! and 390 px wide, English and Swedish) to `docs/screenshots/`.

use std::path::{Path, PathBuf};

use serde_json::Value;
use vetnet_tests::browser::Browser;
use vetnet_tests::dashboard::{self, save_screenshots, session_cookie_name, sign_in_link};
use vetnet_tests::{ApiClient, TestNode, spawn, wait_for_topic_peers};

/// The dashboard's address on `node`.
/// A day `days` before today, `YYYY-MM-DD` (credentials are not awarded in
/// the future).
fn days_ago(days: i64) -> String {
    (chrono::Utc::now().date_naive() - chrono::Duration::days(days)).format("%Y-%m-%d").to_string()
}

/// The open page's screenshots, named for the page and its language.
async fn screenshots(browser: &Browser, name: &str, lang: &str) {
    save_screenshots(browser, &format!("{name}-{lang}")).await;
}

/// Creates the achievement `welding-basics` on A through its form: first
/// with EQF 9, refused beside the field with the API's rule, then corrected.
async fn create_achievement(browser: &Browser, a: &str) {
    browser.open(&format!("{a}/achievements")).await;
    assert!(browser.text().await.contains("No achievements yet."));
    browser.check_accessibility("the empty catalogue").await;
    browser.click("a[href='/achievements/new']").await;
    browser.check_accessibility("the new achievement form").await;
    for (id, value) in [
        ("f-id", "welding-basics"),
        ("f-title", "Basic MIG welding"),
        ("f-description", "Four weeks of MIG welding in a company workshop."),
        ("f-outcomes", "Welds fillet joints in steel\nReads welding drawings"),
        ("f-eqf", "9"),
        ("f-nqf", "SE-NQF 4"),
        ("f-isced", "0715"),
        ("f-ects", "7,5"),
        ("f-hours", "160"),
        ("f-participation", "workplace"),
        ("f-assessment", "Practical test of three joints, assessed by the workshop mentor."),
        ("f-supervision", "on-site-identity-check"),
        ("f-quality_assurance", "The Swedish National Agency for Education's rules for workplace learning."),
        ("f-prerequisites", "Basic workshop safety"),
        ("f-stackability", "stackable"),
    ] {
        browser.fill(id, value).await;
    }
    browser.submit("form.record-form button[type=submit]").await;
    let error = browser.text_of("#f-eqf-error").await;
    assert!(error.contains("must be an EQF level between 1 and 8 (got 9)"), "the rule beside the field: {error:?}");
    let described = browser.attr_of("#f-eqf", "aria-describedby").await.unwrap_or_default();
    assert!(described.contains("f-eqf-error"), "the field names its error: {described:?}");
    assert_eq!(browser.attr_of("#f-title", "value").await.as_deref(), Some("Basic MIG welding"), "input kept");
    browser.check_accessibility("the refused achievement form").await;
    screenshots(browser, "achievements-form", "en").await;

    browser.fill("f-eqf", "4").await;
    browser.submit("form.record-form button[type=submit]").await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.path(), "/achievements/welding-basics", "published, and shown at its own address");
    let page = browser.text().await;
    for wanted in ["Published", "Basic MIG welding", "Reads welding drawings", "7.5 ECTS, 160 hours", "SE-NQF 4"] {
        assert!(page.contains(wanted), "{wanted:?} on the achievement's page: {page}");
    }
    assert!(page.contains("Supervised on site, with an identity check") && page.contains("At a workplace"), "{page}");
    browser.check_accessibility("an achievement").await;
    browser.open(&format!("{a}/achievements")).await;
    assert!(browser.text_of("#a-welding-basics").await.contains("Basic MIG welding"));
    browser.check_accessibility("the catalogue").await;
    screenshots(browser, "achievements", "en").await;
}

/// Issues a credential to Anna on A and returns its page's address.
async fn issue_to_one_learner(browser: &Browser, a: &str) -> String {
    browser.open(&format!("{a}/credentials/issue?achievement=welding-basics")).await;
    browser.check_accessibility("the issue form").await;
    browser.submit("form.issue-form button[type=submit]").await;
    let error = browser.text_of("#f-learner_name-error").await;
    assert!(!error.is_empty(), "a missing name is refused beside its field");
    browser.check_accessibility("the refused issue form").await;
    for (id, value) in [
        ("f-achievement", "welding-basics"),
        ("f-learner_name", "Anna Virtanen"),
        ("f-learner_email", "anna.virtanen@example.org"),
        ("f-grade", "Merit"),
        ("f-date", &days_ago(2)),
    ] {
        browser.fill(id, value).await;
    }
    browser.submit("form.issue-form button[type=submit]").await;
    let url = browser.client.current_url().await.unwrap();
    assert!(url.path().starts_with("/credentials/urn"), "the credential's own page: {url}");
    let page = browser.text().await;
    assert!(page.contains("Credential issued.") && page.contains("Anna Virtanen") && page.contains("Merit"), "{page}");
    browser.check_accessibility("a credential").await;
    screenshots(browser, "credentials-page", "en").await;
    url.to_string()
}

/// Fetches the two downloads with the browser's session cookie: an OB3
/// credential, and a VC-JWT that the API verifies.
async fn check_downloads(browser: &Browser, a: &TestNode) {
    let session = browser.client.get_named_cookie(&session_cookie_name(a)).await.unwrap();
    let cookie = format!("{}={}", session_cookie_name(a), session.value());
    let http = reqwest::Client::new();
    let mut files = Vec::new();
    for (link, content_type, extension) in
        [("#download-json", "application/vc+ld+json", "json"), ("#download-jwt", "application/jwt", "jwt")]
    {
        let href = browser.attr_of(link, "href").await.unwrap();
        let response = http.get(format!("{}{href}", dashboard::url(a))).header("cookie", &cookie).send().await.unwrap();
        assert_eq!(response.status(), 200, "{href}");
        assert_eq!(response.headers()["content-type"], content_type, "{href}");
        let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert!(disposition.starts_with("attachment; filename=\"credential-"), "{disposition}");
        assert!(disposition.ends_with(&format!(".{extension}\"")), "{disposition}");
        files.push(response.text().await.unwrap());
    }
    let json: Value = serde_json::from_str(&files[0]).expect("the JSON download is JSON");
    let types: Vec<&str> = json["type"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(types.contains(&"VerifiableCredential") && types.contains(&"OpenBadgeCredential"), "{types:?}");
    assert_eq!(json["credentialSubject"]["achievement"]["name"], "Basic MIG welding");
    assert_eq!(json["proof"][0]["cryptosuite"], "eddsa-rdfc-2022");
    let jwt = files[1].trim();
    assert_eq!(jwt.split('.').count(), 3, "a compact JWT: {jwt}");
    let token = a.node.data_dir().api_token().unwrap();
    let verified: Value = http
        .post(format!("{}/v1/credentials/verify", dashboard::url(a)))
        .bearer_auth(token.trim())
        .header("content-type", "text/plain")
        .body(jwt.to_owned())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(verified["valid"], true, "{verified}");
    assert_eq!(verified["format"], "jwt", "{verified}");
    let without_session =
        http.get(format!("{}{}", dashboard::url(a), browser.attr_of("#download-jwt", "href").await.unwrap()));
    assert_eq!(without_session.send().await.unwrap().status(), 401, "downloads need a session");
}

/// Writes a class file to `dir`.
fn class_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Uploads `file` on the class page with `welding-basics` chosen.
async fn upload_class(browser: &Browser, a: &str, file: &Path) {
    browser.open(&format!("{a}/credentials/class")).await;
    browser.fill("f-achievement", "welding-basics").await;
    let input = browser.client.find(fantoccini::Locator::Id("f-file")).await.unwrap();
    input.send_keys(file.to_str().unwrap()).await.unwrap();
    browser.submit("form.class-form button[type=submit]").await;
}

/// A class file with one bad row issues nothing and names the row; a good
/// one issues every row.
async fn issue_to_a_class(browser: &Browser, a: &str, api: &ApiClient) {
    let dir = tempfile::tempdir().unwrap();
    let (day, future) = (days_ago(1), "2099-06-01");
    browser.open(&format!("{a}/credentials/class")).await;
    assert!(browser.text().await.contains("learner_name"), "the columns are documented");
    browser.check_accessibility("the class page").await;
    let template = reqwest::Client::new()
        .get(format!("{a}/credentials/class/template.csv"))
        .header("cookie", session_cookie(browser, a).await)
        .send()
        .await
        .unwrap();
    assert_eq!(template.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(template.text().await.unwrap().starts_with("learner_name,"), "a template to fill in");

    let bad = format!(
        "learner_name,learner_email,grade,date\n\"Nieminen, Oskari\",oskari@example.org,Pass,{day}\n\
         Liisa Korhonen,,Merit,{future}\nMatti Laine,,Pass,{day}\n"
    );
    upload_class(browser, a, &class_file(dir.path(), "bad.csv", &bad)).await;
    let report = browser.text_of("#row-errors").await;
    assert!(report.contains("Nothing was issued"), "{report}");
    assert!(report.contains("must not be in the future"), "the rule: {report}");
    let row = browser.text_of("#row-errors tbody tr").await;
    assert!(row.starts_with('2') && row.contains("date"), "row 2, its column: {row}");
    browser.check_accessibility("the class page with errors").await;
    screenshots(browser, "credentials-class-errors", "en").await;
    let (_, listed) = api.get("/v1/credentials").await;
    assert_eq!(listed.as_array().unwrap().len(), 1, "nothing of the class was issued");

    let good = bad.replace(future, &day);
    upload_class(browser, a, &class_file(dir.path(), "good.csv", &good)).await;
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/credentials");
    let page = browser.text().await;
    assert!(page.contains("Credentials issued: 3."), "{page}");
    assert!(page.contains("Nieminen, Oskari") && page.contains("Liisa Korhonen"), "quoted cells read whole: {page}");
    browser.check_accessibility("the credential list").await;
    let (_, listed) = api.get("/v1/credentials").await;
    assert_eq!(listed.as_array().unwrap().len(), 4, "the whole class was issued");
}

async fn session_cookie(browser: &Browser, base_url: &str) -> String {
    let port = base_url.rsplit(':').next().unwrap();
    let name = format!("vetnet_session_{port}");
    let session = browser.client.get_named_cookie(&name).await.unwrap();
    format!("{name}={}", session.value())
}

/// Revokes Anna's credential with a reason and finds it among the revoked.
async fn revoke(browser: &Browser, a: &str, credential: &str) {
    browser.open(credential).await;
    browser.submit("a[href$='/revoke']").await;
    browser.check_accessibility("the revocation").await;
    browser.submit("form.revoke-form button[type=submit]").await;
    assert!(browser.text_of("#f-reason-error").await.contains("choose a reason"), "a reason is required");
    browser.check_accessibility("the revocation without a reason").await;
    browser.click("#f-reason-superseded").await;
    browser.submit("form.revoke-form button[type=submit]").await;
    let page = browser.text().await;
    assert!(page.contains("Credential revoked.") && page.contains("Superseded by another credential"), "{page}");
    let revoke_link = browser.client.find(fantoccini::Locator::Css("a[href$='/revoke']")).await;
    assert!(revoke_link.is_err(), "a revoked credential offers no revocation");

    browser.open(&format!("{a}/credentials?status=revoked")).await;
    let revoked = browser.text_of("table.credentials").await;
    assert!(revoked.contains("Anna Virtanen") && revoked.contains("Revoked on"), "{revoked}");
    assert!(!revoked.contains("Liisa Korhonen"), "only revoked ones: {revoked}");
    browser.check_accessibility("the revoked credentials").await;
    browser.open(&format!("{a}/credentials?status=valid&learner=korh")).await;
    let valid = browser.text_of("table.credentials").await;
    assert!(valid.contains("Liisa Korhonen") && !valid.contains("Anna Virtanen"), "{valid}");
    assert!(browser.text().await.contains("Shown: 1 of 4."));
    browser.open(&format!("{a}/credentials")).await;
    screenshots(browser, "credentials", "en").await;
}

/// A delegation given on A shows as given there and as received on B.
async fn delegate(browser: &Browser, a: &str, b_node: &TestNode) {
    let b_did = b_node.node.publisher().institution().to_did();
    browser.open(&format!("{a}/credentials/delegations")).await;
    browser.check_accessibility("delegations").await;
    browser.fill("f-achievement", "welding-basics").await;
    browser.fill("f-delegate", "did:key:nonsense").await;
    browser.submit("form.delegate-form button[type=submit]").await;
    assert!(browser.text_of("#f-delegate-error").await.contains("did:key"), "the rule beside the field");
    browser.fill("f-delegate", &b_did).await;
    browser.submit("form.delegate-form button[type=submit]").await;
    assert!(browser.text().await.contains("Delegation published."));
    let given = browser.text_of("table.delegations-given").await;
    assert!(given.contains("Basic MIG welding") && given.contains(&b_did), "{given}");
    browser.check_accessibility("delegations given").await;

    let b = dashboard::url(b_node);
    browser.open(&sign_in_link(b_node).await).await;
    browser.wait_for_text(&format!("{b}/credentials/delegations"), "Malmö Technical College").await;
    let received = browser.text_of("table.delegations-received").await;
    assert!(received.contains("welding-basics"), "{received}");
    browser.check_accessibility("delegations received").await;
    browser.open(&format!("{b}/credentials/issue")).await;
    let options = browser.text_of("#f-achievement").await;
    assert!(options.contains("welding-basics (delegated by Malmö Technical College)"), "{options}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credential_pages_in_a_real_browser() {
    let Some(browser) = Browser::start().await else { return };
    let a_node = spawn("Malmö Technical College", "SE", &[]).await;
    let b_node = spawn("Turku Vocational Institute", "FI", &[a_node.addr()]).await;
    wait_for_topic_peers(&a_node, 1).await;
    wait_for_topic_peers(&b_node, 1).await;
    let api = ApiClient::new(&a_node);
    let a = dashboard::url(&a_node);
    browser.open(&sign_in_link(&a_node).await).await;

    create_achievement(&browser, &a).await;
    let credential = issue_to_one_learner(&browser, &a).await;
    check_downloads(&browser, &a_node).await;
    issue_to_a_class(&browser, &a, &api).await;
    revoke(&browser, &a, &credential).await;

    browser.open(&format!("{a}/credentials/stats")).await;
    let total = browser.text_of("table.stats tfoot").await;
    assert!(total.contains('4') && total.contains('1'), "4 issued, 1 revoked: {total}");
    assert!(browser.text_of("table.stats tbody").await.contains("Basic MIG welding (welding-basics)"));
    browser.check_accessibility("statistics").await;
    screenshots(&browser, "credentials-stats", "en").await;

    // The same pages in Swedish.
    browser.open(&format!("{a}/language?lang=sv&next=/credentials")).await;
    let swedish = browser.text().await;
    assert!(swedish.contains("Intyg") && swedish.contains("Återkallat"), "{swedish}");
    browser.check_accessibility("the credential list in Swedish").await;
    screenshots(&browser, "credentials", "sv").await;
    for (name, path) in [
        ("achievements", "/achievements".to_owned()),
        ("achievements-form", "/achievements/new".to_owned()),
        ("credentials-stats", "/credentials/stats".to_owned()),
        ("credentials-page", credential.trim_start_matches(&a).to_owned()),
    ] {
        browser.open(&format!("{a}{path}")).await;
        browser.check_accessibility(&format!("{path} in Swedish")).await;
        screenshots(&browser, name, "sv").await;
    }
    let dir = tempfile::tempdir().unwrap();
    let bad = format!("learner_name,date\nAnna,{}\n,{}\n", days_ago(1), days_ago(1));
    upload_class(&browser, &a, &class_file(dir.path(), "bad.csv", &bad)).await;
    assert!(browser.text_of("#row-errors").await.contains("learner_name"));
    browser.check_accessibility("the class errors in Swedish").await;
    screenshots(&browser, "credentials-class-errors", "sv").await;
    browser.open(&format!("{a}/language?lang=en&next=/")).await;

    delegate(&browser, &a, &b_node).await;
}
