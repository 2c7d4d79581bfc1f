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
///
/// ```
/// use ecs_dsl::deploy::upload::TOOLKIT_STACK;
/// assert_eq!(TOOLKIT_STACK, "ecs-dsl-toolkit");
/// assert!(ecs_dsl::template::stack_name_problem(TOOLKIT_STACK).is_none());
/// ```
pub const TOOLKIT_STACK: &str = "ecs-dsl-toolkit";
/// The toolkit stack's output that holds the bucket name.
///
/// ```
/// use ecs_dsl::deploy::upload::{BUCKET_OUTPUT, TOOLKIT_STACK};
/// // The bucket of `bootstrap`: output `BucketName` of stack `ecs-dsl-toolkit`.
/// assert_eq!(format!("{TOOLKIT_STACK}:{BUCKET_OUTPUT}"), "ecs-dsl-toolkit:BucketName");
/// ```
pub const BUCKET_OUTPUT: &str = "BucketName";
/// The environment variable naming the bucket (as `--bucket` does).
///
/// ```
/// use ecs_dsl::deploy::upload::BUCKET_ENV;
/// let bucket = std::env::var(BUCKET_ENV).ok(); // what `--bucket` defaults to
/// # let _ = bucket;
/// assert_eq!(BUCKET_ENV, "ECS_DSL_BUCKET");
/// ```
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

/// The URL CloudFormation reads the template from: virtual-hosted style on AWS, path style on
/// a custom endpoint (see [`endpoint_template_url`]).
fn template_url(clients: &Clients, bucket: &str, key: &str) -> String {
    match clients.endpoint() {
        Some(endpoint) => endpoint_template_url(endpoint, bucket, key),
        None => {
            let region = clients.region().unwrap_or_else(|| "us-east-1".to_owned());
            format!("https://{bucket}.s3.{region}.amazonaws.com/{key}")
        }
    }
}

/// The path-style URL of `bucket/key` on a custom endpoint, with a loopback address written as
/// `localhost`. Local emulators find the object of a TemplateURL in their own S3 only when they
/// recognise the URL as local, and they do so by that name: moto takes the bucket from the path
/// only when the URL contains `localhost` (or is an `s3*.amazonaws.com` URL), and otherwise
/// reads the first label of the host as the bucket, so `http://127.0.0.1:5000/b/k` names the
/// bucket `127`. `localhost` is the same address, so the URL still points at the endpoint.
fn endpoint_template_url(endpoint: &str, bucket: &str, key: &str) -> String {
    let endpoint = endpoint.trim_end_matches('/');
    let (scheme, rest) = endpoint.split_once("://").unwrap_or(("http", endpoint));
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, port) = match authority.rfind(':') {
        // `[::1]:5000`, `127.0.0.1:5000`; not the colons inside an IPv6 literal.
        Some(i) if !authority[i..].contains(']') => authority.split_at(i),
        _ => (authority, ""),
    };
    let loopback = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => v6
            .parse::<std::net::Ipv6Addr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback()),
    };
    let host = if loopback { "localhost" } else { host };
    format!("{scheme}://{host}{port}{path}/{bucket}/{key}")
}

#[cfg(test)]
mod tests {
    use super::endpoint_template_url;

    #[test]
    fn a_loopback_endpoint_is_written_as_localhost() {
        for (endpoint, url) in [
            ("http://127.0.0.1:5000", "http://localhost:5000/b/k.json"),
            ("http://127.0.0.1:5000/", "http://localhost:5000/b/k.json"),
            ("http://127.1.2.3", "http://localhost/b/k.json"),
            ("http://[::1]:4566", "http://localhost:4566/b/k.json"),
            ("http://localhost:4566", "http://localhost:4566/b/k.json"),
        ] {
            assert_eq!(
                endpoint_template_url(endpoint, "b", "k.json"),
                url,
                "{endpoint}"
            );
        }
    }

    #[test]
    fn other_endpoints_keep_their_host_and_path() {
        for (endpoint, url) in [
            ("http://moto:5000", "http://moto:5000/b/k.json"),
            (
                "https://192.0.2.7:9000/s3",
                "https://192.0.2.7:9000/s3/b/k.json",
            ),
            (
                "https://[2001:db8::1]:9000",
                "https://[2001:db8::1]:9000/b/k.json",
            ),
            ("https://s3.example.com", "https://s3.example.com/b/k.json"),
        ] {
            assert_eq!(
                endpoint_template_url(endpoint, "b", "k.json"),
                url,
                "{endpoint}"
            );
        }
    }
}
