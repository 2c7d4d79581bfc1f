//! Who may assume a role: service principals and their trust policies.

use super::document::PolicyDocument;
use super::statement::PolicyStatement;
use crate::template::{Json, ToJson, Value, intrinsic};

/// An AWS service that assumes a role.
///
/// [`trust_statement`](Self::trust_statement) is the role's trust policy statement:
/// `sts:AssumeRole` for the service; for [`EcsTasks`](Self::EcsTasks) with the confused-deputy
/// conditions that the Amazon ECS developer guide recommends for task roles and task execution
/// roles (`aws:SourceAccount` is this account, `aws:SourceArn` is an ECS ARN of this account
/// and region).
///
/// ```
/// use ecs_dsl::iam::ServicePrincipal;
/// assert_eq!(ServicePrincipal::EcsTasks.service_name(), "ecs-tasks.amazonaws.com");
/// assert_eq!(ServicePrincipal::Other("lambda.amazonaws.com".into()).service_name(), "lambda.amazonaws.com");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ServicePrincipal {
    /// `ecs-tasks.amazonaws.com`: ECS tasks (task roles and task execution roles).
    EcsTasks,
    /// `ecs.amazonaws.com`: the ECS service itself (e.g. infrastructure roles).
    Ecs,
    /// `ec2.amazonaws.com`: EC2 instances (container instance roles).
    Ec2,
    /// `application-autoscaling.amazonaws.com`: Application Auto Scaling.
    ApplicationAutoScaling,
    /// `events.amazonaws.com`: EventBridge (e.g. scheduled tasks).
    Events,
    /// Any other service principal, e.g. `"lambda.amazonaws.com"`. Its trust statement has no
    /// conditions.
    Other(String),
}

impl ServicePrincipal {
    /// The principal's name as written in `"Principal": {"Service": ...}`.
    ///
    /// ```
    /// use ecs_dsl::iam::ServicePrincipal;
    /// assert_eq!(ServicePrincipal::ApplicationAutoScaling.service_name(), "application-autoscaling.amazonaws.com");
    /// ```
    pub fn service_name(&self) -> &str {
        match self {
            ServicePrincipal::EcsTasks => "ecs-tasks.amazonaws.com",
            ServicePrincipal::Ecs => "ecs.amazonaws.com",
            ServicePrincipal::Ec2 => "ec2.amazonaws.com",
            ServicePrincipal::ApplicationAutoScaling => "application-autoscaling.amazonaws.com",
            ServicePrincipal::Events => "events.amazonaws.com",
            ServicePrincipal::Other(name) => name,
        }
    }

    /// The trust policy statement letting this service assume a role.
    ///
    /// For [`EcsTasks`](Self::EcsTasks) it carries the confused-deputy conditions
    /// `"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}` and
    /// `"ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*"}}`,
    /// so only ECS tasks of the stack's account and region can assume the role. A role used by
    /// tasks in another region needs its own trust policy (change it through
    /// [`Role::handle`](crate::iam::Role::handle) and `Handle::update`).
    ///
    /// ```
    /// use ecs_dsl::iam::ServicePrincipal;
    /// let trust = ServicePrincipal::EcsTasks.trust_statement();
    /// assert_eq!(trust.action_list(), ["sts:AssumeRole"]);
    /// assert!(trust.conditions().contains_key("ArnLike"));
    /// assert!(ServicePrincipal::Ec2.trust_statement().conditions().is_empty());
    /// ```
    pub fn trust_statement(&self) -> PolicyStatement {
        let statement = PolicyStatement::allow()
            .principal(self.clone())
            .action("sts:AssumeRole");
        match self {
            ServicePrincipal::EcsTasks => statement
                .condition("StringEquals", "aws:SourceAccount", intrinsic::account_id())
                .condition(
                    "ArnLike",
                    "aws:SourceArn",
                    intrinsic::sub("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*"),
                ),
            _ => statement,
        }
    }

