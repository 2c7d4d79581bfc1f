//! One statement of an IAM policy: effect, actions, resources, conditions (and a principal in
//! trust policies).

use std::collections::{BTreeMap, BTreeSet};

use super::principal::{Principal, render_principals};
use crate::template::{Json, ToJson, Value};

/// Whether a statement allows or denies its actions.
///
/// ```
/// use ecs_dsl::iam::{Effect, PolicyStatement};
/// assert_eq!(PolicyStatement::deny().effect(), Effect::Deny);
/// assert_eq!(Effect::Allow.as_str(), "Allow");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Effect {
    /// `"Effect": "Allow"`.
    Allow,
    /// `"Effect": "Deny"`.
    Deny,
}

impl Effect {
    /// The value as written in the policy.
    ///
    /// ```
    /// use ecs_dsl::iam::Effect;
    /// assert_eq!((Effect::Allow.as_str(), Effect::Deny.as_str()), ("Allow", "Deny"));
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// A statement of an IAM policy, built step by step and rendered deterministically.
///
/// - Actions are kept deduplicated and sorted.
/// - Resources are kept deduplicated, in the order they were added.
/// - Conditions are kept sorted by operator and key (`BTreeMap`s); setting the same operator
///   and key again replaces the value.
/// - `Action` and `Resource` are always rendered as lists, except `"Resource": "*"`, which is
///   only written by [`PolicyStatement::any_resource`]. This crate calls `any_resource` only
///   for the actions AWS offers no resource-level permissions for
///   ([`grants::REQUIRED_WILDCARD_ACTIONS`](crate::iam::grants::REQUIRED_WILDCARD_ACTIONS)).
///   A literal `"*"` passed to [`PolicyStatement::resource`] is rejected when the statement is
///   added to a role, so every wildcard is deliberate and visible in the code.
///
/// ```
/// use ecs_dsl::iam::PolicyStatement;
/// use ecs_dsl::template::{Json, ToJson};
///
/// let statement = PolicyStatement::allow()
///     .sid("ReadConfig")
///     .actions(["ssm:GetParameters", "ssm:GetParameter", "ssm:GetParameters"])
///     .resource("arn:aws:ssm:us-east-1:123456789012:parameter/web/*")
///     .condition("StringEquals", "aws:ResourceTag/team", "web");
/// assert_eq!(statement.action_list(), ["ssm:GetParameter", "ssm:GetParameters"]);
/// assert!(!statement.is_wildcard());
/// assert_eq!(
///     statement.to_json().get("Resource"),
///     Some(&Json::Array(vec![Json::from("arn:aws:ssm:us-east-1:123456789012:parameter/web/*")]))
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyStatement {
    sid: Option<String>,
    effect: Effect,
    principals: Vec<Principal>,
    actions: BTreeSet<String>,
    resources: Vec<Value<String>>,
    any_resource: bool,
    conditions: BTreeMap<String, BTreeMap<String, Json>>,
}

impl PolicyStatement {
    /// An empty statement with the given effect.
    ///
    /// ```
    /// use ecs_dsl::iam::{Effect, PolicyStatement};
    /// assert_eq!(PolicyStatement::new(Effect::Allow), PolicyStatement::allow());
    /// ```
    pub fn new(effect: Effect) -> Self {
        PolicyStatement {
            sid: None,
            effect,
            principals: Vec::new(),
            actions: BTreeSet::new(),
            resources: Vec::new(),
            any_resource: false,
            conditions: BTreeMap::new(),
        }
    }

    /// An empty `Allow` statement.
    ///
    /// ```
    /// use ecs_dsl::iam::{Effect, PolicyStatement};
    /// assert_eq!(PolicyStatement::allow().effect(), Effect::Allow);
    /// ```
    pub fn allow() -> Self {
        Self::new(Effect::Allow)
    }

    /// An empty `Deny` statement.
    ///
    /// ```
    /// use ecs_dsl::iam::{Effect, PolicyStatement};
    /// assert_eq!(PolicyStatement::deny().effect(), Effect::Deny);
    /// ```
    pub fn deny() -> Self {
        Self::new(Effect::Deny)
    }

