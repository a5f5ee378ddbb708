//! The rules of the `event` record kind. Each test starts from a valid
//! event, changes one thing and checks the field the refusal names.

use vetnet_protocol::event::{Audience, EventBody, EventKind, TIME_ZONES};
use vetnet_protocol::{Content, LangText, RecordError, RecordKind, fixtures};

mod common;

use common::{assert_rule, open, withdrawal};

const ID: &str = "spring-meeting-2027";

/// A valid event that sets every optional field.
fn event() -> EventBody {
    fixtures::full_event()
}

#[test]
fn a_full_event_is_accepted_with_its_fields() {
    let record = open(RecordKind::Event, ID, &event()).expect("valid");
    assert_eq!(record.content, Content::Event(Box::new(event())));
    assert_eq!(RecordKind::from("event"), RecordKind::Event);
    assert_eq!(RecordKind::Event.as_str(), "event");
}

#[test]
fn a_minimal_event_online_only_is_accepted() {
    let mut body = fixtures::event("Webinar on work-based learning", "Riga", "LV", "Europe/Riga");
    (body.city, body.country, body.online) = (None, None, Some("https://webinar.example.lv/wbl".into()));
    body.kind = EventKind::Webinar;
    body.audience.clear();
    let record = open(RecordKind::Event, ID, &body).expect("valid");
    assert_eq!(record.content, Content::Event(Box::new(body)));
}

#[test]
fn every_listed_zone_and_kind_is_accepted() {
    for zone in TIME_ZONES {
        let body = fixtures::event("Meeting", "Town", "SE", zone);
        open(RecordKind::Event, ID, &body).unwrap_or_else(|e| panic!("{zone}: {e}"));
    }
    for kind in EventKind::ALL {
        let mut body = event();
        body.kind = *kind;
        open(RecordKind::Event, ID, &body).unwrap_or_else(|e| panic!("{kind}: {e}"));
    }
    let mut body = event();
    body.audience = Audience::ALL.to_vec();
    open(RecordKind::Event, ID, &body).expect("every audience group once");
}

#[test]
fn an_event_can_be_withdrawn() {
    let record = withdrawal(RecordKind::Event, ID).expect("valid");
    assert_eq!(record.content, Content::Withdrawn);
}

#[test]
fn the_registered_count_may_pass_the_capacity_but_not_the_limit() {
    let mut body = event();
    (body.capacity, body.registered) = (Some(10), Some(12));
    open(RecordKind::Event, ID, &body).expect("a waiting list is allowed");
    body.registered = Some(0);
    open(RecordKind::Event, ID, &body).expect("nobody yet");
}

/// One change to a valid event.
type Change = Box<dyn Fn(&mut EventBody)>;

#[test]
fn event_rules_name_their_fields() {
    let cases: Vec<(&str, Change)> = vec![
        ("body.title", Box::new(|e| e.title = LangText::default())),
        ("body.title.en", Box::new(|e| e.title = LangText::new("en", "two\nlines"))),
        ("body.network", Box::new(|e| e.network = Some("did:web:example.org".into()))),
        ("body.start", Box::new(|e| e.start = "2027-05-12 09:00".into())),
        ("body.start", Box::new(|e| e.start = "2027-02-29T09:00".into())),
        ("body.end", Box::new(|e| e.end = "2027-05-12T08:59".into())),
        ("body.end", Box::new(|e| e.end = e.start.clone())),
        ("body.end", Box::new(|e| e.end = "2027-06-13T09:01".into())),
        ("body.end", Box::new(|e| e.end = "tomorrow".into())),
        ("body.tz", Box::new(|e| e.tz = "Europe/Paris".into())),
        ("body.tz", Box::new(|e| e.tz = "CEST".into())),
        ("body.tz", Box::new(|e| e.tz = "europe/stockholm".into())),
        ("body.deadline", Box::new(|e| e.deadline = Some("2027-05-13".into()))),
        ("body.deadline", Box::new(|e| e.deadline = Some("30.04.2027".into()))),
        ("body.country", Box::new(|e| e.country = None)),
        ("body.city", Box::new(|e| e.city = None)),
        ("body.online", Box::new(|e| (e.city, e.country, e.online) = (None, None, None))),
        ("body.country", Box::new(|e| e.country = Some("se".into()))),
        ("body.city", Box::new(|e| e.city = Some("x".repeat(101)))),
        ("body.online", Box::new(|e| e.online = Some("http://meet.example.se/room".into()))),
        ("body.online", Box::new(|e| e.online = Some("meet.example.se".into()))),
        ("body.langs", Box::new(|e| e.langs.clear())),
        ("body.langs[1]", Box::new(|e| e.langs[1] = "english".into())),
        ("body.langs", Box::new(|e| e.langs.push("sv".into()))),
        ("body.audience[1]", Box::new(|e| e.audience[1] = Audience::SchoolOrganisers)),
        ("body.topics[0]", Box::new(|e| e.topics[0] = "a\nb".into())),
        ("body.topics", Box::new(|e| e.topics = (0..21).map(|i| format!("topic {i}")).collect())),
        ("body.topics", Box::new(|e| e.topics.push(e.topics[0].clone()))),
        ("body.agenda.en", Box::new(|e| e.agenda = LangText::new("en", &"x".repeat(8_001)))),
        ("body.capacity", Box::new(|e| e.capacity = Some(0))),
        ("body.capacity", Box::new(|e| e.capacity = Some(100_001))),
        ("body.registered", Box::new(|e| e.registered = Some(100_001))),
        ("body.summary.en", Box::new(|e| e.summary = LangText::new("en", " "))),
        ("body.outcomes[0]", Box::new(|e| e.outcomes[0] = "x".repeat(501))),
        ("body.minutes[0]", Box::new(|e| e.minutes[0] = "ftp://example.se/minutes".into())),
        ("body.minutes", Box::new(|e| e.minutes.push(e.minutes[0].clone()))),
        ("body.minutes", Box::new(|e| e.minutes = (0..11).map(|i| format!("https://example.se/{i}")).collect())),
    ];
    for (field, change) in cases {
        let mut body = event();
        change(&mut body);
        assert_rule(open(RecordKind::Event, ID, &body), field);
    }
}

#[test]
fn the_refusals_say_the_rule_in_words() {
    let rule_of = |change: Change| {
        let mut body = event();
        change(&mut body);
        match open(RecordKind::Event, ID, &body) {
            Err(RecordError::Rule(rule)) => rule.rule,
            other => panic!("expected a rule, got {other:?}"),
        }
    };
    let before = rule_of(Box::new(|e| e.end = "2027-05-12T08:00".into()));
    assert_eq!(before, "must be after start (2027-05-12T08:00 is not after 2027-05-12T09:00)");
    let zone = rule_of(Box::new(|e| e.tz = "Europe/Paris".into()));
    assert!(zone.starts_with("must be one of the IANA time zones Atlantic/Reykjavik, "), "{zone}");
    assert!(zone.ends_with("(got \"Europe/Paris\")"), "{zone}");
    let place = rule_of(Box::new(|e| (e.city, e.country, e.online) = (None, None, None)));
    assert!(place.contains("city and country, an online link, or both"), "{place}");
}

#[test]
fn unknown_keywords_are_refused_as_the_body_not_matching() {
    let mut value = ciborium::Value::serialized(&event()).expect("encodes");
    if let ciborium::Value::Map(entries) = &mut value {
        for (key, v) in entries.iter_mut() {
            if key.as_text() == Some("event_kind") {
                *v = ciborium::Value::Text("party".into());
            }
        }
    }
    assert_rule(open(RecordKind::Event, ID, &value), "body.event_kind");
}
