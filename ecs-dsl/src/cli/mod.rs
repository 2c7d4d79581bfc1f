//! The command line of every infra program (feature `cli`): [`App::main`] parses argv and
//! runs `synth`, `list`, `diff`, `deploy`, `destroy`, `outputs` or `bootstrap`.
//!
//! `synth` and `list` need nothing else; the commands that talk to AWS need the feature
//! `deploy` as well, and say so when it is missing. Region, credentials and profile come
//! from the standard AWS environment and config files; `--endpoint-url` (or
//! `AWS_ENDPOINT_URL`) points at a local endpoint such as moto.
//!
//! ```no_run
//! use ecs_dsl::prelude::*;
//!
//! fn main() -> std::process::ExitCode {
//!     let mut app = App::new();
//!     // ... stacks ...
//!     app.main()
//! }
//! ```

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::template::App;

mod args;
#[cfg(feature = "deploy")]
mod remote;

pub use args::{ParameterArg, parse_duration};

/// The command line.
///
/// ```
/// use clap::Parser;
/// use ecs_dsl::cli::{Cli, Command};
/// let cli = Cli::try_parse_from(["infra", "list", "--out", "build/cfn"])?;
/// assert_eq!(cli.out, std::path::Path::new("build/cfn"));
/// assert!(matches!(cli.command, Some(Command::List)));
/// // Without a command: synthesize into `out`.
/// assert!(Cli::try_parse_from(["infra"])?.command.is_none());
/// # Ok::<(), clap::Error>(())
/// ```
#[derive(Debug, Parser)]
#[command(
    about = "Synthesize, diff, deploy and destroy the CloudFormation stacks of this ecs-dsl app",
    long_about = None,
    after_help = "Without a command, synthesizes into --out (like `synth`).\n\
        Region, credentials and profile come from the standard AWS environment and config files \
        (AWS_REGION, AWS_PROFILE, AWS_ACCESS_KEY_ID, ~/.aws/config). \
        Exit status: 0 on success, 1 when a command fails, 2 on a usage error."
)]
pub struct Cli {
    /// The assembly folder: templates and manifest.json are written there, and the commands
    /// that deploy read them from there.
    #[arg(long, global = true, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A subcommand.
///
/// ```
/// use clap::Parser;
/// use ecs_dsl::cli::{Cli, Command};
/// let cli = Cli::try_parse_from(["infra", "destroy", "web", "--force", "--timeout", "10m"])?;
/// let Some(Command::Destroy { stacks, force, timeout, .. }) = cli.command else { panic!() };
/// assert_eq!((stacks, force), (vec!["web".to_owned()], true));
/// assert_eq!(timeout, std::time::Duration::from_secs(600));
/// // `--all` and stack names exclude each other.
/// assert!(Cli::try_parse_from(["infra", "destroy", "web", "--all"]).is_err());
/// # Ok::<(), clap::Error>(())
/// ```
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Synthesize the templates and manifest into --out and print a summary.
    Synth,
    /// List the stacks with their dependencies, sizes and whether they go through S3.
    List,
    /// Show what a deploy would change, per resource, with replacements.
    Diff {
        /// Stacks to compare (default: all).
        #[arg(value_name = "STACK")]
        stacks: Vec<String>,
        /// Exit with status 1 when there are differences.
        #[arg(long)]
        fail: bool,
        /// Connection options.
        #[command(flatten)]
        connect: ConnectArgs,
    },
    /// Deploy stacks through change sets, in dependency order.
    Deploy(DeployArgs),
    /// Delete stacks, dependents first.
    Destroy {
        /// Stacks to delete; the stacks that depend on them are deleted first.
        #[arg(value_name = "STACK")]
        stacks: Vec<String>,
        /// Every stack of the app.
        #[arg(long, conflicts_with = "stacks")]
        all: bool,
        /// Only the named stacks, not their dependents (refused while another stack imports
        /// one of their exports).
        #[arg(long)]
        exclusively: bool,
        /// Do not ask for confirmation.
        #[arg(long, short = 'f')]
        force: bool,
        /// How many stacks are deleted at once.
        #[arg(long, default_value_t = 4, value_name = "N")]
        concurrency: usize,
        /// The deadline of each stack's delete (e.g. 30m, 1h).
        #[arg(long, default_value = "30m", value_parser = parse_duration, value_name = "DURATION")]
        timeout: std::time::Duration,
        /// Connection options.
        #[command(flatten)]
        connect: ConnectArgs,
    },
    /// Print the outputs of the deployed stacks as JSON.
    Outputs {
        /// Connection options.
        #[command(flatten)]
        connect: ConnectArgs,
    },
    /// Create the S3 bucket for templates over 51,200 bytes (a private, encrypted, TLS-only
    /// bucket in the stack `ecs-dsl-toolkit`).
    Bootstrap {
        /// The deadline of the toolkit stack's deploy.
        #[arg(long, default_value = "30m", value_parser = parse_duration, value_name = "DURATION")]
        timeout: std::time::Duration,
        /// Connection options.
        #[command(flatten)]
        connect: ConnectArgs,
    },
}

