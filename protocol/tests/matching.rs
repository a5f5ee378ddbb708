//! Matching an offer against a need: each criterion, the blockers, and the
//! score the weights of docs/MATCHING.md add up to.

use vetnet_protocol::LangText;
use vetnet_protocol::fixtures;
use vetnet_protocol::matching::{Criterion, MatchReport, is_blocked, match_offer_need, weights};
use vetnet_protocol::need::{AgeBand, Funding, NeedBody, SupportNeed};
use vetnet_protocol::offer::{Conditions, LanguageRequirement, OfferBody, Provision};

fn lang(tag: &str, level: Option<&str>) -> LanguageRequirement {
    fixtures::language(tag, level)
}

/// A bricklaying placement in Germany, March to May, 4-8 weeks, minors welcome.
fn offer() -> OfferBody {
    let mut offer = fixtures::minimal_offer("Bricklaying on building sites", "DE", "0732", 3);
    offer.nace = Some("F41.2".into());
    offer.occupation = Some("7112".into());
    offer.eqf_max = 5;
    offer.places = 4;
    offer.end = Some("2027-04-30".into());
    offer.weeks_max = 8;
    offer.languages = vec![lang("de", Some("A2")), lang("en", Some("B1"))];
    offer.conditions =
        Conditions { minors: true, mentor: true, meals: Some(Provision::Provided), ..Conditions::default() };
    offer
}

/// Four Swedish bricklayers, under 18, 4-6 weeks in spring, prefer DE or PL.
fn need() -> NeedBody {
    let mut need = fixtures::need("Four bricklayers", "DE", "0732", 4);
    need.description = LangText::default();
    need.learners = 4;
    need.occupation = Some("7112".into());
    need.start = "2027-03-15".into();
    need.weeks_max = 6;
    need.countries = vec!["DE".into(), "PL".into()];
    need.nace = vec!["F41".into()];
    need.languages = vec![lang("en", Some("B2")), lang("de", Some("A2")), lang("sv", Some("C2"))];
    need.funding = None;
    need
}

fn has(report: &MatchReport, code: Criterion, fits: bool, text: &str) -> bool {
    let list = if fits { &report.fits } else { &report.misfits };
    list.iter().any(|r| r.code == code && r.text.contains(text))
}

#[track_caller]
fn assert_reason(report: &MatchReport, code: Criterion, fits: bool, text: &str) {
    assert!(has(report, code, fits, text), "no {} reason {code} containing {text:?} in {report:#?}", fits_word(fits));
}

fn fits_word(fits: bool) -> &'static str {
    if fits { "fitting" } else { "misfit" }
}

#[test]
fn a_perfect_pair_scores_100_with_every_reason_a_fit() {
    let report = match_offer_need(&offer(), &need());
    assert_eq!(report.score, 100, "{report:#?}");
    assert!(!report.blocking);
    assert!(report.misfits.is_empty(), "{report:#?}");
    assert_reason(&report, Criterion::Field, true, "field of education matches (0732 building and civil engineering)");
    assert_reason(&report, Criterion::Eqf, true, "EQF 4 within the offer's 3-5");
    assert_reason(
        &report,
        Criterion::Dates,
        true,
        "dates fit: a 4-week placement can start between 2027-03-15 and 2027-04-30",
    );
    assert_reason(&report, Criterion::Duration, true, "duration fits");
    assert_reason(&report, Criterion::Country, true, "DE is a preferred country");
    assert_reason(&report, Criterion::Sector, true, "sector F41.2 matches the preferred F41");
    assert_reason(&report, Criterion::Language, true, "CEFR B1 required in en, learners have B2");
    assert_reason(&report, Criterion::Minors, true, "the offer accepts minors; the group is under 18");
    assert_reason(&report, Criterion::Places, true, "4 places for 4 learners");
}

