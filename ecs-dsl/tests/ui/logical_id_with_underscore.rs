// Rule F3: logical ids are [A-Za-z0-9].
fn main() {
    let _ = ecs_dsl::logical_id!("my_id");
}
