//! What particular examples promise beyond their snapshots: R1's resources next to the CDK
//! template's, the Rails app's release-by-parameter, the EFS example's automatic wiring, and
//! the two discovery variants of the split frontend and backend.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use serde_json::Value as Json;

#[path = "../examples/efs_storage.rs"]
mod efs_storage;
#[path = "../examples/frontend_backend_services.rs"]
mod frontend_backend_services;
#[path = "../examples/r1.rs"]
mod r1;
#[path = "../examples/rails_web_app.rs"]
mod rails_web_app;

fn template(build: fn() -> ecs_dsl::Result<ecs_dsl::App>, stack: &str) -> Json {
    let assembly = build().unwrap().synthesize().unwrap();
    assembly.stack(stack).unwrap().template_json()
}

fn resources(t: &Json) -> &serde_json::Map<String, Json> {
    t["Resources"].as_object().unwrap()
}

fn of_type<'a>(t: &'a Json, ty: &str) -> Vec<(&'a String, &'a Json)> {
    resources(t)
        .iter()
        .filter(|(_, r)| r["Type"] == ty)
        .collect()
}

fn counts(t: &Json) -> BTreeMap<String, usize> {
    let mut c = BTreeMap::new();
    for r in resources(t).values() {
        *c.entry(r["Type"].as_str().unwrap().to_owned()).or_default() += 1;
    }
    c
}

/// R1 has the CDK template's resources (`../shared/bench/cdk/r1.js`, 40 resources), type by
/// type, except where ecs-dsl writes fewer on purpose:
///
/// - IAM policies are inline in their roles (`Policies`), not 4 `AWS::IAM::Policy` resources;
/// - no empty task role for the daemon (CDK always makes one) and no execution role for it: on
///   EC2 the instance role lets the agent write awslogs;
/// - one log group per task definition instead of one per container;
/// - the load balancer's internet rule is a separate `SecurityGroupIngress` resource (CDK
///   inlines it in the group).
#[test]
fn r1_has_the_resources_of_the_cdk_template() {
    let cdk: BTreeMap<&str, usize> = [
        ("AWS::ApplicationAutoScaling::ScalableTarget", 1),
        ("AWS::ApplicationAutoScaling::ScalingPolicy", 1),
        ("AWS::AutoScaling::AutoScalingGroup", 1),
        ("AWS::EC2::LaunchTemplate", 1),
        ("AWS::EC2::SecurityGroup", 4),
        ("AWS::EC2::SecurityGroupEgress", 1),
        ("AWS::EC2::SecurityGroupIngress", 2),
        ("AWS::ECS::CapacityProvider", 1),
        ("AWS::ECS::Cluster", 1),
        ("AWS::ECS::ClusterCapacityProviderAssociations", 1),
        ("AWS::ECS::Service", 2),
        ("AWS::ECS::TaskDefinition", 2),
        ("AWS::EFS::AccessPoint", 1),
        ("AWS::EFS::FileSystem", 1),
        ("AWS::EFS::MountTarget", 2),
        ("AWS::ElasticLoadBalancingV2::Listener", 1),
        ("AWS::ElasticLoadBalancingV2::LoadBalancer", 1),
        ("AWS::ElasticLoadBalancingV2::TargetGroup", 1),
        ("AWS::IAM::InstanceProfile", 1),
        ("AWS::IAM::Policy", 4),
        ("AWS::IAM::Role", 5),
        ("AWS::Logs::LogGroup", 3),
        ("AWS::ServiceDiscovery::PrivateDnsNamespace", 1),
        ("AWS::ServiceDiscovery::Service", 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(cdk.values().sum::<usize>(), 40);
    let ours = counts(&template(r1::build, "R1"));
    // Where the counts differ, and why (see above).
    let expected_differences: BTreeMap<&str, (usize, usize)> = [
        ("AWS::IAM::Policy", (4, 0)),
        ("AWS::IAM::Role", (5, 3)),
        ("AWS::Logs::LogGroup", (3, 2)),
        ("AWS::EC2::SecurityGroupIngress", (2, 3)),
    ]
    .into_iter()
    .collect();
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
            "{ty} is not in the CDK template"
        );
    }
}

