// Rule T2: Fargate tasks use awsvpc only.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::new(&stack, "Task", Fargate, Bridge);
    let _ = task;
    Ok(())
}
