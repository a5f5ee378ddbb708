//! What each step's form asks, its starting values, and the JSON body the
//! API's step call takes, built from the posted fields (named by the API's
//! paths, so its refusals land beside them).

use serde_json::{Map, Value, json};
use vetnet_views::{AchievementView, StepContent, StepKind, ThreadDetail};

use super::agreement::agreements;
use super::fields::{Group, Inputs, lines, number, opt};
use crate::dashboard::form::FormData;
use crate::dashboard::pages::view::text;

const REASONS: &[&str] = &["no-capacity", "dates", "profile", "language", "minors", "documents", "other"];
const RESULTS: &[&str] = &["achieved", "partly-achieved", "not-achieved"];
const DECISIONS: &[&str] = &["recognised", "partly-recognised", "not-recognised"];
const CUSTODY: &[&str] = &["school", "learner"];
const INSURANCE: &[&str] = &["host", "sending-school", "learner", "shared"];
/// How many empty unit rows the agreement form offers beyond those filled.
const SPARE_UNITS: usize = 1;

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| (*w).to_owned()).collect()
}

fn group(legend: Option<String>, inputs: Vec<super::fields::Input>) -> Group {
    Group { legend, inputs }
}

/// The values a step's form starts with: the current agreement for an
/// amendment, the agreement's dates and units for a completion, the
/// nomination's dates for a first agreement.
pub fn defaults(kind: StepKind, detail: &ThreadDetail, achievements: &[AchievementView]) -> FormData {
    let mut form = FormData::default();
    let last = agreements(detail).last().copied().cloned();
    match kind {
        StepKind::Nomination => form.push("key_custody", "school"),
        StepKind::Agreement => match &last {
            Some(a) => {
                form.push("start", a.start.clone());
                form.push("end", a.end.clone());
                if let Some(h) = a.hours_per_week {
                    form.push("hours_per_week", h.to_string());
                }
                for (i, unit) in a.units.iter().enumerate() {
                    form.push(&format!("units[{i}].title"), unit.title.clone());
                    form.push(&format!("units[{i}].outcomes"), unit.outcomes.join("\n"));
                    if let Some(h) = unit.hours {
                        form.push(&format!("units[{i}].hours"), h.to_string());
                    }
                }
                form.push("tasks", a.tasks.join("\n"));
                form.push("mentor.name", a.mentor.name.clone());
                form.push("mentor.email", a.mentor.email.clone().unwrap_or_default());
                form.push("assessment", a.assessment.clone());
                form.push("recognition", a.recognition.clone());
                form.push("insurance", a.insurance.map(|i| i.to_string()).unwrap_or_default());
                form.push("note", a.note.clone().unwrap_or_default());
            }
            None => {
                for step in &detail.steps {
                    if let StepContent::Nomination(Some(n)) = &step.content {
                        form.push("start", n.start.clone());
                        form.push("end", n.end.clone());
                    }
                }
            }
        },
        StepKind::Completion => {
            if let Some(a) = &last {
                form.push("start", a.start.clone());
                form.push("end", a.end.clone());
                for i in 0..a.units.len() {
                    form.push(&format!("units[{i}].result"), "achieved");
                }
            }
            if let [only] = achievements {
                form.push("credential.achievement", only.id.clone());
            }
        }
        StepKind::Recognition => {
            form.push("decision", "recognised");
            if let Some(a) = &last {
                for i in 0..a.units.len() {
                    form.push(&format!("units[{i}]"), "on");
                }
            }
        }
        _ => {}
    }
    form
}

/// The groups of inputs of a step's form.
pub fn groups_of(
    kind: StepKind,
    f: &Inputs<'_>,
    detail: &ThreadDetail,
    achievements: &[AchievementView],
) -> Vec<Group> {
    let t = f.t;
    match kind {
        StepKind::Nomination => vec![
            group(
                Some(t.msg("legend-learner")),
                vec![
                    f.input("learner.given_name", "text", "given-name", true),
                    f.input("learner.family_name", "text", "family-name", true),
                    f.input("learner.birth_date", "date", "birth-date", true),
                    f.input("learner.email", "email", "email", false),
                    f.input("learner.languages", "text", "languages", false),
                    f.input("learner.qualification", "text", "qualification", false),
                    f.input("learner.eqf", "number", "eqf", false),
                ],
            ),
            group(
                Some(t.msg("legend-key")),
                vec![
                    f.select("key_custody", "key-custody", true, &words(CUSTODY), "custody"),
                    f.input("learner_key", "text", "learner-key", false),
                ],
            ),
            group(
                Some(t.msg("legend-placement")),
                vec![
                    f.input("start", "date", "start", true),
                    f.input("end", "date", "end", true),
                    f.input("message", "textarea", "message", false),
                ],
            ),
        ],
        StepKind::Acceptance => vec![group(None, vec![f.input("message", "textarea", "message", false)])],
        StepKind::Refusal => vec![group(
            None,
            vec![
                f.select("reason", "reason", true, &words(REASONS), "reason"),
                f.input("message", "textarea", "message", false),
            ],
        )],
        StepKind::Cancellation => vec![group(None, vec![f.input("reason", "textarea", "cancel-reason", true)])],
        StepKind::Agreement => agreement_groups(f),
        StepKind::Completion => completion_groups(f, detail, achievements),
        StepKind::Recognition => recognition_groups(f, detail),
        _ => Vec::new(),
    }
}

