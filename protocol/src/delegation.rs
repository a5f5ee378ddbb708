//! The `delegation` record: the author of an achievement allows another
//! institution to issue it, from one day to another. Ending a delegation is
//! an update that sets `until` (so credentials issued while it held stay
//! valid); a withdrawal removes it entirely, and with it every credential
//! issued under it.

use serde::{Deserialize, Serialize};

use crate::InstitutionId;
use crate::limits::MAX_ID_LEN;
use crate::validate::{self, Checked, Rule, fail};

/// The body of a `delegation` record (id [`delegation_id`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegationBody {
    /// The id of an `achievement` record of the same author.
    pub achievement: String,
    /// The institution allowed to issue it, as `did:key:z6Mk…`.
    pub delegate: String,
    /// First day credentials may be issued under it, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, `YYYY-MM-DD`, if the delegation ends; not before `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

impl DelegationBody {
    /// The delegate as an institution id (valid once the body is checked).
    pub fn delegate_id(&self) -> Option<InstitutionId> {
        self.delegate.parse().ok()
    }

    /// Does the delegation allow issuing on `day` (`YYYY-MM-DD`)?
    pub fn covers(&self, day: &str) -> bool {
        // Dates in YYYY-MM-DD compare correctly as strings.
        self.from.as_str() <= day && self.until.as_deref().is_none_or(|until| day <= until)
    }
}

/// The record id of the delegation of `achievement` to `delegate`: `d-` and
/// the first 24 hex digits of SHA-256(`achievement` || 0x00 || delegate key),
/// so the same pair always names the same record.
pub fn delegation_id(achievement: &str, delegate: &InstitutionId) -> String {
    validate::derived_id("d-", &[achievement.as_bytes(), &[0], delegate.as_bytes()])
}

impl Checked for DelegationBody {
    fn check(&self, p: &str) -> Rule {
        let id_ok = !self.achievement.is_empty()
            && self.achievement.len() <= MAX_ID_LEN
            && self.achievement.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !id_ok {
            return fail(format!("{p}.achievement"), format!("must be an achievement id (got {:?})", self.achievement));
        }
        if self.delegate_id().is_none() {
            return fail(
                format!("{p}.delegate"),
                format!("must be an institution's did:key:z6Mk… identifier (got {:?})", self.delegate),
            );
        }
        let from = validate::date(&format!("{p}.from"), &self.from)?;
        if let Some(until) = &self.until {
            let until = validate::date(&format!("{p}.until"), until)?;
            if until < from {
                return fail(format!("{p}.until"), format!("must not be before from ({until} < {from})"));
            }
        }
        Ok(())
    }
}
