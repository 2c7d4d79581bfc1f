//! A built task definition: a typed handle that services, grants and load balancers use.

use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::Rc;

use super::launch::{LaunchKind, LaunchType, NetworkKind, NetworkMode};
use super::port::{ContainerPort, PortSpec, Protocol};
use crate::cfn::ecs::Service as CfnService;
use crate::cfn::ecs::TaskDefinition as CfnTaskDefinition;
use crate::cfn::efs::mount_target::MountTarget;
use crate::error::{Error, Result};
use crate::iam::{PolicyStatement, Role, ServicePrincipal};
use crate::logs::LogGroup;
use crate::template::{Handle, Stack, Value};

/// A role of a task definition: one this app defines, or one imported by ARN.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
/// let task = task.container(web).task_role_arn("arn:aws:iam::123456789012:role/web").build()?;
/// match task.task_role() {
///     Some(RoleSlot::Imported(arn)) => assert_eq!(arn.literal().map(String::as_str), Some("arn:aws:iam::123456789012:role/web")),
///     other => panic!("expected an imported role, got {other:?}"),
/// }
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum RoleSlot {
    /// A role of this app; grants are added to it.
    Owned(Role),
    /// A role imported by ARN; grants cannot be added to it.
    Imported(Value<String>),
}

impl RoleSlot {
    /// The role's ARN.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).build()?;
    /// let role = task.ensure_task_role()?; // created as `WebTaskRole`
    /// assert!(matches!(Json::from(role.arn()), Json::GetAtt(t, a) if t.logical_id() == "WebTaskRole" && &*a == "Arn"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        match self {
            RoleSlot::Owned(r) => r.arn(),
            RoleSlot::Imported(a) => a.clone(),
        }
    }
}

/// What services and load balancers need to know about a container of a built task.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
/// let task = task.container(web).build()?;
/// let info = &task.containers()[0];
/// assert_eq!((info.name(), info.is_essential(), info.has_health_check()), ("web", true, false));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerInfo {
    pub(crate) name: String,
    pub(crate) essential: bool,
    pub(crate) ports: Vec<PortSpec>,
    pub(crate) has_health_check: bool,
}

impl ContainerInfo {
    /// The container's name.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).build()?;
    /// assert_eq!(task.containers()[0].name(), "web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the container is essential.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let init = task.new_container("init", ecs_dsl::image!("busybox:1.36")).non_essential();
    /// let task = task.container(web).container(init).build()?;
    /// assert!(task.container("web").unwrap().is_essential());
    /// assert!(!task.container("init").unwrap().is_essential());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn is_essential(&self) -> bool {
        self.essential
    }

    /// Whether the container has a health check.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .health_check(HealthCheck::shell("curl -f http://localhost/ || exit 1"));
    /// let task = task.container(web).build()?;
    /// assert!(task.container("web").unwrap().has_health_check());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn has_health_check(&self) -> bool {
        self.has_health_check
    }

    /// The container ports it publishes, with their protocol and name.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .port_mapping(PortMapping::tcp(80).name("http"))
    ///     .port_mapping(PortMapping::udp(8125));
    /// let task = task.container(web).build()?;
    /// let ports: Vec<_> = task.container("web").unwrap().ports().collect();
    /// assert_eq!(ports, [(80, Protocol::Tcp, Some("http")), (8125, Protocol::Udp, None)]);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ports(&self) -> impl Iterator<Item = (u16, Protocol, Option<&str>)> {
        self.ports
            .iter()
            .map(|p| (p.container_port, p.protocol, p.name.as_deref()))
    }
}

impl TaskShared {
    /// Records a service of this task definition; it waits for the mount targets known so far.
    pub(crate) fn add_service(&self, service: &Handle<CfnService>) -> Result<()> {
        for mt in self.mount_targets.borrow().iter() {
            service.add_depends_on(mt)?;
        }
        self.services.borrow_mut().push(service.clone());
        Ok(())
    }

    /// Records mount targets the tasks use; the services so far (and later ones) wait for
    /// them.
    pub(crate) fn add_mount_targets(&self, targets: &[Handle<MountTarget>]) -> Result<()> {
        for service in self.services.borrow().iter() {
            for mt in targets {
                service.add_depends_on(mt)?;
            }
        }
        self.mount_targets
            .borrow_mut()
            .extend(targets.iter().cloned());
        Ok(())
    }

