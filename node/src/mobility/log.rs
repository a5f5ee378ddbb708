//! Threads as this node keeps them: the [`ThreadLog`] of each thread (its
//! parties and every step held or sent, with its delivery state), the keys
//! of the mobility tree, and reading threads back as [`ThreadView`]s.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use vetnet_protocol::mobility::thread::{Party, Thread, ThreadStatus};
use vetnet_protocol::mobility::{StepBody, StepKind, VerifiedStep};
use vetnet_protocol::{InstitutionId, RecordHash, ValidationContext};

use super::{Mobility, MobilityError, closed_thread};

/// Key prefixes of the mobility tree (see the module doc of `mobility`).
pub(super) const THREAD: &[u8] = b"t/";
pub(super) const STEP: &[u8] = b"s/";
pub(super) const RECEIPT: &[u8] = b"r/";
pub(super) const OUTBOX: &[u8] = b"o/";
pub(super) const LEARNER_KEY: &[u8] = b"k/";
/// The last outbox number given out.
pub(super) const OUTBOX_COUNTER: &[u8] = b"n/outbox";

/// What became of a step, as this node knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Delivery {
    /// Taken here, waiting in the outbox.
    Pending {
        attempts: u32,
        #[serde(default)]
        last_error: Option<String>,
    },
    /// The other node took it; its signed receipt is kept.
    Delivered { at: u64 },
    /// Came from the other node.
    Received { at: u64 },
    /// The other node refused it (the field and rule say why); it is not
    /// part of the thread.
    Refused { field: String, reason: String },
    /// The other party took a step at the same time and theirs won.
    Superseded { at: u64 },
}

impl Delivery {
    /// Whether the step counts in the thread.
    pub(super) fn is_active(&self) -> bool {
        !matches!(self, Delivery::Refused { .. } | Delivery::Superseded { .. })
    }
}

/// One step in a thread's log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LogEntry {
    /// The step's hash: exactly 32 bytes, or the log does not decode.
    #[serde(with = "serde_bytes")]
    pub hash: [u8; 32],
    pub kind: StepKind,
    pub from: String,
    pub ts: u64,
    pub delivery: Delivery,
}

/// A thread's [`ThreadStatus`] as its log keeps it and the API shows it:
/// written as the status's name (`"agreeing"`), so logs written before this
/// type existed read back unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub struct LoggedStatus(pub ThreadStatus);

/// Every status (a test checks that none is missing).
const STATUSES: [ThreadStatus; 9] = [
    ThreadStatus::Interested,
    ThreadStatus::Nominated,
    ThreadStatus::Accepted,
    ThreadStatus::Refused,
    ThreadStatus::Agreeing,
    ThreadStatus::Agreed,
    ThreadStatus::Completed,
    ThreadStatus::Recognised,
    ThreadStatus::Cancelled,
];

impl From<LoggedStatus> for &'static str {
    fn from(status: LoggedStatus) -> Self {
        status.0.as_str()
    }
}

/// A stored status name that names no [`ThreadStatus`].
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not a thread status")]
pub struct UnknownStatus(String);

impl TryFrom<String> for LoggedStatus {
    type Error = UnknownStatus;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        STATUSES.into_iter().find(|s| s.as_str() == name).map(LoggedStatus).ok_or(UnknownStatus(name))
    }
}

/// A thread as kept on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThreadLog {
    pub thread: String,
    /// The parties' keys, as CBOR byte strings of exactly 32 bytes: a stored
    /// log with any other length fails to decode (an error), so a damaged id
    /// never becomes some other key.
    #[serde(with = "serde_bytes")]
    pub school: [u8; 32],
    #[serde(with = "serde_bytes")]
    pub host: [u8; 32],
    /// The host's offer the thread is about.
    pub offer: String,
    pub created: u64,
    pub updated: u64,
    /// The last status, kept for the anonymised trace.
    pub status: LoggedStatus,
    pub entries: Vec<LogEntry>,
    /// When the learner's data was erased.
    #[serde(default)]
    pub erased: Option<u64>,
}

impl ThreadLog {
    pub fn school(&self) -> InstitutionId {
        InstitutionId::from_bytes(self.school)
    }

    pub fn host(&self) -> InstitutionId {
        InstitutionId::from_bytes(self.host)
    }

    pub(super) fn entry_mut(&mut self, hash: &RecordHash) -> Option<&mut LogEntry> {
        self.entries.iter_mut().find(|e| e.hash == hash.0)
    }
}

