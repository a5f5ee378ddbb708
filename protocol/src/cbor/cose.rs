//! The COSE_Sign1 envelope (RFC 9052 section 4.2) read and written by hand:
//! `18([protected, {}, payload, signature])` in its one accepted encoding,
//! with the protected header compared byte for byte with the header the spec
//! gives. No COSE library re-parses it, so nothing lenient slips through.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

use super::write::{write_bytes, write_head};
use crate::validate::ValidationError;

/// The protected header of a record, without its 32 kid bytes:
/// `{1: -8, 4: h'…'}`.
pub(crate) const RECORD_HEADER_PREFIX: [u8; 6] = [0xa2, 0x01, 0x27, 0x04, 0x58, 0x20];

/// The parts of a COSE_Sign1 message, borrowed from its bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sign1<'a> {
    /// The protected header bstr's content.
    pub protected: &'a [u8],
    /// The payload bstr's content.
    pub payload: &'a [u8],
    /// The 64 signature bytes.
    pub signature: &'a [u8],
}

/// The protected header a message must carry, without its kid: a record's
/// (`content_type` `None`) or a direct message's with its content type
/// `{1: -8, 3: content_type, 4: h'…'}`.
pub(crate) fn header_prefix(content_type: Option<&str>) -> Vec<u8> {
    match content_type {
        None => RECORD_HEADER_PREFIX.to_vec(),
        Some(content_type) => {
            let mut prefix = vec![0xa3, 0x01, 0x27, 0x03];
            write_head(3, content_type.len() as u64, &mut prefix);
            prefix.extend_from_slice(content_type.as_bytes());
            prefix.extend([0x04, 0x58, 0x20]);
            prefix
        }
    }
}

/// The protected header `content_type` and `kid` give.
pub(crate) fn protected_header(content_type: Option<&str>, kid: &[u8; 32]) -> Vec<u8> {
    let mut header = header_prefix(content_type);
    header.extend_from_slice(kid);
    header
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ")
}

/// The kid of a protected header that is exactly the one the spec gives.
pub(crate) fn header_kid(protected: &[u8], content_type: Option<&str>) -> Result<[u8; 32], ValidationError> {
    let prefix = header_prefix(content_type);
    if protected.len() == prefix.len() + 32 && protected.starts_with(&prefix) {
        let mut kid = [0u8; 32];
        kid.copy_from_slice(&protected[prefix.len()..]);
        return Ok(kid);
    }
    let what = match content_type {
        None => "{1: -8, 4: kid}, alg EdDSA and the 32-byte kid and nothing else".to_owned(),
        Some(content_type) => format!("{{1: -8, 3: {content_type:?}, 4: kid}}"),
    };
    Err(ValidationError::new(
        "protected",
        format!(
            "must be exactly the {} bytes {} followed by the 32-byte kid ({what}, in this order and encoding)",
            prefix.len() + 32,
            hex(&prefix)
        ),
    ))
}

/// The kid of a protected header in any encoding that holds label 4 with 32
/// bytes: for bytes this node stored before the header rule was exact.
pub(crate) fn lenient_header_kid(protected: &[u8]) -> Option<[u8; 32]> {
    let header: ciborium::Value = ciborium::from_reader(protected).ok()?;
    let entries = header.as_map()?;
    entries.iter().find_map(|(label, value)| {
        let label = label.as_integer().and_then(|n| i64::try_from(n).ok())?;
        (label == 4).then(|| value.as_bytes().and_then(|b| b.as_slice().try_into().ok()))?
    })
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn byte(&mut self, field: &str, what: &str) -> Result<u8, ValidationError> {
        let byte = self.bytes.get(self.pos).copied().ok_or_else(|| ValidationError::new(field, what.to_owned()))?;
        self.pos += 1;
        Ok(byte)
    }

    /// A byte string in its shortest, definite encoding.
    fn bstr(&mut self, field: &str) -> Result<&'a [u8], ValidationError> {
        let fail = |rule: &str| ValidationError::new(field, rule.to_owned());
        let initial = self.byte(field, "is missing: the message ends before it")?;
        if initial >> 5 != 2 {
            return Err(fail("must be a byte string"));
        }
        let info = initial & 0x1f;
        let width = match info {
            0..=23 => 0,
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            31 => return Err(fail("must have a definite length")),
            _ => return Err(fail("is not well-formed CBOR")),
        };
        let head = self.bytes.get(self.pos..self.pos + width).ok_or_else(|| fail("is cut short"))?;
        self.pos += width;
        let len = if width == 0 { u64::from(info) } else { head.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b)) };
        let smallest = match width {
            0 => 0,
            1 => 24,
            2 => 1 << 8,
            4 => 1 << 16,
            _ => 1 << 32,
        };
        if len < smallest {
            return Err(fail("must be in the shortest encoding (its length is written in more bytes than it needs)"));
        }
        let len = usize::try_from(len).map_err(|_| fail("is cut short"))?;
        let end =
            self.pos.checked_add(len).filter(|end| *end <= self.bytes.len()).ok_or_else(|| fail("is cut short"))?;
        let content = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(content)
    }
}

