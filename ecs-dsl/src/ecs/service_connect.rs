//! Service Connect: a service joins a Cloud Map namespace as a client only, or as a client and
//! server offering named ports of its task (rule S11: the port is a typed handle to a named
//! port mapping, the discovery name is at most 64 of `[a-z0-9_-]` and unique in the
//! namespace).

use std::marker::PhantomData;

use super::launch::{AwsVpc, Bridge, NetworkMode};
use super::port::{ContainerPort, Named, PortSpec};
use super::service::ClusterRef;
use super::task::TaskShared;
use crate::cfn::ecs::Service as CfnService;
use crate::cfn::ecs::service as l1;
use crate::cloudmap::{Namespace, NamespaceRef};
use crate::error::{Error, Result};
use crate::template::Handle;

/// Network modes that Service Connect supports (awsvpc and bridge).
#[diagnostic::on_unimplemented(
    message = "Service Connect does not support network mode `{Self}`; it needs `AwsVpc` or `Bridge`",
    label = "no Service Connect proxy under this network mode"
)]
/// ```
/// use ecs_dsl::ecs::{AwsVpc, Bridge, ConnectsServices};
/// fn connects<N: ConnectsServices>() {}
/// connects::<AwsVpc>();
/// connects::<Bridge>();
/// ```
pub trait ConnectsServices: NetworkMode {}
impl ConnectsServices for AwsVpc {}
impl ConnectsServices for Bridge {}

/// A service's Service Connect configuration, for tasks with network mode `N`.
///
/// A client only resolves the names other services offer; a client-server also offers named
/// ports of its own task with [`serve`](Self::serve). Without
/// [`namespace`](Self::namespace) the cluster's default namespace is used, which the cluster
/// must have when it belongs to this app.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cloudmap::Namespace;
/// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
/// use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, ConnectPort, PortMapping, Service, ServiceConnect, TaskDefinition};
/// let mut app = App::new();
/// let stack = app.stack("apps")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
/// let ns = Namespace::http(&stack, "Apps", "apps")?;
/// let cluster = Cluster::builder(&stack, "Cluster").default_namespace(&ns).build()?;
/// let task = TaskDefinition::fargate(&stack, "Api", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let mut api = task.new_container("api", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"));
/// let http = api.expose(PortMapping::tcp(8080).name("http"));
/// let task = task.container(api).build()?;
/// let service = Service::replica(&stack, "ApiService", &cluster, &task)
///     .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private))
///     .service_connect(ServiceConnect::client().serve(ConnectPort::new(&http).discovery_name("api").alias(80, "api")))
///     .build()?;
/// let t = app.synthesize()?.stacks[0].template_json();
/// let sc = &t["Resources"]["ApiService"]["Properties"]["ServiceConnectConfiguration"];
/// assert_eq!(sc["Services"][0]["PortName"], "http");
/// assert_eq!(sc["Services"][0]["ClientAliases"][0]["DnsName"], "api");
/// # let _ = service;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ServiceConnect<N> {
    pub(crate) namespace: Option<NamespaceRef>,
    pub(crate) ports: Vec<ConnectPortSpec>,
    _network: PhantomData<fn() -> N>,
}

/// A named port a client-server service offers through Service Connect.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::{PortMapping, TaskDefinition};
/// use ecs_dsl::ecs::ConnectPort;
/// # let mut app = App::new();
/// # let stack = app.stack("apps")?;
/// # let task = TaskDefinition::fargate(&stack, "Api", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// # let mut api = task.new_container("api", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"));
/// let http = api.expose(PortMapping::tcp(8080).name("http"));
/// // reachable as http://api:80 from clients in the namespace
/// let offer = ConnectPort::new(&http).discovery_name("api").alias(80, "api");
/// # let _ = offer;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ConnectPort<N> {
    spec: ConnectPortSpec,
    _network: PhantomData<fn() -> N>,
}

