//! The patterns (L3) of `ecs_dsl::patterns`, asserted with `ecs_dsl::assertions`: each
//! pattern's safe defaults (circuit breaker with rollback, minimum healthy 100 %, no public IP,
//! a log group with a retention), its variants (HTTPS with a redirect, TLS, auto scaling), a
//! customization through its closures and accessors, and the errors of invalid input, which
//! name the stack, the logical id and the field and come before anything is added.

#![allow(clippy::unwrap_used)]

use ecs_dsl::assertions::{Match, Template};
use ecs_dsl::ec2::{Port, SecurityGroup, Subnet, Vpc, VpcProps};
use ecs_dsl::ecs::{
    Cluster, Fargate, RateUnit, ResourceLabel, Schedule, SecretSource, SizeFor, TargetTracking,
};
use ecs_dsl::elb::{AlbProps, HealthCheck, NlbProps, RuleCondition};
use ecs_dsl::iam::PolicyStatement;
use ecs_dsl::logs::Retention;
use ecs_dsl::patterns::{
    FargateWorkerService, LoadBalancedFargateService, LoadBalancedFargateServiceBuilder,
    NetworkLoadBalancedFargateService, ScheduledFargateTask,
};
use ecs_dsl::prelude::*;
use serde_json::{Value as Json, json};

const CERTIFICATE: &str = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
const QUEUE: &str = "arn:aws:sqs:eu-west-1:123456789012:orders";

/// An app with one stack `name`, a new two-zone VPC with one NAT gateway and a cluster.
fn setup(name: &str) -> (App, Stack, Vpc, Cluster) {
    let mut app = App::new();
    let stack = app.stack(name).unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1)).unwrap();
    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    (app, stack, vpc, cluster)
}

fn get_att(id: &str, attribute: &str) -> Json {
    json!({"Fn::GetAtt": [id, attribute]})
}

/// The deployment settings and network configuration every pattern service has.
fn safe_service(tasks_sg: &str) -> Json {
    json!({
        "LaunchType": "FARGATE",
        "DeploymentConfiguration": {
            "DeploymentCircuitBreaker": {"Enable": true, "Rollback": true},
            "MinimumHealthyPercent": 100,
        },
        "NetworkConfiguration": {"AwsvpcConfiguration": {
            "AssignPublicIp": "DISABLED",
            "SecurityGroups": [get_att(tasks_sg, "GroupId")],
            "Subnets": [{"Ref": "VpcPrivateSubnet1"}, {"Ref": "VpcPrivateSubnet2"}],
        }},
    })
}

/// The ingress rules on the security group `group`, by logical id.
fn ingress_to(t: &Template, group: &str) -> Vec<(String, Json)> {
    t.find_resources(
        "AWS::EC2::SecurityGroupIngress",
        json!({"GroupId": get_att(group, "GroupId")}),
    )
}

/// The error's stack, logical id and field, for an `InvalidValue` or `Rule` error.
fn located(err: &Error) -> (String, String, String) {
    match err {
        Error::InvalidValue {
            stack,
            logical_id,
            field,
            ..
        }
        | Error::Rule {
            stack,
            logical_id,
            field,
            ..
        } => (stack.clone(), logical_id.clone(), field.clone()),
        other => panic!("unexpected error: {other}"),
    }
}

// ---- LoadBalancedFargateService ----

/// The load-balanced nginx service `Web` of most tests below.
fn nginx<'a>(
    stack: &Stack,
    vpc: &'a Vpc,
    cluster: &Cluster,
) -> LoadBalancedFargateServiceBuilder<'a, impl SizeFor<Fargate>> {
    LoadBalancedFargateService::builder(
        stack,
        "Web",
        vpc,
        cluster,
        ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    )
}

