//! The commands that talk to AWS (feature `deploy`).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::{Command, ConnectArgs, DeployArgs};
use crate::deploy::client::{Clients, ConnectOptions, block_on};
use crate::deploy::diff::RequireApproval;
use crate::deploy::manifest::Manifest;
use crate::deploy::plan::Selection;
use crate::deploy::report::{Answer, Console, Prompt, TerminalPrompt};
use crate::deploy::run::{DeployOptions, Deployer, Report};
use crate::deploy::upload::{BUCKET_OUTPUT, TOOLKIT_STACK, toolkit_app};

pub(super) fn run(out: &Path, command: &Command) -> Result<bool, String> {
    let manifest = Manifest::load(out).map_err(|e| e.to_string())?;
    block_on(async move { run_async(&manifest, command).await })
        .map_err(|e| format!("cannot start the async runtime: {e}"))?
}

async fn connect(args: &ConnectArgs) -> Clients {
    let mut options = ConnectOptions::default();
    if let Some(url) = &args.endpoint_url {
        options = options.endpoint_url(url);
    }
    if let Some(region) = &args.region {
        options = options.region(region);
    }
    if let Some(profile) = &args.profile {
        options = options.profile(profile);
    }
    Clients::connect(&options).await
}

fn deployer(clients: Clients, prompt: Arc<dyn Prompt>) -> Deployer {
    Deployer::new(clients, Arc::new(Console::new()), prompt)
}

/// The stacks named on the command line: `--all`, the names (with `--exclusively`), or the
/// only stack of a one-stack app.
fn selection(
    manifest: &Manifest,
    stacks: &[String],
    all: bool,
    exclusively: bool,
) -> Result<Selection, String> {
    if all {
        return Ok(Selection::All);
    }
    if stacks.is_empty() {
        return match manifest.stack_names().as_slice() {
            [only] => Ok(Selection::stacks([*only])),
            names => Err(format!(
                "this app has {} stacks ({}); name the stacks or pass --all",
                names.len(),
                names.join(", ")
            )),
        };
    }
    Ok(if exclusively {
        Selection::exclusively(stacks.iter().cloned())
    } else {
        Selection::stacks(stacks.iter().cloned())
    })
}

async fn run_async(manifest: &Manifest, command: &Command) -> Result<bool, String> {
    match command {
        Command::Synth | Command::List => Ok(true),
        Command::Diff {
            stacks,
            fail,
            connect: args,
        } => {
            let selection = if stacks.is_empty() {
                Selection::All
            } else {
                Selection::stacks(stacks.iter().cloned())
            };
            let d = deployer(connect(args).await, Arc::new(Answer::CannotAsk));
            let diffs = d
                .diff(manifest, selection)
                .await
                .map_err(|e| e.to_string())?;
            let mut any = false;
            for (name, diff) in &diffs {
                println!("Stack {name}");
                print!("{diff}");
                any |= !diff.is_empty();
            }
            Ok(!(*fail && any))
        }
        Command::Deploy(args) => deploy(manifest, args).await,
        Command::Destroy {
            stacks,
            all,
            exclusively,
            force,
            concurrency,
            timeout,
            connect: args,
        } => {
            let selection = selection(manifest, stacks, *all, *exclusively)?;
            let prompt: Arc<dyn Prompt> = if *force {
                Arc::new(Answer::Yes)
            } else {
                Arc::new(TerminalPrompt::default())
            };
            let d = deployer(connect(args).await, prompt);
            let options = DeployOptions::default()
                .concurrency(*concurrency)
                .timeout(*timeout);
            let report = d
                .destroy(manifest, selection, &options)
                .await
                .map_err(|e| e.to_string())?;
            Ok(finish(&report))
        }
        Command::Outputs { connect: args } => {
            let d = deployer(connect(args).await, Arc::new(Answer::CannotAsk));
            let outputs = d.outputs(manifest).await.map_err(|e| e.to_string())?;
            println!(
                "{}",
                serde_json::to_string_pretty(&outputs).unwrap_or_default()
            );
            Ok(true)
        }
        Command::Bootstrap {
            timeout,
            connect: args,
        } => {
            let app = toolkit_app().map_err(|e| e.to_string())?;
            let toolkit = Manifest::from_assembly(&app.synthesize().map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
            let d = deployer(connect(args).await, Arc::new(Answer::Yes));
            let options = DeployOptions {
                require_approval: RequireApproval::Never,
                ..DeployOptions::default()
            }
            .timeout(*timeout);
            let report = d
                .deploy(&toolkit, Selection::All, &options)
                .await
                .map_err(|e| e.to_string())?;
            if let Some(bucket) = report
                .stacks
                .get(TOOLKIT_STACK)
                .and_then(|r| r.outputs.get(BUCKET_OUTPUT))
            {
                println!("bucket for large templates: {bucket}");
            }
            Ok(finish(&report))
        }
    }
}

async fn deploy(manifest: &Manifest, args: &DeployArgs) -> Result<bool, String> {
    let selection = selection(manifest, &args.stacks, args.all, args.exclusively)?;
    let mut options = DeployOptions::default()
        .concurrency(args.concurrency)
        .timeout(args.timeout);
    options.require_approval = args
        .require_approval
        .parse()
        .map_err(|e: crate::deploy::diff::UnknownApproval| e.to_string())?;
    options.recreate_failed = args.recreate_failed;
    options.outputs_file = args.outputs_file.clone();
    options.bucket = args.bucket.clone();
    options.parameters = parameters(manifest, args)?;
    let d = deployer(
        connect(&args.connect).await,
        Arc::new(TerminalPrompt::default()),
    );
    let report = d
        .deploy(manifest, selection, &options)
        .await
        .map_err(|e| e.to_string())?;
    Ok(finish(&report))
}

/// `--parameters` by stack: `STACK:KEY=VALUE` as given, `KEY=VALUE` for every stack that has
/// parameter `KEY` (an error when none has it).
fn parameters(
    manifest: &Manifest,
    args: &DeployArgs,
) -> Result<BTreeMap<String, BTreeMap<String, String>>, String> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for p in &args.parameters {
        match &p.stack {
            Some(stack) => {
                out.entry(stack.clone())
                    .or_default()
                    .insert(p.key.clone(), p.value.clone());
            }
            None => {
                let owners: Vec<&str> = manifest
                    .stacks()
                    .iter()
                    .filter(|s| s.parameters.contains_key(&p.key))
                    .map(|s| s.name.as_str())
                    .collect();
                if owners.is_empty() {
                    return Err(format!(
                        "--parameters {}={}: no stack has a parameter `{}`",
                        p.key, p.value, p.key
                    ));
                }
                for stack in owners {
                    out.entry(stack.to_owned())
                        .or_default()
                        .insert(p.key.clone(), p.value.clone());
                }
            }
        }
    }
    Ok(out)
}

/// Prints the summary (stdout) and says whether everything succeeded.
fn finish(report: &Report) -> bool {
    print!("{}", report.summary);
    for (name, stack) in &report.stacks {
        if let Some(error) = &stack.error {
            eprintln!("error: {name}: {error}");
        }
    }
    report.is_success()
}
