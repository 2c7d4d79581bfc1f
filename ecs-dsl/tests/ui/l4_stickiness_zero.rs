// Rule L4: load-balancer cookie stickiness lasts 1 to 604800 seconds.
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::Vpc;
use ecs_dsl::ecs::Ip;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http)
        .stickiness(ecs_dsl::stickiness!(0))
        .build()?;
    Ok(())
}
