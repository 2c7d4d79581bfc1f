//! The benchmark workload RN(n) (`../shared/bench/README.md`): n copies of R1's Fargate web
//! service with the resources of the AWS CDK version (`../shared/bench/cdk/rn.js`).
//!
//! A base stack `RnBase` holds the cluster (Container Insights, private DNS namespace
//! `rn.internal` as its default) and an encrypted EFS file system with its mount targets;
//! stacks `RnSvc00`, `RnSvc01`, ... hold 20 services each. Every service has its own EFS
//! access point (`/svc<i>`), a task definition (`web`: nginx with a health check, two
//! environment variables, a Secrets Manager secret and EFS data through the access point;
//! `sidecar`: a non-essential log forwarder started after `web`), a Fargate service of two
//! tasks registered in Cloud Map as `web<i>`, an internet-facing ALB with a listener on 80 and
//! a target group checking `/health`, and CPU target tracking between 2 and 10 tasks.
//!
//! The access points live in the service stacks, as in the CDK app (the base stack could not
//! export 2 values for each of 200 access points: a template has at most 200 outputs), so they
//! are L1 resources wired by hand: the task role's grant through the access point and the 2049
//! rule from the service (which goes in the service's stack), as `AccessPoint::mount` would.
//!
//!     cargo run --release --example rn -- 200 --out DIR    # n first, then the usual CLI
//!     RN=200 cargo run --release --example rn -- --out DIR # or n from the environment
//!
//! Without either, n = 1.

use ecs_dsl::cfn::efs as cfn_efs;
use ecs_dsl::cloudmap::{Dns, DnsRecords, Namespace};
use ecs_dsl::ec2::{SecurityGroup, Subnet, SubnetKind, Vpc};
use ecs_dsl::ecs::{
    AwsVpcNetwork, Cluster, ContainerInsights, EfsVolume, HealthCheck, Ip, PortMapping,
    SecretSource, Service, TargetTracking, TaskDefinition, Volume,
};
use ecs_dsl::efs::{FileSystem, FileSystemProps};
use ecs_dsl::elb::{
    AlbProps, ApplicationLoadBalancer, HealthCheck as TargetHealth, TargetGroup, TargetProtocol,
};
use ecs_dsl::iam::PolicyStatement;
use ecs_dsl::prelude::*;

/// Services per service stack, as in `rn.js` (`PER_STACK`, default 20).
pub const PER_STACK: usize = 20;

/// The imported VPC of the benchmark (account 123456789012, us-east-1).
fn vpc() -> Vpc {
    Vpc::from_attributes("vpc-0a1b2c3d4e5f60718", "10.0.0.0/16")
        .public_subnets([
            Subnet::new("subnet-0aaaaaaaaaaaaaaa1", "us-east-1a"),
            Subnet::new("subnet-0aaaaaaaaaaaaaaa2", "us-east-1b"),
        ])
        .private_subnets([
            Subnet::new("subnet-0bbbbbbbbbbbbbbb1", "us-east-1a"),
            Subnet::new("subnet-0bbbbbbbbbbbbbbb2", "us-east-1b"),
        ])
}

/// The n the program was asked for: `RN` in the environment, else 1.
#[allow(dead_code)] // the tests and benchmarks call `build_n`
pub fn n_from_env() -> usize {
    std::env::var("RN")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
}

/// RN(n) for the n of [`n_from_env`].
#[allow(dead_code)] // the tests and benchmarks call `build_n`
pub fn build() -> Result<App> {
    build_n(n_from_env())
}

/// Builds RN(n): the base stack and `ceil(n / 20)` service stacks.
pub fn build_n(n: usize) -> Result<App> {
    let mut app = App::new();
    let vpc = vpc();

    // The shared base: cluster, namespace, encrypted EFS with a mount target per zone.
    let base = app.stack("RnBase")?;
    base.set_description("Benchmark workload RN: the shared cluster, namespace and file system");
    let namespace = Namespace::private_dns(&base, "Namespace", "rn.internal", &vpc)?;
    let cluster = Cluster::builder(&base, "Cluster")
        .container_insights(ContainerInsights::Enabled)
        .default_namespace(&namespace)
        .build()?;
    let fs = FileSystem::new(
        &base,
        "Fs",
        &vpc,
        SubnetKind::Private,
        FileSystemProps::default(),
    )?;

    for (k, first) in (0..n).step_by(PER_STACK).enumerate() {
        let stack = app.stack(&format!("RnSvc{k:02}"))?;
        stack.set_description("Benchmark workload RN: 20 Fargate web services");
        for i in first..n.min(first + PER_STACK) {
            web_service(&stack, i, &vpc, &cluster, &namespace, &fs)?;
        }
    }
    Ok(app)
}

