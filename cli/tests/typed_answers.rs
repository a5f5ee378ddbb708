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

use std::path::{Path, PathBuf};

/// The methods only `serde_json::Value` (or its `Map`) has in this code base.
const VALUE_ONLY_METHODS: &[&str] = &[
    ".as_object(",
    ".as_object_mut(",
    ".as_array(",
    ".as_array_mut(",
    ".as_u64(",
    ".as_i64(",
    ".as_f64(",
    ".as_bool(",
    ".as_null(",
    ".is_null(",
    ".is_object(",
    ".is_array(",
    ".is_string(",
    ".is_number(",
    ".is_boolean(",
    ".pointer(",
    "Value::as_",
    "Value::is_",
];

/// Why `line` reads JSON untyped, if it does.
fn untyped_json_access(line: &str) -> Option<&'static str> {
    let code = line.trim_start();
    if code.starts_with("//") {
        return None;
    }
    let bytes = code.as_bytes();
    for (i, window) in bytes.windows(2).enumerate() {
        if window == b"[\"" && i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || b"_)]".contains(&bytes[i - 1])) {
            return Some("indexes a value by a field name");
        }
    }
    for (i, _) in code.match_indices(".get(\"") {
        if code.as_bytes().get(i + 6) != Some(&b'/') {
            return Some("looks a field up by name with .get(\"…\")");
        }
    }
    if VALUE_ONLY_METHODS.iter().any(|method| code.contains(method)) {
        return Some("calls an accessor only serde_json::Value has");
    }
    if code.contains("].as_str()") {
        return Some("reads an indexed value with .as_str()");
    }
    if code.contains("::<Value>") || code.contains("::<serde_json::Value>") {
        return Some("asks for an answer as an untyped Value");
    }
    let annotated = code.contains(": Value =") || code.contains(": serde_json::Value =");
    if annotated && (code.contains("client") || code.contains("api.")) {
        return Some("reads an answer into an untyped Value");
    }
    None
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push(path);
        }
    }
}

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
            if let Some(why) = untyped_json_access(line) {
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
        assert!(untyped_json_access(line).is_some(), "not flagged: {line}");
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
        assert_eq!(untyped_json_access(line), None, "flagged: {line}");
    }
}
