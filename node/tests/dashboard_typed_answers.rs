//! Guards that the dashboard reads the admin API's answers as the typed
//! views of `vetnet-views`, as the CLI does (`cli/tests/typed_answers.rs`),
//! never by indexing an untyped `serde_json::Value`.
//!
//! Indexing a `Value` by field name (`v["title"]`, `v.get("title")`,
//! `v["trust"]["level"].as_str()`) compiles whatever the API sends: when a
//! wire field is renamed, such a page silently shows an empty column. Read
//! through a view, the same rename breaks the build. This test reads every
//! file under `node/src/dashboard` (up to its `#[cfg(test)]` module) and
//! fails on the shapes only untyped JSON access has:
//!
//! - a string literal used as an index (`x["…"]`, `f()["…"]`);
//! - `.get("…")` with a field name (the dashboard's own form values are
//!   read with `FormData::value`, so a `.get("…")` can only be a map's);
//! - the accessors only `Value` has (`.as_object()`, `.as_array()`,
//!   `.as_u64()`, `.is_null()`, `Value::as_str`, …) and `.as_str()` straight
//!   after an index;
//! - an answer asked for or matched as a `Value` (`get::<Value>`,
//!   `Ok(Value::Array(…))`, `let x: Value = …api…`).
//!
//! Form bodies the dashboard posts may stay JSON objects built from form
//! fields (so the API names a refused field `body.<field>` beside its input);
//! they are built with `insert`, `remove` and matches on `Value::Object`,
//! which this test allows.

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
    if code.contains("::<Value>") || code.contains("::<serde_json::Value>") || code.contains("<_, Value>") {
        return Some("asks for an answer as an untyped Value");
    }
    if code.contains("Ok(Value::") || code.contains("Ok(serde_json::Value::") {
        return Some("matches an answer as an untyped Value");
    }
    let annotated = code.contains(": Value =") || code.contains(": serde_json::Value =");
    if annotated && (code.contains("dash.") || code.contains("api")) {
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
fn the_dashboard_never_indexes_json_answers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/dashboard");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "found only {} source files under {}", files.len(), src.display());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may build and inspect JSON of their own.
        for (n, line) in text.lines().take_while(|l| !l.trim_start().starts_with("#[cfg(test)]")).enumerate() {
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

/// The check flags what the dashboard used to do, and leaves alone what it
/// does now.
#[test]
fn the_check_tells_untyped_access_from_typed_code() {
    let untyped = [
        r#"let level = view["level"].as_str().unwrap_or("unknown").to_owned();"#,
        r#"self.body["error"]["message"].as_str().map(str::to_owned)"#,
        r#"let endorser = step["endorser_name"].as_str().or(step["endorser"].as_str()).unwrap_or("?");"#,
        r#"if let Ok(Value::Array(threads)) = ctx.dash.api_get("/v1/mobility").await {"#,
        r#"for thread in threads.iter().filter(|th| !th.get("erased").is_some()) {"#,
        r#"let fitting = item.matches.as_array().map(|m| m.len());"#,
        r#"blocking: c.blocking.as_bool().unwrap_or(false),"#,
        r#".map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))"#,
        r#"if body.is_null() {"#,
        r#"let status = ctx.dash.get::<Value>("/v1/status").await;"#,
        r#"match ctx.dash.post::<_, Value>("/v1/mobility", &body).await {"#,
        r#"let keys: Value = ctx.dash.get("/v1/keys").await?;"#,
    ];
    for line in untyped {
        assert!(untyped_json_access(line).is_some(), "not flagged: {line}");
    }
    let typed = [
        r#"let status = ctx.dash.get::<StatusView>("/v1/status").await.ok();"#,
        r#"match ctx.dash.post::<_, ThreadDetail>("/v1/mobility", &body).await {"#,
        r#"let given = form.value("csrf").unwrap_or("");"#,
        r#"const ROLES: &[&str] = &["member", "partner", "accreditor"];"#,
        r#"fields.insert("id".to_owned(), Value::from(id.as_str()));"#,
        r#"if !matches!(child, Value::Object(_)) {"#,
        r#"let rows: Vec<LanguageRequirement> = serde_json::from_value(value.clone()).unwrap_or_default();"#,
        r#"// A comment may quote v["field"] as the thing not to do."#,
    ];
    for line in typed {
        assert_eq!(untyped_json_access(line), None, "flagged: {line}");
    }
}