#[test]
fn a_load_balanced_service_starts_from_the_safe_defaults() {
    let (app, stack, vpc, cluster) = setup("web");
    let web = nginx(&stack, &vpc, &cluster).build().unwrap();
    let t = Template::from_app(&app, "web").unwrap();

    t.resource_count_is("AWS::ECS::Service", 1);
    t.resource_count_is("AWS::ECS::TaskDefinition", 1);
    t.resource_count_is("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
    t.resource_count_is("AWS::ElasticLoadBalancingV2::TargetGroup", 1);
    t.resource_count_is("AWS::ElasticLoadBalancingV2::Listener", 1);
    t.resource_count_is("AWS::ApplicationAutoScaling::ScalableTarget", 0);
    t.has_resource_properties("AWS::ECS::Service", safe_service("WebTasksSg"));
    t.has_resource_properties(
        "AWS::ECS::Service",
        json!({
            "DesiredCount": 2,
            "HealthCheckGracePeriodSeconds": 60,
            "LoadBalancers": [{"ContainerName": "web", "ContainerPort": 80, "TargetGroupArn": {"Ref": "WebTargets"}}],
        }),
    );
    t.has_resource("AWS::ECS::Service", json!({"DependsOn": ["WebHttp"]}));
    t.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({"ContainerDefinitions": [{
            "Name": "web",
            "Essential": true,
            "PortMappings": [{"ContainerPort": 80, "Protocol": "tcp"}],
            "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": {"Ref": "WebTaskLogs"}}},
        }]}),
    );
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 30}));
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"Scheme": "internet-facing", "Subnets": [{"Ref": "VpcPublicSubnet1"}, {"Ref": "VpcPublicSubnet2"}]}),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        json!({"Port": 80, "Protocol": "HTTP", "TargetType": "ip", "HealthCheckPath": "/"}),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        json!({"Port": 80, "Protocol": "HTTP", "DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": "WebTargets"}}]}),
    );
    // The tasks accept the container port from the load balancer and nothing else.
    let ingress = ingress_to(&t, "WebTasksSg");
    assert_eq!(ingress.len(), 1, "{ingress:?}");
    assert_eq!(
        ingress[0].1["Properties"]["SourceSecurityGroupId"],
        get_att("WebLbSg", "GroupId")
    );
    assert_eq!(ingress[0].1["Properties"]["FromPort"], 80);
    t.has_output(
        "WebUrl",
        json!({"Value": {"Fn::Join": ["", ["http://", get_att("WebLb", "DNSName")]]}}),
    );
    assert!(web.redirect_listener().is_none());
    assert!(web.scaling().is_none() && web.cpu_scaling_policy().is_none());
    assert_eq!(
        web.log_group().map(|g| g.retention()),
        Some(Retention::OneMonth)
    );
}

#[test]
fn https_serves_443_and_redirects_http_to_it() {
    let (app, stack, vpc, cluster) = setup("web");
    let certificate = stack
        .add_parameter("CertificateArn", Parameter::string())
        .unwrap();
    let web = nginx(&stack, &vpc, &cluster)
        .https(certificate.value())
        .build()
        .unwrap();
    let t = Template::from_app(&app, "web").unwrap();

    t.resource_count_is("AWS::ElasticLoadBalancingV2::Listener", 2);
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        json!({
            "Port": 443,
            "Protocol": "HTTPS",
            "Certificates": [{"CertificateArn": {"Ref": "CertificateArn"}}],
            "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": "WebTargets"}}],
        }),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        json!({
            "Port": 80,
            "Protocol": "HTTP",
            "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}],
        }),
    );
    // The service waits for the listener that forwards to it.
    t.has_resource("AWS::ECS::Service", json!({"DependsOn": ["WebHttps"]}));
    t.has_output(
        "WebUrl",
        json!({"Value": {"Fn::Join": ["", ["https://", get_att("WebLb", "DNSName")]]}}),
    );
    assert_eq!(web.listener().handle().logical_id(), "WebHttps");
    assert_eq!(
        web.redirect_listener().map(|l| l.handle().logical_id()),
        Some("WebHttp")
    );
}

