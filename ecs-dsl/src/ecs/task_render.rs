//! Building a task definition: the collected spec, the roles and log group it needs (with
//! grants scoped to exactly what the containers use), and the L1 resource. The checks are in
//! `task_validate.rs`, the container rendering in `container_render.rs`.

use super::container::ContainerSpec;
use super::fargate_size::FargateSize;
use super::launch::{CpuArchitecture, LaunchKind, NetworkKind, WindowsFamily};
use super::logging::{LogDestination, LogDriverKind};
use super::secret::{SecretKind, SecretSource};
use super::task::{ContainerInfo, RoleSlot, TaskShared};
use super::task_definition::IpcMode;
use super::volume::{VolumeKind, VolumeSpec};
use crate::cfn::ecs::task_definition as l1;
use crate::error::Result;
use crate::iam::{PolicyStatement, Role, ServicePrincipal, grants};
use crate::logs::LogGroup;
use crate::template::{Stack, Value, intrinsic};

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
    /// Given or imported by the user; `None`: created when something needs it.
    pub task_role: Option<RoleSlot>,
    /// Given or imported by the user; `None`: created when something needs it.
    pub execution_role: Option<RoleSlot>,
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
            task_role: None,
            execution_role: None,
            pid_mode: None,
            ipc_mode: None,
            ephemeral_storage_gib: None,
            volumes: Vec::new(),
            placement_constraints: Vec::new(),
            tags: Vec::new(),
        }
    }

    pub(crate) fn task_cpu(&self) -> Option<u32> {
        self.fargate_size.map(FargateSize::cpu_units).or(self.cpu)
    }

    pub(crate) fn task_memory(&self) -> Option<u32> {
        self.fargate_size
            .map(FargateSize::memory_mib)
            .or(self.memory)
    }
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
    super::task_validate::validate(stack.name(), id, &t)?;

    // One log group for every `AwsLogs::auto()` container; the first retention given wins,
    // else the log group's default.
    let auto_retention =
        t.containers
            .iter()
            .find_map(|c| match c.logging.as_ref().map(|l| &l.driver) {
                Some(LogDriverKind::AwsLogs(a)) => match a.destination {
                    LogDestination::Auto(r) => Some(r),
                    _ => None,
                },
                _ => None,
            });
    let log_group = match auto_retention {
        Some(retention) => {
            let mut group = LogGroup::builder(stack, &format!("{id}Logs"));
            if let Some(r) = retention {
                group = group.retention(r);
            }
            Some(group.build()?)
        }
        None => None,
    };

    let grants = execution_grants(&t, log_group.as_ref());
    let execution_role = match &t.execution_role {
        Some(RoleSlot::Owned(role)) => {
            for g in grants {
                role.add_to_policy(g)?;
            }
            Some(RoleSlot::Owned(role.clone()))
        }
        Some(imported @ RoleSlot::Imported(_)) => Some(imported.clone()),
        None if grants.is_empty() => None,
        None => {
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
        Some(given) => Some(given.clone()),
        None if needs_task_role => Some(RoleSlot::Owned(
            Role::builder(stack, &format!("{id}TaskRole"), ServicePrincipal::EcsTasks).build()?,
        )),
        None => None,
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
        services: Default::default(),
        mount_targets: Default::default(),
    })
}

fn render(t: &TaskSpec, log_group: Option<&LogGroup>) -> l1::TaskDefinition {
    let mut td = l1::TaskDefinition::new()
        .requires_compatibilities(vec![t.launch.compatibility()])
        .container_definitions(
            t.containers
                .iter()
                .map(|c| super::container_render::render_container(t, c, log_group))
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
                .operating_system_family(l1::RuntimePlatformOperatingSystemFamily::Linux)
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
