//! Typed property values: a literal or a CloudFormation expression of the same type.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use super::json::{Json, ToJson};

/// A list whose items may each be a literal or an expression (`[{"Ref": "Sg"}, "sg-0123"]`).
///
/// ```
/// use ecs_dsl::template::{intrinsic, List, Value};
/// let groups: Value<List<String>> = Value::from(vec![Value::from("sg-0123"), intrinsic::stack_name()]);
/// assert_eq!(groups.literal().map(|l| l.len()), Some(2));
/// ```
pub type List<T> = Vec<Value<T>>;

/// A map from string keys to values that may each be a literal or an expression.
///
/// ```
/// use ecs_dsl::template::{Map, ToJson, Value, Json};
/// let labels: Value<Map<String>> = [("team", "web")].into();
/// assert_eq!(labels.to_json(), Json::object([("team", Json::from("web"))]));
/// ```
pub type Map<T> = BTreeMap<String, Value<T>>;

/// A property value of type `T`: a literal, or an expression CloudFormation resolves at deploy
/// time (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::ImportValue`, `Fn::If`, ...).
///
/// Expressions are built by typed handles (a resource's attributes, a parameter's value) and by
/// the functions in [`intrinsic`](crate::template::intrinsic); their type parameter says what they
/// resolve to, so a list expression cannot be put where a string belongs.
///
/// ```
/// use ecs_dsl::template::{Value, List, intrinsic};
/// let literal: Value<String> = "web".into();
/// let port: Value<i64> = 80.into();
/// let azs: Value<List<String>> = intrinsic::get_azs();
/// let first: Value<String> = intrinsic::select(0, azs);
/// assert!(literal.is_literal() && port.is_literal() && !first.is_literal());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Value<T> {
    /// A value known when the program runs.
    Literal(T),
    /// An expression resolved by CloudFormation.
    Expr(Expr<T>),
}

/// A CloudFormation expression that resolves to a `T`.
///
/// It is untyped JSON inside; the type parameter is the promise made by whoever built it.
///
/// ```
/// use ecs_dsl::template::{intrinsic, Value};
/// let region: Value<String> = intrinsic::region();
/// let Value::Expr(expr) = region else { panic!("an expression") };
/// assert!(expr.json().get("Ref").is_some());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Expr<T> {
    json: Json,
    _type: PhantomData<fn() -> T>,
}

impl<T> Expr<T> {
    /// The JSON of the expression.
    ///
    /// ```
    /// use ecs_dsl::template::{intrinsic, Json, Value};
    /// let Value::Expr(expr) = intrinsic::stack_name() else { unreachable!() };
    /// assert_eq!(expr.json(), &Json::object([("Ref", Json::from("AWS::StackName"))]));
    /// ```
    pub fn json(&self) -> &Json {
        &self.json
    }
}

impl<T> Value<T> {
    /// An expression from its JSON; the caller promises it resolves to a `T`.
    ///
    /// Use it for intrinsics this crate has no typed function for.
    ///
    /// ```
    /// use ecs_dsl::template::{Json, Value};
    /// let v: Value<String> = Value::expr(Json::object([("Fn::Base64", Json::from("hi"))]));
    /// assert!(!v.is_literal());
    /// ```
    pub fn expr(json: Json) -> Self {
        Value::Expr(Expr {
            json,
            _type: PhantomData,
        })
    }

    /// Whether the value is known now.
    ///
    /// ```
    /// use ecs_dsl::template::{intrinsic, Value};
    /// assert!(Value::<String>::from("web").is_literal());
    /// assert!(!intrinsic::region().is_literal());
    /// ```
    pub fn is_literal(&self) -> bool {
        matches!(self, Value::Literal(_))
    }

    /// The literal, or `None` for an expression (so static checks can skip it explicitly).
    ///
    /// ```
    /// use ecs_dsl::template::Value;
    /// assert_eq!(Value::<i64>::from(3).literal(), Some(&3));
    /// ```
    pub fn literal(&self) -> Option<&T> {
        match self {
            Value::Literal(v) => Some(v),
            Value::Expr(_) => None,
        }
    }

    /// The same expression, promised to resolve to `U` (for example a parameter whose string
    /// CloudFormation coerces to a number).
    pub(crate) fn cast<U>(self) -> Value<U>
    where
        T: ToJson,
    {
        Value::expr(self.to_json())
    }
}

