//! The `endorsement` record: one institution vouches for another, in a role,
//! optionally until a day. Nodes combine endorsements with the trust anchors
//! their admin configured to compute a trust level for every institution;
//! withdrawing the record (or letting `until` pass) takes the vouching back.

use serde::{Deserialize, Serialize};

use crate::InstitutionId;
use crate::keyword::keyword_enum;
use crate::limits::MAX_SHORT_TEXT_CHARS;
use crate::validate::{self, Checked, Rule, fail};

/// The body of an `endorsement` record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndorsementBody {
    /// The institution vouched for, as `did:key:z6Mk…`; never the author.
    pub subject: String,
    /// What the endorser vouches for.
    pub role: EndorsementRole,
    /// The named network the subject is a member of (`HansaVET`); required
    /// for the `member` role, optional otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_name: Option<String>,
    /// Last day the endorsement holds, `YYYY-MM-DD`; none means until withdrawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

keyword_enum! {
    /// What the endorser vouches for.
    pub enum EndorsementRole {
        /// The subject is a member of a named network the endorser runs or belongs to.
        Member = "member",
        /// The two institutions have an agreement to exchange learners (like an
        /// ECVET memorandum of understanding).
        Partner = "partner",
        /// The endorser is a body entitled to vouch for VET providers (a national
        /// agency, a chamber, an accreditation body) and vouches for the subject.
        Accreditor = "accreditor",
    }
}

impl EndorsementRole {
    /// The relation in words: "member of", "partner of" or "accredited by".
    pub fn describe(self) -> &'static str {
        match self {
            EndorsementRole::Member => "member of",
            EndorsementRole::Partner => "partner of",
            EndorsementRole::Accreditor => "accredited by",
        }
    }
}

impl EndorsementBody {
    /// The subject as an institution id (valid once the body is checked).
    pub fn subject_id(&self) -> Option<InstitutionId> {
        self.subject.parse().ok()
    }

    /// Does the endorsement hold on `day` (`YYYY-MM-DD`)?
    pub fn holds_on(&self, day: &str) -> bool {
        self.until.as_deref().is_none_or(|until| day <= until)
    }
}

/// The record id of an endorsement: `e-` and the first 24 hex digits of
/// SHA-256(subject key (32 bytes) || role || 0x00 || network name or empty),
/// so an endorser holds one endorsement per subject, role and network.
pub fn endorsement_id(subject: &InstitutionId, role: EndorsementRole, network_name: Option<&str>) -> String {
    let parts: [&[u8]; 4] =
        [subject.as_bytes(), role.as_str().as_bytes(), &[0], network_name.unwrap_or_default().as_bytes()];
    validate::derived_id("e-", &parts)
}

impl Checked for EndorsementBody {
    fn check(&self, p: &str) -> Rule {
        if self.subject_id().is_none() {
            return fail(
                format!("{p}.subject"),
                format!("must be an institution's did:key:z6Mk… identifier (got {:?})", self.subject),
            );
        }
        match &self.network_name {
            Some(name) => validate::text(&format!("{p}.network_name"), name, MAX_SHORT_TEXT_CHARS, true)?,
            None if self.role == EndorsementRole::Member => {
                return fail(format!("{p}.network_name"), "is required for the member role: name the network");
            }
            None => {}
        }
        if let Some(until) = &self.until {
            validate::date(&format!("{p}.until"), until)?;
        }
        Ok(())
    }
}
