//! Typed CloudFormation intrinsic functions and pseudo parameters.
//!
//! Each function returns a [`Value`] of what the expression resolves to, so results plug into
//! typed properties. References to resources go through handles (`handle.reference()`,
//! `handle.attr_arn()`), which keeps them checkable and lets them cross stacks.

use super::condition::ConditionHandle;
use super::json::{Json, ToJson};
use super::value::{List, Value};

fn call(name: &str, args: Json) -> Json {
    Json::object([(name, args)])
}

fn pseudo(name: &str) -> Value<String> {
    Value::expr(call("Ref", Json::from(name)))
}

/// `AWS::AccountId`.
///
/// ```
/// use ecs_dsl::template::{intrinsic, ToJson};
/// assert_eq!(intrinsic::account_id().to_json().get("Ref").and_then(|r| r.as_str()), Some("AWS::AccountId"));
/// ```
pub fn account_id() -> Value<String> {
    pseudo("AWS::AccountId")
}

/// `AWS::Region`.
pub fn region() -> Value<String> {
    pseudo("AWS::Region")
}

/// `AWS::Partition` (`aws`, `aws-cn`, `aws-us-gov`...).
pub fn partition() -> Value<String> {
    pseudo("AWS::Partition")
}

/// `AWS::StackName`.
pub fn stack_name() -> Value<String> {
    pseudo("AWS::StackName")
}

/// `AWS::StackId`.
pub fn stack_id() -> Value<String> {
    pseudo("AWS::StackId")
}

/// `AWS::URLSuffix` (`amazonaws.com`, `amazonaws.com.cn`).
pub fn url_suffix() -> Value<String> {
    pseudo("AWS::URLSuffix")
}

/// `AWS::NotificationARNs`.
pub fn notification_arns() -> Value<List<String>> {
    Value::expr(call("Ref", Json::from("AWS::NotificationARNs")))
}

/// `AWS::NoValue`: removes the property, typically in one branch of [`if_`].
pub fn no_value<T>() -> Value<T> {
    Value::expr(call("Ref", Json::from("AWS::NoValue")))
}

/// `Fn::Sub` of a template that uses only pseudo parameters and parameters by name, e.g.
/// `"arn:${AWS::Partition}:s3:::logs-${AWS::AccountId}"`. To substitute resource values use
/// [`sub_with`], which keeps them typed and lets them cross stacks.
pub fn sub(template: impl Into<String>) -> Value<String> {
    Value::expr(call("Fn::Sub", Json::Str(template.into())))
}

/// `Fn::Sub` with variables: `${Name}` in the template is replaced by the variable's value.
///
/// ```
/// use ecs_dsl::prelude::*;
/// let url: Value<String> = intrinsic::sub_with(
///     "https://${Host}/health",
///     [("Host", Value::from("example.com"))],
/// );
/// # let _ = url;
/// ```
pub fn sub_with<K: Into<String>>(
    template: impl Into<String>,
    variables: impl IntoIterator<Item = (K, Value<String>)>,
) -> Value<String> {
    let vars = Json::object(variables.into_iter().map(|(k, v)| (k, v.to_json())));
    Value::expr(call(
        "Fn::Sub",
        Json::Array(vec![Json::Str(template.into()), vars]),
    ))
}

/// `Fn::Join` of strings with a delimiter.
///
/// ```
/// use ecs_dsl::prelude::*;
/// let name = intrinsic::join("-", [intrinsic::stack_name(), "web".into()]);
/// # let _ = name;
/// ```
pub fn join(delimiter: &str, parts: impl IntoIterator<Item = Value<String>>) -> Value<String> {
    let parts = Json::Array(parts.into_iter().map(|p| p.to_json()).collect());
    Value::expr(call(
        "Fn::Join",
        Json::Array(vec![Json::from(delimiter), parts]),
    ))
}

/// `Fn::Join` of a list value (e.g. a `List<...>` parameter).
pub fn join_list(delimiter: &str, list: Value<List<String>>) -> Value<String> {
    Value::expr(call(
        "Fn::Join",
        Json::Array(vec![Json::from(delimiter), list.to_json()]),
    ))
}

/// `Fn::Select`: the item at `index` of a list.
pub fn select<T: ToJson>(index: u32, list: Value<List<T>>) -> Value<T> {
    Value::expr(call(
        "Fn::Select",
        Json::Array(vec![Json::Int(index.into()), list.to_json()]),
    ))
}

/// `Fn::Split`: a string split at a delimiter.
pub fn split(delimiter: &str, source: Value<String>) -> Value<List<String>> {
    Value::expr(call(
        "Fn::Split",
        Json::Array(vec![Json::from(delimiter), source.to_json()]),
    ))
}

/// `Fn::GetAZs` of the stack's region.
pub fn get_azs() -> Value<List<String>> {
    Value::expr(call("Fn::GetAZs", Json::from("")))
}

/// `Fn::GetAZs` of a named region.
pub fn get_azs_in(region: impl Into<Value<String>>) -> Value<List<String>> {
    Value::expr(call("Fn::GetAZs", region.into().to_json()))
}

/// `Fn::ImportValue` of an export made outside this app. Exports between stacks of one app are
/// made and imported automatically when a handle is used across stacks.
pub fn import_value<T>(export_name: impl Into<Value<String>>) -> Value<T> {
    Value::expr(call("Fn::ImportValue", export_name.into().to_json()))
}

/// `Fn::If`: `when_true` if the condition holds, else `when_false`.
pub fn if_<T: ToJson>(
    condition: &ConditionHandle,
    when_true: Value<T>,
    when_false: Value<T>,
) -> Value<T> {
    Value::expr(call(
        "Fn::If",
        Json::Array(vec![
            Json::ConditionName(condition.target.clone()),
            when_true.to_json(),
            when_false.to_json(),
        ]),
    ))
}

/// `Fn::FindInMap` of a mapping added with [`Stack::add_mapping`](crate::Stack::add_mapping).
pub fn find_in_map<T>(
    mapping: &str,
    top_level_key: impl Into<Value<String>>,
    second_level_key: impl Into<Value<String>>,
) -> Value<T> {
    Value::expr(call(
        "Fn::FindInMap",
        Json::Array(vec![
            Json::from(mapping),
            top_level_key.into().to_json(),
            second_level_key.into().to_json(),
        ]),
    ))
}

/// `Fn::Base64` (for EC2 user data).
pub fn base64(value: impl Into<Value<String>>) -> Value<String> {
    Value::expr(call("Fn::Base64", value.into().to_json()))
}

/// `Fn::Cidr`: `count` CIDR blocks of `cidr_bits` host bits carved from `block`.
pub fn cidr(block: impl Into<Value<String>>, count: u32, cidr_bits: u32) -> Value<List<String>> {
    Value::expr(call(
        "Fn::Cidr",
        Json::Array(vec![
            block.into().to_json(),
            Json::Int(count.into()),
            Json::Int(cidr_bits.into()),
        ]),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_render_cloudformation_json() {
        let v = select(1, split(",", "a,b".into())).to_json();
        assert_eq!(
            v,
            Json::object([(
                "Fn::Select",
                Json::Array(vec![
                    Json::Int(1),
                    Json::object([(
                        "Fn::Split",
                        Json::Array(vec![Json::from(","), Json::from("a,b")])
                    )])
                ])
            )])
        );
        assert_eq!(
            get_azs().to_json(),
            Json::object([("Fn::GetAZs", Json::from(""))])
        );
        let j = join("-", [region(), "x".into()]).to_json();
        assert!(j.get("Fn::Join").is_some());
    }
}
