//! The regional picture over three real nodes on loopback: a chamber in
//! Norrbottens län (SE332) publishes a skills need for welders; a school in
//! Västerbottens län (SE331, in the same NUTS 2 region SE33) and one in
//! Stockholm (SE110) publish achievements that teach the skills. On the
//! Stockholm school's node the need is found by its NUTS 2 code, the SE33
//! school ranks first (nearest), the region's page shows the need, the
//! school and its open offer, and the issuance statistics of the SE33 school
//! carry the achievement issued 6 times and leave out the one issued twice.

use serde_json::{Value, json};
use vetnet_node::credentials::IssueRequest;
use vetnet_node::publish::PublishMode;
use vetnet_protocol::RecordKind;
use vetnet_protocol::fixtures;
use vetnet_protocol::issuance_stats::Quarter;
use vetnet_tests::{ApiClient, TestNode, spawn, wait_for_topic_peers, wait_until};

const MIG_WELDING: &str = "http://data.europa.eu/esco/skill/0e2b5a5d-1d4c-4b0e-8e8c-8a0e0f0f0f0f";
const READ_DRAWINGS: &str = "http://data.europa.eu/esco/skill/7c2d4e1a-3b5f-4a6c-8d9e-0f1a2b3c4d5e";

fn skills_need() -> Value {
    json!({
        "id": "welders-2027",
        "title": { "en": "Welders for the mining industry" },
        "region": "SE332",
        "isco": "7212",
        "isced": "0715",
        "skills": [{ "uri": MIG_WELDING, "label": "MIG welding" }, { "uri": READ_DRAWINGS, "label": "read engineering drawings" }],
        "people": 40,
        "horizon": 5,
        "source": "Skills-supply survey 2026 of the chamber's member companies",
        "link": "https://chamber.example.se/skills-2026"
    })
}

/// Sets the node's profile: its kind, NUTS region and fields.
async fn set_profile(api: &ApiClient, name: &str, kind: &str, nuts: &str) {
    let mut profile = json!({
        "name": { "en": name },
        "institution": kind,
        "country": "SE",
        "nuts": nuts,
        "isced": ["0715"],
        "languages": ["sv", "en"]
    });
    if kind == "vet-provider" {
        profile["vet"] = json!(["ivet"]);
    }
    let (status, body) = api.put("/v1/profile", &profile).await;
    assert_eq!(status, 200, "{body}");
}

/// Publishes a welding achievement `id` teaching `skills`.
async fn publish_achievement(node: &TestNode, id: &str, skills: &[&str]) {
    let mut achievement = fixtures::full_achievement();
    achievement.country = "SE".into();
    achievement.isced = Some("0715".into());
    achievement.esco_skills = skills.iter().map(|s| (*s).to_owned()).collect();
    node.node
        .publisher()
        .publish(RecordKind::Achievement, id, &achievement, PublishMode::Create)
        .await
        .expect("publishes");
}

fn texts(reasons: &Value) -> Vec<String> {
    reasons.as_array().into_iter().flatten().map(|r| r["text"].as_str().unwrap_or_default().to_owned()).collect()
}

