//! Network Load Balancers: an internet-facing NLB with a TCP and a TLS listener (one
//! certificate, TLS 1.2+: L6) in front of a Fargate awsvpc service, cfn-lint over the result;
//! the protocol checks between listeners and target groups in both directions, the NLB name
//! (L2) and the two-subnet check.

#![allow(clippy::unwrap_used)]

use ecs_dsl::ec2::{SecurityGroup, Subnet, SubnetKind, Vpc, VpcProps};
use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Ip, PortMapping, Service, TaskDefinition};
use ecs_dsl::elb::{
    AlbProps, ApplicationLoadBalancer, HealthCheck, NetworkLoadBalancer, NlbProps, RuleCondition,
    TLS_POLICY, TargetGroup, TargetProtocol,
};
use ecs_dsl::prelude::*;
use serde_json::{Value as Json, json};

const CERTIFICATE: &str = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";

/// The logical ids of the resources of `type_name`, sorted.
fn resources_of_type<'a>(t: &'a Json, type_name: &str) -> Vec<&'a str> {
    let mut ids: Vec<&str> = t["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == type_name)
        .map(|(id, _)| id.as_str())
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn an_internet_facing_nlb_serves_a_fargate_service_over_tcp_and_tls() {
    let mut app = App::new();
    let stack = app.stack("game").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1)).unwrap();
    let nlb = NetworkLoadBalancer::new(
        &stack,
        "Nlb",
        &vpc,
        NlbProps::internet_facing()
            .name("game-nlb")
            .cross_zone()
            .access_logs("game-logs", "nlb"),
    )
    .unwrap();
    // NLBs check TCP groups over HTTP too.
    let tg = TargetGroup::<Ip>::builder(&stack, "GameTargets", &vpc, 8080, TargetProtocol::Tcp)
        .health_check(
            HealthCheck::http("/healthz")
                .interval_secs(10)
                .timeout_secs(5)
                .thresholds(3, 3)
                .matcher("200-399"),
        )
        .deregistration_delay_secs(30)
        .build()
        .unwrap();
    let tcp = nlb.tcp_listener("Tcp", 7777, &tg).unwrap();
    let tls = nlb.tls_listener("Tls", 443, CERTIFICATE, &tg).unwrap();

    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let task = TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let mut c = task
        .new_container("app", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
        .log_to_cloudwatch();
    let http = c.expose(PortMapping::tcp(8080));
    let task = task.container(c).build().unwrap();
    let sg = SecurityGroup::new(&stack, "TasksSg", &vpc, "App tasks").unwrap();
    let service = Service::replica(&stack, "Game", &cluster, &task)
        .desired_count(2)
        .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private).security_group(&sg))
        .attach(&tg, &http)
        .health_check_grace_period_secs(60)
        .build()
        .unwrap();
    tcp.serves(&service, &sg, &http).unwrap();
    tls.serves(&service, &sg, &http).unwrap();

    let t = app.synthesize().unwrap().stacks[0].template_json();
    let r = &t["Resources"];

    let lb = &r["Nlb"];
    assert_eq!(lb["Type"], "AWS::ElasticLoadBalancingV2::LoadBalancer");
    let p = &lb["Properties"];
    assert_eq!(p["Type"], "network");
    assert_eq!(p["Scheme"], "internet-facing");
    assert_eq!(p["Name"], "game-nlb");
    let public_subnets = p["Subnets"].as_array().unwrap();
    assert_eq!(public_subnets.len(), 2, "{}", p["Subnets"]);
    for subnet in public_subnets {
        let id = subnet["Ref"].as_str().unwrap();
        assert_eq!(r[id]["Properties"]["MapPublicIpOnLaunch"], true, "{id}");
    }
    assert_eq!(
        p["SecurityGroups"],
        json!([{"Fn::GetAtt": ["NlbSg", "GroupId"]}])
    );
    assert_eq!(
        p["LoadBalancerAttributes"],
        json!([
            {"Key": "load_balancing.cross_zone.enabled", "Value": "true"},
            {"Key": "access_logs.s3.enabled", "Value": "true"},
            {"Key": "access_logs.s3.bucket", "Value": "game-logs"},
            {"Key": "access_logs.s3.prefix", "Value": "nlb"},
        ])
    );

    let g = &r["GameTargets"]["Properties"];
    assert_eq!(
        (g["Protocol"].as_str(), g["TargetType"].as_str()),
        (Some("TCP"), Some("ip"))
    );
    assert_eq!(g["HealthCheckProtocol"], "HTTP");
    assert_eq!(g["HealthCheckPath"], "/healthz");
    assert_eq!(g["Matcher"], json!({"HttpCode": "200-399"}));

    assert_eq!(
        r["Tcp"]["Properties"],
        json!({
            "DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": "GameTargets"}}],
            "LoadBalancerArn": {"Ref": "Nlb"},
            "Port": 7777,
            "Protocol": "TCP",
        })
    );
    assert_eq!(
        r["Tls"]["Properties"],
        json!({
            "Certificates": [{"CertificateArn": CERTIFICATE}],
            "DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": "GameTargets"}}],
            "LoadBalancerArn": {"Ref": "Nlb"},
            "Port": 443,
            "Protocol": "TLS",
            "SslPolicy": TLS_POLICY,
        })
    );

    // The internet reaches both listener ports, with descriptions; nothing else is open.
    let ingress = resources_of_type(&t, "AWS::EC2::SecurityGroupIngress");
    assert_eq!(
        ingress,
        [
            "NlbSgFromCidr00000Tcp443",
            "NlbSgFromCidr00000Tcp7777",
            "TasksSgFromNlbSgTcp8080"
        ]
    );
    for (id, port, description) in [
        (
            "NlbSgFromCidr00000Tcp7777",
            7777,
            "TCP 7777 to load balancer Nlb",
        ),
        (
            "NlbSgFromCidr00000Tcp443",
            443,
            "TLS 443 to load balancer Nlb",
        ),
    ] {
        let p = &r[id]["Properties"];
        assert_eq!(p["CidrIp"], "0.0.0.0/0", "{id}");
        assert_eq!(
            (p["FromPort"].as_i64(), p["ToPort"].as_i64()),
            (Some(port), Some(port))
        );
        assert_eq!(p["IpProtocol"], "tcp", "{id}");
        assert_eq!(p["Description"], description, "{id}");
        assert_eq!(p["GroupId"], json!({"Fn::GetAtt": ["NlbSg", "GroupId"]}));
    }
    // The tasks accept the container port from the NLB's group only: one rule for both
    // listeners, and the service waits for both.
    let p = &r["TasksSgFromNlbSgTcp8080"]["Properties"];
    assert_eq!(
        p["SourceSecurityGroupId"],
        json!({"Fn::GetAtt": ["NlbSg", "GroupId"]})
    );
    assert_eq!(p["GroupId"], json!({"Fn::GetAtt": ["TasksSg", "GroupId"]}));
    assert_eq!(
        (p["FromPort"].as_i64(), p["ToPort"].as_i64()),
        (Some(8080), Some(8080))
    );
    assert_eq!(p["Description"], "8080 from the load balancer");
    assert_eq!(r["Game"]["DependsOn"], json!(["Tcp", "Tls"]));
    let lb = &r["Game"]["Properties"]["LoadBalancers"];
    assert_eq!(
        lb,
        &json!([{"ContainerName": "app", "ContainerPort": 8080, "TargetGroupArn": {"Ref": "GameTargets"}}])
    );

    ecs_dsl_examples::assert_cfn_lint_clean("nlb-tcp-tls", &app);
}

