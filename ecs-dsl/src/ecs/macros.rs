//! `macro_rules!` literal checks that need no proc macro: each value goes through a `const`
//! item, so a literal out of range fails `cargo check` with the rule in the message.

/// Health check timings checked at compile time against rule T15 (interval 5-300 s, timeout
/// 2-60 s, retries 1-10, start period 0-300 s). Keys are optional; any order.
///
/// ```
/// let t = ecs_dsl::health_check_timing!(interval = 10, timeout = 5, retries = 3, start_period = 60);
/// assert_eq!(t.interval, Some(10));
/// ```
///
/// ```compile_fail
/// // health check interval must be 5 to 300 seconds (rule T15)
/// let t = ecs_dsl::health_check_timing!(interval = 1);
/// ```
#[macro_export]
macro_rules! health_check_timing {
    ($($key:ident = $value:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut timing = $crate::ecs::HealthCheckTiming::__checked(None, None, None, None);
        $( $crate::__health_check_field!(timing, $key, $value); )*
        timing
    }};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __health_check_field {
    ($t:ident, interval, $v:expr) => {{
        const V: Option<u32> = $crate::ecs::__rules::t15_interval($v);
        $t.interval = V;
    }};
    ($t:ident, timeout, $v:expr) => {{
        const V: Option<u32> = $crate::ecs::__rules::t15_timeout($v);
        $t.timeout = V;
    }};
    ($t:ident, retries, $v:expr) => {{
        const V: Option<u32> = $crate::ecs::__rules::t15_retries($v);
        $t.retries = V;
    }};
    ($t:ident, start_period, $v:expr) => {{
        const V: Option<u32> = $crate::ecs::__rules::t15_start_period($v);
        $t.start_period = V;
    }};
    ($t:ident, $other:ident, $v:expr) => {
        compile_error!(concat!(
            "unknown health check setting `",
            stringify!($other),
            "`: use interval, timeout, retries or start_period"
        ))
    };
}

/// Fargate ephemeral storage in GiB, checked at compile time against rule T14 (21-200 GiB).
/// For a value known only at run time use [`EphemeralStorage::gib`](crate::ecs::EphemeralStorage::gib),
/// checked when the task definition is built.
///
/// ```
/// let storage = ecs_dsl::ephemeral_storage!(50);
/// assert_eq!(storage.size_gib(), 50);
/// ```
///
/// ```compile_fail
/// // ephemeral storage must be 21 to 200 GiB (rule T14)
/// let storage = ecs_dsl::ephemeral_storage!(500);
/// ```
#[macro_export]
macro_rules! ephemeral_storage {
    ($gib:expr) => {{
        const GIB: u32 = $crate::ecs::__rules::t14_ephemeral_storage($gib);
        $crate::ecs::EphemeralStorage::gib(GIB)
    }};
}
