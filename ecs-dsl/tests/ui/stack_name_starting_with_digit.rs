// Rule F5: stack names start with a letter.
fn main() {
    let _ = ecs_dsl::stack_name!("9lives");
}
