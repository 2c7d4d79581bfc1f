//! Least-privilege statements for what ECS tasks and their agents do, and a check that lists
//! every `"Resource": "*"` statement of a synthesized template.
//!
//! Each helper returns what to pass to [`IRole::grant`](crate::iam::IRole::grant) (one
//! statement) or [`IRole::grant_all`](crate::iam::IRole::grant_all) (the helpers that need
//! two statements return a `Vec`). They are scoped to
//! the ARNs given; only the actions in [`REQUIRED_WILDCARD_ACTIONS`] are put on
//! `"Resource": "*"`, because AWS offers no resource-level permissions for them.
//!
//! ```
//! use ecs_dsl::iam::grants;
//! let pull = grants::ecr_pull("arn:aws:ecr:us-east-1:123456789012:repository/web");
//! assert_eq!(pull.len(), 2);
//! assert!(pull.iter().filter(|s| s.is_wildcard()).all(|s| s
//!     .action_list()
//!     .iter()
//!     .all(|a| grants::REQUIRED_WILDCARD_ACTIONS.contains(a))));
//! ```

use super::statement::{Effect, PolicyStatement};
use crate::template::Value;

/// Every action this crate puts on `"Resource": "*"`: those AWS offers no resource-level
/// permissions for, so a narrower `Resource` would make the grant useless.
///
/// - `ecr:GetAuthorizationToken` has no resource types in the
///   [Amazon ECR actions table](https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html)
///   (the token is for the registry, not a repository); [`ecr_pull`] needs it.
/// - `ssmmessages:CreateControlChannel`, `CreateDataChannel`, `OpenControlChannel` and
///   `OpenDataChannel` have no resource types in the
///   [Amazon Session Manager Message Gateway Service actions table](https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsessionmanagermessagegatewayservice.html);
///   [`ecs_exec`] needs them (see the
///   [ECS Exec permissions](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html)).
///
/// Tests use it with [`wildcard_statements`] to make sure no other action lands on `"*"`.
///
/// ```
/// use ecs_dsl::iam::grants::REQUIRED_WILDCARD_ACTIONS;
/// assert!(REQUIRED_WILDCARD_ACTIONS.contains(&"ecr:GetAuthorizationToken"));
/// assert_eq!(REQUIRED_WILDCARD_ACTIONS.len(), 5);
/// ```
pub const REQUIRED_WILDCARD_ACTIONS: &[&str] = &[
    "ecr:GetAuthorizationToken",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
];

/// Pulling images from one ECR repository (for a task execution role): `ecr:BatchCheckLayerAvailability`,
/// `ecr:BatchGetImage` and `ecr:GetDownloadUrlForLayer` on the repository, plus
/// `ecr:GetAuthorizationToken` on `"*"`, which AWS requires.
///
/// ```
/// use ecs_dsl::iam::grants;
/// use ecs_dsl::template::intrinsic;
/// let repo = intrinsic::sub("arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/web");
/// let statements = grants::ecr_pull(repo);
/// assert_eq!(statements[0].action_list(), ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]);
/// assert_eq!(statements[1].action_list(), ["ecr:GetAuthorizationToken"]);
/// assert!(statements[1].is_wildcard());
/// ```
pub fn ecr_pull(repository_arn: impl Into<Value<String>>) -> Vec<PolicyStatement> {
    vec![
        PolicyStatement::allow()
            .actions([
                "ecr:BatchCheckLayerAvailability",
                "ecr:GetDownloadUrlForLayer",
                "ecr:BatchGetImage",
            ])
            .resource(repository_arn),
        PolicyStatement::allow()
            .action("ecr:GetAuthorizationToken")
            .any_resource(),
    ]
}

