//! Typed ECS building blocks (L2): task definitions, containers, services and clusters, with the
//! rules of `ecs-rules.md` as types where the compiler can check them and as checks returning
//! [`Error::Rule`](crate::Error::Rule) when the task definition or service is built.
//!
//! Values that are CloudFormation expressions (a [`Parameter`](crate::template::Parameter), an
//! `Fn::ImportValue`, a `GetAtt`) cannot be checked before deployment: each check skips them
//! explicitly and the value is passed through unchanged.

mod capacity;
mod cluster;
mod container;
mod container_render;
mod ebs;
mod fargate_size;
mod health;
mod image;
mod launch;
mod logging;
#[macro_use]
mod macros;
mod name;
mod port;
mod scaling;
mod scheduled;
mod secret;
mod service;
mod service_connect;
mod service_render;
pub mod service_state;
mod size;
mod target;
mod task;
mod task_definition;
mod task_render;
mod task_validate;
mod volume;

pub use capacity::{
    AsgCapacity, AsgCapacityProvider, CapacityProvider, CapacityProviderStrategy, FargateCapacity,
    RunsLaunch, StrategyItem,
};
pub use cluster::{Cluster, ClusterBuilder, ContainerInsights, ExecLogging};
pub use container::{
    Checked, Container, DependencyCondition, Essential, FireLensRouter, MayExit, NoHealthCheck,
    NotEssential, UlimitName, WithHealthCheck,
};
pub use ebs::{EbsVolume, EbsVolumeType};
pub use fargate_size::FargateSize;
pub use health::{__rules, HealthCheck, HealthCheckTiming};
pub use image::Image;
pub use launch::{
    AllowsLinks, AwsVpc, Bridge, ContainerDns, CpuArchitecture, Ec2, Ec2Windows, External, Fargate,
    FargateWindows, Host, HostPorts, LaunchKind, LaunchType, Nat, NetworkFor, NetworkKind,
    NetworkMode, NoNetwork, PublishesPorts, Supports, WindowsFamily, feature,
};
pub use logging::{
    AwsLogs, DockerDriver, DockerLogDriver, FireLens, LogDriverFor, LogSpec, Splunk,
};
pub use name::Name;
pub use port::{AppProtocol, ContainerPort, Named, PortMapping, Protocol, Unnamed};
pub use scaling::{
    AdjustmentType, MetricAggregation, RateUnit, ResourceLabel, ScalableTarget, ScalingSchedule,
    ScalingStep, Schedule, ScheduledCapacity, StepScaling, TargetTracking,
};
pub use scheduled::ScheduledTask;
pub use secret::{SecretKind, SecretSource};
pub use service::{
    AwsVpcNetwork, ClusterRef, PlacementConstraint, PlacementStrategy, PropagateTags, Service,
    ServiceBuilder,
};
pub use service_connect::{ConnectPort, ConnectsServices, ServiceConnect};
pub use service_state::{Daemon, Replica};
pub use size::{CpuAmount, CpuUnits, KnownSize, MemoryAmount, Mib, NoSize, SizeFor, TaskSize};
pub use target::{AsTargetGroup, Instance, Ip, TargetGroupRef, TargetsNetwork};
pub use task::{ContainerInfo, RoleSlot, TaskDefinition};
pub use task_definition::{EphemeralStorage, IpcMode, TaskDefinitionBuilder, count, essential};
pub use volume::{
    CustomRoot, DefaultRoot, DockerScope, EfsVolume, Encrypted, Plaintext, RootForAccessPoint,
    RootSettable, TransitEncrypted, ViaAccessPoint, Volume,
};
