//! [`Deployer`]: deploy, destroy, diff and outputs for the stacks of an assembly, in
//! dependency order, independent stacks in parallel.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::task::JoinSet;

use super::apply::{Ctx, StackJob};
use super::client::{AwsError, Clients};
use super::diff::{AnnotatedChange, RequireApproval, StackDiff, diff_templates};
use super::error::DeployError;
use super::follow::Timing;
use super::manifest::Manifest;
use super::plan::{DeployPlan, DestroyPlan, Scheduler, Selection, StackOutcome, Summary};
use super::report::{Prompt, Reporter};
use super::upload;

pub use crate::template::{INLINE_TEMPLATE_LIMIT, MAX_TEMPLATE_BYTES as TEMPLATE_LIMIT};

/// The options of `deploy` (and the parts `destroy` uses).
///
/// ```
/// use std::time::Duration;
/// use ecs_dsl::deploy::run::DeployOptions;
/// let options = DeployOptions::default()
///     .parameter("web", "ImageTag", "v42")
///     .concurrency(2)
///     .timeout(Duration::from_secs(600));
/// assert_eq!(options.parameters["web"]["ImageTag"], "v42");
/// ```
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// How many stacks run at once (`--concurrency`, default 4).
    pub concurrency: usize,
    /// Polling intervals and the deadline per stack operation (`--timeout`).
    pub timing: Timing,
    /// When to ask before executing (`--require-approval`).
    pub require_approval: RequireApproval,
    /// Delete and re-create a stack whose create failed (`--recreate-failed`).
    pub recreate_failed: bool,
    /// Parameter values by stack and parameter (`--parameters STACK:KEY=VALUE`).
    pub parameters: BTreeMap<String, BTreeMap<String, String>>,
    /// The bucket for templates over 51,200 bytes (`--bucket`, `ECS_DSL_BUCKET`); when unset
    /// the bucket of the `bootstrap` stack is used.
    pub bucket: Option<String>,
    /// Where to write the outputs as JSON (`--outputs-file`).
    pub outputs_file: Option<PathBuf>,
}

impl Default for DeployOptions {
    fn default() -> Self {
        DeployOptions {
            concurrency: 4,
            timing: Timing::default(),
            require_approval: RequireApproval::default(),
            recreate_failed: false,
            parameters: BTreeMap::new(),
            bucket: None,
            outputs_file: None,
        }
    }
}

impl DeployOptions {
    /// Sets a parameter value of a stack.
    ///
    /// ```
    /// use ecs_dsl::deploy::run::DeployOptions;
    /// let options = DeployOptions::default().parameter("web", "ImageTag", "v42").parameter("web", "Env", "prod");
    /// assert_eq!(options.parameters["web"].len(), 2);
    /// ```
    pub fn parameter(mut self, stack: &str, key: &str, value: &str) -> Self {
        self.parameters
            .entry(stack.to_owned())
            .or_default()
            .insert(key.to_owned(), value.to_owned());
        self
    }

    /// Sets the number of stacks deployed at once.
    ///
    /// ```
    /// use ecs_dsl::deploy::run::DeployOptions;
    /// assert_eq!(DeployOptions::default().concurrency, 4);
    /// assert_eq!(DeployOptions::default().concurrency(8).concurrency, 8);
    /// assert_eq!(DeployOptions::default().concurrency(0).concurrency, 1); // at least one
    /// ```
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// Sets the deadline per stack operation.
    ///
    /// ```
    /// use std::time::Duration;
    /// use ecs_dsl::deploy::run::DeployOptions;
    /// let options = DeployOptions::default().timeout(Duration::from_secs(1800));
    /// assert_eq!(options.timing.deadline, Duration::from_secs(1800));
    /// ```
    pub fn timeout(mut self, deadline: std::time::Duration) -> Self {
        self.timing.deadline = deadline;
        self
    }
}

