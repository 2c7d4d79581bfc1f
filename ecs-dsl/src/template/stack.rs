//! A stack: one CloudFormation template under construction.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::condition::{Condition, ConditionHandle};
use super::json::{Json, Target, TargetData, TargetKind};
use super::logical_id::check_logical_id;
use super::output::Output;
use super::overrides::Override;
use super::parameter::{Parameter, ParameterHandle, ParameterSpec};
use super::resource::{ErasedResource, Handle, RawResource, RemovalPolicy, Resource};
use crate::error::{Error, Result};

/// The account and region a stack is deployed to; references between stacks of different
/// environments are rejected (exports are regional and per account).
///
/// ```
/// use ecs_dsl::template::Environment;
/// let env = Environment::new("123456789012", "us-east-1");
/// assert_eq!(env.to_string(), "123456789012/us-east-1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Environment {
    /// The account id, or `None` for "whatever the credentials say".
    pub account: Option<String>,
    /// The region, or `None` for "whatever the configuration says".
    pub region: Option<String>,
}

impl Environment {
    /// An explicit account and region.
    ///
    /// ```
    /// use ecs_dsl::template::Environment;
    /// let env = Environment::new("123456789012", "eu-west-1");
    /// assert_eq!(env.account.as_deref(), Some("123456789012"));
    /// assert_eq!(env.region.as_deref(), Some("eu-west-1"));
    /// ```
    pub fn new(account: impl Into<String>, region: impl Into<String>) -> Self {
        Environment {
            account: Some(account.into()),
            region: Some(region.into()),
        }
    }

    /// Whether two environments may share exports: fields known on both sides must match.
    pub(crate) fn compatible(&self, other: &Environment) -> bool {
        fn same(a: &Option<String>, b: &Option<String>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
        }
        same(&self.account, &other.account) && same(&self.region, &other.region)
    }
}

impl std::fmt::Display for Environment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let account = self.account.as_deref().unwrap_or("any account");
        let region = self.region.as_deref().unwrap_or("any region");
        write!(f, "{account}/{region}")
    }
}

/// One resource of a stack with its resource attributes.
pub(crate) struct Entry {
    pub(crate) logical_id: Rc<str>,
    /// `None` only while [`Handle::update`] runs.
    pub(crate) resource: Option<Box<dyn ErasedResource>>,
    pub(crate) type_name: String,
    pub(crate) depends_on: Vec<Target>,
    pub(crate) deletion_policy: Option<RemovalPolicy>,
    pub(crate) update_replace_policy: Option<RemovalPolicy>,
    pub(crate) condition: Option<Target>,
    pub(crate) metadata: Option<Json>,
    pub(crate) overrides: Vec<Override>,
}

#[derive(Default)]
pub(crate) struct StackInner {
    pub(crate) description: Option<String>,
    pub(crate) env: Environment,
    /// Resources and parameters share CloudFormation's `Ref` namespace: id -> owner.
    pub(crate) ref_ids: BTreeMap<String, String>,
    pub(crate) condition_ids: BTreeMap<String, String>,
    pub(crate) output_ids: BTreeMap<String, String>,
    pub(crate) mapping_ids: BTreeMap<String, String>,
    pub(crate) resources: Vec<Entry>,
    pub(crate) resource_index: BTreeMap<Rc<str>, usize>,
    pub(crate) parameters: Vec<(Rc<str>, ParameterSpec)>,
    pub(crate) conditions: Vec<(Rc<str>, Json)>,
    pub(crate) outputs: Vec<(String, Output)>,
    pub(crate) mappings: Vec<(String, Json)>,
    pub(crate) metadata: Vec<(String, Json)>,
    pub(crate) tags: Vec<(String, String)>,
    /// Declared dependencies: (app, stack index, stack name).
    pub(crate) dependencies: Vec<(u64, usize, Rc<str>)>,
}

pub(crate) struct StackShared {
    pub(crate) app: u64,
    pub(crate) index: usize,
    pub(crate) name: Rc<str>,
    pub(crate) inner: RefCell<StackInner>,
}

impl StackShared {
    pub(crate) fn target(&self, logical_id: Rc<str>, kind: TargetKind) -> Target {
        Target::new(TargetData {
            app: self.app,
            stack: self.index,
            stack_name: Rc::clone(&self.name),
            logical_id,
            kind,
            list: false,
        })
    }

