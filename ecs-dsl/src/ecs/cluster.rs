//! The ECS cluster: name, Container Insights, capacity providers with a default strategy
//! (rule S3), and ECS Exec settings.

use std::rc::Rc;

use super::capacity::{AsgCapacity, CapacityProvider, CapacityProviderStrategy, StrategyRows};
use crate::cfn::ecs::cluster::{
    ClusterConfiguration, ClusterSettings, ExecuteCommandConfiguration,
    ExecuteCommandConfigurationLogging, ExecuteCommandLogConfiguration, ServiceConnectDefaults,
};
use crate::cfn::ecs::cluster_capacity_provider_associations as assoc;
use crate::cfn::ecs::{Cluster as CfnCluster, ClusterCapacityProviderAssociations};
use crate::cloudmap::{Namespace, NamespaceRef};
use crate::error::{Error, Result};
use crate::logs::LogGroup;
use crate::template::{Handle, Stack, Value};

/// Container Insights for the cluster.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// Cluster::builder(&stack, "Cluster").container_insights(ContainerInsights::Enhanced).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Cluster"]["Properties"];
/// assert_eq!(
///     props["ClusterSettings"][0],
///     serde_json::json!({"Name": "containerInsights", "Value": "enhanced"})
/// );
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerInsights {
    /// Cluster, service and task metrics.
    Enabled,
    /// Enabled with container-level metrics (`enhanced`).
    Enhanced,
    /// Off.
    Disabled,
}

/// Where ECS Exec sessions are logged.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// let logs = ecs_dsl::logs::LogGroup::builder(&stack, "ExecLogs").build()?;
/// Cluster::builder(&stack, "Cluster").exec_logging(ExecLogging::LogGroup(logs)).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Cluster"]["Properties"];
/// let exec = &props["Configuration"]["ExecuteCommandConfiguration"];
/// assert_eq!(exec["Logging"], "OVERRIDE");
/// assert_eq!(exec["LogConfiguration"]["CloudWatchLogGroupName"], serde_json::json!({"Ref": "ExecLogs"}));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum ExecLogging {
    /// The awslogs configuration of the task's containers (ECS's default).
    Default,
    /// Not logged.
    None,
    /// A CloudWatch log group of this app.
    LogGroup(LogGroup),
}

/// Builds a [`Cluster`].
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ecs::{CapacityProvider, CapacityProviderStrategy, Cluster, ContainerInsights};
/// let mut app = App::new();
/// let stack = app.stack("platform")?;
/// let cluster = Cluster::builder(&stack, "Cluster")
///     .name("platform")
///     .container_insights(ContainerInsights::Enhanced)
///     .fargate_capacity_providers()
///     .default_strategy(CapacityProviderStrategy::new()
///         .with(CapacityProvider::fargate().weight(1).base(1))
///         .with(CapacityProvider::fargate_spot().weight(4)))
///     .build()?;
/// # let _ = cluster;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug)]
pub struct ClusterBuilder {
    stack: Stack,
    id: String,
    name: Option<String>,
    insights: Option<ContainerInsights>,
    fargate_providers: bool,
    asg_providers: Vec<CapacityProvider<AsgCapacity>>,
    default_strategy: Option<StrategyRows>,
    exec_logging: Option<ExecLogging>,
    exec_kms_key: Option<Value<String>>,
    default_namespace: Option<NamespaceRef>,
    tags: Vec<(String, Value<String>)>,
}

#[derive(Debug)]
struct ClusterShared {
    stack: Stack,
    id: String,
    handle: Handle<CfnCluster>,
    associations: Option<Handle<ClusterCapacityProviderAssociations>>,
    default_namespace: Option<NamespaceRef>,
}

/// An ECS cluster of this app; cheap to clone.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// let shared = cluster.clone(); // the same cluster
/// assert_eq!(shared.logical_id(), "Cluster");
/// assert!(matches!(Json::from(cluster.name()), Json::Ref(t) if t.logical_id() == "Cluster"));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Cluster {
    shared: Rc<ClusterShared>,
}

