//! `vetnet trust`: anchors, endorsements and the institution's keys.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum TrustCommand {
    /// Trust an institution outright, such as a national agency or the network's coordinator.
    Add {
        /// The institution (did:key:z6Mk...).
        did: String,
    },
    /// Stop trusting an institution outright.
    Remove { did: String },
    /// List the trust anchors.
    List,
    /// Show how far an institution is trusted here, and the endorsements that make it so.
    Show { did: String },
}

#[derive(Debug, Subcommand)]
pub enum EndorsementCommand {
    /// Vouch for another institution.
    Add {
        /// The institution vouched for (did:key:z6Mk...).
        did: String,
        /// member (of a named network), partner (an agreement to exchange learners) or accreditor
        /// (this institution is entitled to vouch for VET providers).
        #[arg(long)]
        role: String,
        /// The network the institution is a member of (required with --role member).
        #[arg(long, value_name = "NAME")]
        network_name: Option<String>,
        /// Last day the endorsement holds, YYYY-MM-DD (default: until withdrawn).
        #[arg(long, value_name = "DATE")]
        expires: Option<String>,
    },
    /// Take back this institution's endorsements of another (all roles, or one).
    Withdraw {
        did: String,
        #[arg(long)]
        role: Option<String>,
    },
    /// Endorsements this institution (or DID) gave and received.
    List { did: Option<String> },
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// The institution's current key and the keys it rotated from.
    Show,
    /// Replace the institution's key with a new one. The old key signs the hand-over, every
    /// live record is signed again by the new key, and the old key's later records are refused.
    Rotate,
    /// Declare a key invalid from a date on: this institution's key (it can then publish
    /// nothing more), a key it rotated from (after a leak), or a key of an institution it endorses.
    Revoke {
        /// The key to revoke (default: this institution's current key).
        did: Option<String>,
        /// compromised, lost or retired.
        #[arg(long)]
        reason: String,
        /// Records the key signed from this day on (YYYY-MM-DD, UTC) are refused (default: now).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Confirm revoking this institution's current key, which cannot be undone.
        #[arg(long)]
        yes: bool,
    },
}
