//! Service auto scaling: an `AWS::ApplicationAutoScaling::ScalableTarget` on a service's
//! desired count, with target tracking (CPU, memory, ALB requests per target; rule S17), step
//! scaling and scheduled actions.
//!
//! # Rule S16: a deploy never resets the scaled task count
//!
//! Once Application Auto Scaling owns a service's task count, a template that pins
//! `DesiredCount` fights it: every stack update sets the count back to the template's number,
//! so a service scaled out to 12 tasks under load drops to 2 on the next unrelated deploy
//! ([aws/aws-cdk#3919](https://github.com/aws/aws-cdk/issues/3919)).
//!
//! [`Service::auto_scale`] (and [`ScalableTarget::new`]) therefore **remove `DesiredCount`
//! from the service's L1 resource** when the scalable target is added, the approach the AWS CDK
//! took for the issue. With `DesiredCount` absent, CloudFormation:
//!
//! * on **create** starts the service with ECS's default of one task, and registering the
//!   scalable target then moves the count into `[MinCapacity, MaxCapacity]` (Application Auto
//!   Scaling changes an active resource's capacity to a value inside the registered range);
//! * on **update** leaves the running count alone ("for existing services, if a desired count
//!   is not specified, it is omitted from the operation"), so scaled capacity survives deploys.
//!
//! A `desired_count` given to the service builder is thus only a starting point without
//! scaling; with scaling, the initial count comes from `MinCapacity`. The service without
//! scaling keeps its `DesiredCount` (default 1) as before.
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TargetTracking, TaskDefinition};
//! let mut app = App::new();
//! let stack = app.stack("web")?;
//! let cluster = Cluster::builder(&stack, "Cluster").build()?;
//! let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
//! let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
//! let task = task.container(web).build()?;
//! let service = Service::replica(&stack, "Web", &cluster, &task)
//!     .desired_count(2)
//!     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
//!     .build()?;
//! let scaling = service.auto_scale(2, 10)?;
//! scaling.scale_on_cpu("WebCpuScaling", TargetTracking::new(60.0))?;
//!
//! let t = app.synthesize()?.stacks[0].template_json();
//! // rule S16: the template no longer pins the task count
//! assert!(t["Resources"]["Web"]["Properties"].get("DesiredCount").is_none());
//! assert_eq!(t["Resources"]["WebScalableTarget"]["Properties"]["MinCapacity"], 2);
//! # Ok::<(), ecs_dsl::Error>(())
//! ```
//!
//! Errors name the stack, the logical id and the field; the bounds of capacities, target
//! values, step intervals and schedules are not rules of `ecs-rules.md` and come back as
//! [`Error::InvalidValue`](crate::Error::InvalidValue), while S1 (daemon services) and S17
//! (resource labels) come back as [`Error::Rule`](crate::Error::Rule).

use std::ops::RangeInclusive;

use super::service::Service;
use super::service_state::Replicated;
use crate::cfn::applicationautoscaling::ScalableTarget as CfnScalableTarget;
use crate::cfn::applicationautoscaling::ScalingPolicy;
use crate::cfn::applicationautoscaling::scalable_target::{
    ScalableTargetAction, ScalableTargetScalableDimension, ScalableTargetServiceNamespace,
    ScheduledAction,
};
use crate::cfn::applicationautoscaling::scaling_policy::{
    PredefinedMetricSpecification, PredefinedMetricSpecificationPredefinedMetricType as Predefined,
    ScalingPolicyPolicyType, StepAdjustment, StepScalingPolicyConfiguration,
    StepScalingPolicyConfigurationAdjustmentType as CfnAdjustmentType,
    StepScalingPolicyConfigurationMetricAggregationType as CfnAggregation,
    TargetTrackingScalingPolicyConfiguration,
};
use crate::cfn::ecs::Service as CfnService;
use crate::cfn::elasticloadbalancingv2::{LoadBalancer, TargetGroup};
use crate::error::{Error, Result};
use crate::template::{Handle, Stack, Value, intrinsic};

/// The service-linked role Application Auto Scaling uses for ECS services.
const ECS_SCALING_ROLE: &str = "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService";

impl<L, N, K> Service<L, N, K> {
    /// Scales the service's task count between `min` and `max` tasks: adds an
    /// `AWS::ApplicationAutoScaling::ScalableTarget` with logical id `<service id>ScalableTarget`
    /// and removes `DesiredCount` from the service (rule S16; see
    /// [`ScalableTarget`](ScalableTarget#rule-s16-a-deploy-never-resets-the-scaled-task-count)).
    ///
    /// Fails when `min > max`, or when the service already has a scalable target (rule F3: the
    /// logical id is taken). A daemon service has no desired count to scale (rule S1): calling
    /// this on one does not compile (`tests/ui/s1_auto_scale_daemon.rs`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # let task = task.container(web).build()?;
    /// let service = Service::replica(&stack, "Web", &cluster, &task)
    ///     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
    ///     .build()?;
    /// let scaling = service.auto_scale(1, 4)?;
    /// assert_eq!(scaling.logical_id(), "WebScalableTarget");
    /// assert!(service.auto_scale(1, 4).is_err()); // once per service
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn auto_scale(&self, min: u32, max: u32) -> Result<ScalableTarget>
    where
        K: Replicated,
    {
        ScalableTarget::new(self, min..=max)
    }
}