/// What a service builder keeps of a [`ServiceConnect`].
#[derive(Debug, Clone)]
pub(crate) struct ConnectSpec {
    pub namespace: Option<NamespaceRef>,
    pub ports: Vec<ConnectPortSpec>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConnectPortSpec {
    /// The port's name (the handle guarantees a named port mapping).
    pub port_name: String,
    /// The handle's `<stack>/<task id>`, container and mapping, to check that it is a port of
    /// the service's task.
    pub task: String,
    pub container: String,
    pub port: PortSpec,
    pub discovery_name: Option<String>,
    pub aliases: Vec<(u16, Option<String>)>,
    pub ingress_port_override: Option<u16>,
    pub idle_timeout: Option<u32>,
    pub per_request_timeout: Option<u32>,
}

impl<N: ConnectsServices> ConnectPort<N> {
    /// Offers the named port `port` (rule S11: only a named port mapping can be offered).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let ns = ecs_dsl::cloudmap::Namespace::http(&stack, "Apps", "apps")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").default_namespace(&ns).build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let mut api = task.new_container("api", ecs_dsl::image!("example/api:1"));
    /// # let http = api.expose(PortMapping::tcp(8080).name("http"));
    /// # let task = task.container(api).build()?;
    /// # let service = Service::replica(&stack, "Api", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// service.service_connect(ServiceConnect::client().serve(ConnectPort::new(&http))).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let sc = &t["Resources"]["Api"]["Properties"]["ServiceConnectConfiguration"];
    /// assert_eq!(sc["Services"][0]["PortName"], "http");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(port: &ContainerPort<N, Named>) -> Self {
        ConnectPort {
            spec: ConnectPortSpec {
                port_name: port.name().to_owned(),
                task: port.task.clone(),
                container: port.container.clone(),
                port: port.spec.clone(),
                discovery_name: None,
                aliases: Vec::new(),
                ingress_port_override: None,
                idle_timeout: None,
                per_request_timeout: None,
            },
            _network: PhantomData,
        }
    }

    /// The name registered in the namespace (default: the port name). At most 64 of
    /// `[a-z0-9_-]`, unique in the namespace (rule S11).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let ns = ecs_dsl::cloudmap::Namespace::http(&stack, "Apps", "apps")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").default_namespace(&ns).build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let mut api = task.new_container("api", ecs_dsl::image!("example/api:1"));
    /// # let http = api.expose(PortMapping::tcp(8080).name("http"));
    /// # let task = task.container(api).build()?;
    /// # let service = Service::replica(&stack, "Api", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// let offer = ConnectPort::new(&http).discovery_name("orders-api");
    /// service.service_connect(ServiceConnect::client().serve(offer)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let sc = &t["Resources"]["Api"]["Properties"]["ServiceConnectConfiguration"];
    /// assert_eq!(sc["Services"][0]["DiscoveryName"], "orders-api");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn discovery_name(mut self, name: impl Into<String>) -> Self {
        self.spec.discovery_name = Some(name.into());
        self
    }

    /// A name and port clients use to reach this port (`dns_name:port`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let ns = ecs_dsl::cloudmap::Namespace::http(&stack, "Apps", "apps")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").default_namespace(&ns).build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let mut api = task.new_container("api", ecs_dsl::image!("example/api:1"));
    /// # let http = api.expose(PortMapping::tcp(8080).name("http"));
    /// # let task = task.container(api).build()?;
    /// # let service = Service::replica(&stack, "Api", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// let offer = ConnectPort::new(&http).alias(80, "orders.internal");
    /// service.service_connect(ServiceConnect::client().serve(offer)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let sc = &t["Resources"]["Api"]["Properties"]["ServiceConnectConfiguration"];
    /// assert_eq!(sc["Services"][0]["ClientAliases"][0], serde_json::json!({"Port": 80, "DnsName": "orders.internal"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn alias(mut self, port: u16, dns_name: impl Into<String>) -> Self {
        self.spec.aliases.push((port, Some(dns_name.into())));
        self
    }

    /// A port clients use with the discovery name as the host name.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let ns = ecs_dsl::cloudmap::Namespace::http(&stack, "Apps", "apps")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").default_namespace(&ns).build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let mut api = task.new_container("api", ecs_dsl::image!("example/api:1"));
    /// # let http = api.expose(PortMapping::tcp(8080).name("http"));
    /// # let task = task.container(api).build()?;
    /// # let service = Service::replica(&stack, "Api", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// let offer = ConnectPort::new(&http).alias_port(80); // http://http:80
    /// service.service_connect(ServiceConnect::client().serve(offer)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let sc = &t["Resources"]["Api"]["Properties"]["ServiceConnectConfiguration"];
    /// assert_eq!(sc["Services"][0]["ClientAliases"][0], serde_json::json!({"Port": 80}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn alias_port(mut self, port: u16) -> Self {
        self.spec.aliases.push((port, None));
        self
    }

    /// The port the proxy listens on, when it must differ from the container port.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let ns = ecs_dsl::cloudmap::Namespace::http(&stack, "Apps", "apps")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").default_namespace(&ns).build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let mut api = task.new_container("api", ecs_dsl::image!("example/api:1"));
    /// # let http = api.expose(PortMapping::tcp(8080).name("http"));
    /// # let task = task.container(api).build()?;
    /// # let service = Service::replica(&stack, "Api", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// let offer = ConnectPort::new(&http).ingress_port_override(15000);
    /// service.service_connect(ServiceConnect::client().serve(offer)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let sc = &t["Resources"]["Api"]["Properties"]["ServiceConnectConfiguration"];
    /// assert_eq!(sc["Services"][0]["IngressPortOverride"], 15000);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ingress_port_override(mut self, port: u16) -> Self {
        self.spec.ingress_port_override = Some(port);
        self
    }

    /// Idle and per-request timeouts of the proxy, in seconds (0 disables a timeout).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let ns = ecs_dsl::cloudmap::Namespace::http(&stack, "Apps", "apps")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").default_namespace(&ns).build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let mut api = task.new_container("api", ecs_dsl::image!("example/api:1"));
    /// # let http = api.expose(PortMapping::tcp(8080).name("http"));
    /// # let task = task.container(api).build()?;
    /// # let service = Service::replica(&stack, "Api", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// let offer = ConnectPort::new(&http).timeouts_secs(300, 30);
    /// service.service_connect(ServiceConnect::client().serve(offer)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let sc = &t["Resources"]["Api"]["Properties"]["ServiceConnectConfiguration"];
    /// let timeout = &sc["Services"][0]["Timeout"];
    /// assert_eq!((timeout["IdleTimeoutSeconds"].as_u64(), timeout["PerRequestTimeoutSeconds"].as_u64()), (Some(300), Some(30)));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn timeouts_secs(mut self, idle: u32, per_request: u32) -> Self {
        self.spec.idle_timeout = Some(idle);
        self.spec.per_request_timeout = Some(per_request);
        self
    }
}

