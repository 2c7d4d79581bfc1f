//! Capacity providers and strategies (rules S3, S4). A strategy holds providers of one kind
//! only, so Fargate and Auto Scaling group providers cannot be mixed (rule S3), and a service
//! can use only providers of its task's launch type.

use std::marker::PhantomData;

use super::launch::{Ec2, Ec2Windows, Fargate, FargateWindows};
use crate::cfn::ecs::CapacityProvider as CfnCapacityProvider;
use crate::cfn::ecs::capacity_provider::{
    AutoScalingGroupProvider, AutoScalingGroupProviderManagedDraining,
    AutoScalingGroupProviderManagedTerminationProtection, ManagedScaling, ManagedScalingStatus,
};
use crate::error::{Error, Result};
use crate::template::{Handle, Stack, Value};

/// Providers that run Fargate tasks (`FARGATE`, `FARGATE_SPOT`).
///
/// ```
/// use ecs_dsl::ecs::{CapacityProvider, FargateCapacity};
/// let provider: CapacityProvider<FargateCapacity> = CapacityProvider::fargate();
/// assert_eq!(provider.name().literal().map(String::as_str), Some("FARGATE"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FargateCapacity {}
/// Providers backed by an EC2 Auto Scaling group.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// let asg = stack.add_parameter("AsgName", Parameter::string())?;
/// let provider: CapacityProvider<AsgCapacity> = AsgCapacityProvider::builder(&stack, "Instances", asg.value()).build()?;
/// assert!(matches!(Json::from(provider.name().clone()), Json::Ref(t) if t.logical_id() == "Instances"));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AsgCapacity {}

/// Which launch types a kind of capacity provider runs (rule S3).
#[diagnostic::on_unimplemented(
    message = "`{Self}` capacity providers cannot run `{L}` tasks (rule S3)",
    label = "wrong kind of capacity provider for `{L}`",
    note = "Fargate tasks use FARGATE / FARGATE_SPOT; EC2 tasks use Auto Scaling group providers"
)]
/// ```
/// use ecs_dsl::ecs::{AsgCapacity, Ec2, Fargate, FargateCapacity, RunsLaunch};
/// fn runs<K: RunsLaunch<L>, L>() {}
/// runs::<FargateCapacity, Fargate>();
/// runs::<AsgCapacity, Ec2>();
/// ```
pub trait RunsLaunch<L> {}
impl RunsLaunch<Fargate> for FargateCapacity {}
impl RunsLaunch<FargateWindows> for FargateCapacity {}
impl RunsLaunch<Ec2> for AsgCapacity {}
impl RunsLaunch<Ec2Windows> for AsgCapacity {}

/// A capacity provider of kind `K`: [`FargateCapacity`] or [`AsgCapacity`].
///
/// ```
/// use ecs_dsl::ecs::CapacityProvider;
/// let spot = CapacityProvider::fargate_spot();
/// assert_eq!(spot.name().literal().map(String::as_str), Some("FARGATE_SPOT"));
/// ```
#[derive(Debug)]
pub struct CapacityProvider<K> {
    pub(crate) name: Value<String>,
    pub(crate) spot: bool,
    _kind: PhantomData<fn() -> K>,
}

impl<K> CapacityProvider<K> {
    /// The provider's name (a literal for Fargate, a `Ref` for Auto Scaling group providers).
    ///
    /// ```
    /// use ecs_dsl::ecs::CapacityProvider;
    /// assert_eq!(CapacityProvider::fargate().name().literal().map(String::as_str), Some("FARGATE"));
    /// ```
    pub fn name(&self) -> &Value<String> {
        &self.name
    }

    /// Uses this provider in a strategy with a weight (0-1000; rule S3, checked when built).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let strategy = CapacityProviderStrategy::new().with(CapacityProvider::fargate_spot().weight(2));
    /// Cluster::builder(&stack, "Cluster").fargate_capacity_providers().default_strategy(strategy).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["ClusterCapacityProviders"]["Properties"];
    /// assert_eq!(props["DefaultCapacityProviderStrategy"][0]["Weight"], 2);
    /// // weights above 1000 are refused when built (rule S3)
    /// let heavy = CapacityProviderStrategy::new().with(CapacityProvider::fargate().weight(1001));
    /// assert!(Cluster::builder(&stack, "Heavy").fargate_capacity_providers().default_strategy(heavy).build().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn weight(&self, weight: u32) -> StrategyItem<K> {
        StrategyItem {
            provider: self.clone(),
            base: None,
            weight,
        }
    }
}

