//! Building a task definition: the run-time checks of every rule (for values the types could
//! not see), the roles and log group it needs, and the L1 resource. Not generic, so it is
//! compiled once.

use std::collections::{BTreeMap, BTreeSet};

use super::container::{ContainerSpec, DependencyCondition, FireLensRouter};
use super::fargate_size::FargateSize;
use super::health::HealthCheck;
use super::launch::{CpuArchitecture, LaunchKind, NetworkKind, WindowsFamily};
use super::logging::{LogDestination, LogDriverKind};
use super::secret::{SecretKind, SecretSource};
use super::task::{ContainerInfo, RoleSlot, TaskShared};
use super::task_definition::IpcMode;
use super::volume::{VolumeKind, VolumeSpec};
use crate::cfn::ecs::task_definition as l1;
use crate::error::{Error, Result};
use crate::iam::{PolicyStatement, Role, ServicePrincipal, grants};
use crate::logs::{LogGroup, Retention};
use crate::template::{Stack, Value, intrinsic};

/// A role given by the user, imported by ARN, or left for the construct to create.
#[derive(Debug, Clone, Default)]
pub(crate) enum RoleChoice {
    #[default]
    Auto,
    Given(Role),
    Imported(Value<String>),
}

/// `pidMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PidMode {
    Task,
    Host,
}

/// Everything a task definition builder collected.
#[derive(Debug, Clone)]
pub(crate) struct TaskSpec {
    pub launch: LaunchKind,
    pub network: NetworkKind,
    pub fargate_size: Option<FargateSize>,
    pub cpu: Option<u32>,
    pub memory: Option<u32>,
    pub windows_family: Option<WindowsFamily>,
    pub cpu_architecture: Option<CpuArchitecture>,
    pub containers: Vec<ContainerSpec>,
    pub family: Option<String>,
    pub task_role: RoleChoice,
    pub execution_role: RoleChoice,
    pub pid_mode: Option<PidMode>,
    pub ipc_mode: Option<IpcMode>,
    pub ephemeral_storage_gib: Option<u32>,
    pub volumes: Vec<VolumeSpec>,
    pub placement_constraints: Vec<String>,
    pub tags: Vec<(String, Value<String>)>,
}

impl TaskSpec {
    pub(crate) fn new(launch: LaunchKind, network: NetworkKind) -> Self {
        TaskSpec {
            launch,
            network,
            fargate_size: None,
            cpu: None,
            memory: None,
            windows_family: None,
            cpu_architecture: None,
            containers: Vec::new(),
            family: None,
            task_role: RoleChoice::Auto,
            execution_role: RoleChoice::Auto,
            pid_mode: None,
            ipc_mode: None,
            ephemeral_storage_gib: None,
            volumes: Vec::new(),
            placement_constraints: Vec::new(),
            tags: Vec::new(),
        }
    }

    fn task_cpu(&self) -> Option<u32> {
        self.fargate_size.map(FargateSize::cpu_units).or(self.cpu)
    }

    fn task_memory(&self) -> Option<u32> {
        self.fargate_size
            .map(FargateSize::memory_mib)
            .or(self.memory)
    }
}

/// Collects rule violations with the stack and logical id filled in.
struct Checker<'a> {
    stack: &'a str,
    id: &'a str,
}

impl Checker<'_> {
    fn fail(&self, field: impl Into<String>, rule: &'static str, reason: String) -> Error {
        Error::Rule {
            stack: self.stack.to_owned(),
            logical_id: self.id.to_owned(),
            field: field.into(),
            rule,
            reason,
        }
    }

    /// A check that is not a rule of `ecs-rules.md` (a reference inside the task that does not
    /// resolve, a name used twice): `Error::InvalidValue`.
    fn ensure_valid(
        &self,
        ok: bool,
        field: impl Into<String>,
        reason: impl FnOnce() -> String,
    ) -> Result<()> {
        if ok {
            Ok(())
        } else {
            Err(Error::invalid_value(self.stack, self.id, field, reason()))
        }
    }

    fn ensure(
        &self,
        ok: bool,
        field: impl Into<String>,
        rule: &'static str,
        reason: impl FnOnce() -> String,
    ) -> Result<()> {
        if ok {
            Ok(())
        } else {
            Err(self.fail(field, rule, reason()))
        }
    }
}

fn container_field(c: &ContainerSpec, field: &str) -> String {
    format!("ContainerDefinitions[{}].{field}", c.name)
}

