//! Compile-time rules: each case in `tests/ui/` must fail to compile with the message in its
//! `.stderr` file (the messages are ours, from the macros). Re-bless after an intended change
//! with `TRYBUILD=overwrite cargo test -p ecs-dsl --test compile_fail`.

#[test]
fn compile_time_rules_reject_bad_literals() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