#[test]
fn the_weights_add_up_to_100() {
    let sum = weights::FIELD
        + weights::OCCUPATION
        + weights::EQF
        + weights::DATES
        + weights::DURATION
        + weights::COUNTRY
        + weights::SECTOR
        + weights::LANGUAGE
        + weights::MINORS
        + weights::PLACES;
    assert_eq!(sum, 100);
}

#[test]
fn field_of_education_exact_narrow_broad_none() {
    let mut n = need();
    n.isced = "0731".into();
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Field, true, "same narrow field of education 073");
    assert_eq!(report.score, 100 - (weights::FIELD - weights::FIELD_NARROW) as u8);

    n.isced = "0715".into();
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Field, false, "only the broad field of education 07 is shared");
    assert!(!report.blocking);

    n.isced = "1013".into();
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Field, false, "no common field of education");
    assert!(report.blocking);

    n.isced = "9999".into();
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Field, false, "field of education unknown");
    assert!(!report.blocking);
}

#[test]
fn occupation_same_different_or_unknown() {
    let mut n = need();
    n.occupation = Some("7212".into());
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Occupation, false, "different occupations: offer 7112, learners 7212");
    assert_eq!(report.score, 100 - weights::OCCUPATION as u8);
    n.occupation = None;
    let report = match_offer_need(&offer(), &n);
    assert_eq!(report.score, 100 - (weights::OCCUPATION - weights::OCCUPATION_UNKNOWN) as u8);
    assert!(report.notes.iter().any(|r| r.code == Criterion::Occupation));
}

#[test]
fn eqf_inside_one_off_and_outside() {
    let mut n = need();
    n.eqf = 6;
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Eqf, false, "EQF 6 is one level above the offer's 3-5");
    assert_eq!(report.score, 100 - (weights::EQF - weights::EQF_ONE_OFF) as u8);
    n.eqf = 8;
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Eqf, false, "EQF 8 is outside the offer's 3-5");
    assert!(!report.blocking, "EQF alone never blocks");
}

#[test]
fn dates_partial_overlap_is_a_misfit_with_the_weeks() {
    // The offer's placements start by 2027-04-30 at the latest and last at
    // most 8 weeks (to 2027-06-24); the group can only travel 2027-06-04 to
    // 2027-07-31: three weeks overlap, four are needed.
    let mut n = need();
    n.start = "2027-06-04".into();
    n.end = Some("2027-07-31".into());
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Dates, false, "dates overlap 3 of 4 weeks");
    assert!(!report.blocking);
    let dates_points = weights::DATES_PARTIAL * 3 / 4;
    assert_eq!(report.score as u32, 100 - weights::DATES + dates_points);
}

#[test]
fn dates_without_overlap_block() {
    let mut n = need();
    n.start = "2027-09-01".into();
    n.end = Some("2027-10-31".into());
    let report = match_offer_need(&offer(), &n);
    assert!(report.blocking);
    assert_reason(&report, Criterion::Dates, false, "dates do not overlap");
}

#[test]
fn a_fixed_start_must_fall_in_the_offers_start_window() {
    let mut n = need();
    n.end = None;
    n.start = "2027-04-05".into();
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Dates, true, "can start on 2027-04-05");
    n.start = "2027-05-10".into();
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Dates, false, "no start day suits both");
}

#[test]
fn duration_that_does_not_fit_is_a_misfit() {
    let mut n = need();
    (n.weeks_min, n.weeks_max) = (10, 12);
    n.end = Some("2027-07-31".into());
    let report = match_offer_need(&offer(), &n);
    assert_reason(
        &report,
        Criterion::Duration,
        false,
        "duration does not fit: the offer takes 4-8 weeks, the group 10-12",
    );
}

#[test]
fn country_and_sector_preferences() {
    let mut n = need();
    n.countries = vec!["PL".into()];
    n.nace = vec!["F43".into()];
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Country, false, "the offer is in DE; the group prefers PL");
    assert_reason(&report, Criterion::Sector, false, "same NACE section F but another division");
    n.countries = vec![];
    n.nace = vec!["C25".into()];
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Country, true, "no country preference");
    assert_reason(&report, Criterion::Sector, false, "sector F41.2 is not among the preferred C25");
}