    /// Sets the statement id (`Sid`). IAM accepts only `[A-Za-z0-9]` and unique ids per policy;
    /// both are checked when the statement is added to a role.
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// assert_eq!(PolicyStatement::allow().sid("PullImages").statement_id(), Some("PullImages"));
    /// ```
    pub fn sid(mut self, sid: impl Into<String>) -> Self {
        self.sid = Some(sid.into());
        self
    }

    /// Adds an action such as `"ecr:BatchGetImage"` (kept sorted, duplicates dropped).
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// let s = PolicyStatement::allow().action("logs:PutLogEvents").action("logs:CreateLogStream");
    /// assert_eq!(s.action_list(), ["logs:CreateLogStream", "logs:PutLogEvents"]);
    /// ```
    pub fn action(mut self, action: impl Into<String>) -> Self {
        self.actions.insert(action.into());
        self
    }

    /// Adds several actions (kept sorted, duplicates dropped).
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// let s = PolicyStatement::allow().actions(["kms:Decrypt", "kms:Decrypt"]);
    /// assert_eq!(s.action_list(), ["kms:Decrypt"]);
    /// ```
    pub fn actions<S: Into<String>>(mut self, actions: impl IntoIterator<Item = S>) -> Self {
        self.actions.extend(actions.into_iter().map(Into::into));
        self
    }

    /// Adds a resource ARN, a literal or an expression such as a handle's `attr_arn()`
    /// (duplicates dropped, insertion order kept). Ignored once
    /// [`any_resource`](Self::any_resource) was called.
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// use ecs_dsl::template::intrinsic;
    /// let arn = intrinsic::sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/k");
    /// let s = PolicyStatement::allow().action("kms:Decrypt").resource(arn.clone()).resource(arn);
    /// assert_eq!(s.resource_list().len(), 1);
    /// ```
    pub fn resource(mut self, resource: impl Into<Value<String>>) -> Self {
        if !self.any_resource {
            let resource = resource.into();
            if !self.resources.contains(&resource) {
                self.resources.push(resource);
            }
        }
        self
    }

    /// Adds several resources (see [`resource`](Self::resource)).
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// let s = PolicyStatement::allow().action("s3:GetObject").resources(["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]);
    /// assert_eq!(s.resource_list().len(), 2);
    /// ```
    pub fn resources<R: Into<Value<String>>>(
        mut self,
        resources: impl IntoIterator<Item = R>,
    ) -> Self {
        for r in resources {
            self = self.resource(r);
        }
        self
    }

    /// Makes the statement apply to every resource: `"Resource": "*"`. This is the only way to
    /// write that wildcard. Resources added before are dropped (they are covered), later ones
    /// are ignored.
    ///
    /// Use it only for actions that have no resource-level permissions; this crate does so only
    /// for [`grants::REQUIRED_WILDCARD_ACTIONS`](crate::iam::grants::REQUIRED_WILDCARD_ACTIONS).
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// use ecs_dsl::template::{Json, ToJson};
    /// let s = PolicyStatement::allow().action("ecr:GetAuthorizationToken").any_resource();
    /// assert!(s.is_wildcard());
    /// assert_eq!(s.to_json().get("Resource"), Some(&Json::from("*")));
    /// ```
    pub fn any_resource(mut self) -> Self {
        self.any_resource = true;
        self.resources.clear();
        self
    }

    /// Adds a condition: `"Condition": {operator: {key: value}}`, e.g.
    /// `("StringEquals", "aws:SourceAccount", intrinsic::account_id())`. Setting the same
    /// operator and key again replaces the value; use a list value for several alternatives.
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// use ecs_dsl::template::{Json, intrinsic};
    /// let s = PolicyStatement::allow()
    ///     .action("sts:AssumeRole")
    ///     .condition("StringEquals", "aws:SourceAccount", intrinsic::account_id());
    /// assert!(s.conditions()["StringEquals"].contains_key("aws:SourceAccount"));
    /// ```
    pub fn condition(
        mut self,
        operator: impl Into<String>,
        key: impl Into<String>,
        value: impl Into<Json>,
    ) -> Self {
        self.conditions
            .entry(operator.into())
            .or_default()
            .insert(key.into(), value.into());
        self
    }

