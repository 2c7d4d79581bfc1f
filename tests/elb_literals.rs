//! The compile-time checked ELBv2 literals (rules L1 to L4: `target_group_name!`,
//! `load_balancer_name!`, `target_health!`, `deregistration_delay!`, `stickiness!`,
//! `slow_start!`) render the same properties as the run-time API they stand for, and the
//! run-time API keeps checking values from config when the group or load balancer is built.

#![allow(clippy::unwrap_used)]

use ecs_dsl::ec2::{Vpc, VpcProps};
use ecs_dsl::ecs::Ip;
use ecs_dsl::elb::{
    AlbProps, ApplicationLoadBalancer, HealthCheck, NetworkLoadBalancer, NlbProps, TargetGroup,
    TargetProtocol,
};
use ecs_dsl::prelude::*;
use serde_json::Value as Json;

/// Builds resources in a stack with a VPC.
type Build<'a> = &'a dyn Fn(&Stack, &Vpc) -> ecs_dsl::Result<()>;

/// The template of one stack built by `build`.
fn template(build: impl FnOnce(&Stack, &Vpc) -> ecs_dsl::Result<()>) -> Json {
    let mut app = App::new();
    let stack = app.stack("s").unwrap();
    let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
    build(&stack, &vpc).unwrap();
    app.synthesize().unwrap().stacks[0].template_json()
}

#[test]
fn macro_values_render_like_the_run_time_api() {
    let checked = template(|stack, vpc| {
        let http = |id| TargetGroup::<Ip>::builder(stack, id, vpc, 8080, TargetProtocol::Http);
        let tcp = |id| TargetGroup::<Ip>::builder(stack, id, vpc, 5432, TargetProtocol::Tcp);
        http("Web")
            .name(ecs_dsl::target_group_name!("web-8080"))
            .health_check(ecs_dsl::target_health!(
                http "/healthz",
                interval = 15,
                timeout = 5,
                healthy = 2,
                unhealthy = 3,
                matcher = "200-299",
            ))
            .deregistration_delay(ecs_dsl::deregistration_delay!(30))
            .stickiness(ecs_dsl::stickiness!(3600))
            .slow_start(ecs_dsl::slow_start!(60))
            .build()?;
        http("Defaults")
            .health_check(ecs_dsl::target_health!(http "/"))
            .build()?;
        tcp("Db")
            .health_check(ecs_dsl::target_health!(tcp, interval = 20, healthy = 3))
            .deregistration_delay(ecs_dsl::deregistration_delay!(0))
            .build()?;
        tcp("Status")
            .health_check(ecs_dsl::target_health!(http "/status", matcher = "200-599"))
            .build()?;
        ApplicationLoadBalancer::new(
            stack,
            "Alb",
            vpc,
            AlbProps::internal().name(ecs_dsl::load_balancer_name!("web-alb")),
        )?;
        NetworkLoadBalancer::new(
            stack,
            "Nlb",
            vpc,
            NlbProps::internal().name(ecs_dsl::load_balancer_name!("db-nlb")),
        )?;
        Ok(())
    });
    let run_time = template(|stack, vpc| {
        let http = |id| TargetGroup::<Ip>::builder(stack, id, vpc, 8080, TargetProtocol::Http);
        let tcp = |id| TargetGroup::<Ip>::builder(stack, id, vpc, 5432, TargetProtocol::Tcp);
        http("Web")
            .name(String::from("web-8080"))
            .health_check(
                HealthCheck::http("/healthz")
                    .interval_secs(15)
                    .timeout_secs(5)
                    .thresholds(2, 3)
                    .matcher("200-299"),
            )
            .deregistration_delay_secs(30)
            .stickiness_secs(3600)
            .slow_start_secs(60)
            .build()?;
        http("Defaults")
            .health_check(HealthCheck::http("/"))
            .build()?;
        tcp("Db")
            .health_check(HealthCheck::tcp().interval_secs(20).thresholds(3, 2))
            .deregistration_delay_secs(0)
            .build()?;
        tcp("Status")
            .health_check(HealthCheck::http("/status").matcher("200-599"))
            .build()?;
        ApplicationLoadBalancer::new(stack, "Alb", vpc, AlbProps::internal().name("web-alb"))?;
        NetworkLoadBalancer::new(stack, "Nlb", vpc, NlbProps::internal().name("db-nlb"))?;
        Ok(())
    });
    assert_eq!(checked, run_time);

    let r = &checked["Resources"];
    let web = &r["Web"]["Properties"];
    assert_eq!(web["Name"], "web-8080");
    assert_eq!(web["HealthCheckPath"], "/healthz");
    assert_eq!(web["HealthCheckIntervalSeconds"], 15);
    assert_eq!(web["HealthCheckTimeoutSeconds"], 5);
    assert_eq!(web["HealthyThresholdCount"], 2);
    assert_eq!(web["UnhealthyThresholdCount"], 3);
    assert_eq!(web["Matcher"]["HttpCode"], "200-299");
    let attributes: Vec<(&str, &str)> = web["TargetGroupAttributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["Key"].as_str().unwrap(), a["Value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        attributes,
        [
            ("deregistration_delay.timeout_seconds", "30"),
            ("stickiness.enabled", "true"),
            ("stickiness.type", "lb_cookie"),
            ("stickiness.lb_cookie.duration_seconds", "3600"),
            ("slow_start.duration_seconds", "60"),
        ]
    );
    let defaults = &r["Defaults"]["Properties"];
    assert_eq!(defaults["HealthCheckIntervalSeconds"], 30);
    assert_eq!(defaults["HealthCheckTimeoutSeconds"], 5);
    let db = &r["Db"]["Properties"];
    assert_eq!(db["HealthCheckProtocol"], "TCP");
    assert_eq!(db["HealthCheckIntervalSeconds"], 20);
    assert_eq!(db["HealthCheckTimeoutSeconds"], 10);
    assert_eq!(r["Status"]["Properties"]["HealthCheckProtocol"], "HTTP");
    assert_eq!(r["Alb"]["Properties"]["Name"], "web-alb");
    assert_eq!(r["Nlb"]["Properties"]["Name"], "db-nlb");
}

