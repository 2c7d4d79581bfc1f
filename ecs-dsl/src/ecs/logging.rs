//! Container log drivers, typed by launch type (rule T19): Fargate offers awslogs, splunk and
//! awsfirelens only; EC2 and External add Docker's other drivers.

use std::collections::BTreeMap;

use super::launch::{Ec2, Ec2Windows, External, LaunchType};
use super::secret::SecretSource;
use crate::logs::{LogGroup, Retention};
use crate::template::Value;

/// A log driver a container of launch type `L` may use (rule T19).
#[diagnostic::on_unimplemented(
    message = "log driver `{Self}` is not available on launch type `{L}`: Fargate allows only awslogs, splunk and awsfirelens (rule T19)",
    label = "not allowed on `{L}`"
)]
/// ```
/// use ecs_dsl::ecs::{AwsLogs, DockerLogDriver, Ec2, Fargate, LogDriverFor};
/// fn allowed<D: LogDriverFor<L>, L: ecs_dsl::ecs::LaunchType>() {}
/// allowed::<AwsLogs, Fargate>();
/// allowed::<DockerLogDriver, Ec2>();
/// // `allowed::<DockerLogDriver, Fargate>()` does not compile (rule T19)
/// ```
pub trait LogDriverFor<L: LaunchType>: Into<LogSpec> {}

/// The launch-independent content of a log configuration. Built from [`AwsLogs`], [`Splunk`],
/// [`FireLens`] or [`DockerLogDriver`].
///
/// ```
/// use ecs_dsl::ecs::{AwsLogs, FireLens, LogSpec};
/// let cloudwatch: LogSpec = AwsLogs::auto().into();
/// assert_eq!(cloudwatch, LogSpec::from(AwsLogs::auto()));
/// assert_ne!(cloudwatch, LogSpec::from(FireLens::new()));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LogSpec {
    pub(crate) driver: LogDriverKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LogDriverKind {
    AwsLogs(AwsLogs),
    Other {
        driver: &'static str,
        options: BTreeMap<String, Value<String>>,
        secret_options: BTreeMap<String, SecretSource>,
    },
}

/// Where awslogs writes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LogDestination {
    /// A log group created with the task definition (one per task definition).
    Auto(Option<Retention>),
    /// A log group of this app.
    Group(LogGroup),
    /// An existing log group by name.
    Named(Value<String>),
}

/// The `awslogs` driver: CloudWatch Logs. The execution role gets `logs:CreateLogStream` and
/// `logs:PutLogEvents` on exactly that log group.
///
/// ```
/// use ecs_dsl::ecs::AwsLogs;
/// use ecs_dsl::logs::Retention;
/// let auto = AwsLogs::auto(); // a log group created with the task definition
/// let kept = AwsLogs::auto().retention(Retention::OneYear).stream_prefix("api").non_blocking("25m");
/// # let _ = (auto, kept);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AwsLogs {
    pub(crate) destination: LogDestination,
    pub(crate) stream_prefix: Option<String>,
    pub(crate) non_blocking_buffer: Option<String>,
    pub(crate) datetime_format: Option<String>,
    pub(crate) multiline_pattern: Option<String>,
}

impl AwsLogs {
    fn with(destination: LogDestination) -> Self {
        AwsLogs {
            destination,
            stream_prefix: None,
            non_blocking_buffer: None,
            datetime_format: None,
            multiline_pattern: None,
        }
    }

