//! The CloudFormation and S3 clients, configured from the standard AWS environment (region,
//! credentials, profile, `AWS_ENDPOINT_URL*`) or an explicit endpoint, and the typed errors a
//! call can end in.
//!
//! The HTTP client is rustls with ring: it speaks HTTPS to AWS and plain HTTP to a loopback
//! endpoint such as a local moto server.

use std::future::Future;

use aws_sdk_cloudformation as cfn;
use aws_sdk_cloudformation::config::SharedHttpClient;
use aws_sdk_cloudformation::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_http_client::tls;

use super::status::StackStatus;

/// Where and as whom to connect. Unset fields come from the standard AWS environment and
/// config files (`AWS_REGION`, `AWS_PROFILE`, `~/.aws/config`, ...).
///
/// ```
/// use ecs_dsl::deploy::client::ConnectOptions;
/// let local = ConnectOptions::default()
///     .endpoint_url("http://127.0.0.1:5000")
///     .region("us-east-1")
///     .static_credentials("AKID", "SECRET");
/// # let _ = local;
/// ```
#[derive(Debug, Clone, Default)]
pub struct ConnectOptions {
    region: Option<String>,
    profile: Option<String>,
    endpoint_url: Option<String>,
    static_credentials: Option<(String, String)>,
    http_client: Option<SharedHttpClient>,
}

impl ConnectOptions {
    /// The region (else `AWS_REGION` / the profile's region).
    ///
    /// ```
    /// use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// let options = ConnectOptions::default()
    ///     .endpoint_url("http://127.0.0.1:5000")
    ///     .region("eu-west-1")
    ///     .static_credentials("AKID", "SECRET");
    /// // Connecting loads the configuration; no request is made yet.
    /// let clients = block_on(Clients::connect(&options))?;
    /// assert_eq!(clients.region().as_deref(), Some("eu-west-1"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// A named profile of the AWS config files.
    ///
    /// ```
    /// use ecs_dsl::deploy::client::ConnectOptions;
    /// let options = ConnectOptions::default().profile("ci");
    /// assert!(format!("{options:?}").contains("profile: Some(\"ci\")"));
    /// ```
    pub fn profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = Some(profile.into());
        self
    }

    /// A custom endpoint for both services, e.g. a local moto server (`--endpoint-url`).
    ///
    /// ```
    /// use ecs_dsl::deploy::client::ConnectOptions;
    /// let options = ConnectOptions::default().endpoint_url("http://127.0.0.1:5000");
    /// assert_eq!(options.endpoint(), Some("http://127.0.0.1:5000"));
    /// ```
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Fixed credentials, for local endpoints and tests.
    ///
    /// ```
    /// use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// let options = ConnectOptions::default()
    ///     .endpoint_url("http://127.0.0.1:5000")
    ///     .region("eu-west-1")
    ///     .static_credentials("AKID", "SECRET");
    /// // Connecting loads the configuration; no request is made yet.
    /// let clients = block_on(Clients::connect(&options))?;
    /// assert_eq!(clients.endpoint(), Some("http://127.0.0.1:5000"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn static_credentials(
        mut self,
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
    ) -> Self {
        self.static_credentials = Some((access_key_id.into(), secret_access_key.into()));
        self
    }

    /// Another HTTP client than rustls/ring, e.g. recorded responses in tests
    /// (`aws-smithy-http-client`'s `test-util`).
    ///
    /// ```
    /// use aws_smithy_http_client::tls;
    /// use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// // Any `SharedHttpClient`; here the default rustls client, built by hand.
    /// let http = aws_smithy_http_client::Builder::new()
    ///     .tls_provider(tls::Provider::Rustls(tls::rustls_provider::CryptoMode::Ring))
    ///     .build_https();
    /// let options = ConnectOptions::default().http_client(http).region("us-east-1");
    /// let clients = block_on(Clients::connect(&options))?;
    /// assert_eq!(clients.endpoint(), None);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn http_client(mut self, client: SharedHttpClient) -> Self {
        self.http_client = Some(client);
        self
    }

    /// The endpoint given with [`endpoint_url`](Self::endpoint_url), if any.
    ///
    /// ```
    /// use ecs_dsl::deploy::client::ConnectOptions;
    /// assert_eq!(ConnectOptions::default().endpoint(), None);
    /// assert_eq!(ConnectOptions::default().endpoint_url("http://localhost:4566").endpoint(), Some("http://localhost:4566"));
    /// ```
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }
}