/// Where to connect.
///
/// ```
/// use clap::Parser;
/// use ecs_dsl::cli::{Cli, Command};
/// let cli = Cli::try_parse_from(["infra", "outputs", "--endpoint-url", "http://127.0.0.1:5000", "--region", "us-east-1"])?;
/// let Some(Command::Outputs { connect }) = cli.command else { panic!() };
/// assert_eq!(connect.endpoint_url.as_deref(), Some("http://127.0.0.1:5000"));
/// assert_eq!(connect.region.as_deref(), Some("us-east-1"));
/// assert_eq!(connect.profile, None);
/// # Ok::<(), clap::Error>(())
/// ```
#[derive(Debug, Clone, Args)]
pub struct ConnectArgs {
    /// A custom endpoint for CloudFormation and S3, e.g. a local moto server
    /// (http://127.0.0.1:5000). Also AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_CLOUDFORMATION.
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// The region (else AWS_REGION or the profile's region).
    #[arg(long)]
    pub region: Option<String>,
    /// A profile of the AWS config files (else AWS_PROFILE).
    #[arg(long)]
    pub profile: Option<String>,
}

/// The options of `deploy`.
///
/// ```
/// use clap::Parser;
/// use ecs_dsl::cli::{Cli, Command};
/// let cli = Cli::try_parse_from(["infra", "deploy", "web", "--parameters", "web:ImageTag=v42"])?;
/// let Some(Command::Deploy(args)) = cli.command else { panic!() };
/// assert_eq!(args.stacks, ["web"]);
/// assert_eq!(args.parameters.len(), 1);
/// assert_eq!((args.concurrency, args.require_approval.as_str()), (4, "broadening"));
/// assert!(Cli::try_parse_from(["infra", "deploy", "--require-approval", "sometimes"]).is_err());
/// # Ok::<(), clap::Error>(())
/// ```
#[derive(Debug, Clone, Args)]
pub struct DeployArgs {
    /// Stacks to deploy, with the stacks they depend on (default: the only stack, or --all).
    #[arg(value_name = "STACK")]
    pub stacks: Vec<String>,
    /// Every stack of the app.
    #[arg(long, conflicts_with = "stacks")]
    pub all: bool,
    /// Only the named stacks, not the stacks they depend on.
    #[arg(long)]
    pub exclusively: bool,
    /// A parameter value: STACK:KEY=VALUE, or KEY=VALUE for every stack with parameter KEY.
    /// Repeat for more. A parameter not given keeps its deployed value, else its default.
    #[arg(long = "parameters", value_name = "STACK:KEY=VALUE")]
    pub parameters: Vec<ParameterArg>,
    /// How many independent stacks are deployed at once.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub concurrency: usize,
    /// The deadline of each stack operation; when it passes, an update is cancelled
    /// (CancelUpdateStack) and rolled back (e.g. 30m, 1h, 90s).
    #[arg(long, default_value = "30m", value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: std::time::Duration,
    /// When to ask before executing a change set: never, broadening (IAM, security groups,
    /// policies) or any-change.
    #[arg(long, default_value = "broadening", value_name = "POLICY", value_parser = ["never", "broadening", "any-change"])]
    pub require_approval: String,
    /// Write the outputs of the deployed stacks to this JSON file.
    #[arg(long, value_name = "FILE")]
    pub outputs_file: Option<PathBuf>,
    /// Delete and re-create a stack whose create failed (ROLLBACK_COMPLETE).
    #[arg(long)]
    pub recreate_failed: bool,
    /// The S3 bucket for templates over 51,200 bytes (else the `bootstrap` bucket).
    #[arg(long, env = "ECS_DSL_BUCKET", value_name = "BUCKET")]
    pub bucket: Option<String>,
    /// Connection options.
    #[command(flatten)]
    pub connect: ConnectArgs,
}

