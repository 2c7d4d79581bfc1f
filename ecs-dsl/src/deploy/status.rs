//! Every CloudFormation stack status, and what it means for a deploy.
//!
//! [`StackStatus`] is the status `DescribeStacks` reports, one variant per value of the
//! CloudFormation API (the 23 values of its `StackStatus` enum, the same list as
//! `aws_sdk_cloudformation::types::StackStatus`), plus [`StackStatus::Unknown`] for a value
//! added to the API after this release.
//!
//! Two questions are answered from it:
//!
//! - **Before a deploy**, [`StackStatus::classify`] (or [`StackState::of`], which also covers a
//!   stack that does not exist) says what the deploy must do with the stack: create it, update
//!   it, wait for an operation that is running, or stop and explain
//!   ([`StackState::advice`]).
//! - **While following an operation**, [`StackStatus::is_terminal`] says whether it has ended
//!   and [`StackStatus::outcome`] how.
//!
//! ```
//! use ecs_dsl::deploy::status::{Outcome, StackOperation, StackState, StackStatus};
//!
//! let status = StackStatus::parse("UPDATE_IN_PROGRESS");
//! assert_eq!(status.classify(), StackState::Busy { operation: StackOperation::Update });
//! assert!(!status.is_terminal());
//! assert_eq!(status.outcome(), None);
//!
//! let status = StackStatus::parse("UPDATE_ROLLBACK_COMPLETE");
//! assert_eq!(status.classify(), StackState::Updatable);
//! assert_eq!(status.outcome(), Some(Outcome::RolledBack));
//!
//! assert_eq!(StackState::of(None), StackState::Absent);
//! ```

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

/// The status of a CloudFormation stack (`StackStatus` in `DescribeStacks`).
///
/// Parsing never fails: a value this release does not know becomes [`StackStatus::Unknown`],
/// and [`as_str`](Self::as_str) gives back the text that was parsed.
///
/// ```
/// use ecs_dsl::deploy::status::StackStatus;
///
/// let status = StackStatus::parse("CREATE_COMPLETE");
/// assert_eq!(status, StackStatus::CreateComplete);
/// assert_eq!(status.as_str(), "CREATE_COMPLETE");
/// assert_eq!(status.to_string(), "CREATE_COMPLETE");
///
/// let future = StackStatus::parse("SOMETHING_NEW_IN_PROGRESS");
/// assert!(matches!(future, StackStatus::Unknown(_)));
/// assert_eq!(future.as_str(), "SOMETHING_NEW_IN_PROGRESS");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StackStatus {
    /// `CREATE_IN_PROGRESS`: the stack is being created.
    CreateInProgress,
    /// `CREATE_FAILED`: the create failed and was not rolled back (rollback disabled).
    CreateFailed,
    /// `CREATE_COMPLETE`: the stack was created.
    CreateComplete,
    /// `ROLLBACK_IN_PROGRESS`: a failed create is being rolled back.
    RollbackInProgress,
    /// `ROLLBACK_FAILED`: the rollback of a failed create failed.
    RollbackFailed,
    /// `ROLLBACK_COMPLETE`: a failed create was rolled back; the stack can only be deleted.
    RollbackComplete,
    /// `DELETE_IN_PROGRESS`: the stack is being deleted.
    DeleteInProgress,
    /// `DELETE_FAILED`: the delete failed; some resources remain.
    DeleteFailed,
    /// `DELETE_COMPLETE`: the stack was deleted (only seen when asked for by stack id).
    DeleteComplete,
    /// `UPDATE_IN_PROGRESS`: the stack is being updated.
    UpdateInProgress,
    /// `UPDATE_COMPLETE_CLEANUP_IN_PROGRESS`: the update succeeded; old resources are being
    /// removed.
    UpdateCompleteCleanupInProgress,
    /// `UPDATE_COMPLETE`: the update succeeded.
    UpdateComplete,
    /// `UPDATE_FAILED`: the update failed and was not rolled back (rollback disabled).
    UpdateFailed,
    /// `UPDATE_ROLLBACK_IN_PROGRESS`: a failed update is being rolled back.
    UpdateRollbackInProgress,
    /// `UPDATE_ROLLBACK_FAILED`: the rollback of a failed update failed.
    UpdateRollbackFailed,
    /// `UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS`: the rollback succeeded; resources made
    /// by the failed update are being removed.
    UpdateRollbackCompleteCleanupInProgress,
    /// `UPDATE_ROLLBACK_COMPLETE`: a failed update was rolled back to the previous template.
    UpdateRollbackComplete,
    /// `REVIEW_IN_PROGRESS`: the stack was made by a `CREATE` change set that has not been
    /// executed; it has no template and no resources.
    ReviewInProgress,
    /// `IMPORT_IN_PROGRESS`: existing resources are being imported into the stack.
    ImportInProgress,
    /// `IMPORT_COMPLETE`: the import succeeded.
    ImportComplete,
    /// `IMPORT_ROLLBACK_IN_PROGRESS`: a failed import is being rolled back.
    ImportRollbackInProgress,
    /// `IMPORT_ROLLBACK_FAILED`: the rollback of a failed import failed.
    ImportRollbackFailed,
    /// `IMPORT_ROLLBACK_COMPLETE`: a failed import was rolled back to the previous template.
    ImportRollbackComplete,
    /// A status this release does not know (added to CloudFormation later).
    Unknown(UnknownStatus),
}

