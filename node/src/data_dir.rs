//! The data directory: everything a node keeps on disk, and the lock that
//! keeps a second node off it.
//!
//! ```text
//! DIR/config.toml       settings (network, listen, api, bootstrap), unless
//!                       the settings file is elsewhere (`--config`; the
//!                       Debian package's /etc/vetnet/config.toml)
//! DIR/institution.key   the institution's Ed25519 secret (hex, 0600)
//! DIR/node.key          the node's libp2p key (protobuf, 0600)
//! DIR/api.token         the admin API bearer token (hex, 0600)
//! DIR/db/               the sled database
//! DIR/node.lock         held (flock) by the running node
//! DIR/node.toml         the running node's actual API and listen addresses
//! DIR/data-format       the data directory's format version (`upgrade`)
//! ```
//!
//! The directory is private: the store holds learners' names and the key
//! files speak for the institution. Whatever the operator's umask or the
//! directory's prior mode, it is 0700, and every directory the node keeps in
//! it 0700 and every file 0600 (or stricter). Taking the lock (on `init` and
//! on every start) checks them all, tightens any mode that lets other users in and logs a
//! warning naming the path and its old mode, and sets the process umask to
//! 077, so the files sled creates itself are private from the start. A mode
//! the node cannot change (a file owned by another user) is refused, with the
//! command that fixes it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    #[error("no data directory given and the platform has no default one; pass --data-dir or set VETNET_HOME")]
    NoDefault,
    #[error("cannot use the data directory {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "another vetnet node is already running on the data directory {0}; stop it first, or use another --data-dir"
    )]
    Locked(PathBuf),
    #[error("{path} is damaged: {reason}")]
    Damaged { path: PathBuf, reason: String },
    /// Other users can read the path and the node cannot change its mode.
    #[error(
        "{} is open to other users (mode {mode:04o}) and cannot be made private: {source}; run `chmod -R go-rwx {}` as its owner",
        .path.display(),
        .path.display()
    )]
    OpenToOthers {
        path: PathBuf,
        mode: u32,
        #[source]
        source: io::Error,
    },
    /// A file whose content does not decode (TOML, a protobuf key).
    #[error("{path} is damaged: {source}")]
    Undecodable {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> DataDirError + '_ {
    move |source| DataDirError::Io { path: path.to_owned(), source }
}

/// The files of one node.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
    /// The settings file when it is not `config.toml` in the directory: the
    /// packaged service reads the operator's `/etc/vetnet/config.toml`, which
    /// the node never writes.
    settings: Option<PathBuf>,
}

/// What the running node writes so the CLI can find it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuntimeInfo {
    pub pid: u32,
    /// The address the admin API actually listens on.
    pub api: String,
    pub peer_id: String,
    pub listen_addrs: Vec<String>,
}

