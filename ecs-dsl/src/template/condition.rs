//! Template conditions (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`).

use super::json::{Json, Target};

/// A condition expression for [`Stack::add_condition`](crate::Stack::add_condition).
///
/// ```
/// use ecs_dsl::prelude::*;
/// let c = Condition::not(Condition::equals(intrinsic::region(), "us-east-1"));
/// # let _ = c;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Condition(Json);

impl Condition {
    /// `Fn::Equals` of two values.
    pub fn equals(a: impl Into<Json>, b: impl Into<Json>) -> Self {
        Condition(Json::object([(
            "Fn::Equals",
            Json::Array(vec![a.into(), b.into()]),
        )]))
    }

    /// `Fn::And` of 2 to 10 conditions.
    pub fn and(conditions: impl IntoIterator<Item = Condition>) -> Self {
        Condition(Json::object([(
            "Fn::And",
            Json::Array(conditions.into_iter().map(|c| c.0).collect()),
        )]))
    }

    /// `Fn::Or` of 2 to 10 conditions.
    pub fn or(conditions: impl IntoIterator<Item = Condition>) -> Self {
        Condition(Json::object([(
            "Fn::Or",
            Json::Array(conditions.into_iter().map(|c| c.0).collect()),
        )]))
    }

    /// `Fn::Not`.
    #[allow(clippy::should_implement_trait)]
    pub fn not(condition: Condition) -> Self {
        Condition(Json::object([("Fn::Not", Json::Array(vec![condition.0]))]))
    }

    /// `{"Condition": name}`: another condition of the same stack.
    pub fn of(condition: &ConditionHandle) -> Self {
        Condition(Json::object([(
            "Condition",
            Json::ConditionName(condition.target.clone()),
        )]))
    }

    pub(crate) fn into_json(self) -> Json {
        self.0
    }
}

/// A condition added to a stack; use it with
/// [`intrinsic::if_`](crate::template::intrinsic::if_), [`Condition::of`] or
/// [`Handle::set_condition`](crate::Handle::set_condition). Conditions cannot cross stacks.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionHandle {
    pub(crate) target: Target,
}

impl ConditionHandle {
    /// The condition's logical id.
    pub fn logical_id(&self) -> &str {
        &self.target.logical_id
    }
}
