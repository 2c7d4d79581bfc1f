// Rule T22: a tag starts with a letter, a digit or '_'.
fn main() {
    let _ = ecs_dsl::image!("nginx:-1.27");
}
