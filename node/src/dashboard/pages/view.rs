//! Record views (the admin API's typed views of `vetnet-views`, as the CLI
//! reads them) turned into what a page shows: titles in the reader's
//! language, codes with their labels, dates in the reader's locale, and each
//! author's trust with its path.

use vetnet_views::{
    Achievement, LangText, LanguageRequirement, Need, Offer, Profile, RecordView, TrustLevel, TrustView,
};

use crate::dashboard::codes::{CodeList, label};
use crate::dashboard::i18n::Tr;

/// An institution's trust level as shown beside a result.
#[derive(Clone, Debug, Default)]
pub struct TrustBadge {
    /// The level's keyword (`anchor`, `unverified`, …), for styling.
    pub level: String,
    pub label: String,
    /// Why the level is what it is, when there is no path to show.
    pub why: String,
    /// The endorsements from an anchor to the institution, as sentences.
    pub path: Vec<String>,
}

pub fn trust(t: &Tr, view: &TrustView) -> TrustBadge {
    let path = view
        .path
        .iter()
        .flatten()
        .map(|step| {
            let endorser = step.endorser_name.as_deref().unwrap_or(&step.endorser);
            let subject = step.subject_name.as_deref().unwrap_or(&step.subject);
            let role = t.msg(&format!("role-{}", step.role));
            t.msg2("trust-step", ("endorser", endorser.to_owned()), ("subject", format!("{subject} ({role})")))
        })
        .collect();
    badge(t, view.level, path)
}

fn badge(t: &Tr, level: TrustLevel, path: Vec<String>) -> TrustBadge {
    let level = level.as_str();
    TrustBadge {
        label: t.msg(&format!("trust-{level}")),
        why: t.msg(&format!("trust-why-{level}")),
        level: level.to_owned(),
        path,
    }
}

/// The badge of a level not known (no profile yet).
pub fn unknown_trust(t: &Tr) -> TrustBadge {
    badge(t, TrustLevel::Unknown, Vec::new())
}

/// One record in a list or a search result.
#[derive(Clone, Debug, Default)]
pub struct RecordRow {
    pub id: String,
    pub title: String,
    /// Label and value pairs.
    pub facts: Vec<(String, String)>,
    pub author: String,
    pub author_name: String,
    pub trust: TrustBadge,
    pub withdrawn: bool,
    /// This node's page for it, if it is our own.
    pub link: Option<String>,
}

/// The text of a language-tagged field in the reader's language, or English,
/// or any.
pub fn text(t: &Tr, texts: &LangText) -> String {
    texts.best(&[t.lang()]).unwrap_or_default().to_owned()
}

pub(super) fn code(t: &Tr, list: CodeList, value: &str) -> Option<String> {
    Some(label(list, value, t))
}

pub(super) fn codes(t: &Tr, list: CodeList, values: &[String]) -> Option<String> {
    (!values.is_empty()).then(|| values.iter().map(|c| label(list, c, t)).collect::<Vec<_>>().join(", "))
}

fn languages(t: &Tr, rows: &[LanguageRequirement]) -> Option<String> {
    let rows: Vec<String> = rows
        .iter()
        .map(|row| match &row.cefr {
            Some(level) => format!("{} {level}", label(CodeList::Language, &row.lang, t)),
            None => label(CodeList::Language, &row.lang, t),
        })
        .collect();
    (!rows.is_empty()).then(|| rows.join(", "))
}

fn range(t: &Tr, low: u32, high: u32, message: &str) -> Option<String> {
    let span = if low == high {
        t.number(low.into())
    } else {
        format!("{}–{}", t.number(low.into()), t.number(high.into()))
    };
    Some(t.msg1(message, "n", span))
}

fn eqf(t: &Tr, low: u8, high: u8) -> Option<String> {
    Some(if low == high {
        t.msg1("eqf-level", "level", low)
    } else {
        t.msg1("eqf-level", "level", format!("{low}–{high}"))
    })
}

