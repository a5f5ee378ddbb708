//! `vectors` mode: the reference (vetnet-protocol, and vetnet-node's real
//! ingest and store on a temporary sled store for records) judges every case,
//! and the verdict and field are compared with the file's.

use vetnet_node::ingest::{IngestError, ingest_at};
use vetnet_node::network::Verdict as GossipVerdict;
use vetnet_node::rate_limit::AuthorRecordLimit;
use vetnet_node::store::{InsertOutcome, RecordStore};
use vetnet_protocol::letter::VerifiedLetter;
use vetnet_protocol::mobility::{VerifiedReceipt, VerifiedStep};
use vetnet_protocol::sync::{SyncMessageError, SyncRequest, SyncResponse};
use vetnet_protocol::{RecordError, ValidationContext};

use crate::case::{Case, Input, Verdict};

/// Cases whose verdict or field holds only once the strict-cbor and
/// code-lists changes are merged: the runner reports them as awaiting
/// instead of failing. The merger empties this list.
pub const AWAITING_MERGE: &[&str] = &[];

/// What the reference made of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// For a refusal, the field at fault.
    pub field: Option<String>,
    /// The rule broken, or why a case was ignored.
    pub rule: Option<String>,
}

impl Outcome {
    fn accept() -> Self {
        Self { verdict: Verdict::Accept, field: None, rule: None }
    }

    fn ignore(why: String) -> Self {
        Self { verdict: Verdict::Ignore, field: None, rule: Some(why) }
    }

    fn refused((field, rule): (String, String)) -> Self {
        Self { verdict: Verdict::Reject, field: Some(field), rule: Some(rule) }
    }
}

