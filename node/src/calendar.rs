//! Events as iCalendar (RFC 5545), the format calendar programs import:
//! one `VCALENDAR` with a `VEVENT` per event record.
//!
//! An event's times are local times in an IANA zone (`docs/PROTOCOL.md`).
//! RFC 5545 allows `TZID=` only with a `VTIMEZONE` that spells the zone's
//! rules out, so the times are written in UTC (`DTSTART:20270512T070000Z`),
//! converted with the tz database that `chrono-tz` compiles in; the zone's
//! name travels beside them as `X-VETNET-TZID` and in the description, for
//! people and for readers that want the local time back. A local time that
//! a clock change skips is read with the offset before the change, and one
//! that occurs twice as the first of the two, as RFC 5545 (3.3.5) says.
//!
//! The writer escapes text values (`\`, `;`, `,`, line breaks), folds lines
//! longer than 75 octets without splitting a character, and ends every line
//! with CRLF. It does no I/O: the API hands it records and serves the text.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use vetnet_protocol::InstitutionId;
use vetnet_protocol::event::{EventBody, local_date_time};

/// The `PRODID` of every calendar this node writes.
pub const PRODID: &str = concat!("-//vetnet//vetnet node ", env!("CARGO_PKG_VERSION"), "//EN");

/// The media type of the calendars written here.
pub const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// The longest line, in octets, before folding (RFC 5545 3.1).
const MAX_LINE_OCTETS: usize = 75;

/// One event record, as the calendar needs it.
#[derive(Debug, Clone, Copy)]
pub struct CalendarEvent<'a> {
    /// The organiser: the record's author.
    pub author: &'a InstitutionId,
    /// The organiser's name, when this node holds its profile.
    pub author_name: Option<&'a str>,
    /// The record id.
    pub id: &'a str,
    /// The record's version: the event's `SEQUENCE`.
    pub seq: u64,
    /// When the version was signed (Unix seconds): `DTSTAMP`.
    pub ts: u64,
    pub body: &'a EventBody,
}

/// The UTC instant of the local time `local` (`YYYY-MM-DDTHH:MM`) in the
/// zone `tz`; `None` when either does not parse (never for a checked
/// record: every zone of the protocol's list is in the database, a test
/// says so).
pub fn utc_instant(local: &str, tz: &str) -> Option<DateTime<Utc>> {
    let zone: chrono_tz::Tz = tz.parse().ok()?;
    let local = local_date_time("", local).ok()?;
    Some(to_utc(zone, local))
}

fn to_utc(zone: chrono_tz::Tz, local: NaiveDateTime) -> DateTime<Utc> {
    use chrono::LocalResult;
    use chrono::Offset as _;
    match zone.from_local_datetime(&local) {
        LocalResult::Single(time) => time.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Skipped by a clock change: the offset in force a day before
            // (clock changes are months apart).
            let before = zone.offset_from_utc_datetime(&(local - chrono::Duration::days(1))).fix();
            Utc.from_utc_datetime(&(local - before))
        }
    }
}

/// The event's start and end in UTC.
pub fn utc_times(body: &EventBody) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    Some((utc_instant(&body.start, &body.tz)?, utc_instant(&body.end, &body.tz)?))
}

