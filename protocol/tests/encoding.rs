//! The encoding rule (docs/PROTOCOL.md, "Encoding: deterministic CBOR"):
//! every valid vector, with one item of its payload rewritten into a
//! non-deterministic form and signed again with the vector's key (so only
//! the encoding is wrong), is refused with the encoding rule and the field of
//! that item. And no refusal of a broken message, however broken, carries a
//! decoder's wording.

use std::path::PathBuf;

use ciborium::Value;
use ed25519_dalek::{Signer, SigningKey};
use vetnet_protocol::letter::{LETTER_CONTENT_TYPE, VerifiedLetter};
use vetnet_protocol::mobility::{RECEIPT_CONTENT_TYPE, STEP_CONTENT_TYPE, VerifiedReceipt, VerifiedStep};
use vetnet_protocol::{RecordError, ValidationContext, VerifiedRecord};

/// What a vector file gives: the key, the header, the payload, the clock.
struct Vector {
    name: String,
    network: String,
    now: u64,
    key: SigningKey,
    content_type: Option<String>,
    protected: Vec<u8>,
    payload: Vec<u8>,
}

fn vectors() -> Vec<Vector> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("vectors");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        // The conformance cases are a file of another format (see its README).
        .filter(|path| path.file_stem().is_some_and(|stem| stem != "conformance"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|path| {
            let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let hex_of = |field: &str| hex::decode(json[field].as_str().unwrap()).unwrap();
            let secret: [u8; 32] = hex_of("secret_key_hex").try_into().unwrap();
            Vector {
                name: path.file_stem().unwrap().to_string_lossy().into_owned(),
                network: json["network"].as_str().unwrap().to_owned(),
                now: json["now"].as_u64().unwrap(),
                key: SigningKey::from_bytes(&secret),
                content_type: json["content_type"].as_str().map(str::to_owned),
                protected: hex_of("protected_hex"),
                payload: hex_of("payload_hex"),
            }
        })
        .collect()
}

fn bstr(bytes: &[u8], out: &mut Vec<u8>) {
    head(2, bytes.len() as u64, out);
    out.extend_from_slice(bytes);
}