/// The text of a stack status this release does not know; made only by
/// [`StackStatus::parse`], so it never holds the name of a known status.
///
/// ```
/// use ecs_dsl::deploy::status::StackStatus;
/// let StackStatus::Unknown(unknown) = StackStatus::parse("PAUSED") else { unreachable!() };
/// assert_eq!(unknown.as_str(), "PAUSED");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownStatus(String);

impl UnknownStatus {
    /// The status as CloudFormation wrote it.
    ///
    /// ```
    /// use ecs_dsl::deploy::status::StackStatus;
    /// if let StackStatus::Unknown(u) = StackStatus::parse("NEW_STATUS") {
    ///     assert_eq!(u.as_str(), "NEW_STATUS");
    /// }
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl StackStatus {
    /// Every status this release knows, in the order of the CloudFormation API reference.
    ///
    /// ```
    /// use ecs_dsl::deploy::status::StackStatus;
    /// assert_eq!(StackStatus::KNOWN.len(), 23);
    /// assert!(StackStatus::KNOWN.iter().all(|s| StackStatus::parse(s.as_str()) == *s));
    /// ```
    pub const KNOWN: &'static [StackStatus] = &[
        StackStatus::CreateInProgress,
        StackStatus::CreateFailed,
        StackStatus::CreateComplete,
        StackStatus::RollbackInProgress,
        StackStatus::RollbackFailed,
        StackStatus::RollbackComplete,
        StackStatus::DeleteInProgress,
        StackStatus::DeleteFailed,
        StackStatus::DeleteComplete,
        StackStatus::UpdateInProgress,
        StackStatus::UpdateCompleteCleanupInProgress,
        StackStatus::UpdateComplete,
        StackStatus::UpdateFailed,
        StackStatus::UpdateRollbackInProgress,
        StackStatus::UpdateRollbackFailed,
        StackStatus::UpdateRollbackCompleteCleanupInProgress,
        StackStatus::UpdateRollbackComplete,
        StackStatus::ReviewInProgress,
        StackStatus::ImportInProgress,
        StackStatus::ImportComplete,
        StackStatus::ImportRollbackInProgress,
        StackStatus::ImportRollbackFailed,
        StackStatus::ImportRollbackComplete,
    ];

    /// Reads a status as CloudFormation writes it (`UPDATE_COMPLETE`); never fails (an unknown
    /// value becomes [`StackStatus::Unknown`]). The match is exact: CloudFormation writes
    /// statuses in upper case.
    ///
    /// ```
    /// use ecs_dsl::deploy::status::StackStatus;
    /// assert_eq!(StackStatus::parse("DELETE_FAILED"), StackStatus::DeleteFailed);
    /// assert!(matches!(StackStatus::parse("delete_failed"), StackStatus::Unknown(_)));
    /// ```
    pub fn parse(text: &str) -> StackStatus {
        StackStatus::KNOWN
            .iter()
            .find(|known| known.as_str() == text)
            .cloned()
            .unwrap_or_else(|| StackStatus::Unknown(UnknownStatus(text.to_owned())))
    }

