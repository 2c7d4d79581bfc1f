//! The run-time checks of a task definition: every rule that values from config (or anything
//! the types could not see) can break, as `Error::Rule` naming the stack, the task definition,
//! the field and the rule. Not generic, so it is compiled once.
//!
//! What the builder's types already make impossible to write is not checked again here: ports
//! under network mode `none` (T4), a host port under awsvpc/host (T5), settings and volumes a
//! launch type does not offer (T6, T7, T9, T19's drivers), EFS IAM without transit encryption
//! (E1, E2). Their compile-fail cases are in `tests/ui/`.

use std::collections::{BTreeMap, BTreeSet};

use super::container::{ContainerSpec, DependencyCondition};
use super::health::HealthCheck;
use super::launch::LaunchKind;
use super::logging::LogDriverKind;
use super::secret::SecretKind;

use super::task_render::TaskSpec;
use super::volume::VolumeKind;
use crate::error::{Error, Result};

/// Collects rule violations with the stack and logical id filled in.
struct Checker<'a> {
    stack: &'a str,
    id: &'a str,
}

impl Checker<'_> {
    fn fail(&self, field: impl Into<String>, rule: &'static str, reason: String) -> Error {
        Error::rule(self.stack, self.id, field, rule, reason)
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
            && *driver == "awsfirelens"
        {
            ck.ensure(routers == 1, container_field(c, "LogConfiguration"), "T19", || {
                "logs to FireLens, but no container of the task is a FireLens router (`.firelens_router(..)`)".into()
            })?;
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
    for p in &c.ports {
        if let Some(name) = &p.name {
            if let Some(reason) = super::port::port_name_problem(name) {
                return Err(ck.fail(&field, "T20", format!("port name `{name}` {reason}")));
            }
            ck.ensure(names.insert(name.as_str()), &field, "T20", || {
                format!("port name `{name}` is used twice in the task")
            })?;
        }
        // (An app protocol without a name does not compile: `PortMapping<N, Named>`.)
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
