//! What a deploy changes, before it changes it: a diff of the deployed template against the
//! new one (the `diff` command), the resource changes of a change set with replacements
//! checked against the create-only properties recorded by the L1 generator, and whether a
//! deploy needs approval (`--require-approval`). Pure functions of data: no I/O, no SDK.
//!
//! - [`diff_templates`] compares two templates into a [`StackDiff`]: resources added, removed
//!   or modified (with the changed property paths and a [`Replacement`] prediction), and the
//!   entries of the other sections (parameters, mappings, conditions, rules, outputs with
//!   their export names) that changed.
//! - [`ResourceChange`] is a plain model of what `DescribeChangeSet` reports per resource;
//!   [`annotate`] raises its replacement when a changed property is create-only according to
//!   the manifest ([`AnnotatedChange`]), and [`ChangeList`] renders the result.
//! - [`RequireApproval`] and [`needs_approval`] decide whether to ask before executing.
//! - Both reports carry [`DiffWarning`]s, above all a custom-named resource that would be
//!   replaced: CloudFormation creates the replacement before it deletes the old resource, so
//!   a resource that keeps its custom name (`ClusterName`, `RoleName`, `LogGroupName`...)
//!   cannot be replaced and the update fails with "already exists" (`ecs-rules.md`, "What
//!   users lose most often", item 4).
//!
//! Every list is sorted (logical ids, section entries, paths), so the same input always
//! renders the same report.
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::deploy::diff::{Replacement, RequireApproval, diff_templates, needs_approval};
//! use ecs_dsl::deploy::manifest::Manifest;
//!
//! fn app(retention: i64, name: &str) -> ecs_dsl::Result<Assembly> {
//!     let mut app = App::new();
//!     let stack = app.stack("web")?;
//!     stack.add(
//!         "Logs",
//!         ecs_dsl::cfn::logs::LogGroup::new().retention_in_days(retention).log_group_name(name),
//!     )?;
//!     app.synthesize()
//! }
//!
//! let deployed = app(30, "web-logs")?.stack("web").unwrap().template_json();
//! let assembly = app(90, "web-logs")?;
//! let manifest = Manifest::from_assembly(&assembly)?;
//! let entry = manifest.stack("web").unwrap();
//! let new = assembly.stack("web").unwrap().template_json();
//!
//! let diff = diff_templates(Some(&deployed), &new, entry);
//! assert_eq!(diff.resources[0].changed_paths, ["Properties.RetentionInDays"]);
//! assert_eq!(diff.resources[0].replacement, Replacement::Never);
//! assert_eq!(diff.to_string(), "~ Logs  AWS::Logs::LogGroup  (RetentionInDays)\n");
//! assert!(needs_approval(RequireApproval::AnyChange, &diff));
//! assert!(!needs_approval(RequireApproval::Broadening, &diff));
//!
//! let same = diff_templates(Some(&new), &new, entry);
//! assert!(same.is_empty());
//! assert_eq!(same.to_string(), "no changes\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::str::FromStr;

use serde_json::{Map, Value};

use super::manifest::{ExportName, StackEntry};
use crate::cfn::registry;

// ---------------------------------------------------------------------------------------------
// Template diff: the model
// ---------------------------------------------------------------------------------------------

/// Whether a change replaces a resource (a new physical resource, a new id or ARN), as
/// predicted from the templates. Ordered by severity: `Never < May < Will`.
///
/// ```
/// use ecs_dsl::deploy::diff::Replacement;
/// assert!(Replacement::Never < Replacement::May && Replacement::May < Replacement::Will);
/// assert_eq!(Replacement::default(), Replacement::Never);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Replacement {
    /// Updated in place.
    #[default]
    Never,
    /// Replaced depending on values only CloudFormation knows: a create-only property
    /// changes to or from an expression (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::ImportValue`,
    /// `Fn::If`...), a conditionally create-only property changes, or a create-only property
    /// refers to a resource that will or may be replaced.
    May,
    /// Replaced: a create-only property changes between literal values, or the `Type`
    /// changes.
    Will,
}

/// How a resource, or an entry of another section, differs between the two templates.
///
/// ```
/// use ecs_dsl::deploy::diff::DiffKind;
/// assert_eq!(DiffKind::Added.symbol(), '+');
/// assert_eq!(DiffKind::Removed.symbol(), '-');
/// assert_eq!(DiffKind::Modified.symbol(), '~');
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiffKind {
    /// Only in the new template.
    Added,
    /// Only in the deployed template.
    Removed,
    /// In both, different.
    Modified,
}

impl DiffKind {
    /// The symbol that starts its line in a report: `+`, `-` or `~`.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::DiffKind;
    /// assert_eq!(DiffKind::Modified.symbol(), '~');
    /// ```
    pub fn symbol(self) -> char {
        match self {
            DiffKind::Added => '+',
            DiffKind::Removed => '-',
            DiffKind::Modified => '~',
        }
    }
}

/// One resource that differs between the deployed and the new template.
///
/// ```
/// use ecs_dsl::deploy::diff::{DiffKind, Replacement, diff_templates};
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::prelude::*;
///
/// let mut app = App::new();
/// app.stack("s")?.add("Cluster", ecs_dsl::cfn::ecs::Cluster::new())?;
/// let assembly = app.synthesize()?;
/// let manifest = Manifest::from_assembly(&assembly)?;
/// let new = assembly.stack("s").unwrap().template_json();
///
/// let diff = diff_templates(None, &new, manifest.stack("s").unwrap());
/// let cluster = &diff.resources[0];
/// assert_eq!((cluster.logical_id.as_str(), cluster.kind), ("Cluster", DiffKind::Added));
/// assert_eq!(cluster.resource_type, "AWS::ECS::Cluster");
/// assert_eq!(cluster.replacement, Replacement::Never);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResourceDiff {
    /// The logical id.
    pub logical_id: String,
    /// The type: the new one, or the deployed one for a removed resource.
    pub resource_type: String,
    /// Added, removed or modified.
    pub kind: DiffKind,
    /// For a modified resource, every path that differs, from the resource's root and sorted:
    /// `Properties.ContainerDefinitions[0].Image`, `DeletionPolicy`, `Type`. A path stops at
    /// an expression (`...Options.awslogs-group` when its `Ref` changes) and at a value added
    /// or removed as a whole. A property whose text is unchanged but that refers to a replaced
    /// resource (see [`replaced_references`](Self::replaced_references)) is listed as
    /// `Properties.<Name>`. Empty for added and removed resources.
    pub changed_paths: Vec<String>,
    /// The changed properties, sorted: the name after `Properties.` of each changed path, or
    /// the first segment of other paths (`DeletionPolicy`, `Metadata`, `Type`).
    pub changed_properties: Vec<String>,
    /// Whether the change replaces the resource; always [`Replacement::Never`] for added and
    /// removed resources.
    pub replacement: Replacement,
    /// What causes the replacement, sorted: the top-level names of the create-only
    /// properties that change, or `Type`.
    pub replacement_causes: Vec<String>,
    /// Resources that will or may be replaced and that this one refers to (`Ref`,
    /// `Fn::GetAtt`, `Fn::Sub`) in its properties, sorted: their new ids reach this resource
    /// even when its text is unchanged.
    pub replaced_references: Vec<String>,
    /// For a removed resource: its `DeletionPolicy` (`Retain` or `RetainExceptOnCreate`)
    /// keeps the physical resource.
    pub retained: bool,
}

/// The parts of a template other than `Resources`, compared entry by entry.
///
/// ```
/// use ecs_dsl::deploy::diff::Section;
/// assert_eq!(Section::Outputs.key(), Some("Outputs"));
/// assert_eq!(Section::Outputs.label(), Some("Output"));
/// assert_eq!(Section::TopLevel.key(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// A top-level key other than the sections below and `Resources`: `Description`,
    /// `Transform`, `Metadata`, `AWSTemplateFormatVersion`... The entry's name is the key.
    TopLevel,
    /// `Parameters`.
    Parameters,
    /// `Mappings`.
    Mappings,
    /// `Conditions`.
    Conditions,
    /// `Rules`.
    Rules,
    /// `Outputs`.
    Outputs,
}

impl Section {
    /// The sections that hold named entries, in report order.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::Section;
    /// assert_eq!(Section::ENTRIES.len(), 5);
    /// ```
    pub const ENTRIES: [Section; 5] = [
        Section::Parameters,
        Section::Mappings,
        Section::Conditions,
        Section::Rules,
        Section::Outputs,
    ];

    /// The template key of the section; `None` for [`Section::TopLevel`].
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::Section;
    /// assert_eq!(Section::Parameters.key(), Some("Parameters"));
    /// ```
    pub fn key(self) -> Option<&'static str> {
        match self {
            Section::TopLevel => None,
            Section::Parameters => Some("Parameters"),
            Section::Mappings => Some("Mappings"),
            Section::Conditions => Some("Conditions"),
            Section::Rules => Some("Rules"),
            Section::Outputs => Some("Outputs"),
        }
    }

    /// The word that names one entry in a report (`Parameter`); `None` for
    /// [`Section::TopLevel`], whose entries are named by their key.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::Section;
    /// assert_eq!(Section::Conditions.label(), Some("Condition"));
    /// ```
    pub fn label(self) -> Option<&'static str> {
        match self {
            Section::TopLevel => None,
            Section::Parameters => Some("Parameter"),
            Section::Mappings => Some("Mapping"),
            Section::Conditions => Some("Condition"),
            Section::Rules => Some("Rule"),
            Section::Outputs => Some("Output"),
        }
    }
}

/// How the export name of an output changes: `None` when it is not exported.
///
/// ```
/// use ecs_dsl::deploy::diff::ExportChange;
/// use ecs_dsl::deploy::manifest::ExportName;
/// let change = ExportChange { before: Some(ExportName::Literal("a".into())), after: None };
/// assert_eq!(change.to_string(), "export a -> (none)");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ExportChange {
    /// The export name in the deployed template.
    pub before: Option<ExportName>,
    /// The export name in the new template.
    pub after: Option<ExportName>,
}

impl fmt::Display for ExportChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.before, &self.after) {
            (None, Some(after)) => write!(f, "export {}", export_text(after)),
            (Some(before), None) => write!(f, "export {} -> (none)", export_text(before)),
            (Some(before), Some(after)) => write!(
                f,
                "export {} -> {}",
                export_text(before),
                export_text(after)
            ),
            (None, None) => f.write_str("export (none)"),
        }
    }
}

fn export_text(name: &ExportName) -> String {
    match name {
        ExportName::Literal(name) => name.clone(),
        ExportName::Expression(value) => value.to_string(),
    }
}

/// One entry of a section other than `Resources` that differs: a parameter, mapping,
/// condition, rule or output, or a top-level key such as `Description`.
///
/// ```
/// use ecs_dsl::deploy::diff::{DiffKind, Section, diff_templates};
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::prelude::*;
///
/// let mut app = App::new();
/// app.stack("s")?.add_parameter("Env", Parameter::string())?;
/// let assembly = app.synthesize()?;
/// let entry = Manifest::from_assembly(&assembly)?.stack("s").unwrap().clone();
/// let new = assembly.stack("s").unwrap().template_json();
/// let mut deployed = new.clone();
/// deployed["Parameters"]["Env"]["Default"] = "dev".into();
///
/// let diff = diff_templates(Some(&deployed), &new, &entry);
/// let change = &diff.sections[0];
/// assert_eq!((change.section, change.name.as_str(), change.kind), (Section::Parameters, "Env", DiffKind::Modified));
/// assert_eq!(change.to_string(), "~ Parameter Env");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SectionChange {
    /// The section.
    pub section: Section,
    /// The entry's logical id, or the top-level key.
    pub name: String,
    /// Added, removed or modified.
    pub kind: DiffKind,
    /// For an output, how its export name changes (when it does).
    pub export: Option<ExportChange>,
}

impl fmt::Display for SectionChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.kind.symbol())?;
        if let Some(label) = self.section.label() {
            write!(f, "{label} ")?;
        }
        f.write_str(&self.name)?;
        if let Some(export) = &self.export {
            write!(f, "  {export}")?;
        }
        Ok(())
    }
}

/// Something in a diff or a change set that is likely to make the deploy fail.
///
/// ```
/// use ecs_dsl::deploy::diff::{DiffWarning, Replacement};
/// let w = DiffWarning::ReplaceNamedResource {
///     logical_id: "Cluster".into(),
///     resource_type: "AWS::ECS::Cluster".into(),
///     property: "ClusterName".into(),
///     replacement: Replacement::Will,
/// };
/// assert!(w.to_string().starts_with("`Cluster` (AWS::ECS::Cluster) will be replaced"));
/// assert!(w.to_string().contains("already exists"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DiffWarning {
    /// A resource that will or may be replaced keeps its custom name. CloudFormation creates
    /// the replacement before deleting the old resource, so the create fails with "already
    /// exists" and the update rolls back.
    ReplaceNamedResource {
        /// The logical id.
        logical_id: String,
        /// The type.
        resource_type: String,
        /// The create-only property that sets the name, e.g. `ClusterName`.
        property: String,
        /// [`Replacement::Will`] or [`Replacement::May`].
        replacement: Replacement,
    },
    /// A resource is added with the custom name of a removed resource of the same type (a
    /// logical id renamed): the new one is created before the old one is deleted, so the
    /// create fails with "already exists".
    NameTakenFromRemoved {
        /// The logical id of the added resource.
        added: String,
        /// The logical id of the removed resource.
        removed: String,
        /// The type of both.
        resource_type: String,
        /// The property that sets the name.
        property: String,
    },
    /// An export of the deployed stack disappears (its output is removed, or its export
    /// name changes). CloudFormation refuses the update while another stack imports it.
    ExportRemoved {
        /// The output's logical id.
        output: String,
        /// The export name that disappears.
        export: String,
    },
}

