//! Task definitions typed by launch type, network mode and size, counting their containers and
//! tracking whether one is essential (rules T1, T2, T3, T6, T7, T11, T14, F-SIZE).

use std::marker::PhantomData;

use super::container::{Container, Essential, NotEssential};
use super::image::Image;
use super::launch::{
    AwsVpc, CpuArchitecture, Ec2, Ec2Windows, External, Fargate, FargateWindows, LaunchType,
    NetworkFor, NetworkMode, Supports, WindowsFamily, feature,
};
use super::size::{NoSize, SizeFor, TaskSize};
use super::task::{RoleSlot, TaskDefinition};
use super::task_render::{self, TaskSpec};
use super::volume::Volume;
use crate::error::Result;
use crate::iam::Role;
use crate::template::{Stack, Value};

/// Container counts as types, so that an eleventh container does not compile (rule T1).
pub mod count {
    /// `N` containers so far.
    #[derive(Debug, Clone, Copy)]
    pub struct Count<const N: usize>;

    /// `Self` plus one container makes `M` containers, for `M` up to 10 (rule T1). The count
    /// after adding is a parameter of `container`, not an associated type, so that an eleventh
    /// container is reported with this trait's message.
    #[diagnostic::on_unimplemented(
        message = "a task definition holds at most 10 containers (rule T1)",
        label = "this would be container number 11"
    )]
    pub trait IncTo<const M: usize> {}
    macro_rules! inc {
        ($($n:literal => $m:literal),*) => {$(
            impl IncTo<$m> for Count<$n> {}
        )*};
    }
    inc!(0 => 1, 1 => 2, 2 => 3, 3 => 4, 4 => 5, 5 => 6, 6 => 7, 7 => 8, 8 => 9, 9 => 10);
}

/// Whether a task definition has an essential container yet (rule T11).
pub mod essential {
    use super::{Essential, NotEssential};

    /// No container so far is essential.
    #[derive(Debug, Clone, Copy)]
    pub enum NoneYet {}
    /// At least one container is essential.
    #[derive(Debug, Clone, Copy)]
    pub enum Some {}

    /// The state after adding a container whose essential state is `Self`.
    pub trait Add<C> {
        /// The new state.
        type Out;
    }
    impl Add<Essential> for NoneYet {
        type Out = Some;
    }
    impl Add<NotEssential> for NoneYet {
        type Out = NoneYet;
    }
    impl Add<Essential> for Some {
        type Out = Some;
    }
    impl Add<NotEssential> for Some {
        type Out = Some;
    }

    /// A task definition that can be built: at least one container is essential (rule T11).
    #[diagnostic::on_unimplemented(
        message = "a task definition needs at least one essential container (rule T11)",
        label = "no container added so far is essential",
        note = "containers are essential unless `.non_essential()` was called"
    )]
    pub trait Ready {}
    impl Ready for Some {}
}

/// Constructors of task definitions; [`TaskDefinition`] is what `build()` returns.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ecs::{Bridge, TaskDefinition};
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// let fargate = TaskDefinition::fargate(&stack, "Api", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let ec2 = TaskDefinition::ec2(&stack, "Agent", Bridge);
/// # let _ = (fargate, ec2);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
///
/// ```compile_fail
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ecs::{Bridge, Fargate, TaskDefinition};
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// // network mode `Bridge` is not supported on launch type `Fargate` (rules T2, T3)
/// let task = TaskDefinition::new(&stack, "Api", Fargate, Bridge);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub struct TaskDefinitionBuilder<L, N, S, C = count::Count<0>, E = essential::NoneYet> {
    pub(crate) stack: Stack,
    pub(crate) id: String,
    pub(crate) size: S,
    pub(crate) spec: TaskSpec,
    #[allow(clippy::type_complexity)] // the typestate markers, nothing else
    _state: PhantomData<fn() -> (L, N, C, E)>,
}

impl<L, N, S, C, E> std::fmt::Debug for TaskDefinitionBuilder<L, N, S, C, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaskDefinitionBuilder")
            .field("stack", &self.stack.name())
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl<L: LaunchType, N: NetworkMode> TaskDefinition<L, N> {
    /// A task definition for any launch type and network mode the pair allows (rules T2, T3).
    /// The shorthands below cover the common cases.
    #[allow(clippy::new_ret_no_self)] // a constructor of the builder, as the shorthands are
    pub fn new(
        stack: &Stack,
        id: &str,
        launch: L,
        network: N,
    ) -> TaskDefinitionBuilder<L, N, NoSize>
    where
        N: NetworkFor<L>,
    {
        let _ = (launch, network);
        TaskDefinitionBuilder {
            stack: stack.clone(),
            id: id.to_owned(),
            size: NoSize,
            spec: TaskSpec::new(L::KIND, N::KIND),
            _state: PhantomData,
        }
    }
}

