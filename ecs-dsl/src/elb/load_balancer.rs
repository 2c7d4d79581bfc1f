//! [`ApplicationLoadBalancer`] and its [`Listener`]s: at least two subnets, a security group,
//! invalid header fields dropped, optional access logs; HTTP listeners (forward, redirect to
//! HTTPS), HTTPS listeners with exactly one default certificate and a TLS 1.2+ policy (rule
//! L6), and path/host rules with priorities unique per listener (rule L5). Listeners and rules
//! forward to HTTP and HTTPS target groups only.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::cfn::elasticloadbalancingv2::listener as l1l;
use crate::cfn::elasticloadbalancingv2::listener_rule as l1r;
use crate::cfn::elasticloadbalancingv2::load_balancer as l1;
use crate::ec2::{SecurityGroup, Vpc};
use crate::ecs::{ContainerPort, LaunchType, NetworkMode, Service};
use crate::error::{Error, Result};
use crate::template::{Handle, Stack, Value};

use super::common::{self, LbBase, LbSettings};
use super::target_group::{TargetGroup, TargetKind, TargetProtocol};

/// The target-group protocols Application Load Balancer listeners and rules forward to.
const HTTP_GROUPS: &[TargetProtocol] = &[TargetProtocol::Http, TargetProtocol::Https];

/// Settings of an Application Load Balancer.
///
/// ```
/// use ecs_dsl::elb::AlbProps;
/// let props = AlbProps::internet_facing().name("web-alb").access_logs("my-log-bucket", "web");
/// assert_ne!(props, AlbProps::internet_facing());
/// assert_ne!(AlbProps::internet_facing(), AlbProps::internal());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AlbProps {
    settings: LbSettings,
}

impl AlbProps {
    /// In the public subnets, reachable from the internet.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Alb"]["Properties"];
    /// assert_eq!(p["Scheme"], "internet-facing");
    /// assert_eq!(p["Subnets"][0]["Ref"], "VpcPublicSubnet1");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn internet_facing() -> Self {
        AlbProps {
            settings: LbSettings::new(true),
        }
    }

    /// In the private subnets, reachable from the VPC only.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internal())?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Alb"]["Properties"];
    /// assert_eq!(p["Scheme"], "internal");
    /// assert_eq!(p["Subnets"][0]["Ref"], "VpcPrivateSubnet1");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn internal() -> Self {
        AlbProps {
            settings: LbSettings::new(false),
        }
    }

    /// A physical name (rule L2: at most 32 of `[A-Za-z0-9-]`, no leading or trailing `-`,
    /// not starting with `internal-`), checked when the load balancer is created; a
    /// [`load_balancer_name!`](crate::load_balancer_name) is checked at compile time.
    ///
    /// ```
    /// use ecs_dsl::elb::AlbProps;
    /// let checked = AlbProps::internet_facing().name(ecs_dsl::load_balancer_name!("web-alb"));
    /// assert_eq!(checked, AlbProps::internet_facing().name("web-alb"));
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.settings.name = Some(name.into());
        self
    }

    /// Writes access logs to an S3 bucket (a name, or a parameter's value) under a prefix; the
    /// bucket's policy must let Elastic Load Balancing deliver them (see
    /// [Enable access logs](https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html)).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let props = AlbProps::internet_facing().access_logs("my-log-bucket", "web");
    /// ApplicationLoadBalancer::new(&stack, "Alb", &vpc, props)?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let attributes = t["Resources"]["Alb"]["Properties"]["LoadBalancerAttributes"].as_array().unwrap().clone();
    /// assert!(attributes.contains(&serde_json::json!({"Key": "access_logs.s3.bucket", "Value": "my-log-bucket"})));
    /// assert!(attributes.contains(&serde_json::json!({"Key": "access_logs.s3.prefix", "Value": "web"})));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn access_logs(
        mut self,
        bucket: impl Into<Value<String>>,
        prefix: impl Into<String>,
    ) -> Self {
        self.settings.access_logs = Some((bucket.into(), prefix.into()));
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
    base: LbBase,
}

