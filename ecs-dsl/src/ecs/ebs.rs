//! EBS volumes that a replica service attaches to each task at launch (rules S2, T25).

use super::launch::feature;
use super::task::RoleSlot;
use super::volume::Volume;
use crate::iam::Role;
use crate::template::Value;

/// The EBS volume type.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// # let data = Volume::ebs_at_launch("data");
/// # let db = task.new_container("db", ecs_dsl::image!("postgres:16")).mount(&data, "/var/lib/postgresql/data");
/// # let task = task.container(db).volume(&data).build()?;
/// # let service = Service::replica(&stack, "Db", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
/// service.ebs_volume(EbsVolume::for_volume(&data).size_gib(100).volume_type(EbsVolumeType::Io2).iops(3000)).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let ebs = &t["Resources"]["Db"]["Properties"]["VolumeConfigurations"][0]["ManagedEBSVolume"];
/// assert_eq!(ebs["VolumeType"], "io2");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EbsVolumeType {
    /// General purpose SSD, gp3 (the default).
    Gp3,
    /// General purpose SSD, gp2.
    Gp2,
    /// Provisioned IOPS SSD, io1.
    Io1,
    /// Provisioned IOPS SSD, io2.
    Io2,
    /// Throughput optimized HDD.
    St1,
    /// Cold HDD.
    Sc1,
    /// Magnetic.
    Standard,
}

impl EbsVolumeType {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EbsVolumeType::Gp3 => "gp3",
            EbsVolumeType::Gp2 => "gp2",
            EbsVolumeType::Io1 => "io1",
            EbsVolumeType::Io2 => "io2",
            EbsVolumeType::St1 => "st1",
            EbsVolumeType::Sc1 => "sc1",
            EbsVolumeType::Standard => "standard",
        }
    }
}

/// The configuration a service gives a task definition's
/// [`Volume::ebs_at_launch`] volume: one new, encrypted volume per task. ECS creates the volumes
/// with an infrastructure role; without one, the service creates `<ServiceId>EbsRole` with the
/// AWS managed policy `AmazonECSInfrastructureRolePolicyForVolumes`.
///
/// ```
/// use ecs_dsl::ecs::{EbsVolume, EbsVolumeType, Volume};
/// let data = Volume::ebs_at_launch("data");
/// let config = EbsVolume::for_volume(&data).size_gib(100).volume_type(EbsVolumeType::Gp3).throughput(250);
/// # let _ = config;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EbsVolume {
    pub(crate) name: String,
    pub(crate) role: Option<RoleSlot>,
    pub(crate) size_gib: Option<u32>,
    pub(crate) volume_type: Option<EbsVolumeType>,
    pub(crate) iops: Option<u32>,
    pub(crate) throughput: Option<u32>,
    pub(crate) kms_key_id: Option<Value<String>>,
    pub(crate) snapshot_id: Option<Value<String>>,
}

