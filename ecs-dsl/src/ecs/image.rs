//! Container images (rule T22): checked at compile time by [`image!`](crate::image) for
//! literals and by [`Image::parse`] for values known only at run time (both use the one parser
//! in `ecs-dsl-rules`), built from an ECR repository of the app by [`Image::ecr`], or taken as a
//! CloudFormation expression by [`Image::from_value`].

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use ecs_dsl_rules::image as rules;

use crate::cfn::ecr::Repository;
use crate::error::{Error, Result};
use crate::template::{Handle, Value, intrinsic};

/// The image of a container: what goes in its `Image` property, and the private ECR repository
/// it is pulled from, if that is known (the task's execution role is granted pull on it).
///
/// ```
/// use ecs_dsl::ecs::Image;
/// let nginx = ecs_dsl::image!("nginx:1.27");
/// assert_eq!(nginx.to_string(), "nginx:1.27");
/// assert_eq!(nginx.ecr_repository_arn(), None);
///
/// let app = Image::parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web/app:v42")?;
/// assert_eq!(
///     app.ecr_repository_arn(),
///     Some("arn:aws:ecr:eu-west-1:123456789012:repository/web/app".into())
/// );
/// assert!(Image::parse("Nginx:1.27").is_err());
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    source: Source,
}

#[derive(Debug, Clone, PartialEq)]
enum Source {
    /// A reference checked against rule T22.
    Literal(Cow<'static, str>),
    /// A tag of an ECR repository known by the values of its URI and ARN.
    Ecr {
        value: Value<String>,
        arn: Value<String>,
        display: String,
    },
    /// A CloudFormation expression; not checked.
    Expr(Value<String>),
}

fn invalid(image: impl Into<String>, reason: String) -> Error {
    Error::InvalidImage {
        image: image.into(),
        reason,
    }
}

fn check_tag(display: &str, tag: &str) -> Result<()> {
    match rules::tag_problem(tag) {
        None => Ok(()),
        Some(reason) => Err(invalid(display, reason)),
    }
}

impl Image {
    /// An image reference from text, e.g. read from config, checked against rule T22 (the
    /// Docker/OCI reference grammar, at most 255 characters, `sha256` digests). For a literal in
    /// the program prefer [`image!`](crate::image), which checks it at compile time.
    ///
    /// ```
    /// use ecs_dsl::ecs::Image;
    /// let image = Image::parse("ghcr.io/org/app:v1")?;
    /// assert!(image.is_literal());
    /// let err = Image::parse("nginx@sha256:abc").unwrap_err();
    /// assert!(err.to_string().contains("rule T22"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn parse(reference: &str) -> Result<Image> {
        match rules::image_problem(reference) {
            None => Ok(Image {
                source: Source::Literal(Cow::Owned(reference.to_owned())),
            }),
            Some(reason) => Err(invalid(reference, reason)),
        }
    }

    /// Used by [`image!`](crate::image) after it checked the literal; not for direct use.
    #[doc(hidden)]
    pub const fn __checked(reference: &'static str) -> Image {
        Image {
            source: Source::Literal(Cow::Borrowed(reference)),
        }
    }

