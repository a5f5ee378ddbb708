//! `vetnet achievement publish|list|show|update|withdraw` and
//! `vetnet delegation add|end|list`.

use reqwest::Method;
use serde_json::{Map, Value, json};
use vetnet_protocol::achievement::{Participation, Stackability, Supervision};

use crate::args::{AchievementCommand, AchievementFields, DelegationCommand};
use crate::client::ApiClient;
use crate::commands::own::{OwnKind, read_toml_file};
use crate::commands::profile::set_translation;
use crate::commands::{lang_text, short_did, text};
use crate::failure::Failure;
use crate::printer::Printer;

const ACHIEVEMENTS: OwnKind = OwnKind { noun: "achievement", path: "/v1/achievements" };

pub async fn run(client: &ApiClient, command: AchievementCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        AchievementCommand::Publish(args) => {
            let mut fields = Map::new();
            apply_fields(&mut fields, &args.fields)?;
            for (field, flag) in [
                ("title", "--title"),
                ("outcomes", "--outcome"),
                ("assessment", "--assessment"),
                ("participation", "--participation"),
                ("quality_assurance", "--quality-assurance"),
            ] {
                if !fields.contains_key(field) {
                    return Err(Failure::user(format!(
                        "{flag} is required to publish an achievement (or `{field}` in --file)"
                    )));
                }
            }
            if !fields.contains_key("ects") && !fields.contains_key("hours") {
                return Err(Failure::user(
                    "a notional workload is required: give --ects, --hours or both (or `ects`/`hours` in --file)",
                ));
            }
            ACHIEVEMENTS.publish(client, args.id, fields, printer).await?;
        }
        AchievementCommand::List { all } => {
            let list = ACHIEVEMENTS.list(client, all).await?;
            print_achievements(
                &list,
                printer,
                "This institution has no achievements yet. Publish one with `vetnet achievement publish`.",
            );
        }
        AchievementCommand::Show { id } => show(&ACHIEVEMENTS.show(client, &id).await?, printer),
        AchievementCommand::Update { id, fields: flags } => {
            ACHIEVEMENTS.update(client, &id, |fields| apply_fields(fields, &flags), printer).await?;
        }
        AchievementCommand::Withdraw { id } => ACHIEVEMENTS.withdraw(client, &id, printer).await?,
    }
    Ok(())
}

/// Checks a keyword flag here, so the admin hears about it before the node does.
fn keyword<T: std::str::FromStr<Err = String>>(flag: &str, value: &str) -> anyhow::Result<String> {
    value.parse::<T>().map_err(|e| Failure::user(format!("{flag}: {e}")))?;
    Ok(value.to_owned())
}

fn apply_fields(fields: &mut Map<String, Value>, flags: &AchievementFields) -> anyhow::Result<()> {
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
    if !flags.outcome.is_empty() {
        fields.insert("outcomes".into(), json!(flags.outcome));
    }
    if !flags.esco_skill.is_empty() {
        fields.insert("esco_skills".into(), json!(flags.esco_skill));
    }
    if !flags.languages.is_empty() {
        fields.insert("languages".into(), json!(flags.languages));
    }
    if let Some(ects) = flags.ects {
        // Whole credits travel as integers.
        let value = if ects.fract() == 0.0 && (0.0..=1e6).contains(&ects) { json!(ects as u64) } else { json!(ects) };
        fields.insert("ects".into(), value);
    }
    if let Some(hours) = flags.hours {
        fields.insert("hours".into(), json!(hours));
    }
    if let Some(eqf) = flags.eqf {
        fields.insert("eqf".into(), json!(eqf));
    }
    for (key, value) in [
        ("nqf", &flags.nqf),
        ("isced", &flags.sector),
        ("assessment", &flags.assessment),
        ("quality_assurance", &flags.quality_assurance),
        ("prerequisites", &flags.prerequisites),
        ("further_information", &flags.further_information),
    ] {
        if let Some(value) = value {
            fields.insert(key.into(), json!(value.trim()));
        }
    }
    if let Some(country) = &flags.country {
        fields.insert("country".into(), json!(country.trim().to_ascii_uppercase()));
    }
    if let Some(v) = &flags.participation {
        fields.insert("participation".into(), json!(keyword::<Participation>("--participation", v)?));
    }
    if let Some(v) = &flags.supervision {
        fields.insert("supervision".into(), json!(keyword::<Supervision>("--supervision", v)?));
    }
    if let Some(v) = &flags.stackability {
        fields.insert("stackability".into(), json!(keyword::<Stackability>("--stackability", v)?));
    }
    Ok(())
}

