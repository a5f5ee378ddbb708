//! `vetnet mobility`: a learner's placement with another institution.

use std::path::Path;

use serde_json::{Map, Value, json};
use vetnet_node::DataDir;
use vetnet_views::{
    Delivery, ExportedThread, InstitutionView, InterestInput, KeyCustody, StepContent, ThreadDetail, ThreadSummary,
    ThreadVerification,
};

use crate::args::{AgreeArgs, MobilityCommand};
use crate::client::ApiClient;
use crate::commands::own::read_toml_file;
use crate::commands::{join, name_or_did, opt};
use crate::failure::Failure;
use crate::printer::Printer;

pub async fn run(dir: &DataDir, command: MobilityCommand, printer: Printer) -> anyhow::Result<()> {
    if let MobilityCommand::LearnerKey { file } = &command {
        return learner_key(file, printer);
    }
    let api = ApiClient::connect(dir)?;
    let (path, body) = match command {
        MobilityCommand::List => return list(&api, printer).await,
        MobilityCommand::Export { thread, out } => {
            let document: ExportedThread = api.get(&format!("/v1/mobility/{thread}/export"), &[]).await?;
            let text = serde_json::to_string_pretty(&serde_json::to_value(&document)?)? + "\n";
            match out {
                Some(path) => {
                    std::fs::write(&path, text)
                        .map_err(|e| Failure::user(format!("cannot write {}: {e}", path.display())))?;
                    printer.line(format!("Wrote thread {thread} to {}.", path.display()));
                }
                None => printer.raw(&text),
            }
            return Ok(());
        }
        MobilityCommand::Verify { file } => return verify(&api, &file, printer).await,
        MobilityCommand::Show { thread } => {
            let view: ThreadDetail = api.get(&format!("/v1/mobility/{thread}"), &[]).await?;
            return show(&view, printer);
        }
        MobilityCommand::Interest { host, offer, need, learners, message } => {
            let body = InterestInput { host, offer, need, learners, message };
            let view: ThreadDetail = api.post("/v1/mobility", &body).await?;
            if !printer.json {
                printer.line(format!(
                    "Opened thread {}: interest in offer {} sent to the host's node.",
                    view.thread, view.offer
                ));
            }
            return show(&view, printer);
        }
        MobilityCommand::Nominate {
            thread,
            given_name,
            family_name,
            birth_date,
            email,
            languages,
            qualification,
            eqf,
            start,
            end,
            learner_key,
            message,
        } => {
            let custody = if learner_key.is_some() { "learner" } else { "school" };
            let body = json!({
                "learner": {
                    "given_name": given_name,
                    "family_name": family_name,
                    "birth_date": birth_date,
                    "email": email,
                    "languages": languages,
                    "qualification": qualification,
                    "eqf": eqf,
                },
                "key_custody": custody,
                "learner_key": learner_key,
                "start": start,
                "end": end,
                "message": message,
            });
            (format!("/v1/mobility/{thread}/nominate"), body)
        }
        MobilityCommand::Accept { thread, message } => {
            (format!("/v1/mobility/{thread}/accept"), json!({ "message": message }))
        }
        MobilityCommand::Refuse { thread, reason, message } => {
            (format!("/v1/mobility/{thread}/refuse"), json!({ "reason": reason, "message": message }))
        }
        MobilityCommand::Agree(args) => agreement_step(args)?,
        MobilityCommand::Sign { thread, signer, learner_key_file } => {
            let learner_key = match learner_key_file {
                Some(path) => Some(read_learner_key(&path)?),
                None => None,
            };
            (format!("/v1/mobility/{thread}/sign"), json!({ "as": signer, "learner_key": learner_key }))
        }
        MobilityCommand::Complete { thread, start, end, units, assessment, hours, credential, grade } => {
            let units = units.iter().map(|u| parse_result(u)).collect::<anyhow::Result<Vec<_>>>()?;
            let credential = credential.map(|achievement| json!({ "achievement": achievement, "grade": grade }));
            let body = json!({
                "start": start, "end": end, "units": units, "assessment": assessment,
                "hours": hours, "credential": credential,
            });
            (format!("/v1/mobility/{thread}/complete"), body)
        }
        MobilityCommand::Recognise { thread, decision, units, credential, note } => {
            let credential = match credential {
                Some(id) => Some(id),
                None => {
                    let view: ThreadDetail = api.get(&format!("/v1/mobility/{thread}"), &[]).await?;
                    view.facts.credential.map(|credential| credential.id)
                }
            };
            let body = json!({ "decision": decision, "units": units, "credential": credential, "note": note });
            (format!("/v1/mobility/{thread}/recognise"), body)
        }
        MobilityCommand::Cancel { thread, reason } => {
            (format!("/v1/mobility/{thread}/cancel"), json!({ "reason": reason }))
        }
        MobilityCommand::Erase { thread, reason, yes } => {
            if !yes {
                return Err(Failure::user(format!(
                    "erasing deletes the learner's data of {thread} here and on the other node for good; \
                     run again with --yes to confirm"
                )));
            }
            (format!("/v1/mobility/{thread}/erase"), json!({ "reason": reason }))
        }
        MobilityCommand::LearnerKey { .. } => unreachable!("handled above"),
    };
    let view: ThreadDetail = api.post(&path, &strip_nulls(body)).await?;
    show(&view, printer)
}

