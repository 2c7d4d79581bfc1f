// Rule L2: a load balancer name is at most 32 characters.
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::Vpc;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    let nlb = NetworkLoadBalancer::new(
        &stack,
        "Nlb",
        &vpc,
        NlbProps::internal().name(ecs_dsl::load_balancer_name!("database-network-load-balancer-01")),
    )?;
    let _ = nlb;
    Ok(())
}
