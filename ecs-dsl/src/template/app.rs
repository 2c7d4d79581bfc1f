//! The app: a set of stacks synthesized together.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use super::assembly::Assembly;
use super::logical_id::check_stack_name;
use super::stack::Stack;
use crate::error::{Error, Result};

static NEXT_APP: AtomicU64 = AtomicU64::new(1);

/// An app: the stacks of one program, synthesized together so that references between them
/// become exports and imports.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::cfn::ecs::Cluster;
/// let mut app = App::new();
/// let base = app.stack("base")?;
/// let cluster = base.add("Cluster", Cluster::new())?;
/// let web = app.stack("web")?;
/// web.add_output("ClusterName", Output::new(cluster.reference()))?;
/// let assembly = app.synthesize()?;
/// assert_eq!(assembly.stack("web").map(|s| s.dependencies.clone()), Some(vec!["base".to_owned()]));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug)]
pub struct App {
    pub(crate) id: u64,
    pub(crate) stacks: Vec<Stack>,
    pub(crate) pretty: bool,
}

impl Default for App {
    fn default() -> Self {
        Self::new()
    }
}

impl App {
    /// An empty app.
    ///
    /// ```
    /// use ecs_dsl::App;
    /// let app = App::new();
    /// assert!(app.stacks().is_empty());
    /// ```
    pub fn new() -> Self {
        App {
            id: NEXT_APP.fetch_add(1, Ordering::Relaxed),
            stacks: Vec::new(),
            pretty: true,
        }
    }

    /// Adds a stack named `name` (the CloudFormation stack name, rule F5).
    ///
    /// ```
    /// use ecs_dsl::App;
    /// let mut app = App::new();
    /// app.stack("web")?;
    /// assert!(app.stack("web").is_err()); // names are unique
    /// assert!(app.stack("1-web").is_err()); // must start with a letter
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stack(&mut self, name: &str) -> Result<Stack> {
        check_stack_name(name)?;
        if self.stacks.iter().any(|s| s.name() == name) {
            return Err(Error::DuplicateStack {
                name: name.to_owned(),
            });
        }
        let stack = Stack::new(self.id, self.stacks.len(), name);
        self.stacks.push(stack.clone());
        Ok(stack)
    }

    /// The stacks in the order they were added.
    ///
    /// ```
    /// use ecs_dsl::App;
    /// let mut app = App::new();
    /// app.stack("network")?;
    /// app.stack("web")?;
    /// let names: Vec<&str> = app.stacks().iter().map(|s| s.name()).collect();
    /// assert_eq!(names, ["network", "web"]);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn stacks(&self) -> &[Stack] {
        &self.stacks
    }

    /// Writes templates as compact JSON instead of pretty JSON (smaller, for very large stacks).
    ///
    /// ```
    /// use ecs_dsl::App;
    /// let mut app = App::new();
    /// app.set_pretty(false).stack("demo")?;
    /// let assembly = app.synthesize()?;
    /// assert_eq!(assembly.stack("demo").unwrap().template.trim_end().lines().count(), 1);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn set_pretty(&mut self, pretty: bool) -> &mut Self {
        self.pretty = pretty;
        self
    }

    /// Synthesizes every stack in memory: resolves references (adding exports and imports
    /// between stacks), checks rules F1, F2, F9 and T26, and renders the templates and the
    /// manifest.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::cfn::logs::LogGroup;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add("Logs", LogGroup::new().retention_in_days(7))?;
    /// let assembly = app.synthesize()?;
    /// let demo = assembly.stack("demo").unwrap();
    /// assert_eq!(demo.resource_count, 1);
    /// assert_eq!(demo.template_json()["Resources"]["Logs"]["Properties"]["RetentionInDays"], 7);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn synthesize(&self) -> Result<Assembly> {
        super::synth::synthesize(self)
    }

    /// Synthesizes and writes the assembly to `dir`: `<stack>.template.json` per stack and
    /// `manifest.json`. The same program writes byte-identical files.
    ///
    /// ```
    /// use ecs_dsl::App;
    /// let mut app = App::new();
    /// app.stack("demo")?;
    /// let dir = std::env::temp_dir().join(format!("ecs-dsl-doc-synth-{}", std::process::id()));
    /// app.synth(&dir)?;
    /// assert!(dir.join("demo.template.json").is_file());
    /// assert!(dir.join("manifest.json").is_file());
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn synth(&self, dir: impl AsRef<Path>) -> Result<Assembly> {
        let assembly = self.synthesize()?;
        assembly.write(dir.as_ref())?;
        Ok(assembly)
    }
}
