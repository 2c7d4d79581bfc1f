//! The synthesized assembly: templates plus a manifest, in memory or written to a folder.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use super::json::Json;
use super::writer;
use crate::error::{Error, Result};

/// Name of the manifest file in an assembly folder.
///
/// ```
/// use ecs_dsl::App;
/// use ecs_dsl::template::MANIFEST_FILE;
/// let mut app = App::new();
/// app.stack("demo")?;
/// let dir = std::env::temp_dir().join(format!("ecs-dsl-doc-manifest-{}", std::process::id()));
/// app.synth(&dir)?;
/// assert!(dir.join(MANIFEST_FILE).is_file());
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub const MANIFEST_FILE: &str = "manifest.json";
/// Version of the manifest format; the deploy step refuses versions it does not know.
///
/// ```
/// use ecs_dsl::App;
/// use ecs_dsl::template::MANIFEST_VERSION;
/// let mut app = App::new();
/// app.stack("demo")?;
/// let manifest: serde_json::Value = serde_json::from_str(app.synthesize()?.manifest()).unwrap();
/// assert_eq!(manifest["version"], MANIFEST_VERSION);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub const MANIFEST_VERSION: &str = "1";

/// One synthesized stack.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cfn::ecs::Cluster;
/// let mut app = App::new();
/// let base = app.stack("base")?;
/// let cluster = base.add("Cluster", Cluster::new())?;
/// let web = app.stack("web")?;
/// web.add_output("Cluster", Output::new(cluster.reference()))?;
/// let assembly = app.synthesize()?;
/// let base = assembly.stack("base").unwrap();
/// assert_eq!(base.file_name, "base.template.json");
/// assert_eq!((base.resource_count, base.exports.len()), (1, 1));
/// assert!(!base.needs_s3_upload);
/// assert_eq!(base.sha256.len(), 64);
/// let web = assembly.stack("web").unwrap();
/// assert_eq!(web.dependencies, ["base"]);
/// assert_eq!(web.imports, base.exports);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SynthesizedStack {
    /// The stack name.
    pub name: String,
    /// `<name>.template.json`.
    pub file_name: String,
    /// The template text.
    pub template: String,
    /// The template's size in bytes.
    pub bytes: usize,
    /// SHA-256 of the template, lowercase hex.
    pub sha256: String,
    /// Whether the template is over 51,200 bytes and must be deployed from S3 (rule F1).
    pub needs_s3_upload: bool,
    /// Names of the stacks this one depends on (references and declared dependencies).
    pub dependencies: Vec<String>,
    /// Number of resources.
    pub resource_count: usize,
    /// Number of parameters.
    pub parameter_count: usize,
    /// Number of outputs, including exports added for other stacks.
    pub output_count: usize,
    /// Export names this stack provides to other stacks of the app.
    pub exports: Vec<String>,
    /// Export names this stack imports.
    pub imports: Vec<String>,
}

impl SynthesizedStack {
    /// The template parsed as plain JSON, for assertions in tests.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// app.stack("demo")?;
    /// let assembly = app.synthesize()?;
    /// let t = assembly.stack("demo").unwrap().template_json();
    /// assert_eq!(t["AWSTemplateFormatVersion"], "2010-09-09");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn template_json(&self) -> serde_json::Value {
        // The writer only produces valid JSON; a failure would be a bug, shown as Null.
        serde_json::from_str(&self.template).unwrap_or(serde_json::Value::Null)
    }
}

/// The result of [`App::synthesize`](crate::App::synthesize): every stack in dependency order
/// (a stack comes after the stacks it depends on) and the manifest.
///
/// ```
/// use ecs_dsl::App;
/// let mut app = App::new();
/// let web = app.stack("web")?;
/// let network = app.stack("network")?;
/// web.add_dependency(&network);
/// let assembly = app.synthesize()?;
/// let order: Vec<&str> = assembly.stacks.iter().map(|s| s.name.as_str()).collect();
/// assert_eq!(order, ["network", "web"]);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Assembly {
    /// The stacks, dependencies first.
    pub stacks: Vec<SynthesizedStack>,
    manifest: String,
}

