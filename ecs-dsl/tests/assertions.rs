//! The assertion helpers users test their templates with: what passes, and what the failure
//! messages say (the resources of the type, the closest one first, the differing paths).

#![allow(clippy::unwrap_used)]

use ecs_dsl::assertions::{Match, Template};
use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, ContainerInsights, Service, TaskDefinition};
use ecs_dsl::prelude::*;
use serde_json::json;

fn app() -> App {
    let mut app = App::new();
    let stack = app.stack("web").unwrap();
    Cluster::builder(&stack, "Cluster")
        .container_insights(ContainerInsights::Enabled)
        .build()
        .unwrap();
    let cluster = Cluster::builder(&stack, "Other").build().unwrap();
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let c = task
        .new_container("web", ecs_dsl::image!("nginx:1.27"))
        .port(80);
    let task = task.container(c).build().unwrap();
    Service::replica(&stack, "Web", &cluster, &task)
        .desired_count(2)
        .network(AwsVpcNetwork::new(vec!["subnet-1", "subnet-2"]))
        .build()
        .unwrap();
    stack
        .add_output("ClusterName", Output::new(json!({"Ref": "Cluster"})))
        .unwrap();
    app
}

#[test]
fn matching_resources_counts_and_outputs_pass() {
    let t = Template::from_app(&app(), "web").unwrap();
    t.resource_count_is("AWS::ECS::Cluster", 2);
    t.resource_count_is("AWS::ECS::TaskDefinition", 1);
    t.resource_count_is("AWS::EFS::FileSystem", 0);
    t.has_resource_properties(
        "AWS::ECS::Service",
        Match::object([
            ("DesiredCount", Match::from(json!(2))),
            ("LaunchType", Match::from(json!("FARGATE"))),
            ("ServiceRegistries", Match::absent()),
        ]),
    );
    t.has_resource(
        "AWS::ECS::Cluster",
        json!({"Properties": {"ClusterSettings": [{"Name": "containerInsights", "Value": "enabled"}]}}),
    );
    t.has_output("ClusterName", json!({"Value": {"Ref": "Cluster"}}));
    let found = t.find_resources("AWS::ECS::Cluster", json!({}));
    assert_eq!(
        found.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        ["Cluster", "Other"]
    );
}

#[test]
fn failures_list_the_closest_resource_first_with_the_differing_paths() {
    let t = Template::from_app(&app(), "web").unwrap();
    let e = t
        .check_resource_properties(
            "AWS::ECS::Cluster",
            json!({"ClusterSettings": [{"Name": "containerInsights", "Value": "enhanced"}]}),
        )
        .unwrap_err();
    assert_eq!(
        e,
        "stack `web`: no AWS::ECS::Cluster has the expected properties; closest first:\n  \
         Cluster: Properties.ClusterSettings[0].Value is \"enabled\" but expected \"enhanced\"\n  \
         Other: Properties.ClusterSettings is nothing but expected [{\"Name\":\"containerInsights\",\"Value\":\"enhanced\"}]"
    );
    let e = t
        .check_resource_count_is("AWS::ECS::Cluster", 1)
        .unwrap_err();
    assert_eq!(
        e,
        "stack `web`: expected 1 resource(s) of type AWS::ECS::Cluster, found 2: Cluster, Other"
    );
    let e = t
        .check_resource_properties("AWS::EFS::FileSystem", json!({}))
        .unwrap_err();
    assert!(e.ends_with("the stack has no resource of that type"), "{e}");
    let e = t.check_output("Missing", json!({})).unwrap_err();
    assert_eq!(e, "stack `web`: no output `Missing`; outputs: ClusterName");
    let e = t
        .check_output("ClusterName", json!({"Value": "x"}))
        .unwrap_err();
    assert!(
        e.contains("Outputs.ClusterName.Value is {\"Ref\":\"Cluster\"} but expected \"x\""),
        "{e}"
    );
    assert!(Template::from_app(&app(), "nope").is_err());
}

#[test]
#[should_panic(expected = "expected 3 resource(s) of type AWS::ECS::Service, found 1: Web")]
fn the_asserting_forms_panic_with_the_message() {
    Template::from_app(&app(), "web")
        .unwrap()
        .resource_count_is("AWS::ECS::Service", 3);
}

/// The one-line snapshot of every stack, against a committed snapshot
/// (`tests/snapshots/assertions__web.snap`).
#[test]
fn every_stack_of_an_app_snapshots_in_one_line() {
    let app = app();
    ecs_dsl::assert_app_snapshots!(app);
}
