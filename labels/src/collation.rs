//! A simple locale-aware sort key, enough to order a picker the way a reader
//! of one of the region's languages expects: case and most accents are
//! ignored (é sorts as e), and each language's own letters sort where its
//! alphabet puts them (Swedish å, ä, ö after z; Polish ł after l; Estonian
//! õ, ä, ö, ü after w).
//!
//! It is not the Unicode Collation Algorithm: accents only break ties (by
//! comparing the labels themselves), and letters outside Latin keep their
//! code point order.

use crate::primary_subtag;

/// A letter that a language sorts as a letter of its own, right after
/// `base` (`rank` orders several letters after one base), or as `base`
/// itself when `rank` is 0.
struct Letter {
    letter: char,
    base: char,
    rank: u8,
}

const fn after(letter: char, base: char, rank: u8) -> Letter {
    Letter { letter, base, rank }
}

/// Swedish and Finnish: å, ä, ö after z, with Danish æ and ø as ä and ö, and ü as y.
const SWEDISH: &[Letter] = &[
    after('å', 'z', 1),
    after('ä', 'z', 2),
    after('æ', 'z', 2),
    after('ö', 'z', 3),
    after('ø', 'z', 3),
    after('ü', 'y', 0),
];

/// Danish and Norwegian: æ, ø, å after z, with ä and ö as æ and ø, and ü as y.
const DANISH: &[Letter] = &[
    after('æ', 'z', 1),
    after('ä', 'z', 1),
    after('ø', 'z', 2),
    after('ö', 'z', 2),
    after('å', 'z', 3),
    after('ü', 'y', 0),
];

/// Estonian: … s š z ž t … w õ ä ö ü x y.
const ESTONIAN: &[Letter] = &[
    after('š', 's', 1),
    after('z', 's', 2),
    after('ž', 's', 3),
    after('õ', 'w', 1),
    after('ä', 'w', 2),
    after('ö', 'w', 3),
    after('ü', 'w', 4),
    after('x', 'w', 5),
    after('y', 'w', 6),
];

/// Latvian: č ģ ķ ļ ņ š ž are letters of their own; long vowels sort as short ones.
const LATVIAN: &[Letter] = &[
    after('č', 'c', 1),
    after('ģ', 'g', 1),
    after('ķ', 'k', 1),
    after('ļ', 'l', 1),
    after('ņ', 'n', 1),
    after('š', 's', 1),
    after('ž', 'z', 1),
];

/// Lithuanian: č š ž are letters of their own, and y sorts as i.
const LITHUANIAN: &[Letter] = &[after('č', 'c', 1), after('š', 's', 1), after('ž', 'z', 1), after('y', 'i', 0)];

/// Polish: each letter with a diacritic follows its base.
const POLISH: &[Letter] = &[
    after('ą', 'a', 1),
    after('ć', 'c', 1),
    after('ę', 'e', 1),
    after('ł', 'l', 1),
    after('ń', 'n', 1),
    after('ó', 'o', 1),
    after('ś', 's', 1),
    after('ź', 'z', 1),
    after('ż', 'z', 2),
];

/// Latin letters with diacritics and ligatures, and what they sort as where
/// a language has no letter of its own for them (German ä as a, DIN 5007-1).
const FOLDS: &[(&str, &str)] = &[
    ("àáâãäåāăą", "a"),
    ("æ", "ae"),
    ("çćĉċč", "c"),
    ("ďđð", "d"),
    ("èéêëēĕėęě", "e"),
    ("ĝğġģ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįı", "i"),
    ("ĵ", "j"),
    ("ķ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņňŉ", "n"),
    ("òóôõöøōŏő", "o"),
    ("œ", "oe"),
    ("ŕŗř", "r"),
    ("śŝşšș", "s"),
    ("ß", "ss"),
    ("ţťŧț", "t"),
    ("þ", "th"),
    ("ùúûüũūŭůűų", "u"),
    ("ŵ", "w"),
    ("ýÿŷ", "y"),
    ("źżž", "z"),
];

