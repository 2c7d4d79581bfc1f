//! Task volumes typed by what they need from the launch type (rules T6, T9), and the EFS volume
//! whose pairs of settings are types (rules E1, E2).

use std::collections::BTreeMap;
use std::marker::PhantomData;

use super::launch::feature;
use crate::cfn::ecs::task_definition::{
    AuthorizationConfig, AuthorizationConfigIam, DockerVolumeConfiguration,
    DockerVolumeConfigurationScope, EfsVolumeConfiguration,
    EfsVolumeConfigurationTransitEncryption, HostVolumeProperties, Volume as CfnVolume,
};
use crate::template::Value;

/// A task volume. Its kind `K` is a [`feature`] the task's launch type must
/// [support](super::Supports): a host path only on EC2 and External (rule T6), Docker volumes
/// only on Linux EC2 and External, EFS not on Windows (rule T9).
///
/// ```
/// use ecs_dsl::ecs::{DockerScope, EfsVolume, Volume};
/// let scratch = Volume::scratch("cache"); // shared by the task's containers, any launch type
/// let host = Volume::host_path("docker-sock", "/var/run/docker.sock");
/// let docker = Volume::docker("data", DockerScope::Shared).autoprovision(true).driver("local");
/// let efs = Volume::efs("files", EfsVolume::new("fs-0123456789abcdef0").transit_encryption().iam_authorization());
/// # let _ = (scratch, host, docker, efs);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Volume<K> {
    pub(crate) spec: VolumeSpec,
    _kind: PhantomData<fn() -> K>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct VolumeSpec {
    pub name: String,
    pub kind: VolumeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum VolumeKind {
    Scratch,
    HostPath(String),
    Docker(DockerSpec),
    Efs(EfsSpec),
    EbsAtLaunch,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DockerSpec {
    scope: DockerScope,
    autoprovision: Option<bool>,
    driver: Option<String>,
    driver_opts: BTreeMap<String, Value<String>>,
    labels: BTreeMap<String, Value<String>>,
}

/// The lifetime of a Docker volume.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
/// let data = Volume::docker("data", DockerScope::Shared).autoprovision(true);
/// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256).mount(&data, "/data");
/// task.container(web).volume(&data).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["Web"]["Properties"];
/// assert_eq!(props["Volumes"][0]["DockerVolumeConfiguration"]["Scope"], "shared");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DockerScope {
    /// Created when the task starts, removed when it stops.
    Task,
    /// Kept on the instance after the task stops.
    Shared,
}

impl<K> Volume<K> {
    fn of(name: impl Into<String>, kind: VolumeKind) -> Self {
        Volume {
            spec: VolumeSpec {
                name: name.into(),
                kind,
            },
            _kind: PhantomData,
        }
    }

    /// The volume's name, used by mount points.
    ///
    /// ```
    /// use ecs_dsl::ecs::Volume;
    /// assert_eq!(Volume::scratch("cache").name(), "cache");
    /// ```
    pub fn name(&self) -> &str {
        &self.spec.name
    }
}

impl Volume<feature::ScratchVolume> {
    /// A bind mount without a host path: storage shared by the task's containers for the
    /// task's lifetime (every launch type).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let scratch = Volume::scratch("scratch");
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&scratch, "/scratch");
    /// task.container(web).volume(&scratch).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0], serde_json::json!({"Name": "scratch"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn scratch(name: impl Into<String>) -> Self {
        Self::of(name, VolumeKind::Scratch)
    }
}

impl Volume<feature::HostPathVolume> {
    /// A bind mount of a path on the container instance (EC2 and External only, rule T6).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let sock = Volume::host_path("docker-sock", "/var/run/docker.sock");
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256).mount_read_only(&sock, "/var/run/docker.sock");
    /// task.container(web).volume(&sock).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["Host"]["SourcePath"], "/var/run/docker.sock");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn host_path(name: impl Into<String>, source_path: impl Into<String>) -> Self {
        Self::of(name, VolumeKind::HostPath(source_path.into()))
    }
}

