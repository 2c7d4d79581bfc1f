//! The template model's rules, through the public API: logical ids (F3), stack names (F5),
//! cross-stack references and cycles (F9), limits (F1, F2), tags (T26), escape hatches.

#![allow(clippy::unwrap_used)]

use ecs_dsl::prelude::*;
use ecs_dsl::template::{INLINE_TEMPLATE_LIMIT, Json};
use serde_json::json;

fn topic(stack: &Stack, id: &str) -> Handle<ecs_dsl::template::RawResource> {
    stack
        .add_raw(id, "AWS::SNS::Topic", Json::Object(vec![]))
        .expect("valid id")
}

fn manifest(assembly: &Assembly) -> serde_json::Value {
    serde_json::from_str(assembly.manifest()).expect("manifest is JSON")
}

#[test]
fn duplicate_logical_id_is_rejected_naming_stack_and_both_owners() {
    let mut app = App::new();
    let stack = app.stack("web").unwrap();
    topic(&stack, "Alerts");
    let err = stack
        .add_owned(
            "Alerts",
            ecs_dsl::template::RawResource {
                type_name: "AWS::SQS::Queue".into(),
                properties: Json::Object(vec![]),
            },
            "construct `Worker`",
        )
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::DuplicateLogicalId { .. }), "{msg}");
    for part in [
        "`web`",
        "`Alerts`",
        "AWS::SNS::Topic",
        "AWS::SQS::Queue",
        "construct `Worker`",
        "rule F3",
    ] {
        assert!(msg.contains(part), "missing {part}: {msg}");
    }
}

#[test]
fn parameters_and_resources_share_the_ref_namespace() {
    let mut app = App::new();
    let stack = app.stack("web").unwrap();
    stack.add_parameter("Env", Parameter::string()).unwrap();
    let err = stack
        .add_raw("Env", "AWS::SNS::Topic", Json::Object(vec![]))
        .unwrap_err();
    assert!(err.to_string().contains("parameter (String)"), "{err}");
    // Outputs and conditions have their own namespaces.
    stack.add_output("Env", Output::new("x")).unwrap();
    stack
        .add_condition("Env", Condition::equals("a", "a"))
        .unwrap();
}

#[test]
fn invalid_logical_ids_are_rejected() {
    let mut app = App::new();
    let stack = app.stack("web").unwrap();
    for bad in [
        "",
        "web-service",
        "web_service",
        "Ünïcode",
        &"A".repeat(256),
    ] {
        let err = stack
            .add_raw(bad, "AWS::SNS::Topic", Json::Object(vec![]))
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidLogicalId { .. }),
            "{bad}: {err}"
        );
        assert!(err.to_string().contains("rule F3") && err.to_string().contains("`web`"));
    }
    for good in ["A", "Web2", &"A".repeat(255)] {
        assert!(
            stack
                .add_raw(good, "AWS::SNS::Topic", Json::Object(vec![]))
                .is_ok(),
            "{good}"
        );
    }
    assert!(stack.add_parameter("Bad-Id", Parameter::string()).is_err());
    assert!(stack.add_output("Bad Id", Output::new("x")).is_err());
}

#[test]
fn invalid_and_duplicate_stack_names_are_rejected() {
    let mut app = App::new();
    app.stack("web").unwrap();
    assert!(matches!(
        app.stack("web"),
        Err(Error::DuplicateStack { .. })
    ));
    for bad in ["", "9lives", "a_b", &format!("a{}", "b".repeat(128))] {
        let err = app.stack(bad).unwrap_err();
        assert!(err.to_string().contains("rule F5"), "{bad}: {err}");
    }
}

