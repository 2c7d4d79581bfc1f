//! Secrets injected into containers, as typed references that grant read on exactly their ARN
//! to the task's execution role (rule T18).

use crate::cfn::{secretsmanager, ssm};
use crate::template::{Handle, Value, intrinsic};

/// Where a container secret comes from: a Secrets Manager secret (optionally one JSON key of it)
/// or an SSM Parameter Store parameter. The task definition's execution role gets read access
/// to exactly that ARN (`secretsmanager:GetSecretValue` or `ssm:GetParameters`).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cfn::secretsmanager;
/// use ecs_dsl::ecs::SecretSource;
/// let mut app = App::new();
/// let stack = app.stack("app")?;
/// let db = stack.add("DbSecret", secretsmanager::Secret::new())?;
/// let password = SecretSource::secrets_manager_key(&db, "password");
/// let token = SecretSource::ssm_parameter_name("/prod/api/token");
/// # let _ = (password, token);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SecretSource {
    pub(crate) value_from: Value<String>,
    pub(crate) grant_arn: Value<String>,
    pub(crate) kind: SecretKind,
}

/// The service a [`SecretSource`] reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// AWS Secrets Manager.
    SecretsManager,
    /// AWS Systems Manager Parameter Store.
    SsmParameter,
}

impl SecretSource {
    /// The whole value of a Secrets Manager secret of this app.
    pub fn secrets_manager(secret: &Handle<secretsmanager::Secret>) -> Self {
        // `Ref` of AWS::SecretsManager::Secret is its ARN.
        let arn = secret.reference();
        SecretSource {
            value_from: arn.clone(),
            grant_arn: arn,
            kind: SecretKind::SecretsManager,
        }
    }

    /// One key of a Secrets Manager secret whose value is a JSON object
    /// (`<arn>:<key>::`, the current version).
    pub fn secrets_manager_key(secret: &Handle<secretsmanager::Secret>, key: &str) -> Self {
        let arn = secret.reference();
        SecretSource {
            value_from: intrinsic::join("", [arn.clone(), format!(":{key}::").into()]),
            grant_arn: arn,
            kind: SecretKind::SecretsManager,
        }
    }

    /// A Secrets Manager secret by ARN (a literal is checked to be a Secrets Manager ARN when
    /// the task definition is built; an expression is not checked). A literal may name a JSON
    /// key, version stage or version id after the secret's ARN
    /// (`arn:...:secret:db-AbCdEf:password::`); the grant is then on the secret itself.
    pub fn secrets_manager_arn(arn: impl Into<Value<String>>) -> Self {
        let arn = arn.into();
        let grant_arn = match &arn {
            // arn:partition:secretsmanager:region:account:secret:name[:json-key:stage:id]
            Value::Literal(a) if a.split(':').count() > 7 => {
                Value::Literal(a.split(':').take(7).collect::<Vec<_>>().join(":"))
            }
            _ => arn.clone(),
        };
        SecretSource {
            value_from: arn,
            grant_arn,
            kind: SecretKind::SecretsManager,
        }
    }

    /// An SSM parameter of this app.
    pub fn ssm_parameter(parameter: &Handle<ssm::Parameter>) -> Self {
        // `Ref` of AWS::SSM::Parameter is its name. A name given in the program tells whether it
        // starts with '/', which decides the ARN's shape.
        let name = parameter.update(|p| p.name.clone()).ok().flatten();
        let rooted = matches!(&name, Some(Value::Literal(n)) if n.starts_with('/'));
        let arn = parameter_arn(parameter.reference(), rooted);
        SecretSource {
            value_from: arn.clone(),
            grant_arn: arn,
            kind: SecretKind::SsmParameter,
        }
    }

    /// An SSM parameter by name, in the stack's account and region.
    pub fn ssm_parameter_name(name: &str) -> Self {
        let arn = parameter_arn(Value::Literal(name.to_owned()), name.starts_with('/'));
        SecretSource {
            value_from: arn.clone(),
            grant_arn: arn,
            kind: SecretKind::SsmParameter,
        }
    }

    /// An SSM parameter by ARN (a literal is checked when the task definition is built).
    pub fn ssm_parameter_arn(arn: impl Into<Value<String>>) -> Self {
        let arn = arn.into();
        SecretSource {
            value_from: arn.clone(),
            grant_arn: arn,
            kind: SecretKind::SsmParameter,
        }
    }

    /// The service the secret comes from.
    pub fn kind(&self) -> SecretKind {
        self.kind
    }

    /// Rule T18 for a literal ARN; `None` when valid or an expression.
    pub(crate) fn problem(&self) -> Option<String> {
        let Value::Literal(arn) = &self.grant_arn else {
            return None;
        };
        let service = match self.kind {
            SecretKind::SecretsManager => ("secretsmanager", ":secret:"),
            SecretKind::SsmParameter => ("ssm", ":parameter"),
        };
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        let ok = parts.len() == 6
            && parts[0] == "arn"
            && parts[2] == service.0
            && arn.contains(service.1);
        (!ok).then(|| {
            format!(
                "`{arn}` is not an {} ARN (`arn:<partition>:{}:<region>:<account>{}...`)",
                service.0, service.0, service.1
            )
        })
    }
}

fn parameter_arn(name: Value<String>, rooted: bool) -> Value<String> {
    let template = if rooted {
        "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${Name}"
    } else {
        "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${Name}"
    };
    intrinsic::sub_with(template, [("Name", name)])
}
