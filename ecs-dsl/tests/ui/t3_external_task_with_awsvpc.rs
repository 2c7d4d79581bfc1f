// Rule T3: External (ECS Anywhere) tasks use bridge, host or none.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::external(&stack, "Task", AwsVpc);
    let _ = task;
    Ok(())
}