/// The scalable desired count of an ECS service (`AWS::ApplicationAutoScaling::ScalableTarget`,
/// namespace `ecs`, dimension `ecs:service:DesiredCount`), created by [`Service::auto_scale`].
///
/// Its `ResourceId` is `service/<cluster name>/<service name>` joined from the cluster's name
/// and the service's `Name` attribute; its `RoleARN` is the ECS service-linked role
/// `AWSServiceRoleForApplicationAutoScaling_ECSService`. Policies and schedules are added
/// through its methods.
///
/// # Rule S16: a deploy never resets the scaled task count
///
/// Adding the target removes `DesiredCount` from the service's `AWS::ECS::Service`, so that
/// stack updates leave the count Application Auto Scaling chose alone
/// ([aws/aws-cdk#3919](https://github.com/aws/aws-cdk/issues/3919)): CloudFormation omits an
/// absent `DesiredCount` from the update, and on create the service starts with one task
/// that registering the target moves into `[MinCapacity, MaxCapacity]`. A `desired_count`
/// given to the service builder only matters without scaling.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
/// use ecs_dsl::ecs::ScalableTarget;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
/// # let task = task.container(web).build()?;
/// # let service = Service::replica(&stack, "Web", &cluster, &task)
/// #     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
/// #     .build()?;
/// let scaling = ScalableTarget::new(&service, 2..=8)?;
/// assert_eq!((scaling.min_capacity(), scaling.max_capacity()), (2, 8));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ScalableTarget {
    stack: Stack,
    handle: Handle<CfnScalableTarget>,
    min: u32,
    max: u32,
}

