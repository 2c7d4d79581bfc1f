//! An application that ships its own CloudFormation template: `build.rs` synthesizes it with
//! ecs-dsl into `OUT_DIR`, and the binary embeds it. `buildrs-app template` prints it (for
//! example to pipe into `aws cloudformation deploy`); without arguments it prints a summary.

/// The template of the stack `buildrs-web`, synthesized at build time.
pub const WEB_TEMPLATE: &str =
    include_str!(concat!(env!("OUT_DIR"), "/cfn/buildrs-web.template.json"));

/// The assembly manifest (stacks, dependencies, hashes), synthesized at build time.
pub const MANIFEST: &str = include_str!(concat!(env!("OUT_DIR"), "/cfn/manifest.json"));

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("template") => print!("{WEB_TEMPLATE}"),
        Some("manifest") => print!("{MANIFEST}"),
        _ => println!(
            "buildrs-app: embedded template buildrs-web ({} bytes); `buildrs-app template` prints it",
            WEB_TEMPLATE.len()
        ),
    }
}
