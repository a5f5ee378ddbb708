//! The data directory's format version, and the migrations that bring an
//! older directory up to it when the node starts.
//!
//! The version is the file `DATA_DIR/data-format`: one decimal number and a
//! newline, written through a temporary file and a rename. A file, not a
//! key inside sled, so it can be read before the database is opened, even
//! by a version whose storage engine could not open that database.
//!
//! - No file and no `db/`: a new directory; it gets [`DATA_FORMAT`].
//! - No file but a `db/`: a directory made before versions existed
//!   (format 0); the migrations from 0 run.
//! - A number above [`DATA_FORMAT`]: written by a newer vetnet; the node
//!   refuses to start and names both versions (a newer version may have
//!   changed the database in ways this one would misread or undo).
//!
//! Each migration runs with the store open, after its check on open, and
//! the version file is written after each one, so an interrupted upgrade
//! goes on from the last finished step. Migrations are idempotent.

use std::path::PathBuf;

use crate::data_dir::{DataDir, DataDirError, write_atomic};
use crate::store::{RecordStore, StoreError};

/// The data directory format this version writes and runs.
pub const DATA_FORMAT: u32 = 1;

/// The version file's name in the data directory.
pub const FORMAT_FILE: &str = "data-format";

#[derive(Debug, thiserror::Error)]
pub enum UpgradeError {
    #[error(
        "the data directory {dir} was written by a newer vetnet: its data format is {found}, and this vetnet \
         ({version}) runs data format {supported} and older. Run that newer vetnet (or a later one) on it; this \
         version does not start on it, so that it cannot misread or undo what the newer one wrote"
    )]
    Newer { dir: PathBuf, found: u32, supported: u32, version: &'static str },
    #[error(
        "{path} is damaged: it must hold the data format number alone (like `1`), it holds {text:?}; write the \
         number of the vetnet version that made the directory, or `1`"
    )]
    Unreadable { path: PathBuf, text: String },
    #[error(transparent)]
    DataDir(#[from] DataDirError),
    #[error("the migration of the data directory to format {to} ({what}) failed: {source}")]
    Migration {
        to: u32,
        what: &'static str,
        #[source]
        source: StoreError,
    },
}

/// A data directory's format before the store opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// No database yet: it will be made in the current format.
    New,
    /// Written in this format (maybe older than [`DATA_FORMAT`]).
    At(u32),
}

/// One step from `to - 1` to `to`.
struct Migration {
    to: u32,
    what: &'static str,
    run: fn(&RecordStore) -> Result<u64, StoreError>,
}

/// Every migration, in order.
const MIGRATIONS: &[Migration] = &[Migration {
    to: 1,
    what: "search terms derived again for every record, so records of kinds an older version did not interpret are found",
    run: RecordStore::reindex_terms,
}];

/// Reads the directory's format, refusing one newer than this version's.
pub fn check_format(data_dir: &DataDir) -> Result<Format, UpgradeError> {
    let path = data_dir.root().join(FORMAT_FILE);
    let found = match std::fs::read_to_string(&path) {
        Ok(text) => text.trim().parse::<u32>().map_err(|_| UpgradeError::Unreadable { path: path.clone(), text })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(if data_dir.db_path().is_dir() { Format::At(0) } else { Format::New });
        }
        Err(source) => return Err(DataDirError::Io { path, source }.into()),
    };
    if found > DATA_FORMAT {
        return Err(UpgradeError::Newer {
            dir: data_dir.root().to_owned(),
            found,
            supported: DATA_FORMAT,
            version: env!("CARGO_PKG_VERSION"),
        });
    }
    Ok(Format::At(found))
}

/// Runs the migrations from `format` on the open `store`, writing the
/// version after each; a new directory just gets the current version.
pub fn migrate(data_dir: &DataDir, store: &RecordStore, format: Format) -> Result<(), UpgradeError> {
    let Format::At(from) = format else { return Ok(write_format(data_dir)?) };
    for migration in MIGRATIONS.iter().filter(|m| m.to > from) {
        tracing::info!(to = migration.to, what = migration.what, "migrating the data directory");
        let changed = (migration.run)(store).map_err(|source| UpgradeError::Migration {
            to: migration.to,
            what: migration.what,
            source,
        })?;
        tracing::info!(to = migration.to, changed, "data directory migrated");
        write_version(data_dir, migration.to)?;
    }
    Ok(())
}

/// Writes the current format version.
pub fn write_format(data_dir: &DataDir) -> Result<(), DataDirError> {
    write_version(data_dir, DATA_FORMAT)
}

fn write_version(data_dir: &DataDir, version: u32) -> Result<(), DataDirError> {
    write_atomic(&data_dir.root().join(FORMAT_FILE), format!("{version}\n").as_bytes(), 0o600)
}
