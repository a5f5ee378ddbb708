//! Events (meetings) across two real nodes on loopback, through the admin
//! API as the CLI drives it: a regional VET network in Luleå publishes its
//! spring meeting; a Finnish school publishes a workshop of the same
//! network. The meeting reaches the school by gossip, where `search events`
//! finds it by country, network and start day, and both the single `.ics`
//! and the feed are read back by an independent iCalendar parser (Python's
//! `icalendar`), times and time zone included. After the meeting the
//! network updates it with its summary, outcomes and minutes, and the school
//! sees the new version; then it is withdrawn and disappears everywhere.
//! Events from a peer that break the rules are rejected (the peer penalised)
//! and never stored.

use serde_json::{Value, json};
use vetnet_node::search::{EventQuery, search_events};
use vetnet_tests::ics::{assert_lines_are_folded, read_with_python};
use vetnet_tests::{ApiClient, TestNode, spawn, wait_for_topic_peers, wait_until};

const MEETING: &str = "spring-meeting-2027";

fn spring_meeting() -> Value {
    json!({
        "id": MEETING,
        "title": { "en": "Regional VET network, spring meeting; Luleå, 2027" },
        "event_kind": "network-meeting",
        "start": "2027-05-12T09:00",
        "end": "2027-05-12T16:00",
        "tz": "Europe/Stockholm",
        "city": "Luleå",
        "country": "SE",
        "online": "https://meet.example.se/vet-norrbotten",
        "langs": ["sv", "en"],
        "audience": ["school-organisers", "wbl-coordinators", "social-partners"],
        "topics": ["Skills needs in the region", "Attracting learners"],
        "agenda": { "en": "09:00 Welcome\n10:00 Skills needs in Norrbotten, a long line that has to be folded by the writer\n13:00 Workshops" },
        "deadline": "2027-04-30",
        "capacity": 120,
        "registered": 12
    })
}

fn workshop(network: &str) -> Value {
    json!({
        "id": "wbl-workshop",
        "title": { "en": "Workshop on work-based learning" },
        "event_kind": "workshop",
        "network": network,
        "start": "2027-09-01T13:00",
        "end": "2027-09-01T15:30",
        "tz": "Europe/Helsinki",
        "city": "Oulu",
        "country": "FI",
        "langs": ["fi", "en"]
    })
}

fn ids(found: &Value) -> Vec<&str> {
    found.as_array().into_iter().flatten().map(|e| e["id"].as_str().unwrap_or_default()).collect()
}

async fn did_of(api: &ApiClient) -> String {
    let (status, view) = api.get("/v1/status").await;
    assert_eq!(status, 200, "{view}");
    view["institution"].as_str().expect("the status names the institution").to_owned()
}

