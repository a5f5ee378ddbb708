//! vetnet's benchmark suite as a library: each scenario is a function that
//! takes its size and returns its [`Figure`]s, each beside the target it is
//! measured against in the same run. The `vetnet-bench` binary runs them
//! from the command line; `tests/quick.rs` runs small sizes in CI so the
//! suite keeps working (it checks that figures come out and make sense, not
//! that targets are met).
//!
//! | scenario | module | what |
//! |---|---|---|
//! | `ingest` | [`ingest`] | records/s through each stage of the ingest path |
//! | `sync` | [`sync`] | bytes and round trips of catch-up sync |
//! | `search` | [`search`] | query latency on a realistic catalogue of offers |
//! | `propagation` | [`propagation`] | publish-to-searchable latency across a gossiping network |
//! | `footprint` | [`footprint`] | the real `vetnet` binary: startup, memory, disk |
//! | `trust` | [`trust`] | trust graph build and lookup; the key ledger's cost on inserts |
//! | `match` | [`matching`] | ranking the needs that fit own offers: candidates, scoring, ranking |
//! | `events` | [`events`] | event search by country, network and start day; a network's iCalendar feed |
//! | `pages` | [`pages`] | the dashboard's home, search and matches pages at 100,000 records |
//! | `backup` | [`backup`] | `vetnet backup` and `vetnet restore` of 100,000 own records |
//! | `scale` | [`scale`] | 1,000,000 records: catch-up of a new node, search, memory, startup after a clean stop and after `kill -9` |

pub mod backup;
pub mod events;
pub mod figure;
pub mod footprint;
pub mod ingest;
pub mod matching;
pub mod mobility;
pub mod pages;
pub mod propagation;
pub mod report;
pub mod rng;
pub mod scale;
pub mod search;
pub mod sync;
pub mod trust;

pub use figure::{Figure, Target};
