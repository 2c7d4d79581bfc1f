//! Target types that follow the network mode (rule S6): the slot the load balancing constructs
//! of [4/5] fill. Until then a target group can be referred to by ARN with its target type.

use std::marker::PhantomData;

use super::launch::{AwsVpc, Bridge, Host, Nat};
use crate::template::Value;

/// Target type `ip`: tasks register by their own IP address (network mode `awsvpc`).
#[derive(Debug, Clone, Copy)]
pub enum Ip {}
/// Target type `instance`: tasks register as instance + host port (`bridge`, `host`).
#[derive(Debug, Clone, Copy)]
pub enum Instance {}

/// Which network modes a target type can take tasks from (rule S6).
#[diagnostic::on_unimplemented(
    message = "a target group of target type `{Self}` cannot register tasks with network mode `{N}` (rule S6)",
    label = "wrong target type for `{N}`",
    note = "awsvpc tasks register by IP: use target type `Ip`; bridge and host tasks register as instances: use `Instance`"
)]
pub trait TargetsNetwork<N> {}
impl TargetsNetwork<AwsVpc> for Ip {}
impl TargetsNetwork<Bridge> for Instance {}
impl TargetsNetwork<Host> for Instance {}
impl TargetsNetwork<Nat> for Instance {}

/// A target group of target type `T`, by ARN.
///
/// ```
/// use ecs_dsl::ecs::{Ip, TargetGroupRef};
/// let tg = TargetGroupRef::<Ip>::from_arn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef");
/// # let _ = tg;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TargetGroupRef<T> {
    pub(crate) arn: Value<String>,
    _type: PhantomData<fn() -> T>,
}

impl<T> TargetGroupRef<T> {
    /// A target group by ARN; the caller states its target type.
    pub fn from_arn(arn: impl Into<Value<String>>) -> Self {
        TargetGroupRef {
            arn: arn.into(),
            _type: PhantomData,
        }
    }

    /// The target group's ARN.
    pub fn arn(&self) -> &Value<String> {
        &self.arn
    }
}

/// A target group of target type `T` that a service can [`attach`](super::ServiceBuilder::attach)
/// to: an [`elb::TargetGroup`](crate::elb::TargetGroup) of this app or a [`TargetGroupRef`].
pub trait AsTargetGroup<T> {
    /// The target group's ARN.
    fn target_group_arn(&self) -> Value<String>;
}

impl<T> AsTargetGroup<T> for TargetGroupRef<T> {
    fn target_group_arn(&self) -> Value<String> {
        self.arn.clone()
    }
}

impl<T: crate::elb::TargetKind> AsTargetGroup<T> for crate::elb::TargetGroup<T> {
    fn target_group_arn(&self) -> Value<String> {
        self.arn()
    }
}
