// Rule T14: ephemeral storage is 21 to 200 GiB.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let storage = ecs_dsl::ephemeral_storage!(500);
    let _ = (storage, stack);
    Ok(())
}
