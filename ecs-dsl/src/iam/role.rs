//! The role construct: an `AWS::IAM::Role` assumed by one service, with an inline policy that
//! grows as constructs grant it permissions, and roles imported by ARN.

use std::cell::RefCell;
use std::rc::Rc;

use super::document::PolicyDocument;
use super::managed_policy::ManagedPolicy;
use super::principal::ServicePrincipal;
use super::statement::PolicyStatement;
use crate::cfn;
use crate::error::{Error, Result};
use crate::template::{Handle, Stack, ToJson, Value};

/// The field path of the inline policy in error messages.
const POLICY_FIELD: &str = "Policies[default].PolicyDocument";

/// `MaxSessionDuration` bounds in seconds (1 to 12 hours).
const SESSION_SECS: std::ops::RangeInclusive<u32> = 3600..=43200;

/// Builds a [`Role`]; made by [`Role::builder`].
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::iam::{ManagedPolicy, PolicyStatement, Role, ServicePrincipal};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let role = Role::builder(&stack, "InstanceRole", ServicePrincipal::Ec2)
///     .description("ECS container instances")
///     .path("/ecs/")
///     .max_session_duration_secs(7200)
///     .managed_policy(ManagedPolicy::aws_managed("service-role/AmazonEC2ContainerServiceforEC2Role"))
///     .build()?;
/// assert_eq!(role.handle().logical_id(), "InstanceRole");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a RoleBuilder does nothing until .build() is called"]
pub struct RoleBuilder {
    stack: Stack,
    id: String,
    principal: ServicePrincipal,
    description: Option<Value<String>>,
    path: Option<Value<String>>,
    role_name: Option<Value<String>>,
    max_session_duration_secs: Option<u32>,
    managed_policies: Vec<ManagedPolicy>,
    permissions_boundary: Option<ManagedPolicy>,
    document: PolicyDocument,
    source_conditions: bool,
}

