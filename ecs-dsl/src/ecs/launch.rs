//! Launch types and network modes as types (rules T2, T3, T4, T5, T6, T7, T9).
//!
//! A task definition is `TaskDefinitionBuilder<L, N, ..>` with a launch type `L` ([`Fargate`],
//! [`FargateWindows`], [`Ec2`], [`Ec2Windows`], [`External`]) and a network mode `N`
//! ([`AwsVpc`], [`Bridge`], [`Host`], [`NoNetwork`], [`Nat`]). Which pairs exist is the trait
//! [`NetworkFor`]; which settings a launch type allows is [`Supports`]. A method that a launch
//! type or network mode does not allow still exists, but its bound fails with a sentence naming
//! the rule, for example:
//!
//! ```text
//! error[E0277]: network mode `Bridge` is not supported on launch type `Fargate` (rule T2)
//! ```

use crate::cfn::ecs::task_definition::{
    RuntimePlatformCpuArchitecture as CfnArch, RuntimePlatformOperatingSystemFamily as CfnOs,
    TaskDefinitionNetworkMode, TaskDefinitionRequiresCompatibilities as Compat,
};

mod sealed {
    pub trait Sealed {}
}
use sealed::Sealed;

/// Where the tasks run, as the task definition's `RequiresCompatibilities` says.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
/// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256);
/// let task = task.container(web).build()?;
/// assert_eq!(task.launch_kind(), LaunchKind::Ec2);
/// assert!(!task.launch_kind().is_fargate());
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchKind {
    /// AWS Fargate, Linux.
    Fargate,
    /// AWS Fargate, Windows.
    FargateWindows,
    /// EC2 container instances, Linux.
    Ec2,
    /// EC2 container instances, Windows.
    Ec2Windows,
    /// ECS Anywhere (external instances), Linux.
    External,
}

impl LaunchKind {
    /// Whether the tasks run on AWS Fargate.
    ///
    /// ```
    /// use ecs_dsl::ecs::LaunchKind;
    /// assert!(LaunchKind::FargateWindows.is_fargate());
    /// assert!(!LaunchKind::External.is_fargate());
    /// ```
    pub fn is_fargate(self) -> bool {
        matches!(self, LaunchKind::Fargate | LaunchKind::FargateWindows)
    }

    /// Whether the tasks run Windows containers.
    ///
    /// ```
    /// use ecs_dsl::ecs::LaunchKind;
    /// assert!(LaunchKind::Ec2Windows.is_windows());
    /// assert!(!LaunchKind::Fargate.is_windows());
    /// ```
    pub fn is_windows(self) -> bool {
        matches!(self, LaunchKind::FargateWindows | LaunchKind::Ec2Windows)
    }

    pub(crate) fn compatibility(self) -> Compat {
        match self {
            LaunchKind::Fargate | LaunchKind::FargateWindows => Compat::Fargate,
            LaunchKind::Ec2 | LaunchKind::Ec2Windows => Compat::Ec2,
            LaunchKind::External => Compat::External,
        }
    }

    /// The name used in messages.
    ///
    /// ```
    /// use ecs_dsl::ecs::LaunchKind;
    /// assert_eq!(LaunchKind::FargateWindows.name(), "Fargate (Windows)");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            LaunchKind::Fargate => "Fargate",
            LaunchKind::FargateWindows => "Fargate (Windows)",
            LaunchKind::Ec2 => "EC2",
            LaunchKind::Ec2Windows => "EC2 (Windows)",
            LaunchKind::External => "External",
        }
    }
}

/// The task's network mode.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkKind {
    /// `awsvpc`: each task gets its own elastic network interface.
    AwsVpc,
    /// `bridge`: Docker's bridge network on the instance.
    Bridge,
    /// `host`: the instance's network stack.
    Host,
    /// `none`: no external connectivity.
    None,
    /// Windows' default (NAT) mode: `NetworkMode` is omitted.
    Nat,
}

impl NetworkKind {
    pub(crate) fn cfn(self) -> Option<TaskDefinitionNetworkMode> {
        match self {
            NetworkKind::AwsVpc => Some(TaskDefinitionNetworkMode::Awsvpc),
            NetworkKind::Bridge => Some(TaskDefinitionNetworkMode::Bridge),
            NetworkKind::Host => Some(TaskDefinitionNetworkMode::Host),
            NetworkKind::None => Some(TaskDefinitionNetworkMode::None),
            NetworkKind::Nat => None,
        }
    }

