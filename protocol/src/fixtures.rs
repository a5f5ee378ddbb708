//! Realistic record bodies for tests, benchmarks, examples and fuzz seeds, so
//! that every crate builds its records from one copy instead of its own
//! struct literal. Behind the `fixtures` cargo feature (off by default): no
//! node links it.
//!
//! Each kind has three builders:
//! - a plain one with the fields a test varies most as arguments ([`offer`],
//!   [`profile`], [`need`], [`achievement`], [`event`]): a valid record with the usual
//!   optional fields, the kind a real institution publishes;
//! - a minimal one with only the required fields ([`minimal_offer`]);
//! - a full one that sets every optional field ([`full_offer`],
//!   [`full_profile`], [`full_need`], [`full_achievement`], [`full_event`]), so each rule has
//!   something to check.
//!
//! Every builder returns a body that passes its kind's rules. Callers change
//! fields by assignment. The offer and the need of the plain builders fit
//! each other: a need built with the same country, field and level matches
//! the offer without a blocker. The test vectors in `protocol/tests/vectors/`
//! are built from the full builders, so changing a value here changes the
//! vectors' bytes, and the vector test says so.

use crate::LangText;
use crate::achievement::{AchievementBody, Participation, Stackability, Supervision};
use crate::event::{Audience, EventBody, EventKind};
use crate::need::{AgeBand, Funding, NeedBody, SupportNeed};
use crate::offer::{Conditions, Contact, InsuranceCover, LanguageRequirement, OfferBody, Provision, Stipend};
use crate::profile::{InstitutionKind, NodeAddress, ProfileBody, VetProvision};

/// An ESCO skill URI of the right shape, for the bodies that list skills.
pub const ESCO_SKILL: &str = "http://data.europa.eu/esco/skill/0e2b5a5d-1d4c-4b0e-8e8c-8a0e0f0f0f0f";

/// A libp2p peer id in base58, for the profiles that list their nodes.
pub const PEER_ID: &str = "12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo";

/// Text in several languages, from `(tag, text)` pairs.
pub fn lang_text(pairs: &[(&str, &str)]) -> LangText {
    LangText(pairs.iter().map(|(lang, text)| ((*lang).to_owned(), (*text).to_owned())).collect())
}

/// A working language and, when given, the minimum CEFR level in it.
pub fn language(tag: &str, cefr: Option<&str>) -> LanguageRequirement {
    LanguageRequirement { lang: tag.to_owned(), cefr: cefr.map(str::to_owned) }
}

/// The profile of a test institution: its name in English, one working
/// language (English), a placement office address, and initial VET when it
/// is a VET provider (a provider must say which).
pub fn profile(name: &str, country: &str, kind: InstitutionKind) -> ProfileBody {
    ProfileBody {
        name: LangText::new("en", name),
        institution: kind,
        vet: if kind == InstitutionKind::VetProvider { vec![VetProvision::Ivet] } else { Vec::new() },
        country: country.to_owned(),
        region: None,
        city: None,
        nuts: None,
        isced: Vec::new(),
        nace: Vec::new(),
        languages: vec!["en".to_owned()],
        website: None,
        email: Some(format!("placements@{}.example", country.to_ascii_lowercase())),
        registration: None,
        description: LangText::default(),
        nodes: Vec::new(),
    }
}

/// A Swedish VET college in Karlskrona with every optional profile field set,
/// one node included.
pub fn full_profile() -> ProfileBody {
    ProfileBody {
        name: LangText::new("en", "Karlskrona Vocational College"),
        institution: InstitutionKind::VetProvider,
        vet: vec![VetProvision::Ivet, VetProvision::Cvet],
        country: "SE".into(),
        region: Some("Blekinge".into()),
        city: Some("Karlskrona".into()),
        nuts: None,
        isced: vec!["0715".into(), "0713".into()],
        nace: vec!["C25.1".into()],
        languages: vec!["sv".into(), "en".into()],
        website: Some("https://yrkes.example.se".into()),
        email: Some("international@yrkes.example.se".into()),
        registration: Some("SE-123".into()),
        description: LangText::new("sv", "Gymnasial yrkesutbildning.\nSvetsning och el."),
        nodes: vec![NodeAddress { peer_id: PEER_ID.into(), addrs: vec!["/ip4/192.0.2.10/tcp/7301".into()] }],
    }
}

/// A placement of 2 learners at one EQF level: a fixed start on 1 March
/// 2027, 4 weeks, apply by 15 January, English at B1, minors accepted, with a
/// mentor.
pub fn offer(title: &str, country: &str, isced: &str, eqf: u8) -> OfferBody {
    OfferBody {
        description: LangText::new("en", "Work alongside experienced staff."),
        places: 2,
        deadline: Some("2027-01-15".to_owned()),
        languages: vec![language("en", Some("B1"))],
        outcomes: vec!["Welds steel plates to standard".to_owned()],
        conditions: Conditions { minors: true, mentor: true, ..Conditions::default() },
        ..minimal_offer(title, country, isced, eqf)
    }
}

