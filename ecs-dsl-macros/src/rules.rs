//! The rules behind the macros, with the wording of ecs-dsl's run-time errors.

pub(crate) fn logical_id_problem(id: &str) -> Option<String> {
    let reason = if id.is_empty() {
        "it is empty".to_owned()
    } else if id.len() > 255 {
        format!("it is {} characters long; the limit is 255", id.len())
    } else {
        let c = id.chars().find(|c| !c.is_ascii_alphanumeric())?;
        format!("{c:?} is not allowed; use only A-Z, a-z and 0-9")
    };
    Some(format!("invalid logical id `{id}`: {reason} (rule F3)"))
}

pub(crate) fn stack_name_problem(name: &str) -> Option<String> {
    let reason = if name.is_empty() {
        "it is empty".to_owned()
    } else if name.len() > 128 {
        format!("it is {} characters long; the limit is 128", name.len())
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        "it must start with a letter".to_owned()
    } else {
        let c = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))?;
        format!("{c:?} is not allowed; use only letters, digits and '-'")
    };
    Some(format!("invalid stack name `{name}`: {reason} (rule F5)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_good_values_pass() {
        assert_eq!(logical_id_problem("Cluster1"), None);
        assert_eq!(logical_id_problem(&"a".repeat(255)), None);
        assert_eq!(stack_name_problem("web-prod-2"), None);
    }

    #[test]
    fn bad_values_name_the_rule() {
        assert!(logical_id_problem("a.b").is_some_and(|r| r.contains("rule F3")));
        assert!(logical_id_problem("").is_some());
        assert!(stack_name_problem("2web").is_some_and(|r| r.contains("rule F5")));
        assert!(stack_name_problem(&"a".repeat(129)).is_some());
    }
}
