//! The seed's frontend and backend (`frontend_backend_task`) split into two Fargate services
//! that scale independently and find each other by name, in two variants:
//!
//! - `frontend-backend-cloudmap`: the backend registers A records (one per task IP) as
//!   `backend.frontend-backend.internal` in a private DNS namespace; the frontend calls
//!   `http://backend.frontend-backend.internal:8080`.
//! - `frontend-backend-connect`: Service Connect, with an HTTP namespace as the cluster's
//!   default; the backend offers its named port `api` as `backend:8080`, the frontend is a
//!   client and calls `http://backend:8080` through its Service Connect proxy.
//!
//! Both variants share the stack `frontend-backend-shared`: a VPC (two zones, one NAT
//! gateway) and the two ECR repositories; synthesis exports and imports what crosses stacks.
//! In each variant the backend (port 8080, named `api`) runs in the private subnets and
//! accepts the API port only from the frontend's security group; the frontend (port 3000) is
//! the target of an internet-facing ALB (HTTPS with the certificate given as a parameter,
//! HTTP redirected to HTTPS, access logs to an existing bucket given as a parameter). The frontend scales on CPU
//! between 2 and 6 tasks, the backend between 2 and 12.
//!
//!     cargo run --example frontend_backend_services                 # writes out/
//!     cargo run --example frontend_backend_services -- --out DIR

use ecs_dsl::cfn::ecr;
use ecs_dsl::cloudmap::{DnsRecords, Namespace};
use ecs_dsl::ec2::{Port, SecurityGroup, SubnetKind, Vpc, VpcProps};
use ecs_dsl::ecs::{
    AppProtocol, AwsLogs, AwsVpcNetwork, Cluster, ConnectPort, ContainerInsights, HealthCheck,
    Image, Ip, PortMapping, Service, ServiceConnect, TargetTracking, TaskDefinition,
};
use ecs_dsl::elb::{
    AlbProps, ApplicationLoadBalancer, HealthCheck as TargetHealth, TargetGroup, TargetProtocol,
};
use ecs_dsl::logs::Retention;
use ecs_dsl::prelude::*;

/// The tag both services run.
const IMAGE_TAG: &str = "1.0.0";
/// The backend's API port, named `api`.
const API_PORT: u16 = 8080;
/// The frontend's HTTP port, the ALB's target.
const WEB_PORT: u16 = 3000;

/// How the frontend finds the backend.
#[derive(Clone, Copy)]
enum Discovery {
    /// A private DNS namespace, the backend registered with A records.
    CloudMap,
    /// Service Connect in an HTTP namespace, the cluster's default.
    ServiceConnect,
}

/// What the variants share: the network and the repositories.
struct Shared {
    vpc: Vpc,
    frontend_repo: Handle<ecr::Repository>,
    backend_repo: Handle<ecr::Repository>,
}

/// Builds the app; the snapshot tests call this too.
pub fn build() -> Result<App> {
    let mut app = App::new();
    let shared = app.stack("frontend-backend-shared")?;
    shared.set_description("Network and image repositories of the frontend and backend services");
    let vpc = Vpc::create(
        &shared,
        "Vpc",
        VpcProps::default().max_azs(2).nat_gateways(1),
    )?;
    let repository = |id: &str| -> Result<Handle<ecr::Repository>> {
        let repo = shared.add(
            id,
            ecr::Repository::new()
                .image_tag_mutability(ecr::repository::RepositoryImageTagMutability::Immutable),
        )?;
        repo.set_removal_policy(RemovalPolicy::Retain)?;
        Ok(repo)
    };
    let shared = Shared {
        frontend_repo: repository("FrontendRepository")?,
        backend_repo: repository("BackendRepository")?,
        vpc,
    };

    variant(
        &mut app,
        "frontend-backend-cloudmap",
        &shared,
        Discovery::CloudMap,
    )?;
    variant(
        &mut app,
        "frontend-backend-connect",
        &shared,
        Discovery::ServiceConnect,
    )?;
    Ok(app)
}

