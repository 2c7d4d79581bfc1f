//! Stack events as a deploy follows them: deduplicated by event id, printed in the order they
//! happened, and the root cause of a failure picked out of the cascade that follows it.
//!
//! CloudFormation returns events newest first and repeats them on every poll; after the first
//! failure, most later failures only say that their creation was cancelled. The user needs the
//! first real reason, not the last message.

use std::collections::BTreeSet;

/// One stack event, as the SDK layer reads it from DescribeStackEvents.
///
/// ```
/// use ecs_dsl::deploy::events::StackEvent;
/// let event = StackEvent {
///     event_id: "e-1".into(),
///     timestamp: "2025-01-01T00:00:00Z".into(),
///     logical_id: "Web".into(),
///     resource_type: "AWS::ECS::Service".into(),
///     status: "CREATE_FAILED".into(),
///     reason: Some("Resource creation cancelled".into()),
/// };
/// assert!(event.is_failure() && event.is_cascade());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackEvent {
    /// The event's unique id.
    pub event_id: String,
    /// When it happened (RFC 3339), used only for display.
    pub timestamp: String,
    /// The resource's logical id (the stack's name for stack-level events).
    pub logical_id: String,
    /// The resource type (`AWS::CloudFormation::Stack` for stack-level events).
    pub resource_type: String,
    /// The resource status, e.g. `CREATE_FAILED`.
    pub status: String,
    /// Why, when CloudFormation says.
    pub reason: Option<String>,
}

impl StackEvent {
    /// Whether the event reports a failure.
    ///
    /// ```
    /// use ecs_dsl::deploy::events::{EventLog, StackEvent};
    /// # let event = |id: &str, logical: &str, status: &str, reason: Option<&str>| StackEvent {
    /// #     event_id: id.into(),
    /// #     timestamp: String::new(),
    /// #     logical_id: logical.into(),
    /// #     resource_type: "AWS::ECS::Service".into(),
    /// #     status: status.into(),
    /// #     reason: reason.map(Into::into),
    /// # };
    /// assert!(event("1", "Web", "UPDATE_FAILED", None).is_failure());
    /// assert!(!event("2", "Web", "UPDATE_COMPLETE", None).is_failure());
    /// ```
    pub fn is_failure(&self) -> bool {
        self.status.ends_with("_FAILED")
    }

    /// Whether the failure only reports that the operation was cancelled because another
    /// resource failed (the cascade, not the cause).
    ///
    /// ```
    /// use ecs_dsl::deploy::events::{EventLog, StackEvent};
    /// # let event = |id: &str, logical: &str, status: &str, reason: Option<&str>| StackEvent {
    /// #     event_id: id.into(),
    /// #     timestamp: String::new(),
    /// #     logical_id: logical.into(),
    /// #     resource_type: "AWS::ECS::Service".into(),
    /// #     status: status.into(),
    /// #     reason: reason.map(Into::into),
    /// # };
    /// assert!(event("1", "Web", "CREATE_FAILED", Some("Resource creation cancelled")).is_cascade());
    /// assert!(!event("2", "Task", "CREATE_FAILED", Some("Invalid request provided")).is_cascade());
    /// ```
    pub fn is_cascade(&self) -> bool {
        self.reason.as_deref().is_some_and(|r| {
            let r = r.to_ascii_lowercase();
            r.contains("resource creation cancelled")
                || r.contains("resource update cancelled")
                || r.contains("the following resource(s) failed")
        })
    }
}

