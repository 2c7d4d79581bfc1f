//! The capabilities a template needs to be deployed (rule F7), derived from the template.
//!
//! CloudFormation refuses to create or update a stack (`InsufficientCapabilities`) unless the
//! request acknowledges what the template does:
//!
//! - **IAM resources** (every `AWS::IAM::*` type: roles, policies, instance profiles, users,
//!   groups, access keys...) need `CAPABILITY_IAM` or `CAPABILITY_NAMED_IAM`; either one is
//!   accepted.
//! - **Named IAM resources** (a custom name set: `RoleName`, `UserName`, `GroupName`,
//!   `ManagedPolicyName`, `InstanceProfileName`) need `CAPABILITY_NAMED_IAM`, which also
//!   covers every unnamed IAM resource of the template ("If you have IAM resources, you can
//!   specify either capability", `CreateStack`/`CreateChangeSet` API reference). So
//!   [`required_capabilities`] returns `CAPABILITY_NAMED_IAM` alone in that case, never both;
//!   passing both would be accepted too.
//! - **Macros** (a top-level `Transform` such as `AWS::Serverless-2016-10-31`, or an
//!   `Fn::Transform` such as `AWS::Include` anywhere in the template) need
//!   `CAPABILITY_AUTO_EXPAND`. The API reference says it has no effect on `CreateChangeSet`;
//!   it is returned anyway, because `CreateStack`/`UpdateStack` need it and it does no harm.
//!
//! The check reads the template as written. What a macro adds when CloudFormation expands it
//! (a role made by an `AWS::Serverless::Function`) and what nested stacks
//! (`AWS::CloudFormation::Stack`) hold is not seen; ecs-dsl writes neither.
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::deploy::capabilities::{Capability, required_capabilities};
//! use ecs_dsl::iam::{Role, ServicePrincipal};
//!
//! let mut app = App::new();
//! let stack = app.stack("web")?;
//! Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks).build()?;
//! let template = app.synthesize()?.stack("web").unwrap().template_json();
//! assert_eq!(required_capabilities(&template), [Capability::Iam]);
//! # Ok::<(), ecs_dsl::Error>(())
//! ```

use std::fmt;

use serde_json::Value;

/// A capability a stack operation acknowledges (`Capabilities` of `CreateChangeSet`,
/// `CreateStack`, `UpdateStack`).
///
/// ```
/// use ecs_dsl::deploy::capabilities::Capability;
/// assert_eq!(Capability::NamedIam.as_str(), "CAPABILITY_NAMED_IAM");
/// assert_eq!(Capability::from_name("CAPABILITY_AUTO_EXPAND"), Some(Capability::AutoExpand));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Capability {
    /// `CAPABILITY_IAM`: the template has IAM resources, none of them with a custom name.
    Iam,
    /// `CAPABILITY_NAMED_IAM`: the template has an IAM resource with a custom name (also
    /// acknowledges unnamed ones).
    NamedIam,
    /// `CAPABILITY_AUTO_EXPAND`: the template uses macros (`Transform`, `Fn::Transform`).
    AutoExpand,
}

impl Capability {
    /// Every capability, in the order [`required_capabilities`] returns them.
    ///
    /// ```
    /// use ecs_dsl::deploy::capabilities::Capability;
    /// assert_eq!(Capability::ALL.len(), 3);
    /// ```
    pub const ALL: [Capability; 3] = [
        Capability::Iam,
        Capability::NamedIam,
        Capability::AutoExpand,
    ];

