//! The order to deploy and destroy the stacks of an assembly, with no I/O: which stacks a
//! command covers, which may run now, what a failure stops, and the summary at the end.
//!
//! A [`DeployPlan`] or [`DestroyPlan`] fixes the stacks and the order between them; a
//! [`Scheduler`] then hands out stacks whose prerequisites succeeded, at most `concurrency`
//! at a time, and learns how each ended. Ties are broken by manifest order (dependencies
//! first, as synthesis writes them) for deploys; a destroy prefers the exact reverse of the
//! deploy order of its stacks (as the CDK CLI does). The same manifest always gives the same
//! order.
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::deploy::manifest::Manifest;
//! use ecs_dsl::deploy::plan::{DeployPlan, StackOutcome, Scheduler, Selection};
//!
//! let mut app = App::new();
//! let base = app.stack("base")?;
//! let logs = base.add("Logs", ecs_dsl::cfn::logs::LogGroup::new())?;
//! app.stack("web")?.add_output("Logs", Output::new(logs.attr_arn()))?;
//! app.stack("jobs")?.add_output("Logs", Output::new(logs.attr_arn()))?;
//! let manifest = Manifest::from_assembly(&app.synthesize()?)?;
//!
//! let plan = DeployPlan::new(&manifest, Selection::All)?;
//! assert_eq!(plan.waves(), [vec!["base"], vec!["web", "jobs"]]);
//!
//! let mut scheduler = Scheduler::new(&plan, 4);
//! assert_eq!(scheduler.next_ready(), ["base"]);
//! scheduler.finish("base", StackOutcome::Deployed)?;
//! assert_eq!(scheduler.next_ready(), ["web", "jobs"]); // in parallel
//! scheduler.finish("web", StackOutcome::Unchanged)?;
//! scheduler.finish("jobs", StackOutcome::Failed)?;
//! assert!(scheduler.is_done());
//! assert_eq!(scheduler.summary().to_string(), "deployed: base\nunchanged: web\nfailed: jobs\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::manifest::Manifest;

/// Which stacks of the manifest a command covers.
///
/// Named stacks follow the AWS CDK CLI: `cdk deploy A` also deploys the stacks `A` depends
/// on (transitively), and `cdk destroy A` also destroys the stacks that depend on `A`, unless
/// `--exclusively` is given. [`Selection::Stacks`] is that default, [`Selection::Exclusively`]
/// the flag. With `Exclusively`, a selected stack may depend on a stack that is not selected:
/// that stack is assumed to be deployed already ([`DeployPlan::assumed_deployed`]); if it is
/// not, CloudFormation fails the importing stack, and the summary says so.
///
/// ```
/// use ecs_dsl::deploy::plan::Selection;
/// let s = Selection::stacks(["web"]);
/// assert_eq!(s, Selection::Stacks(vec!["web".to_owned()]));
/// assert_eq!(Selection::exclusively(["web"]), Selection::Exclusively(vec!["web".to_owned()]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every stack of the manifest (`--all`).
    All,
    /// These stacks, plus their dependencies for a deploy or their dependents for a destroy.
    Stacks(Vec<String>),
    /// Only these stacks (`--exclusively`).
    Exclusively(Vec<String>),
}

impl Selection {
    /// [`Selection::Stacks`] from any strings.
    ///
    /// ```
    /// use ecs_dsl::deploy::plan::Selection;
    /// assert!(matches!(Selection::stacks(["a", "b"]), Selection::Stacks(v) if v.len() == 2));
    /// ```
    pub fn stacks<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Selection {
        Selection::Stacks(names.into_iter().map(Into::into).collect())
    }

    /// [`Selection::Exclusively`] from any strings.
    ///
    /// ```
    /// use ecs_dsl::deploy::plan::Selection;
    /// assert!(matches!(Selection::exclusively(["a"]), Selection::Exclusively(v) if v == ["a"]));
    /// ```
    pub fn exclusively<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Selection {
        Selection::Exclusively(names.into_iter().map(Into::into).collect())
    }
}

/// A stack that cannot be destroyed because another stack, which is not being destroyed,
/// still imports one of its exports.
///
/// ```
/// use ecs_dsl::deploy::plan::ExportInUse;
/// let e = ExportInUse { stack: "base".into(), export: "base:Vpc".into(), importer: "web".into() };
/// assert_eq!(e.to_string(), "stack `base` exports `base:Vpc`, which stack `web` still imports");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportInUse {
    /// The stack to destroy.
    pub stack: String,
    /// Its export.
    pub export: String,
    /// The stack that imports it.
    pub importer: String,
}

impl fmt::Display for ExportInUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "stack `{}` exports `{}`, which stack `{}` still imports",
            self.stack, self.export, self.importer
        )
    }
}

/// Why a plan cannot be made or a scheduler was misused.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::deploy::plan::{DeployPlan, PlanError, Selection};
/// let mut app = App::new();
/// app.stack("web")?;
/// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
/// let err = DeployPlan::new(&manifest, Selection::stacks(["api"])).unwrap_err();
/// assert_eq!(err.to_string(), "no stack named `api` in the assembly; its stacks are: web");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// A selected stack is not in the manifest.
    #[error("no stack named `{name}` in the assembly; its stacks are: {}", known_list(.known))]
    UnknownStack {
        /// The name given.
        name: String,
        /// The stacks of the manifest.
        known: Vec<String>,
    },

    /// Destroying the selection would delete exports that other stacks still import.
    #[error(
        "cannot destroy: {}; destroy the importing stacks first, or include them in this destroy",
        .conflicts.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
    )]
    ExportsInUse {
        /// Every export in use, by stack, export and importer.
        conflicts: Vec<ExportInUse>,
    },

    /// [`Scheduler::finish`] for a stack the scheduler had not handed out (or already
    /// finished).
    #[error("stack `{stack}` is not running, so it cannot finish")]
    NotRunning {
        /// The stack.
        stack: String,
    },
}

fn known_list(known: &[String]) -> String {
    if known.is_empty() {
        "(none)".to_owned()
    } else {
        known.join(", ")
    }
}

/// One stack of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Node {
    name: String,
    /// Named by the selection (not pulled in by it).
    requested: bool,
    /// Nodes (indices into the plan's nodes) that must succeed before this one starts.
    waits_on: Vec<usize>,
}

/// Stacks of a plan in manifest order, with the order constraints between them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Graph {
    nodes: Vec<Node>,
    /// Stacks outside the plan that stacks of the plan wait on, in manifest order: assumed
    /// done (only with `Selection::Exclusively`).
    outside: Vec<String>,
    /// Preference among ready nodes, lowest first: the manifest position for a deploy, the
    /// reverse of the deploy order for a destroy.
    rank: Vec<usize>,
}

#[derive(Clone, Copy)]
enum Extend {
    /// Add dependencies (deploy).
    Upstream,
    /// Add dependents (destroy).
    Downstream,
}