/// Why the reference could not judge a case at all (a broken file, a store
/// that would not open): not a verdict.
#[derive(Debug, thiserror::Error)]
pub enum JudgeError {
    /// The case's hex does not decode.
    #[error("case {id}: the hex does not decode")]
    Hex {
        /// The case.
        id: String,
        /// Why.
        #[source]
        source: hex::FromHexError,
    },
    /// The temporary store could not be made.
    #[error("the temporary store cannot be opened")]
    Store(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A record of `given` was not accepted, so the case cannot be set up.
    #[error("case {id}: given record {index} was not accepted ({why})")]
    Given {
        /// The case.
        id: String,
        /// Which record of `given`.
        index: usize,
        /// What the reference said.
        why: String,
    },
}

/// The field and rule of a refusal, from the reference's error. The one place
/// that reads a [`RecordError`]'s parts.
pub fn refusal_of(error: &RecordError) -> (String, String) {
    (error.field(), error.rule())
}

/// The field and rule of a sync message refusal.
fn sync_refusal(error: &SyncMessageError) -> (String, String) {
    let field = match error {
        SyncMessageError::MissingField { field, .. } => (*field).to_owned(),
        SyncMessageError::UnknownType(_) => "t".to_owned(),
        SyncMessageError::TooManyIds { .. } | SyncMessageError::BadId(_) => "ids".to_owned(),
        SyncMessageError::Decode(e) => e.field.clone(),
        SyncMessageError::TooLarge { .. } | SyncMessageError::Encode(_) => "message".to_owned(),
    };
    (field, error.to_string())
}

/// A step, receipt or letter error: from the future is answered `retry`,
/// which is the kit's ignore; everything else is a refusal.
fn direct_outcome<T>(result: Result<T, RecordError>) -> Outcome {
    match result {
        Ok(_) => Outcome::accept(),
        Err(e @ RecordError::FromTheFuture { .. }) => Outcome::ignore(e.to_string()),
        Err(e) => Outcome::refused(refusal_of(&e)),
    }
}

/// What the reference makes of `case`.
pub fn judge(case: &Case) -> Result<Outcome, JudgeError> {
    let bytes = case.bytes().map_err(|source| JudgeError::Hex { id: case.id.clone(), source })?;
    let ctx = ValidationContext { network: &case.network, now: case.now };
    Ok(match case.input {
        Input::Record => return judge_record(case, &bytes),
        Input::Step => direct_outcome(VerifiedStep::open(&bytes, &ctx)),
        Input::Receipt => direct_outcome(VerifiedReceipt::open(&bytes, &case.network)),
        Input::Letter => direct_outcome(VerifiedLetter::open(&bytes, &ctx)),
        Input::SyncRequest => match SyncRequest::decode(&bytes) {
            Ok(_) => Outcome::accept(),
            Err(e) => Outcome::refused(sync_refusal(&e)),
        },
        Input::SyncResponse => match SyncResponse::decode(&bytes) {
            Ok(_) => Outcome::accept(),
            Err(e) => Outcome::refused(sync_refusal(&e)),
        },
    })
}

/// A record through the node's ingest, on a fresh store holding `given`.
fn judge_record(case: &Case, bytes: &[u8]) -> Result<Outcome, JudgeError> {
    let dir = tempfile::tempdir().map_err(|e| JudgeError::Store(Box::new(e)))?;
    let store = RecordStore::open(dir.path(), &case.network, 4 << 20).map_err(|e| JudgeError::Store(Box::new(e)))?;
    let authors = AuthorRecordLimit::unlimited();
    let given = case.given_bytes().map_err(|source| JudgeError::Hex { id: case.id.clone(), source })?;
    for (index, record) in given.iter().enumerate() {
        let (verdict, outcome) = ingest_at(&store, &case.network, &authors, record, case.now);
        if verdict != GossipVerdict::Accept {
            return Err(JudgeError::Given { id: case.id.clone(), index, why: format!("{verdict:?}: {outcome:?}") });
        }
    }
    let (verdict, outcome) = ingest_at(&store, &case.network, &authors, bytes, case.now);
    Ok(match (verdict, outcome) {
        (GossipVerdict::Accept, _) => Outcome::accept(),
        (GossipVerdict::Reject, Err(IngestError::Record(e))) => Outcome::refused(refusal_of(&e)),
        (GossipVerdict::Reject, other) => Outcome::refused(("record".to_owned(), format!("{other:?}"))),
        (GossipVerdict::Ignore, Ok(InsertOutcome::Stale { held_seq })) => {
            Outcome::ignore(format!("stale: seq {held_seq} is held"))
        }
        (GossipVerdict::Ignore, Ok(InsertOutcome::Duplicate)) => Outcome::ignore("duplicate".to_owned()),
        (GossipVerdict::Ignore, Ok(InsertOutcome::Refused(refusal))) => Outcome::ignore(format!("{refusal:?}")),
        (GossipVerdict::Ignore, Ok(other)) => Outcome::ignore(format!("{other:?}")),
        (GossipVerdict::Ignore, Err(e)) => Outcome::ignore(e.to_string()),
    })
}

/// How one case came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseResult {
    /// The reference agrees with the file.
    Pass,
    /// The reference agrees, though the case is listed in [`AWAITING_MERGE`]
    /// (the list can lose it).
    PassListedAwaiting,
    /// The reference disagrees, and the case is in [`AWAITING_MERGE`].
    Awaiting(Outcome),
    /// The reference disagrees.
    Fail(Outcome),
}

/// Compares the reference's outcome with the case: the verdict, and for a
/// refusal the field (the rule is informative).
pub fn compare(case: &Case, outcome: Outcome) -> CaseResult {
    let agrees = outcome.verdict == case.verdict && (case.verdict != Verdict::Reject || outcome.field == case.field);
    let awaiting = AWAITING_MERGE.contains(&case.id.as_str());
    match (agrees, awaiting) {
        (true, false) => CaseResult::Pass,
        (true, true) => CaseResult::PassListedAwaiting,
        (false, true) => CaseResult::Awaiting(outcome),
        (false, false) => CaseResult::Fail(outcome),
    }
}
