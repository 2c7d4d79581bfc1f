//! [`NetworkLoadBalancedFargateService`]: a Fargate service behind a Network Load Balancer.

use crate::ec2::Vpc;
use crate::ecs::service_state::WithLoadBalancer;
use crate::ecs::{AwsVpc, ClusterRef, ContainerPort, Fargate, Image, Ip, SizeFor};
use crate::elb::{
    HealthCheck, NetworkListener, NetworkLoadBalancer, NlbProps, TargetGroup, TargetProtocol,
};
use crate::error::Result;
use crate::template::{Output, Stack, Value, intrinsic};

// The methods the patterns share are written once, by `builder_methods!` and
// `accessor_methods!` of `common`, each under the doc comment this file gives it.
use super::common::{
    ServiceParts, ServiceSettings, Site, TargetSettings, TaskParts, accessor_methods,
    builder_methods,
};

/// A Fargate service behind a Network Load Balancer, made by
/// [`NetworkLoadBalancedFargateService::builder`].
///
/// With id `Db` it adds: the load balancer `DbNlb` (internet-facing unless
/// [`load_balancer`](NetworkLoadBalancedFargateServiceBuilder::load_balancer) says otherwise)
/// with its security group `DbNlbSg`; the target group `DbTargets` (IP targets, TCP, TCP
/// health check); the listener `DbTcp` on the container port, or with
/// [`tls`](NetworkLoadBalancedFargateServiceBuilder::tls) the listener `DbTls` on 443 that
/// ends TLS; the task definition `DbTask` with its log group `DbTaskLogs` (one month) and
/// execution role; the tasks' security group `DbTasksSg`, open to the load balancer on the
/// container port only; the service `DbService` (two tasks in the private subnets without a
/// public IP, circuit breaker with rollback, minimum healthy 100 %, 60 s health check grace
/// period); with [`auto_scale`](NetworkLoadBalancedFargateServiceBuilder::auto_scale) the
/// scalable target `DbServiceScalableTarget` and the policy `DbCpuScaling`; and the output
/// `DbEndpoint` (`<DNS name>:<port>`).
///
/// An internal load balancer accepts no client until you allow one through
/// [`load_balancer()`](Self::load_balancer)`.security_group()`.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::assertions::Template;
/// use ecs_dsl::ec2::{Port, SecurityGroup, Vpc, VpcProps};
/// use ecs_dsl::ecs::Cluster;
/// use ecs_dsl::elb::NlbProps;
/// use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
/// use serde_json::json;
/// let mut app = App::new();
/// let stack = app.stack("cache")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
/// let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// let redis = NetworkLoadBalancedFargateService::builder(
///     &stack,
///     "Redis",
///     &vpc,
///     &cluster,
///     ecs_dsl::image!("public.ecr.aws/docker/library/redis:7.4"),
///     ecs_dsl::fargate!(cpu = 512, memory = 1024),
/// )
/// .container_port(6379)
/// .load_balancer(NlbProps::internal().cross_zone())
/// .desired_count(1)
/// .build()?;
/// let clients = SecurityGroup::new(&stack, "ClientsSg", &vpc, "Redis clients")?;
/// redis.load_balancer().security_group().allow_from(&clients, Port::tcp(6379), "Redis clients")?;
/// let t = Template::from_app(&app, "cache")?;
/// t.has_resource_properties("AWS::ElasticLoadBalancingV2::Listener", json!({"Port": 6379, "Protocol": "TCP"}));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct NetworkLoadBalancedFargateService {
    service_parts: ServiceParts,
    load_balancer: NetworkLoadBalancer,
    listener: NetworkListener,
    target_group: TargetGroup<Ip>,
    port: ContainerPort<AwsVpc>,
    endpoint: Value<String>,
}

