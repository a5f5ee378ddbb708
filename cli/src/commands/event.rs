//! `vetnet event publish|list|show|update|withdraw|ics`, and the event
//! table and calendar output `vetnet search events` shares.

use serde::Serialize;
use serde_json::{Map, Value, json};
use vetnet_views::{Audience, Event, EventKind, EventView, RegisterInput, RegistrationView};

use crate::args::{EventCommand, EventFields};
use crate::client::ApiClient;
use crate::commands::own::{OwnKind, path_segment, read_toml_file};
use crate::commands::profile::set_translation;
use crate::commands::{join, lang_text, name_or_did, opt};
use crate::failure::Failure;
use crate::printer::Printer;

const EVENTS: OwnKind = OwnKind { noun: "event", path: "/v1/events" };

/// A calendar in `--json` mode: the iCalendar text as one string.
#[derive(Serialize)]
struct CalendarText {
    calendar: String,
}

pub async fn run(client: &ApiClient, command: EventCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        EventCommand::Publish(args) => {
            let mut fields = Map::new();
            apply_event_fields(&mut fields, &args.fields)?;
            for (field, flag) in
                [("title", "--title"), ("event_kind", "--kind"), ("start", "--start"), ("end", "--end"), ("tz", "--tz")]
            {
                if !fields.contains_key(field) {
                    return Err(Failure::user(format!(
                        "{flag} is required to publish an event (or `{field}` in --file)"
                    )));
                }
            }
            EVENTS.publish::<Event>(client, args.id, fields, printer).await?;
        }
        EventCommand::List { all } => {
            let events: Vec<EventView> = EVENTS.list(client, all).await?;
            print_events(
                &events,
                printer,
                "This institution has no events yet. Publish one with `vetnet event publish`.",
            );
        }
        EventCommand::Show { id } => show(&EVENTS.show(client, &id).await?, printer),
        EventCommand::Update { id, fields: flags } => {
            EVENTS.update::<Event>(client, &id, |fields| apply_event_fields(fields, &flags), printer).await?;
        }
        EventCommand::Withdraw { id } => EVENTS.withdraw::<Event>(client, &id, printer).await?,
        EventCommand::Ics { id, author } => {
            let author = match author {
                Some(author) => author,
                None => EVENTS.show::<Event>(client, &id).await?.author,
            };
            let path = format!("/v1/events/{}/{}/ics", path_segment(&author), path_segment(&id));
            print_calendar(client.get_text(&path, &[]).await?, printer);
        }
        EventCommand::Register { organiser, id, name, email } => {
            let path = format!("/v1/events/{}/{}/registrations", path_segment(&organiser), path_segment(&id));
            let sent: RegistrationView = client.post(&path, &RegisterInput { name, email }).await?;
            if printer.json {
                printer.value(&sent);
            } else {
                let organiser = name_or_did(&sent.organiser_name, &sent.organiser);
                printer.line(format!(
                    "Registered {} for {} of {organiser}; the registration goes to its node now or as soon as it can be reached.",
                    sent.name, sent.event
                ));
            }
        }
        EventCommand::Registrations { id } => {
            let mut list: Vec<RegistrationView> = client.get("/v1/registrations", &[]).await?;
            list.retain(|r| id.as_ref().is_none_or(|id| &r.event == id));
            if printer.json {
                printer.value(&list);
            } else if list.is_empty() {
                printer.line("No registrations.");
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|r| {
                        let state = match &r.delivery {
                            Some(d) if !d.delivered => format!("waiting ({} tries)", d.attempts),
                            Some(_) => "delivered".to_owned(),
                            None => "received".to_owned(),
                        };
                        vec![r.event.clone(), r.name.clone(), r.email.clone(), r.direction.clone(), state]
                    })
                    .collect();
                printer.table(&["EVENT", "NAME", "EMAIL", "DIRECTION", "STATE"], &rows);
            }
        }
    }
    Ok(())
}

/// A calendar's text as it is, or inside JSON with `--json`.
pub(crate) fn print_calendar(calendar: String, printer: Printer) {
    if printer.json {
        printer.value(&CalendarText { calendar });
    } else {
        printer.raw(&calendar);
    }
}

