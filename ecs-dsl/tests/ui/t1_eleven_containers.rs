// Rule T1: at most 10 containers per task definition.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let c0 = task.new_container("c0", ecs_dsl::image!("busybox:1.36"));
    let c1 = task.new_container("c1", ecs_dsl::image!("busybox:1.36"));
    let c2 = task.new_container("c2", ecs_dsl::image!("busybox:1.36"));
    let c3 = task.new_container("c3", ecs_dsl::image!("busybox:1.36"));
    let c4 = task.new_container("c4", ecs_dsl::image!("busybox:1.36"));
    let c5 = task.new_container("c5", ecs_dsl::image!("busybox:1.36"));
    let c6 = task.new_container("c6", ecs_dsl::image!("busybox:1.36"));
    let c7 = task.new_container("c7", ecs_dsl::image!("busybox:1.36"));
    let c8 = task.new_container("c8", ecs_dsl::image!("busybox:1.36"));
    let c9 = task.new_container("c9", ecs_dsl::image!("busybox:1.36"));
    let c10 = task.new_container("c10", ecs_dsl::image!("busybox:1.36"));
    let task = task
        .container(c0)
        .container(c1)
        .container(c2)
        .container(c3)
        .container(c4)
        .container(c5)
        .container(c6)
        .container(c7)
        .container(c8)
        .container(c9)
        .container(c10)
        .build()?;
    let _ = task;
    Ok(())
}
