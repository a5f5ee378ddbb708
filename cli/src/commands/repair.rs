//! `vetnet repair`: a new record database from what a damaged one still
//! holds, with the node stopped (`vetnet_node::repair`).

use vetnet_node::DataDir;
use vetnet_node::repair::RepairError;
use vetnet_views::RepairView;

use crate::commands::join;
use crate::failure::Failure;
use crate::printer::Printer;

pub async fn run(data_dir: DataDir, printer: Printer) -> anyhow::Result<()> {
    let repaired = tokio::task::spawn_blocking(move || vetnet_node::repair::repair(&data_dir))
        .await
        .map_err(|e| Failure::internal(format!("the repair stopped: {e}")))?;
    let view = repaired.map_err(|e| match e {
        RepairError::NodeRunning(_)
        | RepairError::NotInitialized(_)
        | RepairError::NoDatabase(_)
        | RepairError::Upgrade(_) => Failure::user(e.to_string()),
        other => Failure::internal(other.to_string()),
    })?;
    if printer.json {
        printer.value(&view);
    } else {
        print_words(&view, printer);
    }
    Ok(())
}

fn print_words(view: &RepairView, printer: Printer) {
    if view.already_intact {
        printer.line(format!("The record database of {} is intact.", view.data_dir));
        for step in &view.next_steps {
            printer.line(step);
        }
        return;
    }
    printer.line(format!("Repaired the record database of {}.", view.data_dir));
    printer.line(format!("Damage       {}", view.damage));
    if let Some(copy) = &view.damaged_copy {
        printer.line(format!("Kept aside   {copy} (the damaged database, for you to inspect or delete)"));
    }
    printer.line(format!("Keys         untouched; the institution is still {}", view.institution));
    if let Some(reason) = &view.unreadable_because {
        printer.line(format!(
            "Unreadable   sled could not open the damaged database at all ({reason}); the node starts with an empty store"
        ));
    }
    let kinds: Vec<String> = view.kept.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
    let kinds = if kinds.is_empty() { "none".to_owned() } else { kinds.join(", ") };
    printer.line(format!("Kept         {} of {} records: {kinds}", view.kept_total, view.held_before));
    printer.line(format!("Lost         {} records", view.lost_total));
    let own_lost: Vec<String> = view.own_lost.iter().map(|r| format!("{} {}", r.kind, r.id)).collect();
    printer.line(format!(
        "Own records  {} kept, {} known lost{}",
        view.own_kept,
        own_lost.len(),
        if own_lost.is_empty() { String::new() } else { format!(": {}", join(&own_lost, ", ")) }
    ));
    if view.damaged_records > 0 {
        printer.line(format!(
            "Damaged      {} records no longer matched their id or signature and were left out",
            view.damaged_records
        ));
    }
    printer.line(format!("Peers        {} address-book entries kept", view.peers_kept));
    for tree in &view.private {
        let lost = if tree.items_lost.is_empty() {
            String::new()
        } else {
            format!("; lost: {}", join(&tree.items_lost, ", "))
        };
        printer.line(format!("Private      {}: {} {} kept{lost}", tree.tree, tree.items_kept, tree.items));
        for part in &tree.unreadable {
            printer.line(format!("             could not read {part}"));
        }
    }
    for part in &view.unreadable_parts {
        printer.line(format!("Unreadable   {part}"));
    }
    printer.line("");
    for step in &view.next_steps {
        printer.line(step);
    }
}
