//! [`ApplicationLoadBalancer`] and its [`Listener`]s: at least two subnets, a security group,
//! invalid header fields dropped, optional access logs; HTTP listeners (forward, redirect to
//! HTTPS, fixed response), HTTPS listeners with exactly one default certificate and a TLS
//! 1.2+ policy (rule L6), and path/host rules with priorities unique per listener (rule L5).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::cfn::elasticloadbalancingv2::listener as l1l;
use crate::cfn::elasticloadbalancingv2::listener_rule as l1r;
use crate::cfn::elasticloadbalancingv2::load_balancer as l1;
use crate::ec2::{Port, SecurityGroup, SubnetKind, Vpc};
use crate::ecs::{LaunchType, NetworkMode, Service};
use crate::error::{Error, Result};
use crate::template::{Handle, Stack, Value};

use super::target_group::{TargetGroup, TargetKind};

/// Settings of an Application Load Balancer.
///
/// ```
/// use ecs_dsl::elb::AlbProps;
/// let props = AlbProps::internet_facing().name("web-alb").access_logs("my-log-bucket", "web");
/// # let _ = props;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlbProps {
    internet_facing: bool,
    name: Option<String>,
    access_logs: Option<(String, String)>,
}

impl AlbProps {
    /// In the public subnets, reachable from the internet.
    pub fn internet_facing() -> Self {
        AlbProps {
            internet_facing: true,
            name: None,
            access_logs: None,
        }
    }

    /// In the private subnets, reachable from the VPC only.
    pub fn internal() -> Self {
        AlbProps {
            internet_facing: false,
            name: None,
            access_logs: None,
        }
    }

    /// A physical name (rule L2: at most 32 of `[A-Za-z0-9-]`, no leading or trailing `-`,
    /// not starting with `internal-`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Writes access logs to an S3 bucket under a prefix.
    pub fn access_logs(mut self, bucket: impl Into<String>, prefix: impl Into<String>) -> Self {
        self.access_logs = Some((bucket.into(), prefix.into()));
        self
    }
}

/// An Application Load Balancer with its own security group.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// use ecs_dsl::ecs::Ip;
/// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer, TargetGroup, TargetProtocol};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
/// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
/// let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http).build()?;
/// let https = alb.https_listener("Https", 443, "arn:aws:acm:eu-west-1:123456789012:certificate/abc", &tg)?;
/// alb.redirect_http_to_https("Http")?;
/// https.add_rule("Api", 10, &[RuleCondition::path("/api/*")], &tg)?;
/// assert!(https.add_rule("Again", 10, &[RuleCondition::path("/x")], &tg).is_err()); // L5
/// # use ecs_dsl::elb::RuleCondition;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ApplicationLoadBalancer {
    handle: Handle<l1::LoadBalancer>,
    stack: Stack,
    id: String,
    security_group: SecurityGroup,
    internet_facing: bool,
}

impl ApplicationLoadBalancer {
    /// Creates the load balancer `id` in `stack`: in the public subnets when internet-facing,
    /// else the private ones (at least two, in different zones), with a security group
    /// `<id>Sg` and invalid header fields dropped.
    pub fn new(stack: &Stack, id: &str, vpc: &Vpc, props: AlbProps) -> Result<Self> {
        if let Some(name) = &props.name {
            let ok = super::valid_name(name) && !name.starts_with("internal-");
            if !ok {
                return Err(Error::rule(
                    stack.name(),
                    id,
                    "Name",
                    "L2",
                    format!(
                        "`{name}`: at most 32 of [A-Za-z0-9-], not starting or ending with `-`, not starting with `internal-`"
                    ),
                ));
            }
        }
        let kind = if props.internet_facing {
            SubnetKind::Public
        } else {
            SubnetKind::Private
        };
        if let Some(subnets) = vpc.subnets(kind)
            && subnets.len() < 2
        {
            return Err(Error::invalid_value(
                stack.name(),
                id,
                "Subnets",
                format!(
                    "{} {kind:?} subnet(s): a load balancer needs at least two, in different Availability Zones",
                    subnets.len()
                ),
            ));
        }
        let security_group = SecurityGroup::new(
            stack,
            &format!("{id}Sg"),
            vpc,
            &format!("Load balancer {id}"),
        )?;
        let mut attributes = vec![
            l1::LoadBalancerAttribute::new()
                .key("routing.http.drop_invalid_header_fields.enabled")
                .value("true"),
        ];
        if let Some((bucket, prefix)) = &props.access_logs {
            attributes.push(
                l1::LoadBalancerAttribute::new()
                    .key("access_logs.s3.enabled")
                    .value("true"),
            );
            attributes.push(
                l1::LoadBalancerAttribute::new()
                    .key("access_logs.s3.bucket")
                    .value(bucket.as_str()),
            );
            attributes.push(
                l1::LoadBalancerAttribute::new()
                    .key("access_logs.s3.prefix")
                    .value(prefix.as_str()),
            );
        }
        let mut lb = l1::LoadBalancer::new()
            .type_(l1::LoadBalancerType::Application)
            .scheme(if props.internet_facing {
                l1::LoadBalancerScheme::InternetFacing
            } else {
                l1::LoadBalancerScheme::Internal
            })
            .subnets(vpc.subnet_ids(kind))
            .security_groups(Value::Literal(vec![security_group.id()]))
            .load_balancer_attributes(attributes);
        if let Some(name) = &props.name {
            lb = lb.name(name.as_str());
        }
        let handle = stack.add(id, lb)?;
        Ok(ApplicationLoadBalancer {
            handle,
            stack: stack.clone(),
            id: id.to_owned(),
            security_group,
            internet_facing: props.internet_facing,
        })
    }

