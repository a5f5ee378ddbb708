//! Credentials a learner keeps: Open Badges 3.0 `OpenBadgeCredential`s (W3C
//! Verifiable Credentials 2.0) secured with an `eddsa-rdfc-2022` Data
//! Integrity proof, or as a VC-JWT. No I/O: the JSON-LD contexts are compiled
//! in, so nothing is fetched at run time.
//!
//! * [`contexts`]: the bundled JSON-LD contexts ([`VC_V2`], [`OB_V3P0`]) and
//!   the [`ContextSet`] a canonicalisation may load from.
//! * [`canonical`]: JSON-LD → RDF → RDFC-1.0 canonical N-Quads, strict about
//!   anything JSON-LD would silently drop.
//! * [`data_integrity`]: `eddsa-rdfc-2022` proofs: [`data_integrity::sign`],
//!   [`data_integrity::verify`].
//! * [`jwt`]: VC-JWT (Open Badges 3.0 §8.2): [`jwt::encode`],
//!   [`jwt::decode_verify`].
//! * [`open_badge`]: the OpenBadgeCredential vetnet issues (the EU
//!   micro-credential elements mapped to Open Badges 3.0 terms), and the facts
//!   a verifier reads from one.
//! * [`vc`]: small readings of a credential (issuer id, subject id, dates).
//!
//! Everything is synchronous; canonicalisation is CPU work of a few
//! milliseconds, so async callers should run it on a blocking thread.

pub mod canonical;
pub mod contexts;
pub mod data_integrity;
pub mod jwt;
pub mod open_badge;
pub mod vc;

pub use canonical::{CanonicalError, canonicalize};
pub use contexts::{ContextError, ContextSet, OB_V3P0, VC_V2};
pub use data_integrity::{ProofError, SignError, VerifiedProof};
pub use jwt::{JwtError, VerifiedJwt};
