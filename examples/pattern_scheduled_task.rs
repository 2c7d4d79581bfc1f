//! The scheduled Fargate task pattern: every night at 03:00 UTC a task writes a report to an
//! S3 bucket given as a parameter. EventBridge runs it in the private subnets with a role
//! allowed to run exactly this task definition; the task role may put objects under
//! `reports/` of that bucket only, a grant through the pattern's task definition accessor.
//!
//!     cargo run --example pattern_scheduled_task                 # writes out/
//!     cargo run --example pattern_scheduled_task -- --out DIR

use ecs_dsl::ec2::{Vpc, VpcProps};
use ecs_dsl::ecs::{Cluster, ContainerInsights, Schedule};
use ecs_dsl::iam::PolicyStatement;
use ecs_dsl::patterns::ScheduledFargateTask;
use ecs_dsl::prelude::*;

/// Builds the app; the snapshot tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let stack = app.stack("pattern-scheduled-task")?;
    stack.set_description("A nightly report task on Fargate, from the patterns module");
    let bucket = stack.add_parameter(
        "ReportBucket",
        Parameter::string().description("S3 bucket that receives the reports"),
    )?;

    let vpc = Vpc::create(
        &stack,
        "Vpc",
        VpcProps::default().max_azs(2).nat_gateways(1),
    )?;
    let cluster = Cluster::builder(&stack, "Cluster")
        .container_insights(ContainerInsights::Enabled)
        .build()?;

    let report = ScheduledFargateTask::builder(
        &stack,
        "Report",
        &vpc,
        &cluster,
        ecs_dsl::image!("public.ecr.aws/aws-cli/aws-cli:2.17.0"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
        Schedule::cron("0 3 * * ? *"),
    )
    .container(|c| {
        c.env("REPORT_BUCKET", bucket.value())
            .entry_point(["sh", "-c"])
            .command([concat!(
                "date -u > /tmp/report.txt && ",
                "aws s3 cp /tmp/report.txt \"s3://$REPORT_BUCKET/reports/$(date -u +%F).txt\""
            )])
    })
    .build()?;

    let reports = intrinsic::sub_with(
        "arn:${AWS::Partition}:s3:::${Bucket}/reports/*",
        [("Bucket", bucket.value())],
    );
    report.task_definition().grant(
        PolicyStatement::allow()
            .action("s3:PutObject")
            .resource(reports),
    )?;
    Ok(app)
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("pattern_scheduled_task", build)
}
