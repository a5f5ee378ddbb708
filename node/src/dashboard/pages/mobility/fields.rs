//! The fields of the mobility forms: named by the API's field paths
//! (`mentor.name`, `units[0].title`), so a refusal the API names lands
//! beside its field, with the reader's values kept.

use vetnet_views::ErrorBody;

use crate::dashboard::form::{Choice, FormData};
use crate::dashboard::i18n::Tr;

/// One input of a mobility form.
#[derive(Clone, Debug)]
pub struct Input {
    /// The form name, also the API field path it fills.
    pub name: String,
    /// `name` made fit for an element id.
    pub id: String,
    /// `text`, `email`, `date`, `number`, `textarea`, `select`, `checkbox`, `file`.
    pub kind: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub required: bool,
    pub choices: Vec<Choice>,
    pub error: Option<String>,
    /// The ids of the hint and error, for `aria-describedby`.
    pub described: String,
}

/// A group of inputs (one unit of an agreement, say), with its legend.
#[derive(Clone, Debug)]
pub struct Group {
    pub legend: Option<String>,
    pub inputs: Vec<Input>,
}

/// The API's refusal: the form field it names (its path, or the nearest
/// field above it: `units[0].outcomes[2]` → `units[0].outcomes`), or a
/// message for the whole form.
#[derive(Clone, Debug, Default)]
pub struct Refusal {
    pub field: Option<(String, String)>,
    pub general: Option<String>,
}

impl Refusal {
    pub fn from_api(names: &[String], body: &ErrorBody) -> Self {
        let error = &body.error;
        let (Some(field), Some(rule)) = (&error.field, &error.rule) else {
            return Self { field: None, general: Some(error.message.clone()) };
        };
        let mut path = field.strip_prefix("body.").unwrap_or(field).to_owned();
        loop {
            if names.contains(&path) {
                return Self { field: Some((path, rule.clone())), general: None };
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path.truncate(cut),
                None => return Self { field: None, general: Some(error.message.clone()) },
            }
        }
    }
}

/// Builds inputs with values from a form and the error of a refusal.
pub struct Inputs<'a> {
    pub t: &'a Tr,
    pub values: &'a FormData,
    pub refusal: &'a Refusal,
}

impl Inputs<'_> {
    /// An input labelled by the message `field-<label>` (hint `hint-<label>` if any).
    pub fn input(&self, name: &str, kind: &'static str, label: &str, required: bool) -> Input {
        let id = format!("m-{}", name.replace(['.', '[', ']'], "-").replace("--", "-").trim_end_matches('-'));
        let hint_id = format!("mhint-{label}");
        let hint = self.t.msg(&hint_id);
        let hint = if hint == hint_id { String::new() } else { hint };
        let error = self.refusal.field.as_ref().filter(|(n, _)| n == name).map(|(_, rule)| rule.clone());
        let mut described = Vec::new();
        if !hint.is_empty() {
            described.push(format!("{id}-hint"));
        }
        if error.is_some() {
            described.push(format!("{id}-error"));
        }
        Input {
            name: name.to_owned(),
            label: self.t.msg(&format!("mfield-{label}")),
            hint,
            value: self.values.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default(),
            required,
            choices: Vec::new(),
            error,
            described: described.join(" "),
            kind,
            id,
        }
    }

    /// A `<select>` of words, each labelled by `<prefix>-<word>`.
    pub fn select(&self, name: &str, label: &str, required: bool, words: &[String], prefix: &str) -> Input {
        let mut input = self.input(name, "select", label, required);
        input.choices = words
            .iter()
            .map(|w| Choice {
                value: w.clone(),
                label: self.t.msg(&format!("{prefix}-{w}")),
                selected: input.value == *w,
            })
            .collect();
        input
    }

    /// A `<select>` of given value/label pairs.
    pub fn choose(&self, name: &str, label: &str, required: bool, options: Vec<(String, String)>) -> Input {
        let mut input = self.input(name, "select", label, required);
        input.choices =
            options.into_iter().map(|(value, label)| Choice { selected: input.value == value, value, label }).collect();
        input
    }
}

/// Every input name of some groups (to place an API refusal).
pub fn names(groups: &[Group]) -> Vec<String> {
    groups.iter().flat_map(|g| g.inputs.iter().map(|i| i.name.clone())).collect()
}

/// A form value's lines, blank ones dropped.
pub fn lines(form: &FormData, name: &str) -> Vec<String> {
    form.value(name).unwrap_or("").lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// A form value as a string, if given.
pub fn opt(form: &FormData, name: &str) -> Option<String> {
    form.value(name).map(str::to_owned)
}

/// A form value as the API's JSON: a number when it is one, else the text
/// (so the API names the field and says what it wants).
pub fn number(form: &FormData, name: &str) -> Option<serde_json::Value> {
    form.value(name).map(|v| v.parse::<u64>().map(serde_json::Value::from).unwrap_or_else(|_| v.into()))
}
