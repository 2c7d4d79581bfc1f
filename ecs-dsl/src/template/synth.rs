//! Synthesis: render every stack, turn references across stacks into exports and imports, check
//! the template rules (F1, F2, F9, T26) and write the templates and the manifest.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::app::App;
use super::assembly::{Assembly, SynthesizedStack};
use super::json::{Json, Target, TargetKind};
use super::logical_id::check_logical_id;
use super::sha256::hex_digest;
use super::stack::{Environment, Stack};
use super::writer;
use crate::error::{Error, Result};

/// Inline template bodies larger than this go through S3 (rule F1).
///
/// ```
/// use ecs_dsl::App;
/// use ecs_dsl::template::INLINE_TEMPLATE_LIMIT;
/// let mut app = App::new();
/// app.stack("demo")?;
/// let assembly = app.synthesize()?;
/// let demo = assembly.stack("demo").unwrap();
/// assert!(demo.bytes <= INLINE_TEMPLATE_LIMIT && !demo.needs_s3_upload);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub const INLINE_TEMPLATE_LIMIT: usize = 51_200;
/// CloudFormation rejects templates larger than this, even from S3 (rule F1).
///
/// ```
/// use ecs_dsl::template::{INLINE_TEMPLATE_LIMIT, MAX_TEMPLATE_BYTES};
/// // Between the two limits a template is deployed from S3.
/// assert!(INLINE_TEMPLATE_LIMIT < MAX_TEMPLATE_BYTES);
/// ```
pub const MAX_TEMPLATE_BYTES: usize = 1_000_000;
/// Resources per template (rule F2).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::template::MAX_RESOURCES;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// for i in 0..=MAX_RESOURCES {
///     stack.add_raw(&format!("Topic{i}"), "AWS::SNS::Topic", Json::Object(vec![]))?;
/// }
/// let err = app.synthesize().unwrap_err();
/// assert!(err.to_string().contains("F2"));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub const MAX_RESOURCES: usize = 500;
/// Parameters per template (rule F2).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::template::MAX_PARAMETERS;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// for i in 0..=MAX_PARAMETERS {
///     stack.add_parameter(&format!("P{i}"), Parameter::string())?;
/// }
/// let err = app.synthesize().unwrap_err();
/// assert!(err.to_string().contains("F2"));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub const MAX_PARAMETERS: usize = 200;
/// Outputs per template (rule F2).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::template::MAX_OUTPUTS;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// for i in 0..=MAX_OUTPUTS {
///     stack.add_output(&format!("O{i}"), Output::new("value"))?;
/// }
/// let err = app.synthesize().unwrap_err();
/// assert!(err.to_string().contains("F2"));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub const MAX_OUTPUTS: usize = 200;
/// Mappings per template (rule F2).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::template::MAX_MAPPINGS;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// for i in 0..=MAX_MAPPINGS {
///     stack.add_mapping(&format!("M{i}"), Json::object([("k", Json::object([("v", Json::from("x"))]))]))?;
/// }
/// let err = app.synthesize().unwrap_err();
/// assert!(err.to_string().contains("F2"));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub const MAX_MAPPINGS: usize = 200;
/// Tags per resource (rule T26).
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::template::MAX_TAGS;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// for i in 0..=MAX_TAGS {
///     stack.add_tag(format!("tag{i}"), "x");
/// }
/// let err = app.synthesize().unwrap_err();
/// assert!(err.to_string().contains("T26"));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub const MAX_TAGS: usize = 50;

/// What a resource's type says about it, from its [`Resource`](super::Resource) impl.
#[derive(Clone, Copy)]
struct Schema {
    create_only: &'static [&'static str],
    tag_property: Option<&'static str>,
    raw: bool,
}

/// What the manifest records of each resource.
struct ResourceInfo {
    type_name: String,
    schema: Schema,
    overrides: Vec<String>,
}

