//! Container image references (rule T22), following the grammar of the Docker/OCI distribution
//! reference (`github.com/distribution/reference`) and the normalization Docker, containerd and
//! the ECS agent apply:
//!
//! ```text
//! reference  := name [":" tag] ["@" digest]
//! name       := [registry "/"] repository
//! registry   := host [":" port]      host: DNS labels joined by '.', or "[" IPv6 "]"
//! repository := component ("/" component)*
//! component  := [a-z0-9]+ (([._] | "__" | "-"+) [a-z0-9]+)*
//! tag        := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
//! digest     := "sha256:" [a-f0-9]{64}
//! ```
//!
//! The first `/`-separated part is the registry when it contains a `.` or a `:`, is
//! `localhost`, or has an uppercase letter (as Docker decides); otherwise the image is on Docker
//! Hub (`nginx`, `bitnami/redis`). The whole reference is at most 255 characters (the ECS limit).
//!
//! Only `sha256` digests are accepted: it is the algorithm rule T22 names and the one ECR and
//! ECS document.

/// The longest image reference ECS accepts (rule T22).
pub const MAX_IMAGE_LEN: usize = 255;
/// The longest tag the distribution grammar allows.
pub const MAX_TAG_LEN: usize = 128;
/// The number of hex digits of a `sha256` digest.
pub const SHA256_HEX_LEN: usize = 64;

/// An image reference split into its parts, borrowing from the text it was parsed from.
///
/// ```
/// use ecs_dsl_rules::image::{parse, ImageRef};
/// assert_eq!(
///     parse("ghcr.io/org/app:v1")?,
///     ImageRef { registry: Some("ghcr.io"), repository: "org/app", tag: Some("v1"), digest: None }
/// );
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ImageRef<'a> {
    /// The registry host with its port (`ghcr.io`, `localhost:5000`), or `None` for Docker Hub
    /// short names (`nginx`, `library/nginx`).
    pub registry: Option<&'a str>,
    /// The repository path as written (`nginx`, `library/nginx`, `org/team/app`).
    pub repository: &'a str,
    /// The tag without its `:`.
    pub tag: Option<&'a str>,
    /// The digest without its `@`, algorithm included (`sha256:...`).
    pub digest: Option<&'a str>,
}

/// Why `s` is not a valid image reference (rule T22), or `None`.
///
/// ```
/// use ecs_dsl_rules::image::image_problem;
/// assert_eq!(image_problem("nginx:1.27"), None);
/// assert_eq!(image_problem("public.ecr.aws/nginx/nginx:1.27"), None);
/// assert!(image_problem("Nginx").unwrap().contains("lowercase"));
/// assert!(image_problem("nginx@sha256:abc").unwrap().contains("64"));
/// ```
pub fn image_problem(s: &str) -> Option<String> {
    parse(s).err()
}