    /// Whether a port mapping may name a host port different from the container port.
    ///
    /// ```
    /// use ecs_dsl::ecs::NetworkKind;
    /// assert!(NetworkKind::Bridge.has_host_ports());
    /// assert!(!NetworkKind::AwsVpc.has_host_ports());
    /// ```
    pub fn has_host_ports(self) -> bool {
        matches!(self, NetworkKind::Bridge | NetworkKind::Nat)
    }
}

/// A launch type: a marker type for task definitions, containers and services.
///
/// ```
/// use ecs_dsl::ecs::{Ec2, Fargate, LaunchKind, LaunchType};
/// assert_eq!(Fargate::KIND, LaunchKind::Fargate);
/// assert_eq!(<Ec2 as LaunchType>::KIND.name(), "EC2");
/// ```
pub trait LaunchType: Sealed + 'static {
    /// The launch type as a value.
    ///
    /// ```
    /// use ecs_dsl::ecs::{Ec2Windows, LaunchType};
    /// assert!(Ec2Windows::KIND.is_windows());
    /// ```
    const KIND: LaunchKind;
}

/// A network mode: a marker type for task definitions, containers and services.
///
/// ```
/// use ecs_dsl::ecs::{Nat, NetworkKind, NetworkMode};
/// assert_eq!(Nat::KIND, NetworkKind::Nat);
/// ```
pub trait NetworkMode: Sealed + 'static {
    /// The network mode as a value.
    ///
    /// ```
    /// use ecs_dsl::ecs::{Bridge, NetworkMode};
    /// assert!(Bridge::KIND.has_host_ports());
    /// ```
    const KIND: NetworkKind;
}

