//! Reading an assembly: the `manifest.json` that synthesis writes, and its templates checked
//! against the size and SHA-256 the manifest records.
//!
//! A [`Manifest`] is always consistent once built: stack names are unique and valid (rule F5),
//! every dependency names a stack of the manifest, and the dependencies form no cycle. The
//! [plans](super::plan) rely on this.
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::deploy::manifest::Manifest;
//!
//! let mut app = App::new();
//! let base = app.stack("base")?;
//! let logs = base.add("Logs", ecs_dsl::cfn::logs::LogGroup::new())?;
//! let web = app.stack("web")?;
//! web.add_output("LogGroup", Output::new(logs.attr_arn()))?;
//!
//! let manifest = Manifest::from_assembly(&app.synthesize()?)?;
//! let web = manifest.stack("web").unwrap();
//! assert_eq!(web.dependencies, ["base"]);
//! assert_eq!(web.imports, ["base:Logs:Arn"]);
//! assert!(manifest.template("web")?.contains("Fn::ImportValue"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::template::sha256::hex_digest;
use crate::template::{Assembly, MANIFEST_FILE, MANIFEST_VERSION, stack_name_problem};

/// Why an assembly folder cannot be used: the manifest is missing, unreadable, of another
/// version or inconsistent, or a template does not match what the manifest records.
///
/// ```
/// use ecs_dsl::deploy::manifest::{Manifest, ManifestError};
/// let err = Manifest::load(std::path::Path::new("/no/such/assembly")).unwrap_err();
/// assert!(matches!(err, ManifestError::NotFound { .. }));
/// assert!(err.to_string().contains("synth"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ManifestError {
    /// The folder holds no `manifest.json`.
    #[error(
        "no assembly at {}: {} is missing; run `synth` first (or pass the folder it wrote)",
        .dir.display(), .path.display()
    )]
    NotFound {
        /// The assembly folder.
        dir: PathBuf,
        /// The manifest file looked for.
        path: PathBuf,
    },

    /// A file of the assembly exists but cannot be read.
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },

    /// The manifest is not JSON.
    #[error("{} is not valid JSON: {source}; run `synth` again to rewrite it", .path.display())]
    Json {
        /// The manifest file.
        path: PathBuf,
        /// The parser's error, with line and column.
        source: serde_json::Error,
    },

    /// The manifest was written in a format version this release does not know.
    #[error(
        "{} has manifest version {found}, but this release of ecs-dsl reads version {supported}; synthesize with the same ecs-dsl version that deploys",
        .path.display()
    )]
    UnknownVersion {
        /// The manifest file.
        path: PathBuf,
        /// The version found (JSON text when it is not a string).
        found: String,
        /// The version this release reads.
        supported: &'static str,
    },

    /// A field is missing or has the wrong shape.
    #[error("{}: `{field}` {reason}", .path.display())]
    Invalid {
        /// The manifest file.
        path: PathBuf,
        /// The field path, e.g. `stacks[1].templateBytes`.
        field: String,
        /// What is wrong.
        reason: String,
    },

    /// Two stacks of the manifest have the same name.
    #[error("the manifest lists stack `{name}` twice")]
    DuplicateStack {
        /// The name listed twice.
        name: String,
    },

    /// A stack depends on a stack that the manifest does not list.
    #[error("stack `{stack}` depends on `{dependency}`, which is not in the manifest")]
    UnknownDependency {
        /// The stack.
        stack: String,
        /// The dependency it names.
        dependency: String,
    },

    /// Stack dependencies form a cycle, so no order can deploy them (rule F9).
    #[error("stacks depend on each other in a cycle: {} (rule F9)", .cycle.join(" -> "))]
    Cycle {
        /// The stacks of the cycle, the first repeated at the end: `a`, `b`, `a`.
        cycle: Vec<String>,
    },

    /// A stack name that the manifest does not list.
    #[error("no stack named `{name}` in the manifest")]
    UnknownStack {
        /// The name asked for.
        name: String,
    },

    /// A template file listed in the manifest does not exist.
    #[error(
        "stack `{stack}`: template {} is missing; run `synth` again",
        .path.display()
    )]
    MissingTemplate {
        /// The stack.
        stack: String,
        /// The template file.
        path: PathBuf,
    },

    /// A template's size differs from the manifest's `templateBytes`.
    #[error(
        "stack `{stack}`: template {} has {actual} bytes but the manifest records {expected}; it changed after synthesis, run `synth` again",
        .path.display()
    )]
    TemplateSize {
        /// The stack.
        stack: String,
        /// The template file.
        path: PathBuf,
        /// The size the manifest records.
        expected: usize,
        /// The size found.
        actual: usize,
    },

    /// A template's SHA-256 differs from the manifest's `templateSha256`.
    #[error(
        "stack `{stack}`: template {} has SHA-256 {actual} but the manifest records {expected}; it changed after synthesis, run `synth` again",
        .path.display()
    )]
    TemplateDigest {
        /// The stack.
        stack: String,
        /// The template file.
        path: PathBuf,
        /// The digest the manifest records.
        expected: String,
        /// The digest of the file.
        actual: String,
    },
    /// A template is not JSON (a file edited after synthesis would fail the digest first).
    #[error("stack `{stack}`: the template is not JSON: {reason}")]
    TemplateJson {
        /// The stack.
        stack: String,
        /// What the JSON parser said.
        reason: String,
    },
}

