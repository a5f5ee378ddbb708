//! A credential file a verifier is handed (`vetnet credential verify`): JSON
//! with a Data Integrity proof, or a VC-JWT, read as `node::credentials::verify`
//! reads it. Nothing here may panic on any input.
//!
//! The first byte picks a path: JSON-LD (facts, then canonicalisation and the
//! proof check), a VC-JWT as given, or a VC-JWT whose `header.payload` is the
//! input, signed with a fixed key, so the checks after the signature are
//! reached too.

#![no_main]

use ed25519_dalek::{Signer, SigningKey};
use libfuzzer_sys::fuzz_target;
use vetnet_credential::{ContextSet, data_integrity, jwt, open_badge};
use vetnet_fuzz::SECRET;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    match mode % 3 {
        0 => {
            let Ok(document) = serde_json::from_str::<serde_json::Value>(text) else { return };
            let _ = open_badge::facts(&document);
            let _ = data_integrity::verify(&document, &ContextSet::bundled());
        }
        1 => {
            if let Ok(verified) = jwt::decode_verify(text) {
                let _ = open_badge::facts(&verified.credential);
            }
        }
        _ => {
            use base64::Engine;
            let signature = SigningKey::from_bytes(&SECRET).sign(text.as_bytes());
            let token =
                format!("{text}.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(signature.to_bytes()));
            if let Ok(verified) = jwt::decode_verify(&token) {
                let _ = open_badge::facts(&verified.credential);
            }
        }
    }
});
