//! One conformance case and the vector file that lists them
//! (`protocol/tests/vectors/conformance.json`, documented in that folder's
//! `README.md`).

use serde::{Deserialize, Serialize};

/// What a conforming node makes of a case's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Valid: stored (a record), taken (a step, receipt or letter), read (a
    /// sync message).
    Accept,
    /// Invalid: refused, and for gossip the sender is penalised.
    Reject,
    /// Valid but not taken now: not stored or forwarded, no penalty (a stale
    /// version, a record from the future, a key past its cut-off).
    Ignore,
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Verdict::Accept => "accept",
            Verdict::Reject => "reject",
            Verdict::Ignore => "ignore",
        })
    }
}

/// What the bytes of a case are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Input {
    /// A record, as gossip or sync delivers it.
    Record,
    /// A mobility step, as the direct protocol delivers it.
    Step,
    /// A receipt answering a step.
    Receipt,
    /// A letter.
    Letter,
    /// A `/vetnet/sync/1` request frame's content (without the length).
    SyncRequest,
    /// A `/vetnet/sync/1` response frame's content (without the length).
    SyncResponse,
}

/// One case of the vector file. Field order here is the order in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// A stable name, unique in the file.
    pub id: String,
    /// What the case is about, for people.
    pub description: String,
    /// The part of the spec it tests: `envelope`, `payload`, a record kind,
    /// `versions`, `keys`, `step`, `receipt`, `letter`, `sync`.
    pub group: String,
    /// What the bytes are.
    pub input: Input,
    /// The receiving node's network.
    pub network: String,
    /// The receiving node's clock, Unix seconds.
    pub now: u64,
    /// Records (hex) the receiver has accepted before the case, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
    /// The case's bytes, lower-case hex.
    pub hex: String,
    /// The verdict a conforming node reaches.
    pub verdict: Verdict,
    /// For a refusal: the field at fault, a path into the payload (`net`,
    /// `body.title.en`) or a part of the envelope (`record`, `envelope`,
    /// `protected`, `signature`, `payload`). Normative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For a refusal, the rule broken; for an ignore, why. Informative: the
    /// reference's wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

impl Case {
    /// The case's bytes.
    pub fn bytes(&self) -> Result<Vec<u8>, hex::FromHexError> {
        hex::decode(&self.hex)
    }

    /// The records applied before the case.
    pub fn given_bytes(&self) -> Result<Vec<Vec<u8>>, hex::FromHexError> {
        self.given.iter().map(hex::decode).collect()
    }
}

/// A key the cases are signed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEntry {
    /// Its name in the cases' descriptions.
    pub name: String,
    /// The 32-byte Ed25519 secret (seed), hex.
    pub secret_key_hex: String,
    /// The public key, hex: the `kid`.
    pub public_key_hex: String,
}

/// The vector file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VectorFile {
    /// `vetnet-conformance/1`.
    pub format: String,
    /// What the file is.
    pub description: String,
    /// The keys the cases are signed with.
    pub keys: Vec<KeyEntry>,
    /// The cases.
    pub cases: Vec<Case>,
}

/// The `format` of the file this version writes and reads.
pub const FORMAT: &str = "vetnet-conformance/1";