    /// Adds a principal (for trust and resource policies; a role's own permissions policy
    /// cannot name one, which is checked when the statement is added to a role).
    ///
    /// ```
    /// use ecs_dsl::iam::{PolicyStatement, ServicePrincipal};
    /// let s = PolicyStatement::allow().action("sts:AssumeRole").principal(ServicePrincipal::Ec2);
    /// assert_eq!(s.principal_list().len(), 1);
    /// ```
    pub fn principal(mut self, principal: impl Into<Principal>) -> Self {
        let principal = principal.into();
        if !self.principals.contains(&principal) {
            self.principals.push(principal);
        }
        self
    }

    /// The effect.
    ///
    /// ```
    /// use ecs_dsl::iam::{Effect, PolicyStatement};
    /// assert_eq!(PolicyStatement::allow().effect(), Effect::Allow);
    /// ```
    pub fn effect(&self) -> Effect {
        self.effect
    }

    /// The statement id, if set.
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// assert_eq!(PolicyStatement::allow().statement_id(), None);
    /// ```
    pub fn statement_id(&self) -> Option<&str> {
        self.sid.as_deref()
    }

    /// The actions, sorted.
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// assert!(PolicyStatement::allow().action_list().is_empty());
    /// ```
    pub fn action_list(&self) -> Vec<&str> {
        self.actions.iter().map(String::as_str).collect()
    }

    /// The resources, in the order they were added (empty for `"Resource": "*"`; see
    /// [`is_wildcard`](Self::is_wildcard)).
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// assert!(PolicyStatement::allow().any_resource().resource_list().is_empty());
    /// ```
    pub fn resource_list(&self) -> &[Value<String>] {
        &self.resources
    }

    /// The principals, in the order they were added.
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// assert!(PolicyStatement::allow().principal_list().is_empty());
    /// ```
    pub fn principal_list(&self) -> &[Principal] {
        &self.principals
    }

    /// The conditions: operator → key → value.
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// assert!(PolicyStatement::allow().conditions().is_empty());
    /// ```
    pub fn conditions(&self) -> &BTreeMap<String, BTreeMap<String, Json>> {
        &self.conditions
    }

    /// Whether the statement applies to every resource (`"Resource": "*"`): it was built with
    /// [`any_resource`](Self::any_resource), or a literal `"*"` was passed as a resource (which
    /// a role rejects).
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyStatement;
    /// assert!(PolicyStatement::allow().resource("*").is_wildcard());
    /// assert!(!PolicyStatement::allow().resource("arn:aws:s3:::b").is_wildcard());
    /// ```
    pub fn is_wildcard(&self) -> bool {
        self.any_resource || self.resources.iter().any(is_literal_star)
    }

    /// Whether `other` can be folded into this statement by taking the union of the actions:
    /// same sid, effect, principals, resources (in any order) and conditions.
    pub(crate) fn same_scope(&self, other: &PolicyStatement) -> bool {
        self.sid == other.sid
            && self.effect == other.effect
            && self.any_resource == other.any_resource
            && self.conditions == other.conditions
            && same_items(&self.principals, &other.principals)
            && same_items(&self.resources, &other.resources)
    }

    /// Adds the actions of `other` (see [`same_scope`](Self::same_scope)).
    pub(crate) fn absorb_actions(&mut self, other: PolicyStatement) {
        self.actions.extend(other.actions);
    }

    /// A short description for error messages: `Allow ecr:BatchGetImage, ecr:GetDownloadUrlForLayer`.
    pub(crate) fn describe(&self) -> String {
        let actions = if self.actions.is_empty() {
            "(no actions)".to_owned()
        } else {
            self.action_list().join(", ")
        };
        match &self.sid {
            Some(sid) => format!("statement `{sid}` ({} {actions})", self.effect.as_str()),
            None => format!("statement ({} {actions})", self.effect.as_str()),
        }
    }

