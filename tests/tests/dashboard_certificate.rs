//! The printable certificate and the verify page in a real headless Chromium
//! over three real nodes. A (the issuer) issues two credentials: a short one,
//! whose VC-JWT fits in the certificate's QR code, and one with a long
//! achievement text, whose code carries a reference to its JSON file. Each
//! certificate is rendered, its QR code cut out of a screenshot and decoded
//! by an independent decoder (`zbarimg`, Debian's zbar-tools), and what it
//! carries verifies. Then C, which trusts B (an anchor) and so A (endorsed by
//! B), verifies both on its /verify page: valid, with the trust path; the
//! reference with its file; bad input beside its field. A revokes the short
//! one, the revocation reaches C, and C's page says revoked, with the date.
//! axe-core checks every page.
//!
//! Screenshots go to a temporary folder named in the output, and to
//! `docs/screenshots/` when `VETNET_WRITE_SCREENSHOTS` is set.

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use vetnet_node::publish::PublishMode;
use vetnet_protocol::achievement::{AchievementBody, Participation, Stackability, Supervision};
use vetnet_protocol::{LangText, RecordKind};
use vetnet_tests::browser::Browser;
use vetnet_tests::dashboard::{self, sign_in_link};
use vetnet_tests::{ApiClient, TestNode, spawn, wait_for_topic_peers, wait_until};

/// A short achievement: its credential's JWT fits in a QR code.
fn short_achievement() -> AchievementBody {
    AchievementBody {
        title: LangText::new("en", "Forklift safety"),
        description: LangText::default(),
        country: "DK".into(),
        outcomes: vec!["Drives a forklift safely".into()],
        esco_skills: Vec::new(),
        ects: None,
        hours: Some(8),
        eqf: Some(3),
        nqf: None,
        isced: None,
        languages: Vec::new(),
        assessment: "Practical test".into(),
        participation: Participation::OnSite,
        quality_assurance: "School QA".into(),
        prerequisites: None,
        supervision: None,
        stackability: None,
        further_information: None,
    }
}

/// An achievement with every element and a long description: its
/// credential is too large for a QR code.
fn long_achievement() -> AchievementBody {
    let paragraph = "The learner plans, prepares and carries out MIG/MAG welding of unalloyed steel plates and \
                     pipes in the PA, PB and PF positions, reads welding procedure specifications and drawings, \
                     sets up the power source, checks the joints visually and documents the work. ";
    AchievementBody {
        title: LangText::new("en", "MIG welding of steel plates and pipes"),
        description: LangText::new("en", &paragraph.repeat(8)),
        country: "DK".into(),
        outcomes: vec![
            "Welds fillet joints in PA and PB positions to ISO 5817 level C".into(),
            "Reads welding procedure specifications".into(),
            "Works safely in a workshop".into(),
        ],
        esco_skills: vec!["http://data.europa.eu/esco/skill/5b9e0f7d-8f4c-4bd2-9a0e-3c1e0b7a2f11".into()],
        ects: Some(7.5),
        hours: Some(200),
        eqf: Some(4),
        nqf: Some("DK 4".into()),
        isced: Some("0715".into()),
        languages: vec!["da".into(), "en".into()],
        assessment: "Practical test at the workplace, assessed by the mentor and a teacher".into(),
        participation: Participation::Workplace,
        quality_assurance: "Internal quality assurance, audited by the national agency".into(),
        prerequisites: Some("Basic workshop safety".into()),
        supervision: Some(Supervision::OnSiteIdentityCheck),
        stackability: Some(Stackability::Stackable),
        further_information: Some("https://aalborg-tech.example/mig".into()),
    }
}

async fn sign_in(browser: &Browser, node: &TestNode) {
    browser.open(&sign_in_link(node).await).await;
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/");
}

