//! The README's getting-started walkthrough is what the repository runs: its program is
//! `examples/quickstart.rs`, its test is `tests/quickstart.rs`, and its moto wrapper is
//! `scripts/moto_server.py`. These tests fail when one drifts from the other.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;

fn read(path: &str) -> String {
    fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_owned() + path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The first fenced block of `lang` after the line starting with `marker`.
fn block_after(text: &str, marker: &str, lang: &str) -> String {
    let start = text
        .find(marker)
        .unwrap_or_else(|| panic!("README has no `{marker}`"));
    let rest = &text[start..];
    let fence = format!("```{lang}\n");
    let open = rest
        .find(&fence)
        .unwrap_or_else(|| panic!("no {lang} block after `{marker}`"))
        + fence.len();
    let close = rest[open..].find("\n```").expect("an unclosed block") + open;
    rest[open..close].to_owned()
}

/// The item starting at `start` up to its closing brace at column 0.
fn item(code: &str, start: &str) -> String {
    let at = code
        .find(start)
        .unwrap_or_else(|| panic!("no `{start}` in:\n{code}"));
    let end = code[at..].find("\n}").expect("an item closed at column 0") + at + 2;
    code[at..end].to_owned()
}

/// Code without comments, whitespace or trailing commas: what rustfmt does not change.
fn normalized(code: &str) -> String {
    let no_comments: String = code
        .lines()
        .map(strip_comment)
        .collect::<Vec<_>>()
        .join("\n");
    let compact: String = no_comments.split_whitespace().collect();
    compact
        .replace(",)", ")")
        .replace(",]", "]")
        .replace(",}", "}")
}

/// The line up to its `//` comment; a `//` inside a string (an odd number of quotes before it,
/// as in "http://") is not one.
fn strip_comment(line: &str) -> &str {
    line.match_indices("//")
        .map(|(i, _)| i)
        .find(|&i| line[..i].matches('"').count().is_multiple_of(2))
        .map_or(line, |i| &line[..i])
}

#[test]
fn the_readme_program_is_the_quickstart_example() {
    let readme = read("README.md");
    let program = block_after(&readme, "**2. The program**", "rust");
    let example = read("examples/quickstart.rs");
    assert_eq!(
        normalized(&item(&program, "pub fn build")),
        normalized(&item(&example, "pub fn build")),
        "README step 2 and examples/quickstart.rs differ"
    );
}

#[test]
fn the_readme_test_is_tests_quickstart() {
    let readme = read("README.md");
    let test = block_after(&readme, "**4. Test**", "rust");
    let repo = read("tests/quickstart.rs");
    let name = "fn the_service_is_safe_and_reachable";
    assert_eq!(
        normalized(&item(&test, name)),
        normalized(&item(&repo, name)),
        "README step 4 and tests/quickstart.rs differ"
    );
}

#[test]
fn the_readme_moto_wrapper_is_scripts_moto_server() {
    let readme = read("README.md");
    let wrapper = block_after(&readme, "**5. Deploy", "python");
    assert_eq!(
        wrapper.trim_end(),
        read("scripts/moto_server.py").trim_end(),
        "README step 5 and scripts/moto_server.py differ"
    );
}

#[test]
fn normalizing_keeps_what_matters() {
    // A changed value is still a difference; formatting and comments are not.
    assert_eq!(
        normalized("f(a, // x\n  b,\n)"),
        normalized("f(a, b)") // y
    );
    assert_ne!(normalized("f(\"http://a\")"), normalized("f(\"http:\")"));
    assert_eq!(
        normalized("g(\"http://a\") // c"),
        normalized("g(\"http://a\")")
    );
    assert_ne!(normalized("cpu = 256"), normalized("cpu = 512"));
}
