//! `vetnet repair`: a new record database from what a damaged one still
//! holds, for a node that refuses to start on it.
//!
//! With the node stopped (the repair holds `node.lock` itself), it:
//! 1. runs the store's check on open; an intact database is left as it is;
//! 2. opens the damaged database with sled only to read it
//!    ([`DamagedDatabase`]) and writes, into a fresh `db.repairing` beside
//!    it, every record that is intact (through the store's insert path, so
//!    the index and the live set are derived anew), the address book, and
//!    the private trees (mobility threads whose steps are all there, issued
//!    credentials). If sled cannot open the damaged database at all, the new
//!    database starts empty;
//! 3. swaps the two directories in one atomic `renameat2(RENAME_EXCHANGE)`
//!    (two renames where the file system cannot exchange), keeps the damaged
//!    one as `db.damaged-<UTC time>`, and opens the new one with the full
//!    check;
//! 4. reports, per kind, what was kept and what was lost.
//!
//! It never touches the key files or `config.toml`. Public records come
//! back from peers by catch-up sync when the node next starts, own records
//! too when a peer holds them; private entries cannot come back.

use std::collections::BTreeMap;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use vetnet_protocol::InstitutionId;
use vetnet_views::{LostRecordView, PrivateTreeView, RepairView};

use crate::config::{Config, ConfigError};
use crate::data_dir::{DataDir, DataDirError};
use crate::keys;
use crate::mobility::ThreadLog;
use crate::store::salvage::{DamagedDatabase, Unreadable};
use crate::store::{RecordStore, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum RepairError {
    #[error(
        "a vetnet node is running on the data directory {0}; stop it first (Ctrl-C, or `kill -TERM` its pid in node.toml), then run `vetnet repair` again"
    )]
    NodeRunning(PathBuf),
    #[error(
        "{0} is not an initialised vetnet data directory (no config.toml or institution.key); there is nothing to repair"
    )]
    NotInitialized(PathBuf),
    #[error("there is no record database at {0}; there is nothing to repair (`vetnet node run` creates a new one)")]
    NoDatabase(PathBuf),
    #[error(transparent)]
    DataDir(#[from] DataDirError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("invalid setting: {0}")]
    Setting(String),
    #[error("cannot write the new record database: {0}")]
    Store(#[from] StoreError),
    #[error("cannot {what} {path}: {source}")]
    Io { what: &'static str, path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Upgrade(#[from] crate::upgrade::UpgradeError),
    #[error("the repaired database does not pass the check on open ({0}); the damaged one is kept as {1}")]
    StillDamaged(StoreError, PathBuf),
}

/// The private trees of the store, with what their items are.
const PRIVATE_TREES: [(&str, &str); 3] =
    [("private/mobility", "threads"), ("private/credentials", "credentials"), ("private/letters", "letters")];

/// Repairs the record database of `data_dir` (see the module doc).
pub fn repair(data_dir: &DataDir) -> Result<RepairView, RepairError> {
    let _lock = data_dir.lock().map_err(|e| match e {
        DataDirError::Locked(path) => RepairError::NodeRunning(path),
        other => other.into(),
    })?;
    if !data_dir.is_initialized() {
        return Err(RepairError::NotInitialized(data_dir.root().to_owned()));
    }
    // A newer version's directory is not this version's to rebuild.
    crate::upgrade::check_format(data_dir)?;
    let config = Config::load(data_dir)?;
    let institution = keys::institution_key(data_dir)?.id();
    let db = data_dir.db_path();
    if !db.is_dir() {
        return Err(RepairError::NoDatabase(db));
    }
    let cache_bytes = config.cache_mb * 1024 * 1024;
    let mut view = empty_view(data_dir, &institution);
    match RecordStore::open(&db, &config.network, cache_bytes) {
        Ok(_) => {
            view.already_intact = true;
            view.next_steps.push(
                "The record database is intact: nothing was changed. Start the node with `vetnet node run`.".to_owned(),
            );
            return Ok(view);
        }
        Err(StoreError::Damaged { what, .. }) => view.damage = what,
        Err(other) => view.damage = other.to_string(),
    }

    let fresh = data_dir.root().join("db.repairing");
    remove_dir(&fresh)?;
    let store = RecordStore::open(&fresh, &config.network, cache_bytes)?;
    store.set_anchors(config.anchors().map_err(RepairError::Setting)?)?;
    match DamagedDatabase::open(&db) {
        Ok(damaged) => restore(&store, &damaged, &institution, &mut view)?,
        Err(reason) => {
            view.readable = false;
            view.unreadable_because = Some(reason);
        }
    }
    store.flush()?;
    drop(store);

    let damaged_copy = swap_in(&db, &fresh, data_dir.root())?;
    if let Err(e) = RecordStore::open(&db, &config.network, cache_bytes) {
        return Err(RepairError::StillDamaged(e, damaged_copy));
    }
    view.damaged_copy = Some(damaged_copy.display().to_string());
    view.next_steps = next_steps(&view);
    Ok(view)
}

fn empty_view(data_dir: &DataDir, institution: &InstitutionId) -> RepairView {
    RepairView {
        data_dir: data_dir.root().display().to_string(),
        institution: institution.to_did(),
        already_intact: false,
        damage: String::new(),
        readable: true,
        unreadable_because: None,
        damaged_copy: None,
        held_before: 0,
        kept: BTreeMap::new(),
        kept_total: 0,
        lost_total: 0,
        own_kept: 0,
        own_lost: Vec::new(),
        own_lost_unsent: 0,
        damaged_records: 0,
        peers_kept: 0,
        private: Vec::new(),
        unreadable_parts: Vec::new(),
        next_steps: Vec::new(),
    }
}

/// Copies what `damaged` holds intact into `store`, noting it in `view`.
fn restore(
    store: &RecordStore,
    damaged: &DamagedDatabase,
    institution: &InstitutionId,
    view: &mut RepairView,
) -> Result<(), RepairError> {
    let records = store.restore_records(damaged, institution, crate::clock::unix_now())?;
    view.kept_total = records.kept.values().sum();
    view.kept = records.kept;
    view.held_before = records.held_before;
    view.lost_total = records.held_before.saturating_sub(view.kept_total);
    view.own_kept = records.own_kept;
    view.own_lost = records.own_lost.into_iter().map(|(kind, id)| LostRecordView { kind, id }).collect();
    view.own_lost_unsent = records.own_lost_unsent;
    view.damaged_records = records.damaged;
    view.unreadable_parts = records.unreadable;
    let (peers, unreadable) = store.restore_peers(damaged)?;
    view.peers_kept = peers;
    view.unreadable_parts.extend(unreadable);
    let names = damaged.tree_names();
    for (name, items) in PRIVATE_TREES {
        if names.iter().any(|n| n == name) {
            view.private.push(restore_private(store, damaged, name, items)?);
        }
    }
    Ok(())
}

/// Copies one private tree: every entry that can be read, except the log of
/// a mobility thread one of whose steps is lost (with its learner key).
fn restore_private(
    store: &RecordStore,
    damaged: &DamagedDatabase,
    name: &str,
    items: &str,
) -> Result<PrivateTreeView, RepairError> {
    let mut entries = BTreeMap::new();
    let gaps = damaged.read_tree(name, &mut |key, value| {
        entries.insert(key.to_vec(), value.to_vec());
        Ok(())
    })?;
    let mut items_lost = Vec::new();
    if items == "threads" {
        for (thread, log) in thread_logs(&entries) {
            let complete = log.erased.is_some()
                || log.entries.iter().all(|entry| entries.contains_key(&[b"s/".as_slice(), &entry.hash].concat()));
            if !complete {
                items_lost.push(thread);
            }
        }
        for thread in &items_lost {
            entries.remove(&[b"t/".as_slice(), thread.as_bytes()].concat());
            entries.remove(&[b"k/".as_slice(), thread.as_bytes()].concat());
        }
    }
    let items_kept = match items {
        "threads" => entries.keys().filter(|key| key.starts_with(b"t/")).count(),
        _ => entries.len(),
    } as u64;
    let tree = store.private_tree(name.trim_start_matches("private/"))?;
    for (key, value) in &entries {
        tree.insert(key.as_slice(), value.as_slice()).map_err(StoreError::from)?;
    }
    Ok(PrivateTreeView {
        tree: name.to_owned(),
        entries_kept: entries.len() as u64,
        items: items.to_owned(),
        items_kept,
        items_lost,
        unreadable: gaps.iter().map(describe_private).collect(),
    })
}

/// The thread logs (`t/<thread>`) among a mobility tree's entries that decode.
fn thread_logs(entries: &BTreeMap<Vec<u8>, Vec<u8>>) -> Vec<(String, ThreadLog)> {
    entries
        .iter()
        .filter_map(|(key, value)| {
            let thread = std::str::from_utf8(key.strip_prefix(b"t/")?).ok()?.to_owned();
            let log: ThreadLog = ciborium::from_reader(value.as_slice()).ok()?;
            Some((thread, log))
        })
        .collect()
}

/// An unreadable range of a private tree in words: its keys are text
/// (`t/<thread>`, a credential id) or a prefix and a hash.
fn describe_private(gap: &Unreadable) -> String {
    gap.describe(|key| match std::str::from_utf8(key) {
        Ok(text) if text.chars().all(|c| !c.is_control()) => text.to_owned(),
        _ => hex::encode(key),
    })
}

/// Puts `fresh` in place of `db` and keeps the damaged one as
/// `db.damaged-<UTC time>`, returning its path.
fn swap_in(db: &Path, fresh: &Path, root: &Path) -> Result<PathBuf, RepairError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let mut kept = root.join(format!("db.damaged-{stamp}"));
    for n in 1.. {
        if !kept.exists() {
            break;
        }
        kept = root.join(format!("db.damaged-{stamp}-{n}"));
    }
    let io = |what, path: &Path| {
        let path = path.to_owned();
        move |source| RepairError::Io { what, path, source }
    };
    if exchange(db, fresh).is_ok() {
        std::fs::rename(fresh, &kept).map_err(io("keep the damaged database as", &kept))?;
    } else {
        std::fs::rename(db, &kept).map_err(io("keep the damaged database as", &kept))?;
        std::fs::rename(fresh, db).map_err(io("put the new database in place at", db))?;
    }
    Ok(kept)
}

/// Swaps two directories in one step (Linux `renameat2` with
/// `RENAME_EXCHANGE`), so `db` is always either the old or the new database.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    let path = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
    let (a, b) = (path(a)?, path(b)?);
    // SAFETY: both pointers are NUL-terminated strings that live across the
    // call; renameat2 reads them and touches no other memory.
    let result =
        unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if result == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
}