/// What a caller sees of a thread.
#[derive(Debug, Clone)]
pub struct ThreadView {
    pub log: ThreadLog,
    /// This institution's side.
    pub party: Party,
    /// `None` once erased.
    pub thread: Option<Thread>,
    /// The steps this institution may take now.
    pub next_steps: Vec<StepKind>,
    /// The bodies of the steps still held, by hash.
    pub bodies: BTreeMap<RecordHash, StepBody>,
}

impl ThreadView {
    pub fn status(&self) -> ThreadStatus {
        self.log.status.0
    }
}

pub(super) fn key_of(prefix: &[u8], rest: &[u8]) -> Vec<u8> {
    let mut key = prefix.to_vec();
    key.extend_from_slice(rest);
    key
}

pub(super) fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, MobilityError> {
    let mut bytes = Vec::new();
    ciborium::into_writer(value, &mut bytes).map_err(MobilityError::Encode)?;
    Ok(bytes)
}

pub(super) fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, MobilityError> {
    ciborium::from_reader(bytes).map_err(MobilityError::Decode)
}

pub(super) fn party_name(party: Party) -> String {
    party.as_str().to_owned()
}

impl Mobility {
    pub(super) fn read_log(&self, thread: &str) -> Result<Option<ThreadLog>, MobilityError> {
        match self.inner.tree.get(key_of(THREAD, thread.as_bytes()))? {
            Some(bytes) => Ok(Some(decode(&bytes)?)),
            None => Ok(None),
        }
    }

    /// The thread rebuilt from the active steps of its log.
    pub(super) fn rebuild(&self, log: &ThreadLog) -> Result<Option<Thread>, MobilityError> {
        if log.erased.is_some() {
            return Ok(None);
        }
        let mut thread: Option<Thread> = None;
        for entry in log.entries.iter().filter(|e| e.delivery.is_active()) {
            let bytes = self.inner.tree.get(key_of(STEP, &entry.hash))?.ok_or_else(|| {
                MobilityError::Corrupt(format!("step {} of {} is missing", hex::encode(entry.hash), log.thread))
            })?;
            // Checked when it was stored: no clock applies any more.
            let trusted = ValidationContext { network: self.network_name(), now: u64::MAX - 3600 };
            let step = VerifiedStep::open_stored(&bytes, &trusted)?;
            match &mut thread {
                None => {
                    thread = Some(
                        Thread::start(self.network_name(), step)
                            .map_err(|source| MobilityError::DamagedThread { thread: log.thread.clone(), source })?,
                    )
                }
                Some(thread) => thread.push_trusted(step),
            }
        }
        Ok(thread)
    }

    /// The thread's status as its log now stands.
    pub(super) fn status_of(&self, log: &ThreadLog) -> Result<ThreadStatus, MobilityError> {
        Ok(match self.rebuild(log)? {
            Some(thread) => thread.status(),
            None => log.status.0,
        })
    }

    /// This institution's side of a thread (also after its key rotated).
    pub(super) fn my_party(&self, log: &ThreadLog) -> Party {
        let me = self.me();
        let school = log.school();
        if school == me || self.inner.store.key_ledger().current_key(&school) == me {
            Party::School
        } else {
            Party::Host
        }
    }

    fn view(&self, log: ThreadLog) -> Result<ThreadView, MobilityError> {
        let party = self.my_party(&log);
        let thread = self.rebuild(&log)?;
        let next_steps = thread.as_ref().map(|t| t.next_steps(party)).unwrap_or_default();
        let mut bodies = BTreeMap::new();
        if let Some(thread) = &thread {
            for step in thread.links().iter().chain(thread.signatures()) {
                bodies.insert(step.hash, step.body.clone());
            }
        }
        Ok(ThreadView { log, party, thread, next_steps, bodies })
    }

    /// Writes the tree to disk.
    pub(super) async fn flush(&self) -> Result<(), MobilityError> {
        let tree = self.inner.tree.clone();
        tokio::task::spawn_blocking(move || tree.flush()).await??;
        Ok(())
    }

