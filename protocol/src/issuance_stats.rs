//! The `issuance-stats` record: how many credentials an issuer awarded per
//! achievement in one calendar quarter. It holds counts only, never a person,
//! and no count under [`MIN_REPORTED_COUNT`]: a small count could single a
//! learner out, so the writer leaves it out (suppressed) and every reader
//! refuses a record that carries one.

use serde::{Deserialize, Serialize};

use crate::limits::*;
use crate::validate::{Checked, Rule, fail};

/// The body of an `issuance-stats` record. Its record id is its `quarter`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuanceStatsBody {
    /// The calendar quarter counted, `YYYY-Qn` (`2027-Q1` is January to
    /// March 2027, in UTC).
    pub quarter: String,
    /// One count per achievement, each achievement once: at most
    /// [`MAX_STATS_COUNTS`]. Achievements with fewer than
    /// [`MIN_REPORTED_COUNT`] credentials in the quarter are left out; the
    /// list may be empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts: Vec<AchievementCount>,
}

/// The credentials awarded for one achievement in the quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AchievementCount {
    /// The record id of the author's `achievement`.
    pub achievement: String,
    /// How many credentials were issued: [`MIN_REPORTED_COUNT`] to
    /// [`MAX_REPORTED_COUNT`].
    pub count: u32,
}

/// A calendar quarter: its year and number (1 to 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// The year, 1970 to 9999.
    pub year: i32,
    /// 1 (January to March) to 4 (October to December).
    pub number: u8,
}

impl Quarter {
    /// Reads `YYYY-Qn`.
    pub fn parse(s: &str) -> Option<Self> {
        let (year, number) = s.split_once("-Q")?;
        let year_ok = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
        let number_ok = number.len() == 1 && matches!(number.as_bytes()[0], b'1'..=b'4');
        if !year_ok || !number_ok {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        (year >= 1970).then_some(Self { year, number: number.as_bytes()[0] - b'0' })
    }

    /// The quarter a day falls in.
    pub fn of(day: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        Self { year: day.year(), number: (day.month0() / 3 + 1) as u8 }
    }

    /// The quarter before this one.
    pub fn previous(self) -> Self {
        if self.number == 1 {
            Self { year: self.year - 1, number: 4 }
        } else {
            Self { number: self.number - 1, ..self }
        }
    }

    /// Its first day.
    pub fn first_day(self) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(self.year, u32::from(self.number) * 3 - 2, 1).unwrap_or_default()
    }

    /// The first day of the next quarter (the end, exclusive).
    pub fn end(self) -> chrono::NaiveDate {
        let next = if self.number == 4 {
            Self { year: self.year + 1, number: 1 }
        } else {
            Self { number: self.number + 1, ..self }
        };
        next.first_day()
    }

    /// Does the Unix time `secs` fall in this quarter (UTC)?
    pub fn contains_unix(self, secs: i64) -> bool {
        let start = self.first_day().and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
        let end = self.end().and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
        matches!((start, end), (Some(start), Some(end)) if (start..end).contains(&secs))
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.number)
    }
}

/// Is `s` a record id: 1 to [`MAX_ID_LEN`] letters, digits, `-`, `_` or `.`?
fn is_record_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= MAX_ID_LEN && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

impl Checked for IssuanceStatsBody {
    fn check(&self, p: &str) -> Rule {
        if Quarter::parse(&self.quarter).is_none() {
            return fail(
                format!("{p}.quarter"),
                format!("must be a calendar quarter written YYYY-Qn, like 2027-Q1 (got {:?})", self.quarter),
            );
        }
        if self.counts.len() > MAX_STATS_COUNTS {
            return fail(
                format!("{p}.counts"),
                format!("must list at most {MAX_STATS_COUNTS} achievements (got {})", self.counts.len()),
            );
        }
        for (i, item) in self.counts.iter().enumerate() {
            if !is_record_id(&item.achievement) {
                return fail(
                    format!("{p}.counts[{i}].achievement"),
                    format!("must be an achievement's record id (got {:?})", item.achievement),
                );
            }
            if self.counts[..i].iter().any(|other| other.achievement == item.achievement) {
                return fail(format!("{p}.counts[{i}].achievement"), format!("lists {:?} twice", item.achievement));
            }
            if item.count < MIN_REPORTED_COUNT {
                return fail(
                    format!("{p}.counts[{i}].count"),
                    format!(
                        "must be at least {MIN_REPORTED_COUNT}: a smaller count could single a learner out and is left out (got {})",
                        item.count
                    ),
                );
            }
            if item.count > MAX_REPORTED_COUNT {
                return fail(
                    format!("{p}.counts[{i}].count"),
                    format!("must be at most {MAX_REPORTED_COUNT} (got {})", item.count),
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_are_read_and_written() {
        let q = Quarter::parse("2027-Q1").expect("a quarter");
        assert_eq!((q.year, q.number), (2027, 1));
        assert_eq!(q.to_string(), "2027-Q1");
        assert_eq!(q.previous().to_string(), "2026-Q4");
        for bad in ["2027-Q0", "2027-Q5", "27-Q1", "2027Q1", "2027-q1", "2027-Q11", "1969-Q4"] {
            assert_eq!(Quarter::parse(bad), None, "{bad}");
        }
        let day = chrono::NaiveDate::from_ymd_opt(2027, 5, 12).expect("a day");
        assert_eq!(Quarter::of(day).to_string(), "2027-Q2");
        assert_eq!(Quarter::of(day).end(), chrono::NaiveDate::from_ymd_opt(2027, 7, 1).expect("a day"));
    }
}
