//! The generated L1 types through a realistic stack: a Fargate service built only from L1
//! types and parameters. Checks the rendered JSON (enums, nested structs, lists that mix
//! literals and expressions, maps, typed attributes), the create-only properties recorded in
//! the manifest, and cfn-lint.

#![allow(clippy::unwrap_used)]

use ecs_dsl::cfn::ecs::{service, task_definition};
use ecs_dsl::cfn::{ec2, ecs, iam, logs};
use ecs_dsl::prelude::*;
use ecs_dsl_examples::assert_cfn_lint_clean;
use serde_json::json;

fn fargate_app() -> ecs_dsl::Result<App> {
    let mut app = App::new();
    let s = app.stack("fargate")?;
    let vpc = s.add_parameter("VpcId", Parameter::vpc_id())?;
    let subnets = s.add_parameter("SubnetIds", Parameter::subnet_ids())?;

    let sg = s.add(
        "ServiceSg",
        ec2::SecurityGroup::new("Web service tasks")
            .vpc_id(vpc.value())
            .security_group_egress(vec![
                ec2::security_group::Egress::new("tcp")
                    .cidr_ip("0.0.0.0/0")
                    .from_port(443)
                    .to_port(443)
                    .description("HTTPS to AWS APIs"),
            ]),
    )?;
    let cluster = s.add("Cluster", ecs::Cluster::new())?;
    let log_group = s.add("Logs", logs::LogGroup::new().retention_in_days(14))?;
    let execution_role = s.add(
        "ExecutionRole",
        iam::Role::new(Json::from(json!({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]
        })))
        .managed_policy_arns(vec![intrinsic::sub(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        )]),
    )?;
    let container =
        task_definition::ContainerDefinition::new("public.ecr.aws/nginx/nginx:1.27", "web")
            .essential(true)
            .port_mappings(vec![
                task_definition::PortMapping::new()
                    .container_port(80)
                    .protocol(task_definition::PortMappingProtocol::Tcp)
                    .name("http"),
            ])
            .environment(vec![
                task_definition::KeyValuePair::new()
                    .name("STAGE")
                    .value("prod"),
            ])
            .log_configuration(task_definition::LogConfiguration::new("awslogs").options(
                Value::from_iter([
                    ("awslogs-group", log_group.reference()),
                    ("awslogs-region", intrinsic::region()),
                    ("awslogs-stream-prefix", "web".into()),
                ]),
            ));
    let task = s.add(
        "Task",
        ecs::TaskDefinition::new()
            .cpu("512")
            .memory("1024")
            .network_mode(task_definition::TaskDefinitionNetworkMode::Awsvpc)
            .requires_compatibilities(vec![
                task_definition::TaskDefinitionRequiresCompatibilities::Fargate,
            ])
            .execution_role_arn(execution_role.attr_arn())
            .container_definitions(vec![container]),
    )?;
    s.add(
        "Service",
        ecs::Service::new()
            .cluster(cluster.reference())
            .task_definition(task.reference())
            .launch_type(service::ServiceLaunchType::Fargate)
            .desired_count(2)
            .deployment_configuration(
                service::DeploymentConfiguration::new()
                    .minimum_healthy_percent(100)
                    .deployment_circuit_breaker(service::DeploymentCircuitBreaker::new(true, true)),
            )
            .network_configuration(
                service::NetworkConfiguration::new().awsvpc_configuration(
                    service::AwsVpcConfiguration::new()
                        .assign_public_ip(service::AwsVpcConfigurationAssignPublicIp::Disabled)
                        .security_groups(vec![sg.attr_group_id()])
                        .subnets(subnets.value()),
                ),
            ),
    )?;
    Ok(app)
}

#[test]
fn l1_types_render_cloudformation_json() {
    let assembly = fargate_app().unwrap().synthesize().unwrap();
    let t = assembly.stacks[0].template_json();
    let task = &t["Resources"]["Task"]["Properties"];
    assert_eq!(task["NetworkMode"], "awsvpc");
    assert_eq!(task["RequiresCompatibilities"], json!(["FARGATE"]));
    assert_eq!(
        task["ExecutionRoleArn"],
        json!({"Fn::GetAtt": ["ExecutionRole", "Arn"]})
    );
    let web = &task["ContainerDefinitions"][0];
    assert_eq!(
        web["PortMappings"],
        json!([{"ContainerPort": 80, "Name": "http", "Protocol": "tcp"}])
    );
    assert_eq!(
        web["LogConfiguration"]["Options"],
        json!({"awslogs-group": {"Ref": "Logs"}, "awslogs-region": {"Ref": "AWS::Region"}, "awslogs-stream-prefix": "web"})
    );
    let svc = &t["Resources"]["Service"]["Properties"];
    assert_eq!(svc["LaunchType"], "FARGATE");
    assert_eq!(
        svc["DeploymentConfiguration"],
        json!({"DeploymentCircuitBreaker": {"Enable": true, "Rollback": true}, "MinimumHealthyPercent": 100})
    );
    assert_eq!(
        svc["NetworkConfiguration"]["AwsvpcConfiguration"],
        json!({"AssignPublicIp": "DISABLED", "SecurityGroups": [{"Fn::GetAtt": ["ServiceSg", "GroupId"]}], "Subnets": {"Ref": "SubnetIds"}})
    );
}

#[test]
fn the_manifest_records_create_only_properties() {
    let assembly = fargate_app().unwrap().synthesize().unwrap();
    let m: serde_json::Value = serde_json::from_str(assembly.manifest()).unwrap();
    let service = &m["stacks"][0]["resources"]["Service"];
    assert_eq!(service["type"], "AWS::ECS::Service");
    let create_only = service["createOnlyProperties"].as_array().unwrap();
    assert!(create_only.contains(&json!("ServiceName")) && create_only.contains(&json!("Cluster")));
    let info = ecs_dsl::cfn::registry::lookup("AWS::ECS::TaskDefinition").unwrap();
    assert!(
        info.create_only_properties
            .contains(&"ContainerDefinitions")
    );
    assert!(info.attributes.contains(&"TaskDefinitionArn"));
}

#[test]
fn the_fargate_stack_passes_cfn_lint() {
    assert_cfn_lint_clean("l1-fargate", &fargate_app().unwrap());
}
