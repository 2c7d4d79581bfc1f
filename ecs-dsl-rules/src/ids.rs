//! Logical ids (rule F3) and stack names (rule F5).

/// The longest logical id CloudFormation accepts (rule F3).
pub const MAX_LOGICAL_ID_LEN: usize = 255;
/// The longest stack name CloudFormation accepts (rule F5).
pub const MAX_STACK_NAME_LEN: usize = 128;

/// Why `id` is not a valid logical id (`[A-Za-z0-9]{1,255}`, rule F3), or `None`.
///
/// ```
/// use ecs_dsl_rules::ids::logical_id_problem;
/// assert_eq!(logical_id_problem("WebService2"), None);
/// assert!(logical_id_problem("web-service").is_some());
/// ```
pub fn logical_id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("it is empty".to_owned());
    }
    if id.len() > MAX_LOGICAL_ID_LEN {
        return Some(format!(
            "it is {} characters long; the limit is {MAX_LOGICAL_ID_LEN}",
            id.len()
        ));
    }
    id.chars()
        .find(|c| !c.is_ascii_alphanumeric())
        .map(|c| format!("{c:?} is not allowed; use only A-Z, a-z and 0-9"))
}

/// Why `name` is not a valid stack name (`[A-Za-z][A-Za-z0-9-]*`, at most 128, rule F5), or
/// `None`.
///
/// ```
/// use ecs_dsl_rules::ids::stack_name_problem;
/// assert_eq!(stack_name_problem("web-prod"), None);
/// assert!(stack_name_problem("web_prod").is_some());
/// assert!(stack_name_problem("").is_some());
/// ```
pub fn stack_name_problem(name: &str) -> Option<String> {
    let Some(first) = name.chars().next() else {
        return Some("it is empty".to_owned());
    };
    if name.len() > MAX_STACK_NAME_LEN {
        return Some(format!(
            "it is {} characters long; the limit is {MAX_STACK_NAME_LEN}",
            name.len()
        ));
    }
    if !first.is_ascii_alphabetic() {
        return Some("it must start with a letter".to_owned());
    }
    name.chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
        .map(|c| format!("{c:?} is not allowed; use only letters, digits and '-'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_good_values_pass() {
        for id in ["A", "a1", "Cluster", "X".repeat(255).as_str()] {
            assert_eq!(logical_id_problem(id), None, "{id}");
        }
        for name in ["web", "web-prod-2", &format!("a{}", "-".repeat(127))] {
            assert_eq!(stack_name_problem(name), None, "{name}");
        }
    }

    #[test]
    fn bad_values_have_a_reason() {
        for id in ["", "a_b", "a.b", "Caf\u{e9}", &"X".repeat(256)] {
            assert!(logical_id_problem(id).is_some(), "{id}");
        }
        for name in ["", "1web", "-web", "web prod", "web_prod", &"a".repeat(129)] {
            assert!(stack_name_problem(name).is_some(), "{name}");
        }
    }
}
