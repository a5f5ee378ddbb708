//! The format of the code lists in `protocol/data`: comment lines starting
//! with `#` (the source and its date), one header line naming the columns,
//! then one record per line with its fields separated by `,`. The last field
//! is the rest of the line, so a name may hold commas.

/// The records of a data file: every line after the comments and the header,
/// as `N` fields. A line with fewer fields has the missing ones empty; each
/// list's own test checks that every line is understood.
pub(crate) fn records<const N: usize>(text: &'static str) -> impl Iterator<Item = [&'static str; N]> {
    lines(text).map(|line| {
        let mut fields = [""; N];
        let mut rest = line;
        for (i, field) in fields.iter_mut().enumerate() {
            if i + 1 == N {
                *field = rest;
            } else if let Some((first, tail)) = rest.split_once(',') {
                *field = first;
                rest = tail;
            } else {
                *field = rest;
                rest = "";
            }
        }
        fields
    })
}

/// The record lines of a data file: not a comment, not the header, not empty.
pub(crate) fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().skip_while(|line| line.starts_with('#')).skip(1).filter(|line| !line.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_the_header_are_skipped_and_the_last_field_keeps_its_commas() {
        let text = "# a comment\n# another\ncode,level,name\nA,1,Farming, forestry\nB,2\n\n";
        let records: Vec<[&str; 3]> = records(text).collect();
        assert_eq!(records, [["A", "1", "Farming, forestry"], ["B", "2", ""]]);
    }
}