#[test]
fn auto_scaling_a_load_balanced_service_drops_its_desired_count_and_tracks_cpu() {
    let (app, stack, vpc, cluster) = setup("web");
    let web = nginx(&stack, &vpc, &cluster)
        .auto_scale(2, 8, 60.0)
        .build()
        .unwrap();
    let t = Template::from_app(&app, "web").unwrap();

    t.has_resource_properties(
        "AWS::ECS::Service",
        Match::object([("DesiredCount", Match::absent())]),
    );
    t.has_resource_properties(
        "AWS::ApplicationAutoScaling::ScalableTarget",
        json!({"MinCapacity": 2, "MaxCapacity": 8, "ScalableDimension": "ecs:service:DesiredCount"}),
    );
    t.has_resource_properties(
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        json!({
            "PolicyType": "TargetTrackingScaling",
            "ScalingTargetId": {"Ref": "WebServiceScalableTarget"},
            "TargetTrackingScalingPolicyConfiguration": {
                "TargetValue": 60,
                "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
            },
        }),
    );
    // More policies through the accessors.
    let label = ResourceLabel::new(
        web.load_balancer().full_name(),
        web.target_group().full_name(),
    );
    web.scaling()
        .unwrap()
        .scale_on_request_count("WebRequests", TargetTracking::new(500.0), label)
        .unwrap();
    let t = Template::from_app(&app, "web").unwrap();
    t.resource_count_is("AWS::ApplicationAutoScaling::ScalingPolicy", 2);
}

#[test]
fn a_load_balanced_service_is_customized_through_its_closures_and_accessors() {
    let (app, stack, vpc, cluster) = setup("web");
    let api_key = stack
        .add_parameter("ApiKeySecretArn", Parameter::string())
        .unwrap();
    let web = LoadBalancedFargateService::builder(
        &stack,
        "Api",
        &vpc,
        &cluster,
        ecs_dsl::image!("example/api:1"),
        ecs_dsl::fargate!(cpu = 512, memory = 1024),
    )
    .container_port(8080)
    .container_name("api")
    .desired_count(3)
    .load_balancer(AlbProps::internal().access_logs("my-log-bucket", "api"))
    .health_check(HealthCheck::http("/healthz").interval_secs(10))
    .log_retention(Retention::OneYear)
    .container(|c| c.env("STAGE", "prod"))
    .container(|c| {
        c.secret(
            "API_KEY",
            SecretSource::secrets_manager_arn(api_key.value()),
        )
    })
    .task_definition(|t| t.family("api"))
    .target_group(|tg| tg.deregistration_delay_secs(30))
    .service(|s| s.enable_execute_command().min_healthy_percent(50))
    .build()
    .unwrap();
    // After build: every part is its L2 construct.
    web.listener()
        .add_rule(
            "ApiV2",
            10,
            &[RuleCondition::path("/v2/*")],
            web.target_group(),
        )
        .unwrap();
    let clients = SecurityGroup::new(&stack, "ClientsSg", &vpc, "API clients").unwrap();
    web.load_balancer()
        .security_group()
        .allow_from(&clients, Port::tcp(80), "API clients")
        .unwrap();
    web.task_definition()
        .grant(
            PolicyStatement::allow()
                .action("s3:GetObject")
                .resource("arn:aws:s3:::api-assets/*"),
        )
        .unwrap();
    let t = Template::from_app(&app, "web").unwrap();

    t.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({
            "Family": "api",
            "ContainerDefinitions": [{
                "Name": "api",
                "PortMappings": [{"ContainerPort": 8080, "Protocol": "tcp"}],
                "Environment": [{"Name": "STAGE", "Value": "prod"}],
                "Secrets": [{"Name": "API_KEY", "ValueFrom": {"Ref": "ApiKeySecretArn"}}],
            }],
            "TaskRoleArn": get_att("ApiTaskTaskRole", "Arn"),
        }),
    );
    t.has_resource_properties(
        "AWS::ECS::Service",
        json!({
            "DesiredCount": 3,
            "EnableExecuteCommand": true,
            "DeploymentConfiguration": {"MinimumHealthyPercent": 50},
        }),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        Match::object([
            ("Scheme", Match::from(json!("internal"))),
            (
                "LoadBalancerAttributes",
                Match::array_containing([
                    json!({"Key": "access_logs.s3.bucket", "Value": "my-log-bucket"}),
                ]),
            ),
        ]),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        json!({
            "Port": 8080,
            "HealthCheckPath": "/healthz",
            "HealthCheckIntervalSeconds": 10,
            "TargetGroupAttributes": [{"Key": "deregistration_delay.timeout_seconds", "Value": "30"}],
        }),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::ListenerRule",
        json!({"Priority": 10, "ListenerArn": {"Ref": "ApiHttp"}}),
    );
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 365}));
    assert_eq!(ingress_to(&t, "ApiLbSg").len(), 1);
    assert_eq!(web.container_port().container_port(), 8080);
}

