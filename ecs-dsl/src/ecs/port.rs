//! Port mappings typed by network mode (rules T4, T5, T20).

use std::marker::PhantomData;

use super::launch::{HostPorts, NetworkMode};
use crate::cfn::ecs::task_definition::{
    PortMapping as CfnPortMapping, PortMappingAppProtocol, PortMappingProtocol,
};

/// The transport protocol of a port mapping.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let mut dns = task.new_container("dns", ecs_dsl::image!("coredns/coredns:1.11.1"));
/// let port = dns.expose(PortMapping::new(53, Protocol::Udp));
/// assert_eq!(port.protocol(), Protocol::Udp);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    /// TCP (the default).
    Tcp,
    /// UDP.
    Udp,
}

/// The application protocol of a named port, used by Service Connect (rule T20).
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let api = task
///     .new_container("api", ecs_dsl::image!("example/api:1"))
///     .port_mapping(PortMapping::tcp(50051).name("grpc").app_protocol(AppProtocol::Grpc));
/// # task.container(api).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
/// assert_eq!(c["PortMappings"][0]["AppProtocol"], "grpc");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppProtocol {
    /// HTTP/1.1.
    Http,
    /// HTTP/2.
    Http2,
    /// gRPC.
    Grpc,
}

/// A container port mapping. Its network mode `N` decides what it can say: under `awsvpc` and
/// `host` there is no host port to set (it always equals the container port, rule T5); under
/// `bridge` the host port is optional (absent = dynamic) and may differ.
///
/// ```
/// use ecs_dsl::ecs::{AppProtocol, AwsVpc, Bridge, PortMapping};
/// let http = PortMapping::<AwsVpc>::tcp(8080).name("http").app_protocol(AppProtocol::Http);
/// let published = PortMapping::<Bridge>::tcp(80).host_port(8080);
/// let dynamic = PortMapping::<Bridge>::tcp(80); // the agent picks a host port
/// # let _ = (http, published, dynamic);
/// ```
///
/// ```compile_fail
/// use ecs_dsl::ecs::{AwsVpc, PortMapping};
/// // network mode `AwsVpc` has no separate host port (rule T5)
/// let p = PortMapping::<AwsVpc>::tcp(80).host_port(8080);
/// ```
///
/// `P` records whether the port has a [`name`](Self::name): only a named port takes an
/// application protocol (rule T20) and can be offered through Service Connect (rule S11).
///
/// ```compile_fail
/// use ecs_dsl::ecs::{AppProtocol, AwsVpc, PortMapping};
/// // an application protocol needs a port name (rule T20)
/// let p = PortMapping::<AwsVpc>::tcp(80).app_protocol(AppProtocol::Http);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortMapping<N, P = Unnamed> {
    pub(crate) spec: PortSpec,
    _network: PhantomData<fn() -> (N, P)>,
}

/// Port-name state: the port has no name.
///
/// ```
/// use ecs_dsl::ecs::{AwsVpc, PortMapping, Unnamed};
/// let port: PortMapping<AwsVpc, Unnamed> = PortMapping::tcp(80);
/// assert_eq!(port.container_port(), 80);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unnamed {}
/// Port-name state: the port has a name (Service Connect and application protocols need one).
///
/// ```
/// use ecs_dsl::ecs::{AwsVpc, Named, PortMapping};
/// let port: PortMapping<AwsVpc, Named> = PortMapping::tcp(80).name("http");
/// assert_eq!(port.container_port(), 80);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {}

/// The network-independent content of a [`PortMapping`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PortSpec {
    pub container_port: u16,
    pub host_port: Option<u16>,
    pub protocol: Protocol,
    pub name: Option<String>,
    pub app_protocol: Option<AppProtocol>,
}

