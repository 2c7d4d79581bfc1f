//! The network-load-balanced Fargate service pattern: Redis behind an internal Network Load
//! Balancer with cross-zone load balancing, on TCP 6379. The pattern's load balancer accepts
//! no client on its own when internal; the example lets one security group in through the
//! load balancer's accessor and exports that group for the apps of other stacks.
//!
//!     cargo run --example pattern_network_load_balanced                 # writes out/
//!     cargo run --example pattern_network_load_balanced -- --out DIR

use ecs_dsl::ec2::{Port, SecurityGroup, Vpc, VpcProps};
use ecs_dsl::ecs::{Cluster, ContainerInsights};
use ecs_dsl::elb::NlbProps;
use ecs_dsl::patterns::NetworkLoadBalancedFargateService;
use ecs_dsl::prelude::*;

/// Builds the app; the snapshot tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let stack = app.stack("pattern-network-load-balanced")?;
    stack.set_description(
        "A Redis cache behind an internal Network Load Balancer, from the patterns module",
    );

    let vpc = Vpc::create(
        &stack,
        "Vpc",
        VpcProps::default().max_azs(2).nat_gateways(1),
    )?;
    let cluster = Cluster::builder(&stack, "Cluster")
        .container_insights(ContainerInsights::Enabled)
        .build()?;

    let redis = NetworkLoadBalancedFargateService::builder(
        &stack,
        "Redis",
        &vpc,
        &cluster,
        ecs_dsl::image!("public.ecr.aws/docker/library/redis:7.4"),
        ecs_dsl::fargate!(cpu = 512, memory = 1024),
    )
    .container_port(6379)
    .load_balancer(NlbProps::internal().cross_zone())
    .desired_count(1)
    .container(|c| c.command(["redis-server", "--save", "", "--appendonly", "no"]))
    .build()?;

    // The clients' group may reach the load balancer on 6379.
    let clients = SecurityGroup::new(&stack, "RedisClientsSg", &vpc, "Clients of the Redis cache")?;
    redis.load_balancer().security_group().allow_from(
        &clients,
        Port::tcp(6379),
        "Redis from its clients",
    )?;
    stack.add_output(
        "RedisClientsSecurityGroup",
        Output::new(clients.id()).export_name("pattern-network-load-balanced:RedisClientsSg"),
    )?;
    Ok(app)
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("pattern_network_load_balanced", build)
}
