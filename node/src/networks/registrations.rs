//! Registrations for meetings: an `event-registration` letter goes to the
//! event's organiser, whose node keeps the attendee list (never published)
//! and publishes the new count as the event's `registered`.

use vetnet_protocol::event::EventBody;
use vetnet_protocol::letter::{LetterBody, RegistrationBody, VerifiedLetter};
use vetnet_protocol::{Content, InstitutionId, RecordKind};
use vetnet_views as views;

use super::letters::{INCOMING, OUTGOING};
use super::{Networks, NetworksError, refused};
use crate::publish::PublishMode;

impl Networks {
    /// The live event `id` of `organiser`, as held here.
    fn event_of(&self, organiser: InstitutionId, id: &str) -> Result<Option<EventBody>, NetworksError> {
        let live = crate::credentials::live(self.store(), organiser, &RecordKind::Event, id)?;
        Ok(live.and_then(|record| match record.content {
            Content::Event(body) => Some(*body),
            _ => None,
        }))
    }

    /// Why `event` takes no registration today, if it does not.
    fn closed(&self, event: &EventBody) -> Option<String> {
        let today = self.inner.clock.today();
        match &event.deadline {
            Some(deadline) if deadline.as_str() < today.as_str() => Some(format!("registration closed on {deadline}")),
            _ if event.start_day() < today.as_str() => Some("the event has already begun".to_owned()),
            _ => None,
        }
    }

    /// Registers `name` for `organiser`'s event `id`; the letter goes to
    /// the organiser's node (now, or when it can be reached).
    pub async fn register(
        &self,
        organiser: InstitutionId,
        id: &str,
        name: &str,
        email: &str,
    ) -> Result<String, NetworksError> {
        let Some(event) = self.event_of(organiser, id)? else {
            return Err(refused("event", format!("this node holds no event {id:?} of {}", organiser.to_did())));
        };
        if let Some(why) = self.closed(&event) {
            return Err(refused("event", why));
        }
        let body = RegistrationBody { event: id.to_owned(), name: name.to_owned(), email: email.to_owned() };
        let letter = self.sign(organiser, LetterBody::Registration(body))?;
        self.send(&letter, None).await?;
        Ok(letter.payload.id)
    }

    /// Whether a registration letter may be taken: `Err` says why not.
    pub(super) fn check_registration(
        &self,
        registration: &RegistrationBody,
    ) -> Result<Result<(), (String, String)>, NetworksError> {
        let Some(event) = self.event_of(self.me(), &registration.event)? else {
            return Ok(Err(("body.event".into(), format!("no event {:?} is open here", registration.event))));
        };
        if let Some(why) = self.closed(&event) {
            return Ok(Err(("body.event".into(), why)));
        }
        let again = self.letters(INCOMING)?.into_iter().any(|(_, letter)| {
            matches!(&letter.body, LetterBody::Registration(r)
                if r.event == registration.event && r.email.eq_ignore_ascii_case(&registration.email))
        });
        if again {
            return Ok(Err(("body.email".into(), "is registered for this event already".into())));
        }
        Ok(Ok(()))
    }

    /// Publishes the event's new `registered` count after a registration.
    pub(super) async fn count_registrations(&self, event_id: &str) -> Result<(), NetworksError> {
        let Some(mut event) = self.event_of(self.me(), event_id)? else { return Ok(()) };
        let count = self.registrations_of(event_id)?.len();
        event.registered = Some(u32::try_from(count).unwrap_or(u32::MAX));
        self.inner.publisher.publish(RecordKind::Event, event_id, &event, PublishMode::Update).await?;
        Ok(())
    }

    fn registrations_of(&self, event_id: &str) -> Result<Vec<(u64, VerifiedLetter)>, NetworksError> {
        Ok(self
            .letters(INCOMING)?
            .into_iter()
            .filter(|(_, letter)| matches!(&letter.body, LetterBody::Registration(r) if r.event == event_id))
            .map(|(entry, letter)| (entry.at, letter))
            .collect())
    }

    /// The registrations this node sent, and those its own events received.
    pub fn registrations(&self) -> Result<Vec<views::RegistrationView>, NetworksError> {
        let mut rows = Vec::new();
        for (direction, word) in [(OUTGOING, "sent"), (INCOMING, "received")] {
            for (entry, letter) in self.letters(direction)? {
                let LetterBody::Registration(body) = &letter.body else { continue };
                // The organiser is the addressee, in both directions.
                let organiser = letter.to;
                rows.push(views::RegistrationView {
                    id: letter.payload.id.clone(),
                    direction: word.to_owned(),
                    event: body.event.clone(),
                    organiser: organiser.to_did(),
                    organiser_name: self.name_of_institution(organiser)?,
                    institution: letter.author.to_did(),
                    name: body.name.clone(),
                    email: body.email.clone(),
                    ts: letter.payload.ts,
                    delivery: (direction == OUTGOING).then(|| views::LetterDeliveryView {
                        delivered: entry.delivered,
                        attempts: entry.attempts,
                        last_error: entry.last_error.clone(),
                    }),
                });
            }
        }
        rows.sort_by(|a, b| b.ts.cmp(&a.ts).then_with(|| a.id.cmp(&b.id)));
        Ok(rows)
    }

    fn name_of_institution(&self, institution: InstitutionId) -> Result<Option<String>, NetworksError> {
        Ok(crate::credentials::institution(self.store(), institution)?.map(|(i, _)| i.name))
    }
}