/// The path and body of `mobility agree`: the --file fields, overridden by
/// flags, with every required field present.
fn agreement_step(args: AgreeArgs) -> anyhow::Result<(String, Value)> {
    let AgreeArgs {
        thread,
        file,
        start,
        end,
        units,
        tasks,
        mentor,
        mentor_email,
        assessment,
        recognition,
        insurance,
        hours_per_week,
        note,
    } = args;
    let mut fields = match &file {
        Some(path) => read_toml_file(path)?,
        None => Map::new(),
    };
    let mut set = |name: &str, value: Option<Value>| {
        if let Some(value) = value {
            fields.insert(name.to_owned(), value);
        }
    };
    set("start", start.map(Value::from));
    set("end", end.map(Value::from));
    set("assessment", assessment.map(Value::from));
    set("recognition", recognition.map(Value::from));
    set("insurance", insurance.map(Value::from));
    set("hours_per_week", hours_per_week.map(Value::from));
    set("note", note.map(Value::from));
    if !units.is_empty() {
        let units = units.iter().map(|u| parse_unit(u)).collect::<anyhow::Result<Vec<_>>>()?;
        set("units", Some(Value::Array(units)));
    }
    if !tasks.is_empty() {
        set("tasks", Some(json!(tasks)));
    }
    if let Some(name) = mentor {
        set("mentor", Some(json!({ "name": name, "email": mentor_email })));
    }
    for (field, flag) in [
        ("start", "--start"),
        ("end", "--end"),
        ("units", "--unit"),
        ("tasks", "--task"),
        ("mentor", "--mentor"),
        ("assessment", "--assessment"),
        ("recognition", "--recognition"),
    ] {
        if !fields.contains_key(field) {
            return Err(Failure::user(format!("{flag} is required for a learning agreement (or `{field}` in --file)")));
        }
    }
    Ok((format!("/v1/mobility/{thread}/agree"), Value::Object(fields)))
}

/// `null` fields are left out, so the API sees them as not given.
fn strip_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter().filter(|(_, v)| *v != Value::Null).map(|(k, v)| (k, strip_nulls(v))).collect(),
        ),
        other => other,
    }
}

/// "TITLE: outcome; outcome" → a unit.
fn parse_unit(unit: &str) -> anyhow::Result<Value> {
    let (title, outcomes) = unit.split_once(':').ok_or_else(|| {
        Failure::user(format!("--unit {unit:?}: write it as \"TITLE: outcome; outcome\" (a colon after the title)"))
    })?;
    let outcomes: Vec<&str> = outcomes.split(';').map(str::trim).filter(|o| !o.is_empty()).collect();
    Ok(json!({ "title": title.trim(), "outcomes": outcomes }))
}

