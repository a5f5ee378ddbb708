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
    /// Search the whole network's records held by this node.
    #[command(subcommand)]
    Search(SearchCommand),
    /// Catch up with peers now (the node also does this on connect and every few minutes).
    Sync {
        /// Only this peer (a libp2p peer id); default: every connected peer.
        #[arg(long, value_name = "PEER_ID")]
        peer: Option<String>,
    },
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

#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// Placement offers in the whole network.
    Offers(OfferSearchArgs),
    /// Institutions in the whole network.
    Institutions(InstitutionSearchArgs),
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
    /// At most this many results (default 100).
    #[arg(long)]
    pub limit: Option<usize>,
}
