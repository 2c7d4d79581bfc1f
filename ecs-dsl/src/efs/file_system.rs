//! [`FileSystem`]: an EFS file system with its mount targets and security group.

use crate::cfn::efs::file_system as l1;
use crate::cfn::efs::mount_target::MountTarget;
use crate::ec2::{Port, SecurityGroup, SubnetKind, Vpc};
use crate::ecs::TaskDefinition;
use crate::error::{Error, Result};
use crate::iam::PolicyStatement;
use crate::template::{Handle, Stack, Value};

use super::access_point::{AccessPoint, AccessPointProps};

/// How a task uses a file system: the `elasticfilesystem:Client*` actions its task role gets
/// (see [IAM for EFS](https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html)).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{SecurityGroup, SubnetKind, Vpc, VpcProps};
/// use ecs_dsl::ecs::{TaskDefinition, Volume};
/// use ecs_dsl::efs::{EfsAccess, FileSystem, FileSystemProps};
/// let mut app = App::new();
/// let stack = app.stack("data")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
/// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
/// let data = Volume::efs("data", fs.volume());
/// let task = TaskDefinition::fargate(&stack, "Reader", ecs_dsl::fargate!(cpu = 256, memory = 512)).volume(&data);
/// let c = task.new_container("reader", ecs_dsl::image!("busybox:1.36")).mount(&data, "/data");
/// let task = task.container(c).build()?;
/// let sg = SecurityGroup::new(&stack, "ReaderSg", &vpc, "Reader tasks")?;
/// fs.mount(&task, &sg, EfsAccess::ReadOnly)?;
/// let text = app.synthesize()?.stacks[0].template_json().to_string();
/// assert!(text.contains("elasticfilesystem:ClientMount"));
/// assert!(!text.contains("elasticfilesystem:ClientWrite"));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EfsAccess {
    /// `ClientMount` only.
    ReadOnly,
    /// `ClientMount` and `ClientWrite`.
    ReadWrite,
    /// `ClientMount`, `ClientWrite` and `ClientRootAccess` (root squashing off).
    ReadWriteAsRoot,
}

impl EfsAccess {
    fn actions(self) -> &'static [&'static str] {
        match self {
            EfsAccess::ReadOnly => &["elasticfilesystem:ClientMount"],
            EfsAccess::ReadWrite => &[
                "elasticfilesystem:ClientMount",
                "elasticfilesystem:ClientWrite",
            ],
            EfsAccess::ReadWriteAsRoot => &[
                "elasticfilesystem:ClientMount",
                "elasticfilesystem:ClientRootAccess",
                "elasticfilesystem:ClientWrite",
            ],
        }
    }
}

/// Settings of a new file system. The default is encrypted at rest with the AWS managed key,
/// general purpose, elastic throughput, automatic backups on, files moved to Infrequent
/// Access after 30 days.
///
/// ```
/// use ecs_dsl::efs::FileSystemProps;
/// let props = FileSystemProps::default().kms_key("arn:aws:kms:eu-west-1:123456789012:key/abcd").without_backups();
/// assert_ne!(props, FileSystemProps::default());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FileSystemProps {
    kms_key: Option<Value<String>>,
    max_io: bool,
    provisioned_mibps: Option<f64>,
    backups: bool,
    ia_after_30_days: bool,
    retain: bool,
}

impl Default for FileSystemProps {
    fn default() -> Self {
        FileSystemProps {
            kms_key: None,
            max_io: false,
            provisioned_mibps: None,
            backups: true,
            ia_after_30_days: true,
            retain: true,
        }
    }
}