impl RoleBuilder {
    /// Leaves the confused-deputy conditions out of the trust policy (see
    /// [`ServicePrincipal::trust_statement`]). Task execution roles use this: the ECS
    /// documentation shows those conditions for task roles only.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "ExecutionRole", ServicePrincipal::EcsTasks)
    ///     .without_source_conditions()
    ///     .build()?;
    /// # let _ = role;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let trust = &t["Resources"]["ExecutionRole"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0];
    /// assert!(trust.get("Condition").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn without_source_conditions(mut self) -> Self {
        self.source_conditions = false;
        self
    }

    /// Sets `Description` (at most 1000 characters, checked for literals at build).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
    ///     .description("What the web containers may call")
    ///     .build()?;
    /// # let _ = role;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["TaskRole"]["Properties"]["Description"], "What the web containers may call");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn description(mut self, description: impl Into<Value<String>>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets `Path` (`/` or `/a/b/`; checked for literals at build). Changing it replaces the
    /// role.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// assert!(Role::builder(&stack, "Bad", ServicePrincipal::EcsTasks).path("ecs").build().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn path(mut self, path: impl Into<Value<String>>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Gives the role a fixed name (`RoleName`; at most 64 of `[A-Za-z0-9+=,.@_-]`, checked for
    /// literals at build).
    ///
    /// A named IAM resource makes the stack need `CAPABILITY_NAMED_IAM` instead of
    /// `CAPABILITY_IAM` (rule F7), and a named role cannot be replaced by an update that
    /// changes a create-only property (CloudFormation would need two roles of one name).
    /// Leave it unset unless something outside the stack needs the name.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
    ///     .role_name(intrinsic::sub("${AWS::StackName}-task"))
    ///     .build()?;
    /// # let _ = role;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["TaskRole"]["Properties"]["RoleName"]["Fn::Sub"], "${AWS::StackName}-task");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn role_name(mut self, name: impl Into<Value<String>>) -> Self {
        self.role_name = Some(name.into());
        self
    }

    /// Sets `MaxSessionDuration` in seconds; [`build`](Self::build) fails outside 3600..=43200.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let err = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
    ///     .max_session_duration_secs(60)
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("MaxSessionDuration"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn max_session_duration_secs(mut self, secs: u32) -> Self {
        self.max_session_duration_secs = Some(secs);
        self
    }

    /// Attaches a managed policy (`ManagedPolicyArns`; the same ARN twice is attached once).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{ManagedPolicy, Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
    ///     .managed_policy(ManagedPolicy::aws_managed("CloudWatchAgentServerPolicy"))
    ///     .managed_policy(ManagedPolicy::aws_managed("CloudWatchAgentServerPolicy"))
    ///     .build()?;
    /// # let _ = role;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let arns = &t["Resources"]["TaskRole"]["Properties"]["ManagedPolicyArns"];
    /// assert_eq!(arns.as_array().map(Vec::len), Some(1)); // attached once
    /// assert!(arns[0].to_string().contains("policy/CloudWatchAgentServerPolicy"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn managed_policy(mut self, policy: ManagedPolicy) -> Self {
        if !self
            .managed_policies
            .iter()
            .any(|p| p.arn() == policy.arn())
        {
            self.managed_policies.push(policy);
        }
        self
    }

    /// Sets the permissions boundary (`PermissionsBoundary`): the managed policy that caps
    /// what the role may ever do.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{ManagedPolicy, Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let boundary = ManagedPolicy::from_arn(intrinsic::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/boundary"));
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
    ///     .permissions_boundary(boundary)
    ///     .build()?;
    /// # let _ = role;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// let p = &t["Resources"]["TaskRole"]["Properties"];
    /// assert_eq!(p["PermissionsBoundary"]["Fn::Sub"], "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/boundary");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn permissions_boundary(mut self, policy: ManagedPolicy) -> Self {
        self.permissions_boundary = Some(policy);
        self
    }

    /// Adds a statement to the inline policy (merged as by
    /// [`PolicyDocument::add_statement`]; checked at build).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{PolicyStatement, Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
    ///     .statement(PolicyStatement::allow().action("sqs:SendMessage").resource("arn:aws:sqs:us-east-1:123456789012:jobs"))
    ///     .build()?;
    /// assert_eq!(role.statements().len(), 1);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn statement(mut self, statement: PolicyStatement) -> Self {
        self.document.add_statement(statement);
        self
    }

    /// Adds several statements, e.g. the result of a [`grants`](crate::iam::grants) helper.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal, grants};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "ExecutionRole", ServicePrincipal::EcsTasks)
    ///     .statements(grants::ecr_pull("arn:aws:ecr:us-east-1:123456789012:repository/web"))
    ///     .build()?;
    /// assert!(role.statements()[1].is_wildcard());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn statements(mut self, statements: impl IntoIterator<Item = PolicyStatement>) -> Self {
        self.document.extend(statements);
        self
    }

    fn invalid(&self, field: &str, reason: String) -> Error {
        Error::invalid_value(self.stack.name(), &self.id, field, reason)
    }

    fn problem(&self) -> Option<(&'static str, String)> {
        if let Some(problem) = self.principal.problem() {
            return Some(("AssumeRolePolicyDocument", problem));
        }
        if let Some(d) = self.description.as_ref().and_then(Value::literal)
            && d.chars().count() > 1000
        {
            return Some((
                "Description",
                format!(
                    "a role description has at most 1000 characters, this one has {}",
                    d.chars().count()
                ),
            ));
        }
        if let Some(p) = self.path.as_ref().and_then(Value::literal)
            && let Some(problem) = path_problem(p)
        {
            return Some(("Path", problem));
        }
        if let Some(n) = self.role_name.as_ref().and_then(Value::literal)
            && let Some(problem) = role_name_problem(n)
        {
            return Some(("RoleName", problem));
        }
        if let Some(secs) = self.max_session_duration_secs
            && !SESSION_SECS.contains(&secs)
        {
            return Some((
                "MaxSessionDuration",
                format!("{secs} s is outside 3600..=43200 s (1 to 12 hours)"),
            ));
        }
        if let Some(problem) = self
            .managed_policies
            .iter()
            .find_map(ManagedPolicy::problem)
        {
            return Some(("ManagedPolicyArns", problem));
        }
        if let Some(problem) = self
            .permissions_boundary
            .as_ref()
            .and_then(ManagedPolicy::problem)
        {
            return Some(("PermissionsBoundary", problem));
        }
        self.document
            .identity_problem()
            .map(|problem| (POLICY_FIELD, problem))
    }

    /// Checks the settings and adds the `AWS::IAM::Role` to the stack. Its inline policy is
    /// one policy named `default` holding the statements (no `Policies` when there are none).
    ///
    /// Fails on a literal `Description`, `Path` or `RoleName` IAM rejects, a session duration
    /// outside 3600..=43200 s, a malformed managed policy, a statement a permissions policy
    /// cannot hold (no actions, no resources, a literal `"*"` resource, a principal, a bad or
    /// duplicate `Sid`), or a logical id that breaks rule F3 or is taken.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{PolicyStatement, Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let err = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
    ///     .statement(PolicyStatement::allow().action("s3:GetObject").resource("*"))
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("any_resource"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<Role> {
        if let Some((field, reason)) = self.problem() {
            return Err(self.invalid(field, reason));
        }
        let trust = if self.source_conditions {
            self.principal.trust_policy()
        } else {
            PolicyDocument::new().with_statement(
                PolicyStatement::allow()
                    .principal(self.principal.clone())
                    .action("sts:AssumeRole"),
            )
        };
        let mut resource = cfn::iam::Role::new(trust.to_json());
        resource.description = self.description;
        resource.path = self.path;
        resource.role_name = self.role_name;
        resource.max_session_duration = self.max_session_duration_secs.map(Value::from);
        resource.permissions_boundary = self.permissions_boundary.map(|p| p.arn());
        if !self.managed_policies.is_empty() {
            resource.managed_policy_arns = Some(Value::Literal(
                self.managed_policies
                    .iter()
                    .map(ManagedPolicy::arn)
                    .collect(),
            ));
        }
        // A fresh resource has no `Policies` expression, so this cannot fail.
        let _ = set_default_policy(&mut resource, &self.document);
        let handle = self
            .stack
            .add_owned(&self.id, resource, "ecs_dsl::iam::Role")?;
        Ok(Role {
            handle,
            principal: self.principal,
            state: Rc::new(RefCell::new(State {
                document: self.document,
                managed: self.managed_policies,
            })),
        })
    }
}