impl Cluster {
    /// Starts a cluster with the logical id `id`.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Cluster"]["Properties"];
    /// assert_eq!(t["Resources"]["Cluster"]["Type"], "AWS::ECS::Cluster");
    /// # let _ = (cluster, props);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn builder(stack: &Stack, id: &str) -> ClusterBuilder {
        ClusterBuilder {
            stack: stack.clone(),
            id: id.to_owned(),
            name: None,
            insights: None,
            fargate_providers: false,
            asg_providers: Vec::new(),
            default_strategy: None,
            exec_logging: None,
            exec_kms_key: None,
            default_namespace: None,
            tags: Vec::new(),
        }
    }

    /// The cluster's name (`Ref`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let cluster = Cluster::builder(&stack, "Cluster").name("platform").build()?;
    /// // a `Ref`, which resolves to the name when deployed
    /// assert!(matches!(Json::from(cluster.name()), Json::Ref(t) if t.logical_id() == "Cluster"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(&self) -> Value<String> {
        self.shared.handle.reference()
    }

    /// The cluster's ARN.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// assert!(matches!(Json::from(cluster.arn()), Json::GetAtt(t, a) if t.logical_id() == "Cluster" && &*a == "Arn"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.shared.handle.attr_arn()
    }

    /// The L1 resource.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// cluster.handle().set_removal_policy(RemovalPolicy::Retain)?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Cluster"]["Properties"];
    /// assert_eq!(t["Resources"]["Cluster"]["DeletionPolicy"], "Retain");
    /// # let _ = props;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> &Handle<CfnCluster> {
        &self.shared.handle
    }

    /// The capacity provider associations, which services using a strategy must wait for.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let plain = Cluster::builder(&stack, "Plain").build()?;
    /// assert!(plain.associations().is_none());
    /// let cluster = Cluster::builder(&stack, "Cluster").fargate_capacity_providers().build()?;
    /// assert_eq!(cluster.associations().unwrap().logical_id(), "ClusterCapacityProviders");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn associations(&self) -> Option<&Handle<ClusterCapacityProviderAssociations>> {
        self.shared.associations.as_ref()
    }

    /// The stack and logical id.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// assert_eq!(cluster.stack().name(), "web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stack(&self) -> &Stack {
        &self.shared.stack
    }

    /// The logical id.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// assert_eq!(cluster.logical_id(), "Cluster");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn logical_id(&self) -> &str {
        &self.shared.id
    }

    /// The default Service Connect namespace, if the cluster has one.
    pub(crate) fn default_namespace(&self) -> Option<&NamespaceRef> {
        self.shared.default_namespace.as_ref()
    }
}

