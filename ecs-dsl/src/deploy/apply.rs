//! Deploying one stack through a change set, and deleting one stack: every stack state
//! handled, a deadline per operation.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::time::Instant;

use super::calls::{ChangeSetInfo, ChangeSetRequest, StackInfo, TemplateSource};
use super::capabilities::required_capabilities;
use super::client::{AwsError, Clients};
use super::diff::{AnnotatedChange, ChangeList, RequireApproval, annotate, needs_approval};
use super::error::DeployError;
use super::follow::{Backoff, End, Follower, Timing};
use super::manifest::StackEntry;
use super::plan::StackOutcome;
use super::report::human;
use super::report::{Prompt, Reporter};
use super::status::{StackOperation, StackState, StackStatus};

/// What a deploy needs besides the stack: the clients, the options, and where progress and
/// questions go.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub(crate) clients: Clients,
    pub(crate) reporter: Arc<dyn Reporter>,
    pub(crate) prompt: Arc<dyn Prompt>,
    pub(crate) timing: Timing,
    pub(crate) require_approval: RequireApproval,
    pub(crate) recreate_failed: bool,
}

/// One stack to deploy.
#[derive(Debug, Clone)]
pub(crate) struct StackJob {
    pub(crate) entry: StackEntry,
    pub(crate) body: String,
    pub(crate) template: Value,
    /// The bucket to upload the template to first (templates over 51,200 bytes, rule F1).
    pub(crate) bucket: Option<String>,
    /// Values given with `--parameters`.
    pub(crate) parameters: BTreeMap<String, String>,
}

/// Who started the operation being followed, which decides what the deadline does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Started {
    /// Another deploy, the console, CloudFormation itself: the deploy only waited.
    Elsewhere,
    /// This deploy (a delete, a continued rollback): it goes on after the deadline.
    ByUs,
    /// This deploy's change set: an update is cancelled at the deadline.
    ByUsCancellable,
}

/// How one stack's deploy ended.
#[derive(Debug, Clone)]
pub(crate) struct Applied {
    pub(crate) outcome: StackOutcome,
    pub(crate) outputs: BTreeMap<String, String>,
    pub(crate) changes: Vec<AnnotatedChange>,
}

impl Ctx {
    fn say(&self, stack: &str, text: &str) {
        self.reporter.line(stack, text);
    }

