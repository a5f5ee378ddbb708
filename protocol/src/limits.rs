//! Every size limit of the record format, in one place. The same numbers are
//! listed in `docs/PROTOCOL.md`; a change here is a protocol change.

/// The largest encoded record (the whole COSE_Sign1 message) a node accepts.
/// It stays well below [`MAX_GOSSIP_MESSAGE_BYTES`] so that a record always
/// fits one gossipsub message with room for the framing.
pub const MAX_RECORD_BYTES: usize = 48 * 1024;

/// The gossipsub `max_transmit_size` every node must use (the gossipsub
/// default). A peer sending more has its stream closed, so all nodes agree.
pub const MAX_GOSSIP_MESSAGE_BYTES: usize = 64 * 1024;

/// How far in the future a record's `ts` may be, to allow for clock skew.
pub const MAX_CLOCK_SKEW_SECS: u64 = 10 * 60;

/// Longest `kind` and `id` (bytes; both are restricted to ASCII).
pub const MAX_KIND_LEN: usize = 32;
pub const MAX_ID_LEN: usize = 64;

/// Text limits, in characters (Unicode scalar values).
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SHORT_TEXT_CHARS: usize = 100;
pub const MAX_PROFILE_DESCRIPTION_CHARS: usize = 4_000;
pub const MAX_OFFER_DESCRIPTION_CHARS: usize = 8_000;
pub const MAX_NEED_DESCRIPTION_CHARS: usize = 8_000;
pub const MAX_OUTCOME_CHARS: usize = 500;
/// A need's `support_note`.
pub const MAX_NOTE_CHARS: usize = 500;
pub const MAX_URL_CHARS: usize = 300;
pub const MAX_EMAIL_CHARS: usize = 254;

/// List limits.
pub const MAX_TRANSLATIONS: usize = 24;
pub const MAX_LANGUAGES: usize = 16;
pub const MAX_SECTORS: usize = 32;
/// A need's preferred `countries`.
pub const MAX_PREFERRED_COUNTRIES: usize = 64;
pub const MAX_OUTCOMES: usize = 30;
pub const MAX_SKILLS: usize = 50;
pub const MAX_NODES: usize = 8;
pub const MAX_ADDRS_PER_NODE: usize = 8;
pub const MAX_PEER_ID_CHARS: usize = 128;
pub const MAX_MULTIADDR_CHARS: usize = 256;

/// Numeric ranges of an offer (and of a need: `learners`, weeks).
pub const MAX_PLACES: u32 = 1_000;
pub const MAX_WEEKS: u32 = 104;

/// Workload of an achievement.
pub const MAX_ECTS: f64 = 240.0;
pub const MAX_HOURS: u32 = 10_000;
