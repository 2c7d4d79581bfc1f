//! From one registry schema to the model of one generated file: the resource struct, the structs
//! of its nested definitions, the enums of its string enums and the `Fn::GetAtt` attributes.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value as J;

use crate::naming::{snake, upper_camel};

/// The Rust type of a property.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Str,
    Int,
    Num,
    Bool,
    /// Free-form JSON: a `Json` field, no `Value` wrapper.
    Json,
    Enum(usize),
    Struct(usize),
    List(Box<Ty>),
    Map(Box<Ty>),
}

/// Whether changing a property replaces the resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    No,
    Always,
    Conditional,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The CloudFormation property name.
    pub cfn: String,
    pub ty: Ty,
    pub required: bool,
    pub replace: Replace,
    /// The link of the property's documentation (page + anchor).
    pub doc: String,
}

#[derive(Debug, Clone)]
pub struct StructDef {
    /// The name the struct wants; the final name is given out by the renderer.
    pub wanted: String,
    /// `AWS::ECS::Service` or `AWS::ECS::Service.DeploymentConfiguration`.
    pub label: String,
    /// The AWS documentation page.
    pub page: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub wanted: String,
    /// The sorted, deduplicated values.
    pub values: Vec<String>,
    /// Markdown saying where the values are allowed.
    pub doc: String,
}

/// The Rust type of an attribute method's `Value<T>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrTy {
    Str,
    Int,
    Num,
    Bool,
    StrList,
    Json,
}

#[derive(Debug, Clone)]
pub struct Attr {
    /// The `Fn::GetAtt` name, e.g. `Endpoint.Address`.
    pub name: String,
    pub ty: AttrTy,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub type_name: String,
    /// `ECS`
    pub service: String,
    /// `Service`
    pub resource: String,
    /// The module of the service, `ecs`.
    pub module: String,
    /// The module of the resource, `service`.
    pub file: String,
    /// The resource's documentation page.
    pub page: String,
    /// `structs[0]` is the resource.
    pub structs: Vec<StructDef>,
    pub enums: Vec<EnumDef>,
    pub attrs: Vec<Attr>,
    pub create_only: Vec<String>,
    pub conditional_create_only: Vec<String>,
    pub tag_property: Option<String>,
}

const DOCS: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide";

/// The documentation page of a resource type.
pub fn resource_page(service: &str, resource: &str) -> String {
    format!(
        "{DOCS}/aws-resource-{}-{}.html",
        service.to_ascii_lowercase(),
        resource.to_ascii_lowercase()
    )
}

enum DefState {
    InProgress,
    Done(Ty),
}

/// Where a property lives, for names, links and replacement notes.
#[derive(Clone)]
struct Owner {
    /// The wanted Rust name of the owning struct (or definition), a prefix for enum names.
    name: String,
    /// The documentation page of the owner.
    page: String,
    /// The anchor prefix of its properties: `cfn-ecs-service` or `cfn-ecs-service-deploymentconfiguration`.
    anchor: String,
}

struct Builder<'a> {
    type_name: &'a str,
    svc_lower: String,
    res_lower: String,
    defs: &'a serde_json::Map<String, J>,
    structs: Vec<StructDef>,
    enums: Vec<EnumDef>,
    defs_state: BTreeMap<String, DefState>,
}

/// Sorted keys of an object.
fn keys(o: &serde_json::Map<String, J>) -> Vec<&String> {
    let mut k: Vec<&String> = o.keys().collect();
    k.sort();
    k
}