impl DataDir {
    /// `explicit` if given (from `--data-dir` or `VETNET_HOME`), else the
    /// platform's data directory (`~/.local/share/vetnet` on Linux).
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self, DataDirError> {
        match explicit {
            Some(root) => Ok(Self::new(root)),
            None => directories::ProjectDirs::from("org", "vetnet", "vetnet")
                .map(|dirs| Self::new(dirs.data_dir()))
                .ok_or(DataDirError::NoDefault),
        }
    }

    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into(), settings: None }
    }

    /// This directory with its settings read from `settings` instead of
    /// `config.toml` inside it.
    #[must_use]
    pub fn with_settings(self, settings: impl Into<PathBuf>) -> Self {
        Self { settings: Some(settings.into()), ..self }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
    /// The settings file: `config.toml` in the directory, or the one given
    /// with [`DataDir::with_settings`].
    pub fn config_path(&self) -> PathBuf {
        self.settings.clone().unwrap_or_else(|| self.root.join("config.toml"))
    }
    /// The settings file, when it is outside the directory.
    pub fn external_settings(&self) -> Option<&Path> {
        self.settings.as_deref()
    }
    /// Whether the settings file lives outside the directory (the
    /// operator's file: the node reads it, and only an admin writes it).
    pub fn settings_are_external(&self) -> bool {
        self.settings.is_some()
    }
    pub fn institution_key_path(&self) -> PathBuf {
        self.root.join("institution.key")
    }
    pub fn node_key_path(&self) -> PathBuf {
        self.root.join("node.key")
    }
    pub fn token_path(&self) -> PathBuf {
        self.root.join("api.token")
    }
    pub fn db_path(&self) -> PathBuf {
        self.root.join("db")
    }
    pub fn lock_path(&self) -> PathBuf {
        self.root.join("node.lock")
    }
    pub fn runtime_path(&self) -> PathBuf {
        self.root.join("node.toml")
    }

    /// Creates the directory if needed, and makes it and everything under it
    /// private ([`DataDir::make_private`]).
    pub fn create(&self) -> Result<(), DataDirError> {
        if !self.root.is_dir() {
            fs::create_dir_all(&self.root).map_err(io_err(&self.root))?;
        }
        self.make_private()
    }

    /// Sets the process umask to keep out group and others (sled creates
    /// its files itself), then makes the directory 0700 and goes through
    /// what the node keeps in it ([`NODE_ENTRIES`], `db/` and
    /// `retired-keys/` with everything under them): a directory open to
    /// other users becomes 0700, a file loses its group and other bits, and
    /// each change is logged with the path and its old mode. Anything else
    /// in the directory is the operator's and is left as it is (the 0700
    /// directory already keeps other users from it), so a data directory
    /// pointed at a home directory does not change every file in it.
    /// Symbolic links below the directory are not followed.
    pub fn make_private(&self) -> Result<(), DataDirError> {
        restrict_umask();
        let meta = fs::metadata(&self.root).map_err(io_err(&self.root))?;
        make_private_entry(&self.root, &meta)?;
        let mut todo: Vec<PathBuf> = NODE_ENTRIES.iter().map(|name| self.root.join(name)).collect();
        while let Some(path) = todo.pop() {
            let meta = match fs::symlink_metadata(&path) {
                Ok(meta) => meta,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io_err(&path)(e)),
            };
            if meta.file_type().is_symlink() {
                continue;
            }
            if meta.is_dir() {
                for entry in fs::read_dir(&path).map_err(io_err(&path))? {
                    todo.push(entry.map_err(io_err(&path))?.path());
                }
            }
            make_private_entry(&path, &meta)?;
        }
        Ok(())
    }

    pub fn is_initialized(&self) -> bool {
        self.config_path().exists() && self.institution_key_path().exists()
    }

    /// Takes the node lock, held until the returned guard is dropped. Fails at
    /// once, with a clear message, if another process holds it.
    pub fn lock(&self) -> Result<NodeLock, DataDirError> {
        self.create()?;
        let path = self.lock_path();
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io_err(&path))?;
        match file.try_lock() {
            Ok(()) => Ok(NodeLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(DataDirError::Locked(self.root.clone())),
            Err(fs::TryLockError::Error(e)) => Err(io_err(&path)(e)),
        }
    }

    /// Is a node running on this directory right now? (Is the lock held?)
    pub fn node_is_running(&self) -> bool {
        let Ok(file) = File::open(self.lock_path()) else { return false };
        matches!(file.try_lock_shared(), Err(fs::TryLockError::WouldBlock))
    }

    pub fn write_runtime(&self, info: &RuntimeInfo) -> Result<(), DataDirError> {
        let text = toml::to_string(info)
            .map_err(|e| DataDirError::Undecodable { path: self.runtime_path(), source: e.into() })?;
        write_atomic(&self.runtime_path(), text.as_bytes(), 0o600)
    }

    pub fn read_runtime(&self) -> Result<Option<RuntimeInfo>, DataDirError> {
        let path = self.runtime_path();
        match fs::read_to_string(&path) {
            Ok(text) => {
                toml::from_str(&text).map(Some).map_err(|e| DataDirError::Undecodable { path, source: e.into() })
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_err(&path)(e)),
        }
    }

    pub fn remove_runtime(&self) {
        let _ = fs::remove_file(self.runtime_path());
    }

    /// The admin API token, created (0600) on first use.
    pub fn api_token(&self) -> Result<String, DataDirError> {
        let path = self.token_path();
        match read_secret(&path)? {
            Some(text) if text.trim().len() >= MIN_TOKEN_CHARS => Ok(text.trim().to_owned()),
            found => {
                if found.is_some() {
                    // An empty or truncated token must never mean "no token": replace it.
                    tracing::warn!(path = %path.display(), "the API token is too short; writing a new one");
                    fs::remove_file(&path).map_err(io_err(&path))?;
                }
                let mut raw = [0u8; 32];
                random_bytes(&mut raw, &path)?;
                let token = hex::encode(raw);
                write_new_secret(&path, token.as_bytes())?;
                Ok(token)
            }
        }
    }
}

/// What the node keeps at the top of its data directory; directories are
/// gone through with everything under them.
const NODE_ENTRIES: &[&str] = &[
    "config.toml",
    "config.tmp",
    "institution.key",
    "institution.next.key",
    "node.key",
    "api.token",
    "node.lock",
    "node.toml",
    "node.tmp",
    "data-format",
    "data-format.tmp",
    "db",
    "retired-keys",
    "health.probe",
];

/// A token shorter than this (an empty or damaged file) is replaced.
const MIN_TOKEN_CHARS: usize = 32;

/// Held by the running node; releasing it (drop or process exit, even kill -9)
/// frees the data directory.
#[derive(Debug)]
pub struct NodeLock {
    _file: File,
}