impl Assembly {
    /// The assembly of `stacks`, each with its manifest entry (moved into the manifest text,
    /// not kept).
    pub(crate) fn new(stacks: Vec<(SynthesizedStack, Json)>) -> Self {
        let (stacks, entries): (Vec<_>, Vec<_>) = stacks.into_iter().unzip();
        let manifest = Json::object([
            ("version", Json::from(MANIFEST_VERSION)),
            (
                "generator",
                Json::Str(format!("ecs-dsl {}", env!("CARGO_PKG_VERSION"))),
            ),
            ("stacks", Json::Array(entries)),
        ]);
        Assembly {
            manifest: writer::write(&manifest, true),
            stacks,
        }
    }

    /// The stack named `name`.
    ///
    /// ```
    /// use ecs_dsl::App;
    /// let mut app = App::new();
    /// app.stack("demo")?;
    /// let assembly = app.synthesize()?;
    /// assert_eq!(assembly.stack("demo").map(|s| s.name.as_str()), Some("demo"));
    /// assert!(assembly.stack("other").is_none());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stack(&self, name: &str) -> Option<&SynthesizedStack> {
        self.stacks.iter().find(|s| s.name == name)
    }

    /// The text of `manifest.json`: for each stack its template file, dependencies, parameters,
    /// outputs and exports, imports, size and SHA-256, whether it needs S3, its resources with
    /// their create-only properties, and the escape hatches used.
    ///
    /// ```
    /// use ecs_dsl::App;
    /// let mut app = App::new();
    /// app.stack("demo")?;
    /// let manifest: serde_json::Value = serde_json::from_str(app.synthesize()?.manifest()).unwrap();
    /// assert_eq!(manifest["stacks"][0]["name"], "demo");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn manifest(&self) -> &str {
        &self.manifest
    }

    /// Writes the templates and `manifest.json` to `dir` (created if missing). Template files
    /// of stacks that are no longer in the app are removed when `dir` already holds an
    /// assembly, so the folder always matches the manifest.
    ///
    /// ```
    /// use ecs_dsl::App;
    /// let mut app = App::new();
    /// app.stack("demo")?;
    /// let assembly = app.synthesize()?;
    /// let dir = std::env::temp_dir().join(format!("ecs-dsl-doc-write-{}", std::process::id()));
    /// assembly.write(&dir)?;
    /// let written = std::fs::read_to_string(dir.join("demo.template.json")).unwrap();
    /// assert_eq!(written, assembly.stack("demo").unwrap().template);
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn write(&self, dir: &Path) -> Result<()> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        fs::create_dir_all(dir).map_err(io(dir))?;
        if dir.join(MANIFEST_FILE).is_file() {
            for entry in fs::read_dir(dir).map_err(io(dir))? {
                let path = entry.map_err(io(dir))?.path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name.ends_with(".template.json")
                    && !self.stacks.iter().any(|s| s.file_name == name)
                {
                    fs::remove_file(&path).map_err(io(&path))?;
                }
            }
        }
        for stack in &self.stacks {
            let path = dir.join(&stack.file_name);
            write_if_changed(&path, &stack.template).map_err(io(&path))?;
        }
        let path = dir.join(MANIFEST_FILE);
        write_if_changed(&path, &self.manifest).map_err(io(&path))
    }

    /// A human summary: one line per stack with resources, bytes and dependencies.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// app.stack("demo")?;
    /// assert!(app.synthesize()?.summary().contains("demo"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let width = self
            .stacks
            .iter()
            .map(|s| s.name.len())
            .max()
            .unwrap_or(5)
            .max(5);
        let _ = writeln!(
            out,
            "{:<width$}  {:>9}  {:>7}  {:>8}  depends on",
            "stack", "resources", "outputs", "bytes"
        );
        for s in &self.stacks {
            let s3 = if s.needs_s3_upload {
                " (S3 upload)"
            } else {
                ""
            };
            let deps = if s.dependencies.is_empty() {
                "-".to_owned()
            } else {
                s.dependencies.join(", ")
            };
            let _ = writeln!(
                out,
                "{:<width$}  {:>9}  {:>7}  {:>8}  {deps}{s3}",
                s.name, s.resource_count, s.output_count, s.bytes
            );
        }
        out
    }
}

/// Leaves a file untouched (and its mtime, so build tools do not rebuild) when its content is
/// already right.
fn write_if_changed(path: &Path, content: &str) -> std::io::Result<()> {
    match fs::read(path) {
        Ok(existing) if existing == content.as_bytes() => Ok(()),
        _ => fs::write(path, content),
    }
}
