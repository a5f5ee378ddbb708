//! `vetnet repair`: what a repair of a damaged record database kept and lost.
//! Not an API answer (the node is stopped during a repair): the CLI prints it
//! with `--json`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What `vetnet repair` did to a data directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RepairView {
    pub data_dir: String,
    /// This institution's `did:key`: its keys were not touched.
    pub institution: String,
    /// The check on open found nothing wrong, so nothing was changed.
    pub already_intact: bool,
    /// What the check on open found damaged (empty when `already_intact`).
    pub damage: String,
    /// Whether sled could open the damaged database at all; when it could
    /// not, the new store starts empty.
    pub readable: bool,
    /// Why sled could not open it, when it could not.
    pub unreadable_because: Option<String>,
    /// Where the damaged database is kept for the operator (`db.damaged-<time>`).
    pub damaged_copy: Option<String>,
    /// Live records the damaged database held: the most of what its live
    /// entries, its sync entries and its count of the last flush say.
    pub held_before: u64,
    /// Records kept in the new database, per kind (withdrawals count under their kind).
    pub kept: BTreeMap<String, u64>,
    pub kept_total: u64,
    /// Records lost: `held_before` less `kept_total`.
    pub lost_total: u64,
    /// Own records (this institution is the author) kept.
    pub own_kept: u64,
    /// Own records lost whose kind and id could still be read.
    pub own_lost: Vec<LostRecordView>,
    /// Lost own records that no peer had received yet (they were in the outbox).
    pub own_lost_unsent: u64,
    /// Records found damaged (bytes that no longer hash to their id, or that
    /// no longer open as a signed record); none of them is kept.
    pub damaged_records: u64,
    /// Address-book entries kept.
    pub peers_kept: u64,
    /// The private trees (mobility threads, issued credentials): kept and lost.
    pub private: Vec<PrivateTreeView>,
    /// The parts of the database that could not be read, in words.
    pub unreadable_parts: Vec<String>,
    /// What happens next, in words.
    pub next_steps: Vec<String>,
}

/// A lost record by its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LostRecordView {
    pub kind: String,
    pub id: String,
}

/// One private tree after a repair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PrivateTreeView {
    /// `private/mobility` or `private/credentials`.
    pub tree: String,
    /// Entries copied into the new database.
    pub entries_kept: u64,
    /// What the tree's items are: `threads` or `credentials`.
    pub items: String,
    /// Items kept: mobility threads, or issued credentials.
    pub items_kept: u64,
    /// Items known lost, by id: mobility threads whose log could be read
    /// but not a step it names (the log is left out too, so the node never
    /// shows half a thread). Items inside an unreadable range are unknown.
    pub items_lost: Vec<String>,
    /// Ranges of entries that could not be read, in words.
    pub unreadable: Vec<String>,
}