/// Writing container logs to one log group (the `awslogs` driver, for a task execution role):
/// `logs:CreateLogStream` and `logs:PutLogEvents`.
///
/// Pass the log group's `Fn::GetAtt` `Arn` ([`LogGroup::arn`](crate::logs::LogGroup::arn)):
/// it already ends in `:*`, so it covers the group's log streams. A literal ARN should end in
/// `:*` too.
///
/// ```
/// use ecs_dsl::iam::grants;
/// let statement = grants::log_write("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*");
/// assert_eq!(statement.action_list(), ["logs:CreateLogStream", "logs:PutLogEvents"]);
/// ```
pub fn log_write(log_group_arn: impl Into<Value<String>>) -> PolicyStatement {
    PolicyStatement::allow()
        .actions(["logs:CreateLogStream", "logs:PutLogEvents"])
        .resource(log_group_arn)
}

/// Reading one Secrets Manager secret (container `secrets` with `valueFrom` a secret, for a
/// task execution role): `secretsmanager:GetSecretValue`.
///
/// Pass the secret's full ARN (what `Ref` of an `AWS::SecretsManager::Secret` returns), not
/// the ARN with a JSON key or version appended. A secret known only by name needs the
/// partial ARN with `-??????` appended for the random suffix. A secret encrypted with a
/// customer managed key also needs [`kms_decrypt`].
///
/// ```
/// use ecs_dsl::iam::grants;
/// let statement = grants::secrets_manager_read("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf");
/// assert_eq!(statement.action_list(), ["secretsmanager:GetSecretValue"]);
/// ```
pub fn secrets_manager_read(secret_arn: impl Into<Value<String>>) -> PolicyStatement {
    PolicyStatement::allow()
        .action("secretsmanager:GetSecretValue")
        .resource(secret_arn)
}

/// Reading SSM parameters (container `secrets` with `valueFrom` a parameter, for a task
/// execution role): `ssm:GetParameters`, which is what ECS calls.
///
/// The ARN is `arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/<name>`,
/// with the name's leading `/` dropped (`parameter/web/db-url` for `/web/db-url`); a path
/// ending in `/*` covers a hierarchy. A `SecureString` encrypted with a customer managed key
/// also needs [`kms_decrypt`].
///
/// ```
/// use ecs_dsl::iam::grants;
/// use ecs_dsl::template::intrinsic;
/// let statement = grants::ssm_parameters_read(intrinsic::sub(
///     "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/web/*",
/// ));
/// assert_eq!(statement.action_list(), ["ssm:GetParameters"]);
/// ```
pub fn ssm_parameters_read(parameter_arn: impl Into<Value<String>>) -> PolicyStatement {
    PolicyStatement::allow()
        .action("ssm:GetParameters")
        .resource(parameter_arn)
}

/// Reading one S3 object or a set of them (container `environmentFiles`, for a task
/// execution role): `s3:GetObject` on `object_arn` (`arn:aws:s3:::bucket/key` or
/// `arn:aws:s3:::bucket/prefix/*`) and `s3:GetBucketLocation` on `bucket_arn`
/// (`arn:aws:s3:::bucket`).
///
/// ```
/// use ecs_dsl::iam::grants;
/// let statements = grants::s3_object_read("arn:aws:s3:::config", "arn:aws:s3:::config/web.env");
/// assert_eq!(statements[0].action_list(), ["s3:GetObject"]);
/// assert_eq!(statements[1].action_list(), ["s3:GetBucketLocation"]);
/// ```
pub fn s3_object_read(
    bucket_arn: impl Into<Value<String>>,
    object_arn: impl Into<Value<String>>,
) -> Vec<PolicyStatement> {
    vec![
        PolicyStatement::allow()
            .action("s3:GetObject")
            .resource(object_arn),
        PolicyStatement::allow()
            .action("s3:GetBucketLocation")
            .resource(bucket_arn),
    ]
}

