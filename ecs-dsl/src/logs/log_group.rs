//! The log group construct: an `AWS::Logs::LogGroup` with a retention, a removal policy and a
//! write grant.

use super::retention::Retention;
use crate::cfn;
use crate::error::{Error, Result};
use crate::iam::{GrantResult, IRole, grants};
use crate::template::{Handle, RemovalPolicy, Stack, Value};

/// Builds a [`LogGroup`]; made by [`LogGroup::builder`].
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::logs::{LogGroup, Retention};
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let logs = LogGroup::builder(&stack, "WebLogs")
///     .name(intrinsic::sub("/ecs/${AWS::StackName}/web"))
///     .retention(Retention::ThreeMonths)
///     .removal_policy(RemovalPolicy::Delete)
///     .build()?;
/// assert_eq!(logs.retention(), Retention::ThreeMonths);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a LogGroupBuilder does nothing until .build() is called"]
pub struct LogGroupBuilder {
    stack: Stack,
    id: String,
    name: Option<Value<String>>,
    retention: Retention,
    kms_key_arn: Option<Value<String>>,
    removal_policy: RemovalPolicy,
}

impl LogGroupBuilder {
    /// Sets `LogGroupName` (1 to 512 of `[.-_/#A-Za-z0-9]`, checked for literals at build).
    /// Without it CloudFormation generates a unique name.
    ///
    /// A fixed literal name together with the default [`RemovalPolicy::Retain`] means a log
    /// group left behind by a deleted stack blocks creating the stack again (the name is
    /// taken). Prefer a name built with `${AWS::StackName}`, or no name.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::logs::LogGroup;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// assert!(LogGroup::builder(&stack, "Logs").name("has space").build().is_err());
    /// LogGroup::builder(&stack, "Logs").name("/ecs/web").build()?;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(mut self, name: impl Into<Value<String>>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets how long events are kept. The default is [`LogGroup::DEFAULT_RETENTION`] (one
    /// month); [`Retention::Infinite`] keeps them forever.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::logs::{LogGroup, Retention};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let audit = LogGroup::builder(&stack, "Audit").retention(Retention::TenYears).build()?;
    /// assert_eq!(audit.retention().days(), Some(3653));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn retention(mut self, retention: Retention) -> Self {
        self.retention = retention;
        self
    }

    /// Encrypts the log group with a KMS key (`KmsKeyId`, the key's ARN; a literal must be a
    /// KMS ARN). The key policy must allow the CloudWatch Logs service principal of the
    /// region (`logs.<region>.amazonaws.com`) to use the key, or creating the log group fails.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::logs::LogGroup;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// LogGroup::builder(&stack, "Logs")
    ///     .kms_key_arn("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
    ///     .build()?;
    /// assert!(LogGroup::builder(&stack, "Other").kms_key_arn("alias/logs").build().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn kms_key_arn(mut self, key_arn: impl Into<Value<String>>) -> Self {
        self.kms_key_arn = Some(key_arn.into());
        self
    }

    /// Sets what happens to the log group when it leaves the stack or is replaced (both
    /// `DeletionPolicy` and `UpdateReplacePolicy`). The default is [`RemovalPolicy::Retain`]:
    /// logs are kept for investigation. [`RemovalPolicy::Snapshot`] is rejected (log groups
    /// have no snapshots).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::logs::LogGroup;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// LogGroup::builder(&stack, "Scratch").removal_policy(RemovalPolicy::Delete).build()?;
    /// assert!(LogGroup::builder(&stack, "Bad").removal_policy(RemovalPolicy::Snapshot).build().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn removal_policy(mut self, policy: RemovalPolicy) -> Self {
        self.removal_policy = policy;
        self
    }

    fn invalid(&self, field: &str, reason: String) -> Error {
        Error::invalid_value(self.stack.name(), &self.id, field, reason)
    }

    fn problem(&self) -> Option<(&'static str, String)> {
        if let Some(name) = self.name.as_ref().and_then(Value::literal) {
            let ok = !name.is_empty()
                && name.len() <= 512
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-_/#".contains(c));
            if !ok {
                return Some((
                    "LogGroupName",
                    format!("log group name `{name}` must be 1 to 512 of [.-_/#A-Za-z0-9]"),
                ));
            }
        }
        if let Some(key) = self.kms_key_arn.as_ref().and_then(Value::literal)
            && !(key.starts_with("arn:") && key.contains(":kms:"))
        {
            return Some((
                "KmsKeyId",
                format!(
                    "`{key}` is not a KMS key ARN (`arn:<partition>:kms:<region>:<account>:key/<id>`)"
                ),
            ));
        }
        if self.removal_policy == RemovalPolicy::Snapshot {
            return Some((
                "DeletionPolicy",
                "AWS::Logs::LogGroup does not support snapshots; use Retain or Delete".to_owned(),
            ));
        }
        None
    }

    /// Checks the settings and adds the `AWS::Logs::LogGroup` to the stack.
    ///
    /// Fails on a literal name or KMS key that CloudWatch Logs rejects, a `Snapshot` removal
    /// policy, or a logical id that breaks rule F3 or is taken.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::logs::LogGroup;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let logs = LogGroup::builder(&stack, "Logs").build()?;
    /// assert_eq!(logs.handle().logical_id(), "Logs");
    /// assert!(LogGroup::builder(&stack, "Logs").build().is_err()); // id taken
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<LogGroup> {
        if let Some((field, reason)) = self.problem() {
            return Err(self.invalid(field, reason));
        }
        let mut resource = cfn::logs::LogGroup::new();
        resource.log_group_name = self.name;
        resource.retention_in_days = self.retention.days().map(Value::from);
        resource.kms_key_id = self.kms_key_arn;
        let handle = self
            .stack
            .add_owned(&self.id, resource, "ecs_dsl::logs::LogGroup")?;
        handle.set_removal_policy(self.removal_policy)?;
        Ok(LogGroup {
            handle,
            retention: self.retention,
        })
    }
}

