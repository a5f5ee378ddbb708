//! The payload: its encoding (RFC 8949 section 4.2.1 core deterministic
//! encoding, no tags) and the fields every record has (`docs/PROTOCOL.md`
//! "Payload", and steps 6 to 9 of "Checking a record").

use ciborium::Value;

use super::{TS, offer, offer_body, payload, record, signed, signed_raw, with, withdrawal};
use crate::case::Case;
use crate::cbor::{self, deterministic, indefinite_map, replace_once, text};
use crate::keys::TestKey;

const GROUP: &str = "payload";

/// The encoded payload of a valid offer with id `id`.
fn offer_payload(id: &str) -> Vec<u8> {
    deterministic(&payload("offer", id, 1, TS, Some(offer_body())))
}

/// The payload bytes of offer `id` with `from` replaced by `to`, signed.
fn rewritten(id: &str, from: &[u8], to: &[u8]) -> Vec<u8> {
    let bytes = offer_payload(id);
    signed_raw(TestKey::Test1, &replace_once(&bytes, from, to).unwrap_or(bytes))
}

/// An offer payload changed by `change`, signed by the test 1 key.
fn changed(id: &str, change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut p = payload("offer", id, 1, TS, Some(offer_body()));
    change(&mut p);
    signed(TestKey::Test1, &p)
}

pub(super) fn cases() -> Vec<Case> {
    let mut cases = encoding_cases();
    cases.extend(field_cases());
    cases.extend(shape_cases());
    cases
}

fn encoding_cases() -> Vec<Case> {
    // `"v": 1` is `61 76 01`; `"seq": 1` is `63 736571 01`.
    let v_long = rewritten("p-int-long", &[0x61, 0x76, 0x01], &[0x61, 0x76, 0x18, 0x01]);
    let v_bytes_key = rewritten("p-bytes-key", &[0x61, 0x76, 0x01], &[0x41, 0x76, 0x01]);
    let indefinite = signed_raw(TestKey::Test1, &indefinite_map(&offer_payload("p-indefinite")));
    let mut tagged = vec![0xd9, 0xd9, 0xf7];
    tagged.extend_from_slice(&offer_payload("p-tag-55799"));
    let tagged = signed_raw(TestKey::Test1, &tagged);
    let date = cbor::tstr("2027-03-01");
    let date_tag = rewritten("p-tag-1004", &date, &[&[0xd9, 0x03, 0xec][..], &date].concat());
    let mut trailing = offer_payload("p-trailing");
    trailing.push(0x00);
    let trailing = signed_raw(TestKey::Test1, &trailing);
    // Keys out of order: `net` written before `id`.
    let mut unsorted = cbor::sorted(&payload("offer", "p-unsorted", 1, TS, Some(offer_body())));
    if let Value::Map(entries) = &mut unsorted {
        entries.swap(0, 1);
    }
    let mut unsorted_bytes = Vec::new();
    let _ = ciborium::into_writer(&unsorted, &mut unsorted_bytes);
    let unsorted = signed_raw(TestKey::Test1, &unsorted_bytes);
    let mut bad_utf8_body = offer_body();
    cbor::set(&mut bad_utf8_body, "city", text("Malm\u{f6}"));
    let good = deterministic(&payload("offer", "p-utf8", 1, TS, Some(bad_utf8_body)));
    // "Malmö" is 4d 61 6c 6d c3 b6; c3 28 is no UTF-8.
    let bad_utf8 =
        signed_raw(TestKey::Test1, &replace_once(&good, &[0x6d, 0xc3, 0xb6], &[0x6d, 0xc3, 0x28]).unwrap_or(good));
    vec![
        record("payload-int-not-shortest", GROUP, "v = 1 written in two bytes (18 01) inside the payload.", v_long)
            .reject("v", "must be in the shortest encoding (RFC 8949 section 4.2.1)"),
        record("payload-indefinite-map", GROUP, "The payload map with an indefinite length (bf … ff).", indefinite)
            .reject("payload", "must have a definite length (RFC 8949 section 4.2.1)"),
        record("payload-tag-55799", GROUP, "The payload wrapped in the self-described CBOR tag 55799.", tagged)
            .reject("payload", "must not carry a CBOR tag (tag 55799)"),
        record(
            "payload-tag-1004-date",
            GROUP,
            "The offer's start date wrapped in tag 1004 (RFC 8943 full-date).",
            date_tag,
        )
        .reject("body.start", "must not carry a CBOR tag (tag 1004)"),
        record(
            "payload-bytes-key",
            GROUP,
            "The key of v written as the byte string h'76' instead of the text \"v\".",
            v_bytes_key,
        )
        .reject("payload", "map keys must be text strings"),
        record(
            "payload-keys-unsorted",
            GROUP,
            "The payload map with net before id: not in deterministic order.",
            unsorted,
        )
        .reject("payload", "map keys must be in deterministic order (RFC 8949 section 4.2.1)"),
        record("payload-trailing-bytes", GROUP, "A byte 00 after the payload map inside the payload bstr.", trailing)
            .reject("payload", "nothing may follow the payload map"),
        record("payload-invalid-utf8", GROUP, "The offer's city holds the bytes c3 28, which are not UTF-8.", bad_utf8)
            .reject("body.city", "must be valid UTF-8"),
    ]
}

