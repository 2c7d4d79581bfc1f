//! Rules L1 to L4 in one place: their limits and the name check, shared by the checks made when
//! a group or load balancer is built and by the `const fn`s in [`__rules`] behind the literal
//! macros ([`target_health!`](crate::target_health), [`target_group_name!`](crate::target_group_name),
//! ...), which panic during constant evaluation so that a bad literal fails `cargo check` with
//! the rule in the message.

/// Health check interval, seconds (rule L3).
pub(super) const INTERVAL: (u32, u32) = (5, 300);
/// Health check timeout, seconds (rule L3).
pub(super) const TIMEOUT: (u32, u32) = (2, 120);
/// Healthy and unhealthy threshold counts (rule L3).
pub(super) const THRESHOLD: (u32, u32) = (2, 10);
/// The highest success code of a health check of an HTTP(S) target group (rule L3).
pub(super) const HIGHEST_CODE_HTTP: u16 = 499;
/// The highest success code of an HTTP(S) health check of a TCP or TLS target group.
pub(super) const HIGHEST_CODE_NLB: u16 = 599;
/// Deregistration delay, seconds (rule L4).
pub(super) const DEREGISTRATION: (u32, u32) = (0, 3600);
/// Load-balancer cookie stickiness, seconds (rule L4).
pub(super) const STICKINESS: (u32, u32) = (1, 604_800);
/// Slow start, seconds (rule L4).
pub(super) const SLOW_START: (u32, u32) = (30, 900);
/// The longest target group or load balancer name (rules L1, L2).
const NAME_MAX: usize = 32;
/// The prefix a load balancer name may not have (rule L2).
const INTERNAL: &[u8] = b"internal-";

/// Whether `v` is within `lo..=hi`.
pub(super) const fn within(v: u32, (lo, hi): (u32, u32)) -> bool {
    v >= lo && v <= hi
}

/// What is wrong with an ELBv2 name (rules L1, L2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameProblem {
    Empty,
    TooLong,
    Character,
    Hyphen,
}

/// Why `name` is not 1-32 of `[A-Za-z0-9-]`, not starting or ending with `-`, or `None`.
const fn name_problem(name: &str) -> Option<NameProblem> {
    let b = name.as_bytes();
    if b.is_empty() {
        return Some(NameProblem::Empty);
    }
    if b.len() > NAME_MAX {
        return Some(NameProblem::TooLong);
    }
    let mut i = 0;
    while i < b.len() {
        if !(b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            return Some(NameProblem::Character);
        }
        i += 1;
    }
    if b[0] == b'-' || b[b.len() - 1] == b'-' {
        return Some(NameProblem::Hyphen);
    }
    None
}

