//! Scheduled tasks (issue [4/5] item 7): an EventBridge rule that runs a task definition, with
//! a role allowed exactly `ecs:RunTask` on that task definition and `iam:PassRole` on its
//! roles; cfn-lint over the result.

#![allow(clippy::unwrap_used)]

use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, RateUnit, Schedule, ScheduledTask, TaskDefinition};
use ecs_dsl::prelude::*;
use serde_json::json;

#[test]
fn a_nightly_fargate_job_runs_with_exactly_its_permissions() {
    let mut app = App::new();
    let stack = app.stack("jobs").unwrap();
    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let task =
        TaskDefinition::fargate(&stack, "Report", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let c = task
        .new_container(
            "report",
            ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36"),
        )
        .log_to_cloudwatch();
    let task = task.container(c).build().unwrap();
    task.ensure_task_role().unwrap();
    ScheduledTask::awsvpc(
        &stack,
        "Nightly",
        &cluster,
        &task,
        Schedule::cron("0 3 * * ? *"),
        AwsVpcNetwork::new(vec!["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"])
            .security_group("sg-0123456789abcdef0"),
    )
    .unwrap();
    let t = app.synthesize().unwrap().stacks[0].template_json();
    let rule = &t["Resources"]["Nightly"]["Properties"];
    assert_eq!(rule["ScheduleExpression"], "cron(0 3 * * ? *)");
    let target = &rule["Targets"][0];
    assert_eq!(target["EcsParameters"]["LaunchType"], "FARGATE");
    assert_eq!(
        target["EcsParameters"]["TaskDefinitionArn"]["Ref"],
        "Report"
    );
    assert_eq!(
        target["EcsParameters"]["NetworkConfiguration"]["AwsVpcConfiguration"]["AssignPublicIp"],
        "DISABLED"
    );
    let role = &t["Resources"]["NightlyRole"]["Properties"];
    assert_eq!(
        role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"],
        json!(["events.amazonaws.com"])
    );
    let statements: Vec<serde_json::Value> = role["Policies"][0]["PolicyDocument"]["Statement"]
        .as_array()
        .unwrap()
        .clone();
    let actions: Vec<String> = statements.iter().map(|s| s["Action"].to_string()).collect();
    assert_eq!(actions.len(), 2, "{statements:?}");
    let run = statements
        .iter()
        .find(|s| s.to_string().contains("ecs:RunTask"))
        .unwrap();
    assert_eq!(run["Resource"], json!([{"Ref": "Report"}]));
    let pass = statements
        .iter()
        .find(|s| s.to_string().contains("iam:PassRole"))
        .unwrap();
    assert_eq!(
        pass["Resource"].as_array().unwrap().len(),
        2,
        "execution and task role"
    );
    assert!(!t.to_string().contains("\"*\""), "no wildcard");
    ecs_dsl_examples::assert_cfn_lint_clean("scheduled-task", &app);
}

#[test]
fn schedules_and_network_are_checked() {
    let mut app = App::new();
    let stack = app.stack("jobs").unwrap();
    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let task = TaskDefinition::fargate(&stack, "Job", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let c = task.new_container(
        "job",
        ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36"),
    );
    let task = task.container(c).build().unwrap();
    let net = || AwsVpcNetwork::new(vec!["subnet-a"]);
    let err = |id: &str, s: Schedule, n: AwsVpcNetwork| {
        ScheduledTask::awsvpc(&stack, id, &cluster, &task, s, n)
            .unwrap_err()
            .to_string()
    };
    assert!(err("B", Schedule::cron("0 3 * * *"), net()).contains("6"));
    assert!(err("C", Schedule::rate(0, RateUnit::Hours), net()).contains("at least 1"));
    // S5 counts, as for services (an awsvpc task without a network does not compile:
    // tests/ui/s5_scheduled_awsvpc_task_without_network.rs).
    let many: Vec<String> = (0..17).map(|i| format!("subnet-{i}")).collect();
    let e = err(
        "D",
        Schedule::rate(1, RateUnit::Hours),
        AwsVpcNetwork::new(many),
    );
    assert!(e.contains("S5") && e.contains("17 subnets"), "{e}");
    // A list of groups plus single groups keeps all of them.
    ScheduledTask::awsvpc(
        &stack,
        "E",
        &cluster,
        &task,
        Schedule::rate(1, RateUnit::Hours),
        net()
            .security_groups(vec!["sg-a", "sg-b"])
            .security_group("sg-c"),
    )
    .unwrap();
    let t = app.synthesize().unwrap().stacks[0].template_json();
    assert_eq!(
        t["Resources"]["E"]["Properties"]["ScheduleExpression"],
        "rate(1 hour)"
    );
    assert_eq!(
        t["Resources"]["E"]["Properties"]["Targets"][0]["EcsParameters"]["NetworkConfiguration"]["AwsVpcConfiguration"]
            ["SecurityGroups"],
        json!(["sg-a", "sg-b", "sg-c"])
    );
}

/// The rule's role may pass the task role even when the task had none when the rule was made:
/// the scheduled task makes it then, so a later grant lands on a role EventBridge can pass.
#[test]
fn a_task_without_a_role_yet_gets_one_the_rule_may_pass() {
    let mut app = App::new();
    let stack = app.stack("jobs").unwrap();
    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let task = TaskDefinition::fargate(&stack, "Job", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let c = task
        .new_container(
            "job",
            ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36"),
        )
        .log_to_cloudwatch();
    let task = task.container(c).build().unwrap();
    assert!(task.task_role().is_none());
    ScheduledTask::awsvpc(
        &stack,
        "Hourly",
        &cluster,
        &task,
        Schedule::rate(1, RateUnit::Hours),
        AwsVpcNetwork::new(vec!["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"])
            .security_group("sg-0123456789abcdef0"),
    )
    .unwrap();
    assert!(task.task_role().is_some());
    let t = app.synthesize().unwrap().stacks[0].template_json();
    let pass =
        t["Resources"]["HourlyRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["Action"] == "iam:PassRole" || s["Action"] == json!(["iam:PassRole"]))
            .cloned()
            .unwrap();
    assert!(
        pass["Resource"].to_string().contains("JobTaskRole"),
        "{pass}"
    );
}
