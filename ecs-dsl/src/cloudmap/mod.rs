//! AWS Cloud Map for ECS services: private DNS namespaces (in a VPC), public DNS namespaces
//! and HTTP namespaces (rule C1), and the registration of a service in a DNS namespace: A or
//! SRV records for awsvpc tasks, SRV records naming a container and port for bridge and host
//! tasks (rule S10), one registry per service, a DNS-label service name (rule C2).
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::cloudmap::{DnsRecords, Namespace};
//! use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
//! use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
//! let mut app = App::new();
//! let stack = app.stack("apps")?;
//! let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
//! let ns = Namespace::private_dns(&stack, "Internal", "internal.example", &vpc)?;
//! let cluster = Cluster::builder(&stack, "Cluster").build()?;
//! let task = TaskDefinition::fargate(&stack, "Api", ecs_dsl::fargate!(cpu = 256, memory = 512));
//! let c = task.new_container("api", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27")).port(8080);
//! let task = task.container(c).build()?;
//! let api = Service::replica(&stack, "ApiService", &cluster, &task)
//!     .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private))
//!     .build()?;
//! ns.register_a(&api, "api", DnsRecords::ttl_secs(10))?;
//! let t = app.synthesize()?.stacks[0].template_json();
//! assert_eq!(t["Resources"]["ApiServiceDiscovery"]["Properties"]["Name"], "api");
//! # Ok::<(), ecs_dsl::Error>(())
//! ```

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::rc::Rc;

use crate::cfn::ecs::Service as CfnService;
use crate::cfn::ecs::service::ServiceRegistry;
use crate::cfn::servicediscovery::http_namespace::HttpNamespace;
use crate::cfn::servicediscovery::private_dns_namespace::PrivateDnsNamespace;
use crate::cfn::servicediscovery::public_dns_namespace::PublicDnsNamespace;
use crate::cfn::servicediscovery::service as sd;
use crate::ec2::Vpc;
use crate::ecs::{AwsVpc, ContainerPort, LaunchType, NetworkMode, Service};
use crate::error::{Error, Result};
use crate::template::{Handle, Stack, Value};

/// Namespace kind: DNS (private or public), where services register records. Only
/// `Namespace<Dns>` has [`register_a`](Namespace::register_a) and
/// [`register_srv`](Namespace::register_srv).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cloudmap::{Dns, Namespace};
/// let mut app = App::new();
/// let stack = app.stack("dns")?;
/// let ns: Namespace<Dns> = Namespace::public_dns(&stack, "Public", "example.com")?;
/// assert_eq!(ns.name(), "example.com");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dns {}
/// Namespace kind: HTTP, discovered by API calls only (Service Connect).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cloudmap::{Http, Namespace};
/// let mut app = App::new();
/// let stack = app.stack("mesh")?;
/// let ns: Namespace<Http> = Namespace::http(&stack, "Mesh", "mesh")?;
/// let t = app.synthesize()?.stacks[0].template_json();
/// assert_eq!(t["Resources"]["Mesh"]["Type"], "AWS::ServiceDiscovery::HttpNamespace");
/// # let _ = ns;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Http {}

#[diagnostic::on_unimplemented(
    message = "tasks with network mode `{Self}` share the instance's IP: Cloud Map A records cannot reach them; register them with `register_srv` (rule S10)",
    label = "A records need awsvpc tasks"
)]
/// Network modes whose tasks have their own IP address, which A records can point at
/// (rule S10): only [`AwsVpc`].
///
/// ```
/// use ecs_dsl::cloudmap::OwnIp;
/// use ecs_dsl::ecs::AwsVpc;
/// fn has_own_ip<N: OwnIp>() -> bool { true }
/// assert!(has_own_ip::<AwsVpc>());
/// ```
///
/// ```compile_fail
/// use ecs_dsl::cloudmap::OwnIp;
/// fn has_own_ip<N: OwnIp>() {}
/// has_own_ip::<ecs_dsl::ecs::Bridge>(); // bridge tasks share the instance's IP (rule S10)
/// ```
pub trait OwnIp {}
impl OwnIp for AwsVpc {}

