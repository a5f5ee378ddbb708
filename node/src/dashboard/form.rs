//! Record forms: the fields of each record kind (named as in
//! `docs/PROTOCOL.md`, dotted for nested ones: `conditions.minors`), a posted
//! form turned into the JSON the admin API takes, a record's JSON turned back
//! into form values, and the API's field errors placed beside their fields.

use serde_json::{Map, Value, json};
use vetnet_views::{ErrorBody, LanguageRequirement, SkillRef};

use super::codes::{CodeList, choices};
use super::i18n::Tr;

/// A posted `application/x-www-form-urlencoded` body, or a record's values,
/// as name/value pairs in order (a name may repeat).
#[derive(Clone, Debug, Default)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &[u8]) -> Result<Self, serde_urlencoded::de::Error> {
        serde_urlencoded::from_bytes(body).map(FormData)
    }

    /// The first value of `name`, trimmed; `None` when absent or blank.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    /// Every value of `name`, blank ones included (rows stay aligned).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.trim()).collect()
    }

    pub fn push(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_owned(), value.into()));
    }
}

/// How a field is entered and how its value is written in the record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Widget {
    Text,
    Email,
    Url,
    Date,
    /// A local date and time, `YYYY-MM-DDTHH:MM` (`datetime-local`).
    DateTime,
    /// One of a fixed list of names that need no translation (time zones),
    /// shown as they are.
    Named(&'static [&'static str]),
    /// One web address per line, optionally followed by a space and its
    /// label: each an object `{"uri": …, "label": …}` in the record (the
    /// ESCO skills of a skills need).
    UriLines,
    /// A whole number.
    Number,
    /// Long text.
    Textarea,
    /// Language-tagged text (`{"en": "…"}`), in the form's text language.
    LangText,
    LangTextarea,
    /// One code from a list, shown by its label.
    Code(CodeList),
    /// Several codes from a list (a JSON array).
    Codes(CodeList),
    /// One keyword of an enum (`enum-<keyword>` messages label them).
    Keyword(&'static [&'static str]),
    /// Several keywords, as checkboxes.
    Keywords(&'static [&'static str]),
    Checkbox,
    /// One item per line (a JSON array of strings).
    Lines,
    /// Languages with a CEFR level: rows of `languages.lang` and `languages.cefr`.
    LanguageLevels,
}

/// One field of a record form.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    /// The record field, dotted for a nested one.
    pub name: &'static str,
    pub widget: Widget,
    pub required: bool,
}

const fn field(name: &'static str, widget: Widget, required: bool) -> FieldSpec {
    FieldSpec { name, widget, required }
}

/// How many language rows a form offers.
const LANGUAGE_ROWS: usize = 3;

const PROVISION: &[&str] = &["provided", "assisted", "none"];
const INSURANCE: &[&str] = &["host", "sending-school", "learner", "shared"];
const AGE: &[&str] = &["under-18", "adults", "mixed"];
const SUPPORT: &[&str] = &["accessibility", "accompanying-teacher", "special-diet", "learning-support"];
const FUNDING: &[&str] = &["erasmus-ka1-vet", "nordplus", "national", "own", "other"];
const INSTITUTION: &[&str] = &["vet-provider", "company", "chamber", "public-agency", "network"];
const VET: &[&str] = &["ivet", "cvet"];

pub const OFFER_FIELDS: &[FieldSpec] = &[
    field("title", Widget::LangText, true),
    field("description", Widget::LangTextarea, false),
    field("isced", Widget::Code(CodeList::Isced), true),
    field("nace", Widget::Code(CodeList::Nace), false),
    field("country", Widget::Code(CodeList::Country), true),
    field("city", Widget::Text, false),
    field("eqf_min", Widget::Code(CodeList::Eqf), true),
    field("eqf_max", Widget::Code(CodeList::Eqf), true),
    field("places", Widget::Number, true),
    field("start", Widget::Date, true),
    field("end", Widget::Date, false),
    field("weeks_min", Widget::Number, true),
    field("weeks_max", Widget::Number, true),
    field("deadline", Widget::Date, false),
    field("languages", Widget::LanguageLevels, false),
    field("outcomes", Widget::Lines, false),
    field("conditions.accommodation", Widget::Keyword(PROVISION), false),
    field("conditions.meals", Widget::Keyword(PROVISION), false),
    field("conditions.insurance", Widget::Keyword(INSURANCE), false),
    field("conditions.minors", Widget::Checkbox, false),
    field("conditions.mentor", Widget::Checkbox, false),
    field("contact.email", Widget::Email, false),
];