impl CapacityProvider<FargateCapacity> {
    /// `FARGATE`.
    ///
    /// ```
    /// use ecs_dsl::ecs::CapacityProvider;
    /// assert_eq!(CapacityProvider::fargate().name().literal().map(String::as_str), Some("FARGATE"));
    /// ```
    pub fn fargate() -> Self {
        CapacityProvider {
            name: Value::Literal("FARGATE".to_owned()),
            spot: false,
            _kind: PhantomData,
        }
    }

    /// `FARGATE_SPOT` (not for Windows tasks, rule S4).
    ///
    /// ```
    /// use ecs_dsl::ecs::CapacityProvider;
    /// assert_eq!(CapacityProvider::fargate_spot().name().literal().map(String::as_str), Some("FARGATE_SPOT"));
    /// ```
    pub fn fargate_spot() -> Self {
        CapacityProvider {
            name: Value::Literal("FARGATE_SPOT".to_owned()),
            spot: true,
            _kind: PhantomData,
        }
    }
}

/// One entry of a capacity provider strategy.
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// let on_demand: StrategyItem<FargateCapacity> = CapacityProvider::fargate().weight(1).base(2);
/// Cluster::builder(&stack, "Cluster")
///     .fargate_capacity_providers()
///     .default_strategy(CapacityProviderStrategy::new().with(on_demand))
///     .build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let props = &t["Resources"]["ClusterCapacityProviders"]["Properties"];
/// assert_eq!(props["DefaultCapacityProviderStrategy"][0]["Base"], 2);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug)]
pub struct StrategyItem<K> {
    pub(crate) provider: CapacityProvider<K>,
    pub(crate) base: Option<u32>,
    pub(crate) weight: u32,
}

impl<K> StrategyItem<K> {
    /// Tasks placed on this provider before weights apply (0-100000; only one provider of a
    /// strategy may have a base; rule S3).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let two_bases = CapacityProviderStrategy::new()
    ///     .with(CapacityProvider::fargate().weight(1).base(1))
    ///     .with(CapacityProvider::fargate_spot().weight(1).base(1));
    /// let err = Cluster::builder(&stack, "Cluster")
    ///     .fargate_capacity_providers()
    ///     .default_strategy(two_bases)
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("S3"), "{err}");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn base(mut self, base: u32) -> Self {
        self.base = Some(base);
        self
    }
}

/// A capacity provider strategy: providers of one kind with weights and at most one base.
///
/// ```
/// use ecs_dsl::ecs::{CapacityProvider, CapacityProviderStrategy};
/// let mostly_spot = CapacityProviderStrategy::new()
///     .with(CapacityProvider::fargate().weight(1).base(2))
///     .with(CapacityProvider::fargate_spot().weight(3));
/// # let _ = mostly_spot;
/// ```
#[derive(Debug)]
pub struct CapacityProviderStrategy<K> {
    pub(crate) items: Vec<StrategyItem<K>>,
}

// Manual impls: the kind is a marker and needs no bounds.
impl<K> Clone for CapacityProvider<K> {
    fn clone(&self) -> Self {
        CapacityProvider {
            name: self.name.clone(),
            spot: self.spot,
            _kind: PhantomData,
        }
    }
}

impl<K> Clone for StrategyItem<K> {
    fn clone(&self) -> Self {
        StrategyItem {
            provider: self.provider.clone(),
            base: self.base,
            weight: self.weight,
        }
    }
}

impl<K> Clone for CapacityProviderStrategy<K> {
    fn clone(&self) -> Self {
        CapacityProviderStrategy {
            items: self.items.clone(),
        }
    }
}

impl<K> Default for CapacityProviderStrategy<K> {
    fn default() -> Self {
        CapacityProviderStrategy { items: Vec::new() }
    }
}

