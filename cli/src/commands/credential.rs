//! `vetnet credential issue|issue-batch|list|show|export|revoke|stats|verify`.

use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Value, json};
use vetnet_views::{
    CheckStatus, CredentialDetail, CredentialStatsRow, CredentialSummary, ExportView, PublishedView, Revocation,
    VerificationView,
};

use crate::args::{CredentialCommand, IssueArgs};
use crate::client::ApiClient;
use crate::commands::own::path_segment;
use crate::commands::{opt, short_did};
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
            let list: Vec<CredentialSummary> = client.get("/v1/credentials", &[]).await?;
            print_list(&list, printer);
        }
        CredentialCommand::Show { id } => {
            let credential: CredentialDetail =
                client.get(&format!("/v1/credentials/{}", path_segment(&id)), &[]).await?;
            if printer.json {
                printer.value(&credential);
            } else {
                print_summary(&credential.summary, printer);
            }
        }
        CredentialCommand::Export { id, out, format } => {
            let path = format!("/v1/credentials/{}/export", path_segment(&id));
            let exported: ExportView = client.get(&path, &[("format", format)]).await?;
            let content = exported.content + "\n";
            match out {
                Some(out) => {
                    std::fs::write(&out, content)
                        .map_err(|e| Failure::user(format!("cannot write {}: {e}", out.display())))?;
                    if printer.json {
                        printer.value(&ExportedFile { id, format: exported.format, file: out });
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
            let published: PublishedView<Revocation> = client.post(&path, &json!({ "reason": reason })).await?;
            if printer.json {
                printer.value(&published);
            } else {
                printer.line(format!(
                    "Revoked {} ({reason}). The revocation is public and reaches every node; the learner's data is not in it.",
                    published.record.body.as_ref().map(|r| r.credential.as_str()).unwrap_or_default()
                ));
            }
        }
        CredentialCommand::Stats => {
            let list: Vec<CredentialStatsRow> = client.get("/v1/credentials/stats", &[]).await?;
            if printer.json {
                printer.value(&list);
                return Ok(());
            }
            if list.is_empty() {
                printer.line("No credentials issued yet.");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|s| vec![s.achievement.clone(), s.month.clone(), s.issued.to_string(), s.revoked.to_string()])
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

/// What `credential export --out FILE --json` prints.
#[derive(Serialize)]
struct ExportedFile {
    id: String,
    /// `json` or `jwt`, as the node exported it.
    format: String,
    file: std::path::PathBuf,
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

async fn issue(client: &ApiClient, rows: Vec<Value>) -> anyhow::Result<Vec<CredentialSummary>> {
    client.post("/v1/credentials", &json!({ "credentials": rows })).await
}

fn report_issued(issued: &[CredentialSummary], printer: Printer) {
    if printer.json {
        printer.value(issued);
        return;
    }
    if let [one] = issued {
        printer.line(format!(
            "Issued {} to {} ({}). Export it with `vetnet credential export {} --out FILE`.",
            one.id, one.learner_name, one.achievement_name, one.id
        ));
        return;
    }
    printer.line(format!("Issued {} credentials:", issued.len()));
    print_list(issued, printer);
}

fn print_list(list: &[CredentialSummary], printer: Printer) {
    if printer.json {
        printer.value(list);
        return;
    }
    if list.is_empty() {
        printer.line("No credentials issued yet. Issue one with `vetnet credential issue`.");
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            vec![
                c.id.trim_start_matches("urn:uuid:").to_owned(),
                c.achievement.clone(),
                c.learner_name.clone(),
                c.awarded.clone(),
                c.revoked.as_ref().map(|r| format!("revoked ({})", r.reason)).unwrap_or_default(),
            ]
        })
        .collect();
    printer.table(&["ID", "ACHIEVEMENT", "LEARNER", "AWARDED", "STATUS"], &rows);
}

fn print_summary(c: &CredentialSummary, printer: Printer) {
    let status = match &c.revoked {
        Some(revoked) => format!("revoked ({})", revoked.reason),
        None => "valid".to_owned(),
    };
    let lines = [
        ("Id", c.id.clone()),
        ("Achievement", format!("{} ({})", c.achievement_name, c.achievement)),
        ("Learner", c.learner_name.clone()),
        ("Email", if c.learner_email { "given (in the credential as a salted hash)".into() } else { String::new() }),
        ("Awarded", c.awarded.clone()),
        ("Valid until", opt(&c.valid_until)),
        ("Grade", opt(&c.grade)),
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
    let result: VerificationView = client.post_text("/v1/credentials/verify", content).await?;
    if printer.json {
        printer.value(&result);
    } else {
        print_verification(&result, printer);
    }
    if result.valid {
        Ok(())
    } else {
        Err(Failure::not_valid(format!("{} is not valid: {}", file.display(), result.summary)))
    }
}

fn print_verification(result: &VerificationView, printer: Printer) {
    if let Some(c) = &result.credential {
        printer.line(format!("Credential  {}", c.name));
        printer.line(format!("Learner     {}", opt(&c.learner_name)));
        let issuer = match &result.issuer {
            Some(issuer) => format!("{}, {}", issuer.name, issuer.country),
            None => format!("{} (as the file says)", opt(&c.issuer_name)),
        };
        printer.line(format!("Issuer      {issuer} {}", short_did(&c.issuer)));
        if let Some(by) = &result.delegated_by {
            printer.line(format!("            issued under delegation from {}", by.name));
        }
        printer.line(format!("Awarded     {}", c.awarded));
        if let Some(trust) = &result.trust {
            crate::commands::trust::print_trust(trust, printer);
        }
    }
    for check in &result.checks {
        let mark = match check.status {
            CheckStatus::Pass => "ok  ",
            CheckStatus::Fail => "FAIL",
            CheckStatus::Skip => "--  ",
        };
        printer.line(format!("  [{mark}] {:<11} {}", check.name, check.detail));
    }
    printer.line(format!("Verdict: {}", result.summary));
}