/// Collects events across polls: each event once, in the order it happened.
///
/// ```
/// use ecs_dsl::deploy::events::{EventLog, StackEvent};
/// let event = |id: &str, logical: &str, status: &str, reason: Option<&str>| StackEvent {
///     event_id: id.into(),
///     timestamp: String::new(),
///     logical_id: logical.into(),
///     resource_type: "AWS::ECS::Service".into(),
///     status: status.into(),
///     reason: reason.map(Into::into),
/// };
/// let mut log = EventLog::default();
/// // DescribeStackEvents returns newest first.
/// let fresh = log.add_page(vec![
///     event("2", "Web", "CREATE_FAILED", Some("Resource creation cancelled")),
///     event("1", "Task", "CREATE_FAILED", Some("Invalid request provided: ...")),
/// ]);
/// assert_eq!(fresh.iter().map(|e| e.event_id.as_str()).collect::<Vec<_>>(), ["1", "2"]);
/// assert!(log.add_page(vec![event("1", "Task", "CREATE_FAILED", None)]).is_empty());
/// assert_eq!(log.root_cause().map(|e| e.logical_id.as_str()), Some("Task"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    seen: BTreeSet<String>,
    events: Vec<StackEvent>,
}

impl EventLog {
    /// Adds one page of DescribeStackEvents (newest first) and returns the events not seen
    /// before, oldest first, ready to print.
    ///
    /// ```
    /// use ecs_dsl::deploy::events::{EventLog, StackEvent};
    /// # let event = |id: &str, logical: &str, status: &str, reason: Option<&str>| StackEvent {
    /// #     event_id: id.into(),
    /// #     timestamp: String::new(),
    /// #     logical_id: logical.into(),
    /// #     resource_type: "AWS::ECS::Service".into(),
    /// #     status: status.into(),
    /// #     reason: reason.map(Into::into),
    /// # };
    /// let mut log = EventLog::default();
    /// let fresh = log.add_page(vec![event("2", "Web", "CREATE_COMPLETE", None), event("1", "Web", "CREATE_IN_PROGRESS", None)]);
    /// assert_eq!(fresh[0].event_id, "1"); // oldest first
    /// let again = log.add_page(vec![event("3", "Web", "UPDATE_IN_PROGRESS", None), event("2", "Web", "CREATE_COMPLETE", None)]);
    /// assert_eq!(again.len(), 1); // event 2 was seen
    /// ```
    pub fn add_page(&mut self, page: Vec<StackEvent>) -> Vec<StackEvent> {
        let mut fresh: Vec<StackEvent> = page
            .into_iter()
            .filter(|e| self.seen.insert(e.event_id.clone()))
            .collect();
        fresh.reverse();
        self.events.extend(fresh.iter().cloned());
        fresh
    }

    /// Records events as seen without keeping them: those that happened before the operation
    /// being followed.
    ///
    /// ```
    /// use ecs_dsl::deploy::events::{EventLog, StackEvent};
    /// # let event = |id: &str, logical: &str, status: &str, reason: Option<&str>| StackEvent {
    /// #     event_id: id.into(),
    /// #     timestamp: String::new(),
    /// #     logical_id: logical.into(),
    /// #     resource_type: "AWS::ECS::Service".into(),
    /// #     status: status.into(),
    /// #     reason: reason.map(Into::into),
    /// # };
    /// let mut log = EventLog::default();
    /// log.mark_seen(vec![event("1", "Web", "CREATE_COMPLETE", None)]);
    /// assert!(log.knows("1") && log.events().is_empty());
    /// assert!(log.add_page(vec![event("1", "Web", "CREATE_COMPLETE", None)]).is_empty());
    /// ```
    pub fn mark_seen(&mut self, page: Vec<StackEvent>) {
        self.seen.extend(page.into_iter().map(|e| e.event_id));
    }

    /// Whether the event with this id was seen.
    ///
    /// ```
    /// use ecs_dsl::deploy::events::{EventLog, StackEvent};
    /// # let event = |id: &str, logical: &str, status: &str, reason: Option<&str>| StackEvent {
    /// #     event_id: id.into(),
    /// #     timestamp: String::new(),
    /// #     logical_id: logical.into(),
    /// #     resource_type: "AWS::ECS::Service".into(),
    /// #     status: status.into(),
    /// #     reason: reason.map(Into::into),
    /// # };
    /// let mut log = EventLog::default();
    /// log.add_page(vec![event("1", "Web", "CREATE_COMPLETE", None)]);
    /// assert!(log.knows("1"));
    /// assert!(!log.knows("2"));
    /// ```
    pub fn knows(&self, event_id: &str) -> bool {
        self.seen.contains(event_id)
    }

