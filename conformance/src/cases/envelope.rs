//! The envelope: COSE_Sign1, its headers, its encoding, the signature
//! (`docs/PROTOCOL.md` "Envelope: COSE_Sign1").

use ed25519_dalek::Signer;

use super::{TS, offer, offer_body, payload, record};
use crate::case::Case;
use crate::cbor::{self, bstr, deterministic};
use crate::keys::TestKey;
use crate::sign::{self, Envelope, record_header, sig_structure};

/// The group of these cases.
const GROUP: &str = "envelope";

/// The payload bytes of the envelope cases: a valid offer.
fn offer_payload(id: &str) -> Vec<u8> {
    deterministic(&payload("offer", id, 1, TS, Some(offer_body())))
}

/// An envelope of the test 1 key over `payload` with `protected`, signed.
fn envelope_with(protected: Vec<u8>, payload: &[u8]) -> Envelope {
    Envelope::signed(&TestKey::Test1.signing(), protected, payload)
}

fn kid() -> [u8; 32] {
    *TestKey::Test1.id().as_bytes()
}

/// `S + L` for a little-endian scalar `S` (L, the group order, is
/// 2^252 + 27742317777372353535851937790883648493): a signature that the
/// cofactorless equation accepts but is not canonical.
fn add_group_order(s: &[u8]) -> Vec<u8> {
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut out = vec![0u8; 32];
    let mut carry = 0u16;
    for i in 0..32 {
        let sum = u16::from(s[i]) + u16::from(L[i]) + carry;
        out[i] = sum as u8;
        carry = sum >> 8;
    }
    out
}

pub(super) fn cases() -> Vec<Case> {
    let mut cases = vec![
        record("envelope-valid", GROUP, "A valid offer in the spec's envelope.", offer("env-valid", offer_body()))
            .accept(),
    ];
    cases.extend(header_cases());
    cases.extend(encoding_cases());
    cases.extend(signature_cases());
    cases
}

fn header_cases() -> Vec<Case> {
    let mut reordered = vec![0xa2, 0x04];
    reordered.extend_from_slice(&bstr(&kid()));
    reordered.extend_from_slice(&[0x01, 0x27]);
    let mut alg_long = vec![0xa2, 0x01, 0x38, 0x07, 0x04];
    alg_long.extend_from_slice(&bstr(&kid()));
    let mut es256 = vec![0xa2, 0x01, 0x26, 0x04];
    es256.extend_from_slice(&bstr(&kid()));
    let mut short_kid = vec![0xa2, 0x01, 0x27, 0x04];
    short_kid.extend_from_slice(&bstr(&kid()[..31]));
    let step_header = sign::direct_header(sign::STEP_CONTENT_TYPE, &kid());
    let mut unprotected = envelope_with(record_header(&kid()), &offer_payload("env-header-1"));
    unprotected.unprotected = vec![0xa1, 0x04];
    unprotected.unprotected.extend_from_slice(&bstr(&kid()));
    vec![
        record(
            "protected-reordered",
            GROUP,
            "The protected header with its labels in the other order: {4: kid, 1: -8}.",
            envelope_with(reordered, &offer_payload("env-header-2")).to_bytes(),
        )
        .reject("protected", "must be exactly the bytes a2 01 27 04 58 20 <kid>"),
        record(
            "protected-alg-long",
            GROUP,
            "The protected header with alg -8 in a longer encoding (38 07 instead of 27).",
            envelope_with(alg_long, &offer_payload("env-header-3")).to_bytes(),
        )
        .reject("protected", "must be exactly the bytes a2 01 27 04 58 20 <kid>"),
        record(
            "protected-alg-es256",
            GROUP,
            "The protected header names alg -7 (ES256) instead of -8 (EdDSA).",
            envelope_with(es256, &offer_payload("env-header-4")).to_bytes(),
        )
        .reject("protected", "must say alg EdDSA (-8)"),
        record(
            "protected-kid-31",
            GROUP,
            "The kid is 31 bytes, not a 32-byte Ed25519 key.",
            envelope_with(short_kid, &offer_payload("env-header-5")).to_bytes(),
        )
        .reject("protected", "the kid must be the 32-byte Ed25519 public key"),
        record(
            "protected-content-type",
            GROUP,
            "A record whose protected header carries the mobility step content type.",
            envelope_with(step_header, &offer_payload("env-header-6")).to_bytes(),
        )
        .reject("protected", "may hold only alg and kid"),
        record("unprotected-not-empty", GROUP, "The kid repeated in the unprotected header.", unprotected.to_bytes())
            .reject("unprotected", "must be the empty map, written a0"),
    ]
}

