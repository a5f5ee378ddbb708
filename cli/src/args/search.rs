//! `vetnet search` and `vetnet match`: the filters of each search.

use clap::{Args, Subcommand};

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
    /// Networks of institutions, by region, country and topic.
    Networks(super::NetworkSearchArgs),
    /// Meetings in the whole network (network meetings, conferences, workshops, webinars, study visits),
    /// soonest first.
    Events(EventSearchArgs),
    /// What competences regions need, by NUTS region, occupation and field.
    SkillsNeeds(crate::args::SkillsNeedSearchArgs),
    /// Documents of the shared toolboxes (manuals, templates, country information, good practice).
    Resources(crate::args::ResourceSearchArgs),
}

#[derive(Debug, Args)]
pub struct EventSearchArgs {
    /// Country it takes place in (ISO 3166-1 alpha-2); repeatable, any of them matches.
    #[arg(long, value_name = "CC")]
    pub country: Vec<String>,
    /// Only events of this network (did:key): those it organises and those that name it.
    #[arg(long, value_name = "DID")]
    pub network: Option<String>,
    /// Only events of this NUTS region (SE33): held in its country, or of a network working in it.
    #[arg(long, value_name = "NUTS")]
    pub region: Option<String>,
    /// Only events starting on this day or later, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Kind: network-meeting, conference, workshop, webinar or study-visit.
    #[arg(long)]
    pub kind: Option<String>,
    /// A group it is for (teachers, companies, ...).
    #[arg(long, value_name = "GROUP")]
    pub audience: Option<String>,
    /// A language it is held in (BCP 47).
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
    /// Words that must each start a word of the title, agenda, city or topics.
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Only events this institution organises (did:key).
    #[arg(long, value_name = "DID")]
    pub author: Option<String>,
    /// Only institutions this node trusts.
    #[arg(long)]
    pub trusted: bool,
    /// At most this many results (default 100).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print the events as one iCalendar (.ics) feed instead of a table.
    #[arg(long)]
    pub ics: bool,
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
    /// The schools that teach what this skills need asks for (an own need's id, or another
    /// institution's with --author).
    #[arg(long, value_name = "ID", conflicts_with_all = ["offer", "need", "all"])]
    pub skills_need: Option<String>,
    /// With --skills-need: the need's author (did:key); default this institution.
    #[arg(long, value_name = "DID", requires = "skills_need")]
    pub author: Option<String>,
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
