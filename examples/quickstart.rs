//! The README's first program: a load-balanced Fargate service in a new VPC, from the
//! `patterns` module, with a command line (`synth`, `diff`, `deploy`, `destroy`...).
//!
//!     cargo run --example quickstart                 # synthesizes into out/
//!     cargo run --example quickstart --features deploy -- deploy --endpoint-url http://127.0.0.1:5000

use ecs_dsl::ec2::{Vpc, VpcProps};
use ecs_dsl::ecs::{Cluster, ContainerInsights};
use ecs_dsl::patterns::LoadBalancedFargateService;
use ecs_dsl::prelude::*;

/// Builds the app; the snapshot and deploy tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let stack = app.stack("hello-web")?;
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    let cluster = Cluster::builder(&stack, "Cluster")
        .container_insights(ContainerInsights::Enabled)
        .build()?;
    LoadBalancedFargateService::builder(
        &stack,
        "Web",
        &vpc,
        &cluster,
        ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    )
    .desired_count(2)
    .build()?;
    Ok(app)
}

#[allow(dead_code)] // the tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("quickstart", build)
}
