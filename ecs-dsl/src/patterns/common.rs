//! What the patterns share: where a pattern goes ([`Site`]), its task definition and container
//! ([`TaskParts`]), for the services the safe service settings and the auto scaling
//! ([`ServiceSettings`], [`ServiceParts`]), for the load-balanced ones the target group
//! ([`TargetSettings`]), the input checks, and the builder methods and accessors that are the
//! same in every pattern ([`builder_methods!`], [`accessor_methods!`]).
//!
//! Everything here adds resources in the order the patterns always did, so that their
//! templates do not change.

use crate::cfn::applicationautoscaling::ScalingPolicy;
use crate::ec2::{SecurityGroup, SubnetKind, Vpc};
use crate::ecs::service_state::{NoLoadBalancer, WithLoadBalancer};
use crate::ecs::{
    AwsLogs, AwsVpc, AwsVpcNetwork, ClusterRef, Container, ContainerPort, Essential, Fargate,
    Image, Ip, PortMapping, ScalableTarget, Service, SizeFor, TargetTracking, TaskDefinition,
    TaskDefinitionBuilder,
};
use crate::elb::{HealthCheck, TargetGroup, TargetGroupBuilder, TargetProtocol};
use crate::error::{Error, Result};
use crate::logs::Retention;
use crate::template::{Handle, Stack};

use super::FargateServiceBuilder;

/// A customization of the task definition builder (before its container is added).
type TaskStep<'a, S> = Box<
    dyn FnOnce(
            TaskDefinitionBuilder<Fargate, AwsVpc, S>,
        ) -> TaskDefinitionBuilder<Fargate, AwsVpc, S>
        + 'a,
>;
/// A customization of the container: takes it and a blank container of the same task, returns
/// the customized one in the blank's type (the closure's own result type may differ in its
/// health-check state).
type ContainerStep<'a, S> = Box<
    dyn FnOnce(
            Container<Fargate, AwsVpc, S>,
            Container<Fargate, AwsVpc, S>,
        ) -> Container<Fargate, AwsVpc, S>
        + 'a,
>;
/// A customization of a pattern's service builder.
type ServiceStep<'a, B> =
    Box<dyn FnOnce(FargateServiceBuilder<B>) -> FargateServiceBuilder<B> + 'a>;
/// A customization of the target group builder.
type TargetGroupStep<'a> = Box<dyn FnOnce(TargetGroupBuilder<Ip>) -> TargetGroupBuilder<Ip> + 'a>;

/// Where a pattern goes: its stack, its id (the prefix of every logical id it adds) and the
/// VPC whose private subnets its tasks run in.
pub(super) struct Site<'a> {
    pub(super) stack: Stack,
    pub(super) id: String,
    pub(super) vpc: &'a Vpc,
}

impl<'a> Site<'a> {
    pub(super) fn new(stack: &Stack, id: &str, vpc: &'a Vpc) -> Self {
        Site {
            stack: stack.clone(),
            id: id.to_owned(),
            vpc,
        }
    }

    /// The logical id `<id><suffix>`.
    pub(super) fn logical_id(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.id)
    }

    /// Starts the `Debug` output of the builder `name` with the stack's name and the id.
    pub(super) fn debug_struct<'f, 'b>(
        &self,
        f: &'f mut std::fmt::Formatter<'b>,
        name: &str,
    ) -> std::fmt::DebugStruct<'f, 'b> {
        let mut d = f.debug_struct(name);
        d.field("stack", &self.stack.name()).field("id", &self.id);
        d
    }

    /// Fails when `port` is 0 (the field `field` of `logical_id` would hold it).
    pub(super) fn check_port(&self, logical_id: &str, field: &str, port: u16) -> Result<()> {
        if port == 0 {
            return Err(Error::invalid_value(
                self.stack.name(),
                logical_id,
                field,
                "port 0; a port is 1 to 65535",
            ));
        }
        Ok(())
    }

    /// Fails when the VPC is known to have no private subnets: the tasks of the patterns run
    /// there (`logical_id` and `field` name where the subnets would go).
    pub(super) fn check_private_subnets(&self, logical_id: &str, field: &str) -> Result<()> {
        if self
            .vpc
            .subnets(SubnetKind::Private)
            .is_some_and(<[_]>::is_empty)
        {
            return Err(Error::invalid_value(
                self.stack.name(),
                logical_id,
                field,
                "the VPC has no private subnets; the pattern runs its tasks in the private subnets, without a public IP",
            ));
        }
        Ok(())
    }

    /// Adds the tasks' security group `<id>TasksSg`: no inbound rule, outbound open.
    pub(super) fn tasks_security_group(&self) -> Result<SecurityGroup> {
        SecurityGroup::new(
            &self.stack,
            &self.logical_id("TasksSg"),
            self.vpc,
            &format!("Tasks of {}", self.id),
        )
    }

    /// The tasks' network: the private subnets, no public IP, in `tasks_security_group`.
    pub(super) fn private_network(&self, tasks_security_group: &SecurityGroup) -> AwsVpcNetwork {
        AwsVpcNetwork::in_vpc(self.vpc, SubnetKind::Private).security_group(tasks_security_group)
    }
}