    /// The ARN.
    pub fn arn(&self) -> Value<String> {
        self.handle.reference()
    }

    /// The DNS name.
    pub fn dns_name(&self) -> Value<String> {
        self.handle.attr_dns_name()
    }

    /// The full name (`app/<name>/<id>`), for metrics and the request-count scaling label
    /// (rule S17).
    pub fn full_name(&self) -> Value<String> {
        self.handle.attr_load_balancer_full_name()
    }

    /// The load balancer's security group.
    pub fn security_group(&self) -> &SecurityGroup {
        &self.security_group
    }

    /// The L1 handle.
    pub fn handle(&self) -> &Handle<l1::LoadBalancer> {
        &self.handle
    }

    fn open(&self, port: u16, why: &str) -> Result<()> {
        if self.internet_facing {
            self.security_group
                .allow_from_cidr("0.0.0.0/0", Port::tcp(port), why)?;
        }
        Ok(())
    }

    fn listener(
        &self,
        id: &str,
        port: u16,
        protocol: l1l::ListenerProtocol,
        default: l1l::Action,
        certificate: Option<Value<String>>,
    ) -> Result<Listener> {
        let mut l = l1l::Listener::new(vec![default], self.arn())
            .port(i64::from(port))
            .protocol(protocol);
        if let Some(cert) = certificate {
            l = l
                .certificates(vec![l1l::Certificate::new().certificate_arn(cert)])
                .ssl_policy(TLS_POLICY);
        }
        let handle = self.stack.add(id, l)?;
        Ok(Listener {
            handle,
            stack: self.stack.clone(),
            lb_security_group: self.security_group.clone(),
            priorities: Rc::new(RefCell::new(BTreeMap::new())),
        })
    }

    /// An HTTP listener forwarding to `target_group` (opened to the internet when
    /// internet-facing).
    pub fn http_listener<T: TargetKind>(
        &self,
        id: &str,
        port: u16,
        target_group: &TargetGroup<T>,
    ) -> Result<Listener> {
        self.open(port, &format!("HTTP {port} to load balancer {}", self.id))?;
        self.listener(
            id,
            port,
            l1l::ListenerProtocol::Http,
            l1l::Action::new(l1l::ActionType::Forward).target_group_arn(target_group.arn()),
            None,
        )
    }

    /// An HTTPS listener with exactly one default certificate (rule L6) and the TLS 1.2+
    /// policy `ELBSecurityPolicy-TLS13-1-2-2021-06`, forwarding to `target_group`.
    pub fn https_listener<T: TargetKind>(
        &self,
        id: &str,
        port: u16,
        certificate_arn: impl Into<Value<String>>,
        target_group: &TargetGroup<T>,
    ) -> Result<Listener> {
        self.open(port, &format!("HTTPS {port} to load balancer {}", self.id))?;
        self.listener(
            id,
            port,
            l1l::ListenerProtocol::Https,
            l1l::Action::new(l1l::ActionType::Forward).target_group_arn(target_group.arn()),
            Some(certificate_arn.into()),
        )
    }

