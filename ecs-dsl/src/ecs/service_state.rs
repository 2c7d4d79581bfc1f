//! The states of a service builder as types (rules S1, S3, S5, S8, S13).

use super::launch::{AwsVpc, Bridge, Ec2, Ec2Windows, External, Host, Nat, NoNetwork};

/// Replica scheduling: a desired number of tasks spread over the cluster.
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
/// use ecs_dsl::ecs::service_state::Replica;
/// let web: Service<Fargate, AwsVpc, Replica> = Service::replica(&stack, "Web", &cluster, &task).network(net).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["DesiredCount"], 1);
/// # let _ = web;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Replica {}
/// Daemon scheduling: one task on each container instance (EC2 and External only, rule S1).
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
/// use ecs_dsl::ecs::service_state::Daemon;
/// let agent: Service<Ec2, Bridge, Daemon> = Service::daemon(&stack, "Agent", &cluster, &task).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Agent"]["Properties"];
/// assert_eq!(props["SchedulingStrategy"], "DAEMON");
/// # let _ = agent;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Daemon {}

/// Launch types that can run daemon services (rule S1).
#[diagnostic::on_unimplemented(
    message = "a daemon service cannot run on launch type `{Self}`: Fargate has no instances to place one task on each (rule S1)",
    label = "daemon services need EC2 or External instances"
)]
/// ```
/// use ecs_dsl::ecs::{Ec2, External};
/// use ecs_dsl::ecs::service_state::RunsDaemons;
/// fn runs_daemons<L: RunsDaemons>() {}
/// runs_daemons::<Ec2>();
/// runs_daemons::<External>();
/// ```
///
/// ```compile_fail,E0277
/// use ecs_dsl::ecs::Fargate;
/// use ecs_dsl::ecs::service_state::RunsDaemons;
/// fn runs_daemons<L: RunsDaemons>() {}
/// runs_daemons::<Fargate>(); // rule S1
/// ```
pub trait RunsDaemons {}
impl RunsDaemons for Ec2 {}
impl RunsDaemons for Ec2Windows {}
impl RunsDaemons for External {}

/// Scheduling strategies that have a desired count and placement strategies (rule S1).
#[diagnostic::on_unimplemented(
    message = "a daemon service runs one task on each instance: it has no desired count, placement strategy or other deployment controller (rule S1)",
    label = "not available on a daemon service"
)]
/// ```
/// use ecs_dsl::ecs::service_state::{Replica, Replicated};
/// fn has_desired_count<K: Replicated>() {}
/// has_desired_count::<Replica>();
/// ```
pub trait Replicated {}
impl Replicated for Replica {}

/// The placement is not chosen yet: the task's launch type is used.
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
/// use ecs_dsl::ecs::service_state::LaunchTypeDefault;
/// let web: ServiceBuilder<Fargate, AwsVpc, Replica, LaunchTypeDefault> = Service::replica(&stack, "Web", &cluster, &task);
/// web.network(net).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["LaunchType"], "FARGATE");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LaunchTypeDefault {}
/// The launch type was set explicitly.
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
/// use ecs_dsl::ecs::service_state::ByLaunchType;
/// let web: ServiceBuilder<Fargate, AwsVpc, Replica, ByLaunchType> =
///     Service::replica(&stack, "Web", &cluster, &task).launch_type();
/// web.network(net).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["LaunchType"], "FARGATE");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ByLaunchType {}
/// A capacity provider strategy was set.
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
/// use ecs_dsl::ecs::service_state::ByStrategy;
/// # let cluster = Cluster::builder(&stack, "Spot").fargate_capacity_providers().build()?;
/// let spot = CapacityProviderStrategy::new().with(CapacityProvider::fargate_spot().weight(1));
/// let web: ServiceBuilder<Fargate, AwsVpc, Replica, ByStrategy> =
///     Service::replica(&stack, "Web", &cluster, &task).capacity_provider_strategy(spot);
/// web.network(net).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["CapacityProviderStrategy"][0]["CapacityProvider"], "FARGATE_SPOT");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ByStrategy {}
/// The cluster's default capacity provider strategy is used.
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
/// use ecs_dsl::ecs::service_state::ByClusterDefault;
/// let web: ServiceBuilder<Fargate, AwsVpc, Replica, ByClusterDefault> =
///     Service::replica(&stack, "Web", &cluster, &task).cluster_default_strategy();
/// web.network(net).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert!(props.get("LaunchType").is_none());
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ByClusterDefault {}

