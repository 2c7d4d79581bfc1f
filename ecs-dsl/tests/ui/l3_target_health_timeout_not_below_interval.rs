// Rule L3: the target group health check timeout is shorter than the interval (here the
// default TCP timeout of 10 s against an interval of 10 s).
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::Vpc;
use ecs_dsl::ecs::Ip;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    TargetGroup::<Ip>::builder(&stack, "Db", &vpc, 5432, TargetProtocol::Tcp)
        .health_check(ecs_dsl::target_health!(tcp, interval = 10))
        .build()?;
    Ok(())
}
