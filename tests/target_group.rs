//! Target groups (issue [4/5] item 3, first part): typed by target type (S6), port, protocol
//! and VPC always set (L7), settings checked (L1, L3, L4), attached to an awsvpc service;
//! cfn-lint over the result.

#![allow(clippy::unwrap_used, clippy::type_complexity)]

use ecs_dsl::ec2::{SecurityGroup, SubnetKind, Vpc, VpcProps};
use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Instance, Ip, PortMapping, Service, TaskDefinition};
use ecs_dsl::elb::{HealthCheck, TargetGroup, TargetProtocol};
use ecs_dsl::prelude::*;

fn err_of(build: impl FnOnce(&Stack, &Vpc) -> ecs_dsl::Result<()>) -> String {
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16");
    build(&stack, &vpc).unwrap_err().to_string()
}

#[test]
fn settings_outside_their_ranges_name_the_rule() {
    let cases: Vec<(&str, Box<dyn FnOnce(&Stack, &Vpc) -> ecs_dsl::Result<()>>)> = vec![
        (
            "L1",
            Box::new(|s, v| {
                TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
                    .name("-bad")
                    .build()
                    .map(drop)
            }),
        ),
        (
            "L1",
            Box::new(|s, v| {
                TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
                    .name("a".repeat(33))
                    .build()
                    .map(drop)
            }),
        ),
        (
            "L3",
            Box::new(|s, v| {
                TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
                    .health_check(HealthCheck::http("/").interval_secs(4))
                    .build()
                    .map(drop)
            }),
        ),
        (
            "L3",
            Box::new(|s, v| {
                TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
                    .health_check(HealthCheck::http("/").timeout_secs(30).interval_secs(30))
                    .build()
                    .map(drop)
            }),
        ),
        (
            "L3",
            Box::new(|s, v| {
                TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
                    .health_check(HealthCheck::http("/").thresholds(1, 2))
                    .build()
                    .map(drop)
            }),
        ),
        (
            "L3",
            Box::new(|s, v| {
                TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
                    .health_check(HealthCheck::http("/").matcher("500"))
                    .build()
                    .map(drop)
            }),
        ),
        (
            "L3",
            Box::new(|s, v| {
                TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
                    .health_check(HealthCheck::tcp())
                    .build()
                    .map(drop)
            }),
        ),
        (
            "L4",
            Box::new(|s, v| {
                TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
                    .deregistration_delay_secs(3601)
                    .build()
                    .map(drop)
            }),
        ),
        (
            "L4",
            Box::new(|s, v| {
                TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
                    .stickiness_secs(0)
                    .build()
                    .map(drop)
            }),
        ),
        (
            "L4",
            Box::new(|s, v| {
                TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
                    .slow_start_secs(29)
                    .build()
                    .map(drop)
            }),
        ),
    ];
    for (rule, case) in cases {
        let err = err_of(case);
        assert!(err.contains(rule), "{rule}: {err}");
    }
}

#[test]
fn an_ip_target_group_serves_an_awsvpc_service_and_lints_clean() {
    let mut app = App::new();
    let stack = app.stack("web").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1)).unwrap();
    let tg = TargetGroup::<Ip>::builder(&stack, "WebTargets", &vpc, 8080, TargetProtocol::Http)
        .name("web-targets")
        .health_check(
            HealthCheck::http("/healthz")
                .interval_secs(15)
                .timeout_secs(5)
                .thresholds(2, 3)
                .matcher("200-299"),
        )
        .deregistration_delay_secs(30)
        .stickiness_secs(3600)
        .slow_start_secs(60)
        .build()
        .unwrap();
    // An instance group exists for bridge/host tasks too.
    TargetGroup::<Instance>::builder(&stack, "Legacy", &vpc, 80, TargetProtocol::Http)
        .build()
        .unwrap();
    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let task = TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let mut c = task
        .new_container("app", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
        .log_to_cloudwatch();
    let http = c.expose(PortMapping::tcp(8080));
    let task = task.container(c).build().unwrap();
    let sg = SecurityGroup::new(&stack, "TasksSg", &vpc, "App tasks").unwrap();
    Service::replica(&stack, "Web", &cluster, &task)
        .desired_count(2)
        .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private).security_group(&sg))
        .attach(&tg, &http)
        .health_check_grace_period_secs(60)
        .build()
        .unwrap();
    let t = app.synthesize().unwrap().stacks[0].template_json();
    let p = &t["Resources"]["WebTargets"]["Properties"];
    assert_eq!(p["TargetType"], "ip");
    assert_eq!(
        (p["Port"].as_i64(), p["Protocol"].as_str()),
        (Some(8080), Some("HTTP"))
    );
    assert!(p["VpcId"].is_object());
    assert_eq!(p["Matcher"]["HttpCode"], "200-299");
    assert_eq!(
        t["Resources"]["Legacy"]["Properties"]["TargetType"],
        "instance"
    );
    let lb = &t["Resources"]["Web"]["Properties"]["LoadBalancers"][0];
    assert_eq!(lb["TargetGroupArn"]["Ref"], "WebTargets");
    assert_eq!(lb["ContainerName"], "app");
    ecs_dsl_examples::assert_cfn_lint_clean("target-groups", &app);
}