    /// The status as CloudFormation writes it.
    ///
    /// ```
    /// use ecs_dsl::deploy::status::StackStatus;
    /// assert_eq!(
    ///     StackStatus::UpdateRollbackCompleteCleanupInProgress.as_str(),
    ///     "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"
    /// );
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            StackStatus::CreateInProgress => "CREATE_IN_PROGRESS",
            StackStatus::CreateFailed => "CREATE_FAILED",
            StackStatus::CreateComplete => "CREATE_COMPLETE",
            StackStatus::RollbackInProgress => "ROLLBACK_IN_PROGRESS",
            StackStatus::RollbackFailed => "ROLLBACK_FAILED",
            StackStatus::RollbackComplete => "ROLLBACK_COMPLETE",
            StackStatus::DeleteInProgress => "DELETE_IN_PROGRESS",
            StackStatus::DeleteFailed => "DELETE_FAILED",
            StackStatus::DeleteComplete => "DELETE_COMPLETE",
            StackStatus::UpdateInProgress => "UPDATE_IN_PROGRESS",
            StackStatus::UpdateCompleteCleanupInProgress => "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
            StackStatus::UpdateComplete => "UPDATE_COMPLETE",
            StackStatus::UpdateFailed => "UPDATE_FAILED",
            StackStatus::UpdateRollbackInProgress => "UPDATE_ROLLBACK_IN_PROGRESS",
            StackStatus::UpdateRollbackFailed => "UPDATE_ROLLBACK_FAILED",
            StackStatus::UpdateRollbackCompleteCleanupInProgress => {
                "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"
            }
            StackStatus::UpdateRollbackComplete => "UPDATE_ROLLBACK_COMPLETE",
            StackStatus::ReviewInProgress => "REVIEW_IN_PROGRESS",
            StackStatus::ImportInProgress => "IMPORT_IN_PROGRESS",
            StackStatus::ImportComplete => "IMPORT_COMPLETE",
            StackStatus::ImportRollbackInProgress => "IMPORT_ROLLBACK_IN_PROGRESS",
            StackStatus::ImportRollbackFailed => "IMPORT_ROLLBACK_FAILED",
            StackStatus::ImportRollbackComplete => "IMPORT_ROLLBACK_COMPLETE",
            StackStatus::Unknown(unknown) => unknown.as_str(),
        }
    }

    /// What a deploy must do with a stack in this status; see [`StackState`] for the table.
    ///
    /// ```
    /// use ecs_dsl::deploy::status::{StackState, StackStatus};
    /// assert_eq!(StackStatus::DeleteComplete.classify(), StackState::Absent);
    /// assert_eq!(StackStatus::ImportRollbackComplete.classify(), StackState::Updatable);
    /// assert_eq!(StackStatus::CreateFailed.classify(), StackState::FailedCreate);
    /// ```
    pub fn classify(&self) -> StackState {
        use StackOperation as Op;
        let busy = |operation| StackState::Busy { operation };
        match self {
            StackStatus::DeleteComplete => StackState::Absent,
            StackStatus::CreateComplete
            | StackStatus::UpdateComplete
            | StackStatus::UpdateRollbackComplete
            | StackStatus::ImportComplete
            | StackStatus::ImportRollbackComplete => StackState::Updatable,
            StackStatus::CreateInProgress => busy(Op::Create),
            StackStatus::RollbackInProgress => busy(Op::Rollback),
            StackStatus::DeleteInProgress => busy(Op::Delete),
            StackStatus::UpdateInProgress => busy(Op::Update),
            StackStatus::UpdateCompleteCleanupInProgress => busy(Op::UpdateCleanup),
            StackStatus::UpdateRollbackInProgress => busy(Op::UpdateRollback),
            StackStatus::UpdateRollbackCompleteCleanupInProgress => busy(Op::UpdateRollbackCleanup),
            StackStatus::ImportInProgress => busy(Op::Import),
            StackStatus::ImportRollbackInProgress => busy(Op::ImportRollback),
            StackStatus::CreateFailed
            | StackStatus::RollbackFailed
            | StackStatus::RollbackComplete => StackState::FailedCreate,
            StackStatus::UpdateFailed => StackState::UpdateFailed,
            StackStatus::UpdateRollbackFailed => StackState::UpdateRollbackFailed,
            StackStatus::DeleteFailed => StackState::DeleteFailed,
            StackStatus::ReviewInProgress => StackState::ReviewInProgress,
            StackStatus::ImportRollbackFailed => StackState::ImportRollbackFailed,
            StackStatus::Unknown(unknown) => StackState::Unknown {
                status: unknown.as_str().to_owned(),
            },
        }
    }

    /// Whether an operation followed to this status has ended: the status is a `*_COMPLETE`
    /// or `*_FAILED` one, and stays so until someone starts another operation.
    ///
    /// `REVIEW_IN_PROGRESS` is not terminal: nothing runs in it, but a stack found in it right
    /// after `ExecuteChangeSet` has simply not started its create yet. An unknown status is
    /// judged by its suffix (`_COMPLETE` or `_FAILED` is terminal).
    ///
    /// ```
    /// use ecs_dsl::deploy::status::StackStatus;
    /// assert!(StackStatus::UpdateRollbackComplete.is_terminal());
    /// assert!(!StackStatus::UpdateCompleteCleanupInProgress.is_terminal());
    /// assert!(!StackStatus::ReviewInProgress.is_terminal());
    /// assert!(StackStatus::parse("PAUSE_FAILED").is_terminal());
    /// ```
    pub fn is_terminal(&self) -> bool {
        self.outcome().is_some()
    }

    /// How an operation followed to this status ended, or `None` while it is still running.
    ///
    /// | statuses | outcome |
    /// |---|---|
    /// | `CREATE_COMPLETE`, `UPDATE_COMPLETE`, `IMPORT_COMPLETE`, `DELETE_COMPLETE` | [`Outcome::Succeeded`] |
    /// | `ROLLBACK_COMPLETE`, `UPDATE_ROLLBACK_COMPLETE`, `IMPORT_ROLLBACK_COMPLETE` | [`Outcome::RolledBack`] |
    /// | every `*_FAILED` | [`Outcome::Failed`] |
    /// | every `*_IN_PROGRESS`, and `REVIEW_IN_PROGRESS` | `None` |
    ///
    /// An unknown status is judged by its text: ending in `_FAILED` is a failure, ending in
    /// `_COMPLETE` a rollback if it contains `ROLLBACK` and a success otherwise, anything else
    /// still running.
    ///
    /// ```
    /// use ecs_dsl::deploy::status::{Outcome, StackStatus};
    /// assert_eq!(StackStatus::CreateComplete.outcome(), Some(Outcome::Succeeded));
    /// assert_eq!(StackStatus::RollbackComplete.outcome(), Some(Outcome::RolledBack));
    /// assert_eq!(StackStatus::UpdateRollbackFailed.outcome(), Some(Outcome::Failed));
    /// assert_eq!(StackStatus::UpdateInProgress.outcome(), None);
    /// ```
    pub fn outcome(&self) -> Option<Outcome> {
        match self {
            StackStatus::CreateComplete
            | StackStatus::UpdateComplete
            | StackStatus::ImportComplete
            | StackStatus::DeleteComplete => Some(Outcome::Succeeded),
            StackStatus::RollbackComplete
            | StackStatus::UpdateRollbackComplete
            | StackStatus::ImportRollbackComplete => Some(Outcome::RolledBack),
            StackStatus::CreateFailed
            | StackStatus::RollbackFailed
            | StackStatus::DeleteFailed
            | StackStatus::UpdateFailed
            | StackStatus::UpdateRollbackFailed
            | StackStatus::ImportRollbackFailed => Some(Outcome::Failed),
            StackStatus::CreateInProgress
            | StackStatus::RollbackInProgress
            | StackStatus::DeleteInProgress
            | StackStatus::UpdateInProgress
            | StackStatus::UpdateCompleteCleanupInProgress
            | StackStatus::UpdateRollbackInProgress
            | StackStatus::UpdateRollbackCompleteCleanupInProgress
            | StackStatus::ReviewInProgress
            | StackStatus::ImportInProgress
            | StackStatus::ImportRollbackInProgress => None,
            StackStatus::Unknown(unknown) => {
                let text = unknown.as_str();
                if text.ends_with("_FAILED") {
                    Some(Outcome::Failed)
                } else if text.ends_with("_COMPLETE") {
                    Some(if text.contains("ROLLBACK") {
                        Outcome::RolledBack
                    } else {
                        Outcome::Succeeded
                    })
                } else {
                    None
                }
            }
        }
    }
}

