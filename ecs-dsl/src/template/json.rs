//! The JSON tree every template is built from, with nodes for references that are resolved at
//! synthesis (same-stack `Ref`/`Fn::GetAtt`, or a cross-stack export and `Fn::ImportValue`).

use std::collections::BTreeMap;
use std::rc::Rc;

/// A JSON value that may hold references to resources, parameters and conditions.
///
/// References stay symbolic until [`App::synthesize`](crate::App::synthesize) knows which stack
/// renders them: in the stack that owns the target they become `Ref` / `Fn::GetAtt`, in any other
/// stack an `Fn::ImportValue` of an export that synthesis adds to the owner.
///
/// Objects keep the order their keys were inserted in; setting an existing key replaces it.
///
/// ```
/// use ecs_dsl::template::Json;
/// let doc = Json::object([("Version", Json::from("2012-10-17")), ("Statement", Json::Array(vec![]))]);
/// assert_eq!(doc.get("Version"), Some(&Json::from("2012-10-17")));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating point number; it must be finite to be rendered.
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, in insertion order.
    Object(Vec<(String, Json)>),
    /// `{"Ref": ...}` to a resource or parameter of this or another stack.
    Ref(Target),
    /// `{"Fn::GetAtt": [...]}` of a resource of this or another stack.
    GetAtt(Target, Rc<str>),
    /// The name of a condition, as used by `Fn::If` and `{"Condition": ...}`.
    ConditionName(Target),
}

/// What a reference points at: one resource, parameter or condition of one stack of one app.
///
/// Targets are created only by the stack that owns the element, so a reference can never
/// point at something that does not exist. A target is a shared pointer, so that a [`Json`]
/// node stays small (32 bytes) and cloning a reference costs a counter increment.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::template::TargetKind;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// let env = stack.add_parameter("Env", Parameter::string())?;
/// let Json::Ref(target) = Json::from(env.value()) else { unreachable!() };
/// assert_eq!((target.stack_name(), target.logical_id()), ("demo", "Env"));
/// assert_eq!(target.kind(), TargetKind::Parameter);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target(Rc<TargetData>);

/// The fields of a [`Target`].
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TargetData {
    pub(crate) app: u64,
    pub(crate) stack: usize,
    pub(crate) stack_name: Rc<str>,
    pub(crate) logical_id: Rc<str>,
    pub(crate) kind: TargetKind,
    /// Whether the referenced value is a list (CloudFormation outputs hold only strings, so a
    /// list crosses stacks joined with commas and is split again on import).
    pub(crate) list: bool,
}

impl std::ops::Deref for Target {
    type Target = TargetData;

    fn deref(&self) -> &TargetData {
        &self.0
    }
}

impl Target {
    pub(crate) fn new(data: TargetData) -> Self {
        Target(Rc::new(data))
    }

    /// The same target, saying whether its value is a list.
    pub(crate) fn with_list(mut self, list: bool) -> Self {
        if self.0.list != list {
            Rc::make_mut(&mut self.0).list = list;
        }
        self
    }
}

/// The namespace a [`Target`] lives in.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::template::TargetKind;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// let env = stack.add_parameter("Env", Parameter::string())?;
/// let Json::Ref(target) = Json::from(env.value()) else { unreachable!() };
/// assert_eq!(target.kind(), TargetKind::Parameter);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetKind {
    /// A resource.
    Resource,
    /// A template parameter.
    Parameter,
    /// A template condition.
    Condition,
}

impl std::fmt::Debug for Target {
    /// `Target(stack/LogicalId)`: no app id, which depends on how many apps the process made, so
    /// that debug output (and snapshots of it) stays deterministic.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Target({}/{})", self.stack_name, self.logical_id)
    }
}

impl Target {
    /// The logical id of the element in its stack.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::template::TargetKind;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let env = stack.add_parameter("Env", Parameter::string())?;
    /// let Json::Ref(target) = Json::from(env.value()) else { unreachable!() };
    /// assert_eq!(target.logical_id(), "Env");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn logical_id(&self) -> &str {
        &self.logical_id
    }

    /// The name of the stack that owns the element.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::template::TargetKind;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let env = stack.add_parameter("Env", Parameter::string())?;
    /// let Json::Ref(target) = Json::from(env.value()) else { unreachable!() };
    /// assert_eq!(target.stack_name(), "demo");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stack_name(&self) -> &str {
        &self.stack_name
    }

    /// Whether this is a resource, a parameter or a condition.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::template::TargetKind;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let env = stack.add_parameter("Env", Parameter::string())?;
    /// let Json::Ref(target) = Json::from(env.value()) else { unreachable!() };
    /// assert_eq!(target.kind(), TargetKind::Parameter);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn kind(&self) -> TargetKind {
        self.kind
    }
}

