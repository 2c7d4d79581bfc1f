//! Compile-time rules: each case in `tests/ui/` must fail to compile with the message in its
//! `.stderr` file, which names the rule; `tests/ui-pass/` holds literals at the edges of each
//! rule that must compile. The pass case also makes trybuild build the cases instead of only
//! checking them, which the post-monomorphization check of rule T13
//! (`t13_container_memory_above_task_memory.rs`) needs. Re-bless after an intended change with
//! `TRYBUILD=overwrite cargo test -p ecs-dsl --test compile_fail`.

#[test]
fn compile_time_rules_reject_bad_input_and_accept_edges() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui-pass/*.rs");
    t.compile_fail("tests/ui/*.rs");
}
