//! RDF Dataset Canonicalization (RDFC-1.0) of a JSON-LD document.
//!
//! A Data Integrity proof signs the *meaning* of a credential, not its JSON
//! bytes: the document is expanded with its `@context`s into RDF quads
//! (JSON-LD 1.1 "Deserialize JSON-LD to RDF"), and the quads are written in
//! canonical N-Quads form (W3C RDFC-1.0: blank nodes relabelled `_:c14n0`,
//! `_:c14n1`, …, lines sorted). Two verifiers that agree on the contexts get
//! the same bytes, whatever the JSON key order or whitespace.
//!
//! JSON-LD silently drops what its contexts do not define. A signature over a
//! document with dropped parts would not cover them, so this module is
//! strict where plain JSON-LD is lenient (as Digital Bazaar's "safe mode" is):
//! * an undefined property, or a key that looks like a keyword (`@foo`) but
//!   is none ([`CanonicalError::UndefinedTerm`]),
//! * a value used as an IRI (`id`, `type`, …) that is neither a term the
//!   contexts define nor an absolute IRI, such as an undefined type name or a
//!   relative `id` ([`CanonicalError::NotAnIri`]),
//! * any other JSON-LD warning, and a base direction (`@direction`, which
//!   the conversion to RDF drops) ([`CanonicalError::Suspicious`]), and
//! * a context URL that is not in the [`ContextSet`] ([`CanonicalError::UnknownContext`])
//!
//! are errors. The document has no base IRI, so relative IRIs never resolve.
//!
//! Expansion and conversion to RDF are done by the `json-ld` crate that
//! `sophia_jsonld` wraps (called directly so the located errors and the
//! warnings are kept; `sophia_jsonld`'s parser keeps only an error message),
//! the quads are adapted with `sophia_jsonld`'s term type, and
//! canonicalised by `sophia_c14n`.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use locspan::{Location, Meta};
use serde_json::Value;
use sophia_api::prelude::Iri;
use sophia_api::quad::Spog;
use sophia_api::term::{SimpleTerm, Term};
use sophia_jsonld::RdfTerm;
use sophia_jsonld::json_ld::expansion::Policy;
use sophia_jsonld::json_ld::syntax::{Parse, Value as JsonLdValue};
use sophia_jsonld::json_ld::{self, ExpandError, JsonLdProcessor, RemoteDocument, ToRdfError};
use sophia_jsonld::vocabulary::{ArcIri, ArcVoc};

use crate::contexts::{ContextSet, Loc};

/// Why a document has no canonical form.
#[derive(Debug, thiserror::Error)]
pub enum CanonicalError {
    /// The document names a context this verifier does not have.
    #[error("unknown JSON-LD context {url:?}: only the bundled contexts are available, nothing is fetched")]
    UnknownContext { url: String },
    /// A property the contexts do not define (JSON-LD would drop it, so it
    /// would not be signed).
    #[error("undefined term {term:?}: the document's @context does not define this property")]
    UndefinedTerm { term: String },
    /// A value that must be an IRI is neither a defined term nor an absolute
    /// IRI (an undefined `type`, a relative `id`, …).
    #[error("{value:?} is not an absolute IRI nor a term the document's @context defines")]
    NotAnIri { value: String },
    /// Some other JSON-LD warning: the expansion would not say what the JSON says.
    #[error("the JSON-LD expansion is lossy: {message} (at {at:?})")]
    Suspicious { message: String, at: String },
    /// A JSON-LD error other than the above (invalid keyword use, a context
    /// that does not process, …).
    #[error("the document is not valid JSON-LD: {reason} (at {at:?})")]
    InvalidJsonLd { reason: String, at: String },
    /// The canonicalisation algorithm gave up (e.g. a blank node structure
    /// too costly to label: RDFC-1.0's protection against poison graphs).
    #[error("RDF canonicalisation failed: {0}")]
    Canonicalization(String),
    /// A defect in this crate or a dependency (it panicked).
    #[error("internal error during canonicalisation: {0}")]
    Internal(String),
}

/// The RDFC-1.0 canonical N-Quads of `doc`: one line per quad, sorted, each
/// ending in `"\n"`.
///
/// Synchronous and self-contained: the JSON-LD processor's futures are driven
/// by a local executor (no tokio runtime needed, and safe to call from a
/// `spawn_blocking` thread; do not call it on an async worker thread, as it
/// blocks).
pub fn canonicalize(doc: &Value, contexts: &ContextSet) -> Result<String, CanonicalError> {
    // 1. Every context named by URL must be one we hold (json-ld would fail
    //    too, but this names the URL precisely), and no key may be
    //    keyword-like (json-ld would drop it silently).
    prescan(doc, contexts)?;

    // 2. The JSON text json-ld parses, and keeps spans into for its errors.
    let text = serde_json::to_string(doc).map_err(|e| CanonicalError::Internal(e.to_string()))?;

    // 3. Expand and deserialize to RDF, then canonicalise. Guard against
    //    panics in the dependencies: the input is untrusted.
    match catch_unwind(AssertUnwindSafe(|| to_canonical_nquads(&text, contexts))) {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_owned());
            Err(CanonicalError::Internal(message))
        }
    }
}

