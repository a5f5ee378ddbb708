//! Versions, withdrawals, and rotated or revoked keys: cases that need the
//! records in `given` first (`docs/PROTOCOL.md` "Records, versions and
//! withdrawals", "Rotated and revoked keys: what nodes refuse").

use super::kinds::{rotation, self_revocation};
use super::{TS, offer_body, payload, record, signed, with, withdrawal};
use crate::case::Case;
use crate::cbor::text;
use crate::keys::TestKey;

const GROUP: &str = "versions";

/// Offer `id`, version `seq`, of `key`, with the title `title`.
fn version(key: TestKey, id: &str, seq: u64, ts: u64, title: &str) -> Vec<u8> {
    let title = ciborium::Value::Map(vec![(text("en"), text(title))]);
    signed(key, &payload("offer", id, seq, ts, Some(with(offer_body(), "title", title))))
}

fn withdraw(id: &str, seq: u64) -> Vec<u8> {
    signed(TestKey::Test1, &withdrawal("offer", id, seq, TS))
}

pub(super) fn cases() -> Vec<Case> {
    let mut cases = version_cases();
    cases.extend(key_cases());
    cases
}

fn version_cases() -> Vec<Case> {
    let t1 = TestKey::Test1;
    vec![
        record(
            "version-newer",
            GROUP,
            "seq 2 after seq 1 of the same offer: replaces it.",
            version(t1, "v-newer", 2, TS, "Version two"),
        )
        .given(vec![version(t1, "v-newer", 1, TS, "Version one")])
        .accept(),
        record(
            "version-stale",
            GROUP,
            "seq 1 after seq 2 of the same offer.",
            version(t1, "v-stale", 1, TS, "Version one"),
        )
        .given(vec![version(t1, "v-stale", 2, TS, "Version two")])
        .ignore("stale: a newer version (seq 2) is held"),
        record(
            "version-same-seq-other-bytes",
            GROUP,
            "seq 1 again, with another title: the same seq with different bytes.",
            version(t1, "v-same", 1, TS, "Another title"),
        )
        .given(vec![version(t1, "v-same", 1, TS, "Version one")])
        .ignore("stale: a version with the same seq is held"),
        record(
            "version-duplicate",
            GROUP,
            "The exact record already held.",
            version(t1, "v-dup", 1, TS, "Version one"),
        )
        .given(vec![version(t1, "v-dup", 1, TS, "Version one")])
        .ignore("duplicate: this record is held"),
        record(
            "version-ts-plays-no-part",
            GROUP,
            "seq 2 with an older ts than seq 1: seq alone orders versions.",
            version(t1, "v-ts", 2, TS - 1000, "Version two"),
        )
        .given(vec![version(t1, "v-ts", 1, TS, "Version one")])
        .accept(),
        record(
            "withdrawal-after-record",
            GROUP,
            "The withdrawal (seq 2) of an offer held at seq 1.",
            withdraw("v-withdraw", 2),
        )
        .given(vec![version(t1, "v-withdraw", 1, TS, "Version one")])
        .accept(),
        record(
            "withdrawal-then-older",
            GROUP,
            "seq 1 of an offer whose withdrawal (seq 2) is held: the tombstone wins.",
            version(t1, "v-tomb", 1, TS, "Version one"),
        )
        .given(vec![withdraw("v-tomb", 2)])
        .ignore("stale: a newer version (the withdrawal, seq 2) is held"),
        record(
            "withdrawal-then-newer",
            GROUP,
            "seq 3 of an offer withdrawn at seq 2: replaces the withdrawal.",
            version(t1, "v-revive", 3, TS, "Version three"),
        )
        .given(vec![version(t1, "v-revive", 1, TS, "Version one"), withdraw("v-revive", 2)])
        .accept(),
    ]
}

fn key_cases() -> Vec<Case> {
    let rotated = TestKey::Test3;
    let revoked = TestKey::TestShaAbc;
    vec![
        record(
            "rotated-key-after-cut-off",
            "keys",
            "A record of the test 3 key signed 1 s after its rotation.",
            version(rotated, "r-after", 1, TS + 1, "After the rotation"),
        )
        .given(vec![rotation()])
        .ignore("the key rotated at ts 1795000000; its records signed later are refused"),
        record(
            "rotated-key-before-cut-off",
            "keys",
            "A record of the test 3 key signed at the second of its rotation: still valid.",
            version(rotated, "r-at", 1, TS, "At the rotation"),
        )
        .given(vec![rotation()])
        .accept(),
        record(
            "revoked-key-after-since",
            "keys",
            "A record of the test SHA(abc) key signed after the since of its own revocation.",
            version(revoked, "x-after", 1, TS - 3600, "After the revocation"),
        )
        .given(vec![self_revocation()])
        .ignore("the key is revoked from 1794913600; its records signed since are refused"),
        record(
            "revoked-key-before-since",
            "keys",
            "A record of the test SHA(abc) key signed before the since of its revocation.",
            version(revoked, "x-before", 1, TS - 86_401, "Before the revocation"),
        )
        .given(vec![self_revocation()])
        .accept(),
    ]
}
