//! Container health checks with typed ranges (rule T15).

use crate::cfn::ecs::task_definition::HealthCheck as CfnHealthCheck;

/// A container health check. The timings are checked against rule T15 when the task definition
/// is built (interval 5-300 s, timeout 2-60 s, retries 1-10, start period 0-300 s); the
/// [`health_check_timing!`](crate::health_check_timing) macro checks literals at compile time.
///
/// ```
/// use ecs_dsl::ecs::HealthCheck;
/// let check = HealthCheck::shell("curl -f http://localhost/ || exit 1")
///     .timing(ecs_dsl::health_check_timing!(interval = 10, retries = 5, start_period = 30));
/// let by_hand = HealthCheck::command(["/bin/healthcheck", "--quick"]).interval_secs(15);
/// assert_ne!(check, by_hand);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthCheck {
    pub(crate) command: Vec<String>,
    pub(crate) timing: HealthCheckTiming,
}

/// The timings of a [`HealthCheck`]; unset values take ECS's defaults (30 s, 5 s, 3, 0 s).
///
/// ```
/// # use ecs_dsl::prelude::*;
/// # use ecs_dsl::ecs::*;
/// # let mut app = App::new();
/// # let stack = app.stack("web")?;
/// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
/// // from configuration: checked when the task definition is built (rule T15)
/// let timing = HealthCheckTiming { interval: Some(15), retries: Some(5), ..Default::default() };
/// let web = task
///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
///     .health_check(HealthCheck::command(["/bin/healthcheck"]).timing(timing));
/// # task.container(web).build()?;
/// # let t = app.synthesize()?.stacks[0].template_json();
/// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
/// assert_eq!((c["HealthCheck"]["Interval"].as_u64(), c["HealthCheck"]["Retries"].as_u64()), (Some(15), Some(5)));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HealthCheckTiming {
    /// Seconds between checks (5-300).
    pub interval: Option<u32>,
    /// Seconds before a check counts as failed (2-60).
    pub timeout: Option<u32>,
    /// Failures before the container is unhealthy (1-10).
    pub retries: Option<u32>,
    /// Seconds of grace after start during which failures do not count (0-300).
    pub start_period: Option<u32>,
}

/// The ranges of rule T15: (field, min, max).
pub(crate) const T15_RANGES: [(&str, u32, u32); 4] = [
    ("Interval", 5, 300),
    ("Timeout", 2, 60),
    ("Retries", 1, 10),
    ("StartPeriod", 0, 300),
];

impl HealthCheckTiming {
    /// Used by [`health_check_timing!`](crate::health_check_timing) after it checked the
    /// literals; not for direct use.
    #[doc(hidden)]
    pub const fn __checked(
        interval: Option<u32>,
        timeout: Option<u32>,
        retries: Option<u32>,
        start_period: Option<u32>,
    ) -> Self {
        HealthCheckTiming {
            interval,
            timeout,
            retries,
            start_period,
        }
    }

    fn fields(&self) -> [Option<u32>; 4] {
        [self.interval, self.timeout, self.retries, self.start_period]
    }

    /// The first value outside rule T15's range: (field, value, min, max).
    pub(crate) fn problem(&self) -> Option<(&'static str, u32, u32, u32)> {
        self.fields()
            .into_iter()
            .zip(T15_RANGES)
            .find_map(|(v, (field, min, max))| {
                v.filter(|v| *v < min || *v > max)
                    .map(|v| (field, v, min, max))
            })
    }
}

