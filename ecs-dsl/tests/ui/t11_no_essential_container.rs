// Rule T11: at least one container must be essential.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let job = task.new_container("job", ecs_dsl::image!("busybox:1.36")).non_essential();
    let task = task.container(job).build()?;
    let _ = task;
    Ok(())
}