/// Parses an image reference (rule T22); the error says what is wrong.
///
/// ```
/// use ecs_dsl_rules::image::parse;
/// let image = parse("localhost:5000/team/app:2024.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")?;
/// assert_eq!(image.registry, Some("localhost:5000"));
/// assert_eq!(image.repository, "team/app");
/// assert_eq!(image.tag, Some("2024.1"));
/// assert!(image.digest.unwrap().starts_with("sha256:"));
/// assert!(parse("nginx:").is_err());
/// # Ok::<(), String>(())
/// ```
pub fn parse(s: &str) -> Result<ImageRef<'_>, String> {
    if s.is_empty() {
        return Err("it is empty".to_owned());
    }
    if let Some(c) = s.chars().find(|c| c.is_whitespace()) {
        return Err(format!("it contains whitespace ({c:?})"));
    }
    if let Some(c) = s.chars().find(|c| !is_reference_char(*c)) {
        return Err(format!(
            "{c:?} is not allowed in an image reference; use a-z, A-Z, 0-9 and . _ - : / @"
        ));
    }
    if s.len() > MAX_IMAGE_LEN {
        return Err(format!(
            "it is {} characters long; the limit is {MAX_IMAGE_LEN}",
            s.len()
        ));
    }
    if s.len() == SHA256_HEX_LEN && s.bytes().all(is_lower_hex) {
        return Err(
            "a 64-character hex string is an image id, not a reference: name the repository"
                .to_owned(),
        );
    }

    let (name_tag, digest) = match s.split_once('@') {
        None => (s, None),
        Some((_, digest)) if digest.contains('@') => {
            return Err("it has more than one '@'".to_owned());
        }
        Some((name_tag, digest)) => {
            if let Some(reason) = digest_problem(digest) {
                return Err(reason);
            }
            (name_tag, Some(digest))
        }
    };

    // The tag follows the last ':' that comes after the last '/' (a ':' before it is a port).
    let last_slash = name_tag.rfind('/');
    let (name, tag) = match name_tag.rfind(':') {
        Some(colon) if last_slash.is_none_or(|slash| colon > slash) => {
            let tag = &name_tag[colon + 1..];
            if let Some(reason) = tag_problem(tag) {
                return Err(reason);
            }
            (&name_tag[..colon], Some(tag))
        }
        _ => (name_tag, None),
    };
    if name.is_empty() {
        return Err("the repository name is empty".to_owned());
    }

    let mut docker_hub = true;
    let (registry, repository) = match name.split_once('/') {
        Some((first, rest)) if is_registry(first) => {
            docker_hub = matches!(first, "docker.io" | "index.docker.io");
            match registry_problem(first) {
                None => (Some(first), rest),
                // Not a host, but the grammar (and Docker's parser) still reads the whole name
                // as a repository path when it is one: `x.y_z/app`.
                Some(_) if repository_problem(name).is_none() => (None, name),
                Some(reason) => return Err(reason),
            }
        }
        _ => (None, name),
    };
    if let Some(reason) = repository_problem(repository) {
        return Err(reason);
    }
    if docker_hub {
        // Docker checks the 255-character limit on the name it pulls: `docker.io/library/nginx`.
        let prefix = if repository.contains('/') {
            "docker.io/"
        } else {
            "docker.io/library/"
        };
        let full = prefix.len() + repository.len();
        if full > MAX_IMAGE_LEN {
            return Err(format!(
                "the Docker Hub name is {full} characters long with its `{prefix}` prefix; the limit is {MAX_IMAGE_LEN}"
            ));
        }
    }
    Ok(ImageRef {
        registry,
        repository,
        tag,
        digest,
    })
}

fn is_reference_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':' | '/' | '@' | '[' | ']')
}

fn is_lower_hex(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'a'..=b'f')
}

/// Docker's rule for whether the first part of a name is a registry.
fn is_registry(first: &str) -> bool {
    first.contains(['.', ':'])
        || first == "localhost"
        || first.bytes().any(|b| b.is_ascii_uppercase())
}

/// Why `tag` (without its `:`) is not a valid tag, or `None`.
///
/// ```
/// use ecs_dsl_rules::image::tag_problem;
/// assert_eq!(tag_problem("1.27-alpine"), None);
/// assert_eq!(tag_problem("_latest"), None);
/// assert!(tag_problem(".hidden").is_some());
/// assert!(tag_problem(&"x".repeat(129)).is_some());
/// ```
pub fn tag_problem(tag: &str) -> Option<String> {
    let Some(first) = tag.chars().next() else {
        return Some("the tag after ':' is empty".to_owned());
    };
    if let Some(c) = tag
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
    {
        return Some(format!(
            "{c:?} is not allowed in the tag `{tag}`; use A-Z, a-z, 0-9, '_', '.' and '-'"
        ));
    }
    if !(first.is_ascii_alphanumeric() || first == '_') {
        return Some(format!(
            "the tag `{tag}` must start with a letter, a digit or '_'"
        ));
    }
    if tag.len() > MAX_TAG_LEN {
        return Some(format!(
            "the tag is {} characters long; the limit is {MAX_TAG_LEN}",
            tag.len()
        ));
    }
    None
}