/// A Cloud Map namespace of kind `K` ([`Dns`] or [`Http`]). Service names are unique per
/// namespace across DNS registrations and Service Connect (rule C2).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cloudmap::Namespace;
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// let mut app = App::new();
/// let stack = app.stack("apps")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
/// let private = Namespace::private_dns(&stack, "Internal", "internal.example", &vpc)?;
/// let mesh = Namespace::http(&stack, "Mesh", "mesh")?;
/// assert_eq!((private.name(), mesh.name()), ("internal.example", "mesh"));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Namespace<K> {
    id: Value<String>,
    arn: Value<String>,
    name: String,
    stack: Stack,
    names: NamespaceNames,
    _kind: PhantomData<fn() -> K>,
}

/// A namespace as services refer to it: its ARN and the names taken in it.
pub(crate) type NamespaceRef = (Value<String>, NamespaceNames);

/// The service names taken in a namespace, by DNS registrations and Service Connect
/// discovery names alike: name -> `<stack>/<logical id>` of the service that took it.
#[derive(Debug, Clone, Default)]
pub(crate) struct NamespaceNames(Rc<RefCell<Registry>>);

#[derive(Debug, Default)]
struct Registry {
    names: BTreeMap<String, String>,
    /// Services that offer ports through Service Connect in this namespace.
    servers: Vec<Handle<CfnService>>,
}

impl NamespaceNames {
    /// Records a Service Connect server of this namespace.
    pub(crate) fn add_server(&self, service: &Handle<CfnService>) {
        self.0.borrow_mut().servers.push(service.clone());
    }

    /// The Service Connect servers so far.
    pub(crate) fn servers(&self) -> Vec<Handle<CfnService>> {
        self.0.borrow().servers.clone()
    }

    /// Takes `name` for `owner`; the owner that has it already, if another one does.
    pub(crate) fn claim(&self, name: &str, owner: &str) -> std::result::Result<(), String> {
        let names = &mut self.0.borrow_mut().names;
        match names.get(name) {
            Some(other) if other != owner => Err(other.clone()),
            _ => {
                names.insert(name.to_owned(), owner.to_owned());
                Ok(())
            }
        }
    }
}

/// How a service's tasks appear in a DNS namespace: the records' TTL, the routing policy, and
/// whether ECS reports task health to Cloud Map (on by default, so that stopped and unhealthy
/// tasks leave the answers).
///
/// ```
/// use ecs_dsl::cloudmap::{DnsRecords, Routing};
/// let records = DnsRecords::ttl_secs(10).routing(Routing::Weighted);
/// assert_ne!(records, DnsRecords::ttl_secs(10));
/// assert_eq!(records, DnsRecords::ttl_secs(10).routing(Routing::Weighted));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DnsRecords {
    ttl: u32,
    routing: Routing,
    custom_health_check: bool,
}

/// The routing policy of a Cloud Map service's DNS records; see
/// [DnsConfig](https://docs.aws.amazon.com/cloud-map/latest/api/API_DnsConfig.html).
///
/// ```
/// use ecs_dsl::cloudmap::{DnsRecords, Routing};
/// assert_eq!(DnsRecords::ttl_secs(60), DnsRecords::ttl_secs(60).routing(Routing::Multivalue));
/// assert_ne!(DnsRecords::ttl_secs(60), DnsRecords::ttl_secs(60).routing(Routing::Weighted));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Routing {
    /// Up to eight healthy records per answer, chosen at random (the default).
    Multivalue,
    /// One record per answer, chosen at random.
    Weighted,
}

/// The longest TTL Cloud Map accepts for a DNS record, in seconds (2^31 - 1).
///
/// ```
/// assert_eq!(ecs_dsl::cloudmap::MAX_TTL_SECS, 2_147_483_647);
/// ```
pub const MAX_TTL_SECS: u32 = 2_147_483_647;

