//! Fargate task sizes (rule F-SIZE): the one table of valid CPU/memory pairs, and the spellings
//! the ECS API accepts ("1 vCPU", "2 GB" as well as "1024", "2048").

/// The memory a CPU tier allows, in MiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryChoices {
    /// Exactly these values.
    List(&'static [u32]),
    /// From `min` to `max` inclusive, in steps of `step`.
    Range {
        /// Smallest allowed memory.
        min: u32,
        /// Largest allowed memory.
        max: u32,
        /// Step between allowed values.
        step: u32,
    },
}

impl MemoryChoices {
    /// Whether `mib` is allowed.
    pub fn allows(self, mib: u32) -> bool {
        match self {
            MemoryChoices::List(values) => values.contains(&mib),
            MemoryChoices::Range { min, max, step } => {
                (min..=max).contains(&mib) && (mib - min).is_multiple_of(step)
            }
        }
    }

    /// Every allowed value, ascending.
    pub fn values(self) -> Vec<u32> {
        match self {
            MemoryChoices::List(values) => values.to_vec(),
            MemoryChoices::Range { min, max, step } => (min..=max).step_by(step as usize).collect(),
        }
    }

    /// The allowed values as people read them: `512, 1024, 2048` or `1024..=4096 step 1024`.
    pub fn describe(self) -> String {
        match self {
            MemoryChoices::List(values) => values
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            MemoryChoices::Range { min, max, step } => format!("{min}..={max} in steps of {step}"),
        }
    }
}

/// One CPU tier of Fargate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tier {
    /// CPU units (1024 = 1 vCPU).
    pub cpu: u32,
    /// Allowed memory in MiB.
    pub memory: MemoryChoices,
    /// Whether Windows tasks may use this tier (1, 2 and 4 vCPU only).
    pub windows: bool,
}

/// The Fargate size table. The 32 vCPU tier is newer than cfn-lint 1.51.0's table; it is kept
/// because rejecting a valid size is worse than letting ECS reject an invalid one.
pub const TIERS: &[Tier] = &[
    Tier {
        cpu: 256,
        memory: MemoryChoices::List(&[512, 1024, 2048]),
        windows: false,
    },
    Tier {
        cpu: 512,
        memory: MemoryChoices::Range {
            min: 1024,
            max: 4096,
            step: 1024,
        },
        windows: false,
    },
    Tier {
        cpu: 1024,
        memory: MemoryChoices::Range {
            min: 2048,
            max: 8192,
            step: 1024,
        },
        windows: true,
    },
    Tier {
        cpu: 2048,
        memory: MemoryChoices::Range {
            min: 4096,
            max: 16384,
            step: 1024,
        },
        windows: true,
    },
    Tier {
        cpu: 4096,
        memory: MemoryChoices::Range {
            min: 8192,
            max: 30720,
            step: 1024,
        },
        windows: true,
    },
    Tier {
        cpu: 8192,
        memory: MemoryChoices::Range {
            min: 16384,
            max: 61440,
            step: 4096,
        },
        windows: false,
    },
    Tier {
        cpu: 16384,
        memory: MemoryChoices::Range {
            min: 32768,
            max: 122880,
            step: 8192,
        },
        windows: false,
    },
    Tier {
        cpu: 32768,
        memory: MemoryChoices::List(&[61440, 122880, 249856]),
        windows: false,
    },
];

/// The operating system family a size is checked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    /// Linux (x86_64 or ARM64).
    Linux,
    /// Windows Server.
    Windows,
}

/// Why `cpu` units with `memory` MiB is not a Fargate size for `os`, or `None` (rule F-SIZE).
///
/// ```
/// use ecs_dsl_rules::fargate::{size_problem, Os};
/// assert_eq!(size_problem(512, 1024, Os::Linux), None);
/// assert!(size_problem(256, 4096, Os::Linux).unwrap().contains("512, 1024, 2048"));
/// assert!(size_problem(256, 512, Os::Windows).is_some());
/// ```
pub fn size_problem(cpu: u32, memory: u32, os: Os) -> Option<String> {
    let Some(tier) = TIERS.iter().find(|t| t.cpu == cpu) else {
        let cpus: Vec<String> = TIERS.iter().map(|t| t.cpu.to_string()).collect();
        return Some(format!(
            "invalid Fargate cpu {cpu}: use one of {}",
            cpus.join(", ")
        ));
    };
    if os == Os::Windows && !tier.windows {
        return Some(format!(
            "Fargate cpu {cpu} is not available for Windows: use 1024, 2048 or 4096"
        ));
    }
    if !tier.memory.allows(memory) {
        return Some(format!(
            "invalid Fargate memory {memory} MiB for cpu {cpu}: allowed {} MiB",
            tier.memory.describe()
        ));
    }
    None
}

