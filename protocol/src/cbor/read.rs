//! The strict reader: one CBOR data item in the core deterministic encoding
//! of RFC 8949 section 4.2.1, as vetnet restricts it, read into a
//! [`ciborium::Value`]. Every refusal names the offending item by its path
//! and says which rule it breaks.

use ciborium::Value;
use ciborium::value::Integer;

use super::float::{fits_half, fits_single, half_to_f64};
use crate::validate::ValidationError;

/// How deep arrays and maps may nest; the outermost map is level 1.
pub const MAX_DEPTH: usize = 16;

/// Whether map keys must come in deterministic order. Signed payloads need
/// it; the unsigned sync messages do not (see `docs/PROTOCOL.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyOrder {
    /// Bytewise lexicographic order of the keys' encodings, no duplicates.
    Deterministic,
    /// Any order, still no duplicates.
    Any,
}

/// Reads `bytes` as exactly one deterministic CBOR item. `root` names the
/// item itself in errors (`payload`); items inside it are named by their
/// path (`body.title.en`, `body.languages[1]`).
pub fn read_deterministic(bytes: &[u8], root: &str) -> Result<Value, ValidationError> {
    read(bytes, root, KeyOrder::Deterministic)
}

/// [`read_deterministic`] with a choice of key order.
pub(crate) fn read(bytes: &[u8], root: &str, order: KeyOrder) -> Result<Value, ValidationError> {
    let mut reader = Reader { bytes, pos: 0, path: Vec::new(), root, order, depth: 0 };
    let value = reader.item()?;
    if reader.pos != bytes.len() {
        let rest = bytes.len() - reader.pos;
        let field = render_path(root, &[]);
        return Err(ValidationError::new(field, format!("must be exactly one CBOR item ({rest} bytes follow it)")));
    }
    Ok(value)
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// The argument of a head: a number, or the indefinite-length marker.
enum Argument {
    Number(u64),
    Indefinite,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    path: Vec<Segment<'a>>,
    root: &'a str,
    order: KeyOrder,
    depth: usize,
}

fn major_name(major: u8) -> &'static str {
    match major {
        0 => "an unsigned integer",
        1 => "a negative integer",
        2 => "a byte string",
        3 => "a text string",
        4 => "an array",
        5 => "a map",
        6 => "a tagged item",
        _ => "a simple value or a float",
    }
}

impl<'a> Reader<'a> {
    /// The path of the item being read, as an error names it.
    fn path(&self) -> String {
        render_path(self.root, &self.path)
    }

    fn fail<T>(&self, rule: impl Into<String>) -> Result<T, ValidationError> {
        Err(ValidationError::new(self.path(), rule))
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ValidationError> {
        let end = self.pos.checked_add(n).filter(|end| *end <= self.bytes.len());
        match end {
            Some(end) => {
                let slice = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(slice)
            }
            None => self.fail("is cut short: the data ends inside it"),
        }
    }

    /// Reads a head of major type 0-6 and checks that its argument is in
    /// the shortest form.
    fn head(&mut self) -> Result<(u8, Argument), ValidationError> {
        let initial = self.take(1)?[0];
        let (major, info) = (initial >> 5, initial & 0x1f);
        let (number, smallest, size) = match info {
            0..=23 => return Ok((major, Argument::Number(u64::from(info)))),
            24 => (u64::from(self.take(1)?[0]), 24, 2),
            25 => (u64::from(u16::from_be_bytes(self.array()?)), 1 << 8, 3),
            26 => (u64::from(u32::from_be_bytes(self.array()?)), 1 << 16, 5),
            27 => (u64::from_be_bytes(self.array()?), 1 << 32, 9),
            31 => return Ok((major, Argument::Indefinite)),
            _ => return self.fail("is not well-formed CBOR (additional information 28-30 is reserved)"),
        };
        if number < smallest {
            let shortest = match number {
                0..=23 => 1,
                24..=0xff => 2,
                0x100..=0xffff => 3,
                _ => 5,
            };
            let what = match major {
                0 | 1 => "an integer",
                6 => "a tag number",
                _ => "a length",
            };
            return self.fail(format!(
                "must be in the shortest encoding ({what} written in {size} bytes where {shortest} suffice)"
            ));
        }
        Ok((major, Argument::Number(number)))
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ValidationError> {
        let slice = self.take(N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(slice);
        Ok(out)
    }

    fn length(&self, major: u8, argument: Argument) -> Result<usize, ValidationError> {
        match argument {
            Argument::Number(n) => match usize::try_from(n) {
                Ok(n) => Ok(n),
                Err(_) => self.fail("is cut short: the data ends inside it"),
            },
            Argument::Indefinite => {
                self.fail(format!("must have a definite length ({} of indefinite length)", major_name(major)))
            }
        }
    }

    fn item(&mut self) -> Result<Value, ValidationError> {
        let initial = match self.bytes.get(self.pos) {
            Some(byte) => *byte,
            None => return self.fail("is cut short: the data ends before it"),
        };
        if initial >> 5 == 7 {
            return self.simple_or_float();
        }
        let (major, argument) = self.head()?;
        match major {
            0 | 1 => {
                let Argument::Number(n) = argument else {
                    return self.fail("is not well-formed CBOR (an integer cannot have an indefinite length)");
                };
                let value = if major == 0 { i128::from(n) } else { -1 - i128::from(n) };
                match Integer::try_from(value) {
                    Ok(integer) => Ok(Value::Integer(integer)),
                    Err(_) => self.fail("is out of range"),
                }
            }
            2 => {
                let len = self.length(major, argument)?;
                Ok(Value::Bytes(self.take(len)?.to_vec()))
            }
            3 => {
                let len = self.length(major, argument)?;
                let text = self.text(len)?;
                Ok(Value::Text(text.to_owned()))
            }
            4 => {
                let len = self.length(major, argument)?;
                self.nested(|reader| reader.array_items(len))
            }
            5 => {
                let len = self.length(major, argument)?;
                self.nested(|reader| reader.map_entries(len))
            }
            _ => match argument {
                Argument::Number(tag) => self.fail(format!("must not carry a CBOR tag (tag {tag})")),
                Argument::Indefinite => self.fail("is not well-formed CBOR (a tag cannot have an indefinite length)"),
            },
        }
    }

    fn text(&mut self, len: usize) -> Result<&'a str, ValidationError> {
        let bytes = self.take(len)?;
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text),
            Err(_) => self.fail("must be valid UTF-8"),
        }
    }