impl ScalableTarget {
    /// The scalable target of `service` with `capacity` as `MinCapacity..=MaxCapacity`; the
    /// same as [`Service::auto_scale`].
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// use ecs_dsl::ecs::ScalableTarget;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # let task = task.container(web).build()?;
    /// # let service = Service::replica(&stack, "Web", &cluster, &task)
    /// #     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
    /// #     .build()?;
    /// let err = ScalableTarget::new(&service, 5..=2).unwrap_err();
    /// assert!(err.to_string().contains("MinCapacity"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new<L, N, K: Replicated>(
        service: &Service<L, N, K>,
        capacity: RangeInclusive<u32>,
    ) -> Result<Self> {
        let (min, max) = capacity.into_inner();
        let svc = &service.handle;
        let stack = svc.owning_stack();
        let id = format!("{}ScalableTarget", svc.logical_id());
        if min > max {
            return Err(Error::invalid_value(
                stack.name(),
                &id,
                "MinCapacity",
                format!("MinCapacity {min} is above MaxCapacity {max}"),
            ));
        }
        let cluster = service.cluster.clone();
        let resource_id = intrinsic::join(
            "/",
            [
                Value::from("service"),
                cluster_name(cluster),
                svc.attr_name(),
            ],
        );
        let target = CfnScalableTarget::new(
            i64::from(max),
            i64::from(min),
            resource_id,
            ScalableTargetScalableDimension::EcsServiceDesiredCount,
            ScalableTargetServiceNamespace::Ecs,
        )
        .role_arn(intrinsic::sub(ECS_SCALING_ROLE));
        let handle = stack.add(&id, target)?;
        // Rule S16: once scaling owns the count, the template must not pin it.
        svc.update(|s: &mut CfnService| s.desired_count = None)?;
        Ok(ScalableTarget {
            stack,
            handle,
            min,
            max,
        })
    }

    /// The L1 resource (its `Ref` is what `ScalingTargetId` of a policy takes).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # let task = task.container(web).build()?;
    /// # let service = Service::replica(&stack, "Web", &cluster, &task)
    /// #     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
    /// #     .build()?;
    /// let scaling = service.auto_scale(1, 3)?;
    /// assert_eq!(scaling.handle().logical_id(), scaling.logical_id());
    /// let scaling_target_id = scaling.handle().reference();
    /// # let _ = scaling_target_id;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> &Handle<CfnScalableTarget> {
        &self.handle
    }

    /// The logical id: `<service id>ScalableTarget`.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # let task = task.container(web).build()?;
    /// # let service = Service::replica(&stack, "Web", &cluster, &task)
    /// #     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
    /// #     .build()?;
    /// assert_eq!(service.auto_scale(1, 3)?.logical_id(), "WebScalableTarget");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn logical_id(&self) -> &str {
        self.handle.logical_id()
    }

    /// `MinCapacity`.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # let task = task.container(web).build()?;
    /// # let service = Service::replica(&stack, "Web", &cluster, &task)
    /// #     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
    /// #     .build()?;
    /// assert_eq!(service.auto_scale(1, 3)?.min_capacity(), 1);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn min_capacity(&self) -> u32 {
        self.min
    }

    /// `MaxCapacity`.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # let task = task.container(web).build()?;
    /// # let service = Service::replica(&stack, "Web", &cluster, &task)
    /// #     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
    /// #     .build()?;
    /// assert_eq!(service.auto_scale(1, 3)?.max_capacity(), 3);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn max_capacity(&self) -> u32 {
        self.max
    }

    /// Tracks the service's average CPU utilization (`ECSServiceAverageCPUUtilization`) at
    /// `tracking`'s target, a percentage in 1-100. `id` is the policy's logical id and name.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// use ecs_dsl::ecs::TargetTracking;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # let task = task.container(web).build()?;
    /// # let service = Service::replica(&stack, "Web", &cluster, &task)
    /// #     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
    /// #     .build()?;
    /// let scaling = service.auto_scale(1, 10)?;
    /// scaling.scale_on_cpu("WebCpu", TargetTracking::new(50.0).scale_in_cooldown_secs(300))?;
    /// assert!(scaling.scale_on_cpu("WebCpu2", TargetTracking::new(150.0)).is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn scale_on_cpu(
        &self,
        id: &str,
        tracking: TargetTracking,
    ) -> Result<Handle<ScalingPolicy>> {
        self.track(
            id,
            Predefined::EcsServiceAverageCpuUtilization,
            None,
            tracking,
        )
    }

    /// Tracks the service's average memory utilization
    /// (`ECSServiceAverageMemoryUtilization`) at `tracking`'s target, a percentage in 1-100.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// use ecs_dsl::ecs::TargetTracking;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # let task = task.container(web).build()?;
    /// # let service = Service::replica(&stack, "Web", &cluster, &task)
    /// #     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
    /// #     .build()?;
    /// let scaling = service.auto_scale(1, 10)?;
    /// scaling.scale_on_memory("WebMemory", TargetTracking::new(75.0).disable_scale_in())?;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn scale_on_memory(
        &self,
        id: &str,
        tracking: TargetTracking,
    ) -> Result<Handle<ScalingPolicy>> {
        self.track(
            id,
            Predefined::EcsServiceAverageMemoryUtilization,
            None,
            tracking,
        )
    }

    /// Tracks the requests per target of a target group of an Application Load Balancer
    /// (`ALBRequestCountPerTarget`) at `tracking`'s target (requests per task, above 0). The
    /// [`ResourceLabel`] names the load balancer and the target group (rule S17).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// use ecs_dsl::ecs::{ResourceLabel, TargetTracking};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # let task = task.container(web).build()?;
    /// # let service = Service::replica(&stack, "Web", &cluster, &task)
    /// #     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
    /// #     .build()?;
    /// let scaling = service.auto_scale(1, 10)?;
    /// let label = ResourceLabel::new("app/web/50dc6c495c0c9188", "targetgroup/web/943f017f100becff");
    /// scaling.scale_on_request_count("WebRequests", TargetTracking::new(1000.0), label)?;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn scale_on_request_count(
        &self,
        id: &str,
        tracking: TargetTracking,
        label: ResourceLabel,
    ) -> Result<Handle<ScalingPolicy>> {
        let label = label.render(self.stack.name(), id)?;
        self.track(
            id,
            Predefined::AlbRequestCountPerTarget,
            Some(label),
            tracking,
        )
    }

    fn track(
        &self,
        id: &str,
        metric: Predefined,
        label: Option<Value<String>>,
        t: TargetTracking,
    ) -> Result<Handle<ScalingPolicy>> {
        let field = "TargetTrackingScalingPolicyConfiguration.TargetValue";
        let bad = |reason: String| Error::invalid_value(self.stack.name(), id, field, reason);
        let v = t.target_value;
        if metric == Predefined::AlbRequestCountPerTarget {
            if !(v.is_finite() && v > 0.0) {
                return Err(bad(format!(
                    "{v} requests per target; the target must be a number above 0"
                )));
            }
        } else if !(v.is_finite() && (1.0..=100.0).contains(&v)) {
            return Err(bad(format!(
                "{v} % utilization; the target must be 1 to 100 %"
            )));
        }
        let mut spec = PredefinedMetricSpecification::new(metric);
        if let Some(label) = label {
            spec = spec.resource_label(label);
        }
        let mut config =
            TargetTrackingScalingPolicyConfiguration::new(v).predefined_metric_specification(spec);
        if let Some(secs) = t.scale_in_cooldown {
            config = config.scale_in_cooldown(secs);
        }
        if let Some(secs) = t.scale_out_cooldown {
            config = config.scale_out_cooldown(secs);
        }
        if t.disable_scale_in {
            config = config.disable_scale_in(true);
        }
        let policy = ScalingPolicy::new(id, ScalingPolicyPolicyType::TargetTrackingScaling)
            .scaling_target_id(self.handle.reference())
            .target_tracking_scaling_policy_configuration(config);
        self.stack.add(id, policy)
    }

    /// A step scaling policy: steps of capacity change by how far a CloudWatch alarm's metric
    /// is beyond the alarm threshold. The policy acts only when an alarm names it in its
    /// `AlarmActions` (its `Ref` is its ARN). The steps' intervals must neither overlap nor
    /// leave gaps.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// use ecs_dsl::ecs::{AdjustmentType, ScalingStep, StepScaling};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # let task = task.container(web).build()?;
    /// # let service = Service::replica(&stack, "Web", &cluster, &task)
    /// #     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
    /// #     .build()?;
    /// let scaling = service.auto_scale(1, 10)?;
    /// let policy = scaling.scale_on_steps(
    ///     "WebQueueDepth",
    ///     StepScaling::new(AdjustmentType::ChangeInCapacity)
    ///         .step(ScalingStep::new(1).from(0.0).to(100.0))
    ///         .step(ScalingStep::new(3).from(100.0))
    ///         .cooldown_secs(120),
    /// )?;
    /// let alarm_action = policy.reference();
    /// # let _ = alarm_action;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn scale_on_steps(&self, id: &str, steps: StepScaling) -> Result<Handle<ScalingPolicy>> {
        let adjustments = steps.check(self.stack.name(), id)?;
        let mut config = StepScalingPolicyConfiguration::new()
            .adjustment_type(steps.adjustment.to_cfn())
            .step_adjustments(adjustments);
        if let Some(secs) = steps.cooldown {
            config = config.cooldown(secs);
        }
        if let Some(agg) = steps.aggregation {
            config = config.metric_aggregation_type(agg.to_cfn());
        }
        if let Some(m) = steps.min_adjustment_magnitude {
            config = config.min_adjustment_magnitude(m);
        }
        let policy = ScalingPolicy::new(id, ScalingPolicyPolicyType::StepScaling)
            .scaling_target_id(self.handle.reference())
            .step_scaling_policy_configuration(config);
        self.stack.add(id, policy)
    }

    /// A scheduled action named `name` that sets the minimum and/or maximum capacity at the
    /// times of `schedule` (a `ScheduledActions` item of the scalable target). Names are unique
    /// per target.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// use ecs_dsl::ecs::{Schedule, ScheduledCapacity};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # let task = task.container(web).build()?;
    /// # let service = Service::replica(&stack, "Web", &cluster, &task)
    /// #     .network(AwsVpcNetwork::new(vec!["subnet-0a", "subnet-0b"]))
    /// #     .build()?;
    /// let scaling = service.auto_scale(1, 10)?;
    /// scaling.scale_on_schedule(
    ///     "morning",
    ///     Schedule::cron("0 8 ? * MON-FRI *"),
    ///     ScheduledCapacity::new().min_capacity(4),
    /// )?;
    /// scaling.scale_on_schedule(
    ///     "evening",
    ///     Schedule::cron("0 20 ? * MON-FRI *"),
    ///     ScheduledCapacity::new().min_capacity(1).max_capacity(10),
    /// )?;
    /// assert!(scaling
    ///     .scale_on_schedule("bad", Schedule::cron("0 8 * * *"), ScheduledCapacity::new().min_capacity(1))
    ///     .is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn scale_on_schedule(
        &self,
        name: &str,
        schedule: impl Into<ScalingSchedule>,
        capacity: ScheduledCapacity,
    ) -> Result<()> {
        let stack = self.stack.name();
        let id = self.logical_id();
        let field = format!("ScheduledActions[{name}]");
        let bad = |sub: &str, reason: String| {
            Error::invalid_value(stack, id, format!("{field}{sub}"), reason)
        };
        if let Some(reason) = action_name_problem(name) {
            return Err(bad(".ScheduledActionName", format!("`{name}` {reason}")));
        }
        let expression = schedule
            .into()
            .render()
            .map_err(|reason| bad(".Schedule", reason))?;
        let mut action_capacity = ScalableTargetAction::new();
        match (capacity.min, capacity.max) {
            (None, None) => {
                return Err(bad(
                    ".ScalableTargetAction",
                    "a scheduled action sets MinCapacity, MaxCapacity or both".into(),
                ));
            }
            (Some(min), Some(max)) if min > max => {
                return Err(bad(
                    ".ScalableTargetAction.MinCapacity",
                    format!("MinCapacity {min} is above MaxCapacity {max}"),
                ));
            }
            (min, max) => {
                if let Some(min) = min {
                    action_capacity = action_capacity.min_capacity(min);
                }
                if let Some(max) = max {
                    action_capacity = action_capacity.max_capacity(max);
                }
            }
        }
        let mut action =
            ScheduledAction::new(expression, name).scalable_target_action(action_capacity);
        if let Some(tz) = capacity.timezone {
            action = action.timezone(tz);
        }
        let duplicate = self.handle.update(|t: &mut CfnScalableTarget| {
            let actions = t
                .scheduled_actions
                .get_or_insert_with(|| Value::Literal(Vec::new()));
            let Value::Literal(list) = actions else {
                return Some("the scheduled actions are an expression".to_owned());
            };
            let taken = list.iter().any(|a| {
                matches!(a, Value::Literal(a) if a.scheduled_action_name.literal().map(String::as_str) == Some(name))
            });
            if taken {
                return Some(format!("a scheduled action named `{name}` already exists"));
            }
            list.push(Value::Literal(action));
            None
        })?;
        match duplicate {
            Some(reason) => Err(bad(".ScheduledActionName", reason)),
            None => Ok(()),
        }
    }
}