/// A CloudWatch Logs log group (L2), added by [`LogGroup::builder`].
///
/// Unless told otherwise it keeps events for [one month](LogGroup::DEFAULT_RETENTION) and is
/// retained when it leaves the stack. `LogGroup` is a cheap handle (clone it freely).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::logs::LogGroup;
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// LogGroup::builder(&stack, "WebLogs").build()?;
/// let template = app.synthesize()?.stack("web").unwrap().template_json();
/// let logs = &template["Resources"]["WebLogs"];
/// assert_eq!(logs["Properties"]["RetentionInDays"], 30);
/// assert_eq!(logs["DeletionPolicy"], "Retain");
/// assert_eq!(logs["UpdateReplacePolicy"], "Retain");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct LogGroup {
    handle: Handle<cfn::logs::LogGroup>,
    retention: Retention,
}

impl PartialEq for LogGroup {
    /// Two handles are equal when they refer to the same log group resource.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::logs::LogGroup;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let a = LogGroup::builder(&stack, "A").build()?;
    /// let b = LogGroup::builder(&stack, "B").build()?;
    /// assert_eq!(a, a.clone());
    /// assert_ne!(a, b);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    fn eq(&self, other: &Self) -> bool {
        self.handle.target() == other.handle.target()
    }
}

impl Eq for LogGroup {}

