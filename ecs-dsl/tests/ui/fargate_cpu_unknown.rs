// Rule F-SIZE: 768 is not a Fargate CPU value.
fn main() {
    let _ = ecs_dsl::fargate!(cpu = 768, memory = 2048);
}