/// The cluster's name for the resource id: a literal ARN is cut to its name; no cluster is the
/// `default` cluster; an expression (`Ref` of a cluster of this app) is used as it is.
fn cluster_name(cluster: Value<String>) -> Value<String> {
    match cluster {
        Value::Literal(s) if s.starts_with("arn:") => match s.rsplit_once('/') {
            Some((_, name)) => Value::from(name),
            None => Value::Literal(s),
        },
        v => v,
    }
}

/// What is wrong with a scheduled action name (1-256 printable characters without `:`, `/`,
/// `|` and without leading or trailing spaces), if anything.
fn action_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() || name.chars().count() > 256 {
        Some("must be 1 to 256 characters")
    } else if name.starts_with(' ') || name.ends_with(' ') {
        Some("must not start or end with a space")
    } else if name
        .chars()
        .any(|c| c.is_control() || matches!(c, ':' | '/' | '|'))
    {
        Some("must not contain `:`, `/`, `|` or control characters")
    } else {
        None
    }
}

/// A target tracking configuration: the target value and optional cooldowns; scale-in can be
/// turned off so that the policy only adds tasks.
///
/// ```
/// use ecs_dsl::ecs::TargetTracking;
/// let t = TargetTracking::new(60.0)
///     .scale_in_cooldown_secs(300)
///     .scale_out_cooldown_secs(60)
///     .disable_scale_in();
/// # let _ = t;
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetTracking {
    target_value: f64,
    scale_in_cooldown: Option<u32>,
    scale_out_cooldown: Option<u32>,
    disable_scale_in: bool,
}