/// Builds a [`NetworkLoadBalancedFargateService`]; see its defaults there. `S` is the task
/// size (a [`fargate!`](crate::fargate) size); `'a` borrows the VPC and the closures.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// use ecs_dsl::ecs::{Cluster, Fargate, SizeFor};
/// use ecs_dsl::elb::NlbProps;
/// use ecs_dsl::patterns::{NetworkLoadBalancedFargateService, NetworkLoadBalancedFargateServiceBuilder};
/// // Internal TCP services of the team listen on 7000 behind a private load balancer.
/// fn internal<S: SizeFor<Fargate>>(b: NetworkLoadBalancedFargateServiceBuilder<'_, S>) -> NetworkLoadBalancedFargateServiceBuilder<'_, S> {
///     b.container_port(7000).load_balancer(NlbProps::internal())
/// }
/// let mut app = App::new();
/// let stack = app.stack("tcp")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
/// let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// let echo = internal(NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
///     ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512)))
///     .build()?;
/// assert_eq!(echo.container_port().container_port(), 7000);
/// let t = app.synthesize()?.stacks[0].template_json();
/// assert_eq!(t["Resources"]["EchoNlb"]["Properties"]["Scheme"], "internal");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub struct NetworkLoadBalancedFargateServiceBuilder<'a, S> {
    site: Site<'a>,
    parts: TaskParts<'a, S>,
    service: ServiceSettings<'a, WithLoadBalancer>,
    targets: TargetSettings<'a>,
    listener_port: Option<u16>,
    certificate: Option<Value<String>>,
    props: NlbProps,
}

impl<S> std::fmt::Debug for NetworkLoadBalancedFargateServiceBuilder<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.site
            .debug_struct(f, "NetworkLoadBalancedFargateServiceBuilder")
            .field("parts", &self.parts)
            .field("service", &self.service)
            .field("targets", &self.targets)
            .field("listener_port", &self.listener_port)
            .field("tls", &self.certificate.is_some())
            .finish_non_exhaustive()
    }
}

