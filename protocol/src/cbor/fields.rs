//! Typed decoding of a [`ciborium::Value`] that names the failing field and
//! says what is wrong in words: `body.city: must be text (got the integer
//! 99)`, `body.eqf_min: must be a whole number from 0 to 255 (got 300)`.
//! No serde or decoder wording reaches the message.
//!
//! It is a serde `Deserializer` over the value, so every body type decodes
//! through it unchanged; its error type rewrites serde's structured errors
//! (invalid type, invalid value, missing field, unknown variant) and its
//! nodes attach their path to the first error raised beneath them.

use std::fmt::{self, Display};

use ciborium::Value;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor};

use crate::validate::ValidationError;

/// Decodes `value` as a `T`. `root` is the path of `value` in the payload
/// (`body`), or empty for the payload itself.
pub fn from_value<T: DeserializeOwned>(value: &Value, root: &str) -> Result<T, ValidationError> {
    let chain = Chain::Root(root);
    T::deserialize(Node { value, chain: &chain }).map_err(|e| {
        let field = e.field.unwrap_or_else(|| chain.render());
        ValidationError::new(field, e.rule)
    })
}

/// Where a node is: the payload, or a key or index below its parent.
enum Chain<'p> {
    Root(&'p str),
    Key(&'p Chain<'p>, &'p str),
    Index(&'p Chain<'p>, usize),
}

impl Chain<'_> {
    fn render(&self) -> String {
        match self {
            Chain::Root("") => "payload".to_owned(),
            Chain::Root(root) => (*root).to_owned(),
            Chain::Key(Chain::Root(""), key) => (*key).to_owned(),
            Chain::Key(parent, key) => format!("{}.{key}", parent.render()),
            Chain::Index(parent, index) => format!("{}[{index}]", parent.render()),
        }
    }

    fn child(&self, key: &str) -> String {
        Chain::Key(self, key).render()
    }
}

/// A decoding error: the rule in words, and the field once a node knows it.
#[derive(Debug)]
pub(crate) struct FieldError {
    field: Option<String>,
    /// A required field that is missing: named below the map that lacks it.
    missing: Option<&'static str>,
    rule: String,
}

impl FieldError {
    fn rule(rule: String) -> Self {
        Self { field: None, missing: None, rule }
    }

    fn at(mut self, chain: &Chain<'_>) -> Self {
        if self.field.is_none() {
            self.field = Some(match self.missing {
                Some(name) => chain.child(name),
                None => chain.render(),
            });
        }
        self
    }
}

impl Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rule)
    }
}

impl std::error::Error for FieldError {}

/// What serde expected, in words an admin reads.
fn wanted(expected: &dyn Expected) -> String {
    let text = expected.to_string();
    let range = |bits: u32, signed: bool| {
        if signed {
            let max = (1i128 << (bits - 1)) - 1;
            format!("a whole number from {} to {max}", -max - 1)
        } else {
            format!("a whole number from 0 to {}", (1u128 << bits) - 1)
        }
    };
    match text.as_str() {
        "u8" => range(8, false),
        "u16" => range(16, false),
        "u32" => range(32, false),
        "u64" => range(64, false),
        "i8" => range(8, true),
        "i16" => range(16, true),
        "i32" => range(32, true),
        "i64" => range(64, true),
        "f32" | "f64" => "a number".to_owned(),
        "a string" | "a borrowed string" | "string" => "text".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a sequence" => "a list".to_owned(),
        "a map" => "a map".to_owned(),
        "byte array" | "a byte array" | "bytes" | "a borrowed byte array" => "a byte string".to_owned(),
        other if other.starts_with("struct ") => "a map".to_owned(),
        other if other.contains("expected") => "of another form".to_owned(),
        other => other.to_owned(),
    }
}

