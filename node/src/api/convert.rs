//! Protocol types into views and input views into protocol types. Every
//! field is named on both sides, so a renamed protocol field breaks this
//! file's compile instead of a reader's column.

use vetnet_protocol::achievement::{self as pa, AchievementBody};
use vetnet_protocol::delegation::DelegationBody;
use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole};
use vetnet_protocol::key_lifecycle::{KeyRevocationBody, KeyRevocationReason, KeyRotationBody};
use vetnet_protocol::matching::{Criterion, Reason};
use vetnet_protocol::mobility::StepKind;
use vetnet_protocol::mobility::steps as ps;
use vetnet_protocol::mobility::thread::ThreadStatus;
use vetnet_protocol::need::{self as pn, NeedBody};
use vetnet_protocol::offer::{self as po, OfferBody};
use vetnet_protocol::profile::{self as pp, ProfileBody};
use vetnet_protocol::revocation::{RevocationBody, RevocationReason};
use vetnet_protocol::{Content, LangText};
use vetnet_views as views;

/// A protocol value's view.
pub trait ToView {
    type View;
    fn to_view(&self) -> Self::View;
}

/// An input view's protocol value.
pub trait IntoProtocol {
    type Protocol;
    fn into_protocol(self) -> Self::Protocol;
}

/// A record body view taken from a record's content, when it is of its kind.
pub trait FromContent: Sized {
    fn from_content(content: &Content) -> Option<Self>;
}

/// Maps a protocol keyword enum and its view variant by variant, both ways.
macro_rules! same_words {
    ($($protocol:ty => $view:ident { $($variant:ident),+ $(,)? })+) => {$(
        impl ToView for $protocol {
            type View = views::$view;
            fn to_view(&self) -> views::$view {
                match self {
                    $(<$protocol>::$variant => views::$view::$variant,)+
                }
            }
        }

        impl IntoProtocol for views::$view {
            type Protocol = $protocol;
            fn into_protocol(self) -> $protocol {
                match self {
                    $(views::$view::$variant => <$protocol>::$variant,)+
                }
            }
        }
    )+};
}

pub(super) use same_words;

same_words! {
    po::Provision => Provision { Provided, Assisted, None }
    po::InsuranceCover => InsuranceCover { Host, SendingSchool, Learner, Shared }
    pn::AgeBand => AgeBand { Under18, Adults, Mixed }
    pn::SupportNeed => SupportNeed { Accessibility, AccompanyingTeacher, SpecialDiet, LearningSupport }
    pn::Funding => Funding { ErasmusKa1Vet, Nordplus, National, Own, Other }
    pp::InstitutionKind => InstitutionKind { VetProvider, Company, Chamber, PublicAgency, Network }
    pp::VetProvision => VetProvision { Ivet, Cvet }
    pa::Participation => Participation { Online, OnSite, Blended, Workplace }
    pa::Supervision => Supervision { Unsupervised, SupervisedOnline, OnSiteIdentityCheck }
    pa::Stackability => Stackability { Standalone, Stackable }
    EndorsementRole => EndorsementRole { Member, Partner, Accreditor }
    RevocationReason => RevocationReason { IssuedInError, Superseded, Misconduct, Withdrawn }
    KeyRevocationReason => KeyRevocationReason { Compromised, Lost, Retired }
    Criterion => Criterion {
        Field, Occupation, Eqf, Dates, Duration, Country, Sector, Language, Minors, Places, Funding, Support
    }
    StepKind => StepKind {
        Interest, Nomination, Acceptance, Refusal, Agreement, Completion, Recognition, Cancellation, Signature, Erasure
    }
    ThreadStatus => ThreadStatus {
        Interested, Nominated, Accepted, Refused, Agreeing, Agreed, Completed, Recognised, Cancelled
    }
    ps::KeyCustody => KeyCustody { School, Learner }
    ps::SignerRole => SignerRole { Learner, School, Host }
    ps::RefusalReason => RefusalReason { NoCapacity, Dates, Profile, Language, Minors, Documents, Other }
    ps::UnitResult => UnitResult { Achieved, PartlyAchieved, NotAchieved }
    ps::RecognitionDecision => RecognitionDecision { Recognised, PartlyRecognised, NotRecognised }
}

pub(super) fn lang_text(text: &LangText) -> views::LangText {
    views::LangText(text.0.clone())
}

pub(super) fn lang_text_back(text: views::LangText) -> LangText {
    LangText(text.0)
}