impl ClusterBuilder {
    /// The cluster name (rule S15; checked when built). Without one CloudFormation generates a
    /// unique name, which keeps the cluster replaceable.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// Cluster::builder(&stack, "Cluster").name("platform").build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Cluster"]["Properties"];
    /// assert_eq!(props["ClusterName"], "platform");
    /// assert!(Cluster::builder(&stack, "Bad").name("platform.prod").build().is_err()); // rule S15
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Container Insights.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// Cluster::builder(&stack, "Cluster").container_insights(ContainerInsights::Enabled).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Cluster"]["Properties"];
    /// assert_eq!(props["ClusterSettings"][0]["Value"], "enabled");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn container_insights(mut self, insights: ContainerInsights) -> Self {
        self.insights = Some(insights);
        self
    }

    /// Makes `FARGATE` and `FARGATE_SPOT` available to the cluster's services.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// Cluster::builder(&stack, "Cluster").fargate_capacity_providers().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["ClusterCapacityProviders"]["Properties"];
    /// assert_eq!(props["CapacityProviders"], serde_json::json!(["FARGATE", "FARGATE_SPOT"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn fargate_capacity_providers(mut self) -> Self {
        self.fargate_providers = true;
        self
    }

    /// Makes an Auto Scaling group capacity provider available.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let asg_arn = stack.add_parameter("AsgArn", Parameter::string())?;
    /// let instances = AsgCapacityProvider::builder(&stack, "Instances", asg_arn.value()).build()?;
    /// Cluster::builder(&stack, "Cluster").capacity_provider(&instances).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["ClusterCapacityProviders"]["Properties"];
    /// assert_eq!(props["CapacityProviders"], serde_json::json!([{"Ref": "Instances"}]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn capacity_provider(mut self, provider: &CapacityProvider<AsgCapacity>) -> Self {
        self.asg_providers.push(provider.clone());
        self
    }

    /// The strategy of services that name neither a launch type nor a strategy (rule S3).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let spot_first = CapacityProviderStrategy::new()
    ///     .with(CapacityProvider::fargate().weight(1).base(1))
    ///     .with(CapacityProvider::fargate_spot().weight(3));
    /// Cluster::builder(&stack, "Cluster")
    ///     .fargate_capacity_providers()
    ///     .default_strategy(spot_first.clone())
    ///     .build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["ClusterCapacityProviders"]["Properties"];
    /// assert_eq!(props["DefaultCapacityProviderStrategy"][1]["CapacityProvider"], "FARGATE_SPOT");
    /// // the providers must be the cluster's (rule S3)
    /// assert!(Cluster::builder(&stack, "NoProviders").default_strategy(spot_first).build().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn default_strategy<K>(mut self, strategy: CapacityProviderStrategy<K>) -> Self {
        self.default_strategy = Some(strategy.erase());
        self
    }

    /// How ECS Exec sessions are logged.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// Cluster::builder(&stack, "Cluster").exec_logging(ExecLogging::None).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Cluster"]["Properties"];
    /// assert_eq!(props["Configuration"]["ExecuteCommandConfiguration"]["Logging"], "NONE");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn exec_logging(mut self, logging: ExecLogging) -> Self {
        self.exec_logging = Some(logging);
        self
    }

    /// A KMS key that encrypts ECS Exec sessions.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    /// Cluster::builder(&stack, "Cluster").exec_kms_key(key).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Cluster"]["Properties"];
    /// assert_eq!(props["Configuration"]["ExecuteCommandConfiguration"]["KmsKeyId"], key);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn exec_kms_key(mut self, key_id: impl Into<Value<String>>) -> Self {
        self.exec_kms_key = Some(key_id.into());
        self
    }

    /// A tag.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// Cluster::builder(&stack, "Cluster").tag("team", "platform").build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Cluster"]["Properties"];
    /// assert_eq!(props["Tags"][0], serde_json::json!({"Key": "team", "Value": "platform"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        self.tags.push((key.into(), value.into()));
        self
    }

    fn fail(&self, field: &str, rule: &'static str, reason: String) -> Error {
        Error::rule(self.stack.name(), &self.id, field, rule, reason)
    }

    /// The namespace that Service Connect services of this cluster join when they name none
    /// (`ServiceConnectDefaults`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let ns = ecs_dsl::cloudmap::Namespace::http(&stack, "Apps", "apps")?;
    /// Cluster::builder(&stack, "Cluster").default_namespace(&ns).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Cluster"]["Properties"];
    /// assert_eq!(
    ///     props["ServiceConnectDefaults"]["Namespace"],
    ///     serde_json::json!({"Fn::GetAtt": ["Apps", "Arn"]})
    /// );
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn default_namespace<K>(mut self, namespace: &Namespace<K>) -> Self {
        self.default_namespace = Some(namespace.reference());
        self
    }

    /// Checks the values and adds the cluster (and its capacity provider associations).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let cluster = Cluster::builder(&stack, "Cluster").name("platform").build()?;
    /// assert_eq!(cluster.logical_id(), "Cluster");
    /// let err = Cluster::builder(&stack, "Other").name("bad name").build().unwrap_err();
    /// assert!(err.to_string().contains("S15"), "{err}");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<Cluster> {
        let mut cluster = CfnCluster::new();
        if let Some(name) = &self.name {
            if let Some(reason) = ecs_dsl_rules::names::ecs_name_problem(name) {
                return Err(self.fail("ClusterName", "S15", format!("`{name}` {reason}")));
            }
            cluster = cluster.cluster_name(name.as_str());
        }
        if let Some(i) = self.insights {
            let value = match i {
                ContainerInsights::Enabled => "enabled",
                ContainerInsights::Enhanced => "enhanced",
                ContainerInsights::Disabled => "disabled",
            };
            cluster = cluster.cluster_settings(vec![
                ClusterSettings::new()
                    .name("containerInsights")
                    .value(value),
            ]);
        }
        if self.exec_logging.is_some() || self.exec_kms_key.is_some() {
            let mut exec = ExecuteCommandConfiguration::new();
            match &self.exec_logging {
                Some(ExecLogging::Default) | None => {
                    exec = exec.logging(ExecuteCommandConfigurationLogging::Default)
                }
                Some(ExecLogging::None) => {
                    exec = exec.logging(ExecuteCommandConfigurationLogging::None)
                }
                Some(ExecLogging::LogGroup(g)) => {
                    exec = exec
                        .logging(ExecuteCommandConfigurationLogging::Override)
                        .log_configuration(
                            ExecuteCommandLogConfiguration::new()
                                .cloud_watch_log_group_name(g.name()),
                        )
                }
            }
            if let Some(k) = &self.exec_kms_key {
                exec = exec.kms_key_id(k.clone());
            }
            cluster = cluster
                .configuration(ClusterConfiguration::new().execute_command_configuration(exec));
        }
        if let Some((arn, _)) = &self.default_namespace {
            cluster = cluster
                .service_connect_defaults(ServiceConnectDefaults::new().namespace(arn.clone()));
        }
        if !self.tags.is_empty() {
            cluster = cluster.tags(
                self.tags
                    .iter()
                    .map(|(k, v)| {
                        crate::cfn::ecs::cluster::Tag::new()
                            .key(k.as_str())
                            .value(v.clone())
                    })
                    .collect::<Vec<_>>(),
            );
        }

        let mut providers: Vec<Value<String>> = Vec::new();
        if self.fargate_providers {
            providers.push("FARGATE".into());
            providers.push("FARGATE_SPOT".into());
        }
        providers.extend(self.asg_providers.iter().map(|p| p.name.clone()));
        let default_items = match &self.default_strategy {
            None => Vec::new(),
            Some(strategy) => {
                strategy.check(
                    self.stack.name(),
                    &self.id,
                    "DefaultCapacityProviderStrategy",
                )?;
                strategy.rows.clone()
            }
        };
        for (name, _, _) in &default_items {
            if !providers.contains(name) {
                return Err(self.fail(
                    "DefaultCapacityProviderStrategy",
                    "S3",
                    format!(
                        "provider `{}` is not one of the cluster's capacity providers",
                        name.literal().map_or("(an expression)", String::as_str)
                    ),
                ));
            }
        }

        let handle = self
            .stack
            .add_owned(&self.id, cluster, &format!("cluster {}", self.id))?;
        let associations = if providers.is_empty() {
            None
        } else {
            let strategy: Vec<assoc::CapacityProviderStrategy> = default_items
                .iter()
                .map(|(name, base, weight)| {
                    let mut i = assoc::CapacityProviderStrategy::new(name.clone())
                        .weight(i64::from(*weight));
                    if let Some(b) = base {
                        i = i.base(i64::from(*b));
                    }
                    i
                })
                .collect();
            Some(
                self.stack.add_owned(
                    &format!("{}CapacityProviders", self.id),
                    ClusterCapacityProviderAssociations::new(handle.reference(), strategy)
                        .capacity_providers(providers),
                    &format!("cluster {}", self.id),
                )?,
            )
        };
        Ok(Cluster {
            shared: Rc::new(ClusterShared {
                stack: self.stack,
                id: self.id,
                handle,
                associations,
                default_namespace: self.default_namespace,
            }),
        })
    }
}
