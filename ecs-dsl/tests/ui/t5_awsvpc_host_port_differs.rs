// Rule T5: under awsvpc there is no separate host port.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let web = task
        .new_container("web", ecs_dsl::image!("nginx:1.27"))
        .port_mapping(PortMapping::tcp(80).host_port(8080));
    let _ = web;
    Ok(())
}
