// Rule S15: names are [A-Za-z0-9_-].
fn main() {
    let _ = ecs_dsl::name!("web.api");
}
