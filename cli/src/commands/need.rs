//! `vetnet need publish|list|show|update|withdraw`.

use serde_json::{Map, Value, json};
use vetnet_protocol::need::{AgeBand, Funding, SupportNeed};
use vetnet_protocol::offer::LanguageRequirement;
use vetnet_views::{Need, NeedView};

use crate::args::{NeedCommand, NeedFields};
use crate::client::ApiClient;
use crate::commands::offer::{contact_text, languages_text, range, range_text};
use crate::commands::own::{OwnKind, read_toml_file};
use crate::commands::profile::set_translation;
use crate::commands::{join, lang_text, name_or_did, opt};
use crate::failure::Failure;
use crate::printer::Printer;

const NEEDS: OwnKind = OwnKind { noun: "need", path: "/v1/needs" };

pub async fn run(client: &ApiClient, command: NeedCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        NeedCommand::Publish(args) => {
            let mut fields = Map::new();
            apply_need_fields(&mut fields, &args.fields)?;
            for (field, flag) in [
                ("title", "--title"),
                ("isced", "--sector"),
                ("eqf", "--eqf"),
                ("learners", "--learners"),
                ("start", "--start"),
                ("weeks_min", "--weeks"),
                ("age", "--age"),
            ] {
                if !fields.contains_key(field) {
                    return Err(Failure::user(format!(
                        "{flag} is required to publish a need (or `{field}` in --file)"
                    )));
                }
            }
            NEEDS.publish::<Need>(client, args.id, fields, printer).await?;
        }
        NeedCommand::List { all } => {
            let needs: Vec<NeedView> = NEEDS.list(client, all).await?;
            print_needs(&needs, printer, "This institution has no needs yet. Publish one with `vetnet need publish`.");
        }
        NeedCommand::Show { id } => show(&NEEDS.show(client, &id).await?, printer),
        NeedCommand::Update { id, fields: flags } => {
            NEEDS.update::<Need>(client, &id, |fields| apply_need_fields(fields, &flags), printer).await?;
        }
        NeedCommand::Withdraw { id } => NEEDS.withdraw::<Need>(client, &id, printer).await?,
    }
    Ok(())
}

