//! The backup archive: an age file (age-encryption.org/v1) with one scrypt
//! recipient, whose plaintext is a header line and one CBOR value.
//!
//! ```text
//! age file, passphrase through scrypt (N = 2^18, r = 8, p = 1)
//! └─ plaintext: "vetnet-backup 1\n" ‖ CBOR Archive
//! ```
//!
//! The header line names the archive format, so a later version can read
//! older archives and this one refuses newer ones by name. age authenticates
//! every 64 KiB chunk and the end of the stream, so a changed or cut archive
//! fails to open instead of restoring part of it. `docs/BACKUP-FORMAT.md`
//! lists the fields.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use serde_bytes::ByteBuf;
use vetnet_views::ArchiveContentsView;

use super::{BackupError, Passphrase};
use crate::store::backup::{SnapshotRecord, StoreSnapshot};

/// The archive format this version writes and the newest it reads.
pub const ARCHIVE_FORMAT: u32 = 1;

/// The start of the plaintext, before the format number and a newline.
const HEADER_PREFIX: &str = "vetnet-backup ";

/// scrypt's work factor (log2 N) for new archives: about a second and
/// 256 MiB of memory on a school server, the default `age` picks on one.
pub const SCRYPT_WORK_FACTOR: u8 = 18;

/// The highest work factor an archive may ask for (16 times the default):
/// more would let a crafted file take minutes and gigabytes to try.
const MAX_SCRYPT_WORK_FACTOR: u8 = 22;

/// The largest archive read (decrypted size).
pub const MAX_ARCHIVE_BYTES: u64 = 1 << 30;

