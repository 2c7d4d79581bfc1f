// Rule E2: an access point needs the root directory omitted or /.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let efs = EfsVolume::new("fs-0123456789abcdef0")
        .transit_encryption()
        .root_directory("/data")
        .access_point("fsap-0123456789abcdef0");
    let _ = (efs, stack);
    Ok(())
}
