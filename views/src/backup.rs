//! `vetnet backup` and `vetnet restore`: the request the node seals an
//! archive for, what an archive holds, and what a restore wrote.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The body of `POST /v1/backup`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BackupRequest {
    /// The passphrase the archive is encrypted with (age, scrypt), at least
    /// 12 characters. It is used once and never stored or logged.
    pub passphrase: String,
}

/// What a backup archive holds, as read back from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ArchiveContentsView {
    /// The institution's `did:key`.
    pub institution: String,
    /// The node's libp2p peer id.
    pub peer_id: String,
    pub network: String,
    /// Unix seconds when the node took the snapshot.
    pub created_at: u64,
    /// The vetnet version that wrote it.
    pub created_by: String,
    /// The archive format (the header line inside the encryption).
    pub archive_format: u32,
    /// The data directory format of the node that wrote it.
    pub data_format: u32,
    /// The files: `config.toml`, `institution.key`, `node.key`, retired keys.
    pub files: Vec<String>,
    /// Own records (withdrawals included), per kind.
    pub own_records: BTreeMap<String, u64>,
    /// Own records no peer had received yet (sent again after a restore).
    pub unsent_records: u64,
    /// Entries per private tree (`private/mobility`, `private/credentials`, …).
    pub private_trees: BTreeMap<String, u64>,
    /// Mobility threads.
    pub threads: u64,
    /// Issued credentials.
    pub credentials: u64,
    /// Address-book entries.
    pub peers: u64,
}

/// What `vetnet backup` wrote (printed by the CLI; the API answers with the
/// archive itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BackupView {
    /// The archive file.
    pub file: String,
    pub bytes: u64,
    /// What the archive holds, read back and decrypted after writing it.
    pub contents: ArchiveContentsView,
}

/// What `vetnet restore` did to a data directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RestoreView {
    pub data_dir: String,
    pub contents: ArchiveContentsView,
    /// Where the database that was there before is kept (`--force`), if one was.
    pub previous_database: Option<String>,
    /// Own records stored again.
    pub records_restored: u64,
    /// What to do next.
    pub next_steps: Vec<String>,
}