impl Volume<feature::DockerVolume> {
    /// A Docker volume (EC2 and External only, rule T6; Windows supports the `local` driver).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let tmp = Volume::docker("tmp", DockerScope::Task);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256).mount(&tmp, "/tmp");
    /// task.container(web).volume(&tmp).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["DockerVolumeConfiguration"]["Scope"], "task");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn docker(name: impl Into<String>, scope: DockerScope) -> Self {
        Self::of(
            name,
            VolumeKind::Docker(DockerSpec {
                scope,
                autoprovision: None,
                driver: None,
                driver_opts: BTreeMap::new(),
                labels: BTreeMap::new(),
            }),
        )
    }

    fn docker_spec(&mut self) -> Option<&mut DockerSpec> {
        match &mut self.spec.kind {
            VolumeKind::Docker(d) => Some(d),
            _ => None,
        }
    }

    /// Creates a shared volume if it does not exist (`Shared` scope only).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let data = Volume::docker("data", DockerScope::Shared).autoprovision(true);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256).mount(&data, "/data");
    /// task.container(web).volume(&data).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["DockerVolumeConfiguration"]["Autoprovision"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn autoprovision(mut self, on: bool) -> Self {
        if let Some(d) = self.docker_spec() {
            d.autoprovision = Some(on);
        }
        self
    }

    /// The volume driver (e.g. `local`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let data = Volume::docker("data", DockerScope::Task).driver("local");
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256).mount(&data, "/data");
    /// task.container(web).volume(&data).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["DockerVolumeConfiguration"]["Driver"], "local");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn driver(mut self, driver: impl Into<String>) -> Self {
        if let Some(d) = self.docker_spec() {
            d.driver = Some(driver.into());
        }
        self
    }

    /// A driver option.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let data = Volume::docker("data", DockerScope::Task).driver("local").driver_opt("type", "tmpfs");
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256).mount(&data, "/data");
    /// task.container(web).volume(&data).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["DockerVolumeConfiguration"]["DriverOpts"]["type"], "tmpfs");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn driver_opt(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        if let Some(d) = self.docker_spec() {
            d.driver_opts.insert(key.into(), value.into());
        }
        self
    }

    /// A Docker label.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::ec2(&stack, "Web", Bridge);
    /// let data = Volume::docker("data", DockerScope::Task).label("team", "storefront");
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(256).mount(&data, "/data");
    /// task.container(web).volume(&data).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["DockerVolumeConfiguration"]["Labels"]["team"], "storefront");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn label(mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        if let Some(d) = self.docker_spec() {
            d.labels.insert(key.into(), value.into());
        }
        self
    }
}

impl Volume<feature::EbsAtLaunch> {
    /// An Amazon EBS volume whose configuration a service supplies when it deploys
    /// ([`EbsVolume`](super::EbsVolume); Linux Fargate and EC2; at most one per task definition,
    /// rule T25; only replica services, rule S2).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let data = Volume::ebs_at_launch("data");
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&data, "/data");
    /// let task = task.container(web).volume(&data).build()?;
    /// assert_eq!(task.at_launch_volume(), Some("data"));
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["ConfiguredAtLaunch"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ebs_at_launch(name: impl Into<String>) -> Self {
        Self::of(name, VolumeKind::EbsAtLaunch)
    }
}

impl Volume<feature::EfsVolume> {
    /// An Amazon EFS file system (Linux Fargate and EC2; not Windows, rule T9).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let files = Volume::efs("files", EfsVolume::new("fs-0123456789abcdef0"));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&files, "/files");
    /// task.container(web).volume(&files).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["EFSVolumeConfiguration"]["FilesystemId"], "fs-0123456789abcdef0");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn efs<T, R>(name: impl Into<String>, efs: EfsVolume<T, R>) -> Self {
        Self::of(name, VolumeKind::Efs(efs.spec))
    }
}

/// EFS transit encryption off (the state of a new [`EfsVolume`]).
///
/// ```
/// use ecs_dsl::ecs::{EfsVolume, Plaintext};
/// let efs: EfsVolume<Plaintext> = EfsVolume::new("fs-0123456789abcdef0");
/// # let _ = efs;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Plaintext {}
/// EFS transit encryption on.
///
/// ```
/// use ecs_dsl::ecs::{EfsVolume, TransitEncrypted};
/// let efs: EfsVolume<TransitEncrypted> = EfsVolume::new("fs-0123456789abcdef0").transit_encryption();
/// # let _ = efs;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransitEncrypted {}
/// The file system's root (or the access point's) is mounted.
///
/// ```
/// use ecs_dsl::ecs::{DefaultRoot, EfsVolume, Plaintext};
/// let efs: EfsVolume<Plaintext, DefaultRoot> = EfsVolume::new("fs-0123456789abcdef0");
/// # let _ = efs;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DefaultRoot {}
/// A directory other than the root is mounted.
///
/// ```
/// use ecs_dsl::ecs::{CustomRoot, EfsVolume, Plaintext};
/// let efs: EfsVolume<Plaintext, CustomRoot> = EfsVolume::new("fs-0123456789abcdef0").root_directory("/shared");
/// # let _ = efs;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomRoot {}
/// Mounted through an access point.
///
/// ```
/// use ecs_dsl::ecs::{EfsVolume, TransitEncrypted, ViaAccessPoint};
/// let efs: EfsVolume<TransitEncrypted, ViaAccessPoint> =
///     EfsVolume::new("fs-0123456789abcdef0").transit_encryption().access_point("fsap-0123456789abcdef0");
/// # let _ = efs;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViaAccessPoint {}

