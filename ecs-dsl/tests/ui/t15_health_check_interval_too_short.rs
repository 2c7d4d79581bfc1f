// Rule T15: the health check interval is 5 to 300 seconds.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let timing = ecs_dsl::health_check_timing!(interval = 1, retries = 3);
    let _ = (timing, stack);
    Ok(())
}