impl fmt::Display for DiffWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiffWarning::ReplaceNamedResource {
                logical_id,
                resource_type,
                property,
                replacement,
            } => {
                let verb = if *replacement == Replacement::Will {
                    "will"
                } else {
                    "may"
                };
                write!(
                    f,
                    "`{logical_id}` ({resource_type}) {verb} be replaced but keeps its custom name ({property}): CloudFormation creates the replacement before it deletes the old resource, so the update fails with \"already exists\"; change {property} in the same deploy, or remove it so that CloudFormation generates a name"
                )
            }
            DiffWarning::NameTakenFromRemoved {
                added,
                removed,
                resource_type,
                property,
            } => write!(
                f,
                "`{added}` ({resource_type}) takes the custom name ({property}) of `{removed}`, which is removed: CloudFormation creates `{added}` before it deletes `{removed}`, so the create fails with \"already exists\"; keep the logical id `{removed}`, or change {property}"
            ),
            DiffWarning::ExportRemoved { output, export } => write!(
                f,
                "export `{export}` (output `{output}`) is removed: CloudFormation refuses the update while another stack imports it; remove the imports first"
            ),
        }
    }
}

/// The differences between the deployed template of a stack and the new one, from
/// [`diff_templates`].
///
/// `Display` writes one line per resource (`+` added, `-` removed, `~` modified, `!` replaced
/// or maybe replaced), then one line per changed entry of the other sections, then the
/// warnings; `"no changes"` when there is nothing. The alternate form (`{:#}`) also lists
/// the changed paths of each modified resource, indented.
///
/// ```
/// use ecs_dsl::deploy::diff::diff_templates;
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::prelude::*;
///
/// let mut app = App::new();
/// let s = app.stack("s")?;
/// s.add("Cluster", ecs_dsl::cfn::ecs::Cluster::new())?;
/// s.add("Logs", ecs_dsl::cfn::logs::LogGroup::new())?;
/// let assembly = app.synthesize()?;
/// let entry = Manifest::from_assembly(&assembly)?.stack("s").unwrap().clone();
/// let new = assembly.stack("s").unwrap().template_json();
///
/// let diff = diff_templates(None, &new, &entry);
/// assert!(diff.new_stack);
/// assert_eq!(diff.to_string(), "+ Cluster  AWS::ECS::Cluster\n+ Logs  AWS::Logs::LogGroup\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StackDiff {
    /// The stack name (from the manifest entry).
    pub stack: String,
    /// No deployed template was given: the stack will be created. Top-level keys
    /// (`Description`...) are then not reported.
    pub new_stack: bool,
    /// The resources that differ, sorted by logical id.
    pub resources: Vec<ResourceDiff>,
    /// The entries of other sections that differ, sorted by section then name.
    pub sections: Vec<SectionChange>,
    /// What is likely to make the deploy fail: named resources replaced by resources and
    /// their names in that order, then removed exports.
    pub warnings: Vec<DiffWarning>,
}

impl StackDiff {
    /// Whether the templates are the same, as far as a deploy is concerned: no resource and
    /// no section entry differs.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::diff_templates;
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// app.stack("s")?;
    /// let assembly = app.synthesize()?;
    /// let entry = Manifest::from_assembly(&assembly)?.stack("s").unwrap().clone();
    /// let t = assembly.stack("s").unwrap().template_json();
    /// assert!(diff_templates(Some(&t), &t, &entry).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.resources.is_empty() && self.sections.is_empty()
    }

    /// The diff of one resource, by logical id.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::{DiffKind, diff_templates};
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// app.stack("s")?.add("Logs", ecs_dsl::cfn::logs::LogGroup::new())?;
    /// let assembly = app.synthesize()?;
    /// let entry = Manifest::from_assembly(&assembly)?.stack("s").unwrap().clone();
    /// let t = assembly.stack("s").unwrap().template_json();
    /// let diff = diff_templates(None, &t, &entry);
    /// assert_eq!(diff.resource("Logs").map(|r| r.kind), Some(DiffKind::Added));
    /// assert!(diff.resource("Nope").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resource(&self, logical_id: &str) -> Option<&ResourceDiff> {
        self.resources.iter().find(|r| r.logical_id == logical_id)
    }

    /// The changed entries of one section.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::{Section, diff_templates};
    /// use ecs_dsl::deploy::manifest::Manifest;
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// app.stack("s")?.add_parameter("Env", Parameter::string())?;
    /// let assembly = app.synthesize()?;
    /// let entry = Manifest::from_assembly(&assembly)?.stack("s").unwrap().clone();
    /// let t = assembly.stack("s").unwrap().template_json();
    /// let diff = diff_templates(None, &t, &entry);
    /// assert_eq!(diff.section_changes(Section::Parameters).len(), 1);
    /// assert!(diff.section_changes(Section::Outputs).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn section_changes(&self, section: Section) -> Vec<&SectionChange> {
        self.sections
            .iter()
            .filter(|c| c.section == section)
            .collect()
    }
}

impl fmt::Display for ResourceDiff {
    /// One line: `! Task  AWS::ECS::TaskDefinition  REPLACE (ContainerDefinitions)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let symbol = if self.replacement > Replacement::Never {
            '!'
        } else {
            self.kind.symbol()
        };
        write!(f, "{symbol} {}  {}", self.logical_id, self.resource_type)?;
        match self.replacement {
            Replacement::Will => f.write_str("  REPLACE")?,
            Replacement::May => f.write_str("  MAY REPLACE")?,
            Replacement::Never => {}
        }
        if !self.changed_properties.is_empty() {
            let gap = if self.replacement > Replacement::Never {
                " "
            } else {
                "  "
            };
            write!(f, "{gap}({})", self.changed_properties.join(", "))?;
        }
        if !self.replaced_references.is_empty() {
            write!(
                f,
                "  refers to replaced {}",
                self.replaced_references.join(", ")
            )?;
        }
        if self.retained {
            f.write_str("  (retained)")?;
        }
        Ok(())
    }
}

impl fmt::Display for StackDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("no changes\n");
        }
        for resource in &self.resources {
            writeln!(f, "{resource}")?;
            if f.alternate() {
                for path in &resource.changed_paths {
                    writeln!(f, "    {path}")?;
                }
            }
        }
        for change in &self.sections {
            writeln!(f, "{change}")?;
        }
        for warning in &self.warnings {
            writeln!(f, "warning: {warning}")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Template diff: the computation
// ---------------------------------------------------------------------------------------------

/// Compares the deployed template of a stack (`None` when the stack does not exist yet) with
/// the new one.
///
/// Resources are matched by logical id. A modified resource is replaced
/// ([`Replacement::Will`]) when its `Type` changes or when a create-only property of its type
/// changes between literal values, may be replaced ([`Replacement::May`]) when the change of
/// a create-only property involves an expression, when a conditionally create-only property
/// changes, or when a create-only property refers to a resource that will or may be
/// replaced (applied until nothing more changes, so a replaced cluster reaches the services
/// on it). Create-only properties come from the manifest `entry` (the L1 generator's data);
/// for a resource the entry has no create-only property for (a raw resource), and for the
/// conditionally create-only ones, from [`cfn::registry`](crate::cfn::registry).
///
/// What the function cannot know: the values of parameters and imports, and what a
/// parameter's changed `Default` changes; resources in nested stacks or macros.
///
/// ```
/// use ecs_dsl::deploy::diff::{Replacement, diff_templates};
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::prelude::*;
///
/// fn app(name: &str) -> ecs_dsl::Result<Assembly> {
///     let mut app = App::new();
///     app.stack("s")?.add("Logs", ecs_dsl::cfn::logs::LogGroup::new().log_group_name(name))?;
///     app.synthesize()
/// }
/// let deployed = app("old")?.stack("s").unwrap().template_json();
/// let assembly = app("new")?;
/// let entry = Manifest::from_assembly(&assembly)?.stack("s").unwrap().clone();
/// let diff = diff_templates(Some(&deployed), &assembly.stack("s").unwrap().template_json(), &entry);
/// assert_eq!(diff.resources[0].replacement, Replacement::Will);
/// assert_eq!(diff.to_string(), "! Logs  AWS::Logs::LogGroup  REPLACE (LogGroupName)\n");
/// assert!(diff.warnings.is_empty()); // the name changes, so the replacement can be made
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn diff_templates(deployed: Option<&Value>, new: &Value, entry: &StackEntry) -> StackDiff {
    let empty = Map::new();
    let old_resources = deployed
        .and_then(|t| t.get("Resources"))
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let new_resources = new
        .get("Resources")
        .and_then(Value::as_object)
        .unwrap_or(&empty);

    let mut resources: BTreeMap<String, ResourceDiff> = BTreeMap::new();
    for id in sorted_keys(old_resources, new_resources) {
        let diff = match (old_resources.get(id), new_resources.get(id)) {
            (None, Some(new)) => Some(whole(id, new, DiffKind::Added)),
            (Some(old), None) => Some(whole(id, old, DiffKind::Removed)),
            (Some(old), Some(new)) => modified(id, old, new, entry),
            (None, None) => None,
        };
        if let Some(diff) = diff {
            resources.insert(id.clone(), diff);
        }
    }
    propagate(old_resources, new_resources, entry, &mut resources);

    let mut warnings = Vec::new();
    for diff in resources.values() {
        if let (Some(old), Some(new)) = (
            old_resources.get(&diff.logical_id),
            new_resources.get(&diff.logical_id),
        ) && diff.replacement > Replacement::Never
            && type_of(old) == type_of(new)
        {
            let schema = Schema::of(entry, &diff.logical_id, &diff.resource_type);
            for property in schema.name_properties(&diff.resource_type) {
                let before = property_of(old, property);
                let after = property_of(new, property);
                if after.is_some() && before == after {
                    warnings.push(DiffWarning::ReplaceNamedResource {
                        logical_id: diff.logical_id.clone(),
                        resource_type: diff.resource_type.clone(),
                        property: property.to_owned(),
                        replacement: diff.replacement,
                    });
                }
            }
        }
    }
    for added in resources.values().filter(|d| d.kind == DiffKind::Added) {
        let Some(new) = new_resources.get(&added.logical_id) else {
            continue;
        };
        let schema = Schema::of(entry, &added.logical_id, &added.resource_type);
        for property in schema.name_properties(&added.resource_type) {
            let Some(name) = property_of(new, property) else {
                continue;
            };
            for removed in resources
                .values()
                .filter(|d| d.kind == DiffKind::Removed && d.resource_type == added.resource_type)
            {
                let old = old_resources.get(&removed.logical_id);
                if old.and_then(|old| property_of(old, property)) == Some(name) {
                    warnings.push(DiffWarning::NameTakenFromRemoved {
                        added: added.logical_id.clone(),
                        removed: removed.logical_id.clone(),
                        resource_type: added.resource_type.clone(),
                        property: property.to_owned(),
                    });
                }
            }
        }
    }

    let sections = section_changes(deployed, new, &mut warnings);
    StackDiff {
        stack: entry.name.clone(),
        new_stack: deployed.is_none(),
        resources: resources.into_values().collect(),
        sections,
        warnings,
    }
}

/// The keys of two maps, sorted and without repeats.
fn sorted_keys<'a>(a: &'a Map<String, Value>, b: &'a Map<String, Value>) -> BTreeSet<&'a String> {
    a.keys().chain(b.keys()).collect()
}

fn type_of(resource: &Value) -> &str {
    resource.get("Type").and_then(Value::as_str).unwrap_or("")
}

/// A top-level property of a resource, when it is set (not null).
fn property_of<'a>(resource: &'a Value, name: &str) -> Option<&'a Value> {
    resource
        .get("Properties")
        .and_then(|p| p.get(name))
        .filter(|v| !v.is_null())
}

/// An added or removed resource.
fn whole(id: &str, resource: &Value, kind: DiffKind) -> ResourceDiff {
    let retained = kind == DiffKind::Removed
        && matches!(
            resource.get("DeletionPolicy").and_then(Value::as_str),
            Some("Retain" | "RetainExceptOnCreate")
        );
    ResourceDiff {
        logical_id: id.to_owned(),
        resource_type: type_of(resource).to_owned(),
        kind,
        changed_paths: Vec::new(),
        changed_properties: Vec::new(),
        replacement: Replacement::Never,
        replacement_causes: Vec::new(),
        replaced_references: Vec::new(),
        retained,
    }
}

