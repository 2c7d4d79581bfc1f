//! [`TargetGroup<T>`]: an ELBv2 target group typed by target type (`Ip` for awsvpc tasks,
//! `Instance` for bridge and host tasks; rule S6), with port, protocol and VPC always set
//! (rule L7) and its settings checked (rules L1, L3, L4).

use std::marker::PhantomData;

use crate::cfn::elasticloadbalancingv2::target_group as l1;
use crate::ec2::Vpc;
use crate::ecs::{Instance, Ip, TargetGroupRef};
use crate::error::{Error, Result};
use crate::template::{Handle, Stack, Value};

use super::__rules::TargetHealthSpec;
use super::literals::{DeregistrationDelay, SlowStart, Stickiness};
use super::rules::{
    DEREGISTRATION, HIGHEST_CODE_HTTP, HIGHEST_CODE_NLB, INTERVAL, SLOW_START, STICKINESS,
    THRESHOLD, TIMEOUT, within,
};

/// The target types a [`TargetGroup`] can have: [`Ip`] (awsvpc tasks) and [`Instance`]
/// (bridge and host tasks). A service attaches only to a group of its network mode's kind
/// (rule S6).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::Vpc;
/// use ecs_dsl::ecs::{Instance, Ip};
/// use ecs_dsl::elb::{TargetGroup, TargetKind, TargetProtocol};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
/// TargetGroup::<Ip>::builder(&stack, "Tasks", &vpc, 80, TargetProtocol::Http).build()?;
/// TargetGroup::<Instance>::builder(&stack, "Hosts", &vpc, 80, TargetProtocol::Http).build()?;
/// assert_eq!(<Instance as TargetKind>::TYPE.as_str(), "instance");
/// let t = app.synthesize()?.stacks[0].template_json();
/// assert_eq!(t["Resources"]["Tasks"]["Properties"]["TargetType"], "ip");
/// assert_eq!(t["Resources"]["Hosts"]["Properties"]["TargetType"], "instance");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub trait TargetKind {
    /// The `TargetType` value.
    const TYPE: l1::TargetGroupTargetType;
}
impl TargetKind for Ip {
    const TYPE: l1::TargetGroupTargetType = l1::TargetGroupTargetType::Ip;
}
impl TargetKind for Instance {
    const TYPE: l1::TargetGroupTargetType = l1::TargetGroupTargetType::Instance;
}

/// The protocol between the load balancer and the targets. HTTP and HTTPS groups take
/// traffic from Application Load Balancer listeners, TCP and TLS groups from Network Load
/// Balancer listeners.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::Vpc;
/// use ecs_dsl::ecs::Ip;
/// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
/// let mut app = App::new();
/// let stack = app.stack("tcp")?;
/// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
/// TargetGroup::<Ip>::builder(&stack, "Db", &vpc, 5432, TargetProtocol::Tcp).build()?;
/// let t = app.synthesize()?.stacks[0].template_json();
/// assert_eq!(t["Resources"]["Db"]["Properties"]["Protocol"], "TCP");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetProtocol {
    /// HTTP (Application Load Balancer).
    Http,
    /// HTTPS (Application Load Balancer).
    Https,
    /// TCP (Network Load Balancer).
    Tcp,
    /// TLS (Network Load Balancer).
    Tls,
}

impl TargetProtocol {
    /// The CloudFormation value.
    fn l1(self) -> l1::TargetGroupProtocol {
        match self {
            TargetProtocol::Http => l1::TargetGroupProtocol::Http,
            TargetProtocol::Https => l1::TargetGroupProtocol::Https,
            TargetProtocol::Tcp => l1::TargetGroupProtocol::Tcp,
            TargetProtocol::Tls => l1::TargetGroupProtocol::Tls,
        }
    }

    /// The CloudFormation spelling: `HTTP`, `HTTPS`, `TCP`, `TLS`.
    pub(crate) fn as_str(self) -> &'static str {
        self.l1().as_str()
    }

    /// Whether Application Load Balancers use this protocol (else Network Load Balancers do).
    fn is_http(self) -> bool {
        matches!(self, TargetProtocol::Http | TargetProtocol::Https)
    }
}