/// The wanted facts of a body: message id and value, if it has one.
pub(super) type Facts = Vec<(&'static str, Option<String>)>;

/// A record body a list shows: its title and the facts worth a line.
pub trait Shown {
    fn title(&self) -> &LangText;
    fn description(&self) -> &LangText;
    fn facts(&self, t: &Tr) -> Facts;
    /// The learning outcomes, for the kinds that have them.
    fn outcomes(&self) -> &[String] {
        &[]
    }
}

impl Shown for Offer {
    fn title(&self) -> &LangText {
        &self.title
    }

    fn description(&self) -> &LangText {
        &self.description
    }

    fn outcomes(&self) -> &[String] {
        &self.outcomes
    }

    fn facts(&self, t: &Tr) -> Facts {
        let place = label(CodeList::Country, &self.country, t);
        vec![
            ("field-isced", code(t, CodeList::Isced, &self.isced)),
            ("field-country", Some(self.city.as_ref().map(|city| format!("{city}, {place}")).unwrap_or(place))),
            ("fact-eqf", eqf(t, self.eqf_min, self.eqf_max)),
            ("field-start", Some(t.date(&self.start))),
            ("fact-weeks", range(t, self.weeks_min, self.weeks_max, "weeks")),
            ("field-places", Some(t.number(self.places.into()))),
            ("field-languages", languages(t, &self.languages)),
            ("field-deadline", self.deadline.as_deref().map(|d| t.date(d))),
        ]
    }
}

impl Shown for Need {
    fn title(&self) -> &LangText {
        &self.title
    }

    fn description(&self) -> &LangText {
        &self.description
    }

    fn facts(&self, t: &Tr) -> Facts {
        vec![
            ("field-isced", code(t, CodeList::Isced, &self.isced)),
            ("fact-eqf", eqf(t, self.eqf, self.eqf)),
            ("field-learners", Some(t.number(self.learners.into()))),
            ("field-start", Some(t.date(&self.start))),
            ("fact-weeks", range(t, self.weeks_min, self.weeks_max, "weeks")),
            ("field-countries", codes(t, CodeList::Country, &self.countries).or_else(|| Some(t.msg("any-country")))),
            ("field-languages", languages(t, &self.languages)),
            ("field-age", Some(t.msg(&format!("enum-{}", self.age)))),
        ]
    }
}

impl Shown for Profile {
    fn title(&self) -> &LangText {
        &self.name
    }

    fn description(&self) -> &LangText {
        &self.description
    }

    fn facts(&self, t: &Tr) -> Facts {
        vec![
            ("field-country", code(t, CodeList::Country, &self.country)),
            ("field-institution", Some(t.msg(&format!("enum-{}", self.institution)))),
            ("field-city", self.city.clone()),
            ("field-isced", codes(t, CodeList::Isced, &self.isced)),
            ("field-languages", codes(t, CodeList::Language, &self.languages)),
        ]
    }
}

impl Shown for Achievement {
    fn title(&self) -> &LangText {
        &self.title
    }

    fn description(&self) -> &LangText {
        &self.description
    }

    fn outcomes(&self) -> &[String] {
        &self.outcomes
    }

    fn facts(&self, t: &Tr) -> Facts {
        vec![
            ("field-isced", self.isced.as_deref().and_then(|c| code(t, CodeList::Isced, c))),
            ("fact-eqf", self.eqf.and_then(|l| eqf(t, l, l))),
            ("field-country", code(t, CodeList::Country, &self.country)),
            ("field-participation", Some(t.msg(&format!("enum-{}", self.participation)))),
            ("field-hours", self.hours.map(|n| t.number(n.into()))),
        ]
    }
}

/// A record view as a row. `own_base` (`/offers`) links our own records.
pub fn record_row<B: Shown>(t: &Tr, v: &RecordView<B>, own_base: Option<&str>) -> RecordRow {
    let title = v.body.as_ref().map(|b| text(t, b.title())).unwrap_or_default();
    let facts = v.body.as_ref().map(|b| b.facts(t)).unwrap_or_default();
    RecordRow {
        link: own_base.map(|base| format!("{base}/{}", percent(&v.id))),
        title: if title.is_empty() { v.id.clone() } else { title },
        facts: facts.into_iter().filter_map(|(label, value)| Some((t.msg(label), value?))).collect(),
        author: v.author.clone(),
        author_name: v.author_name.clone().unwrap_or_else(|| "?".to_owned()),
        trust: trust(t, &v.trust),
        withdrawn: v.withdrawn,
        id: v.id.clone(),
    }
}

pub fn record_rows<B: Shown>(t: &Tr, list: &[RecordView<B>], own_base: Option<&str>) -> Vec<RecordRow> {
    list.iter().map(|v| record_row(t, v, own_base)).collect()
}

/// A path segment or query value, percent-encoded.
pub fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