    /// The whole trust policy (`AssumeRolePolicyDocument`): one [`trust_statement`](Self::trust_statement).
    ///
    /// ```
    /// use ecs_dsl::iam::ServicePrincipal;
    /// assert_eq!(ServicePrincipal::Events.trust_policy().statements().len(), 1);
    /// ```
    pub fn trust_policy(&self) -> PolicyDocument {
        PolicyDocument::new().with_statement(self.trust_statement())
    }

    /// Why this principal cannot be used, if it cannot (an empty or blank `Other` name).
    pub(crate) fn problem(&self) -> Option<String> {
        let name = self.service_name();
        (name.is_empty() || name.chars().any(char::is_whitespace)).then(|| {
            format!(
                "service principal `{name}` must be a service name such as `lambda.amazonaws.com`"
            )
        })
    }
}

/// A principal of a trust or resource policy statement.
///
/// ```
/// use ecs_dsl::iam::{PolicyStatement, Principal, ServicePrincipal};
/// use ecs_dsl::template::intrinsic;
/// let account_root = intrinsic::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root");
/// let s = PolicyStatement::allow()
///     .action("sts:AssumeRole")
///     .principal(ServicePrincipal::EcsTasks)
///     .principal(Principal::Aws(account_root));
/// assert_eq!(s.principal_list().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Principal {
    /// `"Service": ...`.
    Service(ServicePrincipal),
    /// `"AWS": ...`: an account id, or the ARN of an account root, role or user.
    Aws(Value<String>),
}

impl From<ServicePrincipal> for Principal {
    fn from(p: ServicePrincipal) -> Self {
        Principal::Service(p)
    }
}

/// `{"AWS": [...], "Service": [...]}` (keys present when used, lists in insertion order).
pub(crate) fn render_principals(principals: &[Principal]) -> Json {
    let mut aws = Vec::new();
    let mut service = Vec::new();
    for p in principals {
        match p {
            Principal::Aws(v) => aws.push(v.to_json()),
            Principal::Service(s) => service.push(Json::from(s.service_name())),
        }
    }
    let mut out = Json::Object(Vec::new());
    if !aws.is_empty() {
        out.insert("AWS", Json::Array(aws));
    }
    if !service.is_empty() {
        out.insert("Service", Json::Array(service));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::to_serde;
    use serde_json::json;

    #[test]
    fn ecs_tasks_trust_policy_has_the_confused_deputy_conditions() {
        let doc = to_serde(&ServicePrincipal::EcsTasks.trust_policy().to_json());
        assert_eq!(
            doc,
            json!({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": ["ecs-tasks.amazonaws.com"]},
                    "Action": ["sts:AssumeRole"],
                    "Condition": {
                        "ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*"}},
                        "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                    },
                }],
            })
        );
    }

    #[test]
    fn other_principals_trust_without_conditions() {
        for (p, name) in [
            (ServicePrincipal::Ecs, "ecs.amazonaws.com"),
            (ServicePrincipal::Ec2, "ec2.amazonaws.com"),
            (
                ServicePrincipal::ApplicationAutoScaling,
                "application-autoscaling.amazonaws.com",
            ),
            (ServicePrincipal::Events, "events.amazonaws.com"),
            (
                ServicePrincipal::Other("lambda.amazonaws.com".into()),
                "lambda.amazonaws.com",
            ),
        ] {
            let s = to_serde(&p.trust_statement().to_json());
            assert_eq!(
                s,
                json!({"Effect": "Allow", "Principal": {"Service": [name]}, "Action": ["sts:AssumeRole"]})
            );
            assert_eq!(p.problem(), None);
        }
    }

    #[test]
    fn blank_other_principal_is_a_problem() {
        assert!(ServicePrincipal::Other(String::new()).problem().is_some());
        assert!(
            ServicePrincipal::Other("my service".into())
                .problem()
                .is_some()
        );
    }

    #[test]
    fn principals_render_grouped_by_kind() {
        let j = render_principals(&[
            Principal::Service(ServicePrincipal::Ec2),
            Principal::Aws("123456789012".into()),
            Principal::Service(ServicePrincipal::EcsTasks),
        ]);
        assert_eq!(
            to_serde(&j),
            json!({"AWS": ["123456789012"], "Service": ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"]})
        );
    }
}
