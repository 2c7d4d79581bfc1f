//! Security groups and the connections between them.
//!
//! `a.allow_from(&b, Port::tcp(80), "why")` lets `b` reach `a`: an ingress rule on `a` and,
//! when `b` restricts its outbound traffic, an egress rule on `b`. Each rule is its own
//! resource (`AWS::EC2::SecurityGroupIngress` / `...Egress`), placed in the stack that comes
//! later in the app, so that sharing a load balancer or a file system between stacks never
//! makes the two stacks depend on each other. New groups allow no inbound traffic, and every
//! rule has a description.

use std::fmt;

use crate::cfn::ec2 as l1;
use crate::error::{Error, Result};
use crate::template::{Handle, Stack, Value};

use super::vpc::Vpc;

/// A protocol and port range for a rule.
///
/// ```
/// use ecs_dsl::ec2::Port;
/// assert_eq!(Port::tcp(443).to_string(), "tcp 443");
/// assert_eq!(Port::tcp_range(8000, 8080).to_string(), "tcp 8000-8080");
/// assert_eq!(Port::all_traffic().to_string(), "all traffic");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Port {
    protocol: &'static str,
    from: i64,
    to: i64,
}

impl Port {
    /// One TCP port.
    ///
    /// ```
    /// use ecs_dsl::ec2::Port;
    /// const HTTPS: Port = Port::tcp(443);
    /// assert_eq!(HTTPS.to_string(), "tcp 443");
    /// assert_eq!(HTTPS, Port::tcp_range(443, 443));
    /// ```
    pub const fn tcp(port: u16) -> Port {
        Port {
            protocol: "tcp",
            from: port as i64,
            to: port as i64,
        }
    }

    /// A TCP port range (inclusive).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Port, SecurityGroup, Vpc};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let tasks = SecurityGroup::new(&stack, "TasksSg", &vpc, "Tasks")?;
    /// tasks.allow_from_cidr("10.0.0.0/16", Port::tcp_range(8000, 8080), "Apps from the VPC")?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["TasksSgFromCidr1000016Tcp8000To8080"]["Properties"];
    /// assert_eq!((&p["FromPort"], &p["ToPort"]), (&8000.into(), &8080.into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub const fn tcp_range(from: u16, to: u16) -> Port {
        Port {
            protocol: "tcp",
            from: from as i64,
            to: to as i64,
        }
    }

    /// One UDP port.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Port, SecurityGroup, Vpc};
    /// assert_eq!(Port::udp(53).to_string(), "udp 53");
    /// let mut app = App::new();
    /// let stack = app.stack("dns")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let dns = SecurityGroup::new(&stack, "DnsSg", &vpc, "DNS servers")?;
    /// dns.allow_from_cidr("10.0.0.0/16", Port::udp(53), "DNS from the VPC")?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["DnsSgFromCidr1000016Udp53"]["Properties"]["IpProtocol"], "udp");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub const fn udp(port: u16) -> Port {
        Port {
            protocol: "udp",
            from: port as i64,
            to: port as i64,
        }
    }

    /// Every protocol and port (`IpProtocol` `-1`, no port range).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Port, SecurityGroup, Vpc};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let a = SecurityGroup::new(&stack, "ASg", &vpc, "A")?;
    /// let b = SecurityGroup::new(&stack, "BSg", &vpc, "B")?;
    /// a.allow_from(&b, Port::all_traffic(), "Everything from B")?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["ASgFromBSgAll"]["Properties"];
    /// assert_eq!(p["IpProtocol"], "-1");
    /// assert!(p.get("FromPort").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub const fn all_traffic() -> Port {
        Port {
            protocol: "-1",
            from: -1,
            to: -1,
        }
    }

    /// Every TCP port.
    ///
    /// ```
    /// use ecs_dsl::ec2::Port;
    /// assert_eq!(Port::all_tcp(), Port::tcp_range(0, 65535));
    /// assert_eq!(Port::all_tcp().to_string(), "tcp 0-65535");
    /// ```
    pub const fn all_tcp() -> Port {
        Port::tcp_range(0, 65535)
    }

    /// For logical ids: `Tcp443`, `Tcp8000To8080`, `All`.
    fn id_part(&self) -> String {
        let proto = match self.protocol {
            "tcp" => "Tcp",
            "udp" => "Udp",
            _ => return "All".to_owned(),
        };
        if self.from == self.to {
            format!("{proto}{}", self.from)
        } else {
            format!("{proto}{}To{}", self.from, self.to)
        }
    }
}