/// The JSON-LD 1.1 keywords. Any other key that starts with `@` is
/// "keyword-like" and JSON-LD ignores it, so it would not be signed.
const KEYWORDS: &[&str] = &[
    "@base",
    "@container",
    "@context",
    "@direction",
    "@graph",
    "@id",
    "@import",
    "@included",
    "@index",
    "@json",
    "@language",
    "@list",
    "@nest",
    "@none",
    "@prefix",
    "@propagate",
    "@protected",
    "@reverse",
    "@set",
    "@type",
    "@value",
    "@version",
    "@vocab",
];

/// Checks what json-ld would not report: every `@context` string (at any
/// depth) must be served by `contexts`, no key may be keyword-like (`@foo`)
/// without being a keyword, and there is no `@direction`.
fn prescan(value: &Value, contexts: &ContextSet) -> Result<(), CanonicalError> {
    fn check_context_value(ctx: &Value, contexts: &ContextSet) -> Result<(), CanonicalError> {
        match ctx {
            Value::String(url) if !contexts.contains(url) => Err(CanonicalError::UnknownContext { url: url.clone() }),
            Value::Array(items) => items.iter().try_for_each(|item| check_context_value(item, contexts)),
            // An embedded context: its own `@import`s and scoped contexts.
            Value::Object(_) => prescan(ctx, contexts),
            _ => Ok(()),
        }
    }
    match value {
        Value::Object(map) => map.iter().try_for_each(|(key, v)| {
            if key.starts_with('@') && !KEYWORDS.contains(&key.as_str()) {
                Err(CanonicalError::UndefinedTerm { term: key.clone() })
            } else if key == "@direction" {
                // Deserialising to RDF with `rdfDirection` null (as the Data
                // Integrity cryptosuites do) drops a base direction.
                Err(CanonicalError::Suspicious {
                    message: "@direction is dropped by the RDF conversion, so it would not be signed".to_owned(),
                    at: format!("@direction: {v}"),
                })
            } else if key == "@context" || key == "@import" {
                check_context_value(v, contexts)
            } else {
                prescan(v, contexts)
            }
        }),
        Value::Array(items) => items.iter().try_for_each(|item| prescan(item, contexts)),
        _ => Ok(()),
    }
}

/// Collects the JSON-LD processor's warnings (with their source spans).
#[derive(Default)]
struct Warnings(Vec<(String, Warned, Loc)>);

/// What kind of warning was collected.
enum Warned {
    MalformedIri,
    Other,
}

impl<N> json_ld::warning::Handler<N, Meta<json_ld::expansion::Warning<sophia_jsonld::vocabulary::ArcBnode>, Loc>>
    for Warnings
{
    fn handle(
        &mut self,
        _vocabulary: &N,
        Meta(warning, loc): Meta<json_ld::expansion::Warning<sophia_jsonld::vocabulary::ArcBnode>, Loc>,
    ) {
        use json_ld::expansion::Warning;
        let (message, kind) = match warning {
            Warning::MalformedIri(iri) => (format!("malformed IRI `{iri}`"), Warned::MalformedIri),
            Warning::EmptyTerm => ("empty term".to_owned(), Warned::Other),
            Warning::BlankNodeIdProperty(_) => ("blank node identifier used as property".to_owned(), Warned::Other),
            Warning::MalformedLanguageTag(tag, e) => (format!("malformed language tag `{tag}`: {e}"), Warned::Other),
        };
        self.0.push((message, kind, loc));
    }
}

impl<N> json_ld::warning::Handler<N, Meta<json_ld::context_processing::Warning, Loc>> for Warnings {
    fn handle(&mut self, _vocabulary: &N, Meta(warning, loc): Meta<json_ld::context_processing::Warning, Loc>) {
        let kind = match &warning {
            json_ld::context_processing::Warning::MalformedIri(_) => Warned::MalformedIri,
            _ => Warned::Other,
        };
        self.0.push((warning.to_string(), kind, loc));
    }
}

/// The IRI naming the input document in source locations (never resolved
/// against: the document has no base IRI).
const INPUT_LOCATION: &str = "urn:vetnet:credential-input";