    /// Every thread, newest change first.
    pub fn list(&self) -> Result<Vec<ThreadLog>, MobilityError> {
        let mut logs = Vec::new();
        for item in self.inner.tree.scan_prefix(THREAD) {
            let (_, bytes) = item?;
            logs.push(decode::<ThreadLog>(&bytes)?);
        }
        logs.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.thread.cmp(&b.thread)));
        Ok(logs)
    }

    pub fn show(&self, thread: &str) -> Result<ThreadView, MobilityError> {
        let log = self.read_log(thread)?.ok_or_else(|| MobilityError::UnknownThread(thread.to_owned()))?;
        self.view(log)
    }

    /// The thread as a stand-alone document: the exact bytes of its links
    /// and agreement signatures, in order. Anyone can check it with
    /// [`super::verify_document`], offline, without either node.
    pub fn export(&self, thread_id: &str) -> Result<Vec<Vec<u8>>, MobilityError> {
        let view = self.show(thread_id)?;
        let thread = view.thread.ok_or_else(|| closed_thread(&view.log))?;
        let mut steps: Vec<&VerifiedStep> = thread.links().iter().chain(thread.signatures()).collect();
        steps.sort_by_key(|s| view.log.entries.iter().position(|e| e.hash == s.hash.0));
        Ok(steps.into_iter().map(|s| s.bytes.clone()).collect())
    }

    /// Whether this node holds the learner's key of `thread`.
    pub fn holds_learner_key(&self, thread: &str) -> Result<bool, MobilityError> {
        Ok(self.inner.tree.contains_key(key_of(LEARNER_KEY, thread.as_bytes()))?)
    }

    /// The receipt the other node signed for `step`, if delivered.
    pub fn receipt(&self, step: &RecordHash) -> Result<Option<Vec<u8>>, MobilityError> {
        Ok(self.inner.tree.get(key_of(RECEIPT, &step.0))?.map(|v| v.to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The place of `status` in [`STATUSES`]. The match has no wildcard, so a
    /// status the protocol adds does not compile until it is listed here.
    fn status_index(status: ThreadStatus) -> usize {
        match status {
            ThreadStatus::Interested => 0,
            ThreadStatus::Nominated => 1,
            ThreadStatus::Accepted => 2,
            ThreadStatus::Refused => 3,
            ThreadStatus::Agreeing => 4,
            ThreadStatus::Agreed => 5,
            ThreadStatus::Completed => 6,
            ThreadStatus::Recognised => 7,
            ThreadStatus::Cancelled => 8,
        }
    }

    #[test]
    fn every_status_is_stored_by_its_name_and_read_back() {
        for (i, status) in STATUSES.into_iter().enumerate() {
            assert_eq!(status_index(status), i);
            let mut bytes = Vec::new();
            ciborium::into_writer(&LoggedStatus(status), &mut bytes).unwrap();
            let mut name = Vec::new();
            ciborium::into_writer(status.as_str(), &mut name).unwrap();
            assert_eq!(bytes, name, "{status:?} is written as its name");
            assert_eq!(ciborium::from_reader::<LoggedStatus, _>(name.as_slice()).unwrap(), LoggedStatus(status));
        }
        let mut unknown = Vec::new();
        ciborium::into_writer("pending", &mut unknown).unwrap();
        assert!(ciborium::from_reader::<LoggedStatus, _>(unknown.as_slice()).is_err());
    }

    fn log_with_school(school: ciborium::Value) -> Vec<u8> {
        let log = ThreadLog {
            thread: "m-test".into(),
            school: [1; 32],
            host: [2; 32],
            offer: "welding".into(),
            created: 1,
            updated: 1,
            status: LoggedStatus(ThreadStatus::Interested),
            entries: Vec::new(),
            erased: None,
        };
        let mut value = ciborium::Value::serialized(&log).unwrap();
        if let ciborium::Value::Map(fields) = &mut value {
            for (key, field) in fields.iter_mut() {
                if key.as_text() == Some("school") {
                    *field = school.clone();
                }
            }
        }
        let mut bytes = Vec::new();
        ciborium::into_writer(&value, &mut bytes).unwrap();
        bytes
    }

    #[test]
    fn a_damaged_party_id_is_an_error_never_some_other_key() {
        let whole = log_with_school(ciborium::Value::Bytes(vec![7; 32]));
        let log: ThreadLog = decode(&whole).unwrap();
        assert_eq!(log.school(), InstitutionId::from_bytes([7; 32]));
        for damaged in [vec![7; 31], vec![7; 33], Vec::new()] {
            let bytes = log_with_school(ciborium::Value::Bytes(damaged.clone()));
            assert!(decode::<ThreadLog>(&bytes).is_err(), "a {}-byte school id must not decode", damaged.len());
        }
    }
}