/// What happened to one stack.
///
/// ```
/// # use std::sync::Arc;
/// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
/// # use ecs_dsl::deploy::report::{Answer, Recorder};
/// # use ecs_dsl::deploy::run::Deployer;
/// # // Nothing listens on port 9: the examples below stop before any call.
/// # let options = ConnectOptions::default()
/// #     .endpoint_url("http://127.0.0.1:9")
/// #     .region("us-east-1")
/// #     .static_credentials("AKID", "SECRET");
/// # let clients = block_on(Clients::connect(&options))?;
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::deploy::plan::Selection;
/// use ecs_dsl::deploy::run::DeployOptions;
/// let deployer = Deployer::new(clients, Arc::new(Recorder::default()), Arc::new(Answer::Yes));
/// // An assembly without stacks deploys without any call.
/// let manifest = Manifest::from_assembly(&ecs_dsl::App::new().synthesize()?)?;
/// let report = block_on(deployer.deploy(&manifest, Selection::All, &DeployOptions::default()))??;
/// for (stack, r) in &report.stacks {
///     println!("{stack}: {:?} {:?} ({} changes)", r.outcome, r.error, r.changes.len());
/// }
/// assert!(report.stacks.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct StackReport {
    /// Deployed, unchanged, deleted or failed.
    pub outcome: StackOutcome,
    /// The outputs after the deploy.
    pub outputs: BTreeMap<String, String>,
    /// The changes that were executed.
    pub changes: Vec<AnnotatedChange>,
    /// Why it failed.
    pub error: Option<String>,
}

/// The result of a deploy or destroy: every stack's report and the summary.
///
/// ```
/// # use std::sync::Arc;
/// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
/// # use ecs_dsl::deploy::report::{Answer, Recorder};
/// # use ecs_dsl::deploy::run::Deployer;
/// # // Nothing listens on port 9: the examples below stop before any call.
/// # let options = ConnectOptions::default()
/// #     .endpoint_url("http://127.0.0.1:9")
/// #     .region("us-east-1")
/// #     .static_credentials("AKID", "SECRET");
/// # let clients = block_on(Clients::connect(&options))?;
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::deploy::plan::Selection;
/// use ecs_dsl::deploy::run::DeployOptions;
/// let deployer = Deployer::new(clients, Arc::new(Recorder::default()), Arc::new(Answer::Yes));
/// let manifest = Manifest::from_assembly(&ecs_dsl::App::new().synthesize()?)?;
/// let report = block_on(deployer.deploy(&manifest, Selection::All, &DeployOptions::default()))??;
/// assert!(report.is_success() && report.stacks.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Report {
    /// By stack name.
    pub stacks: BTreeMap<String, StackReport>,
    /// Deployed, unchanged, deleted, failed and not attempted stacks.
    pub summary: Summary,
}

impl Report {
    /// Whether every stack succeeded.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # use ecs_dsl::deploy::report::{Answer, Recorder};
    /// # use ecs_dsl::deploy::run::Deployer;
    /// # // Nothing listens on port 9: the examples below stop before any call.
    /// # let options = ConnectOptions::default()
    /// #     .endpoint_url("http://127.0.0.1:9")
    /// #     .region("us-east-1")
    /// #     .static_credentials("AKID", "SECRET");
    /// # let clients = block_on(Clients::connect(&options))?;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::Selection;
    /// use ecs_dsl::deploy::run::DeployOptions;
    /// let deployer = Deployer::new(clients, Arc::new(Recorder::default()), Arc::new(Answer::Yes));
    /// let manifest = Manifest::from_assembly(&ecs_dsl::App::new().synthesize()?)?;
    /// let report = block_on(deployer.deploy(&manifest, Selection::All, &DeployOptions::default()))??;
    /// assert_eq!(report.is_success(), report.summary.is_success());
    /// assert!(report.is_success());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_success(&self) -> bool {
        self.summary.is_success()
    }

    /// The outputs of every stack that has some: `{stack: {key: value}}`, the format of
    /// `--outputs-file`.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # use ecs_dsl::deploy::report::{Answer, Recorder};
    /// # use ecs_dsl::deploy::run::Deployer;
    /// # let options = ConnectOptions::default()
    /// #     .endpoint_url("http://127.0.0.1:9")
    /// #     .region("us-east-1")
    /// #     .static_credentials("AKID", "SECRET");
    /// # let clients = block_on(Clients::connect(&options))?;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::Selection;
    /// use ecs_dsl::deploy::run::DeployOptions;
    /// let deployer = Deployer::new(clients, Arc::new(Recorder::default()), Arc::new(Answer::Yes));
    /// let manifest = Manifest::from_assembly(&ecs_dsl::App::new().synthesize()?)?;
    /// let report = block_on(deployer.deploy(&manifest, Selection::All, &DeployOptions::default()))??;
    /// // The `--outputs-file` format, `{"web": {"Url": "..."}}`; here no stack has outputs.
    /// assert_eq!(serde_json::to_string(&report.outputs())?, "{}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outputs(&self) -> BTreeMap<&str, &BTreeMap<String, String>> {
        self.stacks
            .iter()
            .filter(|(_, r)| !r.outputs.is_empty())
            .map(|(name, r)| (name.as_str(), &r.outputs))
            .collect()
    }
}