/// A resource in both templates: `None` when it is the same.
fn modified(id: &str, old: &Value, new: &Value, entry: &StackEntry) -> Option<ResourceDiff> {
    let differences = diff_resource(old, new);
    if differences.is_empty() {
        return None;
    }
    let resource_type = type_of(new).to_owned();
    let mut replacement = Replacement::Never;
    let mut causes = BTreeSet::new();
    if type_of(old) != resource_type {
        replacement = Replacement::Will;
        causes.insert("Type".to_owned());
    } else {
        let schema = Schema::of(entry, id, &resource_type);
        let empty = Value::Object(Map::new());
        let old_props = old.get("Properties").unwrap_or(&empty);
        let new_props = new.get("Properties").unwrap_or(&empty);
        // The differences inside `Properties`, with their paths from there.
        let property_diffs: Vec<(&[Seg], bool)> = differences
            .iter()
            .filter_map(|d| match d.path.split_first() {
                Some((Seg::Key(k), rest)) if k == "Properties" => Some((rest, d.expression)),
                _ => None,
            })
            .collect();
        let checks = schema
            .always
            .iter()
            .map(|p| (p, false))
            .chain(schema.conditional.iter().map(|p| (p, true)));
        for (path, conditional) in checks {
            let co = parse_create_only(path);
            let mut before = Vec::new();
            let mut after = Vec::new();
            values_at(old_props, &co, &mut before);
            values_at(new_props, &co, &mut after);
            if before == after {
                continue;
            }
            // Which differences touch the create-only path: all of them expressions makes a
            // possible replacement, one literal change a certain one.
            let literal = property_diffs
                .iter()
                .any(|(path, expression)| !expression && compatible(path, &co));
            let found = if conditional || !literal {
                Replacement::May
            } else {
                Replacement::Will
            };
            replacement = replacement.max(found);
            if let Some(head) = co.first().and_then(CoSeg::key) {
                causes.insert(head.to_owned());
            }
        }
    }
    let changed_paths: BTreeSet<String> =
        differences.iter().map(|d| render_path(&d.path)).collect();
    let changed_properties: BTreeSet<String> = differences.iter().map(|d| head(&d.path)).collect();
    Some(ResourceDiff {
        logical_id: id.to_owned(),
        resource_type,
        kind: DiffKind::Modified,
        changed_paths: changed_paths.into_iter().collect(),
        changed_properties: changed_properties.into_iter().collect(),
        replacement,
        replacement_causes: causes.into_iter().collect(),
        replaced_references: Vec::new(),
        retained: false,
    })
}

/// Follows replacements through references: a resource whose create-only property refers to
/// a replaced resource may be replaced too; one whose other properties do is updated.
fn propagate(
    old_resources: &Map<String, Value>,
    new_resources: &Map<String, Value>,
    entry: &StackEntry,
    resources: &mut BTreeMap<String, ResourceDiff>,
) {
    // Resources in both templates with the same type: the only ones that can be updated.
    let kept: Vec<(&String, &Value)> = new_resources
        .iter()
        .filter(|(id, new)| {
            old_resources
                .get(*id)
                .is_some_and(|old| type_of(old) == type_of(new))
        })
        .collect();
    let mut replaced: BTreeMap<String, Replacement> = resources
        .values()
        .filter(|d| d.kind == DiffKind::Modified && d.replacement > Replacement::Never)
        .map(|d| (d.logical_id.clone(), d.replacement))
        .collect();
    if replaced.is_empty() {
        return;
    }
    // Per resource: the properties that refer to replaced resources, and to which.
    type Refs = BTreeMap<String, BTreeSet<String>>;
    let referring = |replaced: &BTreeMap<String, Replacement>, id: &str, new: &Value| -> Refs {
        let mut out = Refs::new();
        let Some(props) = new.get("Properties").and_then(Value::as_object) else {
            return out;
        };
        for (name, value) in props {
            let mut refs = BTreeSet::new();
            refs_in(value, &mut refs);
            let hits: BTreeSet<String> = refs
                .into_iter()
                .filter(|r| r != id && replaced.contains_key(r))
                .collect();
            if !hits.is_empty() {
                out.insert(name.clone(), hits);
            }
        }
        out
    };
    // Until nothing more may be replaced (each round adds at least one resource, so this
    // ends after at most one round per resource).
    loop {
        let mut grew = false;
        for (id, new) in &kept {
            if replaced.contains_key(id.as_str()) {
                continue;
            }
            let schema = Schema::of(entry, id, type_of(new));
            let refs = referring(&replaced, id, new);
            if refs.keys().any(|p| schema.is_create_only_head(p)) {
                replaced.insert((*id).clone(), Replacement::May);
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    for (id, new) in &kept {
        let refs = referring(&replaced, id, new);
        if refs.is_empty() {
            continue;
        }
        let resource_type = type_of(new).to_owned();
        let schema = Schema::of(entry, id, &resource_type);
        let diff = resources
            .entry((*id).clone())
            .or_insert_with(|| ResourceDiff {
                logical_id: (*id).clone(),
                resource_type,
                kind: DiffKind::Modified,
                changed_paths: Vec::new(),
                changed_properties: Vec::new(),
                replacement: Replacement::Never,
                replacement_causes: Vec::new(),
                replaced_references: Vec::new(),
                retained: false,
            });
        let mut paths: BTreeSet<String> = diff.changed_paths.iter().cloned().collect();
        let mut properties: BTreeSet<String> = diff.changed_properties.iter().cloned().collect();
        let mut causes: BTreeSet<String> = diff.replacement_causes.iter().cloned().collect();
        let mut referenced: BTreeSet<String> = diff.replaced_references.iter().cloned().collect();
        for (property, hits) in refs {
            let path = render_path(&[Seg::Key("Properties".into()), Seg::Key(property.clone())]);
            if !paths.iter().any(|p| is_path_prefix(&path, p)) {
                paths.insert(path);
            }
            if schema.is_create_only_head(&property) {
                diff.replacement = diff.replacement.max(Replacement::May);
                causes.insert(property.clone());
            }
            properties.insert(property);
            referenced.extend(hits);
        }
        diff.changed_paths = paths.into_iter().collect();
        diff.changed_properties = properties.into_iter().collect();
        diff.replacement_causes = causes.into_iter().collect();
        diff.replaced_references = referenced.into_iter().collect();
    }
}

/// Whether rendered path `prefix` is `path` or one of its ancestors.
fn is_path_prefix(prefix: &str, path: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// The other sections, entry by entry, and the exports that disappear.
fn section_changes(
    deployed: Option<&Value>,
    new: &Value,
    warnings: &mut Vec<DiffWarning>,
) -> Vec<SectionChange> {
    let empty = Map::new();
    let mut out = Vec::new();

    if let (Some(old), Some(new)) = (deployed.and_then(Value::as_object), new.as_object()) {
        let handled =
            |k: &str| k == "Resources" || Section::ENTRIES.iter().any(|s| s.key() == Some(k));
        for key in sorted_keys(old, new).into_iter().filter(|k| !handled(k)) {
            if let Some(kind) = kind_of(old.get(key), new.get(key)) {
                out.push(SectionChange {
                    section: Section::TopLevel,
                    name: key.clone(),
                    kind,
                    export: None,
                });
            }
        }
    }

    for section in Section::ENTRIES {
        let key = section.key().unwrap_or_default();
        let (old, new) = (
            section_of(deployed, key, &empty),
            section_of(Some(new), key, &empty),
        );
        for name in sorted_keys(old, new) {
            let Some(kind) = kind_of(old.get(name), new.get(name)) else {
                continue;
            };
            let mut export = None;
            if section == Section::Outputs {
                let before = old.get(name).and_then(export_of);
                let after = new.get(name).and_then(export_of);
                if before != after {
                    if let Some(ExportName::Literal(gone)) = &before {
                        warnings.push(DiffWarning::ExportRemoved {
                            output: name.clone(),
                            export: gone.clone(),
                        });
                    }
                    export = Some(ExportChange { before, after });
                }
            }
            out.push(SectionChange {
                section,
                name: name.clone(),
                kind,
                export,
            });
        }
    }
    out
}

fn section_of<'a>(
    template: Option<&'a Value>,
    key: &str,
    empty: &'a Map<String, Value>,
) -> &'a Map<String, Value> {
    template
        .and_then(|t| t.get(key))
        .and_then(Value::as_object)
        .unwrap_or(empty)
}

fn kind_of(old: Option<&Value>, new: Option<&Value>) -> Option<DiffKind> {
    match (old, new) {
        (None, Some(_)) => Some(DiffKind::Added),
        (Some(_), None) => Some(DiffKind::Removed),
        (Some(a), Some(b)) if a != b => Some(DiffKind::Modified),
        _ => None,
    }
}

fn export_of(output: &Value) -> Option<ExportName> {
    match output.get("Export")?.get("Name")? {
        Value::String(name) => Some(ExportName::Literal(name.clone())),
        Value::Null => None,
        other => Some(ExportName::Expression(other.clone())),
    }
}

// ---------------------------------------------------------------------------------------------
// Paths and values
// ---------------------------------------------------------------------------------------------

/// A step of a path inside a template value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// A place where two values differ.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Difference {
    path: Vec<Seg>,
    /// One side at this place is an intrinsic function: only CloudFormation knows whether
    /// the values really differ.
    expression: bool,
}

/// `Ref`, or a function `Fn::...`: an object with that single key.
fn is_intrinsic(v: &Value) -> bool {
    match v {
        Value::Object(map) if map.len() == 1 => map
            .keys()
            .next()
            .is_some_and(|k| k == "Ref" || k.starts_with("Fn::")),
        _ => false,
    }
}

/// The differences between two resources: `Properties` missing counts as empty.
fn diff_resource(old: &Value, new: &Value) -> Vec<Difference> {
    let empty_map = Map::new();
    let empty = Value::Object(Map::new());
    let old = old.as_object().unwrap_or(&empty_map);
    let new = new.as_object().unwrap_or(&empty_map);
    let mut out = Vec::new();
    let mut path = Vec::new();
    for key in sorted_keys(old, new) {
        path.push(Seg::Key(key.clone()));
        let (a, b) = if key == "Properties" {
            (
                Some(old.get(key).unwrap_or(&empty)),
                Some(new.get(key).unwrap_or(&empty)),
            )
        } else {
            (old.get(key), new.get(key))
        };
        diff_values(a, b, &mut path, &mut out);
        path.pop();
    }
    out
}

fn diff_values(
    old: Option<&Value>,
    new: Option<&Value>,
    path: &mut Vec<Seg>,
    out: &mut Vec<Difference>,
) {
    match (old, new) {
        (None, None) => {}
        (Some(a), Some(b)) if a == b => {}
        (Some(a), Some(b)) if !is_intrinsic(a) && !is_intrinsic(b) => match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for key in sorted_keys(x, y) {
                    path.push(Seg::Key(key.clone()));
                    diff_values(x.get(key), y.get(key), path, out);
                    path.pop();
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                for i in 0..x.len().max(y.len()) {
                    path.push(Seg::Index(i));
                    diff_values(x.get(i), y.get(i), path, out);
                    path.pop();
                }
            }
            _ => out.push(Difference {
                path: path.clone(),
                expression: false,
            }),
        },
        (a, b) => out.push(Difference {
            path: path.clone(),
            expression: a.is_some_and(is_intrinsic) || b.is_some_and(is_intrinsic),
        }),
    }
}

/// `Properties.ContainerDefinitions[0].Image`; keys with other characters than letters,
/// digits and `_-:@/` are quoted: `Options["a.b"]`.
fn render_path(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if is_plain_key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Key(k) => {
                let _ = write!(s, "[{}]", Value::String(k.clone()));
            }
            Seg::Index(i) => {
                let _ = write!(s, "[{i}]");
            }
        }
    }
    s
}

fn is_plain_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '@' | '/'))
}

/// The changed property of a path: the name after `Properties`, else the first key.
fn head(path: &[Seg]) -> String {
    match path {
        [Seg::Key(p), Seg::Key(name), ..] if p == "Properties" => name.clone(),
        [Seg::Key(first), ..] => first.clone(),
        _ => render_path(path),
    }
}

/// A step of a create-only path: a property name or `*` (any array item).
#[derive(Debug, Clone, PartialEq, Eq)]
enum CoSeg {
    Key(String),
    Any,
}

impl CoSeg {
    fn key(&self) -> Option<&str> {
        match self {
            CoSeg::Key(k) => Some(k),
            CoSeg::Any => None,
        }
    }
}

/// `RootDirectory.CreationInfo.OwnerGid`, `Foo.*.Bar` (the generator's form).
fn parse_create_only(path: &str) -> Vec<CoSeg> {
    path.split('.')
        .map(|s| {
            if s == "*" {
                CoSeg::Any
            } else {
                CoSeg::Key(s.to_owned())
            }
        })
        .collect()
}

/// Whether a difference at `path` (inside `Properties`) can touch create-only path `co`: one
/// is a prefix of the other, `*` matching any step and an array index below a named step
/// standing for every item.
fn compatible(path: &[Seg], co: &[CoSeg]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < path.len() && j < co.len() {
        match (&path[i], &co[j]) {
            (_, CoSeg::Any) => {
                i += 1;
                j += 1;
            }
            (Seg::Index(_), CoSeg::Key(_)) => i += 1,
            (Seg::Key(a), CoSeg::Key(b)) => {
                if a != b {
                    return false;
                }
                i += 1;
                j += 1;
            }
        }
    }
    true
}