fn path_problem(path: &str) -> Option<String> {
    let ok = path == "/"
        || (path.len() >= 2
            && path.len() <= 512
            && path.starts_with('/')
            && path.ends_with('/')
            && path.bytes().all(|b| (0x21..=0x7e).contains(&b)));
    (!ok).then(|| {
        format!(
            "role path `{path}` must be `/` or start and end with `/` (at most 512 printable ASCII characters, no spaces)"
        )
    })
}

fn role_name_problem(name: &str) -> Option<String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
    (!ok).then(|| format!("role name `{name}` must be 1 to 64 of [A-Za-z0-9+=,.@_-]"))
}

fn is_default_policy(p: &Value<cfn::iam::role::Policy>) -> bool {
    matches!(p, Value::Literal(p) if p.policy_name.literal().map(String::as_str) == Some(Role::DEFAULT_POLICY_NAME))
}

/// Writes `document` as the policy named `default` of `role.policies`, keeping any other
/// policy (added through the escape hatch) where it is. Fails when `Policies` was replaced by
/// an expression.
fn set_default_policy(
    role: &mut cfn::iam::Role,
    document: &PolicyDocument,
) -> std::result::Result<(), String> {
    let mut list = match role.policies.take() {
        None => Vec::new(),
        Some(Value::Literal(list)) => list,
        Some(expr @ Value::Expr(_)) => {
            role.policies = Some(expr);
            return Err(
                "`Policies` was set to an expression through the escape hatch, so the `default` policy cannot be written into it".to_owned(),
            );
        }
    };
    let policy = (!document.is_empty()).then(|| {
        Value::Literal(cfn::iam::role::Policy::new(
            document.to_json(),
            Role::DEFAULT_POLICY_NAME,
        ))
    });
    match (list.iter().position(is_default_policy), policy) {
        (Some(at), Some(policy)) => list[at] = policy,
        (Some(at), None) => {
            list.remove(at);
        }
        (None, Some(policy)) => list.push(policy),
        (None, None) => {}
    }
    role.policies = (!list.is_empty()).then_some(Value::Literal(list));
    Ok(())
}

#[derive(Debug)]
struct State {
    document: PolicyDocument,
    managed: Vec<ManagedPolicy>,
}

/// An IAM role (L2) assumed by one service principal, added by [`Role::builder`].
///
/// `Role` is a cheap handle (clones share the role). Its inline policy (`Policies`, one policy
/// named `default`) is rendered from its statements and re-rendered whenever a statement is
/// added, also after [`build`](RoleBuilder::build): constructs that use the role grant it what
/// they need through [`IRole::grant`].
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::iam::{IRole, PolicyStatement, Role, ServicePrincipal, grants};
///
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let execution = Role::builder(&stack, "ExecutionRole", ServicePrincipal::EcsTasks).build()?;
/// let repo = intrinsic::sub("arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/web");
/// assert!(execution.grant_all(grants::ecr_pull(repo))?.is_added());
///
/// let template = app.synthesize()?.stack("web").unwrap().template_json();
/// let role = &template["Resources"]["ExecutionRole"];
/// assert_eq!(role["Type"], "AWS::IAM::Role");
/// assert_eq!(role["Properties"]["Policies"][0]["PolicyName"], "default");
/// assert_eq!(role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"].as_array().unwrap().len(), 2);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Role {
    handle: Handle<cfn::iam::Role>,
    principal: ServicePrincipal,
    state: Rc<RefCell<State>>,
}

impl PartialEq for Role {
    /// Two handles are equal when they refer to the same role resource.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let a = Role::builder(&stack, "A", ServicePrincipal::EcsTasks).build()?;
    /// let b = Role::builder(&stack, "B", ServicePrincipal::EcsTasks).build()?;
    /// assert_eq!(a, a.clone());
    /// assert_ne!(a, b);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    fn eq(&self, other: &Self) -> bool {
        self.handle.target() == other.handle.target()
    }
}

impl Eq for Role {}