impl fmt::Display for Port {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.protocol {
            "-1" => f.write_str("all traffic"),
            p if self.from == self.to => write!(f, "{p} {}", self.from),
            p => write!(f, "{p} {}-{}", self.from, self.to),
        }
    }
}

/// A security group: created in a stack, or an existing one by id.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{Port, SecurityGroup, Vpc};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
/// let lb = SecurityGroup::new(&stack, "LbSg", &vpc, "Load balancer")?;
/// let tasks = SecurityGroup::new(&stack, "TasksSg", &vpc, "Web tasks")?;
/// tasks.allow_from(&lb, Port::tcp(8080), "from the load balancer")?;
/// let t = app.synthesize()?.stacks[0].template_json();
/// let rule = &t["Resources"]["TasksSgFromLbSgTcp8080"];
/// assert_eq!(rule["Type"], "AWS::EC2::SecurityGroupIngress");
/// assert_eq!(rule["Properties"]["Description"], "from the load balancer");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct SecurityGroup {
    id: Value<String>,
    /// The logical id (or the group id of an imported group), for rule ids.
    name: String,
    /// The stack of a created group.
    stack: Option<Stack>,
    /// Whether all outbound traffic is allowed (then no egress rules are needed).
    allows_all_outbound: bool,
    handle: Option<Handle<l1::security_group::SecurityGroup>>,
}

