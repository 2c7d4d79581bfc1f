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
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let web: Container<Fargate, AwsVpc, _, Essential> = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
/// # task.container(web).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
/// assert_eq!(c["Essential"], true);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Essential {}
/// The container is not essential: it may stop (e.g. a migration that runs to completion).
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
/// let migrate: Container<Fargate, AwsVpc, _, NotEssential> =
///     task.new_container("migrate", ecs_dsl::image!("example/migrate:3")).non_essential();
/// # task.container(web).container(migrate).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
/// assert_eq!(c["Essential"], false);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotEssential {}
/// The container has no health check.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let web: Container<Fargate, AwsVpc, _, Essential, NoHealthCheck> =
///     task.new_container("web", ecs_dsl::image!("nginx:1.27"));
/// let task = task.container(web).build()?;
/// assert!(!task.container("web").unwrap().has_health_check());
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoHealthCheck {}
/// The container has a health check.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let web: Container<Fargate, AwsVpc, _, Essential, WithHealthCheck> = task
///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
///     .health_check(HealthCheck::command(["/bin/healthcheck"]));
/// let task = task.container(web).build()?;
/// assert!(task.container("web").unwrap().has_health_check());
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WithHealthCheck {}

/// Containers that `COMPLETE`/`SUCCESS` dependencies may wait for (rule T11).
#[diagnostic::on_unimplemented(
    message = "a container cannot wait for an essential container to complete or succeed: the task would stop with it (rule T11)",
    label = "this container is essential; make it `.non_essential()`"
)]
/// ```compile_fail,E0277
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let db = task.new_container("db", ecs_dsl::image!("postgres:16"));
/// // `db` is essential: waiting for it to complete does not compile (rule T11)
/// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).depends_on_success(&db);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub trait MayExit {}
impl MayExit for NotEssential {}

/// Containers that `HEALTHY` dependencies may wait for (rule T11).
#[diagnostic::on_unimplemented(
    message = "a container can wait for another to be healthy only if that one has a health check (rule T11)",
    label = "this container has no `.health_check(..)`"
)]
/// ```compile_fail,E0277
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let db = task.new_container("db", ecs_dsl::image!("postgres:16"));
/// // `db` has no health check: waiting for it to be healthy does not compile (rule T11)
/// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).depends_on_healthy(&db);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub trait Checked {}
impl Checked for WithHealthCheck {}

