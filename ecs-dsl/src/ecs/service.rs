//! ECS services typed by launch type, network mode, scheduling, placement, network
//! configuration, load balancer and deployment controller (rules S1, S3, S5, S6, S8, S13).

use std::marker::PhantomData;

use super::capacity::{CapacityProviderStrategy, RunsLaunch};
use super::cluster::Cluster;
use super::ebs::EbsVolume;
use super::launch::{LaunchType, NetworkMode, PublishesPorts, Supports, feature};
use super::port::ContainerPort;
use super::service_connect::{ConnectSpec, ConnectsServices, ServiceConnect};
use super::service_render::TargetAttachment;
use super::service_render::{self, ServiceSpec};
use super::service_state::*;
use super::target::{AsTargetGroup, TargetsNetwork};
use super::task::TaskDefinition;
use crate::cfn::ecs::ClusterCapacityProviderAssociations;
use crate::cfn::ecs::Service as CfnService;
use crate::cloudmap::NamespaceRef;
use crate::error::{Error, Result};
use crate::template::{Handle, List, Stack, Value};

/// The cluster a service runs in: one of this app, or an existing one by name or ARN.
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
/// // a cluster of this app ...
/// let a = Service::replica(&stack, "Web", &cluster, &task).network(net.clone()).build()?;
/// // ... or an existing one by name or ARN
/// let b = Service::replica(&stack, "Legacy", ClusterRef::from_name("legacy-cluster"), &task).network(net).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Legacy"]["Properties"];
/// assert_eq!(props["Cluster"], "legacy-cluster");
/// # let _ = (a, b);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ClusterRef {
    pub(crate) name: Value<String>,
    pub(crate) associations: Option<Handle<ClusterCapacityProviderAssociations>>,
    /// For a cluster of this app: its default Service Connect namespace, if any. `None` for
    /// an existing cluster, whose default is unknown.
    pub(crate) default_namespace: Option<Option<NamespaceRef>>,
}

impl ClusterRef {
    /// An existing cluster by name or ARN.
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
    /// let name = stack.add_parameter("ClusterName", Parameter::string())?;
    /// Service::replica(&stack, "Web", ClusterRef::from_name(name.value()), &task).network(net).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Cluster"], serde_json::json!({"Ref": "ClusterName"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn from_name(name: impl Into<Value<String>>) -> Self {
        ClusterRef {
            name: name.into(),
            associations: None,
            default_namespace: None,
        }
    }
}

impl From<&Cluster> for ClusterRef {
    fn from(c: &Cluster) -> Self {
        ClusterRef {
            name: c.name(),
            associations: c.associations().cloned(),
            default_namespace: Some(c.default_namespace().cloned()),
        }
    }
}

/// The awsvpc network configuration of a service (rule S5): subnets, security groups, and
/// whether tasks get a public IP (off unless asked for).
///
/// ```
/// use ecs_dsl::ecs::AwsVpcNetwork;
/// let net = AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]).security_group("sg-0123");
/// # let _ = net;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AwsVpcNetwork {
    pub(crate) subnets: Value<List<String>>,
    pub(crate) security_groups: Option<Value<List<String>>>,
    pub(crate) extra_security_groups: Vec<Value<String>>,
    pub(crate) public_ip: bool,
}

