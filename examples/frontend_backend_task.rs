//! The seed's two-container task: one Fargate task of 2048 CPU units and 4096 MiB holding a
//! `frontend-react-app` (1024 units, 2048 MiB) and a `backend-python` (999 units, 1934 MiB).
//! The containers share the task's network namespace (awsvpc), so the frontend reaches the
//! backend on `localhost:5000`. Both images live in ECR repositories of this stack; the
//! execution role may pull from exactly those two repositories.
//!
//! The container limits are `Mib`/`CpuUnits` constants, so a limit above the task's size fails
//! to compile (rule T13); the sum of CPU units is checked when the task definition is built.
//!
//!     cargo run --example frontend_backend_task                 # writes out/
//!     cargo run --example frontend_backend_task -- --out DIR

use ecs_dsl::cfn::ecr;
use ecs_dsl::ecs::{
    AppProtocol, AwsLogs, AwsVpcNetwork, Cluster, CpuUnits, HealthCheck, Image, Mib, PortMapping,
    Service, TaskDefinition,
};
use ecs_dsl::logs::Retention;
use ecs_dsl::prelude::*;

/// Builds the app; the snapshot tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let stack = app.stack("frontend-backend")?;
    stack.set_description("A React frontend and a Python backend in one Fargate task");

    let subnets = stack.add_parameter(
        "SubnetIds",
        Parameter::subnet_ids().description("Private subnets for the task"),
    )?;
    let security_group = stack.add_parameter(
        "SecurityGroupId",
        Parameter::aws(AwsType::SecurityGroupId).description("Security group of the task"),
    )?;
    let image_tag = "1.0.0";

    let frontend_repo = stack.add(
        "FrontendRepository",
        ecr::Repository::new()
            .image_tag_mutability(ecr::repository::RepositoryImageTagMutability::Immutable),
    )?;
    frontend_repo.set_removal_policy(RemovalPolicy::Retain)?;
    let backend_repo = stack.add(
        "BackendRepository",
        ecr::Repository::new()
            .image_tag_mutability(ecr::repository::RepositoryImageTagMutability::Immutable),
    )?;
    backend_repo.set_removal_policy(RemovalPolicy::Retain)?;

    let cluster = Cluster::builder(&stack, "Cluster").build()?;

    let task = TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 2048, memory = 4096))
        .family("frontend-backend");
    let backend = task
        .new_container("backend-python", Image::ecr(&backend_repo, image_tag)?)
        .cpu(CpuUnits::<999>)
        .memory_limit(Mib::<1934>)
        .port_mapping(
            PortMapping::tcp(5000)
                .name("api")
                .app_protocol(AppProtocol::Http),
        )
        .env("BIND", "127.0.0.1:5000")
        .logging(AwsLogs::auto().retention(Retention::TwoWeeks))
        .health_check(
            HealthCheck::command([
                "python3",
                "-c",
                "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5000/health')",
            ])
            .timing(ecs_dsl::health_check_timing!(
                interval = 15,
                timeout = 5,
                retries = 3,
                start_period = 20
            )),
        );
    let frontend = task
        .new_container("frontend-react-app", Image::ecr(&frontend_repo, image_tag)?)
        .cpu(CpuUnits::<1024>)
        .memory_limit(Mib::<2048>)
        .port_mapping(
            PortMapping::tcp(3000)
                .name("web")
                .app_protocol(AppProtocol::Http),
        )
        .env("BACKEND_URL", "http://localhost:5000")
        .logging(AwsLogs::auto().retention(Retention::TwoWeeks))
        .depends_on_healthy(&backend);
    let task = task.container(backend).container(frontend).build()?;

    let service = Service::replica(&stack, "AppService", &cluster, &task)
        .desired_count(1)
        .network(AwsVpcNetwork::new(subnets.value()).security_group(security_group.value()))
        .build()?;
    stack.add_output("TaskDefinitionArn", Output::new(task.arn()))?;
    stack.add_output("ServiceName", Output::new(service.name()))?;
    Ok(app)
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("frontend_backend_task", build)
}
