//! VPCs: imported from attributes, from CloudFormation parameters, or created (2 or 3
//! Availability Zones, public and private subnets, optional NAT gateways). A VPC created in
//! one stack and used in another is exported and imported by synthesis.

use crate::cfn::ec2 as l1;
use crate::error::{Error, Result};
use crate::template::intrinsic::{get_azs, select};
use crate::template::{List, Parameter, Stack, Value};

/// A subnet: its id and, when known, its Availability Zone (needed for one EFS mount target
/// per zone, rule E4).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{Subnet, SubnetKind, Vpc};
/// // A subnet whose zone is unknown, built from its public fields.
/// let shared = Subnet { id: Value::from("subnet-0c"), availability_zone: None };
/// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16")
///     .private_subnets([Subnet::new("subnet-0a", "eu-west-1a"), shared]);
/// let private = vpc.subnets(SubnetKind::Private).unwrap();
/// assert_eq!(private[0].availability_zone, Some(Value::from("eu-west-1a")));
/// assert_eq!(private[1].availability_zone, None);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Subnet {
    /// The subnet id.
    pub id: Value<String>,
    /// Its Availability Zone, when known.
    pub availability_zone: Option<Value<String>>,
}

impl Subnet {
    /// A subnet by id and Availability Zone.
    ///
    /// ```
    /// use ecs_dsl::ec2::Subnet;
    /// let s = Subnet::new("subnet-0a", "eu-west-1a");
    /// assert!(s.availability_zone.is_some());
    /// ```
    pub fn new(id: impl Into<Value<String>>, availability_zone: impl Into<Value<String>>) -> Self {
        Subnet {
            id: id.into(),
            availability_zone: Some(availability_zone.into()),
        }
    }
}

/// Which subnets of a VPC.
///
/// ```
/// use ecs_dsl::ec2::{Subnet, SubnetKind, Vpc};
/// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16")
///     .public_subnets([Subnet::new("subnet-pa", "eu-west-1a")]);
/// assert_eq!(vpc.subnets(SubnetKind::Public).map(<[_]>::len), Some(1));
/// assert_eq!(vpc.subnets(SubnetKind::Private).map(<[_]>::len), Some(0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubnetKind {
    /// Subnets with a route to an internet gateway.
    Public,
    /// Subnets without one (outbound through NAT gateways when the VPC has them).
    Private,
}

/// The subnets of one kind: a list of known subnets, or one list value (a
/// `List<AWS::EC2::Subnet::Id>` parameter) whose zones are unknown until deploy.
#[derive(Debug, Clone, PartialEq)]
enum Subnets {
    Known(Vec<Subnet>),
    List(Value<List<String>>),
}

/// A VPC with its public and private subnets.
///
/// ```
/// use ecs_dsl::ec2::{Subnet, SubnetKind, Vpc};
/// let vpc = Vpc::from_attributes("vpc-0123", "10.0.0.0/16")
///     .public_subnets([Subnet::new("subnet-pa", "eu-west-1a"), Subnet::new("subnet-pb", "eu-west-1b")])
///     .private_subnets([Subnet::new("subnet-qa", "eu-west-1a"), Subnet::new("subnet-qb", "eu-west-1b")]);
/// assert_eq!(vpc.subnets(SubnetKind::Private).unwrap().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Vpc {
    id: Value<String>,
    cidr: Option<Value<String>>,
    public: Subnets,
    private: Subnets,
    nat_gateways: usize,
}

/// The shape of a VPC that [`Vpc::create`] makes.
///
/// ```
/// use ecs_dsl::ec2::VpcProps;
/// let props = VpcProps::default().max_azs(3).nat_gateways(1);
/// assert_eq!(props.cidr, "10.0.0.0/16");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpcProps {
    /// The VPC's IPv4 block (default `10.0.0.0/16`): a literal, split into `/N+4` subnets.
    pub cidr: String,
    /// Availability Zones, 2 or 3 (default 2).
    pub azs: u32,
    /// NAT gateways, 0 to `azs` (default 0: private subnets have no internet access; a
    /// private ECS service then needs VPC endpoints for ECR, Logs and S3).
    pub nat_gateways: u32,
}

impl Default for VpcProps {
    fn default() -> Self {
        VpcProps {
            cidr: "10.0.0.0/16".to_owned(),
            azs: 2,
            nat_gateways: 0,
        }
    }
}