#[test]
fn invalid_load_balanced_settings_are_errors_naming_the_field_before_anything_is_added() {
    let (_app, stack, vpc, cluster) = setup("web");
    let before = stack.resource_count();

    let err = nginx(&stack, &vpc, &cluster)
        .auto_scale(4, 2, 60.0)
        .build()
        .unwrap_err();
    assert_eq!(
        located(&err),
        (
            "web".into(),
            "WebServiceScalableTarget".into(),
            "MinCapacity".into()
        )
    );
    let err = nginx(&stack, &vpc, &cluster)
        .auto_scale(1, 4, 0.0)
        .build()
        .unwrap_err();
    assert_eq!(
        located(&err),
        (
            "web".into(),
            "WebCpuScaling".into(),
            "TargetTrackingScalingPolicyConfiguration.TargetValue".into()
        )
    );
    let err = nginx(&stack, &vpc, &cluster)
        .container_port(0)
        .build()
        .unwrap_err();
    assert_eq!(located(&err).1, "WebTask");
    assert!(err.to_string().contains("ContainerPort"), "{err}");
    assert_eq!(stack.resource_count(), before);

    // An invalid container name is the task definition's own check (rule S15).
    let err = nginx(&stack, &vpc, &cluster)
        .container_name("web.app")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("web.app"), "{err}");
}

// ---- NetworkLoadBalancedFargateService ----

#[test]
fn a_network_load_balanced_service_starts_from_the_safe_defaults() {
    let (app, stack, vpc, cluster) = setup("tcp");
    let echo = NetworkLoadBalancedFargateService::builder(
        &stack,
        "Echo",
        &vpc,
        &cluster,
        ecs_dsl::image!("example/echo:1"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    )
    .container_port(7000)
    .build()
    .unwrap();
    let t = Template::from_app(&app, "tcp").unwrap();

    t.resource_count_is("AWS::ECS::Service", 1);
    t.resource_count_is("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
    t.resource_count_is("AWS::ElasticLoadBalancingV2::Listener", 1);
    t.has_resource_properties("AWS::ECS::Service", safe_service("EchoTasksSg"));
    t.has_resource_properties(
        "AWS::ECS::Service",
        json!({"DesiredCount": 2, "LoadBalancers": [{"ContainerName": "server", "ContainerPort": 7000}]}),
    );
    t.has_resource("AWS::ECS::Service", json!({"DependsOn": ["EchoTcp"]}));
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 30}));
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"Type": "network", "Scheme": "internet-facing"}),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        json!({"Port": 7000, "Protocol": "TCP", "TargetType": "ip", "HealthCheckProtocol": "TCP"}),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        json!({"Port": 7000, "Protocol": "TCP"}),
    );
    let ingress = ingress_to(&t, "EchoTasksSg");
    assert_eq!(ingress.len(), 1, "{ingress:?}");
    assert_eq!(
        ingress[0].1["Properties"]["SourceSecurityGroupId"],
        get_att("EchoNlbSg", "GroupId")
    );
    t.has_output(
        "EchoEndpoint",
        json!({"Value": {"Fn::Join": ["", [get_att("EchoNlb", "DNSName"), ":7000"]]}}),
    );
    assert_eq!(
        echo.log_group().map(|g| g.retention()),
        Some(Retention::OneMonth)
    );
}

