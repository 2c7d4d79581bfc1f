// Rule S5: a scheduled awsvpc task needs a network configuration: `ScheduledTask::new` (no
// network) does not take one.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("jobs")?;
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let job = task.new_container("job", ecs_dsl::image!("busybox:1.36"));
    let task = task.container(job).build()?;
    let cluster = Cluster::builder(&stack, "Cluster").build()?;
    let _ = ScheduledTask::new(&stack, "Nightly", &cluster, &task, Schedule::rate(1, RateUnit::Days))?;
    Ok(())
}
