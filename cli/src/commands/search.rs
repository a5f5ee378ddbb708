//! `vetnet search offers|needs|institutions|achievements|networks|events|skills-needs|resources`.

use vetnet_views::{AchievementView, EventView, NeedView, OfferView, ProfileView, ResourceView, SkillsNeedView};

use crate::args::SearchCommand;
use crate::client::ApiClient;
use crate::commands::achievement::print_achievements;
use crate::commands::event::{print_calendar, print_events};
use crate::commands::need::print_needs;
use crate::commands::offer::print_offers;
use crate::commands::resource::print_resources;
use crate::commands::skills_need::print_skills_needs;
use crate::commands::{join, lang_text, opt, short_did};
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
            let offers: Vec<OfferView> = client.get("/v1/search/offers", &query).await?;
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
            let needs: Vec<NeedView> = client.get("/v1/search/needs", &query).await?;
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
            let institutions: Vec<ProfileView> = client.get("/v1/search/institutions", &query).await?;
            print_institutions(&institutions, printer);
        }
        SearchCommand::Networks(args) => {
            let mut query: Vec<(&str, String)> = args.region.map(|v| ("region", v)).into_iter().collect();
            query.extend(args.country.map(|v| ("country", v)));
            query.extend(args.topic.map(|v| ("topic", v)));
            query.extend(args.limit.map(|v| ("limit", v.to_string())));
            let networks: Vec<vetnet_views::NetworkView> = client.get("/v1/networks", &query).await?;
            super::networks::print_networks(&networks, printer);
        }
        SearchCommand::SkillsNeeds(args) => {
            let mut query: Vec<(&str, String)> = Vec::new();
            query.extend(args.region.map(|v| ("region", v.trim().to_ascii_uppercase())));
            query.extend(args.isco.map(|v| ("isco", v)));
            query.extend(args.occupation.map(|v| ("occupation", v)));
            query.extend(args.isced.map(|v| ("isced", v)));
            query.extend(args.skill.map(|v| ("skill", v)));
            query.extend(args.text.map(|v| ("text", v)));
            query.extend(args.author.map(|v| ("author", v)));
            query.extend(args.limit.map(|v| ("limit", v.to_string())));
            query.extend(args.trusted.then(|| ("trusted", "true".to_owned())));
            let needs: Vec<SkillsNeedView> = client.get("/v1/search/skills-needs", &query).await?;
            print_skills_needs(&needs, printer, "No skills needs match.");
        }
        SearchCommand::Resources(args) => {
            let mut query: Vec<(&str, String)> = Vec::new();
            query.extend(args.kind.map(|v| ("category", v)));
            query.extend(args.lang.map(|v| ("lang", v)));
            query.extend(args.text.map(|v| ("text", v)));
            query.extend(args.author.map(|v| ("author", v)));
            query.extend(args.limit.map(|v| ("limit", v.to_string())));
            query.extend(args.trusted.then(|| ("trusted", "true".to_owned())));
            let resources: Vec<ResourceView> = client.get("/v1/search/resources", &query).await?;
            print_resources(&resources, printer, "No resources match.");
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
            let list: Vec<AchievementView> = client.get("/v1/search/achievements", &query).await?;
            print_achievements(&list, printer, "No achievements match.");
        }
        SearchCommand::Events(args) => {
            let mut query: Vec<(&str, String)> = args.country.into_iter().map(|c| ("country", c)).collect();
            query.extend(args.network.map(|v| ("network", v)));
            query.extend(args.region.map(|v| ("region", v)));
            query.extend(args.from.map(|v| ("from", v)));
            query.extend(args.kind.map(|v| ("kind", v)));
            query.extend(args.audience.map(|v| ("audience", v)));
            query.extend(args.lang.map(|v| ("lang", v)));
            query.extend(args.text.map(|v| ("text", v)));
            query.extend(args.author.map(|v| ("author", v)));
            query.extend(args.limit.map(|v| ("limit", v.to_string())));
            query.extend(args.trusted.then(|| ("trusted", "true".to_owned())));
            if args.ics {
                print_calendar(client.get_text("/v1/search/events.ics", &query).await?, printer);
            } else {
                let events: Vec<EventView> = client.get("/v1/search/events", &query).await?;
                print_events(&events, printer, "No events match.");
            }
        }
    }
    Ok(())
}

fn print_institutions(institutions: &[ProfileView], printer: Printer) {
    if printer.json {
        printer.value(institutions);
        return;
    }
    if institutions.is_empty() {
        printer.line("No institutions match.");
        return;
    }
    let rows: Vec<Vec<String>> = institutions
        .iter()
        .map(|record| {
            let mut row = match &record.body {
                Some(p) => {
                    let sectors = [join(&p.isced, ","), join(&p.nace, ",")]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(",");
                    vec![
                        lang_text(&p.name),
                        p.institution.to_string(),
                        p.country.clone(),
                        opt(&p.city),
                        sectors,
                        join(&p.languages, ","),
                    ]
                }
                None => vec![String::new(); 6],
            };
            row.extend([record.trust.level.to_string(), short_did(&record.author)]);
            row
        })
        .collect();
    printer.table(&["NAME", "KIND", "COUNTRY", "CITY", "SECTORS", "LANGUAGES", "TRUST", "DID"], &rows);
}
