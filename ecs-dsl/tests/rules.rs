//! The run-time path of every rule the build checks enforce (`task_render.rs`,
//! `service_render.rs`, `cluster.rs`, `capacity.rs`): values that arrive at run time (a config
//! file, an env var) go through the same rule as literals do at compile time, and fail with
//! `Error::Rule` naming the stack, the logical id, the field and the rule id. Each rule also has
//! a test that the value just inside its range is accepted, and expressions (a Parameter's
//! value, an `Fn::ImportValue`) are shown to skip the static checks.
//!
//! Some checks cannot be reached through the public API because the types already rule the
//! value out (their compile-fail cases live in `tests/ui`): T4 (ports under network mode
//! `none`), T7 (`pidMode: host` on Fargate), S8 (grace period without a load balancer), E1
//! (EFS IAM without transit encryption), the S1 checks on daemon services, S5's missing network
//! configuration, the host-port part of T5, and the Fargate parts of T6 and T19. For those only
//! the accepted side is tested here.

#![allow(clippy::unwrap_used)]

use ecs_dsl::Error;
use ecs_dsl::cfn::secretsmanager;
use ecs_dsl::ecs::{
    AsgCapacityProvider, AwsLogs, AwsVpc, AwsVpcNetwork, Bridge, CapacityProvider,
    CapacityProviderStrategy, Cluster, Container, ContainerPort, DockerScope, EfsVolume,
    EphemeralStorage, Fargate, FargateSize, FireLens, FireLensRouter, HealthCheck, Host, Image,
    Instance, Ip, NoNetwork, PortMapping, SecretSource, Service, Splunk, TargetGroupRef,
    TaskDefinition, TaskDefinitionBuilder, Volume, WindowsFamily,
};
use ecs_dsl::prelude::*;

/// The stack every test builds in.
const STACK: &str = "rules";

/// A value that arrives at run time (as from a config file): the compiler cannot see it.
fn config<T>(value: T) -> T {
    std::hint::black_box(value)
}

fn app() -> (App, Stack) {
    let mut app = App::new();
    let stack = app.stack(STACK).unwrap();
    (app, stack)
}

fn nginx() -> Image {
    ecs_dsl::image!("nginx:1.27")
}

fn size(cpu: u32, mib: u32) -> FargateSize {
    FargateSize::new(config(cpu), config(mib)).unwrap()
}

fn net() -> AwsVpcNetwork {
    AwsVpcNetwork::new(vec!["subnet-0a"]).security_group("sg-0a")
}

/// Asserts that `result` failed with `Error::Rule` of `rule` for `logical_id`'s `field` in
/// [`STACK`], and that the message cites the rule. Returns the message.
#[track_caller]
fn expect_rule<T>(result: Result<T>, rule: &str, logical_id: &str, field: &str) -> String {
    let err = match result {
        Ok(_) => panic!("rule {rule} should reject `{logical_id}` field `{field}`, but it built"),
        Err(e) => e,
    };
    let message = err.to_string();
    match err {
        Error::Rule {
            stack,
            logical_id: id,
            field: f,
            rule: r,
            reason,
        } => {
            assert_eq!(r, rule, "{message}");
            assert_eq!(stack, STACK, "{message}");
            assert_eq!(id, logical_id, "{message}");
            assert_eq!(f, field, "{message}");
            assert!(!reason.is_empty(), "{message}");
        }
        other => panic!("expected Error::Rule of rule {rule}, got {other:?}"),
    }
    assert!(
        message.contains(&format!("(rule {rule})")),
        "the message does not cite rule {rule}: {message}"
    );
    assert!(message.contains(&format!("stack `{STACK}`")), "{message}");
    assert!(message.contains(&format!("`{logical_id}`")), "{message}");
    message
}

/// Asserts that `result` failed with `Error::InvalidValue` for `logical_id`'s `field` in
/// [`STACK`]: a check that is not a rule of ecs-rules.md (a reference inside the task that does
/// not resolve, a name or port used twice, deployment percentages). Returns the message.
#[track_caller]
fn expect_invalid<T>(result: Result<T>, logical_id: &str, field: &str) -> String {
    let err = match result {
        Ok(_) => panic!("`{logical_id}` field `{field}` should be rejected, but it built"),
        Err(e) => e,
    };
    let message = err.to_string();
    match err {
        Error::InvalidValue {
            stack,
            logical_id: id,
            field: f,
            reason,
        } => {
            assert_eq!(stack, STACK, "{message}");
            assert_eq!(id, logical_id, "{message}");
            assert_eq!(f, field, "{message}");
            assert!(!reason.is_empty(), "{message}");
        }
        other => panic!("expected Error::InvalidValue, got {other:?}"),
    }
    message
}

/// Asserts that a configuration built, naming what it was.
#[track_caller]
fn accepted<T>(what: &str, result: Result<T>) -> T {
    result.unwrap_or_else(|e| panic!("{what} must be accepted: {e}"))
}

type FargateBuilder = TaskDefinitionBuilder<Fargate, AwsVpc, FargateSize>;

/// A Fargate task of 256 CPU / 512 MiB with containers from data.
fn fargate_with<E, H>(
    stack: &Stack,
    id: &str,
    containers: impl FnOnce(&FargateBuilder) -> Vec<Container<Fargate, AwsVpc, FargateSize, E, H>>,
) -> Result<TaskDefinition<Fargate, AwsVpc>> {
    let task = TaskDefinition::fargate(stack, id, size(256, 512));
    let list = containers(&task);
    task.containers(list).build()
}

// ---- T1: at most 10 containers ------------------------------------------------------------

#[test]
fn t1_eleven_containers_from_data_are_rejected() {
    let (_app, s) = app();
    let result = fargate_with(&s, "Crowded", |t| {
        (0..config(11))
            .map(|i| t.new_container(format!("c{i}"), nginx()))
            .collect()
    });
    let msg = expect_rule(result, "T1", "Crowded", "ContainerDefinitions");
    assert!(msg.contains("11 containers"), "{msg}");
}

#[test]
fn t1_ten_from_data_plus_one_typed_container_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "Crowded", size(256, 512));
    let list: Vec<_> = (0..config(10))
        .map(|i| task.new_container(format!("c{i}"), nginx()))
        .collect();
    let last = task.new_container("last", nginx());
    let result = task.containers(list).container(last).build();
    expect_rule(result, "T1", "Crowded", "ContainerDefinitions");
}

#[test]
fn t1_ten_containers_from_data_are_accepted() {
    let (_app, s) = app();
    let task = accepted(
        "10 containers",
        fargate_with(&s, "Full", |t| {
            (0..config(10))
                .map(|i| t.new_container(format!("c{i}"), nginx()))
                .collect()
        }),
    );
    assert_eq!(task.containers().len(), 10);
}

// ---- T4: no port mappings under network mode none (types only) ----------------------------

#[test]
fn t4_network_mode_none_without_ports_is_accepted() {
    let (_app, s) = app();
    let task = TaskDefinition::ec2(&s, "Offline", NoNetwork).memory_mib(config(256));
    let job = task.new_container("job", nginx());
    let task = accepted("network mode none", task.container(job).build());
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    accepted(
        "service of a none task",
        Service::replica(&s, "OfflineService", &cluster, &task).build(),
    );
}

// ---- T5: a host port is bound once ----------------------------------------------------------

#[test]
fn same_container_port_in_two_awsvpc_containers_is_rejected() {
    let (_app, s) = app();
    let port = config(8080);
    let result = fargate_with(&s, "Clash", |t| {
        vec![
            t.new_container("a", nginx()).port(port),
            t.new_container("b", nginx()).port(port),
        ]
    });
    let msg = expect_invalid(result, "Clash", "ContainerDefinitions[b].PortMappings");
    assert!(msg.contains("8080"), "{msg}");
}

