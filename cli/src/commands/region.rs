//! `vetnet region CODE`, `vetnet stats publish` and
//! `vetnet match --skills-need ID`.

use vetnet_views::{RegionView, SkillsNeedMatchView, SkillsNeedView, StatsPublishInput, StatsPublishedView};

use crate::args::{RegionArgs, StatsCommand};
use crate::client::ApiClient;
use crate::commands::own::path_segment;
use crate::commands::skills_need::{SKILLS_NEEDS, about, size};
use crate::commands::{lang_text, name_or_did};
use crate::printer::Printer;

pub async fn run_region(client: &ApiClient, args: RegionArgs, printer: Printer) -> anyhow::Result<()> {
    let code = args.code.trim().to_ascii_uppercase();
    let region: RegionView = client.get(&format!("/v1/region/{}", path_segment(&code)), &[]).await?;
    if printer.json {
        printer.value(&region);
        return Ok(());
    }
    let name = if region.name.is_empty() { String::new() } else { format!(" {}", region.name) };
    printer.line(format!("{}{name} (NUTS {}, {})", region.code, region.level, region.country));
    let placed = |author_region: &Option<String>| author_region.clone().unwrap_or_else(|| "(region unknown)".into());

    printer.line(format!("\nInstitutions ({})", region.institutions.len()));
    let rows: Vec<Vec<String>> = region
        .institutions
        .iter()
        .map(|i| {
            let kind = i.record.body.as_ref().map(|p| p.institution.to_string()).unwrap_or_default();
            vec![placed(&i.author_region), kind, name_or_did(&i.record.author_name, &i.record.author)]
        })
        .collect();
    printer.table(&["NUTS", "KIND", "NAME"], &rows);

    printer.line(format!("\nOpen offers ({})", region.offers.len()));
    let rows: Vec<Vec<String>> = region
        .offers
        .iter()
        .map(|o| {
            let (isced, title) =
                o.record.body.as_ref().map(|b| (b.isced.clone(), lang_text(&b.title))).unwrap_or_default();
            vec![
                o.record.id.clone(),
                name_or_did(&o.record.author_name, &o.record.author),
                placed(&o.author_region),
                isced,
                title,
            ]
        })
        .collect();
    printer.table(&["ID", "HOST", "NUTS", "ISCED-F", "TITLE"], &rows);

    printer.line(format!("\nMobility needs ({})", region.needs.len()));
    let rows: Vec<Vec<String>> = region
        .needs
        .iter()
        .map(|n| {
            let (isced, title) =
                n.record.body.as_ref().map(|b| (b.isced.clone(), lang_text(&b.title))).unwrap_or_default();
            vec![
                n.record.id.clone(),
                name_or_did(&n.record.author_name, &n.record.author),
                placed(&n.author_region),
                isced,
                title,
            ]
        })
        .collect();
    printer.table(&["ID", "SCHOOL", "NUTS", "ISCED-F", "TITLE"], &rows);

    let count: usize = region.skills_needs.iter().map(|g| g.needs.len()).sum();
    printer.line(format!("\nSkills needs by occupation ({count})"));
    for group in &region.skills_needs {
        let people = if group.people > 0 { format!(", {} people", group.people) } else { String::new() };
        printer.line(format!("  {}{people}", group.occupation));
        for need in &group.needs {
            print_need_line(need, printer);
        }
    }

    printer.line(format!("\nMicro-credentials issued ({} in all)", region.issued_total));
    let rows: Vec<Vec<String>> = region
        .issued
        .iter()
        .map(|i| {
            vec![
                i.quarter.clone(),
                name_or_did(&i.institution.name, &i.institution.institution),
                i.title.clone().unwrap_or_else(|| i.achievement.clone()),
                i.count.to_string(),
            ]
        })
        .collect();
    printer.table(&["QUARTER", "ISSUER", "ACHIEVEMENT", "COUNT"], &rows);

    printer.line(format!("\nNetworks active here ({})", region.networks.len()));
    crate::commands::networks::print_networks(&region.networks, printer);

    printer.line(format!("\nUpcoming meetings ({})", region.events.len()));
    let rows: Vec<Vec<String>> = region
        .events
        .iter()
        .filter_map(|e| {
            let body = e.body.as_ref()?;
            let place = body.city.clone().unwrap_or_else(|| "online".to_owned());
            Some(vec![body.start.clone(), place, name_or_did(&e.author_name, &e.author), lang_text(&body.title)])
        })
        .collect();
    printer.table(&["START", "WHERE", "ORGANISER", "TITLE"], &rows);
    Ok(())
}