    /// The resources whose latest event is `*_IN_PROGRESS`, as `LogicalId (Type)`, sorted;
    /// stack-level events are left out.
    ///
    /// ```
    /// use ecs_dsl::deploy::events::{EventLog, StackEvent};
    /// let event = |id: &str, logical: &str, kind: &str, status: &str| StackEvent {
    ///     event_id: id.into(),
    ///     timestamp: String::new(),
    ///     logical_id: logical.into(),
    ///     resource_type: kind.into(),
    ///     status: status.into(),
    ///     reason: None,
    /// };
    /// let mut log = EventLog::default();
    /// log.add_page(vec![
    ///     event("4", "Task", "AWS::ECS::TaskDefinition", "UPDATE_COMPLETE"),
    ///     event("3", "Web", "AWS::ECS::Service", "UPDATE_IN_PROGRESS"),
    ///     event("2", "Task", "AWS::ECS::TaskDefinition", "UPDATE_IN_PROGRESS"),
    ///     event("1", "web", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS"),
    /// ]);
    /// assert_eq!(log.in_progress(), ["Web (AWS::ECS::Service)"]);
    /// ```
    pub fn in_progress(&self) -> Vec<String> {
        let mut latest: std::collections::BTreeMap<&str, &StackEvent> = Default::default();
        for e in &self.events {
            if e.resource_type != "AWS::CloudFormation::Stack" {
                latest.insert(&e.logical_id, e);
            }
        }
        latest
            .values()
            .filter(|e| e.status.ends_with("_IN_PROGRESS"))
            .map(|e| format!("{} ({})", e.logical_id, e.resource_type))
            .collect()
    }

    /// Every event so far, oldest first.
    ///
    /// ```
    /// use ecs_dsl::deploy::events::{EventLog, StackEvent};
    /// # let event = |id: &str, logical: &str, status: &str, reason: Option<&str>| StackEvent {
    /// #     event_id: id.into(),
    /// #     timestamp: String::new(),
    /// #     logical_id: logical.into(),
    /// #     resource_type: "AWS::ECS::Service".into(),
    /// #     status: status.into(),
    /// #     reason: reason.map(Into::into),
    /// # };
    /// let mut log = EventLog::default();
    /// log.add_page(vec![event("2", "Web", "CREATE_COMPLETE", None), event("1", "Web", "CREATE_IN_PROGRESS", None)]);
    /// let ids: Vec<&str> = log.events().iter().map(|e| e.event_id.as_str()).collect();
    /// assert_eq!(ids, ["1", "2"]);
    /// ```
    pub fn events(&self) -> &[StackEvent] {
        &self.events
    }

    /// The first failure that is not a cascade; else the first failure.
    ///
    /// ```
    /// use ecs_dsl::deploy::events::{EventLog, StackEvent};
    /// # let event = |id: &str, logical: &str, status: &str, reason: Option<&str>| StackEvent {
    /// #     event_id: id.into(),
    /// #     timestamp: String::new(),
    /// #     logical_id: logical.into(),
    /// #     resource_type: "AWS::ECS::Service".into(),
    /// #     status: status.into(),
    /// #     reason: reason.map(Into::into),
    /// # };
    /// let mut log = EventLog::default();
    /// log.add_page(vec![
    ///     event("3", "Web", "CREATE_FAILED", Some("Resource creation cancelled")),
    ///     event("2", "Task", "CREATE_FAILED", Some("Invalid request provided: image")),
    ///     event("1", "Logs", "CREATE_COMPLETE", None),
    /// ]);
    /// assert_eq!(log.root_cause().map(|e| e.logical_id.as_str()), Some("Task"));
    /// ```
    pub fn root_cause(&self) -> Option<&StackEvent> {
        let failures = || self.events.iter().filter(|e| e.is_failure());
        failures()
            .find(|e| !e.is_cascade() && e.reason.is_some())
            .or_else(|| failures().next())
    }
}

