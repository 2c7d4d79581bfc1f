//! The seed's EC2 daemon: a Prometheus node exporter on every container instance of a cluster
//! whose instances come from an EC2 Auto Scaling group capacity provider. The task uses bridge
//! networking (host port 9100) and bind mounts of the host's `/proc`, `/sys` and `/`, read-only.
//!
//! The instances run the ECS-optimized Amazon Linux 2023 AMI (from its public SSM parameter)
//! with IMDSv2 required; the capacity provider has managed scaling and managed termination
//! protection, so the group's instances are protected from scale-in.
//!
//!     cargo run --example ec2_daemon                 # writes out/
//!     cargo run --example ec2_daemon -- --out DIR

use ecs_dsl::cfn::{autoscaling, ec2, iam as cfn_iam};
use ecs_dsl::ecs::{
    AsgCapacityProvider, Bridge, CapacityProviderStrategy, Cluster, ContainerInsights, PortMapping,
    Service, TaskDefinition, Volume,
};
use ecs_dsl::iam::{ManagedPolicy, Role, ServicePrincipal};
use ecs_dsl::prelude::*;

/// Builds the app; the snapshot tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let stack = app.stack("ec2-daemon")?;
    stack.set_description("A node exporter daemon on every instance of an EC2 capacity provider");

    let subnets = stack.add_parameter(
        "SubnetIds",
        Parameter::subnet_ids().description("Subnets of the container instances"),
    )?;
    let instance_sg = stack.add_parameter(
        "InstanceSecurityGroupId",
        Parameter::aws(AwsType::SecurityGroupId).description("Security group of the instances"),
    )?;
    let ami = stack.add_parameter(
        "EcsAmiId",
        Parameter::ssm_aws(AwsType::ImageId)
            .default("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"),
    )?;

    let cluster_name = "node-exporters";
    let instance_role = Role::builder(&stack, "InstanceRole", ServicePrincipal::Ec2)
        .managed_policy(ManagedPolicy::aws_managed(
            "service-role/AmazonEC2ContainerServiceforEC2Role",
        ))
        .build()?;
    let profile = stack.add(
        "InstanceProfile",
        cfn_iam::InstanceProfile::new(vec![instance_role.name()]),
    )?;
    let user_data = intrinsic::base64(intrinsic::sub_with(
        "#!/bin/bash\necho ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config\n",
        [("Cluster", Value::from(cluster_name))],
    ));
    let template = stack.add(
        "LaunchTemplate",
        ec2::LaunchTemplate::new(
            ec2::launch_template::LaunchTemplateData::new()
                .image_id(ami.value())
                .instance_type(ec2::launch_template::LaunchTemplateDataInstanceType::T3Small)
                .iam_instance_profile(
                    ec2::launch_template::IamInstanceProfile::new().arn(profile.attr_arn()),
                )
                .security_group_ids(vec![instance_sg.value()])
                .metadata_options(
                    ec2::launch_template::MetadataOptions::new()
                        .http_tokens(ec2::launch_template::MetadataOptionsHttpTokens::Required),
                )
                .user_data(user_data),
        ),
    )?;
    let group = stack.add(
        "Instances",
        autoscaling::AutoScalingGroup::new("3", "1")
            .vpc_zone_identifier(subnets.value())
            .launch_template(
                autoscaling::auto_scaling_group::LaunchTemplateSpecification::new(
                    template.attr_latest_version_number(),
                )
                .launch_template_id(template.reference()),
            )
            .new_instances_protected_from_scale_in(true),
    )?;

    let provider = AsgCapacityProvider::builder(&stack, "InstanceCapacity", group.reference())
        .target_capacity_percent(100)
        .build()?;
    let cluster = Cluster::builder(&stack, "Cluster")
        .name(cluster_name)
        .container_insights(ContainerInsights::Enabled)
        .capacity_provider(&provider)
        .default_strategy(CapacityProviderStrategy::new().with(provider.weight(1)))
        .build()?;

    let proc = Volume::host_path("proc", "/proc");
    let sys = Volume::host_path("sys", "/sys");
    let root = Volume::host_path("rootfs", "/");
    let task = TaskDefinition::ec2(&stack, "NodeExporter", Bridge)
        .volume(&proc)
        .volume(&sys)
        .volume(&root);
    let exporter = task
        .new_container(
            "node-exporter",
            ecs_dsl::image!("quay.io/prometheus/node-exporter:v1.8.2"),
        )
        .memory_reservation(64)
        .memory_limit(128)
        .cpu(128)
        .port_mapping(PortMapping::tcp(9100).name("metrics").host_port(9100))
        .mount_read_only(&proc, "/host/proc")
        .mount_read_only(&sys, "/host/sys")
        .mount_read_only(&root, "/rootfs")
        .command([
            "--path.procfs=/host/proc",
            "--path.sysfs=/host/sys",
            "--path.rootfs=/rootfs",
        ])
        .log_to_cloudwatch();
    let task = task.container(exporter).build()?;

    Service::daemon(&stack, "NodeExporterDaemon", &cluster, &task)
        .min_healthy_percent(0)
        .build()?;
    Ok(app)
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("ec2_daemon", build)
}