impl VpcProps {
    /// Sets the IPv4 block: a literal `a.b.c.d/p` with `p` from 16 to 24 and no host bits
    /// set, checked by [`Vpc::create`].
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// let mut app = App::new();
    /// let stack = app.stack("network")?;
    /// Vpc::create(&stack, "Vpc", VpcProps::default().cidr("172.16.0.0/20"))?;
    /// assert!(Vpc::create(&stack, "Bad", VpcProps::default().cidr("172.16.0.1/20")).is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Vpc"]["Properties"]["CidrBlock"], "172.16.0.0/20");
    /// assert_eq!(t["Resources"]["VpcPublicSubnet1"]["Properties"]["CidrBlock"], "172.16.0.0/24");
    /// assert_eq!(t["Resources"]["VpcPrivateSubnet1"]["Properties"]["CidrBlock"], "172.16.2.0/24");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn cidr(mut self, cidr: impl Into<String>) -> Self {
        self.cidr = cidr.into();
        self
    }

    /// Sets the number of Availability Zones (2 or 3), checked by [`Vpc::create`].
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// let mut app = App::new();
    /// let stack = app.stack("network")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().max_azs(3))?;
    /// assert_eq!(vpc.subnets(SubnetKind::Private).unwrap().len(), 3);
    /// assert!(Vpc::create(&stack, "Wide", VpcProps::default().max_azs(4)).is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn max_azs(mut self, azs: u32) -> Self {
        self.azs = azs;
        self
    }

    /// Sets the number of NAT gateways (0 to the number of zones), checked by
    /// [`Vpc::create`]. The private subnets share them round-robin.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// let mut app = App::new();
    /// let stack = app.stack("network")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(2))?;
    /// assert_eq!(vpc.nat_gateways(), 2);
    /// assert!(Vpc::create(&stack, "Bad", VpcProps::default().nat_gateways(3)).is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["VpcPrivateSubnet2Default"]["Properties"]["NatGatewayId"]["Ref"], "VpcNat2");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn nat_gateways(mut self, n: u32) -> Self {
        self.nat_gateways = n;
        self
    }
}

impl Vpc {
    /// An existing VPC by id and IPv4 block; add its subnets with
    /// [`public_subnets`](Self::public_subnets) / [`private_subnets`](Self::private_subnets).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc};
    /// let vpc = Vpc::from_attributes("vpc-0123", "10.0.0.0/16");
    /// assert_eq!(vpc.id(), Value::from("vpc-0123"));
    /// assert_eq!(vpc.subnets(SubnetKind::Public), Some(&[][..]));
    /// assert_eq!(vpc.nat_gateways(), 0);
    /// ```
    pub fn from_attributes(id: impl Into<Value<String>>, cidr: impl Into<Value<String>>) -> Self {
        Vpc {
            id: id.into(),
            cidr: Some(cidr.into()),
            public: Subnets::Known(Vec::new()),
            private: Subnets::Known(Vec::new()),
            nat_gateways: 0,
        }
    }