fn agreement_groups(f: &Inputs<'_>) -> Vec<Group> {
    let t = f.t;
    let filled = (0..).take_while(|i| f.values.0.iter().any(|(n, _)| n.starts_with(&format!("units[{i}].")))).count();
    let mut groups = vec![group(
        Some(t.msg("legend-placement")),
        vec![
            f.input("start", "date", "start", true),
            f.input("end", "date", "end", true),
            f.input("hours_per_week", "number", "hours-per-week", false),
        ],
    )];
    for i in 0..filled.max(1) + SPARE_UNITS {
        groups.push(group(
            Some(t.msg1("legend-unit", "n", i + 1)),
            vec![
                f.input(&format!("units[{i}].title"), "text", "unit-title", i == 0),
                f.input(&format!("units[{i}].outcomes"), "textarea", "unit-outcomes", i == 0),
                f.input(&format!("units[{i}].hours"), "number", "unit-hours", false),
            ],
        ));
    }
    groups.push(group(
        Some(t.msg("legend-work")),
        vec![
            f.input("tasks", "textarea", "tasks", true),
            f.input("mentor.name", "text", "mentor-name", true),
            f.input("mentor.email", "email", "mentor-email", false),
            f.input("assessment", "textarea", "assessment", true),
            f.input("recognition", "textarea", "recognition", true),
            f.select("insurance", "insurance", false, &words(INSURANCE), "enum"),
            f.input("note", "textarea", "note", false),
        ],
    ));
    groups
}

fn completion_groups(f: &Inputs<'_>, detail: &ThreadDetail, achievements: &[AchievementView]) -> Vec<Group> {
    let t = f.t;
    let mut groups = vec![group(
        Some(t.msg("legend-placement")),
        vec![
            f.input("start", "date", "start", true),
            f.input("end", "date", "end", true),
            f.input("hours", "number", "hours", false),
            f.input("assessment", "textarea", "completion-assessment", true),
        ],
    )];
    if let Some(agreement) = agreements(detail).last() {
        for (i, unit) in agreement.units.iter().enumerate() {
            groups.push(group(
                Some(t.msg2("legend-unit-assessed", ("n", (i + 1).to_string()), ("title", unit.title.clone()))),
                vec![
                    f.select(&format!("units[{i}].result"), "unit-result", true, &words(RESULTS), "result"),
                    f.input(&format!("units[{i}].note"), "text", "unit-note", false),
                ],
            ));
        }
    }
    let options = achievements
        .iter()
        .filter_map(|a| a.body.as_ref().map(|b| (a.id.clone(), format!("{} ({})", text(t, &b.title), a.id))))
        .collect();
    groups.push(group(
        Some(t.msg("legend-credential")),
        vec![
            f.choose("credential.achievement", "achievement", false, options),
            f.input("credential.grade", "text", "grade", false),
        ],
    ));
    groups
}

fn recognition_groups(f: &Inputs<'_>, detail: &ThreadDetail) -> Vec<Group> {
    let t = f.t;
    let mut units = Vec::new();
    if let Some(agreement) = agreements(detail).last() {
        for (i, unit) in agreement.units.iter().enumerate() {
            let mut input = f.input(&format!("units[{i}]"), "checkbox", "unit-recognised", false);
            input.label = t.msg2("unit-recognised", ("n", (i + 1).to_string()), ("title", unit.title.clone()));
            units.push(input);
        }
    }
    vec![
        group(
            None,
            vec![
                f.select("decision", "decision", true, &words(DECISIONS), "decision"),
                f.input("note", "textarea", "recognition-note", false),
            ],
        ),
        group(Some(t.msg("legend-units-recognised")), units),
    ]
}

/// A string field: blank when absent, so the API names it when it is required.
fn required(form: &FormData, name: &str) -> Value {
    Value::from(form.value(name).unwrap_or(""))
}

fn insert_opt(object: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        object.insert(key.to_owned(), value);
    }
}

/// The JSON body of the API's step call.
pub fn body_of(kind: StepKind, form: &FormData, detail: &ThreadDetail) -> Value {
    match kind {
        StepKind::Nomination => nomination_body(form),
        StepKind::Acceptance => message_body(form),
        StepKind::Refusal => {
            let mut body = message_body(form);
            if let Value::Object(o) = &mut body {
                o.insert("reason".into(), required(form, "reason"));
            }
            body
        }
        StepKind::Cancellation => json!({ "reason": required(form, "reason") }),
        StepKind::Signature => json!({ "as": "institution" }),
        StepKind::Agreement => agreement_body(form),
        StepKind::Completion => completion_body(form, detail),
        StepKind::Recognition => recognition_body(form, detail),
        _ => json!({}),
    }
}

