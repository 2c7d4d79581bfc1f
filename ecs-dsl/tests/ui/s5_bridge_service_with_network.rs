// Rule S5: only awsvpc services take a network configuration.
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
        .network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    let _ = service;
    Ok(())
}
