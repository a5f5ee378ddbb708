//! The error body every failed call answers with.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `{"error": {...}}`, with a 4xx status for the caller's mistakes and 5xx
/// for the node's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorView,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorView {
    /// A stable word: `invalid`, `not_found`, `exists`, `unauthorized`, …
    pub code: String,
    pub message: String,
    /// The field that is wrong, for `invalid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The rule the field breaks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Per-row errors of a batch (issuing credentials).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<RowError>>,
}

/// A rule one row of a batch breaks. `row` counts from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RowError {
    pub row: usize,
    pub field: String,
    pub rule: String,
}
