//! `vetnet mobility`: the steps of a learner's placement.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum MobilityCommand {
    /// Every mobility thread of this institution, newest change first.
    List,
    /// One thread: its steps and their delivery, who has signed the learning agreement and who
    /// has not, and what this institution can do next.
    Show { thread: String },
    /// Open a thread (as the sending school): interest in another institution's offer.
    Interest {
        /// The host institution (did:key).
        host: String,
        /// The host's offer id.
        #[arg(long)]
        offer: String,
        /// This school's need the offer answers.
        #[arg(long)]
        need: Option<String>,
        /// How many learners the school plans to send (each is nominated in a thread of its own).
        #[arg(long, default_value_t = 1)]
        learners: u32,
        #[arg(long)]
        message: Option<String>,
    },
    /// Nominate the learner (school): the minimum personal data the host needs. It goes only to
    /// the host's node, never to the network.
    Nominate {
        thread: String,
        #[arg(long)]
        given_name: String,
        #[arg(long)]
        family_name: String,
        /// YYYY-MM-DD (the host sees whether the learner is a minor).
        #[arg(long, value_name = "DATE")]
        birth_date: String,
        #[arg(long)]
        email: Option<String>,
        /// A language and CEFR level, like en:B1; repeatable.
        #[arg(long = "lang", value_name = "LANG[:LEVEL]")]
        languages: Vec<String>,
        #[arg(long)]
        qualification: Option<String>,
        #[arg(long)]
        eqf: Option<u8>,
        /// First and last day of the placement (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        start: String,
        #[arg(long, value_name = "DATE")]
        end: String,
        /// The learner holds their own signing key: its did:key (from `vetnet mobility
        /// learner-key`). Default: this node makes and keeps a key for the learner.
        #[arg(long, value_name = "DID")]
        learner_key: Option<String>,
        #[arg(long)]
        message: Option<String>,
    },
    /// Accept the nominated learner (host).
    Accept {
        thread: String,
        #[arg(long)]
        message: Option<String>,
    },
    /// Decline an interest or a nomination (host).
    Refuse {
        thread: String,
        /// no-capacity, dates, profile, language, minors, documents or other.
        #[arg(long)]
        reason: String,
        #[arg(long)]
        message: Option<String>,
    },
    /// Propose the learning agreement, or amend it (either party). Every change needs all three
    /// signatures again.
    Agree(AgreeArgs),
    /// Sign the current learning agreement: as this institution (default), or for the learner.
    Sign {
        thread: String,
        /// institution or learner.
        #[arg(long = "as", default_value = "institution")]
        signer: String,
        /// The learner's own key file (when the learner holds their key); default for --as
        /// learner: the key this node keeps for the learner.
        #[arg(long, value_name = "FILE")]
        learner_key_file: Option<PathBuf>,
    },
    /// Record the completion (host): what the learner achieved per unit.
    Complete {
        thread: String,
        #[arg(long, value_name = "DATE")]
        start: String,
        #[arg(long, value_name = "DATE")]
        end: String,
        /// A unit's result: "INDEX=achieved|partly-achieved|not-achieved[: note]"; repeatable.
        #[arg(long = "unit", value_name = "RESULT", required = true)]
        units: Vec<String>,
        #[arg(long)]
        assessment: String,
        #[arg(long)]
        hours: Option<u32>,
        /// Issue the learner a micro-credential of this achievement of yours.
        #[arg(long, value_name = "ACHIEVEMENT_ID")]
        credential: Option<String>,
        #[arg(long)]
        grade: Option<String>,
    },
    /// Recognise the completed placement (school).
    Recognise {
        thread: String,
        /// recognised, partly-recognised or not-recognised.
        #[arg(long)]
        decision: String,
        /// An agreement unit (index) that is recognised; repeatable.
        #[arg(long = "unit", value_name = "INDEX")]
        units: Vec<u32>,
        /// The credential of the completion this recognition refers to (default: the one the
        /// completion carries).
        #[arg(long, value_name = "ID")]
        credential: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Call the mobility off (either party).
    Cancel {
        thread: String,
        #[arg(long)]
        reason: String,
    },
    /// Erase the learner's personal data of a thread, here and on the other node, keeping an
    /// anonymised trace. Cannot be undone.
    Erase {
        thread: String,
        #[arg(long)]
        reason: Option<String>,
        /// Confirm the erasure.
        #[arg(long)]
        yes: bool,
    },
    /// Write the thread as a stand-alone signed document (every step's exact bytes), which
    /// anyone can check with `vetnet mobility verify`, without either node.
    Export {
        thread: String,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Check an exported thread: every signature and every step's rules, in order. Exit 0 if
    /// valid, 5 if not.
    Verify { file: PathBuf },
    /// Make a signing key a learner holds themselves (written 0600); prints its did:key.
    LearnerKey {
        /// Where to write the key file.
        file: PathBuf,
    },
}

/// The fields of a learning agreement, from flags or a TOML file.
#[derive(Debug, Args)]
pub struct AgreeArgs {
    pub thread: String,
    /// A TOML file with the agreement's fields; flags override it.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
    /// A unit of learning outcomes: "TITLE: outcome; outcome"; repeatable.
    #[arg(long = "unit", value_name = "UNIT")]
    pub units: Vec<String>,
    /// A task of the learner; repeatable.
    #[arg(long = "task")]
    pub tasks: Vec<String>,
    /// The host's workplace mentor.
    #[arg(long)]
    pub mentor: Option<String>,
    #[arg(long)]
    pub mentor_email: Option<String>,
    /// How the host assesses the outcomes.
    #[arg(long)]
    pub assessment: Option<String>,
    /// How the sending school recognises the result.
    #[arg(long)]
    pub recognition: Option<String>,
    /// Who covers insurance: host, sending-school, learner or shared.
    #[arg(long)]
    pub insurance: Option<String>,
    #[arg(long)]
    pub hours_per_week: Option<u32>,
    #[arg(long)]
    pub note: Option<String>,
}
