//! Support code for the workspace's own tests: locating the external checkers and deciding
//! whether a test that needs one may skip.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Whether tests that need external tools must fail instead of skipping
/// (`ECS_DSL_REQUIRE_TOOLS=1`, set by `scripts/test`).
pub fn tools_required() -> bool {
    std::env::var("ECS_DSL_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// The cfn-lint to run: `ECS_DSL_CFN_LINT`, else `cfn-lint` on `PATH` if it answers.
pub fn cfn_lint() -> Option<PathBuf> {
    let candidate = std::env::var_os("ECS_DSL_CFN_LINT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("cfn-lint"));
    let works = Command::new(&candidate)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    works.then_some(candidate)
}

/// The installed cfn-lint package folder (holding `data/schemas`), asked of
/// `ECS_DSL_PYTHON` (default `python3`).
pub fn cfn_lint_package_dir() -> Option<PathBuf> {
    let python = std::env::var_os("ECS_DSL_PYTHON").unwrap_or_else(|| "python3".into());
    let out = Command::new(python)
        .args([
            "-c",
            "import cfnlint, os; print(os.path.dirname(cfnlint.__file__))",
        ])
        .output()
        .ok()?;
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    (out.status.success() && dir.is_dir()).then_some(dir)
}

/// Reports a skipped check: fails when tools are required, else prints why it was skipped.
pub fn skip(what: &str, why: &str) {
    assert!(
        !tools_required(),
        "{what} could not run: {why} (ECS_DSL_REQUIRE_TOOLS=1)"
    );
    // Straight to the stderr handle: libtest captures `eprintln!` of passing tests, and a skip
    // must be visible.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {what}: {why}; scripts/test runs it for real"
    );
}

/// A fresh folder under the target directory for a test's output.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("test-out")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Synthesizes `app` into a fresh folder named `name` and runs cfn-lint over every template.
/// Skips (see [`skip`]) when cfn-lint is not installed; panics with cfn-lint's findings when it
/// reports any error or warning.
pub fn assert_cfn_lint_clean(name: &str, app: &ecs_dsl::App) {
    let Some(lint) = cfn_lint() else {
        skip(
            &format!("cfn-lint over {name}"),
            "cfn-lint is not installed",
        );
        return;
    };
    let dir = scratch_dir(name);
    let assembly = match app.synth(&dir) {
        Ok(a) => a,
        Err(e) => panic!("{name} does not synthesize: {e}"),
    };
    let out = Command::new(lint)
        .args(["--format", "parseable", "--"])
        .args(assembly.stacks.iter().map(|s| dir.join(&s.file_name)))
        .output();
    match out {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "cfn-lint found problems in {name}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!("cfn-lint did not run: {e}"),
    }
}

/// The `main` of every example: builds the app and runs its command line ([`App::main`]:
/// `synth` by default into `out/`, or `list`, `diff`, `deploy`, `destroy`, `outputs`,
/// `bootstrap`). Exit code 2 for bad arguments, 1 when the app or the command fails.
///
/// [`App::main`]: ecs_dsl::App::main
pub fn example_main(name: &str, build: fn() -> ecs_dsl::Result<ecs_dsl::App>) -> ExitCode {
    match build() {
        // `synth` (the default), `list`, `diff`, `deploy`, `destroy`, `outputs`, `bootstrap`.
        Ok(app) => app.main(),
        Err(err) => {
            eprintln!("error: {name}: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `scripts/moto_server.py`: moto's server with the fix that makes change sets register
/// outputs and exports (moto does that only for CreateStack); see the script.
fn moto_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/moto_server.py")
}

/// A moto server on 127.0.0.1 with a free port, started for one test and stopped when dropped.
#[derive(Debug)]
pub struct MotoServer {
    child: std::process::Child,
    port: u16,
}

impl MotoServer {
    /// Starts `scripts/moto_server.py` (moto.server; `ECS_DSL_PYTHON`, default `python3`) and waits until it
    /// accepts connections. `None` (after [`skip`]) when moto is not installed.
    pub fn start(test: &str) -> Option<MotoServer> {
        let python = std::env::var_os("ECS_DSL_PYTHON").unwrap_or_else(|| "python3".into());
        let has_moto = Command::new(&python)
            .args(["-c", "import moto.server"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !has_moto {
            skip(test, "moto[server] is not installed");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free loopback port");
        let child = Command::new(&python)
            .args([
                moto_script().as_os_str(),
                "-H".as_ref(),
                "127.0.0.1".as_ref(),
                "-p".as_ref(),
                port.to_string().as_ref(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("moto.server starts");
        let server = MotoServer { child, port };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "moto did not listen on 127.0.0.1:{port} within 30 s"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Some(server)
    }

    /// `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl MotoServer {
    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server (its state is lost); the port is free afterwards. Stopping a stopped
    /// server does nothing.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Stops the server if it runs and starts a new one on the same port, with no state (a
    /// restart of moto). Panics when moto does not listen again within 30 s.
    pub fn restart(&mut self, test: &str) {
        self.stop();
        let python = std::env::var_os("ECS_DSL_PYTHON").unwrap_or_else(|| "python3".into());
        self.child = Command::new(&python)
            .args([
                moto_script().as_os_str(),
                "-H".as_ref(),
                "127.0.0.1".as_ref(),
                "-p".as_ref(),
                self.port.to_string().as_ref(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("moto.server starts again");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "{test}: moto exited ({status}) instead of listening on 127.0.0.1:{} again",
                    self.port
                );
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{test}: moto did not listen on 127.0.0.1:{} again within 30 s",
                self.port
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}
