//! Containers typed by the task's launch type `L`, network mode `N` and size `S`, and by two
//! states: whether the container is essential (`E`) and whether it has a health check (`H`).
//!
//! Those states make dependency rules compile-time checks (rule T11): `COMPLETE` and `SUCCESS`
//! cannot wait for an essential container, `HEALTHY` needs a health check.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use super::health::HealthCheck;
use super::image::Image;
use super::launch::{
    AllowsLinks, ContainerDns, LaunchType, NetworkMode, PublishesPorts, Supports, feature,
};
use super::logging::{AwsLogs, LogDriverFor, LogSpec};
use super::port::{ContainerPort, PortMapping, PortSpec};
use super::secret::SecretSource;
use super::size::{CpuAmount, MemoryAmount, TaskSize};
use super::volume::Volume;
pub use crate::cfn::ecs::task_definition::UlimitName;
use crate::template::Value;

/// The container is essential: if it stops, the task stops (ECS's default).
#[derive(Debug, Clone, Copy)]
pub enum Essential {}
/// The container is not essential: it may stop (e.g. a migration that runs to completion).
#[derive(Debug, Clone, Copy)]
pub enum NotEssential {}
/// The container has no health check.
#[derive(Debug, Clone, Copy)]
pub enum NoHealthCheck {}
/// The container has a health check.
#[derive(Debug, Clone, Copy)]
pub enum WithHealthCheck {}

/// Containers that `COMPLETE`/`SUCCESS` dependencies may wait for (rule T11).
#[diagnostic::on_unimplemented(
    message = "a container cannot wait for an essential container to complete or succeed: the task would stop with it (rule T11)",
    label = "this container is essential; make it `.non_essential()`"
)]
pub trait MayExit {}
impl MayExit for NotEssential {}

/// Containers that `HEALTHY` dependencies may wait for (rule T11).
#[diagnostic::on_unimplemented(
    message = "a container can wait for another to be healthy only if that one has a health check (rule T11)",
    label = "this container has no `.health_check(..)`"
)]
pub trait Checked {}
impl Checked for WithHealthCheck {}

/// The condition of a container dependency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DependencyCondition {
    /// The other container has started.
    Start,
    /// The other container has run to completion (any exit code).
    Complete,
    /// The other container has exited with code 0.
    Success,
    /// The other container's health check passed.
    Healthy,
}

/// A Linux capability for `linuxParameters.capabilities`.
pub type Capability = String;

/// A container of a task definition, made by
/// [`TaskDefinitionBuilder::new_container`](super::TaskDefinitionBuilder::new_container) and
/// added with [`TaskDefinitionBuilder::container`](super::TaskDefinitionBuilder::container).
///
/// Methods that the task's launch type or network mode does not allow fail to compile with the
/// rule in the message (T4-T9, T19); limits given as [`Mib`](super::Mib) are checked against a
/// compile-time task size (T13); all other values are checked when the task definition is
/// built.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ecs::{HealthCheck, SecretSource, TaskDefinition};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 512, memory = 1024));
/// let migrate = task.new_container("migrate", ecs_dsl::image!("example/migrate:3")).non_essential();
/// let web = task
///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
///     .port(80)
///     .env("STAGE", "prod")
///     .secret("API_KEY", SecretSource::ssm_parameter_name("/web/api-key"))
///     .log_to_cloudwatch()
///     .health_check(HealthCheck::shell("curl -f http://localhost/ || exit 1"))
///     .depends_on_success(&migrate);
/// let task = task.container(migrate).container(web).build()?;
/// # let _ = task;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub struct Container<L, N, S, E = Essential, H = NoHealthCheck> {
    pub(crate) spec: ContainerSpec,
    /// `<stack>/<task id>` of the task definition it was made for (port handles carry it).
    task: String,
    #[allow(clippy::type_complexity)] // the typestate markers, nothing else
    _state: PhantomData<fn() -> (L, N, S, E, H)>,
}

impl<L, N, S, E, H> std::fmt::Debug for Container<L, N, S, E, H> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Container")
            .field("name", &self.spec.name)
            .finish_non_exhaustive()
    }
}

