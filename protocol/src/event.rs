//! The `event` record: a meeting a network or an institution organises (a
//! network meeting, a conference, a workshop, a webinar or a study visit),
//! with its time, place, audience and registration, and after the meeting
//! an update of the same record with its summary, outcomes and minutes.
//!
//! Times are local date-times with an IANA time zone name, as people write
//! them in an invitation; the zone must be one of [`TIME_ZONES`], the zones
//! of the member countries of the Council of the Baltic Sea States and UTC.
//! The rules compare `start` and `end` as local times of that one zone and
//! never need the zone's offsets, so no node's verdict depends on the
//! version of a time-zone database.
//!
//! An event holds no personal data: registrations go to the organiser by
//! direct message, and the public record carries at most their count.

use serde::{Deserialize, Serialize};

use crate::keyword::keyword_enum;
use crate::limits::*;
use crate::validate::{self, Checked, Rule, ValidationError, fail};
use crate::{InstitutionId, LangText};

/// The IANA time zone names an event's `tz` may take, in byte order: the
/// zones of the member countries of the Council of the Baltic Sea States
/// (Denmark, Estonia, Finland with Åland, Germany, Iceland, Latvia,
/// Lithuania, Norway, Poland, Russia west of the Urals, Sweden) and `UTC`.
pub const TIME_ZONES: &[&str] = &[
    "Atlantic/Reykjavik",
    "Europe/Berlin",
    "Europe/Copenhagen",
    "Europe/Helsinki",
    "Europe/Kaliningrad",
    "Europe/Mariehamn",
    "Europe/Moscow",
    "Europe/Oslo",
    "Europe/Riga",
    "Europe/Stockholm",
    "Europe/Tallinn",
    "Europe/Vilnius",
    "Europe/Warsaw",
    "UTC",
];

/// Is `name` one of the [`TIME_ZONES`] (exact spelling and case)?
pub fn is_time_zone(name: &str) -> bool {
    TIME_ZONES.binary_search(&name).is_ok()
}

/// The body of an `event` record. The organiser is the record's author.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventBody {
    /// What the meeting is called, in one or more languages: required, each
    /// entry single-line and at most [`MAX_TITLE_CHARS`] characters.
    pub title: LangText,
    /// What kind of meeting it is. On the wire `event_kind`, so that it is
    /// not mistaken for the payload's `kind` (which is `event`).
    #[serde(rename = "event_kind")]
    pub kind: EventKind,
    /// The network the meeting belongs to, as its `did:key`; absent when the
    /// organiser holds it on its own account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// When it starts, local time in `tz`: `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// When it ends, local time in `tz`: `YYYY-MM-DDTHH:MM`, later than
    /// `start` and at most [`MAX_EVENT_DAYS`] days after it.
    pub end: String,
    /// The IANA time zone `start` and `end` are in: one of [`TIME_ZONES`].
    pub tz: String,
    /// The town it takes place in: single-line, at most
    /// [`MAX_SHORT_TEXT_CHARS`] characters; given together with `country`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The country it takes place in (ISO 3166-1 alpha-2); given together
    /// with `city`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Where to join online: an `https://` address. An event has a place
    /// (`city` and `country`), an online link, or both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<String>,
    /// The languages it is held in (BCP 47): 1 to [`MAX_LANGUAGES`], each once.
    pub langs: Vec<String>,
    /// Who it is for, each group once; empty means anyone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<Audience>,
    /// What it is about, in a few words each: at most [`MAX_EVENT_TOPICS`],
    /// each single-line and at most [`MAX_SHORT_TEXT_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// The programme, multi-line, each entry at most
    /// [`MAX_EVENT_TEXT_CHARS`] characters.
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub agenda: LangText,
    /// The last day to register, `YYYY-MM-DD`: not after the day it starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// How many can take part: 1 to [`MAX_EVENT_CAPACITY`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// How many have registered, as the organiser last counted them: at
    /// most [`MAX_EVENT_CAPACITY`] (it may exceed `capacity`: a waiting list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered: Option<u32>,
    /// After the meeting: what happened, multi-line, each entry at most
    /// [`MAX_EVENT_TEXT_CHARS`] characters.
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub summary: LangText,
    /// After the meeting: what it decided or produced, at most
    /// [`MAX_OUTCOMES`], each multi-line and at most [`MAX_OUTCOME_CHARS`]
    /// characters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
    /// After the meeting: web addresses of the minutes, at most
    /// [`MAX_EVENT_MINUTES`], each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minutes: Vec<String>,
}

