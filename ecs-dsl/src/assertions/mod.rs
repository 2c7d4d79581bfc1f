//! Assertions on synthesized templates, for users' tests: resource counts, resources whose
//! properties contain a JSON subset, outputs, and a one-line snapshot of every stack of an app.
//!
//! The `has_*` and `*_is` methods panic with a readable message (which resources of that type
//! exist and how the closest one differs) and are meant for `#[test]` functions; each has a
//! `check_*` twin that returns the message as an error instead.
//!
//! ```
//! use ecs_dsl::assertions::Template;
//! use ecs_dsl::prelude::*;
//! use serde_json::json;
//! let mut app = App::new();
//! let stack = app.stack("web")?;
//! ecs_dsl::ecs::Cluster::builder(&stack, "Cluster")
//!     .container_insights(ecs_dsl::ecs::ContainerInsights::Enabled)
//!     .build()?;
//! let t = Template::from_app(&app, "web")?;
//! t.resource_count_is("AWS::ECS::Cluster", 1);
//! t.has_resource_properties(
//!     "AWS::ECS::Cluster",
//!     json!({"ClusterSettings": [{"Name": "containerInsights", "Value": "enabled"}]}),
//! );
//! # Ok::<(), ecs_dsl::Error>(())
//! ```
//!
//! Matching: an expected object matches an actual object that has every expected key with a
//! matching value (other keys are ignored); an expected array matches an actual array of the
//! same length whose elements match in order; other values must be equal. Use
//! [`Match::absent`] for a key that must not be there and [`Match::array_containing`] for an
//! array that contains matching elements in any order.

mod matcher;
mod snapshot;

use std::fmt::Write as _;

use serde_json::Value as Json;

use crate::template::App;

pub use matcher::Match;
pub use snapshot::stack_snapshots;

/// A synthesized template to assert on.
///
/// ```
/// use ecs_dsl::assertions::{Match, Template};
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cfn::logs::LogGroup;
/// use serde_json::json;
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
/// logs.set_removal_policy(RemovalPolicy::Retain)?;
/// stack.add("Audit", LogGroup::new().retention_in_days(365))?;
/// stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
/// let t = Template::from_app(&app, "web")?;
/// t.resource_count_is("AWS::Logs::LogGroup", 2);
/// t.has_resource_properties("AWS::Logs::LogGroup", json!({"LogGroupName": "web"}));
/// assert!(t.check_resource_count_is("AWS::ECS::Cluster", 1).is_err());
/// # let _ = Match::absent();
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    stack: String,
    json: Json,
}