/// Checks every rule of the task definition that values can break at run time.
pub(crate) fn validate(stack: &str, id: &str, t: &TaskSpec) -> Result<()> {
    let ck = Checker { stack, id };
    let n = t.containers.len();
    ck.ensure(n >= 1, "ContainerDefinitions", "T11", || {
        "a task definition needs at least one container".to_owned()
    })?;
    ck.ensure(n <= 10, "ContainerDefinitions", "T1", || {
        format!("{n} containers; a task definition holds at most 10")
    })?;
    ck.ensure(
        t.containers.iter().any(|c| c.essential),
        "ContainerDefinitions",
        "T11",
        || "no container is essential; at least one must be".to_owned(),
    )?;
    if let Some(family) = &t.family
        && let Some(reason) = ecs_dsl_rules::names::ecs_name_problem(family)
    {
        return Err(ck.fail("Family", "S15", format!("family `{family}` {reason}")));
    }
    if t.launch == LaunchKind::FargateWindows
        && let Some(size) = t.fargate_size
    {
        ck.ensure(size.supports_windows(), "Cpu", "F-SIZE", || {
            format!(
                "Windows on Fargate needs 1, 2 or 4 vCPU; cpu is {} units",
                size.cpu_units()
            )
        })?;
    }
    if let Some(gib) = t.ephemeral_storage_gib {
        ck.ensure(
            (21..=200).contains(&gib),
            "EphemeralStorage.SizeInGiB",
            "T14",
            || format!("{gib} GiB; Fargate ephemeral storage is 21 to 200 GiB"),
        )?;
    }
    if t.launch.is_fargate()
        && let Some(PidMode::Host) = t.pid_mode
    {
        return Err(ck.fail("PidMode", "T7", "Fargate allows only pidMode `task`".into()));
    }
    validate_volumes(&ck, t)?;
    validate_containers(&ck, t)?;
    validate_limits(&ck, t)?;
    Ok(())
}

fn validate_volumes(ck: &Checker<'_>, t: &TaskSpec) -> Result<()> {
    let at_launch = t
        .volumes
        .iter()
        .filter(|v| matches!(v.kind, VolumeKind::EbsAtLaunch))
        .count();
    ck.ensure(at_launch <= 1, "Volumes", "T25", || {
        format!("{at_launch} volumes are configured at launch; a task definition has at most one")
    })?;
    let mut names = BTreeSet::new();
    for v in &t.volumes {
        ck.ensure_valid(names.insert(v.name.as_str()), "Volumes", || {
            format!("volume `{}` is defined twice", v.name)
        })?;
        let (allowed, what) = match &v.kind {
            VolumeKind::Scratch => (true, "a scratch volume"),
            VolumeKind::EbsAtLaunch => (
                matches!(t.launch, LaunchKind::Fargate | LaunchKind::Ec2),
                "an EBS volume configured at launch",
            ),
            VolumeKind::HostPath(_) => (!t.launch.is_fargate(), "a host path volume"),
            VolumeKind::Docker(_) => (!t.launch.is_fargate(), "a Docker volume"),
            VolumeKind::Efs(e) => {
                ck.ensure(
                    !(e.iam || e.access_point_id.is_some()) || e.transit_encryption,
                    format!("Volumes[{}].EFSVolumeConfiguration", v.name),
                    "E1",
                    || "IAM authorization and access points need transit encryption".into(),
                )?;
                (
                    matches!(t.launch, LaunchKind::Fargate | LaunchKind::Ec2),
                    "an EFS volume",
                )
            }
        };
        ck.ensure(allowed, format!("Volumes[{}]", v.name), "T6", || {
            format!("{what} is not available on {}", t.launch.name())
        })?;
    }
    Ok(())
}