impl AwsVpcNetwork {
    /// Tasks are placed in these subnets (1-16; rule S5).
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
    /// let net = AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]);
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// let vpc = &props["NetworkConfiguration"]["AwsvpcConfiguration"];
    /// assert_eq!(vpc["Subnets"], serde_json::json!(["subnet-0a", "subnet-0b"]));
    /// assert_eq!(vpc["AssignPublicIp"], "DISABLED");
    /// // 1 to 16 subnets (rule S5)
    /// let none = AwsVpcNetwork::new(Vec::<&str>::new());
    /// assert!(Service::replica(&stack, "Empty", &cluster, &task).network(none).build().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(subnets: impl Into<Value<List<String>>>) -> Self {
        AwsVpcNetwork {
            subnets: subnets.into(),
            security_groups: None,
            extra_security_groups: Vec::new(),
            public_ip: false,
        }
    }

    /// Tasks in the subnets of one kind of a [`Vpc`](crate::ec2::Vpc).
    ///
    /// ```
    /// use ecs_dsl::ec2::{Subnet, SubnetKind, Vpc};
    /// use ecs_dsl::ecs::AwsVpcNetwork;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16")
    ///     .private_subnets([Subnet::new("subnet-a", "eu-west-1a"), Subnet::new("subnet-b", "eu-west-1b")]);
    /// let net = AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private).security_group("sg-1");
    /// # let _ = net;
    /// ```
    pub fn in_vpc(vpc: &crate::ec2::Vpc, kind: crate::ec2::SubnetKind) -> Self {
        Self::new(vpc.subnet_ids(kind))
    }

    /// Adds a security group (at most 5; without any, the VPC's default group applies).
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
    /// let net = AwsVpcNetwork::new(vec!["subnet-0a"]).security_group("sg-web").security_group("sg-monitoring");
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// let groups = &props["NetworkConfiguration"]["AwsvpcConfiguration"]["SecurityGroups"];
    /// assert_eq!(groups, &serde_json::json!(["sg-web", "sg-monitoring"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn security_group(mut self, group: impl Into<Value<String>>) -> Self {
        self.extra_security_groups.push(group.into());
        self
    }

    /// Security groups as one list value (e.g. a `List<AWS::EC2::SecurityGroup::Id>`
    /// parameter).
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
    /// let groups = stack.add_parameter("SecurityGroups", Parameter::aws_list(AwsType::SecurityGroupId))?;
    /// let net = AwsVpcNetwork::new(vec!["subnet-0a"]).security_groups(groups.value());
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// let vpc = &props["NetworkConfiguration"]["AwsvpcConfiguration"];
    /// assert_eq!(vpc["SecurityGroups"], serde_json::json!({"Ref": "SecurityGroups"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn security_groups(mut self, groups: impl Into<Value<List<String>>>) -> Self {
        self.security_groups = Some(groups.into());
        self
    }

    /// Gives tasks a public IP (needed in public subnets without a NAT gateway).
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
    /// let net = AwsVpcNetwork::new(vec!["subnet-public-a"]).assign_public_ip();
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["NetworkConfiguration"]["AwsvpcConfiguration"]["AssignPublicIp"], "ENABLED");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn assign_public_ip(mut self) -> Self {
        self.public_ip = true;
        self
    }

    /// Rule S5 for the counts known at synthesis: 1-16 subnets, at most 5 security groups.
    /// `field` is the path of the configuration in the resource, for the error.
    pub(crate) fn check(&self, stack: &str, id: &str, field: &str) -> Result<()> {
        if let Some(n) = self.subnets.literal().map(Vec::len)
            && !(1..=16).contains(&n)
        {
            return Err(Error::rule(
                stack,
                id,
                format!("{field}.Subnets"),
                "S5",
                format!("{n} subnets; 1 to 16 allowed"),
            ));
        }
        let listed = self
            .security_groups
            .as_ref()
            .map_or(Some(0), |g| g.literal().map(Vec::len));
        if let Some(n) = listed.map(|g| g + self.extra_security_groups.len())
            && n > 5
        {
            return Err(Error::rule(
                stack,
                id,
                format!("{field}.SecurityGroups"),
                "S5",
                format!("{n} security groups; at most 5 allowed"),
            ));
        }
        Ok(())
    }

    /// Every security group as one list value: the list given with
    /// [`security_groups`](Self::security_groups) and the single groups, joined; `None` when
    /// there is none (the VPC's default group applies).
    pub(crate) fn security_group_list(&self) -> Option<Value<List<String>>> {
        use crate::template::intrinsic::{join, join_list, split};
        let extra = &self.extra_security_groups;
        match (&self.security_groups, extra.is_empty()) {
            (None, true) => None,
            (None, false) => Some(Value::Literal(extra.clone())),
            (Some(Value::Literal(list)), _) => {
                let mut all = list.clone();
                all.extend(extra.iter().cloned());
                Some(Value::Literal(all))
            }
            (Some(expr), true) => Some(expr.clone()),
            (Some(expr), false) => {
                // A list expression plus single groups: join them into one list.
                let mut parts = vec![join_list(",", expr.clone())];
                parts.extend(extra.iter().cloned());
                Some(split(",", join(",", parts)))
            }
        }
    }
}

