//! `vetnet profile show|set`.

use serde_json::{Map, Value, json};
use vetnet_views::{Profile, ProfileView, PublishedView};

use crate::args::{ProfileCommand, ProfileOptional};
use crate::client::ApiClient;
use crate::commands::own::body_fields;
use crate::commands::{join, lang_text, opt};
use crate::failure::Failure;
use crate::printer::Printer;

pub async fn run(client: &ApiClient, command: ProfileCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        ProfileCommand::Show => {
            let profile: ProfileView = client.get("/v1/profile", &[]).await?;
            show(&profile, printer);
        }
        ProfileCommand::Set(args) => {
            // No profile yet (or none this CLI can read): the flags make the first one.
            let current = client.get::<ProfileView>("/v1/profile", &[]).await.ok().and_then(|view| view.body);
            let mut fields = body_fields(current.as_ref())?;
            let update = &args.fields;
            let kind = update.kind.clone().or_else(|| current.as_ref().map(|p| p.institution.to_string()));
            apply_profile_fields(
                &mut fields,
                update.name.as_deref(),
                update.country.as_deref(),
                kind.as_deref(),
                &update.optional,
            )?;
            let published: PublishedView<Profile> = client.put("/v1/profile", &fields).await?;
            if printer.json {
                printer.value(&published);
            } else {
                printer.line(format!("Published profile version {}.", published.record.seq));
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
    // The kind given, or the current profile's: the API has no default.
    let is_vet_provider = kind == Some("vet-provider");
    if is_vet_provider && !fields.contains_key("vet") {
        fields.insert("vet".into(), json!(["ivet"]));
    }
    if !is_vet_provider {
        fields.remove("vet");
    }
    for (key, value) in [
        ("region", &optional.region),
        ("city", &optional.city),
        ("nuts", &optional.nuts),
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
    let mut texts = match fields.remove(field) {
        Some(Value::Object(texts)) => texts,
        _ => Map::new(),
    };
    texts.insert(lang.to_owned(), json!(value));
    fields.insert(field.to_owned(), Value::Object(texts));
}

fn show(profile: &ProfileView, printer: Printer) {
    if printer.json {
        printer.value(profile);
        return;
    }
    // A body field's text, or "" for a profile this node cannot read.
    let field = |get: &dyn Fn(&Profile) -> String| profile.body.as_ref().map(get).unwrap_or_default();
    let rows = [
        ("Name", field(&|p| lang_text(&p.name))),
        ("Institution", profile.author.clone()),
        ("Kind", field(&|p| format!("{} {}", p.institution, join(&p.vet, ", ")).trim().to_owned())),
        ("Country", field(&|p| p.country.clone())),
        ("Region", field(&|p| opt(&p.region))),
        ("City", field(&|p| opt(&p.city))),
        ("NUTS region", field(&|p| opt(&p.nuts))),
        ("Fields (ISCED-F)", field(&|p| join(&p.isced, ", "))),
        ("Sectors (NACE)", field(&|p| join(&p.nace, ", "))),
        ("Languages", field(&|p| join(&p.languages, ", "))),
        ("Website", field(&|p| opt(&p.website))),
        ("Email", field(&|p| opt(&p.email))),
        ("Registration", field(&|p| opt(&p.registration))),
        ("Description", field(&|p| lang_text(&p.description))),
        ("Version", profile.seq.to_string()),
    ];
    for (label, value) in rows {
        if !value.is_empty() {
            printer.line(format!("{label:<17} {value}"));
        }
    }
}
