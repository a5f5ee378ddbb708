//! The one call the outbox makes to the outside: carry one step to the
//! institution it is addressed to and bring back its signed receipt.
//!
//! A node carries steps with [`DirectCourier`], over the network's direct
//! protocol to the nodes the addressee's profile lists. Tests hand a step
//! straight to another node's [`super::Mobility::receive`] instead, so two
//! nodes' mobility logic talks without a socket. Either way the answer is
//! accepted only through [`OutgoingStep::check_answer`].

use futures::future::BoxFuture;
use libp2p::{Multiaddr, PeerId};
use vetnet_protocol::mobility::VerifiedReceipt;
use vetnet_protocol::{InstitutionId, RecordError, RecordHash};

use crate::credentials;
use crate::network::{NetworkClient, NetworkError};
use crate::store::{RecordStore, StoreError};

/// Why a step was not delivered this time. The outbox keeps the step and
/// shows this as its last error.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error("no node address of {institution} is known yet (its profile has not arrived)")]
    NoAddress { institution: String },
    #[error(transparent)]
    Network(#[from] NetworkError),
    #[error("the other node sent an invalid receipt: {0}")]
    InvalidReceipt(#[source] RecordError),
    #[error("the receipt is not signed by the addressee for this step")]
    NotTheAddressee,
    /// The addressee's profile could not be read here.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One step on its way to one institution, with what the answer is checked
/// against.
pub struct OutgoingStep {
    /// The addressee (the key the thread was opened with).
    pub to: InstitutionId,
    /// The step's exact signed bytes.
    pub bytes: Vec<u8>,
    pub hash: RecordHash,
    network: String,
    /// For the key ledger: a receipt may be signed by the key `to` rotated to.
    store: RecordStore,
}

impl OutgoingStep {
    pub(crate) fn new(to: InstitutionId, bytes: Vec<u8>, network: &str, store: RecordStore) -> Self {
        let hash = RecordHash::of(&bytes);
        Self { to, bytes, hash, network: network.to_owned(), store }
    }

    /// The addressee's answer as a receipt for this step: signed on this
    /// network by the addressee (or the key it rotated to), for this step.
    pub fn check_answer(&self, answer: &[u8]) -> Result<VerifiedReceipt, DeliveryError> {
        let receipt = VerifiedReceipt::open(answer, &self.network).map_err(DeliveryError::InvalidReceipt)?;
        let signer_is_addressee =
            receipt.signer == self.to || self.store.key_ledger().current_key(&self.to) == receipt.signer;
        if signer_is_addressee && receipt.step == self.hash { Ok(receipt) } else { Err(DeliveryError::NotTheAddressee) }
    }
}

/// Carries outbox steps to their addressees.
pub trait StepCourier: Send + Sync {
    /// Sends `step` to a node of `step.to` and returns its receipt, as
    /// [`OutgoingStep::check_answer`] accepts it.
    fn carry<'a>(&'a self, step: &'a OutgoingStep) -> BoxFuture<'a, Result<VerifiedReceipt, DeliveryError>>;
}

/// Carries steps over the network's direct protocol, to the nodes the
/// addressee's profile lists, in order, until one answers with a receipt.
pub struct DirectCourier {
    store: RecordStore,
    network: NetworkClient,
}

impl DirectCourier {
    pub fn new(store: RecordStore, network: NetworkClient) -> Self {
        Self { store, network }
    }

    /// The nodes an institution's profile lists.
    fn nodes_of(&self, institution: InstitutionId) -> Result<Vec<(PeerId, Vec<Multiaddr>)>, StoreError> {
        // After a rotation the profile is signed by the current key.
        let current = self.store.key_ledger().current_key(&institution);
        let Some((_, profile)) = credentials::institution(&self.store, current)? else {
            return Ok(Vec::new());
        };
        Ok(profile
            .nodes
            .iter()
            .filter_map(|node| {
                let peer = node.peer_id.parse::<PeerId>().ok()?;
                let addrs = node.addrs.iter().filter_map(|a| a.parse::<Multiaddr>().ok()).collect();
                Some((peer, addrs))
            })
            .collect())
    }

    async fn send(&self, step: &OutgoingStep) -> Result<VerifiedReceipt, DeliveryError> {
        let nodes = self.nodes_of(step.to)?;
        let mut last_error = DeliveryError::NoAddress { institution: step.to.to_did() };
        for (peer, addrs) in nodes {
            match self.network.send_direct(peer, addrs, step.bytes.clone()).await {
                Ok(answer) => match step.check_answer(&answer) {
                    Ok(receipt) => return Ok(receipt),
                    Err(e) => last_error = e,
                },
                Err(e) => last_error = e.into(),
            }
        }
        Err(last_error)
    }
}

impl StepCourier for DirectCourier {
    fn carry<'a>(&'a self, step: &'a OutgoingStep) -> BoxFuture<'a, Result<VerifiedReceipt, DeliveryError>> {
        Box::pin(self.send(step))
    }
}