    fn aws(stack: &str) -> impl Fn(AwsError) -> DeployError + '_ {
        move |e| DeployError::aws(stack, e)
    }

    /// Deploys one stack.
    pub(crate) async fn deploy(&self, job: &StackJob) -> Result<Applied, DeployError> {
        let name = job.entry.name.as_str();
        let aws = Self::aws(name);
        let mut info = self.clients.describe_stack(name).await.map_err(&aws)?;
        // At most a few rounds: wait for another operation, delete a failed create, continue a
        // rollback; each round changes the state.
        for _ in 0..4 {
            let state = StackState::of(info.as_ref().map(|i| &i.status));
            match state {
                StackState::Absent | StackState::ReviewInProgress => {
                    return self.change(job, info.as_ref(), true).await;
                }
                StackState::Updatable | StackState::UpdateFailed => {
                    return self.change(job, info.as_ref(), false).await;
                }
                StackState::Busy { operation } => {
                    info = self.wait_busy(name, operation).await?;
                }
                StackState::FailedCreate => {
                    let status = status_of(info.as_ref());
                    let yes = self.recreate_failed
                        || self
                            .prompt
                            .confirm(&format!(
                                "Stack `{name}` failed to create ({status}) and cannot be updated. Delete it and create it again?"
                            ))
                            .unwrap_or(false);
                    if !yes {
                        return Err(self.state_error(name, info.as_ref(), &state));
                    }
                    self.say(
                        name,
                        &format!(
                            "{status}: deleting the stack to create it again (--recreate-failed)"
                        ),
                    );
                    info = self.delete_and_wait(name, info.as_ref()).await?;
                }
                StackState::UpdateRollbackFailed => {
                    let yes = self
                        .prompt
                        .confirm(&format!(
                            "Stack `{name}` is UPDATE_ROLLBACK_FAILED. Run ContinueUpdateRollback now (fix the resource named in its events first)?"
                        ))
                        .unwrap_or(false);
                    if !yes {
                        return Err(self.state_error(name, info.as_ref(), &state));
                    }
                    self.say(name, "UPDATE_ROLLBACK_FAILED: continuing the rollback");
                    let mut follower =
                        Follower::new(&self.clients, &*self.reporter, name, self.timing);
                    follower.prime(false).await.map_err(&aws)?;
                    self.clients
                        .continue_update_rollback(name)
                        .await
                        .map_err(&aws)?;
                    info = self
                        .follow_with(
                            &mut follower,
                            name,
                            name,
                            StackOperation::UpdateRollback,
                            Started::ByUs,
                        )
                        .await?;
                }
                StackState::DeleteFailed
                | StackState::ImportRollbackFailed
                | StackState::Unknown { .. } => {
                    return Err(self.state_error(name, info.as_ref(), &state));
                }
            }
        }
        let state = StackState::of(info.as_ref().map(|i| &i.status));
        Err(self.state_error(name, info.as_ref(), &state))
    }

    fn state_error(&self, name: &str, info: Option<&StackInfo>, state: &StackState) -> DeployError {
        DeployError::StackState {
            stack: name.to_owned(),
            status: status_of(info),
            advice: state.advice(name),
        }
    }

    /// Waits for an operation started elsewhere to end.
    async fn wait_busy(
        &self,
        name: &str,
        operation: StackOperation,
    ) -> Result<Option<StackInfo>, DeployError> {
        self.say(
            name,
            &format!("busy with {operation} started elsewhere; waiting for it to end"),
        );
        let mut follower = Follower::new(&self.clients, &*self.reporter, name, self.timing);
        // The events so far are not printed again, but count for what is in progress.
        follower.prime(true).await.map_err(Self::aws(name))?;
        self.follow_with(&mut follower, name, name, operation, Started::Elsewhere)
            .await
    }

    async fn follow_with(
        &self,
        follower: &mut Follower<'_>,
        name: &str,
        stack_ref: &str,
        operation: StackOperation,
        by: Started,
    ) -> Result<Option<StackInfo>, DeployError> {
        let aws = Self::aws(name);
        let started = Instant::now();
        let until = started + self.timing.deadline;
        match follower
            .until_terminal(stack_ref, started, until)
            .await
            .map_err(&aws)?
        {
            End::Terminal(info) => Ok(info),
            End::Deadline { status } => {
                let in_progress = follower.log().in_progress();
                let cancel = by == Started::ByUsCancellable;
                let action = if cancel && status == StackStatus::UpdateInProgress {
                    self.say(
                        name,
                        &format!(
                            "deadline of {} passed: cancelling the update (CancelUpdateStack)",
                            human(self.timing.deadline)
                        ),
                    );
                    match self.clients.cancel_update(name).await {
                        Ok(()) => {}
                        // The update ended between the last poll and the cancel: follow it
                        // to its end and report that.
                        Err(AwsError::Validation { message, .. }) => self.say(
                            name,
                            &format!("CancelUpdateStack refused ({message}); following the stack to its end"),
                        ),
                        Err(other) => return Err(aws(other)),
                    }
                    let again = Instant::now();
                    let end = follower
                        .until_terminal(stack_ref, again, again + self.timing.deadline)
                        .await
                        .map_err(&aws)?;
                    match end {
                        End::Terminal(Some(info))
                            if info.status == StackStatus::UpdateRollbackComplete =>
                        {
                            "cancelled the update; the stack rolled back to UPDATE_ROLLBACK_COMPLETE"
                                .to_owned()
                        }
                        End::Terminal(info) => format!(
                            "cancelled the update; the stack ended in {}",
                            status_of(info.as_ref())
                        ),
                        End::Deadline { status } => format!(
                            "cancelled the update; the rollback was still running ({})",
                            status.as_str()
                        ),
                    }
                } else if cancel && status == StackStatus::CreateInProgress {
                    "a create cannot be cancelled: the stack goes on and CloudFormation rolls \
                     it back if it fails; remove it with `destroy`"
                        .to_owned()
                } else if by == Started::Elsewhere {
                    format!(
                        "stopped waiting while the stack was {}; the deploy changed nothing",
                        status.as_str()
                    )
                } else {
                    // The deploy did start this operation (a delete, a continued rollback, a
                    // change set whose update already ended): it is not "nothing changed".
                    format!(
                        "stopped waiting while the stack was {}; {}, started by this deploy, goes \
                         on in CloudFormation",
                        status.as_str(),
                        operation.describe()
                    )
                };
                Err(DeployError::Deadline {
                    stack: name.to_owned(),
                    operation: operation.describe().to_owned(),
                    timeout: human(self.timing.deadline),
                    action,
                    in_progress,
                })
            }
        }
    }

    /// Deletes a stack (by id, so its end can be followed) and waits for `DELETE_COMPLETE`.
    async fn delete_and_wait(
        &self,
        name: &str,
        info: Option<&StackInfo>,
    ) -> Result<Option<StackInfo>, DeployError> {
        let aws = Self::aws(name);
        let stack_ref = info.map_or(name, |i| i.stack_id.as_str()).to_owned();
        let mut follower = Follower::new(&self.clients, &*self.reporter, name, self.timing);
        follower.prime(false).await.map_err(&aws)?;
        self.clients.delete_stack(name).await.map_err(&aws)?;
        let end = self
            .follow_with(
                &mut follower,
                name,
                &stack_ref,
                StackOperation::Delete,
                Started::ByUs,
            )
            .await?;
        match end {
            Some(info) if info.status != StackStatus::DeleteComplete => Err(DeployError::Failed {
                stack: name.to_owned(),
                status: info.status.as_str().to_owned(),
                root_cause: follower.root_cause(Some(&info)),
            }),
            _ => Ok(None),
        }
    }

    /// Creates, shows, approves and executes a change set.
    async fn change(
        &self,
        job: &StackJob,
        info: Option<&StackInfo>,
        create: bool,
    ) -> Result<Applied, DeployError> {
        let name = job.entry.name.as_str();
        let aws = Self::aws(name);
        let parameters = self.parameters(job, info, create)?;
        // Only a stable stack can be left alone when its template is the deployed one: after
        // UPDATE_FAILED (rollback disabled) the stack already holds the new template, and
        // deploying it again is how the failed update is retried.
        if !create
            && let Some(info) = info
            && info.status.classify() == StackState::Updatable
            && self.unchanged(job, info, &parameters).await.map_err(&aws)?
        {
            self.say(
                name,
                "no changes (template, parameters and tags as deployed)",
            );
            return Ok(Applied {
                outcome: StackOutcome::Unchanged,
                outputs: info.outputs.clone(),
                changes: Vec::new(),
            });
        }
        let template = match &job.bucket {
            Some(bucket) => {
                let url =
                    super::upload::upload_template(&self.clients, bucket, &job.entry, &job.body)
                        .await?;
                self.say(name, &format!("template uploaded to {url}"));
                TemplateSource::Url(url)
            }
            None => TemplateSource::Body(job.body.clone()),
        };
        let request = ChangeSetRequest {
            stack: name.to_owned(),
            name: change_set_name(),
            create,
            template,
            parameters,
            capabilities: required_capabilities(&job.template)
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect(),
            tags: job.entry.tags.clone(),
            description: "ecs-dsl deploy".to_owned(),
        };
        let created_stack = info.is_none();
        let mut follower = Follower::new(&self.clients, &*self.reporter, name, self.timing);
        if !created_stack {
            follower.prime(false).await.map_err(&aws)?;
        }
        self.say(
            name,
            &format!(
                "creating change set {} ({})",
                request.name,
                if create { "CREATE" } else { "UPDATE" }
            ),
        );
        let change_set = self
            .clients
            .create_change_set(&request)
            .await
            .map_err(&aws)?;
        let described = self.wait_change_set(name, &change_set).await?;
        if described.failed_without_changes()
            || (described.status == "CREATE_COMPLETE" && described.changes.is_empty() && !create)
        {
            self.say(name, "no changes; deleting the empty change set");
            self.clients
                .delete_change_set(name, &change_set)
                .await
                .map_err(&aws)?;
            return Ok(Applied {
                outcome: StackOutcome::Unchanged,
                outputs: info.map(|i| i.outputs.clone()).unwrap_or_default(),
                changes: Vec::new(),
            });
        }
        if described.status != "CREATE_COMPLETE" {
            self.discard(name, &change_set, created_stack).await;
            return Err(DeployError::ChangeSetFailed {
                stack: name.to_owned(),
                reason: described
                    .reason
                    .unwrap_or_else(|| format!("status {}", described.status)),
            });
        }
        let changes = annotate(&described.changes, &job.entry, &job.template);
        self.say(name, ChangeList(&changes).to_string().trim_end());
        if needs_approval(self.require_approval, &changes) {
            let answer = self.prompt.confirm(&format!(
                "Stack `{name}`: execute these changes (--require-approval {})?",
                self.require_approval
            ));
            if answer != Some(true) {
                self.discard(name, &change_set, created_stack).await;
                return Err(DeployError::NotApproved {
                    stack: name.to_owned(),
                    policy: self.require_approval.to_string(),
                    could_ask: answer.is_some(),
                });
            }
        }
        self.say(name, &format!("executing change set {}", request.name));
        self.clients
            .execute_change_set(name, &change_set)
            .await
            .map_err(&aws)?;
        let operation = if create {
            StackOperation::Create
        } else {
            StackOperation::Update
        };
        let end = self
            .follow_with(
                &mut follower,
                name,
                name,
                operation,
                Started::ByUsCancellable,
            )
            .await?;
        let Some(end) = end else {
            return Err(DeployError::Failed {
                stack: name.to_owned(),
                status: "DELETE_COMPLETE".to_owned(),
                root_cause: follower.root_cause(None),
            });
        };
        match end.status.outcome() {
            Some(o) if o.is_success() => {
                self.say(name, end.status.as_str());
                Ok(Applied {
                    outcome: StackOutcome::Deployed,
                    outputs: end.outputs,
                    changes,
                })
            }
            _ => Err(DeployError::Failed {
                stack: name.to_owned(),
                status: end.status.as_str().to_owned(),
                root_cause: follower.root_cause(Some(&end)),
            }),
        }
    }

    /// Deletes a change set that will not run, and the empty stack a `CREATE` change set left
    /// in `REVIEW_IN_PROGRESS`. Failures here are reported, not raised: the deploy already
    /// failed for a better reason.
    async fn discard(&self, name: &str, change_set: &str, created_stack: bool) {
        if let Err(e) = self.clients.delete_change_set(name, change_set).await {
            self.say(
                name,
                &format!("could not delete change set {change_set}: {e}"),
            );
        }
        if created_stack {
            match self.clients.delete_stack(name).await {
                Ok(()) => self.say(name, "deleted the empty stack the change set had created"),
                Err(e) => self.say(name, &format!("could not delete the empty stack: {e}")),
            }
        }
    }

    async fn wait_change_set(
        &self,
        name: &str,
        change_set: &str,
    ) -> Result<ChangeSetInfo, DeployError> {
        let aws = Self::aws(name);
        let until = Instant::now() + self.timing.deadline;
        let mut backoff = Backoff::new(&Timing {
            first_poll: self.timing.first_poll.min(Duration::from_millis(500)),
            ..self.timing
        });
        loop {
            let info = self
                .clients
                .describe_change_set(name, change_set)
                .await
                .map_err(&aws)?;
            if !info.is_pending() {
                return Ok(info);
            }
            if Instant::now() >= until {
                return Err(DeployError::Deadline {
                    stack: name.to_owned(),
                    operation: "the creation of a change set".to_owned(),
                    timeout: human(self.timing.deadline),
                    action: "the change set was left as it was".to_owned(),
                    in_progress: Vec::new(),
                });
            }
            backoff.sleep(until).await;
        }
    }

    /// The parameter values to send: given ones, else the previous value on an update, else
    /// the template's default. A parameter without default must be given on create.
    fn parameters(
        &self,
        job: &StackJob,
        info: Option<&StackInfo>,
        create: bool,
    ) -> Result<BTreeMap<String, Option<String>>, DeployError> {
        let mut out = BTreeMap::new();
        for (key, param) in &job.entry.parameters {
            if let Some(value) = job.parameters.get(key) {
                out.insert(key.clone(), Some(value.clone()));
            } else if !create && info.is_some_and(|i| i.parameters.contains_key(key)) {
                out.insert(key.clone(), None);
            } else if param.default.is_none() {
                return Err(DeployError::Parameters(format!(
                    "stack `{}`: parameter `{key}` has no default and no value; pass --parameters {}:{key}=VALUE",
                    job.entry.name, job.entry.name
                )));
            }
        }
        Ok(out)
    }

    /// Whether an update would change nothing: the deployed template, the parameters and
    /// the tags are the same. Then no change set is created at all (CloudFormation, and
    /// moto even more so, would otherwise run an empty update).
    async fn unchanged(
        &self,
        job: &StackJob,
        info: &StackInfo,
        parameters: &BTreeMap<String, Option<String>>,
    ) -> Result<bool, AwsError> {
        if info.tags != job.entry.tags {
            return Ok(false);
        }
        for (key, value) in parameters {
            if let Some(value) = value {
                let no_echo = job.entry.parameters.get(key).is_some_and(|p| p.no_echo);
                if no_echo || info.parameters.get(key) != Some(value) {
                    return Ok(false);
                }
            }
        }
        let deployed = self.clients.deployed_template(&job.entry.name).await?;
        Ok(deployed.as_ref() == Some(&job.template))
    }

    /// Deletes one stack and waits for it to be gone.
    pub(crate) async fn destroy(&self, name: &str) -> Result<StackOutcome, DeployError> {
        let aws = Self::aws(name);
        let mut info = self.clients.describe_stack(name).await.map_err(&aws)?;
        if let Some(StackState::Busy { operation }) = info.as_ref().map(|i| i.status.classify()) {
            info = self.wait_busy(name, operation).await?;
        }
        if info.is_none() {
            self.say(name, "does not exist; nothing to delete");
            // Reported as unchanged, not as deleted: this destroy deleted nothing.
            return Ok(StackOutcome::Unchanged);
        }
        self.say(name, "deleting");
        self.delete_and_wait(name, info.as_ref()).await?;
        self.say(name, "DELETE_COMPLETE");
        Ok(StackOutcome::Deleted)
    }
}

fn status_of(info: Option<&StackInfo>) -> String {
    info.map_or_else(|| "absent".to_owned(), |i| i.status.as_str().to_owned())
}

/// A change-set name unique enough for one stack: `ecs-dsl-<milliseconds since 1970>`.
fn change_set_name() -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    format!("ecs-dsl-{ms}")
}