impl NetworkLoadBalancedFargateService {
    /// Starts the pattern `id` in `stack`: tasks of `size` running `image` in `cluster`, in
    /// the private subnets of `vpc`, behind a Network Load Balancer in its public subnets.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
    /// # let mut app = App::new();
    /// # let stack = app.stack("tcp")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let echo = NetworkLoadBalancedFargateService::builder(
    ///     &stack,
    ///     "Echo",
    ///     &vpc,
    ///     &cluster,
    ///     ecs_dsl::image!("example/echo:1"),
    ///     ecs_dsl::fargate!(cpu = 256, memory = 512),
    /// )
    /// .container_port(7000)
    /// .build()?;
    /// assert_eq!(echo.service().handle().logical_id(), "EchoService");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn builder<'a, S: SizeFor<Fargate>>(
        stack: &Stack,
        id: &str,
        vpc: &'a Vpc,
        cluster: impl Into<ClusterRef>,
        image: Image,
        size: S,
    ) -> NetworkLoadBalancedFargateServiceBuilder<'a, S> {
        NetworkLoadBalancedFargateServiceBuilder {
            site: Site::new(stack, id, vpc),
            parts: TaskParts::new(image, size, "server"),
            service: ServiceSettings::new(cluster, 2),
            targets: TargetSettings::new(80, HealthCheck::tcp()),
            listener_port: None,
            certificate: None,
            props: NlbProps::internet_facing(),
        }
    }

    accessor_methods! {
        /// The service.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        /// #     ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .container_port(7000).build()?;
        /// stack.add_output("EchoService", Output::new(echo.service().name()))?;
        /// assert_eq!(echo.service().handle().logical_id(), "EchoService");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn service;

        /// The task definition the service runs.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        /// #     ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .container_port(7000).build()?;
        /// assert_eq!(echo.task_definition().logical_id(), "EchoTask");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn task_definition;
    }

    /// The Network Load Balancer.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
    /// # let mut app = App::new();
    /// # let stack = app.stack("tcp")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
    /// #     ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    /// #     .container_port(7000).build()?;
    /// assert_eq!(echo.load_balancer().security_group().name(), "EchoNlbSg");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn load_balancer(&self) -> &NetworkLoadBalancer {
        &self.load_balancer
    }

    /// The listener that forwards to the tasks: TCP, or TLS with
    /// [`tls`](NetworkLoadBalancedFargateServiceBuilder::tls).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
    /// # let mut app = App::new();
    /// # let stack = app.stack("tcp")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
    /// #     ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    /// #     .container_port(7000).build()?;
    /// assert_eq!(echo.listener().handle().logical_id(), "EchoTcp");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn listener(&self) -> &NetworkListener {
        &self.listener
    }

    accessor_methods! {
        /// The target group of the tasks.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        /// #     ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .container_port(7000).build()?;
        /// // A second listener on another port, to the same tasks:
        /// echo.load_balancer().tcp_listener("EchoAlt", 7001, echo.target_group())?;
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// assert_eq!(t["Resources"]["EchoAlt"]["Properties"]["DefaultActions"][0]["TargetGroupArn"]["Ref"], "EchoTargets");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn target_group;

        /// The tasks' security group (open to the load balancer on the container port).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        /// #     ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .container_port(7000).build()?;
        /// assert_eq!(echo.tasks_security_group().name(), "EchoTasksSg");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn tasks_security_group;

        /// The container port the target group registers.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        /// #     ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .container_port(7000).build()?;
        /// assert_eq!(echo.container_port().container_port(), 7000);
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn container_port;

        /// With [`auto_scale`](NetworkLoadBalancedFargateServiceBuilder::auto_scale): the scalable
        /// target, to add policies and schedules.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// use ecs_dsl::ecs::TargetTracking;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .container_port(7000)
        ///     .auto_scale(2, 6, 60.0)
        ///     .build()?;
        /// let scaling = echo.scaling().expect("auto_scale was called");
        /// scaling.scale_on_memory("EchoMemory", TargetTracking::new(75.0))?;
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn scaling;

        /// With [`auto_scale`](NetworkLoadBalancedFargateServiceBuilder::auto_scale): the CPU
        /// target tracking policy (`<id>CpuScaling`).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .container_port(7000)
        ///     .auto_scale(2, 6, 60.0)
        ///     .build()?;
        /// assert_eq!(echo.cpu_scaling_policy().map(|p| p.logical_id()), Some("EchoCpuScaling"));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn cpu_scaling_policy;

        /// The log group of the container (unless the `container` closure chose another log
        /// driver or group).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// use ecs_dsl::logs::Retention;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        /// #     ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .container_port(7000).build()?;
        /// assert_eq!(echo.log_group().map(|g| g.retention()), Some(Retention::OneMonth));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn log_group;
    }

    /// Where clients connect: `<DNS name>:<listener port>` (also the output `<id>Endpoint`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
    /// # let mut app = App::new();
    /// # let stack = app.stack("tcp")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
    /// #     ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    /// #     .container_port(7000).build()?;
    /// let address = echo.endpoint(); // e.g. an environment variable of a client service
    /// stack.add_output("Address", Output::new(address))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["Address"]["Value"], t["Outputs"]["EchoEndpoint"]["Value"]);
    /// assert_eq!(t["Outputs"]["EchoEndpoint"]["Value"]["Fn::Join"][1][1], ":7000");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn endpoint(&self) -> Value<String> {
        self.endpoint.clone()
    }
}

impl<'a, S: SizeFor<Fargate>> NetworkLoadBalancedFargateServiceBuilder<'a, S> {
    builder_methods! {
        /// The TCP port the container listens on (default 80); also the listener's port unless
        /// [`listener_port`](Self::listener_port) or [`tls`](Self::tls) sets one.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// use ecs_dsl::assertions::Template;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .container_port(7000)
        ///     .build()?;
        /// let t = Template::from_app(&app, "tcp")?;
        /// t.has_resource_properties("AWS::ElasticLoadBalancingV2::TargetGroup", serde_json::json!({"Port": 7000, "Protocol": "TCP"}));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn container_port;
    }

