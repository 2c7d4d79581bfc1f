//! The main example: an ECS cluster with Container Insights and a log group in a `platform`
//! stack, and a `deployers` stack whose IAM policy is scoped to that cluster's ARN. The ARN
//! crosses stacks, so synthesis exports it from `platform` and imports it in `deployers`.
//!
//!     cargo run --example cluster                 # writes out/
//!     cargo run --example cluster -- --out DIR

use ecs_dsl::cfn::{ecs, iam, logs};
use ecs_dsl::prelude::*;

/// Builds the app; the snapshot tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();

    let platform = app.stack("platform")?;
    platform.set_description("ECS cluster with Container Insights and its application log group");
    platform.add_tag("project", "ecs-dsl-example");
    let cluster = platform.add(
        "Cluster",
        ecs::Cluster::new().cluster_settings(vec![
            ecs::cluster::ClusterSettings::new()
                .name("containerInsights")
                .value("enabled"),
        ]),
    )?;
    let log_group = platform.add(
        "AppLogs",
        logs::LogGroup::new()
            .log_group_name(intrinsic::sub("/ecs/${AWS::StackName}/app"))
            .retention_in_days(30),
    )?;
    log_group.set_removal_policy(RemovalPolicy::Retain)?;
    platform.add_output(
        "ClusterName",
        Output::new(cluster.reference()).description("Name of the ECS cluster"),
    )?;
    platform.add_output(
        "LogGroupName",
        Output::new(log_group.reference()).description("Log group for the cluster's services"),
    )?;

    let deployers = app.stack("deployers")?;
    deployers.set_description("Permissions for CI to roll out services on the platform cluster");
    let cluster_arn: Value<String> = cluster.attr_arn();
    let policy = Json::object([
        ("Version", Json::from("2012-10-17")),
        (
            "Statement",
            Json::Array(vec![
                Json::object([
                    ("Sid", Json::from("RolloutOnThisClusterOnly")),
                    ("Effect", Json::from("Allow")),
                    (
                        "Action",
                        Json::Array(vec![
                            "ecs:UpdateService".into(),
                            "ecs:DescribeServices".into(),
                        ]),
                    ),
                    (
                        "Resource",
                        intrinsic::sub(
                            "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:service/*",
                        )
                        .into(),
                    ),
                    (
                        "Condition",
                        Json::object([(
                            "ArnEquals",
                            Json::object([("ecs:cluster", cluster_arn.into())]),
                        )]),
                    ),
                ]),
                Json::object([
                    // These two actions have no resource-level permissions: AWS requires "*".
                    ("Sid", Json::from("RegisterTaskDefinitions")),
                    ("Effect", Json::from("Allow")),
                    (
                        "Action",
                        Json::Array(vec![
                            "ecs:RegisterTaskDefinition".into(),
                            "ecs:DescribeTaskDefinition".into(),
                        ]),
                    ),
                    ("Resource", Json::from("*")),
                ]),
            ]),
        ),
    ]);
    let deploy_policy = deployers.add(
        "DeployPolicy",
        iam::ManagedPolicy::new(policy)
            .description("Roll out ECS services on the platform cluster"),
    )?;
    deployers.add_output("DeployPolicyArn", Output::new(deploy_policy.reference()))?;
    Ok(app)
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("cluster", build)
}
