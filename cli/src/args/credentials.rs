//! `vetnet credential` and `vetnet achievement delegation`: issuing, revoking
//! and verifying micro-credentials, and who may issue them.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum CredentialCommand {
    /// Issue a credential to one learner (kept on this node only; never shared with the network).
    Issue(IssueArgs),
    /// Issue credentials to a whole class from a CSV file: all rows or none.
    ///
    /// The CSV has a header row with the columns learner_name (required),
    /// learner_email, grade, date, valid_until and achievement (when not given
    /// with --achievement). If any row is wrong, every wrong row is reported
    /// and nothing is issued.
    IssueBatch {
        /// The CSV file.
        file: PathBuf,
        /// The achievement for rows without an `achievement` column.
        #[arg(long, value_name = "ID")]
        achievement: Option<String>,
    },
    /// List the credentials this node issued.
    List,
    /// Show one issued credential.
    Show { id: String },
    /// Write the credential file the learner keeps.
    Export {
        id: String,
        /// Where to write it (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// json (Open Badges 3.0 with a Data Integrity proof) or jwt (VC-JWT).
        #[arg(long, default_value = "json")]
        format: String,
    },
    /// Revoke a credential: publishes a revocation every node will see.
    Revoke {
        id: String,
        /// Why: issued-in-error, superseded, misconduct or withdrawn.
        #[arg(long)]
        reason: String,
    },
    /// Issued and revoked credentials per achievement and month (no personal data).
    Stats,
    /// Verify a credential file (JSON or JWT) against the network's records held by this node.
    ///
    /// Exits 0 when the credential is valid and 5 when it is not (tampered,
    /// revoked, expired, unknown issuer, issued without delegation or malformed).
    Verify {
        /// The credential file.
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The achievement: an id of this institution's, or DID/ID for one delegated to it.
    #[arg(long, value_name = "ID")]
    pub achievement: String,
    /// The learner's full name (it goes into the credential).
    #[arg(long, value_name = "NAME")]
    pub learner_name: String,
    /// The learner's email: goes into the credential only as a salted hash.
    #[arg(long, value_name = "EMAIL")]
    pub learner_email: Option<String>,
    /// Grade or result, as text.
    #[arg(long)]
    pub grade: Option<String>,
    /// The day it was earned, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Last day it is valid, YYYY-MM-DD (default: no expiry).
    #[arg(long, value_name = "DATE")]
    pub valid_until: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum DelegationCommand {
    /// Allow another institution to issue one of this institution's achievements.
    Add {
        /// The achievement's id.
        achievement: String,
        /// The partner institution (did:key:z6Mk...).
        #[arg(long, value_name = "DID")]
        to: String,
        /// First day it may issue, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day it may issue, YYYY-MM-DD (default: until ended).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
    },
    /// End a delegation today; credentials issued under it so far stay valid.
    End {
        achievement: String,
        #[arg(long, value_name = "DID")]
        to: String,
    },
    /// List the delegations this institution published.
    List,
}