pub const NEED_FIELDS: &[FieldSpec] = &[
    field("title", Widget::LangText, true),
    field("description", Widget::LangTextarea, false),
    field("learners", Widget::Number, true),
    field("isced", Widget::Code(CodeList::Isced), true),
    field("qualification", Widget::Text, false),
    field("eqf", Widget::Code(CodeList::Eqf), true),
    field("start", Widget::Date, true),
    field("end", Widget::Date, false),
    field("weeks_min", Widget::Number, true),
    field("weeks_max", Widget::Number, true),
    field("countries", Widget::Codes(CodeList::Country), false),
    field("nace", Widget::Codes(CodeList::Nace), false),
    field("languages", Widget::LanguageLevels, false),
    field("age", Widget::Keyword(AGE), true),
    field("support", Widget::Keywords(SUPPORT), false),
    field("support_note", Widget::Textarea, false),
    field("funding", Widget::Keyword(FUNDING), false),
    field("contact.email", Widget::Email, false),
];

pub const PROFILE_FIELDS: &[FieldSpec] = &[
    field("name", Widget::LangText, true),
    field("institution", Widget::Keyword(INSTITUTION), true),
    field("vet", Widget::Keywords(VET), false),
    field("country", Widget::Code(CodeList::Country), true),
    field("region", Widget::Text, false),
    field("nuts", Widget::Text, false),
    field("city", Widget::Text, false),
    field("isced", Widget::Codes(CodeList::Isced), false),
    field("nace", Widget::Codes(CodeList::Nace), false),
    field("languages", Widget::Codes(CodeList::Language), false),
    field("website", Widget::Url, false),
    field("email", Widget::Email, false),
    field("registration", Widget::Text, false),
    field("description", Widget::LangTextarea, false),
];

/// The form field that carries the language of the record's texts.
pub const TEXT_LANG: &str = "text_lang";

/// Sets `value` at a dotted path in a JSON object.
fn set_path(object: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            object.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let child = object.entry(head.to_owned()).or_insert_with(|| Value::Object(Map::new()));
            if !matches!(child, Value::Object(_)) {
                *child = Value::Object(Map::new());
            }
            if let Value::Object(child) = child {
                set_path(child, rest, value);
            }
        }
    }
}

fn get_path<'a>(object: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(object, |v, part| v.get(part))
}

/// A number if the text is one; otherwise the text, so the API names the
/// field and says what it wants.
fn number_or_text(text: &str) -> Value {
    text.parse::<u64>().map(Value::from).unwrap_or_else(|_| Value::from(text))
}

