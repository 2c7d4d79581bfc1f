//! Target types that follow the network mode (rule S6). A service attaches to an
//! [`elb::TargetGroup`](crate::elb::TargetGroup) of this app or, by ARN with its target type, to
//! a [`TargetGroupRef`].

use std::marker::PhantomData;

use super::launch::{AwsVpc, Bridge, Host, Nat};
use crate::template::Value;

/// Target type `ip`: tasks register by their own IP address (network mode `awsvpc`).
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// # let mut web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
/// # let http = web.expose(PortMapping::tcp(80));
/// # let task = task.container(web).build()?;
/// # let net = AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]);
/// let tg = TargetGroupRef::<Ip>::from_arn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef");
/// Service::replica(&stack, "Web", &cluster, &task).network(net).attach(&tg, &http).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["LoadBalancers"][0]["ContainerName"], "web");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ip {}
/// Target type `instance`: tasks register as instance + host port (`bridge`, `host`).
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// # let task = TaskDefinition::ec2(&stack, "Task", Bridge);
/// # let mut web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256);
/// # let http = web.expose(PortMapping::tcp(80));
/// # let task = task.container(web).build()?;
/// let tg = TargetGroupRef::<Instance>::from_arn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef");
/// Service::replica(&stack, "Web", &cluster, &task).attach(&tg, &http).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["LoadBalancers"][0]["ContainerPort"], 80);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Instance {}

/// Which network modes a target type can take tasks from (rule S6).
#[diagnostic::on_unimplemented(
    message = "a target group of target type `{Self}` cannot register tasks with network mode `{N}` (rule S6)",
    label = "wrong target type for `{N}`",
    note = "awsvpc tasks register by IP: use target type `Ip`; bridge and host tasks register as instances: use `Instance`"
)]
/// ```
/// use ecs_dsl::ecs::{AwsVpc, Bridge, Host, Instance, Ip, TargetsNetwork};
/// fn registers<T: TargetsNetwork<N>, N>() {}
/// registers::<Ip, AwsVpc>();
/// registers::<Instance, Bridge>();
/// registers::<Instance, Host>();
/// ```
pub trait TargetsNetwork<N> {}
impl TargetsNetwork<AwsVpc> for Ip {}
impl TargetsNetwork<Bridge> for Instance {}
impl TargetsNetwork<Host> for Instance {}
impl TargetsNetwork<Nat> for Instance {}

/// A target group of target type `T`, by ARN.
///
/// ```
/// use ecs_dsl::ecs::{Ip, TargetGroupRef};
/// let tg = TargetGroupRef::<Ip>::from_arn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef");
/// assert!(tg.arn().literal().is_some_and(|a| a.ends_with("/web/0123456789abcdef")));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TargetGroupRef<T> {
    pub(crate) arn: Value<String>,
    _type: PhantomData<fn() -> T>,
}

impl<T> TargetGroupRef<T> {
    /// A target group by ARN; the caller states its target type.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let mut web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// # let http = web.expose(PortMapping::tcp(80));
    /// # let task = task.container(web).build()?;
    /// # let net = AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]);
    /// let arn = stack.add_parameter("TargetGroupArn", Parameter::string())?;
    /// let tg = TargetGroupRef::<Ip>::from_arn(arn.value());
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).attach(&tg, &http).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["LoadBalancers"][0]["TargetGroupArn"], serde_json::json!({"Ref": "TargetGroupArn"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn from_arn(arn: impl Into<Value<String>>) -> Self {
        TargetGroupRef {
            arn: arn.into(),
            _type: PhantomData,
        }
    }

    /// The target group's ARN.
    ///
    /// ```
    /// use ecs_dsl::ecs::{Ip, TargetGroupRef};
    /// let arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef";
    /// assert_eq!(TargetGroupRef::<Ip>::from_arn(arn).arn().literal().map(String::as_str), Some(arn));
    /// ```
    pub fn arn(&self) -> &Value<String> {
        &self.arn
    }
}

/// A target group of target type `T` that a service can [`attach`](super::ServiceBuilder::attach)
/// to: an [`elb::TargetGroup`](crate::elb::TargetGroup) of this app or a [`TargetGroupRef`].
///
/// ```
/// use ecs_dsl::ecs::{AsTargetGroup, Ip, TargetGroupRef};
/// let arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef";
/// let tg = TargetGroupRef::<Ip>::from_arn(arn);
/// assert_eq!(tg.target_group_arn().literal().map(String::as_str), Some(arn));
/// ```
pub trait AsTargetGroup<T> {
    /// The target group's ARN.
    ///
    /// ```
    /// use ecs_dsl::ecs::{AsTargetGroup, Instance, TargetGroupRef};
    /// let tg = TargetGroupRef::<Instance>::from_arn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef");
    /// assert!(tg.target_group_arn().literal().is_some_and(|a| a.ends_with("/api/0123456789abcdef")));
    /// ```
    fn target_group_arn(&self) -> Value<String>;
}

impl<T> AsTargetGroup<T> for TargetGroupRef<T> {
    fn target_group_arn(&self) -> Value<String> {
        self.arn.clone()
    }
}

impl<T: crate::elb::TargetKind> AsTargetGroup<T> for crate::elb::TargetGroup<T> {
    fn target_group_arn(&self) -> Value<String> {
        self.arn()
    }
}