/// An internet-facing ALB with HTTPS (one certificate, TLS 1.2+: L6), an HTTP redirect, a
/// path rule (L5), and a service behind it: the service waits for the listener and its tasks
/// accept the container port from the load balancer's group only.
#[test]
fn an_https_load_balancer_serves_a_service() {
    use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer, RuleCondition, TLS_POLICY};
    let mut app = App::new();
    let stack = app.stack("web").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1)).unwrap();
    let alb = ApplicationLoadBalancer::new(
        &stack,
        "Alb",
        &vpc,
        AlbProps::internet_facing().name("web-alb"),
    )
    .unwrap();
    let tg = TargetGroup::<Ip>::builder(&stack, "WebTargets", &vpc, 8080, TargetProtocol::Http)
        .health_check(HealthCheck::http("/healthz"))
        .build()
        .unwrap();
    let https = alb
        .https_listener(
            "Https",
            443,
            "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
            &tg,
        )
        .unwrap();
    alb.redirect_http_to_https("Http").unwrap();
    https
        .add_rule("Api", 10, &[RuleCondition::path("/api/*")], &tg)
        .unwrap();
    let err = https
        .add_rule("Dup", 10, &[RuleCondition::host("x.example.com")], &tg)
        .unwrap_err()
        .to_string();
    assert!(err.contains("L5") && err.contains("`Api`"), "{err}");
    assert!(
        https
            .add_rule("Zero", 0, &[RuleCondition::path("/")], &tg)
            .unwrap_err()
            .to_string()
            .contains("L5")
    );

    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let task = TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let mut c = task
        .new_container("app", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
        .log_to_cloudwatch();
    let http = c.expose(PortMapping::tcp(8080));
    let task = task.container(c).build().unwrap();
    let sg = SecurityGroup::new(&stack, "TasksSg", &vpc, "App tasks").unwrap();
    let service = Service::replica(&stack, "Web", &cluster, &task)
        .desired_count(2)
        .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private).security_group(&sg))
        .attach(&tg, &http)
        .health_check_grace_period_secs(60)
        .build()
        .unwrap();
    https.serves(&service, &sg, &http).unwrap();

    let t = app.synthesize().unwrap().stacks[0].template_json();
    let r = &t["Resources"];
    assert_eq!(r["Alb"]["Properties"]["Scheme"], "internet-facing");
    assert_eq!(
        r["Alb"]["Properties"]["LoadBalancerAttributes"][0]["Key"],
        "routing.http.drop_invalid_header_fields.enabled"
    );
    assert_eq!(r["Https"]["Properties"]["SslPolicy"], TLS_POLICY);
    assert_eq!(
        r["Https"]["Properties"]["Certificates"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        r["Http"]["Properties"]["DefaultActions"][0]["RedirectConfig"]["Protocol"],
        "HTTPS"
    );
    assert_eq!(r["Api"]["Properties"]["Priority"], 10);
    assert!(
        r["Web"]["DependsOn"].to_string().contains("Https"),
        "{}",
        r["Web"]
    );
    assert_eq!(
        r["TasksSgFromAlbSgTcp8080"]["Properties"]["SourceSecurityGroupId"]["Fn::GetAtt"][0],
        "AlbSg"
    );
    assert_eq!(
        r["AlbSgFromCidr00000Tcp443"]["Properties"]["CidrIp"],
        "0.0.0.0/0"
    );
    ecs_dsl_examples::assert_cfn_lint_clean("alb-https", &app);

    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let err = ApplicationLoadBalancer::new(
        &stack,
        "Alb",
        &vpc,
        AlbProps::internal().name("internal-web"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("L2"), "{err}");
}

/// `serves` opens the port the service is attached with: under bridge networking the fixed
/// host port, or the agent's ephemeral range for a dynamic one; a port of another task
/// definition is refused (S7).
#[test]
fn serves_opens_the_host_side_of_the_attached_port() {
    use ecs_dsl::ecs::Bridge;
    use ecs_dsl::elb::{AlbProps, ApplicationLoadBalancer};
    let mut app = App::new();
    let stack = app.stack("ec2").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let alb = ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internal()).unwrap();
    let tg = TargetGroup::<Instance>::builder(&stack, "Web", &vpc, 80, TargetProtocol::Http)
        .build()
        .unwrap();
    let listener = alb.http_listener("Http", 80, &tg).unwrap();
    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let task = TaskDefinition::ec2(&stack, "Task", Bridge);
    let mut web = task
        .new_container("web", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
        .memory_limit(256);
    let dynamic = web.expose(PortMapping::tcp(80));
    let fixed = web.expose(PortMapping::tcp(9100).host_port(9100));
    let task = task.container(web).build().unwrap();
    let other = TaskDefinition::ec2(&stack, "Other", Bridge);
    let mut o = other
        .new_container("web", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
        .memory_limit(256);
    let foreign = o.expose(PortMapping::tcp(80));
    let _other = other.container(o).build().unwrap();
    let sg = SecurityGroup::new(&stack, "InstancesSg", &vpc, "Instances").unwrap();
    let service = Service::replica(&stack, "WebService", &cluster, &task)
        .attach(&tg, &dynamic)
        .build()
        .unwrap();
    listener.serves(&service, &sg, &dynamic).unwrap();
    listener.serves(&service, &sg, &fixed).unwrap();
    let err = listener
        .serves(&service, &sg, &foreign)
        .unwrap_err()
        .to_string();
    assert!(err.contains("S7") && err.contains("ec2/Other"), "{err}");
    let t = app.synthesize().unwrap().stacks[0].template_json();
    let ports: Vec<(i64, i64)> = t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .filter(|r| {
            r["Type"] == "AWS::EC2::SecurityGroupIngress"
                && r["Properties"]["GroupId"]
                    .to_string()
                    .contains("InstancesSg")
        })
        .map(|r| {
            (
                r["Properties"]["FromPort"].as_i64().unwrap(),
                r["Properties"]["ToPort"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(ports, [(32768, 65535), (9100, 9100)]);
    ecs_dsl_examples::assert_cfn_lint_clean("serves-bridge", &app);
}
