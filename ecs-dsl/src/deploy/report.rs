//! Where a deploy's progress goes ([`Reporter`]) and who answers its questions ([`Prompt`]).
//!
//! The CLI prints to the terminal ([`Console`]) and asks on it only when standard input is a
//! terminal ([`TerminalPrompt`]); tests and programs collect the lines ([`Recorder`]) and
//! answer with fixed replies ([`Answer`]).

use std::io::{BufRead, IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Receives a deploy's progress. Calls come from several stacks at once.
///
/// ```
/// use std::sync::Mutex;
/// use ecs_dsl::deploy::report::Reporter;
/// /// Counts lines per stack.
/// #[derive(Default)]
/// struct Counter(Mutex<std::collections::BTreeMap<String, usize>>);
/// impl Reporter for Counter {
///     fn line(&self, stack: &str, _text: &str) {
///         *self.0.lock().unwrap().entry(stack.to_owned()).or_default() += 1;
///     }
/// }
/// let counter = Counter::default();
/// counter.line("web", "no changes");
/// counter.waiting("web", "UPDATE_IN_PROGRESS", Default::default(), Default::default()); // ignored
/// assert_eq!(counter.0.lock().unwrap()["web"], 1);
/// ```
pub trait Reporter: Send + Sync {
    /// One line about `stack` (an event, a change, a decision).
    fn line(&self, stack: &str, text: &str);

    /// A long wait goes on: called about every few seconds while `stack` is in `status`,
    /// with the time spent and the time left before the deadline.
    fn waiting(&self, stack: &str, status: &str, elapsed: Duration, left: Duration) {
        let _ = (stack, status, elapsed, left);
    }
}

/// Answers the questions a deploy asks (approval, re-creating a failed stack, continuing a
/// rollback, confirming a destroy).
///
/// ```
/// use ecs_dsl::deploy::report::Prompt;
/// /// Approves everything but destroys.
/// struct NoDestroy;
/// impl Prompt for NoDestroy {
///     fn confirm(&self, question: &str) -> Option<bool> {
///         Some(!question.contains("destroy"))
///     }
/// }
/// assert_eq!(NoDestroy.confirm("Deploy these changes?"), Some(true));
/// assert_eq!(NoDestroy.confirm("Really destroy web?"), Some(false));
/// ```
pub trait Prompt: Send + Sync {
    /// `true` for yes. A prompt that cannot ask must answer `None`, and the deploy then stops
    /// with advice instead of deciding for the user.
    fn confirm(&self, question: &str) -> Option<bool>;
}

/// Prints to standard error: `stack | line`, and on a terminal a status line that is
/// rewritten while a stack waits (elsewhere one line every 30 s).
///
/// ```
/// use ecs_dsl::deploy::report::{Console, Reporter};
/// Console::new().line("web", "no changes");
/// ```
#[derive(Debug)]
pub struct Console {
    tty: bool,
    state: Mutex<ConsoleState>,
}

#[derive(Debug, Default)]
struct ConsoleState {
    status_line: bool,
    last_heartbeat: Option<Duration>,
}

impl Console {
    /// A console reporter on standard error.
    ///
    /// ```
    /// use ecs_dsl::deploy::report::{Console, Reporter};
    /// let console = Console::new();
    /// console.line("web", "UPDATE_COMPLETE"); // prints `web | UPDATE_COMPLETE` to standard error
    /// ```
    pub fn new() -> Console {
        Console {
            tty: std::io::stderr().is_terminal(),
            state: Mutex::new(ConsoleState::default()),
        }
    }
}

impl Default for Console {
    fn default() -> Self {
        Console::new()
    }
}

impl Reporter for Console {
    fn line(&self, stack: &str, text: &str) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let mut err = std::io::stderr().lock();
        if state.status_line {
            let _ = write!(err, "\r\x1b[2K");
            state.status_line = false;
        }
        for line in text.lines() {
            let _ = writeln!(err, "{stack} | {line}");
        }
        state.last_heartbeat = None;
    }

    fn waiting(&self, stack: &str, status: &str, elapsed: Duration, left: Duration) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let text = format!(
            "{stack} | {status} for {}, deadline in {}",
            human(elapsed),
            human(left)
        );
        let mut err = std::io::stderr().lock();
        if self.tty {
            let spinner = ['|', '/', '-', '\\'][(elapsed.as_secs() % 4) as usize];
            let _ = write!(err, "\r\x1b[2K{spinner} {text}");
            let _ = err.flush();
            state.status_line = true;
        } else if state
            .last_heartbeat
            .is_none_or(|last| elapsed.saturating_sub(last) >= Duration::from_secs(30))
        {
            if elapsed >= Duration::from_secs(30) {
                let _ = writeln!(err, "{text}");
            }
            state.last_heartbeat = Some(elapsed);
        }
    }
}

