//! The command line of an infra program (`app.main()`), run as the `cluster` example's binary:
//! help, usage errors and exit codes, synth, and (feature `deploy`, moto installed) the
//! two-stack deploy, no-op redeploy, outputs and destroy against a local moto server.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// `target/<profile>/examples/cluster`, built by `cargo test` (which builds the examples).
fn cluster_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let bin = dir
        .join("examples")
        .join(format!("cluster{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: run the tests with `cargo test` (it builds the examples), not only `--test cli`",
        bin.display()
    );
    bin
}

fn run(args: &[&str]) -> Output {
    Command::new(cluster_binary())
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
        .env("AWS_SECRET_ACCESS_KEY", "SECRETTEST")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env_remove("AWS_PROFILE")
        .env_remove("ECS_DSL_BUCKET")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn help_lists_every_command_and_deploy_flag() {
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let help = String::from_utf8_lossy(&out.stdout);
    for command in [
        "synth",
        "list",
        "diff",
        "deploy",
        "destroy",
        "outputs",
        "bootstrap",
    ] {
        assert!(help.contains(command), "{command} missing from\n{help}");
    }
    let out = run(&["deploy", "--help"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--all",
        "--parameters <STACK:KEY=VALUE>",
        "--concurrency <N>",
        "--timeout <DURATION>",
        "--require-approval <POLICY>",
        "--outputs-file <FILE>",
        "--recreate-failed",
        "--endpoint-url <URL>",
        "--region",
        "--profile",
        "--bucket",
    ] {
        assert!(help.contains(flag), "{flag} missing from\n{help}");
    }
    let out = run(&["destroy", "--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("--force"));
}

#[test]
fn usage_errors_exit_with_2_and_say_what_is_wrong() {
    let out = run(&["deploy", "--timeout", "soon"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("is not a duration"), "{}", text(&out));
    let out = run(&["deploy", "--require-approval", "always"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let out = run(&["launch"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}

#[test]
fn synth_and_list_need_no_aws() {
    let dir = ecs_dsl_examples::scratch_dir("cli-synth");
    let out = run(&["synth", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(dir.join("manifest.json").exists());
    assert!(text(&out).contains("wrote 2 stacks"), "{}", text(&out));
    let out = run(&["list", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("deployers"), "{}", text(&out));
}

#[cfg(not(feature = "deploy"))]
#[test]
fn commands_that_talk_to_aws_say_they_need_the_deploy_feature() {
    let dir = ecs_dsl_examples::scratch_dir("cli-no-deploy");
    let out = run(&["deploy", "--all", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("needs ecs-dsl's cargo feature `deploy`"),
        "{}",
        text(&out)
    );
    ecs_dsl_examples::skip(
        "CLI deploy against moto",
        "built without `--features deploy`",
    );
}

#[cfg(feature = "deploy")]
#[test]
fn two_stacks_deploy_then_redeploy_without_changes_then_destroy() {
    let Some(moto) = ecs_dsl_examples::MotoServer::start("CLI deploy against moto") else {
        return;
    };
    let endpoint = moto.endpoint();
    let dir = ecs_dsl_examples::scratch_dir("cli-deploy");
    let out_dir = dir.join("out");
    let outputs = dir.join("outputs.json");
    let common = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = extra.iter().map(|s| (*s).to_owned()).collect();
        args.extend([
            "--endpoint-url".to_owned(),
            endpoint.clone(),
            "--out".to_owned(),
            out_dir.display().to_string(),
        ]);
        args
    };
    let run_args = |extra: &[&str]| {
        let args = common(extra);
        let out = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        // `cargo test --test cli` alone does not rebuild the examples: one built without
        // the feature may be on disk.
        assert!(
            !text(&out).contains("needs ecs-dsl's cargo feature `deploy`"),
            "the cluster example on disk was built without `deploy`: run `cargo build --examples --features deploy` first, or the whole `cargo test --all-features`"
        );
        out
    };

    // Without a terminal, broadening changes (the IAM policy of `deployers`) need
    // --require-approval never; `platform` has none and deploys.
    let out = run_args(&["deploy", "--all"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("--require-approval never"),
        "{}",
        text(&out)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("deployed: platform"), "{}", text(&out));
    assert!(stdout.contains("failed: deployers"), "{}", text(&out));

    let out = run_args(&[
        "deploy",
        "--all",
        "--require-approval",
        "never",
        "--outputs-file",
        outputs.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("deployed: deployers"), "{}", text(&out));
    assert!(stdout.contains("unchanged: platform"), "{}", text(&out));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&outputs).unwrap()).unwrap();
    assert!(
        written["platform"]["ExportClusterArn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:ecs:"),
        "{written}"
    );

    let started = std::time::Instant::now();
    let out = run_args(&["deploy", "--all", "--require-approval", "never"]);
    let no_op = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("unchanged: platform, deployers"),
        "{}",
        text(&out)
    );
    assert!(
        !text(&out).contains("creating change set"),
        "{}",
        text(&out)
    );
    assert!(
        !text(&out).contains("executing change set"),
        "{}",
        text(&out)
    );
    eprintln!("no-op deploy of two stacks against moto (CLI process): {no_op:?}");

    let out = run_args(&["outputs"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("DeployPolicyArn"), "{}", text(&out));

    let out = run_args(&["diff", "--fail"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // The exporting stack alone: refused, naming the importer.
    let out = run_args(&["destroy", "platform", "--exclusively", "--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("which stack `deployers` still imports"),
        "{}",
        text(&out)
    );
    // No terminal and no --force: nothing is deleted.
    let out = run_args(&["destroy", "--all"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("pass --force"), "{}", text(&out));

    let out = run_args(&["destroy", "--all", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = |needle: &str| stderr.find(needle).unwrap_or(usize::MAX);
    assert!(
        first("deployers | deleting") < first("platform | deleting"),
        "dependents first:\n{stderr}"
    );
    let out = run_args(&["outputs"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "{}",
        "{}",
        text(&out)
    );
}
