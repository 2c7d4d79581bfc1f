//! Values checked at compile time by the ELBv2 literal macros: names (rules L1, L2) and target
//! group attributes (rule L4). Only the macros make them, through the `const fn`s of
//! [`__rules`](super::__rules); the builders also take plain strings and numbers, checked
//! when the group or load balancer is built.

use std::fmt;

/// A target group name checked at compile time by
/// [`target_group_name!`](crate::target_group_name) against rule L1 (1 to 32 of
/// `[A-Za-z0-9-]`, not starting or ending with `-`). [`TargetGroupBuilder::name`] takes it
/// as well as a plain string, which is checked when the group is built.
///
/// [`TargetGroupBuilder::name`]: super::TargetGroupBuilder::name
///
/// ```
/// use ecs_dsl::elb::TargetGroupName;
/// const WEB: TargetGroupName = ecs_dsl::target_group_name!("web-v2");
/// assert_eq!(WEB.as_str(), "web-v2");
/// assert_eq!(WEB.to_string(), "web-v2");
/// assert_eq!(String::from(WEB), "web-v2");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TargetGroupName(pub(super) &'static str);

/// A load balancer name checked at compile time by
/// [`load_balancer_name!`](crate::load_balancer_name) against rule L2 (that of target groups,
/// and not starting with `internal-`). [`AlbProps::name`] and [`NlbProps::name`] take it as
/// well as a plain string, which is checked when the load balancer is created.
///
/// [`AlbProps::name`]: super::AlbProps::name
/// [`NlbProps::name`]: super::NlbProps::name
///
/// ```
/// use ecs_dsl::elb::LoadBalancerName;
/// const ALB: LoadBalancerName = ecs_dsl::load_balancer_name!("web-alb");
/// assert_eq!(ALB.as_str(), "web-alb");
/// assert_eq!(ALB.to_string(), "web-alb");
/// assert_eq!(String::from(ALB), "web-alb");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LoadBalancerName(pub(super) &'static str);

macro_rules! name_impls {
    ($ty:ident) => {
        impl $ty {
            /// The name.
            ///
            /// ```
            /// use ecs_dsl::elb::{LoadBalancerName, TargetGroupName};
            /// const TG: TargetGroupName = ecs_dsl::target_group_name!("web");
            /// const LB: LoadBalancerName = ecs_dsl::load_balancer_name!("web-alb");
            /// assert_eq!((TG.as_str(), LB.as_str()), ("web", "web-alb"));
            /// ```
            pub const fn as_str(self) -> &'static str {
                self.0
            }
        }

        impl fmt::Display for $ty {
            /// The name as is.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0)
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.0
            }
        }

        impl From<$ty> for String {
            /// The name, for the builders' `name(impl Into<String>)`.
            fn from(name: $ty) -> Self {
                name.0.to_owned()
            }
        }
    };
}

name_impls!(TargetGroupName);
name_impls!(LoadBalancerName);

/// Seconds a deregistering target keeps its connections, checked at compile time by
/// [`deregistration_delay!`](crate::deregistration_delay) against rule L4 (0 to 3600); for
/// [`TargetGroupBuilder::deregistration_delay`](super::TargetGroupBuilder::deregistration_delay).
///
/// ```
/// let delay = ecs_dsl::deregistration_delay!(30);
/// assert_eq!(delay.as_secs(), 30);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeregistrationDelay(pub(super) u32);

/// Seconds of load-balancer cookie stickiness, checked at compile time by
/// [`stickiness!`](crate::stickiness) against rule L4 (1 to 604800); for
/// [`TargetGroupBuilder::stickiness`](super::TargetGroupBuilder::stickiness).
///
/// ```
/// let stickiness = ecs_dsl::stickiness!(3600);
/// assert_eq!(stickiness.as_secs(), 3600);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stickiness(pub(super) u32);

/// Seconds over which a new target's share of traffic ramps up, checked at compile time by
/// [`slow_start!`](crate::slow_start) against rule L4 (30 to 900); for
/// [`TargetGroupBuilder::slow_start`](super::TargetGroupBuilder::slow_start).
///
/// ```
/// let slow_start = ecs_dsl::slow_start!(60);
/// assert_eq!(slow_start.as_secs(), 60);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SlowStart(pub(super) u32);

macro_rules! secs_impls {
    ($ty:ident) => {
        impl $ty {
            /// The seconds.
            ///
            /// ```
            /// let delay = ecs_dsl::deregistration_delay!(0);
            /// let stickiness = ecs_dsl::stickiness!(604_800);
            /// let slow_start = ecs_dsl::slow_start!(900);
            /// assert_eq!((delay.as_secs(), stickiness.as_secs(), slow_start.as_secs()), (0, 604_800, 900));
            /// ```
            pub const fn as_secs(self) -> u32 {
                self.0
            }
        }
    };
}

secs_impls!(DeregistrationDelay);
secs_impls!(Stickiness);
secs_impls!(SlowStart);