/// "INDEX=result[: note]" → a unit assessment.
fn parse_result(result: &str) -> anyhow::Result<Value> {
    let usage =
        || Failure::user(format!("--unit {result:?}: write it as \"0=achieved\" or \"1=partly-achieved: note\""));
    let (index, rest) = result.split_once('=').ok_or_else(usage)?;
    let index: u32 = index.trim().parse().map_err(|_| usage())?;
    let (outcome, note) = match rest.split_once(':') {
        Some((outcome, note)) => (outcome.trim(), Some(note.trim())),
        None => (rest.trim(), None),
    };
    Ok(json!({ "unit": index, "result": outcome, "note": note }))
}

fn read_learner_key(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::user(format!("cannot read the learner's key file {}: {e}", path.display())))?;
    let key = text.trim().to_owned();
    if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Failure::user(format!(
            "{} is not a learner key file (64 hex digits, as `vetnet mobility learner-key` writes)",
            path.display()
        )));
    }
    Ok(key)
}

fn learner_key(file: &Path, printer: Printer) -> anyhow::Result<()> {
    if file.exists() {
        return Err(Failure::user(format!("{} exists already; pick a new file name", file.display())));
    }
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| Failure::internal(format!("no randomness: {e}")))?;
    let key = ed25519_dalek::SigningKey::from_bytes(&secret);
    let did = vetnet_protocol::InstitutionId::from_bytes(key.verifying_key().to_bytes()).to_did();
    vetnet_node::data_dir::write_new_secret(file, format!("{}\n", hex::encode(secret)).as_bytes())
        .map_err(|e| Failure::user(e.to_string()))?;
    if printer.json {
        printer.value(&json!({ "file": file.display().to_string(), "learner_key": did }));
    } else {
        printer.line(format!("Wrote the learner's key to {} (keep it with the learner).", file.display()));
        printer.line(format!("Nominate with: --learner-key {did}"));
    }
    Ok(())
}