#[test]
fn tls_ends_at_the_network_load_balancer_and_auto_scaling_tracks_cpu() {
    let (app, stack, vpc, cluster) = setup("tcp");
    let echo = NetworkLoadBalancedFargateService::builder(
        &stack,
        "Echo",
        &vpc,
        &cluster,
        ecs_dsl::image!("example/echo:1"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    )
    .container_port(7000)
    .tls(CERTIFICATE)
    .auto_scale(2, 6, 50.0)
    .build()
    .unwrap();
    let t = Template::from_app(&app, "tcp").unwrap();

    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        json!({
            "Port": 443,
            "Protocol": "TLS",
            "Certificates": [{"CertificateArn": CERTIFICATE}],
            "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
        }),
    );
    // The tasks still speak plain TCP on their port.
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        json!({"Port": 7000, "Protocol": "TCP"}),
    );
    t.has_resource_properties(
        "AWS::ECS::Service",
        Match::object([("DesiredCount", Match::absent())]),
    );
    t.has_resource_properties(
        "AWS::ApplicationAutoScaling::ScalableTarget",
        json!({"MinCapacity": 2, "MaxCapacity": 6}),
    );
    t.has_resource_properties(
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        json!({"TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50}}),
    );
    t.has_output(
        "EchoEndpoint",
        json!({"Value": {"Fn::Join": ["", [get_att("EchoNlb", "DNSName"), ":443"]]}}),
    );
    assert_eq!(echo.listener().handle().logical_id(), "EchoTls");
}

#[test]
fn an_internal_network_load_balancer_lets_clients_in_through_its_accessor() {
    let (app, stack, vpc, cluster) = setup("cache");
    let redis = NetworkLoadBalancedFargateService::builder(
        &stack,
        "Redis",
        &vpc,
        &cluster,
        ecs_dsl::image!("public.ecr.aws/docker/library/redis:7.4"),
        ecs_dsl::fargate!(cpu = 512, memory = 1024),
    )
    .container_port(6379)
    .listener_port(16379)
    .load_balancer(NlbProps::internal().cross_zone())
    .health_check(HealthCheck::tcp().interval_secs(15))
    .target_group(|tg| tg.deregistration_delay_secs(10))
    .container(|c| c.command(["redis-server", "--save", ""]))
    .service(|s| s.service_name("redis"))
    .build()
    .unwrap();
    // Internal: nobody may connect until a client group is allowed.
    let t = Template::from_app(&app, "cache").unwrap();
    assert!(ingress_to(&t, "RedisNlbSg").is_empty());
    let clients = SecurityGroup::new(&stack, "ClientsSg", &vpc, "Redis clients").unwrap();
    redis
        .load_balancer()
        .security_group()
        .allow_from(&clients, Port::tcp(16379), "Redis clients")
        .unwrap();
    let t = Template::from_app(&app, "cache").unwrap();

    let ingress = ingress_to(&t, "RedisNlbSg");
    assert_eq!(ingress.len(), 1);
    assert_eq!(
        ingress[0].1["Properties"]["SourceSecurityGroupId"],
        get_att("ClientsSg", "GroupId")
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        json!({"Scheme": "internal", "Subnets": [{"Ref": "VpcPrivateSubnet1"}, {"Ref": "VpcPrivateSubnet2"}]}),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        json!({"Port": 16379, "Protocol": "TCP"}),
    );
    t.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        json!({"Port": 6379, "HealthCheckIntervalSeconds": 15,
               "TargetGroupAttributes": [{"Key": "deregistration_delay.timeout_seconds", "Value": "10"}]}),
    );
    t.has_resource_properties("AWS::ECS::Service", json!({"ServiceName": "redis"}));
    t.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({"ContainerDefinitions": [{"Command": ["redis-server", "--save", ""]}]}),
    );
}

#[test]
fn invalid_network_load_balanced_settings_are_errors_naming_the_field() {
    let (_app, stack, vpc, cluster) = setup("tcp");
    let before = stack.resource_count();
    let echo = || {
        NetworkLoadBalancedFargateService::builder(
            &stack,
            "Echo",
            &vpc,
            &cluster,
            ecs_dsl::image!("example/echo:1"),
            ecs_dsl::fargate!(cpu = 256, memory = 512),
        )
    };
    let err = echo().listener_port(0).build().unwrap_err();
    assert_eq!(
        located(&err),
        ("tcp".into(), "EchoTcp".into(), "Port".into())
    );
    let err = echo()
        .tls(CERTIFICATE)
        .listener_port(0)
        .build()
        .unwrap_err();
    assert_eq!(located(&err).1, "EchoTls");
    let err = echo().auto_scale(3, 1, 50.0).build().unwrap_err();
    assert_eq!(located(&err).2, "MinCapacity");
    assert_eq!(stack.resource_count(), before);

    // The L2 checks apply as they are: an HTTP health check with codes out of range (L3).
    let err = echo()
        .health_check(HealthCheck::http("/").matcher("600"))
        .build()
        .unwrap_err();
    assert_eq!(
        located(&err),
        (
            "tcp".into(),
            "EchoTargets".into(),
            "Matcher.HttpCode".into()
        )
    );
}