#[test]
fn a_handle_used_in_another_stack_becomes_export_and_import() {
    let mut app = App::new();
    let net = app.stack("network").unwrap();
    let web = app.stack("web").unwrap();
    let t = topic(&net, "Alerts");
    web.add_raw(
        "Sub",
        "AWS::SNS::Subscription",
        Json::object([
            ("TopicArn", t.reference().into()),
            ("Endpoint", t.get_att::<String>("TopicName").into()),
        ]),
    )
    .unwrap();
    let assembly = app.synthesize().unwrap();
    let net_t = assembly.stack("network").unwrap().template_json();
    let web_t = assembly.stack("web").unwrap().template_json();
    assert_eq!(
        net_t["Outputs"]["ExportAlertsRef"],
        json!({"Value": {"Ref": "Alerts"}, "Export": {"Name": "network:Alerts"}})
    );
    assert_eq!(
        net_t["Outputs"]["ExportAlertsTopicName"],
        json!({"Value": {"Fn::GetAtt": ["Alerts", "TopicName"]}, "Export": {"Name": "network:Alerts:TopicName"}})
    );
    assert_eq!(
        web_t["Resources"]["Sub"]["Properties"]["TopicArn"],
        json!({"Fn::ImportValue": "network:Alerts"})
    );
    assert_eq!(
        web_t["Resources"]["Sub"]["Properties"]["Endpoint"],
        json!({"Fn::ImportValue": "network:Alerts:TopicName"})
    );
    let web_s = assembly.stack("web").unwrap();
    assert_eq!(web_s.dependencies, vec!["network"]);
    assert_eq!(
        web_s.imports,
        vec!["network:Alerts", "network:Alerts:TopicName"]
    );
    let m = manifest(&assembly);
    assert_eq!(m["stacks"][1]["dependencies"], json!(["network"]));
    assert_eq!(
        m["stacks"][0]["outputs"]["ExportAlertsRef"]["exportName"],
        "network:Alerts"
    );
}

#[test]
fn same_stack_references_are_ref_and_getatt() {
    let mut app = App::new();
    let s = app.stack("one").unwrap();
    let t = topic(&s, "Alerts");
    s.add_output("Arn", Output::new(t.reference())).unwrap();
    s.add_output("Name", Output::new(t.get_att::<String>("TopicName")))
        .unwrap();
    let tpl = app.synthesize().unwrap().stacks[0].template_json();
    assert_eq!(tpl["Outputs"]["Arn"]["Value"], json!({"Ref": "Alerts"}));
    assert_eq!(
        tpl["Outputs"]["Name"]["Value"],
        json!({"Fn::GetAtt": ["Alerts", "TopicName"]})
    );
}

#[test]
fn stacks_come_out_in_dependency_order() {
    let mut app = App::new();
    let web = app.stack("web").unwrap();
    let db = app.stack("db").unwrap();
    let net = app.stack("net").unwrap();
    let n = topic(&net, "N");
    let d = topic(&db, "D");
    db.add_output("X", Output::new(n.reference())).unwrap();
    web.add_output("Y", Output::new(d.reference())).unwrap();
    let names: Vec<_> = app
        .synthesize()
        .unwrap()
        .stacks
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(names, ["net", "db", "web"]);
}

#[test]
fn a_cycle_between_stacks_is_rejected_naming_stacks_and_values() {
    let mut app = App::new();
    let a = app.stack("alpha").unwrap();
    let b = app.stack("beta").unwrap();
    let ta = topic(&a, "TopicA");
    let tb = topic(&b, "TopicB");
    a.add_output("UsesB", Output::new(tb.reference())).unwrap();
    b.add_output("UsesA", Output::new(ta.reference())).unwrap();
    let err = app.synthesize().unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::DependencyCycle { .. }));
    for part in [
        "`alpha`", "`beta`", "TopicA", "TopicB", "UsesA", "UsesB", "rule F9",
    ] {
        assert!(msg.contains(part), "missing {part}: {msg}");
    }
}

#[test]
fn a_declared_dependency_can_close_a_cycle_too() {
    let mut app = App::new();
    let a = app.stack("alpha").unwrap();
    let b = app.stack("beta").unwrap().depends_on(&a);
    let tb = topic(&b, "TopicB");
    a.add_output("UsesB", Output::new(tb.reference())).unwrap();
    let msg = app.synthesize().unwrap_err().to_string();
    assert!(
        msg.contains("declared to depend on") && msg.contains("UsesB"),
        "{msg}"
    );
}

