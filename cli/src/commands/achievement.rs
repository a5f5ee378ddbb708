//! `vetnet achievement publish|list|show|update|withdraw` and
//! `vetnet delegation add|end|list`.

use serde_json::{Map, Value, json};
use vetnet_protocol::achievement::{Participation, Stackability, Supervision};
use vetnet_views::{
    Achievement, AchievementView, DelegateInput, Delegation, DelegationView, EndDelegationInput, PublishedView,
};

use crate::args::{AchievementCommand, AchievementFields, DelegationCommand};
use crate::client::ApiClient;
use crate::commands::own::{OwnKind, read_toml_file};
use crate::commands::profile::set_translation;
use crate::commands::{join, lang_text, name_or_did, opt, short_did};
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
            ACHIEVEMENTS.publish::<Achievement>(client, args.id, fields, printer).await?;
        }
        AchievementCommand::List { all } => {
            let list: Vec<AchievementView> = ACHIEVEMENTS.list(client, all).await?;
            print_achievements(
                &list,
                printer,
                "This institution has no achievements yet. Publish one with `vetnet achievement publish`.",
            );
        }
        AchievementCommand::Show { id } => show(&ACHIEVEMENTS.show(client, &id).await?, printer),
        AchievementCommand::Update { id, fields: flags } => {
            ACHIEVEMENTS.update::<Achievement>(client, &id, |fields| apply_fields(fields, &flags), printer).await?;
        }
        AchievementCommand::Withdraw { id } => ACHIEVEMENTS.withdraw::<Achievement>(client, &id, printer).await?,
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

fn workload(a: &Achievement) -> String {
    let mut parts = Vec::new();
    if let Some(ects) = a.ects {
        parts.push(format!("{ects} ECTS"));
    }
    if let Some(hours) = a.hours {
        parts.push(format!("{hours} h"));
    }
    parts.join(", ")
}

/// Achievements as a table (or JSON).
pub(crate) fn print_achievements(list: &[AchievementView], printer: Printer, empty: &str) {
    if printer.json {
        printer.value(list);
        return;
    }
    if list.is_empty() {
        printer.line(empty);
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|record| {
            let mut row = vec![record.id.clone(), name_or_did(&record.author_name, &record.author)];
            match &record.body {
                Some(a) => row.extend([a.country.clone(), opt(&a.eqf), workload(a), a.participation.to_string()]),
                None => row.extend(std::iter::repeat_n(String::new(), 4)),
            }
            row.push(if record.withdrawn {
                "(withdrawn)".into()
            } else {
                record.body.as_ref().map(|a| lang_text(&a.title)).unwrap_or_default()
            });
            row
        })
        .collect();
    printer.table(&["ID", "AWARDED BY", "COUNTRY", "EQF", "WORKLOAD", "PARTICIPATION", "TITLE"], &rows);
}

fn show(record: &AchievementView, printer: Printer) {
    if printer.json {
        printer.value(record);
        return;
    }
    // A body field's text, or "" for a withdrawn record.
    let field = |get: &dyn Fn(&Achievement) -> String| record.body.as_ref().map(get).unwrap_or_default();
    let lines = [
        ("Title", field(&|a| lang_text(&a.title))),
        ("Id", format!("{} (version {})", record.id, record.seq)),
        ("Awarded by", opt(&record.author_name)),
        ("Country", field(&|a| a.country.clone())),
        ("Workload", field(&workload)),
        ("EQF", field(&|a| opt(&a.eqf))),
        ("NQF", field(&|a| opt(&a.nqf))),
        ("Field (ISCED-F)", field(&|a| opt(&a.isced))),
        ("Languages", field(&|a| join(&a.languages, ", "))),
        ("Assessment", field(&|a| a.assessment.clone())),
        ("Participation", field(&|a| a.participation.to_string())),
        ("Quality assurance", field(&|a| a.quality_assurance.clone())),
        ("Supervision", field(&|a| opt(&a.supervision))),
        ("Prerequisites", field(&|a| opt(&a.prerequisites))),
        ("Integration", field(&|a| opt(&a.stackability))),
        ("More", field(&|a| opt(&a.further_information))),
        ("Description", field(&|a| lang_text(&a.description))),
        ("Withdrawn", if record.withdrawn { "yes".into() } else { String::new() }),
    ];
    for (label, value) in lines {
        if !value.is_empty() {
            printer.line(format!("{label:<18} {value}"));
        }
    }
    for outcome in record.body.iter().flat_map(|a| &a.outcomes) {
        printer.line(format!("{:<18} {outcome}", "Outcome"));
    }
    for skill in record.body.iter().flat_map(|a| &a.esco_skills) {
        printer.line(format!("{:<18} {skill}", "ESCO skill"));
    }
}

pub async fn run_delegation(client: &ApiClient, command: DelegationCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        DelegationCommand::Add { achievement, to, from, until } => {
            let body = DelegateInput { achievement: achievement.clone(), delegate: to.clone(), from, until };
            let published: PublishedView<Delegation> = client.post("/v1/delegations", &body).await?;
            if printer.json {
                printer.value(&published);
            } else {
                let delegation = published.record.body.as_ref();
                printer.line(format!(
                    "{} may now issue {achievement} from {} until {}.",
                    short_did(&to),
                    delegation.map(|d| d.from.as_str()).unwrap_or_default(),
                    delegation.and_then(|d| d.until.as_deref()).unwrap_or("you end it (`vetnet delegation end`)")
                ));
            }
        }
        DelegationCommand::End { achievement, to } => {
            let body = EndDelegationInput { achievement: achievement.clone(), delegate: to.clone() };
            let published: PublishedView<Delegation> = client.post("/v1/delegations/end", &body).await?;
            if printer.json {
                printer.value(&published);
            } else {
                printer.line(format!(
                    "The delegation of {achievement} to {} ends on {}; credentials it issued until then stay valid.",
                    short_did(&to),
                    published.record.body.as_ref().map(|d| opt(&d.until)).unwrap_or_default()
                ));
            }
        }
        DelegationCommand::List => {
            let list: Vec<DelegationView> = client.get("/v1/delegations", &[]).await?;
            if printer.json {
                printer.value(&list);
                return Ok(());
            }
            if list.is_empty() {
                printer.line("This institution has delegated no achievement.");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|record| match &record.body {
                    Some(d) => vec![
                        d.achievement.clone(),
                        d.delegate.clone(),
                        d.from.clone(),
                        d.until.clone().unwrap_or_else(|| "-".to_owned()),
                    ],
                    None => vec![String::new(), String::new(), String::new(), "-".to_owned()],
                })
                .collect();
            printer.table(&["ACHIEVEMENT", "DELEGATE", "FROM", "UNTIL"], &rows);
        }
    }
    Ok(())
}
