// Rule L4: the deregistration delay is 0 to 3600 seconds.
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::Vpc;
use ecs_dsl::ecs::Ip;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http)
        .deregistration_delay(ecs_dsl::deregistration_delay!(3601))
        .build()?;
    Ok(())
}
