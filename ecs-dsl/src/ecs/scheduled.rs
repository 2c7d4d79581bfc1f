//! [`ScheduledTask`]: an EventBridge rule (cron or rate) that runs a task definition on a
//! cluster, with a role allowed exactly `ecs:RunTask` on that task definition and
//! `iam:PassRole` on its roles.

use super::cluster::Cluster;
use super::launch::{LaunchKind, LaunchType, NetworkMode};
use super::scaling::Schedule;
use super::service::AwsVpcNetwork;
use super::service_state::{NetworkReady, NoNetworkConfig, TakesNetworkConfig};
use super::task::TaskDefinition;
use crate::cfn::events::rule as l1;
use crate::error::{Error, Result};
use crate::iam::{PolicyStatement, Role, ServicePrincipal};
use crate::template::{Handle, Stack, Value};

/// A task run on a schedule.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, RateUnit, Schedule, ScheduledTask, TaskDefinition};
/// let mut app = App::new();
/// let stack = app.stack("jobs")?;
/// let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// let task = TaskDefinition::fargate(&stack, "Report", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let c = task.new_container("report", ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36"));
/// let task = task.container(c).build()?;
/// let job = ScheduledTask::awsvpc(&stack, "Nightly", &cluster, &task, Schedule::cron("0 3 * * ? *"),
///     AwsVpcNetwork::new(vec!["subnet-a", "subnet-b"]).security_group("sg-1"))?;
/// let t = app.synthesize()?.stacks[0].template_json();
/// assert_eq!(t["Resources"]["Nightly"]["Properties"]["ScheduleExpression"], "cron(0 3 * * ? *)");
/// # let _ = job;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ScheduledTask {
    rule: Handle<l1::Rule>,
    role: Role,
}

