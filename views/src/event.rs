//! Events (meetings): the body of an `event` record as the API shows and
//! takes it. Field names and words are those of `docs/PROTOCOL.md`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::content::LangText;
use crate::record::RecordView;
use crate::word_enum;

/// A meeting a network or an institution organises (the record's author).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Event {
    pub title: LangText,
    /// What kind of meeting it is.
    #[serde(rename = "event_kind")]
    pub kind: EventKind,
    /// The did:key of the network it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// Local start, `YYYY-MM-DDTHH:MM` in `tz`.
    pub start: String,
    /// Local end, `YYYY-MM-DDTHH:MM` in `tz`, after `start`.
    pub end: String,
    /// IANA time zone name, such as `Europe/Stockholm`.
    pub tz: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2, given with `city`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Where to join online, `https://…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<String>,
    /// BCP 47 tags of the languages it is held in.
    pub langs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<Audience>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub agenda: LangText,
    /// Last day to register, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// How many have registered, as the organiser last counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered: Option<u32>,
    /// After the meeting: what happened.
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub summary: LangText,
    /// After the meeting: what it decided or produced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
    /// After the meeting: web addresses of the minutes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minutes: Vec<String>,
}

word_enum! {
    /// The kind of a meeting.
    pub enum EventKind {
        NetworkMeeting = "network-meeting",
        Conference = "conference",
        Workshop = "workshop",
        Webinar = "webinar",
        StudyVisit = "study-visit",
    }
}

word_enum! {
    /// A group a meeting is for.
    pub enum Audience {
        SchoolOrganisers = "school-organisers",
        EducationProviders = "education-providers",
        GuidanceCounsellors = "guidance-counsellors",
        WblCoordinators = "wbl-coordinators",
        HeadTeachers = "head-teachers",
        Teachers = "teachers",
        SocialPartners = "social-partners",
        Companies = "companies",
        Learners = "learners",
    }
}

/// The body of `POST /v1/events`: an [`Event`] with its `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EventInput {
    pub id: String,
    #[serde(flatten)]
    pub event: Event,
}

/// An event record.
pub type EventView = RecordView<Event>;
