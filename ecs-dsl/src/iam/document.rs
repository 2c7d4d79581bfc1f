//! A policy document: `Version` and a list of statements, merged deterministically.

use super::statement::PolicyStatement;
use crate::template::{Json, ToJson};

/// The policy language version every document is written in.
const VERSION: &str = "2012-10-17";

/// An IAM policy document (`{"Version": "2012-10-17", "Statement": [...]}`).
///
/// Adding a statement equal to an existing one does nothing; a statement with the same sid,
/// effect, principals, resources (in any order) and conditions as an existing one has its
/// actions merged into that one. Otherwise statements keep the order they were added in, so
/// the same program always renders the same document.
///
/// ```
/// use ecs_dsl::iam::{PolicyDocument, PolicyStatement};
/// let mut doc = PolicyDocument::new();
/// doc.add_statement(PolicyStatement::allow().action("logs:PutLogEvents").resource("arn:lg"));
/// doc.add_statement(PolicyStatement::allow().action("logs:CreateLogStream").resource("arn:lg"));
/// doc.add_statement(PolicyStatement::allow().action("logs:PutLogEvents").resource("arn:lg"));
/// assert_eq!(doc.statements().len(), 1);
/// assert_eq!(doc.statements()[0].action_list(), ["logs:CreateLogStream", "logs:PutLogEvents"]);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PolicyDocument {
    statements: Vec<PolicyStatement>,
}

impl PolicyDocument {
    /// An empty document.
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyDocument;
    /// assert!(PolicyDocument::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a statement, merging it into an existing one of the same scope (see the type's
    /// docs).
    ///
    /// ```
    /// use ecs_dsl::iam::{PolicyDocument, PolicyStatement};
    /// let mut doc = PolicyDocument::new();
    /// doc.add_statement(PolicyStatement::allow().action("kms:Decrypt").resource("arn:k1"));
    /// doc.add_statement(PolicyStatement::allow().action("kms:Decrypt").resource("arn:k2"));
    /// assert_eq!(doc.len(), 2);
    /// ```
    pub fn add_statement(&mut self, statement: PolicyStatement) {
        match self
            .statements
            .iter_mut()
            .find(|s| s.same_scope(&statement))
        {
            Some(existing) => existing.absorb_actions(statement),
            None => self.statements.push(statement),
        }
    }

    /// [`add_statement`](Self::add_statement), for chaining.
    ///
    /// ```
    /// use ecs_dsl::iam::{PolicyDocument, PolicyStatement};
    /// let doc = PolicyDocument::new().with_statement(PolicyStatement::allow().action("s3:GetObject").resource("arn:o"));
    /// assert_eq!(doc.len(), 1);
    /// ```
    pub fn with_statement(mut self, statement: PolicyStatement) -> Self {
        self.add_statement(statement);
        self
    }

    /// The statements, in order.
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyDocument;
    /// assert!(PolicyDocument::new().statements().is_empty());
    /// ```
    pub fn statements(&self) -> &[PolicyStatement] {
        &self.statements
    }

    /// How many statements the document has.
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyDocument;
    /// assert_eq!(PolicyDocument::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.statements.len()
    }

    /// Whether the document has no statements.
    ///
    /// ```
    /// use ecs_dsl::iam::PolicyDocument;
    /// assert!(PolicyDocument::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    /// What keeps this document from being a role's permissions policy, if anything: a
    /// statement's own problem, or a `Sid` used twice.
    pub(crate) fn identity_problem(&self) -> Option<String> {
        for (i, s) in self.statements.iter().enumerate() {
            if let Some(problem) = s.identity_problem() {
                return Some(problem);
            }
            if let Some(sid) = s.statement_id()
                && self.statements[..i]
                    .iter()
                    .any(|earlier| earlier.statement_id() == Some(sid))
            {
                return Some(format!(
                    "Sid `{sid}` is used by two statements of different scope; IAM requires unique Sids in a policy"
                ));
            }
        }
        None
    }
}