    /// An image given by a CloudFormation value, such as a parameter's value or an
    /// `Fn::ImportValue`.
    ///
    /// A literal is checked like [`Image::parse`]. An expression is resolved only at deploy
    /// time, so the static check of rule T22 is skipped for it explicitly; and since its
    /// registry is unknown, it gets no automatic ECR pull grant
    /// ([`ecr_repository_arn`](Image::ecr_repository_arn) is `None`): grant the execution role
    /// pull on the repository yourself, or use [`Image::ecr`] / [`Image::ecr_imported`].
    ///
    /// ```
    /// use ecs_dsl::ecs::Image;
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let param = stack.add_parameter("ImageUri", Parameter::string())?;
    /// let image = Image::from_value(param.value())?;
    /// assert!(!image.is_literal());
    /// assert_eq!(image.ecr_repository_arn(), None);
    /// assert!(Image::from_value("NGINX".into()).is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn from_value(value: Value<String>) -> Result<Image> {
        match value {
            Value::Literal(reference) => Image::parse(&reference),
            expr @ Value::Expr(_) => Ok(Image {
                source: Source::Expr(expr),
            }),
        }
    }

    /// The image `tag` of an ECR repository of this app: the `Image` property is
    /// `Fn::Join ["", [<RepositoryUri>, ":", tag]]`, and the repository's `Arn` is remembered for
    /// the pull grant. The repository may be in another stack (the values are then exported and
    /// imported). The tag is checked against rule T22.
    ///
    /// ```
    /// use ecs_dsl::cfn::ecr;
    /// use ecs_dsl::ecs::Image;
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let repo = stack.add("Repo", ecr::Repository::new())?;
    /// let image = Image::ecr(&repo, "v42")?;
    /// assert_eq!(image.ecr_repository_arn(), Some(repo.attr_arn()));
    /// assert!(Image::ecr(&repo, "-bad").is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ecr(repository: &Handle<Repository>, tag: &str) -> Result<Image> {
        let display = format!(
            "<RepositoryUri of `{}` in stack `{}`>:{tag}",
            repository.logical_id(),
            repository.stack_name()
        );
        check_tag(&display, tag)?;
        Ok(Image {
            source: Source::Ecr {
                value: join_tag(repository.attr_repository_uri(), tag),
                arn: repository.attr_arn(),
                display,
            },
        })
    }

    /// An image of an ECR repository of this app whose tag is a CloudFormation value, typically
    /// a parameter: the app is then redeployed with a new tag by changing only that parameter
    /// (`deploy --parameters ImageTag=...`), and the template stays the same. A literal tag is
    /// checked as [`Image::ecr`] checks it (rule T22); an expression is checked by ECS when the
    /// task starts. The execution role is granted pull on the repository either way.
    ///
    /// ```
    /// use ecs_dsl::cfn::ecr;
    /// use ecs_dsl::ecs::Image;
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("web")?;
    /// let repo = stack.add("Repo", ecr::Repository::new())?;
    /// let tag = stack.add_parameter("ImageTag", Parameter::string())?;
    /// let image = Image::ecr_tagged(&repo, tag.value())?;
    /// assert_eq!(image.ecr_repository_arn(), Some(repo.attr_arn()));
    /// assert!(Image::ecr_tagged(&repo, "-bad").is_err());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ecr_tagged(
        repository: &Handle<Repository>,
        tag: impl Into<Value<String>>,
    ) -> Result<Image> {
        match tag.into() {
            Value::Literal(tag) => Image::ecr(repository, &tag),
            tag @ Value::Expr(_) => Ok(Image {
                source: Source::Ecr {
                    value: join_tag(repository.attr_repository_uri(), tag),
                    arn: repository.attr_arn(),
                    display: format!(
                        "<RepositoryUri of `{}` in stack `{}`>:<tag expression>",
                        repository.logical_id(),
                        repository.stack_name()
                    ),
                },
            }),
        }
    }

    /// The image `tag` of an ECR repository that is not part of this app, given by its ARN and
    /// URI (literals, parameters' values or imports), so that the execution role is granted
    /// pull on `repository_arn`. The tag is checked against rule T22, and so is the whole
    /// reference when the URI is a literal.
    ///
    /// ```
    /// use ecs_dsl::ecs::Image;
    /// let image = Image::ecr_imported(
    ///     "arn:aws:ecr:eu-west-1:123456789012:repository/app".into(),
    ///     "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app".into(),
    ///     "v1",
    /// )?;
    /// assert_eq!(image.to_string(), "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1");
    /// assert!(image.ecr_repository_arn().is_some());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ecr_imported(
        repository_arn: Value<String>,
        repository_uri: Value<String>,
        tag: &str,
    ) -> Result<Image> {
        let (value, display) = match repository_uri {
            Value::Literal(uri) => {
                let reference = format!("{uri}:{tag}");
                if let Some(reason) = rules::image_problem(&reference) {
                    return Err(invalid(reference, reason));
                }
                (Value::Literal(reference.clone()), reference)
            }
            uri @ Value::Expr(_) => {
                let display = format!("<repository URI>:{tag}");
                check_tag(&display, tag)?;
                (join_tag(uri, tag), display)
            }
        };
        Ok(Image {
            source: Source::Ecr {
                value,
                arn: repository_arn,
                display,
            },
        })
    }

    /// What goes in the container definition's `Image` property.
    ///
    /// ```
    /// use ecs_dsl::template::Value;
    /// assert_eq!(ecs_dsl::image!("nginx").value(), Value::from("nginx"));
    /// ```
    pub fn value(&self) -> Value<String> {
        match &self.source {
            Source::Literal(reference) => Value::Literal(reference.to_string()),
            Source::Ecr { value, .. } => value.clone(),
            Source::Expr(value) => value.clone(),
        }
    }

    /// The ARN of the private ECR repository the image is pulled from, for the pull grant of
    /// the task's execution role:
    ///
    /// - a literal on an ECR registry host (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`,
    ///   its FIPS, dual-stack and China forms): the literal
    ///   `arn:<partition>:ecr:<region>:<account>:repository/<name>`;
    /// - [`Image::ecr`]: the repository's `Fn::GetAtt Arn`; [`Image::ecr_imported`]: the ARN
    ///   given;
    /// - `None` for other registries (Docker Hub, `public.ecr.aws`, GHCR... need no IAM grant)
    ///   and for [expressions](Image::from_value), whose registry is unknown: they get no
    ///   automatic pull grant.
    ///
    /// ```
    /// let image = ecs_dsl::image!("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1");
    /// assert_eq!(
    ///     image.ecr_repository_arn(),
    ///     Some("arn:aws-cn:ecr:cn-north-1:123456789012:repository/app".into())
    /// );
    /// assert_eq!(ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27").ecr_repository_arn(), None);
    /// ```
    pub fn ecr_repository_arn(&self) -> Option<Value<String>> {
        match &self.source {
            Source::Literal(reference) => {
                let parsed = rules::parse(reference).ok()?;
                let repo = rules::ecr_repository(&parsed)?;
                Some(Value::Literal(repo.arn()))
            }
            Source::Ecr { arn, .. } => Some(arn.clone()),
            Source::Expr(_) => None,
        }
    }

    /// Whether the reference is known now (from [`image!`](crate::image), [`Image::parse`], a
    /// literal given to [`Image::from_value`], or [`Image::ecr_imported`] with a literal URI).
    ///
    /// ```
    /// assert!(ecs_dsl::image!("nginx:1.27").is_literal());
    /// ```
    pub fn is_literal(&self) -> bool {
        self.literal().is_some()
    }

    /// The reference if it is known now, else `None`.
    ///
    /// ```
    /// assert_eq!(ecs_dsl::image!("nginx:1.27").literal(), Some("nginx:1.27"));
    /// ```
    pub fn literal(&self) -> Option<&str> {
        match &self.source {
            Source::Literal(reference) => Some(reference),
            Source::Ecr {
                value: Value::Literal(reference),
                ..
            } => Some(reference),
            Source::Ecr { .. } | Source::Expr(_) => None,
        }
    }
}