/// The values at create-only path `co`; an expression met on the way stands for what it
/// would resolve to.
fn values_at<'a>(value: &'a Value, co: &[CoSeg], out: &mut Vec<&'a Value>) {
    let Some((first, rest)) = co.split_first() else {
        out.push(value);
        return;
    };
    if is_intrinsic(value) {
        out.push(value);
        return;
    }
    match (value, first) {
        (Value::Array(items), CoSeg::Any) => items.iter().for_each(|v| values_at(v, rest, out)),
        (Value::Array(items), CoSeg::Key(_)) => items.iter().for_each(|v| values_at(v, co, out)),
        (Value::Object(map), CoSeg::Any) => {
            let keys: BTreeSet<&String> = map.keys().collect();
            for key in keys {
                if let Some(v) = map.get(key) {
                    values_at(v, rest, out);
                }
            }
        }
        (Value::Object(map), CoSeg::Key(k)) => {
            if let Some(v) = map.get(k) {
                values_at(v, rest, out);
            }
        }
        _ => {}
    }
}

/// The logical ids a value refers to with `Ref`, `Fn::GetAtt` and `Fn::Sub` (parameters and
/// pseudo parameters included; callers keep the resources).
fn refs_in(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| refs_in(v, out)),
        Value::Object(map) => {
            if map.len() == 1 {
                if let Some(Value::String(id)) = map.get("Ref") {
                    out.insert(id.clone());
                    return;
                }
                if let Some(att) = map.get("Fn::GetAtt") {
                    match att {
                        Value::Array(parts) => {
                            if let Some(Value::String(id)) = parts.first() {
                                out.insert(id.clone());
                            }
                            parts.iter().skip(1).for_each(|v| refs_in(v, out));
                        }
                        Value::String(s) => {
                            out.insert(s.split('.').next().unwrap_or(s).to_owned());
                        }
                        _ => {}
                    }
                    return;
                }
                if let Some(sub) = map.get("Fn::Sub") {
                    let (text, vars) = match sub {
                        Value::String(s) => (Some(s.as_str()), None),
                        Value::Array(parts) => (
                            parts.first().and_then(Value::as_str),
                            parts.get(1).and_then(Value::as_object),
                        ),
                        _ => (None, None),
                    };
                    if let Some(text) = text {
                        for name in sub_names(text) {
                            if vars.is_none_or(|v| !v.contains_key(name)) {
                                out.insert(name.split('.').next().unwrap_or(name).to_owned());
                            }
                        }
                    }
                    if let Some(vars) = vars {
                        vars.values().for_each(|v| refs_in(v, out));
                    }
                    return;
                }
            }
            map.values().for_each(|v| refs_in(v, out));
        }
        _ => {}
    }
}

/// The names of `${Name}` and `${Name.Attr}` in an `Fn::Sub` string (`${!Literal}` skipped).
fn sub_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.starts_with('!') && !name.is_empty() {
            names.push(name.trim());
        }
        rest = &after[end + 1..];
    }
    names
}

/// What a type's schema says about replacement.
struct Schema {
    /// Create-only property paths.
    always: Vec<String>,
    /// Conditionally create-only property paths.
    conditional: Vec<String>,
}

impl Schema {
    /// From the manifest entry, or the registry for a resource the entry has no create-only
    /// property for (conditionally create-only ones always come from the registry).
    fn of(entry: &StackEntry, id: &str, type_name: &str) -> Schema {
        let known = registry::lookup(type_name);
        let always = entry
            .resources
            .get(id)
            .filter(|r| r.type_name == type_name && !r.create_only_properties.is_empty())
            .map(|r| r.create_only_properties.clone())
            .or_else(|| {
                known.map(|t| {
                    t.create_only_properties
                        .iter()
                        .map(|s| (*s).to_owned())
                        .collect()
                })
            })
            .unwrap_or_default();
        let conditional = known
            .map(|t| {
                t.conditional_create_only_properties
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect()
            })
            .unwrap_or_default();
        Schema {
            always,
            conditional,
        }
    }

    /// Whether a top-level property is, or holds, a create-only or conditionally create-only
    /// property.
    fn is_create_only_head(&self, property: &str) -> bool {
        self.always
            .iter()
            .chain(&self.conditional)
            .any(|p| p.split('.').next() == Some(property))
    }

    /// The create-only properties that give the resource its own custom name: `Name`, or
    /// `<X>Name` where `<X>` ends the type's last segment (`ClusterName` of `Cluster`,
    /// `GroupName` of `SecurityGroup`, `LogGroupName` of `LogGroup`). Names of other things
    /// (`SourceSecurityGroupName`, `AvailabilityZoneName`, `ClusterName` of a capacity
    /// provider) do not count.
    fn name_properties<'a>(&'a self, type_name: &str) -> Vec<&'a str> {
        let last = type_name.rsplit("::").next().unwrap_or(type_name);
        self.always
            .iter()
            .map(String::as_str)
            .filter(|p| is_own_name(last, p))
            .collect()
    }
}

fn is_own_name(type_last_segment: &str, property: &str) -> bool {
    if property.contains('.') {
        return false;
    }
    property.strip_suffix("Name").is_some_and(|prefix| {
        prefix.is_empty()
            || (prefix.starts_with(|c: char| c.is_ascii_uppercase())
                && type_last_segment.ends_with(prefix))
    })
}

// ---------------------------------------------------------------------------------------------
// Change sets
// ---------------------------------------------------------------------------------------------

/// What a change set does to a resource (`ResourceChange.Action` of `DescribeChangeSet`).
///
/// ```
/// use ecs_dsl::deploy::diff::Action;
/// assert_eq!(Action::parse("Modify"), Action::Modify);
/// assert_eq!(Action::parse("SyncWithActual"), Action::Other("SyncWithActual".into()));
/// assert_eq!(Action::Modify.as_str(), "Modify");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Action {
    /// `Add`: the resource is created.
    Add,
    /// `Modify`: the resource is updated or replaced.
    Modify,
    /// `Remove`: the resource is deleted.
    Remove,
    /// `Import`: an existing resource is imported.
    Import,
    /// `Dynamic`: decided while the change set executes.
    Dynamic,
    /// An action this release does not know, as CloudFormation wrote it.
    Other(String),
}

impl Action {
    /// The action for the API's text; unknown text becomes [`Action::Other`].
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::Action;
    /// assert_eq!(Action::parse("Remove"), Action::Remove);
    /// ```
    pub fn parse(text: &str) -> Action {
        match text {
            "Add" => Action::Add,
            "Modify" => Action::Modify,
            "Remove" => Action::Remove,
            "Import" => Action::Import,
            "Dynamic" => Action::Dynamic,
            other => Action::Other(other.to_owned()),
        }
    }

    /// The API's text.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::Action;
    /// assert_eq!(Action::Dynamic.as_str(), "Dynamic");
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            Action::Add => "Add",
            Action::Modify => "Modify",
            Action::Remove => "Remove",
            Action::Import => "Import",
            Action::Dynamic => "Dynamic",
            Action::Other(text) => text,
        }
    }
}

/// Whether a modified resource is replaced (`ResourceChange.Replacement`). Ordered by
/// severity: `False < Conditional < True`.
///
/// ```
/// use ecs_dsl::deploy::diff::ReplacementKind;
/// assert_eq!(ReplacementKind::parse("True"), ReplacementKind::True);
/// assert_eq!(ReplacementKind::parse("Later"), ReplacementKind::Conditional);
/// assert!(ReplacementKind::False < ReplacementKind::Conditional);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReplacementKind {
    /// `False`: updated in place.
    False,
    /// `Conditional`: replaced or not depending on values known at execution.
    Conditional,
    /// `True`: replaced.
    True,
}

impl ReplacementKind {
    /// The kind for the API's text; unknown text is taken as `Conditional` (the careful
    /// reading).
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::ReplacementKind;
    /// assert_eq!(ReplacementKind::parse("False"), ReplacementKind::False);
    /// ```
    pub fn parse(text: &str) -> ReplacementKind {
        match text {
            "True" => ReplacementKind::True,
            "False" => ReplacementKind::False,
            _ => ReplacementKind::Conditional,
        }
    }

    /// The API's text.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::ReplacementKind;
    /// assert_eq!(ReplacementKind::Conditional.as_str(), "Conditional");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ReplacementKind::True => "True",
            ReplacementKind::Conditional => "Conditional",
            ReplacementKind::False => "False",
        }
    }
}

/// Whether changing one property re-creates the resource
/// (`ResourceChangeDetail.Target.RequiresRecreation`). Ordered by severity.
///
/// ```
/// use ecs_dsl::deploy::diff::RequiresRecreation;
/// assert_eq!(RequiresRecreation::parse("Always"), RequiresRecreation::Always);
/// assert_eq!(RequiresRecreation::parse("?"), RequiresRecreation::Conditionally);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RequiresRecreation {
    /// `Never`.
    Never,
    /// `Conditionally`.
    Conditionally,
    /// `Always`.
    Always,
}

impl RequiresRecreation {
    /// The value for the API's text; unknown text is taken as `Conditionally`.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::RequiresRecreation;
    /// assert_eq!(RequiresRecreation::parse("Never"), RequiresRecreation::Never);
    /// ```
    pub fn parse(text: &str) -> RequiresRecreation {
        match text {
            "Never" => RequiresRecreation::Never,
            "Always" => RequiresRecreation::Always,
            _ => RequiresRecreation::Conditionally,
        }
    }

    /// The replacement this alone implies: `Always` is `True`, `Conditionally` is
    /// `Conditional`, `Never` none.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::{ReplacementKind, RequiresRecreation};
    /// assert_eq!(RequiresRecreation::Always.replacement(), Some(ReplacementKind::True));
    /// assert_eq!(RequiresRecreation::Never.replacement(), None);
    /// ```
    pub fn replacement(self) -> Option<ReplacementKind> {
        match self {
            RequiresRecreation::Never => None,
            RequiresRecreation::Conditionally => Some(ReplacementKind::Conditional),
            RequiresRecreation::Always => Some(ReplacementKind::True),
        }
    }
}

/// One changed property of a resource change (`ResourceChangeDetail`).
///
/// ```
/// use ecs_dsl::deploy::diff::{ChangedProperty, RequiresRecreation};
/// let p = ChangedProperty::new("TaskDefinition", RequiresRecreation::Never).caused_by("Task");
/// assert_eq!(p.causing_entity.as_deref(), Some("Task"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedProperty {
    /// The top-level property (`Target.Name`), or the attribute when there is no name
    /// (`Target.Attribute`: `Tags`, `Metadata`, `DeletionPolicy`...).
    pub name: String,
    /// Whether this change re-creates the resource.
    pub requires_recreation: RequiresRecreation,
    /// What caused the change when it is not the template text (`CausingEntity`): a
    /// resource (`Task`), an attribute (`Task.Arn`) or a parameter.
    pub causing_entity: Option<String>,
}

impl ChangedProperty {
    /// A changed property with no causing entity.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::{ChangedProperty, RequiresRecreation};
    /// let p = ChangedProperty::new("DesiredCount", RequiresRecreation::Never);
    /// assert_eq!(p.name, "DesiredCount");
    /// ```
    pub fn new(name: impl Into<String>, requires_recreation: RequiresRecreation) -> Self {
        ChangedProperty {
            name: name.into(),
            requires_recreation,
            causing_entity: None,
        }
    }

    /// The same, caused by `entity`.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::{ChangedProperty, RequiresRecreation};
    /// let p = ChangedProperty::new("Cluster", RequiresRecreation::Always).caused_by("Cluster.Arn");
    /// assert_eq!(p.causing_entity.as_deref(), Some("Cluster.Arn"));
    /// ```
    pub fn caused_by(mut self, entity: impl Into<String>) -> Self {
        self.causing_entity = Some(entity.into());
        self
    }
}

/// One resource of a change set (`ResourceChange` of `DescribeChangeSet`), filled by the SDK
/// layer.
///
/// ```
/// use ecs_dsl::deploy::diff::{Action, ChangedProperty, ReplacementKind, RequiresRecreation, ResourceChange};
/// let change = ResourceChange::new("Web", "AWS::ECS::Service", Action::Modify)
///     .replacement(ReplacementKind::False)
///     .detail(ChangedProperty::new("DesiredCount", RequiresRecreation::Never));
/// assert_eq!(change.details.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceChange {
    /// The logical id.
    pub logical_id: String,
    /// The type.
    pub resource_type: String,
    /// What happens to it.
    pub action: Action,
    /// For `Modify`: whether it is replaced.
    pub replacement: Option<ReplacementKind>,
    /// For `Modify`: what changes.
    pub details: Vec<ChangedProperty>,
}

impl ResourceChange {
    /// A change with no replacement and no details.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::{Action, ResourceChange};
    /// let c = ResourceChange::new("Logs", "AWS::Logs::LogGroup", Action::Add);
    /// assert_eq!(c.replacement, None);
    /// ```
    pub fn new(
        logical_id: impl Into<String>,
        resource_type: impl Into<String>,
        action: Action,
    ) -> Self {
        ResourceChange {
            logical_id: logical_id.into(),
            resource_type: resource_type.into(),
            action,
            replacement: None,
            details: Vec::new(),
        }
    }

    /// The same with this replacement.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::{Action, ReplacementKind, ResourceChange};
    /// let c = ResourceChange::new("T", "AWS::ECS::TaskDefinition", Action::Modify)
    ///     .replacement(ReplacementKind::True);
    /// assert_eq!(c.replacement, Some(ReplacementKind::True));
    /// ```
    pub fn replacement(mut self, replacement: ReplacementKind) -> Self {
        self.replacement = Some(replacement);
        self
    }

