//! Record views: the envelope facts and the author's trust, then the body
//! fields at top level under the names of `docs/PROTOCOL.md`. A builder
//! caches names and the trust graph for one response.

use std::collections::HashMap;
use std::sync::Arc;

use vetnet_protocol::{Content, InstitutionId, VerifiedRecord};
use vetnet_views as views;

use super::convert::FromContent;
use crate::publish::{GossipState, Published};
use crate::store::RecordStore;
use crate::trust::TrustGraph;
use crate::trust::TrustGraphs;

/// Builds the views of one response. Every view of a record carries its
/// author's trust, from a trust graph built once per builder, when first
/// needed; institution names are read once each.
pub struct ViewBuilder<'a> {
    store: &'a RecordStore,
    names: HashMap<InstitutionId, Option<String>>,
    graph: Option<Arc<TrustGraph>>,
    /// The day trust levels are judged on (the node's clock).
    day: String,
}

impl<'a> ViewBuilder<'a> {
    pub fn new(store: &'a RecordStore, day: String) -> Self {
        Self { store, names: HashMap::new(), graph: None, day }
    }

    /// An institution's name from its profile, if this node has one.
    pub fn name(&mut self, institution: InstitutionId) -> Option<String> {
        let store = self.store;
        self.names
            .entry(institution)
            .or_insert_with(|| {
                let key = vetnet_protocol::RecordKey {
                    author: institution,
                    kind: "profile".into(),
                    id: vetnet_protocol::profile::PROFILE_ID.into(),
                };
                match store.get(&key) {
                    Ok(Some(VerifiedRecord { content: Content::Profile(p), .. })) => {
                        p.name.best(&[]).map(str::to_owned)
                    }
                    _ => None,
                }
            })
            .clone()
    }

    /// `{level, depth, path}` of the institution signing with `key`.
    pub fn trust(&mut self, key: InstitutionId) -> views::TrustView {
        let graph = match &self.graph {
            Some(graph) => graph.clone(),
            None => match self.store.trust_graph(&self.day) {
                Ok(graph) => self.graph.insert(graph).clone(),
                Err(e) => {
                    return views::TrustView {
                        level: views::TrustLevel::Unknown,
                        depth: None,
                        path: None,
                        current_key: None,
                        error: Some(e.to_string()),
                    };
                }
            },
        };
        super::trust::trust_view(&graph, self, key)
    }

    /// An institution: its key, name and trust.
    pub fn institution(&mut self, key: InstitutionId) -> views::InstitutionView {
        views::InstitutionView { institution: key.to_did(), name: self.name(key), trust: self.trust(key) }
    }

    pub(crate) fn store(&self) -> &RecordStore {
        self.store
    }

    /// A record's view, with its body when it is a `B`.
    pub fn record<B: FromContent>(&mut self, record: &VerifiedRecord) -> views::RecordView<B> {
        views::RecordView {
            id: record.payload.id.clone(),
            author: record.author.to_did(),
            author_name: self.name(record.author),
            trust: self.trust(record.author),
            kind: record.payload.kind.clone(),
            seq: record.payload.seq,
            ts: record.payload.ts,
            hash: record.hash.to_hex(),
            withdrawn: record.is_withdrawn(),
            body: B::from_content(&record.content),
        }
    }

    pub fn records<B: FromContent>(&mut self, records: &[VerifiedRecord]) -> Vec<views::RecordView<B>> {
        records.iter().map(|r| self.record(r)).collect()
    }

    /// The view of a record just published.
    pub fn published<B: FromContent>(&mut self, published: &Published) -> views::PublishedView<B> {
        views::PublishedView {
            record: self.record(&published.record),
            gossip: match published.gossip {
                GossipState::Sent => views::GossipState::Sent,
                GossipState::Queued => views::GossipState::Queued,
            },
        }
    }
}

/// The view of a record just published, with a builder of its own.
pub fn published_view<B: FromContent>(
    store: &RecordStore,
    day: String,
    published: &Published,
) -> views::PublishedView<B> {
    ViewBuilder::new(store, day).published(published)
}