impl Template {
    /// The template of `stack` in `app` (synthesizes the app).
    ///
    /// ```
    /// use ecs_dsl::assertions::Template;
    /// use ecs_dsl::App;
    /// let mut app = App::new();
    /// app.stack("web")?;
    /// let t = Template::from_app(&app, "web")?;
    /// assert_eq!(t.json()["AWSTemplateFormatVersion"], "2010-09-09");
    /// let missing = Template::from_app(&app, "api").unwrap_err();
    /// assert!(missing.to_string().contains("no stack `api`"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn from_app(app: &App, stack: &str) -> crate::Result<Self> {
        let assembly = app.synthesize()?;
        match assembly.stack(stack) {
            Some(s) => Ok(Template::from_json(stack, s.template_json())),
            None => Err(crate::Error::NoSuchStack {
                name: stack.to_owned(),
                available: assembly.stacks.iter().map(|s| s.name.clone()).collect(),
            }),
        }
    }

    /// A synthesized stack's template.
    ///
    /// ```
    /// use ecs_dsl::assertions::Template;
    /// use ecs_dsl::App;
    /// let mut app = App::new();
    /// app.stack("network")?;
    /// app.stack("web")?;
    /// let assembly = app.synthesize()?;
    /// for stack in &assembly.stacks {
    ///     let t = Template::from_stack(stack);
    ///     t.resource_count_is("AWS::ECS::Service", 0);
    /// }
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn from_stack(stack: &crate::template::SynthesizedStack) -> Self {
        Template::from_json(&stack.name, stack.template_json())
    }

    /// A template given as JSON (for example read from a file); `stack` names it in messages.
    ///
    /// ```
    /// use ecs_dsl::assertions::Template;
    /// use serde_json::json;
    /// let t = Template::from_json(
    ///     "imported",
    ///     json!({"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "alerts"}}}}),
    /// );
    /// t.has_resource_properties("AWS::SNS::Topic", json!({"TopicName": "alerts"}));
    /// let err = t.check_resource_count_is("AWS::SNS::Topic", 2).unwrap_err();
    /// assert!(err.starts_with("stack `imported`"));
    /// ```
    pub fn from_json(stack: &str, json: Json) -> Self {
        Template {
            stack: stack.to_owned(),
            json,
        }
    }

    /// The whole template.
    ///
    /// ```
    /// use ecs_dsl::assertions::{Match, Template};
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::cfn::logs::LogGroup;
    /// # use serde_json::json;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// # logs.set_removal_policy(RemovalPolicy::Retain)?;
    /// # stack.add("Audit", LogGroup::new().retention_in_days(365))?;
    /// # stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
    /// # let t = Template::from_app(&app, "web")?;
    /// assert_eq!(t.json()["Outputs"]["LogGroup"]["Export"]["Name"], "web-logs");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn json(&self) -> &Json {
        &self.json
    }

    /// A resource by logical id.
    ///
    /// ```
    /// use ecs_dsl::assertions::{Match, Template};
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::cfn::logs::LogGroup;
    /// # use serde_json::json;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// # logs.set_removal_policy(RemovalPolicy::Retain)?;
    /// # stack.add("Audit", LogGroup::new().retention_in_days(365))?;
    /// # stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
    /// # let t = Template::from_app(&app, "web")?;
    /// assert_eq!(t.resource("Logs").unwrap()["DeletionPolicy"], "Retain");
    /// assert!(t.resource("Missing").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn resource(&self, logical_id: &str) -> Option<&Json> {
        self.json["Resources"].get(logical_id)
    }

    fn of_type<'a>(&'a self, type_: &'a str) -> impl Iterator<Item = (&'a String, &'a Json)> {
        self.json["Resources"]
            .as_object()
            .into_iter()
            .flatten()
            .filter(move |(_, r)| r["Type"] == type_)
    }

    /// The resources of `type_` whose properties match `properties` (see the module docs),
    /// by logical id.
    ///
    /// ```
    /// use ecs_dsl::assertions::{Match, Template};
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::cfn::logs::LogGroup;
    /// # use serde_json::json;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// # logs.set_removal_policy(RemovalPolicy::Retain)?;
    /// # stack.add("Audit", LogGroup::new().retention_in_days(365))?;
    /// # stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
    /// # let t = Template::from_app(&app, "web")?;
    /// let found = t.find_resources("AWS::Logs::LogGroup", json!({"RetentionInDays": 365}));
    /// assert_eq!(found.len(), 1);
    /// assert_eq!(found[0].0, "Audit");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn find_resources(&self, type_: &str, properties: impl Into<Match>) -> Vec<(String, Json)> {
        let m = properties.into();
        self.of_type(type_)
            .filter(|(_, r)| m.mismatch(&props(r), "Properties").is_none())
            .map(|(id, r)| (id.clone(), r.clone()))
            .collect()
    }

    /// Checks that there are exactly `n` resources of `type_`.
    ///
    /// ```
    /// use ecs_dsl::assertions::{Match, Template};
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::cfn::logs::LogGroup;
    /// # use serde_json::json;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// # logs.set_removal_policy(RemovalPolicy::Retain)?;
    /// # stack.add("Audit", LogGroup::new().retention_in_days(365))?;
    /// # stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
    /// # let t = Template::from_app(&app, "web")?;
    /// assert!(t.check_resource_count_is("AWS::Logs::LogGroup", 2).is_ok());
    /// let err = t.check_resource_count_is("AWS::Logs::LogGroup", 1).unwrap_err();
    /// assert!(err.contains("found 2: Logs, Audit") || err.contains("found 2: Audit, Logs"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn check_resource_count_is(&self, type_: &str, n: usize) -> Result<(), String> {
        let ids: Vec<&String> = self.of_type(type_).map(|(id, _)| id).collect();
        if ids.len() == n {
            return Ok(());
        }
        Err(format!(
            "stack `{}`: expected {n} resource(s) of type {type_}, found {}{}",
            self.stack,
            ids.len(),
            if ids.is_empty() {
                String::new()
            } else {
                format!(
                    ": {}",
                    ids.iter()
                        .map(|i| i.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ))
    }

    /// Asserts that there are exactly `n` resources of `type_`.
    ///
    /// ```
    /// use ecs_dsl::assertions::{Match, Template};
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::cfn::logs::LogGroup;
    /// # use serde_json::json;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// # logs.set_removal_policy(RemovalPolicy::Retain)?;
    /// # stack.add("Audit", LogGroup::new().retention_in_days(365))?;
    /// # stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
    /// # let t = Template::from_app(&app, "web")?;
    /// t.resource_count_is("AWS::Logs::LogGroup", 2);
    /// t.resource_count_is("AWS::ECS::Cluster", 0);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_count_is(&self, type_: &str, n: usize) {
        if let Err(e) = self.check_resource_count_is(type_, n) {
            panic!("{e}");
        }
    }

    /// Checks that a resource of `type_` has properties matching `properties`; the error
    /// shows how each resource of that type differs, closest first.
    ///
    /// ```
    /// use ecs_dsl::assertions::{Match, Template};
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::cfn::logs::LogGroup;
    /// # use serde_json::json;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// # logs.set_removal_policy(RemovalPolicy::Retain)?;
    /// # stack.add("Audit", LogGroup::new().retention_in_days(365))?;
    /// # stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
    /// # let t = Template::from_app(&app, "web")?;
    /// assert!(t.check_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 7})).is_ok());
    /// let err = t
    ///     .check_resource_properties("AWS::Logs::LogGroup", json!({"RetentionInDays": 30}))
    ///     .unwrap_err();
    /// assert!(err.contains("no AWS::Logs::LogGroup has the expected properties"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn check_resource_properties(
        &self,
        type_: &str,
        properties: impl Into<Match>,
    ) -> Result<(), String> {
        let m = properties.into();
        self.check_some(type_, "properties", |r| m.mismatch(&props(r), "Properties"))
    }

    /// Asserts that a resource of `type_` has properties matching `properties`.
    ///
    /// ```
    /// use ecs_dsl::assertions::{Match, Template};
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::cfn::logs::LogGroup;
    /// # use serde_json::json;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// # logs.set_removal_policy(RemovalPolicy::Retain)?;
    /// # stack.add("Audit", LogGroup::new().retention_in_days(365))?;
    /// # stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
    /// # let t = Template::from_app(&app, "web")?;
    /// t.has_resource_properties(
    ///     "AWS::Logs::LogGroup",
    ///     Match::object([("LogGroupName", Match::from(json!("web"))), ("KmsKeyId", Match::absent())]),
    /// );
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    #[track_caller]
    pub fn has_resource_properties(&self, type_: &str, properties: impl Into<Match>) {
        if let Err(e) = self.check_resource_properties(type_, properties) {
            panic!("{e}");
        }
    }

    /// Checks that a resource of `type_` matches `resource` as a whole (`Properties`,
    /// `DependsOn`, `DeletionPolicy`...).
    ///
    /// ```
    /// use ecs_dsl::assertions::{Match, Template};
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::cfn::logs::LogGroup;
    /// # use serde_json::json;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// # logs.set_removal_policy(RemovalPolicy::Retain)?;
    /// # stack.add("Audit", LogGroup::new().retention_in_days(365))?;
    /// # stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
    /// # let t = Template::from_app(&app, "web")?;
    /// let retained = json!({"DeletionPolicy": "Retain", "Properties": {"LogGroupName": "web"}});
    /// assert!(t.check_resource("AWS::Logs::LogGroup", retained).is_ok());
    /// assert!(t.check_resource("AWS::Logs::LogGroup", json!({"DeletionPolicy": "Delete"})).is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn check_resource(&self, type_: &str, resource: impl Into<Match>) -> Result<(), String> {
        let m = resource.into();
        self.check_some(type_, "resource", |r| m.mismatch(r, ""))
    }

    /// Asserts that a resource of `type_` matches `resource` as a whole.
    ///
    /// ```
    /// use ecs_dsl::assertions::{Match, Template};
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::cfn::logs::LogGroup;
    /// # use serde_json::json;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// # logs.set_removal_policy(RemovalPolicy::Retain)?;
    /// # stack.add("Audit", LogGroup::new().retention_in_days(365))?;
    /// # stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
    /// # let t = Template::from_app(&app, "web")?;
    /// t.has_resource("AWS::Logs::LogGroup", json!({"UpdateReplacePolicy": "Retain"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    #[track_caller]
    pub fn has_resource(&self, type_: &str, resource: impl Into<Match>) {
        if let Err(e) = self.check_resource(type_, resource) {
            panic!("{e}");
        }
    }

    /// Checks that the output `id` exists and matches `output` (`Value`, `Export`...).
    ///
    /// ```
    /// use ecs_dsl::assertions::{Match, Template};
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::cfn::logs::LogGroup;
    /// # use serde_json::json;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// # logs.set_removal_policy(RemovalPolicy::Retain)?;
    /// # stack.add("Audit", LogGroup::new().retention_in_days(365))?;
    /// # stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
    /// # let t = Template::from_app(&app, "web")?;
    /// assert!(t.check_output("LogGroup", json!({"Value": {"Ref": "Logs"}})).is_ok());
    /// let err = t.check_output("Missing", json!({})).unwrap_err();
    /// assert!(err.contains("no output `Missing`; outputs: LogGroup"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn check_output(&self, id: &str, output: impl Into<Match>) -> Result<(), String> {
        let outputs = self.json["Outputs"].as_object();
        let Some(actual) = outputs.and_then(|o| o.get(id)) else {
            let ids: Vec<&str> = outputs
                .into_iter()
                .flatten()
                .map(|(k, _)| k.as_str())
                .collect();
            return Err(format!(
                "stack `{}`: no output `{id}`; outputs: {}",
                self.stack,
                if ids.is_empty() {
                    "none".to_owned()
                } else {
                    ids.join(", ")
                }
            ));
        };
        match output.into().mismatch(actual, &format!("Outputs.{id}")) {
            None => Ok(()),
            Some(d) => Err(format!("stack `{}`: output `{id}`: {d}", self.stack)),
        }
    }

    /// Asserts that the output `id` exists and matches `output`.
    ///
    /// ```
    /// use ecs_dsl::assertions::{Match, Template};
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::cfn::logs::LogGroup;
    /// # use serde_json::json;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// # logs.set_removal_policy(RemovalPolicy::Retain)?;
    /// # stack.add("Audit", LogGroup::new().retention_in_days(365))?;
    /// # stack.add_output("LogGroup", Output::new(logs.reference()).export_name("web-logs"))?;
    /// # let t = Template::from_app(&app, "web")?;
    /// t.has_output("LogGroup", json!({"Export": {"Name": "web-logs"}}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    #[track_caller]
    pub fn has_output(&self, id: &str, output: impl Into<Match>) {
        if let Err(e) = self.check_output(id, output) {
            panic!("{e}");
        }
    }

    /// The shared search of `check_resource*`: passes when one resource of `type_` has no
    /// mismatch, else lists the resources, closest (shortest difference) first.
    fn check_some(
        &self,
        type_: &str,
        what: &str,
        mismatch: impl Fn(&Json) -> Option<matcher::Mismatch>,
    ) -> Result<(), String> {
        let mut misses: Vec<(String, matcher::Mismatch)> = Vec::new();
        for (id, r) in self.of_type(type_) {
            match mismatch(r) {
                None => return Ok(()),
                Some(d) => misses.push((id.clone(), d)),
            }
        }
        let mut msg = format!("stack `{}`: no {type_} has the expected {what}", self.stack);
        if misses.is_empty() {
            let _ = write!(msg, "; the stack has no resource of that type");
            return Err(msg);
        }
        misses.sort_by_key(|(id, d)| (d.depth_penalty(), id.clone()));
        let _ = write!(msg, "; closest first:");
        for (id, d) in misses.iter().take(3) {
            let _ = write!(msg, "\n  {id}: {d}");
        }
        if misses.len() > 3 {
            let _ = write!(msg, "\n  ({} more)", misses.len() - 3);
        }
        Err(msg)
    }
}

/// A resource's properties; a resource without any has an empty object.
fn props(r: &Json) -> Json {
    r.get("Properties")
        .cloned()
        .unwrap_or_else(|| Json::Object(serde_json::Map::new()))
}
