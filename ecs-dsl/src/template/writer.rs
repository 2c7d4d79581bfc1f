//! Deterministic JSON text: objects in the order built, two-space indentation, no trailing
//! spaces, a final newline.

use std::fmt::Write as _;

use super::json::Json;

/// Writes resolved JSON (no reference nodes left) as text.
pub(crate) fn write(value: &Json, pretty: bool) -> String {
    let mut out = String::with_capacity(4096);
    write_value(&mut out, value, pretty, 0);
    out.push('\n');
    // The assembly keeps every template: give back what the doubling over-allocated.
    out.shrink_to_fit();
    out
}

fn newline(out: &mut String, pretty: bool, depth: usize) {
    if pretty {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
}

fn write_value(out: &mut String, value: &Json, pretty: bool, depth: usize) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Int(n) => {
            let _ = write!(out, "{n}");
        }
        // Non-finite numbers are rejected before writing; `null` is the JSON-safe fallback.
        Json::Float(f) if f.is_finite() => {
            let _ = write!(out, "{f}");
        }
        Json::Float(_) => out.push_str("null"),
        Json::Str(s) => write_str(out, s),
        Json::Array(items) if items.is_empty() => out.push_str("[]"),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, pretty, depth + 1);
                write_value(out, item, pretty, depth + 1);
            }
            newline(out, pretty, depth);
            out.push(']');
        }
        Json::Object(entries) if entries.is_empty() => out.push_str("{}"),
        Json::Object(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, pretty, depth + 1);
                write_str(out, k);
                out.push_str(if pretty { ": " } else { ":" });
                write_value(out, v, pretty, depth + 1);
            }
            newline(out, pretty, depth);
            out.push('}');
        }
        // Resolved before writing; a leftover would be a bug, rendered visibly rather than
        // panicking.
        Json::Ref(t) | Json::GetAtt(t, _) | Json::ConditionName(t) => {
            write_str(out, &format!("<unresolved {}>", t.logical_id()))
        }
    }
}

fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_output_matches_serde_json_layout() {
        let v = Json::object([
            ("A", Json::Array(vec![Json::Int(1), Json::Float(0.5)])),
            ("B", Json::object([("C", Json::from("q\"\n\u{1}"))])),
            ("E", Json::Array(vec![])),
            ("F", Json::Object(vec![])),
        ]);
        let text = write(&v, true);
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        let expected =
            serde_json::json!({"A": [1, 0.5], "B": {"C": "q\"\n\u{1}"}, "E": [], "F": {}});
        assert_eq!(parsed, expected);
        assert_eq!(
            text,
            format!("{}\n", serde_json::to_string_pretty(&expected).unwrap())
        );
        assert_eq!(
            write(&v, false).trim_end(),
            serde_json::to_string(&expected).unwrap()
        );
    }
}
