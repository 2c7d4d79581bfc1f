//! `ecs_dsl::logs::Retention` against the `RetentionInDays` enum of cfn-lint's
//! `AWS::Logs::LogGroup` schema: every value CloudFormation accepts must be a variant, and no
//! variant may be a value it rejects.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use ecs_dsl::logs::Retention;
use ecs_dsl_examples::{cfn_lint_package_dir, skip};
use serde_json::Value;

const TYPE_NAME: &str = "AWS::Logs::LogGroup";

/// The schema file of `AWS::Logs::LogGroup`: `providers/us_east_1/aws-logs-loggroup.json` in
/// older cfn-lint releases; in 1.x the provider list (`providers/us_east_1.py`) maps the type
/// to a content-hashed file under `resources/`.
fn schema_path(cfn_lint: &Path) -> Option<PathBuf> {
    let schemas = cfn_lint.join("data/schemas");
    let legacy = schemas.join("providers/us_east_1/aws-logs-loggroup.json");
    if legacy.is_file() {
        return Some(legacy);
    }
    let providers = std::fs::read_to_string(schemas.join("providers/us_east_1.py")).ok()?;
    // A line of the form `    "AWS::Logs::LogGroup": "c0ece63f58ef831f",`.
    let hash = providers.lines().find_map(|line| {
        let parts: Vec<&str> = line.split('"').collect();
        match parts[..] {
            [_, name, sep, hash, ..] if name == TYPE_NAME && sep.trim() == ":" => Some(hash),
            _ => None,
        }
    })?;
    let file = schemas.join("resources").join(format!("{hash}.json"));
    file.is_file().then_some(file)
}

#[test]
fn retention_matches_cfn_lint_schema() {
    let Some(dir) = cfn_lint_package_dir() else {
        skip(
            "log retention against cfn-lint",
            "the cfn-lint package is not installed",
        );
        return;
    };
    let Some(path) = schema_path(&dir) else {
        skip(
            "log retention against cfn-lint",
            &format!("no {TYPE_NAME} schema found under {}", dir.display()),
        );
        return;
    };
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(schema["typeName"], TYPE_NAME, "{}", path.display());
    let mut theirs: Vec<u32> = schema["properties"]["RetentionInDays"]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{}: RetentionInDays has no enum", path.display()))
        .iter()
        .map(|v| u32::try_from(v.as_u64().unwrap()).unwrap())
        .collect();
    theirs.sort_unstable();
    let ours: Vec<u32> = Retention::FINITE
        .iter()
        .map(|r| r.days().unwrap())
        .collect();
    assert_eq!(
        ours,
        theirs,
        "Retention differs from RetentionInDays in {}",
        path.display()
    );
    for days in theirs {
        assert_eq!(
            Retention::from_days(days).and_then(Retention::days),
            Some(days)
        );
    }
    assert_eq!(Retention::Infinite.days(), None);
}
