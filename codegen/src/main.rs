//! Generates ecs-dsl's L1 CloudFormation types (`ecs-dsl/src/cfn/`) from the registry schemas
//! that cfn-lint ships.
//!
//! ```text
//! cargo run -p ecs-dsl-codegen                 # regenerate ecs-dsl/src/cfn
//! cargo run -p ecs-dsl-codegen -- --check      # compare with the committed files
//! ```
//!
//! cfn-lint is found with `--cfn-lint-dir DIR`, else `$ECS_DSL_CFN_LINT_DIR`, else by asking
//! `$ECS_DSL_PYTHON` (default `python3`) where the `cfnlint` package is. Only cfn-lint
//! [`CFN_LINT_VERSION`] is accepted, so the output depends on nothing but this program.
//!
//! Exit codes: 0 success, 1 differences found by `--check` or an error, 2 bad arguments,
//! 3 cfn-lint [`CFN_LINT_VERSION`] not available.

mod model;
mod naming;
mod render;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The cfn-lint release whose schemas the committed code is generated from. Other releases are
/// refused: their schemas would generate different code.
pub const CFN_LINT_VERSION: &str = "1.51.0";

/// The generated resource types. The first 27 are what ecs-dsl's constructs use; the rest are
/// what an ECS application commonly needs around them.
/// Types behind an opt-in cargo feature of ecs-dsl, because they are large and only some ECS
/// programs need them (measured: these four are 40% of the generated lines). ecs-dsl's
/// Cargo.toml must declare each feature named here.
const FEATURES: &[(&str, &str)] = &[
    ("AWS::AutoScaling::AutoScalingGroup", "ec2-instances"),
    ("AWS::EC2::LaunchTemplate", "ec2-instances"),
    ("AWS::S3::Bucket", "s3"),
    ("AWS::S3::BucketPolicy", "s3"),
];

/// The cargo feature a type is behind, if any.
pub fn feature_of(type_name: &str) -> Option<&'static str> {
    FEATURES
        .iter()
        .find(|(t, _)| *t == type_name)
        .map(|(_, f)| *f)
}

const TYPES: &[&str] = &[
    "AWS::ECS::Cluster",
    "AWS::ECS::ClusterCapacityProviderAssociations",
    "AWS::ECS::CapacityProvider",
    "AWS::ECS::TaskDefinition",
    "AWS::ECS::Service",
    "AWS::IAM::Role",
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::IAM::InstanceProfile",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::ElasticLoadBalancingV2::Listener",
    "AWS::ElasticLoadBalancingV2::ListenerRule",
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    "AWS::EFS::FileSystem",
    "AWS::EFS::MountTarget",
    "AWS::EFS::AccessPoint",
    "AWS::ServiceDiscovery::PrivateDnsNamespace",
    "AWS::ServiceDiscovery::PublicDnsNamespace",
    "AWS::ServiceDiscovery::HttpNamespace",
    "AWS::ServiceDiscovery::Service",
    "AWS::Logs::LogGroup",
    "AWS::ApplicationAutoScaling::ScalableTarget",
    "AWS::ApplicationAutoScaling::ScalingPolicy",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::Events::Rule",
    // Extras.
    "AWS::EC2::VPC",
    "AWS::EC2::Subnet",
    "AWS::EC2::InternetGateway",
    "AWS::EC2::VPCGatewayAttachment",
    "AWS::EC2::RouteTable",
    "AWS::EC2::Route",
    "AWS::EC2::SubnetRouteTableAssociation",
    "AWS::EC2::NatGateway",
    "AWS::EC2::EIP",
    "AWS::EC2::LaunchTemplate",
    "AWS::AutoScaling::AutoScalingGroup",
    "AWS::S3::Bucket",
    "AWS::S3::BucketPolicy",
    "AWS::SecretsManager::Secret",
    "AWS::SSM::Parameter",
    "AWS::ECR::Repository",
];

/// Lints allowed for the whole `cfn` module, because they are noise for generated code: a
/// setter is named after its property, and `KernelCapabilities` has properties `Add` and `Drop`
/// (clippy::should_implement_trait).
const ALLOWED_LINTS: &[&str] = &["clippy::should_implement_trait"];