impl TaskDefinition<Fargate, AwsVpc> {
    /// A Linux Fargate task definition (always `awsvpc`) of the given size.
    pub fn fargate<S: TaskSize>(
        stack: &Stack,
        id: &str,
        size: S,
    ) -> TaskDefinitionBuilder<Fargate, AwsVpc, S> {
        TaskDefinition::new(stack, id, Fargate, AwsVpc).size(size)
    }
}

impl TaskDefinition<FargateWindows, AwsVpc> {
    /// A Windows Fargate task definition (1, 2 or 4 vCPU, checked when built; rule T9).
    pub fn fargate_windows<S: TaskSize>(
        stack: &Stack,
        id: &str,
        size: S,
        family: WindowsFamily,
    ) -> TaskDefinitionBuilder<FargateWindows, AwsVpc, S> {
        let mut b = TaskDefinition::new(stack, id, FargateWindows, AwsVpc).size(size);
        b.spec.windows_family = Some(family);
        b
    }
}

impl<N: NetworkMode> TaskDefinition<Ec2, N> {
    /// A Linux EC2 task definition with network mode `Bridge`, `Host`, `AwsVpc` or `NoNetwork`.
    pub fn ec2(stack: &Stack, id: &str, network: N) -> TaskDefinitionBuilder<Ec2, N, NoSize>
    where
        N: NetworkFor<Ec2>,
    {
        TaskDefinition::new(stack, id, Ec2, network)
    }
}

impl<N: NetworkMode> TaskDefinition<Ec2Windows, N> {
    /// A Windows EC2 task definition with network mode `Nat` (the default) or `AwsVpc`.
    pub fn ec2_windows(
        stack: &Stack,
        id: &str,
        network: N,
        family: WindowsFamily,
    ) -> TaskDefinitionBuilder<Ec2Windows, N, NoSize>
    where
        N: NetworkFor<Ec2Windows>,
    {
        let mut b = TaskDefinition::new(stack, id, Ec2Windows, network);
        b.spec.windows_family = Some(family);
        b
    }
}

impl<N: NetworkMode> TaskDefinition<External, N> {
    /// An ECS Anywhere task definition with network mode `Bridge`, `Host` or `NoNetwork`
    /// (rule T3).
    pub fn external(
        stack: &Stack,
        id: &str,
        network: N,
    ) -> TaskDefinitionBuilder<External, N, NoSize>
    where
        N: NetworkFor<External>,
    {
        TaskDefinition::new(stack, id, External, network)
    }
}

/// Fargate ephemeral storage (rule T14: 21-200 GiB). [`ephemeral_storage!`](crate::ephemeral_storage)
/// checks a literal at compile time; [`EphemeralStorage::gib`] is checked when the task
/// definition is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EphemeralStorage(u32);

impl EphemeralStorage {
    /// The size in GiB.
    pub const fn gib(size: u32) -> Self {
        EphemeralStorage(size)
    }

    /// The size in GiB.
    pub fn size_gib(self) -> u32 {
        self.0
    }
}

/// The IPC namespace of the task's containers (EC2 and External, rule T6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpcMode {
    /// The host's IPC namespace.
    Host,
    /// One namespace shared by the task's containers.
    Task,
    /// Private namespaces.
    None,
}