    fn busy(&self, target: &Target) -> Error {
        Error::ResourceBusy {
            stack: self.name.to_string(),
            logical_id: target.logical_id.to_string(),
        }
    }

    /// Runs `f` on the entry of a resource of this stack.
    pub(crate) fn with_entry<R>(
        &self,
        target: &Target,
        f: impl FnOnce(&mut Entry) -> R,
    ) -> Result<R> {
        let mut inner = self.inner.try_borrow_mut().map_err(|_| self.busy(target))?;
        let at = *inner
            .resource_index
            .get(&target.logical_id)
            .ok_or_else(|| self.busy(target))?;
        Ok(f(&mut inner.resources[at]))
    }

    /// Takes the resource out, runs `f` on it without holding any borrow of the stack (so `f`
    /// may use the stack), and puts it back.
    pub(crate) fn update_resource<T: Resource, R>(
        &self,
        target: &Target,
        f: impl FnOnce(&mut T) -> R,
    ) -> Result<R> {
        let mut boxed = self
            .with_entry(target, |e| e.resource.take())?
            .ok_or_else(|| self.busy(target))?;
        let result = boxed.as_any_mut().downcast_mut::<T>().map(f);
        self.with_entry(target, |e| e.resource = Some(boxed))?;
        result.ok_or_else(|| self.busy(target))
    }
}

/// A stack: one CloudFormation template, created by [`App::stack`](crate::App::stack).
///
/// `Stack` is a cheap handle (clone it freely); everything added through any clone lands in the
/// same template. Logical ids are the ids you give, checked against rule F3.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cfn::ecs::Cluster;
/// let mut app = App::new();
/// let network = app.stack("network")?;
/// let web = app.stack("web")?.depends_on(&network);
/// web.set_description("The web tier");
/// let cluster = web.add("Cluster", Cluster::new())?;
/// assert_eq!(cluster.logical_id(), "Cluster");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Clone)]
pub struct Stack {
    pub(crate) shared: Rc<StackShared>,
}

impl std::fmt::Debug for Stack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stack({})", self.shared.name)
    }
}

fn claim(ids: &mut BTreeMap<String, String>, stack: &str, id: &str, owner: String) -> Result<()> {
    check_logical_id(stack, id, &owner)?;
    if let Some(first) = ids.get(id) {
        return Err(Error::DuplicateLogicalId {
            stack: stack.to_owned(),
            id: id.to_owned(),
            first: first.clone(),
            second: owner,
        });
    }
    ids.insert(id.to_owned(), owner);
    Ok(())
}

impl Stack {
    pub(crate) fn new(app: u64, index: usize, name: &str) -> Self {
        Stack {
            shared: Rc::new(StackShared {
                app,
                index,
                name: Rc::from(name),
                inner: RefCell::new(StackInner::default()),
            }),
        }
    }

