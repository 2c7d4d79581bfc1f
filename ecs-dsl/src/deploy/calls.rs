//! The CloudFormation calls a deploy makes, each returning this module's plain types and a
//! classified [`AwsError`] instead of SDK types, so that the rest of the module never sees the
//! SDK.

use std::collections::BTreeMap;

use aws_sdk_cloudformation as cfn;
use aws_sdk_cloudformation::types as t;

use super::client::{AwsError, Clients};
use super::diff::{Action, ChangedProperty, ReplacementKind, RequiresRecreation, ResourceChange};
use super::events::StackEvent;
use super::status::StackStatus;

/// What `DescribeStacks` says about one stack.
///
/// ```
/// use std::collections::BTreeMap;
/// use ecs_dsl::deploy::calls::StackInfo;
/// use ecs_dsl::deploy::status::{StackState, StackStatus};
/// let info = StackInfo {
///     stack_id: "arn:aws:cloudformation:us-east-1:123456789012:stack/web/1".into(),
///     status: StackStatus::parse("UPDATE_ROLLBACK_COMPLETE"),
///     reason: None,
///     outputs: BTreeMap::from([("Url".to_owned(), "http://web.example.com".to_owned())]),
///     parameters: BTreeMap::new(),
///     tags: BTreeMap::new(),
/// };
/// assert_eq!(info.status.classify(), StackState::Updatable);
/// assert_eq!(info.outputs["Url"], "http://web.example.com");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackInfo {
    /// The stack's id (an ARN); it stays valid after the stack is deleted.
    pub stack_id: String,
    /// Its status.
    pub status: StackStatus,
    /// Why it is in that status, when CloudFormation says.
    pub reason: Option<String>,
    /// Its outputs by key.
    pub outputs: BTreeMap<String, String>,
    /// Its parameters by key, as CloudFormation reports them (`NoEcho` values masked).
    pub parameters: BTreeMap<String, String>,
    /// Its tags.
    pub tags: BTreeMap<String, String>,
}

/// A change set as `DescribeChangeSet` reports it, all pages joined.
///
/// ```
/// use ecs_dsl::deploy::calls::ChangeSetInfo;
/// use ecs_dsl::deploy::diff::{Action, ResourceChange};
/// let info = ChangeSetInfo {
///     status: "CREATE_COMPLETE".into(),
///     reason: None,
///     changes: vec![ResourceChange::new("Logs", "AWS::Logs::LogGroup", Action::Add)],
/// };
/// assert!(!info.is_pending() && !info.failed_without_changes());
/// assert_eq!(info.changes[0].logical_id, "Logs");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeSetInfo {
    /// `CREATE_PENDING`, `CREATE_IN_PROGRESS`, `CREATE_COMPLETE`, `FAILED`, ...
    pub status: String,
    /// Why, when it failed.
    pub reason: Option<String>,
    /// The resource changes.
    pub changes: Vec<ResourceChange>,
}

impl ChangeSetInfo {
    /// Whether CloudFormation is still computing the change set.
    ///
    /// ```
    /// use ecs_dsl::deploy::calls::ChangeSetInfo;
    /// let info = ChangeSetInfo { status: "CREATE_IN_PROGRESS".into(), reason: None, changes: vec![] };
    /// assert!(info.is_pending());
    /// let info = ChangeSetInfo { status: "CREATE_COMPLETE".into(), ..info };
    /// assert!(!info.is_pending());
    /// ```
    pub fn is_pending(&self) -> bool {
        matches!(
            self.status.as_str(),
            "CREATE_PENDING" | "CREATE_IN_PROGRESS"
        )
    }

    /// Whether the change set failed because there was nothing to change, which
    /// CloudFormation reports as a failure.
    ///
    /// ```
    /// use ecs_dsl::deploy::calls::ChangeSetInfo;
    /// let empty = ChangeSetInfo {
    ///     status: "FAILED".into(),
    ///     reason: Some("The submitted information didn't contain changes.".into()),
    ///     changes: vec![],
    /// };
    /// assert!(empty.failed_without_changes());
    /// let broken = ChangeSetInfo { reason: Some("Template format error".into()), ..empty };
    /// assert!(!broken.failed_without_changes());
    /// ```
    pub fn failed_without_changes(&self) -> bool {
        self.status == "FAILED"
            && self.reason.as_deref().is_some_and(|r| {
                r.contains("didn't contain changes")
                    || r.contains("No updates are to be performed")
                    || r.contains("no changes")
            })
    }
}

