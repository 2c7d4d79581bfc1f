//! [`FargateWorkerService`]: a Fargate service without a load balancer (a queue worker).

use crate::ec2::Vpc;
use crate::ecs::service_state::NoLoadBalancer;
use crate::ecs::{ClusterRef, Fargate, Image, SizeFor};
use crate::error::Result;
use crate::template::Stack;

// The methods the patterns share are written once, by `builder_methods!` and
// `accessor_methods!` of `common`, each under the doc comment this file gives it.
use super::common::{
    ServiceParts, ServiceSettings, Site, TaskParts, accessor_methods, builder_methods,
};

/// A Fargate service that takes no inbound connections, such as a worker that polls a queue,
/// made by [`FargateWorkerService::builder`].
///
/// With id `Worker` it adds: the task definition `WorkerTask` with its log group
/// `WorkerTaskLogs` (one month) and execution role; the security group `WorkerTasksSg` with
/// no inbound rule (outbound open, to reach the queue and pull the image); the service
/// `WorkerService` (one task in the private subnets without a public IP, circuit breaker with
/// rollback, minimum healthy 100 %); and with
/// [`auto_scale`](FargateWorkerServiceBuilder::auto_scale) the scalable target
/// `WorkerServiceScalableTarget` and the policy `WorkerCpuScaling`.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::assertions::{Match, Template};
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// use ecs_dsl::ecs::Cluster;
/// use ecs_dsl::iam::PolicyStatement;
/// use ecs_dsl::patterns::FargateWorkerService;
/// use serde_json::json;
/// let mut app = App::new();
/// let stack = app.stack("jobs")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
/// let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// let queue = "arn:aws:sqs:eu-west-1:123456789012:orders";
/// let worker = FargateWorkerService::builder(
///     &stack,
///     "Worker",
///     &vpc,
///     &cluster,
///     ecs_dsl::image!("example/order-worker:7"),
///     ecs_dsl::fargate!(cpu = 512, memory = 1024),
/// )
/// .container(|c| c.env("QUEUE_ARN", queue))
/// .auto_scale(1, 5, 70.0)
/// .build()?;
/// worker.task_definition().grant(
///     PolicyStatement::allow().actions(["sqs:ReceiveMessage", "sqs:DeleteMessage"]).resource(queue),
/// )?;
/// let t = Template::from_app(&app, "jobs")?;
/// t.has_resource_properties("AWS::ECS::Service", Match::object([("DesiredCount", Match::absent())]));
/// t.has_resource_properties("AWS::EC2::SecurityGroup", Match::object([
///     ("GroupDescription", Match::from(json!("Tasks of Worker"))),
///     ("SecurityGroupIngress", Match::absent()),
/// ]));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct FargateWorkerService {
    service_parts: ServiceParts,
}

/// Builds a [`FargateWorkerService`]; see its defaults there. `S` is the task size (a
/// [`fargate!`](crate::fargate) size); `'a` borrows the VPC and the closures.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// use ecs_dsl::ecs::{Cluster, Fargate, SizeFor};
/// use ecs_dsl::patterns::{FargateWorkerService, FargateWorkerServiceBuilder};
/// // Every worker of the team runs two tasks named `consumer`.
/// fn house<S: SizeFor<Fargate>>(b: FargateWorkerServiceBuilder<'_, S>) -> FargateWorkerServiceBuilder<'_, S> {
///     b.container_name("consumer").desired_count(2)
/// }
/// let mut app = App::new();
/// let stack = app.stack("jobs")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
/// let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// house(FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
///     ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512)))
///     .build()?;
/// let t = app.synthesize()?.stacks[0].template_json();
/// assert_eq!(t["Resources"]["WorkerService"]["Properties"]["DesiredCount"], 2);
/// assert_eq!(t["Resources"]["WorkerTask"]["Properties"]["ContainerDefinitions"][0]["Name"], "consumer");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub struct FargateWorkerServiceBuilder<'a, S> {
    site: Site<'a>,
    parts: TaskParts<'a, S>,
    service: ServiceSettings<'a, NoLoadBalancer>,
}

impl<S> std::fmt::Debug for FargateWorkerServiceBuilder<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.site
            .debug_struct(f, "FargateWorkerServiceBuilder")
            .field("parts", &self.parts)
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