const EXIT_DIFFERENT: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_NO_CFN_LINT: u8 = 3;

enum Failure {
    /// cfn-lint (of the pinned version) is not available.
    NoCfnLint(String),
    Other(String),
}

impl From<String> for Failure {
    fn from(s: String) -> Self {
        Failure::Other(s)
    }
}

struct Args {
    check: bool,
    cfn_lint_dir: Option<PathBuf>,
}

const USAGE: &str = "usage: ecs-dsl-codegen [--check] [--cfn-lint-dir DIR]

Regenerates ecs-dsl/src/cfn from the CloudFormation registry schemas in cfn-lint.

  --check              generate into a temporary directory and compare with the committed files
  --cfn-lint-dir DIR   the cfnlint package directory (default: $ECS_DSL_CFN_LINT_DIR, else asks
                       $ECS_DSL_PYTHON, default python3)

Exit codes: 0 ok, 1 differences or error, 2 usage, 3 cfn-lint not available.";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        check: false,
        cfn_lint_dir: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--check" => args.check = true,
            "--cfn-lint-dir" => {
                let dir = it.next().ok_or("--cfn-lint-dir needs a directory")?;
                args.cfn_lint_dir = Some(PathBuf::from(dir));
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => match other.strip_prefix("--cfn-lint-dir=") {
                Some(dir) => args.cfn_lint_dir = Some(PathBuf::from(dir)),
                None => return Err(format!("unknown argument {other:?}")),
            },
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("ecs-dsl-codegen: {e}\n\n{USAGE}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Failure::NoCfnLint(msg)) => {
            eprintln!("ecs-dsl-codegen: {msg}");
            ExitCode::from(EXIT_NO_CFN_LINT)
        }
        Err(Failure::Other(msg)) => {
            eprintln!("ecs-dsl-codegen: {msg}");
            ExitCode::from(EXIT_DIFFERENT)
        }
    }
}

fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The `cfnlint` package directory of cfn-lint [`CFN_LINT_VERSION`].
fn find_cfn_lint(arg: Option<&Path>) -> Result<PathBuf, Failure> {
    let env_dir = std::env::var_os("ECS_DSL_CFN_LINT_DIR").filter(|d| !d.is_empty());
    let (dir, how) = if let Some(d) = arg {
        (d.to_path_buf(), "--cfn-lint-dir".to_owned())
    } else if let Some(d) = env_dir {
        (PathBuf::from(d), "ECS_DSL_CFN_LINT_DIR".to_owned())
    } else {
        let python = std::env::var("ECS_DSL_PYTHON")
            .ok()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "python3".to_owned());
        let out = Command::new(&python)
            .args(["-c", "import cfnlint,os;print(os.path.dirname(cfnlint.__file__))"])
            .output()
            .map_err(|e| {
                Failure::NoCfnLint(format!(
                    "cannot run `{python}` to find cfn-lint {CFN_LINT_VERSION} ({e}); set ECS_DSL_PYTHON or ECS_DSL_CFN_LINT_DIR, or pass --cfn-lint-dir"
                ))
            })?;
        if !out.status.success() {
            return Err(Failure::NoCfnLint(format!(
                "`{python}` cannot import cfnlint: install cfn-lint=={CFN_LINT_VERSION} (pip install cfn-lint=={CFN_LINT_VERSION}) or set ECS_DSL_PYTHON / ECS_DSL_CFN_LINT_DIR\n{}",
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        let dir = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        (PathBuf::from(dir), format!("`{python}`"))
    };
    let version_file = dir.join("version.py");
    let text = std::fs::read_to_string(&version_file).map_err(|e| {
        Failure::NoCfnLint(format!(
            "{} (from {how}) is not a cfnlint package directory: cannot read {}: {e}",
            dir.display(),
            version_file.display()
        ))
    })?;
    let version = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("__version__"))
        .map(|rest| {
            rest.trim_start_matches([' ', '='])
                .trim()
                .trim_matches(['"', '\''])
                .to_owned()
        })
        .ok_or_else(|| {
            Failure::NoCfnLint(format!("no __version__ in {}", version_file.display()))
        })?;
    if version != CFN_LINT_VERSION {
        return Err(Failure::NoCfnLint(format!(
            "cfn-lint {version} found at {} (from {how}), but the generated code is pinned to cfn-lint {CFN_LINT_VERSION}; install that version (pip install cfn-lint=={CFN_LINT_VERSION}), or change CFN_LINT_VERSION in codegen and commit the regenerated files",
            dir.display()
        )));
    }
    Ok(dir)
}

/// Type name → schema file, from `providers/us_east_1.py` (a Python dict) or
/// `providers/us-east-1.json`.
fn provider_types(cfn_lint: &Path) -> Result<BTreeMap<String, String>, String> {
    let providers = cfn_lint.join("data/schemas/providers");
    let mut map = BTreeMap::new();
    let py = providers.join("us_east_1.py");
    let json = providers.join("us-east-1.json");
    if py.is_file() {
        let text = std::fs::read_to_string(&py).map_err(|e| format!("{}: {e}", py.display()))?;
        // Lines of the form `    "AWS::ECS::Service": "c8107f0de94703a1",`.
        for line in text.lines() {
            let parts: Vec<&str> = line.split('"').collect();
            if let [_, name, sep, hash, ..] = parts[..]
                && sep.trim() == ":"
                && name.contains("::")
            {
                map.insert(name.to_owned(), hash.to_owned());
            }
        }
    } else if json.is_file() {
        let text =
            std::fs::read_to_string(&json).map_err(|e| format!("{}: {e}", json.display()))?;
        let v: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", json.display()))?;
        let obj = v
            .get("types")
            .and_then(|t| t.as_object())
            .or_else(|| v.as_object())
            .ok_or_else(|| format!("{}: not an object", json.display()))?;
        for (k, v) in obj {
            if let Some(h) = v.as_str() {
                map.insert(k.clone(), h.to_owned());
            }
        }
    } else {
        return Err(format!(
            "neither {} nor {} exists",
            py.display(),
            json.display()
        ));
    }
    if map.is_empty() {
        return Err(format!(
            "no resource types found in {}",
            providers.display()
        ));
    }
    Ok(map)
}

fn load_schema(
    cfn_lint: &Path,
    provider: &BTreeMap<String, String>,
    type_name: &str,
) -> Result<serde_json::Value, String> {
    let hash = provider
        .get(type_name)
        .ok_or_else(|| format!("{type_name} is not in the us-east-1 provider list of cfn-lint"))?;
    let file = cfn_lint
        .join("data/schemas/resources")
        .join(format!("{hash}.json"));
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("{type_name}: {}: {e}", file.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{type_name}: {}: {e}", file.display()))
}

/// Every generated file, by path relative to `ecs-dsl/src/cfn`, before rustfmt.
fn generate(cfn_lint: &Path) -> Result<BTreeMap<PathBuf, String>, String> {
    let provider = provider_types(cfn_lint)?;
    let mut models = Vec::new();
    for t in TYPES {
        let schema = load_schema(cfn_lint, &provider, t)?;
        models.push(model::build(t, &schema)?);
    }
    let mut files = BTreeMap::new();
    let mut by_module: BTreeMap<&str, Vec<&model::Model>> = BTreeMap::new();
    for m in &models {
        let path = PathBuf::from(&m.module).join(format!("{}.rs", m.file));
        if files
            .insert(path.clone(), render::resource_file(m))
            .is_some()
        {
            return Err(format!("two types generate {}", path.display()));
        }
        by_module.entry(&m.module).or_default().push(m);
    }
    for (module, ms) in &mut by_module {
        ms.sort_by(|a, b| a.file.cmp(&b.file));
        files.insert(
            PathBuf::from(module).join("mod.rs"),
            render::service_file(&ms[0].service, ms),
        );
    }
    files.insert(
        PathBuf::from("mod.rs"),
        render::root_file(&models, ALLOWED_LINTS),
    );
    files.insert(PathBuf::from("registry.rs"), render::registry_file(&models));
    Ok(files)
}

/// A fresh, empty directory under the system temp dir; removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self, String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir =
            std::env::temp_dir().join(format!("ecs-dsl-codegen-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The rustfmt configuration `cargo fmt` would use for files in `ecs-dsl/src/cfn`, if any.
fn rustfmt_config(root: &Path) -> Option<PathBuf> {
    let cfn = root.join("ecs-dsl/src/cfn");
    for dir in cfn.ancestors() {
        for name in ["rustfmt.toml", ".rustfmt.toml"] {
            let f = dir.join(name);
            if f.is_file() {
                return Some(f);
            }
        }
        if dir == root {
            break;
        }
    }
    None
}

/// Writes `files` under `dir`, runs rustfmt on them and returns the formatted contents.
fn format_files(
    root: &Path,
    dir: &Path,
    files: &BTreeMap<PathBuf, String>,
) -> Result<BTreeMap<PathBuf, Vec<u8>>, String> {
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let rustfmt = std::env::var("RUSTFMT")
        .ok()
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| "rustfmt".to_owned());
    let mut cmd = Command::new(&rustfmt);
    cmd.current_dir(root).args(["--edition", "2024"]);
    if let Some(config) = rustfmt_config(root) {
        cmd.arg("--config-path").arg(config);
    }
    cmd.args(files.keys().map(|rel| dir.join(rel)));
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {rustfmt}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{rustfmt} failed on the generated code:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mut formatted = BTreeMap::new();
    for rel in files.keys() {
        let path = dir.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        formatted.insert(rel.clone(), bytes);
    }
    Ok(formatted)
}

/// Every file under `dir`, relative to it.
fn list_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(format!("{}: {e}", dir.display())),
        };
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out)?;
            } else if let Ok(rel) = path.strip_prefix(base) {
                out.push(rel.to_path_buf());
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn run(args: &Args) -> Result<u8, Failure> {
    let cfn_lint = find_cfn_lint(args.cfn_lint_dir.as_deref())?;
    let root = workspace_root();
    let target = root.join("ecs-dsl/src/cfn");
    let files = generate(&cfn_lint)?;
    let tmp = TempDir::new()?;
    let formatted = format_files(&root, &tmp.0, &files)?;
    let existing = list_files(&target)?;

    if args.check {
        let mut different = Vec::new();
        for (rel, bytes) in &formatted {
            match std::fs::read(target.join(rel)) {
                Ok(committed) if committed == *bytes => {}
                Ok(_) => different.push(format!("differs: ecs-dsl/src/cfn/{}", rel.display())),
                Err(_) => different.push(format!("missing: ecs-dsl/src/cfn/{}", rel.display())),
            }
        }
        for rel in &existing {
            if !formatted.contains_key(rel) {
                different.push(format!("not generated: ecs-dsl/src/cfn/{}", rel.display()));
            }
        }
        if different.is_empty() {
            println!(
                "ecs-dsl/src/cfn is up to date ({} files, cfn-lint {CFN_LINT_VERSION})",
                formatted.len()
            );
            return Ok(0);
        }
        for d in &different {
            println!("{d}");
        }
        eprintln!(
            "ecs-dsl-codegen: {} file(s) differ from what cfn-lint {CFN_LINT_VERSION} generates; run `cargo run -p ecs-dsl-codegen`",
            different.len()
        );
        return Ok(EXIT_DIFFERENT);
    }

    let mut written = 0;
    for (rel, bytes) in &formatted {
        let path = target.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == *bytes) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        written += 1;
    }
    let mut removed = 0;
    for rel in &existing {
        if !formatted.contains_key(rel) {
            let path = target.join(rel);
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            removed += 1;
        }
    }
    // Remove directories left empty (deepest first).
    let mut dirs: Vec<PathBuf> = existing
        .iter()
        .filter_map(|r| r.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs.iter().rev() {
        if !d.as_os_str().is_empty() {
            let _ = std::fs::remove_dir(target.join(d));
        }
    }
    println!(
        "ecs-dsl/src/cfn: {} files from cfn-lint {CFN_LINT_VERSION} ({written} written, {removed} removed, {} unchanged)",
        formatted.len(),
        formatted.len() - written
    );
    Ok(0)
}