/// One variant: a cluster, the backend and frontend services, the ALB and the scaling.
fn variant(app: &mut App, name: &str, shared: &Shared, discovery: Discovery) -> Result<()> {
    let stack = app.stack(name)?;
    let vpc = &shared.vpc;
    let certificate = stack.add_parameter(
        "CertificateArn",
        Parameter::string().description("ACM certificate of the HTTPS listener"),
    )?;
    let log_bucket = stack.add_parameter(
        "AccessLogBucket",
        Parameter::string().description(
            "Existing S3 bucket whose policy lets Elastic Load Balancing deliver access logs",
        ),
    )?;

    // Discovery: the namespace, the cluster (Service Connect's namespace is its default) and
    // the URL the frontend calls the backend by.
    let (cluster, dns_namespace, backend_url) = match discovery {
        Discovery::CloudMap => {
            let ns = Namespace::private_dns(&stack, "Namespace", "frontend-backend.internal", vpc)?;
            let cluster = Cluster::builder(&stack, "Cluster")
                .container_insights(ContainerInsights::Enabled)
                .build()?;
            let url = format!("http://backend.{}:{API_PORT}", ns.name());
            (cluster, Some(ns), url)
        }
        Discovery::ServiceConnect => {
            let ns = Namespace::http(&stack, "Namespace", "frontend-backend")?;
            let cluster = Cluster::builder(&stack, "Cluster")
                .container_insights(ContainerInsights::Enabled)
                .default_namespace(&ns)
                .build()?;
            (cluster, None, format!("http://backend:{API_PORT}"))
        }
    };
    let logs = || AwsLogs::auto().retention(Retention::TwoWeeks);

    // The backend: the named API port, reachable from the frontend's tasks only.
    let task = TaskDefinition::fargate(
        &stack,
        "BackendTask",
        ecs_dsl::fargate!(cpu = 1024, memory = 2048),
    )
    .family(format!("{name}-backend"));
    let probe = format!(
        "import urllib.request; urllib.request.urlopen('http://127.0.0.1:{API_PORT}/health')"
    );
    let mut backend = task
        .new_container(
            "backend-python",
            Image::ecr(&shared.backend_repo, IMAGE_TAG)?,
        )
        .env("BIND", format!("0.0.0.0:{API_PORT}"))
        .logging(logs())
        .health_check(
            HealthCheck::command(["python3", "-c", probe.as_str()]).timing(
                ecs_dsl::health_check_timing!(
                    interval = 15,
                    timeout = 5,
                    retries = 3,
                    start_period = 20
                ),
            ),
        );
    let api = backend.expose(
        PortMapping::tcp(API_PORT)
            .name("api")
            .app_protocol(AppProtocol::Http),
    );
    let backend_task = task.container(backend).build()?;

    let frontend_sg = SecurityGroup::new(&stack, "FrontendSg", vpc, "Frontend tasks")?;
    let backend_sg = SecurityGroup::new(&stack, "BackendSg", vpc, "Backend tasks")?;
    backend_sg.allow_from(&frontend_sg, Port::tcp(API_PORT), "API from the frontend")?;

    let backend_service = Service::replica(&stack, "BackendService", &cluster, &backend_task)
        .network(AwsVpcNetwork::in_vpc(vpc, SubnetKind::Private).security_group(&backend_sg));
    let backend_service = match discovery {
        Discovery::CloudMap => backend_service,
        Discovery::ServiceConnect => backend_service.service_connect(
            ServiceConnect::client().serve(
                ConnectPort::new(&api)
                    .discovery_name("backend")
                    .alias(API_PORT, "backend"),
            ),
        ),
    }
    .build()?;
    if let Some(ns) = &dns_namespace {
        ns.register_a(&backend_service, "backend", DnsRecords::ttl_secs(10))?;
    }

    // The frontend: behind the ALB, calling the backend by name.
    let task = TaskDefinition::fargate(
        &stack,
        "FrontendTask",
        ecs_dsl::fargate!(cpu = 1024, memory = 2048),
    )
    .family(format!("{name}-frontend"));
    let mut frontend = task
        .new_container(
            "frontend-react-app",
            Image::ecr(&shared.frontend_repo, IMAGE_TAG)?,
        )
        .env("BACKEND_URL", backend_url)
        .logging(logs());
    let web = frontend.expose(
        PortMapping::tcp(WEB_PORT)
            .name("web")
            .app_protocol(AppProtocol::Http),
    );
    let frontend_task = task.container(frontend).build()?;

    let alb = ApplicationLoadBalancer::new(
        &stack,
        "Alb",
        vpc,
        AlbProps::internet_facing().access_logs(log_bucket.value(), name),
    )?;
    let targets = TargetGroup::<Ip>::builder(
        &stack,
        "FrontendTargets",
        vpc,
        WEB_PORT,
        TargetProtocol::Http,
    )
    .health_check(TargetHealth::http("/"))
    .build()?;
    let https = alb.https_listener("AlbHttps", 443, certificate.value(), &targets)?;
    alb.redirect_http_to_https("AlbHttp")?;

    let frontend_service = Service::replica(&stack, "FrontendService", &cluster, &frontend_task)
        .network(AwsVpcNetwork::in_vpc(vpc, SubnetKind::Private).security_group(&frontend_sg))
        .attach(&targets, &web)
        .health_check_grace_period_secs(60);
    let frontend_service = match discovery {
        Discovery::CloudMap => frontend_service,
        Discovery::ServiceConnect => frontend_service.service_connect(ServiceConnect::client()),
    }
    .build()?;
    https.serves(&frontend_service, &frontend_sg, &web)?;
    // The public frontend starts after the backend. With Service Connect the library adds
    // this wait itself (a client task resolves only the endpoints that existed when it
    // started); with Cloud Map it is asked for here.
    if let Discovery::CloudMap = discovery {
        frontend_service
            .handle()
            .add_depends_on(backend_service.handle())?;
    }

    // Independent scaling: each service tracks its own CPU.
    frontend_service
        .auto_scale(2, 6)?
        .scale_on_cpu("FrontendCpuScaling", TargetTracking::new(50.0))?;
    backend_service
        .auto_scale(2, 12)?
        .scale_on_cpu("BackendCpuScaling", TargetTracking::new(70.0))?;

    stack.add_output(
        "Url",
        Output::new(intrinsic::join("", ["https://".into(), alb.dns_name()])),
    )?;
    Ok(())
}

#[allow(dead_code)] // the snapshot tests include this file for `build` only
fn main() -> std::process::ExitCode {
    ecs_dsl_examples::example_main("frontend_backend_services", build)
}