/// A placement with only the required fields: 1 place at one EQF level, a
/// fixed start on 1 March 2027, 4 weeks.
pub fn minimal_offer(title: &str, country: &str, isced: &str, eqf: u8) -> OfferBody {
    OfferBody {
        title: LangText::new("en", title),
        description: LangText::default(),
        isced: isced.to_owned(),
        nace: None,
        occupation: None,
        country: country.to_owned(),
        city: None,
        eqf_min: eqf,
        eqf_max: eqf,
        places: 1,
        start: "2027-03-01".to_owned(),
        end: None,
        weeks_min: 4,
        weeks_max: 4,
        deadline: None,
        languages: Vec::new(),
        outcomes: Vec::new(),
        esco_skills: Vec::new(),
        conditions: Conditions::default(),
        contact: None,
    }
}

/// A welding placement in Karlskrona with every optional offer field set: a
/// title in two languages, a window from March to June for 4 to 8 weeks, two
/// working languages, every condition and a full contact.
pub fn full_offer() -> OfferBody {
    OfferBody {
        title: lang_text(&[("en", "Welding placement"), ("sv", "Praktik i svetsning")]),
        description: LangText::new("en", "Four to eight weeks in our welding workshop.\nSafety shoes provided."),
        isced: "0715".into(),
        nace: Some("C25.1".into()),
        occupation: Some("7212".into()),
        country: "SE".into(),
        city: Some("Karlskrona".into()),
        eqf_min: 3,
        eqf_max: 4,
        places: 2,
        start: "2027-03-01".into(),
        end: Some("2027-06-30".into()),
        weeks_min: 4,
        weeks_max: 8,
        deadline: Some("2027-01-15".into()),
        languages: vec![language("en", Some("B1")), language("sv", None)],
        outcomes: vec!["Welds steel plates in PA and PB positions".into()],
        esco_skills: vec![ESCO_SKILL.into()],
        conditions: Conditions {
            accommodation: Some(Provision::Assisted),
            meals: Some(Provision::Provided),
            stipend: Some(Stipend { amount: 3000, currency: "SEK".into() }),
            insurance: Some(InsuranceCover::Host),
            minors: true,
            mentor: true,
        },
        contact: Some(Contact {
            name: Some("Anna Berg".into()),
            email: Some("anna.berg@example.se".into()),
            phone: Some("+46 455 12 34 56".into()),
        }),
    }
}

/// A group of 2 learners under 18 at one EQF level who prefer a host in
/// `country`: any start from 1 March to 31 May 2027, 4 weeks, English at B1,
/// Erasmus+ funded. It fits [`offer`] with the same country, field and level.
pub fn need(title: &str, country: &str, isced: &str, eqf: u8) -> NeedBody {
    NeedBody {
        title: LangText::new("en", title),
        description: LangText::new("en", "Second-year learners of the programme."),
        learners: 2,
        isced: isced.to_owned(),
        occupation: None,
        qualification: None,
        eqf,
        start: "2027-03-01".to_owned(),
        end: Some("2027-05-31".to_owned()),
        weeks_min: 4,
        weeks_max: 4,
        countries: vec![country.to_owned()],
        nace: Vec::new(),
        languages: vec![language("en", Some("B1"))],
        age: AgeBand::Under18,
        support: Vec::new(),
        support_note: None,
        funding: Some(Funding::ErasmusKa1Vet),
        contact: None,
    }
}

/// Four Swedish bricklayers for a German or Polish building company, with
/// every optional need field set (the need of the test vector `need.json`).
pub fn full_need() -> NeedBody {
    NeedBody {
        title: LangText::new("en", "Four bricklayers, 4 to 6 weeks in spring"),
        description: LangText::new(
            "en",
            "Second-year learners of the building programme.\nA teacher travels with them.",
        ),
        learners: 4,
        isced: "0732".into(),
        occupation: Some("7112".into()),
        qualification: Some("Building and construction programme, bricklaying".into()),
        eqf: 4,
        start: "2027-03-01".into(),
        end: Some("2027-05-31".into()),
        weeks_min: 4,
        weeks_max: 6,
        countries: vec!["DE".into(), "PL".into()],
        nace: vec!["F41".into()],
        languages: vec![language("en", Some("B1")), language("sv", Some("C2"))],
        age: AgeBand::Under18,
        support: vec![SupportNeed::AccompanyingTeacher, SupportNeed::SpecialDiet],
        support_note: Some("One learner needs a gluten-free diet.".into()),
        funding: Some(Funding::ErasmusKa1Vet),
        contact: Some(Contact {
            name: Some("Placement office".into()),
            email: Some("placements@yrkes.example.se".into()),
            phone: None,
        }),
    }
}