impl ScheduledTask {
    /// Runs an awsvpc task: it needs `network` (rule S5, checked by the types: only this
    /// constructor takes one, and only for awsvpc tasks).
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
    /// let job = ScheduledTask::awsvpc(&stack, "Hourly", &cluster, &task, Schedule::rate(1, RateUnit::Hours), net)?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Hourly"]["Properties"];
    /// assert_eq!(props["ScheduleExpression"], "rate(1 hour)");
    /// let ecs = &props["Targets"][0]["EcsParameters"];
    /// assert_eq!(ecs["NetworkConfiguration"]["AwsVpcConfiguration"]["Subnets"][0], "subnet-0a");
    /// # let _ = job;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn awsvpc<L: LaunchType, N: NetworkMode + TakesNetworkConfig>(
        stack: &Stack,
        id: &str,
        cluster: &Cluster,
        task: &TaskDefinition<L, N>,
        schedule: Schedule,
        network: AwsVpcNetwork,
    ) -> Result<Self> {
        network.check(
            stack.name(),
            id,
            "Targets.EcsParameters.NetworkConfiguration.AwsVpcConfiguration",
        )?;
        Self::create(stack, id, cluster, task, schedule, Some(network))
    }

    /// Runs a bridge, host or `none` task, which takes no network configuration (rule S5:
    /// an awsvpc task does not compile here; use [`awsvpc`](Self::awsvpc)).
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
    /// let job = ScheduledTask::new(&stack, "Nightly", &cluster, &task, Schedule::cron("0 3 * * ? *"))?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Nightly"]["Properties"];
    /// assert_eq!(props["Targets"][0]["EcsParameters"]["LaunchType"], "EC2");
    /// # let _ = job;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    ///
    /// An awsvpc task needs [`awsvpc`](Self::awsvpc) and its network (rule S5):
    ///
    /// ```compile_fail,E0277
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
    /// let job = ScheduledTask::new(&stack, "Nightly", &cluster, &task, Schedule::cron("0 3 * * ? *"))?;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new<L: LaunchType, N: NetworkMode>(
        stack: &Stack,
        id: &str,
        cluster: &Cluster,
        task: &TaskDefinition<L, N>,
        schedule: Schedule,
    ) -> Result<Self>
    where
        NoNetworkConfig: NetworkReady<N>,
    {
        Self::create(stack, id, cluster, task, schedule, None)
    }

    fn create<L: LaunchType, N: NetworkMode>(
        stack: &Stack,
        id: &str,
        cluster: &Cluster,
        task: &TaskDefinition<L, N>,
        schedule: Schedule,
        network: Option<AwsVpcNetwork>,
    ) -> Result<Self> {
        let expression = schedule
            .render()
            .map_err(|why| Error::invalid_value(stack.name(), id, "ScheduleExpression", why))?;
        let role = Role::builder(stack, &format!("{id}Role"), ServicePrincipal::Events)
            .description(format!("Runs the task of the scheduled rule {id}"))
            .build()?;
        role.add_to_policy(
            PolicyStatement::allow()
                .action("ecs:RunTask")
                .resource(task.arn())
                .condition("ArnEquals", "ecs:cluster", cluster.arn()),
        )?;
        let mut pass: Vec<Value<String>> =
            task.execution_role().map(|r| r.arn()).into_iter().collect();
        // The task role is made now if the task has none: a role created by a later grant
        // would not be in this PassRole list, and the scheduled run would fail.
        pass.push(task.ensure_task_role()?.arn());
        // Never empty: the task role is always in it.
        role.add_to_policy(
            PolicyStatement::allow()
                .action("iam:PassRole")
                .resources(pass)
                .condition(
                    "StringLike",
                    "iam:PassedToService",
                    "ecs-tasks.amazonaws.com",
                ),
        )?;
        let mut ecs = l1::EcsParameters::new(task.arn()).task_count(1);
        ecs = match L::KIND {
            LaunchKind::Fargate | LaunchKind::FargateWindows => {
                ecs.launch_type(l1::EcsParametersLaunchType::Fargate)
            }
            LaunchKind::External => ecs.launch_type(l1::EcsParametersLaunchType::External),
            _ => ecs.launch_type(l1::EcsParametersLaunchType::Ec2),
        };
        if let Some(net) = network {
            let mut vpc = l1::AwsVpcConfiguration::new(net.subnets.clone()).assign_public_ip(
                if net.public_ip {
                    l1::AwsVpcConfigurationAssignPublicIp::Enabled
                } else {
                    l1::AwsVpcConfigurationAssignPublicIp::Disabled
                },
            );
            if let Some(groups) = net.security_group_list() {
                vpc = vpc.security_groups(groups);
            }
            ecs = ecs
                .network_configuration(l1::NetworkConfiguration::new().aws_vpc_configuration(vpc));
        }
        let rule = stack.add(
            id,
            l1::Rule::new()
                .description(format!("Runs the task of {id} on a schedule"))
                .schedule_expression(expression)
                .state(l1::RuleState::Enabled)
                .targets(vec![
                    l1::Target::new(cluster.arn(), "Task")
                        .role_arn(role.arn())
                        .ecs_parameters(ecs),
                ]),
        )?;
        Ok(ScheduledTask { rule, role })
    }

    /// The rule's handle.
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
    /// let job = ScheduledTask::awsvpc(&stack, "Nightly", &cluster, &task, Schedule::cron("0 3 * * ? *"), net)?;
    /// assert_eq!(job.rule().logical_id(), "Nightly");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn rule(&self) -> &Handle<l1::Rule> {
        &self.rule
    }

    /// The role EventBridge runs the task with.
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
    /// let job = ScheduledTask::awsvpc(&stack, "Nightly", &cluster, &task, Schedule::cron("0 3 * * ? *"), net)?;
    /// assert!(matches!(Json::from(job.role().arn()), Json::GetAtt(t, _) if t.logical_id() == "NightlyRole"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn role(&self) -> &Role {
        &self.role
    }
}