impl TargetTracking {
    /// Keeps the metric at `target_value` (a percentage for CPU and memory, requests per
    /// target for request counts; checked when the policy is added).
    ///
    /// ```
    /// let cpu_at_60 = ecs_dsl::ecs::TargetTracking::new(60.0);
    /// # let _ = cpu_at_60;
    /// ```
    pub fn new(target_value: f64) -> Self {
        TargetTracking {
            target_value,
            scale_in_cooldown: None,
            scale_out_cooldown: None,
            disable_scale_in: false,
        }
    }

    /// Seconds after a scale-in before another scale-in starts (`ScaleInCooldown`).
    ///
    /// ```
    /// # let t = ecs_dsl::ecs::TargetTracking::new(50.0).scale_in_cooldown_secs(600);
    /// ```
    pub fn scale_in_cooldown_secs(mut self, secs: u32) -> Self {
        self.scale_in_cooldown = Some(secs);
        self
    }

    /// Seconds after a scale-out before another scale-out starts (`ScaleOutCooldown`).
    ///
    /// ```
    /// # let t = ecs_dsl::ecs::TargetTracking::new(50.0).scale_out_cooldown_secs(30);
    /// ```
    pub fn scale_out_cooldown_secs(mut self, secs: u32) -> Self {
        self.scale_out_cooldown = Some(secs);
        self
    }

    /// The policy never removes tasks (`DisableScaleIn`); another policy or a schedule does.
    ///
    /// ```
    /// # let t = ecs_dsl::ecs::TargetTracking::new(50.0).disable_scale_in();
    /// ```
    pub fn disable_scale_in(mut self) -> Self {
        self.disable_scale_in = true;
        self
    }
}

/// The `ResourceLabel` of `ALBRequestCountPerTarget` (rule S17):
/// `app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>`, joined from the load balancer's and
/// the target group's full names. Literal full names are checked when the policy is added.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cfn::elasticloadbalancingv2::{LoadBalancer, TargetGroup};
/// use ecs_dsl::ecs::ResourceLabel;
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let lb = stack.add("Lb", LoadBalancer::new())?;
/// let tg = stack.add("Tg", TargetGroup::new())?;
/// let from_handles = ResourceLabel::from_handles(&lb, &tg);
/// let from_values = ResourceLabel::new(lb.attr_load_balancer_full_name(), tg.attr_target_group_full_name());
/// assert_eq!(from_handles, from_values);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceLabel {
    load_balancer: Value<String>,
    target_group: Value<String>,
}

impl ResourceLabel {
    /// From a load balancer's full name (`app/<name>/<id>`, its `LoadBalancerFullName`
    /// attribute) and a target group's full name (`targetgroup/<name>/<id>`, its
    /// `TargetGroupFullName` attribute).
    ///
    /// ```
    /// use ecs_dsl::ecs::ResourceLabel;
    /// let label = ResourceLabel::new("app/web/50dc6c495c0c9188", "targetgroup/web/943f017f100becff");
    /// # let _ = label;
    /// ```
    pub fn new(
        load_balancer_full_name: impl Into<Value<String>>,
        target_group_full_name: impl Into<Value<String>>,
    ) -> Self {
        ResourceLabel {
            load_balancer: load_balancer_full_name.into(),
            target_group: target_group_full_name.into(),
        }
    }

    /// From the L1 load balancer and target group of this app: `Fn::Join` of their
    /// `LoadBalancerFullName` and `TargetGroupFullName` attributes.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::elasticloadbalancingv2::{LoadBalancer, TargetGroup};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let lb = stack.add("Lb", LoadBalancer::new())?;
    /// let tg = stack.add("Tg", TargetGroup::new())?;
    /// let label = ecs_dsl::ecs::ResourceLabel::from_handles(&lb, &tg);
    /// # let _ = label;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn from_handles(
        load_balancer: &Handle<LoadBalancer>,
        target_group: &Handle<TargetGroup>,
    ) -> Self {
        Self::new(
            load_balancer.attr_load_balancer_full_name(),
            target_group.attr_target_group_full_name(),
        )
    }

    /// The label, checking literal full names (rule S17).
    fn render(&self, stack: &str, id: &str) -> Result<Value<String>> {
        let field =
            "TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel";
        let check = |value: &Value<String>, prefix: &str, what: &str| -> Result<()> {
            if let Some(s) = value.literal() {
                let parts: Vec<&str> = s.split('/').collect();
                if parts.len() != 3 || parts[0] != prefix || parts[1..].iter().any(|p| p.is_empty())
                {
                    return Err(Error::rule(
                        stack,
                        id,
                        field,
                        "S17",
                        format!("`{s}` is not a {what} full name `{prefix}/<name>/<id>`"),
                    ));
                }
            }
            Ok(())
        };
        check(&self.load_balancer, "app", "load balancer")?;
        check(&self.target_group, "targetgroup", "target group")?;
        Ok(
            match (self.load_balancer.literal(), self.target_group.literal()) {
                (Some(lb), Some(tg)) => Value::from(format!("{lb}/{tg}")),
                _ => intrinsic::join("/", [self.load_balancer.clone(), self.target_group.clone()]),
            },
        )
    }
}