fn workload(a: &Value) -> String {
    let mut parts = Vec::new();
    if let Some(ects) = a["ects"].as_f64() {
        parts.push(format!("{ects} ECTS"));
    }
    if !a["hours"].is_null() {
        parts.push(format!("{} h", text(&a["hours"])));
    }
    parts.join(", ")
}

/// Achievements as a table (or JSON).
pub(crate) fn print_achievements(list: &Value, printer: Printer, empty: &str) {
    if printer.json {
        printer.value(list);
        return;
    }
    let list = list.as_array().cloned().unwrap_or_default();
    if list.is_empty() {
        printer.line(empty);
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|a| {
            let awarder = a["author_name"].as_str().map_or_else(|| short_did(&text(&a["author"])), str::to_owned);
            vec![
                text(&a["id"]),
                awarder,
                text(&a["country"]),
                text(&a["eqf"]),
                workload(a),
                text(&a["participation"]),
                if a["withdrawn"] == true { "(withdrawn)".into() } else { lang_text(&a["title"]) },
            ]
        })
        .collect();
    printer.table(&["ID", "AWARDED BY", "COUNTRY", "EQF", "WORKLOAD", "PARTICIPATION", "TITLE"], &rows);
}

fn show(a: &Value, printer: Printer) {
    if printer.json {
        printer.value(a);
        return;
    }
    let join = |v: &Value| v.as_array().map(|l| l.iter().map(text).collect::<Vec<_>>().join(", ")).unwrap_or_default();
    let lines = [
        ("Title", lang_text(&a["title"])),
        ("Id", format!("{} (version {})", text(&a["id"]), text(&a["seq"]))),
        ("Awarded by", text(&a["author_name"])),
        ("Country", text(&a["country"])),
        ("Workload", workload(a)),
        ("EQF", text(&a["eqf"])),
        ("NQF", text(&a["nqf"])),
        ("Field (ISCED-F)", text(&a["isced"])),
        ("Languages", join(&a["languages"])),
        ("Assessment", text(&a["assessment"])),
        ("Participation", text(&a["participation"])),
        ("Quality assurance", text(&a["quality_assurance"])),
        ("Supervision", text(&a["supervision"])),
        ("Prerequisites", text(&a["prerequisites"])),
        ("Integration", text(&a["stackability"])),
        ("More", text(&a["further_information"])),
        ("Description", lang_text(&a["description"])),
        ("Withdrawn", if a["withdrawn"] == true { "yes".into() } else { String::new() }),
    ];
    for (label, value) in lines {
        if !value.is_empty() {
            printer.line(format!("{label:<18} {value}"));
        }
    }
    for outcome in a["outcomes"].as_array().into_iter().flatten() {
        printer.line(format!("{:<18} {}", "Outcome", text(outcome)));
    }
    for skill in a["esco_skills"].as_array().into_iter().flatten() {
        printer.line(format!("{:<18} {}", "ESCO skill", text(skill)));
    }
}

pub async fn run_delegation(client: &ApiClient, command: DelegationCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        DelegationCommand::Add { achievement, to, from, until } => {
            let body = json!({ "achievement": achievement, "delegate": to, "from": from, "until": until });
            let published = client.send(Method::POST, "/v1/delegations", Some(&body)).await?;
            if printer.json {
                printer.value(&published);
            } else {
                printer.line(format!(
                    "{} may now issue {achievement} from {} until {}.",
                    short_did(&to),
                    text(&published["from"]),
                    published["until"].as_str().unwrap_or("you end it (`vetnet delegation end`)")
                ));
            }
        }
        DelegationCommand::End { achievement, to } => {
            let body = json!({ "achievement": achievement, "delegate": to });
            let published = client.send(Method::POST, "/v1/delegations/end", Some(&body)).await?;
            if printer.json {
                printer.value(&published);
            } else {
                printer.line(format!(
                    "The delegation of {achievement} to {} ends on {}; credentials it issued until then stay valid.",
                    short_did(&to),
                    text(&published["until"])
                ));
            }
        }
        DelegationCommand::List => {
            let list = client.get("/v1/delegations", &[]).await?;
            if printer.json {
                printer.value(&list);
                return Ok(());
            }
            let list = list.as_array().cloned().unwrap_or_default();
            if list.is_empty() {
                printer.line("This institution has delegated no achievement.");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|d| {
                    vec![
                        text(&d["achievement"]),
                        text(&d["delegate"]),
                        text(&d["from"]),
                        d["until"].as_str().unwrap_or("-").to_owned(),
                    ]
                })
                .collect();
            printer.table(&["ACHIEVEMENT", "DELEGATE", "FROM", "UNTIL"], &rows);
        }
    }
    Ok(())
}
