//! Names of clusters, services, task definition families and containers (rule S15): checked at
//! compile time by [`name!`](crate::name) for literals and by [`Name::new`] /
//! [`Name::for_kind`] at run time, with the one check in `ecs-dsl-rules`.

use std::borrow::Cow;
use std::fmt;

use ecs_dsl_rules::names::ecs_name_problem;

use crate::error::{Error, Result};
use crate::template::Value;

/// A cluster, service, task definition family or container name: 1 to 255 of
/// `[A-Za-z0-9_-]` (rule S15).
///
/// ```
/// use ecs_dsl::ecs::Name;
/// let web = ecs_dsl::name!("web");
/// assert_eq!(web.as_str(), "web");
/// assert_eq!(Name::new("web")?, web);
/// assert!(Name::new("web.api").is_err());
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(Cow<'static, str>);

impl Name {
    /// A name checked against rule S15; an error calls it a `resource` name. Builders use
    /// [`Name::for_kind`] to say which name it is.
    ///
    /// ```
    /// use ecs_dsl::ecs::Name;
    /// assert_eq!(Name::new(String::from("api_v2"))?.as_str(), "api_v2");
    /// let err = Name::new("").unwrap_err();
    /// assert!(err.to_string().contains("rule S15"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new(name: impl Into<String>) -> Result<Name> {
        Name::for_kind(name, "resource")
    }

    /// A name checked against rule S15; an error says what it names: `"container"`,
    /// `"service"`, `"cluster"` or `"family"`.
    ///
    /// ```
    /// use ecs_dsl::ecs::Name;
    /// let err = Name::for_kind("web app", "container").unwrap_err();
    /// assert!(err.to_string().starts_with("invalid container name `web app`"));
    /// ```
    pub fn for_kind(name: impl Into<String>, kind: &'static str) -> Result<Name> {
        let name = name.into();
        match ecs_name_problem(&name) {
            None => Ok(Name(Cow::Owned(name))),
            Some(reason) => Err(Error::InvalidName { kind, name, reason }),
        }
    }

    /// Used by [`name!`](crate::name) after it checked the literal; not for direct use.
    #[doc(hidden)]
    pub const fn __checked(name: &'static str) -> Name {
        Name(Cow::Borrowed(name))
    }

    /// The name.
    ///
    /// ```
    /// assert_eq!(ecs_dsl::name!("web").as_str(), "web");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    /// The name as is.
    ///
    /// ```
    /// assert_eq!(format!("{}", ecs_dsl::name!("web")), "web");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl From<Name> for String {
    /// The name.
    ///
    /// ```
    /// let s: String = ecs_dsl::name!("web").into();
    /// assert_eq!(s, "web");
    /// ```
    fn from(name: Name) -> Self {
        name.0.into_owned()
    }
}

impl From<Name> for Value<String> {
    /// The name as a literal value, for L1 properties.
    ///
    /// ```
    /// use ecs_dsl::template::Value;
    /// let v: Value<String> = ecs_dsl::name!("web").into();
    /// assert_eq!(v, Value::from("web"));
    /// ```
    fn from(name: Name) -> Self {
        Value::Literal(name.into())
    }
}

impl TryFrom<&str> for Name {
    type Error = Error;

    /// The same as [`Name::new`].
    ///
    /// ```
    /// use ecs_dsl::ecs::Name;
    /// assert!(Name::try_from("web").is_ok());
    /// assert!(Name::try_from("web/api").is_err());
    /// ```
    fn try_from(name: &str) -> Result<Name> {
        Name::new(name)
    }
}

impl TryFrom<String> for Name {
    type Error = Error;

    /// The same as [`Name::new`].
    fn try_from(name: String) -> Result<Name> {
        Name::new(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_kind_the_value_and_the_rule() {
        let msg = Name::for_kind("web.api", "service")
            .unwrap_err()
            .to_string();
        assert_eq!(
            msg,
            "invalid service name `web.api`: '.' is not allowed; use only A-Z, a-z, 0-9, '_' and '-' (rule S15)"
        );
        let msg = Name::new("x".repeat(256)).unwrap_err().to_string();
        assert!(
            msg.starts_with("invalid resource name") && msg.contains("limit is 255"),
            "{msg}"
        );
    }

    #[test]
    fn checked_and_new_names_are_equal() {
        const WEB: Name = Name::__checked("web");
        assert_eq!(Name::new("web").unwrap(), WEB);
        assert_eq!(WEB, "web");
        assert_eq!(String::from(Name::new("x".repeat(255)).unwrap()).len(), 255);
    }
}
