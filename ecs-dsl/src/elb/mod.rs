//! Elastic Load Balancing v2 for ECS services: Application Load Balancers with HTTP(S)
//! listeners and rules (rules L2, L5, L6), Network Load Balancers with TCP and TLS listeners
//! (rules L2, L6), and target groups typed by target type (rule S6) with checked settings
//! (rules L1, L3, L4, L7). Each listener forwards only to target groups of a protocol its load
//! balancer speaks: HTTP or HTTPS behind an Application Load Balancer, TCP or TLS behind a
//! Network Load Balancer.

mod common;
mod load_balancer;
mod network_load_balancer;
mod target_group;

/// An ELBv2 name: 1-32 of `[A-Za-z0-9-]`, not starting or ending with `-` (rules L1, L2).
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 32
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

pub use load_balancer::{AlbProps, ApplicationLoadBalancer, Listener, RuleCondition, TLS_POLICY};
pub use network_load_balancer::{NetworkListener, NetworkLoadBalancer, NlbProps};
pub use target_group::{HealthCheck, TargetGroup, TargetGroupBuilder, TargetKind, TargetProtocol};
