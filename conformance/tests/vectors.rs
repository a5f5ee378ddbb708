//! The vector file is what the cases generate, and the reference agrees with
//! every case (or the case awaits a merge).
//!
//! `VETNET_WRITE_VECTORS=1 cargo test -p vetnet-conformance` rewrites
//! `protocol/tests/vectors/conformance.json` instead of comparing.

use std::collections::HashSet;

use vetnet_conformance::case::Verdict;
use vetnet_conformance::reference::{AWAITING_MERGE, CaseResult, compare, judge};
use vetnet_conformance::{cases, load_vectors, render, vectors_path};

#[test]
fn the_committed_file_is_the_generated_one() {
    let generated = render(&cases::generate());
    let path = vectors_path();
    if std::env::var_os("VETNET_WRITE_VECTORS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == generated,
        "{} differs from the generated cases: rewrite it with VETNET_WRITE_VECTORS=1 cargo test -p vetnet-conformance",
        path.display()
    );
}

#[test]
fn the_committed_file_loads() {
    let file = load_vectors(None).unwrap();
    assert_eq!(file.cases.len(), cases::generate().cases.len());
}

#[test]
fn the_cases_are_many_unique_and_complete() {
    let file = cases::generate();
    assert!(file.cases.len() >= 60, "only {} cases", file.cases.len());
    let mut ids = HashSet::new();
    for case in &file.cases {
        assert!(ids.insert(case.id.clone()), "case id {} twice", case.id);
        assert_eq!(
            case.verdict == Verdict::Reject,
            case.field.is_some(),
            "{}: a field exactly with a refusal",
            case.id
        );
    }
    for id in AWAITING_MERGE {
        assert!(ids.contains(*id), "AWAITING_MERGE names {id}, which is no case");
    }
}

#[test]
fn the_reference_agrees_with_every_case() {
    // The generated cases: the same as the committed file when the first
    // test passes, and never a file half written by it.
    let file = cases::generate();
    let mut failures = Vec::new();
    for case in &file.cases {
        let outcome = judge(case).unwrap();
        if let CaseResult::Fail(outcome) = compare(case, outcome) {
            failures.push(format!("{}: expected {} {:?}, got {outcome:?}", case.id, case.verdict, case.field));
        }
    }
    assert!(failures.is_empty(), "the reference disagrees:\n{}", failures.join("\n"));
}
