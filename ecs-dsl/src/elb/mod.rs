//! Elastic Load Balancing v2 for ECS services: Application Load Balancers with HTTP(S)
//! listeners and rules (rules L2, L5, L6), Network Load Balancers with TCP and TLS listeners
//! (rules L2, L6), and target groups typed by target type (rule S6) with checked settings
//! (rules L1, L3, L4, L7). Each listener forwards only to target groups of a protocol its load
//! balancer speaks: HTTP or HTTPS behind an Application Load Balancer, TCP or TLS behind a
//! Network Load Balancer.
//!
//! Literal settings are checked at compile time by macros, so a name or number out of range
//! fails `cargo check` with the rule in the message:
//!
//! - [`target_group_name!`](crate::target_group_name) (rule L1) and
//!   [`load_balancer_name!`](crate::load_balancer_name) (rule L2), for
//!   [`TargetGroupBuilder::name`], [`AlbProps::name`] and [`NlbProps::name`];
//! - [`target_health!`](crate::target_health) (rule L3), a [`HealthCheck`];
//! - [`deregistration_delay!`](crate::deregistration_delay),
//!   [`stickiness!`](crate::stickiness) and [`slow_start!`](crate::slow_start) (rule L4), for
//!   [`TargetGroupBuilder::deregistration_delay`], [`TargetGroupBuilder::stickiness`] and
//!   [`TargetGroupBuilder::slow_start`].
//!
//! Values known only at run time (from config) go to the plain methods (`name("...")`,
//! [`HealthCheck::http`], `deregistration_delay_secs`, ...), checked against the same rules
//! when the group or load balancer is built.
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::ec2::Vpc;
//! use ecs_dsl::ecs::Ip;
//! use ecs_dsl::elb::{TargetGroup, TargetProtocol};
//! let mut app = App::new();
//! let stack = app.stack("web")?;
//! let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
//! TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http)
//!     .name(ecs_dsl::target_group_name!("web"))
//!     .health_check(ecs_dsl::target_health!(http "/healthz", interval = 15, healthy = 2))
//!     .deregistration_delay(ecs_dsl::deregistration_delay!(30))
//!     .slow_start(ecs_dsl::slow_start!(60))
//!     .build()?;
//! let t = app.synthesize()?.stacks[0].template_json();
//! assert_eq!(t["Resources"]["Web"]["Properties"]["HealthCheckIntervalSeconds"], 15);
//! # Ok::<(), ecs_dsl::Error>(())
//! ```
//!
//! ```compile_fail
//! // target group name is longer than 32 characters (rule L1)
//! let name = ecs_dsl::target_group_name!("a-target-group-name-of-33-letters");
//! ```

mod common;
mod literals;
mod load_balancer;
mod macros;
mod network_load_balancer;
mod rules;
mod target_group;

pub use literals::{DeregistrationDelay, LoadBalancerName, SlowStart, Stickiness, TargetGroupName};
pub use load_balancer::{AlbProps, ApplicationLoadBalancer, Listener, RuleCondition, TLS_POLICY};
pub use network_load_balancer::{NetworkListener, NetworkLoadBalancer, NlbProps};
#[doc(hidden)]
pub use rules::__rules;
pub use target_group::{HealthCheck, TargetGroup, TargetGroupBuilder, TargetKind, TargetProtocol};
