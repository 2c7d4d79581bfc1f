// Rule E1: EFS IAM authorization requires transit encryption.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let efs = EfsVolume::new("fs-0123456789abcdef0").iam_authorization();
    let _ = (efs, stack);
    Ok(())
}
