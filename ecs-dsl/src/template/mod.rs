//! The template model: apps, stacks, typed values, references across stacks, synthesis.
//!
//! An [`App`] holds [`Stack`]s; each stack renders one CloudFormation template. Resources added
//! to a stack return typed [`Handle`]s; values are [`Value`]s (a literal or an expression).
//! Using a handle of one stack in another makes synthesis add an export to the first and an
//! `Fn::ImportValue` to the second, and records the dependency.

mod app;
mod assembly;
mod condition;
pub mod intrinsic;
mod json;
mod logical_id;
mod output;
mod overrides;
mod parameter;
mod resource;
pub(crate) mod sha256;
mod stack;
mod synth;
mod value;
mod writer;

pub use app::App;
pub use assembly::{Assembly, MANIFEST_FILE, MANIFEST_VERSION, SynthesizedStack};
pub use condition::{Condition, ConditionHandle};
pub use json::{Json, ObjectBuilder, Target, TargetKind, ToJson};
pub use logical_id::{
    MAX_LOGICAL_ID_LEN, MAX_STACK_NAME_LEN, logical_id_problem, stack_name_problem,
};
pub use output::Output;
pub use parameter::{AwsType, Parameter, ParameterHandle, ParameterType};
pub use resource::{Handle, RawResource, RemovalPolicy, Resource};
pub use stack::{Environment, Stack};
pub use synth::{
    INLINE_TEMPLATE_LIMIT, MAX_MAPPINGS, MAX_OUTPUTS, MAX_PARAMETERS, MAX_RESOURCES, MAX_TAGS,
    MAX_TEMPLATE_BYTES,
};
pub use value::{Expr, List, Map, Shape, Value};
