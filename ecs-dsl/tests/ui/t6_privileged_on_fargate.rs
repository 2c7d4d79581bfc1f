// Rule T6: privileged containers are not available on Fargate.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).privileged();
    let _ = web;
    Ok(())
}
