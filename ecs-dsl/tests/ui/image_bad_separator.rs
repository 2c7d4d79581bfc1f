// Rule T22: path components are separated by '.', '_', '__' or dashes.
fn main() {
    let _ = ecs_dsl::image!("myorg/web..app:1");
}