/// An internal NLB with a TLS listener re-encrypting to a TLS group: in the private subnets,
/// and no rule opens it to the internet.
#[test]
fn an_internal_nlb_is_in_the_private_subnets_and_closed_to_the_internet() {
    let mut app = App::new();
    let stack = app.stack("api").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internal()).unwrap();
    let tg = TargetGroup::<Ip>::builder(&stack, "Api", &vpc, 8443, TargetProtocol::Tls)
        .health_check(HealthCheck::tcp().interval_secs(20))
        .build()
        .unwrap();
    nlb.tls_listener("Tls", 443, CERTIFICATE, &tg).unwrap();
    let t = app.synthesize().unwrap().stacks[0].template_json();
    let r = &t["Resources"];
    let p = &r["Nlb"]["Properties"];
    assert_eq!(p["Scheme"], "internal");
    for subnet in p["Subnets"].as_array().unwrap() {
        let id = subnet["Ref"].as_str().unwrap();
        assert_eq!(r[id]["Properties"]["MapPublicIpOnLaunch"], false, "{id}");
    }
    assert!(p.get("LoadBalancerAttributes").is_none(), "{p}");
    assert!(resources_of_type(&t, "AWS::EC2::SecurityGroupIngress").is_empty());
    assert_eq!(r["Api"]["Properties"]["HealthCheckProtocol"], "TCP");
    assert_eq!(r["Tls"]["Properties"]["Protocol"], "TLS");
    ecs_dsl_examples::assert_cfn_lint_clean("nlb-internal-tls", &app);
}

