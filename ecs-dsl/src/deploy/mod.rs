//! Deploying an assembly to AWS CloudFormation (feature `deploy`).
//!
//! This part of the module needs no AWS SDK: it holds the decisions a deploy makes from data,
//! so they can be tested without a network.
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

pub mod capabilities;
pub mod client;
pub mod diff;
pub mod manifest;
pub mod plan;
pub mod status;
