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

/// Longest `kind`, in bytes (it is restricted to ASCII).
pub const MAX_KIND_LEN: usize = 32;
/// Longest `id`, in bytes (it is restricted to ASCII).
pub const MAX_ID_LEN: usize = 64;

// Text limits, in characters (Unicode scalar values), not bytes.

/// Each entry of a profile's `name`.
pub const MAX_NAME_CHARS: usize = 200;
/// Each entry of a `title` (offer, need, achievement).
pub const MAX_TITLE_CHARS: usize = 200;
/// Short single-line texts such as `region`, `city`, `registration` and
/// `contact.name`.
pub const MAX_SHORT_TEXT_CHARS: usize = 100;
/// Each entry of a profile's `description`.
pub const MAX_PROFILE_DESCRIPTION_CHARS: usize = 4_000;
/// Each entry of an offer's (and an achievement's) `description`.
pub const MAX_OFFER_DESCRIPTION_CHARS: usize = 8_000;
/// Each entry of a need's `description`.
pub const MAX_NEED_DESCRIPTION_CHARS: usize = 8_000;
/// Each item of `outcomes`, and an achievement's `assessment`,
/// `quality_assurance` and `prerequisites`.
pub const MAX_OUTCOME_CHARS: usize = 500;
/// A need's `support_note`.
pub const MAX_NOTE_CHARS: usize = 500;
/// A web address (`website`, `further_information`).
pub const MAX_URL_CHARS: usize = 300;
/// An email address (`email`, `contact.email`).
pub const MAX_EMAIL_CHARS: usize = 254;

// List limits, in items.

/// Entries of any language text.
pub const MAX_TRANSLATIONS: usize = 24;
/// `languages` of a profile, an offer, a need or an achievement.
pub const MAX_LANGUAGES: usize = 16;
/// A profile's `isced` and `nace`, a need's `nace`.
pub const MAX_SECTORS: usize = 32;
/// A need's preferred `countries`.
pub const MAX_PREFERRED_COUNTRIES: usize = 64;
/// `outcomes` of an offer or an achievement.
pub const MAX_OUTCOMES: usize = 30;
/// `esco_skills` of an offer or an achievement.
pub const MAX_SKILLS: usize = 50;
/// A profile's `nodes`.
pub const MAX_NODES: usize = 8;
/// `addrs` of each of a profile's `nodes`.
pub const MAX_ADDRS_PER_NODE: usize = 8;
/// Characters of a node's `peer_id`.
pub const MAX_PEER_ID_CHARS: usize = 128;
/// Bytes of each of a node's `addrs`.
pub const MAX_MULTIADDR_CHARS: usize = 256;

/// An offer's `places` and a need's `learners` run from 1 to this.
pub const MAX_PLACES: u32 = 1_000;
/// `weeks_min` and `weeks_max` of an offer or a need run from 1 to this.
pub const MAX_WEEKS: u32 = 104;

/// An achievement's `ects`: more than 0 and at most this.
pub const MAX_ECTS: f64 = 240.0;
/// An achievement's `hours` run from 1 to this.
pub const MAX_HOURS: u32 = 10_000;

// Events.

/// An event's `end` is at most this many days after its `start`.
pub const MAX_EVENT_DAYS: i64 = 31;
/// An event's `capacity` runs from 1 to this, and its `registered` count
/// from 0 to this.
pub const MAX_EVENT_CAPACITY: u32 = 100_000;
/// `topics` of an event.
pub const MAX_EVENT_TOPICS: usize = 20;
/// Each entry of an event's `agenda` and `summary`.
pub const MAX_EVENT_TEXT_CHARS: usize = 8_000;
/// `minutes` (web addresses) of an event.
pub const MAX_EVENT_MINUTES: usize = 10;
/// A skills need's `horizon` runs from 1 to this many years.
pub const MAX_HORIZON_YEARS: u8 = 20;
/// A skills need's `people` runs from 1 to this.
pub const MAX_PEOPLE: u32 = 1_000_000;
/// A skills need's `source`, and a resource's `summary`.
pub const MAX_SOURCE_CHARS: usize = 2_000;
/// The `counts` of one issuance-statistics record (one per achievement).
pub const MAX_STATS_COUNTS: usize = 500;
/// The smallest count an issuance-statistics record may carry: a count
/// under it could single a learner out, so the writer leaves it out and a
/// reader refuses it.
pub const MIN_REPORTED_COUNT: u32 = 5;
/// The largest count of one achievement in one quarter.
pub const MAX_REPORTED_COUNT: u32 = 10_000_000;
