//! Amazon EFS for ECS tasks: file systems encrypted by default with a mount target in every
//! zone of the tasks' subnets (rule E4) behind their own security group, access points that
//! create their root directory (rule E7), and the wiring of a mount: transit encryption with
//! IAM authorization (E1, E2), exactly `elasticfilesystem:ClientMount` / `ClientWrite`
//! (`ClientRootAccess` only when asked) for the task role, and TCP 2049 from the tasks'
//! security group (E5).
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::ec2::{SecurityGroup, SubnetKind, Vpc, VpcProps};
//! use ecs_dsl::efs::{AccessPointProps, EfsAccess, FileSystem, FileSystemProps, PosixIds};
//! use ecs_dsl::ecs::{TaskDefinition, Volume};
//! let mut app = App::new();
//! let stack = app.stack("data")?;
//! let vpc = Vpc::create(&stack, "Vpc", VpcProps::default())?;
//! let fs = FileSystem::new(&stack, "Files", &vpc, SubnetKind::Private, FileSystemProps::default())?;
//! let ap = fs.access_point("AppData", AccessPointProps::new("/app").owner(PosixIds::new(1000, 1000), "750")?)?;
//! let data = Volume::efs("data", ap.volume());
//! let task = TaskDefinition::fargate(&stack, "App", ecs_dsl::fargate!(cpu = 256, memory = 512))
//!     .volume(&data);
//! let c = task.new_container("app", ecs_dsl::image!("public.ecr.aws/docker/library/busybox:1.36"))
//!     .mount(&data, "/var/data");
//! let task = task.container(c).build()?;
//! let tasks_sg = SecurityGroup::new(&stack, "TasksSg", &vpc, "App tasks")?;
//! ap.mount(&task, &tasks_sg, EfsAccess::ReadWrite)?;
//! let t = app.synthesize()?.stacks[0].template_json();
//! assert_eq!(t["Resources"]["FilesSgFromTasksSgTcp2049"]["Properties"]["FromPort"], 2049);
//! assert_eq!(t["Resources"]["FilesMount2"]["Type"], "AWS::EFS::MountTarget");
//! # Ok::<(), ecs_dsl::Error>(())
//! ```

mod access_point;
mod file_system;

pub use access_point::{AccessPoint, AccessPointProps, PosixIds};
pub use file_system::{EfsAccess, FileSystem, FileSystemProps};