fn validate_containers(ck: &Checker<'_>, t: &TaskSpec) -> Result<()> {
    let mut names = BTreeSet::new();
    for c in &t.containers {
        if let Some(reason) = ecs_dsl_rules::names::ecs_name_problem(&c.name) {
            return Err(ck.fail(
                container_field(c, "Name"),
                "S15",
                format!("container name `{}` {reason}", c.name),
            ));
        }
        ck.ensure_valid(
            names.insert(c.name.as_str()),
            "ContainerDefinitions",
            || format!("container name `{}` is used twice in the task", c.name),
        )?;
    }
    let by_name: BTreeMap<&str, &ContainerSpec> =
        t.containers.iter().map(|c| (c.name.as_str(), c)).collect();
    let volumes: BTreeSet<&str> = t.volumes.iter().map(|v| v.name.as_str()).collect();
    let mut port_names = BTreeSet::new();
    let mut bound_ports = BTreeSet::new();
    let routers = t
        .containers
        .iter()
        .filter(|c| c.firelens_router.is_some())
        .count();
    ck.ensure(routers <= 1, "ContainerDefinitions", "T19", || {
        format!("{routers} containers are FireLens log routers; a task has at most one")
    })?;

    for c in &t.containers {
        for (target, condition) in &c.depends_on {
            let field = container_field(c, "DependsOn");
            let Some(other) = by_name.get(target.as_str()) else {
                return Err(ck.fail(
                    field,
                    "T11",
                    format!("depends on container `{target}`, which is not in this task"),
                ));
            };
            ck.ensure(target != &c.name, &field, "T11", || {
                "a container cannot depend on itself".into()
            })?;
            match condition {
                DependencyCondition::Complete | DependencyCondition::Success => {
                    ck.ensure(!other.essential, &field, "T11", || {
                        format!("waits for `{target}` to exit, but `{target}` is essential")
                    })?
                }
                DependencyCondition::Healthy => {
                    ck.ensure(other.health_check.is_some(), &field, "T11", || {
                        format!("waits for `{target}` to be healthy, but it has no health check")
                    })?
                }
                DependencyCondition::Start => {}
            }
        }
        for (volume, path, _) in &c.mount_points {
            ck.ensure_valid(
                volumes.contains(volume.as_str()),
                container_field(c, "MountPoints"),
                || format!("mounts volume `{volume}` at {path}, but the task has no such volume"),
            )?;
        }
        for (other, _) in &c.volumes_from {
            ck.ensure_valid(
                by_name.contains_key(other.as_str()) && other != &c.name,
                container_field(c, "VolumesFrom"),
                || format!("mounts the volumes of `{other}`, which is not another container of this task"),
            )?;
        }
        for other in &c.links {
            ck.ensure_valid(
                by_name.contains_key(other.as_str()) && other != &c.name,
                container_field(c, "Links"),
                || format!("links to `{other}`, which is not another container of this task"),
            )?;
        }
        validate_ports(ck, t, c, &mut port_names, &mut bound_ports)?;
        if let Some(h) = &c.health_check {
            validate_health(ck, c, h)?;
        }
        if t.launch.is_fargate() {
            for (field, v) in [
                ("StopTimeout", c.stop_timeout),
                ("StartTimeout", c.start_timeout),
            ] {
                if let Some(v) = v {
                    ck.ensure(
                        (2..=120).contains(&v),
                        container_field(c, field),
                        "T16",
                        || format!("{v} s; on Fargate it is 2 to 120 s"),
                    )?;
                }
            }
            for cap in &c.capabilities_add {
                ck.ensure(
                    cap == "SYS_PTRACE",
                    container_field(c, "LinuxParameters.Capabilities.Add"),
                    "T6",
                    || format!("Fargate allows adding only SYS_PTRACE, not {cap}"),
                )?;
            }
        }
        // Every secret the execution role reads: environment secrets, registry credentials and
        // the log driver's secret options (rule T18).
        let log_secrets = match c.logging.as_ref().map(|l| &l.driver) {
            Some(LogDriverKind::Other { secret_options, .. }) => Some(secret_options),
            _ => None,
        };
        let sources = c
            .secrets
            .iter()
            .map(|(name, s)| (format!("Secrets[{name}]"), s))
            .chain(
                c.repository_credentials
                    .iter()
                    .map(|s| ("RepositoryCredentials.CredentialsParameter".to_owned(), s)),
            )
            .chain(
                log_secrets
                    .into_iter()
                    .flatten()
                    .map(|(name, s)| (format!("LogConfiguration.SecretOptions[{name}]"), s)),
            );
        if let Some(creds) = &c.repository_credentials {
            ck.ensure(
                creds.kind == SecretKind::SecretsManager,
                container_field(c, "RepositoryCredentials.CredentialsParameter"),
                "T18",
                || "private registry credentials must be a Secrets Manager secret".into(),
            )?;
        }
        for (field, source) in sources {
            if let Some(reason) = source.problem() {
                return Err(ck.fail(container_field(c, &field), "T18", reason));
            }
        }
        if let Some(log) = &c.logging
            && let LogDriverKind::Other { driver, .. } = &log.driver
        {
            if t.launch.is_fargate() {
                ck.ensure(
                    matches!(*driver, "splunk" | "awsfirelens"),
                    container_field(c, "LogConfiguration.LogDriver"),
                    "T19",
                    || format!("log driver `{driver}` is not available on Fargate"),
                )?;
            }
            if *driver == "awsfirelens" {
                ck.ensure(
                        routers == 1,
                        container_field(c, "LogConfiguration"),
                        "T19",
                        || "logs to FireLens, but no container of the task is a FireLens router (`.firelens_router(..)`)".into(),
                    )?;
            }
        }
    }
    Ok(())
}