macro_rules! marker {
    ($(#[$doc:meta])* $name:ident, $trait:ident, $ty:ident :: $variant:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name;
        impl Sealed for $name {}
        impl $trait for $name {
            const KIND: $ty = $ty::$variant;
        }
    };
}

marker!(
    /// AWS Fargate with Linux containers (`awsvpc` only, rule T2).
    ///
    /// ```
    /// use ecs_dsl::ecs::{Fargate, LaunchKind, LaunchType};
    /// assert_eq!(Fargate::KIND, LaunchKind::Fargate);
    /// ```
    Fargate, LaunchType, LaunchKind::Fargate
);
marker!(
    /// AWS Fargate with Windows containers (`awsvpc` only; 1, 2 or 4 vCPU; rule T9).
    ///
    /// ```
    /// use ecs_dsl::ecs::{FargateWindows, LaunchKind, LaunchType};
    /// assert_eq!(FargateWindows::KIND, LaunchKind::FargateWindows);
    /// ```
    FargateWindows, LaunchType, LaunchKind::FargateWindows
);
marker!(
    /// EC2 container instances with Linux containers.
    ///
    /// ```
    /// use ecs_dsl::ecs::{Ec2, LaunchKind, LaunchType};
    /// assert_eq!(Ec2::KIND, LaunchKind::Ec2);
    /// ```
    Ec2, LaunchType, LaunchKind::Ec2
);
marker!(
    /// EC2 container instances with Windows containers (default NAT or `awsvpc`, rule T2).
    ///
    /// ```
    /// use ecs_dsl::ecs::{Ec2Windows, LaunchKind, LaunchType};
    /// assert_eq!(Ec2Windows::KIND, LaunchKind::Ec2Windows);
    /// ```
    Ec2Windows, LaunchType, LaunchKind::Ec2Windows
);
marker!(
    /// ECS Anywhere: your own servers registered as external instances (rule T3).
    ///
    /// ```
    /// use ecs_dsl::ecs::{External, LaunchKind, LaunchType};
    /// assert_eq!(External::KIND, LaunchKind::External);
    /// ```
    External, LaunchType, LaunchKind::External
);
marker!(
    /// `awsvpc`: every task has its own network interface, private IP and security groups.
    ///
    /// ```
    /// use ecs_dsl::ecs::{AwsVpc, NetworkKind, NetworkMode};
    /// assert_eq!(AwsVpc::KIND, NetworkKind::AwsVpc);
    /// ```
    AwsVpc, NetworkMode, NetworkKind::AwsVpc
);
marker!(
    /// `bridge`: containers share Docker's bridge; host ports may differ or be dynamic.
    ///
    /// ```
    /// use ecs_dsl::ecs::{Bridge, NetworkKind, NetworkMode};
    /// assert_eq!(Bridge::KIND, NetworkKind::Bridge);
    /// ```
    Bridge, NetworkMode, NetworkKind::Bridge
);
marker!(
    /// `host`: containers use the instance's network directly.
    ///
    /// ```
    /// use ecs_dsl::ecs::{Host, NetworkKind, NetworkMode};
    /// assert_eq!(Host::KIND, NetworkKind::Host);
    /// ```
    Host, NetworkMode, NetworkKind::Host
);
marker!(
    /// `none`: no network; no port mappings, load balancers or service discovery (rule T4).
    ///
    /// ```
    /// use ecs_dsl::ecs::{NoNetwork, NetworkKind, NetworkMode};
    /// assert_eq!(NoNetwork::KIND, NetworkKind::None);
    /// ```
    NoNetwork, NetworkMode, NetworkKind::None
);
marker!(
    /// Windows' default network mode on EC2 (NAT); `NetworkMode` is left out of the template.
    ///
    /// ```
    /// use ecs_dsl::ecs::{Nat, NetworkKind, NetworkMode};
    /// assert_eq!(Nat::KIND, NetworkKind::Nat);
    /// ```
    Nat, NetworkMode, NetworkKind::Nat
);

/// Which network modes a launch type offers (rules T2 and T3).
#[diagnostic::on_unimplemented(
    message = "network mode `{Self}` is not supported on launch type `{L}` (rules T2, T3)",
    label = "not available on `{L}`",
    note = "Fargate: AwsVpc; EC2 Linux: Bridge, Host, AwsVpc, NoNetwork; EC2 Windows: Nat, AwsVpc; External: Bridge, Host, NoNetwork"
)]
/// ```
/// use ecs_dsl::ecs::{AwsVpc, Bridge, Ec2, External, Fargate, NetworkFor};
/// fn pair<N: NetworkFor<L>, L: ecs_dsl::ecs::LaunchType>() {}
/// pair::<AwsVpc, Fargate>();
/// pair::<Bridge, Ec2>();
/// pair::<Bridge, External>();
/// ```
///
/// ```compile_fail,E0277
/// use ecs_dsl::ecs::{AwsVpc, External, NetworkFor};
/// fn pair<N: NetworkFor<L>, L: ecs_dsl::ecs::LaunchType>() {}
/// pair::<AwsVpc, External>(); // ECS Anywhere has no awsvpc (rule T3)
/// ```
pub trait NetworkFor<L: LaunchType>: NetworkMode {}

impl NetworkFor<Fargate> for AwsVpc {}
impl NetworkFor<FargateWindows> for AwsVpc {}
impl NetworkFor<Ec2> for Bridge {}
impl NetworkFor<Ec2> for Host {}
impl NetworkFor<Ec2> for AwsVpc {}
impl NetworkFor<Ec2> for NoNetwork {}
impl NetworkFor<Ec2Windows> for Nat {}
impl NetworkFor<Ec2Windows> for AwsVpc {}
impl NetworkFor<External> for Bridge {}
impl NetworkFor<External> for Host {}
impl NetworkFor<External> for NoNetwork {}

/// Network modes whose containers can publish ports (every mode but `none`, rule T4).
#[diagnostic::on_unimplemented(
    message = "network mode `{Self}` has no network: a container cannot publish ports (rule T4)",
    label = "no port mappings under network mode `none`"
)]
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// let task = TaskDefinition::ec2(&stack, "Batch", NoNetwork);
/// let batch = task.new_container("batch", ecs_dsl::image!("busybox:1.36")).memory_limit(128);
/// // `NoNetwork` is not `PublishesPorts`: `batch.port(80)` would not compile (rule T4)
/// let task = task.container(batch).build()?;
/// assert_eq!(task.container("batch").unwrap().ports().count(), 0);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub trait PublishesPorts: NetworkMode {}
impl PublishesPorts for AwsVpc {}
impl PublishesPorts for Bridge {}
impl PublishesPorts for Host {}
impl PublishesPorts for Nat {}

