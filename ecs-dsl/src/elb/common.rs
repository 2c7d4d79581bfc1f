//! What Application and Network Load Balancers share: the settings of their props, the checked
//! creation of the load balancer with its security group (rule L2, two subnets, access logs),
//! listeners, the protocol check of a forward action, and wiring a service to a listener.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::arn::Arn;
use crate::cfn::elasticloadbalancingv2::listener as l1l;
use crate::cfn::elasticloadbalancingv2::load_balancer as l1;
use crate::ec2::{Port, SecurityGroup, SubnetKind, Vpc};
use crate::ecs::{ContainerPort, LaunchType, NetworkKind, NetworkMode, Service};
use crate::error::{Error, Result};
use crate::template::{Handle, Stack, Value};

use super::TLS_POLICY;
use super::target_group::{TargetGroup, TargetKind, TargetProtocol};

/// The settings every load balancer's props have.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LbSettings {
    pub(super) internet_facing: bool,
    pub(super) name: Option<String>,
    pub(super) access_logs: Option<(Value<String>, String)>,
}

impl LbSettings {
    /// Internet-facing or internal, without a name or access logs.
    pub(super) fn new(internet_facing: bool) -> Self {
        LbSettings {
            internet_facing,
            name: None,
            access_logs: None,
        }
    }
}

/// A created load balancer with its own security group; its listeners hold a clone.
#[derive(Debug, Clone)]
pub(super) struct LbBase {
    pub(super) handle: Handle<l1::LoadBalancer>,
    pub(super) stack: Stack,
    pub(super) id: String,
    pub(super) security_group: SecurityGroup,
    internet_facing: bool,
    /// The listeners' ports: port -> listener id (one listener per port).
    ports: Rc<RefCell<BTreeMap<u16, String>>>,
    /// The (tasks' security group, port) pairs already opened to this load balancer, so that
    /// a service behind two listeners gets one ingress rule.
    served: Rc<RefCell<BTreeSet<(String, u16, u16)>>>,
}

