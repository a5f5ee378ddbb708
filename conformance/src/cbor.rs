//! A deterministic CBOR writer of its own (RFC 8949 section 4.2.1: shortest
//! heads, definite lengths, map keys sorted by their encoded bytes, so
//! shorter keys first), and the few byte-level pieces the cases need to
//! write what that writer never would: a longer head, an indefinite length,
//! a tag.
//!
//! The kit does not use the reference's writer, so that its Accept cases are
//! valid under the strict rule whatever order the reference writes.

use ciborium::Value;

/// `value` with every map, at any depth, sorted by the encoded bytes of its
/// keys.
pub fn sorted(value: &Value) -> Value {
    match value {
        Value::Map(entries) => {
            let mut entries: Vec<(Vec<u8>, Value, Value)> =
                entries.iter().map(|(k, v)| (encode_plain(k), sorted(k), sorted(v))).collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Map(entries.into_iter().map(|(_, k, v)| (k, v)).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        Value::Tag(tag, inner) => Value::Tag(*tag, Box::new(sorted(inner))),
        other => other.clone(),
    }
}

/// The deterministic encoding of `value`: maps sorted, then written by
/// ciborium, which writes every head in its shortest form and every length
/// definite.
pub fn deterministic(value: &Value) -> Vec<u8> {
    encode_plain(&sorted(value))
}

/// `value` as ciborium writes it, keys in the order given.
fn encode_plain(value: &Value) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing a `Value` into a `Vec` cannot fail: no I/O, no custom types.
    if ciborium::into_writer(value, &mut bytes).is_err() {
        bytes.clear();
    }
    bytes
}

/// The shortest head of major type `major` with argument `arg`.
pub fn head(major: u8, arg: u64) -> Vec<u8> {
    let m = major << 5;
    match arg {
        0..=23 => vec![m | arg as u8],
        24..=0xff => vec![m | 24, arg as u8],
        0x100..=0xffff => {
            let mut h = vec![m | 25];
            h.extend_from_slice(&(arg as u16).to_be_bytes());
            h
        }
        0x1_0000..=0xffff_ffff => {
            let mut h = vec![m | 26];
            h.extend_from_slice(&(arg as u32).to_be_bytes());
            h
        }
        _ => {
            let mut h = vec![m | 27];
            h.extend_from_slice(&arg.to_be_bytes());
            h
        }
    }
}

/// A byte string: its head and its bytes.
pub fn bstr(bytes: &[u8]) -> Vec<u8> {
    let mut out = head(2, bytes.len() as u64);
    out.extend_from_slice(bytes);
    out
}

/// A text string item of `text`.
pub fn tstr(text: &str) -> Vec<u8> {
    let mut out = head(3, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
    out
}

/// `bytes` with the first occurrence of `from` replaced by `to`; `None` when
/// `from` does not occur.
pub fn replace_once(bytes: &[u8], from: &[u8], to: &[u8]) -> Option<Vec<u8>> {
    let at = bytes.windows(from.len()).position(|w| w == from)?;
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(to);
    out.extend_from_slice(&bytes[at + from.len()..]);
    Some(out)
}

/// The encoded map `bytes` rewritten with an indefinite length: its head
/// becomes `0xbf` and a break `0xff` follows its last entry. The map must
/// have fewer than 24 entries (a one-byte head).
pub fn indefinite_map(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![0xbf];
    out.extend_from_slice(&bytes[1..]);
    out.push(0xff);
    out
}

/// A text value for a map entry.
pub fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

/// Sets `key` in the map `map` (replacing an entry of that key, else adding
/// one); a value that is no map is left alone.
pub fn set(map: &mut Value, key: &str, value: Value) {
    if let Value::Map(entries) = map {
        match entries.iter_mut().find(|(k, _)| k.as_text() == Some(key)) {
            Some(entry) => entry.1 = value,
            None => entries.push((text(key), value)),
        }
    }
}

/// Removes `key` from the map `map`.
pub fn remove(map: &mut Value, key: &str) {
    if let Value::Map(entries) = map {
        entries.retain(|(k, _)| k.as_text() != Some(key));
    }
}

/// The value at `key` of the map `map`, to change in place.
pub fn get_mut<'a>(map: &'a mut Value, key: &str) -> Option<&'a mut Value> {
    match map {
        Value::Map(entries) => entries.iter_mut().find(|(k, _)| k.as_text() == Some(key)).map(|(_, v)| v),
        _ => None,
    }
}