impl LogGroup {
    /// The retention of a log group built without [`LogGroupBuilder::retention`]: one month.
    ///
    /// CloudFormation's own default is to keep events forever, so forgotten log groups
    /// accumulate storage that is paid for every month, indefinitely. A finite default keeps
    /// that cost bounded; choose [`Retention::Infinite`] explicitly when logs must be kept.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::logs::{LogGroup, Retention};
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// LogGroup::builder(&stack, "WebLogs").build()?;
    /// assert_eq!(LogGroup::DEFAULT_RETENTION, Retention::OneMonth);
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["WebLogs"]["Properties"]["RetentionInDays"], 30);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub const DEFAULT_RETENTION: Retention = Retention::OneMonth;

    /// Starts a log group with the logical id `id` in `stack`.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// use ecs_dsl::logs::LogGroup;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let logs = LogGroup::builder(&stack, "WebLogs").build()?;
    /// assert_eq!(logs.retention(), LogGroup::DEFAULT_RETENTION);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn builder(stack: &Stack, id: &str) -> LogGroupBuilder {
        LogGroupBuilder {
            stack: stack.clone(),
            id: id.to_owned(),
            name: None,
            retention: Self::DEFAULT_RETENTION,
            kms_key_arn: None,
            removal_policy: RemovalPolicy::Retain,
        }
    }

    /// The log group's ARN (`Fn::GetAtt` `Arn`; it ends in `:*`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::logs::LogGroup;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let logs = LogGroup::builder(&stack, "WebLogs").build()?;
    /// stack.add_output("LogsArn", Output::new(logs.arn()))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["LogsArn"]["Value"]["Fn::GetAtt"], serde_json::json!(["WebLogs", "Arn"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.handle.attr_arn()
    }

    /// The log group's name (`Ref`), e.g. for the `awslogs-group` log driver option.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::logs::LogGroup;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let logs = LogGroup::builder(&stack, "WebLogs").build()?;
    /// assert!(!logs.name().is_literal());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn name(&self) -> Value<String> {
        self.handle.reference()
    }

    /// The L1 handle, for escape hatches.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::logs::LogGroup;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let logs = LogGroup::builder(&stack, "WebLogs").build()?;
    /// logs.handle().add_override("Properties.DeletionProtectionEnabled", true)?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Resources"]["WebLogs"]["Properties"]["DeletionProtectionEnabled"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn handle(&self) -> &Handle<cfn::logs::LogGroup> {
        &self.handle
    }

    /// The retention it was built with.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::logs::{LogGroup, Retention};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let logs = LogGroup::builder(&stack, "WebLogs").retention(Retention::Infinite).build()?;
    /// assert_eq!(logs.retention().days(), None);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn retention(&self) -> Retention {
        self.retention
    }

    /// Lets `role` write to this log group (`logs:CreateLogStream`, `logs:PutLogEvents` on
    /// its ARN; see [`grants::log_write`]). For an imported role nothing is added and the
    /// result says so ([`GrantResult::NotAdded`]).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::logs::LogGroup;
    /// use ecs_dsl::iam::{Role, ServicePrincipal};
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let logs = LogGroup::builder(&stack, "WebLogs").build()?;
    /// let execution = Role::builder(&stack, "ExecutionRole", ServicePrincipal::EcsTasks).build()?;
    /// assert!(logs.grant_write(&execution)?.is_added());
    /// let shared = Role::from_arn("arn:aws:iam::123456789012:role/shared");
    /// assert!(!logs.grant_write(&shared)?.is_added());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn grant_write(&self, role: &(impl IRole + ?Sized)) -> Result<GrantResult> {
        role.grant(grants::log_write(self.arn()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::App;
    use crate::iam::{Role, ServicePrincipal};
    use crate::template::intrinsic;
    use serde_json::json;

    fn template(app: &App, stack: &str) -> serde_json::Value {
        app.synthesize()
            .unwrap()
            .stack(stack)
            .unwrap()
            .template_json()
    }

    #[test]
    fn defaults_one_month_and_retain() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let logs = LogGroup::builder(&stack, "WebLogs").build().unwrap();
        assert_eq!(logs.retention(), Retention::OneMonth);
        assert_eq!(
            template(&app, "web")["Resources"]["WebLogs"],
            json!({
                "Type": "AWS::Logs::LogGroup",
                "Properties": {"RetentionInDays": 30},
                "DeletionPolicy": "Retain",
                "UpdateReplacePolicy": "Retain",
            })
        );
    }

    #[test]
    fn every_setting_renders() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        LogGroup::builder(&stack, "WebLogs")
            .name(intrinsic::sub("/ecs/${AWS::StackName}"))
            .retention(Retention::TwoWeeks)
            .kms_key_arn("arn:aws:kms:us-east-1:123456789012:key/abc")
            .removal_policy(RemovalPolicy::Delete)
            .build()
            .unwrap();
        LogGroup::builder(&stack, "Forever")
            .name("/ecs/forever_#1.x-y")
            .retention(Retention::Infinite)
            .removal_policy(RemovalPolicy::RetainExceptOnCreate)
            .build()
            .unwrap();
        let t = template(&app, "web");
        assert_eq!(
            t["Resources"]["WebLogs"],
            json!({
                "Type": "AWS::Logs::LogGroup",
                "Properties": {
                    "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/abc",
                    "LogGroupName": {"Fn::Sub": "/ecs/${AWS::StackName}"},
                    "RetentionInDays": 14,
                },
                "DeletionPolicy": "Delete",
                "UpdateReplacePolicy": "Delete",
            })
        );
        assert_eq!(
            t["Resources"]["Forever"],
            json!({
                "Type": "AWS::Logs::LogGroup",
                "Properties": {"LogGroupName": "/ecs/forever_#1.x-y"},
                "DeletionPolicy": "RetainExceptOnCreate",
                "UpdateReplacePolicy": "RetainExceptOnCreate",
            })
        );
    }

    #[test]
    fn invalid_settings_are_errors_naming_the_field() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let cases = [
            (LogGroup::builder(&stack, "L").name(""), "LogGroupName"),
            (LogGroup::builder(&stack, "L").name("a:b"), "LogGroupName"),
            (
                LogGroup::builder(&stack, "L").name("x".repeat(513)),
                "LogGroupName",
            ),
            (
                LogGroup::builder(&stack, "L").kms_key_arn("1234abcd"),
                "KmsKeyId",
            ),
            (
                LogGroup::builder(&stack, "L").removal_policy(RemovalPolicy::Snapshot),
                "DeletionPolicy",
            ),
        ];
        for (builder, expected) in cases {
            let err = builder.build().unwrap_err();
            assert!(
                matches!(&err, Error::InvalidValue { field, logical_id, stack, .. } if field == expected && logical_id == "L" && stack == "web"),
                "{err}"
            );
        }
        assert_eq!(stack.resource_count(), 0);
        LogGroup::builder(&stack, "L")
            .name("x".repeat(512))
            .kms_key_arn(intrinsic::import_value::<String>("keys:Logs"))
            .build()
            .unwrap();
    }

    #[test]
    fn grant_write_adds_the_statement_to_roles_of_any_stack() {
        let mut app = App::new();
        let platform = app.stack("platform").unwrap();
        let web = app.stack("web").unwrap();
        let logs = LogGroup::builder(&platform, "AppLogs").build().unwrap();
        let local = Role::builder(&platform, "LocalRole", ServicePrincipal::EcsTasks)
            .build()
            .unwrap();
        let remote = Role::builder(&web, "ExecutionRole", ServicePrincipal::EcsTasks)
            .build()
            .unwrap();
        assert!(logs.grant_write(&local).unwrap().is_added());
        assert!(logs.grant_write(&remote).unwrap().is_added());
        let statement = |t: &serde_json::Value, id: &str| {
            t["Resources"][id]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]
                .clone()
        };
        let assembly = app.synthesize().unwrap();
        let p = assembly.stack("platform").unwrap().template_json();
        assert_eq!(
            statement(&p, "LocalRole"),
            json!({
                "Effect": "Allow",
                "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": [{"Fn::GetAtt": ["AppLogs", "Arn"]}],
            })
        );
        let w = assembly.stack("web").unwrap().template_json();
        assert_eq!(
            statement(&w, "ExecutionRole")["Resource"],
            json!([{"Fn::ImportValue": "platform:AppLogs:Arn"}])
        );
    }

    #[test]
    fn grant_write_to_an_imported_role_is_reported() {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let logs = LogGroup::builder(&stack, "AppLogs").build().unwrap();
        let shared = Role::from_arn("arn:aws:iam::123456789012:role/shared");
        let result = logs.grant_write(&shared).unwrap();
        assert_eq!(result.not_added(), [grants::log_write(logs.arn())]);
        let as_dyn: &dyn IRole = &shared;
        assert!(!logs.grant_write(as_dyn).unwrap().is_added());
    }
}
