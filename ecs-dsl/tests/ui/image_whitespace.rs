// Rule T22: an image reference has no whitespace.
fn main() {
    let _ = ecs_dsl::image!("nginx: 1.27");
}