#[test]
fn depends_on_across_stacks_becomes_a_stack_dependency() {
    let mut app = App::new();
    let a = app.stack("alpha").unwrap();
    let b = app.stack("beta").unwrap();
    let ta = topic(&a, "TopicA");
    let tb = topic(&b, "TopicB");
    let tb2 = topic(&b, "TopicB2");
    tb.add_depends_on(&ta).unwrap();
    tb.add_depends_on(&tb2).unwrap();
    let assembly = app.synthesize().unwrap();
    let beta = assembly.stack("beta").unwrap();
    assert_eq!(beta.dependencies, vec!["alpha"]);
    assert_eq!(
        beta.template_json()["Resources"]["TopicB"]["DependsOn"],
        json!(["TopicB2"])
    );
}

#[test]
fn references_into_another_app_are_rejected() {
    let mut other = App::new();
    let foreign = topic(&other.stack("elsewhere").unwrap(), "Far");
    let mut app = App::new();
    let s = app.stack("here").unwrap();
    s.add_raw(
        "Sub",
        "AWS::SNS::Subscription",
        Json::object([("TopicArn", foreign.reference().into())]),
    )
    .unwrap();
    let err = app.synthesize().unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::ForeignReference { .. }));
    assert!(
        msg.contains("`here`")
            && msg.contains("Sub")
            && msg.contains("Properties.TopicArn")
            && msg.contains("Far"),
        "{msg}"
    );
}

#[test]
fn references_between_regions_are_rejected() {
    let mut app = App::new();
    let a = app.stack("east").unwrap();
    a.set_environment(Environment::new("123456789012", "us-east-1"));
    let b = app.stack("west").unwrap();
    b.set_environment(Environment::new("123456789012", "us-west-2"));
    let t = topic(&a, "T");
    b.add_output("X", Output::new(t.reference())).unwrap();
    let msg = app.synthesize().unwrap_err().to_string();
    assert!(
        msg.contains("us-east-1") && msg.contains("us-west-2") && msg.contains("`west`"),
        "{msg}"
    );
}

#[test]
fn conditions_cannot_cross_stacks() {
    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let b = app.stack("b").unwrap();
    let c = a
        .add_condition(
            "IsProd",
            Condition::equals(intrinsic::region(), "us-east-1"),
        )
        .unwrap();
    b.add_output(
        "X",
        Output::new(intrinsic::if_(&c, Value::from("1".to_owned()), "2".into())),
    )
    .unwrap();
    let msg = app.synthesize().unwrap_err().to_string();
    assert!(
        msg.contains("IsProd") && msg.contains("cannot cross stacks"),
        "{msg}"
    );
}

#[test]
fn more_than_500_resources_is_rejected() {
    let mut app = App::new();
    let s = app.stack("big").unwrap();
    for i in 0..500 {
        topic(&s, &format!("T{i}"));
    }
    assert!(app.synthesize().is_ok());
    topic(&s, "OneTooMany");
    let err = app.synthesize().unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooMany {
                what: "resources",
                count: 501,
                limit: 500,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("rule F2") && err.to_string().contains("`big`"));
}