impl EbsVolume {
    /// The configuration of `volume` (a volume of the service's task definition).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let data = Volume::ebs_at_launch("data");
    /// # let db = task.new_container("db", ecs_dsl::image!("postgres:16")).mount(&data, "/var/lib/postgresql/data");
    /// # let task = task.container(db).volume(&data).build()?;
    /// # let service = Service::replica(&stack, "Db", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// service.ebs_volume(EbsVolume::for_volume(&data).size_gib(20)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let ebs = &t["Resources"]["Db"]["Properties"]["VolumeConfigurations"][0]["ManagedEBSVolume"];
    /// assert_eq!(t["Resources"]["Db"]["Properties"]["VolumeConfigurations"][0]["Name"], "data");
    /// // the infrastructure role made for the service
    /// assert_eq!(ebs["RoleArn"], serde_json::json!({"Fn::GetAtt": ["DbEbsRole", "Arn"]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn for_volume(volume: &Volume<feature::EbsAtLaunch>) -> Self {
        EbsVolume {
            name: volume.name().to_owned(),
            role: None,
            size_gib: None,
            volume_type: None,
            iops: None,
            throughput: None,
            kms_key_id: None,
            snapshot_id: None,
        }
    }

    /// Size in GiB (1-16384; required unless the volume starts from a snapshot).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let data = Volume::ebs_at_launch("data");
    /// # let db = task.new_container("db", ecs_dsl::image!("postgres:16")).mount(&data, "/var/lib/postgresql/data");
    /// # let task = task.container(db).volume(&data).build()?;
    /// # let service = Service::replica(&stack, "Db", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// service.ebs_volume(EbsVolume::for_volume(&data).size_gib(100)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let ebs = &t["Resources"]["Db"]["Properties"]["VolumeConfigurations"][0]["ManagedEBSVolume"];
    /// assert_eq!(ebs["SizeInGiB"], 100);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn size_gib(mut self, gib: u32) -> Self {
        self.size_gib = Some(gib);
        self
    }

    /// The volume type (gp3 by default).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let data = Volume::ebs_at_launch("data");
    /// # let db = task.new_container("db", ecs_dsl::image!("postgres:16")).mount(&data, "/var/lib/postgresql/data");
    /// # let task = task.container(db).volume(&data).build()?;
    /// # let service = Service::replica(&stack, "Db", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// service.ebs_volume(EbsVolume::for_volume(&data).size_gib(500).volume_type(EbsVolumeType::St1)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let ebs = &t["Resources"]["Db"]["Properties"]["VolumeConfigurations"][0]["ManagedEBSVolume"];
    /// assert_eq!(ebs["VolumeType"], "st1");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn volume_type(mut self, volume_type: EbsVolumeType) -> Self {
        self.volume_type = Some(volume_type);
        self
    }

    /// Provisioned IOPS (gp3, io1, io2).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let data = Volume::ebs_at_launch("data");
    /// # let db = task.new_container("db", ecs_dsl::image!("postgres:16")).mount(&data, "/var/lib/postgresql/data");
    /// # let task = task.container(db).volume(&data).build()?;
    /// # let service = Service::replica(&stack, "Db", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// service.ebs_volume(EbsVolume::for_volume(&data).size_gib(100).iops(6000)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let ebs = &t["Resources"]["Db"]["Properties"]["VolumeConfigurations"][0]["ManagedEBSVolume"];
    /// assert_eq!(ebs["Iops"], 6000);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn iops(mut self, iops: u32) -> Self {
        self.iops = Some(iops);
        self
    }

    /// Throughput in MiB/s (gp3).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let data = Volume::ebs_at_launch("data");
    /// # let db = task.new_container("db", ecs_dsl::image!("postgres:16")).mount(&data, "/var/lib/postgresql/data");
    /// # let task = task.container(db).volume(&data).build()?;
    /// # let service = Service::replica(&stack, "Db", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// service.ebs_volume(EbsVolume::for_volume(&data).size_gib(100).throughput(250)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let ebs = &t["Resources"]["Db"]["Properties"]["VolumeConfigurations"][0]["ManagedEBSVolume"];
    /// assert_eq!(ebs["Throughput"], 250);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn throughput(mut self, mib_per_sec: u32) -> Self {
        self.throughput = Some(mib_per_sec);
        self
    }

    /// A KMS key for the volume's encryption (the account's EBS default key otherwise).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let data = Volume::ebs_at_launch("data");
    /// # let db = task.new_container("db", ecs_dsl::image!("postgres:16")).mount(&data, "/var/lib/postgresql/data");
    /// # let task = task.container(db).volume(&data).build()?;
    /// # let service = Service::replica(&stack, "Db", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// let key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    /// service.ebs_volume(EbsVolume::for_volume(&data).size_gib(100).kms_key(key)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let ebs = &t["Resources"]["Db"]["Properties"]["VolumeConfigurations"][0]["ManagedEBSVolume"];
    /// assert_eq!(ebs["KmsKeyId"], key);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn kms_key(mut self, key_id: impl Into<Value<String>>) -> Self {
        self.kms_key_id = Some(key_id.into());
        self
    }

    /// Starts each volume from a snapshot.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let data = Volume::ebs_at_launch("data");
    /// # let db = task.new_container("db", ecs_dsl::image!("postgres:16")).mount(&data, "/var/lib/postgresql/data");
    /// # let task = task.container(db).volume(&data).build()?;
    /// # let service = Service::replica(&stack, "Db", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// // no size needed: the volume starts from the snapshot
    /// service.ebs_volume(EbsVolume::for_volume(&data).snapshot("snap-0123456789abcdef0")).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let ebs = &t["Resources"]["Db"]["Properties"]["VolumeConfigurations"][0]["ManagedEBSVolume"];
    /// assert_eq!(ebs["SnapshotId"], "snap-0123456789abcdef0");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn snapshot(mut self, snapshot_id: impl Into<Value<String>>) -> Self {
        self.snapshot_id = Some(snapshot_id.into());
        self
    }

    /// The infrastructure role ECS uses to create and attach the volumes.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let data = Volume::ebs_at_launch("data");
    /// # let db = task.new_container("db", ecs_dsl::image!("postgres:16")).mount(&data, "/var/lib/postgresql/data");
    /// # let task = task.container(db).volume(&data).build()?;
    /// # let service = Service::replica(&stack, "Db", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// use ecs_dsl::iam::{Role, ServicePrincipal};
    /// let role = Role::builder(&stack, "EbsInfra", ServicePrincipal::Ecs).build()?;
    /// service.ebs_volume(EbsVolume::for_volume(&data).size_gib(20).infrastructure_role(&role)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let ebs = &t["Resources"]["Db"]["Properties"]["VolumeConfigurations"][0]["ManagedEBSVolume"];
    /// assert_eq!(ebs["RoleArn"], serde_json::json!({"Fn::GetAtt": ["EbsInfra", "Arn"]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn infrastructure_role(mut self, role: &Role) -> Self {
        self.role = Some(RoleSlot::Owned(role.clone()));
        self
    }

    /// An existing infrastructure role by ARN.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// # let data = Volume::ebs_at_launch("data");
    /// # let db = task.new_container("db", ecs_dsl::image!("postgres:16")).mount(&data, "/var/lib/postgresql/data");
    /// # let task = task.container(db).volume(&data).build()?;
    /// # let service = Service::replica(&stack, "Db", &cluster, &task).network(AwsVpcNetwork::new(vec!["subnet-0a"]));
    /// let arn = "arn:aws:iam::123456789012:role/ecsInfrastructureRole";
    /// service.ebs_volume(EbsVolume::for_volume(&data).size_gib(20).infrastructure_role_arn(arn)).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let ebs = &t["Resources"]["Db"]["Properties"]["VolumeConfigurations"][0]["ManagedEBSVolume"];
    /// assert_eq!(ebs["RoleArn"], arn);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn infrastructure_role_arn(mut self, arn: impl Into<Value<String>>) -> Self {
        self.role = Some(RoleSlot::Imported(arn.into()));
        self
    }

    /// The rules of the EBS API for literal values; `None` when valid.
    pub(crate) fn problem(&self) -> Option<(&'static str, String)> {
        if self.size_gib.is_none() && self.snapshot_id.is_none() {
            return Some((
                "SizeInGiB",
                "a size is needed unless the volume starts from a snapshot".into(),
            ));
        }
        if let Some(g) = self.size_gib.filter(|g| !(1..=16384).contains(g)) {
            return Some(("SizeInGiB", format!("{g} GiB is outside 1..=16384")));
        }
        let t = self.volume_type.unwrap_or(EbsVolumeType::Gp3);
        if self.iops.is_some()
            && !matches!(
                t,
                EbsVolumeType::Gp3 | EbsVolumeType::Io1 | EbsVolumeType::Io2
            )
        {
            return Some((
                "Iops",
                format!("volume type {} takes no provisioned IOPS", t.as_str()),
            ));
        }
        if matches!(t, EbsVolumeType::Io1 | EbsVolumeType::Io2) && self.iops.is_none() {
            return Some((
                "Iops",
                format!("volume type {} needs provisioned IOPS", t.as_str()),
            ));
        }
        if self.throughput.is_some() && t != EbsVolumeType::Gp3 {
            return Some(("Throughput", "only gp3 volumes take a throughput".into()));
        }
        None
    }
}
