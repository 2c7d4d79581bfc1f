//! [`AccessPoint`]: an application-specific entry into a file system, with a POSIX identity
//! and a root directory that EFS creates with the given owner and permissions (rule E7).

use crate::cfn::efs::access_point as l1;
use crate::ec2::SecurityGroup;
use crate::ecs::{DefaultRoot, EfsVolume, TaskDefinition, TransitEncrypted, ViaAccessPoint};
use crate::error::{Error, Result};
use crate::template::{Handle, Value};

use super::file_system::{EfsAccess, FileSystem};

/// A POSIX user and group id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PosixIds {
    /// The user id.
    pub uid: u32,
    /// The group id.
    pub gid: u32,
}

impl PosixIds {
    /// `uid`:`gid`.
    pub fn new(uid: u32, gid: u32) -> Self {
        PosixIds { uid, gid }
    }
}

/// What an access point enforces: the root directory (created when missing only if an owner
/// and permissions are given, rule E7) and, optionally, the POSIX identity of every request.
///
/// ```
/// use ecs_dsl::efs::{AccessPointProps, PosixIds};
/// let props = AccessPointProps::new("/app")
///     .owner(PosixIds::new(1000, 1000), "750")?
///     .enforce_user(PosixIds::new(1000, 1000));
/// assert!(AccessPointProps::new("/app").owner(PosixIds::new(1, 1), "0999").is_err());
/// assert!(AccessPointProps::new("/app").owner(PosixIds::new(1, 1), "7777").is_ok());
/// # let _ = props;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessPointProps {
    path: String,
    creation: Option<(PosixIds, String)>,
    user: Option<PosixIds>,
}

impl AccessPointProps {
    /// The root directory the access point exposes (an absolute path).
    pub fn new(path: impl Into<String>) -> Self {
        AccessPointProps {
            path: path.into(),
            creation: None,
            user: None,
        }
    }

    /// Creates the root directory, when missing, owned by `owner` with octal `permissions`
    /// (3 or 4 octal digits, e.g. `750`). Without this EFS does not create it and mounts of a
    /// missing directory fail (rule E7).
    pub fn owner(mut self, owner: PosixIds, permissions: &str) -> Result<Self> {
        let octal = permissions.bytes().all(|b| (b'0'..=b'7').contains(&b));
        if !octal || !(3..=4).contains(&permissions.len()) {
            return Err(Error::rule(
                "(access point)",
                &self.path,
                "RootDirectory.CreationInfo.Permissions",
                "E7",
                format!("`{permissions}`: permissions are 3 or 4 octal digits, e.g. 750"),
            ));
        }
        self.creation = Some((owner, permissions.to_owned()));
        Ok(self)
    }

    /// Every request through the access point acts as this user and group.
    pub fn enforce_user(mut self, user: PosixIds) -> Self {
        self.user = Some(user);
        self
    }
}

/// An access point of a [`FileSystem`].
#[derive(Debug, Clone)]
pub struct AccessPoint {
    handle: Handle<l1::AccessPoint>,
    file_system: FileSystem,
}

impl AccessPoint {
    pub(crate) fn new(fs: &FileSystem, id: &str, props: AccessPointProps) -> Result<Self> {
        let stack = fs.stack.name();
        if !props.path.starts_with('/') || props.path.len() > 100 {
            return Err(Error::invalid_value(
                stack,
                id,
                "RootDirectory.Path",
                format!(
                    "`{}`: an absolute path of at most 100 characters",
                    props.path
                ),
            ));
        }
        let mut root = l1::RootDirectory::new().path(props.path.as_str());
        if let Some((owner, permissions)) = &props.creation {
            root = root.creation_info(l1::CreationInfo::new(
                owner.gid.to_string(),
                owner.uid.to_string(),
                permissions.as_str(),
            ));
        }
        let mut ap = l1::AccessPoint::new(fs.id()).root_directory(root);
        if let Some(user) = props.user {
            ap = ap.posix_user(l1::PosixUser::new(
                user.gid.to_string(),
                user.uid.to_string(),
            ));
        }
        let handle = fs.stack.add(id, ap)?;
        Ok(AccessPoint {
            handle,
            file_system: fs.clone(),
        })
    }

    /// The access point id (`fsap-...`).
    pub fn id(&self) -> Value<String> {
        self.handle.attr_access_point_id()
    }

    /// The access point ARN.
    pub fn arn(&self) -> Value<String> {
        self.handle.attr_arn()
    }

    /// The task volume through this access point: transit encryption and IAM authorization on
    /// (rules E1, E2).
    pub fn volume(&self) -> EfsVolume<TransitEncrypted, ViaAccessPoint> {
        let v: EfsVolume<TransitEncrypted, DefaultRoot> = self.file_system.volume();
        v.access_point(self.id())
    }

    /// The wiring of a mount through this access point, in one call: grants the task role
    /// exactly the actions of `access` on the file system, only through this access point,
    /// and opens TCP 2049 from `tasks` to the mount targets (rule E5). The task's volume is
    /// `Volume::efs(name, access_point.volume())`.
    pub fn mount<L: crate::ecs::LaunchType, N: crate::ecs::NetworkMode>(
        &self,
        task: &TaskDefinition<L, N>,
        tasks: &SecurityGroup,
        access: EfsAccess,
    ) -> Result<()> {
        self.file_system.grant(task, access, Some(self.arn()))?;
        task.shared
            .add_mount_targets(self.file_system.mount_targets())?;
        self.file_system.allow_from(tasks)
    }
}