fn validate_ports<'a>(
    ck: &Checker<'_>,
    t: &TaskSpec,
    c: &'a ContainerSpec,
    names: &mut BTreeSet<&'a str>,
    bound: &mut BTreeSet<(u16, bool)>,
) -> Result<()> {
    let field = container_field(c, "PortMappings");
    ck.ensure(
        c.ports.is_empty() || t.network != NetworkKind::None,
        &field,
        "T4",
        || "network mode `none` has no port mappings".into(),
    )?;
    for p in &c.ports {
        if let Some(h) = p.host_port {
            ck.ensure(
                t.network.has_host_ports() || h == p.container_port,
                &field,
                "T5",
                || {
                    format!(
                        "host port {h} differs from container port {}; under this network mode they are equal",
                        p.container_port
                    )
                },
            )?;
        }
        if let Some(name) = &p.name {
            if let Some(reason) = super::port::port_name_problem(name) {
                return Err(ck.fail(&field, "T20", format!("port name `{name}` {reason}")));
            }
            ck.ensure(names.insert(name.as_str()), &field, "T20", || {
                format!("port name `{name}` is used twice in the task")
            })?;
        } else {
            ck.ensure(p.app_protocol.is_none(), &field, "T20", || {
                format!("port {} has an app protocol but no name", p.container_port)
            })?;
        }
        // Under awsvpc and host every container port is a port of the task (or the host):
        // two containers cannot listen on the same one. Under bridge only fixed host ports
        // clash.
        let host = match (t.network.has_host_ports(), p.host_port) {
            (false, _) => Some(p.container_port),
            (true, Some(h)) if h != 0 => Some(h),
            (true, _) => None,
        };
        if let Some(h) = host {
            let udp = p.protocol == super::port::Protocol::Udp;
            ck.ensure_valid(bound.insert((h, udp)), &field, || {
                format!("port {h} is published twice in the task")
            })?;
        }
    }
    Ok(())
}

fn validate_health(ck: &Checker<'_>, c: &ContainerSpec, h: &HealthCheck) -> Result<()> {
    if let Some((field, v, min, max)) = h.timing.problem() {
        return Err(ck.fail(
            container_field(c, &format!("HealthCheck.{field}")),
            "T15",
            format!("{v} is outside {min}..={max}"),
        ));
    }
    ck.ensure(
        h.command.len() >= 2,
        container_field(c, "HealthCheck.Command"),
        "T15",
        || "the health check has no command".into(),
    )
}

fn validate_limits(ck: &Checker<'_>, t: &TaskSpec) -> Result<()> {
    let task_cpu = t.task_cpu();
    let task_memory = t.task_memory();
    let mut cpu_sum = 0u64;
    for c in &t.containers {
        cpu_sum += u64::from(c.cpu.unwrap_or(0));
        if let (Some(hard), Some(soft)) = (c.memory, c.memory_reservation) {
            ck.ensure(hard > soft, container_field(c, "Memory"), "T12", || {
                format!("memory {hard} MiB must be above the reservation {soft} MiB")
            })?;
        }
        if let Some(task_mem) = task_memory {
            for (field, v) in [
                ("Memory", c.memory),
                ("MemoryReservation", c.memory_reservation),
            ] {
                if let Some(v) = v {
                    ck.ensure(v <= task_mem, container_field(c, field), "T13", || {
                        format!("{v} MiB is above the task memory {task_mem} MiB")
                    })?;
                }
            }
        } else {
            ck.ensure(
                c.memory.is_some() || c.memory_reservation.is_some(),
                container_field(c, "Memory"),
                "T12",
                || {
                    "without task-level memory every container needs a memory limit or reservation"
                        .into()
                },
            )?;
        }
    }
    if let Some(task_cpu) = task_cpu {
        ck.ensure(
            cpu_sum <= u64::from(task_cpu),
            "ContainerDefinitions",
            "T13",
            || format!("the containers reserve {cpu_sum} CPU units; the task has {task_cpu}"),
        )?;
    }
    Ok(())
}

