//! Institution identity: an Ed25519 public key, shown to people as a
//! `did:key` (multicodec ed25519-pub `0xed 0x01`, base58btc multibase `z`).

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::VerifyingKey;

/// The multicodec prefix of an Ed25519 public key (varint of 0xed).
const ED25519_PUB_MULTICODEC: [u8; 2] = [0xed, 0x01];
const DID_KEY_PREFIX: &str = "did:key:z";

/// Why a text is not an institution's `did:key`.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DidError {
    /// The text does not start with `did:key:z`.
    #[error("a did:key starts with `did:key:z6Mk`")]
    NotDidKey,
    /// The part after `did:key:z` is not base58btc.
    #[error("the did:key is not valid base58btc")]
    NotBase58,
    /// The decoded bytes are not `0xed 0x01` and 32 key bytes.
    #[error("the did:key does not hold an Ed25519 public key (multicodec 0xed01, 32 bytes)")]
    NotEd25519,
    /// The 32 key bytes are not a valid Ed25519 curve point.
    #[error("the did:key holds bytes that are not a valid Ed25519 public key")]
    InvalidKey,
}

/// An institution's public key: the author of its records.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InstitutionId([u8; 32]);

impl InstitutionId {
    /// The institution of a 32-byte Ed25519 public key (a record's `kid`).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The 32 public-key bytes, as in a record's `kid`.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key for signature checks; fails for bytes that are no curve point.
    pub fn verifying_key(&self) -> Result<VerifyingKey, DidError> {
        VerifyingKey::from_bytes(&self.0).map_err(|_| DidError::InvalidKey)
    }

    /// `did:key:z6Mk…`
    pub fn to_did(&self) -> String {
        let mut raw = Vec::with_capacity(34);
        raw.extend_from_slice(&ED25519_PUB_MULTICODEC);
        raw.extend_from_slice(&self.0);
        format!("{DID_KEY_PREFIX}{}", bs58::encode(raw).into_string())
    }
}

impl FromStr for InstitutionId {
    type Err = DidError;

    /// Accepts a `did:key`, optionally with a `#fragment` (a verification
    /// method id), which is ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let s = s.split_once('#').map_or(s, |(did, _)| did);
        let encoded = s.strip_prefix(DID_KEY_PREFIX).ok_or(DidError::NotDidKey)?;
        let raw = bs58::decode(encoded).into_vec().map_err(|_| DidError::NotBase58)?;
        let key = raw.strip_prefix(&ED25519_PUB_MULTICODEC).ok_or(DidError::NotEd25519)?;
        let key: [u8; 32] = key.try_into().map_err(|_| DidError::NotEd25519)?;
        let id = InstitutionId(key);
        id.verifying_key()?;
        Ok(id)
    }
}

impl fmt::Display for InstitutionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_did())
    }
}

impl fmt::Debug for InstitutionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "InstitutionId({})", self.to_did())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_key_round_trips_and_starts_with_z6mk() {
        // RFC 8032 test 1 public key.
        let pk = hex::decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a").unwrap();
        let id = InstitutionId::from_bytes(pk.try_into().unwrap());
        let did = id.to_did();
        assert!(did.starts_with("did:key:z6Mk"), "{did}");
        assert_eq!(did.parse::<InstitutionId>().unwrap(), id);
        let with_fragment = format!("{did}#{}", &did["did:key:".len()..]);
        assert_eq!(with_fragment.parse::<InstitutionId>().unwrap(), id);
    }

    #[test]
    fn rejects_other_dids() {
        assert_eq!("did:web:example.org".parse::<InstitutionId>(), Err(DidError::NotDidKey));
        assert_eq!("did:key:z0OIl".parse::<InstitutionId>(), Err(DidError::NotBase58));
        // A secp256k1 did:key (multicodec 0xe7).
        assert_eq!(
            "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme".parse::<InstitutionId>(),
            Err(DidError::NotEd25519)
        );
    }
}