/// The target group's health check; checked when the group is created (rule L3). For literal
/// settings [`target_health!`](crate::target_health) makes the same value checked at compile
/// time.
///
/// ```
/// use ecs_dsl::elb::HealthCheck;
/// let check = HealthCheck::http("/healthz").interval_secs(15).timeout_secs(5).thresholds(2, 3).matcher("200-299");
/// assert_eq!(check, ecs_dsl::target_health!(http "/healthz", interval = 15, timeout = 5, healthy = 2, unhealthy = 3, matcher = "200-299"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthCheck {
    path: Option<String>,
    interval: u32,
    timeout: u32,
    healthy: u32,
    unhealthy: u32,
    matcher: Option<String>,
}

impl HealthCheck {
    /// An HTTP(S) check of `path` (defaults: every 30 s, 5 s timeout, 5 healthy / 2
    /// unhealthy; success codes 200 on HTTP(S) groups, 200-399 on TCP and TLS groups). On a
    /// TCP group the check is made over HTTP, on a TLS group over HTTPS.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{HealthCheck, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = |id, protocol| TargetGroup::<Ip>::builder(&stack, id, &vpc, 80, protocol);
    /// tg("Web", TargetProtocol::Http).health_check(HealthCheck::http("/healthz")).build()?;
    /// tg("Game", TargetProtocol::Tcp).health_check(HealthCheck::http("/healthz")).build()?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let web = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(web["HealthCheckPath"], "/healthz");
    /// assert_eq!(web["HealthCheckIntervalSeconds"], 30);
    /// assert_eq!(t["Resources"]["Game"]["Properties"]["HealthCheckProtocol"], "HTTP");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn http(path: impl Into<String>) -> Self {
        HealthCheck::__checked(Some(path.into()), TargetHealthSpec::http())
    }

    /// A TCP connect check, for TCP and TLS target groups only (Network Load Balancers; rule
    /// L3). It takes no [`matcher`](Self::matcher). Defaults: every 30 s, 10 s timeout, 5
    /// healthy / 2 unhealthy.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{HealthCheck, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = |id, protocol| TargetGroup::<Ip>::builder(&stack, id, &vpc, 5432, protocol);
    /// tg("Db", TargetProtocol::Tcp).health_check(HealthCheck::tcp()).build()?;
    /// let web = tg("Web", TargetProtocol::Http).health_check(HealthCheck::tcp()).build();
    /// assert!(web.unwrap_err().to_string().contains("rule L3"));
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Db"]["Properties"]["HealthCheckProtocol"], "TCP");
    /// assert_eq!(t["Resources"]["Db"]["Properties"]["HealthCheckTimeoutSeconds"], 10);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn tcp() -> Self {
        HealthCheck::__checked(None, TargetHealthSpec::tcp())
    }

    /// Used by [`target_health!`](crate::target_health) after it checked the literals; not for
    /// direct use.
    #[doc(hidden)]
    pub fn __checked(path: Option<String>, spec: TargetHealthSpec) -> Self {
        HealthCheck {
            path,
            interval: spec.interval,
            timeout: spec.timeout,
            healthy: spec.healthy,
            unhealthy: spec.unhealthy,
            matcher: spec.matcher.map(String::from),
        }
    }

    /// Seconds between checks (5-300, rule L3), checked when the group is built.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{HealthCheck, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = |id| TargetGroup::<Ip>::builder(&stack, id, &vpc, 80, TargetProtocol::Http);
    /// tg("Web").health_check(HealthCheck::http("/").interval_secs(10)).build()?;
    /// assert!(tg("Bad").health_check(HealthCheck::http("/").interval_secs(600)).build().is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Web"]["Properties"]["HealthCheckIntervalSeconds"], 10);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn interval_secs(mut self, secs: u32) -> Self {
        self.interval = secs;
        self
    }

    /// Seconds before a check fails (2-120, less than the interval; rule L3), checked when the
    /// group is built.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{HealthCheck, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = |id| TargetGroup::<Ip>::builder(&stack, id, &vpc, 80, TargetProtocol::Http);
    /// tg("Web").health_check(HealthCheck::http("/").timeout_secs(3)).build()?;
    /// let slow = HealthCheck::http("/").interval_secs(10).timeout_secs(10);
    /// assert!(tg("Bad").health_check(slow).build().unwrap_err().to_string().contains("shorter than the interval"));
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Web"]["Properties"]["HealthCheckTimeoutSeconds"], 3);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn timeout_secs(mut self, secs: u32) -> Self {
        self.timeout = secs;
        self
    }

    /// Consecutive successes and failures that change a target's state (2-10 each, rule L3),
    /// checked when the group is built.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{HealthCheck, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = |id| TargetGroup::<Ip>::builder(&stack, id, &vpc, 80, TargetProtocol::Http);
    /// tg("Web").health_check(HealthCheck::http("/").thresholds(2, 3)).build()?;
    /// assert!(tg("Bad").health_check(HealthCheck::http("/").thresholds(1, 3)).build().is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!((&p["HealthyThresholdCount"], &p["UnhealthyThresholdCount"]), (&2.into(), &3.into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn thresholds(mut self, healthy: u32, unhealthy: u32) -> Self {
        self.healthy = healthy;
        self.unhealthy = unhealthy;
        self
    }

    /// Success codes of an HTTP(S) check: `200`, `200,202` or a range `200-299`, within
    /// 200-499 on HTTP(S) target groups and 200-599 on TCP and TLS groups (rule L3), checked
    /// when the group is built.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{HealthCheck, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = |id, protocol| TargetGroup::<Ip>::builder(&stack, id, &vpc, 80, protocol);
    /// tg("Web", TargetProtocol::Http).health_check(HealthCheck::http("/").matcher("200,302")).build()?;
    /// tg("Game", TargetProtocol::Tcp).health_check(HealthCheck::http("/").matcher("200-599")).build()?;
    /// let bad = tg("Bad", TargetProtocol::Http).health_check(HealthCheck::http("/").matcher("200-599")).build();
    /// assert!(bad.unwrap_err().to_string().contains("rule L3"));
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Web"]["Properties"]["Matcher"]["HttpCode"], "200,302");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn matcher(mut self, codes: impl Into<String>) -> Self {
        self.matcher = Some(codes.into());
        self
    }
}