    /// Logs to a log group that the task definition creates (`<TaskId>Logs`, one per task
    /// definition, retention one month unless [`retention`](Self::retention) says otherwise).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).logging(AwsLogs::auto());
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["WebLogs"]["Properties"];
    /// assert_eq!(props["RetentionInDays"], 30);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn auto() -> Self {
        Self::with(LogDestination::Auto(None))
    }

    /// Logs to a log group of this app.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let group = ecs_dsl::logs::LogGroup::builder(&stack, "AppLogs").build()?;
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).logging(AwsLogs::to(&group));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LogConfiguration"]["Options"]["awslogs-group"], serde_json::json!({"Ref": "AppLogs"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn to(group: &LogGroup) -> Self {
        Self::with(LogDestination::Group(group.clone()))
    }

    /// Logs to an existing log group by name (the grant is scoped to that name's ARN).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .logging(AwsLogs::to_existing("/shared/web"));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LogConfiguration"]["Options"]["awslogs-group"], "/shared/web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn to_existing(name: impl Into<Value<String>>) -> Self {
        Self::with(LogDestination::Named(name.into()))
    }

    /// Retention of the automatically created log group (only with [`auto`](Self::auto);
    /// ignored otherwise).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// use ecs_dsl::logs::Retention;
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .logging(AwsLogs::auto().retention(Retention::OneYear));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["WebLogs"]["Properties"];
    /// assert_eq!(props["RetentionInDays"], 365);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn retention(mut self, retention: Retention) -> Self {
        if let LogDestination::Auto(r) = &mut self.destination {
            *r = Some(retention);
        }
        self
    }

    /// `awslogs-stream-prefix` (default: the container's name; Fargate requires one).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .logging(AwsLogs::auto().stream_prefix("storefront"));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LogConfiguration"]["Options"]["awslogs-stream-prefix"], "storefront");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stream_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.stream_prefix = Some(prefix.into());
        self
    }

    /// `mode: non-blocking` with `max-buffer-size` (e.g. `"25m"`): the application never
    /// blocks on logging; logs may be dropped when the buffer is full.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .logging(AwsLogs::auto().non_blocking("25m"));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// let options = &c["LogConfiguration"]["Options"];
    /// assert_eq!((options["mode"].as_str(), options["max-buffer-size"].as_str()), (Some("non-blocking"), Some("25m")));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn non_blocking(mut self, max_buffer_size: impl Into<String>) -> Self {
        self.non_blocking_buffer = Some(max_buffer_size.into());
        self
    }

    /// `awslogs-datetime-format`: lines not starting with this format continue the previous
    /// message.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .logging(AwsLogs::auto().datetime_format("%Y-%m-%d %H:%M:%S"));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LogConfiguration"]["Options"]["awslogs-datetime-format"], "%Y-%m-%d %H:%M:%S");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn datetime_format(mut self, format: impl Into<String>) -> Self {
        self.datetime_format = Some(format.into());
        self
    }

    /// `awslogs-multiline-pattern`.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .logging(AwsLogs::auto().multiline_pattern("^INFO"));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LogConfiguration"]["Options"]["awslogs-multiline-pattern"], "^INFO");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn multiline_pattern(mut self, pattern: impl Into<String>) -> Self {
        self.multiline_pattern = Some(pattern.into());
        self
    }
}

impl From<AwsLogs> for LogSpec {
    fn from(d: AwsLogs) -> LogSpec {
        LogSpec {
            driver: LogDriverKind::AwsLogs(d),
        }
    }
}

/// The `splunk` driver; the HEC token is a secret read by the execution role.
///
/// ```
/// use ecs_dsl::ecs::{SecretSource, Splunk};
/// let splunk = Splunk::new("https://splunk.example.com:8088", SecretSource::ssm_parameter_name("/splunk/token"))
///     .option("splunk-source", "web");
/// # let _ = splunk;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Splunk {
    url: Value<String>,
    token: SecretSource,
    options: BTreeMap<String, Value<String>>,
}

impl Splunk {
    /// `splunk-url` and the `splunk-token` secret.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let token = SecretSource::ssm_parameter_name("/splunk/token");
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .logging(Splunk::new("https://splunk.example.com:8088", token));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// let log = &c["LogConfiguration"];
    /// assert_eq!(log["LogDriver"], "splunk");
    /// assert_eq!(log["Options"]["splunk-url"], "https://splunk.example.com:8088");
    /// assert_eq!(log["SecretOptions"][0]["Name"], "splunk-token");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(url: impl Into<Value<String>>, token: SecretSource) -> Self {
        Splunk {
            url: url.into(),
            token,
            options: BTreeMap::new(),
        }
    }

    /// Another `splunk-*` option.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let token = SecretSource::ssm_parameter_name("/splunk/token");
    /// let splunk = Splunk::new("https://splunk.example.com:8088", token).option("splunk-index", "web");
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).logging(splunk);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LogConfiguration"]["Options"]["splunk-index"], "web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn option(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.options.insert(key.into(), value.into());
        self
    }
}

impl From<Splunk> for LogSpec {
    fn from(d: Splunk) -> LogSpec {
        let mut options = d.options;
        options.insert("splunk-url".to_owned(), d.url);
        LogSpec {
            driver: LogDriverKind::Other {
                driver: "splunk",
                options,
                secret_options: BTreeMap::from([("splunk-token".to_owned(), d.token)]),
            },
        }
    }
}

/// The `awsfirelens` driver: logs go to a FireLens log router container of the same task
/// (a container with [`firelens_router`](crate::ecs::Container::firelens_router); checked when
/// the task definition is built).
///
/// ```
/// use ecs_dsl::ecs::FireLens;
/// let to_firehose = FireLens::new()
///     .option("Name", "firehose")
///     .option("region", "eu-west-1")
///     .option("delivery_stream", "app-logs");
/// # let _ = to_firehose;
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FireLens {
    options: BTreeMap<String, Value<String>>,
    secret_options: BTreeMap<String, SecretSource>,
}