#[test]
fn same_fixed_host_port_twice_under_bridge_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::ec2(&s, "BridgeClash", Bridge).memory_mib(512);
    let a = task
        .new_container("a", nginx())
        .port_mapping(PortMapping::tcp(80).host_port(config(8080)));
    let b = task
        .new_container("b", nginx())
        .port_mapping(PortMapping::tcp(81).host_port(config(8080)));
    let result = task.container(a).container(b).build();
    expect_invalid(
        result,
        "BridgeClash",
        "ContainerDefinitions[b].PortMappings",
    );
}

#[test]
fn t5_ports_bound_once_per_protocol_and_dynamic_ports_are_accepted() {
    let (_app, s) = app();
    let port = config(8080);
    accepted(
        "tcp and udp on one awsvpc port",
        fargate_with(&s, "TcpUdp", |t| {
            vec![
                t.new_container("a", nginx()).port(port),
                t.new_container("b", nginx())
                    .port_mapping(PortMapping::udp(port)),
            ]
        }),
    );
    let task = TaskDefinition::ec2(&s, "Dynamic", Bridge).memory_mib(512);
    let a = task
        .new_container("a", nginx())
        .port(port)
        .port_mapping(PortMapping::tcp(port).host_port(0));
    let b = task
        .new_container("b", nginx())
        .port(port)
        .port_mapping(PortMapping::tcp(port).host_port(config(8081)));
    accepted(
        "dynamic host ports on the same container port",
        task.container(a).container(b).build(),
    );
}

// ---- T6: volumes, mounts, links --------------------------------------------------------------

#[test]
fn mount_of_a_volume_not_in_the_task_is_rejected() {
    let (_app, s) = app();
    let cache = Volume::scratch(config("cache"));
    let task = TaskDefinition::fargate(&s, "Mounts", size(256, 512));
    let app = task.new_container("app", nginx()).mount(&cache, "/cache");
    let result = task.container(app).build();
    let msg = expect_invalid(result, "Mounts", "ContainerDefinitions[app].MountPoints");
    assert!(msg.contains("cache"), "{msg}");
}

#[test]
fn two_volumes_with_one_name_are_rejected() {
    let (_app, s) = app();
    let name = config("data");
    let task = TaskDefinition::ec2(&s, "Volumes", Bridge)
        .memory_mib(512)
        .volume(&Volume::scratch(name))
        .volume(&Volume::docker(name, DockerScope::Task));
    let app = task.new_container("app", nginx());
    let result = task.container(app).build();
    expect_invalid(result, "Volumes", "Volumes");
}

#[test]
fn link_to_a_container_not_in_the_task_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::ec2(&s, "Links", Bridge).memory_mib(512);
    let db = task.new_container("db", nginx());
    let app = task.new_container("app", nginx()).link(&db);
    let result = task.container(app).build();
    expect_invalid(result, "Links", "ContainerDefinitions[app].Links");
}

#[test]
fn volumes_from_a_container_not_in_the_task_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "VolumesFrom", size(256, 512));
    let data = task.new_container("data", nginx()).non_essential();
    let app = task.new_container("app", nginx()).volumes_from(&data, true);
    let result = task.container(app).build();
    expect_invalid(
        result,
        "VolumesFrom",
        "ContainerDefinitions[app].VolumesFrom",
    );
}

#[test]
fn t6_volumes_mounts_and_links_within_the_task_are_accepted() {
    let (_app, s) = app();
    let cache = Volume::scratch(config("cache"));
    let host = Volume::host_path("sock", "/var/run/docker.sock");
    let task = TaskDefinition::ec2(&s, "Good", Bridge)
        .memory_mib(512)
        .volume(&cache)
        .volume(&host);
    let db = task.new_container("db", nginx());
    let data = task.new_container("data", nginx()).non_essential();
    let app = task
        .new_container("app", nginx())
        .mount(&cache, "/cache")
        .mount_read_only(&host, "/var/run/docker.sock")
        .link(&db)
        .volumes_from(&data, false);
    accepted(
        "volumes, mounts, links and volumesFrom of the task",
        task.container(db).container(data).container(app).build(),
    );
}

// ---- T7: pidMode (types only) ------------------------------------------------------------------

#[test]
fn t7_pid_mode_task_on_fargate_and_host_on_ec2_are_accepted() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "PidTask", size(256, 512)).pid_mode_task();
    let app = task.new_container("app", nginx());
    accepted("pidMode task on Fargate", task.container(app).build());
    let task = TaskDefinition::ec2(&s, "PidHost", Host)
        .memory_mib(256)
        .pid_mode_host();
    let app = task.new_container("app", nginx());
    accepted("pidMode host on EC2", task.container(app).build());
}

// ---- T11: essential containers and dependencies ----------------------------------------------

#[test]
fn t11_no_container_at_all_is_rejected() {
    let (_app, s) = app();
    let result = fargate_with(&s, "Empty", |_| {
        Vec::<Container<Fargate, AwsVpc, FargateSize>>::new()
    });
    expect_rule(result, "T11", "Empty", "ContainerDefinitions");
}

#[test]
fn t11_no_essential_container_is_rejected() {
    let (_app, s) = app();
    let result = fargate_with(&s, "NoEssential", |t| {
        (0..config(3))
            .map(|i| t.new_container(format!("c{i}"), nginx()).non_essential())
            .collect()
    });
    let msg = expect_rule(result, "T11", "NoEssential", "ContainerDefinitions");
    assert!(msg.contains("essential"), "{msg}");
}

#[test]
fn t11_dependency_on_a_container_not_in_the_task_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "Missing", size(256, 512));
    let sidecar = task.new_container(config("sidecar"), nginx());
    let app = task
        .new_container("app", nginx())
        .depends_on_start(&sidecar);
    let result = task.container(app).build();
    let msg = expect_rule(
        result,
        "T11",
        "Missing",
        "ContainerDefinitions[app].DependsOn",
    );
    assert!(msg.contains("sidecar"), "{msg}");
}

#[test]
fn t11_complete_on_a_container_made_essential_again_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "WaitsForEssential", size(256, 512));
    let migrate = task.new_container("migrate", nginx()).non_essential();
    let app = task
        .new_container("app", nginx())
        .depends_on_complete(&migrate);
    // Config later says the migration is essential after all.
    let migrate = migrate.essential();
    let result = task.container(migrate).container(app).build();
    expect_rule(
        result,
        "T11",
        "WaitsForEssential",
        "ContainerDefinitions[app].DependsOn",
    );
}

#[test]
fn t11_success_on_an_essential_container_of_the_same_name_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "SuccessOfEssential", size(256, 512));
    let planned = task.new_container(config("init"), nginx()).non_essential();
    let app = task
        .new_container("app", nginx())
        .depends_on_success(&planned);
    // The container that is actually added under that name (from data) is essential.
    let actual = task.new_container(config("init"), nginx());
    let result = task.container(actual).container(app).build();
    expect_rule(
        result,
        "T11",
        "SuccessOfEssential",
        "ContainerDefinitions[app].DependsOn",
    );
}

#[test]
fn t11_healthy_on_a_container_without_health_check_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "Unchecked", size(256, 512));
    let planned = task
        .new_container(config("db"), nginx())
        .health_check(HealthCheck::command(["pg_isready"]));
    let app = task
        .new_container("app", nginx())
        .depends_on_healthy(&planned);
    let actual = task.new_container(config("db"), nginx());
    let result = task.container(actual).container(app).build();
    let msg = expect_rule(
        result,
        "T11",
        "Unchecked",
        "ContainerDefinitions[app].DependsOn",
    );
    assert!(msg.contains("health check"), "{msg}");
}

#[test]
fn t11_dependency_on_itself_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "SelfWait", size(256, 512));
    let planned = task.new_container(config("app"), nginx());
    let app = task
        .new_container(config("app"), nginx())
        .depends_on_start(&planned);
    let result = task.container(app).build();
    expect_rule(
        result,
        "T11",
        "SelfWait",
        "ContainerDefinitions[app].DependsOn",
    );
}

