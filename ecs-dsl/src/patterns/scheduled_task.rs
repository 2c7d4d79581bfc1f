//! [`ScheduledFargateTask`]: a Fargate task run on a cron or rate schedule.

use crate::ec2::{SecurityGroup, Vpc};
use crate::ecs::{
    AwsVpc, Cluster, Fargate, Image, Schedule, ScheduledTask, SizeFor, TaskDefinition,
};
use crate::error::{Error, Result};
use crate::logs::LogGroup;
use crate::template::Stack;

// The builder methods the patterns share are written once, by `builder_methods!` of
// `common`, each under the doc comment this file gives it.
use super::common::{Site, TaskParts, builder_methods};

/// A Fargate task that EventBridge runs on a [`Schedule`], made by
/// [`ScheduledFargateTask::builder`].
///
/// With id `Report` it adds: the task definition `ReportTask` with its log group
/// `ReportTaskLogs` (one month) and execution role; the security group `ReportTasksSg` with no
/// inbound rule; the task role `ReportTaskTaskRole` (empty until something is granted to it
/// through [`task_definition()`](Self::task_definition), unless the `task_definition` closure
/// gave the task its own); and the EventBridge rule `ReportSchedule` that runs one task in the
/// private subnets without a public IP, with its role `ReportScheduleRole` (allowed
/// `ecs:RunTask` on this task definition in this cluster and `iam:PassRole` on the task's two
/// roles only).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::assertions::Template;
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// use ecs_dsl::ecs::{Cluster, Schedule};
/// use ecs_dsl::patterns::ScheduledFargateTask;
/// use serde_json::json;
/// let mut app = App::new();
/// let stack = app.stack("jobs")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
/// let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// let report = ScheduledFargateTask::builder(
///     &stack,
///     "Report",
///     &vpc,
///     &cluster,
///     ecs_dsl::image!("example/report:3"),
///     ecs_dsl::fargate!(cpu = 256, memory = 512),
///     Schedule::cron("0 3 * * ? *"),
/// )
/// .container(|c| c.command(["report", "--yesterday"]))
/// .build()?;
/// let t = Template::from_app(&app, "jobs")?;
/// t.has_resource_properties("AWS::Events::Rule", json!({"ScheduleExpression": "cron(0 3 * * ? *)"}));
/// # let _ = report;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ScheduledFargateTask {
    task: TaskDefinition<Fargate, AwsVpc>,
    rule: ScheduledTask,
    tasks_security_group: SecurityGroup,
}

/// Builds a [`ScheduledFargateTask`]; see its defaults there. `S` is the task size (a
/// [`fargate!`](crate::fargate) size); `'a` borrows the VPC, the cluster and the closures.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// use ecs_dsl::ecs::{Cluster, Fargate, Schedule, SizeFor};
/// use ecs_dsl::logs::Retention;
/// use ecs_dsl::patterns::{ScheduledFargateTask, ScheduledFargateTaskBuilder};
/// // Batch jobs keep their logs one week.
/// fn batch<S: SizeFor<Fargate>>(b: ScheduledFargateTaskBuilder<'_, S>) -> ScheduledFargateTaskBuilder<'_, S> {
///     b.container_name("job").log_retention(Retention::OneWeek)
/// }
/// let mut app = App::new();
/// let stack = app.stack("jobs")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
/// let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// let report = batch(ScheduledFargateTask::builder(&stack, "Report", &vpc, &cluster,
///     ecs_dsl::image!("example/report:3"), ecs_dsl::fargate!(cpu = 256, memory = 512),
///     Schedule::cron("0 3 * * ? *")))
///     .build()?;
/// assert_eq!(report.log_group().map(|g| g.retention()), Some(Retention::OneWeek));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub struct ScheduledFargateTaskBuilder<'a, S> {
    site: Site<'a>,
    cluster: &'a Cluster,
    parts: TaskParts<'a, S>,
    schedule: Schedule,
}

impl<S> std::fmt::Debug for ScheduledFargateTaskBuilder<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.site
            .debug_struct(f, "ScheduledFargateTaskBuilder")
            .field("parts", &self.parts)
            .field("schedule", &self.schedule)
            .finish_non_exhaustive()
    }
}

