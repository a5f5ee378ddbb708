//! COSE_Sign1 envelopes written byte by byte (RFC 9052 section 4.2), so a
//! case can carry exactly the envelope it is about: the spec's header, or a
//! header with its labels reordered, a tag left out, a payload detached.

use ed25519_dalek::{Signer, SigningKey};

use crate::cbor::{bstr, head, tstr};

/// The content type of mobility steps (`docs/PROTOCOL.md` "Step envelope").
pub const STEP_CONTENT_TYPE: &str = "application/vnd.vetnet.mobility-step+cbor";
/// The content type of receipts.
pub const RECEIPT_CONTENT_TYPE: &str = "application/vnd.vetnet.receipt+cbor";
/// The content type of letters.
pub const LETTER_CONTENT_TYPE: &str = "application/vnd.vetnet.letter+cbor";

/// The protected header of a record as the spec gives it:
/// `a2 01 27 04 58 20 <kid>`.
pub fn record_header(kid: &[u8; 32]) -> Vec<u8> {
    let mut h = vec![0xa2, 0x01, 0x27, 0x04];
    h.extend_from_slice(&bstr(kid));
    h
}

/// The protected header of a step, receipt or letter:
/// `a3 01 27 03 <content type> 04 58 20 <kid>`.
pub fn direct_header(content_type: &str, kid: &[u8; 32]) -> Vec<u8> {
    let mut h = vec![0xa3, 0x01, 0x27, 0x03];
    h.extend_from_slice(&tstr(content_type));
    h.push(0x04);
    h.extend_from_slice(&bstr(kid));
    h
}

/// The Sig_structure of RFC 9052 section 4.4 with an empty `external_aad`.
pub fn sig_structure(protected: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0x84];
    s.extend_from_slice(&tstr("Signature1"));
    s.extend_from_slice(&bstr(protected));
    s.extend_from_slice(&bstr(&[]));
    s.extend_from_slice(&bstr(payload));
    s
}

/// The parts of an envelope, each as the bytes of its CBOR item, so a case
/// can replace any of them.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// Tag 18 in front of the array.
    pub tagged: bool,
    /// The protected header bstr's content.
    pub protected: Vec<u8>,
    /// The unprotected header item (`a0`, the empty map, in a record).
    pub unprotected: Vec<u8>,
    /// The payload item: `bstr(payload)`, or `f6` (nil) for a detached one.
    pub payload_item: Vec<u8>,
    /// The signature item: `bstr(R || S)`.
    pub signature_item: Vec<u8>,
}

impl Envelope {
    /// An envelope signed by `key` over `protected` and `payload`.
    pub fn signed(key: &SigningKey, protected: Vec<u8>, payload: &[u8]) -> Self {
        let signature = key.sign(&sig_structure(&protected, payload)).to_bytes();
        Self {
            tagged: true,
            protected,
            unprotected: vec![0xa0],
            payload_item: bstr(payload),
            signature_item: bstr(&signature),
        }
    }

    /// The 64 signature bytes (the item without its two-byte head).
    pub fn signature(&self) -> Vec<u8> {
        self.signature_item.get(2..).unwrap_or_default().to_vec()
    }

    /// The envelope's bytes: `d2 84 <protected> <unprotected> <payload> <signature>`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.tagged {
            out.extend_from_slice(&head(6, 18));
        }
        out.push(0x84);
        out.extend_from_slice(&bstr(&self.protected));
        out.extend_from_slice(&self.unprotected);
        out.extend_from_slice(&self.payload_item);
        out.extend_from_slice(&self.signature_item);
        out
    }
}

/// A record of `key` over the payload bytes `payload`, with the spec's header.
pub fn record(key: &SigningKey, payload: &[u8]) -> Vec<u8> {
    let kid = key.verifying_key().to_bytes();
    Envelope::signed(key, record_header(&kid), payload).to_bytes()
}

/// A step, receipt or letter of `key`: the header with `content_type`.
pub fn direct(key: &SigningKey, content_type: &str, payload: &[u8]) -> Vec<u8> {
    let kid = key.verifying_key().to_bytes();
    Envelope::signed(key, direct_header(content_type, &kid), payload).to_bytes()
}