    /// See [`TaskDefinition::port_problem`]; `task` is the `<stack>/<id>` the handle was made
    /// for.
    pub(crate) fn port_problem(
        &self,
        task: &str,
        container: &str,
        port: &PortSpec,
    ) -> Option<String> {
        let own = format!("{}/{}", self.stack.name(), self.id);
        if task != own {
            return Some(format!(
                "port {} of container `{container}` belongs to task definition `{task}`, not to this service's `{own}`",
                port.container_port
            ));
        }
        match self.containers.iter().find(|c| c.name == container) {
            None => Some(format!(
                "container `{container}` was never added to task definition `{own}`"
            )),
            Some(c) if !c.ports.contains(port) => Some(format!(
                "container `{container}` in task definition `{own}` does not publish port {}",
                port.container_port
            )),
            Some(_) => None,
        }
    }
}

#[derive(Debug)]
pub(crate) struct TaskShared {
    pub stack: Stack,
    pub id: String,
    pub handle: Handle<CfnTaskDefinition>,
    pub launch: LaunchKind,
    pub network: NetworkKind,
    pub containers: Vec<ContainerInfo>,
    pub at_launch_volume: Option<String>,
    pub task_role: RefCell<Option<RoleSlot>>,
    pub execution_role: Option<RoleSlot>,
    pub log_group: Option<LogGroup>,
    /// The services that run this task definition.
    pub services: RefCell<Vec<Handle<CfnService>>>,
    /// EFS mount targets the tasks mount through: every service waits for them, else its
    /// first tasks can fail to mount while the targets are still being created.
    pub mount_targets: RefCell<Vec<Handle<MountTarget>>>,
}

/// A task definition added to a stack, typed by launch type and network mode so that services
/// and load balancers can check what fits it. Made by
/// [`TaskDefinitionBuilder::build`](super::TaskDefinitionBuilder::build); cheap to clone.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ecs::TaskDefinition;
/// use ecs_dsl::iam::PolicyStatement;
/// let mut app = App::new();
/// let stack = app.stack("jobs")?;
/// let task = TaskDefinition::fargate(&stack, "Report", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let report = task.new_container("report", ecs_dsl::image!("example/report:1"));
/// let task = task.container(report).build()?;
/// // The task role is created on first use:
/// task.grant(PolicyStatement::allow().action("s3:PutObject").resource("arn:aws:s3:::reports/*"))?;
/// assert_eq!(task.container("report").map(|c| c.is_essential()), Some(true));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub struct TaskDefinition<L, N> {
    pub(crate) shared: Rc<TaskShared>,
    _types: PhantomData<fn() -> (L, N)>,
}

impl<L, N> Clone for TaskDefinition<L, N> {
    fn clone(&self) -> Self {
        TaskDefinition {
            shared: Rc::clone(&self.shared),
            _types: PhantomData,
        }
    }
}

impl<L, N> std::fmt::Debug for TaskDefinition<L, N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "TaskDefinition({}/{})",
            self.shared.stack.name(),
            self.shared.id
        )
    }
}

impl<L: LaunchType, N: NetworkMode> TaskDefinition<L, N> {
    pub(crate) fn from_shared(shared: TaskShared) -> Self {
        TaskDefinition {
            shared: Rc::new(shared),
            _types: PhantomData,
        }
    }