/// Placement states that still allow choosing between a launch type and a capacity provider
/// strategy (rule S3).
#[diagnostic::on_unimplemented(
    message = "a service has either a launch type or a capacity provider strategy, not both (rule S3)",
    label = "the placement was already chosen"
)]
/// ```
/// use ecs_dsl::ecs::service_state::{LaunchTypeDefault, Unplaced};
/// fn still_unplaced<P: Unplaced>() {}
/// still_unplaced::<LaunchTypeDefault>();
/// ```
pub trait Unplaced {}
impl Unplaced for LaunchTypeDefault {}

/// No network configuration yet.
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
/// use ecs_dsl::ecs::service_state::NoNetworkConfig;
/// // bridge tasks use the instance's network: no `.network(..)`
/// let web: ServiceBuilder<Ec2, Bridge, Replica, _, NoNetworkConfig> = Service::replica(&stack, "Web", &cluster, &task);
/// web.build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert!(props.get("NetworkConfiguration").is_none());
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoNetworkConfig {}
/// An awsvpc network configuration is set.
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
/// use ecs_dsl::ecs::service_state::WithNetworkConfig;
/// let web: ServiceBuilder<Fargate, AwsVpc, Replica, _, WithNetworkConfig> =
///     Service::replica(&stack, "Web", &cluster, &task).network(net);
/// web.build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert!(props["NetworkConfiguration"]["AwsvpcConfiguration"].is_object());
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WithNetworkConfig {}

/// Network modes that take a service network configuration (rule S5).
#[diagnostic::on_unimplemented(
    message = "only awsvpc services take a network configuration; network mode `{Self}` uses the instance's network (rule S5)",
    label = "no network configuration for `{Self}`"
)]
/// ```
/// use ecs_dsl::ecs::AwsVpc;
/// use ecs_dsl::ecs::service_state::TakesNetworkConfig;
/// fn takes_network<N: TakesNetworkConfig>() {}
/// takes_network::<AwsVpc>();
/// ```
pub trait TakesNetworkConfig {}
impl TakesNetworkConfig for AwsVpc {}

/// A network-configuration state that fits network mode `N` (rule S5).
#[diagnostic::on_unimplemented(
    message = "an awsvpc service needs a network configuration: call `.network(AwsVpcNetwork::new(subnets).security_group(..))` (rule S5)",
    label = "missing `.network(..)`"
)]
/// ```
/// use ecs_dsl::ecs::{AwsVpc, Bridge};
/// use ecs_dsl::ecs::service_state::{NetworkReady, NoNetworkConfig, WithNetworkConfig};
/// fn ready<C: NetworkReady<N>, N>() {}
/// ready::<WithNetworkConfig, AwsVpc>();
/// ready::<NoNetworkConfig, Bridge>();
/// ```
///
/// ```compile_fail,E0277
/// use ecs_dsl::ecs::AwsVpc;
/// use ecs_dsl::ecs::service_state::{NetworkReady, NoNetworkConfig};
/// fn ready<C: NetworkReady<N>, N>() {}
/// ready::<NoNetworkConfig, AwsVpc>(); // an awsvpc service needs `.network(..)` (rule S5)
/// ```
pub trait NetworkReady<N> {}
impl NetworkReady<AwsVpc> for WithNetworkConfig {}
impl NetworkReady<Bridge> for NoNetworkConfig {}
impl NetworkReady<Host> for NoNetworkConfig {}
impl NetworkReady<NoNetwork> for NoNetworkConfig {}
impl NetworkReady<Nat> for NoNetworkConfig {}

