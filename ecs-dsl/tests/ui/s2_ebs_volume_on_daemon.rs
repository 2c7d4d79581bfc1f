// Rule S2: EBS volumes configured at launch are only for replica services.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let data = Volume::ebs_at_launch("data");
    let task = TaskDefinition::ec2(&stack, "Task", Bridge).volume(&data);
    let agent = task.new_container("agent", ecs_dsl::image!("busybox:1.36")).memory_limit(128);
    let task = task.container(agent).build()?;
    let cluster = Cluster::builder(&stack, "Cluster").build()?;
    let service = Service::daemon(&stack, "Agent", &cluster, &task)
        .ebs_volume(EbsVolume::for_volume(&data).size_gib(20));
    let _ = service;
    Ok(())
}
