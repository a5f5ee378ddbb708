//! `vetnet network …` and `vetnet search networks`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Publish or replace this network's network profile (an institution of kind network only).
    Profile(NetworkProfileArgs),
    /// Show a network: scope, coordinator, topics, languages, how to join, members (default: this one).
    Show {
        /// The network (did:key:z6Mk…); default: this institution.
        did: Option<String>,
    },
    /// List a network's members (default: this one's).
    Members { did: Option<String> },
    /// The networks an institution belongs to (default: this one).
    Memberships { did: Option<String> },
    /// Apply to join a network; the application goes straight to its node.
    Apply {
        /// The network (did:key:z6Mk…).
        did: String,
        /// Why this institution wants to join.
        #[arg(long, value_name = "TEXT")]
        message: String,
    },
    /// Applications this institution sent, and those it received as a network.
    Applications,
    /// Accept an application: publishes the member endorsement and tells the applicant.
    Accept {
        /// The applicant (did:key) or the application's id (l-…).
        applicant: String,
    },
    /// Refuse an application, saying why.
    Refuse {
        /// The applicant (did:key) or the application's id (l-…).
        applicant: String,
        /// Why (required).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Leave a network; its node withdraws the member endorsement.
    Leave {
        did: String,
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// End a member's membership of this network, and tell it.
    End {
        /// The member (did:key).
        did: String,
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct NetworkProfileArgs {
    /// A country the network works in (ISO 3166-1 alpha-2); repeatable, at least one.
    #[arg(long = "country", value_name = "CC", required = true)]
    pub countries: Vec<String>,
    /// A NUTS region it works in (SE33, SE332); repeatable; none: the whole of its countries.
    #[arg(long = "region", value_name = "NUTS")]
    pub regions: Vec<String>,
    /// The coordinator: a person or an office.
    #[arg(long, value_name = "NAME")]
    pub coordinator_name: String,
    /// Where applicants and members write.
    #[arg(long, value_name = "EMAIL")]
    pub coordinator_email: String,
    /// A topic (`welding`, `apprenticeships`); repeatable.
    #[arg(long = "topic", value_name = "WORDS")]
    pub topics: Vec<String>,
    /// A working language (BCP 47); repeatable, at least one.
    #[arg(long = "lang", value_name = "TAG", required = true)]
    pub languages: Vec<String>,
    /// open (every application is accepted) or application (the coordinator decides).
    #[arg(long, value_name = "HOW", default_value = "application")]
    pub joining: String,
}

#[derive(Debug, Args)]
pub struct NetworkSearchArgs {
    /// A NUTS region: networks working in it or in an area that holds it.
    #[arg(long, value_name = "NUTS")]
    pub region: Option<String>,
    /// A country (ISO 3166-1 alpha-2).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Words that must each start a word of a topic.
    #[arg(long, value_name = "WORDS")]
    pub topic: Option<String>,
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}
