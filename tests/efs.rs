//! EFS (issue [4/5] item 4): encrypted file systems with one mount target per zone (E4),
//! access points that create their root directory (E7), and mounts that grant exactly the
//! EFS client actions through the access point and open TCP 2049 from the tasks (E5), also
//! across stacks; cfn-lint over the result.

#![allow(clippy::unwrap_used)]

use ecs_dsl::ec2::{SecurityGroup, Subnet, SubnetKind, Vpc, VpcProps};
use ecs_dsl::ecs::{TaskDefinition, Volume};
use ecs_dsl::efs::{AccessPointProps, EfsAccess, FileSystem, FileSystemProps, PosixIds};
use ecs_dsl::prelude::*;
use serde_json::{Value as Json, json};

fn statements(t: &Json) -> Vec<Json> {
    t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .filter(|r| r["Type"] == "AWS::IAM::Role" || r["Type"] == "AWS::IAM::Policy")
        .flat_map(|r| {
            let mut out = Vec::new();
            for p in r["Properties"]["Policies"].as_array().into_iter().flatten() {
                out.extend(p["PolicyDocument"]["Statement"].as_array().unwrap().clone());
            }
            if let Some(s) = r["Properties"]["PolicyDocument"]["Statement"].as_array() {
                out.extend(s.clone());
            }
            out
        })
        .collect()
}

fn efs_statement(t: &Json) -> Json {
    statements(t)
        .into_iter()
        .find(|s| s.to_string().contains("elasticfilesystem:"))
        .expect("an EFS statement on the task role")
}

#[test]
fn a_service_in_another_stack_mounts_through_an_access_point() {
    let mut app = App::new();
    let data = app.stack("data").unwrap();
    let vpc = Vpc::create(&data, "Vpc", VpcProps::default()).unwrap();
    let fs = FileSystem::new(
        &data,
        "Files",
        &vpc,
        SubnetKind::Private,
        FileSystemProps::default(),
    )
    .unwrap();
    let ap = fs
        .access_point(
            "AppData",
            AccessPointProps::new("/app")
                .owner(PosixIds::new(1000, 1000), "750")
                .unwrap()
                .enforce_user(PosixIds::new(1000, 1000)),
        )
        .unwrap();

    let web = app.stack("web").unwrap();
    let volume = Volume::efs("data", ap.volume());
    let task = TaskDefinition::fargate(&web, "App", ecs_dsl::fargate!(cpu = 256, memory = 512))
        .volume(&volume);
    let c = task
        .new_container(
            "app",
            ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36"),
        )
        .mount(&volume, "/var/data")
        .log_to_cloudwatch();
    let task = task.container(c).build().unwrap();
    let tasks_sg = SecurityGroup::new(&web, "TasksSg", &vpc, "App tasks").unwrap();
    ap.mount(&task, &tasks_sg, EfsAccess::ReadWrite).unwrap();

    let assembly = app.synthesize().unwrap();
    assert!(assembly.stack("data").unwrap().dependencies.is_empty());
    let d = assembly.stack("data").unwrap().template_json();
    let w = assembly.stack("web").unwrap().template_json();
    // Encrypted, retained, one mount target per zone behind the file system's group.
    assert_eq!(d["Resources"]["Files"]["Properties"]["Encrypted"], true);
    assert_eq!(d["Resources"]["Files"]["DeletionPolicy"], "Retain");
    assert_eq!(
        d["Resources"]["FilesMount1"]["Type"],
        "AWS::EFS::MountTarget"
    );
    assert_eq!(
        d["Resources"]["FilesMount2"]["Type"],
        "AWS::EFS::MountTarget"
    );
    assert!(d["Resources"].get("FilesMount3").is_none());
    // E7: the root directory is created with owner and permissions.
    assert_eq!(
        d["Resources"]["AppData"]["Properties"]["RootDirectory"]["CreationInfo"],
        json!({"OwnerGid": "1000", "OwnerUid": "1000", "Permissions": "750"})
    );
    // E5: 2049 from the tasks, in the later stack.
    let nfs = &w["Resources"]["FilesSgFromTasksSgTcp2049"];
    assert_eq!(nfs["Type"], "AWS::EC2::SecurityGroupIngress");
    assert_eq!(
        (
            nfs["Properties"]["FromPort"].as_i64(),
            nfs["Properties"]["ToPort"].as_i64()
        ),
        (Some(2049), Some(2049))
    );
    // E1/E2: transit encryption, IAM authorization, the access point.
    let volume = &w["Resources"]["App"]["Properties"]["Volumes"][0]["EFSVolumeConfiguration"];
    assert_eq!(volume["TransitEncryption"], "ENABLED");
    assert_eq!(volume["AuthorizationConfig"]["IAM"], "ENABLED");
    assert!(volume["AuthorizationConfig"]["AccessPointId"].is_object());
    // Exactly ClientMount + ClientWrite on the file system, through the access point only.
    let s = efs_statement(&w);
    assert_eq!(
        s["Action"],
        json!([
            "elasticfilesystem:ClientMount",
            "elasticfilesystem:ClientWrite"
        ])
    );
    assert!(s["Condition"]["StringEquals"]["elasticfilesystem:AccessPointArn"].is_object());
    assert!(!s.to_string().contains("ClientRootAccess"));
    ecs_dsl_examples::assert_cfn_lint_clean("efs-across-stacks", &app);
}