#[test]
fn t11_one_essential_container_and_every_dependency_condition_are_accepted() {
    let (_app, s) = app();
    accepted(
        "essential containers from data",
        fargate_with(&s, "AllEssential", |t| {
            (0..config(4))
                .map(|i| t.new_container(format!("c{i}"), nginx()))
                .collect()
        }),
    );
    let task = TaskDefinition::fargate(&s, "Conditions", size(512, 1024));
    let init = task.new_container("init", nginx()).non_essential();
    let migrate = task.new_container("migrate", nginx()).non_essential();
    let db = task
        .new_container("db", nginx())
        .health_check(HealthCheck::command(["pg_isready"]));
    let sidecar = task.new_container("sidecar", nginx());
    let app = task
        .new_container("app", nginx())
        .depends_on_start(&sidecar)
        .depends_on_complete(&init)
        .depends_on_success(&migrate)
        .depends_on_healthy(&db);
    accepted(
        "START / COMPLETE / SUCCESS / HEALTHY",
        task.container(init)
            .container(migrate)
            .container(db)
            .container(sidecar)
            .container(app)
            .build(),
    );
    let task = TaskDefinition::fargate(&s, "NineHelpers", size(256, 512));
    let helpers: Vec<_> = (0..config(9))
        .map(|i| task.new_container(format!("h{i}"), nginx()).non_essential())
        .collect();
    let main = task.new_container("main", nginx());
    accepted(
        "nine non-essential containers and one essential",
        task.containers(helpers).container(main).build(),
    );
}

// ---- T12: EC2 memory without task memory; memory above reservation ---------------------------

#[test]
fn t12_ec2_container_without_memory_and_no_task_memory_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::ec2(&s, "Unbounded", Bridge);
    let limited = task
        .new_container("limited", nginx())
        .memory_limit(config(256));
    let app = task.new_container("app", nginx());
    let result = task.container(limited).container(app).build();
    expect_rule(
        result,
        "T12",
        "Unbounded",
        "ContainerDefinitions[app].Memory",
    );
}

#[test]
fn t12_memory_not_above_the_reservation_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::ec2(&s, "Inverted", Bridge);
    let app = task
        .new_container("app", nginx())
        .memory_limit(config(256))
        .memory_reservation(config(256));
    let result = task.container(app).build();
    let msg = expect_rule(
        result,
        "T12",
        "Inverted",
        "ContainerDefinitions[app].Memory",
    );
    assert!(msg.contains("256"), "{msg}");
}

#[test]
fn t12_every_container_limited_and_memory_one_above_reservation_are_accepted() {
    let (_app, s) = app();
    let task = TaskDefinition::ec2(&s, "Limited", Bridge);
    let hard = task
        .new_container("hard", nginx())
        .memory_limit(config(256));
    let soft = task
        .new_container("soft", nginx())
        .memory_reservation(config(128));
    let both = task
        .new_container("both", nginx())
        .memory_limit(config(257))
        .memory_reservation(config(256));
    accepted(
        "EC2 containers each with memory or reservation",
        task.container(hard).container(soft).container(both).build(),
    );
    let task = TaskDefinition::external(&s, "ExternalLimited", Host);
    let soft = task
        .new_container("soft", nginx())
        .memory_reservation(config(64));
    accepted(
        "External container with a reservation",
        task.container(soft).build(),
    );
}

// ---- T13: container limits within the task ---------------------------------------------------

#[test]
fn t13_container_memory_above_task_memory_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "TooBig", size(256, 512));
    let web = task.new_container("web", nginx()).memory_limit(config(513));
    let result = task.container(web).build();
    let msg = expect_rule(result, "T13", "TooBig", "ContainerDefinitions[web].Memory");
    assert!(msg.contains("513") && msg.contains("512"), "{msg}");
}

#[test]
fn t13_container_reservation_above_task_memory_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "TooBigSoft", size(256, 512));
    let web = task
        .new_container("web", nginx())
        .memory_reservation(config(1024));
    let result = task.container(web).build();
    expect_rule(
        result,
        "T13",
        "TooBigSoft",
        "ContainerDefinitions[web].MemoryReservation",
    );
}

#[test]
fn t13_container_cpu_sum_above_task_cpu_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "TooMuchCpu", size(256, 512));
    let a = task.new_container("a", nginx()).cpu(config(128));
    let b = task.new_container("b", nginx()).cpu(config(129));
    let result = task.container(a).container(b).build();
    let msg = expect_rule(result, "T13", "TooMuchCpu", "ContainerDefinitions");
    assert!(msg.contains("257") && msg.contains("256"), "{msg}");
}

#[test]
fn t13_ec2_container_memory_above_task_memory_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::ec2(&s, "Ec2TooBig", Bridge).memory_mib(config(512));
    let web = task
        .new_container("web", nginx())
        .memory_limit(config(1024));
    let result = task.container(web).build();
    expect_rule(
        result,
        "T13",
        "Ec2TooBig",
        "ContainerDefinitions[web].Memory",
    );
}

#[test]
fn t13_container_limits_equal_to_the_task_are_accepted() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "Exact", size(256, 512));
    let a = task
        .new_container("a", nginx())
        .cpu(config(128))
        .memory_limit(config(512))
        .memory_reservation(config(511));
    let b = task
        .new_container("b", nginx())
        .cpu(config(128))
        .memory_reservation(config(512));
    accepted(
        "cpu sum == task cpu, memory == task memory",
        task.container(a).container(b).build(),
    );
    let task = TaskDefinition::ec2(&s, "Ec2Exact", Bridge)
        .memory_mib(config(512))
        .cpu_units(config(512));
    let web = task
        .new_container("web", nginx())
        .memory_limit(config(512))
        .cpu(config(512));
    accepted("EC2 limits == task", task.container(web).build());
}

// ---- T14: ephemeral storage 21-200 GiB -------------------------------------------------------

fn with_storage(s: &Stack, id: &str, gib: u32) -> Result<TaskDefinition<Fargate, AwsVpc>> {
    let task = TaskDefinition::fargate(s, id, size(256, 512))
        .ephemeral_storage(EphemeralStorage::gib(config(gib)));
    let app = task.new_container("app", nginx());
    task.container(app).build()
}

#[test]
fn t14_ephemeral_storage_outside_21_to_200_gib_is_rejected() {
    let (_app, s) = app();
    for (id, gib) in [("Small", 20), ("Big", 201), ("Huge", 500), ("Zero", 0)] {
        let msg = expect_rule(
            with_storage(&s, id, gib),
            "T14",
            id,
            "EphemeralStorage.SizeInGiB",
        );
        assert!(msg.contains(&format!("{gib} GiB")), "{msg}");
    }
}

#[test]
fn t14_ephemeral_storage_of_21_and_200_gib_is_accepted() {
    let (_app, s) = app();
    accepted("21 GiB", with_storage(&s, "Min", 21));
    accepted("200 GiB", with_storage(&s, "Max", 200));
}

// ---- T15: health check ranges ----------------------------------------------------------------

fn with_check(s: &Stack, id: &str, check: HealthCheck) -> Result<TaskDefinition<Fargate, AwsVpc>> {
    let task = TaskDefinition::fargate(s, id, size(256, 512));
    let web = task.new_container("web", nginx()).health_check(check);
    task.container(web).build()
}