/// A `VCALENDAR` of `events` (an empty one when there are none), named
/// `name` (`X-WR-CALNAME`) when given.
pub fn write_calendar(events: &[CalendarEvent<'_>], name: Option<&str>) -> String {
    let mut lines = LineWriter::default();
    lines.raw("BEGIN:VCALENDAR");
    lines.raw("VERSION:2.0");
    lines.raw(&format!("PRODID:{PRODID}"));
    lines.raw("CALSCALE:GREGORIAN");
    lines.raw("METHOD:PUBLISH");
    if let Some(name) = name {
        lines.text("X-WR-CALNAME", name);
    }
    for event in events {
        write_event(&mut lines, event);
    }
    lines.raw("END:VCALENDAR");
    lines.out
}

fn write_event(lines: &mut LineWriter, event: &CalendarEvent<'_>) {
    let body = event.body;
    lines.raw("BEGIN:VEVENT");
    lines.text("UID", &uid(event.author, event.id));
    lines.raw(&format!("DTSTAMP:{}", utc_stamp(event.ts)));
    lines.raw(&format!("LAST-MODIFIED:{}", utc_stamp(event.ts)));
    lines.raw(&format!("SEQUENCE:{}", event.seq));
    if let Some((start, end)) = utc_times(body) {
        lines.raw(&format!("DTSTART:{}", start.format("%Y%m%dT%H%M%SZ")));
        lines.raw(&format!("DTEND:{}", end.format("%Y%m%dT%H%M%SZ")));
    }
    lines.text("X-VETNET-TZID", &body.tz);
    lines.text("SUMMARY", body.title.best(&[]).unwrap_or_default());
    let place = match (&body.city, &body.country) {
        (Some(city), Some(country)) => Some(format!("{city}, {country}")),
        _ => body.online.clone(),
    };
    if let Some(place) = place {
        lines.text("LOCATION", &place);
    }
    if let Some(online) = &body.online {
        // A URI value: no text escaping (the protocol allows no white space in it).
        lines.raw(&format!("URL:{online}"));
    }
    lines.text("DESCRIPTION", &description(event));
    let categories: Vec<String> =
        std::iter::once(body.kind.as_str().to_owned()).chain(body.topics.iter().cloned()).collect();
    lines.text_list("CATEGORIES", &categories);
    lines.raw("STATUS:CONFIRMED");
    lines.raw("END:VEVENT");
}

/// The event's stable UID: the organiser's did:key and the record id, the
/// same in every version of the record and on every node.
pub fn uid(author: &InstitutionId, id: &str) -> String {
    format!("{}/event/{id}", author.to_did())
}

fn utc_stamp(ts: u64) -> String {
    let time = i64::try_from(ts).ok().and_then(|ts| Utc.timestamp_opt(ts, 0).single()).unwrap_or_default();
    time.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The description: what the record says beyond the other properties, in
/// plain lines.
fn description(event: &CalendarEvent<'_>) -> String {
    let body = event.body;
    let mut text = String::new();
    let organiser = event.author_name.map_or_else(|| event.author.to_did(), str::to_owned);
    let _ = writeln!(text, "{} organised by {organiser}.", kind_words(body));
    let _ = writeln!(text, "When: {} to {} ({}).", body.start.replace('T', " "), body.end.replace('T', " "), body.tz);
    if let Some(online) = &body.online {
        let _ = writeln!(text, "Online: {online}");
    }
    let _ = writeln!(text, "Languages: {}.", body.langs.join(", "));
    if !body.audience.is_empty() {
        let groups: Vec<&str> = body.audience.iter().map(|group| group.as_str()).collect();
        let _ = writeln!(text, "For: {}.", groups.join(", "));
    }
    if !body.topics.is_empty() {
        let _ = writeln!(text, "Topics: {}.", body.topics.join("; "));
    }
    let mut registration = Vec::new();
    registration.extend(body.deadline.as_ref().map(|day| format!("until {day}")));
    registration.extend(body.capacity.map(|n| format!("{n} places")));
    registration.extend(body.registered.map(|n| format!("{n} registered")));
    if !registration.is_empty() {
        let _ = writeln!(text, "Registration: {}.", registration.join(", "));
    }
    for (heading, part) in [("Agenda", &body.agenda), ("Summary", &body.summary)] {
        if let Some(part) = part.best(&[]) {
            let _ = write!(text, "\n{heading}:\n{part}\n");
        }
    }
    if !body.outcomes.is_empty() {
        let _ = writeln!(text, "\nOutcomes:");
        for outcome in &body.outcomes {
            let _ = writeln!(text, "- {outcome}");
        }
    }
    if !body.minutes.is_empty() {
        let _ = writeln!(text, "\nMinutes:");
        for url in &body.minutes {
            let _ = writeln!(text, "{url}");
        }
    }
    text.trim_end().to_owned()
}

/// "Network meeting", "Study visit".
fn kind_words(body: &EventBody) -> String {
    let word = body.kind.as_str().replace('-', " ");
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Content lines, folded and ended with CRLF as they are written.
#[derive(Default)]
struct LineWriter {
    out: String,
}

impl LineWriter {
    /// A line whose value needs no escaping.
    fn raw(&mut self, line: &str) {
        let mut octets = 0;
        for c in line.chars() {
            // A continuation line starts with one space, which counts.
            if octets + c.len_utf8() > MAX_LINE_OCTETS {
                self.out.push_str("\r\n ");
                octets = 1;
            }
            self.out.push(c);
            octets += c.len_utf8();
        }
        self.out.push_str("\r\n");
    }

    /// A property with one TEXT value.
    fn text(&mut self, name: &str, value: &str) {
        self.raw(&format!("{name}:{}", escape_text(value)));
    }

    /// A property with a list of TEXT values (`CATEGORIES`).
    fn text_list(&mut self, name: &str, values: &[String]) {
        let escaped: Vec<String> = values.iter().map(|value| escape_text(value)).collect();
        self.raw(&format!("{name}:{}", escaped.join(",")));
    }
}

/// A TEXT value escaped (RFC 5545 3.3.11): `\` `;` `,` with a backslash, a
/// line break as `\n`; carriage returns are dropped.
pub fn escape_text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use vetnet_protocol::event::TIME_ZONES;
    use vetnet_protocol::fixtures;

    #[test]
    fn every_zone_of_the_protocol_is_in_the_tz_database() {
        for zone in TIME_ZONES {
            assert!(zone.parse::<chrono_tz::Tz>().is_ok(), "{zone} is not in chrono-tz");
        }
    }

    #[test]
    fn local_times_become_utc_across_clock_changes() {
        let utc = |local: &str, tz: &str| utc_instant(local, tz).map(|t| t.format("%Y%m%dT%H%M%SZ").to_string());
        assert_eq!(utc("2027-05-12T09:00", "Europe/Stockholm").as_deref(), Some("20270512T070000Z"));
        assert_eq!(utc("2027-01-12T09:00", "Europe/Stockholm").as_deref(), Some("20270112T080000Z"));
        assert_eq!(utc("2027-05-12T09:00", "Europe/Helsinki").as_deref(), Some("20270512T060000Z"));
        assert_eq!(utc("2027-05-12T09:00", "Europe/Kaliningrad").as_deref(), Some("20270512T070000Z"));
        assert_eq!(utc("2027-05-12T09:00", "UTC").as_deref(), Some("20270512T090000Z"));
        // 28 March 2027, 02:30 does not exist in Stockholm: read at +01:00.
        assert_eq!(utc("2027-03-28T02:30", "Europe/Stockholm").as_deref(), Some("20270328T013000Z"));
        // 31 October 2027, 02:30 happens twice: the first, at +02:00.
        assert_eq!(utc("2027-10-31T02:30", "Europe/Stockholm").as_deref(), Some("20271031T003000Z"));
        assert_eq!(utc("2027-05-12T09:00", "Mars/Olympus"), None);
    }

    #[test]
    fn text_is_escaped_and_long_lines_fold_at_75_octets_between_characters() {
        assert_eq!(escape_text("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape_text("\\n, not a line break"), "\\\\n\\, not a line break");
        let mut lines = LineWriter::default();
        let long = "Å".repeat(60);
        lines.text("SUMMARY", &long);
        for line in lines.out.split_terminator("\r\n") {
            assert!(line.len() <= MAX_LINE_OCTETS, "{} octets: {line}", line.len());
        }
        let unfolded = lines.out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{long}\r\n"));
        assert!(lines.out.ends_with("\r\n") && !lines.out.contains("\n\n"));
    }

    #[test]
    fn a_calendar_has_its_frame_and_one_event_per_record() {
        let body = fixtures::full_event();
        let author = vetnet_protocol::InstitutionKey::from_secret_bytes(&[3; 32]).id();
        let event = CalendarEvent {
            author: &author,
            author_name: Some("Luleå, Norrbotten"),
            id: "m",
            seq: 3,
            ts: 0,
            body: &body,
        };
        let text = write_calendar(&[event, event], Some("vetnet"));
        let unfolded = text.replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split_terminator("\r\n").collect();
        assert_eq!(
            lines[..5],
            ["BEGIN:VCALENDAR", "VERSION:2.0", &format!("PRODID:{PRODID}"), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        );
        assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
        assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(), 2);
        assert!(lines.contains(&"DTSTART:20270512T070000Z"), "{unfolded}");
        assert!(lines.contains(&"DTEND:20270512T140000Z"));
        assert!(lines.contains(&"DTSTAMP:19700101T000000Z"));
        assert!(lines.contains(&"LOCATION:Luleå\\, SE"));
        assert!(lines.contains(&"CATEGORIES:network-meeting,Skills needs in the region,Attracting learners"));
        assert!(lines.contains(&format!("UID:{}/event/m", author.to_did()).as_str()));
        assert!(
            unfolded.contains("DESCRIPTION:Network meeting organised by Luleå\\, Norrbotten.\\nWhen: 2027-05-12 09:00")
        );
    }
}
