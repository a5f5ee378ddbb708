//! Guards that the CLI reads the admin API's answers as the typed views of
//! `vetnet-views`, never by indexing an untyped `serde_json::Value`.
//!
//! Indexing a `Value` by field name (`v["title"]`, `v.get("title")`,
//! `v["trust"]["level"].as_str()`) compiles whatever the API sends: when a
//! wire field is renamed, such code silently prints an empty column. Read
//! through a view, the same rename breaks the build, or fails loudly when the
//! answer is read. This test reads every file under `cli/src` and fails on
//! the shapes that only untyped JSON access has:
//!
//! - a string literal used as an index (`x["…"]`, `f()["…"]`, `x[..]["…"]`);
//! - `.get("…")` with a field name (API paths, `client.get("/v1/…")`, start
//!   with `/` and are not flagged);
//! - the accessors only `Value` has (`.as_object()`, `.as_array()`,
//!   `.as_u64()`, `.as_bool()`, `.is_null()`, `Value::as_str`, …) and
//!   `.as_str()` straight after an index (`x[k].as_str()`);
//! - an answer asked for as a `Value` (`get::<Value>`, `let x: Value = client…`).
//!
//! Request bodies the CLI merges from a TOML file and flags stay JSON maps
//! (so the node names a wrong field exactly as it always has); they are built
//! with `insert`, `remove` and `contains_key`, which this test allows. Array
//! literals (`&["ID", "HOST"]`, `vec!["a"]`, `json!(["ivet"])`), clap
//! attributes and TOML parsing have none of the shapes above.

#[path = "../../tests/shared/untyped_json.rs"]
mod untyped_json;

use std::path::Path;

use untyped_json::{rust_files, untyped_json_access};

/// The words that mark a call to the API on a line.
const CALLERS: &[&str] = &["client", "api."];

#[test]
fn the_cli_never_indexes_json_answers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "found only {} source files under {}", files.len(), src.display());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if let Some(why) = untyped_json_access(line, CALLERS) {
                found.push(format!("{}:{}: {why}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "read API answers through the views of vetnet-views, not by indexing JSON:\n{}",
        found.join("\n")
    );
}

/// The check flags what the CLI used to do, and leaves alone what it does now.
#[test]
fn the_check_tells_untyped_access_from_typed_code() {
    let untyped = [
        r#"let name = status["institution_name"].as_str().unwrap_or("(no profile yet)");"#,
        r#"text(&view["school"]["institution"])"#,
        r#"if published["gossip"] == "sent" {"#,
        r#"let learner = view.get("learner").filter(|l| l.is_object());"#,
        r#"fields.get("institution").and_then(Value::as_str)"#,
        r#"let attempts = delivery["attempts"].as_u64().unwrap_or(0);"#,
        r#"e[name].as_str().map_or_else(|| short_did(&did), str::to_owned)"#,
        r#"for step in trust["path"].as_array().into_iter().flatten() {"#,
        r#"if !keys["revoked"].is_null() {"#,
        r#"let anchors = client.get::<Value>("/v1/trust/anchors", &[]).await?;"#,
        r#"let view: Value = api.get(&path, &[]).await?;"#,
    ];
    for line in untyped {
        assert!(untyped_json_access(line, CALLERS).is_some(), "not flagged: {line}");
    }
    let typed = [
        r#"let status: StatusView = client.get("/v1/status", &[]).await?;"#,
        r#"printer.table(&["ID", "HOST", "COUNTRY"], &rows);"#,
        r#"fields.insert("vet".into(), json!(["ivet"]));"#,
        r#"const CSV_COLUMNS: &[&str] = &["learner_name", "grade"];"#,
        r#"#[arg(long, value_delimiter = ',')]"#,
        r#"let table: toml::Table = toml::from_str(&text)?;"#,
        r#"let document: Value = serde_json::from_str(&content)?;"#,
        r#"let lang = flags.text_lang.as_str();"#,
        r#"for role in ["learner", "school", "host"] {"#,
        r#"widths[i] = widths[i].max(cell.chars().count());"#,
        r#"// A comment may quote v["field"] as the thing not to do."#,
    ];
    for line in typed {
        assert_eq!(untyped_json_access(line, CALLERS), None, "flagged: {line}");
    }
}