impl<N: ConnectsServices> ServiceConnect<N> {
    /// A client: resolves the names other services in the namespace offer.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let ns = ecs_dsl::cloudmap::Namespace::http(&stack, "Apps", "apps")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").default_namespace(&ns).build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let mut api = task.new_container("api", ecs_dsl::image!("example/api:1"));
    /// # let http = api.expose(PortMapping::tcp(8080).name("http"));
    /// # let task = task.container(api).build()?;
    /// # let service = Service::replica(&stack, "Api", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// // resolves what others offer in the cluster's default namespace; offers nothing itself
    /// service.service_connect(ServiceConnect::client()).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let sc = &t["Resources"]["Api"]["Properties"]["ServiceConnectConfiguration"];
    /// assert_eq!(sc["Enabled"], true);
    /// assert!(sc.get("Services").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn client() -> Self {
        ServiceConnect {
            namespace: None,
            ports: Vec::new(),
            _network: PhantomData,
        }
    }

    /// The namespace to join (default: the cluster's default namespace).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let ns = ecs_dsl::cloudmap::Namespace::http(&stack, "Apps", "apps")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").default_namespace(&ns).build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let mut api = task.new_container("api", ecs_dsl::image!("example/api:1"));
    /// # let http = api.expose(PortMapping::tcp(8080).name("http"));
    /// # let task = task.container(api).build()?;
    /// # let service = Service::replica(&stack, "Api", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// let other = ecs_dsl::cloudmap::Namespace::http(&stack, "Internal", "internal")?;
    /// service.service_connect(ServiceConnect::client().namespace(&other)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let sc = &t["Resources"]["Api"]["Properties"]["ServiceConnectConfiguration"];
    /// assert_eq!(sc["Namespace"], serde_json::json!({"Fn::GetAtt": ["Internal", "Arn"]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn namespace<K>(mut self, namespace: &Namespace<K>) -> Self {
        self.namespace = Some(namespace.reference());
        self
    }

    /// Also offers a named port of this service's task: the service becomes a client-server.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let ns = ecs_dsl::cloudmap::Namespace::http(&stack, "Apps", "apps")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").default_namespace(&ns).build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let mut api = task.new_container("api", ecs_dsl::image!("example/api:1"));
    /// # let http = api.expose(PortMapping::tcp(8080).name("http"));
    /// # let task = task.container(api).build()?;
    /// # let service = Service::replica(&stack, "Api", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// service.service_connect(ServiceConnect::client().serve(ConnectPort::new(&http).alias(80, "api"))).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let sc = &t["Resources"]["Api"]["Properties"]["ServiceConnectConfiguration"];
    /// assert_eq!(sc["Services"][0]["ClientAliases"][0]["DnsName"], "api");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn serve(mut self, port: ConnectPort<N>) -> Self {
        self.ports.push(port.spec);
        self
    }
}

impl ConnectPortSpec {
    /// The discovery name in effect.
    pub(crate) fn effective_name(&self) -> &str {
        self.discovery_name.as_deref().unwrap_or(&self.port_name)
    }

