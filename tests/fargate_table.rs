//! Rule F-SIZE: our one Fargate table against cfn-lint's `fargate_cpu_memory.json`. Every
//! tier cfn-lint knows must match exactly (so we never reject a size cfn-lint accepts, nor
//! accept one it rejects); tiers newer than cfn-lint's table are named here explicitly.

#![allow(clippy::unwrap_used)]

use ecs_dsl_examples::{cfn_lint_package_dir, skip};
use ecs_dsl_rules::fargate::TIERS;
use serde_json::Value;

/// Tiers in our table that cfn-lint 1.51.0 does not list yet (see ecs-rules.md).
const NEWER_THAN_CFN_LINT: &[u32] = &[32768];

/// (cpu units, allowed memory MiB) per tier, read from cfn-lint's schema extension.
fn cfn_lint_tiers(schema: &Value) -> Vec<(u32, Vec<u32>)> {
    let alternatives = schema["then"]["anyOf"].as_array().expect("anyOf of tiers");
    alternatives
        .iter()
        .map(|alt| {
            let cpu = alt["properties"]["Cpu"]["then"]["enum"][0]
                .as_str()
                .expect("cpu enum")
                .parse()
                .unwrap();
            let memory = &alt["properties"]["Memory"]["then"];
            let values = match memory.get("enum") {
                Some(list) => list
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_u64().unwrap() as u32)
                    .collect(),
                None => {
                    let (min, max, step) = (
                        memory["minimum"].as_u64().unwrap() as u32,
                        memory["maximum"].as_u64().unwrap() as u32,
                        memory["multipleOf"].as_u64().unwrap() as usize,
                    );
                    (min..=max).step_by(step).collect()
                }
            };
            (cpu, values)
        })
        .collect()
}

#[test]
fn our_fargate_table_matches_cfn_lint() {
    let Some(dir) = cfn_lint_package_dir() else {
        skip(
            "Fargate table against cfn-lint",
            "the cfn-lint package is not installed",
        );
        return;
    };
    let path = dir.join("data/schemas/extensions/aws_ecs_taskdefinition/fargate_cpu_memory.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let theirs = cfn_lint_tiers(&schema);
    assert!(theirs.len() >= 7, "cfn-lint lists {} tiers", theirs.len());
    for (cpu, memory) in &theirs {
        let ours = TIERS
            .iter()
            .find(|t| t.cpu == *cpu)
            .unwrap_or_else(|| panic!("cfn-lint has cpu {cpu}, we do not"));
        assert_eq!(&ours.memory.values(), memory, "memory for cpu {cpu}");
    }
    for tier in TIERS {
        let known = theirs.iter().any(|(cpu, _)| *cpu == tier.cpu);
        assert!(
            known || NEWER_THAN_CFN_LINT.contains(&tier.cpu),
            "cpu {} is in our table but not cfn-lint's; list it in NEWER_THAN_CFN_LINT if intended",
            tier.cpu
        );
    }
}
