//! A real headless Chromium for the dashboard's tests, through WebDriver:
//! `/usr/bin/chromedriver` on a free loopback port (stopped when the
//! [`Browser`] is dropped) and a fantoccini session, plain HTTP to loopback.
//! Every page can be checked with axe-core for serious and critical
//! accessibility violations.
//!
//! Without Chromium the tests are skipped, except under CI (`CI` set), where
//! that is a failure: `.ci/browser-deps` installs what they need.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

use crate::DEADLINE;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A WebDriver session in headless Chromium, and the chromedriver serving it.
pub struct Browser {
    pub client: Client,
    driver: Child,
    /// axe-core's script, injected into each page checked.
    axe: Option<String>,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Where axe-core is: `VETNET_AXE_JS`, or what `.ci/browser-deps` unpacked.
fn axe_path() -> PathBuf {
    match std::env::var_os("VETNET_AXE_JS") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/axe/package/axe.min.js"),
    }
}

fn in_ci() -> bool {
    std::env::var_os("CI").is_some()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session at `width` x 900.
    /// `None` (with a line saying so) when Chromium is not installed outside CI.
    pub async fn start() -> Option<Browser> {
        if !Path::new(CHROMEDRIVER).exists() || !Path::new(CHROMIUM).exists() {
            assert!(!in_ci(), "{CHROMIUM} and {CHROMEDRIVER} are missing: run .ci/browser-deps as root");
            println!("skipped: install chromium and chromium-driver");
            return None;
        }
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let start = tokio::time::Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(start.elapsed() < DEADLINE, "chromedriver did not answer on port {port} within {DEADLINE:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1280,900", "--lang=en-GB"],
            },
        });
        let Value::Object(capabilities) = capabilities else { unreachable!("a JSON object") };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session in Chromium");
        let axe = match std::fs::read_to_string(axe_path()) {
            Ok(script) => Some(script),
            Err(e) => {
                assert!(!in_ci(), "axe-core is missing at {} ({e}): run .ci/browser-deps", axe_path().display());
                println!("axe-core not found at {}: accessibility checks skipped", axe_path().display());
                None
            }
        };
        let browser = Browser { client, driver, axe };
        Some(browser)
    }

    /// Opens `url` and waits until the page has loaded.
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// The page's text as a reader sees it.
    pub async fn text(&self) -> String {
        let text = self.client.execute("return document.body.innerText", vec![]).await.expect("page text");
        text.as_str().unwrap_or_default().to_owned()
    }

    /// Reloads `url` until its text contains `wanted`, or fails after [`DEADLINE`].
    pub async fn wait_for_text(&self, url: &str, wanted: &str) {
        let start = tokio::time::Instant::now();
        loop {
            self.open(url).await;
            if self.text().await.contains(wanted) {
                return;
            }
            assert!(start.elapsed() < DEADLINE, "{url} did not show {wanted:?} within {DEADLINE:?}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Sets a form field's value by its id (dates and selects included, in
    /// every locale) as a reader's typing would.
    pub async fn fill(&self, id: &str, value: &str) {
        let done = self
            .client
            .execute(
                "const e = document.getElementById(arguments[0]); if (!e) return false; \
                 e.value = arguments[1]; e.dispatchEvent(new Event('change', {bubbles: true})); return true;",
                vec![json!(id), json!(value)],
            )
            .await
            .expect("a script runs");
        assert_eq!(done, json!(true), "no field with id {id:?} on this page");
    }

    /// Clicks the element `css` selects.
    pub async fn click(&self, css: &str) {
        let element =
            self.client.find(fantoccini::Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css:?}: {e}"));
        element.click().await.unwrap_or_else(|e| panic!("cannot click {css:?}: {e}"));
    }

    /// Clicks the element `css` selects and waits until the page it leads
    /// to has replaced this one (a form's submit button, a link).
    pub async fn submit(&self, css: &str) {
        let old_page = self.client.find(fantoccini::Locator::Css("html")).await.expect("an open page");
        self.click(css).await;
        let start = tokio::time::Instant::now();
        // The old page's root goes stale once the new page has replaced it.
        while old_page.tag_name().await.is_ok() {
            assert!(start.elapsed() < DEADLINE, "clicking {css:?} led to no new page within {DEADLINE:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        loop {
            let state = self.client.execute("return document.readyState", vec![]).await;
            if matches!(state.as_ref().ok().and_then(Value::as_str), Some("complete")) {
                return;
            }
            assert!(start.elapsed() < DEADLINE, "the page after clicking {css:?} did not finish loading");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The text of the element `css` selects.
    pub async fn text_of(&self, css: &str) -> String {
        let element =
            self.client.find(fantoccini::Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css:?}: {e}"));
        element.text().await.unwrap_or_default()
    }

    /// An attribute of the element `css` selects.
    pub async fn attr_of(&self, css: &str, attribute: &str) -> Option<String> {
        let element =
            self.client.find(fantoccini::Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css:?}: {e}"));
        element.attr(attribute).await.ok().flatten()
    }

    /// Runs axe-core on the open page and fails on any serious or critical
    /// violation, naming each rule and how many elements break it.
    pub async fn check_accessibility(&self, page: &str) {
        let Some(axe) = &self.axe else { return };
        self.client.execute(axe, vec![]).await.expect("axe-core loads");
        let violations = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 axe.run().then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length, \
                 v.nodes.slice(0, 3).map(n => n.target.join(' '))])), e => done([['axe-error', 'critical', 0, [String(e)]]]));",
                vec![],
            )
            .await
            .expect("axe-core runs");
        let serious: Vec<&Value> = violations
            .as_array()
            .map(|v| v.iter().filter(|v| matches!(v[1].as_str(), Some("serious" | "critical"))).collect())
            .unwrap_or_default();
        assert!(serious.is_empty(), "axe-core finds serious or critical violations on {page}: {serious:?}");
    }

    /// A PNG of the whole page at `width`.
    pub async fn screenshot(&self, width: u32) -> Vec<u8> {
        self.client.set_window_size(width, 900).await.expect("window resizes");
        let height = self
            .client
            .execute("return Math.ceil(document.documentElement.scrollHeight)", vec![])
            .await
            .ok()
            .and_then(|h| h.as_u64())
            .unwrap_or(900)
            .clamp(600, 8000) as u32;
        self.client.set_window_size(width, height + 140).await.expect("window resizes");
        let png = self.client.screenshot().await.expect("a screenshot");
        self.client.set_window_size(1280, 900).await.expect("window resizes");
        png
    }
}
