//! Task sizes as types, so that container limits given as literals are checked against the task
//! size at compile time (rule T13), and a Fargate task cannot be built without a size.
//!
//! [`fargate!`](crate::fargate) returns a [`KnownSize`] that carries its CPU and memory in its
//! type; [`FargateSize`] is the same size known only at run time; [`NoSize`] is an EC2 or
//! External task without task-level limits.
//!
//! Container limits take a plain `u32` (checked when the task definition is built) or a
//! [`Mib`] / [`CpuUnits`] constant, which is checked against a [`KnownSize`] when the program is
//! compiled (`cargo build`; `cargo check` does not evaluate it):
//!
//! ```compile_fail
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::ecs::{Mib, TaskDefinition};
//! let mut app = App::new();
//! let stack = app.stack("web")?;
//! let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
//! // container memory limit is above the task memory (rule T13)
//! let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(Mib::<1024>);
//! # Ok::<(), ecs_dsl::Error>(())
//! ```

use super::fargate_size::FargateSize;
use super::launch::{Ec2, Ec2Windows, External, LaunchType};

/// A Fargate size whose CPU units and MiB are part of its type; made by
/// [`fargate!`](crate::fargate), which checked it against rule F-SIZE.
///
/// ```
/// let size = ecs_dsl::fargate!(cpu = 2048, memory = 4096);
/// assert_eq!((size.cpu_units(), size.memory_mib()), (2048, 4096));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KnownSize<const CPU: u32, const MEMORY: u32>(());

impl<const CPU: u32, const MEMORY: u32> KnownSize<CPU, MEMORY> {
    /// Used by [`fargate!`](crate::fargate) after it checked the literals; not for direct use.
    #[doc(hidden)]
    pub const fn __checked() -> Self {
        KnownSize(())
    }

    /// CPU units (1024 = 1 vCPU).
    ///
    /// ```
    /// let size = ecs_dsl::fargate!(cpu = 1024, memory = 2048);
    /// assert_eq!(size.cpu_units(), 1024);
    /// ```
    pub const fn cpu_units(self) -> u32 {
        CPU
    }

    /// Memory in MiB.
    ///
    /// ```
    /// let size = ecs_dsl::fargate!(cpu = 1024, memory = 2048);
    /// assert_eq!(size.memory_mib(), 2048);
    /// ```
    pub const fn memory_mib(self) -> u32 {
        MEMORY
    }

    /// The same size as a run-time value.
    ///
    /// ```
    /// use ecs_dsl::ecs::FargateSize;
    /// let size: FargateSize = ecs_dsl::fargate!(cpu = 512, memory = 1024).size();
    /// assert_eq!(size, FargateSize::new(512, 1024)?);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub const fn size(self) -> FargateSize {
        FargateSize::__checked(CPU, MEMORY)
    }

    /// Whether Windows tasks can use this size (1, 2 or 4 vCPU).
    ///
    /// ```
    /// assert!(ecs_dsl::fargate!(cpu = 1024, memory = 2048).supports_windows());
    /// assert!(!ecs_dsl::fargate!(cpu = 256, memory = 512).supports_windows());
    /// ```
    pub fn supports_windows(self) -> bool {
        self.size().supports_windows()
    }
}

impl<const CPU: u32, const MEMORY: u32> From<KnownSize<CPU, MEMORY>> for FargateSize {
    fn from(size: KnownSize<CPU, MEMORY>) -> FargateSize {
        size.size()
    }
}

/// No task-level CPU or memory (EC2 and External tasks may leave them out; rule T12 then
/// requires a memory limit or reservation on every container).
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// let task: TaskDefinitionBuilder<Ec2, Bridge, NoSize> = TaskDefinition::ec2(&stack, "Web", Bridge);
/// // rule T12: without a task size every container needs a memory limit or reservation
/// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
/// assert!(task.container(web).build().is_err());
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoSize;

/// A task size: [`KnownSize`], [`FargateSize`] or [`NoSize`].
///
/// ```
/// use ecs_dsl::ecs::{FargateSize, NoSize, TaskSize};
/// assert_eq!(ecs_dsl::fargate!(cpu = 256, memory = 512).fargate_size(), Some(FargateSize::new(256, 512)?));
/// assert_eq!(NoSize.fargate_size(), None);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub trait TaskSize: Copy + 'static {
    /// The size, if there is one.
    ///
    /// ```
    /// use ecs_dsl::ecs::{NoSize, TaskSize};
    /// assert_eq!(ecs_dsl::fargate!(cpu = 512, memory = 1024).fargate_size().map(|s| s.cpu_units()), Some(512));
    /// assert!(NoSize.fargate_size().is_none());
    /// ```
    fn fargate_size(&self) -> Option<FargateSize>;
}

impl<const CPU: u32, const MEMORY: u32> TaskSize for KnownSize<CPU, MEMORY> {
    fn fargate_size(&self) -> Option<FargateSize> {
        Some(self.size())
    }
}

impl TaskSize for FargateSize {
    fn fargate_size(&self) -> Option<FargateSize> {
        Some(*self)
    }
}

impl TaskSize for NoSize {
    fn fargate_size(&self) -> Option<FargateSize> {
        None
    }
}