impl ScheduledFargateTask {
    /// Starts the pattern `id` in `stack`: a task of `size` running `image` in `cluster`, in
    /// the private subnets of `vpc`, on `schedule` (checked when built).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// use ecs_dsl::ecs::{RateUnit, Schedule};
    /// use ecs_dsl::patterns::ScheduledFargateTask;
    /// # let mut app = App::new();
    /// # let stack = app.stack("jobs")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let sync = ScheduledFargateTask::builder(
    ///     &stack,
    ///     "Sync",
    ///     &vpc,
    ///     &cluster,
    ///     ecs_dsl::image!("example/sync:2"),
    ///     ecs_dsl::fargate!(cpu = 256, memory = 512),
    ///     Schedule::rate(15, RateUnit::Minutes),
    /// )
    /// .build()?;
    /// assert_eq!(sync.rule().rule().logical_id(), "SyncSchedule");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn builder<'a, S: SizeFor<Fargate>>(
        stack: &Stack,
        id: &str,
        vpc: &'a Vpc,
        cluster: &'a Cluster,
        image: Image,
        size: S,
        schedule: Schedule,
    ) -> ScheduledFargateTaskBuilder<'a, S> {
        ScheduledFargateTaskBuilder {
            site: Site::new(stack, id, vpc),
            cluster,
            parts: TaskParts::new(image, size, "task"),
            schedule,
        }
    }

    /// The task definition the rule runs.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::{Cluster, Schedule};
    /// # use ecs_dsl::patterns::ScheduledFargateTask;
    /// use ecs_dsl::iam::PolicyStatement;
    /// # let mut app = App::new();
    /// # let stack = app.stack("jobs")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let report = ScheduledFargateTask::builder(&stack, "Report", &vpc, &cluster,
    /// #     ecs_dsl::image!("example/report:3"), ecs_dsl::fargate!(cpu = 256, memory = 512),
    /// #     Schedule::cron("0 3 * * ? *")).build()?;
    /// report.task_definition().grant(
    ///     PolicyStatement::allow().action("s3:PutObject").resource("arn:aws:s3:::reports/*"),
    /// )?;
    /// assert_eq!(report.task_definition().logical_id(), "ReportTask");
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert!(t["Resources"]["ReportTaskTaskRole"].to_string().contains("s3:PutObject"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn task_definition(&self) -> &TaskDefinition<Fargate, AwsVpc> {
        &self.task
    }

    /// The EventBridge rule and the role it runs the task with.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::{Cluster, Schedule};
    /// # use ecs_dsl::patterns::ScheduledFargateTask;
    /// # let mut app = App::new();
    /// # let stack = app.stack("jobs")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let report = ScheduledFargateTask::builder(&stack, "Report", &vpc, &cluster,
    /// #     ecs_dsl::image!("example/report:3"), ecs_dsl::fargate!(cpu = 256, memory = 512),
    /// #     Schedule::cron("0 3 * * ? *")).build()?;
    /// stack.add_output("ReportRule", Output::new(report.rule().rule().attr_arn()))?;
    /// assert_eq!(report.rule().role().handle().logical_id(), "ReportScheduleRole");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn rule(&self) -> &ScheduledTask {
        &self.rule
    }

    /// The tasks' security group (no inbound rule; open outbound).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::{Cluster, Schedule};
    /// # use ecs_dsl::patterns::ScheduledFargateTask;
    /// use ecs_dsl::ec2::{Port, SecurityGroup};
    /// # let mut app = App::new();
    /// # let stack = app.stack("jobs")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let report = ScheduledFargateTask::builder(&stack, "Report", &vpc, &cluster,
    /// #     ecs_dsl::image!("example/report:3"), ecs_dsl::fargate!(cpu = 256, memory = 512),
    /// #     Schedule::cron("0 3 * * ? *")).build()?;
    /// let db = SecurityGroup::new(&stack, "DbSg", &vpc, "Database")?;
    /// db.allow_from(report.tasks_security_group(), Port::tcp(5432), "Postgres from the report job")?;
    /// assert_eq!(report.tasks_security_group().name(), "ReportTasksSg");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn tasks_security_group(&self) -> &SecurityGroup {
        &self.tasks_security_group
    }

    /// The log group of the container (unless the `container` closure chose another log
    /// driver or group).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::{Cluster, Schedule};
    /// # use ecs_dsl::patterns::ScheduledFargateTask;
    /// use ecs_dsl::logs::Retention;
    /// # let mut app = App::new();
    /// # let stack = app.stack("jobs")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let report = ScheduledFargateTask::builder(&stack, "Report", &vpc, &cluster,
    /// #     ecs_dsl::image!("example/report:3"), ecs_dsl::fargate!(cpu = 256, memory = 512),
    /// #     Schedule::cron("0 3 * * ? *")).build()?;
    /// assert_eq!(report.log_group().map(|g| g.retention()), Some(Retention::OneMonth));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn log_group(&self) -> Option<&LogGroup> {
        self.task.log_group()
    }
}

