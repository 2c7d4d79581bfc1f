//! `macro_rules!` literal checks of rules L1 to L4 that need no proc macro: each value goes
//! through a `const` item calling a `const fn` of [`__rules`](super::__rules), so a literal out
//! of range fails `cargo check` with the rule in the message. Values known only at run time go
//! to the builders' plain methods, checked when the group or load balancer is built.

/// A target group health check checked at compile time against rule L3 (interval 5-300 s,
/// timeout 2-120 s and shorter than the interval, healthy and unhealthy thresholds 2-10,
/// success codes 200-599). Expands to a [`HealthCheck`](crate::elb::HealthCheck).
///
/// `http "<path>"` checks the path over HTTP(S); `tcp` opens a connection (TCP and TLS groups
/// only). Then optional `key = value` settings in any order: `interval`, `timeout`, `healthy`,
/// `unhealthy` and, for `http`, `matcher`. The defaults are those of
/// [`HealthCheck::http`](crate::elb::HealthCheck::http) and
/// [`HealthCheck::tcp`](crate::elb::HealthCheck::tcp), and the timeout-below-interval check
/// applies to them too. What depends on the target group is checked when the group is built:
/// success codes above 499 on an HTTP(S) group, a `tcp` check of an HTTP(S) group.
///
/// ```
/// use ecs_dsl::elb::HealthCheck;
/// let web = ecs_dsl::target_health!(http "/healthz", interval = 15, timeout = 5, healthy = 2, unhealthy = 3, matcher = "200-299");
/// let same = HealthCheck::http("/healthz").interval_secs(15).timeout_secs(5).thresholds(2, 3).matcher("200-299");
/// assert_eq!(web, same);
/// assert_eq!(ecs_dsl::target_health!(tcp, interval = 20), HealthCheck::tcp().interval_secs(20));
/// assert_eq!(ecs_dsl::target_health!(http "/"), HealthCheck::http("/"));
/// ```
///
/// ```compile_fail
/// // target group health check interval must be 5 to 300 seconds (rule L3)
/// let check = ecs_dsl::target_health!(http "/healthz", interval = 2, timeout = 1);
/// ```
///
/// ```compile_fail
/// // target group health check timeout (default 5 s, 10 s for tcp) must be shorter than the interval (default 30 s) (rule L3)
/// let check = ecs_dsl::target_health!(tcp, interval = 10); // the TCP default timeout is 10 s
/// ```
#[macro_export]
macro_rules! target_health {
    (http $(,)?) => {
        compile_error!("`http` needs the path to check: target_health!(http \"/healthz\", ...)")
    };
    (http, $($rest:tt)*) => {
        compile_error!("`http` needs the path to check: target_health!(http \"/healthz\", ...)")
    };
    (http $path:expr $(, $key:ident = $value:expr)* $(,)?) => {{
        const SPEC: $crate::elb::__rules::TargetHealthSpec = {
            #[allow(unused_mut)]
            let mut spec = $crate::elb::__rules::TargetHealthSpec::http();
            $( spec = $crate::__target_health_field!(spec, $key, $value); )*
            spec.check()
        };
        $crate::elb::HealthCheck::__checked(
            ::core::option::Option::Some(::core::convert::Into::into($path)),
            SPEC,
        )
    }};
    (tcp $(, $key:ident = $value:expr)* $(,)?) => {{
        const SPEC: $crate::elb::__rules::TargetHealthSpec = {
            #[allow(unused_mut)]
            let mut spec = $crate::elb::__rules::TargetHealthSpec::tcp();
            $( spec = $crate::__target_health_field!(spec, $key, $value); )*
            spec.check()
        };
        $crate::elb::HealthCheck::__checked(::core::option::Option::None, SPEC)
    }};
    ($($other:tt)*) => {
        compile_error!(
            "use target_health!(http \"/path\", key = value, ...) or target_health!(tcp, key = value, ...)"
        )
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __target_health_field {
    ($s:ident, interval, $v:expr) => {
        $s.interval($v)
    };
    ($s:ident, timeout, $v:expr) => {
        $s.timeout($v)
    };
    ($s:ident, healthy, $v:expr) => {
        $s.healthy($v)
    };
    ($s:ident, unhealthy, $v:expr) => {
        $s.unhealthy($v)
    };
    ($s:ident, matcher, $v:expr) => {
        $s.matcher($v)
    };
    ($s:ident, $other:ident, $v:expr) => {
        compile_error!(concat!(
            "unknown target group health check setting `",
            stringify!($other),
            "`: use interval, timeout, healthy, unhealthy or matcher"
        ))
    };
}

/// A target group name checked at compile time against rule L1 (1 to 32 of `[A-Za-z0-9-]`,
/// not starting or ending with `-`). Expands to a [`TargetGroupName`](crate::elb::TargetGroupName)
/// for [`TargetGroupBuilder::name`](crate::elb::TargetGroupBuilder::name), which also takes a
/// plain string, checked when the group is built.
///
/// ```
/// let name = ecs_dsl::target_group_name!("web-8080");
/// assert_eq!(name.as_str(), "web-8080");
/// ```
///
/// ```compile_fail
/// // target group name must not start or end with '-' (rule L1)
/// let name = ecs_dsl::target_group_name!("web-");
/// ```
#[macro_export]
macro_rules! target_group_name {
    ($name:expr) => {{
        const NAME: $crate::elb::TargetGroupName =
            $crate::elb::__rules::l1_target_group_name($name);
        NAME
    }};
}

/// A load balancer name checked at compile time against rule L2 (1 to 32 of `[A-Za-z0-9-]`,
/// not starting or ending with `-`, not starting with `internal-`). Expands to a
/// [`LoadBalancerName`](crate::elb::LoadBalancerName) for
/// [`AlbProps::name`](crate::elb::AlbProps::name) and
/// [`NlbProps::name`](crate::elb::NlbProps::name), which also take a plain string, checked
/// when the load balancer is created.
///
/// ```
/// use ecs_dsl::elb::{AlbProps, NlbProps};
/// let alb = AlbProps::internal().name(ecs_dsl::load_balancer_name!("web-alb"));
/// let nlb = NlbProps::internal().name(ecs_dsl::load_balancer_name!("db-nlb"));
/// assert_eq!(alb, AlbProps::internal().name("web-alb"));
/// assert_eq!(nlb, NlbProps::internal().name("db-nlb"));
/// ```
///
/// ```compile_fail
/// // load balancer name must not start with `internal-` (rule L2)
/// let name = ecs_dsl::load_balancer_name!("internal-web");
/// ```
#[macro_export]
macro_rules! load_balancer_name {
    ($name:expr) => {{
        const NAME: $crate::elb::LoadBalancerName =
            $crate::elb::__rules::l2_load_balancer_name($name);
        NAME
    }};
}

/// A deregistration delay in seconds checked at compile time against rule L4 (0 to 3600).
/// Expands to a [`DeregistrationDelay`](crate::elb::DeregistrationDelay) for
/// [`TargetGroupBuilder::deregistration_delay`](crate::elb::TargetGroupBuilder::deregistration_delay);
/// for a value known only at run time use
/// [`deregistration_delay_secs`](crate::elb::TargetGroupBuilder::deregistration_delay_secs),
/// checked when the group is built.
///
/// ```
/// assert_eq!(ecs_dsl::deregistration_delay!(30).as_secs(), 30);
/// ```
///
/// ```compile_fail
/// // deregistration delay must be 0 to 3600 seconds (rule L4)
/// let delay = ecs_dsl::deregistration_delay!(7200);
/// ```
#[macro_export]
macro_rules! deregistration_delay {
    ($secs:expr) => {{
        const DELAY: $crate::elb::DeregistrationDelay =
            $crate::elb::__rules::l4_deregistration_delay($secs);
        DELAY
    }};
}

/// A load-balancer cookie stickiness duration in seconds checked at compile time against rule
/// L4 (1 to 604800). Expands to a [`Stickiness`](crate::elb::Stickiness) for
/// [`TargetGroupBuilder::stickiness`](crate::elb::TargetGroupBuilder::stickiness); for a value
/// known only at run time use
/// [`stickiness_secs`](crate::elb::TargetGroupBuilder::stickiness_secs), checked when the
/// group is built (as is that the group is HTTP or HTTPS).
///
/// ```
/// assert_eq!(ecs_dsl::stickiness!(3600).as_secs(), 3600);
/// ```
///
/// ```compile_fail
/// // stickiness duration must be 1 to 604800 seconds (rule L4)
/// let stickiness = ecs_dsl::stickiness!(0);
/// ```
#[macro_export]
macro_rules! stickiness {
    ($secs:expr) => {{
        const STICKINESS: $crate::elb::Stickiness = $crate::elb::__rules::l4_stickiness($secs);
        STICKINESS
    }};
}

/// A slow start duration in seconds checked at compile time against rule L4 (30 to 900).
/// Expands to a [`SlowStart`](crate::elb::SlowStart) for
/// [`TargetGroupBuilder::slow_start`](crate::elb::TargetGroupBuilder::slow_start); for a value
/// known only at run time use
/// [`slow_start_secs`](crate::elb::TargetGroupBuilder::slow_start_secs), checked when the
/// group is built (as is that the group is HTTP or HTTPS).
///
/// ```
/// assert_eq!(ecs_dsl::slow_start!(60).as_secs(), 60);
/// ```
///
/// ```compile_fail
/// // slow start duration must be 30 to 900 seconds (rule L4)
/// let slow_start = ecs_dsl::slow_start!(10);
/// ```
#[macro_export]
macro_rules! slow_start {
    ($secs:expr) => {{
        const SLOW_START: $crate::elb::SlowStart = $crate::elb::__rules::l4_slow_start($secs);
        SLOW_START
    }};
}