/// Why `digest` (without its `@`) is not a `sha256:` digest of 64 lowercase hex digits, or
/// `None`.
///
/// ```
/// use ecs_dsl_rules::image::digest_problem;
/// assert_eq!(digest_problem(&format!("sha256:{}", "ab".repeat(32))), None);
/// assert!(digest_problem(&format!("sha256:{}", "AB".repeat(32))).is_some());
/// assert!(digest_problem("md5:0123").is_some());
/// ```
pub fn digest_problem(digest: &str) -> Option<String> {
    const FORM: &str = "`sha256:` followed by 64 lowercase hex digits";
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return Some(format!("the digest `{digest}` must be {FORM}"));
    };
    if algorithm != "sha256" {
        return Some(format!(
            "the digest algorithm `{algorithm}` is not supported; a digest is {FORM}"
        ));
    }
    if let Some(c) = hex.chars().find(|c| !matches!(c, '0'..='9' | 'a'..='f')) {
        return Some(format!(
            "{c:?} is not allowed in the sha256 digest; a digest is {FORM}"
        ));
    }
    if hex.len() != SHA256_HEX_LEN {
        return Some(format!(
            "the sha256 digest has {} hex digits; it needs {SHA256_HEX_LEN}",
            hex.len()
        ));
    }
    None
}

fn registry_problem(registry: &str) -> Option<String> {
    let (host, port) = if let Some(rest) = registry.strip_prefix('[') {
        let Some((address, after)) = rest.split_once(']') else {
            return Some(format!(
                "the registry `{registry}` opens '[' for an IPv6 address but does not close it"
            ));
        };
        if address.is_empty() || !address.chars().all(|c| c.is_ascii_hexdigit() || c == ':') {
            return Some(format!(
                "the registry `{registry}` has an invalid IPv6 address"
            ));
        }
        match after {
            "" => (registry, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (&registry[..registry.len() - after.len()], Some(port)),
                None => {
                    return Some(format!(
                        "the registry `{registry}` has {after:?} after its IPv6 address"
                    ));
                }
            },
        }
    } else {
        match registry.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (registry, None),
        }
    };
    if let Some(port) = port
        && (port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(format!(
            "the registry port `{port}` of `{registry}` must be a number"
        ));
    }
    if host.starts_with('[') {
        return None;
    }
    for label in host.split('.') {
        if label.is_empty() {
            return Some(format!(
                "the registry host `{host}` has an empty label (two dots, or a dot at an end)"
            ));
        }
        if let Some(c) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
        {
            return Some(format!(
                "{c:?} is not allowed in the registry host `{host}`; use letters, digits, '-' and '.'"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some(format!(
                "the registry host `{host}` has a label starting or ending with '-'"
            ));
        }
    }
    None
}

fn repository_problem(repository: &str) -> Option<String> {
    if repository.is_empty() {
        return Some("the repository name after the registry is empty".to_owned());
    }
    if repository.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(format!("the repository `{repository}` must be lowercase"));
    }
    for component in repository.split('/') {
        if let Some(reason) = component_problem(component, repository) {
            return Some(reason);
        }
    }
    None
}

fn component_problem(component: &str, repository: &str) -> Option<String> {
    if component.is_empty() {
        return Some(format!(
            "the repository `{repository}` has an empty path component (`//`, or '/' at an end)"
        ));
    }
    if let Some(c) = component
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')))
    {
        return Some(format!(
            "{c:?} is not allowed in the repository `{repository}`; use a-z, 0-9 and the separators '.', '_', '__' and '-'"
        ));
    }
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let bytes = component.as_bytes();
    if !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return Some(format!(
            "the path component `{component}` of the repository must start and end with a lowercase letter or a digit"
        ));
    }
    for separator in component.split(|c: char| c.is_ascii_alphanumeric()) {
        let ok = matches!(separator, "" | "." | "_" | "__") || separator.bytes().all(|b| b == b'-');
        if !ok {
            return Some(format!(
                "`{separator}` is not a valid separator in the repository path component `{component}`; use '.', '_', '__' or dashes"
            ));
        }
    }
    None
}

/// A private Amazon ECR repository named by an image's registry host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EcrRepo<'a> {
    /// The 12-digit account id of the registry.
    pub account: &'a str,
    /// The region of the registry.
    pub region: &'a str,
    /// The repository name (may contain `/`).
    pub name: &'a str,
    /// The partition: `aws`, `aws-cn` or `aws-us-gov`.
    pub partition: &'static str,
}

