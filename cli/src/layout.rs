//! Where the CLI finds the node it works on: the data directory and the
//! settings file, and as whom it touches them.
//!
//! 1. `--data-dir DIR` (or `VETNET_HOME`), with `--config FILE` (or
//!    `VETNET_CONFIG`) when the settings are elsewhere: exactly those.
//! 2. Else, on a server with the Debian package installed (its settings file
//!    [`PACKAGED_SETTINGS`] exists), an admin (root, or a member of the
//!    group that owns [`PACKAGED_DATA_DIR`]) works on the packaged service:
//!    data in `/var/lib/vetnet`, settings in `/etc/vetnet/config.toml`.
//! 3. Else the per-user directory (`~/.local/share/vetnet` on Linux), the
//!    developer's default.
//!
//! Root working on a data directory owned by another user (the packaged
//! service's `vetnet` user) does the commands that write the directory's
//! files (`init`, `node run`, `repair`, `trust`) as that user, so that the
//! service can still read every file afterwards. Commands that only talk
//! to the running node stay root: they read the token and the files the
//! admin names.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use vetnet_node::DataDir;

use crate::args::{Cli, Command};
use crate::failure::Failure;

/// The packaged service's data directory (the unit's `StateDirectory=vetnet`).
pub const PACKAGED_DATA_DIR: &str = "/var/lib/vetnet";
/// The packaged service's settings file (a conffile of the package).
pub const PACKAGED_SETTINGS: &str = "/etc/vetnet/config.toml";

/// The data directory (and settings file) this invocation works on.
pub fn resolve(data_dir: Option<PathBuf>, settings: Option<PathBuf>) -> anyhow::Result<DataDir> {
    let dir = match data_dir {
        Some(root) => DataDir::new(root),
        None if packaged_service_is_ours() => DataDir::new(PACKAGED_DATA_DIR).with_settings(PACKAGED_SETTINGS),
        None => DataDir::resolve(None)?,
    };
    Ok(match settings {
        Some(file) => dir.with_settings(file),
        None => dir,
    })
}

/// Whether the package is installed and the caller administers it.
fn packaged_service_is_ours() -> bool {
    if !Path::new(PACKAGED_SETTINGS).is_file() {
        return false;
    }
    // SAFETY: geteuid(2) cannot fail and touches no memory.
    if unsafe { libc::geteuid() } == 0 {
        return true;
    }
    std::fs::metadata(PACKAGED_DATA_DIR).is_ok_and(|meta| caller_groups().contains(&meta.gid()))
}

/// The caller's effective group and supplementary groups.
fn caller_groups() -> Vec<libc::gid_t> {
    // SAFETY: getgroups(0, NULL) only returns the count; the second call
    // writes at most `count` ids into a buffer of that length.
    unsafe {
        let count = libc::getgroups(0, std::ptr::null_mut());
        let mut groups = vec![0; usize::try_from(count).unwrap_or(0)];
        let written = libc::getgroups(count.max(0), groups.as_mut_ptr());
        groups.truncate(usize::try_from(written).unwrap_or(0));
        groups.push(libc::getegid());
        groups
    }
}

/// Whether `command` writes the data directory's files itself (rather than
/// asking the running node through the API).
fn writes_data_dir(command: &Command) -> bool {
    matches!(command, Command::Init(_) | Command::Node(_) | Command::Repair | Command::Trust(_) | Command::Restore(_))
}

/// For root on a data directory another user owns, and a command that
/// writes its files: becomes that user (its uid, its gid, no other groups)
/// before anything is opened, so every file stays the owner's. Must run
/// before the async runtime starts its threads.
pub fn act_as_owner(cli: &Cli, dir: &DataDir) -> anyhow::Result<()> {
    // SAFETY: geteuid(2) cannot fail and touches no memory.
    if unsafe { libc::geteuid() } != 0 || !writes_data_dir(&cli.command) {
        return Ok(());
    }
    let Ok(meta) = std::fs::metadata(dir.root()) else { return Ok(()) };
    if meta.uid() == 0 {
        return Ok(());
    }
    let (uid, gid) = (meta.uid(), meta.gid());
    let refused = |call: &str| {
        Failure::internal(format!(
            "cannot act as the owner of {} (uid {uid}, gid {gid}): {call} failed: {}",
            dir.root().display(),
            std::io::Error::last_os_error()
        ))
    };
    // SAFETY: plain system calls on integers and a one-element array that
    // outlives the call; the order (groups, gid, then uid) is the only one
    // that works, since dropping the uid first loses the right to the rest.
    unsafe {
        if libc::setgroups(1, &gid) != 0 {
            return Err(refused("setgroups"));
        }
        if libc::setgid(gid) != 0 {
            return Err(refused("setgid"));
        }
        if libc::setuid(uid) != 0 {
            return Err(refused("setuid"));
        }
    }
    Ok(())
}
