//! The OpenAPI document generated from the code must be the one committed as
//! `docs/openapi.json`, so that a change of the API shows in review as a
//! change of that file. `VETNET_WRITE_OPENAPI=1 cargo test -p vetnet-node
//! --test openapi` rewrites the file from the code.
//!
//! The document served by a running node is compared with the generated one
//! in `tests/tests/openapi.rs`, which also validates real answers against it.

use std::path::PathBuf;

use vetnet_node::api::openapi;

const REGENERATE: &str = "VETNET_WRITE_OPENAPI=1 cargo test -p vetnet-node --test openapi";

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/openapi.json")
}

/// The first line where `a` and `b` differ, numbered from 1, with both texts.
fn first_difference(a: &str, b: &str) -> Option<(usize, String, String)> {
    let (mut left, mut right) = (a.lines(), b.lines());
    for number in 1.. {
        match (left.next(), right.next()) {
            (None, None) => return None,
            (l, r) if l == r => continue,
            (l, r) => {
                let show = |line: Option<&str>| line.map_or_else(|| "(end of file)".to_owned(), str::to_owned);
                return Some((number, show(l), show(r)));
            }
        }
    }
    None
}

#[test]
fn committed_document_is_the_generated_one() {
    let generated = openapi::document_json().expect("the document serialises");
    let path = committed_path();
    if std::env::var_os("VETNET_WRITE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).expect("docs/openapi.json is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if let Some((line, committed_line, generated_line)) = first_difference(&committed, &generated) {
        panic!(
            "docs/openapi.json is not the document the code generates; first difference at line {line}:\n  \
             committed: {committed_line}\n  generated: {generated_line}\n\
             If the API change is intended, regenerate the file with\n  {REGENERATE}\nand commit it."
        );
    }
}

#[test]
fn document_is_openapi_3_1_with_every_operation_behind_the_token() {
    let document = openapi::document_value().expect("the document serialises");
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(document["components"]["securitySchemes"][openapi::SECURITY_SCHEME]["scheme"], "bearer");
    assert_eq!(document["security"][0][openapi::SECURITY_SCHEME], serde_json::json!([]));
    let paths = document["paths"].as_object().expect("paths");
    let mut operations = 0;
    let mut without_token = Vec::new();
    for (path, item) in paths {
        for (method, operation) in item.as_object().expect("a path item") {
            operations += 1;
            let responses = operation["responses"].as_object().expect("responses");
            // An operation that overrides `security` with `[{}]` needs no token.
            if operation["security"] == serde_json::json!([{}]) {
                without_token.push(format!("{method} {path}"));
            } else {
                assert!(responses.contains_key("401"), "{method} {path} documents no 401");
            }
            assert!(
                responses.keys().any(|status| status.starts_with('2')),
                "{method} {path} documents no success answer"
            );
        }
    }
    assert!(operations >= 60, "only {operations} operations are documented");
    // The only answer without the token says live and ready, nothing else.
    assert_eq!(without_token, ["get /health"]);
}