/// How tasks are spread over instances (EC2 and External replica services).
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
/// Service::replica(&stack, "Web", &cluster, &task)
///     .placement_strategy(PlacementStrategy::Spread("attribute:ecs.availability-zone".into()))
///     .placement_strategy(PlacementStrategy::Binpack("memory".into()))
///     .build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["PlacementStrategies"][0]["Type"], "spread");
/// assert_eq!(props["PlacementStrategies"][1]["Field"], "memory");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlacementStrategy {
    /// Spread evenly over a field, e.g. `attribute:ecs.availability-zone` or `instanceId`.
    Spread(String),
    /// Pack by `cpu` or `memory`.
    Binpack(String),
    /// Random placement.
    Random,
}

/// A placement constraint (EC2 and External).
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
/// Service::replica(&stack, "Web", &cluster, &task)
///     .placement_constraint(PlacementConstraint::DistinctInstance)
///     .build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["PlacementConstraints"][0]["Type"], "distinctInstance");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlacementConstraint {
    /// Each task on a different instance.
    DistinctInstance,
    /// Instances matching a cluster query language expression.
    MemberOf(String),
}

/// Which tags tasks inherit.
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
/// Service::replica(&stack, "Web", &cluster, &task)
///     .network(net)
///     .propagate_tags(PropagateTags::TaskDefinition)
///     .build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["PropagateTags"], "TASK_DEFINITION");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropagateTags {
    /// The service's tags.
    Service,
    /// The task definition's tags.
    TaskDefinition,
}

/// A service being built. The type parameters are states: launch type `L`, network mode `N`,
/// scheduling `K` ([`Replica`]/[`Daemon`]), placement `P`, network configuration `C`, load
/// balancer `B` and deployment controller `D`. Each method exists only where it is valid; a
/// misuse names its rule (S1, S3, S5, S6, S8, S13).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
/// let task = task.container(web).build()?;
/// let service = Service::replica(&stack, "Web", &cluster, &task)
///     .desired_count(2)
///     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]).security_group("sg-0123"))
///     .enable_execute_command()
///     .build()?;
/// assert_eq!(service.task_definition().logical_id(), "Task");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
///
/// ```compile_fail
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::{Cluster, Service, TaskDefinition};
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
/// # let task = task.container(web).build()?;
/// // an awsvpc service needs a network configuration (rule S5)
/// let service = Service::replica(&stack, "Web", &cluster, &task).build()?;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub struct ServiceBuilder<
    L,
    N,
    K,
    P = LaunchTypeDefault,
    C = NoNetworkConfig,
    B = NoLoadBalancer,
    D = EcsController,
> {
    pub(crate) stack: Stack,
    pub(crate) id: String,
    pub(crate) task: TaskDefinition<L, N>,
    pub(crate) spec: ServiceSpec,
    #[allow(clippy::type_complexity)] // the typestate markers, nothing else
    _state: PhantomData<fn() -> (K, P, C, B, D)>,
}

impl<L, N, K, P, C, B, D> std::fmt::Debug for ServiceBuilder<L, N, K, P, C, B, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceBuilder")
            .field("stack", &self.stack.name())
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// A service added to a stack, typed by launch type, network mode and scheduling (`K`:
/// [`Replica`] or [`Daemon`]; only replica services scale, rule S1).
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
/// let service: Service<Fargate, AwsVpc> = Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
/// assert_eq!(service.handle().logical_id(), "Web");
/// assert!(matches!(Json::from(service.arn()), Json::Ref(t) if t.logical_id() == "Web"));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub struct Service<L, N, K = Replica> {
    pub(crate) handle: Handle<CfnService>,
    pub(crate) task: TaskDefinition<L, N>,
    /// The cluster's name or ARN, as the service's `Cluster` property holds it.
    pub(crate) cluster: Value<String>,
    _scheduling: PhantomData<fn() -> K>,
}

impl<L, N, K> Clone for Service<L, N, K> {
    fn clone(&self) -> Self {
        Service {
            handle: self.handle.clone(),
            task: self.task.clone(),
            cluster: self.cluster.clone(),
            _scheduling: PhantomData,
        }
    }
}

impl<L, N, K> std::fmt::Debug for Service<L, N, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Service({:?})", self.handle)
    }
}