/// How a step changes the capacity.
///
/// ```
/// use ecs_dsl::ecs::{AdjustmentType, StepScaling};
/// let s = StepScaling::new(AdjustmentType::PercentChangeInCapacity);
/// # let _ = s;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustmentType {
    /// Adds (or removes, when negative) this many tasks.
    ChangeInCapacity,
    /// Sets the task count to this number.
    ExactCapacity,
    /// Changes the task count by this percentage.
    PercentChangeInCapacity,
}

impl AdjustmentType {
    fn to_cfn(self) -> CfnAdjustmentType {
        match self {
            AdjustmentType::ChangeInCapacity => CfnAdjustmentType::ChangeInCapacity,
            AdjustmentType::ExactCapacity => CfnAdjustmentType::ExactCapacity,
            AdjustmentType::PercentChangeInCapacity => CfnAdjustmentType::PercentChangeInCapacity,
        }
    }
}

/// How the alarm's data points are aggregated (`MetricAggregationType`).
///
/// ```
/// use ecs_dsl::ecs::{AdjustmentType, MetricAggregation, StepScaling};
/// let s = StepScaling::new(AdjustmentType::ChangeInCapacity).aggregation(MetricAggregation::Maximum);
/// # let _ = s;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricAggregation {
    /// `Average` (the default).
    Average,
    /// `Maximum`.
    Maximum,
    /// `Minimum`.
    Minimum,
}

impl MetricAggregation {
    fn to_cfn(self) -> CfnAggregation {
        match self {
            MetricAggregation::Average => CfnAggregation::Average,
            MetricAggregation::Maximum => CfnAggregation::Maximum,
            MetricAggregation::Minimum => CfnAggregation::Minimum,
        }
    }
}

/// One step of a [`StepScaling`] policy: the adjustment applied while the metric minus the
/// alarm threshold is in `[from, to)`; an open end is unbounded.
///
/// ```
/// use ecs_dsl::ecs::ScalingStep;
/// let out = ScalingStep::new(2).from(0.0).to(50.0); // +2 tasks when 0 <= breach < 50
/// let far_out = ScalingStep::new(5).from(50.0); // +5 tasks from 50 up
/// let in_ = ScalingStep::new(-1).to(0.0); // -1 task below the threshold
/// # let _ = (out, far_out, in_);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScalingStep {
    adjustment: i32,
    lower: Option<f64>,
    upper: Option<f64>,
}

impl ScalingStep {
    /// A step applying `adjustment` (tasks, percent or an exact count, by the policy's
    /// [`AdjustmentType`]) over an unbounded interval until bounded by `from`/`to`.
    ///
    /// ```
    /// let everywhere = ecs_dsl::ecs::ScalingStep::new(1);
    /// # let _ = everywhere;
    /// ```
    pub fn new(adjustment: i32) -> Self {
        ScalingStep {
            adjustment,
            lower: None,
            upper: None,
        }
    }

    /// The inclusive lower bound (`MetricIntervalLowerBound`).
    ///
    /// ```
    /// # let s = ecs_dsl::ecs::ScalingStep::new(1).from(10.0);
    /// ```
    pub fn from(mut self, lower: f64) -> Self {
        self.lower = Some(lower);
        self
    }

    /// The exclusive upper bound (`MetricIntervalUpperBound`).
    ///
    /// ```
    /// # let s = ecs_dsl::ecs::ScalingStep::new(-1).to(0.0);
    /// ```
    pub fn to(mut self, upper: f64) -> Self {
        self.upper = Some(upper);
        self
    }
}

/// A step scaling configuration: an [`AdjustmentType`], the [`ScalingStep`]s and optional
/// cooldown, aggregation and minimum adjustment (for percentages).
///
/// ```
/// use ecs_dsl::ecs::{AdjustmentType, ScalingStep, StepScaling};
/// let scale_in = StepScaling::new(AdjustmentType::ChangeInCapacity)
///     .step(ScalingStep::new(-1).from(-20.0).to(0.0))
///     .step(ScalingStep::new(-2).to(-20.0))
///     .cooldown_secs(300);
/// # let _ = scale_in;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StepScaling {
    adjustment: AdjustmentType,
    steps: Vec<ScalingStep>,
    cooldown: Option<u32>,
    aggregation: Option<MetricAggregation>,
    min_adjustment_magnitude: Option<u32>,
}

impl StepScaling {
    /// A configuration without steps yet.
    ///
    /// ```
    /// use ecs_dsl::ecs::{AdjustmentType, StepScaling};
    /// let s = StepScaling::new(AdjustmentType::ExactCapacity);
    /// # let _ = s;
    /// ```
    pub fn new(adjustment: AdjustmentType) -> Self {
        StepScaling {
            adjustment,
            steps: Vec::new(),
            cooldown: None,
            aggregation: None,
            min_adjustment_magnitude: None,
        }
    }

    /// Adds a step (intervals are checked for overlaps and gaps when the policy is added).
    ///
    /// ```
    /// # use ecs_dsl::ecs::{AdjustmentType, ScalingStep, StepScaling};
    /// let s = StepScaling::new(AdjustmentType::ExactCapacity).step(ScalingStep::new(10).from(0.0));
    /// # let _ = s;
    /// ```
    pub fn step(mut self, step: ScalingStep) -> Self {
        self.steps.push(step);
        self
    }