fn str_list(v: Option<&J>) -> Vec<String> {
    v.and_then(J::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// `/properties/A/*/B` → `A.*.B`.
fn dotted(path: &str) -> String {
    path.trim_start_matches("/properties/").replace('/', ".")
}

fn def_name(reference: &str) -> Result<&str, String> {
    reference
        .strip_prefix("#/definitions/")
        .ok_or_else(|| format!("unsupported $ref {reference:?}"))
}

impl<'a> Builder<'a> {
    fn page(&self, sub: &str) -> String {
        format!(
            "{DOCS}/aws-properties-{}-{}-{}.html",
            self.svc_lower,
            self.res_lower,
            sub.to_ascii_lowercase()
        )
    }

    fn def(&self, name: &str) -> Result<&'a J, String> {
        self.defs
            .get(name)
            .ok_or_else(|| format!("{}: missing definition {name:?}", self.type_name))
    }

    /// The properties of an object schema, including those of its `anyOf`/`oneOf`/`allOf`
    /// branches (the outer schema's entry wins on duplicates).
    fn collect_props(
        &self,
        s: &'a J,
        out: &mut BTreeMap<String, &'a J>,
        depth: u32,
    ) -> Result<(), String> {
        if depth > 8 {
            return Ok(());
        }
        if let Some(r) = s.get("$ref").and_then(J::as_str) {
            let d = self.def(def_name(r)?)?;
            return self.collect_props(d, out, depth + 1);
        }
        if let Some(p) = s.get("properties").and_then(J::as_object) {
            for k in keys(p) {
                out.entry(k.clone()).or_insert(&p[k]);
            }
        }
        for kw in ["allOf", "anyOf", "oneOf"] {
            if let Some(branches) = s.get(kw).and_then(J::as_array) {
                for b in branches {
                    self.collect_props(b, out, depth + 1)?;
                }
            }
        }
        Ok(())
    }

    fn is_object_like(&self, s: &'a J) -> Result<bool, String> {
        let mut props = BTreeMap::new();
        // `$ref` is resolved by the caller; look only at this schema and its branches.
        if s.get("$ref").is_some() {
            return Ok(false);
        }
        self.collect_props(s, &mut props, 0)?;
        Ok(!props.is_empty())
    }

    /// Builds a struct from an object schema and returns its index.
    fn build_struct(
        &mut self,
        s: &'a J,
        wanted: String,
        label: String,
        page: String,
        anchor: String,
    ) -> Result<usize, String> {
        let idx = self.structs.len();
        self.structs.push(StructDef {
            wanted: wanted.clone(),
            label,
            page: page.clone(),
            fields: Vec::new(),
        });
        let mut props = BTreeMap::new();
        self.collect_props(s, &mut props, 0)?;
        let required: BTreeSet<String> = str_list(s.get("required")).into_iter().collect();
        let owner = Owner {
            name: wanted,
            page,
            anchor,
        };
        let mut fields = Vec::new();
        for (name, p) in props {
            let ty = self.resolve(p, &owner, &name)?;
            fields.push(Field {
                doc: format!(
                    "{}#{}-{}",
                    owner.page,
                    owner.anchor,
                    name.to_ascii_lowercase()
                ),
                required: required.contains(&name),
                cfn: name,
                ty,
                replace: Replace::No,
            });
        }
        self.structs[idx].fields = fields;
        Ok(idx)
    }

    fn new_enum(&mut self, values: Vec<String>, wanted: String, doc: String) -> Ty {
        let mut values = values;
        values.sort();
        values.dedup();
        self.enums.push(EnumDef {
            wanted,
            values,
            doc,
        });
        Ty::Enum(self.enums.len() - 1)
    }

    /// The enum values of a string schema (`enum` or `const`), if any.
    fn enum_values(s: &J) -> Option<Vec<String>> {
        let mut values = Vec::new();
        if let Some(e) = s.get("enum").and_then(J::as_array) {
            for v in e {
                values.push(v.as_str()?.to_owned());
            }
        }
        if let Some(c) = s.get("const") {
            values.push(c.as_str()?.to_owned());
        }
        (!values.is_empty()).then_some(values)
    }

    fn resolve_def(&mut self, name: &str) -> Result<Ty, String> {
        match self.defs_state.get(name) {
            Some(DefState::InProgress) => return Ok(Ty::Json),
            Some(DefState::Done(ty)) => return Ok(ty.clone()),
            None => {}
        }
        self.defs_state
            .insert(name.to_owned(), DefState::InProgress);
        let d = self.def(name)?;
        let wanted = upper_camel(name);
        let ty = if self.is_object_like(d)? {
            let label = format!("{}.{name}", self.type_name);
            let page = self.page(name);
            let anchor = format!(
                "cfn-{}-{}-{}",
                self.svc_lower,
                self.res_lower,
                name.to_ascii_lowercase()
            );
            Ty::Struct(self.build_struct(d, wanted, label, page, anchor)?)
        } else {
            let owner = Owner {
                name: wanted,
                page: resource_page(&self.svc_lower, &self.res_lower),
                anchor: String::new(),
            };
            self.resolve_inner(d, &owner, "", Some(name))?
        };
        self.defs_state
            .insert(name.to_owned(), DefState::Done(ty.clone()));
        Ok(ty)
    }

    /// The type of the property `prop` of `owner` with schema `s`.
    fn resolve(&mut self, s: &'a J, owner: &Owner, prop: &str) -> Result<Ty, String> {
        self.resolve_inner(s, owner, prop, None)
    }

    fn resolve_inner(
        &mut self,
        s: &'a J,
        owner: &Owner,
        prop: &str,
        def: Option<&str>,
    ) -> Result<Ty, String> {
        if let Some(r) = s.get("$ref").and_then(J::as_str) {
            return self.resolve_def(def_name(r)?);
        }
        let ty = match s.get("type") {
            None => {
                if self.is_object_like(s)? {
                    self.inline_struct(s, owner, prop)?
                } else {
                    Ty::Json
                }
            }
            Some(J::String(t)) => match t.as_str() {
                "string" => match Self::enum_values(s).filter(|_| s.get("anyOf").is_none()) {
                    Some(values) => {
                        let (wanted, doc) = match def {
                            Some(d) => (
                                upper_camel(d),
                                format!(
                                    "Allowed values of the `{d}` definition of [`{}`]({}).",
                                    self.type_name,
                                    resource_page(&self.svc_lower, &self.res_lower)
                                ),
                            ),
                            None => (
                                format!("{}{}", owner.name, upper_camel(prop)),
                                format!(
                                    "Allowed values of [`{prop}`]({}#{}-{}).",
                                    owner.page,
                                    owner.anchor,
                                    prop.to_ascii_lowercase()
                                ),
                            ),
                        };
                        self.new_enum(values, wanted, doc)
                    }
                    None => Ty::Str,
                },
                "integer" => Ty::Int,
                "number" => Ty::Num,
                "boolean" => Ty::Bool,
                "array" => match s.get("items") {
                    Some(items) if items.is_object() => {
                        match self.resolve_inner(items, owner, prop, def)? {
                            Ty::Json => Ty::Json,
                            t => Ty::List(Box::new(t)),
                        }
                    }
                    _ => Ty::Json,
                },
                "object" => {
                    if self.is_object_like(s)? {
                        self.inline_struct(s, owner, prop)?
                    } else {
                        let pattern = s.get("patternProperties").and_then(J::as_object);
                        let additional = s.get("additionalProperties").filter(|a| a.is_object());
                        let values: Vec<&'a J> = match (pattern, additional) {
                            (Some(p), _) if !p.is_empty() => {
                                keys(p).into_iter().map(|k| &p[k]).collect()
                            }
                            (_, Some(a)) => vec![a],
                            _ => vec![],
                        };
                        let mut tys = Vec::new();
                        for v in values {
                            tys.push(self.resolve_inner(v, owner, prop, def)?);
                        }
                        match tys.first() {
                            Some(first) if *first != Ty::Json && tys.iter().all(|t| t == first) => {
                                Ty::Map(Box::new(first.clone()))
                            }
                            _ => Ty::Json,
                        }
                    }
                }
                other => {
                    return Err(format!(
                        "{}: unsupported type {other:?} at {prop}",
                        self.type_name
                    ));
                }
            },
            // Several types (`["object", "string"]`): free-form.
            Some(_) => Ty::Json,
        };
        Ok(ty)
    }

    /// A struct for an object schema written inline in a property (not a definition).
    fn inline_struct(&mut self, s: &'a J, owner: &Owner, prop: &str) -> Result<Ty, String> {
        let wanted = format!("{}{}", owner.name, upper_camel(prop));
        let label = format!("{}.{prop}", self.type_name);
        let page = self.page(prop);
        let anchor = format!(
            "cfn-{}-{}-{}",
            self.svc_lower,
            self.res_lower,
            prop.to_ascii_lowercase()
        );
        Ok(Ty::Struct(
            self.build_struct(s, wanted, label, page, anchor)?,
        ))
    }
}