impl<T: ToJson> ToJson for Value<T> {
    fn to_json(&self) -> Json {
        match self {
            Value::Literal(v) => v.to_json(),
            Value::Expr(e) => e.json.clone(),
        }
    }
}

impl<T: ToJson> From<Value<T>> for Json {
    fn from(v: Value<T>) -> Self {
        v.to_json()
    }
}

impl<T> From<T> for Value<T> {
    fn from(v: T) -> Self {
        Value::Literal(v)
    }
}

impl From<&str> for Value<String> {
    fn from(s: &str) -> Self {
        Value::Literal(s.to_owned())
    }
}

impl From<&String> for Value<String> {
    fn from(s: &String) -> Self {
        Value::Literal(s.clone())
    }
}

macro_rules! int_literals {
    ($($t:ty),*) => {$(
        impl From<$t> for Value<i64> {
            fn from(n: $t) -> Self {
                Value::Literal(i64::from(n))
            }
        }
    )*};
}
int_literals!(i8, i16, i32, u8, u16, u32);

impl From<i32> for Value<f64> {
    fn from(n: i32) -> Self {
        Value::Literal(f64::from(n))
    }
}

impl<T> From<Vec<T>> for Value<List<T>> {
    /// A list of literals.
    fn from(items: Vec<T>) -> Self {
        Value::Literal(items.into_iter().map(Value::Literal).collect())
    }
}

impl From<Vec<&str>> for Value<List<String>> {
    fn from(items: Vec<&str>) -> Self {
        Value::Literal(items.into_iter().map(Value::from).collect())
    }
}

impl<const N: usize> From<[&str; N]> for Value<List<String>> {
    fn from(items: [&str; N]) -> Self {
        Value::Literal(items.into_iter().map(Value::from).collect())
    }
}

impl From<&[&str]> for Value<List<String>> {
    fn from(items: &[&str]) -> Self {
        Value::Literal(items.iter().map(|s| Value::from(*s)).collect())
    }
}

impl<const N: usize> From<[Value<String>; N]> for Value<List<String>> {
    fn from(items: [Value<String>; N]) -> Self {
        Value::Literal(items.into_iter().collect())
    }
}

impl<K: Into<String>, V: Into<Value<String>>> FromIterator<(K, V)> for Value<Map<String>> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Value::Literal(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

impl<const N: usize> From<[(&str, &str); N]> for Value<Map<String>> {
    fn from(pairs: [(&str, &str); N]) -> Self {
        pairs.into_iter().collect()
    }
}

/// What a value looks like in JSON, as far as moving it between stacks needs to know: outputs
/// hold only strings, so a list is exported joined with commas and split again on import.
///
/// Implemented for the types references resolve to; [`Handle::get_att`](crate::Handle::get_att)
/// and parameter values need it.
///
/// ```
/// use ecs_dsl::template::{List, Shape};
/// assert!(<List<String> as Shape>::IS_LIST);
/// assert!(!<String as Shape>::IS_LIST);
/// ```
pub trait Shape {
    /// Whether values of this type are JSON arrays.
    const IS_LIST: bool = false;
}

impl Shape for String {}
impl Shape for i64 {}
impl Shape for f64 {}
impl Shape for bool {}
impl Shape for Json {}
impl<T> Shape for Vec<T> {
    const IS_LIST: bool = true;
}
impl<T> Shape for BTreeMap<String, T> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_conversions_render_as_json_literals() {
        let s: Value<String> = "x".into();
        let n: Value<i64> = 8u16.into();
        let l: Value<List<String>> = vec!["a", "b"].into();
        let m: Value<Map<String>> = [("k", "v")].into();
        assert_eq!(s.to_json(), Json::from("x"));
        assert_eq!(n.to_json(), Json::Int(8));
        assert_eq!(l.to_json(), Json::Array(vec!["a".into(), "b".into()]));
        assert_eq!(m.to_json(), Json::object([("k", Json::from("v"))]));
    }

    #[test]
    fn expressions_keep_their_json() {
        let e: Value<String> = Value::expr(Json::object([("Ref", Json::from("AWS::Region"))]));
        assert_eq!(e.literal(), None);
        assert_eq!(
            e.cast::<i64>().to_json(),
            Json::object([("Ref", Json::from("AWS::Region"))])
        );
    }
}