/// The task half every pattern shares: a Fargate task definition of `size` with one essential
/// container of `image` logging through awslogs to the task's log group with `retention`.
pub(super) struct TaskParts<'a, S> {
    size: S,
    image: Image,
    pub(super) container_name: String,
    pub(super) retention: Retention,
    task: Vec<TaskStep<'a, S>>,
    container: Vec<ContainerStep<'a, S>>,
}

impl<'a, S: SizeFor<Fargate>> TaskParts<'a, S> {
    pub(super) fn new(image: Image, size: S, container_name: &str) -> Self {
        TaskParts {
            size,
            image,
            container_name: container_name.to_owned(),
            retention: Retention::OneMonth,
            task: Vec::new(),
            container: Vec::new(),
        }
    }

    pub(super) fn customize_task(
        &mut self,
        f: impl FnOnce(
            TaskDefinitionBuilder<Fargate, AwsVpc, S>,
        ) -> TaskDefinitionBuilder<Fargate, AwsVpc, S>
        + 'a,
    ) {
        self.task.push(Box::new(f));
    }

    pub(super) fn customize_container<H>(
        &mut self,
        f: impl FnOnce(Container<Fargate, AwsVpc, S>) -> Container<Fargate, AwsVpc, S, Essential, H>
        + 'a,
    ) {
        self.container.push(Box::new(move |c, mut blank| {
            blank.spec = f(c).spec;
            blank
        }));
    }

    /// Adds the task definition `<id>Task` (and its log group and execution role); `expose`
    /// may publish ports of the container, and what it returns is returned.
    pub(super) fn build<P>(
        self,
        site: &Site<'_>,
        expose: impl FnOnce(&mut Container<Fargate, AwsVpc, S>) -> P,
    ) -> Result<(TaskDefinition<Fargate, AwsVpc>, P)> {
        let mut builder = TaskDefinition::fargate(&site.stack, &site.logical_id("Task"), self.size);
        for step in self.task {
            builder = step(builder);
        }
        let blank = || builder.new_container(self.container_name.as_str(), self.image.clone());
        let mut container = blank().logging(AwsLogs::auto().retention(self.retention));
        let exposed = expose(&mut container);
        for step in self.container {
            container = step(container, blank());
        }
        let task = builder.container(container).build()?;
        Ok((task, exposed))
    }
}

impl<S> std::fmt::Debug for TaskParts<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaskParts")
            .field("image", &self.image.to_string())
            .field("container_name", &self.container_name)
            .field("retention", &self.retention)
            .finish_non_exhaustive()
    }
}

/// Target tracking of the service's average CPU between `min` and `max` tasks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct CpuScaling {
    pub(super) min: u32,
    pub(super) max: u32,
    pub(super) cpu_percent: f64,
}

impl CpuScaling {
    /// Checks the values before anything is added: the scalable target
    /// `<service_id>ScalableTarget` and the policy `policy_id` would reject them.
    fn check(&self, stack: &str, service_id: &str, policy_id: &str) -> Result<()> {
        if self.min > self.max {
            return Err(Error::invalid_value(
                stack,
                &format!("{service_id}ScalableTarget"),
                "MinCapacity",
                format!("MinCapacity {} is above MaxCapacity {}", self.min, self.max),
            ));
        }
        let v = self.cpu_percent;
        if !(v.is_finite() && (1.0..=100.0).contains(&v)) {
            return Err(Error::invalid_value(
                stack,
                policy_id,
                "TargetTrackingScalingPolicyConfiguration.TargetValue",
                format!("{v} % CPU utilization; the target must be 1 to 100 %"),
            ));
        }
        Ok(())
    }

