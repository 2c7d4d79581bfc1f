//! The seed's Rails web application: one Fargate task of four containers, run as a service of
//! two tasks across two Availability Zones behind an Application Load Balancer.
//!
//! - `nginx`: the proxy in front of Rails, the only port the load balancer sees (80); starts
//!   once Rails is healthy.
//! - `rails`: the Puma app server on 127.0.0.1:3000, with its secrets from Secrets Manager.
//! - `log-router`: a FireLens Fluent Bit router; `rails` and `nginx` log through it into one
//!   CloudWatch log group that the task role may write to.
//! - `cloudwatch-agent`: a non-essential monitoring agent that takes StatsD metrics from the
//!   app on 127.0.0.1:8125.
//!
//! The load balancer serves HTTPS with the certificate from a parameter, redirects HTTP to
//! HTTPS and writes access logs to a bucket given as a parameter. The app's images come from two ECR repositories of this stack and share one
//! `ImageTag` parameter: a release changes only that parameter, so the many deploys a day
//! leave the template alone:
//!
//!     cargo run --example rails_web_app                 # writes out/
//!     cargo run --example rails_web_app -- deploy --parameters ImageTag=2026-11-21.3

use ecs_dsl::cfn::ecr;
use ecs_dsl::ec2::{SecurityGroup, SubnetKind, Vpc, VpcProps};
use ecs_dsl::ecs::{
    AwsVpcNetwork, Cluster, ContainerInsights, FireLens, FireLensRouter, HealthCheck, Image, Ip,
    PortMapping, RoleSlot, SecretSource, Service, TaskDefinition,
};
use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer, HealthCheck as TargetHealth};
use ecs_dsl::elb::{TargetGroup, TargetProtocol};
use ecs_dsl::iam::ManagedPolicy;
use ecs_dsl::logs::{LogGroup, Retention};
use ecs_dsl::prelude::*;

/// An ECR repository with immutable tags, kept when the stack is deleted.
fn repository(stack: &Stack, id: &str) -> Result<Handle<ecr::Repository>> {
    let repo = stack.add(
        id,
        ecr::Repository::new()
            .image_tag_mutability(ecr::repository::RepositoryImageTagMutability::Immutable),
    )?;
    repo.set_removal_policy(RemovalPolicy::Retain)?;
    Ok(repo)
}

