// Rule L1: a target group name does not start or end with '-'.
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::Vpc;
use ecs_dsl::ecs::Ip;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http)
        .name(ecs_dsl::target_group_name!("web-"))
        .build()?;
    Ok(())
}
