// Rule L4: slow start lasts 30 to 900 seconds.
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::Vpc;
use ecs_dsl::ecs::Ip;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http)
        .slow_start(ecs_dsl::slow_start!(29))
        .build()?;
    Ok(())
}
