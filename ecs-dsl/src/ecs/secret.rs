//! Secrets injected into containers, as typed references that grant read on exactly their ARN
//! to the task's execution role (rule T18).

use crate::arn::Arn;
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
/// # let _ = password;
/// assert_eq!(token.kind(), ecs_dsl::ecs::SecretKind::SsmParameter);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SecretSource {
    pub(crate) value_from: Value<String>,
    pub(crate) grant_arn: Value<String>,
    pub(crate) kind: SecretKind,
}

/// The service a [`SecretSource`] reads from.
///
/// ```
/// use ecs_dsl::ecs::{SecretKind, SecretSource};
/// assert_eq!(SecretSource::ssm_parameter_name("/web/token").kind(), SecretKind::SsmParameter);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// AWS Secrets Manager.
    SecretsManager,
    /// AWS Systems Manager Parameter Store.
    SsmParameter,
}

impl SecretSource {
    /// The whole value of a Secrets Manager secret of this app.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let db = stack.add("DbSecret", ecs_dsl::cfn::secretsmanager::Secret::new())?;
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).secret("DB", SecretSource::secrets_manager(&db));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["Secrets"][0]["ValueFrom"], serde_json::json!({"Ref": "DbSecret"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let db = stack.add("DbSecret", ecs_dsl::cfn::secretsmanager::Secret::new())?;
    /// let password = SecretSource::secrets_manager_key(&db, "password");
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).secret("DB_PASSWORD", password);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["Secrets"][0]["ValueFrom"], serde_json::json!({"Fn::Join": ["", [{"Ref": "DbSecret"}, ":password::"]]}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
    /// let password = SecretSource::secrets_manager_arn(format!("{secret}:password::"));
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).secret("DB_PASSWORD", password);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["WebExecutionRole"]["Properties"];
    /// // the execution role may read the secret itself
    /// assert_eq!(props["Policies"][0]["PolicyDocument"]["Statement"][0]["Resource"][0], secret);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    ///
    /// A literal that is not a Secrets Manager ARN fails the build (rule T18):
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let wrong = SecretSource::secrets_manager_arn("arn:aws:ssm:eu-west-1:123456789012:parameter/db");
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).secret("DB", wrong);
    /// assert!(task.container(web).build().unwrap_err().to_string().contains("T18"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// use ecs_dsl::cfn::ssm::{Parameter as SsmParameter, parameter::ParameterType};
    /// let flag = stack.add("Flag", SsmParameter::new(ParameterType::String, "on").name("/web/flag"))?;
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).secret("FLAG", SecretSource::ssm_parameter(&flag));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(
    ///     c["Secrets"][0]["ValueFrom"]["Fn::Sub"][0],
    ///     "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${Name}"
    /// );
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
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
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let token = SecretSource::ssm_parameter_name("/web/api-token");
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).secret("API_TOKEN", token);
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["Secrets"][0]["ValueFrom"]["Fn::Sub"][1]["Name"], "/web/api-token");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ssm_parameter_name(name: &str) -> Self {
        let arn = parameter_arn(Value::Literal(name.to_owned()), name.starts_with('/'));
        SecretSource {
            value_from: arn.clone(),
            grant_arn: arn,
            kind: SecretKind::SsmParameter,
        }
    }

    /// An SSM parameter by ARN (a literal is checked when the task definition is built).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/shared/token";
    /// let web = task.new_container("web", ecs_dsl::image!("nginx:1.27")).secret("TOKEN", SecretSource::ssm_parameter_arn(arn));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["Secrets"][0]["ValueFrom"], arn);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ssm_parameter_arn(arn: impl Into<Value<String>>) -> Self {
        let arn = arn.into();
        SecretSource {
            value_from: arn.clone(),
            grant_arn: arn,
            kind: SecretKind::SsmParameter,
        }
    }

    /// The service the secret comes from.
    ///
    /// ```
    /// use ecs_dsl::ecs::{SecretKind, SecretSource};
    /// let arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
    /// assert_eq!(SecretSource::secrets_manager_arn(arn).kind(), SecretKind::SecretsManager);
    /// ```
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
        let ok = Arn::parse(arn).is_some_and(|a| a.service == service.0) && arn.contains(service.1);
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