/// The condition of a container dependency.
/// Each condition is set by one of the `depends_on_*` methods of [`Container`].
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let sidecar = task.new_container("sidecar", ecs_dsl::image!("busybox:1.36"));
/// // DependencyCondition::Start
/// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).depends_on_start(&sidecar);
/// # task.container(sidecar).container(web).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
/// assert_eq!(c["DependsOn"][0]["Condition"], "START");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
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
/// assert_eq!(task.containers().len(), 2);
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
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let router = task
///     .new_container("log-router", ecs_dsl::image!("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"))
///     .firelens_router(FireLensRouter::FluentBit);
/// # task.container(router).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
/// assert_eq!(c["FirelensConfiguration"]["Type"], "fluentbit");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// assert_eq!(web.name(), "web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.spec.name
    }

    /// Publishes a TCP port (under `bridge` on a dynamic host port; under `awsvpc` and `host`
    /// the host port is the container port).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["PortMappings"][0]["ContainerPort"], 80);
    /// assert_eq!(c["PortMappings"][0]["Protocol"], "tcp");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn port(self, container_port: u16) -> Self
    where
        N: PublishesPorts,
    {
        self.port_mapping(PortMapping::tcp(container_port))
    }

    /// Publishes a port with a name, protocol or host port (rules T4, T5, T20).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .memory_limit(256)
    ///     .port_mapping(PortMapping::udp(53).host_port(5353));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["PortMappings"][0]["HostPort"], 5353);
    /// assert_eq!(c["PortMappings"][0]["Protocol"], "udp");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .env("STAGE", "prod")
    ///     .env("LOG_LEVEL", "info");
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["Environment"][0], serde_json::json!({"Name": "LOG_LEVEL", "Value": "info"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn env(mut self, name: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.spec.environment.insert(name.into(), value.into());
        self
    }

    /// A secret as an environment variable; the execution role may read exactly that secret
    /// (rule T18).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .secret("DB_PASSWORD", SecretSource::secrets_manager_arn(arn));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["Secrets"][0], serde_json::json!({"Name": "DB_PASSWORD", "ValueFrom": arn}));
    /// // the execution role may read exactly that secret
    /// let role = &t["Resources"]["WebExecutionRole"]["Properties"]["Policies"][0]["PolicyDocument"];
    /// assert_eq!(role["Statement"][0]["Resource"][0], arn);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn secret(mut self, name: impl Into<String>, source: SecretSource) -> Self {
        self.spec.secrets.insert(name.into(), source);
        self
    }

    /// An environment file in S3 (`bucket_arn` and the object key); the execution role gets
    /// `s3:GetObject` on that object and `s3:GetBucketLocation` on the bucket.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .environment_file_s3("arn:aws:s3:::config-bucket", "web/prod.env");
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["EnvironmentFiles"][0]["Value"], "arn:aws:s3:::config-bucket/web/prod.env");
    /// assert_eq!(c["EnvironmentFiles"][0]["Type"], "s3");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .logging(AwsLogs::to_existing("/platform/web").stream_prefix("web"));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LogConfiguration"]["LogDriver"], "awslogs");
    /// assert_eq!(c["LogConfiguration"]["Options"]["awslogs-group"], "/platform/web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    ///
    /// A Docker-only driver does not compile on Fargate (rule T19):
    ///
    /// ```compile_fail,E0277
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .logging(DockerLogDriver::new(DockerDriver::JsonFile));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn logging<D: LogDriverFor<L>>(mut self, driver: D) -> Self {
        self.spec.logging = Some(driver.into());
        self
    }

    /// Logs to CloudWatch Logs through a log group the task definition creates, readable by
    /// nobody but the execution role's writes (`AwsLogs::auto()`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).log_to_cloudwatch();
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LogConfiguration"]["Options"]["awslogs-group"], serde_json::json!({"Ref": "WebLogs"}));
    /// assert_eq!(t["Resources"]["WebLogs"]["Type"], "AWS::Logs::LogGroup");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn log_to_cloudwatch(self) -> Self {
        self.logging(AwsLogs::auto())
    }

    /// A health check (its ranges are rule T15).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .health_check(HealthCheck::shell("curl -f http://localhost/ || exit 1").interval_secs(10));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["HealthCheck"]["Command"][0], "CMD-SHELL");
    /// assert_eq!(c["HealthCheck"]["Interval"], 10);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn health_check(mut self, check: HealthCheck) -> Container<L, N, S, E, WithHealthCheck> {
        self.spec.health_check = Some(check);
        self.to()
    }

    /// Marks the container not essential: the task keeps running when it stops.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let migrate = task.new_container("migrate", ecs_dsl::image!("example/migrate:3")).non_essential();
    /// let task = task.container(web).container(migrate).build()?;
    /// assert!(!task.container("migrate").unwrap().is_essential());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    ///
    /// A task definition with no essential container does not compile (rule T11):
    ///
    /// ```compile_fail,E0277
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let migrate = task.new_container("migrate", ecs_dsl::image!("example/migrate:3")).non_essential();
    /// let task = task.container(migrate).build()?;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn non_essential(mut self) -> Container<L, N, S, NotEssential, H> {
        self.spec.essential = false;
        self.to()
    }

    /// Marks the container essential (the default).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).non_essential().essential();
    /// let task = task.container(web).build()?;
    /// assert!(task.container("web").unwrap().is_essential());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn essential(mut self) -> Container<L, N, S, Essential, H> {
        self.spec.essential = true;
        self.to()
    }

    fn depend(mut self, other: &str, condition: DependencyCondition) -> Self {
        self.spec.depends_on.push((other.to_owned(), condition));
        self
    }

    /// Starts after `other` has started.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let proxy = task.new_container("proxy", ecs_dsl::image!("envoyproxy/envoy:v1.31.0"));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).depends_on_start(&proxy);
    /// # task.container(proxy).container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
    /// assert_eq!(c["DependsOn"][0], serde_json::json!({"ContainerName": "proxy", "Condition": "START"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn depends_on_start<E2, H2>(self, other: &Container<L, N, S, E2, H2>) -> Self {
        self.depend(&other.spec.name, DependencyCondition::Start)
    }

    /// Starts after `other` (not essential) has exited (rule T11).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let init = task.new_container("init", ecs_dsl::image!("busybox:1.36")).non_essential();
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).depends_on_complete(&init);
    /// # task.container(init).container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
    /// assert_eq!(c["DependsOn"][0]["Condition"], "COMPLETE");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn depends_on_complete<E2: MayExit, H2>(self, other: &Container<L, N, S, E2, H2>) -> Self {
        self.depend(&other.spec.name, DependencyCondition::Complete)
    }

    /// Starts after `other` (not essential) has exited with code 0 (rule T11).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let migrate = task.new_container("migrate", ecs_dsl::image!("example/migrate:3")).non_essential();
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).depends_on_success(&migrate);
    /// # task.container(migrate).container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
    /// assert_eq!(c["DependsOn"][0], serde_json::json!({"ContainerName": "migrate", "Condition": "SUCCESS"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn depends_on_success<E2: MayExit, H2>(self, other: &Container<L, N, S, E2, H2>) -> Self {
        self.depend(&other.spec.name, DependencyCondition::Success)
    }

    /// Starts after `other`'s health check passed (rule T11).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let db = task
    ///     .new_container("db", ecs_dsl::image!("postgres:16"))
    ///     .health_check(HealthCheck::command(["pg_isready"]));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).depends_on_healthy(&db);
    /// # task.container(db).container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
    /// assert_eq!(c["DependsOn"][0]["Condition"], "HEALTHY");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn depends_on_healthy<E2, H2: Checked>(self, other: &Container<L, N, S, E2, H2>) -> Self {
        self.depend(&other.spec.name, DependencyCondition::Healthy)
    }

    /// Hard memory limit in MiB (rule T13: at most the task memory; above a reservation).
    /// A [`Mib`](super::Mib) is checked against a [`KnownSize`](super::KnownSize) at compile time.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// // a `Mib` is checked against the task's 512 MiB when the program is compiled
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(Mib::<384>);
    /// // a `u32` is checked when the task definition is built
    /// let sidecar = task.new_container("sidecar", ecs_dsl::image!("busybox:1.36")).memory_limit(128);
    /// # task.container(web).container(sidecar).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["Memory"], 384);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn memory_limit<A: MemoryAmount<S>>(mut self, mib: A) -> Self {
        let () = A::FITS;
        self.spec.memory = Some(mib.mib());
        self
    }

    /// Soft memory limit in MiB (rules T12, T13).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .memory_reservation(256)
    ///     .memory_limit(512);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!((c["MemoryReservation"].as_u64(), c["Memory"].as_u64()), (Some(256), Some(512)));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn memory_reservation<A: MemoryAmount<S>>(mut self, mib: A) -> Self {
        let () = A::FITS;
        self.spec.memory_reservation = Some(mib.mib());
        self
    }

    /// CPU units reserved for the container (rule T13: the sum fits the task's CPU).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).cpu(CpuUnits::<128>);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["Cpu"], 128);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn cpu<A: CpuAmount<S>>(mut self, units: A) -> Self {
        let () = A::FITS;
        self.spec.cpu = Some(units.units());
        self
    }

    /// The command (`CMD`), replacing the image's.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .command(["nginx", "-g", "daemon off;"]);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["Command"], serde_json::json!(["nginx", "-g", "daemon off;"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn command<I, T>(mut self, argv: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        self.spec.command = Some(argv.into_iter().map(Into::into).collect());
        self
    }

    /// The entry point, replacing the image's.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .entry_point(["/docker-entrypoint.sh"]);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["EntryPoint"][0], "/docker-entrypoint.sh");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn entry_point<I, T>(mut self, argv: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        self.spec.entry_point = Some(argv.into_iter().map(Into::into).collect());
        self
    }

    /// The working directory.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).working_directory("/srv");
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["WorkingDirectory"], "/srv");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn working_directory(mut self, dir: impl Into<String>) -> Self {
        self.spec.working_directory = Some(dir.into());
        self
    }

    /// Seconds ECS waits after SIGTERM before SIGKILL (Fargate: 2-120, rule T16).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).stop_timeout_secs(60);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["StopTimeout"], 60);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stop_timeout_secs(mut self, secs: u32) -> Self {
        self.spec.stop_timeout = Some(secs);
        self
    }

    /// Seconds ECS waits for dependencies to be resolved (Fargate: 2-120, rule T16).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).start_timeout_secs(90);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["StartTimeout"], 90);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn start_timeout_secs(mut self, secs: u32) -> Self {
        self.spec.start_timeout = Some(secs);
        self
    }

    /// Mounts a volume of the task definition (the volume must be added to the task).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let cache = Volume::scratch("cache");
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&cache, "/var/cache/nginx");
    /// # task.container(web).volume(&cache).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(
    ///     c["MountPoints"][0],
    ///     serde_json::json!({"SourceVolume": "cache", "ContainerPath": "/var/cache/nginx", "ReadOnly": false})
    /// );
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn mount<K>(mut self, volume: &Volume<K>, container_path: impl Into<String>) -> Self {
        self.spec
            .mount_points
            .push((volume.spec.name.clone(), container_path.into(), false));
        self
    }

    /// Mounts a volume read-only.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let config = Volume::scratch("config");
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount_read_only(&config, "/etc/app");
    /// # task.container(web).volume(&config).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["MountPoints"][0]["ReadOnly"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let data = Volume::scratch("data");
    /// let app_c = task.new_container("app", ecs_dsl::image!("example/app:1")).mount(&data, "/data");
    /// let backup = task
    ///     .new_container("backup", ecs_dsl::image!("example/backup:1"))
    ///     .volumes_from(&app_c, true);
    /// # task.container(app_c).container(backup).volume(&data).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
    /// assert_eq!(c["VolumesFrom"][0], serde_json::json!({"SourceContainer": "app", "ReadOnly": true}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).docker_label("team", "storefront");
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["DockerLabels"]["team"], "storefront");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn docker_label(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.spec.docker_labels.insert(key.into(), value.into());
        self
    }

    /// Makes this container the task's FireLens log router (for containers logging with
    /// [`FireLens`](super::FireLens)).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let router = task
    ///     .new_container("log-router", ecs_dsl::image!("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"))
    ///     .firelens_router(FireLensRouter::FluentBit);
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .logging(FireLens::new().option("Name", "cloudwatch_logs"));
    /// # task.container(router).container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
    /// assert_eq!(c["LogConfiguration"]["LogDriver"], "awsfirelens");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn firelens_router(mut self, router: FireLensRouter) -> Self {
        self.spec.firelens_router = Some(router);
        self
    }

    /// Credentials for a private registry (a Secrets Manager secret the execution role reads).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let creds = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf";
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("registry.example.com/web:1"))
    ///     .repository_credentials(SecretSource::secrets_manager_arn(creds));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["RepositoryCredentials"]["CredentialsParameter"], creds);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn repository_credentials(mut self, secret: SecretSource) -> Self {
        self.spec.repository_credentials = Some(secret);
        self
    }

    // ---- Linux containers only (rule T9) ----

    /// The user (`user` or `user:group`; not on Windows, rule T9).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).user("101:101");
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["User"], "101:101");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn user(mut self, user: impl Into<String>) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.user = Some(user.into());
        self
    }

    /// Mounts the root filesystem read-only (not on Windows, rule T9).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).readonly_root_filesystem();
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["ReadonlyRootFilesystem"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn readonly_root_filesystem(mut self) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.readonly_root_filesystem = Some(true);
        self
    }

    /// A ulimit such as [`UlimitName::Nofile`] (not on Windows, rule T9).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .ulimit(UlimitName::Nofile, 65536, 65536);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["Ulimits"][0]["Name"], "nofile");
    /// assert_eq!(c["Ulimits"][0]["HardLimit"], 65536);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ulimit(mut self, name: UlimitName, soft: u32, hard: u32) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.ulimits.push((name, soft, hard));
        self
    }

    /// Runs an init process (PID 1) that reaps zombies and forwards signals (not on Windows).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).init_process();
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LinuxParameters"]["InitProcessEnabled"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn init_process(mut self) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.init_process_enabled = Some(true);
        self
    }

    /// Adds `SYS_PTRACE`, the one capability Fargate allows adding (rule T6).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).add_capability_sys_ptrace();
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LinuxParameters"]["Capabilities"]["Add"], serde_json::json!(["SYS_PTRACE"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_capability_sys_ptrace(mut self) -> Self
    where
        L: Supports<feature::LinuxContainerSettings>,
    {
        self.spec.capabilities_add.push("SYS_PTRACE".to_owned());
        self
    }

    /// Drops a Linux capability (e.g. `NET_RAW`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).drop_capability("NET_RAW");
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LinuxParameters"]["Capabilities"]["Drop"][0], "NET_RAW");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let vpn = task
    ///     .new_container("vpn", ecs_dsl::image!("example/vpn:1"))
    ///     .memory_limit(256)
    ///     .add_capability("NET_ADMIN");
    /// # task.container(vpn).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LinuxParameters"]["Capabilities"]["Add"][0], "NET_ADMIN");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    ///
    /// On Fargate only `SYS_PTRACE` can be added (rule T6):
    ///
    /// ```compile_fail,E0277
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let vpn = task.new_container("vpn", ecs_dsl::image!("example/vpn:1")).add_capability("NET_ADMIN");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_capability(mut self, capability: impl Into<String>) -> Self
    where
        L: Supports<feature::HostLinuxParameters>,
    {
        self.spec.capabilities_add.push(capability.into());
        self
    }

    /// Exposes a host device (EC2 and External, rule T6).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let fuse = task
    ///     .new_container("fuse", ecs_dsl::image!("example/fuse:1"))
    ///     .memory_limit(256)
    ///     .device("/dev/fuse", None);
    /// # task.container(fuse).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LinuxParameters"]["Devices"][0]["HostPath"], "/dev/fuse");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .memory_limit(256)
    ///     .tmpfs("/tmp", 64);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LinuxParameters"]["Tmpfs"][0], serde_json::json!({"ContainerPath": "/tmp", "Size": 64}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn tmpfs(mut self, container_path: impl Into<String>, size_mib: u32) -> Self
    where
        L: Supports<feature::HostLinuxParameters>,
    {
        self.spec.tmpfs.push((container_path.into(), size_mib));
        self
    }

    /// `/dev/shm` size in MiB (EC2 and External, rule T6).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let db = task
    ///     .new_container("db", ecs_dsl::image!("postgres:16"))
    ///     .memory_limit(1024)
    ///     .shared_memory_mib(256);
    /// # task.container(db).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LinuxParameters"]["SharedMemorySize"], 256);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn shared_memory_mib(mut self, mib: u32) -> Self
    where
        L: Supports<feature::HostLinuxParameters>,
    {
        self.spec.shared_memory_mib = Some(mib);
        self
    }

    /// Runs the container privileged (Linux EC2 and External, rules T6, T9).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let agent = task
    ///     .new_container("agent", ecs_dsl::image!("example/agent:1"))
    ///     .memory_limit(256)
    ///     .privileged();
    /// # task.container(agent).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["Privileged"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn privileged(mut self) -> Self
    where
        L: Supports<feature::Privileged>,
    {
        self.spec.privileged = true;
        self
    }

    /// Reserves GPUs (EC2 and External, rule T6).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let trainer = task
    ///     .new_container("trainer", ecs_dsl::image!("example/trainer:1"))
    ///     .memory_limit(8192)
    ///     .gpus(1);
    /// # task.container(trainer).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["ResourceRequirements"][0], serde_json::json!({"Type": "GPU", "Value": "1"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn gpus(mut self, count: u32) -> Self
    where
        L: Supports<feature::Gpu>,
    {
        self.spec.gpu = Some(count);
        self
    }

    /// Links to another container of the task (bridge only).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let db = task.new_container("db", ecs_dsl::image!("postgres:16")).memory_limit(512);
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .memory_limit(256)
    ///     .link(&db);
    /// # task.container(db).container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
    /// assert_eq!(c["Links"], serde_json::json!(["db"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn link<E2, H2>(mut self, other: &Container<L, N, S, E2, H2>) -> Self
    where
        N: AllowsLinks,
    {
        self.spec.links.push(other.spec.name.clone());
        self
    }

    /// An `/etc/hosts` entry (not with `awsvpc`, rule T6).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .memory_limit(256)
    ///     .extra_host("db.internal", "10.0.0.5");
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["ExtraHosts"][0], serde_json::json!({"Hostname": "db.internal", "IpAddress": "10.0.0.5"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn extra_host(mut self, hostname: impl Into<String>, ip: impl Into<String>) -> Self
    where
        N: ContainerDns,
    {
        self.spec.extra_hosts.push((hostname.into(), ip.into()));
        self
    }

    /// A DNS server (not with `awsvpc`, rule T6).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .memory_limit(256)
    ///     .dns_server("10.0.0.2");
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["DnsServers"], serde_json::json!(["10.0.0.2"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn dns_server(mut self, ip: impl Into<String>) -> Self
    where
        N: ContainerDns,
    {
        self.spec.dns_servers.push(ip.into());
        self
    }

    /// A DNS search domain (not with `awsvpc`, rule T6).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .memory_limit(256)
    ///     .dns_search_domain("corp.example.com");
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["DnsSearchDomains"][0], "corp.example.com");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn dns_search_domain(mut self, domain: impl Into<String>) -> Self
    where
        N: ContainerDns,
    {
        self.spec.dns_search_domains.push(domain.into());
        self
    }
}
