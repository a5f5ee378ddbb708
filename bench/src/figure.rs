//! One measured figure, and the target it is measured against.

/// What a figure must reach: a limit and the direction that is better.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub limit: f64,
    /// `true` when the figure must reach at least `limit` (a rate, a
    /// delivery ratio); `false` when it must stay at or below it (a latency,
    /// a size).
    pub higher_is_better: bool,
    /// The target in words, as the issue states it.
    pub note: String,
}

impl Target {
    /// The figure must stay at or below `limit`.
    pub fn at_most(limit: f64, note: impl Into<String>) -> Self {
        Self { limit, higher_is_better: false, note: note.into() }
    }

    /// The figure must reach at least `limit`.
    pub fn at_least(limit: f64, note: impl Into<String>) -> Self {
        Self { limit, higher_is_better: true, note: note.into() }
    }

    /// `<=` or `>=`, as the target reads.
    pub fn relation(&self) -> &'static str {
        if self.higher_is_better { ">=" } else { "<=" }
    }
}

/// One measured figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub scenario: String,
    pub name: String,
    pub value: f64,
    pub unit: &'static str,
    pub target: Option<Target>,
}

impl Figure {
    /// A figure without a target.
    pub fn new(scenario: &str, name: impl Into<String>, value: f64, unit: &'static str) -> Self {
        Self { scenario: scenario.to_owned(), name: name.into(), value, unit, target: None }
    }

    /// The same figure, measured against `target`.
    pub fn with_target(mut self, target: Target) -> Self {
        self.target = Some(target);
        self
    }

    /// `None` when there is no target; `Some(met)` otherwise. NaN never meets a target.
    pub fn met(&self) -> Option<bool> {
        self.target.as_ref().map(|t| if t.higher_is_better { self.value >= t.limit } else { self.value <= t.limit })
    }
}

/// The `q`-quantile (0.0..=1.0) of `samples` by the nearest-rank method, or
/// NaN when there are none. Sorts `samples`.
pub fn quantile(samples: &mut [f64], q: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    samples.sort_by(f64::total_cmp);
    let rank = (q.clamp(0.0, 1.0) * samples.len() as f64).ceil() as usize;
    samples[rank.clamp(1, samples.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_in_both_directions() {
        let latency = Figure::new("s", "p99", 90.0, "ms").with_target(Target::at_most(100.0, "p99 < 100 ms"));
        assert_eq!(latency.met(), Some(true));
        let ratio = Figure::new("s", "delivered", 0.99, "").with_target(Target::at_least(1.0, "all delivered"));
        assert_eq!(ratio.met(), Some(false));
        assert_eq!(Figure::new("s", "plain", 1.0, "").met(), None);
        let nan = Figure::new("s", "nan", f64::NAN, "").with_target(Target::at_least(1.0, ""));
        assert_eq!(nan.met(), Some(false));
    }

    #[test]
    fn nearest_rank_quantiles() {
        let mut samples: Vec<f64> = (1..=100).map(f64::from).rev().collect();
        assert_eq!(quantile(&mut samples, 0.5), 50.0);
        assert_eq!(quantile(&mut samples, 0.99), 99.0);
        assert_eq!(quantile(&mut samples, 1.0), 100.0);
        assert_eq!(quantile(&mut samples, 0.0), 1.0);
        assert!(quantile(&mut [], 0.5).is_nan());
    }
}