pub(super) fn views_of<T: ToView>(items: &[T]) -> Vec<T::View> {
    items.iter().map(ToView::to_view).collect()
}

pub(super) fn protocol_of<T: IntoProtocol>(items: Vec<T>) -> Vec<T::Protocol> {
    items.into_iter().map(IntoProtocol::into_protocol).collect()
}

impl ToView for po::LanguageRequirement {
    type View = views::LanguageRequirement;
    fn to_view(&self) -> Self::View {
        views::LanguageRequirement { lang: self.lang.clone(), cefr: self.cefr.clone() }
    }
}

impl IntoProtocol for views::LanguageRequirement {
    type Protocol = po::LanguageRequirement;
    fn into_protocol(self) -> Self::Protocol {
        po::LanguageRequirement { lang: self.lang, cefr: self.cefr }
    }
}

impl ToView for po::Contact {
    type View = views::Contact;
    fn to_view(&self) -> Self::View {
        views::Contact { name: self.name.clone(), email: self.email.clone(), phone: self.phone.clone() }
    }
}

impl IntoProtocol for views::Contact {
    type Protocol = po::Contact;
    fn into_protocol(self) -> Self::Protocol {
        po::Contact { name: self.name, email: self.email, phone: self.phone }
    }
}

impl ToView for po::Conditions {
    type View = views::Conditions;
    fn to_view(&self) -> Self::View {
        views::Conditions {
            accommodation: self.accommodation.map(|p| p.to_view()),
            meals: self.meals.map(|p| p.to_view()),
            stipend: self.stipend.as_ref().map(|s| views::Stipend { amount: s.amount, currency: s.currency.clone() }),
            insurance: self.insurance.map(|i| i.to_view()),
            minors: self.minors,
            mentor: self.mentor,
        }
    }
}

impl IntoProtocol for views::Conditions {
    type Protocol = po::Conditions;
    fn into_protocol(self) -> Self::Protocol {
        po::Conditions {
            accommodation: self.accommodation.map(IntoProtocol::into_protocol),
            meals: self.meals.map(IntoProtocol::into_protocol),
            stipend: self.stipend.map(|s| po::Stipend { amount: s.amount, currency: s.currency }),
            insurance: self.insurance.map(IntoProtocol::into_protocol),
            minors: self.minors,
            mentor: self.mentor,
        }
    }
}

impl ToView for OfferBody {
    type View = views::Offer;
    fn to_view(&self) -> Self::View {
        views::Offer {
            title: lang_text(&self.title),
            description: lang_text(&self.description),
            isced: self.isced.clone(),
            nace: self.nace.clone(),
            occupation: self.occupation.clone(),
            country: self.country.clone(),
            city: self.city.clone(),
            eqf_min: self.eqf_min,
            eqf_max: self.eqf_max,
            places: self.places,
            start: self.start.clone(),
            end: self.end.clone(),
            weeks_min: self.weeks_min,
            weeks_max: self.weeks_max,
            deadline: self.deadline.clone(),
            languages: views_of(&self.languages),
            outcomes: self.outcomes.clone(),
            esco_skills: self.esco_skills.clone(),
            conditions: self.conditions.to_view(),
            contact: self.contact.as_ref().map(ToView::to_view),
        }
    }
}

impl IntoProtocol for views::Offer {
    type Protocol = OfferBody;
    fn into_protocol(self) -> OfferBody {
        OfferBody {
            title: lang_text_back(self.title),
            description: lang_text_back(self.description),
            isced: self.isced,
            nace: self.nace,
            occupation: self.occupation,
            country: self.country,
            city: self.city,
            eqf_min: self.eqf_min,
            eqf_max: self.eqf_max,
            places: self.places,
            start: self.start,
            end: self.end,
            weeks_min: self.weeks_min,
            weeks_max: self.weeks_max,
            deadline: self.deadline,
            languages: protocol_of(self.languages),
            outcomes: self.outcomes,
            esco_skills: self.esco_skills,
            conditions: self.conditions.into_protocol(),
            contact: self.contact.map(IntoProtocol::into_protocol),
        }
    }
}