    /// An existing VPC chosen at deploy time: adds the parameters `<prefix>Id`
    /// (`AWS::EC2::VPC::Id`), `<prefix>PrivateSubnets` and `<prefix>PublicSubnets`
    /// (`List<AWS::EC2::Subnet::Id>`) to `stack`. Zones are unknown, so EFS mount targets need
    /// subnets given with their zones.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let vpc = Vpc::from_parameters(&stack, "Vpc")?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Parameters"]["VpcId"]["Type"], "AWS::EC2::VPC::Id");
    /// assert_eq!(t["Parameters"]["VpcPrivateSubnets"]["Type"], "List<AWS::EC2::Subnet::Id>");
    /// assert!(vpc.subnets(SubnetKind::Private).is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn from_parameters(stack: &Stack, prefix: &str) -> Result<Self> {
        let id = stack.add_parameter(
            &format!("{prefix}Id"),
            Parameter::vpc_id().description("The VPC of the services"),
        )?;
        let private = stack.add_parameter(
            &format!("{prefix}PrivateSubnets"),
            Parameter::subnet_ids().description("Subnets for the tasks (one per zone)"),
        )?;
        let public = stack.add_parameter(
            &format!("{prefix}PublicSubnets"),
            Parameter::subnet_ids().description("Subnets for internet-facing load balancers"),
        )?;
        Ok(Vpc {
            id: id.value(),
            cidr: None,
            public: Subnets::List(public.value()),
            private: Subnets::List(private.value()),
            nat_gateways: 0,
        })
    }

    /// Sets the public subnets (with their zones), replacing any given before.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Subnet, SubnetKind, Vpc};
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16")
    ///     .public_subnets([Subnet::new("subnet-pa", "eu-west-1a"), Subnet::new("subnet-pb", "eu-west-1b")]);
    /// let ids = vpc.subnet_ids(SubnetKind::Public);
    /// assert_eq!(ids, Value::from(vec!["subnet-pa".to_owned(), "subnet-pb".to_owned()]));
    /// ```
    pub fn public_subnets(mut self, subnets: impl IntoIterator<Item = Subnet>) -> Self {
        self.public = Subnets::Known(subnets.into_iter().collect());
        self
    }

    /// Sets the private subnets (with their zones), replacing any given before.
    ///
    /// ```
    /// use ecs_dsl::ec2::{Subnet, SubnetKind, Vpc};
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16")
    ///     .private_subnets([Subnet::new("subnet-old", "eu-west-1a")])
    ///     .private_subnets([Subnet::new("subnet-qa", "eu-west-1a"), Subnet::new("subnet-qb", "eu-west-1b")]);
    /// let private = vpc.subnets(SubnetKind::Private).unwrap();
    /// assert_eq!(private.len(), 2);
    /// assert_eq!(private[0], Subnet::new("subnet-qa", "eu-west-1a"));
    /// ```
    pub fn private_subnets(mut self, subnets: impl IntoIterator<Item = Subnet>) -> Self {
        self.private = Subnets::Known(subnets.into_iter().collect());
        self
    }

    /// Creates a VPC in `stack` named `id`: the VPC (DNS support and host names on), an
    /// internet gateway, per zone a public subnet (routed to the gateway) and a private
    /// subnet, and `nat_gateways` NAT gateways in the first public subnets that the private
    /// subnets route through. Zones are the region's first `azs` (`Fn::GetAZs`).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// let mut app = App::new();
    /// let stack = app.stack("network")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// assert_eq!(vpc.subnets(SubnetKind::Public).unwrap().len(), 2);
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["VpcNat1"]["Type"], "AWS::EC2::NatGateway");
    /// assert_eq!(t["Resources"]["VpcPrivateSubnet2Default"]["Properties"]["NatGatewayId"]["Ref"], "VpcNat1");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn create(stack: &Stack, id: &str, props: VpcProps) -> Result<Self> {
        let (base, prefix) = check_cidr_base(stack.name(), id, &props.cidr)?;
        if !(2..=3).contains(&props.azs) {
            return Err(Error::invalid_value(
                stack.name(),
                id,
                "azs",
                format!(
                    "{} zones: a VPC here spans 2 or 3 Availability Zones",
                    props.azs
                ),
            ));
        }
        if props.nat_gateways > props.azs {
            return Err(Error::invalid_value(
                stack.name(),
                id,
                "nat_gateways",
                format!(
                    "{} NAT gateways for {} zones: at most one per zone",
                    props.nat_gateways, props.azs
                ),
            ));
        }
        let name_tag = |suffix: &str| {
            vec![l1::vpc::Tag::new(
                "Name",
                format!("{}/{id}{suffix}", stack.name()),
            )]
        };
        let vpc = stack.add(
            id,
            l1::vpc::Vpc::new()
                .cidr_block(props.cidr.clone())
                .enable_dns_hostnames(true)
                .enable_dns_support(true)
                .tags(name_tag("")),
        )?;
        let igw = stack.add(
            &format!("{id}Igw"),
            l1::internet_gateway::InternetGateway::new(),
        )?;
        let attach = stack.add(
            &format!("{id}IgwAttachment"),
            l1::vpc_gateway_attachment::VpcGatewayAttachment::new(vpc.reference())
                .internet_gateway_id(igw.reference()),
        )?;
        // 2 * azs subnets of /prefix+4, computed here from the literal block (plain values in
        // the template, as readable as they get).
        let mut public = Vec::new();
        let mut private = Vec::new();
        let mut nats = Vec::new();
        for i in 0..props.azs {
            let n = i + 1;
            let az = select(i, get_azs());
            let subnet = stack.add(
                &format!("{id}PublicSubnet{n}"),
                l1::subnet::Subnet::new(vpc.reference())
                    .availability_zone(az.clone())
                    .cidr_block(subnet_block(base, prefix, i))
                    .map_public_ip_on_launch(true),
            )?;
            let table = stack.add(
                &format!("{id}PublicSubnet{n}RouteTable"),
                l1::route_table::RouteTable::new(vpc.reference()),
            )?;
            stack.add(
                &format!("{id}PublicSubnet{n}Association"),
                l1::subnet_route_table_association::SubnetRouteTableAssociation::new(
                    table.reference(),
                    subnet.reference(),
                ),
            )?;
            let route = stack.add(
                &format!("{id}PublicSubnet{n}Default"),
                l1::route::Route::new(table.reference())
                    .destination_cidr_block("0.0.0.0/0")
                    .gateway_id(igw.reference()),
            )?;
            route.add_depends_on(&attach)?;
            if i < props.nat_gateways {
                let eip =
                    stack.add(&format!("{id}Nat{n}Eip"), l1::eip::Eip::new().domain("vpc"))?;
                let nat = stack.add(
                    &format!("{id}Nat{n}"),
                    l1::nat_gateway::NatGateway::new()
                        .allocation_id(eip.attr_allocation_id())
                        .subnet_id(subnet.reference()),
                )?;
                nat.add_depends_on(&route)?;
                nats.push(nat);
            }
            public.push(Subnet {
                id: subnet.reference(),
                availability_zone: Some(az),
            });
        }
        for i in 0..props.azs {
            let n = i + 1;
            let az = select(i, get_azs());
            let subnet = stack.add(
                &format!("{id}PrivateSubnet{n}"),
                l1::subnet::Subnet::new(vpc.reference())
                    .availability_zone(az.clone())
                    .cidr_block(subnet_block(base, prefix, props.azs + i))
                    .map_public_ip_on_launch(false),
            )?;
            let table = stack.add(
                &format!("{id}PrivateSubnet{n}RouteTable"),
                l1::route_table::RouteTable::new(vpc.reference()),
            )?;
            stack.add(
                &format!("{id}PrivateSubnet{n}Association"),
                l1::subnet_route_table_association::SubnetRouteTableAssociation::new(
                    table.reference(),
                    subnet.reference(),
                ),
            )?;
            if !nats.is_empty() {
                let nat = &nats[i as usize % nats.len()];
                stack.add(
                    &format!("{id}PrivateSubnet{n}Default"),
                    l1::route::Route::new(table.reference())
                        .destination_cidr_block("0.0.0.0/0")
                        .nat_gateway_id(nat.reference()),
                )?;
            }
            private.push(Subnet {
                id: subnet.reference(),
                availability_zone: Some(az),
            });
        }
        Ok(Vpc {
            id: vpc.reference(),
            cidr: Some(Value::from(props.cidr.clone())),
            public: Subnets::Known(public),
            private: Subnets::Known(private),
            nat_gateways: props.nat_gateways as usize,
        })
    }

    /// The VPC id: a literal, a parameter's value, or a `Ref` to a created VPC.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// let mut app = App::new();
    /// let stack = app.stack("network")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// stack.add_output("VpcId", Output::new(vpc.id()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["VpcId"]["Value"]["Ref"], "Vpc");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn id(&self) -> Value<String> {
        self.id.clone()
    }

    /// The VPC's IPv4 block, when known (not for [`from_parameters`](Self::from_parameters)).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::Vpc;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.1.0.0/16");
    /// assert_eq!(vpc.cidr(), Some(Value::from("10.1.0.0/16")));
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// assert_eq!(Vpc::from_parameters(&stack, "Vpc")?.cidr(), None);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn cidr(&self) -> Option<Value<String>> {
        self.cidr.clone()
    }

    /// The known subnets of a kind with their zones; `None` when they come as one list value
    /// (parameters).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// let mut app = App::new();
    /// let stack = app.stack("network")?;
    /// let created = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let public = created.subnets(SubnetKind::Public).unwrap();
    /// assert_eq!(public.len(), 2);
    /// assert!(public.iter().all(|s| s.availability_zone.is_some()));
    /// let chosen = Vpc::from_parameters(&stack, "Shared")?;
    /// assert!(chosen.subnets(SubnetKind::Public).is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn subnets(&self, kind: SubnetKind) -> Option<&[Subnet]> {
        match self.of(kind) {
            Subnets::Known(list) => Some(list),
            Subnets::List(_) => None,
        }
    }

    /// The subnet ids of a kind as one list value, e.g. for a service's network configuration.
    ///
    /// ```
    /// use ecs_dsl::ec2::{Subnet, SubnetKind, Vpc};
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16")
    ///     .private_subnets([Subnet::new("subnet-a", "eu-west-1a")]);
    /// assert_eq!(vpc.subnet_ids(SubnetKind::Private), ecs_dsl::Value::from(vec!["subnet-a".to_owned()]));
    /// ```
    pub fn subnet_ids(&self, kind: SubnetKind) -> Value<List<String>> {
        match self.of(kind) {
            Subnets::Known(list) => Value::Literal(list.iter().map(|s| s.id.clone()).collect()),
            Subnets::List(value) => value.clone(),
        }
    }

    /// How many NAT gateways [`create`](Self::create) made (0 for imported VPCs).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Vpc, VpcProps};
    /// let mut app = App::new();
    /// let stack = app.stack("network")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// assert_eq!(vpc.nat_gateways(), 1);
    /// assert_eq!(Vpc::from_attributes("vpc-1", "10.0.0.0/16").nat_gateways(), 0);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn nat_gateways(&self) -> usize {
        self.nat_gateways
    }

    fn of(&self, kind: SubnetKind) -> &Subnets {
        match kind {
            SubnetKind::Public => &self.public,
            SubnetKind::Private => &self.private,
        }
    }
}