fn print_need_line(need: &SkillsNeedView, printer: Printer) {
    let Some(body) = &need.body else { return };
    printer.line(format!(
        "    {} {} ({}, {}, {} years, {}): {}",
        need.id,
        body.region,
        size(body),
        about(body),
        body.horizon,
        name_or_did(&need.author_name, &need.author),
        lang_text(&body.title)
    ));
}

pub async fn run_stats(client: &ApiClient, command: StatsCommand, printer: Printer) -> anyhow::Result<()> {
    let StatsCommand::Publish { quarter } = command;
    let published: StatsPublishedView = client.post("/v1/stats/publish", &StatsPublishInput { quarter }).await?;
    if printer.json {
        printer.value(&published);
        return Ok(());
    }
    let record = &published.published.record;
    printer.line(format!("Published the issuance statistics {} (version {}).", record.id, record.seq));
    for count in record.body.iter().flat_map(|b| &b.counts) {
        printer.line(format!("  {:<40} {}", count.achievement, count.count));
    }
    if !published.suppressed.is_empty() {
        printer.line(format!(
            "  Left out (fewer than 5, so no learner can be singled out): {}",
            published.suppressed.join(", ")
        ));
    }
    Ok(())
}

/// `vetnet match --skills-need ID [--author DID]`.
pub async fn run_match(
    client: &ApiClient,
    id: &str,
    author: Option<String>,
    limit: Option<usize>,
    printer: Printer,
) -> anyhow::Result<()> {
    let author = match author {
        Some(author) => author,
        None => {
            let own: SkillsNeedView = SKILLS_NEEDS.show(client, id).await?;
            own.author
        }
    };
    let query: Vec<(&str, String)> = limit.map(|v| ("limit", v.to_string())).into_iter().collect();
    let path = format!("/v1/match/skills-need/{}/{}", path_segment(&author), path_segment(id));
    let answer: SkillsNeedMatchView = client.get(&path, &query).await?;
    if printer.json {
        printer.value(&answer);
        return Ok(());
    }
    let title = answer.need.body.as_ref().map(|b| lang_text(&b.title)).unwrap_or_default();
    let region = answer.need.body.as_ref().map(|b| b.region.clone()).unwrap_or_default();
    printer.line(format!("Skills need {} ({region}): {title}", answer.need.id));
    if answer.schools.is_empty() {
        printer.line("  No school of the country shows what the need asks for.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = answer
        .schools
        .iter()
        .enumerate()
        .map(|(rank, s)| {
            vec![
                format!("{}", rank + 1),
                s.score.to_string(),
                name_or_did(&s.institution.name, &s.institution.institution),
                s.region.clone().unwrap_or_default(),
                s.proximity.to_string(),
            ]
        })
        .collect();
    printer.table(&["#", "SCORE", "SCHOOL", "NUTS", "WHERE"], &rows);
    for (rank, s) in answer.schools.iter().enumerate() {
        printer.line(format!("  #{} {}:", rank + 1, name_or_did(&s.institution.name, &s.institution.institution)));
        for (reasons, mark) in [(&s.fits, "✓"), (&s.misfits, "✗"), (&s.notes, "·")] {
            for reason in reasons {
                printer.line(format!("    {mark} {}", reason.text));
            }
        }
    }
    Ok(())
}