/// Network modes where a port mapping has its own host port (rule T5).
#[diagnostic::on_unimplemented(
    message = "network mode `{Self}` has no separate host port: the host port is always the container port (rule T5)",
    label = "host ports exist only under `Bridge` (and Windows `Nat`)"
)]
/// ```
/// use ecs_dsl::ecs::{Bridge, HostPorts, Nat};
/// fn fixed_host_port<N: HostPorts>() {}
/// fixed_host_port::<Bridge>();
/// fixed_host_port::<Nat>();
/// ```
pub trait HostPorts: NetworkMode {}
impl HostPorts for Bridge {}
impl HostPorts for Nat {}

/// Network modes that allow Docker's `links` (bridge only).
#[diagnostic::on_unimplemented(
    message = "container links need network mode `Bridge`, not `{Self}` (rule T6)",
    label = "links are a bridge-network feature"
)]
/// ```
/// use ecs_dsl::ecs::{AllowsLinks, Bridge};
/// fn links<N: AllowsLinks>() {}
/// links::<Bridge>();
/// ```
pub trait AllowsLinks: NetworkMode {}
impl AllowsLinks for Bridge {}

/// Network modes that take per-container `extraHosts`, DNS servers and search domains.
#[diagnostic::on_unimplemented(
    message = "extra hosts and DNS settings are not available with network mode `{Self}` (rule T6)",
    label = "not available with `{Self}`"
)]
/// ```
/// use ecs_dsl::ecs::{Bridge, ContainerDns, Host};
/// fn dns<N: ContainerDns>() {}
/// dns::<Bridge>();
/// dns::<Host>();
/// ```
pub trait ContainerDns: NetworkMode {}
impl ContainerDns for Bridge {}
impl ContainerDns for Host {}