/// Builds a stack with a two-subnet VPC and hands it to `build`; returns the error's text.
fn err_of(build: impl FnOnce(&Stack, &Vpc) -> ecs_dsl::Result<()>) -> String {
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    build(&stack, &vpc).unwrap_err().to_string()
}

fn group(stack: &Stack, vpc: &Vpc, id: &str, protocol: TargetProtocol) -> TargetGroup<Ip> {
    TargetGroup::<Ip>::builder(stack, id, vpc, 8080, protocol)
        .build()
        .unwrap()
}

#[test]
fn alb_listeners_and_rules_refuse_tcp_and_tls_target_groups() {
    for protocol in [TargetProtocol::Tcp, TargetProtocol::Tls] {
        let name = protocol_name(protocol);
        let err = err_of(|s, v| {
            let alb = ApplicationLoadBalancer::new(s, "Alb", v, AlbProps::internet_facing())?;
            let tg = group(s, v, "Tcp", protocol);
            alb.http_listener("Http", 80, &tg).map(drop)
        });
        assert!(
            err.contains("stack `s`")
                && err.contains("`Http`")
                && err.contains("DefaultActions.TargetGroupArn")
                && err.contains(&format!("target group `Tcp` has protocol {name}"))
                && err.contains("HTTP or HTTPS"),
            "{err}"
        );
        let err = err_of(|s, v| {
            let alb = ApplicationLoadBalancer::new(s, "Alb", v, AlbProps::internet_facing())?;
            let tg = group(s, v, "Tcp", protocol);
            alb.https_listener("Https", 443, CERTIFICATE, &tg).map(drop)
        });
        assert!(
            err.contains("`Https`") && err.contains(&format!("protocol {name}")),
            "{err}"
        );
        let err = err_of(|s, v| {
            let alb = ApplicationLoadBalancer::new(s, "Alb", v, AlbProps::internet_facing())?;
            let web = group(s, v, "Web", TargetProtocol::Http);
            let tg = group(s, v, "Tcp", protocol);
            let https = alb.https_listener("Https", 443, CERTIFICATE, &web)?;
            https
                .add_rule("Api", 10, &[RuleCondition::path("/api/*")], &tg)
                .map(drop)
        });
        assert!(
            err.contains("`Api`")
                && err.contains("Actions.TargetGroupArn")
                && err.contains(&format!("protocol {name}")),
            "{err}"
        );
    }
}

/// A refused listener leaves nothing behind: no listener and no opened port.
#[test]
fn a_refused_listener_adds_nothing() {
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let alb =
        ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing()).unwrap();
    let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internet_facing()).unwrap();
    let tcp = group(&stack, &vpc, "TcpTargets", TargetProtocol::Tcp);
    let http = group(&stack, &vpc, "HttpTargets", TargetProtocol::Http);
    assert!(alb.http_listener("AlbHttp", 80, &tcp).is_err());
    assert!(nlb.tcp_listener("NlbTcp", 80, &http).is_err());
    let t = app.synthesize().unwrap().stacks[0].template_json();
    assert!(resources_of_type(&t, "AWS::ElasticLoadBalancingV2::Listener").is_empty());
    assert!(resources_of_type(&t, "AWS::EC2::SecurityGroupIngress").is_empty());
}

