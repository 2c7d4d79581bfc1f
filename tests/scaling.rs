//! ECS service auto scaling: the scalable target, target tracking (CPU, memory, ALB requests
//! per target with a typed resource label, rule S17), step scaling, scheduled actions, the
//! checks of their values, and rule S16 (no `DesiredCount` in the template once scaling is
//! attached), with cfn-lint over the result.

#![allow(clippy::unwrap_used)]

use ecs_dsl::cfn::elasticloadbalancingv2::{
    Listener, LoadBalancer, TargetGroup, listener, target_group,
};
use ecs_dsl::ecs::{
    AdjustmentType, AwsVpcNetwork, Cluster, ClusterRef, Ip, MetricAggregation, PortMapping,
    RateUnit, ResourceLabel, ScalableTarget, ScalingSchedule, ScalingStep, Schedule,
    ScheduledCapacity, Service, StepScaling, TargetGroupRef, TargetTracking, TaskDefinition,
};
use ecs_dsl::prelude::*;
use serde_json::{Value as Json, json};

type FargateService = Service<ecs_dsl::ecs::Fargate, ecs_dsl::ecs::AwsVpc>;

/// A Fargate web service `Web` (2 tasks) in cluster `Cluster` of stack `web`.
fn web_service(app: &mut App) -> (Stack, FargateService) {
    let (stack, _, service) = web_service_in_cluster(app);
    (stack, service)
}

fn web_service_in_cluster(app: &mut App) -> (Stack, Cluster, FargateService) {
    let stack = app.stack("web").unwrap();
    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let web = task
        .new_container("web", ecs_dsl::image!("nginx:1.27"))
        .port(80);
    let task = task.container(web).build().unwrap();
    let service = Service::replica(&stack, "Web", &cluster, &task)
        .desired_count(2)
        .network(
            AwsVpcNetwork::new(vec!["subnet-0a1b2c3d", "subnet-0e5f6a7b"])
                .security_group("sg-0123abcd"),
        )
        .build()
        .unwrap();
    (stack, cluster, service)
}

fn template(app: &App) -> Json {
    app.synthesize().unwrap().stacks[0].template_json()
}

fn props<'a>(t: &'a Json, id: &str) -> &'a Json {
    &t["Resources"][id]["Properties"]
}

