//! `vetnet search offers|needs|institutions|achievements`.

use crate::args::SearchCommand;
use crate::client::ApiClient;
use crate::commands::achievement::print_achievements;
use crate::commands::need::print_needs;
use crate::commands::offer::print_offers;
use crate::commands::{lang_text, short_did, text};
use crate::printer::Printer;

pub async fn run(client: &ApiClient, command: SearchCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        SearchCommand::Offers(args) => {
            let mut query: Vec<(&str, String)> = args.country.into_iter().map(|c| ("country", c)).collect();
            query.extend(args.sector.map(|v| ("sector", v)));
            query.extend(args.eqf.map(|v| ("eqf", v.to_string())));
            query.extend(args.lang.map(|v| ("lang", v)));
            query.extend(args.text.map(|v| ("text", v)));
            query.extend(args.author.map(|v| ("author", v)));
            query.extend(args.limit.map(|v| ("limit", v.to_string())));
            query.extend(args.trusted.then(|| ("trusted", "true".to_owned())));
            let offers = client.get("/v1/search/offers", &query).await?;
            print_offers(&offers, printer, "No offers match.");
        }
        SearchCommand::Needs(args) => {
            let mut query: Vec<(&str, String)> = args.country.into_iter().map(|c| ("country", c)).collect();
            query.extend(args.sector.map(|v| ("sector", v)));
            query.extend(args.eqf.map(|v| ("eqf", v.to_string())));
            query.extend(args.lang.map(|v| ("lang", v)));
            query.extend(args.text.map(|v| ("text", v)));
            query.extend(args.author.map(|v| ("author", v)));
            query.extend(args.limit.map(|v| ("limit", v.to_string())));
            query.extend(args.trusted.then(|| ("trusted", "true".to_owned())));
            let needs = client.get("/v1/search/needs", &query).await?;
            print_needs(&needs, printer, "No needs match.");
        }
        SearchCommand::Institutions(args) => {
            let mut query: Vec<(&str, String)> = args.country.into_iter().map(|c| ("country", c)).collect();
            query.extend(args.kind.map(|v| ("kind", v)));
            query.extend(args.sector.map(|v| ("sector", v)));
            query.extend(args.lang.map(|v| ("lang", v)));
            query.extend(args.text.map(|v| ("text", v)));
            query.extend(args.limit.map(|v| ("limit", v.to_string())));
            query.extend(args.trusted.then(|| ("trusted", "true".to_owned())));
            let institutions = client.get("/v1/search/institutions", &query).await?;
            if printer.json {
                printer.value(&institutions);
                return Ok(());
            }
            let list = institutions.as_array().cloned().unwrap_or_default();
            if list.is_empty() {
                printer.line("No institutions match.");
                return Ok(());
            }
            let join = |v: &serde_json::Value| {
                v.as_array().map(|a| a.iter().map(text).collect::<Vec<_>>().join(",")).unwrap_or_default()
            };
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|p| {
                    let sectors = [join(&p["isced"]), join(&p["nace"])]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(",");
                    vec![
                        lang_text(&p["name"]),
                        text(&p["institution"]),
                        text(&p["country"]),
                        text(&p["city"]),
                        sectors,
                        join(&p["languages"]),
                        text(&p["trust"]["level"]),
                        short_did(&text(&p["author"])),
                    ]
                })
                .collect();
            printer.table(&["NAME", "KIND", "COUNTRY", "CITY", "SECTORS", "LANGUAGES", "TRUST", "DID"], &rows);
        }
        SearchCommand::Achievements(args) => {
            let mut query: Vec<(&str, String)> = args.country.into_iter().map(|c| ("country", c)).collect();
            query.extend(args.sector.map(|v| ("sector", v)));
            query.extend(args.eqf.map(|v| ("eqf", v.to_string())));
            query.extend(args.lang.map(|v| ("lang", v)));
            query.extend(args.skill.map(|v| ("skill", v)));
            query.extend(args.participation.map(|v| ("participation", v)));
            query.extend(args.text.map(|v| ("text", v)));
            query.extend(args.author.map(|v| ("author", v)));
            query.extend(args.limit.map(|v| ("limit", v.to_string())));
            query.extend(args.trusted.then(|| ("trusted", "true".to_owned())));
            let list = client.get("/v1/search/achievements", &query).await?;
            print_achievements(&list, printer, "No achievements match.");
        }
    }
    Ok(())
}
