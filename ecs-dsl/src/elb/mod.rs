//! Elastic Load Balancing v2 for ECS services: target groups typed by target type (rule S6)
//! with checked settings (rules L1, L3, L4, L7). Load balancers and listeners follow.

mod target_group;

pub use target_group::{HealthCheck, TargetGroup, TargetGroupBuilder, TargetKind, TargetProtocol};