impl Graph {
    fn build(
        manifest: &Manifest,
        selection: &Selection,
        extend: Extend,
    ) -> Result<Graph, PlanError> {
        let stacks = manifest.stacks();
        let index: BTreeMap<&str, usize> = stacks
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), i))
            .collect();
        // Edges by manifest position; a manifest never holds unknown dependencies.
        let deps: Vec<Vec<usize>> = stacks
            .iter()
            .map(|s| {
                s.dependencies
                    .iter()
                    .filter_map(|d| index.get(d.as_str()).copied())
                    .collect()
            })
            .collect();
        let mut dependents = vec![Vec::new(); stacks.len()];
        for (i, ds) in deps.iter().enumerate() {
            for &d in ds {
                dependents[d].push(i);
            }
        }
        let forward = match extend {
            Extend::Upstream => &deps,
            Extend::Downstream => &dependents,
        };

        let mut selected = vec![false; stacks.len()];
        let mut requested = vec![false; stacks.len()];
        let named = match selection {
            Selection::All => {
                selected.fill(true);
                requested.fill(true);
                None
            }
            Selection::Stacks(names) => Some((names, true)),
            Selection::Exclusively(names) => Some((names, false)),
        };
        if let Some((names, extend)) = named {
            for name in names {
                let Some(&i) = index.get(name.as_str()) else {
                    return Err(PlanError::UnknownStack {
                        name: name.clone(),
                        known: stacks.iter().map(|s| s.name.clone()).collect(),
                    });
                };
                selected[i] = true;
                requested[i] = true;
            }
            if extend {
                let mut todo: Vec<usize> = (0..stacks.len()).filter(|&i| selected[i]).collect();
                while let Some(i) = todo.pop() {
                    for &j in &forward[i] {
                        if !selected[j] {
                            selected[j] = true;
                            todo.push(j);
                        }
                    }
                }
            }
        }

        // Plan index of each selected manifest position.
        let mut plan_index = vec![None; stacks.len()];
        let mut next = 0;
        for (i, slot) in plan_index.iter_mut().enumerate() {
            if selected[i] {
                *slot = Some(next);
                next += 1;
            }
        }
        let mut nodes = Vec::with_capacity(next);
        let mut outside = BTreeSet::new();
        for (i, stack) in stacks.iter().enumerate() {
            if !selected[i] {
                continue;
            }
            // What `i` waits on: selected stacks reached through unselected ones too, so that
            // `--exclusively a c` still orders `c` after `a` when `c -> b -> a`.
            let mut waits_on = BTreeSet::new();
            let mut seen = BTreeSet::new();
            let mut todo: Vec<usize> = forward[i].clone();
            while let Some(j) = todo.pop() {
                if !seen.insert(j) {
                    continue;
                }
                match plan_index[j] {
                    Some(p) => {
                        waits_on.insert(p);
                    }
                    None => {
                        if forward[i].contains(&j) {
                            outside.insert(j);
                        }
                        todo.extend(forward[j].iter().copied());
                    }
                }
            }
            nodes.push(Node {
                name: stack.name.clone(),
                requested: requested[i],
                waits_on: waits_on.into_iter().collect(),
            });
        }
        let rank = match extend {
            Extend::Upstream => (0..nodes.len()).collect(),
            Extend::Downstream => {
                // The deploy order of these stacks, reversed (what CDK does).
                let mut deploy_prereqs = vec![Vec::new(); nodes.len()];
                for (i, n) in nodes.iter().enumerate() {
                    for &w in &n.waits_on {
                        if let Some(p) = deploy_prereqs.get_mut(w) {
                            p.push(i);
                        }
                    }
                }
                let deploy_order = topological(&deploy_prereqs, |i| i);
                let mut rank = vec![0; nodes.len()];
                for (k, &i) in deploy_order.iter().rev().enumerate() {
                    rank[i] = k;
                }
                rank
            }
        };
        Ok(Graph {
            nodes,
            outside: outside
                .into_iter()
                .filter_map(|j| stacks.get(j).map(|s| s.name.clone()))
                .collect(),
            rank,
        })
    }

    /// Node indices in the order of preference among ready nodes.
    fn preference(&self) -> Vec<usize> {
        let mut all: Vec<usize> = (0..self.nodes.len()).collect();
        all.sort_by_key(|&i| self.rank.get(i).copied().unwrap_or(i));
        all
    }

    /// Waves: each node one after its latest prerequisite, each wave in preference order.
    fn waves(&self) -> Vec<Vec<&str>> {
        let mut level: Vec<Option<usize>> = vec![None; self.nodes.len()];
        // Prerequisites always get their level first in a topological order.
        for i in self.order() {
            let l = self.nodes[i]
                .waits_on
                .iter()
                .filter_map(|&w| level.get(w).copied().flatten())
                .map(|l| l + 1)
                .max()
                .unwrap_or(0);
            level[i] = Some(l);
        }
        let mut waves: Vec<Vec<&str>> = Vec::new();
        for i in self.preference() {
            if let Some(l) = level[i] {
                if waves.len() <= l {
                    waves.resize_with(l + 1, Vec::new);
                }
                waves[l].push(&self.nodes[i].name);
            }
        }
        waves
    }

    /// A topological order, ties broken by preference.
    fn order(&self) -> Vec<usize> {
        let prereqs: Vec<Vec<usize>> = self.nodes.iter().map(|n| n.waits_on.clone()).collect();
        topological(&prereqs, |i| self.rank.get(i).copied().unwrap_or(i))
    }

    fn names(&self, indices: impl IntoIterator<Item = usize>) -> Vec<&str> {
        indices
            .into_iter()
            .filter_map(|i| self.nodes.get(i))
            .map(|n| n.name.as_str())
            .collect()
    }

    fn position(&self, stack: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.name == stack)
    }
}

/// Kahn's algorithm: every node after its prerequisites, the ready node of lowest `rank`
/// first. Nodes on a cycle are left out (a manifest has none).
fn topological(prereqs: &[Vec<usize>], rank: impl Fn(usize) -> usize) -> Vec<usize> {
    let mut missing: Vec<usize> = prereqs.iter().map(Vec::len).collect();
    let mut unlocks = vec![Vec::new(); prereqs.len()];
    for (i, ps) in prereqs.iter().enumerate() {
        for &p in ps {
            if let Some(u) = unlocks.get_mut(p) {
                u.push(i);
            }
        }
    }
    let mut ready: BTreeSet<(usize, usize)> = (0..prereqs.len())
        .filter(|&i| missing[i] == 0)
        .map(|i| (rank(i), i))
        .collect();
    let mut order = Vec::with_capacity(prereqs.len());
    while let Some((_, i)) = ready.pop_first() {
        order.push(i);
        for &u in &unlocks[i] {
            missing[u] = missing[u].saturating_sub(1);
            if missing[u] == 0 {
                ready.insert((rank(u), u));
            }
        }
    }
    order
}