/// Whether `name` starts with `internal-` (rule L2).
const fn is_internal(name: &str) -> bool {
    let b = name.as_bytes();
    if b.len() < INTERNAL.len() {
        return false;
    }
    let mut i = 0;
    while i < INTERNAL.len() {
        if b[i] != INTERNAL[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A valid target group name (rule L1).
pub(super) const fn valid_target_group_name(name: &str) -> bool {
    name_problem(name).is_none()
}

/// A valid load balancer name (rule L2).
pub(super) const fn valid_load_balancer_name(name: &str) -> bool {
    name_problem(name).is_none() && !is_internal(name)
}

/// Whether `text` is a list of success codes `200`, `200,202`, `200-299` within 200 to
/// `highest`, each range from low to high.
const fn valid_matcher(text: &str, highest: u16) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        let (low, next) = code(b, i, highest);
        if low == 0 {
            return false;
        }
        i = next;
        if i < b.len() && b[i] == b'-' {
            let (high, next) = code(b, i + 1, highest);
            if high == 0 || high < low {
                return false;
            }
            i = next;
        }
        if i == b.len() {
            return true;
        }
        if b[i] != b',' {
            return false;
        }
        i += 1;
    }
}

/// The code of 1 to 3 digits at `b[i..]` and the index after it; 0 when there is none or it is
/// not within 200 to `highest`.
const fn code(b: &[u8], mut i: usize, highest: u16) -> (u16, usize) {
    let start = i;
    let mut n: u16 = 0;
    while i < b.len() && b[i].is_ascii_digit() && i - start < 3 {
        n = n * 10 + (b[i] - b'0') as u16;
        i += 1;
    }
    let digit_follows = i < b.len() && b[i].is_ascii_digit();
    if i == start || digit_follows || n < 200 || n > highest {
        (0, i)
    } else {
        (n, i)
    }
}

/// Compile-time checks behind the ELBv2 literal macros: each panics during constant
/// evaluation, which fails compilation with the message naming the rule. Not for direct use.
#[doc(hidden)]
pub mod __rules {
    use super::super::literals::{
        DeregistrationDelay, LoadBalancerName, SlowStart, Stickiness, TargetGroupName,
    };
    use super::{
        DEREGISTRATION, HIGHEST_CODE_NLB, INTERVAL, NameProblem, SLOW_START, STICKINESS, THRESHOLD,
        TIMEOUT, is_internal, name_problem, valid_matcher, within,
    };

    /// Rule L1.
    pub const fn l1_target_group_name(name: &'static str) -> TargetGroupName {
        match name_problem(name) {
            Some(NameProblem::Empty) => panic!("target group name is empty (rule L1)"),
            Some(NameProblem::TooLong) => {
                panic!("target group name is longer than 32 characters (rule L1)")
            }
            Some(NameProblem::Character) => {
                panic!("target group name may only use A-Z, a-z, 0-9 and '-' (rule L1)")
            }
            Some(NameProblem::Hyphen) => {
                panic!("target group name must not start or end with '-' (rule L1)")
            }
            None => TargetGroupName(name),
        }
    }

    /// Rule L2.
    pub const fn l2_load_balancer_name(name: &'static str) -> LoadBalancerName {
        match name_problem(name) {
            Some(NameProblem::Empty) => panic!("load balancer name is empty (rule L2)"),
            Some(NameProblem::TooLong) => {
                panic!("load balancer name is longer than 32 characters (rule L2)")
            }
            Some(NameProblem::Character) => {
                panic!("load balancer name may only use A-Z, a-z, 0-9 and '-' (rule L2)")
            }
            Some(NameProblem::Hyphen) => {
                panic!("load balancer name must not start or end with '-' (rule L2)")
            }
            None => {
                assert!(
                    !is_internal(name),
                    "load balancer name must not start with `internal-` (rule L2)"
                );
                LoadBalancerName(name)
            }
        }
    }

    /// Rule L4, deregistration delay.
    pub const fn l4_deregistration_delay(secs: u32) -> DeregistrationDelay {
        assert!(
            within(secs, DEREGISTRATION),
            "deregistration delay must be 0 to 3600 seconds (rule L4)"
        );
        DeregistrationDelay(secs)
    }

    /// Rule L4, stickiness.
    pub const fn l4_stickiness(secs: u32) -> Stickiness {
        assert!(
            within(secs, STICKINESS),
            "stickiness duration must be 1 to 604800 seconds (rule L4)"
        );
        Stickiness(secs)
    }

    /// Rule L4, slow start.
    pub const fn l4_slow_start(secs: u32) -> SlowStart {
        assert!(
            within(secs, SLOW_START),
            "slow start duration must be 30 to 900 seconds (rule L4)"
        );
        SlowStart(secs)
    }

    /// A target group health check being checked against rule L3, field by field, then as a
    /// whole by [`check`](Self::check). Its defaults are those of
    /// [`HealthCheck::http`](crate::elb::HealthCheck::http) and
    /// [`HealthCheck::tcp`](crate::elb::HealthCheck::tcp).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct TargetHealthSpec {
        pub(in crate::elb) tcp: bool,
        pub(in crate::elb) interval: u32,
        pub(in crate::elb) timeout: u32,
        pub(in crate::elb) healthy: u32,
        pub(in crate::elb) unhealthy: u32,
        pub(in crate::elb) matcher: Option<&'static str>,
    }

    impl TargetHealthSpec {
        /// The defaults of an HTTP(S) check: every 30 s, 5 s timeout, 5 healthy / 2 unhealthy.
        pub const fn http() -> Self {
            TargetHealthSpec {
                tcp: false,
                interval: 30,
                timeout: 5,
                healthy: 5,
                unhealthy: 2,
                matcher: None,
            }
        }

        /// The defaults of a TCP check: every 30 s, 10 s timeout, 5 healthy / 2 unhealthy.
        pub const fn tcp() -> Self {
            TargetHealthSpec {
                tcp: true,
                timeout: 10,
                ..Self::http()
            }
        }

        /// Rule L3, interval.
        pub const fn interval(mut self, secs: u32) -> Self {
            assert!(
                within(secs, INTERVAL),
                "target group health check interval must be 5 to 300 seconds (rule L3)"
            );
            self.interval = secs;
            self
        }

        /// Rule L3, timeout.
        pub const fn timeout(mut self, secs: u32) -> Self {
            assert!(
                within(secs, TIMEOUT),
                "target group health check timeout must be 2 to 120 seconds (rule L3)"
            );
            self.timeout = secs;
            self
        }

        /// Rule L3, healthy threshold.
        pub const fn healthy(mut self, count: u32) -> Self {
            assert!(
                within(count, THRESHOLD),
                "target group healthy threshold must be 2 to 10 (rule L3)"
            );
            self.healthy = count;
            self
        }

        /// Rule L3, unhealthy threshold.
        pub const fn unhealthy(mut self, count: u32) -> Self {
            assert!(
                within(count, THRESHOLD),
                "target group unhealthy threshold must be 2 to 10 (rule L3)"
            );
            self.unhealthy = count;
            self
        }

        /// Rule L3, success codes: within 200-599 here; the bound of 499 for HTTP(S) target
        /// groups is checked when the group is built, which knows its protocol.
        pub const fn matcher(mut self, codes: &'static str) -> Self {
            assert!(
                !self.tcp,
                "a TCP target group health check takes no success codes (rule L3)"
            );
            assert!(
                valid_matcher(codes, HIGHEST_CODE_NLB),
                "target group health check success codes must be like `200`, `200,202` or `200-299`: codes 200 to 499 (599 on TCP/TLS groups), ranges low to high (rule L3)"
            );
            self.matcher = Some(codes);
            self
        }

        /// Rule L3 over the whole check: the timeout, given or default, is shorter than the
        /// interval.
        pub const fn check(self) -> Self {
            assert!(
                self.timeout < self.interval,
                "target group health check timeout (default 5 s, 10 s for tcp) must be shorter than the interval (default 30 s) (rule L3)"
            );
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in [
            "a",
            "web",
            "Web-2",
            &"x".repeat(32),
            "internal",
            "internalweb",
        ] {
            assert!(valid_load_balancer_name(ok), "{ok}");
            assert!(valid_target_group_name(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a_b", "a.b", "caf\u{e9}", &"x".repeat(33)] {
            assert!(!valid_target_group_name(bad), "{bad:?}");
            assert!(!valid_load_balancer_name(bad), "{bad:?}");
        }
        assert!(valid_target_group_name("internal-web"));
        assert!(!valid_load_balancer_name("internal-web"));
    }

    #[test]
    fn matchers() {
        for ok in ["200", "200,202", "200-299", "200-499,302", "499", "200-200"] {
            assert!(valid_matcher(ok, 499), "{ok}");
        }
        assert!(valid_matcher("200-599", 599));
        for bad in [
            "", "199", "500", "2000", "0200", "200-", "-200", "299-200", "200,", ",200", "200 ",
            "20x", "200--299",
        ] {
            assert!(!valid_matcher(bad, 499), "{bad:?}");
        }
    }
}
