//! Managed policies attached to roles by ARN.

use crate::template::{Value, intrinsic};

/// A managed policy: an AWS managed policy by name, or any policy by ARN.
///
/// AWS managed policies are written as `Fn::Sub` of
/// `arn:${AWS::Partition}:iam::aws:policy/<name>`, so templates work in every partition.
///
/// ```
/// use ecs_dsl::iam::ManagedPolicy;
/// use ecs_dsl::template::{Json, ToJson};
/// let p = ManagedPolicy::aws_managed("service-role/AmazonECSTaskExecutionRolePolicy");
/// assert_eq!(
///     p.arn().to_json(),
///     Json::object([("Fn::Sub", Json::from("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"))])
/// );
/// assert_eq!(p.aws_name(), Some("service-role/AmazonECSTaskExecutionRolePolicy"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ManagedPolicy {
    arn: Value<String>,
    aws_name: Option<String>,
}

impl ManagedPolicy {
    /// An AWS managed policy by name, with its path if it has one
    /// (`"AmazonSSMReadOnlyAccess"`, `"service-role/AmazonECSTaskExecutionRolePolicy"`). The
    /// name is checked (`[A-Za-z0-9+=,.@_-]` segments separated by `/`) when the policy is
    /// attached to a role.
    ///
    /// ```
    /// use ecs_dsl::iam::ManagedPolicy;
    /// assert!(!ManagedPolicy::aws_managed("ReadOnlyAccess").arn().is_literal());
    /// ```
    pub fn aws_managed(name: &str) -> Self {
        ManagedPolicy {
            arn: intrinsic::sub(format!("arn:${{AWS::Partition}}:iam::aws:policy/{name}")),
            aws_name: Some(name.to_owned()),
        }
    }

    /// Any managed policy by ARN: a literal or an expression (a parameter, an import, a
    /// `Ref` of an `AWS::IAM::ManagedPolicy`).
    ///
    /// ```
    /// use ecs_dsl::iam::ManagedPolicy;
    /// let p = ManagedPolicy::from_arn("arn:aws:iam::123456789012:policy/boundary");
    /// assert!(p.arn().is_literal() && p.aws_name().is_none());
    /// ```
    pub fn from_arn(arn: impl Into<Value<String>>) -> Self {
        ManagedPolicy {
            arn: arn.into(),
            aws_name: None,
        }
    }

    /// The policy's ARN.
    ///
    /// ```
    /// use ecs_dsl::iam::ManagedPolicy;
    /// let arn = ManagedPolicy::from_arn("arn:aws:iam::aws:policy/ReadOnlyAccess").arn();
    /// assert_eq!(arn.literal().map(String::as_str), Some("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    /// ```
    pub fn arn(&self) -> Value<String> {
        self.arn.clone()
    }

    /// The name given to [`aws_managed`](Self::aws_managed), if the policy was made that way.
    ///
    /// ```
    /// use ecs_dsl::iam::ManagedPolicy;
    /// assert_eq!(ManagedPolicy::aws_managed("ReadOnlyAccess").aws_name(), Some("ReadOnlyAccess"));
    /// ```
    pub fn aws_name(&self) -> Option<&str> {
        self.aws_name.as_deref()
    }

    /// Why the policy cannot be attached, if it cannot: a malformed AWS managed policy name or
    /// a literal ARN that is not an ARN.
    pub(crate) fn problem(&self) -> Option<String> {
        if let Some(name) = &self.aws_name {
            let segment_ok = |seg: &str| {
                !seg.is_empty()
                    && seg
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
            };
            if name.len() > 512 || !name.split('/').all(segment_ok) {
                return Some(format!(
                    "AWS managed policy name `{name}` must be `[A-Za-z0-9+=,.@_-]` segments separated by `/`, e.g. `service-role/AmazonECSTaskExecutionRolePolicy`"
                ));
            }
        } else if let Some(arn) = self.arn.literal()
            && !arn.starts_with("arn:")
        {
            return Some(format!(
                "managed policy ARN `{arn}` does not start with `arn:`"
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_managed_names_are_checked() {
        for ok in [
            "ReadOnlyAccess",
            "service-role/AmazonECSTaskExecutionRolePolicy",
            "job-function/ViewOnlyAccess",
            "AWSApplicationAutoscalingECSServicePolicy",
        ] {
            assert_eq!(ManagedPolicy::aws_managed(ok).problem(), None, "{ok}");
        }
        for bad in [
            "",
            "/ReadOnlyAccess",
            "service-role/",
            "Read Only",
            "${Evil}",
        ] {
            assert!(ManagedPolicy::aws_managed(bad).problem().is_some(), "{bad}");
        }
    }

    #[test]
    fn literal_arns_must_be_arns_and_expressions_are_skipped() {
        assert!(
            ManagedPolicy::from_arn("ReadOnlyAccess")
                .problem()
                .is_some()
        );
        assert_eq!(
            ManagedPolicy::from_arn("arn:aws-cn:iam::aws:policy/ReadOnlyAccess").problem(),
            None
        );
        assert_eq!(
            ManagedPolicy::from_arn(intrinsic::import_value::<String>("shared:Boundary")).problem(),
            None
        );
    }
}