/// Writes need flags (and `--file`) into a need's JSON fields. Keywords are
/// checked here so a typo names its flag; every other rule is the node's.
fn apply_need_fields(fields: &mut Map<String, Value>, flags: &NeedFields) -> anyhow::Result<()> {
    if let Some(path) = &flags.file {
        fields.extend(read_toml_file(path)?);
    }
    let lang = flags.text_lang.as_str();
    if let Some(title) = &flags.title {
        set_translation(fields, "title", lang, title);
    }
    if let Some(description) = &flags.description {
        set_translation(fields, "description", lang, description);
    }
    for (key, value) in [
        ("isced", &flags.sector),
        ("occupation", &flags.occupation),
        ("qualification", &flags.qualification),
        ("start", &flags.start),
        ("end", &flags.end),
        ("support_note", &flags.support_note),
    ] {
        if let Some(value) = value {
            fields.insert(key.into(), json!(value.trim()));
        }
    }
    if let Some(eqf) = flags.eqf {
        fields.insert("eqf".into(), json!(eqf));
    }
    if let Some(learners) = flags.learners {
        fields.insert("learners".into(), json!(learners));
    }
    if let Some(weeks) = &flags.weeks {
        let (low, high) = range("--weeks", weeks)?;
        fields.insert("weeks_min".into(), json!(low));
        fields.insert("weeks_max".into(), json!(high));
    }
    if !flags.country.is_empty() {
        let countries: Vec<String> = flags.country.iter().map(|c| c.trim().to_ascii_uppercase()).collect();
        fields.insert("countries".into(), json!(countries));
    }
    if !flags.nace.is_empty() {
        fields.insert("nace".into(), json!(flags.nace));
    }
    if !flags.languages.is_empty() {
        let mut languages = Vec::new();
        for lang in &flags.languages {
            let req: LanguageRequirement = lang.parse().map_err(|e| Failure::user(format!("--lang: {e}")))?;
            languages.push(serde_json::to_value(req)?);
        }
        fields.insert("languages".into(), Value::Array(languages));
    }
    if let Some(age) = &flags.age {
        age.parse::<AgeBand>().map_err(|e| Failure::user(format!("--age: {e}")))?;
        fields.insert("age".into(), json!(age));
    }
    if !flags.support.is_empty() {
        for support in &flags.support {
            support.parse::<SupportNeed>().map_err(|e| Failure::user(format!("--support: {e}")))?;
        }
        fields.insert("support".into(), json!(flags.support));
    }
    if let Some(funding) = &flags.funding {
        funding.parse::<Funding>().map_err(|e| Failure::user(format!("--funding: {e}")))?;
        fields.insert("funding".into(), json!(funding));
    }
    let mut contact = match fields.remove("contact") {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    for (key, value) in
        [("name", &flags.contact_name), ("email", &flags.contact_email), ("phone", &flags.contact_phone)]
    {
        if let Some(value) = value {
            contact.insert(key.into(), json!(value));
        }
    }
    if !contact.is_empty() {
        fields.insert("contact".into(), Value::Object(contact));
    }
    Ok(())
}

/// Countries as `DE,AT`, or `any` when the need names none.
fn countries_text(need: &Need) -> String {
    if need.countries.is_empty() { "any".into() } else { join(&need.countries, ",") }
}

/// Needs as a table (or JSON).
pub(crate) fn print_needs(needs: &[NeedView], printer: Printer, empty: &str) {
    if printer.json {
        printer.value(needs);
        return;
    }
    if needs.is_empty() {
        printer.line(empty);
        return;
    }
    let rows: Vec<Vec<String>> = needs
        .iter()
        .map(|record| {
            let mut row = vec![record.id.clone(), name_or_did(&record.author_name, &record.author)];
            match &record.body {
                Some(n) => row.extend([
                    countries_text(n),
                    n.isced.clone(),
                    n.eqf.to_string(),
                    n.learners.to_string(),
                    n.age.to_string(),
                    n.start.clone(),
                    range_text(n.weeks_min, n.weeks_max),
                ]),
                None => {
                    row.push("any".into());
                    row.extend(std::iter::repeat_n(String::new(), 6));
                }
            }
            row.push(if record.withdrawn {
                "(withdrawn)".into()
            } else {
                record.body.as_ref().map(|n| lang_text(&n.title)).unwrap_or_default()
            });
            row
        })
        .collect();
    printer
        .table(&["ID", "SCHOOL", "COUNTRIES", "ISCED-F", "EQF", "LEARNERS", "AGE", "START", "WEEKS", "TITLE"], &rows);
}

fn show(need: &NeedView, printer: Printer) {
    if printer.json {
        printer.value(need);
        return;
    }
    if need.withdrawn {
        printer.line(format!("Need {} was withdrawn (version {}).", need.id, need.seq));
        return;
    }
    // A body field's text, or "" for a record this node cannot read.
    let field = |get: &dyn Fn(&Need) -> String| need.body.as_ref().map(get).unwrap_or_default();
    let lines = [
        ("Title", field(&|n| lang_text(&n.title))),
        ("Id", format!("{} (version {})", need.id, need.seq)),
        ("School", opt(&need.author_name)),
        ("Learners", field(&|n| n.learners.to_string())),
        ("Field (ISCED-F)", field(&|n| n.isced.clone())),
        ("Occupation", field(&|n| opt(&n.occupation))),
        ("Qualification", field(&|n| opt(&n.qualification))),
        ("EQF", field(&|n| n.eqf.to_string())),
        (
            "When",
            field(&|n| match &n.end {
                Some(end) => format!("between {} and {end}", n.start),
                None => format!("starting {}", n.start),
            }),
        ),
        ("Weeks", field(&|n| range_text(n.weeks_min, n.weeks_max))),
        ("Countries", field(&countries_text)),
        ("Sectors (NACE)", field(&|n| if n.nace.is_empty() { "any".into() } else { join(&n.nace, ",") })),
        ("Languages", field(&|n| languages_text(&n.languages))),
        ("Age", field(&|n| n.age.to_string())),
        ("Support", field(&|n| join(&n.support, ","))),
        ("Support note", field(&|n| opt(&n.support_note))),
        ("Funding", field(&|n| opt(&n.funding))),
        ("Contact", field(&|n| contact_text(n.contact.as_ref()))),
        ("Description", field(&|n| lang_text(&n.description))),
    ];
    for (label, value) in lines {
        if !value.is_empty() {
            printer.line(format!("{label:<16} {value}"));
        }
    }
}
