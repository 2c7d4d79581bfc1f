// Rule F-SIZE: 256 CPU units allow 512, 1024 or 2048 MiB.
fn main() {
    let _ = ecs_dsl::fargate!(cpu = 256, memory = 4096);
}