/// A target group of target type `T` ([`Ip`] or [`Instance`]).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::Vpc;
/// use ecs_dsl::ecs::Ip;
/// use ecs_dsl::elb::{HealthCheck, TargetGroup, TargetProtocol};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
/// let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http)
///     .health_check(HealthCheck::http("/healthz"))
///     .deregistration_delay_secs(30)
///     .build()?;
/// let t = app.synthesize()?.stacks[0].template_json();
/// assert_eq!(t["Resources"]["Web"]["Properties"]["TargetType"], "ip");
/// # let _ = tg.arn();
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct TargetGroup<T> {
    handle: Handle<l1::TargetGroup>,
    protocol: TargetProtocol,
    _type: PhantomData<fn() -> T>,
}

/// Builds a [`TargetGroup`]; made by [`TargetGroup::builder`], finished by
/// [`build`](Self::build), which checks every setting.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::Vpc;
/// use ecs_dsl::ecs::Ip;
/// use ecs_dsl::elb::{TargetGroup, TargetGroupBuilder, TargetProtocol};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
/// let builder: TargetGroupBuilder<Ip> = TargetGroup::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http);
/// let tg = builder.deregistration_delay_secs(10).build()?;
/// assert_eq!(tg.handle().logical_id(), "Web");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug)]
pub struct TargetGroupBuilder<T> {
    stack: Stack,
    id: String,
    vpc: Value<String>,
    port: u16,
    protocol: TargetProtocol,
    name: Option<String>,
    health: Option<HealthCheck>,
    deregistration: Option<u32>,
    stickiness: Option<u32>,
    slow_start: Option<u32>,
    _type: PhantomData<fn() -> T>,
}

impl<T: TargetKind> TargetGroup<T> {
    /// A target group `id` in `stack` for targets listening on `port` with `protocol` in
    /// `vpc` (rule L7: all three are required).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http).build()?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!((&p["Port"], &p["Protocol"], &p["VpcId"]), (&8080.into(), &"HTTP".into(), &"vpc-1".into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn builder(
        stack: &Stack,
        id: &str,
        vpc: &Vpc,
        port: u16,
        protocol: TargetProtocol,
    ) -> TargetGroupBuilder<T> {
        TargetGroupBuilder {
            stack: stack.clone(),
            id: id.to_owned(),
            vpc: vpc.id(),
            port,
            protocol,
            name: None,
            health: None,
            deregistration: None,
            stickiness: None,
            slow_start: None,
            _type: PhantomData,
        }
    }

    /// The ARN.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http).build()?;
    /// stack.add_output("TargetGroup", Output::new(tg.arn()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["TargetGroup"]["Value"]["Ref"], "Web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.handle.reference()
    }

    /// The full name (`targetgroup/<name>/<id>`), for CloudWatch metrics and the
    /// ALBRequestCountPerTarget resource label (rule S17).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http).build()?;
    /// stack.add_output("Metrics", Output::new(tg.full_name()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["Metrics"]["Value"]["Fn::GetAtt"], serde_json::json!(["Web", "TargetGroupFullName"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn full_name(&self) -> Value<String> {
        self.handle.attr_target_group_full_name()
    }

    /// The L1 handle.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http).build()?;
    /// assert_eq!(tg.handle().logical_id(), "Web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> &Handle<l1::TargetGroup> {
        &self.handle
    }

    /// This group as the typed reference a service attaches to (rule S6); `&TargetGroup<T>`
    /// also converts into it with `From`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::{Ip, TargetGroupRef};
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http).build()?;
    /// let typed: TargetGroupRef<Ip> = tg.as_ref();
    /// assert_eq!(typed.arn(), &tg.arn());
    /// assert_eq!(TargetGroupRef::from(&tg).arn(), &tg.arn());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn as_ref(&self) -> TargetGroupRef<T> {
        TargetGroupRef::from_arn(self.arn())
    }

    /// The protocol, which decides the listeners that may forward to this group.
    pub(crate) fn protocol(&self) -> TargetProtocol {
        self.protocol
    }
}

