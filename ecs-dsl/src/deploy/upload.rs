//! Templates over 51,200 bytes go through S3 (rule F1): the bucket, the upload, and the
//! `bootstrap` stack that creates a private, encrypted, TLS-only bucket for them.

use crate::cfn::s3::bucket as s3;
use crate::cfn::s3::bucket_policy::BucketPolicy;
use crate::prelude::*;
use crate::template::intrinsic::sub;

use super::client::{AwsError, Clients};
use super::error::DeployError;
use super::manifest::StackEntry;

/// The name of the stack `bootstrap` deploys.
pub const TOOLKIT_STACK: &str = "ecs-dsl-toolkit";
/// The toolkit stack's output that holds the bucket name.
pub const BUCKET_OUTPUT: &str = "BucketName";
/// The environment variable naming the bucket (as `--bucket` does).
pub const BUCKET_ENV: &str = "ECS_DSL_BUCKET";

/// The app `bootstrap` deploys: one stack, [`TOOLKIT_STACK`], with a bucket for templates
/// that blocks public access, encrypts at rest (SSE-S3), enforces bucket-owner object
/// ownership, refuses requests without TLS, and expires templates after 30 days; its name is
/// the output [`BUCKET_OUTPUT`].
///
/// ```
/// let app = ecs_dsl::deploy::upload::toolkit_app()?;
/// let template = &app.synthesize()?.stacks[0];
/// let json = template.template_json();
/// assert_eq!(json["Resources"]["Bucket"]["Type"], "AWS::S3::Bucket");
/// assert_eq!(json["Resources"]["BucketPolicy"]["Properties"]["PolicyDocument"]["Statement"][0]["Effect"], "Deny");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub fn toolkit_app() -> crate::Result<App> {
    let mut app = App::new();
    let stack = app.stack(TOOLKIT_STACK)?;
    let encryption = s3::BucketEncryption::new(vec![
        s3::ServerSideEncryptionRule::new().server_side_encryption_by_default(
            s3::ServerSideEncryptionByDefault::new(
                s3::ServerSideEncryptionByDefaultSseAlgorithm::Aes256,
            ),
        ),
    ]);
    let bucket = stack.add(
        "Bucket",
        s3::Bucket::new()
            .bucket_encryption(encryption)
            .public_access_block_configuration(
                s3::PublicAccessBlockConfiguration::new()
                    .block_public_acls(true)
                    .block_public_policy(true)
                    .ignore_public_acls(true)
                    .restrict_public_buckets(true),
            )
            .ownership_controls(s3::OwnershipControls::new(vec![
                s3::OwnershipControlsRule::new().object_ownership(
                    s3::OwnershipControlsRuleObjectOwnership::BucketOwnerEnforced,
                ),
            ]))
            .lifecycle_configuration(s3::LifecycleConfiguration::new(vec![
                s3::Rule::new(s3::RuleStatus::Enabled)
                    .id("ExpireTemplates")
                    .expiration_in_days(30),
            ])),
    )?;
    let policy = Json::object([
        ("Version", Json::from("2012-10-17")),
        (
            "Statement",
            Json::Array(vec![Json::object([
                ("Sid", Json::from("DenyWithoutTls")),
                ("Effect", Json::from("Deny")),
                ("Principal", Json::from("*")),
                ("Action", Json::from("s3:*")),
                (
                    "Resource",
                    Json::Array(vec![
                        bucket.attr_arn().into(),
                        sub("${Bucket.Arn}/*").into(),
                    ]),
                ),
                (
                    "Condition",
                    Json::object([(
                        "Bool",
                        Json::object([("aws:SecureTransport", Json::from("false"))]),
                    )]),
                ),
            ])]),
        ),
    ]);
    stack.add(
        "BucketPolicy",
        BucketPolicy::new(bucket.reference(), policy),
    )?;
    stack.add_output(BUCKET_OUTPUT, Output::new(bucket.reference()))?;
    Ok(app)
}

/// The bucket for large templates: `explicit` (from `--bucket` or [`BUCKET_ENV`]), else the
/// output of the toolkit stack.
pub(crate) async fn resolve_bucket(
    clients: &Clients,
    explicit: Option<&str>,
    needing: &StackEntry,
) -> Result<String, DeployError> {
    if let Some(bucket) = explicit.filter(|b| !b.is_empty()) {
        return Ok(bucket.to_owned());
    }
    let info = clients
        .describe_stack(TOOLKIT_STACK)
        .await
        .map_err(|e| DeployError::aws(TOOLKIT_STACK, e))?;
    info.and_then(|i| i.outputs.get(BUCKET_OUTPUT).cloned())
        .ok_or_else(|| DeployError::NoBucket {
            stack: needing.name.clone(),
            bytes: needing.template_bytes,
        })
}

/// Uploads a template to `s3://bucket/ecs-dsl/<stack>/<sha256>.json` and returns the URL to
/// pass as TemplateURL. The key is the template's digest, so a template is uploaded once per
/// content.
pub(crate) async fn upload_template(
    clients: &Clients,
    bucket: &str,
    entry: &StackEntry,
    body: &str,
) -> Result<String, DeployError> {
    let key = format!("ecs-dsl/{}/{}.json", entry.name, entry.template_sha256);
    clients
        .s3
        .put_object()
        .bucket(bucket)
        .key(&key)
        .content_type("application/json")
        .body(aws_sdk_s3::primitives::ByteStream::from(
            body.as_bytes().to_vec(),
        ))
        .send()
        .await
        .map_err(|e| {
            DeployError::aws(&entry.name, AwsError::from_sdk("s3", clients.endpoint(), e))
        })?;
    Ok(template_url(clients, bucket, &key))
}

/// The URL CloudFormation reads the template from: path style on a custom endpoint,
/// virtual-hosted style on AWS.
fn template_url(clients: &Clients, bucket: &str, key: &str) -> String {
    match clients.endpoint() {
        Some(endpoint) => format!("{}/{bucket}/{key}", endpoint.trim_end_matches('/')),
        None => {
            let region = clients.region().unwrap_or_else(|| "us-east-1".to_owned());
            format!("https://{bucket}.s3.{region}.amazonaws.com/{key}")
        }
    }
}