/// One event as a line: `time  logical-id  type  status  reason`.
///
/// ```
/// use ecs_dsl::deploy::events::{StackEvent, event_line};
/// let e = StackEvent {
///     event_id: "1".into(),
///     timestamp: "2026-11-21T10:00:00Z".into(),
///     logical_id: "Web".into(),
///     resource_type: "AWS::ECS::Service".into(),
///     status: "CREATE_IN_PROGRESS".into(),
///     reason: None,
/// };
/// assert_eq!(event_line(&e), "2026-11-21T10:00:00Z  Web  AWS::ECS::Service  CREATE_IN_PROGRESS");
/// ```
pub fn event_line(e: &StackEvent) -> String {
    let mut line = format!(
        "{}  {}  {}  {}",
        e.timestamp, e.logical_id, e.resource_type, e.status
    );
    if let Some(r) = &e.reason {
        line.push_str("  ");
        line.push_str(r);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: u32, logical: &str, status: &str, reason: Option<&str>) -> StackEvent {
        StackEvent {
            event_id: id.to_string(),
            timestamp: format!("t{id}"),
            logical_id: logical.to_owned(),
            resource_type: "AWS::ECS::TaskDefinition".to_owned(),
            status: status.to_owned(),
            reason: reason.map(str::to_owned),
        }
    }

    #[test]
    fn pages_overlap_and_each_event_is_returned_once_in_order() {
        let mut log = EventLog::default();
        let first = log.add_page(vec![
            ev(2, "Task", "CREATE_IN_PROGRESS", None),
            ev(1, "web", "CREATE_IN_PROGRESS", Some("User Initiated")),
        ]);
        assert_eq!(first.len(), 2);
        assert_eq!(first[0].event_id, "1");
        let second = log.add_page(vec![
            ev(3, "Task", "CREATE_COMPLETE", None),
            ev(2, "Task", "CREATE_IN_PROGRESS", None),
            ev(1, "web", "CREATE_IN_PROGRESS", None),
        ]);
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].event_id, "3");
        assert_eq!(log.events().len(), 3);
    }

    #[test]
    fn the_root_cause_is_the_first_real_failure_not_the_cascade() {
        let mut log = EventLog::default();
        log.add_page(vec![
            ev(
                5,
                "web",
                "ROLLBACK_IN_PROGRESS",
                Some("The following resource(s) failed to create: [Svc, Task]."),
            ),
            ev(
                4,
                "Svc",
                "CREATE_FAILED",
                Some("Resource creation cancelled"),
            ),
            ev(
                3,
                "Task",
                "CREATE_FAILED",
                Some("Invalid request provided: No Fargate configuration exists for given values"),
            ),
            ev(2, "Svc", "CREATE_IN_PROGRESS", None),
            ev(1, "Task", "CREATE_IN_PROGRESS", None),
        ]);
        let cause = log.root_cause().unwrap();
        assert_eq!(cause.logical_id, "Task");
        assert!(cause.reason.as_deref().unwrap().contains("Fargate"));
    }

    #[test]
    fn only_cascades_still_give_a_cause() {
        let mut log = EventLog::default();
        log.add_page(vec![ev(
            1,
            "Svc",
            "UPDATE_FAILED",
            Some("Resource update cancelled"),
        )]);
        assert_eq!(log.root_cause().unwrap().logical_id, "Svc");
        assert!(EventLog::default().root_cause().is_none());
    }

    #[test]
    fn lines_carry_the_reason() {
        let line = event_line(&ev(1, "Task", "CREATE_FAILED", Some("bad")));
        assert_eq!(
            line,
            "t1  Task  AWS::ECS::TaskDefinition  CREATE_FAILED  bad"
        );
    }
}
