//! The institution's own records of one kind, answered by the list, show,
//! publish, update and withdraw endpoints of offers, needs and
//! achievements alike.

use axum::http::StatusCode;
use serde_json::{Map, Value};
use vetnet_protocol::RecordKind;
use vetnet_views as views;

use super::convert::FromContent;
use super::{ApiError, ApiState, ViewBuilder};
use crate::publish::PublishMode;

/// One kind of own record.
pub struct OwnRecords {
    pub kind: RecordKind,
    /// "offer", "achievement": for messages.
    pub noun: &'static str,
}

impl OwnRecords {
    pub fn list<B: FromContent>(&self, state: &ApiState, all: bool) -> Result<Vec<views::RecordView<B>>, ApiError> {
        let mut records = state.store.by_author(&state.publisher.institution(), &self.kind)?;
        if !all {
            records.retain(|r| !r.is_withdrawn());
        }
        Ok(ViewBuilder::new(&state.store, state.today()).records(&records))
    }

    pub fn show<B: FromContent>(&self, state: &ApiState, id: &str) -> Result<views::RecordView<B>, ApiError> {
        match state.publisher.own(&self.kind, id)? {
            Some(record) => Ok(ViewBuilder::new(&state.store, state.today()).record(&record)),
            None => Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("no {} with id {id:?} is published by this institution", self.noun),
            )),
        }
    }

    pub async fn publish<B: FromContent, P: serde::Serialize>(
        &self,
        state: &ApiState,
        id: &str,
        body: &P,
        mode: PublishMode,
    ) -> Result<views::PublishedView<B>, ApiError> {
        let published = state.publisher.publish(self.kind.clone(), id, body, mode).await?;
        Ok(ViewBuilder::new(&state.store, state.today()).published(&published))
    }

    pub async fn withdraw<B: FromContent>(
        &self,
        state: &ApiState,
        id: &str,
    ) -> Result<views::PublishedView<B>, ApiError> {
        let published = state.publisher.withdraw(self.kind.clone(), id).await?;
        Ok(ViewBuilder::new(&state.store, state.today()).published(&published))
    }
}

/// The status of a publish answer: `201 Created` for a new record.
pub fn publish_status(mode: PublishMode) -> StatusCode {
    if mode == PublishMode::Create { StatusCode::CREATED } else { StatusCode::OK }
}

/// The `id` of a new record's JSON, removed from its fields.
pub fn take_id(fields: &mut Map<String, Value>) -> Result<String, ApiError> {
    match fields.remove("id") {
        Some(Value::String(id)) => Ok(id),
        Some(_) => Err(ApiError::invalid("id", "must be a string")),
        None => Err(ApiError::invalid("id", "is required")),
    }
}

/// A create (with `id` in the body) or an update (`id` in the path) body:
/// the id and the remaining fields.
pub fn split_body(bytes: &[u8], path_id: Option<String>) -> Result<(String, Map<String, Value>), ApiError> {
    let mut fields = super::parse_object(bytes)?;
    let id = match path_id {
        Some(id) => {
            fields.remove("id");
            id
        }
        None => take_id(&mut fields)?,
    };
    Ok((id, fields))
}
