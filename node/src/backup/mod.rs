//! Backup and restore of an institution: `vetnet backup` and `vetnet restore`.
//!
//! - [`snapshot`]: what a running node puts in an archive, read at one
//!   moment while it keeps working (`POST /v1/backup`).
//! - [`archive`]: the archive format (a versioned header and CBOR, inside
//!   an age file encrypted with a passphrase through scrypt), sealing and
//!   opening it.
//! - [`restore`]: a data directory brought back from an archive, with the
//!   node stopped.
//!
//! The archive holds the institution's keys, so it is only ever written
//! encrypted; the passphrase is never stored, logged or taken from the
//! command line. `docs/BACKUP-FORMAT.md` specifies the format.

pub mod archive;
pub mod restore;
pub mod snapshot;

use std::path::PathBuf;

pub use archive::{ARCHIVE_FORMAT, Archive, SCRYPT_WORK_FACTOR, open_archive, seal_archive};
pub use restore::restore;
pub use snapshot::{SnapshotSources, take_snapshot};

use crate::config::ConfigError;
use crate::data_dir::DataDirError;
use crate::store::StoreError;

/// The shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "the passphrase is too short: it must have at least {MIN_PASSPHRASE_CHARS} characters (it has {chars}); \
         the archive holds the institution's keys, so choose a long one, for example five random words"
    )]
    PassphraseTooShort { chars: usize },
    #[error(
        "the passphrase does not open this backup archive: check it and try again (in a passphrase file one \
         trailing newline is ignored, nothing else)"
    )]
    WrongPassphrase,
    #[error("this is not a vetnet backup archive: {0}")]
    NotAnArchive(String),
    #[error(
        "the backup archive is damaged: {0}; nothing was restored from it. Use another copy of the backup \
         (keep copies in more than one place)"
    )]
    Damaged(String),
    #[error(
        "the backup archive was written by a newer vetnet (archive format {found}; this version reads up to \
         format {supported}): restore it with that version or a later one"
    )]
    NewerArchive { found: u32, supported: u32 },
    #[error(
        "the backup archive comes from a data directory of a newer vetnet (data format {found}; this version \
         runs up to format {supported}): restore it with that version or a later one"
    )]
    NewerDataFormat { found: u32, supported: u32 },
    #[error("the backup archive is larger than {} MiB, the most this version reads", archive::MAX_ARCHIVE_BYTES >> 20)]
    TooLarge,
    #[error(
        "a vetnet node is running on the data directory {0}; stop it first (Ctrl-C, or `kill -TERM` its pid in \
         node.toml), then run `vetnet restore` again"
    )]
    NodeRunning(PathBuf),
    #[error(
        "the data directory {dir} holds another institution ({held}), not the one in the backup ({archived}); \
         nothing was changed. Restore into an empty directory (`--data-dir`), or move that one away first"
    )]
    AnotherInstitution { dir: PathBuf, held: String, archived: String },
    #[error(
        "the data directory {dir} already holds this institution ({did}); nothing was changed. To replace its \
         database with the backup's, run `vetnet restore` again with `--force` (the current database is kept \
         beside it as db.before-restore-<time>)"
    )]
    SameInstitution { dir: PathBuf, did: String },
    #[error("the backup archive holds a file vetnet does not restore: {0:?}")]
    UnexpectedFile(String),
    #[error("the backup archive holds no {0}; it cannot bring the institution back")]
    MissingFile(&'static str),
    #[error("cannot {what} {path}: {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot encrypt the backup archive: {0}")]
    Encrypt(String),
    #[error("cannot encode the backup archive: {0}")]
    Encode(#[source] ciborium::ser::Error<std::io::Error>),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    DataDir(#[from] DataDirError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("invalid setting in the restored config.toml: {0}")]
    Setting(String),
    #[error("the backup stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// A passphrase that passed the length rule. Its `Debug` hides it.
#[derive(Clone)]
pub struct Passphrase(String);

impl Passphrase {
    /// Checks the rule: at least [`MIN_PASSPHRASE_CHARS`] characters.
    pub fn new(text: String) -> Result<Self, BackupError> {
        let chars = text.chars().count();
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(BackupError::PassphraseTooShort { chars });
        }
        Ok(Self(text))
    }

    /// Reads a passphrase file's text: one trailing newline (`\n` or
    /// `\r\n`) is not part of the passphrase.
    pub fn from_file_text(text: &str) -> Result<Self, BackupError> {
        let text = text.strip_suffix('\n').map_or(text, |t| t.strip_suffix('\r').unwrap_or(t));
        Self::new(text.to_owned())
    }

    /// The passphrase's text (for the request that hands it to the node).
    pub fn expose(&self) -> &str {
        &self.0
    }

    fn secret(&self) -> age::secrecy::SecretString {
        age::secrecy::SecretString::from(self.0.clone())
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_passphrase_is_refused_with_the_rule() {
        let e = Passphrase::new("short".into()).unwrap_err();
        assert!(e.to_string().contains("at least 12 characters (it has 5)"), "{e}");
        assert!(Passphrase::new(String::new()).is_err());
        assert!(Passphrase::from_file_text("correct horse battery\n").is_ok());
        assert!(Passphrase::from_file_text("elevenchars\n").is_err(), "the newline does not count");
    }
}