#[test]
fn macro_values_equal_the_run_time_values() {
    assert_eq!(
        ecs_dsl::target_health!(tcp, unhealthy = 4, timeout = 6, interval = 12),
        HealthCheck::tcp()
            .interval_secs(12)
            .timeout_secs(6)
            .thresholds(5, 4)
    );
    assert_eq!(ecs_dsl::target_health!(tcp), HealthCheck::tcp());
    assert_eq!(ecs_dsl::deregistration_delay!(3600).as_secs(), 3600);
    assert_eq!(ecs_dsl::stickiness!(604800).as_secs(), 604_800);
    assert_eq!(ecs_dsl::slow_start!(900).as_secs(), 900);
    assert_eq!(
        ecs_dsl::target_group_name!("internal-web").as_str(),
        "internal-web"
    );
    assert_eq!(
        String::from(ecs_dsl::load_balancer_name!("internal")),
        "internal"
    );
}

/// What a macro rejects at compile time, the run-time API rejects at synth with the same rule,
/// and what only the group knows (its protocol) is still checked at synth for macro values.
#[test]
fn run_time_values_are_still_checked_at_synth() {
    let err = |build: Build| {
        let mut app = App::new();
        let stack = app.stack("s").unwrap();
        let vpc = Vpc::create(&stack, "Vpc", VpcProps::default()).unwrap();
        build(&stack, &vpc).unwrap_err().to_string()
    };
    let http = |s: &Stack, v: &Vpc| TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Http);
    let tcp = |s: &Stack, v: &Vpc| TargetGroup::<Ip>::builder(s, "T", v, 80, TargetProtocol::Tcp);
    let cases: [(&str, Build); 9] = [
        ("L1", &|s, v| http(s, v).name("web_8080").build().map(drop)),
        ("L2", &|s, v| {
            ApplicationLoadBalancer::new(s, "A", v, AlbProps::internal().name("internal-web"))
                .map(drop)
        }),
        ("L2", &|s, v| {
            NetworkLoadBalancer::new(s, "N", v, NlbProps::internal().name("x".repeat(33))).map(drop)
        }),
        ("L3", &|s, v| {
            let check = HealthCheck::http("/").interval_secs(4).timeout_secs(2);
            http(s, v).health_check(check).build().map(drop)
        }),
        // `tcp, interval = 10` does not compile: the TCP default timeout is 10 s.
        ("L3", &|s, v| {
            let check = HealthCheck::tcp().interval_secs(10);
            tcp(s, v).health_check(check).build().map(drop)
        }),
        // Success codes above 499 compile (NLB groups take them) but not on an HTTP group.
        ("L3", &|s, v| {
            let check = ecs_dsl::target_health!(http "/", matcher = "200-599");
            http(s, v).health_check(check).build().map(drop)
        }),
        ("L4", &|s, v| {
            http(s, v).deregistration_delay_secs(3601).build().map(drop)
        }),
        ("L4", &|s, v| {
            http(s, v).slow_start_secs(29).build().map(drop)
        }),
        // Stickiness is for HTTP(S) groups, which only the group knows.
        ("L4", &|s, v| {
            tcp(s, v)
                .stickiness(ecs_dsl::stickiness!(60))
                .build()
                .map(drop)
        }),
    ];
    for (rule, build) in cases {
        let msg = err(build);
        assert!(msg.contains(&format!("rule {rule}")), "{rule}: {msg}");
    }
}