/// Everything a container says, independent of its type parameters.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ContainerSpec {
    pub name: String,
    pub image: Image,
    pub essential: bool,
    pub cpu: Option<u32>,
    pub memory: Option<u32>,
    pub memory_reservation: Option<u32>,
    pub ports: Vec<PortSpec>,
    pub environment: BTreeMap<String, Value<String>>,
    pub secrets: BTreeMap<String, SecretSource>,
    pub environment_files: Vec<Value<String>>,
    pub environment_file_grants: Vec<(Value<String>, Value<String>)>,
    pub logging: Option<LogSpec>,
    pub health_check: Option<HealthCheck>,
    pub depends_on: Vec<(String, DependencyCondition)>,
    pub command: Option<Vec<String>>,
    pub entry_point: Option<Vec<String>>,
    pub working_directory: Option<String>,
    pub user: Option<String>,
    pub readonly_root_filesystem: Option<bool>,
    pub stop_timeout: Option<u32>,
    pub start_timeout: Option<u32>,
    pub ulimits: Vec<(UlimitName, u32, u32)>,
    pub init_process_enabled: Option<bool>,
    pub capabilities_add: Vec<Capability>,
    pub capabilities_drop: Vec<Capability>,
    pub devices: Vec<(String, Option<String>)>,
    pub tmpfs: Vec<(String, u32)>,
    pub shared_memory_mib: Option<u32>,
    pub privileged: bool,
    pub gpu: Option<u32>,
    pub mount_points: Vec<(String, String, bool)>,
    pub volumes_from: Vec<(String, bool)>,
    pub links: Vec<String>,
    pub extra_hosts: Vec<(String, String)>,
    pub dns_servers: Vec<String>,
    pub dns_search_domains: Vec<String>,
    pub docker_labels: BTreeMap<String, Value<String>>,
    pub firelens_router: Option<FireLensRouter>,
    pub repository_credentials: Option<SecretSource>,
}

/// The log router a FireLens container runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FireLensRouter {
    /// Fluent Bit (AWS for Fluent Bit image).
    FluentBit,
    /// Fluentd.
    Fluentd,
}

impl ContainerSpec {
    pub(crate) fn new(name: String, image: Image) -> Self {
        ContainerSpec {
            name,
            image,
            essential: true,
            cpu: None,
            memory: None,
            memory_reservation: None,
            ports: Vec::new(),
            environment: BTreeMap::new(),
            secrets: BTreeMap::new(),
            environment_files: Vec::new(),
            environment_file_grants: Vec::new(),
            logging: None,
            health_check: None,
            depends_on: Vec::new(),
            command: None,
            entry_point: None,
            working_directory: None,
            user: None,
            readonly_root_filesystem: None,
            stop_timeout: None,
            start_timeout: None,
            ulimits: Vec::new(),
            init_process_enabled: None,
            capabilities_add: Vec::new(),
            capabilities_drop: Vec::new(),
            devices: Vec::new(),
            tmpfs: Vec::new(),
            shared_memory_mib: None,
            privileged: false,
            gpu: None,
            mount_points: Vec::new(),
            volumes_from: Vec::new(),
            links: Vec::new(),
            extra_hosts: Vec::new(),
            dns_servers: Vec::new(),
            dns_search_domains: Vec::new(),
            docker_labels: BTreeMap::new(),
            firelens_router: None,
            repository_credentials: None,
        }
    }
}

impl<L, N, S> Container<L, N, S> {
    pub(crate) fn create(task: String, name: String, image: Image) -> Self {
        Container {
            spec: ContainerSpec::new(name, image),
            task,
            _state: PhantomData,
        }
    }
}

