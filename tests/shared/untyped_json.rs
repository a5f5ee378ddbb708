//! The source check shared by `cli/tests/typed_answers.rs` and
//! `node/tests/dashboard_typed_answers.rs` (each includes this file with
//! `#[path]`): the shapes of code that read a JSON answer untyped.

use std::path::{Path, PathBuf};

/// The methods only `serde_json::Value` (or its `Map`) has in this code base.
pub const VALUE_ONLY_METHODS: &[&str] = &[
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

/// Why `line` reads JSON untyped, if it does. `callers` are the words that
/// mark a call to the API on the line (`client`, `dash.`): a `Value`
/// annotation is flagged only on such a line.
pub fn untyped_json_access(line: &str, callers: &[&str]) -> Option<&'static str> {
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
    if annotated && callers.iter().any(|caller| code.contains(caller)) {
        return Some("reads an answer into an untyped Value");
    }
    None
}

/// Every `.rs` file under `dir`.
pub fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
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