impl<T: TargetKind> From<&TargetGroup<T>> for TargetGroupRef<T> {
    fn from(tg: &TargetGroup<T>) -> Self {
        tg.as_ref()
    }
}

impl<T: TargetKind> TargetGroupBuilder<T> {
    /// A physical name (rule L1: at most 32 of `[A-Za-z0-9-]`, not starting or ending with
    /// `-`), checked when the group is built; a
    /// [`target_group_name!`](crate::target_group_name) is checked at compile time. Without
    /// one CloudFormation generates a name, so the group can be replaced.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = |id| TargetGroup::<Ip>::builder(&stack, id, &vpc, 80, TargetProtocol::Http);
    /// tg("Web").name(ecs_dsl::target_group_name!("web")).build()?;
    /// tg("Api").name(String::from("api")).build()?;
    /// let bad = tg("Bad").name("bad_name").build().unwrap_err();
    /// assert!(bad.to_string().contains("rule L1"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The health check (rule L3), checked against the group's protocol when it is built.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http)
    ///     .health_check(ecs_dsl::target_health!(http "/ready", interval = 10, timeout = 5))
    ///     .build()?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Web"]["Properties"]["HealthCheckPath"], "/ready");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn health_check(mut self, check: HealthCheck) -> Self {
        self.health = Some(check);
        self
    }

    /// Seconds a deregistering target keeps its connections (0-3600, rule L4; default 300),
    /// checked when the group is built. For a literal,
    /// [`deregistration_delay`](Self::deregistration_delay) is checked at compile time.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = |id| TargetGroup::<Ip>::builder(&stack, id, &vpc, 80, TargetProtocol::Http);
    /// let from_config: u32 = "45".parse().unwrap();
    /// tg("Web").deregistration_delay_secs(from_config).build()?;
    /// assert!(tg("Bad").deregistration_delay_secs(7200).build().unwrap_err().to_string().contains("rule L4"));
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Web"]["Properties"]["TargetGroupAttributes"][0]["Value"], "45");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn deregistration_delay_secs(mut self, secs: u32) -> Self {
        self.deregistration = Some(secs);
        self
    }

    /// The deregistration delay of a [`deregistration_delay!`](crate::deregistration_delay),
    /// checked at compile time (rule L4).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http)
    ///     .deregistration_delay(ecs_dsl::deregistration_delay!(30))
    ///     .build()?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let a = &t["Resources"]["Web"]["Properties"]["TargetGroupAttributes"][0];
    /// assert_eq!((&a["Key"], &a["Value"]), (&"deregistration_delay.timeout_seconds".into(), &"30".into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn deregistration_delay(self, delay: DeregistrationDelay) -> Self {
        self.deregistration_delay_secs(delay.as_secs())
    }

    /// Load-balancer cookie stickiness for this many seconds (1-604800, rule L4), on an HTTP(S)
    /// group; checked when the group is built. For a literal, [`stickiness`](Self::stickiness)
    /// is checked at compile time.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = |id| TargetGroup::<Ip>::builder(&stack, id, &vpc, 80, TargetProtocol::Http);
    /// tg("Web").stickiness_secs(86_400).build()?;
    /// assert!(tg("Bad").stickiness_secs(0).build().is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let attributes = &t["Resources"]["Web"]["Properties"]["TargetGroupAttributes"];
    /// assert_eq!(attributes[1], serde_json::json!({"Key": "stickiness.type", "Value": "lb_cookie"}));
    /// assert_eq!(attributes[2]["Value"], "86400");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stickiness_secs(mut self, secs: u32) -> Self {
        self.stickiness = Some(secs);
        self
    }

    /// The stickiness of a [`stickiness!`](crate::stickiness), checked at compile time (rule
    /// L4); that the group is HTTP or HTTPS is checked when it is built.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = |id, protocol| TargetGroup::<Ip>::builder(&stack, id, &vpc, 80, protocol);
    /// tg("Web", TargetProtocol::Http).stickiness(ecs_dsl::stickiness!(3600)).build()?;
    /// let tcp = tg("Db", TargetProtocol::Tcp).stickiness(ecs_dsl::stickiness!(3600)).build();
    /// assert!(tcp.unwrap_err().to_string().contains("rule L4"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stickiness(self, stickiness: Stickiness) -> Self {
        self.stickiness_secs(stickiness.as_secs())
    }

    /// Ramps traffic to a new target over this many seconds (30-900, rule L4), on an HTTP(S)
    /// group; checked when the group is built. For a literal, [`slow_start`](Self::slow_start)
    /// is checked at compile time.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tg = |id, protocol| TargetGroup::<Ip>::builder(&stack, id, &vpc, 80, protocol);
    /// tg("Web", TargetProtocol::Http).slow_start_secs(120).build()?;
    /// assert!(tg("Short", TargetProtocol::Http).slow_start_secs(10).build().is_err());
    /// assert!(tg("Tcp", TargetProtocol::Tcp).slow_start_secs(120).build().is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Web"]["Properties"]["TargetGroupAttributes"][0]["Value"], "120");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn slow_start_secs(mut self, secs: u32) -> Self {
        self.slow_start = Some(secs);
        self
    }

    /// The slow start of a [`slow_start!`](crate::slow_start), checked at compile time (rule
    /// L4); that the group is HTTP or HTTPS is checked when it is built.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http)
    ///     .slow_start(ecs_dsl::slow_start!(60))
    ///     .build()?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let a = &t["Resources"]["Web"]["Properties"]["TargetGroupAttributes"][0];
    /// assert_eq!((&a["Key"], &a["Value"]), (&"slow_start.duration_seconds".into(), &"60".into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn slow_start(self, slow_start: SlowStart) -> Self {
        self.slow_start_secs(slow_start.as_secs())
    }

    /// Checks the settings (rules L1, L3, L4) and adds the group; the first broken rule is
    /// the error, and nothing is added then.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let bad = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http).name("-web").build();
    /// assert!(bad.unwrap_err().to_string().contains("rule L1"));
    /// // The id is still free: the failed build added nothing.
    /// TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http).name("web").build()?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Web"]["Properties"]["Name"], "web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<TargetGroup<T>> {
        let (stack, id) = (self.stack.name(), self.id.as_str());
        let rule = |field: &str, rule: &'static str, reason: String| {
            Error::rule(stack, id, field, rule, reason)
        };
        if let Some(name) = &self.name
            && !super::rules::valid_target_group_name(name)
        {
            return Err(rule(
                "Name",
                "L1",
                format!("`{name}`: at most 32 of [A-Za-z0-9-], not starting or ending with `-`"),
            ));
        }
        let http = self.protocol.is_http();
        let mut tg = l1::TargetGroup::new()
            .target_type(T::TYPE)
            .port(i64::from(self.port))
            .protocol(self.protocol.l1())
            .vpc_id(self.vpc.clone());
        if let Some(name) = &self.name {
            tg = tg.name(name.as_str());
        }
        if let Some(h) = &self.health {
            let range = |field: &str, v: u32, (lo, hi): (u32, u32)| {
                if within(v, (lo, hi)) {
                    Ok(())
                } else {
                    Err(rule(field, "L3", format!("{v}: must be {lo} to {hi}")))
                }
            };
            range("HealthCheckIntervalSeconds", h.interval, INTERVAL)?;
            range("HealthCheckTimeoutSeconds", h.timeout, TIMEOUT)?;
            range("HealthyThresholdCount", h.healthy, THRESHOLD)?;
            range("UnhealthyThresholdCount", h.unhealthy, THRESHOLD)?;
            if h.timeout >= h.interval {
                return Err(rule(
                    "HealthCheckTimeoutSeconds",
                    "L3",
                    format!(
                        "timeout {} s must be shorter than the interval {} s",
                        h.timeout, h.interval
                    ),
                ));
            }
            // Application Load Balancers check HTTP(S) groups over HTTP(S) only; Network Load
            // Balancers check TCP and TLS groups over TCP, HTTP or HTTPS. Their default is TCP,
            // so an HTTP(S) check of a TCP or TLS group names its protocol.
            let protocol = match (&h.path, self.protocol) {
                (None, TargetProtocol::Http | TargetProtocol::Https) => {
                    return Err(rule(
                        "HealthCheckProtocol",
                        "L3",
                        format!(
                            "a TCP health check needs a TCP or TLS target group, not {}",
                            self.protocol.as_str()
                        ),
                    ));
                }
                (Some(_), TargetProtocol::Http | TargetProtocol::Https) => None,
                (Some(_), TargetProtocol::Tcp) => Some(l1::TargetGroupHealthCheckProtocol::Http),
                (Some(_), TargetProtocol::Tls) => Some(l1::TargetGroupHealthCheckProtocol::Https),
                (None, TargetProtocol::Tcp | TargetProtocol::Tls) => {
                    Some(l1::TargetGroupHealthCheckProtocol::Tcp)
                }
            };
            if let Some(m) = &h.matcher {
                if h.path.is_none() {
                    return Err(rule(
                        "Matcher.HttpCode",
                        "L3",
                        format!("`{m}`: a TCP health check takes no success codes"),
                    ));
                }
                let highest = if http {
                    HIGHEST_CODE_HTTP
                } else {
                    HIGHEST_CODE_NLB
                };
                check_matcher(m, highest).map_err(|why| rule("Matcher.HttpCode", "L3", why))?;
            }
            tg = tg
                .health_check_interval_seconds(i64::from(h.interval))
                .health_check_timeout_seconds(i64::from(h.timeout))
                .healthy_threshold_count(i64::from(h.healthy))
                .unhealthy_threshold_count(i64::from(h.unhealthy));
            if let Some(protocol) = protocol {
                tg = tg.health_check_protocol(protocol);
            }
            if let Some(path) = &h.path {
                tg = tg.health_check_path(path.as_str());
            }
            if let Some(m) = &h.matcher {
                tg = tg.matcher(l1::Matcher::new().http_code(m.as_str()));
            }
        }
        let mut attributes = Vec::new();
        if let Some(d) = self.deregistration {
            if !within(d, DEREGISTRATION) {
                return Err(rule(
                    "deregistration_delay.timeout_seconds",
                    "L4",
                    format!("{d}: must be 0 to 3600"),
                ));
            }
            attributes.push(("deregistration_delay.timeout_seconds", d.to_string()));
        }
        if let Some(s) = self.stickiness {
            if !within(s, STICKINESS) || !http {
                return Err(rule(
                    "stickiness.lb_cookie.duration_seconds",
                    "L4",
                    format!("{s}: must be 1 to 604800, on an HTTP(S) target group"),
                ));
            }
            attributes.push(("stickiness.enabled", "true".to_owned()));
            attributes.push(("stickiness.type", "lb_cookie".to_owned()));
            attributes.push(("stickiness.lb_cookie.duration_seconds", s.to_string()));
        }
        if let Some(s) = self.slow_start {
            if !within(s, SLOW_START) || !http {
                return Err(rule(
                    "slow_start.duration_seconds",
                    "L4",
                    format!("{s}: must be 30 to 900, on an HTTP(S) target group"),
                ));
            }
            attributes.push(("slow_start.duration_seconds", s.to_string()));
        }
        if !attributes.is_empty() {
            tg = tg.target_group_attributes(
                attributes
                    .into_iter()
                    .map(|(k, v)| l1::TargetGroupAttribute::new().key(k).value(v))
                    .collect::<Vec<_>>(),
            );
        }
        let handle = self.stack.add(id, tg)?;
        Ok(TargetGroup {
            handle,
            protocol: self.protocol,
            _type: PhantomData,
        })
    }
}

/// `200`, `200,202`, `200-299`: codes within 200 to `highest` (499 for Application Load
/// Balancers, 599 for Network Load Balancers).
fn check_matcher(text: &str, highest: u16) -> std::result::Result<(), String> {
    let code = |c: &str| {
        c.parse::<u16>()
            .ok()
            .filter(|n| (200..=highest).contains(n))
            .ok_or_else(|| format!("`{text}`: codes are 200 to {highest}"))
    };
    for part in text.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                if code(a)? > code(b)? {
                    return Err(format!("`{text}`: a range goes from low to high"));
                }
            }
            None => {
                code(part)?;
            }
        }
    }
    Ok(())
}
