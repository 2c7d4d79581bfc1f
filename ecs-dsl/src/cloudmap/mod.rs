//! AWS Cloud Map for ECS services: private DNS namespaces (in a VPC), public DNS namespaces
//! and HTTP namespaces (rule C1), and the registration of a service in a DNS namespace: A or
//! SRV records for awsvpc tasks, SRV records naming a container and port for bridge and host
//! tasks (rule S10), one registry per service, a DNS-label service name (rule C2).
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::cloudmap::Namespace;
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
//! ns.register_a(&api, "api", 10)?;
//! let t = app.synthesize()?.stacks[0].template_json();
//! assert_eq!(t["Resources"]["ApiServiceDiscovery"]["Properties"]["Name"], "api");
//! # Ok::<(), ecs_dsl::Error>(())
//! ```

use std::marker::PhantomData;

use crate::cfn::ecs::Service as CfnService;
use crate::cfn::ecs::service::ServiceRegistry;
use crate::cfn::servicediscovery::http_namespace::HttpNamespace;
use crate::cfn::servicediscovery::private_dns_namespace::PrivateDnsNamespace;
use crate::cfn::servicediscovery::public_dns_namespace::PublicDnsNamespace;
use crate::cfn::servicediscovery::service as sd;
use crate::ec2::Vpc;
use crate::ecs::{AwsVpc, LaunchType, NetworkMode, Service};
use crate::error::{Error, Result};
use crate::template::{Handle, Stack, Value};

/// Namespace kind: DNS (private or public), where services register records.
#[derive(Debug, Clone, Copy)]
pub enum Dns {}
/// Namespace kind: HTTP, discovered by API calls only (Service Connect).
#[derive(Debug, Clone, Copy)]
pub enum Http {}

/// Network modes whose tasks have their own IP address, which A records can point at
/// (rule S10).
#[diagnostic::on_unimplemented(
    message = "tasks with network mode `{Self}` share the instance's IP: Cloud Map A records cannot reach them; register them with `register_srv` (rule S10)",
    label = "A records need awsvpc tasks"
)]
pub trait OwnIp {}
impl OwnIp for AwsVpc {}

/// A Cloud Map namespace of kind `K` ([`Dns`] or [`Http`]).
#[derive(Debug, Clone)]
pub struct Namespace<K> {
    id: Value<String>,
    arn: Value<String>,
    name: String,
    stack: Stack,
    _kind: PhantomData<fn() -> K>,
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
    /// A private DNS namespace `name` in `vpc` (rule C1: at most 253 characters).
    pub fn private_dns(stack: &Stack, id: &str, name: &str, vpc: &Vpc) -> Result<Self> {
        check_dns_name(stack.name(), id, name, 253)?;
        let h = stack.add(id, PrivateDnsNamespace::new(name, vpc.id()))?;
        Ok(Namespace {
            id: h.attr_id(),
            arn: h.attr_arn(),
            name: name.to_owned(),
            stack: stack.clone(),
            _kind: PhantomData,
        })
    }

    /// A public DNS namespace `name` (a valid DNS name, labels at most 63 characters; rule C1).
    pub fn public_dns(stack: &Stack, id: &str, name: &str) -> Result<Self> {
        check_dns_name(stack.name(), id, name, 253)?;
        let h = stack.add(id, PublicDnsNamespace::new(name))?;
        Ok(Namespace {
            id: h.attr_id(),
            arn: h.attr_arn(),
            name: name.to_owned(),
            stack: stack.clone(),
            _kind: PhantomData,
        })
    }

    /// Registers an awsvpc service as `name` with A records, one per task IP, cached for
    /// `ttl_secs`. Only awsvpc tasks have their own IP (rule S10: a bridge or host service
    /// does not compile here; use [`register_srv`](Self::register_srv)). The name is a DNS
    /// label of at most 127 characters (rule C2); a service has one registry.
    pub fn register_a<L: LaunchType, N: NetworkMode + OwnIp, K>(
        &self,
        service: &Service<L, N, K>,
        name: &str,
        ttl_secs: u32,
    ) -> Result<()> {
        self.register(service.handle(), name, "A", ttl_secs, None)
    }

    /// Registers a service of any network mode as `name` with SRV records naming `container`
    /// and its `port`, which the task must have (rule S10), cached for `ttl_secs`.
    pub fn register_srv<L: LaunchType, N: NetworkMode, K>(
        &self,
        service: &Service<L, N, K>,
        name: &str,
        container: &str,
        port: u16,
        ttl_secs: u32,
    ) -> Result<()> {
        let handle = service.handle();
        let rule = |field: &str, why: String| {
            Error::rule(handle.stack_name(), handle.logical_id(), field, "S10", why)
        };
        let Some(info) = service.task_definition().container(container) else {
            return Err(rule(
                "ServiceRegistries.ContainerName",
                format!("the task has no container `{container}`"),
            ));
        };
        if !info.ports().any(|(p, _, _)| p == port) {
            return Err(rule(
                "ServiceRegistries.ContainerPort",
                format!("container `{container}` has no port {port}"),
            ));
        }
        self.register(handle, name, "SRV", ttl_secs, Some((container, port)))
    }

    /// The Cloud Map service `<ServiceId>Discovery` in the service's stack, and the service's
    /// registry pointing at it.
    fn register(
        &self,
        handle: &Handle<CfnService>,
        name: &str,
        record_type: &str,
        ttl: u32,
        container_port: Option<(&str, u16)>,
    ) -> Result<()> {
        let (stack, logical) = (handle.stack_name(), handle.logical_id());
        let label_ok = !name.is_empty()
            && name.len() <= 127
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !name.starts_with('-');
        if !label_ok {
            return Err(Error::rule(
                stack,
                logical,
                "ServiceRegistries.Name",
                "C2",
                format!("`{name}`: a service name is one DNS label of at most 127 characters"),
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
        let discovery = handle.owning_stack().add(
            &format!("{logical}Discovery"),
            sd::Service::new()
                .name(name)
                .namespace_id(self.id.clone())
                .dns_config(
                    sd::DnsConfig::new(vec![sd::DnsRecord::new(f64::from(ttl), record_type)])
                        .routing_policy("MULTIVALUE"),
                )
                .health_check_custom_config(
                    sd::HealthCheckCustomConfig::new().failure_threshold(1.0),
                ),
        )?;
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
    /// An HTTP namespace `name` (rule C1: at most 1024 characters), for Service Connect.
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
            _kind: PhantomData,
        })
    }
}

impl<K> Namespace<K> {
    /// The namespace id.
    pub fn id(&self) -> Value<String> {
        self.id.clone()
    }

    /// The namespace ARN (what a cluster's default namespace and Service Connect take).
    pub fn arn(&self) -> Value<String> {
        self.arn.clone()
    }

    /// The namespace's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The stack it is defined in.
    pub fn stack(&self) -> &Stack {
        &self.stack
    }
}
