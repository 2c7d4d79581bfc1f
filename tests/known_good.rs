//! The known-good corpus: a rule must never reject valid input (ecs-rules.md; aws/aws-cdk#31106,
//! #34157). Many valid ECS configurations are built programmatically through the typed API,
//! each one must build, the whole app must synthesize, and all templates together must pass
//! cfn-lint with no error or warning (one cfn-lint run for the corpus).
//!
//! Configurations sit on the edges of the rules on purpose: every Fargate size, every network
//! mode of every launch type, the inclusive bounds of every range (T1, T12, T13, T14, T15, T16,
//! T20, S3, S5, S7, S15), and CloudFormation expressions where a value may be one (those skip the
//! static checks and must pass).
//!
//! Where cfn-lint and ECS disagree, the disagreement is asserted explicitly (not silenced):
//! see [`the_32_vcpu_tier_builds_and_cfn_lint_does_not_know_it_yet`].

#![allow(clippy::unwrap_used)]

use std::process::Command;

use ecs_dsl::cfn::{secretsmanager, ssm};
use ecs_dsl::ecs::{
    AppProtocol, AsgCapacityProvider, AwsLogs, AwsVpc, AwsVpcNetwork, Bridge, CapacityProvider,
    CapacityProviderStrategy, Cluster, ClusterRef, ContainerInsights, CpuArchitecture, CpuUnits,
    DockerDriver, DockerLogDriver, DockerScope, Ec2, EfsVolume, EphemeralStorage, ExecLogging,
    FargateSize, FireLens, FireLensRouter, HealthCheck, Host, Image, Instance, Ip, IpcMode, Mib,
    Nat, NoNetwork, PlacementConstraint, PlacementStrategy, PortMapping, PropagateTags,
    SecretSource, Service, Splunk, TargetGroupRef, TaskDefinition, UlimitName, Volume,
    WindowsFamily,
};
use ecs_dsl::iam::{PolicyStatement, Role, ServicePrincipal};
use ecs_dsl::logs::{LogGroup, Retention};
use ecs_dsl::prelude::*;
use ecs_dsl_examples::{assert_cfn_lint_clean, cfn_lint, scratch_dir, skip};
use ecs_dsl_rules::fargate::TIERS;

/// Fargate tiers in our table that cfn-lint 1.51.0 does not list yet (see ecs-rules.md and
/// tests/fargate_table.rs): they are built and synthesized like the others, but linted apart.
const NEWER_THAN_CFN_LINT: &[u32] = &[32768];

/// An app of known-good configurations and the name of each one that was built.
struct Corpus {
    app: App,
    built: Vec<String>,
}

impl Corpus {
    fn new() -> Self {
        Corpus {
            app: App::new(),
            built: Vec::new(),
        }
    }

    fn stack(&mut self, name: &str) -> Stack {
        self.app
            .stack(name)
            .unwrap_or_else(|e| panic!("stack `{name}`: {e}"))
    }

    /// A configuration that must build: counted, and a rejection names it.
    fn ok<T>(&mut self, what: impl Into<String>, result: Result<T>) -> T {
        let what = what.into();
        match result {
            Ok(v) => {
                self.built.push(what);
                v
            }
            Err(e) => panic!("known-good configuration `{what}` was rejected: {e}"),
        }
    }
}

/// A step that must succeed but is not a configuration of its own (a size, a role, a log group).
fn must<T>(what: &str, result: Result<T>) -> T {
    result.unwrap_or_else(|e| panic!("{what}: {e}"))
}

fn nginx() -> Image {
    ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27")
}

fn busybox() -> Image {
    ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36")
}

fn windows_iis() -> Image {
    ecs_dsl::image!("mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022")
}

fn fluent_bit() -> Image {
    ecs_dsl::image!("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")
}