/// A parameter of a stack as the manifest records it.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::deploy::manifest::Manifest;
/// let mut app = App::new();
/// let s = app.stack("s")?;
/// s.add_parameter("Env", Parameter::string().default("dev"))?;
/// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
/// let env = &manifest.stack("s").unwrap().parameters["Env"];
/// assert_eq!((env.type_name.as_str(), env.default.as_deref(), env.no_echo), ("String", Some("dev"), false));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParameterEntry {
    /// The CloudFormation parameter type, e.g. `String` or `List<AWS::EC2::Subnet::Id>`.
    pub type_name: String,
    /// The default value as CloudFormation receives it (numbers as text).
    pub default: Option<String>,
    /// Whether the value is masked (`NoEcho`).
    pub no_echo: bool,
}

/// The export name of an output.
///
/// Exports that synthesis adds for references between stacks always have a literal name; an
/// output exported by the program may compute its name with an intrinsic function, which only
/// CloudFormation resolves.
///
/// ```
/// use ecs_dsl::deploy::manifest::ExportName;
/// let name = ExportName::Literal("base:Cluster:Arn".into());
/// assert_eq!(name.as_literal(), Some("base:Cluster:Arn"));
/// let computed = ExportName::Expression(serde_json::json!({"Fn::Sub": "${AWS::StackName}-Vpc"}));
/// assert_eq!(computed.as_literal(), None);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum ExportName {
    /// A name known before deploying.
    Literal(String),
    /// A name computed by CloudFormation (`Fn::Sub`, `Fn::Join`...), as written in the template.
    Expression(Value),
}

impl ExportName {
    /// The name when it is literal.
    ///
    /// ```
    /// use ecs_dsl::deploy::manifest::ExportName;
    /// assert_eq!(ExportName::Literal("x".into()).as_literal(), Some("x"));
    /// ```
    pub fn as_literal(&self) -> Option<&str> {
        match self {
            ExportName::Literal(name) => Some(name),
            ExportName::Expression(_) => None,
        }
    }
}

/// A resource of a stack as the manifest records it.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::deploy::manifest::Manifest;
/// let mut app = App::new();
/// app.stack("s")?.add("Cluster", ecs_dsl::cfn::ecs::Cluster::new())?;
/// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
/// let cluster = &manifest.stack("s").unwrap().resources["Cluster"];
/// assert_eq!(cluster.type_name, "AWS::ECS::Cluster");
/// assert!(cluster.create_only_properties.iter().any(|p| p == "ClusterName"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResourceEntry {
    /// The resource type, e.g. `AWS::ECS::Service`.
    pub type_name: String,
    /// Property paths whose change replaces the resource (from the registry schema).
    pub create_only_properties: Vec<String>,
}

/// One stack of the manifest.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::deploy::manifest::Manifest;
/// let mut app = App::new();
/// app.stack("demo")?.add_tag("team", "web");
/// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
/// let demo = &manifest.stacks()[0];
/// assert_eq!(demo.template_file, "demo.template.json");
/// assert_eq!(demo.tags["team"], "web");
/// assert!(!demo.needs_s3_upload);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StackEntry {
    /// The stack name (the CloudFormation stack name).
    pub name: String,
    /// The template's file name, `<name>.template.json`.
    pub template_file: String,
    /// The template's path, when the manifest was loaded from a folder.
    pub template_path: Option<PathBuf>,
    /// The template's description.
    pub description: Option<String>,
    /// The account the stack is pinned to, if any.
    pub account: Option<String>,
    /// The region the stack is pinned to, if any.
    pub region: Option<String>,
    /// The stacks this one depends on, all of them in the manifest.
    pub dependencies: Vec<String>,
    /// The template's size in bytes.
    pub template_bytes: usize,
    /// The template's SHA-256, 64 lowercase hex digits.
    pub template_sha256: String,
    /// Whether the template is over 51,200 bytes and must be deployed from S3 (rule F1).
    pub needs_s3_upload: bool,
    /// The parameters by logical id.
    pub parameters: BTreeMap<String, ParameterEntry>,
    /// The outputs by logical id, with the export name of those that are exported.
    pub outputs: BTreeMap<String, Option<ExportName>>,
    /// The export names this stack imports.
    pub imports: Vec<String>,
    /// The resources by logical id.
    pub resources: BTreeMap<String, ResourceEntry>,
    /// The stack tags.
    pub tags: BTreeMap<String, String>,
}

impl StackEntry {
    /// The literal export names of this stack's outputs, sorted.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// let mut app = App::new();
    /// let base = app.stack("base")?;
    /// let logs = base.add("Logs", ecs_dsl::cfn::logs::LogGroup::new())?;
    /// app.stack("web")?.add_output("Logs", Output::new(logs.attr_arn()))?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert_eq!(manifest.stack("base").unwrap().exports(), ["base:Logs:Arn"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn exports(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .outputs
            .values()
            .filter_map(|e| e.as_ref().and_then(ExportName::as_literal))
            .collect();
        names.sort_unstable();
        names
    }
}

/// Where the templates of a manifest are.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    /// In a folder, next to `manifest.json`.
    Dir(PathBuf),
    /// In memory, by stack name (from an [`Assembly`]).
    Memory(BTreeMap<String, String>),
}

