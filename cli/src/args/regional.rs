//! `vetnet skills-need`, `vetnet resource`, `vetnet stats` and `vetnet region`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum SkillsNeedCommand {
    /// Publish what competences a region needs.
    Publish(SkillsNeedPublishArgs),
    /// List this institution's skills needs.
    List {
        /// Include withdrawn skills needs.
        #[arg(long)]
        all: bool,
    },
    /// Show one of this institution's skills needs.
    Show { id: String },
    /// Change a skills need and publish the new version (unset flags keep their value).
    Update {
        id: String,
        #[command(flatten)]
        fields: SkillsNeedFields,
    },
    /// Withdraw a skills need: it disappears from search on every node.
    Withdraw { id: String },
}

#[derive(Debug, Args)]
pub struct SkillsNeedPublishArgs {
    /// The skills need's id (letters, digits, - _ .); default: made from the title.
    #[arg(long)]
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: SkillsNeedFields,
}

/// Skills need fields. For `publish`, --title, --region, one of --people and
/// --level, --horizon and --source are required, and at least one of
/// --occupation, --isco and --isced.
#[derive(Debug, Args, Default)]
pub struct SkillsNeedFields {
    /// Title: what is needed ("CNC operators for the mining industry").
    #[arg(long)]
    pub title: Option<String>,
    /// Language of --title (BCP 47, e.g. sv, en).
    #[arg(long, default_value = "en", value_name = "TAG")]
    pub text_lang: String,
    /// The region: a NUTS 2024 code at level 2 or 3 (SE33, SE332 for Norrbottens län).
    #[arg(long, value_name = "NUTS")]
    pub region: Option<String>,
    /// The occupation as an ESCO occupation URI, http://data.europa.eu/esco/occupation/<uuid>.
    #[arg(long, value_name = "ESCO-URI")]
    pub occupation: Option<String>,
    /// The occupation as an ISCO-08 code (1 to 4 digits, e.g. 7212).
    #[arg(long, value_name = "CODE")]
    pub isco: Option<String>,
    /// The field of education (ISCED-F, e.g. 0715).
    #[arg(long, value_name = "CODE")]
    pub isced: Option<String>,
    /// A skill needed: an ESCO skill URI, optionally with its label as URI=LABEL; repeatable
    /// (replaces the list on update).
    #[arg(long, value_name = "ESCO-URI")]
    pub skill: Vec<String>,
    /// How many people are needed (instead of --level).
    #[arg(long, value_name = "N", conflicts_with = "level")]
    pub people: Option<u32>,
    /// The balance of supply and demand (instead of --people): shortage, balance or surplus.
    #[arg(long)]
    pub level: Option<String>,
    /// How many years ahead the need is seen (1 to 20).
    #[arg(long, value_name = "YEARS")]
    pub horizon: Option<u8>,
    /// Where the figure comes from (a survey, a forecast, a report).
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Where to read the evidence (https://...).
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,
    /// The last day the need stands (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub valid_until: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ResourceCommand {
    /// Publish a document of the toolbox: its link and SHA-256 (no file travels).
    Publish(ResourcePublishArgs),
    /// List this institution's resources.
    List {
        /// Include withdrawn resources.
        #[arg(long)]
        all: bool,
    },
    /// Show one of this institution's resources.
    Show { id: String },
    /// Withdraw a resource: it disappears from search on every node.
    Withdraw { id: String },
}

#[derive(Debug, Args)]
pub struct ResourcePublishArgs {
    /// The resource's id (letters, digits, - _ .); default: made from the title.
    #[arg(long)]
    pub id: Option<String>,
    /// The document's title.
    #[arg(long)]
    pub title: String,
    /// manual, template, country-information or good-practice.
    #[arg(long)]
    pub kind: String,
    /// The document's language (BCP 47, e.g. sv, en).
    #[arg(long, value_name = "TAG")]
    pub lang: String,
    /// Where to fetch the document (https://...).
    #[arg(long)]
    pub url: String,
    /// SHA-256 of the document (64 lower-case hex digits), so a reader can check their copy.
    #[arg(long, value_name = "HEX")]
    pub sha256: String,
    /// What the document holds.
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Publish how many credentials this institution issued per achievement in a quarter
    /// (counts under 5 are left out; no personal data).
    Publish {
        /// The quarter, e.g. 2027-Q1; default the last whole quarter.
        #[arg(long, value_name = "YYYY-Qn")]
        quarter: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct RegionArgs {
    /// A NUTS 2024 code at any level: SE, SE3, SE33, SE332.
    pub code: String,
}

#[derive(Debug, Args)]
pub struct SkillsNeedSearchArgs {
    /// A NUTS 2024 code at any level: needs for it or a region in it.
    #[arg(long, value_name = "NUTS")]
    pub region: Option<String>,
    /// An ISCO-08 code at any level (72 finds 7212).
    #[arg(long, value_name = "CODE")]
    pub isco: Option<String>,
    /// An ESCO occupation URI.
    #[arg(long, value_name = "ESCO-URI")]
    pub occupation: Option<String>,
    /// An ISCED-F field at any level (07, 0715).
    #[arg(long, value_name = "CODE")]
    pub isced: Option<String>,
    /// An ESCO skill URI the need asks for.
    #[arg(long, value_name = "ESCO-URI")]
    pub skill: Option<String>,
    /// Words that must each start a word of the title or a skill's label.
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Only skills needs of this institution (did:key).
    #[arg(long, value_name = "DID")]
    pub author: Option<String>,
    /// Only institutions this node trusts.
    #[arg(long)]
    pub trusted: bool,
    /// At most this many results (default 100).
    #[arg(long)]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ResourceSearchArgs {
    /// manual, template, country-information or good-practice.
    #[arg(long)]
    pub kind: Option<String>,
    /// The document's language (BCP 47).
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
    /// Words that must each start a word of the title or summary.
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Only resources of this institution (did:key).
    #[arg(long, value_name = "DID")]
    pub author: Option<String>,
    /// Only institutions this node trusts.
    #[arg(long)]
    pub trusted: bool,
    /// At most this many results (default 100).
    #[arg(long)]
    pub limit: Option<usize>,
}