#[test]
fn nlb_listeners_refuse_http_target_groups_and_tcp_listeners_tls_groups() {
    for protocol in [TargetProtocol::Http, TargetProtocol::Https] {
        let name = protocol_name(protocol);
        let err = err_of(|s, v| {
            let nlb = NetworkLoadBalancer::new(s, "Nlb", v, NlbProps::internet_facing())?;
            let tg = group(s, v, "Web", protocol);
            nlb.tcp_listener("Tcp", 80, &tg).map(drop)
        });
        assert!(
            err.contains("stack `s`")
                && err.contains("`Tcp`")
                && err.contains("DefaultActions.TargetGroupArn")
                && err.contains(&format!("target group `Web` has protocol {name}"))
                && err.contains("forwards to TCP target groups only"),
            "{err}"
        );
        let err = err_of(|s, v| {
            let nlb = NetworkLoadBalancer::new(s, "Nlb", v, NlbProps::internet_facing())?;
            let tg = group(s, v, "Web", protocol);
            nlb.tls_listener("Tls", 443, CERTIFICATE, &tg).map(drop)
        });
        assert!(
            err.contains("`Tls`")
                && err.contains(&format!("protocol {name}"))
                && err.contains("TCP or TLS"),
            "{err}"
        );
    }
    // ELB pairs a TCP listener with TCP groups only; TLS groups sit behind TLS listeners.
    let err = err_of(|s, v| {
        let nlb = NetworkLoadBalancer::new(s, "Nlb", v, NlbProps::internal())?;
        let tg = group(s, v, "Secure", TargetProtocol::Tls);
        nlb.tcp_listener("Tcp", 443, &tg).map(drop)
    });
    assert!(err.contains("has protocol TLS"), "{err}");
}

/// One listener per port and load balancer; the refused listener opens nothing.
#[test]
fn a_port_takes_one_listener() {
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let nlb = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internet_facing()).unwrap();
    let tg = group(&stack, &vpc, "Targets", TargetProtocol::Tcp);
    nlb.tcp_listener("Tcp", 443, &tg).unwrap();
    let err = nlb
        .tls_listener("Tls", 443, CERTIFICATE, &tg)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("stack `s`")
            && err.contains("`Tls`")
            && err.contains("Port")
            && err.contains("port 443 is already used by listener `Tcp` of load balancer `Nlb`"),
        "{err}"
    );
    // Another load balancer has its own ports.
    let other = NetworkLoadBalancer::new(&stack, "Other", &vpc, NlbProps::internal()).unwrap();
    other.tls_listener("Tls", 443, CERTIFICATE, &tg).unwrap();
    let t = app.synthesize().unwrap().stacks[0].template_json();
    assert_eq!(
        resources_of_type(&t, "AWS::ElasticLoadBalancingV2::Listener"),
        ["Tcp", "Tls"]
    );
    assert_eq!(
        t["Resources"]["Tls"]["Properties"]["LoadBalancerArn"]["Ref"],
        "Other"
    );
    assert_eq!(
        resources_of_type(&t, "AWS::EC2::SecurityGroupIngress"),
        ["NlbSgFromCidr00000Tcp443"]
    );
}

#[test]
fn nlb_names_follow_rule_l2() {
    for name in [
        "internal-db".to_owned(),
        "-db".to_owned(),
        "db-".to_owned(),
        "db_nlb".to_owned(),
        "n".repeat(33),
    ] {
        let err = err_of(|s, v| {
            NetworkLoadBalancer::new(s, "Nlb", v, NlbProps::internal().name(name.as_str()))
                .map(drop)
        });
        assert!(
            err.contains("rule L2") && err.contains("`Nlb`") && err.contains("Name"),
            "{name}: {err}"
        );
    }
    // The edges that are allowed.
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    for (id, name) in [("A", "n".repeat(32)), ("B", "internal".to_owned())] {
        NetworkLoadBalancer::new(&stack, id, &vpc, NlbProps::internal().name(name)).unwrap();
    }
}

#[test]
fn an_nlb_needs_two_subnets() {
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16")
        .public_subnets([Subnet::new("subnet-a", "eu-west-1a")])
        .private_subnets([
            Subnet::new("subnet-b", "eu-west-1a"),
            Subnet::new("subnet-c", "eu-west-1b"),
        ]);
    let err = NetworkLoadBalancer::new(&stack, "Nlb", &vpc, NlbProps::internet_facing())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("stack `s`")
            && err.contains("`Nlb`")
            && err.contains("Subnets")
            && err.contains("1 Public subnet(s)"),
        "{err}"
    );
    // The private side has two, so an internal NLB fits.
    NetworkLoadBalancer::new(&stack, "Internal", &vpc, NlbProps::internal()).unwrap();
}

