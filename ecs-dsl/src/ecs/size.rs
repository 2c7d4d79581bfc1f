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
    pub const fn cpu_units(self) -> u32 {
        CPU
    }

    /// Memory in MiB.
    pub const fn memory_mib(self) -> u32 {
        MEMORY
    }

    /// The same size as a run-time value.
    pub const fn size(self) -> FargateSize {
        FargateSize::__checked(CPU, MEMORY)
    }

    /// Whether Windows tasks can use this size (1, 2 or 4 vCPU).
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoSize;

/// A task size: [`KnownSize`], [`FargateSize`] or [`NoSize`].
pub trait TaskSize: Copy + 'static {
    /// The size, if there is one.
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
/// # let _ = limit;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mib<const N: u32>;

/// CPU units (1024 = 1 vCPU) fixed at compile time; see [`Mib`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CpuUnits<const N: u32>;

/// A container memory amount for a task of size `S`: a `u32` (checked when the task definition
/// is built) or a [`Mib`] (checked at compile time against a [`KnownSize`]).
pub trait MemoryAmount<S>: Copy {
    /// Evaluating it fails the build when the amount cannot fit the task (rule T13).
    const FITS: ();
    /// The amount in MiB.
    fn mib(self) -> u32;
}

/// A container CPU amount for a task of size `S`; see [`MemoryAmount`].
pub trait CpuAmount<S>: Copy {
    /// Evaluating it fails the build when the amount cannot fit the task (rule T13).
    const FITS: ();
    /// The amount in CPU units.
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
