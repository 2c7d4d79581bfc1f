// Service Connect runs a proxy beside awsvpc and bridge tasks only; host tasks cannot join.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("apps")?;
    let task = TaskDefinition::ec2(&stack, "Api", Host);
    let api = task.new_container("api", ecs_dsl::image!("nginx:1.27")).memory_limit(256);
    let task = task.container(api).build()?;
    let cluster = Cluster::builder(&stack, "Cluster").build()?;
    let service = Service::replica(&stack, "Api", &cluster, &task)
        .service_connect(ServiceConnect::client())
        .build()?;
    let _ = service;
    Ok(())
}
