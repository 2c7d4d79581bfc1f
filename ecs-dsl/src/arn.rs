//! Literal ARNs split into their parts, for the checks of literal values (rules T18, L6).

/// `arn:<partition>:<service>:<region>:<account>:<resource>`; the resource may hold more `:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Arn<'a> {
    pub(crate) partition: &'a str,
    pub(crate) service: &'a str,
    pub(crate) region: &'a str,
    pub(crate) account: &'a str,
    pub(crate) resource: &'a str,
}

impl<'a> Arn<'a> {
    /// The parts of `text`, or `None` when it does not start with `arn:` or has fewer than six
    /// parts.
    pub(crate) fn parse(text: &'a str) -> Option<Self> {
        let mut parts = text.splitn(6, ':');
        if parts.next()? != "arn" {
            return None;
        }
        Some(Arn {
            partition: parts.next()?,
            service: parts.next()?,
            region: parts.next()?,
            account: parts.next()?,
            resource: parts.next()?,
        })
    }

    /// Whether the account is an account id: 12 digits.
    pub(crate) fn has_account_id(&self) -> bool {
        self.account.len() == 12 && self.account.bytes().all(|b| b.is_ascii_digit())
    }
}

#[cfg(test)]
mod tests {
    use super::Arn;

    #[test]
    fn splits_six_parts_and_keeps_colons_in_the_resource() {
        let arn = Arn::parse("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-Ab").unwrap();
        assert_eq!(
            arn,
            Arn {
                partition: "aws",
                service: "secretsmanager",
                region: "eu-west-1",
                account: "123456789012",
                resource: "secret:db-Ab",
            }
        );
        assert!(arn.has_account_id());
        let iam = Arn::parse("arn:aws:iam::123456789012:server-certificate/web").unwrap();
        assert_eq!((iam.region, iam.resource), ("", "server-certificate/web"));
    }

    #[test]
    fn refuses_what_is_not_an_arn() {
        assert_eq!(Arn::parse("my-bucket"), None);
        assert_eq!(Arn::parse("urn:aws:acm:r:123456789012:certificate/x"), None);
        assert_eq!(Arn::parse("arn:aws:s3:eu-west-1"), None);
        assert!(
            !Arn::parse("arn:aws:acm:r:1234:certificate/x")
                .unwrap()
                .has_account_id()
        );
    }
}
