// Rule T9: Windows containers have no user, readonlyRootFilesystem, linuxParameters or ulimits.
use ecs_dsl::prelude::*;
use ecs_dsl::ecs::*;

fn main() -> ecs_dsl::Result<()> {
    let mut app = App::new();
    let stack = app.stack("web")?;
    let task = TaskDefinition::fargate_windows(&stack, "Task", ecs_dsl::fargate!(cpu = 1024, memory = 2048, os = windows), WindowsFamily::Server2022Core);
    let web = task.new_container("web", ecs_dsl::image!("mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022")).user("ContainerUser");
    let _ = web;
    Ok(())
}