/// Transit encryption states that allow IAM authorization and access points (rules E1, E2).
#[diagnostic::on_unimplemented(
    message = "EFS IAM authorization and access points require transit encryption: call `.transit_encryption()` first (rules E1, E2)",
    label = "transit encryption is off here"
)]
/// ```
/// use ecs_dsl::ecs::{Encrypted, TransitEncrypted};
/// fn encrypted<T: Encrypted>() {}
/// encrypted::<TransitEncrypted>();
/// ```
pub trait Encrypted {}
impl Encrypted for TransitEncrypted {}

/// Root directory states that allow an access point (rule E2).
#[diagnostic::on_unimplemented(
    message = "an EFS access point needs the root directory omitted or `/` (rule E2)",
    label = "a root directory was set"
)]
/// ```
/// use ecs_dsl::ecs::{DefaultRoot, RootForAccessPoint};
/// fn takes_access_point<R: RootForAccessPoint>() {}
/// takes_access_point::<DefaultRoot>();
/// ```
///
/// ```compile_fail,E0277
/// use ecs_dsl::ecs::EfsVolume;
/// // an EFS access point needs the root directory omitted or `/` (rule E2)
/// let efs = EfsVolume::new("fs-0123456789abcdef0").transit_encryption().root_directory("/data").access_point("fsap-0123456789abcdef0");
/// ```
pub trait RootForAccessPoint {}
impl RootForAccessPoint for DefaultRoot {}

/// Root directory states that allow setting one (not with an access point, rule E2).
#[diagnostic::on_unimplemented(
    message = "with an EFS access point the root directory is the access point's (rule E2)",
    label = "an access point was set"
)]
/// ```
/// use ecs_dsl::ecs::{CustomRoot, DefaultRoot, RootSettable};
/// fn root_settable<R: RootSettable>() {}
/// root_settable::<DefaultRoot>();
/// root_settable::<CustomRoot>();
/// ```
pub trait RootSettable {}
impl RootSettable for DefaultRoot {}
impl RootSettable for CustomRoot {}

/// An EFS volume configuration. Settings that need each other are states of the type: IAM
/// authorization and access points exist only once transit encryption is on (rule E1, E2), and
/// an access point cannot be combined with a root directory (rule E2).
///
/// ```
/// use ecs_dsl::ecs::EfsVolume;
/// let shared = EfsVolume::new("fs-0123456789abcdef0")
///     .transit_encryption()
///     .iam_authorization()
///     .access_point("fsap-0123456789abcdef0");
/// # let _ = shared;
/// ```
///
/// ```compile_fail
/// use ecs_dsl::ecs::EfsVolume;
/// // EFS IAM authorization and access points require transit encryption (rules E1, E2)
/// let bad = EfsVolume::new("fs-0123456789abcdef0").iam_authorization();
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EfsVolume<T = Plaintext, R = DefaultRoot> {
    pub(crate) spec: EfsSpec,
    _state: PhantomData<fn() -> (T, R)>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EfsSpec {
    pub file_system_id: Value<String>,
    pub root_directory: Option<String>,
    pub transit_encryption: bool,
    pub transit_encryption_port: Option<u16>,
    pub iam: bool,
    pub access_point_id: Option<Value<String>>,
}

impl EfsVolume {
    /// The file system by id (`fs-...`). [`FileSystem::volume`](crate::efs::FileSystem::volume)
    /// and [`AccessPoint::volume`](crate::efs::AccessPoint::volume) build on this.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let fs_id = stack.add_parameter("FileSystemId", Parameter::string())?;
    /// let files = Volume::efs("files", EfsVolume::new(fs_id.value()));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&files, "/files");
    /// task.container(web).volume(&files).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["EFSVolumeConfiguration"]["FilesystemId"], serde_json::json!({"Ref": "FileSystemId"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(file_system_id: impl Into<Value<String>>) -> Self {
        EfsVolume {
            spec: EfsSpec {
                file_system_id: file_system_id.into(),
                root_directory: None,
                transit_encryption: false,
                transit_encryption_port: None,
                iam: false,
                access_point_id: None,
            },
            _state: PhantomData,
        }
    }
}

impl<T, R> EfsVolume<T, R> {
    fn to<T2, R2>(self) -> EfsVolume<T2, R2> {
        EfsVolume {
            spec: self.spec,
            _state: PhantomData,
        }
    }

