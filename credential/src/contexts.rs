//! The JSON-LD contexts a credential may name, compiled in.
//!
//! Canonicalising a credential means expanding it with its `@context`s, so a
//! verifier needs every context the issuer used, byte for byte. vetnet never
//! fetches one: the two contexts an Open Badges 3.0 credential needs are
//! bundled here, byte-identical to the published documents, and any other
//! context URL is an error that names it ([`crate::canonical::CanonicalError::UnknownContext`]).
//! Tests (or a later version) can add more documents with [`ContextSet::with`].

use std::sync::{Arc, OnceLock};

use locspan::{Location, Span};
use sophia_api::prelude::Iri;
use sophia_jsonld::json_ld::syntax::{Parse, Value as JsonLdValue};
use sophia_jsonld::loader::StaticLoader;
use sophia_jsonld::vocabulary::ArcIri;

/// W3C Verifiable Credentials Data Model v2.0 context.
pub const VC_V2: &str = "https://www.w3.org/ns/credentials/v2";

/// Open Badges 3.0 context, version 3.0.3 (it must come after [`VC_V2`]).
pub const OB_V3P0: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/// The published document at [`VC_V2`] (SHA-256 `59955ced…`).
pub const VC_V2_DOCUMENT: &str = include_str!("../contexts/credentials-v2.jsonld");

/// The published document at [`OB_V3P0`].
pub const OB_V3P0_DOCUMENT: &str = include_str!("../contexts/ob-context-3.0.3.json");

/// Where a parsed context (or the input document) came from, for error spans.
pub(crate) type Loc = Location<ArcIri, Span>;

/// The loader json-ld runs against: documents held in memory, nothing else.
pub(crate) type Loader = StaticLoader<ArcIri, Span>;

/// A context document could not be added to a [`ContextSet`].
#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    /// The URL is no absolute IRI.
    #[error("context URL {0:?} is not an absolute IRI")]
    InvalidUrl(String),
    /// The document is not JSON.
    #[error("context {url} is not valid JSON: {reason}")]
    InvalidJson { url: String, reason: String },
}

/// The context documents a canonicalisation may load, by URL, parsed once.
///
/// Each canonicalisation works on its own copy of the parsed documents (the
/// JSON-LD loader takes `&mut self`); for the bundled set that is a copy of
/// about 25 kB of JSON, small next to processing the contexts.
#[derive(Clone, Debug)]
pub struct ContextSet {
    loader: Loader,
    urls: Vec<String>,
}

impl ContextSet {
    /// Exactly the bundled contexts: [`VC_V2`] and [`OB_V3P0`].
    pub fn bundled() -> Self {
        static BUNDLED: OnceLock<ContextSet> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                let empty = ContextSet { loader: Loader::new(), urls: Vec::new() };
                // The bundled documents are constants checked by this crate's
                // tests, so failing here is a build defect, not an input error.
                #[allow(clippy::expect_used)]
                empty
                    .with(VC_V2, VC_V2_DOCUMENT)
                    .and_then(|set| set.with(OB_V3P0, OB_V3P0_DOCUMENT))
                    .expect("bundled JSON-LD contexts parse")
            })
            .clone()
    }

    /// This set plus the document `json` served at `url` (replacing any
    /// document the set already had for `url`).
    pub fn with(mut self, url: &str, json: &str) -> Result<Self, ContextError> {
        let iri = Iri::new(Arc::<str>::from(url)).map_err(|_| ContextError::InvalidUrl(url.to_owned()))?;
        let document = JsonLdValue::parse_str(json, |span| Location::new(iri.clone(), span))
            .map_err(|e| ContextError::InvalidJson { url: url.to_owned(), reason: e.to_string() })?;
        self.loader = self.loader.with(iri, document);
        if !self.urls.iter().any(|u| u == url) {
            self.urls.push(url.to_owned());
        }
        Ok(self)
    }

    /// The URLs this set serves, in the order they were added.
    pub fn urls(&self) -> impl Iterator<Item = &str> {
        self.urls.iter().map(String::as_str)
    }

    /// Whether `url` is served.
    pub fn contains(&self, url: &str) -> bool {
        self.urls.iter().any(|u| u == url)
    }

    pub(crate) fn loader(&self) -> Loader {
        self.loader.clone()
    }
}