impl Role {
    /// The name of the inline policy that holds the role's statements.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::iam::{PolicyStatement, Role, ServicePrincipal};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
    ///     .statement(PolicyStatement::allow().action("s3:GetObject").resource("arn:aws:s3:::assets/*"))
    ///     .build()?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["TaskRole"]["Properties"]["Policies"][0]["PolicyName"], Role::DEFAULT_POLICY_NAME);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub const DEFAULT_POLICY_NAME: &'static str = "default";

    /// Starts a role with the logical id `id` in `stack`, trusted by `principal` (see
    /// [`ServicePrincipal::trust_statement`]).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks).build()?;
    /// assert_eq!(role.principal(), &ServicePrincipal::EcsTasks);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn builder(stack: &Stack, id: &str, principal: ServicePrincipal) -> RoleBuilder {
        RoleBuilder {
            stack: stack.clone(),
            id: id.to_owned(),
            principal,
            description: None,
            path: None,
            role_name: None,
            max_session_duration_secs: None,
            managed_policies: Vec::new(),
            permissions_boundary: None,
            document: PolicyDocument::new(),
            source_conditions: true,
        }
    }

    /// A role made outside this app, by ARN. Statements cannot be added to it: see
    /// [`ImportedRole`].
    ///
    /// ```
    /// use ecs_dsl::iam::{IRole, Role};
    /// let role = Role::from_arn("arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
    /// assert!(role.role_arn().is_literal());
    /// ```
    pub fn from_arn(arn: impl Into<Value<String>>) -> ImportedRole {
        ImportedRole::new(arn)
    }

    /// The role's ARN (`Fn::GetAtt` `Arn`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks).build()?;
    /// stack.add_output("TaskRoleArn", Output::new(role.arn()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["TaskRoleArn"]["Value"]["Fn::GetAtt"], serde_json::json!(["TaskRole", "Arn"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.handle.attr_arn()
    }

    /// The role's name (`Ref`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks).build()?;
    /// assert!(!role.name().is_literal());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(&self) -> Value<String> {
        self.handle.reference()
    }

    /// The L1 handle, for resource attributes and escape hatches.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks).build()?;
    /// let role_id: Value<String> = role.handle().attr_role_id();
    /// assert_eq!(role.handle().logical_id(), "TaskRole");
    /// assert!(!role_id.is_literal());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> &Handle<cfn::iam::Role> {
        &self.handle
    }

    /// The service that assumes the role.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "ScalingRole", ServicePrincipal::ApplicationAutoScaling).build()?;
    /// assert_eq!(role.principal().service_name(), "application-autoscaling.amazonaws.com");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn principal(&self) -> &ServicePrincipal {
        &self.principal
    }

    fn invalid(&self, field: &str, reason: String) -> Error {
        Error::InvalidValue {
            stack: self.handle.stack_name().to_owned(),
            logical_id: self.handle.logical_id().to_owned(),
            field: field.to_owned(),
            reason,
        }
    }

    fn busy(&self) -> Error {
        Error::ResourceBusy {
            stack: self.handle.stack_name().to_owned(),
            logical_id: self.handle.logical_id().to_owned(),
        }
    }

    /// Adds a statement to the inline policy and re-renders it, also after the role was built.
    /// Fails (and changes nothing) on a statement a permissions policy cannot hold (see
    /// [`RoleBuilder::build`]).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{PolicyStatement, Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks).build()?;
    /// role.add_to_policy(PolicyStatement::allow().action("dynamodb:GetItem").resource("arn:aws:dynamodb:us-east-1:123456789012:table/t"))?;
    /// assert!(role.add_to_policy(PolicyStatement::allow().action("dynamodb:GetItem")).is_err());
    /// assert_eq!(role.statements().len(), 1);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_to_policy(&self, statement: PolicyStatement) -> Result<()> {
        self.add_statements([statement])
    }

    /// Adds several statements at once: all of them or, on error, none.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal, grants};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks).build()?;
    /// role.add_statements([
    ///     grants::kms_decrypt("arn:aws:kms:us-east-1:123456789012:key/abc"),
    ///     grants::secrets_manager_read("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"),
    /// ])?;
    /// assert_eq!(role.statements().len(), 2);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_statements(
        &self,
        statements: impl IntoIterator<Item = PolicyStatement>,
    ) -> Result<()> {
        let mut document = self
            .state
            .try_borrow()
            .map_err(|_| self.busy())?
            .document
            .clone();
        let before = document.clone();
        document.extend(statements);
        if document == before {
            return Ok(());
        }
        if let Some(problem) = document.identity_problem() {
            return Err(self.invalid(POLICY_FIELD, problem));
        }
        self.handle
            .update(|r| set_default_policy(r, &document))?
            .map_err(|reason| self.invalid("Policies", reason))?;
        self.state
            .try_borrow_mut()
            .map_err(|_| self.busy())?
            .document = document;
        Ok(())
    }

    /// Attaches a managed policy after the role was built (the same ARN twice is attached
    /// once).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{ManagedPolicy, Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "InstanceRole", ServicePrincipal::Ec2).build()?;
    /// role.add_managed_policy(ManagedPolicy::aws_managed("AmazonSSMManagedInstanceCore"))?;
    /// role.add_managed_policy(ManagedPolicy::aws_managed("AmazonSSMManagedInstanceCore"))?;
    /// assert_eq!(role.managed_policies().len(), 1);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn add_managed_policy(&self, policy: ManagedPolicy) -> Result<()> {
        if let Some(problem) = policy.problem() {
            return Err(self.invalid("ManagedPolicyArns", problem));
        }
        let arn = policy.arn();
        let known = self
            .state
            .try_borrow()
            .map_err(|_| self.busy())?
            .managed
            .iter()
            .any(|p| p.arn() == arn);
        if known {
            return Ok(());
        }
        self.handle
            .update(|r| match r.managed_policy_arns.take() {
                None => {
                    r.managed_policy_arns = Some(Value::Literal(vec![arn]));
                    Ok(())
                }
                Some(Value::Literal(mut list)) => {
                    if !list.contains(&arn) {
                        list.push(arn);
                    }
                    r.managed_policy_arns = Some(Value::Literal(list));
                    Ok(())
                }
                Some(expr @ Value::Expr(_)) => {
                    r.managed_policy_arns = Some(expr);
                    Err("`ManagedPolicyArns` was set to an expression through the escape hatch, so a policy cannot be added to it".to_owned())
                }
            })?
            .map_err(|reason| self.invalid("ManagedPolicyArns", reason))?;
        self.state
            .try_borrow_mut()
            .map_err(|_| self.busy())?
            .managed
            .push(policy);
        Ok(())
    }

    /// The statements of the inline policy, in order.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks).build()?;
    /// assert!(role.statements().is_empty());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn statements(&self) -> Vec<PolicyStatement> {
        self.state
            .try_borrow()
            .map(|s| s.document.statements().to_vec())
            .unwrap_or_default()
    }

    /// The attached managed policies, in order.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks).build()?;
    /// assert!(role.managed_policies().is_empty());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn managed_policies(&self) -> Vec<ManagedPolicy> {
        self.state
            .try_borrow()
            .map(|s| s.managed.clone())
            .unwrap_or_default()
    }
}

