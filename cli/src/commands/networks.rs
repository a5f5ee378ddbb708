//! `vetnet network …`: a network's profile and members, and joining.

use vetnet_views::{
    ApplicationView, ApplyInput, MemberView, MembershipEndedView, NetworkProfileInput, NetworkView, ReasonInput,
};

use crate::args::NetworkCommand;
use crate::client::ApiClient;
use crate::commands::{join, name_or_did, short_did};
use crate::failure::Failure;
use crate::printer::Printer;

/// `me`, or the did:key given.
fn did_or_me(did: Option<String>) -> String {
    did.unwrap_or_else(|| "me".to_owned())
}

pub async fn run(client: &ApiClient, command: NetworkCommand, printer: Printer) -> anyhow::Result<()> {
    match command {
        NetworkCommand::Profile(args) => {
            let body = NetworkProfileInput {
                countries: args.countries.iter().map(|c| c.to_uppercase()).collect(),
                regions: args.regions.iter().map(|r| r.to_uppercase()).collect(),
                coordinator_name: args.coordinator_name,
                coordinator_email: args.coordinator_email,
                topics: args.topics,
                languages: args.languages,
                joining: args.joining,
            };
            let network: NetworkView = client.put("/v1/network-profile", &body).await?;
            if printer.json {
                printer.value(&network);
            } else {
                printer.line(format!("Published the network profile of {}.", network.name));
                print_network(&network, printer);
            }
        }
        NetworkCommand::Show { did } => {
            let network: NetworkView = client.get(&format!("/v1/networks/{}", did_or_me(did)), &[]).await?;
            if printer.json {
                printer.value(&network);
            } else {
                print_network(&network, printer);
            }
        }
        NetworkCommand::Members { did } => {
            let members: Vec<MemberView> = client.get(&format!("/v1/networks/{}/members", did_or_me(did)), &[]).await?;
            print_members(&members, printer);
        }
        NetworkCommand::Memberships { did } => {
            let networks: Vec<NetworkView> =
                client.get(&format!("/v1/institutions/{}/memberships", did_or_me(did)), &[]).await?;
            print_networks(&networks, printer);
        }
        NetworkCommand::Apply { did, message } => {
            let body = ApplyInput { motivation: message };
            let application: ApplicationView = client.post(&format!("/v1/networks/{did}/applications"), &body).await?;
            if printer.json {
                printer.value(&application);
            } else {
                let network = name_or_did(&application.network_name, &application.network);
                printer.line(format!(
                    "Applied to {network} ({}); the application goes to its node now or as soon as it can be reached.",
                    application.id
                ));
            }
        }
        NetworkCommand::Applications => {
            let applications: Vec<ApplicationView> = client.get("/v1/applications", &[]).await?;
            print_applications(&applications, printer);
        }
        NetworkCommand::Accept { applicant } => {
            let application: ApplicationView =
                client.post_empty(&format!("/v1/applications/{applicant}/accept")).await?;
            answered(&application, printer);
        }
        NetworkCommand::Refuse { applicant, reason } => {
            if reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return Err(Failure::user("--reason is required: say why the application is refused"));
            }
            let body = ReasonInput { reason };
            let application: ApplicationView =
                client.post(&format!("/v1/applications/{applicant}/refuse"), &body).await?;
            answered(&application, printer);
        }
        NetworkCommand::Leave { did, reason } => {
            let ended: MembershipEndedView =
                client.post(&format!("/v1/networks/{did}/leave"), &ReasonInput { reason }).await?;
            if printer.json {
                printer.value(&ended);
            } else {
                printer.line(format!(
                    "Leaving {}: the letter {} tells its node, which then withdraws the member endorsement.",
                    short_did(&ended.network),
                    ended.letter
                ));
            }
        }
        NetworkCommand::End { did, reason } => {
            let ended: MembershipEndedView =
                client.post(&format!("/v1/members/{did}/end"), &ReasonInput { reason }).await?;
            if printer.json {
                printer.value(&ended);
            } else {
                printer.line(format!(
                    "Ended the membership of {}: the member endorsement is withdrawn, and the letter {} tells it.",
                    short_did(&ended.member),
                    ended.letter
                ));
            }
        }
    }
    Ok(())
}

