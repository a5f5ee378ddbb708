//! The dashboard in a real headless Chromium against two real nodes: sign
//! in with a one-time link, publish an offer through the form (and see the
//! EQF rule beside its field first), find it on the other node's search
//! page, see it among the matches for that node's need, endorse its author
//! and watch the trust level change, read the page in Swedish, and check
//! that requests without a session, with a wrong CSRF token or a foreign
//! Host are refused. axe-core checks every page visited.

use std::collections::HashSet;

use vetnet_node::clock::Clock;
use vetnet_node::publish::PublishMode;
use vetnet_protocol::LangText;
use vetnet_protocol::need::{AgeBand, Funding, NeedBody};
use vetnet_protocol::offer::LanguageRequirement;
use vetnet_tests::browser::Browser;
use vetnet_tests::dashboard::{session_cookie_name, sign_in_link};
use vetnet_tests::{TestNode, spawn, spawn_with_clock, test_config, wait_for_topic_peers};

/// Four Finnish welding learners, EQF 4, four weeks in spring 2027, any country.
fn welders_need() -> NeedBody {
    NeedBody {
        title: LangText::new("en", "Four welders for a spring placement"),
        description: LangText::new("en", "Second-year welding learners from Turku."),
        learners: 4,
        isced: "0715".into(),
        occupation: None,
        qualification: Some("Vocational qualification in technology".into()),
        eqf: 4,
        start: "2027-02-15".into(),
        end: Some("2027-04-30".into()),
        weeks_min: 4,
        weeks_max: 4,
        countries: Vec::new(),
        nace: Vec::new(),
        languages: vec![LanguageRequirement { lang: "en".into(), cefr: Some("B1".into()) }],
        age: AgeBand::Adults,
        support: Vec::new(),
        support_note: None,
        funding: Some(Funding::ErasmusKa1Vet),
        contact: None,
    }
}

/// The dashboard's address on `node`, under the host name `host`.
fn base(node: &TestNode, host: &str) -> String {
    format!("http://{host}:{}", node.node.info().api_addr.port())
}

/// Requests the browser would never send: each is refused.
async fn check_refusals(node: &TestNode, session: &str) {
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let home = format!("{}/", base(node, "127.0.0.1"));

    let no_session = http.get(&home).send().await.unwrap();
    assert_eq!(no_session.status(), 401, "a page without a session is refused");
    assert!(no_session.text().await.unwrap().contains("vetnet open"), "the signed-out page says what to do");
    let asset = http.get(format!("{}/assets/style.css", base(node, "127.0.0.1"))).send().await.unwrap();
    assert_eq!(asset.status(), 401, "assets need a session too");
    let api = http.get(format!("{}/v1/status", base(node, "127.0.0.1"))).send().await.unwrap();
    assert_eq!(api.status(), 401, "the API needs its token");

    let cookie = format!("{}={session}", session_cookie_name(node));
    let signed_in = http.get(&home).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(signed_in.status(), 200, "the session cookie opens the page");

    let wrong_csrf = http
        .post(format!("{}/offers", base(node, "127.0.0.1")))
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("csrf=0000&title=Forged")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_csrf.status(), 403, "a form with a wrong CSRF token is refused");
    let no_csrf = http
        .post(format!("{}/sign-out", base(node, "127.0.0.1")))
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(no_csrf.status(), 403, "a form without a CSRF token is refused");

    let foreign = http.get(&home).header("host", "vetnet.evil.example").header("cookie", &cookie).send().await.unwrap();
    assert_eq!(foreign.status(), 421, "a foreign Host header is refused (DNS rebinding)");
    let foreign_api = http
        .get(format!("{}/v1/status", base(node, "127.0.0.1")))
        .header("host", "vetnet.evil.example")
        .bearer_auth(node.node.data_dir().api_token().unwrap().trim())
        .send()
        .await
        .unwrap();
    assert_eq!(foreign_api.status(), 421, "the API behind a foreign Host is refused too");

    let unknown = format!("{}=not-a-session", session_cookie_name(node));
    let used = http.get(&home).header("cookie", unknown).send().await.unwrap();
    assert_eq!(used.status(), 401, "an unknown session is refused");
}

