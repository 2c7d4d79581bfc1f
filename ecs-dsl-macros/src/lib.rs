//! Compile-time checks of literals for [ecs-dsl](https://docs.rs/ecs-dsl).
//!
//! Each macro takes literals, checks them with the same rule ecs-dsl applies at run time (both
//! use `ecs-dsl-rules`), and either expands to the checked value or fails compilation with an
//! error pointing at the literal. Use them through `ecs_dsl`, which re-exports them with
//! examples.

use proc_macro::TokenStream;
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitInt, LitStr, Token, parse_macro_input};

use ecs_dsl_rules::fargate::{self, Os};
use ecs_dsl_rules::ids;
use ecs_dsl_rules::image::image_problem;
use ecs_dsl_rules::names::ecs_name_problem;

/// Parses one string literal and checks it; on failure, the error points at the literal and
/// names the rule.
fn checked_literal(
    input: TokenStream,
    check: fn(&str) -> Option<String>,
    what: &str,
    rule: &str,
) -> Result<LitStr, TokenStream> {
    let lit: LitStr = syn::parse(input).map_err(|e| TokenStream::from(e.to_compile_error()))?;
    let value = lit.value();
    match check(&value) {
        None => Ok(lit),
        Some(reason) => {
            let message = format!(
                "invalid {what} `{}`: {reason} (rule {rule})",
                shortened(&value)
            );
            Err(syn::Error::new(lit.span(), message)
                .to_compile_error()
                .into())
        }
    }
}

/// The value as the message shows it: long values are cut (the span shows the literal).
fn shortened(value: &str) -> String {
    const SHOWN: usize = 60;
    match value.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}...", &value[..at]),
        None => value.to_owned(),
    }
}

/// A checked literal that expands to itself.
fn checked(
    input: TokenStream,
    check: fn(&str) -> Option<String>,
    what: &str,
    rule: &str,
) -> TokenStream {
    match checked_literal(input, check, what, rule) {
        Ok(lit) => quote_spanned!(lit.span()=> #lit).into(),
        Err(error) => error,
    }
}

/// A logical id checked at compile time against rule F3 (`[A-Za-z0-9]{1,255}`); expands to the
/// string literal.
#[proc_macro]
pub fn logical_id(input: TokenStream) -> TokenStream {
    checked(input, ids::logical_id_problem, "logical id", "F3")
}

/// A stack name checked at compile time against rule F5 (`[A-Za-z][A-Za-z0-9-]*`, at most
/// 128); expands to the string literal.
#[proc_macro]
pub fn stack_name(input: TokenStream) -> TokenStream {
    checked(input, ids::stack_name_problem, "stack name", "F5")
}

/// `cpu = N, memory = M [, os = windows]`
struct FargateArgs {
    cpu: LitInt,
    memory: LitInt,
    windows: Option<Ident>,
}

fn key(input: ParseStream<'_>, expected: &str) -> syn::Result<()> {
    let ident: Ident = input.parse()?;
    if ident != expected {
        return Err(syn::Error::new(
            ident.span(),
            format!("expected `{expected} = ...`"),
        ));
    }
    input.parse::<Token![=]>()?;
    Ok(())
}

impl Parse for FargateArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        key(input, "cpu")?;
        let cpu = input.parse()?;
        input.parse::<Token![,]>()?;
        key(input, "memory")?;
        let memory = input.parse()?;
        let mut windows = None;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            key(input, "os")?;
            let os: Ident = input.parse()?;
            match os.to_string().as_str() {
                "windows" => windows = Some(os),
                "linux" => {}
                _ => {
                    return Err(syn::Error::new(
                        os.span(),
                        "expected `os = linux` or `os = windows`",
                    ));
                }
            }
            let _ = input.parse::<Option<Token![,]>>()?;
        }
        Ok(FargateArgs {
            cpu,
            memory,
            windows,
        })
    }
}

/// A Fargate task size checked at compile time against the whole table of rule F-SIZE:
/// `fargate!(cpu = 512, memory = 1024)` (CPU units and MiB), optionally `os = windows`.
/// Expands to an `ecs_dsl::ecs::FargateSize`.
#[proc_macro]
pub fn fargate(input: TokenStream) -> TokenStream {
    let args = parse_macro_input!(input as FargateArgs);
    let (cpu, memory) = match (
        args.cpu.base10_parse::<u32>(),
        args.memory.base10_parse::<u32>(),
    ) {
        (Ok(c), Ok(m)) => (c, m),
        (Err(e), _) | (_, Err(e)) => return e.to_compile_error().into(),
    };
    let os = if args.windows.is_some() {
        Os::Windows
    } else {
        Os::Linux
    };
    if let Some(reason) = fargate::size_problem(cpu, memory, os) {
        // Point at the literal that is wrong: the cpu when the tier does not exist (or is not
        // for Windows), else the memory.
        let tier_ok = fargate::TIERS
            .iter()
            .any(|t| t.cpu == cpu && (os == Os::Linux || t.windows));
        let span = if tier_ok {
            args.memory.span()
        } else {
            args.cpu.span()
        };
        let message = format!("{reason} (rule F-SIZE)");
        return syn::Error::new(span, message).to_compile_error().into();
    }
    quote!(::ecs_dsl::ecs::KnownSize::<#cpu, #memory>::__checked()).into()
}

/// A container image reference checked at compile time against rule T22 (the Docker/OCI
/// reference grammar, at most 255 characters, `sha256` digests). Expands to an
/// `ecs_dsl::ecs::Image`.
#[proc_macro]
pub fn image(input: TokenStream) -> TokenStream {
    match checked_literal(input, image_problem, "image reference", "T22") {
        Ok(lit) => quote!(::ecs_dsl::ecs::Image::__checked(#lit)).into(),
        Err(error) => error,
    }
}

/// A cluster, service, family or container name checked at compile time against rule S15
/// (1 to 255 of `[A-Za-z0-9_-]`). Expands to an `ecs_dsl::ecs::Name`.
#[proc_macro]
pub fn name(input: TokenStream) -> TokenStream {
    match checked_literal(input, ecs_name_problem, "name", "S15") {
        Ok(lit) => quote!(::ecs_dsl::ecs::Name::__checked(#lit)).into(),
        Err(error) => error,
    }
}
