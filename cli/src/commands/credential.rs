//! `vetnet credential issue|issue-batch|list|show|export|revoke|stats|verify`.

use std::path::Path;

use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::args::{CredentialCommand, IssueArgs};
use crate::client::ApiClient;
use crate::commands::own::path_segment;
use crate::commands::{short_did, text};
use crate::failure::Failure;
use crate::printer::Printer;

/// The columns `issue-batch` reads.
const CSV_COLUMNS: &[&str] = &["learner_name", "learner_email", "grade", "date", "valid_until", "achievement"];
/// The largest CSV file `issue-batch` reads.
const MAX_CSV_BYTES: u64 = 4 * 1024 * 1024;

pub async fn run(client: &ApiClient, command: CredentialCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        CredentialCommand::Issue(args) => {
            let issued = issue(client, vec![single_row(args)]).await?;
            report_issued(&issued, printer);
        }
        CredentialCommand::IssueBatch { file, achievement } => {
            let rows = read_csv(&file, achievement.as_deref())?;
            let issued = issue(client, rows).await?;
            report_issued(&issued, printer);
        }
        CredentialCommand::List => {
            let list = client.get("/v1/credentials", &[]).await?;
            print_list(&list, printer);
        }
        CredentialCommand::Show { id } => {
            let credential = client.get(&format!("/v1/credentials/{}", path_segment(&id)), &[]).await?;
            if printer.json {
                printer.value(&credential);
            } else {
                print_summary(&credential, printer);
            }
        }
        CredentialCommand::Export { id, out, format } => {
            let path = format!("/v1/credentials/{}/export", path_segment(&id));
            let exported = client.get(&path, &[("format", format)]).await?;
            let content = exported["content"].as_str().unwrap_or_default().to_owned() + "\n";
            match out {
                Some(out) => {
                    std::fs::write(&out, content)
                        .map_err(|e| Failure::user(format!("cannot write {}: {e}", out.display())))?;
                    if printer.json {
                        printer.value(&json!({ "id": id, "format": exported["format"], "file": out }));
                    } else {
                        printer.line(format!(
                            "Wrote the credential to {}. Give this file to the learner; anyone can check it with `vetnet credential verify`.",
                            out.display()
                        ));
                    }
                }
                None => {
                    // The file itself, for piping, whatever --json says.
                    Printer { json: true }.raw(&content);
                }
            }
        }
        CredentialCommand::Revoke { id, reason } => {
            let path = format!("/v1/credentials/{}/revoke", path_segment(&id));
            let published = client.send(Method::POST, &path, Some(&json!({ "reason": reason }))).await?;
            if printer.json {
                printer.value(&published);
            } else {
                printer.line(format!(
                    "Revoked {} ({reason}). The revocation is public and reaches every node; the learner's data is not in it.",
                    text(&published["credential"])
                ));
            }
        }
        CredentialCommand::Stats => {
            let stats = client.get("/v1/credentials/stats", &[]).await?;
            if printer.json {
                printer.value(&stats);
                return Ok(());
            }
            let list = stats.as_array().cloned().unwrap_or_default();
            if list.is_empty() {
                printer.line("No credentials issued yet.");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|s| vec![text(&s["achievement"]), text(&s["month"]), text(&s["issued"]), text(&s["revoked"])])
                .collect();
            printer.table(&["ACHIEVEMENT", "MONTH", "ISSUED", "REVOKED"], &rows);
        }
        CredentialCommand::Verify { file } => verify(client, &file, printer).await?,
    }
    Ok(())
}

fn single_row(args: IssueArgs) -> Value {
    let mut row = Map::new();
    row.insert("achievement".into(), json!(args.achievement));
    row.insert("learner_name".into(), json!(args.learner_name));
    for (key, value) in [
        ("learner_email", args.learner_email),
        ("grade", args.grade),
        ("date", args.date),
        ("valid_until", args.valid_until),
    ] {
        if let Some(value) = value {
            row.insert(key.into(), json!(value));
        }
    }
    Value::Object(row)
}