    /// What keeps this statement out of an identity-based policy (a role's inline policy), if
    /// anything.
    pub(crate) fn identity_problem(&self) -> Option<String> {
        let what = self.describe();
        if let Some(sid) = &self.sid
            && (sid.is_empty() || !sid.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            return Some(format!(
                "{what}: Sid `{sid}` must be one or more of [A-Za-z0-9]"
            ));
        }
        if !self.principals.is_empty() {
            return Some(format!(
                "{what} names a Principal; a role's permissions policy cannot (principals belong in trust and resource policies)"
            ));
        }
        if self.actions.is_empty() {
            return Some(format!("{what} has no actions"));
        }
        if let Some(problem) = self.actions.iter().find_map(|a| action_problem(a)) {
            return Some(format!("{what}: {problem}"));
        }
        if self.resources.iter().any(is_literal_star) {
            return Some(format!(
                "{what} has the literal resource \"*\"; use PolicyStatement::any_resource() where AWS requires a wildcard, or name the resources"
            ));
        }
        if self
            .resources
            .iter()
            .any(|r| r.literal().is_some_and(|s| s.trim().is_empty()))
        {
            return Some(format!("{what} has an empty resource"));
        }
        if self.resources.is_empty() && !self.any_resource {
            return Some(format!(
                "{what} has no resources; add them with .resource(..) (or .any_resource() for actions without resource-level permissions)"
            ));
        }
        None
    }
}

fn is_literal_star(r: &Value<String>) -> bool {
    r.literal().is_some_and(|s| s.trim() == "*")
}

fn same_items<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x))
}

/// Why an action is not of the form `service:Action` (or `*`), if it is not. Lenient on
/// purpose: wildcards (`s3:Get*`) and any case are accepted.
fn action_problem(action: &str) -> Option<String> {
    if action == "*" {
        return None;
    }
    let ok = match action.split_once(':') {
        Some((service, name)) => {
            !service.is_empty()
                && service
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !name.is_empty()
                && !name.contains(':')
                && !name.chars().any(char::is_whitespace)
        }
        None => false,
    };
    (!ok).then(|| format!("action `{action}` is not of the form `service:Action`"))
}