/// Everything the execution role must be allowed, in a stable order.
///
/// On EC2 the container instance role pulls images and writes awslogs, so those grants go to
/// the execution role only on Fargate and External instances; secrets, private registry
/// credentials and environment files always use the execution role.
fn execution_grants(t: &TaskSpec, log_group: Option<&LogGroup>) -> Vec<PolicyStatement> {
    let agent_uses_execution_role = !matches!(t.launch, LaunchKind::Ec2 | LaunchKind::Ec2Windows);
    let mut out = Vec::new();
    for c in &t.containers {
        if let Some(arn) = c
            .image
            .ecr_repository_arn()
            .filter(|_| agent_uses_execution_role)
        {
            out.extend(grants::ecr_pull(arn));
        }
        if let Some(log) = &c.logging {
            match &log.driver {
                LogDriverKind::AwsLogs(_) if !agent_uses_execution_role => {}
                LogDriverKind::AwsLogs(a) => match &a.destination {
                    LogDestination::Auto(_) => {
                        if let Some(g) = log_group {
                            out.push(grants::log_write(g.arn()));
                        }
                    }
                    LogDestination::Group(g) => out.push(grants::log_write(g.arn())),
                    LogDestination::Named(name) => out.push(grants::log_write(
                        intrinsic::sub_with(
                            "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Name}:*",
                            [("Name", name.clone())],
                        ),
                    )),
                },
                LogDriverKind::Other { secret_options, .. } => {
                    out.extend(secret_options.values().map(secret_grant));
                }
            }
        }
        out.extend(c.secrets.values().map(secret_grant));
        out.extend(c.repository_credentials.iter().map(secret_grant));
        for (bucket, object) in &c.environment_file_grants {
            out.extend(grants::s3_object_read(bucket.clone(), object.clone()));
        }
    }
    out
}

fn secret_grant(s: &SecretSource) -> PolicyStatement {
    match s.kind {
        SecretKind::SecretsManager => grants::secrets_manager_read(s.grant_arn.clone()),
        SecretKind::SsmParameter => grants::ssm_parameters_read(s.grant_arn.clone()),
    }
}

/// Validates, creates the log group and roles that are needed, and adds the task definition.
pub(crate) fn build(stack: &Stack, id: &str, t: TaskSpec) -> Result<TaskShared> {
    validate(stack.name(), id, &t)?;

    let auto_retention = t.containers.iter().find_map(|c| match &c.logging {
        Some(log) => match &log.driver {
            LogDriverKind::AwsLogs(a) => match a.destination {
                LogDestination::Auto(r) => Some(r),
                _ => None,
            },
            _ => None,
        },
        None => None,
    });
    let log_group = match auto_retention {
        Some(r) => Some(
            LogGroup::builder(stack, &format!("{id}Logs"))
                .retention(r.unwrap_or(Retention::OneMonth))
                .build()?,
        ),
        None => None,
    };

    let grants = execution_grants(&t, log_group.as_ref());
    let execution_role = match &t.execution_role {
        RoleChoice::Given(role) => {
            for g in grants {
                role.add_to_policy(g)?;
            }
            Some(RoleSlot::Owned(role.clone()))
        }
        RoleChoice::Imported(arn) => Some(RoleSlot::Imported(arn.clone())),
        RoleChoice::Auto if grants.is_empty() => None,
        RoleChoice::Auto => {
            let mut b = Role::builder(
                stack,
                &format!("{id}ExecutionRole"),
                ServicePrincipal::EcsTasks,
            )
            .without_source_conditions();
            for g in grants {
                b = b.statement(g);
            }
            Some(RoleSlot::Owned(b.build()?))
        }
    };

    let needs_task_role = t
        .volumes
        .iter()
        .any(|v| matches!(&v.kind, VolumeKind::Efs(e) if e.iam));
    let task_role = match &t.task_role {
        RoleChoice::Given(role) => Some(RoleSlot::Owned(role.clone())),
        RoleChoice::Imported(arn) => Some(RoleSlot::Imported(arn.clone())),
        RoleChoice::Auto if needs_task_role => Some(RoleSlot::Owned(
            Role::builder(stack, &format!("{id}TaskRole"), ServicePrincipal::EcsTasks).build()?,
        )),
        RoleChoice::Auto => None,
    };

    let mut l1 = render(&t, log_group.as_ref());
    if let Some(role) = &execution_role {
        l1 = l1.execution_role_arn(role.arn());
    }
    if let Some(role) = &task_role {
        l1 = l1.task_role_arn(role.arn());
    }
    let handle = stack.add_owned(id, l1, &format!("task definition {id}"))?;
    let containers = t
        .containers
        .iter()
        .map(|c| ContainerInfo {
            name: c.name.clone(),
            essential: c.essential,
            ports: c.ports.clone(),
            has_health_check: c.health_check.is_some(),
        })
        .collect();
    Ok(TaskShared {
        stack: stack.clone(),
        id: id.to_owned(),
        handle,
        launch: t.launch,
        network: t.network,
        containers,
        at_launch_volume: t
            .volumes
            .iter()
            .find(|v| matches!(v.kind, VolumeKind::EbsAtLaunch))
            .map(|v| v.name.clone()),
        task_role: std::cell::RefCell::new(task_role),
        execution_role,
        log_group,
    })
}

