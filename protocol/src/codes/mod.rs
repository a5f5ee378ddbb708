//! The code lists of the field, checked strictly: ISO 3166-1 countries,
//! BCP 47 languages (against the IANA registry), CEFR levels, ISCED-F 2013
//! fields of education, NACE Rev. 2 sectors, ESCO and ISCO-08 occupations,
//! ESCO skills and EQF levels.

/// ISO 3166-1 alpha-2: the 249 officially assigned codes, plus `XK` (Kosovo),
/// which the EU and the Erasmus+ programme use.
const COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD",
    "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA",
    "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE",
    "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA",
    "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK",
    "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP",
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT",
    "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",
    "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
    "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS",
    "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST",
    "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
    "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "XK", "YE", "YT",
    "ZA", "ZM", "ZW",
];

/// Is `code` an ISO 3166-1 alpha-2 country code (upper case, as on the wire)?
pub fn is_country(code: &str) -> bool {
    COUNTRIES.binary_search(&code).is_ok()
}

/// Is `tag` a valid BCP 47 language tag, every subtag registered with IANA?
/// Tags are compared as given; the canonical form uses lower-case languages
/// and upper-case regions (`sv`, `en-GB`).
pub fn is_language(tag: &str) -> bool {
    match language_tags::LanguageTag::parse(tag) {
        Ok(parsed) => parsed.validate().is_ok() && parsed.as_str() == tag,
        Err(_) => false,
    }
}

/// CEFR levels, lowest first.
pub const CEFR_LEVELS: &[&str] = &["A1", "A2", "B1", "B2", "C1", "C2"];

/// Is `level` a CEFR level, `A1` to `C2` in capitals?
pub fn is_cefr(level: &str) -> bool {
    CEFR_LEVELS.contains(&level)
}

/// The detailed fields of ISCED-F 2013 with their English names. Broad
/// (2-digit) and narrow (3-digit) fields are the prefixes of these; each
/// narrow field also has `…0` "not further defined" and `…9` "not elsewhere
/// classified", and `9999` is "field unknown".
const ISCED_F_DETAILED: &[(&str, &str)] = &[
    ("0011", "Basic programmes and qualifications"),
    ("0021", "Literacy and numeracy"),
    ("0031", "Personal skills and development"),
    ("0111", "Education science"),
    ("0112", "Training for pre-school teachers"),
    ("0113", "Teacher training without subject specialisation"),
    ("0114", "Teacher training with subject specialisation"),
    ("0188", "Inter-disciplinary programmes involving education"),
    ("0211", "Audio-visual techniques and media production"),
    ("0212", "Fashion, interior and industrial design"),
    ("0213", "Fine arts"),
    ("0214", "Handicrafts"),
    ("0215", "Music and performing arts"),
    ("0221", "Religion and theology"),
    ("0222", "History and archaeology"),
    ("0223", "Philosophy and ethics"),
    ("0231", "Language acquisition"),
    ("0232", "Literature and linguistics"),
    ("0288", "Inter-disciplinary programmes involving arts and humanities"),
    ("0311", "Economics"),
    ("0312", "Political sciences and civics"),
    ("0313", "Psychology"),
    ("0314", "Sociology and cultural studies"),
    ("0321", "Journalism and reporting"),
    ("0322", "Library, information and archival studies"),
    ("0388", "Inter-disciplinary programmes involving social sciences, journalism and information"),
    ("0411", "Accounting and taxation"),
    ("0412", "Finance, banking and insurance"),
    ("0413", "Management and administration"),
    ("0414", "Marketing and advertising"),
    ("0415", "Secretarial and office work"),
    ("0416", "Wholesale and retail sales"),
    ("0417", "Work skills"),
    ("0421", "Law"),
    ("0488", "Inter-disciplinary programmes involving business, administration and law"),
    ("0511", "Biology"),
    ("0512", "Biochemistry"),
    ("0521", "Environmental sciences"),
    ("0522", "Natural environments and wildlife"),
    ("0531", "Chemistry"),
    ("0532", "Earth sciences"),
    ("0533", "Physics"),
    ("0541", "Mathematics"),
    ("0542", "Statistics"),
    ("0588", "Inter-disciplinary programmes involving natural sciences, mathematics and statistics"),
    ("0611", "Computer use"),
    ("0612", "Database and network design and administration"),
    ("0613", "Software and applications development and analysis"),
    ("0688", "Inter-disciplinary programmes involving information and communication technologies"),
    ("0711", "Chemical engineering and processes"),
    ("0712", "Environmental protection technology"),
    ("0713", "Electricity and energy"),
    ("0714", "Electronics and automation"),
    ("0715", "Mechanics and metal trades"),
    ("0716", "Motor vehicles, ships and aircraft"),
    ("0721", "Food processing"),
    ("0722", "Materials (glass, paper, plastic and wood)"),
    ("0723", "Textiles (clothes, footwear and leather)"),
    ("0724", "Mining and extraction"),
    ("0731", "Architecture and town planning"),
    ("0732", "Building and civil engineering"),
    ("0788", "Inter-disciplinary programmes involving engineering, manufacturing and construction"),
    ("0811", "Crop and livestock production"),
    ("0812", "Horticulture"),
    ("0821", "Forestry"),
    ("0831", "Fisheries"),
    ("0841", "Veterinary"),
    ("0888", "Inter-disciplinary programmes involving agriculture, forestry, fisheries and veterinary"),
    ("0911", "Dental studies"),
    ("0912", "Medicine"),
    ("0913", "Nursing and midwifery"),
    ("0914", "Medical diagnostic and treatment technology"),
    ("0915", "Therapy and rehabilitation"),
    ("0916", "Pharmacy"),
    ("0917", "Traditional and complementary medicine and therapy"),
    ("0921", "Care of the elderly and of disabled adults"),
    ("0922", "Child care and youth services"),
    ("0923", "Social work and counselling"),
    ("0988", "Inter-disciplinary programmes involving health and welfare"),
    ("1011", "Domestic services"),
    ("1012", "Hair and beauty services"),
    ("1013", "Hotel, restaurants and catering"),
    ("1014", "Sports"),
    ("1015", "Travel, tourism and leisure"),
    ("1021", "Community sanitation"),
    ("1022", "Occupational health and safety"),
    ("1031", "Military and defence"),
    ("1032", "Protection of persons and property"),
    ("1041", "Transport services"),
    ("1088", "Inter-disciplinary programmes involving services"),
];