/// Why a call to AWS failed, with what to do about it.
///
/// ```
/// use aws_sdk_cloudformation::error::{ErrorMetadata, SdkError};
/// use aws_sdk_cloudformation::operation::describe_stacks::DescribeStacksError;
/// use ecs_dsl::deploy::client::AwsError;
/// let missing = DescribeStacksError::generic(
///     ErrorMetadata::builder()
///         .code("ValidationError")
///         .message("Stack with id web does not exist")
///         .build(),
/// );
/// let err = AwsError::from_sdk("cloudformation", None, SdkError::service_error(missing, ()));
/// assert!(matches!(err, AwsError::Validation { service: "cloudformation", .. }));
/// assert_eq!(err.to_string(), "cloudformation rejected the request: Stack with id web does not exist");
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum AwsError {
    /// No credentials were found.
    #[error(
        "no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run `aws sso login` ({detail})"
    )]
    NoCredentials {
        /// What the SDK said.
        detail: String,
    },
    /// The endpoint could not be reached (network, DNS, a stopped local server).
    #[error(
        "cannot reach the {service} endpoint{}: {detail}; check the network, the region and --endpoint-url",
        endpoint.as_deref().map(|e| format!(" {e}")).unwrap_or_default()
    )]
    Unreachable {
        /// `cloudformation` or `s3`.
        service: &'static str,
        /// The endpoint, when one was given.
        endpoint: Option<String>,
        /// What the connection attempt said.
        detail: String,
    },
    /// The caller may not do this.
    #[error("access denied by {service}: {message}; the deploying identity needs that permission")]
    AccessDenied {
        /// `cloudformation` or `s3`.
        service: &'static str,
        /// AWS's message.
        message: String,
    },
    /// AWS kept throttling after the SDK's retries.
    #[error(
        "{service} is throttling the requests even after retries: {message}; try again later or lower --concurrency"
    )]
    Throttled {
        /// `cloudformation` or `s3`.
        service: &'static str,
        /// AWS's message.
        message: String,
    },
    /// CloudFormation rejected the request or the template.
    #[error("{service} rejected the request: {message}")]
    Validation {
        /// `cloudformation` or `s3`.
        service: &'static str,
        /// AWS's message.
        message: String,
    },
    /// Any other failure, with AWS's error code when there is one.
    #[error("{service} call failed{}: {message}", code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default())]
    Other {
        /// `cloudformation` or `s3`.
        service: &'static str,
        /// AWS's error code.
        code: Option<String>,
        /// What happened.
        message: String,
    },
}

impl AwsError {
    /// Whether CloudFormation answered that the stack does not exist.
    ///
    /// ```
    /// use aws_sdk_cloudformation::error::{ErrorMetadata, SdkError};
    /// use aws_sdk_cloudformation::operation::describe_stacks::DescribeStacksError;
    /// use ecs_dsl::deploy::client::AwsError;
    /// let missing = DescribeStacksError::generic(
    ///     ErrorMetadata::builder()
    ///         .code("ValidationError")
    ///         .message("Stack with id web does not exist")
    ///         .build(),
    /// );
    /// let err = AwsError::from_sdk("cloudformation", None, SdkError::service_error(missing, ()));
    /// assert!(err.is_missing_stack());
    /// ```
    pub fn is_missing_stack(&self) -> bool {
        matches!(self, AwsError::Validation { message, .. } if message.contains("does not exist"))
    }

    /// Classifies an SDK error of `service` (never panics on any response).
    ///
    /// ```
    /// use aws_sdk_cloudformation::error::{ErrorMetadata, SdkError};
    /// use aws_sdk_cloudformation::operation::describe_stacks::DescribeStacksError;
    /// use ecs_dsl::deploy::client::AwsError;
    /// let missing = DescribeStacksError::generic(
    ///     ErrorMetadata::builder()
    ///         .code("ValidationError")
    ///         .message("Stack with id web does not exist")
    ///         .build(),
    /// );
    /// let err = AwsError::from_sdk("cloudformation", None, SdkError::service_error(missing, ()));
    /// assert!(err.is_missing_stack());
    /// let throttled = DescribeStacksError::generic(
    ///     ErrorMetadata::builder().code("Throttling").message("Rate exceeded").build(),
    /// );
    /// let err = AwsError::from_sdk("cloudformation", None, SdkError::service_error(throttled, ()));
    /// assert!(matches!(err, AwsError::Throttled { .. }));
    /// assert!(err.to_string().contains("lower --concurrency"));
    /// ```
    pub fn from_sdk<E, R>(
        service: &'static str,
        endpoint: Option<&str>,
        err: SdkError<E, R>,
    ) -> AwsError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: std::fmt::Debug,
    {
        let detail = error_chain(&err);
        match &err {
            SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) => {
                if detail.contains("credential") {
                    AwsError::NoCredentials { detail }
                } else {
                    AwsError::Unreachable {
                        service,
                        endpoint: endpoint.map(str::to_owned),
                        detail,
                    }
                }
            }
            SdkError::ConstructionFailure(_) if detail.contains("credential") => {
                AwsError::NoCredentials { detail }
            }
            _ => {
                let code = err.code().map(str::to_owned);
                let message = err.message().map(str::to_owned).unwrap_or(detail);
                match code.as_deref() {
                    Some("AccessDenied" | "AccessDeniedException" | "UnauthorizedOperation") => {
                        AwsError::AccessDenied { service, message }
                    }
                    Some("Throttling" | "ThrottlingException" | "TooManyRequestsException") => {
                        AwsError::Throttled { service, message }
                    }
                    Some("ValidationError") => AwsError::Validation { service, message },
                    _ => AwsError::Other {
                        service,
                        code,
                        message,
                    },
                }
            }
        }
    }
}