/// Fills `buf` from the operating system's random source.
pub(crate) fn random_bytes(buf: &mut [u8], path: &Path) -> Result<(), DataDirError> {
    getrandom::fill(buf).map_err(|e| DataDirError::Io { path: path.to_owned(), source: io::Error::other(e) })
}

/// The permission bits of group and others.
const GROUP_AND_OTHERS: u32 = 0o077;

/// Keeps group and others out of every file the process creates from now on
/// (adding to, never loosening, the umask it had).
fn restrict_umask() {
    // SAFETY: umask(2) only swaps the process's file mode creation mask; it
    // cannot fail and touches no memory. Between the two calls the mask is
    // 077, stricter than or equal to the final one.
    unsafe {
        let previous = libc::umask(GROUP_AND_OTHERS as libc::mode_t);
        libc::umask(previous | GROUP_AND_OTHERS as libc::mode_t);
    }
}

/// Takes group and other users' bits off `path` if it has any (a directory
/// becomes 0700), logging the change; refuses if the mode cannot be changed.
fn make_private_entry(path: &Path, meta: &fs::Metadata) -> Result<(), DataDirError> {
    let mode = meta.permissions().mode() & 0o7777;
    if mode & GROUP_AND_OTHERS == 0 {
        return Ok(());
    }
    let private = if meta.is_dir() { 0o700 } else { mode & 0o700 };
    fs::set_permissions(path, fs::Permissions::from_mode(private)).map_err(|source| DataDirError::OpenToOthers {
        path: path.to_owned(),
        mode,
        source,
    })?;
    tracing::warn!(
        path = %path.display(),
        was = %format!("{mode:04o}"),
        now = %format!("{private:04o}"),
        "other users could open this part of the data directory; made it private"
    );
    Ok(())
}

/// Reads a secret file, or `None` if it does not exist. A file others can
/// read is made private first (with a warning).
pub(crate) fn read_secret(path: &Path) -> Result<Option<String>, DataDirError> {
    read_secret_bytes(path)?
        .map(|bytes| String::from_utf8(bytes).map_err(|e| io_err(path)(io::Error::new(io::ErrorKind::InvalidData, e))))
        .transpose()
}

/// Like [`read_secret`], for a binary secret (the node's libp2p key).
pub(crate) fn read_secret_bytes(path: &Path) -> Result<Option<Vec<u8>>, DataDirError> {
    match fs::metadata(path) {
        Ok(meta) => make_private_entry(path, &meta)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path)(e)),
    }
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err(path)(e)),
    }
}

/// Writes a new secret file with mode 0600 from the start (never readable by
/// others, not even briefly). Fails if it exists.
pub fn write_new_secret(path: &Path, bytes: &[u8]) -> Result<(), DataDirError> {
    let mut file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map_err(io_err(path))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(io_err(path))
}

/// Writes `path` through a temporary file and a rename, so readers never see
/// half a file.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> Result<(), DataDirError> {
    let tmp = path.with_extension("tmp");
    let _ = fs::remove_file(&tmp);
    let mut file = OpenOptions::new().write(true).create_new(true).mode(mode).open(&tmp).map_err(io_err(&tmp))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(io_err(&tmp))?;
    fs::rename(&tmp, path).map_err(io_err(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
    }

    fn set_mode(path: &Path, mode: u32) {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn the_node_s_files_are_made_private_and_the_operator_s_are_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path().join("home"));
        dir.create().unwrap();
        fs::create_dir_all(dir.db_path().join("blobs")).unwrap();
        fs::write(dir.db_path().join("blobs").join("1"), b"learner").unwrap();
        fs::write(dir.config_path(), b"").unwrap();
        fs::write(dir.root().join("notes.txt"), b"the operator's").unwrap();
        set_mode(dir.root(), 0o755);
        set_mode(&dir.db_path(), 0o775);
        set_mode(&dir.db_path().join("blobs").join("1"), 0o644);
        set_mode(&dir.config_path(), 0o640);
        set_mode(&dir.root().join("notes.txt"), 0o644);
        dir.make_private().unwrap();
        assert_eq!(mode(dir.root()), 0o700);
        assert_eq!(mode(&dir.db_path()), 0o700);
        assert_eq!(mode(&dir.db_path().join("blobs")), 0o700);
        assert_eq!(mode(&dir.db_path().join("blobs").join("1")), 0o600);
        assert_eq!(mode(&dir.config_path()), 0o600);
        assert_eq!(mode(&dir.root().join("notes.txt")), 0o644, "not the node's file");
    }

    #[test]
    fn a_secret_others_can_read_is_made_private_when_read() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("node.key");
        write_new_secret(&path, b"secret").unwrap();
        set_mode(&path, 0o644);
        assert_eq!(read_secret_bytes(&path).unwrap().as_deref(), Some(&b"secret"[..]));
        assert_eq!(mode(&path), 0o600);
        assert_eq!(read_secret_bytes(&tmp.path().join("absent")).unwrap(), None);
    }
}
