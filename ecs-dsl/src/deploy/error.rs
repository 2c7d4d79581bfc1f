//! The errors of a deploy or destroy, each naming the stack and saying what to do.

use super::client::AwsError;
use super::manifest::ManifestError;
use super::plan::PlanError;

/// Why a deploy, diff or destroy stopped.
///
/// ```
/// use ecs_dsl::deploy::error::DeployError;
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::deploy::plan::{DeployPlan, Selection};
/// let mut app = ecs_dsl::App::new();
/// app.stack("web")?;
/// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
/// // A plan error converts into a `DeployError` with `?`.
/// let plan = || -> Result<DeployPlan, DeployError> {
///     Ok(DeployPlan::new(&manifest, Selection::stacks(["api"]))?)
/// };
/// assert!(matches!(plan(), Err(DeployError::Plan(_))));
/// let too_large = DeployError::TemplateTooLarge { stack: "web".into(), bytes: 1_200_000 };
/// assert!(too_large.to_string().contains("split the stack"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DeployError {
    /// The assembly could not be read.
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    /// The stacks asked for do not make a plan.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// A call to AWS failed.
    #[error("stack `{stack}`: {source}")]
    Aws {
        /// The stack being worked on (`*` before any stack).
        stack: String,
        /// The classified error.
        #[source]
        source: AwsError,
    },
    /// A template is over CloudFormation's 1 MB limit (rule F1); refused before any call.
    #[error(
        "stack `{stack}`: the template is {bytes} bytes, over CloudFormation's limit of 1,000,000 bytes (rule F1); split the stack"
    )]
    TemplateTooLarge {
        /// The stack.
        stack: String,
        /// The template's size.
        bytes: usize,
    },
    /// A template over 51,200 bytes needs an S3 bucket and none was given (rule F1).
    #[error(
        "stack `{stack}`: the template is {bytes} bytes, over the 51,200 bytes CloudFormation accepts inline (rule F1); give a bucket with --bucket or ECS_DSL_BUCKET, or create one with `bootstrap`"
    )]
    NoBucket {
        /// The stack.
        stack: String,
        /// The template's size.
        bytes: usize,
    },
    /// A `--parameters` value names something the assembly does not have, or a parameter
    /// without a default has no value.
    #[error("{0}")]
    Parameters(String),
    /// The stack is in a state the deploy does not change on its own.
    #[error("stack `{stack}` is {status}: {advice}")]
    StackState {
        /// The stack.
        stack: String,
        /// Its status.
        status: String,
        /// What is going on and what to do ([`StackState::advice`](super::status::StackState::advice)).
        advice: String,
    },
    /// The change set could not be created.
    #[error("stack `{stack}`: the change set failed: {reason}")]
    ChangeSetFailed {
        /// The stack.
        stack: String,
        /// CloudFormation's reason.
        reason: String,
    },
    /// The changes needed approval and were not approved.
    #[error(
        "stack `{stack}`: the changes need approval (--require-approval {policy}) and were not approved{}; nothing was executed",
        if *.could_ask { "" } else { " (no terminal to ask on: rerun with --require-approval never to accept them)" }
    )]
    NotApproved {
        /// The stack.
        stack: String,
        /// The policy.
        policy: String,
        /// Whether the user was asked (else there was no terminal).
        could_ask: bool,
    },
    /// The operation ended in a failed or rolled-back status.
    #[error(
        "stack `{stack}` ended in {status}{}",
        root_cause.as_deref().map(|c| format!("; root cause: {c}")).unwrap_or_default()
    )]
    Failed {
        /// The stack.
        stack: String,
        /// The final status.
        status: String,
        /// The first failure that is not a cancellation cascade, as `LogicalId (Type): reason`.
        root_cause: Option<String>,
    },
    /// The deadline passed.
    #[error(
        "stack `{stack}`: the deadline of {timeout} passed during {operation}; {action}; still in progress then: {}",
        if in_progress.is_empty() { "no resource".to_owned() } else { in_progress.join(", ") }
    )]
    Deadline {
        /// The stack.
        stack: String,
        /// The operation (`an update`, ...).
        operation: String,
        /// The deadline.
        timeout: String,
        /// What the deploy did about it.
        action: String,
        /// The resources that were still in progress, `LogicalId (Type)`.
        in_progress: Vec<String>,
    },
    /// The destroy was not confirmed.
    #[error(
        "destroy of {stacks} not confirmed{}",
        if *.could_ask { "" } else { " (no terminal to ask on: pass --force)" }
    )]
    NotConfirmed {
        /// The stacks, comma-separated.
        stacks: String,
        /// Whether the user was asked.
        could_ask: bool,
    },
    /// A bug in ecs-dsl, not in the program or AWS: please report it.
    #[error("internal error in ecs-dsl's deploy (please report it): {0}")]
    Internal(String),
    /// Writing the outputs file failed.
    #[error("cannot write the outputs file {path}: {source}")]
    OutputsFile {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

impl DeployError {
    pub(crate) fn aws(stack: &str, source: AwsError) -> DeployError {
        DeployError::Aws {
            stack: stack.to_owned(),
            source,
        }
    }
}