impl Json {
    /// An object from key/value pairs (a later duplicate key replaces an earlier one).
    ///
    /// ```
    /// use ecs_dsl::template::Json;
    /// let o = Json::object([("A", Json::Int(1)), ("A", Json::Int(2))]);
    /// assert_eq!(o, Json::Object(vec![("A".into(), Json::Int(2))]));
    /// ```
    pub fn object<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Json)>) -> Json {
        let mut out = Json::Object(Vec::new());
        for (k, v) in pairs {
            out.insert(k, v);
        }
        out
    }

    /// Sets `key` in an object (replacing an existing value); does nothing on other values.
    ///
    /// ```
    /// use ecs_dsl::template::Json;
    /// let mut o = Json::Object(vec![]);
    /// o.insert("Key", Json::from("v"));
    /// assert_eq!(o.get("Key"), Some(&Json::from("v")));
    /// ```
    pub fn insert(&mut self, key: impl Into<String>, value: Json) {
        if let Json::Object(entries) = self {
            let key = key.into();
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => entries.push((key, value)),
            }
        }
    }

    /// The value of `key` in an object.
    ///
    /// ```
    /// use ecs_dsl::template::Json;
    /// assert_eq!(Json::Null.get("x"), None);
    /// ```
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A mutable reference to the value of `key` in an object.
    ///
    /// ```
    /// use ecs_dsl::template::Json;
    /// let mut o = Json::object([("N", Json::Int(1))]);
    /// if let Some(n) = o.get_mut("N") { *n = Json::Int(2); }
    /// assert_eq!(o.get("N"), Some(&Json::Int(2)));
    /// ```
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        match self {
            Json::Object(entries) => entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Removes `key` from an object and returns its value.
    ///
    /// ```
    /// use ecs_dsl::template::Json;
    /// let mut o = Json::object([("N", Json::Int(1))]);
    /// assert_eq!(o.remove("N"), Some(Json::Int(1)));
    /// assert_eq!(o, Json::Object(vec![]));
    /// ```
    pub fn remove(&mut self, key: &str) -> Option<Json> {
        match self {
            Json::Object(entries) => {
                let at = entries.iter().position(|(k, _)| k == key)?;
                Some(entries.remove(at).1)
            }
            _ => None,
        }
    }

    /// The string, if this is one.
    ///
    /// ```
    /// use ecs_dsl::template::Json;
    /// assert_eq!(Json::from("a").as_str(), Some("a"));
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this value (or anything inside it) is a reference or an intrinsic function, i.e.
    /// something whose value is known only when CloudFormation resolves it.
    ///
    /// ```
    /// use ecs_dsl::template::{Json, intrinsic};
    /// assert!(!Json::from("literal").is_unresolved());
    /// assert!(Json::from(intrinsic::region()).is_unresolved());
    /// ```
    pub fn is_unresolved(&self) -> bool {
        match self {
            Json::Ref(_) | Json::GetAtt(..) | Json::ConditionName(_) => true,
            Json::Array(items) => items.iter().any(Json::is_unresolved),
            Json::Object(entries) => {
                entries.len() == 1 && (entries[0].0 == "Ref" || entries[0].0.starts_with("Fn::"))
                    || entries.iter().any(|(_, v)| v.is_unresolved())
            }
            _ => false,
        }
    }

    /// Calls `f` with every node of this tree and the path of the field that holds it
    /// (`Properties.Cluster`, `Tags[2].Value`), depth first; stops at the first error.
    pub(crate) fn walk<'a, E>(
        &'a self,
        path: &mut String,
        f: &mut dyn FnMut(&str, &'a Json) -> Result<(), E>,
    ) -> Result<(), E> {
        f(path, self)?;
        match self {
            Json::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    item.walk(path, f)?;
                    path.truncate(len);
                }
            }
            Json::Object(entries) => {
                for (k, v) in entries {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                    v.walk(path, f)?;
                    path.truncate(len);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::Str(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::Str(s)
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

impl From<i64> for Json {
    fn from(n: i64) -> Self {
        Json::Int(n)
    }
}

impl From<i32> for Json {
    fn from(n: i32) -> Self {
        Json::Int(n.into())
    }
}

impl From<f64> for Json {
    fn from(n: f64) -> Self {
        Json::Float(n)
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Self {
        Json::Array(items)
    }
}

impl From<serde_json::Value> for Json {
    /// Converts plain JSON; object keys come out sorted (serde_json's map order).
    fn from(v: serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Json::Int(i),
                None => Json::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            serde_json::Value::String(s) => Json::Str(s),
            serde_json::Value::Array(a) => Json::Array(a.into_iter().map(Json::from).collect()),
            serde_json::Value::Object(o) => {
                Json::Object(o.into_iter().map(|(k, v)| (k, Json::from(v))).collect())
            }
        }
    }
}

/// Conversion of a property value into the template's [`Json`] tree.
///
/// Every generated L1 type implements it; so do the literal types and [`Value`](crate::Value).
///
/// ```
/// use ecs_dsl::template::{Json, ToJson};
/// assert_eq!(vec![1i64, 2].to_json(), Json::Array(vec![Json::Int(1), Json::Int(2)]));
/// ```
pub trait ToJson {
    /// The JSON form of `self`.
    fn to_json(&self) -> Json;
}

impl ToJson for Json {
    fn to_json(&self) -> Json {
        self.clone()
    }
}

impl ToJson for String {
    fn to_json(&self) -> Json {
        Json::Str(self.clone())
    }
}

impl ToJson for str {
    fn to_json(&self) -> Json {
        Json::Str(self.to_owned())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Json {
        Json::Bool(*self)
    }
}

impl ToJson for i64 {
    fn to_json(&self) -> Json {
        Json::Int(*self)
    }
}

impl ToJson for f64 {
    fn to_json(&self) -> Json {
        Json::Float(*self)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Json {
        Json::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for BTreeMap<String, T> {
    fn to_json(&self) -> Json {
        Json::Object(self.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Json {
        (**self).to_json()
    }
}

/// Builds the JSON object of a generated property struct; absent optional fields are omitted.
///
/// ```
/// use ecs_dsl::template::{Json, ObjectBuilder, Value};
/// let name: Option<Value<String>> = Some("web".into());
/// let port: Option<Value<i64>> = None;
/// let mut o = ObjectBuilder::new();
/// o.opt("Name", &name);
/// o.opt("Port", &port);
/// assert_eq!(o.build(), Json::object([("Name", Json::from("web"))]));
/// ```
#[derive(Debug, Default)]
pub struct ObjectBuilder {
    entries: Vec<(String, Json)>,
}

impl ObjectBuilder {
    /// An empty object.
    ///
    /// ```
    /// use ecs_dsl::template::{Json, ObjectBuilder};
    /// assert_eq!(ObjectBuilder::new().build(), Json::Object(vec![]));
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a field that is always present.
    ///
    /// ```
    /// use ecs_dsl::template::{Json, ObjectBuilder, Value};
    /// let name: Value<String> = "web".into();
    /// let mut o = ObjectBuilder::new();
    /// o.req("Name", &name);
    /// assert_eq!(o.build(), Json::object([("Name", Json::from("web"))]));
    /// ```
    pub fn req<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.entries.push((key.to_owned(), value.to_json()));
    }

    /// Adds a field when it is set.
    ///
    /// ```
    /// use ecs_dsl::template::{Json, ObjectBuilder, Value};
    /// let (set, unset): (Option<Value<i64>>, Option<Value<i64>>) = (Some(80.into()), None);
    /// let mut o = ObjectBuilder::new();
    /// o.opt("Port", &set);
    /// o.opt("Weight", &unset);
    /// assert_eq!(o.build(), Json::object([("Port", Json::Int(80))]));
    /// ```
    pub fn opt<T: ToJson>(&mut self, key: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.entries.push((key.to_owned(), v.to_json()));
        }
    }

    /// The finished object.
    ///
    /// ```
    /// use ecs_dsl::template::{Json, ObjectBuilder};
    /// let mut o = ObjectBuilder::new();
    /// o.req("A", &Json::Int(1));
    /// o.req("B", &Json::Bool(true));
    /// assert_eq!(o.build(), Json::object([("A", Json::Int(1)), ("B", Json::Bool(true))]));
    /// ```
    pub fn build(self) -> Json {
        Json::Object(self.entries)
    }
}

#[cfg(test)]
mod tests {
    use super::Json;

    /// Every resource property is a tree of these: RN(200) holds about a million of them, so
    /// a reference must not widen the enum (it did at 72 bytes, before `Target` was a pointer).
    #[test]
    fn a_json_node_is_four_words() {
        assert_eq!(std::mem::size_of::<Json>(), 32);
    }
}
