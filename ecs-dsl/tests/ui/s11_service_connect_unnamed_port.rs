// Rule S11: Service Connect offers a port by its name, so only a named port mapping can be
// offered.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("apps")?;
    let task = TaskDefinition::fargate(&stack, "Api", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let mut api = task.new_container("api", ecs_dsl::image!("nginx:1.27"));
    let http = api.expose(PortMapping::tcp(8080));
    let _task = task.container(api).build()?;
    let offer = ConnectPort::new(&http).discovery_name("api");
    let _ = offer;
    Ok(())
}