    /// The capability as the CloudFormation API writes it.
    ///
    /// ```
    /// use ecs_dsl::deploy::capabilities::Capability;
    /// assert_eq!(Capability::Iam.as_str(), "CAPABILITY_IAM");
    /// assert_eq!(Capability::AutoExpand.to_string(), "CAPABILITY_AUTO_EXPAND");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Iam => "CAPABILITY_IAM",
            Capability::NamedIam => "CAPABILITY_NAMED_IAM",
            Capability::AutoExpand => "CAPABILITY_AUTO_EXPAND",
        }
    }

    /// The capability with this API name, if there is one (exact match).
    ///
    /// ```
    /// use ecs_dsl::deploy::capabilities::Capability;
    /// assert_eq!(Capability::from_name("CAPABILITY_IAM"), Some(Capability::Iam));
    /// assert_eq!(Capability::from_name("capability_iam"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Capability> {
        Capability::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// IAM resource types that take a custom name, with the property that sets it.
///
/// ```
/// use ecs_dsl::deploy::capabilities::NAMED_IAM_PROPERTIES;
/// assert!(NAMED_IAM_PROPERTIES.contains(&("AWS::IAM::Role", "RoleName")));
/// ```
pub const NAMED_IAM_PROPERTIES: &[(&str, &str)] = &[
    ("AWS::IAM::Role", "RoleName"),
    ("AWS::IAM::User", "UserName"),
    ("AWS::IAM::Group", "GroupName"),
    ("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
    ("AWS::IAM::InstanceProfile", "InstanceProfileName"),
];

/// Why a template needs a capability: one per IAM resource or macro found, from
/// [`capability_reasons`].
///
/// ```
/// use ecs_dsl::deploy::capabilities::{Capability, capability_reasons};
/// let template = serde_json::json!({
///     "Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "web"}}}
/// });
/// let reasons = capability_reasons(&template);
/// assert_eq!(reasons[0].capability, Capability::NamedIam);
/// assert_eq!(
///     reasons[0].to_string(),
///     "CAPABILITY_NAMED_IAM: `Role` (AWS::IAM::Role sets RoleName)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapabilityReason {
    /// The capability needed.
    pub capability: Capability,
    /// Where: the logical id of the resource, or `Transform` for the template's top-level
    /// `Transform`, or the JSON path of an `Fn::Transform`.
    pub source: String,
    /// What, in words: `AWS::IAM::Role`, `AWS::IAM::Role sets RoleName`, a macro name.
    pub detail: String,
}

impl fmt::Display for CapabilityReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.capability {
            Capability::Iam | Capability::NamedIam => {
                write!(
                    f,
                    "{}: `{}` ({})",
                    self.capability, self.source, self.detail
                )
            }
            Capability::AutoExpand => {
                write!(f, "{}: {} at {}", self.capability, self.detail, self.source)
            }
        }
    }
}

/// The capabilities a template needs (rule F7), sorted, each once: `CAPABILITY_IAM` or
/// `CAPABILITY_NAMED_IAM` (never both: see the [module documentation](self)), then
/// `CAPABILITY_AUTO_EXPAND`. Empty when the template needs none; a template that is not a JSON
/// object needs none either.
///
/// ```
/// use ecs_dsl::deploy::capabilities::{Capability, required_capabilities};
/// use serde_json::json;
///
/// let plain = json!({"Resources": {"Logs": {"Type": "AWS::Logs::LogGroup"}}});
/// assert!(required_capabilities(&plain).is_empty());
///
/// let named = json!({"Resources": {
///     "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Fn::Sub": "${AWS::StackName}-task"}}},
///     "Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "default"}},
/// }});
/// assert_eq!(required_capabilities(&named), [Capability::NamedIam]);
///
/// let sam = json!({"Transform": "AWS::Serverless-2016-10-31", "Resources": {}});
/// assert_eq!(required_capabilities(&sam), [Capability::AutoExpand]);
/// ```
pub fn required_capabilities(template: &Value) -> Vec<Capability> {
    let reasons = capability_reasons(template);
    let has = |c: Capability| reasons.iter().any(|r| r.capability == c);
    let mut needed = Vec::new();
    if has(Capability::NamedIam) {
        needed.push(Capability::NamedIam);
    } else if has(Capability::Iam) {
        needed.push(Capability::Iam);
    }
    if has(Capability::AutoExpand) {
        needed.push(Capability::AutoExpand);
    }
    needed
}