    /// Seconds to wait after a scaling activity before another can start (`Cooldown`).
    ///
    /// ```
    /// # use ecs_dsl::ecs::{AdjustmentType, StepScaling};
    /// let s = StepScaling::new(AdjustmentType::ChangeInCapacity).cooldown_secs(60);
    /// # let _ = s;
    /// ```
    pub fn cooldown_secs(mut self, secs: u32) -> Self {
        self.cooldown = Some(secs);
        self
    }

    /// How the alarm's data points are aggregated.
    ///
    /// ```
    /// use ecs_dsl::ecs::{AdjustmentType, MetricAggregation, StepScaling};
    /// let s = StepScaling::new(AdjustmentType::ChangeInCapacity).aggregation(MetricAggregation::Minimum);
    /// # let _ = s;
    /// ```
    pub fn aggregation(mut self, aggregation: MetricAggregation) -> Self {
        self.aggregation = Some(aggregation);
        self
    }

    /// The least number of tasks a percentage step changes (`MinAdjustmentMagnitude`; only
    /// with [`AdjustmentType::PercentChangeInCapacity`]).
    ///
    /// ```
    /// # use ecs_dsl::ecs::{AdjustmentType, StepScaling};
    /// let s = StepScaling::new(AdjustmentType::PercentChangeInCapacity).min_adjustment_magnitude(2);
    /// # let _ = s;
    /// ```
    pub fn min_adjustment_magnitude(mut self, tasks: u32) -> Self {
        self.min_adjustment_magnitude = Some(tasks);
        self
    }

    /// Checks the steps and renders them in the order given.
    fn check(&self, stack: &str, id: &str) -> Result<Vec<StepAdjustment>> {
        let base = "StepScalingPolicyConfiguration";
        let bad = |field: String, reason: String| Error::invalid_value(stack, id, field, reason);
        if self.min_adjustment_magnitude.is_some()
            && self.adjustment != AdjustmentType::PercentChangeInCapacity
        {
            return Err(bad(
                format!("{base}.MinAdjustmentMagnitude"),
                "applies only with the PercentChangeInCapacity adjustment type".into(),
            ));
        }
        if self.steps.is_empty() {
            return Err(bad(
                format!("{base}.StepAdjustments"),
                "a step scaling policy needs at least one step".into(),
            ));
        }
        let field = |i: usize| format!("{base}.StepAdjustments[{i}]");
        let mut intervals = Vec::with_capacity(self.steps.len());
        for (i, s) in self.steps.iter().enumerate() {
            let lower = s.lower.unwrap_or(f64::NEG_INFINITY);
            let upper = s.upper.unwrap_or(f64::INFINITY);
            if s.lower.is_some_and(|b| !b.is_finite()) || s.upper.is_some_and(|b| !b.is_finite()) {
                return Err(bad(
                    field(i),
                    "a bound must be a finite number (leave it out for an open end)".into(),
                ));
            }
            if lower >= upper {
                return Err(bad(
                    field(i),
                    format!("the lower bound {lower} is not below the upper bound {upper}"),
                ));
            }
            if self.adjustment == AdjustmentType::ExactCapacity && s.adjustment < 0 {
                return Err(bad(
                    format!("{}.ScalingAdjustment", field(i)),
                    format!("an exact capacity of {} tasks", s.adjustment),
                ));
            }
            intervals.push((lower, upper, i));
        }
        intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in intervals.windows(2) {
            let [(_, a_up, a), (b_lo, _, b)] = [pair[0], pair[1]];
            if a_up > b_lo {
                return Err(bad(
                    field(b),
                    format!(
                        "its interval overlaps step {a}'s: step {a} ends at {a_up}, step {b} starts at {b_lo}"
                    ),
                ));
            }
            if a_up < b_lo {
                return Err(bad(
                    field(b),
                    format!(
                        "a gap between step {a} (ends at {a_up}) and step {b} (starts at {b_lo}); intervals must be contiguous"
                    ),
                ));
            }
        }
        Ok(self
            .steps
            .iter()
            .map(|s| {
                let mut adj = StepAdjustment::new(s.adjustment);
                if let Some(b) = s.lower {
                    adj = adj.metric_interval_lower_bound(b);
                }
                if let Some(b) = s.upper {
                    adj = adj.metric_interval_upper_bound(b);
                }
                adj
            })
            .collect())
    }
}

/// A recurring schedule: a cron expression or a rate (checked when it is used). Scheduled
/// scaling actions and scheduled tasks take it; a one-time `at(...)` exists for scaling
/// actions only ([`ScalingSchedule::at`]).
///
/// ```
/// use ecs_dsl::ecs::{RateUnit, Schedule};
/// let weekday_mornings = Schedule::cron("0 8 ? * MON-FRI *");
/// let hourly = Schedule::rate(1, RateUnit::Hours);
/// # let _ = (weekday_mornings, hourly);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule(ScheduleKind);

#[derive(Debug, Clone, PartialEq, Eq)]
enum ScheduleKind {
    Cron(String),
    Rate(u32, RateUnit),
}

/// When a scheduled scaling action runs: a recurring [`Schedule`] or a single time.
///
/// ```
/// use ecs_dsl::ecs::{RateUnit, Schedule, ScalingSchedule};
/// let once = ScalingSchedule::at("2030-01-01T00:00:00");
/// let hourly: ScalingSchedule = Schedule::rate(1, RateUnit::Hours).into();
/// # let _ = (once, hourly);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScalingSchedule {
    /// A cron expression or a rate.
    Recurring(Schedule),
    /// `at(<yyyy-mm-ddThh:mm:ss>)`: once.
    At(String),
}