impl ApplicationLoadBalancer {
    /// Creates the load balancer `id` in `stack`: in the public subnets when internet-facing,
    /// else the private ones (at least two, in different zones), with a security group
    /// `<id>Sg` and invalid header fields dropped. A name breaking rule L2, or fewer than two
    /// known subnets of the kind it needs, is an error.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Subnet, Vpc};
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16").public_subnets([
    ///     Subnet::new("subnet-a", "eu-west-1a"),
    ///     Subnet::new("subnet-b", "eu-west-1b"),
    /// ]);
    /// ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    /// // No private subnets for an internal one.
    /// assert!(ApplicationLoadBalancer::new(&stack, "Internal", &vpc, AlbProps::internal()).is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Alb"]["Properties"];
    /// assert_eq!(p["Type"], "application");
    /// assert_eq!(p["Subnets"], serde_json::json!(["subnet-a", "subnet-b"]));
    /// assert_eq!(p["LoadBalancerAttributes"][0]["Key"], "routing.http.drop_invalid_header_fields.enabled");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(stack: &Stack, id: &str, vpc: &Vpc, props: AlbProps) -> Result<Self> {
        let base = LbBase::new(
            stack,
            id,
            vpc,
            &props.settings,
            l1::LoadBalancerType::Application,
            vec![
                l1::LoadBalancerAttribute::new()
                    .key("routing.http.drop_invalid_header_fields.enabled")
                    .value("true"),
            ],
        )?;
        Ok(ApplicationLoadBalancer { base })
    }

    /// The ARN.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    /// stack.add_output("AlbArn", Output::new(alb.arn()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["AlbArn"]["Value"]["Ref"], "Alb");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.base.arn()
    }

    /// The DNS name.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    /// stack.add_output("Url", Output::new(alb.dns_name()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["Url"]["Value"]["Fn::GetAtt"], serde_json::json!(["Alb", "DNSName"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn dns_name(&self) -> Value<String> {
        self.base.handle.attr_dns_name()
    }

    /// The full name (`app/<name>/<id>`), for metrics and the request-count scaling label
    /// (rule S17).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    /// stack.add_output("Metrics", Output::new(alb.full_name()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["Metrics"]["Value"]["Fn::GetAtt"][1], "LoadBalancerFullName");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn full_name(&self) -> Value<String> {
        self.base.handle.attr_load_balancer_full_name()
    }

    /// The load balancer's security group (`<id>Sg`). It allows no outbound traffic but what
    /// [`Listener::serves`] opens to the tasks.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    /// assert_eq!(alb.security_group().name(), "AlbSg");
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["AlbSg"]["Properties"]["SecurityGroupEgress"][0]["CidrIp"], "255.255.255.255/32");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn security_group(&self) -> &SecurityGroup {
        &self.base.security_group
    }

    /// The L1 handle.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    /// assert_eq!(alb.handle().logical_id(), "Alb");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> &Handle<l1::LoadBalancer> {
        &self.base.handle
    }

    /// The listener of this load balancer that `handle` names.
    fn listener(&self, handle: Handle<l1l::Listener>) -> Listener {
        Listener {
            handle,
            lb: self.base.clone(),
            priorities: Rc::new(RefCell::new(BTreeMap::new())),
        }
    }

    /// An HTTP listener forwarding to `target_group`, an HTTP or HTTPS group (opened to the
    /// internet when internet-facing). One listener per port.
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
    /// alb.http_listener("Http", 80, &tg)?;
    /// assert!(alb.http_listener("Again", 80, &tg).is_err()); // port 80 is taken
    /// let tcp = TargetGroup::<Ip>::builder(&stack, "Db", &vpc, 5432, TargetProtocol::Tcp).build()?;
    /// assert!(alb.http_listener("Db", 5432, &tcp).is_err()); // a TCP group needs an NLB
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Http"]["Properties"];
    /// assert_eq!(p["Protocol"], "HTTP");
    /// assert_eq!(p["DefaultActions"][0]["TargetGroupArn"]["Ref"], "Web");
    /// assert_eq!(t["Resources"]["AlbSgFromCidr00000Tcp80"]["Properties"]["CidrIp"], "0.0.0.0/0");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn http_listener<T: TargetKind>(
        &self,
        id: &str,
        port: u16,
        target_group: &TargetGroup<T>,
    ) -> Result<Listener> {
        let forward = common::default_forward(
            &self.base.stack,
            id,
            "an HTTP listener of an Application Load Balancer",
            target_group,
            HTTP_GROUPS,
        )?;
        let handle = self.base.add_listener(
            (id, port),
            l1l::ListenerProtocol::Http,
            forward,
            None,
            &format!("HTTP {port} to load balancer {}", self.base.id),
        )?;
        Ok(self.listener(handle))
    }

    /// An HTTPS listener with exactly one default certificate (rule L6) and the TLS 1.2+
    /// policy `ELBSecurityPolicy-TLS13-1-2-2021-06`, forwarding to `target_group`, an HTTP
    /// or HTTPS group.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer, TargetGroup, TargetProtocol, TLS_POLICY};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http).build()?;
    /// let certificate = stack.add_parameter("Certificate", Parameter::string())?;
    /// alb.https_listener("Https", 443, certificate.value(), &tg)?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Https"]["Properties"];
    /// assert_eq!(p["Protocol"], "HTTPS");
    /// assert_eq!(p["SslPolicy"], TLS_POLICY);
    /// assert_eq!(p["Certificates"], serde_json::json!([{"CertificateArn": {"Ref": "Certificate"}}]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn https_listener<T: TargetKind>(
        &self,
        id: &str,
        port: u16,
        certificate_arn: impl Into<Value<String>>,
        target_group: &TargetGroup<T>,
    ) -> Result<Listener> {
        let forward = common::default_forward(
            &self.base.stack,
            id,
            "an HTTPS listener of an Application Load Balancer",
            target_group,
            HTTP_GROUPS,
        )?;
        let handle = self.base.add_listener(
            (id, port),
            l1l::ListenerProtocol::Https,
            forward,
            Some(certificate_arn.into()),
            &format!("HTTPS {port} to load balancer {}", self.base.id),
        )?;
        Ok(self.listener(handle))
    }

    /// An HTTP listener on port 80 that redirects every request to HTTPS on 443 (301).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    /// alb.redirect_http_to_https("Http")?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Http"]["Properties"];
    /// assert_eq!(p["Port"], 80);
    /// let redirect = &p["DefaultActions"][0]["RedirectConfig"];
    /// assert_eq!((&redirect["Protocol"], &redirect["Port"], &redirect["StatusCode"]), (&"HTTPS".into(), &"443".into(), &"HTTP_301".into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn redirect_http_to_https(&self, id: &str) -> Result<Listener> {
        let handle = self.base.add_listener(
            (id, 80),
            l1l::ListenerProtocol::Http,
            l1l::Action::new(l1l::ActionType::Redirect).redirect_config(
                l1l::RedirectConfig::new(l1l::RedirectConfigStatusCode::Http301)
                    .protocol("HTTPS")
                    .port("443"),
            ),
            None,
            &format!("HTTP 80 to load balancer {} (redirect)", self.base.id),
        )?;
        Ok(self.listener(handle))
    }
}