/// ECS Exec (`aws ecs execute-command`, for a task role): the four `ssmmessages` channel
/// actions, on `"*"`, which AWS requires. Session logging to CloudWatch Logs or S3, and a KMS
/// key for the session, need more statements.
///
/// ```
/// use ecs_dsl::iam::grants;
/// let statement = grants::ecs_exec();
/// assert!(statement.is_wildcard());
/// assert_eq!(statement.action_list().len(), 4);
/// ```
pub fn ecs_exec() -> PolicyStatement {
    PolicyStatement::allow()
        .actions([
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
        ])
        .any_resource()
}

/// Decrypting with one KMS key (secrets, parameters or objects encrypted with a customer
/// managed key): `kms:Decrypt` on the key's ARN.
///
/// ```
/// use ecs_dsl::iam::grants;
/// let statement = grants::kms_decrypt("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
/// assert_eq!(statement.action_list(), ["kms:Decrypt"]);
/// ```
pub fn kms_decrypt(key_arn: impl Into<Value<String>>) -> PolicyStatement {
    PolicyStatement::allow()
        .action("kms:Decrypt")
        .resource(key_arn)
}

/// A policy statement with `"Resource": "*"` found in a template by [`wildcard_statements`].
///
/// ```
/// use ecs_dsl::iam::grants::{self, WildcardStatement};
/// let template = serde_json::json!({"Resources": {"Admin": {
///     "Type": "AWS::IAM::Policy",
///     "Properties": {"PolicyDocument": {"Statement": [
///         {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}
///     ]}},
/// }}});
/// assert_eq!(grants::wildcard_statements(&template), [WildcardStatement {
///     logical_id: "Admin".into(),
///     path: "Properties.PolicyDocument.Statement[0]".into(),
///     effect: "Allow".into(),
///     actions: vec!["iam:*".into()],
///     not_action: true,
/// }]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WildcardStatement {
    /// The logical id of the IAM resource holding the statement.
    pub logical_id: String,
    /// Where the statement is in the resource, e.g.
    /// `Properties.Policies[0].PolicyDocument.Statement[1]`.
    pub path: String,
    /// `Allow` or `Deny` (as written).
    pub effect: String,
    /// The statement's `Action` (or `NotAction`) values; values that are not strings (an
    /// intrinsic function) are given as their JSON text.
    pub actions: Vec<String>,
    /// Whether [`actions`](Self::actions) came from `NotAction`: everything except them is
    /// granted.
    pub not_action: bool,
}

/// Every statement with `"Resource": "*"` (or a `"*"` in its resource list) in a synthesized
/// template, with its actions, by logical id: in the `Policies` and `PolicyDocument` properties of every
/// `AWS::IAM::*` resource (`Role`, `Policy`, `ManagedPolicy`, ...). Trust policies
/// (`AssumeRolePolicyDocument`) have no resources and are not read.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::iam::{Role, ServicePrincipal, grants};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks).statement(grants::ecs_exec()).build()?;
/// let template = app.synthesize()?.stack("web").unwrap().template_json();
/// let found = grants::wildcard_statements(&template);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].logical_id, "TaskRole");
/// assert_eq!(found[0].path, "Properties.Policies[0].PolicyDocument.Statement[0]");
/// assert!(found[0].actions.iter().all(|a| grants::REQUIRED_WILDCARD_ACTIONS.contains(&a.as_str())));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub fn wildcard_statements(template: &serde_json::Value) -> Vec<WildcardStatement> {
    let mut found = Vec::new();
    let Some(resources) = template.get("Resources").and_then(|r| r.as_object()) else {
        return found;
    };
    for (logical_id, resource) in resources {
        let is_iam = resource
            .get("Type")
            .and_then(|t| t.as_str())
            .is_some_and(|t| t.starts_with("AWS::IAM::"));
        let Some(properties) = resource.get("Properties").filter(|_| is_iam) else {
            continue;
        };
        if let Some(policies) = properties.get("Policies").and_then(|p| p.as_array()) {
            for (i, policy) in policies.iter().enumerate() {
                if let Some(document) = policy.get("PolicyDocument") {
                    let path = format!("Properties.Policies[{i}].PolicyDocument");
                    scan_document(logical_id, &path, document, &mut found);
                }
            }
        }
        if let Some(document) = properties.get("PolicyDocument") {
            scan_document(
                logical_id,
                "Properties.PolicyDocument",
                document,
                &mut found,
            );
        }
    }
    // Whatever order the JSON map keeps, list resources by logical id (statements in order).
    found.sort_by(|a, b| a.logical_id.cmp(&b.logical_id));
    found
}