    fn inner(&self) -> std::cell::RefMut<'_, StackInner> {
        // Borrows are never held across user code (see `update_resource`), so this cannot
        // conflict.
        self.shared.inner.borrow_mut()
    }

    /// The stack's position in its app (0 for the first stack added).
    pub(crate) fn index(&self) -> usize {
        self.shared.index
    }

    /// The stack's name (the CloudFormation stack name).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// assert_eq!(stack.name(), "web");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.shared.name
    }

    /// Sets the template's `Description`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.set_description("The web tier");
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Description"], "The web tier");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn set_description(&self, description: impl Into<String>) -> &Self {
        self.inner().description = Some(description.into());
        self
    }

    /// Sets the account and region; see [`Environment`].
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::ecs::Cluster;
    /// let mut app = App::new();
    /// let base = app.stack("base")?;
    /// base.set_environment(Environment::new("111111111111", "us-east-1"));
    /// let cluster = base.add("Cluster", Cluster::new())?;
    /// let web = app.stack("web")?;
    /// web.set_environment(Environment::new("111111111111", "eu-west-1"));
    /// web.add_output("Cluster", Output::new(cluster.reference()))?;
    /// // Exports are regional: the reference from eu-west-1 to us-east-1 is rejected.
    /// assert!(app.synthesize().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn set_environment(&self, env: Environment) -> &Self {
        self.inner().env = env;
        self
    }

    /// Makes this stack deploy after `other` (for ordering without a reference; references add
    /// the dependency on their own). Returns the stack for chaining.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let network = app.stack("network")?;
    /// let web = app.stack("web")?.depends_on(&network);
    /// let assembly = app.synthesize()?;
    /// assert_eq!(assembly.stack(web.name()).unwrap().dependencies, ["network"]);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn depends_on(self, other: &Stack) -> Self {
        self.add_dependency(other);
        self
    }

    /// Makes this stack deploy after `other`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let web = app.stack("web")?;
    /// let network = app.stack("network")?;
    /// web.add_dependency(&network);
    /// let assembly = app.synthesize()?;
    /// // Dependencies come first.
    /// let order: Vec<&str> = assembly.stacks.iter().map(|s| s.name.as_str()).collect();
    /// assert_eq!(order, ["network", "web"]);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_dependency(&self, other: &Stack) {
        let dep = (
            other.shared.app,
            other.shared.index,
            Rc::clone(&other.shared.name),
        );
        let mut inner = self.inner();
        if !inner.dependencies.contains(&dep) {
            inner.dependencies.push(dep);
        }
    }

    /// Adds a resource with the logical id `id` and returns its typed handle.
    ///
    /// Fails when `id` is not `[A-Za-z0-9]{1,255}` or is already used by a resource or a
    /// parameter of this stack (rule F3).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::ecs::Cluster;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add("Cluster", Cluster::new().cluster_name("web"))?;
    /// assert!(stack.add("Cluster", Cluster::new()).is_err()); // the id is taken
    /// assert!(stack.add("my-cluster", Cluster::new()).is_err()); // not alphanumeric
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Resources"]["Cluster"]["Type"], "AWS::ECS::Cluster");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add<T: Resource>(&self, id: &str, resource: T) -> Result<Handle<T>> {
        self.add_owned(id, resource, "the program")
    }

    /// Like [`Stack::add`], naming who adds the resource (a construct's path) so that a clash
    /// of ids names both owners.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::ecs::Cluster;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_owned("Cluster", Cluster::new(), "web/cluster")?;
    /// let clash = stack.add("Cluster", Cluster::new()).unwrap_err();
    /// assert!(clash.to_string().contains("web/cluster"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_owned<T: Resource>(&self, id: &str, resource: T, owner: &str) -> Result<Handle<T>> {
        let type_name = resource.type_name().to_owned();
        let owner = format!("{type_name} (added by {owner})");
        let mut inner = self.inner();
        claim(&mut inner.ref_ids, &self.shared.name, id, owner)?;
        let logical_id: Rc<str> = Rc::from(id);
        let at = inner.resources.len();
        inner.resources.push(Entry {
            logical_id: Rc::clone(&logical_id),
            resource: Some(Box::new(resource)),
            type_name,
            depends_on: Vec::new(),
            deletion_policy: None,
            update_replace_policy: None,
            condition: None,
            metadata: None,
            overrides: Vec::new(),
        });
        inner.resource_index.insert(Rc::clone(&logical_id), at);
        drop(inner);
        let target = self.shared.target(logical_id, TargetKind::Resource);
        Ok(Handle::new(target, Rc::clone(&self.shared)))
    }

    /// Escape hatch: adds a resource of any type from its type name and JSON properties. It is
    /// listed as raw in the manifest.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_raw("Topic", "AWS::SNS::Topic", Json::object([("TopicName", Json::from("alerts"))]))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Resources"]["Topic"]["Type"], "AWS::SNS::Topic");
    /// assert_eq!(t["Resources"]["Topic"]["Properties"]["TopicName"], "alerts");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_raw(
        &self,
        id: &str,
        type_name: &str,
        properties: Json,
    ) -> Result<Handle<RawResource>> {
        self.add(
            id,
            RawResource {
                type_name: type_name.to_owned(),
                properties,
            },
        )
    }

    /// Adds a template parameter; its handle's [`value`](ParameterHandle::value) is a
    /// `{"Ref": id}` of the parameter's type.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let vpc = stack.add_parameter("VpcId", Parameter::vpc_id().description("The VPC"))?;
    /// let id: Value<String> = vpc.value();
    /// # let _ = id;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_parameter<T: super::value::Shape>(
        &self,
        id: &str,
        parameter: Parameter<T>,
    ) -> Result<ParameterHandle<T>> {
        let spec = parameter.into_spec();
        let owner = format!("parameter ({})", spec.type_name());
        let mut inner = self.inner();
        claim(&mut inner.ref_ids, &self.shared.name, id, owner)?;
        let logical_id: Rc<str> = Rc::from(id);
        inner.parameters.push((Rc::clone(&logical_id), spec));
        drop(inner);
        Ok(ParameterHandle::new(
            self.shared.target(logical_id, TargetKind::Parameter),
        ))
    }

    /// Adds a condition (`Conditions` section); use its handle with
    /// [`intrinsic::if_`](crate::template::intrinsic::if_) or [`Handle::set_condition`].
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let env = stack.add_parameter("Env", Parameter::string().allowed_values(["prod", "dev"]))?;
    /// let prod = stack.add_condition("IsProd", Condition::equals(env.value(), "prod"))?;
    /// let count: Value<i64> = intrinsic::if_(&prod, 4.into(), 1.into());
    /// # let _ = count;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_condition(&self, id: &str, condition: Condition) -> Result<ConditionHandle> {
        let mut inner = self.inner();
        claim(
            &mut inner.condition_ids,
            &self.shared.name,
            id,
            "condition".to_owned(),
        )?;
        let logical_id: Rc<str> = Rc::from(id);
        inner
            .conditions
            .push((Rc::clone(&logical_id), condition.into_json()));
        drop(inner);
        Ok(ConditionHandle {
            target: self.shared.target(logical_id, TargetKind::Condition),
        })
    }

    /// Adds an output (`Outputs` section), optionally exported.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_output("Region", Output::new(intrinsic::region()).description("Where it runs"))?;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_output(&self, id: &str, output: Output) -> Result<()> {
        let mut inner = self.inner();
        claim(
            &mut inner.output_ids,
            &self.shared.name,
            id,
            "output".to_owned(),
        )?;
        inner.outputs.push((id.to_owned(), output));
        Ok(())
    }

    /// Adds a mapping (`Mappings` section): top-level key -> second-level key -> value. Read it
    /// with [`intrinsic::find_in_map`](crate::template::intrinsic::find_in_map).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let amis = Json::object([("us-east-1", Json::object([("Id", Json::from("ami-0123"))]))]);
    /// stack.add_mapping("Amis", amis)?;
    /// let ami: Value<String> = intrinsic::find_in_map("Amis", intrinsic::region(), "Id");
    /// stack.add_output("Ami", Output::new(ami))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Mappings"]["Amis"]["us-east-1"]["Id"], "ami-0123");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_mapping(&self, id: &str, mapping: Json) -> Result<()> {
        let mut inner = self.inner();
        claim(
            &mut inner.mapping_ids,
            &self.shared.name,
            id,
            "mapping".to_owned(),
        )?;
        inner.mappings.push((id.to_owned(), mapping));
        Ok(())
    }

    /// Sets a key of the template's `Metadata` section.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.set_metadata("Owner", Json::from("platform"));
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(t["Metadata"]["Owner"], "platform");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn set_metadata(&self, key: impl Into<String>, value: Json) -> &Self {
        let key = key.into();
        let mut inner = self.inner();
        match inner.metadata.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => inner.metadata.push((key, value)),
        }
        self
    }

    /// Adds a stack tag. CloudFormation copies stack tags to every resource that supports tags;
    /// they are recorded in the manifest for the deploy step and checked against rule T26.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_tag("team", "platform").add_tag("team", "web");
    /// let assembly = app.synthesize()?;
    /// // Stack tags are deploy-time settings: they are in the manifest, not in the template.
    /// assert!(assembly.manifest().contains("\"team\""));
    /// assert!(assembly.manifest().contains("\"web\""));
    /// assert!(!assembly.manifest().contains("\"platform\""));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_tag(&self, key: impl Into<String>, value: impl Into<String>) -> &Self {
        let (key, value) = (key.into(), value.into());
        let mut inner = self.inner();
        match inner.tags.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => inner.tags.push((key, value)),
        }
        self
    }

    /// How many resources the stack holds so far (exports added by synthesis are outputs, not
    /// resources).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::ecs::Cluster;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// assert_eq!(stack.resource_count(), 0);
    /// stack.add("Cluster", Cluster::new())?;
    /// assert_eq!(stack.resource_count(), 1);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn resource_count(&self) -> usize {
        self.inner().resources.len()
    }
}