impl fmt::Display for StackStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StackStatus {
    type Err = Infallible;

    /// Same as [`StackStatus::parse`]; never fails.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(StackStatus::parse(text))
    }
}

impl From<&str> for StackStatus {
    fn from(text: &str) -> Self {
        StackStatus::parse(text)
    }
}

impl AsRef<str> for StackStatus {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// The operation a busy stack is running ([`StackState::Busy`]).
///
/// ```
/// use ecs_dsl::deploy::status::{StackOperation, StackState, StackStatus};
/// let StackState::Busy { operation } = StackStatus::RollbackInProgress.classify() else {
///     unreachable!()
/// };
/// assert_eq!(operation, StackOperation::Rollback);
/// assert_eq!(operation.to_string(), "the rollback of a failed create");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StackOperation {
    /// A create (`CREATE_IN_PROGRESS`).
    Create,
    /// The rollback of a failed create (`ROLLBACK_IN_PROGRESS`).
    Rollback,
    /// A delete (`DELETE_IN_PROGRESS`).
    Delete,
    /// An update (`UPDATE_IN_PROGRESS`).
    Update,
    /// The clean-up after a successful update (`UPDATE_COMPLETE_CLEANUP_IN_PROGRESS`).
    UpdateCleanup,
    /// The rollback of a failed update (`UPDATE_ROLLBACK_IN_PROGRESS`).
    UpdateRollback,
    /// The clean-up after a rolled-back update (`UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS`).
    UpdateRollbackCleanup,
    /// A resource import (`IMPORT_IN_PROGRESS`).
    Import,
    /// The rollback of a failed import (`IMPORT_ROLLBACK_IN_PROGRESS`).
    ImportRollback,
}

impl StackOperation {
    /// The operation in words, for messages: `an update`, `the rollback of a failed update`.
    ///
    /// ```
    /// use ecs_dsl::deploy::status::StackOperation;
    /// assert_eq!(StackOperation::Update.describe(), "an update");
    /// ```
    pub fn describe(self) -> &'static str {
        match self {
            StackOperation::Create => "a create",
            StackOperation::Rollback => "the rollback of a failed create",
            StackOperation::Delete => "a delete",
            StackOperation::Update => "an update",
            StackOperation::UpdateCleanup => "the clean-up after an update",
            StackOperation::UpdateRollback => "the rollback of a failed update",
            StackOperation::UpdateRollbackCleanup => "the clean-up after a rolled-back update",
            StackOperation::Import => "a resource import",
            StackOperation::ImportRollback => "the rollback of a failed resource import",
        }
    }
}