impl FromIterator<PolicyStatement> for PolicyDocument {
    /// A document from statements, merged as by [`PolicyDocument::add_statement`].
    fn from_iter<I: IntoIterator<Item = PolicyStatement>>(iter: I) -> Self {
        let mut doc = PolicyDocument::new();
        doc.extend(iter);
        doc
    }
}

impl Extend<PolicyStatement> for PolicyDocument {
    fn extend<I: IntoIterator<Item = PolicyStatement>>(&mut self, iter: I) {
        for s in iter {
            self.add_statement(s);
        }
    }
}

impl ToJson for PolicyDocument {
    fn to_json(&self) -> Json {
        Json::object([
            ("Version", Json::from(VERSION)),
            (
                "Statement",
                Json::Array(self.statements.iter().map(ToJson::to_json).collect()),
            ),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::to_serde;
    use serde_json::json;

    #[test]
    fn renders_version_and_statements() {
        let doc: PolicyDocument = [
            PolicyStatement::allow()
                .action("s3:GetObject")
                .resource("arn:o"),
            PolicyStatement::deny()
                .action("s3:DeleteObject")
                .resource("arn:o"),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            to_serde(&doc.to_json()),
            json!({
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:o"]},
                    {"Effect": "Deny", "Action": ["s3:DeleteObject"], "Resource": ["arn:o"]},
                ],
            })
        );
    }

    #[test]
    fn equal_statement_is_a_no_op() {
        let s = PolicyStatement::allow()
            .action("ecr:BatchGetImage")
            .resource("arn:repo");
        let mut doc = PolicyDocument::new().with_statement(s.clone());
        let before = doc.clone();
        doc.add_statement(s);
        assert_eq!(doc, before);
    }

    #[test]
    fn same_scope_merges_actions_whatever_the_order() {
        let a = PolicyStatement::allow()
            .action("x:B")
            .resources(["arn:1", "arn:2"]);
        let b = PolicyStatement::allow()
            .action("x:A")
            .resources(["arn:2", "arn:1"]);
        let other = PolicyStatement::allow().action("x:C").resource("arn:3");
        let one: PolicyDocument = [a.clone(), other.clone(), b.clone()].into_iter().collect();
        let two: PolicyDocument = [a, other, b].into_iter().collect();
        assert_eq!(one, two);
        assert_eq!(one.len(), 2);
        assert_eq!(one.statements()[0].action_list(), ["x:A", "x:B"]);
        assert_eq!(
            to_serde(&one.statements()[0].to_json())["Resource"],
            json!(["arn:1", "arn:2"])
        );
    }

    #[test]
    fn different_conditions_or_effects_do_not_merge() {
        let doc: PolicyDocument = [
            PolicyStatement::allow().action("x:A").resource("arn:1"),
            PolicyStatement::allow()
                .action("x:B")
                .resource("arn:1")
                .condition("Bool", "aws:SecureTransport", "true"),
            PolicyStatement::deny().action("x:C").resource("arn:1"),
        ]
        .into_iter()
        .collect();
        assert_eq!(doc.len(), 3);
    }

    #[test]
    fn duplicate_sids_of_different_scope_are_a_problem() {
        let doc: PolicyDocument = [
            PolicyStatement::allow()
                .sid("Read")
                .action("x:A")
                .resource("arn:1"),
            PolicyStatement::allow()
                .sid("Read")
                .action("x:A")
                .resource("arn:2"),
        ]
        .into_iter()
        .collect();
        let problem = doc.identity_problem().unwrap();
        assert!(problem.contains("Sid `Read`"), "{problem}");

        let merged: PolicyDocument = [
            PolicyStatement::allow()
                .sid("Read")
                .action("x:A")
                .resource("arn:1"),
            PolicyStatement::allow()
                .sid("Read")
                .action("x:B")
                .resource("arn:1"),
        ]
        .into_iter()
        .collect();
        assert_eq!(merged.identity_problem(), None);
    }
}