    /// An HTTP listener on port 80 that redirects every request to HTTPS on 443 (301).
    pub fn redirect_http_to_https(&self, id: &str) -> Result<Listener> {
        self.open(
            80,
            &format!("HTTP 80 to load balancer {} (redirect)", self.id),
        )?;
        self.listener(
            id,
            80,
            l1l::ListenerProtocol::Http,
            l1l::Action::new(l1l::ActionType::Redirect).redirect_config(
                l1l::RedirectConfig::new(l1l::RedirectConfigStatusCode::Http301)
                    .protocol("HTTPS")
                    .port("443"),
            ),
            None,
        )
    }
}

/// The TLS policy of HTTPS listeners: TLS 1.3 and 1.2 only (rule L6).
pub const TLS_POLICY: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/// A condition of a listener rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleCondition {
    /// Path patterns (`/api/*`).
    Path(Vec<String>),
    /// Host headers (`api.example.com`).
    Host(Vec<String>),
}

impl RuleCondition {
    /// One path pattern.
    pub fn path(pattern: impl Into<String>) -> Self {
        RuleCondition::Path(vec![pattern.into()])
    }

    /// One host header.
    pub fn host(host: impl Into<String>) -> Self {
        RuleCondition::Host(vec![host.into()])
    }
}

/// A listener of an [`ApplicationLoadBalancer`].
#[derive(Debug, Clone)]
pub struct Listener {
    handle: Handle<l1l::Listener>,
    stack: Stack,
    lb_security_group: SecurityGroup,
    /// Priorities used so far: priority -> rule id (rule L5).
    priorities: Rc<RefCell<BTreeMap<u32, String>>>,
}

impl Listener {
    /// The ARN.
    pub fn arn(&self) -> Value<String> {
        self.handle.reference()
    }

    /// The L1 handle.
    pub fn handle(&self) -> &Handle<l1l::Listener> {
        &self.handle
    }

    /// A rule forwarding requests that match every condition to `target_group`; priority
    /// 1-50000 and unique on this listener (rule L5).
    pub fn add_rule<T: TargetKind>(
        &self,
        id: &str,
        priority: u32,
        conditions: &[RuleCondition],
        target_group: &TargetGroup<T>,
    ) -> Result<Handle<l1r::ListenerRule>> {
        let stack = self.stack.name();
        if !(1..=50_000).contains(&priority) {
            return Err(Error::rule(
                stack,
                id,
                "Priority",
                "L5",
                format!("{priority}: a rule priority is 1 to 50000"),
            ));
        }
        if let Some(other) = self.priorities.borrow().get(&priority) {
            return Err(Error::rule(
                stack,
                id,
                "Priority",
                "L5",
                format!(
                    "priority {priority} is already used by rule `{other}` on listener `{}`",
                    self.handle.logical_id()
                ),
            ));
        }
        if conditions.is_empty() {
            return Err(Error::invalid_value(
                stack,
                id,
                "Conditions",
                "a rule needs at least one condition",
            ));
        }
        let conditions: Vec<l1r::RuleCondition> = conditions
            .iter()
            .map(|c| match c {
                RuleCondition::Path(p) => l1r::RuleCondition::new()
                    .field("path-pattern")
                    .path_pattern_config(l1r::PathPatternConfig::new().values(p.clone())),
                RuleCondition::Host(h) => l1r::RuleCondition::new()
                    .field("host-header")
                    .host_header_config(l1r::HostHeaderConfig::new().values(h.clone())),
            })
            .collect();
        let rule = self.stack.add(
            id,
            l1r::ListenerRule::new(
                vec![
                    l1r::Action::new(l1r::ActionType::Forward).target_group_arn(target_group.arn()),
                ],
                conditions,
                i64::from(priority),
            )
            .listener_arn(self.arn()),
        )?;
        self.priorities.borrow_mut().insert(priority, id.to_owned());
        Ok(rule)
    }

    /// Wires a service whose target group this listener (or one of its rules) forwards to:
    /// the service waits for the listener (`DependsOn`, else ECS cannot register it with a
    /// target group that has no load balancer yet) and its tasks accept `port` from the load
    /// balancer's security group.
    pub fn serves<L: LaunchType, N: NetworkMode, K>(
        &self,
        service: &Service<L, N, K>,
        tasks: &SecurityGroup,
        port: u16,
    ) -> Result<()> {
        service.handle().add_depends_on(&self.handle)?;
        tasks.allow_from(
            &self.lb_security_group,
            Port::tcp(port),
            &format!("{port} from the load balancer"),
        )
    }
}
