//! Raw property overrides on rendered resources (the escape hatch for what the types lack).

use super::json::Json;

/// One override: set or delete the value at a dot-separated path of a rendered resource.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Override {
    pub(crate) path: String,
    pub(crate) value: Option<Json>,
}

impl Override {
    pub(crate) fn set(path: &str, value: Json) -> Self {
        Override {
            path: path.to_owned(),
            value: Some(value),
        }
    }

    pub(crate) fn delete(path: &str) -> Self {
        Override {
            path: path.to_owned(),
            value: None,
        }
    }

    /// Applies the override to `resource`; `Err` says why the path does not fit.
    pub(crate) fn apply(&self, resource: &mut Json) -> Result<(), String> {
        let segments: Vec<&str> = self.path.split('.').collect();
        if segments.iter().any(|s| s.is_empty()) {
            return Err("the path has an empty segment".to_owned());
        }
        let (last, parents) = segments
            .split_last()
            .ok_or_else(|| "the path is empty".to_owned())?;
        let mut node = resource;
        for seg in parents {
            node = step(node, seg, self.value.is_some())?;
        }
        match (node, &self.value) {
            (Json::Array(items), value) => {
                let i = index(last, items.len())?;
                match value {
                    Some(v) => items[i] = v.clone(),
                    None => {
                        items.remove(i);
                    }
                }
            }
            (obj @ Json::Object(_), Some(v)) => obj.insert(*last, v.clone()),
            (obj @ Json::Object(_), None) => {
                obj.remove(last);
            }
            (_, _) => return Err(format!("`{last}` is under a value that is not an object")),
        }
        Ok(())
    }
}

fn index(seg: &str, len: usize) -> Result<usize, String> {
    match seg.parse::<usize>() {
        Ok(i) if i < len => Ok(i),
        Ok(i) => Err(format!("index {i} is past the end of a list of {len}")),
        Err(_) => Err(format!("`{seg}` is not an index into a list")),
    }
}

fn step<'a>(node: &'a mut Json, seg: &str, create: bool) -> Result<&'a mut Json, String> {
    match node {
        Json::Array(items) => {
            let i = index(seg, items.len())?;
            Ok(&mut items[i])
        }
        Json::Object(_) => {
            if node.get(seg).is_none() {
                if !create {
                    return Err(format!("`{seg}` does not exist"));
                }
                node.insert(seg, Json::Object(Vec::new()));
            }
            node.get_mut(seg)
                .ok_or_else(|| format!("`{seg}` does not exist"))
        }
        _ => Err(format!("`{seg}` is under a value that is not an object")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resource() -> Json {
        Json::object([(
            "Properties",
            Json::object([("Ports", Json::Array(vec![Json::Int(80), Json::Int(443)]))]),
        )])
    }

    #[test]
    fn set_creates_objects_on_the_way() {
        let mut r = resource();
        Override::set("Properties.A.B", Json::Int(1))
            .apply(&mut r)
            .unwrap();
        assert_eq!(
            r.get("Properties").and_then(|p| p.get("A")),
            Some(&Json::object([("B", Json::Int(1))]))
        );
    }

    #[test]
    fn indexes_into_lists_and_deletes() {
        let mut r = resource();
        Override::set("Properties.Ports.1", Json::Int(8443))
            .apply(&mut r)
            .unwrap();
        Override::delete("Properties.Ports.0")
            .apply(&mut r)
            .unwrap();
        assert_eq!(
            r.get("Properties").and_then(|p| p.get("Ports")),
            Some(&Json::Array(vec![Json::Int(8443)]))
        );
    }

    #[test]
    fn bad_paths_are_errors_not_panics() {
        let mut r = resource();
        assert!(
            Override::set("Properties.Ports.9", Json::Null)
                .apply(&mut r)
                .is_err()
        );
        assert!(
            Override::set("Properties..X", Json::Null)
                .apply(&mut r)
                .is_err()
        );
        assert!(
            Override::set("Properties.Ports.x", Json::Null)
                .apply(&mut r)
                .is_err()
        );
        assert!(
            Override::delete("Properties.Missing.X")
                .apply(&mut r)
                .is_err()
        );
    }
}