impl<K> CapacityProviderStrategy<K> {
    /// An empty strategy.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// // an empty strategy is refused when built (rule S3)
    /// let empty = CapacityProviderStrategy::<FargateCapacity>::new();
    /// assert!(Cluster::builder(&stack, "Cluster").fargate_capacity_providers().default_strategy(empty).build().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a provider.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let strategy = CapacityProviderStrategy::new()
    ///     .with(CapacityProvider::fargate().weight(1))
    ///     .with(CapacityProvider::fargate_spot().weight(3));
    /// Cluster::builder(&stack, "Cluster").fargate_capacity_providers().default_strategy(strategy).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["ClusterCapacityProviders"]["Properties"];
    /// assert_eq!(props["DefaultCapacityProviderStrategy"].as_array().map(Vec::len), Some(2));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn with(mut self, item: StrategyItem<K>) -> Self {
        self.items.push(item);
        self
    }

    /// The strategy without its kind, as the cluster and services render and check it.
    pub(crate) fn erase(&self) -> StrategyRows {
        StrategyRows {
            rows: self
                .items
                .iter()
                .map(|i| (i.provider.name.clone(), i.base, i.weight))
                .collect(),
            uses_spot: self.items.iter().any(|i| i.provider.spot),
        }
    }
}

/// A capacity provider strategy without its kind: (provider name, base, weight) rows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StrategyRows {
    pub rows: Vec<(Value<String>, Option<u32>, u32)>,
    /// Whether any provider is `FARGATE_SPOT` (rule S4).
    pub uses_spot: bool,
}

impl StrategyRows {
    /// Rule S3's numbers; `Some(reason)` names the problem.
    pub(crate) fn problem(&self) -> Option<String> {
        let rows = &self.rows;
        if rows.is_empty() {
            return Some("the strategy has no provider".into());
        }
        let bases = rows.iter().filter(|(_, b, _)| b.is_some()).count();
        if bases > 1 {
            return Some(format!("{bases} providers have a base; at most one may"));
        }
        if let Some(b) = rows
            .iter()
            .filter_map(|(_, b, _)| *b)
            .find(|b| *b > 100_000)
        {
            return Some(format!("base {b} is above 100000"));
        }
        if let Some(w) = rows.iter().map(|(_, _, w)| *w).find(|w| *w > 1000) {
            return Some(format!("weight {w} is above 1000"));
        }
        if rows.iter().all(|(_, _, w)| *w == 0) {
            return Some("every weight is 0; at least one must be above 0".into());
        }
        let mut names: Vec<&String> = rows.iter().filter_map(|(n, _, _)| n.literal()).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        if names.len() != n {
            return Some("a provider appears twice".into());
        }
        None
    }

    /// [`problem`](Self::problem) as an [`Error::Rule`] of rule S3.
    pub(crate) fn check(&self, stack: &str, id: &str, field: &str) -> Result<()> {
        match self.problem() {
            None => Ok(()),
            Some(reason) => Err(Error::rule(stack, id, field, "S3", reason)),
        }
    }
}

/// An EC2 Auto Scaling group capacity provider (`AWS::ECS::CapacityProvider`), with managed
/// scaling and managed termination protection on by default.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ecs::AsgCapacityProvider;
/// let mut app = App::new();
/// let stack = app.stack("ec2")?;
/// let asg_arn = stack.add_parameter("AsgArn", Parameter::string())?;
/// let provider = AsgCapacityProvider::builder(&stack, "Instances", asg_arn.value())
///     .target_capacity_percent(90)
///     .build()?;
/// # let _ = provider;
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug)]
pub struct AsgCapacityProvider {
    stack: Stack,
    id: String,
    asg_arn: Value<String>,
    managed_scaling: bool,
    target_capacity: u32,
    termination_protection: bool,
    managed_draining: bool,
}