#[test]
fn t15_health_check_values_outside_their_ranges_are_rejected() {
    let (_app, s) = app();
    let base = || HealthCheck::shell("curl -f http://localhost/ || exit 1");
    let cases = [
        ("IntervalLow", base().interval_secs(config(4)), "Interval"),
        (
            "IntervalHigh",
            base().interval_secs(config(301)),
            "Interval",
        ),
        ("IntervalOne", base().interval_secs(config(1)), "Interval"),
        ("TimeoutLow", base().timeout_secs(config(1)), "Timeout"),
        ("TimeoutHigh", base().timeout_secs(config(61)), "Timeout"),
        ("RetriesLow", base().retries(config(0)), "Retries"),
        ("RetriesHigh", base().retries(config(11)), "Retries"),
        (
            "StartHigh",
            base().start_period_secs(config(301)),
            "StartPeriod",
        ),
    ];
    for (id, check, field) in cases {
        expect_rule(
            with_check(&s, id, check),
            "T15",
            id,
            &format!("ContainerDefinitions[web].HealthCheck.{field}"),
        );
    }
    expect_rule(
        with_check(&s, "NoCommand", HealthCheck::command(Vec::<String>::new())),
        "T15",
        "NoCommand",
        "ContainerDefinitions[web].HealthCheck.Command",
    );
}

#[test]
fn t15_health_check_values_at_their_limits_are_accepted() {
    let (_app, s) = app();
    let check = || HealthCheck::command(["/bin/check"]);
    accepted(
        "5 s / 2 s / 1 / 0 s",
        with_check(
            &s,
            "Low",
            check()
                .interval_secs(config(5))
                .timeout_secs(config(2))
                .retries(config(1))
                .start_period_secs(config(0)),
        ),
    );
    accepted(
        "300 s / 60 s / 10 / 300 s",
        with_check(
            &s,
            "High",
            check()
                .interval_secs(config(300))
                .timeout_secs(config(60))
                .retries(config(10))
                .start_period_secs(config(300)),
        ),
    );
}

// ---- T16: stop and start timeouts on Fargate ---------------------------------------------------

#[test]
fn t16_fargate_timeouts_outside_2_to_120_s_are_rejected() {
    let (_app, s) = app();
    for (id, stop, start, field) in [
        ("StopLow", Some(1), None, "StopTimeout"),
        ("StopHigh", Some(121), None, "StopTimeout"),
        ("StartLow", None, Some(1), "StartTimeout"),
        ("StartHigh", None, Some(121), "StartTimeout"),
    ] {
        let task = TaskDefinition::fargate(&s, id, size(256, 512));
        let mut web = task.new_container("web", nginx());
        if let Some(v) = stop {
            web = web.stop_timeout_secs(config(v));
        }
        if let Some(v) = start {
            web = web.start_timeout_secs(config(v));
        }
        expect_rule(
            task.container(web).build(),
            "T16",
            id,
            &format!("ContainerDefinitions[web].{field}"),
        );
    }
}

#[test]
fn t16_fargate_timeouts_of_2_and_120_s_and_longer_ones_on_ec2_are_accepted() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "Timeouts", size(256, 512));
    let quick = task
        .new_container("quick", nginx())
        .stop_timeout_secs(config(2))
        .start_timeout_secs(config(2));
    let slow = task
        .new_container("slow", nginx())
        .stop_timeout_secs(config(120))
        .start_timeout_secs(config(120));
    accepted(
        "2 and 120 s on Fargate",
        task.container(quick).container(slow).build(),
    );
    let task = TaskDefinition::ec2(&s, "Ec2Timeouts", Bridge).memory_mib(256);
    let slow = task
        .new_container("slow", nginx())
        .stop_timeout_secs(config(600));
    accepted("600 s on EC2", task.container(slow).build());
}

// ---- T18: secrets are Secrets Manager or SSM parameter ARNs --------------------------------

fn with_secret(
    s: &Stack,
    id: &str,
    source: SecretSource,
) -> Result<TaskDefinition<Fargate, AwsVpc>> {
    let task = TaskDefinition::fargate(s, id, size(256, 512));
    let app = task.new_container("app", nginx()).secret("DB", source);
    task.container(app).build()
}

#[test]
fn t18_secret_that_is_not_a_secrets_manager_arn_is_rejected() {
    let (_app, s) = app();
    let msg = expect_rule(
        with_secret(
            &s,
            "Name",
            SecretSource::secrets_manager_arn(config("my-db-secret")),
        ),
        "T18",
        "Name",
        "ContainerDefinitions[app].Secrets[DB]",
    );
    assert!(msg.contains("my-db-secret"), "{msg}");
    expect_rule(
        with_secret(
            &s,
            "WrongService",
            SecretSource::secrets_manager_arn(config(
                "arn:aws:ssm:eu-west-1:123456789012:parameter/db",
            )),
        ),
        "T18",
        "WrongService",
        "ContainerDefinitions[app].Secrets[DB]",
    );
    expect_rule(
        with_secret(
            &s,
            "SsmIsSecretsManager",
            SecretSource::ssm_parameter_arn(config(
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
            )),
        ),
        "T18",
        "SsmIsSecretsManager",
        "ContainerDefinitions[app].Secrets[DB]",
    );
}

#[test]
fn t18_repository_credentials_that_are_not_an_arn_are_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "Registry", size(256, 512));
    let app = task
        .new_container("app", nginx())
        .repository_credentials(SecretSource::secrets_manager_arn(config("registry-creds")));
    expect_rule(
        task.container(app).build(),
        "T18",
        "Registry",
        "ContainerDefinitions[app].RepositoryCredentials.CredentialsParameter",
    );
}

#[test]
fn t18_log_driver_secret_option_that_is_not_an_arn_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "SplunkToken", size(256, 512));
    let app = task.new_container("app", nginx()).logging(Splunk::new(
        "https://splunk.example.com:8088",
        SecretSource::secrets_manager_arn(config("splunk-token")),
    ));
    expect_rule(
        task.container(app).build(),
        "T18",
        "SplunkToken",
        "ContainerDefinitions[app].LogConfiguration.SecretOptions[splunk-token]",
    );
}

#[test]
fn t18_secrets_manager_and_ssm_arns_are_accepted() {
    let (_app, s) = app();
    let db = s.add("Db", secretsmanager::Secret::new()).unwrap();
    let task = TaskDefinition::fargate(&s, "Secrets", size(256, 512));
    let app = task
        .new_container("app", nginx())
        .secret(
            "FULL",
            SecretSource::secrets_manager_arn(config(
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
            )),
        )
        .secret(
            "PARTIAL",
            SecretSource::secrets_manager_arn(config(
                "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db",
            )),
        )
        .secret(
            "PARAM",
            SecretSource::ssm_parameter_arn(config(
                "arn:aws:ssm:eu-west-1:123456789012:parameter/app/key",
            )),
        )
        .secret("KEY", SecretSource::secrets_manager_key(&db, "password"))
        .secret(
            "NAMED",
            SecretSource::ssm_parameter_name(config("/app/token")),
        )
        .repository_credentials(SecretSource::secrets_manager(&db))
        .logging(Splunk::new(
            "https://splunk.example.com:8088",
            SecretSource::ssm_parameter_name("splunk-token"),
        ));
    accepted("secret ARNs of both services", task.container(app).build());
}

// ---- T19: FireLens routers -------------------------------------------------------------------

#[test]
fn t19_two_firelens_routers_are_rejected() {
    let (_app, s) = app();
    let result = fargate_with(&s, "TwoRouters", |t| {
        (0..config(2))
            .map(|i| {
                t.new_container(format!("router{i}"), nginx())
                    .firelens_router(FireLensRouter::FluentBit)
            })
            .collect()
    });
    let msg = expect_rule(result, "T19", "TwoRouters", "ContainerDefinitions");
    assert!(msg.contains("2 containers"), "{msg}");
}

#[test]
fn t19_firelens_logging_without_a_router_is_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "NoRouter", size(256, 512));
    let app = task
        .new_container("app", nginx())
        .logging(FireLens::new().option("Name", config("cloudwatch_logs")));
    expect_rule(
        task.container(app).build(),
        "T19",
        "NoRouter",
        "ContainerDefinitions[app].LogConfiguration",
    );
}

