//! Needs and matching across two real nodes on loopback: a Swedish school
//! publishes a mobility need, a German company three offers, all through the
//! admin API as the CLI does. The need reaches the company by gossip, its
//! need search finds it, and `/v1/match` on both nodes pairs the need with
//! the offers, ranked and explained; the pair the school's minors rule out is
//! left out unless `all=true`.

use serde_json::{Value, json};
use vetnet_node::search::{NeedQuery, OfferQuery, search_needs};
use vetnet_tests::{ApiClient, spawn, wait_for_topic_peers, wait_until};

fn bricklayers() -> Value {
    json!({
        "id": "bricklayers-2027",
        "title": { "en": "Three bricklayers for a spring placement" },
        "learners": 3,
        "isced": "0732",
        "qualification": "Building programme, bricklaying",
        "eqf": 4,
        "start": "2027-03-01",
        "end": "2027-05-31",
        "weeks_min": 4,
        "weeks_max": 6,
        "countries": ["DE", "PL"],
        "nace": ["F41"],
        "languages": [{ "lang": "en", "cefr": "B1" }, { "lang": "sv", "cefr": "C2" }],
        "age": "under-18",
        "support": ["accompanying-teacher"],
        "funding": "erasmus-ka1-vet"
    })
}

fn offer(id: &str, eqf: (u8, u8), places: u32, minors: bool) -> Value {
    json!({
        "id": id,
        "title": { "en": format!("Placement {id}") },
        "isced": "0732",
        "nace": "F41.2",
        "eqf_min": eqf.0,
        "eqf_max": eqf.1,
        "places": places,
        "start": "2027-03-01",
        "end": "2027-04-30",
        "weeks_min": 4,
        "weeks_max": 8,
        "languages": [{ "lang": "en", "cefr": "B1" }],
        "conditions": { "minors": minors, "mentor": true }
    })
}

fn texts(reasons: &Value) -> Vec<String> {
    reasons.as_array().into_iter().flatten().map(|r| r["text"].as_str().unwrap_or_default().to_owned()).collect()
}

/// The item of `/v1/match` for the own record `id`.
fn item<'a>(items: &'a Value, id: &str) -> &'a Value {
    items.as_array().into_iter().flatten().find(|i| i["own"]["id"] == id).unwrap_or_else(|| panic!("no item {id}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_need_reaches_a_host_by_gossip_and_both_sides_see_the_match_explained() {
    vetnet_tests::init_logging();
    let school = spawn("Karlskrona Yrkesgymnasium", "SE", &[]).await;
    let company = spawn("Kiel Bau GmbH", "DE", &[school.addr()]).await;
    wait_for_topic_peers(&school, 1).await;
    wait_for_topic_peers(&company, 1).await;
    let (school_api, company_api) = (ApiClient::new(&school), ApiClient::new(&company));

    // A need with a broken field is refused, naming the field and the rule.
    let mut broken = bricklayers();
    broken["eqf"] = json!(9);
    let (status, error) = school_api.post("/v1/needs", &broken).await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(error["error"]["field"], "body.eqf");
    assert!(error["error"]["rule"].as_str().unwrap_or_default().contains("EQF"), "{error}");

    let (status, published) = school_api.post("/v1/needs", &bricklayers()).await;
    assert_eq!(status, 201, "{published}");
    assert_eq!(published["kind"], "need");
    for (id, eqf, places, minors) in
        [("bricklaying", (3, 5), 4, true), ("site-carpentry", (5, 5), 2, true), ("adults-only", (3, 5), 4, false)]
    {
        let (status, body) = company_api.post("/v1/offers", &offer(id, eqf, places, minors)).await;
        assert_eq!(status, 201, "{body}");
    }

    let in_germany = NeedQuery { countries: vec!["DE".into()], ..Default::default() };
    wait_until("the need reaches the company's node", || async {
        search_needs(company.node.store(), &in_germany).is_ok_and(|found| found.len() == 1)
    })
    .await;
    wait_until("the offers reach the school's node", || async { school.offers(&OfferQuery::default()).len() == 3 })
        .await;

    // Need search over the API: by preferred country, field, EQF, language, text.
    let (status, found) = company_api.get("/v1/search/needs?country=DE&sector=07&eqf=4&lang=en&text=brick").await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
    assert_eq!(found[0]["id"], "bricklayers-2027");
    assert_eq!(found[0]["author_name"], "Karlskrona Yrkesgymnasium");
    assert!(found[0]["trust"]["level"].is_string(), "views carry trust: {found}");
    let (_, none) = company_api.get("/v1/search/needs?country=FI").await;
    assert_eq!(none.as_array().map(Vec::len), Some(0), "the need prefers DE and PL, not FI");
    let (status, error) = company_api.get("/v1/search/needs?eqf=12").await;
    assert_eq!((status, error["error"]["field"].as_str()), (400, Some("eqf")));

    // The company's view: each own offer with the needs that fit it.
    let (status, items) = company_api.get("/v1/match").await;
    assert_eq!(status, 200, "{items}");
    let best = &item(&items, "bricklaying")["matches"][0];
    assert_eq!(best["record"]["id"], "bricklayers-2027");
    assert_eq!(best["blocking"], false);
    let fits = texts(&best["fits"]);
    assert!(fits.iter().any(|t| t == "field of education matches (0732 building and civil engineering)"), "{fits:?}");
    assert!(fits.iter().any(|t| t == "EQF 4 within the offer's 3-5"), "{fits:?}");
    assert!(fits.iter().any(|t| t == "the offer accepts minors; the group is under 18"), "{fits:?}");
    let misfit = &item(&items, "site-carpentry")["matches"][0];
    let misfits = texts(&misfit["misfits"]);
    assert!(misfits.iter().any(|t| t == "EQF 4 is one level below the offer's level 5"), "{misfits:?}");
    assert!(misfits.iter().any(|t| t == "2 places for 3 learners"), "{misfits:?}");
    assert!(misfit["score"].as_u64() < best["score"].as_u64());
    assert_eq!(item(&items, "adults-only")["matches"].as_array().map(Vec::len), Some(0), "blocked pairs are left out");

    let (_, all) = company_api.get("/v1/match?offer=adults-only&all=true").await;
    assert_eq!(all.as_array().map(Vec::len), Some(1), "only the offer asked for: {all}");
    let blocked = &all[0]["matches"][0];
    assert_eq!(blocked["blocking"], true);
    assert!(texts(&blocked["misfits"]).contains(&"the offer does not accept minors; the group is under 18".to_owned()));

    // The school's view: its need with the offers, best first, the blocked one left out.
    let (status, items) = school_api.get("/v1/match").await;
    assert_eq!(status, 200, "{items}");
    let ranked: Vec<&str> = item(&items, "bricklayers-2027")["matches"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| m["record"]["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ranked, ["bricklaying", "site-carpentry"]);
    let (status, error) = school_api.get("/v1/match?need=no-such-need").await;
    assert_eq!((status, error["error"]["code"].as_str()), (404, Some("not_found")));
    let (status, error) = school_api.get("/v1/match?all=maybe").await;
    assert_eq!((status, error["error"]["field"].as_str()), (400, Some("all")));
}
