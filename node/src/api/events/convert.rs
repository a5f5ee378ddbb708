//! The event body into its view and back, field by field (as `api::convert`
//! does for the other kinds).

use vetnet_protocol::Content;
use vetnet_protocol::event::{self as pe, EventBody};
use vetnet_views as views;

use crate::api::convert::{
    FromContent, IntoProtocol, ToView, lang_text, lang_text_back, protocol_of, same_words, views_of,
};

same_words! {
    pe::EventKind => EventKind { NetworkMeeting, Conference, Workshop, Webinar, StudyVisit }
    pe::Audience => Audience {
        SchoolOrganisers, EducationProviders, GuidanceCounsellors, WblCoordinators, HeadTeachers, Teachers,
        SocialPartners, Companies, Learners
    }
}

impl ToView for EventBody {
    type View = views::Event;
    fn to_view(&self) -> Self::View {
        views::Event {
            title: lang_text(&self.title),
            kind: self.kind.to_view(),
            network: self.network.clone(),
            start: self.start.clone(),
            end: self.end.clone(),
            tz: self.tz.clone(),
            city: self.city.clone(),
            country: self.country.clone(),
            online: self.online.clone(),
            langs: self.langs.clone(),
            audience: views_of(&self.audience),
            topics: self.topics.clone(),
            agenda: lang_text(&self.agenda),
            deadline: self.deadline.clone(),
            capacity: self.capacity,
            registered: self.registered,
            summary: lang_text(&self.summary),
            outcomes: self.outcomes.clone(),
            minutes: self.minutes.clone(),
        }
    }
}

impl IntoProtocol for views::Event {
    type Protocol = EventBody;
    fn into_protocol(self) -> EventBody {
        EventBody {
            title: lang_text_back(self.title),
            kind: self.kind.into_protocol(),
            network: self.network,
            start: self.start,
            end: self.end,
            tz: self.tz,
            city: self.city,
            country: self.country,
            online: self.online,
            langs: self.langs,
            audience: protocol_of(self.audience),
            topics: self.topics,
            agenda: lang_text_back(self.agenda),
            deadline: self.deadline,
            capacity: self.capacity,
            registered: self.registered,
            summary: lang_text_back(self.summary),
            outcomes: self.outcomes,
            minutes: self.minutes,
        }
    }
}

impl FromContent for views::Event {
    fn from_content(content: &Content) -> Option<Self> {
        match content {
            Content::Event(body) => Some(body.to_view()),
            _ => None,
        }
    }
}