/// The attribute type of a read-only property path (`["Endpoint", "Address"]`), from the schema.
fn attr_ty(schema: &J, defs: &serde_json::Map<String, J>, path: &[&str]) -> AttrTy {
    fn deref<'a>(mut s: &'a J, defs: &'a serde_json::Map<String, J>) -> &'a J {
        for _ in 0..16 {
            match s
                .get("$ref")
                .and_then(J::as_str)
                .and_then(|r| r.strip_prefix("#/definitions/"))
            {
                Some(d) => match defs.get(d) {
                    Some(next) => s = next,
                    None => break,
                },
                None => break,
            }
        }
        s
    }
    let mut s = schema;
    for seg in path {
        s = deref(s, defs);
        let next = if *seg == "*" {
            s.get("items")
        } else {
            s.get("properties").and_then(|p| p.get(*seg))
        };
        match next {
            Some(n) => s = n,
            None => return AttrTy::Json,
        }
    }
    let s = deref(s, defs);
    match s.get("type").and_then(J::as_str) {
        Some("string") => AttrTy::Str,
        Some("integer") => AttrTy::Int,
        Some("number") => AttrTy::Num,
        Some("boolean") => AttrTy::Bool,
        Some("array") => {
            let items = s.get("items").map(|i| deref(i, defs));
            if items.and_then(|i| i.get("type")).and_then(J::as_str) == Some("string") {
                AttrTy::StrList
            } else {
                AttrTy::Json
            }
        }
        _ => AttrTy::Json,
    }
}

