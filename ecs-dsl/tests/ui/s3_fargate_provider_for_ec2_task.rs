// Rule S3: Fargate capacity providers cannot run EC2 tasks.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::ec2(&stack, "Task", Bridge);
    let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256).port(80);
    let task = task.container(web).build()?;
    let cluster = Cluster::builder(&stack, "Cluster").build()?;
    let service = Service::replica(&stack, "Agent", &cluster, &task)
        .capacity_provider_strategy(CapacityProviderStrategy::new().with(CapacityProvider::fargate().weight(1)));
    let _ = service;
    Ok(())
}
