//! `vetnet restore`: a data directory brought back from an archive, with
//! the node stopped (the restore holds `node.lock` itself).
//!
//! 1. The directory must not hold another institution (both `did:key`s are
//!    named), nor this one unless `force` (then its database is kept beside
//!    the new one as `db.before-restore-<time>`).
//! 2. The key files and `config.toml` are written (0600, each through a
//!    temporary file and a rename); `retired-keys/` too.
//! 3. A fresh database is built in `db.restoring` from the archive's store
//!    part ([`RecordStore::restore_snapshot`]: own records through the
//!    normal insert path, the address book and private trees as they were),
//!    then renamed to `db`, and the data format version is written.
//!
//! The keys come first: if the restore stops half-way, the directory already
//! speaks for the right institution, and running the restore again with
//! `--force` finishes it.

use std::path::Path;

use vetnet_views::RestoreView;

use super::BackupError;
use super::archive::Archive;
use super::snapshot::{ARCHIVED_FILES, RETIRED_KEYS};
use crate::config::Config;
use crate::data_dir::{DataDir, DataDirError, write_atomic};
use crate::keys;
use crate::store::RecordStore;
use crate::upgrade;

/// Restores `archive` into `data_dir` (see the module doc).
pub fn restore(data_dir: &DataDir, archive: &Archive, force: bool, now: u64) -> Result<RestoreView, BackupError> {
    if archive.data_format > upgrade::DATA_FORMAT {
        return Err(BackupError::NewerDataFormat { found: archive.data_format, supported: upgrade::DATA_FORMAT });
    }
    let _lock = data_dir.lock().map_err(|e| match e {
        DataDirError::Locked(path) => BackupError::NodeRunning(path),
        other => other.into(),
    })?;
    check_archive_keys(archive)?;
    refuse_another_institution(data_dir, archive, force)?;
    write_files(data_dir, archive)?;
    let config = Config::load(data_dir)?;
    let fresh = data_dir.root().join("db.restoring");
    remove_dir(&fresh)?;
    let store = RecordStore::open(&fresh, &config.network, config.cache_mb * 1024 * 1024)?;
    store.set_anchors(config.anchors().map_err(BackupError::Setting)?)?;
    let records_restored = store.restore_snapshot(&archive.store_snapshot(), now)?;
    store.save_search_index()?;
    drop(store);
    let db = data_dir.db_path();
    let previous_database = if db.exists() {
        let kept = data_dir.root().join(format!("db.before-restore-{}", chrono::Utc::now().format("%Y%m%dT%H%M%SZ")));
        rename(&db, &kept)?;
        Some(kept.display().to_string())
    } else {
        None
    };
    rename(&fresh, &db)?;
    upgrade::write_format(data_dir)?;
    data_dir.remove_runtime();
    Ok(RestoreView {
        data_dir: data_dir.root().display().to_string(),
        contents: archive.contents(),
        previous_database,
        records_restored,
        next_steps: vec![
            "Start the node with `vetnet node run` (on this machine's addresses: pass --listen and --api, or edit config.toml). It has the same did:key and peer id as before.".to_owned(),
            "When it connects, catch-up sync fetches the network's public records again; wait for `vetnet status` to show them before you publish, so new versions follow the newest ones peers hold.".to_owned(),
            "Mobility steps and letters that were waiting are delivered again from the outbox; partners deliver theirs when the node is reachable.".to_owned(),
        ],
    })
}

/// The archive's institution key must be the institution it names.
fn check_archive_keys(archive: &Archive) -> Result<(), BackupError> {
    let key = archive.file("institution.key").ok_or(BackupError::MissingFile("institution.key"))?;
    archive.file("node.key").ok_or(BackupError::MissingFile("node.key"))?;
    archive.file("config.toml").ok_or(BackupError::MissingFile("config.toml"))?;
    let text = std::str::from_utf8(key).map_err(|_| BackupError::Damaged("its institution.key is not text".into()))?;
    let id = keys::parse_institution_key(text)
        .map_err(|e| BackupError::Damaged(format!("its institution.key does not decode ({e})")))?
        .id();
    if id.to_did() != archive.institution {
        return Err(BackupError::Damaged(format!(
            "its institution.key is the key of {}, not of {}, the institution it names",
            id.to_did(),
            archive.institution
        )));
    }
    Ok(())
}

/// Refuses a directory that holds another institution, or this one without `force`.
fn refuse_another_institution(data_dir: &DataDir, archive: &Archive, force: bool) -> Result<(), BackupError> {
    if !data_dir.institution_key_path().exists() {
        return Ok(());
    }
    let held = keys::institution_key(data_dir)?.id().to_did();
    if held != archive.institution {
        return Err(BackupError::AnotherInstitution {
            dir: data_dir.root().to_owned(),
            held,
            archived: archive.institution.clone(),
        });
    }
    if !force {
        return Err(BackupError::SameInstitution { dir: data_dir.root().to_owned(), did: held });
    }
    Ok(())
}

/// Writes the archive's files into the data directory, 0600 each.
fn write_files(data_dir: &DataDir, archive: &Archive) -> Result<(), BackupError> {
    for file in &archive.files {
        let allowed = ARCHIVED_FILES.contains(&file.name.as_str())
            || file.name.strip_prefix(&format!("{RETIRED_KEYS}/")).is_some_and(is_plain_file_name);
        if !allowed {
            return Err(BackupError::UnexpectedFile(file.name.clone()));
        }
    }
    let retired = data_dir.root().join(RETIRED_KEYS);
    if archive.files.iter().any(|f| f.name.starts_with(RETIRED_KEYS)) && !retired.is_dir() {
        std::fs::create_dir(&retired).map_err(|source| BackupError::Io { what: "create", path: retired, source })?;
    }
    for file in &archive.files {
        write_atomic(&data_dir.root().join(&file.name), &file.bytes, 0o600)?;
    }
    if !archive.files.iter().any(|f| f.name == "institution.next.key") {
        let stale = data_dir.root().join("institution.next.key");
        if stale.exists() {
            std::fs::remove_file(&stale).map_err(|source| BackupError::Io { what: "remove", path: stale, source })?;
        }
    }
    Ok(())
}

fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains('/') && !name.contains('\0')
}

fn rename(from: &Path, to: &Path) -> Result<(), BackupError> {
    std::fs::rename(from, to).map_err(|source| BackupError::Io { what: "rename to", path: to.to_owned(), source })
}

fn remove_dir(path: &Path) -> Result<(), BackupError> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(BackupError::Io { what: "remove the unfinished restore at", path: path.to_owned(), source }),
    }
}
