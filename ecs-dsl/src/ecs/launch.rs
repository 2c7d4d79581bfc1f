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
    pub fn is_fargate(self) -> bool {
        matches!(self, LaunchKind::Fargate | LaunchKind::FargateWindows)
    }

    /// Whether the tasks run Windows containers.
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
    pub fn has_host_ports(self) -> bool {
        matches!(self, NetworkKind::Bridge | NetworkKind::Nat)
    }
}

/// A launch type: a marker type for task definitions, containers and services.
pub trait LaunchType: Sealed + 'static {
    /// The launch type as a value.
    const KIND: LaunchKind;
}

/// A network mode: a marker type for task definitions, containers and services.
pub trait NetworkMode: Sealed + 'static {
    /// The network mode as a value.
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
    Fargate, LaunchType, LaunchKind::Fargate
);
marker!(
    /// AWS Fargate with Windows containers (`awsvpc` only; 1, 2 or 4 vCPU; rule T9).
    FargateWindows, LaunchType, LaunchKind::FargateWindows
);
marker!(
    /// EC2 container instances with Linux containers.
    Ec2, LaunchType, LaunchKind::Ec2
);
marker!(
    /// EC2 container instances with Windows containers (default NAT or `awsvpc`, rule T2).
    Ec2Windows, LaunchType, LaunchKind::Ec2Windows
);
marker!(
    /// ECS Anywhere: your own servers registered as external instances (rule T3).
    External, LaunchType, LaunchKind::External
);
marker!(
    /// `awsvpc`: every task has its own network interface, private IP and security groups.
    AwsVpc, NetworkMode, NetworkKind::AwsVpc
);
marker!(
    /// `bridge`: containers share Docker's bridge; host ports may differ or be dynamic.
    Bridge, NetworkMode, NetworkKind::Bridge
);
marker!(
    /// `host`: containers use the instance's network directly.
    Host, NetworkMode, NetworkKind::Host
);
marker!(
    /// `none`: no network; no port mappings, load balancers or service discovery (rule T4).
    NoNetwork, NetworkMode, NetworkKind::None
);
marker!(
    /// Windows' default network mode on EC2 (NAT); `NetworkMode` is left out of the template.
    Nat, NetworkMode, NetworkKind::Nat
);

/// Which network modes a launch type offers (rules T2 and T3).
#[diagnostic::on_unimplemented(
    message = "network mode `{Self}` is not supported on launch type `{L}` (rules T2, T3)",
    label = "not available on `{L}`",
    note = "Fargate: AwsVpc; EC2 Linux: Bridge, Host, AwsVpc, NoNetwork; EC2 Windows: Nat, AwsVpc; External: Bridge, Host, NoNetwork"
)]
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
pub trait HostPorts: NetworkMode {}
impl HostPorts for Bridge {}
impl HostPorts for Nat {}

/// Network modes that allow Docker's `links` (bridge only).
#[diagnostic::on_unimplemented(
    message = "container links need network mode `Bridge`, not `{Self}` (rule T6)",
    label = "links are a bridge-network feature"
)]
pub trait AllowsLinks: NetworkMode {}
impl AllowsLinks for Bridge {}

/// Network modes that take per-container `extraHosts`, DNS servers and search domains.
#[diagnostic::on_unimplemented(
    message = "extra hosts and DNS settings are not available with network mode `{Self}` (rule T6)",
    label = "not available with `{Self}`"
)]
pub trait ContainerDns: NetworkMode {}
impl ContainerDns for Bridge {}
impl ContainerDns for Host {}

/// Settings that only some launch types allow, as marker types for [`Supports`].
pub mod feature {
    macro_rules! features {
        ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
            $(#[$doc])*
            #[derive(Debug)]
            pub enum $name {}
        )*};
    }
    features!(
        /// A bind mount without a host path (task-scoped scratch storage).
        ScratchVolume,
        /// An Amazon EBS volume configured when a service deploys (`ConfiguredAtLaunch`).
        EbsAtLaunch,
        /// A volume backed by a path on the host (`Host.SourcePath`).
        HostPathVolume,
        /// A Docker volume (`DockerVolumeConfiguration`).
        DockerVolume,
        /// An Amazon EFS volume.
        EfsVolume,
        /// `privileged: true`.
        Privileged,
        /// GPU resource requirements.
        Gpu,
        /// `ipcMode`.
        IpcMode,
        /// `pidMode: host`.
        PidModeHost,
        /// `pidMode: task`.
        PidModeTask,
        /// Linux parameters: devices, tmpfs, shared memory, swap, added capabilities other than
        /// `SYS_PTRACE`.
        HostLinuxParameters,
        /// Linux-only container settings: `linuxParameters`, `readonlyRootFilesystem`, `user`,
        /// `ulimits`.
        LinuxContainerSettings,
        /// Task placement constraints.
        PlacementConstraints,
        /// Task-level ephemeral storage size.
        EphemeralStorage,
        /// Docker log drivers other than awslogs, splunk and awsfirelens.
        DockerLogDrivers,
        /// Daemon scheduling (one task per instance).
        DaemonScheduling,
        /// Task-level memory and CPU that are optional (EC2 and External).
        OptionalTaskSize,
    );
}

/// Whether launch type `Self` allows feature `F` (rules T6, T7, T9, T19, S1).
#[diagnostic::on_unimplemented(
    message = "`{F}` is not available on launch type `{Self}` (rules T6, T7, T9, T19, S1)",
    label = "`{Self}` does not allow `{F}`"
)]
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