#[test]
fn nlb_health_checks_follow_elb() {
    // A TCP check is for TCP and TLS groups; HTTP(S) groups are checked over HTTP(S).
    let err = err_of(|s, v| {
        TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
            .health_check(HealthCheck::tcp())
            .build()
            .map(drop)
    });
    assert!(
        err.contains("L3") && err.contains("HealthCheckProtocol"),
        "{err}"
    );
    // A TCP check takes no success codes.
    let err = err_of(|s, v| {
        TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Tcp)
            .health_check(HealthCheck::tcp().matcher("200"))
            .build()
            .map(drop)
    });
    assert!(
        err.contains("L3") && err.contains("Matcher.HttpCode"),
        "{err}"
    );
    // Success codes reach 599 on NLB groups, 499 on ALB groups.
    let err = err_of(|s, v| {
        TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http)
            .health_check(HealthCheck::http("/").matcher("200-599"))
            .build()
            .map(drop)
    });
    assert!(err.contains("L3") && err.contains("200 to 499"), "{err}");
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    TargetGroup::<Ip>::builder(&stack, "Tcp", &vpc, 80, TargetProtocol::Tcp)
        .health_check(HealthCheck::http("/").matcher("200-599"))
        .build()
        .unwrap();
    TargetGroup::<Ip>::builder(&stack, "Tls", &vpc, 443, TargetProtocol::Tls)
        .health_check(HealthCheck::http("/ready"))
        .build()
        .unwrap();
    let t = app.synthesize().unwrap().stacks[0].template_json();
    let r = &t["Resources"];
    assert_eq!(r["Tcp"]["Properties"]["HealthCheckProtocol"], "HTTP");
    assert_eq!(r["Tls"]["Properties"]["HealthCheckProtocol"], "HTTPS");
    ecs_dsl_examples::assert_cfn_lint_clean("nlb-health-checks", &app);
}

fn protocol_name(protocol: TargetProtocol) -> &'static str {
    match protocol {
        TargetProtocol::Http => "HTTP",
        TargetProtocol::Https => "HTTPS",
        TargetProtocol::Tcp => "TCP",
        TargetProtocol::Tls => "TLS",
    }
}

#[test]
fn a_literal_certificate_must_be_an_acm_or_iam_server_certificate_arn() {
    // Mistakes CloudFormation would only report at deploy time (rule L6).
    for wrong in [
        "my-log-bucket",
        "example.com",
        "arn:aws:s3:::my-log-bucket",
        "arn:aws:acm:eu-west-1:123456789012:certificate/",
        "arn:aws:acm::123456789012:certificate/abc",
        "arn:aws:acm:eu-west-1:1234:certificate/abc",
        "arn:aws:iam::123456789012:role/web",
    ] {
        let err = err_of(|s, v| {
            let alb = ApplicationLoadBalancer::new(s, "Alb", v, AlbProps::internet_facing())?;
            let tg = group(s, v, "Web", TargetProtocol::Http);
            alb.https_listener("Https", 443, wrong, &tg).map(drop)
        });
        assert!(
            err.contains("`Https`")
                && err.contains("Certificates[0].CertificateArn")
                && err.contains("rule L6")
                && err.contains(wrong),
            "{wrong}: {err}"
        );
        let err = err_of(|s, v| {
            let nlb = NetworkLoadBalancer::new(s, "Nlb", v, NlbProps::internet_facing())?;
            let tg = group(s, v, "Tcp", TargetProtocol::Tcp);
            nlb.tls_listener("Tls", 443, wrong, &tg).map(drop)
        });
        assert!(
            err.contains("`Tls`") && err.contains("rule L6"),
            "{wrong}: {err}"
        );
    }
    // ACM in any partition, IAM server certificates, and parameters (checked by AWS) pass.
    for right in [
        CERTIFICATE,
        "arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc",
        "arn:aws:iam::123456789012:server-certificate/web",
    ] {
        let mut app = App::new();
        let stack = app.stack("s").unwrap();
        let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
        let alb =
            ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing()).unwrap();
        let tg = group(&stack, &vpc, "Web", TargetProtocol::Http);
        alb.https_listener("Https", 443, right, &tg).unwrap();
    }
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let cert = stack.add_parameter("Cert", Parameter::string()).unwrap();
    let alb =
        ApplicationLoadBalancer::new(&stack, "Alb", &vpc, AlbProps::internet_facing()).unwrap();
    let tg = group(&stack, &vpc, "Web", TargetProtocol::Http);
    alb.https_listener("Https", 443, cert.value(), &tg).unwrap();
}
