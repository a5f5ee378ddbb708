//! The vetnet conformance kit: cases with the verdict a conforming node
//! reaches on them (`protocol/tests/vectors/conformance.json`), and two ways
//! to check an implementation against them (`docs/PROTOCOL.md`
//! "Conformance"):
//!
//! - [`reference`] runs the reference (vetnet-protocol, and vetnet-node's
//!   ingest and store) on every case: `vetnet-conformance vectors`;
//! - [`peer`] checks a live node of any implementation over the wire, with a
//!   libp2p swarm of its own: `vetnet-conformance peer MULTIADDR`. It needs
//!   nothing of the node's internals.
//!
//! The cases are built by [`cases`] with the kit's own deterministic CBOR
//! writer ([`cbor`]) and envelope writer ([`sign`]), so they carry exactly
//! the bytes they are about.

pub mod case;
pub mod cases;
pub mod cbor;
pub mod keys;
pub mod peer;
pub mod reference;
pub mod sign;

use std::path::{Path, PathBuf};

use case::VectorFile;

/// The committed vector file, compiled in so the kit runs anywhere.
pub const COMMITTED_VECTORS: &str = include_str!("../../protocol/tests/vectors/conformance.json");

/// Where the vector file lives in the repository.
pub fn vectors_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../protocol/tests/vectors/conformance.json")
}

/// The vector file as committed, or read from `path`.
pub fn load_vectors(path: Option<&Path>) -> anyhow::Result<VectorFile> {
    use anyhow::Context;
    let text = match path {
        Some(path) => std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
        None => COMMITTED_VECTORS.to_owned(),
    };
    let file: VectorFile = serde_json::from_str(&text).context("the vector file is not a conformance vector file")?;
    anyhow::ensure!(
        file.format == case::FORMAT,
        "the vector file's format is {:?}, not {:?}",
        file.format,
        case::FORMAT
    );
    Ok(file)
}

/// The vector file as written: pretty JSON with a final line break.
pub fn render(file: &VectorFile) -> String {
    let mut text = serde_json::to_string_pretty(file).unwrap_or_default();
    text.push('\n');
    text
}