impl<L: LaunchType, N: NetworkMode> Service<L, N> {
    /// A replica service: `desired_count` tasks (default 1) of `task` in `cluster`.
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["DesiredCount"], 1);
    /// assert_eq!(props["LaunchType"], "FARGATE");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn replica(
        stack: &Stack,
        id: &str,
        cluster: impl Into<ClusterRef>,
        task: &TaskDefinition<L, N>,
    ) -> ServiceBuilder<L, N, Replica> {
        ServiceBuilder::start(stack, id, cluster.into(), task, false)
    }

    /// A daemon service: one task on each container instance (EC2 and External only; rule S1).
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
    /// Service::daemon(&stack, "Agent", &cluster, &task).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Agent"]["Properties"];
    /// assert_eq!(props["SchedulingStrategy"], "DAEMON");
    /// assert!(props.get("DesiredCount").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    ///
    /// Fargate has no instances to run a daemon on (rule S1):
    ///
    /// ```compile_fail,E0277
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
    /// let agent = Service::daemon(&stack, "Agent", &cluster, &task);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn daemon(
        stack: &Stack,
        id: &str,
        cluster: impl Into<ClusterRef>,
        task: &TaskDefinition<L, N>,
    ) -> ServiceBuilder<L, N, Daemon>
    where
        L: RunsDaemons,
    {
        ServiceBuilder::start(stack, id, cluster.into(), task, true)
    }
}

impl<L: LaunchType, N: NetworkMode, K> Service<L, N, K> {
    /// The service's ARN (`Ref`).
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
    /// let service = Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
    /// assert!(matches!(Json::from(service.arn()), Json::Ref(t) if t.logical_id() == "Web"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.handle.reference()
    }

    /// The service's name.
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
    /// let service = Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
    /// assert!(matches!(Json::from(service.name()), Json::GetAtt(t, a) if t.logical_id() == "Web" && &*a == "Name"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(&self) -> Value<String> {
        self.handle.attr_name()
    }

    /// The L1 resource.
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
    /// let service = Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
    /// service.handle().add_override("Properties.AvailabilityZoneRebalancing", "ENABLED")?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["AvailabilityZoneRebalancing"], "ENABLED");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> &Handle<CfnService> {
        &self.handle
    }

    /// The task definition it runs.
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
    /// let service = Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
    /// assert_eq!(service.task_definition().logical_id(), "Task");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn task_definition(&self) -> &TaskDefinition<L, N> {
        &self.task
    }
}

impl<L: LaunchType, N: NetworkMode, K> ServiceBuilder<L, N, K> {
    fn start(
        stack: &Stack,
        id: &str,
        cluster: ClusterRef,
        task: &TaskDefinition<L, N>,
        daemon: bool,
    ) -> Self {
        ServiceBuilder {
            stack: stack.clone(),
            id: id.to_owned(),
            task: task.clone(),
            spec: ServiceSpec::new(cluster, daemon),
            _state: PhantomData,
        }
    }
}

