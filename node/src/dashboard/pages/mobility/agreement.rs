//! The learning agreement as a document to read, who has signed it, and,
//! for an amendment, what changed since the version before, field by field.

use vetnet_views::{AgreementFacts, AgreementStep, Delivery, SignatureState, StepContent, ThreadDetail};

use crate::dashboard::i18n::Tr;

/// One unit of learning outcomes, as read.
pub struct UnitDoc {
    pub title: String,
    pub outcomes: Vec<String>,
    pub hours: String,
}

/// The agreement, every value in words.
pub struct AgreementDoc {
    pub version: usize,
    pub dates: String,
    pub hours_per_week: String,
    pub units: Vec<UnitDoc>,
    pub tasks: Vec<String>,
    pub mentor: String,
    pub assessment: String,
    pub recognition: String,
    pub insurance: String,
    pub note: String,
    /// `(who, signed, when)` for the learner, the school and the host.
    pub signatures: Vec<(String, bool, String)>,
    /// What changed since the version before (empty for the first).
    pub changes: Vec<Change>,
}

/// One field an amendment changed.
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The agreement steps of a thread that hold (neither refused nor
/// superseded), oldest first.
pub fn agreements(detail: &ThreadDetail) -> Vec<&AgreementStep> {
    detail
        .steps
        .iter()
        .filter(|s| !matches!(s.delivery, Delivery::Refused { .. } | Delivery::Superseded { .. }))
        .filter_map(|s| match &s.content {
            StepContent::Agreement(Some(body)) => Some(body),
            _ => None,
        })
        .collect()
}

/// The current agreement of a thread as a document, if it has one.
pub fn current(t: &Tr, detail: &ThreadDetail) -> Option<AgreementDoc> {
    let all = agreements(detail);
    let body = *all.last()?;
    let facts = detail.facts.agreement.as_ref();
    let mut doc = document(t, body, facts);
    if let Some(before) = all.len().checked_sub(2).and_then(|i| all.get(i)) {
        doc.changes = changes(t, before, body);
    }
    Some(doc)
}

fn fields(t: &Tr, body: &AgreementStep) -> Vec<(&'static str, String)> {
    let units =
        body.units.iter().map(|u| format!("{} ({})", u.title, u.outcomes.join("; "))).collect::<Vec<_>>().join(" | ");
    vec![
        ("dates", format!("{} – {}", t.date(&body.start), t.date(&body.end))),
        ("hours-per-week", body.hours_per_week.map(|h| t.number(u64::from(h))).unwrap_or_else(|| "–".into())),
        ("units", units),
        ("tasks", body.tasks.join("; ")),
        ("mentor", mentor(body)),
        ("assessment", body.assessment.clone()),
        ("recognition", body.recognition.clone()),
        ("insurance", body.insurance.map(|i| t.msg(&format!("enum-{i}"))).unwrap_or_else(|| "–".into())),
        ("note", body.note.clone().unwrap_or_else(|| "–".into())),
    ]
}

fn mentor(body: &AgreementStep) -> String {
    match &body.mentor.email {
        Some(email) => format!("{} <{email}>", body.mentor.name),
        None => body.mentor.name.clone(),
    }
}

/// The fields whose values differ between two versions.
pub fn changes(t: &Tr, before: &AgreementStep, after: &AgreementStep) -> Vec<Change> {
    fields(t, before)
        .into_iter()
        .zip(fields(t, after))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, before), (_, after))| Change { field: t.msg(&format!("agreement-{name}")), before, after })
        .collect()
}

fn document(t: &Tr, body: &AgreementStep, facts: Option<&AgreementFacts>) -> AgreementDoc {
    let signature = |role: &str, state: Option<&SignatureState>| {
        let signed = state.is_some_and(|s| s.signed);
        let when = state.and_then(|s| s.ts).map(|ts| t.timestamp(ts)).unwrap_or_default();
        (t.msg(&format!("signer-{role}")), signed, when)
    };
    let signatures = vec![
        signature("learner", facts.map(|f| &f.signatures.learner)),
        signature("school", facts.map(|f| &f.signatures.school)),
        signature("host", facts.map(|f| &f.signatures.host)),
    ];
    let mut values = fields(t, body).into_iter().map(|(_, v)| v);
    let dates = values.next().unwrap_or_default();
    let hours_per_week = values.next().unwrap_or_default();
    AgreementDoc {
        version: facts.map_or(1, |f| f.version),
        dates,
        hours_per_week,
        units: body
            .units
            .iter()
            .map(|u| UnitDoc {
                title: u.title.clone(),
                outcomes: u.outcomes.clone(),
                hours: u.hours.map(|h| t.number(u64::from(h))).unwrap_or_default(),
            })
            .collect(),
        tasks: body.tasks.clone(),
        mentor: mentor(body),
        assessment: body.assessment.clone(),
        recognition: body.recognition.clone(),
        insurance: body.insurance.map(|i| t.msg(&format!("enum-{i}"))).unwrap_or_else(|| "–".into()),
        note: body.note.clone().unwrap_or_default(),
        signatures,
        changes: Vec::new(),
    }
}
