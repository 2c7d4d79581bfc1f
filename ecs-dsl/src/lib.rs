//! # ecs-dsl
//!
//! Amazon ECS infrastructure as typed Rust programs that synthesize AWS CloudFormation.
//!
//! This release holds the foundation: the [template model](template) (apps, stacks, typed values
//! and intrinsics, parameters, conditions, outputs, cross-stack references that become exports
//! and imports) and the [L1 resource types](cfn) generated from the CloudFormation registry
//! schemas. Synthesis writes an assembly folder: one `<stack>.template.json` per stack and a
//! `manifest.json`.
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::cfn::{ecs, logs};
//!
//! let mut app = App::new();
//! let base = app.stack("base")?;
//! let cluster = base.add(
//!     "Cluster",
//!     ecs::Cluster::new().cluster_settings(vec![
//!         ecs::cluster::ClusterSettings::new().name("containerInsights").value("enabled"),
//!     ]),
//! )?;
//! base.add("Logs", logs::LogGroup::new().retention_in_days(30))?;
//!
//! let web = app.stack("web")?;
//! web.add_output("Cluster", Output::new(cluster.attr_arn()))?;
//!
//! let assembly = app.synthesize()?;
//! let web_template = assembly.stack("web").unwrap().template_json();
//! assert_eq!(
//!     web_template["Outputs"]["Cluster"]["Value"],
//!     serde_json::json!({"Fn::ImportValue": "base:Cluster:Arn"})
//! );
//! # Ok::<(), ecs_dsl::Error>(())
//! ```
//!
//! Synthesis never needs the AWS SDK or an async runtime: the default features build only
//! serde, serde_json, thiserror and this crate's proc macros, so it is cheap in a `build.rs`.

mod arn;
pub mod assertions;
pub mod cfn;
#[cfg(feature = "cli")]
pub mod cli;
pub mod cloudmap;
/// Deploying an assembly (feature `deploy`): stack statuses, capabilities, plans.
#[cfg(feature = "deploy")]
pub mod deploy;
pub mod ec2;
pub mod ecs;
pub mod efs;
pub mod elb;
mod error;
pub mod iam;
pub mod logs;
pub mod patterns;
pub mod template;

pub use error::{Error, Result};
pub use template::{App, Handle, Stack, Value};

/// What most programs need in one `use`.
pub mod prelude {
    pub use crate::error::{Error, Result};
    pub use crate::template::intrinsic;
    pub use crate::template::{
        App, Assembly, AwsType, Condition, ConditionHandle, Environment, Handle, Json, List, Map,
        Output, Parameter, ParameterHandle, RemovalPolicy, Resource, Stack, Value,
    };
}

/// A logical id checked at compile time against rule F3; see [`Stack::add`].
///
/// ```
/// use ecs_dsl::prelude::*;
/// let mut app = App::new();
/// let stack = app.stack(ecs_dsl::stack_name!("web"))?;
/// stack.add_parameter(ecs_dsl::logical_id!("Env"), Parameter::string())?;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
///
/// ```compile_fail
/// let id = ecs_dsl::logical_id!("my_id"); // '_' breaks rule F3
/// ```
pub use ecs_dsl_macros::logical_id;

/// A stack name checked at compile time against rule F5; see [`App::stack`].
///
/// ```compile_fail
/// let name = ecs_dsl::stack_name!("9lives"); // must start with a letter (rule F5)
/// ```
pub use ecs_dsl_macros::stack_name;

/// A Fargate task size checked at compile time against the whole table of rule F-SIZE
/// (CPU units and MiB; `os = windows` also checks the Windows tiers). For values from config use
/// [`ecs::FargateSize::new`] or [`ecs::FargateSize::parse`], which apply the same table.
///
/// ```
/// let size = ecs_dsl::fargate!(cpu = 16384, memory = 65536);
/// let windows = ecs_dsl::fargate!(cpu = 1024, memory = 2048, os = windows);
/// assert!(windows.supports_windows());
/// # let _ = size;
/// ```
///
/// ```compile_fail
/// // invalid Fargate memory 4096 MiB for cpu 256: allowed 512, 1024, 2048 MiB (rule F-SIZE)
/// let size = ecs_dsl::fargate!(cpu = 256, memory = 4096);
/// ```
///
/// ```compile_fail
/// // Fargate cpu 512 is not available for Windows (rule F-SIZE)
/// let size = ecs_dsl::fargate!(cpu = 512, memory = 1024, os = windows);
/// ```
pub use ecs_dsl_macros::fargate;

/// A container image reference checked at compile time against rule T22: the Docker/OCI
/// reference grammar (registry host and port, lowercase repository path, tag, `sha256` digest),
/// at most 255 characters. Expands to an [`ecs::Image`]. For values from config use
/// [`ecs::Image::parse`], which applies the same check; for an ECR repository of the app use
/// [`ecs::Image::ecr`].
///
/// ```
/// let nginx = ecs_dsl::image!("nginx:1.27");
/// let app = ecs_dsl::image!("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web/app:v42");
/// assert_eq!(nginx.to_string(), "nginx:1.27");
/// assert!(app.ecr_repository_arn().is_some());
/// ```
///
/// ```compile_fail
/// // invalid image reference `Nginx:1.27`: the repository `Nginx` must be lowercase (rule T22)
/// let image = ecs_dsl::image!("Nginx:1.27");
/// ```
///
/// ```compile_fail
/// // the sha256 digest has 3 hex digits; it needs 64 (rule T22)
/// let image = ecs_dsl::image!("nginx@sha256:abc");
/// ```
pub use ecs_dsl_macros::image;

/// A cluster, service, task definition family or container name checked at compile time
/// against rule S15 (1 to 255 of `[A-Za-z0-9_-]`). Expands to an [`ecs::Name`]; for values
/// from config use [`ecs::Name::new`], which applies the same check.
///
/// ```
/// let name = ecs_dsl::name!("web-api_2");
/// assert_eq!(name.as_str(), "web-api_2");
/// ```
///
/// ```compile_fail
/// // invalid name `web.api`: '.' is not allowed; use only A-Z, a-z, 0-9, '_' and '-' (rule S15)
/// let name = ecs_dsl::name!("web.api");
/// ```
pub use ecs_dsl_macros::name;