    /// The port clients connect to (default: the container port, or 443 with
    /// [`tls`](Self::tls)).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
    /// use ecs_dsl::assertions::Template;
    /// # let mut app = App::new();
    /// # let stack = app.stack("tcp")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
    ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    ///     .container_port(7000)
    ///     .listener_port(7)
    ///     .build()?;
    /// let t = Template::from_app(&app, "tcp")?;
    /// t.has_resource_properties("AWS::ElasticLoadBalancingV2::Listener", serde_json::json!({"Port": 7}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn listener_port(mut self, port: u16) -> Self {
        self.listener_port = Some(port);
        self
    }

    builder_methods! {
        /// The container's name (default `server`; rule S15).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .container_name("echo")
        ///     .build()?;
        /// assert_eq!(echo.container_port().container_name(), "echo");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn container_name;

        /// How many tasks run without auto scaling (default 2, one per zone of a two-zone VPC).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// use ecs_dsl::assertions::Template;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .desired_count(4)
        ///     .build()?;
        /// let t = Template::from_app(&app, "tcp")?;
        /// t.has_resource_properties("AWS::ECS::Service", serde_json::json!({"DesiredCount": 4}));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn desired_count;
    }

    /// Ends TLS at the load balancer with this ACM certificate (a literal ARN or a parameter's
    /// value; TLS 1.2+ policy): a TLS listener, on 443 unless
    /// [`listener_port`](Self::listener_port) says otherwise, instead of TCP. The tasks still
    /// receive plain TCP.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
    /// use ecs_dsl::assertions::Template;
    /// # let mut app = App::new();
    /// # let stack = app.stack("tcp")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
    ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    ///     .container_port(7000)
    ///     .tls("arn:aws:acm:eu-west-1:123456789012:certificate/abc")
    ///     .build()?;
    /// let t = Template::from_app(&app, "tcp")?;
    /// t.has_resource_properties("AWS::ElasticLoadBalancingV2::Listener", serde_json::json!({"Port": 443, "Protocol": "TLS"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn tls(mut self, certificate_arn: impl Into<Value<String>>) -> Self {
        self.certificate = Some(certificate_arn.into());
        self
    }

    /// The load balancer's settings (default [`NlbProps::internet_facing`]): internal, a name,
    /// access logs, cross-zone load balancing.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
    /// use ecs_dsl::assertions::Template;
    /// use ecs_dsl::elb::NlbProps;
    /// # let mut app = App::new();
    /// # let stack = app.stack("tcp")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
    ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    ///     .load_balancer(NlbProps::internal().cross_zone())
    ///     .build()?;
    /// let t = Template::from_app(&app, "tcp")?;
    /// t.has_resource_properties("AWS::ElasticLoadBalancingV2::LoadBalancer", serde_json::json!({"Scheme": "internal"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn load_balancer(mut self, props: NlbProps) -> Self {
        self.props = props;
        self
    }

    builder_methods! {
        /// The target group's health check (default: a TCP connect check).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// use ecs_dsl::assertions::Template;
        /// use ecs_dsl::elb::HealthCheck;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// NetworkLoadBalancedFargateService::builder(&stack, "Api", &vpc, &cluster,
        ///         ecs_dsl::image!("example/api:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .container_port(8080)
        ///     .health_check(HealthCheck::http("/healthz"))
        ///     .build()?;
        /// let t = Template::from_app(&app, "tcp")?;
        /// t.has_resource_properties("AWS::ElasticLoadBalancingV2::TargetGroup", serde_json::json!({"HealthCheckProtocol": "HTTP"}));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn health_check;

        /// Scales the task count between `min` and `max`, tracking `cpu_percent` average CPU
        /// (1-100). The service then has no `DesiredCount` (rule S16).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// use ecs_dsl::assertions::Template;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .auto_scale(2, 6, 60.0)
        ///     .build()?;
        /// let t = Template::from_app(&app, "tcp")?;
        /// t.resource_count_is("AWS::ApplicationAutoScaling::ScalingPolicy", 1);
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn auto_scale;

        /// How long the log group keeps the container's logs (default one month).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// use ecs_dsl::logs::Retention;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let echo = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .log_retention(Retention::OneWeek)
        ///     .build()?;
        /// assert_eq!(echo.log_group().map(|g| g.retention()), Some(Retention::OneWeek));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn log_retention;

        /// Customizes the container before it is added: environment, secrets, command, health
        /// check, limits... It already publishes the container port and logs through awslogs.
        /// Calls add up, in order.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// NetworkLoadBalancedFargateService::builder(&stack, "Redis", &vpc, &cluster,
        ///         ecs_dsl::image!("public.ecr.aws/docker/library/redis:7.4"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .container_port(6379)
        ///     .container(|c| c.command(["redis-server", "--save", "", "--appendonly", "no"]))
        ///     .build()?;
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// let c = &t["Resources"]["RedisTask"]["Properties"]["ContainerDefinitions"][0];
        /// assert_eq!(c["Command"][0], "redis-server");
        /// assert_eq!(c["PortMappings"][0]["ContainerPort"], 6379);
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn container;

        /// Customizes the task definition builder before the container is added: family, roles,
        /// volumes, CPU architecture, ephemeral storage, tags.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .task_definition(|t| t.family("echo").tag("team", "edge"))
        ///     .build()?;
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// assert_eq!(t["Resources"]["EchoTask"]["Properties"]["Family"], "echo");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn task_definition;

        /// Customizes the target group builder after the health check is set: deregistration
        /// delay, name.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .target_group(|tg| tg.deregistration_delay_secs(10).name("echo-targets"))
        ///     .build()?;
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// assert_eq!(t["Resources"]["EchoTargets"]["Properties"]["Name"], "echo-targets");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn target_group;

        /// Customizes the service builder after the pattern's settings (which it may override):
        /// a name, tags, ECS Exec, deployment percentages, the grace period.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("tcp")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
        ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .service(|s| s.service_name("echo"))
        ///     .build()?;
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// assert_eq!(t["Resources"]["EchoService"]["Properties"]["ServiceName"], "echo");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn service<WithLoadBalancer>;
    }

    /// Checks the settings and adds everything to the stack. Errors name the stack, the
    /// logical id and the field: a container or listener port of 0, `min` above `max` or a
    /// CPU target outside 1-100 in [`auto_scale`](Self::auto_scale) (checked before anything
    /// is added), and every check of the L2 builders.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
    /// # let mut app = App::new();
    /// # let stack = app.stack("tcp")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let err = NetworkLoadBalancedFargateService::builder(&stack, "Echo", &vpc, &cluster,
    ///         ecs_dsl::image!("example/echo:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    ///     .listener_port(0)
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("`EchoTcp` field `Port`"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<NetworkLoadBalancedFargateService> {
        let site = &self.site;
        let container_port = self.targets.port;
        let (listener_id, default_port) = match self.certificate {
            Some(_) => (site.logical_id("Tls"), 443),
            None => (site.logical_id("Tcp"), container_port),
        };
        let listener_port = self.listener_port.unwrap_or(default_port);
        self.targets.check(site)?;
        site.check_port(&listener_id, "Port", listener_port)?;
        self.service.check(site)?;

        let load_balancer =
            NetworkLoadBalancer::new(&site.stack, &site.logical_id("Nlb"), site.vpc, self.props)?;
        let target_group = self.targets.build(site, TargetProtocol::Tcp)?;
        let listener = match self.certificate {
            Some(certificate) => load_balancer.tls_listener(
                &listener_id,
                listener_port,
                certificate,
                &target_group,
            )?,
            None => load_balancer.tcp_listener(&listener_id, listener_port, &target_group)?,
        };
        let (service_parts, port) = self.service.build_behind(
            site,
            self.parts,
            &target_group,
            container_port,
            |service, tasks, port| listener.serves(service, tasks, port),
        )?;
        let endpoint = intrinsic::join(
            "",
            [
                load_balancer.dns_name(),
                Value::from(format!(":{listener_port}")),
            ],
        );
        site.stack.add_output(
            &site.logical_id("Endpoint"),
            Output::new(endpoint.clone())
                .description(format!("Where clients of {} connect", site.id)),
        )?;
        Ok(NetworkLoadBalancedFargateService {
            service_parts,
            load_balancer,
            listener,
            target_group,
            port,
            endpoint,
        })
    }
}
