//! `vetnet event`: the meetings the institution organises, and their
//! calendars.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Publish a new event (a meeting this institution organises).
    Publish(EventPublishArgs),
    /// List this institution's events.
    List {
        /// Include withdrawn events.
        #[arg(long)]
        all: bool,
    },
    /// Show one of this institution's events.
    Show { id: String },
    /// Change an event and publish the new version: a new registered count, or after the meeting
    /// its summary, outcomes and minutes (unset flags keep their value).
    Update {
        id: String,
        #[command(flatten)]
        fields: EventFields,
    },
    /// Withdraw an event: it disappears from search and calendars on every node.
    Withdraw { id: String },
    /// Print an event as an iCalendar (.ics) file, for any calendar program.
    Ics {
        /// The event's id.
        id: String,
        /// The organiser (did:key), for another institution's event; default: this institution.
        #[arg(long, value_name = "DID")]
        author: Option<String>,
    },
    /// Register a person for another institution's event; the registration goes to the organiser's node only.
    Register {
        /// The organiser (did:key).
        organiser: String,
        /// The event's id.
        id: String,
        /// The attendee's name.
        #[arg(long)]
        name: String,
        /// The attendee's email address.
        #[arg(long)]
        email: String,
    },
    /// Registrations this node sent, and the attendee lists of this institution's events.
    Registrations {
        /// Only the registrations for this event.
        id: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct EventPublishArgs {
    /// The event's id (letters, digits, - _ .); default: made from the title.
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: EventFields,
}

/// Event fields. For `publish`, --title, --kind, --start, --end and --tz are
/// required unless given in --file, and a place: --city with --country, or
/// --online, or both.
#[derive(Debug, Args, Default)]
pub struct EventFields {
    /// Read the event from a TOML file with the fields of docs/PROTOCOL.md; flags override it.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Title.
    #[arg(long)]
    pub title: Option<String>,
    /// Language of --title, --agenda and --summary (BCP 47).
    #[arg(long, default_value = "en", value_name = "TAG")]
    pub text_lang: String,
    /// Kind: network-meeting, conference, workshop, webinar or study-visit.
    #[arg(long)]
    pub kind: Option<String>,
    /// The network it belongs to (its did:key).
    #[arg(long, value_name = "DID")]
    pub network: Option<String>,
    /// Start, local time in --tz: YYYY-MM-DDTHH:MM (e.g. 2027-05-12T09:00).
    #[arg(long, value_name = "DATETIME")]
    pub start: Option<String>,
    /// End, local time in --tz: YYYY-MM-DDTHH:MM, after --start.
    #[arg(long, value_name = "DATETIME")]
    pub end: Option<String>,
    /// IANA time zone of --start and --end (e.g. Europe/Stockholm, Europe/Helsinki, UTC).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// City it takes place in (with --country).
    #[arg(long)]
    pub city: Option<String>,
    /// Country it takes place in, ISO 3166-1 alpha-2 (with --city).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Where to join online, https://...
    #[arg(long, value_name = "URL")]
    pub online: Option<String>,
    /// A language it is held in (BCP 47, repeatable; default: the profile's languages).
    #[arg(long = "lang", value_name = "TAG")]
    pub langs: Vec<String>,
    /// A group it is for (repeatable): school-organisers, education-providers, guidance-counsellors,
    /// wbl-coordinators, head-teachers, teachers, social-partners, companies, learners.
    #[arg(long, value_name = "GROUP")]
    pub audience: Vec<String>,
    /// A topic, in a few words (repeatable).
    #[arg(long, value_name = "WORDS")]
    pub topic: Vec<String>,
    /// The agenda.
    #[arg(long)]
    pub agenda: Option<String>,
    /// Last day to register, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub deadline: Option<String>,
    /// How many can take part.
    #[arg(long, value_name = "N")]
    pub capacity: Option<u32>,
    /// How many have registered so far.
    #[arg(long, value_name = "N")]
    pub registered: Option<u32>,
    /// After the meeting: what happened.
    #[arg(long)]
    pub summary: Option<String>,
    /// After the meeting: an outcome (repeatable; replaces the list).
    #[arg(long)]
    pub outcome: Vec<String>,
    /// After the meeting: the web address of the minutes (repeatable; replaces the list).
    #[arg(long, value_name = "URL")]
    pub minutes: Vec<String>,
}