fn join_tag(uri: Value<String>, tag: impl Into<Value<String>>) -> Value<String> {
    intrinsic::join("", [uri, ":".into(), tag.into()])
}

impl fmt::Display for Image {
    /// The reference for a literal; ``<RepositoryUri of `Repo` in stack `web`>:tag`` for
    /// [`Image::ecr`], `<repository URI>:tag` for [`Image::ecr_imported`] with an expression
    /// URI, and `<CloudFormation expression>` for [`Image::from_value`] with an expression.
    ///
    /// ```
    /// assert_eq!(ecs_dsl::image!("ghcr.io/org/app:v1").to_string(), "ghcr.io/org/app:v1");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Source::Literal(reference) => f.write_str(reference),
            Source::Ecr { display, .. } => f.write_str(display),
            Source::Expr(_) => f.write_str("<CloudFormation expression>"),
        }
    }
}

impl FromStr for Image {
    type Err = Error;

    /// The same as [`Image::parse`].
    ///
    /// ```
    /// let image: ecs_dsl::ecs::Image = "nginx:1.27".parse()?;
    /// # let _ = image;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    fn from_str(reference: &str) -> Result<Image> {
        Image::parse(reference)
    }
}

impl TryFrom<&str> for Image {
    type Error = Error;

    /// The same as [`Image::parse`].
    ///
    /// ```
    /// use ecs_dsl::ecs::Image;
    /// assert!(Image::try_from("nginx:1.27").is_ok());
    /// ```
    fn try_from(reference: &str) -> Result<Image> {
        Image::parse(reference)
    }
}

impl From<Image> for Value<String> {
    /// [`Image::value`].
    ///
    /// ```
    /// use ecs_dsl::template::Value;
    /// let value: Value<String> = ecs_dsl::image!("nginx").into();
    /// assert!(value.is_literal());
    /// ```
    fn from(image: Image) -> Self {
        image.value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cfn::ecr;
    use crate::prelude::*;

    #[test]
    fn parse_errors_name_the_reference_and_the_rule() {
        let msg = Image::parse("ghcr.io/MyOrg/app:v1")
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("ghcr.io/MyOrg/app:v1") && msg.contains("lowercase"),
            "{msg}"
        );
        assert!(msg.ends_with("(rule T22)"), "{msg}");
    }

