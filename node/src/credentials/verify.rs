//! Verifying a credential file (JSON-LD with a Data Integrity proof, or a
//! VC-JWT) against the records this node holds: format, proof, issuer, key,
//! delegation, revocation and validity period, in that order.
//!
//! An invalid credential is an answer (a [`Verdict`]), not an error. A store
//! read that fails is an error: the node cannot say anything of the
//! credential then, and must not call it revoked or unknown.

use serde::Serialize;
use serde_json::Value;
use vetnet_credential::contexts::ContextSet;
use vetnet_credential::open_badge::{self, CredentialFacts, Institution};
use vetnet_credential::{data_integrity, jwt};
use vetnet_protocol::RecordKind;
use vetnet_protocol::delegation::delegation_id;
use vetnet_protocol::profile::ProfileBody;
use vetnet_protocol::revocation::RevocationBody;

use super::{delegation_of, institution, live, revocation_of};
use crate::store::{RecordStore, StoreError};

/// The outcome of verifying a credential, from best to worst reason. Each
/// invalid verdict names the first check that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Valid,
    /// Not a credential this verifier can read (not JSON, not a VC, …).
    Malformed,
    /// The proof does not match: the file was changed after signing, or the
    /// proof is not the issuer's.
    Tampered,
    /// No institution profile of the issuer's key is held in the network.
    UnknownIssuer,
    /// Issued for another institution's achievement without a delegation
    /// covering the award day.
    NotDelegated,
    /// Signed by the issuer's key after the key was revoked or rotated.
    KeyRetired,
    Revoked,
    Expired,
    NotYetValid,
}

impl Verdict {
    pub fn describe(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Malformed => "not a readable credential",
            Verdict::Tampered => "tampered: the content does not match its signature",
            Verdict::UnknownIssuer => "unknown issuer: no institution in the network has this key",
            Verdict::NotDelegated => "not valid: issued without a delegation from the achievement's owner",
            Verdict::KeyRetired => "not valid: signed after the issuer's key was revoked or replaced",
            Verdict::Revoked => "revoked by the issuer",
            Verdict::Expired => "expired",
            Verdict::NotYetValid => "not yet valid",
        }
    }
}

/// One check of a verification, in the order they run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// `format`, `proof`, `issuer`, `key`, `delegation`, `revocation`, `validity`.
    pub name: &'static str,
    /// `pass`, `fail` or `skip` (not applicable, or not reached).
    pub status: &'static str,
    /// What the check found: a stable code (`proof-signed`, `revocation-revoked`,
    /// …), its arguments, and the English sentence. A page in another
    /// language words the code and arguments itself.
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub detail: String,
}

/// What a check found, before it is filed as passed, skipped or failed.
pub struct Finding {
    code: &'static str,
    args: Vec<(&'static str, String)>,
    detail: String,
}

impl Finding {
    fn new(code: &'static str, detail: impl Into<String>) -> Self {
        Self { code, args: Vec::new(), detail: detail.into() }
    }

    fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

/// Everything a verification found.
#[derive(Debug, Clone)]
pub struct Verification {
    pub verdict: Verdict,
    pub checks: Vec<Check>,
    /// `data-integrity` or `jwt`, once recognised.
    pub format: Option<&'static str>,
    pub facts: Option<CredentialFacts>,
    /// The issuer's profile, when held.
    pub issuer: Option<(Institution, ProfileBody)>,
    /// The delegating institution, when issued under a delegation.
    pub delegated_by: Option<Institution>,
    pub revocation: Option<(RevocationBody, u64)>,
}

impl Verification {
    fn new() -> Self {
        Self {
            verdict: Verdict::Valid,
            checks: Vec::new(),
            format: None,
            facts: None,
            issuer: None,
            delegated_by: None,
            revocation: None,
        }
    }

    fn file(&mut self, name: &'static str, status: &'static str, found: Finding) {
        let Finding { code, args, detail } = found;
        self.checks.push(Check { name, status, code, args, detail });
    }