/// The event `id` of `author` as `node` holds it: its seq, or `None`.
fn held_seq(node: &TestNode, author: &str, id: &str) -> Option<u64> {
    let found = search_events(node.node.store(), &EventQuery::default()).ok()?;
    found.iter().find(|r| r.author.to_did() == author && r.payload.id == id).map(|r| r.payload.seq)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[expect(clippy::too_many_lines, reason = "one scenario from publishing to withdrawal, in order")]
async fn an_event_travels_is_searched_read_as_icalendar_updated_and_withdrawn() {
    vetnet_tests::init_logging();
    let network = spawn("Norrbotten VET network", "SE", &[]).await;
    let school = spawn("Oulu Vocational College", "FI", &[network.addr()]).await;
    wait_for_topic_peers(&network, 1).await;
    wait_for_topic_peers(&school, 1).await;
    let (network_api, school_api) = (ApiClient::new(&network), ApiClient::new(&school));
    let network_did = did_of(&network_api).await;

    // Bad input is refused with the field and the rule.
    for (field, value, named, rule) in [
        ("end", json!("2027-05-12T08:00"), "body.end", "must be after start"),
        ("tz", json!("Europe/Paris"), "body.tz", "must be one of the IANA time zones"),
        ("start", json!("12.05.2027 09:00"), "body.start", "YYYY-MM-DDTHH:MM"),
    ] {
        let mut broken = spring_meeting();
        broken[field] = value;
        let (status, error) = network_api.post("/v1/events", &broken).await;
        assert_eq!(status, 400, "{error}");
        assert_eq!(error["error"]["field"], named, "{error}");
        assert!(error["error"]["rule"].as_str().unwrap_or_default().contains(rule), "{error}");
    }

    let mut misspelt = spring_meeting();
    misspelt["registred"] = misspelt["registered"].take();
    let (status, error) = network_api.post("/v1/events", &misspelt).await;
    assert_eq!((status, error["error"]["field"].as_str()), (400, Some("body.registred")), "{error}");
    assert!(error["error"]["rule"].as_str().unwrap_or_default().contains("did you mean registered?"), "{error}");

    let (status, published) = network_api.post("/v1/events", &spring_meeting()).await;
    assert_eq!(status, 201, "{published}");
    assert_eq!((published["kind"].as_str(), published["seq"].as_u64()), (Some("event"), Some(1)));
    let (status, published) = school_api.post("/v1/events", &workshop(&network_did)).await;
    assert_eq!(status, 201, "{published}");
    let school_did = did_of(&school_api).await;

    wait_until("the meeting reaches the school's node", || async {
        held_seq(&school, &network_did, MEETING) == Some(1)
    })
    .await;

    // Search on the school's node: by country, network, start day, kind.
    let (status, found) = school_api.get("/v1/search/events?country=SE").await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(ids(&found), [MEETING]);
    assert_eq!(found[0]["author_name"], "Norrbotten VET network");
    assert_eq!(found[0]["event_kind"], "network-meeting");
    assert_eq!(found[0]["registered"], 12);
    let (_, found) = school_api.get(&format!("/v1/search/events?network={network_did}")).await;
    assert_eq!(ids(&found), [MEETING, "wbl-workshop"], "soonest first: the network's own and the one naming it");
    let (_, found) = school_api.get(&format!("/v1/search/events?network={school_did}")).await;
    assert_eq!(ids(&found), ["wbl-workshop"], "the school organises its workshop");
    let (_, found) = school_api.get("/v1/search/events?from=2027-05-13").await;
    assert_eq!(ids(&found), ["wbl-workshop"]);
    let (_, found) = school_api.get("/v1/search/events?from=2027-05-12&kind=network-meeting&lang=sv&text=lulea").await;
    assert_eq!(ids(&found), [MEETING]);
    let (_, found) = school_api.get("/v1/search/events?audience=teachers").await;
    assert_eq!(ids(&found), Vec::<&str>::new());
    for (query, field) in [("from=2027-13-01", "from"), ("kind=party", "kind"), ("network=nobody", "network")] {
        let (status, error) = school_api.get(&format!("/v1/search/events?{query}")).await;
        assert_eq!((status, error["error"]["field"].as_str()), (400, Some(field)), "{query}: {error}");
    }

    // One event as iCalendar, on the node that did not write it.
    let ics_path = format!("/v1/events/{network_did}/{MEETING}/ics");
    let (status, content_type, calendar) = school_api.get_text(&ics_path).await;
    assert_eq!(status, 200, "{calendar}");
    assert_eq!(content_type, "text/calendar; charset=utf-8");
    assert_lines_are_folded(&calendar);
    let read = read_with_python(&calendar);
    assert_eq!(read["version"], "2.0");
    assert!(read["prodid"].as_str().unwrap_or_default().starts_with("-//vetnet//"), "{read}");
    let events = read["events"].as_array().expect("events");
    assert_eq!(events.len(), 1, "{read}");
    let event = &events[0];
    assert_eq!(event["uid"], format!("{network_did}/event/{MEETING}"));
    assert_eq!(event["summary"], "Regional VET network, spring meeting; Luleå, 2027");
    assert_eq!(event["location"], "Luleå, SE");
    assert_eq!(event["url"], "https://meet.example.se/vet-norrbotten");
    assert_eq!(
        (event["dtstart"].as_str(), event["dtend"].as_str()),
        (Some("2027-05-12T07:00:00Z"), Some("2027-05-12T14:00:00Z"))
    );
    assert_eq!(event["tzid"], "Europe/Stockholm");
    assert_eq!(
        (event["local_start"].as_str(), event["local_end"].as_str()),
        (Some("2027-05-12T09:00"), Some("2027-05-12T16:00"))
    );
    assert_eq!(event["categories"], json!(["network-meeting", "Skills needs in the region", "Attracting learners"]));
    assert_eq!(event["sequence"], 1);
    let description = event["description"].as_str().unwrap_or_default();
    assert!(description.starts_with("Network meeting organised by Norrbotten VET network.\n"), "{description}");
    assert!(
        description.contains("10:00 Skills needs in Norrbotten, a long line that has to be folded by the writer\n")
    );
    assert!(description.contains("Registration: until 2027-04-30, 120 places, 12 registered."), "{description}");

    // The feed: the network's events, both of them.
    let (status, _, feed) = school_api.get_text(&format!("/v1/search/events.ics?network={network_did}")).await;
    assert_eq!(status, 200, "{feed}");
    assert_lines_are_folded(&feed);
    let read = read_with_python(&feed);
    let events = read["events"].as_array().expect("events");
    let uids: Vec<&str> = events.iter().map(|e| e["uid"].as_str().unwrap_or_default()).collect();
    assert_eq!(uids, [format!("{network_did}/event/{MEETING}"), format!("{school_did}/event/wbl-workshop")]);
    assert_eq!(
        (events[1]["dtstart"].as_str(), events[1]["local_start"].as_str()),
        (Some("2027-09-01T10:00:00Z"), Some("2027-09-01T13:00"))
    );
    assert_eq!(events[1]["location"], "Oulu, FI");
    let (_, _, empty) = school_api.get_text("/v1/search/events.ics?country=DK").await;
    assert_eq!(read_with_python(&empty)["events"], json!([]), "an empty feed is a calendar too");

    // After the meeting: the same record, updated with what came of it.
    let mut after = spring_meeting();
    after["registered"] = json!(97);
    after["summary"] = json!({ "en": "97 participants from schools, companies and the county." });
    after["outcomes"] = json!(["A shared list of the region's shortage occupations"]);
    after["minutes"] = json!(["https://vet.example.se/minutes/2027-05-12.pdf"]);
    let (status, updated) = network_api.put(&format!("/v1/events/{MEETING}"), &after).await;
    assert_eq!(status, 200, "{updated}");
    let seq = updated["seq"].as_u64().expect("seq");
    assert!(seq > 1, "{updated}");
    wait_until("the update reaches the school's node", || async {
        held_seq(&school, &network_did, MEETING) == Some(seq)
    })
    .await;
    let (_, found) = school_api.get("/v1/search/events?country=SE").await;
    assert_eq!(found[0]["summary"]["en"], "97 participants from schools, companies and the county.");
    assert_eq!(found[0]["registered"], 97);
    assert_eq!(found[0]["minutes"], json!(["https://vet.example.se/minutes/2027-05-12.pdf"]));
    let (_, _, calendar) = school_api.get_text(&ics_path).await;
    let event = &read_with_python(&calendar)["events"][0];
    assert_eq!(event["sequence"], seq, "a newer version is a newer SEQUENCE");
    let description = event["description"].as_str().unwrap_or_default();
    assert!(description.contains("Summary:\n97 participants"), "{description}");
    assert!(description.contains("Minutes:\nhttps://vet.example.se/minutes/2027-05-12.pdf"), "{description}");

    // Withdrawn: gone from search, from the feed and as a file, on both nodes.
    let (status, withdrawn) = network_api.delete(&format!("/v1/events/{MEETING}")).await;
    assert_eq!(status, 200, "{withdrawn}");
    wait_until("the withdrawal reaches the school's node", || async {
        held_seq(&school, &network_did, MEETING).is_none()
    })
    .await;
    let (_, found) = school_api.get(&format!("/v1/search/events?network={network_did}")).await;
    assert_eq!(ids(&found), ["wbl-workshop"]);
    let (status, _, answer) = school_api.get_text(&ics_path).await;
    assert_eq!(status, 404, "{answer}");
    assert!(answer.contains("withdrawn"), "{answer}");
    let (_, listed) = network_api.get("/v1/events?all=true").await;
    assert_eq!(listed[0]["withdrawn"], true, "{listed}");
}

/// An event signed by another institution, as if it arrived by gossip.
fn peer_event(id: &str, body: &vetnet_protocol::event::EventBody) -> Vec<u8> {
    let key = vetnet_protocol::InstitutionKey::from_secret_bytes(&[0x42; 32]);
    let now = vetnet_node::Clock::system().now_unix();
    let payload = vetnet_protocol::Payload::with_body(
        vetnet_protocol::DEFAULT_NETWORK,
        vetnet_protocol::RecordKind::Event,
        id,
        1,
        now,
        body,
    )
    .expect("payload");
    key.sign(&payload).expect("signs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_from_a_peer_that_break_the_rules_are_rejected_and_not_stored() {
    let node = spawn("Tartu Vocational College", "EE", &[]).await;
    let network = node.node.info().network.clone();
    let ingest =
        |bytes: &[u8]| vetnet_node::ingest::ingest(node.node.store(), &network, node.node.author_limit(), bytes);
    let good = vetnet_protocol::fixtures::event("Study visit to Tartu", "Tartu", "EE", "Europe/Tallinn");

    let mut paris = good.clone();
    paris.tz = "Europe/Paris".into();
    let mut backwards = good.clone();
    backwards.end = "2027-05-12T08:00".into();
    let mut nowhere = good.clone();
    (nowhere.city, nowhere.country) = (None, None);
    for (id, body, field) in
        [("paris", &paris, "body.tz"), ("backwards", &backwards, "body.end"), ("nowhere", &nowhere, "body.online")]
    {
        let (verdict, outcome) = ingest(&peer_event(id, body));
        assert_eq!(verdict, vetnet_node::network::Verdict::Reject, "{id}: the peer is penalised");
        let error = outcome.expect_err("refused").to_string();
        assert!(error.contains(field), "{id}: {error}");
    }
    let (verdict, outcome) = ingest(&peer_event("tartu", &good));
    assert_eq!(verdict, vetnet_node::network::Verdict::Accept);
    assert!(outcome.is_ok_and(|o| o.is_stored()));
    let found = search_events(node.node.store(), &EventQuery { countries: vec!["EE".into()], ..Default::default() })
        .expect("search works");
    let ids: Vec<&str> = found.iter().map(|r| r.payload.id.as_str()).collect();
    assert_eq!(ids, ["tartu"], "only the valid event is held");
}

/// Titles that test escaping and folding: the characters RFC 5545 escapes,
/// and multi-byte characters at every octet offset around the fold. (Not a
/// backslash right before `n`, `,` or `;`: icalendar 4.0.3 unescapes by one
/// replacement after another and reads `\\n` as a line break. The writer's
/// unit tests cover that case.)
fn tricky_titles() -> Vec<String> {
    let mut titles = vec![
        "Comma, semicolon; backslash \\ and all three ,;\\ together".to_owned(),
        "Łódź – Gdańsk – Klaipėda – Pärnu – Tórshavn ✓".to_owned(),
    ];
    for pad in 60..80 {
        titles.push(format!("{}ÅÄÖ€😀ąčęėįšųūž,;", "x".repeat(pad)));
    }
    titles
}

#[test]
fn tricky_text_comes_back_whole_from_an_independent_parser() {
    let author = vetnet_protocol::InstitutionKey::from_secret_bytes(&[0x17; 32]).id();
    let bodies: Vec<vetnet_protocol::event::EventBody> = tricky_titles()
        .into_iter()
        .map(|title| {
            let mut body = vetnet_protocol::fixtures::event(&title, "Gdańsk, Oliwa", "PL", "Europe/Warsaw");
            body.agenda = vetnet_protocol::LangText::new("en", "Line one; with a comma, here\nLine two \\ ends");
            body
        })
        .collect();
    let ids: Vec<String> = (0..bodies.len()).map(|i| format!("e{i}")).collect();
    let events: Vec<vetnet_node::calendar::CalendarEvent<'_>> = bodies
        .iter()
        .zip(&ids)
        .map(|(body, id)| vetnet_node::calendar::CalendarEvent {
            author: &author,
            author_name: Some("Organiser; with, punctuation"),
            id,
            seq: 1,
            ts: 1_795_000_000,
            body,
        })
        .collect();
    let calendar = vetnet_node::calendar::write_calendar(&events, Some("Tricky, names; here"));
    assert_lines_are_folded(&calendar);
    let read = read_with_python(&calendar);
    let read = read["events"].as_array().expect("events");
    assert_eq!(read.len(), bodies.len());
    for (event, title) in read.iter().zip(tricky_titles()) {
        assert_eq!(event["summary"].as_str(), Some(title.as_str()));
        assert_eq!(event["location"], "Gdańsk, Oliwa, PL");
        assert_eq!(
            (event["local_start"].as_str(), event["tzid"].as_str()),
            (Some("2027-05-12T09:00"), Some("Europe/Warsaw"))
        );
        let description = event["description"].as_str().unwrap_or_default();
        assert!(
            description.starts_with("Network meeting organised by Organiser; with, punctuation.\n"),
            "{description}"
        );
        assert!(description.ends_with("Agenda:\nLine one; with a comma, here\nLine two \\ ends"), "{description}");
    }
}
