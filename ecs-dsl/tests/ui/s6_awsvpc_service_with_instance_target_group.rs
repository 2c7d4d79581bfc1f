// Rule S6: awsvpc tasks register by IP, so the target group must have target type ip.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let mut web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    let http = web.expose(PortMapping::tcp(80));
    let task = task.container(web).build()?;
    let cluster = Cluster::builder(&stack, "Cluster").build()?;
    let tg = TargetGroupRef::<Instance>::from_arn("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef");
    let service = Service::replica(&stack, "Web", &cluster, &task).attach(&tg, &http);
    let _ = service;
    Ok(())
}
