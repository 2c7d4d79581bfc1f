//! [`NetworkLoadBalancer`] and its [`NetworkListener`]s: at least two subnets, a security
//! group, optional access logs and cross-zone load balancing; TCP listeners, and TLS listeners
//! with exactly one default certificate and a TLS 1.2+ policy (rule L6). A TCP listener
//! forwards to TCP target groups, a TLS listener to TCP or TLS groups.

use crate::cfn::elasticloadbalancingv2::listener as l1l;
use crate::cfn::elasticloadbalancingv2::load_balancer as l1;
use crate::ec2::{SecurityGroup, Vpc};
use crate::ecs::{ContainerPort, LaunchType, NetworkMode, Service};
use crate::error::Result;
use crate::template::{Handle, Stack, Value};

use super::common::{self, LbBase, LbSettings};
use super::target_group::{TargetGroup, TargetKind, TargetProtocol};

/// Settings of a Network Load Balancer.
///
/// ```
/// use ecs_dsl::elb::NlbProps;
/// let props = NlbProps::internet_facing().name("game-nlb").access_logs("my-log-bucket", "game").cross_zone();
/// assert_ne!(props, NlbProps::internet_facing());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NlbProps {
    settings: LbSettings,
    cross_zone: bool,
}

impl NlbProps {
    /// In the public subnets, reachable from the internet.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internet_facing())?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Nlb"]["Properties"]["Scheme"], "internet-facing");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn internet_facing() -> Self {
        NlbProps {
            settings: LbSettings::new(true),
            cross_zone: false,
        }
    }

    /// In the private subnets, reachable from the VPC only.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal())?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Nlb"]["Properties"]["Scheme"], "internal");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn internal() -> Self {
        NlbProps {
            settings: LbSettings::new(false),
            cross_zone: false,
        }
    }

    /// A physical name (rule L2: at most 32 of `[A-Za-z0-9-]`, no leading or trailing `-`,
    /// not starting with `internal-`), checked by [`NetworkLoadBalancer::new`]; a
    /// [`load_balancer_name!`](crate::load_balancer_name) is checked at compile time.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let bad = NetworkLoadBalancer::new(&stack, "Bad", &vpc, NlbProps::internal().name("internal-db"));
    /// assert!(bad.unwrap_err().to_string().contains("rule L2"));
    /// NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal().name("db-nlb"))?;
    /// let name = ecs_dsl::load_balancer_name!("cache-nlb");
    /// NetworkLoadBalancer::new(&stack, "Cache", &vpc, NlbProps::internal().name(name))?;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.settings.name = Some(name.into());
        self
    }

    /// Writes access logs to an S3 bucket under a prefix (Network Load Balancers log the
    /// connections of their TLS listeners).
    ///
    /// ```
    /// use ecs_dsl::elb::NlbProps;
    /// let props = NlbProps::internet_facing().access_logs("my-log-bucket", "nlb");
    /// assert_ne!(props, NlbProps::internet_facing());
    /// ```
    pub fn access_logs(
        mut self,
        bucket: impl Into<Value<String>>,
        prefix: impl Into<String>,
    ) -> Self {
        self.settings.access_logs = Some((bucket.into(), prefix.into()));
        self
    }

    /// Turns on cross-zone load balancing (`load_balancing.cross_zone.enabled`): each node
    /// spreads connections over the targets of every enabled zone, not only its own.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal().cross_zone())?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let attribute = &t["Resources"]["Nlb"]["Properties"]["LoadBalancerAttributes"][0];
    /// assert_eq!(attribute["Key"], "load_balancing.cross_zone.enabled");
    /// assert_eq!(attribute["Value"], "true");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn cross_zone(mut self) -> Self {
        self.cross_zone = true;
        self
    }
}

/// A Network Load Balancer with its own security group.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// use ecs_dsl::ecs::Ip;
/// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps, TargetGroup, TargetProtocol};
/// let mut app = App::new();
/// let stack = app.stack("game")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
/// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internet_facing().cross_zone())?;
/// let tg = TargetGroup::<Ip>::builder(&stack, "Game", &vpc, 7777, TargetProtocol::Tcp).build()?;
/// nlb.tcp_listener("Tcp", 7777, &tg)?;
/// nlb.tls_listener("Tls", 443, "arn:aws:acm:eu-west-1:123456789012:certificate/abc", &tg)?;
/// let http = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http).build()?;
/// assert!(nlb.tcp_listener("Web", 80, &http).is_err()); // an HTTP group needs an ALB
/// let t = app.synthesize()?.stacks[0].template_json();
/// assert_eq!(t["Resources"]["Nlb"]["Properties"]["Type"], "network");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct NetworkLoadBalancer {
    base: LbBase,
}