/// Settings that only some launch types allow, as marker types for [`Supports`].
pub mod feature {
    macro_rules! features {
        ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum $name {}
        )*};
    }
    features!(
        /// A bind mount without a host path (task-scoped scratch storage).
        ///
        /// ```
        /// use ecs_dsl::ecs::{FargateWindows, Supports, feature};
        /// fn allows<L: Supports<feature::ScratchVolume>>() {}
        /// allows::<FargateWindows>();
        /// ```
        ScratchVolume,
        /// An Amazon EBS volume configured when a service deploys (`ConfiguredAtLaunch`).
        ///
        /// ```
        /// use ecs_dsl::ecs::{Fargate, Supports, feature};
        /// fn allows<L: Supports<feature::EbsAtLaunch>>() {}
        /// allows::<Fargate>(); // `allows::<FargateWindows>()` does not compile
        /// ```
        EbsAtLaunch,
        /// A volume backed by a path on the host (`Host.SourcePath`).
        ///
        /// ```
        /// use ecs_dsl::ecs::{Ec2Windows, Supports, feature};
        /// fn allows<L: Supports<feature::HostPathVolume>>() {}
        /// allows::<Ec2Windows>(); // `allows::<Fargate>()` does not compile
        /// ```
        HostPathVolume,
        /// A Docker volume (`DockerVolumeConfiguration`).
        ///
        /// ```
        /// use ecs_dsl::ecs::{External, Supports, feature};
        /// fn allows<L: Supports<feature::DockerVolume>>() {}
        /// allows::<External>(); // `allows::<Fargate>()` does not compile
        /// ```
        DockerVolume,
        /// An Amazon EFS volume.
        ///
        /// ```
        /// use ecs_dsl::ecs::{Fargate, Supports, feature};
        /// fn allows<L: Supports<feature::EfsVolume>>() {}
        /// allows::<Fargate>(); // `allows::<FargateWindows>()` does not compile
        /// ```
        EfsVolume,
        /// `privileged: true`.
        ///
        /// ```
        /// use ecs_dsl::ecs::{Ec2, Supports, feature};
        /// fn allows<L: Supports<feature::Privileged>>() {}
        /// allows::<Ec2>(); // `allows::<Fargate>()` does not compile
        /// ```
        Privileged,
        /// GPU resource requirements.
        ///
        /// ```
        /// use ecs_dsl::ecs::{Ec2, Supports, feature};
        /// fn allows<L: Supports<feature::Gpu>>() {}
        /// allows::<Ec2>(); // `allows::<Fargate>()` does not compile
        /// ```
        Gpu,
        /// `ipcMode`.
        ///
        /// ```
        /// use ecs_dsl::ecs::{External, Supports, feature};
        /// fn allows<L: Supports<feature::IpcMode>>() {}
        /// allows::<External>(); // `allows::<Fargate>()` does not compile
        /// ```
        IpcMode,
        /// `pidMode: host`.
        ///
        /// ```
        /// use ecs_dsl::ecs::{Ec2, Supports, feature};
        /// fn allows<L: Supports<feature::PidModeHost>>() {}
        /// allows::<Ec2>(); // `allows::<Fargate>()` does not compile
        /// ```
        PidModeHost,
        /// `pidMode: task`.
        ///
        /// ```
        /// use ecs_dsl::ecs::{Fargate, Supports, feature};
        /// fn allows<L: Supports<feature::PidModeTask>>() {}
        /// allows::<Fargate>(); // `allows::<FargateWindows>()` does not compile
        /// ```
        PidModeTask,
        /// Linux parameters: devices, tmpfs, shared memory, swap, added capabilities other than
        /// `SYS_PTRACE`.
        ///
        /// ```
        /// use ecs_dsl::ecs::{External, Supports, feature};
        /// fn allows<L: Supports<feature::HostLinuxParameters>>() {}
        /// allows::<External>(); // `allows::<Fargate>()` does not compile
        /// ```
        HostLinuxParameters,
        /// Linux-only container settings: `linuxParameters`, `readonlyRootFilesystem`, `user`,
        /// `ulimits`.
        ///
        /// ```
        /// use ecs_dsl::ecs::{Fargate, Supports, feature};
        /// fn allows<L: Supports<feature::LinuxContainerSettings>>() {}
        /// allows::<Fargate>(); // `allows::<Ec2Windows>()` does not compile
        /// ```
        LinuxContainerSettings,
        /// Task placement constraints.
        ///
        /// ```
        /// use ecs_dsl::ecs::{Ec2Windows, Supports, feature};
        /// fn allows<L: Supports<feature::PlacementConstraints>>() {}
        /// allows::<Ec2Windows>(); // `allows::<Fargate>()` does not compile
        /// ```
        PlacementConstraints,
        /// Task-level ephemeral storage size.
        ///
        /// ```
        /// use ecs_dsl::ecs::{Fargate, Supports, feature};
        /// fn allows<L: Supports<feature::EphemeralStorage>>() {}
        /// allows::<Fargate>(); // `allows::<Ec2>()` does not compile
        /// ```
        EphemeralStorage,
        /// Docker log drivers other than awslogs, splunk and awsfirelens.
        ///
        /// ```
        /// use ecs_dsl::ecs::{Ec2, Supports, feature};
        /// fn allows<L: Supports<feature::DockerLogDrivers>>() {}
        /// allows::<Ec2>(); // `allows::<Fargate>()` does not compile
        /// ```
        DockerLogDrivers,
        /// Daemon scheduling (one task per instance).
        ///
        /// ```
        /// use ecs_dsl::ecs::{External, Supports, feature};
        /// fn allows<L: Supports<feature::DaemonScheduling>>() {}
        /// allows::<External>(); // `allows::<Fargate>()` does not compile
        /// ```
        DaemonScheduling,
        /// Task-level memory and CPU that are optional (EC2 and External).
        ///
        /// ```
        /// use ecs_dsl::ecs::{Ec2, Supports, feature};
        /// fn allows<L: Supports<feature::OptionalTaskSize>>() {}
        /// allows::<Ec2>(); // `allows::<Fargate>()` does not compile
        /// ```
        OptionalTaskSize,
    );
}

