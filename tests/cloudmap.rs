//! Cloud Map (issue [4/5] item 5, first part): namespaces (C1) and service registration with
//! A or SRV records (S10), one registry per service, DNS-label names (C2); cfn-lint clean.

#![allow(clippy::unwrap_used)]

use ecs_dsl::cloudmap::{DnsRecords, Namespace, Routing};
use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, PortMapping, Service, TaskDefinition};
use ecs_dsl::prelude::*;

#[test]
fn an_awsvpc_service_registers_a_and_srv_records_once() {
    let mut app = App::new();
    let stack = app.stack("apps").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let ns = Namespace::private_dns(&stack, "Internal", "internal.example", &vpc).unwrap();
    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let task = TaskDefinition::fargate(&stack, "Api", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let mut c = task
        .new_container("api", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
        .log_to_cloudwatch();
    let api_port = c.expose(PortMapping::tcp(8080));
    // A container made for the task but never added to it.
    let mut stray = task.new_container("web", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"));
    let stray_port = stray.expose(PortMapping::tcp(8080));
    let task = task.container(c).build().unwrap();
    // A port of another task definition.
    let other =
        TaskDefinition::fargate(&stack, "Other", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let mut o = other.new_container("api", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"));
    let other_port = o.expose(PortMapping::tcp(9090));
    let _other = other.container(o).build().unwrap();
    let service = |id: &str| {
        Service::replica(&stack, id, &cluster, &task)
            .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private))
            .build()
            .unwrap()
    };
    let a = service("ApiA");
    ns.register_a(&a, "api", DnsRecords::ttl_secs(10)).unwrap();
    let err = ns
        .register_a(&a, "api2", DnsRecords::ttl_secs(10))
        .unwrap_err()
        .to_string();
    assert!(err.contains("one Cloud Map registry"), "{err}");
    let srv = service("ApiSrv");
    let taken = ns
        .register_a(&srv, "api", DnsRecords::ttl_secs(10))
        .unwrap_err()
        .to_string();
    assert!(
        taken.contains("C2") && taken.contains("already taken") && taken.contains("apps/ApiA"),
        "{taken}"
    );
    let bad_port = ns
        .register_srv(&srv, "api-srv", &other_port, DnsRecords::ttl_secs(10))
        .unwrap_err()
        .to_string();
    assert!(
        bad_port.contains("S10") && bad_port.contains("apps/Other"),
        "{bad_port}"
    );
    let bad_container = ns
        .register_srv(&srv, "api-srv", &stray_port, DnsRecords::ttl_secs(10))
        .unwrap_err()
        .to_string();
    assert!(
        bad_container.contains("S10") && bad_container.contains("never added"),
        "{bad_container}"
    );
    let bad_name = ns
        .register_a(&srv, "api.srv", DnsRecords::ttl_secs(10))
        .unwrap_err()
        .to_string();
    assert!(bad_name.contains("C2"), "{bad_name}");
    // A DNS label: at most 63 characters, no `-` at either end.
    let long = "a".repeat(64);
    for name in ["api-", "-api", "", long.as_str()] {
        let err = ns
            .register_a(&srv, name, DnsRecords::ttl_secs(10))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("C2") && err.contains("DNS label"),
            "{name}: {err}"
        );
    }
    let ttl = ns
        .register_a(&srv, "api", DnsRecords::ttl_secs(u32::MAX))
        .unwrap_err()
        .to_string();
    assert!(
        ttl.contains("DnsConfig.DnsRecords.TTL") && ttl.contains("2147483647"),
        "{ttl}"
    );
    ns.register_srv(
        &srv,
        "api-srv",
        &api_port,
        DnsRecords::ttl_secs(30)
            .routing(Routing::Weighted)
            .without_health_check(),
    )
    .unwrap();

    let t = app.synthesize().unwrap().stacks[0].template_json();
    let r = &t["Resources"];
    assert_eq!(
        r["Internal"]["Type"],
        "AWS::ServiceDiscovery::PrivateDnsNamespace"
    );
    assert_eq!(
        r["ApiADiscovery"]["Properties"]["DnsConfig"]["DnsRecords"][0]["Type"],
        "A"
    );
    assert_eq!(
        r["ApiSrvDiscovery"]["Properties"]["DnsConfig"]["DnsRecords"][0]["Type"],
        "SRV"
    );
    let a_dns = &r["ApiADiscovery"]["Properties"];
    assert_eq!(a_dns["DnsConfig"]["RoutingPolicy"], "MULTIVALUE");
    assert_eq!(a_dns["DnsConfig"]["DnsRecords"][0]["TTL"], 10.0);
    assert_eq!(a_dns["HealthCheckCustomConfig"]["FailureThreshold"], 1.0);
    let srv_dns = &r["ApiSrvDiscovery"]["Properties"];
    assert_eq!(srv_dns["DnsConfig"]["RoutingPolicy"], "WEIGHTED");
    assert_eq!(srv_dns["DnsConfig"]["DnsRecords"][0]["TTL"], 30.0);
    assert!(srv_dns.get("HealthCheckCustomConfig").is_none());
    let reg = &r["ApiSrv"]["Properties"]["ServiceRegistries"][0];
    assert_eq!(
        (reg["ContainerName"].as_str(), reg["ContainerPort"].as_i64()),
        (Some("api"), Some(8080))
    );
    assert!(
        r["ApiA"]["Properties"]["ServiceRegistries"][0]
            .get("ContainerName")
            .is_none()
    );
    ecs_dsl_examples::assert_cfn_lint_clean("cloudmap", &app);
}

#[test]
fn namespace_names_are_checked() {
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let long = format!("{}.example", "a".repeat(64));
    assert!(
        Namespace::private_dns(&stack, "P", &long, &vpc)
            .unwrap_err()
            .to_string()
            .contains("C1")
    );
    assert!(
        Namespace::public_dns(&stack, "Q", "bad_name.example")
            .unwrap_err()
            .to_string()
            .contains("C1")
    );
    assert!(
        Namespace::http(&stack, "H", "")
            .unwrap_err()
            .to_string()
            .contains("C1")
    );
    assert!(Namespace::http(&stack, "H2", "apps").is_ok());
}