    /// Scales `service` and adds the CPU policy `policy_id`.
    fn apply(
        &self,
        service: &Service<Fargate, AwsVpc>,
        policy_id: &str,
    ) -> Result<(ScalableTarget, Handle<ScalingPolicy>)> {
        let target = service.auto_scale(self.min, self.max)?;
        let policy = target.scale_on_cpu(policy_id, TargetTracking::new(self.cpu_percent))?;
        Ok((target, policy))
    }
}

/// The service half of the service patterns' builders: the cluster, the task count, the
/// `service(..)` closures and the auto scaling. `B` is the load balancer state of the service
/// builder the closures receive.
pub(super) struct ServiceSettings<'a, B> {
    cluster: ClusterRef,
    pub(super) desired_count: u32,
    pub(super) steps: Vec<ServiceStep<'a, B>>,
    pub(super) scaling: Option<CpuScaling>,
}

impl<'a, B> ServiceSettings<'a, B> {
    pub(super) fn new(cluster: impl Into<ClusterRef>, desired_count: u32) -> Self {
        ServiceSettings {
            cluster: cluster.into(),
            desired_count,
            steps: Vec::new(),
            scaling: None,
        }
    }

    /// Checks, before anything is added, that the VPC has private subnets for the service
    /// `<id>Service` and that the auto scaling's values are valid.
    pub(super) fn check(&self, site: &Site<'_>) -> Result<()> {
        let service_id = site.logical_id("Service");
        site.check_private_subnets(
            &service_id,
            "NetworkConfiguration.AwsvpcConfiguration.Subnets",
        )?;
        if let Some(scaling) = &self.scaling {
            scaling.check(
                site.stack.name(),
                &service_id,
                &site.logical_id("CpuScaling"),
            )?;
        }
        Ok(())
    }

    /// Adds the tasks' security group `<id>TasksSg` and the service `<id>Service` of `task`
    /// with the safe settings: the desired count, a minimum healthy percent of 100, the
    /// deployment circuit breaker with rollback, the private subnets without a public IP.
    /// `attach` puts the service behind a load balancer (or leaves it as it is), then the
    /// `service(..)` closures run; once the service is built, `connect` may open the tasks'
    /// security group to a load balancer, and last come the auto scaling's scalable target
    /// and CPU policy `<id>CpuScaling`.
    pub(super) fn build(
        self,
        site: &Site<'_>,
        task: &TaskDefinition<Fargate, AwsVpc>,
        attach: impl FnOnce(FargateServiceBuilder<NoLoadBalancer>) -> FargateServiceBuilder<B>,
        connect: impl FnOnce(&Service<Fargate, AwsVpc>, &SecurityGroup) -> Result<()>,
    ) -> Result<ServiceParts> {
        let tasks_security_group = site.tasks_security_group()?;
        let mut service = attach(
            Service::replica(&site.stack, &site.logical_id("Service"), self.cluster, task)
                .desired_count(self.desired_count)
                .min_healthy_percent(100)
                .circuit_breaker(true)
                .network(site.private_network(&tasks_security_group)),
        );
        for step in self.steps {
            service = step(service);
        }
        let service = service.build()?;
        connect(&service, &tasks_security_group)?;
        let scaling = match &self.scaling {
            Some(s) => Some(s.apply(&service, &site.logical_id("CpuScaling"))?),
            None => None,
        };
        Ok(ServiceParts {
            service,
            tasks_security_group,
            scaling,
        })
    }
}

impl<'a> ServiceSettings<'a, WithLoadBalancer> {
    /// For the load-balanced patterns: adds the task definition with the container publishing
    /// `container_port` (TCP), then the service as [`build`](Self::build) does, registered
    /// with `target_group` with a health check grace period of 60 s, and whose tasks `serves`
    /// opens to the load balancer on that port.
    pub(super) fn build_behind<S: SizeFor<Fargate>>(
        self,
        site: &Site<'_>,
        parts: TaskParts<'a, S>,
        target_group: &TargetGroup<Ip>,
        container_port: u16,
        serves: impl FnOnce(
            &Service<Fargate, AwsVpc>,
            &SecurityGroup,
            &ContainerPort<AwsVpc>,
        ) -> Result<()>,
    ) -> Result<(ServiceParts, ContainerPort<AwsVpc>)> {
        let (task, port) = parts.build(site, |c| c.expose(PortMapping::tcp(container_port)))?;
        let service_parts = self.build(
            site,
            &task,
            |s| {
                s.attach(target_group, &port)
                    .health_check_grace_period_secs(60)
            },
            |service, tasks| serves(service, tasks, &port),
        )?;
        Ok((service_parts, port))
    }
}

