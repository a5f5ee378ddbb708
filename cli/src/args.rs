//! The command line, as clap types. Each doc comment becomes `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// vetnet: find partner institutions and placements abroad, with no central operator.
///
/// Each institution runs a node that keeps its profile and offers, signs them,
/// and shares them with every other node. This command starts the node and
/// talks to it.
#[derive(Debug, Parser)]
#[command(name = "vetnet", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// The node's data directory (keys, settings, records). Default: the platform's data directory.
    #[arg(long, global = true, env = "VETNET_HOME", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print machine-readable JSON instead of tables and sentences.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per process: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the data directory, keys, settings and the institution's profile.
    Init(InitArgs),
    /// Run the node.
    #[command(subcommand)]
    Node(NodeCommand),
    /// Show the running node: peer id, addresses, institution, peers, records.
    Status,
    /// List the peers the node is connected to.
    Peers,
    /// Show or change the institution's public profile.
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Publish and manage the institution's placement offers.
    #[command(subcommand)]
    Offer(OfferCommand),
    /// Publish and manage the institution's mobility needs (groups of learners looking for a placement).
    #[command(subcommand)]
    Need(NeedCommand),
    /// Publish and manage the micro-credentials the institution awards (the public catalogue).
    #[command(subcommand)]
    Achievement(AchievementCommand),
    /// Issue credentials to learners, export, revoke and verify them.
    #[command(subcommand)]
    Credential(CredentialCommand),
    /// Let a partner institution issue one of this institution's achievements.
    #[command(subcommand)]
    Delegation(DelegationCommand),
    /// Own offers and needs, each with the other institutions' needs and offers that fit it, explained.
    Match(MatchArgs),
    /// Search the whole network's records held by this node.
    #[command(subcommand)]
    Search(SearchCommand),
    /// The institutions this node trusts outright (anchors), and how far it trusts any other.
    #[command(subcommand)]
    Trust(TrustCommand),
    /// Vouch for another institution (member, partner, accreditor), or take it back.
    #[command(subcommand)]
    Endorsement(EndorsementCommand),
    /// The institution's signing key: show, rotate, revoke.
    #[command(subcommand)]
    Key(KeyCommand),
    /// A learner's placement with another institution, step by step: interest, nomination,
    /// acceptance, learning agreement and its three signatures, completion, recognition.
    #[command(subcommand)]
    Mobility(MobilityCommand),
    /// Print a one-time sign-in link for the node's dashboard (valid five minutes).
    Open(OpenArgs),
    /// Catch up with peers now (the node also does this on connect and every few minutes).
    Sync {
        /// Only this peer (a libp2p peer id); default: every connected peer.
        #[arg(long, value_name = "PEER_ID")]
        peer: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Also open the link in the default web browser.
    #[arg(long)]
    pub browser: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    pub profile: ProfileFields,
    /// The network to join; records of other networks are refused.
    #[arg(long, default_value = vetnet_protocol::DEFAULT_NETWORK, value_name = "NAME")]
    pub network: String,
}

