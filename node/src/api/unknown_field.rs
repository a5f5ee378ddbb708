//! Unknown fields in an admin's input. The input views refuse fields they
//! do not know (`#[serde(deny_unknown_fields)]`), and serde's error lists
//! the fields they do know; this turns that error into a rule that names
//! the unknown field and suggests the nearest known one:
//! `unknown field deadlnie; did you mean deadline?`.
//!
//! The record bodies (`vetnet_views::Offer`, …) cannot deny unknown fields
//! themselves (the record views flatten them), so [`unknown_top_level`]
//! checks the top-level keys of a body against the fields the body's type
//! asks serde for.

use serde::de::{self, Deserializer, Visitor};
use serde_json::{Map, Value};

/// An unknown field as serde reported it: its name and the known names.
#[derive(Debug, PartialEq, Eq)]
pub struct UnknownField {
    pub name: String,
    pub known: Vec<String>,
}

impl UnknownField {
    /// Reads serde's `unknown field `x`, expected one of `a`, `b``
    /// message (also `expected `a` or `b``, `expected `a``, and `there
    /// are no fields`). `None` for any other error.
    pub fn from_serde_message(message: &str) -> Option<Self> {
        let rest = message.strip_prefix("unknown field `")?;
        let (name, rest) = rest.split_once('`')?;
        let known = match rest.split_once("expected ") {
            Some((_, names)) => names.split('`').skip(1).step_by(2).map(str::to_owned).collect(),
            None => Vec::new(),
        };
        Some(Self { name: name.to_owned(), known })
    }

    /// The known field nearest to the unknown one, if it is near enough to
    /// be a slip of the keyboard: at most a third of its letters differ.
    pub fn suggestion(&self) -> Option<&str> {
        let (best, distance) =
            self.known.iter().map(|k| (k.as_str(), edit_distance(&self.name, k))).min_by_key(|(_, d)| *d)?;
        let allowed = (self.name.chars().count().max(best.chars().count()) / 3).max(1);
        (distance <= allowed).then_some(best)
    }

    /// The rule the field breaks, in words.
    pub fn rule(&self) -> String {
        match (self.suggestion(), self.known.is_empty()) {
            (Some(best), _) => format!("unknown field {}; did you mean {best}?", self.name),
            (None, true) => format!("unknown field {}; this object takes no fields", self.name),
            (None, false) => format!("unknown field {}; the known fields are {}", self.name, self.known.join(", ")),
        }
    }
}

/// The first key of `object` that `T` has no field for, as an unknown
/// field; `None` when all are known, or when `T` is no plain struct (a
/// struct with flattened fields, say, which serde reads as a map).
pub fn unknown_top_level<'de, T: serde::Deserialize<'de>>(object: &Map<String, Value>) -> Option<UnknownField> {
    let known = struct_fields::<T>()?;
    let name = object.keys().find(|key| !known.contains(&key.as_str()))?;
    Some(UnknownField { name: name.clone(), known: known.iter().map(|&k| k.to_owned()).collect() })
}

/// The field names a struct's `Deserialize` asks for, read off the call
/// it makes to `deserialize_struct`.
fn struct_fields<'de, T: serde::Deserialize<'de>>() -> Option<&'static [&'static str]> {
    let mut reader = FieldNames(None);
    let _ = T::deserialize(&mut reader);
    reader.0
}

/// A deserializer that records the fields of the struct asked of it, and
/// gives nothing.
struct FieldNames(Option<&'static [&'static str]>);

impl<'de> Deserializer<'de> for &mut FieldNames {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = Some(fields);
        Err(de::Error::custom("only the field names were asked for"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// The optimal string alignment distance of `a` and `b`: how many single
/// characters must be inserted, deleted, replaced, or two neighbours
/// swapped, to turn one into the other.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Three rows of the distance table: two rows back, the previous, this one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("deadline", "deadline"), 0);
        assert_eq!(edit_distance("deadlnie", "deadline"), 1);
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn reads_serde_messages() {
        let many = "unknown field `deadlnie`, expected one of `title`, `deadline`, `start`";
        let field = UnknownField::from_serde_message(many).unwrap();
        assert_eq!(field.name, "deadlnie");
        assert_eq!(field.known, ["title", "deadline", "start"]);
        assert_eq!(field.rule(), "unknown field deadlnie; did you mean deadline?");
        let two = UnknownField::from_serde_message("unknown field `x`, expected `amount` or `currency`").unwrap();
        assert_eq!(two.known, ["amount", "currency"]);
        assert_eq!(two.rule(), "unknown field x; the known fields are amount, currency");
        let none = UnknownField::from_serde_message("unknown field `x`, there are no fields").unwrap();
        assert!(none.known.is_empty());
        assert_eq!(UnknownField::from_serde_message("missing field `title`"), None);
    }

    #[test]
    fn reads_the_fields_of_a_struct() {
        let fields = struct_fields::<vetnet_views::Stipend>().unwrap();
        assert_eq!(fields, ["amount", "currency"]);
        assert_eq!(struct_fields::<String>(), None);
    }

    #[test]
    fn an_input_view_names_the_unknown_field_and_the_nearest() {
        let offer = serde_json::json!({
            "title": { "en": "Welding" }, "isced": "0715", "country": "DE", "eqf_min": 3, "eqf_max": 4,
            "places": 2, "start": "2027-03-01", "weeks_min": 4, "weeks_max": 8, "deadlnie": "2027-01-01",
        });
        let refused = super::super::parse_json::<vetnet_views::Offer>(offer.clone()).unwrap_err().view().error;
        assert_eq!(refused.field.as_deref(), Some("body.deadlnie"));
        assert_eq!(refused.rule.as_deref(), Some("unknown field deadlnie; did you mean deadline?"));
        let mut nested = offer;
        nested.as_object_mut().unwrap().remove("deadlnie");
        nested["contact"] = serde_json::json!({ "emial": "a@b.se" });
        let refused = super::super::parse_json::<vetnet_views::Offer>(nested).unwrap_err().view().error;
        assert_eq!(refused.field.as_deref(), Some("body.contact.emial"));
        assert_eq!(refused.rule.as_deref(), Some("unknown field emial; did you mean email?"));
    }
}