/// Publishes an offer on A through its form: first with EQF 9, refused
/// beside the field with the API's rule, then corrected.
async fn publish_offer_through_the_form(browser: &Browser, a: &str) {
    browser.open(&format!("{a}/offers/new")).await;
    browser.check_accessibility("the new offer form").await;
    for (id, value) in [
        ("f-id", "welding-malmo-2027"),
        ("f-title", "Welding placement in Malmö"),
        ("f-description", "Four weeks of MIG welding with our workshop team."),
        ("f-isced", "0715"),
        ("f-country", "SE"),
        ("f-city", "Malmö"),
        ("f-eqf_min", "9"),
        ("f-eqf_max", "4"),
        ("f-places", "4"),
        ("f-start", "2027-03-01"),
        ("f-end", "2027-04-30"),
        ("f-weeks_min", "4"),
        ("f-weeks_max", "4"),
        ("f-languages-lang-1", "en"),
        ("f-languages-cefr-1", "B1"),
        ("f-outcomes", "Welds fillet joints\nReads welding drawings"),
    ] {
        browser.fill(id, value).await;
    }
    browser.submit("form.record-form button[type=submit]").await;
    let error = browser.text_of("#f-eqf_min-error").await;
    assert!(error.contains("must be an EQF level between 1 and 8 (got 9)"), "the rule beside the field: {error:?}");
    let described = browser.attr_of("#f-eqf_min", "aria-describedby").await.unwrap_or_default();
    assert!(described.contains("f-eqf_min-error"), "the field names its error: {described:?}");
    assert_eq!(browser.attr_of("#f-title", "value").await.as_deref(), Some("Welding placement in Malmö"), "input kept");
    browser.check_accessibility("the refused offer form").await;

    browser.fill("f-eqf_min", "4").await;
    browser.submit("form.record-form button[type=submit]").await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.path(), "/offers/welding-malmo-2027", "published, and shown at its own address");
    let page = browser.text().await;
    assert!(page.contains("Published"), "{page}");
    assert!(page.contains("1 March 2027"), "dates in the reader's locale: {page}");
    assert!(page.contains("Mechanics and metal trades (0715)"), "codes with their labels: {page}");
    browser.check_accessibility("an offer").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_in_a_real_browser_across_two_nodes() {
    let Some(browser) = Browser::start().await else { return };
    let a = spawn("Malmö Technical College", "SE", &[]).await;
    let b = spawn("Turku Vocational Institute", "FI", &[a.addr()]).await;
    wait_for_topic_peers(&a, 1).await;
    wait_for_topic_peers(&b, 1).await;
    // B trusts itself outright (as a national agency would be trusted).
    let b_id = b.node.publisher().institution();
    b.node.store().set_anchors(HashSet::from([b_id])).unwrap();
    b.node.publisher().publish_need("welders-2027", &welders_need(), PublishMode::Create).await.unwrap();
    let (base_a, base_b) = (base(&a, "127.0.0.1"), base(&b, "127.0.0.1"));

    // Signing in on A: the link works once.
    let link = sign_in_link(&a).await;
    browser.open(&link).await;
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/");
    assert!(browser.text_of("h1").await.contains("Malmö Technical College"));
    browser.check_accessibility("home").await;
    browser.open(&link).await;
    assert!(browser.text().await.contains("vetnet open"), "a used link says how to get a new one");
    browser.open(&sign_in_link(&a).await).await;
    let session = browser.client.get_named_cookie(&session_cookie_name(&a)).await.unwrap();
    check_refusals(&a, session.value()).await;

    publish_offer_through_the_form(&browser, &base_a).await;

    // B, signed in on the same host in the same browser (each node has a
    // cookie of its own), finds it.
    browser.open(&sign_in_link(&b).await).await;
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/");
    assert!(browser.text_of("h1").await.contains("Turku Vocational Institute"));
    browser.open(&format!("{base_a}/")).await;
    assert!(browser.text_of("h1").await.contains("Malmö Technical College"), "A's session survived B's sign-in");
    let search = format!("{base_b}/search/offers?country=SE&eqf=4");
    browser.wait_for_text(&search, "Welding placement in Malmö").await;
    let result = browser.text().await;
    assert!(result.contains("Malmö Technical College") && result.contains("Unverified"), "{result}");
    browser.check_accessibility("offer search").await;

    browser.wait_for_text(&format!("{base_b}/matches"), "Welding placement in Malmö").await;
    assert!(browser.text().await.contains("✓"), "reasons that fit are shown");
    browser.check_accessibility("matches").await;
    open_a_thread_from_the_match(&browser, &base_b).await;
    browser.open(&format!("{base_a}/")).await;
    let home_a = browser.text().await;
    assert!(home_a.contains("“Welding placement in Malmö”: 1 matching record"), "A's offer fits B's need: {home_a}");

    // Endorse A from B, and watch A's level change on the result.
    let a_did = a.node.publisher().institution().to_did();
    browser.open(&format!("{base_b}/trust")).await;
    browser.check_accessibility("trust").await;
    browser.fill("f-subject", &a_did).await;
    browser.fill("f-role", "partner").await;
    browser.submit("form[action='/trust/endorse'] button[type=submit]").await;
    assert!(browser.text().await.contains("Endorsement published"));
    browser.wait_for_text(&search, "Endorsed by an anchor").await;
    browser.click("details.path summary").await;
    assert!(browser.text().await.contains("Turku Vocational Institute endorses Malmö Technical College"));

    // The same page in Swedish, through the switcher.
    browser.fill("lang-switch", "sv").await;
    browser.submit("form.switcher button").await;
    assert_eq!(browser.attr_of("html", "lang").await.as_deref(), Some("sv"));
    let swedish = browser.text().await;
    assert!(swedish.contains("Sök i nätverket") && swedish.contains("Betrodd av ett ankare"), "{swedish}");
    assert!(swedish.contains("1 mars 2027"), "Swedish dates: {swedish}");
    assert!(swedish.contains("Malmö, Sverige (SE)"), "country names in Swedish, the code beside them: {swedish}");
    browser.check_accessibility("offer search in Swedish").await;
    for page in ["/", "/offers", "/needs", "/profile", "/search/institutions", "/settings", "/peers", "/mobility"] {
        browser.open(&format!("{base_b}{page}")).await;
        browser.check_accessibility(page).await;
    }

    // Both nodes kept their sessions to the end.
    for (node, name) in [(&base_a, "Malmö Technical College"), (&base_b, "Turku Vocational Institute")] {
        browser.open(&format!("{node}/")).await;
        assert!(browser.text_of("h1").await.contains(name), "still signed in to {node}");
    }
}