/// The error chain of an SDK error as one line.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// The clients a deploy uses.
///
/// ```
/// use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
/// let options = ConnectOptions::default()
///     .endpoint_url("http://127.0.0.1:5000")
///     .region("eu-west-1")
///     .static_credentials("AKID", "SECRET");
/// // Connecting loads the configuration; no request is made yet.
/// let clients = block_on(Clients::connect(&options))?;
/// let _cloudformation: &aws_sdk_cloudformation::Client = &clients.cloudformation;
/// assert_eq!(clients.s3.config().region().map(|r| r.as_ref()), Some("eu-west-1"));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Clients {
    /// CloudFormation.
    pub cloudformation: cfn::Client,
    /// S3, for templates over 51,200 bytes (rule F1).
    pub s3: aws_sdk_s3::Client,
    endpoint: Option<String>,
}

impl Clients {
    /// Loads the AWS configuration and builds both clients.
    ///
    /// ```
    /// use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// let options = ConnectOptions::default()
    ///     .endpoint_url("http://127.0.0.1:5000")
    ///     .region("eu-west-1")
    ///     .static_credentials("AKID", "SECRET");
    /// // Connecting loads the configuration; no request is made yet.
    /// let clients = block_on(Clients::connect(&options))?;
    /// assert_eq!(clients.region().as_deref(), Some("eu-west-1"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub async fn connect(options: &ConnectOptions) -> Clients {
        let http = options.http_client.clone().unwrap_or_else(|| {
            aws_smithy_http_client::Builder::new()
                .tls_provider(tls::Provider::Rustls(
                    tls::rustls_provider::CryptoMode::Ring,
                ))
                .build_https()
        });
        let mut loader =
            aws_config::defaults(aws_config::BehaviorVersion::latest()).http_client(http);
        if let Some(region) = &options.region {
            loader = loader.region(aws_config::Region::new(region.clone()));
        }
        if let Some(profile) = &options.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(url) = &options.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        if let Some((id, secret)) = &options.static_credentials {
            loader = loader.credentials_provider(cfn::config::Credentials::new(
                id.clone(),
                secret.clone(),
                None,
                None,
                "ecs-dsl-static",
            ));
        }
        let shared = loader.load().await;
        let s3_config = aws_sdk_s3::config::Builder::from(&shared)
            // Local endpoints (moto, MinIO) answer path-style requests only.
            .force_path_style(options.endpoint_url.is_some())
            .build();
        Clients {
            cloudformation: cfn::Client::new(&shared),
            s3: aws_sdk_s3::Client::from_conf(s3_config),
            endpoint: options.endpoint_url.clone(),
        }
    }

    /// The endpoint the clients were pointed at, if one was given.
    ///
    /// ```
    /// use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// let options = ConnectOptions::default()
    ///     .endpoint_url("http://127.0.0.1:5000")
    ///     .region("eu-west-1")
    ///     .static_credentials("AKID", "SECRET");
    /// // Connecting loads the configuration; no request is made yet.
    /// let clients = block_on(Clients::connect(&options))?;
    /// assert_eq!(clients.endpoint(), Some("http://127.0.0.1:5000"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// The region the clients use, if one was configured.
    ///
    /// ```
    /// use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// let options = ConnectOptions::default()
    ///     .endpoint_url("http://127.0.0.1:5000")
    ///     .region("eu-west-1")
    ///     .static_credentials("AKID", "SECRET");
    /// // Connecting loads the configuration; no request is made yet.
    /// let clients = block_on(Clients::connect(&options))?;
    /// assert_eq!(clients.region().as_deref(), Some("eu-west-1"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn region(&self) -> Option<String> {
        self.cloudformation
            .config()
            .region()
            .map(|r| r.as_ref().to_owned())
    }

    /// The status of a stack, or `None` when there is no such stack (or it was deleted).
    ///
    /// ```no_run
    /// use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
    /// let status = block_on(async {
    ///     let clients = Clients::connect(&ConnectOptions::default()).await;
    ///     clients.stack_status("web").await
    /// })??;
    /// match status {
    ///     Some(status) => println!("web is {}", status.as_str()),
    ///     None => println!("web is not deployed"),
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn stack_status(&self, stack: &str) -> Result<Option<StackStatus>, AwsError> {
        Ok(self
            .describe_stack(stack)
            .await?
            .map(|info| info.status)
            .filter(|s| *s != StackStatus::DeleteComplete))
    }
}

/// Runs a deploy future to completion on a current-thread runtime: what a synchronous `main`
/// (the CLI, a test) calls.
///
/// ```no_run
/// use ecs_dsl::deploy::client::{block_on, Clients, ConnectOptions};
/// let status = block_on(async {
///     let clients = Clients::connect(&ConnectOptions::default()).await;
///     clients.stack_status("web").await
/// })??;
/// println!("{status:?}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn block_on<F: Future>(future: F) -> Result<F::Output, std::io::Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok(runtime.block_on(future))
}
