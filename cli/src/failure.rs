//! What went wrong, for the exit code: the user's input (1), the node not
//! running (3), something inside (4), a credential that is not valid (5), or
//! a damaged record database (6). Usage errors exit with 2 (clap).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    User,
    NodeNotRunning,
    Internal,
    /// A credential was checked and is not valid.
    NotValid,
}

#[derive(Debug)]
pub struct Failure {
    pub kind: FailureKind,
    pub message: String,
}

impl Failure {
    pub fn user(message: impl Into<String>) -> anyhow::Error {
        Failure { kind: FailureKind::User, message: message.into() }.into()
    }
    pub fn node_not_running(message: impl Into<String>) -> anyhow::Error {
        Failure { kind: FailureKind::NodeNotRunning, message: message.into() }.into()
    }
    pub fn not_valid(message: impl Into<String>) -> anyhow::Error {
        Failure { kind: FailureKind::NotValid, message: message.into() }.into()
    }
    pub fn internal(message: impl Into<String>) -> anyhow::Error {
        Failure { kind: FailureKind::Internal, message: message.into() }.into()
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// The process exit code for an error.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<vetnet_node::NodeError>().is_some_and(vetnet_node::NodeError::is_damaged_store) {
        return 6;
    }
    match error.downcast_ref::<Failure>().map(|f| f.kind) {
        Some(FailureKind::User) => 1,
        Some(FailureKind::NodeNotRunning) => 3,
        Some(FailureKind::Internal) => 4,
        Some(FailureKind::NotValid) => 5,
        // Errors from the node library at startup (data dir, settings) are the user's to fix.
        None => 1,
    }
}