/// Everything an archive holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Archive {
    /// The vetnet version that wrote it (`vetnet 0.1.0`).
    pub created_by: String,
    /// Unix seconds of the snapshot.
    pub created_at: u64,
    /// The data directory format of the node that wrote it.
    pub data_format: u32,
    pub network: String,
    /// The institution's `did:key`.
    pub institution: String,
    pub peer_id: String,
    /// Files of the data directory, by their path in it.
    pub files: Vec<ArchivedFile>,
    /// Own records, exact signed bytes.
    pub records: Vec<ArchivedRecord>,
    /// The address book, raw.
    pub peers: Vec<ArchivedEntry>,
    /// The private trees, raw.
    pub trees: Vec<ArchivedTree>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArchivedFile {
    pub name: String,
    pub bytes: ByteBuf,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArchivedRecord {
    pub bytes: ByteBuf,
    /// No peer had received it: it waits in the outbox again after a restore.
    pub unsent: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArchivedEntry {
    pub key: ByteBuf,
    pub value: ByteBuf,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArchivedTree {
    /// The sled tree's name (`private/mobility`, …).
    pub name: String,
    pub entries: Vec<ArchivedEntry>,
}

fn entries(raw: Vec<(Vec<u8>, Vec<u8>)>) -> Vec<ArchivedEntry> {
    raw.into_iter().map(|(key, value)| ArchivedEntry { key: ByteBuf::from(key), value: ByteBuf::from(value) }).collect()
}

fn raw(entries: &[ArchivedEntry]) -> Vec<(Vec<u8>, Vec<u8>)> {
    entries.iter().map(|e| (e.key.to_vec(), e.value.to_vec())).collect()
}

impl Archive {
    /// Puts a store snapshot into the archive.
    pub(crate) fn set_store(&mut self, snapshot: StoreSnapshot) {
        self.records = snapshot
            .records
            .into_iter()
            .map(|r| ArchivedRecord { bytes: ByteBuf::from(r.bytes), unsent: r.unsent })
            .collect();
        self.peers = entries(snapshot.peers);
        self.trees = snapshot
            .private_trees
            .into_iter()
            .map(|(name, raw)| ArchivedTree { name, entries: entries(raw) })
            .collect();
    }

    /// The store part, for writing into a fresh store.
    pub(crate) fn store_snapshot(&self) -> StoreSnapshot {
        StoreSnapshot {
            records: self
                .records
                .iter()
                .map(|r| SnapshotRecord { bytes: r.bytes.to_vec(), unsent: r.unsent })
                .collect(),
            peers: raw(&self.peers),
            private_trees: self.trees.iter().map(|t| (t.name.clone(), raw(&t.entries))).collect(),
        }
    }

    /// The file at `name` in the data directory, if the archive holds it.
    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files.iter().find(|f| f.name == name).map(|f| f.bytes.as_slice())
    }

    /// What the archive holds, counted.
    pub fn contents(&self) -> ArchiveContentsView {
        let mut own_records = BTreeMap::new();
        for record in &self.records {
            let kind = vetnet_protocol::VerifiedRecord::from_trusted_bytes(&record.bytes, &self.network)
                .map_or_else(|_| "unreadable".to_owned(), |r| r.payload.kind.as_str().to_owned());
            *own_records.entry(kind).or_insert(0) += 1;
        }
        let tree = |name: &str| self.trees.iter().find(|t| t.name == name);
        ArchiveContentsView {
            institution: self.institution.clone(),
            peer_id: self.peer_id.clone(),
            network: self.network.clone(),
            created_at: self.created_at,
            created_by: self.created_by.clone(),
            archive_format: ARCHIVE_FORMAT,
            data_format: self.data_format,
            files: self.files.iter().map(|f| f.name.clone()).collect(),
            own_records,
            unsent_records: self.records.iter().filter(|r| r.unsent).count() as u64,
            private_trees: self.trees.iter().map(|t| (t.name.clone(), t.entries.len() as u64)).collect(),
            threads: tree("private/mobility")
                .map_or(0, |t| t.entries.iter().filter(|e| e.key.starts_with(b"t/")).count() as u64),
            credentials: tree("private/credentials").map_or(0, |t| t.entries.len() as u64),
            peers: self.peers.len() as u64,
        }
    }
}

/// Encodes `archive` and encrypts it to `passphrase`.
pub fn seal_archive(archive: &Archive, passphrase: &Passphrase) -> Result<Vec<u8>, BackupError> {
    let mut plain = format!("{HEADER_PREFIX}{ARCHIVE_FORMAT}\n").into_bytes();
    ciborium::into_writer(archive, &mut plain).map_err(BackupError::Encode)?;
    let mut recipient = age::scrypt::Recipient::new(passphrase.secret());
    recipient.set_work_factor(SCRYPT_WORK_FACTOR);
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| BackupError::Encrypt(e.to_string()))?;
    let mut sealed = Vec::with_capacity(plain.len() + plain.len() / 4096 * 16 + 512);
    let encrypt = |sealed: &mut Vec<u8>| -> std::io::Result<()> {
        let mut writer = encryptor.wrap_output(sealed)?;
        writer.write_all(&plain)?;
        writer.finish().map(drop)
    };
    encrypt(&mut sealed).map_err(|e| BackupError::Encrypt(e.to_string()))?;
    Ok(sealed)
}

/// Decrypts and decodes an archive, saying in words why it cannot.
pub fn open_archive(sealed: &[u8], passphrase: &Passphrase) -> Result<Archive, BackupError> {
    use age::DecryptError as E;
    let decryptor = age::Decryptor::new_buffered(sealed).map_err(|e| match e {
        E::InvalidHeader | E::UnknownFormat => {
            BackupError::NotAnArchive("it does not start as an age-encrypted file (age-encryption.org/v1)".into())
        }
        E::Io(e) => BackupError::Damaged(format!("its age header cannot be read ({e})")),
        other => BackupError::Damaged(format!("its age header cannot be read ({other})")),
    })?;
    if !decryptor.is_scrypt() {
        return Err(BackupError::NotAnArchive(
            "it is encrypted to age keys, not to a passphrase as vetnet archives are".into(),
        ));
    }
    let mut identity = age::scrypt::Identity::new(passphrase.secret());
    identity.set_max_work_factor(MAX_SCRYPT_WORK_FACTOR);
    let reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| match e {
        E::DecryptionFailed | E::KeyDecryptionFailed | E::NoMatchingKeys => BackupError::WrongPassphrase,
        E::ExcessiveWork { required, .. } => BackupError::Damaged(format!(
            "it asks for a scrypt work factor of {required}, above the {MAX_SCRYPT_WORK_FACTOR} this version accepts"
        )),
        E::InvalidMac => BackupError::Damaged("its age header was changed (the header MAC does not match)".into()),
        other => BackupError::Damaged(format!("its age header cannot be read ({other})")),
    })?;
    let mut plain = Vec::new();
    reader
        .take(MAX_ARCHIVE_BYTES + 1)
        .read_to_end(&mut plain)
        .map_err(|e| BackupError::Damaged(format!("its encrypted contents do not decrypt whole ({e})")))?;
    if plain.len() as u64 > MAX_ARCHIVE_BYTES {
        return Err(BackupError::TooLarge);
    }
    let (format, body) = split_header(&plain)?;
    if format > ARCHIVE_FORMAT {
        return Err(BackupError::NewerArchive { found: format, supported: ARCHIVE_FORMAT });
    }
    ciborium::from_reader(body).map_err(|e| BackupError::Damaged(format!("its contents do not decode ({e})")))
}

/// The format number of the header line, and what follows it.
fn split_header(plain: &[u8]) -> Result<(u32, &[u8]), BackupError> {
    let not_ours = || BackupError::NotAnArchive("it decrypts, but does not start with \"vetnet-backup \"".into());
    let end = plain.iter().take(64).position(|b| *b == b'\n').ok_or_else(not_ours)?;
    let line = std::str::from_utf8(&plain[..end]).map_err(|_| not_ours())?;
    let format = line.strip_prefix(HEADER_PREFIX).ok_or_else(not_ours)?;
    let format = format.parse().map_err(|_| {
        BackupError::Damaged(format!("its header line {line:?} does not end with an archive format number"))
    })?;
    Ok((format, &plain[end + 1..]))
}
