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
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_condition("IsProd", Condition::equals(intrinsic::stack_name(), "prod"))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Conditions"]["IsProd"], serde_json::json!({"Fn::Equals": [{"Ref": "AWS::StackName"}, "prod"]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn equals(a: impl Into<Json>, b: impl Into<Json>) -> Self {
        Condition(Json::object([(
            "Fn::Equals",
            Json::Array(vec![a.into(), b.into()]),
        )]))
    }

    /// `Fn::And` of 2 to 10 conditions.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let east = Condition::equals(intrinsic::region(), "us-east-1");
    /// let named = Condition::equals(intrinsic::stack_name(), "prod");
    /// stack.add_condition("IsProd", Condition::and([east, named]))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Conditions"]["IsProd"], serde_json::json!({"Fn::And": [
    ///     {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]},
    ///     {"Fn::Equals": [{"Ref": "AWS::StackName"}, "prod"]}
    /// ]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn and(conditions: impl IntoIterator<Item = Condition>) -> Self {
        Condition(Json::object([(
            "Fn::And",
            Json::Array(conditions.into_iter().map(|c| c.0).collect()),
        )]))
    }

    /// `Fn::Or` of 2 to 10 conditions.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let a = Condition::equals(intrinsic::stack_name(), "prod");
    /// let b = Condition::equals(intrinsic::stack_name(), "production");
    /// stack.add_condition("IsProd", Condition::or([a, b]))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Conditions"]["IsProd"], serde_json::json!({"Fn::Or": [
    ///     {"Fn::Equals": [{"Ref": "AWS::StackName"}, "prod"]},
    ///     {"Fn::Equals": [{"Ref": "AWS::StackName"}, "production"]}
    /// ]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn or(conditions: impl IntoIterator<Item = Condition>) -> Self {
        Condition(Json::object([(
            "Fn::Or",
            Json::Array(conditions.into_iter().map(|c| c.0).collect()),
        )]))
    }

    /// `Fn::Not`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let dev = Condition::equals(intrinsic::stack_name(), "dev");
    /// stack.add_condition("IsProd", Condition::not(dev))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Conditions"]["IsProd"], serde_json::json!({"Fn::Not": [{"Fn::Equals": [{"Ref": "AWS::StackName"}, "dev"]}]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn not(condition: Condition) -> Self {
        Condition(Json::object([("Fn::Not", Json::Array(vec![condition.0]))]))
    }

    /// `{"Condition": name}`: another condition of the same stack.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let prod = stack.add_condition("IsProd", Condition::equals(intrinsic::stack_name(), "prod"))?;
    /// stack.add_condition("IsNotProd", Condition::not(Condition::of(&prod)))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Conditions"]["IsNotProd"], serde_json::json!({"Fn::Not": [{"Condition": "IsProd"}]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
///
/// ```
/// use ecs_dsl::prelude::*;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// let prod = stack.add_condition("IsProd", Condition::equals(intrinsic::stack_name(), "prod"))?;
/// let bucket = stack.add_raw("Bucket", "AWS::S3::Bucket", Json::Object(vec![]))?;
/// bucket.set_condition(&prod)?;
/// let t = app.synthesize()?.stack("demo").unwrap().template_json();
/// assert_eq!(t["Resources"]["Bucket"]["Condition"], "IsProd");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionHandle {
    pub(crate) target: Target,
}

impl ConditionHandle {
    /// The condition's logical id.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let prod = stack.add_condition("IsProd", Condition::equals(intrinsic::stack_name(), "prod"))?;
    /// assert_eq!(prod.logical_id(), "IsProd");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn logical_id(&self) -> &str {
        &self.target.logical_id
    }
}
