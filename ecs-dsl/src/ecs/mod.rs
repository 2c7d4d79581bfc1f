//! Typed ECS building blocks (L2). This release has the Fargate task size; the task
//! definition, container and service builders build on it.

mod fargate_size;

pub use fargate_size::FargateSize;