/// The stacks a deploy covers and the order between them.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::deploy::plan::{DeployPlan, Selection};
/// let mut app = App::new();
/// let base = app.stack("base")?;
/// let logs = base.add("Logs", ecs_dsl::cfn::logs::LogGroup::new())?;
/// app.stack("web")?.add_output("Logs", Output::new(logs.attr_arn()))?;
/// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
///
/// // Like `cdk deploy web`: its dependency comes along.
/// let plan = DeployPlan::new(&manifest, Selection::stacks(["web"]))?;
/// assert_eq!(plan.stacks(), ["base", "web"]);
/// assert_eq!(plan.pulled_in(), ["base"]);
///
/// // Like `cdk deploy --exclusively web`: `base` must already be deployed.
/// let plan = DeployPlan::new(&manifest, Selection::exclusively(["web"]))?;
/// assert_eq!(plan.stacks(), ["web"]);
/// assert_eq!(plan.assumed_deployed(), ["base"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployPlan {
    graph: Graph,
}

impl DeployPlan {
    /// The plan for `selection`; fails when it names a stack the manifest does not have.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert!(DeployPlan::new(&manifest, Selection::stacks(["b"])).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(manifest: &Manifest, selection: Selection) -> Result<DeployPlan, PlanError> {
        Ok(DeployPlan {
            graph: Graph::build(manifest, &selection, Extend::Upstream)?,
        })
    }

    /// The stacks in a deploy order: every stack after its dependencies, ties in manifest
    /// order (with `concurrency` 1, the [`Scheduler`] follows this order).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// app.stack("b")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert_eq!(DeployPlan::new(&manifest, Selection::All)?.stacks(), ["a", "b"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stacks(&self) -> Vec<&str> {
        self.graph.names(self.graph.order())
    }

    /// The stacks by wave: every stack of a wave depends only on stacks of earlier waves, so
    /// a wave can run in parallel. Each wave is in manifest order.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Selection};
    /// let mut app = App::new();
    /// let a = app.stack("a")?;
    /// app.stack("b")?.depends_on(&a);
    /// app.stack("c")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert_eq!(DeployPlan::new(&manifest, Selection::All)?.waves(), [vec!["a", "c"], vec!["b"]]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn waves(&self) -> Vec<Vec<&str>> {
        self.graph.waves()
    }

    /// The stacks of the plan that `stack` waits for (its dependencies in the plan, also
    /// through dependencies left out by [`Selection::Exclusively`]); `None` when `stack` is
    /// not in the plan.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Selection};
    /// let mut app = App::new();
    /// let a = app.stack("a")?;
    /// app.stack("b")?.depends_on(&a);
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let plan = DeployPlan::new(&manifest, Selection::All)?;
    /// assert_eq!(plan.waits_on("b"), Some(vec!["a"]));
    /// assert_eq!(plan.waits_on("z"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn waits_on(&self, stack: &str) -> Option<Vec<&str>> {
        let i = self.graph.position(stack)?;
        Some(
            self.graph
                .names(self.graph.nodes[i].waits_on.iter().copied()),
        )
    }

    /// Stacks the selection did not name but that the plan includes because named stacks
    /// depend on them, in manifest order.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert!(DeployPlan::new(&manifest, Selection::All)?.pulled_in().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pulled_in(&self) -> Vec<&str> {
        pulled_in(&self.graph)
    }

    /// Stacks outside the plan that stacks of the plan depend on (only with
    /// [`Selection::Exclusively`]): they are assumed to be deployed already. In manifest order.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Selection};
    /// let mut app = App::new();
    /// let a = app.stack("a")?;
    /// app.stack("b")?.depends_on(&a);
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let plan = DeployPlan::new(&manifest, Selection::exclusively(["b"]))?;
    /// assert_eq!(plan.assumed_deployed(), ["a"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn assumed_deployed(&self) -> Vec<&str> {
        self.graph.outside.iter().map(String::as_str).collect()
    }

    /// Whether `stack` is in the plan.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert!(DeployPlan::new(&manifest, Selection::All)?.contains("a"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, stack: &str) -> bool {
        self.graph.position(stack).is_some()
    }

    /// How many stacks the plan covers.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Selection};
    /// let manifest = Manifest::from_assembly(&App::new().synthesize()?)?;
    /// let plan = DeployPlan::new(&manifest, Selection::All)?;
    /// assert_eq!((plan.len(), plan.is_empty()), (0, true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.graph.nodes.len()
    }

    /// Whether the plan covers no stack.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert!(!DeployPlan::new(&manifest, Selection::All)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.graph.nodes.is_empty()
    }
}

fn pulled_in(graph: &Graph) -> Vec<&str> {
    graph
        .nodes
        .iter()
        .filter(|n| !n.requested)
        .map(|n| n.name.as_str())
        .collect()
}

/// The stacks a destroy covers, in reverse dependency order, checked against the imports
/// that live stacks still hold.
///
/// `live_imports` maps an export name to the stacks that import it, as CloudFormation
/// reports them (`ListImports`). Only literal export names of the manifest can be checked:
/// an export whose name is an intrinsic function (see
/// [`ExportName`](super::manifest::ExportName)) must be resolved by the caller, which knows
/// the deployed outputs, or CloudFormation refuses the deletion itself.
///
/// ```
/// use std::collections::BTreeMap;
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::deploy::plan::{DestroyPlan, PlanError, Selection};
/// let mut app = App::new();
/// let base = app.stack("base")?;
/// let logs = base.add("Logs", ecs_dsl::cfn::logs::LogGroup::new())?;
/// app.stack("web")?.add_output("Logs", Output::new(logs.attr_arn()))?;
/// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
/// let live = BTreeMap::from([("base:Logs:Arn".to_owned(), vec!["web".to_owned()])]);
///
/// // Like `cdk destroy base`: the stacks that depend on it go first.
/// let plan = DestroyPlan::new(&manifest, Selection::stacks(["base"]), &live)?;
/// assert_eq!(plan.stacks(), ["web", "base"]);
///
/// // Only `base`: refused, naming the importer.
/// let err = DestroyPlan::new(&manifest, Selection::exclusively(["base"]), &live).unwrap_err();
/// assert!(err.to_string().contains("`base:Logs:Arn`, which stack `web` still imports"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DestroyPlan {
    graph: Graph,
}