/// Every root path (`/properties/A/*/B`) at which each struct is reached.
fn struct_paths(structs: &[StructDef]) -> Vec<BTreeSet<String>> {
    fn walk(structs: &[StructDef], idx: usize, path: &str, out: &mut Vec<BTreeSet<String>>) {
        out[idx].insert(path.to_owned());
        for f in &structs[idx].fields {
            let mut p = format!("{path}/{}", f.cfn);
            let mut ty = &f.ty;
            loop {
                match ty {
                    Ty::List(t) | Ty::Map(t) => {
                        p.push_str("/*");
                        ty = t;
                    }
                    Ty::Struct(s) => {
                        walk(structs, *s, &p, out);
                        break;
                    }
                    _ => break,
                }
            }
        }
    }
    let mut out = vec![BTreeSet::new(); structs.len()];
    if !structs.is_empty() {
        walk(structs, 0, "/properties", &mut out);
    }
    out
}

/// Finds the struct holding the last segment of `segments` (after `/properties/`), following
/// fields from the resource struct.
fn holder(structs: &[StructDef], segments: &[&str]) -> Option<usize> {
    let mut cur = 0usize;
    let mut i = 0;
    while i + 1 < segments.len() {
        let f = structs[cur].fields.iter().find(|f| f.cfn == segments[i])?;
        i += 1;
        let mut ty = &f.ty;
        while let Ty::List(t) | Ty::Map(t) = ty {
            if segments.get(i) == Some(&"*") {
                i += 1;
            }
            ty = t;
        }
        match ty {
            Ty::Struct(s) => cur = *s,
            _ => return None,
        }
    }
    Some(cur)
}

