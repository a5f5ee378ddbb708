//! `vetnet profile show|set`.

use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::args::{ProfileCommand, ProfileOptional};
use crate::client::ApiClient;
use crate::commands::{lang_text, text};
use crate::failure::Failure;
use crate::printer::Printer;

/// Fields of a record view that are not body fields.
pub(crate) const VIEW_ONLY_FIELDS: &[&str] =
    &["id", "author", "author_name", "kind", "seq", "ts", "hash", "withdrawn", "gossip"];

pub async fn run(client: &ApiClient, command: ProfileCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        ProfileCommand::Show => {
            let profile = client.get("/v1/profile", &[]).await?;
            show(&profile, printer);
        }
        ProfileCommand::Set(args) => {
            let mut fields = match client.get("/v1/profile", &[]).await {
                Ok(Value::Object(current)) => current,
                _ => Map::new(),
            };
            for name in VIEW_ONLY_FIELDS {
                fields.remove(*name);
            }
            let update = &args.fields;
            apply_profile_fields(
                &mut fields,
                update.name.as_deref(),
                update.country.as_deref(),
                update.kind.as_deref(),
                &update.optional,
            )?;
            let published = client.send(Method::PUT, "/v1/profile", Some(&Value::Object(fields))).await?;
            if printer.json {
                printer.value(&published);
            } else {
                printer.line(format!("Published profile version {}.", text(&published["seq"])));
            }
        }
    }
    Ok(())
}

/// Writes profile flags into a profile's JSON fields (names of PROTOCOL.md).
pub(crate) fn apply_profile_fields(
    fields: &mut Map<String, Value>,
    name: Option<&str>,
    country: Option<&str>,
    kind: Option<&str>,
    optional: &ProfileOptional,
) -> anyhow::Result<()> {
    let lang = optional.text_lang.as_str();
    if let Some(name) = name {
        set_translation(fields, "name", lang, name);
    }
    if let Some(country) = country {
        fields.insert("country".into(), json!(country.trim().to_ascii_uppercase()));
    }
    if let Some(kind) = kind {
        kind.parse::<vetnet_protocol::profile::InstitutionKind>().map_err(Failure::user)?;
        fields.insert("institution".into(), json!(kind));
    }
    if !optional.vet.is_empty() {
        fields.insert("vet".into(), json!(optional.vet));
    }
    let is_vet_provider = fields.get("institution").and_then(Value::as_str) == Some("vet-provider");
    if is_vet_provider && !fields.contains_key("vet") {
        fields.insert("vet".into(), json!(["ivet"]));
    }
    if !is_vet_provider {
        fields.remove("vet");
    }
    for (key, value) in [
        ("region", &optional.region),
        ("city", &optional.city),
        ("website", &optional.website),
        ("email", &optional.email),
        ("registration", &optional.registration),
    ] {
        if let Some(value) = value {
            fields.insert(key.into(), json!(value));
        }
    }
    if !optional.sector.is_empty() {
        let (nace, isced): (Vec<&String>, Vec<&String>) =
            optional.sector.iter().partition(|code| code.starts_with(|c: char| c.is_ascii_alphabetic()));
        fields.insert("isced".into(), json!(isced));
        fields.insert("nace".into(), json!(nace));
    }
    if !optional.languages.is_empty() {
        fields.insert("languages".into(), json!(optional.languages));
    }
    if let Some(description) = &optional.description {
        set_translation(fields, "description", lang, description);
    }
    Ok(())
}

/// Sets one language of a language-tagged field, keeping the others.
pub(crate) fn set_translation(fields: &mut Map<String, Value>, field: &str, lang: &str, value: &str) {
    let entry = fields.entry(field.to_owned()).or_insert_with(|| json!({}));
    if !entry.is_object() {
        *entry = json!({});
    }
    entry[lang] = json!(value);
}

fn show(profile: &Value, printer: Printer) {
    if printer.json {
        printer.value(profile);
        return;
    }
    let list = |v: &Value| v.as_array().map(|a| a.iter().map(text).collect::<Vec<_>>().join(", ")).unwrap_or_default();
    let rows = [
        ("Name", lang_text(&profile["name"])),
        ("Institution", text(&profile["author"])),
        ("Kind", format!("{} {}", text(&profile["institution"]), list(&profile["vet"])).trim().to_owned()),
        ("Country", text(&profile["country"])),
        ("Region", text(&profile["region"])),
        ("City", text(&profile["city"])),
        ("Fields (ISCED-F)", list(&profile["isced"])),
        ("Sectors (NACE)", list(&profile["nace"])),
        ("Languages", list(&profile["languages"])),
        ("Website", text(&profile["website"])),
        ("Email", text(&profile["email"])),
        ("Registration", text(&profile["registration"])),
        ("Description", lang_text(&profile["description"])),
        ("Version", text(&profile["seq"])),
    ];
    for (label, value) in rows {
        if !value.is_empty() {
            printer.line(format!("{label:<17} {value}"));
        }
    }
}
