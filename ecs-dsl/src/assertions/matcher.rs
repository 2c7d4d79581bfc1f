//! [`Match`]: what an assertion expects of a JSON value, and how an actual value differs.

use std::fmt;

use serde_json::Value as Json;

/// What an assertion expects of a JSON value. Plain JSON (`serde_json::json!`) converts into
/// a subset match: objects may have more keys than expected, arrays must have the same length
/// with matching elements in order, other values must be equal.
///
/// ```
/// use ecs_dsl::assertions::Match;
/// use serde_json::json;
/// let m = Match::object([
///     ("LaunchType", Match::from(json!("FARGATE"))),
///     ("DesiredCount", Match::absent()),
///     ("LoadBalancers", Match::array_containing([json!({"ContainerPort": 80})])),
/// ]);
/// assert!(m.matches(&json!({"LaunchType": "FARGATE", "LoadBalancers": [{"ContainerPort": 80, "ContainerName": "web"}]})));
/// assert!(!m.matches(&json!({"LaunchType": "FARGATE", "DesiredCount": 2, "LoadBalancers": []})));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Match(Kind);

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// Objects: subset; arrays: same length, in order; scalars: equal.
    Like(Json),
    /// Exactly equal.
    Exact(Json),
    /// The key must not be present.
    Absent,
    /// An array with, for each expected element, some matching element.
    ArrayContaining(Vec<Match>),
    /// An object with these keys matching (others ignored).
    Object(Vec<(String, Match)>),
}

impl From<Json> for Match {
    fn from(json: Json) -> Self {
        Match(Kind::Like(json))
    }
}

impl Match {
    /// Exactly `json`: no extra keys anywhere.
    ///
    /// ```
    /// use ecs_dsl::assertions::Match;
    /// use serde_json::json;
    /// let m = Match::exact(json!({"Name": "web"}));
    /// assert!(m.matches(&json!({"Name": "web"})));
    /// assert!(!m.matches(&json!({"Name": "web", "Port": 80}))); // no extra keys
    /// assert!(Match::from(json!({"Name": "web"})).matches(&json!({"Name": "web", "Port": 80})));
    /// ```
    pub fn exact(json: Json) -> Self {
        Match(Kind::Exact(json))
    }

    /// Inside [`object`](Self::object): the key must not be present.
    ///
    /// ```
    /// use ecs_dsl::assertions::Match;
    /// use serde_json::json;
    /// let m = Match::object([("DesiredCount", Match::absent())]);
    /// assert!(m.matches(&json!({"LaunchType": "FARGATE"})));
    /// assert!(!m.matches(&json!({"DesiredCount": 2})));
    /// ```
    pub fn absent() -> Self {
        Match(Kind::Absent)
    }

    /// An array that has, for each of `elements`, a matching element (any order, more
    /// elements allowed).
    ///
    /// ```
    /// use ecs_dsl::assertions::Match;
    /// use serde_json::json;
    /// let m = Match::array_containing([json!({"Name": "b"})]);
    /// assert!(m.matches(&json!([{"Name": "a"}, {"Name": "b", "Value": 1}])));
    /// assert!(!m.matches(&json!([{"Name": "a"}])));
    /// ```
    pub fn array_containing<M: Into<Match>>(elements: impl IntoIterator<Item = M>) -> Self {
        Match(Kind::ArrayContaining(
            elements.into_iter().map(Into::into).collect(),
        ))
    }

    /// An object whose listed keys match (other keys are ignored).
    ///
    /// ```
    /// use ecs_dsl::assertions::Match;
    /// use serde_json::json;
    /// let m = Match::object([("Port", json!(80))]);
    /// assert!(m.matches(&json!({"Port": 80, "Protocol": "HTTP"})));
    /// assert!(!m.matches(&json!({"Port": 443})));
    /// ```
    pub fn object<K: Into<String>, M: Into<Match>>(
        entries: impl IntoIterator<Item = (K, M)>,
    ) -> Self {
        Match(Kind::Object(
            entries
                .into_iter()
                .map(|(k, m)| (k.into(), m.into()))
                .collect(),
        ))
    }

    /// Whether `actual` matches.
    ///
    /// ```
    /// use ecs_dsl::assertions::Match;
    /// use serde_json::json;
    /// let m = Match::from(json!([1, 2]));
    /// assert!(m.matches(&json!([1, 2])));
    /// assert!(!m.matches(&json!([1, 2, 3]))); // arrays: same length, in order
    /// assert!(!m.matches(&json!([2, 1])));
    /// ```
    pub fn matches(&self, actual: &Json) -> bool {
        self.mismatch(actual, "").is_none()
    }

    /// How `actual` (found at `path`) differs, if it does.
    pub(crate) fn mismatch(&self, actual: &Json, path: &str) -> Option<Mismatch> {
        let mut out = Vec::new();
        self.collect(Some(actual), path, &mut out);
        if out.is_empty() {
            None
        } else {
            Some(Mismatch { differences: out })
        }
    }