impl fmt::Display for StackOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// What a deploy must do with a stack, from its status ([`StackStatus::classify`]) or its
/// absence ([`StackState::of`]).
///
/// | state | statuses | the deploy |
/// |---|---|---|
/// | [`Absent`](Self::Absent) | no stack, `DELETE_COMPLETE` | creates it (`CREATE` change set) |
/// | [`Updatable`](Self::Updatable) | `CREATE_COMPLETE`, `UPDATE_COMPLETE`, `UPDATE_ROLLBACK_COMPLETE`, `IMPORT_COMPLETE`, `IMPORT_ROLLBACK_COMPLETE` | updates it (`UPDATE` change set) |
/// | [`Busy`](Self::Busy) | every `*_IN_PROGRESS` except `REVIEW_IN_PROGRESS` | waits for the operation to end (bounded by the deadline), then classifies again |
/// | [`FailedCreate`](Self::FailedCreate) | `ROLLBACK_COMPLETE`, `ROLLBACK_FAILED`, `CREATE_FAILED` | deletes and re-creates it only with `--recreate-failed` or an interactive yes |
/// | [`UpdateFailed`](Self::UpdateFailed) | `UPDATE_FAILED` | explains; an update retries it |
/// | [`UpdateRollbackFailed`](Self::UpdateRollbackFailed) | `UPDATE_ROLLBACK_FAILED` | explains and offers `ContinueUpdateRollback` |
/// | [`DeleteFailed`](Self::DeleteFailed) | `DELETE_FAILED` | explains; a delete may be retried, keeping what cannot be deleted |
/// | [`ReviewInProgress`](Self::ReviewInProgress) | `REVIEW_IN_PROGRESS` | creates it (`CREATE` change set: the stack has no template yet) |
/// | [`ImportRollbackFailed`](Self::ImportRollbackFailed) | `IMPORT_ROLLBACK_FAILED` | explains and stops |
/// | [`Unknown`](Self::Unknown) | a status this release does not know | explains and stops |
///
/// ```
/// use ecs_dsl::deploy::status::{StackState, StackStatus};
/// let state = StackStatus::parse("UPDATE_ROLLBACK_FAILED").classify();
/// assert_eq!(state, StackState::UpdateRollbackFailed);
/// assert!(state.advice("web").contains("continue-update-rollback --stack-name web"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StackState {
    /// The stack does not exist (or only as `DELETE_COMPLETE`): a deploy creates it.
    Absent,
    /// The stack is stable and can take a change set: a deploy updates it.
    Updatable,
    /// An operation is running (another deploy, a rollback, a delete): wait for it to end,
    /// bounded by the deadline, then classify the new status.
    Busy {
        /// What is running.
        operation: StackOperation,
    },
    /// A create failed (`ROLLBACK_COMPLETE`, `ROLLBACK_FAILED`, `CREATE_FAILED`): CloudFormation
    /// cannot update the stack; it must be deleted and created again, which a deploy does only
    /// with `--recreate-failed` or an interactive yes.
    FailedCreate,
    /// An update failed with rollback disabled (`UPDATE_FAILED`): the stack keeps the resources
    /// that were updated; a new update retries, `RollbackStack` returns to the last stable
    /// state.
    UpdateFailed,
    /// A failed update could not be rolled back (`UPDATE_ROLLBACK_FAILED`): the stack cannot be
    /// updated until `ContinueUpdateRollback` brings it to `UPDATE_ROLLBACK_COMPLETE`.
    UpdateRollbackFailed,
    /// A delete failed (`DELETE_FAILED`): some resources could not be deleted; the stack can
    /// only be deleted again.
    DeleteFailed,
    /// The stack was made by a `CREATE` change set that never ran (`REVIEW_IN_PROGRESS`): it has
    /// no template and no resources. A deploy creates it with a new `CREATE` change set.
    ReviewInProgress,
    /// A failed resource import could not be rolled back (`IMPORT_ROLLBACK_FAILED`).
    ImportRollbackFailed,
    /// A status this release does not know: nothing is done to the stack.
    Unknown {
        /// The status as CloudFormation wrote it.
        status: String,
    },
}

impl StackState {
    /// The state of a stack given its status, or `None` when `DescribeStacks` found no stack.
    ///
    /// ```
    /// use ecs_dsl::deploy::status::{StackState, StackStatus};
    /// assert_eq!(StackState::of(None), StackState::Absent);
    /// assert_eq!(StackState::of(Some(&StackStatus::UpdateComplete)), StackState::Updatable);
    /// ```
    pub fn of(status: Option<&StackStatus>) -> StackState {
        status.map_or(StackState::Absent, StackStatus::classify)
    }

