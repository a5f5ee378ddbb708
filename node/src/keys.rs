//! The two keys of a node, created on first start and written 0600: the
//! institution's signing key (who signs records) and the node's libp2p key
//! (its PeerId). They are kept apart so a stolen or replaced server key does
//! not change, or speak for, the institution.

use libp2p::identity;
use vetnet_protocol::{InstitutionId, InstitutionKey};

use crate::data_dir::{DataDir, DataDirError, random_bytes, read_secret, read_secret_bytes, write_new_secret};

/// Loads the institution key, creating it if there is none.
pub fn institution_key(dir: &DataDir) -> Result<InstitutionKey, DataDirError> {
    let path = dir.institution_key_path();
    match read_secret(&path)? {
        Some(text) => parse_secret(&text, &path),
        None => {
            dir.create()?;
            let mut secret = [0u8; 32];
            random_bytes(&mut secret, &path)?;
            write_new_secret(&path, hex::encode(secret).as_bytes())?;
            Ok(InstitutionKey::from_secret_bytes(&secret))
        }
    }
}

/// Loads the node's libp2p key, creating it if there is none.
pub fn node_key(dir: &DataDir) -> Result<identity::Keypair, DataDirError> {
    let path = dir.node_key_path();
    let damaged = |e: identity::DecodingError| DataDirError::Undecodable { path: path.clone(), source: e.into() };
    match read_secret_bytes(&path)? {
        Some(bytes) => identity::Keypair::from_protobuf_encoding(&bytes).map_err(damaged),
        None => {
            dir.create()?;
            let keypair = identity::Keypair::generate_ed25519();
            let bytes = keypair.to_protobuf_encoding().map_err(damaged)?;
            write_new_secret(&path, &bytes)?;
            Ok(keypair)
        }
    }
}

/// Where the successor key waits during a rotation: written before the
/// rotation record is stored, renamed to `institution.key` after.
fn next_key_path(dir: &DataDir) -> std::path::PathBuf {
    dir.root().join("institution.next.key")
}

/// Where a key rotated away from is kept (0600), so its owner can still
/// revoke it: `retired-keys/<z6Mk…>.key`.
pub fn retired_key_path(dir: &DataDir, key: &InstitutionId) -> std::path::PathBuf {
    let did = key.to_did();
    dir.root().join("retired-keys").join(format!("{}.key", did.trim_start_matches("did:key:")))
}

/// Reads an institution key file's text (hex of the 32-byte secret), as
/// `vetnet restore` checks an archive's key before writing it.
pub fn parse_institution_key(text: &str) -> Result<InstitutionKey, DataDirError> {
    parse_secret(text, std::path::Path::new("institution.key"))
}

fn parse_secret(text: &str, path: &std::path::Path) -> Result<InstitutionKey, DataDirError> {
    let damaged = |reason: &str| DataDirError::Damaged { path: path.to_owned(), reason: reason.to_owned() };
    let bytes = hex::decode(text.trim()).map_err(|_| damaged("not hex"))?;
    let secret: [u8; 32] = bytes.try_into().map_err(|_| damaged("not a 32-byte Ed25519 secret key"))?;
    Ok(InstitutionKey::from_secret_bytes(&secret))
}

/// Creates the successor key for a rotation and writes it (0600) beside the
/// current one, replacing a successor left by a rotation that never happened.
pub fn stage_next_institution_key(dir: &DataDir) -> Result<InstitutionKey, DataDirError> {
    let path = next_key_path(dir);
    let _ = std::fs::remove_file(&path);
    let mut secret = [0u8; 32];
    random_bytes(&mut secret, &path)?;
    write_new_secret(&path, hex::encode(secret).as_bytes())?;
    Ok(InstitutionKey::from_secret_bytes(&secret))
}

/// Makes the staged successor the institution key and keeps the old one in
/// `retired-keys/`. Called once the rotation record is stored and flushed.
pub fn commit_next_institution_key(dir: &DataDir, old: &InstitutionId) -> Result<(), DataDirError> {
    let retired = retired_key_path(dir, old);
    if let Some(parent) = retired.parent() {
        std::fs::create_dir_all(parent).map_err(|source| DataDirError::Io { path: parent.to_owned(), source })?;
        std::fs::set_permissions(parent, std::os::unix::fs::PermissionsExt::from_mode(0o700))
            .map_err(|source| DataDirError::Io { path: parent.to_owned(), source })?;
    }
    let current = dir.institution_key_path();
    std::fs::rename(&current, &retired).map_err(|source| DataDirError::Io { path: retired.clone(), source })?;
    let next = next_key_path(dir);
    std::fs::rename(&next, &current).map_err(|source| DataDirError::Io { path: current.clone(), source })
}

/// Finishes or forgets a rotation a crash interrupted: if the store holds
/// the current key's rotation to the staged successor, the successor becomes
/// the institution key; otherwise the staged key is deleted. Returns the key
/// to use.
pub fn finish_interrupted_rotation(
    dir: &DataDir,
    current: InstitutionKey,
    rotated_to: Option<InstitutionId>,
) -> Result<InstitutionKey, DataDirError> {
    let path = next_key_path(dir);
    let Some(text) = read_secret(&path)? else { return Ok(current) };
    let next = parse_secret(&text, &path)?;
    if rotated_to == Some(next.id()) {
        tracing::warn!(old = %current.id(), new = %next.id(), "finishing a key rotation interrupted by a stop");
        commit_next_institution_key(dir, &current.id())?;
        Ok(next)
    } else {
        let _ = std::fs::remove_file(&path);
        Ok(current)
    }
}

/// A key this institution rotated away from, if it is kept here.
pub fn retired_institution_key(dir: &DataDir, key: &InstitutionId) -> Result<Option<InstitutionKey>, DataDirError> {
    let path = retired_key_path(dir, key);
    read_secret(&path)?.map(|text| parse_secret(&text, &path)).transpose()
}
