//! Everything the CLI prints to stdout goes through here: JSON for scripts,
//! tables and sentences for people. A closed pipe (`vetnet ... | head`) ends
//! the output quietly.

use std::io::{self, Write};

use serde::Serialize;

#[derive(Debug, Clone, Copy)]
pub struct Printer {
    pub json: bool,
}

/// Longest cell text in a table before it is shortened with "…".
const MAX_CELL: usize = 42;

impl Printer {
    fn write(&self, text: &str) {
        let mut out = io::stdout().lock();
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
            && e.kind() == io::ErrorKind::BrokenPipe
        {
            std::process::exit(0);
        }
    }

    /// A line for people; nothing in JSON mode.
    pub fn line(&self, text: impl AsRef<str>) {
        if !self.json {
            self.write(&format!("{}\n", text.as_ref()));
        }
    }

    /// Text as it is (a file's content).
    pub fn raw(&self, text: &str) {
        self.write(text);
    }

    /// A view as JSON, pretty-printed. It goes through a `serde_json::Value`
    /// so that object keys come out sorted, exactly as the node sent them.
    pub fn value<T: Serialize + ?Sized>(&self, view: &T) {
        let text = serde_json::to_value(view)
            .and_then(|value| serde_json::to_string_pretty(&value))
            .unwrap_or_else(|_| "null".into());
        self.write(&format!("{text}\n"));
    }

    /// A table with a header row; `rows` are cell texts.
    pub fn table(&self, header: &[&str], rows: &[Vec<String>]) {
        let cells: Vec<Vec<String>> = rows.iter().map(|row| row.iter().map(|c| shorten(c)).collect()).collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for row in &cells {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let render = |row: Vec<&str>| {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                if i + 1 == row.len() {
                    line.push_str(cell);
                } else {
                    line.push_str(&format!("{cell:<width$}  ", width = widths[i]));
                }
            }
            line.trim_end().to_owned() + "\n"
        };
        let mut text = render(header.to_vec());
        for row in &cells {
            text.push_str(&render(row.iter().map(String::as_str).collect()));
        }
        self.write(&text);
    }
}

/// One line of cell text: control characters (a peer's agent string could
/// hold terminal escapes) become spaces.
fn shorten(text: &str) -> String {
    let text: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if text.chars().count() <= MAX_CELL { text } else { text.chars().take(MAX_CELL - 1).collect::<String>() + "…" }
}