/// One stack rendered, with its references still symbolic.
struct Draft {
    name: Rc<str>,
    description: Option<String>,
    env: Environment,
    parameters: Vec<(Rc<str>, Json)>,
    conditions: Vec<(Rc<str>, Json)>,
    mappings: Vec<(String, Json)>,
    metadata: Vec<(String, Json)>,
    resources: Vec<(Rc<str>, Json, ResourceInfo)>,
    outputs: Vec<(String, Json)>,
    tags: Vec<(String, String)>,
    dependencies: Vec<(u64, usize, Rc<str>)>,
    /// `DependsOn` on resources of other stacks: (resource, target).
    foreign_depends: Vec<(Rc<str>, Target)>,
}

/// The template section an element is in; CloudFormation allows different references in each.
#[derive(Clone, Copy, PartialEq)]
enum Section {
    Resource,
    Output,
    Condition,
    /// Mappings, template metadata and parameters: no references at all.
    Literal(&'static str),
}

impl Draft {
    /// Every element of the template with its logical id and section.
    fn elements(&self) -> impl Iterator<Item = (&str, &Json, Section)> {
        let resources = self
            .resources
            .iter()
            .map(|(id, j, _)| (&**id, j, Section::Resource));
        let outputs = self
            .outputs
            .iter()
            .map(|(id, j)| (id.as_str(), j, Section::Output));
        let conditions = self
            .conditions
            .iter()
            .map(|(id, j)| (&**id, j, Section::Condition));
        let mappings = self
            .mappings
            .iter()
            .map(|(id, j)| (id.as_str(), j, Section::Literal("a mapping")));
        let metadata = self
            .metadata
            .iter()
            .map(|(id, j)| (id.as_str(), j, Section::Literal("template metadata")));
        let parameters = self
            .parameters
            .iter()
            .map(|(id, j)| (&**id, j, Section::Literal("a parameter")));
        resources
            .chain(outputs)
            .chain(conditions)
            .chain(mappings)
            .chain(metadata)
            .chain(parameters)
    }

    fn is_conditional(&self, logical_id: &str) -> bool {
        self.resources
            .iter()
            .any(|(id, j, _)| &**id == logical_id && j.get("Condition").is_some())
    }

