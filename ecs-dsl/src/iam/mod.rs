//! IAM building blocks (L2): policy statements and documents, trust policies for service
//! principals, roles, AWS managed policies, and the least-privilege grants the ECS constructs
//! use.
//!
//! Policies are built from typed [`PolicyStatement`]s and rendered deterministically: actions
//! sorted and deduplicated, resources deduplicated in insertion order, conditions sorted by
//! operator and key. `"Resource": "*"` is only written by [`PolicyStatement::any_resource`],
//! which this crate itself uses only for the actions AWS offers no resource-level permissions
//! for ([`grants::REQUIRED_WILDCARD_ACTIONS`]); [`grants::wildcard_statements`] lists every such
//! statement of a synthesized template so tests can keep it that way.
//!
//! ```
//! use ecs_dsl::prelude::*;
//! use ecs_dsl::iam::{IRole, PolicyStatement, Role, ServicePrincipal, grants};
//!
//! let mut app = App::new();
//! let stack = app.stack("web")?;
//! let task_role = Role::builder(&stack, "TaskRole", ServicePrincipal::EcsTasks)
//!     .description("What the web containers may do")
//!     .statement(
//!         PolicyStatement::allow()
//!             .action("s3:GetObject")
//!             .resource(intrinsic::sub("arn:${AWS::Partition}:s3:::assets-${AWS::AccountId}/*")),
//!     )
//!     .build()?;
//! let granted = task_role.grant(grants::ecs_exec())?;
//! assert!(granted.is_added());
//!
//! let template = app.synthesize()?.stack("web").unwrap().template_json();
//! let found = grants::wildcard_statements(&template);
//! assert!(found.iter().all(|s| s.actions.iter().all(|a| grants::REQUIRED_WILDCARD_ACTIONS.contains(&a.as_str()))));
//! # Ok::<(), ecs_dsl::Error>(())
//! ```

mod document;
pub mod grants;
mod managed_policy;
mod principal;
mod role;
mod statement;

pub use document::PolicyDocument;
pub use managed_policy::ManagedPolicy;
pub use principal::{Principal, ServicePrincipal};
pub use role::{GrantResult, IRole, ImportedRole, Role, RoleBuilder};
pub use statement::{Effect, PolicyStatement};

/// Plain JSON of a [`Json`](crate::template::Json) tree for assertions: references are written
/// as same-stack `Ref` / `Fn::GetAtt` (synthesis does the real rendering).
#[cfg(test)]
pub(crate) fn to_serde(json: &crate::template::Json) -> serde_json::Value {
    use crate::template::Json;
    use serde_json::{Value, json};
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Int(i) => json!(i),
        Json::Float(f) => json!(f),
        Json::Str(s) => Value::String(s.clone()),
        Json::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        Json::Object(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
        Json::Ref(t) | Json::ConditionName(t) => json!({"Ref": t.logical_id()}),
        Json::GetAtt(t, attr) => json!({"Fn::GetAtt": [t.logical_id(), &**attr]}),
    }
}