/// The manifest of an assembly: its stacks in the order synthesis wrote them (dependencies
/// first), and access to their templates.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::deploy::manifest::Manifest;
///
/// let mut app = App::new();
/// app.stack("demo")?;
/// let dir = std::env::temp_dir().join(format!("ecs-dsl-doc-manifest-{}", std::process::id()));
/// app.synth(&dir)?;
///
/// let manifest = Manifest::load(&dir)?;
/// assert_eq!(manifest.stack_names(), ["demo"]);
/// assert!(manifest.template("demo")?.contains("2010-09-09"));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    version: String,
    generator: String,
    stacks: Vec<StackEntry>,
    source: Source,
}

impl Manifest {
    /// Reads `dir/manifest.json` and checks that it is consistent (known version, unique
    /// stack names, known dependencies, no cycle). Templates are read and verified later, by
    /// [`Manifest::template`].
    ///
    /// ```
    /// use ecs_dsl::deploy::manifest::{Manifest, ManifestError};
    /// let dir = std::env::temp_dir().join(format!("ecs-dsl-doc-load-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// std::fs::write(dir.join("manifest.json"), r#"{"version": "99", "stacks": []}"#)?;
    /// let err = Manifest::load(&dir).unwrap_err();
    /// assert!(matches!(err, ManifestError::UnknownVersion { .. }));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load(dir: &Path) -> Result<Manifest, ManifestError> {
        let path = dir.join(MANIFEST_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                return Err(ManifestError::NotFound {
                    dir: dir.to_path_buf(),
                    path,
                });
            }
            Err(source) => return Err(ManifestError::Read { path, source }),
        };
        Manifest::parse(&text, dir)
    }

    /// Parses manifest text whose templates are in `dir`; [`Manifest::load`] without the
    /// reading.
    ///
    /// ```
    /// use ecs_dsl::deploy::manifest::{Manifest, ManifestError};
    /// let text = r#"{"version": "1", "stacks": [
    ///   {"name": "a", "templateFile": "a.template.json", "dependencies": ["b"],
    ///    "templateBytes": 2, "templateSha256": "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
    ///   {"name": "b", "templateFile": "b.template.json", "dependencies": ["a"],
    ///    "templateBytes": 2, "templateSha256": "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"}
    /// ]}"#;
    /// let err = Manifest::parse(text, "out".as_ref()).unwrap_err();
    /// assert_eq!(err.to_string(), "stacks depend on each other in a cycle: a -> b -> a (rule F9)");
    /// ```
    pub fn parse(text: &str, dir: &Path) -> Result<Manifest, ManifestError> {
        let path = dir.join(MANIFEST_FILE);
        let (version, generator, mut stacks) = parse_manifest(text, &path)?;
        for stack in &mut stacks {
            stack.template_path = Some(dir.join(&stack.template_file));
        }
        Ok(Manifest {
            version,
            generator,
            stacks,
            source: Source::Dir(dir.to_path_buf()),
        })
    }

    /// The manifest of an assembly still in memory (a program that deploys right after
    /// synthesizing, without writing the folder). Templates are served from memory and still
    /// verified against the manifest.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// let mut app = App::new();
    /// app.stack("demo")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert_eq!(manifest.stacks()[0].template_path, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_assembly(assembly: &Assembly) -> Result<Manifest, ManifestError> {
        let (version, generator, stacks) =
            parse_manifest(assembly.manifest(), Path::new(MANIFEST_FILE))?;
        let templates = assembly
            .stacks
            .iter()
            .map(|s| (s.name.clone(), s.template.clone()))
            .collect();
        Ok(Manifest {
            version,
            generator,
            stacks,
            source: Source::Memory(templates),
        })
    }

    /// The manifest format version (always [`MANIFEST_VERSION`] once loaded).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// let manifest = Manifest::from_assembly(&App::new().synthesize()?)?;
    /// assert_eq!(manifest.version(), ecs_dsl::template::MANIFEST_VERSION);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Who wrote the manifest, e.g. `ecs-dsl 0.1.0` (empty when not recorded).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// let manifest = Manifest::from_assembly(&App::new().synthesize()?)?;
    /// assert!(manifest.generator().starts_with("ecs-dsl "));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn generator(&self) -> &str {
        &self.generator
    }

    /// The stacks in manifest order (synthesis writes dependencies first).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// let mut app = App::new();
    /// app.stack("one")?;
    /// app.stack("two")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert_eq!(manifest.stacks().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stacks(&self) -> &[StackEntry] {
        &self.stacks
    }

    /// The stack names in manifest order.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// let mut app = App::new();
    /// app.stack("one")?;
    /// app.stack("two")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert_eq!(manifest.stack_names(), ["one", "two"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stack_names(&self) -> Vec<&str> {
        self.stacks.iter().map(|s| s.name.as_str()).collect()
    }

    /// The stack named `name`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// let mut app = App::new();
    /// app.stack("one")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert!(manifest.stack("one").is_some() && manifest.stack("two").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stack(&self, name: &str) -> Option<&StackEntry> {
        self.stacks.iter().find(|s| s.name == name)
    }

    /// The position of the stack named `name` in manifest order.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// let mut app = App::new();
    /// app.stack("one")?;
    /// app.stack("two")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert_eq!(manifest.position("two"), Some(1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn position(&self, name: &str) -> Option<usize> {
        self.stacks.iter().position(|s| s.name == name)
    }

    /// The stack of the manifest whose outputs export `export` under a literal name.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// let mut app = App::new();
    /// let base = app.stack("base")?;
    /// let logs = base.add("Logs", ecs_dsl::cfn::logs::LogGroup::new())?;
    /// app.stack("web")?.add_output("Logs", Output::new(logs.attr_arn()))?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert_eq!(manifest.exporter_of("base:Logs:Arn").map(|s| s.name.as_str()), Some("base"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn exporter_of(&self, export: &str) -> Option<&StackEntry> {
        self.stacks.iter().find(|s| s.exports().contains(&export))
    }

    /// The template of `stack`, checked against the size and SHA-256 the manifest records so
    /// that a template edited or replaced after synthesis is never deployed.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::{Manifest, ManifestError};
    /// let mut app = App::new();
    /// app.stack("demo")?;
    /// let dir = std::env::temp_dir().join(format!("ecs-dsl-doc-template-{}", std::process::id()));
    /// app.synth(&dir)?;
    /// let manifest = Manifest::load(&dir)?;
    /// assert!(manifest.template("demo")?.starts_with('{'));
    ///
    /// let path = dir.join("demo.template.json");
    /// let edited = std::fs::read_to_string(&path)?.replace("2010-09-09", "2010-09-10");
    /// std::fs::write(&path, edited)?;
    /// assert!(matches!(manifest.template("demo"), Err(ManifestError::TemplateDigest { .. })));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn template(&self, stack: &str) -> Result<String, ManifestError> {
        let entry = self
            .stack(stack)
            .ok_or_else(|| ManifestError::UnknownStack {
                name: stack.to_owned(),
            })?;
        let missing = |path: PathBuf| ManifestError::MissingTemplate {
            stack: entry.name.clone(),
            path,
        };
        let (path, bytes) = match &self.source {
            Source::Dir(dir) => {
                let path = dir.join(&entry.template_file);
                let read_error = |source: std::io::Error| {
                    if source.kind() == ErrorKind::NotFound {
                        missing(path.clone())
                    } else {
                        ManifestError::Read {
                            path: path.clone(),
                            source,
                        }
                    }
                };
                // A file of the wrong size is refused before it is read.
                let len = fs::metadata(&path).map_err(read_error)?.len();
                if usize::try_from(len).ok() != Some(entry.template_bytes) {
                    return Err(ManifestError::TemplateSize {
                        stack: entry.name.clone(),
                        path,
                        expected: entry.template_bytes,
                        actual: usize::try_from(len).unwrap_or(usize::MAX),
                    });
                }
                let bytes = fs::read(&path).map_err(read_error)?;
                (path, bytes)
            }
            Source::Memory(templates) => {
                let path = PathBuf::from(&entry.template_file);
                match templates.get(&entry.name) {
                    Some(text) => (path, text.clone().into_bytes()),
                    None => return Err(missing(path)),
                }
            }
        };
        if bytes.len() != entry.template_bytes {
            return Err(ManifestError::TemplateSize {
                stack: entry.name.clone(),
                path,
                expected: entry.template_bytes,
                actual: bytes.len(),
            });
        }
        let actual = hex_digest(&bytes);
        if actual != entry.template_sha256 {
            return Err(ManifestError::TemplateDigest {
                stack: entry.name.clone(),
                path,
                expected: entry.template_sha256.clone(),
                actual,
            });
        }
        String::from_utf8(bytes).map_err(|_| ManifestError::Invalid {
            path,
            field: "template".to_owned(),
            reason: "is not UTF-8 text".to_owned(),
        })
    }

    /// The template of `stack` as [`template`](Self::template) checks it, and parsed: the body
    /// as sent to CloudFormation and the JSON value.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// let mut app = App::new();
    /// app.stack("demo")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let (body, json) = manifest.template_json("demo")?;
    /// assert_eq!(json["AWSTemplateFormatVersion"], "2010-09-09");
    /// # let _ = body;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn template_json(&self, stack: &str) -> Result<(String, Value), ManifestError> {
        let body = self.template(stack)?;
        let json = serde_json::from_str(&body).map_err(|e| ManifestError::TemplateJson {
            stack: stack.to_owned(),
            reason: e.to_string(),
        })?;
        Ok((body, json))
    }
}