    fn is_no_echo(&self, logical_id: &str) -> bool {
        self.parameters
            .iter()
            .any(|(id, j)| &**id == logical_id && j.get("NoEcho") == Some(&Json::Bool(true)))
    }
}

/// What a resource renders to, taken while no borrow of its stack is held.
struct Rendered {
    properties: Json,
    schema: Schema,
}

/// Renders every resource's properties without holding a borrow of the stack: `to_json` of a
/// user's own [`Resource`](super::Resource) may use the stack, and must not make it panic.
fn render_resources(stack: &Stack) -> Result<Vec<Rendered>> {
    let shared = &stack.shared;
    let mut out = Vec::new();
    // Re-read the length: rendering may add resources.
    while out.len() < shared.inner.borrow().resources.len() {
        let at = out.len();
        let taken = shared.inner.borrow_mut().resources[at].resource.take();
        let Some(resource) = taken else {
            return Err(Error::ResourceBusy {
                stack: shared.name.to_string(),
                logical_id: shared.inner.borrow().resources[at].logical_id.to_string(),
            });
        };
        out.push(Rendered {
            properties: resource.properties(),
            schema: Schema {
                create_only: resource.create_only(),
                tag_property: resource.tag_property(),
                raw: resource.is_raw(),
            },
        });
        shared.inner.borrow_mut().resources[at].resource = Some(resource);
    }
    Ok(out)
}

fn render_draft(stack: &Stack) -> Result<Draft> {
    let name = Rc::clone(&stack.shared.name);
    let rendered = render_resources(stack)?;
    let inner = stack.shared.inner.borrow();
    let mut resources = Vec::with_capacity(inner.resources.len());
    let mut foreign_depends = Vec::new();
    for (entry, rendered) in inner.resources.iter().zip(rendered) {
        let id = Rc::clone(&entry.logical_id);
        let mut obj = Json::object([("Type", Json::from(entry.type_name.as_str()))]);
        if let Some(c) = &entry.condition {
            obj.insert("Condition", Json::ConditionName(c.clone()));
        }
        let mut depends = Vec::new();
        for t in &entry.depends_on {
            if t.stack == stack.shared.index && t.app == stack.shared.app {
                let dep = Json::from(t.logical_id());
                if !depends.contains(&dep) {
                    depends.push(dep);
                }
            } else {
                foreign_depends.push((Rc::clone(&id), t.clone()));
            }
        }
        if !depends.is_empty() {
            obj.insert("DependsOn", Json::Array(depends));
        }
        if rendered.properties != Json::Object(Vec::new()) {
            obj.insert("Properties", rendered.properties);
        }
        if let Some(m) = &entry.metadata {
            obj.insert("Metadata", m.clone());
        }
        if let Some(p) = entry.deletion_policy {
            obj.insert("DeletionPolicy", Json::from(p.as_str()));
        }
        if let Some(p) = entry.update_replace_policy {
            obj.insert("UpdateReplacePolicy", Json::from(p.as_str()));
        }
        for o in &entry.overrides {
            o.apply(&mut obj).map_err(|reason| Error::InvalidOverride {
                stack: name.to_string(),
                logical_id: id.to_string(),
                path: o.path.clone(),
                reason,
            })?;
        }
        let info = ResourceInfo {
            type_name: entry.type_name.clone(),
            schema: rendered.schema,
            overrides: entry.overrides.iter().map(|o| o.path.clone()).collect(),
        };
        resources.push((id, obj, info));
    }
    Ok(Draft {
        name: Rc::clone(&name),
        description: inner.description.clone(),
        env: inner.env.clone(),
        parameters: inner
            .parameters
            .iter()
            .map(|(id, spec)| (Rc::clone(id), spec.to_json()))
            .collect(),
        conditions: inner.conditions.clone(),
        mappings: inner.mappings.clone(),
        metadata: inner.metadata.clone(),
        resources,
        outputs: inner
            .outputs
            .iter()
            .map(|(id, o)| (id.clone(), o.to_json()))
            .collect(),
        tags: inner.tags.clone(),
        dependencies: inner.dependencies.clone(),
        foreign_depends,
    })
}

/// An export that synthesis adds to a producer stack.
struct Export {
    output_id: String,
    name: String,
    value: Json,
}

fn sanitize(attr: &str) -> String {
    attr.chars().filter(char::is_ascii_alphanumeric).collect()
}

fn export_for(target: &Target, attr: Option<&Rc<str>>) -> Export {
    let (suffix, name, value) = match attr {
        Some(a) => (
            sanitize(a),
            format!(
                "{}:{}:{}",
                target.stack_name,
                target.logical_id,
                sanitize(a)
            ),
            Json::GetAtt(target.clone(), Rc::clone(a)),
        ),
        None => (
            "Ref".to_owned(),
            format!("{}:{}", target.stack_name, target.logical_id),
            Json::Ref(target.clone()),
        ),
    };
    // Outputs hold strings only: a list leaves joined and is split again by the importer.
    let value = if target.list {
        Json::object([("Fn::Join", Json::Array(vec![Json::from(","), value]))])
    } else {
        value
    };
    Export {
        output_id: format!("Export{}{suffix}", target.logical_id),
        name,
        value,
    }
}

fn describe(target: &Target, attr: Option<&Rc<str>>) -> String {
    match attr {
        Some(a) => format!("`{}`.{}.{a}", target.stack_name, target.logical_id),
        None => format!("`{}`.{}", target.stack_name, target.logical_id),
    }
}

type ExportKey = (Rc<str>, Option<Rc<str>>);

pub(crate) fn synthesize(app: &App) -> Result<Assembly> {
    let drafts = app
        .stacks
        .iter()
        .map(render_draft)
        .collect::<Result<Vec<_>>>()?;
    let n = drafts.len();

    // Edges "stack i depends on stack j", with the first reason found for each pair.
    let mut edges: BTreeMap<(usize, usize), String> = BTreeMap::new();
    let mut exports: Vec<BTreeMap<ExportKey, Export>> = (0..n).map(|_| BTreeMap::new()).collect();
    let mut imports: Vec<BTreeSet<String>> = vec![BTreeSet::new(); n];

    for (i, draft) in drafts.iter().enumerate() {
        for (id, json, section) in draft.elements() {
            let mut path = String::new();
            json.walk(&mut path, &mut |field, node| {
                let at = Place {
                    i,
                    id,
                    field,
                    section,
                };
                check_node(
                    app,
                    &drafts,
                    &at,
                    node,
                    &mut edges,
                    &mut exports,
                    &mut imports,
                )
            })?;
        }
        for (id, t) in &draft.foreign_depends {
            if t.app != app.id {
                return Err(foreign(draft, id, "DependsOn", t));
            }
            edges.entry((i, t.stack)).or_insert_with(|| {
                format!("`{}`.{id} DependsOn {}", draft.name, describe(t, None))
            });
        }
        for (dep_app, j, dep_name) in &draft.dependencies {
            if *dep_app != app.id {
                return Err(Error::ForeignReference {
                    stack: draft.name.to_string(),
                    logical_id: "(stack)".to_owned(),
                    field: "dependencies".to_owned(),
                    target: format!("stack `{dep_name}`"),
                });
            }
            let j = *j;
            edges.entry((i, j)).or_insert_with(|| {
                format!(
                    "`{}` is declared to depend on `{}`",
                    draft.name, drafts[j].name
                )
            });
        }
    }

    check_cycles(n, &edges)?;
    let order = dependency_order(n, &edges);

    // Each draft is consumed as its template is written, so the drafts, the template trees
    // and the texts never all live at once.
    let names: Vec<Rc<str>> = drafts.iter().map(|d| Rc::clone(&d.name)).collect();
    let mut stacks = Vec::with_capacity(n);
    for (i, draft) in drafts.into_iter().enumerate() {
        let deps: Vec<String> = edges
            .keys()
            .filter(|(from, _)| *from == i)
            .map(|(_, to)| names[*to].to_string())
            .collect();
        stacks.push(finish(app, draft, i, &exports, &imports[i], deps)?);
    }
    let ordered: Vec<(SynthesizedStack, Json)> = {
        let mut slots: Vec<Option<(SynthesizedStack, Json)>> =
            stacks.into_iter().map(Some).collect();
        order.iter().filter_map(|&i| slots[i].take()).collect()
    };
    Ok(Assembly::new(ordered))
}

fn foreign(draft: &Draft, id: &str, field: &str, t: &Target) -> Error {
    Error::ForeignReference {
        stack: draft.name.to_string(),
        logical_id: id.to_owned(),
        field: field.to_owned(),
        target: describe(t, None),
    }
}

/// Where a node is: stack index, element id, field path and section.
struct Place<'a> {
    i: usize,
    id: &'a str,
    field: &'a str,
    section: Section,
}