/// What became of a grant: the statements were added to the role's policy, or they could not
/// be (the role was imported) and must be granted by whoever owns the role.
///
/// ```
/// use ecs_dsl::iam::{GrantResult, IRole, PolicyStatement, Role};
/// let imported = Role::from_arn("arn:aws:iam::123456789012:role/shared");
/// let result = imported.grant(PolicyStatement::allow().action("s3:GetObject").resource("arn:aws:s3:::b/*"))?;
/// assert!(!result.is_added());
/// assert_eq!(result.not_added().len(), 1);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use = "a grant to an imported role is not added; report GrantResult::NotAdded to the user"]
pub enum GrantResult {
    /// The statements are in the role's inline policy.
    Added,
    /// The role is not managed by this app; the statements were not added anywhere.
    NotAdded {
        /// The role's ARN.
        role_arn: Value<String>,
        /// What the role still needs.
        statements: Vec<PolicyStatement>,
    },
}

impl GrantResult {
    /// Whether the statements were added.
    ///
    /// ```
    /// use ecs_dsl::iam::GrantResult;
    /// assert!(GrantResult::Added.is_added());
    /// ```
    pub fn is_added(&self) -> bool {
        matches!(self, GrantResult::Added)
    }

    /// The statements that were not added (empty for [`GrantResult::Added`]).
    ///
    /// ```
    /// use ecs_dsl::iam::GrantResult;
    /// assert!(GrantResult::Added.not_added().is_empty());
    /// ```
    pub fn not_added(&self) -> &[PolicyStatement] {
        match self {
            GrantResult::Added => &[],
            GrantResult::NotAdded { statements, .. } => statements,
        }
    }
}

