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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task: TaskDefinitionBuilder<Fargate, AwsVpc, _, count::Count<1>, _> = task.container(web);
    /// assert_eq!(task.build()?.containers().len(), 1);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    #[derive(Debug, Clone, Copy)]
    pub struct Count<const N: usize>;

    /// `Self` plus one container makes `M` containers, for `M` up to 10 (rule T1). The count
    /// after adding is a parameter of `container`, not an associated type, so that an eleventh
    /// container is reported with this trait's message.
    #[diagnostic::on_unimplemented(
        message = "a task definition holds at most 10 containers (rule T1)",
        label = "this would be container number 11"
    )]
    /// ```compile_fail,E0277
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10] =
    ///     std::array::from_fn(|i| task.new_container(format!("c{i}"), ecs_dsl::image!("busybox:1.36")));
    /// let task = task
    ///     .container(c0).container(c1).container(c2).container(c3).container(c4)
    ///     .container(c5).container(c6).container(c7).container(c8).container(c9)
    ///     .container(c10); // a task definition holds at most 10 containers (rule T1)
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let migrate = task.new_container("migrate", ecs_dsl::image!("example/migrate:3")).non_essential();
    /// let task: TaskDefinitionBuilder<Fargate, AwsVpc, _, _, essential::NoneYet> = task.container(migrate);
    /// # let _ = task;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum NoneYet {}
    /// At least one container is essential.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task: TaskDefinitionBuilder<Fargate, AwsVpc, _, _, essential::Some> = task.container(web);
    /// assert!(task.build().is_ok());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Some {}

    /// The state after adding a container whose essential state is `Self`.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// fn after<C>(_: essential::NoneYet) -> <essential::NoneYet as essential::Add<C>>::Out
    /// where
    ///     essential::NoneYet: essential::Add<C>,
    /// {
    ///     unreachable!()
    /// }
    /// // adding an essential container to `NoneYet` gives `Some`
    /// let _: fn(essential::NoneYet) -> essential::Some = after::<Essential>;
    /// let _: fn(essential::NoneYet) -> essential::NoneYet = after::<NotEssential>;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub trait Add<C> {
        /// The new state.
        ///
        /// ```
        /// use ecs_dsl::ecs::{Essential, essential::{Add, NoneYet, Some}};
        /// fn same<T>(_: std::marker::PhantomData<T>, _: std::marker::PhantomData<T>) {}
        /// same(std::marker::PhantomData::<<NoneYet as Add<Essential>>::Out>, std::marker::PhantomData::<Some>);
        /// ```
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
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let migrate = task.new_container("migrate", ecs_dsl::image!("example/migrate:3")).non_essential();
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// // after `web` the state is `Some`, which is `Ready`
    /// let task = task.container(migrate).container(web).build()?;
    /// assert_eq!(task.containers().len(), 2);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    ///
    /// ```compile_fail,E0277
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let migrate = task.new_container("migrate", ecs_dsl::image!("example/migrate:3")).non_essential();
    /// // a task definition needs at least one essential container (rule T11)
    /// let task = task.container(migrate).build()?;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let task = TaskDefinition::new(&stack, "Agent", Ec2, Host);
    /// let agent = task.new_container("agent", ecs_dsl::image!("example/agent:1")).memory_limit(256);
    /// let task = task.container(agent).build()?;
    /// assert_eq!((task.launch_kind(), task.network_kind()), (LaunchKind::Ec2, NetworkKind::Host));
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Agent"]["Properties"];
    /// assert_eq!(props["NetworkMode"], "host");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 512, memory = 1024));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!((props["Cpu"].as_str(), props["Memory"].as_str()), (Some("512"), Some("1024")));
    /// assert_eq!(props["NetworkMode"], "awsvpc");
    /// assert_eq!(props["RequiresCompatibilities"], serde_json::json!(["FARGATE"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let size = ecs_dsl::fargate!(cpu = 1024, memory = 2048, os = windows);
    /// let task = TaskDefinition::fargate_windows(&stack, "Iis", size, WindowsFamily::Server2022Core);
    /// let iis = task.new_container("iis", ecs_dsl::image!("mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"));
    /// task.container(iis).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Iis"]["Properties"];
    /// assert_eq!(props["RuntimePlatform"]["OperatingSystemFamily"], "WINDOWS_SERVER_2022_CORE");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// // without a task size every container needs a memory limit or reservation (rule T12)
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_reservation(256);
    /// task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["NetworkMode"], "bridge");
    /// assert_eq!(props["RequiresCompatibilities"], serde_json::json!(["EC2"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ec2(stack: &Stack, id: &str, network: N) -> TaskDefinitionBuilder<Ec2, N, NoSize>
    where
        N: NetworkFor<Ec2>,
    {
        TaskDefinition::new(stack, id, Ec2, network)
    }
}

