//! The network life of the field through the dashboard alone, in a real
//! headless Chromium over three real nodes: a regional network in Norrbotten,
//! a school in Luleå and a chamber. The network publishes its network profile
//! (first refused beside its regions field) and a meeting (first refused
//! beside its end); the school finds the network by region, applies (an empty
//! motivation refused beside its field), the network's page lists the
//! application and the coordinator accepts it, and a third node's page shows
//! the school among the members. The school registers someone for the
//! meeting (a bad email refused beside its field), the organiser's meeting
//! page lists the attendee, and the school's page shows the count; the
//! meeting's calendar file parses with Python's icalendar. The chamber
//! publishes a skills need (an unknown NUTS code refused beside its field),
//! the region page shows it with the network and the meeting, and its
//! matching page names the school with its reasons. The school leaves the
//! network. axe-core checks every page; with `VETNET_WRITE_SCREENSHOTS=1`
//! the pages are written to `docs/screenshots/` in English and Swedish.

use serde_json::json;
use vetnet_node::publish::PublishMode;
use vetnet_protocol::profile::InstitutionKind;
use vetnet_protocol::{RecordKind, fixtures};
use vetnet_tests::browser::Browser;
use vetnet_tests::dashboard::{self, save_screenshots, session_cookie_name, sign_in_link};
use vetnet_tests::ics::read_with_python;
use vetnet_tests::{ApiClient, TestNode, spawn, spawn_kind, wait_for_topic_peers, wait_until};

const MEETING: &str = "autumn-meeting-2027";
const MIG_WELDING: &str = "http://data.europa.eu/esco/skill/0e2b5a5d-1d4c-4b0e-8e8c-8a0e0f0f0f0f";

/// Sets a node's profile with its NUTS region through the API (the profile
/// page has its own test).
async fn set_profile(node: &TestNode, name: &str, kind: &str, nuts: &str) {
    let mut profile = json!({
        "name": { "en": name }, "institution": kind, "country": "SE", "nuts": nuts,
        "isced": ["0715"], "languages": ["sv", "en"],
    });
    if kind == "vet-provider" {
        profile["vet"] = json!(["ivet"]);
    }
    let (status, body) = ApiClient::new(node).put("/v1/profile", &profile).await;
    assert_eq!(status, 200, "{body}");
}

/// The school's welding achievement, teaching the skill the need asks for.
async fn publish_achievement(school: &TestNode) {
    let mut achievement = fixtures::full_achievement();
    achievement.isced = Some("0715".into());
    achievement.esco_skills = vec![MIG_WELDING.into()];
    school
        .node
        .publisher()
        .publish(RecordKind::Achievement, "mig-welding", &achievement, PublishMode::Create)
        .await
        .expect("publishes");
}

/// The page in English and in Swedish, checked by axe-core and, on request,
/// screenshot at desktop and phone width.
async fn screenshots_of(browser: &Browser, base: &str, path: &str, name: &str) {
    for lang in ["sv", "en"] {
        browser.open(&format!("{base}/language?lang={lang}&next={}", vetnet_tests::dashboard::percent(path))).await;
        browser.check_accessibility(&format!("{name} in {lang}")).await;
        if lang == "sv" {
            assert!(!browser.text().await.contains("Networks"), "{name} is in Swedish");
        }
        save_screenshots(browser, &format!("regional-{name}-{lang}")).await;
    }
}

/// Submits the form whose submit button `css` selects and checks the page
/// that comes back has `rule` beside the field `id`.
async fn refused_beside(browser: &Browser, css: &str, id: &str, rule: &str) {
    browser.submit(css).await;
    let error = browser.text_of(&format!("#{id}-error")).await;
    assert!(error.contains(rule), "beside #{id}: {error:?}, wanted {rule:?}");
    assert_eq!(browser.attr_of(&format!("#{id}"), "aria-invalid").await.as_deref(), Some("true"));
    browser.check_accessibility(&format!("the form refused beside {id}")).await;
}