#[test]
fn t19_one_router_and_the_fargate_drivers_are_accepted() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "Drivers", size(512, 1024));
    let router = task
        .new_container("router", nginx())
        .firelens_router(FireLensRouter::FluentBit)
        .log_to_cloudwatch();
    let a = task
        .new_container("a", nginx())
        .logging(FireLens::new().option("Name", "stdout"));
    let b = task.new_container("b", nginx()).logging(Splunk::new(
        "https://splunk.example.com:8088",
        SecretSource::ssm_parameter_name("/splunk/token"),
    ));
    let c = task
        .new_container("c", nginx())
        .logging(AwsLogs::to_existing(config("/ecs/existing")));
    accepted(
        "one FireLens router, awsfirelens, splunk, awslogs on Fargate",
        task.container(router)
            .container(a)
            .container(b)
            .container(c)
            .build(),
    );
}

// ---- T20: port names ----------------------------------------------------------------------------

fn with_port_names(s: &Stack, id: &str, names: &[&str]) -> Result<TaskDefinition<Fargate, AwsVpc>> {
    let names: Vec<String> = names.iter().map(|n| config((*n).to_owned())).collect();
    fargate_with(s, id, |t| {
        names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                t.new_container(format!("web{i}"), nginx())
                    .port_mapping(PortMapping::tcp(8080 + i as u16).name(name.clone()))
            })
            .collect()
    })
}

#[test]
fn t20_invalid_port_names_are_rejected() {
    let (_app, s) = app();
    let long = "a".repeat(65);
    for (id, name) in [
        ("TooLong", long.as_str()),
        ("Upper", "Http"),
        ("Dash", "-http"),
        ("Dot", "http.alt"),
        ("Empty", ""),
    ] {
        expect_rule(
            with_port_names(&s, id, &[name]),
            "T20",
            id,
            "ContainerDefinitions[web0].PortMappings",
        );
    }
    expect_rule(
        with_port_names(&s, "Twice", &["http", "http"]),
        "T20",
        "Twice",
        "ContainerDefinitions[web1].PortMappings",
    );
}

#[test]
fn t20_port_names_of_64_characters_are_accepted() {
    let (_app, s) = app();
    let max = "a".repeat(64);
    let mixed = "0_-".repeat(21) + "z";
    assert_eq!(mixed.len(), 64);
    accepted(
        "64-character port names",
        with_port_names(&s, "Named", &[&max, &mixed, "_grpc", "9"]),
    );
}

// ---- S1: deployment percentages (the daemon rules are types) --------------------------------

fn fargate_task(s: &Stack, id: &str) -> TaskDefinition<Fargate, AwsVpc> {
    let task = TaskDefinition::fargate(s, id, size(256, 512));
    let web = task.new_container("web", nginx()).port(80);
    task.container(web).build().unwrap()
}

#[test]
fn minimum_healthy_percent_above_100_is_rejected() {
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let task = fargate_task(&s, "Task");
    let result = Service::replica(&s, "Web", &cluster, &task)
        .network(net())
        .min_healthy_percent(config(101))
        .build();
    expect_invalid(
        result,
        "Web",
        "DeploymentConfiguration.MinimumHealthyPercent",
    );
}

#[test]
fn maximum_percent_below_the_minimum_is_rejected() {
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let task = fargate_task(&s, "Task");
    let result = Service::replica(&s, "Web", &cluster, &task)
        .network(net())
        .min_healthy_percent(config(100))
        .max_percent(config(99))
        .build();
    expect_invalid(result, "Web", "DeploymentConfiguration.MaximumPercent");
}

#[test]
fn s1_percentages_at_their_limits_and_daemons_on_ec2_are_accepted() {
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let task = fargate_task(&s, "Task");
    for (id, min, max) in [("Low", 0, 100), ("High", 100, 100), ("Wide", 100, 200)] {
        accepted(
            id,
            Service::replica(&s, id, &cluster, &task)
                .network(net())
                .min_healthy_percent(config(min))
                .max_percent(config(max))
                .build(),
        );
    }
    let agent = TaskDefinition::ec2(&s, "Agent", Host).memory_mib(128);
    let c = agent.new_container("agent", nginx());
    let agent = agent.container(c).build().unwrap();
    accepted(
        "daemon on EC2",
        Service::daemon(&s, "Daemon", &cluster, &agent)
            .min_healthy_percent(config(0))
            .build(),
    );
}

// ---- S3: capacity provider strategies and providers ------------------------------------------

fn strategy_service(
    s: &Stack,
    id: &str,
    strategy: CapacityProviderStrategy<ecs_dsl::ecs::FargateCapacity>,
) -> Result<Service<Fargate, AwsVpc>> {
    let cluster = Cluster::builder(s, &format!("{id}Cluster"))
        .fargate_capacity_providers()
        .build()
        .unwrap();
    let task = fargate_task(s, &format!("{id}Task"));
    Service::replica(s, id, &cluster, &task)
        .capacity_provider_strategy(strategy)
        .network(net())
        .build()
}

#[test]
fn s3_strategy_numbers_out_of_range_are_rejected() {
    let (_app, s) = app();
    let fg = CapacityProvider::fargate;
    let spot = CapacityProvider::fargate_spot;
    let cases = [
        (
            "TwoBases",
            CapacityProviderStrategy::new()
                .with(fg().weight(1).base(config(1)))
                .with(spot().weight(1).base(config(1))),
            "2 providers have a base",
        ),
        (
            "BigBase",
            CapacityProviderStrategy::new().with(fg().weight(1).base(config(100_001))),
            "100001",
        ),
        (
            "BigWeight",
            CapacityProviderStrategy::new().with(fg().weight(config(1001))),
            "1001",
        ),
        (
            "AllZero",
            CapacityProviderStrategy::new()
                .with(fg().weight(config(0)))
                .with(spot().weight(config(0))),
            "every weight is 0",
        ),
        (
            "Twice",
            CapacityProviderStrategy::new()
                .with(fg().weight(1))
                .with(fg().weight(2)),
            "twice",
        ),
        ("Empty", CapacityProviderStrategy::new(), "no provider"),
    ];
    for (id, strategy, words) in cases {
        let msg = expect_rule(
            strategy_service(&s, id, strategy),
            "S3",
            id,
            "CapacityProviderStrategy",
        );
        assert!(msg.contains(words), "{msg}");
    }
}

#[test]
fn s3_cluster_default_strategy_out_of_range_is_rejected() {
    let (_app, s) = app();
    let result = Cluster::builder(&s, "Cluster")
        .fargate_capacity_providers()
        .default_strategy(
            CapacityProviderStrategy::new()
                .with(CapacityProvider::fargate().weight(config(0)))
                .with(CapacityProvider::fargate_spot().weight(config(0))),
        )
        .build();
    expect_rule(result, "S3", "Cluster", "DefaultCapacityProviderStrategy");
}

#[test]
fn s3_cluster_default_strategy_with_a_provider_the_cluster_lacks_is_rejected() {
    let (_app, s) = app();
    let result = Cluster::builder(&s, "Cluster")
        .default_strategy(
            CapacityProviderStrategy::new().with(CapacityProvider::fargate().weight(config(1))),
        )
        .build();
    let msg = expect_rule(result, "S3", "Cluster", "DefaultCapacityProviderStrategy");
    assert!(msg.contains("FARGATE"), "{msg}");
}

#[test]
fn s3_asg_provider_target_capacity_outside_1_to_100_is_rejected() {
    let (_app, s) = app();
    for (id, percent) in [("Zero", 0), ("Over", 101)] {
        let result = AsgCapacityProvider::builder(&s, id, "my-asg")
            .target_capacity_percent(config(percent))
            .build();
        expect_rule(
            result,
            "S3",
            id,
            "AutoScalingGroupProvider.ManagedScaling.TargetCapacity",
        );
    }
}

#[test]
fn s3_termination_protection_without_managed_scaling_is_rejected() {
    let (_app, s) = app();
    let result = AsgCapacityProvider::builder(&s, "Unscaled", "my-asg")
        .without_managed_scaling()
        .build();
    expect_rule(
        result,
        "S3",
        "Unscaled",
        "AutoScalingGroupProvider.ManagedTerminationProtection",
    );
}

