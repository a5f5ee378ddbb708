//! `vetnet profile`, `offer`, `need` and `achievement`: the institution's own
//! records, with the fields each command takes.

use std::path::PathBuf;

use clap::{Args, Subcommand};

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
    /// The region as a NUTS 2024 code in the institution's country, level 1 to 3 (SE33, SE332):
    /// where `vetnet region` and `vetnet match --skills-need` place the institution.
    #[arg(long, value_name = "CODE")]
    pub nuts: Option<String>,
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