/// The sort order of one language.
pub(crate) struct Order {
    /// The letters this language sorts apart from their base letter.
    letters: &'static [Letter],
}

impl Order {
    /// The order of a BCP 47 tag's primary language; English's (accents
    /// folded, nothing else) for a language without rules here.
    pub(crate) fn of(lang: &str) -> Order {
        let letters = match primary_subtag(lang).to_ascii_lowercase().as_str() {
            "sv" | "fi" => SWEDISH,
            "da" | "nb" | "nn" | "no" => DANISH,
            "et" => ESTONIAN,
            "lv" => LATVIAN,
            "lt" => LITHUANIAN,
            "pl" => POLISH,
            _ => &[],
        };
        Order { letters }
    }

    /// The sort key of `text`: one weight per letter, the base letter's code
    /// point times 256 plus the rank of a letter of this language's own.
    pub(crate) fn key(&self, text: &str) -> Vec<u32> {
        let mut key = Vec::with_capacity(text.len());
        for c in text.chars().flat_map(char::to_lowercase) {
            if let Some(own) = self.letters.iter().find(|own| own.letter == c) {
                key.push(weight(own.base, own.rank));
            } else if let Some((_, base)) = FOLDS.iter().find(|(variants, _)| variants.contains(c)) {
                key.extend(base.chars().map(|b| weight(b, 0)));
            } else {
                key.push(weight(c, 0));
            }
        }
        key
    }
}

fn weight(base: char, rank: u8) -> u32 {
    (u32::from(base) << 8) | u32::from(rank)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted<'a>(lang: &str, words: &[&'a str]) -> Vec<&'a str> {
        let order = Order::of(lang);
        let mut words = words.to_vec();
        words.sort_by_key(|word| order.key(word));
        words
    }

    #[test]
    fn swedish_puts_a_ring_a_umlaut_and_o_umlaut_after_z() {
        assert_eq!(
            sorted("sv", &["Österrike", "Zambia", "Åland", "Ärmelkanalen", "Albanien"]),
            ["Albanien", "Zambia", "Åland", "Ärmelkanalen", "Österrike"]
        );
        assert_eq!(sorted("fi-FI", &["Ö", "Å", "Ä"]), ["Å", "Ä", "Ö"]);
    }

    #[test]
    fn danish_and_norwegian_put_ae_o_slash_a_ring_after_z() {
        assert_eq!(sorted("da", &["Åland", "Østrig", "Ægypten", "Zambia"]), ["Zambia", "Ægypten", "Østrig", "Åland"]);
        assert_eq!(sorted("nb", &["Åland", "Østerrike", "Zambia"]), ["Zambia", "Østerrike", "Åland"]);
    }

    #[test]
    fn german_and_english_fold_umlauts_and_accents() {
        assert_eq!(
            sorted("de", &["Österreich", "Oman", "Nordkorea", "Panama"]),
            ["Nordkorea", "Oman", "Österreich", "Panama"]
        );
        assert_eq!(sorted("en", &["Réunion", "Romania", "Qatar"]), ["Qatar", "Réunion", "Romania"]);
        assert_eq!(Order::of("de").key("Straße"), Order::of("de").key("strasse"));
    }

    #[test]
    fn baltic_and_polish_letters_follow_their_base() {
        assert_eq!(sorted("pl", &["Łotwa", "Luksemburg", "Malta"]), ["Luksemburg", "Łotwa", "Malta"]);
        assert_eq!(sorted("lv", &["Čehija", "Dānija", "Cipra"]), ["Cipra", "Čehija", "Dānija"]);
        assert_eq!(sorted("lt", &["Švedija", "Suomija", "Tailandas"]), ["Suomija", "Švedija", "Tailandas"]);
        assert_eq!(
            sorted("et", &["Ühendkuningriik", "Zimbabwe", "Türgi", "Valgevene"]),
            ["Zimbabwe", "Türgi", "Valgevene", "Ühendkuningriik"]
        );
    }

    #[test]
    fn case_is_ignored() {
        assert_eq!(Order::of("en").key("SWEDEN"), Order::of("en").key("sweden"));
    }
}