/// Deploys, destroys and compares the stacks of an assembly.
///
/// ```no_run
/// use std::sync::Arc;
/// use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::deploy::plan::Selection;
/// use ecs_dsl::deploy::report::{Console, TerminalPrompt};
/// use ecs_dsl::deploy::run::{DeployOptions, Deployer};
///
/// let manifest = Manifest::load("out".as_ref())?;
/// let report = block_on(async {
///     let clients = Clients::connect(&ConnectOptions::default()).await;
///     let deployer = Deployer::new(clients, Arc::new(Console::new()), Arc::new(TerminalPrompt::default()));
///     deployer.deploy(&manifest, Selection::All, &DeployOptions::default()).await
/// })??;
/// println!("{}", report.summary);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Deployer {
    clients: Clients,
    reporter: Arc<dyn Reporter>,
    prompt: Arc<dyn Prompt>,
}

impl std::fmt::Debug for Deployer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deployer")
            .field("clients", &self.clients)
            .finish_non_exhaustive()
    }
}

impl Deployer {
    /// A deployer that reports to `reporter` and asks `prompt`.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # use ecs_dsl::deploy::report::{Answer, Recorder};
    /// # use ecs_dsl::deploy::run::Deployer;
    /// # // Nothing listens on port 9: the examples below stop before any call.
    /// # let options = ConnectOptions::default()
    /// #     .endpoint_url("http://127.0.0.1:9")
    /// #     .region("us-east-1")
    /// #     .static_credentials("AKID", "SECRET");
    /// # let clients = block_on(Clients::connect(&options))?;
    /// let recorder = Recorder::default();
    /// let deployer = Deployer::new(clients, Arc::new(recorder.clone()), Arc::new(Answer::No));
    /// assert_eq!(deployer.clients().endpoint(), Some("http://127.0.0.1:9"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(clients: Clients, reporter: Arc<dyn Reporter>, prompt: Arc<dyn Prompt>) -> Self {
        Deployer {
            clients,
            reporter,
            prompt,
        }
    }

    /// The clients.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # use ecs_dsl::deploy::report::{Answer, Recorder};
    /// # use ecs_dsl::deploy::run::Deployer;
    /// # // Nothing listens on port 9: the examples below stop before any call.
    /// # let options = ConnectOptions::default()
    /// #     .endpoint_url("http://127.0.0.1:9")
    /// #     .region("us-east-1")
    /// #     .static_credentials("AKID", "SECRET");
    /// # let clients = block_on(Clients::connect(&options))?;
    /// let deployer = Deployer::new(clients, Arc::new(Recorder::default()), Arc::new(Answer::No));
    /// assert_eq!(deployer.clients().region().as_deref(), Some("us-east-1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn clients(&self) -> &Clients {
        &self.clients
    }

    fn ctx(&self, options: &DeployOptions) -> Ctx {
        Ctx {
            clients: self.clients.clone(),
            reporter: self.reporter.clone(),
            prompt: self.prompt.clone(),
            timing: options.timing,
            require_approval: options.require_approval,
            recreate_failed: options.recreate_failed,
        }
    }

    /// Deploys the selected stacks (and the stacks they depend on, as `cdk deploy` does)
    /// in dependency order. Sizes (rule F1) and parameters are checked for every stack
    /// before the first call. A stack that fails stops its dependents; the others go on.
    /// `Err` only for what stops everything before any stack starts.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # use ecs_dsl::deploy::report::{Answer, Recorder};
    /// # use ecs_dsl::deploy::run::Deployer;
    /// # // Nothing listens on port 9: the examples below stop before any call.
    /// # let options = ConnectOptions::default()
    /// #     .endpoint_url("http://127.0.0.1:9")
    /// #     .region("us-east-1")
    /// #     .static_credentials("AKID", "SECRET");
    /// # let clients = block_on(Clients::connect(&options))?;
    /// use ecs_dsl::deploy::error::DeployError;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::Selection;
    /// use ecs_dsl::deploy::run::DeployOptions;
    /// let mut app = ecs_dsl::App::new();
    /// app.stack("web")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let deployer = Deployer::new(clients, Arc::new(Recorder::default()), Arc::new(Answer::Yes));
    /// // `--parameters` are checked before the first call: `web` has no parameter `ImageTag`.
    /// let options = DeployOptions::default().parameter("web", "ImageTag", "v42");
    /// let err = block_on(deployer.deploy(&manifest, Selection::All, &options))?.unwrap_err();
    /// assert!(matches!(err, DeployError::Parameters(_)));
    /// assert!(err.to_string().contains("has no parameter `ImageTag`"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn deploy(
        &self,
        manifest: &Manifest,
        selection: Selection,
        options: &DeployOptions,
    ) -> Result<Report, DeployError> {
        let plan = DeployPlan::new(manifest, selection)?;
        let jobs = self.prepare(manifest, &plan, options)?;
        let bucket = match jobs.values().find(|j| j.entry.needs_s3_upload) {
            Some(first) => Some(
                upload::resolve_bucket(&self.clients, options.bucket.as_deref(), &first.entry)
                    .await?,
            ),
            None => None,
        };
        // Large templates are uploaded by their stack's job, once it is known to change.
        let jobs_ready: BTreeMap<String, StackJob> = jobs
            .into_iter()
            .map(|(name, mut job)| {
                if job.entry.needs_s3_upload {
                    job.bucket = bucket.clone();
                }
                (name, job)
            })
            .collect();
        let ctx = self.ctx(options);
        let mut scheduler = Scheduler::new(&plan, options.concurrency);
        let report = run_scheduler(
            &mut scheduler,
            |name| {
                let ctx = ctx.clone();
                // The scheduler only starts stacks of the plan, and every one has a job.
                let job = jobs_ready.get(&name).cloned();
                async move {
                    let job =
                        job.ok_or(DeployError::Internal(format!("stack `{name}` has no job")))?;
                    ctx.deploy(&job).await.map(|a| StackReport {
                        outcome: a.outcome,
                        outputs: a.outputs,
                        changes: a.changes,
                        error: None,
                    })
                }
            },
            &*self.reporter,
        )
        .await?;
        if let Some(path) = &options.outputs_file {
            write_outputs(path, &report)?;
        }
        Ok(report)
    }

    /// Reads and checks every template of the plan before any call: sizes (rule F1), the
    /// `--parameters` given.
    fn prepare(
        &self,
        manifest: &Manifest,
        plan: &DeployPlan,
        options: &DeployOptions,
    ) -> Result<BTreeMap<String, StackJob>, DeployError> {
        for (stack, values) in &options.parameters {
            let entry = manifest.stack(stack).ok_or_else(|| {
                DeployError::Parameters(format!(
                    "--parameters names stack `{stack}`, which the assembly does not have; its stacks are: {}",
                    manifest.stack_names().join(", ")
                ))
            })?;
            for key in values.keys() {
                if !entry.parameters.contains_key(key) {
                    let known: Vec<&str> = entry.parameters.keys().map(String::as_str).collect();
                    return Err(DeployError::Parameters(format!(
                        "--parameters names `{stack}:{key}`, but stack `{stack}` has no parameter `{key}`; its parameters are: {}",
                        if known.is_empty() {
                            "(none)".to_owned()
                        } else {
                            known.join(", ")
                        }
                    )));
                }
            }
        }
        let mut jobs = BTreeMap::new();
        for name in plan.stacks() {
            let Some(entry) = manifest.stack(name) else {
                continue;
            };
            if entry.template_bytes > TEMPLATE_LIMIT {
                return Err(DeployError::TemplateTooLarge {
                    stack: name.to_owned(),
                    bytes: entry.template_bytes,
                });
            }
            let (body, template) = manifest.template_json(name)?;
            jobs.insert(
                name.to_owned(),
                StackJob {
                    entry: entry.clone(),
                    bucket: None,
                    body,
                    template,
                    parameters: options.parameters.get(name).cloned().unwrap_or_default(),
                },
            );
        }
        Ok(jobs)
    }

    /// Destroys the selected stacks and those that depend on them, dependents first. Refused
    /// before any delete when a stack not being destroyed still imports an export of one that
    /// is (asked live with ListImports). Asks the prompt for confirmation (the CLI's
    /// `--force` answers yes).
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # use ecs_dsl::deploy::report::{Answer, Recorder};
    /// # use ecs_dsl::deploy::run::Deployer;
    /// # // Nothing listens on port 9: the examples below stop before any call.
    /// # let options = ConnectOptions::default()
    /// #     .endpoint_url("http://127.0.0.1:9")
    /// #     .region("us-east-1")
    /// #     .static_credentials("AKID", "SECRET");
    /// # let clients = block_on(Clients::connect(&options))?;
    /// use ecs_dsl::deploy::error::DeployError;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::Selection;
    /// use ecs_dsl::deploy::run::DeployOptions;
    /// let mut app = ecs_dsl::App::new();
    /// app.stack("web")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// // The prompt answers no: nothing is deleted.
    /// let deployer = Deployer::new(clients, Arc::new(Recorder::default()), Arc::new(Answer::No));
    /// let err = block_on(deployer.destroy(&manifest, Selection::All, &DeployOptions::default()))?
    ///     .unwrap_err();
    /// assert!(matches!(err, DeployError::NotConfirmed { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn destroy(
        &self,
        manifest: &Manifest,
        selection: Selection,
        options: &DeployOptions,
    ) -> Result<Report, DeployError> {
        let preliminary = DestroyPlan::new(manifest, selection.clone(), &BTreeMap::new())?;
        let mut live = BTreeMap::new();
        for name in preliminary.stacks() {
            let Some(entry) = manifest.stack(name) else {
                continue;
            };
            for export in entry.exports() {
                let importers = match self.clients.importers(export).await {
                    Ok(importers) => importers,
                    // A custom endpoint without ListImports (moto answers HTTP 500): the
                    // importers among the app's own stacks that are deployed. Against AWS
                    // every failure stops the destroy, so no importer is ever missed.
                    Err(AwsError::Other { message, .. }) if self.clients.endpoint().is_some() => {
                        self.reporter.line(
                            name,
                            &format!(
                                "ListImports failed ({message}); checking the imports of this app's deployed stacks instead"
                            ),
                        );
                        let mut importers = Vec::new();
                        for s in manifest.stacks() {
                            if s.imports.iter().any(|i| i == export)
                                && self
                                    .clients
                                    .describe_stack(&s.name)
                                    .await
                                    .map_err(|e| DeployError::aws(&s.name, e))?
                                    .is_some()
                            {
                                importers.push(s.name.clone());
                            }
                        }
                        importers
                    }
                    Err(e) => return Err(DeployError::aws(name, e)),
                };
                live.insert(export.to_owned(), importers);
            }
        }
        let plan = DestroyPlan::new(manifest, selection, &live)?;
        let names = plan.stacks().join(", ");
        match self.prompt.confirm(&format!(
            "Delete stacks {names} and every resource they own?"
        )) {
            Some(true) => {}
            answer => {
                return Err(DeployError::NotConfirmed {
                    stacks: names,
                    could_ask: answer.is_some(),
                });
            }
        }
        let ctx = self.ctx(options);
        let mut scheduler = Scheduler::destroy(&plan, options.concurrency);
        run_scheduler(
            &mut scheduler,
            |name| {
                let ctx = ctx.clone();
                async move {
                    ctx.destroy(&name).await.map(|outcome| StackReport {
                        outcome,
                        outputs: BTreeMap::new(),
                        changes: Vec::new(),
                        error: None,
                    })
                }
            },
            &*self.reporter,
        )
        .await
    }

    /// The difference between each selected stack's template and the deployed one (none for
    /// a stack not deployed yet).
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// # use ecs_dsl::deploy::report::{Answer, Recorder};
    /// # use ecs_dsl::deploy::run::Deployer;
    /// # // Nothing listens on port 9: the examples below stop before any call.
    /// # let options = ConnectOptions::default()
    /// #     .endpoint_url("http://127.0.0.1:9")
    /// #     .region("us-east-1")
    /// #     .static_credentials("AKID", "SECRET");
    /// # let clients = block_on(Clients::connect(&options))?;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::Selection;
    /// let mut app = ecs_dsl::App::new();
    /// app.stack("web")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let deployer = Deployer::new(clients, Arc::new(Recorder::default()), Arc::new(Answer::No));
    /// // A stack the assembly does not have is refused before any call.
    /// let err = block_on(deployer.diff(&manifest, Selection::stacks(["api"])))?.unwrap_err();
    /// assert!(err.to_string().contains("api"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn diff(
        &self,
        manifest: &Manifest,
        selection: Selection,
    ) -> Result<Vec<(String, StackDiff)>, DeployError> {
        let plan = DeployPlan::new(manifest, selection)?;
        let mut out = Vec::new();
        for name in plan.stacks() {
            let Some(entry) = manifest.stack(name) else {
                continue;
            };
            let (_, new) = manifest.template_json(name)?;
            let aws = |e| DeployError::aws(name, e);
            let deployed = match self.clients.describe_stack(name).await.map_err(aws)? {
                Some(info)
                    if info.status.classify() != super::status::StackState::ReviewInProgress =>
                {
                    self.clients.deployed_template(name).await.map_err(aws)?
                }
                _ => None,
            };
            out.push((
                name.to_owned(),
                diff_templates(deployed.as_ref(), &new, entry),
            ));
        }
        Ok(out)
    }

    /// The outputs of the assembly's deployed stacks, `{stack: {key: value}}`; stacks not
    /// deployed are left out.
    ///
    /// ```no_run
    /// use std::sync::Arc;
    /// use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::report::{Answer, Console};
    /// use ecs_dsl::deploy::run::Deployer;
    /// let manifest = Manifest::load("out".as_ref())?;
    /// let outputs = block_on(async {
    ///     let clients = Clients::connect(&ConnectOptions::default()).await;
    ///     Deployer::new(clients, Arc::new(Console::new()), Arc::new(Answer::CannotAsk))
    ///         .outputs(&manifest)
    ///         .await
    /// })??;
    /// if let Some(url) = outputs.get("web").and_then(|o| o.get("Url")) {
    ///     println!("{url}");
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn outputs(
        &self,
        manifest: &Manifest,
    ) -> Result<BTreeMap<String, BTreeMap<String, String>>, DeployError> {
        let mut out = BTreeMap::new();
        for name in manifest.stack_names() {
            if let Some(info) = self
                .clients
                .describe_stack(name)
                .await
                .map_err(|e| DeployError::aws(name, e))?
            {
                out.insert(name.to_owned(), info.outputs);
            }
        }
        Ok(out)
    }
}