/// Writes event flags (and `--file`) into an event's JSON fields. Keywords
/// are checked here so a typo names its flag; every other rule is the node's.
fn apply_event_fields(fields: &mut Map<String, Value>, flags: &EventFields) -> anyhow::Result<()> {
    if let Some(path) = &flags.file {
        fields.extend(read_toml_file(path)?);
    }
    let lang = flags.text_lang.as_str();
    for (field, text) in [("title", &flags.title), ("agenda", &flags.agenda), ("summary", &flags.summary)] {
        if let Some(text) = text {
            set_translation(fields, field, lang, text);
        }
    }
    if let Some(kind) = &flags.kind {
        kind.parse::<EventKind>().map_err(|e| Failure::user(format!("--kind: {e}")))?;
        fields.insert("event_kind".into(), json!(kind));
    }
    for (key, value) in [
        ("network", &flags.network),
        ("start", &flags.start),
        ("end", &flags.end),
        ("tz", &flags.tz),
        ("city", &flags.city),
        ("online", &flags.online),
        ("deadline", &flags.deadline),
    ] {
        if let Some(value) = value {
            fields.insert(key.into(), json!(value.trim()));
        }
    }
    if let Some(country) = &flags.country {
        fields.insert("country".into(), json!(country.trim().to_ascii_uppercase()));
    }
    if !flags.langs.is_empty() {
        fields.insert("langs".into(), json!(flags.langs));
    }
    if !flags.audience.is_empty() {
        for group in &flags.audience {
            group.parse::<Audience>().map_err(|e| Failure::user(format!("--audience: {e}")))?;
        }
        fields.insert("audience".into(), json!(flags.audience));
    }
    for (key, values) in [("topics", &flags.topic), ("outcomes", &flags.outcome), ("minutes", &flags.minutes)] {
        if !values.is_empty() {
            fields.insert(key.into(), json!(values));
        }
    }
    for (key, value) in [("capacity", flags.capacity), ("registered", flags.registered)] {
        if let Some(value) = value {
            fields.insert(key.into(), json!(value));
        }
    }
    Ok(())
}

/// Where: `Luleå, SE`, `online`, or `Luleå, SE + online`.
fn place_text(event: &Event) -> String {
    let place = match (&event.city, &event.country) {
        (Some(city), Some(country)) => Some(format!("{city}, {country}")),
        _ => None,
    };
    match (place, &event.online) {
        (Some(place), Some(_)) => format!("{place} + online"),
        (Some(place), None) => place,
        (None, Some(_)) => "online".into(),
        (None, None) => String::new(),
    }
}

/// `2027-05-12 09:00 to 16:00 Europe/Stockholm` (the end's day when it differs).
fn when_text(event: &Event) -> String {
    let end = match event.end.split_once('T') {
        Some((day, time)) if event.start.starts_with(day) => time.to_owned(),
        _ => event.end.replace('T', " "),
    };
    format!("{} to {end} {}", event.start.replace('T', " "), event.tz)
}

/// Events as a table (or JSON).
pub(crate) fn print_events(events: &[EventView], printer: Printer, empty: &str) {
    if printer.json {
        printer.value(events);
        return;
    }
    if events.is_empty() {
        printer.line(empty);
        return;
    }
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|record| {
            let mut row = vec![record.id.clone(), name_or_did(&record.author_name, &record.author)];
            match &record.body {
                Some(e) => row.extend([e.kind.to_string(), when_text(e), place_text(e), join(&e.langs, ",")]),
                None => row.extend(std::iter::repeat_n(String::new(), 4)),
            }
            row.push(if record.withdrawn {
                "(withdrawn)".into()
            } else {
                record.body.as_ref().map(|e| lang_text(&e.title)).unwrap_or_default()
            });
            row
        })
        .collect();
    printer.table(&["ID", "ORGANISER", "KIND", "WHEN", "WHERE", "LANGUAGES", "TITLE"], &rows);
}

fn show(event: &EventView, printer: Printer) {
    if printer.json {
        printer.value(event);
        return;
    }
    if event.withdrawn {
        printer.line(format!("Event {} was withdrawn (version {}).", event.id, event.seq));
        return;
    }
    // A body field's text, or "" for a record this node cannot read.
    let field = |get: &dyn Fn(&Event) -> String| event.body.as_ref().map(get).unwrap_or_default();
    let registration = |e: &Event| {
        let mut parts = Vec::new();
        parts.extend(e.deadline.as_ref().map(|day| format!("until {day}")));
        parts.extend(e.capacity.map(|n| format!("{n} places")));
        parts.extend(e.registered.map(|n| format!("{n} registered")));
        parts.join(", ")
    };
    let lines = [
        ("Title", field(&|e| lang_text(&e.title))),
        ("Id", format!("{} (version {})", event.id, event.seq)),
        ("Organiser", opt(&event.author_name)),
        ("Kind", field(&|e| e.kind.to_string())),
        ("Network", field(&|e| opt(&e.network))),
        ("When", field(&when_text)),
        (
            "Where",
            field(&|e| match (&e.city, &e.country) {
                (Some(city), Some(country)) => format!("{city}, {country}"),
                _ => String::new(),
            }),
        ),
        ("Online", field(&|e| opt(&e.online))),
        ("Languages", field(&|e| join(&e.langs, ","))),
        ("For", field(&|e| join(&e.audience, ", "))),
        ("Topics", field(&|e| e.topics.join("; "))),
        ("Registration", field(&registration)),
        ("Agenda", field(&|e| lang_text(&e.agenda))),
        ("Summary", field(&|e| lang_text(&e.summary))),
        ("Outcomes", field(&|e| e.outcomes.join("; "))),
        ("Minutes", field(&|e| e.minutes.join(" "))),
    ];
    for (label, value) in lines {
        if !value.is_empty() {
            printer.line(format!("{label:<13} {value}"));
        }
    }
}