    fn nested(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<Value, ValidationError>,
    ) -> Result<Value, ValidationError> {
        if self.depth >= MAX_DEPTH {
            return self.fail(format!("is nested too deeply (at most {MAX_DEPTH} levels of arrays and maps)"));
        }
        self.depth += 1;
        let value = read(self)?;
        self.depth -= 1;
        Ok(value)
    }

    fn array_items(&mut self, len: usize) -> Result<Value, ValidationError> {
        // Every item takes at least one byte: never reserve more than is left.
        let mut items = Vec::with_capacity(len.min(self.bytes.len() - self.pos));
        for index in 0..len {
            self.path.push(Segment::Index(index));
            items.push(self.item()?);
            self.path.pop();
        }
        Ok(Value::Array(items))
    }

    fn map_entries(&mut self, len: usize) -> Result<Value, ValidationError> {
        let mut entries = Vec::with_capacity(len.min((self.bytes.len() - self.pos) / 2));
        let mut previous: Option<(&'a [u8], &'a str)> = None;
        for _ in 0..len {
            let start = self.pos;
            let key = self.key()?;
            let encoded = &self.bytes[start..self.pos];
            if let Some((previous_encoded, previous_key)) = previous {
                if encoded == previous_encoded {
                    self.path.push(Segment::Key(key));
                    return self.fail("appears twice in its map");
                }
                if self.order == KeyOrder::Deterministic && encoded < previous_encoded {
                    return self.fail(format!(
                        "map keys must be in deterministic order (RFC 8949 section 4.2.1): `{key}` must come before `{previous_key}`"
                    ));
                }
                if self.order == KeyOrder::Any && entries.iter().any(|(k, _)| matches!(k, Value::Text(t) if t == key)) {
                    self.path.push(Segment::Key(key));
                    return self.fail("appears twice in its map");
                }
            }
            previous = Some((encoded, key));
            self.path.push(Segment::Key(key));
            let value = self.item()?;
            self.path.pop();
            entries.push((Value::Text(key.to_owned()), value));
        }
        Ok(Value::Map(entries))
    }

    fn key(&mut self) -> Result<&'a str, ValidationError> {
        let initial = match self.bytes.get(self.pos) {
            Some(byte) => *byte,
            None => return self.fail("is cut short: the data ends inside it"),
        };
        let major = initial >> 5;
        if major != 3 {
            return self.fail(format!("map keys must be text strings (got {})", major_name(major)));
        }
        let (_, argument) = self.head()?;
        let len = self.length(major, argument)?;
        self.text(len)
    }

    fn simple_or_float(&mut self) -> Result<Value, ValidationError> {
        let info = self.take(1)?[0] & 0x1f;
        match info {
            20 => Ok(Value::Bool(false)),
            21 => Ok(Value::Bool(true)),
            22 => self.fail("must not be null: leave an absent field out"),
            23 => self.fail("must not be `undefined`"),
            0..=19 => self.fail(format!("must not be a simple value (simple({info}))")),
            24 => {
                let value = self.take(1)?[0];
                self.fail(format!("must not be a simple value (simple({value}))"))
            }
            25 => {
                let value = half_to_f64(u16::from_be_bytes(self.array()?));
                self.float(value, 3)
            }
            26 => {
                let value = f64::from(f32::from_be_bytes(self.array()?));
                self.float(value, 5)
            }
            27 => {
                let value = f64::from_be_bytes(self.array()?);
                self.float(value, 9)
            }
            31 => self.fail("is not well-formed CBOR (a break code outside an indefinite-length item)"),
            _ => self.fail("is not well-formed CBOR (additional information 28-30 is reserved)"),
        }
    }

    fn float(&self, value: f64, size: usize) -> Result<Value, ValidationError> {
        if !value.is_finite() {
            return self.fail("must be a finite number (got NaN or an infinity)");
        }
        let shortest = if fits_half(value) {
            3
        } else if fits_single(value) {
            5
        } else {
            9
        };
        if shortest < size {
            return self.fail(format!(
                "must be in the shortest encoding (a float written in {size} bytes where {shortest} suffice)"
            ));
        }
        Ok(Value::Float(value))
    }
}

fn render_path(root: &str, segments: &[Segment<'_>]) -> String {
    use std::fmt::Write;
    if segments.is_empty() {
        return if root.is_empty() { "payload".to_owned() } else { root.to_owned() };
    }
    let mut path = root.to_owned();
    for segment in segments {
        match segment {
            Segment::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Segment::Index(index) => {
                if path.is_empty() {
                    path.push_str("payload");
                }
                let _ = write!(path, "[{index}]");
            }
        }
    }
    path
}
