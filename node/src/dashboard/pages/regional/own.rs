//! Our own meetings and skills needs, listed, published, edited and
//! withdrawn by the same pages as offers and needs (`records`), with the
//! forms' fields named as in `docs/PROTOCOL.md`.

use vetnet_protocol::event::TIME_ZONES;
use vetnet_views::{Event, LangText, SkillsNeed};

use super::super::records::{Own, OwnKind};
use super::super::view::{Facts, Shown, code, codes};
use crate::dashboard::codes::CodeList;
use crate::dashboard::form::{FieldSpec, Widget};
use crate::dashboard::i18n::Tr;

const fn field(name: &'static str, widget: Widget, required: bool) -> FieldSpec {
    FieldSpec { name, widget, required }
}

pub const EVENT_KINDS: &[&str] = &["network-meeting", "conference", "workshop", "webinar", "study-visit"];
pub const AUDIENCES: &[&str] = &[
    "school-organisers",
    "education-providers",
    "guidance-counsellors",
    "wbl-coordinators",
    "head-teachers",
    "teachers",
    "social-partners",
    "companies",
    "learners",
];
const BALANCE: &[&str] = &["shortage", "balance", "surplus"];

/// An event's fields. The summary, outcomes and minutes are for after the
/// meeting; the same form takes them when the organiser edits it.
pub const EVENT_FIELDS: &[FieldSpec] = &[
    field("title", Widget::LangText, true),
    field("event_kind", Widget::Keyword(EVENT_KINDS), true),
    field("start", Widget::DateTime, true),
    field("end", Widget::DateTime, true),
    field("tz", Widget::Named(TIME_ZONES), true),
    field("city", Widget::Text, false),
    field("country", Widget::Code(CodeList::Country), false),
    field("online", Widget::Url, false),
    field("langs", Widget::Codes(CodeList::Language), false),
    field("network", Widget::Text, false),
    field("audience", Widget::Keywords(AUDIENCES), false),
    field("topics", Widget::Lines, false),
    field("agenda", Widget::LangTextarea, false),
    field("deadline", Widget::Date, false),
    field("capacity", Widget::Number, false),
    field("summary", Widget::LangTextarea, false),
    field("outcomes", Widget::Lines, false),
    field("minutes", Widget::Lines, false),
];

pub const SKILLS_NEED_FIELDS: &[FieldSpec] = &[
    field("title", Widget::LangText, true),
    field("region", Widget::Text, true),
    field("occupation", Widget::Url, false),
    field("isco", Widget::Text, false),
    field("isced", Widget::Code(CodeList::Isced), false),
    field("skills", Widget::UriLines, false),
    field("people", Widget::Number, false),
    field("level", Widget::Keyword(BALANCE), false),
    field("horizon", Widget::Number, true),
    field("source", Widget::Text, true),
    field("link", Widget::Url, false),
    field("valid_until", Widget::Date, false),
];

pub struct Events;
pub struct SkillsNeeds;

impl Own for Events {
    const KIND: OwnKind = OwnKind {
        section: "events",
        base: "/events",
        api: "/v1/events",
        fields: EVENT_FIELDS,
        public: Some("/meetings"),
    };
    type Body = Event;
}

impl Own for SkillsNeeds {
    const KIND: OwnKind = OwnKind {
        section: "skills-needs",
        base: "/skills-needs",
        api: "/v1/skills-needs",
        fields: SKILLS_NEED_FIELDS,
        public: Some("/skills-needs/match"),
    };
    type Body = SkillsNeed;
}

/// `2027-05-12T09:00` as the reader's date and the time.
fn local_time(t: &Tr, at: &str) -> (String, String) {
    match at.split_once('T') {
        Some((day, time)) => (t.date(day), time.to_owned()),
        None => (t.date(at), String::new()),
    }
}