fn answered(application: &ApplicationView, printer: Printer) {
    if printer.json {
        printer.value(application);
        return;
    }
    let applicant = name_or_did(&application.applicant_name, &application.applicant);
    match application.status.as_str() {
        "accepted" => printer.line(format!("Accepted {applicant}: it is a member now, and its node is told.")),
        _ => printer.line(format!("Refused {applicant}; its node is told why.")),
    }
}

fn print_network(network: &NetworkView, printer: Printer) {
    let regions =
        if network.regions.is_empty() { "the whole of its countries".to_owned() } else { join(&network.regions, ", ") };
    printer.line(format!("{} ({})", network.name, network.network));
    printer.line(format!("  works in:     {} ({regions})", join(&network.countries, ", ")));
    printer.line(format!("  coordinator:  {} <{}>", network.coordinator.name, network.coordinator.email));
    printer.line(format!("  topics:       {}", join(&network.topics, ", ")));
    printer.line(format!("  languages:    {}", join(&network.languages, ", ")));
    let joining = match network.joining.as_str() {
        "open" => "open: every application is accepted",
        _ => "by application: the coordinator decides",
    };
    printer.line(format!("  joining:      {joining}"));
    printer.line(format!("  members:      {}", network.members));
}

pub fn print_networks(networks: &[NetworkView], printer: Printer) {
    if printer.json {
        printer.value(networks);
        return;
    }
    if networks.is_empty() {
        printer.line("No networks match.");
        return;
    }
    let rows: Vec<Vec<String>> = networks
        .iter()
        .map(|n| {
            let area = if n.regions.is_empty() { join(&n.countries, " ") } else { join(&n.regions, " ") };
            vec![
                n.name.clone(),
                area,
                join(&n.topics, ", "),
                n.joining.clone(),
                n.members.to_string(),
                short_did(&n.network),
            ]
        })
        .collect();
    printer.table(&["NETWORK", "WORKS IN", "TOPICS", "JOINING", "MEMBERS", "DID"], &rows);
}

fn print_members(members: &[MemberView], printer: Printer) {
    if printer.json {
        printer.value(members);
        return;
    }
    if members.is_empty() {
        printer.line("No members yet.");
        return;
    }
    let rows: Vec<Vec<String>> = members
        .iter()
        .map(|m| {
            vec![
                name_or_did(&m.name, &m.institution),
                m.kind.clone().unwrap_or_default(),
                m.country.clone().unwrap_or_default(),
                m.institution.clone(),
            ]
        })
        .collect();
    printer.table(&["MEMBER", "KIND", "COUNTRY", "DID"], &rows);
}

fn print_applications(applications: &[ApplicationView], printer: Printer) {
    if printer.json {
        printer.value(applications);
        return;
    }
    if applications.is_empty() {
        printer.line("No applications.");
        return;
    }
    let rows: Vec<Vec<String>> = applications
        .iter()
        .map(|a| {
            let other = match a.direction.as_str() {
                "sent" => format!("to {}", name_or_did(&a.network_name, &a.network)),
                _ => format!("from {}", name_or_did(&a.applicant_name, &a.applicant)),
            };
            let status = match (&a.status[..], &a.reason, &a.delivery) {
                ("refused", Some(reason), _) => format!("refused: {reason}"),
                ("pending", _, Some(delivery)) if !delivery.delivered => {
                    format!("waiting to be delivered ({} tries)", delivery.attempts)
                }
                (status, _, _) => status.to_owned(),
            };
            vec![a.id.clone(), other, status, a.motivation.lines().next().unwrap_or_default().to_owned()]
        })
        .collect();
    printer.table(&["APPLICATION", "WITH", "STATUS", "MOTIVATION"], &rows);
}
