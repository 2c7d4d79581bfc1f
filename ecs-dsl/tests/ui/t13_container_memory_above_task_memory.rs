// Rule T13: a container memory limit given as a constant is checked against the task size
// when the program is built (a post-monomorphization error: `cargo build`, not `cargo check`).
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(Mib::<1024>);
    let _ = web;
    Ok(())
}