#[test]
fn s3_strategy_numbers_and_providers_at_their_limits_are_accepted() {
    let (_app, s) = app();
    accepted(
        "base 100000, weight 1000 next to weight 0",
        strategy_service(
            &s,
            "Limits",
            CapacityProviderStrategy::new()
                .with(
                    CapacityProvider::fargate()
                        .weight(config(0))
                        .base(config(100_000)),
                )
                .with(CapacityProvider::fargate_spot().weight(config(1000))),
        ),
    );
    for (id, percent) in [("One", 1), ("Hundred", 100)] {
        accepted(
            id,
            AsgCapacityProvider::builder(&s, id, "my-asg")
                .target_capacity_percent(config(percent))
                .build(),
        );
    }
    let provider = accepted(
        "unmanaged ASG provider",
        AsgCapacityProvider::builder(&s, "Unmanaged", "my-asg")
            .without_managed_scaling()
            .without_termination_protection()
            .build(),
    );
    accepted(
        "ASG default strategy",
        Cluster::builder(&s, "Ec2Cluster")
            .capacity_provider(&provider)
            .default_strategy(CapacityProviderStrategy::new().with(provider.weight(config(1))))
            .build(),
    );
}

// ---- S4: FARGATE_SPOT and platform versions --------------------------------------------------

#[test]
fn s4_fargate_spot_for_windows_is_rejected() {
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster")
        .fargate_capacity_providers()
        .build()
        .unwrap();
    let task =
        TaskDefinition::fargate_windows(&s, "Win", size(1024, 2048), WindowsFamily::Server2022Core);
    let iis = task.new_container("iis", nginx()).port(80);
    let task = task.container(iis).build().unwrap();
    let result = Service::replica(&s, "WinSpot", &cluster, &task)
        .capacity_provider_strategy(
            CapacityProviderStrategy::new()
                .with(CapacityProvider::fargate().weight(config(1)))
                .with(CapacityProvider::fargate_spot().weight(config(1))),
        )
        .network(net())
        .build();
    expect_rule(result, "S4", "WinSpot", "CapacityProviderStrategy");
}

#[test]
fn s4_platform_version_on_ec2_is_rejected() {
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let task = TaskDefinition::ec2(&s, "Ec2", Bridge).memory_mib(256);
    let web = task.new_container("web", nginx());
    let task = task.container(web).build().unwrap();
    let result = Service::replica(&s, "Ec2Web", &cluster, &task)
        .platform_version(config("1.4.0"))
        .build();
    expect_rule(result, "S4", "Ec2Web", "PlatformVersion");
}

#[test]
fn s4_fargate_only_for_windows_and_spot_for_linux_are_accepted() {
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster")
        .fargate_capacity_providers()
        .build()
        .unwrap();
    let task =
        TaskDefinition::fargate_windows(&s, "Win", size(1024, 2048), WindowsFamily::Server2019Core);
    let iis = task.new_container("iis", nginx()).port(80);
    let win = task.container(iis).build().unwrap();
    accepted(
        "Windows on FARGATE",
        Service::replica(&s, "WinService", &cluster, &win)
            .capacity_provider_strategy(
                CapacityProviderStrategy::new().with(CapacityProvider::fargate().weight(1)),
            )
            .network(net())
            .build(),
    );
    let linux = fargate_task(&s, "Linux");
    accepted(
        "Linux on FARGATE_SPOT with a platform version",
        Service::replica(&s, "SpotService", &cluster, &linux)
            .capacity_provider_strategy(
                CapacityProviderStrategy::new().with(CapacityProvider::fargate_spot().weight(1)),
            )
            .platform_version(config("1.4.0"))
            .network(net())
            .build(),
    );
}

// ---- S5: awsvpc network configuration --------------------------------------------------------

fn with_network(s: &Stack, id: &str, network: AwsVpcNetwork) -> Result<Service<Fargate, AwsVpc>> {
    let cluster = Cluster::builder(s, &format!("{id}Cluster"))
        .build()
        .unwrap();
    let task = fargate_task(s, &format!("{id}Task"));
    Service::replica(s, id, &cluster, &task)
        .network(network)
        .build()
}

fn subnet_list(n: usize) -> Vec<String> {
    (0..config(n)).map(|i| format!("subnet-{i:02}")).collect()
}

#[test]
fn s5_no_subnets_or_more_than_16_are_rejected() {
    let (_app, s) = app();
    for (id, n) in [("NoSubnets", 0), ("TooManySubnets", 17)] {
        let msg = expect_rule(
            with_network(&s, id, AwsVpcNetwork::new(subnet_list(n))),
            "S5",
            id,
            "NetworkConfiguration.AwsvpcConfiguration.Subnets",
        );
        assert!(msg.contains(&format!("{n} subnets")), "{msg}");
    }
}

#[test]
fn s5_more_than_5_security_groups_are_rejected() {
    let (_app, s) = app();
    let mut six = AwsVpcNetwork::new(subnet_list(1));
    for i in 0..config(6) {
        six = six.security_group(format!("sg-{i}"));
    }
    expect_rule(
        with_network(&s, "SixGroups", six),
        "S5",
        "SixGroups",
        "NetworkConfiguration.AwsvpcConfiguration.SecurityGroups",
    );
    let mixed = AwsVpcNetwork::new(subnet_list(1))
        .security_groups(vec!["sg-a", "sg-b", "sg-c", "sg-d"])
        .security_group(config("sg-e"))
        .security_group(config("sg-f"));
    expect_rule(
        with_network(&s, "MixedGroups", mixed),
        "S5",
        "MixedGroups",
        "NetworkConfiguration.AwsvpcConfiguration.SecurityGroups",
    );
}

#[test]
fn s5_one_and_16_subnets_and_5_security_groups_are_accepted() {
    let (_app, s) = app();
    accepted(
        "1 subnet",
        with_network(&s, "One", AwsVpcNetwork::new(subnet_list(1))),
    );
    let mut five = AwsVpcNetwork::new(subnet_list(16));
    for i in 0..config(5) {
        five = five.security_group(format!("sg-{i}"));
    }
    accepted("16 subnets, 5 groups", with_network(&s, "Sixteen", five));
}

// ---- S7: target groups -------------------------------------------------------------------------

fn tg(i: usize) -> TargetGroupRef<Ip> {
    TargetGroupRef::<Ip>::from_arn(format!(
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg{i}/0123456789abcdef"
    ))
}

/// A task whose `web` container publishes six ports, and their handles.
fn six_port_task(s: &Stack) -> (TaskDefinition<Fargate, AwsVpc>, Vec<ContainerPort<AwsVpc>>) {
    let task = TaskDefinition::fargate(s, "Ports", size(256, 512));
    let mut web = task.new_container("web", nginx());
    let ports = (0..6)
        .map(|p| web.expose(PortMapping::tcp(8080 + p)))
        .collect();
    (task.container(web).build().unwrap(), ports)
}

#[test]
fn s7_more_than_5_target_groups_are_rejected() {
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let (task, ports) = six_port_task(&s);
    let mut svc = Service::replica(&s, "Web", &cluster, &task)
        .network(net())
        .attach(&tg(0), &ports[0]);
    for (i, port) in ports.iter().enumerate().take(config(6)).skip(1) {
        svc = svc.attach(&tg(i), port);
    }
    let msg = expect_rule(svc.build(), "S7", "Web", "LoadBalancers");
    assert!(msg.contains("6 target groups"), "{msg}");
}

