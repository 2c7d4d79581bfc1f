// Rule T22: a registry port is a number.
fn main() {
    let _ = ecs_dsl::image!("localhost:http/app:1");
}