impl Place<'_> {
    fn invalid(&self, drafts: &[Draft], reason: String) -> Error {
        Error::InvalidReference {
            stack: drafts[self.i].name.to_string(),
            logical_id: self.id.to_owned(),
            field: self.field.to_owned(),
            reason,
        }
    }
}

/// Checks one node: numbers must be finite, keys unique, `Fn::And`/`Fn::Or` of 2 to 10
/// conditions, references allowed in their section; a reference to another stack records an
/// export, an import and the dependency.
fn check_node(
    app: &App,
    drafts: &[Draft],
    at: &Place<'_>,
    node: &Json,
    edges: &mut BTreeMap<(usize, usize), String>,
    exports: &mut [BTreeMap<ExportKey, Export>],
    imports: &mut [BTreeSet<String>],
) -> Result<()> {
    let (i, id, field) = (at.i, at.id, at.field);
    let draft = &drafts[i];
    let (t, attr) = match node {
        Json::Float(f) if !f.is_finite() => {
            return Err(Error::InvalidValue {
                stack: draft.name.to_string(),
                logical_id: id.to_owned(),
                field: field.to_owned(),
                reason: format!("{f} is not a JSON number"),
            });
        }
        Json::Object(entries) => {
            for (n, (k, _)) in entries.iter().enumerate() {
                if entries[..n].iter().any(|(earlier, _)| earlier == k) {
                    return Err(Error::InvalidValue {
                        stack: draft.name.to_string(),
                        logical_id: id.to_owned(),
                        field: field.to_owned(),
                        reason: format!("the key `{k}` appears twice in one object"),
                    });
                }
            }
            if let [(f, Json::Array(args))] = entries.as_slice()
                && (f == "Fn::And" || f == "Fn::Or")
                && !(2..=10).contains(&args.len())
            {
                let reason = format!("`{f}` takes 2 to 10 conditions, not {}", args.len());
                return Err(at.invalid(drafts, reason));
            }
            return Ok(());
        }
        Json::Ref(t) => (t, None),
        Json::GetAtt(t, a) => (t, Some(a)),
        Json::ConditionName(t) => {
            if t.app != app.id {
                return Err(foreign(draft, id, field, t));
            }
            if t.stack != i {
                return Err(Error::ForeignCondition {
                    stack: draft.name.to_string(),
                    logical_id: id.to_owned(),
                    field: field.to_owned(),
                    condition: describe(t, None),
                });
            }
            return Ok(());
        }
        _ => return Ok(()),
    };
    if t.app != app.id {
        return Err(foreign(draft, id, field, t));
    }
    let target = describe(t, attr);
    match at.section {
        Section::Literal(what) => {
            return Err(at.invalid(drafts, format!("{what} cannot hold a reference ({target})")));
        }
        Section::Condition if t.kind != TargetKind::Parameter || attr.is_some() || t.stack != i => {
            let reason =
                format!("conditions may only use parameters of their own stack, not {target}");
            return Err(at.invalid(drafts, reason));
        }
        Section::Output
            if field.starts_with("Export.Name")
                && (t.kind != TargetKind::Parameter || t.stack != i) =>
        {
            let reason =
                format!("an export name may only use parameters of its own stack, not {target}");
            return Err(at.invalid(drafts, reason));
        }
        _ => {}
    }
    if t.stack == i {
        return Ok(());
    }
    let producer = &drafts[t.stack];
    if !draft.env.compatible(&producer.env) {
        return Err(Error::CrossEnvironmentReference {
            stack: draft.name.to_string(),
            at: format!("{id}.{field}"),
            target,
            envs: format!(
                "`{}`: {}, `{}`: {}",
                draft.name, draft.env, producer.name, producer.env
            ),
        });
    }
    if t.kind == TargetKind::Resource && producer.is_conditional(&t.logical_id) {
        let reason = format!(
            "{target} is created only under a condition, so it cannot be exported to another stack"
        );
        return Err(at.invalid(drafts, reason));
    }
    if t.kind == TargetKind::Parameter && producer.is_no_echo(&t.logical_id) {
        let reason = format!(
            "{target} is a NoEcho parameter; exporting it would show its value in the outputs"
        );
        return Err(at.invalid(drafts, reason));
    }
    let key = (Rc::clone(&t.logical_id), attr.cloned());
    let export = exports[t.stack]
        .entry(key)
        .or_insert_with(|| export_for(t, attr));
    imports[i].insert(export.name.clone());
    edges
        .entry((i, t.stack))
        .or_insert_with(|| format!("`{}` uses {target} at {id}.{field}", draft.name));
    Ok(())
}

