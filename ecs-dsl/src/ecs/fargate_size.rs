//! The Fargate task size (rule F-SIZE): checked at compile time by [`fargate!`](crate::fargate)
//! for literals, and by [`FargateSize::new`] / [`FargateSize::parse`] for values known only at
//! run time. Both use the one table in `ecs-dsl-rules`.

use ecs_dsl_rules::fargate::{self, Os};

use crate::error::{Error, Result};
use crate::template::Value;

/// A valid Fargate CPU/memory pair known at run time (from config). [`fargate!`](crate::fargate)
/// makes a [`KnownSize`](super::KnownSize), which converts into this.
///
/// ```
/// use ecs_dsl::ecs::FargateSize;
/// let size = FargateSize::new(512, 1024)?;
/// assert_eq!((size.cpu_units(), size.memory_mib()), (512, 1024));
/// assert_eq!(FargateSize::parse("0.5 vCPU", "1 GB")?, size);
/// assert_eq!(FargateSize::from(ecs_dsl::fargate!(cpu = 512, memory = 1024)), size);
/// assert!(FargateSize::new(256, 4096).is_err());
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FargateSize {
    cpu: u32,
    memory: u32,
}

fn invalid(cpu: impl ToString, memory: impl ToString, reason: String) -> Error {
    Error::InvalidFargateSize {
        cpu: cpu.to_string(),
        memory: memory.to_string(),
        reason,
    }
}

impl FargateSize {
    /// A size from CPU units (1024 = 1 vCPU) and memory in MiB, checked against rule F-SIZE
    /// for Linux.
    ///
    /// ```
    /// use ecs_dsl::ecs::FargateSize;
    /// let size = FargateSize::new(2048, 8192)?;
    /// assert_eq!(size.memory_mib(), 8192);
    /// assert!(FargateSize::new(256, 4096).is_err()); // not a Fargate pair
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(cpu_units: u32, memory_mib: u32) -> Result<Self> {
        match fargate::size_problem(cpu_units, memory_mib, Os::Linux) {
            None => Ok(FargateSize {
                cpu: cpu_units,
                memory: memory_mib,
            }),
            Some(reason) => Err(invalid(cpu_units, memory_mib, reason)),
        }
    }

    /// A size from the spellings the ECS API accepts: `"512"` or `"0.5 vCPU"`, `"1024"` or
    /// `"1 GB"`, e.g. read from a config file.
    ///
    /// ```
    /// use ecs_dsl::ecs::FargateSize;
    /// assert_eq!(FargateSize::parse("0.25 vCPU", "512")?, FargateSize::new(256, 512)?);
    /// assert_eq!(FargateSize::parse("4096", "16 GB")?, FargateSize::new(4096, 16384)?);
    /// assert!(FargateSize::parse("lots", "1 GB").is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn parse(cpu: &str, memory: &str) -> Result<Self> {
        let c = fargate::parse_cpu(cpu).map_err(|r| invalid(cpu, memory, r))?;
        let m = fargate::parse_memory(memory).map_err(|r| invalid(cpu, memory, r))?;
        match fargate::size_problem(c, m, Os::Linux) {
            None => Ok(FargateSize { cpu: c, memory: m }),
            Some(reason) => Err(invalid(cpu, memory, reason)),
        }
    }

    /// Used by [`fargate!`](crate::fargate) after it checked the literals; not for direct use.
    #[doc(hidden)]
    pub const fn __checked(cpu: u32, memory: u32) -> Self {
        FargateSize { cpu, memory }
    }

    /// CPU units (1024 = 1 vCPU).
    ///
    /// ```
    /// use ecs_dsl::ecs::FargateSize;
    /// assert_eq!(FargateSize::parse("0.5 vCPU", "1 GB")?.cpu_units(), 512);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn cpu_units(self) -> u32 {
        self.cpu
    }

    /// Memory in MiB.
    ///
    /// ```
    /// use ecs_dsl::ecs::FargateSize;
    /// assert_eq!(FargateSize::parse("0.5 vCPU", "1 GB")?.memory_mib(), 1024);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn memory_mib(self) -> u32 {
        self.memory
    }

    /// Whether Windows tasks can use this size (1, 2 or 4 vCPU).
    ///
    /// ```
    /// use ecs_dsl::ecs::FargateSize;
    /// assert!(FargateSize::new(2048, 4096)?.supports_windows());
    /// assert!(!FargateSize::new(512, 1024)?.supports_windows());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn supports_windows(self) -> bool {
        fargate::size_problem(self.cpu, self.memory, Os::Windows).is_none()
    }

    /// The task definition's `Cpu` property.
    ///
    /// ```
    /// use ecs_dsl::ecs::FargateSize;
    /// assert_eq!(FargateSize::new(512, 1024)?.cpu_value().literal().map(String::as_str), Some("512"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn cpu_value(self) -> Value<String> {
        Value::Literal(self.cpu.to_string())
    }

    /// The task definition's `Memory` property.
    ///
    /// ```
    /// use ecs_dsl::ecs::FargateSize;
    /// assert_eq!(FargateSize::new(512, 1024)?.memory_value().literal().map(String::as_str), Some("1024"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn memory_value(self) -> Value<String> {
        Value::Literal(self.memory.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tier_is_accepted_at_run_time() {
        for tier in fargate::TIERS {
            for mib in tier.memory.values() {
                assert!(
                    FargateSize::new(tier.cpu, mib).is_ok(),
                    "{} {mib}",
                    tier.cpu
                );
            }
        }
    }

    #[test]
    fn errors_name_the_values_and_the_rule() {
        let msg = FargateSize::parse("0.25 vCPU", "4 GB")
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("0.25 vCPU") && msg.contains("4 GB") && msg.contains("rule F-SIZE"),
            "{msg}"
        );
        let msg = FargateSize::parse("lots", "1 GB").unwrap_err().to_string();
        assert!(msg.contains("lots"), "{msg}");
    }

    #[test]
    fn windows_support_follows_the_table() {
        assert!(FargateSize::new(1024, 2048).unwrap().supports_windows());
        assert!(!FargateSize::new(512, 1024).unwrap().supports_windows());
        assert!(!FargateSize::new(8192, 16384).unwrap().supports_windows());
    }
}
