//! The benchmark workloads of `../shared/bench/README.md` as ecs-dsl builds them: RN(n)
//! (`examples/rn.rs`) has the CDK app's resources (`../shared/bench/cdk/rn.js`), type by type
//! and stack by stack, synthesizes every stack and writes the same bytes every time. R1's
//! comparison is in `example_checks.rs`. Only counts and shapes here: the timings are
//! `scripts/bench` and `cargo bench --bench synth`, never tests.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use ecs_dsl_examples::assert_cfn_lint_clean;

#[path = "../examples/rn.rs"]
mod rn;

/// Resources by type over every stack of an assembly.
fn counts(assembly: &ecs_dsl::prelude::Assembly) -> BTreeMap<String, usize> {
    let mut c = BTreeMap::new();
    for stack in &assembly.stacks {
        let t = stack.template_json();
        for r in t["Resources"].as_object().unwrap().values() {
            *c.entry(r["Type"].as_str().unwrap().to_owned()).or_default() += 1;
        }
    }
    c
}

/// RN(200) has the CDK app's resources (`node rn.js 200`: 4,006 in 11 stacks), type by type,
/// except where ecs-dsl writes fewer or more on purpose, per service (as in R1):
///
/// - IAM policies are inline in their roles (`Policies`), not 2 `AWS::IAM::Policy` resources
///   (task role and execution role): -2;
/// - one log group per task definition, shared by `web` and `sidecar` (stream prefixes keep
///   them apart), instead of one per container: -1;
/// - the load balancer's internet rule (0.0.0.0/0 on 80) is a separate
///   `SecurityGroupIngress` resource; CDK inlines it in the group: +1.
///
/// So 18 resources per service instead of 20, and 6 + 18 x 200 = 3,606 instead of 4,006. The
/// base stack is the same 6 resources (cluster, namespace, file system, its security group and
/// two mount targets) with the same 5 exports.
#[test]
fn rn200_has_the_resources_of_the_cdk_app() {
    let cdk: BTreeMap<&str, usize> = [
        ("AWS::ApplicationAutoScaling::ScalableTarget", 200),
        ("AWS::ApplicationAutoScaling::ScalingPolicy", 200),
        ("AWS::EC2::SecurityGroup", 401),
        ("AWS::EC2::SecurityGroupEgress", 200),
        ("AWS::EC2::SecurityGroupIngress", 400),
        ("AWS::ECS::Cluster", 1),
        ("AWS::ECS::Service", 200),
        ("AWS::ECS::TaskDefinition", 200),
        ("AWS::EFS::AccessPoint", 200),
        ("AWS::EFS::FileSystem", 1),
        ("AWS::EFS::MountTarget", 2),
        ("AWS::ElasticLoadBalancingV2::Listener", 200),
        ("AWS::ElasticLoadBalancingV2::LoadBalancer", 200),
        ("AWS::ElasticLoadBalancingV2::TargetGroup", 200),
        ("AWS::IAM::Policy", 400),
        ("AWS::IAM::Role", 400),
        ("AWS::Logs::LogGroup", 400),
        ("AWS::ServiceDiscovery::PrivateDnsNamespace", 1),
        ("AWS::ServiceDiscovery::Service", 200),
    ]
    .into_iter()
    .collect();
    assert_eq!(cdk.values().sum::<usize>(), 4006);
    // Where the counts differ, and why (see above): (CDK, ecs-dsl).
    let expected_differences: BTreeMap<&str, (usize, usize)> = [
        // Inline policies in the task and execution roles.
        ("AWS::IAM::Policy", (400, 0)),
        // One log group per task definition.
        ("AWS::Logs::LogGroup", (400, 200)),
        // The ALB's internet rule as its own resource: 200 more.
        ("AWS::EC2::SecurityGroupIngress", (400, 600)),
    ]
    .into_iter()
    .collect();

    let assembly = rn::build_n(200).unwrap().synthesize().unwrap();
    let ours = counts(&assembly);
    for (ty, n) in &cdk {
        let mine = ours.get(*ty).copied().unwrap_or(0);
        match expected_differences.get(ty) {
            Some(&(theirs, expected)) => {
                assert_eq!((*n, mine), (theirs, expected), "{ty}: CDK vs ecs-dsl")
            }
            None => assert_eq!(mine, *n, "{ty}: ecs-dsl has {mine}, CDK {n}"),
        }
    }
    for ty in ours.keys() {
        assert!(
            cdk.contains_key(ty.as_str()),
            "{ty} is not in the CDK templates"
        );
    }
    assert_eq!(ours.values().sum::<usize>(), 3606);
}

/// RN(200) is 11 stacks like the CDK app's: `RnBase` (6 resources, 5 exports) and `RnSvc00` to
/// `RnSvc09` with 20 services each; every service stack synthesizes, is over 51,200 bytes (so
/// deploy uploads it to S3) and under CloudFormation's 1,000,000 and 500 resources.
#[test]
fn rn200_is_a_base_stack_and_ten_service_stacks_that_all_synthesize() {
    let assembly = rn::build_n(200).unwrap().synthesize().unwrap();
    let names: Vec<&str> = assembly.stacks.iter().map(|s| s.name.as_str()).collect();
    let mut expected = vec!["RnBase".to_owned()];
    expected.extend((0..10).map(|i| format!("RnSvc{i:02}")));
    assert_eq!(names, expected);
    let base = assembly.stack("RnBase").unwrap();
    assert_eq!((base.resource_count, base.output_count), (6, 5));
    assert!(!base.needs_s3_upload);
    for stack in &assembly.stacks[1..] {
        assert_eq!(stack.resource_count, 20 * 18, "{}", stack.name);
        assert!(
            stack.needs_s3_upload,
            "{}: {} bytes",
            stack.name, stack.bytes
        );
        assert!(
            stack.bytes > 51_200 && stack.bytes < 1_000_000,
            "{}",
            stack.name
        );
        assert_eq!(stack.dependencies, vec!["RnBase"], "{}", stack.name);
    }
}

/// The resource count grows linearly: 6 + 18 n, with ceil(n / 20) service stacks.
#[test]
fn rn_grows_by_18_resources_per_service() {
    for n in [1, 10, 20, 21, 50] {
        let assembly = rn::build_n(n).unwrap().synthesize().unwrap();
        let total: usize = assembly.stacks.iter().map(|s| s.resource_count).sum();
        assert_eq!(total, 6 + 18 * n, "RN({n})");
        assert_eq!(assembly.stacks.len(), 1 + n.div_ceil(20), "RN({n})");
    }
}

/// Two syntheses of RN(50) write the same bytes: templates and manifest.
#[test]
fn rn_is_deterministic() {
    let a = rn::build_n(50).unwrap().synthesize().unwrap();
    let b = rn::build_n(50).unwrap().synthesize().unwrap();
    assert_eq!(a.manifest(), b.manifest());
    assert_eq!(a.stacks.len(), b.stacks.len());
    for (x, y) in a.stacks.iter().zip(&b.stacks) {
        assert_eq!(x.template, y.template, "{}", x.name);
    }
}

/// RN(2)'s templates pass cfn-lint (both service kinds of resource, across two stacks).
#[test]
fn rn_passes_cfn_lint() {
    assert_cfn_lint_clean("bench-rn2", &rn::build_n(2).unwrap());
}