impl<B> std::fmt::Debug for ServiceSettings<'_, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceSettings")
            .field("desired_count", &self.desired_count)
            .field("scaling", &self.scaling)
            .finish_non_exhaustive()
    }
}

/// What every service pattern made: the service, its tasks' security group and, with
/// `auto_scale`, the scalable target and the CPU policy.
#[derive(Debug, Clone)]
pub(super) struct ServiceParts {
    pub(super) service: Service<Fargate, AwsVpc>,
    pub(super) tasks_security_group: SecurityGroup,
    pub(super) scaling: Option<(ScalableTarget, Handle<ScalingPolicy>)>,
}

/// The target group of the load-balanced patterns: the container port it registers, its
/// health check and the `target_group(..)` closures.
pub(super) struct TargetSettings<'a> {
    pub(super) port: u16,
    pub(super) health_check: HealthCheck,
    pub(super) steps: Vec<TargetGroupStep<'a>>,
}

impl TargetSettings<'_> {
    pub(super) fn new(port: u16, health_check: HealthCheck) -> Self {
        TargetSettings {
            port,
            health_check,
            steps: Vec::new(),
        }
    }

    /// Fails when the container port is 0, before anything is added.
    pub(super) fn check(&self, site: &Site<'_>) -> Result<()> {
        site.check_port(
            &site.logical_id("Task"),
            "ContainerDefinitions.PortMappings.ContainerPort",
            self.port,
        )
    }

    /// Adds the target group `<id>Targets` (IP targets of `protocol` on the container port).
    pub(super) fn build(
        self,
        site: &Site<'_>,
        protocol: TargetProtocol,
    ) -> Result<TargetGroup<Ip>> {
        let mut targets = TargetGroup::<Ip>::builder(
            &site.stack,
            &site.logical_id("Targets"),
            site.vpc,
            self.port,
            protocol,
        )
        .health_check(self.health_check);
        for step in self.steps {
            targets = step(targets);
        }
        targets.build()
    }
}

impl std::fmt::Debug for TargetSettings<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TargetSettings")
            .field("port", &self.port)
            .field("health_check", &self.health_check)
            .finish_non_exhaustive()
    }
}