impl<N: NetworkMode> TaskDefinition<Ec2Windows, N> {
    /// A Windows EC2 task definition with network mode `Nat` (the default) or `AwsVpc`.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let task = TaskDefinition::ec2_windows(&stack, "Iis", Nat, WindowsFamily::Server2019Full);
    /// let iis = task
    ///     .new_container("iis", ecs_dsl::image!("mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019"))
    ///     .memory_limit(1024);
    /// task.container(iis).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Iis"]["Properties"];
    /// assert!(props.get("NetworkMode").is_none()); // NAT is Windows' default
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let task = TaskDefinition::external(&stack, "Edge", Host);
    /// let edge = task.new_container("edge", ecs_dsl::image!("example/edge:1")).memory_limit(256);
    /// task.container(edge).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Edge"]["Properties"];
    /// assert_eq!(props["RequiresCompatibilities"], serde_json::json!(["EXTERNAL"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
/// let task = task.container(web).ephemeral_storage(ecs_dsl::ephemeral_storage!(100)).build()?;
/// # let _ = task;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["EphemeralStorage"]["SizeInGiB"], 100);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EphemeralStorage(u32);

impl EphemeralStorage {
    /// The size in GiB.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let gib_from_config = 500;
    /// let result = task.container(web).ephemeral_storage(EphemeralStorage::gib(gib_from_config)).build();
    /// assert!(result.unwrap_err().to_string().contains("T14"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub const fn gib(size: u32) -> Self {
        EphemeralStorage(size)
    }

    /// The size in GiB.
    ///
    /// ```
    /// use ecs_dsl::ecs::EphemeralStorage;
    /// assert_eq!(EphemeralStorage::gib(64).size_gib(), 64);
    /// ```
    pub fn size_gib(self) -> u32 {
        self.0
    }
}