    /// What is happening to stack `stack_name` and what to do, in one or two sentences for the
    /// user.
    ///
    /// ```
    /// use ecs_dsl::deploy::status::{StackState, StackStatus};
    /// let advice = StackStatus::RollbackComplete.classify().advice("web");
    /// assert!(advice.contains("`web`"));
    /// assert!(advice.contains("--recreate-failed"));
    /// ```
    pub fn advice(&self, stack_name: &str) -> String {
        let name = stack_name;
        match self {
            StackState::Absent => {
                format!("Stack `{name}` does not exist yet; the deploy creates it.")
            }
            StackState::Updatable => {
                format!("Stack `{name}` is ready; the deploy updates it through a change set.")
            }
            StackState::Busy { operation } => format!(
                "Stack `{name}` is busy with {operation} started elsewhere (another deploy, a \
                 rollback or the console). The deploy waits for it to end, up to the `--timeout` \
                 deadline, and then tries again."
            ),
            StackState::FailedCreate => format!(
                "Stack `{name}` failed to create and CloudFormation cannot update it; read its \
                 events for the cause. Deploy again with `--recreate-failed` (or answer yes when \
                 asked) to delete the stack and create it anew."
            ),
            StackState::UpdateFailed => format!(
                "The last update of stack `{name}` failed with rollback disabled (UPDATE_FAILED). \
                 Deploying again retries the update; to return to the last working state \
                 instead, run `aws cloudformation rollback-stack --stack-name {name}`."
            ),
            StackState::UpdateRollbackFailed => format!(
                "Stack `{name}` could not roll back a failed update (UPDATE_ROLLBACK_FAILED), \
                 usually because a resource was changed or deleted outside CloudFormation; it \
                 cannot be updated until the rollback finishes. Fix the resource named in its \
                 events, run `aws cloudformation continue-update-rollback --stack-name {name}` \
                 (with `--resources-to-skip` for resources that cannot be restored), then deploy \
                 again."
            ),
            StackState::DeleteFailed => format!(
                "Stack `{name}` could not be deleted (DELETE_FAILED), often because of a \
                 non-empty bucket or a resource still used outside the stack. Fix what its \
                 events name and delete it again, or keep those resources with `aws \
                 cloudformation delete-stack --stack-name {name} --retain-resources \
                 <LogicalId>...`."
            ),
            StackState::ReviewInProgress => format!(
                "Stack `{name}` was created by a change set that was never executed \
                 (REVIEW_IN_PROGRESS) and holds no resources. The deploy creates it with a new \
                 change set; to discard the old one instead, run `aws cloudformation \
                 delete-stack --stack-name {name}`."
            ),
            StackState::ImportRollbackFailed => format!(
                "Stack `{name}` could not roll back a failed resource import \
                 (IMPORT_ROLLBACK_FAILED); the deploy leaves it alone. Fix the resource its \
                 events name and bring the stack back to a stable state from the CloudFormation \
                 console before deploying again."
            ),
            StackState::Unknown { status } => format!(
                "Stack `{name}` is in status {status}, which this version of ecs-dsl does not \
                 know; the deploy leaves it alone. Check the stack in the CloudFormation console, \
                 or upgrade ecs-dsl."
            ),
        }
    }
}

/// How an operation that was followed to its end turned out ([`StackStatus::outcome`]).
///
/// ```
/// use ecs_dsl::deploy::status::{Outcome, StackStatus};
/// assert!(StackStatus::UpdateComplete.outcome().is_some_and(Outcome::is_success));
/// assert!(!Outcome::RolledBack.is_success());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The operation did what was asked (`CREATE_COMPLETE`, `UPDATE_COMPLETE`,
    /// `IMPORT_COMPLETE`, `DELETE_COMPLETE`).
    Succeeded,
    /// The operation failed and left the stack in a failed status (`*_FAILED`).
    Failed,
    /// The operation failed and CloudFormation rolled its changes back (`*ROLLBACK_COMPLETE`):
    /// the stack is stable again, but the deploy did not happen.
    RolledBack,
}

