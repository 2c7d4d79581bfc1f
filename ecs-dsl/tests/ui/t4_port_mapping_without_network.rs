// Rule T4: network mode none has no port mappings.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::ec2(&stack, "Task", NoNetwork);
    let job = task.new_container("job", ecs_dsl::image!("busybox:1.36")).port(80);
    let _ = job;
    Ok(())
}
