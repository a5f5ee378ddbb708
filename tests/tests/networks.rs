//! Networks on real nodes over loopback: a regional network publishes its
//! network profile; a school finds it by region and topic, applies, is
//! accepted, and shows in the member list on a third node; the third node's
//! application is refused, and it reads why; the school leaves, and the
//! network's node withdraws the endorsement, which every node then sees.
//! Applications and answers travel as letters, directly between the two
//! nodes, never on gossip.

use serde_json::{Value, json};
use vetnet_protocol::profile::InstitutionKind;
use vetnet_tests::{ApiClient, spawn, spawn_kind, start_on, stop, wait_for_topic_peers, wait_until};

fn members_of(view: &Value) -> Vec<String> {
    view.as_array()
        .map(|members| members.iter().filter_map(|m| m["institution"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// The application of `direction` (`sent`/`received`) in `node`'s list.
async fn application(api: &ApiClient, direction: &str) -> Option<Value> {
    let (_, list) = api.get("/v1/applications").await;
    list.as_array()?.iter().find(|a| a["direction"] == direction).cloned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_school_joins_a_regional_network_and_leaves_it() {
    let network = spawn_kind("Norrbotten VET Network", "SE", InstitutionKind::Network, &[]).await;
    let school = spawn("Luleå Yrkesgymnasium", "SE", &[network.addr()]).await;
    let college = spawn("Oulu Vocational College", "FI", &[school.addr()]).await;
    wait_for_topic_peers(&school, 2).await;
    let (n_api, s_api, c_api) = (ApiClient::new(&network), ApiClient::new(&school), ApiClient::new(&college));
    let n_did = network.node.info().institution.to_did();
    let s_did = school.node.info().institution.to_did();

    // Only a network has a network profile.
    let profile = json!({
        "countries": ["SE"], "regions": ["SE33"],
        "coordinator_name": "Network office", "coordinator_email": "office@norrbotten-vet.example",
        "topics": ["welding", "apprenticeships"], "languages": ["sv", "en"], "joining": "application",
    });
    let (status, refused) = s_api.put("/v1/network-profile", &profile).await;
    assert_eq!(status, 400, "{refused}");
    assert_eq!(refused["error"]["field"], "institution", "{refused}");
    let mut outside = profile.clone();
    outside["regions"] = json!(["FI1D"]);
    let (status, outside) = n_api.put("/v1/network-profile", &outside).await;
    assert_eq!((status, outside["error"]["field"].as_str()), (400, Some("body.regions[0]")), "{outside}");
    let (status, published) = n_api.put("/v1/network-profile", &profile).await;
    assert_eq!(status, 200, "{published}");
    assert_eq!(published["joining"], "application");

    // The college finds it by region (within SE33) and topic, not elsewhere.
    wait_until("the college finds the network by region", || async {
        let (_, found) = c_api.get("/v1/networks?region=SE332").await;
        found.as_array().is_some_and(|list| list.iter().any(|n| n["network"] == n_did.as_str()))
    })
    .await;
    let (_, by_topic) = c_api.get("/v1/networks?topic=weld").await;
    assert_eq!(by_topic[0]["name"], "Norrbotten VET Network", "{by_topic}");
    let (_, elsewhere) = c_api.get("/v1/networks?region=SE11").await;
    assert_eq!(elsewhere, json!([]), "not a network of Stockholm");

    a_meeting_shows_in_the_region_and_counts_its_registrations(&n_api, &s_api, &c_api, &n_did).await;

    // The school applies; a typo in the field is refused with the suggestion.
    let (status, typo) = s_api.post(&format!("/v1/networks/{n_did}/applications"), &json!({ "motivaton": "x" })).await;
    assert_eq!(status, 400);
    assert!(typo["error"]["message"].as_str().unwrap().contains("did you mean motivation"), "{typo}");
    let (status, not_a_network) = s_api
        .post(
            &format!("/v1/networks/{}/applications", college.node.info().institution.to_did()),
            &json!({ "motivation": "x" }),
        )
        .await;
    assert_eq!((status, not_a_network["error"]["field"].as_str()), (400, Some("network")), "{not_a_network}");
    let motivation = "We place 40 welding learners a year in Norrbotten companies.";
    let (status, sent) =
        s_api.post(&format!("/v1/networks/{n_did}/applications"), &json!({ "motivation": motivation })).await;
    assert_eq!(status, 201, "{sent}");
    assert_eq!(sent["status"], "pending");

    // The network's node holds it; accepting publishes the member endorsement.
    wait_until("the application reaches the network", || async { application(&n_api, "received").await.is_some() })
        .await;
    let received = application(&n_api, "received").await.unwrap();
    assert_eq!(
        (received["applicant"].as_str(), received["motivation"].as_str()),
        (Some(s_did.as_str()), Some(motivation))
    );
    assert_eq!(received["applicant_name"], "Luleå Yrkesgymnasium");
    let (status, accepted) = n_api.post(&format!("/v1/applications/{s_did}/accept"), &json!({})).await;
    assert_eq!((status, accepted["status"].as_str()), (200, Some("accepted")), "{accepted}");
    let (status, again) =
        n_api.post(&format!("/v1/applications/{}/accept", received["id"].as_str().unwrap()), &json!({})).await;
    assert_eq!(status, 400, "answered once only: {again}");

    wait_until("the college sees the school among the members", || async {
        members_of(&c_api.get(&format!("/v1/networks/{n_did}/members")).await.1).contains(&s_did)
    })
    .await;
    wait_until("the school reads the answer", || async {
        application(&s_api, "sent").await.is_some_and(|a| a["status"] == "accepted")
    })
    .await;
    let (_, memberships) = s_api.get("/v1/institutions/me/memberships").await;
    assert_eq!(memberships[0]["network"], n_did.as_str(), "{memberships}");
    let (_, shown) = c_api.get(&format!("/v1/networks/{n_did}")).await;
    assert_eq!(shown["members"], 1, "{shown}");

    // The college applies and is refused, with the reason.
    let (status, _) = c_api
        .post(&format!("/v1/networks/{n_did}/applications"), &json!({ "motivation": "We would like to join." }))
        .await;
    assert_eq!(status, 201);
    let c_did = college.node.info().institution.to_did();
    wait_until("the college's application arrives", || async {
        let (_, list) = n_api.get("/v1/applications").await;
        list.as_array().is_some_and(|l| l.iter().any(|a| a["applicant"] == c_did.as_str()))
    })
    .await;
    let (status, no_reason) = n_api.post(&format!("/v1/applications/{c_did}/refuse"), &json!({})).await;
    assert_eq!((status, no_reason["error"]["field"].as_str()), (400, Some("body.reason")), "{no_reason}");
    let reason = "The network is for institutions in Norrbotten; Oulu has its own.";
    let (status, _) = n_api.post(&format!("/v1/applications/{c_did}/refuse"), &json!({ "reason": reason })).await;
    assert_eq!(status, 200);
    wait_until("the college reads why", || async {
        application(&c_api, "sent").await.is_some_and(|a| a["status"] == "refused" && a["reason"] == reason)
    })
    .await;

    // The school leaves; the network withdraws its endorsement.
    let (status, left) = s_api.post(&format!("/v1/networks/{n_did}/leave"), &json!({ "reason": "merged" })).await;
    assert_eq!(status, 200, "{left}");
    wait_until("the college sees the school gone", || async {
        members_of(&c_api.get(&format!("/v1/networks/{n_did}/members")).await.1).is_empty()
    })
    .await;
}

/// An open network accepts every application as it arrives, even one that
/// waited while the network's node was offline.
/// The network's meeting shows in the region's picture on another node; a
/// registration goes to the organiser alone, and only the count is public.
async fn a_meeting_shows_in_the_region_and_counts_its_registrations(
    n_api: &ApiClient,
    s_api: &ApiClient,
    c_api: &ApiClient,
    n_did: &str,
) {
    // The region's picture names the network and its coming meeting.
    let meeting = json!({
        "id": "autumn-meeting", "title": { "en": "Autumn network meeting" }, "event_kind": "network-meeting",
        "start": "2099-10-14T09:00", "end": "2099-10-14T15:00", "tz": "Europe/Stockholm",
        "online": "https://meet.example.se/norrbotten", "langs": ["sv"],
    });
    let (status, published) = n_api.post("/v1/events", &meeting).await;
    assert_eq!(status, 201, "{published}");
    wait_until("the region's picture shows the network's meeting", || async {
        let (_, region) = c_api.get("/v1/region/SE332").await;
        region["networks"][0]["network"] == n_did && region["events"][0]["id"] == "autumn-meeting"
    })
    .await;
    // The same by event search: an online meeting has no country, and is in
    // SE33 through its network; not in Finland; an unknown code is refused.
    let ids = |list: &Value| -> Vec<String> {
        list.as_array().into_iter().flatten().filter_map(|e| e["id"].as_str().map(str::to_owned)).collect()
    };
    let (_, in_region) = c_api.get("/v1/search/events?region=SE33").await;
    assert_eq!(ids(&in_region), ["autumn-meeting"], "{in_region}");
    let (_, elsewhere) = c_api.get("/v1/search/events?region=FI1D").await;
    assert!(ids(&elsewhere).is_empty(), "{elsewhere}");
    let (status, unknown) = c_api.get("/v1/search/events?region=SE99").await;
    assert_eq!((status, unknown["error"]["field"].as_str()), (400, Some("region")), "{unknown}");

    // A registration goes to the organiser only; the count is public.
    let closed = json!({
        "id": "closed-meeting", "title": { "en": "Closed meeting" }, "event_kind": "workshop",
        "start": "2099-11-14T09:00", "end": "2099-11-14T15:00", "tz": "Europe/Stockholm",
        "online": "https://meet.example.se/closed", "langs": ["sv"], "deadline": "2020-01-31",
    });
    let (status, published) = n_api.post("/v1/events", &closed).await;
    assert_eq!(status, 201, "{published}");
    wait_until("the college holds the closed meeting", || async {
        let (_, found) = c_api.get(&format!("/v1/search/events?author={n_did}")).await;
        found.as_array().is_some_and(|l| l.iter().any(|e| e["id"] == "closed-meeting"))
    })
    .await;
    let late = json!({ "name": "Aino Virtanen", "email": "aino.virtanen@oulu.example" });
    let (status, refused) = c_api.post(&format!("/v1/events/{n_did}/closed-meeting/registrations"), &late).await;
    assert_eq!((status, refused["error"]["field"].as_str()), (400, Some("event")), "{refused}");
    assert!(refused["error"]["rule"].as_str().unwrap_or_default().contains("registration closed on 2020-01-31"));
    let register = format!("/v1/events/{n_did}/autumn-meeting/registrations");
    let (status, bad) = c_api.post(&register, &json!({ "name": "Aino Virtanen", "email": "not-an-email" })).await;
    assert_eq!((status, bad["error"]["field"].as_str()), (400, Some("body.email")), "{bad}");
    let attendee = json!({ "name": "Aino Virtanen", "email": "aino.virtanen@oulu.example" });
    let (status, sent) = c_api.post(&register, &attendee).await;
    assert_eq!(status, 201, "{sent}");
    wait_until("the school sees the meeting's count", || async {
        let (_, found) = s_api.get(&format!("/v1/search/events?author={n_did}")).await;
        found.as_array().is_some_and(|l| l.iter().any(|e| e["id"] == "autumn-meeting" && e["registered"] == 1))
    })
    .await;
    let (_, attendees) = n_api.get("/v1/registrations").await;
    assert_eq!(attendees[0]["email"], "aino.virtanen@oulu.example", "the organiser holds the list: {attendees}");
    let (_, school_view) = s_api.get(&format!("/v1/search/events?author={n_did}")).await;
    assert!(!school_view.to_string().contains("aino"), "no attendee data goes onto the network: {school_view}");
    let (status, again) = c_api.post(&register, &attendee).await;
    assert_eq!(status, 201, "{again}");
    wait_until("the second registration of the same email is refused by the organiser", || async {
        let (_, list) = c_api.get("/v1/registrations").await;
        list.as_array().is_some_and(|l| {
            l.iter().any(|r| {
                r["delivery"]["last_error"].as_str().is_some_and(|e| e.contains("registered for this event already"))
            })
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_network_accepts_an_application_that_waited_for_it() {
    let network = spawn_kind("Baltic Network for Vocational Training", "DE", InstitutionKind::Network, &[]).await;
    let school = spawn("Riga State Technical School", "LV", &[network.addr()]).await;
    wait_for_topic_peers(&school, 1).await;
    let n_did = network.node.info().institution.to_did();
    let s_did = school.node.info().institution.to_did();
    let profile = json!({
        "countries": ["DE", "LV", "LT", "EE", "PL"], "coordinator_name": "Secretariat",
        "coordinator_email": "info@bnvt.example", "languages": ["en"], "joining": "open",
    });
    let (status, view) = ApiClient::new(&network).put("/v1/network-profile", &profile).await;
    assert_eq!(status, 200, "{view}");
    let s_api = ApiClient::new(&school);
    wait_until("the school holds the network profile", || async {
        s_api.get(&format!("/v1/networks/{n_did}")).await.0 == 200
    })
    .await;

    let addr = network.addr();
    let dir = stop(network).await;
    let (status, sent) = s_api
        .post(&format!("/v1/networks/{n_did}/applications"), &json!({ "motivation": "We host 12 learners a year." }))
        .await;
    assert_eq!(status, 201, "{sent}");
    wait_until("a delivery attempt fails while the network is offline", || async {
        application(&s_api, "sent").await.is_some_and(|a| a["delivery"]["attempts"].as_u64() >= Some(1))
    })
    .await;
    let network = start_on(dir, Some(addr), &[school.addr()]).await;
    wait_until("the open network accepts the application on its own", || async {
        application(&s_api, "sent").await.is_some_and(|a| a["status"] == "accepted")
    })
    .await;
    let (_, members) = ApiClient::new(&network).get("/v1/networks/me/members").await;
    assert_eq!(members_of(&members), vec![s_did]);
}
