//! Names of ECS clusters, services, task definition families and containers (rule S15).

/// The longest cluster, service, family or container name ECS accepts (rule S15).
pub const MAX_ECS_NAME_LEN: usize = 255;

/// Why `s` is not a valid cluster, service, family or container name (1 to 255 of
/// `[A-Za-z0-9_-]`, rule S15), or `None`.
///
/// ```
/// use ecs_dsl_rules::names::ecs_name_problem;
/// assert_eq!(ecs_name_problem("web_api-2"), None);
/// assert!(ecs_name_problem("web.api").unwrap().contains("'.'"));
/// assert!(ecs_name_problem("").is_some());
/// ```
pub fn ecs_name_problem(s: &str) -> Option<String> {
    if s.is_empty() {
        return Some("it is empty".to_owned());
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-')))
    {
        return Some(format!(
            "{c:?} is not allowed; use only A-Z, a-z, 0-9, '_' and '-'"
        ));
    }
    if s.len() > MAX_ECS_NAME_LEN {
        return Some(format!(
            "it is {} characters long; the limit is {MAX_ECS_NAME_LEN}",
            s.len()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_good_names_pass() {
        for name in [
            "a",
            "Z",
            "0",
            "_",
            "-",
            "web",
            "Web-API_2",
            "my-cluster",
            "nginx_sidecar",
            "--leading-and-trailing--",
            "123",
            &"x".repeat(MAX_ECS_NAME_LEN),
        ] {
            assert_eq!(ecs_name_problem(name), None, "{name}");
        }
    }

    #[test]
    fn bad_names_have_a_reason() {
        for (name, expected) in [
            ("", "empty"),
            ("web.api", "'.' is not allowed"),
            ("web api", "' ' is not allowed"),
            ("web/api", "'/' is not allowed"),
            ("web:1", "':' is not allowed"),
            ("caf\u{e9}", "'\u{e9}' is not allowed"),
            ("web\n", "'\\n' is not allowed"),
            (&"x".repeat(MAX_ECS_NAME_LEN + 1), "256 characters long"),
        ] {
            let reason = ecs_name_problem(name).unwrap_or_else(|| panic!("{name:?} was accepted"));
            assert!(reason.contains(expected), "{name:?}: {reason}");
        }
    }
}
