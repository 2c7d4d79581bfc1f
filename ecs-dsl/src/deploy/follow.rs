//! Following a stack operation to its end: own polling of DescribeStacks and
//! DescribeStackEvents (a short first interval, then backoff; the SDK waiters poll every
//! 30-120 s), new events printed as they arrive, and a deadline.

use std::time::Duration;

use tokio::time::Instant;

use super::calls::StackInfo;
use super::client::{AwsError, Clients};
use super::events::{EventLog, event_line};
use super::report::Reporter;
use super::status::StackStatus;

/// How often to poll and how long to wait.
///
/// ```
/// use std::time::Duration;
/// use ecs_dsl::deploy::follow::Timing;
/// let t = Timing::default();
/// assert_eq!(t.deadline, Duration::from_secs(30 * 60));
/// assert!(t.first_poll < t.max_poll);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// The first interval between polls.
    pub first_poll: Duration,
    /// The longest interval between polls; each interval is 1.5 times the last.
    pub max_poll: Duration,
    /// The deadline of one stack operation (`--timeout`).
    pub deadline: Duration,
    /// How long polling goes on while the endpoint cannot be reached or keeps throttling,
    /// before the deploy gives up (bounded by the deadline).
    pub unreachable_grace: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            first_poll: Duration::from_secs(1),
            max_poll: Duration::from_secs(10),
            deadline: Duration::from_secs(30 * 60),
            unreachable_grace: Duration::from_secs(60),
        }
    }
}

/// A poll interval that grows by half each time, up to a maximum.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Backoff {
    next: Duration,
    max: Duration,
}

impl Backoff {
    pub(crate) fn new(timing: &Timing) -> Backoff {
        Backoff {
            next: timing.first_poll,
            max: timing.max_poll.max(timing.first_poll),
        }
    }

    /// Sleeps for the current interval (never past `until`) and grows it.
    pub(crate) async fn sleep(&mut self, until: Instant) {
        let now = Instant::now();
        let nap = self.next.min(until.saturating_duration_since(now));
        tokio::time::sleep(nap).await;
        self.next = (self.next * 3 / 2).min(self.max);
    }
}

/// How following ended.
#[derive(Debug, Clone)]
pub(crate) enum End {
    /// The stack reached a terminal status (or is gone: `None`).
    Terminal(Option<StackInfo>),
    /// The deadline passed first; the stack was in `status`.
    Deadline {
        /// The last status seen.
        status: StackStatus,
    },
}

/// Follows one stack: prints its new events and reports long waits.
pub(crate) struct Follower<'a> {
    clients: &'a Clients,
    reporter: &'a dyn Reporter,
    stack: String,
    timing: Timing,
    log: EventLog,
}

impl<'a> Follower<'a> {
    pub(crate) fn new(
        clients: &'a Clients,
        reporter: &'a dyn Reporter,
        stack: &str,
        timing: Timing,
    ) -> Follower<'a> {
        Follower {
            clients,
            reporter,
            stack: stack.to_owned(),
            timing,
            log: EventLog::default(),
        }
    }

    /// Marks the events the stack already has as seen, so that only the events of the next
    /// operation are printed. With `running` (an operation started elsewhere is under way)
    /// they are kept, unprinted, because they tell what is in progress. A stack that does not
    /// exist has none.
    pub(crate) async fn prime(&mut self, running: bool) -> Result<(), AwsError> {
        let page = match self.clients.stack_events(&self.stack, &|_| false, 1).await {
            Ok(page) => page,
            Err(e) if e.is_missing_stack() => return Ok(()),
            Err(other) => return Err(other),
        };
        if running {
            let _ = self.log.add_page(page);
        } else {
            self.log.mark_seen(page);
        }
        Ok(())
    }

    /// The events seen since [`prime`](Self::prime).
    pub(crate) fn log(&self) -> &EventLog {
        &self.log
    }

    /// Polls `stack_ref` (the name, or the id for a stack being deleted) until its status is
    /// terminal or `until` passes. Calls that cannot reach the endpoint or are throttled are
    /// retried for [`Timing::unreachable_grace`].
    pub(crate) async fn until_terminal(
        &mut self,
        stack_ref: &str,
        started: Instant,
        until: Instant,
    ) -> Result<End, AwsError> {
        let mut backoff = Backoff::new(&self.timing);
        let mut failing_since: Option<(Instant, AwsError)> = None;
        let mut last_status = StackStatus::parse("");
        loop {
            match self.poll(stack_ref).await {
                Ok(Some(info)) if info.status.is_terminal() => {
                    return Ok(End::Terminal(Some(info)));
                }
                Ok(None) => return Ok(End::Terminal(None)),
                Ok(Some(info)) => {
                    failing_since = None;
                    last_status = info.status;
                }
                Err(err @ (AwsError::Unreachable { .. } | AwsError::Throttled { .. })) => {
                    let since = failing_since.get_or_insert_with(|| (Instant::now(), err.clone()));
                    let grace_over = since.0.elapsed() >= self.timing.unreachable_grace;
                    if grace_over || Instant::now() >= until {
                        return Err(err);
                    }
                    self.reporter.line(&self.stack, &format!("retrying: {err}"));
                }
                Err(other) => return Err(other),
            }
            let now = Instant::now();
            if now >= until {
                return Ok(End::Deadline {
                    status: last_status,
                });
            }
            self.reporter.waiting(
                &self.stack,
                last_status.as_str(),
                now.saturating_duration_since(started),
                until.saturating_duration_since(now),
            );
            backoff.sleep(until).await;
        }
    }

    /// One poll: new events, then the status.
    async fn poll(&mut self, stack_ref: &str) -> Result<Option<StackInfo>, AwsError> {
        let log = &self.log;
        let fresh = match self
            .clients
            .stack_events(stack_ref, &|id| log.knows(id), 5)
            .await
        {
            Ok(page) => self.log.add_page(page),
            Err(e) if e.is_missing_stack() => Vec::new(),
            Err(other) => return Err(other),
        };
        for e in &fresh {
            self.reporter.line(&self.stack, &event_line(e));
        }
        let info = self.clients.describe_stack(stack_ref).await?;
        Ok(info.filter(|i| i.status != StackStatus::DeleteComplete || stack_ref != self.stack))
    }

    /// The root cause of a failure as `LogicalId (Type): reason`, from the events (else the
    /// stack's status reason).
    pub(crate) fn root_cause(&self, info: Option<&StackInfo>) -> Option<String> {
        self.log
            .root_cause()
            .map(|e| {
                format!(
                    "{} ({}): {}",
                    e.logical_id,
                    e.resource_type,
                    e.reason.as_deref().unwrap_or("no reason given")
                )
            })
            .or_else(|| info.and_then(|i| i.reason.clone()))
    }
}
