//! `vetnet match`: per own offer or need, the ranked matches with their
//! reasons (✓ fits, ✗ misfits, · notes).

use vetnet_views::{LangText, MatchCandidate, MatchItem, Need, Offer, RecordView};

use crate::args::MatchArgs;
use crate::client::ApiClient;
use crate::commands::{join, lang_text, name_or_did};
use crate::printer::Printer;

pub async fn run(client: &ApiClient, args: MatchArgs, printer: Printer) -> anyhow::Result<()> {
    if let Some(id) = &args.skills_need {
        return super::region::run_match(client, id, args.author, args.limit, printer).await;
    }
    let mut query: Vec<(&str, String)> = Vec::new();
    query.extend(args.offer.map(|v| ("offer", v)));
    query.extend(args.need.map(|v| ("need", v)));
    query.extend(args.limit.map(|v| ("limit", v.to_string())));
    query.extend(args.all.then(|| ("all", "true".to_owned())));
    query.extend(args.trusted.then(|| ("trusted", "true".to_owned())));
    let items: Vec<MatchItem> = client.get("/v1/match", &query).await?;
    if printer.json {
        printer.value(&items);
        return Ok(());
    }
    if items.is_empty() {
        printer.line("This institution has no live offers or needs to match. Publish one with `vetnet offer publish` or `vetnet need publish`.");
        return Ok(());
    }
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            printer.line("");
        }
        print_item(item, printer);
    }
    Ok(())
}

fn print_item(item: &MatchItem, printer: Printer) {
    match item {
        MatchItem::Offer { own, matches } => {
            print_own("Offer", own, |o: &Offer| &o.title, printer);
            // Where the group would like to go.
            let country = |n: &Need| if n.countries.is_empty() { "any".to_owned() } else { join(&n.countries, ",") };
            print_matches("needs", matches, country, |n: &Need| &n.title, printer);
        }
        MatchItem::Need { own, matches } => {
            print_own("Need", own, |n: &Need| &n.title, printer);
            // Where the offer is.
            print_matches("offers", matches, |o: &Offer| o.country.clone(), |o: &Offer| &o.title, printer);
        }
    }
}

fn print_own<B>(kind: &str, own: &RecordView<B>, title: impl Fn(&B) -> &LangText, printer: Printer) {
    let title = own.body.as_ref().map(|b| lang_text(title(b))).unwrap_or_default();
    printer.line(format!("{kind} {}: {title}", own.id));
}

fn print_matches<B>(
    other: &str,
    matches: &[MatchCandidate<B>],
    country: impl Fn(&B) -> String,
    title: impl Fn(&B) -> &LangText,
    printer: Printer,
) {
    if matches.is_empty() {
        printer.line(format!("  No {other} of other institutions fit."));
        return;
    }
    let rows: Vec<Vec<String>> = matches
        .iter()
        .enumerate()
        .map(|(rank, m)| {
            let record = &m.record;
            vec![
                format!("{}", rank + 1),
                if m.blocking { format!("{} (blocked)", m.score) } else { m.score.to_string() },
                name_or_did(&record.author_name, &record.author),
                record.body.as_ref().map_or_else(|| "any".to_owned(), &country),
                record.id.clone(),
                record.body.as_ref().map(|b| lang_text(title(b))).unwrap_or_default(),
            ]
        })
        .collect();
    printer.table(&["#", "SCORE", "INSTITUTION", "COUNTRY", "ID", "TITLE"], &rows);
    for (rank, m) in matches.iter().enumerate() {
        printer.line(format!("  #{} {}:", rank + 1, m.record.id));
        for (reasons, mark) in [(&m.fits, "✓"), (&m.misfits, "✗"), (&m.notes, "·")] {
            for reason in reasons {
                printer.line(format!("    {mark} {}", reason.text));
            }
        }
    }
}
