//! iCalendar read by an independent parser: Python's `icalendar` package
//! (Debian's python3-icalendar, which `.ci/ics-deps` installs), run as
//! `/usr/bin/python3`. It unfolds, unescapes and types every property, and
//! the tests compare what it read with what the node was given.

use crate::python::{Needs, read_json};

/// Reads the calendar with `icalendar` and reports, as JSON, the calendar's
/// `version` and `prodid` and for each VEVENT its `uid`, `summary`,
/// `location`, `url`, `description`, `categories`, `sequence`, `status`,
/// `dtstamp`, `dtstart` and `dtend` (ISO 8601 in UTC), `tzid` (the
/// `X-VETNET-TZID`) and `local_start` / `local_end`: the times converted back
/// into that zone with Python's own zone data (`zoneinfo`), `YYYY-MM-DDTHH:MM`.
const READER: &str = r#"
import json, sys, zoneinfo
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.buffer.read())
def utc(component, name):
    return component.decoded(name).astimezone(zoneinfo.ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")
def local(component, name, zone):
    return component.decoded(name).astimezone(zoneinfo.ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")
events = []
for ev in cal.walk("VEVENT"):
    zone = str(ev.get("X-VETNET-TZID"))
    cats = ev.get("CATEGORIES")
    events.append({
        "uid": str(ev.get("UID")),
        "summary": str(ev.get("SUMMARY")),
        "location": str(ev.get("LOCATION")) if ev.get("LOCATION") is not None else None,
        "url": str(ev.get("URL")) if ev.get("URL") is not None else None,
        "description": str(ev.get("DESCRIPTION")),
        "categories": [str(c) for c in cats.cats] if cats is not None else [],
        "sequence": int(ev.get("SEQUENCE")),
        "status": str(ev.get("STATUS")),
        "dtstamp": utc(ev, "DTSTAMP"),
        "dtstart": utc(ev, "DTSTART"),
        "dtend": utc(ev, "DTEND"),
        "tzid": zone,
        "local_start": local(ev, "DTSTART", zone),
        "local_end": local(ev, "DTEND", zone),
    })
print(json.dumps({"version": str(cal.get("VERSION")), "prodid": str(cal.get("PRODID")), "events": events}))
"#;

/// What the independent parser read from `calendar` (see [`READER`]).
/// Panics when it is missing or refuses the calendar.
pub fn read_with_python(calendar: &str) -> serde_json::Value {
    let needs = Needs { module: "icalendar", install: ".ci/ics-deps (apt-get install python3-icalendar)" };
    read_json(READER, calendar.as_bytes(), &needs)
}

/// Checks the framing rules a parser may forgive: every line ends with
/// CRLF, and no line is longer than 75 octets.
pub fn assert_lines_are_folded(calendar: &str) {
    assert!(calendar.ends_with("\r\n"), "the calendar ends with CRLF");
    for line in calendar.split_terminator("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "a bare line break in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}