/// The JSON body the admin API takes for a posted form. Starts from `base`
/// (the record being edited, so fields the form does not show are kept).
pub fn to_json(specs: &[FieldSpec], form: &FormData, base: Option<&Value>) -> Value {
    let mut object = match base {
        Some(Value::Object(o)) => o.clone(),
        _ => Map::new(),
    };
    let text_lang = form.value(TEXT_LANG).unwrap_or("en").to_owned();
    for spec in specs {
        let value = match spec.widget {
            Widget::LangText | Widget::LangTextarea => {
                let mut texts = match get_path(&Value::Object(object.clone()), spec.name) {
                    Some(Value::Object(texts)) => texts.clone(),
                    _ => Map::new(),
                };
                match form.value(spec.name) {
                    Some(text) => texts.insert(text_lang.clone(), json!(text)),
                    None => texts.remove(&text_lang),
                };
                (!texts.is_empty()).then_some(Value::Object(texts))
            }
            Widget::Number | Widget::Code(CodeList::Eqf) => form.value(spec.name).map(number_or_text),
            Widget::Checkbox => Some(Value::Bool(form.value(spec.name).is_some())),
            Widget::Codes(_) | Widget::Keywords(_) => {
                let values: Vec<Value> =
                    form.all(spec.name).into_iter().filter(|v| !v.is_empty()).map(Value::from).collect();
                (!values.is_empty()).then_some(Value::Array(values))
            }
            Widget::UriLines => {
                let uris: Vec<Value> = form
                    .value(spec.name)
                    .unwrap_or("")
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|line| match line.split_once(char::is_whitespace) {
                        Some((uri, label)) => json!({ "uri": uri, "label": label.trim() }),
                        None => json!({ "uri": line }),
                    })
                    .collect();
                (!uris.is_empty()).then_some(Value::Array(uris))
            }
            Widget::Lines => {
                let lines: Vec<Value> = form
                    .value(spec.name)
                    .unwrap_or("")
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(Value::from)
                    .collect();
                (!lines.is_empty()).then_some(Value::Array(lines))
            }
            Widget::LanguageLevels => {
                let (langs, levels) = (form.all("languages.lang"), form.all("languages.cefr"));
                let rows: Vec<Value> = langs
                    .iter()
                    .enumerate()
                    .filter(|(_, lang)| !lang.is_empty())
                    .map(|(i, lang)| match levels.get(i).filter(|l| !l.is_empty()) {
                        Some(level) => json!({ "lang": lang, "cefr": level }),
                        None => json!({ "lang": lang }),
                    })
                    .collect();
                (!rows.is_empty()).then_some(Value::Array(rows))
            }
            _ => form.value(spec.name).map(Value::from),
        };
        match value {
            Some(value) => set_path(&mut object, spec.name, value),
            None => remove_path(&mut object, spec.name),
        }
    }
    prune_empty_objects(&mut object);
    Value::Object(object)
}

fn remove_path(object: &mut Map<String, Value>, path: &str) {
    match path.split_once('.') {
        None => {
            object.remove(path);
        }
        Some((head, rest)) => {
            if let Some(Value::Object(child)) = object.get_mut(head) {
                remove_path(child, rest);
            }
        }
    }
}

/// Drops nested objects the form emptied (`contact: {}`), which the record
/// format would refuse or keep as noise.
fn prune_empty_objects(object: &mut Map<String, Value>) {
    object.retain(|_, v| !matches!(v, Value::Object(o) if o.is_empty()));
}

/// A record body's JSON as form values, texts in `lang` (or the language
/// they are written in) with that language in [`TEXT_LANG`].
pub fn from_json(specs: &[FieldSpec], body: &Value, lang: &str) -> FormData {
    let mut form = FormData::default();
    let mut text_lang = None;
    for spec in specs {
        let Some(value) = get_path(body, spec.name) else { continue };
        match (spec.widget, value) {
            (Widget::LangText | Widget::LangTextarea, Value::Object(texts)) => {
                let chosen = text_lang.get_or_insert_with(|| {
                    if texts.contains_key(lang) {
                        lang.to_owned()
                    } else {
                        texts.keys().next().cloned().unwrap_or_default()
                    }
                });
                if let Some(Value::String(text)) = texts.get(chosen.as_str()) {
                    form.push(spec.name, text.clone());
                }
            }
            (Widget::LanguageLevels, Value::Array(_)) => {
                let rows: Vec<LanguageRequirement> = serde_json::from_value(value.clone()).unwrap_or_default();
                for row in rows {
                    form.push("languages.lang", row.lang);
                    form.push("languages.cefr", row.cefr.unwrap_or_default());
                }
            }
            (Widget::UriLines, Value::Array(_)) => {
                let skills: Vec<SkillRef> = serde_json::from_value(value.clone()).unwrap_or_default();
                let lines: Vec<String> = skills
                    .into_iter()
                    .map(|skill| match skill.label {
                        Some(label) => format!("{} {label}", skill.uri),
                        None => skill.uri,
                    })
                    .collect();
                form.push(spec.name, lines.join("\n"));
            }
            (Widget::Lines, Value::Array(_)) => {
                let lines: Vec<String> = serde_json::from_value(value.clone()).unwrap_or_default();
                form.push(spec.name, lines.join("\n"));
            }
            (_, Value::Array(_)) => {
                let items: Vec<String> = serde_json::from_value(value.clone()).unwrap_or_default();
                for item in items {
                    form.push(spec.name, item);
                }
            }
            (Widget::Checkbox, Value::Bool(true)) => form.push(spec.name, "on"),
            (_, Value::String(text)) => form.push(spec.name, text.clone()),
            (_, Value::Number(n)) => form.push(spec.name, n.to_string()),
            _ => {}
        }
    }
    form.push(TEXT_LANG, text_lang.unwrap_or_else(|| lang.to_owned()));
    form
}