/// When a meeting is, in its own time zone: one day, or from one to another.
pub fn when(t: &Tr, event: &Event) -> String {
    let (start_day, start_time) = local_time(t, &event.start);
    let (end_day, end_time) = local_time(t, &event.end);
    let span = if start_day == end_day {
        format!("{start_day}, {start_time}–{end_time}")
    } else {
        format!("{start_day} {start_time} – {end_day} {end_time}")
    };
    format!("{span} ({})", event.tz)
}

/// Where a meeting is: the city and country, online, or both.
pub fn place(t: &Tr, event: &Event) -> String {
    let site = match (&event.city, &event.country) {
        (Some(city), Some(country)) => {
            Some(format!("{city}, {}", crate::dashboard::codes::label(CodeList::Country, country, t)))
        }
        (None, Some(country)) => Some(crate::dashboard::codes::label(CodeList::Country, country, t)),
        (Some(city), None) => Some(city.clone()),
        (None, None) => None,
    };
    match (site, &event.online) {
        (Some(site), Some(_)) => t.msg1("event-place-and-online", "place", site),
        (Some(site), None) => site,
        (None, _) => t.msg("event-online-only"),
    }
}

/// Seats: how many registered, of how many.
pub fn seats(t: &Tr, event: &Event) -> Option<String> {
    match (event.registered, event.capacity) {
        (Some(n), Some(of)) => {
            Some(t.msg2("event-registered-of", ("n", t.number(n.into())), ("of", t.number(of.into()))))
        }
        (Some(n), None) => Some(t.msg1("event-registered", "n", t.number(n.into()))),
        (None, Some(of)) => Some(t.msg1("event-capacity", "n", t.number(of.into()))),
        (None, None) => None,
    }
}

impl Shown for Event {
    fn title(&self) -> &LangText {
        &self.title
    }

    fn description(&self) -> &LangText {
        &self.agenda
    }

    fn facts(&self, t: &Tr) -> Facts {
        let audience: Vec<String> = self.audience.iter().map(|a| t.msg(&format!("enum-{}", a.as_str()))).collect();
        vec![
            ("field-event-kind", Some(t.msg(&format!("enum-{}", self.kind.as_str())))),
            ("event-when", Some(when(t, self))),
            ("event-where", Some(place(t, self))),
            ("field-langs", codes(t, CodeList::Language, &self.langs)),
            ("field-audience", (!audience.is_empty()).then(|| audience.join(", "))),
            ("events-field-deadline", self.deadline.as_deref().map(|d| t.date(d))),
            ("event-seats", seats(t, self)),
        ]
    }
}

/// A region's code with its name from the bundled NUTS list.
pub fn region_name(code: &str) -> String {
    match vetnet_protocol::nuts::region(code) {
        Some(region) if !region.name.is_empty() => format!("{code} {}", region.name),
        _ => code.to_owned(),
    }
}

/// How much is needed: a number of people, or the balance.
pub fn demand(t: &Tr, need: &SkillsNeed) -> Option<String> {
    match (need.people, need.level) {
        (Some(n), _) => Some(t.msg1("skills-people", "n", t.number(n.into()))),
        (None, Some(level)) => Some(t.msg(&format!("enum-{}", level.as_str()))),
        (None, None) => None,
    }
}

impl Shown for SkillsNeed {
    fn title(&self) -> &LangText {
        &self.title
    }

    fn description(&self) -> &LangText {
        // A skills need has no description of its own.
        static NONE: LangText = LangText(std::collections::BTreeMap::new());
        &NONE
    }

    fn facts(&self, t: &Tr) -> Facts {
        vec![
            ("field-region", Some(region_name(&self.region))),
            ("field-isco", self.isco.clone()),
            ("field-isced", self.isced.as_deref().and_then(|c| code(t, CodeList::Isced, c))),
            ("skills-demand", demand(t, self)),
            ("field-horizon", Some(t.msg1("skills-years", "n", self.horizon))),
            ("field-source", Some(self.source.clone())),
            ("field-valid-until", self.valid_until.as_deref().map(|d| t.date(d))),
        ]
    }
}