impl SecurityGroup {
    /// A new group in `vpc` with no inbound rules and all outbound traffic allowed. The
    /// description must be 1 to 255 characters.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SecurityGroup, Vpc};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// SecurityGroup::new(&stack, "TasksSg", &vpc, "Web tasks")?;
    /// assert!(SecurityGroup::new(&stack, "Blank", &vpc, " ").is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["TasksSg"]["Properties"];
    /// assert_eq!(p["GroupDescription"], "Web tasks");
    /// assert_eq!(p["SecurityGroupEgress"][0]["CidrIp"], "0.0.0.0/0");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(stack: &Stack, id: &str, vpc: &Vpc, description: &str) -> Result<Self> {
        Self::create(stack, id, vpc, description, true)
    }

    /// A new group in `vpc` with no inbound rules and no outbound traffic: connections add
    /// egress rules for exactly what is allowed.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Port, SecurityGroup, Vpc};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let proxy = SecurityGroup::new_restricted(&stack, "ProxySg", &vpc, "Proxy")?;
    /// let db = SecurityGroup::new(&stack, "DbSg", &vpc, "Database")?;
    /// db.allow_from(&proxy, Port::tcp(5432), "Postgres from the proxy")?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// // The proxy's only outbound rule is the one to the database.
    /// assert_eq!(t["Resources"]["ProxySgToDbSgTcp5432"]["Type"], "AWS::EC2::SecurityGroupEgress");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new_restricted(stack: &Stack, id: &str, vpc: &Vpc, description: &str) -> Result<Self> {
        Self::create(stack, id, vpc, description, false)
    }

    fn create(
        stack: &Stack,
        id: &str,
        vpc: &Vpc,
        description: &str,
        all_outbound: bool,
    ) -> Result<Self> {
        if description.trim().is_empty() || description.len() > 255 {
            return Err(Error::invalid_value(
                stack.name(),
                id,
                "GroupDescription",
                "a security group needs a description of 1 to 255 characters",
            ));
        }
        let egress = if all_outbound {
            l1::security_group::Egress::new("-1")
                .cidr_ip("0.0.0.0/0")
                .description("Allow all outbound traffic")
        } else {
            // A rule that matches nothing: CloudFormation otherwise adds allow-all.
            l1::security_group::Egress::new("icmp")
                .cidr_ip("255.255.255.255/32")
                .from_port(252)
                .to_port(86)
                .description("Disallow all traffic")
        };
        let handle = stack.add(
            id,
            l1::security_group::SecurityGroup::new(description)
                .vpc_id(vpc.id())
                .security_group_egress(vec![egress]),
        )?;
        Ok(SecurityGroup {
            id: handle.attr_group_id(),
            name: id.to_owned(),
            stack: Some(stack.clone()),
            allows_all_outbound: all_outbound,
            handle: Some(handle),
        })
    }

    /// An existing group by id. Rules that involve it go in the other group's stack;
    /// `allows_all_outbound` says whether egress rules are needed on it.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Port, SecurityGroup, Vpc};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let bastion = SecurityGroup::from_id("sg-0123", true);
    /// assert_eq!(bastion.name(), "sg0123");
    /// let tasks = SecurityGroup::new(&stack, "TasksSg", &vpc, "Tasks")?;
    /// tasks.allow_from(&bastion, Port::tcp(22), "SSH from the bastion")?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["TasksSgFromsg0123Tcp22"]["Properties"];
    /// assert_eq!(p["SourceSecurityGroupId"], "sg-0123");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn from_id(id: impl Into<String>, allows_all_outbound: bool) -> Self {
        let id = id.into();
        SecurityGroup {
            name: id.replace(|c: char| !c.is_ascii_alphanumeric(), ""),
            id: Value::from(id),
            stack: None,
            allows_all_outbound,
            handle: None,
        }
    }

    /// The group id: the literal id of an imported group, else a `Fn::GetAtt` of `GroupId`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SecurityGroup, Vpc};
    /// assert_eq!(SecurityGroup::from_id("sg-0123", true).id(), Value::from("sg-0123"));
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let sg = SecurityGroup::new(&stack, "TasksSg", &vpc, "Tasks")?;
    /// stack.add_output("TasksSgId", Output::new(sg.id()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["TasksSgId"]["Value"]["Fn::GetAtt"], serde_json::json!(["TasksSg", "GroupId"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn id(&self) -> Value<String> {
        self.id.clone()
    }

    /// The created group's L1 handle; `None` for an imported group.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SecurityGroup, Vpc};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let sg = SecurityGroup::new(&stack, "TasksSg", &vpc, "Tasks")?;
    /// assert_eq!(sg.handle().map(|h| h.logical_id()), Some("TasksSg"));
    /// assert!(SecurityGroup::from_id("sg-0123", true).handle().is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> Option<&Handle<l1::security_group::SecurityGroup>> {
        self.handle.as_ref()
    }

    /// The logical id (or the group id of an imported group, alphanumerics only), which
    /// starts the logical ids of its rules.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SecurityGroup, Vpc};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// assert_eq!(SecurityGroup::new(&stack, "TasksSg", &vpc, "Tasks")?.name(), "TasksSg");
    /// assert_eq!(SecurityGroup::from_id("sg-0a1b", false).name(), "sg0a1b");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Lets `peer` reach this group on `port`: an ingress rule on this group and, when `peer`
    /// restricts outbound traffic, an egress rule on `peer`. The rules go in the later of the
    /// two groups' stacks. The ingress rule is `<this>From<peer><port>`, the egress rule
    /// `<peer>To<this><port>`; an empty description, or two imported groups, is an error.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Port, SecurityGroup, Vpc};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let lb = SecurityGroup::new_restricted(&stack, "LbSg", &vpc, "Load balancer")?;
    /// let tasks = SecurityGroup::new(&stack, "TasksSg", &vpc, "Tasks")?;
    /// tasks.allow_from(&lb, Port::tcp(8080), "HTTP from the load balancer")?;
    /// assert!(tasks.allow_from(&lb, Port::tcp(9090), "").is_err());
    /// let (a, b) = (SecurityGroup::from_id("sg-1", true), SecurityGroup::from_id("sg-2", true));
    /// assert!(a.allow_from(&b, Port::tcp(80), "imported").is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let ingress = &t["Resources"]["TasksSgFromLbSgTcp8080"]["Properties"];
    /// assert_eq!(ingress["SourceSecurityGroupId"]["Fn::GetAtt"][0], "LbSg");
    /// let egress = &t["Resources"]["LbSgToTasksSgTcp8080"]["Properties"];
    /// assert_eq!(egress["DestinationSecurityGroupId"]["Fn::GetAtt"][0], "TasksSg");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn allow_from(&self, peer: &SecurityGroup, port: Port, description: &str) -> Result<()> {
        let stack = later_stack(self, peer).ok_or_else(|| {
            Error::invalid_value(
                "(none)",
                &self.name,
                "allow_from",
                "both security groups are imported; add the rule where they are defined",
            )
        })?;
        let base = format!("{}From{}{}", self.name, peer.name, port.id_part());
        self.add_ingress(&stack, &base, port, description, |i| {
            i.source_security_group_id(peer.id())
        })?;
        if !peer.allows_all_outbound {
            let mut egress =
                l1::security_group_egress::SecurityGroupEgress::new(peer.id(), port.protocol)
                    .destination_security_group_id(self.id())
                    .description(description);
            if port.protocol != "-1" {
                egress = egress.from_port(port.from).to_port(port.to);
            }
            stack.add(
                &format!("{}To{}{}", peer.name, self.name, port.id_part()),
                egress,
            )?;
        }
        Ok(())
    }

    /// Lets an IPv4 block reach this group on `port` (an ingress rule in this group's stack;
    /// only for created groups). Its logical id is `<this>FromCidr<cidr digits><port>`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Port, SecurityGroup, Vpc};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    /// let lb = SecurityGroup::new(&stack, "LbSg", &vpc, "Load balancer")?;
    /// lb.allow_from_cidr("0.0.0.0/0", Port::tcp(443), "HTTPS from the internet")?;
    /// let imported = SecurityGroup::from_id("sg-0123", true);
    /// assert!(imported.allow_from_cidr("0.0.0.0/0", Port::tcp(443), "HTTPS").is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["LbSgFromCidr00000Tcp443"]["Properties"]["CidrIp"], "0.0.0.0/0");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn allow_from_cidr(&self, cidr: &str, port: Port, description: &str) -> Result<()> {
        let stack = self.stack.clone().ok_or_else(|| {
            Error::invalid_value(
                "(none)",
                &self.name,
                "allow_from_cidr",
                "the group is imported; add the rule where it is defined",
            )
        })?;
        let block: String = cidr.chars().filter(char::is_ascii_alphanumeric).collect();
        let id = format!("{}FromCidr{block}{}", self.name, port.id_part());
        self.add_ingress(&stack, &id, port, description, |i| i.cidr_ip(cidr))
    }

    /// Adds the ingress rule `id` on this group for `port` from what `source` sets, with a
    /// required description.
    fn add_ingress(
        &self,
        stack: &Stack,
        id: &str,
        port: Port,
        description: &str,
        source: impl FnOnce(
            l1::security_group_ingress::SecurityGroupIngress,
        ) -> l1::security_group_ingress::SecurityGroupIngress,
    ) -> Result<()> {
        if description.trim().is_empty() {
            return Err(Error::invalid_value(
                stack.name(),
                &self.name,
                "Description",
                "every security group rule needs a description",
            ));
        }
        let mut ingress = l1::security_group_ingress::SecurityGroupIngress::new(port.protocol)
            .group_id(self.id())
            .description(description);
        if port.protocol != "-1" {
            ingress = ingress.from_port(port.from).to_port(port.to);
        }
        stack.add(id, source(ingress))?;
        Ok(())
    }
}

impl From<&SecurityGroup> for Value<String> {
    fn from(group: &SecurityGroup) -> Self {
        group.id()
    }
}

/// The stack that comes later in the app of the two groups' stacks (an imported group has
/// none), so that the rules' references point backwards only.
fn later_stack(a: &SecurityGroup, b: &SecurityGroup) -> Option<Stack> {
    match (&a.stack, &b.stack) {
        (Some(x), Some(y)) => Some(if y.index() > x.index() {
            y.clone()
        } else {
            x.clone()
        }),
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (None, None) => None,
    }
}
