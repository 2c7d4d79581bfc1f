// Rule S5: only awsvpc tasks take a network configuration, also when scheduled.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("jobs")?;
    let task = TaskDefinition::ec2(&stack, "Task", Bridge);
    let job = task.new_container("job", ecs_dsl::image!("busybox:1.36")).memory_limit(128);
    let task = task.container(job).build()?;
    let cluster = Cluster::builder(&stack, "Cluster").build()?;
    let network = AwsVpcNetwork::new(vec!["subnet-0123456789abcdef0"]);
    let _ = ScheduledTask::awsvpc(&stack, "Nightly", &cluster, &task, Schedule::rate(1, RateUnit::Days), network)?;
    Ok(())
}