    #[test]
    fn checked_and_parsed_literals_are_equal() {
        const NGINX: Image = Image::__checked("nginx:1.27");
        assert_eq!(Image::parse("nginx:1.27").unwrap(), NGINX);
    }

    #[test]
    fn ecr_images_render_a_join_and_keep_the_arn() -> Result<()> {
        let mut app = App::new();
        let base = app.stack("base")?;
        let repo = base.add("Repo", ecr::Repository::new())?;
        let web = app.stack("web")?;
        let image = Image::ecr(&repo, "v42")?;
        assert!(!image.is_literal());
        assert_eq!(image.literal(), None);
        assert_eq!(
            image.to_string(),
            "<RepositoryUri of `Repo` in stack `base`>:v42"
        );
        base.add_output("Image", Output::new(image.value()))?;
        base.add_output("Arn", Output::new(image.ecr_repository_arn().unwrap()))?;
        web.add_output("Image", Output::new(image.value()))?;
        let assembly = app.synthesize()?;
        let base = assembly.stack("base").unwrap().template_json();
        assert_eq!(
            base["Outputs"]["Image"]["Value"],
            serde_json::json!({"Fn::Join": ["", [{"Fn::GetAtt": ["Repo", "RepositoryUri"]}, ":", "v42"]]})
        );
        assert_eq!(
            base["Outputs"]["Arn"]["Value"],
            serde_json::json!({"Fn::GetAtt": ["Repo", "Arn"]})
        );
        let web = assembly.stack("web").unwrap().template_json();
        assert_eq!(
            web["Outputs"]["Image"]["Value"],
            serde_json::json!({"Fn::Join": ["", [{"Fn::ImportValue": "base:Repo:RepositoryUri"}, ":", "v42"]]})
        );

        let err = Image::ecr(&repo, "v 1").unwrap_err().to_string();
        assert!(err.contains("rule T22") && err.contains("Repo"), "{err}");
        Ok(())
    }

    #[test]
    fn imported_ecr_repositories() -> Result<()> {
        let arn: Value<String> = "arn:aws:ecr:eu-west-1:123456789012:repository/app".into();
        let literal = Image::ecr_imported(
            arn.clone(),
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app".into(),
            "v1",
        )?;
        assert_eq!(
            literal.literal(),
            Some("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1")
        );
        assert_eq!(literal.ecr_repository_arn(), Some(arn.clone()));
        assert!(Image::ecr_imported(arn.clone(), "Bad/Uri".into(), "v1").is_err());

        let uri: Value<String> = intrinsic::import_value("shared:RepoUri");
        let imported = Image::ecr_imported(arn.clone(), uri, "v1")?;
        assert!(!imported.is_literal());
        assert_eq!(imported.ecr_repository_arn(), Some(arn.clone()));
        assert_eq!(imported.to_string(), "<repository URI>:v1");
        let uri: Value<String> = intrinsic::import_value("shared:RepoUri");
        assert!(Image::ecr_imported(arn, uri, "").is_err());
        Ok(())
    }

    #[test]
    fn expressions_are_not_checked_and_get_no_grant() {
        let image = Image::from_value(intrinsic::import_value("shared:Image")).unwrap();
        assert!(!image.is_literal());
        assert_eq!(image.ecr_repository_arn(), None);
        assert_eq!(image.to_string(), "<CloudFormation expression>");
        assert_eq!(image.value(), intrinsic::import_value("shared:Image"));

        let literal =
            Image::from_value("123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1".into()).unwrap();
        assert_eq!(
            literal.ecr_repository_arn(),
            Some("arn:aws:ecr:us-east-1:123456789012:repository/x".into())
        );
    }

    #[test]
    fn non_ecr_literals_get_no_grant() {
        for reference in [
            "nginx",
            "bitnami/redis:7",
            "public.ecr.aws/nginx/nginx:1.27",
            "ghcr.io/org/app:v1",
            "quay.io/prometheus/node-exporter:v1.8.2",
            "localhost:5000/x",
        ] {
            let image = Image::parse(reference).unwrap();
            assert_eq!(image.ecr_repository_arn(), None, "{reference}");
            assert_eq!(image.to_string(), reference);
            assert_eq!(image.value(), Value::from(reference));
        }
    }
}
