//! Figures as a terminal table, as JSON lines, and as a markdown document
//! headed by the machine, the date and the commit they were measured on.

use std::fmt::Write as _;

use crate::figure::Figure;

/// A value with as many decimals as its size deserves.
pub fn format_value(value: f64) -> String {
    match value.abs() {
        v if v.is_nan() => "NaN".to_owned(),
        v if v >= 1_000.0 => format!("{value:.0}"),
        v if v >= 10.0 => format!("{value:.1}"),
        v if v >= 1.0 => format!("{value:.2}"),
        // Ratios just below 1 must not look like 1.
        _ => format!("{value:.3}"),
    }
}

/// The target column: `met:  <= 100 ms (p99 < 100 ms)`, or empty.
fn target_text(figure: &Figure) -> String {
    match (&figure.target, figure.met()) {
        (Some(target), Some(met)) => format!(
            "{} {} {} {} ({})",
            if met { "met:  " } else { "MISSED:" },
            target.relation(),
            format_value(target.limit),
            figure.unit,
            target.note
        ),
        _ => String::new(),
    }
}

/// One line per figure: scenario, name, value, unit, target.
pub fn table(figures: &[Figure]) -> String {
    let mut out = String::new();
    let width = figures.iter().map(|f| f.name.chars().count()).max().unwrap_or(0);
    for f in figures {
        let _ = writeln!(
            out,
            "{:<12} {:<width$} {:>12} {:<6} {}",
            f.scenario,
            f.name,
            format_value(f.value),
            f.unit,
            target_text(f)
        );
    }
    out
}

/// One JSON object per figure and line.
pub fn json_lines(figures: &[Figure]) -> String {
    let mut out = String::new();
    for f in figures {
        let line = serde_json::json!({
            "scenario": f.scenario,
            "figure": f.name,
            // JSON has no NaN: a figure that could not be measured is null.
            "value": f.value.is_finite().then_some(f.value),
            "unit": f.unit,
            "target": f.target.as_ref().map(|t| t.limit),
            "higher_is_better": f.target.as_ref().map(|t| t.higher_is_better),
            "target_note": f.target.as_ref().map(|t| t.note.as_str()),
            "met": f.met(),
        });
        let _ = writeln!(out, "{line}");
    }
    out
}

/// Where the figures were measured.
#[derive(Debug, Clone)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub ram_gib: Option<f64>,
    pub kernel: String,
}

impl Machine {
    /// Reads `/proc`; what cannot be read is reported as unknown.
    pub fn detect() -> Self {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map_or_else(|| "unknown CPU".to_owned(), |(_, model)| model.trim().to_owned());
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let ram_gib = meminfo
            .lines()
            .find(|l| l.starts_with("MemTotal:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kib| kib.parse::<f64>().ok())
            .map(|kib| kib / (1024.0 * 1024.0));
        let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .map_or_else(|_| "unknown".to_owned(), |k| format!("Linux {}", k.trim()));
        Self { cpu, cores, ram_gib, kernel }
    }
}

/// The short commit of the working tree, marked when it has uncommitted
/// changes; `None` outside a git checkout.
pub fn git_commit() -> Option<String> {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let commit = git(&["rev-parse", "--short", "HEAD"]).filter(|c| !c.is_empty())?;
    let dirty = git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    Some(if dirty { format!("{commit} (with uncommitted changes)") } else { commit })
}

/// A markdown document: a header naming machine, date and commit, then one
/// table row per figure.
pub fn markdown(figures: &[Figure], command: &str) -> String {
    let machine = Machine::detect();
    let mut out = String::from("# vetnet-bench figures\n\n");
    let _ = writeln!(out, "- **Command:** `{command}`");
    let _ = writeln!(
        out,
        "- **Machine:** {}, {} cores, {} RAM, {}",
        machine.cpu,
        machine.cores,
        machine.ram_gib.map_or_else(|| "unknown".to_owned(), |gib| format!("{gib:.1} GiB")),
        machine.kernel
    );
    let _ = writeln!(out, "- **Date:** {}", chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"));
    let _ = writeln!(out, "- **Commit:** {}", git_commit().as_deref().unwrap_or("unknown"));
    let _ = writeln!(out, "- **Profile:** {}\n", if cfg!(debug_assertions) { "debug" } else { "release" });
    out.push_str("| scenario | figure | value | unit | target | met |\n|---|---|---:|---|---|---|\n");
    for f in figures {
        let target = f.target.as_ref().map_or_else(
            || "–".to_owned(),
            |t| format!("{} {} {} ({})", t.relation(), format_value(t.limit), f.unit, t.note),
        );
        let met = match f.met() {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "–",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            f.scenario,
            f.name.replace('|', "\\|"),
            format_value(f.value),
            f.unit,
            target.replace('|', "\\|"),
            met
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::Target;

    #[test]
    fn markdown_has_header_and_rows() {
        let figures = vec![
            Figure::new("search", "country: p99", 1.234, "ms").with_target(Target::at_most(5.0, "p99 < 5 ms")),
            Figure::new("propagation", "delivered", 0.5, "").with_target(Target::at_least(1.0, "100 %")),
            Figure::new("sync", "bytes", 12_345.0, "bytes"),
        ];
        let text = markdown(&figures, "vetnet-bench all");
        assert!(text.contains("**Machine:**"));
        assert!(text.contains("| search | country: p99 | 1.23 | ms | <= 5.00 ms (p99 < 5 ms) | yes |"));
        assert!(text.contains("| propagation | delivered | 0.500 |  | >= 1.00  (100 %) | **no** |"));
        assert!(text.contains("| sync | bytes | 12345 | bytes | – | – |"));
        let json = json_lines(&figures);
        assert_eq!(json.lines().count(), 3);
        assert!(json.contains(r#""higher_is_better":true"#));
    }
}