/// Every reason the template needs a capability: each `AWS::IAM::*` resource (with
/// [`Capability::NamedIam`] when it sets a custom name, else [`Capability::Iam`]), then the
/// top-level `Transform` and each `Fn::Transform` ([`Capability::AutoExpand`]). Resources come
/// in logical-id order, `Fn::Transform`s in document order.
///
/// A name property counts when it is present with any value (a literal or an expression such
/// as `Fn::Sub`) other than `null` or `{"Ref": "AWS::NoValue"}`; under `Fn::If` it counts when
/// either branch is a name. Resources with a `Condition` count as if they were created.
///
/// ```
/// use ecs_dsl::deploy::capabilities::{Capability, capability_reasons};
/// let template = serde_json::json!({"Resources": {
///     "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": []}},
/// }});
/// let reasons = capability_reasons(&template);
/// assert_eq!(reasons.len(), 1);
/// assert_eq!(reasons[0].capability, Capability::Iam);
/// assert_eq!(reasons[0].source, "Profile");
/// ```
pub fn capability_reasons(template: &Value) -> Vec<CapabilityReason> {
    let mut reasons = Vec::new();
    if let Some(resources) = template.get("Resources").and_then(Value::as_object) {
        let mut ids: Vec<&String> = resources.keys().collect();
        ids.sort();
        for id in ids {
            let resource = &resources[id.as_str()];
            if let Some(reason) = iam_reason(id, resource) {
                reasons.push(reason);
            }
        }
    }
    if let Some(transform) = template.get("Transform") {
        let names = macro_names(transform);
        if !names.is_empty() {
            reasons.push(CapabilityReason {
                capability: Capability::AutoExpand,
                source: "Transform".to_owned(),
                detail: format!("macro {}", names.join(", ")),
            });
        }
    }
    if let Some(object) = template.as_object() {
        for (key, value) in object {
            if key != "Transform" {
                find_fn_transforms(value, key, &mut reasons);
            }
        }
    }
    reasons
}

/// The reason an `AWS::IAM::*` resource gives, if it is one.
fn iam_reason(id: &str, resource: &Value) -> Option<CapabilityReason> {
    let kind = resource.get("Type").and_then(Value::as_str)?;
    if !kind.starts_with("AWS::IAM::") {
        return None;
    }
    let name_property = NAMED_IAM_PROPERTIES
        .iter()
        .find(|(named_kind, _)| *named_kind == kind)
        .map(|(_, property)| *property)
        .filter(|property| {
            resource
                .get("Properties")
                .and_then(|p| p.get(*property))
                .is_some_and(sets_a_name)
        });
    Some(match name_property {
        Some(property) => CapabilityReason {
            capability: Capability::NamedIam,
            source: id.to_owned(),
            detail: format!("{kind} sets {property}"),
        },
        None => CapabilityReason {
            capability: Capability::Iam,
            source: id.to_owned(),
            detail: kind.to_owned(),
        },
    })
}

/// Whether a name property's value gives the resource a name.
fn sets_a_name(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Object(object) if object.len() == 1 => {
            if let Some(target) = object.get("Ref") {
                return target.as_str() != Some("AWS::NoValue");
            }
            if let Some(Value::Array(args)) = object.get("Fn::If") {
                // [condition, value if true, value if false]
                return args.iter().skip(1).any(sets_a_name);
            }
            true
        }
        _ => true,
    }
}

/// The macro names of a `Transform` value: a name, a list of names, or (for `Fn::Transform`)
/// an object with `Name`; an empty list names none.
fn macro_names(transform: &Value) -> Vec<String> {
    match transform {
        Value::Null => Vec::new(),
        Value::String(name) => vec![name.clone()],
        Value::Array(items) => items.iter().flat_map(macro_names).collect(),
        Value::Object(object) => match object.get("Name") {
            Some(Value::String(name)) => vec![name.clone()],
            _ => vec![transform.to_string()],
        },
        other => vec![other.to_string()],
    }
}