impl ToView for NeedBody {
    type View = views::Need;
    fn to_view(&self) -> Self::View {
        views::Need {
            title: lang_text(&self.title),
            description: lang_text(&self.description),
            learners: self.learners,
            isced: self.isced.clone(),
            occupation: self.occupation.clone(),
            qualification: self.qualification.clone(),
            eqf: self.eqf,
            start: self.start.clone(),
            end: self.end.clone(),
            weeks_min: self.weeks_min,
            weeks_max: self.weeks_max,
            countries: self.countries.clone(),
            nace: self.nace.clone(),
            languages: views_of(&self.languages),
            age: self.age.to_view(),
            support: views_of(&self.support),
            support_note: self.support_note.clone(),
            funding: self.funding.map(|f| f.to_view()),
            contact: self.contact.as_ref().map(ToView::to_view),
        }
    }
}

impl IntoProtocol for views::Need {
    type Protocol = NeedBody;
    fn into_protocol(self) -> NeedBody {
        NeedBody {
            title: lang_text_back(self.title),
            description: lang_text_back(self.description),
            learners: self.learners,
            isced: self.isced,
            occupation: self.occupation,
            qualification: self.qualification,
            eqf: self.eqf,
            start: self.start,
            end: self.end,
            weeks_min: self.weeks_min,
            weeks_max: self.weeks_max,
            countries: self.countries,
            nace: self.nace,
            languages: protocol_of(self.languages),
            age: self.age.into_protocol(),
            support: protocol_of(self.support),
            support_note: self.support_note,
            funding: self.funding.map(IntoProtocol::into_protocol),
            contact: self.contact.map(IntoProtocol::into_protocol),
        }
    }
}

impl ToView for ProfileBody {
    type View = views::Profile;
    fn to_view(&self) -> Self::View {
        views::Profile {
            name: lang_text(&self.name),
            institution: self.institution.to_view(),
            vet: views_of(&self.vet),
            country: self.country.clone(),
            region: self.region.clone(),
            city: self.city.clone(),
            nuts: self.nuts.clone(),
            isced: self.isced.clone(),
            nace: self.nace.clone(),
            languages: self.languages.clone(),
            website: self.website.clone(),
            email: self.email.clone(),
            registration: self.registration.clone(),
            description: lang_text(&self.description),
            nodes: self
                .nodes
                .iter()
                .map(|n| views::NodeAddress { peer_id: n.peer_id.clone(), addrs: n.addrs.clone() })
                .collect(),
        }
    }
}

impl IntoProtocol for views::Profile {
    type Protocol = ProfileBody;
    fn into_protocol(self) -> ProfileBody {
        ProfileBody {
            name: lang_text_back(self.name),
            institution: self.institution.into_protocol(),
            vet: protocol_of(self.vet),
            country: self.country,
            region: self.region,
            city: self.city,
            nuts: self.nuts,
            isced: self.isced,
            nace: self.nace,
            languages: self.languages,
            website: self.website,
            email: self.email,
            registration: self.registration,
            description: lang_text_back(self.description),
            nodes: self.nodes.into_iter().map(|n| pp::NodeAddress { peer_id: n.peer_id, addrs: n.addrs }).collect(),
        }
    }
}

impl ToView for AchievementBody {
    type View = views::Achievement;
    fn to_view(&self) -> Self::View {
        views::Achievement {
            title: lang_text(&self.title),
            description: lang_text(&self.description),
            country: self.country.clone(),
            outcomes: self.outcomes.clone(),
            esco_skills: self.esco_skills.clone(),
            ects: self.ects,
            hours: self.hours,
            eqf: self.eqf,
            nqf: self.nqf.clone(),
            isced: self.isced.clone(),
            languages: self.languages.clone(),
            assessment: self.assessment.clone(),
            participation: self.participation.to_view(),
            quality_assurance: self.quality_assurance.clone(),
            prerequisites: self.prerequisites.clone(),
            supervision: self.supervision.map(|s| s.to_view()),
            stackability: self.stackability.map(|s| s.to_view()),
            further_information: self.further_information.clone(),
        }
    }
}

impl IntoProtocol for views::Achievement {
    type Protocol = AchievementBody;
    fn into_protocol(self) -> AchievementBody {
        AchievementBody {
            title: lang_text_back(self.title),
            description: lang_text_back(self.description),
            country: self.country,
            outcomes: self.outcomes,
            esco_skills: self.esco_skills,
            ects: self.ects,
            hours: self.hours,
            eqf: self.eqf,
            nqf: self.nqf,
            isced: self.isced,
            languages: self.languages,
            assessment: self.assessment,
            participation: self.participation.into_protocol(),
            quality_assurance: self.quality_assurance,
            prerequisites: self.prerequisites,
            supervision: self.supervision.map(IntoProtocol::into_protocol),
            stackability: self.stackability.map(IntoProtocol::into_protocol),
            further_information: self.further_information,
        }
    }
}

