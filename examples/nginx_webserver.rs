//! The seed's single-container NGINX web server: one Fargate task of 256 CPU units and 512 MiB
//! (network mode awsvpc) run as a service of two tasks in the subnets given as parameters,
//! reachable on port 80 through a security group. Logs go to a log group created with the task
//! definition; the execution role may write to exactly that group.
//!
//!     cargo run --example nginx_webserver                 # writes out/
//!     cargo run --example nginx_webserver -- --out DIR

use ecs_dsl::cfn::ec2;
use ecs_dsl::ecs::{
    AwsVpcNetwork, Cluster, ContainerInsights, HealthCheck, Service, TaskDefinition,
};
use ecs_dsl::prelude::*;

/// Builds the app; the snapshot tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let web = app.stack("nginx")?;
    web.set_description("NGINX on Fargate: one 0.25 vCPU / 512 MiB task per replica, two replicas");

    let vpc = web.add_parameter("VpcId", Parameter::vpc_id())?;
    let subnets = web.add_parameter(
        "SubnetIds",
        Parameter::subnet_ids().description("Public subnets for the tasks"),
    )?;
    let sg = web.add(
        "WebSg",
        ec2::SecurityGroup::new("NGINX tasks: HTTP in")
            .vpc_id(vpc.value())
            .security_group_ingress(vec![
                ec2::security_group::Ingress::new("tcp")
                    .cidr_ip("0.0.0.0/0")
                    .from_port(80)
                    .to_port(80)
                    .description("HTTP from anywhere"),
            ]),
    )?;

    let cluster = Cluster::builder(&web, "Cluster")
        .container_insights(ContainerInsights::Enabled)
        .build()?;

    let task = TaskDefinition::fargate(&web, "Nginx", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let nginx = task
        .new_container("nginx", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
        .port(80)
        .log_to_cloudwatch()
        .health_check(
            HealthCheck::shell("curl -f http://localhost/ || exit 1").timing(
                ecs_dsl::health_check_timing!(interval = 30, timeout = 5, retries = 3),
            ),
        );
    let task = task.container(nginx).build()?;

    let service = Service::replica(&web, "Web", &cluster, &task)
        .desired_count(2)
        .network(
            AwsVpcNetwork::new(subnets.value())
                .security_group(sg.attr_group_id())
                .assign_public_ip(),
        )
        .build()?;
    web.add_output("ServiceName", Output::new(service.name()))?;
    Ok(app)
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("nginx_webserver", build)
}