/// The network's coordinator publishes the network profile and a meeting.
async fn the_network_publishes_its_profile_and_a_meeting(browser: &Browser, network: &TestNode) {
    let base = dashboard::url(network);
    browser.open(&sign_in_link(network).await).await;
    browser.open(&format!("{base}/networks/profile")).await;
    browser.check_accessibility("the network profile form").await;
    browser.fill("f-countries", "SE").await;
    browser.fill("f-regions", "SE33\nFI1D").await;
    browser.fill("f-coordinator_name", "Network office").await;
    browser.fill("f-coordinator_email", "office@norrbotten-vet.example").await;
    browser.fill("f-topics", "welding\napprenticeships").await;
    browser.fill("f-languages", "sv").await;
    browser.fill("f-joining", "application").await;
    refused_beside(browser, "form[action='/networks/profile'] button[type=submit]", "f-regions", "FI1D").await;
    browser.fill("f-regions", "SE33").await;
    browser.submit("form[action='/networks/profile'] button[type=submit]").await;
    let text = browser.text().await;
    assert!(text.contains("Your network profile is published."), "{text}");
    assert!(text.contains("Network office"), "{text}");

    browser.open(&format!("{base}/events/new")).await;
    browser.check_accessibility("the meeting form").await;
    browser.fill("f-id", MEETING).await;
    browser.fill("f-title", "Autumn network meeting").await;
    browser.fill("f-event_kind", "network-meeting").await;
    browser.fill("f-start", "2027-10-12T09:00").await;
    browser.fill("f-end", "2027-10-12T08:00").await;
    browser.fill("f-tz", "Europe/Stockholm").await;
    browser.fill("f-city", "Luleå").await;
    browser.fill("f-country", "SE").await;
    browser.fill("f-capacity", "30").await;
    browser.fill("f-deadline", "2027-10-01").await;
    browser.fill("f-agenda", "Skills needs of the mining industry; apprenticeships.").await;
    refused_beside(browser, "form[action='/events'] button[type=submit]", "f-end", "after").await;
    browser.fill("f-end", "2027-10-12T16:00").await;
    browser.submit("form[action='/events'] button[type=submit]").await;
    assert!(browser.text().await.contains("Autumn network meeting"));
    browser.submit("a[href^='/meetings/']").await;
    let text = browser.text().await;
    assert!(text.contains("12 October 2027, 09:00–16:00 (Europe/Stockholm)"), "{text}");
    assert!(text.contains("Nobody has registered yet."), "{text}");
}

/// The school finds the network by a region inside its scope and applies.
async fn the_school_applies(browser: &Browser, school: &TestNode, network_did: &str) {
    let base = dashboard::url(school);
    browser.open(&sign_in_link(school).await).await;
    browser.wait_for_text(&format!("{base}/networks?region=SE332"), "Norrbotten VET Network").await;
    browser.check_accessibility("the network search").await;
    screenshots_of(browser, &base, "/networks?region=SE332", "networks").await;
    browser.open(&format!("{base}/networks?region=SE332")).await;
    browser.submit(&format!("a[href='/networks/{}']", network_did.replace(':', "%3A"))).await;
    browser.check_accessibility("the network's page").await;
    refused_beside(browser, "form[action$='/apply'] button[type=submit]", "f-motivation", "").await;
    browser.fill("f-motivation", "We place 40 welding learners a year in Norrbotten companies.").await;
    browser.submit("form[action$='/apply'] button[type=submit]").await;
    let text = browser.text().await;
    assert!(text.contains("Your application is on its way to the network."), "{text}");
    assert!(text.contains("Your application waits for the coordinator’s answer."), "{text}");
}

/// The coordinator accepts the application from the networks page.
async fn the_network_accepts(browser: &Browser, network: &TestNode) {
    let base = dashboard::url(network);
    browser.open(&sign_in_link(network).await).await;
    browser.wait_for_text(&format!("{base}/networks"), "We place 40 welding learners").await;
    browser.check_accessibility("the applications to the network").await;
    screenshots_of(browser, &base, "/networks", "applications").await;
    browser.open(&format!("{base}/networks")).await;
    browser.submit("form[action$='/accept'] button[type=submit]").await;
    let text = browser.text().await;
    assert!(text.contains("The application is accepted"), "{text}");
}

