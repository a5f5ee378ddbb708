//! Small readings of a Verifiable Credential's JSON shared by the proof formats.

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

/// The credential's issuer id: `issuer` when it is a string, else `issuer.id`.
pub fn issuer_id(credential: &Value) -> Option<&str> {
    match credential.get("issuer")? {
        Value::String(id) => Some(id),
        Value::Object(issuer) => issuer.get("id")?.as_str(),
        _ => None,
    }
}

/// The subject's id, when the credential has exactly one subject and it has
/// an `id` (an Open Badges subject often has only a hashed `identifier`).
pub fn subject_id(credential: &Value) -> Option<&str> {
    let subject = match credential.get("credentialSubject")? {
        Value::Array(subjects) if subjects.len() == 1 => subjects.first()?,
        Value::Array(_) => return None,
        subject => subject,
    };
    subject.get("id")?.as_str()
}

/// Parses an XML Schema `dateTimeStamp` (`2026-11-23T10:00:00Z`,
/// `2026-11-23T11:00:00.5+01:00`): a date, `T`, a time, and a time zone,
/// which the VC data model and Data Integrity require for `validFrom`,
/// `validUntil` and `created`. Years outside 0000–9999 are not supported.
pub fn parse_date_time_stamp(s: &str) -> Option<DateTime<FixedOffset>> {
    // chrono's RFC 3339 parser also takes `t` or a space as the separator
    // and a lower-case `z`; XML Schema does not.
    if s.as_bytes().get(10) != Some(&b'T') || s.ends_with('z') {
        return None;
    }
    DateTime::parse_from_rfc3339(s).ok()
}