impl<N: NetworkMode> PortMapping<N> {
    /// A TCP port of the container.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let mut web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let http = web.expose(PortMapping::tcp(80));
    /// assert_eq!((http.container_port(), http.protocol()), (80, Protocol::Tcp));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn tcp(container_port: u16) -> Self {
        Self::new(container_port, Protocol::Tcp)
    }

    /// A UDP port of the container.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let dns = task.new_container("dns", ecs_dsl::image!("coredns/coredns:1.11.1")).port_mapping(PortMapping::udp(53));
    /// # task.container(dns).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["PortMappings"][0]["Protocol"], "udp");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn udp(container_port: u16) -> Self {
        Self::new(container_port, Protocol::Udp)
    }

    /// A port with the given protocol.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let from_config = Protocol::Udp;
    /// let statsd = task.new_container("statsd", ecs_dsl::image!("statsd/statsd:v0.10.2"))
    ///     .port_mapping(PortMapping::new(8125, from_config));
    /// # task.container(statsd).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["PortMappings"][0]["Protocol"], "udp");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(container_port: u16, protocol: Protocol) -> Self {
        PortMapping {
            spec: PortSpec {
                container_port,
                host_port: None,
                protocol,
                name: None,
                app_protocol: None,
            },
            _network: PhantomData,
        }
    }

    /// Names the port, for Service Connect and load balancer references: at most 64 of
    /// `[a-z0-9_-]`, not starting with `-`, unique in the task (rule T20, checked when the task
    /// definition is built).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port_mapping(PortMapping::tcp(80).name("http"));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["PortMappings"][0]["Name"], "http");
    /// // names are checked when the task definition is built (rule T20)
    /// # let task = TaskDefinition::fargate(&stack, "Bad", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let bad = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port_mapping(PortMapping::tcp(80).name("HTTP"));
    /// assert!(task.container(bad).build().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> PortMapping<N, Named> {
        self.spec.name = Some(name.into());
        PortMapping {
            spec: self.spec,
            _network: PhantomData,
        }
    }
}

impl<N: NetworkMode> PortMapping<N, Named> {
    /// The application protocol (only on a named port, rule T20).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .port_mapping(PortMapping::tcp(80).name("http").app_protocol(AppProtocol::Http2));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["PortMappings"][0]["AppProtocol"], "http2");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn app_protocol(mut self, protocol: AppProtocol) -> Self {
        self.spec.app_protocol = Some(protocol);
        self
    }
}

impl<N: NetworkMode, P> PortMapping<N, P> {
    /// Publishes the container port on a fixed host port (bridge and Windows NAT only, rule T5).
    /// Without it a bridge port gets a dynamic host port.
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
    ///     .port_mapping(PortMapping::tcp(80).host_port(8080));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!((c["PortMappings"][0]["ContainerPort"].as_u64(), c["PortMappings"][0]["HostPort"].as_u64()), (Some(80), Some(8080)));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn host_port(mut self, host_port: u16) -> Self
    where
        N: HostPorts,
    {
        self.spec.host_port = Some(host_port);
        self
    }

    /// The container port.
    ///
    /// ```
    /// use ecs_dsl::ecs::{Bridge, PortMapping};
    /// assert_eq!(PortMapping::<Bridge>::tcp(80).host_port(8080).container_port(), 80);
    /// ```
    pub fn container_port(&self) -> u16 {
        self.spec.container_port
    }
}

/// A port that a container of a task definition publishes: the typed handle that load balancer
/// attachments (rule S7), Cloud Map SRV records (rule S10) and Service Connect (rule S11, named
/// ports only) take, so that the container and port they name exist. Get one from
/// [`Container::expose`](super::Container::expose).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ecs::{PortMapping, TaskDefinition};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// let mut web = task.new_container("web", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"));
/// let http = web.expose(PortMapping::tcp(80).name("http"));
/// assert_eq!((http.container_name(), http.container_port(), http.name()), ("web", 80, "http"));
/// let task = task.container(web).build()?;
/// # let _ = task;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerPort<N, P = Unnamed> {
    /// `<stack>/<task id>` of the task definition the container was made for.
    pub(crate) task: String,
    pub(crate) container: String,
    pub(crate) spec: PortSpec,
    _types: PhantomData<fn() -> (N, P)>,
}