/// The school registers an attendee; the organiser's page lists them.
async fn the_school_registers_for_the_meeting(
    browser: &Browser,
    school: &TestNode,
    network: &TestNode,
    network_did: &str,
) {
    let base = dashboard::url(school);
    browser.open(&sign_in_link(school).await).await;
    browser.wait_for_text(&format!("{base}/meetings?region=SE33"), "Autumn network meeting").await;
    browser.check_accessibility("the meetings").await;
    screenshots_of(browser, &base, "/meetings", "meetings").await;
    let page = format!("{base}/meetings/{network_did}/{MEETING}");
    browser.open(&page).await;
    browser.fill("f-name", "Anna Lindqvist").await;
    browser.fill("f-email", "anna.lindqvist").await;
    refused_beside(browser, "form[action$='/register'] button[type=submit]", "f-email", "email").await;
    browser.fill("f-email", "anna.lindqvist@lulea-yrkes.example").await;
    browser.submit("form[action$='/register'] button[type=submit]").await;
    assert!(browser.text().await.contains("The registration is on its way to the organiser."));
    // The calendar file, as the browser would download it.
    let cookie_name = session_cookie_name(school);
    let session = browser.client.get_named_cookie(&cookie_name).await.unwrap();
    let http = reqwest::Client::new();
    let answer = http
        .get(format!("{page}/calendar.ics"))
        .header("cookie", format!("{cookie_name}={}", session.value()))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert!(answer.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let calendar = read_with_python(&answer.text().await.unwrap());
    assert_eq!(calendar["events"][0]["local_start"], "2027-10-12T09:00", "{calendar}");
    assert_eq!(calendar["events"][0]["tzid"], "Europe/Stockholm");

    let organiser = dashboard::url(network);
    browser.open(&sign_in_link(network).await).await;
    browser.wait_for_text(&format!("{organiser}/meetings/{network_did}/{MEETING}"), "Anna Lindqvist").await;
    assert!(browser.text().await.contains("anna.lindqvist@lulea-yrkes.example"));
    screenshots_of(browser, &organiser, &format!("/meetings/{network_did}/{MEETING}"), "meeting").await;
    browser.open(&sign_in_link(school).await).await;
    browser.wait_for_text(&page, "1 of 30 taken").await;
}

/// The chamber publishes a skills need; the region shows it all, and the
/// need's page names the school.
async fn the_region_shows_the_skills_need(browser: &Browser, chamber: &TestNode, school_name: &str) {
    let base = dashboard::url(chamber);
    browser.open(&sign_in_link(chamber).await).await;
    browser.open(&format!("{base}/skills-needs/new")).await;
    browser.check_accessibility("the skills need form").await;
    browser.fill("f-id", "welders-2027").await;
    browser.fill("f-title", "Welders for the mining industry").await;
    browser.fill("f-region", "SE99").await;
    browser.fill("f-isco", "7212").await;
    browser.fill("f-isced", "0715").await;
    browser.fill("f-skills", &format!("{MIG_WELDING} MIG welding")).await;
    browser.fill("f-people", "40").await;
    browser.fill("f-horizon", "5").await;
    browser.fill("f-source", "Skills-supply survey 2026 of the chamber's member companies").await;
    refused_beside(browser, "form[action='/skills-needs'] button[type=submit]", "f-region", "SE99").await;
    browser.fill("f-region", "SE332").await;
    browser.submit("form[action='/skills-needs'] button[type=submit]").await;
    assert!(browser.text().await.contains("Welders for the mining industry"));

    browser.open(&format!("{base}/region?code=XX99")).await;
    assert!(browser.text_of("#f-code-error").await.contains("XX99"));
    browser.wait_for_text(&format!("{base}/region?code=SE33"), "Autumn network meeting").await;
    let text = browser.text().await;
    for wanted in ["Welders for the mining industry", "40 people", "Norrbotten VET Network", school_name] {
        assert!(text.contains(wanted), "the region page lacks {wanted:?}: {text}");
    }
    browser.check_accessibility("the region").await;
    screenshots_of(browser, &base, "/region?code=SE33", "region").await;
    browser.open(&format!("{base}/region?code=SE33")).await;
    browser.submit("a[href^='/skills-needs/match/']").await;
    let text = browser.text().await;
    assert!(
        text.contains(school_name) && text.contains("teaches 1 of 1 skills the need asks for: MIG welding"),
        "the school and its reasons: {text}"
    );
    browser.check_accessibility("the schools for a skills need").await;
    let path = browser.client.current_url().await.unwrap().path().to_owned();
    screenshots_of(browser, &base, &path, "skills-match").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_its_meeting_and_the_region_through_the_dashboard() {
    vetnet_tests::init_logging();
    let Some(browser) = Browser::start().await else { return };
    let network = spawn_kind("Norrbotten VET Network", "SE", InstitutionKind::Network, &[]).await;
    let school = spawn("Luleå Yrkesgymnasium", "SE", &[network.addr()]).await;
    let chamber = spawn("Norrbotten Chamber of Commerce", "SE", &[school.addr()]).await;
    wait_for_topic_peers(&school, 2).await;
    set_profile(&network, "Norrbotten VET Network", "network", "SE33").await;
    set_profile(&school, "Luleå Yrkesgymnasium", "vet-provider", "SE332").await;
    set_profile(&chamber, "Norrbotten Chamber of Commerce", "chamber", "SE332").await;
    publish_achievement(&school).await;
    let network_did = network.node.info().institution.to_did();
    let school_did = school.node.info().institution.to_did();

    the_network_publishes_its_profile_and_a_meeting(&browser, &network).await;
    the_school_applies(&browser, &school, &network_did).await;
    the_network_accepts(&browser, &network).await;

    // A third node's page of the network lists the school as a member.
    let chamber_base = dashboard::url(&chamber);
    browser.open(&sign_in_link(&chamber).await).await;
    browser.wait_for_text(&format!("{chamber_base}/networks/{network_did}"), "Luleå Yrkesgymnasium").await;
    screenshots_of(&browser, &chamber_base, &format!("/networks/{network_did}"), "network").await;

    the_school_registers_for_the_meeting(&browser, &school, &network, &network_did).await;
    wait_until("the chamber holds the school's achievement", || async {
        let (_, found) = ApiClient::new(&chamber).get(&format!("/v1/search/achievements?author={school_did}")).await;
        found.as_array().is_some_and(|l| !l.is_empty())
    })
    .await;
    the_region_shows_the_skills_need(&browser, &chamber, "Luleå Yrkesgymnasium").await;

    // The school leaves; its networks page says so and lists no membership.
    let school_base = dashboard::url(&school);
    browser.open(&sign_in_link(&school).await).await;
    browser.open(&format!("{school_base}/networks/{network_did}")).await;
    browser.submit("form[action$='/leave'] button[type=submit]").await;
    let text = browser.text().await;
    assert!(text.contains("You left the network."), "{text}");
}