/// Fails with the edges of the first cycle found (rule F9).
fn check_cycles(n: usize, edges: &BTreeMap<(usize, usize), String>) -> Result<()> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn visit(
        v: usize,
        edges: &BTreeMap<(usize, usize), String>,
        marks: &mut [Mark],
        path: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        marks[v] = Mark::Active;
        path.push(v);
        for &(_, w) in edges.range((v, 0)..=(v, usize::MAX)).map(|(k, _)| k) {
            match marks[w] {
                Mark::Active => {
                    let start = path.iter().position(|&p| p == w).unwrap_or(0);
                    let mut cycle = path[start..].to_vec();
                    cycle.push(w);
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(c) = visit(w, edges, marks, path) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks[v] = Mark::Done;
        None
    }
    let mut marks = vec![Mark::New; n];
    for v in 0..n {
        if marks[v] != Mark::New {
            continue;
        }
        if let Some(cycle) = visit(v, edges, &mut marks, &mut Vec::new()) {
            let described = cycle
                .windows(2)
                .map(|w| edges.get(&(w[0], w[1])).cloned().unwrap_or_default())
                .collect();
            return Err(Error::DependencyCycle { cycle: described });
        }
    }
    Ok(())
}

/// Stacks in dependency order; among ready stacks the one added first goes first.
fn dependency_order(n: usize, edges: &BTreeMap<(usize, usize), String>) -> Vec<usize> {
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    while order.len() < n {
        let ready = (0..n).find(|&v| {
            !done[v]
                && edges
                    .range((v, 0)..=(v, usize::MAX))
                    .all(|((_, w), _)| done[*w])
        });
        match ready {
            Some(v) => {
                done[v] = true;
                order.push(v);
            }
            // Unreachable after `check_cycles`; keep the rest in creation order.
            None => {
                order.extend((0..n).filter(|&v| !done[v]));
                break;
            }
        }
    }
    order
}

/// Replaces reference nodes: same stack -> `Ref` / `Fn::GetAtt`, other stack ->
/// `Fn::ImportValue` of its export. Takes the tree by value, so the draft's strings move into
/// the template instead of being copied.
fn resolve(json: Json, here: usize, exports: &[BTreeMap<ExportKey, Export>]) -> Json {
    let import = |t: &Target, attr: Option<&Rc<str>>| {
        let name = exports[t.stack]
            .get(&(Rc::clone(&t.logical_id), attr.cloned()))
            .map(|e| e.name.clone())
            .unwrap_or_default();
        let import = Json::object([("Fn::ImportValue", Json::Str(name))]);
        if t.list {
            Json::object([("Fn::Split", Json::Array(vec![Json::from(","), import]))])
        } else {
            import
        }
    };
    match json {
        Json::Ref(t) if t.stack == here => Json::object([("Ref", Json::from(t.logical_id()))]),
        Json::Ref(t) => import(&t, None),
        Json::GetAtt(t, a) if t.stack == here => Json::object([(
            "Fn::GetAtt",
            Json::Array(vec![Json::from(t.logical_id()), Json::from(&*a)]),
        )]),
        Json::GetAtt(t, a) => import(&t, Some(&a)),
        Json::ConditionName(t) => Json::from(t.logical_id()),
        Json::Array(items) => Json::Array(
            items
                .into_iter()
                .map(|i| resolve(i, here, exports))
                .collect(),
        ),
        Json::Object(entries) => Json::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k, resolve(v, here, exports)))
                .collect(),
        ),
        other => other,
    }
}

