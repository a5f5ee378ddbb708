//! The `profile` record: who an institution is. One per author (id `profile`).

use serde::{Deserialize, Serialize};

use crate::LangText;
use crate::limits::*;
use crate::validate::{self, Checked, Rule, fail};

/// The record id every profile has.
pub const PROFILE_ID: &str = "profile";

/// The body of a `profile` record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileBody {
    /// The institution's name, in one or more languages: required, each entry
    /// single-line and at most [`MAX_NAME_CHARS`] characters.
    pub name: LangText,
    /// What kind of institution this is.
    pub institution: InstitutionKind,
    /// For a VET provider: initial VET, continuing VET, or both (required and
    /// not empty); empty for every other kind of institution.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vet: Vec<VetProvision>,
    /// Where the institution is: an ISO 3166-1 alpha-2 code in capitals.
    pub country: String,
    /// The region, as text: single-line, at most [`MAX_SHORT_TEXT_CHARS`]
    /// characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The town: single-line, at most [`MAX_SHORT_TEXT_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The region as a NUTS 2024 code at level 1 to 3 of the bundled list
    /// ([`crate::nuts`]), in the institution's `country`: where the regional
    /// picture and skills-need matching place it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nuts: Option<String>,
    /// Fields of education taught (ISCED-F 2013), mainly for schools: at most
    /// [`MAX_SECTORS`], no duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub isced: Vec<String>,
    /// Economic sectors (NACE Rev. 2), mainly for companies: at most
    /// [`MAX_SECTORS`], no duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nace: Vec<String>,
    /// Languages the institution works in (BCP 47 tags): at most
    /// [`MAX_LANGUAGES`], no duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// The institution's web address (`https://` or `http://`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// The institution's email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A registration or VAT number: single-line, at most
    /// [`MAX_SHORT_TEXT_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
    /// More about the institution, multi-line, each entry at most
    /// [`MAX_PROFILE_DESCRIPTION_CHARS`] characters.
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    /// The libp2p nodes that speak for the institution (at most
    /// [`MAX_NODES`]): where its direct messages go.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeAddress>,
}

/// What kind of institution a profile describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstitutionKind {
    /// `vet-provider`: a school or other provider of vocational education and
    /// training; it must say whether it offers initial or continuing VET.
    VetProvider,
    /// `company`: a host of placements.
    Company,
    /// `chamber`: a chamber of commerce, industry or crafts.
    Chamber,
    /// `public-agency`: a public body, such as a national agency.
    PublicAgency,
    /// `network`: a network of institutions.
    Network,
}

impl InstitutionKind {
    /// Every kind, in the order of the format's list.
    pub const ALL: [InstitutionKind; 5] = [
        InstitutionKind::VetProvider,
        InstitutionKind::Company,
        InstitutionKind::Chamber,
        InstitutionKind::PublicAgency,
        InstitutionKind::Network,
    ];

    /// The kind's name on the wire, such as `vet-provider`.
    pub fn as_str(self) -> &'static str {
        match self {
            InstitutionKind::VetProvider => "vet-provider",
            InstitutionKind::Company => "company",
            InstitutionKind::Chamber => "chamber",
            InstitutionKind::PublicAgency => "public-agency",
            InstitutionKind::Network => "network",
        }
    }
}

impl std::str::FromStr for InstitutionKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            let names: Vec<_> = Self::ALL.iter().map(|k| k.as_str()).collect();
            format!("unknown institution kind {s:?}; use one of {}", names.join(", "))
        })
    }
}

/// The kind of VET a provider offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VetProvision {
    /// Initial VET (upper-secondary, apprenticeships).
    Ivet,
    /// Continuing VET (adults, upskilling).
    Cvet,
}

/// A node of the institution: its libp2p peer id and listen addresses, as
/// text (this crate does not parse libp2p types).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeAddress {
    /// The node's libp2p peer id in base58: 1 to [`MAX_PEER_ID_CHARS`] ASCII
    /// letters and digits.
    pub peer_id: String,
    /// Multiaddrs the node listens on, such as `/ip4/192.0.2.1/tcp/7301`: at
    /// most [`MAX_ADDRS_PER_NODE`], each starting with `/`, printable ASCII
    /// without spaces, at most [`MAX_MULTIADDR_CHARS`] bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addrs: Vec<String>,
}

