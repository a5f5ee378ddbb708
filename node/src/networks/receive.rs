//! A letter from another node: checked, kept, acted on, and answered with a
//! signed receipt (the one mobility steps get).

use vetnet_protocol::RecordError;
use vetnet_protocol::endorsement::EndorsementRole;
use vetnet_protocol::letter::{Decision, LetterBody, VerifiedLetter};
use vetnet_protocol::mobility::{ReceiptStatus, sign_receipt};
use vetnet_protocol::network::Joining;
use vetnet_protocol::{RecordHash, ValidationContext, ValidationError};

use super::letters::{Answer, INCOMING, LetterEntry, OUTGOING};
use super::{Networks, NetworksError};

/// Why a letter was not taken.
enum Refusal {
    /// Refused with the field and the rule; an honest node may send it.
    Rule(ValidationError),
    /// Bytes no honest node sends: refused, and the peer penalised.
    Garbage(ValidationError),
    /// Not now (a clock is off, or the node failed): send it again later.
    Retry(String),
}

fn rule(field: &str, text: impl Into<String>) -> Refusal {
    Refusal::Rule(ValidationError::new(field, text))
}

impl Networks {
    /// Takes a letter's bytes from a peer; returns the signed receipt and
    /// whether the peer misbehaved (bytes that are no letter, a bad
    /// signature).
    pub async fn receive(&self, bytes: &[u8]) -> (Vec<u8>, bool) {
        let hash = RecordHash::of(bytes);
        let (status, refusal, misbehaved) = match self.take(bytes).await {
            Ok(status) => (status, None, false),
            Err(Refusal::Rule(e)) => (ReceiptStatus::Refused, Some(e), false),
            Err(Refusal::Garbage(e)) => (ReceiptStatus::Refused, Some(e), true),
            Err(Refusal::Retry(why)) => (ReceiptStatus::Retry, Some(ValidationError::new("letter", why)), false),
        };
        if let Some(e) = &refusal {
            tracing::info!(field = %e.field, %status, "did not take a letter");
        }
        let key = self.inner.publisher.key();
        let receipt =
            sign_receipt(key.signing_key(), self.network_name(), &hash, status, self.now(), None, refusal.as_ref())
                .unwrap_or_default();
        (receipt, misbehaved)
    }

    async fn take(&self, bytes: &[u8]) -> Result<ReceiptStatus, Refusal> {
        let ctx = ValidationContext { network: self.network_name(), now: self.now() };
        let letter = VerifiedLetter::open(bytes, &ctx).map_err(|e| match e {
            RecordError::Rule(rule) => Refusal::Rule(rule),
            RecordError::Payload(_) => Refusal::Rule(ValidationError::new("letter", e.to_string())),
            RecordError::FromTheFuture { .. } => Refusal::Retry(e.to_string()),
            RecordError::TooLarge { .. } | RecordError::Envelope(_) | RecordError::BadSignature => {
                Refusal::Garbage(ValidationError::new("letter", e.to_string()))
            }
        })?;
        let me = self.me();
        if letter.to != me && self.store().key_ledger().current_key(&letter.to) != me {
            return Err(rule("to", format!("this node speaks for {}, not for the addressee", me.to_did())));
        }
        let internal = |e: NetworksError| Refusal::Retry(e.to_string());
        let _guard = self.inner.lock.lock().await;
        if self.entry(INCOMING, &letter.payload.id).map_err(internal)?.is_some() {
            return Ok(ReceiptStatus::Duplicate);
        }
        self.check_room().map_err(|e| rule("letter", e.to_string()))?;
        let open_network = match &letter.body {
            LetterBody::Application(_) => {
                let Some(profile) = self.network_profile(me).map_err(internal)? else {
                    return Err(rule("to", "this institution is not a network that takes applications"));
                };
                profile.joining == Joining::Open
            }
            LetterBody::Answer(answer) => {
                self.take_answer(&letter, answer).map_err(internal)?.map_err(|why| rule("body.application", why))?;
                false
            }
            LetterBody::MembershipEnd(_) => false,
            LetterBody::Registration(registration) => {
                self.check_registration(registration).map_err(internal)?.map_err(|(field, why)| rule(&field, why))?;
                false
            }
        };
        let entry = LetterEntry {
            bytes: letter.bytes.clone(),
            at: self.now(),
            delivered: true,
            attempts: 0,
            next_attempt_ms: 0,
            last_error: None,
            answer: None,
        };
        self.put(INCOMING, &letter.payload.id, &entry).map_err(internal)?;
        self.inner.tree.flush_async().await.map_err(|e| internal(e.into()))?;
        drop(_guard);
        self.act_on(&letter, open_network).await;
        Ok(ReceiptStatus::Accepted)
    }

    /// Files an answer on the application it answers; `Err` says why it
    /// answers nothing this node sent to its author.
    fn take_answer(
        &self,
        letter: &VerifiedLetter,
        answer: &vetnet_protocol::letter::AnswerBody,
    ) -> Result<Result<(), String>, NetworksError> {
        let Some(mut sent) = self.entry(OUTGOING, &answer.application)? else {
            return Ok(Err(format!("no application {} was sent from here", answer.application)));
        };
        let application = self.reopen(&sent.bytes)?;
        if application.to != letter.author || !matches!(application.body, LetterBody::Application(_)) {
            return Ok(Err(format!("{} is not an application to the answering network", answer.application)));
        }
        sent.answer = Some(Answer {
            decision: answer.decision.as_str().to_owned(),
            reason: answer.reason.clone(),
            ts: letter.payload.ts,
        });
        self.put(OUTGOING, &answer.application, &sent)?;
        Ok(Ok(()))
    }

    /// What a kept letter makes this node do: an open network accepts an
    /// application; a member's leaving withdraws the network's endorsement.
    async fn act_on(&self, letter: &VerifiedLetter, open_network: bool) {
        let result = match &letter.body {
            LetterBody::Application(_) if open_network => {
                self.answer(&letter.payload.id, Decision::Accepted, None).await
            }
            LetterBody::Registration(registration) => self.count_registrations(&registration.event).await,
            LetterBody::MembershipEnd(_) if self.member_endorsement(self.me(), letter.author).unwrap_or(false) => self
                .inner
                .publisher
                .withdraw_endorsements(&letter.author, Some(EndorsementRole::Member))
                .await
                .map(|_| ())
                .map_err(NetworksError::from),
            _ => Ok(()),
        };
        if let Err(e) = result {
            tracing::warn!(letter = %letter.payload.id, error = %e, "cannot act on a letter");
        }
    }
}