fn section<K: AsRef<str>>(items: &[(K, Json)]) -> Json {
    Json::Object(
        items
            .iter()
            .map(|(k, v)| (k.as_ref().to_owned(), v.clone()))
            .collect(),
    )
}

fn finish(
    app: &App,
    mut draft: Draft,
    i: usize,
    exports: &[BTreeMap<ExportKey, Export>],
    imports: &BTreeSet<String>,
    dependencies: Vec<String>,
) -> Result<(SynthesizedStack, Json)> {
    let stack = draft.name.to_string();
    let mut outputs = draft.outputs.clone();
    for export in exports[i].values() {
        check_logical_id(&stack, &export.output_id, "an export added by synthesis")?;
        if let Some((id, first)) = outputs.iter().find(|(id, _)| *id == export.output_id) {
            // A user output, or (rarely) another export whose id and attribute concatenate to
            // the same output id.
            let first = match first.get("Export").and_then(|e| e.get("Name")) {
                Some(Json::Str(name)) => format!("the output exporting {name}"),
                _ => "an output".to_owned(),
            };
            return Err(Error::DuplicateLogicalId {
                stack,
                id: id.clone(),
                first,
                second: format!("the export of {} for another stack", export.name),
            });
        }
        let out = Json::object([
            ("Value", export.value.clone()),
            (
                "Export",
                Json::object([("Name", Json::from(export.name.as_str()))]),
            ),
        ]);
        outputs.push((export.output_id.clone(), out));
    }

    for (what, count, limit) in [
        ("resources", draft.resources.len(), MAX_RESOURCES),
        ("parameters", draft.parameters.len(), MAX_PARAMETERS),
        ("outputs", outputs.len(), MAX_OUTPUTS),
        ("mappings", draft.mappings.len(), MAX_MAPPINGS),
    ] {
        if count > limit {
            return Err(Error::TooMany {
                stack,
                what,
                count,
                limit,
            });
        }
    }
    check_stack_tags(&stack, &draft.tags)?;

    let mut template = Json::object([("AWSTemplateFormatVersion", Json::from("2010-09-09"))]);
    if let Some(d) = &draft.description {
        template.insert("Description", Json::from(d.as_str()));
    }
    if !draft.metadata.is_empty() {
        template.insert("Metadata", section(&draft.metadata));
    }
    if !draft.parameters.is_empty() {
        template.insert("Parameters", section(&draft.parameters));
    }
    if !draft.mappings.is_empty() {
        template.insert("Mappings", section(&draft.mappings));
    }
    if !draft.conditions.is_empty() {
        template.insert(
            "Conditions",
            resolve(section(&draft.conditions), i, exports),
        );
    }
    let mut resources = Vec::with_capacity(draft.resources.len());
    for (id, json, info) in &mut draft.resources {
        // The manifest entry below still needs the ids and infos, not the bodies.
        let resolved = resolve(std::mem::replace(json, Json::Null), i, exports);
        if let Some(prop) = info.schema.tag_property {
            let tags = resolved.get("Properties").and_then(|p| p.get(prop));
            check_tags(&stack, id, prop, tags)?;
        }
        resources.push((id.to_string(), resolved));
    }
    template.insert("Resources", Json::Object(resources));
    if !outputs.is_empty() {
        template.insert("Outputs", resolve(section(&outputs), i, exports));
    }

    let text = writer::write(&template, app.pretty);
    let bytes = text.len();
    if bytes > MAX_TEMPLATE_BYTES {
        return Err(Error::TemplateTooLarge {
            stack,
            bytes,
            limit: MAX_TEMPLATE_BYTES,
        });
    }

    let file = FileFacts {
        bytes,
        sha256: hex_digest(text.as_bytes()),
        needs_s3_upload: bytes > INLINE_TEMPLATE_LIMIT,
    };
    drop(template);
    let manifest = manifest_entry(&draft, &outputs, exports, i, imports, &dependencies, &file);
    let stack = SynthesizedStack {
        name: stack.clone(),
        file_name: format!("{stack}.template.json"),
        sha256: file.sha256,
        bytes,
        needs_s3_upload: file.needs_s3_upload,
        resource_count: draft.resources.len(),
        parameter_count: draft.parameters.len(),
        output_count: outputs.len(),
        exports: exports[i].values().map(|e| e.name.clone()).collect(),
        imports: imports.iter().cloned().collect(),
        dependencies,
        template: text,
    };
    Ok((stack, manifest))
}

