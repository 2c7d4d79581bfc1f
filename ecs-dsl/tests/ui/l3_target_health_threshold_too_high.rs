// Rule L3: the target group healthy and unhealthy thresholds are 2 to 10.
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::Vpc;
use ecs_dsl::ecs::Ip;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http)
        .health_check(ecs_dsl::target_health!(http "/healthz", healthy = 2, unhealthy = 11))
        .build()?;
    Ok(())
}
