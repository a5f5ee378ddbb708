//! The address book: the second sled tree, `peers` (peer id bytes → CBOR
//! `[last_seen, [multiaddr text, ...]]`), so a restarted node can rejoin the
//! network without its bootstrap list.

use super::{RecordStore, StoreError};

/// An address book entry: peer id bytes and multiaddrs as text.
pub type KnownPeer = (Vec<u8>, Vec<String>);

/// Peers kept in the address book.
pub const MAX_ADDRESS_BOOK_PEERS: usize = 1_000;

/// `[last_seen, [multiaddr text, ...]]`, or nothing if damaged.
pub(super) fn decode_peer(value: &[u8]) -> Option<(u64, Vec<String>)> {
    ciborium::from_reader(value).ok()
}

impl RecordStore {
    /// Remembers where a peer listens. The book holds at most
    /// [`MAX_ADDRESS_BOOK_PEERS`]; the least recently seen peer makes room.
    pub fn remember_peer(&self, peer: &[u8], addrs: &[String], seen: u64) -> Result<(), StoreError> {
        self.refuse_writes_if_damaged()?;
        self.refuse_writes_if_disk_full()?;
        if !self.peers.contains_key(peer)? && self.peers.len() >= MAX_ADDRESS_BOOK_PEERS {
            let oldest = self
                .peers
                .iter()
                .filter_map(|entry| entry.ok())
                .filter_map(|(key, value)| decode_peer(&value).map(|(seen, _)| (seen, key)))
                .min_by_key(|(seen, _)| *seen);
            if let Some((_, key)) = oldest {
                self.peers.remove(key)?;
            }
        }
        let mut value = Vec::new();
        ciborium::into_writer(&(seen, addrs), &mut value).map_err(StoreError::Encode)?;
        self.peers.insert(peer, value)?;
        Ok(())
    }

    /// The address book, most recently seen first.
    pub fn known_peers(&self) -> Result<Vec<KnownPeer>, StoreError> {
        let mut peers = Vec::new();
        for entry in self.peers.iter() {
            let (key, value) = entry?;
            if let Some((seen, addrs)) = decode_peer(&value) {
                peers.push((seen, key.to_vec(), addrs));
            }
        }
        peers.sort_by_key(|(seen, _, _)| std::cmp::Reverse(*seen));
        Ok(peers.into_iter().map(|(_, peer, addrs)| (peer, addrs)).collect())
    }
}
