// Rule T22: a digest is `sha256:` followed by 64 lowercase hex digits.
fn main() {
    let _ = ecs_dsl::image!("nginx@sha256:0123456789abcdef");
}