impl FargateWorkerService {
    /// Starts the pattern `id` in `stack`: tasks of `size` running `image` in `cluster`, in
    /// the private subnets of `vpc`.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// use ecs_dsl::patterns::FargateWorkerService;
    /// # let mut app = App::new();
    /// # let stack = app.stack("jobs")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let worker = FargateWorkerService::builder(
    ///     &stack,
    ///     "Worker",
    ///     &vpc,
    ///     &cluster,
    ///     ecs_dsl::image!("example/order-worker:7"),
    ///     ecs_dsl::fargate!(cpu = 256, memory = 512),
    /// )
    /// .build()?;
    /// assert_eq!(worker.service().handle().logical_id(), "WorkerService");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn builder<'a, S: SizeFor<Fargate>>(
        stack: &Stack,
        id: &str,
        vpc: &'a Vpc,
        cluster: impl Into<ClusterRef>,
        image: Image,
        size: S,
    ) -> FargateWorkerServiceBuilder<'a, S> {
        FargateWorkerServiceBuilder {
            site: Site::new(stack, id, vpc),
            parts: TaskParts::new(image, size, "worker"),
            service: ServiceSettings::new(cluster, 1),
        }
    }

    accessor_methods! {
        /// The service.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let worker = FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        /// #     ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .build()?;
        /// stack.add_output("WorkerServiceName", Output::new(worker.service().name()))?;
        /// assert_eq!(worker.service().handle().logical_id(), "WorkerService");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn service;

        /// The task definition the service runs.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// use ecs_dsl::iam::PolicyStatement;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let worker = FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        /// #     ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .build()?;
        /// worker.task_definition().grant(
        ///     PolicyStatement::allow()
        ///         .action("sqs:ReceiveMessage")
        ///         .resource("arn:aws:sqs:eu-west-1:123456789012:orders"),
        /// )?;
        /// assert_eq!(worker.task_definition().logical_id(), "WorkerTask");
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// assert!(t.to_string().contains("sqs:ReceiveMessage"));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn task_definition;

        /// The tasks' security group (no inbound rule; open outbound).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// use ecs_dsl::ec2::{Port, SecurityGroup};
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let worker = FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        /// #     ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .build()?;
        /// let db = SecurityGroup::new(&stack, "DbSg", &vpc, "Database")?;
        /// db.allow_from(worker.tasks_security_group(), Port::tcp(5432), "Postgres from the worker")?;
        /// assert_eq!(worker.tasks_security_group().name(), "WorkerTasksSg");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn tasks_security_group;

        /// With [`auto_scale`](FargateWorkerServiceBuilder::auto_scale): the scalable target, to
        /// add policies (say step scaling on the queue depth) and schedules.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// use ecs_dsl::ecs::{AdjustmentType, ScalingStep, StepScaling};
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let worker = FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        ///         ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .auto_scale(1, 20, 70.0)
        ///     .build()?;
        /// let scaling = worker.scaling().expect("auto_scale was called");
        /// let on_backlog = scaling.scale_on_steps(
        ///     "WorkerBacklog",
        ///     StepScaling::new(AdjustmentType::ChangeInCapacity)
        ///         .step(ScalingStep::new(2).from(0.0).to(500.0))
        ///         .step(ScalingStep::new(5).from(500.0)),
        /// )?;
        /// # let _ = on_backlog;
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn scaling;

        /// With [`auto_scale`](FargateWorkerServiceBuilder::auto_scale): the CPU target tracking
        /// policy (`<id>CpuScaling`).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let worker = FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        ///         ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .auto_scale(1, 20, 70.0)
        ///     .build()?;
        /// assert_eq!(worker.cpu_scaling_policy().map(|p| p.logical_id()), Some("WorkerCpuScaling"));
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
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let worker = FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        /// #     ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .build()?;
        /// stack.add_output("WorkerLogs", Output::new(worker.log_group().expect("awslogs").name()))?;
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn log_group;
    }
}