impl NetworkLoadBalancer {
    /// Creates the load balancer `id` in `stack`: in the public subnets when internet-facing,
    /// else the private ones (at least two, in different zones), with a security group
    /// `<id>Sg`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Subnet, Vpc};
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16").private_subnets([
    ///     Subnet::new("subnet-a", "eu-west-1a"),
    ///     Subnet::new("subnet-b", "eu-west-1b"),
    /// ]);
    /// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal())?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Nlb"]["Properties"];
    /// assert_eq!(p["Subnets"], serde_json::json!(["subnet-a", "subnet-b"]));
    /// assert_eq!(p["SecurityGroups"][0]["Fn::GetAtt"][0], "NlbSg");
    /// # let _ = nlb;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(stack: &Stack, id: &str, vpc: &Vpc, props: NlbProps) -> Result<Self> {
        let mut attributes = Vec::new();
        if props.cross_zone {
            attributes.push(
                l1::LoadBalancerAttribute::new()
                    .key("load_balancing.cross_zone.enabled")
                    .value("true"),
            );
        }
        let base = LbBase::new(
            stack,
            id,
            vpc,
            &props.settings,
            l1::LoadBalancerType::Network,
            attributes,
        )?;
        Ok(NetworkLoadBalancer { base })
    }

    /// The ARN.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal())?;
    /// stack.add_output("NlbArn", Output::new(nlb.arn()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["NlbArn"]["Value"]["Ref"], "Nlb");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.base.arn()
    }

    /// The DNS name.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internet_facing())?;
    /// stack.add_output("Endpoint", Output::new(nlb.dns_name()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["Endpoint"]["Value"]["Fn::GetAtt"][1], "DNSName");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn dns_name(&self) -> Value<String> {
        self.base.handle.attr_dns_name()
    }

    /// The full name (`net/<name>/<id>`), for CloudWatch metrics.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal())?;
    /// stack.add_output("Metrics", Output::new(nlb.full_name()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["Metrics"]["Value"]["Fn::GetAtt"][1], "LoadBalancerFullName");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn full_name(&self) -> Value<String> {
        self.base.handle.attr_load_balancer_full_name()
    }

    /// The load balancer's security group (`<id>Sg`), to let it reach other groups.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Port, SecurityGroup, Vpc, VpcProps};
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal())?;
    /// let db = SecurityGroup::new(&stack, "DbSg", &vpc, "Database")?;
    /// db.allow_from(nlb.security_group(), Port::tcp(5432), "Postgres from the load balancer")?;
    /// assert_eq!(nlb.security_group().name(), "NlbSg");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn security_group(&self) -> &SecurityGroup {
        &self.base.security_group
    }

    /// The L1 handle.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal())?;
    /// assert_eq!(nlb.handle().logical_id(), "Nlb");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> &Handle<l1::LoadBalancer> {
        &self.base.handle
    }

    /// Adds the listener `id` (a `what` listener with `protocol`) forwarding to
    /// `target_group`, whose protocol must be one of `allowed`.
    fn listener<T: TargetKind>(
        &self,
        (id, port): (&str, u16),
        (protocol, what): (l1l::ListenerProtocol, &str),
        target_group: &TargetGroup<T>,
        allowed: &[TargetProtocol],
        certificate: Option<Value<String>>,
    ) -> Result<NetworkListener> {
        let forward = common::default_forward(
            &self.base.stack,
            id,
            &format!("a {what} listener of a Network Load Balancer"),
            target_group,
            allowed,
        )?;
        let handle = self.base.add_listener(
            (id, port),
            protocol,
            forward,
            certificate,
            &format!("{what} {port} to load balancer {}", self.base.id),
        )?;
        Ok(NetworkListener {
            handle,
            lb: self.base.clone(),
        })
    }

    /// A TCP listener forwarding to `target_group`, a TCP group (opened to the internet when
    /// internet-facing).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internet_facing())?;
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Mqtt", &vpc, 1883, TargetProtocol::Tcp).build()?;
    /// nlb.tcp_listener("Tcp", 1883, &tg)?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Tcp"]["Properties"]["Protocol"], "TCP");
    /// assert_eq!(t["Resources"]["NlbSgFromCidr00000Tcp1883"]["Properties"]["CidrIp"], "0.0.0.0/0");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn tcp_listener<T: TargetKind>(
        &self,
        id: &str,
        port: u16,
        target_group: &TargetGroup<T>,
    ) -> Result<NetworkListener> {
        self.listener(
            (id, port),
            (l1l::ListenerProtocol::Tcp, "TCP"),
            target_group,
            &[TargetProtocol::Tcp],
            None,
        )
    }

    /// A TLS listener with exactly one default certificate (rule L6) and the TLS 1.2+ policy
    /// [`TLS_POLICY`](super::TLS_POLICY), forwarding to `target_group`, a TCP group (the load
    /// balancer ends TLS) or a TLS group (it opens TLS again to the targets).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps, TargetGroup, TargetProtocol, TLS_POLICY};
    /// let mut app = App::new();
    /// let stack = app.stack("tls")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internet_facing())?;
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Api", &vpc, 8443, TargetProtocol::Tls).build()?;
    /// nlb.tls_listener("Tls", 443, "arn:aws:acm:eu-west-1:123456789012:certificate/abc", &tg)?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Tls"]["Properties"];
    /// assert_eq!(p["Protocol"], "TLS");
    /// assert_eq!(p["SslPolicy"], TLS_POLICY);
    /// assert_eq!(p["Certificates"].as_array().map(Vec::len), Some(1));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn tls_listener<T: TargetKind>(
        &self,
        id: &str,
        port: u16,
        certificate_arn: impl Into<Value<String>>,
        target_group: &TargetGroup<T>,
    ) -> Result<NetworkListener> {
        self.listener(
            (id, port),
            (l1l::ListenerProtocol::Tls, "TLS"),
            target_group,
            &[TargetProtocol::Tcp, TargetProtocol::Tls],
            Some(certificate_arn.into()),
        )
    }
}