keyword_enum! {
    /// The kind of a meeting.
    pub enum EventKind {
        /// A meeting of a network's members.
        NetworkMeeting = "network-meeting",
        /// A conference.
        Conference = "conference",
        /// A workshop.
        Workshop = "workshop",
        /// A webinar (online by nature, though the rules do not require it).
        Webinar = "webinar",
        /// A visit to schools or companies to learn how they work.
        StudyVisit = "study-visit",
    }
}

keyword_enum! {
    /// A group a meeting is for.
    pub enum Audience {
        /// School organisers (the bodies that run schools).
        SchoolOrganisers = "school-organisers",
        /// Education providers.
        EducationProviders = "education-providers",
        /// Guidance counsellors.
        GuidanceCounsellors = "guidance-counsellors",
        /// Workplace-based learning coordinators.
        WblCoordinators = "wbl-coordinators",
        /// Head teachers.
        HeadTeachers = "head-teachers",
        /// Teachers.
        Teachers = "teachers",
        /// The social partners (employers' organisations and trade unions).
        SocialPartners = "social-partners",
        /// Companies.
        Companies = "companies",
        /// Learners.
        Learners = "learners",
    }
}

/// A local date-time written `YYYY-MM-DDTHH:MM` (24-hour clock, no seconds,
/// no offset) that exists on the calendar; the date-time it names.
pub fn local_date_time(field: &str, value: &str) -> Result<chrono::NaiveDateTime, ValidationError> {
    // chrono alone would also read signs, longer years and single digits.
    let shaped = value.len() == 16
        && value.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 => b == b':',
            _ => b.is_ascii_digit(),
        });
    let parsed = chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .ok()
        .filter(|t| shaped && t.format("%Y-%m-%dT%H:%M").to_string() == value);
    parsed.ok_or_else(|| {
        ValidationError::new(field, format!("must be a local date and time written YYYY-MM-DDTHH:MM (got {value:?})"))
    })
}

impl EventBody {
    /// The network the event belongs to, when `network` is a valid did:key.
    pub fn network_id(&self) -> Option<InstitutionId> {
        self.network.as_deref().and_then(|did| did.parse().ok())
    }

    /// The day it starts (`YYYY-MM-DD`, local), the first ten characters of
    /// `start`.
    pub fn start_day(&self) -> &str {
        self.start.get(..10).unwrap_or(&self.start)
    }

    fn check_time(&self, p: &str) -> Rule {
        let start = local_date_time(&format!("{p}.start"), &self.start)?;
        let end = local_date_time(&format!("{p}.end"), &self.end)?;
        if end <= start {
            return fail(format!("{p}.end"), format!("must be after start ({} is not after {})", self.end, self.start));
        }
        if end - start > chrono::Duration::days(MAX_EVENT_DAYS) {
            return fail(
                format!("{p}.end"),
                format!("must be at most {MAX_EVENT_DAYS} days after start ({} to {})", self.start, self.end),
            );
        }
        if !is_time_zone(&self.tz) {
            return fail(
                format!("{p}.tz"),
                format!("must be one of the IANA time zones {} (got {:?})", TIME_ZONES.join(", "), self.tz),
            );
        }
        if let Some(deadline) = &self.deadline {
            let deadline = validate::date(&format!("{p}.deadline"), deadline)?;
            if deadline > start.date() {
                return fail(
                    format!("{p}.deadline"),
                    format!("must not be after the day the event starts ({deadline} > {})", start.date()),
                );
            }
        }
        Ok(())
    }

    fn check_place(&self, p: &str) -> Rule {
        match (&self.city, &self.country) {
            (Some(_), None) => return fail(format!("{p}.country"), "is required with city"),
            (None, Some(_)) => return fail(format!("{p}.city"), "is required with country"),
            (None, None) if self.online.is_none() => {
                return fail(
                    format!("{p}.online"),
                    "is required when the event has no place: give city and country, an online link, or both",
                );
            }
            _ => {}
        }
        validate::opt_text(&format!("{p}.city"), &self.city, MAX_SHORT_TEXT_CHARS)?;
        if let Some(country) = &self.country {
            validate::country(&format!("{p}.country"), country)?;
        }
        if let Some(online) = &self.online {
            validate::url(&format!("{p}.online"), online)?;
            if !online.starts_with("https://") {
                return fail(format!("{p}.online"), format!("must be an https:// address (got {online:?})"));
            }
        }
        Ok(())
    }