/// How to pass the template to CloudFormation.
///
/// ```
/// use ecs_dsl::deploy::calls::TemplateSource;
/// use ecs_dsl::template::INLINE_TEMPLATE_LIMIT;
/// let body = r#"{"Resources": {}}"#.to_owned();
/// let source = if body.len() <= INLINE_TEMPLATE_LIMIT {
///     TemplateSource::Body(body)
/// } else {
///     TemplateSource::Url("https://bucket.s3.amazonaws.com/web.template.json".into())
/// };
/// assert!(matches!(source, TemplateSource::Body(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSource {
    /// In the request (up to 51,200 bytes, rule F1).
    Body(String),
    /// From S3.
    Url(String),
}

/// A `CreateChangeSet` request.
///
/// ```
/// use std::collections::BTreeMap;
/// use ecs_dsl::deploy::calls::{ChangeSetRequest, TemplateSource};
/// let request = ChangeSetRequest {
///     stack: "web".into(),
///     name: "ecs-dsl-1".into(),
///     create: true,
///     template: TemplateSource::Body(r#"{"Resources": {}}"#.into()),
///     // `None` keeps the previous value of an existing stack.
///     parameters: BTreeMap::from([("ImageTag".to_owned(), Some("v42".to_owned()))]),
///     capabilities: vec!["CAPABILITY_IAM".into()],
///     tags: BTreeMap::new(),
///     description: "deployed by ecs-dsl".into(),
/// };
/// assert_eq!(request.parameters["ImageTag"].as_deref(), Some("v42"));
/// ```
#[derive(Debug, Clone)]
pub struct ChangeSetRequest {
    /// The stack.
    pub stack: String,
    /// The change set's name.
    pub name: String,
    /// `true` for a `CREATE` change set, `false` for `UPDATE`.
    pub create: bool,
    /// The template.
    pub template: TemplateSource,
    /// Parameter values; `None` keeps the stack's previous value.
    pub parameters: BTreeMap<String, Option<String>>,
    /// Capabilities (rule F7).
    pub capabilities: Vec<String>,
    /// Stack tags.
    pub tags: BTreeMap<String, String>,
    /// The change set's description.
    pub description: String,
}

impl Clients {
    fn cfn_error<E, R>(&self, err: cfn::error::SdkError<E, R>) -> AwsError
    where
        E: cfn::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: std::fmt::Debug,
    {
        AwsError::from_sdk("cloudformation", self.endpoint(), err)
    }

    /// `DescribeStacks` for one stack (by name or id); `None` when it does not exist. A
    /// stack looked up by id is returned even when deleted.
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// if let Some(info) = block_on(clients.describe_stack("web"))?? {
    ///     println!("{} is {}", info.stack_id, info.status.as_str());
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn describe_stack(&self, stack: &str) -> Result<Option<StackInfo>, AwsError> {
        let result = self
            .cloudformation
            .describe_stacks()
            .stack_name(stack)
            .send()
            .await;
        let out = match result {
            Ok(out) => out,
            Err(err) => {
                return match self.cfn_error(err) {
                    e if e.is_missing_stack() => Ok(None),
                    other => Err(other),
                };
            }
        };
        let Some(s) = out.stacks().first() else {
            return Ok(None);
        };
        let pairs = |items: Vec<(Option<&str>, Option<&str>)>| -> BTreeMap<String, String> {
            items
                .into_iter()
                .filter_map(|(k, v)| Some((k?.to_owned(), v.unwrap_or_default().to_owned())))
                .collect()
        };
        Ok(Some(StackInfo {
            stack_id: s.stack_id().unwrap_or(stack).to_owned(),
            status: StackStatus::parse(s.stack_status().map_or("", |x| x.as_str())),
            reason: s.stack_status_reason().map(str::to_owned),
            outputs: pairs(
                s.outputs()
                    .iter()
                    .map(|o| (o.output_key(), o.output_value()))
                    .collect(),
            ),
            parameters: pairs(
                s.parameters()
                    .iter()
                    .map(|p| (p.parameter_key(), p.parameter_value()))
                    .collect(),
            ),
            tags: pairs(s.tags().iter().map(|t| (t.key(), t.value())).collect()),
        }))
    }

