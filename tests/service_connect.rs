//! Service Connect (issue [4/5] item 5): client-only and client-server services, a cluster
//! default namespace, ports as typed handles to named port mappings and discovery names
//! (rule S11); cfn-lint clean.

#![allow(clippy::unwrap_used)]

use ecs_dsl::cloudmap::Namespace;
use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
use ecs_dsl::ecs::{
    AppProtocol, AwsVpc, AwsVpcNetwork, Cluster, ConnectPort, ContainerPort, Fargate, Named,
    PortMapping, Service, ServiceConnect, TaskDefinition,
};
use ecs_dsl::prelude::*;

/// A Fargate task `id` whose container `app` offers a named HTTP port 8080.
fn task(
    stack: &Stack,
    id: &str,
) -> (
    TaskDefinition<Fargate, AwsVpc>,
    ContainerPort<AwsVpc, Named>,
) {
    let task = TaskDefinition::fargate(stack, id, ecs_dsl::fargate!(cpu = 256, memory = 512));
    let mut app = task
        .new_container("app", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
        .log_to_cloudwatch();
    let http = app.expose(
        PortMapping::tcp(8080)
            .name("http")
            .app_protocol(AppProtocol::Http),
    );
    (task.container(app).build().unwrap(), http)
}

fn rule_error<T: std::fmt::Debug>(r: ecs_dsl::Result<T>, rule: &str, needle: &str) {
    let msg = r.unwrap_err().to_string();
    assert!(msg.contains(rule) && msg.contains(needle), "{msg}");
}

#[test]
fn client_server_and_client_services_share_the_cluster_default_namespace() {
    let mut app = App::new();
    let stack = app.stack("apps").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let ns = Namespace::http(&stack, "Apps", "apps").unwrap();
    let cluster = Cluster::builder(&stack, "Cluster")
        .default_namespace(&ns)
        .build()
        .unwrap();
    let net = || AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private);
    let (backend_task, backend_http) = task(&stack, "Backend");
    Service::replica(&stack, "BackendService", &cluster, &backend_task)
        .network(net())
        .service_connect(
            ServiceConnect::client().serve(
                ConnectPort::new(&backend_http)
                    .discovery_name("backend")
                    .alias(80, "backend")
                    .timeouts_secs(300, 15),
            ),
        )
        .build()
        .unwrap();
    let (frontend_task, _) = task(&stack, "Frontend");
    Service::replica(&stack, "FrontendService", &cluster, &frontend_task)
        .network(net())
        .service_connect(ServiceConnect::client().namespace(&ns))
        .build()
        .unwrap();

    let t = app.synthesize().unwrap().stacks[0].template_json();
    let r = &t["Resources"];
    assert_eq!(
        r["Cluster"]["Properties"]["ServiceConnectDefaults"]["Namespace"],
        serde_json::json!({"Fn::GetAtt": ["Apps", "Arn"]})
    );
    let backend = &r["BackendService"]["Properties"]["ServiceConnectConfiguration"];
    assert_eq!(
        backend,
        &serde_json::json!({
            "Enabled": true,
            "Services": [{
                "PortName": "http",
                "DiscoveryName": "backend",
                "ClientAliases": [{"Port": 80, "DnsName": "backend"}],
                "Timeout": {"IdleTimeoutSeconds": 300, "PerRequestTimeoutSeconds": 15}
            }]
        })
    );
    let frontend = &r["FrontendService"]["Properties"]["ServiceConnectConfiguration"];
    assert_eq!(
        frontend,
        &serde_json::json!({
            "Enabled": true,
            "Namespace": {"Fn::GetAtt": ["Apps", "Arn"]}
        })
    );
    // Clients resolve only the endpoints that exist when their tasks start: the client
    // service waits for the server defined before it.
    assert_eq!(
        r["FrontendService"]["DependsOn"],
        serde_json::json!(["BackendService"])
    );
    assert!(r["BackendService"].get("DependsOn").is_none());
    let port = &r["Backend"]["Properties"]["ContainerDefinitions"][0]["PortMappings"][0];
    assert_eq!(
        (&port["Name"], &port["AppProtocol"]),
        (&"http".into(), &"http".into())
    );
    ecs_dsl_examples::assert_cfn_lint_clean("service-connect", &app);
}

#[test]
fn s11_discovery_names_ports_and_namespaces_are_checked() {
    let mut app = App::new();
    let stack = app.stack("apps").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    let ns = Namespace::http(&stack, "Apps", "apps").unwrap();
    let no_default = Cluster::builder(&stack, "Plain").build().unwrap();
    let cluster = Cluster::builder(&stack, "Cluster")
        .default_namespace(&ns)
        .build()
        .unwrap();
    let net = || AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private);
    let (a, a_http) = task(&stack, "A");
    let (_b, b_http) = task(&stack, "B");
    let service = |id: &str, sc: ServiceConnect<AwsVpc>| {
        Service::replica(&stack, id, &cluster, &a)
            .network(net())
            .service_connect(sc)
            .build()
    };
    let offer =
        |name: &str| ServiceConnect::client().serve(ConnectPort::new(&a_http).discovery_name(name));

    // Discovery names: at most 64 of [a-z0-9_-].
    rule_error(service("Upper", offer("Api")), "S11", "`Api` has 'A'");
    rule_error(
        service("Long", offer(&"a".repeat(65))),
        "S11",
        "65 characters",
    );
    // A port handle of another task definition.
    rule_error(
        service(
            "Foreign",
            ServiceConnect::client().serve(ConnectPort::new(&b_http)),
        ),
        "S11",
        "`apps/B`",
    );
    // Unique in the namespace, and within the service.
    service("First", offer("api")).unwrap();
    rule_error(
        service("Second", offer("api")),
        "S11",
        "already taken in the namespace by `apps/First`",
    );
    rule_error(
        service(
            "Twice",
            offer("one").serve(ConnectPort::new(&a_http).discovery_name("one")),
        ),
        "S11",
        "offered twice",
    );
    // Without a discovery name the port name is the name: `http` is free once.
    service(
        "ByPortName",
        ServiceConnect::client().serve(ConnectPort::new(&a_http)),
    )
    .unwrap();
    rule_error(
        service(
            "ByPortNameAgain",
            ServiceConnect::client().serve(ConnectPort::new(&a_http)),
        ),
        "S11",
        "`http` is already taken",
    );
    // A cluster without a default namespace needs the service to name one.
    let err = Service::replica(&stack, "NoNamespace", &no_default, &a)
        .network(net())
        .service_connect(ServiceConnect::client())
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("ServiceConnectConfiguration.Namespace") && err.contains("default namespace"),
        "{err}"
    );
    Service::replica(&stack, "Named", &no_default, &a)
        .network(net())
        .service_connect(ServiceConnect::client().namespace(&ns))
        .build()
        .unwrap();
}