fn head(major: u8, n: u64, out: &mut Vec<u8>) {
    let major = major << 5;
    match n {
        0..=23 => out.push(major | n as u8),
        24..=0xff => out.extend([major | 24, n as u8]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend((n as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(major | 26);
            out.extend((n as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend(n.to_be_bytes());
        }
    }
}

/// A tagged COSE_Sign1 of `payload` with the vector's header and key.
fn sign(vector: &Vector, payload: &[u8]) -> Vec<u8> {
    let mut tbs = vec![0x84, 0x6a];
    tbs.extend_from_slice(b"Signature1");
    bstr(&vector.protected, &mut tbs);
    tbs.push(0x40);
    bstr(payload, &mut tbs);
    let signature = vector.key.sign(&tbs).to_bytes();
    let mut out = vec![0xd2, 0x84];
    bstr(&vector.protected, &mut out);
    out.push(0xa0);
    bstr(payload, &mut out);
    bstr(&signature, &mut out);
    out
}

/// Opens `bytes` as what the vector is; `Ok(())` when accepted.
fn open(vector: &Vector, bytes: &[u8]) -> Result<(), RecordError> {
    let ctx = ValidationContext { network: &vector.network, now: vector.now };
    match vector.content_type.as_deref() {
        None => VerifiedRecord::open(bytes, &ctx).map(drop),
        Some(STEP_CONTENT_TYPE) => VerifiedStep::open(bytes, &ctx).map(drop),
        Some(RECEIPT_CONTENT_TYPE) => VerifiedReceipt::open(bytes, &vector.network).map(drop),
        Some(LETTER_CONTENT_TYPE) => VerifiedLetter::open(bytes, &ctx).map(drop),
        Some(other) => panic!("{}: unknown content type {other}", vector.name),
    }
}

/// One item written in a non-deterministic form.
#[derive(Clone, Copy, Debug)]
enum Mutation {
    /// The head's argument in 9 bytes.
    LongHead,
    /// An indefinite length (a map or array).
    Indefinite,
    /// A tag around the item.
    Tag(u64),
    /// The first two keys of a map swapped.
    SwapKeys,
}

fn path_of(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_owned() } else { format!("{parent}.{key}") }
}

/// Writes `value` deterministically, except the item at `target`.
fn write(value: &Value, path: &str, target: &str, mutation: Mutation, out: &mut Vec<u8>) {
    let here = path == target;
    if here && let Mutation::Tag(tag) = mutation {
        head(6, tag, out);
    }
    let long = here && matches!(mutation, Mutation::LongHead);
    let indefinite = here && matches!(mutation, Mutation::Indefinite);
    let head_of = |major: u8, n: u64, out: &mut Vec<u8>| {
        if long {
            out.push((major << 5) | 27);
            out.extend(n.to_be_bytes());
        } else {
            head(major, n, out);
        }
    };
    match value {
        Value::Integer(n) => {
            let n = i128::from(*n);
            if n >= 0 { head_of(0, n as u64, out) } else { head_of(1, (-1 - n) as u64, out) }
        }
        Value::Text(text) => {
            head_of(3, text.len() as u64, out);
            out.extend_from_slice(text.as_bytes());
        }
        Value::Bytes(bytes) => {
            head_of(2, bytes.len() as u64, out);
            out.extend_from_slice(bytes);
        }
        Value::Array(items) => {
            if indefinite {
                out.push(0x9f)
            } else {
                head_of(4, items.len() as u64, out)
            }
            for (i, item) in items.iter().enumerate() {
                write(item, &format!("{}[{i}]", if path.is_empty() { "payload" } else { path }), target, mutation, out);
            }
            if indefinite {
                out.push(0xff);
            }
        }
        Value::Map(entries) => {
            if indefinite {
                out.push(0xbf)
            } else {
                head_of(5, entries.len() as u64, out)
            }
            let mut order: Vec<&(Value, Value)> = entries.iter().collect();
            if here && matches!(mutation, Mutation::SwapKeys) {
                order.swap(0, 1);
            }
            for (key, item) in order {
                let key_text = key.as_text().unwrap();
                write(key, "\u{0}key", target, mutation, out);
                write(item, &path_of(path, key_text), target, mutation, out);
            }
            if indefinite {
                out.push(0xff);
            }
        }
        Value::Bool(b) => out.push(if *b { 0xf5 } else { 0xf4 }),
        Value::Float(f) => {
            out.extend(vetnet_protocol::cbor::to_deterministic_vec(f).unwrap());
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// The path of the first text or integer below `body` (or `id` when there
/// is no body), for a tag around a value inside the body.
fn first_leaf(value: &Value, path: &str) -> Option<String> {
    match value {
        Value::Text(_) | Value::Integer(_) => Some(path.to_owned()),
        Value::Map(entries) => entries.iter().find_map(|(k, v)| first_leaf(v, &path_of(path, k.as_text().unwrap()))),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| first_leaf(v, &format!("{path}[{i}]"))),
        _ => None,
    }
}

fn entry<'a>(payload: &'a Value, key: &str) -> Option<&'a Value> {
    payload.as_map().unwrap().iter().find(|(k, _)| k.as_text() == Some(key)).map(|(_, v)| v)
}

/// The cases for one vector: (item, mutation, field, start of the rule).
fn cases(payload: &Value) -> Vec<(String, Mutation, String, String)> {
    let ts = entry(payload, "ts").and_then(|ts| ts.as_integer()).map(u64::try_from).unwrap().unwrap();
    let ts_bytes = match ts {
        0..=23 => 1,
        24..=0xff => 2,
        0x100..=0xffff => 3,
        0x1_0000..=0xffff_ffff => 5,
        _ => 9,
    };
    let shortest =
        |size: usize| format!("must be in the shortest encoding (an integer written in 9 bytes where {size} suffice)");
    let mut cases = vec![
        ("ts".to_owned(), Mutation::LongHead, "ts".to_owned(), shortest(ts_bytes)),
        (
            "net".to_owned(),
            Mutation::LongHead,
            "net".to_owned(),
            "must be in the shortest encoding (a length written in 9 bytes where 1 suffice)".to_owned(),
        ),
        (
            String::new(),
            Mutation::Indefinite,
            "payload".to_owned(),
            "must have a definite length (a map of indefinite length)".to_owned(),
        ),
        (
            String::new(),
            Mutation::Tag(55_799),
            "payload".to_owned(),
            "must not carry a CBOR tag (tag 55799)".to_owned(),
        ),
        (
            String::new(),
            Mutation::SwapKeys,
            "payload".to_owned(),
            "map keys must be in deterministic order (RFC 8949 section 4.2.1)".to_owned(),
        ),
    ];
    if let Some(body) = entry(payload, "body") {
        cases.push((
            "body".to_owned(),
            Mutation::Indefinite,
            "body".to_owned(),
            "must have a definite length (a map of indefinite length)".to_owned(),
        ));
        if body.as_map().unwrap().len() >= 2 {
            cases.push((
                "body".to_owned(),
                Mutation::SwapKeys,
                "body".to_owned(),
                "map keys must be in deterministic order".to_owned(),
            ));
        }
        let leaf = first_leaf(body, "body").unwrap();
        cases.push((leaf.clone(), Mutation::Tag(1004), leaf, "must not carry a CBOR tag (tag 1004)".to_owned()));
    }
    cases
}

#[test]
fn each_vector_with_one_item_in_a_non_deterministic_form_is_refused_naming_it() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 16, "every vector file is covered");
    let mut refused = 0;
    for vector in &vectors {
        assert_eq!(open(vector, &sign(vector, &vector.payload)).map_err(|e| e.to_string()), Ok(()), "{}", vector.name);
        let payload = vetnet_protocol::cbor::read_deterministic(&vector.payload, "").unwrap();
        let mut unchanged = Vec::new();
        write(&payload, "", "\u{0}none", Mutation::LongHead, &mut unchanged);
        assert_eq!(unchanged, vector.payload, "{}: the test writer is deterministic", vector.name);
        for (target, mutation, field, rule) in cases(&payload) {
            let mut bytes = Vec::new();
            write(&payload, "", &target, mutation, &mut bytes);
            assert_ne!(bytes, vector.payload);
            match open(vector, &sign(vector, &bytes)) {
                Err(error @ RecordError::Payload(_)) => {
                    assert_eq!(error.field(), field, "{}: {mutation:?} of {target:?}: {error}", vector.name);
                    assert!(error.rule().starts_with(&rule), "{}: {mutation:?} of {target:?}: {error}", vector.name);
                    refused += 1;
                }
                other => {
                    panic!("{}: {mutation:?} of {target:?}: expected an encoding refusal, got {other:?}", vector.name)
                }
            }
        }
    }
    assert!(refused >= 16 * 5, "{refused} cases");
}

/// Wording of a decoder that must never reach a message.
const INTERNALS: [&str; 5] = ["Semantic(", "Syntax(", "invalid type:", "expected", "RecursionLimitExceeded"];

fn assert_in_words(what: &str, error: &RecordError) {
    for text in [error.to_string(), error.field(), error.rule()] {
        for internal in INTERNALS {
            assert!(!text.contains(internal), "{what}: {text:?} contains {internal:?}");
        }
    }
    assert!(!error.field().is_empty(), "{what}: {error} names no field");
}

/// Bodies with every field replaced by a value of each wrong type.
fn type_confusions(payload: &Value) -> Vec<Value> {
    let Some(Value::Map(body)) = entry(payload, "body") else { return Vec::new() };
    let wrong = [
        Value::Integer(99.into()),
        Value::Integer(300.into()),
        Value::Integer((-1).into()),
        Value::Text("x".into()),
        Value::Bytes(vec![0x76]),
        Value::Array(vec![Value::Integer(1.into())]),
        Value::Map(vec![]),
        Value::Bool(true),
        Value::Float(1.5),
    ];
    let mut out = Vec::new();
    for i in 0..body.len() {
        for value in &wrong {
            let mut body = body.clone();
            body[i].1 = value.clone();
            let mut payload = payload.clone();
            let slot = payload.as_map_mut().unwrap().iter_mut().find(|(k, _)| k.as_text() == Some("body")).unwrap();
            slot.1 = Value::Map(body);
            out.push(payload);
        }
    }
    out
}

#[test]
fn no_refusal_carries_a_decoders_wording() {
    let mut checked = 0;
    for vector in vectors() {
        let payload = vetnet_protocol::cbor::read_deterministic(&vector.payload, "").unwrap();
        // Every non-deterministic form of the cases above.
        for (target, mutation, _, _) in cases(&payload) {
            let mut bytes = Vec::new();
            write(&payload, "", &target, mutation, &mut bytes);
            if let Err(error) = open(&vector, &sign(&vector, &bytes)) {
                assert_in_words(&vector.name, &error);
                checked += 1;
            }
        }
        // Wrong types and ranges for every body field.
        for broken in type_confusions(&payload) {
            let bytes = vetnet_protocol::cbor::to_deterministic_vec(&broken).unwrap();
            if let Err(error) = open(&vector, &sign(&vector, &bytes)) {
                assert_in_words(&vector.name, &error);
                checked += 1;
            }
        }
        // Single bytes of the payload replaced by bytes that start other items,
        // and the payload cut short.
        for position in (0..vector.payload.len()).step_by(3) {
            for replacement in
                [0x00, 0x18, 0x1b, 0x40, 0x5f, 0x60, 0x7f, 0x80, 0xa0, 0xbf, 0xc1, 0xf6, 0xf7, 0xfb, 0xff]
            {
                let mut bytes = vector.payload.clone();
                bytes[position] = replacement;
                if let Err(error) = open(&vector, &sign(&vector, &bytes)) {
                    assert_in_words(&vector.name, &error);
                    checked += 1;
                }
            }
            let cut = &vector.payload[..position];
            if let Err(error) = open(&vector, &sign(&vector, cut)) {
                assert_in_words(&vector.name, &error);
                checked += 1;
            }
        }
        // Invalid UTF-8 in a text.
        let mut bytes = vector.payload.clone();
        let net = bytes.windows(4).position(|w| w == [0x63, b'b', b's', b'r']).unwrap();
        bytes[net + 1] = 0xff;
        let error = open(&vector, &sign(&vector, &bytes)).unwrap_err();
        assert_eq!((error.field().as_str(), error.rule().as_str()), ("net", "must be valid UTF-8"), "{}", vector.name);
    }
    // The fuzz corpus of whole records and of payloads.
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    let ctx = ValidationContext { network: "bsr", now: 1_795_000_060 };
    let record_vector = vectors().into_iter().find(|v| v.name == "offer").unwrap();
    for (dir, signed) in [("record_open", false), ("record_payload", true), ("mobility_step", false)] {
        let Ok(entries) = std::fs::read_dir(corpus.join(dir)) else { continue };
        for entry in entries {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            let bytes = if signed { sign(&record_vector, &bytes) } else { bytes };
            for error in
                [VerifiedRecord::open(&bytes, &ctx).err(), VerifiedStep::open(&bytes, &ctx).err()].into_iter().flatten()
            {
                assert_in_words(dir, &error);
                checked += 1;
            }
        }
    }
    assert!(checked > 5_000, "{checked} refusals checked");
}

#[test]
fn a_byte_string_key_is_not_read_as_a_field() {
    let vector = vectors().into_iter().find(|v| v.name == "offer").unwrap();
    // `v` written as the byte string h'76' (0x41 0x76) instead of text (0x61 0x76).
    let mut bytes = vector.payload.clone();
    assert_eq!(&bytes[1..3], &[0x61, b'v']);
    bytes[1] = 0x41;
    let error = open(&vector, &sign(&vector, &bytes)).unwrap_err();
    assert_eq!(
        (error.field().as_str(), error.rule().as_str()),
        ("payload", "map keys must be text strings (got a byte string)")
    );
}

/// What a store may hold from before the strict rules reads back, and is
/// told apart from what `open` accepts without a signature check.
#[test]
fn a_stored_record_in_an_older_encoding_is_recognised() {
    for vector in vectors().iter().filter(|v| v.content_type.is_none()) {
        let strict = VerifiedRecord::from_trusted_bytes(&sign(vector, &vector.payload), &vector.network).unwrap();
        assert!(strict.has_strict_encoding(), "{}", vector.name);
        let payload = vetnet_protocol::cbor::read_deterministic(&vector.payload, "").unwrap();
        let mut swapped = Vec::new();
        write(&payload, "", "", Mutation::SwapKeys, &mut swapped);
        let older = VerifiedRecord::from_trusted_bytes(&sign(vector, &swapped), &vector.network)
            .unwrap_or_else(|e| panic!("{}: the older encoding reads back: {e}", vector.name));
        assert!(!older.has_strict_encoding(), "{}: keys out of order", vector.name);
        assert_eq!(older.payload, strict.payload, "{}: the same content", vector.name);
    }
}