impl DestroyPlan {
    /// The plan for `selection`; fails when it names a stack the manifest does not have, or
    /// when a stack to destroy exports a value that a stack not being destroyed imports.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DestroyPlan, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let plan = DestroyPlan::new(&manifest, Selection::All, &BTreeMap::new())?;
    /// assert_eq!(plan.stacks(), ["a"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        manifest: &Manifest,
        selection: Selection,
        live_imports: &BTreeMap<String, Vec<String>>,
    ) -> Result<DestroyPlan, PlanError> {
        let graph = Graph::build(manifest, &selection, Extend::Downstream)?;
        let doomed: BTreeSet<&str> = graph.nodes.iter().map(|n| n.name.as_str()).collect();
        let mut conflicts = Vec::new();
        for node in &graph.nodes {
            let Some(stack) = manifest.stack(&node.name) else {
                continue;
            };
            for export in stack.exports() {
                let importers: BTreeSet<&str> = live_imports
                    .get(export)
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                for importer in importers {
                    if importer != node.name && !doomed.contains(importer) {
                        conflicts.push(ExportInUse {
                            stack: node.name.clone(),
                            export: export.to_owned(),
                            importer: importer.to_owned(),
                        });
                    }
                }
            }
        }
        if conflicts.is_empty() {
            Ok(DestroyPlan { graph })
        } else {
            Err(PlanError::ExportsInUse { conflicts })
        }
    }

    /// The stacks in a deletion order: the reverse of their deploy order, so every stack
    /// comes after the stacks that depend on it (with `concurrency` 1, the [`Scheduler`]
    /// follows this order).
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DestroyPlan, Selection};
    /// let mut app = App::new();
    /// let a = app.stack("a")?;
    /// app.stack("b")?.depends_on(&a);
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let plan = DestroyPlan::new(&manifest, Selection::All, &BTreeMap::new())?;
    /// assert_eq!(plan.stacks(), ["b", "a"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stacks(&self) -> Vec<&str> {
        self.graph.names(self.graph.order())
    }

    /// The stacks by wave: every stack of a wave is depended on only by stacks of earlier
    /// waves. Each wave follows [`DestroyPlan::stacks`]' order.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DestroyPlan, Selection};
    /// let mut app = App::new();
    /// let a = app.stack("a")?;
    /// app.stack("b")?.depends_on(&a);
    /// app.stack("c")?.depends_on(&a);
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let plan = DestroyPlan::new(&manifest, Selection::All, &BTreeMap::new())?;
    /// assert_eq!(plan.waves(), [vec!["c", "b"], vec!["a"]]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn waves(&self) -> Vec<Vec<&str>> {
        self.graph.waves()
    }

    /// Stacks the selection did not name but that the plan includes because they depend on
    /// named stacks, in manifest order.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DestroyPlan, Selection};
    /// let mut app = App::new();
    /// let a = app.stack("a")?;
    /// app.stack("b")?.depends_on(&a);
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let plan = DestroyPlan::new(&manifest, Selection::stacks(["a"]), &BTreeMap::new())?;
    /// assert_eq!(plan.pulled_in(), ["b"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pulled_in(&self) -> Vec<&str> {
        pulled_in(&self.graph)
    }

    /// Whether `stack` is in the plan.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DestroyPlan, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert!(DestroyPlan::new(&manifest, Selection::All, &BTreeMap::new())?.contains("a"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, stack: &str) -> bool {
        self.graph.position(stack).is_some()
    }

    /// How many stacks the plan covers.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DestroyPlan, Selection};
    /// let manifest = Manifest::from_assembly(&App::new().synthesize()?)?;
    /// let plan = DestroyPlan::new(&manifest, Selection::All, &BTreeMap::new())?;
    /// assert_eq!((plan.len(), plan.is_empty()), (0, true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.graph.nodes.len()
    }

    /// Whether the plan covers no stack.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DestroyPlan, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// assert!(!DestroyPlan::new(&manifest, Selection::All, &BTreeMap::new())?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.graph.nodes.is_empty()
    }
}

/// How the operation on one stack ended, as the caller reports it to [`Scheduler::finish`].
///
/// Every outcome but `Failed` lets the stacks waiting on this one start.
///
/// ```
/// use ecs_dsl::deploy::plan::StackOutcome;
/// assert!(StackOutcome::Unchanged.is_success());
/// assert!(!StackOutcome::Failed.is_success());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StackOutcome {
    /// The stack was created or updated.
    Deployed,
    /// Nothing to do: no changes to deploy, or (destroy) no stack to delete.
    Unchanged,
    /// The stack was deleted (destroy).
    Deleted,
    /// The operation failed: the stacks waiting on this one are not attempted.
    Failed,
}

impl StackOutcome {
    /// Whether the stacks waiting on this one may start.
    ///
    /// ```
    /// use ecs_dsl::deploy::plan::StackOutcome;
    /// assert!(StackOutcome::Deleted.is_success());
    /// ```
    pub fn is_success(self) -> bool {
        self != StackOutcome::Failed
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Pending,
    Running,
    Finished(StackOutcome),
    /// Not attempted because this node failed.
    Blocked(usize),
}

/// Hands out the stacks of a plan as their prerequisites succeed, at most `concurrency` at a
/// time, and records how each ended.
///
/// The caller loops: start the stacks [`next_ready`](Scheduler::next_ready) returns, wait for
/// any running stack to end, report it with [`finish`](Scheduler::finish), until
/// [`is_done`](Scheduler::is_done). A failed stack makes every stack that waits on it,
/// directly or not, *not attempted*; independent stacks go on.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::deploy::plan::{DeployPlan, StackOutcome, Scheduler, Selection};
/// let mut app = App::new();
/// let a = app.stack("a")?;
/// app.stack("b")?.depends_on(&a);
/// app.stack("c")?;
/// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
/// let plan = DeployPlan::new(&manifest, Selection::All)?;
///
/// let mut s = Scheduler::new(&plan, 1);
/// assert_eq!(s.next_ready(), ["a"]);
/// assert!(s.next_ready().is_empty()); // one at a time
/// assert_eq!(s.finish("a", StackOutcome::Failed)?, ["b"]); // b will not be attempted
/// assert_eq!(s.next_ready(), ["c"]);
/// s.finish("c", StackOutcome::Deployed)?;
/// assert!(s.is_done());
/// let summary = s.summary();
/// assert_eq!(summary.failed, ["a"]);
/// assert_eq!(summary.not_attempted[0].because.as_deref(), Some("a"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Scheduler {
    graph: Graph,
    /// For each node, the nodes that wait on it.
    unlocks: Vec<Vec<usize>>,
    state: Vec<State>,
    concurrency: usize,
    running: usize,
}