    /// Encrypts the NFS traffic with TLS.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let files = Volume::efs("files", EfsVolume::new("fs-0123456789abcdef0").transit_encryption());
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&files, "/files");
    /// task.container(web).volume(&files).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["EFSVolumeConfiguration"]["TransitEncryption"], "ENABLED");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn transit_encryption(mut self) -> EfsVolume<TransitEncrypted, R> {
        self.spec.transit_encryption = true;
        self.to()
    }

    /// The port for the TLS tunnel (default chosen by the EFS mount helper).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let efs = EfsVolume::new("fs-0123456789abcdef0").transit_encryption().transit_encryption_port(2999);
    /// let files = Volume::efs("files", efs);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&files, "/files");
    /// task.container(web).volume(&files).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["EFSVolumeConfiguration"]["TransitEncryptionPort"], 2999);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn transit_encryption_port(mut self, port: u16) -> Self
    where
        T: Encrypted,
    {
        self.spec.transit_encryption_port = Some(port);
        self
    }

    /// Mounts the file system with the task role's IAM identity (rule E1).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let efs = EfsVolume::new("fs-0123456789abcdef0").transit_encryption().iam_authorization();
    /// let files = Volume::efs("files", efs);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&files, "/files");
    /// task.container(web).volume(&files).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["EFSVolumeConfiguration"]["AuthorizationConfig"]["IAM"], "ENABLED");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn iam_authorization(mut self) -> Self
    where
        T: Encrypted,
    {
        self.spec.iam = true;
        self
    }

    /// Mounts through an access point (rule E2: transit encryption on, root directory `/`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let efs = EfsVolume::new("fs-0123456789abcdef0").transit_encryption().access_point("fsap-0123456789abcdef0");
    /// let files = Volume::efs("files", efs);
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&files, "/files");
    /// task.container(web).volume(&files).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// let auth = &props["Volumes"][0]["EFSVolumeConfiguration"]["AuthorizationConfig"];
    /// assert_eq!(auth["AccessPointId"], "fsap-0123456789abcdef0");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn access_point(
        mut self,
        access_point_id: impl Into<Value<String>>,
    ) -> EfsVolume<T, ViaAccessPoint>
    where
        T: Encrypted,
        R: RootForAccessPoint,
    {
        self.spec.access_point_id = Some(access_point_id.into());
        self.to()
    }

    /// Mounts a directory of the file system instead of its root.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let files = Volume::efs("files", EfsVolume::new("fs-0123456789abcdef0").root_directory("/web"));
    /// # let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).mount(&files, "/files");
    /// task.container(web).volume(&files).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Web"]["Properties"];
    /// assert_eq!(props["Volumes"][0]["EFSVolumeConfiguration"]["RootDirectory"], "/web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn root_directory(mut self, path: impl Into<String>) -> EfsVolume<T, CustomRoot>
    where
        R: RootSettable,
    {
        self.spec.root_directory = Some(path.into());
        self.to()
    }
}

impl VolumeSpec {
    pub(crate) fn render(&self) -> CfnVolume {
        let v = CfnVolume::new().name(self.name.as_str());
        match &self.kind {
            VolumeKind::Scratch => v,
            VolumeKind::EbsAtLaunch => v.configured_at_launch(true),
            VolumeKind::HostPath(path) => {
                v.host(HostVolumeProperties::new().source_path(path.as_str()))
            }
            VolumeKind::Docker(d) => {
                let mut c = DockerVolumeConfiguration::new().scope(match d.scope {
                    DockerScope::Task => DockerVolumeConfigurationScope::Task,
                    DockerScope::Shared => DockerVolumeConfigurationScope::Shared,
                });
                if let Some(a) = d.autoprovision {
                    c = c.autoprovision(a);
                }
                if let Some(driver) = &d.driver {
                    c = c.driver(driver.as_str());
                }
                if !d.driver_opts.is_empty() {
                    c = c.driver_opts(d.driver_opts.clone());
                }
                if !d.labels.is_empty() {
                    c = c.labels(d.labels.clone());
                }
                v.docker_volume_configuration(c)
            }
            VolumeKind::Efs(e) => {
                let mut c = EfsVolumeConfiguration::new(e.file_system_id.clone());
                if let Some(root) = &e.root_directory {
                    c = c.root_directory(root.as_str());
                }
                if e.transit_encryption {
                    c = c.transit_encryption(EfsVolumeConfigurationTransitEncryption::Enabled);
                }
                if let Some(port) = e.transit_encryption_port {
                    c = c.transit_encryption_port(i64::from(port));
                }
                if e.iam || e.access_point_id.is_some() {
                    let mut auth = AuthorizationConfig::new();
                    if e.iam {
                        auth = auth.iam(AuthorizationConfigIam::Enabled);
                    }
                    if let Some(ap) = &e.access_point_id {
                        auth = auth.access_point_id(ap.clone());
                    }
                    c = c.authorization_config(auth);
                }
                v.efs_volume_configuration(c)
            }
        }
    }
}