impl Outcome {
    /// Whether the operation did what was asked; a rollback is not a success.
    ///
    /// ```
    /// use ecs_dsl::deploy::status::Outcome;
    /// assert!(Outcome::Succeeded.is_success());
    /// assert!(!Outcome::Failed.is_success());
    /// ```
    pub fn is_success(self) -> bool {
        self == Outcome::Succeeded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every known status, written out here independently of [`StackStatus::KNOWN`], with the
    /// classification, terminality and outcome this module must give it.
    #[rustfmt::skip]
    const TABLE: &[(&str, StateKind, Option<Outcome>)] = &[
        ("CREATE_IN_PROGRESS", StateKind::Busy(StackOperation::Create), None),
        ("CREATE_FAILED", StateKind::FailedCreate, Some(Outcome::Failed)),
        ("CREATE_COMPLETE", StateKind::Updatable, Some(Outcome::Succeeded)),
        ("ROLLBACK_IN_PROGRESS", StateKind::Busy(StackOperation::Rollback), None),
        ("ROLLBACK_FAILED", StateKind::FailedCreate, Some(Outcome::Failed)),
        ("ROLLBACK_COMPLETE", StateKind::FailedCreate, Some(Outcome::RolledBack)),
        ("DELETE_IN_PROGRESS", StateKind::Busy(StackOperation::Delete), None),
        ("DELETE_FAILED", StateKind::DeleteFailed, Some(Outcome::Failed)),
        ("DELETE_COMPLETE", StateKind::Absent, Some(Outcome::Succeeded)),
        ("UPDATE_IN_PROGRESS", StateKind::Busy(StackOperation::Update), None),
        ("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", StateKind::Busy(StackOperation::UpdateCleanup), None),
        ("UPDATE_COMPLETE", StateKind::Updatable, Some(Outcome::Succeeded)),
        ("UPDATE_FAILED", StateKind::UpdateFailed, Some(Outcome::Failed)),
        ("UPDATE_ROLLBACK_IN_PROGRESS", StateKind::Busy(StackOperation::UpdateRollback), None),
        ("UPDATE_ROLLBACK_FAILED", StateKind::UpdateRollbackFailed, Some(Outcome::Failed)),
        ("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", StateKind::Busy(StackOperation::UpdateRollbackCleanup), None),
        ("UPDATE_ROLLBACK_COMPLETE", StateKind::Updatable, Some(Outcome::RolledBack)),
        ("REVIEW_IN_PROGRESS", StateKind::ReviewInProgress, None),
        ("IMPORT_IN_PROGRESS", StateKind::Busy(StackOperation::Import), None),
        ("IMPORT_COMPLETE", StateKind::Updatable, Some(Outcome::Succeeded)),
        ("IMPORT_ROLLBACK_IN_PROGRESS", StateKind::Busy(StackOperation::ImportRollback), None),
        ("IMPORT_ROLLBACK_FAILED", StateKind::ImportRollbackFailed, Some(Outcome::Failed)),
        ("IMPORT_ROLLBACK_COMPLETE", StateKind::Updatable, Some(Outcome::RolledBack)),
    ];

    /// [`StackState`] without the unknown status text, so the table can be a `const`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum StateKind {
        Absent,
        Updatable,
        Busy(StackOperation),
        FailedCreate,
        UpdateFailed,
        UpdateRollbackFailed,
        DeleteFailed,
        ReviewInProgress,
        ImportRollbackFailed,
    }

    impl StateKind {
        fn state(self) -> StackState {
            match self {
                StateKind::Absent => StackState::Absent,
                StateKind::Updatable => StackState::Updatable,
                StateKind::Busy(operation) => StackState::Busy { operation },
                StateKind::FailedCreate => StackState::FailedCreate,
                StateKind::UpdateFailed => StackState::UpdateFailed,
                StateKind::UpdateRollbackFailed => StackState::UpdateRollbackFailed,
                StateKind::DeleteFailed => StackState::DeleteFailed,
                StateKind::ReviewInProgress => StackState::ReviewInProgress,
                StateKind::ImportRollbackFailed => StackState::ImportRollbackFailed,
            }
        }
    }

    /// Fails to compile when a variant is added without being listed here (and so, by
    /// `known_list_is_complete`, in `KNOWN` and in `TABLE`).
    fn variant_index(status: &StackStatus) -> Option<usize> {
        Some(match status {
            StackStatus::CreateInProgress => 0,
            StackStatus::CreateFailed => 1,
            StackStatus::CreateComplete => 2,
            StackStatus::RollbackInProgress => 3,
            StackStatus::RollbackFailed => 4,
            StackStatus::RollbackComplete => 5,
            StackStatus::DeleteInProgress => 6,
            StackStatus::DeleteFailed => 7,
            StackStatus::DeleteComplete => 8,
            StackStatus::UpdateInProgress => 9,
            StackStatus::UpdateCompleteCleanupInProgress => 10,
            StackStatus::UpdateComplete => 11,
            StackStatus::UpdateFailed => 12,
            StackStatus::UpdateRollbackInProgress => 13,
            StackStatus::UpdateRollbackFailed => 14,
            StackStatus::UpdateRollbackCompleteCleanupInProgress => 15,
            StackStatus::UpdateRollbackComplete => 16,
            StackStatus::ReviewInProgress => 17,
            StackStatus::ImportInProgress => 18,
            StackStatus::ImportComplete => 19,
            StackStatus::ImportRollbackInProgress => 20,
            StackStatus::ImportRollbackFailed => 21,
            StackStatus::ImportRollbackComplete => 22,
            StackStatus::Unknown(_) => return None,
        })
    }

    const VARIANTS: usize = 23;

    #[test]
    fn known_list_is_complete_and_in_variant_order() {
        assert_eq!(StackStatus::KNOWN.len(), VARIANTS);
        for (i, status) in StackStatus::KNOWN.iter().enumerate() {
            assert_eq!(variant_index(status), Some(i), "{status}");
        }
    }

    #[test]
    fn table_covers_every_known_status_once() {
        assert_eq!(TABLE.len(), VARIANTS);
        for (i, (text, _, _)) in TABLE.iter().enumerate() {
            assert_eq!(
                variant_index(&StackStatus::parse(text)),
                Some(i),
                "{text} parses to the wrong variant or the table is out of order"
            );
        }
    }

