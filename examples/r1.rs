//! The benchmark workload R1 (`../shared/bench/README.md`): one stack with the resources of the
//! AWS CDK version (`../shared/bench/cdk/r1.js`).
//!
//! An imported VPC (two zones, fixed ids); a cluster with Container Insights, an EC2 Auto
//! Scaling group capacity provider and a private DNS namespace; a Fargate service of two
//! 512 CPU / 1 GiB tasks (`web`: nginx on port 80 with a health check, an environment
//! variable, a Secrets Manager secret and EFS data through an access point; `sidecar`: a
//! non-essential log forwarder started after `web`) registered in Cloud Map with A records,
//! behind an internet-facing ALB, scaled on CPU between 2 and 10 tasks; an encrypted EFS file
//! system; and a daemon service (bridge network) on the Auto Scaling group.
//!
//! Where CDK needs `fs.grant(...)` and `fs.connections.allowDefaultPortFrom(...)` by hand,
//! here mounting the access point writes the IAM grant and the 2049 rule.
//!
//!     cargo run --example r1                 # writes out/
//!     cargo run --example r1 -- --out DIR

use ecs_dsl::cfn::{autoscaling, ec2 as cfn_ec2, iam as cfn_iam};
use ecs_dsl::cloudmap::{DnsRecords, Namespace};
use ecs_dsl::ec2::{SecurityGroup, Subnet, SubnetKind, Vpc};
use ecs_dsl::ecs::{
    AsgCapacityProvider, AwsVpcNetwork, Bridge, Cluster, ContainerInsights, HealthCheck, Ip,
    PortMapping, SecretSource, Service, TargetTracking, TaskDefinition, Volume,
};
use ecs_dsl::efs::{AccessPointProps, EfsAccess, FileSystem, FileSystemProps, PosixIds};
use ecs_dsl::elb::{
    AlbProps, ApplicationLoadBalancer, HealthCheck as TargetHealth, TargetGroup, TargetProtocol,
};
use ecs_dsl::iam::{ManagedPolicy, Role, ServicePrincipal};
use ecs_dsl::prelude::*;

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

