//! EBS volumes that a replica service attaches to each task at launch (rules S2, T25).

use super::launch::feature;
use super::task::RoleSlot;
use super::volume::Volume;
use crate::iam::Role;
use crate::template::Value;

/// The EBS volume type.
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
    pub fn size_gib(mut self, gib: u32) -> Self {
        self.size_gib = Some(gib);
        self
    }

    /// The volume type (gp3 by default).
    pub fn volume_type(mut self, volume_type: EbsVolumeType) -> Self {
        self.volume_type = Some(volume_type);
        self
    }

    /// Provisioned IOPS (gp3, io1, io2).
    pub fn iops(mut self, iops: u32) -> Self {
        self.iops = Some(iops);
        self
    }

    /// Throughput in MiB/s (gp3).
    pub fn throughput(mut self, mib_per_sec: u32) -> Self {
        self.throughput = Some(mib_per_sec);
        self
    }

    /// A KMS key for the volume's encryption (the account's EBS default key otherwise).
    pub fn kms_key(mut self, key_id: impl Into<Value<String>>) -> Self {
        self.kms_key_id = Some(key_id.into());
        self
    }

    /// Starts each volume from a snapshot.
    pub fn snapshot(mut self, snapshot_id: impl Into<Value<String>>) -> Self {
        self.snapshot_id = Some(snapshot_id.into());
        self
    }

    /// The infrastructure role ECS uses to create and attach the volumes.
    pub fn infrastructure_role(mut self, role: &Role) -> Self {
        self.role = Some(RoleSlot::Owned(role.clone()));
        self
    }

    /// An existing infrastructure role by ARN.
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
