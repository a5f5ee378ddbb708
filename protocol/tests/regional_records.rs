//! The rules of the `skills-need`, `resource` and `issuance-stats` record
//! kinds and of a profile's `nuts`, and skills-need matching. Each rule test
//! starts from a valid body, changes one thing and checks the field the
//! refusal names, and the rule's words.

use vetnet_protocol::achievement::AchievementBody;
use vetnet_protocol::fixtures;
use vetnet_protocol::issuance_stats::AchievementCount;
use vetnet_protocol::profile::InstitutionKind;
use vetnet_protocol::skills_matching::{Proximity, SchoolEvidence, SkillsCriterion, match_skills_need, weights};
use vetnet_protocol::skills_need::{BalanceLevel, SkillsNeedBody};
use vetnet_protocol::{Content, RecordError, RecordKind, VerifiedRecord};

mod common;

use common::{assert_rule, open, withdrawal};

/// The refusal's rule, for a record refused on `field`.
fn rule_of(result: Result<VerifiedRecord, RecordError>, field: &str) -> String {
    match result {
        Err(RecordError::Rule(rule)) => {
            assert_eq!(rule.field, field, "wrong field in {rule}");
            rule.rule
        }
        Err(other) => panic!("expected a rule on {field}, got {other}"),
        Ok(_) => panic!("expected a rule on {field}, but the record was accepted"),
    }
}

fn need_with(change: impl FnOnce(&mut SkillsNeedBody)) -> SkillsNeedBody {
    let mut need = fixtures::full_skills_need();
    change(&mut need);
    need
}

#[test]
fn a_full_skills_need_is_accepted_and_can_be_withdrawn() {
    let need = fixtures::full_skills_need();
    let record = open(RecordKind::SkillsNeed, "welders-2027", &need).expect("valid");
    assert_eq!(record.content, Content::SkillsNeed(Box::new(need)));
    assert_eq!(RecordKind::from("skills-need"), RecordKind::SkillsNeed);
    let record = withdrawal(RecordKind::SkillsNeed, "welders-2027").expect("valid");
    assert_eq!(record.content, Content::Withdrawn);
}

#[test]
fn a_region_must_be_a_listed_nuts_code_at_level_2_or_3() {
    let unknown = need_with(|n| n.region = "SE334".into());
    let rule = rule_of(open(RecordKind::SkillsNeed, "n", &unknown), "body.region");
    assert!(rule.contains("NUTS 2024") && rule.contains("\"SE334\"") && rule.contains("not in the list"), "{rule}");
    let outside = need_with(|n| n.region = "FR101".into());
    assert_rule(open(RecordKind::SkillsNeed, "n", &outside), "body.region");
    let country = need_with(|n| n.region = "SE3".into());
    let rule = rule_of(open(RecordKind::SkillsNeed, "n", &country), "body.region");
    assert!(rule.contains("level 2 to 3") && rule.contains("a level 1 region"), "{rule}");
    for code in ["SE33", "SE332", "DEF0", "PL911", "NO0B2"] {
        open(RecordKind::SkillsNeed, "n", &need_with(|n| n.region = code.into())).expect(code);
    }
}

#[test]
fn a_need_gives_either_people_or_a_level() {
    let both = need_with(|n| n.level = Some(BalanceLevel::Shortage));
    let rule = rule_of(open(RecordKind::SkillsNeed, "n", &both), "body.level");
    assert!(rule.contains("not both"), "{rule}");
    let neither = need_with(|n| n.people = None);
    assert_rule(open(RecordKind::SkillsNeed, "n", &neither), "body.people");
    let level = need_with(|n| (n.people, n.level) = (None, Some(BalanceLevel::Surplus)));
    open(RecordKind::SkillsNeed, "n", &level).expect("a level alone is valid");
    assert_rule(open(RecordKind::SkillsNeed, "n", &need_with(|n| n.people = Some(0))), "body.people");
}