/// Is `code` an ISCED-F 2013 field: broad (`07`), narrow (`071`) or detailed
/// (`0715`)?
pub fn is_isced_f(code: &str) -> bool {
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    match code.len() {
        2 | 3 => ISCED_F_DETAILED.iter().any(|(d, _)| d.starts_with(code)) || code == "99" || code == "999",
        4 => {
            code == "9999"
                || ISCED_F_DETAILED.iter().any(|(d, _)| *d == code)
                || (matches!(&code[3..], "0" | "9") && is_isced_f(&code[..3]))
        }
        _ => false,
    }
}

/// The English name of a detailed ISCED-F field, for display.
pub fn isced_f_name(code: &str) -> Option<&'static str> {
    ISCED_F_DETAILED.iter().find(|(d, _)| *d == code).map(|(_, name)| *name)
}

/// NACE Rev. 2 sections and the range of divisions each holds.
const NACE_SECTIONS: &[(char, u8, u8)] = &[
    ('A', 1, 3),
    ('B', 5, 9),
    ('C', 10, 33),
    ('D', 35, 35),
    ('E', 36, 39),
    ('F', 41, 43),
    ('G', 45, 47),
    ('H', 49, 53),
    ('I', 55, 56),
    ('J', 58, 63),
    ('K', 64, 66),
    ('L', 68, 68),
    ('M', 69, 75),
    ('N', 77, 82),
    ('O', 84, 84),
    ('P', 85, 85),
    ('Q', 86, 88),
    ('R', 90, 93),
    ('S', 94, 96),
    ('T', 97, 98),
    ('U', 99, 99),
];