fn encoding_cases() -> Vec<Case> {
    let p = offer_payload("env-encoding");
    let valid = envelope_with(record_header(&kid()), &p);
    let mut untagged = valid.clone();
    untagged.tagged = false;
    let mut long_signature = valid.clone();
    long_signature.signature_item = [vec![0x59, 0x00, 0x40], valid.signature()].concat();
    let array = valid.to_bytes();
    let mut indefinite = array[..1].to_vec();
    indefinite.push(0x9f);
    indefinite.extend_from_slice(&array[2..]);
    indefinite.push(0xff);
    let mut trailing = valid.to_bytes();
    trailing.push(0x00);
    // Detached: the signature covers the payload's place with h'' (RFC 9052
    // section 4.4 for a detached payload), so only the detachment is wrong.
    let mut detached = envelope_with(record_header(&kid()), &[]);
    detached.payload_item = vec![0xf6];
    let mut big_body = offer_body();
    cbor::set(&mut big_body, "padding", cbor::text(&"x".repeat(49_200)));
    vec![
        record("envelope-untagged", GROUP, "The COSE_Sign1 array without tag 18.", untagged.to_bytes())
            .reject("envelope", "must be a tagged COSE_Sign1 message (tag 18)"),
        record(
            "envelope-signature-long-head",
            GROUP,
            "The 64-byte signature bstr with its length written 59 00 40.",
            long_signature.to_bytes(),
        )
        .reject("signature", "must be in the shortest encoding (its length is written in more bytes than it needs)"),
        record("envelope-indefinite-array", GROUP, "The COSE_Sign1 array with an indefinite length.", indefinite)
            .reject("envelope", "must be in the preferred CBOR encoding (shortest heads, definite lengths)"),
        record("envelope-trailing-bytes", GROUP, "A byte 00 after the envelope.", trailing)
            .reject("envelope", "nothing may follow the envelope"),
        record(
            "envelope-detached-payload",
            GROUP,
            "The payload is nil (detached); the signature covers an empty payload.",
            detached.to_bytes(),
        )
        .reject("payload", "must be attached (a byte string), not nil"),
        record(
            "record-too-large",
            GROUP,
            "A record over 49152 bytes (a long unknown body field).",
            super::offer("env-large", big_body),
        )
        .reject("record", "must be at most 49152 bytes"),
    ]
}

fn signature_cases() -> Vec<Case> {
    let p = offer_payload("env-signature");
    let valid = envelope_with(record_header(&kid()), &p);
    let signature = valid.signature();
    let mut flipped = valid.clone();
    let mut bad = signature.clone();
    bad[10] ^= 0x01;
    flipped.signature_item = bstr(&bad);
    let mut non_canonical = valid.clone();
    let mut s_plus_l = signature[..32].to_vec();
    s_plus_l.extend_from_slice(&add_group_order(&signature[32..]));
    non_canonical.signature_item = bstr(&s_plus_l);
    let mut other_key = valid.clone();
    let by_test2 = TestKey::Test2.signing().sign(&sig_structure(&record_header(&kid()), &p)).to_bytes();
    other_key.signature_item = bstr(&by_test2);
    // The identity point as the key, R the identity and S = 0: the
    // cofactorless equation holds for any message; strict verification
    // refuses the small-order key.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let small_payload = deterministic(&payload("offer", "env-small-order", 1, TS, Some(offer_body())));
    let mut small = Envelope::signed(&TestKey::Test1.signing(), record_header(&identity), &small_payload);
    let mut weak_signature = identity.to_vec();
    weak_signature.extend_from_slice(&[0u8; 32]);
    small.signature_item = bstr(&weak_signature);
    // The first key bytes 2, 3, … (then zeros) that are no curve point.
    let not_a_point = (2u8..=255)
        .map(|b| {
            let mut key = [0u8; 32];
            key[0] = b;
            key
        })
        .find(|key| ed25519_dalek::VerifyingKey::from_bytes(key).is_err())
        .unwrap_or([0xff; 32]);
    let off_curve_payload = deterministic(&payload("offer", "env-off-curve", 1, TS, Some(offer_body())));
    let off_curve = Envelope::signed(&TestKey::Test1.signing(), record_header(&not_a_point), &off_curve_payload);
    let mut short = valid.clone();
    short.signature_item = bstr(&signature[..63]);
    vec![
        record("signature-bit-flipped", GROUP, "One bit of the signature flipped.", flipped.to_bytes()).reject("signature", "does not match the author key"),
        record("signature-non-canonical-s", GROUP, "The signature with S + L in place of S: valid for a lax verifier, not canonical.", non_canonical.to_bytes())
            .reject("signature", "does not match the author key"),
        record("signature-other-key", GROUP, "Signed by the test 2 key, kid the test 1 key.", other_key.to_bytes()).reject("signature", "does not match the author key"),
        record("signature-small-order-key", GROUP, "kid the identity point, R the identity, S = 0: the cofactorless equation holds, but the key has small order.", small.to_bytes())
            .reject("signature", "does not match the author key"),
        record(
            "signature-key-not-a-point",
            GROUP,
            "A kid whose 32 bytes are no point of the curve.",
            off_curve.to_bytes(),
        )
        .reject("signature", "does not match the author key"),
        record("signature-63-bytes", GROUP, "A 63-byte signature.", short.to_bytes()).reject("signature", "does not match the author key"),
    ]
}