/// Issues one credential of `achievement` on `node`; its id.
async fn issue(node: &TestNode, achievement: &str, learner: &str, grade: Option<&str>) -> String {
    let mut row = json!({ "achievement": achievement, "learner_name": learner, "date": "2026-10-15" });
    if let Some(grade) = grade {
        row["grade"] = json!(grade);
    }
    let (status, issued) = ApiClient::new(node).post("/v1/credentials", &json!({ "credentials": [row] })).await;
    assert_eq!(status, 201, "{issued}");
    issued[0]["id"].as_str().unwrap().to_owned()
}

async fn export(node: &TestNode, id: &str, format: &str) -> String {
    let (status, view) =
        ApiClient::new(node).get(&format!("/v1/credentials/{}/export?format={format}", dashboard::percent(id))).await;
    assert_eq!(status, 200, "{view}");
    view["content"].as_str().unwrap().to_owned()
}

/// `POST /v1/credentials/verify` with the file's text as it is.
async fn verify_by_api(node: &TestNode, text: &str) -> Value {
    let token = node.node.data_dir().api_token().unwrap();
    let response = reqwest::Client::new()
        .post(format!("{}/v1/credentials/verify", dashboard::url(node)))
        .bearer_auth(token.trim())
        .body(text.to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Where screenshots go: a temporary folder, and `docs/screenshots/` when asked.
struct Shots {
    dir: PathBuf,
    docs: Option<PathBuf>,
}

impl Shots {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("vetnet-certificate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        println!("screenshots in {}", dir.display());
        let docs = std::env::var_os("VETNET_WRITE_SCREENSHOTS")
            .map(|_| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots"));
        Shots { dir, docs }
    }

    async fn take(&self, browser: &Browser, name: &str, width: u32) {
        let png = browser.screenshot(width).await;
        std::fs::write(self.dir.join(format!("{name}.png")), &png).unwrap();
        if let Some(docs) = &self.docs {
            std::fs::write(docs.join(format!("{name}.png")), &png).unwrap();
        }
    }
}

/// The certificate's QR code as a PNG of its own (Chromium's rendering of
/// the inline SVG), decoded by `zbarimg`.
async fn decode_qr(browser: &Browser, shots: &Shots, name: &str) -> String {
    let element = browser.client.find(fantoccini::Locator::Css("figure.cert-qr svg")).await.expect("a QR code");
    let png = element.screenshot().await.expect("a screenshot of the QR code");
    let path = shots.dir.join(format!("{name}-qr.png"));
    std::fs::write(&path, png).unwrap();
    let output = match Command::new("zbarimg").args(["--raw", "-q"]).arg(&path).output() {
        Ok(output) => output,
        Err(e) => {
            assert!(std::env::var_os("CI").is_none(), "zbarimg is missing ({e}): run .ci/browser-deps");
            panic!("zbarimg (Debian's zbar-tools) is needed to decode the QR code independently: {e}");
        }
    };
    assert!(output.status.success(), "zbarimg decodes {}: {}", path.display(), String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().trim_end_matches('\n').to_owned()
}

/// Renders the page with its print rules as the screen's, at A4 width (794
/// CSS pixels), for a picture of the printed certificate.
async fn as_printed(browser: &Browser) {
    let script = "let css = ''; for (const sheet of document.styleSheets) { for (const rule of sheet.cssRules) { \
                  if (rule.media && rule.media.mediaText === 'print') { for (const inner of rule.cssRules) { \
                  if (inner.constructor.name !== 'CSSPageRule') css += inner.cssText + '\\n'; } } } } \
                  const style = document.createElement('style'); style.textContent = css; \
                  document.head.appendChild(style); return css.length;";
    let length = browser.client.execute(script, vec![]).await.expect("the print rules apply");
    assert!(length.as_u64().unwrap_or(0) > 100, "the stylesheet has print rules");
}

async fn check_certificate(browser: &Browser, a: &TestNode, id: &str, shots: &Shots, name: &str) -> String {
    browser.open(&format!("{}/credentials/{}/certificate", dashboard::url(a), dashboard::percent(id))).await;
    browser.check_accessibility("the certificate").await;
    let label = browser.attr_of("figure.cert-qr svg", "aria-labelledby").await;
    assert_eq!(label.as_deref(), Some("qr-label"), "the QR code has a text alternative");
    assert!(!browser.text_of("#qr-label").await.is_empty());
    shots.take(browser, &format!("{name}-en-1280"), 1280).await;
    decode_qr(browser, shots, name).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn certificates_carry_a_credential_that_verifies_on_a_third_node_until_revoked() {
    let Some(browser) = Browser::start().await else { return };
    let shots = Shots::new();
    let a = spawn("Aalborg Tech", "DK", &[]).await;
    let b = spawn("Danish VET Agency", "DK", &[a.addr()]).await;
    let c = spawn("Cesis Employers", "LV", &[b.addr()]).await;
    wait_for_topic_peers(&b, 2).await;
    let publisher = a.node.publisher();
    publisher.publish(RecordKind::Achievement, "forklift", &short_achievement(), PublishMode::Create).await.unwrap();
    publisher.publish(RecordKind::Achievement, "mig-welding", &long_achievement(), PublishMode::Create).await.unwrap();
    let short = issue(&a, "forklift", "Anna Svensson", None).await;
    let long = issue(&a, "mig-welding", "Jonas Berg", Some("Pass with distinction")).await;
    let (short_jwt, short_json) = (export(&a, &short, "jwt").await, export(&a, &short, "json").await);
    let (long_jwt, long_json) = (export(&a, &long, "jwt").await, export(&a, &long, "json").await);
    println!("JWT sizes: short {} bytes, long {} bytes", short_jwt.len(), long_jwt.len());

    // A and C trust B as their anchor; B endorses A.
    let a_did = publisher.institution().to_did();
    let b_did = b.node.publisher().institution().to_did();
    for node in [&a, &c] {
        let (status, _) = ApiClient::new(node).post("/v1/trust/anchors", &json!({ "institution": b_did })).await;
        assert_eq!(status, 204);
    }
    let (status, body) =
        ApiClient::new(&b).post("/v1/endorsements", &json!({ "subject": a_did, "role": "partner" })).await;
    assert!(status == 201 || status == 200, "{status} {body}");

    wait_until("A holds B's endorsement of it", || async {
        let (_, view) = ApiClient::new(&a).get(&format!("/v1/trust/institutions/{}", dashboard::percent(&a_did))).await;
        view["trust"]["level"] == "endorsed-by-anchor"
    })
    .await;

    // The certificates on A.
    sign_in(&browser, &a).await;
    let decoded = check_certificate(&browser, &a, &short, &shots, "certificate-jwt").await;
    assert_eq!(decoded, short_jwt, "the short credential's QR code carries its VC-JWT");
    let page = browser.text().await;
    for wanted in ["Anna Svensson", "Forklift safety", "Drives a forklift safely", "Practical test", "School QA"] {
        assert!(page.contains(wanted), "the certificate shows {wanted:?}: {page}");
    }
    assert!(page.contains("15 October 2026"), "the award day in the reader's locale: {page}");
    assert!(page.contains("Aalborg Tech"), "{page}");
    let verdict = verify_by_api(&a, &decoded).await;
    assert_eq!(verdict["verdict"], "valid", "what the QR code carries verifies: {verdict}");

    let decoded = check_certificate(&browser, &a, &long, &shots, "certificate-reference").await;
    let sha256 = hex(&Sha256::digest(long_json.as_bytes()));
    assert_eq!(decoded, format!("vetnet-credential:{long}#sha256={sha256}"), "too large: the code names the file");
    assert!(long_jwt.len() > 2953, "the long credential's JWT does not fit in version 40-L");
    let page = browser.text().await;
    for wanted in [
        "Jonas Berg",
        "MIG welding of steel plates and pipes",
        "Welds fillet joints in PA and PB positions to ISO 5817 level C",
        "7.5 ECTS credits, 200 hours",
        "DK 4",
        "Mechanics and metal trades",
        "On site, with an identity check",
        "Can be stacked into a larger credential",
        "Basic workshop safety",
        "https://aalborg-tech.example/mig",
        "Pass with distinction",
        &sha256,
    ] {
        assert!(page.contains(wanted), "the certificate shows {wanted:?}: {page}");
    }
    shots.take(&browser, "certificate-en-390", 390).await;
    german_and_printed(&browser, &a, &long, &shots).await;

    // C holds A's profile and B's endorsement of A.
    let c_api = ApiClient::new(&c);
    wait_until("C trusts A through B", || async {
        let (_, view) = c_api.get(&format!("/v1/trust/institutions/{}", dashboard::percent(&a_did))).await;
        view["trust"]["level"] == "endorsed-by-anchor"
    })
    .await;

    sign_in(&browser, &c).await;
    let verify = format!("{}/verify", dashboard::url(&c));
    check_bad_input(&browser, &verify, &long, &sha256).await;

    // The JSON file, pasted: valid, with the trust path.
    paste_and_verify(&browser, &verify, &short_json).await;
    let page = browser.text().await;
    assert!(page.contains("Valid") && !page.contains("Not valid"), "{page}");
    assert!(page.contains("Danish VET Agency endorses Aalborg Tech"), "the trust path: {page}");
    assert!(page.contains("Anna Svensson") && page.contains("Aalborg Tech (VET provider, Denmark"), "{page}");
    browser.check_accessibility("a valid verdict").await;
    shots.take(&browser, "verify-valid-en-1280", 1280).await;
    shots.take(&browser, "verify-valid-en-390", 390).await;

    // The QR code's JWT, pasted as a scanner gives it: valid too.
    paste_and_verify(&browser, &verify, &short_jwt).await;
    assert!(browser.text().await.contains("as a VC-JWT"), "read as a VC-JWT");
    assert_eq!(browser.text_of("#verdict-heading").await, "Valid");

    // The QR code's reference with its file: the file matches, then verifies.
    browser.open(&verify).await;
    browser.fill("f-credential", &format!("vetnet-credential:{long}#sha256={sha256}")).await;
    let file = shots.dir.join("mig-welding.json");
    std::fs::write(&file, &long_json).unwrap();
    choose_file(&browser, &file).await;
    browser.submit("form.verify-form button[type=submit]").await;
    let page = browser.text().await;
    assert!(page.contains(&format!("The file matches the QR code (SHA-256 {sha256})")), "{page}");
    assert_eq!(browser.text_of("#verdict-heading").await, "Valid");

    // A revokes the short one; once C holds the revocation, its page says so.
    let (status, body) = ApiClient::new(&a)
        .post(&format!("/v1/credentials/{}/revoke", dashboard::percent(&short)), &json!({ "reason": "withdrawn" }))
        .await;
    assert_eq!(status, 200, "{body}");
    wait_until("the revocation reaches C", || async { verify_by_api(&c, &short_json).await["verdict"] == "revoked" })
        .await;
    let revoked_at = verify_by_api(&c, &short_json).await["revocation"]["ts"].as_u64().unwrap();
    paste_and_verify(&browser, &verify, &short_json).await;
    let page = browser.text().await;
    assert_eq!(browser.text_of("#verdict-heading").await, "Not valid");
    let day = chrono::DateTime::from_timestamp(revoked_at as i64, 0).unwrap().format("%-d %B %Y").to_string();
    assert!(page.contains(&format!("Revoked on {day}")) && page.contains("(withdrawn)"), "the date: {page}");
    browser.check_accessibility("a revoked verdict").await;
    shots.take(&browser, "verify-revoked-en-1280", 1280).await;
    browser.open(&format!("{}/language?lang=sv&next=/verify", dashboard::url(&c))).await;
    paste_and_verify(&browser, &verify, &short_json).await;
    assert!(browser.text().await.contains("Återkallat"), "the verdict in Swedish");
    shots.take(&browser, "verify-revoked-sv-390", 390).await;
    browser.open(&format!("{}/credentials/{}/certificate", dashboard::url(&a), dashboard::percent(&short))).await;
    // The language cookie is per host, so A's pages are in Swedish now too.
    assert!(browser.text().await.contains("Meritbeviset återkallades"), "the certificate says it is revoked");
}

/// The certificate in German, on screen and as printed (print rules applied).
async fn german_and_printed(browser: &Browser, a: &TestNode, long: &str, shots: &Shots) {
    browser
        .open(&format!(
            "{}/language?lang=de&next=/credentials/{}/certificate",
            dashboard::url(a),
            dashboard::percent(long)
        ))
        .await;
    let german = browser.text().await;
    assert!(german.contains("Lernergebnisse") && german.contains("15. Oktober 2026"), "{german}");
    assert!(german.contains("MIG welding of steel plates and pipes"), "the achievement's text as issued: {german}");
    browser.check_accessibility("the certificate in German").await;
    shots.take(browser, "certificate-de-1280", 1280).await;
    shots.take(browser, "certificate-de-390", 390).await;
    as_printed(browser).await;
    let hidden =
        browser.client.execute("return getComputedStyle(document.querySelector('header.top')).display", vec![]);
    assert_eq!(hidden.await.unwrap(), json!("none"), "no navigation in print");
    shots.take(browser, "certificate-de-print", 794).await;
    browser.open(&format!("{}/language?lang=en&next=/", dashboard::url(a))).await;
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn choose_file(browser: &Browser, path: &std::path::Path) {
    let input = browser.client.find(fantoccini::Locator::Css("#f-file")).await.expect("a file input");
    input.send_keys(&path.display().to_string()).await.expect("the file is chosen");
}

async fn paste_and_verify(browser: &Browser, verify: &str, text: &str) {
    browser.open(verify).await;
    browser.fill("f-credential", text).await;
    browser.submit("form.verify-form button[type=submit]").await;
}

/// Empty, not a credential, a reference without its file and with the wrong
/// file: each refused beside its field, with a 4xx status.
async fn check_bad_input(browser: &Browser, verify: &str, long: &str, sha256: &str) {
    browser.open(verify).await;
    browser.check_accessibility("the verify page").await;
    browser.submit("form.verify-form button[type=submit]").await;
    assert!(browser.text_of("#f-credential-error").await.contains("Paste a credential or choose its file"));
    browser.check_accessibility("the verify page with an error").await;
    paste_and_verify(browser, verify, "{\"hello\": \"world\"}").await;
    assert!(browser.text_of("#f-credential-error").await.contains("This is not a credential this node can read"));
    paste_and_verify(browser, verify, &format!("vetnet-credential:{long}#sha256={sha256}")).await;
    assert!(browser.text_of("#f-file-error").await.contains("choose that file"));
    assert!(browser.text().await.contains("A QR code that names a file"));

    let cookie = browser.client.get_all_cookies().await.unwrap();
    let header: Vec<String> = cookie.iter().map(|c| format!("{}={}", c.name(), c.value())).collect();
    let csrf = browser.attr_of("input[name=csrf]", "value").await.unwrap();
    let host = verify.trim_end_matches("/verify");
    let boundary = "vetnet-test-boundary";
    let field = |name: &str, file: Option<&str>, value: &str| {
        let filename = file.map(|f| format!("; filename=\"{f}\"")).unwrap_or_default();
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{filename}\r\n\r\n{value}\r\n")
    };
    let body = [
        field("csrf", None, &csrf),
        field("credential", None, &format!("vetnet-credential:{long}#sha256={sha256}")),
        field("file", Some("other.json"), "{\"not\": \"the file\"}"),
        format!("--{boundary}--\r\n"),
    ]
    .concat();
    let response = reqwest::Client::new()
        .post(verify)
        .header("cookie", header.join("; "))
        .header("origin", host)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422, "a file that is not the one the code names");
    assert!(response.text().await.unwrap().contains("This file is not the one the QR code names"));
}