    fn collect(&self, actual: Option<&Json>, path: &str, out: &mut Vec<Difference>) {
        let differ = |out: &mut Vec<Difference>, expected: String| {
            out.push(Difference {
                path: path.to_owned(),
                expected,
                actual: actual.map_or_else(|| "nothing".to_owned(), short),
            })
        };
        match (&self.0, actual) {
            (Kind::Absent, None) => {}
            (Kind::Absent, Some(_)) => differ(out, "no value".to_owned()),
            (_, None) => differ(out, self.describe()),
            (Kind::Exact(e), Some(a)) => {
                if e != a {
                    differ(out, short(e));
                }
            }
            (Kind::Like(Json::Object(e)), Some(Json::Object(a))) => {
                for (k, v) in e {
                    Match::from(v.clone()).collect(a.get(k), &join(path, k), out);
                }
            }
            (Kind::Like(Json::Array(e)), Some(Json::Array(a))) => {
                if e.len() != a.len() {
                    differ(
                        out,
                        format!(
                            "{} element(s) like {}",
                            e.len(),
                            short(&Json::Array(e.clone()))
                        ),
                    );
                    return;
                }
                for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                    Match::from(ev.clone()).collect(Some(av), &format!("{path}[{i}]"), out);
                }
            }
            (Kind::Like(e), Some(a)) => {
                if e != a {
                    differ(out, short(e));
                }
            }
            (Kind::Object(entries), Some(Json::Object(a))) => {
                for (k, m) in entries {
                    m.collect(a.get(k), &join(path, k), out);
                }
            }
            (Kind::Object(_), Some(_)) => differ(out, self.describe()),
            (Kind::ArrayContaining(elements), Some(Json::Array(a))) => {
                for m in elements {
                    if !a.iter().any(|v| m.matches(v)) {
                        differ(out, format!("an element like {}", m.describe()));
                    }
                }
            }
            (Kind::ArrayContaining(_), Some(_)) => differ(out, self.describe()),
        }
    }

    fn describe(&self) -> String {
        match &self.0 {
            Kind::Like(j) | Kind::Exact(j) => short(j),
            Kind::Absent => "no value".to_owned(),
            Kind::ArrayContaining(e) => format!(
                "an array containing [{}]",
                e.iter().map(Match::describe).collect::<Vec<_>>().join(", ")
            ),
            Kind::Object(entries) => format!(
                "an object with {}",
                entries
                    .iter()
                    .map(|(k, m)| format!("{k}: {}", m.describe()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Compact JSON, cut at 120 characters.
fn short(j: &Json) -> String {
    let s = j.to_string();
    if s.chars().count() > 120 {
        let cut: String = s.chars().take(117).collect();
        format!("{cut}...")
    } else {
        s
    }
}

/// One place where the actual value differs.
#[derive(Debug, Clone, PartialEq)]
struct Difference {
    path: String,
    expected: String,
    actual: String,
}

/// How an actual value differs from a [`Match`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mismatch {
    differences: Vec<Difference>,
}

impl Mismatch {
    /// Orders candidates: fewer differences, then deeper ones (more matched above them).
    pub(crate) fn depth_penalty(&self) -> (usize, usize) {
        let deepest = self
            .differences
            .iter()
            .map(|d| d.path.matches(['.', '[']).count())
            .max()
            .unwrap_or(0);
        (self.differences.len(), usize::MAX - deepest)
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.differences.iter().take(3).enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            let at = if d.path.is_empty() {
                "the value"
            } else {
                &d.path
            };
            write!(f, "{at} is {} but expected {}", d.actual, d.expected)?;
        }
        if self.differences.len() > 3 {
            write!(f, "; and {} more", self.differences.len() - 3)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Match;
    use serde_json::json;

    #[test]
    fn subsets_lengths_absence_and_containment() {
        let actual =
            json!({"A": 1, "B": {"C": [1, 2], "D": "x"}, "E": [{"K": 1, "L": 2}, {"K": 3}]});
        assert!(Match::from(json!({"A": 1})).matches(&actual));
        assert!(Match::from(json!({"B": {"C": [1, 2]}})).matches(&actual));
        assert!(!Match::from(json!({"B": {"C": [1]}})).matches(&actual));
        assert!(!Match::from(json!({"A": 2})).matches(&actual));
        assert!(!Match::exact(json!({"A": 1})).matches(&actual));
        assert!(Match::object([("Z", Match::absent())]).matches(&actual));
        assert!(!Match::object([("A", Match::absent())]).matches(&actual));
        assert!(
            Match::object([("E", Match::array_containing([json!({"K": 3})]))]).matches(&actual)
        );
        assert!(
            !Match::object([("E", Match::array_containing([json!({"K": 4})]))]).matches(&actual)
        );
    }

    #[test]
    fn mismatches_name_the_path_and_both_values() {
        let m = Match::from(json!({"B": {"D": "y"}, "F": 1}));
        let d = m
            .mismatch(&json!({"B": {"D": "x"}}), "Properties")
            .unwrap()
            .to_string();
        assert_eq!(
            d,
            "Properties.B.D is \"x\" but expected \"y\"; Properties.F is nothing but expected 1"
        );
    }
}