// ---- FargateWorkerService ----

#[test]
fn a_worker_service_has_no_load_balancer_and_accepts_no_connection() {
    let (app, stack, vpc, cluster) = setup("jobs");
    let worker = FargateWorkerService::builder(
        &stack,
        "Worker",
        &vpc,
        &cluster,
        ecs_dsl::image!("example/order-worker:7"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    )
    .build()
    .unwrap();
    let t = Template::from_app(&app, "jobs").unwrap();

    t.resource_count_is("AWS::ECS::Service", 1);
    t.resource_count_is("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
    t.resource_count_is("AWS::ElasticLoadBalancingV2::TargetGroup", 0);
    t.resource_count_is("AWS::ApplicationAutoScaling::ScalableTarget", 0);
    t.has_resource_properties("AWS::ECS::Service", safe_service("WorkerTasksSg"));
    t.has_resource_properties(
        "AWS::ECS::Service",
        Match::object([
            ("DesiredCount", Match::from(json!(1))),
            ("LoadBalancers", Match::absent()),
            ("HealthCheckGracePeriodSeconds", Match::absent()),
        ]),
    );
    t.has_resource_properties(
        "AWS::EC2::SecurityGroup",
        Match::object([
            ("GroupDescription", Match::from(json!("Tasks of Worker"))),
            ("SecurityGroupIngress", Match::absent()),
        ]),
    );
    assert!(ingress_to(&t, "WorkerTasksSg").is_empty());
    t.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({"ContainerDefinitions": [{"Name": "worker", "Essential": true,
               "LogConfiguration": {"LogDriver": "awslogs"}}]}),
    );
    t.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        Match::object([(
            "ContainerDefinitions",
            Match::array_containing([Match::object([("PortMappings", Match::absent())])]),
        )]),
    );
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 30}));
    assert!(worker.scaling().is_none());
}

#[test]
fn a_scaled_worker_is_customized_through_its_closures_and_accessors() {
    let (app, stack, vpc, cluster) = setup("jobs");
    let queue_url = stack
        .add_parameter("QueueUrl", Parameter::string())
        .unwrap();
    let worker = FargateWorkerService::builder(
        &stack,
        "Worker",
        &vpc,
        &cluster,
        ecs_dsl::image!("example/order-worker:7"),
        ecs_dsl::fargate!(cpu = 512, memory = 1024),
    )
    .desired_count(3)
    .auto_scale(1, 10, 70.0)
    .log_retention(Retention::TwoWeeks)
    .container(|c| c.env("QUEUE_URL", queue_url.value()).stop_timeout_secs(60))
    .task_definition(|t| t.family("order-worker"))
    .service(|s| s.enable_execute_command())
    .build()
    .unwrap();
    worker
        .task_definition()
        .grant(
            PolicyStatement::allow()
                .actions(["sqs:ReceiveMessage", "sqs:DeleteMessage"])
                .resource(QUEUE),
        )
        .unwrap();
    worker
        .scaling()
        .unwrap()
        .scale_on_memory("WorkerMemory", TargetTracking::new(80.0))
        .unwrap();
    let t = Template::from_app(&app, "jobs").unwrap();

    // Scaling owns the count: the desired count given is not in the template (rule S16).
    t.has_resource_properties(
        "AWS::ECS::Service",
        Match::object([
            ("DesiredCount", Match::absent()),
            ("EnableExecuteCommand", Match::from(json!(true))),
        ]),
    );
    t.has_resource_properties(
        "AWS::ApplicationAutoScaling::ScalableTarget",
        json!({"MinCapacity": 1, "MaxCapacity": 10}),
    );
    t.resource_count_is("AWS::ApplicationAutoScaling::ScalingPolicy", 2);
    t.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({
            "Family": "order-worker",
            "ContainerDefinitions": [{"Environment": [{"Name": "QUEUE_URL", "Value": {"Ref": "QueueUrl"}}], "StopTimeout": 60}],
        }),
    );
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 14}));
    t.has_resource_properties(
        "AWS::IAM::Role",
        Match::object([(
            "Policies",
            Match::array_containing([Match::object([(
                "PolicyDocument",
                Match::object([(
                    "Statement",
                    Match::array_containing([json!({
                        "Action": ["sqs:DeleteMessage", "sqs:ReceiveMessage"],
                        "Resource": [QUEUE],
                    })]),
                )]),
            )])]),
        )]),
    );
    assert_eq!(
        worker.cpu_scaling_policy().map(|p| p.logical_id()),
        Some("WorkerCpuScaling")
    );
}