impl<L, N, S, E, H> Container<L, N, S, E, H>
where
    L: LaunchType,
    N: NetworkMode,
    S: TaskSize,
{
    fn to<E2, H2>(self) -> Container<L, N, S, E2, H2> {
        Container {
            spec: self.spec,
            task: self.task,
            _state: PhantomData,
        }
    }

    /// The container's name.
    pub fn name(&self) -> &str {
        &self.spec.name
    }

    /// Publishes a TCP port (under `bridge` on a dynamic host port; under `awsvpc` and `host`
    /// the host port is the container port).
    pub fn port(self, container_port: u16) -> Self
    where
        N: PublishesPorts,
    {
        self.port_mapping(PortMapping::tcp(container_port))
    }

    /// Publishes a port with a name, protocol or host port (rules T4, T5, T20).
    pub fn port_mapping<P>(mut self, mapping: PortMapping<N, P>) -> Self
    where
        N: PublishesPorts,
    {
        self.spec.ports.push(mapping.spec);
        self
    }

    /// Publishes a port and returns its typed handle, which load balancer attachments
    /// (rule S7), Cloud Map SRV records (rule S10) and, for a named port, Service Connect
    /// (rule S11) take.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ecs::{PortMapping, TaskDefinition};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let mut web = task.new_container("web", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"));
    /// let http = web.expose(PortMapping::tcp(80));
    /// let task = task.container(web).build()?;
    /// assert!(task.container("web").unwrap().ports().any(|(p, _, _)| p == http.container_port()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn expose<P>(&mut self, mapping: PortMapping<N, P>) -> ContainerPort<N, P>
    where
        N: PublishesPorts,
    {
        self.spec.ports.push(mapping.spec.clone());
        ContainerPort::new(self.task.clone(), self.spec.name.clone(), mapping.spec)
    }

    /// An environment variable (rendered sorted by name).
    pub fn env(mut self, name: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.spec.environment.insert(name.into(), value.into());
        self
    }

    /// A secret as an environment variable; the execution role may read exactly that secret
    /// (rule T18).
    pub fn secret(mut self, name: impl Into<String>, source: SecretSource) -> Self {
        self.spec.secrets.insert(name.into(), source);
        self
    }

    /// An environment file in S3 (`bucket_arn` and the object key); the execution role gets
    /// `s3:GetObject` on that object and `s3:GetBucketLocation` on the bucket.
    pub fn environment_file_s3(mut self, bucket_arn: impl Into<Value<String>>, key: &str) -> Self {
        let bucket = bucket_arn.into();
        let object = match &bucket {
            Value::Literal(b) => Value::Literal(format!("{b}/{key}")),
            Value::Expr(_) => crate::template::intrinsic::join(
                "",
                [bucket.clone(), Value::Literal(format!("/{key}"))],
            ),
        };
        self.spec.environment_files.push(object.clone());
        self.spec.environment_file_grants.push((bucket, object));
        self
    }

    /// The log driver; only awslogs, splunk and awsfirelens exist on Fargate (rule T19).
    pub fn logging<D: LogDriverFor<L>>(mut self, driver: D) -> Self {
        self.spec.logging = Some(driver.into());
        self
    }

    /// Logs to CloudWatch Logs through a log group the task definition creates, readable by
    /// nobody but the execution role's writes (`AwsLogs::auto()`).
    pub fn log_to_cloudwatch(self) -> Self {
        self.logging(AwsLogs::auto())
    }

    /// A health check (its ranges are rule T15).
    pub fn health_check(mut self, check: HealthCheck) -> Container<L, N, S, E, WithHealthCheck> {
        self.spec.health_check = Some(check);
        self.to()
    }

    /// Marks the container not essential: the task keeps running when it stops.
    pub fn non_essential(mut self) -> Container<L, N, S, NotEssential, H> {
        self.spec.essential = false;
        self.to()
    }

    /// Marks the container essential (the default).
    pub fn essential(mut self) -> Container<L, N, S, Essential, H> {
        self.spec.essential = true;
        self.to()
    }

    fn depend(mut self, other: &str, condition: DependencyCondition) -> Self {
        self.spec.depends_on.push((other.to_owned(), condition));
        self
    }

    /// Starts after `other` has started.
    pub fn depends_on_start<E2, H2>(self, other: &Container<L, N, S, E2, H2>) -> Self {
        self.depend(&other.spec.name, DependencyCondition::Start)
    }

    /// Starts after `other` (not essential) has exited (rule T11).
    pub fn depends_on_complete<E2: MayExit, H2>(self, other: &Container<L, N, S, E2, H2>) -> Self {
        self.depend(&other.spec.name, DependencyCondition::Complete)
    }

    /// Starts after `other` (not essential) has exited with code 0 (rule T11).
    pub fn depends_on_success<E2: MayExit, H2>(self, other: &Container<L, N, S, E2, H2>) -> Self {
        self.depend(&other.spec.name, DependencyCondition::Success)
    }

    /// Starts after `other`'s health check passed (rule T11).
    pub fn depends_on_healthy<E2, H2: Checked>(self, other: &Container<L, N, S, E2, H2>) -> Self {
        self.depend(&other.spec.name, DependencyCondition::Healthy)
    }

    /// Hard memory limit in MiB (rule T13: at most the task memory; above a reservation).
    /// A [`Mib`](super::Mib) is checked against a [`KnownSize`](super::KnownSize) at compile time.
    pub fn memory_limit<A: MemoryAmount<S>>(mut self, mib: A) -> Self {
        let () = A::FITS;
        self.spec.memory = Some(mib.mib());
        self
    }

    /// Soft memory limit in MiB (rules T12, T13).
    pub fn memory_reservation<A: MemoryAmount<S>>(mut self, mib: A) -> Self {
        let () = A::FITS;
        self.spec.memory_reservation = Some(mib.mib());
        self
    }

    /// CPU units reserved for the container (rule T13: the sum fits the task's CPU).
    pub fn cpu<A: CpuAmount<S>>(mut self, units: A) -> Self {
        let () = A::FITS;
        self.spec.cpu = Some(units.units());
        self
    }

    /// The command (`CMD`), replacing the image's.
    pub fn command<I, T>(mut self, argv: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        self.spec.command = Some(argv.into_iter().map(Into::into).collect());
        self
    }

    /// The entry point, replacing the image's.
    pub fn entry_point<I, T>(mut self, argv: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        self.spec.entry_point = Some(argv.into_iter().map(Into::into).collect());
        self
    }

    /// The working directory.
    pub fn working_directory(mut self, dir: impl Into<String>) -> Self {
        self.spec.working_directory = Some(dir.into());
        self
    }

    /// Seconds ECS waits after SIGTERM before SIGKILL (Fargate: 2-120, rule T16).
    pub fn stop_timeout_secs(mut self, secs: u32) -> Self {
        self.spec.stop_timeout = Some(secs);
        self
    }

    /// Seconds ECS waits for dependencies to be resolved (Fargate: 2-120, rule T16).
    pub fn start_timeout_secs(mut self, secs: u32) -> Self {
        self.spec.start_timeout = Some(secs);
        self
    }

    /// Mounts a volume of the task definition (the volume must be added to the task).
    pub fn mount<K>(mut self, volume: &Volume<K>, container_path: impl Into<String>) -> Self {
        self.spec
            .mount_points
            .push((volume.spec.name.clone(), container_path.into(), false));
        self
    }

    /// Mounts a volume read-only.
    pub fn mount_read_only<K>(
        mut self,
        volume: &Volume<K>,
        container_path: impl Into<String>,
    ) -> Self {
        self.spec
            .mount_points
            .push((volume.spec.name.clone(), container_path.into(), true));
        self
    }

    /// Mounts all volumes of another container of the task.
    pub fn volumes_from<E2, H2>(
        mut self,
        other: &Container<L, N, S, E2, H2>,
        read_only: bool,
    ) -> Self {
        self.spec
            .volumes_from
            .push((other.spec.name.clone(), read_only));
        self
    }

    /// A Docker label.
    pub fn docker_label(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.spec.docker_labels.insert(key.into(), value.into());
        self
    }

    /// Makes this container the task's FireLens log router (for containers logging with
    /// [`FireLens`](super::FireLens)).
    pub fn firelens_router(mut self, router: FireLensRouter) -> Self {
        self.spec.firelens_router = Some(router);
        self
    }

    /// Credentials for a private registry (a Secrets Manager secret the execution role reads).
    pub fn repository_credentials(mut self, secret: SecretSource) -> Self {
        self.spec.repository_credentials = Some(secret);
        self
    }

    // ---- Linux containers only (rule T9) ----

    /// The user (`user` or `user:group`; not on Windows, rule T9).
    pub fn user(mut self, user: impl Into<String>) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.user = Some(user.into());
        self
    }

    /// Mounts the root filesystem read-only (not on Windows, rule T9).
    pub fn readonly_root_filesystem(mut self) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.readonly_root_filesystem = Some(true);
        self
    }

    /// A ulimit such as [`UlimitName::Nofile`] (not on Windows, rule T9).
    pub fn ulimit(mut self, name: UlimitName, soft: u32, hard: u32) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.ulimits.push((name, soft, hard));
        self
    }

    /// Runs an init process (PID 1) that reaps zombies and forwards signals (not on Windows).
    pub fn init_process(mut self) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.init_process_enabled = Some(true);
        self
    }

    /// Adds `SYS_PTRACE`, the one capability Fargate allows adding (rule T6).
    pub fn add_capability_sys_ptrace(mut self) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.capabilities_add.push("SYS_PTRACE".to_owned());
        self
    }

    /// Drops a Linux capability (e.g. `NET_RAW`).
    pub fn drop_capability(mut self, capability: impl Into<String>) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.capabilities_drop.push(capability.into());
        self
    }

    // ---- EC2 and External only (rule T6) ----

    /// Adds a Linux capability (EC2 and External; Fargate allows only
    /// [`add_capability_sys_ptrace`](Self::add_capability_sys_ptrace), rule T6).
    pub fn add_capability(mut self, capability: impl Into<String>) -> Self
    where
        L: Supports<feature::HostLinuxParameters>,
    {
        self.spec.capabilities_add.push(capability.into());
        self
    }

    /// Exposes a host device (EC2 and External, rule T6).
    pub fn device(mut self, host_path: impl Into<String>, container_path: Option<&str>) -> Self
    where
        L: Supports<feature::HostLinuxParameters>,
    {
        self.spec
            .devices
            .push((host_path.into(), container_path.map(str::to_owned)));
        self
    }

    /// A tmpfs mount of `size_mib` (EC2 and External, rule T6).
    pub fn tmpfs(mut self, container_path: impl Into<String>, size_mib: u32) -> Self
    where
        L: Supports<feature::HostLinuxParameters>,
    {
        self.spec.tmpfs.push((container_path.into(), size_mib));
        self
    }

    /// `/dev/shm` size in MiB (EC2 and External, rule T6).
    pub fn shared_memory_mib(mut self, mib: u32) -> Self
    where
        L: Supports<feature::HostLinuxParameters>,
    {
        self.spec.shared_memory_mib = Some(mib);
        self
    }

    /// Runs the container privileged (Linux EC2 and External, rules T6, T9).
    pub fn privileged(mut self) -> Self
    where
        L: Supports<feature::Privileged>,
    {
        self.spec.privileged = true;
        self
    }

    /// Reserves GPUs (EC2 and External, rule T6).
    pub fn gpus(mut self, count: u32) -> Self
    where
        L: Supports<feature::Gpu>,
    {
        self.spec.gpu = Some(count);
        self
    }

    /// Links to another container of the task (bridge only).
    pub fn link<E2, H2>(mut self, other: &Container<L, N, S, E2, H2>) -> Self
    where
        N: AllowsLinks,
    {
        self.spec.links.push(other.spec.name.clone());
        self
    }

    /// An `/etc/hosts` entry (not with `awsvpc`, rule T6).
    pub fn extra_host(mut self, hostname: impl Into<String>, ip: impl Into<String>) -> Self
    where
        N: ContainerDns,
    {
        self.spec.extra_hosts.push((hostname.into(), ip.into()));
        self
    }

    /// A DNS server (not with `awsvpc`, rule T6).
    pub fn dns_server(mut self, ip: impl Into<String>) -> Self
    where
        N: ContainerDns,
    {
        self.spec.dns_servers.push(ip.into());
        self
    }

    /// A DNS search domain (not with `awsvpc`, rule T6).
    pub fn dns_search_domain(mut self, domain: impl Into<String>) -> Self
    where
        N: ContainerDns,
    {
        self.spec.dns_search_domains.push(domain.into());
        self
    }
}