impl DnsRecords {
    /// Records cached for `ttl` seconds, multivalue answers, ECS-reported health. A TTL over
    /// [`MAX_TTL_SECS`] is refused when the records are registered.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::{DnsRecords, Namespace};
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// # let mut app = App::new();
    /// # let stack = app.stack("apps")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Api", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let c = task.new_container("api", ecs_dsl::image!("nginx:1.27"));
    /// # let task = task.container(c).build()?;
    /// # let api = Service::replica(&stack, "ApiService", &cluster, &task)
    /// #     .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private)).build()?;
    /// let ns = Namespace::private_dns(&stack, "Internal", "internal.example", &vpc)?;
    /// ns.register_a(&api, "api", DnsRecords::ttl_secs(10))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["ApiServiceDiscovery"]["Properties"];
    /// assert_eq!(p["DnsConfig"]["DnsRecords"][0]["TTL"], 10.0);
    /// assert_eq!(p["DnsConfig"]["RoutingPolicy"], "MULTIVALUE");
    /// assert_eq!(p["HealthCheckCustomConfig"]["FailureThreshold"], 1.0);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ttl_secs(ttl: u32) -> Self {
        DnsRecords {
            ttl,
            routing: Routing::Multivalue,
            custom_health_check: true,
        }
    }

    /// The routing policy (default [`Routing::Multivalue`]).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::{DnsRecords, Namespace, Routing};
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// # let mut app = App::new();
    /// # let stack = app.stack("apps")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Api", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let c = task.new_container("api", ecs_dsl::image!("nginx:1.27"));
    /// # let task = task.container(c).build()?;
    /// # let api = Service::replica(&stack, "ApiService", &cluster, &task)
    /// #     .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private)).build()?;
    /// let ns = Namespace::private_dns(&stack, "Internal", "internal.example", &vpc)?;
    /// ns.register_a(&api, "api", DnsRecords::ttl_secs(10).routing(Routing::Weighted))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["ApiServiceDiscovery"]["Properties"]["DnsConfig"]["RoutingPolicy"], "WEIGHTED");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn routing(mut self, routing: Routing) -> Self {
        self.routing = routing;
        self
    }

    /// Leaves out the custom health check configuration: Cloud Map then answers with every
    /// registered task, healthy or not.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::{DnsRecords, Namespace};
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// # let mut app = App::new();
    /// # let stack = app.stack("apps")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Api", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let c = task.new_container("api", ecs_dsl::image!("nginx:1.27"));
    /// # let task = task.container(c).build()?;
    /// # let api = Service::replica(&stack, "ApiService", &cluster, &task)
    /// #     .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private)).build()?;
    /// let ns = Namespace::private_dns(&stack, "Internal", "internal.example", &vpc)?;
    /// ns.register_a(&api, "api", DnsRecords::ttl_secs(10).without_health_check())?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert!(t["Resources"]["ApiServiceDiscovery"]["Properties"].get("HealthCheckCustomConfig").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn without_health_check(mut self) -> Self {
        self.custom_health_check = false;
        self
    }
}

fn check_dns_name(stack: &str, id: &str, name: &str, max: usize) -> Result<()> {
    let labels_ok = name.split('.').all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    });
    if name.len() > max || !labels_ok {
        return Err(Error::rule(
            stack,
            id,
            "Name",
            "C1",
            format!(
                "`{name}`: a namespace name of at most {max} characters made of DNS labels (1-63 of [A-Za-z0-9-])"
            ),
        ));
    }
    Ok(())
}