#[test]
fn language_levels_are_compared_per_required_language() {
    let mut n = need();
    n.languages = vec![lang("de", Some("A1")), lang("en", Some("B1"))];
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Language, false, "CEFR A2 required in de, learners have A1");
    assert_reason(&report, Criterion::Language, true, "CEFR B1 required in en, learners have B1");
    assert_eq!(report.score as u32, 100 - weights::LANGUAGE / 2);
    n.languages = vec![];
    let report = match_offer_need(&offer(), &n);
    assert_reason(&report, Criterion::Language, false, "the learners do not list de");
}

#[test]
fn minors_not_accepted_block_a_group_under_18_but_not_adults() {
    let mut o = offer();
    o.conditions.minors = false;
    let report = match_offer_need(&o, &need());
    assert!(report.blocking);
    assert_reason(&report, Criterion::Minors, false, "the offer does not accept minors; the group is under 18");
    let mut n = need();
    n.age = AgeBand::Mixed;
    assert!(match_offer_need(&o, &n).blocking);
    n.age = AgeBand::Adults;
    let report = match_offer_need(&o, &n);
    assert!(!report.blocking);
    assert_eq!(report.score, 100);
}

#[test]
fn fewer_places_than_learners_is_a_partial_fit() {
    let mut o = offer();
    o.places = 2;
    let report = match_offer_need(&o, &need());
    assert_reason(&report, Criterion::Places, false, "2 places for 4 learners");
    assert_eq!(report.score as u32, 100 - weights::PLACES + weights::PLACES * 2 / 4);
}

#[test]
fn funding_and_support_are_notes_without_points() {
    let mut n = need();
    n.funding = Some(Funding::ErasmusKa1Vet);
    n.support = vec![SupportNeed::SpecialDiet, SupportNeed::LearningSupport];
    let report = match_offer_need(&offer(), &n);
    assert_eq!(report.score, 100);
    let notes: Vec<&str> = report.notes.iter().map(|r| r.text.as_str()).collect();
    assert!(notes.contains(&"the mobility is funded by Erasmus+ KA1 VET"), "{notes:?}");
    assert!(notes.contains(&"the host provides meals; the group needs special diets"), "{notes:?}");
    assert!(notes.iter().any(|t| t.contains("a workplace mentor supervises")), "{notes:?}");
}

#[test]
fn the_report_serialises_with_codes_as_words() {
    let json = serde_json::to_value(match_offer_need(&offer(), &need())).expect("serialises");
    assert_eq!(json["score"], 100);
    assert_eq!(json["fits"][0]["code"], "field");
    assert_eq!(json["blocking"], false);
}

#[test]
fn is_blocked_agrees_with_the_full_report() {
    let mut pairs = vec![(offer(), need())];
    let mut n = need();
    n.isced = "1013".into();
    pairs.push((offer(), n));
    let mut n = need();
    n.isced = "9999".into();
    pairs.push((offer(), n));
    let mut n = need();
    n.isced = "0715".into();
    pairs.push((offer(), n));
    let mut n = need();
    (n.start, n.end) = ("2027-09-01".into(), Some("2027-10-31".into()));
    pairs.push((offer(), n));
    let mut n = need();
    (n.start, n.end) = ("2027-06-04".into(), Some("2027-07-31".into()));
    pairs.push((offer(), n));
    let mut o = offer();
    o.conditions.minors = false;
    pairs.push((o.clone(), need()));
    let mut n = need();
    n.age = AgeBand::Adults;
    pairs.push((o, n));
    for (o, n) in &pairs {
        assert_eq!(is_blocked(o, n), match_offer_need(o, n).blocking, "{} / {}", o.isced, n.isced);
    }
    assert_eq!(pairs.iter().filter(|(o, n)| is_blocked(o, n)).count(), 3);
}