impl<L, N, K, P, C, B, D> ServiceBuilder<L, N, K, P, C, B, D>
where
    L: LaunchType,
    N: NetworkMode,
{
    fn to<P2, C2, B2, D2>(self) -> ServiceBuilder<L, N, K, P2, C2, B2, D2> {
        ServiceBuilder {
            stack: self.stack,
            id: self.id,
            task: self.task,
            spec: self.spec,
            _state: PhantomData,
        }
    }

    /// The service name (rule S15). Without one CloudFormation generates a unique name, which
    /// keeps the service replaceable.
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).service_name("web").build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["ServiceName"], "web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn service_name(mut self, name: impl Into<String>) -> Self {
        self.spec.name = Some(name.into());
        self
    }

    /// How many tasks run (replica services only; rule S1).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).desired_count(3).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["DesiredCount"], 3);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn desired_count(mut self, count: u32) -> Self
    where
        K: Replicated,
    {
        self.spec.desired_count = Some(count);
        self
    }

    /// The lower bound of running tasks during a deployment, in percent of the desired count
    /// (default 100 here, so that a deployment never reduces capacity; ECS's own default is
    /// 50 % for replica services).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net.clone()).build()?;
    /// Service::replica(&stack, "Fast", &cluster, &task).network(net).min_healthy_percent(50).build()?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let deployment = |id: &str| t["Resources"][id]["Properties"]["DeploymentConfiguration"].clone();
    /// assert_eq!(deployment("Web")["MinimumHealthyPercent"], 100);
    /// assert_eq!(deployment("Fast")["MinimumHealthyPercent"], 50);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn min_healthy_percent(mut self, percent: u32) -> Self {
        self.spec.min_healthy = Some(percent);
        self
    }

    /// The upper bound of tasks during a deployment, in percent of the desired count (replica
    /// services; default 200).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).max_percent(150).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["DeploymentConfiguration"]["MaximumPercent"], 150);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn max_percent(mut self, percent: u32) -> Self
    where
        K: Replicated,
    {
        self.spec.max_percent = Some(percent);
        self
    }

    /// The deployment circuit breaker: on with rollback by default. `rollback: false` keeps a
    /// failed deployment's state for inspection (rule S13).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).circuit_breaker(false).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// let breaker = &props["DeploymentConfiguration"]["DeploymentCircuitBreaker"];
    /// assert_eq!((breaker["Enable"].as_bool(), breaker["Rollback"].as_bool()), (Some(true), Some(false)));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn circuit_breaker(mut self, rollback: bool) -> Self
    where
        D: EcsDeployments,
    {
        self.spec.circuit_breaker = Some(rollback);
        self
    }

    /// Turns the deployment circuit breaker off (not recommended: a failing deployment then
    /// holds the stack for hours).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).without_circuit_breaker().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert!(props["DeploymentConfiguration"].get("DeploymentCircuitBreaker").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn without_circuit_breaker(mut self) -> Self {
        self.spec.circuit_breaker = None;
        self
    }

    /// CloudWatch alarms that fail a deployment; with `rollback` the service rolls back
    /// (rule S13).
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
    /// Service::replica(&stack, "Web", &cluster, &task)
    ///     .network(net)
    ///     .deployment_alarms(["web-5xx", "web-latency"], true)
    ///     .build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// let alarms = &props["DeploymentConfiguration"]["Alarms"];
    /// assert_eq!(alarms["AlarmNames"], serde_json::json!(["web-5xx", "web-latency"]));
    /// assert_eq!(alarms["Rollback"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn deployment_alarms<I, T>(mut self, alarm_names: I, rollback: bool) -> Self
    where
        D: EcsDeployments,
        I: IntoIterator<Item = T>,
        T: Into<Value<String>>,
    {
        self.spec.alarms = Some((alarm_names.into_iter().map(Into::into).collect(), rollback));
        self
    }

    /// Blue/green deployments through CodeDeploy (replica services only; turns the circuit
    /// breaker off; rules S1, S13).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).code_deploy_controller().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["DeploymentController"]["Type"], "CODE_DEPLOY");
    /// assert!(props["DeploymentConfiguration"].get("DeploymentCircuitBreaker").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn code_deploy_controller(
        mut self,
    ) -> ServiceBuilder<L, N, K, P, C, B, CodeDeployController>
    where
        K: Replicated,
        D: EcsDeployments,
    {
        self.spec.controller = service_render::Controller::CodeDeploy;
        self.spec.circuit_breaker = None;
        self.to()
    }

    /// Deployments by an external controller through task sets (replica services only; turns
    /// the circuit breaker off; rules S1, S13).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).external_controller().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["DeploymentController"]["Type"], "EXTERNAL");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn external_controller(mut self) -> ServiceBuilder<L, N, K, P, C, B, ExternalController>
    where
        K: Replicated,
        D: EcsDeployments,
    {
        self.spec.controller = service_render::Controller::External;
        self.spec.circuit_breaker = None;
        self.to()
    }

    /// Names the launch type explicitly (the task's; rule S3).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).launch_type().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["LaunchType"], "FARGATE");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn launch_type(self) -> ServiceBuilder<L, N, K, ByLaunchType, C, B, D>
    where
        P: Unplaced,
    {
        self.to()
    }

    /// Places tasks through capacity providers of the task's kind instead of a launch type
    /// (rule S3). The strategy's numbers are checked when the service is built.
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
    /// let spot = CapacityProviderStrategy::new()
    ///     .with(CapacityProvider::fargate().weight(1).base(1))
    ///     .with(CapacityProvider::fargate_spot().weight(3));
    /// # let cluster = Cluster::builder(&stack, "Spot").fargate_capacity_providers().build()?;
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).capacity_provider_strategy(spot).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert!(props.get("LaunchType").is_none());
    /// assert_eq!(props["CapacityProviderStrategy"][1]["CapacityProvider"], "FARGATE_SPOT");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    ///
    /// A launch type and a strategy exclude each other (rule S3):
    ///
    /// ```compile_fail,E0277
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
    /// let spot = CapacityProviderStrategy::new().with(CapacityProvider::fargate_spot().weight(1));
    /// let web = Service::replica(&stack, "Web", &cluster, &task).launch_type().capacity_provider_strategy(spot);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn capacity_provider_strategy<Q>(
        mut self,
        strategy: CapacityProviderStrategy<Q>,
    ) -> ServiceBuilder<L, N, K, ByStrategy, C, B, D>
    where
        P: Unplaced,
        Q: RunsLaunch<L>,
    {
        self.spec.strategy = Some(strategy.erase());
        self.to()
    }

    /// Uses the cluster's default capacity provider strategy (no launch type, no strategy).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).cluster_default_strategy().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert!(props.get("LaunchType").is_none() && props.get("CapacityProviderStrategy").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn cluster_default_strategy(mut self) -> ServiceBuilder<L, N, K, ByClusterDefault, C, B, D>
    where
        P: Unplaced,
    {
        self.spec.cluster_default_strategy = true;
        self.to()
    }

    /// The awsvpc network configuration (required exactly for awsvpc tasks; rule S5).
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
    /// let net = AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]).security_group("sg-web");
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["NetworkConfiguration"]["AwsvpcConfiguration"]["SecurityGroups"][0], "sg-web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn network(
        mut self,
        network: AwsVpcNetwork,
    ) -> ServiceBuilder<L, N, K, P, WithNetworkConfig, B, D>
    where
        N: TakesNetworkConfig,
    {
        self.spec.network = Some(network);
        self.to()
    }

    /// A placement strategy (EC2 and External replica services).
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
    /// Service::replica(&stack, "Web", &cluster, &task)
    ///     .placement_strategy(PlacementStrategy::Spread("instanceId".into()))
    ///     .build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["PlacementStrategies"][0]["Field"], "instanceId");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn placement_strategy(mut self, strategy: PlacementStrategy) -> Self
    where
        L: Supports<feature::PlacementConstraints>,
        K: Replicated,
    {
        self.spec.placement_strategies.push(strategy);
        self
    }

    /// A placement constraint (EC2 and External).
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
    /// Service::replica(&stack, "Web", &cluster, &task)
    ///     .placement_constraint(PlacementConstraint::MemberOf("attribute:ecs.instance-type =~ t3.*".into()))
    ///     .build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["PlacementConstraints"][0]["Type"], "memberOf");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn placement_constraint(mut self, constraint: PlacementConstraint) -> Self
    where
        L: Supports<feature::PlacementConstraints>,
    {
        self.spec.placement_constraints.push(constraint);
        self
    }

    /// The Fargate platform version (e.g. `1.4.0`; default `LATEST`).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).platform_version("1.4.0").build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["PlatformVersion"], "1.4.0");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn platform_version(mut self, version: impl Into<String>) -> Self {
        self.spec.platform_version = Some(version.into());
        self
    }

    /// Propagates tags to tasks.
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).propagate_tags(PropagateTags::Service).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["PropagateTags"], "SERVICE");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn propagate_tags(mut self, from: PropagateTags) -> Self {
        self.spec.propagate_tags = Some(from);
        self
    }

    /// Tags tasks with the cluster and service names (`enableECSManagedTags`).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).ecs_managed_tags().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["EnableECSManagedTags"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ecs_managed_tags(mut self) -> Self {
        self.spec.managed_tags = true;
        self
    }

    /// A tag on the service.
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).tag("team", "storefront").build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Tags"][0], serde_json::json!({"Key": "team", "Value": "storefront"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.spec.tags.push((key.into(), value.into()));
        self
    }

    /// Allows `aws ecs execute-command` into the tasks; adds exactly the four
    /// `ssmmessages` permissions to the task role (creating it if needed).
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
    /// Service::replica(&stack, "Web", &cluster, &task).network(net).enable_execute_command().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["EnableExecuteCommand"], true);
    /// // the task role was created for the ssmmessages permissions
    /// assert_eq!(t["Resources"]["TaskTaskRole"]["Type"], "AWS::IAM::Role");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn enable_execute_command(mut self) -> Self {
        self.spec.execute_command = true;
        self
    }

    /// Registers a container port with a target group whose target type fits the network mode
    /// (rule S6). The port is a typed handle from [`Container::expose`](super::Container::expose),
    /// so the container and port exist (rule S7); a handle from another task definition is
    /// reported when the service is built, as is a sixth target group (rule S7).
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
    /// assert_eq!(props["LoadBalancers"][0]["ContainerPort"], 80);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    ///
    /// An `instance` target group cannot take awsvpc tasks (rule S6):
    ///
    /// ```compile_fail,E0277
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
    /// let tg = TargetGroupRef::<Instance>::from_arn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef");
    /// let web = Service::replica(&stack, "Web", &cluster, &task).network(net).attach(&tg, &http);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn attach<T, Q>(
        mut self,
        target_group: &impl AsTargetGroup<T>,
        port: &ContainerPort<N, Q>,
    ) -> ServiceBuilder<L, N, K, P, C, WithLoadBalancer, D>
    where
        T: TargetsNetwork<N>,
        N: PublishesPorts,
    {
        self.spec.target_groups.push(TargetAttachment {
            arn: target_group.target_group_arn(),
            container: port.container_name().to_owned(),
            port: port.container_port(),
            problem: self.task.port_problem(port),
        });
        self.to()
    }

    /// Joins Service Connect as a client, or as a client-server offering named ports of the
    /// task (rule S11; awsvpc and bridge tasks only). See [`ServiceConnect`].
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
    /// let ns = ecs_dsl::cloudmap::Namespace::http(&stack, "Apps", "apps")?;
    /// Service::replica(&stack, "Web", &cluster, &task)
    ///     .network(net)
    ///     .service_connect(ServiceConnect::client().namespace(&ns))
    ///     .build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["ServiceConnectConfiguration"]["Enabled"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn service_connect(mut self, config: ServiceConnect<N>) -> Self
    where
        N: ConnectsServices,
    {
        self.spec.service_connect = Some(ConnectSpec {
            namespace: config.namespace,
            ports: config.ports,
        });
        self
    }

    /// Configures the task definition's [`Volume::ebs_at_launch`](super::Volume::ebs_at_launch)
    /// volume: a new EBS volume for each task (replica services only, rule S2).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let data = Volume::ebs_at_launch("data");
    /// let db = task.new_container("db", ecs_dsl::image!("postgres:16")).mount(&data, "/var/lib/postgresql/data");
    /// let task = task.container(db).volume(&data).build()?;
    /// Service::replica(&stack, "Db", &cluster, &task)
    ///     .network(AwsVpcNetwork::new(vec!["subnet-0a"]))
    ///     .ebs_volume(EbsVolume::for_volume(&data).size_gib(50))
    ///     .build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Db"]["Properties"];
    /// assert_eq!(props["VolumeConfigurations"][0]["Name"], "data");
    /// assert_eq!(props["VolumeConfigurations"][0]["ManagedEBSVolume"]["SizeInGiB"], 50);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ebs_volume(mut self, volume: EbsVolume) -> Self
    where
        K: TakesEbsVolumes,
    {
        self.spec.ebs_volumes.push(volume);
        self
    }

    /// Seconds during which failed load balancer health checks are ignored after a task starts
    /// (only with a load balancer; rule S8).
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
    /// # let tg = TargetGroupRef::<Ip>::from_arn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef");
    /// Service::replica(&stack, "Web", &cluster, &task)
    ///     .network(net)
    ///     .attach(&tg, &http)
    ///     .health_check_grace_period_secs(60)
    ///     .build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["HealthCheckGracePeriodSeconds"], 60);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn health_check_grace_period_secs(mut self, secs: u32) -> Self
    where
        B: HasLoadBalancer,
    {
        self.spec.grace_period = Some(secs);
        self
    }

    /// Checks the values and adds the service.
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
    /// let service = Service::replica(&stack, "Web", &cluster, &task).network(net.clone()).build()?;
    /// assert_eq!(service.handle().logical_id(), "Web");
    /// // a service name is checked when built (rule S15)
    /// let err = Service::replica(&stack, "Bad", &cluster, &task).network(net).service_name("web api").build().unwrap_err();
    /// assert!(err.to_string().contains("S15"), "{err}");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<Service<L, N, K>>
    where
        C: NetworkReady<N>,
    {
        let cluster = self.spec.cluster.name.clone();
        let handle = service_render::build(&self.stack, &self.id, &self.task, self.spec)?;
        Ok(Service {
            handle,
            task: self.task,
            cluster,
            _scheduling: PhantomData,
        })
    }
}