/// Writes the builder methods the patterns share, inside the builder's
/// `impl<'a, S: SizeFor<Fargate>>` block, each under the doc comment (with its example) that
/// the pattern gives it:
///
/// ```text
/// builder_methods! {
///     /// The container's name (default `web`; rule S15).
///     fn container_name;
///     /// Customizes the service builder after the pattern's settings.
///     fn service<WithLoadBalancer>;
/// }
/// ```
///
/// The builder holds `parts: TaskParts` (for `container_name`, `log_retention`, `container`,
/// `task_definition`), the service patterns `service: ServiceSettings` (for `desired_count`,
/// `auto_scale` and `service<B>`, where `B` is the load balancer state of the service builder
/// the closure receives), the load-balanced ones `targets: TargetSettings` (for
/// `container_port`, `health_check`, `target_group`).
macro_rules! builder_methods {
    () => {};
    ($(#[$doc:meta])* fn container_name; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn container_name(mut self, name: impl Into<String>) -> Self {
            self.parts.container_name = name.into();
            self
        }
        $crate::patterns::common::builder_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn log_retention; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn log_retention(mut self, retention: $crate::logs::Retention) -> Self {
            self.parts.retention = retention;
            self
        }
        $crate::patterns::common::builder_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn container; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn container<H>(
            mut self,
            customize: impl FnOnce(
                $crate::ecs::Container<$crate::ecs::Fargate, $crate::ecs::AwsVpc, S>,
            ) -> $crate::ecs::Container<
                $crate::ecs::Fargate,
                $crate::ecs::AwsVpc,
                S,
                $crate::ecs::Essential,
                H,
            > + 'a,
        ) -> Self {
            self.parts.customize_container(customize);
            self
        }
        $crate::patterns::common::builder_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn task_definition; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn task_definition(
            mut self,
            customize: impl FnOnce(
                $crate::ecs::TaskDefinitionBuilder<$crate::ecs::Fargate, $crate::ecs::AwsVpc, S>,
            ) -> $crate::ecs::TaskDefinitionBuilder<
                $crate::ecs::Fargate,
                $crate::ecs::AwsVpc,
                S,
            > + 'a,
        ) -> Self {
            self.parts.customize_task(customize);
            self
        }
        $crate::patterns::common::builder_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn desired_count; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn desired_count(mut self, count: u32) -> Self {
            self.service.desired_count = count;
            self
        }
        $crate::patterns::common::builder_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn auto_scale; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn auto_scale(mut self, min: u32, max: u32, cpu_percent: f64) -> Self {
            self.service.scaling = Some($crate::patterns::common::CpuScaling {
                min,
                max,
                cpu_percent,
            });
            self
        }
        $crate::patterns::common::builder_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn service<$b:ty>; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn service(
            mut self,
            customize: impl FnOnce(
                $crate::patterns::FargateServiceBuilder<$b>,
            ) -> $crate::patterns::FargateServiceBuilder<$b>
            + 'a,
        ) -> Self {
            self.service.steps.push(Box::new(customize));
            self
        }
        $crate::patterns::common::builder_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn container_port; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn container_port(mut self, port: u16) -> Self {
            self.targets.port = port;
            self
        }
        $crate::patterns::common::builder_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn health_check; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn health_check(mut self, check: $crate::elb::HealthCheck) -> Self {
            self.targets.health_check = check;
            self
        }
        $crate::patterns::common::builder_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn target_group; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn target_group(
            mut self,
            customize: impl FnOnce(
                $crate::elb::TargetGroupBuilder<$crate::ecs::Ip>,
            ) -> $crate::elb::TargetGroupBuilder<$crate::ecs::Ip>
            + 'a,
        ) -> Self {
            self.targets.steps.push(Box::new(customize));
            self
        }
        $crate::patterns::common::builder_methods!($($rest)*);
    };
}
pub(super) use builder_methods;

/// Writes the accessors the service patterns share, each under the doc comment (with its
/// example) that the pattern gives it, like [`builder_methods!`]: `service`,
/// `task_definition`, `tasks_security_group`, `scaling`, `cpu_scaling_policy` and `log_group`
/// read the pattern's `service_parts: ServiceParts`; `target_group` and `container_port` its
/// fields of these names (load-balanced patterns).
macro_rules! accessor_methods {
    () => {};
    ($(#[$doc:meta])* fn service; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn service(&self) -> &$crate::ecs::Service<$crate::ecs::Fargate, $crate::ecs::AwsVpc> {
            &self.service_parts.service
        }
        $crate::patterns::common::accessor_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn task_definition; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn task_definition(
            &self,
        ) -> &$crate::ecs::TaskDefinition<$crate::ecs::Fargate, $crate::ecs::AwsVpc> {
            self.service_parts.service.task_definition()
        }
        $crate::patterns::common::accessor_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn tasks_security_group; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn tasks_security_group(&self) -> &$crate::ec2::SecurityGroup {
            &self.service_parts.tasks_security_group
        }
        $crate::patterns::common::accessor_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn scaling; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn scaling(&self) -> Option<&$crate::ecs::ScalableTarget> {
            self.service_parts.scaling.as_ref().map(|(t, _)| t)
        }
        $crate::patterns::common::accessor_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn cpu_scaling_policy; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn cpu_scaling_policy(
            &self,
        ) -> Option<&$crate::template::Handle<$crate::cfn::applicationautoscaling::ScalingPolicy>>
        {
            self.service_parts.scaling.as_ref().map(|(_, p)| p)
        }
        $crate::patterns::common::accessor_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn log_group; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn log_group(&self) -> Option<&$crate::logs::LogGroup> {
            self.task_definition().log_group()
        }
        $crate::patterns::common::accessor_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn target_group; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn target_group(&self) -> &$crate::elb::TargetGroup<$crate::ecs::Ip> {
            &self.target_group
        }
        $crate::patterns::common::accessor_methods!($($rest)*);
    };
    ($(#[$doc:meta])* fn container_port; $($rest:tt)*) => {
        $(#[$doc])*
        pub fn container_port(&self) -> &$crate::ecs::ContainerPort<$crate::ecs::AwsVpc> {
            &self.port
        }
        $crate::patterns::common::accessor_methods!($($rest)*);
    };
}
pub(super) use accessor_methods;