/// Version, generator and checked stacks of manifest text.
fn parse_manifest(
    text: &str,
    path: &Path,
) -> Result<(String, String, Vec<StackEntry>), ManifestError> {
    let root: Value = serde_json::from_str(text).map_err(|source| ManifestError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    let p = Parser { path };
    let root = p.object(&root, "(root)")?;
    // The version first: a manifest of another version may have another shape.
    let version = match root.get("version") {
        Some(Value::String(v)) if v == MANIFEST_VERSION => v.clone(),
        Some(Value::String(v)) => return Err(p.unknown_version(v.clone())),
        Some(other) => return Err(p.unknown_version(other.to_string())),
        None => return Err(p.invalid("version", "is missing")),
    };
    let generator = p.opt_str(root, "generator", "")?.unwrap_or_default();
    let Some(items) = root.get("stacks") else {
        return Err(p.invalid("stacks", "is missing"));
    };
    let Value::Array(items) = items else {
        return Err(p.invalid("stacks", "must be an array"));
    };
    let stacks = items
        .iter()
        .enumerate()
        .map(|(i, item)| p.stack(item, &format!("stacks[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    check_graph(&stacks)?;
    Ok((version, generator, stacks))
}

/// Unique names, known dependencies, no cycle.
fn check_graph(stacks: &[StackEntry]) -> Result<(), ManifestError> {
    let mut index = BTreeMap::new();
    for (i, s) in stacks.iter().enumerate() {
        if index.insert(s.name.as_str(), i).is_some() {
            return Err(ManifestError::DuplicateStack {
                name: s.name.clone(),
            });
        }
    }
    let mut edges = Vec::with_capacity(stacks.len());
    for s in stacks {
        let mut deps = Vec::with_capacity(s.dependencies.len());
        for d in &s.dependencies {
            match index.get(d.as_str()) {
                Some(&j) => deps.push(j),
                None => {
                    return Err(ManifestError::UnknownDependency {
                        stack: s.name.clone(),
                        dependency: d.clone(),
                    });
                }
            }
        }
        edges.push(deps);
    }
    match find_cycle(&edges) {
        None => Ok(()),
        Some(cycle) => Err(ManifestError::Cycle {
            cycle: cycle.iter().map(|&i| stacks[i].name.clone()).collect(),
        }),
    }
}

/// The first cycle found by a depth-first search in index order, as node indices with the
/// first repeated at the end; iterative, so a long chain cannot overflow the stack.
fn find_cycle(edges: &[Vec<usize>]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut mark = vec![Mark::New; edges.len()];
    for start in 0..edges.len() {
        if mark[start] != Mark::New {
            continue;
        }
        // (node, next edge to follow)
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        mark[start] = Mark::OnPath;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            match edges[node].get(*next) {
                Some(&dep) => {
                    *next += 1;
                    match mark.get(dep).copied() {
                        Some(Mark::New) => {
                            mark[dep] = Mark::OnPath;
                            path.push((dep, 0));
                        }
                        Some(Mark::OnPath) => {
                            let from = path.iter().position(|&(n, _)| n == dep).unwrap_or(0);
                            let mut cycle: Vec<usize> =
                                path[from..].iter().map(|&(n, _)| n).collect();
                            cycle.push(dep);
                            return Some(cycle);
                        }
                        _ => {}
                    }
                }
                None => {
                    mark[node] = Mark::Done;
                    path.pop();
                }
            }
        }
    }
    None
}

/// Field readers that name the manifest and the field path in their errors.
struct Parser<'a> {
    path: &'a Path,
}

impl Parser<'_> {
    fn invalid(&self, field: &str, reason: impl Into<String>) -> ManifestError {
        ManifestError::Invalid {
            path: self.path.to_path_buf(),
            field: field.to_owned(),
            reason: reason.into(),
        }
    }

    fn unknown_version(&self, found: String) -> ManifestError {
        ManifestError::UnknownVersion {
            path: self.path.to_path_buf(),
            found,
            supported: MANIFEST_VERSION,
        }
    }

    fn object<'v>(
        &self,
        v: &'v Value,
        field: &str,
    ) -> Result<&'v Map<String, Value>, ManifestError> {
        v.as_object()
            .ok_or_else(|| self.invalid(field, "must be an object"))
    }

    fn req_str(
        &self,
        o: &Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<String, ManifestError> {
        self.opt_str(o, key, at)?
            .ok_or_else(|| self.invalid(&join(at, key), "is missing"))
    }

    fn opt_str(
        &self,
        o: &Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<Option<String>, ManifestError> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.invalid(&join(at, key), "must be a string")),
        }
    }

    fn opt_bool(
        &self,
        o: &Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<Option<bool>, ManifestError> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.invalid(&join(at, key), "must be true or false")),
        }
    }

    fn req_usize(
        &self,
        o: &Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<usize, ManifestError> {
        let field = join(at, key);
        match o.get(key) {
            None => Err(self.invalid(&field, "is missing")),
            Some(v) => v
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| self.invalid(&field, "must be a non-negative integer")),
        }
    }

    /// An array of strings; absent means empty.
    fn strings(
        &self,
        o: &Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<Vec<String>, ManifestError> {
        let field = join(at, key);
        match o.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    v.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| self.invalid(&format!("{field}[{i}]"), "must be a string"))
                })
                .collect(),
            Some(_) => Err(self.invalid(&field, "must be an array of strings")),
        }
    }

    /// An object; absent means empty.
    fn entries<'v>(
        &self,
        o: &'v Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Result<Option<&'v Map<String, Value>>, ManifestError> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => self.object(v, &join(at, key)).map(Some),
        }
    }

    fn stack(&self, item: &Value, at: &str) -> Result<StackEntry, ManifestError> {
        let o = self.object(item, at)?;
        let name = self.req_str(o, "name", at)?;
        if let Some(reason) = stack_name_problem(&name) {
            return Err(self.invalid(
                &join(at, "name"),
                format!("`{name}` is not a valid stack name: {reason} (rule F5)"),
            ));
        }
        let template_file = self.req_str(o, "templateFile", at)?;
        if template_file.is_empty()
            || template_file.contains(['/', '\\'])
            || template_file == ".."
            || template_file == "."
        {
            return Err(self.invalid(
                &join(at, "templateFile"),
                format!("`{template_file}` must be a file name inside the assembly folder"),
            ));
        }
        let template_bytes = self.req_usize(o, "templateBytes", at)?;
        let template_sha256 = self.req_str(o, "templateSha256", at)?;
        if template_sha256.len() != 64
            || !template_sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(self.invalid(
                &join(at, "templateSha256"),
                "must be 64 lowercase hex digits",
            ));
        }
        let needs_s3_upload = self
            .opt_bool(o, "needsS3Upload", at)?
            .unwrap_or(template_bytes > crate::template::INLINE_TEMPLATE_LIMIT);

        let (account, region) = match self.entries(o, "environment", at)? {
            Some(env) => {
                let at = join(at, "environment");
                (
                    self.opt_str(env, "account", &at)?,
                    self.opt_str(env, "region", &at)?,
                )
            }
            None => (None, None),
        };

        let mut dependencies = self.strings(o, "dependencies", at)?;
        dedup_in_order(&mut dependencies);
        let mut imports = self.strings(o, "imports", at)?;
        dedup_in_order(&mut imports);

        let mut parameters = BTreeMap::new();
        if let Some(map) = self.entries(o, "parameters", at)? {
            for (id, p) in map {
                let at = format!("{}.{id}", join(at, "parameters"));
                let p = self.object(p, &at)?;
                let default = match p.get("default") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Number(n)) => Some(n.to_string()),
                    Some(Value::Bool(b)) => Some(b.to_string()),
                    Some(_) => {
                        return Err(
                            self.invalid(&join(&at, "default"), "must be a string or a number")
                        );
                    }
                };
                parameters.insert(
                    id.clone(),
                    ParameterEntry {
                        type_name: self.req_str(p, "type", &at)?,
                        default,
                        no_echo: self.opt_bool(p, "noEcho", &at)?.unwrap_or(false),
                    },
                );
            }
        }

        let mut outputs = BTreeMap::new();
        if let Some(map) = self.entries(o, "outputs", at)? {
            for (id, out) in map {
                let at = format!("{}.{id}", join(at, "outputs"));
                let out = self.object(out, &at)?;
                let export = match out.get("exportName") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(ExportName::Literal(s.clone())),
                    Some(v @ Value::Object(_)) => Some(ExportName::Expression(v.clone())),
                    Some(_) => {
                        return Err(self.invalid(
                            &join(&at, "exportName"),
                            "must be a string or an intrinsic function",
                        ));
                    }
                };
                outputs.insert(id.clone(), export);
            }
        }

        let mut resources = BTreeMap::new();
        if let Some(map) = self.entries(o, "resources", at)? {
            for (id, r) in map {
                let at = format!("{}.{id}", join(at, "resources"));
                let r = self.object(r, &at)?;
                resources.insert(
                    id.clone(),
                    ResourceEntry {
                        type_name: self.req_str(r, "type", &at)?,
                        create_only_properties: self.strings(r, "createOnlyProperties", &at)?,
                    },
                );
            }
        }

        let mut tags = BTreeMap::new();
        if let Some(map) = self.entries(o, "tags", at)? {
            for (k, v) in map {
                let value = v.as_str().ok_or_else(|| {
                    self.invalid(&format!("{}.{k}", join(at, "tags")), "must be a string")
                })?;
                tags.insert(k.clone(), value.to_owned());
            }
        }

        Ok(StackEntry {
            name,
            template_file,
            template_path: None,
            description: self.opt_str(o, "description", at)?,
            account,
            region,
            dependencies,
            template_bytes,
            template_sha256,
            needs_s3_upload,
            parameters,
            outputs,
            imports,
            resources,
            tags,
        })
    }
}