#[test]
fn skills_need_rules_name_their_fields() {
    type Change = Box<dyn Fn(&mut SkillsNeedBody)>;
    let cases: Vec<(&str, Change)> = vec![
        ("body.title", Box::new(|n| n.title = Default::default())),
        (
            "body.occupation",
            Box::new(|n| {
                n.occupation = Some("http://data.europa.eu/esco/skill/0e2b5a5d-1d4c-4b0e-8e8c-8a0e0f0f0f0f".into())
            }),
        ),
        ("body.occupation", Box::new(|n| n.occupation = Some("7212".into()))),
        ("body.occupation", Box::new(|n| (n.occupation, n.isco, n.isced) = (None, None, None))),
        ("body.isco", Box::new(|n| n.isco = Some("72121".into()))),
        ("body.isced", Box::new(|n| n.isced = Some("0799".into()))),
        ("body.skills[1].uri", Box::new(|n| n.skills[1].uri = "welding".into())),
        ("body.skills[1].uri", Box::new(|n| n.skills[1].uri = n.skills[0].uri.clone())),
        ("body.horizon", Box::new(|n| n.horizon = 0)),
        ("body.horizon", Box::new(|n| n.horizon = 21)),
        ("body.source", Box::new(|n| n.source = " ".into())),
        ("body.link", Box::new(|n| n.link = Some("http://chamber.example.se/report".into()))),
        ("body.valid_until", Box::new(|n| n.valid_until = Some("2027-02-30".into()))),
    ];
    for (field, change) in cases {
        assert_rule(open(RecordKind::SkillsNeed, "n", &need_with(change)), field);
    }
}

#[test]
fn a_resource_carries_a_link_and_its_hash_never_a_file() {
    let resource = fixtures::full_resource();
    let record = open(RecordKind::Resource, "mentor-manual", &resource).expect("valid");
    assert_eq!(record.content, Content::Resource(Box::new(resource.clone())));
    let mut upper = resource.clone();
    upper.sha256 = upper.sha256.to_uppercase();
    let rule = rule_of(open(RecordKind::Resource, "r", &upper), "body.sha256");
    assert!(rule.contains("64 lower-case hex"), "{rule}");
    let mut short = resource.clone();
    short.sha256.pop();
    assert_rule(open(RecordKind::Resource, "r", &short), "body.sha256");
    let mut plain = resource.clone();
    plain.url = "http://network.example.org/manual.pdf".into();
    assert_rule(open(RecordKind::Resource, "r", &plain), "body.url");
    let mut lang = resource;
    lang.lang = "english".into();
    assert_rule(open(RecordKind::Resource, "r", &lang), "body.lang");
}

#[test]
fn issuance_stats_refuse_a_count_under_5() {
    let stats = fixtures::issuance_stats();
    let record = open(RecordKind::IssuanceStats, "2026-Q3", &stats).expect("valid");
    assert_eq!(record.content, Content::IssuanceStats(stats.clone()));
    let mut small = stats.clone();
    small.counts.push(AchievementCount { achievement: "crane-basics".into(), count: 3 });
    let rule = rule_of(open(RecordKind::IssuanceStats, "2026-Q3", &small), "body.counts[2].count");
    assert!(rule.contains("at least 5") && rule.contains("single a learner out") && rule.contains("got 3"), "{rule}");
    let mut zero = stats.clone();
    zero.counts[0].count = 0;
    assert_rule(open(RecordKind::IssuanceStats, "2026-Q3", &zero), "body.counts[0].count");
    let mut twice = stats.clone();
    twice.counts[1].achievement = "mig-welding".into();
    assert_rule(open(RecordKind::IssuanceStats, "2026-Q3", &twice), "body.counts[1].achievement");
}

#[test]
fn issuance_stats_are_named_by_a_begun_quarter() {
    let stats = fixtures::issuance_stats();
    assert_rule(open(RecordKind::IssuanceStats, "q3", &stats), "id");
    let mut bad = stats.clone();
    bad.quarter = "2026-Q5".into();
    assert_rule(open(RecordKind::IssuanceStats, "2026-Q5", &bad), "body.quarter");
    // The records are signed in 2026-Q4 (common::NOW): 2027-Q1 has not begun.
    let mut future = stats;
    future.quarter = "2027-Q1".into();
    assert_rule(open(RecordKind::IssuanceStats, "2027-Q1", &future), "body.quarter");
}

