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
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// assert_eq!(intrinsic::region().to_json(), Json::from(json!({"Ref": "AWS::Region"})));
/// ```
pub fn region() -> Value<String> {
    pseudo("AWS::Region")
}

/// `AWS::Partition` (`aws`, `aws-cn`, `aws-us-gov`...).
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// assert_eq!(intrinsic::partition().to_json(), Json::from(json!({"Ref": "AWS::Partition"})));
/// ```
pub fn partition() -> Value<String> {
    pseudo("AWS::Partition")
}

/// `AWS::StackName`.
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// assert_eq!(intrinsic::stack_name().to_json(), Json::from(json!({"Ref": "AWS::StackName"})));
/// ```
pub fn stack_name() -> Value<String> {
    pseudo("AWS::StackName")
}

/// `AWS::StackId`.
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// assert_eq!(intrinsic::stack_id().to_json(), Json::from(json!({"Ref": "AWS::StackId"})));
/// ```
pub fn stack_id() -> Value<String> {
    pseudo("AWS::StackId")
}

/// `AWS::URLSuffix` (`amazonaws.com`, `amazonaws.com.cn`).
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// assert_eq!(intrinsic::url_suffix().to_json(), Json::from(json!({"Ref": "AWS::URLSuffix"})));
/// ```
pub fn url_suffix() -> Value<String> {
    pseudo("AWS::URLSuffix")
}

/// `AWS::NotificationARNs`.
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// let arns = intrinsic::notification_arns();
/// assert_eq!(arns.to_json(), Json::from(json!({"Ref": "AWS::NotificationARNs"})));
/// ```
pub fn notification_arns() -> Value<List<String>> {
    Value::expr(call("Ref", Json::from("AWS::NotificationARNs")))
}

/// `AWS::NoValue`: removes the property, typically in one branch of [`if_`].
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// let none = intrinsic::no_value::<String>();
/// assert_eq!(none.to_json(), Json::from(json!({"Ref": "AWS::NoValue"})));
/// ```
pub fn no_value<T>() -> Value<T> {
    Value::expr(call("Ref", Json::from("AWS::NoValue")))
}

/// `Fn::Sub` of a template that uses only pseudo parameters and parameters by name, e.g.
/// `"arn:${AWS::Partition}:s3:::logs-${AWS::AccountId}"`. To substitute resource values use
/// [`sub_with`], which keeps them typed and lets them cross stacks.
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// let arn = intrinsic::sub("arn:${AWS::Partition}:s3:::logs-${AWS::AccountId}");
/// assert_eq!(
///     arn.to_json(),
///     Json::from(json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::logs-${AWS::AccountId}"}))
/// );
/// ```
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
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// let subnets = intrinsic::split(",", "a,b".into());
/// let joined = intrinsic::join_list(";", subnets);
/// assert_eq!(
///     joined.to_json(),
///     Json::from(json!({"Fn::Join": [";", {"Fn::Split": [",", "a,b"]}]}))
/// );
/// ```
pub fn join_list(delimiter: &str, list: Value<List<String>>) -> Value<String> {
    Value::expr(call(
        "Fn::Join",
        Json::Array(vec![Json::from(delimiter), list.to_json()]),
    ))
}

/// `Fn::Select`: the item at `index` of a list.
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// let first = intrinsic::select(0, intrinsic::get_azs());
/// assert_eq!(
///     first.to_json(),
///     Json::from(json!({"Fn::Select": [0, {"Fn::GetAZs": ""}]}))
/// );
/// ```
pub fn select<T: ToJson>(index: u32, list: Value<List<T>>) -> Value<T> {
    Value::expr(call(
        "Fn::Select",
        Json::Array(vec![Json::Int(index.into()), list.to_json()]),
    ))
}

/// `Fn::Split`: a string split at a delimiter.
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// let parts = intrinsic::split(",", "a,b".into());
/// assert_eq!(parts.to_json(), Json::from(json!({"Fn::Split": [",", "a,b"]})));
/// ```
pub fn split(delimiter: &str, source: Value<String>) -> Value<List<String>> {
    Value::expr(call(
        "Fn::Split",
        Json::Array(vec![Json::from(delimiter), source.to_json()]),
    ))
}

/// `Fn::GetAZs` of the stack's region.
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// assert_eq!(intrinsic::get_azs().to_json(), Json::from(json!({"Fn::GetAZs": ""})));
/// ```
pub fn get_azs() -> Value<List<String>> {
    Value::expr(call("Fn::GetAZs", Json::from("")))
}

/// `Fn::GetAZs` of a named region.
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// let azs = intrinsic::get_azs_in("eu-west-1");
/// assert_eq!(azs.to_json(), Json::from(json!({"Fn::GetAZs": "eu-west-1"})));
/// ```
pub fn get_azs_in(region: impl Into<Value<String>>) -> Value<List<String>> {
    Value::expr(call("Fn::GetAZs", region.into().to_json()))
}

/// `Fn::ImportValue` of an export made outside this app. Exports between stacks of one app are
/// made and imported automatically when a handle is used across stacks.
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// let vpc = intrinsic::import_value::<String>("network-VpcId");
/// assert_eq!(vpc.to_json(), Json::from(json!({"Fn::ImportValue": "network-VpcId"})));
/// ```
pub fn import_value<T>(export_name: impl Into<Value<String>>) -> Value<T> {
    Value::expr(call("Fn::ImportValue", export_name.into().to_json()))
}

/// `Fn::If`: `when_true` if the condition holds, else `when_false`.
///
/// ```
/// use ecs_dsl::prelude::*;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// let prod = stack.add_condition("IsProd", Condition::equals(intrinsic::stack_name(), "prod"))?;
/// let count: Value<i64> = intrinsic::if_(&prod, 3.into(), 1.into());
/// stack.add_raw("Service", "AWS::ECS::Service", Json::object([("DesiredCount", count.into())]))?;
/// let t = app.synthesize()?.stack("demo").unwrap().template_json();
/// assert_eq!(
///     t["Resources"]["Service"]["Properties"]["DesiredCount"],
///     serde_json::json!({"Fn::If": ["IsProd", 3, 1]})
/// );
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
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
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// let ami = intrinsic::find_in_map::<String>("Amis", intrinsic::region(), "Id");
/// assert_eq!(
///     ami.to_json(),
///     Json::from(json!({"Fn::FindInMap": ["Amis", {"Ref": "AWS::Region"}, "Id"]}))
/// );
/// ```
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
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// let data = intrinsic::base64("#!/bin/sh");
/// assert_eq!(data.to_json(), Json::from(json!({"Fn::Base64": "#!/bin/sh"})));
/// ```
pub fn base64(value: impl Into<Value<String>>) -> Value<String> {
    Value::expr(call("Fn::Base64", value.into().to_json()))
}

/// `Fn::Cidr`: `count` CIDR blocks of `cidr_bits` host bits carved from `block`.
///
/// ```
/// use ecs_dsl::template::{intrinsic, Json, ToJson};
/// use serde_json::json;
/// let blocks = intrinsic::cidr("10.0.0.0/16", 4, 8);
/// assert_eq!(blocks.to_json(), Json::from(json!({"Fn::Cidr": ["10.0.0.0/16", 4, 8]})));
/// ```
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
