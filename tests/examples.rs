//! Every example's templates: snapshots (in the top-level `snapshots/` folder), byte-identical
//! output across runs, and cfn-lint with no error or warning.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use ecs_dsl_examples::{assert_cfn_lint_clean, scratch_dir};

#[path = "../examples/cluster.rs"]
mod cluster;
#[path = "../examples/ec2_daemon.rs"]
mod ec2_daemon;
#[path = "../examples/efs_storage.rs"]
mod efs_storage;
#[path = "../examples/frontend_backend_services.rs"]
mod frontend_backend_services;
#[path = "../examples/frontend_backend_task.rs"]
mod frontend_backend_task;
#[path = "../examples/nginx_webserver.rs"]
mod nginx_webserver;
#[path = "../examples/pattern_load_balanced.rs"]
mod pattern_load_balanced;
#[path = "../examples/pattern_network_load_balanced.rs"]
mod pattern_network_load_balanced;
#[path = "../examples/pattern_scheduled_task.rs"]
mod pattern_scheduled_task;
#[path = "../examples/pattern_worker.rs"]
mod pattern_worker;
#[path = "../examples/r1.rs"]
mod r1;
#[path = "../examples/rails_web_app.rs"]
mod rails_web_app;

/// A function that builds an example's app.
type Build = fn() -> ecs_dsl::Result<ecs_dsl::App>;

/// The examples, by name, with the function that builds each app.
fn examples() -> Vec<(&'static str, Build)> {
    vec![
        ("cluster", cluster::build),
        ("nginx_webserver", nginx_webserver::build),
        ("frontend_backend_task", frontend_backend_task::build),
        ("ec2_daemon", ec2_daemon::build),
        ("r1", r1::build),
        ("rails_web_app", rails_web_app::build),
        (
            "frontend_backend_services",
            frontend_backend_services::build,
        ),
        ("efs_storage", efs_storage::build),
        ("pattern_load_balanced", pattern_load_balanced::build),
        (
            "pattern_network_load_balanced",
            pattern_network_load_balanced::build,
        ),
        ("pattern_worker", pattern_worker::build),
        ("pattern_scheduled_task", pattern_scheduled_task::build),
    ]
}

fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

#[test]
fn templates_match_their_snapshots() {
    for (name, build) in examples() {
        let assembly = build()
            .expect("example builds")
            .synthesize()
            .expect("synthesizes");
        snapshot_settings().bind(|| {
            for stack in &assembly.stacks {
                insta::assert_snapshot!(format!("{name}__{}", stack.name), &stack.template);
            }
            insta::assert_snapshot!(format!("{name}__manifest"), assembly.manifest());
        });
    }
}

#[test]
fn the_cluster_arn_crosses_stacks_as_export_and_import() {
    let assembly = cluster::build().unwrap().synthesize().unwrap();
    let platform = assembly.stack("platform").unwrap().template_json();
    let deployers = assembly.stack("deployers").unwrap();
    assert_eq!(
        platform["Outputs"]["ExportClusterArn"]["Export"]["Name"],
        "platform:Cluster:Arn"
    );
    assert_eq!(deployers.dependencies, vec!["platform"]);
    let statement = &deployers.template_json()["Resources"]["DeployPolicy"]["Properties"]["PolicyDocument"]
        ["Statement"][0];
    assert_eq!(
        statement["Condition"]["ArnEquals"]["ecs:cluster"],
        serde_json::json!({"Fn::ImportValue": "platform:Cluster:Arn"})
    );
}

fn read_dir_sorted(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn two_runs_write_byte_identical_folders() {
    for (name, build) in examples() {
        let first = scratch_dir(&format!("{name}-1"));
        let second = scratch_dir(&format!("{name}-2"));
        build().unwrap().synth(&first).unwrap();
        build().unwrap().synth(&second).unwrap();
        assert_eq!(read_dir_sorted(&first), read_dir_sorted(&second), "{name}");
    }
}

#[test]
fn templates_pass_cfn_lint_without_errors_or_warnings() {
    for (name, build) in examples() {
        assert_cfn_lint_clean(&format!("{name}-lint"), &build().unwrap());
    }
}

/// The only `"Resource": "*"` statements in any example template are ones AWS requires: their
/// actions have no resource-level permissions (`REQUIRED_WILDCARD_ACTIONS`).
#[test]
fn wildcard_iam_resources_appear_only_where_aws_requires_them() {
    use ecs_dsl::iam::grants::{REQUIRED_WILDCARD_ACTIONS, wildcard_statements};
    // The cluster example's hand-written deploy policy registers task definitions; these ECS
    // actions have no resource-level permissions either (see the Service Authorization
    // Reference for Amazon ECS).
    const REQUIRED_BY_THE_CLUSTER_EXAMPLE: [&str; 2] =
        ["ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"];
    let mut seen = 0;
    for (name, build) in examples() {
        let assembly = build().unwrap().synthesize().unwrap();
        for stack in &assembly.stacks {
            for w in wildcard_statements(&stack.template_json()) {
                seen += 1;
                for action in &w.actions {
                    assert!(
                        REQUIRED_WILDCARD_ACTIONS.contains(&action.as_str())
                            || REQUIRED_BY_THE_CLUSTER_EXAMPLE.contains(&action.as_str()),
                        "{name}/{}: {} allows {action} on every resource",
                        stack.name,
                        w.logical_id
                    );
                }
            }
        }
    }
    // The ECR token of each task that pulls from ECR (frontend_backend_task, rails_web_app, the
    // four tasks of frontend_backend_services) and the cluster example's task definition
    // actions. The pattern examples run public images and add none.
    assert_eq!(seen, 7);
}