impl App {
    /// Runs the command line of `std::env::args()` and returns the exit code: 0 on success,
    /// 1 when the command failed, 2 on a usage error.
    ///
    /// ```no_run
    /// fn main() -> std::process::ExitCode {
    ///     let app = ecs_dsl::App::new();
    ///     app.main()
    /// }
    /// ```
    pub fn main(&self) -> ExitCode {
        self.main_from(std::env::args_os())
    }

    /// Runs the command line `args` (the first item is the program name).
    ///
    /// ```
    /// let mut app = ecs_dsl::App::new();
    /// app.stack("web")?;
    /// let out = std::env::temp_dir().join(format!("ecs-dsl-cli-doc-{}", std::process::id()));
    /// let code = app.main_from(["infra", "synth", "--out", out.to_str().unwrap()]);
    /// assert_eq!(code, std::process::ExitCode::SUCCESS);
    /// assert!(out.join("manifest.json").exists());
    /// # std::fs::remove_dir_all(&out)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn main_from<I, T>(&self, args: I) -> ExitCode
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let cli = match Cli::try_parse_from(args) {
            Ok(cli) => cli,
            Err(e) => {
                let _ = e.print();
                return if e.use_stderr() {
                    ExitCode::from(2)
                } else {
                    ExitCode::SUCCESS
                };
            }
        };
        match self.run_cli(&cli) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        }
    }

    /// Runs a parsed command line: `Ok(true)` on success, `Ok(false)` when the command ran
    /// and reported a failure, `Err` with a message otherwise.
    ///
    /// ```
    /// use clap::Parser;
    /// use ecs_dsl::cli::Cli;
    /// let mut app = ecs_dsl::App::new();
    /// app.stack("web")?;
    /// let out = std::env::temp_dir().join(format!("ecs-dsl-run-cli-doc-{}", std::process::id()));
    /// let cli = Cli::try_parse_from(["infra".as_ref(), "list".as_ref(), "--out".as_ref(), out.as_os_str()])?;
    /// assert_eq!(app.run_cli(&cli), Ok(true));
    /// assert!(out.join("web.template.json").exists());
    /// # std::fs::remove_dir_all(&out)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run_cli(&self, cli: &Cli) -> Result<bool, String> {
        let synth = || -> Result<crate::template::Assembly, String> {
            self.synth(&cli.out).map_err(|e| e.to_string())
        };
        match &cli.command {
            None | Some(Command::Synth) => {
                let assembly = synth()?;
                print!("{}", assembly.summary());
                println!(
                    "wrote {} stacks to {}",
                    assembly.stacks.len(),
                    cli.out.display()
                );
                Ok(true)
            }
            Some(Command::List) => {
                let assembly = synth()?;
                print!("{}", assembly.summary());
                Ok(true)
            }
            Some(command) => {
                synth()?;
                remote_command(&cli.out, command)
            }
        }
    }
}

#[cfg(feature = "deploy")]
fn remote_command(out: &std::path::Path, command: &Command) -> Result<bool, String> {
    remote::run(out, command)
}

#[cfg(not(feature = "deploy"))]
fn remote_command(_out: &std::path::Path, command: &Command) -> Result<bool, String> {
    let name = match command {
        Command::Diff { .. } => "diff",
        Command::Deploy(_) => "deploy",
        Command::Destroy { .. } => "destroy",
        Command::Outputs { .. } => "outputs",
        Command::Bootstrap { .. } => "bootstrap",
        Command::Synth | Command::List => "synth",
    };
    Err(format!(
        "`{name}` talks to AWS and needs ecs-dsl's cargo feature `deploy`; enable it in this program's Cargo.toml (ecs-dsl = {{ features = [\"cli\", \"deploy\"] }})"
    ))
}