impl Scheduler {
    /// A scheduler for a deploy; a `concurrency` of 0 counts as 1.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Scheduler, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// app.stack("b")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let mut s = Scheduler::new(&DeployPlan::new(&manifest, Selection::All)?, 0);
    /// assert_eq!(s.concurrency(), 1);
    /// assert_eq!(s.next_ready(), ["a"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(plan: &DeployPlan, concurrency: usize) -> Scheduler {
        Scheduler::with_graph(plan.graph.clone(), concurrency)
    }

    /// A scheduler for a destroy: a stack is deleted once every stack of the plan that
    /// depends on it is gone; a stack whose deletion failed keeps the stacks it depends on.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DestroyPlan, StackOutcome, Scheduler, Selection};
    /// let mut app = App::new();
    /// let a = app.stack("a")?;
    /// app.stack("b")?.depends_on(&a);
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let plan = DestroyPlan::new(&manifest, Selection::All, &BTreeMap::new())?;
    /// let mut s = Scheduler::destroy(&plan, 4);
    /// assert_eq!(s.next_ready(), ["b"]);
    /// s.finish("b", StackOutcome::Deleted)?;
    /// assert_eq!(s.next_ready(), ["a"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn destroy(plan: &DestroyPlan, concurrency: usize) -> Scheduler {
        Scheduler::with_graph(plan.graph.clone(), concurrency)
    }

    fn with_graph(graph: Graph, concurrency: usize) -> Scheduler {
        let mut unlocks = vec![Vec::new(); graph.nodes.len()];
        for (i, n) in graph.nodes.iter().enumerate() {
            for &w in &n.waits_on {
                if let Some(u) = unlocks.get_mut(w) {
                    u.push(i);
                }
            }
        }
        Scheduler {
            state: vec![State::Pending; graph.nodes.len()],
            graph,
            unlocks,
            concurrency: concurrency.max(1),
            running: 0,
        }
    }

    /// The most stacks running at once.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Scheduler, Selection};
    /// let manifest = Manifest::from_assembly(&App::new().synthesize()?)?;
    /// assert_eq!(Scheduler::new(&DeployPlan::new(&manifest, Selection::All)?, 3).concurrency(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn concurrency(&self) -> usize {
        self.concurrency
    }

    /// Stacks that may start now, marked running: those whose prerequisites all succeeded,
    /// at most `concurrency` minus the stacks running, in manifest order (for a destroy, in
    /// the order of [`DestroyPlan::stacks`]). Empty when nothing can start until a running
    /// stack finishes.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, StackOutcome, Scheduler, Selection};
    /// let mut app = App::new();
    /// for name in ["a", "b", "c"] {
    ///     app.stack(name)?;
    /// }
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let mut s = Scheduler::new(&DeployPlan::new(&manifest, Selection::All)?, 2);
    /// assert_eq!(s.next_ready(), ["a", "b"]);
    /// s.finish("b", StackOutcome::Deployed)?;
    /// assert_eq!(s.next_ready(), ["c"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_ready(&mut self) -> Vec<String> {
        let mut started = Vec::new();
        for i in self.graph.preference() {
            if self.running >= self.concurrency {
                break;
            }
            let ready = self.state[i] == State::Pending
                && self.graph.nodes[i].waits_on.iter().all(
                    |&w| matches!(self.state.get(w), Some(State::Finished(o)) if o.is_success()),
                );
            if ready {
                self.state[i] = State::Running;
                self.running += 1;
                started.push(self.graph.nodes[i].name.clone());
            }
        }
        started
    }

    /// Records how a running stack ended. When it failed, every stack that waits on it
    /// (transitively) is marked not attempted; those stacks are returned, in manifest order.
    ///
    /// Fails, changing nothing, for a stack that is not in the plan or not running.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, StackOutcome, PlanError, Scheduler, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let mut s = Scheduler::new(&DeployPlan::new(&manifest, Selection::All)?, 1);
    /// assert!(matches!(s.finish("a", StackOutcome::Deployed), Err(PlanError::NotRunning { .. })));
    /// s.next_ready();
    /// assert_eq!(s.finish("a", StackOutcome::Deployed)?, Vec::<String>::new());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn finish(&mut self, stack: &str, outcome: StackOutcome) -> Result<Vec<String>, PlanError> {
        let Some(i) = self.graph.position(stack) else {
            return Err(PlanError::UnknownStack {
                name: stack.to_owned(),
                known: self.graph.nodes.iter().map(|n| n.name.clone()).collect(),
            });
        };
        if self.state[i] != State::Running {
            return Err(PlanError::NotRunning {
                stack: stack.to_owned(),
            });
        }
        self.state[i] = State::Finished(outcome);
        self.running = self.running.saturating_sub(1);
        let mut blocked = BTreeSet::new();
        if !outcome.is_success() {
            let mut todo = self.unlocks[i].clone();
            while let Some(j) = todo.pop() {
                if self.state[j] == State::Pending {
                    self.state[j] = State::Blocked(i);
                    blocked.insert(j);
                    todo.extend(self.unlocks[j].iter().copied());
                }
            }
        }
        Ok(blocked
            .into_iter()
            .map(|j| self.graph.nodes[j].name.clone())
            .collect())
    }

    /// The stacks running now, in manifest order.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Scheduler, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let mut s = Scheduler::new(&DeployPlan::new(&manifest, Selection::All)?, 1);
    /// s.next_ready();
    /// assert_eq!(s.running(), ["a"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn running(&self) -> Vec<&str> {
        self.graph
            .names((0..self.state.len()).filter(|&i| self.state[i] == State::Running))
    }

    /// Whether every stack has finished or will not be attempted.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Scheduler, Selection};
    /// let manifest = Manifest::from_assembly(&App::new().synthesize()?)?;
    /// assert!(Scheduler::new(&DeployPlan::new(&manifest, Selection::All)?, 1).is_done());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_done(&self) -> bool {
        self.state
            .iter()
            .all(|s| matches!(s, State::Finished(_) | State::Blocked(_)))
    }

    /// What happened to each stack so far, each list in manifest order. Stacks never started
    /// (because the caller stopped early) are not attempted, without a cause.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::deploy::plan::{DeployPlan, Scheduler, Selection};
    /// let mut app = App::new();
    /// app.stack("a")?;
    /// let manifest = Manifest::from_assembly(&app.synthesize()?)?;
    /// let s = Scheduler::new(&DeployPlan::new(&manifest, Selection::All)?, 1);
    /// let summary = s.summary();
    /// assert_eq!(summary.not_attempted[0].stack, "a");
    /// assert!(!summary.is_success());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for (node, state) in self.graph.nodes.iter().zip(&self.state) {
            let name = node.name.clone();
            match state {
                State::Finished(StackOutcome::Deployed) => summary.deployed.push(name),
                State::Finished(StackOutcome::Unchanged) => summary.unchanged.push(name),
                State::Finished(StackOutcome::Deleted) => summary.deleted.push(name),
                State::Finished(StackOutcome::Failed) => summary.failed.push(name),
                State::Running => summary.in_progress.push(name),
                State::Pending => summary.not_attempted.push(NotAttempted {
                    stack: name,
                    because: None,
                }),
                State::Blocked(by) => summary.not_attempted.push(NotAttempted {
                    stack: name,
                    because: self.graph.nodes.get(*by).map(|n| n.name.clone()),
                }),
            }
        }
        summary
    }
}