impl FileSystemProps {
    /// Encrypts with this KMS key instead of the AWS managed one.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let key = "arn:aws:kms:eu-west-1:123456789012:key/abcd";
    /// FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default().kms_key(key))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Files"]["Properties"];
    /// assert_eq!((&p["Encrypted"], &p["KmsKeyId"]), (&true.into(), &key.into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn kms_key(mut self, key: impl Into<Value<String>>) -> Self {
        self.kms_key = Some(key.into());
        self
    }

    /// Max I/O performance mode (higher latency, more parallel clients); see
    /// [performance modes](https://docs.aws.amazon.com/efs/latest/ug/performance.html).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default().max_io())?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Files"]["Properties"]["PerformanceMode"], "maxIO");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn max_io(mut self) -> Self {
        self.max_io = true;
        self
    }

    /// Provisioned throughput in MiB/s (1 to 3414) instead of elastic, checked by
    /// [`FileSystem::new`].
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let props = |mibps| FileSystemProps::default().provisioned_throughput(mibps);
    /// FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, props(128.0))?;
    /// assert!(FileSystem::new(&stack, "Huge", &vpc, SubnetKind::Private, props(5000.0)).is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Files"]["Properties"];
    /// assert_eq!((&p["ThroughputMode"], &p["ProvisionedThroughputInMibps"]), (&"provisioned".into(), &128.into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn provisioned_throughput(mut self, mibps: f64) -> Self {
        self.provisioned_mibps = Some(mibps);
        self
    }

    /// Turns automatic backups off.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default().without_backups())?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Files"]["Properties"]["BackupPolicy"]["Status"], "DISABLED");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn without_backups(mut self) -> Self {
        self.backups = false;
        self
    }

    /// Keeps every file in the Standard storage class (no lifecycle policies).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// FileSystem::new(&stack, "Hot", &vpc, SubnetKind::Private, FileSystemProps::default().without_lifecycle())?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Files"]["Properties"]["LifecyclePolicies"][0]["TransitionToIA"], "AFTER_30_DAYS");
    /// assert!(t["Resources"]["Hot"]["Properties"].get("LifecyclePolicies").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn without_lifecycle(mut self) -> Self {
        self.ia_after_30_days = false;
        self
    }

    /// Deletes the file system with the stack (default: retained, it holds data).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// FileSystem::new(&stack, "Scratch", &vpc, SubnetKind::Private, FileSystemProps::default().delete_with_stack())?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["Files"]["DeletionPolicy"], "Retain");
    /// assert!(t["Resources"]["Scratch"].get("DeletionPolicy").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn delete_with_stack(mut self) -> Self {
        self.retain = false;
        self
    }
}

/// An EFS file system with one mount target per zone of the chosen subnets and a security
/// group for them.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::assertions::Template;
/// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
/// use ecs_dsl::efs::{FileSystem, FileSystemProps};
/// let mut app = App::new();
/// let stack = app.stack("data")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().max_azs(3))?;
/// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
/// assert_eq!(fs.mount_targets().len(), 3);
/// Template::from_app(&app, "data")?.resource_count_is("AWS::EFS::MountTarget", 3);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct FileSystem {
    pub(crate) handle: Handle<l1::FileSystem>,
    pub(crate) stack: Stack,
    security_group: SecurityGroup,
    mount_targets: Vec<Handle<MountTarget>>,
}

