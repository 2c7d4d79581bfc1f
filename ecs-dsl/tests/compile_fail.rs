//! Compile-time rules: each case in `tests/ui/` must fail to compile with the message in its
//! `.stderr` file, which names the rule; `tests/ui-pass/` holds literals at the edges of each
//! rule that must compile. The pass case also makes trybuild build the cases instead of only
//! checking them, which the post-monomorphization check of rule T13
//! (`t13_container_memory_above_task_memory.rs`) needs. Re-bless after an intended change with
//! `TRYBUILD=overwrite cargo test -p ecs-dsl --test compile_fail`.

//!
//! trybuild compiles the cases against ecs-dsl with the features of this test build. With
//! `deploy` or `cli` on, that would build the AWS SDK and clap a second time in trybuild's own
//! target folder (minutes on a fresh machine) for no change in what is tested, so the test
//! runs without them: `scripts/test` runs it in a default-features build of its own.

#[cfg(not(any(feature = "deploy", feature = "cli")))]
#[test]
fn compile_time_rules_reject_bad_input_and_accept_edges() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui-pass/*.rs");
    t.compile_fail("tests/ui/*.rs");
}

#[cfg(any(feature = "deploy", feature = "cli"))]
#[test]
fn compile_time_rules_run_in_a_default_features_build() {
    println!(
        "SKIPPED: compile-fail tests: built with `deploy`/`cli`; they run in `cargo test -p ecs-dsl --test compile_fail` (scripts/test does)"
    );
}