/// A stack that was not attempted.
///
/// ```
/// use ecs_dsl::deploy::plan::NotAttempted;
/// let n = NotAttempted { stack: "web".into(), because: Some("base".into()) };
/// assert_eq!(n.to_string(), "web (base failed)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAttempted {
    /// The stack.
    pub stack: String,
    /// The failed stack it waited on, directly or not; `None` when the run stopped before
    /// reaching it.
    pub because: Option<String>,
}

impl fmt::Display for NotAttempted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.because {
            Some(failed) => write!(f, "{} ({failed} failed)", self.stack),
            None => f.write_str(&self.stack),
        }
    }
}

/// What a deploy or destroy did, each list in manifest order. Its `Display` prints one line
/// per non-empty list.
///
/// ```
/// use ecs_dsl::deploy::plan::{NotAttempted, Summary};
/// let summary = Summary {
///     deployed: vec!["base".into()],
///     failed: vec!["api".into()],
///     not_attempted: vec![NotAttempted { stack: "web".into(), because: Some("api".into()) }],
///     ..Summary::default()
/// };
/// assert_eq!(summary.to_string(), "deployed: base\nfailed: api\nnot attempted: web (api failed)\n");
/// assert!(!summary.is_success());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Stacks created or updated.
    pub deployed: Vec<String>,
    /// Stacks with nothing to do.
    pub unchanged: Vec<String>,
    /// Stacks deleted.
    pub deleted: Vec<String>,
    /// Stacks whose operation failed.
    pub failed: Vec<String>,
    /// Stacks not attempted, with the failure that stopped them.
    pub not_attempted: Vec<NotAttempted>,
    /// Stacks still running (the summary was taken before the end).
    pub in_progress: Vec<String>,
}