fn tag_error(stack: &str, id: &str, field: String, reason: String) -> Error {
    Error::InvalidTag {
        stack: stack.to_owned(),
        logical_id: id.to_owned(),
        field,
        reason,
    }
}

fn tag_problem(key: &str, value: Option<&str>) -> Option<String> {
    if key.is_empty() || key.chars().count() > 128 {
        return Some(format!("tag key `{key}` must be 1 to 128 characters"));
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return Some(format!("tag key `{key}` uses the reserved prefix `aws:`"));
    }
    match value {
        Some(v) if v.chars().count() > 256 => Some(format!(
            "the value of tag `{key}` is {} characters; the limit is 256",
            v.chars().count()
        )),
        _ => None,
    }
}

/// Rule T26 on a resource's tag list; values that are expressions are skipped.
fn check_tags(stack: &str, id: &str, prop: &str, tags: Option<&Json>) -> Result<()> {
    let Some(Json::Array(items)) = tags else {
        return Ok(());
    };
    if items.len() > MAX_TAGS {
        return Err(tag_error(
            stack,
            id,
            format!("Properties.{prop}"),
            format!("{} tags; a resource holds at most {MAX_TAGS}", items.len()),
        ));
    }
    for (n, tag) in items.iter().enumerate() {
        let Some(key) = tag.get("Key").and_then(Json::as_str) else {
            continue;
        };
        let value = tag.get("Value").and_then(Json::as_str);
        if let Some(reason) = tag_problem(key, value) {
            return Err(tag_error(
                stack,
                id,
                format!("Properties.{prop}[{n}]"),
                reason,
            ));
        }
    }
    Ok(())
}