fn to_canonical_nquads(text: &str, contexts: &ContextSet) -> Result<String, CanonicalError> {
    let source = Iri::new_unchecked(Arc::<str>::from(INPUT_LOCATION));
    let json = JsonLdValue::parse_str(text, |span| Location::new(source.clone(), span))
        .map_err(|e| CanonicalError::Internal(format!("re-parsing serialised JSON: {e}")))?;
    // No URL: the document has no base IRI, so a relative IRI stays invalid
    // (and is reported) instead of resolving against some made-up base.
    let document: RemoteDocument<ArcIri, Loc> = RemoteDocument::new(None, None, json);

    let options: json_ld::Options<ArcIri, Loc> = json_ld::Options {
        // Strictest: an undefined key is an error, not dropped.
        expansion_policy: Policy::Strictest,
        base: None,
        ..Default::default()
    };
    let mut vocabulary = ArcVoc {};
    let mut generator =
        rdf_types::generator::Blank::new().with_metadata(Location::new(source.clone(), Default::default()));
    let mut loader = contexts.loader();
    let mut warnings = Warnings::default();

    let dataset: HashSet<Spog<SimpleTerm<'static>>> = {
        let future = document.to_rdf_full(&mut vocabulary, &mut generator, &mut loader, options, &mut warnings);
        let mut to_rdf = futures::executor::block_on(future).map_err(|ToRdfError::Expand(e)| expand_error(e, text))?;
        to_rdf
            .cloned_quads()
            .map(|quad| {
                let ([s, p, o], g) =
                    ([RdfTerm::from(quad.0), RdfTerm::from(quad.1), RdfTerm::from(quad.2)], quad.3.map(RdfTerm::from));
                ([s.into_term(), p.into_term(), o.into_term()], g.map(Term::into_term))
            })
            .collect()
    };

    // json-ld expands every key once before the document's own @context is
    // applied (looking for `@type` aliases to find type-scoped contexts), and
    // warns "malformed IRI" for each: those warnings are noise. An undefined
    // key is caught by the Strictest policy above, so only malformed-IRI
    // warnings about values count here; every other warning counts.
    // (In compact serde_json output a key, and only a key, is followed by `:`.)
    let is_key = |loc: &Loc| {
        loc.file().as_str() == INPUT_LOCATION && text.get(loc.span().end()..).is_some_and(|rest| rest.starts_with(':'))
    };
    let relevant = |(_, kind, loc): &(String, Warned, Loc)| !(matches!(kind, Warned::MalformedIri) && is_key(loc));
    if let Some((message, kind, loc)) = warnings.0.into_iter().find(relevant) {
        let at = location_name(text, &loc);
        return Err(match kind {
            Warned::MalformedIri => CanonicalError::NotAnIri { value: unquote(&at) },
            Warned::Other => CanonicalError::Suspicious { message, at },
        });
    }

    let mut out = Vec::with_capacity(dataset.len() * 128);
    sophia_c14n::rdfc10::normalize(&dataset, &mut out).map_err(|e| CanonicalError::Canonicalization(e.to_string()))?;
    String::from_utf8(out).map_err(|e| CanonicalError::Internal(e.to_string()))
}

fn expand_error<E, C>(error: ExpandError<Loc, E, C>, text: &str) -> CanonicalError
where
    E: std::fmt::Display,
    C: std::fmt::Display,
{
    match error {
        ExpandError::Expansion(Meta(json_ld::expansion::Error::KeyExpansionFailed, loc)) => {
            CanonicalError::UndefinedTerm { term: unquote(&snippet(text, &loc)) }
        }
        ExpandError::Expansion(Meta(e, loc)) => {
            CanonicalError::InvalidJsonLd { reason: e.to_string(), at: snippet(text, &loc) }
        }
        ExpandError::ContextProcessing(Meta(e, loc)) => {
            CanonicalError::InvalidJsonLd { reason: format!("context processing: {e}"), at: location_name(text, &loc) }
        }
        ExpandError::Loading(e) => CanonicalError::InvalidJsonLd { reason: e.to_string(), at: String::new() },
        ExpandError::ContextLoading(e) => CanonicalError::UnknownContext { url: e.to_string() },
    }
}

/// The input text a span covers (for errors in the input), or the URL of the
/// context document the error is in.
fn location_name(text: &str, loc: &Loc) -> String {
    if loc.file().as_str() == INPUT_LOCATION { snippet(text, loc) } else { loc.file().as_str().to_owned() }
}

/// The input text a span covers, shortened for an error message.
fn snippet(text: &str, loc: &Loc) -> String {
    const MAX: usize = 120;
    let span = loc.span();
    let raw = text.get(span.start()..span.end()).unwrap_or("");
    if raw.chars().count() <= MAX { raw.to_owned() } else { raw.chars().take(MAX).chain("…".chars()).collect() }
}

/// A JSON string's content for a message (`"name"` → `name`).
fn unquote(s: &str) -> String {
    match serde_json::from_str::<String>(s) {
        Ok(inner) => inner,
        Err(_) => s.to_owned(),
    }
}