    /// The same with one more changed property.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::{Action, ChangedProperty, RequiresRecreation, ResourceChange};
    /// let c = ResourceChange::new("W", "AWS::ECS::Service", Action::Modify)
    ///     .detail(ChangedProperty::new("DesiredCount", RequiresRecreation::Never));
    /// assert_eq!(c.details[0].name, "DesiredCount");
    /// ```
    pub fn detail(mut self, detail: ChangedProperty) -> Self {
        self.details.push(detail);
        self
    }
}

/// A resource change with the replacement checked against the manifest, from [`annotate`].
///
/// ```
/// use ecs_dsl::deploy::diff::{Action, ReplacementKind, ResourceChange, annotate};
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::prelude::*;
/// let mut app = App::new();
/// app.stack("s")?.add("Logs", ecs_dsl::cfn::logs::LogGroup::new())?;
/// let assembly = app.synthesize()?;
/// let entry = Manifest::from_assembly(&assembly)?.stack("s").unwrap().clone();
/// let template = assembly.stack("s").unwrap().template_json();
///
/// let changes = [ResourceChange::new("Logs", "AWS::Logs::LogGroup", Action::Add)];
/// let annotated = annotate(&changes, &entry, &template);
/// assert_eq!(annotated[0].replacement, None);
/// assert_eq!(annotated[0].to_string(), "+ Logs  AWS::Logs::LogGroup");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AnnotatedChange {
    /// The change as CloudFormation reported it.
    pub change: ResourceChange,
    /// The replacement to show: the reported one, raised to the most severe
    /// `RequiresRecreation` of the details, and to at least `Conditional` when a changed
    /// property is create-only (or conditionally create-only) for its type.
    pub replacement: Option<ReplacementKind>,
    /// The changed properties that are create-only for the type, sorted.
    pub create_only_changes: Vec<String>,
    /// What is likely to make the deploy fail.
    pub warnings: Vec<DiffWarning>,
}

impl fmt::Display for AnnotatedChange {
    /// One line: `! Task  AWS::ECS::TaskDefinition  REPLACE (ContainerDefinitions)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.change;
        let replaced = matches!(
            self.replacement,
            Some(ReplacementKind::True | ReplacementKind::Conditional)
        );
        let (symbol, label) = match &c.action {
            Action::Add => ('+', None),
            Action::Remove => ('-', None),
            Action::Modify if replaced => ('!', None),
            Action::Modify => ('~', None),
            Action::Import => ('>', Some("IMPORT")),
            Action::Dynamic => ('?', Some("DYNAMIC")),
            Action::Other(text) => ('?', Some(text.as_str())),
        };
        write!(f, "{symbol} {}  {}", c.logical_id, c.resource_type)?;
        if let Some(label) = label {
            write!(f, "  {label}")?;
        }
        if c.action == Action::Modify {
            match self.replacement {
                Some(ReplacementKind::True) => f.write_str("  REPLACE")?,
                Some(ReplacementKind::Conditional) => f.write_str("  MAY REPLACE")?,
                _ => {}
            }
        }
        let details: BTreeSet<String> = c
            .details
            .iter()
            .map(|d| match &d.causing_entity {
                Some(entity) => format!("{} via {entity}", d.name),
                None => d.name.clone(),
            })
            .collect();
        if !details.is_empty() {
            let details: Vec<String> = details.into_iter().collect();
            let gap = if c.action == Action::Modify && replaced {
                " "
            } else {
                "  "
            };
            write!(f, "{gap}({})", details.join(", "))?;
        }
        Ok(())
    }
}

/// Annotates the resource changes of a change set: raises the replacement when a changed
/// property is create-only for the type according to the manifest `entry` (the L1
/// generator's data, or the registry for a resource the entry has none for; conditionally
/// create-only ones from the registry), and warns about custom-named resources that would be
/// replaced. `template` is the new template (the one the change set was made from): it says
/// whether the name property is set. The result is sorted by logical id.
///
/// A named resource is warned about when its change is a `Modify` replaced `True` or
/// `Conditional` (after raising), its name property is set in the template, and the name
/// property itself is not among the changed properties (a new name makes the replacement
/// possible).
///
/// ```
/// use ecs_dsl::deploy::diff::{Action, ChangedProperty, DiffWarning, ReplacementKind, RequiresRecreation, ResourceChange, annotate};
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::prelude::*;
///
/// let mut app = App::new();
/// app.stack("s")?.add(
///     "Logs",
///     ecs_dsl::cfn::logs::LogGroup::new().log_group_name("web").kms_key_id("arn:aws:kms:eu-west-1:111122223333:key/k"),
/// )?;
/// let assembly = app.synthesize()?;
/// let entry = Manifest::from_assembly(&assembly)?.stack("s").unwrap().clone();
/// let template = assembly.stack("s").unwrap().template_json();
///
/// // CloudFormation says "no replacement"; the manifest says LogGroupName is create-only.
/// let changes = [ResourceChange::new("Logs", "AWS::Logs::LogGroup", Action::Modify)
///     .replacement(ReplacementKind::False)
///     .detail(ChangedProperty::new("LogGroupName", RequiresRecreation::Never))];
/// let annotated = annotate(&changes, &entry, &template);
/// assert_eq!(annotated[0].replacement, Some(ReplacementKind::Conditional));
/// assert_eq!(annotated[0].create_only_changes, ["LogGroupName"]);
/// assert!(annotated[0].warnings.is_empty()); // the name itself changes
///
/// let changes = [ResourceChange::new("Logs", "AWS::Logs::LogGroup", Action::Modify)
///     .replacement(ReplacementKind::True)
///     .detail(ChangedProperty::new("KmsKeyId", RequiresRecreation::Always))];
/// let annotated = annotate(&changes, &entry, &template);
/// assert!(matches!(&annotated[0].warnings[0], DiffWarning::ReplaceNamedResource { property, .. } if property == "LogGroupName"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn annotate(
    changes: &[ResourceChange],
    entry: &StackEntry,
    template: &Value,
) -> Vec<AnnotatedChange> {
    let mut out: Vec<AnnotatedChange> = changes
        .iter()
        .map(|change| annotate_one(change, entry, template))
        .collect();
    out.sort_by(|a, b| a.change.logical_id.cmp(&b.change.logical_id));
    out
}

fn annotate_one(change: &ResourceChange, entry: &StackEntry, template: &Value) -> AnnotatedChange {
    let mut replacement = change.replacement;
    let mut create_only = BTreeSet::new();
    let mut warnings = Vec::new();
    if change.action == Action::Modify {
        let schema = Schema::of(entry, &change.logical_id, &change.resource_type);
        for detail in &change.details {
            replacement = replacement.max(detail.requires_recreation.replacement());
            if schema.is_create_only_head(&detail.name) {
                create_only.insert(detail.name.clone());
            }
        }
        if !create_only.is_empty() {
            replacement = replacement.max(Some(ReplacementKind::Conditional));
        }
        let level = match replacement {
            Some(ReplacementKind::True) => Some(Replacement::Will),
            Some(ReplacementKind::Conditional) => Some(Replacement::May),
            _ => None,
        };
        if let Some(level) = level {
            let resource = template
                .get("Resources")
                .and_then(|r| r.get(&change.logical_id));
            for property in schema.name_properties(&change.resource_type) {
                let set = resource.and_then(|r| property_of(r, property)).is_some();
                let renamed = change.details.iter().any(|d| d.name == property);
                if set && !renamed {
                    warnings.push(DiffWarning::ReplaceNamedResource {
                        logical_id: change.logical_id.clone(),
                        resource_type: change.resource_type.clone(),
                        property: property.to_owned(),
                        replacement: level,
                    });
                }
            }
        }
    }
    AnnotatedChange {
        change: change.clone(),
        replacement,
        create_only_changes: create_only.into_iter().collect(),
        warnings,
    }
}

/// Renders annotated changes: one line per resource, then the warnings; `"no changes"` when
/// there is none.
///
/// ```
/// use ecs_dsl::deploy::diff::{Action, ChangeList, ChangedProperty, ReplacementKind, RequiresRecreation, ResourceChange, annotate};
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::prelude::*;
/// let mut app = App::new();
/// app.stack("s")?;
/// let assembly = app.synthesize()?;
/// let entry = Manifest::from_assembly(&assembly)?.stack("s").unwrap().clone();
/// let template = assembly.stack("s").unwrap().template_json();
///
/// let changes = [
///     ResourceChange::new("Web", "AWS::ECS::Service", Action::Modify)
///         .replacement(ReplacementKind::False)
///         .detail(ChangedProperty::new("DesiredCount", RequiresRecreation::Never)),
///     ResourceChange::new("Old", "AWS::Logs::LogGroup", Action::Remove),
/// ];
/// let annotated = annotate(&changes, &entry, &template);
/// assert_eq!(
///     ChangeList(&annotated).to_string(),
///     "- Old  AWS::Logs::LogGroup\n~ Web  AWS::ECS::Service  (DesiredCount)\n"
/// );
/// assert_eq!(ChangeList(&[]).to_string(), "no changes\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ChangeList<'a>(pub &'a [AnnotatedChange]);

impl ChangeList<'_> {
    /// Whether the change set changes nothing.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::ChangeList;
    /// assert!(ChangeList(&[]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for ChangeList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("no changes\n");
        }
        for change in self.0 {
            writeln!(f, "{change}")?;
        }
        for warning in self.0.iter().flat_map(|c| &c.warnings) {
            writeln!(f, "warning: {warning}")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Approval
// ---------------------------------------------------------------------------------------------

/// When a deploy asks before executing (`--require-approval`), as in the AWS CDK CLI.
///
/// - `never`: never asks.
/// - `broadening` (the default): asks when a change may widen access, see
///   [`is_broadening_type`].
/// - `any-change`: asks whenever anything changes.
///
/// ```
/// use ecs_dsl::deploy::diff::RequireApproval;
/// assert_eq!("any-change".parse::<RequireApproval>()?, RequireApproval::AnyChange);
/// assert_eq!(RequireApproval::default(), RequireApproval::Broadening);
/// assert_eq!(RequireApproval::Never.to_string(), "never");
/// assert!("always".parse::<RequireApproval>().is_err());
/// # Ok::<(), ecs_dsl::deploy::diff::UnknownApproval>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RequireApproval {
    /// `never`.
    Never,
    /// `broadening`.
    #[default]
    Broadening,
    /// `any-change`.
    AnyChange,
}

impl RequireApproval {
    /// The flag's value.
    ///
    /// ```
    /// use ecs_dsl::deploy::diff::RequireApproval;
    /// assert_eq!(RequireApproval::Broadening.as_str(), "broadening");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            RequireApproval::Never => "never",
            RequireApproval::Broadening => "broadening",
            RequireApproval::AnyChange => "any-change",
        }
    }
}

impl fmt::Display for RequireApproval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `--require-approval` value that is not `never`, `broadening` or `any-change`.
///
/// ```
/// use ecs_dsl::deploy::diff::RequireApproval;
/// let err = "sometimes".parse::<RequireApproval>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown approval policy `sometimes`; use never, broadening or any-change");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown approval policy `{0}`; use never, broadening or any-change")]
pub struct UnknownApproval(pub String);

impl FromStr for RequireApproval {
    type Err = UnknownApproval;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "never" => Ok(RequireApproval::Never),
            "broadening" => Ok(RequireApproval::Broadening),
            "any-change" => Ok(RequireApproval::AnyChange),
            other => Err(UnknownApproval(other.to_owned())),
        }
    }
}

/// Whether a resource type is security-sensitive for `--require-approval broadening`:
///
/// - every IAM type (`AWS::IAM::*`: roles with their inline `Policies`,
///   `AssumeRolePolicyDocument` and `ManagedPolicyArns`, policies, managed policies, users,
///   groups, instance profiles...);
/// - security groups and their rules: `AWS::EC2::SecurityGroup`,
///   `AWS::EC2::SecurityGroupIngress`, `AWS::EC2::SecurityGroupEgress`;
/// - `AWS::Lambda::Permission`;
/// - resource policies: `AWS::S3::BucketPolicy`, `AWS::SQS::QueuePolicy`,
///   `AWS::SNS::TopicPolicy`.
///
/// A change to such a resource counts when it adds or modifies it (any property, tags
/// included, and in a diff also a resource whose text is unchanged but that refers to a
/// replaced one); removing one never counts, since it can only narrow access. This follows
/// the AWS CDK CLI's `--require-approval broadening`, coarser: the CDK looks inside policy
/// statements and security group rules for additions, this looks at the resource types.
///
/// ```
/// use ecs_dsl::deploy::diff::is_broadening_type;
/// assert!(is_broadening_type("AWS::IAM::Role"));
/// assert!(is_broadening_type("AWS::EC2::SecurityGroupIngress"));
/// assert!(!is_broadening_type("AWS::ECS::Service"));
/// ```
pub fn is_broadening_type(type_name: &str) -> bool {
    type_name.starts_with("AWS::IAM::")
        || matches!(
            type_name,
            "AWS::EC2::SecurityGroup"
                | "AWS::EC2::SecurityGroupIngress"
                | "AWS::EC2::SecurityGroupEgress"
                | "AWS::Lambda::Permission"
                | "AWS::S3::BucketPolicy"
                | "AWS::SQS::QueuePolicy"
                | "AWS::SNS::TopicPolicy"
        )
}

