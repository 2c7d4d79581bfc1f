// Rule T6: host path bind mounts are not available on Fargate.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let docker_sock = Volume::host_path("sock", "/var/run/docker.sock");
    let task = task.volume(&docker_sock);
    let _ = task;
    Ok(())
}