impl<N, P> ContainerPort<N, P> {
    pub(crate) fn new(task: String, container: String, spec: PortSpec) -> Self {
        ContainerPort {
            task,
            container,
            spec,
            _types: PhantomData,
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
    /// let mut web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let http = web.expose(PortMapping::tcp(80));
    /// assert_eq!(http.container_name(), "web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn container_name(&self) -> &str {
        &self.container
    }

    /// The container port.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let mut web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let http = web.expose(PortMapping::tcp(8080));
    /// assert_eq!(http.container_port(), 8080);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn container_port(&self) -> u16 {
        self.spec.container_port
    }

    /// The transport protocol.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let mut dns = task.new_container("dns", ecs_dsl::image!("coredns/coredns:1.11.1"));
    /// let port = dns.expose(PortMapping::udp(53));
    /// assert_eq!(port.protocol(), Protocol::Udp);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn protocol(&self) -> Protocol {
        self.spec.protocol
    }

    /// The fixed host port, under bridge networking when one was given (otherwise the host
    /// port is the container port, or dynamic under bridge).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let mut web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256);
    /// let fixed = web.expose(PortMapping::tcp(80).host_port(8080));
    /// let dynamic = web.expose(PortMapping::tcp(443));
    /// assert_eq!((fixed.host_port(), dynamic.host_port()), (Some(8080), None));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn host_port(&self) -> Option<u16> {
        self.spec.host_port
    }
}

impl<N> ContainerPort<N, Named> {
    /// The port's name.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let mut web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let http = web.expose(PortMapping::tcp(80).name("http"));
    /// assert_eq!(http.name(), "http");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        self.spec.name.as_deref().unwrap_or_default()
    }
}

impl PortSpec {
    pub(crate) fn render(&self, host_port_equals_container: bool) -> CfnPortMapping {
        let mut m = CfnPortMapping::new().container_port(i64::from(self.container_port));
        if host_port_equals_container {
            // awsvpc and host: leaving HostPort out is the same as repeating the container port.
        } else if let Some(h) = self.host_port {
            m = m.host_port(i64::from(h));
        }
        m = m.protocol(match self.protocol {
            Protocol::Tcp => PortMappingProtocol::Tcp,
            Protocol::Udp => PortMappingProtocol::Udp,
        });
        if let Some(name) = &self.name {
            m = m.name(name.as_str());
        }
        if let Some(p) = self.app_protocol {
            m = m.app_protocol(match p {
                AppProtocol::Http => PortMappingAppProtocol::Http,
                AppProtocol::Http2 => PortMappingAppProtocol::Http2,
                AppProtocol::Grpc => PortMappingAppProtocol::Grpc,
            });
        }
        m
    }
}

/// Checks a port name against rule T20; `None` when it is valid.
pub(crate) fn port_name_problem(name: &str) -> Option<String> {
    if name.is_empty() || name.len() > 64 {
        return Some(format!("has {} characters; 1 to 64 allowed", name.len()));
    }
    if name.starts_with('-') {
        return Some("starts with '-'".to_owned());
    }
    name.chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-'))
        .map(|c| format!("has '{c}'; only a-z, 0-9, '_' and '-' are allowed"))
}

#[cfg(test)]
mod tests {
    use super::port_name_problem;

    #[test]
    fn t20_port_names() {
        assert!(port_name_problem("http").is_none());
        assert!(port_name_problem(&"a".repeat(64)).is_none());
        assert!(port_name_problem("-x").is_some());
        assert!(port_name_problem("Http").is_some());
        assert!(port_name_problem(&"a".repeat(65)).is_some());
    }
}
