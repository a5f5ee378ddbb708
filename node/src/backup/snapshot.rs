//! A running node's archive: the key files and settings, and the store's
//! part ([`RecordStore::backup_snapshot`]), all read at one moment.
//!
//! Taking the snapshot holds, in this order, the lock that serialises
//! changes to mobility threads, the one of letters, and the read side of the
//! records' writers' lock (inside the store); every other lock is taken in
//! that same order or alone, so the snapshot cannot deadlock with them.
//! Writes wait for the few milliseconds of reading; searches and status go
//! on. Encoding and encryption run after the locks are released.

use std::path::Path;

use serde_bytes::ByteBuf;

use super::BackupError;
use super::archive::{Archive, ArchivedFile};
use crate::info::NodeInfo;
use crate::mobility::Mobility;
use crate::networks::Networks;
use crate::store::RecordStore;

/// The key files and settings a backup keeps, by their name in the data
/// directory (absent ones are skipped; `retired-keys/` is added whole).
pub const ARCHIVED_FILES: [&str; 4] = ["config.toml", "institution.key", "institution.next.key", "node.key"];

/// The folder of retired institution keys, kept whole.
pub const RETIRED_KEYS: &str = "retired-keys";

/// What a snapshot is read from: a running node's parts.
pub struct SnapshotSources<'a> {
    pub info: &'a NodeInfo,
    pub store: &'a RecordStore,
    pub mobility: &'a Mobility,
    pub networks: &'a Networks,
}

/// Reads the archive of a running node (see the module doc).
pub async fn take_snapshot(sources: SnapshotSources<'_>, now: u64) -> Result<Archive, BackupError> {
    let _threads = sources.mobility.hold_changes().await;
    let _letters = sources.networks.hold_changes().await;
    let store = sources.store.clone();
    let info = sources.info;
    let institution = store.key_ledger().current_key(&info.institution);
    let root = info.data_dir.clone();
    let (files, snapshot) = tokio::task::spawn_blocking(move || -> Result<_, BackupError> {
        Ok((read_files(&root)?, store.backup_snapshot(&institution)?))
    })
    .await??;
    let mut archive = Archive {
        created_by: format!("vetnet {}", env!("CARGO_PKG_VERSION")),
        created_at: now,
        data_format: crate::upgrade::DATA_FORMAT,
        network: info.network.clone(),
        institution: institution.to_did(),
        peer_id: info.peer_id.to_string(),
        files,
        records: Vec::new(),
        peers: Vec::new(),
        trees: Vec::new(),
    };
    archive.set_store(snapshot);
    Ok(archive)
}

/// The key files and settings of the data directory at `root`.
fn read_files(root: &Path) -> Result<Vec<ArchivedFile>, BackupError> {
    let read = |name: String| -> Result<Option<ArchivedFile>, BackupError> {
        let path = root.join(&name);
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(ArchivedFile { name, bytes: ByteBuf::from(bytes) })),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(BackupError::Io { what: "read", path, source }),
        }
    };
    let mut files = Vec::new();
    for name in ARCHIVED_FILES {
        files.extend(read(name.to_owned())?);
    }
    let retired = root.join(RETIRED_KEYS);
    match std::fs::read_dir(&retired) {
        Ok(entries) => {
            let mut names = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|source| BackupError::Io { what: "read", path: retired.clone(), source })?;
                if entry.file_type().is_ok_and(|t| t.is_file()) {
                    names.push(entry.file_name().to_string_lossy().into_owned());
                }
            }
            names.sort();
            for name in names {
                files.extend(read(format!("{RETIRED_KEYS}/{name}"))?);
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => return Err(BackupError::Io { what: "read", path: retired, source }),
    }
    Ok(files)
}