/// On B's matches page, the button beside A's offer opens a mobility thread
/// (B's interest, as a school); the thread is listed, and B's home says it
/// waits for B to nominate a learner.
async fn open_a_thread_from_the_match(browser: &Browser, b: &str) {
    browser.submit("#need-welders-2027 form.interest button[type=submit]").await;
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/mobility");
    let page = browser.text().await;
    assert!(page.contains("Interest sent"), "{page}");
    assert!(page.contains("Malmö Technical College") && page.contains("welding-malmo-2027"), "{page}");
    assert!(page.contains("Interest expressed"), "the thread's status: {page}");
    browser.check_accessibility("mobility after an interest").await;

    browser.open(&format!("{b}/")).await;
    let home = browser.text().await;
    assert!(home.contains("Malmö Technical College: waiting for us to nominate a learner"), "{home}");
    assert!(home.contains("“Four welders for a spring placement”: 1 matching record"), "{home}");
    browser.submit("ul.attention a[href='/matches#need-welders-2027']").await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!((url.path(), url.fragment()), ("/matches", Some("need-welders-2027")));
    assert!(browser.text_of("#need-welders-2027").await.contains("Welding placement in Malmö"));
    browser.open(&format!("{b}/")).await;
    browser.submit("ul.attention a[href^='/mobility/m-']").await;
    let url = browser.client.current_url().await.unwrap();
    assert!(url.path().starts_with("/mobility/m-"), "the home page links to the thread's page: {url}");
    assert!(browser.text_of("h1").await.contains("Malmö Technical College"));
}