impl Namespace<Dns> {
    /// A private DNS namespace `name` in `vpc` (rule C1: at most 253 characters of DNS
    /// labels).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::Namespace;
    /// use ecs_dsl::ec2::Vpc;
    /// let mut app = App::new();
    /// let stack = app.stack("apps")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// Namespace::private_dns(&stack, "Internal", "internal.example", &vpc)?;
    /// let bad = Namespace::private_dns(&stack, "Bad", "my_apps.local", &vpc);
    /// assert!(bad.unwrap_err().to_string().contains("rule C1"));
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Internal"]["Properties"];
    /// assert_eq!((&p["Name"], &p["Vpc"]), (&"internal.example".into(), &"vpc-1".into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn private_dns(stack: &Stack, id: &str, name: &str, vpc: &Vpc) -> Result<Self> {
        check_dns_name(stack.name(), id, name, 253)?;
        let h = stack.add(id, PrivateDnsNamespace::new(name, vpc.id()))?;
        Ok(Namespace {
            id: h.attr_id(),
            arn: h.attr_arn(),
            name: name.to_owned(),
            stack: stack.clone(),
            names: NamespaceNames::default(),
            _kind: PhantomData,
        })
    }

    /// A public DNS namespace `name` (a valid DNS name, labels at most 63 characters; rule C1).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::Namespace;
    /// let mut app = App::new();
    /// let stack = app.stack("dns")?;
    /// Namespace::public_dns(&stack, "Public", "example.com")?;
    /// assert!(Namespace::public_dns(&stack, "Bad", "-example.com").is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Public"]["Type"], "AWS::ServiceDiscovery::PublicDnsNamespace");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn public_dns(stack: &Stack, id: &str, name: &str) -> Result<Self> {
        check_dns_name(stack.name(), id, name, 253)?;
        let h = stack.add(id, PublicDnsNamespace::new(name))?;
        Ok(Namespace {
            id: h.attr_id(),
            arn: h.attr_arn(),
            name: name.to_owned(),
            stack: stack.clone(),
            names: NamespaceNames::default(),
            _kind: PhantomData,
        })
    }

    /// Registers an awsvpc service as `name` with A records, one per task IP. Only awsvpc
    /// tasks have their own IP (rule S10: a bridge or host service does not compile here; use
    /// [`register_srv`](Self::register_srv)). The name is one DNS label (1 to 63
    /// letters, digits, `_` or `-`, no `-` at either end), unique in the namespace (rule C2); a service has one registry. Adds the
    /// Cloud Map service `<service id>Discovery` in the service's stack.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::{DnsRecords, Namespace};
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    /// # let mut app = App::new();
    /// # let stack = app.stack("apps")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Api", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let c = task.new_container("api", ecs_dsl::image!("nginx:1.27"));
    /// # let task = task.container(c).build()?;
    /// let api = Service::replica(&stack, "ApiService", &cluster, &task)
    ///     .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private))
    ///     .build()?;
    /// # let other = Service::replica(&stack, "Other", &cluster, &task)
    /// #     .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private)).build()?;
    /// let ns = Namespace::private_dns(&stack, "Internal", "internal.example", &vpc)?;
    /// ns.register_a(&api, "api", DnsRecords::ttl_secs(10))?;
    /// // One registry per service (rule S10), one service per name (rule C2).
    /// assert!(ns.register_a(&api, "api-2", DnsRecords::ttl_secs(10)).is_err());
    /// assert!(ns.register_a(&other, "api", DnsRecords::ttl_secs(10)).unwrap_err().to_string().contains("rule C2"));
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["ApiServiceDiscovery"]["Properties"]["DnsConfig"]["DnsRecords"][0]["Type"], "A");
    /// let registry = &t["Resources"]["ApiService"]["Properties"]["ServiceRegistries"][0];
    /// assert_eq!(registry["RegistryArn"]["Fn::GetAtt"], serde_json::json!(["ApiServiceDiscovery", "Arn"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn register_a<L: LaunchType, N: NetworkMode + OwnIp, K>(
        &self,
        service: &Service<L, N, K>,
        name: &str,
        records: DnsRecords,
    ) -> Result<()> {
        self.register(service.handle(), name, "A", records, None)
    }

    /// Registers a service of any network mode as `name` with SRV records naming a container
    /// port of its task (rule S10: the port is a typed handle from
    /// [`Container::expose`](crate::ecs::Container::expose)). A port of another task
    /// definition is an error.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::{DnsRecords, Namespace};
    /// use ecs_dsl::ec2::Vpc;
    /// use ecs_dsl::ecs::{Bridge, Cluster, PortMapping, Service, TaskDefinition};
    /// let mut app = App::new();
    /// let stack = app.stack("apps")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let task = TaskDefinition::ec2(&stack, "Cache", Bridge);
    /// let mut redis = task.new_container("redis", ecs_dsl::image!("redis:7")).memory_limit(256);
    /// let port = redis.expose(PortMapping::tcp(6379));
    /// let task = task.container(redis).build()?;
    /// let cache = Service::replica(&stack, "CacheService", &cluster, &task).build()?;
    /// let ns = Namespace::private_dns(&stack, "Internal", "internal.example", &vpc)?;
    /// ns.register_srv(&cache, "cache", &port, DnsRecords::ttl_secs(30))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["CacheServiceDiscovery"]["Properties"]["DnsConfig"]["DnsRecords"][0]["Type"], "SRV");
    /// let registry = &t["Resources"]["CacheService"]["Properties"]["ServiceRegistries"][0];
    /// assert_eq!((&registry["ContainerName"], &registry["ContainerPort"]), (&"redis".into(), &6379.into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn register_srv<L: LaunchType, N: NetworkMode, K, P>(
        &self,
        service: &Service<L, N, K>,
        name: &str,
        port: &ContainerPort<N, P>,
        records: DnsRecords,
    ) -> Result<()> {
        let handle = service.handle();
        if let Some(why) = service.task_definition().port_problem(port) {
            return Err(Error::rule(
                handle.stack_name(),
                handle.logical_id(),
                "ServiceRegistries.ContainerPort",
                "S10",
                why,
            ));
        }
        self.register(
            handle,
            name,
            "SRV",
            records,
            Some((port.container_name(), port.container_port())),
        )
    }

    /// The Cloud Map service `<ServiceId>Discovery` in the service's stack, and the service's
    /// registry pointing at it.
    fn register(
        &self,
        handle: &Handle<CfnService>,
        name: &str,
        record_type: &str,
        records: DnsRecords,
        container_port: Option<(&str, u16)>,
    ) -> Result<()> {
        let (stack, logical) = (handle.stack_name(), handle.logical_id());
        // One DNS label: Cloud Map takes up to 127 characters for a dotted name, but each label
        // holds at most 63, of letters, digits, `_` and `-`, not starting or ending with `-`.
        let label_ok = (1..=63).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !name.starts_with('-')
            && !name.ends_with('-');
        if !label_ok {
            return Err(Error::rule(
                stack,
                logical,
                "ServiceRegistries.Name",
                "C2",
                format!(
                    "`{name}`: a service name is one DNS label: 1 to 63 letters, digits, `_` or \
                     `-`, not starting or ending with `-`"
                ),
            ));
        }
        if records.ttl > MAX_TTL_SECS {
            return Err(Error::invalid_value(
                stack,
                logical,
                "DnsConfig.DnsRecords.TTL",
                format!(
                    "a TTL of {} s is over Cloud Map's maximum of {MAX_TTL_SECS} s",
                    records.ttl
                ),
            ));
        }
        if handle.update(|s| s.service_registries.is_some())? {
            return Err(Error::rule(
                stack,
                logical,
                "ServiceRegistries",
                "S10",
                "a service has one Cloud Map registry".to_owned(),
            ));
        }
        let owner = format!("{stack}/{logical}");
        if let Err(other) = self.names.claim(name, &owner) {
            return Err(Error::rule(
                stack,
                logical,
                "ServiceRegistries.Name",
                "C2",
                format!(
                    "`{name}` is already taken in namespace `{}` by `{other}`",
                    self.name
                ),
            ));
        }
        let routing = match records.routing {
            Routing::Multivalue => "MULTIVALUE",
            Routing::Weighted => "WEIGHTED",
        };
        let mut discovery = sd::Service::new()
            .name(name)
            .namespace_id(self.id.clone())
            .dns_config(
                sd::DnsConfig::new(vec![sd::DnsRecord::new(
                    f64::from(records.ttl),
                    record_type,
                )])
                .routing_policy(routing),
            );
        if records.custom_health_check {
            discovery = discovery.health_check_custom_config(
                sd::HealthCheckCustomConfig::new().failure_threshold(1.0),
            );
        }
        let discovery = handle
            .owning_stack()
            .add(&format!("{logical}Discovery"), discovery)?;
        let mut registry = ServiceRegistry::new().registry_arn(discovery.attr_arn());
        if let Some((container, port)) = container_port {
            registry = registry
                .container_name(container)
                .container_port(i64::from(port));
        }
        handle.update(|s| {
            s.service_registries = Some(Value::Literal(vec![Value::Literal(registry)]))
        })?;
        Ok(())
    }
}

