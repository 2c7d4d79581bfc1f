// Rule L2: a load balancer name does not start with `internal-`.
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::Vpc;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    let alb = ApplicationLoadBalancer::new(
        &stack,
        "Alb",
        &vpc,
        AlbProps::internal().name(ecs_dsl::load_balancer_name!("internal-web")),
    )?;
    let _ = alb;
    Ok(())
}
