// Rule L6: an HTTPS listener needs exactly one default certificate, so the certificate is an
// argument of `https_listener` that cannot be left out.
use ecs_dsl::prelude::*;
use ecs_dsl::ec2::{Vpc, VpcProps};
use ecs_dsl::ecs::Ip;
use ecs_dsl::elb::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    let tg = TargetGroup::<Ip>::builder(&stack, "Web", &vpc, 8080, TargetProtocol::Http).build()?;
    let https = alb.https_listener("Https", 443, &tg)?;
    let _ = https;
    Ok(())
}