    /// The task definition's ARN (`Ref`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).build()?;
    /// assert!(matches!(Json::from(task.arn()), Json::Ref(t) if t.logical_id() == "Web"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.shared.handle.reference()
    }

    /// The L1 resource, for escape hatches.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).build()?;
    /// // an escape hatch for a property this crate does not model
    /// task.handle().add_override("Properties.EnableFaultInjection", true)?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["EnableFaultInjection"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> &Handle<CfnTaskDefinition> {
        &self.shared.handle
    }

    /// The stack it belongs to.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).build()?;
    /// assert_eq!(task.stack().name(), "web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stack(&self) -> &Stack {
        &self.shared.stack
    }

    /// Its logical id.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).build()?;
    /// assert_eq!(task.logical_id(), "Web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn logical_id(&self) -> &str {
        &self.shared.id
    }

    /// The launch type.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).build()?;
    /// assert_eq!(task.launch_kind(), LaunchKind::Fargate);
    /// assert!(task.launch_kind().is_fargate());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn launch_kind(&self) -> LaunchKind {
        self.shared.launch
    }

    /// The network mode.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256);
    /// let task = task.container(web).build()?;
    /// assert_eq!(task.network_kind(), NetworkKind::Bridge);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn network_kind(&self) -> NetworkKind {
        self.shared.network
    }

    /// The containers, in the order they were added.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let proxy = task.new_container("proxy", ecs_dsl::image!("envoyproxy/envoy:v1.31.0"));
    /// let task = task.container(web).container(proxy).build()?;
    /// let names: Vec<&str> = task.containers().iter().map(ContainerInfo::name).collect();
    /// assert_eq!(names, ["web", "proxy"]);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn containers(&self) -> &[ContainerInfo] {
        &self.shared.containers
    }

    /// A container by name.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).build()?;
    /// assert!(task.container("web").is_some());
    /// assert!(task.container("db").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn container(&self, name: &str) -> Option<&ContainerInfo> {
        self.shared.containers.iter().find(|c| c.name == name)
    }

    /// Why `port` is not a port of this task definition (a handle made for another task, or
    /// from a container that was never added to it); `None` when it is one (rules S7, S10,
    /// S11).
    pub(crate) fn port_problem<Q>(&self, port: &ContainerPort<N, Q>) -> Option<String> {
        self.shared
            .port_problem(&port.task, &port.container, &port.spec)
    }

    /// The name of the volume configured at launch by the service, if there is one.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let data = Volume::ebs_at_launch("data");
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&data, "/data");
    /// let task = task.container(web).volume(&data).build()?;
    /// assert_eq!(task.at_launch_volume(), Some("data"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn at_launch_volume(&self) -> Option<&str> {
        self.shared.at_launch_volume.as_deref()
    }

    /// The execution role, if the task needed or was given one.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// // logging to CloudWatch needs an execution role, so one is created
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).log_to_cloudwatch();
    /// let task = task.container(web).build()?;
    /// assert!(matches!(task.execution_role(), Some(RoleSlot::Owned(_))));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn execution_role(&self) -> Option<&RoleSlot> {
        self.shared.execution_role.as_ref()
    }

    /// The log group created for `AwsLogs::auto()` containers.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).log_to_cloudwatch();
    /// let task = task.container(web).build()?;
    /// let group = task.log_group().expect("created for AwsLogs::auto()");
    /// assert!(matches!(Json::from(group.name()), Json::Ref(t) if t.logical_id() == "WebLogs"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn log_group(&self) -> Option<&LogGroup> {
        self.shared.log_group.as_ref()
    }

    /// The task role, if there is one yet.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).build()?;
    /// assert!(task.task_role().is_none());
    /// task.grant(ecs_dsl::iam::PolicyStatement::allow().action("sqs:SendMessage").resource("arn:aws:sqs:eu-west-1:123456789012:jobs"))?;
    /// assert!(task.task_role().is_some());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn task_role(&self) -> Option<RoleSlot> {
        self.shared.task_role.borrow().clone()
    }

    /// The task role, created as `<Id>TaskRole` if the task has none yet.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).build()?;
    /// let first = task.ensure_task_role()?;
    /// assert_eq!(task.ensure_task_role()?, first); // created once
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(t["Resources"]["WebTaskRole"]["Type"], "AWS::IAM::Role");
    /// assert_eq!(props["TaskRoleArn"], serde_json::json!({"Fn::GetAtt": ["WebTaskRole", "Arn"]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ensure_task_role(&self) -> Result<RoleSlot> {
        if let Some(role) = self.task_role() {
            return Ok(role);
        }
        let s = &self.shared;
        let role = Role::builder(
            &s.stack,
            &format!("{}TaskRole", s.id),
            ServicePrincipal::EcsTasks,
        )
        .build()?;
        let arn = role.arn();
        s.handle.update(|td| td.task_role_arn = Some(arn))?;
        let slot = RoleSlot::Owned(role);
        *s.task_role.borrow_mut() = Some(slot.clone());
        Ok(slot)
    }

    /// Allows the containers to do what `statement` says: it is added to the task role, which
    /// is created if needed. Fails for an imported task role, which this program cannot change.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// use ecs_dsl::iam::PolicyStatement;
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).build()?;
    /// task.grant(PolicyStatement::allow().action("s3:GetObject").resource("arn:aws:s3:::assets/*"))?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["WebTaskRole"]["Properties"];
    /// let statement = &props["Policies"][0]["PolicyDocument"]["Statement"][0];
    /// assert_eq!(statement["Action"][0], "s3:GetObject");
    ///
    /// // an imported task role cannot be changed
    /// # let task2 = TaskDefinition::fargate(&stack, "Other", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let c = task2.new_container("other", ecs_dsl::image!("nginx:1.27"));
    /// let imported = task2.container(c).task_role_arn("arn:aws:iam::123456789012:role/other").build()?;
    /// assert!(imported.grant(PolicyStatement::allow().action("s3:GetObject").resource("arn:aws:s3:::assets/*")).is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn grant(&self, statement: PolicyStatement) -> Result<()> {
        match self.ensure_task_role()? {
            RoleSlot::Owned(role) => role.add_to_policy(statement),
            RoleSlot::Imported(_) => Err(Error::invalid_value(
                self.shared.stack.name(),
                &self.shared.id,
                "TaskRoleArn",
                "the task role is imported by ARN; add the permission to that role where it is defined",
            )),
        }
    }
}
