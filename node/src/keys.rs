//! The two keys of a node, created on first start and written 0600: the
//! institution's signing key (who signs records) and the node's libp2p key
//! (its PeerId). They are kept apart so a stolen or replaced server key does
//! not change, or speak for, the institution.

use libp2p::identity;
use vetnet_protocol::InstitutionKey;

use crate::data_dir::{DataDir, DataDirError, random_bytes, read_secret, write_new_secret};

/// Loads the institution key, creating it if there is none.
pub fn institution_key(dir: &DataDir) -> Result<InstitutionKey, DataDirError> {
    let path = dir.institution_key_path();
    match read_secret(&path)? {
        Some(text) => {
            let damaged = |reason: &str| DataDirError::Damaged { path: path.clone(), reason: reason.to_owned() };
            let bytes = hex::decode(text.trim()).map_err(|_| damaged("not hex"))?;
            let secret: [u8; 32] = bytes.try_into().map_err(|_| damaged("not a 32-byte Ed25519 secret key"))?;
            Ok(InstitutionKey::from_secret_bytes(&secret))
        }
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
    let damaged = |reason: String| DataDirError::Damaged { path: path.clone(), reason };
    match std::fs::read(&path) {
        Ok(bytes) => identity::Keypair::from_protobuf_encoding(&bytes).map_err(|e| damaged(e.to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            dir.create()?;
            let keypair = identity::Keypair::generate_ed25519();
            let bytes = keypair.to_protobuf_encoding().map_err(|e| damaged(e.to_string()))?;
            write_new_secret(&path, &bytes)?;
            Ok(keypair)
        }
        Err(source) => Err(DataDirError::Io { path, source }),
    }
}
