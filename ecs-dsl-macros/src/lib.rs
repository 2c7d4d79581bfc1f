//! Compile-time checks of literals for [ecs-dsl](https://docs.rs/ecs-dsl).
//!
//! Each macro takes a literal, checks it against the same rule ecs-dsl applies at run time,
//! and either expands to the literal or fails compilation with an error pointing at it.
//! Use them through `ecs_dsl` (re-exported there), not directly.

use proc_macro::TokenStream;
use quote::quote_spanned;
use syn::{LitStr, parse_macro_input};

mod rules;

fn checked(input: TokenStream, check: fn(&str) -> Option<String>) -> TokenStream {
    let lit = parse_macro_input!(input as LitStr);
    let value = lit.value();
    match check(&value) {
        None => quote_spanned!(lit.span()=> #lit).into(),
        Some(reason) => syn::Error::new(lit.span(), reason)
            .to_compile_error()
            .into(),
    }
}

/// A logical id checked at compile time against rule F3 (`[A-Za-z0-9]{1,255}`).
///
/// ```
/// let id: &'static str = ecs_dsl_macros::logical_id!("WebService");
/// assert_eq!(id, "WebService");
/// ```
///
/// ```compile_fail
/// let id = ecs_dsl_macros::logical_id!("web-service"); // '-' breaks rule F3
/// ```
#[proc_macro]
pub fn logical_id(input: TokenStream) -> TokenStream {
    checked(input, rules::logical_id_problem)
}

/// A stack name checked at compile time against rule F5 (`[A-Za-z][A-Za-z0-9-]*`, at most 128).
///
/// ```
/// assert_eq!(ecs_dsl_macros::stack_name!("web-prod"), "web-prod");
/// ```
///
/// ```compile_fail
/// let name = ecs_dsl_macros::stack_name!("web_prod"); // '_' breaks rule F5
/// ```
#[proc_macro]
pub fn stack_name(input: TokenStream) -> TokenStream {
    checked(input, rules::stack_name_problem)
}
