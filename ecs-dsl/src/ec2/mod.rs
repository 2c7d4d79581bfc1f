//! Networking for ECS: VPCs and their subnets ([`Vpc`]), security groups and the rules
//! between them ([`SecurityGroup::allow_from`]).
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::ec2::{Port, SecurityGroup, SubnetKind, Vpc, VpcProps};
//! let mut app = App::new();
//! let network = app.stack("network")?;
//! let vpc = Vpc::create(&network, "Vpc", VpcProps::default())?;
//! let lb = SecurityGroup::new(&network, "LbSg", &vpc, "Load balancer")?;
//! let web = app.stack("web")?;
//! let tasks = SecurityGroup::new(&web, "TasksSg", &vpc, "Web tasks")?;
//! // The rule lives in `web`, which already depends on `network`: no cycle.
//! tasks.allow_from(&lb, Port::tcp(80), "HTTP from the load balancer")?;
//! let assembly = app.synthesize()?;
//! assert_eq!(assembly.stack("web").unwrap().dependencies, ["network"]);
//! # let _ = vpc.subnet_ids(SubnetKind::Private);
//! # Ok::<(), ecs_dsl::Error>(())
//! ```

mod security_group;
mod vpc;

pub use security_group::{Port, SecurityGroup};
pub use vpc::{Subnet, SubnetKind, Vpc, VpcProps};
