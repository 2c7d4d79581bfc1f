//! Template outputs.

use super::condition::ConditionHandle;
use super::json::{Json, Target};
use super::value::Value;

/// An output of a stack, optionally exported for `Fn::ImportValue`.
///
/// Cross-stack references between stacks of one app need no hand-written outputs: synthesis
/// adds the exports. Use outputs for values people or other tools read.
///
/// ```
/// use ecs_dsl::prelude::*;
/// let out = Output::new(intrinsic::stack_name()).description("The stack").export_name("demo-stack");
/// # let _ = out;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub(crate) value: Json,
    pub(crate) description: Option<String>,
    pub(crate) export_name: Option<Json>,
    pub(crate) condition: Option<Target>,
}

impl Output {
    /// An output of `value`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_output("Out", Output::new(intrinsic::region()))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let out = &t["Outputs"]["Out"];
    /// assert_eq!(out["Value"], serde_json::json!({"Ref": "AWS::Region"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(value: impl Into<Json>) -> Self {
        Output {
            value: value.into(),
            description: None,
            export_name: None,
            condition: None,
        }
    }

    /// Sets `Description`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_output("Out", Output::new("v1").description("The release"))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let out = &t["Outputs"]["Out"];
    /// assert_eq!(out["Value"], "v1");
    /// assert_eq!(out["Description"], "The release");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Exports the value under `name` (unique per account and region).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_output("Out", Output::new("v1").export_name("demo-release"))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let out = &t["Outputs"]["Out"];
    /// assert_eq!(out["Export"], serde_json::json!({"Name": "demo-release"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn export_name(mut self, name: impl Into<Value<String>>) -> Self {
        self.export_name = Some(name.into().into());
        self
    }

    /// Creates the output only when `condition` holds.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let prod = stack.add_condition("IsProd", Condition::equals(intrinsic::stack_name(), "prod"))?;
    /// stack.add_output("Out", Output::new("v1").condition(&prod))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Outputs"]["Out"]["Condition"], "IsProd");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn condition(mut self, condition: &ConditionHandle) -> Self {
        self.condition = Some(condition.target.clone());
        self
    }

    pub(crate) fn to_json(&self) -> Json {
        let mut o = Json::Object(Vec::new());
        if let Some(d) = &self.description {
            o.insert("Description", Json::from(d.as_str()));
        }
        if let Some(c) = &self.condition {
            o.insert("Condition", Json::ConditionName(c.clone()));
        }
        o.insert("Value", self.value.clone());
        if let Some(name) = &self.export_name {
            o.insert("Export", Json::object([("Name", name.clone())]));
        }
        o
    }
}
