//! The crate's error type: every message names the stack, the logical id, the field and the rule.

use std::path::PathBuf;

/// The result type of ecs-dsl.
///
/// ```
/// use ecs_dsl::prelude::*;
/// fn web_stack(app: &mut App) -> ecs_dsl::Result<Stack> {
///     let stack = app.stack("web")?;
///     stack.set_description("The web tier");
///     Ok(stack)
/// }
/// let mut app = App::new();
/// assert_eq!(web_stack(&mut app)?.name(), "web");
/// assert!(web_stack(&mut app).is_err()); // a second `web`
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while building or synthesizing an app.
///
/// Each variant names what it can: the stack, the element's logical id, the field path and the
/// rule id of `shared/reference/ecs-rules.md` (`F3`, `F9`, `T26`...).
///
/// ```
/// use ecs_dsl::prelude::*;
/// let mut app = App::new();
/// let err = app.stack("1bad").unwrap_err();
/// assert!(err.to_string().contains("rule F5"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A stack name breaks rule F5.
    #[error("invalid stack name `{name}`: {reason} (rule F5)")]
    InvalidStackName {
        /// The name given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },

    /// Two stacks of one app have the same name.
    #[error("stack `{name}` is defined twice in this app (rule F5)")]
    DuplicateStack {
        /// The name given twice.
        name: String,
    },

    /// A stack asked for by name is not in the app.
    ///
    /// ```
    /// use ecs_dsl::assertions::Template;
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// app.stack("web")?;
    /// let err = Template::from_app(&app, "api").unwrap_err();
    /// assert_eq!(err.to_string(), "no stack `api` in the app; it has `web`");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    #[error("no stack `{name}` in the app; it has {}", list_names(.available))]
    NoSuchStack {
        /// The name asked for.
        name: String,
        /// The stacks the app has.
        available: Vec<String>,
    },

    /// A logical id breaks rule F3.
    #[error("stack `{stack}`: invalid logical id `{id}` for {owner}: {reason} (rule F3)")]
    InvalidLogicalId {
        /// The stack.
        stack: String,
        /// The id given.
        id: String,
        /// Who asked for it (a resource type, a construct, a parameter, an output).
        owner: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A logical id is used twice in one stack.
    #[error(
        "stack `{stack}`: logical id `{id}` is already used by {first} and cannot also be used by {second} (rule F3)"
    )]
    DuplicateLogicalId {
        /// The stack.
        stack: String,
        /// The id used twice.
        id: String,
        /// The owner that has it.
        first: String,
        /// The owner that asked for it again.
        second: String,
    },

    /// A value refers to an element of another app.
    #[error(
        "stack `{stack}`: `{logical_id}` field `{field}` refers to {target}, which belongs to another App"
    )]
    ForeignReference {
        /// The stack holding the reference.
        stack: String,
        /// The element holding the reference.
        logical_id: String,
        /// The field path.
        field: String,
        /// What is referred to: `` `stack`.LogicalId ``.
        target: String,
    },

    /// A condition was used in a stack other than its own.
    #[error(
        "stack `{stack}`: `{logical_id}` field `{field}` uses condition {condition}; conditions cannot cross stacks"
    )]
    ForeignCondition {
        /// The stack using the condition.
        stack: String,
        /// The element using it.
        logical_id: String,
        /// The field path.
        field: String,
        /// The condition: `` `stack`.LogicalId ``.
        condition: String,
    },

    /// Cross-stack references or dependencies form a cycle.
    #[error("stacks depend on each other in a cycle: {} (rule F9)", .cycle.join("; "))]
    DependencyCycle {
        /// Each edge of the cycle: `stack a uses b.X (at Res.Field)`.
        cycle: Vec<String>,
    },

    /// A reference between stacks of different accounts or regions.
    #[error(
        "stack `{stack}`: `{at}` refers to {target}, but the stacks are in different environments ({envs}); exports cannot cross accounts or regions"
    )]
    CrossEnvironmentReference {
        /// The consuming stack.
        stack: String,
        /// The element and field holding the reference: `LogicalId.Field`.
        at: String,
        /// What is referred to: `` `stack`.LogicalId ``.
        target: String,
        /// Both environments: `consumer: account/region, producer: account/region`.
        envs: String,
    },

    /// A reference where CloudFormation does not allow one (a resource in a condition, a
    /// reference in a mapping, a conditional resource exported to another stack...).
    #[error("stack `{stack}`: `{logical_id}` field `{field}`: {reason}")]
    InvalidReference {
        /// The stack.
        stack: String,
        /// The element holding the reference.
        logical_id: String,
        /// The field path.
        field: String,
        /// What is wrong.
        reason: String,
    },

    /// A template exceeds a count limit of rule F2.
    #[error("stack `{stack}` has {count} {what}; a template holds at most {limit} (rule F2)")]
    TooMany {
        /// The stack.
        stack: String,
        /// `resources`, `parameters`, `outputs` or `mappings`.
        what: &'static str,
        /// How many it has (after synthesis added exports).
        count: usize,
        /// The limit.
        limit: usize,
    },

    /// A template is larger than CloudFormation accepts even through S3 (rule F1).
    #[error(
        "stack `{stack}`: the template is {bytes} bytes; CloudFormation accepts at most {limit} bytes (rule F1)"
    )]
    TemplateTooLarge {
        /// The stack.
        stack: String,
        /// The template's size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },

    /// Tags break rule T26.
    #[error("stack `{stack}`: `{logical_id}` field `{field}`: {reason} (rule T26)")]
    InvalidTag {
        /// The stack.
        stack: String,
        /// The resource (or `stack` for stack tags).
        logical_id: String,
        /// The field path.
        field: String,
        /// What is wrong.
        reason: String,
    },

    /// A value that cannot be written as JSON (a NaN or infinite number).
    #[error("stack `{stack}`: `{logical_id}` field `{field}`: {reason}")]
    InvalidValue {
        /// The stack.
        stack: String,
        /// The element.
        logical_id: String,
        /// The field path.
        field: String,
        /// What is wrong.
        reason: String,
    },

    /// An override path that does not fit the rendered resource.
    #[error("stack `{stack}`: `{logical_id}`: override `{path}`: {reason}")]
    InvalidOverride {
        /// The stack.
        stack: String,
        /// The resource.
        logical_id: String,
        /// The override's path.
        path: String,
        /// What is wrong.
        reason: String,
    },

    /// A handle was used while its resource was being changed by [`Handle::update`](crate::Handle::update).
    #[error(
        "stack `{stack}`: `{logical_id}` is being updated and cannot be used inside its own update"
    )]
    ResourceBusy {
        /// The stack.
        stack: String,
        /// The resource.
        logical_id: String,
    },

    /// A Fargate CPU/memory pair that Fargate does not offer (rule F-SIZE).
    #[error("invalid Fargate size (cpu `{cpu}`, memory `{memory}`): {reason} (rule F-SIZE)")]
    InvalidFargateSize {
        /// The CPU as given.
        cpu: String,
        /// The memory as given.
        memory: String,
        /// What is wrong.
        reason: String,
    },

    /// A value breaks an ECS or CloudFormation rule of `ecs-rules.md` (T1, S3, ...), found when a
    /// construct is built or synthesized.
    #[error("stack `{stack}`: `{logical_id}` field `{field}`: {reason} (rule {rule})")]
    Rule {
        /// The stack.
        stack: String,
        /// The resource (or construct) holding the value.
        logical_id: String,
        /// The field path, e.g. `ContainerDefinitions[web].Memory`.
        field: String,
        /// The rule id, e.g. `T13`.
        rule: &'static str,
        /// What is wrong, with the values involved.
        reason: String,
    },

    /// An image reference breaks rule T22.
    #[error("invalid image reference `{image}`: {reason} (rule T22)")]
    InvalidImage {
        /// The reference as given.
        image: String,
        /// What is wrong.
        reason: String,
    },

    /// A cluster, service, family or container name breaks rule S15.
    #[error("invalid {kind} name `{name}`: {reason} (rule S15)")]
    InvalidName {
        /// `cluster`, `service`, `family` or `container`.
        kind: &'static str,
        /// The name as given.
        name: String,
        /// What is wrong.
        reason: String,
    },

    /// Writing the assembly failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl Error {
    /// [`Error::Rule`] from borrowed parts.
    pub(crate) fn rule(
        stack: &str,
        logical_id: &str,
        field: impl Into<String>,
        rule: &'static str,
        reason: impl Into<String>,
    ) -> Error {
        Error::Rule {
            stack: stack.to_owned(),
            logical_id: logical_id.to_owned(),
            field: field.into(),
            rule,
            reason: reason.into(),
        }
    }

    /// [`Error::InvalidValue`] from borrowed parts.
    pub(crate) fn invalid_value(
        stack: &str,
        logical_id: &str,
        field: impl Into<String>,
        reason: impl Into<String>,
    ) -> Error {
        Error::InvalidValue {
            stack: stack.to_owned(),
            logical_id: logical_id.to_owned(),
            field: field.into(),
            reason: reason.into(),
        }
    }
}

/// `a`, `b` or "no stacks".
fn list_names(names: &[String]) -> String {
    if names.is_empty() {
        return "no stacks".to_owned();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    /// Keeps `Result<T, Error>` small enough that users' code does not trip clippy's
    /// `result_large_err` (128 bytes).
    #[test]
    fn error_stays_small() {
        assert!(std::mem::size_of::<super::Error>() < 128);
    }
}
