//! The `revocation` record: an issuer declares that a credential it issued is
//! no longer valid. The record id is the credential's UUID; the body holds
//! the credential id and a reason from a closed list, so no personal data
//! can travel in it. A revocation is final: it cannot be withdrawn.

use serde::{Deserialize, Serialize};

use crate::codes;
use crate::keyword::keyword_enum;
use crate::validate::{Checked, Rule, fail};

/// The prefix of every credential id: `urn:uuid:` and a lower-case UUID.
pub const CREDENTIAL_ID_PREFIX: &str = "urn:uuid:";

/// The body of a `revocation` record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationBody {
    /// The revoked credential's `id`, `urn:uuid:<uuid>`; the record id is the
    /// `<uuid>` part.
    pub credential: String,
    /// Why the credential was revoked.
    pub reason: RevocationReason,
}

keyword_enum! {
    /// Why a credential was revoked. A closed list on purpose: a free-text
    /// reason would invite personal data onto the network.
    pub enum RevocationReason {
        /// Issued by mistake (wrong learner, wrong achievement).
        IssuedInError = "issued-in-error",
        /// Replaced by a corrected credential.
        Superseded = "superseded",
        /// Obtained by fraud or misconduct.
        Misconduct = "misconduct",
        /// The issuer withdrew the award for another reason.
        Withdrawn = "withdrawn",
    }
}

impl RevocationReason {
    /// The reason in words, as a verification report prints it.
    pub fn describe(self) -> &'static str {
        match self {
            RevocationReason::IssuedInError => "issued in error",
            RevocationReason::Superseded => "superseded by a corrected credential",
            RevocationReason::Misconduct => "obtained by fraud or misconduct",
            RevocationReason::Withdrawn => "withdrawn by the issuer",
        }
    }
}

/// The UUID part of a credential id, if it is one.
pub fn credential_uuid(credential: &str) -> Option<&str> {
    credential.strip_prefix(CREDENTIAL_ID_PREFIX).filter(|uuid| codes::is_uuid(uuid))
}

impl Checked for RevocationBody {
    fn check(&self, p: &str) -> Rule {
        if credential_uuid(&self.credential).is_none() {
            return fail(
                format!("{p}.credential"),
                format!("must be a credential id urn:uuid:<lower-case uuid> (got {:?})", self.credential),
            );
        }
        Ok(())
    }
}
