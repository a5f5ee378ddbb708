//! Record views (the admin API's JSON, as the CLI reads it) turned into what
//! a page shows: titles in the reader's language, codes with their labels,
//! dates in the reader's locale, and each author's trust with its path.
//! This is the one place that reads view JSON: switching to typed views
//! changes these functions only.

use serde_json::Value;

use crate::dashboard::codes::{CodeList, label};
use crate::dashboard::i18n::Tr;

/// An institution's trust level as shown beside a result.
#[derive(Clone, Debug, Default)]
pub struct TrustView {
    /// The level's keyword (`anchor`, `unverified`, …), for styling.
    pub level: String,
    pub label: String,
    /// Why the level is what it is, when there is no path to show.
    pub why: String,
    /// The endorsements from an anchor to the institution, as sentences.
    pub path: Vec<String>,
}

pub fn trust(t: &Tr, view: &Value) -> TrustView {
    let level = view["level"].as_str().unwrap_or("unknown").to_owned();
    let path = view["path"]
        .as_array()
        .map(|steps| {
            steps
                .iter()
                .map(|step| {
                    let endorser = step["endorser_name"].as_str().or(step["endorser"].as_str()).unwrap_or("?");
                    let subject = step["subject_name"].as_str().or(step["subject"].as_str()).unwrap_or("?");
                    let role = t.msg(&format!("role-{}", step["role"].as_str().unwrap_or("member")));
                    t.msg2("trust-step", ("endorser", endorser.to_owned()), ("subject", format!("{subject} ({role})")))
                })
                .collect()
        })
        .unwrap_or_default();
    TrustView { label: t.msg(&format!("trust-{level}")), why: t.msg(&format!("trust-why-{level}")), level, path }
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
    pub trust: TrustView,
    pub withdrawn: bool,
    /// This node's page for it, if it is our own.
    pub link: Option<String>,
}

