//! The worker service pattern: a queue worker without a load balancer. It long-polls an SQS
//! queue given as parameters and scales between one and ten tasks on CPU. The task role may
//! receive and delete messages of that queue only: a grant through the pattern's task
//! definition accessor.
//!
//!     cargo run --example pattern_worker                 # writes out/
//!     cargo run --example pattern_worker -- --out DIR

use ecs_dsl::ec2::{Vpc, VpcProps};
use ecs_dsl::ecs::{Cluster, ContainerInsights};
use ecs_dsl::iam::PolicyStatement;
use ecs_dsl::patterns::FargateWorkerService;
use ecs_dsl::prelude::*;

/// Builds the app; the snapshot tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let stack = app.stack("pattern-worker")?;
    stack.set_description("An SQS queue worker on Fargate, from the patterns module");
    let queue_url = stack.add_parameter(
        "QueueUrl",
        Parameter::string().description("URL of the SQS queue the worker polls"),
    )?;
    let queue_arn = stack.add_parameter(
        "QueueArn",
        Parameter::string().description("ARN of the same queue"),
    )?;

    let vpc = Vpc::create(
        &stack,
        "Vpc",
        VpcProps::default().max_azs(2).nat_gateways(1),
    )?;
    let cluster = Cluster::builder(&stack, "Cluster")
        .container_insights(ContainerInsights::Enabled)
        .build()?;

    let worker = FargateWorkerService::builder(
        &stack,
        "Worker",
        &vpc,
        &cluster,
        ecs_dsl::image!("public.ecr.aws/aws-cli/aws-cli:2.17.0"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    )
    .auto_scale(1, 10, 70.0)
    .container(|c| {
        c.env("QUEUE_URL", queue_url.value())
            .entry_point(["sh", "-c"])
            .command([concat!(
                "while true; do aws sqs receive-message --queue-url \"$QUEUE_URL\" ",
                "--wait-time-seconds 20 --max-number-of-messages 10; done"
            )])
    })
    .build()?;

    worker.task_definition().grant(
        PolicyStatement::allow()
            .actions([
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility",
            ])
            .resource(queue_arn.value()),
    )?;
    Ok(app)
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("pattern_worker", build)
}
