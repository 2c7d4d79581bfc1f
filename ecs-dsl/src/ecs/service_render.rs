//! Building a service: run-time checks and the L1 resource. Not generic over the states.
//!
//! What the builder's types already make impossible is not checked again here: a daemon
//! service on Fargate or with another controller (S1), an awsvpc service without a network
//! configuration or another mode with one (S5), the target type (S6), a grace period without
//! a load balancer (S8). Their compile-fail cases are in `tests/ui/`.

use super::capacity::StrategyRows;
use super::ebs::EbsVolume;
use super::launch::{LaunchKind, LaunchType, NetworkMode};
use super::service::{
    AwsVpcNetwork, ClusterRef, PlacementConstraint, PlacementStrategy, PropagateTags,
};
use super::service_connect::{self, ConnectSpec};
use super::task::{RoleSlot, TaskDefinition};
use crate::cfn::ecs::Service as CfnService;
use crate::cfn::ecs::service as l1;
use crate::error::{Error, Result};
use crate::iam::{ManagedPolicy, Role, ServicePrincipal, grants};
use crate::template::{Handle, Stack, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Controller {
    Ecs,
    CodeDeploy,
    External,
}

/// Everything a service builder collected.
#[derive(Debug, Clone)]
pub(crate) struct ServiceSpec {
    pub cluster: ClusterRef,
    pub daemon: bool,
    pub name: Option<String>,
    pub desired_count: Option<u32>,
    pub min_healthy: Option<u32>,
    pub max_percent: Option<u32>,
    pub circuit_breaker: Option<bool>,
    pub alarms: Option<(Vec<Value<String>>, bool)>,
    pub controller: Controller,
    pub strategy: Option<StrategyRows>,
    pub cluster_default_strategy: bool,
    pub network: Option<AwsVpcNetwork>,
    pub placement_strategies: Vec<PlacementStrategy>,
    pub placement_constraints: Vec<PlacementConstraint>,
    pub platform_version: Option<String>,
    pub propagate_tags: Option<PropagateTags>,
    pub managed_tags: bool,
    pub tags: Vec<(String, Value<String>)>,
    pub execute_command: bool,
    pub target_groups: Vec<TargetAttachment>,
    pub grace_period: Option<u32>,
    pub ebs_volumes: Vec<EbsVolume>,
    /// Service Connect: the namespace (none = the cluster's default) and the offered ports.
    pub service_connect: Option<ConnectSpec>,
}

/// A target group registration of the service (rules S6, S7).
#[derive(Debug, Clone)]
pub(crate) struct TargetAttachment {
    pub arn: Value<String>,
    pub container: String,
    pub port: u16,
    /// Why the port handle is not a port of the service's task (found when attaching,
    /// reported when the service is built).
    pub problem: Option<String>,
}

impl ServiceSpec {
    pub(crate) fn new(cluster: ClusterRef, daemon: bool) -> Self {
        ServiceSpec {
            cluster,
            daemon,
            name: None,
            desired_count: None,
            min_healthy: None,
            max_percent: None,
            circuit_breaker: Some(true),
            alarms: None,
            controller: Controller::Ecs,
            strategy: None,
            cluster_default_strategy: false,
            network: None,
            placement_strategies: Vec::new(),
            placement_constraints: Vec::new(),
            platform_version: None,
            propagate_tags: None,
            managed_tags: false,
            tags: Vec::new(),
            execute_command: false,
            target_groups: Vec::new(),
            grace_period: None,
            ebs_volumes: Vec::new(),
            service_connect: None,
        }
    }
}

/// Validates the values the types could not see and adds the service.
pub(crate) fn build<L: LaunchType, N: NetworkMode>(
    stack: &Stack,
    id: &str,
    task: &TaskDefinition<L, N>,
    s: ServiceSpec,
) -> Result<Handle<CfnService>> {
    let fail = |field: &str, rule: &'static str, reason: String| {
        Error::rule(stack.name(), id, field, rule, reason)
    };
    let launch = task.launch_kind();
    if let Some(name) = &s.name
        && let Some(reason) = ecs_dsl_rules::names::ecs_name_problem(name)
    {
        return Err(fail("ServiceName", "S15", format!("`{name}` {reason}")));
    }
    if s.controller != Controller::Ecs && (s.alarms.is_some() || s.circuit_breaker.is_some()) {
        return Err(fail(
            "DeploymentConfiguration",
            "S13",
            "the circuit breaker and deployment alarms need the ECS deployment controller".into(),
        ));
    }
    // Deployment percentages are not rules of ecs-rules.md: plain invalid values. ECS's default
    // minimum here is 100 % for replica services (see `min_healthy_percent`).
    let min = s.min_healthy.or(if s.daemon { None } else { Some(100) });
    if let Some(min) = min.filter(|m| *m > 100) {
        return Err(Error::invalid_value(
            stack.name(),
            id,
            "DeploymentConfiguration.MinimumHealthyPercent",
            format!("{min} % is above 100 %"),
        ));
    }
    if let (Some(max), Some(min)) = (s.max_percent, min)
        && max < min
    {
        return Err(Error::invalid_value(
            stack.name(),
            id,
            "DeploymentConfiguration.MaximumPercent",
            format!("{max} % is below the minimum healthy {min} %"),
        ));
    }
    if let Some(strategy) = &s.strategy {
        strategy.check(stack.name(), id, "CapacityProviderStrategy")?;
        if strategy.uses_spot && launch.is_windows() {
            return Err(fail(
                "CapacityProviderStrategy",
                "S4",
                "FARGATE_SPOT does not run Windows tasks".into(),
            ));
        }
    }
    if let Some(net) = &s.network {
        net.check(stack.name(), id, "NetworkConfiguration.AwsvpcConfiguration")?;
    }
    if s.target_groups.len() > 5 {
        return Err(fail(
            "LoadBalancers",
            "S7",
            format!(
                "{} target groups; a service has at most 5",
                s.target_groups.len()
            ),
        ));
    }
    if let Some(why) = s.target_groups.iter().find_map(|t| t.problem.clone()) {
        return Err(fail("LoadBalancers", "S7", why));
    }
    if s.platform_version.is_some() && !launch.is_fargate() {
        return Err(fail(
            "PlatformVersion",
            "S4",
            "a platform version applies only to Fargate".into(),
        ));
    }
    if s.execute_command {
        // An imported task role is granted by its owner; ECS Exec is valid with it either way.
        if let RoleSlot::Owned(role) = task.ensure_task_role()? {
            role.add_to_policy(grants::ecs_exec())?;
        }
    }
    if s.ebs_volumes.len() > 1 {
        return Err(fail(
            "VolumeConfigurations",
            "T25",
            format!(
                "{} EBS volume configurations; a service has at most one",
                s.ebs_volumes.len()
            ),
        ));
    }
    let mut ebs_roles = Vec::new();
    for v in &s.ebs_volumes {
        if task.at_launch_volume() != Some(v.name.as_str()) {
            return Err(fail(
                "VolumeConfigurations",
                "S2",
                format!(
                    "volume `{}` is not a volume configured at launch of task definition `{}`",
                    v.name,
                    task.logical_id()
                ),
            ));
        }
        if let Some((field, reason)) = v.problem() {
            return Err(fail(
                &format!("VolumeConfigurations[{}].ManagedEBSVolume.{field}", v.name),
                "S2",
                reason,
            ));
        }
        ebs_roles.push(match &v.role {
            Some(role) => role.arn(),
            None => Role::builder(stack, &format!("{id}EbsRole"), ServicePrincipal::Ecs)
                .managed_policy(ManagedPolicy::aws_managed(
                    "service-role/AmazonECSInfrastructureRolePolicyForVolumes",
                ))
                .build()?
                .arn(),
        });
    }

    let connect = match &s.service_connect {
        None => None,
        Some(ConnectSpec { namespace, ports }) => Some(service_connect::render(
            stack.name(),
            id,
            &task.shared,
            s.cluster.default_namespace.as_ref().map(Option::as_ref),
            namespace.as_ref(),
            ports,
        )?),
    };
    let mut svc = render(task, &s);
    if let Some(c) = connect {
        svc = svc.service_connect_configuration(c);
    }
    if !s.ebs_volumes.is_empty() {
        svc = svc.volume_configurations(
            s.ebs_volumes
                .iter()
                .zip(ebs_roles)
                .map(|(v, role)| render_ebs(v, role))
                .collect::<Vec<_>>(),
        );
    }
    let owner = format!("service {id}");
    let handle = stack.add_owned(id, svc, &owner)?;
    task.shared.add_service(&handle)?;
    if let Some(spec) = &s.service_connect {
        service_connect::wait_for_servers(&handle, spec, &s.cluster)?;
    }
    if (s.strategy.is_some() || s.cluster_default_strategy)
        && let Some(assoc) = &s.cluster.associations
    {
        handle.add_depends_on(assoc)?;
    }
    Ok(handle)
}