impl<L, N, S, C, E> TaskDefinitionBuilder<L, N, S, C, E>
where
    L: LaunchType,
    N: NetworkMode,
    S: TaskSize,
{
    fn retype<S2, C2, E2>(self, size: S2) -> TaskDefinitionBuilder<L, N, S2, C2, E2> {
        TaskDefinitionBuilder {
            stack: self.stack,
            id: self.id,
            size,
            spec: self.spec,
            _state: PhantomData,
        }
    }

    /// Sets the task size. Set it before making containers: their type includes it.
    pub fn size<S2: TaskSize>(mut self, size: S2) -> TaskDefinitionBuilder<L, N, S2, C, E> {
        self.spec.fargate_size = size.fargate_size();
        self.retype(size)
    }

    /// A container of this task definition (add it with [`container`](Self::container)).
    /// Its name is checked against rule S15 and must be unique in the task.
    pub fn new_container(&self, name: impl Into<String>, image: Image) -> Container<L, N, S> {
        Container::create(
            format!("{}/{}", self.stack.name(), self.id),
            name.into(),
            image,
        )
    }

    /// Adds a container. The count is part of the type: an eleventh container does not compile
    /// (rule T1).
    pub fn container<const M: usize, E2, H2>(
        mut self,
        container: Container<L, N, S, E2, H2>,
    ) -> TaskDefinitionBuilder<L, N, S, count::Count<M>, <E as essential::Add<E2>>::Out>
    where
        C: count::IncTo<M>,
        E: essential::Add<E2>,
    {
        self.spec.containers.push(container.spec);
        let size = self.size;
        self.retype(size)
    }

    /// Adds containers that come from data (a config file). The count in the type stays as it
    /// was, and the type stops requiring an essential container: both rules are checked when
    /// the task definition is built instead (rules T1, T11).
    pub fn containers<I, E2, H2>(
        mut self,
        containers: I,
    ) -> TaskDefinitionBuilder<L, N, S, C, essential::Some>
    where
        I: IntoIterator<Item = Container<L, N, S, E2, H2>>,
    {
        self.spec
            .containers
            .extend(containers.into_iter().map(|c| c.spec));
        let size = self.size;
        self.retype(size)
    }

    /// The task family (rule S15); CloudFormation derives one from the stack name otherwise.
    pub fn family(mut self, family: impl Into<String>) -> Self {
        self.spec.family = Some(family.into());
        self
    }

    /// The IAM role the containers run as. Without one, a role is created when something
    /// needs it (a grant, ECS Exec, EFS IAM authorization).
    pub fn task_role(mut self, role: &Role) -> Self {
        self.spec.task_role = Some(RoleSlot::Owned(role.clone()));
        self
    }

    /// An existing task role by ARN; grants cannot be added to it (the owner of the role
    /// must allow what the containers need).
    pub fn task_role_arn(mut self, arn: impl Into<Value<String>>) -> Self {
        self.spec.task_role = Some(RoleSlot::Imported(arn.into()));
        self
    }

    /// The role ECS uses to pull images, write logs and read secrets. Without one, a role is
    /// created only when something needs it, with exactly those grants.
    pub fn execution_role(mut self, role: &Role) -> Self {
        self.spec.execution_role = Some(RoleSlot::Owned(role.clone()));
        self
    }

    /// An existing execution role by ARN; the grants this task needs are not added to it.
    pub fn execution_role_arn(mut self, arn: impl Into<Value<String>>) -> Self {
        self.spec.execution_role = Some(RoleSlot::Imported(arn.into()));
        self
    }

    /// The CPU architecture of a Linux task (x86-64 by default).
    pub fn cpu_architecture(mut self, arch: CpuArchitecture) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.cpu_architecture = Some(arch);
        self
    }

    /// Task-level memory in MiB for EC2 and External tasks (Fargate takes a size instead).
    pub fn memory_mib(mut self, mib: u32) -> Self
    where
        L: Supports<feature::OptionalTaskSize>,
    {
        self.spec.memory = Some(mib);
        self
    }

    /// Task-level CPU units for EC2 and External tasks.
    pub fn cpu_units(mut self, units: u32) -> Self
    where
        L: Supports<feature::OptionalTaskSize>,
    {
        self.spec.cpu = Some(units);
        self
    }

    /// Shares one process namespace among the task's containers (`pidMode: task`; Linux only,
    /// rule T7).
    pub fn pid_mode_task(mut self) -> Self
    where
        L: Supports<feature::PidModeTask>,
    {
        self.spec.pid_mode = Some(task_render::PidMode::Task);
        self
    }

    /// Uses the host's process namespace (EC2 and External only, rule T7).
    pub fn pid_mode_host(mut self) -> Self
    where
        L: Supports<feature::PidModeHost>,
    {
        self.spec.pid_mode = Some(task_render::PidMode::Host);
        self
    }

    /// The IPC namespace (EC2 and External only, rule T6).
    pub fn ipc_mode(mut self, mode: IpcMode) -> Self
    where
        L: Supports<feature::IpcMode>,
    {
        self.spec.ipc_mode = Some(mode);
        self
    }

    /// Fargate ephemeral storage (rule T14).
    pub fn ephemeral_storage(mut self, storage: EphemeralStorage) -> Self
    where
        L: Supports<feature::EphemeralStorage>,
    {
        self.spec.ephemeral_storage_gib = Some(storage.0);
        self
    }

    /// A volume; its kind must be available on the launch type (rules T6, T9).
    pub fn volume<K>(mut self, volume: &Volume<K>) -> Self
    where
        L: Supports<K>,
    {
        self.spec.volumes.push(volume.spec.clone());
        self
    }

    /// A `memberOf` placement constraint in the cluster query language (EC2 and External).
    pub fn placement_constraint(mut self, expression: impl Into<String>) -> Self
    where
        L: Supports<feature::PlacementConstraints>,
    {
        self.spec.placement_constraints.push(expression.into());
        self
    }

    /// A tag on the task definition.
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.spec.tags.push((key.into(), value.into()));
        self
    }

    /// Checks every rule a value can break at run time and adds the task definition, its log
    /// group and roles to the stack.
    pub fn build(self) -> Result<TaskDefinition<L, N>>
    where
        S: SizeFor<L>,
        E: essential::Ready,
    {
        task_render::build(&self.stack, &self.id, self.spec).map(TaskDefinition::from_shared)
    }
}