fn issue(achievement: &str, n: usize, day: &str) -> Vec<IssueRequest> {
    (0..n)
        .map(|i| IssueRequest {
            achievement: achievement.into(),
            learner_name: format!("Learner {i}"),
            date: Some(day.into()),
            ..Default::default()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_skills_need_finds_the_nearest_school_and_the_region_shows_it_all() {
    vetnet_tests::init_logging();
    let chamber = spawn("Norrbotten Chamber of Commerce", "SE", &[]).await;
    let lulea = spawn("Skellefteå Yrkesgymnasium", "SE", &[chamber.addr()]).await;
    let stockholm = spawn("Stockholm Tekniska Gymnasium", "SE", &[chamber.addr()]).await;
    wait_for_topic_peers(&chamber, 2).await;
    let (chamber_api, school_api, stockholm_api) =
        (ApiClient::new(&chamber), ApiClient::new(&lulea), ApiClient::new(&stockholm));
    set_profile(&chamber_api, "Norrbotten Chamber of Commerce", "chamber", "SE332").await;
    set_profile(&school_api, "Skellefteå Yrkesgymnasium", "vet-provider", "SE331").await;
    set_profile(&stockholm_api, "Stockholm Tekniska Gymnasium", "vet-provider", "SE110").await;

    // Both schools teach both skills; the SE33 school has an open offer too.
    publish_achievement(&lulea, "mig-welding", &[MIG_WELDING, READ_DRAWINGS]).await;
    publish_achievement(&lulea, "workshop-safety", &[]).await;
    publish_achievement(&stockholm, "welding-basics", &[MIG_WELDING, READ_DRAWINGS]).await;
    // Open: it starts a year from now and has no application deadline.
    let mut offer = fixtures::offer("Welding placement", "SE", "0715", 4);
    offer.city = Some("Skellefteå".into());
    offer.deadline = None;
    offer.start = (chrono::Utc::now().date_naive() + chrono::Days::new(365)).format("%Y-%m-%d").to_string();
    lulea
        .node
        .publisher()
        .publish(RecordKind::Offer, "welding-placement", &offer, PublishMode::Create)
        .await
        .expect("offer");

    // Bad input is refused with the field and the rule.
    let mut unknown = skills_need();
    unknown["region"] = json!("SE334");
    let (status, error) = chamber_api.post("/v1/skills-needs", &unknown).await;
    assert_eq!((status, error["error"]["field"].as_str()), (400, Some("body.region")), "{error}");
    assert!(error["error"]["rule"].as_str().unwrap_or_default().contains("NUTS 2024"), "{error}");
    let mut both = skills_need();
    both["level"] = json!("shortage");
    let (status, error) = chamber_api.post("/v1/skills-needs", &both).await;
    assert_eq!((status, error["error"]["field"].as_str()), (400, Some("body.level")), "{error}");

    let (status, published) = chamber_api.post("/v1/skills-needs", &skills_need()).await;
    assert_eq!(status, 201, "{published}");
    let chamber_did = chamber.node.info().institution.to_did();

    // On the Stockholm node: the need is found by its NUTS 2 region, and the
    // other institutions' profiles and achievements have arrived.
    wait_until("the need and both schools' records reach the Stockholm node", || async {
        let (_, found) = stockholm_api.get("/v1/search/skills-needs?region=SE33&isco=72").await;
        let (_, region) = stockholm_api.get("/v1/region/SE33").await;
        found.as_array().is_some_and(|f| f.len() == 1)
            && region["institutions"].as_array().is_some_and(|i| i.len() == 2)
            && region["offers"].as_array().is_some_and(|o| o.len() == 1)
    })
    .await;
    let (_, elsewhere) = stockholm_api.get("/v1/search/skills-needs?region=SE11").await;
    assert_eq!(elsewhere.as_array().map(Vec::len), Some(0), "{elsewhere}");
    let (status, error) = stockholm_api.get("/v1/search/skills-needs?region=XX9").await;
    assert_eq!((status, error["error"]["field"].as_str()), (400, Some("region")), "{error}");

    wait_until("the SE33 school's achievement reaches the Stockholm node", || async {
        let (_, found) = stockholm_api.get(&format!("/v1/search/achievements?skill={READ_DRAWINGS}")).await;
        found.as_array().is_some_and(|f| f.len() == 2)
    })
    .await;
    let (status, matched) = stockholm_api.get(&format!("/v1/match/skills-need/{chamber_did}/welders-2027")).await;
    assert_eq!(status, 200, "{matched}");
    let schools = matched["schools"].as_array().expect("schools");
    assert_eq!(schools.len(), 2, "{matched}");
    assert_eq!(schools[0]["institution"]["name"], "Skellefteå Yrkesgymnasium", "{matched}");
    assert_eq!(schools[0]["proximity"], "same-nuts2");
    // Its evidence: the achievement teaching the skills (and, for the field, the other one).
    assert_eq!(schools[0]["achievements"], json!(["mig-welding", "workshop-safety"]));
    assert_eq!(schools[0]["score"], 80, "skills 50 and field 30 of 100; no offer names the occupation");
    let fits = texts(&schools[0]["fits"]);
    assert!(
        fits.iter()
            .any(|t| t.starts_with("teaches 2 of 2 skills the need asks for: MIG welding (achievement mig-welding")),
        "{fits:?}"
    );
    assert!(
        fits.iter().any(|t| t == "in SE331 Västerbottens län, in the need's NUTS 2 region SE33 Övre Norrland"),
        "{fits:?}"
    );
    assert_eq!(schools[1]["proximity"], "same-country");
    assert!(texts(&schools[1]["misfits"]).iter().any(|t| t.contains("elsewhere in SE")), "{matched}");

    // Issuance statistics: 6 of one achievement, 2 of the other, this quarter.
    let today = chrono::Utc::now().date_naive();
    let quarter = Quarter::of(today).to_string();
    let day = today.format("%Y-%m-%d").to_string();
    let mut requests = issue("mig-welding", 6, &day);
    requests.extend(issue("workshop-safety", 2, &day));
    lulea.node.credentials().issue(requests).expect("issues");
    let (status, stats) = school_api.post("/v1/stats/publish", &json!({ "quarter": quarter })).await;
    assert_eq!(status, 200, "{stats}");
    assert_eq!(stats["id"], quarter.as_str());
    assert_eq!(stats["counts"], json!([{ "achievement": "mig-welding", "count": 6 }]), "{stats}");
    assert_eq!(stats["suppressed"], json!(["workshop-safety"]));
    let (status, error) = school_api.post("/v1/stats/publish", &json!({ "quarter": "2027-Q5" })).await;
    assert_eq!((status, error["error"]["field"].as_str()), (400, Some("body.quarter")), "{error}");

    // The region on the Stockholm node: the need by occupation, the
    // institutions, the open offer, and the credentials issued there.
    wait_until("the statistics reach the Stockholm node", || async {
        let (_, region) = stockholm_api.get("/v1/region/SE33").await;
        region["issued_total"] == 6
    })
    .await;
    let (_, region) = stockholm_api.get("/v1/region/SE33").await;
    assert_eq!((region["name"].as_str(), region["level"].as_u64()), (Some("Övre Norrland"), Some(2)));
    let names: Vec<&str> =
        region["institutions"].as_array().into_iter().flatten().filter_map(|i| i["author_name"].as_str()).collect();
    assert!(
        names.contains(&"Skellefteå Yrkesgymnasium") && names.contains(&"Norrbotten Chamber of Commerce"),
        "{names:?}"
    );
    assert!(!names.contains(&"Stockholm Tekniska Gymnasium"), "{names:?}");
    assert_eq!(region["offers"][0]["id"], "welding-placement");
    assert_eq!(region["offers"][0]["author_region"], "SE331");
    assert_eq!(region["skills_needs"][0]["occupation"], "7212");
    assert_eq!(region["skills_needs"][0]["people"], 40);
    assert_eq!(region["skills_needs"][0]["needs"][0]["id"], "welders-2027");
    assert_eq!(
        region["issued"],
        json!([{
            "quarter": quarter,
            "institution": region["issued"][0]["institution"],
            "achievement": "mig-welding",
            "title": "MIG welding of steel plates",
            "count": 6
        }])
    );
    assert_eq!(region["issued"][0]["institution"]["name"], "Skellefteå Yrkesgymnasium");
    // A county's page shows the need for it; Stockholm's does not.
    let (_, county) = stockholm_api.get("/v1/region/SE332").await;
    assert_eq!(county["skills_needs"][0]["needs"][0]["id"], "welders-2027", "{county}");
    let (_, capital) = stockholm_api.get("/v1/region/SE110").await;
    assert_eq!(capital["skills_needs"], json!([]), "{capital}");
    assert_eq!(capital["offers"], json!([]), "the SE331 school's offer is not in Stockholm: {capital}");
}

/// A peer's issuance statistics with a count of 3, and a skills need for a
/// region that is not in the list, are rejected by the gossip path (the peer
/// is penalised for a Reject) and never stored; the valid version is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_record_with_a_count_under_5_or_an_unknown_region_is_rejected() {
    use vetnet_node::ingest::ingest;
    use vetnet_node::network::Verdict;
    use vetnet_protocol::issuance_stats::AchievementCount;
    use vetnet_protocol::{InstitutionKey, Payload};

    let node = spawn("Oulu Vocational College", "FI", &[]).await;
    let network = node.node.info().network.clone();
    let peer = InstitutionKey::from_secret_bytes(&[42; 32]);
    let now = chrono::Utc::now().timestamp() as u64;
    let quarter = Quarter::of(chrono::Utc::now().date_naive()).to_string();
    let mut stats = fixtures::issuance_stats();
    stats.quarter = quarter.clone();
    stats.counts.push(AchievementCount { achievement: "crane-basics".into(), count: 3 });
    let mut need = fixtures::full_skills_need();
    need.region = "FI1D6".into();
    let bad_stats = Payload::with_body(&network, RecordKind::IssuanceStats, &quarter, 1, now, &stats).expect("encodes");
    let bad_need = Payload::with_body(&network, RecordKind::SkillsNeed, "n", 1, now, &need).expect("encodes");
    for payload in [bad_stats, bad_need] {
        let bytes = peer.sign(&payload).expect("signs");
        let (verdict, outcome) = ingest(node.node.store(), &network, node.node.author_limit(), &bytes);
        assert_eq!(verdict, Verdict::Reject);
        assert!(outcome.is_err(), "refused, not stored");
    }
    stats.counts.pop();
    let good = Payload::with_body(&network, RecordKind::IssuanceStats, &quarter, 1, now, &stats).expect("encodes");
    let bytes = peer.sign(&good).expect("signs");
    let (verdict, outcome) = ingest(node.node.store(), &network, node.node.author_limit(), &bytes);
    assert_eq!(verdict, Verdict::Accept);
    assert!(outcome.is_ok_and(|o| o.is_stored()));
}