/// A role that constructs can be given: a [`Role`] of this app or an [`ImportedRole`].
///
/// Constructs call [`grant`](Self::grant) with the least-privilege statements they need
/// ([`grants`](crate::iam::grants)). A [`Role`] adds them to its inline policy; an
/// [`ImportedRole`] cannot (its policies are managed elsewhere) and returns
/// [`GrantResult::NotAdded`] with the statements, so that the caller can report what the
/// role's owner must grant.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::iam::{IRole, Role, ServicePrincipal, grants};
///
/// fn allow_exec(role: &dyn IRole) -> ecs_dsl::Result<Vec<String>> {
///     let result = role.grant(grants::ecs_exec())?;
///     Ok(result.not_added().iter().flat_map(|s| s.action_list()).map(str::to_owned).collect())
/// }
///
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let own = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks).build()?;
/// assert!(allow_exec(&own)?.is_empty());
/// let shared = Role::from_arn("arn:aws:iam::123456789012:role/shared");
/// assert_eq!(allow_exec(&shared)?.len(), 4);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub trait IRole {
    /// The role's ARN.
    fn role_arn(&self) -> Value<String>;

    /// Grants the role a statement: adds it to the role's policy if this app manages the role.
    fn grant(&self, statement: PolicyStatement) -> Result<GrantResult>;

    /// Grants several statements (see [`grant`](Self::grant)); `NotAdded` lists every
    /// statement that was not added.
    fn grant_all(&self, statements: Vec<PolicyStatement>) -> Result<GrantResult> {
        let mut not_added = Vec::new();
        for statement in statements {
            if let GrantResult::NotAdded { statements, .. } = self.grant(statement)? {
                not_added.extend(statements);
            }
        }
        Ok(if not_added.is_empty() {
            GrantResult::Added
        } else {
            GrantResult::NotAdded {
                role_arn: self.role_arn(),
                statements: not_added,
            }
        })
    }
}

impl IRole for Role {
    fn role_arn(&self) -> Value<String> {
        self.arn()
    }

    fn grant(&self, statement: PolicyStatement) -> Result<GrantResult> {
        self.add_to_policy(statement)?;
        Ok(GrantResult::Added)
    }

    /// Adds all statements or, on error, none.
    fn grant_all(&self, statements: Vec<PolicyStatement>) -> Result<GrantResult> {
        self.add_statements(statements)?;
        Ok(GrantResult::Added)
    }
}

impl<T: IRole + ?Sized> IRole for &T {
    fn role_arn(&self) -> Value<String> {
        (**self).role_arn()
    }

    fn grant(&self, statement: PolicyStatement) -> Result<GrantResult> {
        (**self).grant(statement)
    }

    fn grant_all(&self, statements: Vec<PolicyStatement>) -> Result<GrantResult> {
        (**self).grant_all(statements)
    }
}

/// A role made outside this app, known by its ARN (from [`Role::from_arn`]).
///
/// This app cannot change its policies: [`IRole::grant`] returns [`GrantResult::NotAdded`]
/// with the statement instead of adding it (the statement is not checked either). Report
/// those statements so that the role's owner can grant them.
///
/// ```
/// use ecs_dsl::iam::{GrantResult, IRole, ImportedRole, grants};
/// use ecs_dsl::template::intrinsic;
/// let role = ImportedRole::new(intrinsic::import_value::<String>("shared:ExecutionRoleArn"));
/// let result = role.grant(grants::log_write("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*"))?;
/// assert!(matches!(result, GrantResult::NotAdded { .. }));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRole {
    arn: Value<String>,
}

impl ImportedRole {
    /// A role by ARN (a literal, a parameter, an `Fn::ImportValue`...).
    ///
    /// ```
    /// use ecs_dsl::iam::ImportedRole;
    /// let role = ImportedRole::new("arn:aws:iam::123456789012:role/shared");
    /// assert!(role.arn().is_literal());
    /// ```
    pub fn new(arn: impl Into<Value<String>>) -> Self {
        ImportedRole { arn: arn.into() }
    }

    /// The role's ARN.
    ///
    /// ```
    /// use ecs_dsl::iam::ImportedRole;
    /// assert_eq!(
    ///     ImportedRole::new("arn:aws:iam::123456789012:role/r").arn().literal().map(String::as_str),
    ///     Some("arn:aws:iam::123456789012:role/r")
    /// );
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.arn.clone()
    }
}

impl IRole for ImportedRole {
    fn role_arn(&self) -> Value<String> {
        self.arn()
    }

