//! The OpenAPI document against a real node: the node serves the document
//! the code generates (behind the token), and real answers (status, a
//! published and a withdrawn offer and event, search result lists, error bodies)
//! validate against the schemas the document gives for those operations.
//!
//! Schemas are checked by `jsonschema` against the whole document, added to
//! a registry under one URI, so that every `$ref` into `components` resolves
//! as it would for any client of the document.

use jsonschema::{Draft, Registry, Validator};
use serde_json::{Value, json};
use vetnet_tests::{TestNode, spawn};

/// The URI the document is registered under; nothing is fetched from it.
const DOCUMENT_URI: &str = "https://vetnet.invalid/openapi.json";

/// The admin API of a test node, with its token.
struct Api {
    client: reqwest::Client,
    base: String,
    token: String,
}

impl Api {
    fn of(node: &TestNode) -> Self {
        let token = std::fs::read_to_string(node.dir.path().join("api.token")).expect("api token");
        Self {
            client: reqwest::Client::new(),
            base: format!("http://{}", node.node.info().api_addr),
            token: token.trim().to_owned(),
        }
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> (u16, Value) {
        let response = request.bearer_auth(&self.token).send().await.expect("the API answers");
        let status = response.status().as_u16();
        (status, response.json().await.expect("a JSON answer"))
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        self.send(self.client.get(format!("{}{path}", self.base))).await
    }

    async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.send(self.client.post(format!("{}{path}", self.base)).json(body)).await
    }

    async fn delete(&self, path: &str) -> (u16, Value) {
        self.send(self.client.delete(format!("{}{path}", self.base))).await
    }
}

/// JSON-pointer escaping of one reference token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The JSON pointer, in the document, of the schema of `method path`'s
/// answer with `status`, following a `$ref` to a reusable response.
fn response_schema_pointer(document: &Value, path: &str, method: &str, status: u16) -> String {
    let response_pointer = format!("/paths/{}/{method}/responses/{status}", escape(path));
    let response = document.pointer(&response_pointer).unwrap_or_else(|| {
        panic!("the document has no {status} answer for {method} {path}");
    });
    let base = match response.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference.strip_prefix('#').expect("a local reference").to_owned(),
        None => response_pointer,
    };
    let schema = format!("{base}/content/application~1json/schema");
    assert!(document.pointer(&schema).is_some(), "{method} {path} {status} has no JSON schema at {schema}");
    schema
}

/// Validators of answers against the document's schemas.
struct Schemas {
    document: Value,
    registry: Registry<'static>,
}

impl Schemas {
    fn new(document: Value) -> Self {
        let registry = Registry::new()
            .draft(Draft::Draft202012)
            .add(DOCUMENT_URI, document.clone())
            .expect("the document's URI is valid")
            .prepare()
            .expect("the document is a schema resource");
        Self { document, registry }
    }

    /// A validator of `schema`, whose `$ref`s point into the document.
    fn validator(&self, schema: &Value) -> Validator {
        jsonschema::options()
            .with_draft(Draft::Draft202012)
            .with_registry(&self.registry)
            .build(schema)
            .unwrap_or_else(|e| panic!("the schema {schema} does not resolve in the document: {e}"))
    }

    /// The validator of `method path`'s answer with `status`.
    fn answer(&self, method: &str, path: &str, status: u16) -> Validator {
        let pointer = response_schema_pointer(&self.document, path, method, status);
        // A URI fragment cannot hold the braces of a path template.
        let fragment = pointer.replace('{', "%7B").replace('}', "%7D");
        self.validator(&json!({ "$ref": format!("{DOCUMENT_URI}#{fragment}") }))
    }

    /// The validator of the component schema `name`.
    fn component(&self, name: &str) -> Validator {
        assert!(self.document["components"]["schemas"].get(name).is_some(), "no component schema {name}");
        self.validator(&json!({ "$ref": format!("{DOCUMENT_URI}#/components/schemas/{name}") }))
    }
}

