//! What offers and achievements share: the institution's own records of a
//! kind, published, listed, updated and withdrawn through `/v1/<kind>s`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use vetnet_views::{GossipState, LangText, PublishedView, RecordView};

use crate::client::ApiClient;
use crate::commands::lang_text;
use crate::failure::Failure;
use crate::printer::Printer;

/// A kind of the institution's own records, as the API and the CLI name it.
/// Each call names the record body `B` it reads (`Offer`, `Need`, …).
pub(crate) struct OwnKind {
    /// `offer`, `achievement`.
    pub noun: &'static str,
    /// `/v1/offers`.
    pub path: &'static str,
}

impl OwnKind {
    fn item_path(&self, id: &str) -> String {
        format!("{}/{}", self.path, path_segment(id))
    }

    /// Publishes `fields` as a new record with `id`, the id of `--file`, or
    /// an id made from the title.
    pub async fn publish<B: Serialize + DeserializeOwned>(
        &self,
        client: &ApiClient,
        id: Option<String>,
        mut fields: Map<String, Value>,
        printer: Printer,
    ) -> anyhow::Result<()> {
        let id = match (id, fields.remove("id")) {
            (Some(id), _) => id,
            (None, Some(Value::String(id))) => id,
            _ => id_from_title(&title_text(&mut fields), self.noun),
        };
        fields.insert("id".into(), json!(id));
        let published: PublishedView<B> = client.post(self.path, &fields).await?;
        report_published(&published, "Published", self.noun, printer);
        Ok(())
    }

    pub async fn list<B: DeserializeOwned>(&self, client: &ApiClient, all: bool) -> anyhow::Result<Vec<RecordView<B>>> {
        let query = if all { vec![("all", "true".to_owned())] } else { Vec::new() };
        client.get(self.path, &query).await
    }

    pub async fn show<B: DeserializeOwned>(&self, client: &ApiClient, id: &str) -> anyhow::Result<RecordView<B>> {
        client.get(&self.item_path(id), &[]).await
    }

    /// Reads the record, lets `apply` change its body fields, and publishes
    /// the next version.
    pub async fn update<B: Serialize + DeserializeOwned>(
        &self,
        client: &ApiClient,
        id: &str,
        apply: impl FnOnce(&mut Map<String, Value>) -> anyhow::Result<()>,
        printer: Printer,
    ) -> anyhow::Result<()> {
        let noun = self.noun;
        let path = self.item_path(id);
        let record: RecordView<B> = client.get(&path, &[]).await?;
        if record.withdrawn {
            return Err(Failure::user(format!(
                "the {noun} {id:?} was withdrawn; publish it again with `vetnet {noun} publish --id {id}`"
            )));
        }
        let mut fields = body_fields(record.body.as_ref())?;
        apply(&mut fields)?;
        let published: PublishedView<B> = client.put(&path, &fields).await?;
        report_published(&published, "Updated", noun, printer);
        Ok(())
    }

    pub async fn withdraw<B: Serialize + DeserializeOwned>(
        &self,
        client: &ApiClient,
        id: &str,
        printer: Printer,
    ) -> anyhow::Result<()> {
        let published: PublishedView<B> = client.delete(&self.item_path(id)).await?;
        report_published(&published, "Withdrew", self.noun, printer);
        Ok(())
    }
}

/// A record body's fields, to change some and send them back.
pub(crate) fn body_fields<B: Serialize>(body: Option<&B>) -> anyhow::Result<Map<String, Value>> {
    match body.map(serde_json::to_value).transpose()? {
        Some(Value::Object(fields)) => Ok(fields),
        _ => Ok(Map::new()),
    }
}

/// The best text of the `title` the fields give, or "".
fn title_text(fields: &mut Map<String, Value>) -> String {
    let Some(title) = fields.remove("title") else {
        return String::new();
    };
    let text = LangText::deserialize(&title).map(|title| lang_text(&title)).unwrap_or_default();
    fields.insert("title".into(), title);
    text
}

/// Ids are restricted to letters, digits and `-_.`; anything else is refused
/// by the node, so percent-encoding is only needed for odd input.
pub(crate) fn path_segment(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect()
}

/// An id made from the title: `welding-in-kiel-7f3a`.
fn id_from_title(title: &str, fallback: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let suffix = format!("{:04x}", nanos % 0x10000);
    if slug.is_empty() { format!("{fallback}-{suffix}") } else { format!("{slug}-{suffix}") }
}

/// Reads `--file` (TOML with the body fields of docs/PROTOCOL.md).
pub(crate) fn read_toml_file(path: &std::path::Path) -> anyhow::Result<Map<String, Value>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure::user(format!("cannot read {}: {e}", path.display())))?;
    let table: toml::Table = toml::from_str(&text)
        .map_err(|e| Failure::user(format!("{} is not valid TOML: {}", path.display(), e.message())))?;
    match serde_json::to_value(table)? {
        Value::Object(map) => Ok(map),
        _ => Err(Failure::user(format!("{} must hold a TOML table", path.display()))),
    }
}

fn report_published<B: Serialize>(published: &PublishedView<B>, verb: &str, noun: &str, printer: Printer) {
    if printer.json {
        printer.value(published);
        return;
    }
    let (id, seq) = (&published.record.id, published.record.seq);
    let gossip = match published.gossip {
        GossipState::Sent => "sent to the network",
        GossipState::Queued => "stored; it goes to the network as soon as a peer connects",
    };
    printer.line(format!("{verb} {noun} {id} (version {seq}): {gossip}."));
}