#[test]
fn invalid_worker_settings_are_errors_naming_the_field() {
    let (_app, stack, vpc, cluster) = setup("jobs");
    let before = stack.resource_count();
    let err = FargateWorkerService::builder(
        &stack,
        "Worker",
        &vpc,
        &cluster,
        ecs_dsl::image!("example/order-worker:7"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    )
    .auto_scale(1, 4, 150.0)
    .build()
    .unwrap_err();
    assert_eq!(
        located(&err),
        (
            "jobs".into(),
            "WorkerCpuScaling".into(),
            "TargetTrackingScalingPolicyConfiguration.TargetValue".into()
        )
    );

    // An imported VPC whose private subnets were not given.
    let public_only = Vpc::from_attributes("vpc-0a1b2c3d", "10.0.0.0/16").public_subnets([
        Subnet::new("subnet-0a", "eu-west-1a"),
        Subnet::new("subnet-0b", "eu-west-1b"),
    ]);
    let err = FargateWorkerService::builder(
        &stack,
        "Worker",
        &public_only,
        &cluster,
        ecs_dsl::image!("example/order-worker:7"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    )
    .build()
    .unwrap_err();
    assert_eq!(
        located(&err),
        (
            "jobs".into(),
            "WorkerService".into(),
            "NetworkConfiguration.AwsvpcConfiguration.Subnets".into()
        )
    );
    assert_eq!(stack.resource_count(), before);
}

// ---- ScheduledFargateTask ----

#[test]
fn a_scheduled_task_runs_in_the_private_subnets_with_exactly_its_permissions() {
    let (app, stack, vpc, cluster) = setup("jobs");
    let report = ScheduledFargateTask::builder(
        &stack,
        "Report",
        &vpc,
        &cluster,
        ecs_dsl::image!("example/report:3"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
        Schedule::cron("0 3 * * ? *"),
    )
    .build()
    .unwrap();
    let t = Template::from_app(&app, "jobs").unwrap();

    t.resource_count_is("AWS::Events::Rule", 1);
    t.resource_count_is("AWS::ECS::Service", 0);
    t.has_resource_properties(
        "AWS::Events::Rule",
        json!({
            "ScheduleExpression": "cron(0 3 * * ? *)",
            "State": "ENABLED",
            "Targets": [{
                "Arn": get_att("Cluster", "Arn"),
                "RoleArn": get_att("ReportScheduleRole", "Arn"),
                "EcsParameters": {
                    "LaunchType": "FARGATE",
                    "TaskCount": 1,
                    "TaskDefinitionArn": {"Ref": "ReportTask"},
                    "NetworkConfiguration": {"AwsVpcConfiguration": {
                        "AssignPublicIp": "DISABLED",
                        "SecurityGroups": [get_att("ReportTasksSg", "GroupId")],
                        "Subnets": [{"Ref": "VpcPrivateSubnet1"}, {"Ref": "VpcPrivateSubnet2"}],
                    }},
                },
            }],
        }),
    );
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 30}));
    assert!(ingress_to(&t, "ReportTasksSg").is_empty());
    // EventBridge may pass both task roles, and only to ECS tasks.
    t.has_resource_properties(
        "AWS::IAM::Role",
        json!({"Policies": [{"PolicyDocument": {"Statement": [
            {"Action": ["ecs:RunTask"], "Resource": [{"Ref": "ReportTask"}]},
            {"Action": ["iam:PassRole"], "Resource": [
                get_att("ReportTaskExecutionRole", "Arn"),
                get_att("ReportTaskTaskRole", "Arn"),
            ], "Condition": {"StringLike": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}},
        ]}}]}),
    );
    assert_eq!(report.rule().rule().logical_id(), "ReportSchedule");
    assert_eq!(
        report.log_group().map(|g| g.retention()),
        Some(Retention::OneMonth)
    );
}

