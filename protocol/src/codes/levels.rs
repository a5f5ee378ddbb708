//! The EQF and CEFR levels, from `protocol/data/eqf-levels.csv` and
//! `protocol/data/cefr-levels.csv` (`level,name`, lowest level first).

use std::sync::LazyLock;

use super::data_file;

const EQF_LEVELS_CSV: &str = include_str!("../../data/eqf-levels.csv");
const CEFR_LEVELS_CSV: &str = include_str!("../../data/cefr-levels.csv");

/// CEFR levels, lowest first: `A1` to `C2`.
pub static CEFR_LEVELS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data_file::records(CEFR_LEVELS_CSV).map(|[level, _]| level).collect());

/// EQF levels, lowest first: 1 to 8. A line whose level is not a number is
/// left out (the test below checks that none is).
static EQF_LEVELS: LazyLock<Vec<u8>> =
    LazyLock::new(|| data_file::records(EQF_LEVELS_CSV).filter_map(|[level, _]| level.parse().ok()).collect());

/// Is `level` a CEFR level, `A1` to `C2` in capitals?
pub fn is_cefr(level: &str) -> bool {
    CEFR_LEVELS.contains(&level)
}

/// Is `level` an EQF level (1 to 8)?
pub fn is_eqf(level: u8) -> bool {
    EQF_LEVELS.contains(&level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_hold_the_levels_in_order() {
        assert_eq!(*CEFR_LEVELS, ["A1", "A2", "B1", "B2", "C1", "C2"]);
        assert_eq!(*EQF_LEVELS, (1..=8).collect::<Vec<u8>>());
        assert!(!is_eqf(0) && !is_eqf(9) && !is_cefr("a1") && !is_cefr("C3"));
    }
}
