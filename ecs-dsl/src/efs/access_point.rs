//! [`AccessPoint`]: an application-specific entry into a file system, with a POSIX identity
//! and a root directory that EFS creates with the given owner and permissions (rule E7).

use crate::cfn::efs::access_point as l1;
use crate::ec2::SecurityGroup;
use crate::ecs::{DefaultRoot, EfsVolume, TaskDefinition, TransitEncrypted, ViaAccessPoint};
use crate::error::{Error, Result};
use crate::template::{Handle, Value};

use super::file_system::{EfsAccess, FileSystem};

/// A POSIX user and group id.
///
/// ```
/// use ecs_dsl::efs::PosixIds;
/// let app = PosixIds { uid: 1000, gid: 1001 };
/// assert_eq!(app, PosixIds::new(1000, 1001));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PosixIds {
    /// The user id.
    pub uid: u32,
    /// The group id.
    pub gid: u32,
}

impl PosixIds {
    /// `uid`:`gid`.
    ///
    /// ```
    /// use ecs_dsl::efs::PosixIds;
    /// let ids = PosixIds::new(1000, 100);
    /// assert_eq!((ids.uid, ids.gid), (1000, 100));
    /// ```
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
    /// The root directory the access point exposes (an absolute path of at most 100
    /// characters, checked by [`FileSystem::access_point`]). Without
    /// [`owner`](Self::owner) the directory must exist already (rule E7).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{AccessPointProps, FileSystem, FileSystemProps};
    /// # let mut app = App::new();
    /// # let stack = app.stack("data")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// fs.access_point("Shared", AccessPointProps::new("/shared"))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let root = &t["Resources"]["Shared"]["Properties"]["RootDirectory"];
    /// assert_eq!(root["Path"], "/shared");
    /// assert!(root.get("CreationInfo").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{AccessPointProps, FileSystem, FileSystemProps, PosixIds};
    /// # let mut app = App::new();
    /// # let stack = app.stack("data")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// let props = AccessPointProps::new("/app").owner(PosixIds::new(1000, 1001), "750")?;
    /// fs.access_point("AppData", props)?;
    /// assert!(AccessPointProps::new("/app").owner(PosixIds::new(0, 0), "rwx").is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let info = &t["Resources"]["AppData"]["Properties"]["RootDirectory"]["CreationInfo"];
    /// assert_eq!((&info["OwnerUid"], &info["OwnerGid"], &info["Permissions"]), (&"1000".into(), &"1001".into(), &"750".into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{AccessPointProps, FileSystem, FileSystemProps, PosixIds};
    /// # let mut app = App::new();
    /// # let stack = app.stack("data")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// fs.access_point("AppData", AccessPointProps::new("/app").enforce_user(PosixIds::new(1000, 1000)))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let user = &t["Resources"]["AppData"]["Properties"]["PosixUser"];
    /// assert_eq!((&user["Uid"], &user["Gid"]), (&"1000".into(), &"1000".into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn enforce_user(mut self, user: PosixIds) -> Self {
        self.user = Some(user);
        self
    }
}

/// An access point of a [`FileSystem`], made by [`FileSystem::access_point`].
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
/// use ecs_dsl::efs::{AccessPointProps, FileSystem, FileSystemProps, PosixIds};
/// let mut app = App::new();
/// let stack = app.stack("data")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
/// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
/// let ap = fs.access_point("AppData", AccessPointProps::new("/app").owner(PosixIds::new(1000, 1000), "750")?)?;
/// let t = app.synthesize()?.stacks[0].template_json();
/// assert_eq!(t["Resources"]["AppData"]["Type"], "AWS::EFS::AccessPoint");
/// # let _ = ap;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
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
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{AccessPointProps, FileSystem, FileSystemProps};
    /// # let mut app = App::new();
    /// # let stack = app.stack("data")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// # let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// let ap = fs.access_point("AppData", AccessPointProps::new("/app"))?;
    /// stack.add_output("AccessPointId", Output::new(ap.id()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["AccessPointId"]["Value"]["Fn::GetAtt"], serde_json::json!(["AppData", "AccessPointId"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn id(&self) -> Value<String> {
        self.handle.attr_access_point_id()
    }

    /// The access point ARN.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{AccessPointProps, FileSystem, FileSystemProps};
    /// # let mut app = App::new();
    /// # let stack = app.stack("data")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// # let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// let ap = fs.access_point("AppData", AccessPointProps::new("/app"))?;
    /// stack.add_output("AccessPointArn", Output::new(ap.arn()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["AccessPointArn"]["Value"]["Fn::GetAtt"], serde_json::json!(["AppData", "Arn"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.handle.attr_arn()
    }

    /// The task volume through this access point: transit encryption and IAM authorization on
    /// (rules E1, E2).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::ecs::{TaskDefinition, Volume};
    /// use ecs_dsl::efs::{AccessPointProps, FileSystem, FileSystemProps};
    /// # let mut app = App::new();
    /// # let stack = app.stack("data")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// # let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// let ap = fs.access_point("AppData", AccessPointProps::new("/app"))?;
    /// let data = Volume::efs("data", ap.volume());
    /// let task = TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 256, memory = 512)).volume(&data);
    /// let c = task.new_container("app", ecs_dsl::image!("busybox:1.36")).mount(&data, "/data");
    /// task.container(c).build()?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let efs = &t["Resources"]["App"]["Properties"]["Volumes"][0]["EFSVolumeConfiguration"];
    /// assert_eq!(efs["AuthorizationConfig"]["AccessPointId"]["Fn::GetAtt"][0], "AppData");
    /// assert_eq!(efs["TransitEncryption"], "ENABLED");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn volume(&self) -> EfsVolume<TransitEncrypted, ViaAccessPoint> {
        let v: EfsVolume<TransitEncrypted, DefaultRoot> = self.file_system.volume();
        v.access_point(self.id())
    }

    /// The wiring of a mount through this access point, in one call: grants the task role
    /// exactly the actions of `access` on the file system, only through this access point,
    /// and opens TCP 2049 from `tasks` to the mount targets (rule E5). The task's volume is
    /// `Volume::efs(name, access_point.volume())`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SecurityGroup, SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::ecs::{TaskDefinition, Volume};
    /// use ecs_dsl::efs::{AccessPointProps, EfsAccess, FileSystem, FileSystemProps};
    /// # let mut app = App::new();
    /// # let stack = app.stack("data")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// # let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// let ap = fs.access_point("AppData", AccessPointProps::new("/app"))?;
    /// let data = Volume::efs("data", ap.volume());
    /// let task = TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 256, memory = 512)).volume(&data);
    /// let c = task.new_container("app", ecs_dsl::image!("busybox:1.36")).mount(&data, "/data");
    /// let task = task.container(c).build()?;
    /// let sg = SecurityGroup::new(&stack, "AppSg", &vpc, "App tasks")?;
    /// ap.mount(&task, &sg, EfsAccess::ReadWriteAsRoot)?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let text = t.to_string();
    /// assert!(text.contains("elasticfilesystem:ClientRootAccess"));
    /// assert!(text.contains("elasticfilesystem:AccessPointArn"));
    /// assert_eq!(t["Resources"]["FilesSgFromAppSgTcp2049"]["Properties"]["FromPort"], 2049);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