    fn pass(&mut self, name: &'static str, found: Finding) {
        self.file(name, "pass", found);
    }

    fn skip(&mut self, name: &'static str, found: Finding) {
        self.file(name, "skip", found);
    }

    /// Records a failed check; the first failure decides the verdict.
    fn fail(&mut self, name: &'static str, verdict: Verdict, found: Finding) {
        self.file(name, "fail", found);
        if self.verdict == Verdict::Valid {
            self.verdict = verdict;
        }
    }

    /// Fails `name` and marks every later check as not reached. Returns
    /// `None`, the facts of a credential that could not be read.
    fn stop(&mut self, name: &'static str, verdict: Verdict, found: Finding) -> Option<CredentialFacts> {
        self.fail(name, verdict, found);
        let done: Vec<&str> = self.checks.iter().map(|c| c.name).collect();
        for later in ["format", "proof", "issuer", "delegation", "revocation", "validity"] {
            if !done.contains(&later) {
                self.skip(later, Finding::new("not-reached", "not checked: an earlier check failed"));
            }
        }
        None
    }
}

/// A point in time from a credential's `validFrom`/`validUntil`.
fn parse_time(value: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(value).ok().map(|t| t.with_timezone(&chrono::Utc))
}

/// Verifies a credential file (JSON-LD with a Data Integrity proof, or a
/// VC-JWT) against the records this node holds, at `now`. Runs offline: it
/// needs neither the issuer nor any network access. An invalid credential is
/// `Ok` with its verdict; only a failed store read is an error.
pub fn verify(store: &RecordStore, text: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Verification, StoreError> {
    let mut v = Verification::new();
    let Some(facts) = check_format_and_proof(&mut v, text.trim()) else { return Ok(v) };
    check_issuer(store, &facts, &mut v)?;
    check_key(store, &facts, &mut v);
    check_delegation(store, &facts, &mut v)?;
    check_revocation(store, &facts, &mut v)?;
    check_validity(&facts, now, &mut v);
    Ok(v)
}

/// Step 1: reads the credential and checks its proof is the issuer's.
/// Returns its facts, or `None` when the verification stops here.
fn check_format_and_proof(v: &mut Verification, text: &str) -> Option<CredentialFacts> {
    let signer = if text.starts_with('{') {
        v.format = Some("data-integrity");
        let document: Value = match serde_json::from_str(text) {
            Ok(document) => document,
            Err(e) => {
                return v.stop(
                    "format",
                    Verdict::Malformed,
                    Finding::new("format-not-json", format!("not valid JSON: {e}")).arg("error", e),
                );
            }
        };
        let facts = match open_badge::facts(&document) {
            Ok(facts) => facts,
            Err(e) => {
                return v.stop(
                    "format",
                    Verdict::Malformed,
                    Finding::new("format-unreadable", e.to_string()).arg("error", e),
                );
            }
        };
        v.pass("format", Finding::new("format-json-ld", "an Open Badges 3.0 credential (W3C VC 2.0, JSON-LD)"));
        v.facts = Some(facts);
        match data_integrity::verify(&document, &ContextSet::bundled()) {
            Ok(proof) => proof.signer,
            Err(e) if e.is_malformed() => {
                return v.stop(
                    "proof",
                    Verdict::Malformed,
                    Finding::new("proof-unreadable", e.to_string()).arg("error", e),
                );
            }
            Err(e) => {
                return v.stop(
                    "proof",
                    Verdict::Tampered,
                    Finding::new("proof-mismatch", e.to_string()).arg("error", e),
                );
            }
        }
    } else {
        v.format = Some("jwt");
        match jwt::decode_verify(text) {
            Ok(verified) => {
                let facts = match open_badge::facts(&verified.credential) {
                    Ok(facts) => facts,
                    Err(e) => {
                        return v.stop(
                            "format",
                            Verdict::Malformed,
                            Finding::new("format-unreadable", e.to_string()).arg("error", e),
                        );
                    }
                };
                v.pass("format", Finding::new("format-jwt", "an Open Badges 3.0 credential (W3C VC 2.0) as a VC-JWT"));
                v.facts = Some(facts);
                verified.signer
            }
            Err(e) if e.is_malformed() => {
                let found = Finding::new("format-neither", format!("neither a JSON credential nor a VC-JWT: {e}"));
                return v.stop("format", Verdict::Malformed, found.arg("error", e));
            }
            Err(e) => {
                v.pass("format", Finding::new("format-jwt-only", "a VC-JWT"));
                return v.stop(
                    "proof",
                    Verdict::Tampered,
                    Finding::new("proof-mismatch", e.to_string()).arg("error", e),
                );
            }
        }
    };
    let facts = v.facts.clone()?;
    if signer != facts.issuer {
        let found = Finding::new(
            "proof-other-signer",
            format!("the proof is signed by {signer}, not by the issuer {}", facts.issuer),
        );
        return v.stop("proof", Verdict::Tampered, found.arg("signer", signer).arg("issuer", facts.issuer));
    }
    let found = Finding::new("proof-signed", format!("signed by the issuer's key {}", facts.issuer));
    v.pass("proof", found.arg("issuer", facts.issuer));
    Some(facts)
}

/// Step 2: the issuer is known in the network.
fn check_issuer(store: &RecordStore, facts: &CredentialFacts, v: &mut Verification) -> Result<(), StoreError> {
    match institution(store, facts.issuer)? {
        Some(found) => {
            let (issuer, profile) = &found;
            let kind = profile.institution.as_str();
            let held = Finding::new(
                "issuer-held",
                format!("{} ({kind}, {}), a profile held in the network", issuer.name, issuer.country),
            );
            v.pass("issuer", held.arg("name", &issuer.name).arg("kind", kind).arg("country", &issuer.country));
            v.issuer = Some(found);
        }
        None => {
            let unknown = Finding::new(
                "issuer-unknown",
                format!("no institution profile with the key {} is held by this node", facts.issuer),
            );
            v.fail("issuer", Verdict::UnknownIssuer, unknown.arg("issuer", facts.issuer));
        }
    }
    Ok(())
}

/// The issuer's key was not retired when the credential was issued.
fn check_key(store: &RecordStore, facts: &CredentialFacts, v: &mut Verification) {
    let issued_at = chrono::DateTime::parse_from_rfc3339(&facts.valid_from).map(|t| t.timestamp().max(0) as u64);
    match issued_at.ok().and_then(|ts| store.key_refusal(&facts.issuer, ts)) {
        Some(refusal) => {
            let why = crate::publish::describe_refusal(&refusal);
            v.fail("key", Verdict::KeyRetired, Finding::new("key-retired", why.clone()).arg("why", why));
        }
        None => v.pass(
            "key",
            Finding::new(
                "key-current",
                "the issuer's key was neither revoked nor rotated when the credential was issued",
            ),
        ),
    }
}

/// Step 3: a delegation covers the award day, when the achievement is
/// another institution's.
fn check_delegation(store: &RecordStore, facts: &CredentialFacts, v: &mut Verification) -> Result<(), StoreError> {
    let owner = open_badge::parse_achievement_uri(&facts.achievement_uri).map(|(_, author, id)| (author, id));
    let own = || Finding::new("delegation-own", "the issuer awards its own achievement");
    let (author, achievement) = match (&owner, facts.creator) {
        (Some((author, _)), _) if *author == facts.issuer => {
            v.skip("delegation", own());
            return Ok(());
        }
        (None, Some(creator)) if creator == facts.issuer => {
            v.skip("delegation", own());
            return Ok(());
        }
        (None, None) => {
            let found =
                Finding::new("delegation-not-vetnet", "the achievement is not a vetnet record; no delegation applies");
            v.skip("delegation", found);
            return Ok(());
        }
        (None, Some(creator)) => {
            let found = Finding::new(
                "delegation-foreign",
                format!("the achievement belongs to {creator}, and is not a vetnet record a delegation could cover"),
            );
            v.fail("delegation", Verdict::NotDelegated, found.arg("owner", creator));
            return Ok(());
        }
        (Some((author, achievement)), _) => (*author, achievement),
    };
    let id = delegation_id(achievement, &facts.issuer);
    let owner_name = institution(store, author)?.map(|(i, _)| i);
    let label = owner_name.as_ref().map_or_else(|| author.to_string(), |i| i.name.clone());
    match live(store, author, &RecordKind::Delegation, &id)?.and_then(delegation_of) {
        Some(delegation) => {
            let from = delegation.from.clone();
            let until = delegation.until.clone().unwrap_or_default();
            let until_words = delegation.until.as_deref().unwrap_or("further notice");
            if delegation.covers(&facts.awarded_day) {
                let found = Finding::new(
                    "delegation-covers",
                    format!("issued under delegation from {label} (from {from} until {until_words})"),
                );
                v.pass("delegation", found.arg("owner", &label).arg("from", from).arg("until", until));
                v.delegated_by = owner_name;
            } else {
                let day = &facts.awarded_day;
                let found = Finding::new(
                    "delegation-outside",
                    format!("awarded on {day}, outside the delegation from {label} (from {from} until {until_words})"),
                );
                let found = found.arg("day", day).arg("owner", &label).arg("from", from).arg("until", until);
                v.fail("delegation", Verdict::NotDelegated, found);
            }
        }
        None => {
            let found = Finding::new(
                "delegation-none",
                format!("{label} owns the achievement and has not delegated issuing it to the issuer"),
            );
            v.fail("delegation", Verdict::NotDelegated, found.arg("owner", label));
        }
    }
    Ok(())
}

/// Step 4: the issuer has not revoked it.
fn check_revocation(store: &RecordStore, facts: &CredentialFacts, v: &mut Verification) -> Result<(), StoreError> {
    match revocation_of(store, facts.issuer, &facts.id)? {
        Some((revocation, ts)) => {
            let day = chrono::DateTime::from_timestamp(ts as i64, 0).map(|t| t.format("%Y-%m-%d").to_string());
            let day = day.unwrap_or_default();
            let found =
                Finding::new("revocation-revoked", format!("revoked on {day}: {}", revocation.reason.describe()));
            v.fail("revocation", Verdict::Revoked, found.arg("day", day).arg("reason", revocation.reason.as_str()));
            v.revocation = Some((revocation, ts));
        }
        None => v.pass("revocation", Finding::new("revocation-none", "no revocation of it is held")),
    }
    Ok(())
}

/// Step 5: `now` lies in the validity period.
fn check_validity(facts: &CredentialFacts, now: chrono::DateTime<chrono::Utc>, v: &mut Verification) {
    let from = &facts.valid_from;
    let not_a_time = |field: &str, value: &str| {
        Finding::new("validity-not-a-time", format!("{field} {value:?} is not a date-time"))
            .arg("field", field)
            .arg("value", value)
    };
    match parse_time(from) {
        None => v.fail("validity", Verdict::Malformed, not_a_time("validFrom", from)),
        Some(start) if start > now => {
            let found = Finding::new("validity-not-yet", format!("valid only from {from}")).arg("from", from);
            v.fail("validity", Verdict::NotYetValid, found);
        }
        Some(_) => match facts.valid_until.as_deref().map(|until| (until, parse_time(until))) {
            Some((until, None)) => v.fail("validity", Verdict::Malformed, not_a_time("validUntil", until)),
            Some((until, Some(end))) if end < now => {
                let found = Finding::new("validity-expired", format!("expired at {until}")).arg("until", until);
                v.fail("validity", Verdict::Expired, found);
            }
            Some((until, Some(_))) => {
                let found = Finding::new("validity-until", format!("valid from {from} until {until}"));
                v.pass("validity", found.arg("from", from).arg("until", until));
            }
            None => {
                let found = Finding::new("validity-no-expiry", format!("valid from {from}, no expiry"));
                v.pass("validity", found.arg("from", from));
            }
        },
    }
}