/// What [`needs_approval`] reads: a [`StackDiff`] or annotated change-set changes.
///
/// ```
/// use ecs_dsl::deploy::diff::{Action, AnnotatedChange, Approvable, ResourceChange, annotate};
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::prelude::*;
/// let mut app = App::new();
/// app.stack("s")?;
/// let assembly = app.synthesize()?;
/// let entry = Manifest::from_assembly(&assembly)?.stack("s").unwrap().clone();
/// let changes = [
///     ResourceChange::new("Role", "AWS::IAM::Role", Action::Add),
///     ResourceChange::new("Sg", "AWS::EC2::SecurityGroup", Action::Remove),
/// ];
/// let annotated: Vec<AnnotatedChange> = annotate(&changes, &entry, &serde_json::json!({}));
/// assert!(annotated.has_changes());
/// assert_eq!(annotated.broadening_changes(), ["Role"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Approvable {
    /// Whether anything changes.
    fn has_changes(&self) -> bool;
    /// The logical ids of the changes that count as broadening (see [`is_broadening_type`]),
    /// sorted.
    fn broadening_changes(&self) -> Vec<&str>;
}

impl Approvable for StackDiff {
    fn has_changes(&self) -> bool {
        !self.is_empty()
    }

    fn broadening_changes(&self) -> Vec<&str> {
        self.resources
            .iter()
            .filter(|r| r.kind != DiffKind::Removed && is_broadening_type(&r.resource_type))
            .map(|r| r.logical_id.as_str())
            .collect()
    }
}

impl Approvable for [AnnotatedChange] {
    fn has_changes(&self) -> bool {
        !self.is_empty()
    }

    fn broadening_changes(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .iter()
            .map(|c| &c.change)
            .filter(|c| c.action != Action::Remove && is_broadening_type(&c.resource_type))
            .map(|c| c.logical_id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

impl Approvable for Vec<AnnotatedChange> {
    fn has_changes(&self) -> bool {
        self.as_slice().has_changes()
    }

    fn broadening_changes(&self) -> Vec<&str> {
        self.as_slice().broadening_changes()
    }
}

impl Approvable for ChangeList<'_> {
    fn has_changes(&self) -> bool {
        self.0.has_changes()
    }

    fn broadening_changes(&self) -> Vec<&str> {
        self.0.broadening_changes()
    }
}

/// Whether a deploy must ask before executing these changes under `policy`: never for
/// `never`; for `broadening` when [`Approvable::broadening_changes`] is not empty; for
/// `any-change` when anything changes.
///
/// ```
/// use ecs_dsl::deploy::diff::{Action, RequireApproval, ResourceChange, annotate, needs_approval};
/// use ecs_dsl::deploy::manifest::Manifest;
/// use ecs_dsl::prelude::*;
/// let mut app = App::new();
/// app.stack("s")?;
/// let assembly = app.synthesize()?;
/// let entry = Manifest::from_assembly(&assembly)?.stack("s").unwrap().clone();
/// let t = serde_json::json!({});
///
/// let role = annotate(&[ResourceChange::new("Role", "AWS::IAM::Role", Action::Add)], &entry, &t);
/// assert!(needs_approval(RequireApproval::Broadening, &role));
/// assert!(!needs_approval(RequireApproval::Never, &role));
///
/// let logs = annotate(&[ResourceChange::new("Logs", "AWS::Logs::LogGroup", Action::Add)], &entry, &t);
/// assert!(!needs_approval(RequireApproval::Broadening, &logs));
/// assert!(needs_approval(RequireApproval::AnyChange, &logs));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn needs_approval<T: Approvable + ?Sized>(policy: RequireApproval, changes: &T) -> bool {
    match policy {
        RequireApproval::Never => false,
        RequireApproval::Broadening => !changes.broadening_changes().is_empty(),
        RequireApproval::AnyChange => changes.has_changes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::manifest::Manifest;
    use crate::ecs::{AwsVpcNetwork, Cluster, Image, Service, TaskDefinition};
    use crate::prelude::{App, Assembly, Output, Parameter};
    use serde_json::json;

    /// What varies between two versions of the ECS app.
    #[derive(Clone)]
    struct Web {
        image: &'static str,
        desired: u32,
        cluster_name: Option<&'static str>,
        service_name: Option<&'static str>,
    }

    const WEB: Web = Web {
        image: "public.ecr.aws/nginx/nginx:1.27",
        desired: 2,
        cluster_name: None,
        service_name: None,
    };

    fn ecs_app(web: &Web) -> Assembly {
        let mut app = App::new();
        let stack = app.stack("web").unwrap();
        let subnets = stack
            .add_parameter("SubnetIds", Parameter::subnet_ids())
            .unwrap();
        let mut cluster = Cluster::builder(&stack, "Cluster");
        if let Some(name) = web.cluster_name {
            cluster = cluster.name(name);
        }
        let cluster = cluster.build().unwrap();
        let task = TaskDefinition::fargate(
            &stack,
            "Task",
            crate::ecs::FargateSize::new(256, 512).unwrap(),
        );
        let container = task
            .new_container("app", Image::parse(web.image).unwrap())
            .port(80)
            .log_to_cloudwatch();
        let task = task.container(container).build().unwrap();
        let mut service = Service::replica(&stack, "Web", &cluster, &task)
            .desired_count(web.desired)
            .network(AwsVpcNetwork::new(subnets.value()));
        if let Some(name) = web.service_name {
            service = service.service_name(name);
        }
        let service = service.build().unwrap();
        stack
            .add_output("ServiceName", Output::new(service.name()))
            .unwrap();
        app.synthesize().unwrap()
    }

    fn template(assembly: &Assembly) -> Value {
        assembly.stack("web").unwrap().template_json()
    }

    fn entry(assembly: &Assembly) -> StackEntry {
        Manifest::from_assembly(assembly)
            .unwrap()
            .stack("web")
            .unwrap()
            .clone()
    }

    /// An entry with no resources: create-only properties then come from the registry.
    fn bare_entry() -> StackEntry {
        let mut app = App::new();
        app.stack("web").unwrap();
        entry(&app.synthesize().unwrap())
    }

    fn resources(value: Value) -> Value {
        json!({ "Resources": value })
    }

    fn diff_of(old: &Value, new: &Value) -> StackDiff {
        diff_templates(Some(old), new, &bare_entry())
    }

    #[test]
    fn new_stack_adds_everything() {
        let a = ecs_app(&WEB);
        let diff = diff_templates(None, &template(&a), &entry(&a));
        assert!(diff.new_stack);
        assert_eq!(diff.stack, "web");
        assert_eq!(
            diff.to_string(),
            "+ Cluster  AWS::ECS::Cluster\n\
             + Task  AWS::ECS::TaskDefinition\n\
             + TaskExecutionRole  AWS::IAM::Role\n\
             + TaskLogs  AWS::Logs::LogGroup\n\
             + Web  AWS::ECS::Service\n\
             + Parameter SubnetIds\n\
             + Output ServiceName\n"
        );
        assert!(diff.warnings.is_empty());
        assert!(
            diff.resources
                .iter()
                .all(|r| r.kind == DiffKind::Added && r.replacement == Replacement::Never)
        );
    }

    #[test]
    fn same_template_is_no_change() {
        let a = ecs_app(&WEB);
        let b = ecs_app(&WEB);
        let diff = diff_templates(Some(&template(&a)), &template(&b), &entry(&b));
        assert!(diff.is_empty());
        assert!(!diff.new_stack);
        assert_eq!(diff.to_string(), "no changes\n");
        assert_eq!(format!("{diff:#}"), "no changes\n");
        assert!(!needs_approval(RequireApproval::AnyChange, &diff));
    }

    #[test]
    fn desired_count_is_an_update_in_place() {
        let old = ecs_app(&WEB);
        let new = ecs_app(&Web { desired: 3, ..WEB });
        let diff = diff_templates(Some(&template(&old)), &template(&new), &entry(&new));
        assert_eq!(
            diff.to_string(),
            "~ Web  AWS::ECS::Service  (DesiredCount)\n"
        );
        let web = diff.resource("Web").unwrap();
        assert_eq!(web.changed_paths, ["Properties.DesiredCount"]);
        assert_eq!(web.replacement, Replacement::Never);
        assert!(web.replacement_causes.is_empty());
    }

    #[test]
    fn image_change_replaces_the_task_definition_and_updates_the_service() {
        let old = ecs_app(&WEB);
        let new = ecs_app(&Web {
            image: "public.ecr.aws/nginx/nginx:1.28",
            ..WEB
        });
        let diff = diff_templates(Some(&template(&old)), &template(&new), &entry(&new));
        let task = diff.resource("Task").unwrap();
        assert_eq!(
            task.changed_paths,
            ["Properties.ContainerDefinitions[0].Image"]
        );
        assert_eq!(task.changed_properties, ["ContainerDefinitions"]);
        assert_eq!(task.replacement, Replacement::Will);
        assert_eq!(task.replacement_causes, ["ContainerDefinitions"]);
        // The service's text is the same, but its TaskDefinition gets the new ARN.
        let web = diff.resource("Web").unwrap();
        assert_eq!(web.kind, DiffKind::Modified);
        assert_eq!(web.changed_paths, ["Properties.TaskDefinition"]);
        assert_eq!(web.replaced_references, ["Task"]);
        assert_eq!(web.replacement, Replacement::Never);
        assert_eq!(
            diff.to_string(),
            "! Task  AWS::ECS::TaskDefinition  REPLACE (ContainerDefinitions)\n\
             ~ Web  AWS::ECS::Service  (TaskDefinition)  refers to replaced Task\n"
        );
        assert_eq!(
            format!("{diff:#}"),
            "! Task  AWS::ECS::TaskDefinition  REPLACE (ContainerDefinitions)\n\
             \x20   Properties.ContainerDefinitions[0].Image\n\
             ~ Web  AWS::ECS::Service  (TaskDefinition)  refers to replaced Task\n\
             \x20   Properties.TaskDefinition\n"
        );
        assert!(diff.warnings.is_empty());
    }

    #[test]
    fn removed_resources_and_retention() {
        let old = resources(json!({
            "Old": {"Type": "AWS::Logs::LogGroup"},
            "Kept": {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Retain"},
            "Same": {"Type": "AWS::SNS::Topic"}
        }));
        let new = resources(json!({"Same": {"Type": "AWS::SNS::Topic"}}));
        let diff = diff_of(&old, &new);
        assert_eq!(
            diff.to_string(),
            "- Kept  AWS::Logs::LogGroup  (retained)\n- Old  AWS::Logs::LogGroup\n"
        );
        assert!(diff.resource("Old").is_some_and(|r| !r.retained));
    }

    #[test]
    fn nested_paths_and_quoted_keys() {
        let old = resources(json!({"T": {"Type": "AWS::X::Y", "Properties": {
            "A": {"B": [1, {"C": "x"}], "D": 1},
            "Options": {"a.b": "1", "plain-key": "1"},
            "List": [1, 2]
        }}}));
        let new = resources(
            json!({"T": {"Type": "AWS::X::Y", "DependsOn": "Q", "Properties": {
                "A": {"B": [1, {"C": "y"}], "E": 2},
                "Options": {"a.b": "2", "plain-key": "2"},
                "List": [1, 2, 3]
            }}}),
        );
        let diff = diff_of(&old, &new);
        let t = diff.resource("T").unwrap();
        assert_eq!(
            t.changed_paths,
            [
                "DependsOn",
                "Properties.A.B[1].C",
                "Properties.A.D",
                "Properties.A.E",
                "Properties.List[2]",
                "Properties.Options.plain-key",
                "Properties.Options[\"a.b\"]",
            ]
        );
        assert_eq!(t.changed_properties, ["A", "DependsOn", "List", "Options"]);
        assert_eq!(t.replacement, Replacement::Never); // an unknown type has no schema
    }

    #[test]
    fn properties_missing_on_one_side_compare_as_empty() {
        let old = resources(json!({"C": {"Type": "AWS::ECS::Cluster"}}));
        let new = resources(json!({"C": {"Type": "AWS::ECS::Cluster", "Properties": {}}}));
        assert!(diff_of(&old, &new).is_empty());
        let named = resources(
            json!({"C": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": "x"}}}),
        );
        let diff = diff_of(&old, &named);
        assert_eq!(
            diff.resource("C").unwrap().changed_paths,
            ["Properties.ClusterName"]
        );
        assert_eq!(diff.resource("C").unwrap().replacement, Replacement::Will);
    }

    #[test]
    fn expressions_on_create_only_properties_may_replace() {
        // Literal to literal: replaced. Literal to expression, expression to expression: maybe.
        let logs = |name: Value| {
            resources(
                json!({"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": name}}}),
            )
        };
        let lit_a = logs(json!("a"));
        let lit_b = logs(json!("b"));
        let sub = logs(json!({"Fn::Sub": "${AWS::StackName}-logs"}));
        let reference = logs(json!({"Ref": "Name"}));
        assert_eq!(
            diff_of(&lit_a, &lit_b).resources[0].replacement,
            Replacement::Will
        );
        let may = diff_of(&lit_a, &sub);
        assert_eq!(may.resources[0].replacement, Replacement::May);
        assert_eq!(may.resources[0].replacement_causes, ["LogGroupName"]);
        assert_eq!(
            may.to_string(),
            "! L  AWS::Logs::LogGroup  MAY REPLACE (LogGroupName)\n"
        );
        assert_eq!(
            diff_of(&sub, &reference).resources[0].replacement,
            Replacement::May
        );

        // An expression inside a create-only property does not hide a literal change next to
        // it: the task definition's awslogs-group is a Ref, its image a literal.
        let task = |image: &str, group: &str| {
            resources(
                json!({"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
                    "ContainerDefinitions": [{
                        "Image": image,
                        "LogConfiguration": {"Options": {"awslogs-group": {"Ref": group}}}
                    }]
                }}}),
            )
        };
        let diff = diff_of(&task("a", "G"), &task("b", "G"));
        assert_eq!(diff.resources[0].replacement, Replacement::Will);
        let diff = diff_of(&task("a", "G"), &task("a", "H"));
        assert_eq!(diff.resources[0].replacement, Replacement::May);
        assert_eq!(
            diff.resources[0].changed_paths,
            ["Properties.ContainerDefinitions[0].LogConfiguration.Options.awslogs-group"]
        );
    }

    #[test]
    fn nested_create_only_paths_are_matched_exactly() {
        // EFS access point: RootDirectory.CreationInfo.OwnerGid is create-only, and so is
        // RootDirectory.Path; the generator's form has dots between segments.
        let ap = |root: Value| {
            resources(
                json!({"A": {"Type": "AWS::EFS::AccessPoint", "Properties": {
                    "FileSystemId": "fs-1", "RootDirectory": root,
                    "AccessPointTags": [{"Key": "k", "Value": "v"}]
                }}}),
            )
        };
        let old = ap(
            json!({"Path": "/a", "CreationInfo": {"OwnerGid": "1", "OwnerUid": "1", "Permissions": "755"}}),
        );
        let new = ap(
            json!({"Path": "/a", "CreationInfo": {"OwnerGid": "2", "OwnerUid": "1", "Permissions": "755"}}),
        );
        let diff = diff_of(&old, &new);
        let a = &diff.resources[0];
        assert_eq!(
            a.changed_paths,
            ["Properties.RootDirectory.CreationInfo.OwnerGid"]
        );
        assert_eq!(a.replacement, Replacement::Will);
        assert_eq!(a.replacement_causes, ["RootDirectory"]);

        // Tags are not create-only.
        let mut tagged = old.clone();
        tagged["Resources"]["A"]["Properties"]["AccessPointTags"][0]["Value"] = json!("w");
        assert_eq!(
            diff_of(&old, &tagged).resources[0].replacement,
            Replacement::Never
        );
    }

    #[test]
    fn type_change_replaces() {
        let old = resources(json!({"R": {"Type": "AWS::SNS::Topic"}}));
        let new = resources(json!({"R": {"Type": "AWS::SQS::Queue"}}));
        let diff = diff_of(&old, &new);
        let r = &diff.resources[0];
        assert_eq!(
            (r.replacement, r.changed_paths.as_slice()),
            (Replacement::Will, &["Type".to_owned()][..])
        );
        assert_eq!(diff.to_string(), "! R  AWS::SQS::Queue  REPLACE (Type)\n");
    }

    #[test]
    fn conditionally_create_only_properties_may_replace() {
        // AWS::ECS::Service LaunchType is conditionally create-only in the registry schema.
        let old = ecs_app(&WEB);
        let new = template(&old);
        let mut deployed = new.clone();
        deployed["Resources"]["Web"]["Properties"]["LaunchType"] = json!("EC2");
        let diff = diff_templates(Some(&deployed), &new, &entry(&old));
        let web = diff.resource("Web").unwrap();
        assert_eq!(web.replacement, Replacement::May);
        assert_eq!(web.replacement_causes, ["LaunchType"]);
    }

    #[test]
    fn renamed_cluster_reaches_the_service_and_its_name() {
        // A cluster that gets a name is replaced (no warning: the new name is free); the
        // service refers to it from a create-only property, so it may be replaced too, and
        // it keeps its custom name: that would fail.
        let old = ecs_app(&Web {
            service_name: Some("web"),
            ..WEB
        });
        let new = ecs_app(&Web {
            cluster_name: Some("main"),
            service_name: Some("web"),
            ..WEB
        });
        let diff = diff_templates(Some(&template(&old)), &template(&new), &entry(&new));
        assert_eq!(
            diff.to_string(),
            "! Cluster  AWS::ECS::Cluster  REPLACE (ClusterName)\n\
             ! Web  AWS::ECS::Service  MAY REPLACE (Cluster)  refers to replaced Cluster\n\
             warning: `Web` (AWS::ECS::Service) may be replaced but keeps its custom name (ServiceName): CloudFormation creates the replacement before it deletes the old resource, so the update fails with \"already exists\"; change ServiceName in the same deploy, or remove it so that CloudFormation generates a name\n"
        );
        assert_eq!(
            diff.warnings,
            [DiffWarning::ReplaceNamedResource {
                logical_id: "Web".into(),
                resource_type: "AWS::ECS::Service".into(),
                property: "ServiceName".into(),
                replacement: Replacement::May,
            }]
        );

        // Without a service name, nothing to warn about.
        let new = ecs_app(&Web {
            cluster_name: Some("main"),
            ..WEB
        });
        let diff = diff_templates(
            Some(&template(&ecs_app(&WEB))),
            &template(&new),
            &entry(&new),
        );
        assert_eq!(diff.resource("Web").unwrap().replacement, Replacement::May);
        assert!(diff.warnings.is_empty());
    }

    #[test]
    fn replaced_named_resource_is_warned_about() {
        let sg = |vpc: &str, name: Option<&str>| {
            let mut props = json!({"GroupDescription": "web", "VpcId": vpc});
            if let Some(name) = name {
                props["GroupName"] = json!(name);
            }
            resources(json!({"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": props}}))
        };
        let diff = diff_of(&sg("vpc-1", Some("web")), &sg("vpc-2", Some("web")));
        assert_eq!(diff.resources[0].replacement, Replacement::Will);
        assert_eq!(
            diff.warnings,
            [DiffWarning::ReplaceNamedResource {
                logical_id: "Sg".into(),
                resource_type: "AWS::EC2::SecurityGroup".into(),
                property: "GroupName".into(),
                replacement: Replacement::Will,
            }]
        );
        assert!(diff.to_string().contains("\nwarning: `Sg` (AWS::EC2::SecurityGroup) will be replaced but keeps its custom name (GroupName)"));
        // A new name with the replacement, or no name: fine.
        assert!(
            diff_of(&sg("vpc-1", Some("web")), &sg("vpc-2", Some("web2")))
                .warnings
                .is_empty()
        );
        assert!(
            diff_of(&sg("vpc-1", None), &sg("vpc-2", None))
                .warnings
                .is_empty()
        );
    }