/// Whether launch type `Self` allows feature `F` (rules T6, T7, T9, T19, S1).
#[diagnostic::on_unimplemented(
    message = "`{F}` is not available on launch type `{Self}` (rules T6, T7, T9, T19, S1)",
    label = "`{Self}` does not allow `{F}`"
)]
/// ```
/// use ecs_dsl::ecs::{Ec2, External, Fargate, Supports, feature};
/// fn gpus<L: Supports<feature::Gpu>>() {}
/// gpus::<Ec2>();
/// gpus::<External>();
/// fn ephemeral<L: Supports<feature::EphemeralStorage>>() {}
/// ephemeral::<Fargate>();
/// ```
///
/// ```compile_fail,E0277
/// use ecs_dsl::ecs::{Fargate, Supports, feature};
/// fn gpus<L: Supports<feature::Gpu>>() {}
/// gpus::<Fargate>(); // rule T6
/// ```
pub trait Supports<F>: LaunchType {}

macro_rules! supports {
    ($launch:ident: $($feature:ident),* $(,)?) => {$(
        impl Supports<feature::$feature> for $launch {}
    )*};
}
supports!(Fargate: ScratchVolume, EbsAtLaunch, EfsVolume, PidModeTask, LinuxContainerSettings, EphemeralStorage);
supports!(FargateWindows: ScratchVolume);
supports!(
    Ec2: ScratchVolume,
    EbsAtLaunch,
    HostPathVolume,
    DockerVolume,
    EfsVolume,
    Privileged,
    Gpu,
    IpcMode,
    PidModeHost,
    PidModeTask,
    HostLinuxParameters,
    LinuxContainerSettings,
    PlacementConstraints,
    DockerLogDrivers,
    DaemonScheduling,
    OptionalTaskSize,
);
supports!(
    Ec2Windows: ScratchVolume,
    DockerVolume,
    HostPathVolume,
    PlacementConstraints,
    DockerLogDrivers,
    DaemonScheduling,
    OptionalTaskSize,
);
supports!(
    External: ScratchVolume,
    HostPathVolume,
    DockerVolume,
    Privileged,
    Gpu,
    IpcMode,
    PidModeHost,
    PidModeTask,
    HostLinuxParameters,
    LinuxContainerSettings,
    PlacementConstraints,
    DockerLogDrivers,
    DaemonScheduling,
    OptionalTaskSize,
);

/// CPU architecture of Linux tasks (`RuntimePlatform.CpuArchitecture`).
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CpuArchitecture {
    /// x86-64 (the default).
    X86_64,
    /// 64-bit ARM (Graviton).
    Arm64,
}

impl CpuArchitecture {
    pub(crate) fn cfn(self) -> CfnArch {
        match self {
            CpuArchitecture::X86_64 => CfnArch::X8664,
            CpuArchitecture::Arm64 => CfnArch::Arm64,
        }
    }
}

/// The Windows Server family of Windows tasks (`RuntimePlatform.OperatingSystemFamily`).
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// let task = TaskDefinition::ec2_windows(&stack, "Iis", Nat, WindowsFamily::Server2025Core);
/// # let iis = task.new_container("iis", ecs_dsl::image!("mcr.microsoft.com/windows/servercore/iis:latest")).memory_limit(1024);
/// task.container(iis).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Iis"]["Properties"];
/// assert_eq!(props["RuntimePlatform"]["OperatingSystemFamily"], "WINDOWS_SERVER_2025_CORE");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowsFamily {
    /// Windows Server 2019 Full.
    Server2019Full,
    /// Windows Server 2019 Core.
    Server2019Core,
    /// Windows Server 2022 Full.
    Server2022Full,
    /// Windows Server 2022 Core.
    Server2022Core,
    /// Windows Server 2025 Full.
    Server2025Full,
    /// Windows Server 2025 Core.
    Server2025Core,
}

impl WindowsFamily {
    pub(crate) fn cfn(self) -> CfnOs {
        match self {
            WindowsFamily::Server2019Full => CfnOs::WindowsServer2019Full,
            WindowsFamily::Server2019Core => CfnOs::WindowsServer2019Core,
            WindowsFamily::Server2022Full => CfnOs::WindowsServer2022Full,
            WindowsFamily::Server2022Core => CfnOs::WindowsServer2022Core,
            WindowsFamily::Server2025Full => CfnOs::WindowsServer2025Full,
            WindowsFamily::Server2025Core => CfnOs::WindowsServer2025Core,
        }
    }
}