    pub(crate) fn render(&self) -> l1::ServiceConnectService {
        let mut s = l1::ServiceConnectService::new(self.port_name.as_str());
        if let Some(d) = &self.discovery_name {
            s = s.discovery_name(d.as_str());
        }
        if !self.aliases.is_empty() {
            s = s.client_aliases(
                self.aliases
                    .iter()
                    .map(|(port, dns)| {
                        let a = l1::ServiceConnectClientAlias::new(i64::from(*port));
                        match dns {
                            Some(d) => a.dns_name(d.as_str()),
                            None => a,
                        }
                    })
                    .collect::<Vec<_>>(),
            );
        }
        if let Some(p) = self.ingress_port_override {
            s = s.ingress_port_override(i64::from(p));
        }
        if self.idle_timeout.is_some() || self.per_request_timeout.is_some() {
            let mut t = l1::TimeoutConfiguration::new();
            if let Some(i) = self.idle_timeout {
                t = t.idle_timeout_seconds(i64::from(i));
            }
            if let Some(p) = self.per_request_timeout {
                t = t.per_request_timeout_seconds(i64::from(p));
            }
            s = s.timeout(t);
        }
        s
    }
}

/// Checks a service's Service Connect settings (rule S11) and renders them; `cluster_default`
/// is the cluster's default namespace (`None` when the cluster is not of this app).
pub(crate) fn render(
    stack: &str,
    id: &str,
    task: &TaskShared,
    cluster_default: Option<Option<&NamespaceRef>>,
    namespace: Option<&NamespaceRef>,
    ports: &[ConnectPortSpec],
) -> Result<l1::ServiceConnectConfiguration> {
    let field = "ServiceConnectConfiguration";
    let names = match (namespace, cluster_default) {
        (Some(ns), _) | (None, Some(Some(ns))) => Some(&ns.1),
        (None, None) => None,
        (None, Some(None)) => {
            return Err(Error::invalid_value(
                stack,
                id,
                format!("{field}.Namespace"),
                "Service Connect needs a namespace: name one, or give the cluster a default namespace",
            ));
        }
    };
    let owner = format!("{stack}/{id}");
    let mut seen = std::collections::BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        let at = |f: &str| format!("{field}.Services[{i}].{f}");
        if let Some(why) = task.port_problem(&p.task, &p.container, &p.port) {
            return Err(Error::rule(stack, id, at("PortName"), "S11", why));
        }
        let name = p.effective_name();
        if let Some(why) = discovery_name_problem(name) {
            return Err(Error::rule(
                stack,
                id,
                at("DiscoveryName"),
                "S11",
                format!("`{name}` {why}"),
            ));
        }
        if !seen.insert(name.to_owned()) {
            return Err(Error::rule(
                stack,
                id,
                at("DiscoveryName"),
                "S11",
                format!("`{name}` is offered twice by this service"),
            ));
        }
        if let Some(names) = names
            && let Err(other) = names.claim(name, &owner)
        {
            return Err(Error::rule(
                stack,
                id,
                at("DiscoveryName"),
                "S11",
                format!("`{name}` is already taken in the namespace by `{other}`"),
            ));
        }
    }
    let mut config = l1::ServiceConnectConfiguration::new(true);
    if let Some((arn, _)) = namespace {
        config = config.namespace(arn.clone());
    }
    if !ports.is_empty() {
        config = config.services(
            ports
                .iter()
                .map(ConnectPortSpec::render)
                .collect::<Vec<_>>(),
        );
    }
    Ok(config)
}

/// Service Connect clients resolve only the endpoints that exist when a task starts, so a
/// service waits (`DependsOn`) for the servers of its namespace defined before it in the same
/// stack; a server is recorded for the services after it.
pub(crate) fn wait_for_servers(
    service: &Handle<CfnService>,
    spec: &ConnectSpec,
    cluster: &ClusterRef,
) -> Result<()> {
    let registry = match (&spec.namespace, &cluster.default_namespace) {
        (Some((_, names)), _) | (None, Some(Some((_, names)))) => names,
        _ => return Ok(()),
    };
    for server in registry.servers() {
        if server.stack_name() == service.stack_name() {
            service.add_depends_on(&server)?;
        }
    }
    if !spec.ports.is_empty() {
        registry.add_server(service);
    }
    Ok(())
}

/// Checks a Service Connect discovery name against rule S11; `None` when it is valid.
pub(crate) fn discovery_name_problem(name: &str) -> Option<String> {
    if name.is_empty() || name.len() > 64 {
        return Some(format!("has {} characters; 1 to 64 allowed", name.len()));
    }
    name.chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-'))
        .map(|c| format!("has '{c}'; only a-z, 0-9, '_' and '-' are allowed"))
}

#[cfg(test)]
mod tests {
    use super::discovery_name_problem;

    #[test]
    fn s11_discovery_names() {
        assert!(discovery_name_problem("api").is_none());
        assert!(discovery_name_problem("api_v2-x").is_none());
        assert!(discovery_name_problem(&"a".repeat(64)).is_none());
        assert!(discovery_name_problem(&"a".repeat(65)).is_some());
        assert!(discovery_name_problem("Api").is_some());
        assert!(discovery_name_problem("api.internal").is_some());
        assert!(discovery_name_problem("").is_some());
    }
}
