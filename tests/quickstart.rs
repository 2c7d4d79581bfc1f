//! The README's getting-started test, verbatim but for the module path: what a newcomer
//! copies must pass.

#![allow(clippy::unwrap_used)]

#[path = "../examples/quickstart.rs"]
mod infra;

use ecs_dsl::assertions::{Match, Template};
use serde_json::json;

#[test]
fn the_service_is_safe_and_reachable() {
    let t = Template::from_app(&infra::build().unwrap(), "hello-web").unwrap();
    t.resource_count_is("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
    t.has_resource_properties("AWS::ECS::Service", json!({
        "DesiredCount": 2,
        "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "DISABLED"}},
        "DeploymentConfiguration": {"DeploymentCircuitBreaker": {"Enable": true, "Rollback": true}}
    }));
    t.has_output(
        "WebUrl",
        Match::object([(
            "Value",
            Match::from(json!({
                "Fn::Join": ["", ["http://", {"Fn::GetAtt": ["WebLb", "DNSName"]}]]
            })),
        )]),
    );
    ecs_dsl::assert_app_snapshots!(infra::build().unwrap()); // `cargo insta review` once
}
