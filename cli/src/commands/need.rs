//! `vetnet need publish|list|show|update|withdraw`.

use serde_json::{Map, Value, json};
use vetnet_protocol::need::{AgeBand, Funding, SupportNeed};
use vetnet_protocol::offer::LanguageRequirement;

use crate::args::{NeedCommand, NeedFields};
use crate::client::ApiClient;
use crate::commands::offer::range;
use crate::commands::own::{OwnKind, read_toml_file};
use crate::commands::profile::set_translation;
use crate::commands::{lang_text, short_did, text};
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
            NEEDS.publish(client, args.id, fields, printer).await?;
        }
        NeedCommand::List { all } => {
            let needs = NEEDS.list(client, all).await?;
            print_needs(&needs, printer, "This institution has no needs yet. Publish one with `vetnet need publish`.");
        }
        NeedCommand::Show { id } => show(&NEEDS.show(client, &id).await?, printer),
        NeedCommand::Update { id, fields: flags } => {
            NEEDS.update(client, &id, |fields| apply_need_fields(fields, &flags), printer).await?;
        }
        NeedCommand::Withdraw { id } => NEEDS.withdraw(client, &id, printer).await?,
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

fn weeks_text(need: &Value) -> String {
    let (low, high) = (text(&need["weeks_min"]), text(&need["weeks_max"]));
    if low == high { low } else { format!("{low}-{high}") }
}

fn list_text(value: &Value) -> String {
    value.as_array().map(|items| items.iter().map(text).collect::<Vec<_>>().join(",")).unwrap_or_default()
}

fn languages_text(need: &Value) -> String {
    need["languages"]
        .as_array()
        .map(|langs| {
            langs
                .iter()
                .map(|l| match l["cefr"].as_str() {
                    Some(level) => format!("{} {level}", text(&l["lang"])),
                    None => text(&l["lang"]),
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

/// Needs as a table (or JSON).
pub(crate) fn print_needs(needs: &Value, printer: Printer, empty: &str) {
    if printer.json {
        printer.value(needs);
        return;
    }
    let list = needs.as_array().cloned().unwrap_or_default();
    if list.is_empty() {
        printer.line(empty);
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|n| {
            let school = n["author_name"].as_str().map_or_else(|| short_did(&text(&n["author"])), str::to_owned);
            let countries = list_text(&n["countries"]);
            vec![
                text(&n["id"]),
                school,
                if countries.is_empty() { "any".into() } else { countries },
                text(&n["isced"]),
                text(&n["eqf"]),
                text(&n["learners"]),
                text(&n["age"]),
                text(&n["start"]),
                weeks_text(n),
                if n["withdrawn"] == true { "(withdrawn)".into() } else { lang_text(&n["title"]) },
            ]
        })
        .collect();
    printer
        .table(&["ID", "SCHOOL", "COUNTRIES", "ISCED-F", "EQF", "LEARNERS", "AGE", "START", "WEEKS", "TITLE"], &rows);
}

fn show(need: &Value, printer: Printer) {
    if printer.json {
        printer.value(need);
        return;
    }
    if need["withdrawn"] == true {
        printer.line(format!("Need {} was withdrawn (version {}).", text(&need["id"]), text(&need["seq"])));
        return;
    }
    let countries = list_text(&need["countries"]);
    let sectors = list_text(&need["nace"]);
    let lines = [
        ("Title", lang_text(&need["title"])),
        ("Id", format!("{} (version {})", text(&need["id"]), text(&need["seq"]))),
        ("School", text(&need["author_name"])),
        ("Learners", text(&need["learners"])),
        ("Field (ISCED-F)", text(&need["isced"])),
        ("Occupation", text(&need["occupation"])),
        ("Qualification", text(&need["qualification"])),
        ("EQF", text(&need["eqf"])),
        (
            "When",
            match need["end"].as_str() {
                Some(end) => format!("between {} and {end}", text(&need["start"])),
                None => format!("starting {}", text(&need["start"])),
            },
        ),
        ("Weeks", weeks_text(need)),
        ("Countries", if countries.is_empty() { "any".into() } else { countries }),
        ("Sectors (NACE)", if sectors.is_empty() { "any".into() } else { sectors }),
        ("Languages", languages_text(need)),
        ("Age", text(&need["age"])),
        ("Support", list_text(&need["support"])),
        ("Support note", text(&need["support_note"])),
        ("Funding", text(&need["funding"])),
        (
            "Contact",
            ["name", "email", "phone"]
                .iter()
                .map(|k| text(&need["contact"][*k]))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("Description", lang_text(&need["description"])),
    ];
    for (label, value) in lines {
        if !value.is_empty() {
            printer.line(format!("{label:<16} {value}"));
        }
    }
}