impl Checked for ProfileBody {
    fn check(&self, p: &str) -> Rule {
        validate::lang_text(&format!("{p}.name"), &self.name, MAX_NAME_CHARS, true, true)?;
        match (self.institution, self.vet.is_empty()) {
            (InstitutionKind::VetProvider, true) => {
                return fail(format!("{p}.vet"), "a vet-provider must say whether it offers ivet, cvet or both");
            }
            (kind, false) if kind != InstitutionKind::VetProvider => {
                return fail(format!("{p}.vet"), "only a vet-provider lists ivet/cvet");
            }
            _ => {}
        }
        if self.vet.iter().enumerate().any(|(i, provision)| self.vet[..i].contains(provision)) {
            return fail(format!("{p}.vet"), "lists the same provision twice");
        }
        validate::country(&format!("{p}.country"), &self.country)?;
        validate::opt_text(&format!("{p}.region"), &self.region, MAX_SHORT_TEXT_CHARS)?;
        validate::opt_text(&format!("{p}.city"), &self.city, MAX_SHORT_TEXT_CHARS)?;
        if let Some(nuts) = &self.nuts {
            validate::nuts(&format!("{p}.nuts"), nuts, 1..=3)?;
            if crate::nuts::country(nuts) != self.country {
                return fail(
                    format!("{p}.nuts"),
                    format!("must be a region of the profile's country {} (got {nuts:?})", self.country),
                );
            }
        }
        validate::max_items(&format!("{p}.isced"), &self.isced, MAX_SECTORS)?;
        validate::no_duplicates(&format!("{p}.isced"), &self.isced)?;
        for (i, code) in self.isced.iter().enumerate() {
            validate::isced(&format!("{p}.isced[{i}]"), code)?;
        }
        validate::max_items(&format!("{p}.nace"), &self.nace, MAX_SECTORS)?;
        validate::no_duplicates(&format!("{p}.nace"), &self.nace)?;
        for (i, code) in self.nace.iter().enumerate() {
            validate::nace(&format!("{p}.nace[{i}]"), code)?;
        }
        validate::max_items(&format!("{p}.languages"), &self.languages, MAX_LANGUAGES)?;
        validate::no_duplicates(&format!("{p}.languages"), &self.languages)?;
        for (i, tag) in self.languages.iter().enumerate() {
            validate::language(&format!("{p}.languages[{i}]"), tag)?;
        }
        if let Some(website) = &self.website {
            validate::url(&format!("{p}.website"), website)?;
        }
        if let Some(email) = &self.email {
            validate::email(&format!("{p}.email"), email)?;
        }
        validate::opt_text(&format!("{p}.registration"), &self.registration, MAX_SHORT_TEXT_CHARS)?;
        validate::lang_text(
            &format!("{p}.description"),
            &self.description,
            MAX_PROFILE_DESCRIPTION_CHARS,
            false,
            false,
        )?;
        validate::max_items(&format!("{p}.nodes"), &self.nodes, MAX_NODES)?;
        for (i, node) in self.nodes.iter().enumerate() {
            let f = format!("{p}.nodes[{i}]");
            let peer_ok = !node.peer_id.is_empty()
                && node.peer_id.len() <= MAX_PEER_ID_CHARS
                && node.peer_id.bytes().all(|b| b.is_ascii_alphanumeric());
            if !peer_ok {
                return fail(format!("{f}.peer_id"), "must be a libp2p peer id in base58 (letters and digits)");
            }
            validate::max_items(&format!("{f}.addrs"), &node.addrs, MAX_ADDRS_PER_NODE)?;
            for (j, addr) in node.addrs.iter().enumerate() {
                let addr_ok = addr.starts_with('/')
                    && addr.len() <= MAX_MULTIADDR_CHARS
                    && addr.bytes().all(|b| b.is_ascii_graphic());
                if !addr_ok {
                    return fail(format!("{f}.addrs[{j}]"), "must be a multiaddr such as /ip4/192.0.2.1/tcp/7301");
                }
            }
        }
        Ok(())
    }
}
