//! A learner's mobility through the dashboard alone, in a real headless
//! Chromium over real nodes (a school in Sweden, a host in Germany, and an
//! employer who verifies): interest from a match, a nomination while the
//! host is offline (the school's timeline says `waiting`, then `delivered`
//! once the host is back), acceptance, a learning agreement (first refused
//! beside its field), the three signatures (the learner's on the learner's
//! screen), completion with a credential for one of the host's
//! achievements, and the school's recognition referring to it. Then the
//! credential: downloaded from the host's page, valid on the employer's
//! verify page with the trust path, revoked by the host with a reason, and
//! not valid there any more, with the day. A step the institution may not
//! take is refused before the API is asked; a class file with one bad row
//! issues nothing and names the row; the signed thread downloads as an
//! attachment and verifies on the verifier page. axe-core checks every page
//! visited. With `VETNET_WRITE_SCREENSHOTS=1` it writes the mobility pages'
//! screenshots to `docs/screenshots/`.

use std::time::Duration;

use serde_json::{Value, json};
use vetnet_node::publish::PublishMode;
use vetnet_protocol::need::NeedBody;
use vetnet_protocol::{LangText, RecordKey, fixtures};
use vetnet_tests::browser::Browser;
use vetnet_tests::dashboard::{self, save_screenshots, session_cookie_name, sign_in_link};
use vetnet_tests::{ApiClient, TestNode, offer, spawn, start_on, stop, wait_for_topic_peers, wait_until};

const OFFER: &str = "welding-kiel-2027";
const NEED: &str = "welders-2027";
const ACHIEVEMENT: &str = "welding-placement";
/// How long a page may take to show what the other node did.
const DEADLINE: Duration = Duration::from_secs(30);

fn need() -> NeedBody {
    NeedBody {
        title: LangText::new("en", "Two welders for a spring placement"),
        description: LangText::default(),
        qualification: Some("Industrial technology programme".into()),
        ..fixtures::need("", "DE", "0715", 4)
    }
}

/// The host's achievement, created through its API (the achievement pages
/// are not part of this test).
async fn create_achievement(host: &TestNode) {
    let body = json!({
        "id": ACHIEVEMENT,
        "title": { "en": "Welding placement at Kiel Metallbau" },
        "country": "DE",
        "outcomes": ["Welds fillet joints in PA and PB positions"],
        "assessment": "Practical test, assessed by the workplace mentor",
        "participation": "workplace",
        "quality_assurance": "Chamber of crafts quality assurance",
        "eqf": 4,
        "ects": 6.0,
        "hours": 150,
    });
    let (status, answer) = ApiClient::new(host).post("/v1/achievements", &body).await;
    assert_eq!(status, 201, "{answer}");
}

