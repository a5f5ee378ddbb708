//! What the fuzz targets and the seed generator (`examples/seeds.rs`) share:
//! the network, the clock and the key the seed records are signed with, and
//! the mobility threads of `mobility_step` and `mobility_thread` ([`mobility`]).

pub mod mobility;

use coset::{CoseSign1Builder, HeaderBuilder, TaggedCborSerializable, iana};
use ed25519_dalek::{Signer, SigningKey};
use vetnet_protocol::{InstitutionKey, ValidationContext};

/// The network every seed record is signed for.
pub const NET: &str = "bsr";
/// `ts` of every seed record.
pub const TS: u64 = 1_795_000_000;
/// The clock the targets validate with: a minute after [`TS`].
pub const NOW: u64 = TS + 60;
/// The seed records' author (fixed, so the corpus is reproducible).
pub const SECRET: [u8; 32] = [7; 32];

pub fn ctx() -> ValidationContext<'static> {
    ValidationContext { network: NET, now: NOW }
}

pub fn key() -> InstitutionKey {
    InstitutionKey::from_secret_bytes(&SECRET)
}

/// A record whose payload bstr holds `payload` exactly as given, signed with
/// [`SECRET`] the way `InstitutionKey::sign` does. Lets a target reach the
/// payload rules with arbitrary payload bytes, past the signature check.
pub fn sign_raw(payload: &[u8]) -> Vec<u8> {
    let signing = SigningKey::from_bytes(&SECRET);
    let protected = HeaderBuilder::new()
        .algorithm(iana::Algorithm::EdDSA)
        .key_id(signing.verifying_key().to_bytes().to_vec())
        .build();
    CoseSign1Builder::new()
        .protected(protected)
        .payload(payload.to_vec())
        .create_signature(&[], |to_be_signed| signing.sign(to_be_signed).to_bytes().to_vec())
        .build()
        .to_tagged_vec()
        .expect("a COSE_Sign1 of a byte payload encodes")
}
