//! Parsers for CLI values: durations (`--timeout 30m`) and parameters
//! (`--parameters STACK:KEY=VALUE`).

use std::time::Duration;

/// Parses `90s`, `30m`, `1h`, `1h30m`, `2m30s` or a plain number of seconds.
///
/// ```
/// use std::time::Duration;
/// use ecs_dsl::cli::parse_duration;
/// assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1800)));
/// assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
/// assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
/// assert!(parse_duration("soon").is_err());
/// assert!(parse_duration("0s").is_err());
/// ```
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let bad = || format!("`{text}` is not a duration: write e.g. 90s, 30m, 1h or 1h30m");
    if text.is_empty() {
        return Err(bad());
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    let mut saw_unit = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => return Err(bad()),
        };
        let n: u64 = number.parse().map_err(|_| bad())?;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
        number.clear();
        saw_unit = true;
    }
    if !number.is_empty() {
        if saw_unit {
            return Err(bad());
        }
        total = number.parse().map_err(|_| bad())?;
    }
    if total == 0 {
        return Err(format!("`{text}`: the duration must be longer than zero"));
    }
    Ok(Duration::from_secs(total))
}

/// A `--parameters` value: `STACK:KEY=VALUE`, or `KEY=VALUE` for every selected stack that
/// has parameter `KEY`.
///
/// ```
/// use ecs_dsl::cli::ParameterArg;
/// let p: ParameterArg = "web:ImageTag=v42".parse()?;
/// assert_eq!((p.stack.as_deref(), p.key.as_str(), p.value.as_str()), (Some("web"), "ImageTag", "v42"));
/// let p: ParameterArg = "ImageTag=v1:2".parse()?;
/// assert_eq!((p.stack, p.value.as_str()), (None, "v1:2"));
/// assert!("novalue".parse::<ParameterArg>().is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParameterArg {
    /// The stack, when given.
    pub stack: Option<String>,
    /// The parameter's logical id.
    pub key: String,
    /// Its value.
    pub value: String,
}

impl std::str::FromStr for ParameterArg {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (target, value) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}`: write STACK:KEY=VALUE or KEY=VALUE"))?;
        let (stack, key) = match target.split_once(':') {
            Some((stack, key)) => (Some(stack.to_owned()), key),
            None => (None, target),
        };
        if key.is_empty() || stack.as_deref() == Some("") {
            return Err(format!("`{text}`: write STACK:KEY=VALUE or KEY=VALUE"));
        }
        Ok(ParameterArg {
            stack,
            key: key.to_owned(),
            value: value.to_owned(),
        })
    }
}