impl FileSystem {
    /// Creates the file system in `stack`, its security group `<id>Sg` (no inbound rules
    /// until a mount opens TCP 2049), and a mount target `<id>Mount<n>` in each subnet of
    /// `kind`. The subnets' zones must be known and distinct (rule E4: one mount target per
    /// zone).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{Subnet, SubnetKind, Vpc};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16").private_subnets([
    ///     Subnet::new("subnet-a", "eu-west-1a"),
    ///     Subnet::new("subnet-b", "eu-west-1b"),
    /// ]);
    /// FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// let same_zone = Vpc::from_attributes("vpc-1", "10.0.0.0/16").private_subnets([
    ///     Subnet::new("subnet-a", "eu-west-1a"),
    ///     Subnet::new("subnet-c", "eu-west-1a"),
    /// ]);
    /// let err = FileSystem::new(&stack, "Bad", &same_zone, SubnetKind::Private, FileSystemProps::default());
    /// assert!(err.unwrap_err().to_string().contains("rule E4"));
    /// let chosen = Vpc::from_parameters(&stack, "Vpc")?; // zones unknown
    /// assert!(FileSystem::new(&stack, "Bad2", &chosen, SubnetKind::Private, FileSystemProps::default()).is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["FilesMount2"]["Properties"]["SubnetId"], "subnet-b");
    /// assert_eq!(t["Resources"]["FilesMount2"]["Properties"]["SecurityGroups"][0]["Fn::GetAtt"][0], "FilesSg");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(
        stack: &Stack,
        id: &str,
        vpc: &Vpc,
        kind: SubnetKind,
        props: FileSystemProps,
    ) -> Result<Self> {
        let subnets = vpc.subnets(kind).ok_or_else(|| {
            Error::rule(
                stack.name(),
                id,
                "subnets",
                "E4",
                "the VPC's subnets come as one list parameter whose zones are unknown; give the subnets with their zones (Vpc::from_attributes) so that each zone gets exactly one mount target",
            )
        })?;
        if subnets.is_empty() {
            return Err(Error::rule(
                stack.name(),
                id,
                "subnets",
                "E4",
                "the VPC has no subnets of this kind: tasks could not reach the file system",
            ));
        }
        for (i, subnet) in subnets.iter().enumerate() {
            let Some(zone) = &subnet.availability_zone else {
                return Err(Error::rule(
                    stack.name(),
                    id,
                    "subnets",
                    "E4",
                    format!("subnet {} has no known Availability Zone", i + 1),
                ));
            };
            if let Some(first) = subnets[..i]
                .iter()
                .position(|s| s.availability_zone.as_ref() == Some(zone))
            {
                let zone = match zone {
                    Value::Literal(z) => z.clone(),
                    Value::Expr(_) => "(the same zone expression)".to_owned(),
                };
                return Err(Error::rule(
                    stack.name(),
                    id,
                    "subnets",
                    "E4",
                    format!(
                        "subnets {} and {} are both in {zone}: a file system has one mount target per Availability Zone",
                        first + 1,
                        i + 1
                    ),
                ));
            }
        }
        if let Some(mibps) = props.provisioned_mibps
            && !(1.0..=3414.0).contains(&mibps)
        {
            return Err(Error::invalid_value(
                stack.name(),
                id,
                "ProvisionedThroughputInMibps",
                format!("{mibps} MiB/s: provisioned throughput is 1 to 3414 MiB/s"),
            ));
        }
        let mut fs = l1::FileSystem::new()
            .encrypted(true)
            .performance_mode(if props.max_io {
                l1::FileSystemPerformanceMode::MaxIo
            } else {
                l1::FileSystemPerformanceMode::GeneralPurpose
            })
            .backup_policy(l1::BackupPolicy::new(if props.backups {
                l1::BackupPolicyStatus::Enabled
            } else {
                l1::BackupPolicyStatus::Disabled
            }));
        fs = match props.provisioned_mibps {
            Some(mibps) => fs
                .throughput_mode(l1::FileSystemThroughputMode::Provisioned)
                .provisioned_throughput_in_mibps(mibps),
            None => fs.throughput_mode(l1::FileSystemThroughputMode::Elastic),
        };
        if let Some(key) = props.kms_key {
            fs = fs.kms_key_id(key);
        }
        if props.ia_after_30_days {
            fs = fs.lifecycle_policies(vec![
                l1::LifecyclePolicy::new()
                    .transition_to_ia(l1::LifecyclePolicyTransitionToIa::After30Days),
                l1::LifecyclePolicy::new().transition_to_primary_storage_class(
                    l1::LifecyclePolicyTransitionToPrimaryStorageClass::After1Access,
                ),
            ]);
        }
        let handle = stack.add(id, fs)?;
        if props.retain {
            handle.set_deletion_policy(crate::template::RemovalPolicy::Retain)?;
            handle.set_update_replace_policy(crate::template::RemovalPolicy::Retain)?;
        }
        let security_group = SecurityGroup::new(
            stack,
            &format!("{id}Sg"),
            vpc,
            &format!("EFS mount targets of {id}"),
        )?;
        let mut mount_targets = Vec::with_capacity(subnets.len());
        for (i, subnet) in subnets.iter().enumerate() {
            mount_targets.push(stack.add(
                &format!("{id}Mount{}", i + 1),
                MountTarget::new(
                    handle.reference(),
                    Value::Literal(vec![security_group.id()]),
                    subnet.id.clone(),
                ),
            )?);
        }
        Ok(FileSystem {
            handle,
            stack: stack.clone(),
            security_group,
            mount_targets,
        })
    }

    /// The file system id (`fs-...`).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// stack.add_output("FileSystemId", Output::new(fs.id()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["FileSystemId"]["Value"]["Ref"], "Files");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn id(&self) -> Value<String> {
        self.handle.reference()
    }

    /// The file system ARN.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// stack.add_output("FileSystemArn", Output::new(fs.arn()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["FileSystemArn"]["Value"]["Fn::GetAtt"], serde_json::json!(["Files", "Arn"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.handle.attr_arn()
    }

    /// The mount targets' security group (`<id>Sg`).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// assert_eq!(fs.security_group().name(), "FilesSg");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn security_group(&self) -> &SecurityGroup {
        &self.security_group
    }

    /// Adds an access point `id` (see [`AccessPointProps`]); its root path must be absolute,
    /// at most 100 characters.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{AccessPointProps, FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// fs.access_point("Uploads", AccessPointProps::new("/uploads"))?;
    /// assert!(fs.access_point("Relative", AccessPointProps::new("uploads")).is_err());
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["Uploads"]["Properties"];
    /// assert_eq!(p["FileSystemId"]["Ref"], "Files");
    /// assert_eq!(p["RootDirectory"]["Path"], "/uploads");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn access_point(&self, id: &str, props: AccessPointProps) -> Result<AccessPoint> {
        AccessPoint::new(self, id, props)
    }

    /// Opens TCP 2049 on the mount targets from the tasks' security group (rule E5). The rule
    /// goes in the later of the two stacks.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SecurityGroup, SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let data = app.stack("data")?;
    /// let vpc = Vpc::create(&data, "Vpc", VpcProps::default())?;
    /// let fs = FileSystem::new(&data, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// let web = app.stack("web")?;
    /// let tasks = SecurityGroup::new(&web, "TasksSg", &vpc, "Web tasks")?;
    /// fs.allow_from(&tasks)?;
    /// let assembly = app.synthesize()?;
    /// let t = assembly.stack("web").unwrap().template_json();
    /// let p = &t["Resources"]["FilesSgFromTasksSgTcp2049"]["Properties"];
    /// assert_eq!((&p["FromPort"], &p["ToPort"]), (&2049.into(), &2049.into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn allow_from(&self, tasks: &SecurityGroup) -> Result<()> {
        self.security_group.allow_from(
            tasks,
            Port::tcp(2049),
            &format!("NFS from {} to EFS", tasks.name()),
        )
    }

    /// Grants the task role the `access` actions on this file system, limited to the access
    /// point when one is given (`elasticfilesystem:AccessPointArn` condition).
    pub(crate) fn grant<L: crate::ecs::LaunchType, N: crate::ecs::NetworkMode>(
        &self,
        task: &TaskDefinition<L, N>,
        access: EfsAccess,
        access_point_arn: Option<Value<String>>,
    ) -> Result<()> {
        let mut statement = PolicyStatement::allow()
            .actions(access.actions().iter().copied())
            .resource(self.arn());
        if let Some(arn) = access_point_arn {
            statement =
                statement.condition("StringEquals", "elasticfilesystem:AccessPointArn", arn);
        }
        task.grant(statement)
    }

    /// Mounting without an access point: grants `access` to the task role and opens TCP 2049
    /// from `tasks` (E5). The task's volume must be `Volume::efs(name, fs.volume())`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SecurityGroup, SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::ecs::{TaskDefinition, Volume};
    /// use ecs_dsl::efs::{EfsAccess, FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// let data = Volume::efs("data", fs.volume());
    /// let task = TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 256, memory = 512)).volume(&data);
    /// let c = task.new_container("app", ecs_dsl::image!("busybox:1.36")).mount(&data, "/data");
    /// let task = task.container(c).build()?;
    /// let sg = SecurityGroup::new(&stack, "AppSg", &vpc, "App tasks")?;
    /// fs.mount(&task, &sg, EfsAccess::ReadWrite)?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["FilesSgFromAppSgTcp2049"]["Properties"]["FromPort"], 2049);
    /// assert!(t.to_string().contains("elasticfilesystem:ClientWrite"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn mount<L: crate::ecs::LaunchType, N: crate::ecs::NetworkMode>(
        &self,
        task: &TaskDefinition<L, N>,
        tasks: &SecurityGroup,
        access: EfsAccess,
    ) -> Result<()> {
        self.grant(task, access, None)?;
        task.shared.add_mount_targets(&self.mount_targets)?;
        self.allow_from(tasks)
    }

    /// The mount targets, one per zone (rule E4). Services that mount the file system through
    /// [`mount`](Self::mount) or an access point wait for them (`DependsOn`).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// let ids: Vec<&str> = fs.mount_targets().iter().map(|m| m.logical_id()).collect();
    /// assert_eq!(ids, ["FilesMount1", "FilesMount2"]);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn mount_targets(&self) -> &[Handle<MountTarget>] {
        &self.mount_targets
    }

    /// The task volume for this file system: transit encryption and IAM authorization on
    /// (rules E1, E2), mounting the root.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::ec2::{SubnetKind, Vpc, VpcProps};
    /// use ecs_dsl::ecs::{TaskDefinition, Volume};
    /// use ecs_dsl::efs::{FileSystem, FileSystemProps};
    /// let mut app = App::new();
    /// let stack = app.stack("data")?;
    /// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
    /// let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
    /// let data = Volume::efs("data", fs.volume());
    /// let task = TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 256, memory = 512)).volume(&data);
    /// let c = task.new_container("app", ecs_dsl::image!("busybox:1.36")).mount(&data, "/data");
    /// task.container(c).build()?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let efs = &t["Resources"]["App"]["Properties"]["Volumes"][0]["EFSVolumeConfiguration"];
    /// assert_eq!(efs["FilesystemId"]["Ref"], "Files");
    /// assert_eq!((&efs["TransitEncryption"], &efs["AuthorizationConfig"]["IAM"]), (&"ENABLED".into(), &"ENABLED".into()));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn volume(
        &self,
    ) -> crate::ecs::EfsVolume<crate::ecs::TransitEncrypted, crate::ecs::DefaultRoot> {
        crate::ecs::EfsVolume::new(self.id())
            .transit_encryption()
            .iam_authorization()
    }
}
