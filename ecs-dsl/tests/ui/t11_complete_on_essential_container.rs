// Rule T11: COMPLETE/SUCCESS cannot wait for an essential container.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let db = task.new_container("db", ecs_dsl::image!("postgres:16"));
    let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).depends_on_complete(&db);
    let _ = web;
    Ok(())
}
