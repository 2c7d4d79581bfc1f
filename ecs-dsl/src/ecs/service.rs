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
    pub fn security_group(mut self, group: impl Into<Value<String>>) -> Self {
        self.extra_security_groups.push(group.into());
        self
    }

    /// Security groups as one list value (e.g. a `List<AWS::EC2::SecurityGroup::Id>`
    /// parameter).
    pub fn security_groups(mut self, groups: impl Into<Value<List<String>>>) -> Self {
        self.security_groups = Some(groups.into());
        self
    }

    /// Gives tasks a public IP (needed in public subnets without a NAT gateway).
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlacementConstraint {
    /// Each task on a different instance.
    DistinctInstance,
    /// Instances matching a cluster query language expression.
    MemberOf(String),
}

/// Which tags tasks inherit.
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
/// # let _ = service;
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
    pub fn replica(
        stack: &Stack,
        id: &str,
        cluster: impl Into<ClusterRef>,
        task: &TaskDefinition<L, N>,
    ) -> ServiceBuilder<L, N, Replica> {
        ServiceBuilder::start(stack, id, cluster.into(), task, false)
    }

    /// A daemon service: one task on each container instance (EC2 and External only; rule S1).
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
    pub fn arn(&self) -> Value<String> {
        self.handle.reference()
    }

    /// The service's name.
    pub fn name(&self) -> Value<String> {
        self.handle.attr_name()
    }

    /// The L1 resource.
    pub fn handle(&self) -> &Handle<CfnService> {
        &self.handle
    }

    /// The task definition it runs.
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
    pub fn service_name(mut self, name: impl Into<String>) -> Self {
        self.spec.name = Some(name.into());
        self
    }

    /// How many tasks run (replica services only; rule S1).
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
    pub fn min_healthy_percent(mut self, percent: u32) -> Self {
        self.spec.min_healthy = Some(percent);
        self
    }

    /// The upper bound of tasks during a deployment, in percent of the desired count (replica
    /// services; default 200).
    pub fn max_percent(mut self, percent: u32) -> Self
    where
        K: Replicated,
    {
        self.spec.max_percent = Some(percent);
        self
    }

    /// The deployment circuit breaker: on with rollback by default. `rollback: false` keeps a
    /// failed deployment's state for inspection (rule S13).
    pub fn circuit_breaker(mut self, rollback: bool) -> Self
    where
        D: EcsDeployments,
    {
        self.spec.circuit_breaker = Some(rollback);
        self
    }

    /// Turns the deployment circuit breaker off (not recommended: a failing deployment then
    /// holds the stack for hours).
    pub fn without_circuit_breaker(mut self) -> Self {
        self.spec.circuit_breaker = None;
        self
    }

    /// CloudWatch alarms that fail a deployment; with `rollback` the service rolls back
    /// (rule S13).
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
    pub fn launch_type(self) -> ServiceBuilder<L, N, K, ByLaunchType, C, B, D>
    where
        P: Unplaced,
    {
        self.to()
    }

    /// Places tasks through capacity providers of the task's kind instead of a launch type
    /// (rule S3). The strategy's numbers are checked when the service is built.
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
    pub fn cluster_default_strategy(mut self) -> ServiceBuilder<L, N, K, ByClusterDefault, C, B, D>
    where
        P: Unplaced,
    {
        self.spec.cluster_default_strategy = true;
        self.to()
    }

    /// The awsvpc network configuration (required exactly for awsvpc tasks; rule S5).
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
    pub fn placement_strategy(mut self, strategy: PlacementStrategy) -> Self
    where
        L: Supports<feature::PlacementConstraints>,
        K: Replicated,
    {
        self.spec.placement_strategies.push(strategy);
        self
    }

    /// A placement constraint (EC2 and External).
    pub fn placement_constraint(mut self, constraint: PlacementConstraint) -> Self
    where
        L: Supports<feature::PlacementConstraints>,
    {
        self.spec.placement_constraints.push(constraint);
        self
    }

    /// The Fargate platform version (e.g. `1.4.0`; default `LATEST`).
    pub fn platform_version(mut self, version: impl Into<String>) -> Self {
        self.spec.platform_version = Some(version.into());
        self
    }

    /// Propagates tags to tasks.
    pub fn propagate_tags(mut self, from: PropagateTags) -> Self {
        self.spec.propagate_tags = Some(from);
        self
    }

    /// Tags tasks with the cluster and service names (`enableECSManagedTags`).
    pub fn ecs_managed_tags(mut self) -> Self {
        self.spec.managed_tags = true;
        self
    }

    /// A tag on the service.
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.spec.tags.push((key.into(), value.into()));
        self
    }

    /// Allows `aws ecs execute-command` into the tasks; adds exactly the four
    /// `ssmmessages` permissions to the task role (creating it if needed).
    pub fn enable_execute_command(mut self) -> Self {
        self.spec.execute_command = true;
        self
    }

    /// Registers a container port with a target group whose target type fits the network mode
    /// (rule S6). The port is a typed handle from [`Container::expose`](super::Container::expose),
    /// so the container and port exist (rule S7); a handle from another task definition is
    /// reported when the service is built, as is a sixth target group (rule S7).
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
    pub fn ebs_volume(mut self, volume: EbsVolume) -> Self
    where
        K: TakesEbsVolumes,
    {
        self.spec.ebs_volumes.push(volume);
        self
    }

    /// Seconds during which failed load balancer health checks are ignored after a task starts
    /// (only with a load balancer; rule S8).
    pub fn health_check_grace_period_secs(mut self, secs: u32) -> Self
    where
        B: HasLoadBalancer,
    {
        self.spec.grace_period = Some(secs);
        self
    }

    /// Checks the values and adds the service.
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