pub fn build(type_name: &str, schema: &J) -> Result<Model, String> {
    let parts: Vec<&str> = type_name.split("::").collect();
    let [_, service, resource] = parts[..] else {
        return Err(format!("unexpected type name {type_name:?}"));
    };
    let empty = serde_json::Map::new();
    let defs = schema
        .get("definitions")
        .and_then(J::as_object)
        .unwrap_or(&empty);
    let props = schema
        .get("properties")
        .and_then(J::as_object)
        .ok_or_else(|| format!("{type_name}: schema has no properties"))?;
    let read_only = str_list(schema.get("readOnlyProperties"));
    let create_only = str_list(schema.get("createOnlyProperties"));
    let cond_create_only = str_list(schema.get("conditionalCreateOnlyProperties"));
    let required: BTreeSet<String> = str_list(schema.get("required")).into_iter().collect();

    let svc_lower = service.to_ascii_lowercase();
    let res_lower = resource.to_ascii_lowercase();
    let page = resource_page(service, resource);
    let mut b = Builder {
        type_name,
        svc_lower: svc_lower.clone(),
        res_lower: res_lower.clone(),
        defs,
        structs: Vec::new(),
        enums: Vec::new(),
        defs_state: BTreeMap::new(),
    };

    // The resource struct: every property except the top-level read-only ones.
    let top_read_only: BTreeSet<&str> = read_only
        .iter()
        .filter_map(|p| p.strip_prefix("/properties/"))
        .filter(|p| !p.contains('/'))
        .collect();
    let rust_name = upper_camel(resource);
    b.structs.push(StructDef {
        wanted: rust_name.clone(),
        label: type_name.to_owned(),
        page: page.clone(),
        fields: Vec::new(),
    });
    let owner = Owner {
        name: rust_name.clone(),
        page: page.clone(),
        anchor: format!("cfn-{svc_lower}-{res_lower}"),
    };
    let mut fields = Vec::new();
    for name in keys(props) {
        if top_read_only.contains(name.as_str()) {
            continue;
        }
        let ty = b.resolve(&props[name], &owner, name)?;
        fields.push(Field {
            doc: format!("{page}#{}-{}", owner.anchor, name.to_ascii_lowercase()),
            required: required.contains(name),
            cfn: name.clone(),
            ty,
            replace: Replace::No,
        });
    }
    b.structs[0].fields = fields;
    let mut structs = b.structs;
    let enums = b.enums;

    // Replacement notes: a field replaces the resource when its path is create-only at every
    // place its struct is used.
    let paths = struct_paths(&structs);
    let co: BTreeSet<&str> = create_only.iter().map(String::as_str).collect();
    let cco: BTreeSet<&str> = cond_create_only.iter().map(String::as_str).collect();
    for (idx, s) in structs.iter_mut().enumerate() {
        if paths[idx].is_empty() {
            continue;
        }
        for f in &mut s.fields {
            let all = |set: &BTreeSet<&str>| {
                paths[idx]
                    .iter()
                    .all(|p| set.contains(format!("{p}/{}", f.cfn).as_str()))
            };
            if all(&co) {
                f.replace = Replace::Always;
            } else if all(&cco) {
                f.replace = Replace::Conditional;
            }
        }
    }

    // Nested read-only properties leave their struct when the struct is used only there.
    for ro in &read_only {
        let Some(rest) = ro.strip_prefix("/properties/") else {
            continue;
        };
        let segments: Vec<&str> = rest.split('/').collect();
        if segments.len() < 2 {
            continue;
        }
        let Some(h) = holder(&structs, &segments) else {
            continue;
        };
        let parent = format!("/properties/{}", segments[..segments.len() - 1].join("/"));
        if h != 0 && paths[h].len() == 1 && paths[h].contains(&parent) {
            let last = segments[segments.len() - 1];
            structs[h].fields.retain(|f| f.cfn != last);
        }
    }

    // Attributes: the read-only paths `Fn::GetAtt` can address (array items cannot be).
    let mut attrs: Vec<Attr> = read_only
        .iter()
        .filter_map(|p| p.strip_prefix("/properties/"))
        .filter(|p| !p.split('/').any(|s| s == "*"))
        .map(|p| {
            let segments: Vec<&str> = p.split('/').collect();
            Attr {
                name: segments.join("."),
                ty: attr_ty(schema, defs, &segments),
            }
        })
        .collect();
    attrs.sort_by(|a, b| a.name.cmp(&b.name));
    attrs.dedup_by(|a, b| a.name == b.name);

    // Tags: `Some("Tags")` for a taggable `Tags` list of `{Key, Value}` objects. The registry
    // meta-schema's defaults apply: `taggable` true (also read from the deprecated top-level
    // `taggable`) and `tagProperty` `/properties/Tags`.
    let tagging = schema.get("tagging");
    let taggable = tagging
        .and_then(|t| t.get("taggable"))
        .or_else(|| schema.get("taggable"))
        .and_then(J::as_bool)
        != Some(false);
    let tag_prop = tagging
        .and_then(|t| t.get("tagProperty"))
        .and_then(J::as_str)
        .unwrap_or("/properties/Tags");
    let tag_property = (taggable && tag_prop == "/properties/Tags")
        .then(|| structs[0].fields.iter().find(|f| f.cfn == "Tags"))
        .flatten()
        .filter(|f| match &f.ty {
            Ty::List(t) => match **t {
                Ty::Struct(s) => {
                    let names: Vec<&str> =
                        structs[s].fields.iter().map(|f| f.cfn.as_str()).collect();
                    names == ["Key", "Value"]
                }
                _ => false,
            },
            _ => false,
        })
        .map(|f| f.cfn.clone());

    let mut create_only: Vec<String> = create_only.iter().map(|p| dotted(p)).collect();
    create_only.sort();
    create_only.dedup();
    let mut conditional_create_only: Vec<String> =
        cond_create_only.iter().map(|p| dotted(p)).collect();
    conditional_create_only.sort();
    conditional_create_only.dedup();

    Ok(Model {
        type_name: type_name.to_owned(),
        service: service.to_owned(),
        resource: resource.to_owned(),
        module: svc_lower,
        file: snake(resource),
        page,
        structs,
        enums,
        attrs,
        create_only,
        conditional_create_only,
        tag_property,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> J {
        json!({
            "typeName": "AWS::Demo::Thing",
            "properties": {
                "Arn": {"type": "string"},
                "Endpoint": {"$ref": "#/definitions/Endpoint"},
                "Mode": {"type": "string", "enum": ["FAST", "slow-mode"]},
                "Node": {"$ref": "#/definitions/Node"},
                "Labels": {"type": "object", "patternProperties": {".+": {"type": "string"}}},
                "Policy": {"type": ["object", "string"]},
                "Sizes": {"type": "array", "items": {"type": "integer"}},
                "Tags": {"type": "array", "items": {"$ref": "#/definitions/Tag"}},
                "Target": {"$ref": "#/definitions/Target"}
            },
            "definitions": {
                "Endpoint": {"type": "object", "properties": {
                    "Address": {"type": "string"}, "Port": {"type": "integer"}}},
                "Node": {"type": "object", "properties": {
                    "Child": {"$ref": "#/definitions/Node"}, "Name": {"type": "string"}},
                    "required": ["Name"]},
                "Tag": {"type": "object", "properties": {
                    "Key": {"type": "string"}, "Value": {"type": "string"}}},
                "Target": {"type": "object", "oneOf": [
                    {"properties": {"A": {"type": "boolean"}}, "required": ["A"]},
                    {"properties": {"B": {"type": "number"}}}], "required": ["B"]}
            },
            "required": ["Mode"],
            "readOnlyProperties": ["/properties/Arn", "/properties/Endpoint/Address"],
            "createOnlyProperties": ["/properties/Mode", "/properties/Node/Name"],
            "tagging": {"taggable": true}
        })
    }

    fn field<'a>(m: &'a Model, s: usize, name: &str) -> &'a Field {
        m.structs[s]
            .fields
            .iter()
            .find(|f| f.cfn == name)
            .expect("field")
    }

    fn struct_named(m: &Model, name: &str) -> usize {
        m.structs
            .iter()
            .position(|s| s.wanted == name)
            .expect("struct")
    }

    #[test]
    fn maps_property_types() {
        let m = build("AWS::Demo::Thing", &schema()).expect("model");
        assert_eq!(m.module, "demo");
        assert_eq!(m.file, "thing");
        assert!(m.structs[0].fields.iter().all(|f| f.cfn != "Arn"));
        assert_eq!(field(&m, 0, "Labels").ty, Ty::Map(Box::new(Ty::Str)));
        assert_eq!(field(&m, 0, "Policy").ty, Ty::Json);
        assert_eq!(field(&m, 0, "Sizes").ty, Ty::List(Box::new(Ty::Int)));
        let mode = field(&m, 0, "Mode");
        assert!(mode.required);
        assert_eq!(mode.replace, Replace::Always);
        let Ty::Enum(e) = mode.ty else { panic!("enum") };
        assert_eq!(m.enums[e].wanted, "ThingMode");
        assert_eq!(m.enums[e].values, ["FAST", "slow-mode"]);
        assert_eq!(m.tag_property.as_deref(), Some("Tags"));
        assert_eq!(m.create_only, ["Mode", "Node.Name"]);
    }

    #[test]
    fn recursion_becomes_json_and_unions_merge() {
        let m = build("AWS::Demo::Thing", &schema()).expect("model");
        let node = struct_named(&m, "Node");
        assert_eq!(field(&m, node, "Child").ty, Ty::Json);
        assert!(field(&m, node, "Name").required);
        assert_eq!(field(&m, node, "Name").replace, Replace::Always);
        let target = struct_named(&m, "Target");
        assert_eq!(field(&m, target, "A").ty, Ty::Bool);
        assert!(!field(&m, target, "A").required);
        assert!(field(&m, target, "B").required);
    }

    #[test]
    fn read_only_properties_become_attributes() {
        let m = build("AWS::Demo::Thing", &schema()).expect("model");
        let names: Vec<&str> = m.attrs.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Arn", "Endpoint.Address"]);
        assert_eq!(m.attrs[0].ty, AttrTy::Str);
        // `Endpoint` is used only at `/properties/Endpoint`, so `Address` leaves it.
        let endpoint = struct_named(&m, "Endpoint");
        let fields: Vec<&str> = m.structs[endpoint]
            .fields
            .iter()
            .map(|f| f.cfn.as_str())
            .collect();
        assert_eq!(fields, ["Port"]);
    }
}
