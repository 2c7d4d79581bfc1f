// Rule L3: target group health check success codes are 200 to 499 (599 for TCP and TLS groups).
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::Vpc;
use ecs_dsl::ecs::Ip;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http)
        .health_check(ecs_dsl::target_health!(http "/healthz", matcher = "100-299"))
        .build()?;
    Ok(())
}