/// The text of a language-tagged field in the reader's language, or English,
/// or any.
pub fn text(t: &Tr, value: &Value) -> String {
    let Some(texts) = value.as_object() else { return value.as_str().unwrap_or_default().to_owned() };
    [t.lang(), "en"]
        .iter()
        .find_map(|lang| texts.get(*lang))
        .or_else(|| texts.values().next())
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn code(t: &Tr, list: CodeList, value: &Value) -> Option<String> {
    value.as_str().map(|c| label(list, c, t))
}

fn codes(t: &Tr, list: CodeList, value: &Value) -> Option<String> {
    let items: Vec<String> = value.as_array()?.iter().filter_map(|v| code(t, list, v)).collect();
    (!items.is_empty()).then(|| items.join(", "))
}

fn languages(t: &Tr, value: &Value) -> Option<String> {
    let rows: Vec<String> = value
        .as_array()?
        .iter()
        .map(|row| match (row.get("lang").unwrap_or(row).as_str(), row["cefr"].as_str()) {
            (Some(lang), Some(level)) => format!("{} {level}", label(CodeList::Language, lang, t)),
            (Some(lang), None) => label(CodeList::Language, lang, t),
            _ => String::new(),
        })
        .filter(|r| !r.is_empty())
        .collect();
    (!rows.is_empty()).then(|| rows.join(", "))
}

fn range(t: &Tr, low: &Value, high: &Value, message: &str) -> Option<String> {
    let (low, high) = (low.as_u64()?, high.as_u64().unwrap_or(low.as_u64()?));
    let span = if low == high { t.number(low) } else { format!("{}–{}", t.number(low), t.number(high)) };
    Some(t.msg1(message, "n", span))
}

fn eqf(t: &Tr, low: &Value, high: &Value) -> Option<String> {
    let (low, high) = (low.as_u64()?, high.as_u64().unwrap_or(low.as_u64()?));
    Some(if low == high {
        t.msg1("eqf-level", "level", low)
    } else {
        t.msg1("eqf-level", "level", format!("{low}–{high}"))
    })
}

/// The facts of a record view worth a line in a list, by kind.
fn facts(t: &Tr, v: &Value) -> Vec<(String, String)> {
    let date = |field: &str| v[field].as_str().map(|d| t.date(d));
    let wanted: Vec<(&str, Option<String>)> = match v["kind"].as_str().unwrap_or_default() {
        "offer" => vec![
            ("field-isced", code(t, CodeList::Isced, &v["isced"])),
            (
                "field-country",
                code(t, CodeList::Country, &v["country"]).map(|c| match v["city"].as_str() {
                    Some(city) => format!("{city}, {c}"),
                    None => c,
                }),
            ),
            ("fact-eqf", eqf(t, &v["eqf_min"], &v["eqf_max"])),
            ("field-start", date("start")),
            ("fact-weeks", range(t, &v["weeks_min"], &v["weeks_max"], "weeks")),
            ("field-places", v["places"].as_u64().map(|n| t.number(n))),
            ("field-languages", languages(t, &v["languages"])),
            ("field-deadline", date("deadline")),
        ],
        "need" => vec![
            ("field-isced", code(t, CodeList::Isced, &v["isced"])),
            ("fact-eqf", eqf(t, &v["eqf"], &v["eqf"])),
            ("field-learners", v["learners"].as_u64().map(|n| t.number(n))),
            ("field-start", date("start")),
            ("fact-weeks", range(t, &v["weeks_min"], &v["weeks_max"], "weeks")),
            ("field-countries", codes(t, CodeList::Country, &v["countries"]).or_else(|| Some(t.msg("any-country")))),
            ("field-languages", languages(t, &v["languages"])),
            ("field-age", v["age"].as_str().map(|a| t.msg(&format!("enum-{a}")))),
        ],
        "profile" => vec![
            ("field-country", code(t, CodeList::Country, &v["country"])),
            ("field-institution", v["institution"].as_str().map(|k| t.msg(&format!("enum-{k}")))),
            ("field-city", v["city"].as_str().map(str::to_owned)),
            ("field-isced", codes(t, CodeList::Isced, &v["isced"])),
            ("field-languages", languages(t, &v["languages"])),
        ],
        "achievement" => vec![
            ("field-isced", code(t, CodeList::Isced, &v["isced"])),
            ("fact-eqf", eqf(t, &v["eqf"], &v["eqf"])),
            ("field-country", code(t, CodeList::Country, &v["country"])),
            ("field-participation", v["participation"].as_str().map(|p| t.msg(&format!("enum-{p}")))),
            ("field-hours", v["hours"].as_u64().map(|n| t.number(n))),
        ],
        _ => Vec::new(),
    };
    wanted.into_iter().filter_map(|(label, value)| Some((t.msg(label), value?))).collect()
}

/// A record view as a row. `own_base` (`/offers`) links our own records.
pub fn record_row(t: &Tr, v: &Value, own_base: Option<&str>) -> RecordRow {
    let id = v["id"].as_str().unwrap_or_default().to_owned();
    let title = match v["kind"].as_str() {
        Some("profile") => text(t, &v["name"]),
        _ => text(t, &v["title"]),
    };
    RecordRow {
        link: own_base.map(|base| format!("{base}/{}", percent(&id))),
        title: if title.is_empty() { id.clone() } else { title },
        facts: facts(t, v),
        author: v["author"].as_str().unwrap_or_default().to_owned(),
        author_name: v["author_name"].as_str().unwrap_or("?").to_owned(),
        trust: trust(t, &v["trust"]),
        withdrawn: v["withdrawn"].as_bool().unwrap_or(false),
        id,
    }
}

pub fn record_rows(t: &Tr, list: &Value, own_base: Option<&str>) -> Vec<RecordRow> {
    list.as_array().map(|items| items.iter().map(|v| record_row(t, v, own_base)).collect()).unwrap_or_default()
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
