//! Identifier conventions: CloudFormation names (`VPCGatewayAttachment`, `DNSName`, `FARGATE_SPOT`,
//! `c5.large`) to Rust names (`VpcGatewayAttachment`, `dns_name`, `FargateSpot`, `C5Large`).

/// Units and prefixes that the case rules would split badly (`MemoryGiBPerVCpu`, `IPv6`).
const TOKENS: &[&str] = &["GiB", "MiB", "KiB", "TiB", "IPv4", "IPv6"];

/// Rust keywords (strict, reserved and 2024 edition ones); an identifier equal to one gets a
/// trailing `_`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Splits a name into words at separators and case changes: `VPCGatewayAttachment` →
/// `VPC`, `Gateway`, `Attachment`; `S3TablesDestination` → `S3`, `Tables`, `Destination`;
/// `t3.micro` → `t3`, `micro`.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_ascii_alphanumeric() {
            flush(&mut cur, &mut out);
            i += 1;
            continue;
        }
        if let Some(token) = TOKENS.iter().find(|t| token_at(&chars, i, t)) {
            flush(&mut cur, &mut out);
            out.push((*token).to_owned());
            i += token.len();
            continue;
        }
        if !cur.is_empty() && c.is_ascii_uppercase() {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_is_lower)
            {
                flush(&mut cur, &mut out);
            }
        }
        cur.push(c);
        i += 1;
    }
    flush(&mut cur, &mut out);
    out
}

fn token_at(chars: &[char], at: usize, token: &str) -> bool {
    let t: Vec<char> = token.chars().collect();
    chars.len() >= at + t.len()
        && chars[at..at + t.len()] == t[..]
        && !chars
            .get(at + t.len())
            .is_some_and(|c| c.is_ascii_lowercase())
}

fn flush(cur: &mut String, out: &mut Vec<String>) {
    if !cur.is_empty() {
        out.push(std::mem::take(cur));
    }
}

fn capitalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for (i, c) in word.chars().enumerate() {
        if i == 0 {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// `UpperCamelCase` with acronyms folded (`VPC` → `Vpc`); a leading digit gets a `V` prefix.
/// With `digit_separator`, an `_` goes between two words that meet digit to digit
/// (`a1.2xlarge` → `A1_2xlarge` instead of `A12xlarge`).
pub fn upper_camel_with(name: &str, digit_separator: bool) -> String {
    let mut out = String::new();
    for w in words(name) {
        if digit_separator
            && out.ends_with(|c: char| c.is_ascii_digit())
            && w.starts_with(|c: char| c.is_ascii_digit())
        {
            out.push('_');
        }
        out.push_str(&capitalize(&w));
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out == "Self" {
        out.push('_');
    }
    out
}

/// `UpperCamelCase` with acronyms folded.
pub fn upper_camel(name: &str) -> String {
    upper_camel_with(name, false)
}

/// `snake_case`; keywords get a trailing `_`.
pub fn snake(name: &str) -> String {
    let mut out = words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// Hands out unique names: the first request for a name gets it, later ones get a suffix.
#[derive(Default)]
pub struct Names {
    taken: std::collections::BTreeSet<String>,
}

impl Names {
    /// A scope where `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Names {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// `wanted`, else `wanted` + `suffix`, else `wanted` + `suffix` + 2, 3, ...
    pub fn claim(&mut self, wanted: &str, suffix: &str) -> String {
        if self.taken.insert(wanted.to_owned()) {
            return wanted.to_owned();
        }
        let with_suffix = format!("{wanted}{suffix}");
        if self.taken.insert(with_suffix.clone()) {
            return with_suffix;
        }
        let mut n = 2;
        loop {
            let candidate = format!("{with_suffix}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_fold_acronyms() {
        assert_eq!(upper_camel("VPCGatewayAttachment"), "VpcGatewayAttachment");
        assert_eq!(upper_camel("EIP"), "Eip");
        assert_eq!(upper_camel("VPC"), "Vpc");
        assert_eq!(
            upper_camel("ClusterCapacityProviderAssociations"),
            "ClusterCapacityProviderAssociations"
        );
        assert_eq!(upper_camel("EBSTagSpecification"), "EbsTagSpecification");
        assert_eq!(upper_camel("iso8601UTC"), "Iso8601Utc");
    }

    #[test]
    fn enum_values_become_variants() {
        assert_eq!(upper_camel("FARGATE"), "Fargate");
        assert_eq!(upper_camel("FARGATE_SPOT"), "FargateSpot");
        assert_eq!(upper_camel("ip"), "Ip");
        assert_eq!(upper_camel("TLS-1-2"), "Tls12");
        assert_eq!(upper_camel("distinctInstance"), "DistinctInstance");
        assert_eq!(upper_camel("1096"), "V1096");
        assert_eq!(upper_camel("V_1"), "V1");
        assert_eq!(
            upper_camel("ECSServiceAverageCPUUtilization"),
            "EcsServiceAverageCpuUtilization"
        );
        assert_eq!(upper_camel_with("a1.2xlarge", true), "A1_2xlarge");
        assert_eq!(upper_camel_with("X86_64", true), "X86_64");
    }

    #[test]
    fn field_names_are_snake_case() {
        assert_eq!(snake("DNSName"), "dns_name");
        assert_eq!(snake("CanonicalHostedZoneID"), "canonical_hosted_zone_id");
        assert_eq!(snake("S3TablesDestination"), "s3_tables_destination");
        assert_eq!(snake("Ipv6CidrBlock"), "ipv6_cidr_block");
        assert_eq!(
            snake("EnableResourceNameDnsAAAARecord"),
            "enable_resource_name_dns_aaaa_record"
        );
        assert_eq!(snake("MemoryGiBPerVCpu"), "memory_gib_per_v_cpu");
        assert_eq!(snake("Type"), "type_");
        assert_eq!(snake("VPCGatewayAttachment"), "vpc_gateway_attachment");
    }

    #[test]
    fn names_are_unique() {
        let mut n = Names::with_reserved(&["Value"]);
        assert_eq!(n.claim("Value", "Property"), "ValueProperty");
        assert_eq!(n.claim("Tag", "Property"), "Tag");
        assert_eq!(n.claim("Tag", "Property"), "TagProperty");
        assert_eq!(n.claim("Tag", "Property"), "TagProperty2");
    }
}
