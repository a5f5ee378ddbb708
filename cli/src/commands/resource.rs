//! `vetnet resource publish|list|show|withdraw`.

use serde_json::{Map, json};
use vetnet_protocol::resource::ResourceCategory;
use vetnet_views::{Resource, ResourceView};

use crate::args::ResourceCommand;
use crate::client::ApiClient;
use crate::commands::own::OwnKind;
use crate::commands::{name_or_did, opt};
use crate::failure::Failure;
use crate::printer::Printer;

const RESOURCES: OwnKind = OwnKind { noun: "resource", path: "/v1/resources" };

pub async fn run(client: &ApiClient, command: ResourceCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        ResourceCommand::Publish(args) => {
            args.kind.parse::<ResourceCategory>().map_err(|e| Failure::user(format!("--kind: {e}")))?;
            let mut fields = Map::new();
            fields.insert("title".into(), json!(args.title));
            fields.insert("category".into(), json!(args.kind));
            fields.insert("lang".into(), json!(args.lang));
            fields.insert("url".into(), json!(args.url));
            fields.insert("sha256".into(), json!(args.sha256.trim().to_ascii_lowercase()));
            if let Some(summary) = args.summary {
                fields.insert("summary".into(), json!(summary));
            }
            RESOURCES.publish::<Resource>(client, args.id, fields, printer).await?;
        }
        ResourceCommand::List { all } => {
            let resources: Vec<ResourceView> = RESOURCES.list(client, all).await?;
            print_resources(
                &resources,
                printer,
                "This institution shares no resources yet. Publish one with `vetnet resource publish`.",
            );
        }
        ResourceCommand::Show { id } => {
            let resource: ResourceView = RESOURCES.show(client, &id).await?;
            show(&resource, printer);
        }
        ResourceCommand::Withdraw { id } => RESOURCES.withdraw::<Resource>(client, &id, printer).await?,
    }
    Ok(())
}

/// Resources as a table (or JSON).
pub(crate) fn print_resources(resources: &[ResourceView], printer: Printer, empty: &str) {
    if printer.json {
        printer.value(resources);
        return;
    }
    if resources.is_empty() {
        printer.line(empty);
        return;
    }
    let rows: Vec<Vec<String>> = resources
        .iter()
        .map(|record| {
            let mut row = vec![record.id.clone(), name_or_did(&record.author_name, &record.author)];
            match &record.body {
                Some(r) => row.extend([r.category.to_string(), r.lang.clone(), r.title.clone(), r.url.clone()]),
                None => row.extend(["".into(), "".into(), "(withdrawn)".into(), "".into()]),
            }
            row
        })
        .collect();
    printer.table(&["ID", "PUBLISHER", "KIND", "LANG", "TITLE", "URL"], &rows);
}

fn show(resource: &ResourceView, printer: Printer) {
    if printer.json {
        printer.value(resource);
        return;
    }
    let Some(r) = &resource.body else {
        printer.line(format!("Resource {} was withdrawn (version {}).", resource.id, resource.seq));
        return;
    };
    let lines = [
        ("Title", r.title.clone()),
        ("Id", format!("{} (version {})", resource.id, resource.seq)),
        ("Publisher", opt(&resource.author_name)),
        ("Category", r.category.to_string()),
        ("Language", r.lang.clone()),
        ("URL", r.url.clone()),
        ("SHA-256", r.sha256.clone()),
        ("Summary", opt(&r.summary)),
    ];
    for (label, value) in lines {
        if !value.is_empty() {
            printer.line(format!("{label:<10} {value}"));
        }
    }
}
