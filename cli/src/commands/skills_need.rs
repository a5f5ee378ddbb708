//! `vetnet skills-need publish|list|show|update|withdraw`.

use serde_json::{Map, Value, json};
use vetnet_protocol::skills_need::BalanceLevel;
use vetnet_views::{SkillsNeed, SkillsNeedView};

use crate::args::{SkillsNeedCommand, SkillsNeedFields};
use crate::client::ApiClient;
use crate::commands::own::OwnKind;
use crate::commands::profile::set_translation;
use crate::commands::{lang_text, name_or_did, opt};
use crate::failure::Failure;
use crate::printer::Printer;

pub(crate) const SKILLS_NEEDS: OwnKind = OwnKind { noun: "skills-need", path: "/v1/skills-needs" };

pub async fn run(client: &ApiClient, command: SkillsNeedCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        SkillsNeedCommand::Publish(args) => {
            let mut fields = Map::new();
            apply_fields(&mut fields, &args.fields)?;
            for (field, flag) in
                [("title", "--title"), ("region", "--region"), ("horizon", "--horizon"), ("source", "--source")]
            {
                if !fields.contains_key(field) {
                    return Err(Failure::user(format!("{flag} is required to publish a skills need")));
                }
            }
            if !fields.contains_key("people") && !fields.contains_key("level") {
                return Err(Failure::user("give the size of the need: --people N or --level shortage|balance|surplus"));
            }
            SKILLS_NEEDS.publish::<SkillsNeed>(client, args.id, fields, printer).await?;
        }
        SkillsNeedCommand::List { all } => {
            let needs: Vec<SkillsNeedView> = SKILLS_NEEDS.list(client, all).await?;
            print_skills_needs(
                &needs,
                printer,
                "This institution has no skills needs yet. Publish one with `vetnet skills-need publish`.",
            );
        }
        SkillsNeedCommand::Show { id } => show(&SKILLS_NEEDS.show(client, &id).await?, printer),
        SkillsNeedCommand::Update { id, fields: flags } => {
            SKILLS_NEEDS.update::<SkillsNeed>(client, &id, |fields| apply_fields(fields, &flags), printer).await?;
        }
        SkillsNeedCommand::Withdraw { id } => SKILLS_NEEDS.withdraw::<SkillsNeed>(client, &id, printer).await?,
    }
    Ok(())
}

/// Writes the flags into a skills need's JSON fields. The level's words are
/// checked here so a typo names its flag; every other rule is the node's.
fn apply_fields(fields: &mut Map<String, Value>, flags: &SkillsNeedFields) -> anyhow::Result<()> {
    if let Some(title) = &flags.title {
        set_translation(fields, "title", &flags.text_lang, title);
    }
    for (key, value) in [
        ("region", flags.region.as_ref().map(|r| r.trim().to_ascii_uppercase())),
        ("occupation", flags.occupation.clone()),
        ("isco", flags.isco.clone()),
        ("isced", flags.isced.clone()),
        ("source", flags.source.clone()),
        ("link", flags.link.clone()),
        ("valid_until", flags.valid_until.clone()),
    ] {
        if let Some(value) = value {
            fields.insert(key.into(), json!(value.trim()));
        }
    }
    if !flags.skill.is_empty() {
        let skills: Vec<Value> = flags
            .skill
            .iter()
            .map(|spec| match spec.split_once('=') {
                Some((uri, label)) => json!({ "uri": uri.trim(), "label": label.trim() }),
                None => json!({ "uri": spec.trim() }),
            })
            .collect();
        fields.insert("skills".into(), Value::Array(skills));
    }
    if let Some(people) = flags.people {
        fields.remove("level");
        fields.insert("people".into(), json!(people));
    }
    if let Some(level) = &flags.level {
        level.parse::<BalanceLevel>().map_err(|e| Failure::user(format!("--level: {e}")))?;
        fields.remove("people");
        fields.insert("level".into(), json!(level));
    }
    if let Some(horizon) = flags.horizon {
        fields.insert("horizon".into(), json!(horizon));
    }
    Ok(())
}

/// What the need is about, in one cell: occupation, ISCO or field.
pub(crate) fn about(need: &SkillsNeed) -> String {
    need.isco
        .clone()
        .or_else(|| need.occupation.clone())
        .or_else(|| need.isced.as_ref().map(|code| format!("ISCED-F {code}")))
        .unwrap_or_default()
}

/// The size: `12 people` or `shortage`.
pub(crate) fn size(need: &SkillsNeed) -> String {
    match (need.people, need.level) {
        (Some(people), _) => format!("{people} people"),
        (None, Some(level)) => level.to_string(),
        (None, None) => String::new(),
    }
}

/// Skills needs as a table (or JSON).
pub(crate) fn print_skills_needs(needs: &[SkillsNeedView], printer: Printer, empty: &str) {
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
                Some(n) => {
                    row.extend([n.region.clone(), about(n), size(n), format!("{} y", n.horizon), lang_text(&n.title)])
                }
                None => row.extend(["".into(), "".into(), "".into(), "".into(), "(withdrawn)".into()]),
            }
            row
        })
        .collect();
    printer.table(&["ID", "PUBLISHER", "REGION", "OCCUPATION", "SIZE", "HORIZON", "TITLE"], &rows);
}

fn show(need: &SkillsNeedView, printer: Printer) {
    if printer.json {
        printer.value(need);
        return;
    }
    let Some(n) = &need.body else {
        printer.line(format!("Skills need {} was withdrawn (version {}).", need.id, need.seq));
        return;
    };
    let region = match vetnet_protocol::nuts::region(&n.region) {
        Some(r) if !r.name.is_empty() => format!("{} {}", n.region, r.name),
        _ => n.region.clone(),
    };
    let skills: Vec<String> = n
        .skills
        .iter()
        .map(|s| s.label.as_ref().map_or_else(|| s.uri.clone(), |l| format!("{l} ({})", s.uri)))
        .collect();
    let lines = [
        ("Title", lang_text(&n.title)),
        ("Id", format!("{} (version {})", need.id, need.seq)),
        ("Publisher", opt(&need.author_name)),
        ("Region", region),
        ("Occupation", opt(&n.occupation)),
        ("ISCO-08", opt(&n.isco)),
        ("Field (ISCED-F)", opt(&n.isced)),
        ("Skills", skills.join("; ")),
        ("Size", size(n)),
        ("Horizon", format!("{} years", n.horizon)),
        ("Source", n.source.clone()),
        ("Link", opt(&n.link)),
        ("Valid until", opt(&n.valid_until)),
    ];
    for (label, value) in lines {
        if !value.is_empty() {
            printer.line(format!("{label:<16} {value}"));
        }
    }
}