/// The API's refusal of a form: the field it names (mapped to the form's
/// field) and the rule, or a message for the whole form.
#[derive(Clone, Debug, Default)]
pub struct FieldErrors {
    pub fields: Vec<(String, String)>,
    pub general: Option<String>,
}

impl FieldErrors {
    /// Reads `{"error": {"field": "body.eqf_min", "rule": "…", "message": …}}`
    /// and places the rule beside the form field it names.
    pub fn from_api(specs: &[FieldSpec], body: &ErrorBody) -> Self {
        let error = &body.error;
        let message = error.message.clone();
        let (Some(field), Some(rule)) = (&error.field, &error.rule) else {
            return Self { fields: Vec::new(), general: Some(message) };
        };
        match form_field(specs, field) {
            Some(name) => Self { fields: vec![(name.to_owned(), rule.to_owned())], general: None },
            None => Self { fields: Vec::new(), general: Some(message) },
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, rule)| rule.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_none()
    }
}

/// The form field an API field path names: `body.eqf_min` → `eqf_min`,
/// `body.title.en` → `title`, `body.languages[1].cefr` → `languages`.
fn form_field(specs: &[FieldSpec], api_field: &str) -> Option<&'static str> {
    let mut path = api_field.strip_prefix("body.").unwrap_or(api_field).to_owned();
    if let Some(bracket) = path.find('[') {
        path.truncate(bracket);
    }
    loop {
        if let Some(spec) = specs.iter().find(|s| s.name == path) {
            return Some(spec.name);
        }
        match path.rfind('.') {
            Some(dot) => path.truncate(dot),
            None => return None,
        }
    }
}

/// One option of a picker.
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A form field ready to render: its label, hint, values, options and error.
#[derive(Clone, Debug)]
pub struct FieldView {
    pub name: &'static str,
    /// `name` with dots as dashes, for element ids.
    pub id: String,
    /// `text`, `email`, `url`, `date`, `number`, `textarea`, `select`,
    /// `multiselect`, `datalist`, `checkbox`, `checkboxes`, `languages`.
    pub kind: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub required: bool,
    pub choices: Vec<Choice>,
    /// For `languages`: each row's language and level choices.
    pub rows: Vec<(Vec<Choice>, Vec<Choice>)>,
    pub error: Option<String>,
    /// The ids of the hint and error, for `aria-describedby`.
    pub described: String,
    /// For a typed code: its label.
    pub value_label: String,
}

/// The fields of a form, filled with `values`, with `errors` beside them.
pub fn field_views(specs: &[FieldSpec], values: &FormData, errors: &FieldErrors, tr: &Tr) -> Vec<FieldView> {
    specs.iter().map(|spec| field_view(spec, values, errors, tr)).collect()
}

