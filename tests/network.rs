//! VPCs and security-group connections (issue [4/5] items 1-2): the created VPC's shape, the
//! rule resources placed in the later stack so that two stacks never depend on each other,
//! and cfn-lint over the result.

#![allow(clippy::unwrap_used)]

use ecs_dsl::ec2::{Port, SecurityGroup, Subnet, SubnetKind, Vpc, VpcProps};
use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
use ecs_dsl::prelude::*;
use serde_json::Value as Json;

fn resources_of_type<'a>(t: &'a Json, type_name: &str) -> Vec<&'a str> {
    t["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == type_name)
        .map(|(id, _)| id.as_str())
        .collect()
}

#[test]
fn created_vpcs_have_public_and_private_subnets_per_zone_and_the_nat_gateways_asked_for() {
    for (azs, nats) in [(2, 0), (2, 1), (3, 3)] {
        let mut app = App::new();
        let stack = app.stack("network").unwrap();
        let vpc = Vpc::create(
            &stack,
            "Vpc",
            VpcProps::default().max_azs(azs).nat_gateways(nats),
        )
        .unwrap();
        let t = app.synthesize().unwrap().stacks[0].template_json();
        assert_eq!(
            resources_of_type(&t, "AWS::EC2::Subnet").len(),
            2 * azs as usize
        );
        assert_eq!(
            resources_of_type(&t, "AWS::EC2::NatGateway").len(),
            nats as usize
        );
        assert_eq!(resources_of_type(&t, "AWS::EC2::InternetGateway").len(), 1);
        // Private subnets route through a NAT gateway only when there is one.
        let private_routes = resources_of_type(&t, "AWS::EC2::Route")
            .into_iter()
            .filter(|id| id.contains("Private"))
            .count();
        assert_eq!(private_routes, if nats == 0 { 0 } else { azs as usize });
        assert_eq!(
            t["Resources"]["VpcPublicSubnet1"]["Properties"]["MapPublicIpOnLaunch"],
            true
        );
        assert_eq!(
            vpc.subnets(SubnetKind::Private).unwrap().len(),
            azs as usize
        );
        ecs_dsl_examples::assert_cfn_lint_clean(&format!("vpc-{azs}az-{nats}nat"), &app);
    }
}

#[test]
fn bad_vpc_shapes_are_errors_naming_the_field() {
    let mut app = App::new();
    let stack = app.stack("network").unwrap();
    let err = |props: VpcProps| Vpc::create(&stack, "Vpc", props).unwrap_err().to_string();
    assert!(err(VpcProps::default().max_azs(4)).contains("azs"));
    assert!(err(VpcProps::default().nat_gateways(3)).contains("nat_gateways"));
    assert!(err(VpcProps::default().cidr("10.0.0.0/8")).contains("cidr"));
    assert!(err(VpcProps::default().cidr("10.0.0/16")).contains("cidr"));
}

/// The load balancer's group lives in `shared`, the service's in `web`: the ingress rule on
/// the tasks and the egress rule on the restricted load balancer group are both created in
/// `web`, which depends on `shared` only.
#[test]
fn rules_between_stacks_live_in_the_later_stack_and_make_no_cycle() {
    let mut app = App::new();
    let shared = app.stack("shared").unwrap();
    let vpc = Vpc::create(&shared, "Vpc", VpcProps::default().nat_gateways(1)).unwrap();
    let lb_sg =
        SecurityGroup::new_restricted(&shared, "LbSg", &vpc, "Shared load balancer").unwrap();
    lb_sg
        .allow_from_cidr("0.0.0.0/0", Port::tcp(443), "HTTPS from anywhere")
        .unwrap();

    let web = app.stack("web").unwrap();
    let tasks_sg = SecurityGroup::new(&web, "TasksSg", &vpc, "Web tasks").unwrap();
    tasks_sg
        .allow_from(
            &lb_sg,
            Port::tcp(8080),
            "HTTP from the shared load balancer",
        )
        .unwrap();
    let cluster = Cluster::builder(&web, "Cluster").build().unwrap();
    let task = TaskDefinition::fargate(&web, "App", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let c = task
        .new_container("app", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
        .port(8080)
        .log_to_cloudwatch();
    let task = task.container(c).build().unwrap();
    Service::replica(&web, "Web", &cluster, &task)
        .desired_count(2)
        .network(AwsVpcNetwork::in_vpc(&vpc, SubnetKind::Private).security_group(&tasks_sg))
        .build()
        .unwrap();

    let assembly = app.synthesize().unwrap();
    assert!(assembly.stack("shared").unwrap().dependencies.is_empty());
    assert_eq!(assembly.stack("web").unwrap().dependencies, ["shared"]);
    let t = assembly.stack("web").unwrap().template_json();
    let ingress = &t["Resources"]["TasksSgFromLbSgTcp8080"];
    assert_eq!(ingress["Type"], "AWS::EC2::SecurityGroupIngress");
    assert_eq!(ingress["Properties"]["FromPort"], 8080);
    assert_eq!(
        ingress["Properties"]["SourceSecurityGroupId"]["Fn::ImportValue"],
        "shared:LbSg:GroupId"
    );
    let egress = &t["Resources"]["LbSgToTasksSgTcp8080"];
    assert_eq!(egress["Type"], "AWS::EC2::SecurityGroupEgress");
    assert_eq!(
        egress["Properties"]["Description"],
        "HTTP from the shared load balancer"
    );
    // No inbound rule on a new group unless asked for; every rule described.
    let s = assembly.stack("shared").unwrap().template_json();
    assert!(
        s["Resources"]["LbSg"]["Properties"]
            .get("SecurityGroupIngress")
            .is_none()
    );
    for template in [&t, &s] {
        for kind in [
            "AWS::EC2::SecurityGroupIngress",
            "AWS::EC2::SecurityGroupEgress",
        ] {
            for id in resources_of_type(template, kind) {
                assert!(
                    template["Resources"][id]["Properties"]["Description"].is_string(),
                    "{id}"
                );
            }
        }
    }
    ecs_dsl_examples::assert_cfn_lint_clean("sg-across-stacks", &app);
}

#[test]
fn rules_need_a_description_and_a_defined_group() {
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::from_attributes("vpc-1", "10.0.0.0/16")
        .private_subnets([Subnet::new("subnet-a", "eu-west-1a")]);
    let a = SecurityGroup::new(&stack, "A", &vpc, "a").unwrap();
    let b = SecurityGroup::from_id("sg-0123", true);
    assert!(
        a.allow_from(&b, Port::tcp(80), " ")
            .unwrap_err()
            .to_string()
            .contains("description")
    );
    let c = SecurityGroup::from_id("sg-0456", true);
    assert!(b.allow_from(&c, Port::tcp(80), "x").is_err());
    a.allow_from(&b, Port::all_traffic(), "everything from b")
        .unwrap();
    let t = app.synthesize().unwrap().stacks[0].template_json();
    let rule = &t["Resources"]["AFromsg0123All"]["Properties"];
    assert_eq!(rule["IpProtocol"], "-1");
    assert!(rule.get("FromPort").is_none());
    assert!(SecurityGroup::new(&stack, "D", &vpc, "").is_err());
}