/// A two-week workplace micro-credential (2 ECTS, 60 hours) in English,
/// assessed by the mentor.
pub fn achievement(title: &str, country: &str, isced: &str, eqf: u8) -> AchievementBody {
    AchievementBody {
        title: LangText::new("en", title),
        description: LangText::new("en", "A two-week course at the workplace."),
        country: country.to_owned(),
        outcomes: vec!["Welds fillet joints in PA and PB positions".to_owned()],
        esco_skills: Vec::new(),
        ects: Some(2.0),
        hours: Some(60),
        eqf: Some(eqf),
        nqf: None,
        isced: Some(isced.to_owned()),
        languages: vec!["en".to_owned()],
        assessment: "Practical test, assessed by the workplace mentor".to_owned(),
        participation: Participation::Workplace,
        quality_assurance: "Internal quality assurance of the school".to_owned(),
        prerequisites: None,
        supervision: None,
        stackability: None,
        further_information: None,
    }
}

/// A MIG welding micro-credential of a Swedish school with every optional
/// achievement field set (7.5 ECTS, stackable).
pub fn full_achievement() -> AchievementBody {
    AchievementBody {
        title: LangText::new("en", "MIG welding of steel plates"),
        description: LangText::new("sv", "Kort kurs i MIG-svetsning."),
        country: "SE".into(),
        outcomes: vec!["Welds fillet joints in PA and PB positions".into()],
        esco_skills: vec![ESCO_SKILL.into()],
        ects: Some(7.5),
        hours: Some(200),
        eqf: Some(4),
        nqf: Some("SeQF 4".into()),
        isced: Some("0715".into()),
        languages: vec!["sv".into(), "en".into()],
        assessment: "Practical test at the workplace, assessed by the mentor".into(),
        participation: Participation::Workplace,
        quality_assurance: "Internal QA, audited by the national agency".into(),
        prerequisites: Some("Basic workshop safety".into()),
        supervision: Some(Supervision::OnSiteIdentityCheck),
        stackability: Some(Stackability::Stackable),
        further_information: Some("https://example.org/mig".into()),
    }
}

/// A one-day network meeting in `city`, `country` on 12 May 2027, 09:00 to
/// 16:00 in `tz`, held in English, for teachers, without registration
/// details.
pub fn event(title: &str, city: &str, country: &str, tz: &str) -> EventBody {
    EventBody {
        title: LangText::new("en", title),
        kind: EventKind::NetworkMeeting,
        network: None,
        start: "2027-05-12T09:00".into(),
        end: "2027-05-12T16:00".into(),
        tz: tz.into(),
        city: Some(city.into()),
        country: Some(country.into()),
        online: None,
        langs: vec!["en".into()],
        audience: vec![Audience::Teachers],
        topics: Vec::new(),
        agenda: LangText::default(),
        deadline: None,
        capacity: None,
        registered: None,
        summary: LangText::default(),
        outcomes: Vec::new(),
        minutes: Vec::new(),
    }
}

/// The yearly meeting of a regional VET network in Luleå, in person and
/// online, with every optional event field set (after the meeting: its
/// summary, an outcome and the minutes). Its `network` is the did:key of
/// the secret key `[7; 32]`.
pub fn full_event() -> EventBody {
    EventBody {
        title: lang_text(&[("en", "Regional VET network, spring meeting"), ("sv", "Regionalt yrkesnätverk, vårmöte")]),
        kind: EventKind::NetworkMeeting,
        network: Some(crate::InstitutionKey::from_secret_bytes(&[7; 32]).id().to_did()),
        start: "2027-05-12T09:00".into(),
        end: "2027-05-12T16:00".into(),
        tz: "Europe/Stockholm".into(),
        city: Some("Luleå".into()),
        country: Some("SE".into()),
        online: Some("https://meet.example.se/vet-norrbotten".into()),
        langs: vec!["sv".into(), "en".into()],
        audience: vec![Audience::SchoolOrganisers, Audience::WblCoordinators, Audience::SocialPartners],
        topics: vec!["Skills needs in the region".into(), "Attracting learners".into()],
        agenda: LangText::new("en", "09:00 Welcome\n10:00 Skills needs in Norrbotten\n13:00 Workshops"),
        deadline: Some("2027-04-30".into()),
        capacity: Some(120),
        registered: Some(97),
        summary: LangText::new("en", "97 participants from schools, companies and the county."),
        outcomes: vec!["A shared list of the region's shortage occupations".into()],
        minutes: vec!["https://vet.example.se/minutes/2027-05-12.pdf".into()],
    }
}