impl<'a, S: SizeFor<Fargate>> ScheduledFargateTaskBuilder<'a, S> {
    builder_methods! {
        /// The container's name (default `task`; rule S15).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::{Cluster, Schedule};
        /// # use ecs_dsl::patterns::ScheduledFargateTask;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let report = ScheduledFargateTask::builder(&stack, "Report", &vpc, &cluster,
        ///         ecs_dsl::image!("example/report:3"), ecs_dsl::fargate!(cpu = 256, memory = 512),
        ///         Schedule::cron("0 3 * * ? *"))
        ///     .container_name("report")
        ///     .build()?;
        /// assert!(report.task_definition().container("report").is_some());
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn container_name;

        /// How long the log group keeps the container's logs (default one month).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::{Cluster, Schedule};
        /// # use ecs_dsl::patterns::ScheduledFargateTask;
        /// use ecs_dsl::logs::Retention;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let report = ScheduledFargateTask::builder(&stack, "Report", &vpc, &cluster,
        ///         ecs_dsl::image!("example/report:3"), ecs_dsl::fargate!(cpu = 256, memory = 512),
        ///         Schedule::cron("0 3 * * ? *"))
        ///     .log_retention(Retention::ThreeMonths)
        ///     .build()?;
        /// assert_eq!(report.log_group().map(|g| g.retention()), Some(Retention::ThreeMonths));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn log_retention;

        /// Customizes the container before it is added: environment, secrets, command, limits...
        /// It already logs through awslogs. Calls add up, in order.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::{Cluster, Schedule};
        /// # use ecs_dsl::patterns::ScheduledFargateTask;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// ScheduledFargateTask::builder(&stack, "Report", &vpc, &cluster,
        ///         ecs_dsl::image!("example/report:3"), ecs_dsl::fargate!(cpu = 256, memory = 512),
        ///         Schedule::cron("0 3 * * ? *"))
        ///     .container(|c| c.command(["report", "--yesterday"]).env("FORMAT", "csv"))
        ///     .build()?;
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// let c = &t["Resources"]["ReportTask"]["Properties"]["ContainerDefinitions"][0];
        /// assert_eq!(c["Command"], serde_json::json!(["report", "--yesterday"]));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn container;

        /// Customizes the task definition builder before the container is added: family, roles,
        /// volumes, CPU architecture, ephemeral storage, tags.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::{Cluster, Schedule};
        /// # use ecs_dsl::patterns::ScheduledFargateTask;
        /// use ecs_dsl::ecs::EphemeralStorage;
        /// # let mut app = App::new();
        /// # let stack = app.stack("jobs")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// ScheduledFargateTask::builder(&stack, "Report", &vpc, &cluster,
        ///         ecs_dsl::image!("example/report:3"), ecs_dsl::fargate!(cpu = 256, memory = 512),
        ///         Schedule::cron("0 3 * * ? *"))
        ///     .task_definition(|t| t.family("nightly-report").ephemeral_storage(EphemeralStorage::gib(40)))
        ///     .build()?;
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// let p = &t["Resources"]["ReportTask"]["Properties"];
        /// assert_eq!((&p["Family"], &p["EphemeralStorage"]["SizeInGiB"]), (&"nightly-report".into(), &40.into()));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn task_definition;
    }

    /// Checks the settings and adds everything to the stack. Errors name the stack, the
    /// logical id and the field: an invalid schedule expression or a VPC without private
    /// subnets (checked before anything is added), and every check of the L2 builders.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::{Cluster, Schedule};
    /// # use ecs_dsl::patterns::ScheduledFargateTask;
    /// # let mut app = App::new();
    /// # let stack = app.stack("jobs")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let err = ScheduledFargateTask::builder(&stack, "Report", &vpc, &cluster,
    ///         ecs_dsl::image!("example/report:3"), ecs_dsl::fargate!(cpu = 256, memory = 512),
    ///         Schedule::cron("0 3 * * *")) // five fields: EventBridge wants six
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("`ReportSchedule` field `ScheduleExpression`"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<ScheduledFargateTask> {
        let site = &self.site;
        let rule_id = site.logical_id("Schedule");
        if let Err(why) = self.schedule.render() {
            return Err(Error::invalid_value(
                site.stack.name(),
                &rule_id,
                "ScheduleExpression",
                why,
            ));
        }
        site.check_private_subnets(
            &rule_id,
            "Targets.EcsParameters.NetworkConfiguration.AwsVpcConfiguration.Subnets",
        )?;

        let (task, ()) = self.parts.build(site, |_| ())?;
        // The rule's role may pass the task's roles as they are when it is made: the task role
        // must exist by then, or the grants added later through `task_definition()` would go
        // to a role that EventBridge may not pass.
        task.ensure_task_role()?;
        let tasks_security_group = site.tasks_security_group()?;
        let rule = ScheduledTask::awsvpc(
            &site.stack,
            &rule_id,
            self.cluster,
            &task,
            self.schedule,
            site.private_network(&tasks_security_group),
        )?;
        Ok(ScheduledFargateTask {
            task,
            rule,
            tasks_security_group,
        })
    }
}
