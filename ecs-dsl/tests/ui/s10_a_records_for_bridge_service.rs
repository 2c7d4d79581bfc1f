// Rule S10: bridge and host tasks share the instance's IP, so Cloud Map A records cannot
// reach them: they register with SRV records naming a container and port.
use ecs_dsl::prelude::*;
use ecs_dsl::cloudmap::{DnsRecords, Namespace};
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("apps")?;
    let dns = Namespace::public_dns(&stack, "Public", "apps.example.com")?;
    let task = TaskDefinition::ec2(&stack, "Task", Bridge);
    let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256).port(80);
    let task = task.container(web).build()?;
    let cluster = Cluster::builder(&stack, "Cluster").build()?;
    let service = Service::replica(&stack, "Web", &cluster, &task).build()?;
    dns.register_a(&service, "web", DnsRecords::ttl_secs(10))?;
    Ok(())
}
