//! The resource trait implemented by every L1 type, and typed handles to added resources.

use std::any::Any;
use std::fmt;
use std::marker::PhantomData;
use std::rc::Rc;

use super::json::{Json, Target, ToJson};
use super::stack::StackShared;
use super::value::{Shape, Value};
use crate::error::Error;

/// A CloudFormation resource type: its type name, its properties as JSON, and what the registry
/// schema says about replacement and tagging.
///
/// The L1 types in [`cfn`](crate::cfn) implement it (generated); [`RawResource`] covers any other
/// type.
///
/// ```
/// use ecs_dsl::template::Resource;
/// use ecs_dsl::cfn::ecs::Service;
/// assert_eq!(Service::TYPE_NAME, "AWS::ECS::Service");
/// assert!(Service::CREATE_ONLY_PROPERTIES.contains(&"ServiceName"));
/// assert_eq!(Service::TAG_PROPERTY, Some("Tags"));
/// assert_eq!(Service::new().type_name(), "AWS::ECS::Service");
/// ```
pub trait Resource: ToJson + Any {
    /// The CloudFormation type name, e.g. `AWS::ECS::Cluster`.
    const TYPE_NAME: &'static str;
    /// Properties whose change replaces the resource (paths without `/properties/`).
    const CREATE_ONLY_PROPERTIES: &'static [&'static str];
    /// The property that holds the resource's tags as a `[{Key, Value}]` list, if any.
    const TAG_PROPERTY: Option<&'static str>;

    /// The type name of this value (the same as [`Resource::TYPE_NAME`] for generated types).
    fn type_name(&self) -> &str {
        Self::TYPE_NAME
    }
}

/// A resource of a type this crate has no L1 struct for: a type name and JSON properties.
///
/// ```
/// use ecs_dsl::prelude::*;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// let topic = stack.add_raw("Topic", "AWS::SNS::Topic", Json::object([("TopicName", Json::from("alerts"))]))?;
/// let arn: Value<String> = topic.get_att("TopicArn");
/// # let _ = arn;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RawResource {
    /// The CloudFormation type name.
    pub type_name: String,
    /// The `Properties` object.
    pub properties: Json,
}

impl ToJson for RawResource {
    fn to_json(&self) -> Json {
        self.properties.clone()
    }
}

impl Resource for RawResource {
    const TYPE_NAME: &'static str = "";
    const CREATE_ONLY_PROPERTIES: &'static [&'static str] = &[];
    const TAG_PROPERTY: Option<&'static str> = None;

    fn type_name(&self) -> &str {
        &self.type_name
    }
}

/// The object-safe face of [`Resource`] that stacks store.
pub(crate) trait ErasedResource: Any {
    fn properties(&self) -> Json;
    fn create_only(&self) -> &'static [&'static str];
    fn tag_property(&self) -> Option<&'static str>;
    fn is_raw(&self) -> bool;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<T: Resource> ErasedResource for T {
    fn properties(&self) -> Json {
        self.to_json()
    }
    fn create_only(&self) -> &'static [&'static str] {
        T::CREATE_ONLY_PROPERTIES
    }
    fn tag_property(&self) -> Option<&'static str> {
        T::TAG_PROPERTY
    }
    fn is_raw(&self) -> bool {
        (self as &dyn Any).is::<RawResource>()
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// `DeletionPolicy` / `UpdateReplacePolicy` of a resource.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cfn::logs::LogGroup;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// let logs = stack.add("Logs", LogGroup::new())?;
/// logs.set_removal_policy(RemovalPolicy::Retain)?;
/// let t = app.synthesize()?.stack("demo").unwrap().template_json();
/// let logs = &t["Resources"]["Logs"];
/// assert_eq!(logs["DeletionPolicy"], "Retain");
/// assert_eq!(logs["UpdateReplacePolicy"], "Retain");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemovalPolicy {
    /// Delete the resource (CloudFormation's default for most types).
    Delete,
    /// Keep the resource when it leaves the stack.
    Retain,
    /// Keep the resource unless the stack itself is deleted (`RetainExceptOnCreate`).
    RetainExceptOnCreate,
    /// Take a snapshot before deleting (only for types that support snapshots).
    Snapshot,
}

impl RemovalPolicy {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RemovalPolicy::Delete => "Delete",
            RemovalPolicy::Retain => "Retain",
            RemovalPolicy::RetainExceptOnCreate => "RetainExceptOnCreate",
            RemovalPolicy::Snapshot => "Snapshot",
        }
    }
}