/// An ESCO occupation URI of the right shape, for the skills needs that name one.
pub const ESCO_OCCUPATION: &str = "http://data.europa.eu/esco/occupation/3a1f5c2e-7b4d-4e8a-9c61-2d0f8b7e4a13";

/// A chamber's skills need for Norrbottens län (SE332) with every field set:
/// 40 welders within five years, two skills with labels.
pub fn full_skills_need() -> crate::skills_need::SkillsNeedBody {
    use crate::skills_need::{SkillRef, SkillsNeedBody};
    SkillsNeedBody {
        title: lang_text(&[("en", "Welders for the mining industry"), ("sv", "Svetsare till gruvindustrin")]),
        region: "SE332".into(),
        occupation: Some(ESCO_OCCUPATION.into()),
        isco: Some("7212".into()),
        isced: Some("0715".into()),
        skills: vec![
            SkillRef { uri: ESCO_SKILL.into(), label: Some("MIG welding".into()) },
            SkillRef {
                uri: "http://data.europa.eu/esco/skill/7c2d4e1a-3b5f-4a6c-8d9e-0f1a2b3c4d5e".into(),
                label: None,
            },
        ],
        people: Some(40),
        level: None,
        horizon: 5,
        source: "Regional skills-supply survey 2026 of the chamber's member companies".into(),
        link: Some("https://chamber.example.se/skills-2026".into()),
        valid_until: Some("2027-12-31".into()),
    }
}

/// A network's toolbox entry: a manual in English, by link and SHA-256.
pub fn full_resource() -> crate::resource::ResourceBody {
    use crate::resource::{ResourceBody, ResourceCategory};
    ResourceBody {
        title: "HansaVET manual for workplace mentors".into(),
        lang: "en".into(),
        category: ResourceCategory::Manual,
        summary: Some("How a company mentors a VET learner from abroad, step by step.".into()),
        url: "https://network.example.org/toolbox/hansavet-mentors.pdf".into(),
        sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
    }
}

/// Issuance statistics of 2026-Q3: two achievements, each over the
/// threshold of 5.
pub fn issuance_stats() -> crate::issuance_stats::IssuanceStatsBody {
    use crate::issuance_stats::{AchievementCount, IssuanceStatsBody};
    IssuanceStatsBody {
        quarter: "2026-Q3".into(),
        counts: vec![
            AchievementCount { achievement: "mig-welding".into(), count: 12 },
            AchievementCount { achievement: "forklift-safety".into(), count: 6 },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::match_offer_need;
    use crate::validate::Checked;

    #[test]
    fn every_fixture_follows_its_rules() {
        let checks = [
            ("profile", profile("Kiel Metallbau", "DE", InstitutionKind::Company).check("body")),
            ("vet profile", profile("Luleå college", "SE", InstitutionKind::VetProvider).check("body")),
            ("full profile", full_profile().check("body")),
            ("offer", offer("Welding", "DE", "0715", 4).check("body")),
            ("minimal offer", minimal_offer("Welding", "DE", "0715", 4).check("body")),
            ("full offer", full_offer().check("body")),
            ("need", need("Two welders", "DE", "0715", 4).check("body")),
            ("full need", full_need().check("body")),
            ("achievement", achievement("MIG welding", "DK", "0715", 4).check("body")),
            ("full achievement", full_achievement().check("body")),
        ];
        for (name, check) in checks {
            assert_eq!(check, Ok(()), "the {name} fixture breaks a rule");
        }
    }

    #[test]
    fn the_plain_offer_and_need_fit() {
        let report = match_offer_need(&offer("Welding", "DE", "0715", 4), &need("Two welders", "DE", "0715", 4));
        assert!(!report.blocking, "{report:#?}");
        assert!(report.misfits.is_empty(), "{report:#?}");
    }

    #[test]
    fn the_full_offer_sets_every_optional_field() {
        let offer = full_offer();
        let contact = offer.contact.clone().unwrap_or_default();
        let conditions = &offer.conditions;
        assert!(offer.title.0.len() > 1 && !offer.description.is_empty());
        assert!(offer.nace.is_some() && offer.occupation.is_some() && offer.city.is_some());
        assert!(offer.end.is_some() && offer.deadline.is_some());
        assert!(!offer.languages.is_empty() && !offer.outcomes.is_empty() && !offer.esco_skills.is_empty());
        assert!(conditions.accommodation.is_some() && conditions.meals.is_some());
        assert!(conditions.stipend.is_some() && conditions.insurance.is_some());
        assert!(contact.name.is_some() && contact.email.is_some() && contact.phone.is_some());
    }
}