/// The home page's "what needs attention" reads the node's clock: on a node
/// whose clock says 20 January 2027, an offer closing on 1 February is near
/// its deadline (though far off by the computer's clock), one closing on 25
/// February is not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_reads_deadlines_by_the_nodes_clock() {
    let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 20).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let clock = Clock::manual(day.and_utc().timestamp() as u64);
    let node = spawn_with_clock("Malmö Technical College", "SE", test_config(&[]), clock).await;
    for (id, title, deadline) in
        [("soon", "Welding, closing soon", "2027-02-01"), ("later", "Kitchen, closing later", "2027-02-25")]
    {
        let mut body = vetnet_tests::offer(title, "SE", "0715", 4);
        body.deadline = Some(deadline.into());
        node.node.publisher().publish_offer(id, &body, PublishMode::Create).await.unwrap();
    }
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let signed_in = http.get(sign_in_link(&node).await).send().await.unwrap();
    assert_eq!(signed_in.status(), 303);
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    assert!(cookie.starts_with(&session_cookie_name(&node)), "{cookie}");
    let home = http.get(format!("{}/", base(&node, "127.0.0.1"))).header("cookie", cookie).send().await.unwrap();
    assert_eq!(home.status(), 200);
    let page = home.text().await.unwrap();
    assert!(page.contains("closes for applications on 1 February 2027"), "{page}");
    assert!(page.contains(r#"href="/offers/soon""#), "the item links to the offer: {page}");
    assert!(!page.contains("Kitchen, closing later"), "25 February is not near by the node's clock: {page}");
}

/// Writes PNGs of the main pages at 1280 and 390 px, in English and
/// Swedish, to `docs/screenshots/` (`scripts/screenshots` runs this).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots; run by scripts/screenshots"]
async fn screenshots() {
    let Some(browser) = Browser::start().await else { return };
    let a = spawn("Malmö Technical College", "SE", &[]).await;
    let b = spawn("Turku Vocational Institute", "FI", &[a.addr()]).await;
    wait_for_topic_peers(&b, 1).await;
    let b_id = b.node.publisher().institution();
    b.node.store().set_anchors(HashSet::from([b_id])).unwrap();
    let publisher = a.node.publisher();
    for (id, title, isced, eqf) in [
        ("welding-2027", "Welding placement in Malmö", "0715", 4),
        ("kitchen-2027", "Restaurant kitchen placement", "1013", 3),
        ("electrical-2027", "Electrical installation on building sites", "0713", 4),
    ] {
        let mut body = vetnet_tests::offer(title, "SE", isced, eqf);
        body.city = Some("Malmö".into());
        body.places = 3;
        publisher.publish_offer(id, &body, PublishMode::Create).await.unwrap();
    }
    b.node.publisher().publish_need("welders-2027", &welders_need(), PublishMode::Create).await.unwrap();
    let endorsement = vetnet_protocol::endorsement::EndorsementBody {
        subject: a.node.publisher().institution().to_did(),
        role: vetnet_protocol::endorsement::EndorsementRole::Partner,
        network_name: None,
        until: Some("2028-12-31".into()),
    };
    b.node.publisher().endorse(&endorsement).await.unwrap();
    let base_b = base(&b, "127.0.0.1");
    browser.open(&sign_in_link(&b).await).await;
    browser.wait_for_text(&format!("{base_b}/search/offers"), "Restaurant kitchen placement").await;

    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let pages = [
        ("home", "/"),
        ("needs-new", "/needs/new"),
        ("search-offers", "/search/offers?country=SE"),
        ("matches", "/matches"),
        ("trust", "/trust"),
        ("settings", "/settings"),
    ];
    for lang in ["en", "sv"] {
        browser.open(&format!("{base_b}/language?lang={lang}&next=/")).await;
        for (name, path) in pages {
            browser.open(&format!("{base_b}{path}")).await;
            for width in [1280, 390] {
                let png = browser.screenshot(width).await;
                std::fs::write(out.join(format!("{name}-{lang}-{width}.png")), png).unwrap();
            }
        }
    }
}