    #[test]
    fn own_names_only() {
        assert!(is_own_name("Cluster", "ClusterName"));
        assert!(is_own_name("SecurityGroup", "GroupName"));
        assert!(is_own_name("LogGroup", "LogGroupName"));
        assert!(is_own_name("Rule", "Name"));
        assert!(!is_own_name(
            "SecurityGroupIngress",
            "SourceSecurityGroupName"
        ));
        assert!(!is_own_name("SecurityGroupIngress", "GroupName"));
        assert!(!is_own_name("CapacityProvider", "ClusterName"));
        assert!(!is_own_name("FileSystem", "AvailabilityZoneName"));
        assert!(!is_own_name("Bucket", "BucketNamePrefix"));
        assert!(!is_own_name("Cluster", "Foo.ClusterName"));
        assert!(!is_own_name("Cluster", "sterName"));
    }

    #[test]
    fn logical_id_rename_with_the_same_name_is_warned_about() {
        let old = resources(
            json!({"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "web"}}}),
        );
        let new = resources(
            json!({"WebLogs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "web"}}}),
        );
        let diff = diff_of(&old, &new);
        assert_eq!(
            diff.warnings,
            [DiffWarning::NameTakenFromRemoved {
                added: "WebLogs".into(),
                removed: "Logs".into(),
                resource_type: "AWS::Logs::LogGroup".into(),
                property: "LogGroupName".into(),
            }]
        );
        assert!(
            diff.to_string()
                .ends_with("keep the logical id `Logs`, or change LogGroupName\n")
        );
        let other = resources(
            json!({"WebLogs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "web2"}}}),
        );
        assert!(diff_of(&old, &other).warnings.is_empty());
    }

    #[test]
    fn sections_and_exports() {
        let old = json!({
            "Description": "a",
            "Parameters": {"Env": {"Type": "String"}, "Gone": {"Type": "String"}},
            "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
            "Mappings": {"M": {"a": {"b": "c"}}},
            "Outputs": {
                "Vpc": {"Value": "v", "Export": {"Name": "base:Vpc"}},
                "Old": {"Value": "o", "Export": {"Name": "base:Old"}},
                "Same": {"Value": "s"}
            },
            "Resources": {}
        });
        let new = json!({
            "Description": "b",
            "Parameters": {"Env": {"Type": "String", "Default": "dev"}, "New": {"Type": "String"}},
            "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "production"]}},
            "Mappings": {"M": {"a": {"b": "c"}}},
            "Outputs": {
                "Vpc": {"Value": "v", "Export": {"Name": "base:VpcId"}},
                "Same": {"Value": "s"},
                "Sub": {"Value": "x", "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-x"}}}
            },
            "Resources": {}
        });
        let diff = diff_of(&old, &new);
        assert_eq!(
            diff.to_string(),
            "~ Description\n\
             ~ Parameter Env\n\
             - Parameter Gone\n\
             + Parameter New\n\
             ~ Condition Prod\n\
             - Output Old  export base:Old -> (none)\n\
             + Output Sub  export {\"Fn::Sub\":\"${AWS::StackName}-x\"}\n\
             ~ Output Vpc  export base:Vpc -> base:VpcId\n\
             warning: export `base:Old` (output `Old`) is removed: CloudFormation refuses the update while another stack imports it; remove the imports first\n\
             warning: export `base:Vpc` (output `Vpc`) is removed: CloudFormation refuses the update while another stack imports it; remove the imports first\n"
        );
        assert_eq!(diff.section_changes(Section::Parameters).len(), 3);
        assert!(diff.section_changes(Section::Mappings).is_empty());
        assert!(needs_approval(RequireApproval::AnyChange, &diff));
        assert!(!needs_approval(RequireApproval::Broadening, &diff));
    }

    #[test]
    fn sections_are_sorted_by_section_then_name() {
        let diff = diff_of(
            &json!({}),
            &json!({"Outputs": {"B": {}, "A": {}}, "Parameters": {"Z": {}}}),
        );
        let names: Vec<(Section, &str)> = diff
            .sections
            .iter()
            .map(|c| (c.section, c.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                (Section::Parameters, "Z"),
                (Section::Outputs, "A"),
                (Section::Outputs, "B")
            ]
        );
    }

    #[test]
    fn diff_is_deterministic() {
        // Same content, keys inserted in opposite orders.
        let mut forward = Map::new();
        let mut backward = Map::new();
        let ids: Vec<String> = (0..30).map(|i| format!("R{i:02}")).collect();
        for id in &ids {
            forward.insert(
                id.clone(),
                json!({"Type": "AWS::SNS::Topic", "Properties": {"TopicName": id, "B": 1, "A": 1}}),
            );
        }
        for id in ids.iter().rev() {
            backward.insert(
                id.clone(),
                json!({"Type": "AWS::SNS::Topic", "Properties": {"A": 2, "B": 2, "TopicName": id}}),
            );
        }
        let old = resources(Value::Object(forward));
        let new = resources(Value::Object(backward));
        let first = diff_of(&old, &new);
        let second = diff_of(&old, &new);
        assert_eq!(first, second);
        assert_eq!(first.to_string(), second.to_string());
        let order: Vec<&str> = first
            .resources
            .iter()
            .map(|r| r.logical_id.as_str())
            .collect();
        assert_eq!(order, ids.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(
            first.resources[0].changed_paths,
            ["Properties.A", "Properties.B"]
        );
    }

    #[test]
    fn replacement_propagates_through_chains() {
        // A (replaced) <- B.Cluster (create-only ref) <- C.Cluster (create-only ref): both may
        // be replaced; D refers to C from a property that is not create-only: updated.
        let t = |name: &str| {
            resources(json!({
                "A": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": name}},
                "B": {"Type": "AWS::ECS::ClusterCapacityProviderAssociations", "Properties": {"Cluster": {"Ref": "A"}}},
                "C": {"Type": "AWS::ECS::Service", "Properties": {"Cluster": {"Fn::Sub": "${B}"}}},
                "D": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::GetAtt": "C.Name"}}}
            }))
        };
        let diff = diff_of(&t("a"), &t("b"));
        let rep: Vec<(&str, Replacement)> = diff
            .resources
            .iter()
            .map(|r| (r.logical_id.as_str(), r.replacement))
            .collect();
        assert_eq!(
            rep,
            [
                ("A", Replacement::Will),
                ("B", Replacement::May),
                ("C", Replacement::May),
                ("D", Replacement::Never)
            ]
        );
        assert_eq!(diff.resource("D").unwrap().replaced_references, ["C"]);
    }

    #[test]
    fn references_are_found() {
        let mut refs = BTreeSet::new();
        refs_in(
            &json!({
                "a": {"Ref": "A"},
                "b": [{"Fn::GetAtt": ["B", "Arn"]}, {"Fn::GetAtt": "C.Arn"}],
                "c": {"Fn::Sub": "${D}-${E.Arn}-${!Literal}-${AWS::Region}"},
                "d": {"Fn::Sub": ["${F}-${x}", {"x": {"Ref": "G"}}]},
                "e": {"Ref": "H", "Other": 1}
            }),
            &mut refs,
        );
        let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
        assert_eq!(refs, ["A", "AWS::Region", "B", "C", "D", "E", "F", "G"]);
        assert_eq!(sub_names("${a}${"), ["a"]);
    }

    #[test]
    fn path_helpers() {
        let co = parse_create_only("Foo.*.Bar");
        assert!(compatible(
            &[
                Seg::Key("Foo".into()),
                Seg::Index(3),
                Seg::Key("Bar".into())
            ],
            &co
        ));
        assert!(compatible(&[Seg::Key("Foo".into())], &co));
        assert!(!compatible(
            &[
                Seg::Key("Foo".into()),
                Seg::Index(0),
                Seg::Key("Baz".into())
            ],
            &co
        ));
        // An index under a named step stands for every item.
        assert!(compatible(
            &[Seg::Key("A".into()), Seg::Index(1), Seg::Key("B".into())],
            &parse_create_only("A.B")
        ));
        let v = json!({"Foo": [{"Bar": 1}, {"Bar": 2}, {"Baz": 3}]});
        let mut out = Vec::new();
        values_at(&v, &co, &mut out);
        assert_eq!(out, [&json!(1), &json!(2)]);
        assert!(is_path_prefix("Properties.A", "Properties.A[0]"));
        assert!(!is_path_prefix("Properties.A", "Properties.AB"));
        assert_eq!(
            render_path(&[Seg::Key("".into()), Seg::Index(0)]),
            "[\"\"][0]"
        );
    }

    #[test]
    fn malformed_templates_do_not_panic() {
        let entry = bare_entry();
        for (old, new) in [
            (json!(null), json!([])),
            (json!({"Resources": []}), json!({"Resources": {"R": 3}})),
            (
                json!({"Resources": {"R": 3}}),
                json!({"Resources": {"R": {"Type": 1, "Properties": "x"}}}),
            ),
            (
                json!({"Outputs": {"O": {"Export": 1}}}),
                json!({"Outputs": {"O": {"Export": {"Name": null}}}}),
            ),
        ] {
            let diff = diff_templates(Some(&old), &new, &entry);
            let _ = diff.to_string();
        }
    }

    // -----------------------------------------------------------------------------------------
    // Change sets
    // -----------------------------------------------------------------------------------------

    fn modify(
        id: &str,
        type_name: &str,
        reported: ReplacementKind,
        details: &[(&str, RequiresRecreation)],
    ) -> ResourceChange {
        details.iter().fold(
            ResourceChange::new(id, type_name, Action::Modify).replacement(reported),
            |c, (name, r)| c.detail(ChangedProperty::new(*name, *r)),
        )
    }

    #[test]
    fn annotate_raises_create_only_changes() {
        let a = ecs_app(&WEB);
        let (entry, t) = (entry(&a), template(&a));
        let changes = [
            modify(
                "Web",
                "AWS::ECS::Service",
                ReplacementKind::False,
                &[("DesiredCount", RequiresRecreation::Never)],
            ),
            // The manifest says ContainerDefinitions is create-only, whatever was reported.
            modify(
                "Task",
                "AWS::ECS::TaskDefinition",
                ReplacementKind::False,
                &[("ContainerDefinitions", RequiresRecreation::Never)],
            ),
            // A detail that always re-creates raises to True.
            modify(
                "Cluster",
                "AWS::ECS::Cluster",
                ReplacementKind::False,
                &[("ClusterSettings", RequiresRecreation::Always)],
            ),
        ];
        let annotated = annotate(&changes, &entry, &t);
        let got: Vec<(&str, Option<ReplacementKind>, &[String])> = annotated
            .iter()
            .map(|c| {
                (
                    c.change.logical_id.as_str(),
                    c.replacement,
                    c.create_only_changes.as_slice(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Cluster", Some(ReplacementKind::True), &[][..]),
                (
                    "Task",
                    Some(ReplacementKind::Conditional),
                    &["ContainerDefinitions".to_owned()][..]
                ),
                ("Web", Some(ReplacementKind::False), &[][..]),
            ]
        );
        assert_eq!(
            ChangeList(&annotated).to_string(),
            "! Cluster  AWS::ECS::Cluster  REPLACE (ClusterSettings)\n\
             ! Task  AWS::ECS::TaskDefinition  MAY REPLACE (ContainerDefinitions)\n\
             ~ Web  AWS::ECS::Service  (DesiredCount)\n"
        );
    }

    #[test]
    fn annotate_keeps_reported_true_and_uses_the_registry_for_conditional_properties() {
        let a = ecs_app(&WEB);
        let changes = [
            modify(
                "Task",
                "AWS::ECS::TaskDefinition",
                ReplacementKind::True,
                &[("Cpu", RequiresRecreation::Always)],
            ),
            modify(
                "Web",
                "AWS::ECS::Service",
                ReplacementKind::False,
                &[("LaunchType", RequiresRecreation::Never)],
            ),
        ];
        let annotated = annotate(&changes, &entry(&a), &template(&a));
        assert_eq!(annotated[0].replacement, Some(ReplacementKind::True));
        assert_eq!(annotated[0].create_only_changes, ["Cpu"]);
        assert_eq!(annotated[1].replacement, Some(ReplacementKind::Conditional));
        assert_eq!(annotated[1].create_only_changes, ["LaunchType"]);
    }

    #[test]
    fn annotate_warns_about_named_resources() {
        let a = ecs_app(&Web {
            cluster_name: Some("main"),
            service_name: Some("web"),
            ..WEB
        });
        let (entry, t) = (entry(&a), template(&a));
        // The cluster is replaced by a dynamic reference and keeps its name... (a contrived
        // report, to check the rule) and the service is replaced because its cluster is.
        let changes = [
            ResourceChange::new("Web", "AWS::ECS::Service", Action::Modify)
                .replacement(ReplacementKind::True)
                .detail(
                    ChangedProperty::new("Cluster", RequiresRecreation::Always)
                        .caused_by("Cluster"),
                ),
            modify(
                "Cluster",
                "AWS::ECS::Cluster",
                ReplacementKind::True,
                &[("ClusterName", RequiresRecreation::Always)],
            ),
        ];
        let annotated = annotate(&changes, &entry, &t);
        assert!(
            annotated[0].warnings.is_empty(),
            "the cluster's name changes"
        );
        assert_eq!(
            annotated[1].warnings,
            [DiffWarning::ReplaceNamedResource {
                logical_id: "Web".into(),
                resource_type: "AWS::ECS::Service".into(),
                property: "ServiceName".into(),
                replacement: Replacement::Will,
            }]
        );
        let text = ChangeList(&annotated).to_string();
        assert_eq!(
            text.lines().collect::<Vec<_>>()[..2],
            [
                "! Cluster  AWS::ECS::Cluster  REPLACE (ClusterName)",
                "! Web  AWS::ECS::Service  REPLACE (Cluster via Cluster)",
            ]
        );
        assert!(
            text.lines().nth(2).is_some_and(
                |l| l.starts_with("warning: `Web` (AWS::ECS::Service) will be replaced")
            )
        );

        // Without names in the template: no warning.
        let plain = ecs_app(&WEB);
        let annotated = annotate(&changes, &entry, &template(&plain));
        assert!(annotated.iter().all(|c| c.warnings.is_empty()));
    }

    #[test]
    fn change_list_renders_every_action() {
        let changes = [
            ResourceChange::new("Add", "AWS::SNS::Topic", Action::Add),
            ResourceChange::new("Del", "AWS::Logs::LogGroup", Action::Remove),
            ResourceChange::new("Imp", "AWS::S3::Bucket", Action::Import),
            ResourceChange::new("Dyn", "AWS::X::Y", Action::Dynamic),
            ResourceChange::new("Oth", "AWS::X::Y", Action::parse("SyncWithActual")),
            modify(
                "Mod",
                "AWS::SNS::Topic",
                ReplacementKind::False,
                &[
                    ("Tags", RequiresRecreation::Never),
                    ("DisplayName", RequiresRecreation::Never),
                    ("Tags", RequiresRecreation::Never),
                ],
            ),
        ];
        let annotated = annotate(&changes, &bare_entry(), &json!({}));
        let list = ChangeList(&annotated);
        assert!(!list.is_empty());
        assert_eq!(
            list.to_string(),
            "+ Add  AWS::SNS::Topic\n\
             - Del  AWS::Logs::LogGroup\n\
             ? Dyn  AWS::X::Y  DYNAMIC\n\
             > Imp  AWS::S3::Bucket  IMPORT\n\
             ~ Mod  AWS::SNS::Topic  (DisplayName, Tags)\n\
             ? Oth  AWS::X::Y  SyncWithActual\n"
        );
    }

    #[test]
    fn api_text_round_trips() {
        for a in ["Add", "Modify", "Remove", "Import", "Dynamic", "New"] {
            assert_eq!(Action::parse(a).as_str(), a);
        }
        for r in ["True", "Conditional", "False"] {
            assert_eq!(ReplacementKind::parse(r).as_str(), r);
        }
        assert_eq!(
            RequiresRecreation::parse("Conditionally"),
            RequiresRecreation::Conditionally
        );
    }

    // -----------------------------------------------------------------------------------------
    // Approval
    // -----------------------------------------------------------------------------------------

    #[test]
    fn approval_policies_parse() {
        for p in [
            RequireApproval::Never,
            RequireApproval::Broadening,
            RequireApproval::AnyChange,
        ] {
            assert_eq!(p.as_str().parse::<RequireApproval>(), Ok(p));
        }
        assert_eq!(
            "Never".parse::<RequireApproval>(),
            Err(UnknownApproval("Never".into()))
        );
        assert!("".parse::<RequireApproval>().is_err());
    }

    #[test]
    fn broadening_in_diffs() {
        let old = resources(json!({
            "Role": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": []}}]}},
            "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "d"}},
            "Topic": {"Type": "AWS::SNS::Topic"}
        }));
        // Inline policy of a role changes: broadening.
        let mut new = old.clone();
        new["Resources"]["Role"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"] =
            json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]);
        let diff = diff_of(&old, &new);
        assert_eq!(diff.broadening_changes(), ["Role"]);
        assert!(needs_approval(RequireApproval::Broadening, &diff));
        assert!(needs_approval(RequireApproval::AnyChange, &diff));
        assert!(!needs_approval(RequireApproval::Never, &diff));

        // Removing a security group narrows: no approval for broadening.
        let mut new = old.clone();
        new["Resources"].as_object_mut().unwrap().remove("Sg");
        let diff = diff_of(&old, &new);
        assert!(diff.broadening_changes().is_empty());
        assert!(!needs_approval(RequireApproval::Broadening, &diff));
        assert!(needs_approval(RequireApproval::AnyChange, &diff));

        // Other types never count; adding an ingress rule, a permission or a bucket policy does.
        let mut new = old.clone();
        new["Resources"]["Topic"]["Properties"] = json!({"DisplayName": "x"});
        assert!(!needs_approval(
            RequireApproval::Broadening,
            &diff_of(&old, &new)
        ));
        for t in [
            "AWS::EC2::SecurityGroupIngress",
            "AWS::EC2::SecurityGroupEgress",
            "AWS::Lambda::Permission",
            "AWS::S3::BucketPolicy",
            "AWS::SQS::QueuePolicy",
            "AWS::SNS::TopicPolicy",
            "AWS::IAM::ManagedPolicy",
        ] {
            let mut new = old.clone();
            new["Resources"]["Extra"] = json!({"Type": t});
            assert_eq!(diff_of(&old, &new).broadening_changes(), ["Extra"], "{t}");
        }
    }

    #[test]
    fn broadening_in_change_sets() {
        let entry = bare_entry();
        let t = json!({});
        let changes = [
            ResourceChange::new("Perm", "AWS::Lambda::Permission", Action::Add),
            ResourceChange::new("OldRole", "AWS::IAM::Role", Action::Remove),
            modify(
                "Sg",
                "AWS::EC2::SecurityGroup",
                ReplacementKind::False,
                &[("SecurityGroupIngress", RequiresRecreation::Never)],
            ),
            ResourceChange::new("Logs", "AWS::Logs::LogGroup", Action::Add),
        ];
        let annotated = annotate(&changes, &entry, &t);
        assert_eq!(annotated.broadening_changes(), ["Perm", "Sg"]);
        assert_eq!(ChangeList(&annotated).broadening_changes(), ["Perm", "Sg"]);
        assert!(needs_approval(
            RequireApproval::Broadening,
            annotated.as_slice()
        ));
        assert!(needs_approval(
            RequireApproval::Broadening,
            &ChangeList(&annotated)
        ));

        let narrowing = annotate(&changes[1..2], &entry, &t);
        assert!(!needs_approval(RequireApproval::Broadening, &narrowing));
        assert!(needs_approval(RequireApproval::AnyChange, &narrowing));
        let none: Vec<AnnotatedChange> = Vec::new();
        assert!(!needs_approval(RequireApproval::AnyChange, &none));
        assert!(!needs_approval(RequireApproval::Broadening, &none));
    }
}