impl HealthCheck {
    /// `CMD-SHELL`: the command runs in the container's default shell.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .health_check(HealthCheck::shell("curl -f http://localhost/ || exit 1"));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["HealthCheck"]["Command"], serde_json::json!(["CMD-SHELL", "curl -f http://localhost/ || exit 1"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn shell(command: impl Into<String>) -> Self {
        HealthCheck {
            command: vec!["CMD-SHELL".to_owned(), command.into()],
            timing: HealthCheckTiming::default(),
        }
    }

    /// `CMD`: the program and its arguments run directly.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .health_check(HealthCheck::command(["/bin/healthcheck", "--quick"]));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["HealthCheck"]["Command"], serde_json::json!(["CMD", "/bin/healthcheck", "--quick"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn command<I, S>(argv: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut command = vec!["CMD".to_owned()];
        command.extend(argv.into_iter().map(Into::into));
        HealthCheck {
            command,
            timing: HealthCheckTiming::default(),
        }
    }

    /// Sets all timings at once, e.g. from
    /// [`health_check_timing!`](crate::health_check_timing).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let timing = ecs_dsl::health_check_timing!(interval = 10, timeout = 3);
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .health_check(HealthCheck::command(["/bin/healthcheck"]).timing(timing));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["HealthCheck"]["Timeout"], 3);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn timing(mut self, timing: HealthCheckTiming) -> Self {
        self.timing = timing;
        self
    }

    /// Seconds between checks (5-300, rule T15).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .health_check(HealthCheck::command(["/bin/healthcheck"]).interval_secs(1)); // below 5 s
    /// let err = task.container(web).build().unwrap_err();
    /// assert!(err.to_string().contains("T15"), "{err}");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn interval_secs(mut self, secs: u32) -> Self {
        self.timing.interval = Some(secs);
        self
    }

    /// Seconds before a check counts as failed (2-60, rule T15).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .health_check(HealthCheck::command(["/bin/healthcheck"]).timeout_secs(10));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["HealthCheck"]["Timeout"], 10);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn timeout_secs(mut self, secs: u32) -> Self {
        self.timing.timeout = Some(secs);
        self
    }

    /// Failures before the container is unhealthy (1-10, rule T15).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .health_check(HealthCheck::command(["/bin/healthcheck"]).retries(5));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["HealthCheck"]["Retries"], 5);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn retries(mut self, retries: u32) -> Self {
        self.timing.retries = Some(retries);
        self
    }

    /// Seconds after start during which failures do not count (0-300, rule T15).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ecs::*;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let task = TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
    /// let web = task
    ///     .new_container("web", ecs_dsl::image!("nginx:1.27"))
    ///     .health_check(HealthCheck::command(["/bin/healthcheck"]).start_period_secs(60));
    /// # task.container(web).build()?;
    /// # let t = app.synthesize()?.stacks[0].template_json();
    /// # let c = &t["Resources"]["Web"]["Properties"]["ContainerDefinitions"][0];
    /// assert_eq!(c["HealthCheck"]["StartPeriod"], 60);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn start_period_secs(mut self, secs: u32) -> Self {
        self.timing.start_period = Some(secs);
        self
    }

    pub(crate) fn render(&self) -> CfnHealthCheck {
        let t = &self.timing;
        let mut h = CfnHealthCheck::new().command(self.command.clone());
        if let Some(v) = t.interval {
            h = h.interval(i64::from(v));
        }
        if let Some(v) = t.timeout {
            h = h.timeout(i64::from(v));
        }
        if let Some(v) = t.retries {
            h = h.retries(i64::from(v));
        }
        if let Some(v) = t.start_period {
            h = h.start_period(i64::from(v));
        }
        h
    }
}

/// Compile-time checks behind [`health_check_timing!`](crate::health_check_timing) and
/// [`ephemeral_storage!`](crate::ephemeral_storage): each panics during constant evaluation,
/// which fails compilation with the message. Not for direct use.
#[doc(hidden)]
pub mod __rules {
    /// Rule T15, interval.
    pub const fn t15_interval(v: u32) -> Option<u32> {
        assert!(
            v >= 5 && v <= 300,
            "health check interval must be 5 to 300 seconds (rule T15)"
        );
        Some(v)
    }
    /// Rule T15, timeout.
    pub const fn t15_timeout(v: u32) -> Option<u32> {
        assert!(
            v >= 2 && v <= 60,
            "health check timeout must be 2 to 60 seconds (rule T15)"
        );
        Some(v)
    }
    /// Rule T15, retries.
    pub const fn t15_retries(v: u32) -> Option<u32> {
        assert!(
            v >= 1 && v <= 10,
            "health check retries must be 1 to 10 (rule T15)"
        );
        Some(v)
    }
    /// Rule T15, start period.
    pub const fn t15_start_period(v: u32) -> Option<u32> {
        assert!(
            v <= 300,
            "health check start period must be 0 to 300 seconds (rule T15)"
        );
        Some(v)
    }
    /// Rule T14.
    pub const fn t14_ephemeral_storage(v: u32) -> u32 {
        assert!(
            v >= 21 && v <= 200,
            "ephemeral storage must be 21 to 200 GiB (rule T14)"
        );
        v
    }
}