impl ToView for EndorsementBody {
    type View = views::Endorsement;
    fn to_view(&self) -> Self::View {
        views::Endorsement {
            subject: self.subject.clone(),
            role: self.role.to_view(),
            network_name: self.network_name.clone(),
            until: self.until.clone(),
        }
    }
}

impl ToView for DelegationBody {
    type View = views::Delegation;
    fn to_view(&self) -> Self::View {
        views::Delegation {
            achievement: self.achievement.clone(),
            delegate: self.delegate.clone(),
            from: self.from.clone(),
            until: self.until.clone(),
        }
    }
}

impl ToView for RevocationBody {
    type View = views::Revocation;
    fn to_view(&self) -> Self::View {
        views::Revocation { credential: self.credential.clone(), reason: self.reason.to_view() }
    }
}

impl ToView for KeyRotationBody {
    type View = views::KeyRotation;
    fn to_view(&self) -> Self::View {
        views::KeyRotation { next: self.next.clone() }
    }
}

impl ToView for KeyRevocationBody {
    type View = views::KeyRevocation;
    fn to_view(&self) -> Self::View {
        views::KeyRevocation {
            key: self.key.clone(),
            since: self.since,
            reason: self.reason.to_view(),
            successor: self.successor.clone(),
        }
    }
}

impl ToView for Reason {
    type View = views::Reason;
    fn to_view(&self) -> Self::View {
        views::Reason { code: self.code.to_view(), text: self.text.clone() }
    }
}

/// Implements [`FromContent`] for a body view from one content variant.
macro_rules! from_content {
    ($($view:ident <= $variant:ident),+ $(,)?) => {$(
        impl FromContent for views::$view {
            fn from_content(content: &Content) -> Option<Self> {
                match content {
                    Content::$variant(body) => Some(body.to_view()),
                    _ => None,
                }
            }
        }
    )+};
}

from_content! {
    Offer <= Offer,
    Need <= Need,
    Profile <= Profile,
    Achievement <= Achievement,
    Endorsement <= Endorsement,
    Delegation <= Delegation,
    Revocation <= Revocation,
    KeyRotation <= KeyRotation,
    KeyRevocation <= KeyRevocation,
}

/// The views of thread step bodies, with hashes and signatures in hex.
impl ToView for ps::Learner {
    type View = views::Learner;
    fn to_view(&self) -> Self::View {
        views::Learner {
            given_name: self.given_name.clone(),
            family_name: self.family_name.clone(),
            birth_date: self.birth_date.clone(),
            email: self.email.clone(),
            languages: views_of(&self.languages),
            qualification: self.qualification.clone(),
            eqf: self.eqf,
        }
    }
}

impl ToView for ps::UnitAssessment {
    type View = views::UnitAssessment;
    fn to_view(&self) -> Self::View {
        views::UnitAssessment { unit: self.unit, result: self.result.to_view(), note: self.note.clone() }
    }
}

impl IntoProtocol for views::UnitAssessment {
    type Protocol = ps::UnitAssessment;
    fn into_protocol(self) -> Self::Protocol {
        ps::UnitAssessment { unit: self.unit, result: self.result.into_protocol(), note: self.note }
    }
}

impl ToView for ps::AgreementBody {
    type View = views::AgreementStep;
    fn to_view(&self) -> Self::View {
        views::AgreementStep {
            start: self.start.clone(),
            end: self.end.clone(),
            hours_per_week: self.hours_per_week,
            units: self
                .units
                .iter()
                .map(|u| views::Unit {
                    title: u.title.clone(),
                    outcomes: u.outcomes.clone(),
                    esco_skills: u.esco_skills.clone(),
                    hours: u.hours,
                })
                .collect(),
            tasks: self.tasks.clone(),
            mentor: views::Mentor { name: self.mentor.name.clone(), email: self.mentor.email.clone() },
            assessment: self.assessment.clone(),
            recognition: self.recognition.clone(),
            insurance: self.insurance.map(|i| i.to_view()),
            note: self.note.clone(),
        }
    }
}

