//! No import cycle between the node's top-level modules.
//!
//! Reads every `node/src/**/*.rs`, finds the `crate::…` paths it uses (in
//! `use` lines and in code), and builds the graph "module A uses module B"
//! between top-level modules (`store/index.rs` belongs to `store`,
//! `api/needs.rs` to `api`). A cycle fails the test and is named.
//!
//! The allowed layering, top to bottom; a module uses only modules below it
//! (modules on one line do not use each other):
//!
//! ```text
//! node                         wires everything up
//! api                          the admin HTTP API
//! mobility, sync               placements; catch-up sync
//! credentials, ingest          micro-credentials; records from peers
//! publish, matching, trust     own records; offers against needs; trust levels
//! search                       queries over the index
//! network, store               the swarm (only it touches it); records, index,
//!                              key ledger, address book
//! config, keys, info, rate_limit, direct_codec, metrics    settings, key files, node facts,
//!                              limits, direct framing (config and keys read
//! data_dir, sync_codec         data_dir; direct_codec reuses sync_codec's framing)
//! ```
//!
//! A new arrow upwards (say, `store` using `trust`) makes a cycle and fails
//! here; move the shared piece down instead (as `info` holds `NodeInfo` for
//! `api` and `node`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file under `src` belongs to (`None` for lib.rs).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let first = file.strip_prefix(src).unwrap().components().next()?;
    let name = first.as_os_str().to_str()?.trim_end_matches(".rs").to_owned();
    (name != "lib").then_some(name)
}

/// The text with `//` comments removed (doc comments included), so paths
/// named in documentation do not count. A `//` inside a string (a URL) may
/// cut a line short, which can only hide a path, never invent one.
fn without_comments(text: &str) -> String {
    text.lines().map(|line| line.split_once("//").map_or(line, |(code, _)| code)).collect::<Vec<_>>().join("\n")
}

fn identifier(text: &str) -> &str {
    let end = text.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(text.len());
    &text[..end]
}

/// The top-level modules a file's code names as `crate::name` or inside
/// `crate::{name::…, other}`.
fn used_modules(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        // `vetnet_node::crate::` cannot occur, but `$crate::` in macros can.
        if code[..at].ends_with('$') || code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 1 => break,
                    '}' => depth -= 1,
                    ',' if depth == 1 => item_start = true,
                    c if item_start && depth == 1 && !c.is_whitespace() => {
                        item_start = false;
                        let name = identifier(&group[i..]);
                        if !name.is_empty() {
                            used.insert(name.to_owned());
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let name = identifier(rest);
            if !name.is_empty() {
                used.insert(name.to_owned());
            }
        }
    }
    used
}

/// Module → the other top-level modules it uses.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(&src, f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for file in &files {
        let Some(module) = module_of(&src, file) else { continue };
        let code = without_comments(&std::fs::read_to_string(file).unwrap());
        for used in used_modules(&code) {
            if used != module && modules.contains(&used) {
                graph.get_mut(&module).unwrap().insert(used);
            }
        }
    }
    graph
}

/// A cycle in `graph`, as the modules along it (the first repeated at the end).
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|m| m == module) {
            let mut cycle = path[at..].to_vec();
            cycle.push(module.to_owned());
            return Some(cycle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for next in &graph[module] {
            if let Some(cycle) = visit(next, graph, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|module| visit(module, graph, &mut done, &mut Vec::new()))
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let graph = module_graph();
    assert!(graph.contains_key("store") && graph.contains_key("network"), "the node's sources were not found");
    if let Some(cycle) = find_cycle(&graph) {
        let arrows: Vec<String> = graph
            .iter()
            .map(|(module, uses)| format!("  {module} → {}", uses.iter().cloned().collect::<Vec<_>>().join(", ")))
            .collect();
        panic!("import cycle between node modules: {}\nthe module graph:\n{}", cycle.join(" → "), arrows.join("\n"));
    }
}

#[test]
fn the_checks_see_paths_and_cycles() {
    let code = "use crate::store::{RecordStore, StoreError};\nuse crate::{config::Config, keys};\nlet x = crate::trust::today();\n// crate::api::serve\n";
    let used = used_modules(&without_comments(code));
    assert_eq!(used, BTreeSet::from(["config".into(), "keys".into(), "store".into(), "trust".into()]));
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
        ("b".to_owned(), BTreeSet::from(["c".to_owned()])),
        ("c".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]
    .into();
    assert_eq!(find_cycle(&graph), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
}
