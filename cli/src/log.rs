//! The log on stderr: text for people, or one JSON object per line for log
//! shippers (`vetnet node run --log-format json`, or `log_format = "json"`
//! in the settings).
//!
//! A JSON line always has `timestamp` (UTC, RFC 3339), `level`, `message`
//! and `target`, beside the event's own fields and `spans` (the names of
//! the spans it happened in) when there are any; keys in alphabetical order. Some events of libraries
//! carry fields and no message (libp2p's swarm logs only its
//! `local_peer_id`): their `message` is the fields written out as text
//! (`local_peer_id=12D3KooW…`), so that every line has one to show.

use std::fmt;

use serde_json::{Map, Value};
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;
use vetnet_node::config::LogFormat;

/// Starts the log at `default_level` (`RUST_LOG` overrides it) in `format`.
pub fn start(default_level: &str, format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level));
    let log = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Json => log.event_format(JsonLines).init(),
        LogFormat::Text => {
            let colour = std::io::IsTerminal::is_terminal(&std::io::stderr()) && std::env::var_os("NO_COLOR").is_none();
            log.with_ansi(colour).init();
        }
    }
}

/// Writes each event as one JSON object on one line.
struct JsonLines;

impl<S, N> FormatEvent<S, N> for JsonLines
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(&self, ctx: &FmtContext<'_, S, N>, mut writer: Writer<'_>, event: &Event<'_>) -> fmt::Result {
        let mut fields = EventFields::default();
        event.record(&mut fields);
        let metadata = event.metadata();
        let mut line = Map::new();
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        line.insert("timestamp".into(), now.into());
        line.insert("level".into(), metadata.level().as_str().into());
        let message = fields.message.take().unwrap_or_else(|| fields.as_text());
        line.insert("message".into(), message.into());
        line.insert("target".into(), metadata.target().into());
        for (name, value) in fields.others {
            // An event's field never overwrites the four every line has.
            line.entry(name).or_insert(value);
        }
        if let Some(scope) = ctx.event_scope() {
            let spans: Vec<Value> = scope.from_root().map(|span| Value::from(span.name())).collect();
            line.insert("spans".into(), spans.into());
        }
        writeln!(writer, "{}", Value::Object(line))
    }
}

/// An event's message and its other fields, as JSON values.
#[derive(Default)]
struct EventFields {
    message: Option<String>,
    others: Vec<(String, Value)>,
}

impl EventFields {
    /// The other fields as `name=value` text, for an event with no message.
    fn as_text(&self) -> String {
        let text = |value: &Value| match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        self.others.iter().map(|(name, value)| format!("{name}={}", text(value))).collect::<Vec<_>>().join(" ")
    }

    fn add(&mut self, field: &Field, value: Value) {
        if field.name() == "message" {
            self.message = Some(match value {
                Value::String(s) => s,
                other => other.to_string(),
            });
        } else {
            self.others.push((field.name().to_owned(), value));
        }
    }
}

impl Visit for EventFields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.add(field, format!("{value:?}").into());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.add(field, value.into());
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.add(field, value.into());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.add(field, value.into());
    }
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.add(field, value.into());
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.add(field, value.into());
    }
    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.add(field, value.to_string().into());
    }
}