/// What was found instead, in words.
fn found(unexpected: &Unexpected<'_>) -> String {
    match unexpected {
        Unexpected::Bool(b) => format!("`{b}`"),
        Unexpected::Unsigned(n) => format!("the integer {n}"),
        Unexpected::Signed(n) => format!("the integer {n}"),
        Unexpected::Float(n) => format!("the number {n}"),
        Unexpected::Char(c) => format!("the text {c:?}"),
        Unexpected::Str(s) => format!("the text {s:?}"),
        Unexpected::Bytes(_) => "a byte string".to_owned(),
        Unexpected::Unit | Unexpected::Option => "null".to_owned(),
        Unexpected::Seq => "a list".to_owned(),
        Unexpected::Map => "a map".to_owned(),
        _ => "a value of another type".to_owned(),
    }
}

impl de::Error for FieldError {
    fn custom<T: Display>(message: T) -> Self {
        let message = message.to_string();
        if message.contains("expected") || message.contains("invalid type") {
            Self::rule("does not have the form its field needs".to_owned())
        } else {
            Self::rule(message)
        }
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self::rule(format!("must be {} (got {})", wanted(expected), found(&unexpected)))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        let got = match unexpected {
            Unexpected::Unsigned(n) => n.to_string(),
            Unexpected::Signed(n) => n.to_string(),
            other => found(&other),
        };
        Self::rule(format!("must be {} (got {got})", wanted(expected)))
    }

    fn invalid_length(len: usize, expected: &dyn Expected) -> Self {
        Self::rule(format!("must hold {} (got {len} items)", wanted(expected)))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let words: Vec<String> = expected.iter().map(|w| format!("`{w}`")).collect();
        Self::rule(format!("must be one of {} (got `{variant}`)", words.join(", ")))
    }

    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        Self::rule(format!("`{field}` is not a field here"))
    }

    fn missing_field(field: &'static str) -> Self {
        Self { field: None, missing: Some(field), rule: "is required".to_owned() }
    }

    fn duplicate_field(field: &'static str) -> Self {
        Self { field: None, missing: Some(field), rule: "appears twice in its map".to_owned() }
    }
}

/// One value and where it is.
struct Node<'v, 'p> {
    value: &'v Value,
    chain: &'p Chain<'p>,
}

impl<'v, 'p> Node<'v, 'p> {
    fn unexpected(&self) -> Unexpected<'v> {
        match self.value {
            Value::Integer(n) => match u64::try_from(*n) {
                Ok(n) => Unexpected::Unsigned(n),
                Err(_) => Unexpected::Signed(i64::try_from(*n).unwrap_or(i64::MIN)),
            },
            Value::Bytes(b) => Unexpected::Bytes(b),
            Value::Float(f) => Unexpected::Float(*f),
            Value::Text(s) => Unexpected::Str(s),
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Null => Unexpected::Unit,
            Value::Array(_) => Unexpected::Seq,
            Value::Map(_) => Unexpected::Map,
            _ => Unexpected::Other("a tagged value"),
        }
    }

    fn wrong_type<T>(&self, expected: &dyn Expected) -> Result<T, FieldError> {
        Err(de::Error::invalid_type(self.unexpected(), expected))
    }
}

