//! `/metrics` read by an independent parser: the OpenMetrics text parser of
//! Python's `prometheus_client` (Debian's python3-prometheus-client, which
//! `.ci/metrics-deps` installs), run as `/usr/bin/python3`. It is strict:
//! a missing `# EOF`, a sample outside its family, a counter without
//! `_total`, a bad escape or a repeated family fail it.

use std::collections::BTreeMap;

use crate::python::{Needs, read_json};

/// Parses stdin and prints every family (name, type) and every sample
/// (name, labels, value) as JSON.
const READER: &str = r#"
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
families = []
for family in text_string_to_metric_families(sys.stdin.read()):
    families.append({
        "name": family.name,
        "type": family.type,
        "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
    })
print(json.dumps(families))
"#;

/// One sample of a scrape.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

/// What the parser read: each family's type, and every sample.
#[derive(Debug, Clone, Default)]
pub struct Scrape {
    pub types: BTreeMap<String, String>,
    pub samples: Vec<Sample>,
}

impl Scrape {
    /// The sum of the samples named `name` whose labels include `labels`
    /// (0 when there is none).
    pub fn sum(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.matching(name, labels).map(|s| s.value).sum()
    }

    /// Whether a sample named `name` with `labels` is there.
    pub fn has(&self, name: &str, labels: &[(&str, &str)]) -> bool {
        self.matching(name, labels).next().is_some()
    }

    fn matching<'a>(&'a self, name: &'a str, labels: &'a [(&str, &str)]) -> impl Iterator<Item = &'a Sample> + 'a {
        self.samples.iter().filter(move |s| {
            s.name == name && labels.iter().all(|(k, v)| s.labels.get(*k).is_some_and(|held| held == v))
        })
    }
}

/// Reads `text` with `prometheus_client`'s OpenMetrics parser. Panics when
/// it is missing or refuses the text.
pub fn read_with_python(text: &str) -> Scrape {
    let needs =
        Needs { module: "prometheus_client", install: ".ci/metrics-deps (apt-get install python3-prometheus-client)" };
    let families = read_json(READER, text.as_bytes(), &needs);
    let mut scrape = Scrape::default();
    for family in families.as_array().into_iter().flatten() {
        let name = family["name"].as_str().unwrap_or_default().to_owned();
        scrape.types.insert(name, family["type"].as_str().unwrap_or_default().to_owned());
        for sample in family["samples"].as_array().into_iter().flatten() {
            let labels = sample["labels"]
                .as_object()
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
                .unwrap_or_default();
            scrape.samples.push(Sample {
                name: sample["name"].as_str().unwrap_or_default().to_owned(),
                labels,
                value: sample["value"].as_f64().unwrap_or(f64::NAN),
            });
        }
    }
    scrape
}