#[test]
fn the_scalable_target_names_the_service_its_dimension_and_the_ecs_service_linked_role() {
    let mut app = App::new();
    let (_, service) = web_service(&mut app);
    let scaling = service.auto_scale(2, 10).unwrap();
    assert_eq!(scaling.logical_id(), "WebScalableTarget");
    let t = template(&app);
    let target = &t["Resources"]["WebScalableTarget"];
    assert_eq!(
        target["Type"],
        "AWS::ApplicationAutoScaling::ScalableTarget"
    );
    let p = &target["Properties"];
    assert_eq!(p["ServiceNamespace"], "ecs");
    assert_eq!(p["ScalableDimension"], "ecs:service:DesiredCount");
    assert_eq!(p["MinCapacity"], 2);
    assert_eq!(p["MaxCapacity"], 10);
    assert_eq!(
        p["ResourceId"],
        json!({"Fn::Join": ["/", ["service", {"Ref": "Cluster"}, {"Fn::GetAtt": ["Web", "Name"]}]]})
    );
    assert_eq!(
        p["RoleARN"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService"})
    );
    ecs_dsl_examples::assert_cfn_lint_clean("scaling-target", &app);
}

#[test]
fn an_existing_cluster_given_by_arn_is_named_by_its_name_in_the_resource_id() {
    let mut app = App::new();
    let stack = app.stack("web").unwrap();
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    let task = task.container(web).build().unwrap();
    let cluster = ClusterRef::from_name("arn:aws:ecs:eu-west-1:123456789012:cluster/production");
    let service = Service::replica(&stack, "Web", cluster, &task)
        .network(AwsVpcNetwork::new(vec!["subnet-0a1b2c3d"]))
        .build()
        .unwrap();
    ScalableTarget::new(&service, 1..=3).unwrap();
    let t = template(&app);
    assert_eq!(
        props(&t, "WebScalableTarget")["ResourceId"]["Fn::Join"][1][1],
        "production"
    );
}

/// Rule S16 (aws/aws-cdk#3919): with scaling the template leaves the task count to Application
/// Auto Scaling; without it the service keeps its `DesiredCount`.
#[test]
fn s16_the_service_has_no_desired_count_once_scaling_is_attached() {
    let mut app = App::new();
    let (_, service) = web_service(&mut app);
    let before = template(&app);
    assert_eq!(props(&before, "Web")["DesiredCount"], 2);

    service.auto_scale(2, 10).unwrap();
    let after = template(&app);
    assert!(
        props(&after, "Web").get("DesiredCount").is_none(),
        "DesiredCount pinned despite auto scaling: {}",
        props(&after, "Web")
    );
    // Nothing else of the service changed.
    let mut expected = props(&before, "Web").clone();
    expected.as_object_mut().unwrap().remove("DesiredCount");
    assert_eq!(props(&after, "Web"), &expected);
    ecs_dsl_examples::assert_cfn_lint_clean("scaling-s16", &app);
}

#[test]
fn s16_a_service_without_scaling_keeps_its_default_desired_count() {
    let mut app = App::new();
    let stack = app.stack("web").unwrap();
    let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
    let task = TaskDefinition::fargate(&stack, "Task", ecs_dsl::fargate!(cpu = 256, memory = 512));
    let web = task.new_container("web", ecs_dsl::image!("nginx:1.27"));
    let task = task.container(web).build().unwrap();
    let scaled = Service::replica(&stack, "Scaled", &cluster, &task)
        .network(AwsVpcNetwork::new(vec!["subnet-0a1b2c3d"]))
        .build()
        .unwrap();
    Service::replica(&stack, "Fixed", &cluster, &task)
        .network(AwsVpcNetwork::new(vec!["subnet-0a1b2c3d"]))
        .build()
        .unwrap();
    scaled.auto_scale(1, 3).unwrap();
    let t = template(&app);
    assert_eq!(props(&t, "Fixed")["DesiredCount"], 1);
    assert!(props(&t, "Scaled").get("DesiredCount").is_none());
}

#[test]
fn cpu_and_memory_target_tracking_policies() {
    let mut app = App::new();
    let (_, service) = web_service(&mut app);
    let scaling = service.auto_scale(2, 10).unwrap();
    scaling
        .scale_on_cpu(
            "WebCpuScaling",
            TargetTracking::new(60.0)
                .scale_in_cooldown_secs(300)
                .scale_out_cooldown_secs(60),
        )
        .unwrap();
    scaling
        .scale_on_memory(
            "WebMemoryScaling",
            TargetTracking::new(75.5).disable_scale_in(),
        )
        .unwrap();
    let t = template(&app);
    let cpu = props(&t, "WebCpuScaling");
    assert_eq!(
        t["Resources"]["WebCpuScaling"]["Type"],
        "AWS::ApplicationAutoScaling::ScalingPolicy"
    );
    assert_eq!(cpu["PolicyName"], "WebCpuScaling");
    assert_eq!(cpu["PolicyType"], "TargetTrackingScaling");
    assert_eq!(cpu["ScalingTargetId"], json!({"Ref": "WebScalableTarget"}));
    let c = &cpu["TargetTrackingScalingPolicyConfiguration"];
    assert_eq!(
        c["PredefinedMetricSpecification"]["PredefinedMetricType"],
        "ECSServiceAverageCPUUtilization"
    );
    assert_eq!(c["TargetValue"], 60.0);
    assert_eq!(c["ScaleInCooldown"], 300);
    assert_eq!(c["ScaleOutCooldown"], 60);
    assert!(c.get("DisableScaleIn").is_none());
    let m = &props(&t, "WebMemoryScaling")["TargetTrackingScalingPolicyConfiguration"];
    assert_eq!(
        m["PredefinedMetricSpecification"]["PredefinedMetricType"],
        "ECSServiceAverageMemoryUtilization"
    );
    assert_eq!(m["TargetValue"], 75.5);
    assert_eq!(m["DisableScaleIn"], true);
    ecs_dsl_examples::assert_cfn_lint_clean("scaling-cpu-memory", &app);
}

/// Rule S17: the request count policy takes a typed label joined from the load balancer's and
/// the target group's full names.
#[test]
fn s17_request_count_per_target_uses_a_label_from_the_load_balancer_and_target_group() {
    let mut app = App::new();
    let (stack, cluster, _) = web_service_in_cluster(&mut app);
    let lb = stack
        .add(
            "Lb",
            LoadBalancer::new().subnets(vec!["subnet-0a1b2c3d", "subnet-0e5f6a7b"]),
        )
        .unwrap();
    let tg = stack
        .add(
            "Tg",
            TargetGroup::new()
                .port(80)
                .protocol(target_group::TargetGroupProtocol::Http)
                .target_type(target_group::TargetGroupTargetType::Ip)
                .vpc_id("vpc-0123abcd"),
        )
        .unwrap();
    let listener = stack
        .add(
            "Listener",
            Listener::new(
                vec![
                    listener::Action::new(listener::ActionType::Forward)
                        .target_group_arn(tg.reference()),
                ],
                lb.reference(),
            )
            .port(80)
            .protocol(listener::ListenerProtocol::Http),
        )
        .unwrap();
    // A second service behind the target group, scaled on its requests.
    let task = TaskDefinition::fargate(
        &stack,
        "ApiTask",
        ecs_dsl::fargate!(cpu = 256, memory = 512),
    );
    let mut api = task.new_container("api", ecs_dsl::image!("nginx:1.27"));
    let http = api.expose(PortMapping::tcp(80));
    let task = task.container(api).build().unwrap();
    let api = Service::replica(&stack, "Api", &cluster, &task)
        .network(AwsVpcNetwork::new(vec![
            "subnet-0a1b2c3d",
            "subnet-0e5f6a7b",
        ]))
        .attach(&TargetGroupRef::<Ip>::from_arn(tg.reference()), &http)
        .build()
        .unwrap();
    api.handle().add_depends_on(&listener).unwrap();
    let scaling = api.auto_scale(1, 20).unwrap();
    scaling
        .scale_on_request_count(
            "ApiRequestScaling",
            TargetTracking::new(500.0),
            ResourceLabel::from_handles(&lb, &tg),
        )
        .unwrap();
    let t = template(&app);
    let spec = &props(&t, "ApiRequestScaling")["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"];
    assert_eq!(spec["PredefinedMetricType"], "ALBRequestCountPerTarget");
    assert_eq!(
        spec["ResourceLabel"],
        json!({"Fn::Join": ["/", [
            {"Fn::GetAtt": ["Lb", "LoadBalancerFullName"]},
            {"Fn::GetAtt": ["Tg", "TargetGroupFullName"]}
        ]]})
    );
    assert!(props(&t, "Api").get("DesiredCount").is_none());
    ecs_dsl_examples::assert_cfn_lint_clean("scaling-request-count", &app);
}

#[test]
fn s17_literal_full_names_are_joined_and_checked() {
    let mut app = App::new();
    let (_, service) = web_service(&mut app);
    let scaling = service.auto_scale(1, 4).unwrap();
    scaling
        .scale_on_request_count(
            "WebRequests",
            TargetTracking::new(1000.0),
            ResourceLabel::new(
                "app/web/50dc6c495c0c9188",
                "targetgroup/web/943f017f100becff",
            ),
        )
        .unwrap();
    let t = template(&app);
    assert_eq!(
        props(&t, "WebRequests")["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"]
            ["ResourceLabel"],
        "app/web/50dc6c495c0c9188/targetgroup/web/943f017f100becff"
    );
    // An ARN, a target group name in the load balancer's place, a missing id.
    for (lb, tg) in [
        (
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188",
            "targetgroup/web/943f017f100becff",
        ),
        (
            "targetgroup/web/943f017f100becff",
            "targetgroup/web/943f017f100becff",
        ),
        ("app/web/50dc6c495c0c9188", "targetgroup/web"),
    ] {
        let err = scaling
            .scale_on_request_count(
                "WebBadLabel",
                TargetTracking::new(10.0),
                ResourceLabel::new(lb, tg),
            )
            .unwrap_err()
            .to_string();
        assert!(err.contains("rule S17"), "{err}");
        assert!(err.contains("`WebBadLabel`"), "{err}");
        assert!(err.contains("ResourceLabel"), "{err}");
    }
    let err = scaling
        .scale_on_request_count(
            "WebZero",
            TargetTracking::new(0.0),
            ResourceLabel::new("app/web/1", "targetgroup/web/2"),
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("TargetValue"), "{err}");
}

#[test]
fn step_scaling_renders_its_steps_and_rejects_overlaps_and_gaps() {
    let mut app = App::new();
    let (_, service) = web_service(&mut app);
    let scaling = service.auto_scale(1, 10).unwrap();
    let policy = scaling
        .scale_on_steps(
            "WebStepOut",
            StepScaling::new(AdjustmentType::ChangeInCapacity)
                .step(ScalingStep::new(1).from(0.0).to(10.0))
                .step(ScalingStep::new(3).from(10.0))
                .cooldown_secs(120)
                .aggregation(MetricAggregation::Maximum),
        )
        .unwrap();
    scaling
        .scale_on_steps(
            "WebStepIn",
            StepScaling::new(AdjustmentType::PercentChangeInCapacity)
                .step(ScalingStep::new(-10).from(-20.0).to(0.0))
                .step(ScalingStep::new(-25).to(-20.0))
                .min_adjustment_magnitude(1),
        )
        .unwrap();
    assert_eq!(policy.logical_id(), "WebStepOut");
    let t = template(&app);
    let out = props(&t, "WebStepOut");
    assert_eq!(out["PolicyType"], "StepScaling");
    assert_eq!(out["ScalingTargetId"], json!({"Ref": "WebScalableTarget"}));
    assert_eq!(
        out["StepScalingPolicyConfiguration"],
        json!({
            "AdjustmentType": "ChangeInCapacity",
            "Cooldown": 120,
            "MetricAggregationType": "Maximum",
            "StepAdjustments": [
                {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 10, "ScalingAdjustment": 1},
                {"MetricIntervalLowerBound": 10, "ScalingAdjustment": 3}
            ]
        })
    );
    let inn = &props(&t, "WebStepIn")["StepScalingPolicyConfiguration"];
    assert_eq!(inn["AdjustmentType"], "PercentChangeInCapacity");
    assert_eq!(inn["MinAdjustmentMagnitude"], 1);
    ecs_dsl_examples::assert_cfn_lint_clean("scaling-steps", &app);

    let err =
        |id: &str, steps: StepScaling| scaling.scale_on_steps(id, steps).unwrap_err().to_string();
    let change = || StepScaling::new(AdjustmentType::ChangeInCapacity);
    let overlap = err(
        "WebOverlap",
        change()
            .step(ScalingStep::new(1).from(0.0).to(20.0))
            .step(ScalingStep::new(2).from(10.0)),
    );
    assert!(overlap.contains("`WebOverlap`"), "{overlap}");
    assert!(overlap.contains("StepAdjustments[1]"), "{overlap}");
    assert!(overlap.contains("overlaps"), "{overlap}");
    // Two open upper ends overlap too.
    let open = err(
        "WebOpen",
        change()
            .step(ScalingStep::new(1).from(0.0))
            .step(ScalingStep::new(2).from(5.0)),
    );
    assert!(open.contains("overlaps"), "{open}");
    let gap = err(
        "WebGap",
        change()
            .step(ScalingStep::new(1).from(0.0).to(10.0))
            .step(ScalingStep::new(2).from(20.0)),
    );
    assert!(gap.contains("gap"), "{gap}");
    let empty = err("WebEmpty", change());
    assert!(empty.contains("StepAdjustments"), "{empty}");
    let upside_down = err(
        "WebUpsideDown",
        change().step(ScalingStep::new(1).from(5.0).to(1.0)),
    );
    assert!(upside_down.contains("StepAdjustments[0]"), "{upside_down}");
    let nan = err("WebNan", change().step(ScalingStep::new(1).from(f64::NAN)));
    assert!(nan.contains("finite"), "{nan}");
    let magnitude = err(
        "WebMagnitude",
        change()
            .step(ScalingStep::new(1).from(0.0))
            .min_adjustment_magnitude(2),
    );
    assert!(magnitude.contains("MinAdjustmentMagnitude"), "{magnitude}");
    let negative = err(
        "WebNegative",
        StepScaling::new(AdjustmentType::ExactCapacity).step(ScalingStep::new(-1).from(0.0)),
    );
    assert!(negative.contains("ScalingAdjustment"), "{negative}");
}

#[test]
fn scheduled_actions_render_cron_rate_and_at_and_reject_bad_ones() {
    let mut app = App::new();
    let (_, service) = web_service(&mut app);
    let scaling = service.auto_scale(1, 10).unwrap();
    scaling
        .scale_on_schedule(
            "weekday-morning",
            Schedule::cron("0 8 ? * MON-FRI *"),
            ScheduledCapacity::new()
                .min_capacity(4)
                .timezone("Europe/Paris"),
        )
        .unwrap();
    scaling
        .scale_on_schedule(
            "every-night",
            Schedule::rate(1, RateUnit::Days),
            ScheduledCapacity::new().min_capacity(0).max_capacity(2),
        )
        .unwrap();
    scaling
        .scale_on_schedule(
            "launch",
            ScalingSchedule::at("2030-01-01T00:00:00"),
            ScheduledCapacity::new().max_capacity(20),
        )
        .unwrap();
    let t = template(&app);
    assert_eq!(
        props(&t, "WebScalableTarget")["ScheduledActions"],
        json!([
            {
                "Schedule": "cron(0 8 ? * MON-FRI *)",
                "ScheduledActionName": "weekday-morning",
                "ScalableTargetAction": {"MinCapacity": 4},
                "Timezone": "Europe/Paris"
            },
            {
                "Schedule": "rate(1 day)",
                "ScheduledActionName": "every-night",
                "ScalableTargetAction": {"MaxCapacity": 2, "MinCapacity": 0}
            },
            {
                "Schedule": "at(2030-01-01T00:00:00)",
                "ScheduledActionName": "launch",
                "ScalableTargetAction": {"MaxCapacity": 20}
            }
        ])
    );
    ecs_dsl_examples::assert_cfn_lint_clean("scaling-schedule", &app);

    let err = |name: &str, schedule: ScalingSchedule, capacity: ScheduledCapacity| {
        scaling
            .scale_on_schedule(name, schedule, capacity)
            .unwrap_err()
            .to_string()
    };
    let min1 = || ScheduledCapacity::new().min_capacity(1);
    let dup = err(
        "launch",
        Schedule::rate(5, RateUnit::Minutes).into(),
        min1(),
    );
    assert!(dup.contains("already exists"), "{dup}");
    assert!(dup.contains("`WebScalableTarget`"), "{dup}");
    let five_fields = err("five", Schedule::cron("0 8 * * *").into(), min1());
    assert!(
        five_fields.contains("ScheduledActions[five].Schedule"),
        "{five_fields}"
    );
    let both_days = err("both", Schedule::cron("0 8 * * MON *").into(), min1());
    assert!(both_days.contains('?'), "{both_days}");
    let zero_rate = err("zero", Schedule::rate(0, RateUnit::Hours).into(), min1());
    assert!(zero_rate.contains("a rate of 0"), "{zero_rate}");
    let bad_at = err("bad-at", ScalingSchedule::at("tomorrow"), min1());
    assert!(bad_at.contains("yyyy-mm-dd"), "{bad_at}");
    let nothing = err(
        "nothing",
        Schedule::rate(1, RateUnit::Hours).into(),
        ScheduledCapacity::new(),
    );
    assert!(nothing.contains("ScalableTargetAction"), "{nothing}");
    let inverted = err(
        "inverted",
        Schedule::rate(1, RateUnit::Hours).into(),
        ScheduledCapacity::new().min_capacity(5).max_capacity(2),
    );
    assert!(
        inverted.contains("MinCapacity 5 is above MaxCapacity 2"),
        "{inverted}"
    );
    let slash = err("a/b", Schedule::rate(1, RateUnit::Hours).into(), min1());
    assert!(slash.contains("ScheduledActionName"), "{slash}");
    // The failed attempts left the target's actions alone.
    let t = template(&app);
    assert_eq!(
        props(&t, "WebScalableTarget")["ScheduledActions"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn min_above_max_is_rejected_naming_the_field_and_values_and_leaves_the_service_alone() {
    let mut app = App::new();
    let (_, service) = web_service(&mut app);
    let err = service.auto_scale(5, 2).unwrap_err().to_string();
    assert!(err.contains("stack `web`"), "{err}");
    assert!(err.contains("`WebScalableTarget`"), "{err}");
    assert!(err.contains("MinCapacity"), "{err}");
    assert!(
        err.contains("MinCapacity 5 is above MaxCapacity 2"),
        "{err}"
    );
    // Nothing was added and the service still pins its count.
    let t = template(&app);
    assert!(t["Resources"].get("WebScalableTarget").is_none());
    assert_eq!(props(&t, "Web")["DesiredCount"], 2);
    // min == max is a fixed count, and valid.
    service.auto_scale(3, 3).unwrap();
}

#[test]
fn target_values_outside_1_to_100_percent_are_rejected_naming_the_field() {
    let mut app = App::new();
    let (_, service) = web_service(&mut app);
    let scaling = service.auto_scale(1, 4).unwrap();
    for bad in [0.0, 0.5, 100.5, 150.0, -1.0, f64::NAN, f64::INFINITY] {
        let err = scaling
            .scale_on_cpu("WebCpu", TargetTracking::new(bad))
            .unwrap_err()
            .to_string();
        assert!(err.contains("stack `web`"), "{err}");
        assert!(err.contains("`WebCpu`"), "{err}");
        assert!(
            err.contains("TargetTrackingScalingPolicyConfiguration.TargetValue"),
            "{err}"
        );
        let err = scaling
            .scale_on_memory("WebMemory", TargetTracking::new(bad))
            .unwrap_err()
            .to_string();
        assert!(err.contains("TargetValue"), "{err}");
    }
    // The bounds themselves are valid.
    scaling
        .scale_on_cpu("WebCpu", TargetTracking::new(1.0))
        .unwrap();
    scaling
        .scale_on_memory("WebMemory", TargetTracking::new(100.0))
        .unwrap();
}

/// A daemon service has no `auto_scale` (rule S1; ecs-dsl/tests/ui/s1_auto_scale_daemon.rs).
#[test]
fn a_service_scales_once() {
    let mut app = App::new();
    let (_, service) = web_service(&mut app);
    service.auto_scale(1, 2).unwrap();
    let twice = service.auto_scale(1, 2).unwrap_err().to_string();
    assert!(
        twice.contains("logical id `WebScalableTarget` is already used") && twice.contains("F3"),
        "{twice}"
    );
}
