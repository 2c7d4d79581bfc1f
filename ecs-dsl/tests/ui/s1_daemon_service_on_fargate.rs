// Rule S1: daemon services need EC2 or External instances.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).port(80);
    let task = task.container(web).build()?;
    let cluster = Cluster::builder(&stack, "Cluster").build()?;
    let service = Service::daemon(&stack, "Web", &cluster, &task);
    let _ = service;
    Ok(())
}
