//! Rendering a container definition and its log configuration as the L1 types.

use std::collections::BTreeMap;

use super::container::{ContainerSpec, DependencyCondition, FireLensRouter};
use super::logging::{LogDestination, LogDriverKind};
use super::task_render::TaskSpec;
use crate::cfn::ecs::task_definition as l1;
use crate::logs::LogGroup;
use crate::template::{Value, intrinsic};

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

pub(crate) fn render_container(
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