/// A release of the Rails app changes only the `ImageTag` parameter: both app images are
/// `<repository URI>:<ImageTag>`, and nothing else in the template names a version of them.
#[test]
fn rails_releases_change_only_the_image_tag_parameter() {
    let t = template(rails_web_app::build, "rails-web-app");
    assert_eq!(t["Parameters"]["ImageTag"]["Type"], "String");
    let task = &resources(&t)["Web"]["Properties"];
    let images: BTreeMap<&str, &Json> = task["ContainerDefinitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["Name"].as_str().unwrap(), &c["Image"]))
        .collect();
    assert_eq!(images.len(), 4, "four containers in one task");
    for (name, repo) in [("rails", "RailsRepository"), ("nginx", "NginxRepository")] {
        assert_eq!(
            images[name],
            &serde_json::json!({"Fn::Join": ["", [
                {"Fn::GetAtt": [repo, "RepositoryUri"]}, ":", {"Ref": "ImageTag"}
            ]]}),
            "{name}"
        );
    }
    // Two tasks behind HTTPS with the redirect, in two zones.
    let service = &resources(&t)["WebService"]["Properties"];
    assert_eq!(service["DesiredCount"], 2);
    let subnets = service["NetworkConfiguration"]["AwsvpcConfiguration"]["Subnets"]
        .as_array()
        .unwrap();
    assert_eq!(subnets.len(), 2);
    let listeners = of_type(&t, "AWS::ElasticLoadBalancingV2::Listener");
    let protocols: Vec<&str> = listeners
        .iter()
        .map(|(_, l)| l["Properties"]["Protocol"].as_str().unwrap())
        .collect();
    assert_eq!(protocols.len(), 2);
    assert!(protocols.contains(&"HTTPS") && protocols.contains(&"HTTP"));
}

/// The EFS example asks for a file system, an access point and one mount call; the mount
/// targets, the 2049 rule from the tasks and the task role's grant through the access point
/// come with them (rules E4, E5, E1/E2).
#[test]
fn efs_storage_gets_mount_targets_the_nfs_rule_and_a_scoped_grant() {
    let t = template(efs_storage::build, "efs-storage");
    let targets = of_type(&t, "AWS::EFS::MountTarget");
    assert_eq!(targets.len(), 2, "one mount target per zone");
    let nfs: Vec<_> = of_type(&t, "AWS::EC2::SecurityGroupIngress")
        .into_iter()
        .filter(|(_, r)| r["Properties"]["FromPort"] == 2049)
        .collect();
    assert_eq!(nfs.len(), 1, "{nfs:?}");
    let rule = &nfs[0].1["Properties"];
    assert_eq!(
        (rule["ToPort"].as_i64(), rule["IpProtocol"].as_str()),
        (Some(2049), Some("tcp"))
    );
    assert!(rule["SourceSecurityGroupId"].is_object());
    let grants: Vec<Json> = of_type(&t, "AWS::IAM::Role")
        .into_iter()
        .flat_map(|(_, r)| {
            r["Properties"]["Policies"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .flat_map(|p| {
            p["PolicyDocument"]["Statement"]
                .as_array()
                .cloned()
                .unwrap()
        })
        .filter(|s| s.to_string().contains("elasticfilesystem:"))
        .collect();
    assert_eq!(grants.len(), 1, "{grants:?}");
    let g = &grants[0];
    assert_eq!(
        g["Action"],
        serde_json::json!([
            "elasticfilesystem:ClientMount",
            "elasticfilesystem:ClientWrite"
        ])
    );
    // On the example's file system only, and only through its access point.
    let fs = &of_type(&t, "AWS::EFS::FileSystem")[0].0;
    let ap = &of_type(&t, "AWS::EFS::AccessPoint")[0].0;
    assert_eq!(
        g["Resource"],
        serde_json::json!([{"Fn::GetAtt": [fs, "Arn"]}])
    );
    assert_eq!(
        g["Condition"],
        serde_json::json!({"StringEquals": {
            "elasticfilesystem:AccessPointArn": {"Fn::GetAtt": [ap, "Arn"]}
        }})
    );
    // The service waits for the mount targets.
    let services = of_type(&t, "AWS::ECS::Service");
    let depends = services[0].1["DependsOn"].to_string();
    for (id, _) in &targets {
        assert!(depends.contains(id.as_str()), "{depends}");
    }
}

/// The two discovery variants: A records in a private DNS namespace, and Service Connect with
/// the cluster's default namespace; each service scales on its own.
#[test]
fn frontend_and_backend_find_each_other_in_both_variants() {
    let assembly = frontend_backend_services::build()
        .unwrap()
        .synthesize()
        .unwrap();
    let cloudmap = assembly
        .stack("frontend-backend-cloudmap")
        .unwrap()
        .template_json();
    let connect = assembly
        .stack("frontend-backend-connect")
        .unwrap()
        .template_json();
    let records: Vec<_> = of_type(&cloudmap, "AWS::ServiceDiscovery::Service");
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0].1["Properties"]["DnsConfig"]["DnsRecords"][0]["Type"],
        "A"
    );
    let sc: Vec<Json> = of_type(&connect, "AWS::ECS::Service")
        .into_iter()
        .map(|(_, s)| s["Properties"]["ServiceConnectConfiguration"].clone())
        .collect();
    assert_eq!(sc.len(), 2);
    assert!(sc.iter().all(|c| c["Enabled"] == true));
    assert_eq!(
        sc.iter().filter(|c| c.get("Services").is_some()).count(),
        1,
        "one client-server, one client: {sc:?}"
    );
    for t in [&cloudmap, &connect] {
        assert_eq!(
            of_type(t, "AWS::ApplicationAutoScaling::ScalableTarget").len(),
            2
        );
        for (_, s) in of_type(t, "AWS::ECS::Service") {
            assert!(s["Properties"].get("DesiredCount").is_none(), "S16");
        }
    }
}
