//! Logical ids and stack names (rules F3 and F5).

use crate::error::{Error, Result};

pub use ecs_dsl_rules::ids::{
    MAX_LOGICAL_ID_LEN, MAX_STACK_NAME_LEN, logical_id_problem, stack_name_problem,
};

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
    fn stack_names_follow_f5() {
        assert!(check_stack_name("web").is_ok());
        assert!(check_stack_name(&format!("a{}", "-".repeat(127))).is_ok());
        for bad in ["", "1web", "-web", "web prod", "web_prod", &"a".repeat(129)] {
            let err = check_stack_name(bad).unwrap_err().to_string();
            assert!(err.contains("rule F5"), "{bad}: {err}");
        }
    }
}
