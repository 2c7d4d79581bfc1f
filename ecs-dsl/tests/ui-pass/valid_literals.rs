// The compile-time checks accept values at the edges of each rule (a rule must never reject
// valid input). Being a `pass` case, it also makes trybuild build (not only check) every case,
// which the post-monomorphization check of rule T13 needs.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("edges")?;
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 512, memory = 1024))
        .ephemeral_storage(ecs_dsl::ephemeral_storage!(21))
        .ephemeral_storage(ecs_dsl::ephemeral_storage!(200));
    let timing_low = ecs_dsl::health_check_timing!(interval = 5, timeout = 2, retries = 1, start_period = 0);
    let timing_high = ecs_dsl::health_check_timing!(interval = 300, timeout = 60, retries = 10, start_period = 300);
    let db = task
        .new_container(ecs_dsl::name!("db"), ecs_dsl::image!("postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))
        .memory_limit(Mib::<1024>)
        .cpu(CpuUnits::<256>)
        .health_check(HealthCheck::shell("pg_isready").timing(timing_low));
    let migrate = task
        .new_container("migrate", ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36"))
        .non_essential()
        .health_check(HealthCheck::shell("true").timing(timing_high));
    let web = task
        .new_container("web", ecs_dsl::image!("nginx:1.27"))
        .cpu(CpuUnits::<256>)
        .depends_on_healthy(&db)
        .depends_on_success(&migrate)
        .port_mapping(PortMapping::tcp(80).name("http"));
    let task = task.container(db).container(migrate).container(web).build()?;
    let _ = (task, ecs_dsl::fargate!(cpu = 32768, memory = 249856));
    Ok(())
}