fn render(t: &TaskSpec, log_group: Option<&LogGroup>) -> l1::TaskDefinition {
    let mut td = l1::TaskDefinition::new()
        .requires_compatibilities(vec![t.launch.compatibility()])
        .container_definitions(
            t.containers
                .iter()
                .map(|c| render_container(t, c, log_group))
                .collect::<Vec<_>>(),
        );
    if let Some(mode) = t.network.cfn() {
        td = td.network_mode(mode);
    }
    if let Some(cpu) = t.task_cpu() {
        td = td.cpu(cpu.to_string());
    }
    if let Some(memory) = t.task_memory() {
        td = td.memory(memory.to_string());
    }
    if let Some(family) = &t.family {
        td = td.family(family.as_str());
    }
    let mut platform = None;
    if let Some(f) = t.windows_family {
        platform = Some(
            l1::RuntimePlatform::new()
                .operating_system_family(f.cfn())
                .cpu_architecture(CpuArchitecture::X86_64.cfn()),
        );
    } else if let Some(arch) = t.cpu_architecture {
        platform = Some(
            l1::RuntimePlatform::new()
                .operating_system_family(WindowsFamily::linux())
                .cpu_architecture(arch.cfn()),
        );
    }
    if let Some(p) = platform {
        td = td.runtime_platform(p);
    }
    if let Some(p) = t.pid_mode {
        td = td.pid_mode(match p {
            PidMode::Task => l1::TaskDefinitionPidMode::Task,
            PidMode::Host => l1::TaskDefinitionPidMode::Host,
        });
    }
    if let Some(m) = t.ipc_mode {
        td = td.ipc_mode(match m {
            IpcMode::Host => l1::TaskDefinitionIpcMode::Host,
            IpcMode::Task => l1::TaskDefinitionIpcMode::Task,
            IpcMode::None => l1::TaskDefinitionIpcMode::None,
        });
    }
    if let Some(gib) = t.ephemeral_storage_gib {
        td = td.ephemeral_storage(l1::EphemeralStorage::new().size_in_gib(i64::from(gib)));
    }
    if !t.volumes.is_empty() {
        td = td.volumes(t.volumes.iter().map(VolumeSpec::render).collect::<Vec<_>>());
    }
    if !t.placement_constraints.is_empty() {
        td = td.placement_constraints(
            t.placement_constraints
                .iter()
                .map(|e| {
                    l1::TaskDefinitionPlacementConstraint::new(
                        l1::TaskDefinitionPlacementConstraintType::MemberOf,
                    )
                    .expression(e.as_str())
                })
                .collect::<Vec<_>>(),
        );
    }
    if !t.tags.is_empty() {
        td = td.tags(
            t.tags
                .iter()
                .map(|(k, v)| l1::Tag::new().key(k.as_str()).value(v.clone()))
                .collect::<Vec<_>>(),
        );
    }
    td
}