/// Reads a class list. A row the CSV reader cannot read is reported with its
/// line number before anything is sent; the node then checks every row and
/// reports every problem (rows count from 1 under the header).
fn read_csv(path: &Path, achievement: Option<&str>) -> anyhow::Result<Vec<Value>> {
    let size =
        std::fs::metadata(path).map_err(|e| Failure::user(format!("cannot read {}: {e}", path.display())))?.len();
    if size > MAX_CSV_BYTES {
        return Err(Failure::user(format!(
            "{} is {size} bytes; issue-batch reads at most {MAX_CSV_BYTES} bytes (split the class list)",
            path.display()
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| Failure::user(format!("cannot read {}: {e}", path.display())))?;
    let headers = reader
        .headers()
        .map_err(|e| Failure::user(format!("{}: the header row cannot be read: {e}", path.display())))?
        .clone();
    for header in &headers {
        if !CSV_COLUMNS.contains(&header) {
            return Err(Failure::user(format!(
                "{}: unknown column {header:?}; the columns are {}",
                path.display(),
                CSV_COLUMNS.join(", ")
            )));
        }
    }
    if !headers.iter().any(|h| h == "learner_name") {
        return Err(Failure::user(format!("{}: the header row must have a learner_name column", path.display())));
    }
    if achievement.is_none() && !headers.iter().any(|h| h == "achievement") {
        return Err(Failure::user(format!("{}: give --achievement ID, or an achievement column", path.display())));
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(format!("row {} (line {line}): {e}", i + 1));
                continue;
            }
        };
        let mut row = Map::new();
        for (header, value) in headers.iter().zip(record.iter()) {
            if !value.is_empty() {
                row.insert(header.to_owned(), json!(value));
            }
        }
        if let (false, Some(achievement)) = (row.contains_key("achievement"), achievement) {
            row.insert("achievement".into(), json!(achievement));
        }
        // The node reports a missing name with every other row's problems.
        row.entry("learner_name").or_insert_with(|| json!(""));
        rows.push(Value::Object(row));
    }
    if !problems.is_empty() {
        return Err(Failure::user(format!(
            "{} cannot be issued; nothing was issued:\n  {}",
            path.display(),
            problems.join("\n  ")
        )));
    }
    if rows.is_empty() {
        return Err(Failure::user(format!("{} has no rows under its header", path.display())));
    }
    Ok(rows)
}

async fn issue(client: &ApiClient, rows: Vec<Value>) -> anyhow::Result<Value> {
    client.send(Method::POST, "/v1/credentials", Some(&json!({ "credentials": rows }))).await
}

fn report_issued(issued: &Value, printer: Printer) {
    if printer.json {
        printer.value(issued);
        return;
    }
    let list = issued.as_array().cloned().unwrap_or_default();
    if let [one] = list.as_slice() {
        printer.line(format!(
            "Issued {} to {} ({}). Export it with `vetnet credential export {} --out FILE`.",
            text(&one["id"]),
            text(&one["learner_name"]),
            text(&one["achievement_name"]),
            text(&one["id"])
        ));
        return;
    }
    printer.line(format!("Issued {} credentials:", list.len()));
    print_list(issued, printer);
}

fn print_list(list: &Value, printer: Printer) {
    if printer.json {
        printer.value(list);
        return;
    }
    let list = list.as_array().cloned().unwrap_or_default();
    if list.is_empty() {
        printer.line("No credentials issued yet. Issue one with `vetnet credential issue`.");
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                text(&c["id"]).trim_start_matches("urn:uuid:").to_owned(),
                text(&c["achievement"]),
                text(&c["learner_name"]),
                text(&c["awarded"]),
                if c["revoked"].is_null() {
                    String::new()
                } else {
                    format!("revoked ({})", text(&c["revoked"]["reason"]))
                },
            ]
        })
        .collect();
    printer.table(&["ID", "ACHIEVEMENT", "LEARNER", "AWARDED", "STATUS"], &rows);
}

fn print_summary(c: &Value, printer: Printer) {
    let status = if c["revoked"].is_null() {
        "valid".to_owned()
    } else {
        format!("revoked ({})", text(&c["revoked"]["reason"]))
    };
    let lines = [
        ("Id", text(&c["id"])),
        ("Achievement", format!("{} ({})", text(&c["achievement_name"]), text(&c["achievement"]))),
        ("Learner", text(&c["learner_name"])),
        (
            "Email",
            if c["learner_email"] == true {
                "given (in the credential as a salted hash)".into()
            } else {
                String::new()
            },
        ),
        ("Awarded", text(&c["awarded"])),
        ("Valid until", text(&c["valid_until"])),
        ("Grade", text(&c["grade"])),
        ("Status", status),
    ];
    for (label, value) in lines {
        if !value.is_empty() {
            printer.line(format!("{label:<12} {value}"));
        }
    }
}

async fn verify(client: &ApiClient, file: &Path, printer: Printer) -> anyhow::Result<()> {
    let size =
        std::fs::metadata(file).map_err(|e| Failure::user(format!("cannot read {}: {e}", file.display())))?.len();
    if size > 256 * 1024 {
        return Err(Failure::user(format!("{} is {size} bytes; no credential is that large", file.display())));
    }
    let content = std::fs::read(file).map_err(|e| Failure::user(format!("cannot read {}: {e}", file.display())))?;
    let content = String::from_utf8_lossy(&content).into_owned();
    let result = client.send_text(Method::POST, "/v1/credentials/verify", content).await?;
    if printer.json {
        printer.value(&result);
    } else {
        let c = &result["credential"];
        if !c.is_null() {
            printer.line(format!("Credential  {}", text(&c["name"])));
            printer.line(format!("Learner     {}", text(&c["learner_name"])));
            let issuer = result["issuer"]["name"].as_str().map_or_else(
                || format!("{} (as the file says)", text(&c["issuer_name"])),
                |name| format!("{name}, {}", text(&result["issuer"]["country"])),
            );
            printer.line(format!("Issuer      {issuer} {}", short_did(&text(&c["issuer"]))));
            if let Some(by) = result["delegated_by"]["name"].as_str() {
                printer.line(format!("            issued under delegation from {by}"));
            }
            printer.line(format!("Awarded     {}", text(&c["awarded"])));
            if !result["trust"].is_null() {
                crate::commands::trust::print_trust(&result["trust"], printer);
            }
        }
        for check in result["checks"].as_array().into_iter().flatten() {
            let mark = match check["status"].as_str() {
                Some("pass") => "ok  ",
                Some("fail") => "FAIL",
                _ => "--  ",
            };
            printer.line(format!("  [{mark}] {:<11} {}", text(&check["name"]), text(&check["detail"])));
        }
        printer.line(format!("Verdict: {}", text(&result["summary"])));
    }
    if result["valid"] == true {
        Ok(())
    } else {
        Err(Failure::not_valid(format!("{} is not valid: {}", file.display(), text(&result["summary"]))))
    }
}