impl Summary {
    /// Whether every stack succeeded: nothing failed, nothing left out or still running.
    ///
    /// ```
    /// use ecs_dsl::deploy::plan::Summary;
    /// assert!(Summary { unchanged: vec!["a".into()], ..Summary::default() }.is_success());
    /// ```
    pub fn is_success(&self) -> bool {
        self.failed.is_empty() && self.not_attempted.is_empty() && self.in_progress.is_empty()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let not_attempted: Vec<String> =
            self.not_attempted.iter().map(ToString::to_string).collect();
        let lines = [
            ("deployed", &self.deployed),
            ("unchanged", &self.unchanged),
            ("deleted", &self.deleted),
            ("failed", &self.failed),
            ("not attempted", &not_attempted),
            ("in progress", &self.in_progress),
        ];
        let mut any = false;
        for (label, names) in lines {
            if !names.is_empty() {
                writeln!(f, "{label}: {}", names.join(", "))?;
                any = true;
            }
        }
        if !any {
            writeln!(f, "no stacks")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// A manifest of stacks given as (name, dependencies, exports); templates are never read.
    fn manifest(stacks: &[(&str, &[&str], &[&str])]) -> Manifest {
        let stacks: Vec<serde_json::Value> = stacks
            .iter()
            .map(|(name, deps, exports)| {
                let outputs: serde_json::Map<String, serde_json::Value> = exports
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (format!("Out{i}"), serde_json::json!({"exportName": e})))
                    .collect();
                serde_json::json!({
                    "name": name,
                    "templateFile": format!("{name}.template.json"),
                    "dependencies": deps,
                    "templateBytes": 2,
                    "templateSha256": "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                    "outputs": outputs,
                })
            })
            .collect();
        let text = serde_json::json!({"version": "1", "stacks": stacks}).to_string();
        Manifest::parse(&text, Path::new("unused")).unwrap()
    }

    /// a <- b, a <- c, (b, c) <- d
    fn diamond() -> Manifest {
        manifest(&[
            ("a", &[], &["a:X"]),
            ("b", &["a"], &["b:X"]),
            ("c", &["a"], &["c:X"]),
            ("d", &["b", "c"], &[]),
        ])
    }

    fn deploy(m: &Manifest, selection: Selection) -> DeployPlan {
        DeployPlan::new(m, selection).unwrap()
    }

    fn no_imports() -> BTreeMap<String, Vec<String>> {
        BTreeMap::new()
    }

    fn imports(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(e, i)| (e.to_string(), i.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    /// Runs a scheduler to the end, failing the stacks in `fail`; returns the batches
    /// handed out.
    fn run(s: &mut Scheduler, fail: &[&str], ok: StackOutcome) -> Vec<Vec<String>> {
        let mut batches = Vec::new();
        while !s.is_done() {
            let batch = s.next_ready();
            assert!(!batch.is_empty() || !s.running().is_empty(), "stuck");
            assert!(s.running().len() <= s.concurrency());
            // Finish everything that runs, in start order.
            for name in s
                .running()
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
            {
                let outcome = if fail.contains(&name.as_str()) {
                    StackOutcome::Failed
                } else {
                    ok
                };
                s.finish(&name, outcome).unwrap();
            }
            if !batch.is_empty() {
                batches.push(batch);
            }
        }
        batches
    }

    #[test]
    fn diamond_order_and_waves() {
        let m = diamond();
        let plan = deploy(&m, Selection::All);
        assert_eq!(plan.stacks(), ["a", "b", "c", "d"]);
        assert_eq!(plan.waves(), [vec!["a"], vec!["b", "c"], vec!["d"]]);
        assert_eq!(plan.waits_on("d"), Some(vec!["b", "c"]));
        assert!(plan.pulled_in().is_empty() && plan.assumed_deployed().is_empty());
        assert_eq!((plan.len(), plan.contains("c")), (4, true));
    }

    #[test]
    fn manifest_order_breaks_ties() {
        // Manifest order need not be alphabetical, nor dependencies first.
        let m = manifest(&[
            ("zeta", &[], &[]),
            ("late", &["early"], &[]),
            ("alpha", &[], &[]),
            ("early", &[], &[]),
        ]);
        let plan = deploy(&m, Selection::All);
        assert_eq!(plan.stacks(), ["zeta", "alpha", "early", "late"]);
        assert_eq!(plan.waves(), [vec!["zeta", "alpha", "early"], vec!["late"]]);
        let mut s = Scheduler::new(&plan, 10);
        assert_eq!(s.next_ready(), ["zeta", "alpha", "early"]);
        let destroy = DestroyPlan::new(&m, Selection::All, &no_imports()).unwrap();
        assert_eq!(destroy.stacks(), ["late", "early", "alpha", "zeta"]);
        assert_eq!(
            destroy.waves(),
            [vec!["late", "alpha", "zeta"], vec!["early"]]
        );
    }

    #[test]
    fn concurrency_limits_the_running_stacks() {
        let m = manifest(&[
            ("s1", &[], &[]),
            ("s2", &[], &[]),
            ("s3", &[], &[]),
            ("s4", &[], &[]),
            ("s5", &[], &[]),
        ]);
        let plan = deploy(&m, Selection::All);
        let mut s = Scheduler::new(&plan, 2);
        assert_eq!(s.next_ready(), ["s1", "s2"]);
        assert!(s.next_ready().is_empty());
        s.finish("s2", StackOutcome::Deployed).unwrap();
        assert_eq!(s.next_ready(), ["s3"]);
        assert!(s.next_ready().is_empty());
        assert_eq!(s.running(), ["s1", "s3"]);
        s.finish("s1", StackOutcome::Unchanged).unwrap();
        s.finish("s3", StackOutcome::Deployed).unwrap();
        assert_eq!(s.next_ready(), ["s4", "s5"]);
        assert!(!s.is_done());
        s.finish("s4", StackOutcome::Deployed).unwrap();
        s.finish("s5", StackOutcome::Deployed).unwrap();
        assert!(s.is_done());
        let summary = s.summary();
        assert_eq!(summary.deployed, ["s2", "s3", "s4", "s5"]);
        assert_eq!(summary.unchanged, ["s1"]);
        assert!(summary.is_success());

        for (concurrency, expected) in [
            (0, vec![vec!["a"], vec!["b"], vec!["c"], vec!["d"]]),
            (1, vec![vec!["a"], vec!["b"], vec!["c"], vec!["d"]]),
            (2, vec![vec!["a"], vec!["b", "c"], vec!["d"]]),
            (8, vec![vec!["a"], vec!["b", "c"], vec!["d"]]),
        ] {
            let mut s = Scheduler::new(&deploy(&diamond(), Selection::All), concurrency);
            assert_eq!(
                run(&mut s, &[], StackOutcome::Deployed),
                expected,
                "{concurrency}"
            );
        }
    }

    #[test]
    fn a_stack_starts_only_after_all_its_dependencies() {
        let m = diamond();
        let mut s = Scheduler::new(&deploy(&m, Selection::All), 4);
        assert_eq!(s.next_ready(), ["a"]);
        s.finish("a", StackOutcome::Deployed).unwrap();
        assert_eq!(s.next_ready(), ["b", "c"]);
        s.finish("c", StackOutcome::Deployed).unwrap();
        assert!(s.next_ready().is_empty(), "d waits for b");
        s.finish("b", StackOutcome::Unchanged).unwrap();
        assert_eq!(s.next_ready(), ["d"]);
    }

    #[test]
    fn a_failure_stops_its_dependents_only() {
        let m = manifest(&[
            ("a", &[], &[]),
            ("b", &["a"], &[]),
            ("c", &["a"], &[]),
            ("d", &["b", "c"], &[]),
            ("e", &["d"], &[]),
            ("free", &[], &[]),
        ]);
        let mut s = Scheduler::new(&deploy(&m, Selection::All), 2);
        assert_eq!(s.next_ready(), ["a", "free"]);
        s.finish("a", StackOutcome::Deployed).unwrap();
        assert_eq!(s.next_ready(), ["b"]);
        assert_eq!(s.finish("b", StackOutcome::Failed).unwrap(), ["d", "e"]);
        assert_eq!(s.next_ready(), ["c"]);
        s.finish("c", StackOutcome::Deployed).unwrap();
        assert!(s.next_ready().is_empty());
        assert!(!s.is_done(), "free still runs");
        s.finish("free", StackOutcome::Unchanged).unwrap();
        assert!(s.is_done());
        let summary = s.summary();
        assert_eq!(summary.deployed, ["a", "c"]);
        assert_eq!(summary.unchanged, ["free"]);
        assert_eq!(summary.failed, ["b"]);
        assert_eq!(
            summary.not_attempted,
            [
                NotAttempted {
                    stack: "d".into(),
                    because: Some("b".into())
                },
                NotAttempted {
                    stack: "e".into(),
                    because: Some("b".into())
                },
            ]
        );
        assert!(!summary.is_success());
        assert_eq!(
            summary.to_string(),
            "deployed: a, c\nunchanged: free\nfailed: b\nnot attempted: d (b failed), e (b failed)\n"
        );
    }

    #[test]
    fn a_root_failure_stops_everything_downstream() {
        let mut s = Scheduler::new(&deploy(&diamond(), Selection::All), 3);
        assert_eq!(run(&mut s, &["a"], StackOutcome::Deployed), [vec!["a"]]);
        let summary = s.summary();
        assert_eq!(summary.failed, ["a"]);
        let names: Vec<&str> = summary
            .not_attempted
            .iter()
            .map(|n| n.stack.as_str())
            .collect();
        assert_eq!(names, ["b", "c", "d"]);
        assert!(
            summary
                .not_attempted
                .iter()
                .all(|n| n.because.as_deref() == Some("a"))
        );
    }

    #[test]
    fn finish_is_checked() {
        let m = diamond();
        let mut s = Scheduler::new(&deploy(&m, Selection::stacks(["b"])), 2);
        assert_eq!(
            s.finish("a", StackOutcome::Deployed),
            Err(PlanError::NotRunning { stack: "a".into() })
        );
        assert!(matches!(
            s.finish("d", StackOutcome::Deployed),
            Err(PlanError::UnknownStack { ref name, ref known }) if name == "d" && known == &["a", "b"]
        ));
        assert_eq!(s.next_ready(), ["a"]);
        s.finish("a", StackOutcome::Deployed).unwrap();
        assert_eq!(
            s.finish("a", StackOutcome::Failed),
            Err(PlanError::NotRunning { stack: "a".into() })
        );
        // The refused call changed nothing.
        assert_eq!(s.summary().deployed, ["a"]);
    }

    #[test]
    fn an_interrupted_run_is_summarized() {
        let mut s = Scheduler::new(&deploy(&diamond(), Selection::All), 1);
        s.next_ready();
        let summary = s.summary();
        assert_eq!(summary.in_progress, ["a"]);
        assert_eq!(summary.not_attempted.len(), 3);
        assert!(summary.not_attempted.iter().all(|n| n.because.is_none()));
        assert_eq!(
            summary.to_string(),
            "not attempted: b, c, d\nin progress: a\n"
        );
        assert_eq!(Summary::default().to_string(), "no stacks\n");
    }

    #[test]
    fn named_stacks_bring_their_dependencies_like_cdk() {
        let m = diamond();
        let plan = deploy(&m, Selection::stacks(["d"]));
        assert_eq!(plan.stacks(), ["a", "b", "c", "d"]);
        assert_eq!(plan.pulled_in(), ["a", "b", "c"]);

        let plan = deploy(&m, Selection::stacks(["b", "b"]));
        assert_eq!(plan.stacks(), ["a", "b"]);
        assert_eq!(plan.pulled_in(), ["a"]);

        // Dependents are not pulled in by a deploy.
        let plan = deploy(&m, Selection::stacks(["a"]));
        assert_eq!(plan.stacks(), ["a"]);

        let plan = deploy(&m, Selection::Stacks(vec![]));
        assert!(plan.is_empty());
        assert!(Scheduler::new(&plan, 1).is_done());
    }

    #[test]
    fn exclusively_takes_only_the_named_stacks() {
        let m = diamond();
        let plan = deploy(&m, Selection::exclusively(["d"]));
        assert_eq!(plan.stacks(), ["d"]);
        assert_eq!(plan.waits_on("d"), Some(vec![]));
        assert_eq!(plan.assumed_deployed(), ["b", "c"]);
        let mut s = Scheduler::new(&plan, 1);
        assert_eq!(s.next_ready(), ["d"]);

        // d -> b -> a with b left out: d still waits for a.
        let plan = deploy(&m, Selection::exclusively(["d", "a"]));
        assert_eq!(plan.stacks(), ["a", "d"]);
        assert_eq!(plan.waits_on("d"), Some(vec!["a"]));
        assert_eq!(plan.assumed_deployed(), ["b", "c"]);
        assert_eq!(plan.waves(), [vec!["a"], vec!["d"]]);
    }

    #[test]
    fn unknown_stacks_are_refused() {
        let m = diamond();
        let err = DeployPlan::new(&m, Selection::stacks(["b", "nope"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no stack named `nope` in the assembly; its stacks are: a, b, c, d"
        );
        assert!(DeployPlan::new(&m, Selection::exclusively(["nope"])).is_err());
        assert!(DestroyPlan::new(&m, Selection::stacks(["nope"]), &no_imports()).is_err());
    }

    #[test]
    fn destroy_goes_in_reverse_order() {
        let m = diamond();
        let plan = DestroyPlan::new(&m, Selection::All, &no_imports()).unwrap();
        assert_eq!(plan.stacks(), ["d", "c", "b", "a"]);
        assert_eq!(plan.waves(), [vec!["d"], vec!["c", "b"], vec!["a"]]);

        let mut s = Scheduler::destroy(&plan, 4);
        assert_eq!(
            run(&mut s, &[], StackOutcome::Deleted),
            [vec!["d"], vec!["c", "b"], vec!["a"]]
        );
        assert_eq!(s.summary().deleted, ["a", "b", "c", "d"]);
        assert_eq!(s.summary().to_string(), "deleted: a, b, c, d\n");
    }

    #[test]
    fn destroying_a_stack_brings_its_dependents_like_cdk() {
        let m = diamond();
        let plan = DestroyPlan::new(&m, Selection::stacks(["b"]), &no_imports()).unwrap();
        assert_eq!(plan.stacks(), ["d", "b"]);
        assert_eq!(plan.pulled_in(), ["d"]);
        let plan = DestroyPlan::new(&m, Selection::stacks(["a"]), &no_imports()).unwrap();
        assert_eq!(plan.stacks(), ["d", "c", "b", "a"]);
        let plan = DestroyPlan::new(&m, Selection::exclusively(["a"]), &no_imports()).unwrap();
        assert_eq!(plan.stacks(), ["a"]);
        assert!(plan.contains("a") && !plan.contains("b"));
        assert_eq!((plan.len(), plan.is_empty()), (1, false));
    }

    #[test]
    fn destroy_refuses_exports_still_imported() {
        let m = diamond();
        let live = imports(&[("a:X", &["b", "c"]), ("b:X", &["d"])]);
        // All importers are destroyed too: fine.
        assert!(DestroyPlan::new(&m, Selection::All, &live).is_ok());
        assert!(DestroyPlan::new(&m, Selection::stacks(["a"]), &live).is_ok());

        let err = DestroyPlan::new(&m, Selection::exclusively(["a", "b"]), &live).unwrap_err();
        assert_eq!(
            err,
            PlanError::ExportsInUse {
                conflicts: vec![
                    ExportInUse {
                        stack: "a".into(),
                        export: "a:X".into(),
                        importer: "c".into()
                    },
                    ExportInUse {
                        stack: "b".into(),
                        export: "b:X".into(),
                        importer: "d".into()
                    },
                ]
            }
        );
        assert_eq!(
            err.to_string(),
            "cannot destroy: stack `a` exports `a:X`, which stack `c` still imports; \
             stack `b` exports `b:X`, which stack `d` still imports; \
             destroy the importing stacks first, or include them in this destroy"
        );

        // An importer outside the app blocks even a full destroy.
        let live = imports(&[("c:X", &["legacy", "legacy"])]);
        let err = DestroyPlan::new(&m, Selection::All, &live).unwrap_err();
        assert!(
            err.to_string()
                .contains("stack `c` exports `c:X`, which stack `legacy` still imports"),
            "{err}"
        );

        // Live imports of exports the stacks to destroy do not own are not their concern,
        // and a stack that is not deployed imports nothing.
        let live = imports(&[("b:X", &["d"]), ("other:X", &["x"])]);
        assert!(DestroyPlan::new(&m, Selection::exclusively(["a"]), &live).is_ok());
    }

    #[test]
    fn a_failed_deletion_keeps_what_it_depends_on() {
        let m = diamond();
        let plan = DestroyPlan::new(&m, Selection::All, &no_imports()).unwrap();
        let mut s = Scheduler::destroy(&plan, 1);
        assert_eq!(s.next_ready(), ["d"]);
        s.finish("d", StackOutcome::Deleted).unwrap();
        assert_eq!(s.next_ready(), ["c"]);
        assert_eq!(s.finish("c", StackOutcome::Failed).unwrap(), ["a"]);
        assert_eq!(s.next_ready(), ["b"]);
        s.finish("b", StackOutcome::Unchanged).unwrap();
        assert!(s.is_done());
        assert_eq!(
            s.summary().to_string(),
            "unchanged: b\ndeleted: d\nfailed: c\nnot attempted: a (c failed)\n"
        );
    }

    #[test]
    fn large_graphs_are_scheduled_without_recursion() {
        // A chain of 2,000 stacks plus 2,000 independent ones.
        let names: Vec<String> = (0..4000).map(|i| format!("s{i}")).collect();
        let deps: Vec<Vec<&str>> = (0..4000)
            .map(|i| {
                if i > 0 && i < 2000 {
                    vec![names[i - 1].as_str()]
                } else {
                    vec![]
                }
            })
            .collect();
        let stacks: Vec<(&str, &[&str], &[&str])> = names
            .iter()
            .zip(&deps)
            .map(|(n, d)| (n.as_str(), d.as_slice(), &[][..]))
            .collect();
        let m = manifest(&stacks);
        let plan = deploy(&m, Selection::All);
        assert_eq!(plan.waves().len(), 2000);
        let mut s = Scheduler::new(&plan, 16);
        let batches = run(&mut s, &["s0"], StackOutcome::Deployed);
        let summary = s.summary();
        assert_eq!(summary.failed, ["s0"]);
        assert_eq!(summary.not_attempted.len(), 1999);
        assert_eq!(summary.deployed.len(), 2000);
        assert!(batches.iter().all(|b| b.len() <= 16));
    }
}