fn message_body(form: &FormData) -> Value {
    let mut body = Map::new();
    insert_opt(&mut body, "message", opt(form, "message").map(Value::from));
    Value::Object(body)
}

fn nomination_body(form: &FormData) -> Value {
    let mut learner = Map::new();
    for name in ["given_name", "family_name", "birth_date"] {
        learner.insert(name.into(), required(form, &format!("learner.{name}")));
    }
    insert_opt(&mut learner, "email", opt(form, "learner.email").map(Value::from));
    let languages: Vec<Value> = form
        .value("learner.languages")
        .unwrap_or("")
        .split([',', ' '])
        .filter(|l| !l.is_empty())
        .map(Value::from)
        .collect();
    if !languages.is_empty() {
        learner.insert("languages".into(), Value::Array(languages));
    }
    insert_opt(&mut learner, "qualification", opt(form, "learner.qualification").map(Value::from));
    insert_opt(&mut learner, "eqf", number(form, "learner.eqf"));
    let mut body = Map::new();
    body.insert("learner".into(), Value::Object(learner));
    insert_opt(&mut body, "key_custody", opt(form, "key_custody").map(Value::from));
    insert_opt(&mut body, "learner_key", opt(form, "learner_key").map(Value::from));
    body.insert("start".into(), required(form, "start"));
    body.insert("end".into(), required(form, "end"));
    insert_opt(&mut body, "message", opt(form, "message").map(Value::from));
    Value::Object(body)
}

fn agreement_body(form: &FormData) -> Value {
    let mut units = Vec::new();
    for i in 0.. {
        let prefix = format!("units[{i}]");
        if !form.0.iter().any(|(n, _)| n.starts_with(&format!("{prefix}."))) {
            break;
        }
        let title = form.value(&format!("{prefix}.title"));
        let outcomes = lines(form, &format!("{prefix}.outcomes"));
        if title.is_none() && outcomes.is_empty() && i > 0 {
            continue;
        }
        let mut unit = Map::new();
        unit.insert("title".into(), Value::from(title.unwrap_or("")));
        unit.insert("outcomes".into(), outcomes.into());
        insert_opt(&mut unit, "hours", number(form, &format!("{prefix}.hours")));
        units.push(Value::Object(unit));
    }
    let mut mentor = Map::new();
    mentor.insert("name".into(), required(form, "mentor.name"));
    insert_opt(&mut mentor, "email", opt(form, "mentor.email").map(Value::from));
    let mut body = Map::new();
    body.insert("start".into(), required(form, "start"));
    body.insert("end".into(), required(form, "end"));
    insert_opt(&mut body, "hours_per_week", number(form, "hours_per_week"));
    body.insert("units".into(), Value::Array(units));
    body.insert("tasks".into(), lines(form, "tasks").into());
    body.insert("mentor".into(), Value::Object(mentor));
    body.insert("assessment".into(), required(form, "assessment"));
    body.insert("recognition".into(), required(form, "recognition"));
    insert_opt(&mut body, "insurance", opt(form, "insurance").map(Value::from));
    insert_opt(&mut body, "note", opt(form, "note").map(Value::from));
    Value::Object(body)
}

fn unit_count(detail: &ThreadDetail) -> usize {
    agreements(detail).last().map_or(0, |a| a.units.len())
}

fn completion_body(form: &FormData, detail: &ThreadDetail) -> Value {
    let units: Vec<Value> = (0..unit_count(detail))
        .map(|i| {
            let mut unit = Map::new();
            unit.insert("unit".into(), Value::from(i));
            unit.insert("result".into(), required(form, &format!("units[{i}].result")));
            insert_opt(&mut unit, "note", opt(form, &format!("units[{i}].note")).map(Value::from));
            Value::Object(unit)
        })
        .collect();
    let mut body = Map::new();
    body.insert("start".into(), required(form, "start"));
    body.insert("end".into(), required(form, "end"));
    body.insert("units".into(), Value::Array(units));
    body.insert("assessment".into(), required(form, "assessment"));
    insert_opt(&mut body, "hours", number(form, "hours"));
    if let Some(achievement) = opt(form, "credential.achievement") {
        let mut credential = Map::new();
        credential.insert("achievement".into(), Value::from(achievement));
        insert_opt(&mut credential, "grade", opt(form, "credential.grade").map(Value::from));
        body.insert("credential".into(), Value::Object(credential));
    }
    Value::Object(body)
}

fn recognition_body(form: &FormData, detail: &ThreadDetail) -> Value {
    let units: Vec<Value> =
        (0..unit_count(detail)).filter(|i| form.value(&format!("units[{i}]")).is_some()).map(Value::from).collect();
    let mut body = Map::new();
    body.insert("decision".into(), required(form, "decision"));
    if !units.is_empty() {
        body.insert("units".into(), Value::Array(units));
    }
    insert_opt(&mut body, "credential", detail.facts.credential.as_ref().map(|c| Value::from(c.id.clone())));
    insert_opt(&mut body, "note", opt(form, "note").map(Value::from));
    Value::Object(body)
}
