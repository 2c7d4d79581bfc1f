// Rule T22: repository paths are lowercase.
fn main() {
    let _ = ecs_dsl::image!("ghcr.io/MyOrg/app:v1");
}