/// Builds the app; the snapshot tests and the benchmark call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let stack = app.stack("R1")?;
    stack.set_description("Benchmark workload R1: a Fargate web service and an EC2 daemon");
    let vpc = vpc();

    // EC2 capacity: ECS-optimized AL2023 instances (AMI from its public SSM parameter).
    let ami = stack.add_parameter(
        "EcsAmiId",
        Parameter::ssm_aws(AwsType::ImageId)
            .default("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"),
    )?;
    let instance_sg = SecurityGroup::new(&stack, "AsgSg", &vpc, "R1 container instances")?;
    let instance_role = Role::builder(&stack, "AsgInstanceRole", ServicePrincipal::Ec2)
        .managed_policy(ManagedPolicy::aws_managed(
            "service-role/AmazonEC2ContainerServiceforEC2Role",
        ))
        .build()?;
    let profile = stack.add(
        "AsgInstanceProfile",
        cfn_iam::InstanceProfile::new(vec![instance_role.name()]),
    )?;
    let cluster_handle_name = "r1";
    let user_data = intrinsic::base64(intrinsic::sub_with(
        "#!/bin/bash\necho ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config\n",
        [("Cluster", Value::from(cluster_handle_name))],
    ));
    let lt = cfn_ec2::launch_template::LaunchTemplateData::new()
        .image_id(ami.value())
        .instance_type(cfn_ec2::launch_template::LaunchTemplateDataInstanceType::T3Medium)
        .iam_instance_profile(
            cfn_ec2::launch_template::IamInstanceProfile::new().arn(profile.attr_arn()),
        )
        .security_group_ids(vec![instance_sg.id()])
        .metadata_options(
            cfn_ec2::launch_template::MetadataOptions::new()
                .http_tokens(cfn_ec2::launch_template::MetadataOptionsHttpTokens::Required),
        )
        .user_data(user_data);
    let template = stack.add("AsgLaunchTemplate", cfn_ec2::LaunchTemplate::new(lt))?;
    let asg = stack.add(
        "Asg",
        autoscaling::AutoScalingGroup::new("3", "1")
            .vpc_zone_identifier(vpc.subnet_ids(SubnetKind::Private))
            .launch_template(
                autoscaling::auto_scaling_group::LaunchTemplateSpecification::new(
                    template.attr_latest_version_number(),
                )
                .launch_template_id(template.reference()),
            )
            .new_instances_protected_from_scale_in(true),
    )?;
    let capacity = AsgCapacityProvider::builder(&stack, "AsgCp", asg.reference())
        .target_capacity_percent(100)
        .build()?;

    let namespace = Namespace::private_dns(&stack, "Namespace", "r1.internal", &vpc)?;
    let cluster = Cluster::builder(&stack, "Cluster")
        .name(cluster_handle_name)
        .container_insights(ContainerInsights::Enabled)
        .capacity_provider(&capacity)
        .default_namespace(&namespace)
        .build()?;

    // EFS: encrypted, mount targets in both private subnets, an access point for `web`.
    let fs = FileSystem::new(
        &stack,
        "Fs",
        &vpc,
        SubnetKind::Private,
        FileSystemProps::default(),
    )?;
    let web_ids = PosixIds::new(1000, 1000);
    let ap = fs.access_point(
        "Ap",
        AccessPointProps::new("/web")
            .owner(web_ids, "750")?
            .enforce_user(web_ids),
    )?;

    // The web task.
    let data = Volume::efs("data", ap.volume());
    let task = TaskDefinition::fargate(
        &stack,
        "WebTask",
        ecs_dsl::fargate!(cpu = 512, memory = 1024),
    )
    .volume(&data);
    let mut web = task
        .new_container("web", ecs_dsl::image!("nginx:1.27"))
        .health_check(
            HealthCheck::shell("curl -f http://localhost/health || exit 1")
                .interval_secs(30)
                .timeout_secs(5)
                .retries(3)
                .start_period_secs(10),
        )
        .env("APP_ENV", "prod")
        .secret(
            "DB_PASSWORD",
            SecretSource::secrets_manager_arn(
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:r1/db-password-AbCdEf",
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

    // Load balancer and target group.
    let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing())?;
    let targets = TargetGroup::<Ip>::builder(&stack, "WebTargets", &vpc, 80, TargetProtocol::Http)
        .health_check(TargetHealth::http("/health"))
        .build()?;
    let listener = alb.http_listener("AlbHttp", 80, &targets)?;

    // The web service.
    let web_sg = SecurityGroup::new(&stack, "WebServiceSg", &vpc, "R1 web tasks")?;
    let service = Service::replica(&stack, "WebService", &cluster, &task)
        .desired_count(2)
        .min_healthy_percent(100)
        .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private).security_group(&web_sg))
        .attach(&targets, &http)
        .health_check_grace_period_secs(60)
        .build()?;
    listener.serves(&service, &web_sg, &http)?;
    namespace.register_a(&service, "web", DnsRecords::ttl_secs(60))?;
    ap.mount(&task, &web_sg, EfsAccess::ReadWrite)?;
    service
        .auto_scale(2, 10)?
        .scale_on_cpu("WebCpuScaling", TargetTracking::new(60.0))?;

    // The daemon on the EC2 instances.
    let daemon_task = TaskDefinition::ec2(&stack, "DaemonTask", Bridge);
    let agent = daemon_task
        .new_container(
            "agent",
            ecs_dsl::image!("public.ecr.aws/docker/library/busybox:latest"),
        )
        .memory_limit(128)
        .command(["sh", "-c", "while true; do sleep 3600; done"])
        .log_to_cloudwatch();
    let daemon_task = daemon_task.container(agent).build()?;
    Service::daemon(&stack, "DaemonService", &cluster, &daemon_task)
        .min_healthy_percent(0)
        .build()?;

    stack.add_output("AlbDns", Output::new(alb.dns_name()))?;
    Ok(app)
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("r1", build)
}