/// Builds the app; the snapshot tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let stack = app.stack("rails-web-app")?;
    stack.set_description("A Rails app behind Nginx on Fargate, with FireLens logs and metrics");

    let image_tag = stack.add_parameter(
        "ImageTag",
        Parameter::string().description("Tag of the rails and nginx images to run"),
    )?;
    let certificate = stack.add_parameter(
        "CertificateArn",
        Parameter::string().description("ACM certificate of the site's HTTPS listener"),
    )?;
    let log_bucket = stack.add_parameter(
        "AccessLogBucket",
        Parameter::string().description("S3 bucket that receives the load balancer's access logs"),
    )?;
    let database_url = stack.add_parameter(
        "DatabaseUrlSecretArn",
        Parameter::string().description("Secrets Manager secret holding DATABASE_URL"),
    )?;
    let secret_key_base = stack.add_parameter(
        "SecretKeyBaseSecretArn",
        Parameter::string().description("Secrets Manager secret holding SECRET_KEY_BASE"),
    )?;

    let vpc = Vpc::create(
        &stack,
        "Vpc",
        VpcProps::default().max_azs(2).nat_gateways(2),
    )?;
    let cluster = Cluster::builder(&stack, "Cluster")
        .container_insights(ContainerInsights::Enabled)
        .build()?;
    let rails_repo = repository(&stack, "RailsRepository")?;
    let nginx_repo = repository(&stack, "NginxRepository")?;
    let app_logs = LogGroup::builder(&stack, "AppLogs")
        .retention(Retention::OneMonth)
        .build()?;

    let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 1024, memory = 2048))
        .family("rails-web");
    let to_app_logs = |stream: &str| {
        FireLens::new()
            .option("Name", "cloudwatch_logs")
            .option("region", intrinsic::region())
            .option("log_group_name", app_logs.name())
            .option("log_stream_prefix", format!("{stream}/"))
    };
    let router = task
        .new_container(
            "log-router",
            ecs_dsl::image!("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"),
        )
        .firelens_router(FireLensRouter::FluentBit)
        .memory_reservation(64)
        .log_to_cloudwatch();
    let rails = task
        .new_container("rails", Image::ecr_tagged(&rails_repo, image_tag.value())?)
        .command(["bundle", "exec", "puma", "-b", "tcp://127.0.0.1:3000"])
        .env("RAILS_ENV", "production")
        .env("RAILS_LOG_TO_STDOUT", "1")
        .env("STATSD_ADDR", "127.0.0.1:8125")
        .secret(
            "DATABASE_URL",
            SecretSource::secrets_manager_arn(database_url.value()),
        )
        .secret(
            "SECRET_KEY_BASE",
            SecretSource::secrets_manager_arn(secret_key_base.value()),
        )
        .health_check(
            HealthCheck::shell("curl -fs http://127.0.0.1:3000/up || exit 1")
                .interval_secs(15)
                .timeout_secs(5)
                .retries(3)
                .start_period_secs(60),
        )
        .depends_on_start(&router)
        .logging(to_app_logs("rails"));
    let mut nginx = task
        .new_container("nginx", Image::ecr_tagged(&nginx_repo, image_tag.value())?)
        .env("UPSTREAM", "127.0.0.1:3000")
        .depends_on_healthy(&rails)
        .depends_on_start(&router)
        .logging(to_app_logs("nginx"));
    let http = nginx.expose(PortMapping::tcp(80));
    let agent = task
        .new_container(
            "cloudwatch-agent",
            ecs_dsl::image!("public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300049.1b929"),
        )
        .non_essential()
        .memory_reservation(128)
        .env(
            "CW_CONFIG_CONTENT",
            r#"{"metrics":{"namespace":"RailsWebApp","metrics_collected":{"statsd":{"service_address":"127.0.0.1:8125"}}}}"#,
        )
        .log_to_cloudwatch();
    let task = task
        .container(router)
        .container(rails)
        .container(nginx)
        .container(agent)
        .build()?;
    // FireLens writes with the task role; the agent publishes metrics with it too.
    if let RoleSlot::Owned(role) = task.ensure_task_role()? {
        let _added = app_logs.grant_write(&role)?;
        role.add_managed_policy(ManagedPolicy::aws_managed("CloudWatchAgentServerPolicy"))?;
    }

    let alb = ApplicationLoadBalancer::new(
        &stack,
        "Alb",
        &vpc,
        AlbProps::internet_facing().access_logs(log_bucket.value(), "rails-web-app"),
    )?;
    let targets = TargetGroup::<Ip>::builder(&stack, "WebTargets", &vpc, 80, TargetProtocol::Http)
        .health_check(TargetHealth::http("/up").interval_secs(15).thresholds(2, 3))
        .deregistration_delay_secs(30)
        .build()?;
    let https = alb.https_listener("Https", 443, certificate.value(), &targets)?;
    alb.redirect_http_to_https("Http")?;

    let tasks_sg = SecurityGroup::new(&stack, "WebTasksSg", &vpc, "Rails web tasks")?;
    let service = Service::replica(&stack, "WebService", &cluster, &task)
        .desired_count(2)
        .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private).security_group(&tasks_sg))
        .attach(&targets, &http)
        .health_check_grace_period_secs(90)
        .build()?;
    https.serves(&service, &tasks_sg, &http)?;

    stack.add_output(
        "SiteUrl",
        Output::new(intrinsic::join("", ["https://".into(), alb.dns_name()])),
    )?;
    stack.add_output(
        "RailsRepositoryUri",
        Output::new(rails_repo.attr_repository_uri()),
    )?;
    stack.add_output(
        "NginxRepositoryUri",
        Output::new(nginx_repo.attr_repository_uri()),
    )?;
    Ok(app)
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("rails_web_app", build)
}
