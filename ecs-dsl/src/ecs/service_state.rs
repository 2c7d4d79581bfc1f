//! The states of a service builder as types (rules S1, S3, S5, S8, S13).

use super::launch::{AwsVpc, Bridge, Ec2, Ec2Windows, External, Host, Nat, NoNetwork};

/// Replica scheduling: a desired number of tasks spread over the cluster.
#[derive(Debug, Clone, Copy)]
pub enum Replica {}
/// Daemon scheduling: one task on each container instance (EC2 and External only, rule S1).
#[derive(Debug, Clone, Copy)]
pub enum Daemon {}

/// Launch types that can run daemon services (rule S1).
#[diagnostic::on_unimplemented(
    message = "a daemon service cannot run on launch type `{Self}`: Fargate has no instances to place one task on each (rule S1)",
    label = "daemon services need EC2 or External instances"
)]
pub trait RunsDaemons {}
impl RunsDaemons for Ec2 {}
impl RunsDaemons for Ec2Windows {}
impl RunsDaemons for External {}

/// Scheduling strategies that have a desired count and placement strategies (rule S1).
#[diagnostic::on_unimplemented(
    message = "a daemon service runs one task on each instance: it has no desired count, placement strategy or other deployment controller (rule S1)",
    label = "not available on a daemon service"
)]
pub trait Replicated {}
impl Replicated for Replica {}

/// The placement is not chosen yet: the task's launch type is used.
#[derive(Debug, Clone, Copy)]
pub enum LaunchTypeDefault {}
/// The launch type was set explicitly.
#[derive(Debug, Clone, Copy)]
pub enum ByLaunchType {}
/// A capacity provider strategy was set.
#[derive(Debug, Clone, Copy)]
pub enum ByStrategy {}
/// The cluster's default capacity provider strategy is used.
#[derive(Debug, Clone, Copy)]
pub enum ByClusterDefault {}

/// Placement states that still allow choosing between a launch type and a capacity provider
/// strategy (rule S3).
#[diagnostic::on_unimplemented(
    message = "a service has either a launch type or a capacity provider strategy, not both (rule S3)",
    label = "the placement was already chosen"
)]
pub trait Unplaced {}
impl Unplaced for LaunchTypeDefault {}

/// No network configuration yet.
#[derive(Debug, Clone, Copy)]
pub enum NoNetworkConfig {}
/// An awsvpc network configuration is set.
#[derive(Debug, Clone, Copy)]
pub enum WithNetworkConfig {}

/// Network modes that take a service network configuration (rule S5).
#[diagnostic::on_unimplemented(
    message = "only awsvpc services take a network configuration; network mode `{Self}` uses the instance's network (rule S5)",
    label = "no network configuration for `{Self}`"
)]
pub trait TakesNetworkConfig {}
impl TakesNetworkConfig for AwsVpc {}

/// A network-configuration state that fits network mode `N` (rule S5).
#[diagnostic::on_unimplemented(
    message = "an awsvpc service needs a network configuration: call `.network(AwsVpcNetwork::new(subnets).security_group(..))` (rule S5)",
    label = "missing `.network(..)`"
)]
pub trait NetworkReady<N> {}
impl NetworkReady<AwsVpc> for WithNetworkConfig {}
impl NetworkReady<Bridge> for NoNetworkConfig {}
impl NetworkReady<Host> for NoNetworkConfig {}
impl NetworkReady<NoNetwork> for NoNetworkConfig {}
impl NetworkReady<Nat> for NoNetworkConfig {}

/// No load balancer is attached.
#[derive(Debug, Clone, Copy)]
pub enum NoLoadBalancer {}
/// At least one target group is attached.
#[derive(Debug, Clone, Copy)]
pub enum WithLoadBalancer {}

/// Load balancer states that allow a health check grace period (rule S8).
#[diagnostic::on_unimplemented(
    message = "a health check grace period needs a load balancer: attach a target group first (rule S8)",
    label = "this service has no load balancer"
)]
pub trait HasLoadBalancer {}
impl HasLoadBalancer for WithLoadBalancer {}

/// The ECS deployment controller (rolling updates; the default).
#[derive(Debug, Clone, Copy)]
pub enum EcsController {}
/// The CODE_DEPLOY deployment controller (blue/green through CodeDeploy).
#[derive(Debug, Clone, Copy)]
pub enum CodeDeployController {}
/// The EXTERNAL deployment controller (task sets managed by a third party).
#[derive(Debug, Clone, Copy)]
pub enum ExternalController {}

/// Deployment controllers that offer the circuit breaker and deployment alarms (rule S13).
#[diagnostic::on_unimplemented(
    message = "the circuit breaker and deployment alarms need the ECS deployment controller, not `{Self}` (rule S13)",
    label = "not available with `{Self}`"
)]
pub trait EcsDeployments {}
impl EcsDeployments for EcsController {}

/// Scheduling strategies that take EBS volume configurations (rule S2).
#[diagnostic::on_unimplemented(
    message = "EBS volumes configured at launch are only for replica services, not daemon services (rule S2)",
    label = "not available on a daemon service"
)]
pub trait TakesEbsVolumes {}
impl TakesEbsVolumes for Replica {}