impl AsgCapacityProvider {
    /// A provider for the Auto Scaling group with this ARN (or name).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let provider = AsgCapacityProvider::builder(&stack, "Instances", "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/ecs").build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Instances"]["Properties"];
    /// let asg = &props["AutoScalingGroupProvider"];
    /// assert_eq!(asg["ManagedScaling"]["Status"], "ENABLED");
    /// assert_eq!(asg["ManagedTerminationProtection"], "ENABLED");
    /// # let _ = provider;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn builder(stack: &Stack, id: &str, auto_scaling_group: impl Into<Value<String>>) -> Self {
        AsgCapacityProvider {
            stack: stack.clone(),
            id: id.to_owned(),
            asg_arn: auto_scaling_group.into(),
            managed_scaling: true,
            target_capacity: 100,
            termination_protection: true,
            managed_draining: true,
        }
    }

    /// Target utilization of managed scaling, 1-100 % (default 100).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// AsgCapacityProvider::builder(&stack, "Instances", "ecs-asg").target_capacity_percent(80).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Instances"]["Properties"];
    /// assert_eq!(props["AutoScalingGroupProvider"]["ManagedScaling"]["TargetCapacity"], 80);
    /// assert!(AsgCapacityProvider::builder(&stack, "Bad", "ecs-asg").target_capacity_percent(0).build().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn target_capacity_percent(mut self, percent: u32) -> Self {
        self.target_capacity = percent;
        self
    }

    /// Turns managed scaling off (ECS then does not scale the group).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// AsgCapacityProvider::builder(&stack, "Instances", "ecs-asg")
    ///     .without_managed_scaling()
    ///     .without_termination_protection() // it needs managed scaling
    ///     .build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Instances"]["Properties"];
    /// assert_eq!(props["AutoScalingGroupProvider"]["ManagedScaling"]["Status"], "DISABLED");
    /// assert!(AsgCapacityProvider::builder(&stack, "Bad", "ecs-asg").without_managed_scaling().build().is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn without_managed_scaling(mut self) -> Self {
        self.managed_scaling = false;
        self
    }

    /// Turns managed termination protection off (it needs managed scaling and the group's
    /// scale-in protection).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// AsgCapacityProvider::builder(&stack, "Instances", "ecs-asg").without_termination_protection().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Instances"]["Properties"];
    /// assert_eq!(props["AutoScalingGroupProvider"]["ManagedTerminationProtection"], "DISABLED");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn without_termination_protection(mut self) -> Self {
        self.termination_protection = false;
        self
    }

    /// Turns managed draining off.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// AsgCapacityProvider::builder(&stack, "Instances", "ecs-asg").without_managed_draining().build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Instances"]["Properties"];
    /// assert_eq!(props["AutoScalingGroupProvider"]["ManagedDraining"], "DISABLED");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn without_managed_draining(mut self) -> Self {
        self.managed_draining = false;
        self
    }

    /// Adds the provider.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// let provider = AsgCapacityProvider::builder(&stack, "Instances", "ecs-asg").build()?;
    /// Cluster::builder(&stack, "Cluster").capacity_provider(&provider).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let props = &t["Resources"]["Instances"]["Properties"];
    /// assert!(props["AutoScalingGroupProvider"].is_object());
    /// assert_eq!(t["Resources"]["Instances"]["Type"], "AWS::ECS::CapacityProvider");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<CapacityProvider<AsgCapacity>> {
        let fail = |field: &str, reason: String| {
            Error::rule(self.stack.name(), &self.id, field, "S3", reason)
        };
        if !(1..=100).contains(&self.target_capacity) {
            return Err(fail(
                "AutoScalingGroupProvider.ManagedScaling.TargetCapacity",
                format!("{} % is outside 1..=100", self.target_capacity),
            ));
        }
        if self.termination_protection && !self.managed_scaling {
            return Err(fail(
                "AutoScalingGroupProvider.ManagedTerminationProtection",
                "managed termination protection needs managed scaling".into(),
            ));
        }
        let scaling = ManagedScaling::new().status(if self.managed_scaling {
            ManagedScalingStatus::Enabled
        } else {
            ManagedScalingStatus::Disabled
        });
        let scaling = if self.managed_scaling {
            scaling.target_capacity(i64::from(self.target_capacity))
        } else {
            scaling
        };
        let provider = AutoScalingGroupProvider::new(self.asg_arn.clone())
            .managed_scaling(scaling)
            .managed_termination_protection(if self.termination_protection {
                AutoScalingGroupProviderManagedTerminationProtection::Enabled
            } else {
                AutoScalingGroupProviderManagedTerminationProtection::Disabled
            })
            .managed_draining(if self.managed_draining {
                AutoScalingGroupProviderManagedDraining::Enabled
            } else {
                AutoScalingGroupProviderManagedDraining::Disabled
            });
        let handle: Handle<CfnCapacityProvider> = self.stack.add_owned(
            &self.id,
            CfnCapacityProvider::new().auto_scaling_group_provider(provider),
            &format!("capacity provider {}", self.id),
        )?;
        Ok(CapacityProvider {
            name: handle.reference(),
            spot: false,
            _kind: PhantomData,
        })
    }
}
