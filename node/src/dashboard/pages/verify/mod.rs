//! The printable certificate of an issued credential
//! (`/credentials/{id}/certificate`, A4, with a QR code) and the verifier's
//! page (`/verify`): a credential pasted or uploaded, its verdict in words.
//!
//! - [`qr`]: what the certificate's QR code carries, drawn as SVG.
//! - [`certificate`]: the certificate page.
//! - [`verifier`]: the verify page.

use axum::Router;
use axum::routing::get;
use vetnet_views::RevocationReason;

use crate::dashboard::Dashboard;
use crate::dashboard::i18n::Tr;

mod certificate;
pub mod qr;
mod verifier;

pub fn routes() -> Router<Dashboard> {
    Router::new()
        .route("/credentials/{id}/certificate", get(certificate::show))
        .route("/verify", get(verifier::show).post(verifier::verify))
}

/// A revocation's reason in words.
fn revocation_reason(t: &Tr, reason: RevocationReason) -> String {
    t.msg(&format!("verify-reason-{reason}"))
}
