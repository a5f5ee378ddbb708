//! NACE Rev. 2, the EU's statistical classification of economic activities,
//! from `protocol/data/nace-rev2.csv`: its 21 sections, 88 divisions, 272
//! groups and 615 classes, each written with its section letter (`F`, `F41`,
//! `F41.2`, `F41.20`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::data_file;

/// The bundled list: `code,level,name`, `level` 1 (section) to 4 (class).
const NACE_REV2_CSV: &str = include_str!("../../data/nace-rev2.csv");

/// Code to level.
static CODES: LazyLock<BTreeMap<&'static str, u8>> = LazyLock::new(|| {
    data_file::records(NACE_REV2_CSV).filter_map(|[code, level, _]| Some((code, level.parse().ok()?))).collect()
});

/// Is `code` a NACE Rev. 2 code of the list, written with its section letter:
/// a section (`F`), a division (`F41`), a group (`F41.2`) or a class
/// (`F41.20`)?
pub fn is_nace(code: &str) -> bool {
    CODES.contains_key(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_read_with_its_level() {
        assert_eq!(CODES.len(), data_file::lines(NACE_REV2_CSV).count());
        let count = |level: u8| CODES.values().filter(|l| **l == level).count();
        assert_eq!([count(1), count(2), count(3), count(4)], [21, 88, 272, 615]);
        for (code, level) in CODES.iter() {
            let expected = match code.len() {
                1 => 1,
                3 => 2,
                5 => 3,
                _ => 4,
            };
            assert_eq!(*level, expected, "{code}");
            // Every code lies in its parent: F41.20 in F41.2, F41 and F.
            for end in [1, 3, 5].into_iter().filter(|end| *end < code.len()) {
                assert!(CODES.contains_key(&code[..end]), "{code} lies in {}", &code[..end]);
            }
        }
    }

    #[test]
    fn sections_divisions_groups_and_classes() {
        for ok in ["F", "F41", "F41.2", "F41.20", "C25", "C25.1", "I56.10", "U99.00", "A01.11"] {
            assert!(is_nace(ok), "{ok}");
        }
        for bad in ["F12", "X41", "41", "F4", "F41.", "F41.234", "f41", "F41.3", "F41.21", "41.20", ""] {
            assert!(!is_nace(bad), "{bad}");
        }
    }
}