impl<'de> de::Deserializer<'de> for Node<'_, '_> {
    type Error = FieldError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        let chain = self.chain;
        let result = match self.value {
            Value::Integer(n) => match u64::try_from(*n) {
                Ok(n) => visitor.visit_u64(n),
                Err(_) => match i64::try_from(*n) {
                    Ok(n) => visitor.visit_i64(n),
                    Err(_) => visitor.visit_i128(i128::from(*n)),
                },
            },
            Value::Bytes(bytes) => visitor.visit_bytes(bytes),
            Value::Text(text) => visitor.visit_str(text),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Null => visitor.visit_unit(),
            Value::Array(items) => visitor.visit_seq(Items { items: items.iter(), index: 0, chain }),
            Value::Map(entries) => visitor.visit_map(Entries { entries: entries.iter(), pending: None, chain }),
            _ => Err(FieldError::rule("must not carry a CBOR tag".to_owned())),
        };
        result.map_err(|e| e.at(chain))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        let chain = self.chain;
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|e| e.at(chain))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        match self.value {
            Value::Text(text) => visitor.visit_str(text),
            _ => self.wrong_type(&visitor),
        }
        .map_err(|e| e.at(self.chain))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        match self.value {
            Value::Bytes(bytes) => visitor.visit_bytes(bytes),
            _ => self.wrong_type(&"bytes"),
        }
        .map_err(|e| e.at(self.chain))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        match self.value {
            Value::Float(f) => visitor.visit_f64(*f),
            _ => self.wrong_type(&"f64"),
        }
        .map_err(|e| e.at(self.chain))
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        match self.value {
            Value::Bool(b) => visitor.visit_bool(*b),
            _ => self.wrong_type(&"a boolean"),
        }
        .map_err(|e| e.at(self.chain))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, FieldError> {
        let chain = self.chain;
        visitor.visit_newtype_struct(self).map_err(|e| e.at(chain))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, FieldError> {
        match self.value {
            Value::Text(text) => visitor.visit_enum(text.as_str().into_deserializer()),
            _ => {
                let words: Vec<String> = variants.iter().map(|w| format!("`{w}`")).collect();
                self.wrong_type(&format!("one of {}", words.join(", ")).as_str())
            }
        }
        .map_err(|e| e.at(self.chain))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, FieldError> {
        self.deserialize_map(visitor)
    }

    /// Structs and maps come only from CBOR maps: serde would also read a
    /// struct from an array of its fields in order, a second encoding.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        let chain = self.chain;
        match self.value {
            Value::Map(entries) => visitor.visit_map(Entries { entries: entries.iter(), pending: None, chain }),
            _ => self.wrong_type(&"a map"),
        }
        .map_err(|e| e.at(chain))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, FieldError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 char unit unit_struct seq tuple tuple_struct identifier
    }
}

struct Items<'v, 'p> {
    items: std::slice::Iter<'v, Value>,
    index: usize,
    chain: &'p Chain<'p>,
}

impl<'de> de::SeqAccess<'de> for Items<'_, '_> {
    type Error = FieldError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, FieldError> {
        let Some(value) = self.items.next() else { return Ok(None) };
        let chain = Chain::Index(self.chain, self.index);
        self.index += 1;
        seed.deserialize(Node { value, chain: &chain }).map(Some).map_err(|e| e.at(&chain))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'v, 'p> {
    entries: std::slice::Iter<'v, (Value, Value)>,
    pending: Option<(&'v str, &'v Value)>,
    chain: &'p Chain<'p>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_> {
    type Error = FieldError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, FieldError> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        let Value::Text(key) = key else {
            return Err(FieldError::rule("map keys must be text strings".to_owned()).at(self.chain));
        };
        self.pending = Some((key, value));
        let key: de::value::StrDeserializer<'_, FieldError> = key.as_str().into_deserializer();
        seed.deserialize(key).map(Some).map_err(|e| e.at(self.chain))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, FieldError> {
        let Some((key, value)) = self.pending.take() else {
            return Err(FieldError::rule("a map value is read before its key".to_owned()).at(self.chain));
        };
        let chain = Chain::Key(self.chain, key);
        seed.deserialize(Node { value, chain: &chain }).map_err(|e| e.at(&chain))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Pair {
        a: u8,
        b: String,
    }

    #[test]
    fn a_struct_is_read_from_a_map_only_and_errors_name_the_field() {
        let array = Value::Array(vec![Value::Integer(1.into()), Value::Text("x".into())]);
        let error = from_value::<Pair>(&array, "body").unwrap_err();
        assert_eq!(error.to_string(), "body: must be a map (got a list)");
        let map = Value::Map(vec![(Value::Text("a".into()), Value::Integer(300.into()))]);
        let error = from_value::<Pair>(&map, "body").unwrap_err();
        assert_eq!(error.to_string(), "body.a: must be a whole number from 0 to 255 (got 300)");
        let map = Value::Map(vec![(Value::Text("a".into()), Value::Integer(3.into()))]);
        assert_eq!(from_value::<Pair>(&map, "").unwrap_err().to_string(), "b: is required");
    }
}
