//! AWS Cloud Map for ECS services: private DNS namespaces (in a VPC), public DNS namespaces
//! and HTTP namespaces (rule C1), and the registration of a service in a DNS namespace: A or
//! SRV records for awsvpc tasks, SRV records naming a container and port for bridge and host
//! tasks (rule S10), one registry per service, a DNS-label service name (rule C2).
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::cloudmap::{Namespace, Records};
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
//! ns.register(&api, "api", Records::A { ttl_secs: 10 })?;
//! let t = app.synthesize()?.stacks[0].template_json();
//! assert_eq!(t["Resources"]["ApiServiceDiscovery"]["Properties"]["Name"], "api");
//! # Ok::<(), ecs_dsl::Error>(())
//! ```

use std::marker::PhantomData;

use crate::cfn::ecs::service::ServiceRegistry;
use crate::cfn::servicediscovery::http_namespace::HttpNamespace;
use crate::cfn::servicediscovery::private_dns_namespace::PrivateDnsNamespace;
use crate::cfn::servicediscovery::public_dns_namespace::PublicDnsNamespace;
use crate::cfn::servicediscovery::service as sd;
use crate::ec2::Vpc;
use crate::ecs::{LaunchType, NetworkKind, NetworkMode, Service};
use crate::error::{Error, Result};
use crate::template::{Stack, Value};

/// Namespace kind: DNS (private or public), where services register records.
#[derive(Debug, Clone, Copy)]
pub enum Dns {}
/// Namespace kind: HTTP, discovered by API calls only (Service Connect).
#[derive(Debug, Clone, Copy)]
pub enum Http {}

/// A Cloud Map namespace of kind `K` ([`Dns`] or [`Http`]).
#[derive(Debug, Clone)]
pub struct Namespace<K> {
    id: Value<String>,
    arn: Value<String>,
    name: String,
    stack: Stack,
    _kind: PhantomData<fn() -> K>,
}

/// The DNS records a registered service gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Records {
    /// A records, one per task IP (awsvpc tasks only, rule S10).
    A {
        /// Seconds resolvers cache the records.
        ttl_secs: u32,
    },
    /// SRV records naming a container and port of the task (any network mode; required for
    /// bridge and host tasks, rule S10).
    Srv {
        /// The container.
        container: String,
        /// Its port.
        port: u16,
        /// Seconds resolvers cache the records.
        ttl_secs: u32,
    },
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

    /// Registers `service` as `name` in this namespace with `records`: rule S10 (A records
    /// only for awsvpc tasks; SRV records name a container and port the task has), rule C2
    /// (the name is a DNS label of at most 127 characters), one registry per service. The
    /// Cloud Map service `<ServiceId>Discovery` goes in the service's stack.
    pub fn register<L: LaunchType, N: NetworkMode>(
        &self,
        service: &Service<L, N>,
        name: &str,
        records: Records,
    ) -> Result<()> {
        let handle = service.handle();
        let stack = handle.stack_name().to_owned();
        let logical = handle.logical_id().to_owned();
        let rule = |field: &str, id: &'static str, why: String| {
            Error::rule(&stack, &logical, field, id, why)
        };
        let label_ok = !name.is_empty()
            && name.len() <= 127
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !name.starts_with('-');
        if !label_ok {
            return Err(rule(
                "ServiceRegistries.Name",
                "C2",
                format!("`{name}`: a service name is one DNS label of at most 127 characters"),
            ));
        }
        let awsvpc = N::KIND == NetworkKind::AwsVpc;
        let (record_type, ttl, container_port) = match &records {
            Records::A { ttl_secs } => {
                if !awsvpc {
                    return Err(rule(
                        "ServiceRegistries",
                        "S10",
                        "bridge and host tasks share the instance's IP: register them with SRV records naming a container and port".to_owned(),
                    ));
                }
                ("A", *ttl_secs, None)
            }
            Records::Srv {
                container,
                port,
                ttl_secs,
            } => {
                let task = service.task_definition();
                let Some(info) = task.container(container) else {
                    return Err(rule(
                        "ServiceRegistries.ContainerName",
                        "S10",
                        format!("the task has no container `{container}`"),
                    ));
                };
                if !info.ports().any(|(p, _, _)| p == *port) {
                    return Err(rule(
                        "ServiceRegistries.ContainerPort",
                        "S10",
                        format!("container `{container}` has no port {port}"),
                    ));
                }
                ("SRV", *ttl_secs, Some((container.clone(), *port)))
            }
        };
        let already = handle.update(|s| s.service_registries.is_some())?;
        if already {
            return Err(rule(
                "ServiceRegistries",
                "S10",
                "a service has one Cloud Map registry".to_owned(),
            ));
        }
        let service_stack = handle.owning_stack();
        let discovery = service_stack.add(
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