/// Reloads `url` until the delivery line of timeline step `n` (from 1)
/// contains `wanted`.
async fn wait_for_delivery(browser: &Browser, url: &str, n: usize, wanted: &str) -> String {
    let start = tokio::time::Instant::now();
    let css = format!("ol.timeline > li:nth-child({n}) .delivery");
    loop {
        browser.open(url).await;
        let text = browser.text_of(&css).await;
        if text.contains(wanted) {
            return text;
        }
        assert!(start.elapsed() < DEADLINE, "step {n} on {url} did not say {wanted:?} (it says {text:?})");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Opens a step's form from the thread page's link, fills it and submits it.
async fn take_step(browser: &Browser, page: &str, verb: &str, fields: &[(&str, &str)]) {
    browser.open(page).await;
    browser.submit(&format!("section.next-steps a[href$='/{verb}']")).await;
    browser.check_accessibility(&format!("the {verb} form")).await;
    for (id, value) in fields {
        browser.fill(id, value).await;
    }
    browser.submit("form.step-form button[type=submit]").await;
    let url = browser.client.current_url().await.unwrap();
    assert!(url.path().ends_with(page.rsplit('/').next().unwrap()), "{verb}: back on the thread page, not {url}");
    browser.check_accessibility(&format!("the thread after {verb}")).await;
}

/// The page in English and in Swedish, screenshot each time.
async fn screenshots_of(browser: &Browser, base: &str, path: &str, name: &str) {
    if std::env::var_os("VETNET_WRITE_SCREENSHOTS").is_none() {
        return;
    }
    for lang in ["en", "sv"] {
        browser.open(&format!("{base}/language?lang={lang}&next={path}")).await;
        browser.check_accessibility(&format!("{name} in {lang}")).await;
        save_screenshots(browser, &format!("mobility-{name}-{lang}")).await;
    }
    browser.open(&format!("{base}/language?lang=en&next={path}")).await;
}

/// A page the school may not open now (the host's acceptance), by GET and
/// by POST with a valid CSRF token: refused with 409 and a page saying why.
async fn a_step_we_may_not_take_is_refused(browser: &Browser, school: &TestNode, thread_url: &str) {
    let cookie_name = session_cookie_name(school);
    let session = browser.client.get_named_cookie(&cookie_name).await.unwrap();
    browser.open(thread_url).await;
    let csrf = browser.attr_of("form[action='/sign-out'] input[name=csrf]", "value").await.unwrap();
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let cookie = format!("{cookie_name}={}", session.value());
    let page = http.get(format!("{thread_url}/accept")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(page.status(), 409, "the school may not accept its own nomination");
    let text = page.text().await.unwrap();
    assert!(text.contains("Not a step we can take now"), "{text}");
    let posted = http
        .post(format!("{thread_url}/accept"))
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={csrf}&message=forged"))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 409, "nor by posting the form");
    browser.open(&format!("{thread_url}/accept")).await;
    assert!(browser.text().await.contains("What it may do now"), "the page says what the school may do");
    browser.check_accessibility("a refused step").await;
}

/// The learning agreement through its form: first with 80 hours a week,
/// refused beside the field with the rule and the values kept, then right.
async fn propose_the_agreement(browser: &Browser, thread_url: &str) {
    browser.open(thread_url).await;
    browser.submit("section.next-steps a[href$='/agree']").await;
    browser.check_accessibility("the agreement form").await;
    for (id, value) in [
        ("m-hours_per_week", "80"),
        ("m-units-0-title", "MIG welding of steel structures"),
        ("m-units-0-outcomes", "Welds fillet joints in PA and PB positions\nReads welding drawings"),
        ("m-units-0-hours", "120"),
        ("m-units-1-title", "Workplace safety"),
        ("m-units-1-outcomes", "Works safely in a welding workshop"),
        ("m-tasks", "Prepares joints\nWelds brackets under supervision"),
        ("m-mentor-name", "Jens Petersen"),
        ("m-mentor-email", "jens.petersen@kiel-metallbau.example"),
        ("m-assessment", "Practical test at the end of week 4, assessed by the mentor"),
        ("m-recognition", "Credited as the workplace part of the welding course"),
        ("m-insurance", "sending-school"),
    ] {
        browser.fill(id, value).await;
    }
    browser.submit("form.step-form button[type=submit]").await;
    let error = browser.text_of("#m-hours_per_week-error").await;
    assert!(error.contains("must be between 1 and 60 (got 80)"), "the rule beside the field: {error:?}");
    let described = browser.attr_of("#m-hours_per_week", "aria-describedby").await.unwrap_or_default();
    assert!(described.contains("m-hours_per_week-error"), "{described}");
    assert_eq!(browser.attr_of("#m-mentor-name", "value").await.as_deref(), Some("Jens Petersen"), "values kept");
    browser.check_accessibility("the refused agreement form").await;
    browser.fill("m-hours_per_week", "37").await;
    browser.submit("form.step-form button[type=submit]").await;
    let page = browser.text().await;
    assert!(page.contains("Learning agreement sent"), "{page}");
    assert!(page.contains("Learning agreement, version 1") && page.contains("Reads welding drawings"), "{page}");
    assert!(page.contains("✗ Learner: not signed yet"), "{page}");
}

/// The employer trusts the school (its anchor), which endorses the host
/// from its trust page. The host downloads the credential it issued at
/// completion; the employer's verify page finds it valid, with the trust
/// path and each check worded in Swedish too. The host revokes it from its
/// page with a reason; the employer's page then says when it was revoked.
async fn the_credential_verifies_on_a_third_node_until_revoked(
    browser: &Browser,
    host: &TestNode,
    school: &TestNode,
    employer: &TestNode,
) {
    let school_did = school.node.info().institution.to_did();
    let host_did = host.node.info().institution.to_did();
    let (status, _) = ApiClient::new(employer).post("/v1/trust/anchors", &json!({ "institution": school_did })).await;
    assert_eq!(status, 204);
    browser.open(&sign_in_link(school).await).await;
    browser.open(&format!("{}/trust", dashboard::url(school))).await;
    browser.fill("f-subject", &host_did).await;
    browser.fill("f-role", "partner").await;
    browser.submit("form[action='/trust/endorse'] button[type=submit]").await;
    assert!(browser.text().await.contains("Endorsement published"));

    // 8. Download: the host's credential page links the OB3 file.
    let host_base = dashboard::url(host);
    browser.open(&sign_in_link(host).await).await;
    browser.open(&format!("{host_base}/credentials")).await;
    browser.submit("table.credentials tbody tr a").await;
    assert!(browser.text().await.contains("Elsa Lindqvist"), "the credential of the walk's learner");
    let credential_url = browser.client.current_url().await.unwrap().to_string();
    let href = browser.attr_of("#download-json", "href").await.expect("a download link");
    let cookie_name = session_cookie_name(host);
    let session = browser.client.get_named_cookie(&cookie_name).await.unwrap();
    let download = reqwest::Client::new()
        .get(format!("{host_base}{href}"))
        .header("cookie", format!("{cookie_name}={}", session.value()))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()["content-type"], "application/vc+ld+json");
    assert!(download.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    let file = download.text().await.unwrap();

    // 9. The employer's verify page: valid, with the trust path.
    let employer_api = ApiClient::new(employer);
    wait_until("the employer trusts the host through the school", || async {
        let (_, view) = employer_api.get(&format!("/v1/trust/institutions/{host_did}")).await;
        view["trust"]["level"] == "endorsed-by-anchor"
    })
    .await;
    let verify = format!("{}/verify", dashboard::url(employer));
    browser.open(&sign_in_link(employer).await).await;
    paste_and_verify(browser, &verify, &file).await;
    assert_eq!(browser.text_of("#verdict-heading").await, "Valid");
    let page = browser.text().await;
    assert!(page.contains("Luleå Yrkesgymnasium endorses Kiel Metallbau"), "the trust path: {page}");
    assert!(page.contains("Signed with the issuer's key"), "each check in words: {page}");
    browser.open(&format!("{}/language?lang=sv&next=/verify", dashboard::url(employer))).await;
    paste_and_verify(browser, &verify, &file).await;
    let page = browser.text().await;
    assert!(page.contains("Signerat med utfärdarens nyckel"), "the checks in Swedish: {page}");
    assert!(page.contains("Noden har ingen återkallelse av det"), "{page}");
    browser.open(&format!("{}/language?lang=en&next=/verify", dashboard::url(employer))).await;

    // 10. The host revokes it with a reason; the employer's page says when.
    browser.open(&credential_url).await;
    browser.submit("a[href$='/revoke']").await;
    browser.click("#f-reason-issued-in-error").await;
    browser.submit("form.revoke-form button[type=submit]").await;
    assert!(browser.text().await.contains("Credential revoked."));
    let revoked = || async {
        let token = employer.node.data_dir().api_token().unwrap();
        let response = reqwest::Client::new()
            .post(format!("{}/v1/credentials/verify", dashboard::url(employer)))
            .bearer_auth(token.trim())
            .body(file.clone())
            .send()
            .await
            .unwrap();
        response.json::<Value>().await.unwrap()
    };
    wait_until("the revocation reaches the employer", || async { revoked().await["verdict"] == "revoked" }).await;
    let ts = revoked().await["revocation"]["ts"].as_i64().unwrap();
    let day = chrono::DateTime::from_timestamp(ts, 0).unwrap().format("%-d %B %Y").to_string();
    paste_and_verify(browser, &verify, &file).await;
    assert_eq!(browser.text_of("#verdict-heading").await, "Not valid");
    let page = browser.text().await;
    assert!(page.contains(&format!("Revoked on {day}")) && page.contains("(issued in error)"), "{page}");
    browser.check_accessibility("a revoked verdict after the walk").await;
}

async fn paste_and_verify(browser: &Browser, verify: &str, text: &str) {
    browser.open(verify).await;
    browser.fill("f-credential", text).await;
    browser.submit("form.verify-form button[type=submit]").await;
}

/// A class file for the host's achievement with one row dated in the
/// future: nothing is issued, and the report names row 2 and its column.
async fn a_class_file_with_a_bad_row_issues_nothing(browser: &Browser, host: &TestNode) {
    let api = ApiClient::new(host);
    let (_, before) = api.get("/v1/credentials").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("class.csv");
    std::fs::write(
        &file,
        "learner_name,learner_email,grade,date\nAstrid Nilsson,,Pass,2026-10-30\nOskar Berg,,Pass,2099-06-01\n",
    )
    .unwrap();
    browser.open(&format!("{}/credentials/class", dashboard::url(host))).await;
    browser.fill("f-achievement", ACHIEVEMENT).await;
    let input = browser.client.find(fantoccini::Locator::Id("f-file")).await.unwrap();
    input.send_keys(file.to_str().unwrap()).await.unwrap();
    browser.submit("form.class-form button[type=submit]").await;
    let report = browser.text_of("#row-errors").await;
    assert!(report.contains("Nothing was issued"), "{report}");
    let row = browser.text_of("#row-errors tbody tr").await;
    assert!(row.starts_with('2') && row.contains("date"), "row 2, its column: {row}");
    let (_, after) = api.get("/v1/credentials").await;
    assert_eq!(before, after, "nothing of the class was issued");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[expect(clippy::too_many_lines, reason = "one walk through a mobility, read top to bottom")]
async fn a_mobility_through_the_dashboard_with_the_host_offline_for_a_while() {
    let started = std::time::Instant::now();
    let Some(browser) = Browser::start().await else { return };
    let host = spawn("Kiel Metallbau", "DE", &[]).await;
    let school = spawn("Luleå Yrkesgymnasium", "SE", &[host.addr()]).await;
    let employer = spawn("Norrbotten Employers", "SE", &[school.addr()]).await;
    wait_for_topic_peers(&school, 2).await;
    let host_id = host.node.info().institution;
    host.node
        .publisher()
        .publish_offer(OFFER, &offer("Welding in Kiel", "DE", "0715", 4), PublishMode::Create)
        .await
        .unwrap();
    create_achievement(&host).await;
    let offer_key = RecordKey { author: host_id, kind: "offer".into(), id: OFFER.into() };
    wait_until("the host's offer reaches the school", || async {
        school.node.store().get(&offer_key).ok().flatten().is_some()
    })
    .await;
    school.node.publisher().publish_need(NEED, &need(), PublishMode::Create).await.unwrap();
    let school_base = dashboard::url(&school);

    // 1. Interest, from the school's matches page.
    browser.open(&sign_in_link(&school).await).await;
    browser.wait_for_text(&format!("{school_base}/matches"), "Welding in Kiel").await;
    browser.submit(&format!("#need-{NEED} form.interest button[type=submit]")).await;
    assert!(browser.text().await.contains("Interest sent"));
    let waits = browser.text_of("table.threads tbody tr td:nth-child(3)").await;
    assert_eq!(waits, "us: nominate a learner", "the inbox says what the thread waits for, from whom");
    browser.check_accessibility("the inbox").await;
    browser.open(&format!("{school_base}/mobility?status=agreed")).await;
    assert!(browser.text().await.contains("No thread matches these filters"), "the status filter filters");
    browser.open(&format!("{school_base}/mobility?status=interested&partner={}", host_id.to_did())).await;
    browser.submit("table.threads tbody tr a").await;
    let thread_url = browser.client.current_url().await.unwrap().to_string();
    let thread = thread_url.rsplit('/').next().unwrap().to_owned();
    assert!(thread.starts_with("m-"), "{thread_url}");
    assert!(browser.text().await.contains("Mobility with Kiel Metallbau"));
    browser.check_accessibility("the thread page").await;
    browser.open(&format!("{school_base}/")).await;
    browser.submit(&format!("ul.attention a[href='/mobility/{thread}']")).await;
    assert_eq!(browser.client.current_url().await.unwrap().as_str(), thread_url, "home links to the thread page");

    // 2. The nomination, with the host offline: it waits, then is delivered.
    let host_addr = host.addr();
    let host_dir = stop(host).await;
    take_step(
        &browser,
        &thread_url,
        "nominate",
        &[
            ("m-learner-given_name", "Elsa"),
            ("m-learner-family_name", "Lindqvist"),
            ("m-learner-birth_date", "2008-05-14"),
            ("m-learner-email", "elsa.lindqvist@learners.example"),
            ("m-learner-languages", "en:B1, de:A2"),
            ("m-learner-qualification", "Industrial technology programme, welding"),
            ("m-learner-eqf", "4"),
            ("m-start", "2026-10-05"),
            ("m-end", "2026-10-30"),
        ],
    )
    .await;
    let waiting = wait_for_delivery(&browser, &thread_url, 2, "tries").await;
    assert!(waiting.starts_with("waiting (") && waiting.contains("last error"), "{waiting}");
    browser.check_accessibility("a thread with a step waiting").await;
    let host = start_on(host_dir, Some(host_addr), &[school.addr()]).await;
    let delivered = wait_for_delivery(&browser, &thread_url, 2, "delivered ✓").await;
    assert!(!delivered.contains("waiting"), "{delivered}");
    let who = browser.text_of("ol.timeline > li:nth-child(2) .step-head").await;
    assert!(who.contains("Sending school: Luleå Yrkesgymnasium"), "the step names who took it: {who}");
    a_step_we_may_not_take_is_refused(&browser, &school, &thread_url).await;

    // 3. The host accepts.
    let host_base = dashboard::url(&host);
    let host_thread = format!("{host_base}/mobility/{thread}");
    browser.open(&sign_in_link(&host).await).await;
    browser.wait_for_text(&host_thread, "Elsa Lindqvist").await;
    take_step(&browser, &host_thread, "accept", &[("m-message", "Welcome, Elsa!")]).await;
    assert!(browser.text().await.contains("Learner accepted"));

    // 4. The school proposes the learning agreement.
    browser.wait_for_text(&thread_url, "Accepted").await;
    propose_the_agreement(&browser, &thread_url).await;

    // 5. Three signatures: the school's, the host's, the learner's on the
    // learner's screen.
    take_step(&browser, &thread_url, "sign", &[]).await;
    assert!(browser.text().await.contains("Signed for our institution"));
    browser.wait_for_text(&host_thread, "Learning agreement, version 1").await;
    take_step(&browser, &host_thread, "sign", &[]).await;
    browser.wait_for_text(&thread_url, "✓ Host: signed").await;
    browser.submit("section.next-steps a[href$='/learner']").await;
    let learner_url = browser.client.current_url().await.unwrap().to_string();
    let screen = browser.text().await;
    assert!(screen.contains("Elsa Lindqvist, this is the learning agreement"), "{screen}");
    assert!(screen.contains("Jens Petersen") && screen.contains("Workplace safety"), "{screen}");
    browser.check_accessibility("the learner's screen").await;
    screenshots_of(&browser, &school_base, &format!("/mobility/{thread}/learner"), "learner").await;
    browser.open(&learner_url).await;
    browser.submit("form.learner-form button[type=submit]").await;
    assert!(browser.text_of("#m-confirm-error").await.contains("tick the box"), "unconfirmed: refused");
    browser.click("#m-confirm").await;
    browser.submit("form.learner-form button[type=submit]").await;
    let page = browser.text().await;
    assert!(page.contains("The learner has signed"), "{page}");
    assert!(page.contains("✓ Learner: signed") && page.contains("Agreed"), "{page}");

    // 6. The host completes, issuing its achievement as a credential.
    browser.wait_for_text(&host_thread, "Agreed").await;
    browser.open(&host_thread).await;
    browser.submit("section.next-steps a[href$='/complete']").await;
    let options = browser.text_of("#m-credential-achievement").await;
    assert!(options.contains("Welding placement at Kiel Metallbau"), "the host's own achievements: {options}");
    browser.check_accessibility("the completion form").await;
    browser.fill("m-credential-achievement", ACHIEVEMENT).await;
    browser.fill("m-assessment", "Passed the practical test with good results").await;
    browser.fill("m-units-1-result", "partly-achieved").await;
    let end = browser.attr_of("#m-end", "value").await.unwrap_or_default();
    browser.fill("m-end", "2099-10-30").await;
    browser.submit("form.step-form button[type=submit]").await;
    let refused = browser.text_of("#m-end-error").await;
    assert!(refused.contains("the last day of the placement") && refused.contains("future"), "{refused}");
    browser.fill("m-end", if end.is_empty() { "2026-10-30" } else { &end }).await;
    browser.submit("form.step-form button[type=submit]").await;
    let page = browser.text().await;
    assert!(page.contains("Completion confirmed") && page.contains("Credential issued at completion"), "{page}");

    // 7. The school recognises, referring to the credential.
    browser.wait_for_text(&thread_url, "Credential issued at completion").await;
    browser.submit("section.next-steps a[href$='/recognise']").await;
    let form = browser.text().await;
    assert!(form.contains("refers to this credential") && form.contains(ACHIEVEMENT), "{form}");
    let credential = browser.text_of("section.panel code.did").await;
    assert!(credential.starts_with("urn:") || !credential.is_empty(), "the credential's id: {credential}");
    browser.check_accessibility("the recognition form").await;
    browser.submit("form.step-form button[type=submit]").await;
    let page = browser.text().await;
    assert!(page.contains("Recognition recorded") && page.contains("Recognised in full"), "{page}");
    assert!(page.contains(&credential), "the thread shows the credential the recognition refers to");
    assert_eq!(browser.text_of("dd.thread-status").await, "Recognised");

    // The signed thread: an attachment, which verifies on the verifier page.
    let cookie_name = session_cookie_name(&school);
    let session = browser.client.get_named_cookie(&cookie_name).await.unwrap();
    let export = reqwest::Client::new()
        .get(format!("{thread_url}/export"))
        .header("cookie", format!("{cookie_name}={}", session.value()))
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), 200);
    let disposition = export.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment;") && disposition.contains(&thread), "{disposition}");
    let document: Value = export.json().await.unwrap();
    let text = serde_json::to_string(&document).unwrap();
    browser.open(&format!("{school_base}/mobility/verify")).await;
    browser.check_accessibility("the verifier").await;
    browser.fill("m-document", &text).await;
    browser.submit("form[action='/mobility/verify'] button[type=submit]").await;
    let verdict = browser.text_of("section.verdict").await;
    assert!(verdict.contains("This thread holds"), "{verdict}");
    assert!(verdict.contains("between Luleå Yrkesgymnasium (sending school) and Kiel Metallbau (host)"), "{verdict}");
    browser.check_accessibility("a verdict").await;
    browser.fill("m-document", &text.replace("vetnet-mobility-thread/1", "vetnet-mobility-thread/9")).await;
    browser.submit("form[action='/mobility/verify'] button[type=submit]").await;
    assert!(browser.text_of("#m-document-error").await.contains("format"), "a bad document is refused beside it");

    // 8-10. The credential: downloaded from the host, valid on a third
    // node's verify page, then revoked, and not valid there any more.
    the_credential_verifies_on_a_third_node_until_revoked(&browser, &host, &school, &employer).await;

    // 12. A class file with one bad row issues nothing and names the row.
    a_class_file_with_a_bad_row_issues_nothing(&browser, &host).await;

    // The erasure confirmation says what goes and what stays (not taken).
    browser.open(&sign_in_link(&school).await).await;
    browser.open(&format!("{thread_url}/erase")).await;
    let confirm = browser.text().await;
    assert!(confirm.contains("Erase the data of Elsa Lindqvist?") && confirm.contains("What remains, anonymised"));
    browser.check_accessibility("the erasure confirmation").await;
    screenshots_of(&browser, &school_base, &format!("/mobility/{thread}/erase"), "erase").await;
    screenshots_of(&browser, &school_base, &format!("/mobility/{thread}"), "thread").await;
    screenshots_of(&browser, &school_base, "/mobility", "inbox").await;
    eprintln!("the mobility walk took {:?}", started.elapsed());
}