fn field_cases() -> Vec<Case> {
    vec![
        record(
            "payload-v-2",
            GROUP,
            "Format version 2.",
            changed("p-v2", |p| cbor::set(p, "v", Value::Integer(2.into()))),
        )
        .reject("v", "must be 1, the format version this node understands"),
        record(
            "payload-wrong-network",
            GROUP,
            "A record of the network \"hansa\" sent to a bsr node.",
            changed("p-net", |p| cbor::set(p, "net", text("hansa"))),
        )
        .reject("net", "must be this node's network"),
        record(
            "payload-kind-capitals",
            GROUP,
            "kind \"Offer\".",
            changed("p-kind", |p| cbor::set(p, "kind", text("Offer"))),
        )
        .reject("kind", "must be 1-32 lower-case letters, digits or hyphens, starting with a letter"),
        record(
            "payload-kind-33",
            GROUP,
            "A kind of 33 bytes.",
            changed("p-kind-long", |p| cbor::set(p, "kind", text(&"k".repeat(33)))),
        )
        .reject("kind", "must be 1-32 lower-case letters, digits or hyphens, starting with a letter"),
        record("payload-id-space", GROUP, "id \"a b\".", changed("p-id", |p| cbor::set(p, "id", text("a b"))))
            .reject("id", "must be 1-64 letters, digits, '-', '_' or '.'"),
        record(
            "payload-id-65",
            GROUP,
            "An id of 65 bytes.",
            changed("p-id-long", |p| cbor::set(p, "id", text(&"i".repeat(65)))),
        )
        .reject("id", "must be 1-64 letters, digits, '-', '_' or '.'"),
        record("payload-seq-0", GROUP, "seq 0.", changed("p-seq0", |p| cbor::set(p, "seq", Value::Integer(0.into()))))
            .reject("seq", "must be at least 1"),
        record("payload-v-missing", GROUP, "No v.", changed("p-no-v", |p| cbor::remove(p, "v")))
            .reject("v", "is required"),
        record(
            "payload-net-integer",
            GROUP,
            "net is the integer 7.",
            changed("p-net-int", |p| cbor::set(p, "net", Value::Integer(7.into()))),
        )
        .reject("net", "must be text"),
        record(
            "payload-v-over-32-bits",
            GROUP,
            "v = 2^32: out of its 32-bit range.",
            changed("p-v-big", |p| cbor::set(p, "v", Value::Integer((1u64 << 32).into()))),
        )
        .reject("v", "must be 1, the format version this node understands"),
        record(
            "payload-duplicate-key",
            GROUP,
            "The field seq twice (1 and 2).",
            changed("p-dup", |p| {
                if let Value::Map(entries) = p {
                    entries.push((text("seq"), Value::Integer(2.into())));
                }
            }),
        )
        .reject("seq", "appears twice in its map"),
        record(
            "payload-ts-ahead-600",
            GROUP,
            "ts exactly 600 s ahead of the receiver's clock: still accepted.",
            offer("p-ts-600", offer_body()),
        )
        .now(TS - 600)
        .accept(),
        record(
            "payload-from-the-future",
            GROUP,
            "ts 601 s ahead of the receiver's clock.",
            offer("p-ts-601", offer_body()),
        )
        .now(TS - 601)
        .ignore("ts: the record is signed 601 s in the future; at most 600 s of clock skew is allowed"),
        record(
            "payload-unknown-field",
            GROUP,
            "An unknown top-level field \"x-note\": ignored, the record is accepted.",
            changed("p-unknown", |p| cbor::set(p, "x-note", text("kept"))),
        )
        .accept(),
    ]
}

fn shape_cases() -> Vec<Case> {
    vec![
        record("payload-not-a-map", GROUP, "The payload is an array.", signed_raw(TestKey::Test1, &[0x82, 0x01, 0x02]))
            .reject("payload", "must be a CBOR map"),
        record(
            "payload-body-and-withdrawn",
            GROUP,
            "withdrawn true and a body.",
            changed("p-both", |p| cbor::set(p, "withdrawn", Value::Bool(true))),
        )
        .reject("body", "must be absent in a withdrawal"),
        record(
            "payload-no-body",
            GROUP,
            "Neither a body nor withdrawn.",
            signed(TestKey::Test1, &payload("offer", "p-nobody", 1, TS, None)),
        )
        .reject("body", "is required unless the record is a withdrawal"),
        record(
            "payload-body-array",
            GROUP,
            "body is an array.",
            changed("p-body-array", |p| cbor::set(p, "body", Value::Array(vec![]))),
        )
        .reject("body", "must be a CBOR map"),
        record(
            "payload-withdrawn-false",
            GROUP,
            "withdrawn false written out, with a body: a plain record.",
            changed("p-wfalse", |p| cbor::set(p, "withdrawn", Value::Bool(false))),
        )
        .accept(),
        record("payload-withdrawal-body-null", GROUP, "A withdrawal with body null: null is refused everywhere.", {
            let mut w = withdrawal("offer", "p-wnull", 2, TS);
            cbor::set(&mut w, "body", Value::Null);
            signed(TestKey::Test1, &w)
        })
        .reject("body", "must not be null: leave an absent field out"),
        record(
            "payload-unknown-kind",
            GROUP,
            "A kind this version does not interpret, with a map body: stored as is.",
            signed(
                TestKey::Test1,
                &payload("course-catalogue", "catalogue-2027", 1, TS, Some(with(Value::Map(vec![]), "x", text("y")))),
            ),
        )
        .accept(),
        record(
            "payload-unknown-kind-withdrawal",
            GROUP,
            "A withdrawal of a kind this version does not interpret.",
            signed(TestKey::Test1, &withdrawal("course-catalogue", "catalogue-2026", 2, TS)),
        )
        .accept(),
    ]
}