/// Runs the scheduler: starts what is ready, up to its concurrency, and records outcomes.
async fn run_scheduler<F, Fut>(
    scheduler: &mut Scheduler,
    start: F,
    reporter: &dyn Reporter,
) -> Result<Report, DeployError>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<StackReport, DeployError>> + Send + 'static,
{
    let mut stacks = BTreeMap::new();
    let mut running: JoinSet<Result<StackReport, DeployError>> = JoinSet::new();
    let mut names = BTreeMap::new();
    loop {
        for name in scheduler.next_ready() {
            let handle = running.spawn(start(name.clone()));
            names.insert(handle.id(), name);
        }
        let Some(joined) = running.join_next_with_id().await else {
            break;
        };
        let (id, result) = match joined {
            Ok(pair) => pair,
            // No code path panics on a response, but a panic must still not leave the
            // scheduler waiting forever.
            Err(e) => (
                e.id(),
                Err(DeployError::Internal(format!(
                    "a stack's task stopped: {e}"
                ))),
            ),
        };
        let Some(name) = names.remove(&id) else {
            continue;
        };
        let report = match result {
            Ok(report) => report,
            Err(err) => {
                reporter.line(&name, &format!("error: {err}"));
                StackReport {
                    outcome: StackOutcome::Failed,
                    outputs: BTreeMap::new(),
                    changes: Vec::new(),
                    error: Some(err.to_string()),
                }
            }
        };
        scheduler.finish(&name, report.outcome)?;
        stacks.insert(name, report);
    }
    Ok(Report {
        stacks,
        summary: scheduler.summary(),
    })
}

/// Writes `{stack: {key: value}}` as pretty JSON (keys sorted).
fn write_outputs(path: &std::path::Path, report: &Report) -> Result<(), DeployError> {
    let mut text = serde_json::to_string_pretty(&report.outputs()).unwrap_or_default();
    text.push('\n');
    std::fs::write(path, text).map_err(|source| DeployError::OutputsFile {
        path: path.display().to_string(),
        source,
    })
}
