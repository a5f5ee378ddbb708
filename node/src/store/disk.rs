//! The full disk: free space on the file system holding the database,
//! checked before every write, so the node refuses new data with a clear
//! error while sled still has room to finish what it started.
//!
//! sled 0.34 writes its log in segments and flushes in the background; an
//! ENOSPC in the middle of that can leave the process unable to write
//! anything more until it restarts. So the node never lets it get there:
//! below the reserve (`disk_reserve_mb`, 64 MiB by default) it refuses
//! records (publishes, gossip, sync) and private writes with
//! [`StoreError::DiskFull`], keeps serving searches and status, and takes
//! writes again as soon as space is freed (checked on each write, so no
//! restart is needed). An ENOSPC sled reports anyway is the same error.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::atomic::Ordering;

use super::{RecordStore, StoreError};

/// Free space on the file system of the database, as the status shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskSpace {
    /// Bytes an unprivileged process may still write.
    pub free_bytes: u64,
    /// The reserve the node keeps.
    pub reserve_bytes: u64,
}

impl DiskSpace {
    /// Is the free space below the reserve (writes refused)?
    pub fn is_full(self) -> bool {
        self.free_bytes < self.reserve_bytes
    }
}

/// Free bytes for unprivileged writers on the file system holding `path`.
pub fn free_bytes(path: &Path) -> std::io::Result<u64> {
    let path = CString::new(path.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `path` is NUL-terminated and lives across the call; statvfs
    // writes only into `stat`, which is read only when it returned 0.
    let result = unsafe { libc::statvfs(path.as_ptr(), stat.as_mut_ptr()) };
    if result != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: statvfs returned 0, so it filled `stat`.
    let stat = unsafe { stat.assume_init() };
    // Both fields are u64 on Linux (x86_64 and aarch64).
    Ok(stat.f_bavail.saturating_mul(stat.f_frsize))
}

/// Whether a sled error is the file system running out of space.
pub fn is_out_of_space(error: &sled::Error) -> bool {
    matches!(error, sled::Error::Io(e) if e.raw_os_error() == Some(libc::ENOSPC) || e.kind() == std::io::ErrorKind::StorageFull)
}

impl RecordStore {
    /// Sets the free space the store keeps (from `disk_reserve_mb`).
    pub fn set_disk_reserve(&self, bytes: u64) {
        self.disk_reserve.store(bytes, Ordering::Relaxed);
    }

    /// Free space and the reserve now. A file system that cannot be asked
    /// counts as having room (the write itself then says what is wrong).
    pub fn disk_space(&self) -> DiskSpace {
        DiskSpace {
            free_bytes: free_bytes(&self.path).unwrap_or(u64::MAX),
            reserve_bytes: self.disk_reserve.load(Ordering::Relaxed),
        }
    }

    /// Refuses a write when the free space is below the reserve.
    pub fn refuse_writes_if_disk_full(&self) -> Result<(), StoreError> {
        let space = self.disk_space();
        if space.is_full() {
            return Err(StoreError::DiskFull {
                path: self.path.to_path_buf(),
                free: space.free_bytes,
                reserve: space.reserve_bytes,
            });
        }
        Ok(())
    }
}