fn subnets() -> Vec<&'static str> {
    vec!["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

fn net() -> AwsVpcNetwork {
    AwsVpcNetwork::new(subnets()).security_group("sg-0123456789abcdef0")
}

const SECRET_ARN: &str = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
const PARAMETER_ARN: &str = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/api-key";
const IP_TG_ARN: &str =
    "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef";
const INSTANCE_TG_ARN: &str =
    "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/inst/0123456789abcdef";

// ---------------------------------------------------------------------------------------------
// F-SIZE: every size of every tier, Linux and Windows.
// ---------------------------------------------------------------------------------------------

/// Every size of the tiers in `tiers`, each a Fargate task with one container that takes the
/// whole task (memory == task memory, cpu == task cpu: the T13 boundary as well).
fn fargate_sizes(c: &mut Corpus, tiers: &[u32]) {
    for tier in TIERS.iter().filter(|t| tiers.contains(&t.cpu)) {
        let linux = c.stack(&format!("FargateCpu{}", tier.cpu));
        for mib in tier.memory.values() {
            let size = must("FargateSize::new", FargateSize::new(tier.cpu, mib));
            let task = TaskDefinition::fargate(&linux, &format!("Linux{mib}"), size);
            let app = task
                .new_container("app", nginx())
                .memory_limit(mib)
                .cpu(tier.cpu);
            c.ok(
                format!("Fargate Linux {} / {mib}", tier.cpu),
                task.container(app).build(),
            );
        }
        if !tier.windows {
            continue;
        }
        let windows = c.stack(&format!("FargateWindowsCpu{}", tier.cpu));
        for (i, mib) in tier.memory.values().into_iter().enumerate() {
            let size = must("FargateSize::new", FargateSize::new(tier.cpu, mib));
            assert!(size.supports_windows(), "{} {mib}", tier.cpu);
            let family = [
                WindowsFamily::Server2019Core,
                WindowsFamily::Server2019Full,
                WindowsFamily::Server2022Core,
                WindowsFamily::Server2022Full,
            ][i % 4];
            let task =
                TaskDefinition::fargate_windows(&windows, &format!("Windows{mib}"), size, family);
            let app = task
                .new_container("app", windows_iis())
                .memory_limit(mib)
                .cpu(tier.cpu);
            c.ok(
                format!("Fargate Windows {} / {mib}", tier.cpu),
                task.container(app).build(),
            );
        }
    }
}

/// The spellings the ECS API accepts ("0.25 vCPU", "2 GB"), and sizes from `fargate!`.
fn fargate_spellings(c: &mut Corpus) {
    let s = c.stack("FargateSpellings");
    for (i, (cpu, memory)) in [
        ("0.25 vCPU", "0.5 GB"),
        (".5 vcpu", "4GB"),
        ("1 vCPU", "2 GB"),
        ("2048", "16 GB"),
        ("4 vCPU", "30 GB"),
        ("8 vCPU", "60 GB"),
        ("16 vCPU", "120 GB"),
        ("1024", "3072"),
    ]
    .into_iter()
    .enumerate()
    {
        let size = must(cpu, FargateSize::parse(cpu, memory));
        let task = TaskDefinition::fargate(&s, &format!("Spelled{i}"), size);
        let app = task.new_container("app", nginx());
        c.ok(
            format!("FargateSize::parse({cpu:?}, {memory:?})"),
            task.container(app).build(),
        );
    }
    // Compile-time sizes with compile-time container limits at the T13 boundary.
    let task = TaskDefinition::fargate(&s, "Macro", ecs_dsl::fargate!(cpu = 512, memory = 1024));
    let app = task
        .new_container("app", nginx())
        .memory_limit(Mib::<1024>)
        .memory_reservation(Mib::<1023>)
        .cpu(CpuUnits::<512>);
    c.ok(
        "fargate! with Mib/CpuUnits == task",
        task.container(app).build(),
    );
    let task = TaskDefinition::fargate(
        &s,
        "WindowsMacro",
        ecs_dsl::fargate!(cpu = 4096, memory = 30720, os = windows),
    )
    .size(ecs_dsl::fargate!(cpu = 1024, memory = 2048, os = windows));
    let app = task.new_container("app", windows_iis());
    c.ok("fargate! os = windows", task.container(app).build());
}

// ---------------------------------------------------------------------------------------------
// T2, T3, T4, T5, S5, S6: every network mode of every launch type, with a service each.
// ---------------------------------------------------------------------------------------------

fn network_modes(c: &mut Corpus) {
    let s = c.stack("Networks");
    let cluster = c.ok(
        "cluster, no settings",
        Cluster::builder(&s, "Cluster").build(),
    );

    // Fargate, awsvpc: ports without host ports, a named one with an app protocol, UDP.
    let task = TaskDefinition::fargate(
        &s,
        "FargateAwsVpc",
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    );
    let web = task
        .new_container("web", nginx())
        .port(80)
        .port_mapping(
            PortMapping::tcp(8080)
                .name("http")
                .app_protocol(AppProtocol::Http),
        )
        .port_mapping(PortMapping::udp(5353).name("dns"));
    let task = c.ok("Fargate awsvpc", task.container(web).build());
    c.ok(
        "Fargate awsvpc service",
        Service::replica(&s, "FargateAwsVpcService", &cluster, &task)
            .network(net())
            .build(),
    );

    // EC2 bridge: a fixed host port, a different host port, a dynamic one, an explicit 0.
    let task = TaskDefinition::ec2(&s, "Ec2Bridge", Bridge);
    let web = task
        .new_container("web", nginx())
        .memory_limit(256)
        .port_mapping(PortMapping::tcp(80).host_port(80))
        .port_mapping(PortMapping::tcp(8443).host_port(443))
        .port(8080)
        .port_mapping(PortMapping::tcp(9090).host_port(0))
        .port_mapping(PortMapping::udp(514).host_port(514));
    // Two containers may both use dynamic host ports on the same container port.
    let other = task
        .new_container("other", nginx())
        .memory_limit(256)
        .port(8080);
    let task = c.ok("EC2 bridge", task.container(web).container(other).build());
    c.ok(
        "EC2 bridge service",
        Service::replica(&s, "Ec2BridgeService", &cluster, &task).build(),
    );

    // EC2 host.
    let task = TaskDefinition::ec2(&s, "Ec2Host", Host);
    let web = task
        .new_container("web", nginx())
        .memory_reservation(128)
        .port(80)
        .port_mapping(PortMapping::udp(80));
    let task = c.ok("EC2 host", task.container(web).build());
    c.ok(
        "EC2 host service",
        Service::replica(&s, "Ec2HostService", &cluster, &task).build(),
    );

    // EC2 awsvpc (through the generic constructor).
    let task = TaskDefinition::new(&s, "Ec2AwsVpc", Ec2, AwsVpc).memory_mib(512);
    let web = task.new_container("web", nginx()).port(80);
    let task = c.ok("EC2 awsvpc", task.container(web).build());
    c.ok(
        "EC2 awsvpc service",
        Service::replica(&s, "Ec2AwsVpcService", &cluster, &task)
            .network(net())
            .build(),
    );

    // EC2 none.
    let task = TaskDefinition::ec2(&s, "Ec2None", NoNetwork)
        .memory_mib(256)
        .cpu_units(256);
    let job = task
        .new_container("job", busybox())
        .command(["sleep", "3600"]);
    let task = c.ok("EC2 none", task.container(job).build());
    c.ok(
        "EC2 none service",
        Service::replica(&s, "Ec2NoneService", &cluster, &task).build(),
    );

    // EC2 Windows, default NAT mode (NetworkMode left out) with host ports, and awsvpc.
    let task = TaskDefinition::ec2_windows(&s, "WinNat", Nat, WindowsFamily::Server2022Full)
        .memory_mib(2048);
    let iis = task
        .new_container("iis", windows_iis())
        .port_mapping(PortMapping::tcp(80).host_port(8080))
        .port(443);
    let task = c.ok("EC2 Windows NAT", task.container(iis).build());
    c.ok(
        "EC2 Windows NAT service",
        Service::replica(&s, "WinNatService", &cluster, &task).build(),
    );
    let task = TaskDefinition::ec2_windows(&s, "WinAwsVpc", AwsVpc, WindowsFamily::Server2019Core);
    let iis = task
        .new_container("iis", windows_iis())
        .memory_limit(2048)
        .port(80);
    let task = c.ok("EC2 Windows awsvpc", task.container(iis).build());
    c.ok(
        "EC2 Windows awsvpc service",
        Service::replica(&s, "WinAwsVpcService", &cluster, &task)
            .network(net())
            .build(),
    );

    // External: bridge, host, none.
    let task = TaskDefinition::external(&s, "ExtBridge", Bridge);
    let web = task
        .new_container("web", nginx())
        .memory_limit(256)
        .port_mapping(PortMapping::tcp(80).host_port(8080))
        .port(8081);
    let task = c.ok("External bridge", task.container(web).build());
    c.ok(
        "External bridge service",
        Service::replica(&s, "ExtBridgeService", &cluster, &task).build(),
    );
    let task = TaskDefinition::external(&s, "ExtHost", Host).memory_mib(256);
    let web = task.new_container("web", nginx()).port(80);
    let task = c.ok("External host", task.container(web).build());
    c.ok(
        "External host service",
        Service::replica(&s, "ExtHostService", &cluster, &task).build(),
    );
    let task = TaskDefinition::external(&s, "ExtNone", NoNetwork);
    let job = task.new_container("job", busybox()).memory_reservation(64);
    let task = c.ok("External none", task.container(job).build());
    c.ok(
        "External none service",
        Service::replica(&s, "ExtNoneService", &cluster, &task).build(),
    );
}

// ---------------------------------------------------------------------------------------------
// T19: every log driver where it is allowed.
// ---------------------------------------------------------------------------------------------

fn log_drivers(c: &mut Corpus) {
    let s = c.stack("Logging");
    let group = must(
        "log group",
        LogGroup::builder(&s, "AppLogs")
            .retention(Retention::OneWeek)
            .build(),
    );

    // awslogs on Fargate: auto (twice: one group), to a group of the app, to an existing group.
    let task = TaskDefinition::fargate(&s, "AwsLogs", ecs_dsl::fargate!(cpu = 1024, memory = 2048));
    let a = task.new_container("auto", nginx()).log_to_cloudwatch();
    let b = task.new_container("tuned", busybox()).logging(
        AwsLogs::auto()
            .retention(Retention::OneYear)
            .stream_prefix("tuned")
            .non_blocking("25m")
            .datetime_format("%Y-%m-%dT%H:%M:%S"),
    );
    let d = task
        .new_container("group", busybox())
        .logging(AwsLogs::to(&group).multiline_pattern("^INFO"));
    let e = task
        .new_container("existing", busybox())
        .logging(AwsLogs::to_existing("/ecs/shared/existing"));
    c.ok(
        "awslogs auto / to / to_existing on Fargate",
        task.container(a)
            .container(b)
            .container(d)
            .container(e)
            .build(),
    );

    // Splunk on Fargate and EC2.
    let token = || SecretSource::ssm_parameter_name("/splunk/token");
    let task = TaskDefinition::fargate(
        &s,
        "SplunkFargate",
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    );
    let app = task.new_container("app", nginx()).logging(
        Splunk::new("https://splunk.example.com:8088", token())
            .option("splunk-source", "web")
            .option("splunk-format", "json"),
    );
    c.ok("splunk on Fargate", task.container(app).build());
    let task = TaskDefinition::ec2(&s, "SplunkEc2", Bridge).memory_mib(512);
    let app = task
        .new_container("app", nginx())
        .logging(Splunk::new("https://splunk.example.com:8088", token()));
    c.ok("splunk on EC2", task.container(app).build());

    // FireLens with a Fluent Bit router on Fargate, a Fluentd router on EC2.
    let task = TaskDefinition::fargate(
        &s,
        "FireLensFargate",
        ecs_dsl::fargate!(cpu = 512, memory = 1024),
    );
    let router = task
        .new_container("log_router", fluent_bit())
        .firelens_router(FireLensRouter::FluentBit)
        .log_to_cloudwatch();
    let app = task.new_container("app", nginx()).logging(
        FireLens::new()
            .option("Name", "cloudwatch_logs")
            .option("region", "eu-west-1")
            .option("log_group_name", "/ecs/firelens")
            .option("log_stream_prefix", "app-")
            .secret_option("apikey", SecretSource::secrets_manager_arn(SECRET_ARN)),
    );
    c.ok(
        "awsfirelens on Fargate",
        task.container(router).container(app).build(),
    );
    let task = TaskDefinition::ec2(&s, "FireLensEc2", Bridge).memory_mib(1024);
    let router = task
        .new_container("log_router", ecs_dsl::image!("fluent/fluentd:v1.17-1"))
        .firelens_router(FireLensRouter::Fluentd);
    let app = task
        .new_container("app", nginx())
        .logging(FireLens::new().option("@type", "stdout"));
    c.ok(
        "awsfirelens on EC2",
        task.container(router).container(app).build(),
    );

    // Docker's own drivers on EC2 (each one) and External.
    let task = TaskDefinition::ec2(&s, "DockerDrivers", Bridge).memory_mib(2048);
    let json = task.new_container("json", busybox()).logging(
        DockerLogDriver::new(DockerDriver::JsonFile)
            .option("max-size", "10m")
            .option("max-file", "3"),
    );
    let syslog = task.new_container("syslog", busybox()).logging(
        DockerLogDriver::new(DockerDriver::Syslog).option("syslog-address", "udp://127.0.0.1:514"),
    );
    let journald = task
        .new_container("journald", busybox())
        .logging(DockerLogDriver::new(DockerDriver::Journald));
    let gelf = task.new_container("gelf", busybox()).logging(
        DockerLogDriver::new(DockerDriver::Gelf).option("gelf-address", "udp://127.0.0.1:12201"),
    );
    let fluentd = task.new_container("fluentd", busybox()).logging(
        DockerLogDriver::new(DockerDriver::Fluentd).option("fluentd-address", "127.0.0.1:24224"),
    );
    let none = task
        .new_container("none", busybox())
        .logging(DockerLogDriver::new(DockerDriver::None));
    c.ok(
        "every Docker log driver on EC2",
        task.container(json)
            .container(syslog)
            .container(journald)
            .container(gelf)
            .container(fluentd)
            .container(none)
            .build(),
    );
    let task = TaskDefinition::external(&s, "DockerExternal", Host).memory_mib(512);
    let json = task
        .new_container("json", busybox())
        .logging(DockerLogDriver::new(DockerDriver::JsonFile));
    let aws = task.new_container("aws", busybox()).log_to_cloudwatch();
    c.ok(
        "json-file and awslogs on External",
        task.container(json).container(aws).build(),
    );
}

// ---------------------------------------------------------------------------------------------
// Containers: secrets, environment files, dependencies, health checks, sizes, names (T1, T11,
// T12, T13, T14, T15, T16, T18, T20, S15).
// ---------------------------------------------------------------------------------------------

fn containers(c: &mut Corpus) {
    let s = c.stack("Containers");

    // T18: Secrets Manager (whole, JSON key, by ARN), SSM (of the app, by name with and without
    // a leading '/', by ARN), repository credentials; the execution role is created for them.
    let db = must("secret", s.add("DbSecret", secretsmanager::Secret::new()));
    let rooted = must(
        "ssm",
        s.add(
            "RootedParam",
            ssm::Parameter::new(ssm::parameter::ParameterType::String, "v").name("/app/flag"),
        ),
    );
    let unnamed = must(
        "ssm",
        s.add(
            "UnnamedParam",
            ssm::Parameter::new(ssm::parameter::ParameterType::String, "v"),
        ),
    );
    let task = TaskDefinition::fargate(&s, "Secrets", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let app = task
        .new_container("app", nginx())
        .secret("DB_WHOLE", SecretSource::secrets_manager(&db))
        .secret(
            "DB_PASSWORD",
            SecretSource::secrets_manager_key(&db, "password"),
        )
        .secret("DB_BY_ARN", SecretSource::secrets_manager_arn(SECRET_ARN))
        .secret("FLAG", SecretSource::ssm_parameter(&rooted))
        .secret("UNNAMED", SecretSource::ssm_parameter(&unnamed))
        .secret("TOKEN", SecretSource::ssm_parameter_name("/prod/api/token"))
        .secret("PLAIN", SecretSource::ssm_parameter_name("plain-name"))
        .secret("API_KEY", SecretSource::ssm_parameter_arn(PARAMETER_ARN))
        .repository_credentials(SecretSource::secrets_manager_arn(
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf",
        ))
        .environment_file_s3("arn:aws:s3:::config-bucket", "web/app.env")
        .environment_file_s3("arn:aws:s3:::config-bucket", "web/extra.env")
        .env("STAGE", "prod");
    c.ok(
        "secrets (all sources) and environment files",
        task.container(app).build(),
    );
    let task = TaskDefinition::ec2(&s, "SecretsEc2", Bridge).memory_mib(256);
    let app = task.new_container("app", nginx()).secret(
        "DB_PASSWORD",
        SecretSource::secrets_manager_key(&db, "password"),
    );
    c.ok("secrets on EC2", task.container(app).build());

    // T11: dependencies of every condition.
    let task = TaskDefinition::fargate(
        &s,
        "Dependencies",
        ecs_dsl::fargate!(cpu = 512, memory = 1024),
    );
    let init = task.new_container("init", busybox()).non_essential();
    let migrate = task.new_container("migrate", busybox()).non_essential();
    let db_proxy = task
        .new_container("proxy", busybox())
        .health_check(HealthCheck::command(["/bin/true"]));
    let sidecar = task.new_container("sidecar", busybox());
    let app = task
        .new_container("app", nginx())
        .depends_on_start(&sidecar)
        .depends_on_complete(&init)
        .depends_on_success(&migrate)
        .depends_on_healthy(&db_proxy)
        .start_timeout_secs(120);
    // A non-essential container waiting for another's health is fine too.
    let late = task
        .new_container("late", busybox())
        .non_essential()
        .depends_on_healthy(&db_proxy)
        .depends_on_start(&app);
    c.ok(
        "dependencies START / COMPLETE / SUCCESS / HEALTHY",
        task.container(init)
            .container(migrate)
            .container(db_proxy)
            .container(sidecar)
            .container(app)
            .container(late)
            .build(),
    );

    // T15: health checks at both ends of every range, through the macro and the setters.
    let task = TaskDefinition::fargate(
        &s,
        "HealthChecks",
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    );
    let low = task.new_container("low", nginx()).health_check(
        HealthCheck::shell("curl -f http://localhost/ || exit 1").timing(
            ecs_dsl::health_check_timing!(interval = 5, timeout = 2, retries = 1, start_period = 0),
        ),
    );
    let high = task.new_container("high", busybox()).health_check(
        HealthCheck::command(["/bin/check", "--all"]).timing(ecs_dsl::health_check_timing!(
            interval = 300,
            timeout = 60,
            retries = 10,
            start_period = 300
        )),
    );
    let setters_low = task.new_container("setters_low", busybox()).health_check(
        HealthCheck::command(["/bin/true"])
            .interval_secs(5)
            .timeout_secs(2)
            .retries(1)
            .start_period_secs(0),
    );
    let setters_high = task.new_container("setters_high", busybox()).health_check(
        HealthCheck::command(["/bin/true"])
            .interval_secs(300)
            .timeout_secs(60)
            .retries(10)
            .start_period_secs(300),
    );
    let defaults = task
        .new_container("defaults", busybox())
        .health_check(HealthCheck::shell("exit 0"));
    c.ok(
        "health checks at the T15 limits",
        task.container(low)
            .container(high)
            .container(setters_low)
            .container(setters_high)
            .container(defaults)
            .build(),
    );

    // T14: ephemeral storage 21 and 200 GiB (run time and macro).
    for (id, storage) in [
        ("Ephemeral21", EphemeralStorage::gib(21)),
        ("Ephemeral200", EphemeralStorage::gib(200)),
        ("EphemeralMacro", ecs_dsl::ephemeral_storage!(200)),
    ] {
        let task = TaskDefinition::fargate(&s, id, ecs_dsl::fargate!(cpu = 256, memory = 512))
            .ephemeral_storage(storage);
        let app = task.new_container("app", nginx());
        c.ok(
            format!("ephemeral storage {id}"),
            task.container(app).build(),
        );
    }

    // T16: stop and start timeouts 2 and 120 s on Fargate; larger ones on EC2 (no limit there).
    let task = TaskDefinition::fargate(&s, "Timeouts", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let quick = task
        .new_container("quick", nginx())
        .stop_timeout_secs(2)
        .start_timeout_secs(2);
    let slow = task
        .new_container("slow", busybox())
        .stop_timeout_secs(120)
        .start_timeout_secs(120);
    c.ok(
        "stop/start timeouts 2 and 120 s on Fargate",
        task.container(quick).container(slow).build(),
    );
    let task = TaskDefinition::ec2(&s, "TimeoutsEc2", Bridge).memory_mib(256);
    let slow = task
        .new_container("slow", busybox())
        .stop_timeout_secs(600)
        .start_timeout_secs(600);
    c.ok("stop timeout 600 s on EC2", task.container(slow).build());

    // T13: the sum of container cpu == task cpu; each memory == task memory (run time).
    let size = must("size", FargateSize::new(1024, 2048));
    let task = TaskDefinition::fargate(&s, "T13Boundary", size);
    let a = task
        .new_container("a", nginx())
        .cpu(512)
        .memory_limit(2048)
        .memory_reservation(1024);
    let b = task
        .new_container("b", busybox())
        .cpu(256)
        .memory_reservation(2048);
    let d = task
        .new_container("d", busybox())
        .cpu(256)
        .memory_limit(2048);
    c.ok(
        "cpu sum == task cpu, memory == task memory",
        task.container(a).container(b).container(d).build(),
    );
    let task = TaskDefinition::ec2(&s, "T13Ec2", Bridge)
        .memory_mib(1024)
        .cpu_units(1024);
    let a = task
        .new_container("a", nginx())
        .cpu(1024)
        .memory_limit(1024);
    let b = task
        .new_container("b", busybox())
        .cpu(0)
        .memory_reservation(1024);
    c.ok(
        "EC2 task-level limits reached exactly",
        task.container(a).container(b).build(),
    );

    // T12: EC2/External/EC2 Windows without task memory, every container limited.
    let task = TaskDefinition::ec2(&s, "T12Ec2", Bridge);
    let hard = task.new_container("hard", nginx()).memory_limit(512);
    let soft = task
        .new_container("soft", busybox())
        .memory_reservation(128);
    let both = task
        .new_container("both", busybox())
        .memory_limit(129)
        .memory_reservation(128);
    c.ok(
        "EC2 without task memory (T12, memory = reservation + 1)",
        task.container(hard).container(soft).container(both).build(),
    );
    let task = TaskDefinition::external(&s, "T12External", Bridge);
    let soft = task.new_container("soft", busybox()).memory_reservation(64);
    c.ok("External without task memory", task.container(soft).build());
    let task = TaskDefinition::ec2_windows(&s, "T12Windows", Nat, WindowsFamily::Server2025Core);
    let hard = task.new_container("hard", windows_iis()).memory_limit(2048);
    c.ok(
        "EC2 Windows without task memory",
        task.container(hard).build(),
    );

    // T1: ten containers, typed and from data.
    let task =
        TaskDefinition::fargate(&s, "TenTyped", ecs_dsl::fargate!(cpu = 1024, memory = 2048));
    let n = |i: u32| task.new_container(format!("c{i}"), busybox());
    let (c0, c1, c2, c3, c4) = (n(0), n(1), n(2), n(3), n(4));
    let (c5, c6, c7, c8, c9) = (n(5), n(6), n(7), n(8), n(9));
    c.ok(
        "10 containers added one by one",
        task.container(c0)
            .container(c1)
            .container(c2)
            .container(c3)
            .container(c4)
            .container(c5)
            .container(c6)
            .container(c7)
            .container(c8)
            .container(c9)
            .build(),
    );
    let task = TaskDefinition::ec2(&s, "TenFromData", Bridge).memory_mib(1024);
    let list: Vec<_> = (0..10)
        .map(|i| task.new_container(format!("worker{i}"), busybox()))
        .collect();
    c.ok("10 containers from data", task.containers(list).build());
    let task = TaskDefinition::fargate(
        &s,
        "NineAndOneEssential",
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    );
    let list: Vec<_> = (0..9)
        .map(|i| {
            task.new_container(format!("helper{i}"), busybox())
                .non_essential()
        })
        .collect();
    let main = task.new_container("main", nginx());
    c.ok(
        "9 non-essential containers from data + 1 essential",
        task.containers(list).container(main).build(),
    );

    // T20: port names at 64 characters of every allowed kind, one per protocol.
    let name64 = |tail: char| format!("{}{tail}", "a0_-".repeat(15) + "xyz");
    assert_eq!(name64('1').len(), 64);
    let task = TaskDefinition::fargate(&s, "PortNames", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let app = task
        .new_container("app", nginx())
        .port_mapping(
            PortMapping::tcp(80)
                .name(name64('1'))
                .app_protocol(AppProtocol::Http),
        )
        .port_mapping(
            PortMapping::tcp(81)
                .name(name64('2'))
                .app_protocol(AppProtocol::Http2),
        )
        .port_mapping(
            PortMapping::tcp(82)
                .name(name64('3'))
                .app_protocol(AppProtocol::Grpc),
        )
        .port_mapping(PortMapping::udp(82).name("_udp-82"))
        .port_mapping(PortMapping::tcp(83).name("0"));
    c.ok("64-character port names", task.container(app).build());

    // S15: a 255-character container name and family.
    let long = "N".repeat(200) + &"a-_0".repeat(13) + "123";
    assert_eq!(long.len(), 255);
    let task = TaskDefinition::fargate(&s, "LongNames", ecs_dsl::fargate!(cpu = 256, memory = 512))
        .family(long.clone());
    let app = task.new_container(long.clone(), nginx());
    c.ok(
        "255-character container name and family",
        task.container(app).build(),
    );

    // Linux settings on Fargate.
    let task = TaskDefinition::fargate(
        &s,
        "LinuxSettings",
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    )
    .cpu_architecture(CpuArchitecture::Arm64)
    .pid_mode_task()
    .tag("team", "web");
    let data = task.new_container("data", busybox()).non_essential();
    let app = task
        .new_container("app", nginx())
        .user("1000:1000")
        .readonly_root_filesystem()
        .ulimit(UlimitName::Nofile, 65536, 65536)
        .init_process()
        .add_capability_sys_ptrace()
        .drop_capability("NET_RAW")
        .command(["nginx", "-g", "daemon off;"])
        .entry_point(["/docker-entrypoint.sh"])
        .working_directory("/usr/share/nginx")
        .docker_label("com.example.team", "web")
        .volumes_from(&data, true);
    c.ok(
        "Linux container settings on Fargate",
        task.container(data).container(app).build(),
    );

    // EC2 host features (T6) that Fargate does not have.
    let task = TaskDefinition::ec2(&s, "Ec2Features", Bridge)
        .memory_mib(2048)
        .cpu_units(1024)
        .ipc_mode(IpcMode::Task)
        .pid_mode_host()
        .placement_constraint("attribute:ecs.instance-type =~ g5.*");
    let db = task.new_container("db", busybox()).memory_reservation(256);
    let app = task
        .new_container("app", nginx())
        .privileged()
        .gpus(1)
        .link(&db)
        .extra_host("db.internal", "10.0.0.10")
        .dns_server("10.0.0.2")
        .dns_search_domain("internal")
        .device("/dev/fuse", Some("/dev/fuse"))
        .tmpfs("/run", 64)
        .shared_memory_mib(256)
        .add_capability("NET_ADMIN")
        .port(80);
    c.ok(
        "EC2 host features",
        task.container(db).container(app).build(),
    );
    let task = TaskDefinition::external(&s, "ExternalFeatures", Host)
        .memory_mib(512)
        .ipc_mode(IpcMode::Host)
        .pid_mode_task();
    let app = task
        .new_container("app", nginx())
        .privileged()
        .extra_host("db.internal", "10.0.0.10")
        .device("/dev/ttyUSB0", None);
    c.ok("External host features", task.container(app).build());

    // ECR images get a pull grant; the execution role is created for it.
    let task = TaskDefinition::fargate(&s, "EcrImage", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let app = task.new_container(
        "app",
        ecs_dsl::image!("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web/app:v42"),
    );
    c.ok("ECR image", task.container(app).build());
}

// ---------------------------------------------------------------------------------------------
// Volumes (T6, T9, E1, E2).
// ---------------------------------------------------------------------------------------------

fn volumes(c: &mut Corpus) {
    let s = c.stack("Volumes");
    let fs = "fs-0123456789abcdef0";

    let scratch = Volume::scratch("cache");
    let plain = Volume::efs("plain", EfsVolume::new(fs));
    let secure = Volume::efs(
        "secure",
        EfsVolume::new(fs)
            .transit_encryption()
            .transit_encryption_port(2999)
            .iam_authorization()
            .access_point("fsap-0123456789abcdef0"),
    );
    let subdir = Volume::efs(
        "subdir",
        EfsVolume::new(fs)
            .transit_encryption()
            .root_directory("/data"),
    );
    let ap_only = Volume::efs(
        "aponly",
        EfsVolume::new(fs)
            .transit_encryption()
            .access_point("fsap-0123456789abcdef1"),
    );
    let task = TaskDefinition::fargate(
        &s,
        "FargateVolumes",
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    )
    .volume(&scratch)
    .volume(&plain)
    .volume(&secure)
    .volume(&subdir)
    .volume(&ap_only);
    let app = task
        .new_container("app", nginx())
        .mount(&scratch, "/cache")
        .mount(&plain, "/mnt/plain")
        .mount_read_only(&secure, "/mnt/secure")
        .mount(&subdir, "/mnt/data")
        .mount(&ap_only, "/mnt/ap");
    c.ok(
        "Fargate scratch + EFS (plain, TLS+IAM+AP, root dir)",
        task.container(app).build(),
    );

    let docker_shared = Volume::docker("shared", DockerScope::Shared)
        .autoprovision(true)
        .driver("local")
        .driver_opt("type", "tmpfs")
        .label("owner", "web");
    let docker_task = Volume::docker("scoped", DockerScope::Task).driver("local");
    let host = Volume::host_path("sock", "/var/run/docker.sock");
    let task = TaskDefinition::ec2(&s, "Ec2Volumes", Bridge)
        .memory_mib(512)
        .volume(&docker_shared)
        .volume(&docker_task)
        .volume(&host)
        .volume(&scratch)
        .volume(&secure);
    let app = task
        .new_container("app", nginx())
        .mount(&docker_shared, "/shared")
        .mount(&docker_task, "/scoped")
        .mount_read_only(&host, "/var/run/docker.sock")
        .mount(&scratch, "/cache")
        .mount(&secure, "/mnt/secure");
    c.ok(
        "EC2 docker/host/scratch/EFS volumes",
        task.container(app).build(),
    );

    let task = TaskDefinition::external(&s, "ExternalVolumes", Bridge)
        .memory_mib(512)
        .volume(&docker_task)
        .volume(&host)
        .volume(&scratch);
    let app = task
        .new_container("app", nginx())
        .mount(&docker_task, "/scoped")
        .mount(&host, "/host")
        .mount(&scratch, "/cache");
    c.ok(
        "External docker/host/scratch volumes",
        task.container(app).build(),
    );

    let win_host = Volume::host_path("logs", "C:\\logs");
    let win_scratch = Volume::scratch("temp");
    let task =
        TaskDefinition::ec2_windows(&s, "WindowsVolumes", Nat, WindowsFamily::Server2022Core)
            .memory_mib(2048)
            .volume(&win_host)
            .volume(&win_scratch);
    let app = task
        .new_container("iis", windows_iis())
        .mount(&win_host, "C:\\inetpub\\logs")
        .mount(&win_scratch, "C:\\temp");
    c.ok(
        "EC2 Windows host/scratch volumes",
        task.container(app).build(),
    );

    let task = TaskDefinition::fargate_windows(
        &s,
        "FargateWindowsScratch",
        ecs_dsl::fargate!(cpu = 1024, memory = 2048, os = windows),
        WindowsFamily::Server2019Full,
    )
    .volume(&win_scratch);
    let app = task
        .new_container("iis", windows_iis())
        .mount(&win_scratch, "C:\\temp");
    c.ok(
        "Fargate Windows scratch volume",
        task.container(app).build(),
    );
}

// ---------------------------------------------------------------------------------------------
// Services: roles, daemon, controllers, circuit breaker, alarms, exec, target groups (S1, S5,
// S7, S8, S13, S15).
// ---------------------------------------------------------------------------------------------

fn services(c: &mut Corpus) {
    let s = c.stack("Services");
    let name255 = "S".repeat(250) + "-_a1z";
    assert_eq!(name255.len(), 255);
    let cluster = c.ok(
        "cluster with a 255-character name, insights, exec logging",
        Cluster::builder(&s, "Cluster")
            .name(name255.clone())
            .container_insights(ContainerInsights::Enhanced)
            .exec_logging(ExecLogging::None)
            .tag("team", "platform")
            .build(),
    );
    let exec_logs = must("log group", LogGroup::builder(&s, "ExecLogs").build());
    c.ok(
        "cluster with exec logs to a group and a KMS key",
        Cluster::builder(&s, "ExecCluster")
            .container_insights(ContainerInsights::Disabled)
            .exec_logging(ExecLogging::LogGroup(exec_logs))
            .exec_kms_key(
                "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            )
            .build(),
    );
    c.ok(
        "cluster with default exec logging",
        Cluster::builder(&s, "DefaultExecCluster")
            .exec_logging(ExecLogging::Default)
            .container_insights(ContainerInsights::Enabled)
            .build(),
    );

    // Roles: given, imported by ARN, automatic.
    let task_role = must(
        "role",
        Role::builder(&s, "AppTaskRole", ServicePrincipal::EcsTasks).build(),
    );
    let exec_role = must(
        "role",
        Role::builder(&s, "AppExecutionRole", ServicePrincipal::EcsTasks).build(),
    );
    let size = || ecs_dsl::fargate!(cpu = 256, memory = 512);
    let task = TaskDefinition::fargate(&s, "GivenRoles", size())
        .task_role(&task_role)
        .execution_role(&exec_role);
    let web = task
        .new_container("web", nginx())
        .port(80)
        .log_to_cloudwatch()
        .secret("TOKEN", SecretSource::ssm_parameter_name("/web/token"));
    let given = c.ok(
        "given task and execution roles",
        task.container(web).build(),
    );
    must(
        "grant",
        given.grant(
            PolicyStatement::allow()
                .action("s3:GetObject")
                .resource("arn:aws:s3:::assets/*"),
        ),
    );
    c.ok(
        "service with exec on a given task role",
        Service::replica(&s, "GivenRolesService", &cluster, &given)
            .network(net())
            .enable_execute_command()
            .build(),
    );

    let task = TaskDefinition::fargate(&s, "ImportedRoles", size())
        .task_role_arn("arn:aws:iam::123456789012:role/app-task")
        .execution_role_arn("arn:aws:iam::123456789012:role/app-execution");
    let web = task
        .new_container("web", nginx())
        .port(80)
        .log_to_cloudwatch();
    let imported = c.ok(
        "imported task and execution roles",
        task.container(web).build(),
    );
    c.ok(
        "service on imported roles",
        Service::replica(&s, "ImportedRolesService", &cluster, &imported)
            .network(net())
            .build(),
    );
    // ECS Exec with an imported task role is valid: the role's owner grants the ssmmessages
    // permissions; the DSL cannot add them and must not refuse the service.
    c.ok(
        "service with exec on an imported task role",
        Service::replica(&s, "ImportedRolesExecService", &cluster, &imported)
            .network(net())
            .enable_execute_command()
            .build(),
    );

    let task = TaskDefinition::fargate(&s, "AutoRoles", size());
    let web = task
        .new_container("web", nginx())
        .port(80)
        .log_to_cloudwatch();
    let auto = c.ok("automatic roles", task.container(web).build());
    must(
        "grant",
        auto.grant(
            PolicyStatement::allow()
                .action("sqs:SendMessage")
                .resource("arn:aws:sqs:eu-west-1:123456789012:jobs"),
        ),
    );
    let task = TaskDefinition::fargate(&s, "NoRoles", size());
    let mut web = task.new_container("web", nginx());
    let bare_http = web.expose(PortMapping::tcp(80));
    let bare = c.ok("no roles at all", task.container(web).build());

    // Exec with a task role created for it; deployment settings at their limits.
    c.ok(
        "exec, alarms, circuit breaker without rollback, min 0 / max 100",
        Service::replica(&s, "ExecService", &cluster, &auto)
            .desired_count(0)
            .network(
                AwsVpcNetwork::new(vec!["subnet-0123456789abcdef0"])
                    .security_group("sg-0123456789abcdef0")
                    .assign_public_ip(),
            )
            .enable_execute_command()
            .circuit_breaker(false)
            .deployment_alarms(["web-5xx", "web-latency"], true)
            .min_healthy_percent(0)
            .max_percent(100)
            .platform_version("1.4.0")
            .propagate_tags(PropagateTags::Service)
            .ecs_managed_tags()
            .tag("team", "web")
            .service_name(name255.clone())
            .build(),
    );
    c.ok(
        "no circuit breaker, alarms without rollback, max 200",
        Service::replica(&s, "NoBreakerService", &cluster, &bare)
            .desired_count(3)
            .network(net())
            .without_circuit_breaker()
            .deployment_alarms(["web-5xx"], false)
            .min_healthy_percent(100)
            .max_percent(200)
            .propagate_tags(PropagateTags::TaskDefinition)
            .build(),
    );

    // S5 limits: 16 subnets, 5 security groups.
    let sixteen: Vec<String> = (0..16)
        .map(|i| format!("subnet-0123456789abcde{i:02x}"))
        .collect();
    let mut five = AwsVpcNetwork::new(sixteen);
    for i in 0..5 {
        five = five.security_group(format!("sg-0123456789abcdef{i}"));
    }
    c.ok(
        "16 subnets and 5 security groups",
        Service::replica(&s, "WideNetworkService", &cluster, &bare)
            .network(five)
            .build(),
    );
    c.ok(
        "security groups as one list plus one more",
        Service::replica(&s, "ListGroupsService", &cluster, &bare)
            .network(
                AwsVpcNetwork::new(subnets())
                    .security_groups(vec!["sg-0123456789abcdef0", "sg-0123456789abcdef1"])
                    .security_group("sg-0123456789abcdef2"),
            )
            .build(),
    );

    // Load balancers: an ip target group for awsvpc, instance for bridge/host, grace periods,
    // five target groups (S7).
    let ip_tg = TargetGroupRef::<Ip>::from_arn(IP_TG_ARN);
    c.ok(
        "awsvpc service with an ip target group and a grace period",
        Service::replica(&s, "LbService", &cluster, &bare)
            .network(net())
            .attach(&ip_tg, &bare_http)
            .health_check_grace_period_secs(60)
            .build(),
    );
    let task =
        TaskDefinition::fargate(&s, "FivePorts", ecs_dsl::fargate!(cpu = 512, memory = 1024));
    let mut web = task.new_container("web", nginx());
    let mut admin = task.new_container("admin", busybox());
    let ports = [
        web.expose(PortMapping::tcp(80)),
        web.expose(PortMapping::tcp(81)),
        web.expose(PortMapping::tcp(82)),
        admin.expose(PortMapping::tcp(9000)),
        admin.expose(PortMapping::tcp(9001)),
    ];
    let five_ports = c.ok(
        "five ports in two containers",
        task.container(web).container(admin).build(),
    );
    let mut svc = Service::replica(&s, "FiveTgService", &cluster, &five_ports)
        .network(net())
        .attach(&ip_tg, &ports[0]);
    for (i, port) in ports[1..].iter().enumerate() {
        let tg = TargetGroupRef::<Ip>::from_arn(format!(
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg{i}/0123456789abcdef"
        ));
        svc = svc.attach(&tg, port);
    }
    c.ok(
        "five target groups, grace period 0",
        svc.health_check_grace_period_secs(0).build(),
    );

    let inst_tg = TargetGroupRef::<Instance>::from_arn(INSTANCE_TG_ARN);
    let task = TaskDefinition::ec2(&s, "BridgeLb", Bridge).memory_mib(512);
    let mut web = task.new_container("web", nginx());
    let bridge_http = web.expose(PortMapping::tcp(80));
    let bridge = c.ok(
        "bridge task with a dynamic port",
        task.container(web).build(),
    );
    c.ok(
        "bridge service with an instance target group (dynamic host port)",
        Service::replica(&s, "BridgeLbService", &cluster, &bridge)
            .attach(&inst_tg, &bridge_http)
            .health_check_grace_period_secs(300)
            .placement_strategy(PlacementStrategy::Spread(
                "attribute:ecs.availability-zone".into(),
            ))
            .placement_strategy(PlacementStrategy::Binpack("memory".into()))
            .placement_constraint(PlacementConstraint::DistinctInstance)
            .build(),
    );
    let task = TaskDefinition::ec2(&s, "HostLb", Host).memory_mib(512);
    let mut web = task.new_container("web", nginx());
    let host_http = web.expose(PortMapping::tcp(8080));
    let host = c.ok("host task", task.container(web).build());
    c.ok(
        "host service with an instance target group",
        Service::replica(&s, "HostLbService", &cluster, &host)
            .attach(&inst_tg, &host_http)
            .placement_strategy(PlacementStrategy::Random)
            .placement_constraint(PlacementConstraint::MemberOf(
                "attribute:ecs.os-type == linux".into(),
            ))
            .build(),
    );

    // Deployment controllers.
    c.ok(
        "CODE_DEPLOY controller with a target group",
        Service::replica(&s, "BlueGreenService", &cluster, &bare)
            .network(net())
            .attach(&ip_tg, &bare_http)
            .code_deploy_controller()
            .health_check_grace_period_secs(30)
            .build(),
    );
    c.ok(
        "EXTERNAL controller",
        Service::replica(&s, "ExternalControllerService", &cluster, &bare)
            .network(net())
            .external_controller()
            .build(),
    );

    // Daemons on EC2, EC2 Windows and External.
    let task = TaskDefinition::ec2(&s, "Agent", Host).memory_mib(128);
    let agent = task.new_container("agent", busybox()).log_to_cloudwatch();
    let agent = c.ok("EC2 agent task", task.container(agent).build());
    c.ok(
        "EC2 daemon",
        Service::daemon(&s, "AgentDaemon", &cluster, &agent)
            .placement_constraint(PlacementConstraint::MemberOf(
                "attribute:ecs.os-type == linux".into(),
            ))
            .min_healthy_percent(0)
            .build(),
    );
    c.ok(
        "EC2 daemon with exec and no circuit breaker",
        Service::daemon(&s, "AgentDaemonExec", &cluster, &agent)
            .enable_execute_command()
            .without_circuit_breaker()
            .build(),
    );
    let task = TaskDefinition::ec2_windows(&s, "WinAgent", Nat, WindowsFamily::Server2022Core)
        .memory_mib(512);
    let agent = task.new_container("agent", windows_iis());
    let win_agent = c.ok("EC2 Windows agent task", task.container(agent).build());
    c.ok(
        "EC2 Windows daemon",
        Service::daemon(&s, "WinAgentDaemon", &cluster, &win_agent).build(),
    );
    let task = TaskDefinition::external(&s, "ExtAgent", Host).memory_mib(128);
    let agent = task.new_container("agent", busybox());
    let ext_agent = c.ok("External agent task", task.container(agent).build());
    c.ok(
        "External daemon",
        Service::daemon(&s, "ExtAgentDaemon", &cluster, &ext_agent).build(),
    );
    c.ok(
        "External replica with an explicit launch type",
        Service::replica(&s, "ExtReplica", &cluster, &ext_agent)
            .launch_type()
            .desired_count(2)
            .build(),
    );
}

// ---------------------------------------------------------------------------------------------
// Capacity providers and strategies (S3, S4).
// ---------------------------------------------------------------------------------------------

fn capacity(c: &mut Corpus) {
    let s = c.stack("Capacity");
    let cluster = c.ok(
        "Fargate providers with a default strategy (one base)",
        Cluster::builder(&s, "FargateCluster")
            .fargate_capacity_providers()
            .default_strategy(
                CapacityProviderStrategy::new()
                    .with(CapacityProvider::fargate().weight(1).base(1))
                    .with(CapacityProvider::fargate_spot().weight(4)),
            )
            .build(),
    );
    let task = TaskDefinition::fargate(&s, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let web = task.new_container("web", nginx()).port(80);
    let task = c.ok("task", task.container(web).build());
    c.ok(
        "service on FARGATE + FARGATE_SPOT with one base",
        Service::replica(&s, "SpotService", &cluster, &task)
            .capacity_provider_strategy(
                CapacityProviderStrategy::new()
                    .with(CapacityProvider::fargate().weight(1).base(2))
                    .with(CapacityProvider::fargate_spot().weight(3)),
            )
            .network(net())
            .build(),
    );
    c.ok(
        "strategy limits: base 100000, weight 1000 next to weight 0",
        Service::replica(&s, "LimitsService", &cluster, &task)
            .capacity_provider_strategy(
                CapacityProviderStrategy::new()
                    .with(CapacityProvider::fargate().weight(0).base(100_000))
                    .with(CapacityProvider::fargate_spot().weight(1000)),
            )
            .network(net())
            .build(),
    );
    c.ok(
        "service on the cluster's default strategy",
        Service::replica(&s, "DefaultStrategyService", &cluster, &task)
            .cluster_default_strategy()
            .network(net())
            .build(),
    );
    c.ok(
        "Fargate service with an explicit launch type in a cluster with providers",
        Service::replica(&s, "LaunchTypeService", &cluster, &task)
            .launch_type()
            .network(net())
            .build(),
    );

    // ARM64 on FARGATE_SPOT with platform 1.4.0 (S4); Windows on FARGATE only.
    let task = TaskDefinition::fargate(&s, "Arm", ecs_dsl::fargate!(cpu = 1024, memory = 2048))
        .cpu_architecture(CpuArchitecture::Arm64);
    let web = task.new_container("web", nginx()).port(80);
    let arm = c.ok("ARM64 task", task.container(web).build());
    c.ok(
        "ARM64 on FARGATE_SPOT, platform 1.4.0",
        Service::replica(&s, "ArmSpotService", &cluster, &arm)
            .capacity_provider_strategy(
                CapacityProviderStrategy::new().with(CapacityProvider::fargate_spot().weight(1)),
            )
            .platform_version("1.4.0")
            .network(net())
            .build(),
    );
    let task = TaskDefinition::fargate_windows(
        &s,
        "Win",
        ecs_dsl::fargate!(cpu = 2048, memory = 4096, os = windows),
        WindowsFamily::Server2022Core,
    );
    let iis = task.new_container("iis", windows_iis()).port(80);
    let win = c.ok("Fargate Windows task", task.container(iis).build());
    c.ok(
        "Fargate Windows on FARGATE only",
        Service::replica(&s, "WinService", &cluster, &win)
            .capacity_provider_strategy(
                CapacityProviderStrategy::new().with(CapacityProvider::fargate().weight(1)),
            )
            .network(net())
            .build(),
    );

    // An Auto Scaling group provider from an ASG ARN parameter.
    let asg = must("param", s.add_parameter("AsgArn", Parameter::string()));
    let provider = c.ok(
        "ASG capacity provider (defaults)",
        AsgCapacityProvider::builder(&s, "Instances", asg.value()).build(),
    );
    let low = c.ok(
        "ASG capacity provider, target capacity 1",
        AsgCapacityProvider::builder(&s, "LowTarget", asg.value())
            .target_capacity_percent(1)
            .without_managed_draining()
            .build(),
    );
    let unmanaged = c.ok(
        "ASG capacity provider without managed scaling or termination protection",
        AsgCapacityProvider::builder(&s, "Unmanaged", "my-asg")
            .without_managed_scaling()
            .without_termination_protection()
            .build(),
    );
    let ec2_cluster = c.ok(
        "cluster with ASG providers and a default strategy",
        Cluster::builder(&s, "Ec2Cluster")
            .capacity_provider(&provider)
            .capacity_provider(&low)
            .capacity_provider(&unmanaged)
            .default_strategy(
                CapacityProviderStrategy::new()
                    .with(provider.weight(1).base(1))
                    .with(low.weight(2)),
            )
            .build(),
    );
    let task = TaskDefinition::ec2(&s, "Ec2Web", Bridge).memory_mib(512);
    let web = task.new_container("web", nginx()).port(80);
    let ec2_task = c.ok("EC2 task", task.container(web).build());
    c.ok(
        "EC2 service on an ASG strategy",
        Service::replica(&s, "Ec2StrategyService", &ec2_cluster, &ec2_task)
            .capacity_provider_strategy(
                CapacityProviderStrategy::new()
                    .with(unmanaged.weight(1))
                    .with(provider.weight(1).base(0)),
            )
            .build(),
    );
    c.ok(
        "EC2 service on the cluster's default (ASG) strategy",
        Service::replica(&s, "Ec2DefaultService", &ec2_cluster, &ec2_task)
            .cluster_default_strategy()
            .build(),
    );
    c.ok(
        "both kinds of providers in one cluster, Fargate default",
        Cluster::builder(&s, "MixedCluster")
            .fargate_capacity_providers()
            .capacity_provider(&provider)
            .default_strategy(
                CapacityProviderStrategy::new().with(CapacityProvider::fargate_spot().weight(1)),
            )
            .build(),
    );
}

// ---------------------------------------------------------------------------------------------
// Expressions: values that are parameters, imports or attributes skip the static checks.
// ---------------------------------------------------------------------------------------------

fn expressions(c: &mut Corpus) {
    let platform = c.stack("Platform");
    let shared_cluster = c.ok(
        "cluster used from another stack",
        Cluster::builder(&platform, "Shared").build(),
    );
    let shared_logs = must(
        "log group",
        LogGroup::builder(&platform, "SharedLogs").build(),
    );

    let s = c.stack("Expressions");
    let p = |id: &str| must("param", s.add_parameter(id, Parameter::string())).value();
    let image = must("image", Image::from_value(p("ImageUri")));
    let secret_arn = p("SecretArn");
    let parameter_arn: Value<String> = intrinsic::import_value("shared:ApiKeyParameterArn");
    let bucket = p("ConfigBucketArn");
    let log_group_name = p("LogGroupName");
    let fs_id = p("FileSystemId");
    let access_point: Value<String> = intrinsic::import_value("shared:AccessPointId");
    let subnets = must(
        "param",
        s.add_parameter("SubnetIds", Parameter::subnet_ids()),
    )
    .value();
    let groups = must(
        "param",
        s.add_parameter(
            "SecurityGroupIds",
            Parameter::aws_list(AwsType::SecurityGroupId),
        ),
    )
    .value();
    let tg_arn = p("TargetGroupArn");
    let alarm = p("AlarmName");
    let stage = p("Stage");
    let exec_role_arn = p("ExecutionRoleArn");
    let task_role_arn: Value<String> = intrinsic::import_value("shared:TaskRoleArn");
    let splunk_url = p("SplunkUrl");

    let efs = Volume::efs(
        "files",
        EfsVolume::new(fs_id)
            .transit_encryption()
            .iam_authorization()
            .access_point(access_point),
    );
    let task = TaskDefinition::fargate(
        &s,
        "FromParameters",
        ecs_dsl::fargate!(cpu = 512, memory = 1024),
    )
    .execution_role_arn(exec_role_arn)
    .task_role_arn(task_role_arn)
    .volume(&efs)
    .tag("stage", stage.clone());
    let mut app = task
        .new_container("app", image)
        .env("STAGE", stage.clone())
        .docker_label("stage", stage.clone())
        .secret("DB", SecretSource::secrets_manager_arn(secret_arn.clone()))
        .secret("API_KEY", SecretSource::ssm_parameter_arn(parameter_arn))
        .environment_file_s3(bucket, "app.env")
        .logging(AwsLogs::to_existing(log_group_name))
        .mount(&efs, "/mnt/files");
    let app_http = app.expose(PortMapping::tcp(80));
    let sidecar = task
        .new_container("sidecar", busybox())
        .logging(Splunk::new(
            splunk_url,
            SecretSource::secrets_manager_arn(secret_arn),
        ));
    let logs = task
        .new_container("logs", busybox())
        .logging(AwsLogs::to(&shared_logs));
    let task = c.ok(
        "task with parameters and imports everywhere a value may be one",
        task.container(app)
            .container(sidecar)
            .container(logs)
            .build(),
    );
    let tg = TargetGroupRef::<Ip>::from_arn(tg_arn);
    c.ok(
        "service with subnet/security-group lists, target group and alarm from parameters",
        Service::replica(&s, "FromParametersService", &shared_cluster, &task)
            .network(
                AwsVpcNetwork::new(subnets.clone())
                    .security_groups(groups.clone())
                    .security_group(intrinsic::import_value::<String>("shared:ExtraSg")),
            )
            .attach(&tg, &app_http)
            .deployment_alarms([alarm], true)
            .build(),
    );
    c.ok(
        "service in an imported cluster with list parameters only",
        Service::replica(
            &s,
            "ImportedClusterService",
            ClusterRef::from_name(intrinsic::import_value::<String>("shared:ClusterName")),
            &task,
        )
        .network(AwsVpcNetwork::new(subnets).security_groups(groups))
        .build(),
    );
    c.ok(
        "cluster with a KMS key from a parameter",
        Cluster::builder(&s, "KmsCluster")
            .exec_kms_key(p("ExecKmsKey"))
            .tag("stage", stage)
            .build(),
    );
}

// ---------------------------------------------------------------------------------------------
// The tests.
// ---------------------------------------------------------------------------------------------

/// Every section, in one app (the tiers cfn-lint knows).
fn corpus() -> Corpus {
    let mut c = Corpus::new();
    let known: Vec<u32> = TIERS
        .iter()
        .map(|t| t.cpu)
        .filter(|cpu| !NEWER_THAN_CFN_LINT.contains(cpu))
        .collect();
    fargate_sizes(&mut c, &known);
    fargate_spellings(&mut c);
    network_modes(&mut c);
    log_drivers(&mut c);
    containers(&mut c);
    volumes(&mut c);
    services(&mut c);
    capacity(&mut c);
    expressions(&mut c);
    c
}

fn resources_of_type<'a>(
    template: &'a serde_json::Value,
    ty: &'a str,
) -> impl Iterator<Item = (&'a String, &'a serde_json::Value)> + 'a {
    template["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .filter(move |(_, r)| r["Type"] == ty)
}

#[test]
fn every_known_good_configuration_builds_and_synthesizes() {
    let c = corpus();
    let assembly = c
        .app
        .synthesize()
        .unwrap_or_else(|e| panic!("the known-good corpus does not synthesize: {e}"));
    // Every configuration was built exactly once under its own name.
    let mut names = c.built.clone();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), c.built.len(), "a configuration name is reused");
    let expected_sizes: usize = TIERS
        .iter()
        .filter(|t| !NEWER_THAN_CFN_LINT.contains(&t.cpu))
        .map(|t| t.memory.values().len() * if t.windows { 2 } else { 1 })
        .sum();
    assert!(
        c.built.len() > expected_sizes + 100,
        "{} configurations",
        c.built.len()
    );
    eprintln!(
        "known-good corpus: {} configurations in {} stacks",
        c.built.len(),
        assembly.stacks.len()
    );

    // Each size is in the template as given, and its container takes all of it (T13).
    for tier in TIERS
        .iter()
        .filter(|t| !NEWER_THAN_CFN_LINT.contains(&t.cpu))
    {
        let t = assembly
            .stack(&format!("FargateCpu{}", tier.cpu))
            .unwrap()
            .template_json();
        for mib in tier.memory.values() {
            let td = &t["Resources"][format!("Linux{mib}")]["Properties"];
            assert_eq!(td["Cpu"], tier.cpu.to_string());
            assert_eq!(td["Memory"], mib.to_string());
            assert_eq!(td["NetworkMode"], "awsvpc");
            assert_eq!(td["ContainerDefinitions"][0]["Memory"], mib);
        }
        if tier.windows {
            let t = assembly
                .stack(&format!("FargateWindowsCpu{}", tier.cpu))
                .unwrap()
                .template_json();
            assert_eq!(
                resources_of_type(&t, "AWS::ECS::TaskDefinition").count(),
                tier.memory.values().len()
            );
            for (_, td) in resources_of_type(&t, "AWS::ECS::TaskDefinition") {
                assert_eq!(td["Properties"]["Cpu"], tier.cpu.to_string());
                assert!(
                    td["Properties"]["RuntimePlatform"]["OperatingSystemFamily"]
                        .as_str()
                        .unwrap()
                        .starts_with("WINDOWS_SERVER_")
                );
            }
        }
    }

    // Network modes as written: Windows NAT leaves NetworkMode out; bridge keeps host ports.
    let t = assembly.stack("Networks").unwrap().template_json();
    let r = &t["Resources"];
    assert!(r["WinNat"]["Properties"].get("NetworkMode").is_none());
    assert_eq!(r["Ec2None"]["Properties"]["NetworkMode"], "none");
    let bridge_ports = &r["Ec2Bridge"]["Properties"]["ContainerDefinitions"][0]["PortMappings"];
    assert_eq!(bridge_ports[1]["HostPort"], 443);
    assert!(
        bridge_ports[2].get("HostPort").is_none(),
        "dynamic host port"
    );
    let host_ports = &r["Ec2Host"]["Properties"]["ContainerDefinitions"][0]["PortMappings"];
    assert!(host_ports[0].get("HostPort").is_none());

    // Boundaries are rendered as given.
    let t = assembly.stack("Containers").unwrap().template_json();
    let r = &t["Resources"];
    let long = &r["LongNames"]["Properties"];
    assert_eq!(long["Family"].as_str().unwrap().len(), 255);
    assert_eq!(
        long["ContainerDefinitions"][0]["Name"]
            .as_str()
            .unwrap()
            .len(),
        255
    );
    assert_eq!(
        r["TenTyped"]["Properties"]["ContainerDefinitions"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
    assert_eq!(
        r["TenFromData"]["Properties"]["ContainerDefinitions"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
    assert_eq!(
        r["Ephemeral21"]["Properties"]["EphemeralStorage"]["SizeInGiB"],
        21
    );
    assert_eq!(
        r["Ephemeral200"]["Properties"]["EphemeralStorage"]["SizeInGiB"],
        200
    );
    let checks = &r["HealthChecks"]["Properties"]["ContainerDefinitions"];
    assert_eq!(checks[0]["HealthCheck"]["Interval"], 5);
    assert_eq!(checks[1]["HealthCheck"]["StartPeriod"], 300);
    let deps = &r["Dependencies"]["Properties"]["ContainerDefinitions"][4]["DependsOn"];
    let conditions: Vec<&str> = deps
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["Condition"].as_str().unwrap())
        .collect();
    assert_eq!(conditions, ["START", "COMPLETE", "SUCCESS", "HEALTHY"]);

    // Expressions pass through unchanged.
    let t = assembly.stack("Expressions").unwrap().template_json();
    let app = &t["Resources"]["FromParameters"]["Properties"]["ContainerDefinitions"][0];
    assert_eq!(app["Image"], serde_json::json!({"Ref": "ImageUri"}));
    assert_eq!(
        app["Secrets"][1]["ValueFrom"],
        serde_json::json!({"Ref": "SecretArn"})
    );
    let service = &t["Resources"]["FromParametersService"]["Properties"];
    assert_eq!(
        service["NetworkConfiguration"]["AwsvpcConfiguration"]["Subnets"],
        serde_json::json!({"Ref": "SubnetIds"})
    );
    assert_eq!(
        service["LoadBalancers"][0]["TargetGroupArn"],
        serde_json::json!({"Ref": "TargetGroupArn"})
    );
}

#[test]
fn the_known_good_corpus_is_cfn_lint_clean() {
    let c = corpus();
    assert_cfn_lint_clean("known_good", &c.app);
}

/// The 32 vCPU tier is valid for ECS (ecs-rules.md: "newest tier, confirm before relying on
/// it") but newer than cfn-lint 1.51.0's `fargate_cpu_memory.json`, so cfn-lint reports each of
/// its sizes twice: E3047 (cpu/memory combination) and E3048 (the `Cpu` enum of Fargate task
/// definitions). The tier must build; cfn-lint's findings must be exactly that disagreement and
/// nothing else. When cfn-lint learns the tier, this test fails and the tier joins the corpus.
#[test]
fn the_32_vcpu_tier_builds_and_cfn_lint_does_not_know_it_yet() {
    let mut c = Corpus::new();
    fargate_sizes(&mut c, NEWER_THAN_CFN_LINT);
    let sizes: usize = TIERS
        .iter()
        .filter(|t| NEWER_THAN_CFN_LINT.contains(&t.cpu))
        .map(|t| t.memory.values().len())
        .sum();
    assert_eq!(c.built.len(), sizes);
    let Some(lint) = cfn_lint() else {
        skip(
            "cfn-lint over the 32 vCPU tier",
            "cfn-lint is not installed",
        );
        return;
    };
    let dir = scratch_dir("known_good_32vcpu");
    let assembly = c.app.synth(&dir).unwrap();
    let out = Command::new(lint)
        .args(["--format", "parseable", "--"])
        .args(assembly.stacks.iter().map(|s| dir.join(&s.file_name)))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let findings: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    eprintln!("cfn-lint on the 32 vCPU tier:\n{stdout}");
    assert_eq!(
        findings.len(),
        2 * sizes,
        "two findings per size:\n{stdout}"
    );
    for line in findings {
        assert!(
            (line.contains(":E3047:Cpu '32768' is not compatible with memory")
                || line.contains(":E3048:'32768' is not one of")),
            "unexpected finding: {line}"
        );
    }
}