#[test]
fn exports_count_towards_the_output_limit() {
    let mut app = App::new();
    let p = app.stack("producer").unwrap();
    let c = app.stack("consumer").unwrap();
    for i in 0..201 {
        let t = topic(&p, &format!("T{i}"));
        c.add_raw(
            &format!("S{i}"),
            "AWS::SNS::Subscription",
            Json::object([("TopicArn", t.reference().into())]),
        )
        .unwrap();
    }
    let err = app.synthesize().unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooMany {
                what: "outputs",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn more_than_200_parameters_is_rejected() {
    let mut app = App::new();
    let s = app.stack("p").unwrap();
    for i in 0..201 {
        s.add_parameter(&format!("P{i}"), Parameter::string())
            .unwrap();
    }
    assert!(matches!(
        app.synthesize(),
        Err(Error::TooMany {
            what: "parameters",
            ..
        })
    ));
}

#[test]
fn a_template_over_51200_bytes_is_flagged_for_s3_and_over_1mb_rejected() {
    let mut app = App::new();
    let s = app.stack("large").unwrap();
    let small = app.stack("small").unwrap();
    topic(&small, "T");
    for i in 0..60 {
        s.add_raw(
            &format!("P{i}"),
            "AWS::SSM::Parameter",
            Json::object([
                ("Type", "String".into()),
                ("Value", "x".repeat(1000).into()),
            ]),
        )
        .unwrap();
    }
    let assembly = app.synthesize().unwrap();
    let large = assembly.stack("large").unwrap();
    assert!(large.bytes > INLINE_TEMPLATE_LIMIT && large.needs_s3_upload);
    assert!(!assembly.stack("small").unwrap().needs_s3_upload);
    let m = manifest(&assembly);
    assert_eq!(m["stacks"][0]["needsS3Upload"], json!(true));
    assert_eq!(m["stacks"][0]["templateBytes"], json!(large.bytes));
    assert_eq!(m["stacks"][1]["needsS3Upload"], json!(false));
    assert!(assembly.summary().contains("S3 upload"));

    for i in 0..20 {
        s.add_raw(
            &format!("Q{i}"),
            "AWS::SSM::Parameter",
            Json::object([
                ("Type", "String".into()),
                ("Value", "x".repeat(50_000).into()),
            ]),
        )
        .unwrap();
    }
    let err = app.synthesize().unwrap_err();
    assert!(
        matches!(err, Error::TemplateTooLarge { .. }) && err.to_string().contains("rule F1"),
        "{err}"
    );
}

#[test]
fn tags_follow_t26() {
    let mut app = App::new();
    let s = app.stack("t").unwrap();
    s.add_tag("aws:owner", "me");
    let err = app.synthesize().unwrap_err().to_string();
    assert!(err.contains("rule T26") && err.contains("aws:"), "{err}");

    let mut app = App::new();
    let s = app.stack("t").unwrap();
    s.add_tag("team", "x".repeat(257));
    assert!(app.synthesize().unwrap_err().to_string().contains("256"));

    let mut app = App::new();
    let s = app.stack("t").unwrap();
    s.add_tag("team", "platform").add_tag("cost-center", "42");
    let m = manifest(&app.synthesize().unwrap());
    assert_eq!(
        m["stacks"][0]["tags"],
        json!({"team": "platform", "cost-center": "42"})
    );
}

#[test]
fn overrides_and_raw_resources_show_in_the_output_and_the_manifest() {
    let mut app = App::new();
    let s = app.stack("o").unwrap();
    let t = topic(&s, "T");
    t.add_override("Properties.FifoTopic", true).unwrap();
    t.add_override(
        "Properties.Tags",
        Json::Array(vec![Json::object([
            ("Key", "a".into()),
            ("Value", "b".into()),
        ])]),
    )
    .unwrap();
    t.add_deletion_override("Properties.Tags").unwrap();
    t.set_removal_policy(RemovalPolicy::Retain).unwrap();
    t.set_metadata(Json::object([("Note", "kept".into())]))
        .unwrap();
    let assembly = app.synthesize().unwrap();
    let tpl = assembly.stacks[0].template_json();
    assert_eq!(
        tpl["Resources"]["T"],
        json!({"Type": "AWS::SNS::Topic", "Properties": {"FifoTopic": true}, "Metadata": {"Note": "kept"},
               "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"})
    );
    let m = manifest(&assembly);
    assert_eq!(
        m["stacks"][0]["escapeHatches"],
        json!({"rawResources": ["T"], "overriddenResources": ["T"]})
    );
    assert_eq!(
        m["stacks"][0]["resources"]["T"]["overrides"],
        json!(["Properties.FifoTopic", "Properties.Tags", "Properties.Tags"])
    );

    t.add_override("Properties.FifoTopic.Deep", 1).unwrap();
    let err = app.synthesize().unwrap_err();
    assert!(matches!(err, Error::InvalidOverride { .. }), "{err}");
}

#[test]
fn parameters_render_with_their_cloudformation_types() {
    let mut app = App::new();
    let s = app.stack("p").unwrap();
    let vpc = s.add_parameter("Vpc", Parameter::vpc_id()).unwrap();
    let subnets = s
        .add_parameter(
            "Subnets",
            Parameter::subnet_ids().default(["subnet-1", "subnet-2"]),
        )
        .unwrap();
    s.add_parameter(
        "Count",
        Parameter::number().default(2).min_value(1).max_value(10),
    )
    .unwrap();
    s.add_parameter(
        "Ami",
        Parameter::ssm_aws(AwsType::ImageId)
            .default("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"),
    )
    .unwrap();
    s.add_parameter(
        "Secret",
        Parameter::string()
            .no_echo()
            .allowed_pattern("^[a-z]+$")
            .min_length(3),
    )
    .unwrap();
    s.add_parameter("Names", Parameter::comma_delimited_list())
        .unwrap();
    s.add_output("V", Output::new(vpc.value())).unwrap();
    s.add_output("First", Output::new(intrinsic::select(0, subnets.value())))
        .unwrap();
    let assembly = app.synthesize().unwrap();
    let tpl = assembly.stacks[0].template_json();
    assert_eq!(
        tpl["Parameters"]["Vpc"],
        json!({"Type": "AWS::EC2::VPC::Id"})
    );
    assert_eq!(
        tpl["Parameters"]["Subnets"],
        json!({"Type": "List<AWS::EC2::Subnet::Id>", "Default": "subnet-1,subnet-2"})
    );
    assert_eq!(
        tpl["Parameters"]["Count"],
        json!({"Type": "Number", "Default": 2, "MinValue": 1, "MaxValue": 10})
    );
    assert_eq!(
        tpl["Parameters"]["Ami"]["Type"],
        "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"
    );
    assert_eq!(
        tpl["Parameters"]["Secret"],
        json!({"Type": "String", "AllowedPattern": "^[a-z]+$", "MinLength": 3, "NoEcho": true})
    );
    assert_eq!(
        tpl["Parameters"]["Names"],
        json!({"Type": "CommaDelimitedList"})
    );
    assert_eq!(
        tpl["Outputs"]["First"]["Value"],
        json!({"Fn::Select": [0, {"Ref": "Subnets"}]})
    );
    let m = manifest(&assembly);
    assert_eq!(
        m["stacks"][0]["parameters"]["Secret"],
        json!({"type": "String", "noEcho": true})
    );
}

#[test]
fn a_parameter_used_in_another_stack_is_exported() {
    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let b = app.stack("b").unwrap();
    let vpc = a.add_parameter("Vpc", Parameter::vpc_id()).unwrap();
    b.add_output("V", Output::new(vpc.value())).unwrap();
    let assembly = app.synthesize().unwrap();
    assert_eq!(
        assembly.stack("a").unwrap().template_json()["Outputs"]["ExportVpcRef"]["Value"],
        json!({"Ref": "Vpc"})
    );
    assert_eq!(
        assembly.stack("b").unwrap().template_json()["Outputs"]["V"]["Value"],
        json!({"Fn::ImportValue": "a:Vpc"})
    );
}

#[test]
fn conditions_and_intrinsics_render() {
    let mut app = App::new();
    let s = app.stack("c").unwrap();
    let env = s
        .add_parameter("Env", Parameter::string().allowed_values(["prod", "dev"]))
        .unwrap();
    let prod = s
        .add_condition("IsProd", Condition::equals(env.value(), "prod"))
        .unwrap();
    s.add_condition("NotProd", Condition::not(Condition::of(&prod)))
        .unwrap();
    let t = topic(&s, "T");
    t.set_condition(&prod).unwrap();
    s.add_output(
        "Count",
        Output::new(intrinsic::if_(&prod, 4.into(), Value::<i64>::from(1))).condition(&prod),
    )
    .unwrap();
    s.add_output(
        "Az",
        Output::new(intrinsic::select(0, intrinsic::get_azs())),
    )
    .unwrap();
    s.add_output(
        "Url",
        Output::new(intrinsic::sub_with(
            "https://${H}",
            [("H", t.get_att::<String>("TopicName"))],
        )),
    )
    .unwrap();
    s.add_output(
        "Joined",
        Output::new(intrinsic::join(
            ":",
            [
                intrinsic::partition(),
                intrinsic::account_id(),
                intrinsic::url_suffix(),
            ],
        )),
    )
    .unwrap();
    let tpl = app.synthesize().unwrap().stacks[0].template_json();
    assert_eq!(
        tpl["Conditions"]["IsProd"],
        json!({"Fn::Equals": [{"Ref": "Env"}, "prod"]})
    );
    assert_eq!(
        tpl["Conditions"]["NotProd"],
        json!({"Fn::Not": [{"Condition": "IsProd"}]})
    );
    assert_eq!(tpl["Resources"]["T"]["Condition"], "IsProd");
    assert_eq!(
        tpl["Outputs"]["Count"],
        json!({"Condition": "IsProd", "Value": {"Fn::If": ["IsProd", 4, 1]}})
    );
    assert_eq!(
        tpl["Outputs"]["Az"]["Value"],
        json!({"Fn::Select": [0, {"Fn::GetAZs": ""}]})
    );
    assert_eq!(
        tpl["Outputs"]["Url"]["Value"],
        json!({"Fn::Sub": ["https://${H}", {"H": {"Fn::GetAtt": ["T", "TopicName"]}}]})
    );
    assert_eq!(
        tpl["Outputs"]["Joined"]["Value"],
        json!({"Fn::Join": [":", [{"Ref": "AWS::Partition"}, {"Ref": "AWS::AccountId"}, {"Ref": "AWS::URLSuffix"}]]})
    );
}

#[test]
fn non_finite_numbers_are_errors_naming_the_field() {
    let mut app = App::new();
    let s = app.stack("n").unwrap();
    s.add_raw(
        "T",
        "AWS::X::Y",
        Json::object([("Ratio", Json::Float(f64::NAN))]),
    )
    .unwrap();
    let msg = app.synthesize().unwrap_err().to_string();
    assert!(
        msg.contains("`T`") && msg.contains("Properties.Ratio"),
        "{msg}"
    );
}

#[test]
fn synthesis_is_byte_identical_across_runs() {
    let build = || {
        let mut app = App::new();
        let a = app.stack("a").unwrap();
        let b = app.stack("b").unwrap();
        for i in 0..20 {
            let t = topic(&a, &format!("T{i}"));
            b.add_output(&format!("O{i}"), Output::new(t.reference()))
                .unwrap();
        }
        app.synthesize().unwrap()
    };
    let (x, y) = (build(), build());
    assert_eq!(x, y);
    assert_eq!(x.manifest(), y.manifest());
}

#[test]
fn writing_the_assembly_creates_files_and_removes_stale_templates() {
    let dir = std::env::temp_dir().join(format!("ecs-dsl-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut app = App::new();
    app.stack("one").unwrap();
    app.stack("two").unwrap();
    app.synth(&dir).unwrap();
    assert!(dir.join("one.template.json").is_file() && dir.join("manifest.json").is_file());
    let mut app = App::new();
    app.stack("one").unwrap();
    app.synth(&dir).unwrap();
    assert!(!dir.join("two.template.json").exists());
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    app.synth(&dir).unwrap();
    assert!(dir.join("notes.txt").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn update_changes_a_resource_after_it_was_added() {
    let mut app = App::new();
    let s = app.stack("u").unwrap();
    let t = topic(&s, "T");
    t.update(|r| r.properties.insert("DisplayName", "Alerts".into()))
        .unwrap();
    // The stack stays usable inside an update.
    t.update(|_| topic(&s, "Inner")).unwrap();
    let tpl = app.synthesize().unwrap().stacks[0].template_json();
    assert_eq!(tpl["Resources"]["T"]["Properties"]["DisplayName"], "Alerts");
    assert!(tpl["Resources"]["Inner"].is_object());
}

#[test]
fn generated_export_ids_never_collide_silently() {
    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let b = app.stack("b").unwrap();
    // `Export` + `T` + `ARef` (attribute "ARef") and `Export` + `TA` + `Ref` are the same id.
    let t = topic(&a, "T");
    let ta = topic(&a, "TA");
    b.add_output("X", Output::new(t.get_att::<String>("ARef")))
        .unwrap();
    b.add_output("Y", Output::new(ta.reference())).unwrap();
    let err = app.synthesize().unwrap_err();
    assert!(matches!(err, Error::DuplicateLogicalId { .. }), "{err}");
    assert!(err.to_string().contains("ExportTARef"), "{err}");

    // A user output that takes a generated id is rejected the same way.
    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let b = app.stack("b").unwrap();
    let t = topic(&a, "T");
    a.add_output("ExportTRef", Output::new("mine")).unwrap();
    b.add_output("Y", Output::new(t.reference())).unwrap();
    assert!(matches!(
        app.synthesize(),
        Err(Error::DuplicateLogicalId { .. })
    ));
}

#[test]
fn a_list_crosses_stacks_joined_and_split() {
    let mut app = App::new();
    let net = app.stack("net").unwrap();
    let web = app.stack("web").unwrap();
    let subnets = net
        .add_parameter("Subnets", Parameter::subnet_ids())
        .unwrap();
    let lb = topic(&net, "Lb");
    web.add_raw(
        "Use",
        "AWS::X::Y",
        Json::object([
            ("Subnets", subnets.value().into()),
            (
                "Arns",
                lb.get_att::<List<String>>("LoadBalancerArns").into(),
            ),
        ]),
    )
    .unwrap();
    let assembly = app.synthesize().unwrap();
    let net_t = assembly.stack("net").unwrap().template_json();
    assert_eq!(
        net_t["Outputs"]["ExportSubnetsRef"]["Value"],
        json!({"Fn::Join": [",", {"Ref": "Subnets"}]})
    );
    assert_eq!(
        net_t["Outputs"]["ExportLbLoadBalancerArns"]["Value"],
        json!({"Fn::Join": [",", {"Fn::GetAtt": ["Lb", "LoadBalancerArns"]}]})
    );
    let props = &assembly.stack("web").unwrap().template_json()["Resources"]["Use"]["Properties"];
    assert_eq!(
        props["Subnets"],
        json!({"Fn::Split": [",", {"Fn::ImportValue": "net:Subnets"}]})
    );
    assert_eq!(
        props["Arns"],
        json!({"Fn::Split": [",", {"Fn::ImportValue": "net:Lb:LoadBalancerArns"}]})
    );
}

#[test]
fn conditions_may_only_use_parameters_of_their_own_stack() {
    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let t = topic(&a, "T");
    a.add_condition("UsesResource", Condition::equals(t.reference(), "x"))
        .unwrap();
    let msg = app.synthesize().unwrap_err().to_string();
    assert!(
        msg.contains("UsesResource") && msg.contains("only use parameters"),
        "{msg}"
    );

    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let b = app.stack("b").unwrap();
    let env = a.add_parameter("Env", Parameter::string()).unwrap();
    b.add_condition("IsProd", Condition::equals(env.value(), "prod"))
        .unwrap();
    let msg = app.synthesize().unwrap_err().to_string();
    assert!(msg.contains("`b`") && msg.contains("IsProd"), "{msg}");
}

#[test]
fn condition_combinators_take_two_to_ten_conditions() {
    let mut app = App::new();
    let a = app.stack("a").unwrap();
    a.add_condition("Empty", Condition::and([])).unwrap();
    let msg = app.synthesize().unwrap_err().to_string();
    assert!(msg.contains("2 to 10"), "{msg}");
}

#[test]
fn mappings_metadata_and_export_names_reject_references() {
    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let t = topic(&a, "T");
    a.add_mapping(
        "M",
        Json::object([("k", Json::object([("v", t.reference().into())]))]),
    )
    .unwrap();
    assert!(
        app.synthesize()
            .unwrap_err()
            .to_string()
            .contains("a mapping cannot hold a reference")
    );

    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let t = topic(&a, "T");
    a.set_metadata("Note", t.reference().into());
    assert!(
        app.synthesize()
            .unwrap_err()
            .to_string()
            .contains("template metadata")
    );

    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let t = topic(&a, "T");
    let env = a.add_parameter("Env", Parameter::string()).unwrap();
    a.add_output(
        "Ok",
        Output::new("x").export_name(intrinsic::sub_with("${E}-x", [("E", env.value())])),
    )
    .unwrap();
    assert!(app.synthesize().is_ok());
    a.add_output("Bad", Output::new("x").export_name(t.reference()))
        .unwrap();
    let msg = app.synthesize().unwrap_err().to_string();
    assert!(
        msg.contains("export name") && msg.contains("Export.Name"),
        "{msg}"
    );
}

#[test]
fn conditional_resources_and_no_echo_parameters_are_not_exported() {
    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let b = app.stack("b").unwrap();
    let c = a
        .add_condition("C", Condition::equals(intrinsic::region(), "us-east-1"))
        .unwrap();
    let t = topic(&a, "T");
    t.set_condition(&c).unwrap();
    b.add_output("X", Output::new(t.reference())).unwrap();
    assert!(
        app.synthesize()
            .unwrap_err()
            .to_string()
            .contains("only under a condition")
    );

    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let b = app.stack("b").unwrap();
    let secret = a
        .add_parameter("Secret", Parameter::string().no_echo())
        .unwrap();
    b.add_output("X", Output::new(secret.value())).unwrap();
    assert!(app.synthesize().unwrap_err().to_string().contains("NoEcho"));
}

#[test]
fn duplicate_keys_and_non_finite_parameter_numbers_are_errors() {
    let mut app = App::new();
    let a = app.stack("a").unwrap();
    a.add_raw(
        "T",
        "AWS::X::Y",
        Json::Object(vec![("K".into(), Json::Int(1)), ("K".into(), Json::Int(2))]),
    )
    .unwrap();
    assert!(
        app.synthesize()
            .unwrap_err()
            .to_string()
            .contains("appears twice")
    );

    let mut app = App::new();
    let a = app.stack("a").unwrap();
    a.add_parameter("N", Parameter::number().min_value(f64::NAN))
        .unwrap();
    let msg = app.synthesize().unwrap_err().to_string();
    assert!(msg.contains("`N`") && msg.contains("MinValue"), "{msg}");
}

#[test]
fn a_resource_cannot_depend_on_itself() {
    let mut app = App::new();
    let a = app.stack("a").unwrap();
    let t = topic(&a, "T");
    assert!(t.add_depends_on(&t).is_err());
}

#[test]
fn a_dependency_on_a_stack_of_another_app_is_an_error_not_a_panic() {
    let mut other = App::new();
    other.stack("x").unwrap();
    other.stack("y").unwrap();
    let z = other.stack("z").unwrap();
    let mut app = App::new();
    let one = app.stack("one").unwrap();
    one.add_dependency(&z);
    let msg = app.synthesize().unwrap_err().to_string();
    assert!(msg.contains("`z`") && msg.contains("another App"), "{msg}");
}

/// A hand-written resource whose rendering uses its own stack must not break synthesis.
#[derive(Clone)]
struct Reentrant(Stack);

impl ecs_dsl::template::ToJson for Reentrant {
    fn to_json(&self) -> Json {
        self.0
            .set_description(format!("{} resources", self.0.resource_count()));
        Json::Object(vec![])
    }
}

impl Resource for Reentrant {
    const TYPE_NAME: &'static str = "Custom::Reentrant";
    const CREATE_ONLY_PROPERTIES: &'static [&'static str] = &[];
    const TAG_PROPERTY: Option<&'static str> = None;
}

#[test]
fn rendering_may_use_the_stack_without_panicking() {
    let mut app = App::new();
    let a = app.stack("a").unwrap();
    a.add("R", Reentrant(a.clone())).unwrap();
    let t = app.synthesize().unwrap().stacks[0].template_json();
    assert_eq!(t["Resources"]["R"]["Type"], "Custom::Reentrant");
}

#[test]
fn debug_output_does_not_depend_on_the_app_id() {
    let render = || {
        let mut app = App::new();
        let a = app.stack("a").unwrap();
        format!("{:?}", topic(&a, "T").reference())
    };
    assert_eq!(render(), render());
}