/// Service `i` of RN in `stack`: 18 resources with ids starting `Svc<i>`.
fn web_service(
    stack: &Stack,
    i: usize,
    vpc: &Vpc,
    cluster: &Cluster,
    namespace: &Namespace<Dns>,
    fs: &FileSystem,
) -> Result<()> {
    let id = |part: &str| format!("Svc{i}{part}");

    // The service's own access point, in its stack (see the module documentation).
    let ap = stack.add(
        &id("Ap"),
        cfn_efs::AccessPoint::new(fs.id())
            .root_directory(
                cfn_efs::access_point::RootDirectory::new()
                    .path(format!("/svc{i}"))
                    .creation_info(cfn_efs::access_point::CreationInfo::new(
                        "1000", "1000", "750",
                    )),
            )
            .posix_user(cfn_efs::access_point::PosixUser::new("1000", "1000")),
    )?;

    // The task: web + sidecar, EFS data through the access point.
    let data = Volume::efs(
        "data",
        EfsVolume::new(fs.id())
            .transit_encryption()
            .iam_authorization()
            .access_point(ap.attr_access_point_id()),
    );
    let task = TaskDefinition::fargate(
        stack,
        &id("Task"),
        ecs_dsl::fargate!(cpu = 512, memory = 1024),
    )
    .volume(&data);
    let mut web = task
        .new_container("web", ecs_dsl::image!("nginx:1.27"))
        .health_check(HealthCheck::shell(
            "curl -f http://localhost/health || exit 1",
        ))
        .env("APP_ENV", "prod")
        .env("SVC_INDEX", i.to_string())
        .secret(
            "DB_PASSWORD",
            SecretSource::secrets_manager_arn(
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:rn/db-password-AbCdEf",
            ),
        )
        .mount(&data, "/data")
        .log_to_cloudwatch();
    let http = web.expose(PortMapping::tcp(80));
    let sidecar = task
        .new_container(
            "sidecar",
            ecs_dsl::image!("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"),
        )
        .non_essential()
        .memory_reservation(64)
        .depends_on_start(&web)
        .log_to_cloudwatch();
    let task = task.container(web).container(sidecar).build()?;

    // Its own internet-facing ALB: listener :80 -> target group checking /health.
    let alb = ApplicationLoadBalancer::new(stack, &id("Alb"), vpc, AlbProps::internet_facing())?;
    let targets = TargetGroup::<Ip>::builder(stack, &id("Targets"), vpc, 80, TargetProtocol::Http)
        .health_check(TargetHealth::http("/health"))
        .build()?;
    let listener = alb.http_listener(&id("Http"), 80, &targets)?;

    // The service: 2 tasks in the private subnets, in Cloud Map as web<i>.
    let sg = SecurityGroup::new(stack, &id("Sg"), vpc, &format!("RN web tasks of svc{i}"))?;
    let service = Service::replica(stack, &id("Service"), cluster, &task)
        .desired_count(2)
        .min_healthy_percent(100)
        .network(AwsVpcNetwork::in_vpc(vpc, SubnetKind::Private).security_group(&sg))
        .attach(&targets, &http)
        .health_check_grace_period_secs(60)
        .build()?;
    listener.serves(&service, &sg, &http)?;
    namespace.register_a(&service, &format!("web{i}"), DnsRecords::ttl_secs(60))?;

    // The mount's wiring (what `AccessPoint::mount` does for an access point of the file
    // system's stack): ClientMount + ClientWrite only through this access point, TCP 2049 from
    // the service (the rule goes in this stack), and the service waits for the mount targets.
    task.grant(
        PolicyStatement::allow()
            .actions([
                "elasticfilesystem:ClientMount",
                "elasticfilesystem:ClientWrite",
            ])
            .resource(fs.arn())
            .condition(
                "StringEquals",
                "elasticfilesystem:AccessPointArn",
                ap.attr_arn(),
            ),
    )?;
    fs.allow_from(&sg)?;
    for mount_target in fs.mount_targets() {
        service.handle().add_depends_on(mount_target)?;
    }

    service
        .auto_scale(2, 10)?
        .scale_on_cpu(&id("CpuScaling"), TargetTracking::new(60.0))?;
    Ok(())
}

/// `rn [N] [CLI...]`: a leading number is n (else `RN`, else 1); the rest is the command line
/// of every example (`synth --out DIR` by default).
#[allow(dead_code)] // the tests and benchmarks include this file for `build_n` only
fn main() -> std::process::ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let n = match args
        .get(1)
        .and_then(|a| a.to_str())
        .map(str::parse::<usize>)
    {
        Some(Ok(n)) => {
            args.remove(1);
            n
        }
        _ => n_from_env(),
    };
    match build_n(n) {
        Ok(app) => app.main_from(args),
        Err(err) => {
            eprintln!("error: rn: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