fn check_stack_tags(stack: &str, tags: &[(String, String)]) -> Result<()> {
    if tags.len() > MAX_TAGS {
        return Err(tag_error(
            stack,
            "(stack)",
            "Tags".to_owned(),
            format!("{} stack tags; at most {MAX_TAGS}", tags.len()),
        ));
    }
    for (k, v) in tags {
        if let Some(reason) = tag_problem(k, Some(v)) {
            return Err(tag_error(stack, "(stack)", format!("Tags.{k}"), reason));
        }
    }
    Ok(())
}

fn strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Json {
    Json::Array(items.into_iter().map(|s| Json::from(s.as_ref())).collect())
}

/// Size, digest and the S3 flag of a rendered template, computed once for the stack and its
/// manifest entry.
struct FileFacts {
    bytes: usize,
    sha256: String,
    needs_s3_upload: bool,
}

fn manifest_entry(
    draft: &Draft,
    outputs: &[(String, Json)],
    exports: &[BTreeMap<ExportKey, Export>],
    i: usize,
    imports: &BTreeSet<String>,
    dependencies: &[String],
    file: &FileFacts,
) -> Json {
    let mut env = Json::Object(Vec::new());
    if let Some(a) = &draft.env.account {
        env.insert("account", Json::from(a.as_str()));
    }
    if let Some(r) = &draft.env.region {
        env.insert("region", Json::from(r.as_str()));
    }
    let parameters = draft.parameters.iter().map(|(id, p)| {
        let mut o = Json::object([("type", p.get("Type").cloned().unwrap_or(Json::Null))]);
        if let Some(d) = p.get("Default") {
            o.insert("default", d.clone());
        }
        if let Some(ne) = p.get("NoEcho") {
            o.insert("noEcho", ne.clone());
        }
        (id.to_string(), o)
    });
    let outputs = outputs.iter().map(|(id, o)| {
        let mut entry = Json::Object(Vec::new());
        if let Some(name) = o.get("Export").and_then(|e| e.get("Name")) {
            entry.insert("exportName", resolve(name.clone(), i, exports));
        }
        (id.clone(), entry)
    });
    let resources = draft.resources.iter().map(|(id, _, info)| {
        let mut o = Json::object([
            ("type", Json::from(info.type_name.as_str())),
            (
                "createOnlyProperties",
                strings(info.schema.create_only.iter()),
            ),
        ]);
        if info.schema.raw {
            o.insert("raw", Json::Bool(true));
        }
        if !info.overrides.is_empty() {
            o.insert("overrides", strings(&info.overrides));
        }
        (id.to_string(), o)
    });
    let raw: Vec<&str> = draft
        .resources
        .iter()
        .filter(|(_, _, info)| info.schema.raw)
        .map(|(id, _, _)| &**id)
        .collect();
    let overridden: Vec<&str> = draft
        .resources
        .iter()
        .filter(|(_, _, info)| !info.overrides.is_empty())
        .map(|(id, _, _)| &**id)
        .collect();
    let mut m = Json::object([
        ("name", Json::from(&*draft.name)),
        (
            "templateFile",
            Json::Str(format!("{}.template.json", draft.name)),
        ),
    ]);
    if let Some(d) = &draft.description {
        m.insert("description", Json::from(d.as_str()));
    }
    m.insert("environment", env);
    m.insert("dependencies", strings(dependencies));
    m.insert("templateBytes", Json::Int(file.bytes as i64));
    m.insert("templateSha256", Json::from(file.sha256.as_str()));
    m.insert("needsS3Upload", Json::Bool(file.needs_s3_upload));
    m.insert("resourceCount", Json::Int(draft.resources.len() as i64));
    m.insert("parameters", Json::Object(parameters.collect()));
    m.insert("outputs", Json::Object(outputs.collect()));
    m.insert("imports", strings(imports));
    m.insert(
        "tags",
        Json::Object(
            draft
                .tags
                .iter()
                .map(|(k, v)| (k.clone(), Json::from(v.as_str())))
                .collect(),
        ),
    );
    m.insert(
        "escapeHatches",
        Json::object([
            ("rawResources", strings(raw)),
            ("overriddenResources", strings(overridden)),
        ]),
    );
    m.insert("resources", Json::Object(resources.collect()));
    m
}
