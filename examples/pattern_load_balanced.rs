//! The load-balanced Fargate service pattern: nginx behind an internet-facing Application Load
//! Balancer that serves HTTPS with the certificate from a parameter, redirects HTTP to HTTPS
//! and writes access logs to a bucket given as a parameter; two to eight tasks scaled on CPU,
//! and on requests per task through the pattern's accessors.
//!
//! The pattern writes the rest: the target group and its health check, the tasks' security
//! group open to the load balancer only, tasks in the private subnets without a public IP,
//! the circuit breaker with rollback, a minimum healthy percent of 100 and a log group that
//! keeps one month.
//!
//!     cargo run --example pattern_load_balanced                 # writes out/
//!     cargo run --example pattern_load_balanced -- --out DIR

use ecs_dsl::ec2::{Vpc, VpcProps};
use ecs_dsl::ecs::{Cluster, ContainerInsights, ResourceLabel, TargetTracking};
use ecs_dsl::elb::AlbProps;
use ecs_dsl::patterns::LoadBalancedFargateService;
use ecs_dsl::prelude::*;

/// Builds the app; the snapshot tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let stack = app.stack("pattern-load-balanced")?;
    stack.set_description("A load-balanced Fargate service from the patterns module");
    let certificate = stack.add_parameter(
        "CertificateArn",
        Parameter::string().description("ACM certificate of the site's HTTPS listener"),
    )?;
    let log_bucket = stack.add_parameter(
        "AccessLogBucket",
        Parameter::string().description("S3 bucket that receives the load balancer's access logs"),
    )?;

    let vpc = Vpc::create(
        &stack,
        "Vpc",
        VpcProps::default().max_azs(2).nat_gateways(1),
    )?;
    let cluster = Cluster::builder(&stack, "Cluster")
        .container_insights(ContainerInsights::Enabled)
        .build()?;

    let web = LoadBalancedFargateService::builder(
        &stack,
        "Web",
        &vpc,
        &cluster,
        ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    )
    .https(certificate.value())
    .load_balancer(AlbProps::internet_facing().access_logs(log_bucket.value(), "web"))
    .auto_scale(2, 8, 60.0)
    .container(|c| c.env("NGINX_ENTRYPOINT_QUIET_LOGS", "1"))
    .build()?;

    // Every part is an L2 construct: scale on requests per task as well.
    if let Some(scaling) = web.scaling() {
        scaling.scale_on_request_count(
            "WebRequestScaling",
            TargetTracking::new(500.0),
            ResourceLabel::new(
                web.load_balancer().full_name(),
                web.target_group().full_name(),
            ),
        )?;
    }
    Ok(app)
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("pattern_load_balanced", build)
}
