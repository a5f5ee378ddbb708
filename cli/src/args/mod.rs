//! The command line, as clap types. Each doc comment becomes `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod credentials;
mod events;
mod mobility;
mod networks;
mod peers;
mod records;
mod regional;
mod search;
mod trust;

pub use credentials::*;
pub use events::*;
pub use mobility::*;
pub use networks::*;
pub use peers::*;
pub use records::*;
pub use regional::*;
pub use search::*;
pub use trust::*;

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

    /// The settings file, when it is not config.toml in the data directory (the packaged service's is
    /// /etc/vetnet/config.toml, found without this flag).
    #[arg(long = "config", global = true, env = "VETNET_CONFIG", value_name = "FILE")]
    pub settings: Option<PathBuf>,

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
    /// List the peers the node is connected to; `add`, `remove` and `list` change and show the bootstrap list.
    Peers {
        #[command(subcommand)]
        command: Option<PeersCommand>,
    },
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
    /// Publish and manage the meetings the institution organises, and print them as iCalendar.
    #[command(subcommand)]
    Event(EventCommand),
    /// Issue credentials to learners, export, revoke and verify them.
    #[command(subcommand)]
    Credential(CredentialCommand),
    /// Let a partner institution issue one of this institution's achievements.
    #[command(subcommand)]
    Delegation(DelegationCommand),
    /// Own offers and needs, each with the other institutions' needs and offers that fit it, explained;
    /// or, with --skills-need, the schools that teach what a skills need asks for.
    Match(MatchArgs),
    /// Publish and manage what competences a region needs (skills needs).
    #[command(subcommand)]
    SkillsNeed(SkillsNeedCommand),
    /// Publish and manage the documents of a shared toolbox (manuals, templates, country information).
    #[command(subcommand)]
    Resource(ResourceCommand),
    /// Publish the institution's issuance statistics (credentials per achievement per quarter).
    #[command(subcommand)]
    Stats(StatsCommand),
    /// One region as a whole: institutions, open offers, needs, skills needs, credentials issued.
    Region(RegionArgs),
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
    /// Networks of institutions: a network's profile and members, applying, accepting, leaving.
    #[command(subcommand)]
    Network(NetworkCommand),
    /// Print a one-time sign-in link for the node's dashboard (valid five minutes).
    Open(OpenArgs),
    /// Rebuild a damaged record database from what it still holds (run it with the node stopped).
    ///
    /// Keeps the keys, the settings and every intact record, address-book entry, mobility thread and
    /// issued credential; keeps the damaged database as db.damaged-<time>; and says what was lost. The
    /// network's public records, and own records a peer holds, come back by sync when the node starts.
    Repair,
    /// Write an encrypted backup archive of the running node: keys, settings, own records, mobility
    /// threads, issued credentials and the other private data.
    ///
    /// The node keeps working while the snapshot is taken. The archive is encrypted with a passphrase
    /// (age, scrypt): asked twice on the terminal, or read from --passphrase-file. The network's public
    /// records of other institutions are not in it: sync fetches them again after a restore.
    Backup(BackupArgs),
    /// Bring an institution back from a backup archive into a data directory (with no node running on it).
    ///
    /// Restores the same did:key and peer id, the own records, mobility threads and their outboxes, issued
    /// credentials and the address book. Refuses a directory that holds another institution; over the same
    /// institution only with --force. Give the target directory with --data-dir.
    Restore(RestoreArgs),
    /// Catch up with peers now (the node also does this on connect and every few minutes).
    Sync {
        /// Only this peer (a libp2p peer id); default: every connected peer.
        #[arg(long, value_name = "PEER_ID")]
        peer: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The archive file to write (0600; replaced atomically if it exists).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Read the passphrase from this file (its first line ending is ignored) instead of asking on the terminal.
    #[arg(long, value_name = "F")]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The archive file `vetnet backup` wrote.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Read the passphrase from this file (its first line ending is ignored) instead of asking on the terminal.
    #[arg(long, value_name = "F")]
    pub passphrase_file: Option<PathBuf>,
    /// Restore over a data directory that holds the same institution: its database is replaced (and kept
    /// beside the new one as db.before-restore-<time>).
    #[arg(long)]
    pub force: bool,
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
    /// The network to join; records of other networks are refused. Default: bsr, or the network the
    /// settings file names when it is outside the data directory (the packaged service's).
    #[arg(long, value_name = "NAME")]
    pub network: Option<String>,
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
    /// How the log on stderr is written: text for people, json (one object per line) for log shippers.
    /// Default: log_format in the settings file, else text.
    #[arg(long, value_name = "FORMAT")]
    pub log_format: Option<LogFormatArg>,
}

/// `--log-format`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LogFormatArg {
    Text,
    Json,
}