impl ToJson for PolicyStatement {
    fn to_json(&self) -> Json {
        let mut out = Json::Object(Vec::new());
        if let Some(sid) = &self.sid {
            out.insert("Sid", Json::from(sid.as_str()));
        }
        out.insert("Effect", Json::from(self.effect.as_str()));
        if !self.principals.is_empty() {
            out.insert("Principal", render_principals(&self.principals));
        }
        out.insert(
            "Action",
            Json::Array(
                self.actions
                    .iter()
                    .map(|a| Json::from(a.as_str()))
                    .collect(),
            ),
        );
        if self.any_resource {
            out.insert("Resource", Json::from("*"));
        } else if !self.resources.is_empty() {
            out.insert(
                "Resource",
                Json::Array(self.resources.iter().map(ToJson::to_json).collect()),
            );
        }
        if !self.conditions.is_empty() {
            out.insert("Condition", self.conditions.to_json());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::ServicePrincipal;
    use crate::template::intrinsic;

    fn json(s: &PolicyStatement) -> serde_json::Value {
        crate::iam::to_serde(&s.to_json())
    }

    #[test]
    fn renders_lists_sorted_actions_and_ordered_resources() {
        let s = PolicyStatement::allow()
            .sid("Pull")
            .actions(["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"])
            .action("ecr:BatchGetImage")
            .resource("arn:b")
            .resource("arn:a")
            .resource("arn:b");
        assert_eq!(
            json(&s),
            serde_json::json!({
                "Sid": "Pull",
                "Effect": "Allow",
                "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                "Resource": ["arn:b", "arn:a"],
            })
        );
        assert_eq!(
            s.action_list(),
            ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        );
        assert_eq!(
            s.resource_list(),
            [Value::from("arn:b"), Value::from("arn:a")]
        );
    }

    #[test]
    fn single_action_and_resource_are_still_lists() {
        let s = PolicyStatement::deny()
            .action("s3:DeleteObject")
            .resource("arn:x");
        assert_eq!(
            json(&s),
            serde_json::json!({"Effect": "Deny", "Action": ["s3:DeleteObject"], "Resource": ["arn:x"]})
        );
    }

    #[test]
    fn any_resource_is_the_only_star_and_covers_other_resources() {
        let s = PolicyStatement::allow()
            .action("ecr:GetAuthorizationToken")
            .resource("arn:x")
            .any_resource()
            .resource("arn:y");
        assert!(s.is_wildcard());
        assert!(s.resource_list().is_empty());
        assert_eq!(json(&s)["Resource"], serde_json::json!("*"));
        assert_eq!(s.identity_problem(), None);

        let literal = PolicyStatement::allow()
            .action("s3:GetObject")
            .resource("*");
        assert!(literal.is_wildcard());
        let problem = literal.identity_problem().unwrap();
        assert!(problem.contains("any_resource"), "{problem}");
    }

    #[test]
    fn conditions_are_sorted_and_replaced_by_key() {
        let s = PolicyStatement::allow()
            .action("sts:AssumeRole")
            .principal(ServicePrincipal::EcsTasks)
            .condition("StringEquals", "b", "1")
            .condition(
                "ArnLike",
                "aws:SourceArn",
                intrinsic::sub("arn:${AWS::Partition}:ecs:*"),
            )
            .condition("StringEquals", "a", "2")
            .condition("StringEquals", "b", "3");
        let rendered = s.to_json();
        let Some(Json::Object(ops)) = rendered.get("Condition") else {
            panic!("no Condition object: {rendered:?}");
        };
        let ops: Vec<&str> = ops.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(ops, ["ArnLike", "StringEquals"]);
        let Json::Object(entries) = &rendered else {
            panic!("not an object");
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["Effect", "Principal", "Action", "Condition"]);
        let j = json(&s);
        assert_eq!(
            j["Condition"]["StringEquals"],
            serde_json::json!({"a": "2", "b": "3"})
        );
        assert_eq!(
            j["Condition"]["ArnLike"]["aws:SourceArn"],
            serde_json::json!({"Fn::Sub": "arn:${AWS::Partition}:ecs:*"})
        );
        assert_eq!(
            j["Principal"],
            serde_json::json!({"Service": ["ecs-tasks.amazonaws.com"]})
        );
    }

    #[test]
    fn identity_problems_are_named() {
        let no_actions = PolicyStatement::allow().resource("arn:x");
        assert!(
            no_actions
                .identity_problem()
                .unwrap()
                .contains("no actions")
        );
        let no_resources = PolicyStatement::allow().action("s3:GetObject");
        assert!(
            no_resources
                .identity_problem()
                .unwrap()
                .contains("no resources")
        );
        let principal = PolicyStatement::allow()
            .action("s3:GetObject")
            .resource("arn:x")
            .principal(ServicePrincipal::Ec2);
        assert!(principal.identity_problem().unwrap().contains("Principal"));
        let bad_action = PolicyStatement::allow()
            .action("GetObject")
            .resource("arn:x");
        assert!(
            bad_action
                .identity_problem()
                .unwrap()
                .contains("`GetObject`")
        );
        let bad_sid = PolicyStatement::allow()
            .sid("my-sid")
            .action("s3:GetObject")
            .resource("arn:x");
        assert!(bad_sid.identity_problem().unwrap().contains("Sid"));
        let empty = PolicyStatement::allow()
            .action("s3:GetObject")
            .resource(" ");
        assert!(empty.identity_problem().unwrap().contains("empty resource"));
    }

    #[test]
    fn valid_actions_are_accepted() {
        for a in [
            "*",
            "s3:Get*",
            "execute-api:Invoke",
            "ecr:BatchGetImage",
            "S3:getobject",
            "ec2:Describe?pc*",
        ] {
            assert_eq!(action_problem(a), None, "{a}");
        }
        for a in [
            "",
            "s3",
            ":Get",
            "s3:",
            "s3:a:b",
            "s 3:Get",
            "s3:Get Object",
        ] {
            assert!(action_problem(a).is_some(), "{a}");
        }
    }

    #[test]
    fn same_scope_ignores_resource_order_but_not_conditions() {
        let a = PolicyStatement::allow()
            .action("x:A")
            .resources(["arn:1", "arn:2"]);
        let b = PolicyStatement::allow()
            .action("x:B")
            .resources(["arn:2", "arn:1"]);
        assert!(a.same_scope(&b));
        let c = b.clone().condition("Bool", "aws:SecureTransport", "true");
        assert!(!a.same_scope(&c));
        let d = PolicyStatement::deny()
            .action("x:A")
            .resources(["arn:1", "arn:2"]);
        assert!(!a.same_scope(&d));
        let e = a.clone().sid("Other");
        assert!(!a.same_scope(&e));
    }
}