/// Is `code` a NACE Rev. 2 code written with its section letter: a section
/// (`F`), a division (`F41`), a group (`F41.2`) or a class (`F41.20`)?
/// The division must belong to the section.
pub fn is_nace(code: &str) -> bool {
    let mut chars = code.chars();
    let Some(section) = chars.next() else { return false };
    let Some(&(_, low, high)) = NACE_SECTIONS.iter().find(|(s, _, _)| *s == section) else {
        return false;
    };
    let rest = chars.as_str();
    if rest.is_empty() {
        return true;
    }
    let (division, detail) = rest.split_once('.').unwrap_or((rest, ""));
    let division_ok = division.len() == 2
        && division.bytes().all(|b| b.is_ascii_digit())
        && division.parse::<u8>().is_ok_and(|d| (low..=high).contains(&d));
    let detail_ok = if rest.contains('.') {
        (1..=2).contains(&detail.len()) && detail.bytes().all(|b| b.is_ascii_digit())
    } else {
        true
    };
    division_ok && detail_ok
}

const ESCO_OCCUPATION_PREFIX: &str = "http://data.europa.eu/esco/occupation/";
const ESCO_SKILL_PREFIX: &str = "http://data.europa.eu/esco/skill/";

/// Is `s` a lower-case hyphenated UUID, as ESCO concept URIs end with?
pub fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

/// An occupation: an ESCO occupation URI or a 4-digit ISCO-08 unit group.
pub fn is_occupation(s: &str) -> bool {
    if let Some(uuid) = s.strip_prefix(ESCO_OCCUPATION_PREFIX) {
        return is_uuid(uuid);
    }
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// An ESCO occupation URI, `http://data.europa.eu/esco/occupation/<uuid>`.
pub fn is_esco_occupation(s: &str) -> bool {
    s.strip_prefix(ESCO_OCCUPATION_PREFIX).is_some_and(is_uuid)
}

/// An ISCO-08 code at any level: a major group (1 digit), sub-major (2),
/// minor (3) or unit group (4 digits). Each level's code is the prefix of the
/// next, so `7` holds `7112`.
pub fn is_isco(s: &str) -> bool {
    (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// An ESCO skill or competence URI.
pub fn is_esco_skill(s: &str) -> bool {
    s.strip_prefix(ESCO_SKILL_PREFIX).is_some_and(is_uuid)
}

/// EQF levels run from 1 to 8.
pub fn is_eqf(level: u8) -> bool {
    (1..=8).contains(&level)
}

/// An ISO 4217 currency code: three upper-case letters. (The registered list
/// changes; the form is checked, and the Baltic Sea currencies are common.)
pub fn is_currency(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_list_is_sorted_and_complete() {
        assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]), "binary search needs a sorted list");
        assert_eq!(COUNTRIES.len(), 250);
        for cc in ["DK", "EE", "FI", "DE", "IS", "LV", "LT", "NO", "PL", "SE"] {
            assert!(is_country(cc), "{cc}");
        }
        for bad in ["se", "UK", "XX", "SWE", ""] {
            assert!(!is_country(bad), "{bad}");
        }
    }

    #[test]
    fn languages_follow_the_iana_registry() {
        for ok in ["sv", "en", "en-GB", "de", "fi", "et", "lv", "lt", "pl", "da", "nb", "nn", "is", "se", "sr-Latn"] {
            assert!(is_language(ok), "{ok}");
        }
        for bad in ["xx", "english", "", "en_GB", "zz-ZZ", "EN"] {
            assert!(!is_language(bad), "{bad}");
        }
    }

    #[test]
    fn isced_and_nace() {
        for ok in ["07", "071", "0715", "0732", "0710", "0719", "9999", "1013"] {
            assert!(is_isced_f(ok), "{ok}");
        }
        for bad in ["0717", "0", "11", "07a5", "07155", "0761"] {
            assert!(!is_isced_f(bad), "{bad}");
        }
        for ok in ["F", "F41", "F41.2", "F41.20", "C25", "I56.10"] {
            assert!(is_nace(ok), "{ok}");
        }
        for bad in ["F12", "X41", "41", "F4", "F41.", "F41.234", "f41"] {
            assert!(!is_nace(bad), "{bad}");
        }
        assert_eq!(isced_f_name("0715"), Some("Mechanics and metal trades"));
    }

    #[test]
    fn esco_and_isco() {
        assert!(is_occupation("7212"));
        assert!(is_occupation("http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"));
        assert!(!is_occupation("welder"));
        assert!(is_esco_skill("http://data.europa.eu/esco/skill/0e2b5a5d-1d4c-4b0e-8e8c-8a0e0f0f0f0f"));
        assert!(!is_esco_skill("http://data.europa.eu/esco/skill/nope"));
    }
}