#[test]
fn s7_a_port_handle_that_is_not_a_port_of_the_services_task_is_rejected() {
    // Port handles make a missing container or port impossible to name; what remains is a
    // handle of another task definition, or of a container never added to this one.
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let other = TaskDefinition::fargate(&s, "Other", size(256, 512));
    let mut api = other.new_container("api", nginx());
    let other_port = api.expose(PortMapping::tcp(8080));
    let other = other.container(api).build().unwrap();
    let task = TaskDefinition::fargate(&s, "Task", size(256, 512));
    let mut stray = task.new_container("stray", nginx());
    let stray_port = stray.expose(PortMapping::tcp(8080));
    let web = task.new_container("web", nginx()).port(80);
    let task = task.container(web).build().unwrap();
    let result = Service::replica(&s, "OtherTask", &cluster, &task)
        .network(net())
        .attach(&tg(0), &other_port)
        .build();
    let msg = expect_rule(result, "S7", "OtherTask", "LoadBalancers");
    assert!(msg.contains("`rules/Other`"), "{msg}");
    let result = Service::replica(&s, "Stray", &cluster, &task)
        .network(net())
        .attach(&tg(0), &stray_port)
        .build();
    let msg = expect_rule(result, "S7", "Stray", "LoadBalancers");
    assert!(msg.contains("`stray` was never added"), "{msg}");
    let _ = other;
}

#[test]
fn s7_five_target_groups_on_published_ports_are_accepted() {
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let (task, ports) = six_port_task(&s);
    let mut svc = Service::replica(&s, "Web", &cluster, &task)
        .network(net())
        .attach(&tg(0), &ports[0]);
    for (i, port) in ports.iter().enumerate().take(config(5)).skip(1) {
        svc = svc.attach(&tg(i), port);
    }
    accepted("5 target groups", svc.build());
    let bridge = TaskDefinition::ec2(&s, "Bridge", Bridge).memory_mib(256);
    let mut web = bridge.new_container("web", nginx());
    let http = web.expose(PortMapping::tcp(80));
    let bridge = bridge.container(web).build().unwrap();
    accepted(
        "instance target group on a dynamic bridge port",
        Service::replica(&s, "BridgeWeb", &cluster, &bridge)
            .attach(
                &TargetGroupRef::<Instance>::from_arn(
                    "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/i/0123456789abcdef",
                ),
                &http,
            )
            .build(),
    );
}

// ---- S8: grace period (types only) ----------------------------------------------------------

#[test]
fn s8_grace_period_with_a_load_balancer_is_accepted() {
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let task = TaskDefinition::fargate(&s, "Task", size(256, 512));
    let mut web = task.new_container("web", nginx());
    let http = web.expose(PortMapping::tcp(80));
    let task = task.container(web).build().unwrap();
    for (id, secs) in [("Zero", 0), ("Long", 2_147_483_647)] {
        accepted(
            id,
            Service::replica(&s, id, &cluster, &task)
                .network(net())
                .attach(&tg(0), &http)
                .health_check_grace_period_secs(config(secs))
                .build(),
        );
    }
}

// ---- S13: circuit breaker and alarms need the ECS controller -------------------------------

#[test]
fn s13_alarms_set_before_switching_to_code_deploy_are_rejected() {
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let task = fargate_task(&s, "Task");
    let result = Service::replica(&s, "BlueGreen", &cluster, &task)
        .network(net())
        .deployment_alarms([config("web-5xx")], true)
        .code_deploy_controller()
        .build();
    expect_rule(result, "S13", "BlueGreen", "DeploymentConfiguration");
    let result = Service::replica(&s, "TaskSets", &cluster, &task)
        .network(net())
        .deployment_alarms([config("web-5xx")], false)
        .external_controller()
        .build();
    expect_rule(result, "S13", "TaskSets", "DeploymentConfiguration");
}

