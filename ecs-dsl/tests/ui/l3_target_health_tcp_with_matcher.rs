// Rule L3: a TCP target group health check takes no success codes.
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::Vpc;
use ecs_dsl::ecs::Ip;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    TargetGroup::<Ip>::builder(&stack, "Db", &vpc, 5432, TargetProtocol::Tcp)
        .health_check(ecs_dsl::target_health!(tcp, matcher = "200"))
        .build()?;
    Ok(())
}