impl IntoProtocol for views::AgreementStep {
    type Protocol = ps::AgreementBody;
    fn into_protocol(self) -> Self::Protocol {
        ps::AgreementBody {
            start: self.start,
            end: self.end,
            hours_per_week: self.hours_per_week,
            units: self
                .units
                .into_iter()
                .map(|u| ps::Unit { title: u.title, outcomes: u.outcomes, esco_skills: u.esco_skills, hours: u.hours })
                .collect(),
            tasks: self.tasks,
            mentor: ps::Mentor { name: self.mentor.name, email: self.mentor.email },
            assessment: self.assessment,
            recognition: self.recognition,
            insurance: self.insurance.map(IntoProtocol::into_protocol),
            note: self.note,
        }
    }
}

impl ToView for ps::RecognitionBody {
    type View = views::RecognitionStep;
    fn to_view(&self) -> Self::View {
        views::RecognitionStep {
            decision: self.decision.to_view(),
            units: self.units.clone(),
            credential: self.credential.clone(),
            note: self.note.clone(),
        }
    }
}

impl IntoProtocol for views::RecognitionStep {
    type Protocol = ps::RecognitionBody;
    fn into_protocol(self) -> Self::Protocol {
        ps::RecognitionBody {
            decision: self.decision.into_protocol(),
            units: self.units,
            credential: self.credential,
            note: self.note,
        }
    }
}

impl IntoProtocol for views::RefusalStep {
    type Protocol = ps::RefusalBody;
    fn into_protocol(self) -> Self::Protocol {
        ps::RefusalBody { reason: self.reason.into_protocol(), message: self.message }
    }
}

impl ToView for vetnet_protocol::mobility::StepBody {
    type View = views::StepContent;
    fn to_view(&self) -> Self::View {
        use vetnet_protocol::mobility::StepBody;
        match self {
            StepBody::Interest(b) => views::StepContent::Interest(Some(views::InterestStep {
                offer: b.offer.clone(),
                need: b.need.clone(),
                learners: b.learners,
                message: b.message.clone(),
            })),
            StepBody::Nomination(b) => views::StepContent::Nomination(Some(views::NominationStep {
                learner: b.learner.to_view(),
                learner_key: b.learner_key.clone(),
                key_custody: b.key_custody.to_view(),
                start: b.start.clone(),
                end: b.end.clone(),
                message: b.message.clone(),
            })),
            StepBody::Acceptance(b) => {
                views::StepContent::Acceptance(Some(views::MessageStep { message: b.message.clone() }))
            }
            StepBody::Refusal(b) => views::StepContent::Refusal(Some(views::RefusalStep {
                reason: b.reason.to_view(),
                message: b.message.clone(),
            })),
            StepBody::Agreement(b) => views::StepContent::Agreement(Some(b.to_view())),
            StepBody::Completion(b) => views::StepContent::Completion(Some(views::CompletionStep {
                start: b.start.clone(),
                end: b.end.clone(),
                units: views_of(&b.units),
                assessment: b.assessment.clone(),
                hours: b.hours,
                signatures: b.signatures.iter().map(hex::encode).collect(),
                credential: b.credential.as_ref().map(|c| views::CredentialReference {
                    id: c.id.clone(),
                    achievement: c.achievement.clone(),
                    document: c.document.clone(),
                }),
            })),
            StepBody::Recognition(b) => views::StepContent::Recognition(Some(b.to_view())),
            StepBody::Cancellation(b) => {
                views::StepContent::Cancellation(Some(views::CancellationStep { reason: b.reason.clone() }))
            }
            StepBody::Signature(b) => views::StepContent::Signature(Some(views::SignatureStep {
                agreement: hex::encode(&b.agreement),
                role: b.role.to_view(),
                signer: b.signer.clone(),
                signature: hex::encode(&b.signature),
            })),
            StepBody::Erasure(b) => views::StepContent::Erasure(Some(views::ErasureStep { reason: b.reason.clone() })),
        }
    }
}

/// A step kind with no body (erased, or not kept here).
pub fn empty_step(kind: StepKind) -> views::StepContent {
    match kind {
        StepKind::Interest => views::StepContent::Interest(None),
        StepKind::Nomination => views::StepContent::Nomination(None),
        StepKind::Acceptance => views::StepContent::Acceptance(None),
        StepKind::Refusal => views::StepContent::Refusal(None),
        StepKind::Agreement => views::StepContent::Agreement(None),
        StepKind::Completion => views::StepContent::Completion(None),
        StepKind::Recognition => views::StepContent::Recognition(None),
        StepKind::Cancellation => views::StepContent::Cancellation(None),
        StepKind::Signature => views::StepContent::Signature(None),
        StepKind::Erasure => views::StepContent::Erasure(None),
    }
}
