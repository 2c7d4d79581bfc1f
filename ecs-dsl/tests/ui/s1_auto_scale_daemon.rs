// Rule S1: a daemon service runs one task per instance and has no desired count to scale.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("agents")?;
    let task = TaskDefinition::ec2(&stack, "Task", Bridge);
    let agent = task.new_container("agent", ecs_dsl::image!("busybox:1.36")).memory_limit(128);
    let task = task.container(agent).build()?;
    let cluster = Cluster::builder(&stack, "Cluster").build()?;
    let daemon = Service::daemon(&stack, "Agent", &cluster, &task).build()?;
    let _ = daemon.auto_scale(1, 4)?;
    Ok(())
}
