//! Patterns (L3): whole ECS workloads in a few lines, built only from the L2 builders of
//! [`ecs`](crate::ecs), [`elb`](crate::elb), [`ec2`](crate::ec2) and [`logs`](crate::logs).
//!
//! - [`LoadBalancedFargateService`]: a Fargate service behind an Application Load Balancer
//!   (HTTP, or HTTPS with HTTP redirected to it), optionally scaled on CPU.
//! - [`NetworkLoadBalancedFargateService`]: a Fargate service behind a Network Load Balancer
//!   (TCP, or TLS ended at the load balancer).
//! - [`FargateWorkerService`]: a Fargate service without a load balancer, e.g. a queue worker.
//! - [`ScheduledFargateTask`]: a Fargate task run on a cron or rate [`Schedule`](crate::ecs::Schedule).
//!
//! Every pattern starts from the safe settings: one essential container logging to a log
//! group that keeps its events one month
//! ([`Retention::OneMonth`](crate::logs::Retention::OneMonth)), tasks in the private subnets
//! without a public IP in a security group of their own, and for services the deployment
//! circuit breaker with rollback and a minimum healthy percent of 100 (a deployment never
//! reduces capacity).
//!
//! Nothing is hidden: before `build()` the closures `container(..)`, `task_definition(..)` and
//! (for services) `service(..)` receive the L2 builders, after it the accessors return every
//! L2 construct the pattern made, with all their methods.
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::assertions::Template;
//! use ecs_dsl::ec2::{Vpc, VpcProps};
//! use ecs_dsl::ecs::Cluster;
//! use ecs_dsl::patterns::LoadBalancedFargateService;
//! use serde_json::json;
//! let mut app = App::new();
//! let stack = app.stack("web")?;
//! let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
//! let cluster = Cluster::builder(&stack, "Cluster").build()?;
//! let web = LoadBalancedFargateService::builder(
//!     &stack,
//!     "Web",
//!     &vpc,
//!     &cluster,
//!     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"),
//!     ecs_dsl::fargate!(cpu = 256, memory = 512),
//! )
//! .container(|c| c.env("STAGE", "prod"))
//! .build()?;
//! web.task_definition().ensure_task_role()?; // any L2 method, through an accessor
//! let t = Template::from_app(&app, "web")?;
//! t.has_resource_properties(
//!     "AWS::ECS::Service",
//!     json!({"DeploymentConfiguration": {
//!         "DeploymentCircuitBreaker": {"Enable": true, "Rollback": true},
//!         "MinimumHealthyPercent": 100,
//!     }}),
//! );
//! t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 30}));
//! # Ok::<(), ecs_dsl::Error>(())
//! ```

mod common;
mod load_balanced;
mod network_load_balanced;
mod scheduled_task;
mod worker;

pub use load_balanced::{LoadBalancedFargateService, LoadBalancedFargateServiceBuilder};
pub use network_load_balanced::{
    NetworkLoadBalancedFargateService, NetworkLoadBalancedFargateServiceBuilder,
};
pub use scheduled_task::{ScheduledFargateTask, ScheduledFargateTaskBuilder};
pub use worker::{FargateWorkerService, FargateWorkerServiceBuilder};

use crate::ecs::service_state::{EcsController, LaunchTypeDefault, Replica, WithNetworkConfig};
use crate::ecs::{AwsVpc, Fargate, ServiceBuilder};

/// The service builder a pattern hands to its `service(..)` closure: a Fargate replica service
/// whose network configuration the pattern set; `B` is
/// [`WithLoadBalancer`](crate::ecs::service_state::WithLoadBalancer) for the load-balanced
/// patterns and [`NoLoadBalancer`](crate::ecs::service_state::NoLoadBalancer) for the worker.
/// The closure may change any setting that keeps this type (name, tags, ECS Exec, deployment
/// percentages, grace period...).
///
/// ```
/// use ecs_dsl::ecs::service_state::NoLoadBalancer;
/// use ecs_dsl::patterns::FargateServiceBuilder;
/// fn with_exec(s: FargateServiceBuilder<NoLoadBalancer>) -> FargateServiceBuilder<NoLoadBalancer> {
///     s.enable_execute_command().tag("team", "payments")
/// }
/// # let _ = with_exec;
/// ```
pub type FargateServiceBuilder<B> = ServiceBuilder<
    Fargate,
    AwsVpc,
    Replica,
    LaunchTypeDefault,
    WithNetworkConfig,
    B,
    EcsController,
>;