fn render<L: LaunchType, N: NetworkMode>(
    task: &TaskDefinition<L, N>,
    s: &ServiceSpec,
) -> CfnService {
    let launch = task.launch_kind();
    // With the EXTERNAL controller the task definition, launch type, network configuration,
    // load balancers and platform version belong to the controller's task sets.
    let external = s.controller == Controller::External;
    let mut svc = CfnService::new().cluster(s.cluster.name.clone());
    if !external {
        svc = svc.task_definition(task.arn());
    }
    if let Some(name) = &s.name {
        svc = svc.service_name(name.as_str());
    }
    if s.daemon {
        svc = svc.scheduling_strategy(l1::ServiceSchedulingStrategy::Daemon);
    } else {
        svc = svc.desired_count(i64::from(s.desired_count.unwrap_or(1)));
    }
    match (&s.strategy, s.cluster_default_strategy) {
        (Some(strategy), _) => {
            svc = svc.capacity_provider_strategy(
                strategy
                    .rows
                    .iter()
                    .map(|(name, base, weight)| {
                        let mut i = l1::CapacityProviderStrategyItem::new()
                            .capacity_provider(name.clone())
                            .weight(i64::from(*weight));
                        if let Some(b) = base {
                            i = i.base(i64::from(*b));
                        }
                        i
                    })
                    .collect::<Vec<_>>(),
            )
        }
        (None, true) => {}
        (None, false) if external => {}
        (None, false) => {
            svc = svc.launch_type(match launch {
                LaunchKind::Fargate | LaunchKind::FargateWindows => l1::ServiceLaunchType::Fargate,
                LaunchKind::Ec2 | LaunchKind::Ec2Windows => l1::ServiceLaunchType::Ec2,
                LaunchKind::External => l1::ServiceLaunchType::External,
            })
        }
    }
    let mut deploy = l1::DeploymentConfiguration::new();
    let mut has_deploy = false;
    let min = s.min_healthy.or(if s.daemon { None } else { Some(100) });
    if let Some(min) = min {
        deploy = deploy.minimum_healthy_percent(i64::from(min));
        has_deploy = true;
    }
    if let Some(max) = s.max_percent {
        deploy = deploy.maximum_percent(i64::from(max));
        has_deploy = true;
    }
    if let Some(rollback) = s.circuit_breaker {
        deploy =
            deploy.deployment_circuit_breaker(l1::DeploymentCircuitBreaker::new(true, rollback));
        has_deploy = true;
    }
    if let Some((names, rollback)) = &s.alarms {
        deploy = deploy.alarms(l1::DeploymentAlarms::new(names.clone(), true, *rollback));
        has_deploy = true;
    }
    if has_deploy {
        svc = svc.deployment_configuration(deploy);
    }
    match s.controller {
        Controller::Ecs => {}
        Controller::CodeDeploy => {
            svc = svc.deployment_controller(
                l1::DeploymentController::new().type_(l1::DeploymentControllerType::CodeDeploy),
            )
        }
        Controller::External => {
            svc = svc.deployment_controller(
                l1::DeploymentController::new().type_(l1::DeploymentControllerType::External),
            )
        }
    }
    if let Some(net) = s.network.as_ref().filter(|_| !external) {
        let mut vpc = l1::AwsVpcConfiguration::new()
            .subnets(net.subnets.clone())
            .assign_public_ip(if net.public_ip {
                l1::AwsVpcConfigurationAssignPublicIp::Enabled
            } else {
                l1::AwsVpcConfigurationAssignPublicIp::Disabled
            });
        if let Some(g) = net.security_group_list() {
            vpc = vpc.security_groups(g);
        }
        svc = svc.network_configuration(l1::NetworkConfiguration::new().awsvpc_configuration(vpc));
    }
    if !s.placement_strategies.is_empty() {
        svc = svc.placement_strategies(
            s.placement_strategies
                .iter()
                .map(|p| match p {
                    PlacementStrategy::Spread(f) => {
                        l1::PlacementStrategy::new(l1::PlacementStrategyType::Spread)
                            .field(f.as_str())
                    }
                    PlacementStrategy::Binpack(f) => {
                        l1::PlacementStrategy::new(l1::PlacementStrategyType::Binpack)
                            .field(f.as_str())
                    }
                    PlacementStrategy::Random => {
                        l1::PlacementStrategy::new(l1::PlacementStrategyType::Random)
                    }
                })
                .collect::<Vec<_>>(),
        );
    }
    if !s.placement_constraints.is_empty() {
        svc = svc.placement_constraints(
            s.placement_constraints
                .iter()
                .map(|c| match c {
                    PlacementConstraint::DistinctInstance => {
                        l1::PlacementConstraint::new(l1::PlacementConstraintType::DistinctInstance)
                    }
                    PlacementConstraint::MemberOf(e) => {
                        l1::PlacementConstraint::new(l1::PlacementConstraintType::MemberOf)
                            .expression(e.as_str())
                    }
                })
                .collect::<Vec<_>>(),
        );
    }
    if let Some(v) = s.platform_version.as_ref().filter(|_| !external) {
        svc = svc.platform_version(v.as_str());
    }
    if let Some(p) = s.propagate_tags {
        svc = svc.propagate_tags(match p {
            PropagateTags::Service => l1::ServicePropagateTags::Service,
            PropagateTags::TaskDefinition => l1::ServicePropagateTags::TaskDefinition,
        });
    }
    if s.managed_tags {
        svc = svc.enable_ecs_managed_tags(true);
    }
    if s.execute_command {
        svc = svc.enable_execute_command(true);
    }
    if !s.tags.is_empty() {
        svc = svc.tags(
            s.tags
                .iter()
                .map(|(k, v)| l1::Tag::new().key(k.as_str()).value(v.clone()))
                .collect::<Vec<_>>(),
        );
    }
    if !s.target_groups.is_empty() && !external {
        svc = svc.load_balancers(
            s.target_groups
                .iter()
                .map(|t| {
                    l1::LoadBalancer::new()
                        .container_port(i64::from(t.port))
                        .container_name(t.container.as_str())
                        .target_group_arn(t.arn.clone())
                })
                .collect::<Vec<_>>(),
        );
    }
    if let Some(g) = s.grace_period {
        svc = svc.health_check_grace_period_seconds(i64::from(g));
    }
    svc
}

fn render_ebs(v: &EbsVolume, role: Value<String>) -> l1::ServiceVolumeConfiguration {
    let mut e = l1::ServiceManagedEbsVolumeConfiguration::new(role).encrypted(true);
    if let Some(g) = v.size_gib {
        e = e.size_in_gib(i64::from(g));
    }
    if let Some(t) = v.volume_type {
        e = e.volume_type(t.as_str());
    }
    if let Some(i) = v.iops {
        e = e.iops(i64::from(i));
    }
    if let Some(t) = v.throughput {
        e = e.throughput(i64::from(t));
    }
    if let Some(k) = &v.kms_key_id {
        e = e.kms_key_id(k.clone());
    }
    if let Some(snap) = &v.snapshot_id {
        e = e.snapshot_id(snap.clone());
    }
    l1::ServiceVolumeConfiguration::new(v.name.as_str()).managed_ebs_volume(e)
}