/// Words fields the way one form needs when a shared label does not fit
/// it: `<prefix>-field-<name>` (`events-field-start`), where that message
/// exists, and its `<prefix>-hint-<name>`.
pub fn relabel(fields: &mut [FieldView], prefix: &str, tr: &Tr) {
    for field in fields {
        let name = field.name.replace(['.', '_'], "-");
        let label_id = format!("{prefix}-field-{name}");
        let label = tr.msg(&label_id);
        if label != label_id {
            field.label = label;
        }
        let hint_id = format!("{prefix}-hint-{name}");
        let hint = tr.msg(&hint_id);
        if hint != hint_id {
            field.hint = hint;
            if !field.described.contains(&format!("{}-hint", field.id)) {
                let hint_ref = format!("{}-hint", field.id);
                field.described =
                    if field.described.is_empty() { hint_ref } else { format!("{} {hint_ref}", field.described) };
            }
        }
    }
}

/// [`relabel`] on an owned list.
pub fn relabelled(mut fields: Vec<FieldView>, prefix: &str, tr: &Tr) -> Vec<FieldView> {
    relabel(&mut fields, prefix, tr);
    fields
}

fn field_view(spec: &FieldSpec, values: &FormData, errors: &FieldErrors, tr: &Tr) -> FieldView {
    let message = spec.name.replace(['.', '_'], "-");
    let hint_id = format!("hint-{message}");
    let hint = tr.msg(&hint_id);
    let selected: Vec<&str> = values.all(spec.name);
    let keyword_choices = |keywords: &[&str]| -> Vec<Choice> {
        keywords
            .iter()
            .map(|k| Choice {
                value: (*k).to_owned(),
                label: tr.msg(&format!("enum-{k}")),
                selected: selected.contains(k),
            })
            .collect()
    };
    let (kind, choices, rows) = match spec.widget {
        Widget::Text | Widget::LangText => ("text", Vec::new(), Vec::new()),
        Widget::Email => ("email", Vec::new(), Vec::new()),
        Widget::Url => ("url", Vec::new(), Vec::new()),
        Widget::Date => ("date", Vec::new(), Vec::new()),
        Widget::DateTime => ("datetime-local", Vec::new(), Vec::new()),
        Widget::Named(names) => {
            let choices = names
                .iter()
                .map(|n| Choice { value: (*n).to_owned(), label: (*n).to_owned(), selected: selected.contains(n) })
                .collect();
            ("select", choices, Vec::new())
        }
        Widget::Number => ("number", Vec::new(), Vec::new()),
        Widget::Textarea | Widget::LangTextarea | Widget::Lines | Widget::UriLines => {
            ("textarea", Vec::new(), Vec::new())
        }
        Widget::Code(list @ (CodeList::Isced | CodeList::Eqf)) => ("datalist", choices(list, tr, &[]), Vec::new()),
        Widget::Code(list) => ("select", choices(list, tr, &selected), Vec::new()),
        Widget::Codes(list) => ("multiselect", choices(list, tr, &selected), Vec::new()),
        Widget::Keyword(keywords) => ("select", keyword_choices(keywords), Vec::new()),
        Widget::Keywords(keywords) => ("checkboxes", keyword_choices(keywords), Vec::new()),
        Widget::Checkbox => ("checkbox", Vec::new(), Vec::new()),
        Widget::LanguageLevels => {
            let (langs, levels) = (values.all("languages.lang"), values.all("languages.cefr"));
            let rows = (0..LANGUAGE_ROWS.max(langs.len()))
                .map(|i| {
                    let lang = langs.get(i).copied().unwrap_or("");
                    let level = levels.get(i).copied().unwrap_or("");
                    (choices(CodeList::Language, tr, &[lang]), choices(CodeList::Cefr, tr, &[level]))
                })
                .collect();
            ("languages", Vec::new(), rows)
        }
    };
    let id = format!("f-{}", spec.name.replace('.', "-"));
    let value = values.value(spec.name).map(str::to_owned).unwrap_or_default();
    let error = errors.get(spec.name).map(str::to_owned);
    let hint = if hint == hint_id { String::new() } else { hint };
    let mut described = Vec::new();
    if error.is_some() {
        described.push(format!("{id}-error"));
    }
    if !hint.is_empty() {
        described.push(format!("{id}-hint"));
    }
    let value_label = match spec.widget {
        Widget::Code(list @ (CodeList::Isced | CodeList::Eqf)) if !value.is_empty() => {
            super::codes::label(list, &value, tr)
        }
        _ => String::new(),
    };
    FieldView {
        name: spec.name,
        described: described.join(" "),
        value_label,
        id,
        kind,
        label: tr.msg(&format!("field-{message}")),
        hint,
        value,
        required: spec.required,
        choices,
        rows,
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_becomes_the_apis_json_and_back() {
        let form = FormData(
            [
                ("text_lang", "sv"),
                ("title", "Svetsare"),
                ("eqf_min", "4"),
                ("eqf_max", "x"),
                ("languages.lang", "sv"),
                ("languages.cefr", "B1"),
                ("languages.lang", ""),
                ("languages.cefr", "A2"),
                ("outcomes", "Welds\n\n Reads drawings "),
                ("conditions.minors", "on"),
                ("contact.email", ""),
            ]
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        );
        let json = to_json(OFFER_FIELDS, &form, Some(&json!({ "title": { "en": "Welder" }, "contact": {} })));
        assert_eq!(json["title"], json!({ "en": "Welder", "sv": "Svetsare" }));
        assert_eq!(json["eqf_min"], json!(4));
        assert_eq!(json["eqf_max"], json!("x"), "the API names what is wrong with it");
        assert_eq!(json["languages"], json!([{ "lang": "sv", "cefr": "B1" }]));
        assert_eq!(json["outcomes"], json!(["Welds", "Reads drawings"]));
        assert_eq!(json["conditions"], json!({ "minors": true, "mentor": false }));
        assert!(json.get("contact").is_none());
        let back = from_json(OFFER_FIELDS, &json, "sv");
        assert_eq!(back.value("title"), Some("Svetsare"));
        assert_eq!(back.value("conditions.minors"), Some("on"));
        assert_eq!(back.all("languages.cefr"), vec!["B1"]);
    }

    #[test]
    fn skill_lines_carry_their_labels_both_ways() {
        const SKILLS: &[FieldSpec] = &[field("skills", Widget::UriLines, false)];
        let form = FormData(vec![(
            "skills".into(),
            "http://data.europa.eu/esco/skill/a MIG welding\n\nhttp://data.europa.eu/esco/skill/b".into(),
        )]);
        let json = to_json(SKILLS, &form, None);
        assert_eq!(
            json["skills"],
            json!([{ "uri": "http://data.europa.eu/esco/skill/a", "label": "MIG welding" }, { "uri": "http://data.europa.eu/esco/skill/b" }])
        );
        let back = from_json(SKILLS, &json, "en");
        assert_eq!(
            back.value("skills"),
            Some("http://data.europa.eu/esco/skill/a MIG welding\nhttp://data.europa.eu/esco/skill/b")
        );
    }

    #[test]
    fn api_fields_map_to_form_fields() {
        assert_eq!(form_field(OFFER_FIELDS, "body.eqf_min"), Some("eqf_min"));
        assert_eq!(form_field(OFFER_FIELDS, "body.title.en"), Some("title"));
        assert_eq!(form_field(OFFER_FIELDS, "body.languages[1].cefr"), Some("languages"));
        assert_eq!(form_field(OFFER_FIELDS, "body.conditions.minors"), Some("conditions.minors"));
        assert_eq!(form_field(OFFER_FIELDS, "body.nothing"), None);
        let refusal = json!({ "error": { "code": "invalid", "message": "invalid", "field": "body.eqf_min", "rule": "must be an EQF level between 1 and 8 (got 9)" } });
        let errors = FieldErrors::from_api(OFFER_FIELDS, &serde_json::from_value(refusal).unwrap());
        assert_eq!(errors.get("eqf_min"), Some("must be an EQF level between 1 and 8 (got 9)"));
    }
}
