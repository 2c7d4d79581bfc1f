//! CloudWatch Logs building blocks (L2): log groups with a retention that CloudFormation
//! accepts, a removal policy, and a write grant for the roles that send logs to them.
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::iam::{Role, ServicePrincipal};
//! use ecs_dsl::logs::{LogGroup, Retention};
//!
//! let mut app = App::new();
//! let stack = app.stack("web")?;
//! let logs = LogGroup::builder(&stack, "WebLogs").retention(Retention::TwoWeeks).build()?;
//! let execution = Role::builder(&stack, "ExecutionRole", ServicePrincipal::EcsTasks).build()?;
//! assert!(logs.grant_write(&execution)?.is_added());
//! # Ok::<(), ecs_dsl::Error>(())
//! ```

mod log_group;
mod retention;

pub use log_group::{LogGroup, LogGroupBuilder};
pub use retention::Retention;