#[test]
fn access_levels_grant_exactly_their_actions() {
    for (access, actions) in [
        (
            EfsAccess::ReadOnly,
            json!(["elasticfilesystem:ClientMount"]),
        ),
        (
            EfsAccess::ReadWriteAsRoot,
            json!([
                "elasticfilesystem:ClientMount",
                "elasticfilesystem:ClientRootAccess",
                "elasticfilesystem:ClientWrite"
            ]),
        ),
    ] {
        let mut app = App::new();
        let stack = app.stack("s").unwrap();
        let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16").private_subnets([
            Subnet::new("subnet-a", "eu-west-1a"),
            Subnet::new("subnet-b", "eu-west-1b"),
        ]);
        let fs = FileSystem::new(
            &stack,
            "Files",
            &vpc,
            SubnetKind::Private,
            FileSystemProps::default(),
        )
        .unwrap();
        let volume = Volume::efs("data", fs.volume());
        let task =
            TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 256, memory = 512))
                .volume(&volume);
        let c = task
            .new_container(
                "app",
                ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36"),
            )
            .mount(&volume, "/data");
        let task = task.container(c).build().unwrap();
        let sg = SecurityGroup::new(&stack, "TasksSg", &vpc, "tasks").unwrap();
        fs.mount(&task, &sg, access).unwrap();
        let t = app.synthesize().unwrap().stacks[0].template_json();
        let s = efs_statement(&t);
        assert_eq!(s["Action"], actions, "{access:?}");
        assert!(
            s.get("Condition").is_none(),
            "no access point, no condition"
        );
    }
}

#[test]
fn e4_two_subnets_in_one_zone_or_unknown_zones_are_rejected() {
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16").private_subnets([
        Subnet::new("subnet-a", "eu-west-1a"),
        Subnet::new("subnet-b", "eu-west-1a"),
    ]);
    let err = FileSystem::new(
        &stack,
        "Files",
        &vpc,
        SubnetKind::Private,
        FileSystemProps::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("E4") && err.contains("eu-west-1a") && err.contains("Files"),
        "{err}"
    );
    let params = Vpc::from_parameters(&stack, "Vpc").unwrap();
    let err = FileSystem::new(
        &stack,
        "Files2",
        &params,
        SubnetKind::Private,
        FileSystemProps::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("E4") && err.contains("zones"), "{err}");
}

#[test]
fn e7_permissions_and_paths_are_checked() {
    assert!(
        AccessPointProps::new("/x")
            .owner(PosixIds::new(1, 1), "75")
            .is_err()
    );
    assert!(
        AccessPointProps::new("/x")
            .owner(PosixIds::new(1, 1), "758")
            .is_err()
    );
    let err = AccessPointProps::new("/x")
        .owner(PosixIds::new(1, 1), "rwx")
        .unwrap_err()
        .to_string();
    assert!(err.contains("E7"), "{err}");
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16")
        .private_subnets([Subnet::new("subnet-a", "eu-west-1a")]);
    let fs = FileSystem::new(
        &stack,
        "Files",
        &vpc,
        SubnetKind::Private,
        FileSystemProps::default(),
    )
    .unwrap();
    assert!(
        fs.access_point("Rel", AccessPointProps::new("relative"))
            .is_err()
    );
}

/// Services wait for the mount targets (else their first tasks fail to mount while the
/// targets are still being created), whether the mount is wired before or after the service.
#[test]
fn services_depend_on_the_mount_targets_they_mount_through() {
    use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service};
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let fs = FileSystem::new(
        &stack,
        "Files",
        &vpc,
        SubnetKind::Private,
        FileSystemProps::default(),
    )
    .unwrap();
    assert_eq!(fs.mount_targets().len(), 2);
    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let volume = Volume::efs("data", fs.volume());
    let task = TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 256, memory = 512))
        .volume(&volume);
    let c = task
        .new_container(
            "app",
            ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36"),
        )
        .mount(&volume, "/data")
        .log_to_cloudwatch();
    let task = task.container(c).build().unwrap();
    let sg = SecurityGroup::new(&stack, "TasksSg", &vpc, "App tasks").unwrap();
    let service = |id: &str| {
        Service::replica(&stack, id, &cluster, &task)
            .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private).security_group(&sg))
            .build()
            .unwrap()
    };
    service("Before");
    fs.mount(&task, &sg, EfsAccess::ReadOnly).unwrap();
    service("After");
    let t = app.synthesize().unwrap().stacks[0].template_json();
    for id in ["Before", "After"] {
        assert_eq!(
            t["Resources"][id]["DependsOn"],
            json!(["FilesMount1", "FilesMount2"]),
            "{id}"
        );
    }
    ecs_dsl_examples::assert_cfn_lint_clean("efs-depends", &app);
}
