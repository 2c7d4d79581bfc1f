//! Deploying an assembly to AWS CloudFormation (feature `deploy`).
//!
//! Most of the module needs no network: it holds the decisions a deploy makes from data, so
//! they can be tested without one; [`client`](crate::deploy::client) talks to AWS.
//!
//! - [`status`](crate::deploy::status): every CloudFormation stack status, what a deploy must
//!   do with a stack found in it ([`StackState`](crate::deploy::status::StackState), with
//!   advice for the user), and how an operation being followed ended
//!   ([`Outcome`](crate::deploy::status::Outcome)).
//! - [`capabilities`](crate::deploy::capabilities): the capabilities a template needs (rule
//!   F7).
//! - [`plan`](crate::deploy::plan) and [`manifest`](crate::deploy::manifest): the stacks of an
//!   assembly and the order to deploy them in.
//! - [`diff`](crate::deploy::diff): what a deploy would change (a template diff for `diff`, and
//!   change sets annotated with the manifest's create-only properties), which changes replace
//!   resources (and which replacements fail because the resource has a custom name), and
//!   whether `--require-approval` asks before executing.
//! - [`events`](crate::deploy::events): stack events deduplicated across polls and the root
//!   cause of a failure.
//! - [`client`](crate::deploy::client): the CloudFormation and S3 clients and typed AWS errors.
//!
//! ```
//! use ecs_dsl::deploy::capabilities::{Capability, required_capabilities};
//! use ecs_dsl::deploy::status::{StackState, StackStatus};
//!
//! let status = StackStatus::parse("ROLLBACK_COMPLETE");
//! assert_eq!(status.classify(), StackState::FailedCreate);
//! assert!(status.classify().advice("web").contains("--recreate-failed"));
//!
//! let template = serde_json::json!({"Resources": {"R": {"Type": "AWS::IAM::Role"}}});
//! assert_eq!(required_capabilities(&template), [Capability::Iam]);
//! ```

// The links above are written from the crate root: rustdoc resolves this text there because
// lib.rs also documents `deploy` with a line of its own.

mod apply;
pub mod calls;
pub mod capabilities;
pub mod client;
pub mod diff;
pub mod error;
pub mod events;
pub mod follow;
pub mod manifest;
pub mod plan;
pub mod report;
pub mod run;
pub mod status;
pub mod upload;