impl Namespace<Http> {
    /// An HTTP namespace `name` (rule C1: 1 to 1024 characters), for Service Connect.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::Namespace;
    /// let mut app = App::new();
    /// let stack = app.stack("mesh")?;
    /// let ns = Namespace::http(&stack, "Mesh", "shop")?;
    /// assert!(Namespace::http(&stack, "Empty", "").unwrap_err().to_string().contains("rule C1"));
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Mesh"]["Properties"]["Name"], "shop");
    /// # let _ = ns;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn http(stack: &Stack, id: &str, name: &str) -> Result<Self> {
        if name.is_empty() || name.len() > 1024 {
            return Err(Error::rule(
                stack.name(),
                id,
                "Name",
                "C1",
                format!(
                    "an HTTP namespace name has 1 to 1024 characters, not {}",
                    name.len()
                ),
            ));
        }
        let h = stack.add(id, HttpNamespace::new(name))?;
        Ok(Namespace {
            id: h.attr_id(),
            arn: h.attr_arn(),
            name: name.to_owned(),
            stack: stack.clone(),
            names: NamespaceNames::default(),
            _kind: PhantomData,
        })
    }
}

impl<K> Namespace<K> {
    /// The namespace id (`Fn::GetAtt` of `Id`).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::Namespace;
    /// let mut app = App::new();
    /// let stack = app.stack("mesh")?;
    /// let ns = Namespace::http(&stack, "Mesh", "shop")?;
    /// stack.add_output("NamespaceId", Output::new(ns.id()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["NamespaceId"]["Value"]["Fn::GetAtt"], serde_json::json!(["Mesh", "Id"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn id(&self) -> Value<String> {
        self.id.clone()
    }

    /// The namespace ARN (what a cluster's default namespace and Service Connect take).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::Namespace;
    /// let mut app = App::new();
    /// let stack = app.stack("mesh")?;
    /// let ns = Namespace::http(&stack, "Mesh", "shop")?;
    /// stack.add_output("NamespaceArn", Output::new(ns.arn()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["NamespaceArn"]["Value"]["Fn::GetAtt"], serde_json::json!(["Mesh", "Arn"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.arn.clone()
    }

    /// The namespace's name.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::Namespace;
    /// let mut app = App::new();
    /// let stack = app.stack("dns")?;
    /// assert_eq!(Namespace::public_dns(&stack, "Public", "example.com")?.name(), "example.com");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The stack it is defined in.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cloudmap::Namespace;
    /// let mut app = App::new();
    /// let shared = app.stack("shared")?;
    /// let ns = Namespace::http(&shared, "Mesh", "shop")?;
    /// assert_eq!(ns.stack().name(), "shared");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stack(&self) -> &Stack {
        &self.stack
    }

    /// Its ARN and the names taken in it, for Service Connect (rules C2, S11).
    pub(crate) fn reference(&self) -> NamespaceRef {
        (self.arn(), self.names.clone())
    }
}
