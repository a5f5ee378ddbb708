//! The compiled-in data files and their parsed form: one [`Table`] per code
//! list, parsed from its tab-separated file on first use and kept for the
//! life of the process.
//!
//! A file is `#` comment lines (its source and version), a header line
//! `code<TAB>en<TAB>sv…` naming the language of each column, then one row per
//! code. An empty or missing cell has no label in that language.

use std::sync::OnceLock;

use crate::{CodeList, primary_subtag};

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const LANGUAGES: &str = include_str!("../data/languages.tsv");
const ISCED_F: &str = include_str!("../data/isced_f.tsv");
const NACE: &str = include_str!("../data/nace.tsv");
const CEFR: &str = include_str!("../data/cefr.tsv");
const EQF: &str = include_str!("../data/eqf.tsv");

/// One code and its labels.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) code: &'static str,
    /// One cell per column of the table, `None` where that language has no
    /// label, so a missing translation is told apart from any real label.
    labels: Vec<Option<&'static str>>,
}

/// The parsed data file of one code list.
#[derive(Debug)]
pub(crate) struct Table {
    /// The language of each label column, from the header line; English first.
    languages: Vec<&'static str>,
    /// Sorted by code, for binary search.
    rows: Vec<Row>,
}

impl Table {
    /// The table of `list`, parsed on the first call.
    pub(crate) fn of(list: CodeList) -> &'static Table {
        /// One cell per list: the files are parsed only when a list is used.
        static TABLES: [OnceLock<Table>; 6] = [const { OnceLock::new() }; 6];
        let (slot, text) = match list {
            CodeList::Country => (0, COUNTRIES),
            CodeList::Language => (1, LANGUAGES),
            CodeList::IscedF => (2, ISCED_F),
            CodeList::Nace => (3, NACE),
            CodeList::Cefr => (4, CEFR),
            CodeList::Eqf => (5, EQF),
        };
        TABLES[slot].get_or_init(|| Table::parse(text))
    }

    /// Parses a data file. The files are part of the crate and checked by its
    /// tests, so parsing is lenient: a short row has no labels in its missing
    /// columns, and a line without a code is skipped.
    pub(crate) fn parse(text: &'static str) -> Table {
        let mut lines = text.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty());
        let languages = match lines.next() {
            Some(header) => header.split('\t').skip(1).collect(),
            None => Vec::new(),
        };
        let mut rows: Vec<Row> = lines
            .filter_map(|line| {
                let mut cells = line.split('\t');
                let code = cells.next().filter(|code| !code.is_empty())?;
                let labels = cells.map(|cell| Some(cell).filter(|cell| !cell.is_empty())).collect();
                Some(Row { code, labels })
            })
            .collect();
        rows.sort_by(|a, b| a.code.cmp(b.code));
        Table { languages, rows }
    }

    /// The row of `code`, if the list has it.
    pub(crate) fn row(&self, code: &str) -> Option<&Row> {
        self.rows.binary_search_by(|row| row.code.cmp(code)).ok().map(|at| &self.rows[at])
    }

    /// Every row, sorted by code.
    pub(crate) fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The column of `lang`'s primary subtag, compared without regard to
    /// case, or English's (the first) when the table has no such column.
    pub(crate) fn column(&self, lang: &str) -> usize {
        let primary = primary_subtag(lang);
        self.languages.iter().position(|language| language.eq_ignore_ascii_case(primary)).unwrap_or(0)
    }

    /// The label of `row` in `column`, or in English where it has none there.
    pub(crate) fn label(&self, row: &Row, column: usize) -> Option<&'static str> {
        row.labels.get(column).copied().flatten().or_else(|| row.labels.first().copied().flatten())
    }

    /// The languages of the label columns, as the header names them.
    #[cfg(test)]
    pub(crate) fn languages(&self) -> &[&'static str] {
        &self.languages
    }
}

impl Row {
    /// The cells of the row, one per column (for the tests' checks of the data).
    #[cfg(test)]
    pub(crate) fn cells(&self) -> &[Option<&'static str>] {
        &self.labels
    }
}