/// A typed handle to a resource added to a stack.
///
/// It is returned by [`Stack::add`](crate::Stack::add) and is the only way to refer to the
/// resource, so a reference cannot dangle. Generated L1 types add typed `attr_*` methods for
/// their `Fn::GetAtt` attributes. Using a handle in another stack of the same app makes
/// synthesis export the value from this stack and import it there.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cfn::logs::LogGroup;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// let logs = stack.add("Logs", LogGroup::new().retention_in_days(30))?;
/// let arn: Value<String> = logs.attr_arn();
/// logs.set_deletion_policy(RemovalPolicy::Retain)?;
/// # let _ = arn;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub struct Handle<T> {
    pub(crate) target: Target,
    pub(crate) stack: Rc<StackShared>,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for Handle<T> {
    fn clone(&self) -> Self {
        Handle {
            target: self.target.clone(),
            stack: Rc::clone(&self.stack),
            _type: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Handle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Handle({}/{})",
            self.target.stack_name, self.target.logical_id
        )
    }
}

impl<T> Handle<T> {
    pub(crate) fn new(target: Target, stack: Rc<StackShared>) -> Self {
        Handle {
            target,
            stack,
            _type: PhantomData,
        }
    }

    /// The logical id of the resource.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new())?;
    /// assert_eq!(logs.logical_id(), "Logs");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn logical_id(&self) -> &str {
        &self.target.logical_id
    }

    /// The name of the stack the resource belongs to.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new())?;
    /// assert_eq!(logs.stack_name(), "demo");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stack_name(&self) -> &str {
        &self.target.stack_name
    }

    /// The stack the resource belongs to.
    pub(crate) fn owning_stack(&self) -> super::Stack {
        super::Stack {
            shared: Rc::clone(&self.stack),
        }
    }

    /// What this handle points at, for building expressions by hand.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// use ecs_dsl::template::TargetKind;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new())?;
    /// assert_eq!(logs.target().kind(), TargetKind::Resource);
    /// assert_eq!(logs.target().logical_id(), "Logs");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// `{"Ref": "<logical id>"}`: what `Ref` returns depends on the type (an ARN, a name or an
    /// id; see the type's AWS page).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new())?;
    /// stack.add_output("LogGroupName", Output::new(logs.reference()))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Outputs"]["LogGroupName"]["Value"], serde_json::json!({"Ref": "Logs"}));
    ///
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn reference(&self) -> Value<String> {
        Value::expr(Json::Ref(self.target.clone()))
    }

    /// `Fn::GetAtt` of an attribute by name. Generated types have typed `attr_*` methods; this
    /// is for [`RawResource`]s and attributes the schemas do not list.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let topic = stack.add_raw("Topic", "AWS::SNS::Topic", Json::Object(vec![]))?;
    /// stack.add_output("TopicName", Output::new(topic.get_att::<String>("TopicName")))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(
    ///     t["Outputs"]["TopicName"]["Value"],
    ///     serde_json::json!({"Fn::GetAtt": ["Topic", "TopicName"]})
    /// );
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn get_att<U: Shape>(&self, attribute: &str) -> Value<U> {
        let target = self.target.clone().with_list(U::IS_LIST);
        Value::expr(Json::GetAtt(target, Rc::from(attribute)))
    }

    /// Adds `DependsOn` on another resource. A resource of another stack becomes a dependency
    /// between the stacks instead (CloudFormation cannot express it inside a template).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let first = stack.add("First", LogGroup::new())?;
    /// let second = stack.add("Second", LogGroup::new())?;
    /// second.add_depends_on(&first)?;
    /// assert!(second.add_depends_on(&second).is_err());
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Resources"]["Second"]["DependsOn"], serde_json::json!(["First"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_depends_on<U>(&self, other: &Handle<U>) -> Result<(), Error> {
        if other.target == self.target {
            return Err(Error::InvalidReference {
                stack: self.target.stack_name.to_string(),
                logical_id: self.target.logical_id.to_string(),
                field: "DependsOn".to_owned(),
                reason: "a resource cannot depend on itself".to_owned(),
            });
        }
        self.stack
            .with_entry(&self.target, |e| e.depends_on.push(other.target.clone()))
    }

    /// Sets `DeletionPolicy`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new())?;
    /// logs.set_deletion_policy(RemovalPolicy::Retain)?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let logs = &t["Resources"]["Logs"];
    /// assert_eq!(logs["DeletionPolicy"], "Retain");
    /// assert_eq!(logs["UpdateReplacePolicy"], serde_json::Value::Null);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn set_deletion_policy(&self, policy: RemovalPolicy) -> Result<(), Error> {
        self.stack
            .with_entry(&self.target, |e| e.deletion_policy = Some(policy))
    }

    /// Sets `UpdateReplacePolicy`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new())?;
    /// logs.set_update_replace_policy(RemovalPolicy::Snapshot)?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let logs = &t["Resources"]["Logs"];
    /// assert_eq!(logs["UpdateReplacePolicy"], "Snapshot");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn set_update_replace_policy(&self, policy: RemovalPolicy) -> Result<(), Error> {
        self.stack
            .with_entry(&self.target, |e| e.update_replace_policy = Some(policy))
    }

    /// Sets both `DeletionPolicy` and `UpdateReplacePolicy`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new())?;
    /// logs.set_removal_policy(RemovalPolicy::RetainExceptOnCreate)?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let logs = &t["Resources"]["Logs"];
    /// assert_eq!(logs["DeletionPolicy"], "RetainExceptOnCreate");
    /// assert_eq!(logs["UpdateReplacePolicy"], "RetainExceptOnCreate");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn set_removal_policy(&self, policy: RemovalPolicy) -> Result<(), Error> {
        self.set_deletion_policy(policy)?;
        self.set_update_replace_policy(policy)
    }

    /// Sets the resource's `Metadata`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new())?;
    /// logs.set_metadata(Json::object([("Owner", Json::from("platform"))]))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let logs = &t["Resources"]["Logs"];
    /// assert_eq!(logs["Metadata"], serde_json::json!({"Owner": "platform"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn set_metadata(&self, metadata: Json) -> Result<(), Error> {
        self.stack
            .with_entry(&self.target, |e| e.metadata = Some(metadata))
    }

    /// Creates the resource only when `condition` holds (the resource's `Condition`).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new())?;
    /// let prod = stack.add_condition("IsProd", Condition::equals(intrinsic::stack_name(), "prod"))?;
    /// logs.set_condition(&prod)?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let logs = &t["Resources"]["Logs"];
    /// assert_eq!(logs["Condition"], "IsProd");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn set_condition(
        &self,
        condition: &super::condition::ConditionHandle,
    ) -> Result<(), Error> {
        let c = condition.target.clone();
        self.stack
            .with_entry(&self.target, |e| e.condition = Some(c))
    }

    /// Escape hatch: sets the value at a dot-separated `path` of the rendered resource,
    /// e.g. `Properties.DeploymentConfiguration.BakeTimeInMinutes`, creating objects on the
    /// way; a numeric segment indexes an existing array. Overrides are applied after rendering,
    /// in the order they were added, and are listed in the manifest.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new())?;
    /// logs.add_override("Properties.RetentionInDays", 7)?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let logs = &t["Resources"]["Logs"];
    /// assert_eq!(logs["Properties"], serde_json::json!({"RetentionInDays": 7}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_override(&self, path: &str, value: impl Into<Json>) -> Result<(), Error> {
        let value = value.into();
        self.stack.with_entry(&self.target, |e| {
            e.overrides
                .push(super::overrides::Override::set(path, value))
        })
    }

    /// Escape hatch: removes the value at `path` of the rendered resource (see
    /// [`Handle::add_override`]).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new().log_group_name("web").retention_in_days(7))?;
    /// logs.add_deletion_override("Properties.RetentionInDays")?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Resources"]["Logs"]["Properties"], serde_json::json!({"LogGroupName": "web"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_deletion_override(&self, path: &str) -> Result<(), Error> {
        self.stack.with_entry(&self.target, |e| {
            e.overrides.push(super::overrides::Override::delete(path))
        })
    }
}

impl<T: Resource> Handle<T> {
    /// Changes the resource after it was added, e.g. to append a policy statement.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let logs = stack.add("Logs", LogGroup::new())?;
    /// logs.update(|g| g.retention_in_days = Some(14.into()))?;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn update<R>(&self, f: impl FnOnce(&mut T) -> R) -> Result<R, Error> {
        self.stack.update_resource(&self.target, f)
    }
}
