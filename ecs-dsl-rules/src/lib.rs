//! The rules of `shared/reference/ecs-rules.md` that both of ecs-dsl's checks need: the
//! proc macros of `ecs-dsl-macros` (compile time, on literals) and ecs-dsl itself (run time,
//! on values from config). One copy of each rule and table, no dependencies.
//!
//! Every check returns `None` for a valid value or `Some(reason)`; callers add the location and
//! the rule id.

pub mod fargate;
pub mod ids;
pub mod image;
pub mod names;