impl EcrRepo<'_> {
    /// The repository's ARN: `arn:<partition>:ecr:<region>:<account>:repository/<name>`.
    ///
    /// ```
    /// use ecs_dsl_rules::image::{ecr_repository, parse};
    /// let image = parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1")?;
    /// assert_eq!(
    ///     ecr_repository(&image).unwrap().arn(),
    ///     "arn:aws:ecr:eu-west-1:123456789012:repository/team/app"
    /// );
    /// # Ok::<(), String>(())
    /// ```
    pub fn arn(&self) -> String {
        format!(
            "arn:{}:ecr:{}:{}:repository/{}",
            self.partition, self.region, self.account, self.name
        )
    }
}

/// The private ECR repository an image is pulled from, or `None` for any other registry
/// (Docker Hub, `public.ecr.aws`, GHCR...).
///
/// Recognized hosts: `<account>.dkr.ecr.<region>.amazonaws.com` and its FIPS form
/// `<account>.dkr.ecr-fips.<region>.amazonaws.com`, the dual-stack forms
/// `<account>.dkr-ecr.<region>.on.aws` and `<account>.dkr-ecr-fips.<region>.on.aws`, and
/// `<account>.dkr.ecr.<region>.amazonaws.com.cn` in China. The partition follows the region
/// (`cn-*` is `aws-cn`, `us-gov-*` is `aws-us-gov`).
///
/// ```
/// use ecs_dsl_rules::image::{ecr_repository, parse};
/// let image = parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1")?;
/// let repo = ecr_repository(&image).unwrap();
/// assert_eq!((repo.account, repo.region, repo.name, repo.partition), ("123456789012", "cn-north-1", "app", "aws-cn"));
/// assert_eq!(ecr_repository(&parse("public.ecr.aws/nginx/nginx:1.27")?), None);
/// # Ok::<(), String>(())
/// ```
pub fn ecr_repository<'a>(image: &ImageRef<'a>) -> Option<EcrRepo<'a>> {
    let host = image.registry?;
    let (account, endpoint) = host.split_once('.')?;
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (region, china) = if let Some(rest) = endpoint
        .strip_prefix("dkr.ecr.")
        .or_else(|| endpoint.strip_prefix("dkr.ecr-fips."))
    {
        match rest.split_once('.')? {
            (region, "amazonaws.com") => (region, false),
            (region, "amazonaws.com.cn") => (region, true),
            _ => return None,
        }
    } else if let Some(rest) = endpoint
        .strip_prefix("dkr-ecr.")
        .or_else(|| endpoint.strip_prefix("dkr-ecr-fips."))
    {
        (rest.strip_suffix(".on.aws")?, false)
    } else {
        return None;
    };
    if !is_region(region) || region.starts_with("cn-") != china {
        return None;
    }
    let partition = if china {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    };
    Some(EcrRepo {
        account,
        region,
        name: image.repository,
        partition,
    })
}

