//! The deterministic writer: every signed payload vetnet makes goes through
//! [`to_deterministic_vec`], so what a node writes is what the strict reader
//! accepts: shortest heads, definite lengths, map keys sorted by their
//! encodings, the shortest float that holds the value.

use ciborium::Value;

use super::float::{f64_to_half, fits_half, fits_single};

/// Why a value cannot be written as deterministic CBOR.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    /// Serde could not turn the value into CBOR data.
    #[error("the value cannot be written as CBOR: {0}")]
    Serialize(String),
}

/// `value` in the core deterministic encoding of RFC 8949 section 4.2.1.
pub fn to_deterministic_vec<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, EncodeError> {
    let value = Value::serialized(value).map_err(|e| EncodeError::Serialize(e.to_string()))?;
    let mut out = Vec::new();
    write_value(&value, &mut out);
    Ok(out)
}

/// `value` as a CBOR value whose maps hold their entries in deterministic
/// order, so it compares equal to what the strict reader makes of its
/// encoding.
pub fn to_deterministic_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<Value, EncodeError> {
    let mut value = Value::serialized(value).map_err(|e| EncodeError::Serialize(e.to_string()))?;
    sort_maps(&mut value);
    Ok(value)
}

fn sort_maps(value: &mut Value) {
    match value {
        Value::Map(entries) => {
            for (_, entry) in entries.iter_mut() {
                sort_maps(entry);
            }
            entries.sort_by_cached_key(|(key, _)| {
                let mut encoded = Vec::new();
                write_value(key, &mut encoded);
                encoded
            });
        }
        Value::Array(items) => items.iter_mut().for_each(sort_maps),
        Value::Tag(_, inner) => sort_maps(inner),
        _ => {}
    }
}

/// Writes a head: major type and argument in the shortest form.
pub(crate) fn write_head(major: u8, argument: u64, out: &mut Vec<u8>) {
    let major = major << 5;
    match argument {
        0..=23 => out.push(major | argument as u8),
        24..=0xff => out.extend([major | 24, argument as u8]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend((argument as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(major | 26);
            out.extend((argument as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend(argument.to_be_bytes());
        }
    }
}

/// Writes a byte string.
pub(crate) fn write_bytes(bytes: &[u8], out: &mut Vec<u8>) {
    write_head(2, bytes.len() as u64, out);
    out.extend_from_slice(bytes);
}

fn write_value(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Integer(integer) => {
            let n = i128::from(*integer);
            if n >= 0 {
                write_head(0, n as u64, out);
            } else {
                write_head(1, (-1 - n) as u64, out);
            }
        }
        Value::Bytes(bytes) => write_bytes(bytes, out),
        Value::Text(text) => {
            write_head(3, text.len() as u64, out);
            out.extend_from_slice(text.as_bytes());
        }
        Value::Array(items) => {
            write_head(4, items.len() as u64, out);
            for item in items {
                write_value(item, out);
            }
        }
        Value::Map(entries) => {
            let mut encoded: Vec<(Vec<u8>, &Value)> = entries
                .iter()
                .map(|(key, value)| {
                    let mut key_bytes = Vec::new();
                    write_value(key, &mut key_bytes);
                    (key_bytes, value)
                })
                .collect();
            encoded.sort_by(|a, b| a.0.cmp(&b.0));
            write_head(5, encoded.len() as u64, out);
            for (key, value) in encoded {
                out.extend_from_slice(&key);
                write_value(value, out);
            }
        }
        Value::Bool(false) => out.push(0xf4),
        Value::Bool(true) => out.push(0xf5),
        Value::Null => out.push(0xf6),
        Value::Float(float) => write_float(*float, out),
        Value::Tag(tag, inner) => {
            write_head(6, *tag, out);
            write_value(inner, out);
        }
        // `Value` is non-exhaustive; nothing else is produced by serde.
        _ => out.push(0xf7),
    }
}

fn write_float(value: f64, out: &mut Vec<u8>) {
    if value.is_nan() {
        out.extend([0xf9, 0x7e, 0x00]);
    } else if value.is_infinite() {
        out.extend(if value > 0.0 { [0xf9, 0x7c, 0x00] } else { [0xf9, 0xfc, 0x00] });
    } else if fits_half(value) {
        out.push(0xf9);
        out.extend(f64_to_half(value).to_be_bytes());
    } else if fits_single(value) {
        out.push(0xfa);
        out.extend((value as f32).to_be_bytes());
    } else {
        out.push(0xfb);
        out.extend(value.to_be_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cbor::read_deterministic;

    #[test]
    fn maps_are_sorted_by_encoded_key_and_heads_are_shortest() {
        let value = Value::Map(vec![
            (Value::Text("net".into()), Value::Integer(500.into())),
            (Value::Text("v".into()), Value::Integer(1.into())),
            (Value::Text("id".into()), Value::Float(7.5)),
        ]);
        let bytes = to_deterministic_vec(&value).unwrap();
        assert_eq!(
            bytes,
            [0xa3, 0x61, b'v', 0x01, 0x62, b'i', b'd', 0xf9, 0x47, 0x80, 0x63, b'n', b'e', b't', 0x19, 0x01, 0xf4]
        );
        assert!(read_deterministic(&bytes, "").is_ok());
    }
}