fn join(at: &str, key: &str) -> String {
    format!("{at}.{key}")
}

fn dedup_in_order(items: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    items.retain(|s| seen.insert(s.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::{App, Assembly, Environment, Output, Parameter, intrinsic};
    use serde_json::Value;

    /// A fresh folder under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir = std::env::temp_dir().join(format!(
                "ecs-dsl-manifest-test-{}-{name}",
                std::process::id()
            ));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn two_stack_app() -> Assembly {
        let mut app = App::new();
        let base = app.stack("base").unwrap();
        base.set_description("shared things");
        base.set_environment(Environment::new("123456789012", "eu-west-1"));
        base.add_tag("team", "platform");
        let cluster = base
            .add("Cluster", crate::cfn::ecs::Cluster::new())
            .unwrap();
        base.add_parameter("Env", Parameter::string().default("dev").no_echo())
            .unwrap();
        base.add_parameter("Size", Parameter::number().default(3))
            .unwrap();
        base.add_output(
            "Named",
            Output::new(intrinsic::stack_name()).export_name("base-name"),
        )
        .unwrap();
        let web = app.stack("web").unwrap();
        web.add_output("Cluster", Output::new(cluster.attr_arn()))
            .unwrap();
        app.synthesize().unwrap()
    }

    fn sha(text: &str) -> String {
        hex_digest(text.as_bytes())
    }

    /// Manifest text with stacks given as (name, dependencies).
    fn manifest_text(stacks: &[(&str, &[&str])]) -> String {
        let stacks: Vec<Value> = stacks
            .iter()
            .map(|(name, deps)| {
                serde_json::json!({
                    "name": name,
                    "templateFile": format!("{name}.template.json"),
                    "dependencies": deps,
                    "templateBytes": 2,
                    "templateSha256": sha("{}"),
                })
            })
            .collect();
        serde_json::json!({"version": "1", "stacks": stacks}).to_string()
    }

    fn parse(text: &str) -> Result<Manifest, ManifestError> {
        Manifest::parse(text, Path::new("assembly"))
    }

    #[test]
    fn loads_what_synthesis_writes() {
        let assembly = two_stack_app();
        let dir = TempDir::new("loads");
        assembly.write(&dir.0).unwrap();
        let m = Manifest::load(&dir.0).unwrap();
        assert_eq!(m.version(), "1");
        assert!(m.generator().starts_with("ecs-dsl "));
        assert_eq!(m.stack_names(), ["base", "web"]);

        let base = m.stack("base").unwrap();
        assert_eq!(base.template_file, "base.template.json");
        assert_eq!(base.template_path, Some(dir.0.join("base.template.json")));
        assert_eq!(base.description.as_deref(), Some("shared things"));
        assert_eq!(base.account.as_deref(), Some("123456789012"));
        assert_eq!(base.region.as_deref(), Some("eu-west-1"));
        assert!(base.dependencies.is_empty());
        assert_eq!(base.tags["team"], "platform");
        assert_eq!(base.resources["Cluster"].type_name, "AWS::ECS::Cluster");
        assert!(
            base.resources["Cluster"]
                .create_only_properties
                .contains(&"ClusterName".to_owned())
        );
        let env = &base.parameters["Env"];
        assert_eq!(env.type_name, "String");
        assert_eq!(env.default.as_deref(), Some("dev"));
        assert!(env.no_echo);
        assert_eq!(base.parameters["Size"].type_name, "Number");
        assert_eq!(base.parameters["Size"].default.as_deref(), Some("3"));
        assert_eq!(
            base.outputs["Named"],
            Some(ExportName::Literal("base-name".into()))
        );
        assert_eq!(base.exports(), ["base-name", "base:Cluster:Arn"]);
        assert_eq!(
            m.exporter_of("base:Cluster:Arn").map(|s| s.name.as_str()),
            Some("base")
        );

        let web = m.stack("web").unwrap();
        assert_eq!(web.dependencies, ["base"]);
        assert_eq!(web.imports, ["base:Cluster:Arn"]);
        assert_eq!(web.outputs["Cluster"], None);
        assert!(web.exports().is_empty());

        let synthesized = assembly.stack("web").unwrap();
        assert_eq!(web.template_bytes, synthesized.bytes);
        assert_eq!(web.template_sha256, synthesized.sha256);
        assert_eq!(m.template("web").unwrap(), synthesized.template);
        assert_eq!(m.position("web"), Some(1));
    }

    #[test]
    fn from_assembly_matches_load() {
        let assembly = two_stack_app();
        let dir = TempDir::new("same");
        assembly.write(&dir.0).unwrap();
        let loaded = Manifest::load(&dir.0).unwrap();
        let memory = Manifest::from_assembly(&assembly).unwrap();
        for (a, b) in loaded.stacks().iter().zip(memory.stacks()) {
            let mut a = a.clone();
            a.template_path = None;
            assert_eq!(&a, b);
        }
        assert_eq!(
            memory.template("base").unwrap(),
            loaded.template("base").unwrap()
        );
        assert!(matches!(
            memory.template("nope"),
            Err(ManifestError::UnknownStack { .. })
        ));
    }

    #[test]
    fn templates_are_verified() {
        let assembly = two_stack_app();
        let dir = TempDir::new("verify");
        assembly.write(&dir.0).unwrap();
        let m = Manifest::load(&dir.0).unwrap();
        let path = dir.0.join("base.template.json");
        let original = fs::read_to_string(&path).unwrap();

        // Same size, other content.
        fs::write(&path, original.replacen("2010-09-09", "2010-09-08", 1)).unwrap();
        let err = m.template("base").unwrap_err();
        assert!(matches!(err, ManifestError::TemplateDigest { .. }), "{err}");
        assert!(err.to_string().contains("run `synth` again"), "{err}");

        fs::write(&path, &original[1..]).unwrap();
        match m.template("base").unwrap_err() {
            ManifestError::TemplateSize {
                expected, actual, ..
            } => assert_eq!(actual + 1, expected),
            other => panic!("{other}"),
        }

        fs::remove_file(&path).unwrap();
        assert!(matches!(
            m.template("base"),
            Err(ManifestError::MissingTemplate { .. })
        ));

        fs::write(&path, &original).unwrap();
        assert_eq!(m.template("base").unwrap(), original);
    }

    #[test]
    fn missing_and_malformed_manifests() {
        let dir = TempDir::new("missing");
        let err = Manifest::load(&dir.0).unwrap_err();
        assert!(matches!(err, ManifestError::NotFound { .. }), "{err}");

        fs::write(dir.0.join(MANIFEST_FILE), "{ not json").unwrap();
        let err = Manifest::load(&dir.0).unwrap_err();
        assert!(matches!(err, ManifestError::Json { .. }), "{err}");

        // A folder named manifest.json cannot be read as a file.
        let odd = TempDir::new("odd");
        fs::create_dir_all(odd.0.join(MANIFEST_FILE)).unwrap();
        let err = Manifest::load(&odd.0).unwrap_err();
        assert!(matches!(err, ManifestError::Read { .. }), "{err}");
    }

    #[test]
    fn versions_other_than_one_are_refused() {
        for (version, found) in [("\"2\"", "2"), ("1", "1"), ("null", "null")] {
            let text = format!(r#"{{"version": {version}, "stacks": []}}"#);
            match parse(&text).unwrap_err() {
                ManifestError::UnknownVersion {
                    found: f,
                    supported,
                    ..
                } => {
                    assert_eq!((f.as_str(), supported), (found, "1"));
                }
                other => panic!("{other}"),
            }
        }
        let err = parse(r#"{"stacks": []}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "assembly/manifest.json: `version` is missing"
        );
        assert!(parse(r#"{"version": "1", "stacks": []}"#).is_ok());
    }

    #[test]
    fn shape_errors_name_the_field() {
        let cases = [
            (r#"[]"#, "(root)"),
            (r#"{"version": "1"}"#, "stacks"),
            (r#"{"version": "1", "stacks": {}}"#, "stacks"),
            (r#"{"version": "1", "stacks": [1]}"#, "stacks[0]"),
            (r#"{"version": "1", "stacks": [{}]}"#, "stacks[0].name"),
        ];
        for (text, field) in cases {
            match parse(text).unwrap_err() {
                ManifestError::Invalid { field: f, .. } => assert_eq!(f, field, "{text}"),
                other => panic!("{text}: {other}"),
            }
        }
        let good = serde_json::from_str::<Value>(&manifest_text(&[("a", &[])])).unwrap();
        let with = |key: &str, value: Value| {
            let mut v = good.clone();
            v["stacks"][0][key] = value;
            v.to_string()
        };
        let cases = [
            (with("name", "1bad".into()), "stacks[0].name"),
            (
                with("templateFile", "../x.json".into()),
                "stacks[0].templateFile",
            ),
            (with("templateFile", "".into()), "stacks[0].templateFile"),
            (
                with("templateBytes", (-1).into()),
                "stacks[0].templateBytes",
            ),
            (
                with("templateSha256", "ABC".into()),
                "stacks[0].templateSha256",
            ),
            (
                with("dependencies", serde_json::json!([1])),
                "stacks[0].dependencies[0]",
            ),
            (
                with("needsS3Upload", "yes".into()),
                "stacks[0].needsS3Upload",
            ),
            (
                with("tags", serde_json::json!({"k": 1})),
                "stacks[0].tags.k",
            ),
            (
                with("outputs", serde_json::json!({"O": {"exportName": 3}})),
                "stacks[0].outputs.O.exportName",
            ),
            (
                with("parameters", serde_json::json!({"P": {}})),
                "stacks[0].parameters.P.type",
            ),
            (
                with(
                    "resources",
                    serde_json::json!({"R": {"type": "T", "createOnlyProperties": "x"}}),
                ),
                "stacks[0].resources.R.createOnlyProperties",
            ),
            (
                with("environment", serde_json::json!({"region": 1})),
                "stacks[0].environment.region",
            ),
        ];
        for (text, field) in cases {
            match parse(&text).unwrap_err() {
                ManifestError::Invalid { field: f, .. } => assert_eq!(f, field, "{text}"),
                other => panic!("{text}: {other}"),
            }
        }
    }

    #[test]
    fn optional_fields_default() {
        let m = parse(&manifest_text(&[("a", &[])])).unwrap();
        let a = &m.stacks()[0];
        assert!(!a.needs_s3_upload);
        assert!(a.parameters.is_empty() && a.outputs.is_empty() && a.tags.is_empty());
        assert_eq!(
            a.template_path,
            Some(Path::new("assembly").join("a.template.json"))
        );
        assert_eq!(m.generator(), "");
    }

    #[test]
    fn computed_export_names_are_kept() {
        let mut v = serde_json::from_str::<Value>(&manifest_text(&[("a", &[])])).unwrap();
        v["stacks"][0]["outputs"] =
            serde_json::json!({"Vpc": {"exportName": {"Fn::Sub": "${AWS::StackName}-Vpc"}}});
        let m = parse(&v.to_string()).unwrap();
        let a = &m.stacks()[0];
        assert!(matches!(a.outputs["Vpc"], Some(ExportName::Expression(_))));
        assert!(a.exports().is_empty());
    }

    #[test]
    fn duplicates_unknown_dependencies_and_cycles_are_rejected() {
        let err = parse(&manifest_text(&[("a", &[]), ("a", &[])])).unwrap_err();
        assert!(matches!(err, ManifestError::DuplicateStack { ref name } if name == "a"));

        let err = parse(&manifest_text(&[("a", &["ghost"])])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "stack `a` depends on `ghost`, which is not in the manifest"
        );

        let err = parse(&manifest_text(&[("a", &["a"])])).unwrap_err();
        assert!(matches!(err, ManifestError::Cycle { ref cycle } if cycle == &["a", "a"]));

        let err = parse(&manifest_text(&[
            ("x", &[]),
            ("a", &["x", "c"]),
            ("b", &["a"]),
            ("c", &["b"]),
        ]))
        .unwrap_err();
        match err {
            ManifestError::Cycle { cycle } => assert_eq!(cycle, ["a", "c", "b", "a"]),
            other => panic!("{other}"),
        }

        // A long chain in reverse manifest order is fine and does not recurse.
        let names: Vec<String> = (0..3000).map(|i| format!("s{i}")).collect();
        let stacks: Vec<(&str, Vec<&str>)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let deps = names
                    .get(i + 1)
                    .map(|d| vec![d.as_str()])
                    .unwrap_or_default();
                (n.as_str(), deps)
            })
            .collect();
        let stacks: Vec<(&str, &[&str])> = stacks.iter().map(|(n, d)| (*n, d.as_slice())).collect();
        assert_eq!(parse(&manifest_text(&stacks)).unwrap().stacks().len(), 3000);
    }

    #[test]
    fn repeated_dependencies_and_imports_are_merged() {
        let mut v =
            serde_json::from_str::<Value>(&manifest_text(&[("a", &[]), ("b", &["a", "a"])]))
                .unwrap();
        v["stacks"][1]["imports"] = serde_json::json!(["x", "x", "y"]);
        let m = parse(&v.to_string()).unwrap();
        assert_eq!(m.stacks()[1].dependencies, ["a"]);
        assert_eq!(m.stacks()[1].imports, ["x", "y"]);
    }
}