#[test]
fn a_grant_through_the_scheduled_tasks_accessor_goes_to_the_role_eventbridge_passes() {
    let (app, stack, vpc, cluster) = setup("jobs");
    let report = ScheduledFargateTask::builder(
        &stack,
        "Report",
        &vpc,
        &cluster,
        ecs_dsl::image!("example/report:3"),
        ecs_dsl::fargate!(cpu = 256, memory = 512),
        Schedule::rate(6, RateUnit::Hours),
    )
    .container_name("report")
    .log_retention(Retention::ThreeMonths)
    .container(|c| c.command(["report", "--since", "6h"]))
    .task_definition(|t| t.family("report"))
    .build()
    .unwrap();
    report
        .task_definition()
        .grant(
            PolicyStatement::allow()
                .action("s3:PutObject")
                .resource("arn:aws:s3:::reports/*"),
        )
        .unwrap();
    let t = Template::from_app(&app, "jobs").unwrap();

    t.has_resource_properties(
        "AWS::Events::Rule",
        json!({"ScheduleExpression": "rate(6 hours)"}),
    );
    let role = t.resource("ReportTaskTaskRole").unwrap();
    assert_eq!(
        role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"],
        json!(["s3:PutObject"])
    );
    t.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        json!({"Family": "report", "TaskRoleArn": get_att("ReportTaskTaskRole", "Arn"),
               "ContainerDefinitions": [{"Name": "report", "Command": ["report", "--since", "6h"]}]}),
    );
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 90}));
}

#[test]
fn invalid_schedules_are_errors_naming_the_field_before_anything_is_added() {
    let (_app, stack, vpc, cluster) = setup("jobs");
    let before = stack.resource_count();
    for schedule in [
        Schedule::cron("0 3 * * *"),
        Schedule::cron("0 3 1 * MON *"),
        Schedule::rate(0, RateUnit::Days),
    ] {
        let err = ScheduledFargateTask::builder(
            &stack,
            "Report",
            &vpc,
            &cluster,
            ecs_dsl::image!("example/report:3"),
            ecs_dsl::fargate!(cpu = 256, memory = 512),
            schedule,
        )
        .build()
        .unwrap_err();
        assert_eq!(
            located(&err),
            (
                "jobs".into(),
                "ReportSchedule".into(),
                "ScheduleExpression".into()
            )
        );
    }
    assert_eq!(stack.resource_count(), before);
}

#[test]
fn the_pattern_examples_pass_their_own_assertions() {
    // The safe defaults hold in every pattern example's stack.
    type Build = fn() -> ecs_dsl::Result<App>;
    let services: [(Build, &str, &str); 3] = [
        (
            pattern_load_balanced::build,
            "pattern-load-balanced",
            "WebTasksSg",
        ),
        (
            pattern_network_load_balanced::build,
            "pattern-network-load-balanced",
            "RedisTasksSg",
        ),
        (pattern_worker::build, "pattern-worker", "WorkerTasksSg"),
    ];
    for (build, stack, tasks_sg) in services {
        let app = build().unwrap();
        let t = Template::from_app(&app, stack).unwrap();
        t.has_resource_properties("AWS::ECS::Service", safe_service(tasks_sg));
        t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 30}));
    }
    let app = pattern_scheduled_task::build().unwrap();
    let t = Template::from_app(&app, "pattern-scheduled-task").unwrap();
    t.has_resource_properties(
        "AWS::Events::Rule",
        json!({"Targets": [{"EcsParameters": {"NetworkConfiguration": {"AwsVpcConfiguration": {"AssignPublicIp": "DISABLED"}}}}]}),
    );
    t.has_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 30}));
}

#[path = "../examples/pattern_load_balanced.rs"]
mod pattern_load_balanced;
#[path = "../examples/pattern_network_load_balanced.rs"]
mod pattern_network_load_balanced;
#[path = "../examples/pattern_scheduled_task.rs"]
mod pattern_scheduled_task;
#[path = "../examples/pattern_worker.rs"]
mod pattern_worker;