    fn check_after(&self, p: &str) -> Rule {
        validate::lang_text(&format!("{p}.summary"), &self.summary, MAX_EVENT_TEXT_CHARS, false, false)?;
        validate::max_items(&format!("{p}.outcomes"), &self.outcomes, MAX_OUTCOMES)?;
        for (i, outcome) in self.outcomes.iter().enumerate() {
            validate::text(&format!("{p}.outcomes[{i}]"), outcome, MAX_OUTCOME_CHARS, false)?;
        }
        validate::max_items(&format!("{p}.minutes"), &self.minutes, MAX_EVENT_MINUTES)?;
        for (i, url) in self.minutes.iter().enumerate() {
            validate::url(&format!("{p}.minutes[{i}]"), url)?;
        }
        validate::no_duplicates(&format!("{p}.minutes"), &self.minutes)
    }
}

impl Checked for EventBody {
    fn check(&self, p: &str) -> Rule {
        validate::lang_text(&format!("{p}.title"), &self.title, MAX_TITLE_CHARS, true, true)?;
        if let Some(network) = &self.network
            && network.parse::<InstitutionId>().is_err()
        {
            return fail(
                format!("{p}.network"),
                format!("must be the did:key of a network, did:key:z6Mk… (got {network:?})"),
            );
        }
        self.check_time(p)?;
        self.check_place(p)?;
        if self.langs.is_empty() {
            return fail(format!("{p}.langs"), "must list at least one language the event is held in");
        }
        validate::max_items(&format!("{p}.langs"), &self.langs, MAX_LANGUAGES)?;
        for (i, lang) in self.langs.iter().enumerate() {
            validate::language(&format!("{p}.langs[{i}]"), lang)?;
        }
        validate::no_duplicates(&format!("{p}.langs"), &self.langs)?;
        for (i, group) in self.audience.iter().enumerate() {
            if self.audience[..i].contains(group) {
                return fail(format!("{p}.audience[{i}]"), format!("lists {:?} twice", group.as_str()));
            }
        }
        validate::max_items(&format!("{p}.topics"), &self.topics, MAX_EVENT_TOPICS)?;
        for (i, topic) in self.topics.iter().enumerate() {
            validate::text(&format!("{p}.topics[{i}]"), topic, MAX_SHORT_TEXT_CHARS, true)?;
        }
        validate::no_duplicates(&format!("{p}.topics"), &self.topics)?;
        validate::lang_text(&format!("{p}.agenda"), &self.agenda, MAX_EVENT_TEXT_CHARS, false, false)?;
        if let Some(capacity) = self.capacity
            && !(1..=MAX_EVENT_CAPACITY).contains(&capacity)
        {
            return fail(
                format!("{p}.capacity"),
                format!("must be between 1 and {MAX_EVENT_CAPACITY} (got {capacity})"),
            );
        }
        if let Some(registered) = self.registered
            && registered > MAX_EVENT_CAPACITY
        {
            return fail(format!("{p}.registered"), format!("must be at most {MAX_EVENT_CAPACITY} (got {registered})"));
        }
        self.check_after(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zone_list_is_sorted_so_that_binary_search_finds_every_zone() {
        assert!(TIME_ZONES.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(TIME_ZONES.iter().all(|zone| is_time_zone(zone)));
        assert!(!is_time_zone("europe/stockholm"));
        assert!(!is_time_zone("CET"));
    }

    #[test]
    fn local_date_times_are_read_only_in_their_one_shape() {
        assert!(local_date_time("start", "2027-05-12T09:00").is_ok());
        for bad in
            ["2027-05-12 09:00", "2027-05-12T9:00", "2027-05-12T09:00:00", "2027-02-30T09:00", "2027-05-12T24:00"]
        {
            let error = local_date_time("body.start", bad).unwrap_err();
            assert_eq!(error.field, "body.start", "{bad}");
            assert!(error.rule.contains("YYYY-MM-DDTHH:MM"), "{bad}: {}", error.rule);
        }
    }
}