impl FireLens {
    /// No options yet.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let router = task.new_container("router", ecs_dsl::image!("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")).firelens_router(FireLensRouter::FluentBit);
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).logging(FireLens::new());
    /// # task.container(router).container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
    /// assert_eq!(c["LogConfiguration"]["LogDriver"], "awsfirelens");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// An output plugin option.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let router = task.new_container("router", ecs_dsl::image!("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")).firelens_router(FireLensRouter::FluentBit);
    /// let firelens = FireLens::new().option("Name", "cloudwatch_logs").option("region", "eu-west-1");
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).logging(firelens);
    /// # task.container(router).container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
    /// assert_eq!(c["LogConfiguration"]["Options"]["Name"], "cloudwatch_logs");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn option(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.options.insert(key.into(), value.into());
        self
    }

    /// An option whose value is a secret (read by the execution role).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let router = task.new_container("router", ecs_dsl::image!("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")).firelens_router(FireLensRouter::FluentBit);
    /// let firelens = FireLens::new()
    ///     .option("Name", "datadog")
    ///     .secret_option("apikey", SecretSource::ssm_parameter_name("/datadog/api-key"));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).logging(firelens);
    /// # task.container(router).container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][1];
    /// assert_eq!(c["LogConfiguration"]["SecretOptions"][0]["Name"], "apikey");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn secret_option(mut self, key: impl Into<String>, value: SecretSource) -> Self {
        self.secret_options.insert(key.into(), value);
        self
    }
}

impl From<FireLens> for LogSpec {
    fn from(d: FireLens) -> LogSpec {
        LogSpec {
            driver: LogDriverKind::Other {
                driver: "awsfirelens",
                options: d.options,
                secret_options: d.secret_options,
            },
        }
    }
}

/// Docker log drivers that only EC2 and External instances offer (rule T19).
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
///     .logging(DockerLogDriver::new(DockerDriver::Journald));
/// # task.container(web).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
/// assert_eq!(c["LogConfiguration"]["LogDriver"], "journald");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DockerDriver {
    /// `json-file`.
    JsonFile,
    /// `syslog`.
    Syslog,
    /// `journald`.
    Journald,
    /// `gelf`.
    Gelf,
    /// `fluentd`.
    Fluentd,
    /// `none`: logs are discarded.
    None,
}

impl DockerDriver {
    fn name(self) -> &'static str {
        match self {
            DockerDriver::JsonFile => "json-file",
            DockerDriver::Syslog => "syslog",
            DockerDriver::Journald => "journald",
            DockerDriver::Gelf => "gelf",
            DockerDriver::Fluentd => "fluentd",
            DockerDriver::None => "none",
        }
    }
}

/// One of Docker's own log drivers, for EC2 and External tasks only (rule T19).
///
/// ```
/// use ecs_dsl::ecs::{DockerDriver, DockerLogDriver};
/// let local = DockerLogDriver::new(DockerDriver::JsonFile).option("max-size", "10m");
/// # let _ = local;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DockerLogDriver {
    driver: DockerDriver,
    options: BTreeMap<String, Value<String>>,
}

impl DockerLogDriver {
    /// The driver with no options.
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
    ///     .logging(DockerLogDriver::new(DockerDriver::JsonFile));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LogConfiguration"]["LogDriver"], "json-file");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(driver: DockerDriver) -> Self {
        DockerLogDriver {
            driver,
            options: BTreeMap::new(),
        }
    }

    /// A driver option.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let driver = DockerLogDriver::new(DockerDriver::JsonFile).option("max-size", "10m").option("max-file", "3");
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256).logging(driver);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["LogConfiguration"]["Options"], serde_json::json!({"max-file": "3", "max-size": "10m"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn option(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.options.insert(key.into(), value.into());
        self
    }
}

impl From<DockerLogDriver> for LogSpec {
    fn from(d: DockerLogDriver) -> LogSpec {
        LogSpec {
            driver: LogDriverKind::Other {
                driver: d.driver.name(),
                options: d.options,
                secret_options: BTreeMap::new(),
            },
        }
    }
}

impl<L: LaunchType> LogDriverFor<L> for AwsLogs {}
impl<L: LaunchType> LogDriverFor<L> for Splunk {}
impl<L: LaunchType> LogDriverFor<L> for FireLens {}
// One impl per launch type (not a blanket impl over `Supports`) so that a failed bound reports
// this trait's message.
impl LogDriverFor<Ec2> for DockerLogDriver {}
impl LogDriverFor<Ec2Windows> for DockerLogDriver {}
impl LogDriverFor<External> for DockerLogDriver {}