/// Panics with every validation error when `answer` does not match.
fn assert_valid(validator: &Validator, answer: &Value, what: &str) {
    let errors: Vec<String> =
        validator.iter_errors(answer).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not match its schema:\n  {}\nanswer: {answer:#}", errors.join("\n  "));
}

fn welding_offer(id: &str, eqf: u8) -> Value {
    json!({
        "id": id,
        "title": { "en": "Welding placement" },
        "isced": "0715",
        "eqf_min": eqf,
        "eqf_max": 4,
        "places": 2,
        "start": "2027-03-01",
        "weeks_min": 4,
        "weeks_max": 6,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_serves_the_generated_document_behind_the_token() {
    let node = spawn("Openapi Served", "SE", &[]).await;
    let api = Api::of(&node);
    let (status, served) = api.get("/v1/openapi.json").await;
    assert_eq!(status, 200);
    let generated = vetnet_node::api::openapi::document_value().expect("the document serialises");
    assert!(served == generated, "the served document differs from the generated one");
    assert_eq!(served["openapi"], "3.1.0");

    let anonymous = reqwest::get(format!("{}/v1/openapi.json", api.base)).await.expect("the API answers");
    assert_eq!(anonymous.status().as_u16(), 401);
    let body: Value = anonymous.json().await.expect("a JSON error body");
    let schemas = Schemas::new(generated);
    assert_valid(&schemas.answer("get", "/v1/openapi.json", 401), &body, "the 401 answer");
    assert_eq!(body["error"]["code"], "unauthorized");
    vetnet_tests::stop(node).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_answers_match_their_schemas() {
    let node = spawn("Openapi Answers", "SE", &[]).await;
    let api = Api::of(&node);
    let schemas = Schemas::new(vetnet_node::api::openapi::document_value().expect("the document serialises"));

    let (status, answer) = api.get("/v1/status").await;
    assert_eq!(status, 200);
    assert_valid(&schemas.answer("get", "/v1/status", 200), &answer, "GET /v1/status");

    let (status, published) = api.post("/v1/offers", &welding_offer("welding-2027", 3)).await;
    assert_eq!(status, 201, "{published}");
    assert_valid(&schemas.answer("post", "/v1/offers", 201), &published, "POST /v1/offers");
    assert_eq!(published["country"], "SE", "the country comes from the profile");

    let (status, shown) = api.get("/v1/offers/welding-2027").await;
    assert_eq!(status, 200);
    assert_valid(&schemas.answer("get", "/v1/offers/{id}", 200), &shown, "GET /v1/offers/{id}");

    let (status, hits) = api.get("/v1/search/offers?country=SE&eqf=3").await;
    assert_eq!(status, 200);
    assert_eq!(hits.as_array().map(Vec::len), Some(1), "{hits}");
    assert_valid(&schemas.answer("get", "/v1/search/offers", 200), &hits, "GET /v1/search/offers");

    let (status, error) = api.post("/v1/offers", &welding_offer("welding-eqf-9", 9)).await;
    assert_eq!(status, 400);
    assert_valid(&schemas.answer("post", "/v1/offers", 400), &error, "the 400 answer of POST /v1/offers");
    assert_eq!(error["error"]["field"], "body.eqf_min");

    let (status, error) = api.get("/v1/search/offers?eqf=9").await;
    assert_eq!(status, 400);
    assert_valid(&schemas.answer("get", "/v1/search/offers", 400), &error, "the 400 answer of a search");

    let (status, error) = api.get("/v1/offers/no-such-offer").await;
    assert_eq!(status, 404);
    assert_valid(&schemas.answer("get", "/v1/offers/{id}", 404), &error, "the 404 answer of GET /v1/offers/{id}");

    let (status, withdrawn) = api.delete("/v1/offers/welding-2027").await;
    assert_eq!(status, 200);
    assert_eq!(withdrawn["withdrawn"], true);
    assert!(withdrawn.get("title").is_none(), "a withdrawn offer has no body: {withdrawn}");
    assert_valid(&schemas.answer("delete", "/v1/offers/{id}", 200), &withdrawn, "DELETE /v1/offers/{id}");
    let (status, all) = api.get("/v1/offers?all=true").await;
    assert_eq!(status, 200);
    assert_valid(&schemas.answer("get", "/v1/offers", 200), &all, "GET /v1/offers?all=true");

    // The schemas do refuse what the API never answers, so the checks
    // above are not vacuous.
    let offer = schemas.component("RecordView_Offer");
    let mut no_hash = shown.clone();
    no_hash.as_object_mut().expect("an object").remove("hash");
    assert!(!offer.is_valid(&no_hash), "an offer without its hash must not validate");
    let mut live_without_body = withdrawn.clone();
    live_without_body["withdrawn"] = json!(false);
    assert!(!offer.is_valid(&live_without_body), "a live offer without its body must not validate");
    assert!(!schemas.component("ErrorBody").is_valid(&json!({ "error": { "code": "invalid" } })));
    vetnet_tests::stop(node).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn event_answers_match_their_schemas() {
    let node = spawn("Schema Check VET network", "SE", &[]).await;
    let api = Api::of(&node);
    let (_, document) = api.get("/v1/openapi.json").await;
    let schemas = Schemas::new(document);

    let event = json!({
        "id": "spring-meeting",
        "title": { "en": "Spring meeting" },
        "event_kind": "network-meeting",
        "start": "2027-05-12T09:00",
        "end": "2027-05-12T16:00",
        "tz": "Europe/Stockholm",
        "online": "https://meet.example.se/vet",
        "langs": ["sv"],
        "audience": ["teachers"],
        "capacity": 40,
        "registered": 3
    });
    let (status, published) = api.post("/v1/events", &event).await;
    assert_eq!(status, 201, "{published}");
    assert_valid(&schemas.answer("post", "/v1/events", 201), &published, "POST /v1/events");
    let (status, shown) = api.get("/v1/events/spring-meeting").await;
    assert_eq!(status, 200, "{shown}");
    assert_valid(&schemas.answer("get", "/v1/events/{id}", 200), &shown, "GET /v1/events/{id}");
    let (status, hits) = api.get("/v1/search/events?from=2027-05-01&audience=teachers").await;
    assert_eq!((status, hits.as_array().map(Vec::len)), (200, Some(1)), "{hits}");
    assert_valid(&schemas.answer("get", "/v1/search/events", 200), &hits, "GET /v1/search/events");
    let mut late = event.clone();
    (late["id"], late["end"]) = (json!("late-meeting"), json!("2027-05-12T08:00"));
    let (status, error) = api.post("/v1/events", &late).await;
    assert_eq!((status, error["error"]["field"].as_str()), (400, Some("body.end")), "{error}");
    assert_valid(&schemas.answer("post", "/v1/events", 400), &error, "the 400 answer of POST /v1/events");
    let (status, withdrawn) = api.delete("/v1/events/spring-meeting").await;
    assert_eq!(status, 200, "{withdrawn}");
    assert_valid(&schemas.answer("delete", "/v1/events/{id}", 200), &withdrawn, "DELETE /v1/events/{id}");

    // The event schema refuses a kind of meeting that does not exist.
    let mut party = shown.clone();
    party["event_kind"] = json!("party");
    assert!(!schemas.component("RecordView_Event").is_valid(&party), "an unknown event_kind must not validate");
    vetnet_tests::stop(node).await;
}

/// `path` with each `{parameter}` filled in with a value of the right shape.
fn concrete(path: &str) -> String {
    path.replace("{did}", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")
        .replace("{author}", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")
        .replace("{id}", "x")
        .replace("{thread}", "x")
        .replace("{nuts}", "SE33")
}

/// The answers of the layers below the routes, as the document lists them:
/// every path refuses a method it does not take with a JSON `405` and
/// `Allow`; every operation with a body refuses one over the limit with a
/// JSON `413` (and lists the `408` of the same layer); and exactly the
/// operations listed with a `415` refuse a body without `Content-Type`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_path_answers_the_layer_errors_its_operations_document() {
    let node = spawn("Openapi Layers", "SE", &[]).await;
    let api = Api::of(&node);
    let document = vetnet_node::api::openapi::document_value().expect("the document serialises");
    let schemas = Schemas::new(document.clone());
    // A connection per request: an error answer may close its connection.
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().expect("a client");
    let methods = ["get", "put", "post", "delete", "patch"];
    let paths = document["paths"].as_object().expect("paths");
    let (mut bodies, mut not_json) = (0, 0);
    for (path, item) in paths {
        // `/health` is outside `/v1/`: its layer errors are not JSON and
        // not documented (`api::openapi::LayerErrors`); its 405 is in
        // `tests/tests/health.rs`.
        if !path.starts_with("/v1/") {
            continue;
        }
        let item = item.as_object().expect("a path item");
        let url = format!("{}{}", api.base, concrete(path));
        let taken: Vec<&str> = methods.iter().copied().filter(|m| item.contains_key(*m)).collect();
        let other = methods.iter().find(|m| !taken.contains(m)).expect("a method the path does not take");
        let method = reqwest::Method::from_bytes(other.to_uppercase().as_bytes()).expect("a method");
        let response = client.request(method, &url).bearer_auth(&api.token).send().await.expect("answers");
        assert_eq!(response.status().as_u16(), 405, "{other} {path}");
        let allow = response.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let answer: Value = response.json().await.expect("a JSON 405");
        for method in &taken {
            assert!(allow.to_lowercase().contains(method), "{other} {path}: Allow {allow:?} lacks {method}");
            assert_valid(&schemas.answer(method, path, 405), &answer, &format!("the 405 of {method} {path}"));
        }

        for (method, operation) in item.iter().filter(|(_, op)| op.get("requestBody").is_some()) {
            bodies += 1;
            let responses = &operation["responses"];
            assert!(responses.get("408").is_some(), "{method} {path} takes a body and documents no 408");
            let http = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
            let too_large = vec![b' '; 300 * 1024];
            let request = client.request(http.clone(), &url).bearer_auth(&api.token).body(too_large);
            let response = request.send().await.expect("answers");
            assert_eq!(response.status().as_u16(), 413, "{method} {path} with a body over the limit");
            let answer: Value = response.json().await.expect("a JSON 413");
            assert_valid(&schemas.answer(method, path, 413), &answer, &format!("the 413 of {method} {path}"));

            let request = client.request(http, &url).bearer_auth(&api.token).body("{}");
            let response = request.send().await.expect("answers");
            let status = response.status().as_u16();
            let documented = responses.get("415").is_some();
            assert_eq!(status == 415, documented, "{method} {path} answered {status} to a body without Content-Type");
            if documented {
                not_json += 1;
                let answer: Value = response.json().await.expect("a JSON 415");
                assert_valid(&schemas.answer(method, path, 415), &answer, &format!("the 415 of {method} {path}"));
            }
        }
    }
    assert!(bodies >= 27 && not_json >= 19, "{bodies} operations with a body, {not_json} of them JSON-only");
    vetnet_tests::stop(node).await;
}
