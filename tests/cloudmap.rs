//! Cloud Map (issue [4/5] item 5, first part): namespaces (C1) and service registration with
//! A or SRV records (S10), one registry per service, DNS-label names (C2); cfn-lint clean.

#![allow(clippy::unwrap_used)]

use ecs_dsl::cloudmap::Namespace;
use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
use ecs_dsl::prelude::*;

#[test]
fn an_awsvpc_service_registers_a_and_srv_records_once() {
    let mut app = App::new();
    let stack = app.stack("apps").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let ns = Namespace::private_dns(&stack, "Internal", "internal.example", &vpc).unwrap();
    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let task = TaskDefinition::fargate(&stack, "Api", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let c = task
        .new_container("api", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
        .port(8080)
        .log_to_cloudwatch();
    let task = task.container(c).build().unwrap();
    let service = |id: &str| {
        Service::replica(&stack, id, &cluster, &task)
            .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private))
            .build()
            .unwrap()
    };
    let a = service("ApiA");
    ns.register_a(&a, "api", 10).unwrap();
    let err = ns.register_a(&a, "api2", 10).unwrap_err().to_string();
    assert!(err.contains("one Cloud Map registry"), "{err}");
    let srv = service("ApiSrv");
    let bad_port = ns
        .register_srv(&srv, "api-srv", "api", 9090, 10)
        .unwrap_err()
        .to_string();
    assert!(
        bad_port.contains("S10") && bad_port.contains("no port 9090"),
        "{bad_port}"
    );
    let bad_container = ns
        .register_srv(&srv, "api-srv", "web", 8080, 10)
        .unwrap_err()
        .to_string();
    assert!(
        bad_container.contains("S10") && bad_container.contains("`web`"),
        "{bad_container}"
    );
    let bad_name = ns.register_a(&srv, "api.srv", 10).unwrap_err().to_string();
    assert!(bad_name.contains("C2"), "{bad_name}");
    ns.register_srv(&srv, "api-srv", "api", 8080, 30).unwrap();

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
