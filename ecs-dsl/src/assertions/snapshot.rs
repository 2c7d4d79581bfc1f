//! One-line snapshots of every stack of an app, with the user's `insta`.

use crate::template::App;

/// Every stack of `app` as `(stack name, template text)`, dependencies first: what
/// [`assert_app_snapshots!`](crate::assert_app_snapshots) hands to `insta`.
///
/// ```
/// use ecs_dsl::prelude::*;
/// let mut app = App::new();
/// app.stack("web")?;
/// let snapshots = ecs_dsl::assertions::stack_snapshots(&app)?;
/// assert_eq!(snapshots[0].0, "web");
/// assert!(snapshots[0].1.contains("AWSTemplateFormatVersion"));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub fn stack_snapshots(app: &App) -> crate::Result<Vec<(String, String)>> {
    let assembly = app.synthesize()?;
    Ok(assembly
        .stacks
        .into_iter()
        .map(|s| (s.name, s.template))
        .collect())
}

/// Snapshots every stack of an app with [insta](https://insta.rs), one snapshot per stack
/// named after it (`<test module>__<stack>.snap`). The calling crate needs `insta` as a
/// dev-dependency; ecs-dsl itself does not depend on it.
///
/// ```no_run
/// # use ecs_dsl::prelude::*;
/// # fn build() -> ecs_dsl::Result<App> { let mut app = App::new(); app.stack("web")?; Ok(app) }
/// // in a #[test] function:
/// let app = build().unwrap();
/// ecs_dsl::assert_app_snapshots!(app);
/// ```
///
/// The first run writes `.snap.new` files and fails; review them with `cargo insta review`
/// (or accept all with `cargo insta accept`). With `CI=true` insta never writes, so a changed
/// template fails the build until its snapshot is reviewed and committed.
#[macro_export]
macro_rules! assert_app_snapshots {
    ($app:expr) => {
        match $crate::assertions::stack_snapshots(&$app) {
            Ok(stacks) => {
                for (name, template) in stacks {
                    ::insta::assert_snapshot!(name, template);
                }
            }
            Err(e) => panic!("the app does not synthesize: {e}"),
        }
    };
}