    /// The template CloudFormation holds for a stack (`GetTemplate`, original stage), parsed.
    /// `None` when the body is not JSON (a YAML template deployed by another tool).
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// let template = block_on(clients.deployed_template("web"))??;
    /// let resources = template.as_ref().and_then(|t| t["Resources"].as_object()).map_or(0, |r| r.len());
    /// println!("{resources} resources deployed");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn deployed_template(
        &self,
        stack: &str,
    ) -> Result<Option<serde_json::Value>, AwsError> {
        let out = self
            .cloudformation
            .get_template()
            .stack_name(stack)
            .template_stage(t::TemplateStage::Original)
            .send()
            .await
            .map_err(|e| self.cfn_error(e))?;
        Ok(out
            .template_body()
            .and_then(|body| serde_json::from_str(body).ok()))
    }

    /// Stack events newest first, up to and excluding the first one in `known` (at most
    /// `max_pages` pages of DescribeStackEvents).
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// // Up to 2 pages, stopping at the first event already printed.
    /// let printed = std::collections::BTreeSet::<String>::new();
    /// let events = block_on(clients.stack_events("web", &|id| printed.contains(id), 2))??;
    /// for e in &events {
    ///     println!("{} {} {}", e.logical_id, e.status, e.reason.as_deref().unwrap_or(""));
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn stack_events(
        &self,
        stack: &str,
        known: &(dyn Fn(&str) -> bool + Sync),
        max_pages: usize,
    ) -> Result<Vec<StackEvent>, AwsError> {
        let mut events = Vec::new();
        let mut token: Option<String> = None;
        for _ in 0..max_pages.max(1) {
            let out = self
                .cloudformation
                .describe_stack_events()
                .stack_name(stack)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| self.cfn_error(e))?;
            for e in out.stack_events() {
                let id = e.event_id().unwrap_or_default();
                if known(id) {
                    return Ok(events);
                }
                events.push(StackEvent {
                    event_id: id.to_owned(),
                    timestamp: e.timestamp().map(|t| t.to_string()).unwrap_or_default(),
                    logical_id: e.logical_resource_id().unwrap_or_default().to_owned(),
                    resource_type: e.resource_type().unwrap_or_default().to_owned(),
                    status: e
                        .resource_status()
                        .map(|s| s.as_str().to_owned())
                        .unwrap_or_default(),
                    reason: e
                        .resource_status_reason()
                        .filter(|r| !r.is_empty())
                        .map(str::to_owned),
                });
            }
            match out.next_token() {
                Some(next) if !next.is_empty() => token = Some(next.to_owned()),
                _ => break,
            }
        }
        Ok(events)
    }

    /// `CreateChangeSet`; returns the change set's id.
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// use std::collections::BTreeMap;
    /// use ecs_dsl::deploy::calls::{ChangeSetRequest, TemplateSource};
    /// let request = ChangeSetRequest {
    ///     stack: "web".into(),
    ///     name: "ecs-dsl-1".into(),
    ///     create: true,
    ///     template: TemplateSource::Body(std::fs::read_to_string("out/web.template.json")?),
    ///     parameters: BTreeMap::new(),
    ///     capabilities: vec![],
    ///     tags: BTreeMap::new(),
    ///     description: "deployed by ecs-dsl".into(),
    /// };
    /// let id = block_on(clients.create_change_set(&request))??;
    /// println!("change set {id}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn create_change_set(&self, req: &ChangeSetRequest) -> Result<String, AwsError> {
        let mut call = self
            .cloudformation
            .create_change_set()
            .stack_name(&req.stack)
            .change_set_name(&req.name)
            .description(&req.description)
            .change_set_type(if req.create {
                t::ChangeSetType::Create
            } else {
                t::ChangeSetType::Update
            });
        call = match &req.template {
            TemplateSource::Body(body) => call.template_body(body),
            TemplateSource::Url(url) => call.template_url(url),
        };
        for (key, value) in &req.parameters {
            let p = t::Parameter::builder().parameter_key(key);
            let p = match value {
                Some(v) => p.parameter_value(v),
                None => p.use_previous_value(true),
            };
            call = call.parameters(p.build());
        }
        for c in &req.capabilities {
            call = call.capabilities(t::Capability::from(c.as_str()));
        }
        for (key, value) in &req.tags {
            call = call.tags(t::Tag::builder().key(key).value(value).build());
        }
        let out = call.send().await.map_err(|e| self.cfn_error(e))?;
        Ok(out.id().unwrap_or(&req.name).to_owned())
    }

    /// `DescribeChangeSet`, all pages.
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// let info = block_on(clients.describe_change_set("web", "ecs-dsl-1"))??;
    /// if !info.is_pending() {
    ///     println!("{}: {} changes", info.status, info.changes.len());
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn describe_change_set(
        &self,
        stack: &str,
        change_set: &str,
    ) -> Result<ChangeSetInfo, AwsError> {
        let mut info = ChangeSetInfo {
            status: String::new(),
            reason: None,
            changes: Vec::new(),
        };
        let mut token: Option<String> = None;
        loop {
            let out = self
                .cloudformation
                .describe_change_set()
                .stack_name(stack)
                .change_set_name(change_set)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| self.cfn_error(e))?;
            info.status = out
                .status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default();
            info.reason = out.status_reason().map(str::to_owned);
            info.changes
                .extend(out.changes().iter().filter_map(resource_change));
            match out.next_token() {
                Some(next) if !next.is_empty() => token = Some(next.to_owned()),
                _ => return Ok(info),
            }
        }
    }

    /// `ExecuteChangeSet`.
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// block_on(clients.execute_change_set("web", "ecs-dsl-1"))??;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn execute_change_set(&self, stack: &str, change_set: &str) -> Result<(), AwsError> {
        self.cloudformation
            .execute_change_set()
            .stack_name(stack)
            .change_set_name(change_set)
            .send()
            .await
            .map_err(|e| self.cfn_error(e))?;
        Ok(())
    }

    /// `DeleteChangeSet`.
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// block_on(clients.delete_change_set("web", "ecs-dsl-1"))??;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn delete_change_set(&self, stack: &str, change_set: &str) -> Result<(), AwsError> {
        self.cloudformation
            .delete_change_set()
            .stack_name(stack)
            .change_set_name(change_set)
            .send()
            .await
            .map_err(|e| self.cfn_error(e))?;
        Ok(())
    }

    /// The names of the change sets a stack holds (`ListChangeSets`, first page).
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// for name in block_on(clients.change_sets("web"))?? {
    ///     println!("{name}");
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn change_sets(&self, stack: &str) -> Result<Vec<String>, AwsError> {
        let out = self
            .cloudformation
            .list_change_sets()
            .stack_name(stack)
            .send()
            .await
            .map_err(|e| self.cfn_error(e))?;
        Ok(out
            .summaries()
            .iter()
            .filter_map(|s| s.change_set_name().map(str::to_owned))
            .collect())
    }

    /// `DeleteStack`.
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// block_on(clients.delete_stack("web"))??;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn delete_stack(&self, stack: &str) -> Result<(), AwsError> {
        self.cloudformation
            .delete_stack()
            .stack_name(stack)
            .send()
            .await
            .map_err(|e| self.cfn_error(e))?;
        Ok(())
    }

    /// `CancelUpdateStack`.
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// block_on(clients.cancel_update("web"))??;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn cancel_update(&self, stack: &str) -> Result<(), AwsError> {
        self.cloudformation
            .cancel_update_stack()
            .stack_name(stack)
            .send()
            .await
            .map_err(|e| self.cfn_error(e))?;
        Ok(())
    }

    /// `ContinueUpdateRollback`.
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// block_on(clients.continue_update_rollback("web"))??;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn continue_update_rollback(&self, stack: &str) -> Result<(), AwsError> {
        self.cloudformation
            .continue_update_rollback()
            .stack_name(stack)
            .send()
            .await
            .map_err(|e| self.cfn_error(e))?;
        Ok(())
    }

    /// The stacks that import an export (`ListImports`, all pages); empty when none does.
    ///
    /// ```no_run
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # let clients = block_on(Clients::connect(&ConnectOptions::default()))?;
    /// let importers = block_on(clients.importers("base-VpcId"))??;
    /// if !importers.is_empty() {
    ///     println!("still imported by {}", importers.join(", "));
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn importers(&self, export: &str) -> Result<Vec<String>, AwsError> {
        let mut names = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let result = self
                .cloudformation
                .list_imports()
                .export_name(export)
                .set_next_token(token.take())
                .send()
                .await;
            let out = match result {
                Ok(out) => out,
                Err(err) => {
                    return match self.cfn_error(err) {
                        // CloudFormation answers "Export 'x' is not imported by any stack."
                        AwsError::Validation { message, .. }
                            if message.contains("not imported") =>
                        {
                            Ok(names)
                        }
                        other => Err(other),
                    };
                }
            };
            names.extend(out.imports().iter().cloned());
            match out.next_token() {
                Some(next) if !next.is_empty() => token = Some(next.to_owned()),
                _ => return Ok(names),
            }
        }
    }
}

/// One change of `DescribeChangeSet` as this module's [`ResourceChange`].
fn resource_change(change: &t::Change) -> Option<ResourceChange> {
    let rc = change.resource_change()?;
    let mut out = ResourceChange::new(
        rc.logical_resource_id().unwrap_or_default(),
        rc.resource_type().unwrap_or_default(),
        Action::parse(rc.action().map_or("", |a| a.as_str())),
    );
    if let Some(r) = rc.replacement() {
        out = out.replacement(ReplacementKind::parse(r.as_str()));
    }
    for d in rc.details() {
        let Some(target) = d.target() else { continue };
        let name = target
            .name()
            .or_else(|| target.attribute().map(|a| a.as_str()))
            .unwrap_or_default();
        let recreation =
            RequiresRecreation::parse(target.requires_recreation().map_or("", |r| r.as_str()));
        let mut detail = ChangedProperty::new(name, recreation);
        if let Some(entity) = d.causing_entity() {
            detail = detail.caused_by(entity);
        }
        out = out.detail(detail);
    }
    Some(out)
}
