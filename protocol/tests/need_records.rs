//! The rules of the `need` record kind. Each test starts from a valid need,
//! changes one thing and checks the field the refusal names.

use vetnet_protocol::fixtures;
use vetnet_protocol::need::{AgeBand, NeedBody, SupportNeed};
use vetnet_protocol::offer::{Contact, LanguageRequirement};
use vetnet_protocol::{Content, LangText, RecordKind};

mod common;

use common::{assert_rule, open, withdrawal};

const ID: &str = "bricklayers-2027";

/// A valid need that sets every optional field.
fn need() -> NeedBody {
    fixtures::full_need()
}

#[test]
fn a_full_need_is_accepted_with_its_fields() {
    let record = open(RecordKind::Need, ID, &need()).expect("valid");
    assert_eq!(record.content, Content::Need(Box::new(need())));
    assert_eq!(RecordKind::from("need"), RecordKind::Need);
    assert_eq!(RecordKind::Need.as_str(), "need");
}

#[test]
fn a_minimal_need_is_accepted() {
    let mut body = need();
    body.description = LangText::default();
    (body.occupation, body.qualification, body.end) = (None, None, None);
    (body.countries, body.nace, body.languages, body.support) = (vec![], vec![], vec![], vec![]);
    (body.support_note, body.funding, body.contact) = (None, None, None);
    let record = open(RecordKind::Need, ID, &body).expect("valid");
    assert_eq!(record.content, Content::Need(Box::new(body)));
}

#[test]
fn a_need_can_be_withdrawn() {
    let record = withdrawal(RecordKind::Need, ID).expect("valid");
    assert_eq!(record.content, Content::Withdrawn);
}

#[test]
fn the_age_band_tells_whether_minors_are_involved() {
    assert!(AgeBand::Under18.involves_minors());
    assert!(AgeBand::Mixed.involves_minors());
    assert!(!AgeBand::Adults.involves_minors());
}

/// One change to a valid need.
type Change = Box<dyn Fn(&mut NeedBody)>;

#[test]
fn need_rules_name_their_fields() {
    let cases: Vec<(&str, Change)> = vec![
        ("body.title", Box::new(|n| n.title = LangText::default())),
        ("body.title.en", Box::new(|n| n.title = LangText::new("en", "two\nlines"))),
        ("body.title.EN", Box::new(|n| n.title = LangText::new("EN", "Bricklayers"))),
        ("body.description.sv", Box::new(|n| n.description = LangText::new("sv", &"x".repeat(8001)))),
        ("body.learners", Box::new(|n| n.learners = 0)),
        ("body.learners", Box::new(|n| n.learners = 1001)),
        ("body.isced", Box::new(|n| n.isced = "0733".into())),
        ("body.occupation", Box::new(|n| n.occupation = Some("bricklayer".into()))),
        ("body.qualification", Box::new(|n| n.qualification = Some(" ".into()))),
        ("body.eqf", Box::new(|n| n.eqf = 0)),
        ("body.eqf", Box::new(|n| n.eqf = 9)),
        ("body.weeks_min", Box::new(|n| n.weeks_min = 0)),
        ("body.weeks_max", Box::new(|n| n.weeks_max = 105)),
        ("body.weeks_max", Box::new(|n| (n.weeks_min, n.weeks_max) = (6, 4))),
        ("body.start", Box::new(|n| n.start = "2027-02-30".into())),
        ("body.end", Box::new(|n| n.end = Some("2027-3-31".into()))),
        ("body.end", Box::new(|n| n.end = Some("2027-02-28".into()))),
        ("body.end", Box::new(|n| n.end = Some("2027-03-20".into()))),
        ("body.countries[1]", Box::new(|n| n.countries = vec!["DE".into(), "UK".into()])),
        ("body.countries", Box::new(|n| n.countries = vec!["DE".into(), "DE".into()])),
        ("body.countries", Box::new(|n| n.countries = vec!["DE".into(); 65])),
        ("body.nace[0]", Box::new(|n| n.nace = vec!["F99".into()])),
        ("body.nace", Box::new(|n| n.nace = vec!["F41".into(), "F41".into()])),
        (
            "body.languages[0].lang",
            Box::new(|n| n.languages = vec![LanguageRequirement { lang: "english".into(), cefr: None }]),
        ),
        (
            "body.languages[0].cefr",
            Box::new(|n| n.languages = vec![LanguageRequirement { lang: "en".into(), cefr: Some("B3".into()) }]),
        ),
        (
            "body.languages[1].lang",
            Box::new(|n| {
                n.languages = vec![
                    LanguageRequirement { lang: "en".into(), cefr: None },
                    LanguageRequirement { lang: "en".into(), cefr: Some("B1".into()) },
                ]
            }),
        ),
        ("body.support[1]", Box::new(|n| n.support = vec![SupportNeed::SpecialDiet, SupportNeed::SpecialDiet])),
        ("body.support_note", Box::new(|n| n.support_note = Some("x".repeat(501)))),
        ("body.support_note", Box::new(|n| n.support_note = Some("bell\u{7}".into()))),
        (
            "body.contact.email",
            Box::new(|n| n.contact = Some(Contact { name: None, email: Some("nobody".into()), phone: None })),
        ),
    ];
    for (field, change) in cases {
        let mut body = need();
        change(&mut body);
        assert_rule(open(RecordKind::Need, ID, &body), field);
    }
}

#[test]
fn unknown_keywords_are_refused_as_a_body_mismatch() {
    for (field, word) in [("age", "teenagers"), ("funding", "lottery")] {
        let mut value = ciborium::Value::serialized(&need()).expect("encodes");
        if let ciborium::Value::Map(entries) = &mut value {
            for (k, v) in entries.iter_mut() {
                if k.as_text() == Some(field) {
                    *v = ciborium::Value::Text(word.into());
                }
            }
        }
        assert_rule(open(RecordKind::Need, ID, &value), &format!("body.{field}"));
    }
}

#[test]
fn a_need_has_no_field_for_personal_data() {
    let value = serde_json::to_value(need()).expect("encodes");
    let fields: Vec<&str> = value.as_object().expect("a map").keys().map(String::as_str).collect();
    for personal in ["name", "names", "learner", "birth_date", "birthdate", "email", "phone", "address"] {
        assert!(!fields.contains(&personal), "{personal} must not be a need field");
    }
}

#[test]
fn id_rules_are_those_of_an_offer() {
    assert_rule(open(RecordKind::Need, "no spaces", &need()), "id");
    assert_rule(open(RecordKind::Need, &"x".repeat(65), &need()), "id");
}
