//! ISO 3166-1 alpha-2 country codes, from `protocol/data/iso-3166-1.csv`:
//! the 249 officially assigned codes of Debian's iso-codes 4.15.0, and `XK`
//! (Kosovo), a user-assigned code that the EU and the Erasmus+ programme use.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::data_file;

/// The bundled list: `code,status,name`, `status` being
/// `officially-assigned` or `user-assigned`.
const ISO_3166_1_CSV: &str = include_str!("../../data/iso-3166-1.csv");

/// One country of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// The alpha-2 code in capitals, such as `SE`.
    pub code: &'static str,
    /// False for `XK`, which ISO 3166-1 leaves to its users.
    pub officially_assigned: bool,
    /// The English short name, such as `Sweden`; informative only.
    pub name: &'static str,
}

static COUNTRIES: LazyLock<BTreeMap<&'static str, Country>> = LazyLock::new(|| {
    data_file::records(ISO_3166_1_CSV)
        .filter(|[code, _, _]| code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()))
        .map(|[code, status, name]| {
            (code, Country { code, officially_assigned: status == "officially-assigned", name })
        })
        .collect()
});

/// Is `code` an ISO 3166-1 alpha-2 country code of the list (upper case, as
/// on the wire)?
pub fn is_country(code: &str) -> bool {
    COUNTRIES.contains_key(code)
}

/// Every country of the list, in code order.
pub fn countries() -> impl Iterator<Item = Country> {
    COUNTRIES.values().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_read() {
        assert_eq!(COUNTRIES.len(), data_file::lines(ISO_3166_1_CSV).count());
        assert_eq!(countries().filter(|c| c.officially_assigned).count(), 249);
        let user_assigned: Vec<_> = countries().filter(|c| !c.officially_assigned).map(|c| c.code).collect();
        assert_eq!(user_assigned, ["XK"]);
    }

    #[test]
    fn countries_are_upper_case_codes_of_the_list() {
        for cc in ["DK", "EE", "FI", "DE", "IS", "LV", "LT", "NO", "PL", "SE", "XK"] {
            assert!(is_country(cc), "{cc}");
        }
        for bad in ["se", "UK", "XX", "SWE", ""] {
            assert!(!is_country(bad), "{bad}");
        }
    }
}