fn remove_dir(path: &Path) -> Result<(), RepairError> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(RepairError::Io { what: "remove the unfinished repair at", path: path.to_owned(), source }),
    }
}

/// What the operator should know and do after a repair.
fn next_steps(view: &RepairView) -> Vec<String> {
    let mut steps = vec![
        "Start the node with `vetnet node run`: when it connects, catch-up sync fetches the network's public records it no longer holds from its peers.".to_owned(),
    ];
    if !view.own_lost.is_empty() || view.lost_total > 0 {
        steps.push(
            "Own records lost here come back the same way if a peer holds them (every peer that received one keeps it). Check them with `vetnet offer list` and the other lists once sync is done, before you change any of them.".to_owned(),
        );
    }
    if view.own_lost_unsent > 0 {
        steps.push(format!(
            "{} own records had not reached any peer yet: they are lost; publish them again.",
            view.own_lost_unsent
        ));
    }
    if view.private.iter().any(|tree| !tree.items_lost.is_empty() || !tree.unreadable.is_empty()) || !view.readable {
        steps.push(
            "Private entries (mobility threads, issued credentials) never leave this node, so what is lost of them cannot come back by sync: restore them from a backup, or ask the partner institution for its copy of a thread.".to_owned(),
        );
    }
    steps
}