#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    /// Run the node in the foreground until Ctrl-C (initialises a fresh data directory with defaults).
    Run(RunArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Address to listen on for peers, e.g. /ip4/0.0.0.0/tcp/7301 (repeatable; replaces the config file's list).
    #[arg(long, value_name = "MULTIADDR")]
    pub listen: Vec<String>,
    /// Address of the admin API; loopback only, e.g. 127.0.0.1:7300 (port 0 picks a free one).
    #[arg(long, value_name = "ADDR")]
    pub api: Option<String>,
    /// A peer to join the network through, e.g. /ip4/192.0.2.1/tcp/7301/p2p/12D3KooW... (repeatable; adds to the config file's list).
    #[arg(long, value_name = "MULTIADDR")]
    pub bootstrap: Vec<String>,
    /// Find other vetnet nodes on the local network (mDNS).
    #[arg(long)]
    pub mdns: bool,
    /// Relay connections for nodes behind NAT (run this only on a publicly reachable server).
    #[arg(long)]
    pub relay_server: bool,
    /// An address others can reach this node on, when it differs from --listen (public IP, port forward); repeatable.
    #[arg(long, value_name = "MULTIADDR")]
    pub external: Vec<String>,
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Show the institution's profile.
    Show,
    /// Change profile fields and publish the new version.
    Set(ProfileSetArgs),
}

#[derive(Debug, Args)]
pub struct ProfileSetArgs {
    #[command(flatten)]
    pub fields: ProfileUpdate,
}

/// Profile fields for `init` (name, country and kind required).
#[derive(Debug, Args)]
pub struct ProfileFields {
    /// The institution's name.
    #[arg(long)]
    pub name: String,
    /// Country, as an ISO 3166-1 alpha-2 code (SE, DE, FI, ...).
    #[arg(long, value_name = "CC")]
    pub country: String,
    /// Kind of institution: vet-provider, company, chamber, public-agency or network.
    #[arg(long)]
    pub kind: String,
    #[command(flatten)]
    pub optional: ProfileOptional,
}

/// Profile fields for `profile set` (all optional; unset ones keep their value).
#[derive(Debug, Args)]
pub struct ProfileUpdate {
    /// The institution's name.
    #[arg(long)]
    pub name: Option<String>,
    /// Country, as an ISO 3166-1 alpha-2 code (SE, DE, FI, ...).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Kind of institution: vet-provider, company, chamber, public-agency or network.
    #[arg(long)]
    pub kind: Option<String>,
    #[command(flatten)]
    pub optional: ProfileOptional,
}

#[derive(Debug, Args)]
pub struct ProfileOptional {
    /// Language of --name and --description (BCP 47, e.g. sv, en, de).
    #[arg(long, default_value = "en", value_name = "TAG")]
    pub text_lang: String,
    /// For a vet-provider: ivet, cvet, or ivet,cvet (default ivet).
    #[arg(long, value_delimiter = ',')]
    pub vet: Vec<String>,
    /// Region (free text or a NUTS code).
    #[arg(long)]
    pub region: Option<String>,
    /// City.
    #[arg(long)]
    pub city: Option<String>,
    /// Field of education (ISCED-F, e.g. 0715) or economic sector (NACE, e.g. F41); repeatable.
    #[arg(long, value_name = "CODE")]
    pub sector: Vec<String>,
    /// A working language (BCP 47, e.g. sv); repeatable.
    #[arg(long = "lang", value_name = "TAG")]
    pub languages: Vec<String>,
    /// Web site, https://...
    #[arg(long)]
    pub website: Option<String>,
    /// Contact email address.
    #[arg(long)]
    pub email: Option<String>,
    /// Registration or VAT number.
    #[arg(long)]
    pub registration: Option<String>,
    /// A short description.
    #[arg(long)]
    pub description: Option<String>,
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum OfferCommand {
    /// Publish a new placement offer.
    Publish(OfferPublishArgs),
    /// List this institution's offers.
    List {
        /// Include withdrawn offers.
        #[arg(long)]
        all: bool,
    },
    /// Show one of this institution's offers.
    Show { id: String },
    /// Change an offer and publish the new version (unset flags keep their value).
    Update {
        id: String,
        #[command(flatten)]
        fields: OfferFields,
    },
    /// Withdraw an offer: it disappears from search on every node.
    Withdraw { id: String },
}

#[derive(Debug, Args)]
pub struct OfferPublishArgs {
    /// The offer's id (letters, digits, - _ .); default: made from the title.
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: OfferFields,
}

/// Offer fields. For `publish`, --title, --sector, --eqf, --places, --start and
/// --weeks are required unless given in --file.
#[derive(Debug, Args, Default)]
pub struct OfferFields {
    /// Read the offer from a TOML file with the fields of docs/PROTOCOL.md; flags override it.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Title.
    #[arg(long)]
    pub title: Option<String>,
    /// Description.
    #[arg(long)]
    pub description: Option<String>,
    /// Language of --title and --description (BCP 47).
    #[arg(long, default_value = "en", value_name = "TAG")]
    pub text_lang: String,
    /// Field of education, ISCED-F 2013 (e.g. 0715 mechanics and metal trades).
    #[arg(long, value_name = "ISCED-F")]
    pub sector: Option<String>,
    /// The host's economic sector, NACE Rev. 2 (e.g. C25).
    #[arg(long)]
    pub nace: Option<String>,
    /// Occupation: an ESCO occupation URI or an ISCO-08 code.
    #[arg(long)]
    pub occupation: Option<String>,
    /// EQF level, or a range such as 3-4.
    #[arg(long, value_name = "N|N-M")]
    pub eqf: Option<String>,
    /// Number of learners that can be placed.
    #[arg(long)]
    pub places: Option<u32>,
    /// Start date, YYYY-MM-DD (first possible start with --end).
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// End of an open window, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
    /// Duration in weeks, or a range such as 4-8.
    #[arg(long, value_name = "N|N-M")]
    pub weeks: Option<String>,
    /// Application deadline, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub deadline: Option<String>,
    /// Working language with optional minimum CEFR level: sv or en:B1 (repeatable; default: the profile's languages).
    #[arg(long = "lang", value_name = "TAG[:LEVEL]")]
    pub languages: Vec<String>,
    /// Country, ISO 3166-1 alpha-2 (default: the profile's).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// City (default: the profile's).
    #[arg(long)]
    pub city: Option<String>,
    /// An expected learning outcome (repeatable).
    #[arg(long)]
    pub outcome: Vec<String>,
    /// An expected skill as an ESCO skill URI (repeatable).
    #[arg(long, value_name = "URI")]
    pub esco_skill: Vec<String>,
    /// Accommodation: provided, assisted or none.
    #[arg(long)]
    pub accommodation: Option<String>,
    /// Meals: provided, assisted or none.
    #[arg(long)]
    pub meals: Option<String>,
    /// Monthly stipend, e.g. "400 EUR".
    #[arg(long, value_name = "AMOUNT CUR")]
    pub stipend: Option<String>,
    /// Who covers insurance: host, sending-school, learner or shared.
    #[arg(long)]
    pub insurance: Option<String>,
    /// Learners under 18 are accepted.
    #[arg(long)]
    pub minors: bool,
    /// A workplace mentor supervises the learner.
    #[arg(long)]
    pub mentor: bool,
    /// Contact person.
    #[arg(long)]
    pub contact_name: Option<String>,
    /// Contact email (default: the profile's).
    #[arg(long)]
    pub contact_email: Option<String>,
    /// Contact phone.
    #[arg(long)]
    pub contact_phone: Option<String>,
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum NeedCommand {
    /// Publish a new mobility need.
    Publish(NeedPublishArgs),
    /// List this institution's needs.
    List {
        /// Include withdrawn needs.
        #[arg(long)]
        all: bool,
    },
    /// Show one of this institution's needs.
    Show { id: String },
    /// Change a need and publish the new version (unset flags keep their value).
    Update {
        id: String,
        #[command(flatten)]
        fields: NeedFields,
    },
    /// Withdraw a need: it disappears from search on every node.
    Withdraw { id: String },
}

#[derive(Debug, Args)]
pub struct NeedPublishArgs {
    /// The need's id (letters, digits, - _ .); default: made from the title.
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: NeedFields,
}

/// Need fields. For `publish`, --title, --sector, --eqf, --learners, --start,
/// --weeks and --age are required unless given in --file. A need describes a
/// group, never a person: no learner's name or other personal data.
#[derive(Debug, Args, Default)]
pub struct NeedFields {
    /// Read the need from a TOML file with the fields of docs/PROTOCOL.md; flags override it.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Title.
    #[arg(long)]
    pub title: Option<String>,
    /// Description (about the group, not about a named learner).
    #[arg(long)]
    pub description: Option<String>,
    /// Language of --title and --description (BCP 47).
    #[arg(long, default_value = "en", value_name = "TAG")]
    pub text_lang: String,
    /// Field of education, ISCED-F 2013 (e.g. 0732 building and civil engineering).
    #[arg(long, visible_alias = "isced", value_name = "ISCED-F")]
    pub sector: Option<String>,
    /// Occupation: an ESCO occupation URI or an ISCO-08 code.
    #[arg(long)]
    pub occupation: Option<String>,
    /// The qualification the learners study for, in words.
    #[arg(long)]
    pub qualification: Option<String>,
    /// The learners' EQF level.
    #[arg(long, value_name = "N")]
    pub eqf: Option<u8>,
    /// Number of learners.
    #[arg(long)]
    pub learners: Option<u32>,
    /// First day the mobility may start, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Last day the mobility may end, YYYY-MM-DD (absent: it starts on --start).
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
    /// Duration in weeks, or a range such as 4-8.
    #[arg(long, value_name = "N|N-M")]
    pub weeks: Option<String>,
    /// A preferred host country, ISO 3166-1 alpha-2 (repeatable; none: any country).
    #[arg(long, value_name = "CC")]
    pub country: Vec<String>,
    /// A preferred host sector, NACE Rev. 2 (repeatable; none: any sector).
    #[arg(long)]
    pub nace: Vec<String>,
    /// A language of the learners with their CEFR level: en:B1 or sv (repeatable).
    #[arg(long = "lang", value_name = "TAG[:LEVEL]")]
    pub languages: Vec<String>,
    /// Age band: under-18, adults or mixed.
    #[arg(long)]
    pub age: Option<String>,
    /// Support the group needs: accessibility, accompanying-teacher, special-diet or learning-support (repeatable).
    #[arg(long)]
    pub support: Vec<String>,
    /// More about the support needs, about the group.
    #[arg(long)]
    pub support_note: Option<String>,
    /// Funding: erasmus-ka1-vet, nordplus, national, own or other.
    #[arg(long)]
    pub funding: Option<String>,
    /// Contact (a role such as "Placement office", not a learner).
    #[arg(long)]
    pub contact_name: Option<String>,
    /// Contact email (default: the profile's).
    #[arg(long)]
    pub contact_email: Option<String>,
    /// Contact phone.
    #[arg(long)]
    pub contact_phone: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// Placement offers in the whole network.
    Offers(OfferSearchArgs),
    /// Mobility needs of sending schools in the whole network.
    Needs(NeedSearchArgs),
    /// Institutions in the whole network.
    Institutions(InstitutionSearchArgs),
    /// Micro-credentials awarded in the whole network (the catalogue of achievements).
    Achievements(AchievementSearchArgs),
}

#[derive(Debug, Args)]
pub struct OfferSearchArgs {
    /// Country (ISO 3166-1 alpha-2); repeatable, any of them matches.
    #[arg(long, value_name = "CC")]
    pub country: Vec<String>,
    /// ISCED-F field or NACE code at any level (07, 0715, F41).
    #[arg(long, value_name = "CODE")]
    pub sector: Option<String>,
    /// EQF level the offer must suit.
    #[arg(long, value_name = "N")]
    pub eqf: Option<u8>,
    /// A working language (BCP 47).
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
    /// Words that must each start a word of the title, description, city or
    /// outcomes (`weld` finds welding; case and accents do not matter).
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Only offers of this institution (did:key).
    #[arg(long, value_name = "DID")]
    pub author: Option<String>,
    /// Only institutions this node trusts (an anchor, or endorsed through anchors).
    #[arg(long)]
    pub trusted: bool,
    /// At most this many results (default 100).
    #[arg(long)]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Only this own offer (by id).
    #[arg(long, value_name = "ID")]
    pub offer: Option<String>,
    /// Only this own need (by id).
    #[arg(long, value_name = "ID")]
    pub need: Option<String>,
    /// Matches per own offer or need (default 10).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Also list pairs a hard blocker rules out (no date overlap, minors not accepted, no common field).
    #[arg(long)]
    pub all: bool,
    /// Only institutions this node trusts.
    #[arg(long)]
    pub trusted: bool,
}

#[derive(Debug, Args)]
pub struct NeedSearchArgs {
    /// Host country (ISO 3166-1 alpha-2); repeatable. A need matches if it
    /// prefers one of them or prefers no country.
    #[arg(long, value_name = "CC")]
    pub country: Vec<String>,
    /// ISCED-F field or NACE code at any level (07, 0732, F41).
    #[arg(long, visible_alias = "isced", value_name = "CODE")]
    pub sector: Option<String>,
    /// The learners' EQF level.
    #[arg(long, value_name = "N")]
    pub eqf: Option<u8>,
    /// A language of the learners (BCP 47).
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
    /// Words that must each start a word of the title, description or qualification.
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Only needs of this institution (did:key).
    #[arg(long, value_name = "DID")]
    pub author: Option<String>,
    /// Only institutions this node trusts (an anchor, or endorsed through anchors).
    #[arg(long)]
    pub trusted: bool,
    /// At most this many results (default 100).
    #[arg(long)]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct InstitutionSearchArgs {
    /// Country (ISO 3166-1 alpha-2); repeatable.
    #[arg(long, value_name = "CC")]
    pub country: Vec<String>,
    /// Kind: vet-provider, company, chamber, public-agency or network.
    #[arg(long)]
    pub kind: Option<String>,
    /// ISCED-F field or NACE code at any level.
    #[arg(long, value_name = "CODE")]
    pub sector: Option<String>,
    /// A working language (BCP 47).
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
    /// Words that must each start a word of the name, description, city or
    /// region (`lulea` finds Luleå; case and accents do not matter).
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Only institutions this node trusts (an anchor, or endorsed through anchors).
    #[arg(long)]
    pub trusted: bool,
    /// At most this many results (default 100).
    #[arg(long)]
    pub limit: Option<usize>,
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum AchievementCommand {
    /// Publish a new achievement: the definition of a micro-credential this institution awards.
    Publish(AchievementPublishArgs),
    /// List this institution's achievements.
    List {
        /// Include withdrawn achievements.
        #[arg(long)]
        all: bool,
    },
    /// Show one of this institution's achievements.
    Show { id: String },
    /// Change an achievement and publish the new version (unset flags keep their value).
    Update {
        id: String,
        #[command(flatten)]
        fields: AchievementFields,
    },
    /// Withdraw an achievement from the catalogue (credentials already issued stay valid).
    Withdraw { id: String },
}

#[derive(Debug, Args)]
pub struct AchievementPublishArgs {
    /// The achievement's id (letters, digits, - _ .); default: made from the title.
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: AchievementFields,
}

/// Achievement fields. For `publish`, --title, --outcome, --ects or --hours,
/// --assessment, --participation and --quality-assurance are required unless
/// given in --file.
#[derive(Debug, Args, Default)]
pub struct AchievementFields {
    /// Read the achievement from a TOML file with the fields of docs/PROTOCOL.md; flags override it.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Title of the micro-credential.
    #[arg(long)]
    pub title: Option<String>,
    /// Description.
    #[arg(long)]
    pub description: Option<String>,
    /// Language of --title and --description (BCP 47).
    #[arg(long, default_value = "en", value_name = "TAG")]
    pub text_lang: String,
    /// A learning outcome: what the learner knows and can do (repeatable; replaces the list).
    #[arg(long)]
    pub outcome: Vec<String>,
    /// A certified skill as an ESCO skill URI (repeatable; replaces the list).
    #[arg(long, value_name = "URI")]
    pub esco_skill: Vec<String>,
    /// Notional workload in ECTS credits (e.g. 2 or 7.5).
    #[arg(long)]
    pub ects: Option<f64>,
    /// Notional workload in hours.
    #[arg(long)]
    pub hours: Option<u32>,
    /// EQF level (1-8).
    #[arg(long, value_name = "N")]
    pub eqf: Option<u8>,
    /// National qualifications framework level, as text (e.g. "SeQF 4").
    #[arg(long, value_name = "TEXT")]
    pub nqf: Option<String>,
    /// Field of education, ISCED-F 2013 (e.g. 0715).
    #[arg(long, value_name = "ISCED-F")]
    pub sector: Option<String>,
    /// Language of teaching and assessment (BCP 47; repeatable; default: the profile's).
    #[arg(long = "lang", value_name = "TAG")]
    pub languages: Vec<String>,
    /// Type of assessment, e.g. "practical test at the workplace, assessed by the mentor".
    #[arg(long, value_name = "TEXT")]
    pub assessment: Option<String>,
    /// Form of participation: online, on-site, blended or workplace.
    #[arg(long)]
    pub participation: Option<String>,
    /// Type of quality assurance, e.g. "internal QA, audited by the national agency".
    #[arg(long, value_name = "TEXT")]
    pub quality_assurance: Option<String>,
    /// Prerequisites for the learner.
    #[arg(long, value_name = "TEXT")]
    pub prerequisites: Option<String>,
    /// Supervision and identity check during assessment: unsupervised, supervised-online or on-site-identity-check.
    #[arg(long)]
    pub supervision: Option<String>,
    /// Integration: standalone or stackable.
    #[arg(long)]
    pub stackability: Option<String>,
    /// Web page with further information (https://...).
    #[arg(long, value_name = "URL")]
    pub further_information: Option<String>,
    /// Country of the awarding body (default: the profile's).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
}

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

#[derive(Debug, Args)]
pub struct AchievementSearchArgs {
    /// Country of the awarding body (ISO 3166-1 alpha-2); repeatable.
    #[arg(long, value_name = "CC")]
    pub country: Vec<String>,
    /// ISCED-F field at any level (07, 0715).
    #[arg(long, value_name = "CODE")]
    pub sector: Option<String>,
    /// EQF level.
    #[arg(long, value_name = "N")]
    pub eqf: Option<u8>,
    /// A language of teaching and assessment (BCP 47).
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
    /// A certified ESCO skill URI.
    #[arg(long, value_name = "URI")]
    pub skill: Option<String>,
    /// Form of participation: online, on-site, blended or workplace.
    #[arg(long)]
    pub participation: Option<String>,
    /// Words that must each start a word of the title, description or outcomes.
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Only achievements of this institution (did:key).
    #[arg(long, value_name = "DID")]
    pub author: Option<String>,
    /// Only institutions this node trusts (an anchor, or endorsed through anchors).
    #[arg(long)]
    pub trusted: bool,
    /// At most this many results (default 100).
    #[arg(long)]
    pub limit: Option<usize>,
}

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
    Agree {
        thread: String,
        /// A TOML file with the agreement's fields; flags override it.
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        /// A unit of learning outcomes: "TITLE: outcome; outcome"; repeatable.
        #[arg(long = "unit", value_name = "UNIT")]
        units: Vec<String>,
        /// A task of the learner; repeatable.
        #[arg(long = "task")]
        tasks: Vec<String>,
        /// The host's workplace mentor.
        #[arg(long)]
        mentor: Option<String>,
        #[arg(long)]
        mentor_email: Option<String>,
        /// How the host assesses the outcomes.
        #[arg(long)]
        assessment: Option<String>,
        /// How the sending school recognises the result.
        #[arg(long)]
        recognition: Option<String>,
        /// Who covers insurance: host, sending-school, learner or shared.
        #[arg(long)]
        insurance: Option<String>,
        #[arg(long)]
        hours_per_week: Option<u32>,
        #[arg(long)]
        note: Option<String>,
    },
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