/// The `i`-th block of `/prefix+4` inside the block starting at `base`, as text.
fn subnet_block(base: u32, prefix: u32, i: u32) -> String {
    let a = base + i * (1u32 << (28 - prefix));
    format!(
        "{}.{}.{}.{}/{}",
        a >> 24,
        (a >> 16) & 0xff,
        (a >> 8) & 0xff,
        a & 0xff,
        prefix + 4
    )
}

/// Checks a literal IPv4 block `a.b.c.d/p` with 16 <= p <= 24 (room for 6 subnets of
/// `/p+4`) and no host bits set, and returns its first address and `p`.
fn check_cidr_base(stack: &str, id: &str, text: &str) -> Result<(u32, u32)> {
    let bad = |why: &str| Error::invalid_value(stack, id, "cidr", format!("`{text}`: {why}"));
    let (addr, prefix) = text
        .split_once('/')
        .ok_or_else(|| bad("write an IPv4 block such as 10.0.0.0/16"))?;
    let octets: Vec<&str> = addr.split('.').collect();
    if octets.len() != 4 || octets.iter().any(|o| o.parse::<u8>().is_err()) {
        return Err(bad("not an IPv4 address"));
    }
    let prefix: u32 = prefix
        .parse()
        .map_err(|_| bad("the prefix is not a number"))?;
    if !(16..=24).contains(&prefix) {
        return Err(bad(
            "the prefix must be /16 to /24 (AWS allows /16 to /28; the subnets here are 4 bits longer)",
        ));
    }
    let base = octets
        .iter()
        .filter_map(|o| o.parse::<u8>().ok())
        .fold(0u32, |acc, o| (acc << 8) | u32::from(o));
    if base & ((1u32 << (32 - prefix)) - 1) != 0 {
        return Err(bad(
            "host bits are set: the block must start at its first address",
        ));
    }
    Ok((base, prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subnet_blocks_follow_the_vpc_block() {
        assert_eq!(subnet_block(0x0a00_0000, 16, 0), "10.0.0.0/20");
        assert_eq!(subnet_block(0x0a00_0000, 16, 3), "10.0.48.0/20");
        assert_eq!(subnet_block(0xac10_0000, 20, 5), "172.16.5.0/24");
        assert_eq!(subnet_block(0xc0a8_0100, 24, 5), "192.168.1.80/28");
        assert!(check_cidr_base("s", "Vpc", "10.0.0.1/16").is_err());
        assert_eq!(
            check_cidr_base("s", "Vpc", "172.16.0.0/20").ok(),
            Some((0xac10_0000, 20))
        );
    }

    #[test]
    fn cidr_blocks_are_checked() {
        assert_eq!(
            check_cidr_base("s", "Vpc", "10.0.0.0/16").ok(),
            Some((0x0a00_0000, 16))
        );
        for bad in [
            "10.0.0.0",
            "10.0.0/16",
            "10.0.0.0/8",
            "10.0.0.256/16",
            "x/16",
        ] {
            let err = check_cidr_base("s", "Vpc", bad).unwrap_err().to_string();
            assert!(err.contains("cidr"), "{err}");
        }
    }
}
