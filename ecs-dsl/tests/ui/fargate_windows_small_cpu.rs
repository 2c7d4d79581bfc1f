// Rule F-SIZE: Windows on Fargate has 1, 2 or 4 vCPU only.
fn main() {
    let _ = ecs_dsl::fargate!(cpu = 512, memory = 1024, os = windows);
}