fn scan_document(
    logical_id: &str,
    path: &str,
    document: &serde_json::Value,
    found: &mut Vec<WildcardStatement>,
) {
    // CloudFormation also accepts a policy document as a JSON string.
    let parsed;
    let document = match document.as_str() {
        Some(text) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => {
                parsed = v;
                &parsed
            }
            Err(_) => return,
        },
        None => document,
    };
    let statements: Vec<(String, &serde_json::Value)> = match document.get("Statement") {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("{path}.Statement[{i}]"), s))
            .collect(),
        Some(single @ serde_json::Value::Object(_)) => vec![(format!("{path}.Statement"), single)],
        _ => Vec::new(),
    };
    for (path, statement) in statements {
        let star = |v: &serde_json::Value| v.as_str() == Some("*");
        let wildcard = match statement.get("Resource") {
            Some(serde_json::Value::Array(items)) => items.iter().any(star),
            Some(v) => star(v),
            None => false,
        };
        if !wildcard {
            continue;
        }
        let (actions, not_action) = match (statement.get("Action"), statement.get("NotAction")) {
            (Some(a), _) => (a, false),
            (None, Some(a)) => (a, true),
            (None, None) => (&serde_json::Value::Null, false),
        };
        let text = |v: &serde_json::Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
        let actions = match actions {
            serde_json::Value::Array(items) => items.iter().map(text).collect(),
            serde_json::Value::Null => Vec::new(),
            v => vec![text(v)],
        };
        found.push(WildcardStatement {
            logical_id: logical_id.to_owned(),
            path,
            effect: statement
                .get("Effect")
                .and_then(|e| e.as_str())
                .unwrap_or(Effect::Allow.as_str())
                .to_owned(),
            actions,
            not_action,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::App;
    use crate::iam::{Role, ServicePrincipal, to_serde};
    use crate::template::{Json, ToJson, intrinsic};
    use serde_json::json;
    use std::collections::BTreeSet;

    fn every_helper() -> Vec<PolicyStatement> {
        let mut all = ecr_pull("arn:repo");
        all.push(log_write("arn:lg:*"));
        all.push(secrets_manager_read("arn:secret"));
        all.push(ssm_parameters_read("arn:param"));
        all.extend(s3_object_read("arn:bucket", "arn:bucket/key"));
        all.push(ecs_exec());
        all.push(kms_decrypt("arn:key"));
        all
    }

    #[test]
    fn helpers_render_least_privilege_statements() {
        let rendered: Vec<serde_json::Value> = every_helper()
            .iter()
            .map(|s| to_serde(&s.to_json()))
            .collect();
        assert_eq!(
            rendered,
            [
                json!({"Effect": "Allow", "Action": ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": ["arn:repo"]}),
                json!({"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": "*"}),
                json!({"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": ["arn:lg:*"]}),
                json!({"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": ["arn:secret"]}),
                json!({"Effect": "Allow", "Action": ["ssm:GetParameters"], "Resource": ["arn:param"]}),
                json!({"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:bucket/key"]}),
                json!({"Effect": "Allow", "Action": ["s3:GetBucketLocation"], "Resource": ["arn:bucket"]}),
                json!({"Effect": "Allow", "Action": ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], "Resource": "*"}),
                json!({"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": ["arn:key"]}),
            ]
        );
    }

    #[test]
    fn required_wildcard_actions_are_exactly_what_the_helpers_put_on_star() {
        let on_star: BTreeSet<&str> = every_helper()
            .iter()
            .filter(|s| s.is_wildcard())
            .flat_map(|s| s.action_list())
            .map(|a| {
                REQUIRED_WILDCARD_ACTIONS
                    .iter()
                    .copied()
                    .find(|r| *r == a)
                    .unwrap_or_else(|| panic!("{a} is on \"*\" but not listed"))
            })
            .collect();
        let listed: BTreeSet<&str> = REQUIRED_WILDCARD_ACTIONS.iter().copied().collect();
        assert_eq!(on_star, listed);
        assert_eq!(listed.len(), REQUIRED_WILDCARD_ACTIONS.len());
    }

    #[test]
    fn wildcard_statements_of_a_synthesized_template() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let repo = intrinsic::sub(
            "arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/web",
        );
        Role::builder(&stack, "ExecutionRole", ServicePrincipal::EcsTasks)
            .statements(ecr_pull(repo))
            .statement(log_write(
                "arn:aws:logs:us-east-1:123456789012:log-group:x:*",
            ))
            .build()
            .unwrap();
        Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
            .statement(ecs_exec())
            .build()
            .unwrap();
        stack
            .add_raw(
                "Legacy",
                "AWS::IAM::Policy",
                Json::object([
                    ("PolicyName", Json::from("legacy")),
                    (
                        "PolicyDocument",
                        Json::from(
                            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}"#,
                        ),
                    ),
                ]),
            )
            .unwrap();
        stack
            .add_raw(
                "Managed",
                "AWS::IAM::ManagedPolicy",
                Json::from(json!({
                    "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"},
                        {"Effect": "Deny", "Action": ["s3:DeleteBucket"], "Resource": ["arn:aws:s3:::b", "*"]},
                    ]},
                })),
            )
            .unwrap();
        stack
            .add_raw(
                "Topic",
                "AWS::SNS::TopicPolicy",
                Json::from(json!({"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}]}})),
            )
            .unwrap();
        let template = app
            .synthesize()
            .unwrap()
            .stack("web")
            .unwrap()
            .template_json();
        let found = wildcard_statements(&template);
        let summary: Vec<(&str, &str, &str, Vec<&str>, bool)> = found
            .iter()
            .map(|w| {
                (
                    w.logical_id.as_str(),
                    w.path.as_str(),
                    w.effect.as_str(),
                    w.actions.iter().map(String::as_str).collect(),
                    w.not_action,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "ExecutionRole",
                    "Properties.Policies[0].PolicyDocument.Statement[1]",
                    "Allow",
                    vec!["ecr:GetAuthorizationToken"],
                    false
                ),
                (
                    "Legacy",
                    "Properties.PolicyDocument.Statement",
                    "Allow",
                    vec!["iam:*"],
                    true
                ),
                (
                    "Managed",
                    "Properties.PolicyDocument.Statement[1]",
                    "Deny",
                    vec!["s3:DeleteBucket"],
                    false
                ),
                (
                    "TaskRole",
                    "Properties.Policies[0].PolicyDocument.Statement[0]",
                    "Allow",
                    vec![
                        "ssmmessages:CreateControlChannel",
                        "ssmmessages:CreateDataChannel",
                        "ssmmessages:OpenControlChannel",
                        "ssmmessages:OpenDataChannel"
                    ],
                    false
                ),
            ]
        );
    }

    #[test]
    fn templates_without_resources_have_no_wildcards() {
        assert!(wildcard_statements(&json!({})).is_empty());
        assert!(wildcard_statements(&json!({"Resources": []})).is_empty());
        assert!(
            wildcard_statements(&json!({"Resources": {"R": {"Type": "AWS::IAM::Policy"}}}))
                .is_empty()
        );
    }
}
