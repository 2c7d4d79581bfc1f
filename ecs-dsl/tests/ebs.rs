//! EBS volumes configured at launch: the task definition marks the volume, the replica service
//! configures it with an infrastructure role (rules S2, T25).

#![allow(clippy::unwrap_used)]

use ecs_dsl::ecs::*;
use ecs_dsl::prelude::*;
use serde_json::json;

fn app_with(volumes: &[&str], configure: &str) -> ecs_dsl::Result<App> {
    let mut app = App::new();
    let stack = app.stack("data")?;
    let cluster = Cluster::builder(&stack, "Cluster").build()?;
    let mut task =
        TaskDefinition::fargate(&stack, "Db", ecs_dsl::fargate!(cpu = 1024, memory = 2048));
    let data: Vec<_> = volumes.iter().map(|v| Volume::ebs_at_launch(*v)).collect();
    for v in &data {
        task = task.volume(v);
    }
    let db = task
        .new_container("db", ecs_dsl::image!("postgres:16"))
        .mount(&data[0], "/var/lib/postgresql/data");
    let task = task.container(db).build()?;
    let config = EbsVolume::for_volume(&Volume::ebs_at_launch(configure))
        .size_gib(50)
        .volume_type(EbsVolumeType::Gp3)
        .throughput(250);
    Service::replica(&stack, "DbService", &cluster, &task)
        .network(AwsVpcNetwork::new(vec!["subnet-0a"]).security_group("sg-0a"))
        .ebs_volume(config)
        .build()?;
    Ok(app)
}

#[test]
fn an_ebs_volume_is_configured_by_the_service_with_an_infrastructure_role() {
    let assembly = app_with(&["data"], "data").unwrap().synthesize().unwrap();
    let t = assembly.stacks[0].template_json();
    let r = &t["Resources"];
    assert_eq!(
        r["Db"]["Properties"]["Volumes"],
        json!([{"ConfiguredAtLaunch": true, "Name": "data"}])
    );
    let vc = &r["DbService"]["Properties"]["VolumeConfigurations"][0];
    assert_eq!(vc["Name"], "data");
    assert_eq!(
        vc["ManagedEBSVolume"],
        json!({"Encrypted": true, "RoleArn": {"Fn::GetAtt": ["DbServiceEbsRole", "Arn"]},
               "SizeInGiB": 50, "Throughput": 250, "VolumeType": "gp3"})
    );
    assert_eq!(r["DbServiceEbsRole"]["Type"], "AWS::IAM::Role");
}

#[test]
fn t25_two_volumes_configured_at_launch_are_rejected() {
    let err = app_with(&["a", "b"], "a").unwrap_err();
    assert!(
        matches!(&err, Error::Rule { rule: "T25", logical_id, .. } if logical_id == "Db"),
        "{err}"
    );
}

#[test]
fn s2_a_configuration_for_a_volume_the_task_does_not_have_is_rejected() {
    let err = app_with(&["data"], "other").unwrap_err();
    assert!(
        matches!(&err, Error::Rule { rule: "S2", logical_id, .. } if logical_id == "DbService"),
        "{err}"
    );
}