fn render_log(c: &ContainerSpec, log_group: Option<&LogGroup>) -> Option<l1::LogConfiguration> {
    let log = c.logging.as_ref()?;
    Some(match &log.driver {
        LogDriverKind::AwsLogs(a) => {
            let group = match &a.destination {
                LogDestination::Auto(_) => log_group.map(LogGroup::name),
                LogDestination::Group(g) => Some(g.name()),
                LogDestination::Named(n) => Some(n.clone()),
            };
            let mut options: BTreeMap<String, Value<String>> = BTreeMap::new();
            if let Some(g) = group {
                options.insert("awslogs-group".into(), g);
            }
            options.insert("awslogs-region".into(), intrinsic::region());
            options.insert(
                "awslogs-stream-prefix".into(),
                Value::Literal(a.stream_prefix.clone().unwrap_or_else(|| c.name.clone())),
            );
            if let Some(b) = &a.non_blocking_buffer {
                options.insert("mode".into(), "non-blocking".into());
                options.insert("max-buffer-size".into(), b.as_str().into());
            }
            if let Some(f) = &a.datetime_format {
                options.insert("awslogs-datetime-format".into(), f.as_str().into());
            }
            if let Some(p) = &a.multiline_pattern {
                options.insert("awslogs-multiline-pattern".into(), p.as_str().into());
            }
            l1::LogConfiguration::new("awslogs").options(options)
        }
        LogDriverKind::Other {
            driver,
            options,
            secret_options,
        } => {
            let mut l = l1::LogConfiguration::new(*driver);
            if !options.is_empty() {
                l = l.options(options.clone());
            }
            if !secret_options.is_empty() {
                l = l.secret_options(
                    secret_options
                        .iter()
                        .map(|(k, s)| l1::Secret::new(k.as_str(), s.value_from.clone()))
                        .collect::<Vec<_>>(),
                );
            }
            l
        }
    })
}

fn render_container(
    t: &TaskSpec,
    c: &ContainerSpec,
    log_group: Option<&LogGroup>,
) -> l1::ContainerDefinition {
    let host_port_equals_container = !t.network.has_host_ports();
    let mut d =
        l1::ContainerDefinition::new(c.image.value(), c.name.as_str()).essential(c.essential);
    if let Some(v) = c.cpu {
        d = d.cpu(i64::from(v));
    }
    if let Some(v) = c.memory {
        d = d.memory(i64::from(v));
    }
    if let Some(v) = c.memory_reservation {
        d = d.memory_reservation(i64::from(v));
    }
    if !c.ports.is_empty() {
        d = d.port_mappings(
            c.ports
                .iter()
                .map(|p| p.render(host_port_equals_container))
                .collect::<Vec<_>>(),
        );
    }
    if !c.environment.is_empty() {
        d = d.environment(
            c.environment
                .iter()
                .map(|(k, v)| l1::KeyValuePair::new().name(k.as_str()).value(v.clone()))
                .collect::<Vec<_>>(),
        );
    }
    if !c.secrets.is_empty() {
        d = d.secrets(
            c.secrets
                .iter()
                .map(|(k, s)| l1::Secret::new(k.as_str(), s.value_from.clone()))
                .collect::<Vec<_>>(),
        );
    }
    if !c.environment_files.is_empty() {
        d = d.environment_files(
            c.environment_files
                .iter()
                .map(|f| {
                    l1::EnvironmentFile::new()
                        .type_(l1::EnvironmentFileType::S3)
                        .value(f.clone())
                })
                .collect::<Vec<_>>(),
        );
    }
    if let Some(log) = render_log(c, log_group) {
        d = d.log_configuration(log);
    }
    if let Some(h) = &c.health_check {
        d = d.health_check(h.render());
    }
    if !c.depends_on.is_empty() {
        d = d.depends_on(
            c.depends_on
                .iter()
                .map(|(name, cond)| {
                    l1::ContainerDependency::new()
                        .container_name(name.as_str())
                        .condition(match cond {
                            DependencyCondition::Start => l1::ContainerDependencyCondition::Start,
                            DependencyCondition::Complete => {
                                l1::ContainerDependencyCondition::Complete
                            }
                            DependencyCondition::Success => {
                                l1::ContainerDependencyCondition::Success
                            }
                            DependencyCondition::Healthy => {
                                l1::ContainerDependencyCondition::Healthy
                            }
                        })
                })
                .collect::<Vec<_>>(),
        );
    }
    if let Some(v) = &c.command {
        d = d.command(v.clone());
    }
    if let Some(v) = &c.entry_point {
        d = d.entry_point(v.clone());
    }
    if let Some(v) = &c.working_directory {
        d = d.working_directory(v.as_str());
    }
    if let Some(v) = &c.user {
        d = d.user(v.as_str());
    }
    if let Some(v) = c.readonly_root_filesystem {
        d = d.readonly_root_filesystem(v);
    }
    if let Some(v) = c.stop_timeout {
        d = d.stop_timeout(i64::from(v));
    }
    if let Some(v) = c.start_timeout {
        d = d.start_timeout(i64::from(v));
    }
    if !c.ulimits.is_empty() {
        d = d.ulimits(
            c.ulimits
                .iter()
                .map(|(name, soft, hard)| {
                    l1::Ulimit::new(i64::from(*hard), *name, i64::from(*soft))
                })
                .collect::<Vec<_>>(),
        );
    }
    if let Some(lp) = render_linux(c) {
        d = d.linux_parameters(lp);
    }
    if c.privileged {
        d = d.privileged(true);
    }
    if let Some(g) = c.gpu {
        d = d.resource_requirements(vec![l1::ResourceRequirement::new(
            l1::ResourceRequirementType::Gpu,
            g.to_string(),
        )]);
    }
    if !c.mount_points.is_empty() {
        d = d.mount_points(
            c.mount_points
                .iter()
                .map(|(v, p, ro)| {
                    l1::MountPoint::new()
                        .source_volume(v.as_str())
                        .container_path(p.as_str())
                        .read_only(*ro)
                })
                .collect::<Vec<_>>(),
        );
    }
    if !c.volumes_from.is_empty() {
        d = d.volumes_from(
            c.volumes_from
                .iter()
                .map(|(o, ro)| {
                    l1::VolumeFrom::new()
                        .source_container(o.as_str())
                        .read_only(*ro)
                })
                .collect::<Vec<_>>(),
        );
    }
    if !c.links.is_empty() {
        d = d.links(c.links.clone());
    }
    if !c.extra_hosts.is_empty() {
        d = d.extra_hosts(
            c.extra_hosts
                .iter()
                .map(|(h, ip)| {
                    l1::HostEntry::new()
                        .hostname(h.as_str())
                        .ip_address(ip.as_str())
                })
                .collect::<Vec<_>>(),
        );
    }
    if !c.dns_servers.is_empty() {
        d = d.dns_servers(c.dns_servers.clone());
    }
    if !c.dns_search_domains.is_empty() {
        d = d.dns_search_domains(c.dns_search_domains.clone());
    }
    if !c.docker_labels.is_empty() {
        d = d.docker_labels(c.docker_labels.clone());
    }
    if let Some(r) = c.firelens_router {
        d = d.firelens_configuration(l1::FirelensConfiguration::new().type_(match r {
            FireLensRouter::FluentBit => l1::FirelensConfigurationType::Fluentbit,
            FireLensRouter::Fluentd => l1::FirelensConfigurationType::Fluentd,
        }));
    }
    if let Some(s) = &c.repository_credentials {
        d = d.repository_credentials(
            l1::RepositoryCredentials::new().credentials_parameter(s.value_from.clone()),
        );
    }
    d
}