impl<'a, S: SizeFor<Fargate>> FargateWorkerServiceBuilder<'a, S> {
    builder_methods! {
        /// The container's name (default `worker`; rule S15).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let worker = FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        ///         ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .container_name("orders")
        ///     .build()?;
        /// assert!(worker.task_definition().container("orders").is_some());
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn container_name;

        /// How many tasks run without auto scaling (default 1).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// use ecs_dsl::assertions::Template;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        ///         ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .desired_count(3)
        ///     .build()?;
        /// let t = Template::from_app(&app, "jobs")?;
        /// t.has_resource_properties("AWS::ECS::Service", serde_json::json!({"DesiredCount": 3}));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn desired_count;

        /// Scales the task count between `min` and `max`, tracking `cpu_percent` average CPU
        /// (1-100). The service then has no `DesiredCount` (rule S16); more policies can be
        /// added through [`FargateWorkerService::scaling`].
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// use ecs_dsl::assertions::Template;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        ///         ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .auto_scale(1, 5, 70.0)
        ///     .build()?;
        /// let t = Template::from_app(&app, "jobs")?;
        /// t.has_resource_properties("AWS::ApplicationAutoScaling::ScalableTarget", serde_json::json!({"MinCapacity": 1, "MaxCapacity": 5}));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn auto_scale;

        /// How long the log group keeps the container's logs (default one month).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// use ecs_dsl::logs::Retention;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let worker = FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        ///         ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .log_retention(Retention::TwoWeeks)
        ///     .build()?;
        /// assert_eq!(worker.log_group().map(|g| g.retention()), Some(Retention::TwoWeeks));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn log_retention;

        /// Customizes the container before it is added: environment, secrets, command, health
        /// check, limits... It already logs through awslogs. Calls add up, in order.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let queue_url = stack.add_parameter("QueueUrl", Parameter::string())?;
        /// FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        ///         ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .container(|c| c.env("QUEUE_URL", queue_url.value()).stop_timeout_secs(60))
        ///     .build()?;
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// let c = &t["Resources"]["WorkerTask"]["Properties"]["ContainerDefinitions"][0];
        /// assert_eq!(c["Environment"][0]["Value"]["Ref"], "QueueUrl");
        /// assert_eq!(c["StopTimeout"], 60);
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
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// use ecs_dsl::ecs::EphemeralStorage;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        ///         ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .task_definition(|t| t.family("order-worker").ephemeral_storage(EphemeralStorage::gib(50)))
        ///     .build()?;
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// assert_eq!(t["Resources"]["WorkerTask"]["Properties"]["EphemeralStorage"]["SizeInGiB"], 50);
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn task_definition;

        /// Customizes the service builder after the pattern's settings (which it may override):
        /// a name, tags, ECS Exec, deployment percentages.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::FargateWorkerService;
        /// use ecs_dsl::assertions::Template;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// FargateWorkerService::builder(&stack, "Worker", &vpc, &cluster,
        ///         ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .service(|s| s.max_percent(150).enable_execute_command())
        ///     .build()?;
        /// let t = Template::from_app(&app, "jobs")?;
        /// t.has_resource_properties("AWS::ECS::Service", serde_json::json!({"DeploymentConfiguration": {"MaximumPercent": 150}}));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn service<NoLoadBalancer>;
    }

    /// Checks the settings and adds everything to the stack. Errors name the stack, the
    /// logical id and the field: a VPC without private subnets, `min` above `max` or a CPU
    /// target outside 1-100 in [`auto_scale`](Self::auto_scale) (checked before anything is
    /// added), and every check of the L2 builders.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::FargateWorkerService;
    /// use ecs_dsl::ec2::Vpc;
    /// # let mut app = App::new();
    /// # let stack = app.stack("jobs")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let no_private_subnets = Vpc::from_attributes("vpc-0a1b2c3d", "10.0.0.0/16");
    /// let err = FargateWorkerService::builder(&stack, "Worker", &no_private_subnets, &cluster,
    ///         ecs_dsl::image!("example/order-worker:7"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("Subnets"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<FargateWorkerService> {
        self.service.check(&self.site)?;
        let (task, ()) = self.parts.build(&self.site, |_| ())?;
        // No load balancer: nothing to attach the service to, nothing to open the tasks to.
        let service_parts = self
            .service
            .build(&self.site, &task, |s| s, |_, _| Ok(()))?;
        Ok(FargateWorkerService { service_parts })
    }
}