#[test]
fn a_profile_region_is_a_nuts_code_of_its_country() {
    let mut profile = fixtures::full_profile();
    profile.nuts = Some("SE221".into());
    open(RecordKind::Profile, "profile", &profile).expect("Blekinge län is in Sweden");
    profile.nuts = Some("DEF0".into());
    let rule = rule_of(open(RecordKind::Profile, "profile", &profile), "body.nuts");
    assert!(rule.contains("country SE"), "{rule}");
    profile.nuts = Some("SE".into());
    assert_rule(open(RecordKind::Profile, "profile", &profile), "body.nuts");
}

fn school(nuts: Option<&str>) -> vetnet_protocol::profile::ProfileBody {
    let mut profile = fixtures::profile("School", "SE", InstitutionKind::VetProvider);
    profile.nuts = nuts.map(str::to_owned);
    profile
}

fn welding(skills: &[&str]) -> AchievementBody {
    let mut achievement = fixtures::full_achievement();
    achievement.isced = Some("0715".into());
    achievement.esco_skills = skills.iter().map(|s| (*s).to_owned()).collect();
    achievement
}

#[test]
fn a_school_that_teaches_every_skill_in_the_field_scores_full_and_says_why() {
    let need = fixtures::full_skills_need();
    let skills: Vec<&str> = need.skills.iter().map(|s| s.uri.as_str()).collect();
    let profile = school(Some("SE332"));
    let achievements = vec![("mig-welding".to_owned(), welding(&skills))];
    let mut offer = fixtures::full_offer();
    offer.occupation = Some("7212".into());
    let offers = vec![("welding-placement".to_owned(), offer)];
    let report =
        match_skills_need(&need, &SchoolEvidence { profile: &profile, achievements: &achievements, offers: &offers });
    assert_eq!(report.score, 100, "{report:?}");
    assert_eq!(report.proximity, Proximity::SameRegion);
    assert_eq!(report.achievements, ["mig-welding"]);
    assert!(report.offers.contains(&"welding-placement".to_owned()));
    let texts: Vec<&str> = report.fits.iter().map(|r| r.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("teaches 2 of 2 skills") && t.contains("MIG welding (achievement mig-welding")),
        "{texts:?}"
    );
    assert!(
        report.fits.iter().any(|r| r.code == SkillsCriterion::Region && r.text.contains("SE332 Norrbottens län")),
        "{texts:?}"
    );
}

#[test]
fn a_school_is_scored_on_what_it_shows_and_placed_by_its_region() {
    let need = fixtures::full_skills_need();
    let one_skill = vec![("mig".to_owned(), welding(&[need.skills[0].uri.as_str()]))];
    // Half the skills and the field, no occupation: (25 + 30) of 100.
    let report = match_skills_need(
        &need,
        &SchoolEvidence { profile: &school(Some("SE331")), achievements: &one_skill, offers: &[] },
    );
    assert_eq!(u32::from(report.score), (weights::SKILLS / 2 + weights::FIELD) * 100 / 100);
    assert_eq!(report.proximity, Proximity::SameNuts2);
    assert!(report.misfits.iter().any(|r| r.code == SkillsCriterion::Skills && r.text.contains("1 of 2")));
    // Elsewhere in the country, and a school that shows nothing asked for.
    let elsewhere = match_skills_need(
        &need,
        &SchoolEvidence { profile: &school(Some("SE110")), achievements: &one_skill, offers: &[] },
    );
    assert_eq!(elsewhere.proximity, Proximity::SameCountry);
    let mut cooking = fixtures::full_achievement();
    (cooking.isced, cooking.esco_skills) = (Some("1013".into()), vec![]);
    let nothing = vec![("cooking".to_owned(), cooking)];
    let none =
        match_skills_need(&need, &SchoolEvidence { profile: &school(None), achievements: &nothing, offers: &[] });
    assert_eq!(none.score, 0, "{none:?}");
    assert!(none.notes.iter().any(|r| r.code == SkillsCriterion::Region && r.text.contains("no NUTS region")));
}