impl LbBase {
    /// Creates the load balancer `id` of type `type_` in `stack`: its name checked (rule L2),
    /// in at least two public subnets when internet-facing, else private ones, with a security
    /// group `<id>Sg` and `attributes` followed by the access-log attributes.
    pub(super) fn new(
        stack: &Stack,
        id: &str,
        vpc: &Vpc,
        settings: &LbSettings,
        type_: l1::LoadBalancerType,
        mut attributes: Vec<l1::LoadBalancerAttribute>,
    ) -> Result<Self> {
        if let Some(name) = &settings.name
            && !super::rules::valid_load_balancer_name(name)
        {
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
        let kind = if settings.internet_facing {
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
        // No outbound rule but the ones to its targets, added by `serves` (as ingress on the
        // tasks' side and egress on this side).
        let security_group = SecurityGroup::new_restricted(
            stack,
            &format!("{id}Sg"),
            vpc,
            &format!("Load balancer {id}"),
        )?;
        if let Some((bucket, prefix)) = &settings.access_logs {
            for (key, value) in [
                ("access_logs.s3.enabled", Value::from("true")),
                ("access_logs.s3.bucket", bucket.clone()),
                ("access_logs.s3.prefix", Value::from(prefix.as_str())),
            ] {
                attributes.push(l1::LoadBalancerAttribute::new().key(key).value(value));
            }
        }
        let mut lb = l1::LoadBalancer::new()
            .type_(type_)
            .scheme(if settings.internet_facing {
                l1::LoadBalancerScheme::InternetFacing
            } else {
                l1::LoadBalancerScheme::Internal
            })
            .subnets(vpc.subnet_ids(kind))
            .security_groups(Value::Literal(vec![security_group.id()]));
        if !attributes.is_empty() {
            lb = lb.load_balancer_attributes(attributes);
        }
        if let Some(name) = &settings.name {
            lb = lb.name(name.as_str());
        }
        let handle = stack.add(id, lb)?;
        Ok(LbBase {
            handle,
            stack: stack.clone(),
            id: id.to_owned(),
            security_group,
            internet_facing: settings.internet_facing,
            ports: Rc::new(RefCell::new(BTreeMap::new())),
            served: Rc::new(RefCell::new(BTreeSet::new())),
        })
    }

    /// The ARN.
    pub(super) fn arn(&self) -> Value<String> {
        self.handle.reference()
    }

    /// Adds the listener `id` on `port`, which no other listener of this load balancer may
    /// use; with a certificate, that one default certificate (rule L6) and [`TLS_POLICY`].
    /// When internet-facing, TCP `port` is opened to the internet with the description `why`.
    pub(super) fn add_listener(
        &self,
        (id, port): (&str, u16),
        protocol: l1l::ListenerProtocol,
        default: l1l::Action,
        certificate: Option<Value<String>>,
        why: &str,
    ) -> Result<Handle<l1l::Listener>> {
        if let Some(other) = self.ports.borrow().get(&port) {
            return Err(Error::invalid_value(
                self.stack.name(),
                id,
                "Port",
                format!(
                    "port {port} is already used by listener `{other}` of load balancer `{}`",
                    self.id
                ),
            ));
        }
        if let Some(arn) = certificate.as_ref().and_then(Value::literal)
            && let Err(reason) = check_certificate_arn(arn)
        {
            return Err(Error::rule(
                self.stack.name(),
                id,
                "Certificates[0].CertificateArn",
                "L6",
                reason,
            ));
        }
        let mut l = l1l::Listener::new(vec![default], self.arn())
            .port(i64::from(port))
            .protocol(protocol);
        if let Some(cert) = certificate {
            l = l
                .certificates(vec![l1l::Certificate::new().certificate_arn(cert)])
                .ssl_policy(TLS_POLICY);
        }
        let handle = self.stack.add(id, l)?;
        self.ports.borrow_mut().insert(port, id.to_owned());
        if self.internet_facing {
            self.security_group
                .allow_from_cidr("0.0.0.0/0", Port::tcp(port), why)?;
        }
        Ok(handle)
    }

    /// Wires `service` to `listener`, one of this load balancer's listeners: the service
    /// waits for the listener and `tasks` accepts TCP `port` from the load balancer (one
    /// ingress rule however many listeners serve the service).
    pub(super) fn serve<L: LaunchType, N: NetworkMode, K, Q>(
        &self,
        listener: &Handle<l1l::Listener>,
        service: &Service<L, N, K>,
        tasks: &SecurityGroup,
        port: &ContainerPort<N, Q>,
    ) -> Result<()> {
        let handle = service.handle();
        if let Some(why) = service.task_definition().port_problem(port) {
            return Err(Error::rule(
                handle.stack_name(),
                handle.logical_id(),
                "LoadBalancers",
                "S7",
                why,
            ));
        }
        handle.add_depends_on(listener)?;
        // The port the load balancer reaches on the tasks' side: the container port under
        // awsvpc and host; under bridge the fixed host port, or the ephemeral range the agent
        // picks dynamic host ports from.
        let (from, to) = match (service.task_definition().network_kind(), port.host_port()) {
            (NetworkKind::Bridge, Some(h)) if h != 0 => (h, h),
            (NetworkKind::Bridge, _) => (32768, 65535),
            _ => (port.container_port(), port.container_port()),
        };
        let key = (tasks.name().to_owned(), from, to);
        if !self.served.borrow().contains(&key) {
            let (rule, what) = if from == to {
                (Port::tcp(from), format!("{from}"))
            } else {
                (Port::tcp_range(from, to), format!("{from}-{to}"))
            };
            tasks.allow_from(
                &self.security_group,
                rule,
                &format!("{what} from the load balancer"),
            )?;
            self.served.borrow_mut().insert(key);
        }
        Ok(())
    }
}

/// Checks that `listener` (`id`, its `field` holding the target group) may forward to
/// `target_group`: its protocol must be one of `allowed`.
pub(super) fn check_forward<T: TargetKind>(
    stack: &Stack,
    id: &str,
    field: &str,
    listener: &str,
    target_group: &TargetGroup<T>,
    allowed: &[TargetProtocol],
) -> Result<()> {
    let protocol = target_group.protocol();
    if allowed.contains(&protocol) {
        return Ok(());
    }
    let allowed: Vec<&str> = allowed.iter().map(|p| p.as_str()).collect();
    Err(Error::invalid_value(
        stack.name(),
        id,
        field,
        format!(
            "target group `{}` has protocol {}; {listener} forwards to {} target groups only",
            target_group.handle().logical_id(),
            protocol.as_str(),
            allowed.join(" or ")
        ),
    ))
}

/// The default action of the listener `id` (described by `listener`): forward to
/// `target_group`, whose protocol must be one of `allowed`.
pub(super) fn default_forward<T: TargetKind>(
    stack: &Stack,
    id: &str,
    listener: &str,
    target_group: &TargetGroup<T>,
    allowed: &[TargetProtocol],
) -> Result<l1l::Action> {
    check_forward(
        stack,
        id,
        "DefaultActions.TargetGroupArn",
        listener,
        target_group,
        allowed,
    )?;
    Ok(l1l::Action::new(l1l::ActionType::Forward).target_group_arn(target_group.arn()))
}

/// A literal listener certificate must be the ARN of an ACM certificate
/// (`arn:<partition>:acm:<region>:<account>:certificate/<id>`) or of an IAM server certificate
/// (`arn:<partition>:iam::<account>:server-certificate/<name>`); anything else, such as a
/// bucket or a domain name given by mistake, fails at deploy time.
fn check_certificate_arn(arn: &str) -> std::result::Result<(), String> {
    let ok = match Arn::parse(arn) {
        Some(a) if a.service == "acm" => {
            !a.partition.is_empty()
                && !a.region.is_empty()
                && a.has_account_id()
                && a.resource.len() > "certificate/".len()
                && a.resource.starts_with("certificate/")
        }
        Some(a) if a.service == "iam" => {
            !a.partition.is_empty()
                && a.region.is_empty()
                && a.has_account_id()
                && a.resource.len() > "server-certificate/".len()
                && a.resource.starts_with("server-certificate/")
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{arn}` is not the ARN of an ACM certificate \
             (arn:aws:acm:<region>:<account>:certificate/<id>) or of an IAM server certificate"
        ))
    }
}