/// No load balancer is attached.
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
/// use ecs_dsl::ecs::service_state::NoLoadBalancer;
/// let web: ServiceBuilder<Fargate, AwsVpc, Replica, _, _, NoLoadBalancer> =
///     Service::replica(&stack, "Web", &cluster, &task).network(net);
/// web.build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert!(props.get("LoadBalancers").is_none());
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoLoadBalancer {}
/// At least one target group is attached.
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
/// use ecs_dsl::ecs::service_state::WithLoadBalancer;
/// let tg = TargetGroupRef::<Ip>::from_arn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef");
/// let web: ServiceBuilder<Fargate, AwsVpc, Replica, _, _, WithLoadBalancer> =
///     Service::replica(&stack, "Web", &cluster, &task).network(net).attach(&tg, &http);
/// web.build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["LoadBalancers"][0]["ContainerPort"], 80);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WithLoadBalancer {}

/// Load balancer states that allow a health check grace period (rule S8).
#[diagnostic::on_unimplemented(
    message = "a health check grace period needs a load balancer: attach a target group first (rule S8)",
    label = "this service has no load balancer"
)]
/// ```
/// use ecs_dsl::ecs::service_state::{HasLoadBalancer, WithLoadBalancer};
/// fn takes_grace_period<B: HasLoadBalancer>() {}
/// takes_grace_period::<WithLoadBalancer>();
/// ```
///
/// ```compile_fail,E0277
/// use ecs_dsl::ecs::service_state::{HasLoadBalancer, NoLoadBalancer};
/// fn takes_grace_period<B: HasLoadBalancer>() {}
/// takes_grace_period::<NoLoadBalancer>(); // rule S8
/// ```
pub trait HasLoadBalancer {}
impl HasLoadBalancer for WithLoadBalancer {}

/// The ECS deployment controller (rolling updates; the default).
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
/// use ecs_dsl::ecs::service_state::EcsController;
/// let web: ServiceBuilder<Fargate, AwsVpc, Replica, _, _, _, EcsController> =
///     Service::replica(&stack, "Web", &cluster, &task).network(net);
/// web.build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert!(props.get("DeploymentController").is_none()); // ECS is the default
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EcsController {}
/// The CODE_DEPLOY deployment controller (blue/green through CodeDeploy).
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
/// use ecs_dsl::ecs::service_state::CodeDeployController;
/// let web: ServiceBuilder<Fargate, AwsVpc, Replica, _, _, _, CodeDeployController> =
///     Service::replica(&stack, "Web", &cluster, &task).network(net).code_deploy_controller();
/// web.build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["DeploymentController"]["Type"], "CODE_DEPLOY");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeDeployController {}
/// The EXTERNAL deployment controller (task sets managed by a third party).
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
/// use ecs_dsl::ecs::service_state::ExternalController;
/// let web: ServiceBuilder<Fargate, AwsVpc, Replica, _, _, _, ExternalController> =
///     Service::replica(&stack, "Web", &cluster, &task).network(net).external_controller();
/// web.build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["DeploymentController"]["Type"], "EXTERNAL");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExternalController {}

/// Deployment controllers that offer the circuit breaker and deployment alarms (rule S13).
#[diagnostic::on_unimplemented(
    message = "the circuit breaker and deployment alarms need the ECS deployment controller, not `{Self}` (rule S13)",
    label = "not available with `{Self}`"
)]
/// ```
/// use ecs_dsl::ecs::service_state::{EcsController, EcsDeployments};
/// fn has_circuit_breaker<D: EcsDeployments>() {}
/// has_circuit_breaker::<EcsController>();
/// ```
pub trait EcsDeployments {}
impl EcsDeployments for EcsController {}

/// Scheduling strategies that take EBS volume configurations (rule S2).
#[diagnostic::on_unimplemented(
    message = "EBS volumes configured at launch are only for replica services, not daemon services (rule S2)",
    label = "not available on a daemon service"
)]
/// ```
/// use ecs_dsl::ecs::service_state::{Replica, TakesEbsVolumes};
/// fn takes_ebs<K: TakesEbsVolumes>() {}
/// takes_ebs::<Replica>();
/// ```
pub trait TakesEbsVolumes {}
impl TakesEbsVolumes for Replica {}