/// Collects every `Fn::Transform` under `value` (found at JSON path `path`).
fn find_fn_transforms(value: &Value, path: &str, reasons: &mut Vec<CapabilityReason>) {
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                let child_path = format!("{path}.{key}");
                if key == "Fn::Transform" {
                    let names = macro_names(child);
                    reasons.push(CapabilityReason {
                        capability: Capability::AutoExpand,
                        source: path.to_owned(),
                        detail: if names.is_empty() {
                            "Fn::Transform".to_owned()
                        } else {
                            format!("macro {}", names.join(", "))
                        },
                    });
                }
                find_fn_transforms(child, &child_path, reasons);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                find_fn_transforms(item, &format!("{path}[{i}]"), reasons);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::cfn;
    use crate::iam::{ManagedPolicy, PolicyStatement, Role, ServicePrincipal};
    use crate::template::{App, intrinsic};

    fn resources(resources: Value) -> Value {
        json!({ "AWSTemplateFormatVersion": "2010-09-09", "Resources": resources })
    }

    #[test]
    fn names_round_trip() {
        for c in Capability::ALL {
            assert_eq!(Capability::from_name(c.as_str()), Some(c));
            assert_eq!(c.to_string(), c.as_str());
        }
        assert_eq!(Capability::from_name("CAPABILITY_RESOURCE_POLICY"), None);
        let mut sorted = Capability::ALL;
        sorted.sort();
        assert_eq!(sorted, Capability::ALL);
    }

    #[test]
    fn templates_without_iam_or_macros_need_nothing() {
        assert!(required_capabilities(&json!({})).is_empty());
        assert!(required_capabilities(&json!(null)).is_empty());
        assert!(required_capabilities(&json!([1, 2])).is_empty());
        assert!(required_capabilities(&json!({"Resources": []})).is_empty());
        assert!(required_capabilities(&json!({"Transform": []})).is_empty());
        let t = resources(json!({
            "Cluster": {"Type": "AWS::ECS::Cluster"},
            "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "x"}},
            // Not an IAM type, though it mentions IAM.
            "Fake": {"Type": "Custom::AWS::IAM::Role", "Properties": {"RoleName": "x"}},
            "NoType": {"Properties": {"RoleName": "x"}},
            "BadType": {"Type": 7},
            // Text that looks like an IAM type, in a property, is not a resource type.
            "Text": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "AWS::IAM::Role"}},
        }));
        assert!(required_capabilities(&t).is_empty());
    }

    #[test]
    fn every_iam_type_needs_capability_iam() {
        for kind in [
            "AWS::IAM::AccessKey",
            "AWS::IAM::Group",
            "AWS::IAM::InstanceProfile",
            "AWS::IAM::ManagedPolicy",
            "AWS::IAM::Policy",
            "AWS::IAM::Role",
            "AWS::IAM::User",
            "AWS::IAM::UserToGroupAddition",
            "AWS::IAM::RolePolicy",
            "AWS::IAM::ServiceLinkedRole",
            "AWS::IAM::OIDCProvider",
        ] {
            let t = resources(json!({ "R": { "Type": kind, "Properties": {} } }));
            assert_eq!(required_capabilities(&t), [Capability::Iam], "{kind}");
        }
    }

    #[test]
    fn each_named_iam_type_needs_capability_named_iam() {
        for (kind, property) in NAMED_IAM_PROPERTIES {
            let t = resources(json!({
                "Unnamed": { "Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p"} },
                "R": { "Type": kind, "Properties": { *property: "my-name" } },
            }));
            assert_eq!(required_capabilities(&t), [Capability::NamedIam], "{kind}");
            let reasons = capability_reasons(&t);
            assert!(
                reasons.contains(&CapabilityReason {
                    capability: Capability::NamedIam,
                    source: "R".into(),
                    detail: format!("{kind} sets {property}"),
                }),
                "{reasons:?}"
            );
        }
    }

    #[test]
    fn names_that_do_not_create_a_named_resource() {
        // PolicyName is required on AWS::IAM::Policy and inline policies: not a custom name.
        // UserToGroupAddition's GroupName names an existing group.
        let t = resources(json!({
            "Policy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p"}},
            "Role": {"Type": "AWS::IAM::Role", "Properties": {
                "Policies": [{"PolicyName": "inline", "PolicyDocument": {}}],
                "Path": "/ecs/",
            }},
            "Add": {"Type": "AWS::IAM::UserToGroupAddition", "Properties": {"GroupName": "admins", "Users": []}},
            "Null": {"Type": "AWS::IAM::User", "Properties": {"UserName": null}},
            "NoValue": {"Type": "AWS::IAM::Group", "Properties": {"GroupName": {"Ref": "AWS::NoValue"}}},
            "Neither": {"Type": "AWS::IAM::Role", "Properties": {
                "RoleName": {"Fn::If": ["Named", {"Ref": "AWS::NoValue"}, {"Ref": "AWS::NoValue"}]},
            }},
            "NoProperties": {"Type": "AWS::IAM::InstanceProfile"},
        }));
        assert_eq!(required_capabilities(&t), [Capability::Iam]);
    }

    #[test]
    fn expressions_as_names_count() {
        for name in [
            json!({"Ref": "RoleNameParameter"}),
            json!({"Fn::Sub": "${AWS::StackName}-task"}),
            json!({"Fn::Join": ["-", ["a", "b"]]}),
            json!({"Fn::ImportValue": "base:RoleName"}),
            json!({"Fn::If": ["Named", "web-task", {"Ref": "AWS::NoValue"}]}),
            json!({"Fn::If": ["Named", {"Ref": "AWS::NoValue"}, {"Fn::Sub": "x"}]}),
            json!(""),
        ] {
            let t = resources(json!({
                "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": name.clone()}}
            }));
            assert_eq!(required_capabilities(&t), [Capability::NamedIam], "{name}");
        }
    }

    #[test]
    fn macros_need_auto_expand() {
        let sam = json!({"Transform": "AWS::Serverless-2016-10-31", "Resources": {}});
        assert_eq!(required_capabilities(&sam), [Capability::AutoExpand]);
        let listed =
            json!({"Transform": ["AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"]});
        let reasons = capability_reasons(&listed);
        assert_eq!(reasons.len(), 1);
        assert_eq!(
            reasons[0].detail,
            "macro AWS::LanguageExtensions, AWS::Serverless-2016-10-31"
        );

        let include = resources(json!({
            "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
                "ContainerDefinitions": [{"Fn::Transform": {
                    "Name": "AWS::Include",
                    "Parameters": {"Location": "s3://bucket/container.json"},
                }}],
            }},
        }));
        assert_eq!(required_capabilities(&include), [Capability::AutoExpand]);
        assert_eq!(
            capability_reasons(&include),
            [CapabilityReason {
                capability: Capability::AutoExpand,
                source: "Resources.Task.Properties.ContainerDefinitions[0]".into(),
                detail: "macro AWS::Include".into(),
            }]
        );

        let both = json!({
            "Transform": "AWS::Serverless-2016-10-31",
            "Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "r"}}},
            "Outputs": {"X": {"Value": {"Fn::Transform": {"Name": "Upper", "Parameters": {}}}}},
        });
        assert_eq!(
            required_capabilities(&both),
            [Capability::NamedIam, Capability::AutoExpand]
        );
        assert_eq!(capability_reasons(&both).len(), 3);
    }

    #[test]
    fn reasons_are_in_logical_id_order_and_display() {
        let t = resources(json!({
            "Zed": {"Type": "AWS::IAM::Role"},
            "Alpha": {"Type": "AWS::IAM::User", "Properties": {"UserName": "ci"}},
        }));
        let reasons = capability_reasons(&t);
        let shown: Vec<String> = reasons.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "CAPABILITY_NAMED_IAM: `Alpha` (AWS::IAM::User sets UserName)",
                "CAPABILITY_IAM: `Zed` (AWS::IAM::Role)",
            ]
        );
        let sam = capability_reasons(&json!({"Transform": "AWS::Serverless-2016-10-31"}));
        assert_eq!(
            sam[0].to_string(),
            "CAPABILITY_AUTO_EXPAND: macro AWS::Serverless-2016-10-31 at Transform"
        );
    }

    #[test]
    fn synthesized_app_with_roles() -> crate::Result<()> {
        let mut app = App::new();
        let plain = app.stack("plain")?;
        plain.add("Logs", cfn::logs::LogGroup::new())?;

        let unnamed = app.stack("unnamed")?;
        let role = Role::builder(&unnamed, "TaskRole", ServicePrincipal::EcsTasks)
            .statement(
                PolicyStatement::allow()
                    .action("s3:GetObject")
                    .resource("arn:aws:s3:::assets/*"),
            )
            .managed_policy(ManagedPolicy::aws_managed(
                "service-role/AmazonECSTaskExecutionRolePolicy",
            ))
            .build()?;
        unnamed.add("Profile", cfn::iam::InstanceProfile::new(vec![role.name()]))?;

        let named = app.stack("named")?;
        Role::builder(&named, "TaskRole", ServicePrincipal::EcsTasks)
            .role_name(intrinsic::sub("${AWS::StackName}-task"))
            .build()?;
        Role::builder(&named, "OtherRole", ServicePrincipal::EcsTasks).build()?;

        let profile = app.stack("profile")?;
        let role = Role::builder(&profile, "InstanceRole", ServicePrincipal::Ec2).build()?;
        profile.add(
            "Profile",
            cfn::iam::InstanceProfile::new(vec![role.name()]).instance_profile_name("ecs-hosts"),
        )?;

        let assembly = app.synthesize()?;
        let needs = |name: &str| {
            let stack = assembly.stack(name).map(|s| s.template_json());
            stack.map(|t| required_capabilities(&t))
        };
        assert_eq!(needs("plain"), Some(vec![]));
        assert_eq!(needs("unnamed"), Some(vec![Capability::Iam]));
        assert_eq!(needs("named"), Some(vec![Capability::NamedIam]));
        assert_eq!(needs("profile"), Some(vec![Capability::NamedIam]));

        let template = assembly.stack("named").map(|s| s.template_json());
        let reasons = template.map(|t| capability_reasons(&t)).unwrap_or_default();
        assert_eq!(
            reasons
                .iter()
                .map(|r| (r.capability, r.source.as_str()))
                .collect::<Vec<_>>(),
            [
                (Capability::Iam, "OtherRole"),
                (Capability::NamedIam, "TaskRole")
            ]
        );
        Ok(())
    }

    #[test]
    fn synthesized_task_definition_roles_are_acknowledged() -> crate::Result<()> {
        use crate::ecs::{FargateSize, Image, TaskDefinition};
        let mut app = App::new();
        let stack = app.stack("jobs")?;
        let task = TaskDefinition::fargate(&stack, "Report", FargateSize::new(256, 512)?);
        let report = task.new_container("report", Image::parse("example/report:1")?);
        let task = task.container(report).build()?;
        task.grant(
            PolicyStatement::allow()
                .action("s3:PutObject")
                .resource("arn:aws:s3:::reports/*"),
        )?;
        let assembly = app.synthesize()?;
        let template = assembly.stack("jobs").map(|s| s.template_json());
        let template = template.unwrap_or_default();
        assert!(
            capability_reasons(&template)
                .iter()
                .all(|r| r.capability == Capability::Iam)
        );
        assert_eq!(required_capabilities(&template), [Capability::Iam]);
        Ok(())
    }
}