/// `[a-z]+(-[a-z]+)+-[0-9]+`, e.g. `eu-west-1`, `us-gov-west-1`.
fn is_region(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    let Some((number, words)) = parts.split_last() else {
        return false;
    };
    words.len() >= 2
        && words
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn image(
        registry: Option<&'static str>,
        repository: &'static str,
        tag: Option<&'static str>,
    ) -> ImageRef<'static> {
        ImageRef {
            registry,
            repository,
            tag,
            digest: None,
        }
    }

    #[test]
    fn known_good_references_parse_into_their_parts() {
        let d = format!("sha256:{HEX}");
        let cases: Vec<(String, ImageRef<'_>)> = vec![
            ("nginx".into(), image(None, "nginx", None)),
            ("nginx:1.27".into(), image(None, "nginx", Some("1.27"))),
            ("nginx:latest".into(), image(None, "nginx", Some("latest"))),
            ("library/nginx".into(), image(None, "library/nginx", None)),
            (
                "library/nginx:1.27-alpine".into(),
                image(None, "library/nginx", Some("1.27-alpine")),
            ),
            (
                "docker.io/library/nginx:1.27".into(),
                image(Some("docker.io"), "library/nginx", Some("1.27")),
            ),
            (
                "index.docker.io/nginx".into(),
                image(Some("index.docker.io"), "nginx", None),
            ),
            (
                "public.ecr.aws/nginx/nginx:1.27".into(),
                image(Some("public.ecr.aws"), "nginx/nginx", Some("1.27")),
            ),
            (
                "public.ecr.aws/docker/library/redis:7".into(),
                image(Some("public.ecr.aws"), "docker/library/redis", Some("7")),
            ),
            (
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/repo/name:tag".into(),
                image(
                    Some("123456789012.dkr.ecr.eu-west-1.amazonaws.com"),
                    "repo/name",
                    Some("tag"),
                ),
            ),
            (
                "localhost:5000/x".into(),
                image(Some("localhost:5000"), "x", None),
            ),
            (
                "localhost/x:1".into(),
                image(Some("localhost"), "x", Some("1")),
            ),
            (
                "localhost:5000/x:1".into(),
                image(Some("localhost:5000"), "x", Some("1")),
            ),
            (
                "ghcr.io/org/app:v1".into(),
                image(Some("ghcr.io"), "org/app", Some("v1")),
            ),
            (
                "quay.io/prometheus/node-exporter:v1.8.2".into(),
                image(Some("quay.io"), "prometheus/node-exporter", Some("v1.8.2")),
            ),
            (
                "quay.io/coreos/etcd".into(),
                image(Some("quay.io"), "coreos/etcd", None),
            ),
            (
                "gcr.io/distroless/static-debian12:nonroot".into(),
                image(
                    Some("gcr.io"),
                    "distroless/static-debian12",
                    Some("nonroot"),
                ),
            ),
            (
                "registry.k8s.io/pause:3.9".into(),
                image(Some("registry.k8s.io"), "pause", Some("3.9")),
            ),
            (
                "mcr.microsoft.com/windows/servercore:ltsc2022".into(),
                image(
                    Some("mcr.microsoft.com"),
                    "windows/servercore",
                    Some("ltsc2022"),
                ),
            ),
            (
                "registry.gitlab.com/group/sub/project/image:main".into(),
                image(
                    Some("registry.gitlab.com"),
                    "group/sub/project/image",
                    Some("main"),
                ),
            ),
            (
                "my-registry.example.com:8443/a/b/c/d:1".into(),
                image(Some("my-registry.example.com:8443"), "a/b/c/d", Some("1")),
            ),
            (
                "10.0.0.1:5000/app".into(),
                image(Some("10.0.0.1:5000"), "app", None),
            ),
            (
                "[::1]:5000/app:1".into(),
                image(Some("[::1]:5000"), "app", Some("1")),
            ),
            (
                "[fe80::1]/app".into(),
                image(Some("[fe80::1]"), "app", None),
            ),
            (
                "MyRegistry/app".into(),
                image(Some("MyRegistry"), "app", None),
            ),
            ("a".into(), image(None, "a", None)),
            ("0".into(), image(None, "0", None)),
            ("a/b".into(), image(None, "a/b", None)),
            ("foo_bar/baz".into(), image(None, "foo_bar/baz", None)),
            // Looks like a registry but is not a host: the grammar reads a repository path.
            (
                "my_registry.com/app".into(),
                image(None, "my_registry.com/app", None),
            ),
            ("x.y_0/9:1".into(), image(None, "x.y_0/9", Some("1"))),
            ("a.b/c".into(), image(Some("a.b"), "c", None)),
            ("a__b/c--d".into(), image(None, "a__b/c--d", None)),
            (
                "a.b.c/d-----e_f.g".into(),
                image(Some("a.b.c"), "d-----e_f.g", None),
            ),
            (
                "registry.example.com:5000".into(),
                image(None, "registry.example.com", Some("5000")),
            ),
            (
                "localhost:5000".into(),
                image(None, "localhost", Some("5000")),
            ),
            ("nginx:_".into(), image(None, "nginx", Some("_"))),
            (
                "nginx:A_b.C-1".into(),
                image(None, "nginx", Some("A_b.C-1")),
            ),
            (
                "nginx:v1.2.3-rc.1_build.5".into(),
                image(None, "nginx", Some("v1.2.3-rc.1_build.5")),
            ),
        ];
        for (text, expected) in &cases {
            let got = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(&got, expected, "{text}");
            assert_eq!(image_problem(text), None, "{text}");
        }

        let with_digest = [
            format!("nginx@{d}"),
            format!("nginx:1.27@{d}"),
            format!("bitnami/redis@{d}"),
            format!("docker.io/bitnami/redis:7.2@{d}"),
            format!("123456789012.dkr.ecr.us-east-1.amazonaws.com/app@{d}"),
            format!("public.ecr.aws/nginx/nginx:1.27@{d}"),
            format!("localhost:5000/x@{d}"),
        ];
        for text in &with_digest {
            let got = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(got.digest, Some(d.as_str()), "{text}");
        }
        let long_tag = format!("nginx:{}", "t".repeat(MAX_TAG_LEN));
        assert_eq!(parse(&long_tag).unwrap().tag.map(str::len), Some(128));
        let both = format!("nginx:1.27@{d}");
        let got = parse(&both).unwrap();
        assert_eq!(got.tag, Some("1.27"));
        assert_eq!(got.repository, "nginx");
    }

    #[test]
    fn the_length_limit_is_255_characters() {
        let host = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/";
        let at_limit = format!("{host}{}", "a".repeat(MAX_IMAGE_LEN - host.len()));
        assert_eq!(at_limit.len(), 255);
        assert_eq!(image_problem(&at_limit), None);
        let over = format!("{at_limit}b");
        assert!(
            image_problem(&over).unwrap().contains("256 characters"),
            "{over}"
        );
        let with_digest = format!("{}@sha256:{HEX}", "a".repeat(255 - 72));
        assert_eq!(with_digest.len(), 255);
        assert_eq!(image_problem(&with_digest), None);
        // Docker Hub names count with the prefix Docker adds: `docker.io/library/` or `docker.io/`.
        assert_eq!(image_problem(&"a".repeat(237)), None);
        assert_eq!(image_problem(&format!("a/{}:1", "b".repeat(243))), None);
        assert_eq!(
            image_problem(&format!("docker.io/{}", "b".repeat(237))),
            None
        );
    }

    #[test]
    fn known_bad_references_have_a_reason() {
        let cases: Vec<(String, &str)> = vec![
            ("".into(), "empty"),
            (" nginx".into(), "whitespace"),
            ("nginx ".into(), "whitespace"),
            ("nginx:1.27\n".into(), "whitespace"),
            ("ngi nx".into(), "whitespace"),
            ("nginx\t".into(), "whitespace"),
            ("ngïnx".into(), "not allowed"),
            ("nginx#1".into(), "not allowed"),
            ("https://ghcr.io/org/app".into(), "port"),
            ("Nginx".into(), "lowercase"),
            ("nginx/Web".into(), "lowercase"),
            ("ghcr.io/MyOrg/app:v1".into(), "lowercase"),
            ("nginx:".into(), "tag after ':' is empty"),
            ("nginx:.1".into(), "must start"),
            ("nginx:-1".into(), "must start"),
            ("nginx:1:2".into(), "':' is not allowed"),
            (format!("nginx:{}", "t".repeat(129)), "129"),
            (":tag".into(), "repository name is empty"),
            (format!("@sha256:{HEX}"), "repository name is empty"),
            ("ghcr.io/".into(), "empty"),
            ("ghcr.io/org/".into(), "empty path component"),
            ("/nginx".into(), "empty path component"),
            ("a//b".into(), "empty path component"),
            ("-nginx".into(), "start and end"),
            ("nginx-".into(), "start and end"),
            ("nginx.".into(), "start and end"),
            ("a..b".into(), "separator"),
            ("a___b".into(), "separator"),
            ("a._b".into(), "separator"),
            ("a.-b".into(), "separator"),
            ("a-.b".into(), "separator"),
            ("ghcr..io/app".into(), "empty label"),
            ("-ghcr.io/app".into(), "'-'"),
            (
                "my_registry.com/App".into(),
                "'_' is not allowed in the registry host",
            ),
            ("localhost:/app".into(), "port"),
            ("localhost:50a0/app".into(), "port"),
            ("[::1/app".into(), "does not close"),
            ("[]:5000/app".into(), "IPv6"),
            ("[::1]x/app".into(), "after its IPv6"),
            ("nginx@sha256:abc".into(), "3 hex digits"),
            (format!("nginx@sha256:{HEX}0"), "65 hex digits"),
            (
                format!("nginx@sha256:{}", HEX.to_uppercase()),
                "lowercase hex",
            ),
            (format!("nginx@sha512:{HEX}{HEX}"), "not supported"),
            (format!("nginx@md5:{}", &HEX[..32]), "not supported"),
            (format!("nginx@{HEX}"), "must be `sha256:`"),
            (
                format!("nginx@sha256:{HEX}@sha256:{HEX}"),
                "more than one '@'",
            ),
            ("nginx@".into(), "must be `sha256:`"),
            (HEX.into(), "image id"),
            ("a".repeat(256), "256 characters"),
            ("a".repeat(238), "`docker.io/library/` prefix"),
            (format!("a/{}", "b".repeat(244)), "`docker.io/` prefix"),
            (
                format!("docker.io/{}", "b".repeat(238)),
                "`docker.io/library/` prefix",
            ),
        ];
        for (text, expected) in &cases {
            let reason = image_problem(text).unwrap_or_else(|| panic!("{text:?} was accepted"));
            assert!(reason.contains(expected), "{text:?}: {reason}");
        }
    }

    #[test]
    fn ecr_hosts_name_their_repository() {
        let cases = [
            (
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/repo/name:tag",
                "arn:aws:ecr:eu-west-1:123456789012:repository/repo/name",
            ),
            (
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/app",
                "arn:aws:ecr:us-east-1:123456789012:repository/app",
            ),
            (
                "123456789012.dkr.ecr-fips.us-east-2.amazonaws.com/app:1",
                "arn:aws:ecr:us-east-2:123456789012:repository/app",
            ),
            (
                "123456789012.dkr-ecr.ap-southeast-2.on.aws/app:1",
                "arn:aws:ecr:ap-southeast-2:123456789012:repository/app",
            ),
            (
                "123456789012.dkr-ecr-fips.us-west-2.on.aws/app:1",
                "arn:aws:ecr:us-west-2:123456789012:repository/app",
            ),
            (
                "123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn/app:1",
                "arn:aws-cn:ecr:cn-northwest-1:123456789012:repository/app",
            ),
            (
                "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/app:1",
                "arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/app",
            ),
            (
                "123456789012.dkr.ecr-fips.us-gov-east-1.amazonaws.com/app:1",
                "arn:aws-us-gov:ecr:us-gov-east-1:123456789012:repository/app",
            ),
            (
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecr-public/nginx/nginx:1.27",
                "arn:aws:ecr:eu-west-1:123456789012:repository/ecr-public/nginx/nginx",
            ),
        ];
        for (text, arn) in cases {
            let image = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let repo = ecr_repository(&image).unwrap_or_else(|| panic!("{text}: not ECR"));
            assert_eq!(repo.arn(), arn, "{text}");
        }
        let digest = format!("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:{HEX}");
        let repo = ecr_repository(&parse(&digest).unwrap()).unwrap();
        assert_eq!(repo.name, "app");

        for text in [
            "nginx",
            "library/nginx",
            "public.ecr.aws/nginx/nginx:1.27",
            "ghcr.io/org/app",
            "12345678901.dkr.ecr.eu-west-1.amazonaws.com/app",
            "1234567890123.dkr.ecr.eu-west-1.amazonaws.com/app",
            "12345678901a.dkr.ecr.eu-west-1.amazonaws.com/app",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com:443/app",
            "123456789012.dkr.ecr.eu-west-1.example.com/app",
            "123456789012.dkr.ecs.eu-west-1.amazonaws.com/app",
            "123456789012.dkr.ecr.euwest1.amazonaws.com/app",
            "123456789012.dkr.ecr.eu-west.amazonaws.com/app",
            "123456789012.dkr.ecr.cn-north-1.amazonaws.com/app",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com.cn/app",
            "123456789012.dkr-ecr.eu-west-1.amazonaws.com/app",
            "123456789012.dkr.ecr.eu-west-1.on.aws/app",
            "123456789012.api.ecr.eu-west-1.amazonaws.com/app",
            "localhost:5000/app",
        ] {
            let image = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(ecr_repository(&image), None, "{text}");
        }
    }
}