fn render_linux(c: &ContainerSpec) -> Option<l1::LinuxParameters> {
    let empty = c.init_process_enabled.is_none()
        && c.capabilities_add.is_empty()
        && c.capabilities_drop.is_empty()
        && c.devices.is_empty()
        && c.tmpfs.is_empty()
        && c.shared_memory_mib.is_none();
    if empty {
        return None;
    }
    let mut lp = l1::LinuxParameters::new();
    if let Some(v) = c.init_process_enabled {
        lp = lp.init_process_enabled(v);
    }
    if !c.capabilities_add.is_empty() || !c.capabilities_drop.is_empty() {
        let mut k = l1::KernelCapabilities::new();
        if !c.capabilities_add.is_empty() {
            k = k.add(c.capabilities_add.clone());
        }
        if !c.capabilities_drop.is_empty() {
            k = k.drop(c.capabilities_drop.clone());
        }
        lp = lp.capabilities(k);
    }
    if !c.devices.is_empty() {
        lp = lp.devices(
            c.devices
                .iter()
                .map(|(h, cp)| {
                    let mut dv = l1::Device::new().host_path(h.as_str());
                    if let Some(cp) = cp {
                        dv = dv.container_path(cp.as_str());
                    }
                    dv
                })
                .collect::<Vec<_>>(),
        );
    }
    if !c.tmpfs.is_empty() {
        lp = lp.tmpfs(
            c.tmpfs
                .iter()
                .map(|(p, size)| l1::Tmpfs::new(i64::from(*size)).container_path(p.as_str()))
                .collect::<Vec<_>>(),
        );
    }
    if let Some(v) = c.shared_memory_mib {
        lp = lp.shared_memory_size(i64::from(v));
    }
    Some(lp)
}