/// The IPC namespace of the task's containers (EC2 and External, rule T6).
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
/// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256);
/// task.container(web).ipc_mode(IpcMode::Task).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["IpcMode"], "task");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let size = FargateSize::parse("1 vCPU", "2 GB")?; // e.g. from a config file
    /// let task = TaskDefinition::new(&stack, "Web", Fargate, AwsVpc).size(size);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!((props["Cpu"].as_str(), props["Memory"].as_str()), (Some("1024"), Some("2048")));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn size<S2: TaskSize>(mut self, size: S2) -> TaskDefinitionBuilder<L, N, S2, C, E> {
        self.spec.fargate_size = size.fargate_size();
        self.retype(size)
    }

    /// A container of this task definition (add it with [`container`](Self::container)).
    /// Its name is checked against rule S15 and must be unique in the task.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// assert_eq!(web.name(), "web");
    /// // names are checked when the task definition is built (rule S15)
    /// let bad = task.new_container("web.api", ecs_dsl::image!("nginx:1.27"));
    /// assert!(task.container(bad).build().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new_container(&self, name: impl Into<String>, image: Image) -> Container<L, N, S> {
        Container::create(
            format!("{}/{}", self.stack.name(), self.id),
            name.into(),
            image,
        )
    }

    /// Adds a container. The count is part of the type: an eleventh container does not compile
    /// (rule T1).
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
    /// let names: Vec<&str> = task.containers().iter().map(|c| c.name()).collect();
    /// assert_eq!(names, ["web", "proxy"]);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let from_config = [("web", "nginx:1.27"), ("worker", "busybox:1.36")];
    /// let mut containers = Vec::new();
    /// for (name, image) in from_config {
    ///     containers.push(task.new_container(name, Image::parse(image)?));
    /// }
    /// let task = task.containers(containers).build()?;
    /// assert_eq!(task.containers().len(), 2);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// task.container(web).family("storefront-web").build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Family"], "storefront-web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn family(mut self, family: impl Into<String>) -> Self {
        self.spec.family = Some(family.into());
        self
    }

    /// The IAM role the containers run as. Without one, a role is created when something
    /// needs it (a grant, ECS Exec, EFS IAM authorization).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// use ecs_dsl::iam::{Role, ServicePrincipal};
    /// let role = Role::builder(&stack, "AppRole", ServicePrincipal::EcsTasks).build()?;
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// task.container(web).task_role(&role).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["TaskRoleArn"], serde_json::json!({"Fn::GetAtt": ["AppRole", "Arn"]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn task_role(mut self, role: &Role) -> Self {
        self.spec.task_role = Some(RoleSlot::Owned(role.clone()));
        self
    }

    /// An existing task role by ARN; grants cannot be added to it (the owner of the role
    /// must allow what the containers need).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let arn = "arn:aws:iam::123456789012:role/web-task";
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let task = task.container(web).task_role_arn(arn).build()?;
    /// assert!(matches!(task.task_role(), Some(RoleSlot::Imported(_))));
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["TaskRoleArn"], arn);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn task_role_arn(mut self, arn: impl Into<Value<String>>) -> Self {
        self.spec.task_role = Some(RoleSlot::Imported(arn.into()));
        self
    }

    /// The role ECS uses to pull images, write logs and read secrets. Without one, a role is
    /// created only when something needs it, with exactly those grants.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// use ecs_dsl::iam::{Role, ServicePrincipal};
    /// let role = Role::builder(&stack, "Exec", ServicePrincipal::EcsTasks).build()?;
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).log_to_cloudwatch();
    /// task.container(web).execution_role(&role).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["ExecutionRoleArn"], serde_json::json!({"Fn::GetAtt": ["Exec", "Arn"]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn execution_role(mut self, role: &Role) -> Self {
        self.spec.execution_role = Some(RoleSlot::Owned(role.clone()));
        self
    }

    /// An existing execution role by ARN; the grants this task needs are not added to it.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let arn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// task.container(web).execution_role_arn(arn).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["ExecutionRoleArn"], arn);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn execution_role_arn(mut self, arn: impl Into<Value<String>>) -> Self {
        self.spec.execution_role = Some(RoleSlot::Imported(arn.into()));
        self
    }

    /// The CPU architecture of a Linux task (x86-64 by default).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// task.container(web).cpu_architecture(CpuArchitecture::Arm64).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["RuntimePlatform"]["CpuArchitecture"], "ARM64");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn cpu_architecture(mut self, arch: CpuArchitecture) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.cpu_architecture = Some(arch);
        self
    }

    /// Task-level memory in MiB for EC2 and External tasks (Fargate takes a size instead).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// task.container(web).memory_mib(1024).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Memory"], "1024");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn memory_mib(mut self, mib: u32) -> Self
    where
        L: Supports<feature::OptionalTaskSize>,
    {
        self.spec.memory = Some(mib);
        self
    }

    /// Task-level CPU units for EC2 and External tasks.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256);
    /// task.container(web).cpu_units(512).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Cpu"], "512");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn cpu_units(mut self, units: u32) -> Self
    where
        L: Supports<feature::OptionalTaskSize>,
    {
        self.spec.cpu = Some(units);
        self
    }

    /// Shares one process namespace among the task's containers (`pidMode: task`; Linux only,
    /// rule T7).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// task.container(web).pid_mode_task().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["PidMode"], "task");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn pid_mode_task(mut self) -> Self
    where
        L: Supports<feature::PidModeTask>,
    {
        self.spec.pid_mode = Some(task_render::PidMode::Task);
        self
    }

    /// Uses the host's process namespace (EC2 and External only, rule T7).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256);
    /// task.container(web).pid_mode_host().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["PidMode"], "host");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn pid_mode_host(mut self) -> Self
    where
        L: Supports<feature::PidModeHost>,
    {
        self.spec.pid_mode = Some(task_render::PidMode::Host);
        self
    }

    /// The IPC namespace (EC2 and External only, rule T6).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256);
    /// task.container(web).ipc_mode(IpcMode::Host).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["IpcMode"], "host");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ipc_mode(mut self, mode: IpcMode) -> Self
    where
        L: Supports<feature::IpcMode>,
    {
        self.spec.ipc_mode = Some(mode);
        self
    }

    /// Fargate ephemeral storage (rule T14).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// task.container(web).ephemeral_storage(ecs_dsl::ephemeral_storage!(50)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["EphemeralStorage"]["SizeInGiB"], 50);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ephemeral_storage(mut self, storage: EphemeralStorage) -> Self
    where
        L: Supports<feature::EphemeralStorage>,
    {
        self.spec.ephemeral_storage_gib = Some(storage.0);
        self
    }

    /// A volume; its kind must be available on the launch type (rules T6, T9).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let cache = Volume::scratch("cache");
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&cache, "/cache");
    /// task.container(web).volume(&cache).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["Name"], "cache");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    ///
    /// A host path does not exist on Fargate (rule T6):
    ///
    /// ```compile_fail,E0277
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let sock = Volume::host_path("docker-sock", "/var/run/docker.sock");
    /// let task = task.volume(&sock);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn volume<K>(mut self, volume: &Volume<K>) -> Self
    where
        L: Supports<K>,
    {
        self.spec.volumes.push(volume.spec.clone());
        self
    }

    /// A `memberOf` placement constraint in the cluster query language (EC2 and External).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256);
    /// task.container(web).placement_constraint("attribute:ecs.instance-type =~ t3.*").build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["PlacementConstraints"][0]["Type"], "memberOf");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn placement_constraint(mut self, expression: impl Into<String>) -> Self
    where
        L: Supports<feature::PlacementConstraints>,
    {
        self.spec.placement_constraints.push(expression.into());
        self
    }

    /// A tag on the task definition.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// task.container(web).tag("team", "storefront").build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Tags"][0], serde_json::json!({"Key": "team", "Value": "storefront"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.spec.tags.push((key.into(), value.into()));
        self
    }

    /// Checks every rule a value can break at run time and adds the task definition, its log
    /// group and roles to the stack.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// // 1024 MiB do not fit the task's 512 MiB (rule T13)
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(1024);
    /// let err = task.container(web).build().unwrap_err();
    /// assert!(err.to_string().contains("T13"), "{err}");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<TaskDefinition<L, N>>
    where
        S: SizeFor<L>,
        E: essential::Ready,
    {
        task_render::build(&self.stack, &self.id, self.spec).map(TaskDefinition::from_shared)
    }
}
