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

#[path = "../../tests/shared/untyped_json.rs"]
mod untyped_json;

use std::path::Path;

use untyped_json::{rust_files, untyped_json_access};

/// The words that mark a call to the API on a line.
const CALLERS: &[&str] = &["dash.", "api"];

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
        assert!(untyped_json_access(line, CALLERS).is_some(), "not flagged: {line}");
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
        assert_eq!(untyped_json_access(line, CALLERS), None, "flagged: {line}");
    }
}