async fn list(api: &ApiClient, printer: Printer) -> anyhow::Result<()> {
    let threads: Vec<ThreadSummary> = api.get("/v1/mobility", &[]).await?;
    if printer.json {
        printer.value(&threads);
        return Ok(());
    }
    if threads.is_empty() {
        printer.line("No mobility threads yet. Open one with `vetnet mobility interest HOST_DID --offer ID`.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = threads
        .iter()
        .map(|t| {
            let other = if t.role == vetnet_views::Party::School { &t.host } else { &t.school };
            vec![
                t.thread.clone(),
                t.role.to_string(),
                if t.erased { format!("{} (erased)", t.status) } else { t.status.to_string() },
                name_of(other),
                t.offer.clone(),
                if t.pending > 0 { format!("{} waiting", t.pending) } else { "delivered".into() },
            ]
        })
        .collect();
    printer.table(&["THREAD", "ROLE", "STATUS", "WITH", "OFFER", "OUTBOX"], &rows);
    Ok(())
}

fn name_of(institution: &InstitutionView) -> String {
    name_or_did(&institution.name, &institution.institution)
}

fn delivery_text(delivery: &Delivery) -> String {
    match delivery {
        Delivery::Pending { attempts, last_error } => match last_error {
            Some(error) => format!("waiting ({attempts} tries: {error})"),
            None => "waiting".into(),
        },
        Delivery::Delivered { .. } => "delivered ✓".into(),
        Delivery::Received { .. } => "received".into(),
        Delivery::Refused { field, reason } => format!("refused: {field}: {reason}"),
        Delivery::Superseded { .. } => "superseded (the other party's step came first)".into(),
    }
}

/// Unix seconds as `2026-11-01 12:00` ("" when unknown).
fn when(ts: Option<u64>) -> String {
    ts.and_then(|ts| i64::try_from(ts).ok())
        .and_then(|ts| chrono::DateTime::from_timestamp(ts, 0))
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

fn show(view: &ThreadDetail, printer: Printer) -> anyhow::Result<()> {
    if printer.json {
        printer.value(view);
        return Ok(());
    }
    printer.line(format!("Thread   {}  ({} side)", view.thread, view.role));
    printer.line(format!("Status   {}", view.status));
    printer.line(format!("School   {}  {}", name_of(&view.school), view.school.institution));
    printer.line(format!("Host     {}  {}", name_of(&view.host), view.host.institution));
    printer.line(format!("Offer    {}", view.offer));
    if view.erased {
        printer.line("Erased   the learner's data was erased; only this anonymised trace is kept.");
    }
    if let Some(learner) = &view.facts.learner {
        let custody = match learner.key_custody {
            KeyCustody::School => "key held by the school's node on the learner's behalf",
            KeyCustody::Learner => "the learner holds their own key",
        };
        printer.line(format!("Learner  {} (born {}; {custody})", learner.name, learner.birth_date));
    }
    printer.line("");
    let rows: Vec<Vec<String>> = view
        .steps
        .iter()
        .map(|s| {
            let kind = match &s.content {
                StepContent::Signature(Some(signature)) => format!("signature ({})", signature.role),
                other => other.kind().to_string(),
            };
            vec![kind, s.from.clone(), when(Some(s.ts)), delivery_text(&s.delivery)]
        })
        .collect();
    printer.table(&["STEP", "BY", "WHEN", "DELIVERY"], &rows);
    if let Some(agreement) = &view.facts.agreement {
        printer.line("");
        let hash = agreement.hash.get(..16).unwrap_or(&agreement.hash);
        printer.line(format!("Learning agreement, version {} ({hash}):", agreement.version));
        let signatures = &agreement.signatures;
        for (role, signature) in
            [("learner", &signatures.learner), ("school", &signatures.school), ("host", &signatures.host)]
        {
            if signature.signed {
                printer.line(format!("  ✓ {role:<8} signed {}", when(signature.ts)));
            } else {
                printer.line(format!("  ✗ {role:<8} has not signed yet"));
            }
        }
    }
    if let Some(credential) = &view.facts.credential {
        printer.line("");
        printer.line(format!("Credential {} (achievement {})", credential.id, credential.achievement));
    }
    printer.line("");
    if view.next_steps.is_empty() {
        printer.line("Nothing to do for this institution now.");
    } else {
        printer.line(format!("Next for this institution: {}", join(&view.next_steps, ", ")));
    }
    Ok(())
}

async fn verify(api: &ApiClient, file: &Path, printer: Printer) -> anyhow::Result<()> {
    let content =
        std::fs::read_to_string(file).map_err(|e| Failure::user(format!("cannot read {}: {e}", file.display())))?;
    // Sent as it is, so that the node names any field that is wrong.
    let document: Value = serde_json::from_str(&content)
        .map_err(|e| Failure::user(format!("{} is not an exported thread (JSON): {e}", file.display())))?;
    let answer: ThreadVerification = api.post("/v1/mobility/verify", &document).await?;
    if printer.json {
        printer.value(&answer);
    } else if answer.valid {
        let party = |institution: &Option<InstitutionView>| institution.as_ref().map(name_of).unwrap_or_default();
        printer.line(format!(
            "Valid: thread {} between {} (school) and {} (host), {}.",
            opt(&answer.thread),
            party(&answer.school),
            party(&answer.host),
            opt(&answer.status)
        ));
        if let Some(agreement) = &answer.facts.agreement {
            let signatures = &agreement.signatures;
            let signed: Vec<&str> =
                [("learner", &signatures.learner), ("school", &signatures.school), ("host", &signatures.host)]
                    .into_iter()
                    .filter(|(_, signature)| signature.signed)
                    .map(|(role, _)| role)
                    .collect();
            printer.line(format!("Learning agreement version {}: signed by {}.", agreement.version, signed.join(", ")));
        }
    } else {
        printer.line(format!("NOT valid: {}: {}", opt(&answer.field), opt(&answer.reason)));
    }
    if answer.valid { Ok(()) } else { Err(Failure::not_valid("the thread does not verify")) }
}
