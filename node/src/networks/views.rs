//! Networks, members and applications as the API, the CLI and the
//! dashboard show them.

use vetnet_protocol::endorsement::EndorsementRole;
use vetnet_protocol::letter::LetterBody;
use vetnet_protocol::network::NetworkProfileBody;
use vetnet_protocol::{Content, InstitutionId, RecordKind};
use vetnet_views as views;

use super::letters::{INCOMING, OUTGOING};
use super::{Networks, NetworksError};
use crate::search::{self, NetworkQuery};

impl Networks {
    fn name_of(&self, institution: InstitutionId) -> Result<Option<String>, NetworksError> {
        Ok(crate::credentials::institution(self.store(), institution)?.map(|(i, _)| i.name))
    }

    fn network_view(
        &self,
        network: InstitutionId,
        body: NetworkProfileBody,
    ) -> Result<views::NetworkView, NetworksError> {
        let (name, country) = match crate::credentials::institution(self.store(), network)? {
            Some((institution, _)) => (institution.name, institution.country),
            None => (network.to_did(), String::new()),
        };
        Ok(views::NetworkView {
            network: network.to_did(),
            name,
            country,
            countries: body.countries,
            regions: body.regions,
            coordinator: views::CoordinatorView { name: body.coordinator.name, email: body.coordinator.email },
            topics: body.topics,
            languages: body.languages,
            joining: body.joining.as_str().to_owned(),
            members: self.members(network)?.len(),
        })
    }

    /// `network`, when it is a network with a network profile held here.
    pub fn network(&self, network: InstitutionId) -> Result<Option<views::NetworkView>, NetworksError> {
        self.network_profile(network)?.map(|body| self.network_view(network, body)).transpose()
    }

    /// Networks by region, country and topic, newest first.
    pub fn search(&self, query: &NetworkQuery) -> Result<Vec<views::NetworkView>, NetworksError> {
        let mut found = Vec::new();
        for record in search::search_networks(self.store(), query)? {
            // Only an institution of kind network is shown as one.
            if let Some(view) = self.network(record.author)? {
                found.push(view);
            }
        }
        Ok(found)
    }

    /// The members of `network`: its live `member` endorsements.
    pub fn members(&self, network: InstitutionId) -> Result<Vec<views::MemberView>, NetworksError> {
        let today = self.inner.clock.today();
        let mut members = Vec::new();
        for record in self.store().by_author(&network, &RecordKind::Endorsement)? {
            let Content::Endorsement(endorsement) = &record.content else { continue };
            let current = endorsement.until.as_deref().is_none_or(|until| until >= today.as_str());
            let Some(member) = endorsement.subject_id() else { continue };
            if endorsement.role != EndorsementRole::Member || !current {
                continue;
            }
            let profile = crate::credentials::institution(self.store(), member)?;
            members.push(views::MemberView {
                institution: member.to_did(),
                name: profile.as_ref().map(|(i, _)| i.name.clone()),
                country: profile.as_ref().map(|(i, _)| i.country.clone()),
                kind: profile.as_ref().map(|(_, p)| p.institution.as_str().to_owned()),
                since: record.payload.ts,
            });
        }
        members.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.institution.cmp(&b.institution)));
        Ok(members)
    }

    /// The networks `institution` is a member of.
    pub fn memberships(&self, institution: InstitutionId) -> Result<Vec<views::NetworkView>, NetworksError> {
        let mut networks = Vec::new();
        for record in search::endorsements_of(self.store(), &institution)? {
            let Content::Endorsement(endorsement) = &record.content else { continue };
            if endorsement.role == EndorsementRole::Member
                && !networks.iter().any(|n: &views::NetworkView| n.network == record.author.to_did())
                && self.member_endorsement(record.author, institution)?
                && let Some(view) = self.network(record.author)?
            {
                networks.push(view);
            }
        }
        Ok(networks)
    }

    /// Every application this node sent or received, newest first.
    pub fn applications(&self) -> Result<Vec<views::ApplicationView>, NetworksError> {
        let mut applications = Vec::new();
        for (direction, word) in [(OUTGOING, "sent"), (INCOMING, "received")] {
            for (entry, letter) in self.letters(direction)? {
                let LetterBody::Application(body) = &letter.body else { continue };
                let (status, reason, answered) = match &entry.answer {
                    Some(answer) => (answer.decision.clone(), answer.reason.clone(), Some(answer.ts)),
                    None => ("pending".to_owned(), None, None),
                };
                let delivery = (direction == OUTGOING).then(|| views::LetterDeliveryView {
                    delivered: entry.delivered,
                    attempts: entry.attempts,
                    last_error: entry.last_error.clone(),
                });
                applications.push(views::ApplicationView {
                    id: letter.payload.id.clone(),
                    direction: word.to_owned(),
                    applicant: letter.author.to_did(),
                    applicant_name: self.name_of(letter.author)?,
                    network: letter.to.to_did(),
                    network_name: self.name_of(letter.to)?,
                    motivation: body.motivation.clone(),
                    ts: letter.payload.ts,
                    status,
                    reason,
                    answered,
                    delivery,
                });
            }
        }
        applications.sort_by(|a, b| b.ts.cmp(&a.ts).then_with(|| a.id.cmp(&b.id)));
        Ok(applications)
    }
}