/// The TLS policy of HTTPS listeners (Application Load Balancers) and TLS listeners (Network
/// Load Balancers): TLS 1.3 and 1.2 only (rule L6).
///
/// ```
/// assert_eq!(ecs_dsl::elb::TLS_POLICY, "ELBSecurityPolicy-TLS13-1-2-2021-06");
/// ```
pub const TLS_POLICY: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/// A condition of a listener rule (see [`Listener::add_rule`]). Several values in one
/// condition match any of them.
///
/// ```
/// use ecs_dsl::elb::RuleCondition;
/// let api = RuleCondition::Path(vec!["/api/*".into(), "/v2/*".into()]);
/// assert_ne!(api, RuleCondition::path("/api/*"));
/// assert_eq!(RuleCondition::host("api.example.com"), RuleCondition::Host(vec!["api.example.com".into()]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleCondition {
    /// Path patterns (`/api/*`).
    Path(Vec<String>),
    /// Host headers (`api.example.com`).
    Host(Vec<String>),
}

impl RuleCondition {
    /// One path pattern (`path-pattern` condition).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer, RuleCondition, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internal())?;
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http).build()?;
    /// let http = alb.http_listener("Http", 80, &tg)?;
    /// http.add_rule("Api", 10, &[RuleCondition::path("/api/*")], &tg)?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let condition = &t["Resources"]["Api"]["Properties"]["Conditions"][0];
    /// assert_eq!(condition["Field"], "path-pattern");
    /// assert_eq!(condition["PathPatternConfig"]["Values"], serde_json::json!(["/api/*"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn path(pattern: impl Into<String>) -> Self {
        RuleCondition::Path(vec![pattern.into()])
    }

    /// One host header (`host-header` condition).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer, RuleCondition, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internal())?;
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http).build()?;
    /// let http = alb.http_listener("Http", 80, &tg)?;
    /// http.add_rule("Api", 10, &[RuleCondition::host("api.example.com")], &tg)?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let condition = &t["Resources"]["Api"]["Properties"]["Conditions"][0];
    /// assert_eq!(condition["Field"], "host-header");
    /// assert_eq!(condition["HostHeaderConfig"]["Values"], serde_json::json!(["api.example.com"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn host(host: impl Into<String>) -> Self {
        RuleCondition::Host(vec![host.into()])
    }
}

/// A listener of an [`ApplicationLoadBalancer`].
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// use ecs_dsl::ecs::Ip;
/// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer, RuleCondition, TargetGroup, TargetProtocol};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
/// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
/// let web = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http).build()?;
/// let api = TargetGroup::<Ip>::builder(&stack, "Api", &vpc, 9090, TargetProtocol::Http).build()?;
/// let listener = alb.http_listener("Http", 80, &web)?;
/// listener.add_rule("ApiRule", 10, &[RuleCondition::path("/api/*")], &api)?;
/// assert_eq!(listener.handle().logical_id(), "Http");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Listener {
    handle: Handle<l1l::Listener>,
    /// The load balancer.
    lb: LbBase,
    /// Priorities used so far: priority -> rule id (rule L5).
    priorities: Rc<RefCell<BTreeMap<u32, String>>>,
}