/// Which sizes a launch type accepts: Fargate needs one (rule F-SIZE).
#[diagnostic::on_unimplemented(
    message = "a `{L}` task definition needs a size: `.size(fargate!(cpu = .., memory = ..))` (rule F-SIZE)",
    label = "this task definition has no size"
)]
/// ```
/// use ecs_dsl::ecs::{Ec2, Fargate, FargateSize, NoSize, SizeFor};
/// fn buildable<S: SizeFor<L>, L: ecs_dsl::ecs::LaunchType>() {}
/// buildable::<FargateSize, Fargate>();
/// buildable::<NoSize, Ec2>();
/// ```
///
/// ```compile_fail,E0277
/// use ecs_dsl::ecs::{Fargate, NoSize, SizeFor};
/// fn buildable<S: SizeFor<L>, L: ecs_dsl::ecs::LaunchType>() {}
/// buildable::<NoSize, Fargate>(); // a Fargate task needs a size (rule F-SIZE)
/// ```
pub trait SizeFor<L: LaunchType>: TaskSize {}

impl<L: LaunchType, const CPU: u32, const MEMORY: u32> SizeFor<L> for KnownSize<CPU, MEMORY> {}
impl<L: LaunchType> SizeFor<L> for FargateSize {}
impl SizeFor<Ec2> for NoSize {}
impl SizeFor<Ec2Windows> for NoSize {}
impl SizeFor<External> for NoSize {}

/// A memory amount in MiB fixed at compile time, for container limits that are checked against
/// a [`KnownSize`] task when the program is built (rule T13).
///
/// ```
/// use ecs_dsl::ecs::Mib;
/// let limit = Mib::<512>;
/// # use ecs_dsl::ecs::{MemoryAmount, NoSize};
/// assert_eq!(MemoryAmount::<NoSize>::mib(limit), 512);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mib<const N: u32>;

/// CPU units (1024 = 1 vCPU) fixed at compile time; see [`Mib`].
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// // checked against the task's 256 CPU units when the program is compiled (rule T13)
/// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).cpu(CpuUnits::<128>);
/// # task.container(web).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
/// assert_eq!(c["Cpu"], 128);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CpuUnits<const N: u32>;

/// A container memory amount for a task of size `S`: a `u32` (checked when the task definition
/// is built) or a [`Mib`] (checked at compile time against a [`KnownSize`]).
///
/// ```
/// use ecs_dsl::ecs::{Mib, MemoryAmount, NoSize};
/// assert_eq!(MemoryAmount::<NoSize>::mib(512_u32), 512);
/// assert_eq!(MemoryAmount::<NoSize>::mib(Mib::<256>), 256);
/// ```
pub trait MemoryAmount<S>: Copy {
    /// Evaluating it fails the build when the amount cannot fit the task (rule T13).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// // `Mib::<1024>::FITS` fails for this 512 MiB task when the program is compiled (rule T13)
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).memory_limit(Mib::<512>);
    /// # let _ = web;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    const FITS: ();
    /// The amount in MiB.
    ///
    /// ```
    /// use ecs_dsl::ecs::{MemoryAmount, Mib, NoSize};
    /// assert_eq!(<Mib<768> as MemoryAmount<NoSize>>::mib(Mib::<768>), 768);
    /// ```
    fn mib(self) -> u32;
}

/// A container CPU amount for a task of size `S`; see [`MemoryAmount`].
///
/// ```
/// use ecs_dsl::ecs::{CpuAmount, CpuUnits, FargateSize};
/// assert_eq!(CpuAmount::<FargateSize>::units(CpuUnits::<512>), 512);
/// ```
pub trait CpuAmount<S>: Copy {
    /// Evaluating it fails the build when the amount cannot fit the task (rule T13).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// // `CpuUnits::<512>::FITS` fails for this 256-unit task when the program is compiled (rule T13)
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).cpu(CpuUnits::<256>);
    /// # let _ = web;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    const FITS: ();
    /// The amount in CPU units.
    ///
    /// ```
    /// use ecs_dsl::ecs::{CpuAmount, NoSize};
    /// assert_eq!(<u32 as CpuAmount<NoSize>>::units(384), 384);
    /// ```
    fn units(self) -> u32;
}

impl<S> MemoryAmount<S> for u32 {
    const FITS: () = ();
    fn mib(self) -> u32 {
        self
    }
}

impl<S> CpuAmount<S> for u32 {
    const FITS: () = ();
    fn units(self) -> u32 {
        self
    }
}

impl<const N: u32, const CPU: u32, const MEMORY: u32> MemoryAmount<KnownSize<CPU, MEMORY>>
    for Mib<N>
{
    const FITS: () = assert!(
        N <= MEMORY,
        "container memory is above the task memory (rule T13)"
    );
    fn mib(self) -> u32 {
        N
    }
}

impl<const N: u32, const CPU: u32, const MEMORY: u32> CpuAmount<KnownSize<CPU, MEMORY>>
    for CpuUnits<N>
{
    const FITS: () = assert!(N <= CPU, "container cpu is above the task cpu (rule T13)");
    fn units(self) -> u32 {
        N
    }
}

macro_rules! unchecked_amount {
    ($($size:ty),*) => {$(
        impl<const N: u32> MemoryAmount<$size> for Mib<N> {
            const FITS: () = ();
            fn mib(self) -> u32 {
                N
            }
        }
        impl<const N: u32> CpuAmount<$size> for CpuUnits<N> {
            const FITS: () = ();
            fn units(self) -> u32 {
                N
            }
        }
    )*};
}
unchecked_amount!(FargateSize, NoSize);