fn split_unit(text: &str) -> (&str, &str) {
    let text = text.trim();
    let at = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    (text[..at].trim(), text[at..].trim())
}

/// Parses `n` units of `scale` (e.g. "0.25" vCPU x 1024) without floating point, so only exact
/// values are accepted.
fn scaled(number: &str, scale: u32) -> Option<u32> {
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut value = whole.checked_mul(u64::from(scale))?;
    let mut denominator = 1u64;
    let mut numerator = 0u64;
    for digit in frac.chars() {
        numerator = numerator * 10 + u64::from(digit.to_digit(10)?);
        denominator = denominator.checked_mul(10)?;
    }
    let part = numerator.checked_mul(u64::from(scale))?;
    if part % denominator != 0 {
        return None;
    }
    value = value.checked_add(part / denominator)?;
    u32::try_from(value).ok()
}

/// Parses a task CPU as the ECS API accepts it: CPU units ("512") or vCPUs ("0.5 vCPU",
/// ".5 vcpu", "1vCPU").
///
/// ```
/// use ecs_dsl_rules::fargate::parse_cpu;
/// assert_eq!(parse_cpu("1 vCPU"), Ok(1024));
/// assert_eq!(parse_cpu(".25 vcpu"), Ok(256));
/// assert_eq!(parse_cpu("2048"), Ok(2048));
/// assert!(parse_cpu("two").is_err());
/// ```
pub fn parse_cpu(text: &str) -> Result<u32, String> {
    let (number, unit) = split_unit(text);
    let value = match unit.to_ascii_lowercase().as_str() {
        "" if !number.contains('.') => scaled(number, 1),
        "vcpu" => scaled(number, 1024),
        _ => None,
    };
    value.ok_or_else(|| {
        format!("cannot read `{text}` as a task cpu: use units (\"512\") or vCPUs (\"0.5 vCPU\")")
    })
}

/// Parses task memory as the ECS API accepts it: MiB ("2048") or GB ("2 GB", "0.5GB").
///
/// ```
/// use ecs_dsl_rules::fargate::parse_memory;
/// assert_eq!(parse_memory("2 GB"), Ok(2048));
/// assert_eq!(parse_memory("0.5 gb"), Ok(512));
/// assert_eq!(parse_memory("1024"), Ok(1024));
/// assert!(parse_memory("1 TB").is_err());
/// ```
pub fn parse_memory(text: &str) -> Result<u32, String> {
    let (number, unit) = split_unit(text);
    let value = match unit.to_ascii_lowercase().as_str() {
        "" | "mib" | "mb" if !number.contains('.') => scaled(number, 1),
        "gb" | "gib" => scaled(number, 1024),
        _ => None,
    };
    value.ok_or_else(|| {
        format!("cannot read `{text}` as task memory: use MiB (\"2048\") or GB (\"2 GB\")")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_size_is_accepted_and_its_neighbours_are_not() {
        for tier in TIERS {
            for mib in tier.memory.values() {
                assert_eq!(
                    size_problem(tier.cpu, mib, Os::Linux),
                    None,
                    "{} {mib}",
                    tier.cpu
                );
                let windows = size_problem(tier.cpu, mib, Os::Windows);
                assert_eq!(windows.is_none(), tier.windows, "{} {mib}", tier.cpu);
                if !tier.memory.allows(mib + 1) {
                    assert!(size_problem(tier.cpu, mib + 1, Os::Linux).is_some());
                }
            }
        }
        assert!(size_problem(768, 2048, Os::Linux).is_some());
        assert!(size_problem(512, 512, Os::Linux).is_some());
        assert!(size_problem(4096, 31744, Os::Linux).is_some());
        assert!(size_problem(8192, 18432, Os::Linux).is_some());
    }

    #[test]
    fn spellings_the_api_accepts_parse() {
        for (text, units) in [
            ("256", 256),
            ("0.25 vCPU", 256),
            (".25vcpu", 256),
            ("16 vCPU", 16384),
            (" 4 VCPU ", 4096),
        ] {
            assert_eq!(parse_cpu(text), Ok(units), "{text}");
        }
        for (text, mib) in [
            ("512", 512),
            ("0.5 GB", 512),
            ("30GB", 30720),
            ("120 gb", 122880),
            ("3 GiB", 3072),
        ] {
            assert_eq!(parse_memory(text), Ok(mib), "{text}");
        }
        for bad in [
            "",
            "vCPU",
            "0.1 vCPU",
            "1.5",
            "-1",
            "1 core",
            "99999999999 vCPU",
        ] {
            assert!(parse_cpu(bad).is_err(), "{bad}");
        }
        for bad in ["", "GB", "0.0001 GB", "1.5", "1 TB"] {
            assert!(parse_memory(bad).is_err(), "{bad}");
        }
    }
}