/// Takes a tagged COSE_Sign1 apart: tag 18 (`d2`), an array of four items
/// (`84`), the protected bstr, the empty unprotected map (`a0`), the
/// attached payload bstr and a 64-byte signature bstr, nothing after it,
/// every head in its shortest form.
pub(crate) fn parse_sign1(bytes: &[u8]) -> Result<Sign1<'_>, ValidationError> {
    let envelope = |rule: &str| ValidationError::new("envelope", rule.to_owned());
    let mut cursor = Cursor { bytes, pos: 0 };
    if cursor.byte("envelope", "must not be empty")? != 0xd2 {
        return Err(envelope("must be a COSE_Sign1 message with tag 18, written d2"));
    }
    if cursor.byte("envelope", "is cut short")? != 0x84 {
        return Err(envelope(
            "must be an array of four items (protected, unprotected, payload, signature), written 84 after the tag",
        ));
    }
    let protected = cursor.bstr("protected")?;
    if cursor.byte("unprotected", "is missing: the message ends before it")? != 0xa0 {
        return Err(ValidationError::new("unprotected", "must be the empty map, written a0"));
    }
    if bytes.get(cursor.pos) == Some(&0xf6) {
        return Err(ValidationError::new("payload", "must be attached (a byte string), not nil"));
    }
    let payload = cursor.bstr("payload")?;
    let signature = cursor.bstr("signature")?;
    if signature.len() != 64 {
        return Err(ValidationError::new(
            "signature",
            format!("must be the 64-byte Ed25519 signature (got {} bytes)", signature.len()),
        ));
    }
    if cursor.pos != bytes.len() {
        let rest = bytes.len() - cursor.pos;
        return Err(envelope(&format!("nothing may follow the COSE_Sign1 message ({rest} bytes do)")));
    }
    Ok(Sign1 { protected, payload, signature })
}

/// The bytes an Ed25519 signature covers (RFC 9052 section 4.4):
/// `["Signature1", protected, h'', payload]`.
pub(crate) fn sig_structure(protected: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(protected.len() + payload.len() + 24);
    out.push(0x84);
    out.push(0x6a);
    out.extend_from_slice(b"Signature1");
    write_bytes(protected, &mut out);
    out.push(0x40);
    write_bytes(payload, &mut out);
    out
}

/// Whether the signature verifies strictly with `key`.
pub(crate) fn verifies(sign1: &Sign1<'_>, key: &VerifyingKey) -> bool {
    let Ok(signature) = Signature::from_slice(sign1.signature) else { return false };
    key.verify_strict(&sig_structure(sign1.protected, sign1.payload), &signature).is_ok()
}

/// A tagged COSE_Sign1 of `payload` signed with `key`, with the protected
/// header of `content_type` (none for a record).
pub(crate) fn sign1(key: &SigningKey, content_type: Option<&str>, payload: &[u8]) -> Vec<u8> {
    let protected = protected_header(content_type, &key.verifying_key().to_bytes());
    let signature = key.sign(&sig_structure(&protected, payload)).to_bytes();
    let mut out = Vec::with_capacity(protected.len() + payload.len() + 80);
    out.extend([0xd2, 0x84]);
    write_bytes(&protected, &mut out);
    out.push(0xa0);
    write_bytes(payload, &mut out);
    write_bytes(&signature, &mut out);
    out
}
