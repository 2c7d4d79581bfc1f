//! Logical ids and stack names (rules F3 and F5).

use crate::error::{Error, Result};

/// The longest logical id CloudFormation accepts (rule F3).
pub const MAX_LOGICAL_ID_LEN: usize = 255;
/// The longest stack name CloudFormation accepts (rule F5).
pub const MAX_STACK_NAME_LEN: usize = 128;

/// Why `id` is not a valid logical id, or `None` when it is: `[A-Za-z0-9]{1,255}` (rule F3).
///
/// ```
/// use ecs_dsl::template::logical_id_problem;
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

pub(crate) fn check_logical_id(stack: &str, id: &str, owner: &str) -> Result<()> {
    match logical_id_problem(id) {
        None => Ok(()),
        Some(reason) => Err(Error::InvalidLogicalId {
            stack: stack.to_owned(),
            id: id.to_owned(),
            owner: owner.to_owned(),
            reason,
        }),
    }
}

/// Why `name` is not a valid stack name, or `None` when it is: `[A-Za-z][A-Za-z0-9-]*`, at most
/// 128 characters (rule F5).
///
/// ```
/// use ecs_dsl::template::stack_name_problem;
/// assert_eq!(stack_name_problem("web-prod"), None);
/// assert!(stack_name_problem("web_prod").is_some());
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

pub(crate) fn check_stack_name(name: &str) -> Result<()> {
    match stack_name_problem(name) {
        None => Ok(()),
        Some(reason) => Err(Error::InvalidStackName {
            name: name.to_owned(),
            reason,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_ids_pass() {
        for id in ["A", "a1", "Cluster", "X".repeat(255).as_str()] {
            assert_eq!(logical_id_problem(id), None, "{id}");
        }
    }

    #[test]
    fn invalid_ids_fail_with_a_reason() {
        assert!(logical_id_problem("").is_some());
        assert!(logical_id_problem(&"X".repeat(256)).is_some_and(|r| r.contains("255")));
        assert!(logical_id_problem("a_b").is_some_and(|r| r.contains("'_'")));
        assert!(logical_id_problem("Caf\u{e9}").is_some());
    }

    #[test]
    fn stack_names_follow_f5() {
        assert!(check_stack_name("web").is_ok());
        assert!(check_stack_name(&format!("a{}", "-".repeat(127))).is_ok());
        for bad in ["", "1web", "-web", "web prod", "web_prod", &"a".repeat(129)] {
            let err = check_stack_name(bad).unwrap_err().to_string();
            assert!(err.contains("rule F5"), "{bad}: {err}");
        }
    }
}
