// The compile-time checks of rules L1 to L4 accept values at the edges of each rule, and the
// checks made when the groups and load balancers are built accept them too (this case runs).
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::{Vpc, VpcProps};
use ecs_dsl::ecs::Ip;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("edges")?;
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    let http = |id| TargetGroup::<Ip>::builder(&stack, id, &vpc, 8080, TargetProtocol::Http);
    let tcp = |id| TargetGroup::<Ip>::builder(&stack, id, &vpc, 5432, TargetProtocol::Tcp);

    // Rules L3 and L4, low edges; rule L1, shortest name.
    let low = http("Low")
        .name(ecs_dsl::target_group_name!("a"))
        .health_check(ecs_dsl::target_health!(
            http "/",
            interval = 5,
            timeout = 2,
            healthy = 2,
            unhealthy = 2,
            matcher = "200",
        ))
        .deregistration_delay(ecs_dsl::deregistration_delay!(0))
        .stickiness(ecs_dsl::stickiness!(1))
        .slow_start(ecs_dsl::slow_start!(30))
        .build()?;
    // High edges; the longest name, and `internal-`, which only load balancers may not use.
    let high = http("High")
        .name(ecs_dsl::target_group_name!("a-32-character-target-group-name"))
        .health_check(ecs_dsl::target_health!(
            http "/healthz",
            matcher = "200-499",
            unhealthy = 10,
            healthy = 10,
            timeout = 120,
            interval = 300,
        ))
        .deregistration_delay(ecs_dsl::deregistration_delay!(3600))
        .stickiness(ecs_dsl::stickiness!(604800))
        .slow_start(ecs_dsl::slow_start!(900))
        .build()?;
    let internal = http("Internal")
        .name(ecs_dsl::target_group_name!("internal-0"))
        .health_check(ecs_dsl::target_health!(http "/", matcher = "200,202-204,302"))
        .build()?;
    // Network Load Balancer groups: TCP checks at the edges, and success codes up to 599.
    let db = tcp("Db")
        .name(ecs_dsl::target_group_name!("0-db"))
        .health_check(ecs_dsl::target_health!(tcp, interval = 300, timeout = 120))
        .build()?;
    let cache = tcp("Cache")
        .health_check(ecs_dsl::target_health!(tcp, interval = 5, timeout = 2, healthy = 10, unhealthy = 2))
        .build()?;
    let status = tcp("Status")
        .health_check(ecs_dsl::target_health!(http "/status", matcher = "200-599"))
        .build()?;

    // Rule L2: a single character, the longest name, and `internal` without its hyphen.
    let alb = ApplicationLoadBalancer::new(
        &stack,
        "Alb",
        &vpc,
        AlbProps::internal().name(ecs_dsl::load_balancer_name!("b")),
    )?;
    let nlb = NetworkLoadBalancer::new(
        &stack,
        "Nlb",
        &vpc,
        NlbProps::internal().name(ecs_dsl::load_balancer_name!("load-balancer-name-of-32-letters")),
    )?;
    let other = ApplicationLoadBalancer::new(
        &stack,
        "Other",
        &vpc,
        AlbProps::internal().name(ecs_dsl::load_balancer_name!("internalweb")),
    )?;
    let internal_alb = ApplicationLoadBalancer::new(
        &stack,
        "InternalAlb",
        &vpc,
        AlbProps::internal().name(ecs_dsl::load_balancer_name!("internal")),
    )?;

    let t = app.synthesize()?.stacks[0].template_json();
    assert_eq!(t["Resources"]["High"]["Properties"]["HealthCheckTimeoutSeconds"], 120);
    assert_eq!(t["Resources"]["Status"]["Properties"]["Matcher"]["HttpCode"], "200-599");
    let _ = (low, high, internal, db, cache, status, alb, nlb, other, internal_alb);
    Ok(())
}