impl Listener {
    /// The ARN.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internal())?;
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http).build()?;
    /// let listener = alb.http_listener("Http", 80, &tg)?;
    /// stack.add_output("Listener", Output::new(listener.arn()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["Listener"]["Value"]["Ref"], "Http");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.handle.reference()
    }

    /// The L1 handle.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internal())?;
    /// let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http).build()?;
    /// let listener = alb.http_listener("Http", 80, &tg)?;
    /// assert_eq!(listener.handle().logical_id(), "Http");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> &Handle<l1l::Listener> {
        &self.handle
    }

    /// A rule forwarding requests that match every condition to `target_group`, an HTTP or
    /// HTTPS group; priority 1-50000 and unique on this listener (rule L5), at least one
    /// condition.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// use ecs_dsl::ecs::Ip;
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer, RuleCondition, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internal())?;
    /// let web = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http).build()?;
    /// let api = TargetGroup::<Ip>::builder(&stack, "Api", &vpc, 9090, TargetProtocol::Http).build()?;
    /// let http = alb.http_listener("Http", 80, &web)?;
    /// let both = [RuleCondition::host("api.example.com"), RuleCondition::path("/v1/*")];
    /// let rule = http.add_rule("ApiRule", 10, &both, &api)?;
    /// assert_eq!(rule.logical_id(), "ApiRule");
    /// let err = http.add_rule("Other", 10, &[RuleCondition::path("/x")], &api).unwrap_err();
    /// assert!(err.to_string().contains("rule L5"));
    /// assert!(http.add_rule("Zero", 0, &[RuleCondition::path("/x")], &api).is_err());
    /// assert!(http.add_rule("Empty", 20, &[], &api).is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["ApiRule"]["Properties"];
    /// assert_eq!(p["Priority"], 10);
    /// assert_eq!(p["Conditions"].as_array().map(Vec::len), Some(2));
    /// assert_eq!(p["Actions"][0]["TargetGroupArn"]["Ref"], "Api");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_rule<T: TargetKind>(
        &self,
        id: &str,
        priority: u32,
        conditions: &[RuleCondition],
        target_group: &TargetGroup<T>,
    ) -> Result<Handle<l1r::ListenerRule>> {
        let stack = self.lb.stack.name();
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
        common::check_forward(
            &self.lb.stack,
            id,
            "Actions.TargetGroupArn",
            "a rule of an Application Load Balancer listener",
            target_group,
            HTTP_GROUPS,
        )?;
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
        let rule = self.lb.stack.add(
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
    /// target group that has no load balancer yet) and its tasks accept `port` (the container
    /// port the service is attached with; under bridge networking its fixed host port or the
    /// ephemeral range of dynamic ones) from the load balancer's security group (one ingress
    /// rule, however many of the load balancer's listeners serve the service). A port of
    /// another task definition is an error (rule S7).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SecurityGroup, SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Ip, PortMapping, Service, TaskDefinition};
    /// use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer, TargetGroup, TargetProtocol};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    /// let tg = TargetGroup::<Ip>::builder(&stack, "WebTargets", &vpc, 80, TargetProtocol::Http).build()?;
    /// let listener = alb.http_listener("Http", 80, &tg)?;
    /// let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let task = TaskDefinition::fargate(&stack, "WebTask", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let mut web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    /// let port = web.expose(PortMapping::tcp(80));
    /// let task = task.container(web).build()?;
    /// let tasks = SecurityGroup::new(&stack, "TasksSg", &vpc, "Web tasks")?;
    /// let service = Service::replica(&stack, "Web", &cluster, &task)
    ///     .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private).security_group(&tasks))
    ///     .attach(&tg, &port)
    ///     .build()?;
    /// listener.serves(&service, &tasks, &port)?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Web"]["DependsOn"], serde_json::json!(["Http"]));
    /// assert_eq!(t["Resources"]["TasksSgFromAlbSgTcp80"]["Properties"]["FromPort"], 80);
    /// assert_eq!(t["Resources"]["AlbSgToTasksSgTcp80"]["Type"], "AWS::EC2::SecurityGroupEgress");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn serves<L: LaunchType, N: NetworkMode, K, Q>(
        &self,
        service: &Service<L, N, K>,
        tasks: &SecurityGroup,
        port: &ContainerPort<N, Q>,
    ) -> Result<()> {
        self.lb.serve(&self.handle, service, tasks, port)
    }
}
