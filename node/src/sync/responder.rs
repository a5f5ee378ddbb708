//! The answering side of `/vetnet/sync/1`: Negentropy rounds over the live
//! set, and the signed bytes of the records a peer asks for by hash.

use std::sync::{Arc, Mutex};

use negentropy::{Id, Negentropy, NegentropyStorageVector};
use serde_bytes::ByteBuf;
use vetnet_protocol::RecordHash;
use vetnet_protocol::sync::{MAX_RECORDS_RESPONSE_BYTES, NEGENTROPY_FRAME_LIMIT, SyncRequest, SyncResponse};

use super::SyncError;
use crate::store::RecordStore;

/// A cached Negentropy storage of the live set, rebuilt when the store changed.
pub(super) struct SyncIndex {
    store: RecordStore,
    /// The last storage built, with the store generation it was built at.
    cache: Mutex<Option<(u64, Arc<NegentropyStorageVector>)>>,
}

impl SyncIndex {
    /// The current live set, sealed for Negentropy. Blocking: call from
    /// `spawn_blocking`.
    pub(super) fn snapshot(&self) -> Result<Arc<NegentropyStorageVector>, SyncError> {
        let generation = self.store.generation();
        if let Ok(cache) = self.cache.lock()
            && let Some((cached, storage)) = cache.as_ref()
            && *cached == generation
        {
            return Ok(storage.clone());
        }
        let mut storage = NegentropyStorageVector::with_capacity(self.store.live_len());
        for item in self.store.sync_items() {
            let (ts, hash) = item?;
            storage.insert(ts, Id::from_byte_array(hash.0))?;
        }
        storage.seal()?;
        let storage = Arc::new(storage);
        if let Ok(mut cache) = self.cache.lock() {
            *cache = Some((generation, storage.clone()));
        }
        Ok(storage)
    }
}

/// Answers peers' sync requests from one store. Cheap to clone; sessions
/// started from it ([`super::SyncSession::new`]) share its cached index.
#[derive(Clone)]
pub struct SyncResponder {
    pub(super) store: RecordStore,
    pub(super) index: Arc<SyncIndex>,
    /// Reconcile requests for another network are refused.
    pub(super) network_name: String,
}

impl SyncResponder {
    pub fn new(store: RecordStore, network_name: String) -> Self {
        let index = Arc::new(SyncIndex { store: store.clone(), cache: Mutex::new(None) });
        Self { store, index, network_name }
    }

    /// Answers one request from a peer. Blocking (reads the store, computes
    /// fingerprints): run it in `spawn_blocking`.
    pub fn respond(&self, request: SyncRequest) -> SyncResponse {
        match request {
            SyncRequest::Reconcile { net, msg } => {
                if net != self.network_name {
                    return SyncResponse::Refused {
                        reason: format!("this node is on network {:?}, not {net:?}", self.network_name),
                    };
                }
                let answer = self.index.snapshot().and_then(|storage| {
                    let mut negentropy = Negentropy::borrowed(storage.as_ref(), NEGENTROPY_FRAME_LIMIT)?;
                    Ok(negentropy.reconcile(&msg)?)
                });
                match answer {
                    Ok(msg) => SyncResponse::Reconcile { msg },
                    Err(e) => SyncResponse::Refused { reason: e.to_string() },
                }
            }
            SyncRequest::Fetch { ids } => {
                let mut records = Vec::new();
                let mut size = 0;
                for id in ids {
                    let Ok(hash) = <[u8; 32]>::try_from(id.as_ref()) else { continue };
                    match self.store.bytes_by_hash(&RecordHash(hash)) {
                        Ok(Some(bytes)) if size + bytes.len() <= MAX_RECORDS_RESPONSE_BYTES => {
                            size += bytes.len();
                            records.push(ByteBuf::from(bytes.to_vec()));
                        }
                        Ok(Some(_)) => break,
                        Ok(None) => {}
                        Err(e) => return SyncResponse::Refused { reason: e.to_string() },
                    }
                }
                SyncResponse::Records { records }
            }
        }
    }
}
