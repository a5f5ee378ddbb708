//! `vetnet match`: per own offer or need, the ranked matches with their
//! reasons (✓ fits, ✗ misfits, · notes).

use serde_json::Value;

use crate::args::MatchArgs;
use crate::client::ApiClient;
use crate::commands::{lang_text, short_did, text};
use crate::printer::Printer;

pub async fn run(client: &ApiClient, args: MatchArgs, printer: Printer) -> anyhow::Result<()> {
    let mut query: Vec<(&str, String)> = Vec::new();
    query.extend(args.offer.map(|v| ("offer", v)));
    query.extend(args.need.map(|v| ("need", v)));
    query.extend(args.limit.map(|v| ("limit", v.to_string())));
    query.extend(args.all.then(|| ("all", "true".to_owned())));
    query.extend(args.trusted.then(|| ("trusted", "true".to_owned())));
    let items = client.get("/v1/match", &query).await?;
    if printer.json {
        printer.value(&items);
        return Ok(());
    }
    let list = items.as_array().cloned().unwrap_or_default();
    if list.is_empty() {
        printer.line("This institution has no live offers or needs to match. Publish one with `vetnet offer publish` or `vetnet need publish`.");
        return Ok(());
    }
    for (n, item) in list.iter().enumerate() {
        if n > 0 {
            printer.line("");
        }
        print_item(item, printer);
    }
    Ok(())
}

fn print_item(item: &Value, printer: Printer) {
    let own = &item["own"];
    let (kind, other) = if item["kind"] == "offer" { ("Offer", "needs") } else { ("Need", "offers") };
    printer.line(format!("{kind} {}: {}", text(&own["id"]), lang_text(&own["title"])));
    let matches = item["matches"].as_array().cloned().unwrap_or_default();
    if matches.is_empty() {
        printer.line(format!("  No {other} of other institutions fit."));
        return;
    }
    let rows: Vec<Vec<String>> = matches
        .iter()
        .enumerate()
        .map(|(rank, m)| {
            let record = &m["record"];
            let institution =
                record["author_name"].as_str().map_or_else(|| short_did(&text(&record["author"])), str::to_owned);
            // Where the offer is, or where the group would like to go.
            let country = match (record["country"].as_str(), record["countries"].as_array()) {
                (Some(country), _) => country.to_owned(),
                (None, Some(countries)) => countries.iter().map(text).collect::<Vec<_>>().join(","),
                (None, None) => "any".to_owned(),
            };
            vec![
                format!("{}", rank + 1),
                if m["blocking"] == true { format!("{} (blocked)", text(&m["score"])) } else { text(&m["score"]) },
                institution,
                country,
                text(&record["id"]),
                lang_text(&record["title"]),
            ]
        })
        .collect();
    printer.table(&["#", "SCORE", "INSTITUTION", "COUNTRY", "ID", "TITLE"], &rows);
    for (rank, m) in matches.iter().enumerate() {
        printer.line(format!("  #{} {}:", rank + 1, text(&m["record"]["id"])));
        for (list, mark) in [("fits", "✓"), ("misfits", "✗"), ("notes", "·")] {
            for reason in m[list].as_array().into_iter().flatten() {
                printer.line(format!("    {mark} {}", text(&reason["text"])));
            }
        }
    }
}
