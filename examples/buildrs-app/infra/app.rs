//! The application's infrastructure: one Fargate service. `build.rs` synthesizes it; the
//! crate's tests build it too (`tests/infra.rs`).

use ecs_dsl::ecs::{
    AwsLogs, AwsVpcNetwork, Cluster, ContainerInsights, HealthCheck, Service, TaskDefinition,
};
use ecs_dsl::logs::Retention;
use ecs_dsl::prelude::*;

/// The app: a stack `buildrs-web` with a cluster and a service of two tasks.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let stack = app.stack("buildrs-web")?;
    stack.set_description("Synthesized by the build script of buildrs-app");
    let subnets = stack.add_parameter(
        "SubnetIds",
        Parameter::subnet_ids().description("Private subnets of the tasks"),
    )?;
    let cluster = Cluster::builder(&stack, "Cluster")
        .container_insights(ContainerInsights::Enabled)
        .build()?;
    let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let web = task
        .new_container("web", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
        .port(80)
        .health_check(HealthCheck::shell("curl -f http://localhost/ || exit 1"))
        .logging(AwsLogs::auto().retention(Retention::OneMonth));
    let task = task.container(web).build()?;
    Service::replica(&stack, "WebService", &cluster, &task)
        .desired_count(2)
        .network(AwsVpcNetwork::new(subnets.value()))
        .build()?;
    Ok(app)
}
