//! ISCED-F 2013 fields of education and training, from
//! `protocol/data/isced-f-2013.csv`: the broad (2-digit), narrow (3-digit)
//! and detailed (4-digit) fields with their English names, and `99`, `999`,
//! `9999` (field unknown).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::data_file;

/// The bundled list: `code,level,name`, `level` being `broad`, `narrow` or
/// `detailed`.
const ISCED_F_CSV: &str = include_str!("../../data/isced-f-2013.csv");

/// Code to (level, name). A line whose code is not 2 to 4 digits is left out
/// (the test below checks that none is).
static FIELDS: LazyLock<BTreeMap<&'static str, (&'static str, &'static str)>> = LazyLock::new(|| {
    data_file::records(ISCED_F_CSV)
        .filter(|[code, _, _]| (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()))
        .map(|[code, level, name]| (code, (level, name)))
        .collect()
});

/// Is `code` an ISCED-F 2013 field: a broad (`07`), narrow (`071`) or
/// detailed (`0715`) field of the list, or a narrow field of the list
/// followed by `0` (not further defined, `0710`) or `9` (not elsewhere
/// classified, `0719`)?
pub fn is_isced_f(code: &str) -> bool {
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    FIELDS.contains_key(code)
        || (code.len() == 4
            && matches!(&code[3..], "0" | "9")
            && FIELDS.get(&code[..3]).is_some_and(|(level, _)| *level == "narrow"))
}

/// The English name of a detailed ISCED-F field of the list, for display.
pub fn isced_f_name(code: &str) -> Option<&'static str> {
    FIELDS.get(code).filter(|(level, _)| *level == "detailed").map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_read_and_levels_match_lengths() {
        assert_eq!(FIELDS.len(), data_file::lines(ISCED_F_CSV).count());
        for (code, (level, name)) in FIELDS.iter() {
            let expected = match code.len() {
                2 => "broad",
                3 => "narrow",
                _ => "detailed",
            };
            assert_eq!(*level, expected, "{code}");
            assert!(!name.is_empty(), "{code} has a name");
        }
        let detailed = FIELDS.values().filter(|(level, _)| *level == "detailed").count();
        assert_eq!(detailed, 91, "90 detailed fields and 9999");
    }

    #[test]
    fn broad_and_narrow_fields_are_the_prefixes_of_the_detailed_ones() {
        let listed: Vec<&str> = FIELDS.keys().filter(|c| c.len() < 4).copied().collect();
        let mut prefixes: Vec<&str> = FIELDS.keys().filter(|c| c.len() == 4).flat_map(|c| [&c[..2], &c[..3]]).collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        assert_eq!(listed, prefixes);
    }

    #[test]
    fn fields_and_their_not_further_defined_and_elsewhere_classified_codes() {
        for ok in ["07", "071", "0715", "0732", "0710", "0719", "9999", "9990", "99", "999", "1013", "0188"] {
            assert!(is_isced_f(ok), "{ok}");
        }
        for bad in ["0717", "0", "11", "07a5", "07155", "0761", "0700", "", "9998"] {
            assert!(!is_isced_f(bad), "{bad}");
        }
        assert_eq!(isced_f_name("0715"), Some("Mechanics and metal trades"));
        assert_eq!(isced_f_name("071"), None, "names are given for detailed fields");
    }
}