    #[test]
    fn every_status_parses_and_round_trips() {
        for (text, _, _) in TABLE {
            let status = StackStatus::parse(text);
            assert!(!matches!(status, StackStatus::Unknown(_)), "{text}");
            assert_eq!(status.as_str(), *text);
            assert_eq!(status.to_string(), *text);
            assert_eq!(text.parse::<StackStatus>(), Ok(status.clone()));
            assert_eq!(StackStatus::from(*text), status);
            assert_eq!(StackStatus::parse(status.as_str()), status);
        }
    }

    #[test]
    fn every_status_has_its_pinned_classification() {
        for (text, kind, _) in TABLE {
            let status = StackStatus::parse(text);
            assert_eq!(status.classify(), kind.state(), "{text}");
            assert_eq!(StackState::of(Some(&status)), kind.state(), "{text}");
        }
        assert_eq!(StackState::of(None), StackState::Absent);
    }

    #[test]
    fn every_status_has_its_pinned_outcome_and_terminality() {
        for (text, _, outcome) in TABLE {
            let status = StackStatus::parse(text);
            assert_eq!(status.outcome(), *outcome, "{text}");
            assert_eq!(status.is_terminal(), outcome.is_some(), "{text}");
        }
    }

    #[test]
    fn statuses_follow_the_naming_pattern() {
        // A cross-check of the table by the names CloudFormation uses.
        for status in StackStatus::KNOWN {
            let text = status.as_str();
            let busy = matches!(status.classify(), StackState::Busy { .. });
            let running = text.ends_with("_IN_PROGRESS") && text != "REVIEW_IN_PROGRESS";
            assert_eq!(busy, running, "{text}");
            assert_eq!(
                status.is_terminal(),
                !text.ends_with("_IN_PROGRESS"),
                "{text}"
            );
            if text.ends_with("_FAILED") {
                assert_eq!(status.outcome(), Some(Outcome::Failed), "{text}");
            }
        }
    }

    #[test]
    fn every_state_has_advice_naming_the_stack() {
        let mut states: Vec<StackState> = StackStatus::KNOWN.iter().map(|s| s.classify()).collect();
        states.push(StackState::of(None));
        states.push(StackStatus::parse("SOMETHING_NEW").classify());
        for state in states {
            let advice = state.advice("my-stack");
            assert!(advice.contains("`my-stack`"), "{state:?}: {advice}");
            assert!(advice.ends_with('.'), "{state:?}: {advice}");
            assert!(!advice.contains("  "), "{state:?}: {advice}");
            let sentences = advice.matches(". ").count() + 1;
            assert!(
                sentences <= 2,
                "{state:?} advice has {sentences} sentences: {advice}"
            );
        }
    }

    #[test]
    fn advice_gives_the_commands_to_run() {
        let advice = |s: &str| StackStatus::parse(s).classify().advice("web");
        for failed in ["ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED"] {
            assert!(advice(failed).contains("--recreate-failed"), "{failed}");
        }
        assert!(
            advice("UPDATE_ROLLBACK_FAILED")
                .contains("aws cloudformation continue-update-rollback --stack-name web")
        );
        assert!(
            advice("UPDATE_FAILED").contains("aws cloudformation rollback-stack --stack-name web")
        );
        assert!(advice("DELETE_FAILED").contains("--retain-resources"));
        assert!(advice("REVIEW_IN_PROGRESS").contains("never executed"));
        assert!(advice("UPDATE_IN_PROGRESS").contains("an update"));
        assert!(advice("UPDATE_IN_PROGRESS").contains("--timeout"));
        assert!(advice("PAUSED").contains("PAUSED"));
    }

    #[test]
    fn unknown_statuses_are_kept_and_judged_by_suffix() {
        let unknown = StackStatus::parse("DELETE_SKIPPED");
        assert_eq!(unknown.as_str(), "DELETE_SKIPPED");
        assert_eq!(
            unknown.classify(),
            StackState::Unknown {
                status: "DELETE_SKIPPED".into()
            }
        );
        assert_eq!(unknown.outcome(), None);
        assert!(!unknown.is_terminal());

        assert_eq!(StackStatus::parse("NEW_IN_PROGRESS").outcome(), None);
        assert_eq!(
            StackStatus::parse("NEW_FAILED").outcome(),
            Some(Outcome::Failed)
        );
        assert_eq!(
            StackStatus::parse("NEW_COMPLETE").outcome(),
            Some(Outcome::Succeeded)
        );
        assert_eq!(
            StackStatus::parse("NEW_ROLLBACK_COMPLETE").outcome(),
            Some(Outcome::RolledBack)
        );
        // Not case-folded, not trimmed: CloudFormation writes exact upper-case names.
        for odd in [
            "",
            " CREATE_COMPLETE",
            "create_complete",
            "CREATE_COMPLETE\n",
        ] {
            let status = StackStatus::parse(odd);
            assert!(matches!(status, StackStatus::Unknown(_)), "{odd:?}");
            assert_eq!(status.as_str(), odd);
        }
    }
}