impl ScalingSchedule {
    /// `at(<yyyy-mm-ddThh:mm:ss>)`: once.
    ///
    /// ```
    /// let launch_day = ecs_dsl::ecs::ScalingSchedule::at("2030-06-01T09:00:00");
    /// # let _ = launch_day;
    /// ```
    pub fn at(timestamp: impl Into<String>) -> Self {
        ScalingSchedule::At(timestamp.into())
    }

    /// The expression, or why it is invalid.
    fn render(&self) -> Result<String, String> {
        match self {
            ScalingSchedule::Recurring(schedule) => schedule.render(),
            ScalingSchedule::At(ts) => {
                let ok = ts.len() == 19
                    && ts.char_indices().all(|(i, c)| match i {
                        4 | 7 => c == '-',
                        10 => c == 'T',
                        13 | 16 => c == ':',
                        _ => c.is_ascii_digit(),
                    });
                if ok {
                    Ok(format!("at({ts})"))
                } else {
                    Err(format!("`{ts}` is not a time `yyyy-mm-ddThh:mm:ss`"))
                }
            }
        }
    }
}

impl From<Schedule> for ScalingSchedule {
    fn from(schedule: Schedule) -> Self {
        ScalingSchedule::Recurring(schedule)
    }
}

/// The unit of a [`Schedule::rate`].
///
/// ```
/// let unit = ecs_dsl::ecs::RateUnit::Minutes;
/// # let _ = unit;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateUnit {
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Days.
    Days,
}

impl Schedule {
    /// `cron(<fields>)`: six fields, minutes hours day-of-month month day-of-week year (UTC
    /// unless a time zone is set); one of day-of-month and day-of-week must be `?`.
    ///
    /// ```
    /// let first_of_month = ecs_dsl::ecs::Schedule::cron("0 0 1 * ? *");
    /// # let _ = first_of_month;
    /// ```
    pub fn cron(fields: impl Into<String>) -> Self {
        Schedule(ScheduleKind::Cron(fields.into()))
    }

    /// `rate(<value> <unit>)`, `value` at least 1.
    ///
    /// ```
    /// use ecs_dsl::ecs::{RateUnit, Schedule};
    /// let every_five_minutes = Schedule::rate(5, RateUnit::Minutes);
    /// # let _ = every_five_minutes;
    /// ```
    pub fn rate(value: u32, unit: RateUnit) -> Self {
        Schedule(ScheduleKind::Rate(value, unit))
    }

    /// The expression, or why it is invalid.
    pub(crate) fn render(&self) -> Result<String, String> {
        match &self.0 {
            ScheduleKind::Cron(fields) => {
                let parts: Vec<&str> = fields.split_whitespace().collect();
                if parts.len() != 6 {
                    return Err(format!(
                        "cron `{fields}` has {} fields; Application Auto Scaling takes 6 (minutes hours day-of-month month day-of-week year)",
                        parts.len()
                    ));
                }
                if (parts[2] == "?") == (parts[4] == "?") {
                    return Err(format!(
                        "cron `{fields}`: exactly one of day-of-month and day-of-week must be `?`"
                    ));
                }
                Ok(format!("cron({})", parts.join(" ")))
            }
            ScheduleKind::Rate(0, _) => Err("a rate of 0; the rate must be at least 1".into()),
            ScheduleKind::Rate(n, unit) => {
                let unit = match unit {
                    RateUnit::Minutes => "minute",
                    RateUnit::Hours => "hour",
                    RateUnit::Days => "day",
                };
                let plural = if *n == 1 { "" } else { "s" };
                Ok(format!("rate({n} {unit}{plural})"))
            }
        }
    }
}

/// The capacity a scheduled action sets: a new minimum, a new maximum or both, and optionally
/// the time zone its schedule is in (an IANA name such as `Europe/Paris`).
///
/// ```
/// use ecs_dsl::ecs::ScheduledCapacity;
/// let night = ScheduledCapacity::new().min_capacity(0).max_capacity(2).timezone("Europe/Paris");
/// # let _ = night;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduledCapacity {
    min: Option<u32>,
    max: Option<u32>,
    timezone: Option<String>,
}

impl ScheduledCapacity {
    /// Nothing set yet (at least one of the capacities is required).
    ///
    /// ```
    /// let c = ecs_dsl::ecs::ScheduledCapacity::new().min_capacity(2);
    /// # let _ = c;
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The new `MinCapacity`.
    ///
    /// ```
    /// let c = ecs_dsl::ecs::ScheduledCapacity::new().min_capacity(0);
    /// # let _ = c;
    /// ```
    pub fn min_capacity(mut self, tasks: u32) -> Self {
        self.min = Some(tasks);
        self
    }

    /// The new `MaxCapacity`.
    ///
    /// ```
    /// let c = ecs_dsl::ecs::ScheduledCapacity::new().max_capacity(50);
    /// # let _ = c;
    /// ```
    pub fn max_capacity(mut self, tasks: u32) -> Self {
        self.max = Some(tasks);
        self
    }

    /// The time zone of the schedule (`Timezone`; UTC by default).
    ///
    /// ```
    /// let c = ecs_dsl::ecs::ScheduledCapacity::new().min_capacity(1).timezone("America/New_York");
    /// # let _ = c;
    /// ```
    pub fn timezone(mut self, timezone: impl Into<String>) -> Self {
        self.timezone = Some(timezone.into());
        self
    }
}
