//! A service with persistent data on EFS through an access point: a new VPC (two zones, one
//! NAT gateway), an encrypted EFS file system with the defaults (backups on, Infrequent Access
//! after 30 days, retained with the stack), an access point `/app` that creates its directory
//! for uid/gid 1000 with permissions 750 and makes every client act as that user (rule E7),
//! and a Fargate service of two 256 CPU / 512 MiB tasks in the private subnets whose
//! container appends to `/data` and checks that it can write there.
//!
//! The example asks for none of the plumbing: `FileSystem::new` writes a mount target per
//! zone, and `ap.mount(&task, &tasks_sg, EfsAccess::ReadWrite)` writes the TCP 2049 rule from
//! the tasks' group to the mount targets' group and the task-role grant of
//! `ClientMount` + `ClientWrite`, limited to this access point. The volume has transit
//! encryption and IAM authorization on (rules E1, E2).
//!
//!     cargo run --example efs_storage                 # writes out/
//!     cargo run --example efs_storage -- --out DIR

use ecs_dsl::ec2::{SecurityGroup, SubnetKind, Vpc, VpcProps};
use ecs_dsl::ecs::{
    AwsVpcNetwork, Cluster, ContainerInsights, HealthCheck, Service, TaskDefinition, Volume,
};
use ecs_dsl::efs::{AccessPointProps, EfsAccess, FileSystem, FileSystemProps, PosixIds};
use ecs_dsl::prelude::*;

/// Builds the app; the snapshot tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let stack = app.stack("efs-storage")?;
    stack.set_description("A Fargate service with persistent data on EFS through an access point");

    let vpc = Vpc::create(
        &stack,
        "Vpc",
        VpcProps::default().max_azs(2).nat_gateways(1),
    )?;
    let cluster = Cluster::builder(&stack, "Cluster")
        .container_insights(ContainerInsights::Enabled)
        .build()?;

    // The file system (one mount target per private subnet) and the app's access point.
    let fs = FileSystem::new(
        &stack,
        "Data",
        &vpc,
        SubnetKind::Private,
        FileSystemProps::default(),
    )?;
    let app_user = PosixIds::new(1000, 1000);
    let ap = fs.access_point(
        "AppData",
        AccessPointProps::new("/app")
            .owner(app_user, "750")?
            .enforce_user(app_user),
    )?;

    // The task: the access point as volume `data`, mounted read-write at /data.
    let data = Volume::efs("data", ap.volume());
    let task = TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 256, memory = 512))
        .volume(&data);
    let writer = task
        .new_container(
            "app",
            ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36"),
        )
        .user("1000:1000")
        .readonly_root_filesystem()
        .command([
            "sh",
            "-c",
            "while true; do date -u >> /data/heartbeat-$(hostname).log; sleep 30; done",
        ])
        .mount(&data, "/data")
        .health_check(
            HealthCheck::shell("touch /data/.healthy || exit 1")
                .interval_secs(30)
                .timeout_secs(5)
                .retries(3)
                .start_period_secs(30),
        )
        .log_to_cloudwatch();
    let task = task.container(writer).build()?;

    // The service: two tasks in the private subnets, nothing inbound.
    let tasks_sg = SecurityGroup::new(&stack, "AppTasksSg", &vpc, "EFS storage app tasks")?;
    let service = Service::replica(&stack, "AppService", &cluster, &task)
        .desired_count(2)
        .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private).security_group(&tasks_sg))
        .build()?;

    // The 2049 rule and the scoped task-role grant: written by the library.
    ap.mount(&task, &tasks_sg, EfsAccess::ReadWrite)?;

    stack.add_output("FileSystemId", Output::new(fs.id()))?;
    stack.add_output("AccessPointId", Output::new(ap.id()))?;
    stack.add_output("ServiceName", Output::new(service.name()))?;
    Ok(app)
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("efs_storage", build)
}