    fn grant(&self, statement: PolicyStatement) -> Result<GrantResult> {
        Ok(GrantResult::NotAdded {
            role_arn: self.arn(),
            statements: vec![statement],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::App;
    use crate::iam::grants;
    use crate::template::{Json, Output, intrinsic};
    use serde_json::json;

    fn synth(app: &App, stack: &str) -> serde_json::Value {
        app.synthesize()
            .unwrap()
            .stack(stack)
            .unwrap()
            .template_json()
    }

    fn read_statement() -> PolicyStatement {
        PolicyStatement::allow()
            .action("s3:GetObject")
            .resource("arn:aws:s3:::assets/*")
    }

    #[test]
    fn renders_every_property() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
            .description("web tasks")
            .path("/ecs/")
            .role_name("web-task")
            .max_session_duration_secs(3600)
            .managed_policy(ManagedPolicy::aws_managed("ReadOnlyAccess"))
            .managed_policy(ManagedPolicy::aws_managed("ReadOnlyAccess"))
            .permissions_boundary(ManagedPolicy::from_arn(
                "arn:aws:iam::123456789012:policy/boundary",
            ))
            .statement(read_statement())
            .build()
            .unwrap();
        stack
            .add_output("RoleArn", Output::new(role.arn()))
            .unwrap();
        stack
            .add_output("RoleName", Output::new(role.name()))
            .unwrap();
        let t = synth(&app, "web");
        assert_eq!(
            t["Resources"]["TaskRole"],
            json!({
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [{
                            "Effect": "Allow",
                            "Principal": {"Service": ["ecs-tasks.amazonaws.com"]},
                            "Action": ["sts:AssumeRole"],
                            "Condition": {
                                "ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*"}},
                                "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                            },
                        }],
                    },
                    "Description": "web tasks",
                    "ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"}],
                    "MaxSessionDuration": 3600,
                    "Path": "/ecs/",
                    "PermissionsBoundary": "arn:aws:iam::123456789012:policy/boundary",
                    "Policies": [{
                        "PolicyDocument": {
                            "Version": "2012-10-17",
                            "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::assets/*"]}],
                        },
                        "PolicyName": "default",
                    }],
                    "RoleName": "web-task",
                },
            })
        );
        assert_eq!(
            t["Outputs"]["RoleArn"]["Value"],
            json!({"Fn::GetAtt": ["TaskRole", "Arn"]})
        );
        assert_eq!(
            t["Outputs"]["RoleName"]["Value"],
            json!({"Ref": "TaskRole"})
        );
    }

    #[test]
    fn no_statements_means_no_policies() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        Role::builder(&stack, "Plain", ServicePrincipal::Ec2)
            .build()
            .unwrap();
        let t = synth(&app, "web");
        let props = t["Resources"]["Plain"]["Properties"].as_object().unwrap();
        assert_eq!(
            props.keys().collect::<Vec<_>>(),
            ["AssumeRolePolicyDocument"]
        );
    }

    #[test]
    fn session_duration_bounds() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        for (i, secs) in [3600, 43200].into_iter().enumerate() {
            Role::builder(&stack, &format!("Ok{i}"), ServicePrincipal::EcsTasks)
                .max_session_duration_secs(secs)
                .build()
                .unwrap();
        }
        for secs in [0, 3599, 43201] {
            let err = Role::builder(&stack, "Bad", ServicePrincipal::EcsTasks)
                .max_session_duration_secs(secs)
                .build()
                .unwrap_err();
            assert!(
                matches!(&err, Error::InvalidValue { field, logical_id, .. } if field == "MaxSessionDuration" && logical_id == "Bad"),
                "{err}"
            );
        }
        // A failed build adds nothing, so the id stays free.
        assert_eq!(stack.resource_count(), 2);
    }

    #[test]
    fn literal_names_and_paths_are_checked_expressions_skipped() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let bad = [
            Role::builder(&stack, "A", ServicePrincipal::EcsTasks).role_name("has space"),
            Role::builder(&stack, "A", ServicePrincipal::EcsTasks).role_name("x".repeat(65)),
            Role::builder(&stack, "A", ServicePrincipal::EcsTasks).path("ecs/"),
            Role::builder(&stack, "A", ServicePrincipal::EcsTasks).path("/a b/"),
            Role::builder(&stack, "A", ServicePrincipal::EcsTasks).description("d".repeat(1001)),
            Role::builder(&stack, "A", ServicePrincipal::Other(String::new())),
            Role::builder(&stack, "A", ServicePrincipal::EcsTasks)
                .managed_policy(ManagedPolicy::aws_managed("no spaces allowed")),
            Role::builder(&stack, "A", ServicePrincipal::EcsTasks)
                .permissions_boundary(ManagedPolicy::from_arn("boundary")),
        ];
        for builder in bad {
            assert!(builder.clone().build().is_err(), "{builder:?}");
        }
        Role::builder(&stack, "B", ServicePrincipal::EcsTasks)
            .role_name(intrinsic::sub(
                "${AWS::StackName} with space is not checked",
            ))
            .path(intrinsic::sub("/${AWS::StackName}/"))
            .build()
            .unwrap();
        Role::builder(&stack, "C", ServicePrincipal::EcsTasks)
            .role_name("web+task=1,a.b@c_d-e")
            .path("/")
            .description("d".repeat(1000))
            .build()
            .unwrap();
        Role::builder(&stack, "D", ServicePrincipal::EcsTasks)
            .path("/a/b-c_d/")
            .build()
            .unwrap();
    }

    #[test]
    fn statements_added_after_build_are_rendered() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
            .build()
            .unwrap();
        let clone = role.clone();
        clone.add_to_policy(read_statement()).unwrap();
        clone
            .add_to_policy(
                PolicyStatement::allow()
                    .action("s3:GetObjectVersion")
                    .resource("arn:aws:s3:::assets/*"),
            )
            .unwrap();
        assert_eq!(role.statements().len(), 1);
        let t = synth(&app, "web");
        assert_eq!(
            t["Resources"]["TaskRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"],
            json!([{"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": ["arn:aws:s3:::assets/*"]}])
        );
    }

    #[test]
    fn a_rejected_statement_changes_nothing() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
            .statement(read_statement())
            .build()
            .unwrap();
        let before = synth(&app, "web");
        let err = role
            .add_statements([
                PolicyStatement::allow()
                    .action("s3:PutObject")
                    .resource("arn:aws:s3:::assets/*"),
                PolicyStatement::allow()
                    .action("s3:ListBucket")
                    .resource("*"),
            ])
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidValue { field, .. } if field == POLICY_FIELD),
            "{err}"
        );
        assert_eq!(role.statements(), vec![read_statement()]);
        assert_eq!(synth(&app, "web"), before);
    }

    #[test]
    fn other_policies_from_the_escape_hatch_are_kept() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
            .build()
            .unwrap();
        role.handle()
            .update(|r| {
                r.policies = Some(Value::Literal(vec![Value::Literal(
                    cfn::iam::role::Policy::new(
                        Json::object([("Version", Json::from("2012-10-17"))]),
                        "extra",
                    ),
                )]))
            })
            .unwrap();
        role.add_to_policy(read_statement()).unwrap();
        let t = synth(&app, "web");
        let names: Vec<&serde_json::Value> = t["Resources"]["TaskRole"]["Properties"]["Policies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| &p["PolicyName"])
            .collect();
        assert_eq!(names, [&json!("extra"), &json!("default")]);

        role.handle()
            .update(|r| {
                r.policies = Some(Value::expr(Json::object([(
                    "Ref",
                    Json::from("AWS::NoValue"),
                )])))
            })
            .unwrap();
        let err = role
            .add_to_policy(
                PolicyStatement::allow()
                    .action("s3:PutObject")
                    .resource("arn:x"),
            )
            .unwrap_err();
        assert!(err.to_string().contains("escape hatch"), "{err}");
    }

    #[test]
    fn managed_policies_after_build() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let role = Role::builder(&stack, "InstanceRole", ServicePrincipal::Ec2)
            .managed_policy(ManagedPolicy::aws_managed("AmazonSSMManagedInstanceCore"))
            .build()
            .unwrap();
        role.add_managed_policy(ManagedPolicy::aws_managed(
            "service-role/AmazonEC2ContainerServiceforEC2Role",
        ))
        .unwrap();
        role.add_managed_policy(ManagedPolicy::aws_managed("AmazonSSMManagedInstanceCore"))
            .unwrap();
        assert!(
            role.add_managed_policy(ManagedPolicy::from_arn("nope"))
                .is_err()
        );
        let t = synth(&app, "web");
        assert_eq!(
            t["Resources"]["InstanceRole"]["Properties"]["ManagedPolicyArns"],
            json!([
                {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"},
                {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"},
            ])
        );
        assert_eq!(role.managed_policies().len(), 2);
    }

    #[test]
    fn grants_to_own_and_imported_roles() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let role = Role::builder(&stack, "ExecutionRole", ServicePrincipal::EcsTasks)
            .build()
            .unwrap();
        let repo = "arn:aws:ecr:us-east-1:123456789012:repository/web";
        assert_eq!(
            role.grant_all(grants::ecr_pull(repo)).unwrap(),
            GrantResult::Added
        );
        assert_eq!(role.statements().len(), 2);
        // Through the blanket impl for references.
        fn grant_through<R: IRole>(role: R, s: PolicyStatement) -> Result<GrantResult> {
            role.grant(s)
        }
        assert_eq!(
            grant_through(&role, read_statement()).unwrap(),
            GrantResult::Added
        );

        let imported = Role::from_arn("arn:aws:iam::123456789012:role/shared");
        let result = imported.grant_all(grants::ecr_pull(repo)).unwrap();
        match &result {
            GrantResult::NotAdded {
                role_arn,
                statements,
            } => {
                assert_eq!(
                    role_arn,
                    &Value::from("arn:aws:iam::123456789012:role/shared")
                );
                assert_eq!(statements, &grants::ecr_pull(repo));
            }
            GrantResult::Added => panic!("an imported role cannot be granted"),
        }
        assert!(!result.is_added());
        assert_eq!(result.not_added().len(), 2);
        assert_eq!(
            imported.grant(read_statement()).unwrap().not_added(),
            [read_statement()]
        );
        // Nothing about the imported role lands in the template.
        let t = synth(&app, "web");
        assert_eq!(t["Resources"].as_object().unwrap().len(), 1);
    }

    #[test]
    fn duplicate_logical_id_is_an_error() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        Role::builder(&stack, "Role", ServicePrincipal::EcsTasks)
            .build()
            .unwrap();
        let err = Role::builder(&stack, "Role", ServicePrincipal::EcsTasks)
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::DuplicateLogicalId { .. }), "{err}");
    }
}
