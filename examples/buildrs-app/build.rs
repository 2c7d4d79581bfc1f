//! Synthesizes the app in `infra/` into `$OUT_DIR/cfn/` (and into `$ECS_DSL_TEMPLATES_DIR`
//! when that is set, for a deploy step to pick up), so that `src/main.rs` can embed the
//! templates. Cargo reruns it only when the infrastructure code changes.

#[path = "infra/app.rs"]
mod infra;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed=infra");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=ECS_DSL_TEMPLATES_DIR");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("OUT_DIR is not set: run this through cargo");
        return ExitCode::FAILURE;
    };
    let mut dirs = vec![PathBuf::from(out_dir).join("cfn")];
    if let Some(extra) = std::env::var_os("ECS_DSL_TEMPLATES_DIR") {
        dirs.push(PathBuf::from(extra));
    }
    // Errors name the stack, the resource's logical id, the field and the rule.
    let assembly = match infra::build().and_then(|app| app.synthesize()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("infrastructure does not synthesize: {e}");
            return ExitCode::FAILURE;
        }
    };
    for dir in &dirs {
        if let Err(e) = assembly.write(dir) {
            eprintln!("cannot write the templates to {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