/// A listener of a [`NetworkLoadBalancer`].
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// use ecs_dsl::ecs::Ip;
/// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps, TargetGroup, TargetProtocol};
/// let mut app = App::new();
/// let stack = app.stack("tcp")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
/// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal())?;
/// let tg = TargetGroup::<Ip>::builder(&stack, "Redis", &vpc, 6379, TargetProtocol::Tcp).build()?;
/// let listener = nlb.tcp_listener("Tcp", 6379, &tg)?;
/// stack.add_output("Listener", Output::new(listener.arn()))?;
/// assert_eq!(listener.handle().logical_id(), "Tcp");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct NetworkListener {
    handle: Handle<l1l::Listener>,
    /// The load balancer.
    lb: LbBase,
}

impl NetworkListener {
    /// The ARN.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal())?;
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Redis", &vpc, 6379, TargetProtocol::Tcp).build()?;
    /// let listener = nlb.tcp_listener("Tcp", 6379, &tg)?;
    /// stack.add_output("Listener", Output::new(listener.arn()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["Listener"]["Value"]["Ref"], "Tcp");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.handle.reference()
    }

    /// The L1 handle.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal())?;
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Redis", &vpc, 6379, TargetProtocol::Tcp).build()?;
    /// let listener = nlb.tcp_listener("Tcp", 6379, &tg)?;
    /// assert_eq!(listener.handle().logical_id(), "Tcp");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> &Handle<l1l::Listener> {
        &self.handle
    }

    /// Wires a service whose target group this listener forwards to: the service waits for
    /// the listener (`DependsOn`, else ECS cannot register it with a target group that has no
    /// load balancer yet) and its tasks accept TCP `port` from the load balancer's security
    /// group, which carries both the forwarded connections and the health checks (one
    /// ingress rule, however many of the load balancer's listeners serve the service).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SecurityGroup, SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Ip, PortMapping, Service, TaskDefinition};
    /// use ecs_dsl::elb::{NetworkLoadBalancer, NlbProps, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("tcp")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal())?;
    /// let tg = TargetGroup::<Ip>::builder(&stack, "EchoTargets", &vpc, 7000, TargetProtocol::Tcp).build()?;
    /// let listener = nlb.tcp_listener("Tcp", 7000, &tg)?;
    /// let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let task = TaskDefinition::fargate(&stack, "EchoTask", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let mut echo = task.new_container("echo", ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36"));
    /// let port = echo.expose(PortMapping::tcp(7000));
    /// let task = task.container(echo).build()?;
    /// let tasks = SecurityGroup::new(&stack, "TasksSg", &vpc, "Echo tasks")?;
    /// let service = Service::replica(&stack, "Echo", &cluster, &task)
    ///     .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private).security_group(&tasks))
    ///     .attach(&tg, &port)
    ///     .build()?;
    /// listener.serves(&service, &tasks, &port)?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Echo"]["DependsOn"], serde_json::json!(["Tcp"]));
    /// assert_eq!(t["Resources"]["TasksSgFromNlbSgTcp7000"]["Properties"]["FromPort"], 7000);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn serves<L: LaunchType, N: NetworkMode, K, Q>(
        &self,
        service: &Service<L, N, K>,
        tasks: &SecurityGroup,
        port: &ContainerPort<N, Q>,
    ) -> Result<()> {
        self.lb.serve(&self.handle, service, tasks, port)
    }
}
