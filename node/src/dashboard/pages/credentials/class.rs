//! Issuing to a class from a CSV upload: one row per learner, every row
//! issued or none. A file the dashboard cannot read is reported by line; the
//! API's refusal is reported per row, column and rule.

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use vetnet_views::{CredentialSummary, IssueInput, IssueRow};

use super::super::records::api_failure;
use super::{choices_of, issuable};
use crate::dashboard::form::Choice;
use crate::dashboard::i18n::Tr;
use crate::dashboard::{Chrome, Ctx, Posted, render_with, see_other};

/// The columns a class file may have, in the template's order.
pub const COLUMNS: &[&str] = &["learner_name", "learner_email", "grade", "date", "valid_until", "achievement"];

/// The template a school fills in.
const TEMPLATE: &str = "learner_name,learner_email,grade,date,valid_until\n\
    Anna Virtanen,anna.virtanen@example.org,Pass,2027-05-31,\n\
    \"Nieminen, Oskari\",,Merit,2027-05-31,2030-05-31\n";

/// One problem of one row: the row (counted from 1 after the header), its
/// line in the file, the column and the rule.
#[derive(Debug)]
pub struct RowProblem {
    pub row: usize,
    pub line: usize,
    pub column: String,
    pub rule: String,
}

#[derive(Template)]
#[template(path = "credentials/class.html")]
struct ClassPage {
    t: Tr,
    chrome: Chrome,
    achievements: Vec<Choice>,
    /// `(column, meaning)` for the table of columns.
    columns: Vec<(&'static str, String)>,
    problems: Vec<RowProblem>,
    general_error: Option<String>,
    file_name_error: bool,
}

async fn page(ctx: &Ctx, selected: Option<&str>, refused: Refused, status: StatusCode) -> Response {
    let options = match issuable(ctx).await {
        Ok(options) => options,
        Err(refusal) => return api_failure(ctx, &refusal),
    };
    let t = &ctx.t;
    let columns = COLUMNS.iter().map(|c| (*c, t.msg(&format!("class-column-{}", c.replace('_', "-"))))).collect();
    render_with(
        status,
        &ClassPage {
            achievements: choices_of(&options, selected),
            columns,
            file_name_error: refused.file.is_some(),
            general_error: refused.file.or(refused.general),
            problems: refused.rows,
            chrome: ctx.chrome("credentials"),
            t: t.clone(),
        },
    )
}

/// Why a class file was not issued.
#[derive(Debug, Default)]
struct Refused {
    /// The file as a whole (beside the file input).
    file: Option<String>,
    general: Option<String>,
    rows: Vec<RowProblem>,
}

pub async fn form(ctx: Ctx) -> Response {
    page(&ctx, None, Refused::default(), StatusCode::OK).await
}

pub async fn template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"vetnet-class.csv\""),
        ],
        TEMPLATE,
    )
        .into_response()
}

/// The rows of a class file, with `achievement` for rows without one; or
/// what is wrong with the file.
fn read_rows(t: &Tr, csv_text: &str, achievement: Option<&str>) -> Result<Vec<IssueRow>, Refused> {
    let file_error = |message: String| Refused { file: Some(message), ..Refused::default() };
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(false).from_reader(csv_text.as_bytes());
    let headers = reader.headers().map_err(|e| file_error(t.msg1("class-unreadable", "error", e)))?.clone();
    if let Some(unknown) = headers.iter().find(|h| !COLUMNS.contains(h)) {
        return Err(file_error(t.msg2(
            "class-unknown-column",
            ("column", unknown.to_owned()),
            ("columns", COLUMNS.join(", ")),
        )));
    }
    if !headers.iter().any(|h| h == "learner_name") {
        return Err(file_error(t.msg("class-no-name-column")));
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let (row, line) = (i + 1, i + 2);
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(RowProblem { row, line, column: "–".to_owned(), rule: e.to_string() });
                continue;
            }
        };
        let cell = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| record.get(i))
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let achievement = cell("achievement").or_else(|| achievement.map(str::to_owned));
        if achievement.is_none() {
            problems.push(RowProblem {
                row,
                line,
                column: "achievement".to_owned(),
                rule: t.msg("class-no-achievement"),
            });
        }
        rows.push(IssueRow {
            achievement: achievement.unwrap_or_default(),
            learner_name: cell("learner_name").unwrap_or_default(),
            learner_email: cell("learner_email"),
            grade: cell("grade"),
            date: cell("date"),
            valid_until: cell("valid_until"),
        });
    }
    if !problems.is_empty() {
        return Err(Refused { rows: problems, ..Refused::default() });
    }
    if rows.is_empty() {
        return Err(file_error(t.msg("class-no-rows")));
    }
    Ok(rows)
}

pub async fn issue(posted: Posted) -> Response {
    let Posted { ctx, form } = posted;
    let achievement = form.value("achievement").map(str::to_owned);
    let rows = match read_rows(&ctx.t, form.value("file").unwrap_or(""), achievement.as_deref()) {
        Ok(rows) => rows,
        Err(refused) => return page(&ctx, achievement.as_deref(), refused, StatusCode::BAD_REQUEST).await,
    };
    let input = IssueInput { credentials: rows };
    match ctx.dash.post::<_, Vec<CredentialSummary>>("/v1/credentials", &input).await {
        Ok(issued) => see_other(&format!("/credentials?issued={}", issued.len())),
        Err(refusal) if refusal.status.is_client_error() => {
            let error = &refusal.body.error;
            let refused = match &error.rows {
                Some(rows) if !rows.is_empty() => Refused {
                    rows: rows
                        .iter()
                        .map(|r| RowProblem {
                            row: r.row,
                            line: r.row + 1,
                            column: r.field.rsplit('.').next().unwrap_or(&r.field).to_owned(),
                            rule: r.rule.clone(),
                        })
                        .collect(),
                    ..Refused::default()
                },
                _ => Refused { general: Some(error.message.clone()), ..Refused::default() },
            };
            page(&ctx, achievement.as_deref(), refused, StatusCode::BAD_REQUEST).await
        }
        Err(refusal) => api_failure(&ctx, &refusal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::i18n::Locales;

    #[test]
    fn quoted_cells_and_the_default_achievement() {
        let t = Tr::new(Locales::shared(), 0);
        let rows = read_rows(&t, TEMPLATE, Some("welding-basics")).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].learner_name, "Nieminen, Oskari");
        assert_eq!(rows[1].valid_until.as_deref(), Some("2030-05-31"));
        assert_eq!(rows[0].achievement, "welding-basics");
        assert_eq!(rows[0].valid_until, None);
    }

    #[test]
    fn an_unknown_column_or_a_short_row_is_named() {
        let t = Tr::new(Locales::shared(), 0);
        let unknown = read_rows(&t, "learner_name,mark\nAnna,5\n", Some("a")).err().unwrap();
        assert!(unknown.file.unwrap().contains("mark"));
        let short = read_rows(&t, "learner_name,grade\nAnna,5\nOskari\n", Some("a")).err().unwrap();
        assert_eq!((short.rows[0].row, short.rows[0].line), (2, 3));
    }
}