/// A duration as `1m05s` or `42s`.
///
/// ```
/// use std::time::Duration;
/// use ecs_dsl::deploy::report::human;
/// assert_eq!(human(Duration::from_secs(65)), "1m05s");
/// assert_eq!(human(Duration::from_millis(4200)), "4s");
/// ```
pub fn human(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

/// Collects every line (`stack | text`), for tests and for programs that show progress
/// their own way. Clones share the lines.
///
/// ```
/// use ecs_dsl::deploy::report::{Recorder, Reporter};
/// let recorder = Recorder::default();
/// recorder.line("web", "no changes");
/// assert_eq!(recorder.lines(), ["web | no changes"]);
/// assert!(recorder.contains("no changes"));
/// ```
#[derive(Clone, Default)]
pub struct Recorder {
    lines: Arc<Mutex<Vec<String>>>,
    hook: Option<LineHook>,
}

/// Called with each line a [`Recorder`] receives.
type LineHook = Arc<dyn Fn(&str) + Send + Sync>;

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder")
            .field("lines", &self.lines())
            .finish_non_exhaustive()
    }
}

impl Recorder {
    /// A recorder that also calls `hook` with each line as it arrives (a test can stop a
    /// server at a given moment of a deploy).
    ///
    /// ```
    /// use std::sync::atomic::{AtomicBool, Ordering};
    /// use std::sync::Arc;
    /// use ecs_dsl::deploy::report::{Recorder, Reporter};
    /// let failed = Arc::new(AtomicBool::new(false));
    /// let flag = Arc::clone(&failed);
    /// let recorder = Recorder::with_hook(move |line| {
    ///     if line.contains("FAILED") {
    ///         flag.store(true, Ordering::SeqCst);
    ///     }
    /// });
    /// recorder.line("web", "Task CREATE_FAILED");
    /// assert!(failed.load(Ordering::SeqCst));
    /// assert_eq!(recorder.lines(), ["web | Task CREATE_FAILED"]);
    /// ```
    pub fn with_hook(hook: impl Fn(&str) + Send + Sync + 'static) -> Recorder {
        Recorder {
            lines: Arc::default(),
            hook: Some(Arc::new(hook)),
        }
    }

    /// The lines so far.
    ///
    /// ```
    /// use ecs_dsl::deploy::report::{Recorder, Reporter};
    /// let recorder = Recorder::default();
    /// recorder.line("web", "first\nsecond");
    /// assert_eq!(recorder.lines(), ["web | first", "web | second"]);
    /// ```
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Whether a line contains `text`.
    ///
    /// ```
    /// use ecs_dsl::deploy::report::{Recorder, Reporter};
    /// let recorder = Recorder::default();
    /// let shared = recorder.clone(); // clones share the lines
    /// shared.line("web", "no changes");
    /// assert!(recorder.contains("web | no"));
    /// assert!(!recorder.contains("FAILED"));
    /// ```
    pub fn contains(&self, text: &str) -> bool {
        self.lines().iter().any(|l| l.contains(text))
    }

    /// Every line, one per line, for assertion messages.
    ///
    /// ```
    /// use ecs_dsl::deploy::report::{Recorder, Reporter};
    /// let recorder = Recorder::default();
    /// recorder.line("base", "deployed");
    /// recorder.line("web", "deployed");
    /// assert_eq!(recorder.text(), "base | deployed\nweb | deployed");
    /// ```
    pub fn text(&self) -> String {
        self.lines().join("\n")
    }
}

impl Reporter for Recorder {
    fn line(&self, stack: &str, text: &str) {
        for line in text.lines() {
            let line = format!("{stack} | {line}");
            if let Some(hook) = &self.hook {
                hook(&line);
            }
            self.lines
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(line);
        }
    }
}

/// A fixed answer to every question: `Answer::Yes` (like `--force`), `Answer::No`, or
/// `Answer::CannotAsk` (a non-interactive run).
///
/// ```
/// use ecs_dsl::deploy::report::{Answer, Prompt};
/// assert_eq!(Answer::Yes.confirm("Delete?"), Some(true));
/// assert_eq!(Answer::CannotAsk.confirm("Delete?"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Always yes.
    Yes,
    /// Always no.
    No,
    /// Never asks.
    CannotAsk,
}

impl Prompt for Answer {
    fn confirm(&self, _question: &str) -> Option<bool> {
        match self {
            Answer::Yes => Some(true),
            Answer::No => Some(false),
            Answer::CannotAsk => None,
        }
    }
}

/// Asks on the terminal (`question [y/N]`) when standard input is one; otherwise cannot ask.
/// Questions from stacks deployed in parallel are asked one at a time.
///
/// ```
/// use std::io::IsTerminal;
/// use ecs_dsl::deploy::report::{Prompt, TerminalPrompt};
/// let prompt = TerminalPrompt::default();
/// if !std::io::stdin().is_terminal() {
///     // Without a terminal it cannot ask, and says so.
///     assert_eq!(prompt.confirm("Deploy?"), None);
/// }
/// ```
#[derive(Debug, Default)]
pub struct TerminalPrompt {
    lock: Mutex<()>,
}

impl Prompt for TerminalPrompt {
    fn confirm(&self, question: &str) -> Option<bool> {
        if !std::io::stdin().is_terminal() {
            return None;
        }
        let _one_at_a_time = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        eprint!("{question} [y/N] ");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer).ok()?;
        Some(matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes"))
    }
}