#[test]
fn s13_alarms_with_ecs_and_other_controllers_without_them_are_accepted() {
    let (_app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let task = fargate_task(&s, "Task");
    accepted(
        "alarms and circuit breaker with the ECS controller",
        Service::replica(&s, "Rolling", &cluster, &task)
            .network(net())
            .circuit_breaker(false)
            .deployment_alarms([config("web-5xx")], true)
            .build(),
    );
    accepted(
        "CODE_DEPLOY after the circuit breaker was set (it is turned off)",
        Service::replica(&s, "BlueGreen", &cluster, &task)
            .network(net())
            .circuit_breaker(true)
            .code_deploy_controller()
            .build(),
    );
    accepted(
        "EXTERNAL controller",
        Service::replica(&s, "TaskSets", &cluster, &task)
            .network(net())
            .external_controller()
            .build(),
    );
}

// ---- S15: names ---------------------------------------------------------------------------------

#[test]
fn s15_invalid_container_name_is_rejected() {
    let (_app, s) = app();
    let name = config("web.api".to_owned());
    let task = TaskDefinition::fargate(&s, "Dotted", size(256, 512));
    let web = task.new_container(name, nginx());
    expect_rule(
        task.container(web).build(),
        "S15",
        "Dotted",
        "ContainerDefinitions[web.api].Name",
    );
    let long = "c".repeat(256);
    let task = TaskDefinition::fargate(&s, "Long", size(256, 512));
    let web = task.new_container(config(long.clone()), nginx());
    let msg = expect_rule(
        task.container(web).build(),
        "S15",
        "Long",
        &format!("ContainerDefinitions[{long}].Name"),
    );
    assert!(msg.contains("256 characters"), "{msg}");
}

#[test]
fn two_containers_with_one_name_are_rejected() {
    let (_app, s) = app();
    let result = fargate_with(&s, "Twins", |t| {
        vec![
            t.new_container(config("web"), nginx()),
            t.new_container(config("web"), nginx()),
        ]
    });
    expect_invalid(result, "Twins", "ContainerDefinitions");
}

#[test]
fn s15_invalid_family_service_and_cluster_names_are_rejected() {
    let (_app, s) = app();
    let task =
        TaskDefinition::fargate(&s, "Family", size(256, 512)).family(config("f".repeat(256)));
    let web = task.new_container("web", nginx());
    expect_rule(task.container(web).build(), "S15", "Family", "Family");

    let result = Cluster::builder(&s, "Named")
        .name(config("platform.prod"))
        .build();
    expect_rule(result, "S15", "Named", "ClusterName");

    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let task = fargate_task(&s, "Task");
    let result = Service::replica(&s, "Web", &cluster, &task)
        .network(net())
        .service_name(config("s".repeat(256)))
        .build();
    expect_rule(result, "S15", "Web", "ServiceName");
}

#[test]
fn s15_names_of_255_characters_are_accepted() {
    let (_app, s) = app();
    let name = "A-_z".repeat(63) + "a0Z";
    assert_eq!(name.len(), 255);
    let task = TaskDefinition::fargate(&s, "Family", size(256, 512)).family(config(name.clone()));
    let web = task.new_container(config(name.clone()), nginx()).port(80);
    let task = accepted(
        "255-character family and container",
        task.container(web).build(),
    );
    let cluster = accepted(
        "255-character cluster name",
        Cluster::builder(&s, "Cluster")
            .name(config(name.clone()))
            .build(),
    );
    accepted(
        "255-character service name",
        Service::replica(&s, "Web", &cluster, &task)
            .network(net())
            .service_name(config(name))
            .build(),
    );
}

// ---- E1: EFS IAM needs transit encryption (types only) -------------------------------------

#[test]
fn e1_efs_iam_and_access_point_with_transit_encryption_are_accepted() {
    let (_app, s) = app();
    let files = Volume::efs(
        "files",
        EfsVolume::new(config("fs-0123456789abcdef0"))
            .transit_encryption()
            .iam_authorization()
            .access_point(config("fsap-0123456789abcdef0")),
    );
    let task = TaskDefinition::fargate(&s, "Efs", size(256, 512)).volume(&files);
    let app = task
        .new_container("app", nginx())
        .mount(&files, "/mnt/files");
    let task = accepted(
        "EFS with TLS, IAM and an access point",
        task.container(app).build(),
    );
    // IAM authorization needs a task role: one is created.
    assert!(task.task_role().is_some());
}

// ---- F-SIZE: Windows on Fargate needs 1, 2 or 4 vCPU ------------------------------------------

#[test]
fn f_size_linux_only_size_for_windows_is_rejected() {
    let (_app, s) = app();
    for (id, cpu, mib) in [
        ("Half", 512, 1024),
        ("Quarter", 256, 512),
        ("Eight", 8192, 16384),
    ] {
        let task =
            TaskDefinition::fargate_windows(&s, id, size(cpu, mib), WindowsFamily::Server2022Full);
        let iis = task.new_container("iis", nginx());
        let msg = expect_rule(task.container(iis).build(), "F-SIZE", id, "Cpu");
        assert!(msg.contains(&format!("{cpu} units")), "{msg}");
    }
}

#[test]
fn f_size_invalid_pair_from_config_is_rejected_before_the_task() {
    let err = FargateSize::new(config(256), config(4096)).unwrap_err();
    assert!(matches!(err, Error::InvalidFargateSize { .. }), "{err:?}");
    assert!(err.to_string().contains("(rule F-SIZE)"), "{err}");
    let err = FargateSize::parse(config("0.25 vCPU"), config("4 GB")).unwrap_err();
    assert!(err.to_string().contains("(rule F-SIZE)"), "{err}");
}

#[test]
fn f_size_windows_sizes_at_the_tier_limits_are_accepted() {
    let (_app, s) = app();
    for (id, cpu, mib) in [
        ("OneMin", 1024, 2048),
        ("OneMax", 1024, 8192),
        ("FourMax", 4096, 30720),
    ] {
        let task =
            TaskDefinition::fargate_windows(&s, id, size(cpu, mib), WindowsFamily::Server2019Full);
        let iis = task.new_container("iis", nginx());
        accepted(id, task.container(iis).build());
    }
}

// ---- Expressions are not checked statically ---------------------------------------------------

#[test]
fn expression_values_skip_the_static_checks() {
    let (app, s) = app();
    let param = |id: &str| s.add_parameter(id, Parameter::string()).unwrap().value();
    // T18: a secret ARN from a parameter or an import is not checked.
    let task = TaskDefinition::fargate(&s, "Secrets", size(256, 512));
    let mut web = task
        .new_container("web", Image::from_value(param("ImageUri")).unwrap())
        .secret("DB", SecretSource::secrets_manager_arn(param("SecretArn")))
        .secret(
            "KEY",
            SecretSource::ssm_parameter_arn(intrinsic::import_value::<String>("shared:KeyArn")),
        )
        .repository_credentials(SecretSource::secrets_manager_arn(param("RegistryCreds")))
        .logging(Splunk::new(
            param("SplunkUrl"),
            SecretSource::secrets_manager_arn(param("SplunkToken")),
        ));
    let http = web.expose(PortMapping::tcp(80));
    let task = accepted("secrets from expressions", task.container(web).build());

    // S5: subnet and security-group lists from parameters have no static length.
    let subnets = s.add_parameter("Subnets", Parameter::subnet_ids()).unwrap();
    let groups = s
        .add_parameter("Groups", Parameter::aws_list(AwsType::SecurityGroupId))
        .unwrap();
    let mut network = AwsVpcNetwork::new(subnets.value()).security_groups(groups.value());
    for i in 0..5 {
        network = network.security_group(format!("sg-{i}"));
    }
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    accepted(
        "network lists from parameters, plus five literal groups",
        Service::replica(&s, "Web", &cluster, &task)
            .network(network)
            .attach(&TargetGroupRef::<Ip>::from_arn(param("TgArn")), &http)
            .deployment_alarms([param("Alarm")], true)
            .build(),
    );

    // S3: an ASG provider's name is a `Ref`; the cluster's default strategy matches it.
    let provider = accepted(
        "ASG provider from a parameter",
        AsgCapacityProvider::builder(&s, "Asg", param("AsgArn")).build(),
    );
    accepted(
        "default strategy with an expression-named provider",
        Cluster::builder(&s, "Ec2Cluster")
            .capacity_provider(&provider)
            .default_strategy(CapacityProviderStrategy::new().with(provider.weight(1)))
            .build(),
    );

    // EFS ids and awslogs groups from expressions.
    let files = Volume::efs(
        "files",
        EfsVolume::new(param("FileSystemId"))
            .transit_encryption()
            .access_point(intrinsic::import_value::<String>("shared:AccessPoint")),
    );
    let efs = TaskDefinition::fargate(&s, "Efs", size(256, 512)).volume(&files);
    let mounted = efs
        .new_container("app", nginx())
        .mount(&files, "/mnt")
        .logging(AwsLogs::to_existing(param("LogGroup")));
    accepted(
        "EFS and log group from expressions",
        efs.container(mounted).build(),
    );

    let template = app
        .synthesize()
        .unwrap()
        .stack(STACK)
        .unwrap()
        .template_json();
    let web = &template["Resources"]["Secrets"]["Properties"]["ContainerDefinitions"][0];
    assert_eq!(web["Image"], serde_json::json!({"Ref": "ImageUri"}));
    assert_eq!(
        web["Secrets"][0]["ValueFrom"],
        serde_json::json!({"Ref": "SecretArn"})
    );
}

// ---- review follow-ups ---------------------------------------------------------------------

#[test]
fn t18_registry_credentials_from_ssm_are_rejected() {
    let (_app, s) = app();
    let task = TaskDefinition::fargate(&s, "Private", size(256, 512));
    let app = task
        .new_container("app", nginx())
        .repository_credentials(SecretSource::ssm_parameter_name(config("/registry/creds")));
    expect_rule(
        task.container(app).build(),
        "T18",
        "Private",
        "ContainerDefinitions[app].RepositoryCredentials.CredentialsParameter",
    );
}

#[test]
fn t18_a_secret_arn_with_a_json_key_is_granted_on_the_secret_itself() {
    let (app, s) = app();
    let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
    let task = TaskDefinition::fargate(&s, "Keyed", size(256, 512));
    let c = task.new_container("app", nginx()).secret(
        "DB_PASSWORD",
        SecretSource::secrets_manager_arn(config(format!("{arn}:password::"))),
    );
    accepted("a JSON key of a secret", task.container(c).build());
    let t = app.synthesize().unwrap().stacks[0].template_json();
    let statement = &t["Resources"]["KeyedExecutionRole"]["Properties"]["Policies"][0]["PolicyDocument"]
        ["Statement"][0];
    assert_eq!(statement["Resource"], serde_json::json!([arn]));
    assert_eq!(
        t["Resources"]["Keyed"]["Properties"]["ContainerDefinitions"][0]["Secrets"][0]["ValueFrom"],
        format!("{arn}:password::")
    );
}

#[test]
fn the_external_controller_leaves_the_task_definition_to_its_task_sets() {
    let (app, s) = app();
    let cluster = Cluster::builder(&s, "Cluster").build().unwrap();
    let task = fargate_task(&s, "Task");
    accepted(
        "an external controller",
        Service::replica(&s, "Ext", &cluster, &task)
            .network(net())
            .external_controller()
            .build(),
    );
    let t = app.synthesize().unwrap().stacks[0].template_json();
    let p = &t["Resources"]["Ext"]["Properties"];
    assert_eq!(p["DeploymentController"]["Type"], "EXTERNAL");
    for absent in [
        "TaskDefinition",
        "LaunchType",
        "NetworkConfiguration",
        "LoadBalancers",
    ] {
        assert!(
            p.get(absent).is_none(),
            "{absent} should be left to task sets"
        );
    }
}

#[test]
fn docker_volumes_are_accepted_on_windows_ec2() {
    let (_app, s) = app();
    let data = Volume::docker(config("data"), DockerScope::Task).driver("local");
    let task =
        TaskDefinition::ec2_windows(&s, "Win", ecs_dsl::ecs::Nat, WindowsFamily::Server2022Core)
            .memory_mib(1024)
            .volume(&data);
    let app = task.new_container("app", nginx()).mount(&data, "C:\\data");
    accepted(
        "a Docker volume on Windows EC2",
        task.container(app).build(),
    );
}
