//! The real `vetnet` binary on the region's data directory: startup after
//! a clean stop, resident memory after full search scans, and startup after
//! `kill -9` (sled recovers its log, and the search index, whose snapshot
//! only a clean stop writes, is rebuilt from the live entries).

use std::path::Path;
use std::time::Duration;

use crate::figure::{Figure, Target};
use crate::footprint::{background_check, cli_search, resident_kib, start_node, stop_cleanly};

fn ms(took: Duration) -> f64 {
    took.as_secs_f64() * 1000.0
}

/// Runs the node on `dir` (a data directory holding `offers` offers, last
/// stopped cleanly) with `binary`.
pub(crate) fn run(binary: &Path, dir: &Path, offers: u64) -> anyhow::Result<Vec<Figure>> {
    let figure = |name: &str, value: f64, unit: &'static str| {
        Figure::new("scale", format!("N={offers}: real node: {name}"), value, unit)
    };
    eprintln!("scale: the real node on the region's data directory...");
    let (node, took) = start_node(binary, dir)?;
    let mut figures = vec![
        figure("startup after a clean stop, until the API answers", ms(took), "ms")
            .with_target(Target::at_most(2_000.0, "startup < 2 s after a clean stop")),
    ];
    // Measured once the database check the node runs after it started is
    // done, so its reads are not in the resident memory.
    let check = background_check(binary, dir, offers as usize)?;
    figures.push(figure("full database check in the background", check.value, "ms"));
    // A word that no offer has touches the whole text index; no filter at
    // all matches every offer, of which the newest 100 are read.
    let (nothing, _) = cli_search(binary, dir, &["--text", "no-such-word", "--limit", "1"])?;
    figures.push(figure("free-text search matching nothing, through the CLI", ms(nothing), "ms"));
    let (everything, found) = cli_search(binary, dir, &["--limit", "100"])?;
    let newest = offers.min(100) as usize;
    anyhow::ensure!(found == newest, "a search matching every offer printed {found}, not {newest}");
    figures.push(figure("search matching every offer (newest 100), through the CLI", ms(everything), "ms"));
    figures.push(
        figure("resident memory after both searches", resident_kib(node.0.id())? as f64 / 1024.0, "MB")
            .with_target(Target::at_most(150.0, "RSS < 150 MB at 1M after a full search scan")),
    );

    // What a power cut or the OOM killer leaves: no index snapshot written.
    let mut killed = node;
    killed.0.kill()?;
    killed.0.wait()?;
    drop(killed);
    let (node, took) = start_node(binary, dir)?;
    figures.push(
        figure("startup after kill -9, until the API answers", ms(took), "ms")
            .with_target(Target::at_most(5_000.0, "startup < 5 s after kill -9")),
    );
    let (after, found) = cli_search(binary, dir, &["--limit", "100"])?;
    anyhow::ensure!(found == newest, "after kill -9, a search matching every offer printed {found}, not {newest}");
    figures.push(figure("search matching every offer after the restart, through the CLI", ms(after), "ms"));
    stop_cleanly(node)?;
    Ok(figures)
}
